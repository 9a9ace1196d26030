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
	TL_EFORMAT = -10,   /* the input is not in the format asked for */
	TL_ECHANGED = -11   /* a file changed since it was read */
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
 * unchanged, returns TL_ESYNTAX, TL_ERULE, TL_EREGEX, TL_EDUPLICATE, TL_EIO,
 * TL_ENOTFOUND or TL_ELIMIT (a pack over 16 MiB, YAML nested over 64 levels,
 * or aliases that expand too far), and sets the details returned by
 * tl_ruleset_error.
 */
tl_status tl_ruleset_add_path(tl_ruleset *rs, const char *path);

/*
 * tl_ruleset_add_path for a pack named by untrusted input (a configuration
 * file from a repository): the pack, and each pack of a folder, must lie
 * inside the folder `root` once symbolic links are resolved; otherwise
 * nothing is read and the call fails with TL_EINVAL (details in
 * tl_ruleset_error). The command passes "." (the folder it runs in) for
 * the packs its configuration files name.
 */
tl_status tl_ruleset_add_path_within(tl_ruleset *rs, const char *path,
				     const char *root);

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
/* 1 if the rule carries an automatic fix (for a swap rule: for at least one
 * of its phrases), else 0. */
int tl_rule_has_fix(const tl_rule *rule);
/*
 * The regex text (borrowed from the rule set) of the rule's first pattern
 * that PCRE2 can only try at every character, having no first character,
 * no set of first characters and no anchor to look for: with Unicode
 * properties on, one whose first item can be \d, \s or \w. Such a pattern
 * is up to ten times slower wherever it is searched; a look-ahead for the
 * characters a match starts with mends it (docs/rules.md). NULL if every
 * pattern has a start. A built-in pattern not yet used by a scan is not
 * looked at (the build's tests check every one).
 */
const char *tl_rule_slow_start(const tl_rule *rule);

/*
 * Checks every rule's examples: each `flag` example, linted alone as plain
 * text, must be flagged by its rule; each `pass` example must not be; a rule
 * with no examples fails. `on_failure` (may be NULL) is called once per
 * failing example, or once with example NULL for a rule with no examples;
 * `problem` tells what is wrong (below), and file/line/column where the
 * example is written. A flag example also fails when a finding on it has no
 * suggestion (every rewrite expanded to nothing). Counts go to the optional
 * out-parameters. Returns TL_OK when the check ran, whatever it found.
 */
typedef enum tl_example_problem {
	TL_EXAMPLE_PASS_FLAGGED = 0, /* a pass example was flagged */
	TL_EXAMPLE_FLAG_MISSED = 1,  /* a flag example was not flagged */
	TL_EXAMPLE_NO_SUGGESTION = 2 /* flagged, but with no suggestion */
} tl_example_problem;
typedef void (*tl_example_cb)(const tl_rule *rule, const char *example,
			      tl_example_problem problem, const char *file,
			      unsigned line, unsigned column, void *payload);
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

/* Input formats (docs/formats.md says what is prose in each). Append-only. */
typedef enum tl_format {
	TL_FORMAT_AUTO = 0,	  /* from the file name, then the content */
	TL_FORMAT_TEXT = 1,	  /* plain text */
	TL_FORMAT_HTML = 2,	  /* HTML, with any template syntax in it */
	TL_FORMAT_TEMPLATE = 3,	  /* plain text with template syntax */
	TL_FORMAT_MARKDOWN = 4,	  /* Markdown (CommonMark + GitHub tables) */
	TL_FORMAT_EML = 5,	  /* one RFC 5322 / MIME message */
	TL_FORMAT_MBOX = 6,	  /* a mailbox of messages */
	TL_FORMAT_PO = 7,	  /* gettext .po / .pot */
	TL_FORMAT_PROPERTIES = 8, /* .properties and other key = value */
	TL_FORMAT_JSON = 9,	  /* string values of a JSON file */
	TL_FORMAT_YAML = 10,	  /* string values of a YAML file */
	TL_FORMAT_XLIFF = 11,	  /* XLIFF 1.2 / 2.x translation units */
	TL_FORMAT_XML = 12	  /* XML templates and data (Odoo QWeb) */
} tl_format;

/* "auto", "text", "html", "template", "markdown", "eml", "mbox", "po",
 * "properties", "json", "yaml", "xliff", "xml"; NULL for a value outside
 * the enum. */
