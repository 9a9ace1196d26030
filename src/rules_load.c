/* rules_load.c: the rule schema of docs/rules.md, checked key by key. */
#include "rules_load.h"

#include <stdlib.h>
#include <string.h>

#include "docrules.h"
#include "packtree.h"
#include "pattern.h"
#include "precompiled.h"
#include "rule_ids.h"
#include "strbuf.h"
#include "yamldoc.h"

/* State for loading one rule: where errors are reported and what to call
 * the rule in them. */
typedef struct ctx {
	const char *file;
	tli_errinfo *err;
	const char *id; /* NULL until known */
	/* the nodes' strings live in tli_pack_pool for ever: kept as they
	 * are, not copied (freed with tli_pack_release) */
	int borrow;
	tli_rule_ids ids; /* the pack's rules so far */
} ctx;

#define FAIL(c, node, status, ...)                 \
	do {                                       \
		fail_at((c), (node), __VA_ARGS__); \
		return (status);                   \
	} while (0)

static void fail_at(ctx *c, const tli_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail_at(ctx *c, const tli_ynode *n, const char *fmt, ...)
{
	tli_buf b = TLI_BUF_INIT;
	if (c->id)
		tli_buf_printf(&b, "rule '%s': ", c->id);
	va_list ap;
	va_start(ap, fmt);
	tli_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *msg = tli_buf_take(&b);
	tli_error_set(c->err, c->file, n ? n->line : 0, n ? n->column : 0, "%s",
		      msg ? msg : "out of memory");
	free(msg);
}

/* A non-empty string value: a scalar that is not null and not blank. */
static tl_status get_string(ctx *c, const tli_ynode *n, const char *key,
			    char **out)
{
	if (n->kind != TLI_Y_SCALAR || tli_ynode_is_null(n))
		FAIL(c, n, TL_ERULE, "'%s' must be text, not %s", key,
		     tli_ynode_kind(n));
	if (memchr(n->str, '\0', n->len))
		FAIL(c, n, TL_ERULE, "'%s' must not contain a NUL character",
		     key);
	size_t i = 0;
	while (i < n->len && strchr(" \t\r\n", n->str[i]))
		i++;
	if (i == n->len)
		FAIL(c, n, TL_ERULE, "'%s' must not be empty", key);
	/* no NUL inside: the pool's string is exactly the text */
	*out = c->borrow ? (char *)n->str : tli_strndup(n->str, n->len);
	return *out ? TL_OK : TL_ENOMEM;
}

/* A list of strings; a single string is accepted where `allow_one`. */
static tl_status get_strings(ctx *c, const tli_ynode *n, const char *key,
			     int allow_one, char ***out, size_t *count)
{
	*out = NULL;
	*count = 0;
	const tli_ynode *const *items = NULL;
	size_t k = 0;
	const tli_ynode *one[1] = {n};
	if (n->kind == TLI_Y_SEQ) {
		items = (const tli_ynode *const *)n->items;
		k = n->count;
	} else if (allow_one && n->kind == TLI_Y_SCALAR &&
		   !tli_ynode_is_null(n)) {
		items = one;
		k = 1;
	} else {
		FAIL(c, n, TL_ERULE, "'%s' must be a list of text%s, not %s",
		     key, allow_one ? " (or one text)" : "", tli_ynode_kind(n));
	}
	if (k == 0)
		FAIL(c, n, TL_ERULE, "'%s' must not be an empty list", key);
	char **v = calloc(k, sizeof *v);
	if (!v)
		return TL_ENOMEM;
	for (size_t i = 0; i < k; i++) {
		tl_status st = get_string(c, items[i], key, &v[i]);
		if (st) {
			for (size_t j = 0; j < i; j++)
				tli_pack_release(v[j]);
			free(v);
			return st;
		}
	}
	*out = v;
	*count = k;
	return TL_OK;
}

static tl_status get_bool(ctx *c, const tli_ynode *n, const char *key, int *out)
{
	static const char *const yes[] = {"true", "True", "TRUE"};
	static const char *const no[] = {"false", "False", "FALSE"};
	if (n->kind == TLI_Y_SCALAR && n->plain) {
		for (size_t i = 0; i < 3; i++) {
			if (strcmp(n->str, yes[i]) == 0) {
				*out = 1;
				return TL_OK;
			}
			if (strcmp(n->str, no[i]) == 0) {
				*out = 0;
				return TL_OK;
			}
		}
	}
	FAIL(c, n, TL_ERULE, "'%s' must be true or false", key);
}

static int valid_id(const char *s)
{
	/* lower-case words of [a-z0-9_-], separated by single dots */
	int start = 1;
	if (!*s)
		return 0;
	for (; *s; s++) {
		char ch = *s;
		if (ch == '.') {
			if (start)
				return 0;
			start = 1;
		} else if ((ch >= 'a' && ch <= 'z') ||
			   (ch >= '0' && ch <= '9')) {
			start = 0;
		} else if ((ch == '-' || ch == '_') && !start) {
			continue;
		} else {
			return 0;
		}
	}
	return !start;
}

static int valid_category(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '-'))
			return 0;
	return 1;
}

