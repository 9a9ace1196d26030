/*
 * tonelint.h: the public interface of libtonelint, a linter for the tone of
 * business communication (invoices, payment reminders, customer emails).
 *
 * The flow: load rule packs into a tl_ruleset; open each input as a
 * tl_document; scan it with a tl_scanner (one per thread) to get a tl_result;
 * hand documents and results to a tl_report to print them.
 *
 * Conventions, used by every function below:
 *  - Functions that can fail return a tl_status: TL_OK (0) on success, a
 *    negative code otherwise. Constructors take the output parameter first,
 *    named `out`, and leave *out NULL on failure.
 *  - Every handle is freed by its tl_*_free function, which accepts NULL.
 *  - Strings are UTF-8 and NUL-terminated unless a length travels with them.
 *    A `const char *` returned by an accessor is borrowed: it belongs to the
 *    handle it came from and lives as long as that handle.
 *  - Positions for people are 1-based; a line is counted by '\n', a column
 *    counts characters (Unicode code points; an invalid byte counts as one),
 *    not bytes.
 *  - Thread safety: a tl_ruleset is read-only once a scanner has been made
 *    from it and may then be shared by any number of threads, each with its
 *    own tl_scanner. Documents, results and reports belong to one thread at
 *    a time.
 */
#ifndef TONELINT_H
#define TONELINT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TL_VERSION_MAJOR  0
#define TL_VERSION_MINOR  1
#define TL_VERSION_PATCH  0
#define TL_VERSION_STRING "0.1.0"
/* Comparable version number: 0xMMmmpp. */
#define TL_VERSION_NUM \
	((TL_VERSION_MAJOR << 16) | (TL_VERSION_MINOR << 8) | TL_VERSION_PATCH)

/* The version of the library linked at run time, e.g. "0.1.0". Static. */
const char *tl_version(void);

/* Status codes. Append-only: a code never changes its value. */
typedef enum tl_status {
	TL_OK = 0,
	TL_ENOMEM = -1,	 /* out of memory */
	TL_EIO = -2,	 /* a file could not be read or written */
	TL_ESYNTAX = -3, /* a rule pack is not well-formed YAML */
	TL_ERULE = -4,	 /* a rule is invalid (missing key, wrong type, ...) */
	TL_EREGEX = -5,	 /* a rule's regular expression does not compile */
	TL_EDUPLICATE = -6, /* two rules share an id */
	TL_EINVAL = -7,	    /* an argument is invalid */
	TL_ELIMIT = -8,	    /* a resource limit was reached */
	TL_ENOTFOUND = -9,  /* no such file, rule or format */
	TL_EFORMAT = -10    /* the input is not in the format asked for */
} tl_status;

/* A one-line English description of `status`. Static; never NULL. */
const char *tl_strerror(tl_status status);

/*
 * Details of the last failure on a handle: the message (one line, without the
 * position) and, where the failure has one, the file, line and column it
 * concerns (file NULL and line/column 0 otherwise). Borrowed from the handle;
 * valid until the next call that fails on it or until it is freed.
 */
typedef struct tl_error {
	const char *message;
	const char *file;
	unsigned line;
	unsigned column;
} tl_error;

typedef enum tl_severity {
	TL_SEVERITY_SUGGESTION = 1,
	TL_SEVERITY_WARNING = 2,
	TL_SEVERITY_ERROR = 3
} tl_severity;

/* "suggestion", "warning" or "error"; NULL for a value outside the enum. */
const char *tl_severity_name(tl_severity severity);
/* Parses a severity name into *out. TL_EINVAL if `name` is not one. */
tl_status tl_severity_parse(tl_severity *out, const char *name);

/* ------------------------------------------------------------------------ */
/* Rules                                                                     */

typedef struct tl_ruleset tl_ruleset;
typedef struct tl_rule tl_rule;

/* Creates an empty rule set. Free it with tl_ruleset_free. */
tl_status tl_ruleset_new(tl_ruleset **out);
void tl_ruleset_free(tl_ruleset *rs);

/*
 * Adds the rule packs built into the library (the project's rules/ folder at
 * build time). Fails like tl_ruleset_add_path.
 */
tl_status tl_ruleset_add_default(tl_ruleset *rs);

/*
 * Adds the rule pack at `path`, or every *.yml and *.yaml file of the folder
 * at `path` (not recursive, in name order). Strict: any error leaves `rs`
 * unchanged, returns TL_ESYNTAX, TL_ERULE, TL_EREGEX, TL_EDUPLICATE, TL_EIO
 * or TL_ENOTFOUND, and sets the details returned by tl_ruleset_error.
 */
