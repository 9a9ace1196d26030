#include "../../src/strbuf.h"
#include "helpers.h"

#define RULE_HEAD               \
	"- id: demand.asap\n"   \
	"  category: demand\n"  \
	"  severity: warning\n" \
	"  message: Pressure.\n"

typedef struct bad_case {
	const char *yaml;
	tl_status status;
	unsigned line, column;
	const char *message;
} bad_case;

static const bad_case bad[] = {
	{"- id: a.b\n  category: [x\n", TL_ESYNTAX, 3, 1,
	 "YAML syntax error: while parsing a flow sequence did not find "
	 "expected ',' or ']'"},
	{"id: a.b\n", TL_ERULE, 1, 1,
	 "a rule pack is a list of rules; found a mapping"},
	{"", TL_ERULE, 0, 0,
	 "a rule pack is a list of rules; found an empty file"},
	{"- just text\n", TL_ERULE, 1, 3,
	 "expected a rule (a mapping with id, category, severity, message, "
	 "...), found a single value"},
	{"- category: demand\n", TL_ERULE, 1, 3, "rule without an 'id'"},
	{"- id: Demand.ASAP\n", TL_ERULE, 1, 7,
	 "invalid rule id 'Demand.ASAP': use lower-case words separated by "
	 "dots, such as threat.legal-action"},
	{RULE_HEAD "  phrases: [asap]\n  sugest: x\n", TL_ERULE, 6, 3,
	 "rule 'demand.asap': unknown key 'sugest'"},
	{"- id: a.b\n  severity: warning\n  message: m\n  phrases: [x]\n"
	 "  suggest: y\n",
	 TL_ERULE, 1, 7, "rule 'a.b': missing required key 'category'"},
	{RULE_HEAD "  suggest: x\n", TL_ERULE, 1, 7,
	 "rule 'demand.asap': give exactly one of 'pattern', 'patterns', "
	 "'phrases' or 'swap' (found 0)"},
	{RULE_HEAD "  phrases: [asap]\n  pattern: asap\n  suggest: x\n",
	 TL_ERULE, 1, 7,
	 "rule 'demand.asap': give exactly one of 'pattern', 'patterns', "
	 "'phrases' or 'swap' (found 2)"},
	{RULE_HEAD "  phrases: [asap]\n", TL_ERULE, 1, 7,
	 "rule 'demand.asap': missing required key 'suggest' (every finding "
	 "offers a rewrite)"},
	{"- id: demand.asap\n  category: demand\n  severity: high\n"
	 "  message: m\n  phrases: [asap]\n  suggest: x\n",
	 TL_ERULE, 3, 13,
	 "rule 'demand.asap': severity must be error, warning or suggestion, "
	 "not 'high'"},
	{RULE_HEAD "  phrases: {a: b}\n  suggest: x\n", TL_ERULE, 5, 12,
	 "rule 'demand.asap': 'phrases' must be a list of text (or one "
	 "text), not a mapping"},
	{RULE_HEAD "  phrases: []\n  suggest: x\n", TL_ERULE, 5, 12,
	 "rule 'demand.asap': 'phrases' must not be an empty list"},
	{RULE_HEAD "  phrases: [asap]\n  suggest: ''\n", TL_ERULE, 6, 12,
	 "rule 'demand.asap': 'suggest' must not be empty"},
	{RULE_HEAD "  pattern: 'pay (now'\n  suggest: x\n", TL_EREGEX, 5, 12,
	 "rule 'demand.asap': invalid pattern at offset 8: missing closing "
	 "parenthesis"},
	{RULE_HEAD "  patterns: [ok, '(?<=a+)b']\n  suggest: x\n", TL_EREGEX, 5,
	 18,
	 "rule 'demand.asap': invalid pattern at offset 0: lookbehind "
	 "assertion is not fixed length"},
	{RULE_HEAD "  pattern: x\n  exceptions: ['[z']\n  suggest: x\n",
	 TL_EREGEX, 6, 16,
	 "rule 'demand.asap': invalid exception at offset 2: missing "
	 "terminating ] for character class"},
	{RULE_HEAD "  pattern: x\n  ignorecase: maybe\n  suggest: x\n",
	 TL_ERULE, 6, 15,
	 "rule 'demand.asap': 'ignorecase' must be true or false"},
	{RULE_HEAD "  phrases: [x]\n  ignorecase: true\n  suggest: x\n",
	 TL_ERULE, 6, 3,
	 "rule 'demand.asap': 'ignorecase' applies to 'pattern' and "
	 "'patterns' only (phrases always ignore case)"},
	{RULE_HEAD "  swap: {a: b}\n  suggest: x\n", TL_ERULE, 6, 3,
	 "rule 'demand.asap': a swap rule takes its suggestions from the swap "
	 "map; remove 'suggest'"},
	{RULE_HEAD "  phrases: [x]\n  suggest: y\n  fix: true\n", TL_ERULE, 7,
	 8,
	 "rule 'demand.asap': 'fix' of a pattern or phrase rule is the "
	 "replacement text (true and false are for swap rules)"},
	{RULE_HEAD "  phrases: [x]\n  suggest: y\n  fix: [a]\n", TL_ERULE, 7, 8,
	 "rule 'demand.asap': 'fix' must be the replacement text, not a list"},
	{RULE_HEAD "  swap: {a: b}\n  fix: maybe\n", TL_ERULE, 6, 8,
	 "rule 'demand.asap': 'fix' of a swap rule must be true, false or a "
	 "list of its swap phrases"},
	{RULE_HEAD "  swap: {a: b}\n  fix: [a, c]\n", TL_ERULE, 6, 12,
	 "rule 'demand.asap': 'fix' lists 'c', which is not a phrase of "
	 "'swap'"},
	{RULE_HEAD "  swap: {a: b}\n  fix: []\n", TL_ERULE, 6, 8,
	 "rule 'demand.asap': 'fix' of a swap rule must be true, false or a "
	 "list of its swap phrases, not an empty list"},
	{RULE_HEAD "  phrases: [x]\n  suggest: y\n  article: true\n", TL_ERULE,
	 7, 3,
	 "rule 'demand.asap': 'article' adjusts \"a\" or \"an\" before a fix; "
	 "the rule has no 'fix'"},
	{RULE_HEAD "  swap: {a: b}\n  fix: true\n  article: yes\n", TL_ERULE, 7,
	 12, "rule 'demand.asap': 'article' must be true or false"},
	{RULE_HEAD "  phrases: [x]\n  suggest: x\n  examples: {flag: [a], "
		   "fail: [b]}\n",
	 TL_ERULE, 7, 25,
	 "rule 'demand.asap': unknown key 'fail' in 'examples' (expected flag "
	 "or pass)"},
	{RULE_HEAD "  phrases: [x]\n  phrases: [y]\n  suggest: x\n", TL_ERULE,
	 6, 3, "rule 'demand.asap': duplicate key 'phrases'"},
	{RULE_HEAD "  phrases: [x]\n  suggest: x\n" RULE_HEAD
		   "  phrases: [y]\n  suggest: y\n",
	 TL_EDUPLICATE, 7, 7,
	 "duplicate rule id 'demand.asap' (first defined at test.yml:1:7)"},
	{RULE_HEAD "  phrases: [pay]\n  suggest: Could you pay the $250?\n",
	 TL_ERULE, 6, 12,
	 "rule 'demand.asap': 'suggest' refers to $25, but the rule's patterns "
	 "have 0 capture groups (write $$ for a dollar sign)"},
	{RULE_HEAD "  pattern: '(pay) (now)'\n  suggest: '$1 ${3}'\n", TL_ERULE,
	 6, 12,
	 "rule 'demand.asap': 'suggest' refers to $3, but the rule's patterns "
	 "have 2 capture groups (write $$ for a dollar sign)"},
	{"- id: a.b\n---\n- id: c.d\n", TL_ESYNTAX, 3, 1,
	 "YAML syntax error: a rule pack holds one YAML document; found a "
	 "second one"},
	/* the second document is read whole: its syntax error is said */
	{"- id: a.b\n---\n- [\n", TL_ESYNTAX, 4, 1,
	 "YAML syntax error: while parsing a flow node did not find expected "
	 "node content"},
	/* libyaml's loader's errors, as its loader said them (yamldoc.c reads
	 * the events itself), and before a later syntax error */
	{"- id: *nope\n", TL_ESYNTAX, 1, 7,
	 "YAML syntax error: found undefined alias"},
	{"- id: *nope\n  x: [\n", TL_ESYNTAX, 1, 7,
	 "YAML syntax error: found undefined alias"},
	{"- id: &a a.b\n  category: &a x\n", TL_ESYNTAX, 2, 13,
	 "YAML syntax error: found duplicate anchor; first occurrence second "
	 "occurrence"},
};

