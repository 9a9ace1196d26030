#include "fileio.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

void tli_too_large(char *errbuf, size_t size, size_t max)
{
	char n[64];
	if (max >= 1024 * 1024 && max % (1024 * 1024) == 0)
		snprintf(n, sizeof n, "%zu MiB", max / (1024 * 1024));
	else
		snprintf(n, sizeof n, "%zu bytes", max);
	tli_say(errbuf, size, "file is larger than the %s limit", n);
}

/* Reads fd to its end; `hint` is a regular file's size (0 if unknown). A
 * read that asked for more than the hint's bytes and got just them has
 * met the end: no read is made to be told so (a system call a file). */
static tl_status read_fd(int fd, size_t hint, size_t max, char **data,
			 size_t *len, char *errbuf, size_t errbuf_size)
{
	size_t cap = (hint ? hint : 64 * 1024) + 1, n = 0;
	if (hint > max)
		cap = max + 1;
	char *buf = malloc(cap + 1);
	if (!buf)
		return TL_ENOMEM;
	for (;;) {
		if (n == cap) {
			if (n > max)
				break;
			size_t ncap = cap * 2;
			if (ncap > max + 1)
				ncap = max + 1;
			char *p = realloc(buf, ncap + 1);
			if (!p) {
				free(buf);
				return TL_ENOMEM;
			}
			buf = p;
			cap = ncap;
		}
		size_t want = cap - n;
		ssize_t r = read(fd, buf + n, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			tli_say(errbuf, errbuf_size, "%s", strerror(errno));
			free(buf);
			return TL_EIO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (hint && n == hint && (size_t)r < want)
			break;
	}
	if (n > max) {
		free(buf);
		tli_too_large(errbuf, errbuf_size, max);
		return TL_ELIMIT;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return TL_OK;
}

tl_status tli_read_file(const char *path, size_t max, char **data, size_t *len,
			struct stat *sb, char *errbuf, size_t errbuf_size)
{
	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO with no writer must not hang. It is
	 * cleared below before reading. */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		tli_say(errbuf, errbuf_size, "%s", strerror(e));
		return e == ENOENT || e == ENOTDIR ? TL_ENOTFOUND : TL_EIO;
	}
	struct stat st;
	tl_status rc;
	if (fstat(fd, &st) != 0) {
		tli_say(errbuf, errbuf_size, "%s", strerror(errno));
		rc = TL_EIO;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		tli_say(errbuf, errbuf_size, "%s", "is a directory");
		rc = TL_EIO;
		goto out;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) &&
	    !S_ISSOCK(st.st_mode)) {
		tli_say(errbuf, errbuf_size, "%s",
			"not a regular file (a device or special file)");
		rc = TL_EIO;
		goto out;
	}
	if (sb)
		*sb = st;
	if (!S_ISREG(st.st_mode)) { /* O_NONBLOCK matters only to these */
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > (uintmax_t)max) {
		tli_too_large(errbuf, errbuf_size, max);
		rc = TL_ELIMIT;
		goto out;
	}
	rc = read_fd(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, max,
		     data, len, errbuf, errbuf_size);
out:
	close(fd);
	return rc;
}

tl_status tli_read_stream(FILE *stream, size_t max, char **data, size_t *len,
			  char *errbuf, size_t errbuf_size)
{
	*data = NULL;
	*len = 0;
	size_t cap = 64 * 1024, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf)
		return TL_ENOMEM;
	for (;;) {
		if (n == cap) {
			if (n > max)
				break;
			char *p = realloc(buf, cap * 2 + 1);
			if (!p) {
				free(buf);
				return TL_ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		size_t r = fread(buf + n, 1, cap - n, stream);
		n += r;
		if (r == 0) {
			if (ferror(stream)) {
				tli_say(errbuf, errbuf_size, "%s",
					strerror(errno));
				free(buf);
				return TL_EIO;
			}
			break;
		}
	}
	if (n > max) {
		free(buf);
		tli_too_large(errbuf, errbuf_size, max);
		return TL_ELIMIT;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return TL_OK;
}
