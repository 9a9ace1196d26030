/*
 * litextract.c: a conservative reading of PCRE2 syntax that finds, for a
 * pattern, a set of literals one of which every match contains, and a bound
 * on how far into the match it starts. Written by hand because PCRE2 exposes
 * only a first code unit and a minimum length, not required substrings.
 *
 * Each node of the pattern yields an `info`: its maximum length, whether it
 * is a fixed (case-folded) string, whether it matches white space only, and
 * the best literal set found inside it. A sequence merges adjacent fixed
 * strings into runs and keeps its best set; an alternation needs a set from
 * every branch and takes their union; a repeat with minimum 0 loses its set.
 */
#include "litextract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define MAX_DEPTH 64
#define MAX_EXACT 256
#define INF_COUNT ((size_t)-1)

/* Every allocation of one analysis lives in an arena freed at the end. */
typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(max_align_t) char data[];
} arena_block;

typedef struct parser {
	const char *p, *end;
	int fail; /* 1: gave up; 2: out of memory */
	int depth;
	arena_block *blocks;
	int caseless; /* the pattern ignores case, or an (?i) was read */
	int dotall;   /* an (?s) was read: . may match a newline */
	/* With `record`, each top-level item's own best literal set
	 * (tli_gate_literals), and whether the pattern has a top-level |. */
	int record, top_alt;
	struct litset *items;
	size_t nitems, capitems;
} parser;

static void *alloc(parser *ps, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	arena_block *b = ps->blocks;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > 8192 ? n : 8192;
		b = malloc(sizeof *b + cap);
		if (!b) {
			ps->fail = 2;
			return NULL;
		}
		b->used = 0;
		b->cap = cap;
		b->next = ps->blocks;
		ps->blocks = b;
	}
	void *r = b->data + b->used;
	b->used += n;
	return r;
}

typedef struct litset {
	const char **lits;
	const size_t *lens;
	size_t n;
	tli_bound off;
	unsigned cost;	/* summed cost_of of the literals */
	int word_start; /* see tli_literals */
} litset;

/* A finite set of fixed strings (case-folded), one of which a node always
 * matches exactly; n == 0 when the node is not that simple. A space in a
 * member stands for a run of white space (see prefilter.h). */
typedef struct xset {
	const char *const *s;
	const size_t *len;
	size_t n;
} xset;

static const char *const k_space[] = {" "}, *const k_empty[] = {""};
static const size_t k_one[] = {1}, k_zero[] = {0};
static const xset xs_space = {k_space, k_one, 1},
		  xs_empty = {k_empty, k_zero, 1};

/* At most this many members: `(?:we|I)\s+(?:cannot|can't)` is four. */
#define MAX_ALTS 128
/* Literals are cut to this many bytes. */
#define MAX_LITERAL 12

/*
 * "Two capital words": a capital, one or more gap bytes, a capital (as in
 * "FINAL NOTICE", "PAY & SETTLE"). A gap byte is any but an ASCII letter,
 * digit, '_' or '\n' (every byte of a non-ASCII character is one, so a
 * character of several bytes is as one). The automaton reads a match byte
 * by byte, as the scanner reads the text: S0 nothing, S1 just after a
 * capital, S2 after a capital and gap bytes; a capital in S2 shows the
 * shape. Each character of a pattern may be of several kinds (bits).
 */
enum { KIND_CAP = 1, KIND_GAP = 2, KIND_OTHER = 4, KIND_ANY = 7 };
enum { GAP_S0, GAP_S1, GAP_S2, GAP_STATES };
#define GAP_SHOWN 3 /* not a state: the shape was seen */

static const unsigned char gap_dfa[GAP_STATES][3] = {
	/* KIND_CAP, KIND_GAP, KIND_OTHER */
	{GAP_S1, GAP_S0, GAP_S0},
	{GAP_S1, GAP_S2, GAP_S0},
	{GAP_SHOWN, GAP_S2, GAP_S0},
};

/* Capital words, read with case: every match holds one of `s` (strings of
 * two or more ASCII capitals, pointing into the pattern) or, when
 * `min_run`, that many capitals in a row; the first capital of it `off`
 * into the match at most. */
typedef struct capset {
	int has;
	const char **s;
	size_t *len;
	size_t n;
	unsigned min_run;
	tli_bound off;
	unsigned cost; /* see capset_cost */
} capset;

/* At most this many strings in a set of capital words. */
#define MAX_CAPS 64

typedef struct info {
	tli_bound max;
	int is_ws;     /* matches white space only */
	int is_word;   /* matches word characters only (see header) */
	int is_tok;    /* matches anything but white space only */
	int is_noline; /* matches no newline (\n) */
	/* Case-sensitive reading: every match holds two ASCII capitals in a
	 * row at most `up_off` into it (when `up`), and the node always
	 * starts with a capital (`first_upper`), or is one (`one_upper`). */
	int up, first_upper, one_upper;
	tli_bound up_off;
	/* Two capital words (see `gap_dfa`): for each state the shape
	 * automaton may be in where the node starts, the states it may be in
	 * where the node ends (a bit each; 0: every match has shown the
	 * shape, by `gap_at` into the node at most). A character is one
	 * step, of the kinds `kinds` says it may be. */
	unsigned char kinds;
	unsigned char gap_to[GAP_STATES];
	tli_bound gap_at[GAP_STATES];
	capset cs;
	xset xs; /* always matches exactly one of these */
	/* not exact, but always starting with one of these: a repeat like
	 * !!+, or `can['’]t` followed by anything */
	xset pre;
	int has; /* `set` is valid */
	litset set;
	/* zero width, and what follows it starts a word if its first
	 * character is an ASCII letter, digit or _: \b, (?<!\w) */
	int wordb;
} info;

typedef struct word_entry {
	const char *s;
	size_t n;
} word_entry;
#define W(w)                    \
	{                       \
		w, sizeof w - 1 \
	}

/* Words so common in business prose that a literal set holding one finds
 * candidates everywhere: the prefilter would save nothing. Sorted: looked
 * up by bsearch. */
static const word_entry common[] = {
	W("about"),  W("account"), W("also"),	  W("amount"),	 W("and"),
	W("any"),    W("are"),	   W("balance"),  W("been"),	 W("bill"),
	W("but"),    W("can"),	   W("could"),	  W("customer"), W("date"),
	W("days"),   W("dear"),	   W("email"),	  W("for"),	 W("from"),
	W("has"),    W("have"),	   W("help"),	  W("here"),	 W("how"),
	W("into"),   W("invoice"), W("invoices"), W("its"),	 W("may"),
	W("month"),  W("more"),	   W("must"),	  W("not"),	 W("now"),
	W("number"), W("only"),	   W("order"),	  W("other"),	 W("our"),
	W("out"),    W("paid"),	   W("pay"),	  W("payment"),	 W("payments"),
	W("per"),    W("please"),  W("service"),  W("services"), W("should"),
	W("some"),   W("such"),	   W("team"),	  W("than"),	 W("thank"),
	W("thanks"), W("that"),	   W("the"),	  W("their"),	 W("them"),
	W("then"),   W("there"),   W("these"),	  W("they"),	 W("this"),
	W("those"),  W("time"),	   W("total"),	  W("very"),	 W("was"),
	W("what"),   W("when"),	   W("where"),	  W("which"),	 W("who"),
	W("why"),    W("will"),	   W("with"),	  W("would"),	 W("you"),
	W("your"),   W("yours")};

/* Words of four letters or more that billing mail is full of (invoices,
 * reminders, receipts, support replies; sorted): rarer than the words above,
 * but far from the rare words their length suggests. "reply" or "late" alone
 * wakes a pattern in most mails; "do not reply" or "seriously late" do
 * not. */
static const word_entry frequent[] = {
	W("again"),	W("already"),  W("answer"),    W("attached"),
	W("available"), W("bank"),     W("below"),     W("business"),
	W("call"),	W("card"),     W("charge"),    W("charges"),
	W("contact"),	W("cost"),     W("costs"),     W("credit"),
	W("details"),	W("doing"),    W("done"),      W("down"),
	W("due"),	W("early"),    W("fees"),      W("file"),
	W("forward"),	W("full"),     W("further"),   W("hear"),
	W("just"),	W("kind"),     W("know"),      W("late"),
	W("like"),	W("link"),     W("made"),      W("make"),
	W("message"),	W("next"),     W("note"),      W("notice"),
	W("office"),	W("online"),   W("part"),      W("past"),
	W("placed"),	W("price"),    W("questions"), W("read"),
	W("receipt"),	W("receive"),  W("received"),  W("records"),
	W("regards"),	W("reminder"), W("reply"),     W("request"),
	W("response"),	W("send"),     W("sent"),      W("short"),
	W("soon"),	W("still"),    W("support"),   W("today"),
	W("transfer"),	W("updated"),  W("want"),      W("week"),
	W("well"),	W("working"),  W("write"),     W("year")};

static int word_cmp(const void *key, const void *elem)
{
	const word_entry *k = key, *w = elem;
	int c = memcmp(k->s, w->s, k->n < w->n ? k->n : w->n);
	return c ? c : (k->n > w->n) - (k->n < w->n);
}

static int word_in(const word_entry *list, size_t count, const char *s,
		   size_t n)
{
	word_entry k = {s, n};
	return bsearch(&k, list, count, sizeof *list, word_cmp) != NULL;
}

static int is_alnum_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int has_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_alnum_byte((unsigned char)s[i]))
			return 1;
	return 0;
}

/* How often a word is expected in prose, in rough relative units: lower is
 * rarer, and a rarer literal wakes its pattern less often. */
static unsigned word_cost(const char *s, size_t n)
{
	if (!has_alnum(s, n)) {
		/* punctuation such as "!!" is rare in prose, and so is a
		 * lone ! or ?; a lone full stop or comma is everywhere, and
		 * so are quotes, brackets and dashes; the signs of phone
		 * numbers, addresses and amounts (+ @ # $ % &) are in
		 * billing mail often, but far less than "on" or "at" */
		if (n > 1)
			return 1;
		if (s[0] == '!' || s[0] == '?')
			return 30;
		return s[0] && strchr("+@#$%&*=<>|~^", s[0]) ? 100 : 1000;
	}
	/* a comma or a quote beside a word does not make it rarer */
	while (!is_alnum_byte((unsigned char)s[0])) {
		s++;
		n--;
	}
	while (!is_alnum_byte((unsigned char)s[n - 1]))
		n--;
	/* a plural ("accounts", "customers") is as common as its word */
	size_t base = n > 3 && s[n - 1] == 's' ? n - 1 : n;
	if (n <= 10) { /* no listed word is longer */
		if (word_in(common, sizeof common / sizeof common[0], s, n) ||
		    (base < n &&
		     word_in(common, sizeof common / sizeof common[0], s,
			     base)))
			return 400; /* above MAX_LITERAL_COST alone */
		if (word_in(frequent, sizeof frequent / sizeof frequent[0], s,
			    n))
			return 60;
	}
	static const unsigned by_length[] = {1000, 1000, 300, 100, 20, 6, 2};
	return n < 7 ? by_length[n] : 1;
}

/* cost_of, word by word. */
typedef struct cost_acc {
	unsigned best, words;
} cost_acc;

static void cost_word(cost_acc *a, const char *w, size_t n)
{
	unsigned c = word_cost(w, n);
	if (!a->words || c < a->best)
		a->best = c;
	if (c < 1000 || has_alnum(w, n))
		a->words++;
}

