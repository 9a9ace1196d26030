/*
 * lint.c: one run of the command over its inputs: which configuration and
 * rules apply to each file, scanning, filtering (configuration, baseline),
 * the report and the exit status. Everything that can be wrong with the
 * configuration or the rules is found before the first file is read, so a
 * broken setting never leaves half a report.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fix.h"
#include "git.h"
#include "opts.h"
#include "output.h"
#include "pool.h"
#include "split.h"
#include "walk.h"

/* A rule set and its scanner, for one list of extra rule packs. */
typedef struct engine {
	char *key; /* the packs, joined by '\n' */
	tl_ruleset *rs;
	tl_scanner *sc;
} engine;

/* The configuration discovered for the files of one folder. */
typedef struct dircfg {
	char *dir;
	tl_config *cfg;
} dircfg;

/* What applies to one input. */
typedef struct plan {
	const char *name; /* what findings and globs call it */
	/* its absolute path, which the configuration's globs are matched
	 * against (owned): made once here, or each call would ask the
	 * system for the current folder (run.cwd) */
	char *where;
	const tl_config *cfg;
	tl_fail_policy fail;
	int ignored;
	size_t engine;
	tl_kind kind; /* from the configuration; NONE: not said */
	tl_stage stage;
} plan;

typedef struct run {
	const opts *o;
	tl_config *fixed; /* --config or --no-config: for every file */
	dircfg *dirs;
	size_t dir_count;
	engine *engines;
	size_t engine_count;
	char *cwd; /* the current folder, NULL if it cannot be told */
} run;

/* The configuration for a file; NULL after reporting a failure. */
static const tl_config *config_for(run *r, const char *path)
{
	if (r->fixed)
		return r->fixed;
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) : 0;
	for (size_t i = 0; i < r->dir_count; i++)
		if (strlen(r->dirs[i].dir) == dlen &&
		    strncmp(r->dirs[i].dir, path, dlen) == 0)
			return r->dirs[i].cfg;
	dircfg *p = realloc(r->dirs, (r->dir_count + 1) * sizeof *p);
	if (!p) {
		cli_oom();
		return NULL;
	}
	r->dirs = p;
	dircfg *d = &r->dirs[r->dir_count];
	d->dir = strndup(path, dlen);
	d->cfg = NULL;
	if (!d->dir || tl_config_new(&d->cfg)) {
		free(d->dir);
		tl_config_free(d->cfg);
		cli_oom();
		return NULL;
	}
	tl_status st = tl_config_add_discovered(d->cfg, path, NULL);
	if (st) {
		cli_print_error(tl_config_error(d->cfg), st, "configuration");
		free(d->dir);
		tl_config_free(d->cfg);
		return NULL;
	}
	r->dir_count++;
	return d->cfg;
}

/* Is this configuration pack one the command line names too? Then the
 * command line's copy is the one loaded. */
