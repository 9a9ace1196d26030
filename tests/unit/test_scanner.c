#include "helpers.h"
#include "result.h"

#include <stdlib.h>

static const char *PHRASE_PACK =
	"- id: cold.no-reply\n"
	"  category: cold\n"
	"  severity: warning\n"
	"  message: 'Closed door: \"$0\".'\n"
	"  phrases: [do not reply, don't reply]\n"
	"  suggest: Reply to this email if you have questions.\n";

static void
scan__phrase__matches_case_insensitively_as_whole_words(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PHRASE_PACK);
	tl_document *doc;
	const char *t = "DO NOT REPLY. Please do not replying. xdo not reply";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_int_equal(f->offset, 0);
	assert_int_equal(f->length, 12);
	assert_string_equal(f->match, "DO NOT REPLY");
	assert_string_equal(f->message, "Closed door: \"DO NOT REPLY\".");
	assert_int_equal(f->suggestion_count, 1);
	assert_string_equal(f->suggestions[0],
			    "Reply to this email if you have questions.");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

/* The findings of doc as "rule@offset+length " entries into buf. */
static void describe(tl_scanner *sc, const tl_document *doc, char *buf,
		     size_t size)
{
	tl_result *res = NULL;
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, "%s@%zu+%zu ", tl_rule_id(f->rule),
			 f->offset, f->length);
	}
	tl_result_free(res);
}

/* One scanner through many documents (a mailbox, a folder) finds in each
 * what a scanner of its own finds: what a text leaves (candidates beyond
 * its end, gate literals, where searches resumed) is not carried into the
 * next. */
static void scan__one_scanner_many_documents__as_fresh_ones(void **state)
{
	(void)state;
	tl_ruleset *rs = NULL;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_default(rs), TL_OK);
	static const char *const texts[] = {
		"Dear Sir/Madam, failure to pay will result in legal action. "
		"Do not reply to this email. If it is not paid, we will "
		"escalate",
		"Hi Anna, thanks for your order. If you have questions, just "
		"reply to this email. We will",
		"FINAL NOTICE: PAY IMMEDIATELY!! Your account will be "
		"suspended and we reserve the right to refer the debt.",
		"Subject: Reminder\n\nHello, the invoice is overdue. Kindly "
		"revert at the earliest; as per my previous email, pay now.",
		"Thanks!",
	};
	size_t n = sizeof texts / sizeof texts[0];
	tl_scanner *shared = NULL;
	assert_int_equal(tl_scanner_new(&shared, rs), TL_OK);
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < n; i++) {
			tl_document *doc = NULL;
			assert_int_equal(
				tl_document_from_buffer(&doc, "t", texts[i],
							strlen(texts[i]),
							TL_FORMAT_TEXT),
				TL_OK);
			tl_scanner *own = NULL;
			assert_int_equal(tl_scanner_new(&own, rs), TL_OK);
			char want[4096], got[4096];
			describe(own, doc, want, sizeof want);
			describe(shared, doc, got, sizeof got);
			if (i != 1 && i != 4 && !want[0])
				fail_msg("text %zu: no finding", i);
			assert_string_equal(got, want);
			tl_scanner_free(own);
			tl_document_free(doc);
		}
	}
	tl_scanner_free(shared);
	tl_ruleset_free(rs);
}

