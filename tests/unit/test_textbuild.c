#include "readers_helpers.h"

#include <stdlib.h>

#include "readers/readers.h"

static void textbuild__verbatim_through_layer__maps_to_file(void **state)
{
	(void)state;
	const char *src = "ab&amp;cd";
	tli_src in = {src, strlen(src), NULL, 0, 100};
	tli_tb tb;
	tli_tb_init(&tb, &in);
	tli_tb_verbatim(&tb, 0, 2);
	tli_tb_replace(&tb, "&", 1, 2, 5);
	tli_tb_verbatim(&tb, 7, 2);
	tli_src layer;
	char *data;
	tli_map_entry *map;
	assert_int_equal(tli_tb_to_src(&tb, &layer, &data, &map), TL_OK);
	assert_int_equal(layer.len, 5);
	assert_memory_equal(layer.data, "ab&cd", 5);
	/* A second layer reads the first: "b&c" maps to source 101..108. */
	tli_tb tb2;
	tli_tb_init(&tb2, &layer);
	tli_tb_verbatim(&tb2, 1, 3);
	tli_src l2;
	char *d2;
	tli_map_entry *m2;
	assert_int_equal(tli_tb_to_src(&tb2, &l2, &d2, &m2), TL_OK);
	assert_int_equal(tli_src_to_source(&l2, 0, 0), 101);
	assert_int_equal(tli_src_to_source(&l2, 1, 0), 102);
	assert_int_equal(tli_src_to_source(&l2, 2, 1), 107);
	assert_int_equal(tli_src_to_source(&l2, 3, 1), 108);
	free(data);
	free(map);
	free(d2);
	free(m2);
}

static void textbuild__breaks__collapse_and_never_lead(void **state)
{
	(void)state;
	const char *src = "one two";
	tli_src in = {src, strlen(src), NULL, 0, 0};
	tli_tb tb;
	tli_tb_init(&tb, &in);
	tli_tb_break(&tb);
	tli_tb_verbatim(&tb, 0, 4);
	tli_tb_break(&tb);
	tli_tb_break(&tb);
	tli_tb_verbatim(&tb, 4, 3);
	tli_tb_break(&tb);
	tli_src out;
	char *data;
	tli_map_entry *map;
	assert_int_equal(tli_tb_to_src(&tb, &out, &data, &map), TL_OK);
	assert_string_equal(data, "one" TLI_BREAK "two");
	assert_int_equal(tli_src_to_source(&out, 3 + strlen(TLI_BREAK), 0), 4);
	free(data);
	free(map);
}

static void detect__extensions_and_content(void **state)
{
	(void)state;
	unsigned t;
	assert_int_equal(tli_detect_format("a/reminder.html.j2", "", 0, &t),
			 TL_FORMAT_HTML);
	assert_true(t & TLI_TMPL_CURLY);
	assert_int_equal(tli_detect_format("mail.txt.j2", "", 0, &t),
			 TL_FORMAT_TEMPLATE);
	assert_int_equal(
		tli_detect_format("layout.blade.php", "<p>x</p>", 8, &t),
		TL_FORMAT_HTML);
	assert_true(t & TLI_TMPL_BLADE);
	const char *hbs = "Hi {{name}}";
	assert_int_equal(tli_detect_format("r.hbs", hbs, strlen(hbs), &t),
			 TL_FORMAT_TEMPLATE);
	assert_int_equal(tli_detect_format("x.pot", "", 0, &t), TL_FORMAT_PO);
	assert_int_equal(tli_detect_format("de.yml", "", 0, &t),
			 TL_FORMAT_YAML);
	const char *eml = "From: a@b\nSubject: hi\nTo: c@d\n\nbody\n";
	assert_int_equal(tli_detect_format("<stdin>", eml, strlen(eml), &t),
			 TL_FORMAT_EML);
	const char *mbox = "From a@b Mon\nFrom: a@b\nSubject: x\n\nbody\n";
	assert_int_equal(tli_detect_format("box", mbox, strlen(mbox), &t),
			 TL_FORMAT_MBOX);
	const char *xlf = "<?xml version=\"1.0\"?>\n<xliff>";
	assert_int_equal(tli_detect_format("m.xml", xlf, strlen(xlf), &t),
			 TL_FORMAT_XLIFF);
	const char *prose = "Dear Ana,\nThanks for paying.\n";
	assert_int_equal(tli_detect_format("<stdin>", prose, strlen(prose), &t),
			 TL_FORMAT_TEXT);
	assert_int_equal(tli_detect_format(".hidden", prose, strlen(prose), &t),
			 TL_FORMAT_TEXT);
}

