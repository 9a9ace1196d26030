/*
 * gate.h: a second literal set that must be near a candidate before a
 * costly pattern searches there. The prefilter runs a pattern where one of
 * its literals is; a pattern such as threat.if-not-paid also needs "we
 * will" (or the like) within its length of that place, and where none is,
 * the search would fail: it is skipped. Findings stay the same; only
 * searches that cannot match are saved.
 */
#ifndef TL_GATE_H
#define TL_GATE_H

#include "internal.h"
#include "prefilter.h"

/* tli_gates (internal.h): the gates of a rule set's patterns. */

/* Room for `count` patterns' gates: TL_OK or TL_ENOMEM. */
tl_status tli_gates_init(tli_gates *g, size_t count);
void tli_gates_free(tli_gates *g);

/*
 * The gate of pattern k of rule r in rs (made on the first call, by any
 * thread, under rs->jit_lock): its automaton, owned by rs, and in *span the
 * bound on a match's length; NULL when the pattern has none. A gate of
 * rare words (TLI_AC_GATE_COST), or with `common`, of common words too
 * (TLI_GATE_MAX_COST): worth it only for a pattern whose searches are
 * slow (scanner.c). The built-in rules' gates of rare words are in the
 * build's table (and their automaton); the others are worked out here.
 */
const tli_ac *tli_gate(const tl_ruleset *rs, const tl_rule *r, size_t k,
		       int common, tli_bound *span);

/*
 * A gate read along one text: each byte once, however much the windows of
 * the candidates overlap. Start it with tli_gate_begin; then ask for
 * windows [from, to) whose `from` and `to` never go back.
 */
typedef struct tli_gate_scan {
	const tli_ac *gate;
	const char *text;
	uint32_t state;
	size_t pos;    /* read up to here */
	size_t latest; /* the latest start of a literal read, + 1; 0: none */
} tli_gate_scan;

void tli_gate_begin(tli_gate_scan *gs, const tli_ac *gate, const char *text);

/* Does a gate save more than it costs? Of `checks` made, `shut` kept a
 * search away, each search taking `search_ns` on average and each check
 * `check_ns`. */
int tli_gate_pays(size_t checks, size_t shut, double search_ns,
		  double check_ns);

/* Does text[from..to) hold a literal of the gate? */
int tli_gate_open(tli_gate_scan *gs, size_t from, size_t to);

#endif