static unsigned cost_end(cost_acc a)
{
	while (a.words-- > 1 && a.best > 1)
		a.best = a.best > 20 ? a.best / 20 : 1;
	return a.best ? a.best : 1000;
}

/* A literal of several words (a space stands for white space) is rarer
 * than its rarest word: each further word divides that word's cost by 20,
 * so "you must" costs 20 where "you" and "must" each cost 400. A comma or
 * a full stop beside a word is no further word. */
static unsigned cost_of(const char *s, size_t n)
{
	cost_acc a = {0, 0};
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j > i)
			cost_word(&a, s + i, j - i);
		i = j + 1;
	}
	return cost_end(a);
}

static size_t estimate(const tli_bound *b)
{
	return b->inf ? (size_t)-1
		      : b->fixed + 64u * b->ws + 16u * b->word + 24u * b->tok +
				200u * b->line + 4u * b->chars;
}

static void bound_add(tli_bound *a, const tli_bound *b)
{
	a->fixed += b->fixed;
	a->ws += b->ws;
	a->word += b->word;
	a->tok += b->tok;
	a->line += b->line;
	a->chars += b->chars;
	a->inf |= b->inf;
}

static void bound_max(tli_bound *a, const tli_bound *b)
{
	if (b->fixed > a->fixed)
		a->fixed = b->fixed;
	if (b->ws > a->ws)
		a->ws = b->ws;
	if (b->word > a->word)
		a->word = b->word;
	if (b->tok > a->tok)
		a->tok = b->tok;
	if (b->line > a->line)
		a->line = b->line;
	if (b->chars > a->chars)
		a->chars = b->chars;
	a->inf |= b->inf;
}

/* The kind of one byte for the two-capital-words automaton. */
static unsigned byte_kind(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return KIND_CAP;
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	    c == '\n')
		return KIND_OTHER;
	return KIND_GAP;
}

/* The states reachable from the set `from` by one character of `kinds`;
 * paths that show the shape are done and not kept. */
static unsigned char gap_step(unsigned char from, unsigned kinds)
{
	unsigned char to = 0;
	for (int s = 0; s < GAP_STATES; s++)
		for (int k = 0; k < 3; k++)
			if ((from >> s & 1) && (kinds >> k & 1) &&
			    gap_dfa[s][k] != GAP_SHOWN)
				to |= (unsigned char)(1u << gap_dfa[s][k]);
	return to;
}

/* Reads nothing: each state stays as it is. */
static void gap_identity(unsigned char to[GAP_STATES], tli_bound at[GAP_STATES])
{
	for (int s = 0; s < GAP_STATES; s++) {
		to[s] = (unsigned char)(1u << s);
		memset(&at[s], 0, sizeof at[s]);
	}
}

/* The running sequence (to, at), `prefix` long at most, followed by a node
 * (nto, nat): a start state whose every path shows the shape within the
 * node has shown it by prefix + the node's own bound. */
static void gap_then(unsigned char to[GAP_STATES], tli_bound at[GAP_STATES],
		     const tli_bound *prefix, const unsigned char *nto,
		     const tli_bound *nat)
{
	for (int s = 0; s < GAP_STATES; s++) {
		if (!to[s])
			continue; /* shown already */
		unsigned char next = 0;
		tli_bound most = {0, 0, 0, 0, 0, 0, 0};
		for (int t = 0; t < GAP_STATES; t++)
			if (to[s] >> t & 1) {
				next |= nto[t];
				bound_max(&most, &nat[t]);
			}
		if (!next) {
			at[s] = *prefix;
			bound_add(&at[s], &most);
		}
		to[s] = next;
	}
}

/* What a literal set costs to use: its frequency, and far more when a
 * match may start any distance before it (each candidate then searches
 * from where the previous search ended). */
static unsigned weight(const litset *c)
{
	unsigned w = c->cost + (unsigned)c->n; /* and each one's own cost */
	return c->off.inf ? (w > 2000 ? 100000 : w * 50) : w;
}

/* Keeps the better of *best and cand (cheaper, then nearer). */
static void consider(info *best, const litset *cand)
{
	unsigned w = weight(cand), b = best->has ? weight(&best->set) : 0;
	size_t ec = estimate(&cand->off),
	       eb = best->has ? estimate(&best->set.off) : 0;
	/* equal sets: the one whose every match has a literal at a word's
	 * start (the automaton passes over those inside words) */
	if (!best->has || w < b || (w == b && ec < eb) ||
	    (w == b && ec == eb && cand->word_start > best->set.word_start)) {
		best->set = *cand;
		best->has = 1;
	}
}

static int xs_one(parser *ps, xset *out, const char *str, size_t n)
{
	const char **l = alloc(ps, sizeof *l);
	size_t *len = alloc(ps, sizeof *len);
	out->n = 0;
	if (!l || !len)
		return -1;
	*l = str;
	*len = n;
	out->s = l;
	out->len = len;
	out->n = 1;
	return 0;
}

static int xs_holds(const char *const *l, const size_t *len, size_t n,
		    const char *str, size_t k)
{
	for (size_t i = 0; i < n; i++)
		if (len[i] == k && memcmp(l[i], str, k) == 0)
			return 1;
	return 0;
}

/* How often capital words are expected in business prose, in rough
 * relative units: a given string of two capitals is rare beside any two
 * capitals in a row (codes and acronyms are everywhere), and longer ones
 * rarer still; so is a run of five capitals beside one of three. */
static unsigned capset_cost(const capset *c)
{
	static const unsigned by_length[] = {0, 0, 30, 10, 3};
	static const unsigned run[] = {0, 0, 1000, 300, 100};
	unsigned cost =
		c->min_run ? (c->min_run < 5 ? run[c->min_run] : 20) : 0;
	for (size_t i = 0; i < c->n; i++)
		cost += c->len[i] < 5 ? by_length[c->len[i]] : 1;
	return cost;
}

/* Keeps the cheaper (then nearer) of out's set and c, found `at` into the
 * match. */
static void capset_keep(info *out, const capset *c, const tli_bound *at)
{
	capset cand = *c;
	cand.off = *at;
	bound_add(&cand.off, &c->off);
	if (!out->cs.has || cand.cost < out->cs.cost ||
	    (cand.cost == out->cs.cost &&
	     estimate(&cand.off) < estimate(&out->cs.off)))
		out->cs = cand;
}

/* a's strings and b's, and the shorter run: one of them is in every match
 * of either. */
static void capset_union(parser *ps, capset *a, const capset *b)
{
	if (a->n + b->n > MAX_CAPS) {
		a->has = 0;
		return;
	}
	const char **s = alloc(ps, (a->n + b->n + 1) * sizeof *s);
	size_t *len = alloc(ps, (a->n + b->n + 1) * sizeof *len);
	if (!s || !len) {
		a->has = 0;
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < a->n + b->n; i++) {
		const capset *x = i < a->n ? a : b;
		size_t k = i < a->n ? i : i - a->n;
		if (xs_holds(s, len, n, x->s[k], x->len[k]))
			continue;
		s[n] = x->s[k];
		len[n++] = x->len[k];
	}
	a->s = s;
	a->len = len;
	a->n = n;
	if (b->min_run && (!a->min_run || b->min_run < a->min_run))
		a->min_run = b->min_run;
	bound_max(&a->off, &b->off);
	a->cost = capset_cost(a);
}

/*
 * Every member of a followed by every member of b, where a white-space run
 * meets another only once (\s+\s* is one run). Returns 0, or 1 when the
 * result would be too large (out untouched), -1 on out of memory.
 */
static int xs_cat(parser *ps, const xset *a, const xset *b, xset *out)
{
	/* the same string made twice counts once ("or\s*,?\s+we": "or we"
	 * from `\s*` and from `\s+`) */
	if (a->n * b->n > MAX_ALTS * MAX_ALTS)
		return 1;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (a->len[i] + b->len[j] > MAX_EXACT)
				return 1;
	size_t most = a->n * b->n < MAX_ALTS ? a->n * b->n : MAX_ALTS;
	const char **l = alloc(ps, most * sizeof *l);
	size_t *len = alloc(ps, most * sizeof *len);
	if (!l || !len)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++) {
			size_t la = a->len[i], lb = b->len[j];
			const char *bs = b->s[j];
			if (la && lb && a->s[i][la - 1] == ' ' &&
			    bs[0] == ' ') {
				bs++;
				lb--;
			}
			char tmp[MAX_EXACT];
			memcpy(tmp, a->s[i], la);
			memcpy(tmp + la, bs, lb);
			if (xs_holds(l, len, n, tmp, la + lb))
				continue;
			if (n == most)
				return 1;
			char *m = alloc(ps, la + lb + 1);
			if (!m)
				return -1;
			l[n] = memcpy(m, tmp, la + lb);
			len[n++] = la + lb;
		}
	out->s = l;
	out->len = len;
	out->n = n;
	return 0;
}

/* The members of a and of b. Returns like xs_cat. */
static int xs_union(parser *ps, const xset *a, const xset *b, xset *out)
{
	if (a->n + b->n > MAX_ALTS)
		return 1;
	const char **l = alloc(ps, (a->n + b->n) * sizeof *l);
	size_t *len = alloc(ps, (a->n + b->n) * sizeof *len);
	if (!l || !len)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < a->n + b->n; i++) {
		const xset *x = i < a->n ? a : b;
		size_t k = i < a->n ? i : i - a->n;
		if (xs_holds(l, len, n, x->s[k], x->len[k]))
			continue;
		l[n] = x->s[k];
		len[n++] = x->len[k];
	}
	out->s = l;
	out->len = len;
	out->n = n;
	return 0;
}

/* What m[0..k) costs as a literal cut from a string of `whole` bytes: a
 * word cut to one to three letters ("the amount i" of "the amount is
 * overdue") is the prefix of many words, no further word that cost_of
 * would take it for (dividing the cost by 20); but it still divides by 4:
 * "placed on ho" of "placed on hold" is far rarer than "placed on", which
 * every order confirmation has ("order INV-9480, placed on 1 March"). With
 * no division the bench's prose searched 315 K times for its 9,308
 * matches; with it 171 K, 0.79 of the CPU time. */
static unsigned cut_cost(const char *m, size_t k, size_t whole)
{
	if (k < whole && k > 0 && is_alnum_byte((unsigned char)m[k]) &&
	    is_alnum_byte((unsigned char)m[k - 1])) {
		size_t w = k;
		while (w > 0 && m[w - 1] != ' ')
			w--;
		if (w > 1 && k - w < 4) {
			unsigned c = cost_of(m, w - 1);
			return c > 4 ? c / 4 : 1;
		}
	}
	return cost_of(m, k);
}

/*
 * The literal set that a run of fixed strings starting `off` into the match
 * gives: each member without white space at either end (a leading run
 * moves the literal's start by up to one white-space run), whole or, with
 * `cheapest`, cut after as many of its words as make it cheapest (fewest on
 * a tie). Returns 0, 1 when a member is left empty (it would be found
 * everywhere), -1 on out of memory.
 */
