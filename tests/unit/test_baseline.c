#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>

static const char rules[] =
	"- id: cold.dear\n  category: cold\n  severity: warning\n"
	"  message: m\n  phrases: [dear customer]\n  suggest: s\n";

static void fingerprint__survives_lines_above_and_rewrapping(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(rules);
	const char *a = "Dear customer, hi.\nDear customer again.";
	const char *b = "New line.\n\nDEAR\n  customer, hi.\nDear customer.";
	tl_document *da, *db;
	tl_result *ra = scan_text(rs, a, strlen(a), &da);
	tl_result *rb = scan_text(rs, b, strlen(b), &db);
	char fa0[TL_FINGERPRINT_SIZE], fa1[TL_FINGERPRINT_SIZE];
	char fb0[TL_FINGERPRINT_SIZE], fb1[TL_FINGERPRINT_SIZE];
	tl_result_fingerprint(ra, 0, fa0);
	tl_result_fingerprint(ra, 1, fa1);
	tl_result_fingerprint(rb, 0, fb0);
	tl_result_fingerprint(rb, 1, fb1);
	assert_string_equal(fa0, fb0);
	assert_string_equal(fa1, fb1);
	/* Equal text, told apart by its occurrence index. */
	assert_string_not_equal(fa0, fa1);
	assert_int_equal(strlen(fa0), 16);
	tl_result_free(ra);
	tl_result_free(rb);
	tl_document_free(da);
	tl_document_free(db);
	tl_ruleset_free(rs);
}

static void baseline__write_load_filter__round_trip(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(rules);
	const char *a = "Dear customer.";
	const char *b = "Dear customer. And dear customer.";
	tl_document *da, *db;
	tl_result *ra = scan_text(rs, a, strlen(a), &da);
	tl_result *rb = scan_text(rs, b, strlen(b), &db);
	tl_baseline *bl, *back;
	assert_int_equal(tl_baseline_new(&bl), TL_OK);
	assert_int_equal(tl_baseline_add(bl, ra), TL_OK);
	char path[] = "/tmp/tl-baseline-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_int_equal(tl_baseline_write(bl, f), TL_OK);
	fclose(f);
	assert_int_equal(tl_baseline_new(&back), TL_OK);
	assert_int_equal(tl_baseline_load(back, path), TL_OK);
	assert_int_equal(tl_baseline_count(back), 1);
	size_t dropped;
	assert_int_equal(tl_baseline_filter(back, rb, &dropped), TL_OK);
	/* The first occurrence is known; the second is new. */
	assert_int_equal(dropped, 1);
	assert_int_equal(tl_result_count(rb), 1);
	assert_int_equal(tl_result_finding(rb, 0)->column, 20);
	remove(path);
	tl_baseline_free(bl);
	tl_baseline_free(back);
	tl_result_free(ra);
	tl_result_free(rb);
	tl_document_free(da);
	tl_document_free(db);
	tl_ruleset_free(rs);
}

static void baseline__malformed__names_line(void **state)
{
	(void)state;
	char path[] = "/tmp/tl-baseline-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("# comment\n0123456789abcdef\tx\nnope\n", f);
	fclose(f);
	tl_baseline *bl;
	assert_int_equal(tl_baseline_new(&bl), TL_OK);
	assert_int_equal(tl_baseline_load(bl, path), TL_EFORMAT);
	assert_int_equal(tl_baseline_error(bl)->line, 3);
	assert_int_equal(tl_baseline_count(bl), 0);
	remove(path);
	tl_baseline_free(bl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			fingerprint__survives_lines_above_and_rewrapping),
		cmocka_unit_test(baseline__write_load_filter__round_trip),
		cmocka_unit_test(baseline__malformed__names_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
