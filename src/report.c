/* report.c: the report handle: totals, and dispatch to the formats. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const tli_format_ops formats[] = {
	{TL_REPORT_TEXT, "text", NULL, tli_text_document, tli_text_finish,
	 NULL},
	{TL_REPORT_JSON, "json", tli_json_start, tli_json_document,
	 tli_json_finish, NULL},
	{TL_REPORT_SARIF, "sarif", tli_sarif_start, tli_sarif_document,
	 tli_sarif_finish, tli_sarif_unused},
	{TL_REPORT_GITHUB, "github", NULL, tli_github_document,
	 tli_github_finish, tli_github_unused},
	{TL_REPORT_JUNIT, "junit", tli_junit_start, tli_junit_document,
	 tli_junit_finish, NULL},
	{TL_REPORT_CHECKSTYLE, "checkstyle", tli_checkstyle_start,
	 tli_checkstyle_document, tli_checkstyle_finish, tli_checkstyle_unused},
	{TL_REPORT_RDJSON, "rdjson", tli_rdjson_start, tli_rdjson_document,
	 tli_rdjson_finish, tli_rdjson_unused},
	{TL_REPORT_GITLAB, "gitlab", tli_gitlab_start, tli_gitlab_document,
	 tli_gitlab_finish, NULL},
	{TL_REPORT_HTML, "html", tli_html_start, tli_html_document,
	 tli_html_finish, NULL},
};

/* Does the format describe rules (rep->rules)? Only SARIF does; for the
 * others the descriptions would be made for every rule at start-up and
 * never read. */
static int lists_rules(const tl_report *rep)
{
	return rep->format == TL_REPORT_SARIF;
}

static const tli_format_ops *ops_of(tl_report_format format)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (formats[i].format == format)
			return &formats[i];
	return NULL;
}

const char *tl_report_format_name(tl_report_format format)
{
	const tli_format_ops *ops = ops_of(format);
	return ops ? ops->name : NULL;
}

tl_status tl_report_format_parse(tl_report_format *out, const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(formats[i].name, name) == 0) {
			*out = formats[i].format;
			return TL_OK;
		}
	}
	return TL_ENOTFOUND;
}

tl_status tl_report_new(tl_report **out, tl_report_format format, FILE *stream,
			unsigned flags)
{
	*out = NULL;
	if (!tl_report_format_name(format))
		return TL_EINVAL;
	tl_report *rep = calloc(1, sizeof *rep);
	if (!rep)
		return TL_ENOMEM;
	rep->format = format;
	rep->out = stream;
	rep->flags = flags;
	rep->policy = (tl_fail_policy)TL_FAIL_POLICY_DEFAULT;
	rep->budget = -1;
	*out = rep;
	return TL_OK;
}

void tl_report_free(tl_report *rep)
{
	if (!rep)
		return;
	for (size_t i = 0; i < rep->category_count; i++)
		free(rep->categories[i].name);
	free(rep->categories);
	for (size_t i = 0; i < rep->doc_count; i++)
		free(rep->docs[i].name);
	free(rep->docs);
	free(rep->piece_name);
	for (size_t i = 0; i < rep->rule_count; i++) {
		tli_rule_meta *m = &rep->rules[i];
		free(m->id);
		free(m->title);
		free(m->category);
		free(m->message);
		free(m->help);
	}
	free(rep->rules);
	if (rep->body_out)
		fclose(rep->body_out);
	free(rep->body);
	if (rep->notes_out)
		fclose(rep->notes_out);
	free(rep->notes);
	free(rep);
}