/* What a name alone says (the command asks before choosing to read a large
 * file in pieces): its extension's format, under template extensions;
 * nothing when only the bytes can tell. */
static void detect__name_alone__extension_or_auto(void **state)
{
	(void)state;
	assert_int_equal(tl_format_of_name("a/reminder.html.j2"),
			 TL_FORMAT_HTML);
	assert_int_equal(tl_format_of_name("mail.txt.j2"), TL_FORMAT_TEMPLATE);
	assert_int_equal(tl_format_of_name("r.hbs"), TL_FORMAT_TEMPLATE);
	assert_int_equal(tl_format_of_name("layout.blade.php"),
			 TL_FORMAT_TEMPLATE);
	assert_int_equal(tl_format_of_name("notes/Q1.TXT"), TL_FORMAT_TEXT);
	assert_int_equal(tl_format_of_name("sent.mbox"), TL_FORMAT_MBOX);
	assert_int_equal(tl_format_of_name("m.xml"), TL_FORMAT_XML);
	assert_int_equal(tl_format_of_name("guide.md"), TL_FORMAT_MARKDOWN);
	/* no extension, an unknown one, a dot file, a dot in a folder */
	assert_int_equal(tl_format_of_name("Mail/Inbox"), TL_FORMAT_AUTO);
	assert_int_equal(tl_format_of_name("server.log"), TL_FORMAT_AUTO);
	assert_int_equal(tl_format_of_name(".hidden"), TL_FORMAT_AUTO);
	assert_int_equal(tl_format_of_name("v1.2/mbox"), TL_FORMAT_AUTO);
	assert_int_equal(tl_format_of_name(""), TL_FORMAT_AUTO);
}

/* The content's signs are found in either case anywhere in the first 4 KiB
 * (the sniffed window), a sign cut by the window's end is not, and near
 * misses are no signs. */
static void detect__signs__any_case_up_to_the_window(void **state)
{
	(void)state;
	unsigned t;
	char buf[4200];
	memset(buf, 'x', sizeof buf);
	/* "<TABLE" as the window's last six bytes: HTML */
	memcpy(buf + 4096 - 6, "<TABLE", 6);
	assert_int_equal(tli_detect_format("<stdin>", buf, 4096, &t),
			 TL_FORMAT_HTML);
	/* one byte later it is cut by the window's end: text */
	memset(buf, 'x', sizeof buf);
	memcpy(buf + 4096 - 5, "<TABLE", 6);
	assert_int_equal(tli_detect_format("<stdin>", buf, sizeof buf, &t),
			 TL_FORMAT_TEXT);
	/* "<" everywhere, a near miss at the end ("<tabl"): text */
	memset(buf, '<', sizeof buf);
	memcpy(buf + 100, "<tabl", 5);
	assert_int_equal(tli_detect_format("<stdin>", buf, 200, &t),
			 TL_FORMAT_TEXT);
	const char *mixed = "Hello <Br/> there";
	assert_int_equal(tli_detect_format("<stdin>", mixed, strlen(mixed), &t),
			 TL_FORMAT_HTML);
	const char *tmpl = "Dear customer,\nyour total is {%- total %}.";
	assert_int_equal(tli_detect_format("<stdin>", tmpl, strlen(tmpl), &t),
			 TL_FORMAT_TEMPLATE);
}

static void formats__names_round_trip(void **state)
{
	(void)state;
	for (int f = TL_FORMAT_AUTO; f <= TL_FORMAT_XML; f++) {
		const char *name = tl_format_name((tl_format)f);
		assert_non_null(name);
		tl_format back;
		assert_int_equal(tl_format_parse(&back, name), TL_OK);
		assert_int_equal(back, f);
	}
}

