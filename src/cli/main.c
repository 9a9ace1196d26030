/*
 * main.c: the tonelint command. It uses only the public header: everything
 * it does, a program embedding libtonelint can do.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git.h"
#include "opts.h"
#include "stream.h"
#include "tonelint.h"
#include "walk.h"

static void usage(FILE *out)
{
	fputs("Usage: tonelint [OPTIONS] PATH...\n"
	      "       tonelint test-rules [PATH...]\n"
	      "       tonelint init [--force] [FILE]\n"
	      "       tonelint install-hook [--force]\n"
	      "       tonelint stream --input mbox|jsonl [OPTIONS]\n"
	      "\n"
	      "Finds punitive, cold and bureaucratic language in invoices,\n"
	      "reminders and emails, and suggests friendlier words.\n"
	      "PATH is a file, a folder (searched recursively), or - for\n"
	      "standard input.\n"
	      "\n"
	      "Options:\n"
	      "  -f, --format FORMAT      text (default), json, sarif, "
	      "github,\n"
	      "                           junit, checkstyle, rdjson, gitlab\n"
	      "                           or html (a page for people)\n"
	      "  -o, --output FILE        write the report to FILE (replaced\n"
	      "                           only once the report is complete)\n"
	      "  -r, --rules PATH         add a rule pack, or a folder of "
	      "them\n"
	      "      --no-default-rules   do not load the built-in rules\n"
	      "      --min-severity LEVEL report only suggestion, warning or\n"
	      "                           error and above\n"
	      "      --list-rules         list the rules, one a line, and "
	      "exit\n"
	      "      --input-format FMT   read every input as FMT: auto (by\n"
	      "                           extension, then content), text,\n"
	      "                           html, template, markdown, eml,\n"
	      "                           mbox, po, properties, json, yaml,\n"
	      "                           xliff or xml\n"
	      "      --stdin-name NAME    the name findings on - carry\n"
	      "      --kind KIND[:STAGE]  judge every input as this kind:\n"
	      "                           invoice, reminder, receipt,\n"
	      "                           statement, email, other (stage 1,\n"
	      "                           2, 3 or final: reminder:final)\n"
	      "      --max-file-size N    skip files over N bytes (K, M, G\n"
	      "                           suffixes; default 256M)\n"
	      "      --piece-size N       read plain text and mailboxes over "
	      "2N\n"
	      "                           bytes in pieces of about N (default\n"
	      "                           1M)\n"
	      "      --color WHEN         auto (default), always or never\n"
	      "      --fail-on LEVEL      lowest severity that fails the run:\n"
	      "                           error, warning, suggestion "
	      "(default)\n"
	      "                           or never\n"
	      "      --max-warnings N     fail when there are more than N\n"
	      "                           warnings\n"
	      "      --config FILE        use FILE, not the .tonelint.yml "
	      "files\n"
	      "                           found above each linted file\n"
	      "      --no-config          use no configuration file\n"
	      "      --baseline FILE      report only findings not in FILE\n"
	      "      --write-baseline FILE  record today's findings in FILE\n"
	      "      --staged             lint the staged content of the "
	      "files\n"
	      "                           staged in git (under PATH, if "
	      "given)\n"
	      "      --changed-since REF  lint only the files changed since\n"
	      "                           git REF (its merge base with HEAD)\n"
	      "      --fix                rewrite the files with the rules'\n"
	      "                           automatic fixes, then report what\n"
	      "                           remains\n"
	      "      --diff               print those fixes as a unified diff\n"
	      "                           and change nothing (exit status 1\n"
	      "                           if there is anything to fix)\n"
	      "      --fix-only NAME      with --fix or --diff: apply only "
	      "the\n"
	      "                           fixes of this rule or category\n"
	      "                           (repeatable)\n"
	      "      --report-unused-suppressions  warn on stderr about\n"
	      "                           tonelint-disable comments that\n"
	      "                           match no finding (and in the\n"
	      "                           github, sarif, checkstyle and\n"
	      "                           rdjson reports)\n"
	      "  -j, --jobs N             lint N files, or N pieces of a "
	      "large\n"
	      "                           file, at a time (default: one per\n"
	      "                           processor; the output is the same\n"
	      "                           whatever N)\n"
	      "      --no-prefilter       run every rule over the whole text\n"
	      "                           (slower; the same findings)\n"
	      "  -h, --help               show this help and exit\n"
	      "  -V, --version            show the version and exit\n"
	      "\n"
	      "test-rules checks every rule's flag and pass examples (the\n"
	      "built-in rules when no PATH is given).\n"
	      "\n"
	      "init writes a commented .tonelint.yml; install-hook writes a "
	      "git\n"
	      "pre-commit hook that runs tonelint --staged.\n"
	      "\n"
	      "stream reads documents from standard input, an mbox or JSON\n"
	      "Lines records {\"id\": ..., \"text\": ...} (--input-format\n"
	      "says how to read the text; default text), and writes one JSON\n"
	      "line per finding, document by document (--with-summary adds\n"
	      "a summary line per document): the map step for GNU parallel,\n"
	      "Hadoop Streaming or Spark (README, \"Scale out\").\n"
	      "\n"
	      "Exit status: 0 nothing that fails the run, 1 findings at or\n"
	      "above --fail-on (or too many warnings), 2 usage, "
	      "configuration,\n"
	      "rule or input/output error.\n",
	      out);
}

static int usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("tonelint: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'tonelint --help' for more information.\n", stderr);
	return EXIT_TROUBLE;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s || *s == '-')
		return -1;
	unsigned long long mult = 1;
	if (*end == 'K' || *end == 'k')
		mult = 1024ULL;
	else if (*end == 'M' || *end == 'm')
		mult = 1024ULL * 1024;
	else if (*end == 'G' || *end == 'g')
		mult = 1024ULL * 1024 * 1024;
	else if (*end != '\0')
		return -1;
	if (mult != 1 && end[1] != '\0')
		return -1;
	if (v == 0 || v > (unsigned long long)SIZE_MAX / mult)
		return -1;
	*out = (size_t)(v * mult);
	return 0;
}

enum {
	OPT_NO_DEFAULT = 256,
	OPT_MIN_SEVERITY,
	OPT_LIST_RULES,
	OPT_INPUT_FORMAT,
	OPT_STDIN_NAME,
	OPT_MAX_FILE_SIZE,
	OPT_PIECE_SIZE,
	OPT_COLOR,
	OPT_NO_PREFILTER,
	OPT_FAIL_ON,
	OPT_MAX_WARNINGS,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_BASELINE,
	OPT_WRITE_BASELINE,
	OPT_STAGED,
	OPT_CHANGED_SINCE,
	OPT_FORCE,
	OPT_FIX,
	OPT_DIFF,
	OPT_FIX_ONLY,
	OPT_REPORT_UNUSED,
	OPT_STREAM_INPUT,
	OPT_WITH_SUMMARY,
	OPT_KIND
};

/* --kind reminder, --kind reminder:final, --kind final-notice. */
static int parse_kind(opts *o, const char *arg)
{
	char kind[32];
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
	if (n >= sizeof kind)
		return -1;
	memcpy(kind, arg, n);
	kind[n] = '\0';
	o->stage = TL_STAGE_NONE;
	if (tl_kind_parse(&o->kind, &o->stage, kind) || o->kind == TL_KIND_NONE)
		return -1;
	if (colon && (o->kind != TL_KIND_REMINDER ||
		      tl_stage_parse(&o->stage, colon + 1)))
		return -1;
	return 0;
}

