/* test_docrules.c: document rules, kinds and stages, metrics, budgets. */
#include "docrules.h"
#include "helpers.h"
#include "internal.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* Scans `text` read as `format` under `name`, judged as kind/stage (NONE:
 * detected). The caller frees result and document. */
static tl_result *judge_with(tl_ruleset *rs, const char *name, tl_format format,
			     const char *text, tl_kind kind, tl_stage stage,
			     tl_document **doc, int prefilter)
{
	tl_scanner *sc = NULL;
	tl_result *res = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	tl_scanner_set_prefilter(sc, prefilter);
	assert_int_equal(
		tl_document_from_buffer(doc, name, text, strlen(text), format),
		TL_OK);
	tl_document_set_kind(*doc, kind, stage);
	assert_int_equal(tl_scanner_scan(sc, *doc, &res), TL_OK);
	tl_scanner_free(sc);
	return res;
}

static tl_result *judge(tl_ruleset *rs, const char *name, tl_format format,
			const char *text, tl_kind kind, tl_stage stage,
			tl_document **doc)
{
	return judge_with(rs, name, format, text, kind, stage, doc, 1);
}

static size_t count_rule(const tl_result *res, const char *id)
{
	size_t n = 0;
	for (size_t i = 0; i < tl_result_count(res); i++)
		n += strcmp(tl_rule_id(tl_result_finding(res, i)->rule), id) ==
		     0;
	return n;
}

static const tl_finding *find_rule(const tl_result *res, const char *id)
{
	for (size_t i = 0; i < tl_result_count(res); i++)
		if (strcmp(tl_rule_id(tl_result_finding(res, i)->rule), id) ==
		    0)
			return tl_result_finding(res, i);
	return NULL;
}

static const char *REQUIRED_PACK =
	"- id: doc.contact\n"
	"  category: completeness\n"
	"  severity: warning\n"
	"  check: required\n"
	"  when: [reminder, invoice]\n"
	"  message: No way to reach us.\n"
	"  suggest: Just reply to this email.\n"
	"  patterns: ['(?i)\\breply\\b', '(?i)\\bcall us\\b']\n"
	"- id: doc.subject-invoice\n"
	"  category: completeness\n"
	"  severity: suggestion\n"
	"  check: required\n"
	"  when: reminder\n"
	"  part: subject\n"
	"  message: The subject does not name the invoice.\n"
	"  suggest: 'Reminder: invoice 1042'\n"
	"  pattern: '(?i)invoice'\n";

