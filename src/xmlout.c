#include "xmlout.h"

#include <string.h>

#include "utf8.h"

static const char replacement[] = "\xEF\xBF\xBD";

void tli_put_xml(FILE *out, const char *s, size_t n, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
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
		case '\r':
			if (attr)
				fprintf(out, "&#%u;", (unsigned)cp);
			else
				fputc((int)cp, out);
			break;
		default:
			/* XML 1.0 allows no other C0 control, nor U+FFFE/F. */
			if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF ||
			    cp == 0xFFFD)
				fputs(replacement, out);
			else
				fwrite(p + i, 1, len, out);
		}
		i += len;
	}
}

void tli_put_xml_str(FILE *out, const char *s, int attr)
{
	tli_put_xml(out, s, strlen(s), attr);
}
