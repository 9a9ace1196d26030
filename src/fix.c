/*
 * fix.c: automatic fixes. At match time a finding gets its replacement
 * (case adapted, article and white space adjusted) and a verdict on
 * whether it can be written back exactly, through the text's map. Later,
 * tl_fix_new picks the fixes of a result that do not overlap and applies
 * them to the source bytes; tl_fix_again composes further passes.
 */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "filewrite.h"
#include "readers/readers.h"
#include "result.h"
#include "strbuf.h"
#include "subst.h"
#include "utf8.h"

/* Why a fix cannot be written back. Static: findings borrow them. */
#define WHY_EMPTY	"the match is empty"
#define WHY_BASE64	"the text is in a base64-encoded email body"
#define WHY_PLACEHOLDER "the match includes a template placeholder"
#define WHY_PLACEHOLDER_LOST                                             \
	"the replacement does not keep the template placeholder as the " \
	"file writes it"
#define WHY_ENTITY "the match includes a character reference (such as &amp;)"
#define WHY_QP	   "the match includes quoted-printable encoding"
#define WHY_ESCAPE "the match includes an escape sequence"
#define WHY_MARKUP "the match spans markup or template code between its words"
#define WHY_DECODED                                                         \
	"the match includes text written differently in the file (decoded " \
	"or converted)"
#define WHY_ASCII                                                             \
	"the replacement is not plain ASCII, which an email part in another " \
	"charset cannot hold"
#define WHY_QP_LINE                                                            \
	"the rewritten line would be longer than quoted-printable allows (76 " \
	"characters)"

/* The longest line quoted-printable allows, without its line break. */
#define QP_MAX_LINE 76

int tl_rule_has_fix(const tl_rule *r)
{
	if (r->fix)
		return 1;
	for (size_t i = 0; r->fix_rewrite && i < r->rewrite_count; i++)
		if (r->fix_rewrite[i])
			return 1;
	return 0;
}

static int is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_hspace(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* A byte that continues a word: an article must stand alone. */
static int is_wordish(unsigned char c)
{
	return c >= 0x80 || is_alpha(c) || (c >= '0' && c <= '9') ||
	       c == '\'' || c == '-' || c == '_';
}

/* Two or more capitals and no small letter: "PRIOR TO". */
static int all_caps(const char *s, size_t n)
{
	size_t upper = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'a' && c <= 'z')
			return 0;
		upper += is_upper(c);
	}
	return upper >= 2;
}

static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if ((s[i] | 0x20) != prefix[i])
			return 0;
	return 1;
}

int tli_fix_wants_an(const char *s, size_t n)
{
	/* Spelling, not sound: a vowel letter takes "an", with the common
	 * words that sound otherwise (a user, a one-off, an hour). */
	static const char *const vowel_as_consonant[] = {
		"uni", "use", "usa", "usu", "uti", "ure",
		"uri", "uro", "eu",  "ewe", "one", "once"};
	static const char *const silent_h[] = {"hour", "honest", "honou",
					       "honor", "heir"};
	while (n > 0 && !is_alpha((unsigned char)*s) &&
	       !(*s >= '0' && *s <= '9')) {
		s++;
		n--;
	}
	if (n == 0)
		return 0;
	if (*s >= '0' && *s <= '9') /* an 8, an 11, an 18 */
		return *s == '8' ||
		       (n >= 2 && s[0] == '1' && (s[1] == '1' || s[1] == '8') &&
			(n == 2 || !(s[2] >= '0' && s[2] <= '9')));
	for (size_t i = 0; i < sizeof silent_h / sizeof *silent_h; i++)
		if (starts_with_ci(s, n, silent_h[i]))
			return 1;
	if (!strchr("aeiou", *s | 0x20))
		return 0;
	for (size_t i = 0;
	     i < sizeof vowel_as_consonant / sizeof *vowel_as_consonant; i++)
		if (starts_with_ci(s, n, vowel_as_consonant[i]))
			return 0;
	return 1;
}

