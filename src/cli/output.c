/*
 * output.c: writing the report to the file named by -o. A report that is
 * opened from disk or attached to a CI run must never be half written:
 * it goes to a temporary file in the destination's folder (the same file
 * system, so the rename is atomic) and replaces the destination only when
 * complete.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const cli_output *out, const char *what)
{
	fprintf(stderr, "tonelint: %s: error: %s: %s\n", out->name, what,
		strerror(errno));
	return -1;
}

/* The folder part of a path, with room for "/.NAME.XXXXXX" after it. */
static char *temp_template(const char *target)
{
	const char *slash = strrchr(target, '/');
	size_t dlen = slash ? (size_t)(slash - target) + 1 : 0;
	const char *base = target + dlen;
	size_t n = dlen + 1 + strlen(base) + sizeof ".XXXXXX";
	char *t = malloc(n);
	if (!t)
		return NULL;
	snprintf(t, n, "%.*s.%s.XXXXXX", (int)dlen, target, base);
	return t;
}

/* The file a path names after following symbolic links (malloc'd), or
 * NULL with errno set. realpath is not POSIX.1 without XSI. */
static char *resolve(const char *path)
{
	char *cur = strdup(path);
	for (int hops = 0; cur && hops < 40; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		char buf[PATH_MAX];
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		if (n < 0) {
			free(cur);
			return NULL;
		}
		buf[n] = '\0';
		/* A relative link is relative to the link's folder. */
		const char *slash = strrchr(cur, '/');
		size_t dlen =
			buf[0] != '/' && slash ? (size_t)(slash - cur) + 1 : 0;
		char *next = malloc(dlen + (size_t)n + 1);
		if (next) {
			memcpy(next, cur, dlen);
			memcpy(next + dlen, buf, (size_t)n + 1);
		}
		free(cur);
		cur = next;
	}
	if (cur) {
		free(cur);
		errno = ELOOP;
	}
	return NULL;
}

int cli_output_open(cli_output *out, const char *path)
{
	memset(out, 0, sizeof *out);
	out->name = path;
	if (!path || strcmp(path, "-") == 0) {
		out->name = "<stdout>";
		out->stream = stdout;
		return 0;
	}
	struct stat st;
	int exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* /dev/stdout, a pipe: nothing to replace. */
		out->stream = fopen(path, "w");
		return out->stream ? 0 : fail(out, "cannot write the report");
	}
	/* Through a symbolic link, the file it points to is replaced. */
	out->target = resolve(path);
	if (!out->target)
		return fail(out, "cannot write the report");
	out->tmp = temp_template(out->target);
	if (!out->tmp) {
		free(out->target);
		out->target = NULL;
		return fail(out, "cannot write the report");
	}
	int fd = mkstemp(out->tmp);
	if (fd < 0) {
		int e = errno;
		free(out->tmp);
		free(out->target);
		out->tmp = out->target = NULL;
		errno = e;
		return fail(out, "cannot write the report");
	}
	/* mkstemp makes the file private; a report keeps the mode of the one
	 * it replaces, or gets the usual one. */
	mode_t mode;
	if (exists) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (fchmod(fd, mode) != 0 || !(out->stream = fdopen(fd, "w"))) {
		int e = errno;
		close(fd);
		unlink(out->tmp);
		free(out->tmp);
		free(out->target);
		out->tmp = out->target = NULL;
		errno = e;
		return fail(out, "cannot write the report");
	}
	return 0;
}

int cli_output_close(cli_output *out, int ok)
{
	int rc = 0;
	if (!out->stream)
		return 0;
	if (out->stream == stdout) {
		out->stream = NULL;
		return 0;
	}
	if (!out->tmp) {
		if (fclose(out->stream) != 0 && ok)
			rc = fail(out, "cannot write the report");
		out->stream = NULL;
		return rc;
	}
	if (ok && (fflush(out->stream) != 0 || ferror(out->stream) ||
		   fsync(fileno(out->stream)) != 0))
		rc = fail(out, "cannot write the report");
	if (fclose(out->stream) != 0 && ok && rc == 0)
		rc = fail(out, "cannot write the report");
	out->stream = NULL;
	if (ok && rc == 0 && rename(out->tmp, out->target) != 0)
		rc = fail(out, "cannot replace the report");
	if (!ok || rc != 0)
		unlink(out->tmp);
	free(out->tmp);
	free(out->target);
	out->tmp = out->target = NULL;
	return rc;
}
