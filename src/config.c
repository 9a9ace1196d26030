/*
 * config.c: .tonelint.yml, checked key by key like a rule pack, in layers:
 * parent folders first, the nearest file last, so that later layers win.
 */
/* realpath() is an X/Open function: the project-wide _POSIX_C_SOURCE alone
 * does not declare it. */
#define _XOPEN_SOURCE 700

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "glob.h"
#include "strbuf.h"
#include "yamldoc.h"

/* Configuration files are small; a cap keeps a mistaken path cheap. */
#define MAX_CONFIG_SIZE (1024u * 1024)

typedef struct ctx {
	const char *file;
	const char *dir;
	tli_errinfo *err;
} ctx;

static tl_status fail(ctx *c, const tli_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static tl_status fail(ctx *c, const tli_ynode *n, const char *fmt, ...)
{
	tli_buf b = TLI_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tli_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *msg = tli_buf_take(&b);
	tli_error_set(c->err, c->file, n ? n->line : 0, n ? n->column : 0, "%s",
		      msg ? msg : "out of memory");
	free(msg);
	return msg ? TL_EINVAL : TL_ENOMEM;
}

static tl_status get_string(ctx *c, const tli_ynode *n, const char *key,
			    char **out)
{
	if (n->kind != TLI_Y_SCALAR || tli_ynode_is_null(n))
		return fail(c, n, "'%s' must be text, not %s", key,
			    tli_ynode_kind(n));
	if (n->len == 0 || memchr(n->str, '\0', n->len))
		return fail(c, n, "'%s' must be non-empty text without NULs",
			    key);
	*out = tli_strndup(n->str, n->len);
	return *out ? TL_OK : TL_ENOMEM;
}

/* A list of text; one text is accepted as a list of one. */
static tl_status get_strings(ctx *c, const tli_ynode *n, const char *key,
			     char ***out, size_t *count)
{
	const tli_ynode *const *items;
	const tli_ynode *one[1] = {n};
	size_t k;
	if (n->kind == TLI_Y_SEQ) {
		items = (const tli_ynode *const *)n->items;
		k = n->count;
	} else if (n->kind == TLI_Y_SCALAR && !tli_ynode_is_null(n)) {
		items = one;
		k = 1;
	} else {
		return fail(c, n, "'%s' must be a list of text, not %s", key,
			    tli_ynode_kind(n));
	}
	char **v = calloc(k ? k : 1, sizeof *v);
	if (!v)
		return TL_ENOMEM;
	for (size_t i = 0; i < k; i++) {
		tl_status st = get_string(c, items[i], key, &v[i]);
		if (st) {
			for (size_t j = 0; j < i; j++)
				free(v[j]);
			free(v);
			return st;
		}
	}
	*out = v;
	*count = k;
	return TL_OK;
}

static int valid_name(const char *s)
{
	/* A rule id (dotted) or a category: [a-z0-9_.-], starting with a
	 * letter or digit. */
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void entry_free(tli_cfg_entry *e)
{
	free_strings(e->files, e->file_count);
	free_strings(e->rules, e->rule_count);
	free_strings(e->disable, e->disable_count);
	free_strings(e->sev_keys, e->sev_count);
	free(e->sev_vals);
	free_strings(e->ignore, e->ignore_count);
	free(e->budget_sel);
	free(e->budget_val);
	memset(e, 0, sizeof *e);
}

static void layer_free(tli_cfg_layer *l)
{
	free(l->name);
	free(l->dir);
	entry_free(&l->top);
	for (size_t i = 0; i < l->override_count; i++)
		entry_free(&l->overrides[i]);
	free(l->overrides);
	memset(l, 0, sizeof *l);
}

enum {
	K_ROOT,
	K_RULES,
	K_DISABLE,
	K_SEVERITY,
	K_FAIL_ON,
	K_MAX_WARNINGS,
	K_IGNORE,
	K_OVERRIDES,
	K_FILES,
	K_KIND,
	K_STAGE,
	K_BUDGET,
	K_COUNT
};
static const char *const key_names[K_COUNT] = {
	"root",	  "rules",     "disable", "severity", "fail_on", "max_warnings",
	"ignore", "overrides", "files",	  "kind",     "stage",	 "budget"};

/* `kind` and `stage`: what the files are (docs/configuration.md). */
static tl_status load_kind(ctx *c, const tli_ynode *kind,
			   const tli_ynode *stage, tli_cfg_entry *e)
{
	char *s = NULL;
	tl_status st;
	if (kind) {
		if ((st = get_string(c, kind, "kind", &s)))
			return st;
		st = tl_kind_parse(&e->kind, &e->stage, s);
		free(s);
		if (st || e->kind == TL_KIND_NONE)
			return fail(c, kind,
				    "'kind' must be invoice, reminder (or "
				    "dunning, final-notice), receipt, "
				    "statement, email or other");
	}
	if (stage) {
		if ((st = get_string(c, stage, "stage", &s)))
			return st;
		st = tl_stage_parse(&e->stage, s);
		free(s);
		if (st)
			return fail(c, stage,
				    "'stage' must be 1, 2, 3 or final");
		if (kind && e->kind != TL_KIND_REMINDER)
			return fail(c, stage,
				    "only a reminder has a stage; 'kind' is "
				    "%s",
				    tl_kind_name(e->kind));
	}
	return TL_OK;
}

/* `budget`: kind (or kind:stage, or all) -> lowest tone score, 0-100. */
static tl_status load_budget(ctx *c, const tli_ynode *v, tli_cfg_entry *e)
{
	if (v->kind != TLI_Y_MAP)
		return fail(c, v,
			    "'budget' must be a mapping from a document kind "
			    "(such as reminder or reminder:final) to the "
			    "lowest tone score allowed, not %s",
			    tli_ynode_kind(v));
	e->budget_sel = calloc(v->count ? v->count : 1, sizeof *e->budget_sel);
	e->budget_val = calloc(v->count ? v->count : 1, sizeof *e->budget_val);
	if (!e->budget_sel || !e->budget_val)
		return TL_ENOMEM;
	for (size_t i = 0; i < v->count; i++) {
		const tli_ynode *k = v->items[2 * i],
				*val = v->items[2 * i + 1];
		char *name = NULL, why[200];
		tl_status st = get_string(c, k, "budget", &name);
		if (st)
			return st;
		st = tli_selector_parse(&e->budget_sel[i], name, why,
					sizeof why);
		free(name);
		if (st)
			return fail(c, k, "%s", why);
		if (e->budget_sel[i].kind == TL_KIND_NONE &&
		    !e->budget_sel[i].any)
			return fail(c, k,
				    "a document of no kind has no budget");
		for (size_t j = 0; j < i; j++)
			if (!memcmp(&e->budget_sel[j], &e->budget_sel[i],
				    sizeof e->budget_sel[i]))
				return fail(c, k,
					    "duplicate key '%s' in 'budget'",
					    k->str);
		char *end = NULL;
		errno = 0;
		long n = val->kind == TLI_Y_SCALAR && val->plain && val->len
				 ? strtol(val->str, &end, 10)
				 : -1;
		if (!end || *end || errno || n < 0 || n > 100)
			return fail(c, val,
				    "a budget is a whole number from 0 to 100 "
				    "(the lowest tone score allowed)");
		e->budget_val[i] = (int)n;
		e->budget_count = i + 1;
	}
	return TL_OK;
}

static tl_status load_severity(ctx *c, const tli_ynode *v, tli_cfg_entry *e)
{
	if (v->kind != TLI_Y_MAP)
		return fail(c, v,
			    "'severity' must be a mapping from rule id or "
			    "category to error, warning or suggestion, not %s",
			    tli_ynode_kind(v));
	e->sev_keys = calloc(v->count ? v->count : 1, sizeof *e->sev_keys);
	e->sev_vals = calloc(v->count ? v->count : 1, sizeof *e->sev_vals);
	if (!e->sev_keys || !e->sev_vals)
		return TL_ENOMEM;
	for (size_t i = 0; i < v->count; i++) {
		const tli_ynode *k = v->items[2 * i],
				*val = v->items[2 * i + 1];
		char *name = NULL, *sev = NULL;
		tl_status st = get_string(c, k, "severity", &name);
		if (st)
			return st;
		e->sev_keys[e->sev_count++] = name;
		if (!valid_name(name))
			return fail(c, k, "'%s' is not a rule id or category",
				    name);
		if ((st = get_string(c, val, name, &sev)))
			return st;
		st = tl_severity_parse(&e->sev_vals[i], sev);
		free(sev);
		if (st)
			return fail(c, val,
				    "severity of '%s' must be error, warning "
				    "or suggestion",
				    name);
	}
	return TL_OK;
}

static tl_status load_entry(ctx *c, const tli_ynode *m, tli_cfg_entry *e,
			    int is_override, int *root,
			    const tli_ynode **overrides)
{
	const tli_ynode *val[K_COUNT] = {0}, *key[K_COUNT] = {0};
	tl_status st;
	if (m->kind != TLI_Y_MAP)
		return fail(c, m,
			    is_override ? "an override must be a mapping with "
					  "'files', not %s"
					: "a configuration must be a mapping, "
					  "not %s",
			    tli_ynode_kind(m));
	for (size_t i = 0; i < m->count; i++) {
		const tli_ynode *k = m->items[2 * i];
		size_t w = K_COUNT;
		if (k->kind == TLI_Y_SCALAR)
			for (size_t j = 0; j < K_COUNT; j++)
				if (strcmp(k->str, key_names[j]) == 0)
					w = j;
		if (w == K_COUNT)
			return fail(c, k,
				    "unknown key '%s' (expected rules, "
				    "disable, severity, fail_on, "
				    "max_warnings, ignore, kind, stage, "
				    "budget%s)",
				    k->kind == TLI_Y_SCALAR ? k->str : "?",
				    is_override ? " or files"
						: ", overrides or root");
		if (key[w])
			return fail(c, k, "duplicate key '%s'", key_names[w]);
		if (is_override && (w == K_ROOT || w == K_OVERRIDES))
			return fail(c, k,
				    "'%s' belongs at the top level, not in "
				    "an override",
				    key_names[w]);
		if (is_override && w == K_MAX_WARNINGS)
			return fail(c, k,
				    "'max_warnings' limits the whole run; set "
				    "it at the top level");
		if (!is_override && w == K_FILES)
			return fail(c, k,
				    "'files' belongs in an entry of "
				    "'overrides'");
		key[w] = k;
		val[w] = m->items[2 * i + 1];
	}
	if (is_override && !val[K_FILES])
		return fail(c, m, "an override needs 'files' (a glob)");
	if (val[K_FILES] && (st = get_strings(c, val[K_FILES], "files",
					      &e->files, &e->file_count)))
		return st;
	if (val[K_ROOT]) {
		const tli_ynode *v = val[K_ROOT];
		if (v->kind == TLI_Y_SCALAR && v->plain &&
		    strcmp(v->str, "true") == 0)
			*root = 1;
		else if (v->kind == TLI_Y_SCALAR && v->plain &&
			 strcmp(v->str, "false") == 0)
			*root = 0;
		else
			return fail(c, v, "'root' must be true or false");
	}
	if (val[K_RULES]) {
		char **v;
		size_t n;
		if ((st = get_strings(c, val[K_RULES], "rules", &v, &n)))
			return st;
		e->rules = v;
		e->rule_count = n;
		for (size_t i = 0; i < n; i++) {
			char *abs = tli_path_absolute(c->dir, v[i]);
			if (!abs)
				return TL_ENOMEM;
			free(v[i]);
			v[i] = abs;
			/* Messages about the pack read better relative to the
			 * current folder when it is inside it. */
			char *cwd = tli_path_absolute(NULL, ".");
			const char *rel =
				cwd ? tli_path_inside(cwd, abs) : NULL;
			if (rel) {
				char *r = tli_strndup(rel, strlen(rel));
				if (r) {
					free(v[i]);
					v[i] = r;
				}
			}
			free(cwd);
		}
	}
	if (val[K_DISABLE]) {
		if ((st = get_strings(c, val[K_DISABLE], "disable", &e->disable,
				      &e->disable_count)))
			return st;
		for (size_t i = 0; i < e->disable_count; i++) {
			const tli_ynode *at = val[K_DISABLE]->kind == TLI_Y_SEQ
						      ? val[K_DISABLE]->items[i]
						      : val[K_DISABLE];
			if (!valid_name(e->disable[i]))
				return fail(c, at,
					    "'%s' is not a rule id or category",
					    e->disable[i]);
		}
	}
	if (val[K_SEVERITY] && (st = load_severity(c, val[K_SEVERITY], e)))
		return st;
	if (val[K_FAIL_ON]) {
		char *s;
		if ((st = get_string(c, val[K_FAIL_ON], "fail_on", &s)))
			return st;
		st = tl_fail_on_parse(&e->fail_on, s);
		free(s);
		if (st)
			return fail(c, val[K_FAIL_ON],
				    "'fail_on' must be error, warning, "
				    "suggestion or never");
		e->has_fail_on = 1;
	}
	if (val[K_MAX_WARNINGS]) {
		const tli_ynode *v = val[K_MAX_WARNINGS];
		char *end = NULL;
		errno = 0;
		long n = v->kind == TLI_Y_SCALAR && v->plain && v->len
				 ? strtol(v->str, &end, 10)
				 : -1;
		if (!end || *end || n < 0 || errno)
			return fail(c, v,
				    "'max_warnings' must be a whole number, 0 "
				    "or more");
		e->max_warnings = n;
		e->has_max_warnings = 1;
	}
	if (val[K_IGNORE] && (st = get_strings(c, val[K_IGNORE], "ignore",
					       &e->ignore, &e->ignore_count)))
		return st;
	if ((val[K_KIND] || val[K_STAGE]) &&
	    (st = load_kind(c, val[K_KIND], val[K_STAGE], e)))
		return st;
	if (val[K_BUDGET] && (st = load_budget(c, val[K_BUDGET], e)))
		return st;
	if (overrides)
		*overrides = val[K_OVERRIDES];
	return TL_OK;
}

static tl_status load_layer(tli_cfg_layer *l, const char *name, const char *dir,
			    const char *data, size_t len, tli_errinfo *err)
{
	memset(l, 0, sizeof *l);
	char msg[512];
	unsigned line = 0, col = 0;
	tli_ydoc *doc = NULL;
	int prc = tli_ydoc_parse(&doc, data, len, msg, sizeof msg, &line, &col);
	if (prc == -2)
		return TL_ENOMEM;
	if (prc == -3) {
		tli_error_set(err, name, line, col, "%s", msg);
		return TL_ELIMIT;
	}
	if (prc) {
		tli_error_set(err, name, line, col, "YAML syntax error: %s",
			      msg);
		return TL_ESYNTAX;
	}
	tl_status st = TL_ENOMEM;
	l->name = tli_strndup(name, strlen(name));
	l->dir = tli_path_absolute(NULL, dir);
	if (!l->name || !l->dir)
		goto out;
	ctx c = {name, l->dir, err};
	const tli_ynode *root = tli_ydoc_root(doc), *ov = NULL;
	st = TL_OK;
	if (!root) /* an empty file, or only comments: every default */
		goto out;
	if ((st = load_entry(&c, root, &l->top, 0, &l->root, &ov)))
		goto out;
	if (!ov)
		goto out;
	if (ov->kind != TLI_Y_SEQ) {
		st = fail(&c, ov,
			  "'overrides' must be a list of mappings with "
			  "'files', not %s",
			  tli_ynode_kind(ov));
		goto out;
	}
	l->overrides = calloc(ov->count ? ov->count : 1, sizeof *l->overrides);
	if (!l->overrides) {
		st = TL_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < ov->count; i++) {
		l->override_count = i + 1;
		if ((st = load_entry(&c, ov->items[i], &l->overrides[i], 1,
				     NULL, NULL)))
			goto out;
	}
out:
	tli_ydoc_free(doc);
	if (st)
		layer_free(l);
	return st;
}

tl_status tl_config_new(tl_config **out)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return TL_ENOMEM;
	tli_error_clear(&(*out)->err);
	return TL_OK;
}

void tl_config_free(tl_config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->count; i++)
		layer_free(&cfg->layers[i]);
	free(cfg->layers);
	tli_error_clear(&cfg->err);
	free(cfg);
}

