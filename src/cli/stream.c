/*
 * stream.c: tonelint stream, the map step of an engine that already
 * distributes work (GNU parallel, Hadoop Streaming, Spark's RDD.pipe).
 * Documents come one after another on standard input, an mbox or JSON Lines
 * records, and each document's findings go out as JSON Lines as soon as it
 * is linted. Only one document is held at a time, so memory follows the
 * largest document, not the length of the stream.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "jsonl.h"
#include "stream.h"

typedef struct stream {
	const opts *o;
	tl_config *cfg;
	tl_ruleset *rs;
	tl_scanner *sc;
	tl_fail_policy fail;
	size_t max; /* bytes in one document */
	size_t warnings;
	int failed;  /* a finding fails the run */
	int trouble; /* a document could not be linted, or output failed */
	int dead;    /* standard output is gone: stop reading */
} stream;

/* Where configuration globs are matched: stream documents have no path. */
#define STREAM_PATH "./-"

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The configuration, the rules and the scanner, as tonelint lints "-" in
 * the current folder. Returns 0, or -1 after reporting. */
static int setup(stream *s)
{
	const opts *o = s->o;
	tl_file_settings fs = {0};
	tl_status st;
	if (tl_config_new(&s->cfg) || tl_ruleset_new(&s->rs)) {
		cli_oom();
		return -1;
	}
	if (o->config)
		st = tl_config_add_file(s->cfg, o->config);
	else if (!o->no_config)
		st = tl_config_add_discovered(s->cfg, STREAM_PATH, NULL);
	else
		st = TL_OK;
	if (st) {
		cli_print_error(tl_config_error(s->cfg), st, "configuration");
		return -1;
	}
	if (tl_config_resolve(s->cfg, STREAM_PATH, &fs)) {
		cli_oom();
		return -1;
	}
	s->fail = fs.fail;
	if (o->fail_on >= 0)
		s->fail.fail_on = o->fail_on;
	if (o->max_warnings >= 0)
		s->fail.max_warnings = o->max_warnings;
	if (!o->no_default && (st = tl_ruleset_add_default(s->rs))) {
		cli_print_rule_error(s->rs, st, "built-in rules");
		goto fail;
	}
	for (size_t i = 0; i < fs.rule_pack_count; i++) {
		int named = 0;
		for (size_t k = 0; k < o->rule_count && !named; k++)
			named = same_file(fs.rule_packs[i], o->rules[k]);
		/* As for lint: packs a configuration names stay inside the
		 * folder the command runs in (SECURITY.md). */
		if (!named && (st = tl_ruleset_add_path_within(
				       s->rs, fs.rule_packs[i], "."))) {
			cli_print_rule_error(s->rs, st, fs.rule_packs[i]);
			goto fail;
		}
	}
	for (size_t i = 0; i < o->rule_count; i++) {
		if ((st = tl_ruleset_add_path(s->rs, o->rules[i]))) {
			cli_print_rule_error(s->rs, st, o->rules[i]);
			goto fail;
		}
	}
	tl_file_settings_clear(&fs);
	if (tl_scanner_new(&s->sc, s->rs)) {
		cli_oom();
		return -1;
	}
	tl_scanner_set_prefilter(s->sc, !o->no_prefilter);
	return 0;
fail:
	tl_file_settings_clear(&fs);
	return -1;
}

static void put_str(const char *str)
{
	tl_json_write_string(stdout, str, strlen(str));
}

/* One line per finding: {"id": ID, "rule": ..., "suggestions": [...]}. */
static void write_findings(stream *s, const char *id_json, const tl_result *res)
{
	size_t n = tl_result_count(res);
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		printf("{\"id\": %s, \"rule\": ", id_json);
		put_str(tl_rule_id(f->rule));
		fputs(", \"category\": ", stdout);
		put_str(tl_rule_category(f->rule));
		printf(", \"severity\": \"%s\", \"line\": %u, \"column\": %u, "
		       "\"end_line\": %u, \"end_column\": %u, \"message\": ",
		       tl_severity_name(f->severity), f->line, f->column,
		       f->end_line, f->end_column);
		put_str(f->message);
		fputs(", \"match\": ", stdout);
		put_str(f->match);
		if (f->context) {
			fputs(", \"context\": ", stdout);
			put_str(f->context);
		}
		fputs(", \"suggestions\": [", stdout);
		for (size_t k = 0; k < f->suggestion_count; k++) {
			if (k)
				fputs(", ", stdout);
			put_str(f->suggestions[k]);
		}
		fputs("]}\n", stdout);
		if (s->fail.fail_on != TL_FAIL_NEVER &&
		    (int)f->severity >= s->fail.fail_on)
			s->failed = 1;
		if (f->severity == TL_SEVERITY_WARNING)
			s->warnings++;
	}
	if (s->o->with_summary)
		printf("{\"id\": %s, \"summary\": {\"words\": %zu, "
		       "\"findings\": %zu, \"score\": %d}}\n",
		       id_json, tl_document_words(tl_result_document(res)), n,
		       tl_result_score(res));
}

