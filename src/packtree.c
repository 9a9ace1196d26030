/* packtree.c: a built-in pack's subtree expanded into ordinary nodes. */
#include "packtree.h"

#include <stdlib.h>

void tli_pack_release(char *s)
{
	/* compared as integers: the pool is one object, s may be another */
	uintptr_t p = (uintptr_t)s, lo = (uintptr_t)tli_pack_pool;
	if (p >= lo && p < lo + tli_pack_pool_size)
		return;
	free(s);
}

static size_t item_count(const tli_pnode *n)
{
	if (n->kind == TLI_Y_MAP)
		return 2 * (size_t)n->count;
	return n->kind == TLI_Y_SEQ ? n->count : 0;
}

/* Nodes and item slots of the subtree at `at` (the trees are at most
 * TLI_YAML_MAX_DEPTH deep: the parser refused deeper ones). */
static void measure(uint32_t at, size_t *nodes, size_t *items)
{
	const tli_pnode *n = &tli_pack_nodes[at];
	size_t k = item_count(n);
	*nodes += 1;
	*items += k;
	for (size_t j = 0; j < k; j++)
		measure(tli_pack_items[n->items + j], nodes, items);
}

/* Writes the subtree at `at` from e->nodes[*nn] and e->items[*ni]. */
static tli_ynode *fill(tli_pexpand *e, uint32_t at, size_t *nn, size_t *ni)
{
	const tli_pnode *p = &tli_pack_nodes[at];
	tli_ynode *y = &e->nodes[(*nn)++];
	y->kind = (tli_ykind)p->kind;
	y->line = p->line;
	y->column = p->column;
	y->plain = p->plain;
	y->str = p->str == TLI_PNODE_NONE ? NULL : tli_pack_pool + p->str;
	y->len = p->len;
	y->count = p->count;
	size_t k = item_count(p);
	y->items = k ? &e->items[*ni] : NULL;
	*ni += k;
	for (size_t j = 0; j < k; j++)
		y->items[j] = fill(e, tli_pack_items[p->items + j], nn, ni);
	return y;
}

tl_status tli_pexpand_node(tli_pexpand *e, uint32_t at, const tli_ynode **out)
{
	*out = NULL;
	size_t nodes = 0, items = 0;
	measure(at, &nodes, &items);
	if (nodes > e->cap) {
		tli_ynode *p = realloc(e->nodes, nodes * sizeof *p);
		if (!p)
			return TL_ENOMEM;
		e->nodes = p;
		e->cap = nodes;
	}
	if (items > e->icap) {
		tli_ynode **p = realloc(e->items, items * sizeof *p);
		if (!p)
			return TL_ENOMEM;
		e->items = p;
		e->icap = items;
	}
	size_t nn = 0, ni = 0;
	*out = fill(e, at, &nn, &ni);
	return TL_OK;
}

void tli_pexpand_free(tli_pexpand *e)
{
	free(e->nodes);
	free(e->items);
	e->nodes = NULL;
	e->items = NULL;
	e->cap = e->icap = 0;
}