static int named_on_command_line(const opts *o, const char *pack)
{
	struct stat a, b;
	if (stat(pack, &a) != 0)
		return 0;
	for (size_t i = 0; i < o->rule_count; i++)
		if (stat(o->rules[i], &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return 1;
	return 0;
}

/* The engine for a list of configuration packs; -1 after reporting. */
static long engine_for(run *r, const tl_file_settings *s)
{
	size_t klen = 1;
	for (size_t i = 0; i < s->rule_pack_count; i++)
		klen += strlen(s->rule_packs[i]) + 1;
	char *key = malloc(klen);
	if (!key) {
		cli_oom();
		return -1;
	}
	key[0] = '\0';
	for (size_t i = 0; i < s->rule_pack_count; i++) {
		strcat(key, s->rule_packs[i]);
		strcat(key, "\n");
	}
	for (size_t i = 0; i < r->engine_count; i++) {
		if (strcmp(r->engines[i].key, key) == 0) {
			free(key);
			return (long)i;
		}
	}
	engine e = {key, NULL, NULL};
	const opts *o = r->o;
	tl_status st = tl_ruleset_new(&e.rs);
	if (st)
		goto fail;
	if (!o->no_default && (st = tl_ruleset_add_default(e.rs))) {
		cli_print_rule_error(e.rs, st, "built-in rules");
		goto fail;
	}
	for (size_t i = 0; i < s->rule_pack_count; i++) {
		if (named_on_command_line(o, s->rule_packs[i]))
			continue;
		/* A configuration file may come from the repository being
		 * linted: the packs it names must be inside the folder the
		 * command runs in (SECURITY.md). */
		if ((st = tl_ruleset_add_path_within(e.rs, s->rule_packs[i],
						     "."))) {
			cli_print_rule_error(e.rs, st, s->rule_packs[i]);
			goto fail;
		}
	}
	for (size_t i = 0; i < o->rule_count; i++) {
		if ((st = tl_ruleset_add_path(e.rs, o->rules[i]))) {
			cli_print_rule_error(e.rs, st, o->rules[i]);
			goto fail;
		}
	}
	if ((st = tl_scanner_new(&e.sc, e.rs)))
		goto fail;
	tl_scanner_set_prefilter(e.sc, !o->no_prefilter);
	engine *p = realloc(r->engines, (r->engine_count + 1) * sizeof *p);
	if (!p) {
		st = TL_ENOMEM;
		goto fail;
	}
	r->engines = p;
	r->engines[r->engine_count] = e;
	return (long)r->engine_count++;
fail:
	if (st == TL_ENOMEM)
		cli_oom();
	tl_scanner_free(e.sc);
	tl_ruleset_free(e.rs);
	free(e.key);
	return -1;
}

static void run_free(run *r)
{
	free(r->cwd);
	tl_config_free(r->fixed);
	for (size_t i = 0; i < r->dir_count; i++) {
		free(r->dirs[i].dir);
		tl_config_free(r->dirs[i].cfg);
	}
	free(r->dirs);
	for (size_t i = 0; i < r->engine_count; i++) {
		tl_scanner_free(r->engines[i].sc);
		tl_ruleset_free(r->engines[i].rs);
		free(r->engines[i].key);
	}
	free(r->engines);
}

/* Settings for one path, with the command line over the configuration. */
static int plan_for(run *r, const char *name, plan *pl)
{
	const opts *o = r->o;
	pl->name = name;
	size_t dl = name[0] != '/' && r->cwd ? strlen(r->cwd) + 1 : 0;
	pl->where = malloc(dl + strlen(name) + 1);
	if (!pl->where) {
		cli_oom();
		return -1;
	}
	if (dl) {
		memcpy(pl->where, r->cwd, dl - 1);
		pl->where[dl - 1] = '/';
	}
	strcpy(pl->where + dl, name);
	pl->cfg = config_for(r, name);
	if (!pl->cfg)
		return -1;
	tl_file_settings s;
	tl_status st = tl_config_resolve(pl->cfg, pl->where, &s);
	if (st) {
		cli_oom();
		return -1;
	}
	pl->fail = s.fail;
	if (o->fail_on >= 0)
		pl->fail.fail_on = o->fail_on;
	if (o->max_warnings >= 0)
		pl->fail.max_warnings = o->max_warnings;
	pl->ignored = s.ignored;
	pl->kind = s.kind;
	pl->stage = s.stage;
	if (o->kind) { /* the command line over the configuration */
		pl->kind = o->kind;
		pl->stage = o->stage;
	}
	long e = pl->ignored ? 0 : engine_for(r, &s);
	tl_file_settings_clear(&s);
	if (e < 0)
		return -1;
	pl->engine = (size_t)e;
	return 0;
}

/* A file met while walking a folder is skipped when it looks binary: a NUL
 * byte in its first 8 KiB, as grep and git decide. */
static int looks_binary(const tl_document *doc)
{
	size_t len;
	const char *src = tl_document_source(doc, &len);
	return memchr(src, '\0', len < 8192 ? len : 8192) != NULL;
}

static int is_regular(const char *path)
{
	struct stat sb;
	return lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Reads one input into a document. Returns 0, or -1 after reporting; or,
 * when `whole_max` is not 0 and the file is larger (a file too large to
 * read whole), 1 without reporting. */
static int read_input(const opts *o, const cli_input *ci, const char *name,
		      tl_document **doc, FILE *err, size_t whole_max)
{
	tl_limits limits = {o->max_file_size};
	if (whole_max && o->max_file_size && o->max_file_size <= whole_max)
		whole_max = 0; /* the user's limit comes first */
	if (whole_max)
		limits.max_file_size = whole_max;
	char why[256] = "";
	tl_status st;
	if (o->staged) {
		char *data;
		size_t len;
		if (cli_git_staged_blob(ci->path, &data, &len) != 0) {
			fprintf(err,
				"tonelint: %s: error: cannot read the staged "
				"content\n",
				name);
			return -1;
		}
		size_t max = o->max_file_size ? o->max_file_size
					      : (size_t)256 * 1024 * 1024;
		if (len > max) {
			fprintf(err,
				"tonelint: %s: error: larger than the limit "
				"of %zu bytes\n",
				name, max);
			free(data);
			return -1;
		}
		st = tl_document_from_buffer(doc, name, data, len,
					     o->input_format);
		free(data);
	} else if (strcmp(ci->path, "-") == 0) {
		st = tl_document_from_stream(doc, stdin, name, o->input_format,
					     &limits, why, sizeof why);
	} else {
		st = tl_document_from_file(doc, ci->path, NULL, o->input_format,
					   &limits, why, sizeof why);
	}
	if (st == TL_ELIMIT && whole_max)
		return 1;
	if (st) {
		fprintf(err, "tonelint: %s: error: %s\n", name,
			why[0] ? why : tl_strerror(st));
		return -1;
	}
	return 0;
}

static int collect_inputs(const opts *o, cli_inputs *in)
{
	if (o->staged || o->changed_since) {
		int rc = cli_git_changed(in, o->staged, o->changed_since,
					 o->paths, o->path_count);
		if (rc == -2)
			cli_oom();
		if (rc)
			return -1;
		/* git also lists symbolic links and submodules. */
		size_t kept = 0;
		for (size_t i = 0; i < in->count; i++) {
			if (o->staged || is_regular(in->items[i].path))
				in->items[kept++] = in->items[i];
			else
				free(in->items[i].path);
		}
		in->count = kept;
		return 0;
	}
	for (size_t i = 0; i < o->path_count; i++) {
		if (cli_walk(in, o->paths[i])) {
			cli_oom();
			return -1;
		}
	}
	return 0;
}

static int write_baseline(const char *path, const tl_baseline *bl)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "tonelint: %s: error: %s\n", path,
			strerror(errno));
		return -1;
	}
	tl_status st = tl_baseline_write(bl, f);
	if (fclose(f) != 0 || st) {
		fprintf(stderr,
			"tonelint: %s: error: cannot write the "
			"baseline\n",
			path);
		return -1;
	}
	fprintf(stderr, "tonelint: wrote %zu finding%s to the baseline %s\n",
		tl_baseline_count(bl), tl_baseline_count(bl) == 1 ? "" : "s",
		path);
	return 0;
}

