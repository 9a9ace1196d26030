/* pool.h: a pool of threads that works on numbered items in any order and
 * hands the results back in order. */
#ifndef TL_CLI_POOL_H
#define TL_CLI_POOL_H

#include <stddef.h>

/* Called for item i by worker `worker`, 0 .. jobs-1: worker 0 is the
 * calling thread, the others are threads of their own. */
typedef void (*cli_pool_work)(size_t i, unsigned worker, void *payload);
/* Called on the calling thread for items 0, 1, 2 ... in that order, each
 * once its work is done. Returns 0 to go on; anything else stops the run
 * after item i: no item is taken any more, and those already taken
 * (never more than the window) are worked on but not handed back, so
 * their work must have nothing to hand back (as when it finds the input
 * at its end). */
typedef int (*cli_pool_done)(size_t i, void *payload);

/*
 * Processes items 0 .. n-1 with `jobs` workers: the caller and jobs - 1
 * threads (1: no thread, all on the caller; if no thread can be started,
 * the caller does it all too), never more than `window` items ahead of
 * the one being handed back, so memory stays bounded however many items
 * there are. n may be SIZE_MAX for items that end when `done` says so.
 * Returns 0, or -1 when out of memory (then nothing ran).
 */
int cli_pool_run(size_t n, unsigned jobs, size_t window, cli_pool_work work,
		 cli_pool_done done, void *payload);

/* The number of processors online (at least 1). */
unsigned cli_pool_cores(void);

#endif
