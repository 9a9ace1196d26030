/*
 * docrules.c: judging a whole document once the phrase rules have run: its
 * kind and stage, the rules that apply to it and their severities, the
 * document rules (required, limit, metric) and the measures of its prose.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docrules.h"
#include "result.h"
#include "strbuf.h"
#include "utf8.h"

/* The same limits as the phrase rules' (scanner.c). */
/* A metric says little about fewer sentences than this. */
#define METRIC_MIN_SENTENCES 3

/* Does this prose run belong to the part? An email's subject is the text
 * labelled "subject" (or "message N ..., subject" in a mailbox). */
static int is_subject(const tli_text *t)
{
	if (!t->label)
		return 0;
	size_t n = strlen(t->label);
	return (n == 7 && strcmp(t->label, "subject") == 0) ||
	       (n > 9 && strcmp(t->label + n - 9, ", subject") == 0);
}

static int in_part(const tli_text *t, int part)
{
	switch (part) {
	case TLI_PART_SUBJECT:
		return is_subject(t);
	case TLI_PART_BODY:
		return !is_subject(t);
	default:
		return 1;
	}
}

/* The texts of a part, in document order; *n receives their number. The
 * array is malloc'd (NULL with *n 0 when there are none, or on out of
 * memory, which *oom tells). */
static const tli_text **part_texts(const tl_document *doc, int part, size_t *n,
				   int *oom)
{
	*n = 0;
	*oom = 0;
	const tli_text **v =
		malloc((doc->text_count ? doc->text_count : 1) * sizeof *v);
	if (!v) {
		*oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < doc->text_count; i++)
		if (in_part(&doc->texts[i], part))
			v[(*n)++] = &doc->texts[i];
	if (*n == 0) {
		free(v);
		return NULL;
	}
	return v;
}

/* The severity of rule r for a document of this kind and stage, or 0 when
 * its `when` leaves the document out. */
static tl_severity severity_for(const tl_rule *r, tl_kind kind, tl_stage stage)
{
	const tli_cond *c = r->cond;
	if (!c)
		return r->severity;
	if (c->when_count) {
		int fits = 0;
		for (size_t i = 0; i < c->when_count && !fits; i++)
			fits = tli_selector_fit(&c->when[i], kind, stage) > 0;
		if (!fits)
			return 0;
	}
	tl_severity sev = r->severity;
	int best = 0;
	for (size_t i = 0; i < c->sev_count; i++) {
		int fit = tli_selector_fit(&c->sev_sel[i], kind, stage);
		if (fit > best) {
			best = fit;
			sev = c->sev_val[i];
		}
	}
	return sev;
}

typedef struct judge {
	const tl_ruleset *rs;
	tl_result *res;
	const tl_document *doc;
	tli_matcher m;
	pcre2_match_data *md;
	/* tli_docrules_apply: asked when first needed */
	tli_seen_fn seen_fn;
	void *seen_payload;
	int seen_asked;
	const unsigned char *seen;
	/* the padded copy (tli_pad_copy) of the small text last searched:
	 * of the document's bytes at `padded`, `padded_len` of them */
	tli_pad pad;
	const char *padded;
	size_t padded_len;
} judge;

/* What a search of text t reads: t itself when it is large, else its
 * padded copy (*padded set), made when t's bytes are not the ones copied
 * last (the document's, unchanged while it is judged); t itself,
 * unpadded, if memory runs out. */
static const char *subject(judge *j, const tli_text *t, int *padded)
{
	if (t->len >= TLI_JIT_MIN_TEXT || j->padded != t->data ||
	    j->padded_len != t->len) {
		j->padded = NULL;
		if (tli_pad_copy(&j->pad, t->data, t->len)) {
			j->padded = t->data;
			j->padded_len = t->len;
		}
	}
	*padded = j->padded != NULL;
	return j->padded ? j->pad.buf : t->data;
}

/* One match of r's document pattern k in t (one of the document's texts,
 * or its source: `in_texts`) from `start`: 1 and ov[0..1] on a match, 0
 * for none, -1 after recording a match error as a diagnostic. */
