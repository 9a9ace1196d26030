/* fuzz_properties.c: the .properties / .ini / .strings reader. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.properties", data, size, TL_FORMAT_PROPERTIES);
	return 0;
}
