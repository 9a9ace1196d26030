/* readers_helpers.h: reading a buffer in a format and asking where a
 * piece of its prose lies in the source. */
#ifndef TL_TEST_READERS_HELPERS_H
#define TL_TEST_READERS_HELPERS_H

#include "helpers.h"
#include "internal.h"

static inline tl_document *read_as(const char *name, const char *src,
				   tl_format f)
{
	tl_document *doc = NULL;
	assert_int_equal(
		tl_document_from_buffer(&doc, name, src, strlen(src), f),
		TL_OK);
	return doc;
}

/* The source offset of the first occurrence of `needle` in the prose, or
 * (size_t)-1; *text receives the text index. */
static inline size_t source_of(const tl_document *doc, const char *needle,
			       size_t *end)
{
	size_t n = strlen(needle);
	for (size_t t = 0; t < doc->text_count; t++) {
		const tli_text *x = &doc->texts[t];
		for (size_t i = 0; i + n <= x->len; i++) {
			if (memcmp(x->data + i, needle, n) != 0)
				continue;
			if (end)
				*end = tli_text_to_source(x, i + n, 1);
			return tli_text_to_source(x, i, 0);
		}
	}
	return (size_t)-1;
}

static inline int prose_has(const tl_document *doc, const char *needle)
{
	return source_of(doc, needle, NULL) != (size_t)-1;
}

#endif
