/* subst.h: filling $0, $1 ... into messages and rewrites; case matching;
 * matched text with placeholders shown as the file writes them (display.c). */
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

/* Placeholder-aware display (display.c). */

/*
 * Appends a placeholder as written, s[0..n): white space runs become one
 * space, HTML tags are dropped ("<%= %>" is template code and stays) and
 * character references are decoded. An XML element whose content is
 * replaced (QWeb's t-out) shows its preview text, or with none the
 * expression that fills it. Nothing left: the neutral word
 * TLI_PLACEHOLDER.
 */
void tli_display_placeholder(tli_buf *b, const char *s, size_t n);

/* Appends text t's bytes [s, e) with each placeholder wholly inside
 * replaced by its source text (white space folded, tags dropped, entities
 * decoded). */
void tli_display_append(tli_buf *b, const tl_document *doc, const tli_text *t,
			size_t s, size_t e);

/* tli_expand over text t, each group shown as tli_display_append shows
 * it. */
void tli_display_expand(tli_buf *b, const char *tmpl, const tl_document *doc,
			const tli_text *t, const PCRE2_SIZE *ovector,
			uint32_t pairs);

/* tli_display_expand for a finding's message: a group longer than
 * TLI_QUOTE_MAX characters is cut after a word near that length and ends
 * in "…" (a line of capitals matched whole made a 57 KB message, in every
 * report format; the finding's match keeps all of it). */
#define TLI_QUOTE_MAX 200
void tli_display_expand_message(tli_buf *b, const char *tmpl,
				const tl_document *doc, const tli_text *t,
				const PCRE2_SIZE *ovector, uint32_t pairs);

/* tli_display_expand with each placeholder's source bytes exactly as the
 * file has them, for a fix to write back (white space between words is
 * folded all the same). */
void tli_display_expand_exact(tli_buf *b, const char *tmpl,
			      const tl_document *doc, const tli_text *t,
			      const PCRE2_SIZE *ovector, uint32_t pairs);

#endif
