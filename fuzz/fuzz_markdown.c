/* fuzz_markdown.c: the Markdown reader (md4c, front matter, entities). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.md", data, size, TL_FORMAT_MARKDOWN);
	return 0;
}