static void scan__phrase__spans_one_line_break_but_not_a_paragraph(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PHRASE_PACK);
	tl_document *doc;
	const char *t = "Please do not\r\n   reply here.\n\nDo not\n\nreply.";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_int_equal(f->line, 1);
	assert_int_equal(f->column, 8);
	assert_int_equal(f->end_line, 2);
	assert_int_equal(f->end_column, 9);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__typographic_apostrophe__matches_straight_one(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PHRASE_PACK);
	tl_document *doc;
	const char *t = "Please don\xE2\x80\x99t reply.";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 1);
	assert_int_equal(tl_result_finding(res, 0)->length, 13);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__multibyte_text__columns_count_characters(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PHRASE_PACK);
	tl_document *doc;
	/* "Café — €5, ñ" then the phrase: columns in characters */
	const char *t = "x\nCaf\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC"
			"5 do not reply \xC3\xB1";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_int_equal(f->line, 2);
	assert_int_equal(f->column, 11);
	assert_int_equal(f->end_column, 23);
	assert_int_equal(f->offset, 2 + 15);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__invalid_utf8_and_nul__still_matches(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PHRASE_PACK);
	tl_document *doc;
	const char t[] = "\xfe\xfe\0bad \xC0\xAF do not reply \x80 ok";
	tl_result *res = scan_text(rs, t, sizeof t - 1, &doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_int_equal(f->offset, 10);
	/* invalid bytes count one column each */
	assert_int_equal(f->column, 11);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__exception_in_sentence__cancels_match(void **state)
{
	(void)state;
	tl_ruleset *rs =
		load_rules("- id: demand.without-delay\n"
			   "  category: demand\n"
			   "  severity: warning\n"
			   "  message: m\n"
			   "  phrases: [without delay]\n"
			   "  exceptions: "
			   "['\\b(?:we|we''ll)\\b[^.!?]{0,40}without delay']\n"
			   "  suggest: s\n");
	tl_document *doc;
	const char *t = "We'll ship it without delay. Pay without delay! "
			"We said so.\n\nwe know. Pay without delay";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 2);
	assert_int_equal(tl_result_finding(res, 0)->offset, 33);
	assert_int_equal(tl_result_finding(res, 1)->offset, 74);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__overlapping_matches_of_one_rule__reported_once(void **state)
{
	(void)state;
	tl_ruleset *rs =
		load_rules("- id: threat.legal\n"
			   "  category: threat\n"
			   "  severity: error\n"
			   "  message: m\n"
			   "  patterns: ['legal action', 'take legal']\n"
			   "  suggest: s\n");
	tl_document *doc;
	const char *t = "We will take legal action.";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 1);
	assert_string_equal(tl_result_finding(res, 0)->match, "take legal");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__findings__ordered_by_offset_then_rule(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: b.second\n  category: b\n  severity: warning\n"
		"  message: m\n  phrases: [pay]\n  suggest: s\n"
		"- id: a.first\n  category: a\n  severity: error\n"
		"  message: m\n  phrases: [pay now, later]\n  suggest: s\n");
	tl_document *doc;
	const char *t = "later pay now";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 3);
	assert_string_equal(tl_rule_id(tl_result_finding(res, 0)->rule),
			    "a.first");
	assert_int_equal(tl_result_finding(res, 0)->offset, 0);
	/* same offset: load order decides */
	assert_string_equal(tl_rule_id(tl_result_finding(res, 1)->rule),
			    "b.second");
	assert_string_equal(tl_rule_id(tl_result_finding(res, 2)->rule),
			    "a.first");
	assert_int_equal(tl_result_count_severity(res, TL_SEVERITY_ERROR), 2);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__catastrophic_pattern__reports_limit_and_goes_on(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: bad.backtrack\n  category: bad\n  severity: warning\n"
		"  message: m\n  pattern: '(a+)+$'\n  suggest: s\n"
		"- id: good.rule\n  category: good\n  severity: warning\n"
		"  message: m\n  phrases: [pay now]\n  suggest: s\n");
	size_t n = 20000;
	char *t = malloc(n + 16);
	assert_non_null(t);
	memset(t, 'a', n);
	memcpy(t + n, "b pay now", 10);
	tl_document *doc;
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 1);
	assert_string_equal(tl_rule_id(tl_result_finding(res, 0)->rule),
			    "good.rule");
	assert_int_equal(tl_result_diagnostic_count(res), 1);
	assert_non_null(strstr(tl_result_diagnostic(res, 0),
			       "rule 'bad.backtrack' skipped the rest of this "
			       "text: the match limit was reached"));
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
	free(t);
}

static void scan__min_severity__drops_lower_findings(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: a.low\n  category: a\n  severity: suggestion\n"
		"  message: m\n  phrases: [pay]\n  suggest: s\n"
		"- id: a.high\n  category: a\n  severity: error\n"
		"  message: m\n  phrases: [now]\n  suggest: s\n");
	tl_scanner *sc;
	tl_document *doc;
	tl_result *res;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	tl_scanner_set_min_severity(sc, TL_SEVERITY_WARNING);
	assert_int_equal(tl_document_from_buffer(&doc, "d", "pay now", 7,
						 TL_FORMAT_AUTO),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	assert_int_equal(tl_result_count(res), 1);
	assert_string_equal(tl_rule_id(tl_result_finding(res, 0)->rule),
			    "a.high");
	tl_result_free(res);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
}

static void scan__score__falls_with_findings_per_word(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: a.err\n  category: a\n  severity: error\n"
		"  message: m\n  phrases: [legal action]\n  suggest: s\n");
	tl_document *doc;
	const char *clean = "Thank you for your order, we appreciate it.";
	tl_result *res = scan_text(rs, clean, strlen(clean), &doc);
	assert_int_equal(tl_result_score(res), 100);
	tl_result_free(res);
	tl_document_free(doc);
	/* one error in 20 words (the minimum): d = 50, 100 * e^(-50/15) */
	const char *harsh = "We will take legal action.";
	res = scan_text(rs, harsh, strlen(harsh), &doc);
	assert_int_equal(tl_result_score(res), 4);
	assert_int_equal(tl_document_words(doc), 5);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

