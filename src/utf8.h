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

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, surrogates or code
 * points above U+10FFFF, as PCRE2 checks it), else 0. */
int tli_utf8_valid(const char *s, size_t n);

/* Encodes cp (<= 0x10FFFF) into out (room for 4); returns the length. */
size_t tli_utf8_encode(uint32_t cp, char *out);

/* What a byte can be, for the passes that read every byte of a text (one
 * table lookup instead of a chain of comparisons). */
enum {
	TLI_BYTE_SPACE = 1, /* ASCII white space (\s in ASCII) */
	TLI_BYTE_WORD = 2,  /* an ASCII letter, digit or _, or any non-ASCII
			       byte: it may be part of a \w+ run */
	TLI_BYTE_ALNUM = 4, /* an ASCII letter or digit, or any non-ASCII
			       byte: it starts a word when counting words */
	TLI_BYTE_JOIN = 8,  /* ' - _ : they carry a counted word on */
	TLI_BYTE_LEAD = 16  /* 0xC2 0xE1 0xE2 0xE3: the first byte of every
			       non-ASCII white-space character */
};
extern const unsigned char tli_byte_kind[256];

#endif
