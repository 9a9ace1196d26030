/* xmlout.c: untrusted text written into XML. Runs of bytes that need no
 * reference go out with one fwrite, not one stdio call per character
 * (textout.c says why). */
#include "xmlout.h"

#include <string.h>

#include "utf8.h"

static const char replacement[] = "\xEF\xBF\xBD";

/* 1 for the ASCII bytes written as they are in character data: not
 * & < > " ', and no control but tab, line feed and carriage return. */
static int plain_ascii(unsigned c)
{
	return (c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' &&
		c != '"' && c != '\'') ||
	       c == '\t' || c == '\n' || c == '\r';
}

void tli_put_xml(FILE *out, const char *s, size_t n, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		uint32_t cp = p[i];
		size_t len = 1;
		if (plain_ascii(cp) && !(attr && cp < 0x20)) {
			i++;
			continue;
		}
		if (cp >= 0x80) {
			len = tli_utf8_decode(p + i, n - i, &cp);
			/* XML 1.0 allows neither U+FFFE nor U+FFFF; U+FFFD
			 * and invalid bytes are written as the replacement,
			 * whose bytes a valid U+FFFD already is. */
			if (len > 1 && cp != 0xFFFE && cp != 0xFFFF) {
				i += len;
				continue;
			}
		}
		if (i > run)
			fwrite(p + run, 1, i - run, out);
		switch (cp) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		case '\t':
		case '\n':
		case '\r': /* only in an attribute */
			fprintf(out, "&#%u;", (unsigned)cp);
			break;
		default:
			/* XML 1.0 allows no other C0 control. */
			fputs(replacement, out);
		}
		i += len;
		run = i;
	}
	if (n > run)
		fwrite(p + run, 1, n - run, out);
}

void tli_put_xml_str(FILE *out, const char *s, int attr)
{
	tli_put_xml(out, s, strlen(s), attr);
}
