/*
 * xml.c: XML templates and data (Odoo QWeb and similar) and XLIFF.
 *
 * A hand-written tokenizer, on purpose: libxml2 reports a line number per
 * node but no byte offsets or columns for text and attribute values, and
 * QWeb files carry template expressions ({{ }}, #{ }, ${ }) inside
 * attribute values, which must become placeholders with exact spans. XML
 * is regular enough (explicit end tags, quoted attributes) that finding
 * tags, comments, CDATA and text is a small job; entities are decoded with
 * entity.c.
 *
 * QWeb: text nodes and readable attributes (alt, title, placeholder,
 * aria-label, t-attf-* format strings) are prose; an element with t-out,
 * t-esc, t-raw or t-field has its content replaced when rendered, so it is
 * one placeholder; <script> and <style> are not prose. XLIFF: each unit's
 * <target>, or its <source> when the target is empty; inline codes
 * (<x/>, <ph>, <bpt>...) are placeholders.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers.h"

#define TMPL (TLI_TMPL_CURLY | TLI_TMPL_ERB)

typedef struct tag {
	size_t start, end;  /* the whole tag, '<' to '>' inclusive */
	size_t name, nlen;  /* the element name */
	int closing, empty; /* </x>, <x/> */
} tag;

static int name_char(char c)
{
	return c == '-' || c == '_' || c == ':' || c == '.' ||
	       (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Parses the tag at s[i] == '<'; 0 if it is not one (then it is text). */
static int parse_tag(const char *s, size_t i, size_t n, tag *t)
{
	memset(t, 0, sizeof *t);
	t->start = i;
	size_t j = i + 1;
	if (j < n && s[j] == '/') {
		t->closing = 1;
		j++;
	}
	t->name = j;
	while (j < n && name_char(s[j]))
		j++;
	t->nlen = j - t->name;
	if (t->nlen == 0)
		return 0;
	char q = 0;
	for (; j < n; j++) {
		if (q) {
			if (s[j] == q)
				q = 0;
		} else if (s[j] == '"' || s[j] == '\'') {
			q = s[j];
		} else if (s[j] == '>') {
			t->empty = s[j - 1] == '/';
			t->end = j + 1;
			return 1;
		}
	}
	return 0;
}

static int name_is(const char *s, const tag *t, const char *w)
{
	return strlen(w) == t->nlen &&
	       strncasecmp(s + t->name, w, t->nlen) == 0;
}

/* Finds attribute `w` in tag t: its value's span (without quotes). */
static int attr(const char *s, const tag *t, const char *w, size_t *a,
		size_t *b)
{
	size_t j = t->name + t->nlen, wn = strlen(w);
	while (j < t->end) {
		while (j < t->end && !name_char(s[j]))
			j++;
		size_t k = j;
		while (k < t->end && name_char(s[k]))
			k++;
		size_t v = k;
		while (v < t->end && (s[v] == ' ' || s[v] == '\t' ||
				      s[v] == '\n' || s[v] == '\r'))
			v++;
		if (v < t->end && s[v] == '=') {
			v++;
			while (v < t->end && (s[v] == ' ' || s[v] == '\n'))
				v++;
			if (v < t->end && (s[v] == '"' || s[v] == '\'')) {
				const char *e =
					memchr(s + v + 1, s[v], t->end - v - 1);
				if (!e)
					return 0;
				if (k - j == wn && strncmp(s + j, w, wn) == 0) {
					*a = v + 1;
					*b = (size_t)(e - s);
					return 1;
				}
				j = (size_t)(e - s) + 1;
				continue;
			}
		}
		if (k == j)
			j++;
		else
			j = k;
	}
	return 0;
}

static int has_attr(const char *s, const tag *t, const char *w)
{
	size_t a, b;
	return attr(s, t, w, &a, &b);
}

static int inline_element(const char *s, const tag *t)
{
	static const char *const names[] = {
		"a",  "b",    "i",     "u",   "em",  "strong", "span",
		"t",  "font", "small", "big", "sub", "sup",    "abbr",
		"g",  "pc",   "mrk",   "x",   "ph",  "bx",     "ex",
		"sc", "ec",   "it",    "bpt", "ept", NULL};
	for (size_t i = 0; names[i]; i++)
		if (name_is(s, t, names[i]))
			return 1;
	return 0;
}

/* XLIFF inline codes: placeholders. */
static int inline_code(const char *s, const tag *t)
{
	static const char *const names[] = {"x",  "ph", "bx",  "ex",  "sc",
					    "ec", "it", "bpt", "ept", NULL};
	for (size_t i = 0; names[i]; i++)
		if (name_is(s, t, names[i]))
			return 1;
	return 0;
}

/* The offset just past the element that tag t opens (its matching end
 * tag), or the end of the input. */
static size_t element_end(tl_document *doc, const char *s, size_t n,
			  const tag *t, int *closed)
{
	*closed = 1;
	if (t->empty)
		return t->end;
	int depth = 1;
	for (size_t i = t->end; i < n; i++) {
		if (s[i] != '<')
			continue;
		tag u;
		if (!parse_tag(s, i, n, &u))
			continue;
		if (u.nlen == t->nlen &&
		    memcmp(s + u.name, s + t->name, t->nlen) == 0 && !u.empty)
			depth += u.closing ? -1 : 1;
		if (depth == 0)
			return u.end;
		i = u.end - 1;
	}
	/* Truncated or broken: what is left belongs to it, and the reader
	 * says so rather than lose the rest silently. */
	*closed = 0;
	tli_doc_warn(doc, t->start, "unclosed <%.*s>: it runs to the end",
		     (int)(t->nlen > 40 ? 40 : t->nlen), s + t->name);
	return n;
}

/* Skips markup that is not an element: comments, CDATA, PIs, DOCTYPE.
 * Returns the offset after it, or 0 if s[i] is not one; *cdata receives
 * the span of CDATA text. */
static size_t special(tl_document *doc, const char *s, size_t i, size_t n,
		      size_t *ca, size_t *cb)
{
	*ca = *cb = 0;
	const char *close;
	size_t skip;
	if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
		close = "-->";
		skip = 4;
	} else if (i + 9 <= n && memcmp(s + i, "<![CDATA[", 9) == 0) {
		close = "]]>";
		skip = 9;
	} else if (i + 2 <= n && s[i + 1] == '?') {
		close = "?>";
		skip = 2;
	} else if (i + 2 <= n && s[i + 1] == '!') {
		close = ">";
		skip = 2;
	} else {
		return 0;
	}
	size_t cn = strlen(close);
	for (size_t j = i + skip; j + cn <= n; j++) {
		if (memcmp(s + j, close, cn) == 0) {
			if (skip == 9) {
				*ca = i + 9;
				*cb = j;
			}
			return j + cn;
		}
	}
	tli_doc_warn(doc, i, "unclosed %s: the rest of the file is not read",
		     skip == 4	 ? "comment"
		     : skip == 9 ? "CDATA section"
				 : "declaration");
	return n;
}

static void readable_attrs(tli_tb *tb, tl_document *doc, const tag *t)
{
	const char *s = doc->src;
	static const char *const names[] = {
		"alt",	      "title",	      "placeholder", "aria-label",
		"t-attf-alt", "t-attf-title", NULL};
	for (size_t i = 0; names[i]; i++) {
		size_t a, b;
		if (!attr(s, t, names[i], &a, &b))
			continue;
		tli_tb_break(tb);
		tli_template_text(tb, doc, a, b - a, TMPL);
		tli_tb_break(tb);
	}
}

/* Reads s[from, to) as prose: text, inline markup, placeholders. */
static void content(tli_tb *tb, tl_document *doc, size_t from, size_t to,
		    int xliff)
{
	const char *s = doc->src;
	size_t run = from;
	for (size_t i = from; i < to; i++) {
		if (s[i] != '<')
			continue;
		size_t ca, cb;
		size_t e = special(doc, s, i, to, &ca, &cb);
		tag t;
		if (!e && !parse_tag(s, i, to, &t))
			continue;
		tli_template_text(tb, doc, run, i - run, TMPL);
		if (e) {
			if (cb > ca)
				tli_tb_verbatim(tb, ca, cb - ca);
			run = e;
			i = e - 1;
			continue;
		}
		run = t.end;
		i = t.end - 1;
		if (t.closing) {
			if (!inline_element(s, &t))
				tli_tb_break(tb);
			continue;
		}
		int replaced =
			has_attr(s, &t, "t-out") || has_attr(s, &t, "t-esc") ||
			has_attr(s, &t, "t-raw") || has_attr(s, &t, "t-field");
		if (replaced || (xliff && inline_code(s, &t))) {
			int closed;
			size_t end = element_end(doc, s, to, &t, &closed);
			tli_tb_placeholder(tb, t.start, end - t.start);
			run = end;
			i = end - 1;
			continue;
		}
		if (name_is(s, &t, "script") || name_is(s, &t, "style") ||
		    name_is(s, &t, "head")) {
			int closed;
			size_t end = element_end(doc, s, to, &t, &closed);
			run = end;
			i = end - 1;
			continue;
		}
		if (!inline_element(s, &t))
			tli_tb_break(tb);
		if (!xliff)
			readable_attrs(tb, doc, &t);
		if (t.empty && !inline_element(s, &t))
			tli_tb_break(tb);
	}
	tli_template_text(tb, doc, run, to - run, TMPL);
}

/* XLIFF: per unit, the target or, when it is empty, the source. */
static void xliff_units(tli_tb *tb, tl_document *doc)
{
	const char *s = doc->src;
	size_t n = doc->src_len;
	size_t src_a = 0, src_b = 0, tgt_a = 0, tgt_b = 0;
	for (size_t i = 0; i <= n; i++) {
		/* A unit the file ends inside (truncated) is read all the
		 * same. */
		int last = i == n && src_b + tgt_b > 0;
		if (i == n && !last)
			break;
		if (!last && s[i] != '<')
			continue;
		size_t ca, cb, e = last ? 0 : special(doc, s, i, n, &ca, &cb);
		if (e) {
			i = e - 1;
			continue;
		}
		tag t;
		if (!last && !parse_tag(s, i, n, &t))
			continue;
		if (!last)
			i = t.end - 1;
		if (last || (t.closing && (name_is(s, &t, "trans-unit") ||
					   name_is(s, &t, "segment")))) {
			int tgt = 0;
			for (size_t k = tgt_a; k < tgt_b; k++)
				if (!strchr(" \t\r\n", s[k]))
					tgt = 1;
			if (tgt)
				content(tb, doc, tgt_a, tgt_b, 1);
			else if (src_b > src_a)
				content(tb, doc, src_a, src_b, 1);
			tli_tb_break(tb);
			src_a = src_b = tgt_a = tgt_b = 0;
			if (last)
				break;
			continue;
		}
		if (t.closing || t.empty)
			continue;
		int is_src = name_is(s, &t, "source");
		if (is_src || name_is(s, &t, "target")) {
			int closed;
			size_t end = element_end(doc, s, n, &t, &closed);
			/* content only: back from the end tag to its '<' */
			size_t c = end;
			while (closed && c > t.end && s[c - 1] != '<')
				c--;
			if (closed && c > t.end)
				c--;
			if (is_src) {
				src_a = t.end;
				src_b = c;
			} else {
				tgt_a = t.end;
				tgt_b = c;
			}
			i = end - 1;
		}
	}
}

tl_status tli_read_xml(tl_document *doc, int xliff)
{
	tli_src in = tli_src_of_document(doc);
	tli_tb tb;
	tli_tb_init(&tb, &in);
	if (xliff)
		xliff_units(&tb, doc);
	else
		content(&tb, doc, 0, doc->src_len, 0);
	return tli_tb_to_text(&tb, doc, NULL);
}
