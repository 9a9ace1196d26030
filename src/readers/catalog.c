/*
 * catalog.c: translation catalogues and string tables: gettext .po/.pot,
 * Java .properties (and .ini, Apple .strings), and JSON locale files.
 *
 * Hand-written: these are line or token formats whose only hard part is
 * escapes, and the readers need the byte span of every string and escape,
 * which the libraries at hand (none for .po or .properties; JSON parsers)
 * do not give. Each string is decoded into a layer (escapes as replaced
 * runs), then its placeholders become single words (template.c), and a
 * block break separates it from the next, so no rule joins two strings.
 */
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "suppress.h"
#include "utf8.h"

/* Appends the decoded string `layer` to out, placeholders as words. */
static void add_string(tli_tb *out, const tli_src *layer)
{
	const tli_src *keep = out->in;
	out->in = layer;
	tli_tb_fields(out, 0, layer->len);
	out->in = keep;
	tli_tb_break(out);
}

/* Decodes one backslash escape at s[i] (s[i] == '\\') into buf: returns
 * its length in the source (0 if s[i + 1] is missing). */
static size_t escape(const char *s, size_t i, size_t end, char *buf,
		     size_t *blen)
{
	*blen = 0;
	if (i + 1 >= end)
		return 0;
	char c = s[i + 1];
	switch (c) {
	case 'n':
		buf[(*blen)++] = '\n';
		return 2;
	case 't':
		buf[(*blen)++] = '\t';
		return 2;
	case 'r':
		buf[(*blen)++] = '\r';
		return 2;
	case 'u': {
		uint32_t cp = 0;
		size_t k;
		for (k = 0; k < 4 && i + 2 + k < end; k++) {
			char h = s[i + 2 + k];
			int v = h >= '0' && h <= '9' ? h - '0'
				: (h | 0x20) >= 'a' && (h | 0x20) <= 'f'
					? (h | 0x20) - 'a' + 10
					: -1;
			if (v < 0)
				break;
			cp = cp * 16 + (uint32_t)v;
		}
		if (k < 4) {
			buf[(*blen)++] = 'u';
			return 2;
		}
		/* A surrogate pair: \uD83D\uDE00. */
		if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= end &&
		    s[i + 6] == '\\' && s[i + 7] == 'u') {
			uint32_t lo = 0;
			for (k = 0; k < 4; k++) {
				char h = s[i + 8 + k];
				int v = h >= '0' && h <= '9' ? h - '0'
					: (h | 0x20) >= 'a' && (h | 0x20) <= 'f'
						? (h | 0x20) - 'a' + 10
						: -1;
				if (v < 0)
					break;
				lo = lo * 16 + (uint32_t)v;
			}
			if (k == 4 && lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				     (lo - 0xDC00);
				*blen = tli_utf8_encode(cp, buf);
				return 12;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD;
		*blen = tli_utf8_encode(cp, buf);
		return 6;
	}
	default: /* \" \\ \/ \= \: \' and unknown ones: the character */
		buf[(*blen)++] = c;
		return 2;
	}
}

/* Builds a layer from s[a, b) of the document, decoding escapes. */
static tl_status decode_string(tl_document *doc, size_t a, size_t b,
			       tli_src *layer, char **data, tli_map_entry **map)
{
	tli_src in = tli_src_of_document(doc);
	tli_tb tb;
	tli_tb_init(&tb, &in);
	size_t run = a;
	for (size_t i = a; i < b; i++) {
		if (doc->src[i] != '\\')
			continue;
		char buf[8];
		size_t blen, n = escape(doc->src, i, b, buf, &blen);
		if (n == 0)
			break;
		tli_tb_verbatim(&tb, run, i - run);
		tli_tb_replace(&tb, buf, blen, i, n);
		i += n - 1;
		run = i + 1;
	}
	tli_tb_verbatim(&tb, run, b - run);
	tl_status st = tli_tb_to_src(&tb, layer, data, map);
	/* the layer is only read before the next string */
	return st;
}

/* A layer from several [a, b) spans of the document (a .po string split
 * over lines, a .properties value with continuation lines). */
typedef struct spans {
	size_t (*v)[2];
	size_t n, cap;
} spans;

static int spans_add(spans *s, size_t a, size_t b)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		size_t(*p)[2] = realloc(s->v, cap * sizeof *p);
		if (!p)
			return -1;
		s->v = p;
		s->cap = cap;
	}
	s->v[s->n][0] = a;
	s->v[s->n][1] = b;
	s->n++;
	return 0;
}

