/* yamldoc.c: libyaml's document API, converted to tli_ynode. libyaml
 * returns 1 for success; that inversion stays in this file. */
#include "yamldoc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct tli_ydoc {
	yaml_document_t doc;
	tli_ynode *nodes; /* parallel to doc.nodes */
	tli_ynode **ptrs; /* storage for all items arrays */
	tli_ynode *root;
};

/* The 1-based line and column of byte `off` of data. */
static void position_of(const char *data, size_t len, size_t off,
			unsigned *line, unsigned *column)
{
	unsigned l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*column = c;
}

static void set_error(const yaml_parser_t *p, const char *data, size_t len,
		      char *msg, size_t msg_size, unsigned *line,
		      unsigned *column)
{
	const char *problem = p->problem ? p->problem : "cannot parse";
	yaml_mark_t mark = p->problem_mark;
	/* The reader (bad UTF-8, control characters) has no mark, only the
	 * byte offset where it stopped. */
	if (p->error == YAML_READER_ERROR) {
		snprintf(msg, msg_size, "%s", problem);
		position_of(data, len, p->problem_offset, line, column);
		return;
	}
	/* A scanner error is best placed where the scanner stopped; a parser
	 * error with a context names both. */
	if (p->context)
		snprintf(msg, msg_size, "%s %s", p->context, problem);
	else
		snprintf(msg, msg_size, "%s", problem);
	*line = (unsigned)mark.line + 1;
	*column = (unsigned)mark.column + 1;
}

static int convert(tli_ydoc *d)
{
	yaml_node_t *start = d->doc.nodes.start, *top = d->doc.nodes.top;
	size_t n = (size_t)(top - start), nptrs = 0;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (start[i].type == YAML_SEQUENCE_NODE)
			nptrs += (size_t)(start[i].data.sequence.items.top -
					  start[i].data.sequence.items.start);
		else if (start[i].type == YAML_MAPPING_NODE)
			nptrs +=
				2 * (size_t)(start[i].data.mapping.pairs.top -
					     start[i].data.mapping.pairs.start);
	}
	d->nodes = calloc(n, sizeof *d->nodes);
	d->ptrs = calloc(nptrs ? nptrs : 1, sizeof *d->ptrs);
	if (!d->nodes || !d->ptrs)
		return -1;
	tli_ynode **next = d->ptrs;
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *y = &start[i];
		tli_ynode *t = &d->nodes[i];
		t->line = (unsigned)y->start_mark.line + 1;
		t->column = (unsigned)y->start_mark.column + 1;
		t->items = next;
		switch (y->type) {
		case YAML_SCALAR_NODE:
			t->kind = TLI_Y_SCALAR;
			t->str = (const char *)y->data.scalar.value;
			t->len = y->data.scalar.length;
			t->plain =
				y->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_NODE:
			t->kind = TLI_Y_SEQ;
			for (yaml_node_item_t *it =
				     y->data.sequence.items.start;
			     it < y->data.sequence.items.top; it++)
				t->items[t->count++] = &d->nodes[*it - 1];
			break;
		case YAML_MAPPING_NODE:
			t->kind = TLI_Y_MAP;
			for (yaml_node_pair_t *pr = y->data.mapping.pairs.start;
			     pr < y->data.mapping.pairs.top; pr++) {
				t->items[2 * t->count] = &d->nodes[pr->key - 1];
				t->items[2 * t->count + 1] =
					&d->nodes[pr->value - 1];
				t->count++;
			}
			break;
		case YAML_NO_NODE:
			t->kind = TLI_Y_SCALAR;
			t->str = "";
			t->plain = 1;
			break;
		}
		next += t->kind == TLI_Y_MAP ? 2 * t->count : t->count;
	}
	d->root = &d->nodes[0];
	return 0;
}

/*
 * Limits, checked on the event stream before libyaml builds the document:
 * libyaml's scanner slows down quadratically with flow nesting ('[' * 100k
 * takes half a minute), its loader looks each alias up among all anchors,
 * and aliases make a graph whose expansion can be exponential (the
 * "billion laughs"). Rule packs and configuration files are untrusted input.
 */
