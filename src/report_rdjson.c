/*
 * report_rdjson.c: reviewdog's Diagnostic Format (rdjson). Its columns count
 * UTF-8 bytes, not characters. Only a swap rule's rewrite replaces exactly
 * the matched text, so only those become rdjson suggestions (reviewdog turns
 * them into one-click changes); other rules' suggestions are advice about
 * the sentence and go into the message.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "textout.h"

static void str(FILE *out, const char *s)
{
	tli_put_json_string(out, s, strlen(s));
}

static const char *severity(tl_severity s)
{
	switch (s) {
	case TL_SEVERITY_ERROR:
		return "ERROR";
	case TL_SEVERITY_WARNING:
		return "WARNING";
	case TL_SEVERITY_SUGGESTION:
		return "INFO";
	}
	return "UNKNOWN_SEVERITY";
}

void tli_rdjson_start(tl_report *rep)
{
	fputs("{\"source\": {\"name\": \"tonelint\"}, \"diagnostics\": [",
	      rep->out);
}

static void range(FILE *out, const tl_document *d, const tl_finding *f)
{
	fprintf(out,
		"{\"start\": {\"line\": %u, \"column\": %u}, \"end\": "
		"{\"line\": %u, \"column\": %u}}",
		f->line, tli_byte_column(d, f->line, f->offset), f->end_line,
		tli_byte_column(d, f->end_line, f->offset + f->length));
}

/* The comment's column counts characters; rdjson's count bytes. */
static unsigned byte_column(const tl_document *d, unsigned line,
			    unsigned column)
{
	unsigned local = line - d->base_line; /* a piece: see report.c */
	if (line <= d->base_line || local > d->line_count)
		return column;
	size_t off = d->line_starts[local - 1];
	for (unsigned c = 1; c < column && off < d->src_len; c++) {
		off++;
		while (off < d->src_len &&
		       ((unsigned char)d->src[off] & 0xC0) == 0x80)
			off++;
	}
	return tli_byte_column(d, line, d->base_off + off);
}

void tli_rdjson_unused(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	for (size_t k = 0; k < tl_result_unused_suppression_count(res); k++) {
		const tl_suppression *u = tl_result_unused_suppression(res, k);
		char *text = tli_unused_text(u);
		fputs(rep->emitted++ ? ",\n  {\"message\": "
				     : "\n  {\"message\": ",
		      out);
		str(out, text ? text : "unused suppression");
		free(text);
		fputs(", \"location\": {\"path\": ", out);
		str(out, tli_repo_path(d->name));
		fprintf(out,
			", \"range\": {\"start\": {\"line\": %u, \"column\": "
			"%u}}}, \"severity\": \"WARNING\", \"code\": "
			"{\"value\": "
			"\"tonelint.unused-suppression\"}}",
			u->line, byte_column(d, u->line, u->column));
	}
}

void tli_rdjson_document(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		fputs(rep->emitted++ ? ",\n  {\"message\": "
				     : "\n  {\"message\": ",
		      out);
		char *text = tli_finding_text(f, 0);
		str(out, text ? text : f->message);
		free(text);
		fputs(", \"location\": {\"path\": ", out);
		str(out, tli_repo_path(d->name));
		fputs(", \"range\": ", out);
		range(out, d, f);
		fprintf(out, "}, \"severity\": \"%s\", \"code\": {\"value\": ",
			severity(f->severity));
		str(out, f->rule->id);
		fputc('}', out);
		if (f->rule->rewrite_count && f->suggestion_count) {
			fputs(", \"suggestions\": [", out);
			for (size_t k = 0; k < f->suggestion_count; k++) {
				fputs(k ? ", {\"range\": " : "{\"range\": ",
				      out);
				range(out, d, f);
				fputs(", \"text\": ", out);
				str(out, f->suggestions[k]);
				fputc('}', out);
			}
			fputc(']', out);
		}
		fputc('}', out);
	}
}

void tli_rdjson_finish(tl_report *rep)
{
	fputs(rep->emitted ? "\n]}\n" : "]}\n", rep->out);
}
