#include "helpers.h"
#include "utf8.h"

static void utf8__ascii_and_multibyte__counted_as_characters(void **state)
{
	(void)state;
	assert_int_equal(tli_utf8_count("abc", 3), 3);
	assert_int_equal(tli_utf8_count("caf\xC3\xA9", 5), 4);
	assert_int_equal(tli_utf8_count("\xE2\x82\xAC"
					"5",
					4),
			 2); /* €5 */
	assert_int_equal(tli_utf8_count("\xF0\x9F\x98\x80", 4), 1);
}

static void utf8__invalid_bytes__count_one_each(void **state)
{
	(void)state;
	/* a stray continuation byte, a Latin-1 byte, a truncated sequence */
	assert_int_equal(tli_utf8_count("\x80\xE9"
					"a\xE2\x82",
					5),
			 5);
}

static void utf8__overlong_and_surrogates__rejected(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(
		tli_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(
		tli_utf8_decode((const unsigned char *)"\xE0\x80\xAF", 3, &cp),
		1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(
		tli_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp),
		1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(
		tli_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4,
				&cp),
		1);
	assert_int_equal(cp, 0xFFFD);
}

static void byte_kind__every_byte__as_defined(void **state)
{
	(void)state;
	for (unsigned c = 0; c < 256; c++) {
		int space = c == ' ' || (c >= '\t' && c <= '\r');
		int alnum = c >= 0x80 || (c >= '0' && c <= '9') ||
			    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		int join = c == '\'' || c == '-' || c == '_';
		int lead = c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3;
		unsigned want = (space ? TLI_BYTE_SPACE : 0) |
				(alnum || c == '_' ? TLI_BYTE_WORD : 0) |
				(alnum ? TLI_BYTE_ALNUM : 0) |
				(join ? TLI_BYTE_JOIN : 0) |
				(lead ? TLI_BYTE_LEAD : 0);
		if (tli_byte_kind[c] != want)
			fail_msg("byte 0x%02X: %u, want %u", c,
				 tli_byte_kind[c], want);
	}
	/* every non-ASCII white-space character starts with a LEAD byte */
	const uint32_t spaces[] = {0x85,   0xA0,   0x1680, 0x180E,
				   0x2000, 0x200A, 0x2028, 0x2029,
				   0x202F, 0x205F, 0x3000};
	for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
		char b[4];
		tli_utf8_encode(spaces[i], b);
		assert_true(tli_byte_kind[(unsigned char)b[0]] & TLI_BYTE_LEAD);
	}
}

static void utf8__encode__round_trips(void **state)
{
	(void)state;
	const uint32_t cps[] = {0x41, 0xE9, 0x20AC, 0x1F600};
	for (size_t i = 0; i < 4; i++) {
		char buf[4];
		uint32_t back;
		size_t n = tli_utf8_encode(cps[i], buf);
		assert_int_equal(
			tli_utf8_decode((unsigned char *)buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			utf8__ascii_and_multibyte__counted_as_characters),
		cmocka_unit_test(utf8__invalid_bytes__count_one_each),
		cmocka_unit_test(utf8__overlong_and_surrogates__rejected),
		cmocka_unit_test(utf8__encode__round_trips),
		cmocka_unit_test(byte_kind__every_byte__as_defined),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
