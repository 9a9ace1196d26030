/* scanner.c: running the rules over a document's prose. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "docrules.h"
#include "fix.h"
#include "gate.h"
#include "litextract.h"
#include "pattern.h"
#include "prefilter.h"
#include "result.h"
#include "strbuf.h"
#include "subst.h"
#include "utf8.h"

/* How far a sentence is looked for around a match, each way. */
#define SENTENCE_REACH 2000u

struct tl_scanner {
	tl_ruleset *rs;
	pcre2_match_data *md;
	pcre2_match_data *md_exc; /* for exceptions: keeps md's groups */
	tli_matcher m;
	tl_severity min;
	int prefilter;
	/* Per pattern: where its literals occur in the current block of
	 * text, and where its search resumes. */
	struct hits {
		size_t *at;
		size_t count, cap;
	} * hits, *ghits; /* ghits: where its gate's literals occur */
	size_t *resume;
	/* The patterns whose literals (or gate's) occurred in the current
	 * text (`touched`, `ntouched`, flagged in `is_touched`): only they
	 * have candidates to run and state to clear. A mail is a few small
	 * texts, and going through all 576 built-in patterns for each was
	 * a tenth of the time on a mailbox. */
	size_t *touched;
	size_t ntouched;
	unsigned char *is_touched;
	/* Per pattern, its rule; and the patterns without literals, which
	 * run over the whole text */
	const tl_rule **rule_of;
	uint32_t *unfiltered;
	size_t nunfiltered;
	int oom; /* a hit could not be recorded */
	/* The patterns found near capitals (rs->upper), by shape: two
	 * capitals in a row, two capital words, or capital words of a set
	 * (litextract.h). */
	uint32_t *pairs, *words;
	size_t pair_count, word_count;
	const tli_capgate *caps; /* rs->capgates */
	size_t cap_count;
	/* Per code slot: a literal of a document rule's pattern (slot_lits)
	 * occurs in the document (doc_seen). */
	unsigned char *seen;
	/* Per literal of the document rules' automaton: each is reported
	 * once a document (all TLI_AC_ONCE as each begins): the rest of its
	 * occurrences would change nothing. */
	uint8_t *mute;
	size_t nlits;
	/* Per pattern: how its gate (gate.h) fares in this scanner, and
	 * what its searches and its gate's checks cost on this machine
	 * (GATE_TIMED of each, timed). */
	struct gate_stat {
		size_t tries;	     /* candidates searched */
		size_t checks, shut; /* gate checks, and searches saved */
		int off;	     /* no gate, or one that saves little */
		size_t searches;     /* in the timing window: the first is not
					timed (it may compile the pattern) */
		size_t timed, checks_timed;
		uint64_t search_ns, check_ns;
	} * gstat;
	int keep_gates; /* tli_scanner_keep_gates */
	/* What the searches of the current text read (use_text): the text,
	 * or for a small one its padded copy in `pad` (`padded`), which the
	 * JIT may read. */
	const char *subj;
	int padded;
	tli_pad pad;
};

tl_status tl_scanner_new(tl_scanner **out, tl_ruleset *rs)
{
	*out = NULL;
	tl_scanner *sc = calloc(1, sizeof *sc);
	if (!sc)
		return TL_ENOMEM;
	if (tli_ruleset_freeze(rs)) {
		free(sc);
		return TL_ENOMEM;
	}
	sc->rs = rs;
	sc->min = TL_SEVERITY_SUGGESTION;
	sc->prefilter = 1;
	sc->hits = calloc(rs->pattern_total ? rs->pattern_total : 1,
			  sizeof *sc->hits);
	sc->ghits = calloc(rs->pattern_total ? rs->pattern_total : 1,
			   sizeof *sc->ghits);
	sc->resume = calloc(rs->pattern_total ? rs->pattern_total : 1,
			    sizeof *sc->resume);
	sc->gstat = calloc(rs->pattern_total ? rs->pattern_total : 1,
			   sizeof *sc->gstat);
	size_t np = rs->pattern_total ? rs->pattern_total : 1;
	sc->touched = malloc(np * sizeof *sc->touched);
	sc->is_touched = calloc(np, 1);
	sc->rule_of = malloc(np * sizeof *sc->rule_of);
	sc->unfiltered = malloc(np * sizeof *sc->unfiltered);
	for (size_t i = 0; sc->rule_of && sc->unfiltered && i < rs->count;
	     i++) {
		const tl_rule *r = rs->rules[i];
		for (size_t k = 0; k < r->pattern_count; k++) {
			sc->rule_of[r->pattern_base + k] = r;
			if (!rs->patinfo[r->pattern_base + k].filtered)
				sc->unfiltered[sc->nunfiltered++] =
					(uint32_t)(r->pattern_base + k);
		}
	}
	sc->md = pcre2_match_data_create(rs->max_groups + 1, NULL);
	sc->md_exc = pcre2_match_data_create(1, NULL);
	size_t nu = rs->upper_count ? rs->upper_count : 1;
	sc->seen = calloc(rs->jit_slots ? rs->jit_slots : 1, 1);
	sc->pairs = malloc(nu * sizeof *sc->pairs);
	sc->words = malloc(nu * sizeof *sc->words);
	int oom = !sc->pairs || !sc->words;
	for (size_t u = 0; !oom && u < rs->upper_count; u++) {
		uint32_t g = rs->upper[u];
		if (rs->patinfo[g].upper == TLI_UPPER_WORDS)
			sc->words[sc->word_count++] = g;
		else if (rs->patinfo[g].upper == TLI_UPPER_PAIR)
			sc->pairs[sc->pair_count++] = g;
	}
	sc->caps = rs->capgates;
	sc->cap_count = rs->capgate_count;
	if (!oom && rs->doc_ac) {
		sc->nlits = tli_ac_literal_count(rs->doc_ac);
		sc->mute = malloc(sc->nlits ? sc->nlits : 1);
		oom = !sc->mute;
	}
	oom = oom || !sc->touched || !sc->is_touched || !sc->rule_of ||
	      !sc->unfiltered;
	if (!sc->md || !sc->md_exc || !sc->hits || !sc->resume || oom ||
	    !sc->gstat || !sc->ghits || !sc->seen || tli_matcher_init(&sc->m)) {
		tl_scanner_free(sc);
		return TL_ENOMEM;
	}
	*out = sc;
	return TL_OK;
}

