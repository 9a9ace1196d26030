/*
 * match.c: one match attempt of a rule set's pattern, as the phrase scanner
 * and the document rules both make it: under the same limits, and through
 * the JIT for large texts.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "pattern.h"
#include "precompiled.h"

/* Limits on one match attempt. Tone rules need a tiny fraction of these;
 * a pattern that needs more is backtracking out of control. The depth is
 * the exception: a repeated group keeps a frame for each time round, so a
 * long run of what it repeats goes deep without backtracking much.
 * shouting.all-caps takes six a word in capitals (measured for 500 to
 * 20,000 words), so it stopped with a warning at 10,000 (a line of about
 * 1,700 capital words); 200,000 takes a line as long as a text the
 * interpreter searches (64 KiB, some 11,000 words: 66,000), in under
 * 20 MB, within the heap limit. Longer texts go through the JIT, whose
 * stack (JIT_STACK_MAX) holds more. */
#define MATCH_LIMIT    1000000u
#define DEPTH_LIMIT    200000u
#define HEAP_LIMIT_KIB 65536u
#define JIT_STACK_MIN  (32u * 1024)
#define JIT_STACK_MAX  (4u * 1024 * 1024)

/*
 * Texts below TLI_JIT_MIN_TEXT (internal.h) use the interpreter: compiling
 * costs more than their whole scan.
 *
 * Neither runs PCRE2's own UTF-8 check. With PCRE2_MATCH_INVALID_UTF,
 * pcre2_match() checks the subject from the start offset to its end on
 * every call, whatever the options say (measured: 10 ms a call on 20 MB,
 * and 28 us a call on 64 KiB, 90 times the match itself): a text with
 * many candidates became quadratic. So patterns are compiled without it;
 * a text is checked once (tli_text_utf8) and, when valid, matched with
 * PCRE2_NO_UTF_CHECK or the JIT (which never checks). Only a text that
 * is not valid UTF-8 needs the flag, and gets a copy of the pattern
 * compiled with it.
 */
/* A search with no offset limit (a document rule, a pattern without
 * literals) reads on through the text: JIT compiling (0.1 to 0.6 ms a
 * pattern) repays itself on much less. Measured in instructions with the
 * built-in rules: at 1.2 KB the interpreter is cheaper (36 M against
 * 41 M), at 5 KB the JIT (40 M against 46 M), at 60 KB 171 M against
 * 280 M. */
#define JIT_MIN_SEARCH (4u * 1024)
/* A pattern searched this many times in small padded texts (the messages
 * of a mailbox, the files of a folder) is compiled for the JIT after all,
 * and from then on every such search uses that copy: compiling costs a
 * few hundred microseconds, and each search through the interpreter a
 * few microseconds more. A few small files never get there. */
#define JIT_AFTER_SEARCHES 128u

const char *tli_pad_copy(tli_pad *p, const char *s, size_t len)
{
	if (len >= TLI_JIT_MIN_TEXT)
		return NULL;
	if (len + TLI_MATCH_PAD > p->cap) {
		char *b = realloc(p->buf, len + TLI_MATCH_PAD);
		if (!b)
			return NULL;
		p->buf = b;
		p->cap = len + TLI_MATCH_PAD;
	}
	if (len)
		memcpy(p->buf, s, len);
	memset(p->buf + len, 0, TLI_MATCH_PAD);
	return p->buf;
}

void tli_pad_free(tli_pad *p)
{
	free(p->buf);
	p->buf = NULL;
	p->cap = 0;
}

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

/* Copy `kind` (TLI_CODE_*) of code slot g, whose interpreter form is `re`;
 * NULL when it cannot be made. */
