/*
 * dockind.c: what a document is (invoice, reminder, ...) and, for a
 * reminder, its stage: from the configuration, then the content (front
 * matter, an email header), then the file name.
 */
#include <stdio.h>
#include <string.h>

#include "docrules.h"
#include "strbuf.h"

static const char *const kind_names[] = {"none",    "invoice",	 "reminder",
					 "receipt", "statement", "email",
					 "other"};
#define KIND_COUNT (sizeof kind_names / sizeof kind_names[0])

const char *tl_kind_name(tl_kind kind)
{
	return (unsigned)kind < KIND_COUNT ? kind_names[kind] : NULL;
}

tl_status tl_kind_parse(tl_kind *out, tl_stage *stage, const char *name)
{
	for (size_t i = 0; i < KIND_COUNT; i++) {
		if (strcmp(name, kind_names[i]) == 0) {
			*out = (tl_kind)i;
			return TL_OK;
		}
	}
	if (strcmp(name, "dunning") == 0) {
		*out = TL_KIND_REMINDER;
		return TL_OK;
	}
	if (strcmp(name, "final-notice") == 0) {
		*out = TL_KIND_REMINDER;
		if (stage)
			*stage = TL_STAGE_FINAL;
		return TL_OK;
	}
	return TL_EINVAL;
}

const char *tl_stage_name(tl_stage stage)
{
	switch (stage) {
	case TL_STAGE_NONE:
		return "none";
	case TL_STAGE_1:
		return "1";
	case TL_STAGE_2:
		return "2";
	case TL_STAGE_3:
		return "3";
	case TL_STAGE_FINAL:
		return "final";
	}
	return NULL;
}

tl_status tl_stage_parse(tl_stage *out, const char *name)
{
	static const struct {
		const char *name;
		tl_stage stage;
	} names[] = {{"1", TL_STAGE_1},		{"first", TL_STAGE_1},
		     {"2", TL_STAGE_2},		{"second", TL_STAGE_2},
		     {"3", TL_STAGE_3},		{"third", TL_STAGE_3},
		     {"final", TL_STAGE_FINAL}, {"last", TL_STAGE_FINAL}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].stage;
			return TL_OK;
		}
	}
	return TL_EINVAL;
}

tl_status tli_selector_parse(tli_selector *out, const char *s, char *why,
			     size_t why_size)
{
	memset(out, 0, sizeof *out);
	if (strcmp(s, "all") == 0) {
		out->any = 1;
		return TL_OK;
	}
	const char *colon = strchr(s, ':');
	char kind[32];
	size_t klen = colon ? (size_t)(colon - s) : strlen(s);
	if (klen >= sizeof kind ||
	    tl_kind_parse(&out->kind, &out->stage,
			  (memcpy(kind, s, klen), kind[klen] = '\0', kind))) {
		snprintf(why, why_size,
			 "'%s' is not a document kind (expected invoice, "
			 "reminder, receipt, statement, email, other, none, "
			 "all, or kind:stage such as reminder:final)",
			 s);
		return TL_EINVAL;
	}
	if (!colon)
		return TL_OK;
	if (out->kind != TL_KIND_REMINDER || out->stage != TL_STAGE_NONE) {
		snprintf(why, why_size,
			 "'%s': only a reminder has a stage (reminder:1, "
			 "reminder:2, reminder:3, reminder:final)",
			 s);
		return TL_EINVAL;
	}
	if (tl_stage_parse(&out->stage, colon + 1)) {
		snprintf(why, why_size,
			 "'%s': the stage must be 1, 2, 3 or final", s);
		return TL_EINVAL;
	}
	return TL_OK;
}

int tli_selector_fit(const tli_selector *sel, tl_kind kind, tl_stage stage)
{
	if (sel->any)
		return kind != TL_KIND_NONE ? 1 : 0;
	if (sel->kind != kind)
		return 0;
	if (sel->stage == TL_STAGE_NONE)
		return 2;
	return sel->stage == stage ? 3 : 0;
}

void tl_document_set_kind(tl_document *doc, tl_kind kind, tl_stage stage)
{
	doc->cfg_kind = tl_kind_name(kind) ? kind : TL_KIND_NONE;
	doc->cfg_stage = tl_stage_name(stage) ? stage : TL_STAGE_NONE;
}

/* ---------------------------------------------------------------- content */

/* Content is looked at only near the start: a kind is declared there. */
#define HEAD_LIMIT 65536u

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Copies a header or front matter value, trimmed, unquoted, lower-cased. */
static void value_of(const char *p, const char *end, char *out, size_t size)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && strchr(" \t\r\"'", end[-1]))
		end--;
	if (p < end && (*p == '"' || *p == '\''))
		p++;
	size_t n = 0;
	for (; p < end && n + 1 < size; p++)
		out[n++] = (char)lower((unsigned char)*p);
	out[n] = '\0';
}

/* A dunning level as a stage: 1, 2, 3; higher levels and "final" are the
 * final notice. */