const char *tl_format_name(tl_format format);
/* Parses a format name. TL_ENOTFOUND if there is no such format. */
tl_status tl_format_parse(tl_format *out, const char *name);
/* The format a file's name says it has, as TL_FORMAT_AUTO reads it before
 * looking at the bytes: by its extension, under any template extension
 * (reminder.html.j2 is HTML; a name with a template extension alone is a
 * template); TL_FORMAT_XML for .xml, which may hold XLIFF; TL_FORMAT_AUTO
 * when the name does not say (no extension, or one tonelint does not
 * know), and then only the bytes tell. `name` may be a path; not NULL. */
tl_format tl_format_of_name(const char *name);

/* Limits on what a document may cost. Zero fields take the defaults. */
typedef struct tl_limits {
	size_t max_file_size; /* bytes; default 256 MiB */
} tl_limits;

/*
 * Reads the file at `path` into a new document. `display_name` (may be NULL:
 * then `path`) is the name findings carry. `limits` may be NULL. Returns
 * TL_EIO or TL_ENOTFOUND when the file cannot be read, TL_ELIMIT when it is
 * larger than the limit, TL_EFORMAT when it is UTF-16 or UTF-32 text (it
 * starts with that byte order mark: tonelint reads UTF-8); `errbuf` (may be
 * NULL) receives a one-line reason.
 */
tl_status tl_document_from_file(tl_document **out, const char *path,
				const char *display_name, tl_format format,
				const tl_limits *limits, char *errbuf,
				size_t errbuf_size);

/* A document from memory; the data is copied. `name` is what findings carry.
 * TL_EFORMAT for UTF-16 or UTF-32 text, as tl_document_from_file. */
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

/*
 * Problems met while reading the document's format that the reader
 * recovered from (an unclosed template tag, invalid base64, an unknown
 * charset): what was skipped, and where in the file (file is the
 * document's name; line and column 1-based). Borrowed from the document;
 * `i` < tl_document_warning_count. The rest of the document is read all the
 * same.
 */
size_t tl_document_warning_count(const tl_document *doc);
const tl_error *tl_document_warning(const tl_document *doc, size_t i);

/* ------------------------------------------------------------------------ */
/* Document kinds and reminder stages (docs/rules.md, "Document rules")      */

/* What a document is. Document rules apply by kind; a document of no kind
 * (TL_KIND_NONE, such as a README) gets none. Append-only. */
typedef enum tl_kind {
	TL_KIND_NONE = 0,
	TL_KIND_INVOICE = 1,
	TL_KIND_REMINDER = 2, /* payment reminders and dunning letters */
	TL_KIND_RECEIPT = 3,
	TL_KIND_STATEMENT = 4,
	TL_KIND_EMAIL = 5, /* any other customer email */
	TL_KIND_OTHER = 6  /* a kind, but none of the above */
} tl_kind;

/* A reminder's step in the dunning sequence. Append-only. */
typedef enum tl_stage {
	TL_STAGE_NONE = 0,
	TL_STAGE_1 = 1,
	TL_STAGE_2 = 2,
	TL_STAGE_3 = 3,
	TL_STAGE_FINAL = 4
} tl_stage;

/* "none", "invoice", "reminder", "receipt", "statement", "email", "other";
 * NULL outside the enum. Static. */
const char *tl_kind_name(tl_kind kind);
/* Parses a kind name; "dunning" and "final-notice" are read as "reminder"
 * (the latter also sets *stage to final when `stage` is not NULL).
 * TL_EINVAL for any other name. */
tl_status tl_kind_parse(tl_kind *out, tl_stage *stage, const char *name);
/* "none", "1", "2", "3", "final"; NULL outside the enum. Static. */
const char *tl_stage_name(tl_stage stage);
/* Parses "1", "2", "3", "final" (also "first", "second", "third", "last").
 * TL_EINVAL for anything else. */
tl_status tl_stage_parse(tl_stage *out, const char *name);

/* Where a document's kind came from. */
typedef enum tl_kind_source {
	TL_KIND_FROM_NOWHERE = 0,
	TL_KIND_FROM_CONFIG = 1,  /* tl_document_set_kind */
	TL_KIND_FROM_CONTENT = 2, /* front matter, or an email header */
	TL_KIND_FROM_NAME = 3	  /* the file name */
} tl_kind_source;

/*
 * Sets the kind and stage a configuration gives the document (either may be
 * NONE: then it comes from the content or the name). Call before scanning.
 */
void tl_document_set_kind(tl_document *doc, tl_kind kind, tl_stage stage);

/*
 * The document's kind: the one set by tl_document_set_kind, else front
 * matter (`kind:`, `stage:`) or an email header (X-Dunning-Level,
 * X-Document-Kind), else the file name ("reminder-1", "second-reminder",
 * "final-notice", "invoice-...", "dunning"). The stage is taken in the same
 * order, and only for reminders. *stage and *source may be NULL. A mailbox
 * gets a kind only from tl_document_set_kind.
 */