void tli_rule_free(tl_rule *r)
{
	if (!r)
		return;
	tli_pack_release(r->id);
	tli_pack_release(r->title);
	tli_pack_release(r->category);
	tli_pack_release(r->message);
	for (size_t i = 0; i < r->pattern_count; i++)
		pcre2_code_free(r->patterns[i]);
	free(r->patterns);
	free(r->pattern_pre);
	free(r->exception_pre);
	for (size_t i = 0; i < r->pattern_src_count; i++)
		tli_pack_release(r->pattern_src[i]);
	free(r->pattern_src);
	for (size_t i = 0; i < r->rewrite_count; i++)
		tli_pack_release(r->rewrites[i]);
	free(r->rewrites);
	for (size_t i = 0; i < r->exception_count; i++) {
		pcre2_code_free(r->exceptions[i]);
		tli_pack_release(r->exception_src ? r->exception_src[i] : NULL);
	}
	free(r->exceptions);
	free(r->exception_src);
	for (size_t i = 0; i < r->suggest_count; i++)
		tli_pack_release(r->suggest[i]);
	free(r->suggest);
	tli_pack_release(r->fix);
	free(r->fix_rewrite);
	for (size_t i = 0; i < r->flag_count; i++)
		tli_pack_release(r->flag[i].text);
	free(r->flag);
	for (size_t i = 0; i < r->pass_count; i++)
		tli_pack_release(r->pass[i].text);
	free(r->pass);
	tli_cond_free(r->cond);
	tli_docrule_free(r->doc);
	free(r);
}

uint32_t tli_rule_captures(const tl_rule *r, size_t k)
{
	uint32_t n = 0;
	if (r->patterns[k]) {
		pcre2_pattern_info(r->patterns[k], PCRE2_INFO_CAPTURECOUNT, &n);
		return n;
	}
	const tli_precomp_entry *e = r->pattern_pre[k];
	return e ? e->captures : 0;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		tli_pack_release(v[i]);
	free(v);
}

/* Compiles one regex source; `node` is where an error points. A built-in
 * pattern is in the table the build made (precompiled.h): *pre is its
 * entry, *out stays NULL and its code is decoded when a scan first needs it
 * (tli_match), as most never do on a small file. */
static tl_status compile(ctx *c, const tli_ynode *node, const char *what,
			 const char *src, int caseless, pcre2_code **out,
			 const tli_precomp_entry **pre)
{
	*out = NULL;
	*pre = tli_precomp_find(src, strlen(src), caseless);
	if (*pre)
		return TL_OK;
	char msg[256];
	size_t off = 0;
	int oom = 0;
	*out = tli_pattern_compile(src, strlen(src), caseless, msg, sizeof msg,
				   &off, &oom);
	if (*out) {
		/* a table whose codes this PCRE2 cannot read (another
		 * version) still has the pattern's literals and gates */
		*pre = tli_precomp_entry_of(src, strlen(src), caseless);
		return TL_OK;
	}
	if (oom)
		return TL_ENOMEM;
	FAIL(c, node, TL_EREGEX, "invalid %s at offset %zu: %s", what, off,
	     msg);
}

/* Refuses $N and ${N} beyond the patterns' capture groups: "$250" in a
 * rewrite would otherwise quietly become group 25, an empty string. */