static int match(judge *j, const tl_rule *r, size_t k, const tli_text *t,
		 int in_texts, size_t start, size_t *s, size_t *e)
{
	const tli_docrule *d = r->doc;
	size_t g = d->pattern_base + k;
	/* every match holds a literal that no text holds */
	if (in_texts && j->rs->slot_lits[g] && j->seen_fn) {
		if (!j->seen_asked) {
			j->seen = j->seen_fn(j->seen_payload);
			j->seen_asked = 1;
		}
		if (j->seen && !j->seen[g])
			return 0;
	}
	int padded;
	const char *subj = subject(j, t, &padded);
	int rc = tli_match(j->rs, d->pattern_base + k, d->patterns[k], &j->m,
			   j->md, subj, t->len, tli_text_utf8(t), padded, start,
			   PCRE2_UNSET);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	/* rc 0: more groups than the one pair asked for; ov[0..1] is set */
	if (rc < 0) {
		char msg[160], line[320];
		pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
		snprintf(line, sizeof line, "rule '%s' gave up on a match: %s",
			 r->id, msg);
		return tli_result_diag(j->res, line) ? -2 : -1;
	}
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(j->md);
	*s = ov[0];
	*e = ov[1] >= ov[0] ? ov[1] : ov[0];
	return 1;
}

/* Adds a finding of r: at text t's [s, e) (t NULL: at the start of the
 * document), with the rule's message, `detail` in parentheses after it,
 * and the rule's suggestions. */
static tl_status add(judge *j, const tl_rule *r, tl_severity sev,
		     const tli_text *t, size_t s, size_t e, const char *detail)
{
	tl_result *res = j->res;
	tl_finding f;
	memset(&f, 0, sizeof f);
	f.rule = r;
	f.severity = sev;
	f.context = t ? t->label : NULL;
	f.offset = t ? tli_text_to_source(t, s, 0) : 0;
	size_t end = t ? tli_text_to_source(t, e, 1) : 0;
	f.length = end > f.offset ? end - f.offset : 0;
	tli_buf b = TLI_BUF_INIT;
	tli_buf_puts(&b, r->message);
	if (detail)
		tli_buf_printf(&b, " (%s)", detail);
	char *msg = tli_buf_take(&b);
	if (!msg)
		return TL_ENOMEM;
	f.message = tli_result_strdup(res, msg, strlen(msg));
	free(msg);
	f.match = t ? tli_result_strdup(res, t->data + s, e - s)
		    : tli_result_strdup(res, "", 0);
	const char **list = tli_result_alloc(
		res, (r->suggest_count ? r->suggest_count : 1) * sizeof *list);
	if (!f.message || !f.match || !list)
		return TL_ENOMEM;
	for (size_t i = 0; i < r->suggest_count; i++) {
		list[i] = tli_result_strdup(res, r->suggest[i],
					    strlen(r->suggest[i]));
		if (!list[i])
			return TL_ENOMEM;
	}
	f.suggestions = list;
	f.suggestion_count = r->suggest_count;
	return tli_result_push(res, &f);
}

static tl_status run_required(judge *j, const tl_rule *r, tl_severity sev,
			      const tli_text **texts, size_t n)
{
	const tli_docrule *d = r->doc;
	/* a plain text's one text is its source: searched once, not twice */
	int src_searched = 0;
	for (size_t i = 0; i < n; i++)
		src_searched |= texts[i]->data == j->doc->src &&
				texts[i]->len == j->doc->src_len;
	for (size_t k = 0; k < d->pattern_count; k++) {
		for (size_t i = 0; i < n; i++) {
			size_t s, e;
			int m = match(j, r, k, texts[i], 1, 0, &s, &e);
			if (m == -2)
				return TL_ENOMEM;
			/* a match error is not "missing": it is reported */
			if (m != 0)
				return TL_OK;
		}
	}
	/* A template's placeholders ({{ amount }}, {{ support_email }})
	 * reach the prose as a stand-in: look in the source as well. Not in
	 * an email, whose headers would answer for the letter. */
	if (!src_searched && d->part != TLI_PART_SUBJECT &&
	    j->doc->format != TL_FORMAT_EML &&
	    j->doc->format != TL_FORMAT_MBOX) {
		tli_text src;
		memset(&src, 0, sizeof src);
		src.data = j->doc->src;
		src.len = j->doc->src_len;
		src.utf8 = j->doc->src_utf8;
		for (size_t k = 0; k < d->pattern_count; k++) {
			size_t s, e;
			int m = match(j, r, k, &src, 0, 0, &s, &e);
			if (m == -2)
				return TL_ENOMEM;
			if (m != 0)
				return TL_OK;
		}
	}
	/* At the start of the document, or of the part. */
	if (d->part == TLI_PART_DOCUMENT)
		return add(j, r, sev, NULL, 0, 0, NULL);
	return add(j, r, sev, texts[0], 0, 0, NULL);
}

