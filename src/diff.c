/* diff.c: unified diffs of a source and its fixed version. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

/* The line breaks of a text: line i runs from just after break i-1 to
 * just after break i (the last line may have none). */
typedef struct lines {
	const char *s;
	size_t len;
	size_t *nl; /* offsets of the '\n' bytes */
	size_t count;
} lines;

static tl_status lines_init(lines *l, const char *s, size_t len)
{
	l->s = s;
	l->len = len;
	l->count = 0;
	size_t n = 0;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p)));
	     p++)
		n++;
	l->nl = malloc((n ? n : 1) * sizeof *l->nl);
	if (!l->nl)
		return TL_ENOMEM;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p)));
	     p++)
		l->nl[l->count++] = (size_t)(p - s);
	return TL_OK;
}

/* Number of lines: a text that does not end in '\n' has one more. */
static size_t lines_total(const lines *l)
{
	int open = l->len > 0 &&
		   (l->count == 0 || l->nl[l->count - 1] + 1 < l->len);
	return l->count + (size_t)open;
}

/* The index of the line holding byte `pos` (the number of breaks before
 * it). */
static size_t line_of(const lines *l, size_t pos)
{
	size_t lo = 0, hi = l->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->nl[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t line_start(const lines *l, size_t i)
{
	return i == 0 ? 0 : l->nl[i - 1] + 1;
}

static size_t line_end(const lines *l, size_t i)
{
	return i < l->count ? l->nl[i] + 1 : l->len;
}

static void put_line(FILE *out, char mark, const lines *l, size_t i)
{
	size_t a = line_start(l, i), b = line_end(l, i);
	fputc(mark, out);
	fwrite(l->s + a, 1, b - a, out);
	if (b == a || l->s[b - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

static void put_range(FILE *out, const char *sign, size_t start, size_t n)
{
	/* GNU diff's form: an empty range names the line before it, and a
	 * count of one is left out. */
	fprintf(out, "%s%zu", sign, n ? start + 1 : start);
	if (n != 1)
		fprintf(out, ",%zu", n);
}

/* Runs of changed lines: old lines [a, a + na) became new [b, b + nb). */
typedef struct block {
	size_t a, na, b, nb;
} block;

tl_status tli_diff_write(FILE *out, const char *name, const char *old,
			 size_t old_len, const char *cur, size_t cur_len,
			 const tli_change *ch, size_t n, unsigned context)
{
	if (n == 0)
		return TL_OK;
	lines lo, ln;
	lo.nl = ln.nl = NULL;
	block *bl = malloc(n * sizeof *bl);
	tl_status st = bl ? lines_init(&lo, old, old_len) : TL_ENOMEM;
	if (!st)
		st = lines_init(&ln, cur, cur_len);
	if (st)
		goto out;
	size_t nb = 0;
	long long delta = 0; /* growth from the changes before block k */
	for (size_t k = 0; k < n;) {
		long long before = delta;
		size_t first = line_of(&lo, ch[k].os);
		size_t last = first;
		/* Take every change on the lines so far or the next one (a
		 * run of changed lines is one "-" block and one "+" block); a
		 * change that ends with a line's break also takes the next
		 * line, so the new block ends with a break of its own. */
		while (k < n && line_of(&lo, ch[k].os) <= last + 1) {
			size_t e =
				ch[k].oe > ch[k].os ? ch[k].oe - 1 : ch[k].os;
			size_t l = line_of(&lo, e);
			if (ch[k].oe > ch[k].os && old[ch[k].oe - 1] == '\n' &&
			    ch[k].oe < old_len)
				l++;
			if (l > last)
				last = l;
			delta += (long long)(ch[k].ne - ch[k].ns) -
				 (long long)(ch[k].oe - ch[k].os);
			k++;
		}
		size_t os = line_start(&lo, first), oe = line_end(&lo, last);
		size_t ns = (size_t)((long long)os + before);
		size_t ne = (size_t)((long long)oe + delta);
		block *b = &bl[nb++];
		b->a = first;
		b->na = last - first + 1;
		b->b = line_of(&ln, ns);
		b->nb = ne > ns ? line_of(&ln, ne - 1) - b->b + 1 : 0;
	}
	fprintf(out, "--- %s\n+++ %s\n", name, name);
	size_t old_total = lines_total(&lo);
	for (size_t k = 0; k < nb;) {
		size_t first = k, last = k;
		while (last + 1 < nb &&
		       bl[last + 1].a - (bl[last].a + bl[last].na) <=
			       2 * (size_t)context)
			last++;
		size_t pre = bl[first].a < context ? bl[first].a : context;
		size_t tail = bl[last].a + bl[last].na;
		size_t post =
			old_total - tail < context ? old_total - tail : context;
		size_t os = bl[first].a - pre, ns = bl[first].b - pre;
		fputs("@@ ", out);
		put_range(out, "-", os, tail + post - os);
		fputc(' ', out);
		put_range(out, "+", ns, bl[last].b + bl[last].nb + post - ns);
		fputs(" @@\n", out);
		for (size_t i = os; i < bl[first].a; i++)
			put_line(out, ' ', &lo, i);
		for (size_t j = first; j <= last; j++) {
			for (size_t i = 0; i < bl[j].na; i++)
				put_line(out, '-', &lo, bl[j].a + i);
			for (size_t i = 0; i < bl[j].nb; i++)
				put_line(out, '+', &ln, bl[j].b + i);
			size_t upto = j < last ? bl[j + 1].a : tail + post;
			for (size_t i = bl[j].a + bl[j].na; i < upto; i++)
				put_line(out, ' ', &lo, i);
		}
		k = last + 1;
	}
	if (ferror(out))
		st = TL_EIO;
out:
	free(lo.nl);
	free(ln.nl);
	free(bl);
	return st;
}