static void
load__each_bad_pack__names_file_line_column_and_problem(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tl_ruleset *rs;
		assert_int_equal(tl_ruleset_new(&rs), TL_OK);
		tl_status st = tl_ruleset_add_buffer(
			rs, "test.yml", bad[i].yaml, strlen(bad[i].yaml));
		const tl_error *e = tl_ruleset_error(rs);
		if (st != bad[i].status || e->line != bad[i].line ||
		    e->column != bad[i].column ||
		    strcmp(e->message, bad[i].message) != 0)
			fail_msg("case %zu: got %d %u:%u '%s'", i, st, e->line,
				 e->column, e->message);
		assert_string_equal(e->file, "test.yml");
		assert_int_equal(tl_ruleset_count(rs), 0);
		tl_ruleset_free(rs);
	}
}

static void load__good_pack__exposes_rule_metadata(void **state)
{
	(void)state;
	tl_ruleset *rs =
		load_rules("# a comment\n"
			   "- id: jargon.legalese\n"
			   "  title: Legal register\n"
			   "  category: jargon\n"
			   "  severity: suggestion\n"
			   "  message: '\"$0\" sounds like a contract.'\n"
			   "  swap:\n"
			   "    notwithstanding: despite\n"
			   "  examples:\n"
			   "    flag: [Notwithstanding this]\n"
			   "    pass: Despite this\n"
			   "- id: demand.now\n"
			   "  category: demand\n"
			   "  severity: error\n"
			   "  message: m\n"
			   "  pattern: 'PAY NOW'\n"
			   "  ignorecase: true\n"
			   "  suggest: [a, b]\n");
	assert_int_equal(tl_ruleset_count(rs), 2);
	const tl_rule *r = tl_ruleset_find(rs, "jargon.legalese");
	assert_non_null(r);
	assert_string_equal(tl_rule_title(r), "Legal register");
	assert_string_equal(tl_rule_category(r), "jargon");
	assert_int_equal(tl_rule_severity(r), TL_SEVERITY_SUGGESTION);
	assert_int_equal(tl_rule_line(r), 2);
	assert_int_equal(tl_rule_column(r), 7);
	const tl_rule *r2 = tl_ruleset_rule(rs, 1);
	assert_string_equal(tl_rule_id(r2), "demand.now");
	assert_string_equal(tl_rule_title(r2), "demand.now"); /* falls back */
	assert_null(tl_ruleset_find(rs, "nope"));
	tl_ruleset_free(rs);
}

