/* rule_ids.c: rules by id (rule_ids.h). */
#include "rule_ids.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a: ids are short, and only equal ones need to collide. */
static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return (size_t)h;
}

/* The slot holding `id`, or the empty one where it would go. */
static size_t slot_of(const tli_rule_ids *t, const char *id)
{
	size_t mask = t->cap - 1, i = hash(id) & mask;
	while (t->slot[i] && strcmp(t->slot[i]->id, id) != 0)
		i = (i + 1) & mask;
	return i;
}

const tl_rule *tli_rule_ids_find(const tli_rule_ids *t, const char *id)
{
	return t->cap ? t->slot[slot_of(t, id)] : NULL;
}

/* Room for `want` rules at most half full, every rule moved; -1 on out of
 * memory (t unchanged). */
static int grow(tli_rule_ids *t, size_t want)
{
	size_t cap = t->cap ? t->cap : 64;
	while (cap / 2 < want) {
		if (cap > SIZE_MAX / 2 / sizeof *t->slot)
			return -1;
		cap *= 2;
	}
	if (cap == t->cap)
		return 0;
	tli_rule_ids bigger = {NULL, cap, t->count};
	bigger.slot = calloc(bigger.cap, sizeof *bigger.slot);
	if (!bigger.slot)
		return -1;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i])
			bigger.slot[slot_of(&bigger, t->slot[i]->id)] =
				t->slot[i];
	free(t->slot);
	*t = bigger;
	return 0;
}

const tl_rule *tli_rule_ids_add(tli_rule_ids *t, const tl_rule *r, int *oom)
{
	const tl_rule *there = tli_rule_ids_find(t, r->id);
	if (there)
		return there;
	/* at most half full, so that a probe ends soon */
	if (grow(t, t->count + 1)) {
		*oom = 1;
		return NULL;
	}
	t->slot[slot_of(t, r->id)] = r;
	t->count++;
	return NULL;
}

int tli_rule_ids_reserve(tli_rule_ids *t, size_t n)
{
	return n > SIZE_MAX - t->count ? -1 : grow(t, t->count + n);
}

void tli_rule_ids_free(tli_rule_ids *t)
{
	free(t->slot);
	t->slot = NULL;
	t->cap = t->count = 0;
}
