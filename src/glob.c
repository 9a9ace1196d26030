/* glob.c: matching paths against globs; lexical path arithmetic. */
#include "glob.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

/* Splits s (modified in place) at '/' into its non-empty segments. */
static size_t split(char *s, char **seg, size_t max)
{
	size_t n = 0;
	char *p = s;
	while (*p && n < max) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		seg[n++] = p;
		while (*p && *p != '/')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* Glob segments p[pi..] against path segments s[si..]. Pairs (pi, si)
 * known not to match are remembered: with several "**", backtracking alone
 * is exponential (a configuration from another repository whose glob
 * alternates a dozen "**" and "a*" segments and ends in "zz" took seconds
 * on a deep path; longer globs would take hours). */
typedef struct glob_match {
	char **p, **s;
	size_t pn, sn;
	unsigned char *failed; /* (pn + 1) x (sn + 1) */
} glob_match;

static int match(glob_match *m, size_t pi, size_t si)
{
	if (pi == m->pn)
		return 1; /* the glob named a folder holding the path */
	unsigned char *failed = &m->failed[pi * (m->sn + 1) + si];
	if (*failed)
		return 0;
	int r = 0;
	if (strcmp(m->p[pi], "**") == 0) {
		for (size_t k = si; k <= m->sn && !r; k++)
			r = match(m, pi + 1, k);
	} else {
		r = si < m->sn && fnmatch(m->p[pi], m->s[si], 0) == 0 &&
		    match(m, pi + 1, si + 1);
	}
	if (!r)
		*failed = 1;
	return r;
}

#define MAX_SEGMENTS 256

int tli_glob_match(const char *glob, const char *path)
{
	int anywhere = strchr(glob, '/') == NULL ||
		       (strchr(glob, '/') == glob + strlen(glob) - 1);
	char *g = NULL, *s = NULL;
	char **gs = malloc(2 * MAX_SEGMENTS * sizeof *gs);
	int rc = -1;
	if (!gs)
		goto out;
	g = malloc(strlen(glob) + 4);
	s = tli_strndup(path, strlen(path));
	if (!g || !s)
		goto out;
	/* A glob without a slash (but for a trailing one) matches at any
	 * depth, as in .gitignore. */
	memcpy(g, anywhere ? "**/" : "", anywhere ? 3 : 0);
	memcpy(g + (anywhere ? 3 : 0), glob, strlen(glob) + 1);
	size_t gn = split(g, gs, MAX_SEGMENTS);
	size_t sn = split(s, gs + MAX_SEGMENTS, MAX_SEGMENTS);
	glob_match m = {gs, gs + MAX_SEGMENTS, gn, sn, NULL};
	m.failed = calloc((gn + 1) * (sn + 1), 1);
	if (!m.failed)
		goto out;
	rc = gn > 0 && match(&m, 0, 0);
	free(m.failed);
out:
	free(gs);
	free(g);
	free(s);
	return rc;
}

char *tli_path_absolute(const char *base, const char *path)
{
	tli_buf b = TLI_BUF_INIT;
	if (path[0] != '/') {
		if (base) {
			tli_buf_puts(&b, base);
		} else {
			char cwd[PATH_MAX];
			if (!getcwd(cwd, sizeof cwd))
				return NULL;
			tli_buf_puts(&b, cwd);
		}
		tli_buf_putc(&b, '/');
	}
	tli_buf_puts(&b, path);
	char *joined = tli_buf_take(&b);
	if (!joined)
		return NULL;
	/* Rebuild segment by segment; ".." drops the last kept one. */
	size_t len = strlen(joined);
	char *out = malloc(len + 2);
	if (!out) {
		free(joined);
		return NULL;
	}
	size_t o = 0;
	char *p = joined;
	while (*p) {
		while (*p == '/')
			p++;
		char *seg = p;
		while (*p && *p != '/')
			p++;
		size_t n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, seg, n);
		o += n;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	free(joined);
	return out;
}

const char *tli_path_inside(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/' ? path + 1 : NULL;
	if (strncmp(dir, path, n) != 0 || path[n] != '/')
		return NULL;
	return path + n + 1;
}
