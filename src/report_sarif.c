/*
 * report_sarif.c: SARIF 2.1.0 (OASIS), the format of GitHub code scanning.
 * One run; results stream as documents come, and the tool's rule list,
 * known only at the end, follows them (key order does not matter in JSON).
 * Columns count code points, as the run's columnKind says.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "textout.h"

/* GitHub code scanning rejects a whole upload whose run has more results
 * than this ("SARIF results exceed limit"); past it we write none, and say
 * how many in the run's invocation. */
#define SARIF_RESULT_LIMIT 25000

static void str(FILE *out, const char *s)
{
	tli_put_json_string(out, s, strlen(s));
}

static const char *level(tl_severity s)
{
	switch (s) {
	case TL_SEVERITY_ERROR:
		return "error";
	case TL_SEVERITY_WARNING:
		return "warning";
	case TL_SEVERITY_SUGGESTION:
		return "note";
	}
	return "none";
}

/*
 * A file name as a relative URI reference: bytes outside the characters a
 * path may hold literally are percent-encoded (a space, '#', '%', non-ASCII
 * UTF-8). Leading "./" segments go ("./a.txt" is "a.txt", the path GitHub
 * knows the file by), and a ':' before the first '/' is encoded so that
 * "x:y.txt" is not read as a URI of scheme "x".
 */
static void uri(FILE *out, const char *s)
{
	static const char ok[] = "-._~/!$&'()*+,;=:@";
	s = tli_repo_path(s);
	int first = 1; /* in the first segment */
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '/')
			first = 0;
		if (((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		     (*p >= '0' && *p <= '9') || strchr(ok, *p)) &&
		    !(first && *p == ':'))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	fputc('"', out);
}

/* A rule's SARIF name: an identifier a person can read, without the
 * punctuation of the id ("threat.failure-to-pay" -> "ThreatFailureToPay"). */
static void rule_name(FILE *out, const char *id)
{
	int up = 1;
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')) {
			fputc(up && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A'
							   : *p,
			      out);
			up = 0;
		} else if (*p < 0x80) {
			up = 1;
		} else {
			fputc(*p, out); /* UTF-8 of a letter: kept as it is */
			up = 0;
		}
	}
	fputc('"', out);
}

/* One fix object: replace source bytes [off, off + len) by `text`. The
 * region is given in lines and columns, as the run's columnKind counts. */
static void fix(FILE *out, const tl_document *d, const char *what, size_t off,
		size_t len, const char *text)
{
	unsigned l0, c0, l1, c1;
	tli_document_position(d, off, &l0, &c0);
	tli_document_position(d, off + len, &l1, &c1);
	fputs("{\"description\": {\"text\": ", out);
	str(out, what);
	fputs("}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ",
	      out);
	uri(out, d->name);
	fprintf(out,
		"}, \"replacements\": [{\"deletedRegion\": {\"startLine\": "
		"%u, \"startColumn\": %u, \"endLine\": %u, \"endColumn\": "
		"%u}, \"insertedContent\": {\"text\": ",
		l0, c0, l1, c1);
	str(out, text);
	fputs("}}]}]}", out);
}

/* Does the match stand in the file as it is, byte for byte (not in a
 * base64 or quoted-printable body, not through an entity or around a
 * placeholder)? Only then may a region of the file be replaced by a
 * suggestion. */
static int verbatim(const tl_document *d, const tl_finding *f)
{
	size_t n;
	const char *src = tl_document_source(d, &n);
	return !f->decoded && f->match && strlen(f->match) == f->length &&
	       f->offset <= n && n - f->offset >= f->length &&
	       memcmp(src + f->offset, f->match, f->length) == 0;
}

/*
 * The finding's fixes: its automatic fix (what --fix writes), when it can be
 * written back exactly; else, for a rule whose suggestions are swaps of the
 * matched words, one fix per suggestion (the reviewer picks) where the
 * match stands in the file as it is.
 */
static void fixes(FILE *out, const tl_document *d, const tl_finding *f)
{
	if (f->fix && !f->fix_blocked) {
		fputs(",\n          \"fixes\": [", out);
		fix(out, d, "Automatic fix (tonelint --fix)", f->fix_offset,
		    f->fix_length, f->fix);
		fputc(']', out);
	} else if (!f->fix && f->rule->rewrite_count && f->suggestion_count &&
		   verbatim(d, f)) {
		fputs(",\n          \"fixes\": [", out);
		for (size_t k = 0; k < f->suggestion_count; k++) {
			if (k)
				fputs(", ", out);
			fix(out, d, "Suggested wording", f->offset, f->length,
			    f->suggestions[k]);
		}
		fputc(']', out);
	}
}

