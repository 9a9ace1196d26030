/* config.h: the configuration handle shared by config.c and
 * result_filter.c. */
#ifndef TL_CONFIG_H
#define TL_CONFIG_H

#include "docrules.h"
#include "internal.h"

/* The keys a configuration file and each of its overrides may carry. */
typedef struct tli_cfg_entry {
	char **files; /* overrides only: the globs that select files */
	size_t file_count;
	char **rules; /* rule packs, made absolute */
	size_t rule_count;
	char **disable; /* rule ids or categories */
	size_t disable_count;
	char **sev_keys; /* rule id or category -> sev_vals[i] */
	tl_severity *sev_vals;
	size_t sev_count;
	int has_fail_on, fail_on;
	int has_max_warnings;
	long max_warnings;
	char **ignore;
	size_t ignore_count;
	/* What the files are (NONE: not said), and tone budgets by kind. */
	tl_kind kind;
	tl_stage stage;
	tli_selector *budget_sel;
	int *budget_val;
	size_t budget_count;
} tli_cfg_entry;

/* One file. */
typedef struct tli_cfg_layer {
	char *name; /* as errors call it */
	char *dir;  /* absolute, normalised: globs are relative to it */
	int root;
	tli_cfg_entry top;
	tli_cfg_entry *overrides;
	size_t override_count;
} tli_cfg_layer;

struct tl_config {
	tli_cfg_layer *layers; /* farthest first */
	size_t count;
	tli_errinfo err;
};

/* Does entry `e` of layer `l` apply to the file at absolute path `abs`?
 * The top level applies to every file; an override when a glob matches.
 * -1 on out of memory. */
int tli_cfg_applies(const tli_cfg_layer *l, const tli_cfg_entry *e,
		    const char *abs);

#endif
