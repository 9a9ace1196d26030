/* helpers.h: shared set-up for the unit tests. */
#ifndef TL_TEST_HELPERS_H
#define TL_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tonelint.h"

/* A rule set from YAML text; fails the test if it does not load. */
static inline tl_ruleset *load_rules(const char *yaml)
{
	tl_ruleset *rs = NULL;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	tl_status st = tl_ruleset_add_buffer(rs, "test.yml", yaml, strlen(yaml));
	if (st)
		fail_msg("rules did not load: %s:%u:%u: %s",
			 tl_ruleset_error(rs)->file, tl_ruleset_error(rs)->line,
			 tl_ruleset_error(rs)->column,
			 tl_ruleset_error(rs)->message);
	return rs;
}

/* Scans text (len bytes) with rs; the caller frees result and document. */
static inline tl_result *scan_text(tl_ruleset *rs, const char *text,
				   size_t len, tl_document **doc)
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

#endif
