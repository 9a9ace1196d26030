/*
 * packtree.h: the built-in packs (tli_embedded_packs) as the build parsed
 * them: each one's document tree (yamldoc.h) as static C data, so loading
 * the default rules walks a ready tree instead of running libyaml, which
 * was two thirds of tonelint's start-up.
 *
 * The data hold no pointer: nodes name their bytes by offset in one pool
 * and their items by index in one array. A pointer in static data is
 * relocated when the program starts, which writes, and so copies, every
 * page that holds one: for these trees that was most of the start-up's
 * page faults. The loader expands one rule's subtree at a time into a
 * small reused buffer of ordinary nodes (tli_pexpand_node).
 *
 * The table is generated at build time by src/gen/packtree.c into
 * packtree_rules.c, parallel to tli_embedded_packs: entry i is pack i, by
 * the same name. The trees are read-only and shared by every rule set.
 */
#ifndef TL_PACKTREE_H
#define TL_PACKTREE_H

#include <stddef.h>
#include <stdint.h>

#include "tonelint.h"
#include "yamldoc.h"

#define TLI_PNODE_NONE UINT32_MAX

/* A node as tli_ynode has it, with offsets for pointers. */
typedef struct tli_pnode {
	uint32_t str; /* in tli_pack_pool (NUL-terminated), or NONE */
	uint32_t len;
	uint32_t items; /* its first item in tli_pack_items */
	uint32_t count; /* as tli_ynode's: a mapping's pairs */
	uint32_t line, column;
	unsigned char kind, plain;
} tli_pnode;

extern const tli_pnode tli_pack_nodes[];
extern const uint32_t tli_pack_items[]; /* node indices */
extern const char tli_pack_pool[];
extern const size_t tli_pack_pool_size;

/* Frees s unless it lies in tli_pack_pool: the rules loaded from a
 * built-in tree point into the pool instead of copying its strings
 * (rules_load.c). NULL is allowed. */
void tli_pack_release(char *s);

typedef struct tli_pack_tree {
	const char *name; /* as in tli_embedded_packs */
	/* 0: the build could not parse the pack; parse its text at run time,
	 * which reports the error as for any other pack. */
	int parsed;
	uint32_t root; /* in tli_pack_nodes; NONE for an empty pack */
} tli_pack_tree;

extern const tli_pack_tree tli_pack_trees[];
extern const size_t tli_pack_tree_count;

/* Room for one expanded subtree, reused from call to call; zero it before
 * the first. */
typedef struct tli_pexpand {
	tli_ynode *nodes;
	size_t cap;
	tli_ynode **items;
	size_t icap;
} tli_pexpand;

/*
 * Expands node `at` of tli_pack_nodes and all below it into e, as ordinary
 * nodes (an alias's node once per place it is used): *out is valid until
 * the next call with e or tli_pexpand_free. Replaces what an earlier call
 * expanded. TL_OK or TL_ENOMEM.
 */
tl_status tli_pexpand_node(tli_pexpand *e, uint32_t at, const tli_ynode **out);
void tli_pexpand_free(tli_pexpand *e);

#endif
