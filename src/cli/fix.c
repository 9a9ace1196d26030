/* fix.c: --fix, --diff and --fix-only (see fix.h). */
#include "fix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fix whose result holds another fix is applied too, pass after pass,
 * so a second run has nothing left to do; a rule set whose fixes keep
 * feeding each other is stopped here. */
#define MAX_PASSES 10

struct cli_fixer {
	const opts *o;
	int threaded;
	tl_scanner **own; /* by engine, when threaded */
	size_t own_count;
	size_t applied, skipped, files;
};

cli_fixer *cli_fixer_new(const opts *o, int threaded)
{
	cli_fixer *fx = calloc(1, sizeof *fx);
	if (fx) {
		fx->o = o;
		fx->threaded = threaded;
	}
	return fx;
}

static int name_matches(const opts *o, const tl_rule *r)
{
	for (size_t i = 0; i < o->fix_only_count; i++)
		if (strcmp(o->fix_only[i], tl_rule_id(r)) == 0 ||
		    strcmp(o->fix_only[i], tl_rule_category(r)) == 0)
			return 1;
	return 0;
}

int cli_fixer_check_names(const opts *o, tl_ruleset *const *sets, size_t n)
{
	for (size_t i = 0; i < o->fix_only_count; i++) {
		int found = 0;
		for (size_t s = 0; s < n && !found; s++) {
			for (size_t k = 0; k < tl_ruleset_count(sets[s]); k++) {
				const tl_rule *r = tl_ruleset_rule(sets[s], k);
				if (strcmp(o->fix_only[i], tl_rule_id(r)) ==
					    0 ||
				    strcmp(o->fix_only[i],
					   tl_rule_category(r)) == 0) {
					found = 1;
					break;
				}
			}
		}
		if (!found) {
			fprintf(stderr,
				"tonelint: --fix-only: no rule or category "
				"named '%s'\n",
				o->fix_only[i]);
			return -1;
		}
	}
	return 0;
}

static int selected(const tl_finding *f, void *payload)
{
	const opts *o = payload;
	return o->fix_only_count == 0 || name_matches(o, f->rule);
}

static tl_scanner *scanner_for(cli_fixer *fx, size_t engine, tl_ruleset *rs,
			       tl_scanner *shared)
{
	if (!fx->threaded)
		return shared;
	if (engine >= fx->own_count) {
		tl_scanner **p =
			realloc(fx->own, (engine + 1) * sizeof *fx->own);
		if (!p)
			return NULL;
		memset(p + fx->own_count, 0,
		       (engine + 1 - fx->own_count) * sizeof *p);
		fx->own = p;
		fx->own_count = engine + 1;
	}
	if (!fx->own[engine]) {
		if (tl_scanner_new(&fx->own[engine], rs))
			return NULL;
		tl_scanner_set_prefilter(fx->own[engine], !fx->o->no_prefilter);
	}
	return fx->own[engine];
}

/* Lints the current fixed text: *doc2 and *res2, filtered. */
static tl_status relint(const tl_fix *f, const tl_document *orig,
			tl_scanner *sc, cli_refilter refilter, void *payload,
			tl_document **doc2, tl_result **res2)
{
	size_t len;
	const char *src = tl_fix_source(f, &len);
	*res2 = NULL;
	tl_status st =
		tl_document_from_buffer(doc2, tl_document_name(orig), src, len,
					tl_document_format(orig));
	/* The fixed text is the same document: the kind a configuration
	 * gave it still holds. */
	tl_stage stage;
	tl_kind_source from;
	tl_kind kind = tl_document_kind(orig, &stage, &from);
	if (!st && from == TL_KIND_FROM_CONFIG)
		tl_document_set_kind(*doc2, kind, stage);
	if (!st)
		st = tl_scanner_scan(sc, *doc2, res2);
	if (!st)
		st = refilter(*res2, payload);
	return st;
}