const tl_error *tl_config_error(const tl_config *cfg)
{
	return &cfg->err.pub;
}

static tl_status push_layer(tl_config *cfg, tli_cfg_layer *l)
{
	tli_cfg_layer *p =
		realloc(cfg->layers, (cfg->count + 1) * sizeof *cfg->layers);
	if (!p) {
		layer_free(l);
		return TL_ENOMEM;
	}
	cfg->layers = p;
	cfg->layers[cfg->count++] = *l;
	return TL_OK;
}

tl_status tl_config_add_buffer(tl_config *cfg, const char *name,
			       const char *dir, const char *data, size_t len)
{
	tli_cfg_layer l;
	tl_status st = load_layer(&l, name, dir, data, len, &cfg->err);
	return st ? st : push_layer(cfg, &l);
}

/* The folder part of a path: "." for a bare file name. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return tli_strndup(".", 1);
	return tli_strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

static tl_status read_layer(tli_cfg_layer *l, const char *path,
			    tli_errinfo *err)
{
	char *data = NULL, why[256] = "";
	size_t len = 0;
	tl_status st = tli_read_file(path, MAX_CONFIG_SIZE, &data, &len, NULL,
				     why, sizeof why);
	if (st) {
		if (st != TL_ENOMEM)
			tli_error_set(err, path, 0, 0, "%s",
				      why[0] ? why : tl_strerror(st));
		return st;
	}
	char *dir = dir_of(path);
	st = dir ? load_layer(l, path, dir, data, len, err) : TL_ENOMEM;
	free(dir);
	free(data);
	return st;
}

tl_status tl_config_add_file(tl_config *cfg, const char *path)
{
	tli_cfg_layer l;
	tl_status st = read_layer(&l, path, &cfg->err);
	return st ? st : push_layer(cfg, &l);
}

static int is_file(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* A configuration file found by walking up is read because it is there: a
 * symbolic link planted in a repository must not make tonelint read a file
 * elsewhere (its content could show in error messages). A link is followed
 * only to a file inside the folder that holds it. 1 if `path` is such a
 * link gone outside, else 0. */
