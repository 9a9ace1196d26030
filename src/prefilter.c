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
	/* The class of white space, 0 when no literal holds a space; and the
	 * class of the lead bytes of the non-ASCII white-space characters
	 * (0xC2, 0xE1, 0xE2, 0xE3), which behaves as class 0 unless the
	 * character turns out to be a space. */
	uint32_t ws, maybe_ws;
	uint8_t lead_cls[256]; /* those lead bytes' own classes */
	uint32_t *delta;       /* nstates * nclasses */
	uint32_t *depth;       /* per state: symbols from the root */
	uint8_t *lit_ws;       /* per literal: holds a space */
	uint32_t *out_start;   /* nstates + 1: outputs of each state */
	uint32_t *out;	       /* literal indices */
	uint32_t *lit_len;     /* per literal */
	uint32_t *own_start;   /* nlits + 1 */
	uint32_t *owners;      /* owners of each literal */
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
	free(ac->depth);
	free(ac->lit_ws);
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
	uint8_t *ends_ws = NULL;
	uint32_t *first = NULL, *sibling = NULL;
	uint8_t *edge = NULL;
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += in[i].len;
	char *text = malloc(chars ? chars : 1);
	if (!ac || !lits || !text)
		goto oom;
	/* Copies in which each run of spaces is one space: the text is read
	 * that way. */
	char *w = text;
	for (size_t i = 0; i < n; i++) {
		lits[i] = in[i];
		lits[i].s = w;
		for (size_t k = 0; k < in[i].len; k++)
			if (in[i].s[k] != ' ' || k == 0 ||
			    in[i].s[k - 1] != ' ')
				*w++ = in[i].s[k];
		lits[i].len = (size_t)(w - lits[i].s);
	}
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
	if (ac->cls[' ']) {
		/* every white-space byte is a space of a literal */
		ac->ws = ac->cls[' '];
		for (const char *b = "\t\n\v\f\r"; *b; b++)
			ac->cls[(uint8_t)*b] = (uint8_t)ac->ws;
		ac->maybe_ws = ac->nclasses++;
	}
	uint32_t nc = ac->nclasses;
	ac->delta = calloc(total * nc, sizeof *ac->delta);
	ac->lit_len = calloc(nlits ? nlits : 1, sizeof *ac->lit_len);
	ac->lit_ws = calloc(nlits ? nlits : 1, sizeof *ac->lit_ws);
	ac->depth = calloc(total, sizeof *ac->depth);
	ends_ws = calloc(total, 1);
	ac->own_start = calloc(nlits + 1, sizeof *ac->own_start);
	ac->owners = calloc(n ? n : 1, sizeof *ac->owners);
	lit_of_state = calloc(total, sizeof *lit_of_state);
	/* each state's trie edges, as a list: first child, next sibling */
	first = calloc(total, sizeof *first);
	sibling = calloc(total, sizeof *sibling);
	edge = calloc(total, 1); /* the class of the edge into each state */
	if (!ac->delta || !ac->lit_len || !ac->own_start || !ac->owners ||
	    !lit_of_state || !ac->lit_ws || !ac->depth || !ends_ws || !first ||
	    !sibling || !edge)
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
				if (!*t) {
					*t = ac->nstates++;
					sibling[*t] = first[s];
					first[s] = *t;
					edge[*t] = (uint8_t)c;
					ac->depth[*t] = (uint32_t)k + 1;
					ends_ws[*t] = ac->ws && c == ac->ws;
				}
				s = *t;
			}
			li++;
			ac->lit_len[li - 1] = (uint32_t)lits[i].len;
			ac->lit_ws[li - 1] =
				memchr(lits[i].s, ' ', lits[i].len) != NULL;
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
	/* Each state's row is its failure state's row (complete, being
	 * nearer the root), with its own trie edges put back. */
	while (head < tail) {
		uint32_t s = queue[head++];
		uint32_t *row = &ac->delta[(size_t)s * nc];
		const uint32_t *frow = &ac->delta[(size_t)fail[s] * nc];
		memcpy(row, frow, nc * sizeof *row);
		for (uint32_t t = first[s]; t; t = sibling[t]) {
			uint32_t c = edge[t];
			fail[t] = frow[c];
			row[c] = t;
			queue[tail++] = t;
		}
	}
	/* A state reached by a space stays there through the rest of the
	 * white-space run: the text is read as if each run were one space. */
	if (ac->ws)
		for (uint32_t st = 1; st < ac->nstates; st++)
			if (ends_ws[st])
				ac->delta[st * nc + ac->ws] = st;
	/* Lead bytes of non-ASCII spaces are looked at twice while scanning
	 * (a literal may hold such a byte too: the ’ of "can’t"). */
	if (ac->ws)
		for (const char *b = "\xC2\xE1\xE2\xE3"; *b; b++) {
			ac->lead_cls[(uint8_t)*b] = ac->cls[(uint8_t)*b];
			ac->cls[(uint8_t)*b] = (uint8_t)ac->maybe_ws;
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
	free(ends_ws);
	free(first);
	free(sibling);
	free(edge);
	free(lits);
	free(text);
	return ac;
oom:
	free(fail);
	free(queue);
	free(out_count);
	free(lit_of_state);
	free(ends_ws);
	free(first);
	free(sibling);
	free(edge);
	free(lits);
	free(text);
	tli_ac_free(ac);
	return NULL;
}

