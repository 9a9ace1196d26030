/*
 * email.c: .eml messages and mbox mailboxes, with GMime. GMime parses the
 * structure (headers, multipart boundaries, mbox "From " lines, RFC 2047
 * encoded words) and says where each part's body lies in the file; the
 * body is then decoded with a map (mimedecode.c) and read as text or HTML.
 *
 * Prose: the Subject header and the text/plain and text/html parts that are
 * not attachments. In a multipart/alternative, the alternative that maps
 * best to the file (plain before HTML, unencoded before quoted-printable
 * before base64) is read whole; from the others only the sentences it does
 * not already hold, so the same words are reported once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gmime_load.h"
#include "mimedecode.h"
#include "readers.h"

typedef struct email_ctx {
	tl_document *doc;
	char prefix[160]; /* "message 2 <id@host>" in a mailbox, else "" */
	unsigned part;	  /* leaf parts seen in this message */
	tl_status st;
} email_ctx;

static void label(email_ctx *e, char *buf, size_t n, const char *what)
{
	if (e->prefix[0] && what)
		snprintf(buf, n, "%s, %s", e->prefix, what);
	else if (e->prefix[0])
		snprintf(buf, n, "%s", e->prefix);
	else if (what)
		snprintf(buf, n, "%s", what);
	else
		buf[0] = '\0';
}

/* ------------------------------------------------------------------ */
/* The Subject header                                                  */

/* End of the header field starting at `off` (its folded lines too). */
static size_t field_end(const char *s, size_t n, size_t off)
{
	size_t i = off;
	for (;;) {
		const char *nl = memchr(s + i, '\n', n - i);
		if (!nl)
			return n;
		i = (size_t)(nl - s) + 1;
		if (i >= n || (s[i] != ' ' && s[i] != '\t'))
			return (size_t)(nl - s);
	}
}

/* An RFC 2047 encoded word at s[i]: its length, or 0. */
static size_t encoded_word(const char *s, size_t i, size_t end)
{
	if (i + 2 > end || s[i] != '=' || s[i + 1] != '?')
		return 0;
	int q = 0;
	for (size_t j = i + 2; j + 1 < end; j++) {
		if (s[j] == ' ' || s[j] == '\n' || s[j] == '\r')
			return 0;
		if (s[j] == '?') {
			q++;
			if (q == 3 && s[j + 1] == '=')
				return j + 2 - i;
		}
	}
	return 0;
}

static tl_status subject(email_ctx *e, GMimeMessage *msg)
{
	GMimeHeaderList *list =
		g_mime_object_get_header_list(GMIME_OBJECT(msg));
	GMimeHeader *h =
		list ? g_mime_header_list_get_header(list, "Subject") : NULL;
	if (!h)
		return TL_OK;
	tl_document *doc = e->doc;
	gint64 at = g_mime_header_get_offset(h);
	if (at < 0 || (size_t)at + 8 > doc->src_len ||
	    strncasecmp(doc->src + at, "subject:", 8) != 0)
		return TL_OK;
	size_t a = (size_t)at + 8, end = field_end(doc->src, doc->src_len, a);
	tli_src in = tli_src_of_document(doc);
	tli_tb tb;
	tli_tb_init(&tb, &in);
	size_t run = a;
	int last_encoded = 0;
	for (size_t i = a; i < end; i++) {
		size_t w = encoded_word(doc->src, i, end);
		if (!w)
			continue;
		/* White space between two encoded words is not text. */
		int between = last_encoded;
		for (size_t k = run; k < i && between; k++)
			if (!strchr(" \t\r\n", doc->src[k]))
				between = 0;
		if (!between)
			tli_tb_verbatim(&tb, run, i - run);
		char *word = g_strndup(doc->src + i, w);
		char *dec = g_mime_utils_header_decode_text(NULL, word);
		if (dec && strcmp(dec, word) != 0)
			tli_tb_replace(&tb, dec, strlen(dec), i, w);
		else
			tli_tb_verbatim(&tb, i, w);
		g_free(dec);
		g_free(word);
		run = i + w;
		i = run - 1;
		last_encoded = 1;
	}
	tli_tb_verbatim(&tb, run, end - run);
	char lab[256];
	label(e, lab, sizeof lab, "subject");
	return tli_tb_to_text(&tb, doc, lab);
}

