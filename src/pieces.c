/*
 * pieces.c: a large plain-text file read and scanned piece by piece
 * (tl_pieces in tonelint.h), so that memory follows the piece, not the
 * file: a 1 GB file costs what a few megabytes do.
 *
 * Each piece is a document of its own (tli_document_piece) that knows where
 * in the file it starts, so that findings carry the file's lines and
 * offsets. The document holds more than the piece: CONTEXT bytes of the
 * file before it and after it, scanned like the rest, with only the
 * findings that start in the piece kept. The text before makes the piece
 * read as it does in the whole file: ^ and \A (without multiline) match
 * only at the document's start, which is in that context and never in the
 * piece (unless it is the file's start, as in the whole file), and
 * look-behinds, \b and the scanner's sentence reach see the same bytes.
 * The text after lets a match that runs across the cut be found whole.
 * A piece is cut after a paragraph break where there is one, so that the
 * cut falls between sentences.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "readers/readers.h"
#include "result.h"

#define DEFAULT_MAX_FILE_SIZE ((size_t)256 * 1024 * 1024)
#define CONTEXT		      TLI_PIECE_CONTEXT
/* Freed pieces' buffers kept for reuse: as many as can be in flight with
 * two workers (cli_split_run holds two pieces a worker). */
#define SPARES 4

/* What tl_pieces_read uses, from fd to rest_whole and msg_raw, and what
 * tl_pieces_finish uses, from msg_base on, belong to the two steps; only
 * read_rest and the mailbox's guesses (msg_fix) touch both, which is why
 * the two must not run at the same time. */
struct tl_pieces {
	int fd;
	char *name;
	size_t window, max;
	size_t size; /* the file's, as fstat said at the start */
	/* The file's bytes from offset off - lead: the context before the
	 * next piece (up to CONTEXT bytes of the last one), then the piece. */
	char *buf;
	size_t len, cap;
	size_t lead;
	size_t off;    /* file offset of the next piece */
	unsigned line; /* lines before it */
	int eof, done;
	/* A mailbox: pieces of whole messages, read as the whole file reads
	 * them (GMime), numbered on from msg_base; from the first piece with
	 * a suppression comment on, the rest of the file is one piece. */
	int mbox, rest_whole;
	unsigned msg_base;
	/* Per rule (by index): where its last kept finding ends, as the
	 * scanner drops a finding that overlaps the previous one of its rule;
	 * carried from piece to piece. */
	size_t *last_end;
	unsigned char *seen;
	size_t rules;
	/* Diagnostics already given, each once per file as the whole file's
	 * scan gives it, and the rules that gave up on the text (the result's
	 * diag_stopped) with where their findings end. */
	char **diags;
	size_t diag_count;
	struct stopped {
		const tl_rule *rule;
		size_t end; /* findings starting before it are kept */
	} * stopped;
	size_t stopped_count;
	/* A mailbox's message numbers: each piece is read before the pieces
	 * before it are parsed, so its first number is a guess (msg_raw, the
	 * "From " lines counted so far, plus msg_fix, what the last finished
	 * piece showed the count to be off by) that tl_pieces_finish checks
	 * against msg_base, the true count, and mends by parsing again. */
	unsigned msg_raw, msg_fix;
	/* Pieces are numbered as read; those read after void_after are void,
	 * read again as part of the rest of the file (read_rest). */
	unsigned long seq, void_after;
	/* the piece tl_pieces_next returned last */
	tl_piece *cur;
	/* Buffers of freed pieces, for the next ones to read into: a fresh
	 * buffer's pages each cost a fault as they are first written (a
	 * fifth more time on a large file). Pieces are freed on any thread. */
	pthread_mutex_t spare_lock;
	char *spare[SPARES];
	size_t spare_cap[SPARES];
};

/* A piece: its own copy of the file's bytes, the document made of them and
 * its result. */
