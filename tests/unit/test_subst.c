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

/* A finding's message quotes a long match cut after a word near
 * TLI_QUOTE_MAX characters, with an ellipsis; its match and suggestions
 * keep all of it. */
static void message__long_match__quoted_in_part(void **state)
{
	(void)state;
	tl_ruleset *rs =
		load_rules("- id: t.long\n"
			   "  category: c\n"
			   "  severity: warning\n"
			   "  message: '\"$0\" is long'\n"
			   "  pattern: '(?:\\b(?:PAY|\\x{e9}+)\\b ?)+'\n"
			   "  suggest: '$0.'\n");
	char text[2048];
	size_t n = 0;
	for (int i = 0; i < 80; i++)
		n += (size_t)sprintf(text + n, "%sPAY", i ? " " : "");
	tl_document *doc;
	tl_result *res = scan_text(rs, text, n, &doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	/* the words of 3 letters and their spaces that fit: 50, 199
	 * characters */
	char want[1024];
	int keep = TLI_QUOTE_MAX / 4 * 4 - 1;
	snprintf(want, sizeof want, "\"%.*s\xE2\x80\xA6\" is long", keep, text);
	assert_string_equal(f->message, want);
	assert_int_equal(strlen(f->match), n);
	assert_int_equal(strlen(f->suggestions[0]), n + 1);
	tl_result_free(res);
	tl_document_free(doc);
	/* one word of two-byte letters: as it is up to TLI_QUOTE_MAX of
	 * them; past that, cut there, between characters */
	static const int counts[] = {TLI_QUOTE_MAX, TLI_QUOTE_MAX + 1,
				     TLI_QUOTE_MAX + 50};
	for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++) {
		n = 0;
		for (int i = 0; i < counts[c]; i++)
			n += (size_t)sprintf(text + n, "\xC3\xA9");
		res = scan_text(rs, text, n, &doc);
		assert_int_equal(tl_result_count(res), 1);
		snprintf(want, sizeof want, "\"%.*s%s\" is long",
			 2 * TLI_QUOTE_MAX, text,
			 counts[c] > TLI_QUOTE_MAX ? "\xE2\x80\xA6" : "");
		assert_string_equal(tl_result_finding(res, 0)->message, want);
		tl_result_free(res);
		tl_document_free(doc);
	}
	tl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(subst__groups_and_whole_match__expanded),
		cmocka_unit_test(subst__white_space_in_match__folded),
		cmocka_unit_test(subst__case__follows_the_match),
		cmocka_unit_test(message__long_match__quoted_in_part),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
