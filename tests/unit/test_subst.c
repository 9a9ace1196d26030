#include "helpers.h"
#include "subst.h"

static char *expand(const char *tmpl, const char *subject, const PCRE2_SIZE *ov,
		    uint32_t pairs)
{
	tli_buf b = TLI_BUF_INIT;
	tli_expand(&b, tmpl, subject, ov, pairs);
	return tli_buf_take(&b);
}

static void subst__groups_and_whole_match__expanded(void **state)
{
	(void)state;
	const char *subj = "pay now please";
	PCRE2_SIZE ov[] = {0, 7, 4, 7, PCRE2_UNSET, PCRE2_UNSET};
	char *s = expand("[$0] [$1] [${1}] [$2] [$$] [$9] [$x]", subj, ov, 3);
	assert_string_equal(s, "[pay now] [now] [now] [] [$] [] [$x]");
	free(s);
	/* text runs up to a $ that is no group, and to the end */
	s = expand("a ${1 b$ $", subj, ov, 3);
	assert_string_equal(s, "a ${1 b$ $");
	free(s);
}

static void subst__white_space_in_match__folded(void **state)
{
	(void)state;
	const char *subj = "without\n   delay";
	PCRE2_SIZE ov[] = {0, 16};
	char *s = expand("\"$0\"", subj, ov, 1);
	assert_string_equal(s, "\"without delay\"");
	free(s);
}

static char *adapt(const char *rewrite, const char *match)
{
	tli_buf b = TLI_BUF_INIT;
	tli_adapt_case(&b, rewrite, match, strlen(match));
	return tli_buf_take(&b);
}

static void subst__case__follows_the_match(void **state)
{
	(void)state;
	char *s;
	s = adapt("despite", "Notwithstanding");
	assert_string_equal(s, "Despite");
	free(s);
	s = adapt("from now on", "HENCEFORTH");
	assert_string_equal(s, "FROM NOW ON");
	free(s);
	s = adapt("despite", "notwithstanding");
	assert_string_equal(s, "despite");
	free(s);
	/* one capital letter is a capitalised word, not shouting */
	s = adapt("we", "I");
	assert_string_equal(s, "We");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subst__groups_and_whole_match__expanded),
		cmocka_unit_test(subst__white_space_in_match__folded),
		cmocka_unit_test(subst__case__follows_the_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
