/*
 * The passes that read every byte of a text (word counts, longest runs,
 * line ends, the literal automaton) against plain references written from
 * their definitions, on random and edge-case texts: every byte value at every
 * position, all lengths across the 64-byte steps of the fast paths,
 * non-ASCII white space cut anywhere.
 */
#include "helpers.h"
#include "internal.h"
#include "litextract.h"
#include "prefilter.h"
#include "utf8.h"

#include <stdlib.h>

/* A small generator of our own: the same texts on every platform. */
static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

static const uint32_t SPACES[] = {0x85,	  0xA0,	  0x1680, 0x180E,
				  0x2000, 0x2005, 0x200A, 0x2028,
				  0x2029, 0x202F, 0x205F, 0x3000};
#define NSPACES (sizeof SPACES / sizeof SPACES[0])

static int is_space_cp(uint32_t cp)
{
	if (cp == ' ' || (cp >= '\t' && cp <= '\r') ||
	    (cp >= 0x2000 && cp <= 0x200A))
		return 1;
	for (size_t i = 0; i < NSPACES; i++)
		if (SPACES[i] == cp)
			return 1;
	return 0;
}

/* Fills b[0..n) with text made of the pieces the passes tell apart. */
static void random_text(char *b, size_t n)
{
	static const char *const pieces[] = {"a",
					     "Z",
					     "7",
					     "_",
					     "'",
					     "-",
					     " ",
					     "\t",
					     "\n",
					     "\r",
					     "\v",
					     ".",
					     ",",
					     "\0",
					     "\xFF",
					     "\x80",
					     "\xC2",
					     "\xE1",
					     "\xE2",
					     "\xE3",
					     "\xC3\xA9",
					     "\xE2\x80\x99",
					     "\xE2\x80\x94",
					     "\xC2\xA0",
					     "\xC2\x85",
					     "\xE1\x9A\x80",
					     "\xE1\xA0\x8E",
					     "\xE2\x80\x83",
					     "\xE2\x80\xA8",
					     "\xE2\x80\xAF",
					     "\xE2\x81\x9F",
					     "\xE3\x80\x80",
					     "\xE2\x80",
					     "\xF0\x9F\x98\x80"};
	static const size_t lens[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
				      1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 2,
				      2, 3, 3, 3, 3, 3, 3, 3, 2, 4};
	size_t np = sizeof lens / sizeof lens[0];
	/* some texts are long runs of one kind, to cross whole steps */
	unsigned mode = rnd() % 4;
	size_t i = 0;
	while (i < n) {
		size_t k = rnd() % np;
		if (mode == 0)
			k = rnd() % 4 == 0 ? k : 0; /* mostly letters */
		else if (mode == 1)
			k = rnd() % 4 == 0 ? k : 6 + rnd() % 3; /* spaces */
		size_t l = lens[k] < n - i ? lens[k] : n - i;
		memcpy(b + i, pieces[k], l);
		i += l;
	}
}

static size_t ref_count_words(const unsigned char *p, size_t n)
{
	/* maximal runs of letters, digits, non-ASCII bytes and ' - _ that
	 * hold one of the first three */
	size_t words = 0;
	for (size_t i = 0; i < n;) {
		int alnum = 0;
		size_t j = i;
		for (; j < n; j++) {
			unsigned c = p[j];
			int a = c >= 0x80 || (c >= '0' && c <= '9') ||
				(c >= 'a' && c <= 'z') ||
				(c >= 'A' && c <= 'Z');
			if (!a && c != '\'' && c != '-' && c != '_')
				break;
			alnum |= a;
		}
		words += alnum;
		i = j > i ? j : i + 1;
	}
	return words;
}

static size_t longest(const unsigned char *set, size_t n)
{
	size_t best = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		run = set[i] ? run + 1 : 0;
		best = run > best ? run : best;
	}
	return best;
}

static void ref_runs(const unsigned char *p, size_t n, tli_runs *out)
{
	unsigned char *space = calloc(n + 1, 1), *word = calloc(n + 1, 1),
		      *tok = calloc(n + 1, 1), *line = calloc(n + 1, 1);
	assert_true(space && word && tok && line);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		int sp = is_space_cp(cp);
		for (size_t k = i; k < i + len; k++) {
			unsigned c = p[k];
			space[k] = (unsigned char)sp;
			word[k] = c >= 0x80 || c == '_' ||
				  (c >= '0' && c <= '9') ||
				  (c >= 'a' && c <= 'z') ||
				  (c >= 'A' && c <= 'Z');
			tok[k] = !sp || cp == 0x180E;
			line[k] = c != '\n';
		}
		i += len;
	}
	out->space = longest(space, n);
	out->word = longest(word, n);
	out->tok = longest(tok, n);
	out->line = longest(line, n);
	free(space);
	free(word);
	free(tok);
	free(line);
}