static int xs_candidate(parser *ps, const xset *x, tli_bound off, int cheapest,
			unsigned char before, litset *out)
{
	/* each member at a word's start: after white space (its own, or the
	 * item's before), or after \b with a word character first */
	int word_start = 1;
	for (size_t i = 0; i < x->n && word_start; i++) {
		unsigned char c = x->len[i] ? (unsigned char)x->s[i][0] : 0;
		word_start = c == ' ' || before == 1 ||
			     (before == 2 && (is_alnum_byte(c) || c == '_'));
	}
	const char **l = alloc(ps, x->n * sizeof *l);
	size_t *len = alloc(ps, x->n * sizeof *len);
	size_t *whole = alloc(ps, x->n * sizeof *whole);
	if (!l || !len || !whole)
		return -1;
	int lead = 0;
	size_t n = 0;
	for (size_t i = 0; i < x->n; i++) {
		const char *m = x->s[i];
		size_t k = x->len[i];
		if (k && m[0] == ' ') {
			m++;
			k--;
			lead = 1;
		}
		/* a prefix is found wherever the whole is: long members are
		 * cut, which keeps the set and the automaton small */
		whole[n] = k;
		if (k > MAX_LITERAL)
			k = MAX_LITERAL;
		if (cheapest) {
			/* the cost before each space, in one pass: the
			 * cheapest cut, the shortest of equals */
			size_t cut = 0;
			unsigned best = 0;
			cost_acc a = {0, 0};
			for (size_t w = 0, j; w < k; w = j + 1) {
				for (j = w; j < k && m[j] != ' '; j++)
					;
				if (j > w)
					cost_word(&a, m + w, j - w);
				if (j < k && j >= 1 &&
				    (!cut || cost_end(a) < best)) {
					best = cost_end(a);
					cut = j;
				}
			}
			if (!cut || best > cut_cost(m, k, whole[n]))
				cut = k;
			k = cut;
		}
		if (k && m[k - 1] == ' ')
			k--;
		if (k == 0)
			return 1;
		l[n] = m;
		len[n++] = k;
	}
	/* a member that starts with another member adds nothing */
	size_t kept = 0;
	unsigned cost = 0;
	for (size_t i = 0; i < n; i++) {
		int redundant = 0;
		for (size_t j = 0; j < n && !redundant; j++)
			redundant = j != i && len[j] <= len[i] &&
				    memcmp(l[j], l[i], len[j]) == 0 &&
				    (len[j] < len[i] || j < i);
		if (redundant)
			continue;
		l[kept] = l[i];
		len[kept++] = len[i];
		cost += cut_cost(l[i], len[i], whole[i]);
		if (cost > 100000)
			cost = 100000; /* no overflow; far past any use */
	}
	off.ws += lead;
	out->lits = l;
	out->lens = len;
	out->n = kept;
	out->off = off;
	out->cost = cost;
	out->word_start = word_start;
	return 0;
}

/* Offers the run `x` as a literal set starting `off` into the match: its
 * members whole, and each cut after its cheapest words (a prefix is found
 * wherever the whole is: "finally" and "at long" rather than every
 * "finally, a reply", "at long last a payment" ...). */
static void offer_run(parser *ps, info *best, const xset *x, tli_bound off,
		      unsigned char before)
{
	for (int cheapest = 0; cheapest <= 1 && !ps->fail; cheapest++) {
		litset c;
		int rc = xs_candidate(ps, x, off, cheapest, before, &c);
		if (rc < 0)
			ps->fail = 2;
		else if (rc == 0)
			consider(best, &c);
	}
}

static int is_ascii_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int is_unicode_space(uint32_t cp)
{
	return is_ascii_space((int)cp) || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000;
}

/* General punctuation other than spaces (dashes, curly quotes, the
 * ellipsis): no case, so a literal may hold them as they are. */
static int is_caseless_punct(uint32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E);
}

static int is_word_byte(unsigned char c)
{
	return (tli_byte_kind[c] & TLI_BYTE_WORD) != 0;
}

/* A character of the kinds `kinds` (one step of the automaton; a
 * character of several bytes, all gap bytes, is as one). */
static void set_kinds(info *in, unsigned kinds)
{
	if (!kinds)
		kinds = KIND_ANY; /* a class of nothing: not assumed */
	in->kinds = (unsigned char)kinds;
	for (int s = 0; s < GAP_STATES; s++) {
		in->gap_to[s] = gap_step((unsigned char)(1u << s), kinds);
		in->gap_at[s] = in->max;
	}
}

/* A `maxbytes` for one character that may be any of up to 4 bytes: it is
 * counted as one character, not 4 bytes, since in ASCII text it is one
 * byte, and a repeat of it, [^.!?\n]{0,80}, 80 bytes rather than 320
 * (tli_bound_start). */
#define ANY_CHAR ((size_t)-1)

/* One character of at most `maxbytes` bytes (or ANY_CHAR), or a run of
 * that many bytes of fixed text; white space (`ws`) is a white-space run
 * of the fixed strings. */
static void set_char(info *in, size_t maxbytes, int ws)
{
	memset(in, 0, sizeof *in);
	if (maxbytes == ANY_CHAR)
		in->max.chars = 1;
	else
		in->max.fixed = maxbytes;
	in->is_ws = ws;
	if (ws)
		in->xs = xs_space;
	/* white space is never a capital; anything else may be */
	set_kinds(in, ws ? KIND_GAP | KIND_OTHER : KIND_ANY);
}

/* A character that is part of a word (for the word-run bound). */
static void set_word_char(info *in, size_t maxbytes)
{
	set_char(in, maxbytes, 0);
	in->is_word = 1;
	in->is_tok = 1;
	in->is_noline = 1;
}

/* Each ASCII byte folded to lower case: the fixed text of a one-character
 * literal points here, with no allocation. */
static const char folded[128] =
	"\000\001\002\003\004\005\006\007\010\011\012\013\014\015"
	"\016\017\020\021\022\023\024\025\026\027\030\031\032\033"
	"\034\035\036\037 !\"#$%&'()*+,-./0123456789:;<=>?@abcdef"
	"ghijklmnopqrstuvwxyz[\\]^_`abcdefghijklmnopqrstuvwxyz{|}"
	"~\177";

static void set_literal(parser *ps, info *in, char c)
{
	set_char(in, 1, is_ascii_space((unsigned char)c));
	in->is_word = is_word_byte((unsigned char)c);
	in->is_tok = !in->is_ws;
	in->is_noline = c != '\n';
	in->first_upper = in->one_upper = c >= 'A' && c <= 'Z';
	set_kinds(in, byte_kind((unsigned char)c));
	if (!in->is_ws &&
	    xs_one(ps, &in->xs, &folded[(unsigned char)c & 0x7F], 1))
		ps->fail = 2;
}

static void set_zero_width(info *in)
{
	memset(in, 0, sizeof *in);
	in->xs = xs_empty;
	gap_identity(in->gap_to, in->gap_at);
}

/* Moves past the next `c`; fails the analysis if there is none. */
static int skip_past(parser *ps, char c)
{
	while (ps->p < ps->end && *ps->p != c)
		ps->p++;
	if (ps->p >= ps->end) {
		ps->fail = 1;
		return -1;
	}
	ps->p++;
	return 0;
}

static void parse_alt(parser *ps, info *out);

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* A code point given as \x.. or \x{...}; -1 if malformed. */
static long parse_hex(parser *ps)
{
	long v = 0;
	if (ps->p < ps->end && *ps->p == '{') {
		ps->p++;
		int digits = 0;
		while (ps->p < ps->end && *ps->p != '}') {
			int h = hexval(*ps->p++);
			if (h < 0 || ++digits > 6)
				return -1;
			v = v * 16 + h;
		}
		if (ps->p >= ps->end || digits == 0)
			return -1;
		ps->p++;
		return v;
	}
	for (int i = 0; i < 2 && ps->p < ps->end && hexval(*ps->p) >= 0; i++)
		v = v * 16 + hexval(*ps->p++);
	return v;
}

static void code_point(parser *ps, info *in, long cp)
{
	if (cp < 0 || cp > 0x10FFFF) {
		ps->fail = 1;
		return;
	}
	if (cp < 0x80) {
		set_literal(ps, in, (char)cp);
		return;
	}
	char buf[4];
	size_t n = tli_utf8_encode((uint32_t)cp, buf);
	set_char(in, n, is_unicode_space((uint32_t)cp));
	set_kinds(in, KIND_GAP); /* every byte of it is >= 0x80 */
	in->is_tok = !in->is_ws;
	in->is_noline = 1;
	if (is_caseless_punct((uint32_t)cp)) {
		char *copy = alloc(ps, n);
		if (!copy || xs_one(ps, &in->xs, memcpy(copy, buf, n), n))
			ps->fail = 2;
		return;
	}
	in->is_word = !in->is_ws;
}

/* An escape outside a class; ps->p is just past the backslash. */
static void parse_escape(parser *ps, info *in)
{
	if (ps->p >= ps->end) {
		ps->fail = 1;
		return;
	}
	char c = *ps->p++;
	switch (c) {
	case 's':
	case 'h':
	case 'v':
	case 'R':
		set_char(in, 3, 1);
		in->is_noline = c == 'h';
		if (c == 'h')
			set_kinds(in, KIND_GAP); /* no \n, no letter */
		return;
	case 'd':
	case 'w':
		set_word_char(in, ANY_CHAR);
		return;
	case 'S':
		set_char(in, ANY_CHAR, 0);
		in->is_tok = 1;
		in->is_noline = 1;
		return;
	case 'D':
	case 'W':
	case 'H':
	case 'V':
	case 'N':
		set_char(in, ANY_CHAR, 0);
		in->is_noline = c == 'V' || c == 'N';
		return;
	case 'p':
	case 'P': {
		/* \p{L} and \p{N} (and their subsets) hold no white space */
		int tok = c == 'p' && ps->p < ps->end &&
			  (*ps->p == 'L' || *ps->p == 'N' ||
			   (*ps->p == '{' && ps->p + 1 < ps->end &&
			    (ps->p[1] == 'L' || ps->p[1] == 'N')));
		if (ps->p < ps->end && *ps->p == '{') {
			if (skip_past(ps, '}'))
				return;
		} else {
			ps->p++; /* \pL: a one-letter property */
		}
		set_char(in, ANY_CHAR, 0);
		in->is_tok = in->is_noline = tok;
		return;
	}
	case 'b':
		set_zero_width(in);
		in->wordb = 1;
		return;
	case 'B':
	case 'A':
	case 'z':
	case 'Z':
		set_zero_width(in);
		return;
	case 't':
		set_literal(ps, in, '\t');
		return;
	case 'n':
		set_literal(ps, in, '\n');
		return;
	case 'r':
		set_literal(ps, in, '\r');
		return;
	case 'f':
		set_literal(ps, in, '\f');
		return;
	case 'e':
		set_literal(ps, in, 0x1B);
		return;
	case 'a':
		set_literal(ps, in, 0x07);
		return;
	case 'x':
		code_point(ps, in, parse_hex(ps));
		return;
	default:
		/* An escaped punctuation character is itself; any other letter
		 * or digit (\G, \K, \Q, backreferences, octal, \X, \C, \g, \k)
		 * is beyond this reading. */
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (unsigned char)c >= 0x80) {
			ps->fail = 1;
			return;
		}
		set_literal(ps, in, c);
	}
}

/* Adds the character s[0..n) to a class's members; 0 when there are too
 * many to keep. */
static int class_member(parser *ps, const char *s, size_t n, const char **mem,
			size_t *mlen, size_t *nm)
{
	if (*nm == 8)
		return 0;
	char *copy = alloc(ps, n);
	if (!copy)
		return 0;
	mem[*nm] = memcpy(copy, s, n);
	mlen[(*nm)++] = n;
	return 1;
}

