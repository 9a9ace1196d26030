/*
 * textout.c: untrusted text written for terminals and JSON.
 *
 * Each writer copies runs of bytes that need no change with one fwrite:
 * a report writes every finding's match, message and suggestions through
 * here, and one stdio call per character (each taking the stream's lock)
 * cost more than the rest of writing a report.
 */
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

/* Writes the bytes s[from, to) kept as they are, if any. */
static void put_run(FILE *out, const unsigned char *s, size_t from, size_t to)
{
	if (to > from)
		fwrite(s + from, 1, to - from, out);
}

size_t tli_put_display(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0, chars = 0;
	while (i < n) {
		uint32_t cp = p[i];
		size_t len = 1;
		/* printable ASCII is the common case, kept without decoding */
		if (cp >= 0x20 && cp < 0x7F) {
			i++;
			chars++;
			continue;
		}
		if (cp >= 0x80)
			len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == '\t' || unsafe(cp)) {
			put_run(out, p, run, i);
			fputs(cp == '\t' ? " " : replacement, out);
			run = i + len;
		}
		i += len;
		chars++;
	}
	put_run(out, p, run, n);
	return chars;
}

static int is_fold_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

void tli_put_oneline(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		uint32_t cp = p[i];
		size_t len = 1;
		if (is_fold_space(p[i])) {
			/* A run of white space is one space: a single ' '
			 * is already that, and stays in the run. */
			size_t j = i + 1;
			while (j < n && is_fold_space(p[j]))
				j++;
			if (j - i > 1 || p[i] != ' ') {
				put_run(out, p, run, i);
				fputc(' ', out);
				run = j;
			}
			i = j;
			continue;
		}
		if (cp >= 0x80)
			len = tli_utf8_decode(p + i, n - i, &cp);
		if (unsafe(cp)) {
			put_run(out, p, run, i);
			fputs(replacement, out);
			run = i + len;
		}
		i += len;
	}
	put_run(out, p, run, n);
}

void tli_put_json_string(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	fputc('"', out);
	while (i < n) {
		uint32_t cp = p[i];
		size_t len = 1;
		if (cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\') {
			i++;
			continue;
		}
		if (cp >= 0x80) {
			len = tli_utf8_decode(p + i, n - i, &cp);
			/* a valid character, U+FFFD included (the bytes of
			 * the replacement), is written as it is */
			if (len > 1) {
				i += len;
				continue;
			}
		}
		put_run(out, p, run, i);
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
			else /* an invalid byte */
				fputs(replacement, out);
		}
		i += len;
		run = i;
	}
	put_run(out, p, run, n);
	fputc('"', out);
}
