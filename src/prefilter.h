/*
 * prefilter.h: one Aho-Corasick automaton over every rule's required
 * literals, matched without regard to ASCII case. Scanning a text reports
 * each literal occurrence to the patterns that own it.
 */
#ifndef TL_PREFILTER_H
#define TL_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

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
 * boundary is found; offsets are of `text`. */
int tli_ac_scan_range(const tli_ac *ac, const char *text, size_t from,
		      size_t to, uint32_t *state, tli_ac_hit hit,
		      void *payload);

/* Where the literal that a scan which stopped at `to` in `state` may be in
 * the middle of starts: every literal found after `to` starts there or
 * later. */
size_t tli_ac_pending(const tli_ac *ac, const char *text, size_t to,
		      uint32_t state);

#endif