void tl_scanner_free(tl_scanner *sc)
{
	if (!sc)
		return;
	pcre2_match_data_free(sc->md);
	pcre2_match_data_free(sc->md_exc);
	tli_matcher_free(&sc->m);
	for (size_t i = 0; sc->hits && i < sc->rs->pattern_total; i++)
		free(sc->hits[i].at);
	for (size_t i = 0; sc->ghits && i < sc->rs->pattern_total; i++)
		free(sc->ghits[i].at);
	free(sc->hits);
	free(sc->ghits);
	free(sc->touched);
	free(sc->is_touched);
	free((void *)sc->rule_of);
	free(sc->unfiltered);
	free(sc->resume);
	free(sc->pairs);
	free(sc->words);
	free(sc->seen);
	free(sc->mute);
	free(sc->gstat);
	tli_pad_free(&sc->pad);
	free(sc);
}

void tl_scanner_set_min_severity(tl_scanner *sc, tl_severity min)
{
	sc->min = min;
}

void tl_scanner_set_prefilter(tl_scanner *sc, int on)
{
	sc->prefilter = on != 0;
}

/* One match attempt of code `g` (`re` its interpreter form) over s[0..len),
 * valid UTF-8 or not (`valid`): match.c. */
static int match(tl_scanner *sc, pcre2_match_data *md, size_t g,
		 const pcre2_code *re, const char *s, size_t len, int valid,
		 size_t start, size_t limit)
{
	return tli_match(sc->rs, g, re, &sc->m, md, s, len, valid, sc->padded,
			 start, limit);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int is_end_punct(char c)
{
	return c == '.' || c == '!' || c == '?';
}

/* Is t[i] a '\n' that ends a blank line (only spaces since the previous
 * '\n')? */
static int blank_line_before(const char *t, size_t i)
{
	while (i > 0 &&
	       (t[i - 1] == ' ' || t[i - 1] == '\t' || t[i - 1] == '\r'))
		i--;
	return i > 0 && t[i - 1] == '\n';
}

static size_t sentence_start(const char *t, size_t s)
{
	size_t limit = s > SENTENCE_REACH ? s - SENTENCE_REACH : 0;
	for (size_t i = s; i > limit; i--) {
		char c = t[i - 1];
		if (c == '\n' && blank_line_before(t, i - 1))
			return i;
		if (is_end_punct(c) && i < s && is_ws(t[i]))
			return i;
	}
	return limit;
}

static size_t sentence_end(const char *t, size_t len, size_t e)
{
	size_t limit = len - e > SENTENCE_REACH ? e + SENTENCE_REACH : len;
	for (size_t i = e; i < limit; i++) {
		if (is_end_punct(t[i]) && (i + 1 == len || is_ws(t[i + 1])))
			return i + 1;
		if (t[i] == '\n') {
			size_t j = i + 1;
			while (j < len &&
			       (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
				j++;
			if (j < len && t[j] == '\n')
				return i;
		}
	}
	return limit;
}

/* Does any of the rule's exceptions match the sentence around [s, e) of
 * text t (valid UTF-8 or not: `valid`)? */
static int excepted(tl_scanner *sc, const tl_rule *r, const char *t, size_t len,
		    int valid, size_t s, size_t e)
{
	if (r->exception_count == 0)
		return 0;
	size_t a = sentence_start(t, s), b = sentence_end(t, len, e);
	/* a sentence cut at its reach ends before the character cut: the
	 * subject must stay valid UTF-8 */
	while (b > a && b < len && ((unsigned char)t[b] & 0xC0) == 0x80)
		b--;
	for (size_t i = 0; i < r->exception_count; i++) {
		int rc = match(sc, sc->md_exc, r->exception_base + i,
			       r->exceptions[i], t, b, valid, a, PCRE2_UNSET);
		/* An exception that fails with an error does not cancel: a
		 * broken exception must not hide findings. */
		if (rc >= 0)
			return 1;
	}
	return 0;
}

static const char *match_error(int rc, char *buf, size_t size)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		return "the match limit was reached (the pattern backtracks "
		       "too much)";
	case PCRE2_ERROR_DEPTHLIMIT:
		return "the depth limit was reached (the pattern nests too "
		       "deeply)";
	case PCRE2_ERROR_HEAPLIMIT:
		return "the heap limit was reached";
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return "the JIT stack limit was reached";
	default:
		pcre2_get_error_message(rc, (PCRE2_UCHAR *)buf, size);
		return buf;
	}
}

/* Builds the finding for the current match of rule r (pattern k). */
static tl_status add_finding(tl_scanner *sc, tl_result *res, const tl_rule *r,
			     const tli_text *t, size_t s, size_t e)
{
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	uint32_t pairs = pcre2_get_ovector_count(sc->md);
	tl_finding f;
	memset(&f, 0, sizeof f);
	f.rule = r;
	f.severity = r->severity;
	f.context = t->label;
	f.offset = tli_text_to_source(t, s, 0);
	size_t src_end = tli_text_to_source(t, e, 1);
	f.length = src_end > f.offset ? src_end - f.offset : 0;
	if (t->origin && tli_origin_finding(res, t, s, e, &f))
		return TL_ENOMEM;
	tli_buf b = TLI_BUF_INIT;
	/* Placeholders in the match and in $N show as the file writes them
	 * (display.c); prose_match keeps what the rules saw. */
	tli_display_expand_message(&b, r->message, res->doc, t, ov, pairs);
	char *msg = tli_buf_take(&b);
	if (!msg)
		return TL_ENOMEM;
	f.message = tli_result_strdup(res, msg, strlen(msg));
	free(msg);
	f.prose_match = tli_result_strdup(res, t->data + s, e - s);
	tli_display_append(&b, res->doc, t, s, e);
	if (!b.oom && b.len == e - s &&
	    memcmp(b.data ? b.data : "", t->data + s, e - s) == 0) {
		tli_buf_free(&b);
		f.match = f.prose_match;
	} else {
		char *m = tli_buf_take(&b);
		f.match = m ? tli_result_strdup(res, m, strlen(m)) : NULL;
		free(m);
	}
	size_t nsug = r->rewrite_count ? 1 : r->suggest_count;
	const char **list = f.message && f.match && f.prose_match
				    ? tli_result_alloc(res, nsug * sizeof *list)
				    : NULL;
	if (!list)
		return TL_ENOMEM;
	for (size_t i = 0; i < nsug; i++) {
		if (r->rewrite_count) {
			PCRE2_SPTR mark = pcre2_get_mark(sc->md);
			size_t idx = mark ? (size_t)strtoul((const char *)mark,
							    NULL, 10)
					  : 0;
			if (idx >= r->rewrite_count)
				idx = 0;
			tli_adapt_case(&b, r->rewrites[idx], t->data + s,
				       e - s);
		} else {
			tli_display_expand(&b, r->suggest[i], res->doc, t, ov,
					   pairs);
		}
		char *sg = tli_buf_take(&b);
		if (!sg)
			return TL_ENOMEM;
		/* A rewrite made only of a group that did not take part is
		 * empty: no use to anyone (test-rules reports it). */
		if (sg[strspn(sg, " \t\r\n")] == '\0') {
			free(sg);
			continue;
		}
		list[f.suggestion_count] =
			tli_result_strdup(res, sg, strlen(sg));
		free(sg);
		if (!list[f.suggestion_count++])
			return TL_ENOMEM;
	}
	f.suggestions = list;
	tl_status fst = tli_fix_prepare(res, r, t, s, e, sc->md, &f);
	if (fst)
		return fst;
	return tli_result_push(res, &f);
}

/* Where the search for the next match of a filtered pattern goes: the
 * candidates (literal starts, ascending) and how far before one a match may
 * begin: `lookback` bytes ((size_t)-1: anywhere after the previous match),
 * `chars` of them characters that are one byte each in ASCII text
 * (tli_bound_start). */
typedef struct candidates {
	const size_t *at;
	size_t count;
	size_t lookback;
	unsigned chars;
	/* a gate (gate.h): a match starting at or before a candidate p ends
	 * before p + span, and holds a literal of the gate; `stat`: how the
	 * pattern's searches and checks fare (NULL: not to be timed) */
	const tli_ac *gate;
	size_t span;
	unsigned span_chars;
	struct gate_stat *stat;
	/* or the gate's literals as the automaton found them (`gated`):
	 * where they start, ascending, each complete when before `gready` */
	int gated;
	const size_t *gat;
	size_t gcount, gready;
} candidates;

/* A pattern searched this often by one scanner may get a gate (gate.h):
 * analysing the pattern for one costs more than a few searches, which is
 * all that a small file makes. */
#define GATE_AFTER 64
/* Searches and gate checks timed for each pattern that wakes often (past
 * GATE_AFTER candidates): enough to tell what each costs on this machine,
 * few enough that the clock costs nothing to speak of. */
#define GATE_TIMED 32

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Can a match that starts in [from, p] and ends by `to` hold a literal of
 * the candidates' gate? 1 when it cannot be told (the window reaches past
 * what the automaton has read): the search then decides. */