tl_kind tl_document_kind(const tl_document *doc, tl_stage *stage,
			 tl_kind_source *source);

/* Measures of a document's prose, for the metric rules and reports. */
typedef struct tl_metrics {
	size_t words;
	size_t sentences;
	double sentence_length; /* average words per sentence */
	double passive;		/* percent of sentences in the passive */
	double reading_ease;	/* Flesch reading ease (English), 0-100 */
} tl_metrics;

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
 * Turns the literal prefilter on (the default) or off. Findings are the same
 * either way; off, every pattern runs over the whole text (for testing).
 */
void tl_scanner_set_prefilter(tl_scanner *sc, int on);

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
	/* The automatic rewrite, when the rule carries a `fix` (NULL
	 * otherwise): source bytes [fix_offset, fix_offset + fix_length) are
	 * to become `fix`. The range is the match's, widened when the fix also
	 * changes the article before it or white space around it. */
	const char *fix;
	size_t fix_offset, fix_length;
	/* NULL when the fix can be written back exactly; otherwise why it
	 * cannot ("the match includes a template placeholder"), and fix_offset
	 * and fix_length are the match's. */
	const char *fix_blocked;
	/* A match in an email body that the file holds only encoded (base64)
	 * has no readable text in the file: line and column above are those
	 * of the encoded characters holding its start (exact to the
	 * 4-character group), and these place it in the decoded text (after
	 * charset conversion; the decoded HTML of a text/html part), which
	 * `decoded` holds whole (NUL-terminated, borrowed from the document).
	 * The context then names the part and this line and column: "part 2
	 * (base64), line 3, column 5 of the decoded text". NULL and zeros for
	 * a match in text the file holds as it is. */
	const char *decoded;
	size_t decoded_offset, decoded_length;
	/* The matched prose as the rules saw it: each template placeholder
	 * or catalogue field as the one word x ("Failure to pay x will
	 * result"). `match`, and $0, $1 ... in the message and suggestions,
	 * show placeholders as the file writes them ("Failure to pay {{
	 * amount }} will result"; white space folded, tags dropped, entities
	 * decoded). Equal to `match` (the same pointer) when the match holds
	 * no placeholder. */
	const char *prose_match;
	unsigned decoded_line, decoded_column;
	unsigned decoded_end_line, decoded_end_column;
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

/*
 * A large plain-text file read and scanned piece by piece, so that memory
 * follows the size of a piece, not of the file. Pieces are about `window`
 * bytes (0: TL_PIECES_WINDOW), the last few smaller (a quarter of what is
 * left once that is under four windows, down to a quarter of the window, so
 * that workers scanning them at once end together), cut after a blank line
 * (a paragraph break); when a piece has none within twice the window, after
 * a line end. A line is never cut (columns and excerpts need its start): a
 * longer line makes a longer piece. Each piece is scanned with 16 KiB of
 * the file before it and 16 KiB or more after it, and only the matches that
 * start in the piece are kept: a match that runs across a cut is found
 * whole, and ^ and \A (without multiline) match only at the start of the
 * file, look-behinds and \b see the text before the piece, as on the whole
 * file.
 *
 * The findings are the whole file's, with the file's lines, columns and
 * byte offsets, as tl_scanner_scan on the whole document would give them,
 * provided that no match, and no look-behind or look-ahead, reaches more
 * than 16 KiB across a cut. Each diagnostic is given once per file, with
 * the first piece that gives it, and a rule that gives up on the text (a
 * match error: "skipped the rest of this text") finds nothing in the
 * pieces after, as on the whole file. A document that has a kind
 * (tl_document_set_kind, front matter, its file name) is judged whole by
 * document rules, which pieces cannot do: see tl_pieces_next.
 *
 * An mbox mailbox is read in pieces of whole messages, cut before a
 * message that starts the window or more into the piece
 * (tl_mbox_from_line; a message is never cut). Each message is read as on
 * the whole file, its number ("message 3") following on from the pieces
 * before, and the findings, diagnostics and the reader's warnings are the
 * whole file's. A message GMime cannot read is warned about and reading
 * goes on at the next message, in the whole file as in pieces.
 * A suppression comment can silence the lines after it to the end of the
 * file: from the first piece that holds one, the rest of the mailbox is
 * read as one piece.
 */
typedef struct tl_pieces tl_pieces;

/*
 * The size of a piece when none is given: a piece and its context then stay
 * in a core's own cache (1 MiB on the machines we measure on) while the
 * scanner reads them again and again, and a file of a few megabytes still
 * makes enough pieces to share among the workers (README "Speed" has
 * the figures).
 */
#define TL_PIECES_WINDOW ((size_t)1024 * 1024)

