/*
 * fileio.h: reading whole files. Kept in its own translation unit so tests
 * can replace these functions with -Wl,--wrap to inject failures.
 */
#ifndef TL_FILEIO_H
#define TL_FILEIO_H

#include <stdio.h>

#include "tonelint.h"

/*
 * Reads the file at `path` into a new malloc'd buffer (NUL-terminated, the
 * terminator not counted in *len; the caller frees it). Refuses directories
 * and devices, and files over `max` bytes (TL_ELIMIT). A FIFO is read to its
 * end. `sb` (may be NULL) gets the status of the file read, taken before
 * reading it. Errors: TL_ENOTFOUND, TL_EIO, TL_ELIMIT, TL_ENOMEM, with a
 * one-line reason in errbuf.
 */
struct stat;
tl_status tli_read_file(const char *path, size_t max, char **data, size_t *len,
			struct stat *sb, char *errbuf, size_t errbuf_size);

/* The same for an open stream, read to its end. */
tl_status tli_read_stream(FILE *stream, size_t max, char **data, size_t *len,
			  char *errbuf, size_t errbuf_size);

/* "file is larger than the N MiB limit" into errbuf, as the readers above
 * say it. */
void tli_too_large(char *errbuf, size_t size, size_t max);

#endif
