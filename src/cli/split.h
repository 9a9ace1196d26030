/* split.h: one large file's pieces (tl_pieces) scanned on several workers
 * and handed back in order. */
#ifndef TL_CLI_SPLIT_H
#define TL_CLI_SPLIT_H

#include <tonelint.h>

/* The scanner worker `worker` (0: the calling thread) scans with; NULL when
 * out of memory. Each worker's is its own. */
typedef tl_scanner *(*cli_split_scanner)(unsigned worker, void *payload);

/* Called on the calling thread with each piece's result, in file order
 * (`res` is freed after the call). Set *stop to read no further pieces,
 * quietly; an error stops them too and is what cli_split_run returns. */
typedef tl_status (*cli_split_report)(tl_result *res, int *stop, void *payload);

/*
 * Reads the pieces of p in order, scans them on `jobs` workers (the caller
 * and jobs - 1 threads) as documents of `kind` and `stage`, and finishes
 * and reports them in order: what tl_pieces_next would give one by one,
 * with at most 2 * jobs pieces held at once. Returns TL_OK when every piece
 * was reported or `report` stopped; otherwise the first error (reading,
 * scanning, finishing or reporting), with a reason in why (empty: none
 * but the status), after reporting the pieces before it.
 */
tl_status cli_split_run(tl_pieces *p, unsigned jobs, tl_kind kind,
			tl_stage stage, cli_split_scanner scanner,
			cli_split_report report, void *payload, char *why,
			size_t why_size);

#endif