/* Decodes each span and appends them, joined, as one string. */
static tl_status emit_spans(tl_document *doc, tli_tb *out, const spans *sp)
{
	if (sp->n == 0)
		return TL_OK;
	/* Decode the spans into one layer: each span's escapes are decoded
	 * with the document as input, so the layer maps to the file. */
	tli_src in = tli_src_of_document(doc);
	tli_tb tb;
	tli_tb_init(&tb, &in);
	for (size_t k = 0; k < sp->n; k++) {
		size_t a = sp->v[k][0], b = sp->v[k][1], run = a;
		for (size_t i = a; i < b; i++) {
			if (doc->src[i] != '\\')
				continue;
			char buf[8];
			size_t blen, n = escape(doc->src, i, b, buf, &blen);
			if (n == 0)
				break;
			tli_tb_verbatim(&tb, run, i - run);
			tli_tb_replace(&tb, buf, blen, i, n);
			i += n - 1;
			run = i + 1;
		}
		tli_tb_verbatim(&tb, run, b - run);
	}
	tli_src layer;
	char *data;
	tli_map_entry *map;
	tl_status st = tli_tb_to_src(&tb, &layer, &data, &map);
	if (st)
		return st;
	add_string(out, &layer);
	free(data);
	free(map);
	return TL_OK;
}

/* ------------------------------------------------------------------ */
/* gettext .po / .pot                                                  */

typedef enum po_field { PO_NONE, PO_ID, PO_STR, PO_OTHER } po_field;

static int word_at(const char *s, size_t i, size_t n, const char *w)
{
	size_t k = strlen(w);
	return i + k <= n && memcmp(s + i, w, k) == 0;
}

/* The end of a "..." string starting at s[i] == '"' (the closing quote's
 * offset), or n when it is not closed. */
static size_t quote_end(const char *s, size_t i, size_t n)
{
	for (size_t j = i + 1; j < n && s[j] != '\n'; j++) {
		if (s[j] == '\\')
			j++;
		else if (s[j] == '"')
			return j;
	}
	return n;
}

tl_status tli_read_po(tl_document *doc)
{
	const char *s = doc->src;
	size_t n = doc->src_len;
	tli_src in = tli_src_of_document(doc);
	tli_tb out;
	tli_tb_init(&out, &in);
	spans id = {NULL, 0, 0}, str = {NULL, 0, 0};
	spans *cur = NULL;
	int str_nonempty = 0, id_empty = 1;
	tl_status st = TL_OK;
	po_field field = PO_NONE;
	for (size_t i = 0; i < n && !st;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t eol = nl ? (size_t)(nl - s) : n;
		size_t p = i;
		while (p < eol && (s[p] == ' ' || s[p] == '\t'))
			p++;
		int entry_start = word_at(s, p, eol, "msgid ") ||
				  word_at(s, p, eol, "msgctxt ");
		if (entry_start && field == PO_STR) {
			/* the previous entry is complete */
			if (!id_empty)
				st = emit_spans(doc, &out,
						str_nonempty ? &str : &id);
			id.n = str.n = 0;
			str_nonempty = 0;
			id_empty = 1;
		}
		if (p < eol && s[p] == '#') {
			/* comments, flags, references, obsolete (#~); a
			 * suppression in a comment covers the entry below */
			tli_doc_directive(doc, s + p, eol - p, p, eol,
					  TLI_DIR_ENTRY);
		} else if (word_at(s, p, eol, "msgctxt")) {
			field = PO_OTHER;
			cur = NULL;
		} else if (word_at(s, p, eol, "msgid_plural")) {
			/* the singular msgid stands for both */
			field = PO_OTHER;
			cur = NULL;
		} else if (word_at(s, p, eol, "msgid")) {
			field = PO_ID;
			cur = &id;
			p += 5;
		} else if (word_at(s, p, eol, "msgstr")) {
			if (field == PO_STR && str.n && str_nonempty) {
				/* msgstr[1] after msgstr[0]: its own string */
				st = emit_spans(doc, &out, &str);
				str.n = 0;
			}
			field = PO_STR;
			cur = &str;
			p += 6;
		}
		/* the quoted string on this line, if any */
		const char *q = memchr(s + p, '"', eol - p);
		if (cur && q && !st) {
			size_t a = (size_t)(q - s), b = quote_end(s, a, eol);
			if (b == eol) {
				tli_doc_warn(doc, a,
					     "unterminated string (read to "
					     "the end of the line)");
			}
			if (b > a + 1) {
				if (cur == &str)
					str_nonempty = 1;
				if (cur == &id)
					id_empty = 0;
				if (spans_add(cur, a + 1, b))
					st = TL_ENOMEM;
			}
		}
		i = eol + 1;
	}
	if (!st && field == PO_STR && !id_empty)
		st = emit_spans(doc, &out, str_nonempty ? &str : &id);
	free(id.v);
	free(str.v);
	if (st) {
		tli_tb_free(&out);
		return st;
	}
	return tli_tb_to_text(&out, doc, NULL);
}