tl_status tl_ruleset_add_path(tl_ruleset *rs, const char *path);

/*
 * Adds a rule pack from memory. `name` is what error messages call it; the
 * data is copied. Fails like tl_ruleset_add_path.
 */
tl_status tl_ruleset_add_buffer(tl_ruleset *rs, const char *name,
				const char *data, size_t len);

/* The details of the last failure of an add function. Never NULL. */
const tl_error *tl_ruleset_error(const tl_ruleset *rs);

/* Number of rules, and rule `i` (0 <= i < count, in load order). */
size_t tl_ruleset_count(const tl_ruleset *rs);
const tl_rule *tl_ruleset_rule(const tl_ruleset *rs, size_t i);
/* The rule with this id, or NULL. */
const tl_rule *tl_ruleset_find(const tl_ruleset *rs, const char *id);

/* Accessors; strings are borrowed from the rule set. title is never NULL (it
 * falls back to the id). */
const char *tl_rule_id(const tl_rule *rule);
const char *tl_rule_title(const tl_rule *rule);
const char *tl_rule_category(const tl_rule *rule);
const char *tl_rule_message(const tl_rule *rule); /* unexpanded */
tl_severity tl_rule_severity(const tl_rule *rule);
/* Where the rule was defined: file name, line and column of its `id`. */
const char *tl_rule_file(const tl_rule *rule);
unsigned tl_rule_line(const tl_rule *rule);
unsigned tl_rule_column(const tl_rule *rule);

/*
 * Checks every rule's examples: each `flag` example, linted alone as plain
 * text, must be flagged by its rule; each `pass` example must not be; a rule
 * with no examples fails. `on_failure` (may be NULL) is called once per
 * failing example, or once with example NULL for a rule with no examples;
 * `flag` tells which list the example came from, and file/line/column where
 * it is written. Counts go to the optional out-parameters. Returns TL_OK
 * when the check ran, whatever it found.
 */
typedef void (*tl_example_cb)(const tl_rule *rule, const char *example,
			      int flag, const char *file, unsigned line,
			      unsigned column, void *payload);
typedef struct tl_example_stats {
	size_t rules;	     /* rules checked */
	size_t rules_failed; /* rules with at least one failure */
	size_t flag_checked; /* flag examples checked */
	size_t pass_checked; /* pass examples checked */
	size_t failures;     /* failing examples, plus rules without any */
} tl_example_stats;
tl_status tl_ruleset_test_examples(tl_ruleset *rs, tl_example_stats *stats,
				   tl_example_cb on_failure, void *payload);

/* ------------------------------------------------------------------------ */
/* Documents                                                                 */

typedef struct tl_document tl_document;

typedef enum tl_format {
	TL_FORMAT_AUTO = 0, /* from the file name, then the content */
	TL_FORMAT_TEXT = 1  /* plain text */
} tl_format;

/* "auto", "text", ...; NULL for a value outside the enum. */
const char *tl_format_name(tl_format format);
/* Parses a format name. TL_ENOTFOUND if there is no such format. */
tl_status tl_format_parse(tl_format *out, const char *name);

/* Limits on what a document may cost. Zero fields take the defaults. */
typedef struct tl_limits {
	size_t max_file_size; /* bytes; default 256 MiB */
} tl_limits;

/*
 * Reads the file at `path` into a new document. `display_name` (may be NULL:
 * then `path`) is the name findings carry. `limits` may be NULL. Returns
 * TL_EIO or TL_ENOTFOUND when the file cannot be read, TL_ELIMIT when it is
 * larger than the limit; `errbuf` (may be NULL) receives a one-line reason.
 */
tl_status tl_document_from_file(tl_document **out, const char *path,
				const char *display_name, tl_format format,
				const tl_limits *limits, char *errbuf,
				size_t errbuf_size);

/* A document from memory; the data is copied. `name` is what findings carry. */
tl_status tl_document_from_buffer(tl_document **out, const char *name,
				  const char *data, size_t len,
				  tl_format format);

/*
 * Reads a whole stream (standard input, a pipe) into a document, subject to
 * the same limits and errors as tl_document_from_file.
 */
tl_status tl_document_from_stream(tl_document **out, FILE *stream,
				  const char *name, tl_format format,
				  const tl_limits *limits, char *errbuf,
				  size_t errbuf_size);

void tl_document_free(tl_document *doc);

