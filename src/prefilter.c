/*
 * prefilter.c: the Aho-Corasick automaton. Bytes are first mapped to a few
 * classes (each byte that occurs in a literal, folded to lower case, gets
 * its own; every other byte shares class 0), so the full transition table
 * stays small: states x classes. The scan loop is one table lookup a byte:
 * an entry is the next state's row offset (state x classes), with AC_OUT
 * set when that state ends a literal, so that neither a multiplication nor
 * a look at the outputs is on the path from one byte to the next. The
 * column of the lead bytes of non-ASCII white space holds AC_SPACE
 * instead: one comparison of an entry tells the usual byte from the one
 * that needs a closer look.
 */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

#define AC_OUT	 0x80000000u
#define AC_SPACE 0x40000000u

struct tli_ac {
	uint8_t cls[256];
	uint32_t nclasses;
	/* A row offset (state x nclasses) to its state, without a division
	 * (report): nclasses is 2^shift times an odd number whose inverse
	 * modulo 2^32 is `inverse`, and the offsets are exact multiples. */
	uint32_t shift, inverse;
	uint32_t nstates;
	/* The class of white space, 0 when no literal holds a space; and the
	 * class of the lead bytes of the non-ASCII white-space characters
	 * (0xC2, 0xE1, 0xE2, 0xE3), which behaves as class 0 unless the
	 * character turns out to be a space. */
	uint32_t ws, maybe_ws;
	uint8_t lead_cls[256]; /* those lead bytes' own classes */
	uint32_t *delta;       /* nstates * nclasses: row offsets | AC_OUT,
				  or AC_SPACE */
	uint32_t *depth;       /* per state: symbols from the root */
	uint8_t *lit_ws;       /* per literal: its spaces (255: or more) */
	uint32_t *out_start;   /* nstates + 1: outputs of each state */
	uint32_t *out;	       /* literal indices */
	uint32_t *lit_len;     /* per literal */
	uint32_t *own_start;   /* nlits + 1 */
	uint32_t *owners;      /* owners of each literal */
	uint32_t nlits;
	uint32_t max_len; /* the longest literal, in symbols */
	int image;	  /* the arrays belong to a tli_ac_image: not freed */
};

/* The largest of len[0..n). */
static uint32_t longest(const uint32_t *len, size_t n)
{
	uint32_t m = 0;
	for (size_t k = 0; k < n; k++)
		m = len[k] > m ? len[k] : m;
	return m;
}

static void set_divisor(tli_ac *ac)
{
	uint32_t odd = ac->nclasses, shift = 0;
	while (odd && !(odd & 1)) {
		odd >>= 1;
		shift++;
	}
	/* Newton's iteration: each step doubles the bits that are right
	 * (odd * odd = 1 modulo 8 to start with) */
	uint32_t x = odd;
	for (int k = 0; k < 5; k++)
		x *= 2u - odd * x;
	ac->shift = shift;
	ac->inverse = x;
}

/* The state whose row starts at offset s. */
static uint32_t state_of(const tli_ac *ac, size_t s)
{
	return ((uint32_t)s >> ac->shift) * ac->inverse;
}