/* What a worker leaves for the reporting thread: the document and its
 * result, and what it had to say on stderr, printed in input order. */
typedef struct slot {
	tl_document *doc;
	tl_result *res;
	char *err;
	size_t errlen;
	int failed;
	int pieces; /* left for the reporting thread to read in pieces */
} slot;

/* A worker's stream for what a file has to say on stderr, reused from file
 * to file: open_memstream clears a buffer of BUFSIZ each time, and opening
 * one for each file took 13% of the instructions on a folder of 5,000
 * mails. */
typedef struct err_stream {
	FILE *f;
	char *buf;
	size_t len;
} err_stream;

typedef struct lint_ctx {
	const opts *o;
	run *r;
	const cli_inputs *in;
	const plan *plans;
	tl_scanner **scanners; /* worker w, engine e: [w * engines + e] */
	unsigned jobs;
	slot *slots;
	tl_report *rep;
	tl_baseline *baseline, *record;
	int trouble;
	cli_fixer *fixer; /* --fix, --diff */
	tl_scanner **own; /* the reporting thread's, per engine (pieces) */
	/* the other workers' for pieces, [w * engines + e] as `scanners`,
	 * made on first use: a file's pieces are scanned while the pool's
	 * workers go on with the next files */
	unsigned split_jobs;
	tl_scanner **split_sc;
	err_stream *errs; /* per worker (the reporting thread is worker 0) */
} lint_ctx;

static tl_scanner *scanner_of(const lint_ctx *c, unsigned worker, size_t e)
{
	return worker == 0
		       ? c->r->engines[e].sc
		       : c->scanners[(size_t)worker * c->r->engine_count + e];
}

/* Worker 0 uses the engines' scanners; each other worker gets its own,
 * since a scanner belongs to one thread. */
static int start_workers(lint_ctx *c)
{
	const opts *o = c->o;
	unsigned jobs = o->jobs ? o->jobs : cli_pool_cores();
	c->split_jobs = jobs;
	c->split_sc = calloc((size_t)jobs * (c->r->engine_count + 1),
			     sizeof *c->split_sc);
	if (!c->split_sc)
		return -1;
	if (jobs > c->in->count)
		jobs = c->in->count ? (unsigned)c->in->count : 1;
	c->jobs = jobs;
	c->slots = calloc(c->in->count ? c->in->count : 1, sizeof *c->slots);
	c->scanners = calloc((size_t)jobs * (c->r->engine_count + 1),
			     sizeof *c->scanners);
	c->errs = calloc(jobs, sizeof *c->errs);
	if (!c->slots || !c->scanners || !c->errs)
		return -1;
	for (unsigned w = 1; w < jobs; w++) {
		for (size_t e = 0; e < c->r->engine_count; e++) {
			tl_scanner **sc =
				&c->scanners[(size_t)w * c->r->engine_count +
					     e];
			if (tl_scanner_new(sc, c->r->engines[e].rs))
				return -1;
			tl_scanner_set_prefilter(*sc, !o->no_prefilter);
		}
	}
	return 0;
}

