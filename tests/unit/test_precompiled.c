/* The table of the built-in packs' patterns worked out at build time
 * (precompiled.h) must say exactly what compiling and analysing them now
 * would. */
#include "helpers.h"
#include "litextract.h"
#include "pattern.h"
#include "precompiled.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static void table__every_entry__decodes_as_compiled_now(void **state)
{
	(void)state;
	assert_true(tli_precomp_count > 500);
	for (size_t i = 0; i < tli_precomp_count; i++) {
		const tli_precomp_entry *e = &tli_precomp_table[i];
		/* sorted, each pattern once: the lookup is a binary search */
		if (i) {
			const tli_precomp_entry *p = &tli_precomp_table[i - 1];
			assert_true(tli_precomp_order(
					    tli_precomp_src(p), p->src_len,
					    p->caseless, tli_precomp_src(e),
					    e->src_len, e->caseless) < 0);
		}
		pcre2_code *have = tli_precomp_code(tli_precomp_src(e),
						    e->src_len, e->caseless);
		assert_non_null(have);
		int err;
		PCRE2_SIZE off;
		uint32_t flags =
			TLI_PCRE2_FLAGS | (e->caseless ? PCRE2_CASELESS : 0);
		pcre2_code *want =
			pcre2_compile((PCRE2_SPTR)tli_precomp_src(e),
				      e->src_len, flags, &err, &off, NULL);
		assert_non_null(want);
		uint32_t a, b, oa, ob;
		size_t sa, sb;
		pcre2_pattern_info(have, PCRE2_INFO_CAPTURECOUNT, &a);
		pcre2_pattern_info(want, PCRE2_INFO_CAPTURECOUNT, &b);
		pcre2_pattern_info(have, PCRE2_INFO_ALLOPTIONS, &oa);
		pcre2_pattern_info(want, PCRE2_INFO_ALLOPTIONS, &ob);
		pcre2_pattern_info(have, PCRE2_INFO_SIZE, &sa);
		pcre2_pattern_info(want, PCRE2_INFO_SIZE, &sb);
		if (a != b || oa != ob || sa != sb || e->captures != b)
			fail_msg("entry %zu differs from a fresh compile", i);
		pcre2_code_free(have);
		pcre2_code_free(want);
	}
}

/* Two lists of n strings (lengths alen, blen) hold the same strings. */
/* Every built-in pattern tells PCRE2 where a match can start: a first code
 * unit, a start bitmap, or an anchor. With Unicode classes on (PCRE2_UCP),
 * a pattern whose first item can be \d, \s or \w has none, and PCRE2
 * tries it at every character of a window or a whole mail (150 us on a
 * 1 KB reminder for a phone-number pattern, against 11 us with
 * (?=[+(0-9]) first): a pack edit that brings one back fails here. */
static void table__every_entry__has_a_start_to_look_for(void **state)
{
	(void)state;
	for (size_t i = 0; i < tli_precomp_count; i++) {
		const tli_precomp_entry *e = &tli_precomp_table[i];
		pcre2_code *re = tli_precomp_code(tli_precomp_src(e),
						  e->src_len, e->caseless);
		assert_non_null(re);
		int has_start = tli_pattern_has_start(re);
		pcre2_code_free(re);
		if (!has_start)
			fail_msg("no start to look for: %.*s", (int)e->src_len,
				 tli_precomp_src(e));
	}
}

/* No built-in pattern or exception backtracks out of proportion on plain
 * sentences: searched through the interpreter over each of them, none
 * needs more than MATCH_STEPS of PCRE2's match limit (counted, not timed).
 * `(?:\w+['’]?\w*\s+){0,8}?` split every word every way it could (the
 * \w+ and the \w*), eight words deep: 20 ms a search of the sentence
 * below, for demand.without-delay's exception. */