struct tl_piece {
	char *buf; /* buf[0, len) and a NUL */
	size_t len;
	/* the piece's own bytes, buf[own_start, own_end); buf[0] is byte
	 * base_off of the file, at the start of line base_line + 1 */
	size_t own_start, own_end, base_off;
	unsigned base_line;
	const char *name; /* the tl_pieces' */
	tl_pieces *owner; /* where buf goes back to (tl_piece_free) */
	size_t cap;	  /* buf's size */
	int mbox, rest_whole;
	/* a mailbox: the first message's number guessed (msg_base + 1),
	 * from msg_raw; `guess` "From " lines in it */
	unsigned msg_base, msg_raw, guess;
	unsigned long seq;
	/* tl_piece_scan's: a mailbox piece holding a suppression comment
	 * is not scanned (needs_rest): the rest of the file is read whole */
	tl_kind kind;
	tl_stage stage;
	int scanned, needs_rest;
	tl_status st;
	tl_document *doc;
	tl_result *res;
};

/* Reads until buf holds `need` bytes or the file ends. */
static tl_status fill(tl_pieces *p, size_t need, char *errbuf, size_t size)
{
	if (need > p->cap) {
		/* an eighth more than asked: the next piece, which starts
		 * with a context, then fits too, and its buffer can be a
		 * freed piece's (reuse) */
		size_t cap = need + need / 8;
		char *b = realloc(p->buf, cap);
		if (!b)
			return TL_ENOMEM;
		p->buf = b;
		p->cap = cap;
	}
	while (!p->eof && p->len < need) {
		ssize_t got = read(p->fd, p->buf + p->len, need - p->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			if (errbuf && size)
				snprintf(errbuf, size, "%s", strerror(errno));
			return TL_EIO;
		}
		if (got == 0)
			p->eof = 1;
		p->len += (size_t)got;
		/* The file may grow while it is read: the limit still holds. */
		if (p->off - p->lead + p->len > p->max) {
			tli_too_large(errbuf, size, p->max);
			size_t n = errbuf ? strnlen(errbuf, size) : 0;
			if (n + 1 < size)
				snprintf(errbuf + n, size - n,
					 " (--max-file-size)");
			return TL_ELIMIT;
		}
	}
	return TL_OK;
}

/* A buffer of at least *cap bytes, a freed piece's if one is that large
 * (*cap is then its size); NULL when out of memory. */
static char *reuse(tl_pieces *p, size_t *cap)
{
	char *b = NULL;
	pthread_mutex_lock(&p->spare_lock);
	for (size_t k = 0; k < SPARES && !b; k++)
		if (p->spare[k] && p->spare_cap[k] >= *cap) {
			b = p->spare[k];
			*cap = p->spare_cap[k];
			p->spare[k] = NULL;
		}
	pthread_mutex_unlock(&p->spare_lock);
	return b ? b : malloc(*cap);
}

/* Keeps a freed piece's buffer for reuse: in an empty slot, else in place
 * of the smallest kept if that is smaller. */
static void give_back(tl_pieces *p, char *buf, size_t cap)
{
	pthread_mutex_lock(&p->spare_lock);
	size_t k = 0;
	for (size_t i = 0; i < SPARES; i++) {
		if (!p->spare[i]) {
			k = i;
			break;
		}
		if (p->spare_cap[i] < p->spare_cap[k])
			k = i;
	}
	char *out = buf;
	if (!p->spare[k] || p->spare_cap[k] < cap) {
		out = p->spare[k];
		p->spare[k] = buf;
		p->spare_cap[k] = cap;
	}
	pthread_mutex_unlock(&p->spare_lock);
	free(out);
}

/*
 * Hands buf[0, n) to a new piece, as its own with a NUL after it, and keeps
 * buf[keep, len) for the pieces after it, moved to a buffer of its own:
 * the piece's bytes are never copied, only the few read past it.
 */
