/*
 * literals.c (tonelint-literals): prints the strings the built-in rules'
 * patterns are found by, one a line: for each pattern, the literals one
 * of which every match contains (litextract.h), which tonelint's prefilter
 * looks for before it searches the pattern. bench/speed.py gives them to
 * rg as fixed strings, to measure what finding only those strings costs
 * rg, beside the rules' bare phrases.
 *
 * As rg reads them: lower case (rg -i folds), one space where a literal's
 * space stands for any run of white space, and cut back to a whole
 * character (a literal ends at 12 bytes, maybe inside one). Patterns that
 * no literal stands for (searched everywhere, or found by their runs of
 * capitals) are counted on standard error.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"
#include "litextract.h"
#include "utf8.h"

/* s[0, len) without the bytes of a character cut at its end. */
static size_t whole_chars(const char *s, size_t len)
{
	size_t n = len;
	while (n > 0 && !tli_utf8_valid(s, n))
		n--;
	return n;
}

int main(void)
{
	tl_ruleset *rs = NULL;
	if (tl_ruleset_new(&rs) || tl_ruleset_add_default(rs)) {
		fprintf(stderr,
			"tonelint-literals: cannot load the built-in rules\n");
		tl_ruleset_free(rs);
		return 1;
	}
	size_t patterns = 0, without = 0, printed = 0;
	for (size_t i = 0; i < tl_ruleset_count(rs); i++) {
		const tl_rule *r = tl_ruleset_rule(rs, i);
		for (size_t k = 0; k < r->pattern_count; k++) {
			tli_literals l;
			int rc = tli_pattern_literals(r, k, &l);
			if (rc < 0) {
				fprintf(stderr, "tonelint-literals: out of "
						"memory\n");
				tl_ruleset_free(rs);
				return 1;
			}
			patterns++;
			if (rc == 0 || l.count == 0)
				without++;
			for (size_t j = 0; rc == 1 && j < l.count; j++) {
				size_t n = whole_chars(l.lits[j], l.lens[j]);
				if (n == 0)
					continue;
				fwrite(l.lits[j], 1, n, stdout);
				putchar('\n');
				printed++;
			}
			if (rc == 1)
				tli_literals_free(&l);
		}
	}
	fprintf(stderr,
		"tonelint-literals: %zu literals of %zu patterns; %zu patterns "
		"have none\n",
		printed, patterns, without);
	tl_ruleset_free(rs);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