static void table__every_entry__backtracks_within_bounds(void **state)
{
	(void)state;
	enum { MATCH_STEPS = 200000 };
	static const char *const sentences[] = {
		"\xE2\x80\x9CPay the invoice without delay.\xE2\x80\x9D We "
		"have "
		"gathered every invoice of the period in one place, with the "
		"dates, the amounts and the references you asked for.",
		"I understand that everybody here is extraordinarily busy with "
		"quarterly reconciliations, but we would really appreciate "
		"hearing back about outstanding remittances as soon as "
		"possible.",
		"WE HAVE WRITTEN TO YOU SEVERAL TIMES ABOUT THIS OUTSTANDING "
		"BALANCE AND YOUR ACCOUNT REMAINS UNPAID DESPITE OUR "
		"REMINDERS.",
		"Our team will get your order out without fuss; it should "
		"arrive tomorrow, and your refund will be processed soon after "
		"the courier confirms that everything arrived in perfect "
		"condition without any damage whatsoever."};
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	assert_non_null(mc);
	pcre2_set_match_limit(mc, MATCH_STEPS);
	for (size_t i = 0; i < tli_precomp_count; i++) {
		const tli_precomp_entry *e = &tli_precomp_table[i];
		pcre2_code *re = tli_precomp_code(tli_precomp_src(e),
						  e->src_len, e->caseless);
		assert_non_null(re);
		pcre2_match_data *md =
			pcre2_match_data_create_from_pattern(re, NULL);
		assert_non_null(md);
		for (size_t k = 0; k < sizeof sentences / sizeof *sentences;
		     k++) {
			const char *t = sentences[k];
			int rc = pcre2_match(re, (PCRE2_SPTR)t, strlen(t), 0, 0,
					     md, mc);
			if (rc == PCRE2_ERROR_MATCHLIMIT)
				fail_msg("more than %d match steps on "
					 "sentence %zu: %.*s",
					 MATCH_STEPS, k, (int)e->src_len,
					 tli_precomp_src(e));
		}
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	pcre2_match_context_free(mc);
}

/* A text of `words` words drawn (a fixed sequence) from `vocab`, each
 * followed by `sep`; into buf (size `size`, always terminated). */
static void stress_text(char *buf, size_t size, const char *const *vocab,
			size_t nvocab, size_t words, const char *sep)
{
	size_t at = 0;
	uint32_t x = 12345;
	buf[0] = '\0';
	for (size_t i = 0; i < words; i++) {
		x = x * 1103515245u + 12345u;
		const char *w = vocab[(x >> 16) % nvocab];
		int n = snprintf(buf + at, size - at, "%s%s", w, sep);
		if (n < 0 || (size_t)n >= size - at)
			break;
		at += (size_t)n;
	}
}

/* Nor on texts unlike sentences, of the shapes that make a pattern try
 * many ways (each about 2 KB, every match of each pattern and exception
 * searched for in turn, under a depth limit of 10,000, a twentieth of
 * match.c's): a run-on sentence of
 * billing words without a full stop, a line of capitals, a word a line,
 * a word said 300 times, punctuation, template placeholders, amounts and
 * dates. */
static void table__every_entry__within_limits_on_stress_texts(void **state)
{
	(void)state;
	enum { MATCH_STEPS = 200000, DEPTH = 10000, SIZE = 4096 };
	static const char *const billing[] = {
		"we",	       "will",	  "have",	 "to",	    "take",
		"further",     "action",  "if",		 "the",	    "payment",
		"is",	       "not",	  "received",	 "and",	    "your",
		"account",     "may",	  "be",		 "passed",  "our",
		"collections", "team",	  "who",	 "contact", "you",
		"please",      "pay",	  "outstanding", "balance", "now",
		"invoice",     "final",	  "reminder",	 "failure", "result",
		"in",	       "legal",	  "costs",	 "fees",    "late",
		"very",	       "overdue", "immediately", "without", "delay",
		"any",	       "can't",	  "won’t",	 "do",	    "I"};
	static const char *const caps[] = {
		"WE",	 "WILL",    "HAVE",    "TO",	 "TAKE",  "ACTION",
		"IF",	 "THE",	    "PAYMENT", "IS",	 "NOT",	  "RECEIVED",
		"YOUR",	 "ACCOUNT", "FINAL",   "NOTICE", "PAY",	  "NOW",
		"DON'T", "IGNORE",  "THIS",    "OR",	 "LEGAL", "&"};
	static const char *const repeated[] = {"very"};
	static const char *const punct[] = {"...", "---", "!!!", "???", ",,,",
					    ";",   ":",	  "!?",	 "(",	")"};
	static const char *const tmpl[] = {"{{ customer.name }}",
					   "[INVOICE NO]",
					   "%AMOUNT%",
					   "{{due_date}}",
					   "${total}",
					   "<b>",
					   "</b>",
					   "{% if overdue %}",
					   "{% endif %}",
					   "your",
					   "invoice",
					   "is due"};
	static const char *const amounts[] = {
		"USD", "EUR",  "1,234.56",   "7 890,12",	"INV-2024-0042",
		"due", "on",   "15/03/2025", "2025-03-15",	"net",
		"30",  "days", "%",	     "+44 20 7946 0958"};
	struct {
		const char *name;
		const char *const *vocab;
		size_t n, words;
		const char *sep;
	} kinds[] = {
		{"run-on", billing, sizeof billing / sizeof *billing, 300, " "},
		{"capitals", caps, sizeof caps / sizeof *caps, 300, " "},
		{"short lines", billing, sizeof billing / sizeof *billing, 300,
		 " \n"},
		{"one word", repeated, 1, 300, " "},
		{"punctuation", punct, sizeof punct / sizeof *punct, 500, " "},
		{"placeholders", tmpl, sizeof tmpl / sizeof *tmpl, 200, " "},
		{"amounts", amounts, sizeof amounts / sizeof *amounts, 250,
		 " "},
	};
	char *text = malloc(SIZE);
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	assert_non_null(text);
	assert_non_null(mc);
	pcre2_set_match_limit(mc, MATCH_STEPS);
	pcre2_set_depth_limit(mc, DEPTH);
	for (size_t t = 0; t < sizeof kinds / sizeof *kinds; t++) {
		stress_text(text, SIZE, kinds[t].vocab, kinds[t].n,
			    kinds[t].words, kinds[t].sep);
		size_t len = strlen(text);
		assert_true(len > 1000);
		for (size_t i = 0; i < tli_precomp_count; i++) {
			const tli_precomp_entry *e = &tli_precomp_table[i];
			pcre2_code *re = tli_precomp_code(
				tli_precomp_src(e), e->src_len, e->caseless);
			assert_non_null(re);
			pcre2_match_data *md =
				pcre2_match_data_create_from_pattern(re, NULL);
			assert_non_null(md);
			int rc;
			size_t start = 0;
			while ((rc = pcre2_match(re, (PCRE2_SPTR)text, len,
						 start, PCRE2_NO_UTF_CHECK, md,
						 mc)) >= 0) {
				const PCRE2_SIZE *ov =
					pcre2_get_ovector_pointer(md);
				start = ov[1] > start ? ov[1] : start + 1;
				/* on to the next character */
				while (start < len &&
				       ((unsigned char)text[start] & 0xC0) ==
					       0x80)
					start++;
				if (start > len)
					break;
			}
			if (rc != PCRE2_ERROR_NOMATCH)
				fail_msg("error %d on the %s text: %.*s", rc,
					 kinds[t].name, (int)e->src_len,
					 tli_precomp_src(e));
			pcre2_match_data_free(md);
			pcre2_code_free(re);
		}
	}
	pcre2_match_context_free(mc);
	free(text);
}

static void assert_strings_equal(char *const *a, const size_t *alen,
				 char *const *b, const size_t *blen, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(alen[k], blen[k]);
		assert_memory_equal(a[k], b[k], blen[k]);
	}
}