/*
 * Opens the file at `path` (findings carry `display_name`, or `path` when
 * NULL) and reads its first bytes. Sets *out to NULL and returns TL_OK
 * when the file is neither plain text nor a mailbox that starts with a
 * "From " line (`format` TL_FORMAT_AUTO decides as tl_document_from_file
 * does; any other than TL_FORMAT_TEXT and TL_FORMAT_MBOX refuses) or not
 * larger than two pieces: read it whole instead. Errors as
 * tl_document_from_file, with a reason in errbuf; TL_ELIMIT also when the file
 * grows past the limit while it is read (tl_pieces_next).
 */
tl_status tl_pieces_open(tl_pieces **out, const char *path,
			 const char *display_name, tl_format format,
			 const tl_limits *limits, size_t window, char *errbuf,
			 size_t errbuf_size);

/*
 * Reads the next piece and scans it with `sc` as a document of kind `kind`
 * and `stage` (tl_document_set_kind). *out receives its result (the
 * caller frees it; its document, tl_result_document, lives until the next
 * call or tl_pieces_free), or NULL after the last piece. After the first
 * piece, check tl_result_kind: if it is not TL_KIND_NONE, the document
 * rules apply and the file must be read whole. Errors as tl_pieces_open
 * and tl_scanner_scan.
 */
tl_status tl_pieces_next(tl_pieces *p, tl_scanner *sc, tl_kind kind,
			 tl_stage stage, tl_result **out, char *errbuf,
			 size_t errbuf_size);

/* Closes the file and frees the last piece. NULL allowed. Pieces of it
 * (tl_pieces_read) must be freed before it. */
void tl_pieces_free(tl_pieces *p);

/*
 * tl_pieces_next in three steps, so that pieces can be scanned on several
 * threads at once: read them in order (tl_pieces_read), scan each on any
 * thread with that thread's scanner (tl_piece_scan), and finish them in
 * the order they were read (tl_pieces_finish). The findings are those of
 * tl_pieces_next. tl_pieces_read and tl_pieces_finish may run on
 * different threads, but never at the same time.
 *
 * tl_pieces_read: *out receives the next piece (the caller frees it with
 * tl_piece_free, before the tl_pieces), holding its own copy of the
 * file's bytes, or NULL after the last piece. Errors as tl_pieces_next.
 */
typedef struct tl_piece tl_piece;
tl_status tl_pieces_read(tl_pieces *p, tl_piece **out, char *errbuf,
			 size_t errbuf_size);

/* Makes the piece's document and scans it with `sc` as a document of kind
 * `kind` and `stage`. Once per piece; errors as tl_scanner_scan, kept for
 * tl_pieces_finish to return too. */
tl_status tl_piece_scan(tl_piece *pc, tl_scanner *sc, tl_kind kind,
			tl_stage stage);

/*
 * Finishes a scanned piece, in the order read: *out receives its result
 * (the caller frees it; its document lives until tl_piece_free(pc)), with
 * what the whole file gives in that piece. *out is NULL for a piece that
 * is void: a piece of a mailbox read after one that holds a suppression
 * comment, for which the rest of the file was read again, as one piece,
 * and scanned with `sc` (a scanner of the calling thread). `sc` also
 * scans a mailbox's piece again when the message numbers it was given
 * were wrong (GMime found more or fewer messages before it than the
 * "From " lines said). Errors as tl_pieces_next.
 */
tl_status tl_pieces_finish(tl_pieces *p, tl_piece *pc, tl_scanner *sc,
			   tl_result **out, char *errbuf, size_t errbuf_size);

/* Frees a piece, its document and any result not handed out. NULL
 * allowed. */
void tl_piece_free(tl_piece *pc);

/*
 * Where the messages of an mbox mailbox start, as tonelint reads them (in
 * pieces, and `tonelint stream`): at a "From " line at the start of the
 * mailbox or after a blank line ("\n" or "\r\n"); a ">From " in a body
 * stays as it is. Feed the lines in order, each line[0..n) with its line
 * end; *blank carries what the next call needs (set it to 1 before the
 * first line). Returns 1 when the line is the "From " line that starts a
 * message, 0 otherwise.
 */
int tl_mbox_from_line(const char *line, size_t n, int *blank);

/*
 * The kind and stage the document was judged as (TL_KIND_NONE: no document
 * rule applied) and where the kind came from (*stage and *source may be
 * NULL); and the measures of its prose: NULL for a document of no kind.
 * Borrowed from the result.
 */
tl_kind tl_result_kind(const tl_result *res, tl_stage *stage,
		       tl_kind_source *source);
const tl_metrics *tl_result_metrics(const tl_result *res);

