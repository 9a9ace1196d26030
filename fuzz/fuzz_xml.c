/* fuzz_xml.c: the XML / QWeb and XLIFF readers (the root decides). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.xml", data, size, TL_FORMAT_XML);
	return 0;
}
