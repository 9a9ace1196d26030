/*
 * fix.h: automatic fixes. A finding's fix is worked out when the match is
 * found (the scanner has the match, its groups and the text's map then);
 * applying fixes to a document's source is fix.c's public half.
 */
#ifndef TL_FIX_H
#define TL_FIX_H

#include "internal.h"

/*
 * Fills f->fix, fix_offset, fix_length and fix_blocked for the match
 * [s, e) of rule r in text t (md holds its groups and mark). Leaves them
 * NULL and 0 when the rule has no fix for this match. Strings belong to
 * res. TL_OK or TL_ENOMEM.
 */
tl_status tli_fix_prepare(tl_result *res, const tl_rule *r, const tli_text *t,
			  size_t s, size_t e, pcre2_match_data *md,
			  tl_finding *f);

/* Does `text` (its first letters) take "an" rather than "a"? */
int tli_fix_wants_an(const char *text, size_t len);

#endif
