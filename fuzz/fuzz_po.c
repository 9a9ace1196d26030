/* fuzz_po.c: the gettext .po reader. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.po", data, size, TL_FORMAT_PO);
	return 0;
}
