/* report.h: the report handle shared by the output formats. */
#ifndef TL_REPORT_H
#define TL_REPORT_H

#include "internal.h"

typedef struct tli_doc_summary {
	char *name;
	size_t words, findings;
	int score;
	size_t body_off, body_len; /* html: the document's part of body */
	/* What it was judged as, its budget (-1: none) and measures. */
	tl_kind kind;
	tl_stage stage;
	tl_kind_source kind_source;
	int budget;
	int has_metrics;
	tl_metrics metrics;
} tli_doc_summary;

typedef struct tli_count {
	char *name;
	size_t n;
} tli_count;

/* A rule as the formats that list rules describe it (copied, so the rule
 * set may go before the report). */
typedef struct tli_rule_meta {
	char *id, *title, *category, *message, *help;
	tl_severity severity;
} tli_rule_meta;

struct tl_report {
	tl_report_format format;
	FILE *out;
	unsigned flags;
	size_t files, files_with_findings, unreadable, findings, words;
	size_t by_severity[4]; /* indexed by tl_severity */
	tli_count *categories; /* sorted by name */
	size_t category_count;
	tli_doc_summary *docs;
	size_t doc_count, doc_cap;
	int started; /* the format has written its opening */

	tl_fail_policy policy;
	int budget;	    /* for the results added next; -1: none */
	size_t over_budget; /* documents under their budget */
	size_t failing; /* results that failed under the policy of their day */
	tli_rule_meta *rules; /* in the order they were first met */
	size_t rule_count, rule_cap;

	/* The document being added in pieces (tl_report_add_piece). */
	int in_pieces;
	char *piece_name;
	size_t piece_words, piece_findings, piece_sev[4];
	int piece_fails;

	/* Per-format state. */
	size_t emitted;	     /* items written so far (separators) */
	size_t shown[4];     /* github: annotations shown, by severity */
	size_t hidden;	     /* github: findings past the limit */
	size_t failed_files; /* junit: test cases failed */
	char *body; /* junit: test cases, html: documents; written at the end */
	size_t body_len;
	FILE *body_out;
	char *notes; /* sarif: unused suppressions, written at the end */
	size_t notes_len;
	FILE *notes_out;
};

/* One output format: its opening (may be NULL), one result, its closing. */
typedef struct tli_format_ops {
	tl_report_format format;
	const char *name;
	void (*start)(tl_report *rep);
	void (*document)(tl_report *rep, const tl_result *res);
	void (*finish)(tl_report *rep);
	/* One result's unused suppressions, before its findings (NULL: the
	 * format has no place for them). */
	void (*unused)(tl_report *rep, const tl_result *res);
} tli_format_ops;

/* The index of the rule's metadata in rep->rules, adding it if new; -1 on
 * out of memory. */
long tli_report_rule(tl_report *rep, const tl_rule *r);

/* The finding's message followed by its suggestions, one "suggestion: "
 * line each ("; " between them when `oneline`). NULL on out of memory. */
char *tli_finding_text(const tl_finding *f, int oneline);

/* Fingerprints of every finding of res, in order (see
 * tl_result_fingerprint); a malloc'd array, NULL on out of memory or when
 * res has no findings. (fingerprint.c) */
uint64_t *tli_result_fingerprints(const tl_result *res);
void tli_fingerprint_hex(uint64_t h, char out[TL_FINGERPRINT_SIZE]);

/* The document's name as a path from the directory tonelint ran in, for
 * the formats whose readers match it against the repository's paths:
 * without leading "./" segments. Borrowed from `name`. */
const char *tli_repo_path(const char *name);

/* The byte column (1-based) of source offset `off` on 1-based `line`. */
unsigned tli_byte_column(const tl_document *d, unsigned line, size_t off);

/* The text format's closing lines on tone budgets (report_budget.c). */
void tli_text_budgets(tl_report *rep);
/* The JSON summary's fields for a judged document (report_budget.c). */
void tli_json_doc_fields(tl_report *rep, const tli_doc_summary *ds);

/* Each format writes one document's findings, and its closing. */
void tli_text_document(tl_report *rep, const tl_result *res);
void tli_text_finish(tl_report *rep);
void tli_json_start(tl_report *rep);
void tli_json_document(tl_report *rep, const tl_result *res);
void tli_json_finish(tl_report *rep);
void tli_sarif_start(tl_report *rep);
void tli_sarif_document(tl_report *rep, const tl_result *res);
void tli_sarif_finish(tl_report *rep);
void tli_github_document(tl_report *rep, const tl_result *res);
void tli_github_finish(tl_report *rep);
void tli_junit_start(tl_report *rep);
void tli_junit_document(tl_report *rep, const tl_result *res);
void tli_junit_finish(tl_report *rep);
void tli_checkstyle_start(tl_report *rep);
void tli_checkstyle_document(tl_report *rep, const tl_result *res);
void tli_checkstyle_finish(tl_report *rep);
void tli_rdjson_start(tl_report *rep);
void tli_rdjson_document(tl_report *rep, const tl_result *res);
void tli_rdjson_finish(tl_report *rep);
void tli_gitlab_start(tl_report *rep);
void tli_gitlab_document(tl_report *rep, const tl_result *res);
void tli_gitlab_finish(tl_report *rep);
void tli_github_unused(tl_report *rep, const tl_result *res);
void tli_sarif_unused(tl_report *rep, const tl_result *res);
void tli_checkstyle_unused(tl_report *rep, const tl_result *res);
void tli_rdjson_unused(tl_report *rep, const tl_result *res);
/* "unused suppression 'ID' (matches no finding)", or of every rule; a
 * malloc'd string, NULL on out of memory. */
char *tli_unused_text(const tl_suppression *u);
void tli_html_start(tl_report *rep);
void tli_html_document(tl_report *rep, const tl_result *res);
void tli_html_finish(tl_report *rep);

#endif