static int gate_open(const candidates *cand, tli_gate_scan *gs, size_t *gi,
		     size_t from, size_t to)
{
	if (cand->gated) {
		if (to > cand->gready)
			return 1;
		while (*gi < cand->gcount && cand->gat[*gi] < from)
			(*gi)++;
		return *gi < cand->gcount && cand->gat[*gi] < to;
	}
	struct gate_stat *st = cand->stat;
	int timing = st->checks_timed < GATE_TIMED;
	uint64_t t0 = timing ? now_ns() : 0;
	int open = tli_gate_open(gs, from, to);
	if (timing) {
		st->check_ns += now_ns() - t0;
		st->checks_timed++;
	}
	st->checks++;
	st->shut += !open;
	return open;
}

/*
 * Finds every match of pattern k of rule r, left to right, each search
 * starting where the previous match ended: the same matches with or without
 * candidates. With them, each search is limited to matches that start at or
 * before the next literal (offset limit) and no further back than the
 * pattern's lookback; every match contains a literal, so none is missed, and
 * a search that fails proves no match starts before the literal.
 */
static tl_status scan_pattern(tl_scanner *sc, tl_result *res, const tl_rule *r,
			      size_t k, const tli_text *t,
			      const candidates *cand, size_t *resume)
{
	const pcre2_code *re = r->patterns[k];
	int valid = tli_text_utf8(t);
	/* where the previous block's search left off: no match starts
	 * before it */
	size_t start = resume ? *resume : 0, ci = 0;
	tl_status st = TL_OK;
	tli_gate_scan gscan;
	size_t gi = 0;
	if (cand && cand->gate)
		tli_gate_begin(&gscan, cand->gate, t->data);
	for (;;) {
		size_t from = start, limit = PCRE2_UNSET, p = 0;
		if (cand) {
			while (ci < cand->count && cand->at[ci] < start)
				ci++;
			if (ci == cand->count)
				break;
			p = cand->at[ci];
			limit = p;
			from = tli_bound_start(cand->lookback, cand->chars,
					       t->data, p, start);
			/* back to a character boundary */
			while (from > start &&
			       ((unsigned char)t->data[from] & 0xC0) == 0x80)
				from--;
			if (cand->gate || cand->gated) {
				size_t to = tli_bound_end(cand->span,
							  cand->span_chars,
							  t->data, t->len, p);
				if (!gate_open(cand, &gscan, &gi, from, to)) {
					/* no match starts in [from, p]: as
					 * a search that failed */
					start = p + 1;
					ci++;
					continue;
				}
			}
		} else if (start > t->len) {
			break;
		}
		/* the first searches of a pattern that wakes often are timed
		 * (the gates' decision, use_gate); not its first, which
		 * compiles it */
		struct gate_stat *gst = cand ? cand->stat : NULL;
		int timing = gst && gst->tries >= GATE_AFTER &&
			     gst->timed < GATE_TIMED && gst->searches++ > 0;
		uint64_t t0 = timing ? now_ns() : 0;
		int rc = match(sc, sc->md, r->pattern_base + k, re, sc->subj,
			       t->len, valid, from, limit);
		if (timing) {
			gst->search_ns += now_ns() - t0;
			gst->timed++;
		}
		if (rc == PCRE2_ERROR_NOMATCH) {
			if (!cand)
				break;
			/* A literal may start with a non-ASCII byte (the ’ of
			 * "’s"), so p + 1 can fall inside a character: the
			 * search then passes over the rest of it, as no match
			 * starts there (tli_match). */
			start = p + 1;
			ci++;
			continue;
		}
		if (rc < 0) {
			char buf[160], line[512];
			snprintf(line, sizeof line,
				 "rule '%s' skipped the rest of this text: %s",
				 r->id, match_error(rc, buf, sizeof buf));
			if (tli_result_stopped(res, r, line))
				return TL_ENOMEM;
			/* this rule is done with the text */
			start = (size_t)-1;
			break;
		}
		const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
		size_t s = ov[0], e = ov[1];
		if (e < s) /* \K in a lookahead can do this */
			e = s;
		if (!excepted(sc, r, sc->subj, t->len, valid, s, e)) {
			st = add_finding(sc, res, r, t, s, e);
			if (st)
				return st;
		}
		if (e > start) {
			start = e;
		} else {
			uint32_t cp;
			start += s < t->len ? tli_utf8_decode(
						      (const unsigned char *)
								      t->data +
							      s,
						      t->len - s, &cp)
					    : 1;
		}
	}
	if (resume)
		*resume = start;
	return st;
}

