/* test_phrases.c: the regular expression of a phrase list (phrases.c) finds
 * what a flat alternation of the phrases, longest first, finds. */
#include "helpers.h"
#include "internal.h"
#include "pattern.h"

#include <stdlib.h>

/* What `src` matches first in text from `start`: "s-e:mark" ("-" for no
 * match), compiled as the rules compile phrases (caseless). */
static void first_match(const char *src, const char *text, size_t start,
			char *out, size_t size)
{
	char err[256];
	size_t off;
	int oom;
	pcre2_code *re = tli_pattern_compile(src, strlen(src), 1, err,
					     sizeof err, &off, &oom);
	if (!re)
		fail_msg("'%s' does not compile at %zu: %s", src, off, err);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	assert_non_null(md);
	int rc = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), start, 0, md,
			     NULL);
	if (rc < 0) {
		snprintf(out, size, "-");
	} else {
		const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		PCRE2_SPTR mark = pcre2_get_mark(md);
		snprintf(out, size, "%zu-%zu:%s", (size_t)ov[0], (size_t)ov[1],
			 mark ? (const char *)mark : "");
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

static void assert_first(const char *const *phrases, size_t n, int marks,
			 const char *text, const char *want)
{
	char *src = tli_phrases_regex(phrases, n, marks);
	assert_non_null(src);
	char got[64];
	first_match(src, text, 0, got, sizeof got);
	if (strcmp(got, want) != 0)
		fail_msg("'%s' in '%s': got %s, want %s", src, text, got, want);
	free(src);
}

static void phrases__shared_beginning__longest_wins(void **state)
{
	(void)state;
	const char *p[] = {"for your kind", "for your kind attention",
			   "for your records", "kind attention"};
	assert_first(p, 4, 1, "Sent for your kind attention.", "5-28:1");
	assert_first(p, 4, 1, "Sent for your kind consideration.", "5-18:0");
	assert_first(p, 4, 1, "Kept FOR YOUR\n  RECORDS", "5-23:2");
	assert_first(p, 4, 0, "With kind attention", "5-19:");
	/* a blank line is a new paragraph: the phrase does not join it */
	assert_first(p, 4, 1, "for your\n\nrecords", "-");
}

/* As in a flat list, longest first: the longer spelling's index. */
static void phrases__same_words_twice__one_alternative(void **state)
{
	(void)state;
	const char *p[] = {"Dear Sir", "dear   sir", "Dear Sir or Madam"};
	assert_first(p, 3, 1, "dear sir,", "0-8:1");
	assert_first(p, 3, 1, "Dear sir or madam,", "0-17:2");
}

static void phrases__whole_words_only(void **state)
{
	(void)state;
	const char *p[] = {"pay", "pay now", "-- urgent"};
	assert_first(p, 3, 1, "repay now", "-");
	assert_first(p, 3, 1, "payment", "-");
	assert_first(p, 3, 1, "Pay nowhere", "0-3:0");
	assert_first(p, 3, 1, "x-- urgent", "1-10:2");
}

static void phrases__quotes_and_other_letters(void **state)
{
	(void)state;
	/* é and è share their first byte: a trie of bytes would split the
	 * character and not compile */
	const char *p[] = {"don't pay", "caf\xC3\xA9 bill", "caf\xC3\xA8 note"};
	assert_first(p, 3, 1, "I don\xE2\x80\x99t pay", "2-13:0");
	assert_first(p, 3, 1, "CAF\xC3\x89 BILL", "0-10:1");
	assert_first(p, 3, 1, "a caf\xC3\xA8 note", "2-12:2");
	const char *q[] = {"a.b (c)", "a.b [d]", "$5+ fee?"};
	assert_first(q, 3, 1, "see a.b [d] now", "4-11:1");
	assert_first(q, 3, 1, "a $5+ fee? no", "2-10:2");
	assert_first(q, 3, 1, "axb (c)", "-");
}

/* "w0", "w0 w1", ... each one word longer than the one before. */
static const char **chain(size_t n)
{
	const char **p = calloc(n, sizeof *p);
	assert_non_null(p);
	for (size_t i = 0; i < n; i++) {
		char *b = calloc(1, (i + 1) * 4 + 1);
		assert_non_null(b);
		for (size_t k = 0; k <= i; k++)
			snprintf(b + strlen(b), 5, "%sw%zu", k ? " " : "",
				 k % 10);
		p[i] = b;
	}
	return p;
}

static void free_chain(const char **p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)p[i]);
	free(p);
}

