/* fuzz_eml.c: one MIME message (GMime; quoted-printable, base64, charsets, RFC
 * 2047). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_and_scan("fuzz.eml", data, size, TL_FORMAT_EML);
	return 0;
}