static int record_hit(void *payload, uint32_t owner, size_t start)
{
	tl_scanner *sc = payload;
	struct hits *h;
	uint32_t g = owner >= sc->rs->jit_slots /* a pattern's gate's */
			     ? owner - (uint32_t)sc->rs->jit_slots
			     : owner;
	h = owner == g ? &sc->hits[g] : &sc->ghits[g];
	if (!sc->is_touched[g]) {
		sc->is_touched[g] = 1;
		sc->touched[sc->ntouched++] = g;
	}
	/* A literal found twice at one place (two of the pattern's
	 * literals) is one candidate. */
	if (h->count && h->at[h->count - 1] == start)
		return 0;
	if (h->count == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 16;
		size_t *p = realloc(h->at, cap * sizeof *p);
		if (!p) {
			sc->oom = 1;
			return 1;
		}
		h->at = p;
		h->cap = cap;
	}
	h->at[h->count++] = start;
	return 0;
}

/* In UTF caseless mode PCRE2 matches the Kelvin sign as k and the long s
 * as s; the ASCII-folding automaton would miss those, so a text holding
 * either is scanned without the prefilter. */
static int has_fold_traps(const tli_text *t)
{
	/* memchr for a byte of each (every text passes here): long s is
	 * C5 BF, the Kelvin sign E2 84 AA (found by its last byte: E2 starts
	 * every curly quote) */
	if (t->len == 0)
		return 0;
	const unsigned char *p = (const unsigned char *)t->data,
			    *end = p + t->len, *q;
	for (q = p; q < end && (q = memchr(q, 0xC5, (size_t)(end - q))); q++)
		if (q + 1 < end && q[1] == 0xBF)
			return 1;
	for (q = p; q < end && (q = memchr(q, 0xAA, (size_t)(end - q))); q++)
		if (q - p >= 2 && q[-2] == 0xE2 && q[-1] == 0x84)
			return 1;
	return 0;
}