static void
load__duplicate_across_packs__rejected_and_set_unchanged(void **state)
{
	(void)state;
	const char *pack = RULE_HEAD "  phrases: [x]\n  suggest: x\n";
	tl_ruleset *rs = load_rules(pack);
	assert_int_equal(
		tl_ruleset_add_buffer(rs, "other.yml", pack, strlen(pack)),
		TL_EDUPLICATE);
	assert_string_equal(tl_ruleset_error(rs)->message,
			    "duplicate rule id 'demand.asap' (first defined at "
			    "test.yml:1:7)");
	assert_string_equal(tl_ruleset_error(rs)->file, "other.yml");
	assert_int_equal(tl_ruleset_count(rs), 1);
	tl_ruleset_free(rs);
}

/* n generated rules into b (emptied first), six lines each, rule `again`
 * (-1: none) with rule 3's id. */
static void write_pack(tli_buf *b, int n, int again)
{
	b->len = 0;
	for (int i = 0; i < n; i++)
		tli_buf_printf(b,
			       "- id: gen.r%d\n  category: demand\n"
			       "  severity: warning\n  message: m\n"
			       "  phrases: [w%d]\n  suggest: x\n",
			       i == again ? 3 : i, i);
}

/* A pack of 2,000 rules (ids are looked up in a table, not compared in
 * pairs): each is found by id; one id given again, far down the pack, is
 * named with the line of its first definition; and a second pack's rule
 * with an id of the first is refused with nothing added. */
