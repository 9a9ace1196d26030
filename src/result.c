/* result.c: the findings of one scan, their order and their positions. */
#include "result.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct tli_block {
	tli_block *next;
	size_t used, cap;
	_Alignas(max_align_t) char data[];
};

#define BLOCK_SIZE 16384

tl_result *tli_result_new(const tl_document *doc)
{
	tl_result *res = calloc(1, sizeof *res);
	if (res)
		res->doc = doc;
	return res;
}

void *tli_result_alloc(tl_result *res, size_t n)
{
	const size_t align = sizeof(void *);
	tli_block *b = res->blocks;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || at > b->cap || b->cap - at < n) {
		size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = res->blocks;
		res->blocks = b;
		at = 0;
	}
	b->used = at + n;
	return b->data + at;
}

char *tli_result_strdup(tl_result *res, const char *s, size_t n)
{
	tli_block *b = res->blocks;
	if (!b || b->cap - b->used < n + 1) {
		size_t cap = n + 1 > BLOCK_SIZE ? n + 1 : BLOCK_SIZE;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = res->blocks;
		res->blocks = b;
	}
	char *p = b->data + b->used;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

tl_status tli_result_push(tl_result *res, const tl_finding *f)
{
	if (res->count == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 16;
		tl_finding *p = realloc(res->findings, cap * sizeof *p);
		if (!p)
			return TL_ENOMEM;
		res->findings = p;
		res->cap = cap;
	}
	res->findings[res->count] = *f;
	/* Findings made without placeholders in view (a rule on the whole
	 * document) saw what they show. */
	if (!f->prose_match)
		res->findings[res->count].prose_match = f->match;
	res->count++;
	return TL_OK;
}

tl_status tli_result_stopped(tl_result *res, const tl_rule *r, const char *msg)
{
	size_t n = res->diag_count + 1;
	char **p = realloc(res->diags, n * sizeof *p);
	if (!p)
		return TL_ENOMEM;
	res->diags = p;
	const tl_rule **s = realloc(res->diag_stopped, n * sizeof *s);
	if (!s)
		return TL_ENOMEM;
	res->diag_stopped = s;
	char *copy = tli_result_strdup(res, msg, strlen(msg));
	if (!copy)
		return TL_ENOMEM;
	res->diags[res->diag_count] = copy;
	res->diag_stopped[res->diag_count++] = r;
	return TL_OK;
}

tl_status tli_result_diag(tl_result *res, const char *msg)
{
	return tli_result_stopped(res, NULL, msg);
}

static int by_position(const void *a, const void *b)
{
	const tl_finding *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->rule->index != y->rule->index)
		return x->rule->index < y->rule->index ? -1 : 1;
	if (x->length != y->length)
		return x->length > y->length ? -1 : 1;
	return 0;
}

/* Positions are computed in source order, each from the previous one when
 * it lies on the same line, so a long single-line file costs one pass. */
typedef struct cursor {
	size_t off;
	unsigned line, column;
} cursor;

static void position(const tl_document *d, cursor *c, size_t off,
		     unsigned *line, unsigned *column)
{
	if (c->line && off >= c->off &&
	    (c->line == d->line_count || off < d->line_starts[c->line])) {
		*line = c->line;
		*column = c->column + (unsigned)tli_utf8_count(d->src + c->off,
							       off - c->off);
	} else {
		tli_document_position(d, off, line, column);
	}
}

tl_status tli_result_finish(tl_result *res, size_t rule_count)
{
	if (res->count > 1)
		qsort(res->findings, res->count, sizeof *res->findings,
		      by_position);
	size_t *last_end =
		calloc(rule_count ? rule_count : 1, sizeof *last_end);
	unsigned char *seen = calloc(rule_count ? rule_count : 1, 1);
	if (!last_end || !seen) {
		free(last_end);
		free(seen);
		return TL_ENOMEM;
	}
	size_t kept = 0;
	cursor c = {0, 0, 0};
	for (size_t i = 0; i < res->count; i++) {
		tl_finding f = res->findings[i];
		size_t r = f.rule->index;
		if (seen[r] && f.offset < last_end[r])
			continue;
		seen[r] = 1;
		last_end[r] = f.offset + f.length;
		position(res->doc, &c, f.offset, &f.line, &f.column);
		c.off = f.offset;
		c.line = f.line;
		c.column = f.column;
		cursor from_start = c;
		position(res->doc, &from_start, f.offset + f.length,
			 &f.end_line, &f.end_column);
		/* A piece of a file: its place in the file. */
		f.offset += res->doc->base_off;
		f.line += res->doc->base_line;
		f.end_line += res->doc->base_line;
		res->findings[kept++] = f;
	}
	res->count = kept;
	free(last_end);
	free(seen);
	return TL_OK;
}

void tl_result_free(tl_result *res)
{
	if (!res)
		return;
	tli_block *b = res->blocks;
	while (b) {
		tli_block *next = b->next;
		free(b);
		b = next;
	}
	free(res->findings);
	free(res->diags);
	free(res->diag_stopped);
	free(res);
}

const tl_document *tl_result_document(const tl_result *res)
{
	return res->doc;
}

size_t tl_result_count(const tl_result *res)
{
	return res->count;
}

const tl_finding *tl_result_finding(const tl_result *res, size_t i)
{
	return i < res->count ? &res->findings[i] : NULL;
}

size_t tl_result_count_severity(const tl_result *res, tl_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < res->count; i++)
		n += res->findings[i].severity == severity;
	return n;
}

int tli_score(size_t errors, size_t warnings, size_t suggestions, size_t words)
{
	double weighted = 10.0 * (double)errors + 5.0 * (double)warnings +
			  1.0 * (double)suggestions;
	/* Short texts (a subject line) would swing wildly: count at least 20
	 * words. */
	double w = words < 20 ? 20.0 : (double)words;
	return (int)lround(100.0 * exp(-(weighted * 100.0 / w) / 15.0));
}

int tl_result_score(const tl_result *res)
{
	return tli_score(tl_result_count_severity(res, TL_SEVERITY_ERROR),
			 tl_result_count_severity(res, TL_SEVERITY_WARNING),
			 tl_result_count_severity(res, TL_SEVERITY_SUGGESTION),
			 res->doc->words);
}

size_t tl_result_diagnostic_count(const tl_result *res)
{
	return res->diag_count;
}

const char *tl_result_diagnostic(const tl_result *res, size_t i)
{
	return i < res->diag_count ? res->diags[i] : NULL;
}