static int is_capital(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* A byte that may lie between two capital words (litextract.h): any but
 * an ASCII letter, digit, '_' or '\n'. */
static int is_gap(unsigned char c)
{
	return c >= 0x80 ||
	       !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		 (c >= '0' && c <= '9') || c == '_' || c == '\n');
}

/* Records, for the two-capital-words patterns, the capital at p[i] when
 * gap bytes and then a capital follow it. Only the last capital of a run
 * can be followed by a gap byte; the gap bytes scanned hold no capital, so
 * no byte is scanned twice. */
static void capital_word(tl_scanner *sc, const unsigned char *p, size_t i,
			 size_t len)
{
	if (i + 2 >= len || !is_gap(p[i + 1]))
		return;
	size_t j = i + 2;
	while (j < len && is_gap(p[j]))
		j++;
	if (j < len && is_capital(p[j]))
		for (size_t u = 0; u < sc->word_count; u++)
			record_hit(sc, sc->words[u], i);
}

/* Does the run of capitals p[a..b) hold one of the gate's words, or as
 * many capitals as its run? */
static int run_has_caps(const tli_capgate *cg, const unsigned char *p, size_t a,
			size_t b)
{
	if (cg->l.min_run && b - a >= cg->l.min_run)
		return 1;
	for (size_t k = a; k + 1 < b; k++) {
		unsigned bi = (unsigned)(p[k] - 'A') * 26 +
			      (unsigned)(p[k + 1] - 'A');
		if (!(cg->lead[bi / 8] >> bi % 8 & 1))
			continue;
		for (size_t i = 0; i < cg->l.caps_count; i++)
			if (cg->l.caps_lens[i] <= b - k &&
			    memcmp(p + k, cg->l.caps[i], cg->l.caps_lens[i]) ==
				    0)
				return 1;
	}
	return 0;
}

/* A run of two or more capitals ends at p[at + 1]: a candidate there for
 * every pattern found near two capitals in a row, and for those found near
 * capital words of a set when the run holds one. */
static void run_end(tl_scanner *sc, const unsigned char *p, size_t at)
{
	for (size_t u = 0; u < sc->pair_count; u++)
		record_hit(sc, sc->pairs[u], at);
	if (!sc->cap_count)
		return;
	/* each run is walked back once, from its only end */
	size_t a = at;
	while (a > 0 && is_capital(p[a - 1]))
		a--;
	for (size_t u = 0; u < sc->cap_count; u++)
		if (run_has_caps(&sc->caps[u], p, a, at + 2))
			record_hit(sc, sc->caps[u].g, at);
}

#if defined(TLI_KINDS64) || \
	(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
/* The marks of one step of capital_pairs, from p[at] on, a bit each (or a
 * byte each: bit k is byte k >> shift): where runs of capitals end
 * (`ends`), and capitals that a gap byte follows (`words`). For each kind
 * of pattern, in the order of the text. */
static inline void capital_marks(tl_scanner *sc, const unsigned char *p,
				 size_t at, uint64_t ends, uint64_t words,
				 unsigned shift, size_t len)
{
	for (uint64_t m = sc->pair_count || sc->cap_count ? ends : 0; m;
	     m &= m - 1)
		run_end(sc, p, at + ((size_t)__builtin_ctzll(m) >> shift));
	for (uint64_t m = sc->word_count ? words : 0; m; m &= m - 1)
		capital_word(sc, p, at + ((size_t)__builtin_ctzll(m) >> shift),
			     len);
}
#endif

#ifdef TLI_KINDS64
/* The ASCII capitals of p[0..64), a bit each. */
static uint64_t capitals64(const unsigned char *p)
{
	uint64_t m = 0;
	for (int at = 0; at < 64; at += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(p + at));
		m |= tli_mask16(tli_in_range16(b, 'A', 'Z'), at);
	}
	return m;
}
#endif

