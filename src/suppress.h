/*
 * suppress.h: inline suppression comments (tonelint-disable-next-line,
 * tonelint-disable, tonelint-enable). Readers hand over each comment they
 * skip; tl_result_apply_suppressions drops the findings they cover.
 */
#ifndef TL_SUPPRESS_H
#define TL_SUPPRESS_H

#include <stddef.h>

#include "internal.h"

typedef enum tli_dir_kind {
	TLI_DIR_NEXT_LINE,
	TLI_DIR_DISABLE,
	TLI_DIR_ENABLE
} tli_dir_kind;

/* One directive met in a comment. Strings malloc'd. */
typedef struct tli_directive {
	tli_dir_kind kind;
	char **ids; /* rule ids or categories; none: every rule */
	size_t id_count;
	char *reason;		/* after "--", or NULL */
	size_t off;		/* where the comment starts in the source */
	unsigned line, column;	/* of off */
	unsigned end_line;	/* the comment's last line */
	unsigned through_blank; /* next-line covers up to a blank line */
	/* A comment in a decoded buffer (a base64 email body): it covers
	 * findings in that buffer by their lines there, o_line and o_end_line
	 * (line and end_line above are of the encoded text in the file). */
	const tli_origin *origin;
	unsigned o_line, o_end_line;
} tli_directive;

/* At most this many directives a document: no real file has as many,
 * and applying them costs directives times findings at worst. */
#define TLI_MAX_DIRECTIVES 1000

/* How the next-line directive of a comment reaches. */
enum {
	/* the next non-blank line (the default) */
	TLI_DIR_LINE = 0,
	/* the lines after the comment up to the next blank line: a .po
	 * entry, whose msgstr is several lines below its comments */
	TLI_DIR_ENTRY = 1
};

/*
 * Records the directive in the comment `text` (len bytes, delimiters
 * included: "<!-- tonelint-disable threat -->", "# tonelint-enable"), which
 * spans source bytes [src_start, src_end). A comment that does not start
 * with "tonelint-" is ignored; an unknown "tonelint-" word is a document
 * warning. Out of memory drops the directive.
 */
void tli_doc_directive(tl_document *doc, const char *text, size_t len,
		       size_t src_start, size_t src_end, unsigned reach);

/* Frees doc's directives. (document.c) */
void tli_doc_directives_free(tl_document *doc);

#endif
