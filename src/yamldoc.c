/* yamldoc.c: libyaml's event stream, read into tli_ynode. libyaml
 * returns 1 for success; that inversion stays in this file. */
#include "yamldoc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct tli_ydoc {
	tli_ynode *nodes; /* in the order they start: the root first */
	size_t count;
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

/*
 * Limits, checked on the event stream as the tree is built: libyaml's
 * scanner slows down quadratically with flow nesting ('[' * 100k takes half
 * a minute), and aliases make a graph whose expansion can be exponential
 * (the "billion laughs"). Rule packs and configuration files are untrusted
 * input.
 */
typedef struct anchor {
	char *name;
	size_t node;	 /* the node it names */
	size_t size;	 /* nodes, aliases expanded (saturating) */
	unsigned height; /* collections nested in it, itself included */
	int open;	 /* still being read: an alias to it is a cycle */
} anchor;

/* An open collection: its node, its size and height so far, its anchor,
 * and its children (node indices) in `kids`, from `first` on. */
typedef struct frame {
	size_t node, size;
	unsigned height;
	size_t a; /* index of its anchor + 1, or 0 (anchors move) */
	size_t first;
} frame;

static size_t sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static anchor *find_anchor(anchor *v, size_t n, const char *name)
{
	/* The latest definition wins (a second one is an error, said once
	 * the limits have been checked to the document's end). */
	for (size_t i = n; i-- > 0;)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

/* A growable array of size_t. */
typedef struct idxs {
	size_t *v, n, cap;
} idxs;

static int push(idxs *a, size_t x)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		size_t *v = realloc(a->v, cap * sizeof *v);
		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = x;
	return 0;
}

/* What the first document is being read into. */
typedef struct builder {
	tli_ydoc *d;
	size_t cap;   /* of d->nodes */
	idxs kids;    /* the open collections' children, stacked */
	idxs links;   /* the closed collections' children, in turn */
	size_t *from; /* per node: where its children start in links */
	anchor *anchors;
	size_t nanchors;
	/* The first of libyaml's loader's errors (an alias to no anchor, an
	 * anchor named twice), said once the document is read: a limit
	 * further on is said instead, as when the limits had a pass of their
	 * own before the loader ran. */
	int composer;
	char cmsg[80];
	unsigned cline, ccolumn;
} builder;

/* A new node (its index in *at) from an event's start mark. */
static int add_node(builder *b, tli_ykind kind, const yaml_mark_t *m,
		    size_t *at)
{
	tli_ydoc *d = b->d;
	if (d->count == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 256;
		tli_ynode *v = realloc(d->nodes, cap * sizeof *v);
		size_t *f = realloc(b->from, cap * sizeof *f);
		if (v)
			d->nodes = v;
		if (f)
			b->from = f;
		if (!v || !f)
			return -1;
		b->cap = cap;
	}
	tli_ynode *t = &d->nodes[d->count];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->line = (unsigned)m->line + 1;
	t->column = (unsigned)m->column + 1;
	b->from[d->count] = 0;
	*at = d->count++;
	return 0;
}

static void composer_error(builder *b, const char *what, const yaml_mark_t *m)
{
	if (b->composer)
		return;
	b->composer = 1;
	snprintf(b->cmsg, sizeof b->cmsg, "%s", what);
	b->cline = (unsigned)m->line + 1;
	b->ccolumn = (unsigned)m->column + 1;
}

static int limit_at(const yaml_mark_t *m, unsigned *line, unsigned *column)
{
	*line = (unsigned)m->line + 1;
	*column = (unsigned)m->column + 1;
	return -3;
}

/*
 * Reads the events of the first document into b: 0, -1 (a syntax error, or
 * an alias to no anchor, or an anchor named twice, as libyaml's loader says
 * them: the first in the text), -2 (out of memory) or -3 (a limit, anywhere
 * before a syntax error); msg, *line and *column filled on -1 and -3.
 * *ended: the first document's end was read (a second one may follow).
 */