static tl_status check_groups(ctx *c, const tli_ynode *n, const char *key,
			      const char *tmpl, uint32_t groups)
{
	for (const char *p = tmpl; *p; p++) {
		if (*p != '$')
			continue;
		if (p[1] == '$') {
			p++;
			continue;
		}
		const char *q = p + 1 + (p[1] == '{');
		if (!(*q >= '0' && *q <= '9'))
			continue;
		unsigned v = (unsigned)(*q - '0');
		if (q[1] >= '0' && q[1] <= '9')
			v = v * 10 + (unsigned)(q[1] - '0');
		if (v > groups)
			FAIL(c, n, TL_ERULE,
			     "'%s' refers to $%u, but the rule's patterns have "
			     "%u capture group%s (write $$ for a dollar sign)",
			     key, v, groups, groups == 1 ? "" : "s");
	}
	return TL_OK;
}

/* Makes `src` (taken over, even on failure) the rule's one pattern source
 * and room for its compiled form. */
static tl_status keep_source(tl_rule *r, char *src)
{
	r->patterns = calloc(1, sizeof *r->patterns);
	r->pattern_src = calloc(1, sizeof *r->pattern_src);
	r->pattern_pre = calloc(1, sizeof *r->pattern_pre);
	if (!r->patterns || !r->pattern_src || !r->pattern_pre) {
		free(src);
		return TL_ENOMEM;
	}
	r->pattern_src[0] = src;
	r->pattern_src_count = 1;
	return TL_OK;
}

/* A document rule's examples are whole small documents, each a text or a
 * mapping with text, kind and format (docrule_load.c). */
static tl_status load_doc_examples(ctx *c, const tli_ynode *v, tl_rule *r,
				   tli_example **list, size_t *count)
{
	const tli_ynode *const *items = (const tli_ynode *const *)v->items;
	const tli_ynode *one[1] = {v};
	size_t k = v->count;
	if (v->kind != TLI_Y_SEQ) {
		items = one;
		k = 1;
	}
	if (k == 0)
		FAIL(c, v, TL_ERULE, "examples must not be an empty list");
	*list = calloc(k, sizeof **list);
	if (!*list)
		return TL_ENOMEM;
	for (size_t j = 0; j < k; j++) {
		tl_status st = tli_docrule_example(r, items[j], &(*list)[j],
						   c->file, c->err);
		*count = j + 1;
		if (st)
			return st;
	}
	return TL_OK;
}

static tl_status load_examples(ctx *c, const tli_ynode *n, tl_rule *r)
{
	if (n->kind != TLI_Y_MAP)
		FAIL(c, n, TL_ERULE,
		     "'examples' must be a mapping with 'flag' and 'pass' "
		     "lists, not %s",
		     tli_ynode_kind(n));
	for (size_t i = 0; i < n->count; i++) {
		const tli_ynode *k = n->items[2 * i], *v = n->items[2 * i + 1];
		int is_flag;
		if (k->kind == TLI_Y_SCALAR && strcmp(k->str, "flag") == 0)
			is_flag = 1;
		else if (k->kind == TLI_Y_SCALAR && strcmp(k->str, "pass") == 0)
			is_flag = 0;
		else
			FAIL(c, k, TL_ERULE,
			     "unknown key '%s' in 'examples' (expected flag "
			     "or pass)",
			     k->kind == TLI_Y_SCALAR ? k->str : "?");
		tli_example **list = is_flag ? &r->flag : &r->pass;
		size_t *count = is_flag ? &r->flag_count : &r->pass_count;
		if (*list)
			FAIL(c, k, TL_ERULE, "duplicate key '%s' in 'examples'",
			     k->str);
		if (r->doc) {
			tl_status st = load_doc_examples(c, v, r, list, count);
			if (st)
				return st;
			continue;
		}
		char **texts;
		size_t nt;
		tl_status st = get_strings(c, v, is_flag ? "flag" : "pass", 1,
					   &texts, &nt);
		if (st)
			return st;
		*list = calloc(nt, sizeof **list);
		if (!*list) {
			free_strings(texts, nt);
			return TL_ENOMEM;
		}
		const tli_ynode *const *items =
			v->kind == TLI_Y_SEQ
				? (const tli_ynode *const *)v->items
				: NULL;
		for (size_t j = 0; j < nt; j++) {
			(*list)[j].text = texts[j];
			(*list)[j].line = items ? items[j]->line : v->line;
			(*list)[j].column =
				items ? items[j]->column : v->column;
		}
		*count = nt;
		free(texts);
	}
	return TL_OK;
}

