/*
 * entity.c: character references (&amp; &nbsp; &#8217; &#x2019;), decoded
 * with their source span so the map stays exact. Names come from libxml2's
 * HTML entity table, as the build wrote it out (entities.h); numbers are
 * decoded here.
 */
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "readers.h"
#include "utf8.h"

static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const tli_entity *)a)->name,
		      ((const tli_entity *)b)->name);
}

size_t tli_entity_decode(const char *s, size_t n, char *out, size_t *out_len)
{
	*out_len = 0;
	if (n < 3 || s[0] != '&')
		return 0;
	uint32_t cp = 0;
	size_t i;
	if (s[1] == '#') {
		int hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
		i = hex ? 3 : 2;
		size_t digits = 0;
		for (; i < n && digits < 8; i++, digits++) {
			int v = hex ? hexval(s[i])
				    : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
								  : -1);
			if (v < 0)
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
		}
		if (digits == 0)
			return 0;
		/* HTML accepts a numeric reference without ';'. */
		if (i < n && s[i] == ';')
			i++;
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		if (cp == 0xA0) /* no-break space: a space to the rules */
			cp = ' ';
		*out_len = tli_utf8_encode(cp, out);
		return i;
	}
	char name[33];
	for (i = 1; i < n && i - 1 < sizeof name - 1 && is_alnum(s[i]); i++)
		name[i - 1] = s[i];
	if (i == 1 || i >= n || s[i] != ';')
		return 0;
	name[i - 1] = '\0';
	const tli_entity key = {name, 0};
	const tli_entity *d = bsearch(&key, tli_entities, tli_entity_count,
				      sizeof key, by_name);
	if (!d)
		return 0;
	cp = d->value == 0xA0 ? ' ' : d->value;
	*out_len = tli_utf8_encode(cp, out);
	return i + 1;
}

void tli_tb_entities(tli_tb *tb, size_t off, size_t len)
{
	const char *s = tb->in->data;
	size_t run = off, end = off + len;
	for (size_t i = off; i < end; i++) {
		if (s[i] != '&')
			continue;
		char buf[8];
		size_t blen;
		size_t n = tli_entity_decode(s + i, end - i, buf, &blen);
		if (n == 0)
			continue;
		tli_tb_verbatim(tb, run, i - run);
		tli_tb_replace(tb, buf, blen, i, n);
		i += n - 1;
		run = i + 1;
	}
	tli_tb_verbatim(tb, run, end - run);
}
