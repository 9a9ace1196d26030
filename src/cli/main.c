/*
 * main.c: the tonelint command. It uses only the public header: everything
 * it does, a program embedding libtonelint can do.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tonelint.h"
#include "walk.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

typedef struct opts {
	tl_report_format format;
	const char **rules;
	size_t rule_count;
	int no_default;
	tl_severity min;
	int list_rules;
	tl_format input_format;
	size_t max_file_size;
	int color; /* -1 auto */
	const char *stdin_name;
	int test_rules;
	char **paths;
	size_t path_count;
} opts;

static void usage(FILE *out)
{
	fputs("Usage: tonelint [OPTIONS] PATH...\n"
	      "       tonelint test-rules [PATH...]\n"
	      "\n"
	      "Finds punitive, cold and bureaucratic language in invoices,\n"
	      "reminders and emails, and suggests friendlier words.\n"
	      "PATH is a file, a folder (searched recursively), or - for\n"
	      "standard input.\n"
	      "\n"
	      "Options:\n"
	      "  -f, --format FORMAT      text (default) or json\n"
	      "  -r, --rules PATH         add a rule pack, or a folder of "
	      "them\n"
	      "      --no-default-rules   do not load the built-in rules\n"
	      "      --min-severity LEVEL report only suggestion, warning or\n"
	      "                           error and above\n"
	      "      --list-rules         list the rules, one a line, and "
	      "exit\n"
	      "      --input-format FMT   read every input as FMT (auto, "
	      "text)\n"
	      "      --stdin-name NAME    the name findings on - carry\n"
	      "      --max-file-size N    skip files over N bytes (K, M, G\n"
	      "                           suffixes; default 256M)\n"
	      "      --color WHEN         auto (default), always or never\n"
	      "  -h, --help               show this help and exit\n"
	      "  -V, --version            show the version and exit\n"
	      "\n"
	      "test-rules checks every rule's flag and pass examples (the\n"
	      "built-in rules when no PATH is given).\n"
	      "\n"
	      "Exit status: 0 nothing found, 1 findings, 2 usage, rule or\n"
	      "input/output error.\n",
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
	OPT_COLOR
};

/* Returns -1 to go on, or an exit status. */
static int parse_args(opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"rules", required_argument, NULL, 'r'},
		{"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
		{"min-severity", required_argument, NULL, OPT_MIN_SEVERITY},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
		{"stdin-name", required_argument, NULL, OPT_STDIN_NAME},
		{"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
		{"color", required_argument, NULL, OPT_COLOR},
		{"colour", required_argument, NULL, OPT_COLOR},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "test-rules") == 0) {
		o->test_rules = 1;
		first = 2;
	}
	optind = first;
	opterr = 0;
	int c;
	/* "+": stop at the first path, so a file named like an option can
	 * follow "--". */
	while ((c = getopt_long(argc, argv, "+f:r:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (tl_report_format_parse(&o->format, optarg))
				return usage_error("unknown format '%s'",
						   optarg);
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
		case OPT_MAX_FILE_SIZE:
			if (parse_size(optarg, &o->max_file_size))
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
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		case 'V':
			printf("tonelint %s\n", tl_version());
			return EXIT_CLEAN;
		default:
			if (optopt && optopt < 256 &&
			    strchr("fr", optopt) != NULL) {
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
	return -1;
}

/* Prints a rule-loading failure like a compiler: file:line:col: error: ... */
static void print_rule_error(const tl_ruleset *rs, tl_status st,
			     const char *what)
{
	const tl_error *e = tl_ruleset_error(rs);
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

static int load_rules(tl_ruleset **out, const opts *o, int use_default)
{
	tl_ruleset *rs;
	if (tl_ruleset_new(&rs)) {
		fputs("tonelint: out of memory\n", stderr);
		return EXIT_TROUBLE;
	}
	tl_status st;
	if (use_default && (st = tl_ruleset_add_default(rs))) {
		print_rule_error(rs, st, "built-in rules");
		tl_ruleset_free(rs);
		return EXIT_TROUBLE;
	}
	for (size_t i = 0; i < o->rule_count; i++) {
		if ((st = tl_ruleset_add_path(rs, o->rules[i]))) {
			print_rule_error(rs, st, o->rules[i]);
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

static void on_example_failure(const tl_rule *r, const char *example, int flag,
			       const char *file, unsigned line, unsigned column,
			       void *payload)
{
	(void)payload;
	printf("%s:%u:%u: %s: ", file, line, column, tl_rule_id(r));
	if (!example) {
		puts("no examples (add examples: flag: and pass: sentences)");
		return;
	}
	printf("%s example %s: \"%s\"\n", flag ? "flag" : "pass",
	       flag ? "not flagged" : "flagged", example);
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
	tl_status s =
		tl_ruleset_test_examples(rs, &st, on_example_failure, NULL);
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
	return st.rules_failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* A file met while walking a folder is skipped when it looks binary: a NUL
 * byte in its first 8 KiB, as grep and git decide. */
static int looks_binary(const tl_document *doc)
{
	size_t len;
	const char *src = tl_document_source(doc, &len);
	return memchr(src, '\0', len < 8192 ? len : 8192) != NULL;
}

static int lint(const opts *o, tl_ruleset *rs)
{
	cli_inputs in = {0};
	for (size_t i = 0; i < o->path_count; i++) {
		if (cli_walk(&in, o->paths[i])) {
			fputs("tonelint: out of memory\n", stderr);
			cli_inputs_free(&in);
			return EXIT_TROUBLE;
		}
	}
	tl_scanner *sc = NULL;
	tl_report *rep = NULL;
	int color = o->color;
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");
		color = isatty(STDOUT_FILENO) && !(nc && *nc);
	}
	unsigned flags = TL_REPORT_SUMMARY | (color ? TL_REPORT_COLOR : 0);
	if (tl_scanner_new(&sc, rs) ||
	    tl_report_new(&rep, o->format, stdout, flags)) {
		fputs("tonelint: out of memory\n", stderr);
		tl_scanner_free(sc);
		cli_inputs_free(&in);
		return EXIT_TROUBLE;
	}
	tl_scanner_set_min_severity(sc, o->min);
	tl_limits limits = {o->max_file_size};
	int trouble = in.errors > 0;
	for (size_t i = 0; i < in.errors; i++)
		tl_report_add_error(rep);
	for (size_t i = 0; i < in.count; i++) {
		const cli_input *ci = &in.items[i];
		tl_document *doc = NULL;
		char why[256] = "";
		tl_status st;
		const char *name = ci->path;
		if (strcmp(ci->path, "-") == 0) {
			name = o->stdin_name ? o->stdin_name : "<stdin>";
			st = tl_document_from_stream(&doc, stdin, name,
						     o->input_format, &limits,
						     why, sizeof why);
		} else {
			st = tl_document_from_file(&doc, ci->path, NULL,
						   o->input_format, &limits,
						   why, sizeof why);
		}
		if (st) {
			fprintf(stderr, "tonelint: %s: error: %s\n", name,
				why[0] ? why : tl_strerror(st));
			tl_report_add_error(rep);
			trouble = 1;
			continue;
		}
		if (ci->from_walk && looks_binary(doc)) {
			tl_document_free(doc);
			continue;
		}
		tl_result *res = NULL;
		st = tl_scanner_scan(sc, doc, &res);
		if (!st) {
			for (size_t k = 0; k < tl_result_diagnostic_count(res);
			     k++)
				fprintf(stderr, "tonelint: %s: warning: %s\n",
					name, tl_result_diagnostic(res, k));
			st = tl_report_add(rep, res);
		}
		if (st) {
			fprintf(stderr, "tonelint: %s: error: %s\n", name,
				tl_strerror(st));
			tl_report_add_error(rep);
			trouble = 1;
		}
		tl_result_free(res);
		tl_document_free(doc);
	}
	if (tl_report_finish(rep)) {
		fputs("tonelint: error writing the report\n", stderr);
		trouble = 1;
	}
	size_t findings = tl_report_findings(rep);
	tl_report_free(rep);
	tl_scanner_free(sc);
	cli_inputs_free(&in);
	if (trouble)
		return EXIT_TROUBLE;
	return findings ? EXIT_FINDINGS : EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	opts o = {0};
	o.format = TL_REPORT_TEXT;
	o.min = TL_SEVERITY_SUGGESTION;
	o.color = -1;
	o.input_format = TL_FORMAT_AUTO;
	int rc = parse_args(&o, argc, argv);
	if (rc >= 0)
		goto out;
	if (o.test_rules) {
		rc = run_test_rules(&o);
		goto out;
	}
	if (!o.list_rules && o.path_count == 0) {
		rc = usage_error("%s", "no input: give a file or folder, or - "
				       "for standard input");
		goto out;
	}
	tl_ruleset *rs;
	rc = load_rules(&rs, &o, !o.no_default);
	if (rc >= 0)
		goto out;
	if (o.list_rules)
		list_rules(rs), rc = EXIT_CLEAN;
	else
		rc = lint(&o, rs);
	tl_ruleset_free(rs);
out:
	free(o.rules);
	return rc;
}
