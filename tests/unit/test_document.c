#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/tl-doc-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", dir, name);
}

static void document__missing_file__not_found_with_reason(void **state)
{
	(void)state;
	tl_document *doc;
	char why[128];
	assert_int_equal(tl_document_from_file(&doc, "/nonexistent/f.txt", NULL,
					       TL_FORMAT_AUTO, NULL, why,
					       sizeof why),
			 TL_ENOTFOUND);
	assert_null(doc);
	assert_string_equal(why, "No such file or directory");
}

static void document__directory_and_device__refused(void **state)
{
	(void)state;
	tl_document *doc;
	char why[128];
	assert_int_equal(tl_document_from_file(&doc, dir, NULL, TL_FORMAT_AUTO,
					       NULL, why, sizeof why),
			 TL_EIO);
	assert_string_equal(why, "is a directory");
	assert_int_equal(tl_document_from_file(&doc, "/dev/zero", NULL,
					       TL_FORMAT_AUTO, NULL, why,
					       sizeof why),
			 TL_EIO);
	assert_string_equal(why,
			    "not a regular file (a device or special file)");
}

static void document__over_size_limit__refused(void **state)
{
	(void)state;
	char p[64];
	path_of(p, sizeof p, "big.txt");
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	for (int i = 0; i < 2000; i++)
		fputs("0123456789", f);
	fclose(f);
	tl_limits lim = {1024};
	tl_document *doc;
	char why[128];
	assert_int_equal(tl_document_from_file(&doc, p, NULL, TL_FORMAT_AUTO,
					       &lim, why, sizeof why),
			 TL_ELIMIT);
	assert_string_equal(why, "file is larger than the 1024 bytes limit "
				 "(--max-file-size)");
	lim.max_file_size = 20000;
	assert_int_equal(tl_document_from_file(&doc, p, "shown.txt",
					       TL_FORMAT_AUTO, &lim, why,
					       sizeof why),
			 TL_OK);
	assert_string_equal(tl_document_name(doc), "shown.txt");
	assert_int_equal(tl_document_format(doc), TL_FORMAT_TEXT);
	size_t len;
	tl_document_source(doc, &len);
	assert_int_equal(len, 20000);
	tl_document_free(doc);
}

static void document__fifo_without_writer__does_not_hang(void **state)
{
	(void)state;
	char p[64];
	path_of(p, sizeof p, "fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	tl_document *doc;
	char why[128];
	/* No writer: opening must not block, and it reads as empty. */
	assert_int_equal(tl_document_from_file(&doc, p, NULL, TL_FORMAT_AUTO,
					       NULL, why, sizeof why),
			 TL_OK);
	size_t len;
	tl_document_source(doc, &len);
	assert_int_equal(len, 0);
	tl_document_free(doc);
}

static void document__stream__read_whole(void **state)
{
	(void)state;
	char text[] = "line one\nline two\n";
	FILE *f = fmemopen(text, strlen(text), "r");
	assert_non_null(f);
	tl_document *doc;
	assert_int_equal(tl_document_from_stream(&doc, f, "<stdin>",
						 TL_FORMAT_TEXT, NULL, NULL, 0),
			 TL_OK);
	fclose(f);
	assert_int_equal(tl_document_words(doc), 4);
	tl_document_free(doc);
}

static void document__formats__parse_and_name(void **state)
{
	(void)state;
	tl_format f;
	assert_int_equal(tl_format_parse(&f, "text"), TL_OK);
	assert_int_equal(f, TL_FORMAT_TEXT);
	assert_int_equal(tl_format_parse(&f, "docx"), TL_ENOTFOUND);
	assert_string_equal(tl_format_name(TL_FORMAT_AUTO), "auto");
	assert_string_equal(tl_strerror(TL_ELIMIT), "resource limit reached");
	assert_string_equal(tl_version(), TL_VERSION_STRING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(document__missing_file__not_found_with_reason),
		cmocka_unit_test(document__directory_and_device__refused),
		cmocka_unit_test(document__over_size_limit__refused),
		cmocka_unit_test(document__fifo_without_writer__does_not_hang),
		cmocka_unit_test(document__stream__read_whole),
		cmocka_unit_test(document__formats__parse_and_name),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
