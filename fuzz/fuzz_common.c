/* fuzz_common.c: invariant checks and helpers for the fuzz targets. */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

void fuzz_check_document(const tl_document *doc)
{
	size_t src_len;
	const char *src = tl_document_source(doc, &src_len);
	FUZZ_CHECK(src != NULL);
	FUZZ_CHECK(src[src_len] == '\0');
	FUZZ_CHECK(tl_document_format(doc) != TL_FORMAT_AUTO);
	for (size_t i = 0; i < doc->text_count; i++) {
		const tli_text *t = &doc->texts[i];
		FUZZ_CHECK(t->data != NULL || t->len == 0);
		if (!t->map) {
			FUZZ_CHECK(t->src_base <= src_len);
			FUZZ_CHECK(t->len <= src_len - t->src_base);
			continue;
		}
		size_t prev_end = 0;
		for (size_t k = 0; k < t->map_len; k++) {
			const tli_map_entry *e = &t->map[k];
			FUZZ_CHECK(e->text_off >= prev_end);
			FUZZ_CHECK(e->text_off <= t->len);
			FUZZ_CHECK(e->text_len <= t->len - e->text_off);
			FUZZ_CHECK(e->src_off <= src_len);
			FUZZ_CHECK(e->src_len <= src_len - e->src_off);
			prev_end = e->text_off + e->text_len;
		}
		/* Every text offset maps inside the source. */
		for (size_t off = 0; off <= t->len; off += 1 + t->len / 64) {
			FUZZ_CHECK(tli_text_to_source(t, off, 0) <= src_len);
			FUZZ_CHECK(tli_text_to_source(t, off, 1) <= src_len);
		}
	}
	for (size_t i = 0; i < tl_document_warning_count(doc); i++) {
		const tl_error *w = tl_document_warning(doc, i);
		FUZZ_CHECK(w != NULL && w->message != NULL);
		FUZZ_CHECK(w->line >= 1 && w->column >= 1);
		FUZZ_CHECK(w->line <= doc->line_count);
	}
}

void fuzz_check_result(const tl_result *res)
{
	const tl_document *doc = tl_result_document(res);
	size_t src_len;
	(void)tl_document_source(doc, &src_len);
	size_t n = tl_result_count(res), prev = 0;
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		FUZZ_CHECK(f->offset <= src_len);
		FUZZ_CHECK(f->length <= src_len - f->offset);
		FUZZ_CHECK(f->offset >= prev); /* source order */
		prev = f->offset;
		FUZZ_CHECK(f->line >= 1 && f->column >= 1);
		FUZZ_CHECK(
			f->end_line > f->line ||
			(f->end_line == f->line && f->end_column >= f->column));
		FUZZ_CHECK(f->message && f->match && f->rule);
		for (size_t k = 0; k < f->suggestion_count; k++)
			FUZZ_CHECK(f->suggestions[k] != NULL);
	}
	/* One finding alone costs a pass over those before it: the first
	 * and the last. */
	for (size_t k = 0; k < 2 && n > 0; k++) {
		char fp[TL_FINGERPRINT_SIZE];
		tl_result_fingerprint(res, k ? n - 1 : 0, fp);
		FUZZ_CHECK(strlen(fp) == TL_FINGERPRINT_SIZE - 1);
	}
	int score = tl_result_score(res);
	FUZZ_CHECK(score >= 0 && score <= 100);
}

void fuzz_same_findings(const tl_result *a, const tl_result *b)
{
	FUZZ_CHECK(tl_result_count(a) == tl_result_count(b));
	for (size_t i = 0; i < tl_result_count(a); i++) {
		const tl_finding *x = tl_result_finding(a, i);
		const tl_finding *y = tl_result_finding(b, i);
		FUZZ_CHECK(x->rule == y->rule);
		FUZZ_CHECK(x->offset == y->offset && x->length == y->length);
	}
}

void fuzz_report(const tl_result *res, const tl_ruleset *rs,
		 tl_report_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return;
	tl_report *rep = NULL;
	if (tl_report_new(&rep, fmt, f, TL_REPORT_SUMMARY) == TL_OK) {
		if (rs)
			(void)tl_report_add_rules(rep, rs);
		(void)tl_report_add(rep, res);
		(void)tl_report_finish(rep);
	}
	tl_report_free(rep);
	fclose(f);
	free(buf);
}

/* Every word, every run of punctuation: each byte of prose is in a
 * finding, so every map entry is exercised. A phrase rule with an
 * apostrophe and a swap rule cover the other matchers. */
static const char word_rules[] = "- id: fuzz.word\n"
				 "  category: fuzz\n"
				 "  severity: suggestion\n"
				 "  message: 'word $0'\n"
				 "  pattern: '\\w+'\n"
				 "  suggest: 'not $0'\n"
				 "- id: fuzz.punct\n"
				 "  category: fuzz\n"
				 "  severity: warning\n"
				 "  message: punctuation\n"
				 "  pattern: '[^\\w\\s]+'\n"
				 "  suggest: [fewer, '$0$0']\n"
				 "- id: fuzz.phrase\n"
				 "  category: fuzz\n"
				 "  severity: error\n"
				 "  message: phrase\n"
				 "  phrases: [\"don't reply\", dear sir]\n"
				 "  suggest: reply\n"
				 "- id: fuzz.swap\n"
				 "  category: fuzz\n"
				 "  severity: suggestion\n"
				 "  message: swap\n"
				 "  swap: {pay now: pay when you can, x: y}\n";

static tl_ruleset *word_set;
static tl_scanner *word_scanner;

static void init_word_scanner(void)
{
	if (word_scanner)
		return;
	if (tl_ruleset_new(&word_set) ||
	    tl_ruleset_add_buffer(word_set, "fuzz.yml", word_rules,
				  sizeof word_rules - 1) ||
	    tl_scanner_new(&word_scanner, word_set))
		fuzz_fail(__FILE__, __LINE__, "the fuzz rule set loads");
}

void fuzz_read_and_scan(const char *name, const uint8_t *data, size_t size,
			tl_format format)
{
	if (size > FUZZ_MAX_INPUT)
		return;
	init_word_scanner();
	tl_document *doc = NULL;
	tl_status st = tl_document_from_buffer(&doc, name, (const char *)data,
					       size, format);
	if (st == TL_ENOMEM)
		return;
	/* UTF-16 and UTF-32 text is refused, for its byte order mark. */
	if (st == TL_EFORMAT) {
		FUZZ_CHECK(size >= 2 &&
			   ((data[0] == 0xFF && data[1] == 0xFE) ||
			    (data[0] == 0xFE && data[1] == 0xFF) ||
			    (size >= 4 && data[0] == 0 && data[1] == 0 &&
			     data[2] == 0xFE && data[3] == 0xFF)));
		return;
	}
	FUZZ_CHECK(st == TL_OK);
	fuzz_check_document(doc);
	tl_result *res = NULL;
	st = tl_scanner_scan(word_scanner, doc, &res);
	if (st == TL_OK) {
		fuzz_check_result(res);
		fuzz_report(res, NULL, TL_REPORT_TEXT);
		fuzz_report(res, NULL, TL_REPORT_JSON);
	}
	tl_result_free(res);
	tl_document_free(doc);
}
