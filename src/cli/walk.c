#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Deeper trees than this are almost certainly a loop of bind mounts. */
#define MAX_DEPTH 64

/* Adds path; `sb`, when known, is its status (a regular file's size is
 * kept). */
static int push(cli_inputs *in, const char *path, int from_walk,
		const struct stat *sb)
{
	if (in->count == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 32;
		cli_input *p = realloc(in->items, cap * sizeof *p);
		if (!p)
			return -1;
		in->items = p;
		in->cap = cap;
	}
	char *copy = strdup(path);
	if (!copy)
		return -1;
	in->items[in->count].path = copy;
	in->items[in->count].from_walk = from_walk;
	in->items[in->count].sized = sb && S_ISREG(sb->st_mode);
	in->items[in->count].size =
		in->items[in->count].sized ? (uintmax_t)sb->st_size : 0;
	in->count++;
	return 0;
}

static int skip_name(const char *name)
{
	return name[0] == '.' || strcmp(name, "CVS") == 0 ||
	       strcmp(name, "_darcs") == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(cli_inputs *in, const char *dir, int depth)
{
	if (depth > MAX_DEPTH) {
		fprintf(stderr,
			"tonelint: %s: error: folders nested too deeply; "
			"skipped\n",
			dir);
		in->errors++;
		return 0;
	}
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "tonelint: %s: error: %s\n", dir,
			strerror(errno));
		in->errors++;
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (skip_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **p = realloc(names, cap * sizeof *p);
			if (!p) {
				rc = -1;
				break;
			}
			names = p;
		}
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		if (!(names[n] = malloc(len))) {
			rc = -1;
			break;
		}
		int slash = dir[strlen(dir) - 1] != '/';
		snprintf(names[n], len, "%s%s%s", dir, slash ? "/" : "",
			 e->d_name);
		n++;
	}
	closedir(d);
	if (rc == 0 && n > 1)
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat st;
		if (lstat(names[i], &st) != 0) {
			fprintf(stderr, "tonelint: %s: error: %s\n", names[i],
				strerror(errno));
			in->errors++;
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk_dir(in, names[i], depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			rc = push(in, names[i], 1, &st);
		}
		/* symbolic links, FIFOs and devices met in a walk are not
		 * followed: only files named on the command line are. */
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int cli_walk(cli_inputs *in, const char *path)
{
	struct stat st;
	int known = strcmp(path, "-") != 0 && stat(path, &st) == 0;
	if (known && S_ISDIR(st.st_mode))
		return walk_dir(in, path, 0);
	/* Anything else, missing files included, is reported when read. */
	return push(in, path, 0, known ? &st : NULL);
}

void cli_inputs_free(cli_inputs *in)
{
	for (size_t i = 0; i < in->count; i++)
		free(in->items[i].path);
	free(in->items);
	memset(in, 0, sizeof *in);
}