/* A character class; ps->p is just past '['. */
static void parse_class(parser *ps, info *in)
{
	int negated = 0, ws_only = 1, ascii_only = 1, first = 1, word_only = 1;
	/* no member can match white space (a negated class: it lists \s);
	 * `last` is the previous member when a plain ASCII character (-1:
	 * another kind, -3: none yet), and a range that `in_range` says is
	 * open starts there */
	int tok_only = 1, lists_s = 0, last = -3, in_range = 0;
	/* likewise for \n; and whether every member is a capital A-Z */
	int nl_free = 1, lists_nl = 0, upper_only = 1;
	/* the kinds its members may be (KIND_*), while `kinds_known`; and
	 * whether the previous member ended a range (a hyphen after one is
	 * itself, as in [a-c-e]) */
	unsigned kinds = 0;
	int kinds_known = 1, ended_range = 0, from_range_end = 0;
	/* a class of a few single characters, such as ['’] or [,:], is a
	 * set of fixed strings */
	const char *mem[8];
	size_t mlen[8], nm = 0;
	int simple = 1;
	if (ps->p < ps->end && *ps->p == '^') {
		negated = 1;
		ps->p++;
	}
	while (ps->p < ps->end) {
		char c = *ps->p;
		if (c == ']' && !first) {
			ps->p++;
			set_char(in, !negated && ascii_only ? 1 : ANY_CHAR,
				 !negated && ws_only);
			in->is_word = !negated && word_only;
			in->is_tok = negated ? lists_s : tok_only && !in_range;
			in->is_noline =
				negated ? lists_nl : nl_free && !in_range;
			in->first_upper = in->one_upper =
				!negated && upper_only && !in_range;
			if (!negated && kinds_known && !in_range)
				set_kinds(in, kinds);
			if (!negated && !ws_only && simple && nm) {
				xset x = {mem, mlen, nm}, u = {NULL, NULL, 0};
				if (xs_union(ps, &u, &x, &in->xs) < 0)
					ps->fail = 2;
			}
			return;
		}
		first = 0;
		ps->p++;
		int range_from = in_range ? last : -2, prev = last;
		from_range_end = in_range && from_range_end;
		int was_range_end = ended_range;
		ended_range = 0;
		in_range = 0;
		last = -1;
		if (range_from == -1) {
			/* a range from an escape: not followed */
			tok_only = nl_free = upper_only = 0;
			kinds_known = 0;
		}
		if (c == '[' && ps->p < ps->end && *ps->p == ':') {
			const char *close = ps->p + 1;
			while (close + 1 < ps->end &&
			       !(close[0] == ':' && close[1] == ']'))
				close++;
			if (close + 1 >= ps->end) {
				ps->fail = 1;
				return;
			}
			/* the first six hold word characters only, all of
			 * them no white space */
			static const char *const named[] = {
				"alpha", "alnum", "digit", "upper", "lower",
				"word",	 "punct", "graph", "xdigit"};
			size_t known = sizeof named / sizeof named[0];
			for (size_t w = 0; w < sizeof named / sizeof named[0];
			     w++)
				if ((size_t)(close - ps->p - 1) ==
					    strlen(named[w]) &&
				    memcmp(ps->p + 1, named[w],
					   strlen(named[w])) == 0)
					known = w;
			if (known >= 6)
				word_only = 0;
			if (known >= sizeof named / sizeof named[0])
				tok_only = 0;
			if (known >= sizeof named / sizeof named[0] &&
			    !(close - ps->p - 1 == 5 &&
			      memcmp(ps->p + 1, "blank", 5) == 0))
				nl_free = 0;
			upper_only = 0; /* [:upper:] is more than A-Z in UCP */
			kinds_known = 0;
			ps->p = close + 2;
			simple = 0;
			ws_only = 0;
			ascii_only = 0;
		} else if (c == '\\') {
			if (ps->p >= ps->end) {
				ps->fail = 1;
				return;
			}
			char e = *ps->p++;
			if (e == 's' || e == 'h' || e == 'v') {
				/* white space, as the automaton reads it (one
				 * character of it, or a run: [-\s] in
				 * past[-\s]due gives "past-due|past due") */
				if (range_from != -2 ||
				    !class_member(ps, " ", 1, mem, mlen, &nm))
					simple = 0;
			} else if ((e >= 'a' && e <= 'z') ||
				   (e >= 'A' && e <= 'Z') ||
				   (e >= '0' && e <= '9') ||
				   (unsigned char)e >= 0x80) {
				simple =
					0; /* \n, \x.. and the like: not kept */
			} else if (!class_member(ps, &e, 1, mem, mlen, &nm)) {
				simple = 0;
			}
			upper_only = 0;
			if (range_from != -2) {
				/* a range to an escape */
				tok_only = nl_free = 0;
				kinds_known = 0;
			}
			if (e == 's' || e == 'v')
				kinds |= KIND_GAP | KIND_OTHER;
			else if (e == 'h' || e == 't' || e == 'r' || e == 'f')
				kinds |= KIND_GAP;
			else if (e == 'n')
				kinds |= KIND_OTHER;
			else if ((e >= 'a' && e <= 'z') ||
				 (e >= 'A' && e <= 'Z'))
				kinds_known = 0; /* \w, \d, \x, \p ... */
			else
				kinds |= byte_kind((unsigned char)e);
			if (e == 's' || e == 'h' || e == 'v') {
				ascii_only = 0;
				word_only = 0;
				tok_only = 0;
				lists_s |= e == 's';
				if (e != 'h') {
					nl_free = 0;
					lists_nl = 1;
				}
			} else if (e == 'n' || e == 't' || e == 'r' ||
				   e == 'f') {
				word_only = 0; /* white space, ASCII */
				tok_only = 0;
				if (e == 'n') {
					nl_free = 0;
					lists_nl = 1;
				}
			} else if (e == 'w' || e == 'd') {
				ws_only = 0;
				ascii_only = 0;
			} else if (e == 'x') {
				long cp = parse_hex(ps);
				if (cp < 0) {
					ps->fail = 1;
					return;
				}
				if (cp >= 0x80)
					ascii_only = 0;
				if (!is_unicode_space((uint32_t)cp))
					ws_only = 0;
				else
					tok_only = 0;
				if (cp == '\n') {
					nl_free = 0;
					lists_nl = 1;
				}
				if (cp < 0x80 &&
				    !is_word_byte((unsigned char)cp))
					word_only = 0;
			} else if (e == 'p' || e == 'P') {
				/* \p{L}, \p{N} ... are letters or digits only
				 * when positive; anything else is not assumed
				 */
				if (e == 'P' || ps->p >= ps->end ||
				    !(*ps->p == 'L' || *ps->p == 'N' ||
				      (*ps->p == '{' && ps->p + 1 < ps->end &&
				       (ps->p[1] == 'L' || ps->p[1] == 'N')))) {
					word_only = 0;
					tok_only = 0;
					nl_free = 0;
				}
				if (ps->p < ps->end && *ps->p == '{')
					while (ps->p < ps->end && *ps->p != '}')
						ps->p++;
				if (ps->p < ps->end)
					ps->p++;
				ws_only = 0;
				ascii_only = 0;
			} else if ((e >= 'a' && e <= 'z') ||
				   (e >= 'A' && e <= 'Z')) {
				/* \S \W \D ... : neither; only \S holds no
				 * white space */
				ws_only = 0;
				ascii_only = 0;
				word_only = 0;
				if (e != 'S')
					tok_only = 0;
				if (e != 'S' && e != 'V')
					nl_free = 0;
			} else if (e >= '0' && e <= '9') {
				ps->fail = 1;
				return;
			} else {
				ws_only = 0;
				if (!is_word_byte((unsigned char)e))
					word_only = 0;
				if (is_ascii_space((unsigned char)e))
					tok_only = 0; /* "\ " */
			}
		} else if ((unsigned char)c >= 0x80) {
			ascii_only = 0;
			uint32_t cp;
			size_t n = tli_utf8_decode(
				(const unsigned char *)ps->p - 1,
				(size_t)(ps->end - ps->p) + 1, &cp);
			if (!is_caseless_punct(cp) ||
			    !class_member(ps, ps->p - 1, n, mem, mlen, &nm))
				simple = 0;
			ps->p += n - 1;
			if (!is_unicode_space(cp))
				ws_only = 0;
			if (is_unicode_space(cp) || range_from != -2)
				tok_only = 0; /* or a range beyond ASCII */
			if (range_from != -2 && range_from <= '\n')
				nl_free = 0;
			upper_only = 0;
			kinds |= KIND_GAP; /* every byte of it is >= 0x80 */
			if (range_from != -2)
				kinds_known = 0;
		} else {
			/* a hyphen first ([-\s]) or last is itself */
			if ((c == '-' && ps->p < ps->end && *ps->p != ']' &&
			     prev != -3) ||
			    c == '[' ||
			    !class_member(ps, &folded[(unsigned char)c], 1, mem,
					  mlen, &nm))
				simple = 0;
			if (!is_ascii_space((unsigned char)c))
				ws_only = 0;
			else
				tok_only = 0;
			if (c == '-' && ps->p < ps->end && *ps->p != ']' &&
			    range_from == -2 && prev != -3) {
				in_range = 1; /* from the previous member */
				last = prev;
				from_range_end = was_range_end;
			} else {
				/* a range over \t..\r or the space */
				if (range_from >= 0 &&
				    ((range_from <= 0x0D && c >= 0x09) ||
				     (range_from <= 0x20 && c >= 0x20)))
					tok_only = 0;
				if (c == '\n' ||
				    (range_from >= 0 && range_from <= '\n' &&
				     c >= '\n'))
					nl_free = 0;
				if (c == '\n')
					lists_nl = 1;
				if (c < 'A' || c > 'Z' ||
				    (range_from >= 0 && range_from < 'A'))
					upper_only = 0;
				/* a range: each byte in it, and the hyphen
				 * when PCRE2 reads it as itself */
				if (range_from >= 0) {
					if (from_range_end)
						kinds |= KIND_GAP;
					ended_range = 1;
					for (int b = range_from;
					     b <= (unsigned char)c; b++)
						kinds |= byte_kind(
							(unsigned char)b);
				}
				kinds |= byte_kind((unsigned char)c);
				last = (unsigned char)c;
			}
			/* a range a-z stays within words when both ends do */
			if (!is_word_byte((unsigned char)c) &&
			    !(c == '-' && ps->p < ps->end && *ps->p != ']'))
				word_only = 0;
		}
	}
	ps->fail = 1; /* unterminated */
}

/* Reads a lookaround's body, up to and past its ')'. */
static void read_group_body(parser *ps, info *body)
{
	parse_alt(ps, body);
	if (ps->fail)
		return;
	if (ps->p >= ps->end || *ps->p != ')') {
		ps->fail = 1;
		return;
	}
	ps->p++;
}

static int starts(const parser *ps, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(ps->end - ps->p) >= n && memcmp(ps->p, s, n) == 0;
}

/* A mark or a comment: skipped to its ')', matching nothing. */
static void skip_zero_width(parser *ps, info *in)
{
	if (!skip_past(ps, ')'))
		set_zero_width(in);
}

