/*
 * jsonl.c: the records of tonelint stream --input jsonl. Strict JSON (RFC
 * 8259) for one object a line; only "id" and "text" are kept, so a record
 * may carry any other members a pipeline needs.
 */
#include "jsonl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
	const char *s;
	size_t n, i;
	const char *why;
} parser;

/* Deeper than this, a skipped value is refused rather than recursed into. */
#define MAX_DEPTH 64

static int fail(parser *p, const char *why)
{
	p->why = why;
	return -1;
}

static void skip_ws(parser *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
			       p->s[p->i] == '\r' || p->s[p->i] == '\n'))
		p->i++;
}

static int hex4(parser *p, uint32_t *out)
{
	uint32_t v = 0;
	if (p->n - p->i < 4)
		return fail(p, "incomplete \\u escape");
	for (int k = 0; k < 4; k++) {
		char c = p->s[p->i + (size_t)k];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return fail(p, "invalid \\u escape");
	}
	p->i += 4;
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * The string at p->i (its opening quote). With `out`, the decoded bytes go
 * to a new buffer: a JSON escape never decodes to more bytes than it takes,
 * so the rest of the line bounds it. Without, the string is only checked.
 */
static int string(parser *p, char **out, size_t *len)
{
	char *o = NULL;
	size_t k = 0;
	p->i++;
	if (out && !(o = malloc(p->n - p->i + 1)))
		return fail(p, "out of memory");
	for (;;) {
		if (p->i >= p->n) {
			free(o);
			return fail(p, "unterminated string");
		}
		unsigned char c = (unsigned char)p->s[p->i];
		if (c == '"') {
			p->i++;
			break;
		}
		if (c < 0x20) {
			free(o);
			return fail(p, "control character in a string");
		}
		if (c != '\\') {
			if (o)
				o[k++] = (char)c;
			p->i++;
			continue;
		}
		if (++p->i >= p->n) {
			free(o);
			return fail(p, "unterminated string");
		}
		char e = p->s[p->i++];
		uint32_t cp;
		switch (e) {
		case '"':
		case '\\':
		case '/':
			cp = (uint32_t)e;
			break;
		case 'b':
			cp = '\b';
			break;
		case 'f':
			cp = '\f';
			break;
		case 'n':
			cp = '\n';
			break;
		case 'r':
			cp = '\r';
			break;
		case 't':
			cp = '\t';
			break;
		case 'u':
			if (hex4(p, &cp)) {
				free(o);
				return -1;
			}
			/* A high surrogate joins the low one that follows; a
			 * lone half is not a character. */
			if (cp >= 0xD800 && cp <= 0xDBFF && p->n - p->i >= 6 &&
			    p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
				size_t at = p->i;
				uint32_t lo;
				p->i += 2;
				if (hex4(p, &lo)) {
					free(o);
					return -1;
				}
				if (lo >= 0xDC00 && lo <= 0xDFFF)
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					     (lo - 0xDC00);
				else
					p->i = at;
			}
			if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = 0xFFFD;
			break;
		default:
			free(o);
			p->i--;
			return fail(p, "invalid escape in a string");
		}
		if (o)
			k += put_utf8(o + k, cp);
	}
	if (o) {
		o[k] = '\0';
		*out = o;
		*len = k;
	}
	return 0;
}

static int digits(parser *p)
{
	size_t at = p->i;
	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > at ? 0 : fail(p, "invalid number");
}

static int number(parser *p)
{
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (digits(p))
		return -1;
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (digits(p))
			return -1;
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (digits(p))
			return -1;
	}
	return 0;
}

static int word(parser *p, const char *w)
{
	size_t len = strlen(w);
	if (p->n - p->i < len || memcmp(p->s + p->i, w, len) != 0)
		return fail(p, "invalid value");
	p->i += len;
	return 0;
}

static int value(parser *p, int depth);

