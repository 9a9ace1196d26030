/*
 * litextract.h: which literal strings every match of a regular expression
 * must contain, and how far into the match they can start. The prefilter
 * runs a rule's pattern only near those literals.
 *
 * The analysis is conservative: anything it does not fully understand
 * (backreferences, \K, \G, (?x), recursion, conditionals, \Q...\E) makes it
 * give up, and the pattern then runs over the whole text as before.
 */
#ifndef TL_LITEXTRACT_H
#define TL_LITEXTRACT_H

#include <stddef.h>

/*
 * A length bound in bytes: `fixed` + `ws` times the longest run of white
 * space in the text + `word` times its longest word + `tok` times its
 * longest run without white space + `line` times its longest line (an
 * unbounded repeat of white space, such as \s+, is no longer than the
 * longest white-space run; one of word characters, such as \w+, no longer
 * than the longest word; one of any characters but white space, such as
 * [\w'-]+ or \S+, no longer than the longest such run; one of anything but
 * a newline, such as (?:[A-Z]+\h+)*, no longer than the longest line), or
 * unbounded when `inf`; plus `chars` characters of any kind (the . of
 * .{0,80}, [^.!?]: up to 4 bytes each, but one byte each in ASCII text,
 * which tli_bound_start reads to find how far back that is).
 */
typedef struct tli_bound {
	size_t fixed;
	unsigned ws;
	unsigned word;
	int inf;
	unsigned tok;
	unsigned line;
	unsigned chars;
} tli_bound;

/* The longest runs of a text, in bytes, that a bound is resolved with. */
typedef struct tli_runs {
	size_t space; /* white space (PCRE2's \s, \h, \v and \R, in UTF
			 mode) */
	size_t word;  /* bytes that could belong to a word: ASCII letters,
			 digits and _, and every non-ASCII byte (so that \w in
			 UCP mode, whatever it matches beyond ASCII, is
			 covered) */
	size_t tok;   /* anything but white space */
	size_t line;  /* anything but \n */
	int ascii;    /* no byte of the text is 0x80 or above: each of a
			 bound's `chars` is then one byte (tli_bound_ascii) */
} tli_runs;

typedef struct tli_literals {
	char **lits; /* lower-cased ASCII; every match contains one */
	size_t *lens;
	size_t count;
	/* Instead of literals (count 0), read with case, one of the shapes
	 * TLI_UPPER_*, `offset` into every match at most (0: literals). */
	int upper;
	tli_bound offset; /* how far after the match start one can begin */
	/* TLI_UPPER_CAPS: the capital words, as written, and the run */
	char **caps;
	size_t *caps_lens;
	size_t caps_count;
	unsigned min_run;
	/* the strings and lengths are the build's table's (precompiled.h),
	 * read-only and never freed; only the arrays of pointers to them,
	 * lits and caps, are this set's own */
	int borrowed;
	/* Every match holds one of the literals where it starts a word: the
	 * byte before it, if any, is no ASCII letter, digit or _ (the
	 * pattern has \b, (?<!\w) or white space there). An occurrence
	 * inside a word then needs no search (TLI_AC_WORD_START). */
	int word_start;
	/* What the set costs (tli_literals_cost) when the build's table
	 * says (precompiled.h); 0: counted when asked. */
	unsigned cost;
} tli_literals;

/* Every match holds two ASCII capitals in a row ("PAY", "OVERDUE"); the
 * offset is the first one's. */
#define TLI_UPPER_PAIR 1
/* Every match holds two capital words: an ASCII capital, one or more gap
 * bytes (any byte but an ASCII letter, digit, '_' or '\n'), an ASCII
 * capital ("FINAL NOTICE", "PAY & SETTLE", "U.S."); the offset is where
 * the second capital ends, so the first one is no further in. */
#define TLI_UPPER_WORDS 2
/* Every match holds one of the strings `caps` (two or more ASCII capitals
 * each, "MUST", "DO") or, when `min_run`, that many capitals in a row; the
 * offset is where its first capital is. */
#define TLI_UPPER_CAPS 3

/*
 * Analyses pattern[0..len), compiled with PCRE2_CASELESS when `caseless`.
 * Returns 1 and fills *out (free with tli_literals_free) when every match
 * must contain one of a set of literals whose expected frequency in prose
 * is at most `max_cost` (see cost_of: about 1 for a rare word of 7 letters
 * or more, 100 for a 3-letter one, 400 for a very common word; a set costs
 * the sum of its literals), or, failing that, for a pattern read with case,
 * two capital words, capital words of a set or two capitals in a row
 * (out->upper, best first); 0 when none was found, -1 on out of memory.
 */