/* Records, for every pattern found near capitals in a row (or near
 * capital words of a set, when the run holds one), where each run of
 * capitals in s[from..to) ends: its last two ("VAT" at "AT"; the run may
 * end at `to` or beyond, if len allows). The patterns' lookback has a word
 * more for the rest of the run (ruleset.c). For the patterns found near
 * two capital words, where such words meet. Most bytes are not
 * capitals: eight at a time are checked at once. */
static void capital_pairs(tl_scanner *sc, const char *s, size_t from, size_t to,
			  size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = from;
#ifdef TLI_KINDS64
	/* 64 bytes a step, a bit each (SSE2), while the two bytes after a
	 * step can be read; then as below. For each kind of pattern the same
	 * calls in the same order: a step's run ends, then its capital
	 * words, each in the order of the text. */
	for (; i + 64 < to; i += 64) {
		uint64_t caps = capitals64(p + i);
		if (!caps)
			continue;
		uint64_t c64 = is_capital(p[i + 64]),
			 c65 = i + 65 < len && is_capital(p[i + 65]);
		uint64_t next = caps >> 1 | c64 << 63;
		uint64_t after = caps >> 2 | c64 << 62 | c65 << 63;
		capital_marks(sc, p, i, caps & next & ~after, caps & ~next, 0,
			      len);
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	for (; i + 8 < to; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		/* the top bit of each byte: 'A' <= byte <= 'Z' (no carry
		 * between bytes once the top bits are cleared) */
		uint64_t low = x & ~high;
		uint64_t caps = (low + (0x80 - 'A') * ones) &
				~(low + (0x80 - 'Z' - 1) * ones) & ~x & high;
		if (!caps)
			continue;
		/* bytes k + 1 and k + 2, from the next word past the end */
		uint64_t c8 = is_capital(p[i + 8]) ? 0x80 : 0;
		uint64_t c9 = i + 9 < len && is_capital(p[i + 9]) ? 0x80 : 0;
		uint64_t next = caps >> 8 | c8 << 56;
		uint64_t after = caps >> 16 | c8 << 48 | c9 << 56;
		capital_marks(sc, p, i, caps & next & ~after, caps & ~next, 3,
			      len);
	}
#endif
	for (; i < to; i++) {
		if (!is_capital(p[i]))
			continue;
		if (i + 1 < len && is_capital(p[i + 1])) {
			if (!(i + 2 < len && is_capital(p[i + 2])))
				run_end(sc, p, i);
		} else if (sc->word_count) {
			capital_word(sc, p, i, len);
		}
	}
}

/* The prefilter works through a large text in blocks of this size, every
 * pattern in turn, so that the block is still in cache when the next
 * pattern reads it and the candidate lists stay short. */
#define BLOCK (256u * 1024)

/* A pattern whose searches take this long on average, and took this
 * long in all, is worth a gate of common words (tli_gate): reading the
 * window around a candidate for "will" or "may" costs a few hundred
 * nanoseconds, and analysing a built-in pattern for the gate about a
 * millisecond. Whether the gate then pays is measured (gate_pays). */
#define GATE_SLOW_NS  300
#define GATE_SPENT_NS 2000000
/* Gate checks made before a gate is judged on what it saves. */
#define GATE_JUDGED 256

/* Nanoseconds a timed search or check took on average, 0 if none was. */
static double average_ns(uint64_t ns, size_t n)
{
	return n ? (double)ns / (double)n : 0;
}

/* Does the pattern's gate pay, as far as its timed searches and checks
 * tell (none timed: a gate that kept every search away)? */
static int gate_pays(const struct gate_stat *gs)
{
	if (!gs->timed || !gs->checks_timed)
		return 1;
	return tli_gate_pays(gs->checks, gs->shut,
			     average_ns(gs->search_ns, gs->timed),
			     average_ns(gs->check_ns, gs->checks_timed));
}

/* Sets the gate of pattern k of rule r for its next n candidates once the
 * pattern has woken GATE_AFTER times: of rare words, or, once its timed
 * searches show them slow, of common words too; none if it has none, or
 * if its checks saved less time than they took. */
static void use_gate(tl_scanner *sc, const tl_rule *r, size_t k, size_t n,
		     const tli_runs *runs, candidates *c)
{
	struct gate_stat *gs = &sc->gstat[r->pattern_base + k];
	gs->tries += n;
	c->stat = gs;
	if (gs->off || gs->tries < GATE_AFTER)
		return;
	if (gs->checks >= GATE_JUDGED && !sc->keep_gates && !gate_pays(gs)) {
		gs->off = 1;
		return;
	}
	double avg = average_ns(gs->search_ns, gs->timed);
	int slow = sc->keep_gates ||
		   (gs->timed >= GATE_TIMED && avg >= GATE_SLOW_NS &&
		    avg * (double)gs->tries >= GATE_SPENT_NS);
	tli_bound span;
	const tli_ac *gate = tli_gate(sc->rs, r, k, slow, &span);
	if (!gate) {
		/* none of rare words: one of common words may come when
		 * the pattern has cost enough */
		gs->off = slow;
		return;
	}
	size_t m = tli_bound_value(&span, runs);
	if (m == (size_t)-1)
		return;
	c->gate = gate;
	c->span = m;
	c->span_chars = span.chars;
}

/* Ascending, for lists that nearly are (insertion sort puts them right in
 * one pass): literals of different lengths arrive in order of their ends,
 * nearly sorted by start; the patterns touched are those of the blocks
 * before, then the new ones. */
static void sort_sizes(size_t *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		size_t v = a[i], j = i;
		while (j > 0 && a[j - 1] > v) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = v;
	}
}

