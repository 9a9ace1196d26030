/*
 * report_html.c: one self-contained HTML page for people who do not read
 * compiler output (accounting teams, their managers). First the overall
 * picture: counts by category and severity, and each document's tone score
 * as an SVG bar chart, worst first. Then each document as the customer
 * reads it, every finding highlighted in its category's colour and
 * explained beside the text.
 *
 * The page needs nothing else: the stylesheet and the script (filters,
 * keys) are in report_html_assets.h. The markup is XHTML-compatible HTML5,
 * so an XML parser reads it too. The overview comes first but is known only
 * at the end, and documents appear worst first, so each document's section
 * is kept in memory (rep->body) until tl_report_finish.
 *
 * Findings carry source offsets; the readable text is the document's prose
 * (doc->texts), so each finding is first found again in its text run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readers/readers.h"
#include "report.h"
#include "report_html_assets.h"
#include "subst.h"
#include "utf8.h"
#include "xmlout.h"

/* A text longer than this is shown as excerpts around its findings. */
#define LONG_TEXT (64 * 1024)
/* Context kept around a finding in an excerpt, in bytes, widened to lines. */
#define EXCERPT_CONTEXT 300
/* A document with more prose than this shows only the parts with findings. */
#define LONG_DOCUMENT (256 * 1024)
/* How far a sentence is looked for on each side of a finding. */
#define SENTENCE_MAX 300
/* A line of plain text at least this long, followed by more prose, was
 * wrapped by an editor: the page lets it flow. */
#define WRAPPED_LINE 50
/* Placeholders are shown as they are written, up to this many bytes. */
#define PLACEHOLDER_MAX 48
/* Rows of the score chart; the rest of the documents are listed below it. */
#define CHART_ROWS 40
/* Document names in the chart are shortened to this many characters. */
#define CHART_NAME 44

/* Score bands: the words and colours the page uses for a tone score. */
#define BAND_WARM  80
#define BAND_MIXED 50

/* ------------------------------------------------------------------------ */
/* Words for people                                                          */

static const char *severity_words(tl_severity s)
{
	switch (s) {
	case TL_SEVERITY_ERROR:
		return "Needs rewriting";
	case TL_SEVERITY_WARNING:
		return "Should change";
	case TL_SEVERITY_SUGGESTION:
		return "Could be warmer";
	}
	return "";
}

static const char *band_class(int score)
{
	return score >= BAND_WARM    ? "band-warm"
	       : score >= BAND_MIXED ? "band-mixed"
				     : "band-harsh";
}

static const char *band_words(int score)
{
	return score >= BAND_WARM    ? "Warm"
	       : score >= BAND_MIXED ? "Mixed"
				     : "Harsh";
}

/* The shipped packs' categories (docs/rules.md), with a label, a line that
 * says what they mean, and colours: `ink` for borders, chips and white
 * text on it (contrast 5.6:1 or more), `tint` behind dark text (13:1). */
typedef struct category_look {
	const char *name, *label, *meaning, *ink, *tint;
} category_look;

static const category_look known_categories[] = {
	{"threat", "Threatening",
	 "Warns of consequences such as legal action, fees or a cut-off.",
	 "#b42318", "#fde3e0"},
	{"blame", "Blaming", "Puts the fault on the customer.", "#9c4a00",
	 "#fdebd3"},
	{"demand", "Demanding",
	 "Orders the customer about or pushes for instant action.", "#7a3fa6",
	 "#f0e4f8"},
	{"cold", "Cold", "Distant or impersonal; shuts the customer out.",
	 "#1f5fa8", "#dfecfb"},
	{"jargon", "Jargon",
	 "Office-speak and legal words the customer has to decode.", "#56650a",
	 "#eef2cd"},
	{"passive-aggressive", "Passive-aggressive",
	 "Polite on the surface, with an edge underneath.", "#a1306a",
	 "#fbe1ee"},
	{"shouting", "Shouting",
	 "Capitals and exclamation marks that read as raised voices.",
	 "#806000", "#fff1c2"},
	{"negative", "Negative framing",
	 "Says what the customer loses or cannot do, not what they can.",
	 "#0f7560", "#d7f2ea"},
};

/* Colours for categories of other packs, by their rank among them. */
static const char *const other_colours[][2] = {
	{"#4a5a6a", "#e3e8ee"},
	{"#6b4f2a", "#efe6da"},
	{"#2f6b6b", "#dcefef"},
	{"#5a4a8a", "#e7e3f4"},
};

static const category_look *known_category(const char *name)
{
	for (size_t i = 0;
	     i < sizeof known_categories / sizeof known_categories[0]; i++)
		if (strcmp(known_categories[i].name, name) == 0)
			return &known_categories[i];
	return NULL;
}

/* "Threatening"; another pack's "late-fees" becomes "Late fees". */
static void put_category_label(FILE *o, const char *name)
{
	const category_look *k = known_category(name);
	if (k) {
		fputs(k->label, o);
		return;
	}
	for (const char *p = name; *p; p++) {
		char c = *p == '-' || *p == '_' ? ' ' : *p;
		if (p == name && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		tli_put_xml(o, &c, 1, 0);
	}
}

/* A category as a class name and filter value: the loader allows lower
 * case letters, digits and '-', but any other byte is escaped so that the
 * page stays well-formed whatever a rule pack says. */
static void put_key(FILE *o, const char *name)
{
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-')
			fputc(*p, o);
		else
			fprintf(o, "_%02x", *p);
	}
}

static const char *format_words(tl_format f)
{
	switch (f) {
	case TL_FORMAT_AUTO:
	case TL_FORMAT_TEXT:
		return "Plain text";
	case TL_FORMAT_HTML:
		return "HTML";
	case TL_FORMAT_TEMPLATE:
		return "Text template";
	case TL_FORMAT_MARKDOWN:
		return "Markdown";
	case TL_FORMAT_EML:
		return "Email";
	case TL_FORMAT_MBOX:
		return "Mailbox";
	case TL_FORMAT_PO:
		return "Translation catalogue";
	case TL_FORMAT_PROPERTIES:
		return "Properties file";
	case TL_FORMAT_JSON:
		return "JSON texts";
	case TL_FORMAT_YAML:
		return "YAML texts";
	case TL_FORMAT_XLIFF:
		return "XLIFF translations";
	case TL_FORMAT_XML:
		return "XML template";
	}
	return "Document";
}

static void esc(FILE *o, const char *s, size_t n)
{
	tli_put_xml(o, s, n, 0);
}

static void esc_str(FILE *o, const char *s)
{
	tli_put_xml_str(o, s, 0);
}

static void plural(FILE *o, size_t n, const char *one, const char *many)
{
	fprintf(o, "%zu %s", n, n == 1 ? one : many);
}

/* ------------------------------------------------------------------------ */
/* Finding each finding again in the prose                                   */

