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
		str(out, d->name);
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
