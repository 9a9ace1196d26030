/*
 * fuzz_rules.c: the rule pack loader (YAML, schema, regex compilation,
 * phrase and swap patterns, the literal prefilter built from them). A pack
 * that loads is then used: its own examples are checked, the input itself
 * is scanned as text with the prefilter on and off (the findings must be
 * the same), and the SARIF report describes every rule. Loading the same
 * pack twice must fail on a duplicate id.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	tl_ruleset *rs = NULL;
	tl_scanner *sc = NULL;
	tl_document *doc = NULL;
	tl_result *on = NULL, *off = NULL;
	if (tl_ruleset_new(&rs))
		return 0;
	tl_status st =
		tl_ruleset_add_buffer(rs, "fuzz.yml", (const char *)data, size);
	const tl_error *e = tl_ruleset_error(rs);
	FUZZ_CHECK(e != NULL && e->message != NULL);
	if (st)
		goto out;
	size_t rules = tl_ruleset_count(rs);
	if (rules > 0) {
		st = tl_ruleset_add_buffer(rs, "again.yml", (const char *)data,
					   size);
		FUZZ_CHECK(st == TL_EDUPLICATE || st == TL_ENOMEM);
		FUZZ_CHECK(tl_ruleset_count(rs) == rules);
	}
	tl_example_stats stats;
	st = tl_ruleset_test_examples(rs, &stats, NULL, NULL);
	FUZZ_CHECK(st == TL_OK || st == TL_ENOMEM);
	if (tl_scanner_new(&sc, rs))
		goto out;
	if (tl_document_from_buffer(&doc, "fuzz.txt", (const char *)data, size,
				    TL_FORMAT_TEXT))
		goto out;
	if (tl_scanner_scan(sc, doc, &on))
		goto out;
	fuzz_check_result(on);
	tl_scanner_set_prefilter(sc, 0);
	if (tl_scanner_scan(sc, doc, &off))
		goto out;
	fuzz_check_result(off);
	/* A rule that hit a match limit may stop at a different place. */
	if (tl_result_diagnostic_count(on) == 0 &&
	    tl_result_diagnostic_count(off) == 0)
		fuzz_same_findings(on, off);
	fuzz_report(on, rs, TL_REPORT_SARIF);
out:
	tl_result_free(on);
	tl_result_free(off);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
	return 0;
}
