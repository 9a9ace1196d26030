/*
 * docrule_load.c: the keys of a rule pack for document rules (check, part,
 * max, min, per, metric) and for kinds and stages (when, severity_by),
 * checked as strictly as the rest of the schema (rules_load.c).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "docrules.h"
#include "strbuf.h"

static tl_status fail(const tl_rule *r, const char *file, tli_errinfo *err,
		      const tli_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static tl_status fail(const tl_rule *r, const char *file, tli_errinfo *err,
		      const tli_ynode *n, const char *fmt, ...)
{
	tli_buf b = TLI_BUF_INIT;
	tli_buf_printf(&b, "rule '%s': ", r->id);
	va_list ap;
	va_start(ap, fmt);
	tli_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *msg = tli_buf_take(&b);
	if (!msg)
		return TL_ENOMEM;
	tli_error_set(err, file, n ? n->line : 0, n ? n->column : 0, "%s", msg);
	free(msg);
	return TL_ERULE;
}

#define FAIL(n, ...) return fail(r, file, err, (n), __VA_ARGS__)

static int scalar(const tli_ynode *n)
{
	return n->kind == TLI_Y_SCALAR && !tli_ynode_is_null(n) &&
	       !memchr(n->str, '\0', n->len);
}

/* A number, as written plainly in YAML. */
static int number(const tli_ynode *n, double *out)
{
	if (!scalar(n) || !n->plain || !n->len)
		return 0;
	char *end = NULL;
	errno = 0;
	double v = strtod(n->str, &end);
	if (*end || errno || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

/* One selector, or a list of them. */
static tl_status selectors(const tl_rule *r, const char *file, tli_errinfo *err,
			   const tli_ynode *n, const char *key,
			   tli_selector **out, size_t *count)
{
	const tli_ynode *const *items;
	const tli_ynode *one[1] = {n};
	size_t k;
	if (n->kind == TLI_Y_SEQ && n->count > 0) {
		items = (const tli_ynode *const *)n->items;
		k = n->count;
	} else if (scalar(n)) {
		items = one;
		k = 1;
	} else {
		FAIL(n,
		     "'%s' must be a document kind or a list of them (such as "
		     "reminder or reminder:final), not %s",
		     key,
		     n->kind == TLI_Y_SEQ ? "an empty list"
					  : tli_ynode_kind(n));
	}
	*out = calloc(k, sizeof **out);
	if (!*out)
		return TL_ENOMEM;
	for (size_t i = 0; i < k; i++) {
		char why[200];
		if (!scalar(items[i]))
			FAIL(items[i], "'%s' lists document kinds; found %s",
			     key, tli_ynode_kind(items[i]));
		if (tli_selector_parse(&(*out)[i], items[i]->str, why,
				       sizeof why))
			FAIL(items[i], "%s", why);
		if ((*out)[i].any)
			FAIL(items[i],
			     "'all' is for budgets; a rule lists the kinds it "
			     "applies to");
		*count = i + 1;
	}
	return TL_OK;
}

static tl_status severity_by(const tl_rule *r, const char *file,
			     tli_errinfo *err, const tli_ynode *n, tli_cond *c)
{
	if (n->kind != TLI_Y_MAP || n->count == 0)
		FAIL(n,
		     "'severity_by' must be a mapping from a kind (such as "
		     "reminder:final) to error, warning or suggestion, not %s",
		     tli_ynode_kind(n));
	c->sev_sel = calloc(n->count, sizeof *c->sev_sel);
	c->sev_val = calloc(n->count, sizeof *c->sev_val);
	if (!c->sev_sel || !c->sev_val)
		return TL_ENOMEM;
	for (size_t i = 0; i < n->count; i++) {
		const tli_ynode *k = n->items[2 * i], *v = n->items[2 * i + 1];
		char why[200];
		if (!scalar(k))
			FAIL(k, "'severity_by' keys are document kinds");
		if (tli_selector_parse(&c->sev_sel[i], k->str, why, sizeof why))
			FAIL(k, "%s", why);
		for (size_t j = 0; j < i; j++)
			if (!memcmp(&c->sev_sel[j], &c->sev_sel[i],
				    sizeof c->sev_sel[i]))
				FAIL(k, "duplicate key '%s' in 'severity_by'",
				     k->str);
		if (!scalar(v) || tl_severity_parse(&c->sev_val[i], v->str))
			FAIL(v,
			     "severity for '%s' must be error, warning or "
			     "suggestion",
			     k->str);
		c->sev_count = i + 1;
	}
	return TL_OK;
}

static int word_is(const tli_ynode *n, const char *w)
{
	return scalar(n) && strcmp(n->str, w) == 0;
}

tl_status tli_docrule_load(tl_rule *r, const tli_dockeys *k,
			   const tli_ynode *id_node, const char *file,
			   tli_errinfo *err)
{
	tl_status st;
	if (k->when || k->severity_by) {
		r->cond = calloc(1, sizeof *r->cond);
		if (!r->cond)
			return TL_ENOMEM;
		if (k->when &&
		    (st = selectors(r, file, err, k->when, "when",
				    &r->cond->when, &r->cond->when_count)))
			return st;
		if (k->severity_by &&
		    (st = severity_by(r, file, err, k->severity_by, r->cond)))
			return st;
	}
	if (!k->check) {
		const tli_ynode *stray = k->part  ? k->part
					 : k->max ? k->max
					 : k->min ? k->min
					 : k->per ? k->per
						  : k->metric;
		if (stray)
			FAIL(stray,
			     "this key belongs to document rules (add 'check: "
			     "required', 'limit' or 'metric')");
		return TL_OK;
	}
	r->doc = calloc(1, sizeof *r->doc);
	if (!r->doc)
		return TL_ENOMEM;
	tli_docrule *d = r->doc;
	if (word_is(k->check, "required"))
		d->check = TLI_CHECK_REQUIRED;
	else if (word_is(k->check, "limit"))
		d->check = TLI_CHECK_LIMIT;
	else if (word_is(k->check, "metric"))
		d->check = TLI_CHECK_METRIC;
	else
		FAIL(k->check, "'check' must be required, limit or metric");
	if (!k->when)
		FAIL(id_node,
		     "a document rule needs 'when': the document kinds it "
		     "applies to (such as reminder)");
	if (k->part) {
		if (word_is(k->part, "document"))
			d->part = TLI_PART_DOCUMENT;
		else if (word_is(k->part, "subject"))
			d->part = TLI_PART_SUBJECT;
		else if (word_is(k->part, "body"))
			d->part = TLI_PART_BODY;
		else
			FAIL(k->part,
			     "'part' must be document, subject or body");
	}
	if (d->check == TLI_CHECK_REQUIRED) {
		const tli_ynode *stray = k->max	  ? k->max
					 : k->min ? k->min
					 : k->per ? k->per
						  : k->metric;
		if (stray)
			FAIL(stray,
			     "a required rule takes patterns, message and "
			     "suggest only ('max', 'min', 'per' and 'metric' "
			     "are for limit and metric rules)");
		return TL_OK;
	}
	if (k->max) {
		if (!number(k->max, &d->max) || d->max < 0)
			FAIL(k->max, "'max' must be a number, 0 or more");
		d->has_max = 1;
	}
	if (k->min) {
		if (!number(k->min, &d->min) || d->min < 0)
			FAIL(k->min, "'min' must be a number, 0 or more");
		d->has_min = 1;
	}
	if (d->check == TLI_CHECK_LIMIT) {
		if (k->metric || k->min)
			FAIL(k->metric ? k->metric : k->min,
			     "a limit rule takes 'max' and 'per' ('%s' is for "
			     "metric rules)",
			     k->metric ? "metric" : "min");
		if (!k->max)
			FAIL(id_node,
			     "a limit rule needs 'max': how many matches are "
			     "allowed");
		if (k->per) {
			if (word_is(k->per, "document"))
				d->per_words = 0;
			else if (word_is(k->per, "100 words"))
				d->per_words = 1;
			else
				FAIL(k->per,
				     "'per' must be document or 100 words");
		}
		return TL_OK;
	}
	if (k->per)
		FAIL(k->per, "'per' is for limit rules");
	if (!k->metric)
		FAIL(id_node,
		     "a metric rule needs 'metric': sentence-length, passive "
		     "or reading-ease");
	if (word_is(k->metric, "sentence-length"))
		d->metric = TLI_METRIC_SENTENCE_LENGTH;
	else if (word_is(k->metric, "passive"))
		d->metric = TLI_METRIC_PASSIVE;
	else if (word_is(k->metric, "reading-ease"))
		d->metric = TLI_METRIC_READING_EASE;
	else
		FAIL(k->metric, "'metric' must be sentence-length, passive or "
				"reading-ease");
	if (d->has_max + d->has_min != 1)
		FAIL(id_node,
		     "a metric rule needs one threshold: 'max' (at most) or "
		     "'min' (at least)");
	return TL_OK;
}

tl_status tli_docrule_example(tl_rule *r, const tli_ynode *item,
			      tli_example *ex, const char *file,
			      tli_errinfo *err)
{
	ex->line = item->line;
	ex->column = item->column;
	ex->format = TL_FORMAT_TEXT;
	/* By default an example is judged as the first kind the rule lists. */
	if (r->cond && r->cond->when_count) {
		ex->kind = r->cond->when[0].kind;
		ex->stage = r->cond->when[0].stage;
	}
	const tli_ynode *text = NULL;
	if (scalar(item)) {
		text = item;
	} else if (item->kind == TLI_Y_MAP) {
		for (size_t i = 0; i < item->count; i++) {
			const tli_ynode *key = item->items[2 * i],
					*v = item->items[2 * i + 1];
			char why[200];
			tli_selector sel;
			if (word_is(key, "text")) {
				text = v;
			} else if (word_is(key, "kind")) {
				if (!scalar(v) ||
				    tli_selector_parse(&sel, v->str, why,
						       sizeof why) ||
				    sel.any)
					FAIL(v, "an example's 'kind' is a "
						"document "
						"kind such as reminder:1");
				ex->kind = sel.kind;
				ex->stage = sel.stage;
			} else if (word_is(key, "format")) {
				if (!scalar(v) ||
				    tl_format_parse(&ex->format, v->str) ||
				    ex->format == TL_FORMAT_AUTO)
					FAIL(v, "an example's 'format' is an "
						"input "
						"format such as text or eml");
			} else {
				FAIL(key,
				     "unknown key '%s' in an example (expected "
				     "text, kind or format)",
				     scalar(key) ? key->str : "?");
			}
		}
		if (!text)
			FAIL(item, "an example mapping needs 'text'");
	}
	if (!text || !scalar(text))
		FAIL(item,
		     "an example of a document rule is a text, or a mapping "
		     "with text, kind and format; found %s",
		     tli_ynode_kind(item));
	ex->text = tli_strndup(text->str, text->len);
	return ex->text ? TL_OK : TL_ENOMEM;
}

void tli_cond_free(tli_cond *c)
{
	if (!c)
		return;
	free(c->when);
	free(c->sev_sel);
	free(c->sev_val);
	free(c);
}

void tli_docrule_free(tli_docrule *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->pattern_count; i++)
		pcre2_code_free(d->patterns[i]);
	free(d->patterns);
	free(d);
}