static void table__literals__same_as_the_analysis_now(void **state)
{
	(void)state;
	size_t marked = 0;
	for (size_t i = 0; i < tli_precomp_count; i++) {
		const tli_precomp_entry *e = &tli_precomp_table[i];
		tli_literals have, want;
		int rh = tli_precomp_entry_literals(e, &have);
		int rw = tli_extract_literals(tli_precomp_src(e), e->src_len,
					      e->caseless, TLI_MAX_LITERAL_COST,
					      &want);
		assert_int_equal(rh, rw);
		if (rh != 1)
			continue;
		assert_int_equal(have.count, want.count);
		assert_int_equal(have.upper, want.upper);
		assert_strings_equal(have.lits, have.lens, want.lits, want.lens,
				     want.count);
		assert_int_equal(have.offset.fixed, want.offset.fixed);
		assert_int_equal(have.offset.ws, want.offset.ws);
		assert_int_equal(have.offset.word, want.offset.word);
		assert_int_equal(have.offset.inf, want.offset.inf);
		assert_int_equal(have.offset.tok, want.offset.tok);
		assert_int_equal(have.offset.line, want.offset.line);
		assert_int_equal(have.offset.chars, want.offset.chars);
		assert_int_equal(have.min_run, want.min_run);
		assert_int_equal(have.word_start, want.word_start);
		marked += have.word_start;
		/* the table's cost, as counted now */
		assert_int_equal(tli_literals_cost(&have),
				 tli_literals_cost(&want));
		assert_int_equal(have.caps_count, want.caps_count);
		assert_strings_equal(have.caps, have.caps_lens, want.caps,
				     want.caps_lens, want.caps_count);
		tli_literals_free(&have);
		tli_literals_free(&want);
	}
	/* the built-in patterns' literals at a word's start are marked in
	 * the table too (the automaton passes over those inside words) */
	assert_true(marked >= 400);
}