static size_t part_words(const tli_text **texts, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += tli_count_words(texts[i]->data, texts[i]->len);
	return w;
}

struct hit {
	size_t text, s, e;
};

static int by_place(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->text != y->text)
		return x->text < y->text ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return 0;
}

static tl_status run_limit(judge *j, const tl_rule *r, tl_severity sev,
			   const tli_text **texts, size_t n)
{
	const tli_docrule *d = r->doc;
	size_t words = d->per_words ? part_words(texts, n) : 0;
	/* Per 100 words, a short text counts as 100 words: one "!" in a
	 * two-line note is not three per hundred. */
	double allowed_f =
		d->per_words
			? d->max * (double)(words < 100 ? 100 : words) / 100.0
			: d->max;
	size_t allowed = (size_t)allowed_f;
	/* Every match, so that the finding is at the first one over the
	 * limit in document order whichever pattern found it. */
	struct hit *hits = NULL;
	size_t count = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		const tli_text *t = texts[i];
		for (size_t k = 0; k < d->pattern_count; k++) {
			size_t start = 0;
			while (start <= t->len) {
				size_t s, e;
				int m = match(j, r, k, t, 1, start, &s, &e);
				if (m == -2) {
					free(hits);
					return TL_ENOMEM;
				}
				if (m <= 0)
					break;
				if (count == cap) {
					cap = cap ? cap * 2 : 16;
					struct hit *p =
						realloc(hits, cap * sizeof *p);
					if (!p) {
						free(hits);
						return TL_ENOMEM;
					}
					hits = p;
				}
				hits[count++] = (struct hit){i, s, e};
				if (e > start) {
					start = e;
				} else if (start < t->len) {
					uint32_t cp;
					start += tli_utf8_decode(
						(const unsigned char *)t->data +
							start,
						t->len - start, &cp);
				} else {
					break;
				}
			}
		}
	}
	if (count <= allowed) {
		free(hits);
		return TL_OK;
	}
	qsort(hits, count, sizeof *hits, by_place);
	const tli_text *at = texts[hits[allowed].text];
	size_t at_s = hits[allowed].s, at_e = hits[allowed].e;
	free(hits);
	char detail[160];
	if (d->per_words)
		snprintf(detail, sizeof detail,
			 "%zu in %zu words; at most %g per 100 words", count,
			 words, d->max);
	else
		snprintf(detail, sizeof detail, "%zu found; at most %zu", count,
			 allowed);
	return add(j, r, sev, at, at_s, at_e, detail);
}

static tl_status run_metric(judge *j, const tl_rule *r, tl_severity sev,
			    const tli_text **texts, size_t n)
{
	const tli_docrule *d = r->doc;
	/* the body's measures are the result's, taken once for all the
	 * metric rules (each measuring again took half of a 60 KB
	 * reminder's instructions) */
	tl_metrics m;
	if (d->part == TLI_PART_BODY && j->res->has_metrics)
		m = j->res->metrics;
	else
		tli_measure(texts, n, &m);
	if (m.sentences < METRIC_MIN_SENTENCES)
		return TL_OK;
	double v = d->metric == TLI_METRIC_SENTENCE_LENGTH ? m.sentence_length
		   : d->metric == TLI_METRIC_PASSIVE	   ? m.passive
							   : m.reading_ease;
	int bad = d->has_max ? v > d->max : v < d->min;
	if (!bad)
		return TL_OK;
	char detail[160];
	const char *bound = d->has_max ? "at most" : "at least";
	double th = d->has_max ? d->max : d->min;
	if (d->metric == TLI_METRIC_SENTENCE_LENGTH)
		snprintf(detail, sizeof detail,
			 "%.1f words a sentence on average; %s %g", v, bound,
			 th);
	else if (d->metric == TLI_METRIC_PASSIVE)
		snprintf(detail, sizeof detail,
			 "%.0f%% of sentences in the passive; %s %g%%", v,
			 bound, th);
	else
		snprintf(detail, sizeof detail, "reading ease %.0f; %s %g", v,
			 bound, th);
	if (d->part == TLI_PART_DOCUMENT)
		return add(j, r, sev, NULL, 0, 0, detail);
	return add(j, r, sev, texts[0], 0, 0, detail);
}

