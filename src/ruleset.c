/* ruleset.c: the rule set handle: loading packs, lookup, accessors. */
/* realpath() is an X/Open function: the project-wide _POSIX_C_SOURCE alone
 * does not declare it. */
#define _XOPEN_SOURCE 700
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docrules.h"
#include "fileio.h"
#include "gate.h"
#include "internal.h"
#include "litextract.h"
#include "packtree.h"
#include "precompiled.h"
#include "prefilter.h"
#include "rule_ids.h"
#include "rules_load.h"
#include "strbuf.h"

/* Rule packs are small; a cap keeps a mistaken path (a log file) cheap. */
#define MAX_PACK_SIZE (16u * 1024 * 1024)

tl_status tl_ruleset_new(tl_ruleset **out)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return TL_ENOMEM;
	tli_error_clear(&(*out)->err);
	pthread_mutex_init(&(*out)->jit_lock, NULL);
	return TL_OK;
}

/* Frees the code copies and slot table of slots_open. */
static void slots_close(tl_ruleset *rs)
{
	for (int k = 0; k < TLI_CODE_KINDS; k++) {
		tli_lazy_codes *lc = &rs->lazy[k];
		for (size_t i = 0; lc->code && i < rs->jit_slots; i++)
			pcre2_code_free(lc->code[i]);
		free((void *)lc->code);
		free((void *)lc->state);
		free((void *)lc->wanted);
		lc->code = NULL;
		lc->state = NULL;
		lc->wanted = NULL;
	}
	free((void *)rs->slot_src);
	rs->slot_src = NULL;
	free((void *)rs->slot_pre);
	rs->slot_pre = NULL;
	free(rs->slot_lits);
	rs->slot_lits = NULL;
	tli_gates_free(&rs->gates);
	rs->jit_slots = 0;
}

/* Slot g holds no code: the rules loaded it from the build's table
 * (rules_load.c), which therefore has its entry, `e`. */
static void slot_entry(tl_ruleset *rs, size_t g, const tli_precomp_entry *e)
{
	assert(e);
	rs->slot_pre[g] = e;
}

/* Numbers the set's code slots (internal.h) and makes room for their
 * copies: TL_OK or TL_ENOMEM (nothing kept). */
static tl_status slots_open(tl_ruleset *rs)
{
	size_t total = 0, exceptions = 0;
	for (size_t i = 0; i < rs->count; i++) {
		rs->rules[i]->pattern_base = total;
		total += rs->rules[i]->pattern_count;
	}
	for (size_t i = 0; i < rs->count; i++) {
		rs->rules[i]->exception_base = total + exceptions;
		exceptions += rs->rules[i]->exception_count;
	}
	size_t slots = total + exceptions;
	for (size_t i = 0; i < rs->count; i++) {
		tli_docrule *d = rs->rules[i]->doc;
		if (d) {
			d->pattern_base = slots;
			slots += d->pattern_count;
		}
	}
	rs->jit_slots = slots;
	rs->slot_src = calloc(slots + 1, sizeof *rs->slot_src);
	rs->slot_pre = calloc(slots + 1, sizeof *rs->slot_pre);
	rs->slot_lits = calloc(slots + 1, 1);
	int oom = !rs->slot_src || !rs->slot_pre || !rs->slot_lits ||
		  tli_gates_init(&rs->gates, total) != TL_OK;
	for (int k = 0; k < TLI_CODE_KINDS; k++) {
		rs->lazy[k].code = calloc(slots + 1, sizeof *rs->lazy[k].code);
		rs->lazy[k].state =
			calloc(slots + 1, sizeof *rs->lazy[k].state);
		rs->lazy[k].wanted =
			calloc(slots + 1, sizeof *rs->lazy[k].wanted);
		oom |= !rs->lazy[k].code || !rs->lazy[k].state ||
		       !rs->lazy[k].wanted;
	}
	if (oom) {
		slots_close(rs);
		return TL_ENOMEM;
	}
	for (size_t i = 0; i < rs->count; i++) {
		const tl_rule *r = rs->rules[i];
		/* a document rule keeps its patterns' text in pattern_src */
		size_t base = r->doc ? r->doc->pattern_base : r->pattern_base;
		pcre2_code *const *codes =
			r->doc ? r->doc->patterns : r->patterns;
		for (size_t k = 0; k < r->pattern_src_count; k++) {
			rs->slot_src[base + k] = r->pattern_src[k];
			if (!codes[k])
				slot_entry(rs, base + k, r->pattern_pre[k]);
		}
		for (size_t k = 0; r->exception_src && k < r->exception_count;
		     k++) {
			rs->slot_src[r->exception_base + k] =
				r->exception_src[k];
			if (!r->exceptions[k])
				slot_entry(rs, r->exception_base + k,
					   r->exception_pre[k]);
		}
	}
	return TL_OK;
}

