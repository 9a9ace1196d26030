/* glob.h: path globs as in .gitignore and .editorconfig. */
#ifndef TL_GLOB_H
#define TL_GLOB_H

/*
 * Does `path` (relative, '/'-separated, no "." or ".." segments) match
 * `glob`? Segments are matched with fnmatch (*, ?, [...]); a "**" segment
 * matches any number of segments; a glob without '/' matches at any depth;
 * a glob that matches a folder matches everything inside it. Returns 1, 0,
 * or -1 on out of memory.
 */
int tli_glob_match(const char *glob, const char *path);

/*
 * Joins `base` and `path` and removes "." and ".." segments lexically (no
 * file system access, so names that do not exist work too); a relative
 * `path` is taken from `base` (NULL: the current directory). Returns a
 * malloc'd absolute path, or NULL on failure.
 */
char *tli_path_absolute(const char *base, const char *path);

/* If `path` lies inside folder `dir` (both absolute and normalised),
 * returns the part after "dir/", else NULL. Borrowed from `path`. */
const char *tli_path_inside(const char *dir, const char *path);

#endif