/* The table's gates, of rare words and of common words too, are the
 * analysis's of today: a table left from an older analysis would gate with
 * sets no longer right. */
static void table__gates__same_as_the_analysis_now(void **state)
{
	(void)state;
	size_t gated[2] = {0, 0};
	for (size_t i = 0; i < 2 * tli_precomp_count; i++) {
		int common = i >= tli_precomp_count;
		const tli_precomp_entry *e =
			&tli_precomp_table[i % tli_precomp_count];
		const char *src = tli_precomp_src(e);
		tli_literals first, have, want;
		tli_bound hspan, wspan;
		int rh = tli_precomp_entry_gate(e, common, &have, &hspan);
		int rf = tli_extract_literals(src, e->src_len, e->caseless,
					      TLI_MAX_LITERAL_COST, &first);
		int rw = rf == 1 && first.count
				 ? tli_gate_literals(src, e->src_len,
						     e->caseless, &first,
						     common ? TLI_GATE_MAX_COST
							    : TLI_AC_GATE_COST,
						     &want, &wspan)
				 : 0;
		assert_int_equal(rh, rw);
		if (rh == 1) {
			gated[common]++;
			assert_int_equal(have.count, want.count);
			assert_strings_equal(have.lits, have.lens, want.lits,
					     want.lens, want.count);
			assert_int_equal(have.word_start, want.word_start);
			assert_int_equal(tli_literals_cost(&have),
					 tli_literals_cost(&want));
			assert_int_equal(hspan.fixed, wspan.fixed);
			assert_int_equal(hspan.ws, wspan.ws);
			assert_int_equal(hspan.word, wspan.word);
			assert_int_equal(hspan.inf, wspan.inf);
			assert_int_equal(hspan.tok, wspan.tok);
			assert_int_equal(hspan.line, wspan.line);
			assert_int_equal(hspan.chars, wspan.chars);
			tli_literals_free(&have);
			tli_literals_free(&want);
		}
		if (rf == 1)
			tli_literals_free(&first);
	}
	assert_true(gated[0] >= 100);
	/* every pattern with a gate of rare words has one of common words
	 * (the same, or a rarer set than any of common words), and more */
	assert_true(gated[1] > gated[0]);
}

/* shouting.all-caps' two patterns have no literal: without capitals in a
 * row they would run over every text again. The first needs two capital
 * words, and the other one of a few words in capitals (or five capitals):
 * each is found near those, far rarer than two capitals. */
static void table__capital_patterns__found_near_capitals(void **state)
{
	(void)state;
	size_t upper = 0, words = 0, caps = 0;
	for (size_t i = 0; i < tli_precomp_count; i++) {
		const tli_precomp_entry *e = &tli_precomp_table[i];
		if (e->upper) {
			assert_false(e->caseless);
			assert_int_equal(e->nlits, 0);
			assert_false(e->offset.inf);
			upper++;
			words += e->upper == TLI_UPPER_WORDS;
			caps += e->upper == TLI_UPPER_CAPS && e->ncaps;
		}
	}
	assert_true(upper >= 2);
	assert_true(words >= 1);
	assert_true(caps >= 1);
}