/* Is p (the body of a (?<! group) `\w)` or a class holding \w, such as
 * `[\w'’])`, alone? What follows such a look-behind is not preceded by a
 * word character. A class with a class inside ([[:alpha:]]) or a negated
 * one is not read: no. */
static int nonword_behind(const char *p, const char *end)
{
	if (end - p >= 3 && memcmp(p, "\\w)", 3) == 0)
		return 1;
	if (end - p < 2 || p[0] != '[' || p[1] == '^')
		return 0;
	int has_w = 0;
	for (const char *q = p + 1; q < end; q++) {
		if (*q == '\\') {
			has_w |= q + 1 < end && q[1] == 'w';
			q++;
		} else if (*q == '[') {
			return 0;
		} else if (*q == ']') {
			return has_w && q + 1 < end && q[1] == ')';
		}
	}
	return 0;
}

/* A group; ps->p is just past '('. */
static void parse_group(parser *ps, info *in)
{
	if (starts(ps, "*MARK:") || starts(ps, "*:")) {
		skip_zero_width(ps, in);
		return;
	}
	if (*ps->p == '*') {
		ps->fail = 1; /* other verbs can end or cut a match */
		return;
	}
	if (*ps->p == '?') {
		ps->p++;
		if (starts(ps, "#")) {
			skip_zero_width(ps, in);
			return;
		}
		if (starts(ps, "=")) {
			/* what a lookahead requires is there, from here on */
			ps->p++;
			info body;
			read_group_body(ps, &body);
			set_zero_width(in);
			in->up = body.up;
			in->up_off = body.up_off;
			in->cs = body.cs;
			return;
		}
		if (starts(ps, "!") || starts(ps, "<=") || starts(ps, "<!")) {
			int wordb = starts(ps, "<!") &&
				    nonword_behind(ps->p + 2, ps->end);
			ps->p += *ps->p == '<' ? 2 : 1;
			info ignored;
			read_group_body(ps, &ignored);
			set_zero_width(in);
			in->wordb = wordb;
			return;
		}
		if (starts(ps, ":") || starts(ps, "|") || starts(ps, ">")) {
			ps->p++;
		} else if (starts(ps, "P<") || starts(ps, "<") ||
			   starts(ps, "'")) {
			char close = starts(ps, "'") ? '\'' : '>';
			/* past the opening P< < or ', which for (?'name' is
			 * the closing character too */
			ps->p++;
			if (skip_past(ps, close))
				return;
		} else {
			/* inline options: (?i) or (?i-s:...); capitals mean
			 * nothing once case may be ignored, and . may match
			 * a newline once it may be dotall */
			while (ps->p < ps->end &&
			       strchr("imnsJU-^", *ps->p) != NULL) {
				ps->caseless |= *ps->p == 'i';
				ps->dotall |= *ps->p == 's';
				ps->p++;
			}
			if (ps->p >= ps->end ||
			    (*ps->p != ')' && *ps->p != ':')) {
				ps->fail = 1; /* (?x), recursion, conditions */
				return;
			}
			if (*ps->p++ == ')') {
				set_zero_width(in);
				return;
			}
		}
	}
	parse_alt(ps, in);
	if (ps->fail)
		return;
	if (ps->p >= ps->end || *ps->p != ')') {
		ps->fail = 1;
		return;
	}
	ps->p++;
}

/* An ASCII character that stands for itself outside a class. */
static int is_plain(char c)
{
	return (unsigned char)c < 0x80 && (unsigned char)c >= 0x20 &&
	       !strchr("\\^$.|?*+()[]{}#", c);
}

/* A run of plain characters (ps->p is just past the first), read at once:
 * "final notice" is one fixed string, not twelve. A quantifier after the
 * run applies to its last character only, which is left to be read on its
 * own. */
static void literal_run(parser *ps, info *in)
{
	const char *from = ps->p - 1, *q = ps->p;
	while (q < ps->end && is_plain(*q))
		q++;
	if (q < ps->end && q - from > 1 && strchr("?*+{", *q))
		q--;
	size_t n = (size_t)(q - from);
	ps->p = q;
	char *str = alloc(ps, n);
	if (!str) {
		memset(in, 0, sizeof *in);
		return;
	}
	size_t k = 0;
	int all_ws = 1, all_word = 1, all_tok = 1, no_nl = 1;
	/* two capitals in a row, read as written */
	size_t pair = n;
	for (size_t i = 0; i + 1 < n && pair == n; i++)
		if (from[i] >= 'A' && from[i] <= 'Z' && from[i + 1] >= 'A' &&
		    from[i + 1] <= 'Z')
			pair = i;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)from[i];
		int ws = is_ascii_space(c);
		all_ws &= ws;
		all_tok &= !ws;
		no_nl &= c != '\n';
		all_word &= is_word_byte(c);
		if (ws && k && str[k - 1] == ' ')
			continue;
		str[k++] = ws ? ' ' : folded[c];
	}
	set_char(in, n, all_ws);
	in->is_word = all_word;
	in->is_tok = all_tok;
	in->is_noline = no_nl;
	in->first_upper = from[0] >= 'A' && from[0] <= 'Z';
	in->one_upper = n == 1 && in->first_upper;
	/* its longest run of capitals, as written, is a capital word */
	size_t best = 0, best_at = 0;
	for (size_t i = 0, j; i < n; i = j + 1) {
		for (j = i; j < n && from[j] >= 'A' && from[j] <= 'Z'; j++)
			;
		if (j - i > best) {
			best = j - i;
			best_at = i;
		}
	}
	if (best >= 2) {
		in->cs.s = alloc(ps, sizeof *in->cs.s);
		in->cs.len = alloc(ps, sizeof *in->cs.len);
		if (in->cs.s && in->cs.len) {
			in->cs.s[0] = from + best_at;
			in->cs.len[0] = best;
			in->cs.n = 1;
			in->cs.off.fixed = best_at;
			in->cs.cost = capset_cost(&in->cs);
			in->cs.has = 1;
		}
	}
	for (int s = 0; s < GAP_STATES; s++) {
		unsigned char to = (unsigned char)(1u << s);
		for (size_t i = 0; i < n && to; i++)
			to = gap_step(to, byte_kind((unsigned char)from[i]));
		in->gap_to[s] = to;
	}
	if (pair < n) {
		in->up = 1;
		in->up_off.fixed = pair;
	}
	if (!all_ws && xs_one(ps, &in->xs, str, k))
		ps->fail = 2;
}

static void parse_atom(parser *ps, info *in)
{
	char c = *ps->p++;
	switch (c) {
	case '\\':
		parse_escape(ps, in);
		return;
	case '[':
		parse_class(ps, in);
		return;
	case '(':
		if (++ps->depth > MAX_DEPTH) {
			ps->fail = 1;
			return;
		}
		parse_group(ps, in);
		ps->depth--;
		return;
	case '.':
		set_char(in, ANY_CHAR, 0);
		in->is_noline = !ps->dotall;
		return;
	case '^':
	case '$':
		set_zero_width(in);
		return;
	default:
		if ((unsigned char)c >= 0x80) {
			uint32_t cp;
			size_t n = tli_utf8_decode(
				(const unsigned char *)ps->p - 1,
				(size_t)(ps->end - ps->p) + 1, &cp);
			ps->p += n - 1;
			code_point(ps, in, cp);
			return;
		}
		if (is_plain(c)) {
			literal_run(ps, in);
			return;
		}
		set_literal(ps, in, c);
	}
}

/* Reads {n}, {n,}, {n,m}; returns 0 if the brace is a literal. */
static int parse_braces(parser *ps, size_t *min, size_t *max)
{
	const char *q = ps->p + 1;
	size_t a = 0, b;
	int digits = 0;
	while (q < ps->end && *q >= '0' && *q <= '9' && digits < 6) {
		a = a * 10 + (size_t)(*q++ - '0');
		digits++;
	}
	if (!digits || q >= ps->end)
		return 0;
	if (*q == '}') {
		b = a;
	} else if (*q == ',') {
		q++;
		if (q < ps->end && *q == '}') {
			b = INF_COUNT;
		} else {
			b = 0;
			digits = 0;
			while (q < ps->end && *q >= '0' && *q <= '9' &&
			       digits < 6) {
				b = b * 10 + (size_t)(*q++ - '0');
				digits++;
			}
			if (!digits || q >= ps->end || *q != '}')
				return 0;
		}
	} else {
		return 0;
	}
	ps->p = q + 1;
	*min = a;
	*max = b;
	return 1;
}

/* The automaton over x{min,max}, x's (to, at) in place, `one` x's
 * length: the first `min` copies in a row (up to 8: the shape is shown by
 * then, or later copies are taken as any number), then every state the
 * further copies can reach. */
static void gap_repeat(unsigned char xto[GAP_STATES], tli_bound xat[GAP_STATES],
		       const tli_bound *one, size_t min, size_t max)
{
	unsigned char to[GAP_STATES];
	tli_bound at[GAP_STATES], prefix = {0, 0, 0, 0, 0, 0, 0};
	gap_identity(to, at);
	size_t n = min < 8 ? min : 8;
	for (size_t i = 0; i < n; i++) {
		gap_then(to, at, &prefix, xto, xat);
		bound_add(&prefix, one);
	}
	if (max != n)
		for (int s = 0; s < GAP_STATES; s++) {
			unsigned char reach = to[s], was;
			if (!reach)
				continue;
			do {
				was = reach;
				for (int t = 0; t < GAP_STATES; t++)
					if (was >> t & 1)
						reach |= xto[t];
			} while (reach != was);
			to[s] = reach;
		}
	memcpy(xto, to, sizeof to);
	memcpy(xat, at, sizeof at);
}

