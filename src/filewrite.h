/*
 * filewrite.h: replacing a file without ever leaving it half written. In a
 * translation unit of its own so tests can replace the system calls it
 * makes (-Wl,--wrap=write and others) to inject failures.
 */
#ifndef TL_FILEWRITE_H
#define TL_FILEWRITE_H

#include "internal.h"

/*
 * Replaces the file at `path` (its target, if it is a symbolic link) with
 * data[0..len), by way of a temporary file in the same folder that gets the
 * original's permissions (and owner, where allowed), is flushed to disk and
 * renamed over it. `expect` is the document the data was made from: the
 * file must still hold its source (and, if it was read from a file, be the
 * same file with the same size and time of change), both before the
 * temporary file is made and just before the rename; otherwise TL_ECHANGED.
 * Any failure removes the temporary file and leaves the original as it
 * was: TL_EIO, TL_ENOTFOUND, TL_ENOMEM, with a one-line reason in errbuf.
 */
tl_status tli_replace_file(const char *path, const char *data, size_t len,
			   const tl_document *expect, char *errbuf,
			   size_t errbuf_size);

#endif
