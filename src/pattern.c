#include "pattern.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

pcre2_code *tli_pattern_compile(const char *src, size_t len, int caseless,
				char *err, size_t err_size, size_t *erroffset,
				int *oom)
{
	int code = 0;
	PCRE2_SIZE off = 0;
	uint32_t flags = TLI_PCRE2_FLAGS | (caseless ? PCRE2_CASELESS : 0);
	*oom = 0;
	pcre2_code *re =
		pcre2_compile((PCRE2_SPTR)src, len, flags, &code, &off, NULL);
	if (!re) {
		if (code == PCRE2_ERROR_HEAPLIMIT ||
		    code == PCRE2_ERROR_NOMEMORY)
			*oom = 1;
		pcre2_get_error_message(code, (PCRE2_UCHAR *)err, err_size);
		*erroffset = off;
		return NULL;
	}
	/* JIT compilation is left to tli_pattern_jit, when a text is large
	 * enough to repay it: it costs more than the whole scan of a small
	 * file. */
	return re;
}

pcre2_code *tli_pattern_jit(const pcre2_code *re)
{
	pcre2_code *copy = pcre2_code_copy(re);
	if (!copy)
		return NULL;
	/* (*NO_JIT) in the pattern: "compiled", but into nothing, and
	 * pcre2_jit_match() would fail with a bad-option error */
	size_t size = 0;
	if (pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0 ||
	    pcre2_pattern_info(copy, PCRE2_INFO_JITSIZE, &size) != 0 ||
	    size == 0) {
		pcre2_code_free(copy);
		return NULL;
	}
	return copy;
}

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int is_space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Appends one phrase as a regex: literal characters, flexible spaces. */
static void append_phrase(tli_buf *b, const char *p)
{
	size_t n = strlen(p), i = 0, end = n;
	while (i < n && is_space_byte((unsigned char)p[i]))
		i++;
	while (end > i && is_space_byte((unsigned char)p[end - 1]))
		end--;
	if (i < end && is_word_byte((unsigned char)p[i]))
		tli_buf_puts(b, "(?<!\\w)");
	for (size_t k = i; k < end; k++) {
		unsigned char c = (unsigned char)p[k];
		if (is_space_byte(c)) {
			while (k + 1 < end &&
			       is_space_byte((unsigned char)p[k + 1]))
				k++;
			/* Any spaces or tabs, at most one line break: a wrapped
			 * line joins, a blank line (a new paragraph) does not.
			 */
			tli_buf_puts(b, "(?:\\h+(?:\\R\\h*)?|\\R\\h*)");
		} else if (c == '\'') {
			tli_buf_puts(b, "['\xE2\x80\x99]");
		} else if (strchr("\\^$.|?*+()[]{}#-/", c)) {
			tli_buf_putc(b, '\\');
			tli_buf_putc(b, (char)c);
		} else {
			tli_buf_putc(b, (char)c);
		}
	}
	if (i < end && is_word_byte((unsigned char)p[end - 1]))
		tli_buf_puts(b, "(?!\\w)");
}

typedef struct order {
	size_t index, len;
} order;

static int by_length_desc(const void *a, const void *b)
{
	const order *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? 1 : -1;
	return x->index < y->index ? -1 : x->index > y->index;
}

char *tli_phrases_regex(const char *const *phrases, size_t n, int marks)
{
	order *ord = malloc((n ? n : 1) * sizeof *ord);
	if (!ord)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		ord[i].index = i;
		ord[i].len = strlen(phrases[i]);
	}
	qsort(ord, n, sizeof *ord, by_length_desc);
	tli_buf b = TLI_BUF_INIT;
	tli_buf_puts(&b, "(?:");
	for (size_t i = 0; i < n; i++) {
		if (i)
			tli_buf_putc(&b, '|');
		if (marks)
			tli_buf_printf(&b, "(*MARK:%zu)", ord[i].index);
		append_phrase(&b, phrases[ord[i].index]);
	}
	tli_buf_putc(&b, ')');
	free(ord);
	return tli_buf_take(&b);
}