/* Drops the gate's literals of pattern g (sorted) that no later window can
 * reach: those before where its search resumes, and before the lookback of
 * its next candidate, which is at `ready` or later. */
static void trim_gate(tl_scanner *sc, size_t g, size_t ready, size_t lookback)
{
	struct hits *gh = &sc->ghits[g];
	size_t keep = sc->resume[g];
	if (lookback != (size_t)-1 && ready != (size_t)-1 && ready > lookback &&
	    ready - lookback > keep)
		keep = ready - lookback;
	size_t drop = 0;
	while (drop < gh->count && gh->at[drop] < keep)
		drop++;
	memmove(gh->at, gh->at + drop, (gh->count - drop) * sizeof *gh->at);
	gh->count -= drop;
}

/* Runs one filtered pattern over the candidates of the current block that
 * are complete: those starting before `ready` (a literal starting later
 * may still end in the next block, and must be taken in order). The rest
 * stay for the next block. */
static tl_status run_ready(tl_scanner *sc, tl_result *res, const tl_rule *r,
			   size_t k, const tli_text *t, size_t ready,
			   const tli_runs *runs)
{
	size_t g = r->pattern_base + k;
	const tli_patinfo *pi = &sc->rs->patinfo[g];
	/* the automaton records gate literals only for gated patterns */
	struct hits *h = &sc->hits[g], *gh = &sc->ghits[g];
	if (h->count == 0 && gh->count == 0)
		return TL_OK;
	size_t lookback = tli_bound_value(&pi->lookback, runs);
	sort_sizes(h->at, h->count);
	sort_sizes(gh->at, gh->count);
	size_t n = 0;
	while (n < h->count && h->at[n] < ready)
		n++;
	tl_status st = TL_OK;
	if (n) {
		candidates c = {.at = h->at,
				.count = n,
				.lookback = lookback,
				.chars = pi->lookback.chars};
		if (pi->gate) {
			c.span = tli_bound_value(&pi->gspan, runs);
			c.span_chars = pi->gspan.chars;
			if (c.span != (size_t)-1) {
				c.gated = 1;
				c.gat = gh->at;
				c.gcount = gh->count;
				c.gready = ready;
			}
		} else {
			use_gate(sc, r, k, n, runs, &c);
		}
		if (runs->ascii) {
			/* no character to walk over: on the bench's ASCII
			 * prose the walks of tli_bound_start and
			 * tli_bound_end were 104 M of its 1,967 M
			 * instructions (callgrind); 15 M now */
			tli_bound_ascii(&c.lookback, &c.chars);
			tli_bound_ascii(&c.span, &c.span_chars);
		}
		st = scan_pattern(sc, res, r, k, t, &c, &sc->resume[g]);
	}
	if (gh->count)
		trim_gate(sc, g, ready, lookback);
	if (n) {
		memmove(h->at, h->at + n, (h->count - n) * sizeof *h->at);
		h->count -= n;
	}
	return st;
}

/* Sets what the searches of text t read (sc->subj): a small text's padded
 * copy (tli_pad_copy), so that the JIT may search it once its patterns are
 * searched often (match.c); a large one, always searched through the JIT,
 * is read where it is. Copying is a few microseconds against the scan's
 * hundreds. */
static void use_text(tl_scanner *sc, const tli_text *t)
{
	const char *copy = tli_pad_copy(&sc->pad, t->data, t->len);
	sc->subj = copy ? copy : t->data;
	sc->padded = copy != NULL;
}

