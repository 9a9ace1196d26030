/*
 * mimedecode.c: transfer encodings and charsets, decoded with a map.
 *
 * Hand-written decoders for quoted-printable and base64: GMime's filters
 * decode correctly but cannot say which encoded bytes each decoded byte
 * came from, and a finding must point at the file. Charsets go through
 * iconv one character at a time for the same reason (iconv itself does
 * the converting; we only watch how many bytes each character used).
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "mimedecode.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void tli_decode_qp(tli_tb *tb, tl_document *doc)
{
	const char *s = tb->in->data;
	size_t n = tb->in->len, run = 0;
	int warned = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '=')
			continue;
		tli_tb_verbatim(tb, run, i - run);
		size_t j = i + 1;
		/* A soft line break: '=', maybe trailing blanks, newline. */
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < n && (s[j] == '\n' || s[j] == '\r')) {
			if (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n')
				j++;
			run = j + 1;
			i = j;
			continue;
		}
		if (j == n) { /* '=' at the very end */
			run = n;
			break;
		}
		int hi = i + 1 < n ? hexval(s[i + 1]) : -1;
		int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
		if (hi < 0 || lo < 0) {
			if (!warned++)
				tli_doc_warn(
					doc, tli_src_to_source(tb->in, i, 0),
					"invalid quoted-printable sequence "
					"(kept as it is)");
			run = i;
			continue;
		}
		char c = (char)(hi * 16 + lo);
		tli_tb_replace(tb, &c, 1, i, 3);
		run = i + 3;
		i += 2;
	}
	if (run < n)
		tli_tb_verbatim(tb, run, n - run);
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

void tli_decode_base64(tli_tb *tb, tl_document *doc)
{
	const char *s = tb->in->data;
	size_t n = tb->in->len;
	unsigned acc = 0;
	int have = 0, warned = 0;
	size_t start = 0; /* where the current quantum's first letter is */
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\r' || c == '\n' || c == ' ' || c == '\t')
			continue;
		if (c == '=')
			break; /* padding: the data is over */
		int v = b64val(c);
		if (v < 0) {
			if (!warned++)
				tli_doc_warn(doc,
					     tli_src_to_source(tb->in, i, 0),
					     "invalid base64 character "
					     "(skipped)");
			continue;
		}
		if (have == 0)
			start = i;
		acc = acc << 6 | (unsigned)v;
		if (++have == 4) {
			char out[3] = {(char)(acc >> 16), (char)(acc >> 8),
				       (char)acc};
			tli_tb_replace(tb, out, 3, start, i + 1 - start);
			acc = 0;
			have = 0;
		}
	}
	/* A last quantum of 2 or 3 letters holds 1 or 2 bytes. */
	if (have >= 2) {
		char out[2];
		size_t k = 0;
		if (have == 2) {
			out[k++] = (char)(acc >> 4);
		} else {
			out[k++] = (char)(acc >> 10);
			out[k++] = (char)(acc >> 2);
		}
		size_t end = start;
		for (int seen = 0; end < n && seen < have; end++)
			if (b64val(s[end]) >= 0)
				seen++;
		tli_tb_replace(tb, out, k, start, end - start);
	} else if (have == 1) {
		tli_doc_warn(doc, tli_src_to_source(tb->in, start, 0),
			     "truncated base64 data (last character skipped)");
	}
}

int tli_charset_is_utf8(const char *charset)
{
	return !charset || !*charset || strcasecmp(charset, "utf-8") == 0 ||
	       strcasecmp(charset, "utf8") == 0 ||
	       strcasecmp(charset, "us-ascii") == 0 ||
	       strcasecmp(charset, "ascii") == 0;
}

static int contains_ci(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (; *s; s++)
		if (strncasecmp(s, w, n) == 0)
			return 1;
	return 0;
}

int tli_decode_charset(tli_tb *tb, tl_document *doc, const char *charset)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return -1;
	/* ASCII bytes stand for themselves in most charsets: copy them
	 * without asking iconv. Not in UTF-16/32, UTF-7 or ISO-2022. */
	int ascii =
		!contains_ci(charset, "16") && !contains_ci(charset, "32") &&
		!contains_ci(charset, "ucs") &&
		!contains_ci(charset, "utf-7") && !contains_ci(charset, "2022");
	const char *s = tb->in->data;
	size_t n = tb->in->len, run = 0;
	int warned = 0;
	for (size_t i = 0; i < n;) {
		if (ascii && (unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (i > run)
			tli_tb_verbatim(tb, run, i - run);
		char out[32];
		size_t k, used = 0, outlen = 0;
		int done = 0;
		/* The shortest prefix iconv accepts as whole characters. */
		for (k = 1; k <= 8 && i + k <= n && !done; k++) {
			char *ip = (char *)s + i, *op = out;
			size_t il = k, ol = sizeof out;
			size_t r = iconv(cd, &ip, &il, &op, &ol);
			if (r == (size_t)-1 && errno == EINVAL)
				continue; /* incomplete: take one more byte */
			if (r == (size_t)-1 && errno == EILSEQ)
				break;
			if (il == 0) {
				used = k;
				outlen = sizeof out - ol;
				done = 1;
			}
		}
		if (!done) {
			iconv(cd, NULL, NULL, NULL, NULL);
			if (!warned++)
				tli_doc_warn(doc,
					     tli_src_to_source(tb->in, i, 0),
					     "byte not valid in charset %s "
					     "(read as U+FFFD)",
					     charset);
			tli_tb_replace(tb, "\xEF\xBF\xBD", 3, i, 1);
			i++;
		} else {
			tli_tb_replace(tb, out, outlen, i, used);
			i += used;
		}
		run = i;
	}
	if (run < n)
		tli_tb_verbatim(tb, run, n - run);
	iconv_close(cd);
	return 0;
}
