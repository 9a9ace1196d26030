#include "gate.h"
#include "helpers.h"
#include "internal.h"
#include "litextract.h"
#include "pattern.h"
#include "precompiled.h"
#include "prefilter.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct lit_case {
	const char *pattern;
	const char *lits; /* |-separated, as found; a space is white space */
	size_t fixed;
	unsigned ws;
	int inf;
	unsigned word;
	unsigned tok;
	unsigned chars; /* characters of up to 4 bytes */
} lit_case;

static const lit_case lit_cases[] = {
	{"failure\\s+to\\s+pay", "failure to p", 0, 0, 0, 0, 0, 0},
	{"(?i)\\b(?:remit|settle)\\s+now", "remit now|settle now", 0, 0, 0, 0,
	 0, 0},
	{"legal\\s+(?:action|steps)", "legal action|legal steps", 0, 0, 0, 0, 0,
	 0},
	{"a?bcd", "bcd|abcd", 0, 0, 0, 0, 0, 0},
	{"\\bdo\\s+not\\s+reply", "do not reply", 0, 0, 0, 0, 0, 0},
	{"[^.]{0,60}overdue", "overdue", 0, 0, 0, 0, 0, 60},
	{"[^.]{0,60}\\s+caf\xC3\xA9\\s+overdue", "overdue", 5, 2, 0, 0, 0, 60},
	{".*overdue", "overdue", 0, 0, 0, 0, 0, 0}, /* a line at most */
	{"overdue(?=!)", "overdue", 0, 0, 0, 0, 0, 0},
	{"(?<name>final)\\s+notice", "final notice", 0, 0, 0, 0, 0, 0},
	{"(?'who'final)\\s+notice", "final notice", 0, 0, 0, 0, 0, 0},
	{"\\pL{2}\\s+overdue", "overdue", 0, 1, 0, 0, 0, 2},
	{"\\x{41}\\x42CCOUNT", "abccount", 0, 0, 0, 0, 0, 0},
	{"caf\xC3\xA9\\s+menu", "menu", 5, 1, 0, 0, 0, 0},
	{"(?:\\w+\\s+){0,3}escalate", "escalate", 0, 3, 0, 3, 0, 0},
	{"[a-z]+-arrears", "-arrears", 0, 0, 0, 1, 0, 0},
	{"[a-z-]+arrears", "arrears", 0, 0, 0, 0, 1, 0},
	{"[^\\s.]+arrears", "arrears", 0, 0, 0, 0, 1, 0},
	{"[^.]+arrears", "arrears", 0, 0, 1, 0, 0, 1},
	{"[!-~]+arrears", "arrears", 0, 0, 0, 0, 1, 0},
	{"[ -~]+arrears", "arrears", 0, 0, 0, 0, 0, 0}, /* a line at most */
	{"[\\w&.-]+\\s+arrears", "arrears", 0, 1, 0, 0, 1, 0},
	{"(?:[\\w-]+\\s+){0,2}?overdue", "overdue", 0, 2, 0, 0, 2, 0},
	{"\\S+\\s+arrears", "arrears", 0, 1, 0, 0, 1, 0},
	{"[[:punct:]]+arrears", "arrears", 0, 0, 0, 0, 1, 0},
	{"[[:print:]]+arrears", "arrears", 0, 0, 1, 0, 0, 1},
	{"\\p{L}+arrears", "arrears", 0, 0, 0, 0, 1, 0},
	{"\\P{L}+arrears", "arrears", 0, 0, 1, 0, 0, 1},
	{"!!+", "!!", 0, 0, 0, 0, 0, 0},
	{"(x+x+)+y", NULL, 0, 0, 0, 0, 0, 0},	   /* only short literals */
	{"(\\w+)\\s+\\1", NULL, 0, 0, 0, 0, 0, 0}, /* backreference */
	{"(?x) foo bar", NULL, 0, 0, 0, 0, 0, 0},  /* extended syntax */
	{"invoice|\\d+", NULL, 0, 0, 0, 0, 0, 0}, /* a branch without literal */
	{"(?:payment)?\\s+due", "due", 7, 1, 0, 0, 0, 0},
	{"pay\\Kment", NULL, 0, 0, 0, 0, 0, 0},	       /* \K moves the start */
	{"the\\s+this", "the this", 0, 0, 0, 0, 0, 0}, /* two words: rarer */
	{"the|this", NULL, 0, 0, 0, 0, 0, 0},	       /* common words only */
	{"(?:we|i)\\s+cannot\\s+(?:pay|use|get)", "we cannot|i cannot", 0, 0, 0,
	 0, 0, 0},
	/* each member cut after its cheapest words, then one of two */
	{"(?:finally|at\\s+long\\s+last),?\\s+(?:a\\s+)?(?:reply|response)",
	 "finally|at long last", 0, 0, 0, 0, 0, 0},
	/* a lone full stop is everywhere; "finally" is not */
	{"finally\\b[^.!?\\n]{0,20}?[!.]", "finally", 0, 0, 0, 0, 0, 0},
	/* "or we" made twice (from \\s* and \\s+) is counted once */
	{"\\bor\\s*,?\\s+we\\s+(?:will|shall|may)",
	 "or we will|or we shall|or we may|or, we will|or, we shall|"
	 "or, we may|or , we will|or , we shal|or , we may",
	 0, 0, 0, 0, 0, 0},
	/* a tail of the run: two rare words, not nine cut phrases */
	{"\\bor\\s*,?\\s+we\\s+(?:will|shall|may)\\s+(?:suspend|cancel)",
	 "suspend|cancel", 10, 4, 0, 0, 0, 0},
	/* the rare word at the end, past the first 12 bytes (cut there,
	 * "your account" was all that was left) */
	{"\\byour\\s+(?:account|loan)\\s+(?:is|was)\\s+escalated", "escalated",
	 14, 3, 0, 0, 0, 0},
	/* "i" cut from "is" is no further word: "the amount i" is not
	 * taken for rarer than "is overdue" */
	{"the\\s+amount\\s+is\\s+overdue", "is overdue", 9, 2, 0, 0, 0, 0},
	/* a word cut to a few letters still makes the literal rarer: after
	 * "placed on" (every order confirmation's "order placed on 6 May")
	 * "ho" of "hold" is far from always there */
	{"placed\\s+on\\s+(?:credit\\s+)?(?:hold|stop)",
	 "placed on ho|placed on st|placed on cr", 0, 0, 0, 0, 0, 0},
	/* a class of white space and a hyphen is two strings ("past" alone
	 * is in "your past invoices") */
	{"\\bwell\\s+past[-\\s]due", "well past-du|well past du", 0, 0, 0, 0, 0,
	 0},
	{"past[\\h-]due", "past due|past-due", 0, 0, 0, 0, 0, 0},
	{"x[-a-z]yy", "yy", 2, 0, 0, 0, 0, 0}, /* a range: not kept */
	{"sir\\s*/\\s*madam", "madam", 4, 2, 0, 0, 0, 0},
	/* a phone number's + is rarer than "on" or "at" */
	{"\\b(?:on|at)\\s+\\+\\d", "on +|at +", 0, 0, 0, 0, 0, 0},
	{"\\+\\d{2}", "+", 0, 0, 0, 0, 0, 0},
	/* "placed" is in every order confirmation: "order placed" is rarer */
	{"\\border\\s+(?:was\\s+)?placed", "order placed|order was pl", 0, 0, 0,
	 0, 0, 0},
	{"you\\s+must\\s*!", "you must!|you must !", 0, 0, 0, 0, 0, 0},
	{"\\s+overdue\\s", "overdue", 0, 1, 0, 0, 0, 0},
};

static void literals__each_case__as_expected(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof lit_cases / sizeof lit_cases[0]; i++) {
		const lit_case *c = &lit_cases[i];
		tli_literals l;
		int rc = tli_extract_literals(c->pattern, strlen(c->pattern), 1,
					      300, &l);
		if (!c->lits) {
			if (rc != 0)
				fail_msg("%s: expected no literals",
					 c->pattern);
			continue;
		}
		if (rc != 1)
			fail_msg("%s: expected literals '%s'", c->pattern,
				 c->lits);
		char got[512] = "";
		for (size_t k = 0; k < l.count; k++) {
			if (k)
				strcat(got, "|");
			strcat(got, l.lits[k]);
		}
		if (strcmp(got, c->lits) != 0 || l.offset.fixed != c->fixed ||
		    l.offset.ws != c->ws || l.offset.inf != c->inf ||
		    l.offset.word != c->word || l.offset.tok != c->tok ||
		    l.offset.chars != c->chars)
			fail_msg("%s: got '%s' +%zu ws%u word%u inf%d tok%u "
				 "chars%u",
				 c->pattern, got, l.offset.fixed, l.offset.ws,
				 l.offset.word, l.offset.inf, l.offset.tok,
				 l.offset.chars);
		tli_literals_free(&l);
	}
}

static void literals__phrase_regex__whole_phrases(void **state)
{
	(void)state;
	const char *phrases[] = {"do not reply to this email",
				 "no-reply mailbox"};
	char *src = tli_phrases_regex(phrases, 2, 0);
	tli_literals l;
	assert_int_equal(tli_extract_literals(src, strlen(src), 1, 300, &l), 1);
	assert_int_equal(l.count, 2);
	/* cut to a prefix of at most 12 bytes */
	assert_string_equal(l.lits[0], "do not reply");
	assert_string_equal(l.lits[1], "no-reply mai");
	tli_literals_free(&l);
	free(src);
}

/* Patterns read with case whose matches hold two capitals in a row are
 * found near those (when no literal set is cheaper), and an unbounded
 * repeat without newlines is bounded by the longest line. */