static void apply_repeat(parser *ps, info *in, size_t min, size_t max)
{
	tli_bound one = in->max;
	gap_repeat(in->gap_to, in->gap_at, &one, min, max);
	/* capital words: [A-Z]{5,} is a run of five; a repeat keeps its
	 * first copy's unless it may be absent */
	if (min == 0) {
		in->cs.has = 0;
	} else if (in->one_upper && min >= 2 && !in->cs.has) {
		memset(&in->cs, 0, sizeof in->cs);
		in->cs.has = 1;
		in->cs.min_run = min < 255 ? (unsigned)min : 255;
		in->cs.cost = capset_cost(&in->cs);
	}
	if (max == INF_COUNT) {
		if (in->is_ws) {
			/* a repeat of white space is one white-space run */
			memset(&in->max, 0, sizeof in->max);
			in->max.ws = 1;
		} else if (in->is_word) {
			/* and a repeat of word characters one word */
			memset(&in->max, 0, sizeof in->max);
			in->max.word = 1;
		} else if (in->is_tok) {
			/* and one of anything but white space one such run */
			memset(&in->max, 0, sizeof in->max);
			in->max.tok = 1;
		} else if (in->is_noline) {
			/* and one of anything but a newline the longest line */
			memset(&in->max, 0, sizeof in->max);
			in->max.line = 1;
		} else if (one.fixed || one.ws || one.word || one.inf ||
			   one.tok || one.line || one.chars) {
			in->max.inf = 1;
		}
	} else {
		in->max.fixed = one.fixed * max;
		in->max.ws = one.ws * (unsigned)max;
		in->max.word = one.word * (unsigned)max;
		in->max.tok = one.tok * (unsigned)max;
		in->max.line = one.line * (unsigned)max;
		in->max.chars = one.chars * (unsigned)max;
	}
	/* Capitals: [A-Z]{2} is two in a row; a repeat keeps its first
	 * iteration's unless it may be absent. */
	if (min == 0) {
		in->up = in->first_upper = in->one_upper = 0;
	} else if (in->one_upper && min >= 2 && !in->up) {
		in->up = 1;
		memset(&in->up_off, 0, sizeof in->up_off);
	}
	if (max != 1)
		in->one_upper = 0;
	if (in->is_ws && in->xs.n == 1 && in->xs.len[0] == 1) {
		/* \s+ is a run, like \s; \s* and \s? a run or nothing */
		if (min == 0 && xs_union(ps, &xs_empty, &xs_space, &in->xs) < 0)
			ps->fail = 2;
		return;
	}
	if (min == 0) {
		in->has = 0;
		in->pre.n = 0;
		/* x? is x or nothing */
		int holds_empty = in->xs.n && xs_holds(in->xs.s, in->xs.len,
						       in->xs.n, "", 0);
		if (max == 1 && in->xs.n && !holds_empty) {
			int rc = xs_union(ps, &xs_empty, &in->xs, &in->xs);
			if (rc < 0)
				ps->fail = 2;
			if (rc)
				in->xs.n = 0;
		} else if (!holds_empty) {
			in->xs.n = 0;
		}
		return;
	}
	if (!in->xs.n || (min == 1 && max == 1))
		return;
	/* x{n}: n copies; x{n,m} or x+: at least n copies */
	xset rep = in->xs;
	int rc = 0;
	for (size_t i = 1; i < min && rc == 0; i++)
		rc = xs_cat(ps, &rep, &in->xs, &rep);
	if (rc < 0) {
		ps->fail = 2;
		return;
	}
	if (rc == 0 && min == max) {
		in->xs = rep;
		return;
	}
	offer_run(ps, in, &in->xs, (tli_bound){0, 0, 0, 0, 0, 0, 0}, 0);
	in->pre = rc == 0 ? rep : in->xs;
	in->xs.n = 0;
}

/* The strings every match of `in` starts with (none: n == 0). */
static const xset *starts_of(const info *in)
{
	return in->xs.n ? &in->xs : &in->pre;
}

/* The fixed strings of a sequence so far, item by item. */
typedef struct run_item {
	xset x;
	tli_bound at; /* where the item starts in the match */
	/* what the item just before it in the sequence says about the
	 * character before it (word_before) */
	unsigned char before;
} run_item;

/* What an item says about the character after it: 1 it is white space
 * (the item is fixed strings, each ending with one); 2 it starts a word if
 * it is an ASCII letter, digit or _ (\b, (?<!\w)); 0 nothing. */
static unsigned char word_before(const info *it)
{
	if (it->wordb)
		return 2;
	if (!it->xs.n)
		return 0;
	for (size_t i = 0; i < it->xs.n; i++)
		if (!it->xs.len[i] || it->xs.s[i][it->xs.len[i] - 1] != ' ')
			return 0;
	return 1;
}

/* Keeps the best literal set of a top-level item on its own (its set, or
 * its fixed strings), offsets from the item's start: every match holds
 * one of them. */
static void record_item(parser *ps, const info *it)
{
	info best;
	memset(&best, 0, sizeof best);
	if (it->has)
		consider(&best, &it->set);
	if (it->xs.n)
		offer_run(ps, &best, &it->xs, (tli_bound){0, 0, 0, 0, 0, 0, 0},
			  0);
	if (ps->fail || !best.has)
		return;
	if (ps->nitems == ps->capitems) {
		size_t cap = ps->capitems ? ps->capitems * 2 : 16;
		litset *m = alloc(ps, cap * sizeof *m);
		if (!m)
			return;
		if (ps->nitems)
			memcpy(m, ps->items, ps->nitems * sizeof *m);
		ps->items = m;
		ps->capitems = cap;
	}
	ps->items[ps->nitems++] = best.set;
}

/* Does every string of x end with white space, or is it empty (\s+,
 * "due " of "due\s+", "please " of "(?:please\s+)?")? A tail that
 * starts after it starts a word. */
static int ends_in_space(const xset *x)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->len[i] && x->s[i][x->len[i] - 1] != ' ')
			return 0;
	return 1;
}

/*
 * Offers the run items[first..n) (`run`, their strings one after another),
 * then each of its tails items[j..n), from where item j starts: every match
 * holds a tail wherever it holds the run. Literals are cut to MAX_LITERAL
 * bytes from their start, so without the tails the rare word at the end of
 * "your\s+account\s+is\s+in\s+default" was lost ("your account", found
 * in every other mail, rather than "default"); the cost decides.
 */
static void offer_tails(parser *ps, info *out, const run_item *items,
			size_t first, size_t n, const xset *run)
{
	if (ps->record && ps->depth == 0) {
		/* a run of the top level is in every match too: "not paid"
		 * of "...\bnot\s+paid\b..." (tli_gate_literals) */
		info it;
		memset(&it, 0, sizeof it);
		it.xs = *run;
		record_item(ps, &it);
	}
	offer_run(ps, out, run, items[first].at, items[first].before);
	for (size_t j = first + 1; j < n && !ps->fail; j++) {
		/* tails from the start of a word only: the rare word is
		 * the point, and each tail costs an analysis */
		if (!ends_in_space(&items[j - 1].x))
			continue;
		xset x = items[j].x;
		int rc = 0;
		for (size_t k = j + 1; k < n && rc == 0; k++)
			rc = xs_cat(ps, &x, &items[k].x, &x);
		if (rc < 0)
			ps->fail = 2;
		else if (rc == 0)
			offer_run(ps, out, &x, items[j].at, items[j].before);
	}
}

/*
 * The run items[first..n) has become too large a set: offers it, then
 * keeps the longest tail of it that is small enough, so that in
 * "(?:please\s+)?(?:pay|settle|...)\s+(?:the|your|...)" the verbs and
 * what follows them still make one literal set. Returns the new first.
 */
static size_t restart_run(parser *ps, info *out, run_item *items, size_t first,
			  size_t n, xset *run)
{
	offer_tails(ps, out, items, first, n - 1, run);
	for (size_t j = first + 1; j < n; j++) {
		xset x = items[j].x;
		int rc = 0;
		for (size_t k = j + 1; k < n && rc == 0; k++)
			rc = xs_cat(ps, &x, &items[k].x, &x);
		if (rc < 0) {
			ps->fail = 2;
			return j;
		}
		if (rc == 0) {
			*run = x;
			return j;
		}
	}
	*run = items[n - 1].x; /* one item alone is small enough */
	return n - 1;
}

/* Keeps the nearer of two places where capitals in a row are sure. */
static void keep_up(info *in, const tli_bound *off)
{
	if (!in->up || estimate(off) < estimate(&in->up_off)) {
		in->up = 1;
		in->up_off = *off;
	}
}

static void parse_seq(parser *ps, info *out)
{
	memset(out, 0, sizeof *out);
	out->xs = xs_empty;
	gap_identity(out->gap_to, out->gap_at);
	out->is_ws = 1;
	out->is_word = 1;
	out->is_tok = 1;
	out->is_noline = 1;
	int any_ws = 0, any_word = 0, any_tok = 0, any_noline = 0;
	/* items that take up text (not lookarounds), and whether the last
	 * one was one capital, at `prev_at` */
	size_t seen = 0;
	int prev_one_upper = 0;
	tli_bound prev_at = {0, 0, 0, 0, 0, 0, 0};
	/* the current run of fixed strings: items[first..nitems) */
	run_item *items = NULL;
	size_t nitems = 0, cap = 0, first = 0;
	xset run = xs_empty;
	tli_bound prefix = {0, 0, 0, 0, 0, 0, 0};
	/* the item before this one: word_before */
	unsigned char last_before = 0;

	while (!ps->fail && ps->p < ps->end && *ps->p != '|' && *ps->p != ')') {
		info it;
		parse_atom(ps, &it);
		if (ps->fail)
			return;
		if (ps->p < ps->end) {
			size_t min = 1, max = 1;
			int q = 1;
			if (*ps->p == '?') {
				min = 0;
				ps->p++;
			} else if (*ps->p == '*') {
				min = 0;
				max = INF_COUNT;
				ps->p++;
			} else if (*ps->p == '+') {
				max = INF_COUNT;
				ps->p++;
			} else if (*ps->p == '{' &&
				   parse_braces(ps, &min, &max)) {
				/* read */
			} else {
				q = 0;
			}
			if (q) {
				if (ps->p < ps->end &&
				    (*ps->p == '?' || *ps->p == '+'))
					ps->p++;
				apply_repeat(ps, &it, min, max);
				if (ps->fail)
					return;
				it.wordb = 0; /* \b? asserts nothing */
			}
		}
		if (ps->record && ps->depth == 0)
			record_item(ps, &it);
		int zero = it.xs.n == 1 && it.xs.len[0] == 0;
		if (!it.is_ws && !zero)
			out->is_ws = 0;
		if (it.is_ws)
			any_ws = 1;
		if (!it.is_word && !zero)
			out->is_word = 0;
		if (it.is_word)
			any_word = 1;
		if (!it.is_tok && !zero)
			out->is_tok = 0;
		if (it.is_tok)
			any_tok = 1;
		if (!it.is_noline && !zero)
			out->is_noline = 0;
		if (it.is_noline)
			any_noline = 1;
		if (it.up) {
			tli_bound off = prefix;
			bound_add(&off, &it.up_off);
			keep_up(out, &off);
		}
		if (!zero) {
			if (prev_one_upper && it.first_upper)
				keep_up(out, &prev_at);
			if (!seen++)
				out->first_upper = it.first_upper;
			prev_one_upper = it.one_upper;
			prev_at = prefix;
		}
		const xset *st = starts_of(&it);
		if (st->n) {
			if (nitems == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				run_item *m = alloc(ps, ncap * sizeof *m);
				if (!m)
					return;
				if (nitems)
					memcpy(m, items, nitems * sizeof *m);
				items = m;
				cap = ncap;
			}
			items[nitems].x = *st;
			items[nitems].before = last_before;
			items[nitems++].at = prefix;
			int rc = xs_cat(ps, &run, st, &run);
			if (rc > 0)
				first = restart_run(ps, out, items, first,
						    nitems, &run);
			else if (rc < 0)
				ps->fail = 2;
		}
		if (!it.xs.n) {
			/* the run ends here (with this item's first strings) */
			if (nitems > first)
				offer_tails(ps, out, items, first, nitems,
					    &run);
			first = nitems;
			run = xs_empty;
		}
		/* The item's own best set, even when it is fixed: for an
		 * alternation of phrases that is each branch's best (a rare
		 * word anywhere in it), where the run holds only each
		 * branch's first 12 bytes. */
		if (it.has) {
			litset c = it.set;
			tli_bound off = prefix;
			bound_add(&off, &it.set.off);
			c.off = off;
			consider(out, &c);
		}
		if (out->xs.n) {
			xset before = out->xs;
			int rc =
				it.xs.n ? xs_cat(ps, &out->xs, &it.xs, &out->xs)
					: 1;
			if (rc < 0)
				ps->fail = 2;
			if (rc) {
				/* no longer fixed: the sequence starts with
				 * what came before, and this item's first
				 * strings if that stays small */
				out->xs.n = 0;
				if (!it.xs.n && it.pre.n &&
				    xs_cat(ps, &before, &it.pre, &before) < 0)
					ps->fail = 2;
				int useful = 0;
				for (size_t i = 0; i < before.n; i++)
					useful |= before.len[i] > 1 ||
						  (before.len[i] == 1 &&
						   before.s[i][0] != ' ');
				if (useful)
					out->pre = before;
			}
		}
		gap_then(out->gap_to, out->gap_at, &prefix, it.gap_to,
			 it.gap_at);
		if (it.cs.has)
			capset_keep(out, &it.cs, &prefix);
		bound_add(&prefix, &it.max);
		last_before = word_before(&it);
	}
	if (nitems > first)
		offer_tails(ps, out, items, first, nitems, &run);
	out->max = prefix;
	out->is_ws = out->is_ws && any_ws;
	out->is_word = out->is_word && any_word;
	out->is_tok = out->is_tok && any_tok;
	out->is_noline = out->is_noline && any_noline;
	out->one_upper = seen == 1 && prev_one_upper;
}