static tl_status scan_text_all(tl_scanner *sc, tl_result *res,
			       const tli_text *t)
{
	const tl_ruleset *rs = sc->rs;
	use_text(sc, t);
	int filter = sc->prefilter && (rs->ac || rs->upper_count) &&
		     !has_fold_traps(t);
	tl_status st = TL_OK;
	/* Patterns without literals, or every pattern without the filter:
	 * one pass each over the whole text. */
	size_t n = filter ? sc->nunfiltered : rs->pattern_total;
	for (size_t u = 0; u < n && !st; u++) {
		size_t g = filter ? sc->unfiltered[u] : u;
		const tl_rule *r = sc->rule_of[g];
		if (r->severity >= sc->min)
			st = scan_pattern(sc, res, r, g - r->pattern_base, t,
					  NULL, NULL);
	}
	if (!filter || st)
		return st;
	tli_runs runs;
	tli_longest_runs(t->data, t->len, &runs);
	/* what the text before left */
	for (size_t u = 0; u < sc->ntouched; u++) {
		size_t g = sc->touched[u];
		sc->hits[g].count = 0;
		sc->ghits[g].count = 0;
		sc->resume[g] = 0;
		sc->is_touched[g] = 0;
	}
	sc->ntouched = 0;
	uint32_t state = 0;
	for (size_t from = 0, to; from < t->len && !st; from = to) {
		to = t->len - from > BLOCK ? from + BLOCK : t->len;
		/* blocks end between characters (a space can be several
		 * bytes) */
		while (to < t->len &&
		       ((unsigned char)t->data[to] & 0xC0) == 0x80)
			to++;
		sc->oom = 0;
		if (rs->ac)
			tli_ac_scan_range(rs->ac, t->data, from, to, &state,
					  NULL, record_hit, sc);
		if (rs->upper_count)
			capital_pairs(sc, t->data, from, to, t->len);
		if (sc->oom)
			return TL_ENOMEM;
		/* every literal starting before `ready` has been seen */
		size_t ready =
			to == t->len || !rs->ac
				? (size_t)-1
				: tli_ac_pending(rs->ac, t->data, to, state);
		/* in the order of the rules, as findings always were */
		sort_sizes(sc->touched, sc->ntouched);
		for (size_t u = 0; u < sc->ntouched && !st; u++) {
			size_t g = sc->touched[u];
			const tl_rule *r = sc->rule_of[g];
			if (r->severity >= sc->min)
				st = run_ready(sc, res, r, g - r->pattern_base,
					       t, ready, &runs);
		}
	}
	return st;
}

static int note_seen(void *payload, uint32_t owner, size_t start)
{
	(void)start;
	((unsigned char *)payload)[owner] = 1;
	return 0;
}

typedef struct seen_job {
	tl_scanner *sc;
	const tl_document *doc;
} seen_job;

/* Which of the document rules' literals the document's texts hold, read
 * with their automaton when a document rule first needs to know: a
 * document no document rule judges (a text of no kind) is not read for
 * them at all. NULL when it cannot be told: without the prefilter, and
 * in a text the automaton cannot read (has_fold_traps). */
static const unsigned char *doc_seen(void *payload)
{
	const seen_job *job = payload;
	tl_scanner *sc = job->sc;
	const tl_ruleset *rs = sc->rs;
	if (!sc->prefilter || !rs->doc_ac)
		return NULL;
	memset(sc->seen, 0, rs->jit_slots);
	memset(sc->mute, TLI_AC_ONCE, sc->nlits);
	for (size_t i = 0; i < job->doc->text_count; i++) {
		const tli_text *t = &job->doc->texts[i];
		if (has_fold_traps(t))
			return NULL;
		uint32_t state = 0;
		tli_ac_scan_range(rs->doc_ac, t->data, 0, t->len, &state,
				  sc->mute, note_seen, sc->seen);
	}
	return sc->seen;
}

tl_status tl_scanner_scan(tl_scanner *sc, const tl_document *doc,
			  tl_result **out)
{
	*out = NULL;
	tl_result *res = tli_result_new(doc);
	if (!res)
		return TL_ENOMEM;
	tl_status st = TL_OK;
	for (size_t ti = 0; ti < doc->text_count && !st; ti++)
		st = scan_text_all(sc, res, &doc->texts[ti]);
	/* Kinds, stages and document rules (docrules.c). */
	seen_job job = {sc, doc};
	if (!st)
		st = tli_docrules_apply(sc->rs, res, doc, sc->min, doc_seen,
					&job);
	if (!st)
		st = tli_result_finish(res, sc->rs->count);
	if (st) {
		tl_result_free(res);
		return st;
	}
	*out = res;
	return TL_OK;
}

tl_status tli_scanner_count_rule(tl_scanner *sc, const tl_document *doc,
				 const tl_rule *r, size_t *count,
				 size_t *unsuggested)
{
	*count = 0;
	*unsuggested = 0;
	tl_result *res = tli_result_new(doc);
	if (!res)
		return TL_ENOMEM;
	tl_status st = TL_OK;
	for (size_t ti = 0; ti < doc->text_count && !st; ti++) {
		use_text(sc, &doc->texts[ti]);
		for (size_t k = 0; k < r->pattern_count && !st; k++)
			st = scan_pattern(sc, res, r, k, &doc->texts[ti], NULL,
					  NULL);
	}
	*count = res->count;
	for (size_t i = 0; i < res->count; i++)
		*unsuggested += res->findings[i].suggestion_count == 0;
	tl_result_free(res);
	return st;
}

void tli_scanner_keep_gates(tl_scanner *sc)
{
	sc->keep_gates = 1;
}

void tli_scanner_gate_counts(const tl_scanner *sc, size_t *checks, size_t *shut)
{
	*checks = *shut = 0;
	for (size_t i = 0; i < sc->rs->pattern_total; i++) {
		*checks += sc->gstat[i].checks;
		*shut += sc->gstat[i].shut;
	}
}