static void literals__capitals_in_a_row__found_with_case(void **state)
{
	(void)state;
	static const struct {
		const char *pattern;
		int caseless, rc, upper;
		size_t fixed;
		unsigned line;
		const char *lits;
	} cases[] = {
		{"(?=[A-Z]{2})(?<=[a-z]\\h)(?:MUST|\\w)", 0, 1, 1, 0, 0, NULL},
		/* one of a few capital words, or two capital words, is rarer
		 * still (below) */
		{"(?=(?:[A-Z]+\\h+)*(?:PLEASE|PAY))[A-Z]+", 0, 1,
		 TLI_UPPER_CAPS, 0, 1, NULL},
		{"(?=(?:[A-Z]+\\h+)*(?:PLEASE|PAY))[A-Z]+(?:\\h+[A-Z]+)+", 0, 1,
		 TLI_UPPER_WORDS, 1, 0, NULL},
		{"[A-Z][A-Z]", 0, 1, 1, 0, 0, NULL},
		{"x[A-Z]{2}", 0, 1, 1, 1, 0, NULL},
		{"x[A-Z]{3}", 0, 1, TLI_UPPER_CAPS, 1, 0, NULL},
		{"OVERDUE|FINAL", 0, 1, 0, 0, 0, "overdue|final"},
		/* ignoring case, capitals mean nothing */
		{"(?=[A-Z]{2})[A-Z]+\\h+[A-Z]+", 1, 0, 0, 0, 0, NULL},
		{"(?i)(?=[A-Z]{2})[A-Z]+\\h+[A-Z]+", 0, 0, 0, 0, 0, NULL},
		{"(?=[A-Z]{2})(?i:[A-Z]+)", 0, 0, 0, 0, 0, NULL},
		/* not sure to be two in a row */
		{"\\b[A-Z]\\b", 0, 0, 0, 0, 0, NULL},
		{"(?:[A-Z]{2}|[A-Z]\\d)\\d", 0, 0, 0, 0, 0, NULL},
		{"[A-Z]?[A-Z]", 0, 0, 0, 0, 0, NULL},
		{"(?![A-Z]{2})[A-Z]", 0, 0, 0, 0, 0, NULL},
		{"[A-Z-][A-Z]", 0, 0, 0, 0, 0, NULL},
		/* a line's length bounds what . and \\h repeat */
		{"(?=.*[A-Z]{2})\\d", 0, 1, 1, 0, 1, NULL},
		{"(?s)(?=.*[A-Z]{2})\\d", 0, 0, 0, 0, 0, NULL},
		{"(?=[\\s\\S]*[A-Z]{2})\\d", 0, 0, 0, 0, 0, NULL},
		/* a rarer literal set wins */
		{"(?=[A-Z]{2})collections", 0, 1, 0, 0, 0, "collections"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tli_literals l;
		const char *p = cases[i].pattern;
		int rc = tli_extract_literals(p, strlen(p), cases[i].caseless,
					      TLI_MAX_LITERAL_COST, &l);
		char got[256] = "";
		for (size_t k = 0; rc == 1 && k < l.count; k++) {
			if (k)
				strcat(got, "|");
			strcat(got, l.lits[k]);
		}
		if (rc != cases[i].rc ||
		    (rc == 1 &&
		     (l.upper != cases[i].upper ||
		      l.offset.fixed != cases[i].fixed ||
		      l.offset.line != cases[i].line || l.offset.inf ||
		      strcmp(got, cases[i].lits ? cases[i].lits : "") != 0)))
			fail_msg("%s: rc %d upper %d +%zu line%u inf%d '%s'", p,
				 rc, l.upper, l.offset.fixed, l.offset.line,
				 l.offset.inf, got);
		if (rc == 1)
			tli_literals_free(&l);
	}
}

/* Patterns read with case whose every match holds two capital words (a
 * capital, gap bytes, a capital) are found near those, with a bound on
 * where the second capital ends; anything less sure falls back to two
 * capitals in a row, or to no filter. */
static void literals__two_capital_words__found_with_case(void **state)
{
	(void)state;
	static const struct {
		const char *pattern;
		int caseless, rc, upper;
		size_t fixed;
		unsigned ws, word, line;
	} cases[] = {
		{"[A-Z]+\\h+[A-Z]+", 0, 1, TLI_UPPER_WORDS, 1, 1, 1, 0},
		/* shouting.all-caps#0's shape: & + or / between the words */
		{"[A-Z]+(?:\\h+(?:[&+/]\\h+)?[A-Z]+)+", 0, 1, TLI_UPPER_WORDS,
		 2, 2, 1, 0},
		{"(?=[A-Z]{2})[A-Z]+\\h+[A-Z]+", 0, 1, TLI_UPPER_WORDS, 1, 1, 1,
		 0},
		/* the second copy brings the second capital */
		{"(?:[A-Z]\\h){2}", 0, 1, TLI_UPPER_WORDS, 5, 0, 0, 0},
		/* a non-ASCII space is gap bytes */
		{"[A-Z]\\x{A0}[A-Z]", 0, 1, TLI_UPPER_WORDS, 4, 0, 0, 0},
		{"(?:[A-Z]+\\h+|[A-Z]+/)[A-Z]+", 0, 1, TLI_UPPER_WORDS, 2, 1, 1,
		 0},
		/* words before the shape move it into the match */
		{"(?:[a-z]+\\h+){0,3}[A-Z]+\\h+[A-Z]+", 0, 1, TLI_UPPER_WORDS,
		 1, 4, 4, 0},
		{"[A-Z]{2,}[\\h,;]+[A-Z]", 0, 1, TLI_UPPER_WORDS, 1, 0, 1, 1},
		/* refused, back to two capitals in a row: \s may be a newline,
		 * \h* nothing, an optional word absent, and a negated class,
		 * [a-c-e], \d, [:upper:], a range from an escape, \w or a
		 * letter may be no gap byte or no capital */
		{"(?=[A-Z]{2})[A-Z]+\\s+[A-Z]+", 0, 1, TLI_UPPER_PAIR, 0, 0, 0,
		 0},
		{"(?=[A-Z]{2})[A-Z]+\\h*[A-Z]+", 0, 1, TLI_UPPER_PAIR, 0, 0, 0,
		 0},
		{"(?=[A-Z]{2})[A-Z]+(?:\\h+[A-Z]+)?", 0, 1, TLI_UPPER_PAIR, 0,
		 0, 0, 0},
		{"(?=[A-Z]{2})[A-Z]+[^a-z][A-Z]+", 0, 1, TLI_UPPER_PAIR, 0, 0,
		 0, 0},
		{"(?=[A-Z]{2})[A-Z]+[a-c-e][A-Z]+", 0, 1, TLI_UPPER_PAIR, 0, 0,
		 0, 0},
		{"(?=[A-Z]{2})[A-Z]+[.\\d][A-Z]+", 0, 1, TLI_UPPER_PAIR, 0, 0,
		 0, 0},
		{"(?=[A-Z]{2})[A-Z]+\\h[[:upper:]]", 0, 1, TLI_UPPER_PAIR, 0, 0,
		 0, 0},
		{"(?=[A-Z]{2})[A-Z]+\\h[\\x41-Z]", 0, 1, TLI_UPPER_PAIR, 0, 0,
		 0, 0},
		{"(?=[A-Z]{2})[A-Z]+\\w[A-Z]", 0, 1, TLI_UPPER_PAIR, 0, 0, 0,
		 0},
		{"(?=[A-Z]{2})[A-Z]+ [A-Za-z]", 0, 1, TLI_UPPER_PAIR, 0, 0, 0,
		 0},
		/* a newline between them, or words only looked ahead at */
		{"(?=[A-Z]{2})[A-Z]+ \\n[A-Z]", 0, 1, TLI_UPPER_PAIR, 0, 0, 0,
		 0},
		{"(?=[A-Z]{2})[A-Z]+(?=\\h[A-Z])", 0, 1, TLI_UPPER_PAIR, 0, 0,
		 0, 0},
		/* a branch without the shape, or case ignored: nothing */
		{"[A-Z]+\\h+[A-Z]+|[a-z]{2}", 0, 0, 0, 0, 0, 0, 0},
		{"[A-Z]+\\h+[A-Z]+", 1, 0, 0, 0, 0, 0, 0},
		{"(?i)[A-Z]+\\h+[A-Z]+", 0, 0, 0, 0, 0, 0, 0},
		{"[A-Z]+\\h+(?i:[A-Z]+)", 0, 0, 0, 0, 0, 0, 0},
		/* a literal set that would be used is kept */
		{"(?=[A-Z]{2})[A-Z]+\\h+collections", 0, 1, 0, 0, 1, 1, 0},
		{"[A-Z]\\h+[A-Z]final notice", 0, 1, 0, 2, 1, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tli_literals l;
		const char *p = cases[i].pattern;
		int rc = tli_extract_literals(p, strlen(p), cases[i].caseless,
					      TLI_MAX_LITERAL_COST, &l);
		if (rc != cases[i].rc ||
		    (rc == 1 && (l.upper != cases[i].upper ||
				 l.offset.fixed != cases[i].fixed ||
				 l.offset.ws != cases[i].ws ||
				 l.offset.word != cases[i].word ||
				 l.offset.line != cases[i].line ||
				 l.offset.tok || l.offset.inf)))
			fail_msg("%s: rc %d upper %d +%zu ws%u word%u tok%u "
				 "line%u inf%d",
				 p, rc, l.upper, l.offset.fixed, l.offset.ws,
				 l.offset.word, l.offset.tok, l.offset.line,
				 l.offset.inf);
		if (rc == 1)
			tli_literals_free(&l);
	}
}

/* Patterns read with case whose every match holds one of a few words in
 * capitals, or a longer run of capitals, are found near runs holding them;
 * anything less sure falls back to two capitals in a row. */
static void literals__capital_words__found_with_case(void **state)
{
	(void)state;
	static const struct {
		const char *pattern;
		int rc, upper;
		unsigned min_run;
		const char *caps;
		size_t fixed;
		unsigned ws, word;
	} cases[] = {
		{"(?=[A-Z]{2})(?<=[a-z]\\h)(?:MUST|NOT)", 1, TLI_UPPER_CAPS, 0,
		 "MUST NOT", 0, 0, 0},
		/* the longest run of capitals of a literal */
		{"(?:NOT|DON['’]T)", 1, TLI_UPPER_CAPS, 0, "NOT DON", 0, 0, 0},
		{"[A-Z]{3}[a-z]MUST", 1, TLI_UPPER_CAPS, 0, "MUST", 4, 0, 0},
		/* a run of five; words before it move it into the match */
		{"(?:[a-z]+\\h+){0,3}(?:MUST|NOT|[A-Z]{5,})", 1, TLI_UPPER_CAPS,
		 5, "MUST NOT", 0, 3, 3},
		{"[A-Z]{5}", 1, TLI_UPPER_CAPS, 5, "", 0, 0, 0},
		{"(?!MUST)[A-Z]{3}", 1, TLI_UPPER_CAPS, 3, "", 0, 0, 0},
		/* from a lookahead: there, from where it stands */
		{"(?=[A-Z]*NOW)[A-Z]+", 1, TLI_UPPER_CAPS, 0, "NOW", 0, 0, 1},
		/* refused: any two capitals may do, a word may be absent or in
		 * lower case, a branch has none */
		{"(?:MUST|[A-Z]{2,})", 1, TLI_UPPER_PAIR, 0, "", 0, 0, 0},
		{"(?:MUST)?[A-Z]{2}", 1, TLI_UPPER_PAIR, 0, "", 4, 0, 0},
		{"(?:MUST|Not)", 1, 0, 0, "", 0, 0, 0},
		{"MUST|[a-z]+", 0, 0, 0, "", 0, 0, 0},
		{"(?i)MUST|NOT", 1, 0, 0, "", 0, 0, 0},
		/* a literal set that would be used is kept */
		{"x(?:PAST\\h+DUE|PAY)", 1, 0, 0, "", 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tli_literals l;
		const char *p = cases[i].pattern;
		int rc = tli_extract_literals(p, strlen(p), 0,
					      TLI_MAX_LITERAL_COST, &l);
		char got[256] = "";
		for (size_t k = 0; rc == 1 && k < l.caps_count; k++) {
			if (k)
				strcat(got, " ");
			strcat(got, l.caps[k]);
		}
		if (rc != cases[i].rc ||
		    (rc == 1 &&
		     (l.upper != cases[i].upper ||
		      l.min_run != cases[i].min_run ||
		      strcmp(got, cases[i].caps) != 0 ||
		      l.offset.fixed != cases[i].fixed ||
		      l.offset.ws != cases[i].ws ||
		      l.offset.word != cases[i].word || l.offset.tok ||
		      l.offset.line || l.offset.inf)))
			fail_msg("%s: rc %d upper %d run %u '%s' +%zu ws%u "
				 "word%u",
				 p, rc, l.upper, l.min_run, got, l.offset.fixed,
				 l.offset.ws, l.offset.word);
		if (rc == 1)
			tli_literals_free(&l);
	}
}

/* A NUL byte in a literal (\x00 in the pattern): the word list was
 * compared with strncmp, which stopped at the NUL and then read past the
 * end of the shorter listed word (found by fuzz_rules). */
static void literals__nul_byte__measured_by_length(void **state)
{
	(void)state;
	const char *src = "you\\x00zz";
	tli_literals l;
	assert_int_equal(tli_extract_literals(src, strlen(src), 1, 300, &l), 1);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.lens[0], 6);
	assert_memory_equal(l.lits[0], "you\0zz", 6);
	tli_literals_free(&l);
}

static int collect(void *payload, uint32_t owner, size_t start)
{
	char *log = payload;
	char item[32];
	snprintf(item, sizeof item, "%u@%zu ", owner, start);
	strcat(log, item);
	return 0;
}

static void automaton__overlapping_literals__all_reported(void **state)
{
	(void)state;
	tli_ac_literal lits[] = {
		{"he", 2, 0}, {"she", 3, 1}, {"hers", 4, 2}, {"he", 2, 3}};
	tli_ac *ac = tli_ac_build(lits, 4);
	assert_non_null(ac);
	char log[256] = "";
	tli_ac_scan(ac, "uSHErs", 6, collect, log);
	assert_string_equal(log, "1@1 0@2 3@2 2@2 ");
	tli_ac_free(ac);
}

/* A literal marked TLI_AC_ONCE in the mute is reported once while the
 * mute lasts, with all its owners; one marked 0, every time. */
static void automaton__once_literals__reported_once_each(void **state)
{
	(void)state;
	tli_ac_literal lits[] = {{"due", 3, 10},
				 {"due", 3, 11},
				 {"pay", 3, 12},
				 {"pay", 3, 2},
				 {"now", 3, 3}};
	tli_ac *ac = tli_ac_build(lits, 5);
	assert_non_null(ac);
	assert_int_equal(tli_ac_literal_count(ac), 3);
	/* literals are numbered in the order of their strings: "due" first */
	const uint8_t once[3] = {TLI_AC_ONCE, 0, 0};
	const char *t = "due now, pay due; pay now due";
	uint8_t mute[3];
	for (int pass = 0; pass < 2; pass++) {
		memcpy(mute, once, sizeof mute);
		char log[256] = "";
		uint32_t st = 0;
		tli_ac_scan_range(ac, t, 0, strlen(t), &st, mute, collect, log);
		assert_string_equal(log,
				    "10@0 11@0 3@4 2@9 12@9 2@18 12@18 3@22 ");
	}
	/* without a mute, every occurrence */
	char log[256] = "";
	tli_ac_scan(ac, t, strlen(t), collect, log);
	assert_string_equal(log, "10@0 11@0 3@4 2@9 12@9 10@13 11@13 2@18 "
				 "12@18 3@22 10@26 11@26 ");
	tli_ac_free(ac);
}

static void
automaton__spaced_literal__found_across_any_white_space(void **state)
{
	(void)state;
	tli_ac_literal lits[] = {{"you must", 8, 7}, {"must", 4, 1}};
	tli_ac *ac = tli_ac_build(lits, 2);
	assert_non_null(ac);
	static const struct {
		const char *text, *log;
	} cases[] = {
		{"you must", "7@0 1@4 "},
		{"xx YOU\n \t must", "7@3 1@10 "},
		/* NBSP, em space, ideographic space, NEL */
		{"you\xC2\xA0must", "7@0 1@5 "},
		{"you\xE2\x80\x83\xE3\x80\x80must", "7@0 1@9 "},
		{"you\xC2\x85must", "7@0 1@5 "},
		/* not spaces: a curly apostrophe, a no-break hyphen, none */
		{"you\xE2\x80\x99must", "1@6 "},
		{"you\xE2\x80\x91must", "1@6 "},
		{"yourmust you-must", "1@4 1@13 "},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char log[256] = "";
		tli_ac_scan(ac, cases[i].text, strlen(cases[i].text), collect,
			    log);
		if (strcmp(log, cases[i].log) != 0)
			fail_msg("case %zu: got '%s', want '%s'", i, log,
				 cases[i].log);
	}
	/* a scan stopped inside "you   mu" resumes at the literal's start */
	const char *t = "ok you   mu";
	uint32_t st = 0;
	char log[64] = "";
	tli_ac_scan_range(ac, t, 0, strlen(t), &st, NULL, collect, log);
	assert_int_equal(tli_ac_pending(ac, t, strlen(t), st), 3);
	tli_ac_free(ac);
}

/* The white space at t[i] as the automaton reads it (ASCII, or the
 * no-break space of these tests): its length, 0 if none. */
static size_t ref_space(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	return i + 1 < n && c == 0xC2 && (unsigned char)t[i + 1] == 0xA0 ? 2
									 : 0;
}

/* Does literal l (a space for a run of white space) start at t[i]? */
static int ref_match(const char *l, const char *t, size_t n, size_t i)
{
	for (; *l; l++) {
		if (i >= n)
			return 0;
		if (*l != ' ') {
			if (t[i++] != *l)
				return 0;
			continue;
		}
		size_t k = ref_space(t, n, i);
		if (!k)
			return 0;
		while (k) {
			i += k;
			k = i < n ? ref_space(t, n, i) : 0;
		}
	}
	return 1;
}

static int cmp_log(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0])
			    : (x[1] > y[1]) - (x[1] < y[1]);
}

