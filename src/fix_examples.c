/*
 * fix_examples.c: checking each rule's fix on its own flag examples: the
 * fix applies, the fixed text is linted again, and it must not be flagged
 * by the rule again nor by any rule more often than before.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf.h"

static int only_rule(const tl_finding *f, void *payload)
{
	return f->rule == (const tl_rule *)payload;
}

/* Findings of each rule (by load index) in res. */
static void count_by_rule(const tl_result *res, size_t *counts, size_t n)
{
	memset(counts, 0, n * sizeof *counts);
	for (size_t i = 0; i < tl_result_count(res); i++)
		counts[tl_result_finding(res, i)->rule->index]++;
}

typedef struct check {
	tl_ruleset *rs;
	tl_scanner *sc;
	size_t *before, *after;
	tl_fix_test_stats *st;
	tl_fix_test_cb cb;
	void *payload;
} check;

static tl_status scan_text(check *c, const char *text, size_t len,
			   tl_document **doc, tl_result **res)
{
	*res = NULL;
	tl_status rc = tl_document_from_buffer(doc, "<example>", text, len,
					       TL_FORMAT_TEXT);
	if (!rc)
		rc = tl_scanner_scan(c->sc, *doc, res);
	return rc;
}

static tl_status fail(check *c, const tl_rule *r, const tli_example *ex,
		      const char *fixed, char *problem)
{
	if (!problem)
		return TL_ENOMEM;
	c->st->failures++;
	if (c->cb)
		c->cb(r, ex->text, fixed, problem, r->file, ex->line,
		      ex->column, c->payload);
	free(problem);
	return TL_OK;
}

static tl_status check_example(check *c, const tl_rule *r,
			       const tli_example *ex)
{
	tl_document *doc = NULL, *doc2 = NULL;
	tl_result *res = NULL, *res2 = NULL;
	tl_fix *fx = NULL;
	tli_buf b = TLI_BUF_INIT;
	size_t n = c->rs->count;
	tl_status rc = scan_text(c, ex->text, strlen(ex->text), &doc, &res);
	if (!rc)
		rc = tl_fix_new(&fx, res, only_rule, (void *)r);
	if (rc)
		goto out;
	/* A swap rule may fix only some of its phrases: an example of
	 * another one has nothing to check. */
	if (tl_fix_outcome_count(fx) == 0)
		goto out;
	c->st->examples++;
	if (tl_fix_applied(fx) == 0) {
		tli_buf_printf(&b, "fix not applied: %s",
			       tl_fix_outcome_at(fx, 0)->note);
		rc = fail(c, r, ex, NULL, tli_buf_take(&b));
		goto out;
	}
	size_t len;
	const char *fixed = tl_fix_source(fx, &len);
	if ((rc = scan_text(c, fixed, len, &doc2, &res2)))
		goto out;
	count_by_rule(res, c->before, n);
	count_by_rule(res2, c->after, n);
	if (c->after[r->index] + tl_fix_applied(fx) > c->before[r->index]) {
		tli_buf_printf(&b, "the fixed text is still flagged by %s",
			       r->id);
		rc = fail(c, r, ex, fixed, tli_buf_take(&b));
		goto out;
	}
	for (size_t i = 0; i < tl_result_count(res2); i++) {
		const tl_finding *f = tl_result_finding(res2, i);
		size_t k = f->rule->index;
		if (c->after[k] > c->before[k]) {
			tli_buf_printf(&b,
				       "the fixed text is flagged by %s "
				       "(\"%s\"), which the example was not",
				       f->rule->id, f->match);
			rc = fail(c, r, ex, fixed, tli_buf_take(&b));
			goto out;
		}
	}
out:
	tl_fix_free(fx);
	tl_result_free(res2);
	tl_document_free(doc2);
	tl_result_free(res);
	tl_document_free(doc);
	return rc;
}

tl_status tl_ruleset_test_fixes(tl_ruleset *rs, tl_fix_test_stats *stats,
				tl_fix_test_cb on_failure, void *payload)
{
	tl_fix_test_stats st = {0, 0, 0};
	check c = {rs, NULL, NULL, NULL, &st, on_failure, payload};
	tl_status rc = tl_scanner_new(&c.sc, rs);
	if (rc)
		return rc;
	c.before = calloc(rs->count ? rs->count : 1, sizeof *c.before);
	c.after = calloc(rs->count ? rs->count : 1, sizeof *c.after);
	if (!c.before || !c.after)
		rc = TL_ENOMEM;
	for (size_t i = 0; i < rs->count && !rc; i++) {
		const tl_rule *r = rs->rules[i];
		if (!tl_rule_has_fix(r))
			continue;
		st.rules++;
		for (size_t k = 0; k < r->flag_count && !rc; k++)
			rc = check_example(&c, r, &r->flag[k]);
	}
	free(c.before);
	free(c.after);
	tl_scanner_free(c.sc);
	if (stats)
		*stats = st;
	return rc;
}
