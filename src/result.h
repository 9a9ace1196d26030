/* result.h: building a tl_result (used by the scanner). */
#ifndef TL_RESULT_H
#define TL_RESULT_H

#include "internal.h"

/* Strings owned by a result live in blocks freed with it. */
typedef struct tli_block tli_block;

struct tl_result {
	const tl_document *doc;
	tl_finding *findings;
	size_t count, cap;
	char **diags;
	/* per diagnostic: the rule that gave up on the rest of the text with
	 * it (a match error), or NULL */
	const tl_rule **diag_stopped;
	size_t diag_count;
	tli_block *blocks;
	/* Set by tl_result_apply_suppressions; in blocks. */
	tl_suppression *unused;
	size_t unused_count;
	/* What the document was judged as, and its measures (docrules.c). */
	tl_kind kind;
	tl_stage stage;
	tl_kind_source kind_source;
	int has_metrics;
	tl_metrics metrics;
};

/* A new empty result for doc; NULL on out of memory. */
tl_result *tli_result_new(const tl_document *doc);

/* Copies s[0..n) into the result's storage (NUL-terminated). */
char *tli_result_strdup(tl_result *res, const char *s, size_t n);

/* Uninitialised storage for n bytes, aligned for any pointer, owned by the
 * result; NULL on out of memory. */
void *tli_result_alloc(tl_result *res, size_t n);

/* Appends a finding (its strings must already be owned by the result).
 * The position fields are filled by tli_result_finish; a NULL prose_match
 * becomes the match. */
tl_status tli_result_push(tl_result *res, const tl_finding *f);

/* Appends a diagnostic line (copied). */
tl_status tli_result_diag(tl_result *res, const char *msg);

/* The same for rule r giving up on the rest of the text. */
tl_status tli_result_stopped(tl_result *res, const tl_rule *r, const char *msg);

/* For a match [s, e) of a text read from a decoded buffer: fills f's
 * decoded_* fields and gives it a context naming the buffer and the line
 * and column in it. TL_ENOMEM. (origin.c) */
tl_status tli_origin_finding(tl_result *res, const tli_text *t, size_t s,
			     size_t e, tl_finding *f);

/* Sorts the findings into source order, drops overlapping findings of the
 * same rule (keeping the first), and computes lines and columns. */
tl_status tli_result_finish(tl_result *res, size_t rule_count);

#endif
