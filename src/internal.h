/*
 * internal.h: structures shared by the library's translation units. Nothing
 * here is public; the command and embedding programs use tonelint.h only.
 */
#ifndef TL_INTERNAL_H
#define TL_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "litextract.h"
#include "tonelint.h"

/* An error record owned by a handle: the strings are malloc'd and replaced
 * on the next failure. */
typedef struct tli_errinfo {
	tl_error pub;
	char *message;
	char *file;
} tli_errinfo;

/* Records a failure: `file` may be NULL, line/column 0 when unknown. Keeps
 * the previous record if memory runs out (the status still tells). */
void tli_error_set(tli_errinfo *e, const char *file, unsigned line,
		   unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void tli_error_clear(tli_errinfo *e);

/* An example sentence of a rule, with where it is written. */
typedef struct tli_example {
	char *text;
	unsigned line, column;
	/* Document rules: what the example is judged as (docrules.h). */
	tl_kind kind;
	tl_stage stage;
	tl_format format;
} tli_example;

struct tl_rule {
	char *id, *title, *category, *message;
	tl_severity severity;
	const char *file; /* interned in the rule set */
	unsigned line, column;
	size_t index; /* load order in the rule set */

	/* NULL for a built-in pattern until a scan first needs it: the
	 * code slot's copy TLI_CODE_DECODED is then used (tli_match) */
	pcre2_code **patterns;
	size_t pattern_count;
	int caseless;	    /* every pattern and exception: PCRE2_CASELESS */
	char **pattern_src; /* the regex text of each pattern */
	size_t pattern_src_count;
	/* The build's table entry (precompiled.h) of each pattern source and
	 * exception, NULL for one the table does not hold (its code is then
	 * compiled, as it is when this PCRE2 cannot read the table's): looked
	 * up once, at load. Each lookup compares the source with the table's
	 * (764 of them, scattered over megabytes of serialised codes); six per
	 * pattern were 0.9 ms of the 7.9 ms it took to lint one small file. */
	const struct tli_precomp_entry **pattern_pre, **exception_pre;
	size_t pattern_base;   /* index of patterns[0] among the set's */
	size_t exception_base; /* likewise for exceptions[0], after all
				  patterns */
	/* swap rules: one pattern whose alternatives carry (*MARK:n); rewrite n
	 * is the suggestion for a match that passed mark n. */
	char **rewrites;
	size_t rewrite_count;
	pcre2_code **exceptions; /* NULL while undecoded, as patterns */
	char **exception_src;	 /* the regex text of each exception */
	size_t exception_count;
	char **suggest;
	size_t suggest_count;
	/* Automatic fixes (docs/rules.md, "Fixes"): the replacement template
	 * ($0, $1 ...) of a pattern or phrase rule, NULL for none; for a swap
	 * rule fix_rewrite[n] (NULL: none) says whether rewrite n is applied
	 * too. fix_article: adjust "a"/"an" before the replaced text. */
	char *fix;
	unsigned char *fix_rewrite;
	int fix_article;

	tli_example *flag, *pass;
	size_t flag_count, pass_count;

	/* Kinds and stages (docrules.h): NULL for a rule that applies to
	 * every document with its own severity. `doc` is set for a document
	 * rule, which has no `patterns` above (the scanner never sees it). */
	struct tli_cond *cond;
	struct tli_docrule *doc;
};

/* A pattern found near capital words of a set (TLI_UPPER_CAPS): the
 * scanner tests each run of capitals with it. */
typedef struct tli_capgate {
	uint32_t g;	/* the pattern */
	tli_literals l; /* its caps and min_run */
	/* the first two letters of each of the words, a bit each */
	unsigned char lead[(26 * 26 + 7) / 8];
} tli_capgate;

/* The copies of a code that tli_match makes when first needed. */
enum {
	TLI_CODE_JIT,	      /* JIT-compiled, for large valid texts */
	TLI_CODE_INVALID,     /* recompiled with PCRE2_MATCH_INVALID_UTF */
	TLI_CODE_INVALID_JIT, /* that, JIT-compiled */
	TLI_CODE_DECODED,     /* a built-in code, decoded from the table */
	TLI_CODE_KINDS
};
typedef struct tli_lazy_codes {
	pcre2_code *_Atomic *code;
	_Atomic unsigned char *state; /* 0 untried, 1 made, 2 failed */
	/* JIT kinds: searches of small padded texts made without the copy,
	 * where it would have served; it is made once they are many
	 * (match.c) */
	_Atomic unsigned *wanted;
} tli_lazy_codes;

/* The gates of a rule set's patterns (gate.h), made when first asked
 * for: two a pattern (2 * index, of rare words; + 1, of common words
 * too). */
typedef struct tli_gates {
	struct tli_ac *_Atomic *ac;
	_Atomic unsigned char *state; /* 0 not made, 1 made, 2 none */
	tli_bound *span;
	size_t count; /* patterns */
} tli_gates;

/* Rules by id (rule_ids.h): an open-addressing table of borrowed rules.
 * Zeroed is empty. */
typedef struct tli_rule_ids {
	const tl_rule **slot;
	size_t cap, count; /* cap: 0 or a power of two */
} tli_rule_ids;

struct tl_ruleset {
	tl_rule **rules;
	size_t count, cap;
	tli_rule_ids ids; /* the rules by id */
	char **files;	  /* interned file names */
	size_t file_count;
	int frozen;
	uint32_t max_groups; /* largest capture count of any pattern */
	/* Built when the set is frozen (see prefilter.h). */
	size_t pattern_total;
	struct tli_patinfo *patinfo; /* per pattern */
	struct tli_ac *ac;	     /* NULL: no pattern has literals */
	/* The document rules' literals, in an automaton of their own: read
	 * only in a document that document rules judge (scanner.c), not in
	 * every text the rules scan. NULL: none has literals. */
	struct tli_ac *doc_ac;
	uint32_t *upper; /* patterns found near capitals (TLI_UPPER_*) */
	size_t upper_count;
	struct tli_capgate *capgates; /* those of TLI_UPPER_CAPS, with */
	size_t capgate_count;	      /* their words */
	/* Code slots: every pattern, then every exception (exception_base),
	 * then every document rule pattern (tli_docrule.pattern_base);
	 * slot_src is each one's regex text (the rules own it). */
	size_t jit_slots;
	const char **slot_src;
	/* the build's table entry of each slot whose code is NULL (not
	 * decoded until first needed: TLI_CODE_DECODED) */
	const struct tli_precomp_entry **slot_pre;
	/* per slot: 1 for a document rule's pattern whose every match holds
	 * one of its literals, which the automaton looks for too: a
	 * document whose texts hold none is not searched (docrules.c) */
	unsigned char *slot_lits;
	/* Copies made on first need by any scanner (tli_match), per slot:
	 * see TLI_CODE_*. Readers load the pointer atomically; jit_lock
	 * serialises making them. */
	tli_lazy_codes lazy[TLI_CODE_KINDS];
	/* per pattern, made on first need under jit_lock too (gate.h) */
	tli_gates gates;
	pthread_mutex_t jit_lock;
	tli_errinfo err;
};

/* Piecewise map from prose text to source bytes. An entry with equal
 * lengths maps byte for byte; otherwise (a decoded entity, a placeholder)
 * the whole text run stands for the whole source run. */
typedef struct tli_map_entry {
	size_t text_off, text_len;
	size_t src_off, src_len;
	/* 1: the text is a placeholder word (TLI_PLACEHOLDER) standing for
	 * the source run, a template expression or catalogue field, which
	 * messages show as written (display.c). */
	unsigned char placeholder;
} tli_map_entry;

/* Where each line of s[0..len) starts, line 1 at `first` (past a
 * byte-order mark): *starts (malloc'd, the caller frees it) and *count.
 * TL_ENOMEM. (document.c) */
tl_status tli_lines_index(const char *s, size_t len, size_t first,
			  size_t **starts, size_t *count);
/* The number of '\n' bytes in s[0..len), the lines a text adds to a
 * count. (document.c) */
size_t tli_count_newlines(const char *s, size_t len);
/* The 1-based line and column (in characters) of byte `off` of s[0..len)
 * by such an index; off is clamped to len. */
void tli_lines_position(const char *s, size_t len, const size_t *starts,
			size_t count, size_t off, unsigned *line,
			unsigned *column);

/* A map being built (textbuild.c, origin.c). Once memory runs out `oom` is
 * set and further pushes do nothing; free `v` in any case. */
typedef struct tli_mapbuf {
	tli_map_entry *v;
	size_t n, cap;
	int oom;
} tli_mapbuf;

/* Records that text [text_off, +text_len) comes from source [src_off,
 * +src_len) (a placeholder when `placeholder`), extending the previous
 * entry when both continue it byte for byte. Empty text adds nothing.
 * (document.c) */
void tli_mapbuf_push(tli_mapbuf *m, size_t text_off, size_t text_len,
		     size_t src_off, size_t src_len, unsigned char placeholder);

/*
 * Decoded text with no lines of its own in the file: a base64 email body,
 * after charset conversion (a text/html part's decoded HTML). A finding in
 * it is placed twice: in the file, at the encoded characters that hold it,
 * and in this text by its own line map. Owned by the document (origin.c).
 */
typedef struct tli_origin {
	char *label; /* "part 2 (base64)", after any message prefix */
	char *data;  /* NUL-terminated */
	size_t len;
	size_t *line_starts;
	size_t line_count;
	tli_map_entry *map; /* offset in data -> offset in the file */
	size_t map_len;
} tli_origin;

/* One run of prose handed to the rules: a whole plain-text file, or later
 * an email's subject or an HTML part. */
typedef struct tli_text {
	const char *data; /* the prose; may alias the source */
	size_t len;
	char *owned;	    /* non-NULL when data was built for this text */
	tli_map_entry *map; /* NULL: identity map starting at src_base */
	size_t map_len;
	size_t src_base;
	char *label; /* NULL, or e.g. "subject" */
	/* The transfer encoding of the email body it was decoded from: a fix
	 * cannot be written into base64, and quoted-printable limits lines. */
	unsigned char transfer; /* TLI_TRANSFER_* */
	/* Text read from a decoded buffer (NULL: from the file itself): omap
	 * maps the text to offsets in origin->data, as map does to the
	 * file. */
	const tli_origin *origin;
	tli_map_entry *omap;
	size_t omap_len;
	unsigned char utf8; /* TLI_UTF8_*: whether data is valid UTF-8 */
} tli_text;

enum { TLI_UTF8_UNKNOWN, TLI_UTF8_VALID, TLI_UTF8_INVALID };
/* Whether t's data is valid UTF-8: as recorded when the document was
 * made, else checked now. (document.c) */
int tli_text_utf8(const tli_text *t);

enum { TLI_TRANSFER_NONE, TLI_TRANSFER_QP, TLI_TRANSFER_BASE64 };

struct tl_document {
	char *name;
	tl_format format;
	/* NUL-terminated (src[src_len] == '\0'); malloc'd, or borrowed
	 * (src_borrowed: a piece's bytes in its tl_pieces buffer, which
	 * outlives it; pieces.c) */
	char *src;
	size_t src_len;
	int src_borrowed;
	unsigned char src_utf8; /* TLI_UTF8_VALID or TLI_UTF8_INVALID */
	size_t *line_starts;	/* byte offset of each line's first byte */
	size_t line_count;
	tli_text *texts;
	size_t text_count;
	size_t words;
	/* Problems a reader met and recovered from; messages malloc'd, file
	 * borrowed from name. */
	tl_error *warnings;
	size_t warning_count;
	/* Inline suppression comments the readers met (suppress.h). */
	struct tli_directive *directives;
	size_t directive_count;
	int directives_capped; /* TLI_MAX_DIRECTIVES reached and warned */
	/* Decoded buffers texts were read from (pointers stay put). While a
	 * reader reads one, `reading` points at it: the offsets readers hand
	 * to tli_tb_to_text, tli_doc_warn and tli_doc_directive are then in
	 * it, not in the file. */
	tli_origin **origins;
	size_t origin_count;
	tli_origin *reading;
	/* The file it was read from, as it was just before reading
	 * (tl_document_from_file): a fix refuses to overwrite a file that no
	 * longer matches. has_file_id 0: not read from a file. */
	int has_file_id;
	uint64_t file_dev, file_ino, file_size;
	int64_t file_mtime_sec, file_mtime_nsec;
	/* The kind and stage a configuration gave (tl_document_set_kind). */
	tl_kind cfg_kind;
	tl_stage cfg_stage;
	/* A piece of a larger file (pieces.c): src holds the file's bytes
	 * from offset base_off, the start of line base_line + 1. Findings,
	 * warnings and unused suppressions carry the file's offsets and
	 * lines; the line index and src stay the piece's. Both 0 for a whole
	 * document. */
	size_t base_off;
	unsigned base_line;
	/* A piece of a mailbox: the messages before it in the file (their
	 * numbers go on), and the messages the reader found in it; msg_end
	 * (0: none) where the piece's messages end: src goes on with the
	 * next message's "From " line, so that the reader sees the last one
	 * end as it does in the whole file, not at the end of the text. */
	unsigned msg_base, msg_count;
	size_t msg_end;
};

/* Maps a text offset to a source offset. `is_end` chooses, inside a
 * replaced run, its end rather than its start. */
size_t tli_text_to_source(const tli_text *t, size_t off, int is_end);

/* The source offset `off` maps to through a piecewise map (see
 * tli_text_to_source; map NULL: base + off). */
size_t tli_map_lookup(const tli_map_entry *map, size_t map_len, size_t base,
		      size_t off, int is_end);

/* Adds a decoded buffer to doc: copies data[0..len) and map (its offsets
 * to the file) and names it `label`. *out is owned by doc. TL_ENOMEM.
 * (origin.c) */
tl_status tli_origin_add(tl_document *doc, const char *label, const char *data,
			 size_t len, const tli_map_entry *map, size_t map_len,
			 tli_origin **out);
/* Offset in an origin -> offset in the file. */
size_t tli_origin_to_source(const tli_origin *o, size_t off, int is_end);
/* Offset in an origin -> 1-based line and character column in it. */
void tli_origin_position(const tli_origin *o, size_t off, unsigned *line,
			 unsigned *column);
/* Composes a map into an origin with the origin's map to the file: *out
 * (malloc'd) maps the same text to the file. TL_ENOMEM. */
tl_status tli_origin_compose(const tli_origin *o, const tli_map_entry *m,
			     size_t n, size_t text_len, tli_map_entry **out,
			     size_t *out_len);
void tli_origins_free(tl_document *doc);

/* A piece of a file: a document of data[0..len) (borrowed, not copied: it
 * must stay unchanged, with data[len] == '\0', until the document is
 * freed), starting at byte base_off
 * and line base_line + 1 of the file. Plain text (TL_FORMAT_TEXT): its
 * words are those of data[own_start..own_end) (the rest is context the
 * pieces before and after read as their own). A mailbox (TL_FORMAT_MBOX):
 * the whole messages of data[0..own_end), the first numbered msg_base + 1,
 * and after them the next message's "From " line, if any. (document.c) */
tl_status tli_document_piece(tl_document **out, const char *name,
			     tl_format format, const char *data, size_t len,
			     size_t own_start, size_t own_end, size_t base_off,
			     unsigned base_line, unsigned msg_base);

/* How much of the file before and after a piece it is scanned with
 * (pieces.c): a look-behind or a match across a cut is seen whole if it
 * reaches no further. Every byte of it is scanned again with the piece
 * next to it: 16 KiB is 3% more to scan on a piece of TL_PIECES_WINDOW,
 * as 64 KiB was on the 4 MiB pieces before. */
#define TLI_PIECE_CONTEXT ((size_t)16 * 1024)

/* Where a piece of a file starting at s[0] ends (pieces.c): after the
 * first paragraph break (a blank line) ending in [at, limit), else after
 * the last line end before limit, else after the first line end after
 * it (a line is never cut); len when there is none or limit >= len. */
size_t tli_piece_cut(const char *s, size_t len, size_t at, size_t limit);

/* Where a piece of an mbox starting at s[0] (a message's start) ends: at
 * the first message start (tl_mbox_from_line) at or after `at` in
 * s[0, len), found on whole lines; 0 if none. (mbox.c) */
size_t tli_mbox_cut(const char *s, size_t len, size_t at);

/* Source offset -> 1-based line and character column. */
void tli_document_position(const tl_document *doc, size_t off, unsigned *line,
			   unsigned *column);

/* Reads a document's prose from its source according to its format (the
 * name's extension, then the content, when it is TL_FORMAT_AUTO); fills
 * doc->texts and doc->warnings. Bad input is a warning, never a failure:
 * returns TL_OK or TL_ENOMEM. (reader.c, readers/) */
tl_status tli_read_document(tl_document *doc);

/* Runs one rule alone over doc; *count receives its number of matches
 * (before de-duplication). (scanner.c) */
tl_status tli_scanner_count_rule(tl_scanner *sc, const tl_document *doc,
				 const tl_rule *r, size_t *count,
				 size_t *unsuggested);

/* Searches the scanner's gates (gate.h) have kept away so far: how many
 * candidates were checked, and how many of those were not searched. */
void tli_scanner_gate_counts(const tl_scanner *sc, size_t *checks,
			     size_t *shut);
/* Gates used wherever a pattern has one, of common words too, whatever
 * its searches and checks cost: the same decisions on every machine, for
 * the tests. */
void tli_scanner_keep_gates(tl_scanner *sc);

/* The tone score formula of tl_result_score, from counts. (result.c) */
int tli_score(size_t errors, size_t warnings, size_t suggestions, size_t words);

/* Counts words: runs of letters, digits, apostrophes and non-ASCII bytes. */
size_t tli_count_words(const char *s, size_t len);

/* The built-in packs (generated at build time). */
typedef struct tli_embedded_pack {
	const char *name;
	const char *data;
	size_t len;
} tli_embedded_pack;
extern const tli_embedded_pack tli_embedded_packs[];
extern const size_t tli_embedded_pack_count;

/*
 * Compile flags shared by every pattern. The offset limit lets the
 * prefilter ask for a match that starts at or before a literal. Texts are
 * checked for valid UTF-8 once and then matched without PCRE2's check;
 * those that are not valid use a copy of the pattern compiled with
 * PCRE2_MATCH_INVALID_UTF as well, made on first need (tli_match).
 */
#define TLI_PCRE2_FLAGS                                    \
	(PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C | \
	 PCRE2_USE_OFFSET_LIMIT)

/* The literal set of pattern source k of rule r, from the build's table or
 * analysed: as tli_extract_literals returns (ruleset.c). */
int tli_pattern_literals(const tl_rule *r, size_t k, tli_literals *l);

/* What the prefilter knows of one pattern. */
typedef struct tli_patinfo {
	int filtered; /* runs only near its literals */
	int upper;    /* 0, or the capital gate it runs behind: TLI_UPPER_* */
	/* how far before a literal a match may start (litextract.h) */
	tli_bound lookback;
	/* 1: the literals of its gate (gate.h) are in the automaton, owned
	 * by jit_slots + its index; a match is at most `gspan` long */
	int gate;
	tli_bound gspan;
} tli_patinfo;

/* What every match runs under: PCRE2's match, depth and heap limits and a
 * JIT stack (match.c). One per thread. */
typedef struct tli_matcher {
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
} tli_matcher;
tl_status tli_matcher_init(tli_matcher *m); /* TL_OK or TL_ENOMEM */
void tli_matcher_free(tli_matcher *m);

/*
 * One match attempt of code slot `g` of the frozen set `rs` (`re` its
 * interpreter form: a pattern, an exception or a document rule's pattern;
 * NULL for a built-in code not decoded yet, which is then decoded once and
 * kept for every thread) over s[0..len) from `start`, no match starting after
 * `limit` (PCRE2_UNSET: anywhere). `valid`: s is valid UTF-8 (tli_text_utf8); a
 * start inside a character then moves on to the next one. Through the
 * JIT, compiled on first need and shared by every thread, for texts of
 * TLI_JIT_MIN_TEXT and more; through the interpreter otherwise, unless
 * `padded` (s has TLI_MATCH_PAD initialised bytes after s[len - 1]) and
 * the pattern has been searched often. Returns PCRE2's code.
 */
int tli_match(const tl_ruleset *rs, size_t g, const pcre2_code *re,
	      const tli_matcher *m, pcre2_match_data *md, const char *s,
	      size_t len, int valid, int padded, size_t start, size_t limit);

/* Texts this large are searched through the JIT: compiling costs less
 * than their scan through the interpreter. */
#define TLI_JIT_MIN_TEXT (64u * 1024)
/* Bytes after a small text's end that must be there, and initialised,
 * for the JIT to search it: its vector loads read on past the end
 * (within the aligned 16 bytes that hold the last one), which is
 * harmless but reads what a reading buffer's slack holds, and memcheck
 * flags each decision made on such bytes. */
#define TLI_MATCH_PAD 64

/* A buffer for padded copies of small texts (match.c), owned by whoever
 * searches them: zero-initialise it, free it with tli_pad_free. */
typedef struct tli_pad {
	char *buf;
	size_t cap;
} tli_pad;
/* s[0..len) copied into p (grown as needed) and followed by TLI_MATCH_PAD
 * zero bytes, for a search with `padded` set; NULL when s is to be
 * searched as it is: a text of TLI_JIT_MIN_TEXT or more (always the JIT),
 * or memory ran out (then the interpreter). */
const char *tli_pad_copy(tli_pad *p, const char *s, size_t len);
void tli_pad_free(tli_pad *p);

/* Builds the prefilter and freezes the set (idempotent). TL_OK or
 * TL_ENOMEM. (ruleset.c) */
tl_status tli_ruleset_freeze(tl_ruleset *rs);

#endif
