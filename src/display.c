/*
 * display.c: matched text as people read it. The rules see a template
 * placeholder as the neutral word TLI_PLACEHOLDER ("Failure to pay x by x
 * will result"); a finding's match, and $0, $1 ... in its message and
 * suggestions, show each placeholder as the file writes it ("Failure to
 * pay {{ amount }} by {{ due_date }} will result"), so a rewrite keeps it.
 * Only placeholders come from the file: the rest is the prose the rules
 * matched, with markup already gone and entities decoded.
 */
#include "subst.h"

#include <string.h>

#include "readers/readers.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int is_letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* An element with no preview text (QWeb's <t t-esc="o.due"/>): the
 * expression that fills it, from its start tag. */
static void put_expression(tli_buf *b, const char *s, size_t n)
{
	static const char *const names[] = {
		"t-out=", "t-esc=", "t-raw=", "t-field=", NULL};
	const char *gt = n && s[0] == '<' ? memchr(s, '>', n) : NULL;
	size_t end = gt ? (size_t)(gt - s) : 0;
	for (size_t k = 0; names[k]; k++) {
		size_t w = strlen(names[k]);
		for (size_t i = 1; i + w + 1 < end; i++) {
			if (!is_space(s[i - 1]) || memcmp(s + i, names[k], w))
				continue;
			char q = s[i + w];
			const char *v = s + i + w + 1;
			const char *close =
				q == '"' || q == '\''
					? memchr(v, q, end - (i + w + 1))
					: NULL;
			if (!close || close == v)
				continue;
			tli_buf tmp = TLI_BUF_INIT;
			tli_display_placeholder(&tmp, v, (size_t)(close - v));
			if (tmp.data)
				tli_buf_append(b, tmp.data, tmp.len);
			tli_buf_free(&tmp);
			return;
		}
	}
}

void tli_display_placeholder(tli_buf *b, const char *s, size_t n)
{
	size_t start = b->len;
	int space = 0;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if (c == '<' && i + 1 < n &&
		    (is_letter(s[i + 1]) || s[i + 1] == '/' ||
		     s[i + 1] == '!' || s[i + 1] == '?')) {
			const char *gt = memchr(s + i, '>', n - i);
			if (gt) {
				i = (size_t)(gt - s) + 1;
				space = 1;
				continue;
			}
		}
		if (is_space(c)) {
			space = 1;
			i++;
			continue;
		}
		if (space && b->len > start)
			tli_buf_putc(b, ' ');
		space = 0;
		char out[8];
		size_t olen, used = c == '&' ? tli_entity_decode(s + i, n - i,
								 out, &olen)
					     : 0;
		if (used) {
			tli_buf_append(b, out, olen);
			i += used;
		} else {
			tli_buf_putc(b, c);
			i++;
		}
	}
	if (b->len == start)
		put_expression(b, s, n);
	if (b->len == start)
		tli_buf_puts(b, TLI_PLACEHOLDER);
}

static void append_range(tli_buf *b, const tl_document *doc, const tli_text *t,
			 size_t s, size_t e, int exact)
{
	const tli_map_entry *map = t->origin ? t->omap : t->map;
	size_t n = t->origin ? t->omap_len : t->map_len;
	const char *src = t->origin ? t->origin->data : doc->src;
	size_t src_len = t->origin ? t->origin->len : doc->src_len;
	/* the first entry that ends after s */
	size_t lo = 0, hi = map ? n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (map[mid].text_off + map[mid].text_len <= s)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t cur = s;
	for (size_t i = lo; map && i < n && map[i].text_off < e; i++) {
		const tli_map_entry *me = &map[i];
		if (!me->placeholder || me->text_off < s ||
		    me->text_off + me->text_len > e ||
		    me->src_off + me->src_len > src_len)
			continue;
		tli_buf_append(b, t->data + cur, me->text_off - cur);
		if (exact)
			tli_buf_append(b, src + me->src_off, me->src_len);
		else
			tli_display_placeholder(b, src + me->src_off,
						me->src_len);
		cur = me->text_off + me->text_len;
	}
	tli_buf_append(b, t->data + cur, e - cur);
}

void tli_display_append(tli_buf *b, const tl_document *doc, const tli_text *t,
			size_t s, size_t e)
{
	append_range(b, doc, t, s, e, 0);
}

typedef struct shown {
	const tl_document *doc;
	const tli_text *t;
	int exact;
	size_t cap; /* characters a group keeps; 0: all */
} shown;

/* Where s[0, n) is cut to keep `cap` characters: after the last word that
 * ends within them, unless that drops more than a fifth of them (one
 * long word); n when it is no longer. */
static size_t quote_cut(const char *s, size_t n, size_t cap)
{
	size_t chars = 0, at = 0;
	for (; at < n; at++)
		if (((unsigned char)s[at] & 0xC0) != 0x80 && chars++ == cap)
			break;
	if (at == n)
		return n;
	size_t word = at;
	while (word > 0 && !is_space(s[word - 1]))
		word--;
	while (word > 0 && is_space(s[word - 1]))
		word--;
	return word >= at - at / 5 ? word : at;
}

static void put_group(tli_buf *b, size_t start, size_t end, void *payload)
{
	const shown *sh = payload;
	tli_buf tmp = TLI_BUF_INIT;
	append_range(&tmp, sh->doc, sh->t, start, end, sh->exact);
	if (tmp.oom) {
		b->oom = 1;
	} else if (tmp.len) {
		size_t from = b->len;
		tli_fold_append(b, tmp.data, tmp.len);
		size_t keep = sh->cap && !b->oom
				      ? quote_cut(b->data + from, b->len - from,
						  sh->cap)
				      : b->len - from;
		if (keep < b->len - from) {
			b->len = from + keep;
			tli_buf_puts(b, "\xE2\x80\xA6"); /* … */
		}
	}
	tli_buf_free(&tmp);
}

void tli_display_expand(tli_buf *b, const char *tmpl, const tl_document *doc,
			const tli_text *t, const PCRE2_SIZE *ov, uint32_t pairs)
{
	shown sh = {doc, t, 0, 0};
	tli_expand_with(b, tmpl, ov, pairs, put_group, &sh);
}

void tli_display_expand_message(tli_buf *b, const char *tmpl,
				const tl_document *doc, const tli_text *t,
				const PCRE2_SIZE *ov, uint32_t pairs)
{
	shown sh = {doc, t, 0, TLI_QUOTE_MAX};
	tli_expand_with(b, tmpl, ov, pairs, put_group, &sh);
}

void tli_display_expand_exact(tli_buf *b, const char *tmpl,
			      const tl_document *doc, const tli_text *t,
			      const PCRE2_SIZE *ov, uint32_t pairs)
{
	shown sh = {doc, t, 1, 0};
	tli_expand_with(b, tmpl, ov, pairs, put_group, &sh);
}