static void phrases__deep_list__compiles_as_a_trie(void **state)
{
	(void)state;
	/* nested 120 deep; flat, the alternatives would pass PCRE2's 64 KB
	 * of compiled pattern */
	const char **p = chain(120);
	char text[64];
	snprintf(text, sizeof text, "%s w0 w1", p[4]);
	assert_first(p, 120, 1, text, "0-14:4");
	free_chain(p, 120);
}

static void phrases__deeper_than_pcre2_nests__written_flat(void **state)
{
	(void)state;
	const char **p = chain(260);
	char *src = tli_phrases_regex(p, 260, 1);
	assert_non_null(src);
	assert_memory_equal(src, "(?:(*MARK:259)(?<!\\w)w0", 23);
	free(src);
	free_chain(p, 260);
}

/* Random lists of phrases over a few words that begin alike, against a
 * flat alternation written here, longest first, over random texts: the
 * same first match, mark included, from every start. */
static void flat(const char *const *p, size_t n, char *out, size_t size)
{
	size_t *ord = malloc(n * sizeof *ord);
	assert_non_null(ord);
	for (size_t i = 0; i < n; i++)
		ord[i] = i;
	for (size_t i = 1; i < n; i++) /* stable: by length, longest first */
		for (size_t j = i;
		     j > 0 && strlen(p[ord[j - 1]]) < strlen(p[ord[j]]); j--) {
			size_t t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	size_t len = (size_t)snprintf(out, size, "(?:");
	for (size_t i = 0; i < n; i++) {
		len += (size_t)snprintf(out + len, size - len,
					"%s(*MARK:%zu)(?<!\\w)", i ? "|" : "",
					ord[i]);
		for (const char *c = p[ord[i]]; *c; c++)
			len += (size_t)snprintf(
				out + len, size - len, "%s",
				*c == ' ' ? "(?:\\h+(?:\\R\\h*)?|\\R\\h*)"
					  : (char[]){*c, '\0'});
		len += (size_t)snprintf(out + len, size - len, "(?!\\w)");
	}
	snprintf(out + len, size - len, ")");
	free(ord);
}

static void phrases__random_lists__same_as_flat(void **state)
{
	(void)state;
	static const char *words[] = {"for",  "form",	 "your", "you",
				      "kind", "records", "re",	 "a"};
	enum { W = sizeof words / sizeof words[0] };
	unsigned seed = 77;
	for (int round = 0; round < 200; round++) {
		char bufs[12][64];
		const char *p[12];
		seed = seed * 1103515245u + 12345u;
		size_t n = 1 + (seed >> 16) % 12;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			size_t nw = 1 + (seed >> 16) % 4;
			bufs[i][0] = '\0';
			for (size_t k = 0; k < nw; k++) {
				seed = seed * 1103515245u + 12345u;
				if (k)
					strcat(bufs[i], " ");
				strcat(bufs[i], words[(seed >> 16) % W]);
			}
			p[i] = bufs[i];
		}
		char ref[8192];
		flat(p, n, ref, sizeof ref);
		char *src = tli_phrases_regex(p, n, 1);
		assert_non_null(src);
		for (int t = 0; t < 5; t++) {
			char text[256] = "";
			for (int k = 0; k < 12; k++) {
				seed = seed * 1103515245u + 12345u;
				strcat(text, k ? ((seed >> 12) % 5 ? " " : "\n")
					       : "");
				strcat(text, words[(seed >> 16) % W]);
			}
			for (size_t s = 0; s < strlen(text); s++) {
				char a[64], b[64];
				first_match(ref, text, s, a, sizeof a);
				first_match(src, text, s, b, sizeof b);
				if (strcmp(a, b) != 0)
					fail_msg("'%s' at %zu: flat %s, trie "
						 "%s\n%s",
						 text, s, a, b, src);
			}
		}
		free(src);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phrases__shared_beginning__longest_wins),
		cmocka_unit_test(phrases__same_words_twice__one_alternative),
		cmocka_unit_test(phrases__whole_words_only),
		cmocka_unit_test(phrases__quotes_and_other_letters),
		cmocka_unit_test(phrases__deep_list__compiles_as_a_trie),
		cmocka_unit_test(
			phrases__deeper_than_pcre2_nests__written_flat),
		cmocka_unit_test(phrases__random_lists__same_as_flat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
