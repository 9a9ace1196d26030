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

/* tli_expand with each group [start, end) of the subject appended by
 * `put` (which folds white space as tli_expand does). */
typedef void (*tli_group_fn)(tli_buf *b, size_t start, size_t end,
			     void *payload);
void tli_expand_with(tli_buf *b, const char *tmpl, const PCRE2_SIZE *ovector,
		     uint32_t pairs, tli_group_fn put, void *payload);
/* Appends s[0..n) with white space folded as tli_expand folds groups. */
void tli_fold_append(tli_buf *b, const char *s, size_t n);

/*
 * Appends `rewrite` with the case pattern of match[0..len): all capitals if
 * the match has two or more letters and no lower-case one, a capital first
 * letter if the match starts with one, otherwise unchanged.
 */
void tli_adapt_case(tli_buf *b, const char *rewrite, const char *match,
		    size_t len);

#endif