/* Scans `src` read as `name` (its extension gives the format). */
static tl_result *scan_named(tl_ruleset *rs, const char *name, const char *src,
			     tl_document **doc)
{
	tl_scanner *sc = NULL;
	tl_result *res = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	assert_int_equal(tl_document_from_buffer(doc, name, src, strlen(src),
						 TL_FORMAT_AUTO),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, *doc, &res), TL_OK);
	tl_scanner_free(sc);
	return res;
}

static const char placeholder_rules[] = "- id: t.pay\n"
					"  category: demand\n"
					"  severity: warning\n"
					"  message: '\"$0\" ($1)'\n"
					"  pattern: 'pay\\s+(\\w+)\\s+now'\n"
					"  suggest: 'Please pay $1 soon.'\n";

static void scan__placeholder__match_and_groups_show_it_as_written(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(placeholder_rules);
	tl_document *doc = NULL;
	tl_result *res =
		scan_named(rs, "m.html.j2",
			   "<p>Please pay {{\n  amount }} now.</p>", &doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_string_equal(f->prose_match, "pay x now");
	assert_string_equal(f->match, "pay {{ amount }} now");
	assert_string_equal(f->message,
			    "\"pay {{ amount }} now\" ({{ amount }})");
	assert_int_equal(f->suggestion_count, 1);
	assert_string_equal(f->suggestions[0], "Please pay {{ amount }} soon.");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__plain_match__prose_match_is_the_match(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(placeholder_rules);
	tl_document *doc = NULL;
	tl_result *res =
		scan_named(rs, "m.html", "<p>pay <b>it</b> now</p>", &doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_ptr_equal(f->match, f->prose_match);
	assert_string_equal(f->match, "pay it now");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void scan__qweb_element_placeholder__shown_without_tags(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(placeholder_rules);
	tl_document *doc = NULL;
	tl_result *res = scan_named(
		rs, "m.xml",
		"<t t-name=\"m\"><p>Please pay <span t-out=\"o.amount\">"
		"1&#160;250 <b>\xe2\x82\xac</b></span> now.</p></t>",
		&doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_string_equal(f->prose_match, "pay x now");
	/* &#160; reads as a space, as in prose; the tags go. */
	assert_string_equal(f->match, "pay 1 250 \xe2\x82\xac now");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void result__finding_without_prose_match__gets_the_match(void **state)
{
	(void)state;
	/* Findings made elsewhere than the scanner (rules on a whole
	 * document) may leave prose_match unset: fingerprints and reports
	 * read it all the same. */
	tl_ruleset *rs = load_rules(placeholder_rules);
	tl_document *doc = NULL;
	assert_int_equal(tl_document_from_buffer(&doc, "t.txt", "abc", 3,
						 TL_FORMAT_TEXT),
			 TL_OK);
	tl_result *res = tli_result_new(doc);
	assert_non_null(res);
	tl_finding f;
	memset(&f, 0, sizeof f);
	f.rule = tl_ruleset_rule(rs, 0);
	f.severity = TL_SEVERITY_WARNING;
	f.message = f.match = tli_result_strdup(res, "abc", 3);
	f.length = 3;
	assert_int_equal(tli_result_push(res, &f), TL_OK);
	assert_int_equal(tli_result_finish(res, tl_ruleset_count(rs)), TL_OK);
	assert_ptr_equal(tl_result_finding(res, 0)->prose_match,
			 tl_result_finding(res, 0)->match);
	char fp[TL_FINGERPRINT_SIZE];
	tl_result_fingerprint(res, 0, fp);
	assert_int_equal(strlen(fp), 16);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			scan__placeholder__match_and_groups_show_it_as_written),
		cmocka_unit_test(scan__plain_match__prose_match_is_the_match),
		cmocka_unit_test(
			result__finding_without_prose_match__gets_the_match),
		cmocka_unit_test(
			scan__qweb_element_placeholder__shown_without_tags),
		cmocka_unit_test(
			scan__phrase__matches_case_insensitively_as_whole_words),
		cmocka_unit_test(
			scan__phrase__spans_one_line_break_but_not_a_paragraph),
		cmocka_unit_test(
			scan__typographic_apostrophe__matches_straight_one),
		cmocka_unit_test(
			scan__multibyte_text__columns_count_characters),
		cmocka_unit_test(scan__invalid_utf8_and_nul__still_matches),
		cmocka_unit_test(scan__exception_in_sentence__cancels_match),
		cmocka_unit_test(
			scan__overlapping_matches_of_one_rule__reported_once),
		cmocka_unit_test(scan__findings__ordered_by_offset_then_rule),
		cmocka_unit_test(
			scan__catastrophic_pattern__reports_limit_and_goes_on),
		cmocka_unit_test(scan__min_severity__drops_lower_findings),
		cmocka_unit_test(
			scan__one_scanner_many_documents__as_fresh_ones),
		cmocka_unit_test(scan__score__falls_with_findings_per_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