static int collect_pairs(void *payload, uint32_t owner, size_t start)
{
	size_t *log = payload;
	log[2 * log[0] + 1] = start;
	log[2 * log[0] + 2] = owner;
	log[0]++;
	return 0;
}

/* Where a literal with spaces starts, whatever the white space between its
 * words, near the text's start or not, for literals of 3 to 17 bytes (the
 * one-byte-spaces shortcut reads 8 or 16 bytes back): as a byte-by-byte
 * match finds it, in random texts of a, b, spaces, tabs, line ends, a
 * no-break space and é; texts from 128 bytes on are scanned as two parts
 * at once (prefilter.c's scan_ways), with literals across the cut: 400
 * literals of letters the texts never hold make the table as large as a
 * rule set's (a small one's texts are read one byte after the other). */
static void
automaton__spaced_literals__start_found_in_random_texts(void **state)
{
	(void)state;
	static const char *const l[] = {"a b",
					"ab ba",
					"a a ab",
					"ab abab",	     /* 7 */
					"ab ba ba",	     /* 8 */
					"ab ba bab",	     /* 9 */
					"abab bab ba abab",  /* 16 */
					"abab bab ba ababb", /* 17 */
					"\xC3\xA9 ab"};
	size_t nl = sizeof l / sizeof l[0];
	enum { FILL = 400 };
	static tli_ac_literal lits[sizeof l / sizeof l[0] + FILL];
	static char fill[FILL][11];
	for (size_t k = 0; k < nl; k++)
		lits[k] = (tli_ac_literal){l[k], strlen(l[k]), (uint32_t)k};
	for (size_t k = 0; k < FILL; k++) {
		for (size_t c = 0; c < 10; c++)
			fill[k][c] =
				(char)('c' +
				       (k * 7 + c * c * 13 + k / 5 * c) % 24);
		lits[nl + k] =
			(tli_ac_literal){fill[k], 10, (uint32_t)(nl + k)};
	}
	tli_ac *ac = tli_ac_build(lits, nl + FILL);
	assert_non_null(ac);
	static const char *const pieces[] = {"a",	 "b",	     "a",  "b",
					     " ",	 " ",	     "\t", "\n",
					     "\xC2\xA0", "\xC3\xA9", "  "};
	uint64_t r = 0x9E3779B97F4A7C15u;
	enum { MAX = 4000 };
	static size_t got[2 * MAX + 1], want[2 * MAX + 1];
	for (int round = 0; round < 800; round++) {
		char t[400];
		size_t n = 0;
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		size_t len = 1 + (size_t)(r % 180);
		while (n < len) {
			r ^= r << 13;
			r ^= r >> 7;
			r ^= r << 17;
			const char *pc =
				pieces[r % (sizeof pieces / sizeof pieces[0])];
			memcpy(t + n, pc, strlen(pc));
			n += strlen(pc);
		}
		got[0] = want[0] = 0;
		tli_ac_scan(ac, t, n, collect_pairs, got);
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < nl; k++)
				if (ref_match(l[k], t, n, i)) {
					want[2 * want[0] + 1] = i;
					want[2 * want[0] + 2] = k;
					want[0]++;
				}
		assert_int_equal(got[0], want[0]);
		qsort(got + 1, got[0], 2 * sizeof *got, cmp_log);
		qsort(want + 1, want[0], 2 * sizeof *want, cmp_log);
		for (size_t h = 1; h <= 2 * got[0]; h++)
			if (got[h] != want[h])
				fail_msg("round %d, text '%.*s': found %zu, "
					 "want %zu",
					 round, (int)n, t, got[h], want[h]);
	}
	tli_ac_free(ac);
}

