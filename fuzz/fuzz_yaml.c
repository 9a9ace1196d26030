/* fuzz_yaml.c: the YAML catalogue reader (libyaml events). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.yml", data, size, TL_FORMAT_YAML);
	return 0;
}
