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
#include "suppress.h"
#include "utf8.h"
#include "yamldoc.h"

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

/*
 * A copy of the source that libyaml accepts: its reader stops the whole
 * parse at the first invalid UTF-8 sequence or control character (and, as
 * it reads ahead, before the first value is seen), where other formats read
 * such bytes as text. Each one becomes a space, byte for byte, so offsets
 * stay those of the file. NULL when nothing needs replacing (or out of
 * memory: *oom).
 */
static char *yaml_safe_copy(const char *s, size_t n, int *oom)
{
	char *copy = NULL;
	*oom = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = tli_utf8_decode((const unsigned char *)s + i, n - i,
					   &cp);
		int bad = (cp == 0xFFFD && k == 1) ||
			  !(cp == 0x09 || cp == 0x0A || cp == 0x0D ||
			    (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
			    (cp >= 0xA0 && cp <= 0xD7FF) ||
			    (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000);
		/* A byte order mark is allowed at the start only. */
		if (cp == 0xFEFF && i > 0)
			bad = 1;
		if (bad) {
			if (!copy && !(copy = tli_strndup(s, n))) {
				*oom = 1;
				return NULL;
			}
			memset(copy + i, ' ', k);
		}
		i += k;
	}
	return copy;
}

/* Suppression comments in src[from, to), which lies between two events,
 * outside any scalar: a '#' at the start of a line or after white space
 * runs to the end of its line. */
static void comments(tl_document *doc, const char *src, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (src[i] != '#' || (i > 0 && !is_space(src[i - 1])))
			continue;
		const char *nl = memchr(src + i, '\n', doc->src_len - i);
		size_t eol = nl ? (size_t)(nl - src) : doc->src_len;
		tli_doc_directive(doc, src + i, eol - i, i, eol, TLI_DIR_LINE);
		i = eol;
	}
}

/* Where we are in the tree: in a mapping, scalars alternate key, value. */
typedef struct level {
	int mapping;
	int want_key;
} level;

tl_status tli_read_yaml(tl_document *doc)
{
	int oom;
	char *safe = yaml_safe_copy(doc->src, doc->src_len, &oom);
	if (oom)
		return TL_ENOMEM;
	const char *src = safe ? safe : doc->src;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		free(safe);
		return TL_ENOMEM;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)src,
				     doc->src_len);
	tli_src in = tli_src_of_document(doc);
	tli_tb out;
	tli_tb_init(&out, &in);
	cursor cur = {src, doc->src_len, 0, 0};
	level stack[TLI_YAML_MAX_DEPTH];
	size_t depth = 0;
	tl_status st = TL_OK;
	/* Comments are looked for between events, with a cursor of their
	 * own that only moves forward. */
	cursor ccur = {src, doc->src_len, 0, 0};
	size_t cseen = 0, cdone = 0;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			/* The reader (bad UTF-8, control characters) has no
			 * mark, only the byte offset where it stopped. */
			size_t off =
				p.error == YAML_READER_ERROR
					? p.problem_offset
					: byte_of(&cur, p.problem_mark.index);
			tli_doc_warn(doc, off,
				     "YAML error: %s (the rest of the file is "
				     "not read)",
				     p.problem ? p.problem : "syntax error");
			break;
		}
		if (e.start_mark.index >= cseen &&
		    e.end_mark.index >= e.start_mark.index) {
			comments(doc, src, cdone,
				 byte_of(&ccur, e.start_mark.index));
			cdone = byte_of(&ccur, e.end_mark.index);
			cseen = e.end_mark.index;
		}
		yaml_event_type_t type = e.type;
		level *top = depth ? &stack[depth - 1] : NULL;
		int is_key = top && top->mapping && top->want_key;
		switch (type) {
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			/* libyaml slows down quadratically with nesting; no
			 * catalogue nests this deep. */
			if (depth >= TLI_YAML_MAX_DEPTH) {
				tli_doc_warn(
					doc, byte_of(&cur, e.start_mark.index),
					"YAML nested deeper than %d levels "
					"(the rest of the file is not read)",
					TLI_YAML_MAX_DEPTH);
				st = TL_OK;
				type = YAML_STREAM_END_EVENT;
				break;
			}
			if (top && top->mapping)
				top->want_key = !top->want_key;
			stack[depth++] =
				(level){type == YAML_MAPPING_START_EVENT, 1};
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
	free(safe);
	if (st) {
		tli_tb_free(&out);
		return st;
	}
	return tli_tb_to_text(&out, doc, NULL);
}
