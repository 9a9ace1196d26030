#include "textout.h"

#include "utf8.h"

/* Characters a terminal must not receive raw. */
static int unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFD;
}

static const char replacement[] = "\xEF\xBF\xBD";

size_t tli_put_display(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, chars = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == '\t')
			fputc(' ', out);
		else if (unsafe(cp))
			fputs(replacement, out);
		else
			fwrite(p + i, 1, len, out);
		i += len;
		chars++;
	}
	return chars;
}

void tli_put_oneline(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int space = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\f' || cp == '\v') {
			space = 1;
		} else {
			if (space)
				fputc(' ', out);
			space = 0;
			if (unsafe(cp))
				fputs(replacement, out);
			else
				fwrite(p + i, 1, len, out);
		}
		i += len;
	}
	if (space)
		fputc(' ', out);
}

void tli_put_json_string(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	fputc('"', out);
	while (i < n) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		switch (cp) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (cp < 0x20 || cp == 0x7F)
				fprintf(out, "\\u%04x", (unsigned)cp);
			else if (cp == 0xFFFD)
				fputs(replacement, out);
			else
				fwrite(p + i, 1, len, out);
		}
		i += len;
	}
	fputc('"', out);
}
