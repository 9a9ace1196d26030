/*
 * textbuild.c: building prose and its map back to the file. Every append
 * goes through the input's own map, so a text built from a decoded email
 * part or a template layer still points at bytes of the original file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"

tli_src tli_src_of_document(const tl_document *doc)
{
	tli_src s = {doc->src, doc->src_len, NULL, 0, 0};
	return s;
}

size_t tli_src_to_source(const tli_src *in, size_t off, int is_end)
{
	tli_text t;
	memset(&t, 0, sizeof t);
	t.data = in->data;
	t.len = in->len;
	t.map = (tli_map_entry *)in->map;
	t.map_len = in->map_len;
	t.src_base = in->base;
	return tli_text_to_source(&t, off, is_end);
}

void tli_tb_init(tli_tb *tb, const tli_src *in)
{
	memset(tb, 0, sizeof *tb);
	tb->in = in;
}

void tli_tb_free(tli_tb *tb)
{
	tli_buf_free(&tb->text);
	free(tb->map.v);
	tb->map.v = NULL;
	tb->map.n = tb->map.cap = 0;
}

size_t tli_tb_len(const tli_tb *tb)
{
	return tb->text.len;
}

static void push(tli_tb *tb, size_t text_off, size_t text_len, size_t src_off,
		 size_t src_len, unsigned char ph)
{
	if (tb->oom)
		return;
	tli_mapbuf_push(&tb->map, text_off, text_len, src_off, src_len, ph);
	if (tb->map.oom)
		tb->oom = 1;
}

static int ends_in_space(const tli_tb *tb)
{
	if (tb->text.len == 0)
		return 1;
	char c = tb->text.data[tb->text.len - 1];
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Writes a pending block break before new prose. */
static void flush_break(tli_tb *tb)
{
	if (!tb->brk)
		return;
	tb->brk = 0;
	if (tb->text.len == 0)
		return;
	/* Trailing white space of the block goes, so the break is a truly
	 * blank line whatever the block ended with. */
	size_t n = tb->text.len;
	while (n > 0 &&
	       (tb->text.data[n - 1] == ' ' || tb->text.data[n - 1] == '\t' ||
		tb->text.data[n - 1] == '\r' || tb->text.data[n - 1] == '\n'))
		n--;
	tb->text.len = n;
	tb->text.data[n] = '\0';
	while (tb->map.n > 0 && tb->map.v[tb->map.n - 1].text_off >= n)
		tb->map.n--;
	if (tb->map.n > 0) {
		tli_map_entry *p = &tb->map.v[tb->map.n - 1];
		if (p->text_off + p->text_len > n) {
			int same = p->text_len == p->src_len;
			p->text_len = n - p->text_off;
			if (same)
				p->src_len = p->text_len;
		}
	}
	if (tli_buf_append(&tb->text, TLI_BREAK, strlen(TLI_BREAK)))
		tb->oom = 1;
}

static void append(tli_tb *tb, const char *s, size_t n)
{
	if (tli_buf_append(&tb->text, s, n))
		tb->oom = 1;
}

/* Index of the input map entry holding offset `off`, or of the first one
 * after it (map_len when none). */
