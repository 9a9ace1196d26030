/* d_type and its DT_ values */
#define _DEFAULT_SOURCE
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* A folder's entry: its path, and its type as the folder gave it
 * (DT_UNKNOWN where the file system does not say). */
typedef struct entry {
	char *path;
	unsigned char type;
} entry;

static int cmp_entries(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
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
	entry *names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *e;
	/* where each entry's own name starts in its path */
	int slash = dir[strlen(dir) - 1] != '/';
	size_t base = strlen(dir) + (size_t)slash;
	while ((e = readdir(d)) != NULL) {
		if (skip_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			entry *p = realloc(names, cap * sizeof *p);
			if (!p) {
				rc = -1;
				break;
			}
			names = p;
		}
		size_t len = base + strlen(e->d_name) + 1;
		if (!(names[n].path = malloc(len))) {
			rc = -1;
			break;
		}
		snprintf(names[n].path, len, "%s%s%s", dir, slash ? "/" : "",
			 e->d_name);
		names[n].type = e->d_type;
		n++;
	}
	if (rc == 0 && n > 1)
		qsort(names, n, sizeof *names, cmp_entries);
	/*
	 * A file of the folder's own type is taken as it is; only entries of
	 * an unknown type are looked up, in the open folder. With thousands
	 * of files, an lstat of each path was a tenth of the work, and all
	 * of it before the first file was read. (Walked files are regular
	 * when the folder is read; one replaced since is found when read.)
	 */
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat st;
		unsigned char type = names[i].type;
		if (type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), names[i].path + base, &st,
				    AT_SYMLINK_NOFOLLOW) != 0) {
				fprintf(stderr, "tonelint: %s: error: %s\n",
					names[i].path, strerror(errno));
				in->errors++;
				continue;
			}
			type = S_ISDIR(st.st_mode)   ? DT_DIR
			       : S_ISREG(st.st_mode) ? DT_REG
						     : DT_LNK;
		}
		if (type == DT_DIR)
			rc = walk_dir(in, names[i].path, depth + 1);
		else if (type == DT_REG)
			rc = push(in, names[i].path, 1,
				  names[i].type == DT_UNKNOWN ? &st : NULL);
		/* symbolic links, FIFOs and devices met in a walk are not
		 * followed: only files named on the command line are. */
	}
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i].path);
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
