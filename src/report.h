/* report.h: the report handle shared by the output formats. */
#ifndef TL_REPORT_H
#define TL_REPORT_H

#include "internal.h"

typedef struct tli_doc_summary {
	char *name;
	size_t words, findings;
	int score;
} tli_doc_summary;

typedef struct tli_count {
	char *name;
	size_t n;
} tli_count;

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
};

/* Each format writes one document's findings, and its closing. */
void tli_text_document(tl_report *rep, const tl_result *res);
void tli_text_finish(tl_report *rep);
void tli_json_start(tl_report *rep);
void tli_json_document(tl_report *rep, const tl_result *res);
void tli_json_finish(tl_report *rep);

#endif