static tl_stage level_stage(const char *v)
{
	tl_stage st;
	if (!tl_stage_parse(&st, v))
		return st;
	if (v[0] >= '4' && v[0] <= '9' && v[1] == '\0')
		return TL_STAGE_FINAL;
	return TL_STAGE_NONE;
}

static int key_is(const char *line, const char *end, const char *key)
{
	size_t n = strlen(key);
	if ((size_t)(end - line) <= n || line[n] != ':')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)line[i]) != key[i])
			return 0;
	return 1;
}

static void take_kind(const char *v, tl_kind *kind, tl_stage *stage)
{
	/* "final notice", "final_notice": as "final-notice" */
	char norm[64];
	size_t n = 0;
	for (; v[n] && n + 1 < sizeof norm; n++)
		norm[n] = v[n] == ' ' || v[n] == '_' ? '-' : v[n];
	norm[n] = '\0';
	v = norm;
	tl_kind k;
	tl_stage s = TL_STAGE_NONE;
	if (*kind == TL_KIND_NONE && !tl_kind_parse(&k, &s, v) &&
	    k != TL_KIND_NONE) {
		*kind = k;
		if (s && !*stage)
			*stage = s;
	}
}

/* Front matter ("---" line to a "---" or "..." line) or an email's
 * headers (to the first blank line). */
static void from_content(const tl_document *doc, tl_kind *kind, tl_stage *stage)
{
	const char *s = doc->src;
	size_t n = doc->src_len < HEAD_LIMIT ? doc->src_len : HEAD_LIMIT;
	const char *end = s + n;
	int email = doc->format == TL_FORMAT_EML;
	/* Front matter is at the start of the file, not of a piece. */
	if (doc->base_off)
		return;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	if (!email) {
		if (!(end - s >= 4 && memcmp(s, "---", 3) == 0 &&
		      (s[3] == '\n' || s[3] == '\r')))
			return;
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl) /* "---\r" and nothing after */
			return;
		s = nl + 1;
	}
	char v[64];
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		const char *lt = le > s && le[-1] == '\r' ? le - 1 : le;
		if (email && lt == s)
			break;
		if (!email && lt - s == 3 &&
		    (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0))
			break;
		const char *colon = memchr(s, ':', (size_t)(lt - s));
		if (colon) {
			value_of(colon + 1, lt, v, sizeof v);
			if (email && key_is(s, lt, "x-dunning-level")) {
				*kind = *kind ? *kind : TL_KIND_REMINDER;
				if (!*stage)
					*stage = level_stage(v);
			} else if (key_is(s, lt,
					  email ? "x-document-kind" : "kind")) {
				take_kind(v, kind, stage);
			} else if (key_is(s, lt,
					  email ? "x-document-stage"
						: "stage") &&
				   !*stage) {
				*stage = level_stage(v);
			}
		}
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* ------------------------------------------------------------------- name */

/* Words of the file name (without folders), lower-cased; a digit run ends a
 * word ("reminder1" is "reminder", "1"). */
#define MAX_WORDS 16

typedef struct words {
	char w[MAX_WORDS][24];
	size_t n;
} words;

static void split_name(const char *name, words *out)
{
	const char *slash = strrchr(name, '/');
	const char *p = slash ? slash + 1 : name;
	out->n = 0;
	while (*p && out->n < MAX_WORDS) {
		int c = lower((unsigned char)*p);
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			p++;
			continue;
		}
		int digit = c >= '0' && c <= '9';
		size_t k = 0;
		while (*p) {
			c = lower((unsigned char)*p);
			int d = c >= '0' && c <= '9';
			if (!((c >= 'a' && c <= 'z') || d) || d != digit)
				break;
			if (k + 1 < sizeof out->w[0])
				out->w[out->n][k++] = (char)c;
			p++;
		}
		out->w[out->n][k] = '\0';
		/* "1st", "2nd": the number is the word */
		if (digit &&
		    (strncmp(p, "st", 2) == 0 || strncmp(p, "nd", 2) == 0 ||
		     strncmp(p, "rd", 2) == 0 || strncmp(p, "th", 2) == 0))
			p += 2;
		out->n++;
	}
}

/* Is w one of the words of list? The first letters are compared before
 * the words: every file's name passes here, each of its words against
 * some fifty (a call to strcmp each took 3% of a folder of 5,000 mails'
 * time). */
static int in(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (w[0] == (*list)[0] && strcmp(w, *list) == 0)
			return 1;
	return 0;
}

