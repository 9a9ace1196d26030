/*
 * filewrite.c: replacing a file without ever leaving it half written: a
 * temporary file next to it, flushed to disk, renamed over it. A rename
 * within one folder is atomic, so a reader (or a crash) sees the old file
 * or the new one, never a mixture.
 */
/* realpath() is an X/Open function: the project-wide _POSIX_C_SOURCE alone
 * leaves it undeclared. */
#define _XOPEN_SOURCE 700

#include "filewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

/* Is the file at `target` (stat `sb`) still the one `doc` was read from,
 * holding the same bytes? */
static int unchanged(const char *target, const struct stat *sb,
		     const tl_document *doc)
{
	if (doc->has_file_id &&
	    ((uint64_t)sb->st_dev != doc->file_dev ||
	     (uint64_t)sb->st_ino != doc->file_ino ||
	     (uint64_t)sb->st_size != doc->file_size ||
	     (int64_t)sb->st_mtim.tv_sec != doc->file_mtime_sec ||
	     (int64_t)sb->st_mtim.tv_nsec != doc->file_mtime_nsec))
		return 0;
	if ((uint64_t)sb->st_size != (uint64_t)doc->src_len)
		return 0;
	int fd = open(target, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char buf[65536];
	size_t at = 0;
	int same = 1;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			same = 0;
			break;
		}
		if (r == 0)
			break;
		if ((size_t)r > doc->src_len - at ||
		    memcmp(doc->src + at, buf, (size_t)r) != 0) {
			same = 0;
			break;
		}
		at += (size_t)r;
	}
	close(fd);
	return same && at == doc->src_len;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) { /* no progress: treat as a full device */
			errno = ENOSPC;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

#define CHANGED "changed while it was being linted; not overwritten"

tl_status tli_replace_file(const char *path, const char *data, size_t len,
			   const tl_document *expect, char *errbuf,
			   size_t errbuf_size)
{
	char *target = realpath(path, NULL), *tmp = NULL;
	int fd = -1;
	tl_status st = TL_EIO;
	struct stat sb;
	if (!target) {
		int e = errno;
		tli_say(errbuf, errbuf_size, "%s", strerror(e));
		return e == ENOENT || e == ENOTDIR ? TL_ENOTFOUND : TL_EIO;
	}
	if (stat(target, &sb) != 0) {
		int e = errno;
		tli_say(errbuf, errbuf_size, "%s", strerror(e));
		st = e == ENOENT ? TL_ENOTFOUND : TL_EIO;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		tli_say(errbuf, errbuf_size, "not a regular file; not fixed");
		goto out;
	}
	/* A rename gives the path a new file: the other names of a hard
	 * link would keep the old text. */
	if (sb.st_nlink > 1) {
		tli_say(errbuf, errbuf_size,
			"has %lu hard links, which replacing it would "
			"separate; "
			"not fixed",
			(unsigned long)sb.st_nlink);
		goto out;
	}
	/* The rename only needs the folder to be writable; a file marked
	 * read-only is respected all the same, even by root. */
	if ((sb.st_mode & 0222) == 0) {
		tli_say(errbuf, errbuf_size, "is read-only; not fixed");
		goto out;
	}
	if (access(target, W_OK) != 0) {
		tli_say(errbuf, errbuf_size,
			"cannot be written (%s); not fixed", strerror(errno));
		goto out;
	}
	if (expect && !unchanged(target, &sb, expect)) {
		tli_say(errbuf, errbuf_size, CHANGED);
		st = TL_ECHANGED;
		goto out;
	}
	const char *slash = strrchr(target, '/');
	size_t dlen = (size_t)(slash - target); /* realpath: absolute */
	tli_buf b = TLI_BUF_INIT;
	tli_buf_append(&b, target, dlen);
	tli_buf_printf(&b, "/.%s.tonelint-XXXXXX", slash + 1);
	if (!(tmp = tli_buf_take(&b))) {
		st = TL_ENOMEM;
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		tli_say(errbuf, errbuf_size,
			"cannot create a temporary file in %.*s (%s); not "
			"fixed",
			(int)(dlen ? dlen : 1), dlen ? target : "/",
			strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	/* Owner first: changing it clears set-user-ID bits that fchmod then
	 * restores. Only root may give a file away; others keep their own. */
	if (fchown(fd, sb.st_uid, sb.st_gid) != 0) {
		/* not an error: the new file is the caller's */
	}
	if (fchmod(fd, sb.st_mode & 07777) != 0) {
		tli_say(errbuf, errbuf_size,
			"cannot set the permissions of the new file (%s); the "
			"file is unchanged",
			strerror(errno));
		goto out;
	}
	if (write_all(fd, data, len) != 0) {
		tli_say(errbuf, errbuf_size,
			"cannot write the fixed text (%s); the file is "
			"unchanged",
			strerror(errno));
		goto out;
	}
	if (fsync(fd) != 0) {
		tli_say(errbuf, errbuf_size,
			"cannot flush the fixed text to disk (%s); the file is "
			"unchanged",
			strerror(errno));
		goto out;
	}
	int cr = close(fd);
	fd = -1;
	if (cr != 0) {
		tli_say(errbuf, errbuf_size,
			"cannot write the fixed text (%s); the file is "
			"unchanged",
			strerror(errno));
		goto out;
	}
	/* Again, as late as possible: an editor may have saved the file
	 * while it was linted or while the new text was written. */
	struct stat now;
	if (expect &&
	    (stat(target, &now) != 0 || !unchanged(target, &now, expect))) {
		tli_say(errbuf, errbuf_size, CHANGED);
		st = TL_ECHANGED;
		goto out;
	}
	if (rename(tmp, target) != 0) {
		tli_say(errbuf, errbuf_size,
			"cannot replace the file (%s); it is unchanged",
			strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	/* Make the rename itself durable. Best effort: some file systems
	 * cannot sync a folder, and the new text is in place already. */
	char *dir = tli_strndup(target, dlen ? dlen : 1);
	int dfd = dir ? open(dir, O_RDONLY | O_CLOEXEC) : -1;
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(dir);
	st = TL_OK;
out:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(target);
	return st;
}
