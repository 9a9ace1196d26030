/* test_match.c: how a pattern is matched (match.c): UTF-8 checked once per
 * text, a copy for text that is not valid UTF-8, starts inside a
 * character. */
#include "helpers.h"
#include "internal.h"
#include "utf8.h"

#include <stdatomic.h>
#include <stdlib.h>

/* PCRE2's own verdict on s[0..n): its check runs when a UTF pattern is
 * matched without PCRE2_NO_UTF_CHECK. */
static int pcre2_says_valid(pcre2_code *re, pcre2_match_data *md,
			    const unsigned char *s, size_t n)
{
	int rc = pcre2_match(re, s, n, 0, 0, md, NULL);
	return !(rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21);
}

static void utf8_valid__random_bytes__agrees_with_pcre2(void **state)
{
	(void)state;
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR) "x", 1, PCRE2_UTF, &code,
				       &off, NULL);
	assert_non_null(re);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	/* bytes near the edges of every rule: ASCII, continuation bytes,
	 * overlong leads, surrogates, the top of Unicode, beyond it */
	static const unsigned char pick[] = {
		'a',  ' ',  0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
		0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE,
		0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
	unsigned seed = 12345;
	unsigned char buf[40];
	size_t valid = 0;
	for (int i = 0; i < 200000; i++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = (seed >> 16) % sizeof buf;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 16;
			/* mostly ASCII, so the eight-byte path runs too */
			buf[k] = r % 3 ? 'a' + r % 26
				       : pick[(r / 3) % sizeof pick];
		}
		int want = pcre2_says_valid(re, md, buf, n);
		assert_int_equal(tli_utf8_valid((const char *)buf, n), want);
		valid += want;
	}
	/* both answers were tried many times */
	assert_true(valid > 10000 && valid < 190000);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

