/*
 * phrases.c: the regular expression of a list of phrases (pattern.h), as a
 * trie: phrases that begin alike share their beginning, so that at each
 * place PCRE2 reads "for your" once, not once for each of "for your kind
 * attention", "for your records" and the rest. A flat alternation of 23
 * such phrases cost 1.2 us at each place it was tried; the trie costs
 * about what a single phrase does (0.13 us), and finds the same matches.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "strbuf.h"
#include "utf8.h"

/* Any spaces or tabs, at most one line break: a wrapped line joins, a
 * blank line (a new paragraph) does not. */
#define SEPARATOR "(?:\\h+(?:\\R\\h*)?|\\R\\h*)"

/* Deeper tries (a long list of phrases each one word longer than the
 * last) are written flat: PCRE2 refuses groups nested past 250, and each
 * level of the trie is one group (a separator adds two that close). */
#define MAX_NESTING 200

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int is_space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Appends one character of a phrase, p[0..n): a space stands for white
 * space, ' for ’ too; the rest literal. */
static void put_char(tli_buf *b, const char *p, size_t n)
{
	if (n == 1 && p[0] == ' ')
		tli_buf_puts(b, SEPARATOR);
	else if (n == 1 && p[0] == '\'')
		tli_buf_puts(b, "['\xE2\x80\x99]");
	else if (n == 1 && strchr("\\^$.|?*+()[]{}#-/", p[0]))
		tli_buf_printf(b, "\\%c", p[0]);
	else
		tli_buf_append(b, p, n);
}

/* The characters of phrase p: white space runs as one ' ', ASCII letters
 * in lower case (phrases ignore case), others as their UTF-8 bytes. Each
 * call gives the next one in *c (up to 4 bytes) and its length; 0 at the
 * end. */
static size_t next_char(const char *p, size_t n, size_t *i, char c[4])
{
	if (*i >= n)
		return 0;
	unsigned char u = (unsigned char)p[*i];
	if (is_space_byte(u)) {
		while (*i < n && is_space_byte((unsigned char)p[*i]))
			(*i)++;
		c[0] = ' ';
		return 1;
	}
	uint32_t cp;
	size_t k = tli_utf8_decode((const unsigned char *)p + *i, n - *i, &cp);
	if (k == 0 || k > 4)
		k = 1;
	memcpy(c, p + *i, k);
	if (k == 1 && u >= 'A' && u <= 'Z')
		c[0] = (char)(u | 0x20);
	*i += k;
	return k;
}

/* One phrase, flat: the form of a trie too deep to nest. */
static void append_phrase(tli_buf *b, const char *p)
{
	size_t n = strlen(p), i = 0, end = n;
	while (i < n && is_space_byte((unsigned char)p[i]))
		i++;
	while (end > i && is_space_byte((unsigned char)p[end - 1]))
		end--;
	int words = i < end;
	if (words && is_word_byte((unsigned char)p[i]))
		tli_buf_puts(b, "(?<!\\w)");
	char c[4];
	size_t k;
	while ((k = next_char(p, end, &i, c)) != 0)
		put_char(b, c, k);
	if (words && is_word_byte((unsigned char)p[end - 1]))
		tli_buf_puts(b, "(?!\\w)");
}

typedef struct node {
	uint32_t child, sibling; /* 0: none (node 0 is the root) */
	char key[4];		 /* one character (next_char) */
	unsigned char klen;
	unsigned char end_word; /* the phrase ending here ends in a word */
	size_t end;		/* 1 + the index of the phrase ending here */
} node;

typedef struct trie {
	node *n;
	size_t count, cap;
} trie;

static uint32_t add_node(trie *t, const char *key, size_t klen)
{
	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		node *m = realloc(t->n, cap * sizeof *m);
		if (!m)
			return 0;
		t->n = m;
		t->cap = cap;
	}
	node *x = &t->n[t->count];
	memset(x, 0, sizeof *x);
	memcpy(x->key, key, klen);
	x->klen = (unsigned char)klen;
	return (uint32_t)t->count++;
}

/* Adds phrase `index`; -1 on out of memory. A phrase already there (the
 * same words in another case or spacing) keeps its first index, as the
 * first alternative of a flat list would win. */