static tl_status take(tl_pieces *p, size_t n, size_t keep, tl_piece **out)
{
	*out = NULL;
	size_t rest = p->len - keep;
	size_t want = p->cap > rest ? p->cap : rest + 1;
	tl_piece *pc = calloc(1, sizeof *pc);
	size_t nb_cap = want;
	char *nb = reuse(p, &nb_cap);
	char *mine = p->buf;
	size_t mine_cap = p->cap;
	if (pc && nb && n + 1 > p->cap) {
		mine = realloc(p->buf, n + 1);
		mine_cap = n + 1;
	}
	if (!pc || !nb || !mine) {
		free(pc);
		free(nb);
		return TL_ENOMEM;
	}
	memcpy(nb, mine + keep, rest);
	/* what was read ahead into it (the first read, a long message) is
	 * not kept with the piece */
	if (n + 1 < mine_cap / 2) {
		char *fit = realloc(mine, n + 1);
		if (fit) {
			mine = fit;
			mine_cap = n + 1;
		}
	}
	mine[n] = '\0';
	pc->buf = mine;
	pc->cap = mine_cap;
	pc->len = n;
	pc->name = p->name;
	pc->owner = p;
	pc->seq = ++p->seq;
	p->buf = nb;
	p->cap = nb_cap;
	p->len = rest;
	*out = pc;
	return TL_OK;
}

/* Just after the first paragraph break (a line of only spaces, tabs or
 * '\r' after a line end) that ends in s[from, to); 0 if none. */
static size_t paragraph_break(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to;) {
		const char *nl = memchr(s + i, '\n', to - i);
		if (!nl)
			return 0;
		size_t j = (size_t)(nl - s) + 1;
		while (j < to && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
			j++;
		if (j < to && s[j] == '\n')
			return j + 1;
		i = j;
	}
	return 0;
}

size_t tli_piece_cut(const char *s, size_t len, size_t at, size_t limit)
{
	if (limit >= len)
		return len;
	size_t b = paragraph_break(s, at, limit);
	if (b)
		return b;
	for (size_t i = limit; i > 0; i--)
		if (s[i - 1] == '\n')
			return i;
	/* A line longer than the limit is not cut: a finding's column and
	 * the text format's excerpt need its start. */
	const char *nl = memchr(s + limit, '\n', len - limit);
	return nl ? (size_t)(nl - s) + 1 : len;
}