static tl_status count_category(tl_report *rep, const char *name)
{
	size_t lo = 0, hi = rep->category_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(rep->categories[mid].name, name);
		if (c == 0) {
			rep->categories[mid].n++;
			return TL_OK;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	tli_count *p =
		realloc(rep->categories, (rep->category_count + 1) * sizeof *p);
	if (!p)
		return TL_ENOMEM;
	rep->categories = p;
	char *copy = tli_strndup(name, strlen(name));
	if (!copy)
		return TL_ENOMEM;
	memmove(p + lo + 1, p + lo, (rep->category_count - lo) * sizeof *p);
	p[lo].name = copy;
	p[lo].n = 1;
	rep->category_count++;
	return TL_OK;
}

/* Writes the format's opening once, before its first document. */
static void start(tl_report *rep)
{
	const tli_format_ops *ops = ops_of(rep->format);
	if (!rep->started && ops->start)
		ops->start(rep);
	rep->started = 1;
}

/* A new summary at the end of rep->docs, with a copy of `name`; NULL on out
 * of memory. */
static tli_doc_summary *new_summary(tl_report *rep, const char *name)
{
	if (rep->doc_count == rep->doc_cap) {
		size_t cap = rep->doc_cap ? rep->doc_cap * 2 : 16;
		tli_doc_summary *p = realloc(rep->docs, cap * sizeof *p);
		if (!p)
			return NULL;
		rep->docs = p;
		rep->doc_cap = cap;
	}
	tli_doc_summary *ds = &rep->docs[rep->doc_count];
	memset(ds, 0, sizeof *ds);
	ds->name = tli_strndup(name, strlen(name));
	return ds->name ? ds : NULL;
}

/* Counts the findings of res in the totals; *fails is set when one fails
 * the run under the current policy. TL_ENOMEM. */
static tl_status count_findings(tl_report *rep, const tl_result *res,
				int *fails)
{
	size_t n = tl_result_count(res);
	rep->findings += n;
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		rep->by_severity[f->severity]++;
		if (rep->policy.fail_on != TL_FAIL_NEVER &&
		    (int)f->severity >= rep->policy.fail_on)
			*fails = 1;
		if (count_category(rep, f->rule->category))
			return TL_ENOMEM;
		if (lists_rules(rep) && tli_report_rule(rep, f->rule) < 0)
			return TL_ENOMEM;
	}
	return TL_OK;
}

tl_status tl_report_add(tl_report *rep, const tl_result *res)
{
	const tl_document *doc = tl_result_document(res);
	size_t n = tl_result_count(res);
	if (rep->in_pieces)
		return TL_EINVAL;
	tli_doc_summary *ds = new_summary(rep, doc->name);
	if (!ds)
		return TL_ENOMEM;
	ds->words = doc->words;
	ds->findings = n;
	ds->score = tl_result_score(res);
	ds->kind = tl_result_kind(res, &ds->stage, &ds->kind_source);
	ds->budget = ds->kind ? rep->budget : -1;
	ds->has_metrics = tl_result_metrics(res) != NULL;
	if (ds->has_metrics)
		ds->metrics = *tl_result_metrics(res);
	rep->over_budget += ds->budget >= 0 && ds->score < ds->budget;
	rep->doc_count++;
	rep->files++;
	rep->words += doc->words;
	rep->files_with_findings += n > 0;
	int fails = 0;
	if (count_findings(rep, res, &fails))
		return TL_ENOMEM;
	rep->failing += fails;
	start(rep);
	const tli_format_ops *ops = ops_of(rep->format);
	if ((rep->flags & TL_REPORT_UNUSED_SUPPRESSIONS) && ops->unused &&
	    tl_result_unused_suppression_count(res))
		ops->unused(rep, res);
	ops->document(rep, res);
	return TL_OK;
}

int tl_report_takes_pieces(const tl_report *rep)
{
	/* These write each finding as it comes and keep nothing per
	 * document but its summary. Checkstyle and JUnit wrap a document's
	 * findings, SARIF and GitLab number repeated findings within one
	 * (fingerprints), and HTML shows the whole text. */
	return rep->format == TL_REPORT_TEXT || rep->format == TL_REPORT_JSON ||
	       rep->format == TL_REPORT_GITHUB ||
	       rep->format == TL_REPORT_RDJSON;
}

tl_status tl_report_add_piece(tl_report *rep, const tl_result *res)
{
	const tl_document *doc = tl_result_document(res);
	if (!tl_report_takes_pieces(rep) || tl_result_kind(res, NULL, NULL))
		return TL_EINVAL;
	if (!rep->in_pieces) {
		rep->piece_name = tli_strndup(doc->name, strlen(doc->name));
		if (!rep->piece_name)
			return TL_ENOMEM;
		rep->in_pieces = 1;
		rep->piece_words = rep->piece_findings = 0;
		memset(rep->piece_sev, 0, sizeof rep->piece_sev);
		rep->piece_fails = 0;
	}
	size_t n = tl_result_count(res);
	rep->piece_words += doc->words;
	rep->piece_findings += n;
	for (size_t i = 0; i < n; i++)
		rep->piece_sev[tl_result_finding(res, i)->severity]++;
	if (count_findings(rep, res, &rep->piece_fails))
		return TL_ENOMEM;
	start(rep);
	ops_of(rep->format)->document(rep, res);
	return TL_OK;
}