static void load__many_rules__ids_found_and_duplicates_named(void **state)
{
	(void)state;
	enum { N = 2000 };
	tli_buf b = TLI_BUF_INIT;
	write_pack(&b, N, -1);
	tl_ruleset *rs;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_buffer(rs, "big.yml", b.data, b.len),
			 TL_OK);
	assert_int_equal(tl_ruleset_count(rs), N);
	for (int i = 0; i < N; i += 7) {
		char id[32];
		snprintf(id, sizeof id, "gen.r%d", i);
		const tl_rule *r = tl_ruleset_find(rs, id);
		assert_non_null(r);
		assert_string_equal(tl_rule_id(r), id);
	}
	assert_null(tl_ruleset_find(rs, "gen.r2000"));
	const char *again = "- id: gen.r1999\n  category: demand\n"
			    "  severity: warning\n  message: m\n"
			    "  phrases: [z]\n  suggest: x\n";
	assert_int_equal(
		tl_ruleset_add_buffer(rs, "more.yml", again, strlen(again)),
		TL_EDUPLICATE);
	assert_string_equal(tl_ruleset_error(rs)->message,
			    "duplicate rule id 'gen.r1999' (first defined at "
			    "big.yml:11995:7)");
	assert_int_equal(tl_ruleset_count(rs), N);
	tl_ruleset_free(rs);
	/* the same id twice in one pack: rule 3 again as rule 1,500 */
	write_pack(&b, N, 1500);
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_buffer(rs, "big.yml", b.data, b.len),
			 TL_EDUPLICATE);
	assert_string_equal(tl_ruleset_error(rs)->message,
			    "duplicate rule id 'gen.r3' (first defined at "
			    "big.yml:19:7)");
	assert_int_equal(tl_ruleset_error(rs)->line, 9001);
	assert_int_equal(tl_ruleset_count(rs), 0);
	tl_ruleset_free(rs);
	tli_buf_free(&b);
}

static void load__missing_path__not_found(void **state)
{
	(void)state;
	tl_ruleset *rs;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_path(rs, "/nonexistent/x.yml"),
			 TL_ENOTFOUND);
	assert_string_equal(tl_ruleset_error(rs)->message,
			    "cannot read rule pack: No such file or directory");
	tl_ruleset_free(rs);
}

static void load__after_scanner__refused(void **state)
{
	(void)state;
	const char *pack = RULE_HEAD "  phrases: [x]\n  suggest: x\n";
	tl_ruleset *rs = load_rules(pack);
	tl_scanner *sc;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	assert_int_equal(tl_ruleset_add_buffer(rs, "b.yml", "[]", 2),
			 TL_EINVAL);
	tl_scanner_free(sc);
	tl_ruleset_free(rs);
}