static void print_notes(const cli_fixer *fx, const tl_fix *f, const char *name,
			int written)
{
	for (size_t i = 0; i < tl_fix_outcome_count(f); i++) {
		const tl_fix_outcome *oc = tl_fix_outcome_at(f, i);
		if (oc->applied)
			continue;
		unsigned line = oc->finding->line, col = oc->finding->column;
		/* After --fix, point into the file as it now is. */
		if (written)
			tl_fix_locate(f, oc->finding->offset, &line, &col);
		fprintf(stderr, "%s:%u:%u: note: %s: fix %s: %s\n", name, line,
			col, tl_rule_id(oc->finding->rule),
			fx->o->diff ? "would not be applied" : "not applied",
			oc->note);
	}
}

int cli_fixer_run(cli_fixer *fx, const char *path, const char *name,
		  size_t engine, tl_ruleset *rs, tl_scanner *shared,
		  cli_refilter refilter, void *payload, tl_document **doc,
		  tl_result **res)
{
	const opts *o = fx->o;
	tl_fix *f = NULL;
	tl_document *doc2 = NULL;
	tl_result *res2 = NULL;
	int rc = -1;
	tl_scanner *sc = scanner_for(fx, engine, rs, shared);
	tl_status st =
		sc ? tl_fix_new(&f, *res, selected, (void *)o) : TL_ENOMEM;
	if (st)
		goto fail;
	size_t applied = tl_fix_applied(f);
	for (unsigned pass = 1; applied > 0; pass++) {
		tl_result_free(res2);
		tl_document_free(doc2);
		res2 = NULL;
		doc2 = NULL;
		if ((st = relint(f, *doc, sc, refilter, payload, &doc2, &res2)))
			goto fail;
		if (pass == MAX_PASSES) {
			fprintf(stderr,
				"tonelint: %s: warning: the fixes still "
				"change the text after %d passes; stopped\n",
				name, MAX_PASSES);
			break;
		}
		if ((st = tl_fix_again(f, res2, &applied)))
			goto fail;
	}
	int changed = tl_fix_applied(f) > 0;
	if (changed && o->fix && strcmp(path, "-") == 0) {
		fprintf(stderr,
			"tonelint: %s: error: --fix cannot rewrite standard "
			"input; use --diff\n",
			name);
		print_notes(fx, f, name, 0);
		goto out;
	}
	if (changed && o->diff) {
		fflush(stdout);
		if ((st = tl_fix_write_diff(f, stdout, name)))
			goto fail;
	}
	if (changed && o->fix) {
		char why[512];
		st = tl_fix_write_file(f, path, why, sizeof why);
		if (st) {
			fprintf(stderr, "tonelint: %s: error: %s\n", name,
				why[0] ? why : tl_strerror(st));
			print_notes(fx, f, name, 0);
			goto out;
		}
	}
	print_notes(fx, f, name, changed && o->fix);
	for (size_t i = 0; i < tl_fix_outcome_count(f); i++)
		fx->skipped += !tl_fix_outcome_at(f, i)->applied;
	fx->applied += tl_fix_applied(f);
	fx->files += changed;
	if (changed && o->fix) {
		/* The report shows the file as it now is. */
		tl_fix_free(f);
		f = NULL;
		tl_result_free(*res);
		tl_document_free(*doc);
		*doc = doc2;
		*res = res2;
		doc2 = NULL;
		res2 = NULL;
	}
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "tonelint: %s: error: %s\n", name, tl_strerror(st));
out:
	tl_fix_free(f);
	tl_result_free(res2);
	tl_document_free(doc2);
	return rc;
}

int cli_fixer_summary(const cli_fixer *fx)
{
	const char *s = fx->applied == 1 ? "" : "es";
	if (fx->o->diff)
		fprintf(stderr, "tonelint: %zu fix%s to apply in %zu file%s",
			fx->applied, s, fx->files, fx->files == 1 ? "" : "s");
	else
		fprintf(stderr, "tonelint: applied %zu fix%s in %zu file%s",
			fx->applied, s, fx->files, fx->files == 1 ? "" : "s");
	if (fx->skipped)
		fprintf(stderr, "; %zu not applied (see the notes above)",
			fx->skipped);
	fputc('\n', stderr);
	return fx->files > 0;
}

void cli_fixer_free(cli_fixer *fx)
{
	if (!fx)
		return;
	for (size_t i = 0; i < fx->own_count; i++)
		tl_scanner_free(fx->own[i]);
	free(fx->own);
	free(fx);
}
