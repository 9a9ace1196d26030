/*
 * fuzz_common.h: what the fuzz targets share. Each target is one .c file
 * defining LLVMFuzzerTestOneInput; linked with -fsanitize=fuzzer it is a
 * libFuzzer binary, linked with driver.c a program that runs it over files
 * (the corpus, as a regression test in ctest).
 *
 * The targets link the library's objects, as the unit tests do, so they can
 * check internal invariants (every map entry inside the source) as well as
 * the public ones. A broken invariant calls abort(): the fuzzer reports it
 * as a crash and saves the input.
 */
#ifndef TL_FUZZ_COMMON_H
#define TL_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message on stderr when `cond` is false. */
#define FUZZ_CHECK(cond) \
	((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
void fuzz_fail(const char *file, int line, const char *what)
	__attribute__((noreturn));

/*
 * Reads `data` as a document of `format` named `name`, checks the reader's
 * invariants (texts and maps inside the source, warnings with positions in
 * it), scans it with a small rule set that matches every word and every
 * run of punctuation (so every byte of prose is mapped back to the file),
 * checks each finding, and writes the text and JSON reports to memory.
 */
void fuzz_read_and_scan(const char *name, const uint8_t *data, size_t size,
			tl_format format);

/* Checks a document's reader invariants. */
void fuzz_check_document(const tl_document *doc);

/* Checks a result's findings against its document. */
void fuzz_check_result(const tl_result *res);

/* Checks that two results hold the same findings (rule and place), in
 * the same order: a scan with and without the prefilter. */
void fuzz_same_findings(const tl_result *a, const tl_result *b);

/* Writes `res` in report format `fmt` to memory (and throws it away). */
void fuzz_report(const tl_result *res, const tl_ruleset *rs,
		 tl_report_format fmt);

/* Input larger than this is ignored: the targets look for bugs in parsing,
 * not for the cost of big inputs (the size limit covers those). */
#define FUZZ_MAX_INPUT (256 * 1024)

#endif
