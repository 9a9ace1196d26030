/*
 * html.c: HTML with gumbo. The template layer runs first (its output, with
 * placeholders as single words, is what gumbo parses), so the positions
 * gumbo reports go through two maps back to the file. Gumbo gives the tree
 * and where each text node and attribute value lies; character references
 * are decoded here (entity.c) so each keeps its own source span.
 */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "readers.h"
#include "suppress.h"

/* Elements whose content a reader never sees. */
static int skipped(GumboTag t)
{
	return t == GUMBO_TAG_HEAD || t == GUMBO_TAG_SCRIPT ||
	       t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEMPLATE ||
	       t == GUMBO_TAG_CODE || t == GUMBO_TAG_SVG ||
	       t == GUMBO_TAG_MATH || t == GUMBO_TAG_IFRAME ||
	       t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_SELECT;
}

/* Elements that end a sentence: blocks, cells, and <br>. */
static int is_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_BR:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TR:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
	case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TBODY:
	case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
	case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_MAIN:
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_LEGEND:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_OPTION:
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_IMG:
		return 1;
	default:
		return 0;
	}
}

static const GumboAttribute *attr(const GumboElement *e, const char *name)
{
	return gumbo_get_attribute(&e->attributes, name);
}

/* Attributes a reader sees: alt text, tooltips, the label of a button. */
static int readable(const GumboElement *e, const GumboAttribute *a)
{
	const char *n = a->name;
	if (strcmp(n, "alt") == 0 || strcmp(n, "title") == 0 ||
	    strcmp(n, "aria-label") == 0 || strcmp(n, "placeholder") == 0)
		return 1;
	if (strcmp(n, "value") == 0 && e->tag == GUMBO_TAG_INPUT) {
		const GumboAttribute *t = attr(e, "type");
		return t && (strcasecmp(t->value, "button") == 0 ||
			     strcasecmp(t->value, "submit") == 0 ||
			     strcasecmp(t->value, "reset") == 0);
	}
	return 0;
}

static void attributes(tli_tb *tb, const GumboElement *e)
{
	const char *base = tb->in->data;
	for (unsigned i = 0; i < e->attributes.length; i++) {
		const GumboAttribute *a = e->attributes.data[i];
		if (!readable(e, a) || !a->original_value.data)
			continue;
		const char *v = a->original_value.data;
		size_t n = a->original_value.length;
		if (v < base || v + n > base + tb->in->len)
			continue;
		if (n >= 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[n - 1] == v[0]) {
			v++;
			n -= 2;
		}
		tli_tb_break(tb);
		tli_tb_entities(tb, (size_t)(v - base), n);
		tli_tb_break(tb);
	}
}

/* A text node's bytes: gumbo points into our buffer. */
static void text(tli_tb *tb, const GumboText *t)
{
	const char *base = tb->in->data;
	const char *p = t->original_text.data;
	size_t n = t->original_text.length;
	if (!p || p < base || p + n > base + tb->in->len)
		return;
	tli_tb_entities(tb, (size_t)(p - base), n);
}

static int all_space(const GumboText *t)
{
	for (size_t i = 0; i < t->original_text.length; i++)
		if (!strchr(" \t\r\n\f", t->original_text.data[i]))
			return 0;
	return 1;
}

static void comment(tli_tb *tb, tl_document *doc, const GumboNode *node)
{
	const GumboStringPiece *o = &node->v.text.original_text;
	if (o->data && o->data >= tb->in->data &&
	    o->data + o->length <= tb->in->data + tb->in->len) {
		size_t a = (size_t)(o->data - tb->in->data);
		tli_doc_directive(doc, o->data, o->length,
				  tli_src_to_source(tb->in, a, 0),
				  tli_src_to_source(tb->in, a + o->length, 1),
				  TLI_DIR_LINE);
	}
	if (o->length >= 4 && memcmp(o->data, "<!--", 4) == 0 &&
	    (o->length < 7 || memcmp(o->data + o->length - 3, "-->", 3) != 0))
		tli_doc_warn(doc,
			     tli_src_to_source(tb->in,
					       (size_t)(o->data - tb->in->data),
					       0),
			     "unclosed HTML comment: the rest of the file is "
			     "not read as prose");
}

/* Walks the tree without recursion: a hostile file can nest deeper than
 * the stack allows. */
typedef struct frame {
	const GumboNode *node;
	unsigned next;
} frame;

static tl_status walk(tli_tb *tb, tl_document *doc, const GumboNode *root)
{
	size_t cap = 64, depth = 0;
	frame *stack = malloc(cap * sizeof *stack);
	if (!stack)
		return TL_ENOMEM;
	stack[depth++] = (frame){root, 0};
	while (depth > 0) {
		frame *f = &stack[depth - 1];
		const GumboNode *n = f->node;
		const GumboVector *kids = n->type == GUMBO_NODE_DOCUMENT
						  ? &n->v.document.children
						  : &n->v.element.children;
		if (f->next == 0 && (n->type == GUMBO_NODE_ELEMENT ||
				     n->type == GUMBO_NODE_TEMPLATE)) {
			if (is_block(n->v.element.tag))
				tli_tb_break(tb);
			attributes(tb, &n->v.element);
		}
		if (f->next >= kids->length) {
			if (n->type != GUMBO_NODE_DOCUMENT &&
			    is_block(n->v.element.tag))
				tli_tb_break(tb);
			depth--;
			continue;
		}
		const GumboNode *c = kids->data[f->next++];
		switch (c->type) {
		case GUMBO_NODE_WHITESPACE:
			/* After </body>, gumbo's original text of a white-space
			 * node spans the closing tags too: keep white space
			 * only, so "</body></html>" never becomes prose. */
			if (all_space(&c->v.text))
				text(tb, &c->v.text);
			break;
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_CDATA:
			text(tb, &c->v.text);
			break;
		case GUMBO_NODE_COMMENT:
			comment(tb, doc, c);
			break;
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE:
			if (skipped(c->v.element.tag))
				break;
			if (depth == cap) {
				frame *s =
					realloc(stack, 2 * cap * sizeof *stack);
				if (!s) {
					free(stack);
					return TL_ENOMEM;
				}
				stack = s;
				cap *= 2;
			}
			stack[depth++] = (frame){c, 0};
			break;
		case GUMBO_NODE_DOCUMENT:
			break;
		}
	}
	free(stack);
	return TL_OK;
}

tl_status tli_read_html(tl_document *doc, const tli_src *in, const char *label,
			unsigned tmpl)
{
	tli_tb tb;
	tli_src layer;
	char *data = NULL;
	tli_map_entry *map = NULL;
	tli_tb_init(&tb, in);
	tli_template_strip(&tb, doc, tmpl, 1);
	tl_status st = tli_tb_to_src(&tb, &layer, &data, &map);
	if (st)
		return st;
	GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions,
						    layer.data, layer.len);
	if (!out) {
		st = TL_ENOMEM;
		goto out;
	}
	tli_tb_init(&tb, &layer);
	st = walk(&tb, doc, out->document);
	if (!st)
		st = tli_tb_to_text(&tb, doc, label);
	else
		tli_tb_free(&tb);
	gumbo_destroy_output(&kGumboDefaultOptions, out);
out:
	free(data);
	free(map);
	return st;
}
