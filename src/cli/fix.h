/*
 * fix.h: --fix and --diff. Each file's fixes are applied on the reporting
 * thread, in input order, after its result has been filtered (configuration,
 * baseline) as the report would show it; the fixed text is linted again
 * until no fix applies, and what remains is what gets reported.
 */
#ifndef TL_CLI_FIX_H
#define TL_CLI_FIX_H

#include "opts.h"

typedef struct cli_fixer cli_fixer;

/* Filters a result of the fixed text as the first one was (configuration,
 * baseline). */
typedef tl_status (*cli_refilter)(tl_result *res, void *payload);

/* State for one run. `threaded`: workers use the rule sets' scanners at
 * the same time, so the fixer makes its own. NULL on out of memory. */
cli_fixer *cli_fixer_new(const opts *o, int threaded);

/*
 * Checks that every --fix-only name is the id or category of some rule in
 * one of the rule sets; reports the first that is not and returns -1.
 */
int cli_fixer_check_names(const opts *o, tl_ruleset *const *sets, size_t n);

/*
 * Fixes one input (`path` as given, `name` as reported), linted as *doc
 * and *res with rule set `rs` (engine `engine`, scanner `shared` where not
 * threaded). --diff prints the diff on stdout; --fix writes the file and
 * replaces *doc and *res with the fixed text's, so the report shows what
 * remains. Notes on fixes that were not applied go to stderr. Returns 0, or
 * -1 after reporting a failure (then the file and *doc, *res are as they
 * were).
 */
int cli_fixer_run(cli_fixer *fx, const char *path, const char *name,
		  size_t engine, tl_ruleset *rs, tl_scanner *shared,
		  cli_refilter refilter, void *payload, tl_document **doc,
		  tl_result **res);

/* Prints the run's summary on stderr. Returns 1 if any file was (or, for
 * --diff, would be) changed. */
int cli_fixer_summary(const cli_fixer *fx);

void cli_fixer_free(cli_fixer *fx);

#endif