/* Every count of byte classes, odd or even (a state is found from its row
 * offset without a division: prefilter.c's state_of), reports each literal
 * with its owner and start. */
static void automaton__any_class_count__literals_reported(void **state)
{
	(void)state;
	static const char alphabet[] =
		"abcdefghijklmnopqrstuvwxyz0123456789.,;";
	for (size_t n = 1; n < sizeof alphabet; n++) {
		tli_ac_literal lits[64];
		char pairs[64][2];
		size_t nl = 0;
		lits[nl++] = (tli_ac_literal){alphabet, 1, 1000};
		for (size_t i = 0; i + 1 < n; i++) {
			memcpy(pairs[i], alphabet + i, 2);
			lits[nl] = (tli_ac_literal){pairs[i], 2, (uint32_t)i};
			nl++;
		}
		tli_ac *ac = tli_ac_build(lits, nl);
		assert_non_null(ac);
		static size_t got[2 * 64 + 1];
		got[0] = 0;
		tli_ac_scan(ac, alphabet, n, collect_pairs, got);
		assert_int_equal(got[0], n);
		/* "a" at 0 first, then each pair as it ends */
		assert_int_equal(got[1], 0);
		assert_int_equal(got[2], 1000);
		for (size_t i = 0; i + 1 < n; i++) {
			assert_int_equal(got[2 * i + 3], i);
			assert_int_equal(got[2 * i + 4], i);
		}
		tli_ac_free(ac);
	}
}

static void space_run__unicode_spaces__counted_in_bytes(void **state)
{
	(void)state;
	tli_runs r;
	tli_longest_runs("a  b\t\n\n c", 10, &r);
	assert_int_equal(r.space, 4);
	/* NBSP + ideographic space + space */
	tli_longest_runs("x\xC2\xA0\xE3\x80\x80 y", 8, &r);
	assert_int_equal(r.space, 6);
}

static void runs__words_and_tokens__counted_in_bytes(void **state)
{
	(void)state;
	tli_runs r;
	/* "re-send," is one run without white space, "send" the longest
	 * word; a non-ASCII letter counts in both */
	tli_longest_runs("we re-send, caf\xC3\xA9 ok", 20, &r);
	assert_int_equal(r.word, 5);
	assert_int_equal(r.tok, 8);
	assert_int_equal(r.space, 1);
	/* an NBSP ends a run of non-space; U+180E does not (PCRE2's \S
	 * matches it) */
	tli_longest_runs("ab\xC2\xA0"
			 "cd\xE1\xA0\x8E"
			 "ef",
			 11, &r);
	assert_int_equal(r.tok, 7);
	/* every non-ASCII byte may be part of a word */
	assert_int_equal(r.word, 11);
	assert_int_equal(r.space, 3);
	assert_int_equal(r.line, 11);
	tli_bound b = {10, 1, 2, 0, 3, 4, 5};
	assert_int_equal(tli_bound_value(&b, &r),
			 10 + 3 + 2 * 11 + 3 * 7 + 4 * 11 + 4 * 5);
	/* lines are counted between newlines, in bytes */
	tli_longest_runs("ab\ncd\xC2\xA0"
			 "e\n\nf",
			 11, &r);
	assert_int_equal(r.line, 5);
	b.inf = 1;
	assert_true(tli_bound_value(&b, &r) == (size_t)-1);
}

/* The rules and texts below exercise what could make the prefilter differ:
 * literals far from the match start, white-space runs, adjacent and
 * overlapping matches, case folding traps, invalid UTF-8. */
static const char *EQ_RULES =
	"- id: a.phrase\n  category: a\n  severity: warning\n  message: m\n"
	"  phrases: [do not reply to this email, legal action, final notice]\n"
	"  suggest: s\n"
	"- id: a.gap\n  category: a\n  severity: warning\n  message: m\n"
	"  pattern: '(?i)\\bfailure\\s+to\\s+pay\\b[^.!?]{0,60}?\\bresult'\n"
	"  suggest: s\n"
	"- id: a.late\n  category: a\n  severity: warning\n  message: m\n"
	"  pattern: '(?i)(?:we|i)\\s+(?:will|shall)\\s+(?:\\w+\\s+){0,3}?"
	"(?:escalate|terminate)'\n"
	"  suggest: s\n"
	"- id: a.star\n  category: a\n  severity: warning\n  message: m\n"
	"  pattern: '(?i)[a-z ]*overdue'\n  suggest: s\n"
	"- id: a.kelvin\n  category: a\n  severity: warning\n  message: m\n"
	"  pattern: '(?i)\\bkindly\\b'\n  suggest: s\n"
	"- id: a.long-s\n  category: a\n  severity: warning\n  message: m\n"
	"  pattern: '(?i)\\bsettle\\s+now\\b'\n  suggest: s\n"
	"- id: a.shout\n  category: a\n  severity: warning\n  message: m\n"
	"  pattern: '\\b[A-Z]{4,}(?:\\s+[A-Z]{4,})+\\b'\n  suggest: s\n";

static const char *EQ_TEXTS[] = {
	"Failure to pay the amount will result in fees. Do not reply to "
	"this email. We will escalate. I shall quickly and firmly terminate.",
	"failure   to\n\n\n          pay anything will result                "
	"                                                                  "
	"                    in LEGAL ACTION and FINAL NOTICE now.",
	"legal action legal action legalaction final notice final noticed "
	"overdue overdue OVERDUE is overdue, very overdue",
	"\xE2\x84\xAA"
	"indly pay. \xC5\xBF"
	"hall we? KINDLY do it.",
	"bad \xff\xfe bytes do not\nreply to\n this email \xc0 failure to pay "
	"\xe9 will result",
	"we will escalate we will escalate we will escalate",
	/* rules' white space met by non-ASCII spaces: NBSP, em space,
	 * ideographic space, NEL, line separator */
	"Failure\xC2\xA0to\xE2\x80\x83pay will\xE3\x80\x80result. Do "
	"not\xC2\x85"
	"reply to\xE2\x80\xA8this email. legal \xC2\xA0\t action",
	/* each fold trap alone: the Kelvin sign, then the long s */
	"Please \xE2\x84\xAA"
	"indly pay.",
	"Please \xC5\xBF"
	"ettle now.",
	"we will supercalifragilisticexpialidociously quickly escalate; I "
	"shall ___________________________________________________ terminate",
	"",
};

static void collect_findings(tl_ruleset *rs, const char *text, int prefilter,
			     char *out, size_t out_size)
{
	tl_scanner *sc;
	tl_document *doc;
	tl_result *res;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	tl_scanner_set_prefilter(sc, prefilter);
	assert_int_equal(tl_document_from_buffer(&doc, "t", text, strlen(text),
						 TL_FORMAT_TEXT),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	out[0] = '\0';
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		char item[96];
		snprintf(item, sizeof item, "%s@%zu+%zu ", tl_rule_id(f->rule),
			 f->offset, f->length);
		if (strlen(out) + strlen(item) < out_size)
			strcat(out, item);
	}
	tl_result_free(res);
	tl_document_free(doc);
	tl_scanner_free(sc);
}

/* The findings of rs over a long text are the same with and without the
 * prefilter, and more than `min` bytes of them (or the test tests little).
 * Returns them, in a static buffer that the next call reuses. */
static const char *assert_same_both_ways(tl_ruleset *rs, const char *text,
					 size_t min)
{
	static char with[1 << 21], without[1 << 21];
	collect_findings(rs, text, 1, with, sizeof with);
	collect_findings(rs, text, 0, without, sizeof without);
	assert_true(strlen(with) > min);
	assert_string_equal(with, without);
	return with;
}

/* A bound of 10 bytes and 20 characters (up to 80 bytes) reaches 30
 * characters back: 30 bytes of ASCII, no more than 90 bytes of wider ones,
 * never past the floor. */
static void bound_start__characters__walked_back_not_counted_at_4(void **state)
{
	(void)state;
	char t[200];
	memset(t, 'a', sizeof t);
	assert_int_equal(tli_bound_start(90, 20, t, 150, 0), 120);
	assert_int_equal(tli_bound_start(90, 20, t, 150, 130), 130);
	assert_int_equal(tli_bound_start(90, 20, t, 31, 0), 0);
	assert_int_equal(tli_bound_start(20, 5, t, 31, 0), 26);
	/* without characters, the bytes as they are */
	assert_int_equal(tli_bound_start(90, 0, t, 150, 0), 60);
	assert_int_equal(tli_bound_start((size_t)-1, 20, t, 150, 7), 7);
	/* 4-byte characters: the bytes are the limit */
	for (size_t i = 0; i < 200; i += 4)
		memcpy(t + i, "\xF0\x9F\x98\x80", 4);
	assert_int_equal(tli_bound_start(90, 20, t, 152, 0), 62);
	/* ten 3-byte ones among ASCII: 30 characters, 50 bytes */
	memset(t, 'a', sizeof t);
	for (size_t i = 100; i < 130; i += 3)
		memcpy(t + i, "\xE2\x82\xAC", 3);
	assert_int_equal(tli_bound_start(90, 20, t, 140, 0), 90);
	assert_int_equal(tli_bound_start(90, 20, t, 150, 0), 100);
	assert_int_equal(tli_bound_start(90, 20, t, 127, 0), 79);
}

