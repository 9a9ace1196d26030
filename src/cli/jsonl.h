/* jsonl.h: one JSON Lines record of tonelint stream, {"id": ..., "text":
 * ...}. */
#ifndef TL_CLI_JSONL_H
#define TL_CLI_JSONL_H

#include <stddef.h>

typedef struct cli_record {
	char *id; /* decoded string, or the number as written; NUL-ended */
	size_t id_len;
	int id_is_number;
	char *text; /* decoded UTF-8, NUL-ended; may hold NUL bytes */
	size_t text_len;
} cli_record;

/*
 * Parses one line s[0..n) (without its line break) into *out, which the
 * caller frees with cli_record_clear. Members other than "id" and "text"
 * are skipped, whatever their value. Returns 0, or -1 with *why (static) and
 * *column (1-based, in bytes) saying what is wrong; *out is then empty.
 */
int cli_record_parse(cli_record *out, const char *s, size_t n, const char **why,
		     size_t *column);
void cli_record_clear(cli_record *r);

#endif
