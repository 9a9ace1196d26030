/*
 * packtree.h: the built-in packs (tli_embedded_packs) as the build parsed
 * them: each one's document tree (yamldoc.h) as static C data, so loading
 * the default rules walks a ready tree instead of running libyaml, which
 * was two thirds of tonelint's start-up.
 *
 * The table is generated at build time by src/gen/packtree.c into
 * packtree_rules.c, parallel to tli_embedded_packs: entry i is pack i, by
 * the same name. The trees are read-only and shared by every rule set.
 */
#ifndef TL_PACKTREE_H
#define TL_PACKTREE_H

#include <stddef.h>

#include "yamldoc.h"

typedef struct tli_pack_tree {
	const char *name; /* as in tli_embedded_packs */
	/* 0: the build could not parse the pack; parse its text at run time,
	 * which reports the error as for any other pack. */
	int parsed;
	const tli_ynode *root; /* NULL for an empty pack */
} tli_pack_tree;

extern const tli_pack_tree tli_pack_trees[];
extern const size_t tli_pack_tree_count;

#endif
