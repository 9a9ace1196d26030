/* test_pieces.c: a file read in pieces gives the whole file's findings. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../../src/internal.h"
#include "helpers.h"

static void cut__paragraph_break__after_the_blank_line(void **state)
{
	(void)state;
	const char *s = "aaaa\nbbbb\n\ncccc\n \t\ndddd\n";
	size_t n = strlen(s);
	/* The first break ending at or after 3: after "bbbb\n\n". */
	assert_int_equal(tli_piece_cut(s, n, 3, 18), 11);
	/* From 12 on, the next one: after "cccc\n \t\n". */
	assert_int_equal(tli_piece_cut(s, n, 12, 20), 19);
}

static void cut__no_paragraph__at_the_last_line_end(void **state)
{
	(void)state;
	const char *s = "aaaa\nbbbb\ncccc\ndddd";
	assert_int_equal(tli_piece_cut(s, strlen(s), 2, 12), 10);
}

static void cut__long_line__never_inside_it(void **state)
{
	(void)state;
	/* No line end before the limit: the piece runs to the line's end,
	 * never into a character ("é" is two bytes). */
	const char *s = "ééééééééé\nabc";
	assert_int_equal(tli_piece_cut(s, strlen(s), 2, 5), 19);
	const char *t = "éééé";
	assert_int_equal(tli_piece_cut(t, strlen(t), 2, 5), strlen(t));
}

static void cut__limit_past_the_end__everything(void **state)
{
	(void)state;
	assert_int_equal(tli_piece_cut("ab\n\ncd", 6, 1, 6), 6);
}

static const char *rules = "- id: t.legal\n"
			   "  title: t\n"
			   "  category: threat\n"
			   "  severity: error\n"
			   "  message: m\n"
			   "  pattern: 'legal\\s+action'\n"
			   "  suggest: s\n"
			   "- id: t.word\n"
			   "  title: t\n"
			   "  category: cold\n"
			   "  severity: warning\n"
			   "  message: m\n"
			   "  pattern: '\\bovérdue\\b'\n"
			   "  suggest: s\n";

/* Writes a file of paragraphs with matches everywhere, one of them split
 * by a paragraph break, so that some fall on and across the cuts. */
static char *write_file(size_t *len)
{
	static char path[] = "/tmp/tonelint-pieces-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	for (int i = 0; i < 3000; i++) {
		fprintf(f, "Para %d is ovérdue; legal action", i);
		if (i % 7 == 0)
			fputs(" legal\n\naction", f);
		fputs(i % 5 ? ".\n\n" : ".\nmore ovérdue text\n  \n", f);
	}
	*len = (size_t)ftell(f);
	fclose(f);
	return path;
}

static void pieces__findings__as_the_whole_files(void **state)
{
	(void)state;
	size_t len;
	char *path = write_file(&len);
	tl_ruleset *rs = load_rules(rules);
	tl_scanner *sc = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	tl_document *doc = NULL;
	tl_result *whole = NULL;
	assert_int_equal(tl_document_from_file(&doc, path, "f.txt",
					       TL_FORMAT_AUTO, NULL, NULL, 0),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &whole), TL_OK);
	size_t n = tl_result_count(whole);
	assert_true(n > 6000);

	tl_pieces *p = NULL;
	char why[256];
	assert_int_equal(tl_pieces_open(&p, path, "f.txt", TL_FORMAT_AUTO, NULL,
					1024, why, sizeof why),
			 TL_OK);
	assert_non_null(p);
	size_t k = 0, pieces = 0, words = 0;
	tl_result *res;
	while (tl_pieces_next(p, sc, TL_KIND_NONE, TL_STAGE_NONE, &res, why,
			      sizeof why) == TL_OK &&
	       res) {
		pieces++;
		words += tl_document_words(tl_result_document(res));
		for (size_t i = 0; i < tl_result_count(res); i++, k++) {
			assert_true(k < n);
			const tl_finding *a = tl_result_finding(whole, k);
			const tl_finding *b = tl_result_finding(res, i);
			assert_string_equal(tl_rule_id(a->rule),
					    tl_rule_id(b->rule));
			assert_int_equal(a->offset, b->offset);
			assert_int_equal(a->length, b->length);
			assert_int_equal(a->line, b->line);
			assert_int_equal(a->column, b->column);
			assert_int_equal(a->end_line, b->end_line);
			assert_int_equal(a->end_column, b->end_column);
			assert_string_equal(a->match, b->match);
		}
		tl_result_free(res);
	}
	assert_int_equal(k, n);
	assert_true(pieces > 50);
	assert_int_equal(words, tl_document_words(doc));
	tl_pieces_free(p);
	tl_result_free(whole);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
	unlink(path);
}

static void pieces__small_or_not_text__read_whole(void **state)
{
	(void)state;
	/* A name that says HTML, made unique by the process id. */
	char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-pieces-%ld.html",
		 (long)getpid());
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	for (int i = 0; i < 2000; i++)
		fputs("<p>Hello there.</p>\n\n", f);
	fclose(f);
	tl_pieces *p = (tl_pieces *)1;
	assert_int_equal(tl_pieces_open(&p, path, NULL, TL_FORMAT_AUTO, NULL,
					1024, NULL, 0),
			 TL_OK);
	assert_null(p);
	/* Not larger than two pieces. */
	assert_int_equal(tl_pieces_open(&p, path, NULL, TL_FORMAT_TEXT, NULL,
					1 << 20, NULL, 0),
			 TL_OK);
	assert_null(p);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cut__paragraph_break__after_the_blank_line),
		cmocka_unit_test(cut__no_paragraph__at_the_last_line_end),
		cmocka_unit_test(cut__long_line__never_inside_it),
		cmocka_unit_test(cut__limit_past_the_end__everything),
		cmocka_unit_test(pieces__findings__as_the_whole_files),
		cmocka_unit_test(pieces__small_or_not_text__read_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