typedef struct anchor {
	char *name;
	size_t size;	 /* nodes, aliases expanded (saturating) */
	unsigned height; /* collections nested in it, itself included */
	int open;	 /* still being read: an alias to it is a cycle */
} anchor;

typedef struct frame {
	size_t size;
	unsigned height;
	size_t a; /* index of its anchor + 1, or 0 (anchors move) */
} frame;

static size_t sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static anchor *find_anchor(anchor *v, size_t n, const char *name)
{
	/* The latest definition wins, as in libyaml. */
	for (size_t i = n; i-- > 0;)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static int limit_at(const yaml_mark_t *m, unsigned *line, unsigned *column)
{
	*line = (unsigned)m->line + 1;
	*column = (unsigned)m->column + 1;
	return -3;
}

/* Walks the events of the first document: 0, -1 (a syntax error: left to
 * the loader to report), -2 (out of memory) or -3 (a limit, in msg). */
static int check_limits(const char *data, size_t len, char *msg,
			size_t msg_size, unsigned *line, unsigned *column)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return -2;
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	frame stack[TLI_YAML_MAX_DEPTH + 1];
	size_t depth = 0, nanchors = 0, naliases = 0, written = 0;
	size_t expanded = 0;
	anchor *anchors = NULL;
	int rc = 0, done = 0;
	while (!done && rc == 0) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			rc = p.error == YAML_MEMORY_ERROR ? -2 : -1;
			break;
		}
		size_t size = 0;
		unsigned height = 0;
		const yaml_char_t *anchor_name = NULL;
		int opens = 0, closes = 0;
		switch (e.type) {
		case YAML_SCALAR_EVENT:
			size = 1;
			anchor_name = e.data.scalar.anchor;
			break;
		case YAML_SEQUENCE_START_EVENT:
			opens = 1;
			anchor_name = e.data.sequence_start.anchor;
			break;
		case YAML_MAPPING_START_EVENT:
			opens = 1;
			anchor_name = e.data.mapping_start.anchor;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			closes = 1;
			break;
		case YAML_ALIAS_EVENT: {
			anchor *a =
				find_anchor(anchors, nanchors,
					    (const char *)e.data.alias.anchor);
			if (!a) /* undefined: the loader says so */
				break;
			if (++naliases > TLI_YAML_MAX_ALIASES) {
				snprintf(msg, msg_size,
					 "more than %d YAML aliases",
					 TLI_YAML_MAX_ALIASES);
				rc = limit_at(&e.start_mark, line, column);
				break;
			}
			if (a->open) {
				snprintf(msg, msg_size,
					 "YAML alias '*%s' refers to a node "
					 "that contains it",
					 a->name);
				rc = limit_at(&e.start_mark, line, column);
				break;
			}
			size = a->size;
			height = a->height;
			if (depth + height > TLI_YAML_MAX_DEPTH) {
				snprintf(msg, msg_size,
					 "YAML nested deeper than %d levels "
					 "(through alias '*%s')",
					 TLI_YAML_MAX_DEPTH, a->name);
				rc = limit_at(&e.start_mark, line, column);
				break;
			}
			expanded = sat_add(expanded, size);
			size_t cap = written > TLI_YAML_MAX_EXPANSION / 10
					     ? written * 10
					     : TLI_YAML_MAX_EXPANSION;
			if (expanded > cap) {
				snprintf(msg, msg_size,
					 "YAML aliases expand to more than "
					 "%zu nodes",
					 cap);
				rc = limit_at(&e.start_mark, line, column);
			}
			break;
		}
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		if (rc == 0 && (e.type == YAML_SCALAR_EVENT || opens))
			written++;
		if (rc == 0 && anchor_name) {
			if (nanchors >= TLI_YAML_MAX_ALIASES) {
				snprintf(msg, msg_size,
					 "more than %d YAML anchors",
					 TLI_YAML_MAX_ALIASES);
				rc = limit_at(&e.start_mark, line, column);
			} else {
				anchor *v = realloc(anchors,
						    (nanchors + 1) * sizeof *v);
				char *name =
					v ? strdup((const char *)anchor_name)
					  : NULL;
				if (v)
					anchors = v;
				if (!name) {
					rc = -2;
				} else {
					anchors[nanchors] =
						(anchor){name, 1, 0, opens};
					nanchors++;
				}
			}
		}
		if (rc == 0 && opens) {
			if (depth >= TLI_YAML_MAX_DEPTH) {
				snprintf(msg, msg_size,
					 "YAML nested deeper than %d levels",
					 TLI_YAML_MAX_DEPTH);
				rc = limit_at(&e.start_mark, line, column);
			} else {
				stack[depth++] = (frame){
					1, 1, anchor_name ? nanchors : 0};
			}
		}
		if (rc == 0 && closes && depth > 0) {
			frame f = stack[--depth];
			size = f.size;
			height = f.height;
			if (f.a) {
				anchors[f.a - 1].size = size;
				anchors[f.a - 1].height = height;
				anchors[f.a - 1].open = 0;
			}
		}
		/* A finished node (scalar, alias or collection) counts in its
		 * parent. */
		if (rc == 0 && !opens && depth > 0 && (size || closes)) {
			frame *top = &stack[depth - 1];
			top->size = sat_add(top->size, size);
			if (height + 1 > top->height)
				top->height = height + 1;
		}
		yaml_event_delete(&e);
	}
	for (size_t i = 0; i < nanchors; i++)
		free(anchors[i].name);
	free(anchors);
	yaml_parser_delete(&p);
	return rc;
}

