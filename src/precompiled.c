/* precompiled.c: looking patterns up in the table the build generated. */
#include "precompiled.h"

#include <stdlib.h>
#include <string.h>

void (*tli_precomp_miss)(const char *src, size_t len, int caseless);
int tli_precomp_analyse_gates;
void (*tli_precomp_ac_built)(const char *name, const tli_ac *ac,
			     const tli_ac_literal *lits, size_t n);

int tli_precomp_order(const char *a, size_t alen, int acase, const char *b,
		      size_t blen, int bcase)
{
	/* Length first: most probes of a search end there, without reading
	 * a pattern's text (many begin alike, "\b(?:"). */
	if (alen != blen)
		return alen < blen ? -1 : 1;
	int c = memcmp(a, b, alen);
	if (c)
		return c;
	return acase - bcase;
}

static const tli_precomp_entry *find(const char *src, size_t len, int caseless)
{
	size_t lo = 0, hi = tli_precomp_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tli_precomp_entry *e = &tli_precomp_table[mid];
		int c = tli_precomp_order(src, len, caseless,
					  tli_precomp_src(e), e->src_len,
					  e->caseless);
		if (c == 0)
			return &tli_precomp_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const tli_precomp_entry *tli_precomp_entry_of(const char *src, size_t len,
					      int caseless)
{
	return find(src, len, caseless != 0);
}

const tli_precomp_entry *tli_precomp_find(const char *src, size_t len,
					  int caseless)
{
	const tli_precomp_entry *e = find(src, len, caseless != 0);
	/* the serialised form's header: another PCRE2 (version, code unit
	 * width, newline convention) cannot read the codes */
	if (e && pcre2_serialize_get_number_of_codes(tli_precomp_bytes +
						     e->code) == 1)
		return e;
	if (tli_precomp_miss)
		tli_precomp_miss(src, len, caseless != 0);
	return NULL;
}

pcre2_code *tli_precomp_decode(const tli_precomp_entry *e)
{
	pcre2_code *code = NULL;
	int rc = pcre2_serialize_decode(&code, 1, tli_precomp_bytes + e->code,
					NULL);
	return rc == 1 ? code : NULL;
}

pcre2_code *tli_precomp_code(const char *src, size_t len, int caseless)
{
	const tli_precomp_entry *e = tli_precomp_find(src, len, caseless);
	return e ? tli_precomp_decode(e) : NULL;
}

/* Pointers to the table's n strings from index `at`: an array the caller
 * owns (tli_literals_free frees it), of strings the table's; NULL when
 * out of memory. */
static char **table_strings(uint32_t at, uint32_t n)
{
	char **v = malloc((n ? n : 1) * sizeof *v);
	for (uint32_t i = 0; v && i < n; i++)
		v[i] = (char *)(tli_precomp_lit_text +
				tli_precomp_lit_at[at + i]);
	return v;
}

int tli_precomp_entry_gate(const tli_precomp_entry *e, int common,
			   tli_literals *out, tli_bound *span)
{
	memset(out, 0, sizeof *out);
	if (!e)
		return -2;
	if (!(common ? e->has_cgate : e->has_gate))
		return 0;
	uint32_t at = common ? e->cglits : e->glits;
	out->count = common ? e->ncglits : e->nglits;
	out->borrowed = 1;
	out->lits = table_strings(at, (uint32_t)out->count);
	if (!out->lits)
		return -1;
	out->lens = (size_t *)&tli_precomp_lens[at];
	out->word_start = common ? e->cgword_start : e->gword_start;
	out->cost = common ? 0 : e->gcost;
	*span = common ? e->cgspan : e->gspan;
	return 1;
}

int tli_precomp_entry_literals(const tli_precomp_entry *e, tli_literals *out)
{
	memset(out, 0, sizeof *out);
	if (!e)
		return -2;
	if (!e->has_literals)
		return 0;
	out->upper = e->upper;
	out->offset = e->offset;
	out->min_run = e->min_run;
	/* The table's own strings, not copies: loading the built-in rules
	 * then writes no page for them. Nothing writes through these
	 * pointers (tli_literals.borrowed). */
	out->borrowed = 1;
	if (e->upper) {
		out->caps = table_strings(e->caps, e->ncaps);
		out->caps_lens = (size_t *)&tli_precomp_lens[e->caps];
		out->caps_count = e->ncaps;
		if (!out->caps)
			return -1;
	} else {
		out->lits = table_strings(e->lits, e->nlits);
		out->lens = (size_t *)&tli_precomp_lens[e->lits];
		out->count = e->nlits;
		out->word_start = e->word_start;
		out->cost = e->cost;
		if (!out->lits)
			return -1;
	}
	return 1;
}
