#include "utf8.h"

#include <string.h>

size_t tli_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		goto invalid;
	}
	if (len > n)
		goto invalid;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto invalid;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto invalid;
	*cp = v;
	return len;
invalid:
	*cp = 0xFFFD;
	return 1;
}

size_t tli_utf8_count(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t count = 0, i = 0;
	uint32_t cp;
	while (i < n) {
		/* ASCII runs are the common case; skip the decoder for them. */
		if (p[i] < 0x80) {
			i++;
		} else {
			i += tli_utf8_decode(p + i, n - i, &cp);
		}
		count++;
	}
	return count;
}

int tli_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;
	while (i < n) {
		/* eight ASCII bytes at a time, the common case */
		if (n - i >= 8) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (!(w & 0x8080808080808080u)) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = tli_utf8_decode(p + i, n - i, &cp);
		if (k == 1)
			return 0; /* a non-ASCII byte alone is invalid */
		i += k;
	}
	return 1;
}

size_t tli_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Each byte by the definitions in utf8.h (a unit test checks them). */
const unsigned char tli_byte_kind[256] = {
	0, 0, 0, 0, 0, 0,  0,  0,  0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,  0, 0, 0,
	0, 0, 0, 0, 0, 0,  0,  0,  0, 0, 1, 0, 0, 0, 0, 0, 0, 8, 0,  0, 0, 0,
	0, 8, 0, 0, 6, 6,  6,  6,  6, 6, 6, 6, 6, 6, 0, 0, 0, 0, 0,  0, 0, 6,
	6, 6, 6, 6, 6, 6,  6,  6,  6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,  6, 6, 6,
	6, 6, 6, 0, 0, 0,  0,  10, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,  6, 6, 6,
	6, 6, 6, 6, 6, 6,  6,  6,  6, 6, 6, 6, 6, 0, 0, 0, 0, 0, 6,  6, 6, 6,
	6, 6, 6, 6, 6, 6,  6,  6,  6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,  6, 6, 6,
	6, 6, 6, 6, 6, 6,  6,  6,  6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,  6, 6, 6,
	6, 6, 6, 6, 6, 6,  6,  6,  6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 22, 6, 6, 6,
	6, 6, 6, 6, 6, 6,  6,  6,  6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,  6, 6, 6,
	6, 6, 6, 6, 6, 22, 22, 22, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,  6, 6, 6,
	6, 6, 6, 6, 6, 6,  6,  6,  6, 6, 6, 6, 6, 6,
};
