/* test_suppress.c: inline suppression comments (suppress.c and the
 * readers' calls to it). */
#include "helpers.h"

#include <stdlib.h>

#include "internal.h"
#include "suppress.h"

static const char RULES[] =
	"- id: threat.pay\n  category: threat\n  severity: warning\n"
	"  message: m\n  phrases: [failure to pay]\n  suggest: s\n"
	"- id: cold.noreply\n  category: cold\n  severity: warning\n"
	"  message: m\n  phrases: [do not reply]\n  suggest: s\n";

/* Reads `text` as `format` and scans it with RULES, suppressions applied;
 * *dropped receives how many they dropped. */
static tl_result *lint(tl_ruleset *rs, const char *name, const char *text,
		       tl_format format, tl_document **doc, size_t *dropped)
{
	tl_scanner *sc = NULL;
	tl_result *res = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	assert_int_equal(
		tl_document_from_buffer(doc, name, text, strlen(text), format),
		TL_OK);
	assert_int_equal(tl_scanner_scan(sc, *doc, &res), TL_OK);
	assert_int_equal(tl_result_apply_suppressions(res, dropped), TL_OK);
	tl_scanner_free(sc);
	return res;
}

/* A text document to hand directives to directly. */
static tl_document *text_doc(const char *text)
{
	tl_document *doc = NULL;
	assert_int_equal(tl_document_from_buffer(&doc, "t.txt", text,
						 strlen(text), TL_FORMAT_TEXT),
			 TL_OK);
	return doc;
}

static void directive(tl_document *doc, const char *comment, size_t at)
{
	tli_doc_directive(doc, comment, strlen(comment), at,
			  at + strlen(comment), TLI_DIR_LINE);
}

static void suppress__html_comment__ids_and_reason_parsed(void **state)
{
	(void)state;
	tl_document *doc = text_doc("x\n");
	directive(doc,
		  "<!-- tonelint-disable-next-line threat, cold.noreply jargon "
		  "-- required by our lawyers -->",
		  0);
	assert_int_equal(doc->directive_count, 1);
	const tli_directive *d = &doc->directives[0];
	assert_int_equal(d->kind, TLI_DIR_NEXT_LINE);
	assert_int_equal(d->id_count, 3);
	assert_string_equal(d->ids[0], "threat");
	assert_string_equal(d->ids[1], "cold.noreply");
	assert_string_equal(d->ids[2], "jargon");
	assert_string_equal(d->reason, "required by our lawyers");
	tl_document_free(doc);
}

static void suppress__template_delimiters__are_cut_off(void **state)
{
	(void)state;
	static const char *const comments[] = {
		"{#- tonelint-disable threat -#}",
		"{{! tonelint-disable threat }}",
		"{{!-- tonelint-disable threat --}}",
		"{{-- tonelint-disable threat --}}",
		"<%# tonelint-disable threat %>",
		"{{- /* tonelint-disable threat */ -}}",
		"# tonelint-disable threat",
		"! tonelint-disable threat"};
	for (size_t i = 0; i < sizeof comments / sizeof *comments; i++) {
		tl_document *doc = text_doc("x\n");
		directive(doc, comments[i], 0);
		assert_int_equal(doc->directive_count, 1);
		assert_int_equal(doc->directives[0].kind, TLI_DIR_DISABLE);
		assert_int_equal(doc->directives[0].id_count, 1);
		assert_string_equal(doc->directives[0].ids[0], "threat");
		assert_null(doc->directives[0].reason);
		tl_document_free(doc);
	}
}

static void suppress__other_comment__is_ignored(void **state)
{
	(void)state;
	tl_document *doc = text_doc("x\n");
	directive(doc, "<!-- tonelint is great -->", 0);
	directive(doc, "# a comment about tonelint-disable", 0);
	assert_int_equal(doc->directive_count, 0);
	assert_int_equal(tl_document_warning_count(doc), 0);
	tl_document_free(doc);
}

static void suppress__unknown_directive__is_a_warning(void **state)
{
	(void)state;
	tl_document *doc = text_doc("x\n");
	directive(doc, "<!-- tonelint-disabled threat -->", 0);
	assert_int_equal(doc->directive_count, 0);
	assert_int_equal(tl_document_warning_count(doc), 1);
	assert_non_null(strstr(tl_document_warning(doc, 0)->message,
			       "'tonelint-disabled'"));
	tl_document_free(doc);
}