/*
 * Lints one document and writes its findings, flushed. `name` is what
 * messages on standard error call it; `id_json` the id as written in each
 * finding.
 */
static void lint_document(stream *s, const char *name, const char *id_json,
			  const char *data, size_t len, tl_format format)
{
	tl_document *doc = NULL;
	tl_result *res = NULL;
	tl_status st;
	if (len > s->max) {
		fprintf(stderr,
			"tonelint: %s: error: larger than the limit of %zu "
			"bytes (skipped)\n",
			name, s->max);
		s->trouble = 1;
		return;
	}
	if ((st = tl_document_from_buffer(&doc, name, data, len, format)))
		goto fail;
	for (size_t k = 0; k < tl_document_warning_count(doc); k++) {
		const tl_error *w = tl_document_warning(doc, k);
		fprintf(stderr, "%s:%u:%u: warning: %s\n", w->file, w->line,
			w->column, w->message);
	}
	if ((st = tl_scanner_scan(s->sc, doc, &res)))
		goto fail;
	for (size_t k = 0; k < tl_result_diagnostic_count(res); k++)
		fprintf(stderr, "tonelint: %s: warning: %s\n", name,
			tl_result_diagnostic(res, k));
	if ((st = tl_result_apply_suppressions(res, NULL)) ||
	    (st = tl_result_apply_config(res, s->cfg, STREAM_PATH, s->o->min)))
		goto fail;
	write_findings(s, id_json, res);
	/* Per document, so a consumer reading the pipe gets each
	 * document's findings whole and at once. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("tonelint: error writing the findings\n", stderr);
		s->trouble = 1;
		s->dead = 1;
	}
	tl_result_free(res);
	tl_document_free(doc);
	return;
fail:
	fprintf(stderr, "tonelint: %s: error: %s\n", name, tl_strerror(st));
	s->trouble = 1;
	tl_result_free(res);
	tl_document_free(doc);
}

/* ------------------------------------------------------------------ */
/* JSON Lines                                                          */

static void stream_jsonl(stream *s)
{
	tl_format format = s->o->input_format == TL_FORMAT_AUTO
				   ? TL_FORMAT_TEXT
				   : s->o->input_format;
	char *line = NULL, *id_json = NULL;
	size_t cap = 0, id_cap = 0, lineno = 0;
	ssize_t got;
	while (!s->dead && (got = getline(&line, &cap, stdin)) != -1) {
		size_t n = (size_t)got;
		lineno++;
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		size_t k = 0;
		while (k < n && (line[k] == ' ' || line[k] == '\t'))
			k++;
		if (k == n)
			continue; /* a blank line is no record */
		cli_record r;
		const char *why;
		size_t col;
		if (cli_record_parse(&r, line, n, &why, &col)) {
			fprintf(stderr,
				"<stdin>:%zu:%zu: error: %s (record "
				"skipped)\n",
				lineno, col, why);
			s->trouble = 1;
			continue;
		}
		FILE *m = open_memstream(&id_json, &id_cap);
		if (!m) {
			cli_oom();
			s->trouble = 1;
			cli_record_clear(&r);
			break;
		}
		if (r.id_is_number)
			fwrite(r.id, 1, r.id_len, m);
		else
			tl_json_write_string(m, r.id, r.id_len);
		fclose(m);
		lint_document(s, r.id, id_json, r.text, r.text_len, format);
		free(id_json);
		id_json = NULL;
		cli_record_clear(&r);
	}
	if (ferror(stdin)) {
		fputs("tonelint: error reading standard input\n", stderr);
		s->trouble = 1;
	}
	free(line);
}

/* ------------------------------------------------------------------ */
/* mbox                                                                */

typedef struct buf {
	char *data;
	size_t len, cap;
	int over; /* past the document limit: the rest is dropped */
} buf;

static void buf_add(buf *b, const char *p, size_t n, size_t max)
{
	if (b->over)
		return;
	if (b->len + n > max) {
		/* Keep counting nothing more: the message is reported as too
		 * large, and memory stays at the limit. */
		b->over = 1;
		return;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d) {
			b->over = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/* A 64-bit FNV-1a of the message: its id when it has no Message-ID, the
 * same in whichever chunk of the mailbox the message is read. */
static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The Message-ID of the message's header, without its angle brackets,
 * into out[0..size); 0 if there is none. */
static int message_id(const char *p, size_t n, char *out, size_t size)
{
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - p) : n;
		if (end == i || (end == i + 1 && p[i] == '\r'))
			return 0; /* the end of the header */
		if (end - i > 11 &&
		    strncasecmp(p + i, "Message-ID:", 11) == 0) {
			/* Unfold: continuation lines start with white
			 * space. */
			size_t k = 0;
			size_t j = i + 11;
			for (;;) {
				for (; j < end && k + 1 < size; j++) {
					char c = p[j];
					if (c != ' ' && c != '\t' &&
					    c != '\r' && c != '<' && c != '>')
						out[k++] = c;
				}
				j = end + 1;
				if (j >= n || (p[j] != ' ' && p[j] != '\t'))
					break;
				nl = memchr(p + j, '\n', n - j);
				end = nl ? (size_t)(nl - p) : n;
			}
			out[k] = '\0';
			return k > 0;
		}
		i = end + 1;
	}
	return 0;
}

static void lint_message(stream *s, buf *b, size_t index)
{
	char id[512], name[600];
	if (!message_id(b->data ? b->data : "", b->len, id, sizeof id))
		snprintf(id, sizeof id, "fnv1a:%016llx",
			 (unsigned long long)fnv1a(b->data, b->len));
	snprintf(name, sizeof name, "<stdin>: message %zu <%s>", index, id);
	if (b->over) {
		fprintf(stderr,
			"tonelint: %s: error: larger than the limit of %zu "
			"bytes, or out of memory (skipped)\n",
			name, s->max);
		s->trouble = 1;
		return;
	}
	char *id_json = NULL;
	size_t id_cap = 0;
	FILE *m = open_memstream(&id_json, &id_cap);
	if (!m) {
		cli_oom();
		s->trouble = 1;
		return;
	}
	tl_json_write_string(m, id, strlen(id));
	fclose(m);
	lint_document(s, name, id_json, b->data ? b->data : "", b->len,
		      TL_FORMAT_EML);
	free(id_json);
}

/*
 * Messages start at a "From " line at the start of the stream or after a
 * blank line (mboxo and mboxrd alike; tl_mbox_from_line, as the lint command
 * reads a large mailbox in pieces); a ">From " in a body stays as it is.
 * Each message, without its "From " line, is linted as one .eml document.
 */
static void stream_mbox(stream *s)
{
	buf b = {NULL, 0, 0, 0};
	char *line = NULL;
	size_t cap = 0, index = 0, stray = 0;
	int blank = 1, in_message = 0;
	ssize_t got;
	while (!s->dead && (got = getline(&line, &cap, stdin)) != -1) {
		size_t n = (size_t)got;
		if (tl_mbox_from_line(line, n, &blank)) {
			if (in_message)
				lint_message(s, &b, index);
			in_message = 1;
			index++;
			b.len = 0;
			b.over = 0;
			continue;
		}
		if (in_message)
			buf_add(&b, line, n, s->max);
		else if (!blank)
			stray++;
	}
	if (in_message && !s->dead)
		lint_message(s, &b, index);
	if (ferror(stdin)) {
		fputs("tonelint: error reading standard input\n", stderr);
		s->trouble = 1;
	}
	if (stray) {
		fprintf(stderr,
			"tonelint: <stdin>: error: %s before the first "
			"\"From \" line (not an mbox?)\n",
			index ? "text" : "no message found: text");
		s->trouble = 1;
	}
	free(line);
	free(b.data);
}

int cli_stream(const opts *o)
{
	stream s = {0};
	s.o = o;
	s.max = o->max_file_size ? o->max_file_size : (size_t)256 * 1024 * 1024;
	int rc = EXIT_TROUBLE;
	if (setup(&s))
		goto out;
	if (o->stream_input == STREAM_MBOX)
		stream_mbox(&s);
	else
		stream_jsonl(&s);
	if (s.trouble)
		rc = EXIT_TROUBLE;
	else if (s.failed || (s.fail.max_warnings >= 0 &&
			      s.warnings > (size_t)s.fail.max_warnings))
		rc = EXIT_FINDINGS;
	else
		rc = EXIT_CLEAN;
out:
	tl_scanner_free(s.sc);
	tl_ruleset_free(s.rs);
	tl_config_free(s.cfg);
	return rc;
}
