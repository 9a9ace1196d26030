/* rules_load.h: one rule pack (YAML text) into rules, strictly checked. */
#ifndef TL_RULES_LOAD_H
#define TL_RULES_LOAD_H

#include "internal.h"
#include "yamldoc.h"

/*
 * Parses and compiles the pack `data` named `file` (an interned string that
 * outlives the rules). On success *out is a malloc'd array of *count new
 * rules (the caller owns both the array and the rules: free each with
 * tli_rule_free). On failure returns TL_ESYNTAX, TL_ERULE, TL_EREGEX,
 * TL_EDUPLICATE (within the pack) or TL_ENOMEM, and sets `err`.
 */
tl_status tli_load_pack(const char *file, const char *data, size_t len,
			tl_rule ***out, size_t *count, tli_errinfo *err);

/*
 * As tli_load_pack, from a pack already parsed: `root` is the document's
 * root (NULL for an empty pack), borrowed for the call only (the rules copy
 * what they keep). The built-in packs come this way, parsed at build time
 * (packtree.h).
 */
tl_status tli_load_pack_tree(const char *file, const tli_ynode *root,
			     tl_rule ***out, size_t *count, tli_errinfo *err);

/* As tli_load_pack_tree, from a built-in pack's tree (packtree.h). */
struct tli_pack_tree;
tl_status tli_load_pack_built(const char *file, const struct tli_pack_tree *t,
			      tl_rule ***out, size_t *count, tli_errinfo *err);

void tli_rule_free(tl_rule *rule);

/* The capture groups of pattern k of rule r, whether its code is compiled
 * yet or still in the build's table (NULL in r->patterns). */
uint32_t tli_rule_captures(const tl_rule *r, size_t k);

#endif
