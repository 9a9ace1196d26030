#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(tli_buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	if (extra < b->cap - b->len)
		return 0;
	size_t need = b->len + extra + 1;
	if (need < extra) {
		b->oom = 1;
		return -1;
	}
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > (size_t)-1 / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int tli_buf_append(tli_buf *b, const char *s, size_t n)
{
	if (grow(b, n))
		return -1;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int tli_buf_puts(tli_buf *b, const char *s)
{
	return tli_buf_append(b, s, strlen(s));
}

int tli_buf_putc(tli_buf *b, char c)
{
	/* room for c and the NUL: the usual case, without a call */
	if (b->oom || (b->cap - b->len < 2 && grow(b, 1)))
		return -1;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return 0;
}

int tli_buf_vprintf(tli_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || grow(b, (size_t)n)) {
		b->oom = 1;
		return -1;
	}
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int tli_buf_printf(tli_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = tli_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *tli_buf_take(tli_buf *b)
{
	char *s = b->data;
	if (b->oom) {
		free(s);
		s = NULL;
	} else if (!s) {
		s = calloc(1, 1);
	}
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
	return s;
}

void tli_buf_free(tli_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

char *tli_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void tli_say(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (buf && size)
		vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}