tl_status tl_report_end_pieces(tl_report *rep)
{
	if (!rep->in_pieces)
		return TL_EINVAL;
	rep->in_pieces = 0;
	tli_doc_summary *ds = new_summary(rep, rep->piece_name);
	free(rep->piece_name);
	rep->piece_name = NULL;
	if (!ds)
		return TL_ENOMEM;
	/* As tl_report_add counts a whole document: a document in pieces has
	 * no kind (tl_report_add_piece), so no budget and no metrics. */
	ds->words = rep->piece_words;
	ds->findings = rep->piece_findings;
	ds->score = tli_score(rep->piece_sev[TL_SEVERITY_ERROR],
			      rep->piece_sev[TL_SEVERITY_WARNING],
			      rep->piece_sev[TL_SEVERITY_SUGGESTION],
			      rep->piece_words);
	ds->budget = -1;
	rep->doc_count++;
	rep->files++;
	rep->words += rep->piece_words;
	rep->files_with_findings += rep->piece_findings > 0;
	rep->failing += rep->piece_fails;
	return TL_OK;
}

void tl_report_add_error(tl_report *rep)
{
	rep->unreadable++;
}

tl_status tl_report_finish(tl_report *rep)
{
	start(rep);
	ops_of(rep->format)->finish(rep);
	if (fflush(rep->out) != 0 || ferror(rep->out))
		return TL_EIO;
	return TL_OK;
}

size_t tl_report_findings(const tl_report *rep)
{
	return rep->findings;
}

void tl_report_set_fail_policy(tl_report *rep, const tl_fail_policy *policy)
{
	rep->policy = *policy;
}

void tl_report_set_budget(tl_report *rep, int min_score)
{
	rep->budget = min_score >= 0 && min_score <= 100 ? min_score : -1;
}

size_t tl_report_over_budget(const tl_report *rep)
{
	return rep->over_budget;
}

int tl_report_failed(const tl_report *rep)
{
	if (rep->failing || rep->over_budget)
		return 1;
	return rep->policy.max_warnings >= 0 &&
	       rep->by_severity[TL_SEVERITY_WARNING] >
		       (size_t)rep->policy.max_warnings;
}

size_t tl_report_count_severity(const tl_report *rep, tl_severity severity)
{
	if (severity < TL_SEVERITY_SUGGESTION || severity > TL_SEVERITY_ERROR)
		return 0;
	return rep->by_severity[severity];
}

tl_status tl_fail_on_parse(int *out, const char *name)
{
	tl_severity s;
	if (strcmp(name, "never") == 0) {
		*out = TL_FAIL_NEVER;
		return TL_OK;
	}
	if (tl_severity_parse(&s, name))
		return TL_EINVAL;
	*out = (int)s;
	return TL_OK;
}

const char *tl_fail_on_name(int fail_on)
{
	if (fail_on == TL_FAIL_NEVER)
		return "never";
	return tl_severity_name((tl_severity)fail_on);
}

/* A rule template with its $0, $1 ... shown as an ellipsis: in a rule's
 * description there is no match to fill them with. */
static void put_template(tli_buf *b, const char *t)
{
	const char *p = t;
	for (;;) {
		/* The text up to the next '$' goes as it is, in one piece. */
		const char *d = strchr(p, '$');
		tli_buf_append(b, p, d ? (size_t)(d - p) : strlen(p));
		if (!d)
			return;
		p = d + 1;
		if (*p == '$') {
			tli_buf_putc(b, '$');
			p++;
		} else if (*p >= '0' && *p <= '9') {
			tli_buf_puts(b, "\xE2\x80\xA6");
			while (*p >= '0' && *p <= '9')
				p++;
		} else if (*p == '{' && strchr(p, '}')) {
			tli_buf_puts(b, "\xE2\x80\xA6");
			p = strchr(p, '}') + 1;
		} else {
			tli_buf_putc(b, '$');
		}
	}
}

