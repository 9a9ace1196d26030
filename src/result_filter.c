/*
 * result_filter.c: the configuration's per-file view of a result, applied
 * after scanning: disabled rules dropped, severities remapped, then the
 * minimum severity. After remapping, not before, so that raising a
 * suggestion to a warning lets it through --min-severity warning.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "glob.h"
#include "result.h"

/* What the configuration says about one rule for one file. */
typedef struct verdict {
	int disabled;
	int sev_by_id, sev_by_category; /* 0: unset */
} verdict;

static void judge(const tli_cfg_entry *e, const tl_rule *r, verdict *v)
{
	for (size_t i = 0; i < e->disable_count; i++)
		if (strcmp(e->disable[i], r->id) == 0 ||
		    strcmp(e->disable[i], r->category) == 0)
			v->disabled = 1;
	for (size_t i = 0; i < e->sev_count; i++) {
		if (strcmp(e->sev_keys[i], r->id) == 0)
			v->sev_by_id = (int)e->sev_vals[i];
		else if (strcmp(e->sev_keys[i], r->category) == 0)
			v->sev_by_category = (int)e->sev_vals[i];
	}
}

tl_status tl_result_apply_config(tl_result *res, const tl_config *cfg,
				 const char *path, tl_severity min)
{
	if (!path)
		path = res->doc->name;
	char *abs = tli_path_absolute(NULL, path);
	if (!abs)
		return TL_ENOMEM;
	/* Which entries apply does not depend on the finding: decide once. */
	size_t total = 0;
	for (size_t i = 0; i < cfg->count; i++)
		total += 1 + cfg->layers[i].override_count;
	const tli_cfg_entry **on = malloc((total ? total : 1) * sizeof *on);
	if (!on) {
		free(abs);
		return TL_ENOMEM;
	}
	size_t n = 0;
	for (size_t i = 0; i < cfg->count; i++) {
		const tli_cfg_layer *l = &cfg->layers[i];
		for (size_t j = 0; j <= l->override_count; j++) {
			const tli_cfg_entry *e =
				j == 0 ? &l->top : &l->overrides[j - 1];
			int m = tli_cfg_applies(l, e, abs);
			if (m < 0) {
				free(on);
				free(abs);
				return TL_ENOMEM;
			}
			if (m)
				on[n++] = e;
		}
	}
	free(abs);
	size_t kept = 0;
	for (size_t i = 0; i < res->count; i++) {
		tl_finding f = res->findings[i];
		verdict v = {0, 0, 0};
		for (size_t k = 0; k < n; k++)
			judge(on[k], f.rule, &v);
		if (v.disabled)
			continue;
		if (v.sev_by_id)
			f.severity = (tl_severity)v.sev_by_id;
		else if (v.sev_by_category)
			f.severity = (tl_severity)v.sev_by_category;
		if (f.severity < min)
			continue;
		res->findings[kept++] = f;
	}
	res->count = kept;
	free(on);
	return TL_OK;
}
