/* stream.h: tonelint stream, the map step of a distributed run. */
#ifndef TL_CLI_STREAM_H
#define TL_CLI_STREAM_H

#include "opts.h"

/* Reads documents from standard input (an mbox, or JSON Lines records)
 * and writes their findings as JSON Lines, one document at a time.
 * Returns the exit status. */
int cli_stream(const opts *o);

#endif