static tl_status load_swap(ctx *c, const tli_ynode *n, tl_rule *r)
{
	if (n->kind != TLI_Y_MAP || n->count == 0)
		FAIL(c, n, TL_ERULE,
		     "'swap' must be a non-empty mapping from phrase to "
		     "rewrite, not %s",
		     tli_ynode_kind(n));
	char **keys = calloc(n->count, sizeof *keys);
	r->rewrites = calloc(n->count, sizeof *r->rewrites);
	if (!keys || !r->rewrites) {
		free(keys);
		return TL_ENOMEM;
	}
	tl_status st = TL_OK;
	size_t i;
	for (i = 0; i < n->count; i++) {
		st = get_string(c, n->items[2 * i], "swap", &keys[i]);
		if (!st)
			st = get_string(c, n->items[2 * i + 1], "swap",
					&r->rewrites[i]);
		if (st)
			break;
		r->rewrite_count = i + 1;
	}
	char *src = NULL;
	if (!st) {
		src = tli_phrases_regex((const char *const *)keys, n->count, 1);
		st = src ? TL_OK : TL_ENOMEM;
	}
	if (!st) {
		st = keep_source(r, src);
		src = NULL;
		if (!st)
			st = compile(c, n, "swap phrase", r->pattern_src[0], 1,
				     &r->patterns[0], &r->pattern_pre[0]);
		if (!st)
			r->pattern_count = 1;
	}
	free(src);
	free_strings(keys, n->count);
	return st;
}

/*
 * `fix`: for a pattern or phrase rule, the replacement text (may be empty:
 * the match is deleted); for a swap rule, true (every rewrite), false, or
 * the list of its phrases whose rewrite is also a fix.
 */
static tl_status load_fix(ctx *c, const tli_ynode *n, const tli_ynode *swap,
			  tl_rule *r)
{
	if (!swap) {
		if (n->kind != TLI_Y_SCALAR || tli_ynode_is_null(n))
			FAIL(c, n, TL_ERULE,
			     "'fix' must be the replacement text, not %s",
			     tli_ynode_kind(n));
		if (n->plain && (strcmp(n->str, "true") == 0 ||
				 strcmp(n->str, "false") == 0))
			FAIL(c, n, TL_ERULE,
			     "'fix' of a pattern or phrase rule is the "
			     "replacement text (true and false are for swap "
			     "rules)");
		if (memchr(n->str, '\0', n->len))
			FAIL(c, n, TL_ERULE,
			     "'fix' must not contain a NUL character");
		r->fix = tli_strndup(n->str, n->len);
		return r->fix ? TL_OK : TL_ENOMEM;
	}
	int all = 0;
	if (n->kind == TLI_Y_SCALAR) {
		if (!n->plain || (strcmp(n->str, "true") != 0 &&
				  strcmp(n->str, "false") != 0))
			FAIL(c, n, TL_ERULE,
			     "'fix' of a swap rule must be true, false or a "
			     "list of its swap phrases");
		tl_status st = get_bool(c, n, "fix", &all);
		if (st || !all)
			return st;
	} else if (n->kind != TLI_Y_SEQ || n->count == 0) {
		FAIL(c, n, TL_ERULE,
		     "'fix' of a swap rule must be true, false or a list of "
		     "its "
		     "swap phrases, not %s",
		     n->kind == TLI_Y_SEQ ? "an empty list"
					  : tli_ynode_kind(n));
	}
	r->fix_rewrite = calloc(r->rewrite_count ? r->rewrite_count : 1, 1);
	if (!r->fix_rewrite)
		return TL_ENOMEM;
	if (all) {
		memset(r->fix_rewrite, 1, r->rewrite_count);
		return TL_OK;
	}
	for (size_t i = 0; i < n->count; i++) {
		const tli_ynode *item = n->items[i];
		if (item->kind != TLI_Y_SCALAR || tli_ynode_is_null(item))
			FAIL(c, item, TL_ERULE,
			     "'fix' lists swap phrases; found %s",
			     tli_ynode_kind(item));
		size_t k = 0;
		while (k < swap->count &&
		       !(swap->items[2 * k]->kind == TLI_Y_SCALAR &&
			 strcmp(swap->items[2 * k]->str, item->str) == 0))
			k++;
		if (k == swap->count || k >= r->rewrite_count)
			FAIL(c, item, TL_ERULE,
			     "'fix' lists '%s', which is not a phrase of "
			     "'swap'",
			     item->str);
		r->fix_rewrite[k] = 1;
	}
	return TL_OK;
}