/* Returns -1 to go on, or an exit status. */
static int parse_args(opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"rules", required_argument, NULL, 'r'},
		{"output", required_argument, NULL, 'o'},
		{"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
		{"min-severity", required_argument, NULL, OPT_MIN_SEVERITY},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
		{"stdin-name", required_argument, NULL, OPT_STDIN_NAME},
		{"kind", required_argument, NULL, OPT_KIND},
		{"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
		{"piece-size", required_argument, NULL, OPT_PIECE_SIZE},
		{"color", required_argument, NULL, OPT_COLOR},
		{"colour", required_argument, NULL, OPT_COLOR},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"max-warnings", required_argument, NULL, OPT_MAX_WARNINGS},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"no-config", no_argument, NULL, OPT_NO_CONFIG},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
		{"staged", no_argument, NULL, OPT_STAGED},
		{"changed-since", required_argument, NULL, OPT_CHANGED_SINCE},
		{"force", no_argument, NULL, OPT_FORCE},
		{"fix", no_argument, NULL, OPT_FIX},
		{"diff", no_argument, NULL, OPT_DIFF},
		{"fix-only", required_argument, NULL, OPT_FIX_ONLY},
		{"no-prefilter", no_argument, NULL, OPT_NO_PREFILTER},
		{"report-unused-suppressions", no_argument, NULL,
		 OPT_REPORT_UNUSED},
		{"input", required_argument, NULL, OPT_STREAM_INPUT},
		{"with-summary", no_argument, NULL, OPT_WITH_SUMMARY},
		{"jobs", required_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	int first = 1;
	static const struct {
		const char *name;
		int command;
	} commands[] = {{"test-rules", CMD_TEST_RULES},
			{"init", CMD_INIT},
			{"install-hook", CMD_INSTALL_HOOK},
			{"stream", CMD_STREAM}};
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0];
	     i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			o->command = commands[i].command;
			o->test_rules = o->command == CMD_TEST_RULES;
			first = 2;
		}
	}
	optind = first;
	opterr = 0;
	int c;
	/* "+": stop at the first path, so a file named like an option can
	 * follow "--". */
	while ((c = getopt_long(argc, argv, "+f:r:j:o:hV", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'f':
			if (tl_report_format_parse(&o->format, optarg))
				return usage_error("unknown format '%s'",
						   optarg);
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'r': {
			const char **p = realloc(o->rules, (o->rule_count + 1) *
								   sizeof *p);
			if (!p)
				return usage_error("%s", "out of memory");
			o->rules = p;
			o->rules[o->rule_count++] = optarg;
			break;
		}
		case OPT_NO_DEFAULT:
			o->no_default = 1;
			break;
		case 'j': {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);
			if (end == optarg || *end || n < 1 || n > 256 ||
			    optarg[0] == '-')
				return usage_error(
					"invalid --jobs '%s' (a number from 1 "
					"to 256)",
					optarg);
			o->jobs = (unsigned)n;
			break;
		}
		case OPT_NO_PREFILTER:
			o->no_prefilter = 1;
			break;
		case OPT_REPORT_UNUSED:
			o->report_unused = 1;
			break;
		case OPT_STREAM_INPUT:
			if (strcmp(optarg, "mbox") == 0)
				o->stream_input = STREAM_MBOX;
			else if (strcmp(optarg, "jsonl") == 0)
				o->stream_input = STREAM_JSONL;
			else
				return usage_error("invalid --input '%s' "
						   "(expected mbox or jsonl)",
						   optarg);
			break;
		case OPT_WITH_SUMMARY:
			o->with_summary = 1;
			break;
		case OPT_MIN_SEVERITY:
			if (tl_severity_parse(&o->min, optarg))
				return usage_error(
					"unknown severity '%s' (expected "
					"suggestion, warning or error)",
					optarg);
			break;
		case OPT_LIST_RULES:
			o->list_rules = 1;
			break;
		case OPT_INPUT_FORMAT:
			if (tl_format_parse(&o->input_format, optarg))
				return usage_error("unknown input format '%s'",
						   optarg);
			break;
		case OPT_STDIN_NAME:
			o->stdin_name = optarg;
			break;
		case OPT_KIND:
			if (parse_kind(o, optarg))
				return usage_error(
					"unknown kind '%s' (expected invoice, "
					"reminder, receipt, statement, email "
					"or other; a reminder may add :1, :2, "
					":3 or :final)",
					optarg);
			break;
		case OPT_MAX_FILE_SIZE:
			if (parse_size(optarg, &o->max_file_size))
				return usage_error(
					"invalid size '%s' (a number of bytes, "
					"with an optional K, M or G)",
					optarg);
			break;
		case OPT_PIECE_SIZE:
			if (parse_size(optarg, &o->piece_size))
				return usage_error(
					"invalid size '%s' (a number of bytes, "
					"with an optional K, M or G)",
					optarg);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else
				return usage_error(
					"invalid --color '%s' (expected auto, "
					"always or never)",
					optarg);
			break;
		case OPT_FAIL_ON:
			if (tl_fail_on_parse(&o->fail_on, optarg))
				return usage_error(
					"invalid --fail-on '%s' (expected "
					"error, warning, suggestion or never)",
					optarg);
			break;
		case OPT_MAX_WARNINGS: {
			char *end;
			errno = 0;
			long n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 0 || errno)
				return usage_error(
					"invalid --max-warnings '%s' (a whole "
					"number, 0 or more)",
					optarg);
			o->max_warnings = n;
			break;
		}
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_NO_CONFIG:
			o->no_config = 1;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			o->write_baseline = optarg;
			break;
		case OPT_STAGED:
			o->staged = 1;
			break;
		case OPT_CHANGED_SINCE:
			if (optarg[0] == '-' || optarg[0] == '\0')
				return usage_error(
					"invalid --changed-since '%s' (a git "
					"branch, tag or commit)",
					optarg);
			o->changed_since = optarg;
			break;
		case OPT_FORCE:
			o->force = 1;
			break;
		case OPT_FIX:
			o->fix = 1;
			break;
		case OPT_DIFF:
			o->diff = 1;
			break;
		case OPT_FIX_ONLY: {
			const char **p =
				realloc(o->fix_only,
					(o->fix_only_count + 1) * sizeof *p);
			if (!p)
				return usage_error("%s", "out of memory");
			o->fix_only = p;
			o->fix_only[o->fix_only_count++] = optarg;
			break;
		}
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		case 'V':
			printf("tonelint %s\n", tl_version());
			return EXIT_CLEAN;
		default:
			if (optopt && optopt < 256 &&
			    strchr("fro", optopt) != NULL) {
				char o2[2] = {(char)optopt, 0};
				return usage_error("option -%s needs a value",
						   o2);
			}
			return usage_error("unknown or incomplete option '%s'",
					   argv[optind - 1]);
		}
	}
	o->paths = argv + optind;
	o->path_count = (size_t)(argc - optind);
	if (o->config && o->no_config)
		return usage_error("%s",
				   "--config and --no-config contradict each "
				   "other");
	if (o->baseline && o->write_baseline)
		return usage_error("%s",
				   "give --baseline or --write-baseline, not "
				   "both (writing records every finding)");
	if (o->output && o->write_baseline)
		return usage_error("%s", "--output writes the report; "
					 "--write-baseline writes no report");
	if (o->staged && o->changed_since)
		return usage_error(
			"%s", "give --staged or --changed-since, not both");
	if (o->force && o->command != CMD_INIT &&
	    o->command != CMD_INSTALL_HOOK)
		return usage_error("%s",
				   "--force applies to init and install-hook");
	if (o->fix && o->diff)
		return usage_error("%s", "give --fix or --diff, not both "
					 "(--diff shows what --fix would do)");
	if (o->fix_only_count && !o->fix && !o->diff)
		return usage_error("%s", "--fix-only needs --fix or --diff");
	if ((o->fix || o->diff) && (o->command != CMD_LINT || o->list_rules))
		return usage_error("%s", "--fix and --diff apply to linting");
	if ((o->fix || o->diff) && o->staged)
		return usage_error("%s", "--fix and --diff work on the files, "
					 "not on --staged content");
	if ((o->fix || o->diff) && o->write_baseline)
		return usage_error("%s", "--write-baseline records findings; "
					 "it does not combine with --fix or "
					 "--diff");
	if (o->diff && (o->output || o->format != TL_REPORT_TEXT))
		return usage_error("%s", "--diff prints a diff on standard "
					 "output, not a report: drop --output "
					 "and --format");
	if (o->command != CMD_STREAM && (o->stream_input || o->with_summary))
		return usage_error(
			"%s", "--input and --with-summary apply to stream");
	if (o->command == CMD_STREAM && !o->stream_input)
		return usage_error("%s", "stream needs --input mbox or --input "
					 "jsonl");
	if (o->command == CMD_STREAM &&
	    (o->path_count || o->output || o->format != TL_REPORT_TEXT ||
	     o->fix || o->diff || o->staged || o->changed_since ||
	     o->baseline || o->write_baseline || o->list_rules))
		return usage_error("%s", "stream reads standard input and "
					 "writes JSON Lines: no paths, "
					 "--format, --output, --fix, --diff, "
					 "git or baseline options");
	if (o->command == CMD_STREAM && o->stream_input == STREAM_MBOX &&
	    o->input_format != TL_FORMAT_AUTO)
		return usage_error("%s", "--input-format applies to --input "
					 "jsonl: an mbox's messages are read "
					 "as email");
	return -1;
}