void tli_sarif_start(tl_report *rep)
{
	fputs("{\n  \"$schema\": "
	      "\"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
	      "schemas/sarif-schema-2.1.0.json\",\n"
	      "  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n"
	      "      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": [",
	      rep->out);
}

void tli_sarif_document(tl_report *rep, const tl_result *res)
{
	FILE *out = rep->out;
	const tl_document *d = tl_result_document(res);
	uint64_t *fp = tli_result_fingerprints(res);
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		if (rep->emitted >= SARIF_RESULT_LIMIT) {
			rep->hidden++;
			continue;
		}
		fputs(rep->emitted++ ? ",\n        {" : "\n        {", out);
		fputs("\"ruleId\": ", out);
		str(out, f->rule->id);
		fprintf(out, ", \"ruleIndex\": %ld, \"level\": \"%s\", ",
			tli_report_rule(rep, f->rule), level(f->severity));
		fputs("\"message\": {\"text\": ", out);
		char *text = tli_finding_text(f, 0);
		str(out, text ? text : f->message);
		free(text);
		fputs("},\n          \"locations\": [{\"physicalLocation\": "
		      "{\"artifactLocation\": {\"uri\": ",
		      out);
		uri(out, d->name);
		fprintf(out,
			"}, \"region\": {\"startLine\": %u, \"startColumn\": "
			"%u, \"endLine\": %u, \"endColumn\": %u, \"snippet\": "
			"{\"text\": ",
			f->line, f->column, f->end_line, f->end_column);
		str(out, f->match);
		fputs("}}}}]", out);
		if (fp) {
			char hex[TL_FINGERPRINT_SIZE];
			tli_fingerprint_hex(fp[i], hex);
			fprintf(out,
				",\n          \"partialFingerprints\": "
				"{\"tonelint/v1\": \"%s\"}",
				hex);
		}
		fixes(out, d, f);
		fputs(",\n          \"properties\": {\"category\": ", out);
		str(out, f->rule->category);
		fputs(", \"suggestions\": [", out);
		for (size_t k = 0; k < f->suggestion_count; k++) {
			if (k)
				fputs(", ", out);
			str(out, f->suggestions[k]);
		}
		fputs("]}}", out);
	}
	free(fp);
}

/* Unused suppressions become notifications of the run's invocation,
 * written at the end; they are not results (nothing is wrong with the
 * text). */
void tli_sarif_unused(tl_report *rep, const tl_result *res)
{
	if (!rep->notes_out)
		rep->notes_out = open_memstream(&rep->notes, &rep->notes_len);
	FILE *o = rep->notes_out;
	if (!o)
		return; /* out of memory: the notes are left out */
	const tl_document *d = tl_result_document(res);
	for (size_t k = 0; k < tl_result_unused_suppression_count(res); k++) {
		const tl_suppression *u = tl_result_unused_suppression(res, k);
		char *text = tli_unused_text(u);
		if (!text)
			continue;
		fflush(o);
		fputs(rep->notes_len ? ",\n        {" : "\n        {", o);
		fputs("\"level\": \"warning\", \"descriptor\": {\"id\": "
		      "\"tonelint.unused-suppression\"}, \"message\": "
		      "{\"text\": ",
		      o);
		str(o, text);
		fputs("}, \"locations\": [{\"physicalLocation\": "
		      "{\"artifactLocation\": {\"uri\": ",
		      o);
		uri(o, d->name);
		fprintf(o,
			"}, \"region\": {\"startLine\": %u, \"startColumn\": "
			"%u}}}]}",
			u->line, u->column);
		free(text);
	}
}

void tli_sarif_finish(tl_report *rep)
{
	FILE *out = rep->out;
	fputs(rep->emitted ? "\n      ],\n" : "],\n", out);
	if (rep->hidden || rep->notes_len) {
		/* Notes about the run: unused suppressions, results left
		 * out. */
		fputs("      \"invocations\": [{\"executionSuccessful\": true, "
		      "\"toolExecutionNotifications\": [",
		      out);
		if (rep->notes_out && fflush(rep->notes_out) == 0)
			fwrite(rep->notes, 1, rep->notes_len, out);
		if (rep->hidden)
			fprintf(out,
				"%s\n        {\"level\": \"warning\", "
				"\"message\": {\"text\": \"%zu more "
				"finding%s not written: GitHub code scanning "
				"rejects a run of more than %d results. Run "
				"tonelint with another --format to see them "
				"all.\"}}",
				rep->notes_len ? "," : "", rep->hidden,
				rep->hidden == 1 ? " is" : "s are",
				SARIF_RESULT_LIMIT);
		fputs("]}],\n", out);
	}
	fputs("      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"tonelint\",\n"
	      "          \"version\": \"" TL_VERSION_STRING "\",\n"
	      "          \"semanticVersion\": \"" TL_VERSION_STRING "\",\n"
	      "          \"rules\": [",
	      out);
	for (size_t i = 0; i < rep->rule_count; i++) {
		const tli_rule_meta *m = &rep->rules[i];
		fputs(i ? ",\n            {\"id\": "
			: "\n            {\"id\": ",
		      out);
		str(out, m->id);
		fputs(", \"name\": ", out);
		rule_name(out, m->id);
		fputs(", \"shortDescription\": {\"text\": ", out);
		str(out, m->title);
		fputs("}, \"fullDescription\": {\"text\": ", out);
		str(out, m->message);
		fputs("},\n             \"help\": {\"text\": ", out);
		str(out, m->help);
		fprintf(out,
			"}, \"defaultConfiguration\": {\"level\": \"%s\"}, "
			"\"properties\": {\"category\": ",
			level(m->severity));
		str(out, m->category);
		fputs(", \"tags\": [", out);
		str(out, m->category);
		fputs("]}}", out);
	}
	fputs(rep->rule_count ? "\n          ]\n" : "]\n", out);
	fputs("        }\n      }\n    }\n  ]\n}\n", out);
}