/* Diagnostics: problems met while scanning (a rule that hit a match limit).
 * One line each, naming the rule; borrowed from the result. */
size_t tl_result_diagnostic_count(const tl_result *res);
const char *tl_result_diagnostic(const tl_result *res, size_t i);

/* ------------------------------------------------------------------------ */
/* Automatic fixes                                                           */

typedef struct tl_fix tl_fix;

/* Chooses the fixes to apply: return 1 to apply the fix of `finding`. */
typedef int (*tl_fix_select)(const tl_finding *finding, void *payload);

/*
 * Applies the fixes of `res` to the source of its document, in memory. Of
 * the findings that carry a fix and that `select` (NULL: every one) picks,
 * a fix that cannot be written back exactly (fix_blocked) or would change
 * nothing is skipped; of fixes whose ranges overlap, the one of higher
 * severity is applied, then the earlier one, then the one of the rule
 * loaded first, and the others are skipped. `res` and its document must
 * outlive *out, which is freed with tl_fix_free.
 */
tl_status tl_fix_new(tl_fix **out, const tl_result *res, tl_fix_select select,
		     void *payload);
void tl_fix_free(tl_fix *fx);

/*
 * Applies another pass: `res` is a result of a document whose source is the
 * current tl_fix_source (TL_EINVAL otherwise), such as the fixed text linted
 * again. Fixes are chosen as by tl_fix_new, with its `select`. *applied (may
 * be NULL) receives how many were applied. Skipped fixes of later passes
 * are not recorded as outcomes: they are the ones the first pass skipped,
 * moved. `res` may be freed after the call.
 */
tl_status tl_fix_again(tl_fix *fx, const tl_result *res, size_t *applied);

/* The fixed source, borrowed until the next tl_fix_again or tl_fix_free;
 * *len receives its length. */
const char *tl_fix_source(const tl_fix *fx, size_t *len);
/* How many fixes were applied, over every pass. */
size_t tl_fix_applied(const tl_fix *fx);

/* What became of each fix that the first pass considered, in source order
 * (a finding with no fix, or one `select` declined, has no outcome).
 * tl_fix_outcome_at returns NULL for i out of range; the outcome is
 * borrowed from fx. */
typedef struct tl_fix_outcome {
	const tl_finding *finding; /* borrowed from the first result */
	int applied;		   /* 1 applied, 0 skipped */
	const char *note;	   /* NULL if applied; else why not */
} tl_fix_outcome;
size_t tl_fix_outcome_count(const tl_fix *fx);
const tl_fix_outcome *tl_fix_outcome_at(const tl_fix *fx, size_t i);

/* Where byte `offset` of the original source is in the fixed source, as a
 * 1-based line and column (a position inside a replaced range moves to its
 * start). */
void tl_fix_locate(const tl_fix *fx, size_t offset, unsigned *line,
		   unsigned *column);

/*
 * Writes a unified diff from the original source to the fixed one, with
 * three lines of context, headed "--- NAME" and "+++ NAME" (NULL: the
 * document's name). Writes nothing when nothing changed. TL_EIO on a write
 * error, TL_ENOMEM.
 */
tl_status tl_fix_write_diff(const tl_fix *fx, FILE *stream, const char *name);

/*
 * Replaces the file at `path` (its target, if it is a symbolic link) with
 * the fixed source so that no failure leaves it half written: a temporary
 * file in the same folder, with the original's permissions, is written,
 * flushed to disk and renamed over it. Refuses, leaving the file as it was:
 * TL_ECHANGED if the file no longer holds the source that was linted (or,
 * for a document read with tl_document_from_file, is not the same file
 * with the same size and time of change); TL_EIO if it cannot be written
 * (no write permission, a read-only file system, a full disk, more than one
 * hard link); TL_ENOTFOUND if it is gone. errbuf (may be NULL) receives a
 * one-line reason.
 */
tl_status tl_fix_write_file(const tl_fix *fx, const char *path, char *errbuf,
			    size_t errbuf_size);

/*
 * Checks the fix of every rule that has one against the rule's flag
 * examples: each example, linted alone as plain text with the whole rule
 * set, has that rule's fixes applied; the fix must apply, the fixed text
 * must not be flagged by that rule again nor by any rule more often than
 * the example was, and fixing it again must change nothing. `on_failure`
 * (may be NULL) is called once per failing example with the fixed text
 * (NULL if no fix applied) and a one-line problem. Returns TL_OK when the
 * check ran, whatever it found.
 */
typedef void (*tl_fix_test_cb)(const tl_rule *rule, const char *example,
			       const char *fixed, const char *problem,
			       const char *file, unsigned line, unsigned column,
			       void *payload);
