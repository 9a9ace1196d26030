/* textout.h: writing untrusted text safely to terminals and to JSON. */
#ifndef TL_TEXTOUT_H
#define TL_TEXTOUT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes s[0..n) for a terminal: control characters (line breaks included),
 * invalid UTF-8 and bidirectional overrides become U+FFFD, a tab becomes a
 * space, so that a line's characters stay one column each and a hostile file
 * cannot drive the terminal. Returns the number of characters written.
 */
size_t tli_put_display(FILE *out, const char *s, size_t n);

/* The same with white space runs (line breaks included) folded to one
 * space: for messages and suggestions that must stay on one line. */
void tli_put_oneline(FILE *out, const char *s, size_t n);

/* Writes s[0..n) as a JSON string, quotes included; invalid UTF-8 becomes
 * U+FFFD so the output is always valid JSON. */
void tli_put_json_string(FILE *out, const char *s, size_t n);

#endif