/* ------------------------------------------------------------------ */
/* Body parts                                                          */

typedef struct leaf {
	GMimePart *part;
	int html;
	int rank; /* lower maps better to the file */
	unsigned number;
} leaf;

static int is_text_leaf(GMimeObject *o, int *html)
{
	if (!GMIME_IS_PART(o))
		return 0;
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	if (!ct || !g_mime_content_type_is_type(ct, "text", "*"))
		return 0;
	const char *sub = g_mime_content_type_get_media_subtype(ct);
	if (!sub ||
	    (strcasecmp(sub, "plain") != 0 && strcasecmp(sub, "html") != 0))
		return 0;
	if (g_mime_part_is_attachment(GMIME_PART(o)) &&
	    g_mime_part_get_filename(GMIME_PART(o)))
		return 0;
	*html = strcasecmp(sub, "html") == 0;
	return 1;
}

static int rank_of(GMimePart *p, int html)
{
	GMimeContentEncoding enc = g_mime_part_get_content_encoding(p);
	int r = enc == GMIME_CONTENT_ENCODING_BASE64		? 4
		: enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ? 2
								: 0;
	return r + html;
}

/* Reads one leaf part; the texts it adds start at doc->text_count before
 * the call. */
static tl_status read_leaf(email_ctx *e, const leaf *l)
{
	tl_document *doc = e->doc;
	GMimeDataWrapper *w = g_mime_part_get_content(l->part);
	GMimeStream *s = w ? g_mime_data_wrapper_get_stream(w) : NULL;
	if (!s)
		return TL_OK;
	gint64 a = s->bound_start, b = s->bound_end;
	if (b < 0 || b > (gint64)doc->src_len)
		b = (gint64)doc->src_len;
	if (a < 0 || a > b)
		return TL_OK;
	tli_src raw = {doc->src + a, (size_t)(b - a), NULL, 0, (size_t)a};
	tli_src dec = raw, conv;
	char *d1 = NULL, *d2 = NULL;
	tli_map_entry *m1 = NULL, *m2 = NULL;
	tli_tb tb;
	tl_status st = TL_OK;
	GMimeContentEncoding enc = g_mime_part_get_content_encoding(l->part);
	char what[64];
	const char *kind = NULL;
	if (enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_BASE64) {
		tli_tb_init(&tb, &raw);
		if (enc == GMIME_CONTENT_ENCODING_BASE64) {
			tli_decode_base64(&tb, doc);
			snprintf(what, sizeof what, "part %u (base64)",
				 l->number);
			kind = what;
		} else {
			tli_decode_qp(&tb, doc);
		}
		if ((st = tli_tb_to_src(&tb, &dec, &d1, &m1)))
			return st;
	}
	conv = dec;
	const char *cs = g_mime_object_get_content_type_parameter(
		GMIME_OBJECT(l->part), "charset");
	if (!tli_charset_is_utf8(cs)) {
		const char *name = g_mime_charset_iconv_name(cs);
		tli_tb_init(&tb, &dec);
		if (tli_decode_charset(&tb, doc, name ? name : cs) < 0) {
			tli_doc_warn(doc, (size_t)a,
				     "unknown charset '%s' (read as UTF-8)",
				     cs);
			tli_tb_free(&tb);
		} else if ((st = tli_tb_to_src(&tb, &conv, &d2, &m2))) {
			goto out;
		}
	}
	if (conv.len && memchr(conv.data, '\0', conv.len)) {
		/* No text holds NUL bytes (after charset conversion, UTF-16
		 * has none left): a file sent as text/plain, a PDF say. Read
		 * as prose it would be noise. */
		tli_doc_warn(doc, (size_t)a,
			     "part %u is labelled text but holds binary data "
			     "(skipped)",
			     l->number);
		goto out;
	}
	char lab[256];
	label(e, lab, sizeof lab, kind);
	size_t first = doc->text_count;
	tli_src in = conv;
	if (enc == GMIME_CONTENT_ENCODING_BASE64) {
		/* The file holds no readable text of a base64 body: its
		 * decoded text is a buffer of its own, with its own lines,
		 * and the readers work in its offsets. */
		tli_origin *o;
		if ((st = tli_origin_add(doc, lab, conv.data, conv.len,
					 conv.map, conv.map_len, &o)))
			goto out;
		in = (tli_src){o->data, o->len, NULL, 0, 0};
		doc->reading = o;
	}
	st = l->html ? tli_read_html(doc, &in, lab[0] ? lab : NULL, 0)
		     : tli_read_plain(doc, &in, lab[0] ? lab : NULL, 0);
	doc->reading = NULL;
	unsigned char transfer = TLI_TRANSFER_NONE;
	if (enc == GMIME_CONTENT_ENCODING_BASE64)
		transfer = TLI_TRANSFER_BASE64;
	else if (enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)
		transfer = TLI_TRANSFER_QP;
	for (size_t t = first; t < doc->text_count; t++)
		doc->texts[t].transfer = transfer;
out:
	free(d1);
	free(m1);
	free(d2);
	free(m2);
	return st;
}

