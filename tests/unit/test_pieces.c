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
	static char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-pieces-XXXXXX");
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

/* Two findings alike: rule, place, text and context. */
static void same_finding(const tl_finding *a, const tl_finding *b, size_t k)
{
	if (a->offset != b->offset ||
	    strcmp(tl_rule_id(a->rule), tl_rule_id(b->rule)))
		fail_msg("finding %zu: %s at %zu whole, %s at %zu in pieces", k,
			 tl_rule_id(a->rule), a->offset, tl_rule_id(b->rule),
			 b->offset);
	assert_int_equal(a->length, b->length);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->column, b->column);
	assert_int_equal(a->end_line, b->end_line);
	assert_int_equal(a->end_column, b->end_column);
	assert_string_equal(a->match, b->match);
	if (a->context || b->context) {
		assert_non_null(a->context);
		assert_non_null(b->context);
		assert_string_equal(a->context, b->context);
	}
}

/*
 * Scans the file at path whole and in pieces of `window` bytes with the
 * rules, and checks that the pieces give the same findings and the same
 * diagnostics, each once. Returns the number of findings; *pieces the
 * number of pieces.
 */
static size_t compare_whole_and_pieces(const char *rules_yaml, const char *path,
				       size_t window, size_t *pieces)
{
	tl_ruleset *rs = load_rules(rules_yaml);
	tl_scanner *sc = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	tl_document *doc = NULL;
	tl_result *whole = NULL;
	assert_int_equal(tl_document_from_file(&doc, path, "f.txt",
					       TL_FORMAT_AUTO, NULL, NULL, 0),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &whole), TL_OK);
	size_t n = tl_result_count(whole);

	tl_pieces *p = NULL;
	char why[256];
	assert_int_equal(tl_pieces_open(&p, path, "f.txt", TL_FORMAT_AUTO, NULL,
					window, why, sizeof why),
			 TL_OK);
	assert_non_null(p);
	size_t k = 0, d = 0, words = 0;
	*pieces = 0;
	tl_result *res;
	while (tl_pieces_next(p, sc, TL_KIND_NONE, TL_STAGE_NONE, &res, why,
			      sizeof why) == TL_OK &&
	       res) {
		++*pieces;
		words += tl_document_words(tl_result_document(res));
		for (size_t i = 0; i < tl_result_count(res); i++, k++) {
			const tl_finding *b = tl_result_finding(res, i);
			if (k >= n)
				fail_msg("extra finding of %s at %zu",
					 tl_rule_id(b->rule), b->offset);
			same_finding(tl_result_finding(whole, k), b, k);
		}
		for (size_t i = 0; i < tl_result_diagnostic_count(res); i++) {
			assert_true(d < tl_result_diagnostic_count(whole));
			assert_string_equal(tl_result_diagnostic(whole, d++),
					    tl_result_diagnostic(res, i));
		}
		tl_result_free(res);
	}
	assert_int_equal(k, n);
	assert_int_equal(d, tl_result_diagnostic_count(whole));
	assert_int_equal(words, tl_document_words(doc));
	tl_pieces_free(p);
	tl_result_free(whole);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
	return n;
}

/*
 * Reads every piece of the file at path first, then scans them from the
 * last to the first with two scanners taking turns, as threads could, and
 * finishes them in order (tl_pieces_read, tl_piece_scan,
 * tl_pieces_finish): the findings after suppression comments, their
 * contexts, the diagnostics and the reader's warnings are the whole
 * file's. Returns the number of findings; *pieces the number of pieces
 * read and *voided those finish found void.
 */
