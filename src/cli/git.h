/* git.h: what the command asks of git, run as a program (no library). */
#ifndef TL_CLI_GIT_H
#define TL_CLI_GIT_H

#include <stddef.h>

#include "walk.h"

/*
 * Adds to `in` the files git reports as changed, under the current folder
 * and limited to `paths` (pathspecs, may be empty): staged in the index when
 * `staged`, else changed since the merge base of `since` and HEAD (working
 * tree included). Deleted files are left out. Git's own messages go to
 * stderr. Returns 0, -1 when git fails (reported), -2 on out of memory.
 */
int cli_git_changed(cli_inputs *in, int staged, const char *since,
		    char *const *paths, size_t path_count);

/* Reads the staged content of `path` (relative to the current folder).
 * Returns 0 with a malloc'd *data, or -1 (reported on stderr). */
int cli_git_staged_blob(const char *path, char **data, size_t *len);

/*
 * Writes a pre-commit hook that runs `tonelint --staged` into the current
 * repository's hooks folder (core.hooksPath respected), refusing to replace
 * an existing hook unless `force`. Returns an exit status, having said what
 * it did.
 */
int cli_install_hook(int force);

#endif