/* Words of s[0..n), lowercased and joined by single spaces. */
static char *normalise(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	int in = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int w = c >= 0x80 || (c >= '0' && c <= '9') ||
			((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
		if (w) {
			if (!in && k > 0)
				out[k++] = ' ';
			out[k++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
		}
		in = w;
	}
	out[k] = '\0';
	return out;
}

/* Sentences: up to and including ".!?" before white space, or a line
 * break. Returns the end of the one starting at `i`. */
static size_t sentence_end(const char *s, size_t n, size_t i)
{
	for (; i < n; i++) {
		if (s[i] == '\n')
			return i + 1;
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
		    (i + 1 == n || strchr(" \t\r\n", s[i + 1])))
			return i + 1;
	}
	return n;
}

typedef struct strset {
	char **v;
	size_t n, cap;
} strset;

static int add(strset *set, char *s)
{
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		char **p = realloc(set->v, cap * sizeof *p);
		if (!p)
			return -1;
		set->v = p;
		set->cap = cap;
	}
	set->v[set->n++] = s;
	return 0;
}

static int has(const strset *set, const char *s)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i], s) == 0)
			return 1;
	return 0;
}

static void strset_free(strset *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i]);
	free(set->v);
}

/* Collects the sentences of texts [from, to) into set. */
static tl_status collect(tl_document *doc, size_t from, size_t to, strset *set)
{
	for (size_t t = from; t < to; t++) {
		const tli_text *x = &doc->texts[t];
		for (size_t i = 0; i < x->len;) {
			size_t j = sentence_end(x->data, x->len, i);
			char *w = normalise(x->data + i, j - i);
			if (!w || (w[0] && add(set, w))) {
				free(w);
				return TL_ENOMEM;
			}
			if (!w[0])
				free(w);
			i = j;
		}
	}
	return TL_OK;
}

/* Rebuilds text t without the sentences already in `seen`. */
static tl_status drop_seen(tl_document *doc, size_t t, const strset *seen)
{
	tli_text *x = &doc->texts[t];
	/* A text from a decoded buffer is rebuilt in the buffer's offsets
	 * (tli_tb_to_text maps it to the file again). */
	tli_src in = {x->data, x->len, x->map, x->map_len, x->src_base};
	if (x->origin)
		in = (tli_src){x->data, x->len, x->omap, x->omap_len, 0};
	tli_tb tb;
	tli_tb_init(&tb, &in);
	for (size_t i = 0; i < x->len;) {
		size_t j = sentence_end(x->data, x->len, i);
		char *w = normalise(x->data + i, j - i);
		if (!w) {
			tli_tb_free(&tb);
			return TL_ENOMEM;
		}
		if (w[0] && has(seen, w))
			tli_tb_break(&tb);
		else
			tli_tb_verbatim(&tb, i, j - i);
		free(w);
		i = j;
	}
	/* Swap the rebuilt text in for the old one. */
	size_t before = doc->text_count;
	unsigned char transfer = x->transfer;
	doc->reading = (tli_origin *)x->origin;
	tl_status st = tli_tb_to_text(&tb, doc, x->label);
	doc->reading = NULL;
	if (st)
		return st;
	x = &doc->texts[t];
	if (doc->text_count > before)
		doc->texts[doc->text_count - 1].transfer = transfer;
	free(x->owned);
	free(x->map);
	free(x->omap);
	free(x->label);
	if (doc->text_count > before) {
		*x = doc->texts[--doc->text_count];
	} else { /* nothing left */
		memmove(x, x + 1, (doc->text_count - t - 1) * sizeof *x);
		doc->text_count--;
	}
	return TL_OK;
}