/* Why the map entry `e` of t, which is not byte for byte, is so. */
static const char *replaced_why(const tl_document *doc, const tli_text *t,
				const tli_map_entry *e)
{
	if (e->src_len == 0 || e->src_off >= doc->src_len)
		return WHY_MARKUP;
	const char *src = doc->src + e->src_off;
	if (e->placeholder)
		return WHY_PLACEHOLDER;
	if (src[0] == '&')
		return WHY_ENTITY;
	if (src[0] == '=' && t->transfer == TLI_TRANSFER_QP)
		return WHY_QP;
	if (src[0] == '\\')
		return WHY_ESCAPE;
	return WHY_DECODED;
}

/*
 * Where text bytes [ts, te) of t are in the source, if they are there byte
 * for byte: every map entry they touch copies its source unchanged, the
 * entries follow one another in the source too, and the bytes agree.
 * Returns NULL and *src_off, or why not.
 */
static const char *exact_source(const tl_document *doc, const tli_text *t,
				size_t ts, size_t te, size_t *src_off,
				size_t *src_end)
{
	size_t start = 0;
	int has_ph = 0;
	size_t next_src = 0;
	if (!t->map) {
		start = t->src_base + ts;
	} else {
		size_t lo = 0, hi = t->map_len;
		while (lo < hi) { /* first entry ending after ts */
			size_t mid = lo + (hi - lo) / 2;
			if (t->map[mid].text_off + t->map[mid].text_len <= ts)
				lo = mid + 1;
			else
				hi = mid;
		}
		size_t cur = ts;
		for (size_t i = lo; cur < te; i++) {
			if (i == t->map_len || t->map[i].text_off > cur)
				return WHY_MARKUP; /* text with no source */
			const tli_map_entry *e = &t->map[i];
			if (e->placeholder && cur == e->text_off &&
			    e->text_off + e->text_len <= te &&
			    e->src_off + e->src_len <= doc->src_len) {
				/* A whole placeholder: its source follows
				 * the words before it, and the replacement
				 * must carry it (checked by the caller). */
				if (cur == ts)
					start = e->src_off;
				else if (e->src_off != next_src)
					return WHY_MARKUP;
				next_src = e->src_off + e->src_len;
				cur = e->text_off + e->text_len;
				has_ph = 1;
				continue;
			}
			if (e->text_len != e->src_len || e->placeholder)
				return replaced_why(doc, t, e);
			size_t here = e->src_off + (cur - e->text_off);
			if (cur == ts)
				start = here;
			else if (here != next_src)
				return WHY_MARKUP; /* a tag between the words */
			size_t stop = e->text_off + e->text_len;
			if (stop > te)
				stop = te;
			/* A replaced run whose lengths happen to agree
			 * reads as byte for byte in the map (a charset that
			 * kept the length): the bytes decide. */
			if (here > doc->src_len ||
			    stop - cur > doc->src_len - here ||
			    memcmp(doc->src + here, t->data + cur,
				   stop - cur) != 0)
				return WHY_DECODED;
			next_src = here + (stop - cur);
			cur = stop;
		}
	}
	if (!t->map &&
	    (start > doc->src_len || te - ts > doc->src_len - start ||
	     memcmp(doc->src + start, t->data + ts, te - ts) != 0))
		return WHY_DECODED;
	*src_off = start;
	*src_end = t->map ? (has_ph || te > ts ? next_src : start)
			  : start + (te - ts);
	return NULL;
}

/* Does `repl` carry every placeholder of text bytes [ts, te) exactly as
 * the file writes it? Then those bytes of it are the file's own and need
 * no escaping: mask[i] is set for them. A fix that drops or changes a
 * placeholder is not written. */
