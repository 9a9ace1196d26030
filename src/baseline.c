/*
 * baseline.c: findings a team has accepted for now. A baseline file holds
 * one finding a line, sorted:
 *
 *     FINGERPRINT<TAB>RULE<TAB>FILE<TAB>MATCH
 *
 * Only the fingerprint counts when filtering (fingerprint.c: rule, file,
 * normalised match and its occurrence index, not the line); the other
 * fields are there for people reading a diff. Lines starting with '#' are
 * comments.
 */
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "report.h"
#include "result.h"
#include "strbuf.h"

/* Baselines of large projects stay well under this. */
#define MAX_BASELINE_SIZE (256u * 1024 * 1024)

typedef struct entry {
	uint64_t fp;
	char *line; /* the file line without the fingerprint; NULL if loaded */
} entry;

struct tl_baseline {
	entry *items;
	size_t count, cap;
	int sorted;
	tli_errinfo err;
};

tl_status tl_baseline_new(tl_baseline **out)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return TL_ENOMEM;
	tli_error_clear(&(*out)->err);
	(*out)->sorted = 1;
	return TL_OK;
}

void tl_baseline_free(tl_baseline *bl)
{
	if (!bl)
		return;
	for (size_t i = 0; i < bl->count; i++)
		free(bl->items[i].line);
	free(bl->items);
	tli_error_clear(&bl->err);
	free(bl);
}

const tl_error *tl_baseline_error(const tl_baseline *bl)
{
	return &bl->err.pub;
}

size_t tl_baseline_count(const tl_baseline *bl)
{
	return bl->count;
}

static tl_status push(tl_baseline *bl, uint64_t fp, char *line)
{
	if (bl->count == bl->cap) {
		size_t cap = bl->cap ? bl->cap * 2 : 64;
		entry *p = realloc(bl->items, cap * sizeof *p);
		if (!p)
			return TL_ENOMEM;
		bl->items = p;
		bl->cap = cap;
	}
	bl->items[bl->count].fp = fp;
	bl->items[bl->count].line = line;
	bl->count++;
	bl->sorted = 0;
	return TL_OK;
}

static int by_fp(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->fp != y->fp)
		return x->fp < y->fp ? -1 : 1;
	if (!x->line || !y->line)
		return (x->line != NULL) - (y->line != NULL);
	return strcmp(x->line, y->line);
}

static void sort(tl_baseline *bl)
{
	if (!bl->sorted && bl->count)
		qsort(bl->items, bl->count, sizeof *bl->items, by_fp);
	bl->sorted = 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

tl_status tl_baseline_load(tl_baseline *bl, const char *path)
{
	char *data = NULL, why[256] = "";
	size_t len = 0;
	tl_status st = tli_read_file(path, MAX_BASELINE_SIZE, &data, &len, NULL,
				     why, sizeof why);
	if (st) {
		tli_error_set(&bl->err, path, 0, 0, "%s",
			      why[0] ? why : tl_strerror(st));
		return st;
	}
	size_t before = bl->count;
	unsigned line = 0;
	const char *p = data, *end = data + len;
	while (p < end && !st) {
		line++;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (le > p && p[0] != '#') {
			uint64_t fp = 0;
			size_t i = 0;
			for (; i < 16 && p + i < le && hexval(p[i]) >= 0; i++)
				fp = fp << 4 | (uint64_t)hexval(p[i]);
			if (i != 16 || (p + 16 < le && p[16] != '\t')) {
				tli_error_set(
					&bl->err, path, line, 1,
					"not a baseline line (expected 16 "
					"lower-case hex digits, then a "
					"tab)");
				st = TL_EFORMAT;
			} else {
				st = push(bl, fp, NULL);
			}
		}
		p = le + 1;
	}
	free(data);
	if (st) {
		bl->count = before;
		return st;
	}
	return TL_OK;
}

tl_status tl_baseline_add(tl_baseline *bl, const tl_result *res)
{
	size_t n = tl_result_count(res);
	if (n == 0)
		return TL_OK;
	uint64_t *fp = tli_result_fingerprints(res);
	if (!fp)
		return TL_ENOMEM;
	const char *name = tl_document_name(tl_result_document(res));
	tl_status st = TL_OK;
	for (size_t i = 0; i < n && !st; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		tli_buf b = TLI_BUF_INIT;
		/* Tabs and line breaks would break the line format. */
		const char *fields[3] = {f->rule->id, name, f->match};
		for (size_t k = 0; k < 3; k++) {
			tli_buf_putc(&b, '\t');
			for (const char *s = fields[k]; *s; s++)
				tli_buf_putc(&b, (*s == '\t' || *s == '\n' ||
						  *s == '\r')
							 ? ' '
							 : *s);
		}
		char *line = tli_buf_take(&b);
		st = line ? push(bl, fp[i], line) : TL_ENOMEM;
		if (st)
			free(line);
	}
	free(fp);
	return st;
}

tl_status tl_baseline_write(const tl_baseline *bl, FILE *stream)
{
	sort((tl_baseline *)bl);
	fputs("# tonelint baseline: findings accepted for now. Written by "
	      "--write-baseline;\n# only the fingerprint (first field) "
	      "counts.\n",
	      stream);
	for (size_t i = 0; i < bl->count; i++) {
		char hex[TL_FINGERPRINT_SIZE];
		tli_fingerprint_hex(bl->items[i].fp, hex);
		fputs(hex, stream);
		if (bl->items[i].line)
			fputs(bl->items[i].line, stream);
		fputc('\n', stream);
	}
	return fflush(stream) != 0 || ferror(stream) ? TL_EIO : TL_OK;
}

tl_status tl_baseline_filter(const tl_baseline *bl, tl_result *res,
			     size_t *dropped)
{
	if (dropped)
		*dropped = 0;
	if (res->count == 0 || bl->count == 0)
		return TL_OK;
	uint64_t *fp = tli_result_fingerprints(res);
	unsigned char *used = calloc(bl->count, 1);
	if (!fp || !used) {
		free(fp);
		free(used);
		return TL_ENOMEM;
	}
	sort((tl_baseline *)bl);
	size_t kept = 0, gone = 0;
	for (size_t i = 0; i < res->count; i++) {
		/* Binary search for the first entry with this fingerprint,
		 * then take the first one not yet used. */
		size_t lo = 0, hi = bl->count;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (bl->items[mid].fp < fp[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		while (lo < bl->count && bl->items[lo].fp == fp[i] && used[lo])
			lo++;
		if (lo < bl->count && bl->items[lo].fp == fp[i]) {
			used[lo] = 1;
			gone++;
			continue;
		}
		res->findings[kept++] = res->findings[i];
	}
	res->count = kept;
	free(fp);
	free(used);
	if (dropped)
		*dropped = gone;
	return TL_OK;
}