static tl_status alternatives(email_ctx *e, leaf *v, size_t n)
{
	size_t best = 0;
	for (size_t i = 1; i < n; i++)
		if (v[i].rank < v[best].rank)
			best = i;
	tl_document *doc = e->doc;
	size_t from = doc->text_count;
	tl_status st = read_leaf(e, &v[best]);
	if (st || n == 1)
		return st;
	strset seen = {NULL, 0, 0};
	st = collect(doc, from, doc->text_count, &seen);
	for (size_t i = 0; i < n && !st; i++) {
		if (i == best)
			continue;
		size_t at = doc->text_count;
		st = read_leaf(e, &v[i]);
		for (size_t t = doc->text_count; t > at && !st; t--)
			st = drop_seen(doc, t - 1, &seen);
	}
	strset_free(&seen);
	return st;
}

static void walk(email_ctx *e, GMimeObject *o, int depth);

static void walk_message(email_ctx *e, GMimeMessage *m, int depth)
{
	if (e->st)
		return;
	e->st = subject(e, m);
	GMimeObject *body = g_mime_message_get_mime_part(m);
	if (body)
		walk(e, body, depth + 1);
}

static void walk(email_ctx *e, GMimeObject *o, int depth)
{
	if (e->st || depth > 64)
		return;
	int html;
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *m =
			g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		if (m)
			walk_message(e, m, depth);
		return;
	}
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		GMimeContentType *ct = g_mime_object_get_content_type(o);
		int alt = ct && g_mime_content_type_is_type(ct, "multipart",
							    "alternative");
		leaf v[16];
		size_t nv = 0;
		for (int i = 0; i < n && !e->st; i++) {
			GMimeObject *c = g_mime_multipart_get_part(mp, i);
			if (alt && nv < 16 && is_text_leaf(c, &html)) {
				GMimePart *p = GMIME_PART(c);
				v[nv++] = (leaf){p, html, rank_of(p, html),
						 ++e->part};
			} else {
				walk(e, c, depth + 1);
			}
		}
		if (nv && !e->st)
			e->st = alternatives(e, v, nv);
		return;
	}
	if (is_text_leaf(o, &html)) {
		GMimePart *p = GMIME_PART(o);
		leaf l = {p, html, rank_of(p, html), ++e->part};
		e->st = read_leaf(e, &l);
		return;
	}
	if (GMIME_IS_PART(o))
		e->part++;
}

static void on_warning(gint64 offset, GMimeParserWarning code,
		       const gchar *item, gpointer user)
{
	email_ctx *e = user;
	const char *what;
	switch (code) {
	case GMIME_WARN_TRUNCATED_MESSAGE:
		what = "the message is truncated";
		break;
	case GMIME_WARN_MALFORMED_MULTIPART:
		what = "a multipart has no parts";
		break;
	case GMIME_WARN_MALFORMED_MESSAGE:
		what = "the message is malformed";
		break;
	case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
		what = "a multipart has no boundary: read as one part";
		break;
	case GMIME_CRIT_INVALID_HEADER_NAME:
		what = "invalid header name (skipped)";
		break;
	case GMIME_CRIT_NESTING_OVERFLOW:
		what = "MIME parts nested too deeply (skipped)";
		break;
	case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
		what = "a MIME part has neither headers nor content";
		break;
	default:
		return; /* harmless for reading prose */
	}
	(void)item;
	size_t off = offset < 0 ? 0 : (size_t)offset;
	/* GMime does not say where a message was cut: at the end. */
	if (code == GMIME_WARN_TRUNCATED_MESSAGE && off == 0)
		off = e->doc->src_len;
	tli_doc_warn(e->doc, off, "%s", what);
}