int tli_ydoc_parse(tli_ydoc **out, const char *data, size_t len, char *msg,
		   size_t msg_size, unsigned *line, unsigned *column)
{
	*out = NULL;
	int lim = check_limits(data, len, msg, msg_size, line, column);
	if (lim == -2 || lim == -3)
		return lim;
	tli_ydoc *d = calloc(1, sizeof *d);
	if (!d)
		return -2;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		free(d);
		return -2;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	int rc = 0;
	if (!yaml_parser_load(&p, &d->doc)) {
		set_error(&p, data, len, msg, msg_size, line, column);
		rc = p.error == YAML_MEMORY_ERROR ? -2 : -1;
		yaml_parser_delete(&p);
		free(d);
		return rc;
	}
	if (yaml_document_get_root_node(&d->doc)) {
		/* A second document would be silently ignored: refuse it. */
		yaml_document_t second;
		if (!yaml_parser_load(&p, &second)) {
			set_error(&p, data, len, msg, msg_size, line, column);
			rc = p.error == YAML_MEMORY_ERROR ? -2 : -1;
		} else {
			yaml_node_t *r = yaml_document_get_root_node(&second);
			if (r) {
				snprintf(msg, msg_size,
					 "a rule pack holds one YAML document; "
					 "found a second one");
				*line = (unsigned)r->start_mark.line + 1;
				*column = (unsigned)r->start_mark.column + 1;
				rc = -1;
			}
			yaml_document_delete(&second);
		}
	}
	yaml_parser_delete(&p);
	if (rc == 0 && convert(d))
		rc = -2;
	if (rc) {
		tli_ydoc_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

const tli_ynode *tli_ydoc_root(const tli_ydoc *doc)
{
	return doc->root;
}

void tli_ydoc_free(tli_ydoc *doc)
{
	if (!doc)
		return;
	yaml_document_delete(&doc->doc);
	free(doc->nodes);
	free(doc->ptrs);
	free(doc);
}

const char *tli_ynode_kind(const tli_ynode *n)
{
	switch (n->kind) {
	case TLI_Y_SCALAR:
		return tli_ynode_is_null(n) ? "nothing" : "a single value";
	case TLI_Y_SEQ:
		return "a list";
	case TLI_Y_MAP:
		return "a mapping";
	}
	return "?";
}

int tli_ynode_is_null(const tli_ynode *n)
{
	if (n->kind != TLI_Y_SCALAR || !n->plain)
		return 0;
	return n->len == 0 || strcmp(n->str, "~") == 0 ||
	       strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	       strcmp(n->str, "NULL") == 0;
}
