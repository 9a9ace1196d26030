/*
 * suppress.c: inline suppression comments. Readers record the directives
 * of the comments they skip (tli_doc_directive); after scanning,
 * tl_result_apply_suppressions turns them into ranges of source lines and
 * drops the findings that start in one. Lines, not byte ranges: a comment
 * is never inside the prose it silences, and "the next line" is what a
 * person writing the comment means.
 */
#include <stdlib.h>
#include <string.h>

#include "readers/readers.h"
#include "result.h"
#include "suppress.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int ends_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && memcmp(s + n - k, w, k) == 0;
}

/* The comment's inside: opening marks ("<!--", "{#-", "{{!--", "#", "!")
 * and closing ones ("-->", "-#}", "--}}", "%>", a Go comment's end) cut
 * off. */
static void trim_delimiters(const char **s, size_t *n)
{
	const char *p = *s, *e = *s + *n;
	while (p < e && (is_space(*p) || strchr("<!-{#%/*~+=", *p)))
		p++;
	static const char *const closers[] = {"-->", "--}}", "}}", "#}", "%>",
					      "*/",  "-",    "~",  NULL};
	for (int changed = 1; changed && e > p;) {
		changed = 0;
		while (e > p && is_space(e[-1])) {
			e--;
			changed = 1;
		}
		for (size_t i = 0; closers[i]; i++) {
			if (ends_with(p, (size_t)(e - p), closers[i])) {
				e -= strlen(closers[i]);
				changed = 1;
				break;
			}
		}
	}
	*s = p;
	*n = (size_t)(e - p);
}

static char *dup_trimmed(const char *s, size_t n)
{
	while (n && is_space(*s)) {
		s++;
		n--;
	}
	while (n && is_space(s[n - 1]))
		n--;
	return tli_strndup(s, n);
}

static void directive_clear(tli_directive *d)
{
	for (size_t i = 0; i < d->id_count; i++)
		free(d->ids[i]);
	free(d->ids);
	free(d->reason);
}

/* Splits "a, b c" into d->ids. -1 on out of memory. */
static int parse_ids(tli_directive *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		while (i < n && (is_space(s[i]) || s[i] == ','))
			i++;
		size_t j = i;
		while (j < n && !is_space(s[j]) && s[j] != ',')
			j++;
		if (j == i)
			break;
		char **v = realloc(d->ids, (d->id_count + 1) * sizeof *v);
		if (!v)
			return -1;
		d->ids = v;
		if (!(v[d->id_count] = tli_strndup(s + i, j - i)))
			return -1;
		d->id_count++;
		i = j;
	}
	return 0;
}

