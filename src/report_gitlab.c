/*
 * report_gitlab.c: GitLab Code Quality, a JSON array of issues. GitLab
 * compares merge requests by each issue's fingerprint, so it must be stable
 * and unique: the finding's fingerprint (fingerprint.c) does not move with
 * the line, and its occurrence index tells repeated phrases apart.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "textout.h"

static void str(FILE *out, const char *s)
{
	tli_put_json_string(out, s, strlen(s));
}

static const char *severity(tl_severity s)
{
	switch (s) {
	case TL_SEVERITY_ERROR:
		return "major";
	case TL_SEVERITY_WARNING:
		return "minor";
	case TL_SEVERITY_SUGGESTION:
		return "info";
	}
	return "info";
}

void tli_gitlab_start(tl_report *rep)
{
	fputc('[', rep->out);
}

void tli_gitlab_document(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	uint64_t *fp = tli_result_fingerprints(res);
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		fputs(rep->emitted++ ? ",\n  {\"description\": "
				     : "\n  {\"description\": ",
		      out);
		char *text = tli_finding_text(f, 1);
		str(out, text ? text : f->message);
		free(text);
		fputs(", \"check_name\": ", out);
		str(out, f->rule->id);
		char hex[TL_FINGERPRINT_SIZE];
		if (fp)
			tli_fingerprint_hex(fp[i], hex);
		else
			tl_result_fingerprint(res, i, hex);
		fprintf(out,
			", \"fingerprint\": \"%s\", \"severity\": \"%s\", "
			"\"categories\": [\"Style\"], \"location\": "
			"{\"path\": ",
			hex, severity(f->severity));
		str(out, tli_repo_path(d->name));
		fprintf(out, ", \"lines\": {\"begin\": %u, \"end\": %u}}}",
			f->line, f->end_line);
	}
	free(fp);
}

void tli_gitlab_finish(tl_report *rep)
{
	fputs(rep->emitted ? "\n]\n" : "]\n", rep->out);
}