/* Keeps pattern g's capital words (TLI_UPPER_CAPS) for the scanners,
 * taking them from *l (left empty). 0, or -1 out of memory. */
static int add_capgate(tl_ruleset *rs, uint32_t g, tli_literals *l)
{
	tli_capgate *c =
		realloc(rs->capgates, (rs->capgate_count + 1) * sizeof *c);
	if (!c)
		return -1;
	rs->capgates = c;
	c = &rs->capgates[rs->capgate_count++];
	memset(c, 0, sizeof *c);
	c->g = g;
	c->l = *l;
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < c->l.caps_count; i++) {
		const char *w = c->l.caps[i];
		unsigned bi =
			(unsigned)(w[0] - 'A') * 26 + (unsigned)(w[1] - 'A');
		c->lead[bi / 8] |= (unsigned char)(1u << bi % 8);
	}
	return 0;
}

static void capgates_free(tl_ruleset *rs)
{
	for (size_t i = 0; i < rs->capgate_count; i++)
		tli_literals_free(&rs->capgates[i].l);
	free(rs->capgates);
	rs->capgates = NULL;
	rs->capgate_count = 0;
}

void tl_ruleset_free(tl_ruleset *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->count; i++)
		tli_rule_free(rs->rules[i]);
	free(rs->rules);
	tli_rule_ids_free(&rs->ids);
	for (size_t i = 0; i < rs->file_count; i++)
		free(rs->files[i]);
	free(rs->files);
	tli_error_clear(&rs->err);
	tli_ac_free(rs->ac);
	tli_ac_free(rs->doc_ac);
	free(rs->upper);
	capgates_free(rs);
	free(rs->patinfo);
	slots_close(rs);
	pthread_mutex_destroy(&rs->jit_lock);
	free(rs);
}

const tl_error *tl_ruleset_error(const tl_ruleset *rs)
{
	return &rs->err.pub;
}

/* Returns the interned copy of `name`, or NULL on out of memory. */
static const char *intern(tl_ruleset *rs, const char *name)
{
	for (size_t i = 0; i < rs->file_count; i++)
		if (strcmp(rs->files[i], name) == 0)
			return rs->files[i];
	char **f = realloc(rs->files, (rs->file_count + 1) * sizeof *f);
	if (!f)
		return NULL;
	rs->files = f;
	char *copy = tli_strndup(name, strlen(name));
	if (!copy)
		return NULL;
	rs->files[rs->file_count++] = copy;
	return copy;
}

/* A batch of rules being added: committed whole, or not at all. */
typedef struct batch {
	tl_rule **rules;
	size_t count;
} batch;

static void batch_free(batch *b)
{
	for (size_t i = 0; i < b->count; i++)
		tli_rule_free(b->rules[i]);
	free(b->rules);
	b->rules = NULL;
	b->count = 0;
}

/* Loads the pack `data`, or when `tree` is given the pack it parses to
 * (a built-in pack parsed at build time). */