void tli_doc_directive(tl_document *doc, const char *text, size_t len,
		       size_t src_start, size_t src_end, unsigned reach)
{
	static const char prefix[] = "tonelint-";
	const size_t plen = sizeof prefix - 1;
	trim_delimiters(&text, &len);
	if (len < plen || memcmp(text, prefix, plen) != 0)
		return;
	text += plen;
	len -= plen;
	size_t w = 0;
	while (w < len && !is_space(text[w]))
		w++;
	if (doc->directive_count >= TLI_MAX_DIRECTIVES) {
		if (!doc->directives_capped)
			tli_doc_warn(doc, src_start,
				     "more than %d suppression comments: "
				     "this one and the rest are ignored",
				     TLI_MAX_DIRECTIVES);
		doc->directives_capped = 1;
		return;
	}
	tli_directive d;
	memset(&d, 0, sizeof d);
	if (w == 17 && memcmp(text, "disable-next-line", w) == 0) {
		d.kind = TLI_DIR_NEXT_LINE;
	} else if (w == 7 && memcmp(text, "disable", w) == 0) {
		d.kind = TLI_DIR_DISABLE;
	} else if (w == 6 && memcmp(text, "enable", w) == 0) {
		d.kind = TLI_DIR_ENABLE;
	} else {
		tli_doc_warn(doc, src_start,
			     "unknown directive 'tonelint-%.*s' (ignored): "
			     "use tonelint-disable-next-line, tonelint-disable "
			     "or tonelint-enable",
			     (int)(w > 40 ? 40 : w), text);
		return;
	}
	/* The reason follows a "--" that starts a word. */
	size_t ids_end = len;
	for (size_t i = w; i + 1 < len; i++) {
		if (text[i] == '-' && text[i + 1] == '-' &&
		    is_space(text[i - 1])) {
			ids_end = i;
			break;
		}
	}
	if (parse_ids(&d, text + w, ids_end - w))
		goto fail;
	if (ids_end < len) {
		d.reason = dup_trimmed(text + ids_end + 2, len - ids_end - 2);
		if (!d.reason)
			goto fail;
		if (!*d.reason) {
			free(d.reason);
			d.reason = NULL;
		}
	}
	if (doc->reading) {
		/* A comment in a decoded buffer covers findings by their lines
		 * there; it is reported at its encoded text in the file.
		 * (Warnings above take the buffer's offsets: tli_doc_warn
		 * converts them.) */
		unsigned col;
		d.origin = doc->reading;
		tli_origin_position(d.origin, src_start, &d.o_line, &col);
		tli_origin_position(
			d.origin, src_end > src_start ? src_end - 1 : src_start,
			&d.o_end_line, &col);
		src_start = tli_origin_to_source(doc->reading, src_start, 0);
		src_end = tli_origin_to_source(doc->reading, src_end, 1);
	}
	d.off = src_start;
	d.through_blank = reach == TLI_DIR_ENTRY;
	tli_document_position(doc, src_start, &d.line, &d.column);
	unsigned col;
	tli_document_position(doc,
			      src_end > src_start ? src_end - 1 : src_start,
			      &d.end_line, &col);
	tli_directive *v = realloc(doc->directives,
				   (doc->directive_count + 1) * sizeof *v);
	if (!v)
		goto fail;
	doc->directives = v;
	v[doc->directive_count++] = d;
	return;
fail:
	directive_clear(&d);
}

void tli_doc_directives_free(tl_document *doc)
{
	for (size_t i = 0; i < doc->directive_count; i++)
		directive_clear(&doc->directives[i]);
	free(doc->directives);
	doc->directives = NULL;
	doc->directive_count = 0;
}

/* ------------------------------------------------------------------ */
/* Applying them                                                       */

/* One id of one directive over lines [first, last]: of the file, or for
 * a directive in a decoded buffer, of that buffer. */
typedef struct region {
	const tli_directive *d;
	const char *id; /* NULL: every rule */
	unsigned first, last;
	size_t seq; /* source order */
	int used;
} region;

/* The first line at or after `l` of origin o with more than white space
 * on it (line_count + 1 if none). */
static unsigned origin_next_nonblank(const tli_origin *o, unsigned l)
{
	for (; l <= o->line_count; l++) {
		size_t a = o->line_starts[l - 1];
		size_t b = l < o->line_count ? o->line_starts[l] : o->len;
		for (size_t i = a; i < b; i++)
			if (!is_space(o->data[i]))
				return l;
	}
	return (unsigned)o->line_count + 1;
}

/* The region a directive starts: its lines in the file, or in its
 * buffer. */
static region start_region(const tli_directive *d, const char *id, size_t seq,
			   const unsigned *next_nb, const unsigned *run_end,
			   unsigned last_line)
{
	region g = {d, id, d->end_line, last_line, seq, 0};
	if (d->origin) {
		unsigned o_last = (unsigned)d->origin->line_count;
		g.first = d->o_end_line;
		g.last = o_last;
		if (d->kind == TLI_DIR_NEXT_LINE)
			g.first = g.last = origin_next_nonblank(
				d->origin, d->o_end_line + 1);
		return g;
	}
	if (d->kind == TLI_DIR_NEXT_LINE) {
		unsigned l = d->end_line + 1;
		if (l > last_line + 1)
			l = last_line + 1;
		g.first = g.last = next_nb[l];
		if (d->through_blank) {
			g.first = l;
			g.last = g.last <= last_line ? run_end[g.last]
						     : last_line;
		}
	}
	return g;
}

