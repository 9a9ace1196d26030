/* yamldoc.c: libyaml's document API, converted to tli_ynode. libyaml
 * returns 1 for success; that inversion stays in this file. */
#include "yamldoc.h"

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

static void set_error(const yaml_parser_t *p, char *msg, size_t msg_size,
		      unsigned *line, unsigned *column)
{
	const char *problem = p->problem ? p->problem : "cannot parse";
	yaml_mark_t mark = p->problem_mark;
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

int tli_ydoc_parse(tli_ydoc **out, const char *data, size_t len, char *msg,
		   size_t msg_size, unsigned *line, unsigned *column)
{
	*out = NULL;
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
		set_error(&p, msg, msg_size, line, column);
		rc = p.error == YAML_MEMORY_ERROR ? -2 : -1;
		yaml_parser_delete(&p);
		free(d);
		return rc;
	}
	if (yaml_document_get_root_node(&d->doc)) {
		/* A second document would be silently ignored: refuse it. */
		yaml_document_t second;
		if (!yaml_parser_load(&p, &second)) {
			set_error(&p, msg, msg_size, line, column);
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

int tli_ynode_is_null(const tli_ynode *n)
{
	if (n->kind != TLI_Y_SCALAR || !n->plain)
		return 0;
	return n->len == 0 || strcmp(n->str, "~") == 0 ||
	       strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	       strcmp(n->str, "NULL") == 0;
}
