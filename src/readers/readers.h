/*
 * readers.h: what the format readers share. A reader takes an input view
 * (bytes plus a map back to the file), builds runs of prose with a text
 * builder, and hands each run to the document. Readers that decode (email
 * transfer encodings, template layers) build a new input view with the same
 * builder and pass it to the next reader, so maps compose and every finding
 * lands on bytes of the original file.
 */
#ifndef TL_READERS_H
#define TL_READERS_H

#include <stddef.h>

#include "internal.h"
#include "strbuf.h"

/* The neutral word a placeholder becomes: lowercase (no shouting rule sees
 * it), one word for \w+ and word counts, and no rule's vocabulary. */
#define TLI_PLACEHOLDER "x"

/* What a block break becomes in the text. A blank line alone is not enough:
 * patterns such as "failure\s+to\s+pay[^.!?]{0,60}will" cross any white
 * space. A full stop on a line of its own ends the sentence for every kind
 * of pattern (\s, [^.!?], and '.', which stops at a newline). */
#define TLI_BREAK "\n.\n"

/* An input for a reader: `data` (not necessarily NUL-terminated) and where
 * its bytes come from. `map` NULL: byte i is source byte base + i. */
typedef struct tli_src {
	const char *data;
	size_t len;
	const tli_map_entry *map;
	size_t map_len;
	size_t base;
} tli_src;

/* The whole document source as an input. */
tli_src tli_src_of_document(const tl_document *doc);

/* Maps an input offset to a source offset (see tli_text_to_source). */
size_t tli_src_to_source(const tli_src *in, size_t off, int is_end);

/* A text builder: appends prose taken from an input and records the map.
 * Out of memory is sticky and reported by the finishing call. */
typedef struct tli_tb {
	const tli_src *in;
	tli_buf text;
	tli_mapbuf map;
	int oom;
	int brk; /* a block break is due before the next prose */
} tli_tb;

void tli_tb_init(tli_tb *tb, const tli_src *in);
void tli_tb_free(tli_tb *tb);
/* Input bytes [off, off + len) as they are. */
void tli_tb_verbatim(tli_tb *tb, size_t off, size_t len);
/* `s` (n bytes) stands for input bytes [off, off + len): a decoded entity,
 * an escape. */
void tli_tb_replace(tli_tb *tb, const char *s, size_t n, size_t off,
		    size_t len);
/* Input bytes [off, off + len) are a placeholder: one neutral word. */
void tli_tb_placeholder(tli_tb *tb, size_t off, size_t len);
/* A word separator ("<td>" between cells of a row, a template tag): a space
 * unless the text already ends in white space. */
void tli_tb_space(tli_tb *tb);
/* The end of a block (paragraph, cell, list item): TLI_BREAK, so no rule
 * joins words across it. Collapses with other breaks; none at the start or
 * the end. */
void tli_tb_break(tli_tb *tb);
/* Literal text with no source of its own (a line break md4c synthesised);
 * it maps to where the previous prose ended. */
void tli_tb_literal(tli_tb *tb, const char *s, size_t n);
/* Length of the text so far. */
size_t tli_tb_len(const tli_tb *tb);

/* Adds the built text to doc->texts with `label` (copied; may be NULL),
 * unless it holds no word. Frees the builder's memory either way. */
tl_status tli_tb_to_text(tli_tb *tb, tl_document *doc, const char *label);
/* Turns the built text into an input for another reader. *out borrows
 * *data and *map, which the caller frees. */
tl_status tli_tb_to_src(tli_tb *tb, tli_src *out, char **data,
			tli_map_entry **map);

/* Records a reader warning at source offset `off` (line and column are
 * computed from it). Out of memory drops the warning. */
void tli_doc_warn(tl_document *doc, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Decodes the character reference at s[0..n) ("&amp;", "&#8217;",
 * "&#x2019;"): returns its length in bytes and writes the UTF-8 text to
 * out (room for 8) and its length to *out_len; 0 if it is not one. A named
 * reference needs its ';'. (entity.c) */
size_t tli_entity_decode(const char *s, size_t n, char *out, size_t *out_len);
/* Appends input [off, off + len) to tb, decoding character references. */
void tli_tb_entities(tli_tb *tb, size_t off, size_t len);

/* Template syntax (template.c). */
typedef enum tli_tmpl_flags {
	TLI_TMPL_CURLY = 1 << 0,  /* {{ }} {% %} {# #} {{{ }}} {!! !!} ${} */
	TLI_TMPL_ERB = 1 << 1,	  /* <%= %> <% %> <%# %> */
	TLI_TMPL_BLADE = 1 << 2,  /* @directives */
	TLI_TMPL_FIELDS = 1 << 3, /* {name} {0} %(name)s %s %1$s %{name}
				     __NAME__ %name% :name */
	TLI_TMPL_ALL = TLI_TMPL_CURLY | TLI_TMPL_ERB
} tli_tmpl_flags;

/*
 * Copies `in` to tb with template code removed: an expression that prints
 * a value becomes one placeholder word, a control tag a separator ("else"
 * a block break), a comment nothing. `html_layer`: the output feeds an HTML
 * parser, so separators stay spaces. Unclosed tags are warned about and the
 * rest is kept as text.
 */
void tli_template_strip(tli_tb *tb, tl_document *doc, unsigned flags,
			int html_layer);
/* Appends input [off, off + len) to tb as prose with template code
 * removed and character references decoded (XML text and attributes). */
void tli_template_text(tli_tb *tb, tl_document *doc, size_t off, size_t len,
		       unsigned flags);
/* Appends input [off, off + len) to tb with catalogue placeholders
 * (TLI_TMPL_FIELDS and {{ }}) as single words and character data as is. */
void tli_tb_fields(tli_tb *tb, size_t off, size_t len);

/* The readers. Each adds texts to doc from `in`; `label` (may be NULL)
 * is the context every text gets. */
tl_status tli_read_plain(tl_document *doc, const tli_src *in, const char *label,
			 unsigned tmpl);
tl_status tli_read_html(tl_document *doc, const tli_src *in, const char *label,
			unsigned tmpl);
tl_status tli_read_markdown(tl_document *doc, const tli_src *in,
			    const char *label, unsigned tmpl);
tl_status tli_read_email(tl_document *doc, int mbox);
tl_status tli_read_po(tl_document *doc);
tl_status tli_read_properties(tl_document *doc);
tl_status tli_read_json(tl_document *doc);
tl_status tli_read_yaml(tl_document *doc);
tl_status tli_read_xml(tl_document *doc, int xliff);

/* Format detection (detect.c): from the name's extension, then the
 * content. *tmpl receives the template syntaxes to strip. */
tl_format tli_detect_format(const char *name, const char *data, size_t len,
			    unsigned *tmpl);

#endif