/* The bounds' walks, a character at a time as they are defined: back from
 * p until `left` characters have started, or forward over `left` whole
 * characters (the first begun at p, even inside one). */
static size_t walk_back_ref(const unsigned char *t, size_t p, size_t from,
			    size_t left)
{
	size_t q = p;
	while (left && q > from)
		if ((t[--q] & 0xC0) != 0x80)
			left--;
	return q;
}

static size_t walk_on_ref(const unsigned char *t, size_t p, size_t cap,
			  size_t left)
{
	size_t q = p;
	while (left && q < cap) {
		q++;
		while (q < cap && (t[q] & 0xC0) == 0x80)
			q++;
		left--;
	}
	return q;
}

/* Eight bytes at a time where no walk stops, the walks end where the
 * character-at-a-time ones do: on ASCII, on 2-, 3- and 4-byte characters
 * mixed at random, from anywhere, inside a character too. */
static void bound__walks__as_one_character_at_a_time(void **state)
{
	(void)state;
	static const char *chars[] = {"a", " ", "\xC3\xA9", "\xE2\x80\x99",
				      "\xF0\x9F\x98\x80"};
	unsigned char t[600];
	unsigned seed = 12345;
	for (int round = 0; round < 200; round++) {
		size_t n = 0;
		/* mostly ASCII in some rounds, mostly wide in others */
		unsigned wide = (unsigned)round % 5;
		while (n + 4 <= sizeof t) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 5;
			const char *c =
				r < wide ? chars[2 + r % 3] : chars[r % 2];
			memcpy(t + n, c, strlen(c));
			n += strlen(c);
		}
		for (int k = 0; k < 50; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t p = (seed >> 8) % (n + 1);
			unsigned ch = (seed >> 4) % 40;
			size_t bytes = 3u * ch + (seed >> 20) % 300;
			size_t left = bytes - 3u * ch;
			size_t from = p > bytes ? p - bytes : 0;
			if (ch && p > bytes)
				assert_int_equal(
					tli_bound_start(bytes, ch,
							(const char *)t, p, 0),
					walk_back_ref(t, p, from, left));
			size_t cap = n - p > bytes ? p + bytes : n;
			if (ch)
				assert_int_equal(tli_bound_end(bytes, ch,
							       (const char *)t,
							       n, p),
						 walk_on_ref(t, p, cap, left));
		}
	}
}

/* A literal found after a gap of wide characters: the rule is still run
 * far enough back to find the match that starts before the gap. */
/* A text is ASCII to tli_longest_runs unless one byte of it is 0x80 or
 * above, wherever that byte is (in the first or last block of 64 bytes, or
 * the short rest); and on an ASCII text a bound made ASCII
 * (tli_bound_ascii) ends where walking its characters does (where the
 * walk stops short at the floor, it starts there). */
static void bound_ascii__ascii_text__same_ends_without_a_walk(void **state)
{
	(void)state;
	char t[300];
	tli_runs runs;
	for (size_t n = 1; n <= sizeof t; n += 13) {
		for (size_t i = 0; i < n; i++)
			t[i] = "ab c.\n"[i % 6];
		tli_longest_runs(t, n, &runs);
		assert_int_equal(runs.ascii, 1);
		const size_t at[] = {0, 63, 64, n / 2, n - 1};
		for (size_t a = 0; a < sizeof at / sizeof at[0]; a++) {
			char keep = t[at[a]];
			t[at[a]] = (char)0xE9;
			tli_longest_runs(t, n, &runs);
			if (at[a] < n && runs.ascii)
				fail_msg("length %zu: 0xE9 at %zu not seen", n,
					 at[a]);
			t[at[a]] = keep;
		}
	}
	for (size_t i = 0; i < sizeof t; i++)
		t[i] = "We will, you must.\n"[i % 19];
	for (size_t p = 0; p <= sizeof t; p += 7)
		for (unsigned ch = 0; ch < 40; ch += 3)
			for (size_t extra = 0; extra < 90; extra += 11) {
				size_t bytes = 3u * ch + extra, b = bytes;
				unsigned c = ch;
				tli_bound_ascii(&b, &c);
				assert_int_equal(c, 0);
				/* exactly `left` characters back; the walk
				 * gives that, or the floor when the bound's
				 * bytes reach it anyway (wider, as safe) */
				size_t left = bytes - 3u * ch,
				       want = p > left ? p - left : 0;
				assert_int_equal(tli_bound_start(b, 0, t, p, 0),
						 want);
				assert_true(tli_bound_start(bytes, ch, t, p,
							    0) <= want);
				assert_int_equal(
					tli_bound_end(b, 0, t, sizeof t, p),
					tli_bound_end(bytes, ch, t, sizeof t,
						      p));
			}
	size_t unbounded = (size_t)-1;
	unsigned c = 4;
	tli_bound_ascii(&unbounded, &c);
	assert_true(unbounded == (size_t)-1);
}

static void prefilter__gap_of_wide_characters__still_found(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: a.wide\n  category: a\n  severity: warning\n"
		"  message: m\n"
		"  pattern: '(?i)\\bunless\\b[^.!?]{0,30}\\bescalated\\b'\n"
		"  suggest: s\n");
	static const char *fill[] = {"a", "\xC3\xA9", "\xE2\x82\xAC",
				     "\xF0\x9F\x98\x80"};
	for (size_t f = 0; f < 4; f++) {
		char text[256] = "Nothing. Unless ";
		for (int i = 0; i < 28; i++)
			strcat(text, fill[f]);
		strcat(text, " escalated.");
		char with[256], without[256];
		collect_findings(rs, text, 1, with, sizeof with);
		collect_findings(rs, text, 0, without, sizeof without);
		char want[64];
		snprintf(want, sizeof want, "a.wide@9+%zu ", strlen(text) - 10);
		assert_string_equal(without, want);
		assert_string_equal(with, want);
	}
	tl_ruleset_free(rs);
}

static void prefilter__findings__identical_with_and_without(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(EQ_RULES);
	for (size_t i = 0; i < sizeof EQ_TEXTS / sizeof EQ_TEXTS[0]; i++) {
		char with[4096], without[4096];
		collect_findings(rs, EQ_TEXTS[i], 1, with, sizeof with);
		collect_findings(rs, EQ_TEXTS[i], 0, without, sizeof without);
		if (strcmp(with, without) != 0)
			fail_msg("text %zu:\n with: %s\n without: %s", i, with,
				 without);
		if (i < 4 && !with[0])
			fail_msg("text %zu: expected findings", i);
	}
	tl_ruleset_free(rs);
}

/* Which literal sets every match has at a word's start
 * (tli_literals.word_start): after \b or a look-behind for no word
 * character, with a word character first, or after white space; not
 * after \B, an optional boundary, a repeat between, or before a first
 * character that is no word character. */
static void literals__word_start__after_boundaries_only(void **state)
{
	(void)state;
	static const struct {
		const char *re;
		int want;
	} cases[] = {
		{"\\bescalate\\b", 1},
		{"escalate", 0},
		{"\\Bescalate", 0},
		{"\\b(?:escalate|terminate)", 1},
		{"(?:\\bescalate|terminate)", 0},
		{"(?:\\bescalate|\\bterminate)", 1},
		{"(?<!\\w)escalate", 1},
		{"(?<![\\w'\xE2\x80\x99])escalate", 1},
		{"(?<![^\\w])escalate", 0},
		{"(?<!x)escalate", 0},
		{"\\b\\w+escalate", 0},
		{"\\b(?:'ll|\xE2\x80\x99ll) escalate", 0},
		{"\\bwe\\s+will\\s+escalate", 1},
		{"\\w+\\s+escalate", 1},
		{"\\w+\\s*escalate", 0},
		{"\\b?escalate", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tli_literals l;
		int rc = tli_extract_literals(cases[i].re, strlen(cases[i].re),
					      1, TLI_MAX_LITERAL_COST, &l);
		if (rc != 1 || !l.count)
			fail_msg("%s: no literals", cases[i].re);
		if (l.word_start != cases[i].want)
			fail_msg("%s: word_start %d, want %d", cases[i].re,
				 l.word_start, cases[i].want);
		tli_literals_free(&l);
	}
}

/* An owner that wants a word's start is not told of an occurrence inside
 * a word; others are, at the same place. */
static void automaton__word_start_owner__not_told_inside_words(void **state)
{
	(void)state;
	tli_ac_literal lits[] = {{"read", 4, 7 | TLI_AC_WORD_START},
				 {"read", 4, 8}};
	tli_ac *ac = tli_ac_build(lits, 2);
	assert_non_null(ac);
	char log[256] = "";
	const char *t = "read already,read _read 9read \xC3\xA9read";
	tli_ac_scan(ac, t, strlen(t), collect, log);
	/* the owners in their order, the flag counted: 8 first */
	assert_string_equal(log, "8@0 7@0 8@7 8@13 7@13 8@19 8@25 8@32 7@32 ");
	tli_ac_free(ac);
}

/* The built-in rules on random texts of words and pieces of words, glued
 * or apart, so that their literals turn up inside words as often as at
 * their start: the same findings with the prefilter as without. */
static void prefilter__literals_inside_words__as_without(void **state)
{
	(void)state;
	static const char *parts[] = {
		"or",	  "your",	  "f",	    "account", "y",
		"read",	  "al",		  "take",   "mis",     "we",
		"will",	  "'s",		  "escal",  "ate",     "legal",
		"action", "pay",	  "ment",   "final",   "notice",
		"do",	  "not",	  "reply",  "to",      "this",
		"email",  "thank",	  "you",    "for",     "re",
		"ply",	  "un",		  "less",   "immedi",  "ately",
		"other",  "wise",	  "d",	    "ear",     "sir",
		"madam",  "kindly",	  "please", "find",    "attach",
		"ed",	  "\xE2\x80\x99", "ll"};
	tl_ruleset *rs;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_default(rs), TL_OK);
	unsigned seed = 2024;
	static char with[1 << 16], without[1 << 16];
	size_t found = 0;
	for (int round = 0; round < 150; round++) {
		char text[1200];
		size_t len = 0;
		while (len + 16 < sizeof text) {
			seed = seed * 1103515245u + 12345u;
			const char *w = parts[(seed >> 16) %
					      (sizeof parts / sizeof parts[0])];
			memcpy(text + len, w, strlen(w));
			len += strlen(w);
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 8;
			if (r < 4)
				text[len++] = ' ';
			else if (r == 4)
				text[len++] = ',';
			else if (r == 5)
				text[len++] = '\n';
		}
		text[len] = '\0';
		collect_findings(rs, text, 1, with, sizeof with);
		collect_findings(rs, text, 0, without, sizeof without);
		if (strcmp(with, without) != 0)
			fail_msg("round %d: '%s'\n with: %.400s\n without: "
				 "%.400s",
				 round, text, with, without);
		found += strlen(with) > 0;
	}
	assert_true(found > 100);
	tl_ruleset_free(rs);
}

