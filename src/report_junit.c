/*
 * report_junit.c: JUnit XML, one test case per file, failed when the file
 * has a finding that fails the run under the report's policy. The suite's
 * totals come first in the XML but are known only at the end, so the test
 * cases are kept in memory until then.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xmlout.h"

void tli_junit_start(tl_report *rep)
{
	rep->body_out = open_memstream(&rep->body, &rep->body_len);
}

void tli_junit_document(tl_report *rep, const tl_result *res)
{
	FILE *o = rep->body_out;
	if (!o)
		return; /* out of memory: tl_report_finish says so */
	const tl_document *d = tl_result_document(res);
	size_t n = tl_result_count(res);
	int fails = 0;
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		if (rep->policy.fail_on != TL_FAIL_NEVER &&
		    (int)f->severity >= rep->policy.fail_on)
			fails = 1;
	}
	/* The name is the file's path. No "file" attribute: the Jenkins JUnit
	 * schema, which stricter readers validate against, has none. */
	fputs("    <testcase classname=\"tonelint\" name=\"", o);
	tli_put_xml_str(o, d->name, 1);
	if (n == 0) {
		fputs("\"/>\n", o);
		return;
	}
	fputs("\">\n", o);
	if (fails) {
		rep->failed_files++;
		fprintf(o,
			"      <failure type=\"tone\" message=\"%zu "
			"finding%s\">",
			n, n == 1 ? "" : "s");
	} else {
		fputs("      <system-out>", o);
	}
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		tli_put_xml_str(o, d->name, 0);
		fprintf(o, ":%u:%u: %s: ", f->line, f->column,
			tl_severity_name(f->severity));
		tli_put_xml_str(o, f->message, 0);
		fprintf(o, " [%s]", f->rule->id);
		if (f->context) { /* as the text format: which part, where */
			fputs(" (", o);
			tli_put_xml_str(o, f->context, 0);
			fputc(')', o);
		}
		fputc('\n', o);
		for (size_t k = 0; k < f->suggestion_count; k++) {
			fputs("  suggestion: ", o);
			tli_put_xml_str(o, f->suggestions[k], 0);
			fputc('\n', o);
		}
	}
	fputs(fails ? "</failure>\n" : "</system-out>\n", o);
	fputs("    </testcase>\n", o);
}

void tli_junit_finish(tl_report *rep)
{
	FILE *out = rep->out;
	if (!rep->body_out || fflush(rep->body_out) != 0 ||
	    ferror(rep->body_out)) {
		/* Leave the stream in error so that finish reports TL_EIO. */
		fputs("<!-- out of memory -->\n", out);
		return;
	}
	fprintf(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"tonelint\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\">\n"
		"  <testsuite name=\"tonelint\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\">\n",
		rep->files, rep->failed_files, rep->unreadable, rep->files,
		rep->failed_files, rep->unreadable);
	fwrite(rep->body, 1, rep->body_len, out);
	fputs("  </testsuite>\n</testsuites>\n", out);
}
