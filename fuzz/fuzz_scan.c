/*
 * fuzz_scan.c: the whole scan of a document, as the command does it: the
 * format chosen from the name (picked by the first byte) and the content,
 * the built-in rules with the prefilter on and off (the findings must be
 * the same), and a report in one of the formats (picked by the last byte).
 */
#include "fuzz_common.h"

static tl_ruleset *rs;
static tl_scanner *sc;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"document",	"mail.txt",	"invoice.html",
		"note.md",	"reminder.eml", "box.mbox",
		"de.po",	"en.json",	"en.yml",
		"a.properties", "t.xlf",	"q.xml",
		"r.hbs",	"m.txt.j2",	"-",
	};
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (!sc && (tl_ruleset_new(&rs) || tl_ruleset_add_default(rs) ||
		    tl_scanner_new(&sc, rs)))
		fuzz_fail(__FILE__, __LINE__, "the built-in rules load");
	size_t pick = size ? data[0] % (sizeof names / sizeof names[0]) : 0;
	tl_document *doc = NULL;
	tl_result *on = NULL, *off = NULL;
	if (tl_document_from_buffer(&doc, names[pick], (const char *)data, size,
				    TL_FORMAT_AUTO))
		return 0;
	fuzz_check_document(doc);
	tl_scanner_set_prefilter(sc, 1);
	if (tl_scanner_scan(sc, doc, &on))
		goto out;
	fuzz_check_result(on);
	tl_scanner_set_prefilter(sc, 0);
	if (tl_scanner_scan(sc, doc, &off))
		goto out;
	if (tl_result_diagnostic_count(on) == 0 &&
	    tl_result_diagnostic_count(off) == 0)
		fuzz_same_findings(on, off);
	/* One report format per input (the last byte picks it): writing all
	 * eight, with every rule's help for SARIF, would take most of the
	 * time. */
	int f = size ? data[size - 1] % (TL_REPORT_GITLAB + 1) : 0;
	fuzz_report(on, f == TL_REPORT_SARIF ? rs : NULL, (tl_report_format)f);
out:
	tl_result_free(on);
	tl_result_free(off);
	tl_document_free(doc);
	return 0;
}