static tl_status compile_list(ctx *c, const tli_ynode *n, const char *key,
			      int caseless, pcre2_code ***out, size_t *count,
			      char ***sources, const tli_precomp_entry ***pre)
{
	char **src;
	size_t k;
	tl_status st = get_strings(c, n, key, 1, &src, &k);
	if (st)
		return st;
	*out = calloc(k, sizeof **out);
	*pre = calloc(k, sizeof **pre);
	if (!*out || !*pre) {
		free_strings(src, k);
		return TL_ENOMEM;
	}
	for (size_t i = 0; i < k && !st; i++) {
		const tli_ynode *at = n->kind == TLI_Y_SEQ ? n->items[i] : n;
		st = compile(c, at,
			     strcmp(key, "exceptions") == 0 ? "exception"
							    : "pattern",
			     src[i], caseless, &(*out)[i], &(*pre)[i]);
		if (!st)
			*count = i + 1;
	}
	if (sources && !st)
		*sources = src;
	else
		free_strings(src, k);
	return st;
}

enum {
	K_ID,
	K_TITLE,
	K_CATEGORY,
	K_SEVERITY,
	K_MESSAGE,
	K_PATTERN,
	K_PATTERNS,
	K_PHRASES,
	K_SWAP,
	K_IGNORECASE,
	K_EXCEPTIONS,
	K_SUGGEST,
	K_EXAMPLES,
	K_FIX,
	K_ARTICLE,
	/* kinds, stages and document rules (docrule_load.c) */
	K_CHECK,
	K_WHEN,
	K_SEVERITY_BY,
	K_PART,
	K_MAX,
	K_MIN,
	K_PER,
	K_METRIC,
	K_COUNT
};
static const char *const key_names[K_COUNT] = {
	"id",	      "title",	  "category",	 "severity", "message",
	"pattern",    "patterns", "phrases",	 "swap",     "ignorecase",
	"exceptions", "suggest",  "examples",	 "fix",	     "article",
	"check",      "when",	  "severity_by", "part",     "max",
	"min",	      "per",	  "metric"};

