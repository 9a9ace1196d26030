/* pattern.h: turning rule matchers (regexes, phrases, swaps) into PCRE2. */
#ifndef TL_PATTERN_H
#define TL_PATTERN_H

#include "internal.h"

/*
 * Compiles a regular expression with the project's flags (plus caseless),
 * for the interpreter (see tli_pattern_jit). Returns the code (free with
 * pcre2_code_free) or NULL: then *oom tells whether memory ran out, else
 * err receives PCRE2's message and *erroffset the offset in the pattern.
 */
pcre2_code *tli_pattern_compile(const char *src, size_t len, int caseless,
				char *err, size_t err_size, size_t *erroffset,
				int *oom);

/*
 * A JIT-compiled copy of `re` (free with pcre2_code_free), or NULL where
 * the platform or the pattern does not allow JIT compilation.
 */
pcre2_code *tli_pattern_jit(const pcre2_code *re);

/* 1 if PCRE2 knows where a match of re can start (a first code unit, a set
 * of them, an anchor), 0 if it tries every character. */
int tli_pattern_has_start(const pcre2_code *re);

/*
 * The regular expression matching any of `n` phrases (see docs/rules.md:
 * whole words, white space with at most one line break between words, ' for
 * ’ too), written as a trie (phrases.c): the longest phrase wins at one
 * position. With `marks`, a match of phrase i passes (*MARK:i), i being its
 * index in the input. Returns a malloc'd string, or NULL on out of memory.
 */
char *tli_phrases_regex(const char *const *phrases, size_t n, int marks);

#endif