static size_t compare_whole_and_steps(const char *rules_yaml, const char *path,
				      const char *name, size_t window,
				      size_t *pieces, size_t *voided)
{
	tl_ruleset *rs = load_rules(rules_yaml);
	tl_scanner *sc[2] = {NULL, NULL};
	assert_int_equal(tl_scanner_new(&sc[0], rs), TL_OK);
	assert_int_equal(tl_scanner_new(&sc[1], rs), TL_OK);
	tl_document *doc = NULL;
	tl_result *whole = NULL;
	assert_int_equal(tl_document_from_file(&doc, path, name, TL_FORMAT_AUTO,
					       NULL, NULL, 0),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc[0], doc, &whole), TL_OK);
	assert_int_equal(tl_result_apply_suppressions(whole, NULL), TL_OK);
	size_t n = tl_result_count(whole);

	tl_pieces *p = NULL;
	char why[256];
	assert_int_equal(tl_pieces_open(&p, path, name, TL_FORMAT_AUTO, NULL,
					window, why, sizeof why),
			 TL_OK);
	assert_non_null(p);
	tl_piece *all[4096];
	size_t count = 0;
	for (;;) {
		assert_true(count < sizeof all / sizeof all[0]);
		assert_int_equal(
			tl_pieces_read(p, &all[count], why, sizeof why), TL_OK);
		if (!all[count])
			break;
		count++;
	}
	for (size_t i = count; i-- > 0;)
		assert_int_equal(tl_piece_scan(all[i], sc[i % 2], TL_KIND_NONE,
					       TL_STAGE_NONE),
				 TL_OK);
	size_t k = 0, d = 0, w = 0, words = 0;
	*voided = 0;
	for (size_t i = 0; i < count; i++) {
		tl_result *res = NULL;
		assert_int_equal(tl_pieces_finish(p, all[i], sc[0], &res, why,
						  sizeof why),
				 TL_OK);
		if (!res) {
			++*voided;
			tl_piece_free(all[i]);
			continue;
		}
		assert_int_equal(tl_result_apply_suppressions(res, NULL),
				 TL_OK);
		const tl_document *pd = tl_result_document(res);
		words += tl_document_words(pd);
		for (size_t j = 0; j < tl_result_count(res); j++, k++) {
			if (k >= n)
				fail_msg("extra finding at %zu",
					 tl_result_finding(res, j)->offset);
			same_finding(tl_result_finding(whole, k),
				     tl_result_finding(res, j), k);
		}
		for (size_t j = 0; j < tl_result_diagnostic_count(res); j++) {
			assert_true(d < tl_result_diagnostic_count(whole));
			assert_string_equal(tl_result_diagnostic(whole, d++),
					    tl_result_diagnostic(res, j));
		}
		for (size_t j = 0; j < tl_document_warning_count(pd); j++) {
			assert_true(w < tl_document_warning_count(doc));
			const tl_error *a = tl_document_warning(doc, w++);
			const tl_error *b = tl_document_warning(pd, j);
			assert_int_equal(a->line, b->line);
			assert_int_equal(a->column, b->column);
			assert_string_equal(a->message, b->message);
		}
		tl_result_free(res);
		tl_piece_free(all[i]);
	}
	assert_int_equal(k, n);
	assert_int_equal(d, tl_result_diagnostic_count(whole));
	assert_int_equal(w, tl_document_warning_count(doc));
	assert_int_equal(words, tl_document_words(doc));
	*pieces = count;
	tl_pieces_free(p);
	tl_result_free(whole);
	tl_document_free(doc);
	tl_scanner_free(sc[0]);
	tl_scanner_free(sc[1]);
	tl_ruleset_free(rs);
	return n;
}

static void pieces__findings__as_the_whole_files(void **state)
{
	(void)state;
	size_t len, pieces;
	char *path = write_file(&len);
	assert_true(compare_whole_and_pieces(rules, path, 1024, &pieces) >
		    6000);
	assert_true(pieces > 50);
	unlink(path);
}

static const char *anchor_rules =
	"- id: a.caret\n"
	"  category: a\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: '^\\w+'\n"
	"  suggest: s\n"
	"- id: a.text-start\n"
	"  category: a\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: '\\A\\w+ \\d+'\n"
	"  suggest: s\n"
	"- id: a.line-start\n"
	"  category: a\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: '(?m)^(?:Note|é) \\d+'\n"
	"  suggest: s\n"
	"- id: a.after-fee\n"
	"  category: a\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: '(?<=late fee\\.\\n\\n)\\w+ \\d+'\n"
	"  suggest: s\n"
	"- id: a.not-after-fee\n"
	"  category: a\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: '(?<!fee\\.\\n\\n)\\bDear'\n"
	"  suggest: s\n"
	"- id: a.word-start\n"
	"  category: a\n"
	"  severity: warning\n"
	"  message: m\n"
	"  pattern: '\\bx\\d+'\n"
	"  suggest: s\n";