static void table__other_patterns__missed(void **state)
{
	(void)state;
	const char *src = "\\bnot\\s+a\\s+built-in\\s+pattern\\b";
	assert_null(tli_precomp_code(src, strlen(src), 0));
	tli_literals l;
	assert_int_equal(tli_precomp_entry_literals(
				 tli_precomp_entry_of(src, strlen(src), 0), &l),
			 -2);
	/* and compiling it the ordinary way still works */
	char msg[128];
	size_t off;
	int oom;
	pcre2_code *re = tli_pattern_compile(src, strlen(src), 0, msg,
					     sizeof msg, &off, &oom);
	assert_non_null(re);
	pcre2_code_free(re);
}

static size_t decoded(const tl_ruleset *rs)
{
	size_t n = 0;
	for (size_t g = 0; g < rs->jit_slots; g++)
		n += atomic_load(&rs->lazy[TLI_CODE_DECODED].state[g]) == 1;
	return n;
}

/* The built-in rules load without decoding a single code: a scan decodes
 * those it runs, once, and finds what the eagerly compiled rules find. */
static void builtin_codes__decoded_when_first_run(void **state)
{
	(void)state;
	tl_ruleset *rs = NULL;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_default(rs), TL_OK);
	const char *mine = "- id: t.mine\n  category: c\n  severity: warning\n"
			   "  message: m\n  pattern: '\\bzyx\\w*qw\\b'\n"
			   "  suggest: s\n";
	assert_int_equal(tl_ruleset_add_buffer(rs, "t.yml", mine, strlen(mine)),
			 TL_OK);
	const tl_rule *legal = tl_ruleset_find(rs, "threat.legal-action");
	const tl_rule *own = tl_ruleset_find(rs, "t.mine");
	assert_non_null(legal);
	assert_null(legal->patterns[0]);
	/* a pack of the user's is compiled as it is read */
	assert_non_null(own->patterns[0]);
	tl_scanner *sc = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	/* a literal of mine: the automaton is built, with the built-in
	 * rules' literals taken from the image */
	assert_false(tli_ac_is_image(rs->ac));
	size_t before = decoded(rs);
	const char *t = "Failure to pay will result in legal action. zyxaqw\n";
	tl_document *doc = NULL;
	assert_int_equal(tl_document_from_buffer(&doc, "t.txt", t, strlen(t),
						 TL_FORMAT_TEXT),
			 TL_OK);
	tl_result *res = NULL;
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	int found_legal = 0, found_mine = 0;
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		found_legal |= f->rule == legal;
		found_mine |= f->rule == own;
	}
	assert_true(found_legal);
	assert_true(found_mine);
	size_t after = decoded(rs);
	/* the patterns with no literal run over every text, and those whose
	 * literals the sentence holds: a small part of the set */
	assert_true(after > before);
	assert_true(after < rs->jit_slots / 4);
	/* and a second scan decodes nothing more */
	tl_result_free(res);
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	assert_int_equal(decoded(rs), after);
	tl_result_free(res);
	tl_document_free(doc);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
}

/* The built-in rules alone use the automaton made at build time, as it
 * is; any other literal makes the set build its own. */
static void automaton__built_in_rules__use_the_image(void **state)
{
	(void)state;
	tl_ruleset *rs = NULL;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_default(rs), TL_OK);
	assert_int_equal(tli_ruleset_freeze(rs), TL_OK);
	assert_non_null(rs->ac);
	assert_true(tli_ac_is_image(rs->ac));
	/* the document rules' literals in their own automaton, from its
	 * image too: none of them in the phrase rules' one, which every
	 * text is read with */
	assert_non_null(rs->doc_ac);
	assert_true(tli_ac_is_image(rs->doc_ac));
	assert_true(tli_precomp_doc_ac.nin > 100);
	for (size_t i = 0; i < tli_precomp_ac.nin; i++) {
		uint32_t o = tli_precomp_ac.in_owner[i];
		if (o >= rs->pattern_total && o < rs->jit_slots)
			fail_msg("literal %zu of a document rule's slot %u", i,
				 o);
	}
	for (size_t i = 0; i < tli_precomp_doc_ac.nin; i++) {
		uint32_t o = tli_precomp_doc_ac.in_owner[i];
		assert_true(o >= rs->pattern_total && o < rs->jit_slots);
		assert_true(rs->slot_lits[o]);
	}
	tl_ruleset_free(rs);
	/* a pack of the user's alone: built, and it finds its phrase */
	rs = load_rules("- id: t.one\n  category: c\n  severity: warning\n"
			"  message: m\n  phrases: [quxwell pending]\n"
			"  suggest: s\n");
	tl_document *doc = NULL;
	const char *t = "It is quxwell\npending.\n";
	tl_result *res = scan_text(rs, t, strlen(t), &doc);
	assert_false(tli_ac_is_image(rs->ac));
	assert_int_equal(tl_result_count(res), 1);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

