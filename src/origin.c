/*
 * origin.c: decoded buffers that texts are read from when the file holds no
 * readable text of their own (a base64 email body). A finding in one is
 * placed both in the file (at the encoded characters) and in the decoded
 * text, by the buffer's own line map, and its context says which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "strbuf.h"
#include "utf8.h"

static void origin_free(tli_origin *o)
{
	if (!o)
		return;
	free(o->label);
	free(o->data);
	free(o->line_starts);
	free(o->map);
	free(o);
}

void tli_origins_free(tl_document *doc)
{
	for (size_t i = 0; i < doc->origin_count; i++)
		origin_free(doc->origins[i]);
	free(doc->origins);
	doc->origins = NULL;
	doc->origin_count = 0;
}

tl_status tli_origin_add(tl_document *doc, const char *label, const char *data,
			 size_t len, const tli_map_entry *map, size_t map_len,
			 tli_origin **out)
{
	*out = NULL;
	tli_origin *o = calloc(1, sizeof *o);
	if (!o)
		return TL_ENOMEM;
	o->len = len;
	o->label = tli_strndup(label, strlen(label));
	o->data = tli_strndup(data, len);
	o->map_len = map_len;
	if (map_len) {
		o->map = malloc(map_len * sizeof *o->map);
		if (o->map)
			memcpy(o->map, map, map_len * sizeof *o->map);
	}
	tli_origin **v = o->label && o->data && (o->map || !map_len)
				 ? realloc(doc->origins,
					   (doc->origin_count + 1) * sizeof *v)
				 : NULL;
	if (!v || tli_lines_index(o->data, o->len, 0, &o->line_starts,
				  &o->line_count)) {
		if (v)
			doc->origins = v;
		origin_free(o);
		return TL_ENOMEM;
	}
	doc->origins = v;
	v[doc->origin_count++] = o;
	*out = o;
	return TL_OK;
}

size_t tli_origin_to_source(const tli_origin *o, size_t off, int is_end)
{
	/* Without a map (no bytes were decoded) everything is at 0. */
	return o->map ? tli_map_lookup(o->map, o->map_len, 0, off, is_end) : 0;
}

void tli_origin_position(const tli_origin *o, size_t off, unsigned *line,
			 unsigned *column)
{
	tli_lines_position(o->data, o->len, o->line_starts, o->line_count, off,
			   line, column);
}

/* Index of the origin map entry holding `off`, or of the first after it. */
static size_t entry_at(const tli_origin *o, size_t off)
{
	size_t lo = 0, hi = o->map_len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tli_map_entry *e = &o->map[mid];
		if (e->text_off + e->text_len <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A byte-for-byte run: text [t0, +len) is origin [off, +len). Split along
 * the origin's entries as tli_tb_verbatim does. */
static void compose_run(tli_mapbuf *mb, const tli_origin *o, size_t t0,
			size_t off, size_t len)
{
	size_t end = off + len, cur = off, i = entry_at(o, cur);
	while (cur < end) {
		const tli_map_entry *e = i < o->map_len ? &o->map[i] : NULL;
		if (!e || cur < e->text_off) {
			size_t stop =
				e && e->text_off < end ? e->text_off : end;
			tli_mapbuf_push(mb, t0 + (cur - off), stop - cur,
					tli_origin_to_source(o, cur, 1), 0, 0);
			cur = stop;
			continue;
		}
		size_t stop = e->text_off + e->text_len;
		if (stop > end)
			stop = end;
		if (e->text_len == e->src_len)
			tli_mapbuf_push(mb, t0 + (cur - off), stop - cur,
					e->src_off + (cur - e->text_off),
					stop - cur, 0);
		else
			tli_mapbuf_push(mb, t0 + (cur - off), stop - cur,
					e->src_off, e->src_len, 0);
		cur = stop;
		i++;
	}
}

tl_status tli_origin_compose(const tli_origin *o, const tli_map_entry *m,
			     size_t n, size_t text_len, tli_map_entry **out,
			     size_t *out_len)
{
	tli_mapbuf mb = {NULL, 0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		const tli_map_entry *e = &m[i];
		if (e->text_len == e->src_len && !e->placeholder && o->map) {
			compose_run(&mb, o, e->text_off, e->src_off,
				    e->text_len);
			continue;
		}
		size_t a = tli_origin_to_source(o, e->src_off, 0);
		size_t b = tli_origin_to_source(o, e->src_off + e->src_len, 1);
		tli_mapbuf_push(&mb, e->text_off, e->text_len, a,
				b > a ? b - a : 0, e->placeholder);
	}
	/* A text with no entries at all still maps somewhere: the start. */
	if (mb.n == 0 && text_len)
		tli_mapbuf_push(&mb, 0, text_len, tli_origin_to_source(o, 0, 0),
				0, 0);
	if (mb.oom) {
		free(mb.v);
		return TL_ENOMEM;
	}
	*out = mb.v;
	*out_len = mb.n;
	return TL_OK;
}

tl_status tli_origin_finding(tl_result *res, const tli_text *t, size_t s,
			     size_t e, tl_finding *f)
{
	const tli_origin *o = t->origin;
	size_t a = tli_map_lookup(t->omap, t->omap_len, 0, s, 0);
	size_t b = tli_map_lookup(t->omap, t->omap_len, 0, e, 1);
	if (b < a)
		b = a;
	f->decoded = o->data;
	f->decoded_offset = a;
	f->decoded_length = b - a;
	tli_origin_position(o, a, &f->decoded_line, &f->decoded_column);
	tli_origin_position(o, b, &f->decoded_end_line, &f->decoded_end_column);
	char buf[512];
	snprintf(buf, sizeof buf, "%s, line %u, column %u of the decoded text",
		 t->label ? t->label : o->label, f->decoded_line,
		 f->decoded_column);
	f->context = tli_result_strdup(res, buf, strlen(buf));
	return f->context ? TL_OK : TL_ENOMEM;
}