/* An object or array at p->i, skipped. */
static int container(parser *p, int depth)
{
	char close = p->s[p->i] == '{' ? '}' : ']';
	if (depth >= MAX_DEPTH)
		return fail(p, "values nested too deeply");
	p->i++;
	skip_ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		return 0;
	}
	for (;;) {
		skip_ws(p);
		if (close == '}') {
			if (p->i >= p->n || p->s[p->i] != '"')
				return fail(p, "expected a member name");
			if (string(p, NULL, NULL))
				return -1;
			skip_ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return fail(p, "expected ':'");
			p->i++;
			skip_ws(p);
		}
		if (value(p, depth + 1))
			return -1;
		skip_ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			return 0;
		}
		return fail(p, close == '}' ? "expected ',' or '}'"
					    : "expected ',' or ']'");
	}
}

static int value(parser *p, int depth)
{
	if (p->i >= p->n)
		return fail(p, "expected a value");
	switch (p->s[p->i]) {
	case '"':
		return string(p, NULL, NULL);
	case '{':
	case '[':
		return container(p, depth);
	case 't':
		return word(p, "true");
	case 'f':
		return word(p, "false");
	case 'n':
		return word(p, "null");
	default:
		if (p->s[p->i] != '-' && (p->s[p->i] < '0' || p->s[p->i] > '9'))
			return fail(p, "invalid value");
		return number(p);
	}
}

void cli_record_clear(cli_record *r)
{
	free(r->id);
	free(r->text);
	memset(r, 0, sizeof *r);
}

static int member(parser *p, cli_record *r, int *has_id, int *has_text)
{
	char *key;
	size_t klen;
	if (p->i >= p->n || p->s[p->i] != '"')
		return fail(p, "expected a member name");
	if (string(p, &key, &klen))
		return -1;
	int is_id = klen == 2 && memcmp(key, "id", 2) == 0;
	int is_text = klen == 4 && memcmp(key, "text", 4) == 0;
	free(key);
	skip_ws(p);
	if (p->i >= p->n || p->s[p->i] != ':')
		return fail(p, "expected ':'");
	p->i++;
	skip_ws(p);
	if (!is_id && !is_text)
		return value(p, 1);
	size_t at = p->i;
	if (is_text) {
		if (at >= p->n || p->s[at] != '"')
			return fail(p, "\"text\" is not a string");
		free(r->text);
		r->text = NULL;
		*has_text = 1;
		return string(p, &r->text, &r->text_len);
	}
	free(r->id);
	r->id = NULL;
	*has_id = 1;
	if (at < p->n && p->s[at] == '"') {
		r->id_is_number = 0;
		return string(p, &r->id, &r->id_len);
	}
	if (at < p->n &&
	    (p->s[at] == '-' || (p->s[at] >= '0' && p->s[at] <= '9'))) {
		if (number(p))
			return -1;
		r->id_is_number = 1;
		r->id_len = p->i - at;
		if (!(r->id = strndup(p->s + at, r->id_len)))
			return fail(p, "out of memory");
		return 0;
	}
	return fail(p, "\"id\" is not a string or a number");
}

int cli_record_parse(cli_record *out, const char *s, size_t n, const char **why,
		     size_t *column)
{
	parser p = {s, n, 0, NULL};
	int has_id = 0, has_text = 0;
	memset(out, 0, sizeof *out);
	skip_ws(&p);
	if (p.i >= n || s[p.i] != '{') {
		fail(&p, "not a JSON object");
		goto bad;
	}
	p.i++;
	skip_ws(&p);
	if (p.i < n && s[p.i] == '}') {
		p.i++;
	} else {
		for (;;) {
			skip_ws(&p);
			if (member(&p, out, &has_id, &has_text))
				goto bad;
			skip_ws(&p);
			if (p.i < n && s[p.i] == ',') {
				p.i++;
				continue;
			}
			if (p.i < n && s[p.i] == '}') {
				p.i++;
				break;
			}
			fail(&p, "expected ',' or '}'");
			goto bad;
		}
	}
	skip_ws(&p);
	if (p.i < n) {
		fail(&p, "text after the object");
		goto bad;
	}
	if (!has_id || !has_text) {
		p.i = 0;
		fail(&p, !has_id ? "the record has no \"id\""
				 : "the record has no \"text\"");
		goto bad;
	}
	return 0;
bad:
	*why = p.why;
	*column = p.i + 1;
	cli_record_clear(out);
	return -1;
}
