/*
 * fingerprint.c: stable identities for findings, shared by baselines and the
 * formats that need one (GitLab, SARIF). A 64-bit FNV-1a hash: small, with
 * no dependency, and good enough to tell a project's findings apart; it is
 * not meant to resist a deliberate collision.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= FNV_PRIME;
	}
	return h;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Hashes the matched text lower-cased (ASCII), white space runs folded to
 * one space and trimmed, so that re-wrapping a paragraph keeps it. */
static uint64_t fnv_normalised(uint64_t h, const char *s, size_t n)
{
	int space = 0, any = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_space(c)) {
			space = 1;
			continue;
		}
		if (space && any)
			h = fnv(h, " ", 1);
		space = 0;
		any = 1;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = fnv(h, &c, 1);
	}
	return h;
}

/* The hash of (rule, file, text) without the occurrence index. */
static uint64_t identity(const tl_result *res, const tl_finding *f)
{
	const char *name = tl_document_name(tl_result_document(res));
	/* "./a.txt" and "a.txt" are one file. */
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	uint64_t h = FNV_OFFSET;
	h = fnv(h, f->rule->id, strlen(f->rule->id) + 1);
	h = fnv(h, name, strlen(name) + 1);
	/* The prose the rules saw: a placeholder's spelling may change
	 * without the finding becoming another one. */
	h = fnv_normalised(h, f->prose_match, strlen(f->prose_match));
	return fnv(h, "", 1);
}

static uint64_t with_index(uint64_t h, size_t index)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%zu", index);
	return fnv(h, num, (size_t)n);
}

typedef struct slot {
	uint64_t id;
	size_t i;
} slot;

static int by_id_then_index(const void *a, const void *b)
{
	const slot *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

uint64_t *tli_result_fingerprints(const tl_result *res)
{
	size_t n = tl_result_count(res);
	if (n == 0)
		return NULL;
	slot *v = malloc(n * sizeof *v);
	uint64_t *out = malloc(n * sizeof *out);
	if (!v || !out) {
		free(v);
		free(out);
		return NULL;
	}
	/* Sorted by identity, then position, a finding's occurrence index is
	 * its rank in its run of equal identities. (Counting the earlier
	 * equal ones for each finding was quadratic: minutes for the million
	 * findings of a 35 MB file.) */
	for (size_t i = 0; i < n; i++)
		v[i] = (slot){identity(res, tl_result_finding(res, i)), i};
	qsort(v, n, sizeof *v, by_id_then_index);
	size_t index = 0;
	for (size_t k = 0; k < n; k++) {
		index = k > 0 && v[k - 1].id == v[k].id ? index + 1 : 0;
		out[v[k].i] = with_index(v[k].id, index);
	}
	free(v);
	return out;
}

void tli_fingerprint_hex(uint64_t h, char out[TL_FINGERPRINT_SIZE])
{
	snprintf(out, TL_FINGERPRINT_SIZE, "%016llx", (unsigned long long)h);
}

void tl_result_fingerprint(const tl_result *res, size_t i,
			   char out[TL_FINGERPRINT_SIZE])
{
	uint64_t id = identity(res, tl_result_finding(res, i));
	size_t index = 0;
	for (size_t j = 0; j < i; j++)
		index += identity(res, tl_result_finding(res, j)) == id;
	tli_fingerprint_hex(with_index(id, index), out);
}
