/* strbuf.h: a growable byte buffer, always NUL-terminated. */
#ifndef TL_STRBUF_H
#define TL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct tli_buf {
	char *data; /* NULL until the first append */
	size_t len, cap;
	int oom; /* sticky: an append ran out of memory */
} tli_buf;

#define TLI_BUF_INIT          \
	{                     \
		NULL, 0, 0, 0 \
	}

/* Appends; on failure sets b->oom and returns -1, else 0. */
int tli_buf_append(tli_buf *b, const char *s, size_t n);
int tli_buf_puts(tli_buf *b, const char *s);
int tli_buf_putc(tli_buf *b, char c);
int tli_buf_printf(tli_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int tli_buf_vprintf(tli_buf *b, const char *fmt, va_list ap);
/* Hands the string to the caller (who frees it); the buffer is reset.
 * Returns NULL if any append failed (and frees what there was). */
char *tli_buf_take(tli_buf *b);
void tli_buf_free(tli_buf *b);

/* Formats into buf[0..size) (cut to fit), when buf is not NULL and size
 * not 0: a one-line reason for a caller that may not want one. */
void tli_say(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* malloc'd copy of s[0..n), NUL-terminated; NULL on failure. */
char *tli_strndup(const char *s, size_t n);

#endif