/* The line index and the line-end count against their definitions: a
 * line starts at `first` and after each '\n'. */
static void check_lines(const char *b, size_t n)
{
	size_t want = 0;
	for (size_t i = 0; i < n; i++)
		want += b[i] == '\n';
	size_t got = tli_count_newlines(b, n);
	if (got != want)
		fail_msg("line ends: %zu, want %zu (length %zu)", got, want, n);
	size_t *starts = NULL, count = 0, first = n % 4;
	assert_int_equal(tli_lines_index(b, n, first, &starts, &count), TL_OK);
	if (count != want + 1)
		fail_msg("lines: %zu, want %zu (length %zu)", count, want + 1,
			 n);
	assert_int_equal(starts[0], first);
	for (size_t i = 0, k = 1; i < n; i++)
		if (b[i] == '\n' && starts[k++] != i + 1)
			fail_msg("line %zu starts at %zu, want %zu", k,
				 starts[k - 1], i + 1);
	free(starts);
}

/* The passes on text[0..n), copied to each of a few alignments. */
static void check_text(const char *text, size_t n)
{
	static char buf[4096 + 16];
	assert_true(n <= 4096);
	for (size_t align = 0; align < 16; align += 5) {
		char *b = buf + align;
		memcpy(b, text, n);
		size_t want = ref_count_words((const unsigned char *)b, n),
		       got = tli_count_words(b, n);
		if (got != want)
			fail_msg("words: %zu, want %zu (length %zu)", got, want,
				 n);
		check_lines(b, n);
		tli_runs r, w;
		tli_longest_runs(b, n, &r);
		ref_runs((const unsigned char *)b, n, &w);
		if (r.space != w.space || r.word != w.word || r.tok != w.tok ||
		    r.line != w.line) {
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, "%02X ", (unsigned char)b[i]);
			fail_msg("runs of length %zu: %zu %zu %zu %zu, want "
				 "%zu %zu %zu %zu",
				 n, r.space, r.word, r.tok, r.line, w.space,
				 w.word, w.tok, w.line);
		}
	}
}

static void passes__every_byte_everywhere__as_reference(void **state)
{
	(void)state;
	static const char backgrounds[] = {'a', ' ', '\'', '\n', '\xE2'};
	char t[140];
	for (size_t g = 0; g < sizeof backgrounds; g++)
		for (unsigned c = 0; c < 256; c++)
			for (size_t at = 0; at < sizeof t; at += 1 + at / 70) {
				memset(t, backgrounds[g], sizeof t);
				t[at] = (char)c;
				check_text(t, sizeof t);
				check_text(t, at + 1);
			}
}

/* A text of line ends only: a byte counter that ran past 255 blocks of
 * 16 (tli_count_newlines) would wrap. */
static void passes__line_ends_only__all_counted(void **state)
{
	(void)state;
	static const size_t lens[] = {4079, 4080, 4081, 4096, 8191, 20000};
	char *t = malloc(20000);
	assert_non_null(t);
	memset(t, '\n', 20000);
	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		check_lines(t, lens[k]);
		check_lines(t + 1, lens[k] - 1);
	}
	free(t);
}

static void passes__all_lengths__as_reference(void **state)
{
	(void)state;
	char t[200];
	for (size_t n = 0; n <= 200; n++)
		for (int rep = 0; rep < 40; rep++) {
			random_text(t, n);
			check_text(t, n);
		}
}

static void passes__spaces_cut_anywhere__as_reference(void **state)
{
	(void)state;
	char t[140];
	for (size_t s = 0; s < NSPACES; s++) {
		char enc[4];
		size_t len = tli_utf8_encode(SPACES[s], enc);
		for (size_t at = 0; at + len <= sizeof t; at++) {
			for (size_t fill = 0; fill < 3; fill++) {
				memset(t, "a \xC2"[fill], sizeof t);
				memcpy(t + at, enc, len);
				/* and another just after it */
				if (at + 2 * len <= sizeof t && fill == 1)
					memcpy(t + at + len, enc, len);
				for (size_t n = at;
				     n <= at + len + 1 && n <= sizeof t; n++)
					check_text(t, n);
				check_text(t, sizeof t);
			}
		}
	}
}