static void utf8_valid__edges(void **state)
{
	(void)state;
	assert_true(tli_utf8_valid("", 0));
	const char *mixed = "caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80";
	assert_true(tli_utf8_valid(mixed, strlen(mixed)));
	assert_true(tli_utf8_valid("\xF4\x8F\xBF\xBF", 4));  /* U+10FFFF */
	assert_false(tli_utf8_valid("\xF4\x90\x80\x80", 4)); /* beyond */
	assert_false(tli_utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
	assert_false(tli_utf8_valid("\xC0\xAF", 2));	     /* overlong */
	assert_false(tli_utf8_valid("abcdefgh\xC3", 9)); /* cut at the end */
	assert_false(tli_utf8_valid("abcdefg\x80hijklmno", 16));
}

static const char *const PACK =
	"- id: t.overdue\n"
	"  title: t\n"
	"  category: threat\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: '(?<=It)\xE2\x80\x99s overdue'\n"
	"  suggest: [s]\n"
	"  examples: {flag: ['It\xE2\x80\x99s overdue'], pass: ['ok']}\n"
	"- id: t.must\n"
	"  title: t\n"
	"  category: threat\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: 'must pay'\n"
	"  exceptions: ['\xC3\xA9{3}']\n"
	"  suggest: [s]\n"
	"  examples: {flag: ['You must pay'], pass: ['ok']}\n";

/* Every code of the set made for text that is not valid UTF-8. */
static size_t invalid_copies(const tl_ruleset *rs, int kind)
{
	size_t n = 0;
	for (size_t g = 0; g < rs->jit_slots; g++)
		n += atomic_load(&rs->lazy[kind].state[g]) == 1;
	return n;
}

/* A valid text is matched without PCRE2's check, by the set's own codes,
 * which are compiled without PCRE2_MATCH_INVALID_UTF: with it,
 * pcre2_match() checks the rest of the subject on every call, and a text
 * with many candidates became quadratic. */
static void valid_text__no_copy_and_no_check(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PACK);
	const char *t = "That\xE2\x80\x99s overdue. It\xE2\x80\x99s overdue.\n";
	tl_document *doc;
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	/* the first candidate fails; the search goes on from inside the ’ */
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	assert_int_equal(f->offset, 20);
	assert_int_equal(invalid_copies(rs, TLI_CODE_INVALID), 0);
	const tl_rule *r = tl_ruleset_find(rs, "t.overdue");
	uint32_t opts = 0;
	pcre2_pattern_info(r->patterns[0], PCRE2_INFO_ARGOPTIONS, &opts);
	assert_int_equal(opts & PCRE2_MATCH_INVALID_UTF, 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

/* Text that is not valid UTF-8 is matched by a copy compiled with
 * PCRE2_MATCH_INVALID_UTF; matches never take in the bad bytes. */
static void invalid_text__matched_by_a_copy(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PACK);
	const char *t = "\xFF It\xE2\x80\x99s overdue. You must\xC3 pay. "
			"You must pay.\n";
	tl_document *doc;
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_int_equal(tl_result_count(res), 2);
	assert_int_equal(tl_result_finding(res, 0)->offset, 4);
	assert_string_equal(tl_result_finding(res, 1)->match, "must pay");
	assert_int_equal(tl_result_finding(res, 1)->offset, 37);
	assert_true(invalid_copies(rs, TLI_CODE_INVALID) >= 2);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

/* n bytes (malloc'd, NUL-terminated; the caller frees them): `head`, spaces,
 * and "You must pay.\n" at the end. */
static char *large_text(size_t n, const char *head)
{
	char *t = malloc(n + 1);
	assert_non_null(t);
	memset(t, ' ', n);
	memcpy(t, head, strlen(head));
	memcpy(t + n - 14, "You must pay.\n", 14);
	t[n] = '\0';
	return t;
}

/* The same through the JIT: a text of 64 KiB and more. */
static void invalid_large_text__matched_by_the_jit_copy(void **state)
{
	(void)state;
	uint32_t jit = 0;
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	tl_ruleset *rs = load_rules(PACK);
	size_t n = 70 * 1024;
	char *t = large_text(n, "\xFF You must pay.");
	tl_document *doc;
	tl_result *res = scan_text(rs, t, n, &doc);
	assert_int_equal(tl_result_count(res), 2);
	assert_int_equal(tl_result_finding(res, 1)->offset, n - 10);
	if (jit)
		assert_true(invalid_copies(rs, TLI_CODE_INVALID_JIT) >= 1);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
	free(t);
}

/* Small texts are read by the interpreter (compiling costs more than their
 * scan), until a pattern has been searched in many of them (a mailbox's
 * messages, a folder's files): from then on by its JIT copy, which reads
 * the scanner's padded copy of each text, with the same findings. */
static void small_texts__jit_once_searched_often(void **state)
{
	(void)state;
	uint32_t jit = 0;
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	tl_ruleset *rs = load_rules(PACK);
	const char *t = "It\xE2\x80\x99s overdue. You must pay.\n";
	for (int i = 0; i < 300; i++) {
		if (i == 10)
			assert_int_equal(invalid_copies(rs, TLI_CODE_JIT), 0);
		tl_document *doc;
		tl_result *res = scan_text(rs, t, strlen(t), &doc);
		assert_int_equal(tl_result_count(res), 2);
		assert_int_equal(tl_result_finding(res, 1)->offset, 20);
		tl_result_free(res);
		tl_document_free(doc);
	}
	if (jit)
		assert_true(invalid_copies(rs, TLI_CODE_JIT) >= 2);
	tl_ruleset_free(rs);
}

/* An exception looks at the sentence around a match, at most 2000 bytes
 * each way: cut inside a character there, the subject would end in half
 * a character, which unchecked matching must never see. */
static void exception__sentence_cut_inside_a_character(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(PACK);
	size_t n = 13 + 2 * 1500 + 1;
	char *t = malloc(n + 1);
	assert_non_null(t);
	memcpy(t, "You must pay ", 13);
	for (size_t i = 0; i < 1500; i++)
		memcpy(t + 13 + 2 * i, "\xC3\xA9", 2);
	t[n - 1] = '\n';
	t[n] = '\0';
	/* "must pay" ends at byte 12: the reach ends at 2012, inside the
	 * é at 2011 */
	tl_document *doc;
	tl_result *res = scan_text(rs, t, n, &doc);
	assert_int_equal(tl_result_count(res), 0); /* excepted by é{3} */
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
	free(t);
}

/* A pattern that turns the JIT off with (*NO_JIT) is matched by the
 * interpreter on any text (pcre2_jit_match() fails on it: "bad JIT
 * option"). */
static void no_jit_pattern__large_text__interpreted(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules("- id: t.nojit\n"
				    "  category: c\n"
				    "  severity: warning\n"
				    "  message: m\n"
				    "  pattern: '(*NO_JIT)must pay'\n"
				    "  suggest: s\n");
	size_t n = 70 * 1024;
	char *t = large_text(n, "");
	tl_document *doc;
	tl_result *res = scan_text(rs, t, n, &doc);
	assert_int_equal(tl_result_count(res), 1);
	assert_int_equal(tl_result_finding(res, 0)->offset, n - 10);
	assert_int_equal(tl_result_diagnostic_count(res), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_valid__random_bytes__agrees_with_pcre2),
		cmocka_unit_test(utf8_valid__edges),
		cmocka_unit_test(valid_text__no_copy_and_no_check),
		cmocka_unit_test(invalid_text__matched_by_a_copy),
		cmocka_unit_test(invalid_large_text__matched_by_the_jit_copy),
		cmocka_unit_test(small_texts__jit_once_searched_often),
		cmocka_unit_test(exception__sentence_cut_inside_a_character),
		cmocka_unit_test(no_jit_pattern__large_text__interpreted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
