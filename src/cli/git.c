/*
 * git.c: running git. Always with an argument vector through posix_spawnp,
 * never through a shell, so file names with spaces or quotes stay intact;
 * -z output so that any byte but NUL can be in a name.
 */
#include "git.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Runs git with `args` (args[0] is "git", NULL-terminated) and collects
 * its standard output. Returns 0 when git exits with 0. */
static int run_git(char *const *args, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	int fd[2];
	if (pipe(fd) != 0) {
		fprintf(stderr, "tonelint: git: %s\n", strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, args, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		fprintf(stderr, "tonelint: cannot run git: %s\n", strerror(rc));
		return -1;
	}
	size_t cap = 0;
	char *buf = NULL;
	int oom = 0;
	for (;;) {
		if (*len + 65536 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 65536 * 2;
			char *p = realloc(buf, ncap);
			if (!p) {
				oom = 1;
				break;
			}
			buf = p;
			cap = ncap;
		}
		ssize_t n = read(fd[0], buf + *len, cap - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	close(fd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (oom || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (oom)
			fputs("tonelint: out of memory reading git's output\n",
			      stderr);
		free(buf);
		*len = 0;
		return -1;
	}
	if (!buf) {
		buf = malloc(1);
		if (!buf)
			return -1;
	}
	buf[*len] = '\0';
	*out = buf;
	return 0;
}

static int push(cli_inputs *in, const char *path)
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
	/* As found in a folder: binary files are skipped. */
	in->items[in->count].path = copy;
	in->items[in->count].from_walk = 1;
	in->items[in->count].sized = 0;
	in->items[in->count].size = 0;
	in->count++;
	return 0;
}

int cli_git_changed(cli_inputs *in, int staged, const char *since,
		    char *const *paths, size_t path_count)
{
	char *base = NULL;
	size_t len;
	if (!staged) {
		char *mb[] = {"git", "merge-base", (char *)since, "HEAD", NULL};
		if (run_git(mb, &base, &len) != 0) {
			fprintf(stderr,
				"tonelint: --changed-since: no common "
				"ancestor of '%s' and HEAD\n",
				since);
			return -1;
		}
		base[strcspn(base, "\r\n")] = '\0';
	}
	size_t n = 0;
	char **args = calloc(path_count + 12, sizeof *args);
	if (!args) {
		free(base);
		return -2;
	}
	args[n++] = "git";
	args[n++] = "-c";
	args[n++] = "core.quotepath=off";
	args[n++] = "diff";
	args[n++] = "--name-only";
	args[n++] = "-z";
	args[n++] = "--no-renames";
	args[n++] = "--diff-filter=d";
	args[n++] = "--relative";
	args[n++] = staged ? "--cached" : base;
	args[n++] = "--";
	for (size_t i = 0; i < path_count; i++)
		args[n++] = paths[i];
	args[n] = NULL;
	char *out;
	int rc = run_git(args, &out, &len);
	free(args);
	free(base);
	if (rc != 0)
		return -1;
	/* Names come in git's order (sorted by path). */
	for (size_t i = 0; i < len;) {
		const char *name = out + i;
		size_t nl = strlen(name);
		if (nl && push(in, name) != 0) {
			free(out);
			return -2;
		}
		i += nl + 1;
	}
	free(out);
	return 0;
}

int cli_git_staged_blob(const char *path, char **data, size_t *len)
{
	/* ":./path" names the index entry relative to the current folder. */
	size_t n = strlen(path);
	char *spec = malloc(n + 4);
	if (!spec)
		return -1;
	memcpy(spec, ":./", 3);
	memcpy(spec + 3, path, n + 1);
	char *args[] = {"git", "cat-file", "blob", spec, NULL};
	int rc = run_git(args, data, len);
	free(spec);
	return rc;
}

static const char hook[] =
	"#!/bin/sh\n"
	"# Written by 'tonelint install-hook': lints the tone of the staged\n"
	"# files before each commit. Skip it once with 'git commit\n"
	"# --no-verify'; set TONELINT to use another tonelint binary.\n"
	"exec \"${TONELINT:-tonelint}\" --staged\n";

int cli_install_hook(int force)
{
	char *args[] = {"git", "rev-parse", "--git-path", "hooks/pre-commit",
			NULL};
	char *path;
	size_t len;
	if (run_git(args, &path, &len) != 0) {
		fputs("tonelint: install-hook: not inside a git repository\n",
		      stderr);
		return 2;
	}
	path[strcspn(path, "\r\n")] = '\0';
	/* The hooks folder may not exist (a fresh core.hooksPath). */
	char *slash = strrchr(path, '/');
	if (slash) {
		*slash = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "tonelint: install-hook: %s: %s\n",
				path, strerror(errno));
			free(path);
			return 2;
		}
		*slash = '/';
	}
	int flags = O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL);
	int fd = open(path, flags, 0755);
	if (fd < 0) {
		if (errno == EEXIST)
			fprintf(stderr,
				"tonelint: install-hook: %s already exists; "
				"use --force to replace it\n",
				path);
		else
			fprintf(stderr, "tonelint: install-hook: %s: %s\n",
				path, strerror(errno));
		free(path);
		return 2;
	}
	ssize_t w = write(fd, hook, sizeof hook - 1);
	int bad = w != (ssize_t)(sizeof hook - 1);
	/* O_TRUNC keeps an old file's mode: make sure git can run it. */
	bad |= fchmod(fd, 0755) != 0;
	bad |= close(fd) != 0;
	if (bad) {
		fprintf(stderr, "tonelint: install-hook: %s: %s\n", path,
			strerror(errno));
		free(path);
		return 2;
	}
	printf("Installed the pre-commit hook in %s\n", path);
	free(path);
	return 0;
}