static int is_ascii_word(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static uint8_t fold(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

void tli_ac_free(tli_ac *ac)
{
	if (!ac)
		return;
	if (ac->image) {
		free(ac);
		return;
	}
	free(ac->delta);
	free(ac->depth);
	free(ac->lit_ws);
	free(ac->out_start);
	free(ac->out);
	free(ac->lit_len);
	free(ac->own_start);
	free(ac->owners);
	free(ac);
}

static int cmp_lit(const void *a, const void *b)
{
	const tli_ac_literal *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->owner < y->owner ? -1 : x->owner > y->owner;
}

/* The trie child of state s by class c, 0 if none. */
static uint32_t child(const uint32_t *first, const uint32_t *sibling,
		      const uint8_t *edge, uint32_t s, uint32_t c)
{
	for (uint32_t t = first[s]; t; t = sibling[t])
		if (edge[t] == c)
			return t;
	return 0;
}

/* Working arrays of a build, indexed by trie state. */
typedef struct build {
	uint32_t *first, *sibling; /* each state's trie edges, as a list */
	uint8_t *edge;		   /* the class of the edge into each state */
	uint8_t *ends_ws;	   /* the edge is a space */
	uint32_t *lit_of_state;	   /* 1-based literal ending there, or 0 */
	uint32_t *depth;	   /* symbols from the root */
	uint32_t *order;	   /* trie state of each final number */
	uint32_t *fail;		   /* failure state, as a final number */
	uint32_t *out_count;	   /* by final number */
	uint8_t *has_out;	   /* by final number */
} build;

static void build_free(build *b)
{
	free(b->first);
	free(b->sibling);
	free(b->edge);
	free(b->ends_ws);
	free(b->lit_of_state);
	free(b->depth);
	free(b->order);
	free(b->fail);
	free(b->out_count);
	free(b->has_out);
}

tli_ac *tli_ac_build(const tli_ac_literal *in, size_t n)
{
	tli_ac *ac = calloc(1, sizeof *ac);
	tli_ac_literal *lits = malloc((n ? n : 1) * sizeof *lits);
	build b;
	memset(&b, 0, sizeof b);
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += in[i].len;
	char *text = malloc(chars ? chars : 1);
	if (!ac || !lits || !text)
		goto oom;
	/* Copies in which each run of spaces is one space: the text is read
	 * that way. */
	char *w = text;
	for (size_t i = 0; i < n; i++) {
		lits[i] = in[i];
		lits[i].s = w;
		for (size_t k = 0; k < in[i].len; k++)
			if (in[i].s[k] != ' ' || k == 0 ||
			    in[i].s[k - 1] != ' ')
				*w++ = in[i].s[k];
		lits[i].len = (size_t)(w - lits[i].s);
	}
	/* Equal literals become one, with all their owners. */
	if (n > 1)
		qsort(lits, n, sizeof *lits, cmp_lit);
	size_t nlits = 0, total = 1;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || lits[i].len != lits[i - 1].len ||
		    memcmp(lits[i].s, lits[i - 1].s, lits[i].len) != 0) {
			nlits++;
			total += lits[i].len;
		}
	}
	ac->nclasses = 1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < lits[i].len; k++) {
			uint8_t c = fold((uint8_t)lits[i].s[k]);
			if (!ac->cls[c])
				ac->cls[c] = (uint8_t)ac->nclasses++;
		}
	for (int c = 'A'; c <= 'Z'; c++)
		ac->cls[c] = ac->cls[c - 'A' + 'a'];
	if (ac->cls[' ']) {
		/* every white-space byte is a space of a literal */
		ac->ws = ac->cls[' '];
		for (const char *s = "\t\n\v\f\r"; *s; s++)
			ac->cls[(uint8_t)*s] = (uint8_t)ac->ws;
		ac->maybe_ws = ac->nclasses++;
	}
	uint32_t nc = ac->nclasses;
	ac->lit_len = calloc(nlits ? nlits : 1, sizeof *ac->lit_len);
	ac->lit_ws = calloc(nlits ? nlits : 1, sizeof *ac->lit_ws);
	ac->own_start = calloc(nlits + 1, sizeof *ac->own_start);
	ac->owners = calloc(n ? n : 1, sizeof *ac->owners);
	b.first = calloc(total, sizeof *b.first);
	b.sibling = calloc(total, sizeof *b.sibling);
	b.edge = calloc(total, 1);
	b.ends_ws = calloc(total, 1);
	b.lit_of_state = calloc(total, sizeof *b.lit_of_state);
	b.depth = calloc(total, sizeof *b.depth);
	if (!ac->lit_len || !ac->lit_ws || !ac->own_start || !ac->owners ||
	    !b.first || !b.sibling || !b.edge || !b.ends_ws ||
	    !b.lit_of_state || !b.depth)
		goto oom;
	/* The trie (state 0 is the root). */
	uint32_t ns = 1;
	size_t li = 0;
	for (size_t i = 0; i < n; i++) {
		int is_new = i == 0 || lits[i].len != lits[i - 1].len ||
			     memcmp(lits[i].s, lits[i - 1].s, lits[i].len) != 0;
		if (is_new) {
			uint32_t s = 0;
			for (size_t k = 0; k < lits[i].len; k++) {
				uint32_t c = ac->cls[(uint8_t)lits[i].s[k]];
				uint32_t t =
					child(b.first, b.sibling, b.edge, s, c);
				if (!t) {
					t = ns++;
					b.sibling[t] = b.first[s];
					b.first[s] = t;
					b.edge[t] = (uint8_t)c;
					b.depth[t] = (uint32_t)k + 1;
					b.ends_ws[t] = ac->ws && c == ac->ws;
				}
				s = t;
			}
			li++;
			ac->lit_len[li - 1] = (uint32_t)lits[i].len;
			size_t spaces = 0;
			for (size_t k = 0; k < lits[i].len; k++)
				spaces += lits[i].s[k] == ' ';
			ac->lit_ws[li - 1] =
				(uint8_t)(spaces < 255 ? spaces : 255);
			b.lit_of_state[s] = (uint32_t)li; /* 1-based */
			ac->own_start[li] = ac->own_start[li - 1];
		}
		ac->owners[ac->own_start[li]++] = lits[i].owner;
	}
	ac->nstates = ns;
	set_divisor(ac);
	ac->nlits = (uint32_t)nlits;
	ac->max_len = longest(ac->lit_len, nlits);
	/* Row offsets are 30 bits: millions of literals would not fit. */
	if ((uint64_t)ns * nc >= AC_SPACE)
		goto oom;
	/*
	 * The full automaton, breadth first: states are numbered in that
	 * order (the states a scan spends its time in, near the root, share
	 * cache lines), and each row is its failure state's row (complete,
	 * being nearer the root) with its own trie edges put back. An entry
	 * is the next state's row offset, with AC_OUT when it ends a literal
	 * of its own or through its failure state.
	 */
	ac->delta = malloc((size_t)ns * nc * sizeof *ac->delta);
	ac->depth = malloc(ns * sizeof *ac->depth);
	b.order = malloc(ns * sizeof *b.order);
	b.fail = calloc(ns, sizeof *b.fail);
	b.out_count = calloc(ns, sizeof *b.out_count);
	b.has_out = calloc(ns, 1);
	if (!ac->delta || !ac->depth || !b.order || !b.fail || !b.out_count ||
	    !b.has_out)
		goto oom;
	memset(ac->delta, 0, nc * sizeof *ac->delta);
	b.order[0] = 0;
	uint32_t next = 1;
	for (uint32_t k = 0; k < next; k++) {
		uint32_t s = b.order[k];
		uint32_t *row = &ac->delta[(size_t)k * nc];
		const uint32_t *frow = &ac->delta[(size_t)b.fail[k] * nc];
		if (k)
			memcpy(row, frow, nc * sizeof *row);
		ac->depth[k] = b.depth[s];
		b.out_count[k] = (b.lit_of_state[s] ? 1 : 0) +
				 (k ? b.out_count[b.fail[k]] : 0);
		for (uint32_t t = b.first[s]; t; t = b.sibling[t]) {
			uint32_t c = b.edge[t], f = k ? frow[c] & ~AC_OUT : 0;
			uint32_t tk = next++;
			b.order[tk] = t;
			b.fail[tk] = f / nc;
			b.has_out[tk] = b.lit_of_state[t] || b.has_out[f / nc];
			row[c] = tk * nc | (b.has_out[tk] ? AC_OUT : 0);
		}
	}
	/* A state reached by a space stays there through the rest of the
	 * white-space run: the text is read as if each run were one space. */
	for (uint32_t k = 1; k < ns; k++)
		if (b.ends_ws[b.order[k]])
			ac->delta[(size_t)k * nc + ac->ws] =
				k * nc | (b.has_out[k] ? AC_OUT : 0);
	/* Lead bytes of non-ASCII spaces are looked at twice while scanning
	 * (a literal may hold such a byte too: the ’ of "can’t"). */
	if (ac->ws) {
		for (const char *s = "\xC2\xE1\xE2\xE3"; *s; s++) {
			ac->lead_cls[(uint8_t)*s] = ac->cls[(uint8_t)*s];
			ac->cls[(uint8_t)*s] = (uint8_t)ac->maybe_ws;
		}
		for (uint32_t k = 0; k < ns; k++)
			ac->delta[(size_t)k * nc + ac->maybe_ws] = AC_SPACE;
	}
	/* Outputs: a state's own literal, then its failure state's outputs
	 * (already complete, being nearer the root). */
	ac->out_start = malloc((ns + 1) * sizeof *ac->out_start);
	if (!ac->out_start)
		goto oom;
	uint32_t pos = 0;
	for (uint32_t k = 0; k < ns; k++) {
		ac->out_start[k] = pos;
		pos += b.out_count[k];
	}
	ac->out_start[ns] = pos;
	ac->out = malloc((pos ? pos : 1) * sizeof *ac->out);
	if (!ac->out)
		goto oom;
	for (uint32_t k = 1; k < ns; k++) {
		uint32_t at = ac->out_start[k],
			 lit = b.lit_of_state[b.order[k]];
		if (lit)
			ac->out[at++] = lit - 1;
		uint32_t f = b.fail[k];
		memcpy(&ac->out[at], &ac->out[ac->out_start[f]],
		       b.out_count[f] * sizeof *ac->out);
	}
	build_free(&b);
	free(lits);
	free(text);
	return ac;