/* Paragraphs of about 1,100 bytes, each one piece of 1 KiB, some ending in
 * "late fee." and some starting with a word a look-behind or an anchor
 * picks out; far more than the context before a piece, so that most
 * pieces' context starts inside the file, some inside a line or a
 * character ("é"), some at "x1" after a letter. */
static char *write_anchor_file(void)
{
	static char path[] = "/tmp/tonelint-pieces-anchors-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	static const char *starts[] = {"Note", "Dear team", "Reminder", "é"};
	for (int i = 0; i < 400; i++) {
		fprintf(f, "%s %d: the statement is attached.", starts[i % 4],
			i);
		for (int j = 0; j < 20 + i % 3; j++)
			fputs(j % 4 == 3 ? "\nWe gathered every invoice, éé x1 "
					   "and y."
					 : " We gathered every invoice of the "
					   "period, ax1 éé.",
			      f);
		fputs(i % 3 ? "\nFailure to pay will result in a late fee.\n\n"
			    : "\nThank you.\n\n",
		      f);
	}
	fclose(f);
	return path;
}

static void pieces__anchors_and_lookbehinds__as_the_whole_files(void **state)
{
	(void)state;
	char *path = write_anchor_file();
	size_t pieces;
	/* Without context before each piece, ^ and \A would match at every
	 * piece's start, and the look-behinds would not see the late fee. */
	size_t n = compare_whole_and_pieces(anchor_rules, path, 1024, &pieces);
	assert_true(n > 400);
	assert_true(pieces > 300);
	/* Pieces larger than the context, and a window of odd size. */
	compare_whole_and_pieces(anchor_rules, path, 100000, &pieces);
	assert_true(pieces > 2);
	compare_whole_and_pieces(anchor_rules, path, 7777, &pieces);
	unlink(path);
}

#define CONTEXT TLI_PIECE_CONTEXT

/* Where the piece at the start of s[0, rest) ends, and its context after
 * it, cut from all the bytes a piece can take: 3w + CONTEXT + 1 after the
 * `lead` bytes of context before it, doubled with them until a line ends
 * (what pieces.c reads less of). */
