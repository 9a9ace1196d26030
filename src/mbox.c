/*
 * mbox.c: where the messages of an mbox mailbox start, for the readers that
 * take one message at a time: `tonelint stream` reading standard input,
 * and tl_pieces reading a large mailbox in pieces. GMime, which reads each
 * message, also starts a message at a "From " line that does not follow a
 * blank line; a cut made here is therefore one GMime makes too, and a
 * mailbox read in pieces holds the messages the whole file does.
 */
#include <string.h>

#include "internal.h"

static int is_blank(const char *line, size_t n)
{
	return (n == 1 && line[0] == '\n') ||
	       (n == 2 && line[0] == '\r' && line[1] == '\n');
}

int tl_mbox_from_line(const char *line, size_t n, int *blank)
{
	if (*blank && n >= 5 && memcmp(line, "From ", 5) == 0) {
		*blank = 0;
		return 1;
	}
	*blank = is_blank(line, n);
	return 0;
}

size_t tli_mbox_cut(const char *s, size_t len, size_t at)
{
	int blank = 1;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) + 1 - i : len - i;
		/* The line must be whole to be judged, so a line without its
		 * end is not one. */
		if (!nl)
			return 0;
		if (tl_mbox_from_line(s + i, n, &blank) && i >= at && i > 0)
			return i;
		i += n;
	}
	return 0;
}