static void parse_alt(parser *ps, info *out)
{
	info branch;
	parse_seq(ps, out);
	if (ps->fail || ps->p >= ps->end || *ps->p != '|')
		return;
	if (ps->depth == 0)
		ps->top_alt = 1;
	/* Two or more branches: every branch must bring a literal set. */
	int all_have = out->has;
	size_t total = out->has ? out->set.n : 0;
	size_t cap = 16;
	const char **lits = alloc(ps, cap * sizeof *lits);
	size_t *lens = alloc(ps, cap * sizeof *lens);
	if (!lits || !lens)
		return;
	if (out->has) {
		while (total > cap)
			cap *= 2;
		const char **l2 = alloc(ps, cap * sizeof *l2);
		size_t *n2 = alloc(ps, cap * sizeof *n2);
		if (!l2 || !n2)
			return;
		memcpy(l2, out->set.lits, total * sizeof *l2);
		memcpy(n2, out->set.lens, total * sizeof *n2);
		lits = l2;
		lens = n2;
	}
	tli_bound off =
		out->has ? out->set.off : (tli_bound){0, 0, 0, 0, 0, 0, 0};
	unsigned cost = out->has ? out->set.cost : 0;
	int word_start = out->has && out->set.word_start;
	int is_ws = out->is_ws, is_word = out->is_word, is_tok = out->is_tok;
	int is_noline = out->is_noline, up = out->up;
	int first_upper = out->first_upper, one_upper = out->one_upper;
	tli_bound up_off = out->up_off;
	xset xs = out->xs, pre = *starts_of(out);
	while (!ps->fail && ps->p < ps->end && *ps->p == '|') {
		ps->p++;
		parse_seq(ps, &branch);
		if (ps->fail)
			return;
		if (pre.n) {
			const xset *b = starts_of(&branch);
			int rc = b->n ? xs_union(ps, &pre, b, &pre) : 1;
			if (rc < 0)
				ps->fail = 2;
			if (rc)
				pre.n = 0;
		}
		if (xs.n) {
			int rc = branch.xs.n
					 ? xs_union(ps, &xs, &branch.xs, &xs)
					 : 1;
			if (rc < 0)
				ps->fail = 2;
			if (rc)
				xs.n = 0;
		}
		bound_max(&out->max, &branch.max);
		for (int s = 0; s < GAP_STATES; s++) {
			out->gap_to[s] |= branch.gap_to[s];
			bound_max(&out->gap_at[s], &branch.gap_at[s]);
		}
		if (out->cs.has && branch.cs.has)
			capset_union(ps, &out->cs, &branch.cs);
		else
			out->cs.has = 0;
		is_ws = is_ws && branch.is_ws;
		is_word = is_word && branch.is_word;
		is_tok = is_tok && branch.is_tok;
		is_noline = is_noline && branch.is_noline;
		first_upper = first_upper && branch.first_upper;
		one_upper = one_upper && branch.one_upper;
		up = up && branch.up;
		if (up)
			bound_max(&up_off, &branch.up_off);
		if (!branch.has) {
			all_have = 0;
			continue;
		}
		if (total + branch.set.n > cap) {
			while (total + branch.set.n > cap)
				cap *= 2;
			const char **l2 = alloc(ps, cap * sizeof *l2);
			size_t *n2 = alloc(ps, cap * sizeof *n2);
			if (!l2 || !n2)
				return;
			memcpy(l2, lits, total * sizeof *l2);
			memcpy(n2, lens, total * sizeof *n2);
			lits = l2;
			lens = n2;
		}
		memcpy(lits + total, branch.set.lits,
		       branch.set.n * sizeof *lits);
		memcpy(lens + total, branch.set.lens,
		       branch.set.n * sizeof *lens);
		total += branch.set.n;
		bound_max(&off, &branch.set.off);
		cost += branch.set.cost;
		word_start = word_start && branch.set.word_start;
		if (cost > 100000)
			cost = 100000; /* no overflow; far past any use */
	}
	out->xs = xs;
	out->pre = xs.n ? (xset){NULL, NULL, 0} : pre;
	out->is_ws = is_ws;
	out->is_word = is_word;
	out->is_tok = is_tok;
	out->is_noline = is_noline;
	out->first_upper = first_upper;
	out->one_upper = one_upper;
	out->up = up;
	out->up_off = up_off;
	out->has = all_have;
	if (all_have) {
		out->set.lits = lits;
		out->set.lens = lens;
		out->set.n = total;
		out->set.off = off;
		out->set.cost = cost;
		out->set.word_start = word_start;
	}
}

/* What two capitals in a row are taken to cost, as a literal set would:
 * acronyms and codes (VAT, IBAN, PDF) are common in invoices, so a set of
 * a few rare words is better. */
#define UPPER_PAIR_COST 300

static void free_arena(parser *ps)
{
	while (ps->blocks) {
		arena_block *next = ps->blocks->next;
		free(ps->blocks);
		ps->blocks = next;
	}
}

/* Fills out (zeroed) with a copy of set c: 1, or -1 on out of memory. */
static int copy_set(const litset *c, tli_literals *out)
{
	out->lits = calloc(c->n ? c->n : 1, sizeof *out->lits);
	out->lens = calloc(c->n ? c->n : 1, sizeof *out->lens);
	int rc = out->lits && out->lens ? 1 : -1;
	for (size_t i = 0; rc == 1 && i < c->n; i++) {
		out->lits[i] = malloc(c->lens[i] + 1);
		if (!out->lits[i]) {
			rc = -1;
			break;
		}
		memcpy(out->lits[i], c->lits[i], c->lens[i]);
		out->lits[i][c->lens[i]] = '\0';
		out->lens[i] = c->lens[i];
		out->count = i + 1;
	}
	out->offset = c->off;
	out->word_start = c->word_start;
	if (rc < 0)
		tli_literals_free(out);
	return rc;
}

int tli_extract_literals(const char *pattern, size_t len, int caseless,
			 unsigned max_cost, tli_literals *out)
{
	memset(out, 0, sizeof *out);
	parser ps = {
		.p = pattern, .end = pattern + len, .caseless = caseless != 0};
	info top;
	memset(&top, 0, sizeof top);
	parse_alt(&ps, &top);
	if (!ps.fail && ps.p != ps.end)
		ps.fail = 1; /* an unbalanced ')' */
	int rc = 0;
	/* capitals count only when nothing in the pattern ignores case */
	int upper = !ps.fail && top.up && !ps.caseless && !top.up_off.inf;
	/* two capital words are rarer than two capitals in a row: they take
	 * the place of the pair, or of no filter at all, never of a literal
	 * set that would be used */
	int words = !ps.fail && !ps.caseless && top.gap_to[GAP_S0] == 0 &&
		    !top.gap_at[GAP_S0].inf;
	unsigned beaten = upper ? UPPER_PAIR_COST : max_cost;
	/* capital words, unless any two in a row would do as well */
	int caps = !ps.fail && !ps.caseless && top.cs.has &&
		   top.cs.min_run != 2 && !top.cs.off.inf;
	if (ps.fail == 2) {
		rc = -1;
	} else if (words && (!top.has || top.set.cost > beaten)) {
		out->upper = TLI_UPPER_WORDS;
		out->offset = top.gap_at[GAP_S0];
		rc = 1;
	} else if (caps && (!top.has || top.set.cost > beaten)) {
		out->upper = TLI_UPPER_CAPS;
		out->offset = top.cs.off;
		out->min_run = top.cs.min_run;
		out->caps = calloc(top.cs.n ? top.cs.n : 1, sizeof *out->caps);
		out->caps_lens =
			calloc(top.cs.n ? top.cs.n : 1, sizeof *out->caps_lens);
		rc = out->caps && out->caps_lens ? 1 : -1;
		for (size_t i = 0; rc == 1 && i < top.cs.n; i++) {
			out->caps[i] = malloc(top.cs.len[i] + 1);
			if (!out->caps[i]) {
				rc = -1;
				break;
			}
			memcpy(out->caps[i], top.cs.s[i], top.cs.len[i]);
			out->caps[i][top.cs.len[i]] = '\0';
			out->caps_lens[i] = top.cs.len[i];
			out->caps_count = i + 1;
		}
		if (rc < 0)
			tli_literals_free(out);
	} else if (upper && (!top.has || top.set.cost > UPPER_PAIR_COST)) {
		out->upper = TLI_UPPER_PAIR;
		out->offset = top.up_off;
		rc = 1;
	} else if (!ps.fail && top.has && top.set.cost <= max_cost) {
		rc = copy_set(&top.set, out);
	}
	free_arena(&ps);
	return rc;
}

void tli_literals_free(tli_literals *l)
{
	if (l->borrowed) {
		free(l->lits);
		free(l->caps);
		memset(l, 0, sizeof *l);
		return;
	}
	for (size_t i = 0; i < l->count; i++)
		free(l->lits[i]);
	free(l->lits);
	free(l->lens);
	for (size_t i = 0; i < l->caps_count; i++)
		free(l->caps[i]);
	free(l->caps);
	free(l->caps_lens);
	memset(l, 0, sizeof *l);
}

size_t tli_bound_value(const tli_bound *b, const tli_runs *runs)
{
	/* Inputs are at most a few GiB and counts small: no overflow in
	 * practice, but stay exact if it ever happens. */
	size_t big = (size_t)1 << 40;
	if (b->inf || runs->space > big || runs->word > big ||
	    runs->tok > big || runs->line > big)
		return (size_t)-1;
	return b->fixed + (size_t)b->ws * runs->space +
	       (size_t)b->word * runs->word + (size_t)b->tok * runs->tok +
	       (size_t)b->line * runs->line + 4u * (size_t)b->chars;
}

/* How many characters start in the eight bytes of x: the bytes that do not
 * continue one (10xxxxxx). */
static size_t leads8(uint64_t x)
{
	const uint64_t high = 0x8080808080808080u;
	if (!(x & high))
		return 8; /* ASCII */
	uint64_t cont = x & ~(x << 1) & high;
	return 8u - (size_t)(((cont >> 7) * 0x0101010101010101u) >> 56);
}

