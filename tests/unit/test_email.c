#include "readers_helpers.h"

#include "readers/readers.h"
/* the table's fields by their names, not the calls through them */
#define TLI_GMIME_LOADER
#include "readers/gmime_load.h"

#include <stdio.h>

/* Scans doc with the rules in `yaml`; the caller frees the result. */
static tl_result *scan_doc(tl_ruleset *rs, const tl_document *doc)
{
	tl_scanner *sc = NULL;
	tl_result *res = NULL;
	assert_int_equal(tl_scanner_new(&sc, rs), TL_OK);
	assert_int_equal(tl_scanner_scan(sc, doc, &res), TL_OK);
	tl_scanner_free(sc);
	return res;
}

static const char base64_rules[] =
	"- id: t.no-reply\n  category: cold\n  severity: warning\n  message: "
	"m\n  phrases: [not monitored]\n  suggest: s\n";

static void email__base64_html__finding_placed_in_decoded_html(void **state)
{
	(void)state;
	/* "<p>Gr\xc3\xbc\xc3\x9fe &amp; so,\nthis is <b>not</b> "
	 * "monitored.</p>\n" as UTF-8, in base64. */
	const char *src = "From: a@b\nSubject: S\nMIME-Version: 1.0\n"
			  "Content-Type: text/html; charset=utf-8\n"
			  "Content-Transfer-Encoding: base64\n\n"
			  "PHA+R3LDvMOfZSAmYW1wOyBzbywKdGhpcyBpcyA8Yj5ub3Q8L2I+"
			  "IG1vbml0b3Jl\n"
			  "ZC48L3A+Cg==\n";
	tl_document *doc = read_as("m.eml", src, TL_FORMAT_AUTO);
	tl_ruleset *rs = load_rules(base64_rules);
	tl_result *res = scan_doc(rs, doc);
	assert_int_equal(tl_result_count(res), 1);
	const tl_finding *f = tl_result_finding(res, 0);
	/* In the decoded HTML: line 2, "this is <b>" is 11 characters. */
	assert_non_null(f->decoded);
	assert_int_equal(f->decoded_line, 2);
	assert_int_equal(f->decoded_column, 12);
	assert_int_equal(f->decoded_end_line, 2);
	assert_int_equal(f->decoded_end_column, 29);
	assert_memory_equal(f->decoded + f->decoded_offset, "not</b> monitored",
			    f->decoded_length);
	/* In the file: the encoded characters, first line of the body. */
	assert_int_equal(f->line, 7);
	assert_string_equal(f->context,
			    "part 1 (base64), line 2, column 12 of the decoded "
			    "text");
	tl_result_free(res);
	tl_ruleset_free(rs);
	tl_document_free(doc);
}

static void
email__base64_unclosed_comment__warning_says_decoded_line(void **state)
{
	(void)state;
	/* "<p>ok</p>\n<!-- open" */
	const char *src = "From: a@b\nSubject: S\n"
			  "Content-Type: text/html\n"
			  "Content-Transfer-Encoding: base64\n\n"
			  "PHA+b2s8L3A+CjwhLS0gb3Blbg==\n";
	tl_document *doc = read_as("m.eml", src, TL_FORMAT_AUTO);
	int found = 0;
	for (size_t i = 0; i < tl_document_warning_count(doc); i++) {
		const tl_error *w = tl_document_warning(doc, i);
		found |= strstr(w->message, "(part 1 (base64), line 2, column "
					    "1 of the decoded text)") != NULL &&
			 w->line == 6;
	}
	assert_true(found);
	tl_document_free(doc);
}

static void email__qp_utf8__maps_each_escape(void **state)
{
	(void)state;
	const char *src = "From: a@b\nSubject: S\nContent-Type: text/plain; "
			  "charset=utf-8\nContent-Transfer-Encoding: "
			  "quoted-printable\n\nCaf=C3=A9 soft=\nbreak done\n";
	tl_document *doc = read_as("m.eml", src, TL_FORMAT_AUTO);
	assert_int_equal(tl_document_format(doc), TL_FORMAT_EML);
	assert_true(prose_has(doc, "Café softbreak done"));
	size_t end = 0;
	size_t at = source_of(doc, "é", &end);
	assert_int_equal(at, (size_t)(strstr(src, "=C3") - src));
	assert_int_equal(end, at + 6);
	at = source_of(doc, "done", NULL);
	assert_int_equal(at, (size_t)(strstr(src, "done") - src));
	tl_document_free(doc);
}