static tl_status load_rule(ctx *c, const tli_ynode *m, tl_rule *r)
{
	const tli_ynode *val[K_COUNT] = {0}, *key[K_COUNT] = {0};
	tl_status st;
	if (m->kind != TLI_Y_MAP)
		FAIL(c, m, TL_ERULE,
		     "expected a rule (a mapping with id, category, severity, "
		     "message, ...), found %s",
		     tli_ynode_kind(m));
	/* The id first, so that every later message can name the rule. */
	for (size_t i = 0; i < m->count; i++) {
		const tli_ynode *k = m->items[2 * i];
		if (k->kind == TLI_Y_SCALAR && strcmp(k->str, "id") == 0 &&
		    !val[K_ID]) {
			val[K_ID] = m->items[2 * i + 1];
			key[K_ID] = k;
		}
	}
	if (!val[K_ID])
		FAIL(c, m, TL_ERULE, "rule without an 'id'");
	if ((st = get_string(c, val[K_ID], "id", &r->id)))
		return st;
	r->line = val[K_ID]->line;
	r->column = val[K_ID]->column;
	if (!valid_id(r->id))
		FAIL(c, val[K_ID], TL_ERULE,
		     "invalid rule id '%s': use lower-case words separated by "
		     "dots, such as threat.legal-action",
		     r->id);
	c->id = r->id;
	for (size_t i = 0; i < m->count; i++) {
		const tli_ynode *k = m->items[2 * i];
		size_t which = K_COUNT;
		if (k->kind == TLI_Y_SCALAR)
			for (size_t j = 0; j < K_COUNT && which == K_COUNT; j++)
				if (strcmp(k->str, key_names[j]) == 0)
					which = j;
		if (which == K_COUNT)
			FAIL(c, k, TL_ERULE, "unknown key '%s'",
			     k->kind == TLI_Y_SCALAR ? k->str : "(not text)");
		if (key[which] && key[which] != k)
			FAIL(c, k, TL_ERULE, "duplicate key '%s'",
			     key_names[which]);
		key[which] = k;
		val[which] = m->items[2 * i + 1];
	}
	static const int required[] = {K_CATEGORY, K_SEVERITY, K_MESSAGE};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!val[required[i]])
			FAIL(c, val[K_ID], TL_ERULE,
			     "missing required key '%s'",
			     key_names[required[i]]);
	if ((st = get_string(c, val[K_CATEGORY], "category", &r->category)))
		return st;
	if (!valid_category(r->category))
		FAIL(c, val[K_CATEGORY], TL_ERULE,
		     "invalid category '%s': use a lower-case word such as "
		     "threat",
		     r->category);
	char *sev = NULL;
	if ((st = get_string(c, val[K_SEVERITY], "severity", &sev)))
		return st;
	st = tl_severity_parse(&r->severity, sev);
	if (st) {
		fail_at(c, val[K_SEVERITY],
			"severity must be error, warning or suggestion, not "
			"'%s'",
			sev);
		tli_pack_release(sev);
		return TL_ERULE;
	}
	tli_pack_release(sev);
	if ((st = get_string(c, val[K_MESSAGE], "message", &r->message)))
		return st;
	if (val[K_TITLE] &&
	    (st = get_string(c, val[K_TITLE], "title", &r->title)))
		return st;

	tli_dockeys dk = {val[K_CHECK], val[K_WHEN],  val[K_SEVERITY_BY],
			  val[K_PART],	val[K_MAX],   val[K_MIN],
			  val[K_PER],	val[K_METRIC]};
	if ((st = tli_docrule_load(r, &dk, val[K_ID], c->file, c->err)))
		return st;
	int matchers = !!val[K_PATTERN] + !!val[K_PATTERNS] + !!val[K_PHRASES] +
		       !!val[K_SWAP];
	if (r->doc) {
		static const int phrase_only[] = {K_SWAP, K_EXCEPTIONS, K_FIX,
						  K_ARTICLE};
		for (size_t i = 0; i < 4; i++)
			if (val[phrase_only[i]])
				FAIL(c, key[phrase_only[i]], TL_ERULE,
				     "'%s' is for phrase rules, not document "
				     "rules",
				     key_names[phrase_only[i]]);
		if (r->doc->check == TLI_CHECK_METRIC && matchers)
			FAIL(c, val[K_ID], TL_ERULE,
			     "a metric rule measures the prose; it takes no "
			     "'pattern', 'patterns' or 'phrases'");
	}
	if (r->doc && r->doc->check == TLI_CHECK_METRIC) {
		/* no patterns to compile */
	} else if (matchers != 1) {
		FAIL(c, val[K_ID], TL_ERULE,
		     "give exactly one of 'pattern', 'patterns', 'phrases' or "
		     "'swap' (found %d)",
		     matchers);
	}
	int caseless = 0;
	if (val[K_IGNORECASE]) {
		if (val[K_PHRASES] || val[K_SWAP])
			FAIL(c, key[K_IGNORECASE], TL_ERULE,
			     "'ignorecase' applies to 'pattern' and 'patterns' "
			     "only (phrases always ignore case)");
		if ((st = get_bool(c, val[K_IGNORECASE], "ignorecase",
				   &caseless)))
			return st;
	}
	/* phrases and swaps always ignore case */
	if (val[K_SWAP] || val[K_PHRASES])
		caseless = 1;
	r->caseless = caseless;
	if (val[K_SWAP]) {
		if (val[K_SUGGEST])
			FAIL(c, key[K_SUGGEST], TL_ERULE,
			     "a swap rule takes its suggestions from the swap "
			     "map; remove 'suggest'");
		if ((st = load_swap(c, val[K_SWAP], r)))
			return st;
	} else if (val[K_PHRASES]) {
		char **ph;
		size_t n;
		if ((st = get_strings(c, val[K_PHRASES], "phrases", 1, &ph,
				      &n)))
			return st;
		char *src = tli_phrases_regex((const char *const *)ph, n, 0);
		free_strings(ph, n);
		if (!src)
			return TL_ENOMEM;
		if ((st = keep_source(r, src)))
			return st;
		if ((st = compile(c, val[K_PHRASES], "phrase",
				  r->pattern_src[0], 1, &r->patterns[0],
				  &r->pattern_pre[0])))
			return st;
		r->pattern_count = 1;
	} else if (matchers) {
		const tli_ynode *p =
			val[K_PATTERN] ? val[K_PATTERN] : val[K_PATTERNS];
		if (val[K_PATTERN] && p->kind != TLI_Y_SCALAR)
			FAIL(c, p, TL_ERULE,
			     "'pattern' must be one regular expression; use "
			     "'patterns' for a list");
		if ((st = compile_list(
			     c, p, val[K_PATTERN] ? "pattern" : "patterns",
			     caseless, &r->patterns, &r->pattern_count,
			     &r->pattern_src, &r->pattern_pre)))
			return st;
		r->pattern_src_count = r->pattern_count;
	}
	if (val[K_EXCEPTIONS] &&
	    (st = compile_list(c, val[K_EXCEPTIONS], "exceptions", caseless,
			       &r->exceptions, &r->exception_count,
			       &r->exception_src, &r->exception_pre)))
		return st;
	if (!val[K_SWAP]) {
		if (!val[K_SUGGEST])
			FAIL(c, val[K_ID], TL_ERULE,
			     "missing required key 'suggest' (every finding "
			     "offers a rewrite)");
		if ((st = get_strings(c, val[K_SUGGEST], "suggest", 1,
				      &r->suggest, &r->suggest_count)))
			return st;
	}
	if (val[K_FIX] && (st = load_fix(c, val[K_FIX], val[K_SWAP], r)))
		return st;
	if (val[K_ARTICLE]) {
		if (!r->fix && !r->fix_rewrite)
			FAIL(c, key[K_ARTICLE], TL_ERULE,
			     "'article' adjusts \"a\" or \"an\" before a fix; "
			     "the rule has no 'fix'");
		if ((st = get_bool(c, val[K_ARTICLE], "article",
				   &r->fix_article)))
			return st;
	}
	if (val[K_EXAMPLES] && (st = load_examples(c, val[K_EXAMPLES], r)))
		return st;
	uint32_t groups = 0;
	for (size_t k = 0; k < r->pattern_count; k++) {
		uint32_t n = tli_rule_captures(r, k);
		if (n > groups)
			groups = n;
	}
	if ((st = check_groups(c, val[K_MESSAGE], "message", r->message,
			       groups)))
		return st;
	for (size_t i = 0; i < r->suggest_count; i++)
		if ((st = check_groups(c, val[K_SUGGEST], "suggest",
				       r->suggest[i], groups)))
			return st;
	if (r->fix && (st = check_groups(c, val[K_ID], "fix", r->fix, groups)))
		return st;
	if (r->doc) {
		/* The scanner runs a rule's `patterns`; a document rule's are
		 * run by docrules.c alone. */
		r->doc->patterns = r->patterns;
		r->doc->pattern_count = r->pattern_count;
		r->patterns = NULL;
		r->pattern_count = 0;
	}
	return TL_OK;
}