typedef struct tl_fix_test_stats {
	size_t rules;	 /* rules with a fix */
	size_t examples; /* flag examples with a fix to check */
	size_t failures; /* failing examples */
} tl_fix_test_stats;
tl_status tl_ruleset_test_fixes(tl_ruleset *rs, tl_fix_test_stats *stats,
				tl_fix_test_cb on_failure, void *payload);

/* ------------------------------------------------------------------------ */
/* Reports                                                                   */

typedef struct tl_report tl_report;

typedef enum tl_report_format {
	TL_REPORT_TEXT = 0,   /* compiler-style lines, source line and caret */
	TL_REPORT_JSON = 1,   /* one JSON object, see README */
	TL_REPORT_SARIF = 2,  /* SARIF 2.1.0, for code scanning */
	TL_REPORT_GITHUB = 3, /* GitHub Actions workflow commands */
	TL_REPORT_JUNIT = 4,  /* JUnit XML, one test case per file */
	TL_REPORT_CHECKSTYLE = 5, /* Checkstyle XML */
	TL_REPORT_RDJSON = 6,	  /* reviewdog's rdjson */
	TL_REPORT_GITLAB = 7,	  /* GitLab Code Quality */
	TL_REPORT_HTML = 8	  /* one HTML page for people */
} tl_report_format;

typedef enum tl_report_flags {
	TL_REPORT_COLOR = 1 << 0, /* ANSI colours in the text format */
	TL_REPORT_SUMMARY =
		1 << 1, /* a closing summary line in the text format */
	/* Each result's unused suppressions (tl_result_unused_suppression)
	 * in the formats that can carry them: github (a warning annotation),
	 * sarif (a notification of the run's invocation), checkstyle and
	 * rdjson (a warning from source tonelint.unused-suppression). They
	 * change neither the counts nor the exit status. */
	TL_REPORT_UNUSED_SUPPRESSIONS = 1 << 2
} tl_report_flags;

/*
 * A report writing to `stream` (borrowed; not closed). Documents are added
 * in the order they should appear; tl_report_finish writes what remains (the
 * JSON summary). Write errors are reported by tl_report_finish as TL_EIO.
 */
tl_status tl_report_new(tl_report **out, tl_report_format format, FILE *stream,
			unsigned flags);
tl_status tl_report_add(tl_report *rep, const tl_result *res);
/*
 * A document in pieces (tl_pieces): each piece's findings are written as it
 * is added; the document is counted in the totals and summaries once, by
 * tl_report_end_pieces, as tl_report_add would count the whole. Only the
 * text, json, github and rdjson formats can (tl_report_takes_pieces);
 * the others need the whole document at once: TL_EINVAL.
 */
int tl_report_takes_pieces(const tl_report *rep);
tl_status tl_report_add_piece(tl_report *rep, const tl_result *res);
tl_status tl_report_end_pieces(tl_report *rep);
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

/*
 * Writes s[0..len) to `stream` (borrowed) as a JSON string, quotes
 * included, with the escapes JSON requires; invalid UTF-8 becomes U+FFFD,
 * so the output is always valid JSON. For programs that write their own
 * JSON around findings (tonelint stream does). `s` may be NULL when `len`
 * is 0. TL_EIO if the stream has seen a write error.
 */
tl_status tl_json_write_string(FILE *stream, const char *s, size_t len);

/* ------------------------------------------------------------------------ */
/* Rule metadata for reports                                                 */

/*
 * The rule's suggestion templates, unexpanded (they may hold $0, $1 ...); for
 * a swap rule, its rewrites in map order. Borrowed from the rule set. i must
 * be below the count.
 */
size_t tl_rule_suggestion_count(const tl_rule *rule);
const char *tl_rule_suggestion(const tl_rule *rule, size_t i);

/* ------------------------------------------------------------------------ */
/* Failing a run                                                             */

/* fail_on value: no finding fails the run. */
#define TL_FAIL_NEVER 0

/*
 * When a run fails (exit status 1): a finding at or above `fail_on` (a
 * tl_severity, or TL_FAIL_NEVER), or more than `max_warnings` warnings in
 * all (-1: no limit).
 */
typedef struct tl_fail_policy {
	int fail_on;
	long max_warnings;
} tl_fail_policy;

/* The default policy: any finding fails, no warning limit. */
#define TL_FAIL_POLICY_DEFAULT             \
	{                                  \
		TL_SEVERITY_SUGGESTION, -1 \
	}

/* Parses "error", "warning", "suggestion" or "never" into *out (a
 * tl_severity or TL_FAIL_NEVER). TL_EINVAL for any other name. */
tl_status tl_fail_on_parse(int *out, const char *name);
/* The name of a fail_on value; NULL for a value outside the range. Static. */
const char *tl_fail_on_name(int fail_on);