static void load__alias_bomb__does_not_explode(void **state)
{
	(void)state;
	/* Aliases are shared, never expanded, and counted before the pack
	 * is built: a billion-laughs pack is refused for what it would
	 * expand to, where the alias that goes over the limit is. */
	const char *bomb = "- &a [x, x, x, x, x, x, x, x, x]\n"
			   "- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			   "- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			   "- &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			   "- &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
			   "- &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
			   "- &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
			   "- &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
	tl_ruleset *rs;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(
		tl_ruleset_add_buffer(rs, "bomb.yml", bomb, strlen(bomb)),
		TL_ELIMIT);
	const tl_error *e = tl_ruleset_error(rs);
	assert_string_equal(e->message,
			    "YAML aliases expand to more than 100000 nodes");
	assert_int_equal(e->line, 6);
	tl_ruleset_free(rs);
}

static void load__default_packs__load(void **state)
{
	(void)state;
	tl_ruleset *rs;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	assert_int_equal(tl_ruleset_add_default(rs), TL_OK);
	tl_ruleset_free(rs);
}

/* A pattern whose first item can be \d or \s has no start for PCRE2 under
 * Unicode properties; a look-ahead, a word or a phrase list gives one. */
static void slow_start__unicode_digit_first__named(void **state)
{
	(void)state;
	static const char yaml[] =
		"- id: s.digit\n  category: c\n  severity: warning\n"
		"  message: m\n  suggest: s\n  pattern: '\\d+\\s+days "
		"overdue'\n"
		"- id: s.space\n  category: c\n  severity: warning\n"
		"  message: m\n  suggest: s\n  pattern: '\\s*or else'\n"
		"- id: f.ahead\n  category: c\n  severity: warning\n"
		"  message: m\n  suggest: s\n  pattern: '(?=[0-9])\\d+\\s+days "
		"late'\n"
		"- id: f.word\n  category: c\n  severity: warning\n"
		"  message: m\n  suggest: s\n  pattern: '\\bfinal notice'\n"
		"- id: f.phrases\n  category: c\n  severity: warning\n"
		"  message: m\n  suggest: s\n  phrases: [do not reply, no "
		"reply]\n";
	tl_ruleset *rs = NULL;
	assert_int_equal(tl_ruleset_new(&rs), TL_OK);
	if (tl_ruleset_add_buffer(rs, "s.yml", yaml, strlen(yaml)))
		fail_msg("%u:%u: %s", tl_ruleset_error(rs)->line,
			 tl_ruleset_error(rs)->column,
			 tl_ruleset_error(rs)->message);
	const char *src = tl_rule_slow_start(tl_ruleset_find(rs, "s.digit"));
	assert_non_null(src);
	assert_string_equal(src, "\\d+\\s+days overdue");
	assert_non_null(tl_rule_slow_start(tl_ruleset_find(rs, "s.space")));
	assert_null(tl_rule_slow_start(tl_ruleset_find(rs, "f.ahead")));
	assert_null(tl_rule_slow_start(tl_ruleset_find(rs, "f.word")));
	assert_null(tl_rule_slow_start(tl_ruleset_find(rs, "f.phrases")));
	tl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			load__each_bad_pack__names_file_line_column_and_problem),
		cmocka_unit_test(load__good_pack__exposes_rule_metadata),
		cmocka_unit_test(slow_start__unicode_digit_first__named),
		cmocka_unit_test(
			load__duplicate_across_packs__rejected_and_set_unchanged),
		cmocka_unit_test(
			load__many_rules__ids_found_and_duplicates_named),
		cmocka_unit_test(load__missing_path__not_found),
		cmocka_unit_test(load__after_scanner__refused),
		cmocka_unit_test(load__alias_bomb__does_not_explode),
		cmocka_unit_test(load__default_packs__load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
