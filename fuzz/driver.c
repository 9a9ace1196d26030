/*
 * driver.c: runs a fuzz target without libFuzzer, over files and folders
 * named on the command line (each file one input; folders one level deep).
 * ctest runs every target over its corpus this way, so each seed and each
 * saved crash is a regression test in the normal build.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	size_t cap = 4096, n = 0;
	unsigned char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			fclose(f);
			fputs("out of memory\n", stderr);
			return 1;
		}
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		unsigned char *p = realloc(buf, cap * 2);
		if (!p)
			free(buf);
		buf = p;
		cap *= 2;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		perror(path);
		free(buf);
		return 1;
	}
	/* An exact-size copy, so that ASan sees a read past the end. */
	unsigned char *exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return 1;
	}
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char **p = realloc(names, (n + 1) * sizeof *p);
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		if (!p || !(p[n] = malloc(len))) {
			names = p ? p : names;
			rc = 1;
			break;
		}
		names = p;
		snprintf(names[n], len, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (!rc && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			rc |= run_file(names[i]);
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			rc |= run_dir(argv[i], &count);
		} else {
			rc |= run_file(argv[i]);
			count++;
		}
	}
	printf("%zu input%s run\n", count, count == 1 ? "" : "s");
	return rc;
}