/* ------------------------------------------------------------------ */
/* .properties, .ini, .strings                                         */

tl_status tli_read_properties(tl_document *doc)
{
	const char *s = doc->src;
	size_t n = doc->src_len;
	tli_src in = tli_src_of_document(doc);
	tli_tb out;
	tli_tb_init(&out, &in);
	spans sp = {NULL, 0, 0};
	tl_status st = TL_OK;
	for (size_t i = 0; i < n && !st;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t eol = nl ? (size_t)(nl - s) : n;
		size_t p = i, e = eol;
		while (p < e && (s[p] == ' ' || s[p] == '\t' || s[p] == '\f'))
			p++;
		if (e > p && s[e - 1] == '\r')
			e--;
		i = eol + 1;
		if (p < e && (s[p] == '#' || s[p] == '!'))
			tli_doc_directive(doc, s + p, e - p, p, e,
					  TLI_DIR_LINE);
		if (p == e || s[p] == '#' || s[p] == '!' || s[p] == ';' ||
		    s[p] == '[' ||
		    (s[p] == '/' && p + 1 < e &&
		     (s[p + 1] == '/' || s[p + 1] == '*')))
			continue;
		/* the key: up to an unescaped '=', ':' or white space; a
		 * "quoted" key (.strings) up to its closing quote */
		if (s[p] == '"') {
			p = quote_end(s, p, e);
			if (p < e)
				p++;
		} else {
			while (p < e && s[p] != '=' && s[p] != ':' &&
			       s[p] != ' ' && s[p] != '\t') {
				if (s[p] == '\\')
					p++;
				p++;
			}
		}
		while (p < e && (s[p] == ' ' || s[p] == '\t'))
			p++;
		if (p < e && (s[p] == '=' || s[p] == ':'))
			p++;
		while (p < e && (s[p] == ' ' || s[p] == '\t'))
			p++;
		if (p >= e)
			continue;
		if (s[p] == '"') { /* "value"; */
			size_t q = quote_end(s, p, e);
			if (spans_add(&sp, p + 1, q < e ? q : e))
				st = TL_ENOMEM;
		} else {
			/* continuation lines: an odd number of trailing
			 * backslashes */
			for (;;) {
				size_t bs = 0;
				while (e - bs > p && s[e - 1 - bs] == '\\')
					bs++;
				if (bs % 2 == 0 || i >= n) {
					if (spans_add(&sp, p, e))
						st = TL_ENOMEM;
					break;
				}
				if (spans_add(&sp, p, e - 1)) {
					st = TL_ENOMEM;
					break;
				}
				nl = memchr(s + i, '\n', n - i);
				eol = nl ? (size_t)(nl - s) : n;
				p = i;
				e = eol;
				while (p < e && (s[p] == ' ' || s[p] == '\t'))
					p++;
				if (e > p && s[e - 1] == '\r')
					e--;
				i = eol + 1;
			}
		}
		if (!st)
			st = emit_spans(doc, &out, &sp);
		sp.n = 0;
	}
	free(sp.v);
	if (st) {
		tli_tb_free(&out);
		return st;
	}
	return tli_tb_to_text(&out, doc, NULL);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

tl_status tli_read_json(tl_document *doc)
{
	const char *s = doc->src;
	size_t n = doc->src_len;
	tli_src in = tli_src_of_document(doc);
	tli_tb out;
	tli_tb_init(&out, &in);
	tl_status st = TL_OK;
	for (size_t i = 0; i < n && !st; i++) {
		if (s[i] != '"')
			continue;
		size_t j = i + 1;
		while (j < n && s[j] != '"' && s[j] != '\n') {
			if (s[j] == '\\')
				j++;
			j++;
		}
		if (j >= n || s[j] != '"') {
			tli_doc_warn(doc, i,
				     "unterminated string (skipped to the end "
				     "of the line)");
			i = j;
			continue;
		}
		/* A key is followed by ':'; only values are prose. */
		size_t k = j + 1;
		while (k < n && strchr(" \t\r\n", s[k]) && s[k])
			k++;
		if (k >= n || s[k] != ':') {
			tli_src layer;
			char *data;
			tli_map_entry *map;
			st = decode_string(doc, i + 1, j, &layer, &data, &map);
			if (!st) {
				add_string(&out, &layer);
				free(data);
				free(map);
			}
		}
		i = j;
	}
	if (st) {
		tli_tb_free(&out);
		return st;
	}
	return tli_tb_to_text(&out, doc, NULL);
}