/* Where a finding is in the document's prose: text run and byte range. */
typedef struct hit {
	size_t k;    /* the finding's index in the result */
	size_t text; /* its text run; SIZE_MAX when it was not found */
	size_t s, e;
} hit;

static int match_at(const tli_text *t, const tl_finding *f, size_t x,
		    size_t mlen)
{
	if (x > t->len || t->len - x < mlen)
		return 0;
	if (tli_text_to_source(t, x, 0) != f->offset)
		return 0;
	return memcmp(t->data + x, f->prose_match, mlen) == 0;
}

/*
 * The scanner made the finding from prose offsets [s, e) of one text and
 * recorded tli_text_to_source(t, s, 0) and the matched bytes. Inverting the
 * map gives a few candidates for s (inside a replaced run, every byte of it
 * maps to its start); the one whose bytes are the match is the one.
 */
static int locate_in_text(const tli_text *t, const tl_finding *f, size_t *s)
{
	size_t m = strlen(f->prose_match);
	if (!t->map) {
		if (f->offset < t->src_base)
			return 0;
		*s = f->offset - t->src_base;
		return match_at(t, f, *s, m);
	}
	if (match_at(t, f, 0, m)) {
		*s = 0;
		return 1;
	}
	for (size_t i = 0; i < t->map_len; i++) {
		const tli_map_entry *me = &t->map[i];
		size_t end = me->text_off + me->text_len;
		if (me->text_len == me->src_len) {
			if (f->offset >= me->src_off &&
			    f->offset - me->src_off <= me->src_len &&
			    match_at(t, f,
				     me->text_off + f->offset - me->src_off,
				     m)) {
				*s = me->text_off + f->offset - me->src_off;
				return 1;
			}
		} else if (f->offset == me->src_off) {
			for (size_t x = me->text_off; x < end; x++) {
				if (match_at(t, f, x, m)) {
					*s = x;
					return 1;
				}
			}
		}
		if (f->offset == me->src_off + me->src_len &&
		    match_at(t, f, end, m)) {
			*s = end;
			return 1;
		}
	}
	return 0;
}