static int keeps_placeholders(const tl_document *doc, const tli_text *t,
			      size_t ts, size_t te, const char *repl,
			      size_t rlen, unsigned char *mask)
{
	for (size_t i = 0; t->map && i < t->map_len; i++) {
		const tli_map_entry *e = &t->map[i];
		if (!e->placeholder || e->text_off < ts ||
		    e->text_off + e->text_len > te)
			continue;
		const char *p = doc->src + e->src_off;
		size_t n = e->src_len, found = 0;
		for (size_t k = 0; n && k + n <= rlen; k++) {
			if (memcmp(repl + k, p, n) != 0)
				continue;
			memset(mask + k, 1, n);
			found = 1;
			k += n - 1;
		}
		if (!found)
			return 0;
	}
	return 1;
}

/* May `c` be written into a document of this format as it is? Characters
 * with a meaning in the format (<, &, {, %, \, ", :) would need escaping,
 * which a fix does not attempt; white space is allowed where the replaced
 * text had the same. */
static int safe_char(tl_format fmt, unsigned char c, const char *old,
		     size_t old_len)
{
	if (fmt == TL_FORMAT_TEXT)
		return 1;
	if (c >= 0x80)
		return fmt != TL_FORMAT_EML && fmt != TL_FORMAT_MBOX;
	if (is_alpha(c) || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
	    c == '-')
		return 1;
	if (c == '\n' || c == '\r' || c == '\t')
		return memchr(old, c, old_len) != NULL;
	if (fmt == TL_FORMAT_YAML) /* flow collections, tags, comments */
		return 0;
	if (strchr(",;!?()", c))
		return 1;
	if (c == '\'')
		return fmt == TL_FORMAT_TEMPLATE || fmt == TL_FORMAT_MARKDOWN ||
		       fmt == TL_FORMAT_JSON || fmt == TL_FORMAT_PO;
	return 0;
}

/* Would writing `repl` over source [a, b) make a line longer than
 * quoted-printable allows (and longer than it was)? */
static int qp_line_too_long(const tl_document *doc, size_t a, size_t b,
			    const char *repl, size_t rlen)
{
	size_t ls = a, le = b;
	while (ls > 0 && doc->src[ls - 1] != '\n')
		ls--;
	while (le < doc->src_len && doc->src[le] != '\n')
		le++;
	if (le > ls && doc->src[le - 1] == '\r')
		le--;
	size_t old_max = 0, run = 0;
	for (size_t i = ls; i < le; i++) {
		run = doc->src[i] == '\n' ? 0 : run + 1;
		if (run > old_max)
			old_max = run;
	}
	size_t new_max = 0;
	run = a - ls;
	for (size_t i = 0; i < rlen; i++) {
		if (run > new_max)
			new_max = run;
		run = repl[i] == '\n' ? 0 : run + 1;
	}
	run += le - b;
	if (run > new_max)
		new_max = run;
	return new_max > QP_MAX_LINE && new_max > old_max;
}

static size_t mark_index(const tl_rule *r, pcre2_match_data *md)
{
	PCRE2_SPTR mark = pcre2_get_mark(md);
	size_t idx = mark ? (size_t)strtoul((const char *)mark, NULL, 10) : 0;
	return idx < r->rewrite_count ? idx : 0;
}

/* The replacement for the match, case adapted; NULL with *none set when
 * the rule has no fix for it. */
static char *replacement(const tl_document *doc, const tl_rule *r,
			 const tli_text *t, size_t s, size_t e,
			 pcre2_match_data *md, int exact, int *none)
{
	tli_buf b = TLI_BUF_INIT;
	*none = 0;
	if (r->rewrite_count) {
		size_t idx = mark_index(r, md);
		if (!r->fix_rewrite || !r->fix_rewrite[idx]) {
			*none = 1;
			return NULL;
		}
		tli_adapt_case(&b, r->rewrites[idx], t->data + s, e - s);
		return tli_buf_take(&b);
	}
	if (!r->fix) {
		*none = 1;
		return NULL;
	}
	/* A group holding a placeholder carries it: the file's own bytes
	 * (`exact`) for a fix to write, or as messages show it for a fix
	 * that is only shown. */
	if (exact)
		tli_display_expand_exact(&b, r->fix, doc, t,
					 pcre2_get_ovector_pointer(md),
					 pcre2_get_ovector_count(md));
	else
		tli_display_expand(&b, r->fix, doc, t,
				   pcre2_get_ovector_pointer(md),
				   pcre2_get_ovector_count(md));
	char *raw = tli_buf_take(&b);
	if (!raw)
		return NULL;
	tli_adapt_case(&b, raw, t->data + s, e - s);
	free(raw);
	return tli_buf_take(&b);
}

