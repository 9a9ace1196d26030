/* fuzz_json.c: the JSON catalogue reader. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.json", data, size, TL_FORMAT_JSON);
	return 0;
}
