/* fuzz_html.c: the HTML reader (template layer, gumbo, entities). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.html", data, size, TL_FORMAT_HTML);
	return 0;
}