oom:
	build_free(&b);
	free(lits);
	free(text);
	tli_ac_free(ac);
	return NULL;
}

int tli_ac_scan(const tli_ac *ac, const char *text, size_t len, tli_ac_hit hit,
		void *payload)
{
	uint32_t state = 0;
	return tli_ac_scan_range(ac, text, 0, len, &state, NULL, hit, payload);
}

/* The byte length of the white-space character that ends at p[end - 1]
 * (as \s sees it in UTF mode), 0 if there is none. */
static size_t space_before(const uint8_t *p, size_t end)
{
	if (end == 0)
		return 0;
	uint8_t c = p[end - 1];
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	/* the others all end in a continuation byte */
	if ((c & 0xC0) != 0x80)
		return 0;
	if (end >= 2 && p[end - 2] == 0xC2 && (c == 0x85 || c == 0xA0))
		return 2;
	if (end < 3)
		return 0;
	uint32_t cp =
		((uint32_t)p[end - 3] << 16) | ((uint32_t)p[end - 2] << 8) | c;
	return (cp == 0xE19A80 || cp == 0xE1A08E ||
		(cp >= 0xE28080 && cp <= 0xE2808A) || cp == 0xE280A8 ||
		cp == 0xE280A9 || cp == 0xE280AF || cp == 0xE2819F ||
		cp == 0xE38080)
		       ? 3
		       : 0;
}

