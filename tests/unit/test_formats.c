#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

#include "glob.h"

static char *report(tl_report_format fmt, const char *text)
{
	tl_ruleset *rs = load_rules(
		"- id: cold.dear\n  category: cold\n  severity: warning\n"
		"  message: 'Cold: $0'\n  phrases: [dear customer]\n"
		"  suggest: 'Hi'\n");
	tl_document *doc = NULL;
	tl_result *res = text ? scan_text(rs, text, strlen(text), &doc) : NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	tl_report *rep;
	assert_int_equal(tl_report_new(&rep, fmt, out, 0), TL_OK);
	if (res)
		assert_int_equal(tl_report_add(rep, res), TL_OK);
	assert_int_equal(tl_report_finish(rep), TL_OK);
	tl_report_free(rep);
	fclose(out);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
	return buf;
}

static void formats__names__round_trip(void **state)
{
	(void)state;
	static const char *const names[] = {"text",   "json",  "sarif",
					    "github", "junit", "checkstyle",
					    "rdjson", "gitlab"};
	for (size_t i = 0; i < 8; i++) {
		tl_report_format f;
		assert_int_equal(tl_report_format_parse(&f, names[i]), TL_OK);
		assert_int_equal((int)f, (int)i);
		assert_string_equal(tl_report_format_name(f), names[i]);
	}
}

static void formats__empty_run__is_still_a_valid_document(void **state)
{
	(void)state;
	static const struct {
		tl_report_format f;
		const char *want;
	} cases[] = {
		{TL_REPORT_GITLAB, "[]\n"},
		{TL_REPORT_RDJSON, "{\"source\": {\"name\": \"tonelint\"}, "
				   "\"diagnostics\": []}\n"},
		{TL_REPORT_GITHUB, ""},
		{TL_REPORT_CHECKSTYLE,
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle "
		 "version=\"4.3\">\n</checkstyle>\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = report(cases[i].f, NULL);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void formats__xml__control_chars_and_invalid_utf8_replaced(void **state)
{
	(void)state;
	char *s = report(TL_REPORT_CHECKSTYLE, "\x01<dear\x0b customer\xff>");
	assert_non_null(strstr(s, "message=\"Cold: dear customer (suggestion: "
				  "Hi)\""));
	assert_null(strstr(s, "\x01"));
	assert_null(strstr(s, "\xff"));
	free(s);
	s = report(TL_REPORT_JUNIT, "\x01<dear customer>\x0b");
	assert_non_null(strstr(s, "<failure type=\"tone\" message=\"1 "
				  "finding\">t.txt:1:3: warning: Cold: dear "
				  "customer [cold.dear]"));
	assert_null(strstr(s, "\x0b"));
	free(s);
}

static void formats__github__escapes_properties_and_data(void **state)
{
	(void)state;
	char *s = report(TL_REPORT_GITHUB, "dear\ncustomer");
	assert_string_equal(s, "::warning file=t.txt,line=1,col=1,endLine=2,"
			       "endColumn=9,title=cold.dear (cold.dear)::Cold: "
			       "dear customer%0Asuggestion: Hi\n");
	free(s);
}

static void formats__fail_policy__per_result_and_max_warnings(void **state)
{
	(void)state;
	tl_report *rep;
	FILE *out = fopen("/dev/null", "w");
	assert_non_null(out);
	assert_int_equal(tl_report_new(&rep, TL_REPORT_TEXT, out, 0), TL_OK);
	tl_fail_policy p = {TL_SEVERITY_ERROR, -1};
	tl_report_set_fail_policy(rep, &p);
	tl_ruleset *rs = load_rules(
		"- id: cold.dear\n  category: cold\n  severity: warning\n"
		"  message: m\n  phrases: [dear customer]\n  suggest: s\n");
	tl_document *doc;
	tl_result *res = scan_text(rs, "dear customer", 13, &doc);
	assert_int_equal(tl_report_add(rep, res), TL_OK);
	assert_int_equal(tl_report_failed(rep), 0);
	p.max_warnings = 0;
	tl_report_set_fail_policy(rep, &p);
	assert_int_equal(tl_report_failed(rep), 1);
	p.max_warnings = -1;
	p.fail_on = TL_SEVERITY_WARNING;
	tl_report_set_fail_policy(rep, &p);
	assert_int_equal(tl_report_failed(rep), 0); /* judged when added */
	assert_int_equal(tl_report_add(rep, res), TL_OK);
	assert_int_equal(tl_report_failed(rep), 1);
	int v;
	assert_int_equal(tl_fail_on_parse(&v, "never"), TL_OK);
	assert_int_equal(v, TL_FAIL_NEVER);
	assert_int_equal(tl_fail_on_parse(&v, "warnings"), TL_EINVAL);
	tl_report_free(rep);
	fclose(out);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void glob__gitignore_like_matching(void **state)
{
	(void)state;
	assert_int_equal(
		tli_glob_match("emails/dunning/**", "emails/dunning/a/b.txt"),
		1);
	assert_int_equal(
		tli_glob_match("emails/dunning/**", "emails/other.txt"), 0);
	assert_int_equal(tli_glob_match("*.txt", "a/b/c.txt"), 1);
	assert_int_equal(tli_glob_match("legacy/", "x/legacy/old.txt"), 1);
	assert_int_equal(tli_glob_match("a/*.md", "a/b/c.md"), 0);
	assert_int_equal(tli_glob_match("**/*.md", "c.md"), 1);
	char *p = tli_path_absolute("/a/b", "../c/./d//e");
	assert_string_equal(p, "/a/c/d/e");
	free(p);
	assert_string_equal(tli_path_inside("/a", "/a/b/c"), "b/c");
	assert_null(tli_path_inside("/a", "/ab/c"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formats__names__round_trip),
		cmocka_unit_test(formats__empty_run__is_still_a_valid_document),
		cmocka_unit_test(
			formats__xml__control_chars_and_invalid_utf8_replaced),
		cmocka_unit_test(formats__github__escapes_properties_and_data),
		cmocka_unit_test(
			formats__fail_policy__per_result_and_max_warnings),
		cmocka_unit_test(glob__gitignore_like_matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
