/*
 * prefilter.h: one Aho-Corasick automaton over every rule's required
 * literals, matched without regard to ASCII case. Scanning a text reports
 * each literal occurrence to the patterns that own it.
 */
#ifndef TL_PREFILTER_H
#define TL_PREFILTER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct tli_ac tli_ac;

/*
 * A space in a literal stands for a run of white space (any of the
 * characters \s matches in UTF mode, ASCII or not): the text is read as if
 * each such run were one space, so that "you must" is found in
 * "you\n  must". Spaces at either end of a literal are not useful.
 */
typedef struct tli_ac_literal {
	const char *s; /* lower-case ASCII letters; other bytes exact */
	size_t len;    /* >= 1 */
	uint32_t owner;
} tli_ac_literal;

/* An owner with this bit set is told only of the occurrences that start
 * a word: at the text's start, or after a byte that is not an ASCII
 * letter, digit or _ (litextract.h, tli_literals.word_start). It is told
 * of them without the bit. */
#define TLI_AC_WORD_START 0x80000000u

/* Builds the automaton; NULL on out of memory. The strings are copied. */
tli_ac *tli_ac_build(const tli_ac_literal *lits, size_t n);
void tli_ac_free(tli_ac *ac);

/* Called for each occurrence: the owner and the byte offset where the
 * literal starts. Returns non-zero to stop the scan. */
typedef int (*tli_ac_hit)(void *payload, uint32_t owner, size_t start);

/* Reports occurrences in order of their end offset. Returns the callback's
 * non-zero value if it stopped the scan, else 0. */
int tli_ac_scan(const tli_ac *ac, const char *text, size_t len, tli_ac_hit hit,
		void *payload);

/* The same over text[from..to), carrying the automaton's state in *state
 * (0 to begin) from one range to the next, so that a literal across the
 * boundary is found; offsets are of `text`. `mute`, if not NULL, holds a
 * byte per literal (tli_ac_literal_count; literals are numbered in the
 * order of their strings): a literal marked TLI_AC_ONCE is reported once,
 * then marked TLI_AC_MUTED and passed over, as one marked TLI_AC_MUTED is
 * from the start; one marked 0, every time. */
int tli_ac_scan_range(const tli_ac *ac, const char *text, size_t from,
		      size_t to, uint32_t *state, uint8_t *mute, tli_ac_hit hit,
		      void *payload);

enum { TLI_AC_ONCE = 1, TLI_AC_MUTED = 2 };

/* The number of distinct literals: the length of a mute. */
size_t tli_ac_literal_count(const tli_ac *ac);

/*
 * An automaton as C data: written at build time for the built-in rules
 * (tl_precompile), and used instead of a build when a rule set's literals
 * are exactly those it was made from. The built-in rules' automaton then
 * costs no time and no memory at start-up: its pages come from the
 * executable as they are read.
 */
typedef struct tli_ac_image {
	size_t nin;	     /* the literals it was made from: their count, */
	const char *in_text; /* bytes one after another, */
	const uint32_t *in_len, *in_owner; /* lengths and owners */
	uint32_t nclasses, nstates, ws, maybe_ws, nlits;
	const uint8_t *cls, *lead_cls; /* 256 each */
	const uint32_t *delta, *depth, *out_start, *out, *lit_len, *own_start,
		*owners;
	const uint8_t *lit_ws;
} tli_ac_image;

/* Writes `ac`, built from lits[0..n), as C source defining the
 * tli_ac_image `name`. Returns 0, or -1 on a write error. */
int tli_ac_write_image(const tli_ac *ac, const tli_ac_literal *lits, size_t n,
		       FILE *o, const char *name);

/* The automaton of `img`, whatever it was made from (the caller knows);
 * NULL when the image is empty or out of memory. Free with tli_ac_free. */
tli_ac *tli_ac_of_image(const tli_ac_image *img);

/* Was ac made from an image (not built at run time)? */
int tli_ac_is_image(const tli_ac *ac);

/* The automaton of `img` when it was made from exactly lits[0..n); NULL
 * when not (or out of memory): build it then. Free with tli_ac_free. */
tli_ac *tli_ac_from_image(const tli_ac_image *img, const tli_ac_literal *lits,
			  size_t n);

/* Where the literal that a scan which stopped at `to` in `state` may be in
 * the middle of starts: every literal found after `to` starts there or
 * later. */
size_t tli_ac_pending(const tli_ac *ac, const char *text, size_t to,
		      uint32_t state);

#endif
