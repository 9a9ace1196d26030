/* examples.c: checking each rule against its own flag and pass examples. */
#include <string.h>

#include "docrules.h"

static tl_status check(const tl_ruleset *rs, tl_scanner *sc, const tl_rule *r,
		       const tli_example *ex, int flag, tl_example_stats *st,
		       int *failed, tl_example_cb cb, void *payload)
{
	tl_document *doc;
	/* A document rule's example is a small document of its own kind
	 * and format; a phrase rule's is plain text. */
	tl_status rc = tl_document_from_buffer(
		&doc, "<example>", ex->text, strlen(ex->text),
		r->doc ? ex->format : TL_FORMAT_TEXT);
	if (rc)
		return rc;
	size_t hits = 0, unsuggested = 0;
	if (r->doc) {
		tl_document_set_kind(doc, ex->kind, ex->stage);
		rc = tli_docrule_count(rs, r, doc, &hits);
	} else {
		rc = tli_scanner_count_rule(sc, doc, r, &hits, &unsuggested);
	}
	tl_document_free(doc);
	if (rc)
		return rc;
	if (flag)
		st->flag_checked++;
	else
		st->pass_checked++;
	tl_example_problem problem;
	if ((hits > 0) != (flag != 0))
		problem =
			flag ? TL_EXAMPLE_FLAG_MISSED : TL_EXAMPLE_PASS_FLAGGED;
	else if (unsuggested)
		problem = TL_EXAMPLE_NO_SUGGESTION;
	else
		return TL_OK;
	st->failures++;
	*failed = 1;
	if (cb)
		cb(r, ex->text, problem, r->file, ex->line, ex->column,
		   payload);
	return TL_OK;
}

tl_status tl_ruleset_test_examples(tl_ruleset *rs, tl_example_stats *stats,
				   tl_example_cb on_failure, void *payload)
{
	tl_example_stats st = {0};
	tl_scanner *sc;
	tl_status rc = tl_scanner_new(&sc, rs);
	if (rc)
		return rc;
	for (size_t i = 0; i < rs->count && !rc; i++) {
		const tl_rule *r = rs->rules[i];
		int failed = 0;
		st.rules++;
		if (r->flag_count + r->pass_count == 0) {
			st.failures++;
			failed = 1;
			if (on_failure)
				on_failure(r, NULL, TL_EXAMPLE_FLAG_MISSED,
					   r->file, r->line, r->column,
					   payload);
		}
		for (size_t k = 0; k < r->flag_count && !rc; k++)
			rc = check(rs, sc, r, &r->flag[k], 1, &st, &failed,
				   on_failure, payload);
		for (size_t k = 0; k < r->pass_count && !rc; k++)
			rc = check(rs, sc, r, &r->pass[k], 0, &st, &failed,
				   on_failure, payload);
		st.rules_failed += failed;
	}
	tl_scanner_free(sc);
	if (stats)
		*stats = st;
	return rc;
}