const char *tl_document_name(const tl_document *doc);
/* The format the document was read as (never TL_FORMAT_AUTO). */
tl_format tl_document_format(const tl_document *doc);
/* The source bytes as read. Borrowed; *len receives the length. */
const char *tl_document_source(const tl_document *doc, size_t *len);
/* Number of words of prose in the document. */
size_t tl_document_words(const tl_document *doc);

/* ------------------------------------------------------------------------ */
/* Scanning                                                                  */

typedef struct tl_scanner tl_scanner;
typedef struct tl_result tl_result;

/*
 * Creates a scanner for `rs` (which must outlive it and is frozen by this
 * call: adding rules afterwards fails with TL_EINVAL). A scanner owns match
 * buffers and must be used by one thread at a time.
 */
tl_status tl_scanner_new(tl_scanner **out, tl_ruleset *rs);
void tl_scanner_free(tl_scanner *sc);

/* Findings below this severity are dropped. Default: suggestion (keep all). */
void tl_scanner_set_min_severity(tl_scanner *sc, tl_severity min);

/*
 * Scans `doc` with every rule. On success *out is a new result (free it with
 * tl_result_free); it refers to `doc`, which must outlive it. A rule that
 * hits a match limit is reported as a diagnostic of the result, not as a
 * failure: scanning goes on with the next rule.
 */
tl_status tl_scanner_scan(tl_scanner *sc, const tl_document *doc,
			  tl_result **out);

/* One finding. All pointers are borrowed from the result. */
typedef struct tl_finding {
	const tl_rule *rule;
	tl_severity severity;
	size_t offset;	       /* byte offset of the match in the source */
	size_t length;	       /* its length in source bytes */
	unsigned line, column; /* start, 1-based */
	unsigned end_line, end_column; /* the character just after the match */
	const char *message;	       /* with $0, $1 ... expanded */
	const char *match;	       /* the text that matched */
	const char *const *suggestions;
	size_t suggestion_count;
	/* Where in a structured document the match is ("subject", "message 3
	 * <id@host>"), or NULL for the document as a whole. */
	const char *context;
} tl_finding;

void tl_result_free(tl_result *res);
const tl_document *tl_result_document(const tl_result *res);
/* Findings in source order (offset, then rule load order). */
size_t tl_result_count(const tl_result *res);
const tl_finding *tl_result_finding(const tl_result *res, size_t i);
/* Count of findings of one severity. */
size_t tl_result_count_severity(const tl_result *res, tl_severity severity);
/*
 * Tone score from 0 (hostile) to 100 (warm): 100 * exp(-d / 15), where d is
 * (10 * errors + 5 * warnings + 1 * suggestions) per hundred words, with the
 * word count taken as at least 20.
 */
int tl_result_score(const tl_result *res);

/* Diagnostics: problems met while scanning (a rule that hit a match limit).
 * One line each, naming the rule; borrowed from the result. */
size_t tl_result_diagnostic_count(const tl_result *res);
const char *tl_result_diagnostic(const tl_result *res, size_t i);

/* ------------------------------------------------------------------------ */
/* Reports                                                                   */

typedef struct tl_report tl_report;

typedef enum tl_report_format {
	TL_REPORT_TEXT = 0, /* compiler-style lines, source line and caret */
	TL_REPORT_JSON = 1  /* one JSON object, see README */
} tl_report_format;

typedef enum tl_report_flags {
	TL_REPORT_COLOR = 1 << 0, /* ANSI colours in the text format */
	TL_REPORT_SUMMARY = 1
			    << 1 /* a closing summary line in the text format */
} tl_report_flags;

/*
 * A report writing to `stream` (borrowed; not closed). Documents are added
 * in the order they should appear; tl_report_finish writes what remains (the
 * JSON summary). Write errors are reported by tl_report_finish as TL_EIO.
 */
tl_status tl_report_new(tl_report **out, tl_report_format format, FILE *stream,
			unsigned flags);
tl_status tl_report_add(tl_report *rep, const tl_result *res);
/* Counts a file that could not be linted (it appears in the summary). */
void tl_report_add_error(tl_report *rep);
tl_status tl_report_finish(tl_report *rep);
void tl_report_free(tl_report *rep);

/* "text", "json", ...; NULL for a value outside the enum. */
const char *tl_report_format_name(tl_report_format format);
/* Parses a report format name. TL_ENOTFOUND if there is no such format. */
tl_status tl_report_format_parse(tl_report_format *out, const char *name);

/* Totals so far, for exit statuses. */
size_t tl_report_findings(const tl_report *rep);

#ifdef __cplusplus
}
#endif
#endif /* TONELINT_H */
