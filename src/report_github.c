/*
 * report_github.c: GitHub Actions workflow commands, one annotation a
 * finding:  ::warning file=F,line=L,col=C,endLine=..,endColumn=..,title=T::M
 *
 * GitHub shows only TL_GITHUB_ANNOTATION_LIMIT annotations of each level in
 * a step and drops the rest silently. Past the limit we print findings as
 * plain log lines instead, and end with one notice saying how many there
 * are and where; one notice is held back for it.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "textout.h"
#include "utf8.h"

static const char *command(tl_severity s)
{
	switch (s) {
	case TL_SEVERITY_ERROR:
		return "error";
	case TL_SEVERITY_WARNING:
		return "warning";
	case TL_SEVERITY_SUGGESTION:
		return "notice";
	}
	return "notice";
}

/*
 * Escapes as the runner unescapes: % CR LF always, and in a property also
 * ':' and ',' (which would end the property or the property list). Other
 * controls and invalid UTF-8 become U+FFFD so nothing can drive the log.
 */
static void put_escaped(FILE *out, const char *s, int property)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tli_utf8_decode(p + i, n - i, &cp);
		if (cp == '%')
			fputs("%25", out);
		else if (cp == '\r')
			fputs("%0D", out);
		else if (cp == '\n')
			fputs("%0A", out);
		else if (property && cp == ':')
			fputs("%3A", out);
		else if (property && cp == ',')
			fputs("%2C", out);
		else if (cp == '\t')
			fputc(' ', out);
		else if (cp < 0x20 || cp == 0x7F || cp == 0xFFFD)
			fputs("\xEF\xBF\xBD", out);
		else
			fwrite(p + i, 1, len, out);
		i += len;
	}
}

static size_t limit_of(tl_severity s)
{
	/* The closing notice needs a place of its own. */
	return s == TL_SEVERITY_SUGGESTION ? TL_GITHUB_ANNOTATION_LIMIT - 1
					   : TL_GITHUB_ANNOTATION_LIMIT;
}

void tli_github_document(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		char *text = tli_finding_text(f, 0);
		const char *msg = text ? text : f->message;
		if (rep->shown[f->severity] >= limit_of(f->severity)) {
			/* A log line: no "::" command, one line. */
			rep->hidden++;
			tli_put_oneline(out, d->name, strlen(d->name));
			fprintf(out, ":%u:%u: %s: ", f->line, f->column,
				tl_severity_name(f->severity));
			tli_put_oneline(out, msg, strlen(msg));
			fprintf(out, " [%s]\n", f->rule->id);
			free(text);
			continue;
		}
		rep->shown[f->severity]++;
		fprintf(out, "::%s file=", command(f->severity));
		put_escaped(out, tli_repo_path(d->name), 1);
		fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=",
			f->line, f->column, f->end_line, f->end_column);
		put_escaped(out, tl_rule_title(f->rule), 1);
		fputs(" (", out);
		put_escaped(out, f->rule->id, 1);
		fputs(")::", out);
		put_escaped(out, msg, 0);
		fputc('\n', out);
		free(text);
	}
}

/* A warning annotation at each unused suppression comment, so a pull
 * request shows the comment that no longer does anything. */
void tli_github_unused(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	for (size_t k = 0; k < tl_result_unused_suppression_count(res); k++) {
		const tl_suppression *u = tl_result_unused_suppression(res, k);
		char *text = tli_unused_text(u);
		if (!text)
			continue; /* out of memory: nothing to say it with */
		if (rep->shown[TL_SEVERITY_WARNING] >=
		    limit_of(TL_SEVERITY_WARNING)) {
			rep->hidden++;
			tli_put_oneline(out, d->name, strlen(d->name));
			fprintf(out, ":%u:%u: warning: %s\n", u->line,
				u->column, text);
			free(text);
			continue;
		}
		rep->shown[TL_SEVERITY_WARNING]++;
		fputs("::warning file=", out);
		put_escaped(out, tli_repo_path(d->name), 1);
		fprintf(out,
			",line=%u,col=%u,title=Unused suppression "
			"(tonelint)::",
			u->line, u->column);
		put_escaped(out, text, 0);
		fputc('\n', out);
		free(text);
	}
}

void tli_github_finish(tl_report *rep)
{
	if (!rep->hidden)
		return;
	fprintf(rep->out,
		"::notice title=tonelint::%zu more finding%s not shown as "
		"annotations (GitHub shows %d of each level per step). They "
		"are listed in this step's log; run tonelint locally or "
		"use --format sarif to see them all.\n",
		rep->hidden, rep->hidden == 1 ? " is" : "s are",
		TL_GITHUB_ANNOTATION_LIMIT);
}
