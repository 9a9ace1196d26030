/* opts.h: the command's options, shared by main.c and lint.c. */
#ifndef TL_CLI_OPTS_H
#define TL_CLI_OPTS_H

#include <stddef.h>

#include "tonelint.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

typedef struct opts {
	tl_report_format format;
	const char **rules;
	size_t rule_count;
	int no_default;
	int no_prefilter;
	unsigned jobs; /* 0: one per processor */
	tl_severity min;
	int list_rules;
	tl_format input_format;
	size_t max_file_size;
	size_t piece_size; /* --piece-size; 0: the library's default */
	int color;	   /* -1 auto */
	const char *stdin_name;
	tl_kind kind; /* --kind: for every input; NONE: not given */
	tl_stage stage;
	int test_rules;
	char **paths;
	size_t path_count;
	int fail_on;	    /* -1: from the configuration */
	long max_warnings;  /* -2: from the configuration */
	const char *config; /* --config: this file instead of discovery */
	int no_config;
	const char *baseline, *write_baseline;
	const char *output; /* -o: the report goes to this file */
	int staged;
	const char *changed_since;
	int command; /* a subcommand: CMD_... */
	int force;
	/* --fix, --diff, --fix-only (cli/fix.c) */
	int fix, diff;
	const char **fix_only; /* rule ids and categories */
	size_t fix_only_count;
	int report_unused; /* --report-unused-suppressions */
	/* tonelint stream (cli/stream.c) */
	int stream_input; /* STREAM_MBOX or STREAM_JSONL; 0: not given */
	int with_summary; /* --with-summary: a summary line per document */
} opts;

enum { STREAM_MBOX = 1, STREAM_JSONL = 2 };

enum { CMD_LINT, CMD_TEST_RULES, CMD_INIT, CMD_INSTALL_HOOK, CMD_STREAM };

/* Prints a rule-loading failure like a compiler: file:line:col: error: ... */
void cli_print_rule_error(const tl_ruleset *rs, tl_status st, const char *what);
/* The same for any handle's error details; `what` names the subject when
 * there are none ("configuration"). */
void cli_print_error(const tl_error *e, tl_status st, const char *what);
/* "tonelint: out of memory" on stderr. */
void cli_oom(void);

/* Lints the inputs the options name; returns the exit status. */
int cli_lint(const opts *o);

#endif