/* The byte length of the non-ASCII white-space character starting at
 * p[0], given `avail` bytes; 0 if it is something else. */
static size_t space_at(const uint8_t *p, size_t avail)
{
	size_t n = p[0] == 0xC2 ? 2 : 3;
	return n <= avail && space_before(p, n) == n ? n : 0;
}

/* Where `symbols` symbols of the automaton (a byte, or a whole run of
 * white space) end before `end`. */
static size_t walk_back(const uint8_t *p, size_t end, size_t symbols)
{
	while (symbols-- && end) {
		/* most bytes neither are white space nor end a character
		 * that could be */
		uint8_t c = p[end - 1];
		if (c > ' ' && (c < 0x80 || c > 0xBF)) {
			end--;
			continue;
		}
		size_t n = space_before(p, end);
		if (!n) {
			end--;
			continue;
		}
		while (n) {
			end -= n;
			n = space_before(p, end);
		}
	}
	return end;
}

size_t tli_ac_pending(const tli_ac *ac, const char *text, size_t to,
		      uint32_t state)
{
	return walk_back((const uint8_t *)text, to,
			 ac->depth[state_of(ac, state)]);
}

/* What a scan reports to, and what it passes over (tli_ac_scan_range). */
typedef struct sink {
	tli_ac_hit hit;
	void *payload;
	uint8_t *mute;
} sink;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* How many bytes of x (ASCII: no top bits) are white space as the
 * automaton reads it: ' ' or \t to \r (a zero byte is not). */
static unsigned ascii_spaces8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t t = x ^ (0x20 * ones); /* no carry between bytes below */
	uint64_t not20 = ((t & ~high) + ~high) | t;
	uint64_t tab_to_cr =
		(x + (0x80 - '\t') * ones) & ~(x + (0x80 - '\r' - 1) * ones);
	uint64_t ws = (~not20 | tab_to_cr) & high;
	return (unsigned)(((ws >> 7) * ones) >> 56);
}
#endif

/*
 * Is each space of a literal of `len` symbols, `spaces` of them spaces,
 * that ends at text[end - 1] one byte of the text, so that it starts at
 * end - len? Yes when those len bytes are ASCII and hold exactly `spaces`
 * white-space bytes: had a run been longer, the literal's text would begin
 * before them with a byte that is not white space (a literal starts with
 * none), and the len bytes, the rest of it, would hold more. 0 means "ask
 * walk_back", which took 3.5% of the bench's instructions (a literal with a
 * space is found every 40 bytes of its prose): this reads the 8 or 16
 * bytes that end at `end`, when the text has them.
 */
static int single_spaces(const uint8_t *text, size_t end, size_t len,
			 unsigned spaces)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len > 16 || end < (len > 8 ? 16u : 8u))
		return 0;
	/* the literal's bytes are the high ones of the last word or two */
	uint64_t lo = 0, hi;
	memcpy(&hi, text + end - 8, 8);
	if (len > 8) {
		memcpy(&lo, text + end - 16, 8);
		lo &= ~(uint64_t)0 << (8 * (16 - len));
	} else {
		hi &= ~(uint64_t)0 << (8 * (8 - len));
	}
	if ((lo | hi) & 0x8080808080808080u)
		return 0;
	return ascii_spaces8(lo) + ascii_spaces8(hi) == spaces;
