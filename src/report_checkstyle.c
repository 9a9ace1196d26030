/* report_checkstyle.c: Checkstyle XML, which many CI tools and reviewdog
 * read: a <file> element per file, an <error> per finding. */
#include <stdlib.h>

#include "report.h"
#include "xmlout.h"

static const char *severity(tl_severity s)
{
	return s == TL_SEVERITY_SUGGESTION ? "info" : tl_severity_name(s);
}

void tli_checkstyle_start(tl_report *rep)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<checkstyle version=\"4.3\">\n",
	      rep->out);
}

/* Unused suppressions: a <file> of their own, before the file's findings
 * (Checkstyle's readers accept a file more than once). */
void tli_checkstyle_unused(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	fputs("  <file name=\"", out);
	tli_put_xml_str(out, d->name, 1);
	fputs("\">\n", out);
	for (size_t k = 0; k < tl_result_unused_suppression_count(res); k++) {
		const tl_suppression *u = tl_result_unused_suppression(res, k);
		char *text = tli_unused_text(u);
		fprintf(out,
			"    <error line=\"%u\" column=\"%u\" "
			"severity=\"warning\" message=\"",
			u->line, u->column);
		tli_put_xml_str(out, text ? text : "unused suppression", 1);
		fputs("\" source=\"tonelint.unused-suppression\"/>\n", out);
		free(text);
	}
	fputs("  </file>\n", out);
}

void tli_checkstyle_document(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	size_t n = tl_result_count(res);
	fputs("  <file name=\"", out);
	tli_put_xml_str(out, d->name, 1);
	fputs(n ? "\">\n" : "\"/>\n", out);
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		char *text = tli_finding_text(f, 1);
		fprintf(out,
			"    <error line=\"%u\" column=\"%u\" severity=\"%s\" "
			"message=\"",
			f->line, f->column, severity(f->severity));
		tli_put_xml_str(out, text ? text : f->message, 1);
		fputs("\" source=\"tonelint.", out);
		tli_put_xml_str(out, f->rule->id, 1);
		fputs("\"/>\n", out);
		free(text);
	}
	if (n)
		fputs("  </file>\n", out);
}

void tli_checkstyle_finish(tl_report *rep)
{
	fputs("</checkstyle>\n", rep->out);
}
