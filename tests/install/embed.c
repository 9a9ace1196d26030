/* A program embedding libtonelint, built against an installed copy. */
#include <stdio.h>
#include <string.h>
#include <tonelint.h>

int main(void)
{
	const char *text = "Failure to pay will result in legal action.";
	tl_ruleset *rs = NULL;
	tl_scanner *sc = NULL;
	tl_document *doc = NULL;
	tl_result *res = NULL;
	int rc = 1;
	if (tl_ruleset_new(&rs) || tl_ruleset_add_default(rs) ||
	    tl_scanner_new(&sc, rs) ||
	    tl_document_from_buffer(&doc, "embedded.txt", text, strlen(text),
				    TL_FORMAT_TEXT) ||
	    tl_scanner_scan(sc, doc, &res))
		goto out;
	printf("tonelint %s: %zu findings\n", tl_version(),
	       tl_result_count(res));
	rc = tl_result_count(res) > 0 ? 0 : 1;
out:
	tl_result_free(res);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
	return rc;
}