static tl_status batch_load(tl_ruleset *rs, batch *b, const char *name,
			    const char *data, size_t len,
			    const tli_pack_tree *tree)
{
	const char *file = intern(rs, name);
	if (!file)
		return TL_ENOMEM;
	tl_rule **rules;
	size_t n;
	tl_status st =
		tree ? tli_load_pack_built(file, tree, &rules, &n, &rs->err)
		     : tli_load_pack(file, data, len, &rules, &n, &rs->err);
	if (st)
		return st;
	tl_rule **all = realloc(b->rules, (b->count + n + 1) * sizeof *all);
	if (!all) {
		for (size_t i = 0; i < n; i++)
			tli_rule_free(rules[i]);
		free(rules);
		return TL_ENOMEM;
	}
	if (n)
		memcpy(all + b->count, rules, n * sizeof *rules);
	b->rules = all;
	b->count += n;
	free(rules);
	return TL_OK;
}

static tl_status batch_commit(tl_ruleset *rs, batch *b)
{
	/* each id against the set's (rs->ids) and the batch's before it */
	tli_rule_ids mine = {NULL, 0, 0};
	for (size_t i = 0; i < b->count; i++) {
		const tl_rule *r = b->rules[i];
		int oom = 0;
		const tl_rule *first = tli_rule_ids_find(&rs->ids, r->id);
		if (!first)
			first = tli_rule_ids_add(&mine, r, &oom);
		if (oom) {
			tli_rule_ids_free(&mine);
			return TL_ENOMEM;
		}
		if (first) {
			tli_rule_ids_free(&mine);
			tli_error_set(&rs->err, r->file, r->line, r->column,
				      "duplicate rule id '%s' (first defined "
				      "at %s:%u:%u)",
				      r->id, first->file, first->line,
				      first->column);
			return TL_EDUPLICATE;
		}
	}
	tli_rule_ids_free(&mine);
	/* room first, so that nothing is committed on a failure */
	if (tli_rule_ids_reserve(&rs->ids, b->count))
		return TL_ENOMEM;
	if (rs->count + b->count > rs->cap) {
		size_t cap = rs->cap ? rs->cap : 64;
		while (cap < rs->count + b->count)
			cap *= 2;
		tl_rule **p = realloc(rs->rules, cap * sizeof *p);
		if (!p)
			return TL_ENOMEM;
		rs->rules = p;
		rs->cap = cap;
	}
	for (size_t i = 0; i < b->count; i++) {
		tl_rule *r = b->rules[i];
		r->index = rs->count;
		for (size_t k = 0; k < r->pattern_count; k++) {
			uint32_t groups = tli_rule_captures(r, k);
			if (groups > rs->max_groups)
				rs->max_groups = groups;
		}
		rs->rules[rs->count++] = r;
		int oom = 0; /* none: reserved */
		(void)tli_rule_ids_add(&rs->ids, r, &oom);
	}
	free(b->rules);
	b->rules = NULL;
	b->count = 0;
	return TL_OK;
}

static tl_status check_open(tl_ruleset *rs)
{
	if (!rs->frozen)
		return TL_OK;
	tli_error_set(&rs->err, NULL, 0, 0,
		      "rules cannot be added once scanning has begun");
	return TL_EINVAL;
}

tl_status tl_ruleset_add_buffer(tl_ruleset *rs, const char *name,
				const char *data, size_t len)
{
	tl_status st = check_open(rs);
	if (st)
		return st;
	batch b = {0};
	st = batch_load(rs, &b, name, data, len, NULL);
	if (!st)
		st = batch_commit(rs, &b);
	batch_free(&b);
	return st;
}

tl_status tl_ruleset_add_default(tl_ruleset *rs)
{
	tl_status st = check_open(rs);
	if (st)
		return st;
	batch b = {0};
	for (size_t i = 0; i < tli_embedded_pack_count && !st; i++) {
		const tli_embedded_pack *p = &tli_embedded_packs[i];
		/* The tables are generated together, entry for entry; the
		 * name check is a guard against a stale one. */
		const tli_pack_tree *t = NULL;
		if (i < tli_pack_tree_count && tli_pack_trees[i].parsed &&
		    strcmp(tli_pack_trees[i].name, p->name) == 0)
			t = &tli_pack_trees[i];
		st = batch_load(rs, &b, p->name, p->data, p->len, t);
	}
	if (!st)
		st = batch_commit(rs, &b);
	batch_free(&b);
	return st;
}

