/* precompiled.c: looking patterns up in the table the build generated. */
#include "precompiled.h"

#include <stdlib.h>
#include <string.h>

void (*tli_precomp_miss)(const char *src, size_t len, int caseless);
void (*tli_precomp_ac_built)(const tli_ac *ac, const tli_ac_literal *lits,
			     size_t n);

int tli_precomp_order(const char *a, size_t alen, int acase, const char *b,
		      size_t blen, int bcase)
{
	size_t n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);
	if (c)
		return c;
	if (alen != blen)
		return alen < blen ? -1 : 1;
	return acase - bcase;
}

static const tli_precomp_entry *find(const char *src, size_t len, int caseless)
{
	size_t lo = 0, hi = tli_precomp_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tli_precomp_entry *e = &tli_precomp_table[mid];
		int c = tli_precomp_order(src, len, caseless, e->src,
					  e->src_len, e->caseless);
		if (c == 0)
			return &tli_precomp_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

pcre2_code *tli_precomp_code(const char *src, size_t len, int caseless)
{
	const tli_precomp_entry *e = find(src, len, caseless != 0);
	pcre2_code *code = NULL;
	if (e && pcre2_serialize_decode(&code, 1, e->code, NULL) == 1)
		return code;
	if (tli_precomp_miss)
		tli_precomp_miss(src, len, caseless != 0);
	return NULL;
}

int tli_precomp_literals(const char *src, size_t len, int caseless,
			 tli_literals *out)
{
	memset(out, 0, sizeof *out);
	const tli_precomp_entry *e = find(src, len, caseless != 0);
	if (!e)
		return -2;
	if (!e->has_literals)
		return 0;
	out->upper = e->upper;
	out->offset = e->offset;
	out->min_run = e->min_run;
	if (e->upper) {
		out->caps = calloc(e->ncaps ? e->ncaps : 1, sizeof *out->caps);
		out->caps_lens =
			calloc(e->ncaps ? e->ncaps : 1, sizeof *out->caps_lens);
		if (!out->caps || !out->caps_lens) {
			tli_literals_free(out);
			return -1;
		}
		for (size_t i = 0; i < e->ncaps; i++) {
			out->caps[i] = malloc(e->caps_lens[i] + 1);
			if (!out->caps[i]) {
				tli_literals_free(out);
				return -1;
			}
			memcpy(out->caps[i], e->caps[i], e->caps_lens[i]);
			out->caps[i][e->caps_lens[i]] = '\0';
			out->caps_lens[i] = e->caps_lens[i];
			out->caps_count = i + 1;
		}
		return 1;
	}
	out->lits = calloc(e->nlits, sizeof *out->lits);
	out->lens = calloc(e->nlits, sizeof *out->lens);
	if (!out->lits || !out->lens) {
		tli_literals_free(out);
		return -1;
	}
	for (size_t i = 0; i < e->nlits; i++) {
		out->lits[i] = malloc(e->lens[i] + 1);
		if (!out->lits[i]) {
			tli_literals_free(out);
			return -1;
		}
		memcpy(out->lits[i], e->lits[i], e->lens[i]);
		out->lits[i][e->lens[i]] = '\0';
		out->lens[i] = e->lens[i];
		out->count = i + 1;
	}
	out->offset = e->offset;
	return 1;
}