static pcre2_code *make_code(const tl_ruleset *rs, int kind, size_t g,
			     const pcre2_code *re)
{
	if (kind == TLI_CODE_DECODED)
		return tli_precomp_decode(rs->slot_pre[g]);
	if (kind != TLI_CODE_INVALID)
		return tli_pattern_jit(re);
	const char *src = rs->slot_src[g];
	uint32_t opts = 0;
	if (!src || pcre2_pattern_info(re, PCRE2_INFO_ARGOPTIONS, &opts))
		return NULL;
	int code;
	PCRE2_SIZE off;
	return pcre2_compile((PCRE2_SPTR)src, strlen(src),
			     opts | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
}

/* Copy `kind` of code slot g, made on first need and kept in the set for
 * every thread; NULL where it cannot be made (no JIT on this machine). */
static const pcre2_code *lazy_code(const tl_ruleset *rs_const, int kind,
				   size_t g, const pcre2_code *re)
{
	tl_ruleset *rs = (tl_ruleset *)rs_const; /* the lock and the cache */
	tli_lazy_codes *lc = &rs->lazy[kind];
	if (atomic_load_explicit(&lc->state[g], memory_order_acquire) == 1)
		return atomic_load_explicit(&lc->code[g], memory_order_acquire);
	pthread_mutex_lock(&rs->jit_lock);
	if (atomic_load_explicit(&lc->state[g], memory_order_relaxed) == 0) {
		pcre2_code *copy = make_code(rs, kind, g, re);
		atomic_store_explicit(&lc->code[g], copy, memory_order_release);
		atomic_store_explicit(&lc->state[g], copy ? 1 : 2,
				      memory_order_release);
	}
	pthread_mutex_unlock(&rs->jit_lock);
	return atomic_load_explicit(&lc->code[g], memory_order_acquire);
}

/* Copy `kind` (a JIT one) of code slot g for a search that would use it
 * (`large`), or for one of a small padded text: then only if the copy is
 * made already, or its slot has been searched JIT_AFTER_SEARCHES times
 * without it (a count a race may lose a few of: it only decides when).
 * NULL: the interpreter. */
static const pcre2_code *jit_code(const tl_ruleset *rs_const, int kind,
				  size_t g, const pcre2_code *re, int large,
				  int padded)
{
	tl_ruleset *rs = (tl_ruleset *)rs_const; /* the counts */
	tli_lazy_codes *lc = &rs->lazy[kind];
	if (!large) {
		if (!padded)
			return NULL;
		if (atomic_load_explicit(&lc->state[g], memory_order_acquire) !=
		    1) {
			unsigned n = atomic_load_explicit(&lc->wanted[g],
							  memory_order_relaxed);
			if (n < JIT_AFTER_SEARCHES) {
				atomic_store_explicit(&lc->wanted[g], n + 1,
						      memory_order_relaxed);
				return NULL;
			}
		}
	}
	return lazy_code(rs, kind, g, re);
}

int tli_match(const tl_ruleset *rs, size_t g, const pcre2_code *re,
	      const tli_matcher *m, pcre2_match_data *md, const char *s,
	      size_t len, int valid, int padded, size_t start, size_t limit)
{
	/* a built-in code, decoded on first need (rules_load.c) */
	if (!re && !(re = lazy_code(rs, TLI_CODE_DECODED, g, NULL)))
		return PCRE2_ERROR_NOMEMORY;
	pcre2_set_offset_limit(m->mctx, limit);
	int large = len >= TLI_JIT_MIN_TEXT ||
		    (limit == PCRE2_UNSET && start < len &&
		     len - start >= JIT_MIN_SEARCH);
	if (valid) {
		/* unchecked matching must start on a character, where the
		 * search would have moved on to anyway */
		while (start < len && ((unsigned char)s[start] & 0xC0) == 0x80)
			start++;
		const pcre2_code *j =
			jit_code(rs, TLI_CODE_JIT, g, re, large, padded);
		if (j)
			return pcre2_jit_match(j, (PCRE2_SPTR)s, len, start, 0,
					       md, m->mctx);
		return pcre2_match(re, (PCRE2_SPTR)s, len, start,
				   PCRE2_NO_UTF_CHECK, md, m->mctx);
	}
	const pcre2_code *inv = lazy_code(rs, TLI_CODE_INVALID, g, re);
	if (!inv)
		return PCRE2_ERROR_NOMEMORY;
	const pcre2_code *j =
		jit_code(rs, TLI_CODE_INVALID_JIT, g, inv, large, padded);
	if (j)
		return pcre2_jit_match(j, (PCRE2_SPTR)s, len, start, 0, md,
				       m->mctx);
	return pcre2_match(inv, (PCRE2_SPTR)s, len, start, 0, md, m->mctx);
}