static tl_status run_rule(judge *j, const tl_rule *r, tl_severity sev)
{
	size_t n;
	int oom;
	const tli_text **texts = part_texts(j->doc, r->doc->part, &n, &oom);
	if (oom)
		return TL_ENOMEM;
	/* A part the document does not have (a subject in a text file) is
	 * not judged. */
	if (!texts)
		return TL_OK;
	tl_status st;
	switch (r->doc->check) {
	case TLI_CHECK_REQUIRED:
		st = run_required(j, r, sev, texts, n);
		break;
	case TLI_CHECK_LIMIT:
		st = run_limit(j, r, sev, texts, n);
		break;
	default:
		st = run_metric(j, r, sev, texts, n);
		break;
	}
	free(texts);
	return st;
}

static tl_status judge_open(judge *j, const tl_ruleset *rs, tl_result *res,
			    const tl_document *doc)
{
	memset(j, 0, sizeof *j);
	j->rs = rs;
	j->res = res;
	j->doc = doc;
	j->md = pcre2_match_data_create(1, NULL);
	return j->md && !tli_matcher_init(&j->m) ? TL_OK : TL_ENOMEM;
}

static void judge_close(judge *j)
{
	pcre2_match_data_free(j->md);
	tli_matcher_free(&j->m);
	tli_pad_free(&j->pad);
}

tl_status tli_docrules_apply(const tl_ruleset *rs, tl_result *res,
			     const tl_document *doc, tl_severity min,
			     tli_seen_fn seen, void *payload)
{
	tl_stage stage;
	tl_kind kind = tli_document_kind(doc, &stage, &res->kind_source);
	res->kind = kind;
	res->stage = stage;
	/* Phrase findings: `when` and `severity_by`. */
	size_t kept = 0;
	for (size_t i = 0; i < res->count; i++) {
		tl_finding *f = &res->findings[i];
		if (f->rule->cond) {
			tl_severity sev = severity_for(f->rule, kind, stage);
			if (!sev || sev < min)
				continue;
			f->severity = sev;
		}
		res->findings[kept++] = *f;
	}
	res->count = kept;
	if (kind == TL_KIND_NONE)
		return TL_OK;
	size_t n;
	int oom;
	const tli_text **body = part_texts(doc, TLI_PART_BODY, &n, &oom);
	if (oom)
		return TL_ENOMEM;
	tli_measure(body, n, &res->metrics);
	res->has_metrics = 1;
	free(body);
	judge j;
	tl_status st = judge_open(&j, rs, res, doc);
	j.seen_fn = seen;
	j.seen_payload = payload;
	for (size_t i = 0; i < rs->count && !st; i++) {
		const tl_rule *r = rs->rules[i];
		if (!r->doc)
			continue;
		tl_severity sev = severity_for(r, kind, stage);
		if (sev && sev >= min)
			st = run_rule(&j, r, sev);
	}
	judge_close(&j);
	return st;
}

tl_status tli_docrule_count(const tl_ruleset *rs, const tl_rule *r,
			    const tl_document *doc, size_t *count)
{
	*count = 0;
	tl_result *res = tli_result_new(doc);
	if (!res)
		return TL_ENOMEM;
	tl_stage stage;
	tl_kind kind = tli_document_kind(doc, &stage, NULL);
	judge j;
	tl_status st = judge_open(&j, rs, res, doc);
	tl_severity sev = severity_for(r, kind, stage);
	if (!st && sev)
		st = run_rule(&j, r, sev);
	judge_close(&j);
	*count = res->count;
	tl_result_free(res);
	return st;
}

tl_kind tl_result_kind(const tl_result *res, tl_stage *stage,
		       tl_kind_source *source)
{
	if (stage)
		*stage = res->stage;
	if (source)
		*source = res->kind_source;
	return res->kind;
}

const tl_metrics *tl_result_metrics(const tl_result *res)
{
	return res->has_metrics ? &res->metrics : NULL;
}
