/*
 * prefilter.c: the Aho-Corasick automaton. Bytes are first mapped to a few
 * classes (each byte that occurs in a literal, folded to lower case, gets
 * its own; every other byte shares class 0), so the full transition table
 * stays small: states x classes. The scan loop is one table lookup a byte.
 */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

struct tli_ac {
	uint8_t cls[256];
	uint32_t nclasses;
	uint32_t nstates;
	size_t longest;	     /* the longest literal's length */
	uint32_t *delta;     /* nstates * nclasses */
	uint32_t *out_start; /* nstates + 1: outputs of each state */
	uint32_t *out;	     /* literal indices */
	uint32_t *lit_len;   /* per literal */
	uint32_t *own_start; /* nlits + 1 */
	uint32_t *owners;    /* owners of each literal */
};

static uint8_t fold(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

void tli_ac_free(tli_ac *ac)
{
	if (!ac)
		return;
	free(ac->delta);
	free(ac->out_start);
	free(ac->out);
	free(ac->lit_len);
	free(ac->own_start);
	free(ac->owners);
	free(ac);
}

static int cmp_lit(const void *a, const void *b)
{
	const tli_ac_literal *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->owner < y->owner ? -1 : x->owner > y->owner;
}

tli_ac *tli_ac_build(const tli_ac_literal *in, size_t n)
{
	tli_ac *ac = calloc(1, sizeof *ac);
	tli_ac_literal *lits = malloc((n ? n : 1) * sizeof *lits);
	uint32_t *fail = NULL, *queue = NULL, *lit_of_state = NULL;
	uint32_t *out_count = NULL;
	if (!ac || !lits)
		goto oom;
	memcpy(lits, in, n * sizeof *lits);
	/* Equal literals become one, with all their owners. */
	if (n > 1)
		qsort(lits, n, sizeof *lits, cmp_lit);
	size_t nlits = 0, total = 1;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || lits[i].len != lits[i - 1].len ||
		    memcmp(lits[i].s, lits[i - 1].s, lits[i].len) != 0) {
			nlits++;
			total += lits[i].len;
		}
	}
	ac->nclasses = 1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < lits[i].len; k++) {
			uint8_t c = fold((uint8_t)lits[i].s[k]);
			if (!ac->cls[c])
				ac->cls[c] = (uint8_t)ac->nclasses++;
		}
	for (int c = 'A'; c <= 'Z'; c++)
		ac->cls[c] = ac->cls[c - 'A' + 'a'];
	uint32_t nc = ac->nclasses;
	ac->delta = calloc(total * nc, sizeof *ac->delta);
	ac->lit_len = calloc(nlits ? nlits : 1, sizeof *ac->lit_len);
	ac->own_start = calloc(nlits + 1, sizeof *ac->own_start);
	ac->owners = calloc(n ? n : 1, sizeof *ac->owners);
	lit_of_state = calloc(total, sizeof *lit_of_state);
	if (!ac->delta || !ac->lit_len || !ac->own_start || !ac->owners ||
	    !lit_of_state)
		goto oom;
	/* The trie, in delta (0 = no edge yet; state 0 is the root). */
	ac->nstates = 1;
	size_t li = 0;
	for (size_t i = 0; i < n; i++) {
		int is_new = i == 0 || lits[i].len != lits[i - 1].len ||
			     memcmp(lits[i].s, lits[i - 1].s, lits[i].len) != 0;
		if (is_new) {
			uint32_t s = 0;
			for (size_t k = 0; k < lits[i].len; k++) {
				uint32_t c = ac->cls[(uint8_t)lits[i].s[k]];
				uint32_t *t = &ac->delta[s * nc + c];
				if (!*t)
					*t = ac->nstates++;
				s = *t;
			}
			li++;
			ac->lit_len[li - 1] = (uint32_t)lits[i].len;
			if (lits[i].len > ac->longest)
				ac->longest = lits[i].len;
			lit_of_state[s] = (uint32_t)li; /* 1-based */
			ac->own_start[li] = ac->own_start[li - 1];
		}
		ac->owners[ac->own_start[li]++] = lits[i].owner;
	}
	/* Failure links breadth first; the trie becomes a full automaton. */
	fail = calloc(ac->nstates, sizeof *fail);
	queue = calloc(ac->nstates, sizeof *queue);
	out_count = calloc(ac->nstates, sizeof *out_count);
	ac->out_start = calloc(ac->nstates + 1, sizeof *ac->out_start);
	if (!fail || !queue || !out_count || !ac->out_start)
		goto oom;
	size_t head = 0, tail = 0;
	for (uint32_t c = 0; c < nc; c++) {
		uint32_t t = ac->delta[c];
		if (t) {
			fail[t] = 0;
			queue[tail++] = t;
		}
	}
	while (head < tail) {
		uint32_t s = queue[head++];
		for (uint32_t c = 0; c < nc; c++) {
			uint32_t *t = &ac->delta[s * nc + c];
			if (*t) {
				fail[*t] = ac->delta[fail[s] * nc + c];
				queue[tail++] = *t;
			} else {
				*t = ac->delta[fail[s] * nc + c];
			}
		}
	}
	/* Outputs: a state's own literal, then its failure state's outputs
	 * (already complete, being nearer the root in BFS order). */
	size_t nout = 0;
	for (size_t i = 0; i < tail; i++) {
		uint32_t s = queue[i];
		out_count[s] = (lit_of_state[s] ? 1 : 0) + out_count[fail[s]];
		nout += out_count[s];
	}
	ac->out = calloc(nout ? nout : 1, sizeof *ac->out);
	if (!ac->out)
		goto oom;
	uint32_t pos = 0;
	for (uint32_t s = 0; s < ac->nstates; s++) {
		ac->out_start[s] = pos;
		pos += out_count[s];
	}
	ac->out_start[ac->nstates] = pos;
	for (size_t i = 0; i < tail; i++) {
		uint32_t s = queue[i], at = ac->out_start[s];
		if (lit_of_state[s])
			ac->out[at++] = lit_of_state[s] - 1;
		uint32_t f = fail[s];
		memcpy(&ac->out[at], &ac->out[ac->out_start[f]],
		       out_count[f] * sizeof *ac->out);
	}
	free(fail);
	free(queue);
	free(out_count);
	free(lit_of_state);
	free(lits);
	return ac;
