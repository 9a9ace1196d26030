/* document.c: the document handle: source bytes, line map, prose texts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "internal.h"
#include "strbuf.h"
#include "suppress.h"
#include "utf8.h"

#define DEFAULT_MAX_FILE_SIZE ((size_t)256 * 1024 * 1024)

/* Appends line starts to *v (room for *cap, *n used), doubling it when
 * `more` would not fit. 0, or -1 when out of memory. */
static int reserve_starts(size_t **v, size_t *cap, size_t n, size_t more)
{
	if (n + more <= *cap)
		return 0;
	size_t c = *cap * 2 > n + more ? *cap * 2 : n + more;
	size_t *p = realloc(*v, c * sizeof *p);
	if (!p)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

tl_status tli_lines_index(const char *s, size_t len, size_t first,
			  size_t **starts, size_t *count)
{
	/* One pass over the text, the array grown as lines come: a first
	 * guess of one line per 64 bytes holds most prose without growing,
	 * and costs an eighth of the text's size at most. */
	const unsigned char *p = (const unsigned char *)s;
	size_t cap = len / 64 + 16, n = 1, i = 0;
	size_t *v = malloc(cap * sizeof *v);
	if (!v)
		return TL_ENOMEM;
	v[0] = first;
#ifdef TLI_KINDS64
	for (; i + 64 <= len; i += 64) {
		uint64_t m = tli_bytes_of64(p + i, '\n');
		if (!m)
			continue;
		if (reserve_starts(&v, &cap, n, 64))
			goto oom;
		for (; m; m &= m - 1)
			v[n++] = i + (size_t)__builtin_ctzll(m) + 1;
	}
#endif
	for (const unsigned char *q = p + i, *end = p + len;
	     (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++) {
		if (reserve_starts(&v, &cap, n, 1))
			goto oom;
		v[n++] = (size_t)(q - p) + 1;
	}
	*starts = v;
	*count = n;
	return TL_OK;
oom:
	free(v);
	return TL_ENOMEM;
}

size_t tli_count_newlines(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t lines = 0, i = 0;
#ifdef TLI_KINDS64
	/* each byte of `in` counts the line ends at its place in up to 255
	 * blocks of 16; _mm_sad_epu8 adds them up */
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	__m128i sums = zero;
	while (len - i >= 16) {
		__m128i in = zero;
		for (int k = 0; k < 255 && len - i >= 16; k++, i += 16) {
			__m128i b = _mm_loadu_si128((const __m128i *)(p + i));
			in = _mm_sub_epi8(in, _mm_cmpeq_epi8(b, nl));
		}
		sums = _mm_add_epi64(sums, _mm_sad_epu8(in, zero));
	}
	uint64_t two[2];
	_mm_storeu_si128((__m128i *)two, sums);
	lines = (size_t)(two[0] + two[1]);
#endif
	for (const unsigned char *q = p + i, *end = p + len;
	     (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
		lines++;
	return lines;
}

void tli_lines_position(const char *s, size_t len, const size_t *starts,
			size_t count, size_t off, unsigned *line,
			unsigned *column)
{
	if (off > len)
		off = len;
	size_t lo = 0, hi = count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)(lo + 1);
	if (off < starts[lo]) /* inside a byte-order mark */
		off = starts[lo];
	*column = (unsigned)(tli_utf8_count(s + starts[lo], off - starts[lo]) +
			     1);
}

static tl_status build_lines(tl_document *d)
{
	/* A UTF-8 byte-order mark is not a character anyone sees: line 1
	 * starts after it, so columns on it count from the first letter. Only
	 * at the start of the file: a later piece may start with U+FEFF. */
	size_t first = d->base_off == 0 && d->src_len >= 3 &&
				       memcmp(d->src, "\xEF\xBB\xBF", 3) == 0
			       ? 3
			       : 0;
	return tli_lines_index(d->src, d->src_len, first, &d->line_starts,
			       &d->line_count);
}

/* Takes ownership of `src` (malloc'd, NUL-terminated), even on failure,
 * unless it is `borrowed` (then it outlives the document). Counts the
 * words of the texts unless the caller counts them itself (`own_words`). */
static tl_status finish(tl_document **out, const char *name, char *src,
			size_t len, int borrowed, tl_format format,
			size_t base_off, unsigned base_line, unsigned msg_base,
			size_t msg_end, int own_words)
{
	*out = NULL;
	tl_document *d = calloc(1, sizeof *d);
	if (!d) {
		if (!borrowed)
			free(src);
		return TL_ENOMEM;
	}
	d->src = src;
	d->src_borrowed = borrowed;
	d->src_len = len;
	d->format = format;
	d->base_off = base_off;
	d->base_line = base_line;
	d->msg_base = msg_base;
	d->msg_end = msg_end;
	d->name = tli_strndup(name, strlen(name));
	tl_status st = d->name ? build_lines(d) : TL_ENOMEM;
	if (!st)
		st = tli_read_document(d);
	if (st) {
		tl_document_free(d);
		return st;
	}
	for (size_t i = 0; !own_words && i < d->text_count; i++)
		d->words += tli_count_words(d->texts[i].data, d->texts[i].len);
	/* checked once here, so that no match needs to check (match.c); a
	 * plain text is the source itself */
	d->src_utf8 = tli_utf8_valid(d->src, d->src_len) ? TLI_UTF8_VALID
							 : TLI_UTF8_INVALID;
	for (size_t i = 0; i < d->text_count; i++) {
		tli_text *t = &d->texts[i];
		if (t->data == d->src && t->len == d->src_len)
			t->utf8 = d->src_utf8;
		else
			t->utf8 = tli_utf8_valid(t->data, t->len)
					  ? TLI_UTF8_VALID
					  : TLI_UTF8_INVALID;
	}
	*out = d;
	return TL_OK;
}

/*
 * UTF-16 and UTF-32 text read as bytes has NULs between the letters: no rule
 * could match, and the file would look clean. It is refused, with how to
 * convert it, when its byte order mark says what it is. TL_EFORMAT or TL_OK.
 */
static tl_status refuse_encoding(const char *s, size_t n, char *errbuf,
				 size_t errbuf_size)
{
	const char *enc = NULL;
	if (n >= 4 && memcmp(s, "\xFF\xFE\0\0", 4) == 0)
		enc = "UTF-32LE";
	else if (n >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0)
		enc = "UTF-32BE";
	else if (n >= 2 && memcmp(s, "\xFF\xFE", 2) == 0)
		enc = "UTF-16LE";
	else if (n >= 2 && memcmp(s, "\xFE\xFF", 2) == 0)
		enc = "UTF-16BE";
	if (!enc)
		return TL_OK;
	if (errbuf && errbuf_size)
		snprintf(errbuf, errbuf_size,
			 "%s text (byte order mark); tonelint reads UTF-8: "
			 "convert it, e.g. iconv -f %.6s -t UTF-8",
			 enc, enc);
	return TL_EFORMAT;
}

/* The document limit is the one a user sets (rule packs and configuration
 * files have fixed ones): say how. */
static void hint_limit(tl_status st, char *errbuf, size_t errbuf_size)
{
	size_t n = errbuf ? strnlen(errbuf, errbuf_size) : 0;
	if (st == TL_ELIMIT && n + 1 < errbuf_size)
		snprintf(errbuf + n, errbuf_size - n, " (--max-file-size)");
}

static size_t max_size(const tl_limits *limits)
{
	return limits && limits->max_file_size ? limits->max_file_size
					       : DEFAULT_MAX_FILE_SIZE;
}

tl_status tl_document_from_file(tl_document **out, const char *path,
				const char *display_name, tl_format format,
				const tl_limits *limits, char *errbuf,
				size_t errbuf_size)
{
	char *data;
	size_t len;
	*out = NULL;
	/* The file's identity, taken before reading: a change during the
	 * read then shows as a difference, never as a file that looks
	 * untouched. */
	struct stat sb;
	tl_status st = tli_read_file(path, max_size(limits), &data, &len, &sb,
				     errbuf, errbuf_size);
	if (st) {
		hint_limit(st, errbuf, errbuf_size);
		return st;
	}
	if ((st = refuse_encoding(data, len, errbuf, errbuf_size))) {
		free(data);
		return st;
	}
	st = finish(out, display_name ? display_name : path, data, len, 0,
		    format, 0, 0, 0, 0, 0);
	if (!st) {
		tl_document *d = *out;
		d->has_file_id = 1;
		d->file_dev = (uint64_t)sb.st_dev;
		d->file_ino = (uint64_t)sb.st_ino;
		d->file_size = (uint64_t)sb.st_size;
		d->file_mtime_sec = (int64_t)sb.st_mtim.tv_sec;
		d->file_mtime_nsec = (int64_t)sb.st_mtim.tv_nsec;
	}
	return st;
}

tl_status tl_document_from_stream(tl_document **out, FILE *stream,
				  const char *name, tl_format format,
				  const tl_limits *limits, char *errbuf,
				  size_t errbuf_size)
{
	char *data;
	size_t len;
	*out = NULL;
	tl_status st = tli_read_stream(stream, max_size(limits), &data, &len,
				       errbuf, errbuf_size);
	if (st) {
		hint_limit(st, errbuf, errbuf_size);
		return st;
	}
	if ((st = refuse_encoding(data, len, errbuf, errbuf_size))) {
		free(data);
		return st;
	}
	return finish(out, name, data, len, 0, format, 0, 0, 0, 0, 0);
}

tl_status tl_document_from_buffer(tl_document **out, const char *name,
				  const char *data, size_t len,
				  tl_format format)
{
	*out = NULL;
	tl_status st = refuse_encoding(data, len, NULL, 0);
	if (st)
		return st;
	char *copy = tli_strndup(data, len);
	if (!copy)
		return TL_ENOMEM;
	return finish(out, name, copy, len, 0, format, 0, 0, 0, 0, 0);
}

int tli_text_utf8(const tli_text *t)
{
	if (t->utf8 != TLI_UTF8_UNKNOWN)
		return t->utf8 == TLI_UTF8_VALID;
	return tli_utf8_valid(t->data, t->len);
}

tl_status tli_document_piece(tl_document **out, const char *name,
			     tl_format format, const char *data, size_t len,
			     size_t own_start, size_t own_end, size_t base_off,
			     unsigned base_line, unsigned msg_base)
{
	*out = NULL;
	/* Borrowed: a copy of each piece cost more than the rest of reading
	 * it (the copy and the page faults on its fresh memory). The readers
	 * never write to src. */
	tl_status st =
		finish(out, name, (char *)data, len, 1, format, base_off,
		       base_line, msg_base,
		       format == TL_FORMAT_MBOX && own_end < len ? own_end : 0,
		       format == TL_FORMAT_TEXT);
	/* Text pieces are cut between words: their words add up to the
	 * file's. A mailbox's are those of its messages' texts. */
	if (!st && format == TL_FORMAT_TEXT)
		(*out)->words =
			tli_count_words(data + own_start, own_end - own_start);
	return st;
}

void tl_document_free(tl_document *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->text_count; i++) {
		free(d->texts[i].owned);
		free(d->texts[i].map);
		free(d->texts[i].label);
		free(d->texts[i].omap);
	}
	tli_origins_free(d);
	free(d->texts);
	for (size_t i = 0; i < d->warning_count; i++)
		free((char *)d->warnings[i].message);
	free(d->warnings);
	tli_doc_directives_free(d);
	free(d->line_starts);
	if (!d->src_borrowed)
		free(d->src);
	free(d->name);
	free(d);
}

const char *tl_document_name(const tl_document *d)
{
	return d->name;
}
tl_format tl_document_format(const tl_document *d)
{
	return d->format;
}
size_t tl_document_words(const tl_document *d)
{
	return d->words;
}

size_t tl_document_warning_count(const tl_document *d)
{
	return d->warning_count;
}

const tl_error *tl_document_warning(const tl_document *d, size_t i)
{
	return i < d->warning_count ? &d->warnings[i] : NULL;
}

const char *tl_document_source(const tl_document *d, size_t *len)
{
	if (len)
		*len = d->src_len;
	return d->src;
}

void tli_document_position(const tl_document *d, size_t off, unsigned *line,
			   unsigned *column)
{
	tli_lines_position(d->src, d->src_len, d->line_starts, d->line_count,
			   off, line, column);
}

size_t tli_text_to_source(const tli_text *t, size_t off, int is_end)
{
	return tli_map_lookup(t->map, t->map_len, t->src_base, off, is_end);
}

size_t tli_map_lookup(const tli_map_entry *map, size_t map_len, size_t base,
		      size_t off, int is_end)
{
	if (!map)
		return base + off;
	size_t lo = 0, hi = map_len;
	if (hi == 0)
		return base;
	/* the last entry starting at or before off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (map[mid].text_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	const tli_map_entry *e = &map[lo];
	/* An end offset equal to an entry's start belongs to the previous
	 * entry's end: the match stopped before this run. */
	if (is_end && lo > 0 && off == e->text_off)
		e = &map[lo - 1];
	size_t rel = off > e->text_off ? off - e->text_off : 0;
	if (rel > e->text_len)
		rel = e->text_len;
	if (e->text_len == e->src_len)
		return e->src_off + rel;
	if (is_end)
		return rel == 0 ? e->src_off : e->src_off + e->src_len;
	return rel >= e->text_len ? e->src_off + e->src_len : e->src_off;
}

void tli_mapbuf_push(tli_mapbuf *m, size_t text_off, size_t text_len,
		     size_t src_off, size_t src_len, unsigned char placeholder)
{
	if (m->oom || text_len == 0)
		return;
	if (m->n > 0 && text_len == src_len && !placeholder) {
		tli_map_entry *p = &m->v[m->n - 1];
		if (p->text_len == p->src_len && !p->placeholder &&
		    p->text_off + p->text_len == text_off &&
		    p->src_off + p->src_len == src_off) {
			p->text_len += text_len;
			p->src_len += src_len;
			return;
		}
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		tli_map_entry *p = realloc(m->v, cap * sizeof *p);
		if (!p) {
			m->oom = 1;
			return;
		}
		m->v = p;
		m->cap = cap;
	}
	tli_map_entry e = {text_off, text_len, src_off, src_len, placeholder};
	m->v[m->n++] = e;
}

size_t tli_count_words(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t words = 0, i = 0;
	unsigned in = 0;
#ifdef TLI_KINDS64
	for (; i + 64 <= len; i += 64) {
		tli_kinds64 k;
		tli_kinds_of64(p + i, &k);
		/* "In a word after byte i" is alnum(i) | (join(i) & in before
		 * it): the carry out of bit i when adding alnum to
		 * alnum | join (the two are disjoint), so one addition finds
		 * it for all 64 bytes; a word starts at an alnum byte with no
		 * carry into it. */
		uint64_t a = k.alnum | k.join, sum = a + k.alnum + in;
		uint64_t carry_in = sum ^ a ^ k.alnum;
		words += tli_popcount64(k.alnum & ~carry_in);
		in = (unsigned)((k.alnum | (k.join & carry_in)) >> 63);
	}
#endif
	/* without branches: every text passes through here */
	for (; i < len; i++) {
		unsigned k = tli_byte_kind[p[i]];
		unsigned w = ((k & TLI_BYTE_ALNUM) >> 2) |
			     (in & (k & TLI_BYTE_JOIN) >> 3);
		words += w & ~in;
		in = w;
	}
	return words;
}