/* Prints a rule-loading failure like a compiler: file:line:col: error: ... */
void cli_print_error(const tl_error *e, tl_status st, const char *what)
{
	if (st == TL_ENOMEM || !e->message[0]) {
		fprintf(stderr, "tonelint: %s: %s\n", what, tl_strerror(st));
		return;
	}
	if (e->file && e->line)
		fprintf(stderr, "%s:%u:%u: error: %s\n", e->file, e->line,
			e->column, e->message);
	else if (e->file)
		fprintf(stderr, "%s: error: %s\n", e->file, e->message);
	else
		fprintf(stderr, "tonelint: error: %s\n", e->message);
}

void cli_print_rule_error(const tl_ruleset *rs, tl_status st, const char *what)
{
	cli_print_error(tl_ruleset_error(rs), st, what);
}

void cli_oom(void)
{
	fputs("tonelint: out of memory\n", stderr);
}

static int load_rules(tl_ruleset **out, const opts *o, int use_default)
{
	tl_ruleset *rs;
	if (tl_ruleset_new(&rs)) {
		fputs("tonelint: out of memory\n", stderr);
		return EXIT_TROUBLE;
	}
	tl_status st;
	if (use_default && (st = tl_ruleset_add_default(rs))) {
		cli_print_rule_error(rs, st, "built-in rules");
		tl_ruleset_free(rs);
		return EXIT_TROUBLE;
	}
	for (size_t i = 0; i < o->rule_count; i++) {
		if ((st = tl_ruleset_add_path(rs, o->rules[i]))) {
			cli_print_rule_error(rs, st, o->rules[i]);
			tl_ruleset_free(rs);
			return EXIT_TROUBLE;
		}
	}
	*out = rs;
	return -1;
}

