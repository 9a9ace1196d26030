/*
 * match.c: one match attempt of a rule set's pattern, as the phrase scanner
 * and the document rules both make it: under the same limits, and through
 * the JIT for large texts.
 */
#include <stdatomic.h>

#include "internal.h"
#include "pattern.h"

/* Limits on one match attempt. Tone rules need a tiny fraction of these;
 * a pattern that needs more is backtracking out of control. */
#define MATCH_LIMIT    1000000u
#define DEPTH_LIMIT    10000u
#define HEAP_LIMIT_KIB 65536u
#define JIT_STACK_MIN  (32u * 1024)
#define JIT_STACK_MAX  (4u * 1024 * 1024)

/*
 * Texts below this size use the interpreter: compiling costs more than
 * their whole scan. Above it the interpreter is out of the question: with
 * PCRE2_MATCH_INVALID_UTF, pcre2_match() checks the subject from the start
 * offset to its end on every call (measured: 10 ms a call on 20 MB), which
 * would make a large text quadratic.
 */
#define JIT_MIN_TEXT (64u * 1024)

tl_status tli_matcher_init(tli_matcher *m)
{
	m->mctx = pcre2_match_context_create(NULL);
	m->jit = pcre2_jit_stack_create(JIT_STACK_MIN, JIT_STACK_MAX, NULL);
	if (!m->mctx || !m->jit) {
		tli_matcher_free(m);
		return TL_ENOMEM;
	}
	pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(m->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(m->mctx, HEAP_LIMIT_KIB);
	pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	return TL_OK;
}

void tli_matcher_free(tli_matcher *m)
{
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit);
	m->mctx = NULL;
	m->jit = NULL;
}

/* The JIT copy of code `g` of the rule set, compiled on first need; NULL
 * where JIT is unavailable. */
static const pcre2_code *jit_code(const tl_ruleset *rs_const, size_t g,
				  const pcre2_code *re)
{
	tl_ruleset *rs = (tl_ruleset *)rs_const; /* the lock and the cache */
	if (atomic_load_explicit(&rs->jit_state[g], memory_order_acquire) == 1)
		return atomic_load_explicit(&rs->jit[g], memory_order_acquire);
	pthread_mutex_lock(&rs->jit_lock);
	if (atomic_load_explicit(&rs->jit_state[g], memory_order_relaxed) ==
	    0) {
		pcre2_code *copy = tli_pattern_jit(re);
		atomic_store_explicit(&rs->jit[g], copy, memory_order_release);
		atomic_store_explicit(&rs->jit_state[g], copy ? 1 : 2,
				      memory_order_release);
	}
	pthread_mutex_unlock(&rs->jit_lock);
	return atomic_load_explicit(&rs->jit[g], memory_order_acquire);
}

int tli_match(const tl_ruleset *rs, size_t g, const pcre2_code *re,
	      const tli_matcher *m, pcre2_match_data *md, const char *s,
	      size_t len, size_t start, size_t limit)
{
	pcre2_set_offset_limit(m->mctx, limit);
	const pcre2_code *j = rs && rs->jit && len >= JIT_MIN_TEXT
				      ? jit_code(rs, g, re)
				      : NULL;
	if (j)
		return pcre2_jit_match(j, (PCRE2_SPTR)s, len, start, 0, md,
				       m->mctx);
	return pcre2_match(re, (PCRE2_SPTR)s, len, start, 0, md, m->mctx);
}