int tli_extract_literals(const char *pattern, size_t len, int caseless,
			 unsigned max_cost, tli_literals *out);

/*
 * A second literal set for pattern[0..len), a gate: one every match holds
 * too, the best set of one top-level item or run of the pattern that is not
 * the first set's own place again (`first`, the pattern's set: none of its
 * strings may all hold a gate string, nor every gate string share a word
 * with it), and costing at most `max_cost` (TLI_AC_GATE_COST for a gate in
 * the automaton, TLI_GATE_MAX_COST for a pattern whose searches are
 * slow). *span is a bound on the length of a match: a match that starts at
 * or before a literal of the first set, at most its lookback before it,
 * holds a literal of this one before that literal's start plus the span.
 * Returns 1 (out filled: free it with tli_literals_free), 0 when there is none
 * (a top-level alternation, an unbounded match, no such set), -1 on out of
 * memory.
 */
int tli_gate_literals(const char *pattern, size_t len, int caseless,
		      const tli_literals *first, unsigned max_cost,
		      tli_literals *out, tli_bound *span);

/* What a literal set costs: the sum of its strings' expected frequency
 * (as tli_extract_literals weighs them) and their number; l->cost when
 * set. */
unsigned tli_literals_cost(const tli_literals *l);

/* The costliest gate (tli_gate_literals): rare words only, or the
 * automaton would report common ones all over the text, and reading them
 * near each candidate cost about what the gate saved. 100 and 400 both
 * did worse on the bench corpus (callgrind). */
#define TLI_AC_GATE_COST 200

/* A gate in the automaton is also expected at most this many times as
 * often as its pattern's own literals (tli_literals_cost; ruleset.c): each
 * occurrence of a gate literal is told to its pattern, and the gate saves
 * searches only at the pattern's own literals. On the bench's 21 MB,
 * 1.66 M of the automaton's 2.33 M reports went to gates, most to patterns
 * whose own literals never occurred there (blame.breach: 50,778 for its
 * gate, "your account" and the like, none for "default"); with a ratio of
 * 4, 688 K, for as many searches (315 K, within the 308-345 K the timed
 * gates of common words give from run to run), in 0.90-0.93 of the time.
 * 160 of the 360 built-in gates stay out; a pattern among them that wakes
 * often still gets a gate from the scanner (tli_gate). */
#define TLI_AC_GATE_RATIO 4

/* The cost above which the rule set runs a pattern over the whole text
 * rather than near its literals (about two very common words and a few
 * short ones: a candidate every few dozen bytes still costs less than a
 * search of the whole text). */
#define TLI_MAX_LITERAL_COST 1000

/* The costliest gate there is: common words ("will", "may", "would")
 * such as only a pattern whose searches are slow gets (scanner.c). */
#define TLI_GATE_MAX_COST (4 * TLI_MAX_LITERAL_COST)
void tli_literals_free(tli_literals *l);

/* Resolves a bound for a text with these longest runs; (size_t)-1 when
 * unbounded. */
size_t tli_bound_value(const tli_bound *b, const tli_runs *runs);

/*
 * Where, at the earliest, a span of s that ends at p and is within a bound
 * can start, not before `floor` (<= p): `bytes` is the bound's value
 * (tli_bound_value) and `chars` its count of characters. Every other part
 * of a bound holds at most as many characters as bytes, so the span holds
 * at most bytes - 3 * chars characters: that many are walked back over, no
 * further than `bytes`. On ASCII text [^.!?\n]{0,80} then reaches 80
 * bytes back, not 320. The result is a character boundary of valid UTF-8,
 * or p - bytes, or floor.
 */
size_t tli_bound_start(size_t bytes, unsigned chars, const char *s, size_t p,
		       size_t floor);

/*
 * Where, at the latest, a span within a bound that starts at or before p in
 * s[0..len) ends: the forward twin of tli_bound_start, `chars` of the
 * bound's characters walked over as characters. At most p + bytes, and
 * len.
 */
size_t tli_bound_end(size_t bytes, unsigned chars, const char *s, size_t len,
		     size_t p);

/* A bound resolved as tli_bound_value (`bytes`, and its `chars`) for an
 * ASCII text (tli_runs.ascii): every character is one byte, so the bound is
 * bytes - 3 * chars with no characters left to walk (tli_bound_start and
 * tli_bound_end then need not read the text). Unbounded stays so. */
void tli_bound_ascii(size_t *bytes, unsigned *chars);

/* The longest runs of s[0..n). */
void tli_longest_runs(const char *s, size_t n, tli_runs *out);

#endif