int tli_ac_scan(const tli_ac *ac, const char *text, size_t len, tli_ac_hit hit,
		void *payload)
{
	uint32_t state = 0;
	return tli_ac_scan_range(ac, text, 0, len, &state, hit, payload);
}

/* The byte length of the white-space character that ends at p[end - 1]
 * (as \s sees it in UTF mode), 0 if there is none. */
static size_t space_before(const uint8_t *p, size_t end)
{
	if (end == 0)
		return 0;
	uint8_t c = p[end - 1];
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (end >= 2 && p[end - 2] == 0xC2 && (c == 0x85 || c == 0xA0))
		return 2;
	if (end < 3)
		return 0;
	uint32_t cp =
		((uint32_t)p[end - 3] << 16) | ((uint32_t)p[end - 2] << 8) | c;
	return (cp == 0xE19A80 || cp == 0xE1A08E ||
		(cp >= 0xE28080 && cp <= 0xE2808A) || cp == 0xE280A8 ||
		cp == 0xE280A9 || cp == 0xE280AF || cp == 0xE2819F ||
		cp == 0xE38080)
		       ? 3
		       : 0;
}

/* The byte length of the non-ASCII white-space character starting at
 * p[0], given `avail` bytes; 0 if it is something else. */
static size_t space_at(const uint8_t *p, size_t avail)
{
	size_t n = p[0] == 0xC2 ? 2 : 3;
	return n <= avail && space_before(p, n) == n ? n : 0;
}

/* Where `symbols` symbols of the automaton (a byte, or a whole run of
 * white space) end before `end`. */
static size_t walk_back(const uint8_t *p, size_t end, size_t symbols)
{
	while (symbols-- && end) {
		size_t n = space_before(p, end);
		if (!n) {
			end--;
			continue;
		}
		while (n) {
			end -= n;
			n = space_before(p, end);
		}
	}
	return end;
}

size_t tli_ac_pending(const tli_ac *ac, const char *text, size_t to,
		      uint32_t state)
{
	return walk_back((const uint8_t *)text, to, ac->depth[state]);
}

int tli_ac_scan_range(const tli_ac *ac, const char *text, size_t from,
		      size_t to, uint32_t *state, tli_ac_hit hit, void *payload)
{
	const uint8_t *p = (const uint8_t *)text;
	const uint32_t *delta = ac->delta, *out_start = ac->out_start;
	const uint8_t *cls = ac->cls;
	uint32_t nc = ac->nclasses, s = *state;
	for (size_t i = from; i < to; i++) {
		uint32_t c = cls[p[i]];
		if (c && c == ac->maybe_ws) {
			size_t n = space_at(p + i, to - i);
			c = n ? ac->ws : ac->lead_cls[p[i]];
			if (n)
				i += n - 1;
		}
		s = delta[s * nc + c];
		if (out_start[s] == out_start[s + 1])
			continue;
		for (uint32_t k = out_start[s]; k < out_start[s + 1]; k++) {
			uint32_t lit = ac->out[k];
			size_t start =
				ac->lit_ws[lit]
					? walk_back(p, i + 1, ac->lit_len[lit])
					: i + 1 - ac->lit_len[lit];
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
