/* rules_load.h: one rule pack (YAML text) into rules, strictly checked. */
#ifndef TL_RULES_LOAD_H
#define TL_RULES_LOAD_H

#include "internal.h"

/*
 * Parses and compiles the pack `data` named `file` (an interned string that
 * outlives the rules). On success *out is a malloc'd array of *count new
 * rules (the caller owns both the array and the rules: free each with
 * tli_rule_free). On failure returns TL_ESYNTAX, TL_ERULE, TL_EREGEX,
 * TL_EDUPLICATE (within the pack) or TL_ENOMEM, and sets `err`.
 */
tl_status tli_load_pack(const char *file, const char *data, size_t len,
			tl_rule ***out, size_t *count, tli_errinfo *err);

void tli_rule_free(tl_rule *rule);

#endif
