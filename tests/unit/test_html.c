#include "readers_helpers.h"

#include "readers/entities.h"
#include "readers/readers.h"

static void html__entities_and_multibyte__exact_offsets(void **state)
{
	(void)state;
	const char *src = "<p>Caf&eacute; «Failure&nbsp;to pay» &#8217;</p>";
	tl_document *doc = read_as("a.html", src, TL_FORMAT_AUTO);
	assert_int_equal(tl_document_format(doc), TL_FORMAT_HTML);
	assert_true(prose_has(doc, "Café «Failure to pay» \xE2\x80\x99"));
	size_t end = 0;
	size_t at = source_of(doc, "Failure to pay", &end);
	assert_int_equal(at, (size_t)(strstr(src, "Failure") - src));
	assert_int_equal(end, (size_t)(strstr(src, "»") - src));
	at = source_of(doc, "\xE2\x80\x99", &end);
	assert_int_equal(at, (size_t)(strstr(src, "&#8217;") - src));
	assert_int_equal(end - at, strlen("&#8217;"));
	tl_document_free(doc);
}

static void html__cells_and_br__never_join(void **state)
{
	(void)state;
	const char *src = "<table><tr><td>Failure to pay</td><td>will result"
			  "</td></tr></table><p>a<br>b</p>";
	tl_document *doc = read_as("a.html", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "pay" TLI_BREAK "will"));
	assert_true(prose_has(doc, "a" TLI_BREAK "b"));
	tl_document_free(doc);
}

static void html__not_prose__skipped(void **state)
{
	(void)state;
	const char *src =
		"<html><head><title>T1</title><style>s1{}</style></head>"
		"<body><script>j1</script><!-- c1 --><a href=\"h1\">L</a>"
		"<img src=\"i1\" alt=\"A1\"><input type=\"submit\" "
		"value=\"V1\"><input type=\"text\" value=\"V2\"></body></html>";
	tl_document *doc = read_as("a.html", src, TL_FORMAT_AUTO);
	assert_false(prose_has(doc, "T1"));
	assert_false(prose_has(doc, "s1"));
	assert_false(prose_has(doc, "j1"));
	assert_false(prose_has(doc, "c1"));
	assert_false(prose_has(doc, "h1"));
	assert_false(prose_has(doc, "i1"));
	assert_false(prose_has(doc, "V2"));
	assert_true(prose_has(doc, "L"));
	assert_true(prose_has(doc, "A1"));
	assert_true(prose_has(doc, "V1"));
	tl_document_free(doc);
}

static void html__template_in_tags__placeholder_mapped(void **state)
{
	(void)state;
	const char *src = "<table><tr><td {% if odd %}class=\"odd\"{% endif %} "
			  "title=\"Hi {{ name }}\">Pay {{ amount }} now</td>";
	tl_document *doc = read_as("a.html.j2", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Hi x"));
	size_t end = 0;
	size_t at = source_of(doc, "x now", &end);
	assert_int_equal(at, (size_t)(strstr(src, "{{ amount") - src));
	assert_int_equal(end, (size_t)(strstr(src, "</td>") - src));
	assert_false(prose_has(doc, "odd"));
	tl_document_free(doc);
}

static void html__unclosed_comment__warned(void **state)
{
	(void)state;
	const char *src = "<p>Hello</p>\n<!-- never closed <p>gone</p>";
	tl_document *doc = read_as("a.html", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Hello"));
	assert_int_equal(tl_document_warning_count(doc), 1);
	assert_int_equal(tl_document_warning(doc, 0)->line, 2);
	tl_document_free(doc);
}

static void markdown__code_links_front_matter__not_prose(void **state)
{
	(void)state;
	const char *src = "---\ntitle: F1\n---\n# Head\n\nSee `c1` and "
			  "[the text](http://u1) <https://u2>.\n\n"
			  "```\nb1\n```\n\nCaf&eacute; &amp; co\n";
	tl_document *doc = read_as("r.md", src, TL_FORMAT_AUTO);
	assert_false(prose_has(doc, "F1"));
	assert_false(prose_has(doc, "c1"));
	assert_false(prose_has(doc, "u1"));
	assert_false(prose_has(doc, "u2"));
	assert_false(prose_has(doc, "b1"));
	assert_true(prose_has(doc, "the text"));
	size_t end = 0;
	size_t at = source_of(doc, "é & co", &end);
	assert_int_equal(at, (size_t)(strstr(src, "&eacute;") - src));
	assert_int_equal(end, (size_t)(strstr(src, "co\n") - src) + 2);
	tl_document_free(doc);
}

static void xml__qweb_field__placeholder(void **state)
{
	(void)state;
	const char *src = "<t><p>Dear <span t-field=\"o.name\">Azure</span>,"
			  "</p><p>Hi &amp; bye</p></t>";
	tl_document *doc = read_as("q.xml", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Dear x,"));
	assert_false(prose_has(doc, "Azure"));
	assert_true(prose_has(doc, "Hi & bye"));
	tl_document_free(doc);
}

static void entities__table__sorted_and_complete(void **state)
{
	(void)state;
	/* HTML 4's 252 and &apos;, as libxml2 has them */
	assert_int_equal(tli_entity_count, 253);
	for (size_t i = 1; i < tli_entity_count; i++)
		assert_true(strcmp(tli_entities[i - 1].name,
				   tli_entities[i].name) < 0);
	static const struct {
		const char *ref, *utf8;
	} cases[] = {
		{"&amp;", "&"},
		{"&AElig;", "\xc3\x86"},
		{"&aelig;", "\xc3\xa6"},
		{"&rsquo;", "\xe2\x80\x99"},
		{"&euro;", "\xe2\x82\xac"},
		{"&zwnj;", "\xe2\x80\x8c"},
		{"&nbsp;", " "},
		{"&yuml;", "\xc3\xbf"},
		{"&apos;", "'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[8];
		size_t n = 0, len = strlen(cases[i].ref);
		assert_int_equal(tli_entity_decode(cases[i].ref, len, out, &n),
				 len);
		assert_int_equal(n, strlen(cases[i].utf8));
		assert_memory_equal(out, cases[i].utf8, n);
	}
	char out[8];
	size_t n = 0;
	/* unknown, and case matters */
	assert_int_equal(tli_entity_decode("&bogus;", 7, out, &n), 0);
	assert_int_equal(tli_entity_decode("&AMP;", 5, out, &n), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html__entities_and_multibyte__exact_offsets),
		cmocka_unit_test(html__cells_and_br__never_join),
		cmocka_unit_test(html__not_prose__skipped),
		cmocka_unit_test(html__template_in_tags__placeholder_mapped),
		cmocka_unit_test(html__unclosed_comment__warned),
		cmocka_unit_test(markdown__code_links_front_matter__not_prose),
		cmocka_unit_test(xml__qweb_field__placeholder),
		cmocka_unit_test(entities__table__sorted_and_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