/* A parser of the stream from where it stands. */
static GMimeParser *new_parser(GMimeStream *stream, int mbox)
{
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX
					      : GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(parser, TRUE);
	return parser;
}

/* Where the first message after the line at s[at] starts (a "From " line
 * after a blank line, tl_mbox_from_line), or len. */
static size_t next_message(const char *s, size_t len, size_t at)
{
	int blank = 0;
	const char *nl = memchr(s + at, '\n', len - at);
	for (size_t i = nl ? (size_t)(nl - s) + 1 : len; i < len;) {
		nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) + 1 - i : len - i;
		if (tl_mbox_from_line(s + i, n, &blank))
			return i;
		i += n;
	}
	return len;
}

tl_status tli_read_email(tl_document *doc, int mbox)
{
	char why[256];
	if (!tli_gmime_load(why, sizeof why)) {
		/* Only where the package's dependency is missing: the file
		 * is named, and so is the library and why. */
		tli_doc_warn(doc, 0,
			     "not read: GMime, which reads email, could not "
			     "be loaded (%s)",
			     why);
		return TL_OK;
	}
	email_ctx e;
	memset(&e, 0, sizeof e);
	e.doc = doc;
	GMimeStream *stream =
		g_mime_stream_mem_new_with_buffer(doc->src, doc->src_len);
	GMimeParser *parser = new_parser(stream, mbox);
	GMimeParserOptions *opts = g_mime_parser_options_new();
	g_mime_parser_options_set_warning_callback(opts, on_warning, &e);
	/* In a piece of a mailbox (pieces.c), numbers go on from the
	 * messages before it. */
	unsigned index = doc->msg_base;
	while (!e.st && !g_mime_parser_eos(parser)) {
		gint64 at = g_mime_parser_tell(parser);
		if (doc->msg_end && at >= 0 && (size_t)at >= doc->msg_end)
			break; /* the next piece's */
		GMimeMessage *msg =
			g_mime_parser_construct_message(parser, opts);
		size_t here = at < 0 ? 0 : (size_t)at;
		if (!msg && mbox && (here > 0 || doc->base_off > 0)) {
			/* GMime gives up on the mailbox at a message it
			 * cannot read ("From " in a body, not written
			 * ">From "): the messages after it are read from
			 * the next message start on, a place a piece
			 * (pieces.c) can start at too. */
			size_t next =
				next_message(doc->src, doc->src_len, here);
			tli_doc_warn(doc, here,
				     next < doc->src_len
					     ? "no message could be read from "
					       "here to the next message "
					       "(a \"From \" line in a body?)"
					     : "no message could be read from "
					       "here to the end of the "
					       "mailbox");
			if (next >= doc->src_len)
				break;
			g_object_unref(parser);
			g_mime_stream_seek(stream, (gint64)next,
					   GMIME_STREAM_SEEK_SET);
			parser = new_parser(stream, mbox);
			continue;
		}
		if (!msg) {
			if (mbox)
				tli_doc_warn(doc, here,
					     "no message found (not an mbox "
					     "file?)");
			else
				tli_doc_warn(doc, here, "no message found");
			break;
		}
		index++;
		e.part = 0;
		if (mbox) {
			const char *id = g_mime_message_get_message_id(msg);
			if (id)
				snprintf(e.prefix, sizeof e.prefix,
					 "message %u <%s>", index, id);
			else
				snprintf(e.prefix, sizeof e.prefix,
					 "message %u", index);
		}
		walk_message(&e, msg, 0);
		g_object_unref(msg);
		if (!mbox)
			break;
	}
	doc->msg_count = index - doc->msg_base;
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	return e.st;
}
