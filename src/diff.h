/* diff.h: unified diffs of a source and its fixed version. */
#ifndef TL_DIFF_H
#define TL_DIFF_H

#include <stdio.h>

#include "tonelint.h"

/* A change: bytes [os, oe) of the old text are bytes [ns, ne) of the new
 * one; between changes the two are the same. */
typedef struct tli_change {
	size_t os, oe, ns, ne;
} tli_change;

/*
 * Writes the unified diff from old to cur to `stream`, headed "--- name"
 * and "+++ name", with `context` unchanged lines around each change. The
 * changes (sorted, apart) say where the texts differ, so no search for a
 * longest common subsequence is needed: each run of lines they touch is
 * one "-" block and one "+" block. Nothing is written for no changes.
 * TL_EIO on a write error, TL_ENOMEM.
 */
tl_status tli_diff_write(FILE *stream, const char *name, const char *old,
			 size_t old_len, const char *cur, size_t cur_len,
			 const tli_change *ch, size_t n, unsigned context);

#endif
