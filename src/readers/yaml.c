/*
 * yaml.c: string values of YAML locale files (Rails, Symfony, i18next),
 * with libyaml. Keys are not prose; values (and sequence items) are.
 *
 * libyaml gives each scalar's decoded value and its span (in characters,
 * converted to bytes here), not where each decoded byte came from: a
 * folded or escaped value differs from its source. Each word of the value
 * is looked up, in order, in the scalar's source span; a word found there
 * maps exactly, one that is not (it held an escape) maps to the span's
 * start. libyaml returns 1 for success: that inversion stays in this file.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "readers.h"

/* Converts libyaml's character indexes to byte offsets; calls come in
 * increasing order, so a cursor walks the source once. */
typedef struct cursor {
	const char *s;
	size_t n, chars, bytes;
} cursor;

static size_t byte_of(cursor *c, size_t chars)
{
	if (chars < c->chars) {
		c->chars = 0;
		c->bytes = 0;
	}
	while (c->chars < chars && c->bytes < c->n) {
		unsigned char b = (unsigned char)c->s[c->bytes++];
		while (c->bytes < c->n &&
		       ((unsigned char)c->s[c->bytes] & 0xC0) == 0x80 &&
		       b >= 0xC0)
			c->bytes++;
		c->chars++;
	}
	return c->bytes;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Builds the layer for one value: words found in src[a, b) map exactly. */
static tl_status value_layer(tl_document *doc, const char *v, size_t vn,
			     size_t a, size_t b, tli_src *layer, char **data,
			     tli_map_entry **map)
{
	tli_src in = tli_src_of_document(doc);
	tli_tb tb;
	tli_tb_init(&tb, &in);
	size_t at = a;
	for (size_t i = 0; i < vn;) {
		size_t j = i;
		if (is_space(v[i])) {
			while (j < vn && is_space(v[j]))
				j++;
			tli_tb_literal(&tb, v + i, j - i);
			i = j;
			continue;
		}
		while (j < vn && !is_space(v[j]))
			j++;
		const char *hit = NULL;
		for (size_t k = at; k + (j - i) <= b; k++)
			if (memcmp(doc->src + k, v + i, j - i) == 0) {
				hit = doc->src + k;
				break;
			}
		if (hit) {
			tli_tb_verbatim(&tb, (size_t)(hit - doc->src), j - i);
			at = (size_t)(hit - doc->src) + (j - i);
		} else {
			tli_tb_replace(&tb, v + i, j - i, at, 0);
		}
		i = j;
	}
	return tli_tb_to_src(&tb, layer, data, map);
}

/* Where we are in the tree: in a mapping, scalars alternate key, value. */
typedef struct level {
	int mapping;
	int want_key;
} level;

tl_status tli_read_yaml(tl_document *doc)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return TL_ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)doc->src,
				     doc->src_len);
	tli_src in = tli_src_of_document(doc);
	tli_tb out;
	tli_tb_init(&out, &in);
	cursor cur = {doc->src, doc->src_len, 0, 0};
	level stack[128];
	size_t depth = 0;
	tl_status st = TL_OK;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			size_t off = byte_of(&cur, p.problem_mark.index);
			tli_doc_warn(doc, off,
				     "YAML error: %s (the rest of the file is "
				     "not read)",
				     p.problem ? p.problem : "syntax error");
			break;
		}
		yaml_event_type_t type = e.type;
		level *top = depth ? &stack[depth - 1] : NULL;
		int is_key = top && top->mapping && top->want_key;
		switch (type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (top && top->mapping)
				top->want_key = !top->want_key;
			if (depth < sizeof stack / sizeof stack[0])
				stack[depth++] = (level){
					type == YAML_MAPPING_START_EVENT, 1};
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth)
				depth--;
			break;
		case YAML_ALIAS_EVENT:
			if (top && top->mapping)
				top->want_key = !top->want_key;
			break;
		case YAML_SCALAR_EVENT:
			if (top && top->mapping)
				top->want_key = !top->want_key;
			if (is_key || e.data.scalar.length == 0)
				break;
			{
				size_t a = byte_of(&cur, e.start_mark.index);
				size_t b = byte_of(&cur, e.end_mark.index);
				tli_src layer;
				char *data;
				tli_map_entry *map;
				st = value_layer(
					doc, (const char *)e.data.scalar.value,
					e.data.scalar.length, a, b, &layer,
					&data, &map);
				if (st)
					break;
				const tli_src *keep = out.in;
				out.in = &layer;
				tli_tb_fields(&out, 0, layer.len);
				out.in = keep;
				tli_tb_break(&out);
				free(data);
				free(map);
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&e);
		if (st || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	if (st) {
		tli_tb_free(&out);
		return st;
	}
	return tli_tb_to_text(&out, doc, NULL);
}