static void template__placeholders__one_word_mapped_whole(void **state)
{
	(void)state;
	const char *src = "Dear {{ title }} {{ last_name }},\n"
			  "{# note #}Failure to pay {{ amount|money }} will "
			  "result in <%= fee %> ${x.y} %(n)s.";
	tl_document *doc = read_as("m.txt.j2", src, TL_FORMAT_AUTO);
	assert_int_equal(tl_document_format(doc), TL_FORMAT_TEMPLATE);
	assert_true(prose_has(doc, "Dear x x,"));
	assert_false(prose_has(doc, "title"));
	assert_false(prose_has(doc, "note"));
	size_t end = 0;
	size_t at = source_of(doc, "pay x will", &end);
	assert_int_equal(at, (size_t)(strstr(src, "pay {{") - src));
	assert_int_equal(end, (size_t)(strstr(src, " result") - src));
	tl_document_free(doc);
}

static void template__else__ends_the_sentence(void **state)
{
	(void)state;
	const char *src = "{% if a %}Pay the balance{% else %}immediately"
			  "{% endif %}";
	tl_document *doc = read_as("m.txt.j2", src, TL_FORMAT_AUTO);
	assert_false(prose_has(doc, "balance immediately"));
	assert_true(prose_has(doc, "balance" TLI_BREAK "immediately"));
	tl_document_free(doc);
}

static void template__unclosed_tag__warned_and_kept(void **state)
{
	(void)state;
	const char *src = "Hello\n  {{ name and the rest.\nSee {{ you }}.";
	tl_document *doc = read_as("m.txt.j2", src, TL_FORMAT_AUTO);
	assert_int_equal(tl_document_warning_count(doc), 1);
	const tl_error *w = tl_document_warning(doc, 0);
	assert_int_equal(w->line, 2);
	assert_int_equal(w->column, 3);
	assert_string_equal(w->file, "m.txt.j2");
	assert_true(prose_has(doc, "and the rest."));
	assert_true(prose_has(doc, "See x."));
	tl_document_free(doc);
}

static void template__dollar_variable__printed_unless_assigned(void **state)
{
	(void)state;
	const char *src = "Dear {{ $name }}, {{ $total := .Sum }}pay "
			  "{{ $total }} by {{ $i, $v := .Items }}{{ $due }}.";
	tl_document *doc = read_as("m.txt.j2", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Dear x, pay x by x."));
	size_t end = 0;
	size_t at = source_of(doc, "Dear x", &end);
	assert_int_equal(at, 0);
	assert_int_equal(end, (size_t)(strstr(src, ",") - src));
	tl_document_free(doc);
}

static void template__blade_escaped_tag__one_placeholder(void **state)
{
	(void)state;
	const char *blade = "Hi @{{ name }}, {{ $name }} @if($a) ok @endif";
	tl_document *doc = read_as("m.blade.php", blade, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Hi x, x  ok"));
	size_t end = 0;
	size_t at = source_of(doc, "Hi x", &end);
	assert_int_equal(at, 0);
	assert_int_equal(end, (size_t)(strstr(blade, ",") - blade));
	tl_document_free(doc);
}

static void catalog__placeholders__one_word(void **state)
{
	(void)state;
	const char *src = "a = Pay %1$s by %s or {0}, __NAME__ %name% :who [x]";
	tl_document *doc = read_as("m.properties", src, TL_FORMAT_AUTO);
	assert_true(prose_has(doc, "Pay x by x or x, x x x x"));
	tl_document_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			textbuild__verbatim_through_layer__maps_to_file),
		cmocka_unit_test(textbuild__breaks__collapse_and_never_lead),
		cmocka_unit_test(detect__extensions_and_content),
		cmocka_unit_test(detect__name_alone__extension_or_auto),
		cmocka_unit_test(detect__signs__any_case_up_to_the_window),
		cmocka_unit_test(formats__names_round_trip),
		cmocka_unit_test(template__placeholders__one_word_mapped_whole),
		cmocka_unit_test(template__else__ends_the_sentence),
		cmocka_unit_test(template__unclosed_tag__warned_and_kept),
		cmocka_unit_test(catalog__placeholders__one_word),
		cmocka_unit_test(template__blade_escaped_tag__one_placeholder),
		cmocka_unit_test(
			template__dollar_variable__printed_unless_assigned),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