static int links_outside(const char *path, size_t dlen)
{
	struct stat sb;
	if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode))
		return 0;
	char *dir = tli_strndup(path, dlen ? dlen : 1);
	char *rdir = dir ? realpath(dir, NULL) : NULL;
	char *real = realpath(path, NULL);
	int out = 1;
	if (rdir && real) {
		size_t n = strlen(rdir);
		out = !(strcmp(rdir, "/") == 0 ||
			(strncmp(real, rdir, n) == 0 && real[n] == '/'));
	}
	free(dir);
	free(rdir);
	free(real);
	return out;
}

tl_status tl_config_add_discovered(tl_config *cfg, const char *path,
				   size_t *found)
{
	if (found)
		*found = 0;
	char *abs = tli_path_absolute(NULL, path);
	if (!abs)
		return TL_ENOMEM;
	tli_cfg_layer *got = NULL;
	size_t n = 0;
	tl_status st = TL_OK;
	tli_buf b = TLI_BUF_INIT;
	/* From the file's folder up, nearest first, until a root. */
	char *end = strrchr(abs, '/');
	while (end) {
		size_t dlen = (size_t)(end - abs);
		tli_buf_append(&b, abs, dlen);
		tli_buf_putc(&b, '/');
		tli_buf_puts(&b, TL_CONFIG_FILE_NAME);
		char *candidate = tli_buf_take(&b);
		if (!candidate) {
			st = TL_ENOMEM;
			break;
		}
		if (is_file(candidate) && links_outside(candidate, dlen)) {
			tli_error_set(&cfg->err, candidate, 0, 0,
				      "a symbolic link to a file outside its "
				      "folder; not read");
			free(candidate);
			st = TL_EINVAL;
			break;
		}
		if (is_file(candidate)) {
			tli_cfg_layer *p = realloc(got, (n + 1) * sizeof *p);
			if (!p) {
				free(candidate);
				st = TL_ENOMEM;
				break;
			}
			got = p;
			st = read_layer(&got[n], candidate, &cfg->err);
			free(candidate);
			if (st)
				break;
			if (got[n++].root)
				break;
		} else {
			free(candidate);
		}
		if (dlen == 0)
			break;
		abs[dlen] = '\0';
		end = strrchr(abs, '/');
	}
	free(abs);
	/* Farthest first, so the nearest is added last and wins. */
	size_t added = 0;
	for (size_t i = n; i-- > 0;) {
		if (st) {
			layer_free(&got[i]);
			continue;
		}
		st = push_layer(cfg, &got[i]);
		added += st == TL_OK;
	}
	if (st) {
		/* All or nothing: take back what this call added. */
		while (added-- > 0)
			layer_free(&cfg->layers[--cfg->count]);
	}
	free(got);
	if (!st && found)
		*found = n;
	return st;
}

