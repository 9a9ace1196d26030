/*
 * test_textout.c: the writers of untrusted text (textout.c, xmlout.c),
 * which copy runs of bytes at once, against references written one
 * character at a time from their definitions, on edge-case and random
 * texts: every escape next to plain bytes, at the start and the end,
 * invalid and cut-off UTF-8, bidirectional overrides, white-space runs.
 */
#include "helpers.h"
#include "textout.h"
#include "utf8.h"
#include "xmlout.h"

#include <stdlib.h>

static int ref_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFD;
}

#define REPL "\xEF\xBF\xBD"

static size_t ref_display(FILE *out, const unsigned char *p, size_t n)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; chars++) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == '\t')
			fputc(' ', out);
		else if (ref_unsafe(cp))
			fputs(REPL, out);
		else
			fwrite(p + i, 1, len, out);
		i += len;
	}
	return chars;
}

static void ref_oneline(FILE *out, const unsigned char *p, size_t n)
{
	int space = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == ' ' || (cp >= '\t' && cp <= '\r')) {
			space = 1;
		} else {
			if (space)
				fputc(' ', out);
			space = 0;
			if (ref_unsafe(cp))
				fputs(REPL, out);
			else
				fwrite(p + i, 1, len, out);
		}
		i += len;
	}
	if (space)
		fputc(' ', out);
}

static void ref_json(FILE *out, const unsigned char *p, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (int)cp);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\r')
			fputs("\\r", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp < 0x20 || cp == 0x7F)
			fprintf(out, "\\u%04x", (unsigned)cp);
		else if (cp == 0xFFFD)
			fputs(REPL, out);
		else
			fwrite(p + i, 1, len, out);
		i += len;
	}
	fputc('"', out);
}

static void ref_xml(FILE *out, const unsigned char *p, size_t n, int attr)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == '&')
			fputs("&amp;", out);
		else if (cp == '<')
			fputs("&lt;", out);
		else if (cp == '>')
			fputs("&gt;", out);
		else if (cp == '"')
			fputs("&quot;", out);
		else if (cp == '\'')
			fputs("&apos;", out);
		else if (cp == '\t' || cp == '\n' || cp == '\r')
			attr ? fprintf(out, "&#%u;", (unsigned)cp)
			     : fputc((int)cp, out);
		else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF ||
			 cp == 0xFFFD)
			fputs(REPL, out);
		else
			fwrite(p + i, 1, len, out);
		i += len;
	}
}

enum { DISPLAY, ONELINE, JSON, XML_TEXT, XML_ATTR, WRITERS };
static const char *const writer_names[] = {"display", "oneline", "json", "xml",
					   "xml attribute"};

/* What writer w writes for s[0..n), by the writer or by its reference;
 * malloc'd, length in *len. */
static char *written(int w, int ref, const char *s, size_t n, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	assert_non_null(out);
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0, want = 0;
	switch (w) {
	case DISPLAY:
		chars = ref ? ref_display(out, p, n)
			    : tli_put_display(out, s, n);
		want = tli_utf8_count(s, n);
		break;
	case ONELINE:
		ref ? ref_oneline(out, p, n) : tli_put_oneline(out, s, n);
		break;
	case JSON:
		ref ? ref_json(out, p, n) : tli_put_json_string(out, s, n);
		break;
	default:
		ref ? ref_xml(out, p, n, w == XML_ATTR)
		    : tli_put_xml(out, s, n, w == XML_ATTR);
	}
	assert_int_equal(fclose(out), 0);
	if (chars != want)
		fail_msg("%s: %zu characters, want %zu", writer_names[w], chars,
			 want);
	return buf;
}

static void check(const char *s, size_t n)
{
	for (int w = 0; w < WRITERS; w++) {
		size_t glen, wlen;
		char *got = written(w, 0, s, n, &glen);
		char *want = written(w, 1, s, n, &wlen);
		if (glen != wlen || memcmp(got, want, glen) != 0) {
			for (size_t i = 0; i < n; i++)
				fprintf(stderr, "%02X ", (unsigned char)s[i]);
			fail_msg("%s of %zu bytes: \"%.*s\", want \"%.*s\"",
				 writer_names[w], n, (int)glen, got, (int)wlen,
				 want);
		}
		free(got);
		free(want);
	}
}

/* The pieces the writers tell apart: plain text, each escape, white
 * space, controls, non-ASCII letters, the characters replaced, invalid
 * and cut-off sequences. */
static const char *const PIECES[] = {"a",
				     "Zq",
				     " ",
				     "  ",
				     "\t",
				     "\n",
				     "\r",
				     "\f",
				     "\v",
				     "\"",
				     "\\",
				     "'",
				     "&",
				     "<",
				     ">",
				     "\x01",
				     "\x1F",
				     "\x7F",
				     "\0",
				     "\xC3\xA9",
				     "\xE2\x80\x99",
				     "\xF0\x9F\x98\x80",
				     "\xC2\x85",
				     "\xC2\x9F",
				     "\xC2\xA0",
				     "\xE2\x80\xAA",
				     "\xE2\x80\xAE",
				     "\xE2\x81\xA6",
				     "\xE2\x81\xA9",
				     "\xEF\xBF\xBD",
				     "\xEF\xBF\xBE",
				     "\xEF\xBF\xBF",
				     "\xFF",
				     "\x80",
				     "\xC3",
				     "\xE2\x80",
				     "\xC0\xAF",
				     "\xED\xA0\x80"};
#define NPIECES (sizeof PIECES / sizeof PIECES[0])

static size_t piece_len(size_t k)
{
	/* "\0" is one byte long */
	return PIECES[k][0] ? strlen(PIECES[k]) : 1;
}

static void writers__each_piece_between_plain_bytes__as_reference(void **state)
{
	(void)state;
	char t[32];
	for (size_t k = 0; k < NPIECES; k++) {
		size_t l = piece_len(k);
		check(PIECES[k], l);
		memcpy(t, PIECES[k], l);
		memcpy(t + l, "xy", 2);
		check(t, l + 2);
		memcpy(t, "xy", 2);
		memcpy(t + 2, PIECES[k], l);
		check(t, l + 2);
		memcpy(t + 2 + l, "z", 1);
		check(t, l + 3);
		/* the same twice in a row */
		memcpy(t + 2 + l, PIECES[k], l);
		check(t, 2 + 2 * l);
	}
	check("", 0);
}

static uint64_t rng = 0x2545F4914F6CDD1Du;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

static void writers__random_texts__as_reference(void **state)
{
	(void)state;
	static char t[600];
	for (int rep = 0; rep < 3000; rep++) {
		size_t n = rnd() % 200, i = 0;
		/* mostly plain text, as in a message, or mostly escapes */
		unsigned plain = rnd() % 2;
		while (i < n) {
			size_t k = rnd() % NPIECES;
			if (plain && rnd() % 4)
				k = rnd() % 3;
			size_t l = piece_len(k);
			memcpy(t + i, PIECES[k], l);
			i += l;
		}
		check(t, i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			writers__each_piece_between_plain_bytes__as_reference),
		cmocka_unit_test(writers__random_texts__as_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
