/*
 * markdown.c: Markdown with md4c. md4c hands over text as pointers into the
 * buffer it parses, so each run maps byte for byte; entities are decoded
 * here with their span. Not prose: code spans and blocks, raw HTML and HTML
 * comments, link targets (md4c never passes them as text), the text of
 * autolinks, and YAML front matter (md4c does not know it: it is cut off
 * before parsing).
 */
#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "suppress.h"

typedef struct md_state {
	tli_tb *tb;
	const char *base; /* the buffer md4c parses */
	size_t len;
	int in_code;
	/* an autolink's href, to recognise its text (the URL again): a copy,
	 * since md4c may build it in a buffer freed after enter_span */
	char *href;
	size_t href_len;
	int in_a;
	tl_document *doc; /* for suppression comments */
	int unclosed_warned;
} md_state;

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	(void)detail;
	md_state *st = user;
	tli_tb_break(st->tb);
	if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML)
		st->in_code++;
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	(void)detail;
	md_state *st = user;
	tli_tb_break(st->tb);
	if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML)
		st->in_code--;
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
	md_state *st = user;
	if (type == MD_SPAN_A) {
		const MD_SPAN_A_DETAIL *a = detail;
		st->in_a = 1;
		free(st->href);
		st->href = tli_strndup(a->href.size ? a->href.text : "",
				       a->href.size);
		st->href_len = a->href.size;
		if (!st->href)
			return -1; /* md_parse fails: out of memory */
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
	(void)detail;
	md_state *st = user;
	if (type == MD_SPAN_A)
		st->in_a = 0;
	return 0;
}

static int inside(const md_state *st, const char *p, size_t n)
{
	return p >= st->base && p + n <= st->base + st->len;
}

/* HTML comments in raw HTML (md4c hands over an HTML block line by line,
 * so a comment's end is looked for in the whole buffer). */
static void html_comments(md_state *st, const char *s, size_t size)
{
	if (!inside(st, s, size))
		return;
	const char *end = st->base + st->len;
	for (size_t i = 0; i + 4 <= size; i++) {
		if (memcmp(s + i, "<!--", 4) != 0)
			continue;
		const char *a = s + i, *e = a + 4;
		while (e + 3 <= end && memcmp(e, "-->", 3) != 0)
			e++;
		size_t off = (size_t)(a - st->base);
		if (e + 3 > end && !st->unclosed_warned) {
			/* An HTML block that opens a comment runs to its
			 * "-->": with none, to the end of the file. */
			st->unclosed_warned = 1;
			tli_doc_warn(st->doc,
				     tli_src_to_source(st->tb->in, off, 0),
				     "unclosed HTML comment: the rest of the "
				     "file is not read as prose");
		}
		e = e + 3 <= end ? e + 3 : end;
		tli_doc_directive(st->doc, a, (size_t)(e - a),
				  tli_src_to_source(st->tb->in, off, 0),
				  tli_src_to_source(st->tb->in,
						    (size_t)(e - st->base), 1),
				  TLI_DIR_LINE);
	}
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *user)
{
	md_state *st = user;
	if (type == MD_TEXT_HTML)
		html_comments(st, s, size);
	if (st->in_code)
		return 0;
	switch (type) {
	case MD_TEXT_NORMAL:
		/* <https://example.com> and <billing@example.com>: the text
		 * is the target again, which is not prose. */
		if (st->in_a && st->href && st->href_len >= size &&
		    memcmp(st->href + st->href_len - size, s, size) == 0)
			return 0;
		if (inside(st, s, size))
			tli_tb_verbatim(st->tb, (size_t)(s - st->base), size);
		else
			tli_tb_literal(st->tb, s, size);
		break;
	case MD_TEXT_ENTITY:
		if (inside(st, s, size))
			tli_tb_entities(st->tb, (size_t)(s - st->base), size);
		break;
	case MD_TEXT_BR:
		tli_tb_break(st->tb);
		break;
	case MD_TEXT_SOFTBR:
		tli_tb_literal(st->tb, "\n", 1);
		break;
	case MD_TEXT_NULLCHAR:
	case MD_TEXT_CODE:
	case MD_TEXT_HTML:
	case MD_TEXT_LATEXMATH:
		break;
	}
	return 0;
}

/* Length of YAML front matter ("---" line to a "---" or "..." line) at the
 * start of s, or 0. */
static size_t front_matter(const char *s, size_t n)
{
	if (n < 4 || memcmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	size_t i = 3;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		if (!nl)
			return 0;
		i = (size_t)(nl - s) + 1;
		if (n - i >= 3 &&
		    (memcmp(s + i, "---", 3) == 0 ||
		     memcmp(s + i, "...", 3) == 0) &&
		    (n - i == 3 || s[i + 3] == '\n' || s[i + 3] == '\r')) {
			const char *end = memchr(s + i, '\n', n - i);
			return end ? (size_t)(end - s) + 1 : n;
		}
	}
	return 0;
}

tl_status tli_read_markdown(tl_document *doc, const tli_src *in,
			    const char *label, unsigned tmpl)
{
	tli_src layer = *in;
	char *data = NULL;
	tli_map_entry *map = NULL;
	tli_tb tb;
	tl_status st;
	if (tmpl) {
		tli_tb_init(&tb, in);
		tli_template_strip(&tb, doc, tmpl, 0);
		if ((st = tli_tb_to_src(&tb, &layer, &data, &map)))
			return st;
	}
	size_t skip = front_matter(layer.data, layer.len);
	tli_tb_init(&tb, &layer);
	md_state ms = {&tb, layer.data, layer.len, 0, NULL, 0, 0, doc, 0};
	MD_PARSER p;
	memset(&p, 0, sizeof p);
	p.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS;
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	/* md4c fails only when it runs out of memory. */
	st = md_parse(layer.data + skip, (MD_SIZE)(layer.len - skip), &p, &ms)
		     ? TL_ENOMEM
		     : TL_OK;
	if (!st)
		st = tli_tb_to_text(&tb, doc, label);
	else
		tli_tb_free(&tb);
	free(ms.href);
	free(data);
	free(map);
	return st;
}
