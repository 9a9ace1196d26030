/* helpers.h: shared set-up for the unit tests. */
#ifndef TL_TEST_HELPERS_H
#define TL_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tonelint.h"

/* A rule set from YAML text; fails the test if it does not load. */
static inline tl_ruleset *load_rules(const char *yaml)
{
	tl_ruleset *rs = NULL;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	tl_status st =
		tl_ruleset_add_buffer(rs, "test.yml", yaml, strlen(yaml));
	if (st)
		fail_msg("rules did not load: %s:%u:%u: %s",
			 tl_ruleset_error(rs)->file, tl_ruleset_error(rs)->line,
			 tl_ruleset_error(rs)->column,
			 tl_ruleset_error(rs)->message);
	return rs;
}

/* Scans text (len bytes) with rs; the caller frees result and document. */
static inline tl_result *scan_text(tl_ruleset *rs, const char *text, size_t len,
				   tl_document **doc)
{
	tl_scanner *sc = NULL;
	tl_result *res = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	assert_int_equal(tl_document_from_buffer(doc, "t.txt", text, len,
						 TL_FORMAT_TEXT),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, *doc, &res), TL_OK);
	tl_scanner_free(sc);
	return res;
}

/* The file at `path`, its first 4 KiB, NUL-terminated, in a static buffer
 * that the next call reuses. */
static inline const char *file_text(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* How many entries the folder `dir` holds, dot files included (a temporary
 * file left behind shows). */
static inline int folder_entries(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

#endif