int tli_cfg_applies(const tli_cfg_layer *l, const tli_cfg_entry *e,
		    const char *abs)
{
	if (e == &l->top)
		return 1;
	const char *rel = tli_path_inside(l->dir, abs);
	if (!rel)
		return 0;
	for (size_t i = 0; i < e->file_count; i++) {
		int m = tli_glob_match(e->files[i], rel);
		if (m)
			return m;
	}
	return 0;
}

tl_status tl_config_resolve(const tl_config *cfg, const char *path,
			    tl_file_settings *out)
{
	memset(out, 0, sizeof *out);
	out->fail = (tl_fail_policy)TL_FAIL_POLICY_DEFAULT;
	char *abs = tli_path_absolute(NULL, path);
	if (!abs)
		return TL_ENOMEM;
	tl_status st = TL_OK;
	size_t cap = 0;
	for (size_t i = 0; i < cfg->count && !st; i++) {
		const tli_cfg_layer *l = &cfg->layers[i];
		for (size_t j = 0; j <= l->override_count && !st; j++) {
			const tli_cfg_entry *e =
				j == 0 ? &l->top : &l->overrides[j - 1];
			int m = tli_cfg_applies(l, e, abs);
			if (m < 0)
				st = TL_ENOMEM;
			if (m <= 0)
				continue;
			if (e->has_fail_on)
				out->fail.fail_on = e->fail_on;
			if (e->has_max_warnings)
				out->fail.max_warnings = e->max_warnings;
			/* A kind without a stage clears an earlier stage: the
			 * entry says what the files are. */
			if (e->kind) {
				out->kind = e->kind;
				out->stage = e->stage;
			} else if (e->stage) {
				out->stage = e->stage;
			}
			const char *rel = tli_path_inside(l->dir, abs);
			for (size_t k = 0; rel && k < e->ignore_count; k++) {
				int g = tli_glob_match(e->ignore[k], rel);
				if (g < 0)
					st = TL_ENOMEM;
				if (g > 0)
					out->ignored = 1;
			}
			for (size_t k = 0; k < e->rule_count && !st; k++) {
				int dup = 0;
				for (size_t q = 0; q < out->rule_pack_count;
				     q++)
					dup |= strcmp(out->rule_packs[q],
						      e->rules[k]) == 0;
				if (dup)
					continue;
				if (out->rule_pack_count == cap) {
					cap = cap ? cap * 2 : 4;
					const char **p =
						realloc(out->rule_packs,
							cap * sizeof *p);
					if (!p) {
						st = TL_ENOMEM;
						break;
					}
					out->rule_packs = p;
				}
				out->rule_packs[out->rule_pack_count++] =
					e->rules[k];
			}
		}
	}
	free(abs);
	if (st)
		tl_file_settings_clear(out);
	return st;
}

