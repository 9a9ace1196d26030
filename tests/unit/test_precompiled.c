/* The table of the built-in packs' patterns worked out at build time
 * (precompiled.h) must say exactly what compiling and analysing them now
 * would. */
#include "helpers.h"
#include "litextract.h"
#include "pattern.h"
#include "precompiled.h"

#include <stdlib.h>
#include <string.h>

static void table__every_entry__decodes_as_compiled_now(void **state)
{
	(void)state;
	assert_true(tli_precomp_count > 500);
	for (size_t i = 0; i < tli_precomp_count; i++) {
		const tli_precomp_entry *e = &tli_precomp_table[i];
		/* sorted, each pattern once: the lookup is a binary search */
		if (i) {
			const tli_precomp_entry *p = &tli_precomp_table[i - 1];
			assert_true(tli_precomp_order(p->src, p->src_len,
						      p->caseless, e->src,
						      e->src_len,
						      e->caseless) < 0);
		}
		pcre2_code *have =
			tli_precomp_code(e->src, e->src_len, e->caseless);
		assert_non_null(have);
		int err;
		PCRE2_SIZE off;
		uint32_t flags =
			TLI_PCRE2_FLAGS | (e->caseless ? PCRE2_CASELESS : 0);
		pcre2_code *want = pcre2_compile((PCRE2_SPTR)e->src, e->src_len,
						 flags, &err, &off, NULL);
		assert_non_null(want);
		uint32_t a, b, oa, ob;
		size_t sa, sb;
		pcre2_pattern_info(have, PCRE2_INFO_CAPTURECOUNT, &a);
		pcre2_pattern_info(want, PCRE2_INFO_CAPTURECOUNT, &b);
		pcre2_pattern_info(have, PCRE2_INFO_ALLOPTIONS, &oa);
		pcre2_pattern_info(want, PCRE2_INFO_ALLOPTIONS, &ob);
		pcre2_pattern_info(have, PCRE2_INFO_SIZE, &sa);
		pcre2_pattern_info(want, PCRE2_INFO_SIZE, &sb);
		if (a != b || oa != ob || sa != sb)
			fail_msg("entry %zu differs from a fresh compile", i);
		pcre2_code_free(have);
		pcre2_code_free(want);
	}
}

static void table__literals__same_as_the_analysis_now(void **state)
{
	(void)state;
	for (size_t i = 0; i < tli_precomp_count; i++) {
		const tli_precomp_entry *e = &tli_precomp_table[i];
		tli_literals have, want;
		int rh = tli_precomp_literals(e->src, e->src_len, e->caseless,
					      &have);
		int rw = tli_extract_literals(e->src, e->src_len, e->caseless,
					      TLI_MAX_LITERAL_COST, &want);
		assert_int_equal(rh, rw);
		if (rh != 1)
			continue;
		assert_int_equal(have.count, want.count);
		assert_int_equal(have.upper, want.upper);
		for (size_t k = 0; k < have.count; k++) {
			assert_int_equal(have.lens[k], want.lens[k]);
			assert_memory_equal(have.lits[k], want.lits[k],
					    want.lens[k]);
		}
		assert_int_equal(have.offset.fixed, want.offset.fixed);
		assert_int_equal(have.offset.ws, want.offset.ws);
		assert_int_equal(have.offset.word, want.offset.word);
		assert_int_equal(have.offset.inf, want.offset.inf);
		assert_int_equal(have.offset.tok, want.offset.tok);
		assert_int_equal(have.offset.line, want.offset.line);
		tli_literals_free(&have);
		tli_literals_free(&want);
	}
}

static void table__other_patterns__missed(void **state)
{
	(void)state;
	const char *src = "\\bnot\\s+a\\s+built-in\\s+pattern\\b";
	assert_null(tli_precomp_code(src, strlen(src), 0));
	tli_literals l;
	assert_int_equal(tli_precomp_literals(src, strlen(src), 0, &l), -2);
	/* and compiling it the ordinary way still works */
	char msg[128];
	size_t off;
	int oom;
	pcre2_code *re = tli_pattern_compile(src, strlen(src), 0, msg,
					     sizeof msg, &off, &oom);
	assert_non_null(re);
	pcre2_code_free(re);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table__every_entry__decodes_as_compiled_now),
		cmocka_unit_test(table__literals__same_as_the_analysis_now),
		cmocka_unit_test(table__other_patterns__missed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
