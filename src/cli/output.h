/* output.h: where the report goes: standard output, or the file named by
 * -o, which is replaced only once the report is complete. */
#ifndef TL_CLI_OUTPUT_H
#define TL_CLI_OUTPUT_H

#include <stdio.h>

typedef struct cli_output {
	FILE *stream;	  /* NULL until opened, and again once closed */
	char *target;	  /* the file to replace; NULL: standard output or a
			     device, written directly */
	char *tmp;	  /* the temporary file beside it */
	const char *name; /* as the command line gave it, for messages */
} cli_output;

/*
 * Opens the destination for `path` (NULL or "-": standard output). A
 * regular file (or a new one) is written as a temporary file in the same
 * folder, so that a failed run leaves the previous report as it was;
 * a device or pipe (/dev/stdout) is written directly. Returns 0, or -1
 * after saying why on stderr.
 */
int cli_output_open(cli_output *out, const char *path);

/*
 * Closes the destination. `ok`: the report is complete: the temporary file
 * is flushed to disk and renamed over the destination. Otherwise it is
 * removed. Returns 0, or -1 after saying why on stderr. Does nothing on an
 * output that is not open.
 */
int cli_output_close(cli_output *out, int ok);

#endif
