/* fuzz_mbox.c: an mbox mailbox (GMime; every message, as fuzz_eml). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.mbox", data, size, TL_FORMAT_MBOX);
	return 0;
}