static void ref_cut(const char *s, size_t rest, size_t lead, size_t w,
		    size_t *own, size_t *end)
{
	size_t need = lead + 3 * w + CONTEXT + 1;
	while (need - lead < rest && !memchr(s, '\n', need - lead))
		need *= 2;
	size_t avail = rest < need - lead ? rest : need - lead;
	if (rest <= 2 * w) {
		*own = *end = rest;
		return;
	}
	*own = tli_piece_cut(s, avail, w, 2 * w);
	size_t from = *own + CONTEXT < avail ? *own + CONTEXT : avail;
	size_t limit = from + w < avail ? from + w : avail;
	*end = limit;
	/* the first paragraph break ending in [from, limit) */
	for (size_t j = from; j < limit; j++) {
		if (s[j] != '\n')
			continue;
		size_t k = j + 1;
		while (k < limit &&
		       (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
			k++;
		if (k < limit && s[k] == '\n') {
			*end = k + 1;
			break;
		}
		j = k - 1;
	}
}

/* The window of the piece at a file's offset with `rest` bytes from there
 * on: w, but a quarter of the rest once that is less than four windows,
 * down to a quarter of w (the last pieces are smaller, for the workers
 * that scan them to end together). */
static size_t tapered(size_t w, size_t rest)
{
	size_t q = rest / 4, least = w / 4 ? w / 4 : 1;
	return q > w ? w : q > least ? q : least;
}

/* Paragraphs of 100 bytes to 300 KB, some of lines with no blank line
 * between them for longer than a window, some one line longer than two:
 * the cuts must read on, past what they first read, to find their end. */
static char *write_stretches(size_t *len, char **data)
{
	static char path[] = "/tmp/tonelint-pieces-stretch-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	uint64_t r = 88172645463325252u;
	for (int i = 0; i < 60; i++) {
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		size_t target = 100 + (size_t)(r % 300000), n = 0;
		while (n < target) {
			int k = fprintf(
				f, "Line %d.%zu is ovérdue; legal action%s", i,
				n, i % 3 ? ".\n" : " and more.");
			n += (size_t)k;
		}
		fputs(i % 4 ? "\n\n" : "\n \t\n", f);
	}
	*len = (size_t)ftell(f);
	fclose(f);
	*data = malloc(*len + 1);
	assert_non_null(*data);
	FILE *g = fopen(path, "rb");
	assert_int_equal(fread(*data, 1, *len, g), *len);
	fclose(g);
	return path;
}

static void
pieces__cut_as_from_every_byte__document_borrowed_whole(void **state)
{
	(void)state;
	size_t len;
	char *data;
	char *path = write_stretches(&len, &data);
	tl_ruleset *rs = load_rules(rules);
	tl_scanner *sc = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	static const size_t windows[] = {70000, 100000, 250000, 1 << 20};
	for (size_t wi = 0; wi < sizeof windows / sizeof windows[0]; wi++) {
		size_t w = windows[wi], off = 0, pieces = 0;
		tl_pieces *p = NULL;
		char why[256];
		assert_int_equal(tl_pieces_open(&p, path, "f.txt",
						TL_FORMAT_TEXT, NULL, w, why,
						sizeof why),
				 TL_OK);
		assert_non_null(p);
		tl_result *res;
		while (tl_pieces_next(p, sc, TL_KIND_NONE, TL_STAGE_NONE, &res,
				      why, sizeof why) == TL_OK &&
		       res) {
			const tl_document *d = tl_result_document(res);
			size_t own, end, n, lead = off - d->base_off;
			ref_cut(data + off, len - off, lead,
				tapered(w, len - off), &own, &end);
			const char *src = tl_document_source(d, &n);
			if (n != lead + end)
				fail_msg("window %zu, piece at %zu: %zu bytes, "
					 "want %zu",
					 w, off, n - lead, end);
			/* the file's bytes, whole while the result lives */
			assert_memory_equal(src, data + d->base_off, n);
			assert_int_equal(src[n], '\0');
			tl_result_free(res);
			off += own;
			pieces++;
		}
		assert_int_equal(off, len);
		assert_true(pieces >= len / (2 * w));
		tl_pieces_free(p);
	}
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
	free(data);
	unlink(path);
}

static const char *catastrophic_rules = "- id: bad.backtracking\n"
					"  category: bad\n"
					"  severity: warning\n"
					"  message: m\n"
					"  pattern: '(x+x+)+y'\n"
					"  suggest: s\n"
					"- id: cold.no-reply\n"
					"  category: cold\n"
					"  severity: warning\n"
					"  message: m\n"
					"  phrases: [do not reply]\n"
					"  suggest: s\n";

static void pieces__rule_that_gives_up__warns_once_and_stays_quiet(void **state)
{
	(void)state;
	static char path[] = "/tmp/tonelint-pieces-catastrophic-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	/* The rule matches in the first paragraphs, gives up on a run of x
	 * (the match limit) in a later one, and would match again after. */
	for (int i = 0; i < 40; i++) {
		if (i % 10 == 9) {
			for (int j = 0; j < 5000; j++)
				fputc('x', f);
			fputs(" do not reply\n\n", f);
		} else {
			fprintf(f, "Note %d: xxy, please do not reply. %s\n\n",
				i,
				"Some more words to fill the paragraph out a "
				"little, so that it is a piece of its own, "
				"about as long as a short letter would be.");
		}
	}
	fclose(f);
	size_t pieces;
	size_t n = compare_whole_and_pieces(catastrophic_rules, path, 256,
					    &pieces);
	assert_true(pieces > 20);
	assert_true(n > 40);
	unlink(path);
}

/* The same when the rule gave up more than a piece's context (64 KiB)
 * before: only what the scan of the earlier piece said keeps it quiet. */
static void pieces__rule_that_gave_up_far_back__stays_quiet(void **state)
{
	(void)state;
	static char path[] = "/tmp/tonelint-pieces-far-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	for (int i = 0; i < 1000; i++) {
		if (i == 5) {
			for (int j = 0; j < 5000; j++)
				fputc('x', f);
			fputs(" do not reply\n\n", f);
		} else {
			fprintf(f, "Note %d: xxy, please do not reply. %s\n\n",
				i,
				"Some more words to fill the paragraph out a "
				"little, so that it is a piece of its own, "
				"about as long as a short letter would be.");
		}
	}
	assert_true(ftell(f) > 2 * 64 * 1024);
	fclose(f);
	size_t pieces;
	size_t n = compare_whole_and_pieces(catastrophic_rules, path, 4096,
					    &pieces);
	assert_true(pieces > 20);
	assert_true(n > 1000);
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

static void mbox_cut__message_start_after_a_blank_line(void **state)
{
	(void)state;
	const char *s = "From a\nSubject: x\n\nbody\nFrom here on\n\n"
			"From b\n\n\r\nFrom c\nx\n";
	size_t n = strlen(s);
	/* "From here on" follows no blank line; "From b" does. */
	size_t b = (size_t)(strstr(s, "From b") - s);
	size_t c = (size_t)(strstr(s, "From c") - s);
	assert_int_equal(tli_mbox_cut(s, n, 1), b);
	assert_int_equal(tli_mbox_cut(s, n, b + 1), c);
	/* None at or after the last one; never the piece's own start. */
	assert_int_equal(tli_mbox_cut(s, n, c + 1), 0);
	assert_int_equal(tli_mbox_cut(s, n, 0), b);
	/* A line without its end is not judged. */
	assert_int_equal(tli_mbox_cut("From a\n\nFrom b", 14, 1), 0);
	int blank = 1;
	assert_int_equal(tl_mbox_from_line("From x\n", 7, &blank), 1);
	assert_int_equal(tl_mbox_from_line("From y\n", 7, &blank), 0);
	assert_int_equal(tl_mbox_from_line("\r\n", 2, &blank), 0);
	assert_int_equal(tl_mbox_from_line(">From z\n", 8, &blank), 0);
}

static void steps__scanned_in_any_order__as_the_whole_files(void **state)
{
	(void)state;
	size_t len, pieces, voided;
	char *path = write_file(&len);
	assert_true(compare_whole_and_steps(rules, path, "f.txt", 1024, &pieces,
					    &voided) > 6000);
	assert_true(pieces > 50);
	assert_int_equal(voided, 0);
	unlink(path);
}

/*
 * Writes a mailbox of 300 short reminders, some with a "From " line in a
 * body or among the headers (which GMime makes a message of, or cannot
 * read, so that the "From " lines a piece holds are not its messages),
 * and, when `comment` is set, a suppression comment in message 200: from
 * there the rest of the file is one piece. Returns the number of "From "
 * lines.
 */
static unsigned write_mailbox(const char *path, int comment)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	unsigned from = 0;
	for (int i = 0; i < 300; i++, from++) {
		fprintf(f,
			"From billing@example.com Mon Mar  4 09:00:00 2024\n"
			"From: Billing <billing@example.com>\n"
			"Subject: Reminder %d: legal action\n"
			"Message-ID: <m%d@example.com>\n",
			i, i);
		if (i % 11 == 3 && ++from)
			fputs("From the header block\n", f);
		if (i == 200 && comment)
			fputs("Content-Type: text/html\n\n"
			      "<p>Do not reply.</p>\n"
			      "<!-- tonelint-disable t.legal -->\n"
			      "<p>legal action</p>\n",
			      f);
		else
			fputs("\nHello,\n\nPlease note: legal action. Do not "
			      "reply.\n",
			      f);
		if (i % 7 == 2 && ++from)
			fputs("From the desk of the billing team.\n"
			      "legal action\n",
			      f);
		fputs("\n", f);
	}
	fclose(f);
	return from;
}

/* The number of the last message that has a finding ("message N ..."). */
static unsigned last_message(const char *rules_yaml, const char *path)
{
	tl_ruleset *rs = load_rules(rules_yaml);
	tl_scanner *sc = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	tl_document *doc = NULL;
	tl_result *res = NULL;
	assert_int_equal(tl_document_from_file(&doc, path, NULL, TL_FORMAT_AUTO,
					       NULL, NULL, 0),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	unsigned last = 0;
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const char *c = tl_result_finding(res, i)->context;
		unsigned m;
		if (c && sscanf(c, "message %u", &m) == 1 && m > last)
			last = m;
	}
	tl_result_free(res);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
	return last;
}

static void steps__mailbox_numbers_guessed_wrong__mended(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-steps-%ld.mbox",
		 (long)getpid());
	unsigned from = write_mailbox(path, 0);
	/* The pieces' guesses, one message a "From " line, are wrong. */
	unsigned messages = last_message(rules, path);
	assert_true(messages >= 300);
	assert_true(messages < from);
	size_t pieces, voided;
	assert_true(compare_whole_and_steps(rules, path, NULL, 1024, &pieces,
					    &voided) > 300);
	assert_true(pieces > 20);
	assert_int_equal(voided, 0);
	unlink(path);
}