static int insert(trie *t, const char *p, size_t index)
{
	size_t n = strlen(p), i = 0, end = n;
	while (i < n && is_space_byte((unsigned char)p[i]))
		i++;
	while (end > i && is_space_byte((unsigned char)p[end - 1]))
		end--;
	uint32_t at = 0;
	char c[4];
	size_t k;
	while ((k = next_char(p, end, &i, c)) != 0) {
		uint32_t ch = t->n[at].child, last = 0;
		while (ch && !(t->n[ch].klen == k &&
			       memcmp(t->n[ch].key, c, k) == 0)) {
			last = ch;
			ch = t->n[ch].sibling;
		}
		if (!ch) {
			/* children in the order their phrases came: longest
			 * first, as the flat list tried them */
			if (!(ch = add_node(t, c, k)))
				return -1;
			if (last)
				t->n[last].sibling = ch;
			else
				t->n[at].child = ch;
		}
		at = ch;
	}
	if (!t->n[at].end) {
		t->n[at].end = index + 1;
		t->n[at].end_word =
			end > 0 && is_word_byte((unsigned char)p[end - 1]);
	}
	return 0;
}

/* Writes what may follow node `at`: its children, each with the chain of
 * single children after it, then its own end (the shortest phrase comes
 * last, so the longest wins at one place). -1 when nested too deep. */
static int emit(tli_buf *b, const trie *t, uint32_t at, int marks, int depth)
{
	const node *x = &t->n[at];
	size_t alts = x->end ? 1 : 0;
	for (uint32_t ch = x->child; ch; ch = t->n[ch].sibling)
		alts++;
	if (depth > MAX_NESTING)
		return -1;
	int group = alts > 1 || at == 0;
	if (group)
		tli_buf_puts(b, "(?:");
	int first = 1;
	for (uint32_t ch = x->child; ch; ch = t->n[ch].sibling) {
		if (!first)
			tli_buf_putc(b, '|');
		first = 0;
		uint32_t y = ch;
		/* a phrase starts at the start of a word */
		if (at == 0 && is_word_byte((unsigned char)t->n[y].key[0]))
			tli_buf_puts(b, "(?<!\\w)");
		put_char(b, t->n[y].key, t->n[y].klen);
		while (!t->n[y].end && t->n[y].child &&
		       !t->n[t->n[y].child].sibling) {
			y = t->n[y].child;
			put_char(b, t->n[y].key, t->n[y].klen);
		}
		if (emit(b, t, y, marks, depth + 1))
			return -1;
	}
	if (x->end) {
		if (!first)
			tli_buf_putc(b, '|');
		if (x->end_word)
			tli_buf_puts(b, "(?!\\w)");
		if (marks)
			tli_buf_printf(b, "(*MARK:%zu)", x->end - 1);
	}
	if (group)
		tli_buf_putc(b, ')');
	return 0;
}

typedef struct order {
	size_t index, len;
} order;

static int by_length_desc(const void *a, const void *b)
{
	const order *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

char *tli_phrases_regex(const char *const *phrases, size_t n, int marks)
{
	order *ord = malloc((n ? n : 1) * sizeof *ord);
	if (!ord)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		ord[i].index = i;
		ord[i].len = strlen(phrases[i]);
	}
	qsort(ord, n, sizeof *ord, by_length_desc);
	trie t = {0};
	tli_buf b = TLI_BUF_INIT;
	add_node(&t, "", 0); /* the root, node 0 */
	int oom = t.count == 0;
	for (size_t i = 0; i < n && !oom; i++)
		oom = insert(&t, phrases[ord[i].index], ord[i].index) != 0;
	if (!oom && emit(&b, &t, 0, marks, 0) != 0) {
		/* too deep to nest: one alternative a phrase, longest first */
		tli_buf_free(&b);
		tli_buf_puts(&b, "(?:");
		for (size_t i = 0; i < n; i++) {
			if (i)
				tli_buf_putc(&b, '|');
			if (marks)
				tli_buf_printf(&b, "(*MARK:%zu)", ord[i].index);
			append_phrase(&b, phrases[ord[i].index]);
		}
		tli_buf_putc(&b, ')');
	}
	free(t.n);
	free(ord);
	if (oom) {
		tli_buf_free(&b);
		return NULL;
	}
	return tli_buf_take(&b);
}