int tl_config_budget(const tl_config *cfg, const char *path, tl_kind kind,
		     tl_stage stage)
{
	if (kind == TL_KIND_NONE)
		return -1;
	char *abs = tli_path_absolute(NULL, path);
	if (!abs)
		return -1;
	int budget = -1, best = 0;
	for (size_t i = 0; i < cfg->count; i++) {
		const tli_cfg_layer *l = &cfg->layers[i];
		for (size_t j = 0; j <= l->override_count; j++) {
			const tli_cfg_entry *e =
				j == 0 ? &l->top : &l->overrides[j - 1];
			if (!e->budget_count || tli_cfg_applies(l, e, abs) <= 0)
				continue;
			/* The most specific key wins; among equals, the
			 * nearest layer and the last override. */
			for (size_t k = 0; k < e->budget_count; k++) {
				int fit = tli_selector_fit(&e->budget_sel[k],
							   kind, stage);
				if (fit && fit >= best) {
					best = fit;
					budget = e->budget_val[k];
				}
			}
		}
	}
	free(abs);
	return budget;
}

void tl_file_settings_clear(tl_file_settings *s)
{
	free(s->rule_packs);
	memset(s, 0, sizeof *s);
}

const char *tl_config_template(void)
{
	return "# .tonelint.yml: tonelint's settings for this folder and "
	       "those below it.\n"
	       "# The nearest .tonelint.yml to a file wins over those in "
	       "parent folders;\n"
	       "# command-line options win over both. See "
	       "docs/configuration.md.\n"
	       "\n"
	       "# Stop looking in parent folders for more settings.\n"
	       "root: true\n"
	       "\n"
	       "# Rule packs to add to the built-in rules (paths relative to "
	       "this file).\n"
	       "# rules:\n"
	       "#   - tone/house-style.yml\n"
	       "\n"
	       "# Rules (by id) or whole categories to turn off.\n"
	       "# disable:\n"
	       "#   - jargon\n"
	       "#   - cold.no-reply\n"
	       "\n"
	       "# A new severity (error, warning or suggestion) for a rule "
	       "or a category.\n"
	       "# severity:\n"
	       "#   threat: error\n"
	       "\n"
	       "# The lowest severity that fails the run (exit status 1): "
	       "error, warning,\n"
	       "# suggestion (the default) or never. And the most warnings "
	       "allowed.\n"
	       "fail_on: warning\n"
	       "# max_warnings: 20\n"
	       "\n"
	       "# Files not to lint (globs relative to this file, as in "
	       ".gitignore).\n"
	       "ignore:\n"
	       "  - node_modules/\n"
	       "  - vendor/\n"
	       "\n"
	       "# The lowest tone score a document of a kind may have "
	       "(kind, kind:stage or\n"
	       "# all); a document under it fails the run.\n"
	       "# budget:\n"
	       "#   reminder: 70\n"
	       "#   reminder:final: 50\n"
	       "\n"
	       "# Settings for some files only: each entry has 'files' (a "
	       "glob or a list)\n"
	       "# and any of rules, disable, severity, fail_on, ignore, kind "
	       "(invoice,\n"
	       "# reminder, receipt, statement, email), stage (1, 2, 3, final) "
	       "and budget.\n"
	       "# overrides:\n"
	       "#   - files: emails/dunning/**\n"
	       "#     kind: reminder\n"
	       "#     fail_on: suggestion\n"
	       "#     severity:\n"
	       "#       demand: error\n";
}