static size_t entry_at(const tli_src *in, size_t off)
{
	size_t lo = 0, hi = in->map_len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tli_map_entry *e = &in->map[mid];
		if (e->text_off + e->text_len <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void tli_tb_verbatim(tli_tb *tb, size_t off, size_t len)
{
	if (len == 0 || tb->oom)
		return;
	flush_break(tb);
	const tli_src *in = tb->in;
	size_t at = tb->text.len;
	append(tb, in->data + off, len);
	if (!in->map) {
		push(tb, at, len, in->base + off, len, 0);
		return;
	}
	/* Split along the input's entries: byte-for-byte ones stay so, a
	 * replaced one (an entity the layer below decoded) maps to its whole
	 * source run, and gaps (breaks the layer below wrote) map to the
	 * point where the previous prose ended. */
	size_t end = off + len, cur = off;
	size_t i = entry_at(in, cur);
	while (cur < end) {
		const tli_map_entry *e = i < in->map_len ? &in->map[i] : NULL;
		if (!e || cur < e->text_off) {
			size_t stop =
				e && e->text_off < end ? e->text_off : end;
			size_t p = tli_src_to_source(in, cur, 1);
			push(tb, at + (cur - off), stop - cur, p, 0, 0);
			cur = stop;
			continue;
		}
		size_t stop = e->text_off + e->text_len;
		if (stop > end)
			stop = end;
		if (e->text_len == e->src_len && !e->placeholder)
			push(tb, at + (cur - off), stop - cur,
			     e->src_off + (cur - e->text_off), stop - cur, 0);
		else
			push(tb, at + (cur - off), stop - cur, e->src_off,
			     e->src_len, e->placeholder);
		cur = stop;
		i++;
	}
}

static void replace(tli_tb *tb, const char *s, size_t n, size_t off, size_t len,
		    unsigned char ph)
{
	if (n == 0 || tb->oom)
		return;
	flush_break(tb);
	size_t a = tli_src_to_source(tb->in, off, 0);
	size_t b = tli_src_to_source(tb->in, off + len, 1);
	if (b < a)
		b = a;
	size_t at = tb->text.len;
	append(tb, s, n);
	/* A replaced run whose lengths happen to be equal would read as byte
	 * for byte; that only shifts a position inside the run, never out of
	 * it. */
	push(tb, at, n, a, b - a, ph);
}

void tli_tb_replace(tli_tb *tb, const char *s, size_t n, size_t off, size_t len)
{
	replace(tb, s, n, off, len, 0);
}

void tli_tb_placeholder(tli_tb *tb, size_t off, size_t len)
{
	replace(tb, TLI_PLACEHOLDER, strlen(TLI_PLACEHOLDER), off, len, 1);
}

void tli_tb_space(tli_tb *tb)
{
	if (tb->brk || ends_in_space(tb))
		return;
	append(tb, " ", 1);
}

void tli_tb_break(tli_tb *tb)
{
	if (tb->text.len > 0)
		tb->brk = 1;
}

void tli_tb_literal(tli_tb *tb, const char *s, size_t n)
{
	if (n == 0)
		return;
	flush_break(tb);
	append(tb, s, n);
}

static void reset(tli_tb *tb)
{
	tli_buf_free(&tb->text);
	tb->map.v = NULL;
	tb->map.n = tb->map.cap = 0;
	tb->brk = 0;
}

tl_status tli_tb_to_text(tli_tb *tb, tl_document *doc, const char *label)
{
	if (tb->oom) {
		tli_tb_free(tb);
		return TL_ENOMEM;
	}
	if (tli_count_words(tb->text.data, tb->text.len) == 0) {
		tli_tb_free(tb);
		return TL_OK;
	}
	tli_text *t = realloc(doc->texts, (doc->text_count + 1) * sizeof *t);
	if (!t) {
		tli_tb_free(tb);
		return TL_ENOMEM;
	}
	doc->texts = t;
	t = &doc->texts[doc->text_count];
	memset(t, 0, sizeof *t);
	if (label && !(t->label = tli_strndup(label, strlen(label)))) {
		tli_tb_free(tb);
		return TL_ENOMEM;
	}
	t->len = tb->text.len;
	if (doc->reading) {
		/* The builder's offsets are in the decoded buffer: keep them,
		 * and map the text to the file through the buffer's map. */
		tli_map_entry *m = NULL;
		size_t n = 0;
		if (tli_origin_compose(doc->reading, tb->map.v, tb->map.n,
				       tb->text.len, &m, &n)) {
			free(t->label);
			t->label = NULL;
			tli_tb_free(tb);
			return TL_ENOMEM;
		}
		t->origin = doc->reading;
		t->omap = tb->map.v;
		t->omap_len = tb->map.n;
		tb->map.v = m;
		tb->map.n = tb->map.cap = n;
	}
	t->owned = tli_buf_take(&tb->text);
	t->data = t->owned;
	t->map = tb->map.v;
	t->map_len = tb->map.n;
	doc->text_count++;
	reset(tb);
	return TL_OK;
}

tl_status tli_tb_to_src(tli_tb *tb, tli_src *out, char **data,
			tli_map_entry **map)
{
	memset(out, 0, sizeof *out);
	*data = NULL;
	*map = NULL;
	if (tb->oom) {
		tli_tb_free(tb);
		return TL_ENOMEM;
	}
	size_t len = tb->text.len;
	/* An empty buffer still gets a terminator: readers may want one. */
	char *d = len ? tli_buf_take(&tb->text) : calloc(1, 1);
	if (!d) {
		tli_tb_free(tb);
		return TL_ENOMEM;
	}
	out->data = d;
	out->len = len;
	out->map = tb->map.v;
	out->map_len = tb->map.n;
	/* No entries but some bytes (only literals): everything maps to the
	 * start, through a single zero-length source run. */
	*data = d;
	*map = tb->map.v;
	if (!tb->map.v && len) {
		tli_map_entry *m = malloc(sizeof *m);
		if (!m) {
			free(d);
			*data = NULL;
			tli_tb_free(tb);
			return TL_ENOMEM;
		}
		m->text_off = 0;
		m->text_len = len;
		m->src_off = tli_src_to_source(tb->in, 0, 0);
		m->src_len = 0;
		m->placeholder = 0;
		out->map = *map = m;
		out->map_len = 1;
	}
	reset(tb);
	return TL_OK;
}

void tli_doc_warn(tl_document *doc, size_t off, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	tl_error *w =
		realloc(doc->warnings, (doc->warning_count + 1) * sizeof *w);
	if (!w)
		return;
	doc->warnings = w;
	char *m = tli_strndup(msg, strlen(msg));
	if (!m)
		return;
	if (doc->reading) {
		/* `off` is in a decoded buffer: place the warning at its
		 * encoded characters, and say where it is in the decoded
		 * text. */
		const tli_origin *o = doc->reading;
		unsigned line, column;
		tli_origin_position(o, off, &line, &column);
		char *full = malloc(strlen(m) + strlen(o->label) + 80);
		if (!full) {
			free(m);
			return;
		}
		snprintf(full, strlen(m) + strlen(o->label) + 80,
			 "%s (%s, line %u, column %u of the decoded text)", m,
			 o->label, line, column);
		free(m);
		m = full;
		off = tli_origin_to_source(o, off, 0);
	}
	w = &doc->warnings[doc->warning_count++];
	w->message = m;
	w->file = doc->name;
	tli_document_position(doc, off, &w->line, &w->column);
	w->line += doc->base_line; /* a piece of a file: the file's line */
}
