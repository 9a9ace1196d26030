/*
 * template.c: the template layer. Jinja2, Django, Twig, Nunjucks, Liquid,
 * Handlebars, Mustache, Go templates, ERB/EJS, Blade, ${...} expressions,
 * and the placeholders of translation catalogues (%s, %1$s, %(name)s,
 * %{count}, {0}, {name}, __NAME__, %name%, :name, [name]).
 *
 * Hand-written on purpose: no parser library for these syntaxes reports
 * source positions, and the point of this layer is to run before any HTML
 * parser, because template tags sit inside HTML tags and attribute values
 * (<td {% if odd %}class="odd"{% endif %}>) where an HTML parser would
 * mangle them. It only needs to find where each tag starts and ends; what
 * the code inside means does not matter.
 */
#include <string.h>

#include "readers.h"
#include "suppress.h"

typedef enum kind { K_PRINT, K_CONTROL, K_ELSE, K_COMMENT } kind;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_ident(char c)
{
	return c == '_' || (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int is_alpha(char c)
{
	return c == '_' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Position of `close` in s[from, end), or end when missing. */
static size_t find(const char *s, size_t from, size_t end, const char *close)
{
	size_t n = strlen(close);
	for (size_t i = from; i + n <= end; i++)
		if (s[i] == close[0] && memcmp(s + i, close, n) == 0)
			return i;
	return end;
}

static int starts(const char *s, size_t i, size_t end, const char *w)
{
	size_t n = strlen(w);
	return i + n <= end && memcmp(s + i, w, n) == 0;
}

/* Does the tag body s[a, b) start with keyword w (then a non-identifier)? */
static int keyword(const char *s, size_t a, size_t b, const char *w)
{
	size_t n = strlen(w);
	return a + n <= b && memcmp(s + a, w, n) == 0 &&
	       (a + n == b || !is_ident(s[a + n]));
}

/* Skips white space and whitespace-control marks (-, ~, +) of a body. */
static size_t body_start(const char *s, size_t a, size_t b)
{
	while (a < b &&
	       (is_space(s[a]) || s[a] == '-' || s[a] == '~' || s[a] == '+'))
		a++;
	return a;
}

static int is_else(const char *s, size_t a, size_t b)
{
	return keyword(s, a, b, "else") || keyword(s, a, b, "elif") ||
	       keyword(s, a, b, "elsif") || keyword(s, a, b, "elseif") ||
	       keyword(s, a, b, "when") || keyword(s, a, b, "empty");
}

/* Is s[a, b), after a '$', a Go variable being set ("$x := .Y", "$x =
 * 1", "$i, $v := range"), which prints nothing? "{{ $name }}" prints:
 * Blade, Twig with PHP variables, and Go itself. */
static int assigns(const char *s, size_t a, size_t b)
{
	while (a < b && is_ident(s[a]))
		a++;
	while (a < b && is_space(s[a]))
		a++;
	if (a + 1 < b && s[a] == ':' && s[a + 1] == '=')
		return 1;
	if (a < b && s[a] == ',')
		return 1;
	return a < b && s[a] == '=' && (a + 1 == b || s[a + 1] != '=');
}

/* What a {{ ... }} tag does: Handlebars/Mustache sections and comments, Go
 * actions, or (Jinja, Twig, Liquid, Go fields) a value. */
static kind curly_kind(const char *s, size_t a, size_t b)
{
	a = body_start(s, a, b);
	if (a >= b)
		return K_CONTROL;
	char c = s[a];
	if (c == '!' || starts(s, a, b, "/*"))
		return K_COMMENT;
	if (c == '#' || c == '/' || c == '^' || c == '>' || c == '<' ||
	    c == '*')
		return K_CONTROL;
	if (c == '$' && assigns(s, a + 1, b))
		return K_CONTROL;
	if (is_else(s, a, b))
		return K_ELSE;
	static const char *const go[] = {"if",	   "end",   "range",	"with",
					 "define", "block", "template", NULL};
	for (size_t i = 0; go[i]; i++)
		if (keyword(s, a, b, go[i]))
			return K_CONTROL;
	return K_PRINT;
}

typedef struct strip_state {
	tli_tb *tb;
	tl_document *doc;
	int html_layer;
	int entities; /* decode character references in the prose */
	size_t run;   /* start of the prose not yet appended */
} strip_state;

static void flush(strip_state *st, size_t to)
{
	if (to <= st->run)
		return;
	if (st->entities)
		tli_tb_entities(st->tb, st->run, to - st->run);
	else
		tli_tb_verbatim(st->tb, st->run, to - st->run);
}

/* Emits what a tag [a, b) of kind k becomes, and moves past it. */
static void emit(strip_state *st, kind k, size_t a, size_t b)
{
	flush(st, a);
	switch (k) {
	case K_PRINT:
		tli_tb_placeholder(st->tb, a, b - a);
		break;
	case K_ELSE:
		/* An HTML parser must see plain white space. */
		if (st->html_layer)
			tli_tb_space(st->tb);
		else
			tli_tb_break(st->tb);
		break;
	case K_COMMENT:
		if (st->doc)
			tli_doc_directive(st->doc, st->tb->in->data + a, b - a,
					  tli_src_to_source(st->tb->in, a, 0),
					  tli_src_to_source(st->tb->in, b, 1),
					  TLI_DIR_LINE);
		tli_tb_space(st->tb);
		break;
	case K_CONTROL:
		tli_tb_space(st->tb);
		break;
	}
	st->run = b;
}

/* A tag opened at i with `open`, closed by `close`: returns the offset after
 * the closer, or 0 when it is not closed (then warns). Another `open` before
 * the closer also means this one is unclosed. */
static size_t closing(strip_state *st, size_t i, size_t end, const char *open,
		      const char *close)
{
	const char *s = st->tb->in->data;
	size_t from = i + strlen(open);
	size_t c = find(s, from, end, close);
	size_t again = find(s, from, c, open);
	if (c < end && again == c)
		return c + strlen(close);
	if (st->doc)
		tli_doc_warn(st->doc, tli_src_to_source(st->tb->in, i, 0),
			     "unclosed template tag '%s' (kept as text)", open);
	return 0;
}

/* ${ ... } with nested braces; 0 when unbalanced. */
static size_t dollar_end(const char *s, size_t i, size_t end)
{
	int depth = 0;
	for (size_t j = i + 1; j < end && j < i + 1000; j++) {
		if (s[j] == '{')
			depth++;
		else if (s[j] == '}' && --depth == 0)
			return j + 1;
		else if (s[j] == '\n' && depth <= 1 && j > i + 200)
			break;
	}
	return 0;
}

/* The length of a catalogue placeholder at s[i] (0 if none). */
static size_t field_len(const char *s, size_t i, size_t end, size_t start)
{
	char c = s[i];
	size_t j;
	if (c == '%') {
		if (i + 1 >= end)
			return 0;
		if (s[i + 1] == '(') { /* %(name)s */
			for (j = i + 2; j < end && is_ident(s[j]); j++)
				;
			if (j < end && s[j] == ')' && j + 1 < end &&
			    is_alpha(s[j + 1]))
				return j + 2 - i;
			return 0;
		}
		if (s[i + 1] == '{') { /* %{count} */
			for (j = i + 2; j < end && is_ident(s[j]); j++)
				;
			return j < end && s[j] == '}' && j > i + 2 ? j + 1 - i
								   : 0;
		}
		/* printf: %s %d %1$s %-5.2f %@ (no space flag: "100% sure") */
		j = i + 1;
		while (j < end && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j > i + 1 && j < end && s[j] == '$')
			j++;
		else
			j = i + 1;
		while (j < end && (s[j] == '-' || s[j] == '+' || s[j] == '#' ||
				   s[j] == '0'))
			j++;
		while (j < end && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
			j++;
		while (j < end && strchr("hlLqjzt", s[j]) && s[j])
			j++;
		if (j < end && s[j] && strchr("sdifuxXoeEgGcp@", s[j]) &&
		    (j + 1 >= end || !is_alpha(s[j + 1]) || j == i + 1))
			return j + 1 - i;
		/* %name% */
		for (j = i + 1; j < end && is_ident(s[j]); j++)
			;
		if (j > i + 1 && j < end && s[j] == '%' && is_alpha(s[i + 1]))
			return j + 1 - i;
		return 0;
	}
	if (c == '{') { /* {0} {name} {count, plural, ...} */
		if (i + 1 < end && s[i + 1] == '{') {
			size_t k = find(s, i + 2, end, "}}");
			return k < end && k < i + 200 ? k + 2 - i : 0;
		}
		int depth = 0;
		for (j = i; j < end && j < i + 500; j++) {
			if (s[j] == '{')
				depth++;
			else if (s[j] == '}' && --depth == 0)
				break;
		}
		if (j >= end || j >= i + 500 || j == i + 1)
			return 0;
		/* a bare {word} or an ICU argument {name, ...} */
		for (size_t k = i + 1; k < j; k++)
			if (!is_ident(s[k]) && s[k] != '.')
				return s[k] == ',' && k > i + 1 ? j + 1 - i : 0;
		return j + 1 - i;
	}
	if (c == '_' && i + 1 < end && s[i + 1] == '_' &&
	    (i == start || !is_ident(s[i - 1]))) { /* __NAME__ */
		for (j = i + 2; j < end && is_ident(s[j]) && s[j] != '_'; j++)
			;
		while (j < end && is_ident(s[j]) &&
		       !(s[j] == '_' && j + 1 < end && s[j + 1] == '_'))
			j++;
		if (j > i + 2 && j + 1 < end && s[j] == '_' && s[j + 1] == '_')
			return j + 2 - i;
		return 0;
	}
	if (c == ':' && (i == start || is_space(s[i - 1]) || s[i - 1] == '(') &&
	    i + 1 < end && is_alpha(s[i + 1])) { /* Laravel :name */
		for (j = i + 1; j < end && is_ident(s[j]); j++)
			;
		return j - i;
	}
	if (c == '[' && i + 1 < end && is_alpha(s[i + 1])) { /* [name] */
		for (j = i + 1;
		     j < end && (is_ident(s[j]) || s[j] == '.' || s[j] == '-');
		     j++)
			;
		if (j < end && s[j] == ']' && (j + 1 >= end || s[j + 1] != '('))
			return j + 1 - i;
	}
	return 0;
}

/* The tag at s[i], if any: sets *k and returns its end; 0 if none. */
static size_t tag_at(strip_state *st, size_t i, size_t end, size_t start,
		     unsigned flags, kind *k)
{
	const char *s = st->tb->in->data;
	char c = s[i];
	size_t e;
	if ((flags & TLI_TMPL_CURLY) && c == '{' && i + 1 < end) {
		char d = s[i + 1];
		if (d == '{') {
			if (starts(s, i, end, "{{!--") ||
			    starts(s, i, end, "{{--")) {
				*k = K_COMMENT;
				return closing(st, i, end,
					       s[i + 2] == '!' ? "{{!--"
							       : "{{--",
					       "--}}");
			}
			if (starts(s, i, end, "{{{")) {
				*k = K_PRINT;
				return closing(st, i, end, "{{{", "}}}");
			}
			e = closing(st, i, end, "{{", "}}");
			if (e)
				*k = curly_kind(s, i + 2, e - 2);
			return e;
		}
		if (d == '%') {
			e = closing(st, i, end, "{%", "%}");
			if (!e)
				return 0;
			size_t a = body_start(s, i + 2, e - 2);
			*k = is_else(s, a, e - 2) ? K_ELSE : K_CONTROL;
			if (keyword(s, a, e - 2, "comment") ||
			    keyword(s, a, e - 2, "raw")) {
				/* a block comment (or verbatim block) runs to
				 * its end tag */
				const char *w =
					s[a] == 'c' ? "endcomment" : "endraw";
				size_t f = find(s, e, end, w);
				if (s[a] == 'c' && f < end) {
					size_t g = find(s, f, end, "%}");
					*k = K_COMMENT;
					return g < end ? g + 2 : end;
				}
			}
			return e;
		}
		if (d == '#') {
			*k = K_COMMENT;
			return closing(st, i, end, "{#", "#}");
		}
		if (d == '!' && starts(s, i, end, "{!!")) {
			*k = K_PRINT;
			return closing(st, i, end, "{!!", "!!}");
		}
	}
	if ((flags & TLI_TMPL_CURLY) && (c == '$' || c == '#') && i + 1 < end &&
	    s[i + 1] == '{' && !(i + 2 < end && s[i + 2] == '{')) {
		/* ${expr} (Odoo, JS template literals, FreeMarker) and
		 * QWeb's #{expr} */
		e = dollar_end(s, i, end);
		*k = K_PRINT;
		return e;
	}
	if ((flags & TLI_TMPL_CURLY) && c == '%' && i + 1 < end &&
	    s[i + 1] == '(') {
		e = field_len(s, i, end, start);
		*k = K_PRINT;
		return e ? i + e : 0;
	}
	if ((flags & TLI_TMPL_ERB) && c == '<' && i + 1 < end &&
	    s[i + 1] == '%') {
		if (starts(s, i, end, "<%%"))
			return 0;
		e = closing(st, i, end, "<%", "%>");
		if (!e)
			return 0;
		char m = i + 2 < end ? s[i + 2] : 0;
		if (m == '#')
			*k = K_COMMENT;
		else if (m == '=' || m == '-')
			*k = K_PRINT;
		else
			*k = is_else(s, body_start(s, i + 2, e - 2), e - 2)
				     ? K_ELSE
				     : K_CONTROL;
		return e;
	}
	if ((flags & TLI_TMPL_BLADE) && starts(s, i, end, "@{{")) {
		/* Blade writes "@{{ x }}" out as "{{ x }}" for a JavaScript
		 * framework to fill in: one placeholder, '@' and all. */
		e = closing(st, i + 1, end, "{{", "}}");
		*k = K_PRINT;
		return e;
	}
	if ((flags & TLI_TMPL_BLADE) && c == '@' && i + 1 < end &&
	    is_alpha(s[i + 1]) && (i == start || !is_ident(s[i - 1]))) {
		size_t j = i + 1;
		while (j < end && is_ident(s[j]))
			j++;
		/* An address ("@example.com") is not a directive. */
		if (j < end && s[j] == '.')
			return 0;
		size_t name = i + 1;
		if (j < end && s[j] == '(') {
			int depth = 0;
			size_t p = j;
			for (; p < end; p++) {
				if (s[p] == '(')
					depth++;
				else if (s[p] == ')' && --depth == 0)
					break;
			}
			if (p < end)
				j = p + 1;
		}
		if (keyword(s, name, j, "lang") ||
		    keyword(s, name, j, "choice"))
			*k = K_PRINT;
		else
			*k = is_else(s, name, j) ? K_ELSE : K_CONTROL;
		return j;
	}
	if (flags & TLI_TMPL_FIELDS) {
		e = field_len(s, i, end, start);
		*k = K_PRINT;
		return e ? i + e : 0;
	}
	return 0;
}

static void strip(tli_tb *tb, tl_document *doc, size_t off, size_t end,
		  unsigned flags, int html_layer, int entities)
{
	strip_state st = {tb, doc, html_layer, entities, off};
	const char *s = tb->in->data;
	for (size_t i = off; i < end; i++) {
		char c = s[i];
		if (c != '{' && c != '$' && c != '#' && c != '<' && c != '@' &&
		    c != '%' && c != ':' && c != '[' && c != '_')
			continue;
		kind k = K_PRINT;
		size_t e = tag_at(&st, i, end, off, flags, &k);
		if (e == 0)
			continue;
		emit(&st, k, i, e);
		i = e - 1;
	}
	flush(&st, end);
}

void tli_template_strip(tli_tb *tb, tl_document *doc, unsigned flags,
			int html_layer)
{
	strip(tb, doc, 0, tb->in->len, flags, html_layer, 0);
}

void tli_template_text(tli_tb *tb, tl_document *doc, size_t off, size_t len,
		       unsigned flags)
{
	strip(tb, doc, off, off + len, flags, 0, 1);
}

void tli_tb_fields(tli_tb *tb, size_t off, size_t len)
{
	/* Catalogue strings are short and already split: an unclosed {{ is
	 * just text, so no document is needed for warnings. */
	strip(tb, NULL, off, off + len, TLI_TMPL_FIELDS | TLI_TMPL_CURLY, 0, 0);
}
