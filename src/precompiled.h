/*
 * precompiled.h: the built-in packs' patterns as the build worked them
 * out: each one's compiled code (in PCRE2's serialised form) and its
 * literal set (litextract.h). Loading the built-in rules then costs neither
 * pcre2_compile nor the literal analysis, which were two thirds of
 * tonelint's start-up. Any other pattern (a pack of the user's) misses the
 * table and is compiled and analysed as it is read.
 *
 * The table is generated at build time by src/gen/precompile.c into
 * precompiled_rules.c, sorted by source and case flag.
 */
#ifndef TL_PRECOMPILED_H
#define TL_PRECOMPILED_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"
#include "litextract.h"
#include "prefilter.h"

/*
 * One pattern. The entries hold offsets and indices, no pointers: a
 * pointer in static data is relocated at every start, which writes (and
 * so copies) each page holding one.
 */
typedef struct tli_precomp_entry {
	uint32_t src, src_len;	 /* the source text, in tli_precomp_bytes */
	uint32_t code, code_len; /* pcre2_serialize_encode of one code,
				    there too (8-byte aligned) */
	uint32_t lits, nlits;	 /* in tli_precomp_lits and _lens */
	uint32_t caps, ncaps;	 /* TLI_UPPER_CAPS: the capital words */
	uint32_t captures;	 /* PCRE2_INFO_CAPTURECOUNT */
	unsigned min_run;	 /* TLI_UPPER_CAPS: the run */
	unsigned char caseless;
	unsigned char has_literals; /* 0: the analysis found neither
				       literals nor a capital shape */
	unsigned char upper;	    /* a capital shape instead of literals
				       (TLI_UPPER_*) */
	tli_bound offset;
	/* tli_gate_literals: the second set, in tli_precomp_lits, and the
	 * span (has_gate 0: none) */
	uint32_t glits, nglits;
	unsigned char has_gate;
	tli_bound gspan;
	/* the same with common words too (TLI_GATE_MAX_COST), which a scan
	 * asks for when a pattern's searches are slow */
	uint32_t cglits, ncglits;
	unsigned char has_cgate;
	tli_bound cgspan;
	/* tli_literals.word_start of the literals, the gate and the gate of
	 * common words */
	unsigned char word_start, gword_start, cgword_start;
	/* tli_literals_cost of the literals and of the gate (0: none),
	 * counted once at build time: a rule set weighs a gate against the
	 * pattern's literals (ruleset.c) */
	uint32_t cost, gcost;
} tli_precomp_entry;

extern const tli_precomp_entry tli_precomp_table[];
extern const size_t tli_precomp_count;
extern const unsigned char tli_precomp_bytes[];
/* The literal strings, each NUL-terminated, one after the other, and
 * where each starts: an array of 9,280 pointers was relocated at every
 * start (245 KB of relocations read, 18 pages written), and a small lint
 * took 0.88 to 0.90 of the time without it. */
extern const char tli_precomp_lit_text[];
extern const uint32_t tli_precomp_lit_at[];
extern const size_t tli_precomp_lens[];

/* An entry's source text. */
static inline const char *tli_precomp_src(const tli_precomp_entry *e)
{
	return (const char *)tli_precomp_bytes + e->src;
}

/* The table's order: length, then bytes, then the case flag (<0, 0, >0). */
int tli_precomp_order(const char *a, size_t alen, int acase, const char *b,
		      size_t blen, int bcase);

/* tli_gate_literals(src, len, caseless, first, max_cost, out, span) from
 * entry e of the table (its pattern src), for the first set the table
 * holds and a max_cost of TLI_AC_GATE_COST, or with `common`
 * TLI_GATE_MAX_COST: 1 (out borrows the table's strings; free it with
 * tli_literals_free), 0, -1 when out of memory, or -2 when e is NULL (the
 * table does not hold the pattern). */
int tli_precomp_entry_gate(const tli_precomp_entry *e, int common,
			   tli_literals *out, tli_bound *span);

/* The table's entry for src[0..len) compiled with TLI_PCRE2_FLAGS (and
 * PCRE2_CASELESS when `caseless`), pointing into the table (static); NULL
 * when the table does not hold it, or when this PCRE2 cannot read the
 * serialised form (another version): compile it then. */
const tli_precomp_entry *tli_precomp_find(const char *src, size_t len,
					  int caseless);

/* The table's entry for src[0..len) whether or not this PCRE2 can read its
 * code (its literals and gates hold all the same); NULL when the table does
 * not hold it. */
const tli_precomp_entry *tli_precomp_entry_of(const char *src, size_t len,
					      int caseless);

/* The code of an entry tli_precomp_find returned, owned by the caller
 * (pcre2_code_free); NULL when out of memory. */
pcre2_code *tli_precomp_decode(const tli_precomp_entry *e);

/* Both at once: the code of src[0..len), or NULL as tli_precomp_find. */
pcre2_code *tli_precomp_code(const char *src, size_t len, int caseless);

/* tli_extract_literals(src, len, caseless, TLI_MAX_LITERAL_COST, out) from
 * entry e of the table (its pattern src): 1 (out filled, free it with
 * tli_literals_free) or 0 as that function would return, -1 when out of
 * memory, -2 when e is NULL (the table does not hold the pattern). */
int tli_precomp_entry_literals(const tli_precomp_entry *e, tli_literals *out);

/* Build time only: when set, called for each pattern the table misses (the
 * generator records the built-in packs' patterns this way). */
extern void (*tli_precomp_miss)(const char *src, size_t len, int caseless);
/* Set by tl_precompile: a rule set being frozen analyses the gates of the
 * patterns the table does not hold, so that the automaton it writes has
 * their literals; otherwise only the table's gates go into the automaton
 * (a pack of the user's gets its gates when a scan first needs them). */
extern int tli_precomp_analyse_gates;

/* The built-in rules' automata (prefilter.h), used when a rule set's
 * literals are exactly theirs: that of the phrase rules' patterns and
 * gates, and that of the document rules' patterns; nstates 0 in the
 * generator itself. */
extern const tli_ac_image tli_precomp_ac, tli_precomp_doc_ac;

/* Build time only: when set, called with each automaton a rule set builds,
 * the name of the image it stands for, and the literals it was built
 * from. */
extern void (*tli_precomp_ac_built)(const char *name, const tli_ac *ac,
				    const tli_ac_literal *lits, size_t n);

#endif
