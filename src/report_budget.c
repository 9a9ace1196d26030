/*
 * report_budget.c: what the reports say about each judged document: its
 * kind and stage, its tone score against its budget, and the measures of
 * its prose.
 */
#include <string.h>

#include "report.h"
#include "textout.h"

/* "reminder:final", "invoice" */
static void put_kind(FILE *out, const tli_doc_summary *ds)
{
	fputs(tl_kind_name(ds->kind), out);
	if (ds->stage)
		fprintf(out, ":%s", tl_stage_name(ds->stage));
}

void tli_text_budgets(tl_report *rep)
{
	FILE *out = rep->out;
	int color = (rep->flags & TL_REPORT_COLOR) != 0;
	for (size_t i = 0; i < rep->doc_count; i++) {
		const tli_doc_summary *ds = &rep->docs[i];
		if (ds->budget < 0)
			continue;
		int under = ds->score < ds->budget;
		tli_put_oneline(out, ds->name, strlen(ds->name));
		fputs(": ", out);
		if (color)
			fputs(under ? "\033[31m" : "\033[32m", out);
		fprintf(out, "tone score %d, %s its budget of %d", ds->score,
			under ? "below" : "within", ds->budget);
		if (color)
			fputs("\033[0m", out);
		fputs(" (", out);
		put_kind(out, ds);
		fputs(")\n", out);
	}
}

/* One decimal, whatever the locale of the program around the library. */
static void put_decimal(FILE *out, double v)
{
	long tenths = (long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
	if (tenths < 0) {
		fputc('-', out);
		tenths = -tenths;
	}
	fprintf(out, "%ld.%ld", tenths / 10, tenths % 10);
}

void tli_json_doc_fields(tl_report *rep, const tli_doc_summary *ds)
{
	FILE *out = rep->out;
	if (!ds->kind)
		return;
	static const char *const from[] = {"", "config", "content", "name"};
	fprintf(out, ", \"kind\": \"%s\"", tl_kind_name(ds->kind));
	if (ds->stage)
		fprintf(out, ", \"stage\": \"%s\"", tl_stage_name(ds->stage));
	if (ds->kind_source > 0 && ds->kind_source < 4)
		fprintf(out, ", \"kind_from\": \"%s\"", from[ds->kind_source]);
	if (ds->budget >= 0)
		fprintf(out, ", \"budget\": %d, \"within_budget\": %s",
			ds->budget, ds->score >= ds->budget ? "true" : "false");
	if (ds->has_metrics) {
		const tl_metrics *m = &ds->metrics;
		fprintf(out,
			", \"metrics\": {\"words\": %zu, \"sentences\": %zu, "
			"\"sentence_length\": ",
			m->words, m->sentences);
		put_decimal(out, m->sentence_length);
		fputs(", \"passive\": ", out);
		put_decimal(out, m->passive);
		fputs(", \"reading_ease\": ", out);
		put_decimal(out, m->reading_ease);
		fputc('}', out);
	}
}