static int same_context(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void locate(const tl_document *d, const tl_finding *f, hit *h)
{
	h->text = SIZE_MAX;
	for (size_t i = 0; i < d->text_count; i++) {
		const tli_text *t = &d->texts[i];
		size_t s;
		/* A finding in a decoded buffer has a context of its own;
		 * its texts are those read from that buffer. */
		int mine = f->decoded
				   ? t->origin && t->origin->data == f->decoded
				   : same_context(t->label, f->context);
		if (!mine || !locate_in_text(t, f, &s))
			continue;
		/* strlen stops at a NUL inside the match: the source end
		 * says where it really ends. */
		size_t e = s + strlen(f->prose_match);
		while (e < t->len &&
		       tli_text_to_source(t, e, 1) < f->offset + f->length)
			e++;
		h->text = i;
		h->s = s;
		h->e = e;
		return;
	}
}

static int cmp_hit(const void *a, const void *b)
{
	const hit *x = a, *y = b;
	if (x->text != y->text)
		return x->text < y->text ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* ------------------------------------------------------------------------ */
/* Writing prose                                                             */

/* What a run of text bytes is. */
enum piece_kind {
	PIECE_TEXT,	   /* prose from the file */
	PIECE_PLACEHOLDER, /* a template field, shown as written */
	PIECE_MADE	   /* made by a reader: a block break, a separator */
};

typedef struct writer {
	FILE *o;
	const tl_document *d;
	const tl_result *res;
	const tli_text *t;
	size_t docno;
	int inline_only; /* one sentence: no paragraphs */
	int pre;	 /* keep the text's line breaks */
	int para_open;
	int space_due;	 /* a separator made by a reader is pending */
	const hit *hits; /* this text's findings, by start */
	size_t hit_count;
	size_t *active; /* the findings over the current words, by rank */
	size_t active_count;
	size_t next;		   /* the next of hits to start */
	size_t chip_from, chip_to; /* markers due: hits[chip_from, chip_to) */
} writer;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Is map entry i a template placeholder (TLI_PLACEHOLDER standing for the
 * field's source)? The reader marked it so: a decoded character reference,
 * escape or quoted-printable byte that happens to be an "x" is not. */
static int is_placeholder(const writer *w, size_t i)
{
	const tli_map_entry *me = &w->t->map[i];
	return me->placeholder && me->src_off + me->src_len <= w->d->src_len;
}

static int is_made(const tli_map_entry *me)
{
	return me->src_len == 0 && me->text_len > 0;
}

/* The kind of the bytes at `pos` and where that run ends. Adjacent entries
 * of prose make one run, so that a character decoded byte by byte
 * (quoted-printable) is never split. */
static enum piece_kind piece_at(const writer *w, size_t pos, size_t *end,
				size_t *entry)
{
	const tli_text *t = w->t;
	if (!t->map) {
		*end = t->len;
		return PIECE_TEXT;
	}
	size_t lo = 0, hi = t->map_len;
	if (hi == 0 || t->map[0].text_off > pos) {
		*end = hi ? t->map[0].text_off : t->len;
		return PIECE_MADE;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->map[mid].text_off <= pos)
			lo = mid;
		else
			hi = mid;
	}
	const tli_map_entry *me = &t->map[lo];
	size_t me_end = me->text_off + me->text_len;
	if (pos >= me_end) {
		*end = lo + 1 < t->map_len ? t->map[lo + 1].text_off : t->len;
		return PIECE_MADE;
	}
	*entry = lo;
	*end = me_end;
	if (is_placeholder(w, lo))
		return PIECE_PLACEHOLDER;
	if (is_made(me))
		return PIECE_MADE;
	for (size_t j = lo + 1; j < t->map_len && t->map[j].text_off == *end &&
				!is_placeholder(w, j) && !is_made(&t->map[j]);
	     j++)
		*end = t->map[j].text_off + t->map[j].text_len;
	return PIECE_TEXT;
}

static void open_para(writer *w)
{
	if (!w->inline_only && !w->para_open) {
		fputs("<p>", w->o);
		w->para_open = 1;
		w->space_due = 0;
	}
	if (w->space_due) {
		fputc(' ', w->o);
		w->space_due = 0;
	}
}

static void close_para(writer *w)
{
	if (w->para_open)
		fputs("</p>\n", w->o);
	w->para_open = 0;
	w->space_due = 0;
}

static void put_placeholder(writer *w, size_t entry)
{
	const tli_map_entry *me = &w->t->map[entry];
	fputs("<span class=\"ph\" title=\"Filled in when the message is "
	      "sent\">",
	      w->o);
	/* As findings' messages show it (no tags, entities decoded, white
	 * space folded), and a long expression cut at a character. */
	tli_buf b = TLI_BUF_INIT;
	tli_display_placeholder(&b, w->d->src + me->src_off, me->src_len);
	const char *s = b.data ? b.data : TLI_PLACEHOLDER;
	size_t n = b.data ? b.len : strlen(TLI_PLACEHOLDER);
	size_t shown = 0;
	for (size_t i = 0; i < n && shown < PLACEHOLDER_MAX;) {
		uint32_t cp;
		size_t len = tli_utf8_decode((const unsigned char *)s + i,
					     n - i, &cp);
		esc(w->o, s + i, len);
		shown += len;
		i += len;
		if (shown >= PLACEHOLDER_MAX && i < n)
			fputs("\xE2\x80\xA6", w->o);
	}
	tli_buf_free(&b);
	fputs("</span>", w->o);
}

/*
 * Is the line break at t->data[p] one a text editor or mail program made
 * (hard-wrapped prose, read as a space) rather than one the writer meant?
 * A long line of prose followed by more prose: not a short line (an
 * address, a greeting, a signature), not a line aligned with runs of
 * spaces (a table of amounts), not before a list item.
 */
static int is_wrap(const tli_text *t, size_t p)
{
	const char *d = t->data;
	size_t ls = p;
	while (ls > 0 && d[ls - 1] != '\n')
		ls--;
	if (p - ls < WRAPPED_LINE || p + 1 >= t->len)
		return 0;
	for (size_t i = ls; i < p; i++)
		if (d[i] == '\t' || (d[i] == ' ' && d[i + 1] == ' '))
			return 0;
	unsigned char c = (unsigned char)d[p + 1];
	if (is_space((char)c) || strchr("-*+>|#", c) || (c >= '0' && c <= '9'))
		return 0;
	return !(c == 0xE2 && p + 3 < t->len && d[p + 2] == '\x80' &&
		 d[p + 3] == '\xA2'); /* a bullet */
}

/* Prose bytes [a, b) as they are; in a kept-lines text, a wrapped line's
 * break becomes a space so that the browser can flow the paragraph. */
static void put_bytes(writer *w, size_t a, size_t b)
{
	const char *d = w->t->data;
	while (a < b) {
		const char *nl = w->pre && !w->inline_only
					 ? memchr(d + a, '\n', b - a)
					 : NULL;
		size_t n = nl ? (size_t)(nl - d) : b;
		esc(w->o, d + a, n - a);
		if (!nl)
			break;
		fputc(is_wrap(w->t, n) ? ' ' : '\n', w->o);
		a = n + 1;
	}
}

static const tl_finding *finding_of(const writer *w, const hit *h)
{
	return tl_result_finding(w->res, h->k);
}

/* Which of two findings over the same words shows its colour: the more
 * serious, then the shorter (the inner one), then the one found first. */
static int outranks(const writer *w, const hit *a, const hit *b)
{
	tl_severity sa = finding_of(w, a)->severity;
	tl_severity sb = finding_of(w, b)->severity;
	if (sa != sb)
		return sa > sb;
	if (a->e - a->s != b->e - b->s)
		return a->e - a->s < b->e - b->s;
	return a->k < b->k;
}

/* Brings the findings over `pos` up to date: those starting there join
 * (their markers are written before the words), those ended leave. The
 * active list is kept in rank order. */
static void advance(writer *w, size_t pos)
{
	size_t kept = 0;
	for (size_t i = 0; i < w->active_count; i++)
		if (w->hits[w->active[i]].e > pos)
			w->active[kept++] = w->active[i];
	w->active_count = kept;
	for (; w->next < w->hit_count && w->hits[w->next].s <= pos;
	     w->chip_to = ++w->next) {
		const hit *h = &w->hits[w->next];
		if (h->e <= pos)
			continue;
		size_t at = w->active_count++;
		while (at > 0 && outranks(w, h, &w->hits[w->active[at - 1]])) {
			w->active[at] = w->active[at - 1];
			at--;
		}
		w->active[at] = w->next;
	}
}

/* Where the set of findings over `pos` changes next. */
static size_t next_change(const writer *w, size_t limit)
{
	if (w->next < w->hit_count && w->hits[w->next].s < limit)
		limit = w->hits[w->next].s;
	for (size_t i = 0; i < w->active_count; i++)
		if (w->hits[w->active[i]].e < limit)
			limit = w->hits[w->active[i]].e;
	return limit;
}

/* The numbered, labelled markers of the findings that start here. */
static void put_chips(writer *w)
{
	for (; w->chip_from < w->chip_to; w->chip_from++) {
		const hit *h = &w->hits[w->chip_from];
		const tl_finding *f = finding_of(w, h);
		size_t n = h->k + 1;
		fputs("<a class=\"chip c-", w->o);
		put_key(w->o, f->rule->category);
		fprintf(w->o,
			"\" id=\"m-%zu-%zu\" href=\"#f-%zu-%zu\" "
			"data-for=\"f-%zu-%zu\"><span class=\"sr\">Finding "
			"</span><span class=\"n\">%zu</span> ",
			w->docno, n, w->docno, n, w->docno, n, n);
		put_category_label(w->o, f->rule->category);
		fputs("</a>", w->o);
	}
}

/* The highlight over the current words: the colour of the first-ranked
 * finding, and every finding over them, in rank order, in data-f (the
 * script recolours it when filters hide some). */
static void open_mark(writer *w)
{
	const tl_finding *f = finding_of(w, &w->hits[w->active[0]]);
	fputs("<mark class=\"hl c-", w->o);
	put_key(w->o, f->rule->category);
	fprintf(w->o, " s-%s\" data-f=\"", tl_severity_name(f->severity));
	for (size_t i = 0; i < w->active_count; i++)
		fprintf(w->o, "%sf-%zu-%zu", i ? " " : "", w->docno,
			w->hits[w->active[i]].k + 1);
	fputs("\">", w->o);
}

/* Writes prose [a, b) of the writer's text with its findings marked. */
static void put_prose(writer *w, size_t a, size_t b)
{
	const char *data = w->t->data;
	size_t pos = a;
	w->active_count = 0;
	w->next = 0;
	/* A finding that began before [a, b) is marked from a, but its
	 * marker is where it began. */
	w->chip_from = 0;
	while (w->chip_from < w->hit_count && w->hits[w->chip_from].s < a)
		w->chip_from++;
	w->chip_to = w->chip_from;
	while (pos < b) {
		advance(w, pos);
		size_t end, entry = 0;
		enum piece_kind kind = piece_at(w, pos, &end, &entry);
		size_t q = next_change(w, end < b ? end : b);
		if (q <= pos) /* cannot happen; never loop forever */
			q = pos + 1;
		int marked = w->active_count > 0;
		if (kind == PIECE_MADE) {
			/* TLI_BREAK's full stop ends a block; white space a
			 * reader put between cells is one space; anything
			 * else it made is text like any. */
			size_t dots = 0, other = 0;
			for (size_t i = pos; i < q; i++) {
				dots += data[i] == '.';
				other += data[i] != '.' && !is_space(data[i]);
			}
			if (dots && !other && !w->inline_only) {
				close_para(w);
				pos = q;
				continue;
			}
			if (!other) {
				w->space_due = w->para_open || w->inline_only;
				pos = q;
				continue;
			}
			kind = PIECE_TEXT;
		}
		if (!w->para_open && !w->inline_only && !marked) {
			/* No paragraph starts with white space. */
			while (pos < q && is_space(data[pos]))
				pos++;
			if (pos == q)
				continue;
		}
		open_para(w);
		put_chips(w);
		if (marked)
			open_mark(w);
		if (kind == PIECE_PLACEHOLDER)
			put_placeholder(w, entry);
		else
			put_bytes(w, pos, q);
		if (marked)
			fputs("</mark>", w->o);
		pos = q;
	}
}

/* ------------------------------------------------------------------------ */
/* Sentences, for "how it would read"                                        */

/* Does TLI_BREAK ("\n.\n") start at s[i]? */
static int is_break_at(const char *s, size_t len, size_t i)
{
	return s[i] == '\n' && i + 1 < len && s[i + 1] == '.' &&
	       (i + 2 == len || s[i + 2] == '\n');
}

static int ends_sentence(char c)
{
	return c == '.' || c == '!' || c == '?';
}

/* The sentence around [s, e): from after the previous sentence end, blank
 * line or block break to the next one. *cut_l, *cut_r: it was longer. */
static void sentence_of(const tli_text *t, size_t s, size_t e, size_t *ss,
			size_t *se, int *cut_l, int *cut_r)
{
	const char *d = t->data;
	size_t lo = s > SENTENCE_MAX ? s - SENTENCE_MAX : 0;
	size_t x = s;
	while (x > lo) {
		if (ends_sentence(d[x - 1]) && x < s && is_space(d[x]))
			break;
		/* a blank line; a block break ends with a full stop */
		if (d[x - 1] == '\n' && x >= 2 && d[x - 2] == '\n')
			break;
		x--;
	}
	*cut_l = x == lo && lo > 0;
	if (*cut_l) /* start at a word */
		while (x < s && !is_space(d[x]))
			x++;
	while (x < s && is_space(d[x]))
		x++;
	size_t hi = t->len - e > SENTENCE_MAX ? e + SENTENCE_MAX : t->len;
	size_t y = e;
	while (y < hi) {
		if (ends_sentence(d[y]) &&
		    (y + 1 >= t->len || is_space(d[y + 1]))) {
			y++;
			break;
		}
		if (d[y] == '\n' && y + 1 < t->len &&
		    (d[y + 1] == '\n' || is_break_at(d, t->len, y)))
			break;
		y++;
	}
	*cut_r = y == hi && hi < t->len;
	if (*cut_r)
		while (y > e && !is_space(d[y - 1]))
			y--;
	while (y > e && is_space(d[y - 1]))
		y--;
	*ss = x;
	*se = y;
}

/*
 * The prose a fix replaces: the match, widened as the fix's source range is
 * (an article before it, white space around it). Those few bytes are
 * verbatim text, so stepping out byte by byte finds them.
 */
static void fix_range(const tli_text *t, const tl_finding *f, const hit *h,
		      size_t *fs, size_t *fe)
{
	size_t a = h->s, b = h->e, end = f->fix_offset + f->fix_length;
	for (int i = 0; i < 64 && a > 0 &&
			tli_text_to_source(t, a - 1, 0) >= f->fix_offset;
	     i++)
		a--;
	for (int i = 0;
	     i < 64 && b < t->len && tli_text_to_source(t, b, 1) < end; i++)
		b++;
	*fs = a;
	*fe = b;
}

/* "How it would read": the sentence with the finding's fix made. A fix that
 * cannot be written back has only the match as its range, which may not be
 * what its text replaces (an article before it): it is described, not
 * shown in place. */
static void put_after_fix(writer *w, const hit *h, const tl_finding *f)
{
	FILE *o = w->o;
	if (f->fix_blocked) {
		fputs("<p class=\"label\">Automatic fix</p>\n<p "
		      "class=\"blocked\">It would write <q>",
		      o);
		esc_str(o, f->fix);
		fputs("</q>, but tonelint cannot make this change itself (", o);
		esc_str(o, f->fix_blocked);
		fputs("): make it by hand.</p>\n", o);
		return;
	}
	size_t fs, fe, ss, se;
	int cut_l, cut_r;
	fix_range(w->t, f, h, &fs, &fe);
	sentence_of(w->t, fs, fe, &ss, &se, &cut_l, &cut_r);
	writer sw = *w;
	sw.inline_only = 1;
	sw.hits = NULL;
	sw.hit_count = 0;
	sw.space_due = 0;
	fputs("<p class=\"label\">How it would read</p>\n<p "
	      "class=\"after\">",
	      o);
	if (cut_l)
		fputs("\xE2\x80\xA6 ", o);
	put_prose(&sw, ss, fs);
	fputs("<ins>", o);
	esc_str(o, f->fix);
	fputs("</ins>", o);
	sw.space_due = 0;
	put_prose(&sw, fe, se);
	if (cut_r)
		fputs(" \xE2\x80\xA6", o);
	fputs("</p>\n", o);
}

/* ------------------------------------------------------------------------ */
/* One document                                                              */

static void put_card(writer *w, const hit *h)
{
	FILE *o = w->o;
	const tl_finding *f = finding_of(w, h);
	size_t n = h->k + 1;
	int placed = h->text != SIZE_MAX;
	fprintf(o, "<li class=\"finding c-");
	put_key(o, f->rule->category);
	fprintf(o, "\" id=\"f-%zu-%zu\" data-cat=\"", w->docno, n);
	put_key(o, f->rule->category);
	fprintf(o, "\" data-sev=\"%s\" tabindex=\"-1\">\n",
		tl_severity_name(f->severity));
	fputs("<div class=\"card-head\">", o);
	if (placed)
		fprintf(o,
			"<a class=\"num\" href=\"#m-%zu-%zu\" title=\"Show it "
			"in the text\"><span class=\"sr\">Finding "
			"</span>%zu</a>",
			w->docno, n, n);
	else
		fprintf(o,
			"<span class=\"num\"><span class=\"sr\">Finding "
			"</span>%zu</span>",
			n);
	fputs(" <span class=\"cat-label\">", o);
	put_category_label(o, f->rule->category);
	fprintf(o, "</span> <span class=\"sev sev-%s\">%s</span></div>\n",
		tl_severity_name(f->severity), severity_words(f->severity));
	fputs("<h5 class=\"title\">", o);
	esc_str(o, tl_rule_title(f->rule));
	fputs("</h5>\n", o);
	/* A document rule's finding about what is missing has no words to
	 * quote or to mark in the text (docrules.c). */
	int whole = !placed && f->rule->doc && f->length == 0;
	if (!whole)
		fputs("<p class=\"quote\"><q>", o);
	if (whole) {
	} else if (placed) {
		writer sw = *w;
		sw.inline_only = 1;
		sw.hits = NULL;
		sw.hit_count = 0;
		sw.space_due = 0;
		put_prose(&sw, h->s, h->e);
	} else {
		esc_str(o, f->match);
	}
	if (!whole)
		fputs("</q></p>\n", o);
	fputs("<p class=\"msg\">", o);
	esc_str(o, f->message);
	fputs("</p>\n", o);
	if (f->suggestion_count) {
		fprintf(o, "<p class=\"label\">%s</p>\n<ul class=\"sugg\">",
			f->suggestion_count == 1 ? "Try instead"
						 : "Try one of these instead");
		for (size_t i = 0; i < f->suggestion_count; i++) {
			fputs("<li>", o);
			esc_str(o, f->suggestions[i]);
			fputs("</li>", o);
		}
		fputs("</ul>\n", o);
	}
	if (f->fix && placed)
		put_after_fix(w, h, f);
	fprintf(o, "<p class=\"where\">Line %u, column %u", f->line, f->column);
	if (f->context) {
		fputs(" \xC2\xB7 ", o);
		esc_str(o, f->context);
	}
	fputs(" \xC2\xB7 rule ", o);
	esc_str(o, tl_rule_id(f->rule));
	if (whole)
		fputs(" \xC2\xB7 about the whole document", o);
	else if (!placed)
		fputs(" \xC2\xB7 not shown in the text above", o);
	fputs("</p>\n</li>\n", o);
}

static size_t line_start(const char *s, size_t at)
{
	while (at > 0 && s[at - 1] != '\n')
		at--;
	return at;
}

static size_t line_end(const char *s, size_t len, size_t at)
{
	const char *nl = memchr(s + at, '\n', len - at);
	return nl ? (size_t)(nl - s) : len;
}

/* Does the text keep its line breaks? Plain text, templates and email
 * bodies do; markup and catalogues (whose blocks the reader separates with
 * breaks) read as flowing paragraphs. */
static int keeps_lines(const tl_document *d, const tli_text *t)
{
	switch (d->format) {
	case TL_FORMAT_HTML:
	case TL_FORMAT_XML:
	case TL_FORMAT_XLIFF:
	case TL_FORMAT_MARKDOWN:
		return 0;
	case TL_FORMAT_EML:
	case TL_FORMAT_MBOX:
		/* an HTML part has block breaks, a plain one has none */
		for (size_t i = 0; t->map && i < t->map_len; i++)
			if (is_made(&t->map[i]) ||
			    (i + 1 < t->map_len &&
			     t->map[i + 1].text_off >
				     t->map[i].text_off + t->map[i].text_len))
				return 0;
		return 1;
	default:
		return 1;
	}
}

static void put_part_label(FILE *o, const char *label)
{
	fputs("<p class=\"part-label\">", o);
	if (strcmp(label, "subject") == 0) {
		fputs("Subject line", o);
	} else {
		/* "message 2 <id>, subject": say it with a capital */
		char c = label[0];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		esc(o, &c, 1);
		esc_str(o, label + 1);
	}
	fputs("</p>\n", o);
}

static void put_text(writer *w, size_t ti, const hit *hits, size_t n)
{
	FILE *o = w->o;
	const tli_text *t = &w->d->texts[ti];
	w->t = t;
	w->hits = hits;
	w->hit_count = n;
	w->inline_only = 0;
	w->pre = keeps_lines(w->d, t);
	w->para_open = 0;
	w->space_due = 0;
	fputs("<div class=\"part\">\n", o);
	if (t->label)
		put_part_label(o, t->label);
	fprintf(o, "<div class=\"prose%s\">\n", w->pre ? " pre" : "");
	/* Trailing white space would be blank lines in a kept-lines text. */
	size_t len = t->len;
	while (len > 0 && is_space(t->data[len - 1]))
		len--;
	if (t->len <= LONG_TEXT) {
		put_prose(w, 0, len);
	} else {
		/* Excerpts: whole lines around each finding, merged. */
		size_t done = 0;
		for (size_t i = 0; i < n;) {
			size_t a = hits[i].s > EXCERPT_CONTEXT
					   ? hits[i].s - EXCERPT_CONTEXT
					   : 0;
			a = line_start(t->data, a < done ? done : a);
			size_t b = 0;
			for (; i < n; i++) {
				if (b && hits[i].s > b)
					break;
				size_t e = hits[i].e + EXCERPT_CONTEXT;
				e = line_end(t->data, len, e < len ? e : len);
				if (e > b)
					b = e;
			}
			if (a > done) {
				close_para(w);
				fputs("<p class=\"cut\">[\xE2\x80\xA6]</p>\n",
				      o);
			}
			close_para(w);
			put_prose(w, a, b);
			done = b;
		}
		if (done < len) {
			close_para(w);
			fputs("<p class=\"cut\">[\xE2\x80\xA6]</p>\n", o);
		}
	}
	close_para(w);
	fputs("</div>\n</div>\n", o);
}

static void put_doc_head(FILE *o, size_t docno, const tl_result *res)
{
	const tl_document *d = tl_result_document(res);
	size_t n = tl_result_count(res);
	int score = tl_result_score(res);
	fprintf(o,
		"<article class=\"doc\" id=\"doc-%zu\" "
		"aria-labelledby=\"doc-%zu-h\" data-score=\"%d\" "
		"data-findings=\"%zu\">\n<div class=\"doc-head\"><div>"
		"<h3 id=\"doc-%zu-h\">",
		docno, docno, score, n, docno);
	esc_str(o, d->name);
	fprintf(o, "</h3>\n<p class=\"doc-meta\">%s \xC2\xB7 ",
		format_words(d->format));
	plural(o, d->words, "word", "words");
	fputs(" \xC2\xB7 ", o);
	plural(o, n, "finding", "findings");
	const char *sep = " (";
	for (int s = TL_SEVERITY_ERROR; s >= TL_SEVERITY_SUGGESTION; s--) {
		size_t c = tl_result_count_severity(res, (tl_severity)s);
		if (!c)
			continue;
		fprintf(o, "%s%s: %zu", sep, severity_words((tl_severity)s), c);
		sep = ", ";
	}
	fputs(")", o);
	fprintf(o,
		"</p></div>\n<div class=\"score %s\"><span class=\"sr\">Tone "
		"score </span><span class=\"score-num\">%d</span><span "
		"class=\"score-of\"> out of 100</span><span "
		"class=\"score-word\">%s</span></div>\n</div>\n",
		band_class(score), score, band_words(score));
}

static void put_doc_notes(FILE *o, const tl_result *res)
{
	const tl_document *d = tl_result_document(res);
	size_t nw = tl_document_warning_count(d);
	size_t nd = tl_result_diagnostic_count(res);
	if (!nw && !nd)
		return;
	fputs("<details class=\"tech\"><summary>Notes on reading this file "
	      "(for whoever maintains it)</summary>\n<ul>",
	      o);
	for (size_t i = 0; i < nw; i++) {
		const tl_error *e = tl_document_warning(d, i);
		fprintf(o, "<li>Line %u: ", e->line);
		esc_str(o, e->message);
		fputs("</li>", o);
	}
	for (size_t i = 0; i < nd; i++) {
		fputs("<li>", o);
		esc_str(o, tl_result_diagnostic(res, i));
		fputs("</li>", o);
	}
	fputs("</ul></details>\n", o);
}

static void put_clean_doc(FILE *o, size_t docno, const tl_result *res)
{
	const tl_document *d = tl_result_document(res);
	fprintf(o, "<li id=\"doc-%zu\" data-score=\"100\">", docno);
	esc_str(o, d->name);
	fprintf(o, " <span class=\"muted\">\xC2\xB7 %s \xC2\xB7 ",
		format_words(d->format));
	plural(o, d->words, "word", "words");
	fputs("</span></li>\n", o);
}

/* Stops the report after running out of memory: finish says so. */
static void lose_body(tl_report *rep)
{
	if (rep->body_out)
		fclose(rep->body_out);
	rep->body_out = NULL;
}

void tli_html_start(tl_report *rep)
{
	rep->body_out = open_memstream(&rep->body, &rep->body_len);
}

void tli_html_document(tl_report *rep, const tl_result *res)
{
	FILE *o = rep->body_out;
	if (!o)
		return;
	tli_doc_summary *ds = &rep->docs[rep->doc_count - 1];
	size_t docno = rep->doc_count;
	const tl_document *d = tl_result_document(res);
	size_t n = tl_result_count(res);
	long start = ftell(o);
	if (start < 0) {
		lose_body(rep);
		return;
	}
	ds->body_off = (size_t)start;
	if (n == 0) {
		put_clean_doc(o, docno, res);
		ds->body_len = (size_t)ftell(o) - ds->body_off;
		return;
	}
	hit *hits = malloc(n * sizeof *hits);
	hit *by_finding = malloc(n * sizeof *by_finding);
	size_t *active = malloc(n * sizeof *active);
	if (!hits || !by_finding || !active) {
		free(hits);
		free(by_finding);
		free(active);
		lose_body(rep);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		hits[i].k = i;
		locate(d, tl_result_finding(res, i), &hits[i]);
	}
	memcpy(by_finding, hits, n * sizeof *hits);
	qsort(hits, n, sizeof *hits, cmp_hit);

	put_doc_head(o, docno, res);
	fputs("<div class=\"doc-body\">\n<div class=\"reading\">\n<h4>What "
	      "the customer reads</h4>\n",
	      o);
	size_t prose = 0;
	for (size_t i = 0; i < d->text_count; i++)
		prose += d->texts[i].len;
	writer w = {0};
	w.o = o;
	w.d = d;
	w.res = res;
	w.docno = docno;
	w.active = active;
	size_t left_out = 0;
	for (size_t ti = 0, h = 0; ti < d->text_count; ti++) {
		size_t first = h;
		while (h < n && hits[h].text == ti)
			h++;
		if (h == first && prose > LONG_DOCUMENT) {
			left_out++;
			continue;
		}
		put_text(&w, ti, hits + first, h - first);
	}
	if (left_out) {
		fputs("<p class=\"muted\">", o);
		plural(o, left_out, "part", "parts");
		fputs(" without findings not shown.</p>\n", o);
	}
	fputs("</div>\n<div class=\"notes\">\n<h4>Findings <span "
	      "class=\"doc-shown muted\"></span></h4>\n<ol "
	      "class=\"findings\">\n",
	      o);
	for (size_t i = 0; i < n; i++) {
		w.t = by_finding[i].text == SIZE_MAX
			      ? NULL
			      : &d->texts[by_finding[i].text];
		put_card(&w, &by_finding[i]);
	}
	fputs("</ol>\n<p class=\"none-shown\" hidden=\"hidden\">No findings "
	      "here match the filters.</p>\n</div>\n</div>\n",
	      o);
	put_doc_notes(o, res);
	fputs("</article>\n", o);
	free(hits);
	free(by_finding);
	free(active);
	long end = ftell(o);
	if (end < 0) {
		lose_body(rep);
		return;
	}
	ds->body_len = (size_t)end - ds->body_off;
}

/* ------------------------------------------------------------------------ */
/* The page                                                                  */

typedef struct doc_order {
	const tli_doc_summary *ds;
	size_t docno;
} doc_order;

/* Worst first: lowest score, then most findings, then the order given. */
static int cmp_worst(const void *a, const void *b)
{
	const doc_order *x = a, *y = b;
	if (x->ds->score != y->ds->score)
		return x->ds->score < y->ds->score ? -1 : 1;
	if (x->ds->findings != y->ds->findings)
		return x->ds->findings > y->ds->findings ? -1 : 1;
	return x->docno < y->docno ? -1 : x->docno > y->docno;
}

static int cmp_count(const void *a, const void *b)
{
	const tli_count *x = *(const tli_count *const *)a;
	const tli_count *y = *(const tli_count *const *)b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void put_head(FILE *o, const tl_report *rep)
{
	fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	      "lang=\"en\" xml:lang=\"en\">\n<head>\n<meta "
	      "charset=\"utf-8\"/>\n<meta name=\"viewport\" "
	      "content=\"width=device-width, initial-scale=1\"/>\n",
	      o);
	fprintf(o,
		"<meta name=\"generator\" content=\"tonelint %s\"/>\n<title>"
		"Tone report: ",
		TL_VERSION_STRING);
	plural(o, rep->files, "document", "documents");
	fputs(", ", o);
	plural(o, rep->findings, "finding", "findings");
	fputs("</title>\n<style>\n", o);
	fputs(tli_html_css, o);
	/* Each category's colours. */
	size_t other = 0;
	for (size_t i = 0; i < rep->category_count; i++) {
		const char *name = rep->categories[i].name;
		const category_look *k = known_category(name);
		const char *ink, *tint;
		if (k) {
			ink = k->ink;
			tint = k->tint;
		} else {
			size_t c = other++ % (sizeof other_colours /
					      sizeof other_colours[0]);
			ink = other_colours[c][0];
			tint = other_colours[c][1];
		}
		fputs(".c-", o);
		put_key(o, name);
		fprintf(o, " { --ink: %s; --tint: %s; }\n", ink, tint);
	}
	fputs("</style>\n</head>\n", o);
}

static void put_tile(FILE *o, const char *cls, const char *stat, size_t n,
		     const char *label)
{
	fprintf(o,
		"<li class=\"tile%s%s\"><span class=\"num\" "
		"data-stat=\"%s\">%zu</span>%s</li>\n",
		cls[0] ? " " : "", cls, stat, n, label);
}

static void put_overview(FILE *o, const tl_report *rep, const tli_count **cats)
{
	size_t total = rep->words;
	int score = tli_score(rep->by_severity[TL_SEVERITY_ERROR],
			      rep->by_severity[TL_SEVERITY_WARNING],
			      rep->by_severity[TL_SEVERITY_SUGGESTION], total);
	fputs("<section class=\"panel\" id=\"overview\" "
	      "aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">The "
	      "overall picture</h2>\n<ul class=\"tiles\">\n",
	      o);
	put_tile(o, "", "documents", rep->files, "documents checked");
	put_tile(o, "", "findings", rep->findings, "findings in all");
	put_tile(o, "tile-error", "error", rep->by_severity[TL_SEVERITY_ERROR],
		 "<span class=\"sev sev-error\">Needs rewriting</span>");
	put_tile(o, "tile-warning", "warning",
		 rep->by_severity[TL_SEVERITY_WARNING],
		 "<span class=\"sev sev-warning\">Should change</span>");
	put_tile(o, "tile-suggestion", "suggestion",
		 rep->by_severity[TL_SEVERITY_SUGGESTION],
		 "<span class=\"sev sev-suggestion\">Could be warmer</span>");
	fprintf(o,
		"<li class=\"tile tile-%s\"><span class=\"num\" "
		"data-stat=\"score\">%d</span>overall tone score "
		"(%s)</li>\n</ul>\n",
		band_class(score), score, band_words(score));
	if (rep->unreadable) {
		fputs("<p><strong>", o);
		plural(o, rep->unreadable, "file", "files");
		fprintf(o,
			"</strong> could not be read and %s not in this "
			"report (the command said why).</p>\n",
			rep->unreadable == 1 ? "is" : "are");
	}
	fputs("<div class=\"overview-grid\">\n<div>\n<h3>What kind of "
	      "findings</h3>\n",
	      o);
	if (rep->category_count == 0) {
		fputs("<p>None: every document reads well.</p>\n", o);
	} else {
		fputs("<table class=\"cats\">\n<thead><tr><th "
		      "scope=\"col\">Category</th><th scope=\"col\">What it "
		      "means</th><th scope=\"col\" "
		      "class=\"n\">Findings</th></tr></thead>\n<tbody>\n",
		      o);
		size_t most = cats[0]->n;
		for (size_t i = 0; i < rep->category_count; i++) {
			const tli_count *c = cats[i];
			const category_look *k = known_category(c->name);
			fputs("<tr data-cat=\"", o);
			put_key(o, c->name);
			fputs("\"><td class=\"cat-name\"><span class=\"swatch "
			      "c-",
			      o);
			put_key(o, c->name);
			fputs("\"></span>", o);
			put_category_label(o, c->name);
			fputs("</td><td>", o);
			if (k)
				fputs(k->meaning, o);
			else
				fputs("Findings of the rule packs' own "
				      "category.",
				      o);
			fprintf(o,
				"</td><td class=\"n\" data-stat=\"cat\">%zu "
				"<span class=\"meter\" aria-hidden=\"true\">"
				"<span class=\"c-",
				c->n);
			put_key(o, c->name);
			fprintf(o,
				"\" style=\"width: %zu%%\"></span></span>"
				"</td></tr>\n",
				(c->n * 100 + most - 1) / most);
		}
		fputs("</tbody>\n</table>\n", o);
	}
	fputs("</div>\n<div>\n<h3>How serious</h3>\n<dl class=\"sevs\">\n"
	      "<dt><span class=\"sev sev-error\">Needs rewriting</span></dt>"
	      "<dd>Likely to alarm or upset a customer: rewrite it before it "
	      "is sent again.</dd>\n"
	      "<dt><span class=\"sev sev-warning\">Should change</span></dt>"
	      "<dd>Reads as cold, pushy or stiff: worth changing.</dd>\n"
	      "<dt><span class=\"sev sev-suggestion\">Could be "
	      "warmer</span></dt><dd>Fine as it is, but a friendlier word is "
	      "at hand.</dd>\n</dl>\n</div>\n</div>\n",
	      o);
}

/* Shortens a name to about CHART_NAME characters, keeping its end (the
 * file name). */
static void put_short_name(FILE *o, const char *name)
{
	size_t n = strlen(name), chars = tli_utf8_count(name, n);
	if (chars <= CHART_NAME) {
		esc(o, name, n);
		return;
	}
	size_t skip = chars - (CHART_NAME - 1), at = 0;
	while (skip > 0 && at < n) {
		uint32_t cp;
		at += tli_utf8_decode((const unsigned char *)name + at, n - at,
				      &cp);
		skip--;
	}
	fputs("\xE2\x80\xA6", o);
	esc(o, name + at, n - at);
}

static void put_chart(FILE *o, const tl_report *rep, const doc_order *order)
{
	size_t rows = rep->doc_count < CHART_ROWS ? rep->doc_count : CHART_ROWS;
	/* Layout in user units: names right-aligned up to x = 330, bars
	 * from 340 (4 units a point), the score after the bar. */
	const int name_x = 330, bar_x = 340, row_h = 26, top = 26;
	int height = top + (int)rows * row_h + 6;
	fputs("<h3 id=\"chart-h\">Tone score of each document, worst "
	      "first</h3>\n<p class=\"muted\">100 reads warm and friendly; "
	      "below 50 the tone is likely to put a customer off.</p>\n",
	      o);
	if (rows == 0) {
		fputs("<p>No documents.</p>\n", o);
		return;
	}
	fprintf(o,
		"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 820 %d\" width=\"820\" height=\"%d\" "
		"role=\"group\" aria-labelledby=\"chart-h\">\n<g "
		"class=\"grid axis\" aria-hidden=\"true\">",
		height, height);
	for (int v = 0; v <= 100; v += 25) {
		int x = bar_x + 4 * v;
		fprintf(o,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
			"<text x=\"%d\" y=\"14\" text-anchor=\"middle\">%d"
			"</text>",
			x, top - 6, x, height - 4, x, v);
	}
	fputs("</g>\n", o);
	for (size_t i = 0; i < rows; i++) {
		const tli_doc_summary *ds = order[i].ds;
		int y = top + (int)i * row_h;
		int w = 4 * ds->score < 2 ? 2 : 4 * ds->score;
		fprintf(o,
			"<a href=\"#doc-%zu\" class=\"bar\" data-score=\"%d\">"
			"<title>",
			order[i].docno, ds->score);
		esc_str(o, ds->name);
		fprintf(o, ": tone score %d out of 100 (%s), ", ds->score,
			band_words(ds->score));
		plural(o, ds->findings, "finding", "findings");
		fprintf(o,
			"</title><rect class=\"track\" x=\"0\" y=\"%d\" "
			"width=\"820\" height=\"%d\" rx=\"4\"/>"
			"<text class=\"name\" x=\"%d\" y=\"%d\" "
			"text-anchor=\"end\">",
			y + 1, row_h - 3, name_x, y + 17);
		put_short_name(o, ds->name);
		fprintf(o,
			"</text><rect class=\"%s\" x=\"%d\" y=\"%d\" "
			"width=\"%d\" height=\"16\" rx=\"3\"/><text x=\"%d\" "
			"y=\"%d\">%d %s</text></a>\n",
			band_class(ds->score), bar_x, y + 5, w,
			bar_x + w + 8 > 760 ? 760 : bar_x + w + 8, y + 17,
			ds->score, band_words(ds->score));
	}
	fputs("</svg>\n", o);
	if (rep->doc_count > rows)
		fprintf(o,
			"<p class=\"muted\">The %zu lowest scores of %zu "
			"documents; every document is listed below.</p>\n",
			rows, rep->doc_count);
}

static void put_filters(FILE *o, const tl_report *rep, const tli_count **cats)
{
	/* Shown by the script: without it the controls would do nothing. */
	fputs("<section class=\"panel filters\" id=\"filters\" "
	      "hidden=\"hidden\" aria-labelledby=\"filters-h\">\n<h2 "
	      "id=\"filters-h\">Choose what to show</h2>\n<form "
	      "id=\"filter-form\" action=\"#\">\n<fieldset><legend>"
	      "Category</legend><span class=\"opts\">\n",
	      o);
	for (size_t i = 0; i < rep->category_count; i++) {
		fputs("<label><input type=\"checkbox\" name=\"cat\" "
		      "value=\"cat-",
		      o);
		put_key(o, cats[i]->name);
		fputs("\" checked=\"checked\"/><span class=\"swatch c-", o);
		put_key(o, cats[i]->name);
		fputs("\"></span>", o);
		put_category_label(o, cats[i]->name);
		fprintf(o, " (%zu)</label>\n", cats[i]->n);
	}
	fputs("</span></fieldset>\n<fieldset><legend>How serious</legend><span "
	      "class=\"opts\">\n",
	      o);
	for (int s = TL_SEVERITY_ERROR; s >= TL_SEVERITY_SUGGESTION; s--)
		fprintf(o,
			"<label><input type=\"checkbox\" name=\"sev\" "
			"value=\"sev-%s\" checked=\"checked\"/><span "
			"class=\"sev sev-%s\">%s</span> (%zu)</label>\n",
			tl_severity_name((tl_severity)s),
			tl_severity_name((tl_severity)s),
			severity_words((tl_severity)s), rep->by_severity[s]);
	fputs("</span></fieldset>\n<p class=\"filter-actions\"><button "
	      "type=\"button\" id=\"show-all\">Show all</button><span "
	      "class=\"status\" id=\"filter-status\" role=\"status\" "
	      "aria-live=\"polite\"></span></p>\n<p class=\"keys\">Keys: "
	      "<kbd>j</kbd> next finding, <kbd>k</kbd> previous finding, "
	      "<kbd>Tab</kbd> the links and controls. The numbered labels in "
	      "the text lead to their explanation and back.</p>\n</form>\n"
	      "</section>\n",
	      o);
}

void tli_html_finish(tl_report *rep)
{
	FILE *o = rep->out;
	if (!rep->body_out || fflush(rep->body_out) != 0 ||
	    ferror(rep->body_out)) {
		fputs("<!-- out of memory -->\n", o);
		return;
	}
	doc_order *order =
		malloc((rep->doc_count ? rep->doc_count : 1) * sizeof *order);
	const tli_count **cats = malloc(
		(rep->category_count ? rep->category_count : 1) * sizeof *cats);
	if (!order || !cats) {
		free(order);
		free(cats);
		fputs("<!-- out of memory -->\n", o);
		return;
	}
	for (size_t i = 0; i < rep->doc_count; i++) {
		order[i].ds = &rep->docs[i];
		order[i].docno = i + 1;
	}
	qsort(order, rep->doc_count, sizeof *order, cmp_worst);
	for (size_t i = 0; i < rep->category_count; i++)
		cats[i] = &rep->categories[i];
	qsort(cats, rep->category_count, sizeof *cats, cmp_count);

	put_head(o, rep);
	fprintf(o,
		"<body>\n<a class=\"skip\" href=\"#%s\">Skip to the "
		"documents</a>\n<header class=\"top\">\n<h1>Tone "
		"report</h1>\n<p>",
		rep->files_with_findings ? "documents"
		: rep->doc_count	 ? "clean"
					 : "overview");
	plural(o, rep->files, "document", "documents");
	fputs(" checked for wording that could put a customer off: ", o);
	if (rep->findings) {
		plural(o, rep->findings, "finding", "findings");
		fprintf(o,
			" in %zu of them. Each finding says how it may come "
			"across and suggests warmer words.",
			rep->files_with_findings);
	} else {
		fputs("nothing found.", o);
	}
	fputs("</p>\n</header>\n<main>\n", o);
	put_overview(o, rep, cats);
	put_chart(o, rep, order);
	fputs("</section>\n", o);
	if (rep->findings)
		put_filters(o, rep, cats);
	if (rep->files_with_findings) {
		fputs("<section id=\"documents\" "
		      "aria-labelledby=\"documents-h\">\n<h2 "
		      "id=\"documents-h\">Documents with findings, worst "
		      "first</h2>\n",
		      o);
		for (size_t i = 0; i < rep->doc_count; i++)
			if (order[i].ds->findings)
				fwrite(rep->body + order[i].ds->body_off, 1,
				       order[i].ds->body_len, o);
		fputs("</section>\n", o);
	}
	if (rep->files_with_findings < rep->doc_count) {
		fputs("<section class=\"panel\" id=\"clean\" "
		      "aria-labelledby=\"clean-h\">\n<h2 id=\"clean-h\">"
		      "Documents with no findings</h2>\n<ul class=\"clean\">\n",
		      o);
		for (size_t i = 0; i < rep->doc_count; i++)
			if (order[i].ds->findings == 0)
				fwrite(rep->body + order[i].ds->body_off, 1,
				       order[i].ds->body_len, o);
		fputs("</ul>\n</section>\n", o);
	}
	fprintf(o,
		"</main>\n<footer class=\"bottom\"><p>Made by tonelint %s. "
		"Findings are advice: read them with your customer in "
		"mind.</p></footer>\n<script>\n//<![CDATA[\n",
		TL_VERSION_STRING);
	fputs(tli_html_js, o);
	fputs("//]]>\n</script>\n</body>\n</html>\n", o);
	free(order);
	free(cats);
}