static void required__missing__finding_at_document_start(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(REQUIRED_PACK);
	tl_document *doc;
	const char *t = "Hello,\n\nInvoice 1042 is overdue. Pay it.\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_REMINDER,
			       TL_STAGE_1, &doc);
	const tl_finding *f = find_rule(res, "doc.contact");
	assert_non_null(f);
	assert_int_equal(f->line, 1);
	assert_int_equal(f->column, 1);
	assert_int_equal(f->length, 0);
	assert_string_equal(f->message, "No way to reach us.");
	assert_int_equal(f->suggestion_count, 1);
	assert_string_equal(f->suggestions[0], "Just reply to this email.");
	assert_int_equal(f->severity, TL_SEVERITY_WARNING);
	/* a text file has no subject: the subject rule is not judged */
	assert_int_equal(count_rule(res, "doc.subject-invoice"), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void required__present__no_finding(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(REQUIRED_PACK);
	tl_document *doc;
	const char *t = "Invoice 1042 is overdue.\nQuestions? Call us today.\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_INVOICE,
			       TL_STAGE_NONE, &doc);
	assert_int_equal(tl_result_count(res), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void required__document_of_no_kind__not_judged(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(REQUIRED_PACK);
	tl_document *doc;
	const char *t = "This project lints text.\n";
	tl_result *res = judge(rs, "README.md", TL_FORMAT_MARKDOWN, t,
			       TL_KIND_NONE, TL_STAGE_NONE, &doc);
	assert_int_equal(tl_result_count(res), 0);
	assert_int_equal(tl_result_kind(res, NULL, NULL), TL_KIND_NONE);
	assert_null(tl_result_metrics(res));
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void required__email_subject_part__finding_in_subject(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(REQUIRED_PACK);
	tl_document *doc;
	const char *t = "From: a@example.com\n"
			"Subject: A quick note\n"
			"X-Dunning-Level: 2\n"
			"\n"
			"Invoice 1042 is overdue. Just reply if anything is "
			"unclear.\n";
	tl_result *res = judge(rs, "m.eml", TL_FORMAT_EML, t, TL_KIND_NONE,
			       TL_STAGE_NONE, &doc);
	tl_stage stage;
	tl_kind_source from;
	assert_int_equal(tl_result_kind(res, &stage, &from), TL_KIND_REMINDER);
	assert_int_equal(stage, TL_STAGE_2);
	assert_int_equal(from, TL_KIND_FROM_CONTENT);
	assert_int_equal(count_rule(res, "doc.contact"), 0);
	const tl_finding *f = find_rule(res, "doc.subject-invoice");
	assert_non_null(f);
	assert_int_equal(f->line, 2);
	assert_string_equal(f->context, "subject");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static const char *LIMIT_PACK = "- id: doc.bangs\n"
				"  category: shouting\n"
				"  severity: warning\n"
				"  check: limit\n"
				"  when: [email]\n"
				"  pattern: '!'\n"
				"  max: 2\n"
				"  message: Too many exclamation marks.\n"
				"  suggest: Use full stops.\n"
				"- id: doc.must\n"
				"  category: demand\n"
				"  severity: suggestion\n"
				"  check: limit\n"
				"  when: [email]\n"
				"  pattern: '(?i)\\bmust\\b'\n"
				"  max: 1\n"
				"  per: 100 words\n"
				"  message: Too many musts.\n"
				"  suggest: Ask instead.\n";

static void limit__over_max__finding_at_first_match_over(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(LIMIT_PACK);
	tl_document *doc;
	const char *t = "Hi! Thanks! Great!\nBye!\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_EMAIL,
			       TL_STAGE_NONE, &doc);
	const tl_finding *f = find_rule(res, "doc.bangs");
	assert_non_null(f);
	assert_int_equal(count_rule(res, "doc.bangs"), 1);
	assert_int_equal(f->line, 1);
	assert_int_equal(f->column, 18);
	assert_string_equal(f->match, "!");
	assert_string_equal(f->message,
			    "Too many exclamation marks. (4 found; at most 2)");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

/* A large text: every match of a limit rule is a new search, which must go
 * through the JIT (pcre2_match re-checks the rest of the subject on each
 * call: a 2 MB reminder took 40 s, quadratic in its size). */
static void limit__large_text__counted_through_the_jit(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(LIMIT_PACK);
	size_t n = 200 * 1024, k = 0;
	char *t = malloc(n + 1);
	assert_non_null(t);
	while (k + 10 <= n) {
		memcpy(t + k, "Hi there! ", 10);
		k += 10;
	}
	t[k] = '\0';
	tl_document *doc;
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_EMAIL,
			       TL_STAGE_NONE, &doc);
	const tl_finding *f = find_rule(res, "doc.bangs");
	assert_non_null(f);
	char want[96];
	snprintf(want, sizeof want,
		 "Too many exclamation marks. (%zu found; at most 2)", k / 10);
	assert_string_equal(f->message, want);
	uint32_t jit = 0;
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	if (jit) {
		const tl_rule *r = tl_ruleset_find(rs, "doc.bangs");
		assert_int_equal(
			atomic_load(&rs->lazy[TLI_CODE_JIT]
					     .state[r->doc->pattern_base]),
			1);
	}
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
	free(t);
}

/* A document rule reads on through the text: the JIT from 4 KiB of it
 * (match.c), the interpreter below. */
static void limit__jit_from_4_kib_of_text(void **state)
{
	(void)state;
	uint32_t jit = 0;
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	if (!jit)
		skip();
	for (size_t n = 1000; n <= 5000; n += 4000) {
		tl_ruleset *rs = load_rules(LIMIT_PACK);
		char *t = malloc(n + 1);
		assert_non_null(t);
		for (size_t k = 0; k < n; k++)
			t[k] = k % 10 == 9 ? '!' : 'a';
		t[n] = '\0';
		tl_document *doc;
		tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t,
				       TL_KIND_EMAIL, TL_STAGE_NONE, &doc);
		assert_non_null(find_rule(res, "doc.bangs"));
		const tl_rule *r = tl_ruleset_find(rs, "doc.bangs");
		assert_int_equal(
			atomic_load(&rs->lazy[TLI_CODE_JIT]
					     .state[r->doc->pattern_base]),
			n > 4096);
		tl_result_free(res);
		tl_document_free(doc);
		tl_ruleset_free(rs);
		free(t);
	}
}

static void limit__at_max__no_finding(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(LIMIT_PACK);
	tl_document *doc;
	const char *t = "Hi! Thanks! You must read this.\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_EMAIL,
			       TL_STAGE_NONE, &doc);
	assert_int_equal(tl_result_count(res), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void limit__per_100_words__scales_with_length(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(LIMIT_PACK);
	/* 2 musts in a short text (counted as 100 words): over 1. */
	tl_document *doc;
	const char *t = "You must pay. You must reply.\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_EMAIL,
			       TL_STAGE_NONE, &doc);
	assert_int_equal(count_rule(res, "doc.must"), 1);
	tl_result_free(res);
	tl_document_free(doc);
	/* The same 2 in 200 words: within 1 per 100 words. */
	char big[4096] = "You must pay. You must reply.";
	for (int i = 0; i < 195; i++)
		strcat(big, " word");
	res = judge(rs, "a.txt", TL_FORMAT_TEXT, big, TL_KIND_EMAIL,
		    TL_STAGE_NONE, &doc);
	assert_int_equal(count_rule(res, "doc.must"), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static const char *METRIC_PACK = "- id: doc.long\n"
				 "  category: readability\n"
				 "  severity: suggestion\n"
				 "  check: metric\n"
				 "  when: [reminder]\n"
				 "  metric: sentence-length\n"
				 "  max: 8\n"
				 "  message: Long sentences.\n"
				 "  suggest: Split them.\n"
				 "- id: doc.passive\n"
				 "  category: readability\n"
				 "  severity: suggestion\n"
				 "  check: metric\n"
				 "  when: [reminder]\n"
				 "  metric: passive\n"
				 "  max: 50\n"
				 "  message: Passive.\n"
				 "  suggest: Say who does what.\n"
				 "- id: doc.ease\n"
				 "  category: readability\n"
				 "  severity: suggestion\n"
				 "  check: metric\n"
				 "  when: [reminder]\n"
				 "  metric: reading-ease\n"
				 "  min: 60\n"
				 "  message: Hard to read.\n"
				 "  suggest: Shorter words.\n";

static void metric__values__measured_and_judged(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(METRIC_PACK);
	tl_document *doc;
	const char *t = "Payment has not been received. The invoice was sent "
			"in March. Your account has been flagged. We can "
			"help.\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_REMINDER,
			       TL_STAGE_1, &doc);
	const tl_metrics *m = tl_result_metrics(res);
	assert_non_null(m);
	assert_int_equal(m->sentences, 4);
	assert_int_equal(m->words, 19);
	assert_true(m->sentence_length > 4.74 && m->sentence_length < 4.76);
	assert_true(m->passive > 74.9 && m->passive < 75.1);
	assert_true(m->reading_ease > 0 && m->reading_ease <= 100);
	assert_int_equal(count_rule(res, "doc.long"), 0);
	const tl_finding *f = find_rule(res, "doc.passive");
	assert_non_null(f);
	assert_string_equal(f->message, "Passive. (75% of sentences in the "
					"passive; at most 50%)");
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void metric__long_hard_sentences__flagged(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(METRIC_PACK);
	tl_document *doc;
	const char *t =
		"Notwithstanding previous correspondence, remittance of the "
		"outstanding consideration is obligatory immediately. "
		"Noncompliance will necessitate administrative escalation "
		"procedures against your organisation. Communication "
		"regarding irregularities necessitates documentation from "
		"your accounting department.\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_REMINDER,
			       TL_STAGE_1, &doc);
	assert_int_equal(count_rule(res, "doc.long"), 1);
	assert_int_equal(count_rule(res, "doc.ease"), 1);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static void metric__too_few_sentences__not_judged(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(METRIC_PACK);
	tl_document *doc;
	const char *t = "Payment has not been received by the accounting "
			"department of our organisation yet.\n";
	tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t, TL_KIND_REMINDER,
			       TL_STAGE_1, &doc);
	assert_int_equal(tl_result_count(res), 0);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

static const char *STAGE_PACK = "- id: fee.late\n"
				"  category: threat\n"
				"  severity: warning\n"
				"  when: [reminder, invoice]\n"
				"  severity_by:\n"
				"    reminder:final: suggestion\n"
				"    reminder:1: error\n"
				"  message: Fee.\n"
				"  phrases: late fee\n"
				"  suggest: Say it plainly.\n";

static void when__severity_by_stage__most_specific_wins(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(STAGE_PACK);
	const char *t = "A late fee applies.\n";
	static const struct {
		tl_kind kind;
		tl_stage stage;
		int count;
		tl_severity sev;
	} cases[] = {
		{TL_KIND_REMINDER, TL_STAGE_1, 1, TL_SEVERITY_ERROR},
		{TL_KIND_REMINDER, TL_STAGE_2, 1, TL_SEVERITY_WARNING},
		{TL_KIND_REMINDER, TL_STAGE_FINAL, 1, TL_SEVERITY_SUGGESTION},
		{TL_KIND_INVOICE, TL_STAGE_NONE, 1, TL_SEVERITY_WARNING},
		{TL_KIND_EMAIL, TL_STAGE_NONE, 0, 0},
		{TL_KIND_NONE, TL_STAGE_NONE, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_document *doc;
		tl_result *res = judge(rs, "a.txt", TL_FORMAT_TEXT, t,
				       cases[i].kind, cases[i].stage, &doc);
		assert_int_equal(tl_result_count(res), cases[i].count);
		if (cases[i].count)
			assert_int_equal(tl_result_finding(res, 0)->severity,
					 cases[i].sev);
		tl_result_free(res);
		tl_document_free(doc);
	}
	tl_ruleset_free(rs);
}

/* ---------------------------------------------------------------- kinds */

static tl_kind kind_of(const char *name, tl_format format, const char *text,
		       tl_kind set_kind, tl_stage set_stage, tl_stage *stage,
		       tl_kind_source *src)
{
	tl_document *doc;
	assert_int_equal(
		tl_document_from_buffer(&doc, name, text, strlen(text), format),
		TL_OK);
	tl_document_set_kind(doc, set_kind, set_stage);
	tl_kind k = tl_document_kind(doc, stage, src);
	tl_document_free(doc);
	return k;
}

static void kind__file_names__kind_and_stage(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		tl_kind kind;
		tl_stage stage;
	} cases[] = {
		{"mail/reminder-1.txt", TL_KIND_REMINDER, TL_STAGE_1},
		{"second-reminder.md", TL_KIND_REMINDER, TL_STAGE_2},
		{"Reminder3.txt", TL_KIND_REMINDER, TL_STAGE_3},
		{"3rd_reminder.txt", TL_KIND_REMINDER, TL_STAGE_3},
		{"final-notice.txt", TL_KIND_REMINDER, TL_STAGE_FINAL},
		{"last_reminder.html", TL_KIND_REMINDER, TL_STAGE_FINAL},
		{"dunning-level-2.txt", TL_KIND_REMINDER, TL_STAGE_2},
		{"dunning_letter.txt", TL_KIND_REMINDER, TL_STAGE_NONE},
		{"past-due.txt", TL_KIND_REMINDER, TL_STAGE_NONE},
		{"invoice-2026-03.html", TL_KIND_INVOICE, TL_STAGE_NONE},
		{"invoice-reminder.txt", TL_KIND_REMINDER, TL_STAGE_NONE},
		{"receipt.txt", TL_KIND_RECEIPT, TL_STAGE_NONE},
		{"account-statement.txt", TL_KIND_STATEMENT, TL_STAGE_NONE},
		{"welcome-email.txt", TL_KIND_EMAIL, TL_STAGE_NONE},
		{"README.md", TL_KIND_NONE, TL_STAGE_NONE},
		{"privacy-notice.md", TL_KIND_NONE, TL_STAGE_NONE},
		{"first-steps.md", TL_KIND_NONE, TL_STAGE_NONE},
		{"on-demand.md", TL_KIND_NONE, TL_STAGE_NONE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_stage stage;
		tl_kind_source src;
		tl_kind k = kind_of(cases[i].name, TL_FORMAT_TEXT, "Hello.\n",
				    TL_KIND_NONE, TL_STAGE_NONE, &stage, &src);
		if (k != cases[i].kind || stage != cases[i].stage)
			fail_msg("%s: got %s:%s", cases[i].name,
				 tl_kind_name(k), tl_stage_name(stage));
		assert_int_equal(src,
				 k ? TL_KIND_FROM_NAME : TL_KIND_FROM_NOWHERE);
	}
}

static void kind__precedence__config_then_content_then_name(void **state)
{
	(void)state;
	tl_stage stage;
	tl_kind_source src;
	const char *fm = "---\nkind: reminder\nstage: 2\n---\nHello.\n";
	/* front matter beats the name */
	assert_int_equal(kind_of("invoice.md", TL_FORMAT_MARKDOWN, fm,
				 TL_KIND_NONE, TL_STAGE_NONE, &stage, &src),
			 TL_KIND_REMINDER);
	assert_int_equal(stage, TL_STAGE_2);
	assert_int_equal(src, TL_KIND_FROM_CONTENT);
	/* the configuration beats both; a stage it leaves out comes from
	 * the content */
	assert_int_equal(kind_of("invoice.md", TL_FORMAT_MARKDOWN, fm,
				 TL_KIND_REMINDER, TL_STAGE_NONE, &stage, &src),
			 TL_KIND_REMINDER);
	assert_int_equal(stage, TL_STAGE_2);
	assert_int_equal(src, TL_KIND_FROM_CONFIG);
	assert_int_equal(kind_of("reminder-1.md", TL_FORMAT_MARKDOWN, fm,
				 TL_KIND_INVOICE, TL_STAGE_NONE, &stage, &src),
			 TL_KIND_INVOICE);
	assert_int_equal(stage, TL_STAGE_NONE);
	/* the name gives the stage the content does not */
	assert_int_equal(kind_of("final-notice.md", TL_FORMAT_MARKDOWN,
				 "---\nkind: dunning\n---\nHi.\n", TL_KIND_NONE,
				 TL_STAGE_NONE, &stage, &src),
			 TL_KIND_REMINDER);
	assert_int_equal(stage, TL_STAGE_FINAL);
	assert_int_equal(kind_of("x.md", TL_FORMAT_MARKDOWN,
				 "---\nkind: Final Notice\n---\nHi.\n",
				 TL_KIND_NONE, TL_STAGE_NONE, &stage, &src),
			 TL_KIND_REMINDER);
	assert_int_equal(stage, TL_STAGE_FINAL);
	/* an email header */
	assert_int_equal(kind_of("m.eml", TL_FORMAT_EML,
				 "Subject: Hi\nX-Dunning-Level: 4\n\nHello.\n",
				 TL_KIND_NONE, TL_STAGE_NONE, &stage, &src),
			 TL_KIND_REMINDER);
	assert_int_equal(stage, TL_STAGE_FINAL);
	/* any other email is an email */
	assert_int_equal(kind_of("m.eml", TL_FORMAT_EML,
				 "Subject: Hi\n\nHello.\n", TL_KIND_NONE,
				 TL_STAGE_NONE, &stage, &src),
			 TL_KIND_EMAIL);
	/* cut-off front matter, a header without a value: no crash, no
	 * kind from them */
	static const char *const odd[] = {"---\r", "---\n",
					  "---\nkind:", "---\nkind: \"\n---\n",
					  "\xEF\xBB\xBF"};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
		assert_int_equal(kind_of("a.md", TL_FORMAT_MARKDOWN, odd[i],
					 TL_KIND_NONE, TL_STAGE_NONE, &stage,
					 &src),
				 TL_KIND_NONE);
	assert_int_equal(kind_of("m.eml", TL_FORMAT_EML,
				 "X-Dunning-Level:\nX-Dunning-Level: x\n\n",
				 TL_KIND_NONE, TL_STAGE_NONE, &stage, &src),
			 TL_KIND_REMINDER);
	assert_int_equal(stage, TL_STAGE_NONE);
	/* a mailbox is many letters: no kind but the configuration's */
	assert_int_equal(kind_of("reminders.mbox", TL_FORMAT_MBOX,
				 "From a@b Mon Jan 1 00:00:00 2024\nSubject: "
				 "x\n\nHi.\n",
				 TL_KIND_NONE, TL_STAGE_NONE, &stage, &src),
			 TL_KIND_NONE);
}

static void kind__names__parse_and_print(void **state)
{
	(void)state;
	tl_kind k;
	tl_stage s = TL_STAGE_NONE;
	assert_int_equal(tl_kind_parse(&k, &s, "final-notice"), TL_OK);
	assert_int_equal(k, TL_KIND_REMINDER);
	assert_int_equal(s, TL_STAGE_FINAL);
	assert_int_equal(tl_kind_parse(&k, NULL, "dunning"), TL_OK);
	assert_int_equal(k, TL_KIND_REMINDER);
	assert_int_equal(tl_kind_parse(&k, NULL, "letter"), TL_EINVAL);
	assert_int_equal(tl_stage_parse(&s, "third"), TL_OK);
	assert_int_equal(s, TL_STAGE_3);
	assert_int_equal(tl_stage_parse(&s, "5"), TL_EINVAL);
	assert_string_equal(tl_kind_name(TL_KIND_STATEMENT), "statement");
	assert_string_equal(tl_stage_name(TL_STAGE_FINAL), "final");
	assert_null(tl_kind_name((tl_kind)99));
}

/* --------------------------------------------------------------- loading */

static void load__bad_document_rules__file_line_column(void **state)
{
	(void)state;
	static const char *head = "- id: doc.x\n"
				  "  category: completeness\n"
				  "  severity: warning\n"
				  "  message: m\n"
				  "  suggest: s\n";
	static const struct {
		const char *rest;
		unsigned line, column;
		const char *message;
	} cases[] = {
		{"  check: required\n  pattern: x\n", 1, 7,
		 "rule 'doc.x': a document rule needs 'when': the document "
		 "kinds it applies to (such as reminder)"},
		{"  check: maybe\n  when: reminder\n  pattern: x\n", 6, 10,
		 "rule 'doc.x': 'check' must be required, limit or metric"},
		{"  check: limit\n  when: reminder\n  pattern: x\n  max: "
		 "lots\n",
		 9, 8, "rule 'doc.x': 'max' must be a number, 0 or more"},
		{"  check: metric\n  when: reminder\n  metric: grade\n  max: "
		 "3\n",
		 8, 11,
		 "rule 'doc.x': 'metric' must be sentence-length, passive or "
		 "reading-ease"},
		{"  check: metric\n  when: reminder\n  metric: passive\n", 1, 7,
		 "rule 'doc.x': a metric rule needs one threshold: 'max' (at "
		 "most) or 'min' (at least)"},
		{"  check: required\n  when: [reminder, letter]\n  pattern: "
		 "x\n",
		 7, 20,
		 "rule 'doc.x': 'letter' is not a document kind (expected "
		 "invoice, reminder, receipt, statement, email, other, none, "
		 "all, or kind:stage such as reminder:final)"},
		{"  check: required\n  when: invoice:final\n  pattern: x\n", 7,
		 9,
		 "rule 'doc.x': 'invoice:final': only a reminder has a stage "
		 "(reminder:1, reminder:2, reminder:3, reminder:final)"},
		{"  pattern: x\n  max: 3\n", 7, 8,
		 "rule 'doc.x': this key belongs to document rules (add "
		 "'check: required', 'limit' or 'metric')"},
		{"  pattern: x\n  severity_by: {reminder: loud}\n", 7, 27,
		 "rule 'doc.x': severity for 'reminder' must be error, warning "
		 "or suggestion"},
		{"  check: required\n  when: reminder\n  pattern: x\n  "
		 "exceptions: y\n",
		 9, 3,
		 "rule 'doc.x': 'exceptions' is for phrase rules, not document "
		 "rules"},
		{"  check: required\n  when: reminder\n  pattern: x\n  "
		 "examples:\n    flag:\n      - {text: hi, stage: 2}\n",
		 11, 20,
		 "rule 'doc.x': unknown key 'stage' in an example (expected "
		 "text, kind or format)"},
		{"  check: limit\n  when: reminder\n  pattern: x\n  max: 1\n  "
		 "per: week\n",
		 10, 8, "rule 'doc.x': 'per' must be document or 100 words"},
		{"  check: metric\n  when: reminder\n  metric: passive\n  max: "
		 "3\n  pattern: x\n",
		 1, 7,
		 "rule 'doc.x': a metric rule measures the prose; it takes no "
		 "'pattern', 'patterns' or 'phrases'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char yaml[1024];
		snprintf(yaml, sizeof yaml, "%s%s", head, cases[i].rest);
		tl_ruleset *rs;
		assert_int_equal(tl_ruleset_new(&rs), TL_OK);
		assert_int_equal(
			tl_ruleset_add_buffer(rs, "p.yml", yaml, strlen(yaml)),
			TL_ERULE);
		const tl_error *e = tl_ruleset_error(rs);
		if (strcmp(e->message, cases[i].message) != 0 ||
		    e->line != cases[i].line || e->column != cases[i].column)
			fail_msg("case %zu: %u:%u: %s", i, e->line, e->column,
				 e->message);
		assert_string_equal(e->file, "p.yml");
		tl_ruleset_free(rs);
	}
}

static void examples__document_rule__judged_as_its_kind(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: doc.thanks\n"
		"  category: completeness\n"
		"  severity: warning\n"
		"  check: required\n"
		"  when: reminder:final\n"
		"  message: m\n"
		"  suggest: s\n"
		"  pattern: '(?i)thank'\n"
		"  examples:\n"
		"    flag: [Pay now., {text: 'Pay.', kind: reminder:final}]\n"
		"    pass:\n"
		"      - Thank you.\n"
		"      - {text: 'Pay now.', kind: reminder:1}\n");
	tl_example_stats st;
	assert_int_equal(tl_ruleset_test_examples(rs, &st, NULL, NULL), TL_OK);
	assert_int_equal(st.flag_checked, 2);
	assert_int_equal(st.pass_checked, 2);
	assert_int_equal(st.failures, 0);
	tl_ruleset_free(rs);
}

/* ---------------------------------------------------------------- budget */

static void budget__config__most_specific_key_wins(void **state)
{
	(void)state;
	tl_config *cfg;
	assert_int_equal(tl_config_new(&cfg), TL_OK);
	const char *y = "budget: {all: 40, reminder: 70, reminder:final: 50}\n"
			"overrides:\n"
			"  - files: strict/**\n"
			"    budget: {reminder: 90}\n"
			"    kind: reminder\n"
			"    stage: 2\n";
	assert_int_equal(tl_config_add_buffer(cfg, "c.yml", "/p", y, strlen(y)),
			 TL_OK);
	assert_int_equal(
		tl_config_budget(cfg, "/p/a.txt", TL_KIND_REMINDER, TL_STAGE_1),
		70);
	assert_int_equal(tl_config_budget(cfg, "/p/a.txt", TL_KIND_REMINDER,
					  TL_STAGE_FINAL),
			 50);
	assert_int_equal(tl_config_budget(cfg, "/p/a.txt", TL_KIND_INVOICE,
					  TL_STAGE_NONE),
			 40);
	assert_int_equal(
		tl_config_budget(cfg, "/p/a.txt", TL_KIND_NONE, TL_STAGE_NONE),
		-1);
	assert_int_equal(tl_config_budget(cfg, "/p/strict/b.txt",
					  TL_KIND_REMINDER, TL_STAGE_1),
			 90);
	tl_file_settings s;
	assert_int_equal(tl_config_resolve(cfg, "/p/strict/b.txt", &s), TL_OK);
	assert_int_equal(s.kind, TL_KIND_REMINDER);
	assert_int_equal(s.stage, TL_STAGE_2);
	tl_file_settings_clear(&s);
	tl_config_free(cfg);
}

static void budget__config_errors__file_line_column(void **state)
{
	(void)state;
	static const struct {
		const char *yaml;
		unsigned line, column;
		const char *message;
	} cases[] = {
		{"budget: {reminder: 120}\n", 1, 20,
		 "a budget is a whole number from 0 to 100 (the lowest tone "
		 "score allowed)"},
		{"budget: [70]\n", 1, 9,
		 "'budget' must be a mapping from a document kind (such as "
		 "reminder or reminder:final) to the lowest tone score "
		 "allowed, not a list"},
		{"budget: {letter: 70}\n", 1, 10,
		 "'letter' is not a document kind (expected invoice, "
		 "reminder, receipt, statement, email, other, none, all, or "
		 "kind:stage such as reminder:final)"},
		{"kind: invoice\nstage: 2\n", 2, 8,
		 "only a reminder has a stage; 'kind' is invoice"},
		{"kind: letter\n", 1, 7,
		 "'kind' must be invoice, reminder (or dunning, final-notice), "
		 "receipt, statement, email or other"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_config *cfg;
		assert_int_equal(tl_config_new(&cfg), TL_OK);
		assert_int_equal(tl_config_add_buffer(cfg, "c.yml", "/p",
						      cases[i].yaml,
						      strlen(cases[i].yaml)),
				 TL_EINVAL);
		const tl_error *e = tl_config_error(cfg);
		if (strcmp(e->message, cases[i].message) != 0 ||
		    e->line != cases[i].line || e->column != cases[i].column)
			fail_msg("case %zu: %u:%u: %s", i, e->line, e->column,
				 e->message);
		tl_config_free(cfg);
	}
}

static void budget__report__under_budget_fails_the_run(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(REQUIRED_PACK);
	tl_document *doc;
	const char *t = "Invoice 1042 is overdue.\n";
	tl_result *res = judge(rs, "r.txt", TL_FORMAT_TEXT, t, TL_KIND_REMINDER,
			       TL_STAGE_1, &doc);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	tl_report *rep;
	assert_int_equal(tl_report_new(&rep, TL_REPORT_TEXT, out, 0), TL_OK);
	tl_fail_policy never = {TL_FAIL_NEVER, -1};
	tl_report_set_fail_policy(rep, &never);
	tl_report_set_budget(rep, 80);
	assert_int_equal(tl_report_add(rep, res), TL_OK);
	assert_int_equal(tl_report_finish(rep), TL_OK);
	assert_int_equal(tl_report_over_budget(rep), 1);
	assert_int_equal(tl_report_failed(rep), 1);
	tl_report_free(rep);
	fclose(out);
	char want[128];
	snprintf(want, sizeof want,
		 "r.txt: tone score %d, below its budget of 80 (reminder:1)\n",
		 tl_result_score(res));
	assert_non_null(strstr(buf, want));
	free(buf);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

/* A required pattern whose every match holds a literal is not searched in
 * a document whose texts hold none of its literals: this one backtracks
 * out of control on a run of a's, and gives up on the text (a diagnostic)
 * only where it is searched. */
static const char *LITERAL_PACK = "- id: doc.literal\n"
				  "  category: completeness\n"
				  "  severity: warning\n"
				  "  check: required\n"
				  "  when: reminder\n"
				  "  message: No word.\n"
				  "  suggest: Add one.\n"
				  "  patterns: ['(?:a+)+(?:zqxw|yvuk)']\n";

static void required__literal_absent__not_searched(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(LITERAL_PACK);
	const char *without =
		"Dear Sam, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! Thanks.\n";
	const char *with =
		"Dear Sam, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! "
		"zqxw Thanks.\n";
	tl_document *doc;
	tl_result *res = judge(rs, "r.txt", TL_FORMAT_TEXT, without,
			       TL_KIND_REMINDER, TL_STAGE_NONE, &doc);
	const tl_rule *r = tl_ruleset_find(rs, "doc.literal");
	assert_int_equal(rs->slot_lits[r->doc->pattern_base], 1);
	assert_int_equal(count_rule(res, "doc.literal"), 1);
	assert_int_equal(tl_result_diagnostic_count(res), 0);
	tl_result_free(res);
	tl_document_free(doc);
	/* with the literal it is searched, and the match error shows */
	res = judge(rs, "r.txt", TL_FORMAT_TEXT, with, TL_KIND_REMINDER,
		    TL_STAGE_NONE, &doc);
	assert_int_equal(tl_result_diagnostic_count(res), 1);
	tl_result_free(res);
	tl_document_free(doc);
	/* without the prefilter nothing is known, so it is searched too */
	res = judge_with(rs, "r.txt", TL_FORMAT_TEXT, without, TL_KIND_REMINDER,
			 TL_STAGE_NONE, &doc, 0);
	assert_int_equal(tl_result_diagnostic_count(res), 1);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(required__missing__finding_at_document_start),
		cmocka_unit_test(required__present__no_finding),
		cmocka_unit_test(required__document_of_no_kind__not_judged),
		cmocka_unit_test(
			required__email_subject_part__finding_in_subject),
		cmocka_unit_test(limit__over_max__finding_at_first_match_over),
		cmocka_unit_test(limit__large_text__counted_through_the_jit),
		cmocka_unit_test(limit__jit_from_4_kib_of_text),
		cmocka_unit_test(limit__at_max__no_finding),
		cmocka_unit_test(limit__per_100_words__scales_with_length),
		cmocka_unit_test(metric__values__measured_and_judged),
		cmocka_unit_test(metric__long_hard_sentences__flagged),
		cmocka_unit_test(metric__too_few_sentences__not_judged),
		cmocka_unit_test(when__severity_by_stage__most_specific_wins),
		cmocka_unit_test(kind__file_names__kind_and_stage),
		cmocka_unit_test(
			kind__precedence__config_then_content_then_name),
		cmocka_unit_test(kind__names__parse_and_print),
		cmocka_unit_test(load__bad_document_rules__file_line_column),
		cmocka_unit_test(examples__document_rule__judged_as_its_kind),
		cmocka_unit_test(budget__config__most_specific_key_wins),
		cmocka_unit_test(budget__config_errors__file_line_column),
		cmocka_unit_test(budget__report__under_budget_fails_the_run),
		cmocka_unit_test(required__literal_absent__not_searched),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
