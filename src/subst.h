/* subst.h: filling $0, $1 ... into messages and rewrites; case matching. */
#ifndef TL_SUBST_H
#define TL_SUBST_H

#include "internal.h"
#include "strbuf.h"

/*
 * Appends `tmpl` to b with $0 ... $99, ${0} ... ${99} replaced by the
 * capture groups of the match described by ovector (pairs: how many pairs it
 * holds) over `subject`, and $$ by $. A group that did not take part is
 * empty; white space inside inserted text is folded to one space.
 */
void tli_expand(tli_buf *b, const char *tmpl, const char *subject,
		const PCRE2_SIZE *ovector, uint32_t pairs);

/*
 * Appends `rewrite` with the case pattern of match[0..len): all capitals if
 * the match has two or more letters and no lower-case one, a capital first
 * letter if the match starts with one, otherwise unchanged.
 */
void tli_adapt_case(tli_buf *b, const char *rewrite, const char *match,
		    size_t len);

#endif