/* A match wrapped over lines keeps its first line break (with the
 * indentation after it) in place of the replacement's first space, so a
 * hard-wrapped paragraph stays wrapped. */
static char *keep_line_break(char *repl, const char *m, size_t mlen)
{
	const char *nl = memchr(m, '\n', mlen);
	char *sp = strchr(repl, ' ');
	if (!nl || !sp)
		return repl;
	size_t a = (size_t)(nl - m), b = a + 1;
	while (a > 0 && is_space(m[a - 1]))
		a--;
	while (b < mlen && is_space(m[b]))
		b++;
	tli_buf out = TLI_BUF_INIT;
	tli_buf_append(&out, repl, (size_t)(sp - repl));
	tli_buf_append(&out, m + a, b - a);
	tli_buf_puts(&out, sp + 1);
	free(repl);
	return tli_buf_take(&out);
}

tl_status tli_fix_prepare(tl_result *res, const tl_rule *r, const tli_text *t,
			  size_t s, size_t e, pcre2_match_data *md,
			  tl_finding *f)
{
	const tl_document *doc = res->doc;
	const char *text = t->data;
	int none;
	char *repl = replacement(doc, r, t, s, e, md, 1, &none);
	if (none)
		return TL_OK;
	if (!repl)
		return TL_ENOMEM;
	size_t ts = s, te = e;
	const char *why = NULL;
	if (s == e)
		why = WHY_EMPTY;
	else if (t->transfer == TLI_TRANSFER_BASE64)
		why = WHY_BASE64;
	if (!why && repl[0]) {
		repl = keep_line_break(repl, text + s, e - s);
		if (!repl)
			return TL_ENOMEM;
	} else if (!why) {
		/* A deletion takes one side's spaces with it: those before
		 * it in mid-sentence ("We hereby confirm", "paid hereby."),
		 * else those after ("Hereby we"), and a sentence it started
		 * starts with a capital again. */
		size_t a = ts;
		while (a > 0 && is_hspace(text[a - 1]))
			a--;
		char next = te < t->len ? text[te] : '\0';
		int starts = a == 0 || text[a - 1] == '\n' ||
			     (a < ts && strchr(".!?", text[a - 1]));
		if (!starts && (next == '\0' || is_space(next) ||
				strchr(".,;:!?)", next))) {
			ts = a;
		} else {
			while (te < t->len && is_hspace(text[te]))
				te++;
			/* "Kindly note" without "Kindly " is "Note". */
			if (is_upper((unsigned char)text[s]) && te < t->len &&
			    text[te] >= 'a' && text[te] <= 'z' && te > e) {
				free(repl);
				char up[2] = {(char)(text[te] - 'a' + 'A'), 0};
				if (!(repl = tli_strndup(up, 1)))
					return TL_ENOMEM;
				te++;
			}
		}
	}
	if (!why && r->fix_article && repl[0]) {
		size_t w = ts;
		while (w > 0 && is_space(text[w - 1]))
			w--;
		size_t a0 = w;
		while (a0 > 0 && is_alpha((unsigned char)text[a0 - 1]))
			a0--;
		size_t alen = w - a0;
		int is_article =
			w < ts && (alen == 1 || alen == 2) &&
			(text[a0] | 0x20) == 'a' &&
			(alen == 1 || (text[a0 + 1] | 0x20) == 'n') &&
			(a0 == 0 || !is_wordish((unsigned char)text[a0 - 1]));
		int want_an = tli_fix_wants_an(repl, strlen(repl));
		if (is_article && want_an != (alen == 2)) {
			const char *art;
			if (!is_upper((unsigned char)text[a0]))
				art = want_an ? "an" : "a";
			else if (!want_an)
				art = "A";
			else
				art = all_caps(text + s, e - s) ? "AN" : "An";
			tli_buf b = TLI_BUF_INIT;
			tli_buf_puts(&b, art);
			tli_buf_append(&b, text + w, ts - w);
			tli_buf_puts(&b, repl);
			free(repl);
			if (!(repl = tli_buf_take(&b)))
				return TL_ENOMEM;
			ts = a0;
		}
	}
	size_t rlen = strlen(repl), src = 0, src_end = 0;
	if (!why)
		why = exact_source(doc, t, ts, te, &src, &src_end);
	unsigned char *mask = calloc(rlen + 1, 1);
	if (!mask) {
		free(repl);
		return TL_ENOMEM;
	}
	if (!why && !keeps_placeholders(doc, t, ts, te, repl, rlen, mask))
		why = WHY_PLACEHOLDER_LOST;
	if (!why && doc->format != TL_FORMAT_TEXT) {
		int eml = doc->format == TL_FORMAT_EML ||
			  doc->format == TL_FORMAT_MBOX;
		for (size_t i = 0; i < rlen && !why; i++) {
			unsigned char c = (unsigned char)repl[i];
			if (mask[i] ||
			    safe_char(doc->format, c, text + ts, te - ts))
				continue;
			if (c >= 0x80 && eml) {
				why = WHY_ASCII;
				break;
			}
			tli_buf b = TLI_BUF_INIT;
			if (c < 0x20 || c == 0x7f)
				tli_buf_printf(&b,
					       "the replacement holds a "
					       "control character (0x%02x)",
					       c);
			else
				tli_buf_printf(&b, "the replacement holds '%c'",
					       c);
			tli_buf_printf(&b, ", which would need escaping in %s",
				       tl_format_name(doc->format));
			char *msg = tli_buf_take(&b);
			why = msg ? tli_result_strdup(res, msg, strlen(msg))
				  : NULL;
			free(msg);
			if (!why) {
				free(mask);
				free(repl);
				return TL_ENOMEM;
			}
		}
	}
	free(mask);
	if (!why && t->transfer == TLI_TRANSFER_QP &&
	    qp_line_too_long(doc, src, src_end, repl, rlen))
		why = WHY_QP_LINE;
	if (why && rlen && strcmp(f->match, f->prose_match) != 0) {
		/* Not written, only shown: placeholders as messages show
		 * them, never the file's markup. */
		int no;
		char *shown = replacement(doc, r, t, s, e, md, 0, &no);
		if (!shown) {
			free(repl);
			return TL_ENOMEM;
		}
		free(repl);
		repl = shown;
		rlen = strlen(repl);
	}
	f->fix = tli_result_strdup(res, repl, rlen);
	free(repl);
	if (!f->fix)
		return TL_ENOMEM;
	f->fix_blocked = why;
	f->fix_offset = why ? f->offset : src;
	f->fix_length = why ? f->length : src_end - src;
	return TL_OK;
}

