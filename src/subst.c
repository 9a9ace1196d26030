#include "subst.h"

#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static void append_folded(tli_buf *b, const char *s, size_t n)
{
	int in_space = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_space(s[i])) {
			in_space = 1;
			continue;
		}
		if (in_space) {
			tli_buf_putc(b, ' ');
			in_space = 0;
		}
		tli_buf_putc(b, s[i]);
	}
}

static void put_subject(tli_buf *b, size_t start, size_t end, void *payload)
{
	append_folded(b, (const char *)payload + start, end - start);
}

void tli_expand(tli_buf *b, const char *tmpl, const char *subject,
		const PCRE2_SIZE *ov, uint32_t pairs)
{
	tli_expand_with(b, tmpl, ov, pairs, put_subject, (void *)subject);
}

void tli_fold_append(tli_buf *b, const char *s, size_t n)
{
	append_folded(b, s, n);
}

void tli_expand_with(tli_buf *b, const char *tmpl, const PCRE2_SIZE *ov,
		     uint32_t pairs, tli_group_fn put, void *payload)
{
	for (const char *p = tmpl; *p; p++) {
		if (*p != '$') {
			/* the text up to the next $, at once */
			size_t n = strcspn(p, "$");
			tli_buf_append(b, p, n);
			p += n - 1;
			continue;
		}
		if (p[1] == '$') {
			tli_buf_putc(b, '$');
			p++;
			continue;
		}
		const char *q = p + 1;
		int braced = *q == '{';
		if (braced)
			q++;
		if (!(*q >= '0' && *q <= '9')) {
			tli_buf_putc(b, '$');
			continue;
		}
		unsigned n = (unsigned)(*q++ - '0');
		if (*q >= '0' && *q <= '9')
			n = n * 10 + (unsigned)(*q++ - '0');
		if (braced) {
			if (*q != '}') {
				tli_buf_putc(b, '$');
				continue;
			}
			q++;
		}
		if (n < pairs && ov[2 * n] != PCRE2_UNSET &&
		    ov[2 * n + 1] >= ov[2 * n])
			put(b, ov[2 * n], ov[2 * n + 1], payload);
		p = q - 1;
	}
}

void tli_adapt_case(tli_buf *b, const char *rewrite, const char *match,
		    size_t len)
{
	int upper = 0, lower = 0, first_upper = -1;
	for (size_t i = 0; i < len; i++) {
		char c = match[i];
		if (c >= 'A' && c <= 'Z') {
			upper++;
			if (first_upper < 0)
				first_upper = 1;
		} else if (c >= 'a' && c <= 'z') {
			lower++;
			if (first_upper < 0)
				first_upper = 0;
		}
	}
	size_t start = b->len;
	tli_buf_puts(b, rewrite);
	if (b->oom)
		return;
	char *out = b->data + start;
	if (upper >= 2 && lower == 0) {
		for (; *out; out++)
			if (*out >= 'a' && *out <= 'z')
				*out = (char)(*out - 'a' + 'A');
	} else if (first_upper == 1) {
		for (; *out; out++) {
			if (*out >= 'a' && *out <= 'z') {
				*out = (char)(*out - 'a' + 'A');
				break;
			}
			if (*out >= 'A' && *out <= 'Z')
				break;
		}
	}
}
