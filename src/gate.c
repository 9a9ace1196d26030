/* gate.c: second literal sets, checked before a costly search (gate.h). */
#include "gate.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "precompiled.h"

tl_status tli_gates_init(tli_gates *g, size_t count)
{
	memset(g, 0, sizeof *g);
	/* two a pattern: of rare words, and of common words too */
	size_t n = count ? 2 * count : 1;
	g->ac = calloc(n, sizeof *g->ac);
	g->state = calloc(n, sizeof *g->state);
	g->span = calloc(n, sizeof *g->span);
	g->count = count;
	if (!g->ac || !g->state || !g->span) {
		tli_gates_free(g);
		return TL_ENOMEM;
	}
	return TL_OK;
}

void tli_gates_free(tli_gates *g)
{
	for (size_t i = 0; g->ac && i < 2 * g->count; i++)
		tli_ac_free(g->ac[i]);
	free((void *)g->ac);
	free((void *)g->state);
	free(g->span);
	memset(g, 0, sizeof *g);
}

/* The automaton of pattern k's gate, of common words too if `common`;
 * NULL when it has none, or when memory ran out (the pattern then runs
 * without one, as before). */
static tli_ac *make(const tl_rule *r, size_t k, int common, tli_bound *span)
{
	const char *src = r->pattern_src[k];
	tli_literals first, second;
	/* the build's table has the built-in patterns' gates, of rare words
	 * and of common ones too (0: the pattern has none) */
	int rc = tli_precomp_entry_gate(r->pattern_pre[k], common, &second,
					span);
	if (rc == -2) {
		rc = tli_pattern_literals(r, k, &first);
		if (rc != 1)
			return NULL;
		rc = first.count ? tli_gate_literals(src, strlen(src),
						     r->caseless, &first,
						     common ? TLI_GATE_MAX_COST
							    : TLI_AC_GATE_COST,
						     &second, span)
				 : 0;
		tli_literals_free(&first);
	}
	if (rc != 1)
		return NULL;
	tli_ac *ac = NULL;
	tli_ac_literal *lits = malloc(second.count * sizeof *lits);
	if (lits) {
		for (size_t i = 0; i < second.count; i++)
			lits[i] = (tli_ac_literal){second.lits[i],
						   second.lens[i], 0};
		ac = tli_ac_build(lits, second.count);
		free(lits);
	}
	tli_literals_free(&second);
	return ac;
}

const tli_ac *tli_gate(const tl_ruleset *rs_const, const tl_rule *r, size_t k,
		       int common, tli_bound *span)
{
	tl_ruleset *rs = (tl_ruleset *)rs_const; /* the lock and the cache */
	tli_gates *g = &rs->gates;
	size_t i = 2 * (r->pattern_base + k) + (common != 0);
	if (atomic_load_explicit(&g->state[i], memory_order_acquire) == 0) {
		pthread_mutex_lock(&rs->jit_lock);
		if (atomic_load_explicit(&g->state[i], memory_order_relaxed) ==
		    0) {
			tli_ac *ac = make(r, k, common, &g->span[i]);
			atomic_store_explicit(&g->ac[i], ac,
					      memory_order_release);
			atomic_store_explicit(&g->state[i], ac ? 1 : 2,
					      memory_order_release);
		}
		pthread_mutex_unlock(&rs->jit_lock);
	}
	if (atomic_load_explicit(&g->state[i], memory_order_acquire) != 1)
		return NULL;
	*span = g->span[i];
	return atomic_load_explicit(&g->ac[i], memory_order_acquire);
}

static int note_start(void *payload, uint32_t owner, size_t start)
{
	(void)owner;
	size_t *latest = payload;
	if (start + 1 > *latest)
		*latest = start + 1;
	return 0;
}

void tli_gate_begin(tli_gate_scan *gs, const tli_ac *gate, const char *text)
{
	memset(gs, 0, sizeof *gs);
	gs->gate = gate;
	gs->text = text;
}

int tli_gate_open(tli_gate_scan *gs, size_t from, size_t to)
{
	/* Every literal read so far ends at or before pos, so within any
	 * window whose `to` is past pos; one that starts at or after `from`
	 * is the one needed, and the latest start tells. */
	if (from > gs->pos) {
		/* nothing read reaches this window: start afresh at it */
		gs->pos = from;
		gs->state = 0;
		gs->latest = 0;
	}
	if (to > gs->pos) {
		tli_ac_scan_range(gs->gate, gs->text, gs->pos, to, &gs->state,
				  NULL, note_start, &gs->latest);
		gs->pos = to;
	}
	return gs->latest > from;
}

int tli_gate_pays(size_t checks, size_t shut, double search_ns, double check_ns)
{
	return checks && (double)shut / (double)checks * search_ns > check_ns;
}