static void stop_workers(lint_ctx *c)
{
	for (size_t i = 0;
	     c->scanners && i < (size_t)c->jobs * (c->r->engine_count + 1); i++)
		tl_scanner_free(c->scanners[i]);
	free(c->scanners);
	for (size_t i = 0; c->split_sc &&
			   i < (size_t)c->split_jobs * (c->r->engine_count + 1);
	     i++)
		tl_scanner_free(c->split_sc[i]);
	free(c->split_sc);
	for (unsigned w = 0; c->errs && w < c->jobs; w++) {
		if (c->errs[w].f)
			fclose(c->errs[w].f);
		free(c->errs[w].buf);
	}
	free(c->errs);
	free(c->slots);
	for (size_t e = 0; c->own && e < c->r->engine_count; e++)
		tl_scanner_free(c->own[e]);
	free(c->own);
}

/* The reporting thread's scanner for engine e, made on first use; NULL on
 * out of memory. */
static tl_scanner *own_scanner(lint_ctx *c, size_t e)
{
	if (!c->own &&
	    !(c->own = calloc(c->r->engine_count + 1, sizeof *c->own)))
		return NULL;
	if (!c->own[e]) {
		if (tl_scanner_new(&c->own[e], c->r->engines[e].rs))
			return NULL;
		tl_scanner_set_prefilter(c->own[e], !c->o->no_prefilter);
	}
	return c->own[e];
}

/* Among several files, the size over which one is read in pieces unless
 * --piece-size says (wants_pieces). */
#define PIECES_AMONG_MANY ((uintmax_t)8 << 20)

/*
 * Is input i one to read in pieces (pieces.c), on the reporting thread as
 * its turn comes, so that only one piece of one large file is held at a
 * time? A plain-text file or a mailbox larger than two pieces (or
 * PIECES_AMONG_MANY), when nothing needs the whole document at once: --fix and
 * --diff rewrite it, baselines number repeated findings within a file, a kind
 * brings document rules, and some formats wrap or fingerprint a document's
 * findings (tl_report_takes_pieces). Whether it is plain text or a mailbox,
 * tl_pieces_open decides.
 *
 * 1: yes; 0: no; -1: a file found in a folder, of a size not known yet:
 * read it whole if it is no larger than that (returned as the bound),
 * which its reading tells without a stat of its own.
 */
