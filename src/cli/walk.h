/* walk.h: turning the command's paths into the list of files to lint. */
#ifndef TL_CLI_WALK_H
#define TL_CLI_WALK_H

#include <stddef.h>
#include <stdint.h>

typedef struct cli_input {
	char *path;    /* "-" for standard input */
	int from_walk; /* found inside a folder (binary files are skipped) */
	int sized;     /* a regular file when walked, of `size` bytes then */
	uintmax_t size;
} cli_input;

typedef struct cli_inputs {
	cli_input *items;
	size_t count, cap;
	size_t errors; /* paths that could not be walked (already reported) */
} cli_inputs;

/*
 * Adds `path`: a file as it is, a folder recursively (in name order,
 * skipping hidden entries, version-control folders and symbolic links).
 * Problems are reported on stderr and counted in in->errors. Returns -1 on
 * out of memory, else 0.
 */
int cli_walk(cli_inputs *in, const char *path);

void cli_inputs_free(cli_inputs *in);

#endif