static void prefilter__random_texts__identical_with_and_without(void **state)
{
	(void)state;
	static const char *words[] = {
		"failure", "to",     "pay",	"will",	       "result",
		"in",	   "legal",  "action",	"final",       "notice",
		"do",	   "not",    "reply",	"this",	       "email",
		"we",	   "i",	     "shall",	"escalate",    "terminate",
		"overdue", "KINDLY", "OVERDUE", "NOTICE",      ".",
		"\n",	   "\n\n",   "   ",	"\xE2\x84\xAA"};
	tl_ruleset *rs = load_rules(EQ_RULES);
	unsigned seed = 12345;
	char text[2048];
	for (int round = 0; round < 300; round++) {
		size_t len = 0;
		text[0] = '\0';
		for (int w = 0; w < 60; w++) {
			seed = seed * 1103515245u + 12345u;
			const char *word =
				words[(seed >> 16) %
				      (sizeof words / sizeof words[0])];
			if (len + strlen(word) + 2 >= sizeof text)
				break;
			strcat(text, word);
			strcat(text, " ");
			len += strlen(word) + 1;
		}
		char with[8192], without[8192];
		collect_findings(rs, text, 1, with, sizeof with);
		collect_findings(rs, text, 0, without, sizeof without);
		if (strcmp(with, without) != 0)
			fail_msg("round %d: '%s'\n with: %s\n without: %s",
				 round, text, with, without);
	}
	tl_ruleset_free(rs);
}

/* At least `size` bytes of pieces[] drawn at random from `seed`, NUL-
 * terminated; the caller frees it. */
static char *pieces_text(const char *const *pieces, size_t n, size_t size,
			 unsigned seed)
{
	size_t longest = 0, len = 0;
	for (size_t i = 0; i < n; i++)
		if (strlen(pieces[i]) > longest)
			longest = strlen(pieces[i]);
	char *text = malloc(size + longest + 1);
	assert_non_null(text);
	while (len < size) {
		seed = seed * 1103515245u + 12345u;
		const char *p = pieces[(seed >> 16) % n];
		memcpy(text + len, p, strlen(p));
		len += strlen(p);
	}
	text[len] = '\0';
	return text;
}

static void
prefilter__large_text_in_blocks__identical_with_and_without(void **state)
{
	(void)state;
	/* Over 256 KiB: scanned in blocks, with literals and matches
	 * straddling block boundaries at every alignment. */
	static const char *pieces[] = {
		"Failure to pay will result in fees. ",
		"do not reply to\n",
		"this email. ",
		"We will quietly escalate. ",
		"overdue ",
		"KINDLY NOTE ",
		"legal action ",
		"x",
		"   \n\n ",
		"final notice",
		"do not\xC2\xA0\xC2\xA0reply\xE2\x80\x83to this email ",
		"failure\xE3\x80\x80to pay"};
	tl_ruleset *rs = load_rules(EQ_RULES);
	char *text = pieces_text(pieces, sizeof pieces / sizeof pieces[0],
				 700 * 1024, 99);
	assert_same_both_ways(rs, text, 1000);
	free(text);
	tl_ruleset_free(rs);
}

/* Patterns found near two capital words (each is, by the analysis), with
 * matches that start before the shape, gaps of several kinds and
 * shouting.all-caps#0's shape. */
static const char *WORD_RULES =
	"- id: w.words\n  category: w\n  severity: warning\n  message: m\n"
	"  pattern: '(?<![\\w'']|[A-Z]\\h)[A-Z]+(?:[''’-][A-Z]+)*"
	"(?![\\w''’-])(?:\\h+(?:[&+/]\\h+)?[A-Z]+(?:[''’-][A-Z]+)*"
	"(?![\\w''’-]))+'\n"
	"  suggest: s\n"
	"- id: w.before\n  category: w\n  severity: warning\n  message: m\n"
	"  pattern: '(?:\\b[a-z]+\\h+){1,3}[A-Z]{2,}\\h+[A-Z]'\n"
	"  suggest: s\n"
	"- id: w.dots\n  category: w\n  severity: warning\n  message: m\n"
	"  pattern: '\\b[A-Z][.,;:]+\\h*[A-Z]\\b'\n  suggest: s\n";

/* Each of the rules `ids` is found behind capital gate `kind`, or the tests
 * below test nothing. */
static void assert_gated(tl_ruleset *rs, const char *const *ids, size_t n,
			 int kind)
{
	for (size_t i = 0; i < n; i++) {
		const tl_rule *r = tl_ruleset_find(rs, ids[i]);
		assert_non_null(r);
		const char *src = r->pattern_src[0];
		tli_literals l;
		assert_int_equal(tli_extract_literals(src, strlen(src), 0,
						      TLI_MAX_LITERAL_COST, &l),
				 1);
		assert_int_equal(l.upper, kind);
		tli_literals_free(&l);
	}
}

static const char *const WORD_IDS[] = {"w.words", "w.before", "w.dots"};

/* With rules `yaml`, whose ids are found behind capital gate `kind`: each
 * of texts[0..n) has findings, the same with and without the prefilter. */
static void check_texts(const char *yaml, const char *const *ids, int kind,
			const char *const *texts, size_t n)
{
	tl_ruleset *rs = load_rules(yaml);
	assert_gated(rs, ids, 3, kind);
	for (size_t i = 0; i < n; i++) {
		char with[4096], without[4096];
		collect_findings(rs, texts[i], 1, with, sizeof with);
		collect_findings(rs, texts[i], 0, without, sizeof without);
		if (strcmp(with, without) != 0)
			fail_msg("text %zu:\n with: %s\n without: %s", i, with,
				 without);
		if (!with[0])
			fail_msg("text %zu: expected findings", i);
	}
	tl_ruleset_free(rs);
}

/* The same over 200 texts of 400 bytes and one of 300 KiB made of
 * words[0..n) drawn at random from `seed`, a space after one in `gap`:
 * findings the same with and without the prefilter, and many in the large
 * text. */
static void check_random(const char *yaml, const char *const *ids, int kind,
			 const char *const *words, size_t n, unsigned seed,
			 unsigned gap)
{
	tl_ruleset *rs = load_rules(yaml);
	assert_gated(rs, ids, 3, kind);
	static char text[300 * 1024 + 64];
	static char with[1 << 21], without[1 << 21];
	for (int round = 0; round < 201; round++) {
		/* the last round is a large text */
		size_t cap = round == 200 ? 300 * 1024 : 400, len = 0;
		while (len < cap) {
			seed = seed * 1103515245u + 12345u;
			const char *w = words[(seed >> 16) % n];
			size_t k = strlen(w);
			memcpy(text + len, w, k);
			len += k;
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % gap)
				text[len++] = ' ';
		}
		text[len] = '\0';
		collect_findings(rs, text, 1, with, sizeof with);
		collect_findings(rs, text, 0, without, sizeof without);
		if (strcmp(with, without) != 0)
			fail_msg("round %d: '%.300s'\n with: %.300s\n "
				 "without: %.300s",
				 round, text, with, without);
		if (round == 200)
			assert_true(strlen(with) > 1000);
	}
	tl_ruleset_free(rs);
}

/* Each text has a match that only a gate letting its shape through finds:
 * a gap of a non-ASCII space, of a tab and &, of several spaces; at the
 * very start and end of the text; a match that starts words before its
 * capitals. */
static void prefilter__two_capital_words__found_with_and_without(void **state)
{
	(void)state;
	static const char *texts[] = {
		"please PAY NOW",
		"FINAL\xC2\xA0"
		"NOTICE is here",
		"we said PAY\t&\tSETTLE today",
		"A    B",
		"so the ACH TRANSFER",
		"and then we are OVERDUE X",
		"I. Smith and J.,K. Jones",
		"DON’T IGNORE THIS, okay",
		"INV-3471 USD 801.09 ACH VAT then PAY / NOW",
		"x\xE2\x80\x83"
		"FINAL\xE3\x80\x80NOTICE\xC2\xA0",
	};
	check_texts(WORD_RULES, WORD_IDS, TLI_UPPER_WORDS, texts,
		    sizeof texts / sizeof texts[0]);
}

/* Random capital words, codes and gaps; and over 256 KiB, so that words
 * meet across block boundaries at every alignment. */
static void prefilter__two_capital_words__random_and_in_blocks(void **state)
{
	(void)state;
	static const char *words[] = {
		"PAY",	 "NOW",	 "FINAL", "A",	     "I.",  "NOTICE",
		"INV-",	 "3471", "USD",	  "late",    "we",  "&",
		"/",	 ".",	 ",",	  "\n",	     "\t",  "\xC2\xA0",
		"DON’T", "x",	 "VAT:",  "OVERDUE", "ACT", "  ",
		"ZIP",	 "Z",	 "QUIZ",
	};
	check_random(WORD_RULES, WORD_IDS, TLI_UPPER_WORDS, words,
		     sizeof words / sizeof words[0], 777, 3);
}

/* Patterns found near capital words of a set (each is, by the analysis):
 * words inside longer runs, a run of five, words in a lookahead, matches
 * that start words before their capitals. */
static const char *CAPS_RULES =
	"- id: c.words\n  category: c\n  severity: warning\n  message: m\n"
	"  pattern: '(?:NOT|DON[''’]T|[A-Z]{5})'\n"
	"  suggest: s\n"
	"- id: c.before\n  category: c\n  severity: warning\n  message: m\n"
	"  pattern: '(?:\\b[a-z]+,?\\h+){1,3}(?:MUST|DO)\\b'\n"
	"  suggest: s\n"
	"- id: c.ahead\n  category: c\n  severity: warning\n  message: m\n"
	"  pattern: '\\b(?=[A-Z]*NOW)[A-Z]+\\b'\n  suggest: s\n";

