/*
 * reader.c: choosing a format and reading a document's prose. Each format
 * fills doc->texts with runs of prose and their maps back to the source;
 * the engine sees only those. Adding a format touches this file and the
 * format's own reader (src/readers/), never the engine.
 */
#include <stdlib.h>
#include <string.h>

#include "readers/readers.h"

static const struct {
	tl_format format;
	const char *name;
} formats[] = {
	{TL_FORMAT_AUTO, "auto"},
	{TL_FORMAT_TEXT, "text"},
	{TL_FORMAT_HTML, "html"},
	{TL_FORMAT_TEMPLATE, "template"},
	{TL_FORMAT_MARKDOWN, "markdown"},
	{TL_FORMAT_EML, "eml"},
	{TL_FORMAT_MBOX, "mbox"},
	{TL_FORMAT_PO, "po"},
	{TL_FORMAT_PROPERTIES, "properties"},
	{TL_FORMAT_JSON, "json"},
	{TL_FORMAT_YAML, "yaml"},
	{TL_FORMAT_XLIFF, "xliff"},
	{TL_FORMAT_XML, "xml"},
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

tl_status tli_read_plain(tl_document *doc, const tli_src *in, const char *label,
			 unsigned tmpl)
{
	tli_tb tb;
	tli_tb_init(&tb, in);
	if (tmpl)
		tli_template_strip(&tb, doc, tmpl, 0);
	else
		tli_tb_verbatim(&tb, 0, in->len);
	return tli_tb_to_text(&tb, doc, label);
}

tl_status tli_read_document(tl_document *doc)
{
	unsigned tmpl = 0;
	tl_format detected =
		tli_detect_format(doc->name, doc->src, doc->src_len, &tmpl);
	if (doc->format == TL_FORMAT_AUTO)
		doc->format = detected;
	else if (doc->format != detected)
		tmpl = 0; /* forced: the syntaxes of the format asked for */
	tli_src in = tli_src_of_document(doc);
	switch (doc->format) {
	case TL_FORMAT_AUTO:
	case TL_FORMAT_TEXT:
		doc->format = TL_FORMAT_TEXT;
		return read_text(doc);
	case TL_FORMAT_TEMPLATE:
		return tli_read_plain(doc, &in, NULL,
				      tmpl ? tmpl
					   : TLI_TMPL_ALL | TLI_TMPL_FIELDS);
	case TL_FORMAT_HTML:
		return tli_read_html(doc, &in, NULL,
				     tmpl ? tmpl : TLI_TMPL_ALL);
	case TL_FORMAT_MARKDOWN:
		return tli_read_markdown(doc, &in, NULL, tmpl);
	case TL_FORMAT_EML:
		return tli_read_email(doc, 0);
	case TL_FORMAT_MBOX:
		return tli_read_email(doc, 1);
	case TL_FORMAT_PO:
		return tli_read_po(doc);
	case TL_FORMAT_PROPERTIES:
		return tli_read_properties(doc);
	case TL_FORMAT_JSON:
		return tli_read_json(doc);
	case TL_FORMAT_YAML:
		return tli_read_yaml(doc);
	case TL_FORMAT_XLIFF:
		return tli_read_xml(doc, 1);
	case TL_FORMAT_XML:
		return tli_read_xml(doc, 0);
	}
	return TL_EINVAL;
}
