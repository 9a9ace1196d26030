/* report.c: the report handle: totals, and dispatch to the formats. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const struct {
	tl_report_format format;
	const char *name;
} formats[] = {
	{TL_REPORT_TEXT, "text"},
	{TL_REPORT_JSON, "json"},
};

const char *tl_report_format_name(tl_report_format format)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (formats[i].format == format)
			return formats[i].name;
	return NULL;
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

tl_status tl_report_add(tl_report *rep, const tl_result *res)
{
	const tl_document *doc = tl_result_document(res);
	size_t n = tl_result_count(res);
	if (rep->doc_count == rep->doc_cap) {
		size_t cap = rep->doc_cap ? rep->doc_cap * 2 : 16;
		tli_doc_summary *p = realloc(rep->docs, cap * sizeof *p);
		if (!p)
			return TL_ENOMEM;
		rep->docs = p;
		rep->doc_cap = cap;
	}
	tli_doc_summary *ds = &rep->docs[rep->doc_count];
	ds->name = tli_strndup(doc->name, strlen(doc->name));
	if (!ds->name)
		return TL_ENOMEM;
	ds->words = doc->words;
	ds->findings = n;
	ds->score = tl_result_score(res);
	rep->doc_count++;
	rep->files++;
	rep->words += doc->words;
	rep->files_with_findings += n > 0;
	rep->findings += n;
	for (size_t i = 0; i < n; i++) {
		const tl_finding *f = tl_result_finding(res, i);
		rep->by_severity[f->severity]++;
		if (count_category(rep, f->rule->category))
			return TL_ENOMEM;
	}
	if (rep->format == TL_REPORT_JSON) {
		if (!rep->started)
			tli_json_start(rep);
		rep->started = 1;
		tli_json_document(rep, res);
	} else {
		tli_text_document(rep, res);
	}
	return TL_OK;
}

void tl_report_add_error(tl_report *rep)
{
	rep->unreadable++;
}

tl_status tl_report_finish(tl_report *rep)
{
	if (rep->format == TL_REPORT_JSON) {
		if (!rep->started)
			tli_json_start(rep);
		rep->started = 1;
		tli_json_finish(rep);
	} else {
		tli_text_finish(rep);
	}
	if (fflush(rep->out) != 0 || ferror(rep->out))
		return TL_EIO;
	return TL_OK;
}

size_t tl_report_findings(const tl_report *rep)
{
	return rep->findings;
}