static const char *const CAPS_IDS[] = {"c.words", "c.before", "c.ahead"};

/* Each text has matches that only a gate letting their runs through
 * finds: a word at the start, middle or end of a longer run, at the start
 * and end of the text, after a non-ASCII character. */
static void prefilter__capital_words__found_with_and_without(void **state)
{
	(void)state;
	static const char *texts[] = {
		"CANNOTX",
		"you DON’T",
		"ABCDE",
		"see ABCDEFGHIJ and XNOTX",
		"we really, truly MUST pay",
		"so you DO, right",
		"KNOWN, SNOWY and NOW",
		"\xC3\xA9NOT\xC3\xA9",
		"INV-3471 USD 801.09 ACH VAT and we DO",
	};
	check_texts(CAPS_RULES, CAPS_IDS, TLI_UPPER_CAPS, texts,
		    sizeof texts / sizeof texts[0]);
}

/* Random runs of capitals and words; and over 256 KiB, so that runs meet
 * block boundaries at every alignment. */
static void prefilter__capital_words__random_and_in_blocks(void **state)
{
	(void)state;
	static const char *words[] = {
		"NO", "T",   "NOT", "DON", "’T",  "'T",	  "MUST", "DO", "N",
		"OW", "NOW", "ABC", "DE",  "you", "we",	  "so",	  ",",	"\n",
		"  ", "VAT", "I",   "x",   "USD", "KNOW", "ZZ",	  "Z",	"QUIZ",
	};
	check_random(CAPS_RULES, CAPS_IDS, TLI_UPPER_CAPS, words,
		     sizeof words / sizeof words[0], 4242, 2);
}

/* Random patterns read with case, made of pieces around capitals (classes,
 * gaps, lookarounds, words, repeats), each over random texts: the same
 * findings with and without the prefilter, whichever gate the analysis
 * gives them; and some of each gate, or the test tests little. */
static void
prefilter__random_capital_patterns__identical_with_and_without(void **state)
{
	(void)state;
	static const char *pieces[] = {
		"[A-Z]",
		"[A-Z]+",
		"[A-Z]{2,}",
		"[A-Z]{5,}",
		"\\h+",
		"\\h*",
		"\\s+",
		" ",
		"[&+/]",
		"(?:[&+/]\\h+)?",
		"MUST",
		"NOT",
		"DO",
		"DON[’-]T",
		"[a-z]+",
		"\\w",
		"(?=[A-Z]{2})",
		"(?![A-Z])",
		"(?<![A-Z])",
		"\\b",
		".",
		"[^a-z]",
		"[-.]",
		"(?:NOW|[A-Z]{3,})",
		"(?:PAY|ACT)\\h+NOW",
		"x",
		",",
		"(?:A|B\\h)",
		"\\x{A0}",
		"’",
		"[A-Z][a-z]*",
		"(?:[A-Z]+\\h+)+",
		"(?:\\h[A-Z])?",
		"(?:[A-Z]\\h){2}",
		"[A-C-]",
		"\\d",
		"(?=\\h[A-Z])",
		"(?=[A-Z]*NOW)",
		"[A-Z]{3}",
		"(?:\\h+[A-Z]+)*",
		"I",
		"[,;:]+",
	};
	static const char *words[] = {
		"PAY", "NOW",  "A",	   "I.",     "MUST",	 "DON’T",
		"x",   "we",   " ",	   "  ",     "\t",	 "&",
		"/",   "\n",   "\xC2\xA0", "ABCDEF", "NOTICE",	 ",",
		".",   "-",    "\xC3\xA9", "B",	     "INV-3471", "KNOW",
		"do",  "NOTX", "9",	   ":",	     "ACT",	 "DON-T",
	};
	unsigned seed = 2024;
	int gates[4] = {0};
	for (int round = 0; round < 400; round++) {
		char pat[1200] = "", yaml[1600];
		int alts = 1 + (int)(seed >> 16) % 2;
		for (int a = 0; a < alts; a++) {
			if (a)
				strcat(pat, "|");
			seed = seed * 1103515245u + 12345u;
			int n = 1 + (int)((seed >> 16) % 5);
			for (int i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				strcat(pat, pieces[(seed >> 16) %
						   (sizeof pieces /
						    sizeof pieces[0])]);
			}
		}
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 3 == 0) {
			static const char *q[] = {"+", "{2}", "?", "*", ""};
			char tmp[1200];
			snprintf(tmp, sizeof tmp, "(?:%s)%s", pat,
				 q[(seed >> 20) % 5]);
			strcpy(pat, tmp);
		}
		snprintf(yaml, sizeof yaml,
			 "- id: r.p\n  category: r\n  severity: warning\n"
			 "  message: m\n  pattern: '%s'\n  suggest: s\n",
			 pat);
		/* a pattern that can match nothing, or not compile, is
		 * refused by the loader: skipped */
		tl_ruleset *rs = NULL;
		assert_int_equal(tl_ruleset_new(&rs), TL_OK);
		if (tl_ruleset_add_buffer(rs, "r.yml", yaml, strlen(yaml))) {
			tl_ruleset_free(rs);
			continue;
		}
		tli_literals l;
		int rc = tli_extract_literals(pat, strlen(pat), 0,
					      TLI_MAX_LITERAL_COST, &l);
		gates[rc == 1 ? l.upper : 0]++;
		if (rc == 1)
			tli_literals_free(&l);
		for (int t = 0; t < 10; t++) {
			char text[2048] = "";
			seed = seed * 1103515245u + 12345u;
			int n = 5 + (int)((seed >> 16) % 60);
			for (int i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				strcat(text,
				       words[(seed >> 16) %
					     (sizeof words / sizeof words[0])]);
			}
			char with[4096], without[4096];
			collect_findings(rs, text, 1, with, sizeof with);
			collect_findings(rs, text, 0, without, sizeof without);
			if (strcmp(with, without) != 0)
				fail_msg("%s over '%s'\n with: %s\n "
					 "without: %s",
					 pat, text, with, without);
		}
		tl_ruleset_free(rs);
	}
	assert_true(gates[TLI_UPPER_PAIR] >= 10);
	assert_true(gates[TLI_UPPER_WORDS] >= 10);
	assert_true(gates[TLI_UPPER_CAPS] >= 10);
}

/* The gate of a pattern: a set of another of its parts, not one found
 * wherever the first set is, and none where no bound holds. */