static void list_rules(const tl_ruleset *rs)
{
	size_t width = 0;
	for (size_t i = 0; i < tl_ruleset_count(rs); i++) {
		size_t n = strlen(tl_rule_id(tl_ruleset_rule(rs, i)));
		if (n > width)
			width = n;
	}
	for (size_t i = 0; i < tl_ruleset_count(rs); i++) {
		const tl_rule *r = tl_ruleset_rule(rs, i);
		printf("%-*s  %-10s  %-18s  %s\n", (int)width, tl_rule_id(r),
		       tl_severity_name(tl_rule_severity(r)),
		       tl_rule_category(r), tl_rule_title(r));
	}
}

static void on_example_failure(const tl_rule *r, const char *example,
			       tl_example_problem problem, const char *file,
			       unsigned line, unsigned column, void *payload)
{
	(void)payload;
	printf("%s:%u:%u: %s: ", file, line, column, tl_rule_id(r));
	if (!example) {
		puts("no examples (add examples: flag: and pass: sentences)");
		return;
	}
	static const char *const what[] = {
		"pass example flagged", "flag example not flagged",
		"flag example flagged with no suggestion (every rewrite "
		"expanded to nothing)"};
	printf("%s: \"%s\"\n", what[problem], example);
}

static void on_fix_failure(const tl_rule *r, const char *example,
			   const char *fixed, const char *problem,
			   const char *file, unsigned line, unsigned column,
			   void *payload)
{
	(void)payload;
	printf("%s:%u:%u: %s: fix of flag example: %s: \"%s\"", file, line,
	       column, tl_rule_id(r), problem, example);
	if (fixed)
		printf(" -> \"%s\"", fixed);
	putchar('\n');
}

