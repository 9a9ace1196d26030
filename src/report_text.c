/* report_text.c: compiler-style output: position, severity, message, the
 * source line with the match underlined, and the suggestions. */
#include "report.h"
#include "textout.h"
#include "utf8.h"

#include <string.h>

/* An excerpt shows at most this many characters of a long line, starting
 * at most LEAD characters before the match. */
#define WIDTH 160
#define LEAD  60

static const char *color_of(tl_severity s)
{
	switch (s) {
	case TL_SEVERITY_ERROR:
		return "\033[1;31m";
	case TL_SEVERITY_WARNING:
		return "\033[1;35m";
	case TL_SEVERITY_SUGGESTION:
		return "\033[1;36m";
	}
	return "";
}

/* Moves back from byte `at` by up to n characters, not before `floor`.
 * Characters as tli_utf8_decode counts them, so that forward_chars walks
 * the same ones: a run of stray continuation bytes is one character per
 * byte, not one character in all (the window would end before the match). */
static size_t back_chars(const char *s, size_t floor, size_t at, size_t n)
{
	uint32_t cp;
	while (at > floor && n > 0) {
		size_t prev = at - 1;
		for (size_t k = 1; k <= 3 && at - floor >= k + 1; k++) {
			if (((unsigned char)s[at - k] & 0xC0) != 0x80)
				break;
			size_t lead = at - k - 1;
			if (tli_utf8_decode((const unsigned char *)s + lead,
					    at - lead, &cp) == at - lead) {
				prev = lead;
				break;
			}
		}
		at = prev;
		n--;
	}
	return at;
}

/* Moves forward from byte `at` by up to n characters, not past `ceil`. */
static size_t forward_chars(const char *s, size_t ceil, size_t at, size_t n)
{
	uint32_t cp;
	while (at < ceil && n > 0) {
		at += tli_utf8_decode((const unsigned char *)s + at, ceil - at,
				      &cp);
		n--;
	}
	return at;
}

/* The line of the NUL-terminated `s` that holds byte `at` (at most its
 * length): [*ls, *le), without its '\r'. Only that line is read, so a
 * large decoded part costs nothing per finding. */
static void line_around(const char *s, size_t at, size_t *ls, size_t *le)
{
	size_t a = at, b = at;
	while (a > 0 && s[a - 1] != '\n')
		a--;
	while (s[b] && s[b] != '\n')
		b++;
	if (b > a && s[b - 1] == '\r')
		b--;
	*ls = a;
	*le = b;
}

static void excerpt(tl_report *rep, const tl_document *d, const tl_finding *f)
{
	FILE *out = rep->out;
	const char *s = d->src;
	/* In a piece of a file (pieces.c) the finding says where in the file;
	 * the line index and source are the piece's. */
	size_t ls, le, off = f->offset - d->base_off, len = f->length;
	unsigned line = f->line - d->base_line;
	if (f->decoded) {
		/* The encoded line says nothing to a reader: show the decoded
		 * one the context names. */
		s = f->decoded;
		off = f->decoded_offset;
		len = f->decoded_length;
		line_around(s, off, &ls, &le);
	} else {
		ls = d->line_starts[line - 1];
		le = line < d->line_count ? d->line_starts[line] - 1
					  : d->src_len;
		if (le > ls && s[le - 1] == '\r')
			le--;
	}
	size_t ms = off < le ? off : le;
	size_t me = off + len < le ? off + len : le;
	size_t ws = back_chars(s, ls, ms, LEAD);
	size_t we = forward_chars(s, le, ws, WIDTH);
	if (me > we)
		me = we;
	if (me < ms) /* the window ends before the match: underline nothing */
		me = ms;
	fputs("  ", out);
	size_t lead = 0;
	if (ws > ls) {
		fputs("\xE2\x80\xA6", out);
		lead = 1;
	}
	tli_put_display(out, s + ws, we - ws);
	if (we < le)
		fputs("\xE2\x80\xA6", out);
	fputs("\n  ", out);
	lead += tli_utf8_count(s + ws, ms - ws);
	for (size_t i = 0; i < lead; i++)
		fputc(' ', out);
	size_t width = tli_utf8_count(s + ms, me - ms);
	if (rep->flags & TL_REPORT_COLOR)
		fputs("\033[1;32m", out);
	fputc('^', out);
	for (size_t i = 1; i < width; i++)
		fputc('~', out);
	if (rep->flags & TL_REPORT_COLOR)
		fputs("\033[0m", out);
	fputc('\n', out);
}

void tli_text_document(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	int color = (rep->flags & TL_REPORT_COLOR) != 0;
	const tl_document *d = tl_result_document(res);
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		if (color)
			fputs("\033[1m", out);
		tli_put_oneline(out, d->name, strlen(d->name));
		fprintf(out, ":%u:%u:", f->line, f->column);
		if (color)
			fprintf(out, "\033[0m %s%s:\033[0m ",
				color_of(f->severity),
				tl_severity_name(f->severity));
		else
			fprintf(out, " %s: ", tl_severity_name(f->severity));
		tli_put_oneline(out, f->message, strlen(f->message));
		fprintf(out, " [%s]", f->rule->id);
		if (f->context) {
			fputs(" (", out);
			tli_put_oneline(out, f->context, strlen(f->context));
			fputc(')', out);
		}
		fputc('\n', out);
		excerpt(rep, d, f);
		for (size_t k = 0; k < f->suggestion_count; k++) {
			fputs(color ? "  \033[32msuggestion:\033[0m "
				    : "  suggestion: ",
			      out);
			tli_put_oneline(out, f->suggestions[k],
					strlen(f->suggestions[k]));
			fputc('\n', out);
		}
	}
}

static void plural(FILE *out, size_t n, const char *one, const char *many)
{
	fprintf(out, "%zu %s", n, n == 1 ? one : many);
}

void tli_text_finish(tl_report *rep)
{
	if (!(rep->flags & TL_REPORT_SUMMARY)) {
		tli_text_budgets(rep);
		return;
	}
	FILE *out = rep->out;
	if (rep->findings == 0) {
		fputs("No findings in ", out);
		plural(out, rep->files, "file", "files");
	} else {
		plural(out, rep->findings, "finding", "findings");
		fputs(" (", out);
		plural(out, rep->by_severity[TL_SEVERITY_ERROR], "error",
		       "errors");
		fputs(", ", out);
		plural(out, rep->by_severity[TL_SEVERITY_WARNING], "warning",
		       "warnings");
		fputs(", ", out);
		plural(out, rep->by_severity[TL_SEVERITY_SUGGESTION],
		       "suggestion", "suggestions");
		fprintf(out, ") in %zu of ", rep->files_with_findings);
		plural(out, rep->files, "file", "files");
	}
	if (rep->unreadable) {
		fputs("; ", out);
		plural(out, rep->unreadable, "file", "files");
		fputs(" could not be read", out);
	}
	fputs(".\n", out);
	tli_text_budgets(rep);
}