static void email__latin1_and_encoded_subject(void **state)
{
	(void)state;
	const char *src = "From: a@b\nSubject: =?iso-8859-1?Q?Gr=FC=DFe?= "
			  "from us\nContent-Type: text/plain; "
			  "charset=iso-8859-1\n\nGr\xfc\xdf"
			  "e\n";
	tl_document *doc = read_as("m.eml", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Grüße from us"));
	assert_true(prose_has(doc, "Grüße\n"));
	assert_string_equal(doc->texts[0].label, "subject");
	tl_document_free(doc);
}

static void email__bad_input__warns_and_goes_on(void **state)
{
	(void)state;
	const char *src = "From: a@b\nSubject: S\nMIME-Version: 1.0\n"
			  "Content-Type: multipart/mixed; boundary=\"z\"\n\n"
			  "--z\nContent-Type: text/plain; charset=x-nope\n\n"
			  "first part\n--z\nContent-Type: text/plain\n"
			  "Content-Transfer-Encoding: base64\n\n"
			  "aGVs*bG8gd29ybGQ=\n--z\nContent-Type: text/html\n\n"
			  "<p>last part";
	tl_document *doc = read_as("m.eml", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "first part"));
	assert_true(prose_has(doc, "hello world"));
	assert_true(prose_has(doc, "last part"));
	size_t n = tl_document_warning_count(doc);
	assert_true(n >= 2);
	int charset = 0, b64 = 0;
	for (size_t i = 0; i < n; i++) {
		const tl_error *w = tl_document_warning(doc, i);
		charset |= strstr(w->message, "x-nope") != NULL;
		b64 |= strstr(w->message, "base64") != NULL && w->line == 14 &&
		       w->column == 5;
	}
	assert_true(charset);
	assert_true(b64);
	tl_document_free(doc);
}

static void email__alternative__same_text_once(void **state)
{
	(void)state;
	const char *src =
		"From: a@b\nSubject: S\nMIME-Version: 1.0\nContent-Type: "
		"multipart/alternative; boundary=\"q\"\n\n--q\nContent-Type: "
		"text/plain\n\nPay now. Only in plain.\n--q\nContent-Type: "
		"text/html\n\n<p>Pay now.</p><p>Only in HTML.</p>\n--q--\n";
	tl_document *doc = read_as("m.eml", src, TL_FORMAT_AUTO);
	size_t count = 0;
	for (size_t t = 0; t < doc->text_count; t++)
		for (const char *p = doc->texts[t].data;
		     (p = strstr(p, "Pay now")) != NULL; p++)
			count++;
	assert_int_equal(count, 1);
	assert_true(prose_has(doc, "Only in HTML."));
	tl_document_free(doc);
}

static void mbox__messages__labelled(void **state)
{
	(void)state;
	const char *src = "From x Mon\nFrom: a@b\nSubject: One\nMessage-ID: "
			  "<1@h>\n\nfirst\n\nFrom x Tue\nFrom: a@b\nSubject: "
			  "Two\n\nsecond\n";
	tl_document *doc = read_as("box.mbox", src, TL_FORMAT_AUTO);
	int first = 0, second = 0;
	for (size_t t = 0; t < doc->text_count; t++) {
		const tli_text *x = &doc->texts[t];
		if (strstr(x->data, "first"))
			first = strcmp(x->label, "message 1 <1@h>") == 0;
		if (strstr(x->data, "second"))
			second = strcmp(x->label, "message 2") == 0;
	}
	assert_true(first);
	assert_true(second);
	tl_document_free(doc);
}

/* Is a shared object whose file name holds `name` mapped into this
 * process? */
static int mapped(const char *name)
{
	FILE *f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	char line[4096];
	int found = 0;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, name) != NULL;
	fclose(f);
	return found;
}

/* Runs first: nothing before it has read a message. */
static void gmime__loaded_by_the_first_message__not_before(void **state)
{
	(void)state;
	tl_document *doc = read_as("a.txt", "Dear customer,\n", TL_FORMAT_AUTO);
	tl_document_free(doc);
	doc = read_as("b.html", "<p>Hi &amp; bye</p>", TL_FORMAT_AUTO);
	tl_document_free(doc);
	assert_false(mapped("libgmime"));
	doc = read_as("m.eml", "From: a@b\nSubject: Hi\n\nBody.\n",
		      TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Body."));
	tl_document_free(doc);
	assert_true(mapped("libgmime"));
}

static void gmime__every_function__found(void **state)
{
	(void)state;
	char why[256] = "";
	const tli_gmime_api *a = tli_gmime_load(why, sizeof why);
	assert_non_null(a);
	assert_ptr_equal(a, tli_gmime);
#define FOUND(name) assert_non_null(a->name);
	TLI_GMIME_FUNCTIONS(FOUND)
#undef FOUND
}

static void gmime__missing_library__named_with_the_reason(void **state)
{
	(void)state;
	tli_gmime_api a;
	char why[256] = "";
	assert_int_equal(
		tli_gmime_open(&a, "libtonelint-missing.so.9", why, sizeof why),
		-1);
	assert_non_null(strstr(why, "libtonelint-missing.so.9"));
	assert_null(a.g_mime_init);
	/* a library without GMime's functions */
	assert_int_equal(tli_gmime_open(&a, "libc.so.6", why, sizeof why), -1);
	assert_non_null(strstr(why, "no function g_free"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			gmime__loaded_by_the_first_message__not_before),
		cmocka_unit_test(gmime__every_function__found),
		cmocka_unit_test(gmime__missing_library__named_with_the_reason),
		cmocka_unit_test(email__qp_utf8__maps_each_escape),
		cmocka_unit_test(email__latin1_and_encoded_subject),
		cmocka_unit_test(email__bad_input__warns_and_goes_on),
		cmocka_unit_test(email__alternative__same_text_once),
		cmocka_unit_test(mbox__messages__labelled),
		cmocka_unit_test(
			email__base64_html__finding_placed_in_decoded_html),
		cmocka_unit_test(
			email__base64_unclosed_comment__warning_says_decoded_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
