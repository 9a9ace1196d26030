#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fix.h"

#define HEAD(id, sev)           \
	"- id: " id "\n"        \
	"  category: jargon\n"  \
	"  severity: " sev "\n" \
	"  message: m\n"

/* Swaps whose rewrite keeps the meaning, applied by --fix. */
static const char *const swaps =
	HEAD("jargon.formal",
	     "suggestion") "  swap:\n"
			   "    utilise: use\n"
			   "    prior to: before\n"
			   "    prior notice: advance notice\n"
			   "    in due course: soon\n"
			   "    an utmost: a great\n"
			   "  fix: [utilise, prior to, prior notice]\n"
			   "  article: true\n";

/* The document and result of `text` read as `format`; the fix made from
 * them. The caller frees all three. */
typedef struct fixed {
	tl_document *doc;
	tl_result *res;
	tl_fix *fx;
} fixed;

static fixed fix_as(tl_ruleset *rs, const char *name, const char *text,
		    tl_format format, tl_fix_select select, void *payload)
{
	fixed f = {NULL, NULL, NULL};
	tl_scanner *sc;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	assert_int_equal(tl_document_from_buffer(&f.doc, name, text,
						 strlen(text), format),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, f.doc, &f.res), TL_OK);
	assert_int_equal(tl_fix_new(&f.fx, f.res, select, payload), TL_OK);
	tl_scanner_free(sc);
	return f;
}

static void fixed_free(fixed *f)
{
	tl_fix_free(f->fx);
	tl_result_free(f->res);
	tl_document_free(f->doc);
}

/* The fixed text of `text` (plain text) under the rules `yaml`. */
static char *fix_text(const char *yaml, const char *text)
{
	tl_ruleset *rs = load_rules(yaml);
	fixed f = fix_as(rs, "t.txt", text, TL_FORMAT_TEXT, NULL, NULL);
	size_t len;
	const char *out = tl_fix_source(f.fx, &len);
	char *copy = malloc(len + 1);
	assert_non_null(copy);
	memcpy(copy, out, len);
	copy[len] = '\0';
	fixed_free(&f);
	tl_ruleset_free(rs);
	return copy;
}

static void expect_fix(const char *yaml, const char *text, const char *want)
{
	char *got = fix_text(yaml, text);
	if (strcmp(got, want) != 0)
		fail_msg("fixing \"%s\": got \"%s\", want \"%s\"", text, got,
			 want);
	free(got);
}

/* The note on the one outcome of rule `id` (NULL if it was applied). */
static const char *note_of(const tl_fix *fx, const char *id)
{
	for (size_t i = 0; i < tl_fix_outcome_count(fx); i++) {
		const tl_fix_outcome *o = tl_fix_outcome_at(fx, i);
		if (strcmp(tl_rule_id(o->finding->rule), id) == 0)
			return o->applied ? NULL : o->note;
	}
	fail_msg("no outcome for %s", id);
	return NULL;
}

static void fix__swap__keeps_the_case_pattern_of_the_match(void **state)
{
	(void)state;
	expect_fix(swaps, "Please utilise the portal.",
		   "Please use the portal.");
	expect_fix(swaps, "Utilise the portal.", "Use the portal.");
	expect_fix(swaps, "UTILISE THE PORTAL.", "USE THE PORTAL.");
	expect_fix(swaps, "PRIOR TO paying, call.", "BEFORE paying, call.");
}