/* ------------------------------------------------------------------ */
/* Applying fixes                                                      */

/* A change from the original source to the current one (diff.h): kept
 * sorted and apart. */
typedef tli_change region;

/* One fix to apply in the current pass, in the current source. */
typedef struct edit {
	size_t s, e;
	const char *text;
	size_t len;
	const tl_finding *f;
	size_t order; /* index of the finding in its result */
} edit;

struct tl_fix {
	const tl_result *res;
	const tl_document *doc;
	tl_fix_select select;
	void *payload;
	char *cur;
	size_t cur_len;
	region *reg;
	size_t nreg;
	size_t applied;
	tl_fix_outcome *outcomes;
	size_t noutcomes;
	char **notes; /* the outcomes' notes that were built */
	size_t nnotes;
};

static int by_priority(const void *a, const void *b)
{
	const edit *x = a, *y = b;
	if (x->f->severity != y->f->severity)
		return x->f->severity > y->f->severity ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->f->rule->index != y->f->rule->index)
		return x->f->rule->index < y->f->rule->index ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int by_start(const void *a, const void *b)
{
	const edit *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Why `loser` gave way to `winner` (which sorts before it). */
static char *overlap_note(const edit *winner, const edit *loser)
{
	const char *why;
	if (winner->f->severity != loser->f->severity)
		why = "which has a higher severity";
	else if (winner->s != loser->s)
		why = "which has the same severity and starts earlier";
	else
		why = "which has the same severity and place and a rule "
		      "loaded earlier";
	tli_buf b = TLI_BUF_INIT;
	tli_buf_printf(&b, "it overlaps the fix of %s, %s", winner->f->rule->id,
		       why);
	return tli_buf_take(&b);
}

static tl_status keep_note(tl_fix *fx, char *note, const char **out)
{
	if (!note)
		return TL_ENOMEM;
	char **p = realloc(fx->notes, (fx->nnotes + 1) * sizeof *p);
	if (!p) {
		free(note);
		return TL_ENOMEM;
	}
	fx->notes = p;
	fx->notes[fx->nnotes++] = note;
	*out = note;
	return TL_OK;
}

/*
 * Chooses the edits of one pass over `res` (whose source is fx->cur):
 * *out, sorted by start, none overlapping. With `record`, the outcome of
 * every fix considered goes to fx->outcomes.
 */
static tl_status plan(tl_fix *fx, const tl_result *res, int record, edit **out,
		      size_t *count)
{
	*out = NULL;
	*count = 0;
	size_t n = tl_result_count(res);
	edit *live = calloc(n ? n : 1, sizeof *live);
	edit *kept = calloc(n ? n : 1, sizeof *kept);
	/* slot[i]: the outcome of finding i, so outcomes stay in source
	 * order whatever order the fixes are decided in. */
	size_t *slot = calloc(n ? n : 1, sizeof *slot);
	size_t nlive = 0, nkept = 0;
	tl_status st = TL_OK;
	if (!live || !kept || !slot) {
		st = TL_ENOMEM;
		goto out;
	}
	if (record) {
		fx->outcomes = calloc(n ? n : 1, sizeof *fx->outcomes);
		if (!fx->outcomes) {
			st = TL_ENOMEM;
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		if (!f->fix || (fx->select && !fx->select(f, fx->payload)))
			continue;
		const char *note = f->fix_blocked;
		size_t flen = strlen(f->fix);
		if (!note && (f->fix_offset > fx->cur_len ||
			      f->fix_length > fx->cur_len - f->fix_offset))
			note = "the fix lies outside the document";
		else if (!note && flen == f->fix_length &&
			 memcmp(fx->cur + f->fix_offset, f->fix, flen) == 0)
			note = "the fix would change nothing";
		if (record) {
			slot[i] = fx->noutcomes;
			tl_fix_outcome *o = &fx->outcomes[fx->noutcomes++];
			o->finding = f;
			o->applied = 0;
			o->note = note;
		}
		if (note)
			continue;
		edit *ed = &live[nlive++];
		ed->s = f->fix_offset;
		ed->e = f->fix_offset + f->fix_length;
		ed->text = f->fix;
		ed->len = flen;
		ed->f = f;
		ed->order = i;
	}
	qsort(live, nlive, sizeof *live, by_priority);
	/* kept[] stays sorted by start: each candidate is checked against
	 * its neighbours there. */
	for (size_t i = 0; i < nlive; i++) {
		edit *ed = &live[i];
		size_t lo = 0, hi = nkept;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (kept[mid].s < ed->s)
				lo = mid + 1;
			else
				hi = mid;
		}
		const edit *clash = NULL;
		if (lo > 0 && kept[lo - 1].e > ed->s)
			clash = &kept[lo - 1];
		else if (lo < nkept && kept[lo].s < ed->e)
			clash = &kept[lo];
		if (clash) {
			if (record) {
				tl_fix_outcome *o =
					&fx->outcomes[slot[ed->order]];
				st = keep_note(fx, overlap_note(clash, ed),
					       &o->note);
				if (st)
					break;
			}
			continue;
		}
		memmove(kept + lo + 1, kept + lo, (nkept - lo) * sizeof *kept);
		kept[lo] = *ed;
		nkept++;
		if (record)
			fx->outcomes[slot[ed->order]].applied = 1;
	}
out:
	free(slot);
	free(live);
	if (st) {
		free(kept);
		return st;
	}
	qsort(kept, nkept, sizeof *kept, by_start);
	*out = kept;
	*count = nkept;
	return TL_OK;
}

/*
 * Composes the changes so far (original -> current, fx->reg) with one
 * pass (current -> new, `pass`). Both are sorted and apart. A change of
 * the pass that touches earlier ones merges with them; the boundaries of
 * each merged change lie outside every change of either list, where the
 * offsets map linearly.
 */
static tl_status compose(tl_fix *fx, const region *pass, size_t npass)
{
	region *out = malloc((fx->nreg + npass + 1) * sizeof *out);
	if (!out)
		return TL_ENOMEM;
	size_t i = 0, j = 0, n = 0;
	/* growth so far: of the old changes (current minus original) and of
	 * the pass (new minus current) */
	long long da = 0, dp = 0;
	while (i < fx->nreg || j < npass) {
		int take_a = j == npass ||
			     (i < fx->nreg && fx->reg[i].ns <= pass[j].os);
		size_t cs = take_a ? fx->reg[i].ns : pass[j].os;
		size_t ce = cs;
		long long da0 = da, dp0 = dp;
		for (;;) {
			if (i < fx->nreg && fx->reg[i].ns <= ce) {
				const region *a = &fx->reg[i++];
				if (a->ne > ce)
					ce = a->ne;
				da += (long long)(a->ne - a->ns) -
				      (long long)(a->oe - a->os);
			} else if (j < npass && pass[j].os <= ce) {
				const region *p = &pass[j++];
				if (p->oe > ce)
					ce = p->oe;
				dp += (long long)(p->ne - p->ns) -
				      (long long)(p->oe - p->os);
			} else {
				break;
			}
		}
		region m = {(size_t)((long long)cs - da0),
			    (size_t)((long long)ce - da),
			    (size_t)((long long)cs + dp0),
			    (size_t)((long long)ce + dp)};
		out[n++] = m;
	}
	free(fx->reg);
	fx->reg = out;
	fx->nreg = n;
	return TL_OK;
}

/* Applies the edits to fx->cur and records them. */
static tl_status apply(tl_fix *fx, const edit *ed, size_t n)
{
	if (n == 0)
		return TL_OK;
	size_t len = fx->cur_len;
	for (size_t i = 0; i < n; i++)
		len = len - (ed[i].e - ed[i].s) + ed[i].len;
	char *buf = malloc(len + 1);
	region *pass = malloc(n * sizeof *pass);
	if (!buf || !pass) {
		free(buf);
		free(pass);
		return TL_ENOMEM;
	}
	size_t from = 0, at = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + at, fx->cur + from, ed[i].s - from);
		at += ed[i].s - from;
		pass[i].os = ed[i].s;
		pass[i].oe = ed[i].e;
		pass[i].ns = at;
		memcpy(buf + at, ed[i].text, ed[i].len);
		at += ed[i].len;
		pass[i].ne = at;
		from = ed[i].e;
	}
	memcpy(buf + at, fx->cur + from, fx->cur_len - from);
	at += fx->cur_len - from;
	buf[at] = '\0';
	tl_status st = compose(fx, pass, n);
	free(pass);
	if (st) {
		free(buf);
		return st;
	}
	free(fx->cur);
	fx->cur = buf;
	fx->cur_len = at;
	fx->applied += n;
	return TL_OK;
}