tl_status tl_pieces_open(tl_pieces **out, const char *path,
			 const char *display_name, tl_format format,
			 const tl_limits *limits, size_t window, char *errbuf,
			 size_t errbuf_size)
{
	*out = NULL;
	if (errbuf && errbuf_size)
		errbuf[0] = '\0';
	if (format != TL_FORMAT_AUTO && format != TL_FORMAT_TEXT &&
	    format != TL_FORMAT_MBOX)
		return TL_OK;
	tl_pieces *p = calloc(1, sizeof *p);
	if (!p)
		return TL_ENOMEM;
	p->fd = -1;
	pthread_mutex_init(&p->spare_lock, NULL);
	p->void_after = (unsigned long)-1;
	p->window = window ? window : TL_PIECES_WINDOW;
	p->max = limits && limits->max_file_size ? limits->max_file_size
						 : DEFAULT_MAX_FILE_SIZE;
	const char *name = display_name ? display_name : path;
	p->name = strdup(name);
	tl_status st = TL_ENOMEM;
	if (!p->name)
		goto fail;
	p->fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (p->fd < 0 || fstat(p->fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		/* Not for pieces: tl_document_from_file says why. */
		st = TL_OK;
		goto fail;
	}
	/* The format is told by the first few KiB (tli_detect_format looks
	 * at 4); the size, by fstat. Only what a piece needs is read after:
	 * reading two windows here to tell the size made the first pieces
	 * carry a buffer of twice their size. */
	if ((st = fill(p, (size_t)64 * 1024, errbuf, errbuf_size)))
		goto fail;
	unsigned tmpl;
	if (format == TL_FORMAT_AUTO)
		format = tli_detect_format(name, p->buf, p->len, &tmpl);
	p->mbox = format == TL_FORMAT_MBOX;
	/* Small files are read whole; so is anything the name or the first
	 * bytes say is neither plain text nor a mailbox, a mailbox that does
	 * not start with a message (GMime says what it makes of that), and
	 * UTF-16 and UTF-32, which tl_document_from_file refuses. */
	if ((p->eof && p->len <= 2 * p->window) ||
	    (sb.st_size >= 0 &&
	     (uintmax_t)sb.st_size <= 2 * (uintmax_t)p->window) ||
	    (format != TL_FORMAT_TEXT && format != TL_FORMAT_MBOX) ||
	    (p->mbox && (p->len < 5 || memcmp(p->buf, "From ", 5) != 0)) ||
	    (p->len >= 2 && (memcmp(p->buf, "\xFF\xFE", 2) == 0 ||
			     memcmp(p->buf, "\xFE\xFF", 2) == 0)) ||
	    (p->len >= 4 && memcmp(p->buf, "\0\0\xFE\xFF", 4) == 0)) {
		st = TL_OK;
		goto fail;
	}
	p->size = sb.st_size > 0 ? (size_t)sb.st_size : 0;
	*out = p;
	return TL_OK;
fail:
	tl_pieces_free(p);
	return st;
}

static struct stopped *find_stopped(const tl_pieces *p, const tl_rule *r)
{
	for (size_t i = 0; i < p->stopped_count; i++)
		if (p->stopped[i].rule == r)
			return &p->stopped[i];
	return NULL;
}

/*
 * Keeps each diagnostic of res the first time the file gives it: the whole
 * file's scan gives it once. A rule that gives up on the text (a match
 * error) does so for the rest of the file: its findings in later pieces
 * are dropped, but for those this scan found after the cut (own_end)
 * before it gave up, which the whole file's scan finds too.
 */
static tl_status keep_new_diags(tl_pieces *p, tl_result *res, size_t own_end)
{
	size_t kept = 0;
	for (size_t i = 0; i < res->diag_count; i++) {
		const char *d = res->diags[i];
		const tl_rule *rule = res->diag_stopped[i];
		int again = rule && find_stopped(p, rule);
		for (size_t k = 0; k < p->diag_count && !again; k++)
			again = strcmp(p->diags[k], d) == 0;
		if (again)
			continue;
		char **dl = realloc(p->diags, (p->diag_count + 1) * sizeof *dl);
		if (!dl)
			return TL_ENOMEM;
		p->diags = dl;
		if (!(p->diags[p->diag_count] = strdup(d)))
			return TL_ENOMEM;
		p->diag_count++;
		res->diag_stopped[kept] = rule;
		res->diags[kept++] = res->diags[i];
		if (!rule)
			continue;
		struct stopped *sl = realloc(
			p->stopped, (p->stopped_count + 1) * sizeof *sl);
		if (!sl)
			return TL_ENOMEM;
		p->stopped = sl;
		struct stopped *r = &p->stopped[p->stopped_count++];
		r->rule = rule;
		r->end = own_end;
		for (size_t k = 0; k < res->count; k++) {
			const tl_finding *f = &res->findings[k];
			if (f->rule == rule && f->offset >= r->end)
				r->end = f->offset + 1;
		}
	}
	res->diag_count = kept;
	return TL_OK;
}

/* Keeps the findings that start in the piece's own bytes [own_start,
 * own_end) of the file, do not overlap the previous kept finding of their
 * rule, and come before their rule gave up on the text. */
static tl_status keep_own(tl_pieces *p, tl_result *res, size_t own_start,
			  size_t own_end)
{
	size_t kept = 0;
	for (size_t i = 0; i < res->count; i++) {
		tl_finding f = res->findings[i];
		if (f.offset < own_start || f.offset >= own_end)
			continue;
		if (p->stopped_count) {
			struct stopped *r = find_stopped(p, f.rule);
			if (r && f.offset >= r->end)
				continue;
		}
		size_t r = f.rule->index;
		if (r >= p->rules) {
			size_t n = r + 1 > 2 * p->rules ? r + 1 : 2 * p->rules;
			size_t *le = realloc(p->last_end, n * sizeof *le);
			if (!le)
				return TL_ENOMEM;
			p->last_end = le;
			unsigned char *sn = realloc(p->seen, n);
			if (!sn)
				return TL_ENOMEM;
			p->seen = sn;
			memset(p->seen + p->rules, 0, n - p->rules);
			p->rules = n;
		}
		if (p->seen[r] && f.offset < p->last_end[r])
			continue;
		p->seen[r] = 1;
		p->last_end[r] = f.offset + f.length;
		res->findings[kept++] = f;
	}
	res->count = kept;
	return TL_OK;
}

/*
 * The window of the next piece: p->window, but a quarter of what is left
 * of the file once that is less than four windows, down to a quarter of
 * the window. Two workers scanning the pieces at once (cli_split_run)
 * then end together: with whole windows to the end, one of them sat idle
 * for half a piece on average while the other scanned the last one, 9 to
 * 25 ms of the 21 MB bench text's 170 ms at -j2 (perf sched). The cuts
 * do not depend on the number of workers, so that neither do findings.
 */
static size_t piece_window(const tl_pieces *p)
{
	size_t quarter = p->size > p->off ? (p->size - p->off) / 4 : 0;
	size_t least = p->window / 4 ? p->window / 4 : 1;
	return quarter > p->window ? p->window
	       : quarter > least   ? quarter
				   : least;
}

/* How many lines of s[0, len) start with "From ": where GMime starts a
 * message (after a blank line or not), the guess of how many a piece
 * holds. */
static unsigned from_lines(const char *s, size_t len)
{
	unsigned n = 0;
	for (size_t i = 0; i < len;) {
		if (len - i >= 5 && memcmp(s + i, "From ", 5) == 0)
			n++;
		const char *nl = memchr(s + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - s) + 1;
	}
	return n;
}

/*
 * The next piece of a mailbox: whole messages from a message's start, cut
 * at the first message that starts the window (piece_window) or more in
 * (tli_mbox_cut). A message is never cut: a longer one makes a longer
 * piece. Each message is read as the whole file's reader reads it, its
 * number following on from the pieces before, and every finding, diagnostic
 * and warning is its own: nothing is shared across messages but the numbers
 * and suppression comments. A comment can silence lines to the end of the
 * file, so the rest of the file, from the first piece with one, is read as
 * one piece (read_rest); so is all of it once p->rest_whole is set.
 */
static tl_status read_messages(tl_pieces *p, tl_piece **out, char *errbuf,
			       size_t errbuf_size)
{
	/* A window and the messages that start after it, as a rule: what is
	 * read past the cut is moved for the next piece (take), so no more
	 * than that is read unless a message is longer. */
	size_t w = piece_window(p), need = w + w / 4 + 1, own = 0;
	tl_status st;
	for (;;) {
		if ((st = fill(p, need, errbuf, errbuf_size)))
			return st;
		if (p->len == 0) {
			p->done = 1;
			return TL_OK;
		}
		if (!p->rest_whole && (own = tli_mbox_cut(p->buf, p->len, w)))
			break;
		if (p->eof) {
			own = p->len;
			break;
		}
		need = p->cap * 2;
	}
	/* The next message's "From " line too: GMime then ends the last
	 * message where the whole file's reader does, at a message start
	 * rather than at the end of the text, which it warns about as a
	 * truncated message. */
	size_t with = own;
	if (own < p->len) {
		const char *nl = memchr(p->buf + own, '\n', p->len - own);
		with = nl ? (size_t)(nl - p->buf) + 1 : p->len;
	}
	int last = p->len == own && p->eof;
	unsigned guess = from_lines(p->buf, own);
	unsigned lines = (unsigned)tli_count_newlines(p->buf, own);
	tl_piece *pc;
	if ((st = take(p, with, own, &pc)))
		return st;
	pc->mbox = 1;
	pc->rest_whole = p->rest_whole;
	pc->own_end = own;
	pc->base_off = p->off;
	pc->base_line = p->line;
	pc->msg_raw = p->msg_raw;
	pc->msg_base = p->msg_raw + p->msg_fix;
	pc->guess = guess;
	p->msg_raw += guess;
	p->line += lines;
	p->off += own;
	p->done = last;
	*out = pc;
	return TL_OK;
}

/*
 * Where the piece s[0, own) and its context after, s[own, end), end (1),
 * when s[0, avail) tells: as they would be cut with all the bytes a piece
 * can take (its window, two more and a context), for each cut is the first
 * paragraph break after a point, or a fixed limit. `whole`: avail is the
 * rest of the file; `longer`: the rest is longer than two windows (which
 * avail may not show). 0: more bytes are needed; -1: no line ends in the
 * first two windows (see cut_as_read).
 */
static int cut_known(const char *s, size_t avail, int whole, int longer,
		     size_t w, size_t *own, size_t *end)
{
	if (avail <= 2 * w && (whole || !longer)) {
		if (!whole)
			return 0;
		*own = *end = avail; /* the last piece */
		return 1;
	}
	if (avail <= 2 * w) {
		if (!(*own = paragraph_break(s, w, avail)))
			return 0;
	} else if ((*own = tli_piece_cut(s, avail, w, 2 * w)) > 2 * w) {
		return -1;
	}
	size_t from = *own + CONTEXT, limit = from + w;
	if (whole) {
		from = from < avail ? from : avail;
		limit = limit < avail ? limit : avail;
	} else if (avail < limit) {
		*end = from < avail ? paragraph_break(s, from, avail) : 0;
		return *end != 0;
	}
	size_t b = paragraph_break(s, from, limit);
	*end = b ? b : limit;
	return 1;
}

/* The cut of cut_known from the bytes read, s[0, avail) (`eof`: all of
 * the rest), for a piece whose first line is longer than two windows:
 * read on to the first line end, and cut after it. */
static void cut_as_read(const char *s, size_t avail, int eof, size_t w,
			size_t *own, size_t *end)
{
	*own = avail <= 2 * w && eof ? avail
				     : tli_piece_cut(s, avail, w, 2 * w);
	*end = *own;
	if (*own < avail) {
		size_t from = *own + CONTEXT < avail ? *own + CONTEXT : avail;
		size_t limit = from + w < avail ? from + w : avail;
		size_t b = paragraph_break(s, from, limit);
		*end = b ? b : limit;
	}
}

/* Whether the file goes on for more than n bytes from offset off, as its
 * size says now: only a file that changes while it is read can make the
 * cut differ from one with all its bytes read. */
static int longer_than(const tl_pieces *p, size_t off, size_t n)
{
	struct stat sb;
	return fstat(p->fd, &sb) == 0 && sb.st_size >= 0 &&
	       (uintmax_t)sb.st_size > (uintmax_t)off + n;
}

/*
 * Reads the next piece of plain text into buf[lead, ...): its own bytes,
 * then the context after them; *own and *end as cut_known. Only as much
 * is read as the cuts need to see, a little more than the window and two
 * contexts in prose: what is read past the piece moves to a buffer of its
 * own for the next one (take), and a piece's worth moved each time cost
 * as much as reading it.
 */
static tl_status next_piece(tl_pieces *p, size_t *own, size_t *end,
			    char *errbuf, size_t errbuf_size)
{
	size_t w = piece_window(p), ahead = 3 * CONTEXT;
	/* what the cuts can need at most, but for a first line longer
	 * than two windows */
	size_t most = p->lead + 3 * w + CONTEXT + 1;
	int longer = -1; /* not asked yet */
	tl_status st;
	for (;;) {
		size_t need = p->lead + w + ahead;
		if (need > most)
			need = most;
		if ((st = fill(p, need, errbuf, errbuf_size)))
			return st;
		const char *s = p->buf + p->lead;
		size_t avail = p->len - p->lead;
		if (avail == 0)
			break;
		if (longer < 0 && avail <= 2 * w && !p->eof)
			longer = longer_than(p, p->off, 2 * w);
		int known =
			cut_known(s, avail, p->eof, longer > 0, w, own, end);
		if (known > 0)
			return TL_OK;
		if (known < 0)
			break;
		assert(need < most);
		ahead *= 2;
	}
	/* A first line longer than two pieces is read to its end. */
	size_t need = most;
	if ((st = fill(p, need, errbuf, errbuf_size)))
		return st;
	while (!p->eof && !memchr(p->buf + p->lead, '\n', p->len - p->lead)) {
		need *= 2;
		if ((st = fill(p, need, errbuf, errbuf_size)))
			return st;
	}
	cut_as_read(p->buf + p->lead, p->len - p->lead, p->eof, w, own, end);
	return TL_OK;
}

/* The next piece of plain text, with the context before and after it. */
static tl_status read_text(tl_pieces *p, tl_piece **out, char *errbuf,
			   size_t errbuf_size)
{
	/* The piece's own bytes s[0, own), then the context after them,
	 * s[own, end); the context before is buf[0, lead). */
	size_t own = 0, end = 0;
	tl_status st = next_piece(p, &own, &end, errbuf, errbuf_size);
	if (st)
		return st;
	if (p->len == p->lead && p->off > 0) {
		p->done = 1;
		return TL_OK;
	}
	/* Keep up to CONTEXT bytes before the next piece, from the start of
	 * a character. */
	size_t next = p->lead + own;
	size_t keep = next > CONTEXT ? next - CONTEXT : 0;
	while (keep < next && ((unsigned char)p->buf[keep] & 0xC0) == 0x80)
		keep++;
	int last = p->len == next && p->eof;
	unsigned before = (unsigned)tli_count_newlines(p->buf, p->lead);
	unsigned lines = (unsigned)tli_count_newlines(p->buf + p->lead, own);
	tl_piece *pc;
	if ((st = take(p, p->lead + end, keep, &pc)))
		return st;
	pc->own_start = p->lead;
	pc->own_end = p->lead + own;
	pc->base_off = p->off - p->lead;
	pc->base_line = p->line - before;
	p->line += lines;
	p->off += own;
	p->lead = next - keep;
	p->done = last;
	*out = pc;
	return TL_OK;
}

tl_status tl_pieces_read(tl_pieces *p, tl_piece **out, char *errbuf,
			 size_t errbuf_size)
{
	*out = NULL;
	if (errbuf && errbuf_size)
		errbuf[0] = '\0';
	if (p->done)
		return TL_OK;
	return p->mbox ? read_messages(p, out, errbuf, errbuf_size)
		       : read_text(p, out, errbuf, errbuf_size);
}

/* The piece's document, its first message numbered msg_base + 1, in
 * place of any made before (and of the result that borrows it). */
static tl_status make_document(tl_piece *pc, unsigned msg_base)
{
	tl_result_free(pc->res);
	pc->res = NULL;
	tl_document_free(pc->doc);
	pc->doc = NULL;
	return tli_document_piece(&pc->doc, pc->name,
				  pc->mbox ? TL_FORMAT_MBOX : TL_FORMAT_TEXT,
				  pc->buf, pc->len, pc->own_start, pc->own_end,
				  pc->base_off, pc->base_line, msg_base);
}

static tl_status scan_document(tl_piece *pc, tl_scanner *sc)
{
	tl_result_free(pc->res);
	pc->res = NULL;
	tl_document_set_kind(pc->doc, pc->kind, pc->stage);
	return tl_scanner_scan(sc, pc->doc, &pc->res);
}

tl_status tl_piece_scan(tl_piece *pc, tl_scanner *sc, tl_kind kind,
			tl_stage stage)
{
	pc->kind = kind;
	pc->stage = stage;
	pc->scanned = 1;
	pc->st = make_document(pc, pc->msg_base);
	/* A suppression comment may reach past the piece: the rest of the
	 * file is to be read as one piece instead, in order. */
	if (!pc->st && pc->mbox && !pc->rest_whole &&
	    (pc->doc->directive_count || pc->doc->directives_capped)) {
		pc->needs_rest = 1;
		return TL_OK;
	}
	if (!pc->st)
		pc->st = scan_document(pc, sc);
	return pc->st;
}

/*
 * The rest of the mailbox from pc's start, read again as one piece, which
 * takes pc's place; the pieces read after pc are void. The file is a
 * regular one (tl_pieces_open), so it can be read again from there.
 */
static tl_status read_rest(tl_pieces *p, tl_piece *pc, tl_scanner *sc,
			   char *errbuf, size_t errbuf_size)
{
	if (lseek(p->fd, (off_t)pc->base_off, SEEK_SET) < 0) {
		if (errbuf && errbuf_size)
			snprintf(errbuf, errbuf_size, "%s", strerror(errno));
		return TL_EIO;
	}
	p->len = p->lead = 0;
	p->eof = p->done = 0;
	p->off = pc->base_off;
	p->line = pc->base_line;
	p->rest_whole = 1;
	p->msg_raw = pc->msg_raw;
	p->msg_fix = p->msg_base - pc->msg_raw;
	p->void_after = pc->seq;
	tl_piece *rest = NULL;
	tl_status st = read_messages(p, &rest, errbuf, errbuf_size);
	if (!st && rest) {
		st = tl_piece_scan(rest, sc, pc->kind, pc->stage);
		/* rest takes pc's place; what was pc's goes with rest */
		tl_piece old = *pc;
		*pc = *rest;
		pc->seq = old.seq;
		*rest = old;
	}
	tl_piece_free(rest);
	return st;
}

tl_status tl_pieces_finish(tl_pieces *p, tl_piece *pc, tl_scanner *sc,
			   tl_result **out, char *errbuf, size_t errbuf_size)
{
	*out = NULL;
	if (errbuf && errbuf_size)
		errbuf[0] = '\0';
	assert(pc->scanned);
	if (pc->seq > p->void_after)
		return TL_OK;
	if (pc->st)
		return pc->st;
	tl_status st;
	if (pc->mbox) {
		if (pc->needs_rest) {
			st = read_rest(p, pc, sc, errbuf, errbuf_size);
		} else if (pc->msg_base != p->msg_base) {
			/* the guess was wrong: numbered again */
			st = make_document(pc, p->msg_base);
			if (!st)
				st = scan_document(pc, sc);
		} else {
			st = TL_OK;
		}
		if (st)
			return st;
		p->msg_base += pc->doc->msg_count;
		/* what the guesses are off by, for the pieces read next */
		p->msg_fix = p->msg_base - (pc->msg_raw + pc->guess);
	} else {
		size_t own = pc->own_end - pc->own_start;
		size_t at = pc->base_off + pc->own_start;
		if ((st = keep_new_diags(p, pc->res, at + own)) ||
		    (st = keep_own(p, pc->res, at, at + own)))
			return st;
	}
	*out = pc->res;
	pc->res = NULL;
	return TL_OK;
}

tl_status tl_pieces_next(tl_pieces *p, tl_scanner *sc, tl_kind kind,
			 tl_stage stage, tl_result **out, char *errbuf,
			 size_t errbuf_size)
{
	*out = NULL;
	tl_piece_free(p->cur);
	p->cur = NULL;
	tl_status st = tl_pieces_read(p, &p->cur, errbuf, errbuf_size);
	if (st || !p->cur)
		return st;
	tl_piece_scan(p->cur, sc, kind, stage);
	return tl_pieces_finish(p, p->cur, sc, out, errbuf, errbuf_size);
}

void tl_piece_free(tl_piece *pc)
{
	if (!pc)
		return;
	tl_result_free(pc->res);
	tl_document_free(pc->doc);
	if (pc->owner)
		give_back(pc->owner, pc->buf, pc->cap);
	else
		free(pc->buf);
	free(pc);
}

void tl_pieces_free(tl_pieces *p)
{
	if (!p)
		return;
	if (p->fd >= 0)
		close(p->fd);
	tl_piece_free(p->cur);
	free(p->buf);
	for (size_t k = 0; k < SPARES; k++)
		free(p->spare[k]);
	pthread_mutex_destroy(&p->spare_lock);
	free(p->last_end);
	free(p->seen);
	for (size_t i = 0; i < p->diag_count; i++)
		free(p->diags[i]);
	free(p->diags);
	free(p->stopped);
	free(p->name);
	free(p);
}
