/* display.h: matched text with placeholders shown as the file writes
 * them (display.c). */
#ifndef TL_DISPLAY_H
#define TL_DISPLAY_H

#include "internal.h"
#include "strbuf.h"

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

/* tli_display_expand with each placeholder's source bytes exactly as the
 * file has them, for a fix to write back (white space between words is
 * folded all the same). */
void tli_display_expand_exact(tli_buf *b, const char *tmpl,
			      const tl_document *doc, const tli_text *t,
			      const PCRE2_SIZE *ovector, uint32_t pairs);

#endif
