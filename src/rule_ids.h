/*
 * rule_ids.h: rules by id, to tell a duplicate id as rules are loaded in
 * time that does not grow with the square of their number (a pack of 1,000
 * rules compared every pair: 1 M string comparisons, 13% of its loading).
 */
#ifndef TL_RULE_IDS_H
#define TL_RULE_IDS_H

#include "internal.h"

/* tli_rule_ids (internal.h): free with tli_rule_ids_free. */

/* The rule with this id, or NULL. */
const tl_rule *tli_rule_ids_find(const tli_rule_ids *t, const char *id);

/* The rule with r's id already in t, if any (r is not added then); else
 * adds r, which must outlive t, and returns NULL. Out of memory: *oom set
 * to 1 and nothing added. */
const tl_rule *tli_rule_ids_add(tli_rule_ids *t, const tl_rule *r, int *oom);

/* Room for n more rules, so that adding them cannot run out of memory:
 * 0, or -1 on out of memory (t unchanged). */
int tli_rule_ids_reserve(tli_rule_ids *t, size_t n);

void tli_rule_ids_free(tli_rule_ids *t);

#endif
