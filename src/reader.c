/*
 * reader.c: choosing a format and reading a document's prose. Each format
 * fills doc->texts with runs of prose and their maps back to the source;
 * the engine sees only those. Adding a format touches this file and the
 * format's own reader, never the engine.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct {
	tl_format format;
	const char *name;
} formats[] = {
	{TL_FORMAT_AUTO, "auto"},
	{TL_FORMAT_TEXT, "text"},
};

const char *tl_format_name(tl_format format)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (formats[i].format == format)
			return formats[i].name;
	return NULL;
}

tl_status tl_format_parse(tl_format *out, const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(formats[i].name, name) == 0) {
			*out = formats[i].format;
			return TL_OK;
		}
	}
	return TL_ENOTFOUND;
}

/* Plain text: the whole source is prose, mapped byte for byte. */
static tl_status read_text(tl_document *doc)
{
	doc->texts = calloc(1, sizeof *doc->texts);
	if (!doc->texts)
		return TL_ENOMEM;
	doc->texts[0].data = doc->src;
	doc->texts[0].len = doc->src_len;
	doc->text_count = 1;
	return TL_OK;
}

tl_status tli_read_document(tl_document *doc)
{
	if (doc->format == TL_FORMAT_AUTO)
		doc->format = TL_FORMAT_TEXT;
	switch (doc->format) {
	case TL_FORMAT_AUTO:
	case TL_FORMAT_TEXT:
		return read_text(doc);
	}
	return TL_EINVAL;
}
