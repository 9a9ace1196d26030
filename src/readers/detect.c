/*
 * detect.c: which format a document is in. The name's extension decides
 * when it is known; template extensions (.j2, .hbs, ...) are peeled off to
 * find the layer beneath (.html.j2 is HTML, .txt.j2 text); a missing or
 * ambiguous extension leaves it to the first few kilobytes of content.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "readers.h"

#define SNIFF_BYTES 4096

static const struct {
	const char *ext;
	tl_format format;
} plain_exts[] = {
	{"txt", TL_FORMAT_TEXT},
	{"text", TL_FORMAT_TEXT},
	{"html", TL_FORMAT_HTML},
	{"htm", TL_FORMAT_HTML},
	{"xhtml", TL_FORMAT_HTML},
	{"md", TL_FORMAT_MARKDOWN},
	{"markdown", TL_FORMAT_MARKDOWN},
	{"mdown", TL_FORMAT_MARKDOWN},
	{"mkd", TL_FORMAT_MARKDOWN},
	{"eml", TL_FORMAT_EML},
	{"mbox", TL_FORMAT_MBOX},
	{"mbx", TL_FORMAT_MBOX},
	{"po", TL_FORMAT_PO},
	{"pot", TL_FORMAT_PO},
	{"properties", TL_FORMAT_PROPERTIES},
	{"ini", TL_FORMAT_PROPERTIES},
	{"strings", TL_FORMAT_PROPERTIES},
	{"json", TL_FORMAT_JSON},
	{"yml", TL_FORMAT_YAML},
	{"yaml", TL_FORMAT_YAML},
	{"xlf", TL_FORMAT_XLIFF},
	{"xliff", TL_FORMAT_XLIFF},
	{"xml", TL_FORMAT_XML},
};

/* Template extensions and the syntaxes each brings. */
static const struct {
	const char *ext;
	unsigned tmpl;
} tmpl_exts[] = {
	{"j2", TLI_TMPL_CURLY},
	{"jinja", TLI_TMPL_CURLY},
	{"jinja2", TLI_TMPL_CURLY},
	{"twig", TLI_TMPL_CURLY},
	{"njk", TLI_TMPL_CURLY},
	{"hbs", TLI_TMPL_CURLY},
	{"handlebars", TLI_TMPL_CURLY},
	{"mustache", TLI_TMPL_CURLY},
	{"liquid", TLI_TMPL_CURLY},
	{"erb", TLI_TMPL_ERB},
	{"ejs", TLI_TMPL_ERB},
	{"gotmpl", TLI_TMPL_CURLY},
	{"tmpl", TLI_TMPL_ALL | TLI_TMPL_FIELDS},
	{"tpl", TLI_TMPL_ALL | TLI_TMPL_FIELDS},
};

/* The extension of name[0..len) (after the last '.' of the last path
 * component), as a pointer and length; NULL when there is none. */
static const char *ext_of(const char *name, size_t len, size_t *n)
{
	for (size_t i = len; i > 0; i--) {
		char c = name[i - 1];
		if (c == '/')
			return NULL;
		if (c == '.') {
			if (i == 1 || name[i - 2] == '/')
				return NULL; /* a dot file, no extension */
			*n = len - i;
			return name + i;
		}
	}
	return NULL;
}

static int ext_is(const char *e, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(e, w, n) == 0;
}

/* The first place of w in s[0..n), ignoring ASCII case. Every word looked
 * for starts with a sign ('<', '{'), so memchr finds the places to compare
 * (a letter first is looked for in both cases). */
static const char *find_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (k == 0 || k > n)
		return k ? NULL : s;
	unsigned char c = (unsigned char)w[0];
	unsigned char lo = (unsigned char)tolower(c),
		      up = (unsigned char)toupper(c);
	const char *end = s + n - k + 1; /* a match starts before it */
	for (const char *p = s; p < end; p++) {
		if (lo == up) {
			p = memchr(p, c, (size_t)(end - p));
			if (!p)
				return NULL;
		} else if ((unsigned char)*p != lo && (unsigned char)*p != up) {
			continue;
		}
		if (strncasecmp(p + 1, w + 1, k - 1) == 0)
			return p;
	}
	return NULL;
}

static int line_starts_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	for (size_t i = 0; i + k <= n; i++)
		if ((i == 0 || s[i - 1] == '\n') && memcmp(s + i, w, k) == 0)
			return 1;
	return 0;
}

/* Header lines ("Name: value") from the start, up to a blank line. */
static int looks_like_headers(const char *s, size_t n)
{
	size_t i = 0, headers = 0, known = 0;
	while (i < n && s[i] != '\n' && s[i] != '\r') {
		size_t j = i;
		if (s[i] == ' ' || s[i] == '\t') { /* folded */
			if (headers == 0)
				return 0;
		} else {
			while (j < n && s[j] > ' ' && s[j] < 127 && s[j] != ':')
				j++;
			if (j == i || j >= n || s[j] != ':')
				return 0;
			headers++;
			static const char *const names[] = {
				"from:",	 "to:",
				"subject:",	 "date:",
				"message-id:",	 "mime-version:",
				"content-type:", "received:",
				"return-path:",	 "reply-to:",
				"delivered-to:", NULL};
			for (size_t k = 0; names[k]; k++)
				if (strncasecmp(s + i, names[k],
						strlen(names[k])) == 0)
					known++;
		}
		const char *nl = memchr(s + i, '\n', n - i);
		if (!nl)
			break;
		i = (size_t)(nl - s) + 1;
	}
	return headers >= 2 && known >= 2;
}