static char *template_text(const char *t)
{
	tli_buf b = TLI_BUF_INIT;
	put_template(&b, t);
	return tli_buf_take(&b);
}

/* The help text of a rule: its message, then its suggestions. */
static char *rule_help(const tl_rule *r)
{
	tli_buf b = TLI_BUF_INIT;
	put_template(&b, r->message);
	size_t n = tl_rule_suggestion_count(r);
	for (size_t i = 0; i < n; i++) {
		tli_buf_puts(&b, i ? "\n  or: " : "\nInstead, try: ");
		put_template(&b, tl_rule_suggestion(r, i));
	}
	return tli_buf_take(&b);
}

char *tli_unused_text(const tl_suppression *u)
{
	char *s = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&s, &len);
	if (!o)
		return NULL;
	if (u->id)
		fprintf(o, "unused suppression '%s' (matches no finding)",
			u->id);
	else
		fputs("unused suppression of every rule (matches no finding)",
		      o);
	if (fclose(o) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

long tli_report_rule(tl_report *rep, const tl_rule *r)
{
	for (size_t i = 0; i < rep->rule_count; i++)
		if (strcmp(rep->rules[i].id, r->id) == 0)
			return (long)i;
	if (rep->rule_count == rep->rule_cap) {
		size_t cap = rep->rule_cap ? rep->rule_cap * 2 : 16;
		tli_rule_meta *p = realloc(rep->rules, cap * sizeof *p);
		if (!p)
			return -1;
		rep->rules = p;
		rep->rule_cap = cap;
	}
	tli_rule_meta m = {
		tli_strndup(r->id, strlen(r->id)),
		tli_strndup(tl_rule_title(r), strlen(tl_rule_title(r))),
		tli_strndup(r->category, strlen(r->category)),
		template_text(r->message),
		rule_help(r),
		r->severity,
	};
	if (!m.id || !m.title || !m.category || !m.message || !m.help) {
		free(m.id);
		free(m.title);
		free(m.category);
		free(m.message);
		free(m.help);
		return -1;
	}
	rep->rules[rep->rule_count] = m;
	return (long)rep->rule_count++;
}

tl_status tl_report_add_rules(tl_report *rep, const tl_ruleset *rs)
{
	if (!lists_rules(rep))
		return TL_OK;
	for (size_t i = 0; i < tl_ruleset_count(rs); i++)
		if (tli_report_rule(rep, tl_ruleset_rule(rs, i)) < 0)
			return TL_ENOMEM;
	return TL_OK;
}

char *tli_finding_text(const tl_finding *f, int oneline)
{
	tli_buf b = TLI_BUF_INIT;
	tli_buf_puts(&b, f->message);
	/* These formats have no field of their own for where in a message or
	 * a decoded part the match is: the text says it. */
	if (f->context) {
		tli_buf_puts(&b, " (");
		tli_buf_puts(&b, f->context);
		tli_buf_putc(&b, ')');
	}
	for (size_t k = 0; k < f->suggestion_count; k++) {
		if (oneline)
			tli_buf_puts(&b, k ? "; " : " (suggestion: ");
		else
			tli_buf_puts(&b, "\nsuggestion: ");
		tli_buf_puts(&b, f->suggestions[k]);
	}
	if (oneline && f->suggestion_count)
		tli_buf_putc(&b, ')');
	return tli_buf_take(&b);
}

const char *tli_repo_path(const char *name)
{
	while (name[0] == '.' && name[1] == '/') {
		name += 2;
		while (*name == '/')
			name++;
	}
	return name;
}

unsigned tli_byte_column(const tl_document *d, unsigned line, size_t off)
{
	/* In a piece of a file, line and off are the file's; the index is the
	 * piece's. */
	if (line <= d->base_line || line - d->base_line > d->line_count ||
	    off < d->base_off)
		return 1;
	off -= d->base_off;
	size_t ls = d->line_starts[line - d->base_line - 1];
	return off >= ls ? (unsigned)(off - ls + 1) : 1;
}