static void suppress__next_line__skips_blank_lines(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(RULES);
	tl_document *doc;
	size_t dropped;
	tl_result *res = lint(rs, "t.html",
			      "<!-- tonelint-disable-next-line threat -->\n\n"
			      "<p>Failure to pay.</p>\n"
			      "<p>Failure to pay.</p>\n",
			      TL_FORMAT_HTML, &doc, &dropped);
	assert_int_equal(dropped, 1);
	assert_int_equal(tl_result_count(res), 1);
	assert_int_equal(tl_result_finding(res, 0)->line, 4);
	assert_int_equal(tl_result_unused_suppression_count(res), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void suppress__disable_enable__by_id_and_bare(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(RULES);
	tl_document *doc;
	size_t dropped;
	tl_result *res = lint(rs, "t.html",
			      "<!-- tonelint-disable threat, cold -->\n"
			      "<p>Failure to pay. Do not reply.</p>\n"
			      "<!-- tonelint-enable threat -->\n"
			      "<p>Failure to pay. Do not reply.</p>\n"
			      "<!-- tonelint-enable -->\n"
			      "<p>Do not reply.</p>\n",
			      TL_FORMAT_HTML, &doc, &dropped);
	assert_int_equal(dropped, 3);
	assert_int_equal(tl_result_count(res), 2);
	assert_int_equal(tl_result_finding(res, 0)->line, 4);
	assert_string_equal(tl_rule_id(tl_result_finding(res, 0)->rule),
			    "threat.pay");
	assert_int_equal(tl_result_finding(res, 1)->line, 6);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void suppress__no_ids__covers_every_rule(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(RULES);
	tl_document *doc;
	tl_result *res = lint(rs, "t.md",
			      "<!-- tonelint-disable-next-line -->\n"
			      "Failure to pay. Do not reply.\n",
			      TL_FORMAT_MARKDOWN, &doc, NULL);
	assert_int_equal(tl_result_count(res), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void suppress__unused__reported_with_reason(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(RULES);
	tl_document *doc;
	tl_result *res = lint(rs, "t.j2",
			      "Hello,\n"
			      "{# tonelint-disable-next-line threat.pay, cold "
			      "-- legal #}\n"
			      "Failure to pay.\n",
			      TL_FORMAT_TEMPLATE, &doc, NULL);
	assert_int_equal(tl_result_count(res), 0);
	assert_int_equal(tl_result_unused_suppression_count(res), 1);
	const tl_suppression *u = tl_result_unused_suppression(res, 0);
	assert_string_equal(u->id, "cold");
	assert_string_equal(u->reason, "legal");
	assert_string_equal(u->directive, "disable-next-line");
	assert_int_equal(u->line, 2);
	assert_int_equal(u->column, 1);
	assert_null(tl_result_unused_suppression(res, 1));
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void suppress__po_comment__covers_the_whole_entry(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(RULES);
	tl_document *doc;
	tl_result *res = lint(rs, "t.po",
			      "# tonelint-disable-next-line threat\n"
			      "#: reminder.html:3\n"
			      "msgid \"Failure to pay.\"\n"
			      "msgstr \"\"\n"
			      "\"Failure to pay.\"\n"
			      "\n"
			      "msgid \"Failure to pay.\"\n"
			      "msgstr \"Failure to pay.\"\n",
			      TL_FORMAT_PO, &doc, NULL);
	assert_int_equal(tl_result_count(res), 1);
	assert_int_equal(tl_result_finding(res, 0)->line, 8);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void suppress__yaml_hash_in_block_scalar__is_not_a_comment(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(RULES);
	tl_document *doc;
	tl_result *res = lint(rs, "t.yml",
			      "a: |\n"
			      "  # tonelint-disable-next-line threat\n"
			      "  Failure to pay.\n"
			      "# tonelint-disable-next-line cold\n"
			      "b: Do not reply.\n",
			      TL_FORMAT_YAML, &doc, NULL);
	assert_int_equal(doc->directive_count, 1);
	assert_int_equal(tl_result_count(res), 1);
	assert_int_equal(tl_result_finding(res, 0)->line, 3);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void suppress__plain_text__has_no_comments(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(RULES);
	tl_document *doc;
	tl_result *res = lint(rs, "t.txt",
			      "# tonelint-disable-next-line threat\n"
			      "Failure to pay.\n",
			      TL_FORMAT_TEXT, &doc, NULL);
	assert_int_equal(tl_result_count(res), 1);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void suppress__too_many_comments__capped_with_one_warning(void **state)
{
	(void)state;
	size_t n = TLI_MAX_DIRECTIVES + 5;
	static const char line[] = "# tonelint-disable-next-line cold\nk=v\n";
	size_t ll = sizeof line - 1;
	char *text = malloc(n * ll + 1);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * ll, line, ll);
	text[n * ll] = '\0';
	tl_document *doc = NULL;
	assert_int_equal(tl_document_from_buffer(&doc, "t.properties", text,
						 strlen(text),
						 TL_FORMAT_PROPERTIES),
			 TL_OK);
	assert_int_equal(doc->directive_count, TLI_MAX_DIRECTIVES);
	assert_int_equal(tl_document_warning_count(doc), 1);
	tl_document_free(doc);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(suppress__html_comment__ids_and_reason_parsed),
		cmocka_unit_test(suppress__template_delimiters__are_cut_off),
		cmocka_unit_test(suppress__other_comment__is_ignored),
		cmocka_unit_test(suppress__unknown_directive__is_a_warning),
		cmocka_unit_test(suppress__next_line__skips_blank_lines),
		cmocka_unit_test(suppress__disable_enable__by_id_and_bare),
		cmocka_unit_test(suppress__no_ids__covers_every_rule),
		cmocka_unit_test(suppress__unused__reported_with_reason),
		cmocka_unit_test(suppress__po_comment__covers_the_whole_entry),
		cmocka_unit_test(
			suppress__yaml_hash_in_block_scalar__is_not_a_comment),
		cmocka_unit_test(suppress__plain_text__has_no_comments),
		cmocka_unit_test(
			suppress__too_many_comments__capped_with_one_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