static int looks_like_html(const char *s, size_t n)
{
	static const char *const tags[] = {
		"<!doctype html", "<html",    "<body", "<p>",	 "<p ", "<div",
		"<table",	  "<br>",     "<br/>", "<br />", "<td", "<span",
		"<a href",	  "<strong>", "<h1",   NULL};
	for (size_t i = 0; tags[i]; i++)
		if (find_ci(s, n, tags[i]))
			return 1;
	return 0;
}

static tl_format sniff(const char *s, size_t n, unsigned *tmpl)
{
	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	size_t i = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte order mark */
	const char *b = s + i;
	size_t m = n - i;
	if (m >= 5 && memcmp(b, "From ", 5) == 0) {
		const char *nl = memchr(b, '\n', m);
		if (nl && looks_like_headers(nl + 1, m - (size_t)(nl + 1 - b)))
			return TL_FORMAT_MBOX;
	}
	if (looks_like_headers(b, m))
		return TL_FORMAT_EML;
	while (i < n &&
	       (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	b = s + i;
	m = n - i;
	if (m >= 5 && memcmp(b, "<?xml", 5) == 0)
		return find_ci(b, m, "<xliff") ? TL_FORMAT_XLIFF
					       : TL_FORMAT_XML;
	int curly = find_ci(s, n, "{{") || find_ci(s, n, "{%");
	if (looks_like_html(b, m)) {
		*tmpl |= TLI_TMPL_ALL;
		return TL_FORMAT_HTML;
	}
	if (line_starts_with(s, n, "msgid \"") &&
	    line_starts_with(s, n, "msgstr"))
		return TL_FORMAT_PO;
	if (m > 1 && (b[0] == '{' || b[0] == '[') && b[1] != '{' &&
	    b[1] != '%' && memchr(b, '"', m))
		return TL_FORMAT_JSON;
	if (find_ci(s, n, "<t t-") || find_ci(s, n, "<templates"))
		return TL_FORMAT_XML;
	if (curly || find_ci(s, n, "<%=")) {
		*tmpl |= TLI_TMPL_ALL;
		return TL_FORMAT_TEMPLATE;
	}
	if (line_starts_with(s, n, "# ") || line_starts_with(s, n, "## ") ||
	    line_starts_with(s, n, "```"))
		return TL_FORMAT_MARKDOWN;
	return TL_FORMAT_TEXT;
}

/* What the name says: the format of its extension, under any template
 * extensions (reminder.html.j2, layout.blade.php), which set *tmpl; XML
 * for .xml, which only the bytes tell from XLIFF; TL_FORMAT_AUTO when no
 * extension says (none, a template one alone, or an unknown one). */
static tl_format by_name(const char *name, unsigned *tmpl)
{
	*tmpl = 0;
	size_t nlen = name ? strlen(name) : 0;
	size_t en;
	const char *e = ext_of(name ? name : "", nlen, &en);
	if (nlen > 10 && strcasecmp(name + nlen - 10, ".blade.php") == 0) {
		*tmpl |= TLI_TMPL_CURLY | TLI_TMPL_BLADE;
		nlen -= 10;
		e = ext_of(name, nlen, &en);
	}
	while (e) {
		unsigned t = 0;
		for (size_t i = 0; i < sizeof tmpl_exts / sizeof tmpl_exts[0];
		     i++)
			if (ext_is(e, en, tmpl_exts[i].ext))
				t = tmpl_exts[i].tmpl;
		if (!t)
			break;
		*tmpl |= t;
		nlen = (size_t)(e - name) - 1;
		e = ext_of(name, nlen, &en);
	}
	for (size_t i = 0; e && i < sizeof plain_exts / sizeof plain_exts[0];
	     i++) {
		if (!ext_is(e, en, plain_exts[i].ext))
			continue;
		tl_format f = plain_exts[i].format;
		if (f == TL_FORMAT_TEXT && *tmpl)
			return TL_FORMAT_TEMPLATE;
		if (f == TL_FORMAT_HTML)
			*tmpl |= TLI_TMPL_ALL;
		return f;
	}
	return TL_FORMAT_AUTO;
}

tl_format tli_detect_format(const char *name, const char *data, size_t len,
			    unsigned *tmpl)
{
	tl_format f = by_name(name, tmpl);
	if (f == TL_FORMAT_XML) { /* QWeb or XLIFF? */
		unsigned ignored = 0;
		tl_format g = sniff(data, len, &ignored);
		return g == TL_FORMAT_XLIFF ? g : f;
	}
	if (f != TL_FORMAT_AUTO)
		return f;
	unsigned from_name = *tmpl;
	f = sniff(data, len, tmpl);
	if (from_name) {
		/* A template without an inner extension: HTML or text. */
		*tmpl = from_name;
		if (f == TL_FORMAT_HTML)
			return f;
		return TL_FORMAT_TEMPLATE;
	}
	return f;
}

tl_format tl_format_of_name(const char *name)
{
	unsigned tmpl;
	tl_format f = by_name(name, &tmpl);
	/* a template without an inner extension is HTML or a template:
	 * either way not plain text */
	return f == TL_FORMAT_AUTO && tmpl ? TL_FORMAT_TEMPLATE : f;
}
