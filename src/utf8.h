/* utf8.h: decoding that never fails: an invalid byte is one character. */
#ifndef TL_UTF8_H
#define TL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the character at s[0..n) (n > 0). Returns its length in bytes
 * (1 to 4) and stores the code point, or U+FFFD with length 1 for an
 * invalid, overlong, surrogate or truncated sequence. */
size_t tli_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Number of characters in s[0..n). */
size_t tli_utf8_count(const char *s, size_t n);

/* Encodes cp (<= 0x10FFFF) into out (room for 4); returns the length. */
size_t tli_utf8_encode(uint32_t cp, char *out);

#endif
