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