static tl_status load_file(tl_ruleset *rs, batch *b, const char *path)
{
	char *data;
	size_t len;
	char why[256];
	tl_status st = tli_read_file(path, MAX_PACK_SIZE, &data, &len, NULL,
				     why, sizeof why);
	if (st == TL_ENOMEM)
		return st;
	if (st) {
		tli_error_set(&rs->err, path, 0, 0, "cannot read rule pack: %s",
			      why);
		return st;
	}
	st = batch_load(rs, b, path, data, len, NULL);
	free(data);
	return st;
}

static int is_pack_name(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.')
		return 0;
	return (n > 4 && strcmp(name + n - 4, ".yml") == 0) ||
	       (n > 5 && strcmp(name + n - 5, ".yaml") == 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is `path` (symbolic links resolved) inside the folder `root` (already
 * resolved)? 1 inside, 0 outside, -1 when it cannot be resolved. */
static int inside_root(const char *root, const char *path)
{
	char *real = realpath(path, NULL);
	if (!real)
		return -1;
	size_t n = strlen(root);
	int in =
		strcmp(root, "/") == 0 || (strncmp(real, root, n) == 0 &&
					   (real[n] == '\0' || real[n] == '/'));
	free(real);
	return in;
}

static tl_status refuse_outside(tl_ruleset *rs, const char *path,
				const char *root)
{
	tli_error_set(&rs->err, path, 0, 0,
		      "rule pack is outside %s, the only folder a "
		      "configuration file may name packs in",
		      root);
	return TL_EINVAL;
}

/* `root` (resolved, or NULL for anywhere): every pack read must be in it,
 * a symbolic link in the folder included. */
static tl_status load_dir(tl_ruleset *rs, batch *b, const char *path,
			  const char *root)
{
	DIR *d = opendir(path);
	if (!d) {
		tli_error_set(&rs->err, path, 0, 0, "cannot read folder: %s",
			      strerror(errno));
		return TL_EIO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	tl_status st = TL_OK;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_pack_name(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			char **p = realloc(names, cap * sizeof *p);
			if (!p) {
				st = TL_ENOMEM;
				break;
			}
			names = p;
		}
		tli_buf full = TLI_BUF_INIT;
		tli_buf_printf(&full, "%s%s%s", path,
			       path[strlen(path) - 1] == '/' ? "" : "/",
			       e->d_name);
		if (!(names[n] = tli_buf_take(&full))) {
			st = TL_ENOMEM;
			break;
		}
		n++;
	}
	closedir(d);
	if (!st && n > 1)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n && !st; i++) {
		if (root && inside_root(root, names[i]) == 0)
			st = refuse_outside(rs, names[i], root);
		else
			st = load_file(rs, b, names[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return st;
}

static tl_status add_path(tl_ruleset *rs, const char *path, const char *root)
{
	tl_status st = check_open(rs);
	if (st)
		return st;
	struct stat sb;
	if (stat(path, &sb) != 0) {
		int e = errno;
		tli_error_set(&rs->err, path, 0, 0, "cannot read rule pack: %s",
			      strerror(e));
		return e == ENOENT || e == ENOTDIR ? TL_ENOTFOUND : TL_EIO;
	}
	if (root && inside_root(root, path) == 0)
		return refuse_outside(rs, path, root);
	batch b = {0};
	st = S_ISDIR(sb.st_mode) ? load_dir(rs, &b, path, root)
				 : load_file(rs, &b, path);
	if (!st)
		st = batch_commit(rs, &b);
	batch_free(&b);
	return st;
}

tl_status tl_ruleset_add_path(tl_ruleset *rs, const char *path)
{
	return add_path(rs, path, NULL);
}

tl_status tl_ruleset_add_path_within(tl_ruleset *rs, const char *path,
				     const char *root)
{
	char *real = realpath(root, NULL);
	if (!real) {
		int e = errno;
		tli_error_set(&rs->err, root, 0, 0, "%s", strerror(e));
		return e == ENOMEM ? TL_ENOMEM : TL_ENOTFOUND;
	}
	tl_status st = add_path(rs, path, real);
	free(real);
	return st;
}

/*
 * The literals of a rule set, for one of its automata. While they are those
 * the built-in rules' automaton was made from (`img`: tli_precomp_ac or
 * tli_precomp_doc_ac, `name`), in its order, they are only compared with
 * it: nothing is copied or kept, and the image is used as it is. At the
 * first difference the list is made, the part that matched taken from the
 * image, and the automaton is built.
 */
typedef struct lit_sink {
	const tli_ac_image *img;
	const char *name;
	size_t matched;	  /* literals of the image seen so far */
	const char *next; /* in its text */
	int collecting;
	tli_ac_literal *lits;
	char **owned; /* copies of the literals collected (they may be
			 freed before the automaton is built) */
	size_t n, cap;
} lit_sink;

static int sink_push(lit_sink *k, const char *s, size_t len, uint32_t owner)
{
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 1024;
		tli_ac_literal *p = realloc(k->lits, cap * sizeof *p);
		if (!p)
			return -1;
		k->lits = p;
		char **o = realloc(k->owned, cap * sizeof *o);
		if (!o)
			return -1;
		k->owned = o;
		k->cap = cap;
	}
	char *copy = tli_strndup(s, len);
	if (!copy)
		return -1;
	k->owned[k->n] = copy;
	k->lits[k->n++] = (tli_ac_literal){copy, len, owner};
	return 0;
}

/* From comparing to collecting: the literals that matched the image's,
 * taken from it. 0, or -1 out of memory. */
static int sink_collect(lit_sink *k)
{
	const tli_ac_image *img = k->img;
	k->collecting = 1;
	const char *t = img->in_text;
	for (size_t i = 0; i < k->matched; i++) {
		if (sink_push(k, t, img->in_len[i], img->in_owner[i]))
			return -1;
		t += img->in_len[i];
	}
	return 0;
}

/* Adds one literal of `owner`. 0, or -1 out of memory. */
static int sink_add(lit_sink *k, const char *s, size_t len, uint32_t owner)
{
	const tli_ac_image *img = k->img;
	if (!k->collecting) {
		if (!k->next)
			k->next = img->in_text;
		size_t m = k->matched;
		if (m < img->nin && img->in_len[m] == len &&
		    img->in_owner[m] == owner && memcmp(k->next, s, len) == 0) {
			k->next += len;
			k->matched++;
			return 0;
		}
		if (sink_collect(k))
			return -1;
	}
	return sink_push(k, s, len, owner);
}

/* The automaton of every literal added (NULL: none was); *oom on out of
 * memory. */
static tli_ac *sink_automaton(lit_sink *k, int *oom)
{
	*oom = 0;
	const tli_ac_image *img = k->img;
	tli_ac *ac = NULL;
	if (!k->collecting && k->matched && k->matched == img->nin) {
		/* the built-in rules' automaton, made at build time */
		ac = tli_ac_of_image(img);
	} else {
		/* fewer literals than the image: its first ones */
		if (!k->collecting && k->matched && sink_collect(k)) {
			*oom = 1;
			return NULL;
		}
		if (!k->n)
			return NULL;
		ac = tli_ac_build(k->lits, k->n);
		if (ac && tli_precomp_ac_built)
			tli_precomp_ac_built(k->name, ac, k->lits, k->n);
	}
	*oom = !ac;
	return ac;
}

static void sink_free(lit_sink *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->owned[i]);
	free(k->owned);
	free(k->lits);
}

/* The literals of rule r's pattern source k (litextract.h), from the
 * build's table for a built-in one: 1, 0 (none) or -1 out of memory. */
int tli_pattern_literals(const tl_rule *r, size_t k, tli_literals *l)
{
	const char *src = r->pattern_src[k];
	int rc = tli_precomp_entry_literals(r->pattern_pre[k], l);
	if (rc == -2)
		rc = tli_extract_literals(src, strlen(src), r->caseless,
					  TLI_MAX_LITERAL_COST, l);
	return rc;
}

/* The literals of pattern k of document rule r into the sink; when there
 * are any, its slot is marked in slot_lits. TL_OK or TL_ENOMEM. */
static tl_status doc_literals(tl_ruleset *rs, const tl_rule *r, size_t k,
			      lit_sink *sink)
{
	tli_literals l;
	int rc = tli_pattern_literals(r, k, &l);
	if (rc < 0)
		return TL_ENOMEM;
	if (rc == 0)
		return TL_OK;
	size_t g = r->doc->pattern_base + k;
	tl_status st = TL_OK;
	for (size_t j = 0; j < l.count && !st; j++)
		if (sink_add(sink, l.lits[j], l.lens[j], (uint32_t)g))
			st = TL_ENOMEM;
	/* a capital shape brings no literal: such a pattern is searched in
	 * every document, as before */
	if (!st && l.count)
		rs->slot_lits[g] = 1;
	tli_literals_free(&l);
	return st;
}

/* The gate (gate.h) of pattern k of rule r, whose literal set is l, into
 * the automaton as jit_slots + its index, when the build's table has it
 * (or tl_precompile asks for it) and its literals are rare enough
 * (TLI_AC_GATE_RATIO): each search of such a built-in pattern is then
 * gated at little more cost than the one pass the automaton makes anyway.
 * A pack of the user's gets its gates from the scanner, when a pattern
 * wakes often (tli_gate). */
static tl_status gate_literals(tl_ruleset *rs, const tl_rule *r, size_t k,
			       const tli_literals *l, lit_sink *sink)
{
	const char *src = r->pattern_src[k];
	size_t g = r->pattern_base + k;
	tli_literals gl;
	tli_bound span;
	int rc = tli_precomp_entry_gate(r->pattern_pre[k], 0, &gl, &span);
	if (rc == -2 && tli_precomp_analyse_gates)
		rc = tli_gate_literals(src, strlen(src), r->caseless, l,
				       TLI_AC_GATE_COST, &gl, &span);
	if (rc != 1)
		return rc == -1 ? TL_ENOMEM : TL_OK;
	if (tli_literals_cost(&gl) > TLI_AC_GATE_RATIO * tli_literals_cost(l)) {
		tli_literals_free(&gl);
		return TL_OK;
	}
	tl_status st = TL_OK;
	for (size_t j = 0; j < gl.count && !st; j++)
		if (sink_add(sink, gl.lits[j], gl.lens[j],
			     (uint32_t)(rs->jit_slots + g) |
				     (gl.word_start ? TLI_AC_WORD_START : 0)))
			st = TL_ENOMEM;
	if (!st) {
		rs->patinfo[g].gate = 1;
		rs->patinfo[g].gspan = span;
	}
	tli_literals_free(&gl);
	return st;
}

tl_status tli_ruleset_freeze(tl_ruleset *rs)
{
	if (rs->frozen)
		return TL_OK;
	if (slots_open(rs))
		return TL_ENOMEM;
	size_t total = 0;
	for (size_t i = 0; i < rs->count; i++)
		total += rs->rules[i]->pattern_count;
	rs->patinfo = calloc(total ? total : 1, sizeof *rs->patinfo);
	if (!rs->patinfo) {
		slots_close(rs);
		return TL_ENOMEM;
	}
	lit_sink sink = {.img = &tli_precomp_ac, .name = "tli_precomp_ac"},
		 dsink = {.img = &tli_precomp_doc_ac,
			  .name = "tli_precomp_doc_ac"};
	tl_status st = TL_OK;
	for (size_t i = 0; i < rs->count && !st; i++) {
		const tl_rule *r = rs->rules[i];
		for (size_t k = 0; k < r->pattern_count && !st; k++) {
			size_t g = r->pattern_base + k;
			tli_literals l;
			int rc = tli_pattern_literals(r, k, &l);
			if (rc < 0) {
				st = TL_ENOMEM;
				break;
			}
			if (rc == 0)
				continue;
			tli_patinfo *pi = &rs->patinfo[g];
			pi->filtered = 1;
			pi->upper = l.upper;
			pi->lookback = l.offset;
			if (pi->upper) {
				/* found where a run of capitals ends, which
				 * is at most a word after any pair in it */
				pi->lookback.word++;
				uint32_t *u = realloc(rs->upper,
						      (rs->upper_count + 1) *
							      sizeof *u);
				if (!u) {
					st = TL_ENOMEM;
					break;
				}
				rs->upper = u;
				rs->upper[rs->upper_count++] = (uint32_t)g;
			}
			uint32_t own = (uint32_t)g |
				       (l.word_start ? TLI_AC_WORD_START : 0);
			for (size_t j = 0; j < l.count && !st; j++)
				if (sink_add(&sink, l.lits[j], l.lens[j], own))
					st = TL_ENOMEM;
			if (!st && l.count)
				st = gate_literals(rs, r, k, &l, &sink);
			/* the gate keeps its capital words (l is emptied) */
			if (!st && pi->upper == TLI_UPPER_CAPS &&
			    add_capgate(rs, (uint32_t)g, &l))
				st = TL_ENOMEM;
			tli_literals_free(&l);
		}
	}
	/* the document rules' patterns, whose slots come after the rest */
	for (size_t i = 0; i < rs->count && !st; i++) {
		const tl_rule *r = rs->rules[i];
		const tli_docrule *d = r->doc;
		for (size_t k = 0; d && k < d->pattern_count && !st; k++)
			st = doc_literals(rs, r, k, &dsink);
	}
	if (!st) {
		int oom, doom;
		rs->ac = sink_automaton(&sink, &oom);
		rs->doc_ac = sink_automaton(&dsink, &doom);
		if (oom || doom)
			st = TL_ENOMEM;
	}
	sink_free(&sink);
	sink_free(&dsink);
	if (st) {
		tli_ac_free(rs->ac);
		tli_ac_free(rs->doc_ac);
		rs->ac = rs->doc_ac = NULL;
		free(rs->patinfo);
		rs->patinfo = NULL;
		free(rs->upper);
		rs->upper = NULL;
		rs->upper_count = 0;
		capgates_free(rs);
		slots_close(rs);
		return st;
	}
	rs->pattern_total = total;
	rs->frozen = 1;
	return TL_OK;
}

size_t tl_ruleset_count(const tl_ruleset *rs)
{
	return rs->count;
}

const tl_rule *tl_ruleset_rule(const tl_ruleset *rs, size_t i)
{
	return i < rs->count ? rs->rules[i] : NULL;
}

const tl_rule *tl_ruleset_find(const tl_ruleset *rs, const char *id)
{
	return tli_rule_ids_find(&rs->ids, id);
}

const char *tl_rule_id(const tl_rule *r)
{
	return r->id;
}
const char *tl_rule_title(const tl_rule *r)
{
	return r->title ? r->title : r->id;
}
const char *tl_rule_category(const tl_rule *r)
{
	return r->category;
}
const char *tl_rule_message(const tl_rule *r)
{
	return r->message;
}
tl_severity tl_rule_severity(const tl_rule *r)
{
	return r->severity;
}
const char *tl_rule_file(const tl_rule *r)
{
	return r->file;
}
unsigned tl_rule_line(const tl_rule *r)
{
	return r->line;
}
unsigned tl_rule_column(const tl_rule *r)
{
	return r->column;
}