/*
 * Sets the policy for the results added from now on (the report keeps a
 * copy; `policy` is not retained). Each result is judged by the policy in
 * force when it is added, so a per-file configuration can change fail_on
 * between files; max_warnings is the one in force at tl_report_failed. The
 * junit format marks a file's test case failed by the same rule.
 */
void tl_report_set_fail_policy(tl_report *rep, const tl_fail_policy *policy);

/*
 * Sets the tone budget for the results added from now on: the lowest
 * tl_result_score a document may have (0-100), or -1 for none. A document
 * under its budget fails the run (tl_report_failed) whatever its findings;
 * the text report ends with each budgeted document's score against its
 * budget, and the JSON summary carries it.
 */
void tl_report_set_budget(tl_report *rep, int min_score);
/* How many documents added so far were under their budget. */
size_t tl_report_over_budget(const tl_report *rep);

/* 1 if the findings added so far fail the run under the policy, or a
 * document was under its budget; else 0. */
int tl_report_failed(const tl_report *rep);

/* Totals of the findings added so far, by severity. */
size_t tl_report_count_severity(const tl_report *rep, tl_severity severity);

/*
 * Describes every rule of `rs` in formats that list rules (SARIF), not just
 * the rules that have findings. The metadata is copied: `rs` may be freed
 * afterwards. Call before tl_report_finish. TL_ENOMEM on failure.
 */
tl_status tl_report_add_rules(tl_report *rep, const tl_ruleset *rs);

/*
 * The number of annotations of one level GitHub shows for a step. Beyond it
 * the github format prints the remaining findings as plain log lines and
 * ends with one notice saying how many there are.
 */
#define TL_GITHUB_ANNOTATION_LIMIT 10

/* ------------------------------------------------------------------------ */
/* Fingerprints and baselines                                                */

/* Room for a fingerprint: 16 lower-case hex digits and a NUL. */
#define TL_FINGERPRINT_SIZE 17

/*
 * Writes finding i's fingerprint into out: a 64-bit FNV-1a hash of the rule
 * id, the document name, the matched text as the rules saw it (prose_match,
 * where a placeholder is one word whatever it is called; ASCII letters
 * lower-cased, white space runs folded to one space, trimmed) and the
 * finding's occurrence index among the findings of `res` with the same
 * three. It does not depend on the line, so it survives lines added above
 * the finding.
 */
void tl_result_fingerprint(const tl_result *res, size_t i,
			   char out[TL_FINGERPRINT_SIZE]);

typedef struct tl_baseline tl_baseline;

/* An empty baseline. Free it with tl_baseline_free. */
tl_status tl_baseline_new(tl_baseline **out);
void tl_baseline_free(tl_baseline *bl);

/*
 * Adds the fingerprints of the baseline file at `path` (written by
 * tl_baseline_write). A malformed file fails with TL_EFORMAT and details
 * (file, line) in tl_baseline_error, leaving `bl` unchanged; an unreadable
 * one with TL_ENOTFOUND or TL_EIO.
 */
tl_status tl_baseline_load(tl_baseline *bl, const char *path);
/* The details of the last failure of tl_baseline_load. Never NULL. */
const tl_error *tl_baseline_error(const tl_baseline *bl);

/* Records every finding of `res`. */
tl_status tl_baseline_add(tl_baseline *bl, const tl_result *res);
/* Number of findings recorded. */
size_t tl_baseline_count(const tl_baseline *bl);

/* Writes the baseline (one finding a line, sorted, so it diffs well) to
 * `stream` (borrowed). TL_EIO on a write error. */
tl_status tl_baseline_write(const tl_baseline *bl, FILE *stream);

/*
 * Drops from `res` the findings whose fingerprint is in `bl` (each recorded
 * finding absorbs one). *dropped (may be NULL) receives how many.
 */
tl_status tl_baseline_filter(const tl_baseline *bl, tl_result *res,
			     size_t *dropped);

/* ------------------------------------------------------------------------ */
/* Project configuration (.tonelint.yml, docs/configuration.md)              */

typedef struct tl_config tl_config;

/* The file name looked for in each folder. */
#define TL_CONFIG_FILE_NAME ".tonelint.yml"

/* An empty configuration (every default). Free it with tl_config_free. */
tl_status tl_config_new(tl_config **out);
void tl_config_free(tl_config *cfg);