static void from_name(const char *name, tl_kind *kind, tl_stage *stage)
{
	static const char *const reminder[] = {"reminder",
					       "reminders",
					       "dunning",
					       "overdue",
					       "pastdue",
					       "mahnung",
					       "zahlungserinnerung",
					       "relance",
					       "rappel",
					       "recordatorio",
					       "aanmaning",
					       "sollecito",
					       "herinnering",
					       NULL};
	/* words after which a number is the stage */
	static const char *const stage_word[] = {
		"reminder", "dunning", "notice", "level", "stage",
		"mahnung",  "relance", "step",	 NULL};
	static const char *const invoice[] = {"invoice",  "invoices", "bill",
					      "rechnung", "facture",  "factura",
					      "fattura",  "factuur",  NULL};
	static const char *const receipt[] = {"receipt", "receipts", "quittung",
					      "recibo", NULL};
	static const char *const statement[] = {"statement", "statements",
						NULL};
	static const char *const email[] = {"email", "mail", NULL};
	words w;
	split_name(name, &w);
	tl_kind k = TL_KIND_NONE;
	tl_stage s = TL_STAGE_NONE;
	int saw_past = 0;
	for (size_t i = 0; i < w.n; i++) {
		const char *x = w.w[i];
		const char *next = i + 1 < w.n ? w.w[i + 1] : "";
		/* "notice", "demand" and "collection" alone are too common
		 * ("privacy-notice", "on-demand", "data-collection") */
		static const char *const before[] = {"final", "last", "payment",
						     "overdue", NULL};
		static const char *const letter[] = {"letter", "notice", NULL};
		static const char *const weak[] = {"notice", "demand", NULL};
		static const char *const coll[] = {"collection", "collections",
						   NULL};
		if (in(x, reminder) || (saw_past && strcmp(x, "due") == 0) ||
		    (in(x, weak) && i > 0 && in(w.w[i - 1], before)) ||
		    (in(x, coll) && in(next, letter)))
			k = TL_KIND_REMINDER;
		saw_past = strcmp(x, "past") == 0;
		if (strcmp(x, "final") == 0 || strcmp(x, "last") == 0)
			s = TL_STAGE_FINAL;
		else if (!s && (strcmp(x, "first") == 0))
			s = TL_STAGE_1;
		else if (!s && (strcmp(x, "second") == 0))
			s = TL_STAGE_2;
		else if (!s && (strcmp(x, "third") == 0))
			s = TL_STAGE_3;
		/* "reminder-2", "2-reminder", "dunning-level-3" */
		int num = x[0] >= '1' && x[0] <= '9' && x[1] == '\0';
		if (num && !s &&
		    ((i > 0 && in(w.w[i - 1], stage_word)) ||
		     in(next, stage_word)))
			s = x[0] >= '4' ? TL_STAGE_FINAL
					: (tl_stage)(x[0] - '0');
	}
	if (k == TL_KIND_NONE) {
		for (size_t i = 0; i < w.n && k == TL_KIND_NONE; i++) {
			if (in(w.w[i], invoice))
				k = TL_KIND_INVOICE;
			else if (in(w.w[i], receipt))
				k = TL_KIND_RECEIPT;
			else if (in(w.w[i], statement))
				k = TL_KIND_STATEMENT;
		}
		for (size_t i = 0; i < w.n && k == TL_KIND_NONE; i++)
			if (in(w.w[i], email))
				k = TL_KIND_EMAIL;
	}
	/* "final-notice" alone is a final reminder; a stage without a
	 * reminder word ("first-steps.md") says nothing. */
	if (k == TL_KIND_NONE)
		return;
	if (!*kind)
		*kind = k;
	if (*kind == TL_KIND_REMINDER && !*stage)
		*stage = s;
}

/* Catalogues (many messages) and mailboxes are not one letter: only a
 * configuration can give them a kind. */
static int is_collection(tl_format f)
{
	return f == TL_FORMAT_MBOX || f == TL_FORMAT_PO ||
	       f == TL_FORMAT_PROPERTIES || f == TL_FORMAT_JSON ||
	       f == TL_FORMAT_YAML || f == TL_FORMAT_XLIFF;
}

tl_kind tli_document_kind(const tl_document *doc, tl_stage *stage,
			  tl_kind_source *source)
{
	tl_kind k = doc->cfg_kind;
	tl_stage s = doc->cfg_stage;
	tl_kind_source src = k ? TL_KIND_FROM_CONFIG : TL_KIND_FROM_NOWHERE;
	if (!is_collection(doc->format)) {
		if (!k || !s) {
			tl_kind before = k;
			from_content(doc, &k, &s);
			if (!before && k)
				src = TL_KIND_FROM_CONTENT;
		}
		if (!k || !s) {
			tl_kind before = k;
			from_name(doc->name, &k, &s);
			if (!before && k)
				src = TL_KIND_FROM_NAME;
		}
	}
	if (!k && doc->format == TL_FORMAT_EML) {
		k = TL_KIND_EMAIL;
		src = TL_KIND_FROM_CONTENT;
	}
	if (k != TL_KIND_REMINDER)
		s = TL_STAGE_NONE;
	if (stage)
		*stage = s;
	if (source)
		*source = src;
	return k;
}

tl_kind tl_document_kind(const tl_document *doc, tl_stage *stage,
			 tl_kind_source *source)
{
	return tli_document_kind(doc, stage, source);
}
