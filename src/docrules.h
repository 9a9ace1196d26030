/*
 * docrules.h: rules that judge a whole document or one part of it
 * (required content, limits on a count, metrics of the prose), and the
 * kinds and stages that choose which rules apply and how severe they are
 * (docs/rules.md, "Document rules" and "Kinds and stages").
 */
#ifndef TL_DOCRULES_H
#define TL_DOCRULES_H

#include "internal.h"
#include "yamldoc.h"

/* "reminder", "reminder:final", "all" (budgets), "none" (no kind). */
typedef struct tli_selector {
	int any; /* "all": every document with a kind */
	tl_kind kind;
	tl_stage stage; /* NONE: any stage */
} tli_selector;

/* Parses a selector. TL_EINVAL with a one-line reason in why. */
tl_status tli_selector_parse(tli_selector *out, const char *s, char *why,
			     size_t why_size);
/* How well a selector fits a document: 0 not at all, 1 "all", 2 by kind,
 * 3 by kind and stage. */
int tli_selector_fit(const tli_selector *sel, tl_kind kind, tl_stage stage);

/* `when` and `severity_by` of a rule. */
typedef struct tli_cond {
	tli_selector *when; /* empty: every document */
	size_t when_count;
	tli_selector *sev_sel; /* the most specific fit wins */
	tl_severity *sev_val;
	size_t sev_count;
} tli_cond;

enum { TLI_CHECK_REQUIRED, TLI_CHECK_LIMIT, TLI_CHECK_METRIC };
enum { TLI_PART_DOCUMENT, TLI_PART_SUBJECT, TLI_PART_BODY };
enum {
	TLI_METRIC_SENTENCE_LENGTH,
	TLI_METRIC_PASSIVE,
	TLI_METRIC_READING_EASE
};

typedef struct tli_docrule {
	int check;
	int part;
	pcre2_code **patterns; /* required, limit */
	size_t pattern_count;
	size_t pattern_base; /* slot of patterns[0] in the set (tli_match) */
	int metric;
	int has_max, has_min;
	double max, min;
	int per_words; /* limit: per 100 words rather than per document */
} tli_docrule;

/*
 * Loading (docrule_load.c), called by rules_load.c for the keys below with
 * the rule's mapping node. `keys` are the rule's key nodes by name, NULL
 * when absent. Errors are set in `err` as file:line:col, prefixed with the
 * rule id. TL_ERULE or TL_ENOMEM.
 */
typedef struct tli_dockeys {
	const tli_ynode *check, *when, *severity_by, *part, *max, *min, *per,
		*metric;
} tli_dockeys;
tl_status tli_docrule_load(tl_rule *r, const tli_dockeys *k,
			   const tli_ynode *id_node, const char *file,
			   tli_errinfo *err);
/* An example item of a document rule: text, or a mapping with text, kind,
 * stage and format. */
tl_status tli_docrule_example(tl_rule *r, const tli_ynode *item,
			      tli_example *ex, const char *file,
			      tli_errinfo *err);
void tli_cond_free(tli_cond *c);
void tli_docrule_free(tli_docrule *d);

/* Measures the prose of `texts` (metrics.c). */
void tli_measure(const tli_text *const *texts, size_t n, tl_metrics *out);

/* The kind of doc and where it came from (dockind.c). */
tl_kind tli_document_kind(const tl_document *doc, tl_stage *stage,
			  tl_kind_source *source);

/*
 * After the phrase rules have run over doc into res (scanner.c): decides the
 * document's kind and stage, drops the findings of rules whose `when` does
 * not fit it, sets severities by `severity_by` (dropping those then below
 * `min`), runs the document rules that apply and measures the prose.
 * `seen`, called at most once, when a document rule is first about to
 * search doc's texts, gives (NULL: not known) per code slot marked in
 * rs->slot_lits whether one of its literals occurs in them: one that does
 * not is not searched in them. TL_OK or TL_ENOMEM.
 */
typedef const unsigned char *(*tli_seen_fn)(void *payload);
tl_status tli_docrules_apply(const tl_ruleset *rs, tl_result *res,
			     const tl_document *doc, tl_severity min,
			     tli_seen_fn seen, void *payload);

/* Runs one document rule of the frozen set rs alone on doc judged as
 * kind/stage; *count receives its findings (examples.c). */
tl_status tli_docrule_count(const tl_ruleset *rs, const tl_rule *r,
			    const tl_document *doc, size_t *count);

#endif