tl_status tl_fix_new(tl_fix **out, const tl_result *res, tl_fix_select select,
		     void *payload)
{
	*out = NULL;
	tl_fix *fx = calloc(1, sizeof *fx);
	if (!fx)
		return TL_ENOMEM;
	fx->res = res;
	fx->doc = tl_result_document(res);
	fx->select = select;
	fx->payload = payload;
	fx->cur = tli_strndup(fx->doc->src, fx->doc->src_len);
	fx->cur_len = fx->doc->src_len;
	edit *ed = NULL;
	size_t n = 0;
	tl_status st = fx->cur ? plan(fx, res, 1, &ed, &n) : TL_ENOMEM;
	if (!st)
		st = apply(fx, ed, n);
	free(ed);
	if (st) {
		tl_fix_free(fx);
		return st;
	}
	*out = fx;
	return TL_OK;
}

tl_status tl_fix_again(tl_fix *fx, const tl_result *res, size_t *applied)
{
	if (applied)
		*applied = 0;
	const tl_document *d = tl_result_document(res);
	if (d->src_len != fx->cur_len ||
	    memcmp(d->src, fx->cur, fx->cur_len) != 0)
		return TL_EINVAL;
	edit *ed = NULL;
	size_t n = 0;
	tl_status st = plan(fx, res, 0, &ed, &n);
	if (!st)
		st = apply(fx, ed, n);
	free(ed);
	if (!st && applied)
		*applied = n;
	return st;
}