static void fix__swap_phrase_not_listed__is_only_suggested(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(swaps);
	fixed f = fix_as(rs, "t.txt", "We will reply in due course.",
			 TL_FORMAT_TEXT, NULL, NULL);
	const tl_finding *fd = tl_result_finding(f.res, 0);
	assert_non_null(fd);
	assert_string_equal(fd->suggestions[0], "soon");
	assert_null(fd->fix);
	assert_int_equal(tl_fix_outcome_count(f.fx), 0);
	assert_int_equal(tl_fix_applied(f.fx), 0);
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static void fix__pattern__expands_groups_and_adapts_case(void **state)
{
	(void)state;
	const char *yaml =
		HEAD("demand.kindly",
		     "warning") "  pattern: '\\bkindly\\s+(settle|pay)\\b'\n"
				"  ignorecase: true\n"
				"  suggest: please $1\n"
				"  fix: please $1\n";
	expect_fix(yaml, "Kindly settle the invoice.",
		   "Please settle the invoice.");
	expect_fix(yaml, "We ask you to kindly pay.",
		   "We ask you to please pay.");
	expect_fix(yaml, "KINDLY PAY NOW.", "PLEASE PAY NOW.");
}

static void fix__article__follows_the_replacement(void **state)
{
	(void)state;
	expect_fix(swaps, "We sent a prior notice.",
		   "We sent an advance notice.");
	expect_fix(swaps, "A prior notice was sent.",
		   "An advance notice was sent.");
	expect_fix(swaps, "A PRIOR NOTICE WAS SENT.",
		   "AN ADVANCE NOTICE WAS SENT.");
	/* unchanged when already right, and not touched when not an
	 * article on its own */
	expect_fix(swaps, "An utilise", "A use");
	expect_fix(swaps, "Bwa prior notice", "Bwa advance notice");
	/* without article: true, the article is left as it was */
	const char *plain =
		HEAD("jargon.notice",
		     "suggestion") "  swap:\n"
				   "    prior notice: advance notice\n"
				   "  fix: true\n";
	expect_fix(plain, "We sent a prior notice.",
		   "We sent a advance notice.");
}

static void fix__wants_an__by_spelling_with_common_exceptions(void **state)
{
	(void)state;
	static const struct {
		const char *word;
		int an;
	} cases[] = {{"advance", 1}, {"early", 1},	{"invoice", 1},
		     {"hour", 1},    {"honest", 1},	{"8-day", 1},
		     {"11th", 1},    {"18", 1},		{"umbrella", 1},
		     {"user", 0},    {"one-off", 0},	{"European", 0},
		     {"unique", 0},  {"utility", 0},	{"house", 0},
		     {"12", 0},	     {"119", 0},	{"payment", 0},
		     {"", 0},	     {"\"invoice\"", 1}};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (tli_fix_wants_an(cases[i].word, strlen(cases[i].word)) !=
		    cases[i].an)
			fail_msg("\"%s\": want %s", cases[i].word,
				 cases[i].an ? "an" : "a");
}

static void fix__deletion__takes_one_side_of_white_space(void **state)
{
	(void)state;
	const char *yaml = HEAD("jargon.hereby",
				"suggestion") "  pattern: '\\bhereby\\b'\n"
					      "  ignorecase: true\n"
					      "  suggest: drop it\n"
					      "  fix: ''\n";
	expect_fix(yaml, "We hereby confirm receipt.", "We confirm receipt.");
	expect_fix(yaml, "Hereby we confirm receipt.", "We confirm receipt.");
	expect_fix(yaml, "Paid. Hereby we confirm.", "Paid. We confirm.");
	expect_fix(yaml, "We confirm it hereby.", "We confirm it.");
	expect_fix(yaml, "We confirm it hereby, thanks.",
		   "We confirm it, thanks.");
	expect_fix(yaml, "Line one\nhereby we confirm.",
		   "Line one\nwe confirm.");
}

static void fix__wrapped_match__keeps_its_line_break(void **state)
{
	(void)state;
	const char *yaml =
		HEAD("jargon.prior", "suggestion") "  swap:\n"
						   "    prior to: ahead of\n"
						   "    in the event that: if\n"
						   "  fix: true\n";
	expect_fix(yaml, "We call prior\n  to paying.",
		   "We call ahead\n  of paying.");
	expect_fix(yaml, "We call prior \r\nto paying.",
		   "We call ahead \r\nof paying.");
	/* a one-word rewrite joins the lines */
	expect_fix(yaml, "In the\nevent that it fails, call.",
		   "If it fails, call.");
}

static const char *const overlapping = HEAD(
	"jargon.kindly", "suggestion") "  swap:\n"
				       "    kindly: please\n"
				       "  fix: true\n"
				       "- id: demand.settle\n"
				       "  category: demand\n"
				       "  severity: warning\n"
				       "  message: m\n"
				       "  pattern: '\\bkindly\\s+settle\\b'\n"
				       "  ignorecase: true\n"
				       "  suggest: please pay\n"
				       "  fix: please pay\n";

static void fix__overlap__higher_severity_wins(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(overlapping);
	fixed f = fix_as(rs, "t.txt", "Kindly settle the invoice.",
			 TL_FORMAT_TEXT, NULL, NULL);
	size_t len;
	assert_string_equal(tl_fix_source(f.fx, &len),
			    "Please pay the invoice.");
	assert_int_equal(tl_fix_applied(f.fx), 1);
	assert_null(note_of(f.fx, "demand.settle"));
	assert_string_equal(note_of(f.fx, "jargon.kindly"),
			    "it overlaps the fix of demand.settle, which has a "
			    "higher severity");
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static void fix__overlap__same_severity_earlier_then_load_order(void **state)
{
	(void)state;
	const char *yaml =
		HEAD("jargon.b",
		     "suggestion") "  swap:\n"
				   "    prior to the: before the\n"
				   "  fix: true\n" HEAD(
					   "jargon.a",
					   "suggestion") "  swap:\n"
							 "    call prior: call "
							 "ahead\n"
							 "    the due date: "
							 "the deadline\n"
							 "  fix: true\n";
	tl_ruleset *rs = load_rules(yaml);
	fixed f = fix_as(rs, "t.txt", "We call prior to the due date.",
			 TL_FORMAT_TEXT, NULL, NULL);
	size_t len;
	/* "call prior" starts first; "the due date" does not overlap it */
	assert_string_equal(tl_fix_source(f.fx, &len),
			    "We call ahead to the deadline.");
	assert_string_equal(note_of(f.fx, "jargon.b"),
			    "it overlaps the fix of jargon.a, which has the "
			    "same severity and starts earlier");
	fixed_free(&f);
	/* same place, same severity: the rule loaded first */
	const char *same =
		HEAD("jargon.one",
		     "suggestion") "  swap: {prior to: before}\n"
				   "  fix: true\n" HEAD(
					   "jargon.two",
					   "suggestion") "  swap: {prior to: "
							 "ahead of}\n"
							 "  fix: true\n";
	tl_ruleset *rs2 = load_rules(same);
	f = fix_as(rs2, "t.txt", "Call prior to paying.", TL_FORMAT_TEXT, NULL,
		   NULL);
	assert_string_equal(tl_fix_source(f.fx, &len), "Call before paying.");
	assert_string_equal(note_of(f.fx, "jargon.two"),
			    "it overlaps the fix of jargon.one, which has the "
			    "same severity and place and a rule loaded "
			    "earlier");
	fixed_free(&f);
	tl_ruleset_free(rs2);
	tl_ruleset_free(rs);
}

static int only_demand(const tl_finding *f, void *payload)
{
	(void)payload;
	return strcmp(tl_rule_category(f->rule), "demand") == 0;
}

static void fix__select__limits_the_fixes_applied(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(overlapping);
	fixed f = fix_as(rs, "t.txt", "Kindly note: kindly settle it.",
			 TL_FORMAT_TEXT, only_demand, NULL);
	size_t len;
	assert_string_equal(tl_fix_source(f.fx, &len),
			    "Kindly note: please pay it.");
	assert_int_equal(tl_fix_outcome_count(f.fx), 1);
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static const char *const html_rules =
	HEAD("jargon.formal",
	     "suggestion") "  swap:\n"
			   "    prior to: before\n"
			   "    utilise: use\n"
			   "    the terms: terms & conditions\n"
			   "  fix: true\n" HEAD(
				   "demand.pay-now",
				   "warning") "  pattern: "
					      "'\\bpay\\s+\\w+\\s+now\\b'\n"
					      "  ignorecase: true\n"
					      "  suggest: pay by Friday\n"
					      "  fix: pay by Friday\n";

static void fix__html__only_prose_is_rewritten(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(html_rules);
	const char *html =
		"<p title=\"Utilise it\">Utilise the portal prior to "
		"paying.</p>\n"
		"<p>Prior&nbsp;to paying, <b>utilise</b> it.</p>\n"
		"<p>Call prior <i>to</i> paying. Pay {{ amount }} now.</p>\n"
		"<p>Read the terms.</p>\n";
	fixed f = fix_as(rs, "t.html", html, TL_FORMAT_HTML, NULL, NULL);
	size_t len;
	assert_string_equal(
		tl_fix_source(f.fx, &len),
		"<p title=\"Use it\">Use the portal before paying.</p>\n"
		"<p>Prior&nbsp;to paying, <b>use</b> it.</p>\n"
		"<p>Call prior <i>to</i> paying. Pay {{ amount }} now.</p>\n"
		"<p>Read the terms.</p>\n");
	const char *want[][2] = {
		{"Prior to", "the match includes a character reference (such "
			     "as &amp;)"},
		{"prior to", "the match spans markup or template code between "
			     "its words"},
		{"Pay {{ amount }} now",
		 "the replacement does not keep the template placeholder as "
		 "the file writes it"},
		{"the terms", "the replacement holds '&', which would need "
			      "escaping in html"}};
	size_t k = 0;
	for (size_t i = 0; i < tl_fix_outcome_count(f.fx); i++) {
		const tl_fix_outcome *o = tl_fix_outcome_at(f.fx, i);
		if (o->applied)
			continue;
		assert_true(k < 4);
		assert_string_equal(o->finding->match, want[k][0]);
		assert_string_equal(o->note, want[k][1]);
		assert_string_equal(o->finding->fix_blocked, want[k][1]);
		k++;
	}
	assert_int_equal(k, 4);
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static void fix__placeholder_kept_by_a_group__is_written(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: demand.pay-now\n  category: demand\n  severity: "
		"warning\n  message: m\n  pattern: "
		"'\\bpay\\s+(\\w+)\\s+now\\b'\n"
		"  ignorecase: true\n  suggest: please pay $1 by Friday\n"
		"  fix: please pay $1 by Friday\n");
	const char *html = "<p>Pay {{ amount|money }} now. Pay <%= due %> "
			   "now.</p>\n<p>Pay {{\n  x }} now.</p>\n";
	fixed f = fix_as(rs, "t.html", html, TL_FORMAT_HTML, NULL, NULL);
	size_t len;
	/* The placeholder's own bytes go back; '<', '%' and '|' in it need
	 * no escaping. One folded by the rewrite would change: not
	 * written. */
	assert_string_equal(
		tl_fix_source(f.fx, &len),
		"<p>Please pay {{ amount|money }} by Friday. Please "
		"pay <%= due %> by Friday.</p>\n<p>Pay {{\n  x }} "
		"now.</p>\n");
	assert_int_equal(tl_fix_applied(f.fx), 2);
	const tl_finding *last = tl_result_finding(f.res, 2);
	assert_string_equal(last->fix_blocked,
			    "the replacement does not keep the template "
			    "placeholder as the file writes it");
	assert_string_equal(last->fix, "Please pay {{ x }} by Friday");
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static void fix__escape_reading_x__not_taken_for_a_placeholder(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(html_rules);
	/* \u0078 is "x": an escape, not a template field. */
	fixed f = fix_as(rs, "t.properties", "a = Pay \\u0078 now\n",
			 TL_FORMAT_AUTO, NULL, NULL);
	assert_int_equal(tl_result_count(f.res), 1);
	const tl_finding *fd = tl_result_finding(f.res, 0);
	assert_string_equal(fd->match, "Pay x now");
	assert_string_equal(fd->fix_blocked,
			    "the match includes an escape sequence");
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static void fix__email__base64_skipped_quoted_printable_fixed(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(html_rules);
	const char *eml =
		"From: a@example.com\n"
		"Subject: Utilise the portal\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=\"b\"\n"
		"\n"
		"--b\n"
		"Content-Type: text/plain; charset=utf-8\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		"\n"
		"Please utilise the portal prior to paying, caf=C3=A9.\n"
		"\n"
		"--b\n"
		"Content-Type: text/plain; charset=utf-8\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		/* "Please call prior to paying.\n" */
		"UGxlYXNlIGNhbGwgcHJpb3IgdG8gcGF5aW5nLgo=\n"
		"\n"
		"--b--\n";
	fixed f = fix_as(rs, "t.eml", eml, TL_FORMAT_EML, NULL, NULL);
	size_t len;
	const char *out = tl_fix_source(f.fx, &len);
	assert_non_null(strstr(out, "Subject: Use the portal\n"));
	assert_non_null(strstr(
		out, "Please use the portal before paying, caf=C3=A9.\n"));
	assert_non_null(
		strstr(out, "UGxlYXNlIGNhbGwgcHJpb3IgdG8gcGF5aW5nLgo="));
	assert_int_equal(tl_fix_applied(f.fx), 3);
	int seen = 0;
	for (size_t i = 0; i < tl_fix_outcome_count(f.fx); i++) {
		const tl_fix_outcome *o = tl_fix_outcome_at(f.fx, i);
		if (!o->applied) {
			assert_string_equal(o->note, "the text is in a "
						     "base64-encoded email "
						     "body");
			seen++;
		}
	}
	assert_int_equal(seen, 1);
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static void fix__quoted_printable__line_kept_within_76(void **state)
{
	(void)state;
	const char *yaml =
		HEAD("jargon.long",
		     "suggestion") "  swap: {prior to: a good while before}\n"
				   "  fix: true\n";
	tl_ruleset *rs = load_rules(yaml);
	const char *eml = "From: a@example.com\n"
			  "Content-Type: text/plain; charset=utf-8\n"
			  "Content-Transfer-Encoding: quoted-printable\n"
			  "\n"
			  "Please check your statement and call us prior to "
			  "paying the invoice, th=\n"
			  "anks.\n";
	fixed f = fix_as(rs, "t.eml", eml, TL_FORMAT_EML, NULL, NULL);
	assert_int_equal(tl_fix_applied(f.fx), 0);
	assert_string_equal(note_of(f.fx, "jargon.long"),
			    "the rewritten line would be longer than "
			    "quoted-printable allows (76 characters)");
	fixed_free(&f);
	tl_ruleset_free(rs);
}

/* Lints `text` and applies every fix until none applies; returns the
 * passes it took. */
static unsigned fix_until_stable(tl_ruleset *rs, const char *text, char **out)
{
	tl_scanner *sc;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	fixed f = fix_as(rs, "t.txt", text, TL_FORMAT_TEXT, NULL, NULL);
	unsigned passes = 1;
	size_t applied = tl_fix_applied(f.fx);
	while (applied > 0) {
		size_t len;
		const char *src = tl_fix_source(f.fx, &len);
		tl_document *d;
		tl_result *r;
		assert_int_equal(tl_document_from_buffer(&d, "t.txt", src, len,
							 TL_FORMAT_TEXT),
				 TL_OK);
		assert_int_equal(tl_scanner_scan(sc, d, &r), TL_OK);
		assert_int_equal(tl_fix_again(f.fx, r, &applied), TL_OK);
		tl_result_free(r);
		tl_document_free(d);
		passes++;
		assert_true(passes < 10);
	}
	size_t len;
	*out = strdup(tl_fix_source(f.fx, &len));
	fixed_free(&f);
	tl_scanner_free(sc);
	return passes;
}

static void fix__twice__changes_nothing_the_second_time(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(overlapping);
	char *once;
	fix_until_stable(rs, "Kindly settle it. Kindly note: kindly reply.",
			 &once);
	assert_string_equal(once, "Please pay it. Please note: please reply.");
	char *twice;
	assert_int_equal(fix_until_stable(rs, once, &twice), 1);
	assert_string_equal(once, twice);
	free(once);
	free(twice);
	tl_ruleset_free(rs);
}

static void fix__again__composes_passes_in_one_diff(void **state)
{
	(void)state;
	/* The first fix makes the second rule's phrase. */
	const char *yaml = HEAD(
		"jargon.event",
		"warning") "  swap: {in the event that: if}\n"
			   "  fix: true\n" HEAD(
				   "jargon.if-and-when",
				   "suggestion") "  swap: {if and when: when}\n"
						 "  fix: true\n";
	tl_ruleset *rs = load_rules(yaml);
	const char *text = "one\ntwo\nthree\nfour\n"
			   "In the event that and when it fails, call.\n"
			   "six\nseven\neight\nnine\nten\neleven\ntwelve\n"
			   "Prior: in the event that it fails.\nlast";
	char *out;
	assert_int_equal(fix_until_stable(rs, text, &out), 3);
	assert_string_equal(out,
			    "one\ntwo\nthree\nfour\n"
			    "When it fails, call.\n"
			    "six\nseven\neight\nnine\nten\neleven\ntwelve\n"
			    "Prior: if it fails.\nlast");
	free(out);

	tl_scanner *sc;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	fixed f = fix_as(rs, "t.txt", text, TL_FORMAT_TEXT, NULL, NULL);
	size_t len;
	const char *src = tl_fix_source(f.fx, &len);
	tl_document *d;
	tl_result *r;
	assert_int_equal(
		tl_document_from_buffer(&d, "t.txt", src, len, TL_FORMAT_TEXT),
		TL_OK);
	assert_int_equal(tl_scanner_scan(sc, d, &r), TL_OK);
	size_t applied;
	assert_int_equal(tl_fix_again(f.fx, r, &applied), TL_OK);
	assert_int_equal(applied, 1);
	/* A result of some other text is refused. */
	assert_int_equal(tl_fix_again(f.fx, r, &applied), TL_EINVAL);
	tl_result_free(r);
	tl_document_free(d);

	char *buf = NULL;
	size_t blen = 0;
	FILE *mem = open_memstream(&buf, &blen);
	assert_non_null(mem);
	assert_int_equal(tl_fix_write_diff(f.fx, mem, "t.txt"), TL_OK);
	fclose(mem);
	assert_string_equal(buf, "--- t.txt\n"
				 "+++ t.txt\n"
				 "@@ -2,7 +2,7 @@\n"
				 " two\n"
				 " three\n"
				 " four\n"
				 "-In the event that and when it fails, call.\n"
				 "+When it fails, call.\n"
				 " six\n"
				 " seven\n"
				 " eight\n"
				 "@@ -10,5 +10,5 @@\n"
				 " ten\n"
				 " eleven\n"
				 " twelve\n"
				 "-Prior: in the event that it fails.\n"
				 "+Prior: if it fails.\n"
				 " last\n"
				 "\\ No newline at end of file\n");
	free(buf);
	/* positions of the original, in the fixed text */
	unsigned line, col;
	const char *at = strstr(text, "Prior: in");
	tl_fix_locate(f.fx, (size_t)(at - text) + 7, &line, &col);
	assert_int_equal(line, 13);
	assert_int_equal(col, 8);
	tl_fix_locate(f.fx, (size_t)(at - text) + 10, &line, &col);
	assert_int_equal(col, 8); /* inside a change: its start */
	tl_fix_locate(f.fx, strlen(text) - 1, &line, &col);
	assert_int_equal(line, 14);
	assert_int_equal(col, 4);
	fixed_free(&f);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
}

static void fix__diff__changed_lines_in_one_hunk_and_last_line(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(swaps);
	fixed f = fix_as(rs, "a.txt",
			 "Utilise it\nprior to\nlunch.\nThen utilise it",
			 TL_FORMAT_TEXT, NULL, NULL);
	char *buf = NULL;
	size_t blen = 0;
	FILE *mem = open_memstream(&buf, &blen);
	assert_int_equal(tl_fix_write_diff(f.fx, mem, NULL), TL_OK);
	fclose(mem);
	assert_string_equal(buf, "--- a.txt\n"
				 "+++ a.txt\n"
				 "@@ -1,4 +1,4 @@\n"
				 "-Utilise it\n"
				 "-prior to\n"
				 "+Use it\n"
				 "+before\n"
				 " lunch.\n"
				 "-Then utilise it\n"
				 "\\ No newline at end of file\n"
				 "+Then use it\n"
				 "\\ No newline at end of file\n");
	free(buf);
	fixed_free(&f);
	/* nothing to fix: no diff at all */
	f = fix_as(rs, "a.txt", "Use it.\n", TL_FORMAT_TEXT, NULL, NULL);
	buf = NULL;
	mem = open_memstream(&buf, &blen);
	assert_int_equal(tl_fix_write_diff(f.fx, mem, NULL), TL_OK);
	fclose(mem);
	assert_int_equal(blen, 0);
	free(buf);
	fixed_free(&f);
	tl_ruleset_free(rs);
}

static void fix__shipped_rules__fixed_examples_lint_clean(void **state)
{
	(void)state;
	tl_ruleset *rs;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_default(rs), TL_OK);
	tl_fix_test_stats st;
	assert_int_equal(tl_ruleset_test_fixes(rs, &st, NULL, NULL), TL_OK);
	assert_true(st.rules >= 2);
	assert_true(st.examples >= st.rules);
	assert_int_equal(st.failures, 0);
	tl_ruleset_free(rs);
}

static int failures_seen;
static void on_fix_failure(const tl_rule *r, const char *example,
			   const char *fixed_text, const char *problem,
			   const char *file, unsigned line, unsigned column,
			   void *payload)
{
	(void)r;
	(void)example;
	(void)file;
	(void)line;
	(void)column;
	(void)payload;
	failures_seen++;
	assert_string_equal(fixed_text, "Please use the portal.");
	assert_string_equal(problem, "the fixed text is flagged by "
				     "jargon.use (\"use\"), which the example "
				     "was not");
}

static void fix__test_fixes__reports_a_fix_that_adds_a_finding(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(HEAD(
		"jargon.formal",
		"suggestion") "  swap: {utilise: use}\n"
			      "  fix: true\n"
			      "  examples:\n"
			      "    flag: [Please utilise the portal.]\n" HEAD(
				      "jargon.use",
				      "suggestion") "  phrases: [use]\n"
						    "  suggest: employ\n");
	tl_fix_test_stats st;
	failures_seen = 0;
	assert_int_equal(tl_ruleset_test_fixes(rs, &st, on_fix_failure, NULL),
			 TL_OK);
	assert_int_equal(st.rules, 1);
	assert_int_equal(st.examples, 1);
	assert_int_equal(st.failures, 1);
	assert_int_equal(failures_seen, 1);
	tl_ruleset_free(rs);
}

/* ------------------------------------------------------------------ */
/* Writing the file                                                    */

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/tl-fix-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Reads `path`, fixes it with `swaps`, writes it back. */
static tl_status fix_file(const char *path, char *why, size_t size,
			  void (*meanwhile)(const char *path))
{
	tl_ruleset *rs = load_rules(swaps);
	tl_scanner *sc;
	tl_document *doc;
	tl_result *res;
	tl_fix *fx;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	assert_int_equal(tl_document_from_file(&doc, path, NULL, TL_FORMAT_TEXT,
					       NULL, NULL, 0),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	assert_int_equal(tl_fix_new(&fx, res, NULL, NULL), TL_OK);
	if (meanwhile)
		meanwhile(path);
	tl_status st = tl_fix_write_file(fx, path, why, size);
	tl_fix_free(fx);
	tl_result_free(res);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
	return st;
}

static void fix__write_file__replaces_it_keeping_permissions(void **state)
{
	(void)state;
	char path[128], why[256];
	snprintf(path, sizeof path, "%s/a.txt", dir);
	put(path, "Please utilise the portal.\n");
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(fix_file(path, why, sizeof why, NULL), TL_OK);
	assert_string_equal(file_text(path), "Please use the portal.\n");
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	assert_int_equal(folder_entries(dir), 1);
	/* through a symbolic link: the target is fixed, the link stays */
	char link[128];
	snprintf(link, sizeof link, "%s/link.txt", dir);
	put(path, "Utilise it.\n");
	assert_int_equal(symlink("a.txt", link), 0);
	assert_int_equal(fix_file(link, why, sizeof why, NULL), TL_OK);
	assert_string_equal(file_text(path), "Use it.\n");
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(unlink(link), 0);
}

static void touch_later(const char *path)
{
	/* another program saves the file while it is being linted */
	put(path, "Please utilise the new portal.\n");
}

static void fix__write_file__refuses_a_file_changed_meanwhile(void **state)
{
	(void)state;
	char path[128], why[256];
	snprintf(path, sizeof path, "%s/b.txt", dir);
	put(path, "Please utilise the portal.\n");
	assert_int_equal(fix_file(path, why, sizeof why, touch_later),
			 TL_ECHANGED);
	assert_string_equal(why, "changed while it was being linted; not "
				 "overwritten");
	assert_string_equal(file_text(path),
			    "Please utilise the new portal.\n");
	assert_int_equal(folder_entries(dir), 1);
}

static void fix__write_file__refuses_read_only_and_hard_links(void **state)
{
	(void)state;
	char path[128], other[128], why[256];
	snprintf(path, sizeof path, "%s/c.txt", dir);
	put(path, "Please utilise the portal.\n");
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(fix_file(path, why, sizeof why, NULL), TL_EIO);
	assert_string_equal(why, "is read-only; not fixed");
	assert_string_equal(file_text(path), "Please utilise the portal.\n");
	assert_int_equal(chmod(path, 0644), 0);
	snprintf(other, sizeof other, "%s/c-link.txt", dir);
	assert_int_equal(link(path, other), 0);
	assert_int_equal(fix_file(path, why, sizeof why, NULL), TL_EIO);
	assert_string_equal(why, "has 2 hard links, which replacing it would "
				 "separate; not fixed");
	assert_string_equal(file_text(path), "Please utilise the portal.\n");
	assert_int_equal(unlink(other), 0);
	assert_int_equal(unlink(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			fix__swap__keeps_the_case_pattern_of_the_match),
		cmocka_unit_test(
			fix__swap_phrase_not_listed__is_only_suggested),
		cmocka_unit_test(fix__pattern__expands_groups_and_adapts_case),
		cmocka_unit_test(fix__article__follows_the_replacement),
		cmocka_unit_test(
			fix__wants_an__by_spelling_with_common_exceptions),
		cmocka_unit_test(fix__deletion__takes_one_side_of_white_space),
		cmocka_unit_test(fix__wrapped_match__keeps_its_line_break),
		cmocka_unit_test(fix__overlap__higher_severity_wins),
		cmocka_unit_test(
			fix__overlap__same_severity_earlier_then_load_order),
		cmocka_unit_test(fix__select__limits_the_fixes_applied),
		cmocka_unit_test(fix__html__only_prose_is_rewritten),
		cmocka_unit_test(
			fix__escape_reading_x__not_taken_for_a_placeholder),
		cmocka_unit_test(fix__placeholder_kept_by_a_group__is_written),
		cmocka_unit_test(
			fix__email__base64_skipped_quoted_printable_fixed),
		cmocka_unit_test(fix__quoted_printable__line_kept_within_76),
		cmocka_unit_test(fix__twice__changes_nothing_the_second_time),
		cmocka_unit_test(fix__again__composes_passes_in_one_diff),
		cmocka_unit_test(
			fix__diff__changed_lines_in_one_hunk_and_last_line),
		cmocka_unit_test(fix__shipped_rules__fixed_examples_lint_clean),
		cmocka_unit_test(
			fix__test_fixes__reports_a_fix_that_adds_a_finding),
		cmocka_unit_test_setup_teardown(
			fix__write_file__replaces_it_keeping_permissions,
			make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(
			fix__write_file__refuses_a_file_changed_meanwhile,
			make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(
			fix__write_file__refuses_read_only_and_hard_links,
			make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