static int by_offset(const void *a, const void *b)
{
	const tli_directive *x = *(const tli_directive *const *)a;
	const tli_directive *y = *(const tli_directive *const *)b;
	return x->off < y->off ? -1 : x->off > y->off;
}

static int by_first(const void *a, const void *b)
{
	const region *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int by_seq(const void *a, const void *b)
{
	const region *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int same_id(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/*
 * For each line l (1-based), next_nb[l]: the first non-blank line at or
 * after l (lines + 1 if none); run_end[l]: the last line before the first
 * blank line after l. One pass from the end, so that a comment followed by
 * a million blank lines costs nothing more. -1 on out of memory.
 */
static int line_tables(const tl_document *doc, unsigned **next_nb,
		       unsigned **run_end)
{
	unsigned lines = (unsigned)doc->line_count;
	*next_nb = malloc((lines + 2) * sizeof **next_nb);
	*run_end = malloc((lines + 2) * sizeof **run_end);
	if (!*next_nb || !*run_end)
		return -1;
	(*next_nb)[lines + 1] = lines + 1;
	(*run_end)[lines + 1] = lines;
	int next_blank = 1;
	for (unsigned l = lines; l >= 1; l--) {
		size_t a = doc->line_starts[l - 1];
		size_t b = l < lines ? doc->line_starts[l] : doc->src_len;
		int blank = 1;
		for (size_t i = a; i < b && blank; i++)
			blank = is_space(doc->src[i]);
		(*next_nb)[l] = blank ? (*next_nb)[l + 1] : l;
		(*run_end)[l] = next_blank ? l : (*run_end)[l + 1];
		next_blank = blank;
	}
	return 0;
}

/* Builds the regions of doc's directives: *out malloc'd (NULL when there
 * are none). -1 on out of memory. */
static int build_regions(const tl_document *doc, region **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	size_t nd = doc->directive_count, cap = 0, n = 0;
	if (nd == 0)
		return 0;
	int rc = -1;
	unsigned *next_nb = NULL, *run_end = NULL;
	region *r = NULL;
	/* Readers record comments layer by layer (template tags before the
	 * HTML comments): pair disable and enable in source order. */
	const tli_directive **order = malloc(nd * sizeof *order);
	if (!order || line_tables(doc, &next_nb, &run_end))
		goto out;
	for (size_t i = 0; i < nd; i++)
		order[i] = &doc->directives[i];
	qsort(order, nd, sizeof *order, by_offset);
	for (size_t i = 0; i < nd; i++)
		cap += order[i]->id_count ? order[i]->id_count : 1;
	if (!(r = malloc(cap * sizeof *r)))
		goto out;
	unsigned last_line = (unsigned)doc->line_count;
	for (size_t i = 0; i < nd; i++) {
		const tli_directive *d = order[i];
		size_t k_n = d->id_count ? d->id_count : 1;
		for (size_t k = 0; k < k_n; k++) {
			const char *id = d->id_count ? d->ids[k] : NULL;
			if (d->kind == TLI_DIR_ENABLE) {
				/* ends the open disables of the same id in
				 * the same text (the file or one decoded
				 * buffer); a bare enable ends them all
				 * (directives are capped, so this stays
				 * small) */
				unsigned open = d->origin ? (unsigned)d->origin
								    ->line_count
							  : last_line;
				unsigned at = d->origin ? d->o_line : d->line;
				for (size_t j = 0; j < n; j++)
					if (r[j].d->kind == TLI_DIR_DISABLE &&
					    r[j].d->origin == d->origin &&
					    r[j].last == open &&
					    r[j].first <= at &&
					    (!d->id_count ||
					     same_id(r[j].id, id)))
						r[j].last = at;
				continue;
			}
			r[n] = start_region(d, id, n, next_nb, run_end,
					    last_line);
			n++;
		}
	}
	*out = r;
	*count = n;
	r = NULL;
	rc = 0;
out:
	free(r);
	free(order);
	free(next_nb);
	free(run_end);
	return rc;
}

/* `line`: the finding's line in the document (not in the file, for a
 * piece of one: regions are built on the document's lines). */
static int covers(const region *g, const tl_finding *f, unsigned line)
{
	if (g->d->origin) {
		if (f->decoded != g->d->origin->data)
			return 0;
		line = f->decoded_line;
	}
	if (line < g->first || line > g->last)
		return 0;
	return !g->id || strcmp(g->id, f->rule->id) == 0 ||
	       strcmp(g->id, f->rule->category) == 0;
}

static const char *directive_name(tli_dir_kind k)
{
	return k == TLI_DIR_NEXT_LINE ? "disable-next-line" : "disable";
}

tl_status tl_result_apply_suppressions(tl_result *res, size_t *dropped)
{
	if (dropped)
		*dropped = 0;
	res->unused = NULL;
	res->unused_count = 0;
	region *r;
	size_t n;
	if (build_regions(res->doc, &r, &n))
		return TL_ENOMEM;
	if (n == 0)
		return TL_OK;
	tl_status st = TL_OK;
	region **active = malloc(n * sizeof *active);
	if (!active) {
		st = TL_ENOMEM;
		goto out;
	}
	/* A sweep down the lines: regions start in order of their first
	 * line, findings come in source order, and only the regions open at
	 * a finding's line are tried. */
	/* Regions of decoded buffers go last, out of the sweep: their lines
	 * are not the file's, and there are few of them. */
	size_t nf = 0;
	for (size_t k = 0; k < n; k++)
		if (!r[k].d->origin) {
			region tmp = r[nf];
			r[nf++] = r[k];
			r[k] = tmp;
		}
	qsort(r, nf, sizeof *r, by_first);
	size_t na = 0, next = 0, kept = 0;
	unsigned prev = 0, base = res->doc->base_line;
	for (size_t i = 0; i < res->count; i++) {
		const tl_finding *f = &res->findings[i];
		/* A piece of a file (pieces.c): findings carry the file's
		 * lines, directives the document's. */
		unsigned line = f->line - base;
		if (line < prev) /* not in source order: start over */
			na = next = 0;
		prev = line;
		while (next < nf && r[next].first <= line)
			active[na++] = &r[next++];
		size_t keep = 0;
		for (size_t k = 0; k < na; k++)
			if (active[k]->last >= line)
				active[keep++] = active[k];
		na = keep;
		int hit = 0;
		/* Every region that covers the finding counts as used, not
		 * only the first: none of them is then reported unused. */
		for (size_t k = 0; k < na; k++)
			if (covers(active[k], f, line))
				hit = active[k]->used = 1;
		for (size_t k = nf; f->decoded && k < n; k++)
			if (covers(&r[k], f, line))
				hit = r[k].used = 1;
		if (!hit)
			res->findings[kept++] = *f;
	}
	if (dropped)
		*dropped = res->count - kept;
	res->count = kept;
	qsort(r, n, sizeof *r, by_seq);
	size_t unused = 0;
	for (size_t k = 0; k < n; k++)
		unused += !r[k].used;
	if (unused) {
		tl_suppression *u = tli_result_alloc(res, unused * sizeof *u);
		if (!u) {
			st = TL_ENOMEM;
			goto out;
		}
		size_t j = 0;
		for (size_t k = 0; k < n; k++) {
			if (r[k].used)
				continue;
			const tli_directive *d = r[k].d;
			u[j++] = (tl_suppression){directive_name(d->kind),
						  r[k].id, d->reason,
						  d->line + base, d->column};
		}
		res->unused = u;
		res->unused_count = unused;
	}
out:
	free(active);
	free(r);
	return st;
}

size_t tl_result_unused_suppression_count(const tl_result *res)
{
	return res->unused_count;
}

const tl_suppression *tl_result_unused_suppression(const tl_result *res,
						   size_t i)
{
	return i < res->unused_count ? &res->unused[i] : NULL;
}