void tl_fix_free(tl_fix *fx)
{
	if (!fx)
		return;
	for (size_t i = 0; i < fx->nnotes; i++)
		free(fx->notes[i]);
	free(fx->notes);
	free(fx->outcomes);
	free(fx->reg);
	free(fx->cur);
	free(fx);
}

const char *tl_fix_source(const tl_fix *fx, size_t *len)
{
	if (len)
		*len = fx->cur_len;
	return fx->cur;
}

size_t tl_fix_applied(const tl_fix *fx)
{
	return fx->applied;
}

size_t tl_fix_outcome_count(const tl_fix *fx)
{
	return fx->noutcomes;
}

const tl_fix_outcome *tl_fix_outcome_at(const tl_fix *fx, size_t i)
{
	return i < fx->noutcomes ? &fx->outcomes[i] : NULL;
}

void tl_fix_locate(const tl_fix *fx, size_t offset, unsigned *line,
		   unsigned *column)
{
	long long delta = 0;
	size_t pos = (size_t)-1;
	for (size_t i = 0; i < fx->nreg; i++) {
		const region *r = &fx->reg[i];
		if (offset < r->os)
			break;
		if (offset < r->oe) {
			pos = r->ns;
			break;
		}
		delta +=
			(long long)(r->ne - r->ns) - (long long)(r->oe - r->os);
	}
	if (pos == (size_t)-1)
		pos = (size_t)((long long)offset + delta);
	if (pos > fx->cur_len)
		pos = fx->cur_len;
	unsigned ln = 1;
	size_t start = 0;
	for (const char *p = fx->cur;
	     (p = memchr(p, '\n', (size_t)(fx->cur + pos - p))) != NULL; p++) {
		ln++;
		start = (size_t)(p - fx->cur) + 1;
	}
	*line = ln;
	*column = (unsigned)tli_utf8_count(fx->cur + start, pos - start) + 1;
}

tl_status tl_fix_write_diff(const tl_fix *fx, FILE *stream, const char *name)
{
	return tli_diff_write(stream, name ? name : fx->doc->name, fx->doc->src,
			      fx->doc->src_len, fx->cur, fx->cur_len, fx->reg,
			      fx->nreg, 3);
}

tl_status tl_fix_write_file(const tl_fix *fx, const char *path, char *errbuf,
			    size_t errbuf_size)
{
	if (errbuf && errbuf_size)
		errbuf[0] = '\0';
	if (fx->applied == 0)
		return TL_OK;
	return tli_replace_file(path, fx->cur, fx->cur_len, fx->doc, errbuf,
				errbuf_size);
}