static int wants_pieces(const lint_ctx *c, size_t i, size_t *bound)
{
	const opts *o = c->o;
	const cli_input *ci = &c->in->items[i];
	if (o->staged || strcmp(ci->path, "-") == 0 || c->fixer ||
	    c->baseline || c->record || !c->rep ||
	    !tl_report_takes_pieces(c->rep) || c->plans[i].kind ||
	    (o->input_format != TL_FORMAT_AUTO &&
	     o->input_format != TL_FORMAT_TEXT &&
	     o->input_format != TL_FORMAT_MBOX))
		return 0;
	/* A file that its name says is HTML or a template is read whole on a
	 * worker; one that may be text or mail, tl_pieces_open opens and
	 * tells by its bytes (any other is read whole after all, on the
	 * reporting thread), and reads whole if no larger than two pieces. */
	tl_format named = o->input_format == TL_FORMAT_AUTO
				  ? tl_format_of_name(ci->path)
				  : o->input_format;
	if (named != TL_FORMAT_AUTO && named != TL_FORMAT_TEXT &&
	    named != TL_FORMAT_MBOX)
		return 0;
	/* Over two pieces: tl_pieces_open reads a file no larger whole.
	 * Among several files, by default, only over PIECES_AMONG_MANY: one
	 * of a few megabytes is read whole on a worker of its own while the
	 * others read theirs, which beats spreading its few pieces (a folder
	 * of 3 MB files took 1.27x the time in pieces at -j2). */
	uintmax_t over = o->piece_size	    ? 2 * (uintmax_t)o->piece_size
			 : c->in->count > 1 ? PIECES_AMONG_MANY
					    : 2 * (uintmax_t)TL_PIECES_WINDOW;
	if (ci->sized) /* as walked */
		return ci->size > over;
	if (ci->from_walk && over <= SIZE_MAX) {
		*bound = (size_t)over;
		return -1;
	}
	struct stat sb;
	return stat(ci->path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       (uintmax_t)sb.st_size > over;
}

/* Reads and scans input i whole with sc; if it is larger than `whole_max`
 * (0: no bound), it is left to be read in pieces (slot.pieces). */
static void scan_whole(lint_ctx *c, size_t i, unsigned worker, tl_scanner *sc,
		       size_t whole_max)
{
	slot *s = &c->slots[i];
	const cli_input *ci = &c->in->items[i];
	const plan *pl = &c->plans[i];
	err_stream *es = &c->errs[worker];
	if (!es->f)
		es->f = open_memstream(&es->buf, &es->len);
	/* out of memory: order is the least worry */
	FILE *err = es->f ? es->f : stderr;
	int rc = read_input(c->o, ci, pl->name, &s->doc, err, whole_max);
	if (rc == 1) {
		s->pieces = 1;
		goto out;
	}
	if (rc) {
		s->failed = 1;
		goto out;
	}
	for (size_t k = 0; k < tl_document_warning_count(s->doc); k++) {
		const tl_error *w = tl_document_warning(s->doc, k);
		fprintf(err, "%s:%u:%u: warning: %s\n", w->file, w->line,
			w->column, w->message);
	}
	if (ci->from_walk && looks_binary(s->doc)) {
		tl_document_free(s->doc);
		s->doc = NULL;
		goto out;
	}
	tl_document_set_kind(s->doc, pl->kind, pl->stage);
	tl_status st = tl_scanner_scan(sc, s->doc, &s->res);
	if (st) {
		fprintf(err, "tonelint: %s: error: %s\n", pl->name,
			tl_strerror(st));
		s->failed = 1;
		goto out;
	}
	for (size_t k = 0; k < tl_result_diagnostic_count(s->res); k++)
		fprintf(err, "tonelint: %s: warning: %s\n", pl->name,
			tl_result_diagnostic(s->res, k));
out:
	/* what was said, for the reporting thread (nothing when the file is
	 * left to be read in pieces) */
	if (err != stderr) {
		if (fflush(err) == 0 && es->len && !s->pieces) {
			s->err = malloc(es->len);
			if (s->err) {
				memcpy(s->err, es->buf, es->len);
				s->errlen = es->len;
			} else {
				fwrite(es->buf, 1, es->len, stderr);
			}
		}
		rewind(err);
	}
}

/* On a worker: read and scan input i. */
static void lint_one(size_t i, unsigned worker, void *payload)
{
	lint_ctx *c = payload;
	const plan *pl = &c->plans[i];
	if (pl->ignored)
		return;
	size_t bound = 0;
	int pieces = wants_pieces(c, i, &bound);
	if (pieces == 1) {
		c->slots[i].pieces = 1;
		return;
	}
	scan_whole(c, i, worker, scanner_of(c, worker, pl->engine),
		   pieces < 0 ? bound : 0);
}

/* --report-unused-suppressions: one warning line per suppression id that
 * matched no finding. */
static void report_unused(FILE *out, const tl_result *res, const char *name)
{
	for (size_t k = 0; k < tl_result_unused_suppression_count(res); k++) {
		const tl_suppression *u = tl_result_unused_suppression(res, k);
		if (u->id)
			fprintf(out,
				"%s:%u:%u: warning: unused suppression '%s' "
				"(matches no finding)\n",
				name, u->line, u->column, u->id);
		else
			fprintf(out,
				"%s:%u:%u: warning: unused suppression of "
				"every rule (matches no finding)\n",
				name, u->line, u->column);
	}
}

/* One file read in pieces (report_pieces), as cli_split_run's payload. */
typedef struct piece_run {
	lint_ctx *c;
	const cli_input *ci;
	const plan *pl;
	FILE *diags, *unused;
	int started;
	int whole; /* to be read whole after all */
} piece_run;

/* Worker w's scanner for the file's engine. */
static tl_scanner *piece_scanner(unsigned w, void *payload)
{
	piece_run *pr = payload;
	lint_ctx *c = pr->c;
	size_t e = pr->pl->engine;
	if (w == 0)
		return own_scanner(c, e);
	tl_scanner **sc = &c->split_sc[(size_t)w * c->r->engine_count + e];
	if (!*sc) {
		if (tl_scanner_new(sc, c->r->engines[e].rs))
			return NULL;
		tl_scanner_set_prefilter(*sc, !c->o->no_prefilter);
	}
	return *sc;
}

/* Reports one piece's result, in file order. */
static tl_status report_piece(tl_result *res, int *stop, void *payload)
{
	piece_run *pr = payload;
	lint_ctx *c = pr->c;
	const plan *pl = pr->pl;
	const tl_document *doc = tl_result_document(res);
	if (!pr->started) {
		if (tl_result_kind(res, NULL, NULL)) {
			pr->whole = 1;
			*stop = 1;
			return TL_OK;
		}
		size_t len;
		const char *src = tl_document_source(doc, &len);
		if (pr->ci->from_walk &&
		    memchr(src, '\0', len < 8192 ? len : 8192)) {
			*stop = 1; /* binary: skipped, as looks_binary */
			return TL_OK;
		}
	}
	for (size_t k = 0; k < tl_document_warning_count(doc); k++) {
		const tl_error *w = tl_document_warning(doc, k);
		fprintf(stderr, "%s:%u:%u: warning: %s\n", w->file, w->line,
			w->column, w->message);
	}
	for (size_t k = 0; k < tl_result_diagnostic_count(res); k++)
		fprintf(pr->diags, "tonelint: %s: warning: %s\n", pl->name,
			tl_result_diagnostic(res, k));
	/* Suppression comments (a mailbox's HTML parts), then the
	 * configuration, as report_one does. */
	tl_status st = tl_result_apply_suppressions(res, NULL);
	if (!st && c->o->report_unused)
		report_unused(pr->unused, res, pl->name);
	if (!st)
		st = tl_result_apply_config(res, pl->cfg, pl->where, c->o->min);
	if (!st) {
		tl_report_set_fail_policy(c->rep, &pl->fail);
		st = tl_report_add_piece(c->rep, res);
		pr->started = 1;
	}
	return st;
}

/*
 * On the reporting thread: reads, scans and reports input i piece by piece,
 * each piece's findings written as its turn comes; the pieces are scanned
 * on as many workers as --jobs says, while the pool's other workers go on
 * with the next files. Returns 1 when the file is to be read whole after
 * all (not plain text or a mailbox, or it has a kind, which only the whole
 * document can be judged as; nothing is reported then), 0 when it was
 * reported, -1 after reporting a failure.
 *
 * Standard error reads as for the whole file: the reader's warnings as
 * they come (scan_whole writes them first), then the rules' diagnostics,
 * then unused suppressions (report_one), kept until the end.
 */
static int report_pieces(lint_ctx *c, size_t i)
{
	const opts *o = c->o;
	const plan *pl = &c->plans[i];
	tl_limits limits = {o->max_file_size};
	char why[256] = "";
	tl_pieces *p = NULL;
	int rc = -1;
	char *diag_text = NULL, *unused_text = NULL;
	size_t diag_len = 0, unused_len = 0;
	piece_run pr = {c, &c->in->items[i], pl, NULL, NULL, 0, 0};
	pr.diags = open_memstream(&diag_text, &diag_len);
	pr.unused = open_memstream(&unused_text, &unused_len);
	tl_status st = pr.diags && pr.unused
			       ? tl_pieces_open(&p, pr.ci->path, pl->name,
						o->input_format, &limits,
						o->piece_size, why, sizeof why)
			       : TL_ENOMEM;
	if (!st && !p) {
		rc = 1;
		goto out;
	}
	if (!st)
		st = cli_split_run(p, c->split_jobs, pl->kind, pl->stage,
				   piece_scanner, report_piece, &pr, why,
				   sizeof why);
	if (!st && pr.whole) {
		rc = 1;
		goto out;
	}
	if (!st && pr.started)
		st = tl_report_end_pieces(c->rep);
	if (st) {
		fprintf(pr.diags, "tonelint: %s: error: %s\n", pl->name,
			why[0] ? why : tl_strerror(st));
		/* Findings already written stay; the file counts as
		 * unreadable, so the run fails. */
		if (pr.started)
			tl_report_end_pieces(c->rep);
		tl_report_add_error(c->rep);
		c->trouble = 1;
		goto out;
	}
	rc = 0;
out:
	if (pr.diags)
		fclose(pr.diags);
	if (pr.unused)
		fclose(pr.unused);
	if (rc != 1) {
		if (diag_text)
			fwrite(diag_text, 1, diag_len, stderr);
		if (unused_text)
			fwrite(unused_text, 1, unused_len, stderr);
	}
	free(diag_text);
	free(unused_text);
	tl_pieces_free(p);
	return rc;
}

/* A result of a fixed text, filtered as report_one filters the first. */
typedef struct refilter_arg {
	const lint_ctx *c;
	const plan *pl;
} refilter_arg;

static tl_status refilter(tl_result *res, void *payload)
{
	const refilter_arg *a = payload;
	tl_status st = tl_result_apply_suppressions(res, NULL);
	if (!st)
		st = tl_result_apply_config(res, a->pl->cfg, a->pl->where,
					    a->c->o->min);
	if (!st && a->c->baseline)
		st = tl_baseline_filter(a->c->baseline, res, NULL);
	return st;
}

/* On the calling thread, in input order: filter and report input i. */
static int report_one(size_t i, void *payload)
{
	lint_ctx *c = payload;
	slot *s = &c->slots[i];
	const plan *pl = &c->plans[i];
	const opts *o = c->o;
	if (s->pieces) {
		int rc = report_pieces(c, i);
		if (rc == 1) { /* whole, after all */
			tl_scanner *sc = own_scanner(c, pl->engine);
			if (sc) {
				scan_whole(c, i, 0, sc, 0);
			} else {
				cli_oom();
				s->failed = 1;
			}
		}
		if (rc != 1) {
			memset(s, 0, sizeof *s);
			return 0;
		}
	}
	if (s->err) {
		fwrite(s->err, 1, s->errlen, stderr);
		free(s->err);
	}
	tl_status st = TL_OK;
	if (s->failed) {
		if (c->rep)
			tl_report_add_error(c->rep);
		c->trouble = 1;
	} else if (s->res) {
		/* Suppressions first: one is unused only if no rule found
		 * anything there, whatever the configuration then drops. */
		st = tl_result_apply_suppressions(s->res, NULL);
		if (!st && o->report_unused)
			report_unused(stderr, s->res, pl->name);
		if (!st)
			st = tl_result_apply_config(s->res, pl->cfg, pl->where,
						    o->min);
		if (!st && c->baseline)
			st = tl_baseline_filter(c->baseline, s->res, NULL);
		if (!st && c->record)
			st = tl_baseline_add(c->record, s->res);
		refilter_arg ra = {c, pl};
		const engine *en = &c->r->engines[pl->engine];
		if (!st && c->fixer &&
		    cli_fixer_run(c->fixer, c->in->items[i].path, pl->name,
				  pl->engine, en->rs, en->sc, refilter, &ra,
				  &s->doc, &s->res))
			c->trouble = 1;
		if (!st && c->rep) {
			tl_stage stage;
			tl_kind kind = tl_result_kind(s->res, &stage, NULL);
			tl_report_set_fail_policy(c->rep, &pl->fail);
			tl_report_set_budget(
				c->rep, tl_config_budget(pl->cfg, pl->where,
							 kind, stage));
			st = tl_report_add(c->rep, s->res);
		}
		if (st) {
			fprintf(stderr, "tonelint: %s: error: %s\n", pl->name,
				tl_strerror(st));
			if (c->rep)
				tl_report_add_error(c->rep);
			c->trouble = 1;
		}
	}
	tl_result_free(s->res);
	tl_document_free(s->doc);
	memset(s, 0, sizeof *s);
	return 0;
}

int cli_lint(const opts *o)
{
	run r = {o, NULL, NULL, 0, NULL, 0, NULL};
	cli_inputs in = {0};
	plan *plans = NULL, here = {0};
	tl_report *rep = NULL;
	cli_output output = {0};
	tl_baseline *baseline = NULL, *record = NULL;
	int rc = EXIT_TROUBLE, trouble = 0;
	cli_fixer *fixer = NULL;
	tl_status st;

	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd) && !(r.cwd = strdup(cwd))) {
		cli_oom();
		goto out;
	}
	if (o->config || o->no_config) {
		if (tl_config_new(&r.fixed)) {
			cli_oom();
			goto out;
		}
		if (o->config &&
		    (st = tl_config_add_file(r.fixed, o->config))) {
			cli_print_error(tl_config_error(r.fixed), st,
					"configuration");
			goto out;
		}
	}
	if (o->baseline) {
		if (tl_baseline_new(&baseline)) {
			cli_oom();
			goto out;
		}
		if ((st = tl_baseline_load(baseline, o->baseline))) {
			const tl_error *e = tl_baseline_error(baseline);
			if (e->line)
				fprintf(stderr, "%s:%u:%u: error: %s\n",
					e->file, e->line, e->column,
					e->message);
			else
				fprintf(stderr, "tonelint: %s: error: %s\n",
					o->baseline,
					e->message[0] ? e->message
						      : tl_strerror(st));
			goto out;
		}
	}
	if (o->write_baseline && tl_baseline_new(&record)) {
		cli_oom();
		goto out;
	}
	if (collect_inputs(o, &in))
		goto out;
	trouble = in.errors > 0;

	/* Every configuration and rule pack first. */
	plans = calloc(in.count ? in.count : 1, sizeof *plans);
	if (!plans) {
		cli_oom();
		goto out;
	}
	const char *stdin_name = o->stdin_name ? o->stdin_name : "<stdin>";
	for (size_t i = 0; i < in.count; i++) {
		const char *name =
			strcmp(in.items[i].path, "-") == 0 && !o->staged
				? stdin_name
				: in.items[i].path;
		if (plan_for(&r, name, &plans[i]))
			goto out;
	}
	/* The run's warning limit: the command line's, else the one of the
	 * configuration that applies to the current folder. */
	if (plan_for(&r, "./-", &here))
		goto out;
	if (o->fix_only_count) {
		tl_ruleset **sets = calloc(r.engine_count + 1, sizeof *sets);
		for (size_t i = 0; sets && i < r.engine_count; i++)
			sets[i] = r.engines[i].rs;
		int bad =
			!sets || cli_fixer_check_names(o, sets, r.engine_count);
		if (!sets)
			cli_oom();
		free(sets);
		if (bad)
			goto out;
	}

	int color = o->color;
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");
		color = !o->output && isatty(STDOUT_FILENO) && !(nc && *nc);
	}
	unsigned flags = TL_REPORT_SUMMARY | (color ? TL_REPORT_COLOR : 0) |
			 (o->report_unused ? TL_REPORT_UNUSED_SUPPRESSIONS : 0);
	if (!record && !o->diff) {
		if (cli_output_open(&output, o->output))
			goto out;
		if (tl_report_new(&rep, o->format, output.stream, flags)) {
			cli_oom();
			goto out;
		}
		for (size_t i = 0; i < r.engine_count; i++) {
			if (tl_report_add_rules(rep, r.engines[i].rs)) {
				cli_oom();
				goto out;
			}
		}
		for (size_t i = 0; i < in.errors; i++)
			tl_report_add_error(rep);
	}

	lint_ctx ctx = {.o = o,
			.r = &r,
			.in = &in,
			.plans = plans,
			.rep = rep,
			.baseline = baseline,
			.record = record};
	if (start_workers(&ctx)) {
		cli_oom();
		goto out;
	}
	if ((o->fix || o->diff) &&
	    !(ctx.fixer = fixer =
		      cli_fixer_new(o, ctx.jobs > 1 && in.count > 1))) {
		cli_oom();
		stop_workers(&ctx);
		goto out;
	}
	if (cli_pool_run(in.count, ctx.jobs, 4 * (size_t)ctx.jobs, lint_one,
			 report_one, &ctx)) {
		fputs("tonelint: cannot start worker threads\n", stderr);
		stop_workers(&ctx);
		goto out;
	}
	stop_workers(&ctx);
	trouble |= ctx.trouble;

	if (record) {
		if (write_baseline(o->write_baseline, record))
			trouble = 1;
		rc = trouble ? EXIT_TROUBLE : EXIT_CLEAN;
		goto out;
	}
	if (fixer) {
		int changed = cli_fixer_summary(fixer);
		/* --diff fails when there is something to fix, as a check. */
		if (o->diff) {
			if (trouble)
				rc = EXIT_TROUBLE;
			else
				rc = changed ? EXIT_FINDINGS : EXIT_CLEAN;
			goto out;
		}
	}
	tl_report_set_fail_policy(rep, &here.fail);
	st = tl_report_finish(rep);
	if (st)
		fputs("tonelint: error writing the report\n", stderr);
	/* -o FILE is replaced only by a complete report. */
	if (cli_output_close(&output, !st) || st)
		trouble = 1;
	if (trouble)
		rc = EXIT_TROUBLE;
	else
		rc = tl_report_failed(rep) ? EXIT_FINDINGS : EXIT_CLEAN;
out:
	cli_fixer_free(fixer);
	cli_output_close(&output, 0);
	tl_report_free(rep);
	tl_baseline_free(baseline);
	tl_baseline_free(record);
	for (size_t i = 0; plans && i < in.count; i++)
		free(plans[i].where);
	free(plans);
	free(here.where);
	cli_inputs_free(&in);
	run_free(&r);
	return rc;
}