static void passes__long_random_texts__as_reference(void **state)
{
	(void)state;
	static char t[4096];
	for (int rep = 0; rep < 300; rep++) {
		size_t n = rnd() % sizeof t;
		random_text(t, n);
		check_text(t, n);
	}
	/* runs much longer than a step, and none at all */
	memset(t, 'a', sizeof t);
	check_text(t, sizeof t);
	memset(t, ' ', sizeof t);
	check_text(t, sizeof t);
	memset(t, 0, sizeof t);
	check_text(t, sizeof t);
	/* more lines than the index first has room for */
	memset(t, '\n', sizeof t);
	check_text(t, sizeof t);
	for (size_t i = 0; i + 3 <= sizeof t; i += 3)
		memcpy(t + i, "\xE3\x80\x80", 3);
	check_text(t, sizeof t);
}

/* Literal occurrences, as the automaton is to report them. */
typedef struct found {
	size_t end, len, start;
	uint32_t owner;
} found;

typedef struct found_log {
	found v[40000];
	size_t n;
} found_log;

static int cmp_found(const void *a, const void *b)
{
	const found *x = a, *y = b;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->len != y->len) /* a state's own literal before its suffixes */
		return x->len > y->len ? -1 : 1;
	return x->owner < y->owner ? -1 : x->owner > y->owner;
}

/* The length of the white-space character at p[0..n), 0 if none. */
static size_t space_len(const unsigned char *p, size_t n)
{
	uint32_t cp;
	size_t len = tli_utf8_decode(p, n, &cp);
	return is_space_cp(cp) ? len : 0;
}

/* The text read as the automaton reads it: a run of white space is one
 * space, letters are folded; then each literal compared at each place. */
static void ref_scan(const tli_ac_literal *lits, size_t nlits,
		     const unsigned char *p, size_t n, found_log *log)
{
	static unsigned char sym[20000];
	static size_t from[20000], to[20000];
	size_t ns = 0;
	for (size_t i = 0; i < n;) {
		size_t l = space_len(p + i, n - i);
		from[ns] = i;
		if (l) {
			while (i < n && (l = space_len(p + i, n - i)) > 0)
				i += l;
			sym[ns] = ' ';
		} else {
			unsigned c = p[i++];
			sym[ns] = (unsigned char)(c >= 'A' && c <= 'Z'
							  ? c - 'A' + 'a'
							  : c);
		}
		to[ns++] = i;
	}
	log->n = 0;
	for (size_t k = 0; k < nlits; k++)
		for (size_t j = 0; j + lits[k].len <= ns; j++)
			if (memcmp(sym + j, lits[k].s, lits[k].len) == 0) {
				assert_true(log->n < 40000);
				found f = {to[j + lits[k].len - 1], lits[k].len,
					   from[j], lits[k].owner};
				log->v[log->n++] = f;
			}
	qsort(log->v, log->n, sizeof log->v[0], cmp_found);
}

static int log_found(void *payload, uint32_t owner, size_t start)
{
	found_log *log = payload;
	assert_true(log->n < 40000);
	found f = {0, 0, start, owner};
	log->v[log->n++] = f;
	return 0;
}