static void
steps__mailbox_comment__rest_read_whole_pieces_after_void(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-steps-c-%ld.mbox",
		 (long)getpid());
	write_mailbox(path, 1);
	size_t pieces, voided;
	assert_true(compare_whole_and_steps(rules, path, NULL, 1024, &pieces,
					    &voided) > 300);
	assert_true(pieces > 20);
	assert_true(voided > 5);
	unlink(path);
}

/* A mailbox's pieces are of the window, as a plain text's: one of 1,500
 * bytes is read whole with 1 KiB windows and in pieces with 256 bytes,
 * each cut before the first message that starts the (tapered) window or
 * more in. */
static void pieces__mailbox__pieces_of_the_window(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-window-%ld.mbox",
		 (long)getpid());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	size_t starts[21];
	for (int i = 0; i < 20; i++) {
		starts[i] = (size_t)ftell(f);
		fprintf(f,
			"From a@b Mon Mar  4 09:00:00 2024\nSubject: %d\n\n"
			"legal action\n\n",
			i);
	}
	long size = ftell(f);
	starts[20] = (size_t)size;
	fclose(f);
	assert_true(size > 2 * 256 && size < 2 * 1024);
	/* the pieces the cuts make: from each, to the first message that
	 * starts its window or more in */
	size_t want = 0;
	for (size_t off = 0, m = 0; off < (size_t)size; want++) {
		size_t w = tapered(256, (size_t)size - off);
		while (m < 20 && starts[m] < off + w)
			m++;
		off = starts[m];
	}
	assert_true(want >= 5);
	tl_pieces *p = NULL;
	assert_int_equal(tl_pieces_open(&p, path, NULL, TL_FORMAT_AUTO, NULL,
					1024, NULL, 0),
			 TL_OK);
	assert_null(p);
	assert_int_equal(tl_pieces_open(&p, path, NULL, TL_FORMAT_AUTO, NULL,
					256, NULL, 0),
			 TL_OK);
	assert_non_null(p);
	size_t count = 0;
	tl_piece *pc;
	while (tl_pieces_read(p, &pc, NULL, 0) == TL_OK && pc) {
		count++;
		tl_piece_free(pc);
	}
	assert_int_equal(count, want);
	tl_pieces_free(p);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cut__paragraph_break__after_the_blank_line),
		cmocka_unit_test(cut__no_paragraph__at_the_last_line_end),
		cmocka_unit_test(cut__long_line__never_inside_it),
		cmocka_unit_test(cut__limit_past_the_end__everything),
		cmocka_unit_test(mbox_cut__message_start_after_a_blank_line),
		cmocka_unit_test(pieces__findings__as_the_whole_files),
		cmocka_unit_test(
			pieces__anchors_and_lookbehinds__as_the_whole_files),
		cmocka_unit_test(
			pieces__rule_that_gives_up__warns_once_and_stays_quiet),
		cmocka_unit_test(
			pieces__rule_that_gave_up_far_back__stays_quiet),
		cmocka_unit_test(pieces__small_or_not_text__read_whole),
		cmocka_unit_test(pieces__mailbox__pieces_of_the_window),
		cmocka_unit_test(
			steps__scanned_in_any_order__as_the_whole_files),
		cmocka_unit_test(steps__mailbox_numbers_guessed_wrong__mended),
		cmocka_unit_test(
			steps__mailbox_comment__rest_read_whole_pieces_after_void),
		cmocka_unit_test(
			pieces__cut_as_from_every_byte__document_borrowed_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