static void gate__literals__another_part_of_the_pattern(void **state)
{
	(void)state;
	static const struct {
		const char *pattern, *gate;
	} cases[] = {
		{"\\b(?:if|should)\\b[^.!?\\n]{0,80}?\\bnot\\s+paid\\b"
		 "[^.!?\\n]{0,80}?\\bwe\\s+(?:will|shall)\\s+escalate\\b",
		 "not paid"},
		{"\\b(?:late|overdue)\\s+(?:fee|charge)s?\\b[^.!?\\n]{0,80}?"
		 "\\bwill\\s+be\\s+(?:applied|added)\\b",
		 "late fee|late charge|overdue"},
		{"please\\s+find\\s+the\\s+attached", "attached"},
		/* a top-level alternation: no part is in every match */
		{"foo\\s+escalate|baz\\s+escalate", NULL},
		/* no bound on a match's length */
		{"overdue[\\s\\S]*\\bwe\\s+will\\s+escalate", NULL},
		/* the only other part is inside the first set's literal */
		{"we\\s+will\\s+escalate", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *p = cases[i].pattern;
		tli_literals first, gate;
		tli_bound span;
		assert_int_equal(tli_extract_literals(p, strlen(p), 1,
						      TLI_MAX_LITERAL_COST,
						      &first),
				 1);
		int rc = tli_gate_literals(p, strlen(p), 1, &first,
					   TLI_AC_GATE_COST, &gate, &span);
		char got[256] = "";
		for (size_t k = 0; rc == 1 && k < gate.count; k++) {
			if (k)
				strcat(got, "|");
			strcat(got, gate.lits[k]);
		}
		if (cases[i].gate ? rc != 1 || strcmp(got, cases[i].gate) != 0
				  : rc != 0)
			fail_msg("%s: got %d '%s', want '%s'", p, rc, got,
				 cases[i].gate ? cases[i].gate : "none");
		if (rc == 1)
			tli_literals_free(&gate);
		tli_literals_free(&first);
	}
}

/* A bound of 10 bytes and 20 characters ends 30 characters on: 30 bytes
 * of ASCII, more of wider ones, never past the bound's bytes or the
 * text. */
static void bound_end__characters__walked_forward(void **state)
{
	(void)state;
	char text[256];
	memset(text, 'a', sizeof text);
	assert_int_equal(tli_bound_end(90, 20, text, sizeof text, 5), 35);
	assert_int_equal(tli_bound_end(90, 20, text, 30, 5), 30);
	assert_int_equal(tli_bound_end(90, 0, text, sizeof text, 5), 95);
	/* "é" is two bytes: 30 characters from 0 over "éé..." are 60 */
	for (size_t i = 0; i + 1 < sizeof text; i += 2)
		memcpy(text + i, "\xC3\xA9", 2);
	assert_int_equal(tli_bound_end(90, 20, text, sizeof text, 0), 60);
	/* three-byte characters: the bound's 90 bytes stop it first */
	for (size_t i = 0; i + 3 <= 240; i += 3)
		memcpy(text + i, "\xE2\x80\x99", 3);
	assert_int_equal(tli_bound_end(90, 20, text, 240, 0), 90);
}

/* Windows that only move on: each answer as a fresh look would give. */
static void gate_scan__moving_windows__as_a_fresh_look(void **state)
{
	(void)state;
	tli_ac_literal lits[] = {{"we will", 7, 0}, {"legal", 5, 0}};
	tli_ac *ac = tli_ac_build(lits, 2);
	assert_non_null(ac);
	const char *t = "abc we  will go. nothing here at all.  Legal x "
			"and we\nwill.";
	size_t n = strlen(t);
	tli_gate_scan gs;
	tli_gate_begin(&gs, ac, t);
	for (size_t from = 0; from < n; from += 3) {
		size_t to = from + 12 < n ? from + 12 : n;
		/* a fresh look: any literal wholly in [from, to)? */
		tli_gate_scan fresh;
		tli_gate_begin(&fresh, ac, t);
		int want = tli_gate_open(&fresh, from, to);
		int got = tli_gate_open(&gs, from, to);
		if (got != want)
			fail_msg("[%zu, %zu): got %d, want %d", from, to, got,
				 want);
	}
	tli_ac_free(ac);
}

/* One scan of text with rs's lazy gates kept on, whatever their checks
 * cost on this machine: they checked at least 1000 candidates and kept at
 * least `min_shut` searches away, and the findings are those of a search
 * everywhere. */
static void assert_gates_kept_searches_away(tl_ruleset *rs, const char *text,
					    size_t min_shut)
{
	tl_scanner *sc;
	tl_document *doc;
	tl_result *res;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	tli_scanner_keep_gates(sc);
	assert_int_equal(tl_document_from_buffer(&doc, "t", text, strlen(text),
						 TL_FORMAT_TEXT),
			 TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	size_t checks, shut;
	tli_scanner_gate_counts(sc, &checks, &shut);
	if (checks < 1000 || shut < min_shut)
		fail_msg("gates: %zu checks, %zu kept away", checks, shut);
	tl_result_free(res);
	tl_document_free(doc);
	tl_scanner_free(sc);
	assert_same_both_ways(rs, text, 1000);
}

/* Patterns with a gate, over a text with thousands of candidates: the
 * gates are used, keep searches away, and change no finding. */
static void prefilter__gates__identical_with_and_without(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: g.threat\n  category: g\n  severity: warning\n"
		"  message: m\n"
		"  pattern: '\\b(?:if|should)\\b[^.!?\\n]{0,80}?\\b(?:not\\s+"
		"paid|ignore)\\b[^.!?\\n]{0,80}?\\bwe\\s+(?:will|shall)\\s+"
		"(?:escalate|sue)\\b'\n  suggest: s\n"
		"- id: g.fee\n  category: g\n  severity: warning\n"
		"  message: m\n"
		"  pattern: '\\b(?:late|overdue)\\s+(?:fee|charge)s?\\b"
		"[^.!?\\n]{0,60}?\\bwill\\s+be\\s+(?:applied|added)\\b'\n"
		"  suggest: s\n");
	static const char *pieces[] = {
		"If you already paid, please ignore this note. ",
		"If it is not paid, we will escalate. ",
		"Should you ignore this, we\n  shall sue. ",
		"The late delivery was our mistake. ",
		"A late fee will be applied. ",
		"Overdue charges will be added to the bill. ",
		"We will be in touch. ",
		"We will escalate your request to a manager. ",
		"Your discount will be applied at checkout. ",
		"\n\n",
	};
	char *text = pieces_text(pieces, sizeof pieces / sizeof pieces[0],
				 200 * 1024, 5);
	assert_gates_kept_searches_away(rs, text, 100);
	free(text);
	tl_ruleset_free(rs);
}

/* A gate of common words ("will", "may") is made only when asked for (a
 * pattern whose searches are slow); with one, the searches near no such
 * word are kept away, and the findings stay the same. */
static void gate__common_words__only_for_slow_patterns(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: g.susp\n  category: g\n  severity: warning\n"
		"  message: m\n"
		"  pattern: '\\bsuspended\\b[^.!?\\n]{0,40}?\\b(?:will|may|"
		"would|could|shall)\\b'\n  suggest: s\n");
	assert_int_equal(tli_ruleset_freeze(rs), TL_OK);
	const tl_rule *r = tl_ruleset_find(rs, "g.susp");
	assert_non_null(r);
	tli_bound span;
	assert_null(tli_gate(rs, r, 0, 0, &span));
	assert_non_null(tli_gate(rs, r, 0, 1, &span));
	static const char *pieces[] = {
		"The suspended line item is shown in grey. ",
		"Your account was suspended; it will reopen once paid. ",
		"Orders suspended by mistake are on us. ",
		"Nothing here. ",
		"\n\n",
	};
	char *text = pieces_text(pieces, sizeof pieces / sizeof pieces[0],
				 100 * 1024, 3);
	assert_gates_kept_searches_away(rs, text, 500);
	free(text);
	tl_ruleset_free(rs);
}

/* A gate stays where the searches it keeps away would have taken longer
 * than all its checks. */
static void gate__pays__saving_against_cost(void **state)
{
	(void)state;
	/* half the searches kept away, at 1000 ns each: 500 ns a check */
	assert_true(tli_gate_pays(100, 50, 1000.0, 400.0));
	assert_false(tli_gate_pays(100, 50, 1000.0, 600.0));
	/* cheap searches: a check of the window costs more than it saves */
	assert_false(tli_gate_pays(100, 100, 150.0, 300.0));
	assert_false(tli_gate_pays(0, 0, 1000.0, 1.0));
}

/* The built-in rules' gates of rare words are in the automaton: a threat
 * pattern runs only where "we will" or the like is near enough; its
 * findings are those of a search everywhere. */
static void gate__built_in_rules__in_the_automaton(void **state)
{
	(void)state;
	tl_ruleset *rs = NULL;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_default(rs), TL_OK);
	assert_int_equal(tli_ruleset_freeze(rs), TL_OK);
	const tl_rule *r = tl_ruleset_find(rs, "threat.if-not-paid");
	assert_non_null(r);
	assert_int_equal(rs->patinfo[r->pattern_base].gate, 1);
	size_t gated = 0;
	for (size_t g = 0; g < rs->pattern_total; g++)
		gated += rs->patinfo[g].gate;
	assert_true(gated >= 100);
	/* A gate is there only when its words are expected at most
	 * TLI_AC_GATE_RATIO times as often as the pattern's own literals;
	 * commoner ones stay out (at least 100): blame.breach's pattern of
	 * "your account ... in default" is woken by "default" alone, not
	 * by every "your account". */
	size_t in = 0, out = 0;
	for (size_t i = 0; i < rs->count; i++) {
		const tl_rule *ri = rs->rules[i];
		for (size_t k = 0; k < ri->pattern_count; k++) {
			tli_literals l, gl;
			tli_bound span;
			if (tli_pattern_literals(ri, k, &l) != 1)
				continue;
			int rg = l.count ? tli_precomp_entry_gate(
						   ri->pattern_pre[k], 0, &gl,
						   &span)
					 : 0;
			if (rg == 1) {
				int rare = tli_literals_cost(&gl) <=
					   TLI_AC_GATE_RATIO *
						   tli_literals_cost(&l);
				assert_int_equal(
					rs->patinfo[ri->pattern_base + k].gate,
					rare);
				in += rare;
				out += !rare;
				tli_literals_free(&gl);
			}
			tli_literals_free(&l);
		}
	}
	assert_int_equal(in, gated);
	assert_true(out >= 100);
	const tl_rule *breach = tl_ruleset_find(rs, "blame.breach");
	assert_non_null(breach);
	assert_int_equal(rs->patinfo[breach->pattern_base + 1].gate, 0);
	const char *pieces[] = {
		"If you have already paid, please ignore this note. ",
		"If payment is not received, we will refer the debt. ",
		"Should you fail to pay, we may suspend the account. ",
		"We will be in touch.\n\n",
	};
	char *text = pieces_text(pieces, 4, 300 * 1024, 11);
	const char *with = assert_same_both_ways(rs, text, 0);
	assert_non_null(strstr(with, "threat.if-not-paid@"));
	free(text);
	tl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gate__literals__another_part_of_the_pattern),
		cmocka_unit_test(bound_end__characters__walked_forward),
		cmocka_unit_test(
			bound_ascii__ascii_text__same_ends_without_a_walk),
		cmocka_unit_test(gate_scan__moving_windows__as_a_fresh_look),
		cmocka_unit_test(prefilter__gates__identical_with_and_without),
		cmocka_unit_test(gate__built_in_rules__in_the_automaton),
		cmocka_unit_test(literals__each_case__as_expected),
		cmocka_unit_test(literals__word_start__after_boundaries_only),
		cmocka_unit_test(
			automaton__word_start_owner__not_told_inside_words),
		cmocka_unit_test(prefilter__literals_inside_words__as_without),
		cmocka_unit_test(automaton__any_class_count__literals_reported),
		cmocka_unit_test(
			automaton__spaced_literals__start_found_in_random_texts),
		cmocka_unit_test(literals__phrase_regex__whole_phrases),
		cmocka_unit_test(literals__nul_byte__measured_by_length),
		cmocka_unit_test(automaton__overlapping_literals__all_reported),
		cmocka_unit_test(automaton__once_literals__reported_once_each),
		cmocka_unit_test(gate__common_words__only_for_slow_patterns),
		cmocka_unit_test(gate__pays__saving_against_cost),
		cmocka_unit_test(
			automaton__spaced_literal__found_across_any_white_space),
		cmocka_unit_test(space_run__unicode_spaces__counted_in_bytes),
		cmocka_unit_test(runs__words_and_tokens__counted_in_bytes),
		cmocka_unit_test(
			bound_start__characters__walked_back_not_counted_at_4),
		cmocka_unit_test(bound__walks__as_one_character_at_a_time),
		cmocka_unit_test(
			prefilter__gap_of_wide_characters__still_found),
		cmocka_unit_test(literals__capitals_in_a_row__found_with_case),
		cmocka_unit_test(literals__two_capital_words__found_with_case),
		cmocka_unit_test(literals__capital_words__found_with_case),
		cmocka_unit_test(
			prefilter__capital_words__found_with_and_without),
		cmocka_unit_test(
			prefilter__capital_words__random_and_in_blocks),
		cmocka_unit_test(
			prefilter__random_capital_patterns__identical_with_and_without),
		cmocka_unit_test(
			prefilter__two_capital_words__found_with_and_without),
		cmocka_unit_test(
			prefilter__two_capital_words__random_and_in_blocks),
		cmocka_unit_test(
			prefilter__findings__identical_with_and_without),
		cmocka_unit_test(
			prefilter__random_texts__identical_with_and_without),
		cmocka_unit_test(
			prefilter__large_text_in_blocks__identical_with_and_without),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