/* The literals the built-in automaton was made from, as a list. */
static tli_ac_literal *image_literals(const tli_ac_image *img)
{
	tli_ac_literal *l = calloc(img->nin, sizeof *l);
	assert_non_null(l);
	const char *t = img->in_text;
	for (size_t i = 0; i < img->nin; i++) {
		l[i].s = t;
		l[i].len = img->in_len[i];
		l[i].owner = img->in_owner[i];
		t += l[i].len;
	}
	return l;
}

static int log_hit(void *payload, uint32_t owner, size_t start)
{
	char *log = payload;
	size_t n = strlen(log);
	if (n < 60000)
		snprintf(log + n, 64, "%u@%zu ", owner, start);
	return 0;
}

/* The automaton of image img (from its literals, l) finds in text what
 * one built from the same literals finds, in the same order, and at least
 * `min` bytes of log. */
static void assert_image_as_build(const tli_ac_image *img,
				  const tli_ac_literal *l, const char *text,
				  size_t min)
{
	tli_ac *from = tli_ac_from_image(img, l, img->nin);
	tli_ac *built = tli_ac_build(l, img->nin);
	assert_non_null(from);
	assert_non_null(built);
	static char a[65536], b[65536];
	a[0] = b[0] = '\0';
	tli_ac_scan(from, text, strlen(text), log_hit, a);
	tli_ac_scan(built, text, strlen(text), log_hit, b);
	assert_true(strlen(a) > min);
	assert_string_equal(a, b);
	tli_ac_free(from);
	tli_ac_free(built);
}

static void automaton__built_in_image__same_as_a_build(void **state)
{
	(void)state;
	/* the document rules' image */
	tli_ac_literal *dl = image_literals(&tli_precomp_doc_ac);
	assert_image_as_build(&tli_precomp_doc_ac, dl,
			      "If you have any questions, just reply to this "
			      "email or call us on +44 20 7946 0018; the "
			      "amount of EUR 120.00 is due on 3 March.",
			      20);
	free(dl);
	/* the phrase rules': the same hits, in the same order, on a text
	 * with many of them */
	const tli_ac_image *img = &tli_precomp_ac;
	assert_true(img->nin > 1000);
	tli_ac_literal *l = image_literals(img);
	assert_image_as_build(
		img, l,
		"Failure to pay will result in legal action. Do not\n  "
		"reply to this email.\xC2\xA0We reserve the right to suspend "
		"your account, or we will refer the debt to a collection "
		"agency. FINAL NOTICE: you can\xE2\x80\x99t ignore this!! "
		"Kindly revert at the earliest, as per my previous email.",
		100);
	/* any other list is refused: a different owner, byte or count */
	l[7].owner++;
	assert_null(tli_ac_from_image(img, l, img->nin));
	l[7].owner--;
	char *copy = malloc(l[3].len);
	assert_non_null(copy);
	memcpy(copy, l[3].s, l[3].len);
	copy[0] ^= 1;
	const char *keep = l[3].s;
	l[3].s = copy;
	assert_null(tli_ac_from_image(img, l, img->nin));
	l[3].s = keep;
	free(copy);
	assert_null(tli_ac_from_image(img, l, img->nin - 1));
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table__every_entry__decodes_as_compiled_now),
		cmocka_unit_test(table__every_entry__has_a_start_to_look_for),
		cmocka_unit_test(table__every_entry__backtracks_within_bounds),
		cmocka_unit_test(
			table__every_entry__within_limits_on_stress_texts),
		cmocka_unit_test(table__literals__same_as_the_analysis_now),
		cmocka_unit_test(table__gates__same_as_the_analysis_now),
		cmocka_unit_test(table__capital_patterns__found_near_capitals),
		cmocka_unit_test(table__other_patterns__missed),
		cmocka_unit_test(automaton__built_in_image__same_as_a_build),
		cmocka_unit_test(builtin_codes__decoded_when_first_run),
		cmocka_unit_test(automaton__built_in_rules__use_the_image),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