static int read_first(yaml_parser_t *p, builder *b, const char *data,
		      size_t len, char *msg, size_t msg_size, unsigned *line,
		      unsigned *column, int *ended)
{
	frame stack[TLI_YAML_MAX_DEPTH + 1];
	size_t depth = 0, naliases = 0, written = 0, expanded = 0;
	int rc = 0, done = 0;
	*ended = 0;
	while (!done && rc == 0) {
		yaml_event_t e;
		if (!yaml_parser_parse(p, &e)) {
			set_error(p, data, len, msg, msg_size, line, column);
			rc = p->error == YAML_MEMORY_ERROR ? -2 : -1;
			break;
		}
		size_t size = 0, node = 0;
		unsigned height = 0;
		const yaml_char_t *anchor_name = NULL;
		int opens = 0, closes = 0, is_node = 0;
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
				find_anchor(b->anchors, b->nanchors,
					    (const char *)e.data.alias.anchor);
			if (!a) {
				composer_error(b, "found undefined alias",
					       &e.start_mark);
				break;
			}
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
				break;
			}
			/* the node it names, shared */
			node = a->node;
			is_node = 1;
			break;
		}
		case YAML_DOCUMENT_END_EVENT:
			*ended = 1;
			done = 1;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		if (rc == 0 && (e.type == YAML_SCALAR_EVENT || opens)) {
			written++;
			if (add_node(b,
				     e.type == YAML_SCALAR_EVENT ? TLI_Y_SCALAR
				     : e.type == YAML_SEQUENCE_START_EVENT
					     ? TLI_Y_SEQ
					     : TLI_Y_MAP,
				     &e.start_mark, &node))
				rc = -2;
			is_node = 1;
		}
		if (rc == 0 && e.type == YAML_SCALAR_EVENT) {
			/* the value is the tree's now */
			tli_ynode *t = &b->d->nodes[node];
			t->str = (const char *)e.data.scalar.value;
			t->len = e.data.scalar.length;
			t->plain =
				e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			e.data.scalar.value = NULL;
		}
		if (rc == 0 && anchor_name) {
			if (find_anchor(b->anchors, b->nanchors,
					(const char *)anchor_name))
				/* as libyaml's loader says it */
				composer_error(b,
					       "found duplicate anchor; first "
					       "occurrence second occurrence",
					       &e.start_mark);
			if (b->nanchors >= TLI_YAML_MAX_ALIASES) {
				snprintf(msg, msg_size,
					 "more than %d YAML anchors",
					 TLI_YAML_MAX_ALIASES);
				rc = limit_at(&e.start_mark, line, column);
			} else {
				anchor *v =
					realloc(b->anchors,
						(b->nanchors + 1) * sizeof *v);
				char *name =
					v ? strdup((const char *)anchor_name)
					  : NULL;
				if (v)
					b->anchors = v;
				if (!name) {
					rc = -2;
				} else {
					b->anchors[b->nanchors++] = (anchor){
						name, node, 1, 0, opens};
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
				/* a child of its parent from where it starts
				 * (its size counts there once it closes) */
				if (depth > 0 && push(&b->kids, node))
					rc = -2;
				stack[depth++] =
					(frame){node, 1, 1,
						anchor_name ? b->nanchors : 0,
						b->kids.n};
			}
		} else if (rc == 0 && is_node && depth > 0 &&
			   push(&b->kids, node)) {
			rc = -2;
		}
		if (rc == 0 && closes && depth > 0) {
			frame f = stack[--depth];
			size = f.size;
			height = f.height;
			if (f.a) {
				b->anchors[f.a - 1].size = size;
				b->anchors[f.a - 1].height = height;
				b->anchors[f.a - 1].open = 0;
			}
			/* its children move to links, in turn */
			b->from[f.node] = b->links.n;
			tli_ynode *t = &b->d->nodes[f.node];
			size_t n = b->kids.n - f.first;
			for (size_t k = 0; k < n && rc == 0; k++)
				if (push(&b->links, b->kids.v[f.first + k]))
					rc = -2;
			t->count = t->kind == TLI_Y_MAP ? n / 2 : n;
			b->kids.n = f.first;
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
	if ((rc == 0 || rc == -1) && b->composer) {
		/* before any syntax error: the loader stopped there */
		snprintf(msg, msg_size, "%s", b->cmsg);
		*line = b->cline;
		*column = b->ccolumn;
		rc = -1;
	}
	return rc;
}

/* The items arrays, once every node is read. */
static int link_items(builder *b)
{
	tli_ydoc *d = b->d;
	d->ptrs = calloc(b->links.n ? b->links.n : 1, sizeof *d->ptrs);
	if (!d->ptrs)
		return -2;
	for (size_t i = 0; i < b->links.n; i++)
		d->ptrs[i] = &d->nodes[b->links.v[i]];
	for (size_t i = 0; i < d->count; i++)
		d->nodes[i].items = d->ptrs + b->from[i];
	d->root = d->count ? &d->nodes[0] : NULL;
	return 0;
}

int tli_ydoc_parse(tli_ydoc **out, const char *data, size_t len, char *msg,
		   size_t msg_size, unsigned *line, unsigned *column)
{
	*out = NULL;
	builder b;
	memset(&b, 0, sizeof b);
	b.d = calloc(1, sizeof *b.d);
	if (!b.d)
		return -2;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		free(b.d);
		return -2;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	int ended = 0;
	int rc = read_first(&p, &b, data, len, msg, msg_size, line, column,
			    &ended);
	if (rc == 0 && ended && b.d->count) {
		/* A second document would be silently ignored: refuse it.
		 * libyaml's loader reads it whole from here, so that a
		 * syntax error in it is the error said. */
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
	if (rc == 0)
		rc = link_items(&b);
	for (size_t i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	free(b.kids.v);
	free(b.links.v);
	free(b.from);
	if (rc) {
		tli_ydoc_free(b.d);
		return rc;
	}
	*out = b.d;
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
	for (size_t i = 0; i < doc->count; i++)
		if (doc->nodes[i].kind == TLI_Y_SCALAR)
			free((char *)doc->nodes[i].str);
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