static void scan_random(const tli_ac_literal *lits, size_t nlits)
{
	static const char *const pieces[] = {"a",
					     "b",
					     "c",
					     "A",
					     "B",
					     " ",
					     "  ",
					     "\t",
					     "\n",
					     "\xC2\xA0",
					     "\xE2\x80\x83",
					     "\xE3\x80\x80",
					     "\xE1\xA0\x8E",
					     "\xE2\x80\x99",
					     "\xE2",
					     "\xC2",
					     "\0",
					     "\xFF",
					     "x",
					     "-"};
	tli_ac *ac = tli_ac_build(lits, nlits);
	assert_non_null(ac);
	static unsigned char t[20000];
	static found_log want, got;
	for (int rep = 0; rep < 300; rep++) {
		/* long ones too, which are scanned as two halves at once;
		 * some mostly white space, so that the second half's
		 * warm-up is long */
		size_t n = 0, len = rnd() % (rep % 3 ? 2000 : 16000);
		unsigned spacey = rnd() % 4 == 0, dense = rnd() % 3 == 0;
		/* and some made of the longer literals, so that many of
		 * them straddle the middle */
		static const char *const parts[] = {"abcab", "c", "c a b",
						    "c \xE2\x80\x83"
						    "a\tb",
						    "b c a b"};
		while (n < len) {
			const char *piece = pieces[rnd() % 20];
			if (spacey && rnd() % 8)
				piece = " ";
			if (dense && rnd() % 8)
				piece = parts[rnd() % 5];
			size_t l = piece[0] ? strlen(piece) : 1;
			memcpy(t + n, piece, l);
			n += l;
		}
		ref_scan(lits, nlits, t, n, &want);
		/* in up to four ranges, cut between characters as the
		 * scanner cuts its blocks */
		got.n = 0;
		uint32_t st = 0;
		for (size_t from = 0, to; from < n; from = to) {
			to = rep % 2 ? from + rnd() % (n - from) + 1 : n;
			while (to < n && (t[to] & 0xC0) == 0x80)
				to++;
			tli_ac_scan_range(ac, (const char *)t, from, to, &st, NULL,
					  log_found, &got);
		}
		for (size_t i = 0; i < got.n && i < want.n; i++)
			if (got.v[i].start != want.v[i].start ||
			    got.v[i].owner != want.v[i].owner)
				fail_msg("occurrence %zu: %u@%zu, want %u@%zu",
					 i, got.v[i].owner, got.v[i].start,
					 want.v[i].owner, want.v[i].start);
		if (got.n != want.n)
			fail_msg("%zu occurrences, want %zu", got.n, want.n);
	}
	tli_ac_free(ac);
}

static void automaton__random_texts__as_reference(void **state)
{
	(void)state;
	/* literals with and without spaces, sharing prefixes and suffixes,
	 * one of them twice; one with a non-ASCII byte that also starts
	 * white-space characters */
	static const tli_ac_literal spaced[] = {{"a b", 3, 0},
						{"ab", 2, 1},
						{"b", 1, 2},
						{"a", 1, 3},
						{"bab", 3, 4},
						{"c a b", 5, 5},
						{"b\xE2\x80\x99", 4, 6},
						{"x-a", 3, 7},
						{"a b", 3, 8},
						{"abcabc", 6, 9},
						{"b c", 3, 10}};
	scan_random(spaced, sizeof spaced / sizeof spaced[0]);
	/* none with a space: white space is then read as it is */
	static const tli_ac_literal plain[] = {{"ab", 2, 0},
					       {"\xE2\x80\x99"
						"a",
						4, 1},
					       {"ca", 2, 2},
					       {"aaa", 3, 3}};
	scan_random(plain, sizeof plain / sizeof plain[0]);
}

#ifdef TLI_KINDS64
static void kinds64__every_byte_at_every_position__as_table(void **state)
{
	(void)state;
	unsigned char b[64];
	for (unsigned c = 0; c < 256; c++)
		for (unsigned at = 0; at < 64; at++) {
			memset(b, at & 1 ? 'x' : 0x80, sizeof b);
			b[at] = (unsigned char)c;
			tli_kinds64 k;
			tli_kinds_of64(b, &k);
			for (unsigned i = 0; i < 64; i++) {
				unsigned kind = tli_byte_kind[b[i]];
				unsigned got = (unsigned)((k.space >> i) & 1) *
						       TLI_BYTE_SPACE |
					       (unsigned)((k.word >> i) & 1) *
						       TLI_BYTE_WORD |
					       (unsigned)((k.alnum >> i) & 1) *
						       TLI_BYTE_ALNUM |
					       (unsigned)((k.join >> i) & 1) *
						       TLI_BYTE_JOIN |
					       (unsigned)((k.lead >> i) & 1) *
						       TLI_BYTE_LEAD;
				if (got != kind ||
				    ((k.newline >> i) & 1) != (b[i] == '\n'))
					fail_msg("byte 0x%02X at %u: %u, want "
						 "%u",
						 b[i], i, got, kind);
			}
		}
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
#ifdef TLI_KINDS64
		cmocka_unit_test(
			kinds64__every_byte_at_every_position__as_table),
#endif
		cmocka_unit_test(passes__every_byte_everywhere__as_reference),
		cmocka_unit_test(passes__line_ends_only__all_counted),
		cmocka_unit_test(passes__all_lengths__as_reference),
		cmocka_unit_test(passes__spaces_cut_anywhere__as_reference),
		cmocka_unit_test(passes__long_random_texts__as_reference),
		cmocka_unit_test(automaton__random_texts__as_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
