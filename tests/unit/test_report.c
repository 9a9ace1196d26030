#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

static char *report(tl_report_format fmt, unsigned flags, const char *text)
{
	tl_ruleset *rs = load_rules(
		"- id: cold.dear\n  category: cold\n  severity: warning\n"
		"  message: 'Cold \"greeting\": $0'\n"
		"  phrases: [dear customer]\n"
		"  suggest: ['Hello \"<name>\" & welcome', 'Hi\tthere']\n");
	tl_document *doc;
	tl_result *res = scan_text(rs, text, strlen(text), &doc);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	tl_report *rep;
	assert_int_equal(tl_report_new(&rep, fmt, out, flags), TL_OK);
	assert_int_equal(tl_report_add(rep, res), TL_OK);
	assert_int_equal(tl_report_finish(rep), TL_OK);
	tl_report_free(rep);
	fclose(out);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
	return buf;
}

static void report__json__escapes_and_replaces_invalid_utf8(void **state)
{
	(void)state;
	char *s = report(TL_REPORT_JSON, 0, "\x01" "Dear\nCustomer \xff");
	assert_string_equal(
		s,
		"{\"version\": \"" TL_VERSION_STRING "\", \"findings\": [\n"
		"  {\"file\": \"t.txt\", \"line\": 1, \"column\": 2, "
		"\"end_line\": 2, \"end_column\": 9, \"offset\": 1, \"length\": "
		"13, \"rule\": \"cold.dear\", \"category\": \"cold\", "
		"\"severity\": \"warning\", \"message\": \"Cold \\\"greeting\\\": "
		"Dear Customer\", \"match\": \"Dear\\nCustomer\", \"suggestions\": "
		"[\"Hello \\\"<name>\\\" & welcome\", \"Hi\\tthere\"]}\n"
		"], \"summary\": {\"files\": 1, \"files_with_findings\": 1, "
		"\"unreadable\": 0, \"findings\": 1, \"errors\": 0, \"warnings\": "
		"1, \"suggestions\": 0, \"words\": 3, \"score\": 19, "
		"\"categories\": {\"cold\": 1}, \"documents\": [\n"
		"  {\"file\": \"t.txt\", \"words\": 3, \"findings\": 1, \"score\": "
		"19}\n]}}\n");
	free(s);
}

static void report__text__underlines_and_neutralises_control_chars(void **state)
{
	(void)state;
	char *s = report(TL_REPORT_TEXT, TL_REPORT_SUMMARY,
			 "Hi\t\x1b[31m dear customer \xff");
	assert_string_equal(
		s,
		"t.txt:1:10: warning: Cold \"greeting\": dear customer "
		"[cold.dear]\n"
		"  Hi \xEF\xBF\xBD[31m dear customer \xEF\xBF\xBD\n"
		"           ^~~~~~~~~~~~~\n"
		"  suggestion: Hello \"<name>\" & welcome\n"
		"  suggestion: Hi there\n"
		"1 finding (0 errors, 1 warning, 0 suggestions) in 1 of 1 file.\n");
	free(s);
}

static void report__text__long_line_shows_a_window(void **state)
{
	(void)state;
	char text[1200];
	memset(text, 'x', sizeof text);
	for (size_t i = 0; i < sizeof text; i += 10)
		text[i] = ' ';
	memcpy(text + 601, "dear customer ", 14);
	text[sizeof text - 1] = '\0';
	char *s = report(TL_REPORT_TEXT, 0, text);
	char *line2 = strchr(s, '\n') + 1;
	char *line3 = strchr(line2, '\n') + 1;
	/* an ellipsis, 60 characters before the match, 160 in all */
	assert_memory_equal(line2, "  \xE2\x80\xA6", 5);
	assert_int_equal(strchr(line3, '^') - line3, 2 + 1 + 60);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report__json__escapes_and_replaces_invalid_utf8),
		cmocka_unit_test(report__text__underlines_and_neutralises_control_chars),
		cmocka_unit_test(report__text__long_line_shows_a_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
