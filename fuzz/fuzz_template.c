/*
 * fuzz_template.c: the template layer in plain text. The first byte picks
 * the file name, and so the syntaxes looked for (curly braces, ERB, Blade,
 * all of them with catalogue fields); the whole input is the document.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"fuzz.txt.j2", "fuzz.txt.erb",	"fuzz.txt.blade.php",
		"fuzz.tmpl",   "fuzz.mustache", "fuzz.txt.gotmpl",
	};
	size_t pick = size ? data[0] % (sizeof names / sizeof names[0]) : 0;
	fuzz_read_and_scan(names[pick], data, size, TL_FORMAT_TEMPLATE);
	return 0;
}