oom:
	free(fail);
	free(queue);
	free(out_count);
	free(lit_of_state);
	free(lits);
	tli_ac_free(ac);
	return NULL;
}

int tli_ac_scan(const tli_ac *ac, const char *text, size_t len, tli_ac_hit hit,
		void *payload)
{
	uint32_t state = 0;
	return tli_ac_scan_range(ac, text, 0, len, &state, hit, payload);
}

size_t tli_ac_longest(const tli_ac *ac)
{
	return ac->longest;
}

int tli_ac_scan_range(const tli_ac *ac, const char *text, size_t from,
		      size_t to, uint32_t *state, tli_ac_hit hit, void *payload)
{
	const uint8_t *p = (const uint8_t *)text;
	const uint32_t *delta = ac->delta, *out_start = ac->out_start;
	const uint8_t *cls = ac->cls;
	uint32_t nc = ac->nclasses, s = *state;
	for (size_t i = from; i < to; i++) {
		s = delta[s * nc + cls[p[i]]];
		if (out_start[s] == out_start[s + 1])
			continue;
		for (uint32_t k = out_start[s]; k < out_start[s + 1]; k++) {
			uint32_t lit = ac->out[k];
			size_t start = i + 1 - ac->lit_len[lit];
			for (uint32_t o = ac->own_start[lit];
			     o < ac->own_start[lit + 1]; o++) {
				int rc = hit(payload, ac->owners[o], start);
				if (rc) {
					*state = s;
					return rc;
				}
			}
		}
	}
	*state = s;
	return 0;
}