/*
 * Adds the configuration file at `path` as a layer above those added
 * before: a later layer wins. Globs and rule pack paths in it are relative
 * to its folder. Strict: a YAML error fails with TL_ESYNTAX, an unknown key,
 * wrong type or bad value with TL_EINVAL, an unreadable file with
 * TL_ENOTFOUND or TL_EIO, a file over 1 MiB, YAML nested over 64 levels or
 * aliases that expand too far with TL_ELIMIT; tl_config_error tells
 * file:line:col; `cfg` is then unchanged.
 */
tl_status tl_config_add_file(tl_config *cfg, const char *path);

/* The same from memory: `name` is what errors call it, `dir` the folder its
 * paths are relative to. The data is copied. */
tl_status tl_config_add_buffer(tl_config *cfg, const char *name,
			       const char *dir, const char *data, size_t len);

/*
 * Adds the configuration files that apply to the file at `path`: every
 * TL_CONFIG_FILE_NAME from the file system root (or the nearest file that
 * says `root: true`) down to the file's own folder, farthest first, so the
 * nearest wins. *found (may be NULL) receives how many were added. Fails as
 * tl_config_add_file does on the first bad file, and with TL_EINVAL on a
 * TL_CONFIG_FILE_NAME that is a symbolic link to a file outside its folder
 * (a file found by walking up must not lead elsewhere).
 */
tl_status tl_config_add_discovered(tl_config *cfg, const char *path,
				   size_t *found);

/* The details of the last failure of an add function. Never NULL. */
const tl_error *tl_config_error(const tl_config *cfg);

/* What the configuration says for one file. */
typedef struct tl_file_settings {
	int ignored;	     /* matches an `ignore` glob: skip the file */
	tl_fail_policy fail; /* fail_on and max_warnings (defaults if unset) */
	const char **rule_packs; /* paths of the packs to add, in order */
	size_t rule_pack_count;
	/* `kind` and `stage` of the nearest matching entry (NONE: unset) */
	tl_kind kind;
	tl_stage stage;
} tl_file_settings;

/*
 * Resolves the settings for the file at `path` (as the command line names
 * it; globs match it relative to each layer's folder): top-level keys, then
 * the overrides whose `files` glob matches, layer by layer. The array in
 * out->rule_packs is the caller's (free it with tl_file_settings_clear); the
 * strings in it are borrowed from `cfg` and live until it is freed.
 */
tl_status tl_config_resolve(const tl_config *cfg, const char *path,
			    tl_file_settings *out);
void tl_file_settings_clear(tl_file_settings *s);

/*
 * The tone budget the configuration sets for the file at `path` judged as
 * `kind` and `stage` (`budget:` keys "reminder:final", then "reminder", then
 * "all"; the nearest layer and last matching override win), or -1 for none.
 */
int tl_config_budget(const tl_config *cfg, const char *path, tl_kind kind,
		     tl_stage stage);

/*
 * Applies the configuration to a result for the file at `path` (NULL: the
 * document's name): drops the findings of disabled rules and categories,
 * gives others the severity the configuration maps them to, then drops
 * findings below `min`. A rule id entry beats a category entry; otherwise
 * the nearest layer, and in it the last matching override, wins.
 */
tl_status tl_result_apply_config(tl_result *res, const tl_config *cfg,
				 const char *path, tl_severity min);

/*
 * A commented starting configuration, for `tonelint init`. Static.
 */
const char *tl_config_template(void);

/* ------------------------------------------------------------------------ */
/* Inline suppressions (docs/configuration.md, "Inline suppressions")        */

/*
 * A suppression comment of the document, as reported when it matched no
 * finding. Strings are borrowed from the document the result refers to.
 */
typedef struct tl_suppression {
	const char *directive; /* "disable-next-line" or "disable" */
	const char *id;	       /* the rule id or category; NULL: every rule */
	const char *reason;    /* the text after "--"; NULL if none */
	unsigned line, column; /* where the comment starts, 1-based */
} tl_suppression;

/*
 * Drops from `res` the findings that the document's suppression comments
 * (tonelint-disable-next-line, tonelint-disable ... tonelint-enable) cover,
 * by the line the finding starts on, and records each suppression id that
 * covered none (see tl_result_unused_suppression). Call it once, right
 * after tl_scanner_scan and before other filters, so a suppression is
 * judged against everything the rules found. *dropped (may be NULL)
 * receives how many were dropped. TL_OK or TL_ENOMEM.
 */
tl_status tl_result_apply_suppressions(tl_result *res, size_t *dropped);

/* The suppressions that matched no finding, in source order, after
 * tl_result_apply_suppressions (0 before it); NULL for i out of range.
 * Borrowed from the result. */
size_t tl_result_unused_suppression_count(const tl_result *res);
const tl_suppression *tl_result_unused_suppression(const tl_result *res,
						   size_t i);

#ifdef __cplusplus
}
#endif
#endif /* TONELINT_H */