static int run_test_rules(const opts *o)
{
	opts local = *o;
	local.rules = (const char **)o->paths;
	local.rule_count = o->path_count;
	tl_ruleset *rs;
	int rc = load_rules(&rs, &local, o->path_count == 0);
	if (rc >= 0)
		return rc;
	tl_example_stats st;
	tl_fix_test_stats fst = {0, 0, 0};
	tl_status s =
		tl_ruleset_test_examples(rs, &st, on_example_failure, NULL);
	if (!s)
		s = tl_ruleset_test_fixes(rs, &fst, on_fix_failure, NULL);
	/* Slow patterns are a note: they find what they should. */
	size_t slow = 0;
	for (size_t i = 0; !s && i < tl_ruleset_count(rs); i++) {
		const tl_rule *r = tl_ruleset_rule(rs, i);
		const char *src = tl_rule_slow_start(r);
		if (!src)
			continue;
		slow++;
		printf("%s:%u:%u: %s: note: PCRE2 has no first character to "
		       "look for in '%s' and tries it at every character; "
		       "start it with a look-ahead such as (?=[0-9]) "
		       "(docs/rules.md, Regular expressions)\n",
		       tl_rule_file(r), tl_rule_line(r), tl_rule_column(r),
		       tl_rule_id(r), src);
	}
	tl_ruleset_free(rs);
	if (s) {
		fprintf(stderr, "tonelint: test-rules: %s\n", tl_strerror(s));
		return EXIT_TROUBLE;
	}
	if (st.rules_failed)
		printf("%zu of %zu rules failed (%zu flag examples, %zu pass "
		       "examples checked)\n",
		       st.rules_failed, st.rules, st.flag_checked,
		       st.pass_checked);
	else
		printf("All %zu rules pass their examples (%zu flag examples, "
		       "%zu pass examples checked)\n",
		       st.rules, st.flag_checked, st.pass_checked);
	/* Said only when there are fixes, so packs without any read as
	 * before. */
	if (fst.failures)
		printf("%zu of %zu fixed examples failed (fixes of %zu rules "
		       "checked)\n",
		       fst.failures, fst.examples, fst.rules);
	else if (fst.rules)
		printf("All %zu rules with a fix pass (%zu examples fixed and "
		       "linted again)\n",
		       fst.rules, fst.examples);
	if (slow)
		printf("%zu rule%s with a slow start (a note: the examples "
		       "decide the exit status)\n",
		       slow, slow == 1 ? "" : "s");
	return st.rules_failed || fst.failures ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* tonelint init [--force] [FILE]: a commented starting configuration. */
static int run_init(const opts *o)
{
	if (o->path_count > 1)
		return usage_error("%s", "init takes at most one file name");
	const char *path = o->path_count ? o->paths[0] : TL_CONFIG_FILE_NAME;
	int fd = open(path, O_WRONLY | O_CREAT | (o->force ? O_TRUNC : O_EXCL),
		      0666);
	if (fd < 0) {
		if (errno == EEXIST)
			fprintf(stderr,
				"tonelint: init: %s already exists; use "
				"--force to replace it\n",
				path);
		else
			fprintf(stderr, "tonelint: init: %s: %s\n", path,
				strerror(errno));
		return EXIT_TROUBLE;
	}
	const char *t = tl_config_template();
	size_t n = strlen(t);
	ssize_t w = write(fd, t, n);
	if (close(fd) != 0 || w != (ssize_t)n) {
		fprintf(stderr, "tonelint: init: %s: %s\n", path,
			strerror(errno));
		return EXIT_TROUBLE;
	}
	printf("Wrote %s: edit it to suit the project.\n", path);
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	opts o = {0};
	o.format = TL_REPORT_TEXT;
	o.min = TL_SEVERITY_SUGGESTION;
	o.color = -1;
	o.input_format = TL_FORMAT_AUTO;
	o.fail_on = -1;
	o.max_warnings = -2;
	int rc = parse_args(&o, argc, argv);
	if (rc >= 0)
		goto out;
	if (o.command == CMD_TEST_RULES) {
		rc = run_test_rules(&o);
		goto out;
	}
	if (o.command == CMD_INIT) {
		rc = run_init(&o);
		goto out;
	}
	if (o.command == CMD_STREAM) {
		rc = cli_stream(&o);
		goto out;
	}
	if (o.command == CMD_INSTALL_HOOK) {
		rc = o.path_count ? usage_error("%s", "install-hook takes no "
						      "paths")
				  : cli_install_hook(o.force);
		goto out;
	}
	if (!o.list_rules && o.path_count == 0 && !o.staged &&
	    !o.changed_since) {
		rc = usage_error("%s", "no input: give a file or folder, or - "
				       "for standard input");
		goto out;
	}
	if (o.list_rules) {
		tl_ruleset *rs;
		rc = load_rules(&rs, &o, !o.no_default);
		if (rc >= 0)
			goto out;
		list_rules(rs);
		tl_ruleset_free(rs);
		rc = EXIT_CLEAN;
		goto out;
	}
	rc = cli_lint(&o);
out:
	free(o.rules);
	free(o.fix_only);
	return rc;
}