tl_status tli_load_pack(const char *file, const char *data, size_t len,
			tl_rule ***out, size_t *count, tli_errinfo *err)
{
	*out = NULL;
	*count = 0;
	char msg[512];
	unsigned line = 0, col = 0;
	tli_ydoc *doc = NULL;
	int prc = tli_ydoc_parse(&doc, data, len, msg, sizeof msg, &line, &col);
	if (prc == -2)
		return TL_ENOMEM;
	if (prc == -3) {
		tli_error_set(err, file, line, col, "%s", msg);
		return TL_ELIMIT;
	}
	if (prc) {
		tli_error_set(err, file, line, col, "YAML syntax error: %s",
			      msg);
		return TL_ESYNTAX;
	}
	tl_status st =
		tli_load_pack_tree(file, tli_ydoc_root(doc), out, count, err);
	tli_ydoc_free(doc);
	return st;
}

/* Loads the rule at `node` as rules[*n], checking its id against those
 * before it. */
static tl_status load_one(ctx *c, const tli_ynode *node, tl_rule **rules,
			  size_t *n)
{
	tl_rule *r = calloc(1, sizeof *r);
	if (!r)
		return TL_ENOMEM;
	r->file = c->file;
	rules[(*n)++] = r;
	c->id = NULL;
	tl_status st = load_rule(c, node, r);
	if (st)
		return st;
	int oom = 0;
	const tl_rule *first = tli_rule_ids_add(&c->ids, r, &oom);
	if (oom)
		return TL_ENOMEM;
	if (first) {
		tli_error_set(c->err, c->file, r->line, r->column,
			      "duplicate rule id '%s' (first "
			      "defined at %s:%u:%u)",
			      r->id, c->file, first->line, first->column);
		return TL_EDUPLICATE;
	}
	return TL_OK;
}

