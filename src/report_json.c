/* report_json.c: the JSON report, one object:
 * {"version": ..., "findings": [...], "summary": {...}} (README). */
#include <string.h>

#include "report.h"
#include "textout.h"

static void str(FILE *out, const char *s)
{
	tli_put_json_string(out, s, strlen(s));
}

void tli_json_start(tl_report *rep)
{
	fprintf(rep->out, "{\"version\": \"%s\", \"findings\": [",
		TL_VERSION_STRING);
}

void tli_json_document(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	size_t before = rep->findings - tl_result_count(res);
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		fputs(before + i ? ",\n  {\"file\": " : "\n  {\"file\": ", out);
		str(out, d->name);
		fprintf(out,
			", \"line\": %u, \"column\": %u, \"end_line\": %u, "
			"\"end_column\": %u, \"offset\": %zu, \"length\": %zu, "
			"\"rule\": ",
			f->line, f->column, f->end_line, f->end_column,
			f->offset, f->length);
		str(out, f->rule->id);
		fputs(", \"category\": ", out);
		str(out, f->rule->category);
		fprintf(out, ", \"severity\": \"%s\", \"message\": ",
			tl_severity_name(f->severity));
		str(out, f->message);
		fputs(", \"match\": ", out);
		str(out, f->match);
		if (f->context) {
			fputs(", \"context\": ", out);
			str(out, f->context);
		}
		if (f->decoded)
			fprintf(out,
				", \"decoded\": {\"line\": %u, \"column\": %u, "
				"\"end_line\": %u, \"end_column\": %u}",
				f->decoded_line, f->decoded_column,
				f->decoded_end_line, f->decoded_end_column);
		fputs(", \"suggestions\": [", out);
		for (size_t k = 0; k < f->suggestion_count; k++) {
			if (k)
				fputs(", ", out);
			str(out, f->suggestions[k]);
		}
		fputs("]}", out);
	}
}

void tli_json_finish(tl_report *rep)
{
	FILE *out = rep->out;
	fputs(rep->findings ? "\n], " : "], ", out);
	fprintf(out,
		"\"summary\": {\"files\": %zu, \"files_with_findings\": %zu, "
		"\"unreadable\": %zu, \"findings\": %zu, \"errors\": %zu, "
		"\"warnings\": %zu, \"suggestions\": %zu, \"words\": %zu, "
		"\"score\": %d, \"categories\": {",
		rep->files, rep->files_with_findings, rep->unreadable,
		rep->findings, rep->by_severity[TL_SEVERITY_ERROR],
		rep->by_severity[TL_SEVERITY_WARNING],
		rep->by_severity[TL_SEVERITY_SUGGESTION], rep->words,
		tli_score(rep->by_severity[TL_SEVERITY_ERROR],
			  rep->by_severity[TL_SEVERITY_WARNING],
			  rep->by_severity[TL_SEVERITY_SUGGESTION],
			  rep->words));
	for (size_t i = 0; i < rep->category_count; i++) {
		if (i)
			fputs(", ", out);
		str(out, rep->categories[i].name);
		fprintf(out, ": %zu", rep->categories[i].n);
	}
	fputs("}, \"documents\": [", out);
	for (size_t i = 0; i < rep->doc_count; i++) {
		const tli_doc_summary *ds = &rep->docs[i];
		fputs(i ? ",\n  {\"file\": " : "\n  {\"file\": ", out);
		str(out, ds->name);
		fprintf(out,
			", \"words\": %zu, \"findings\": %zu, \"score\": %d",
			ds->words, ds->findings, ds->score);
		tli_json_doc_fields(rep, ds);
		fputc('}', out);
	}
	fputs(rep->doc_count ? "\n]}}\n" : "]}}\n", out);
}

tl_status tl_json_write_string(FILE *stream, const char *s, size_t len)
{
	tli_put_json_string(stream, len ? s : "", len);
	return ferror(stream) ? TL_EIO : TL_OK;
}
