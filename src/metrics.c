/*
 * metrics.c: measures of prose for the metric rules: words, sentences,
 * average sentence length, the share of sentences in the passive voice and
 * Flesch reading ease. English heuristics, stated where they are chosen;
 * one pass over the text, no allocation.
 */
#include <string.h>

#include "docrules.h"

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_word_char(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '\'';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Syllables of an English word: groups of vowels, less a silent final "e"
 * ("make", but not "table"); at least one. Non-ASCII letters count as
 * vowels, which keeps other languages from scoring as monosyllabic. */
static int is_vowel(int c)
{
	switch (c) {
	case 'a':
	case 'e':
	case 'i':
	case 'o':
	case 'u':
	case 'y':
		return 1;
	default:
		return 0;
	}
}

static unsigned syllables(const char *w, size_t n)
{
	unsigned count = 0;
	int prev_vowel = 0;
	for (size_t i = 0; i < n; i++) {
		int c = lower((unsigned char)w[i]);
		int v = is_vowel(c) || ((unsigned char)w[i] >= 0xC0);
		if (c == '\'' || (c >= '0' && c <= '9'))
			v = 0;
		if (v && !prev_vowel)
			count++;
		prev_vowel = v;
	}
	if (n > 2 && lower((unsigned char)w[n - 1]) == 'e' &&
	    lower((unsigned char)w[n - 2]) != 'l' && count > 1)
		count--;
	return count ? count : 1;
}

/* Is w[0, n) one of the words of list, in any case? The first letters
 * are compared before the lengths: every word of a document passes here,
 * and the lists' strlen took half of tli_measure's time (a 60 KB
 * reminder: 15 M of 32 M instructions). */
static int word_is(const char *w, size_t n, const char *const *list)
{
	int first = n ? lower((unsigned char)w[0]) : 0;
	for (; *list; list++) {
		if ((*list)[0] != first)
			continue;
		size_t k = strlen(*list);
		if (k != n)
			continue;
		size_t i = 0;
		while (i < n && lower((unsigned char)w[i]) == (*list)[i])
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

/* A past participle: a regular "-ed" form, or a common irregular one. */
static int participle(const char *w, size_t n)
{
	static const char *const irregular[] = {
		"sent",	   "paid",     "made",	    "done",   "given",
		"taken",   "known",    "shown",	    "seen",   "held",
		"kept",	   "left",     "lost",	    "told",   "sold",
		"found",   "built",    "brought",   "bought", "caught",
		"taught",  "written",  "spoken",    "chosen", "broken",
		"frozen",  "stolen",   "forgotten", "hidden", "put",
		"set",	   "cut",      "meant",	    "spent",  "owed",
		"charged", "withheld", "suspended", NULL};
	if (n > 3 && lower((unsigned char)w[n - 2]) == 'e' &&
	    lower((unsigned char)w[n - 1]) == 'd')
		return 1;
	return word_is(w, n, irregular);
}

/* Abbreviations whose full stop does not end a sentence. */
static int abbreviation(const char *w, size_t n)
{
	static const char *const abbr[] = {
		"mr",	  "mrs", "ms",	"dr",  "st", "no", "vs",  "etc",
		"approx", "e.g", "i.e", "inc", "co", "nr", "ref", NULL};
	return word_is(w, n, abbr);
}

typedef struct sentence {
	size_t words;
	int be;	     /* the last word was a form of "to be" (or "not" after
			one, or an adverb in -ly after one) */
	int passive; /* seen "be" + participle */
} sentence;

typedef struct acc {
	tl_metrics *m;
	size_t syllables;
	sentence cur;
	size_t line_words; /* words on the current line */
} acc;

static void end_sentence(acc *a)
{
	if (a->cur.words) {
		a->m->sentences++;
		if (a->cur.passive)
			a->m->passive += 1.0; /* a count until the end */
	}
	memset(&a->cur, 0, sizeof a->cur);
}

static void word(acc *a, const char *w, size_t n)
{
	static const char *const be[] = {
		"is", "are",   "was",	 "were",   "be",      "been", "being",
		"am", "isn't", "aren't", "wasn't", "weren't", NULL};
	static const char *const neg[] = {"not",   "already", "now", "also",
					  "still", "being",   NULL};
	a->m->words++;
	a->cur.words++;
	a->line_words++;
	a->syllables += syllables(w, n);
	if (a->cur.be && participle(w, n))
		a->cur.passive = 1;
	if (word_is(w, n, be))
		a->cur.be = 1;
	else if (!(a->cur.be &&
		   (word_is(w, n, neg) ||
		    (n > 3 && lower((unsigned char)w[n - 2]) == 'l' &&
		     lower((unsigned char)w[n - 1]) == 'y'))))
		a->cur.be = 0;
}

/*
 * A sentence ends at ".", "!" or "?" followed by white space or the end
 * (not after an abbreviation), at a blank line, and at the end of a short
 * line (fewer than 7 words): a greeting, a sign-off, an address line or a
 * list item has no full stop but is not part of the next sentence, while a
 * line of wrapped prose is longer.
 */
static void measure_text(acc *a, const char *s, size_t len)
{
	size_t i = 0;
	a->line_words = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (is_word_char(c) && c != '\'') {
			size_t start = i;
			while (i < len &&
			       (is_word_char((unsigned char)s[i]) ||
				((s[i] == '.' || s[i] == '-' || s[i] == ',') &&
				 i + 1 < len &&
				 is_word_char((unsigned char)s[i + 1]) &&
				 s[i + 1] != '\'')))
				i++;
			size_t n = i - start;
			word(a, s + start, n);
			if (i < len && s[i] == '.' &&
			    abbreviation(s + start, n))
				i++;
			continue;
		}
		if (c == '.' || c == '!' || c == '?') {
			while (i < len && strchr(".!?\"')", s[i]))
				i++;
			if (i == len || strchr(" \t\r\n", s[i]))
				end_sentence(a);
			continue;
		}
		if (c == '\n') {
			size_t j = i + 1;
			while (j < len &&
			       (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			if (j >= len || s[j] == '\n' || a->line_words < 7)
				end_sentence(a);
			a->line_words = 0;
		}
		i++;
	}
	end_sentence(a);
}

void tli_measure(const tli_text *const *texts, size_t n, tl_metrics *out)
{
	memset(out, 0, sizeof *out);
	acc a = {out, 0, {0, 0, 0}, 0};
	for (size_t i = 0; i < n; i++)
		measure_text(&a, texts[i]->data, texts[i]->len);
	if (!out->sentences || !out->words) {
		out->passive = 0;
		out->reading_ease = 100;
		return;
	}
	double wps = (double)out->words / (double)out->sentences;
	double spw = (double)a.syllables / (double)out->words;
	out->sentence_length = wps;
	out->passive = 100.0 * out->passive / (double)out->sentences;
	double fre = 206.835 - 1.015 * wps - 84.6 * spw;
	out->reading_ease = fre < 0 ? 0 : fre > 100 ? 100 : fre;
}