/* The end of both loaders: the rules made, or none of them on failure. */
static tl_status finish_pack(tl_status st, tl_rule **rules, size_t n,
			     tl_rule ***out, size_t *count)
{
	if (st) {
		for (size_t i = 0; i < n; i++)
			tli_rule_free(rules[i]);
		free(rules);
		return st;
	}
	*out = rules;
	*count = n;
	return TL_OK;
}

tl_status tli_load_pack_tree(const char *file, const tli_ynode *root,
			     tl_rule ***out, size_t *count, tli_errinfo *err)
{
	*out = NULL;
	*count = 0;
	ctx c = {file, err, NULL, 0, {NULL, 0, 0}};
	if (!root || root->kind != TLI_Y_SEQ) {
		fail_at(&c, root, "a rule pack is a list of rules; found %s",
			root ? tli_ynode_kind(root) : "an empty file");
		return TL_ERULE;
	}
	tl_rule **rules = calloc(root->count ? root->count : 1, sizeof *rules);
	if (!rules)
		return TL_ENOMEM;
	size_t n = 0;
	tl_status st = TL_OK;
	for (size_t i = 0; i < root->count && !st; i++)
		st = load_one(&c, root->items[i], rules, &n);
	tli_rule_ids_free(&c.ids);
	return finish_pack(st, rules, n, out, count);
}

tl_status tli_load_pack_built(const char *file, const tli_pack_tree *t,
			      tl_rule ***out, size_t *count, tli_errinfo *err)
{
	*out = NULL;
	*count = 0;
	tli_pexpand e = {0};
	const tli_pnode *root =
		t->root == TLI_PNODE_NONE ? NULL : &tli_pack_nodes[t->root];
	if (!root || root->kind != TLI_Y_SEQ) {
		/* not a list: the tree's loader says so */
		const tli_ynode *whole = NULL;
		tl_status st =
			root ? tli_pexpand_node(&e, t->root, &whole) : TL_OK;
		if (!st)
			st = tli_load_pack_tree(file, whole, out, count, err);
		tli_pexpand_free(&e);
		return st;
	}
	ctx c = {file, err, NULL, 1, {NULL, 0, 0}};
	tl_rule **rules = calloc(root->count ? root->count : 1, sizeof *rules);
	if (!rules)
		return TL_ENOMEM;
	size_t n = 0;
	tl_status st = TL_OK;
	/* one rule's nodes at a time, in the same few pages */
	for (size_t i = 0; i < root->count && !st; i++) {
		const tli_ynode *rule;
		st = tli_pexpand_node(&e, tli_pack_items[root->items + i],
				      &rule);
		if (!st)
			st = load_one(&c, rule, rules, &n);
	}
	tli_pexpand_free(&e);
	tli_rule_ids_free(&c.ids);
	return finish_pack(st, rules, n, out, count);
}