#else
	(void)text;
	(void)end;
	(void)len;
	(void)spaces;
	return 0;
#endif
}

/* Reports the literals ending at p[end - 1], where the scan reached row
 * `s`. Returns the callback's non-zero value if it stopped the scan. */
static int report(const tli_ac *ac, const uint8_t *p, size_t end, size_t s,
		  const sink *to)
{
	uint32_t st = state_of(ac, s);
	for (uint32_t k = ac->out_start[st]; k < ac->out_start[st + 1]; k++) {
		uint32_t lit = ac->out[k];
		if (to->mute && to->mute[lit]) {
			if (to->mute[lit] == TLI_AC_MUTED)
				continue;
			to->mute[lit] = TLI_AC_MUTED;
		}
		size_t start = end - ac->lit_len[lit];
		if (ac->lit_ws[lit] &&
		    !single_spaces(p, end, ac->lit_len[lit], ac->lit_ws[lit]))
			start = walk_back(p, end, ac->lit_len[lit]);
		/* inside a word: nothing for the owners that want a word's
		 * start (TLI_AC_WORD_START) */
		int inside = start > 0 && is_ascii_word(p[start - 1]);
		for (uint32_t o = ac->own_start[lit];
		     o < ac->own_start[lit + 1]; o++) {
			uint32_t owner = ac->owners[o];
			if (owner & TLI_AC_WORD_START) {
				if (inside)
					continue;
				owner &= ~TLI_AC_WORD_START;
			}
			int rc = to->hit(to->payload, owner, start);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* One symbol at p[*i] (a byte, or a white-space character) of a range
 * ending at `end`, from row `s`: the table's entry, and *i moved past. */
static size_t step(const tli_ac *ac, const uint8_t *p, size_t *i, size_t end,
		   size_t s)
{
	size_t v = ac->delta[s + ac->cls[p[*i]]];
	if (v == AC_SPACE) {
		size_t n = space_at(p + *i, end - *i);
		v = ac->delta[s + (n ? ac->ws : ac->lead_cls[p[*i]])];
		if (n)
			*i += n - 1;
	}
	*i += 1;
	return v;
}

/* The scan of p[*pi..end) from row *ps, one byte after the other. */
static int scan_one(const tli_ac *ac, const uint8_t *p, size_t *pi, size_t end,
		    size_t *ps, const sink *to)
{
	const uint32_t *delta = ac->delta;
	const uint8_t *cls = ac->cls;
	size_t s = *ps, i = *pi;
	int rc = 0;
	while (i < end && !rc) {
		/* Most bytes end no literal and start no space: four at a
		 * time while that lasts; the byte that needs more is then
		 * read again below. */
		while (end - i >= 4) {
			size_t v0 = delta[s + cls[p[i]]];
			if (v0 >= AC_SPACE)
				break;
			size_t v1 = delta[v0 + cls[p[i + 1]]];
			if (v1 >= AC_SPACE) {
				s = v0;
				i += 1;
				break;
			}
			size_t v2 = delta[v1 + cls[p[i + 2]]];
			if (v2 >= AC_SPACE) {
				s = v1;
				i += 2;
				break;
			}
			size_t v3 = delta[v2 + cls[p[i + 3]]];
			if (v3 >= AC_SPACE) {
				s = v2;
				i += 3;
				break;
			}
			s = v3;
			i += 4;
		}
		if (i == end)
			break;
		size_t v = step(ac, p, &i, end, s);
		s = v & ~AC_OUT;
		if (v & AC_OUT)
			rc = report(ac, p, i, s, to);
	}
	*ps = s;
	*pi = i;
	return rc;
}

/* A long range is scanned as AC_WAYS parts at once: each byte's lookup
 * waits for the one before, so one scan leaves the processor idle between
 * loads, and independent ones fill the gaps. (Four ways measured no faster
 * than two, with a quarter more instructions; again with the notes of
 * scan_ways, in paired runs on the bench's 21 MB: three ways took 1.02 and
 * four 1.11 of the time of two, written for any number of ways.) */
#define AC_WAYS 2
_Static_assert(AC_WAYS == 2, "scan_ways' inner loop steps two parts");
/* Bytes of a part: at most AC_PART; at least AC_MIN_PART, so that warming
 * up (max_len symbols: the built-in rules' literals are at most 12 bytes)
 * costs little. Short texts gain too: the bench's mailbox, 36,697 bodies
 * of about 640 bytes, spent 12.7% of its time in the automaton with parts
 * of at least 1,024 bytes (each body one byte after the other) and 10.1%
 * with 64 (perf, two runs each). But an automaton whose table fits the
 * first-level cache (AC_SMALL_TABLE: a gate's, gate.c, read over a window
 * at each candidate) waits little for its lookups: its parts stay at
 * AC_MIN_SMALL: on 5 MB of the bench's prose (callgrind) the gates' 41,682
 * windows took 75 M instructions read as two parts, 45,197 (the timed gates
 * differ from run to run) 42 M read as one. What a
 * part finds while the ones before it are still going fits in AC_HELD
 * notes: a literal can end at every byte (in the bench's prose, one does
 * every 6 bytes). */
#define AC_PART	       4096
#define AC_MIN_PART    64
#define AC_MIN_SMALL   1024
#define AC_SMALL_TABLE (32u * 1024)
#define AC_HELD	       (AC_PART + 256)

/* A part's scan: where it is, its state, and the literals it found, to
 * report once the parts before it are done: where each ends, and the
 * table entry that ended it. */
typedef struct way {
	size_t i, s, n;
	size_t held;	 /* room for notes: at most AC_HELD */
	size_t *end;	 /* [held] */
	uint32_t *entry; /* [held] */
} way;

/* Reports the literals part w holds that end after `from` (what a part
 * finds while warming up, before its own range, is not its to report). */
static int flush(const tli_ac *ac, const uint8_t *p, way *w, size_t from,
		 const sink *to)
{
	size_t n = w->n;
	w->n = 0;
	for (size_t h = 0; h < n; h++) {
		if (w->end[h] <= from)
			continue;
		int rc = report(ac, p, w->end[h], w->entry[h] & ~AC_OUT, to);
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * The scan of p[at[0]..at[AC_WAYS]) as the parts [at[k], at[k + 1]) at
 * once. Part 0 starts in state *ps; each other part starts at warm[k],
 * early enough to be in the state the scan before it would have reached
 * at at[k] (that state stands for at most the last max_len symbols), and
 * what it finds before at[k] is not its to report. A literal's end does
 * not stop the parts: it is noted, without a branch, and reported after
 * (a literal every few bytes is usual, and each stop cost a mispredicted
 * branch and a restart); only the lead byte of a non-ASCII space stops
 * them.
 */
static int scan_ways(const tli_ac *ac, const uint8_t *p, const size_t *at,
		     const size_t *warm, size_t *ps, way *w, const sink *to)
{
	const uint32_t *delta = ac->delta;
	const uint8_t *cls = ac->cls;
	for (int k = 0; k < AC_WAYS; k++) {
		w[k].i = k ? warm[k] : at[0];
		w[k].s = k ? 0 : *ps;
		w[k].n = 0;
	}
	int rc = 0;
	for (;;) {
		size_t room = (size_t)-1;
		for (int k = 0; k < AC_WAYS; k++) {
			size_t left = at[k + 1] - w[k].i;
			room = left < room ? left : room;
			left = w[k].held - w[k].n;
			room = left < room ? left : room;
		}
		if (room == 0)
			break;
		/* both parts a byte a step while neither meets a space's
		 * lead byte; each end of a literal is noted */
		const uint8_t *p0 = p + w[0].i, *p1 = p + w[1].i;
		size_t s0 = w[0].s, s1 = w[1].s, n0 = w[0].n, n1 = w[1].n;
		size_t e0 = w[0].i + 1, e1 = w[1].i + 1, n;
		for (n = 0; n < room; n++) {
			uint32_t a = delta[s0 + cls[p0[n]]],
				 b = delta[s1 + cls[p1[n]]];
			if ((a | b) & AC_SPACE)
				break;
			w[0].end[n0] = e0 + n;
			w[0].entry[n0] = a;
			n0 += a >> 31;
			w[1].end[n1] = e1 + n;
			w[1].entry[n1] = b;
			n1 += b >> 31;
			s0 = a & ~AC_OUT;
			s1 = b & ~AC_OUT;
		}
		w[0].s = s0;
		w[1].s = s1;
		w[0].n = n0;
		w[1].n = n1;
		for (int k = 0; k < AC_WAYS; k++) {
			w[k].i += n;
			if (w[k].i == at[k + 1] || n == room)
				continue;
			/* the byte that stopped the parts, in each of them */
			size_t v = step(ac, p, &w[k].i, at[k + 1], w[k].s);
			w[k].s = v & ~AC_OUT;
			if (v & AC_OUT) {
				w[k].end[w[k].n] = w[k].i;
				w[k].entry[w[k].n++] = (uint32_t)v;
			}
		}
		/* part 0's literals come before all the others' */
		rc = flush(ac, p, &w[0], 0, to);
		if (rc) {
			*ps = w[0].s;
			return rc;
		}
	}
	/* The rest of each part in turn, after what it found so far. */
	for (int k = 0; k < AC_WAYS; k++) {
		rc = flush(ac, p, &w[k], k ? at[k] : 0, to);
		if (rc) {
			*ps = w[k].s;
			return rc;
		}
		if (k && w[k].i < at[k]) {
			/* still warming up: the part before ended in it */
			w[k].i = at[k];
			w[k].s = w[k - 1].s;
		}
		rc = scan_one(ac, p, &w[k].i, at[k + 1], &w[k].s, to);
		if (rc) {
			*ps = w[k].s;
			return rc;
		}
	}
	*ps = w[AC_WAYS - 1].s;
	return 0;
}

/* Where a part that should end at `at` ends: between characters. */
static size_t part_end(const uint8_t *p, size_t at, size_t to)
{
	while (at < to && (p[at] & 0xC0) == 0x80)
		at++;
	return at;
}

int tli_ac_scan_range(const tli_ac *ac, const char *text, size_t from,
		      size_t to, uint32_t *state, uint8_t *mute, tli_ac_hit hit,
		      void *payload)
{
	const sink out = {hit, payload, mute};
	const uint8_t *p = (const uint8_t *)text;
	size_t s = *state, i = from;
	int rc = 0;
	/* The parts' notes, as many as the first (longest) parts can need
	 * (AC_HELD would be 104 KiB, too large for the stack of every thread
	 * and far more than a short text's parts need); without them, one
	 * byte after the other. */
	way w[AC_WAYS];
	void *notes = NULL;
	size_t min_part =
		(size_t)ac->nstates * ac->nclasses * sizeof *ac->delta >
				AC_SMALL_TABLE
			? AC_MIN_PART
			: AC_MIN_SMALL;
	if (to - i >= AC_WAYS * min_part) {
		size_t part = (to - i) / AC_WAYS;
		size_t held =
			(part < AC_PART ? part : AC_PART) + AC_HELD - AC_PART;
		notes = malloc(AC_WAYS * held *
			       (sizeof *w[0].end + sizeof *w[0].entry));
		for (int k = 0; notes && k < AC_WAYS; k++) {
			w[k].held = held;
			w[k].end = (size_t *)notes + k * held;
			w[k].entry =
				(uint32_t *)((size_t *)notes + AC_WAYS * held) +
				k * held;
		}
	}
	while (!rc && notes && to - i >= AC_WAYS * min_part) {
		size_t part = (to - i) / AC_WAYS;
		part = part < AC_PART ? part : AC_PART;
		size_t at[AC_WAYS + 1], warm[AC_WAYS];
		at[0] = warm[0] = i;
		int ok = 1;
		for (int k = 1; k <= AC_WAYS; k++)
			at[k] = part_end(
				p,
				to - at[k - 1] > part ? at[k - 1] + part : to,
				to);
		/* A warm-up must not reach back before i, where the state is
		 * s; it falls short of max_len symbols only at the start of
		 * the text, and then begins where part 0 does. */
		for (int k = 1; k < AC_WAYS && ok; k++) {
			warm[k] = walk_back(p, at[k], ac->max_len);
			ok = at[k] < at[k + 1] &&
			     (warm[k] > i || (warm[k] == i && s == 0));
		}
		if (ok)
			rc = scan_ways(ac, p, at, warm, &s, w, &out);
		else
			rc = scan_one(ac, p, &i, at[AC_WAYS], &s, &out);
		i = at[AC_WAYS];
	}
	free(notes);
	if (!rc)
		rc = scan_one(ac, p, &i, to, &s, &out);
	*state = (uint32_t)s;
	return rc;
}

size_t tli_ac_literal_count(const tli_ac *ac)
{
	return ac->nlits;
}

/* One array of the image: `width`-byte unsigned values, as C source. */
static int put_array(FILE *o, const char *name, const char *what, const void *v,
		     size_t width, size_t n)
{
	fprintf(o, "static const uint%zu_t %s_%s[] = {", width * 8, name, what);
	for (size_t i = 0; i < n; i++) {
		unsigned long x = width == 1 ? ((const uint8_t *)v)[i]
					     : ((const uint32_t *)v)[i];
		fprintf(o, "%s%lu", i == 0 ? "\n" : i % 16 ? "," : ",\n", x);
	}
	return fputs(n ? "};\n" : "0};\n", o) < 0 ? -1 : 0;
}

int tli_ac_write_image(const tli_ac *ac, const tli_ac_literal *lits, size_t n,
		       FILE *o, const char *name)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += lits[i].len;
	uint32_t *len = malloc((n ? n : 1) * sizeof *len);
	uint32_t *owner = malloc((n ? n : 1) * sizeof *owner);
	uint8_t *text = malloc(chars ? chars : 1);
	if (!len || !owner || !text) {
		free(len);
		free(owner);
		free(text);
		return -1;
	}
	chars = 0;
	for (size_t i = 0; i < n; i++) {
		len[i] = (uint32_t)lits[i].len;
		owner[i] = lits[i].owner;
		memcpy(text + chars, lits[i].s, lits[i].len);
		chars += lits[i].len;
	}
	uint32_t ns = ac->nstates, nc = ac->nclasses, nl = ac->nlits;
	int rc = put_array(o, name, "in_text", text, 1, chars) ||
		 put_array(o, name, "in_len", len, 4, n) ||
		 put_array(o, name, "in_owner", owner, 4, n) ||
		 put_array(o, name, "cls", ac->cls, 1, 256) ||
		 put_array(o, name, "lead_cls", ac->lead_cls, 1, 256) ||
		 put_array(o, name, "delta", ac->delta, 4, (size_t)ns * nc) ||
		 put_array(o, name, "depth", ac->depth, 4, ns) ||
		 put_array(o, name, "out_start", ac->out_start, 4, ns + 1) ||
		 put_array(o, name, "out", ac->out, 4, ac->out_start[ns]) ||
		 put_array(o, name, "lit_len", ac->lit_len, 4, nl) ||
		 put_array(o, name, "own_start", ac->own_start, 4, nl + 1) ||
		 put_array(o, name, "owners", ac->owners, 4, n) ||
		 put_array(o, name, "lit_ws", ac->lit_ws, 1, nl);
	free(len);
	free(owner);
	free(text);
	if (rc)
		return -1;
	fprintf(o,
		"const tli_ac_image %s = {%zu, (const char *)%s_in_text, "
		"%s_in_len, %s_in_owner, %u, %u, %u, %u, %u, %s_cls, "
		"%s_lead_cls, %s_delta, %s_depth, %s_out_start, %s_out, "
		"%s_lit_len, %s_own_start, %s_owners, %s_lit_ws};\n",
		name, n, name, name, name, nc, ns, ac->ws, ac->maybe_ws, nl,
		name, name, name, name, name, name, name, name, name, name);
	return ferror(o) ? -1 : 0;
}

tli_ac *tli_ac_from_image(const tli_ac_image *img, const tli_ac_literal *lits,
			  size_t n)
{
	if (img->nin != n || img->nstates == 0)
		return NULL;
	const char *t = img->in_text;
	for (size_t i = 0; i < n; i++) {
		if (img->in_len[i] != lits[i].len ||
		    img->in_owner[i] != lits[i].owner ||
		    memcmp(t, lits[i].s, lits[i].len) != 0)
			return NULL;
		t += lits[i].len;
	}
	return tli_ac_of_image(img);
}

int tli_ac_is_image(const tli_ac *ac)
{
	return ac->image;
}

tli_ac *tli_ac_of_image(const tli_ac_image *img)
{
	if (img->nstates == 0)
		return NULL;
	tli_ac *ac = calloc(1, sizeof *ac);
	if (!ac)
		return NULL;
	/* The arrays are read, never written, once an automaton is built:
	 * those of the image serve as they are. */
	memcpy(ac->cls, img->cls, 256);
	memcpy(ac->lead_cls, img->lead_cls, 256);
	ac->nclasses = img->nclasses;
	set_divisor(ac);
	ac->nstates = img->nstates;
	ac->ws = img->ws;
	ac->maybe_ws = img->maybe_ws;
	ac->nlits = img->nlits;
	ac->max_len = longest(img->lit_len, img->nlits);
	ac->delta = (uint32_t *)img->delta;
	ac->depth = (uint32_t *)img->depth;
	ac->out_start = (uint32_t *)img->out_start;
	ac->out = (uint32_t *)img->out;
	ac->lit_len = (uint32_t *)img->lit_len;
	ac->own_start = (uint32_t *)img->own_start;
	ac->owners = (uint32_t *)img->owners;
	ac->lit_ws = (uint8_t *)img->lit_ws;
	ac->image = 1;
	return ac;
}
