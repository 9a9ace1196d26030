/* utf8.h: decoding that never fails: an invalid byte is one character. */
#ifndef TL_UTF8_H
#define TL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the character at s[0..n) (n > 0). Returns its length in bytes
 * (1 to 4) and stores the code point, or U+FFFD with length 1 for an
 * invalid, overlong, surrogate or truncated sequence. */
size_t tli_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Number of characters in s[0..n). */
size_t tli_utf8_count(const char *s, size_t n);

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, surrogates or code
 * points above U+10FFFF, as PCRE2 checks it), else 0. */
int tli_utf8_valid(const char *s, size_t n);

/* Encodes cp (<= 0x10FFFF) into out (room for 4); returns the length. */
size_t tli_utf8_encode(uint32_t cp, char *out);

/* What a byte can be, for the passes that read every byte of a text (one
 * table lookup instead of a chain of comparisons). */
enum {
	TLI_BYTE_SPACE = 1, /* ASCII white space (\s in ASCII) */
	TLI_BYTE_WORD = 2,  /* an ASCII letter, digit or _, or any non-ASCII
			       byte: it may be part of a \w+ run */
	TLI_BYTE_ALNUM = 4, /* an ASCII letter or digit, or any non-ASCII
			       byte: it starts a word when counting words */
	TLI_BYTE_JOIN = 8,  /* ' - _ : they carry a counted word on */
	TLI_BYTE_LEAD = 16  /* 0xC2 0xE1 0xE2 0xE3: the first byte of every
			       non-ASCII white-space character */
};
extern const unsigned char tli_byte_kind[256];

/*
 * The same kinds for 64 bytes at once, as masks (bit i is p[i]), for the
 * passes over every byte of a text: SSE2 is part of x86-64, so where the
 * compiler has it (and TL_NO_SIMD is not defined, which tests the plain
 * loops) those passes read 64 bytes a step. `lead` has exactly the
 * TLI_BYTE_LEAD bytes; `newline` the '\n' bytes.
 */
#if defined(__SSE2__) && !defined(TL_NO_SIMD)
#define TLI_KINDS64 1
#include <emmintrin.h>

typedef struct tli_kinds64 {
	uint64_t space, word, alnum, join, lead, newline;
	uint64_t high; /* the bytes that are not ASCII */
} tli_kinds64;

/* The bits set in x. Without POPCNT (not part of baseline x86-64),
 * __builtin_popcountll is a call to libgcc's __popcountdi2, which took 1%
 * of the bench's time (perf): this is a few instructions inline. */
static inline unsigned tli_popcount64(uint64_t x)
{
#ifdef __POPCNT__
	return (unsigned)__builtin_popcountll(x);
#else
	x -= (x >> 1) & 0x5555555555555555u;
	x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
	return (unsigned)((x * 0x0101010101010101u) >> 56);
#endif
}

/* 0xFF in each byte of b within [lo, hi], unsigned: moved so that lo is
 * -128, the range is one signed comparison */
static inline __m128i tli_in_range16(__m128i b, int lo, int hi)
{
	return _mm_cmplt_epi8(_mm_add_epi8(b, _mm_set1_epi8((char)(0x80 - lo))),
			      _mm_set1_epi8((char)(-128 + hi - lo + 1)));
}

static inline uint64_t tli_mask16(__m128i m, int at)
{
	return (uint64_t)(unsigned)_mm_movemask_epi8(m) << at;
}

/* The kinds of p[0..64): all 64 bytes are read. */
static inline void tli_kinds_of64(const unsigned char *p, tli_kinds64 *k)
{
	tli_kinds64 r = {0, 0, 0, 0, 0, 0, 0};
	uint64_t high = 0;
	for (int at = 0; at < 64; at += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(p + at));
		__m128i lower = _mm_or_si128(b, _mm_set1_epi8(0x20));
		__m128i alnum = _mm_or_si128(tli_in_range16(lower, 'a', 'z'),
					     tli_in_range16(b, '0', '9'));
		__m128i under = _mm_cmpeq_epi8(b, _mm_set1_epi8('_'));
		__m128i join = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('\'')),
				     _mm_cmpeq_epi8(b, _mm_set1_epi8('-'))),
			under);
		__m128i space =
			_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')),
				     tli_in_range16(b, '\t', '\r'));
		/* the top bit of a byte is set for every non-ASCII byte */
		high |= tli_mask16(b, at);
		r.alnum |= tli_mask16(alnum, at);
		r.word |= tli_mask16(_mm_or_si128(alnum, under), at);
		r.join |= tli_mask16(join, at);
		r.space |= tli_mask16(space, at);
		r.newline |=
			tli_mask16(_mm_cmpeq_epi8(b, _mm_set1_epi8('\n')), at);
	}
	r.alnum |= high;
	r.word |= high;
	r.high = high;
	/* lead bytes are not ASCII: most blocks of most texts have none */
	for (int at = 0; high && at < 64; at += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(p + at));
		r.lead |= tli_mask16(
			_mm_or_si128(
				_mm_cmpeq_epi8(b, _mm_set1_epi8((char)0xC2)),
				tli_in_range16(b, 0xE1, 0xE3)),
			at);
	}
	*k = r;
}

/* The bytes of p[0..64) equal to c, as a mask: for the passes that look
 * for one byte only (line ends), which need none of the kinds. */
static inline uint64_t tli_bytes_of64(const unsigned char *p, char c)
{
	__m128i want = _mm_set1_epi8(c);
	uint64_t m = 0;
	for (int at = 0; at < 64; at += 16)
		m |= tli_mask16(
			_mm_cmpeq_epi8(
				_mm_loadu_si128((const __m128i *)(p + at)),
				want),
			at);
	return m;
}
#endif

#endif