size_t tli_bound_start(size_t bytes, unsigned chars, const char *s, size_t p,
		       size_t floor)
{
	if (bytes == (size_t)-1 || p - floor <= bytes)
		return floor;
	size_t from = p - bytes;
	if (!chars)
		return from;
	/* at most this many characters: each byte of the other parts may be
	 * one, and each of `chars` is one */
	size_t left = bytes - 3u * (size_t)chars;
	const unsigned char *t = (const unsigned char *)s;
	size_t q = p;
	/* Eight bytes at a time while fewer than `left` characters start in
	 * them (the walk below would not stop inside them), then a byte at a
	 * time: each lead byte starts a character. */
	while (q - from >= 8) {
		uint64_t x;
		memcpy(&x, t + q - 8, 8);
		size_t n = leads8(x);
		if (n >= left)
			break;
		q -= 8;
		left -= n;
	}
	while (left && q > from) {
		q--;
		if ((t[q] & 0xC0) != 0x80)
			left--;
	}
	return q;
}

size_t tli_bound_end(size_t bytes, unsigned chars, const char *s, size_t len,
		     size_t p)
{
	size_t cap = len - p > bytes ? p + bytes : len;
	if (!chars)
		return cap;
	size_t left = bytes - 3u * (size_t)chars; /* characters, at most */
	const unsigned char *t = (const unsigned char *)s;
	size_t q = p;
	if (!left)
		return q;
	/* A character at a time: a lead byte and the bytes that continue it.
	 * The first is taken so even where p falls inside a character; then
	 * eight bytes at a time while fewer than `left` characters start in
	 * them (the walk would not stop inside them), and the rest of the
	 * character the last of them began. */
	if (q < cap) {
		q++;
		while (q < cap && (t[q] & 0xC0) == 0x80)
			q++;
		left--;
	}
	while (cap - q >= 8) {
		uint64_t x;
		memcpy(&x, t + q, 8);
		size_t n = leads8(x);
		if (n >= left)
			break;
		q += 8;
		left -= n;
	}
	while (q < cap && (t[q] & 0xC0) == 0x80)
		q++;
	while (left && q < cap) {
		q++;
		while (q < cap && (t[q] & 0xC0) == 0x80)
			q++;
		left--;
	}
	return q;
}

#ifdef TLI_KINDS64
/* Carries the runs of set bits of one 64-byte block's mask on from `*cur`,
 * the run that reaches the block, keeping the longest in `*best`. */
static void run_block(uint64_t m, size_t *cur, size_t *best)
{
	if (m == UINT64_MAX) {
		*cur += 64;
		return;
	}
	size_t c = *cur + (size_t)__builtin_ctzll(~m);
	if (c > *best)
		*best = c;
	*cur = (size_t)__builtin_clzll(~m);
	if (*best >= 63)
		return; /* no run inside the block can be longer */
	/* Is there a run of best + 1 bits? Doubling the length tested at
	 * each step, it takes a few steps; finding how long takes more, but
	 * is needed only when the longest run grows. */
	unsigned want = (unsigned)*best + 1, have = 1;
	uint64_t r = m;
	while (have < want && r) {
		unsigned step = have < want - have ? have : want - have;
		r &= r >> step;
		have += step;
	}
	if (!r)
		return;
	size_t len = 0;
	for (uint64_t x = m; x; x &= x >> 1)
		len++;
	*best = len;
}

/* The white space and tokens of one block: the masks of tli_kinds64 are
 * of ASCII bytes; add the non-ASCII white-space characters starting in it.
 * One that goes on past the block leaves the rest of its bytes in
 * *spill_space (and *spill_notok), for the next block. */
static void block_spaces(const unsigned char *p, size_t i, size_t n,
			 uint64_t lead, uint64_t *space, uint64_t *notok,
			 uint64_t *spill_space, uint64_t *spill_notok)
{
	*space |= *spill_space;
	*notok |= *spill_notok;
	*spill_space = *spill_notok = 0;
	for (; lead; lead &= lead - 1) {
		unsigned at = (unsigned)__builtin_ctzll(lead);
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i + at, n - i - at, &cp);
		if (len < 2 || !is_unicode_space(cp))
			continue;
		uint64_t bits = ((uint64_t)1 << len) - 1;
		uint64_t here = bits << at,
			 over = at + len > 64 ? bits >> (64 - at) : 0;
		*space |= here;
		*spill_space |= over;
		/* U+180E is no longer white space to \s */
		if (cp != 0x180E) {
			*notok |= here;
			*spill_notok |= over;
		}
	}
}
#endif

void tli_longest_runs(const char *s, size_t n, tli_runs *out)
{
	const unsigned char *p = (const unsigned char *)s;
#ifdef TLI_KINDS64
	/* 64 bytes a step: the runs of each kind of byte, as masks */
	size_t best_ws = 0, ws = 0, best_word = 0, w = 0, best_tok = 0, t = 0,
	       best_line = 0, line = 0;
	uint64_t spill_space = 0, spill_notok = 0, high = 0;
	for (size_t i = 0; i < n; i += 64) {
		tli_kinds64 k;
		uint64_t valid = UINT64_MAX;
		if (n - i >= 64) {
			tli_kinds_of64(p + i, &k);
		} else {
			/* the last bytes, read from a copy; the bits past the
			 * end end every run */
			unsigned char last[64];
			memset(last, 0, sizeof last);
			memcpy(last, p + i, n - i);
			tli_kinds_of64(last, &k);
			valid = ((uint64_t)1 << (n - i)) - 1;
		}
		uint64_t space = k.space, notok = k.space;
		high |= k.high & valid;
		if (k.lead | spill_space)
			block_spaces(p, i, n, k.lead, &space, &notok,
				     &spill_space, &spill_notok);
		run_block(space & valid, &ws, &best_ws);
		run_block(k.word & valid, &w, &best_word);
		run_block(~notok & valid, &t, &best_tok);
		run_block(~k.newline & valid, &line, &best_line);
	}
	out->space = ws > best_ws ? ws : best_ws;
	out->word = w > best_word ? w : best_word;
	out->tok = t > best_tok ? t : best_tok;
	out->line = line > best_line ? line : best_line;
	out->ascii = !high;
#else
	size_t best_ws = 0, ws = 0, best_word = 0, w = 0, best_tok = 0, t = 0;
	unsigned high = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned k = tli_byte_kind[p[i]];
		high |= p[i];
		if (k & TLI_BYTE_LEAD) {
			uint32_t cp;
			size_t len = tli_utf8_decode(p + i, n - i, &cp);
			if (len > 1 && is_unicode_space(cp)) {
				ws += len;
				w += len; /* every non-ASCII byte may be a
					     word's */
				/* U+180E is no longer white space to \s */
				t = cp == 0x180E ? t + len : 0;
				best_ws = ws > best_ws ? ws : best_ws;
				best_word = w > best_word ? w : best_word;
				best_tok = t > best_tok ? t : best_tok;
				i += len - 1;
				continue;
			}
		}
		/* without branches: this is a pass over every text */
		size_t is_ws = k & TLI_BYTE_SPACE,
		       is_word = (k & TLI_BYTE_WORD) >> 1;
		ws = (ws + 1) & (0 - is_ws);
		t = (t + 1) & (is_ws - 1);
		w = (w + 1) & (0 - is_word);
		best_ws = ws > best_ws ? ws : best_ws;
		best_word = w > best_word ? w : best_word;
		best_tok = t > best_tok ? t : best_tok;
	}
	out->space = best_ws;
	out->word = best_word;
	out->tok = best_tok;
	/* lines: memchr finds the newlines far faster than a byte loop */
	size_t best_line = 0, at = 0;
	while (n) {
		const unsigned char *nl = memchr(p + at, '\n', n - at);
		size_t end = nl ? (size_t)(nl - p) : n;
		if (end - at > best_line)
			best_line = end - at;
		if (!nl)
			break;
		at = end + 1;
	}
	out->line = best_line;
	out->ascii = !(high & 0x80);
#endif
}

void tli_bound_ascii(size_t *bytes, unsigned *chars)
{
	if (*chars && *bytes != (size_t)-1) {
		*bytes -= 3u * (size_t)*chars;
		*chars = 0;
	}
}

/* The sets a gate is chosen from: a few common words at most
 * (TLI_GATE_MAX_COST). The rarest of them is then the gate if it costs no
 * more than the caller asks. */

/* Does every string of the first set hold one of gate set a? Then the
 * gate (as "sue" of "we will sue") is found wherever the first set is, and
 * keeps no search away. */
static int covered(const litset *a, const tli_literals *first)
{
	for (size_t j = 0; j < first->count; j++) {
		const char *y = first->lits[j];
		size_t yn = first->lens[j];
		int holds = 0;
		for (size_t i = 0; i < a->n && !holds; i++)
			for (size_t k = 0; k + a->lens[i] <= yn && !holds; k++)
				holds = memcmp(y + k, a->lits[i], a->lens[i]) ==
					0;
		if (!holds)
			return 0;
	}
	return 1;
}

/* Does string x[0..xn) share a word with one of `first`'s strings, one
 * word beginning the other ("esca" cut from "escalate")? */
static int shares_word(const char *x, size_t xn, const tli_literals *first)
{
	for (size_t i = 0, j; i < xn; i = j + 1) {
		for (j = i; j < xn && x[j] != ' '; j++)
			;
		for (size_t f = 0; f < first->count; f++) {
			const char *y = first->lits[f];
			size_t yn = first->lens[f];
			for (size_t a = 0, b; a < yn; a = b + 1) {
				for (b = a; b < yn && y[b] != ' '; b++)
					;
				size_t m = j - i < b - a ? j - i : b - a;
				if (m >= 2 && memcmp(x + i, y + a, m) == 0)
					return 1;
			}
		}
	}
	return 0;
}

/* Does every string of gate set a share a word with the first set? Then
 * the gate is most likely the first set's own place in the pattern again
 * ("we will esca" where "escalate" is the first set). */
static int same_words(const litset *a, const tli_literals *first)
{
	for (size_t i = 0; i < a->n; i++)
		if (!shares_word(a->lits[i], a->lens[i], first))
			return 0;
	return 1;
}

int tli_gate_literals(const char *pattern, size_t len, int caseless,
		      const tli_literals *first, unsigned max_cost,
		      tli_literals *out, tli_bound *span)
{
	memset(out, 0, sizeof *out);
	memset(span, 0, sizeof *span);
	parser ps = {
		.p = pattern, .end = pattern + len, .caseless = caseless != 0};
	ps.record = 1;
	info top;
	memset(&top, 0, sizeof top);
	parse_alt(&ps, &top);
	int rc = 0;
	*span = top.max;
	if (ps.fail == 2) {
		rc = -1;
	} else if (!ps.fail && ps.p == ps.end && !ps.top_alt && !top.max.inf) {
		/* the rarest set of one top-level item, not the first set */
		const litset *best = NULL;
		for (size_t i = 0; i < ps.nitems; i++) {
			const litset *c = &ps.items[i];
			if (c->cost > TLI_GATE_MAX_COST || covered(c, first) ||
			    same_words(c, first))
				continue;
			if (!best || weight(c) < weight(best))
				best = c;
		}
		rc = best ? copy_set(best, out) : 0;
	}
	free_arena(&ps);
	/* a gate of common words keeps few searches away, and costs the
	 * automaton a report at each of them */
	if (rc == 1 && tli_literals_cost(out) > max_cost) {
		tli_literals_free(out);
		rc = 0;
	}
	return rc;
}

unsigned tli_literals_cost(const tli_literals *l)
{
	if (l->cost)
		return l->cost;
	unsigned w = (unsigned)l->count;
	for (size_t i = 0; i < l->count; i++)
		w += cost_of(l->lits[i], l->lens[i]);
	return w;
}
