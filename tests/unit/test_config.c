#include "helpers.h"

#include <stdlib.h>

static tl_config *config(const char *yaml)
{
	tl_config *cfg = NULL;
	assert_int_equal(tl_config_new(&cfg), TL_OK);
	if (yaml)
		assert_int_equal(tl_config_add_buffer(cfg, "c.yml", "/p", yaml,
						      strlen(yaml)),
				 TL_OK);
	return cfg;
}

static void config__errors__name_file_line_column(void **state)
{
	(void)state;
	static const struct {
		const char *yaml;
		tl_status st;
		unsigned line, column;
		const char *message;
	} cases[] = {
		{"fail_on: sometimes\n", TL_EINVAL, 1, 10,
		 "'fail_on' must be error, warning, suggestion or never"},
		{"a: 1\n", TL_EINVAL, 1, 1,
		 "unknown key 'a' (expected rules, disable, severity, fail_on, "
		 "max_warnings, ignore, kind, stage, budget, overrides or root)"},
		{"max_warnings: -3\n", TL_EINVAL, 1, 15,
		 "'max_warnings' must be a whole number, 0 or more"},
		{"disable: [Cold!]\n", TL_EINVAL, 1, 11,
		 "'Cold!' is not a rule id or category"},
		{"overrides: [{files: x, root: true}]\n", TL_EINVAL, 1, 24,
		 "'root' belongs at the top level, not in an override"},
		{"fail_on: [\n", TL_ESYNTAX, 2, 1, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tl_config *cfg = config(NULL);
		tl_status st =
			tl_config_add_buffer(cfg, "c.yml", "/p", cases[i].yaml,
					     strlen(cases[i].yaml));
		assert_int_equal(st, cases[i].st);
		const tl_error *e = tl_config_error(cfg);
		assert_string_equal(e->file, "c.yml");
		assert_int_equal(e->line, cases[i].line);
		assert_int_equal(e->column, cases[i].column);
		if (cases[i].message)
			assert_string_equal(e->message, cases[i].message);
		tl_config_free(cfg);
	}
}

static void config__template__loads(void **state)
{
	(void)state;
	tl_config *cfg = config(tl_config_template());
	tl_file_settings s;
	assert_int_equal(tl_config_resolve(cfg, "/p/a.txt", &s), TL_OK);
	assert_int_equal(s.fail.fail_on, TL_SEVERITY_WARNING);
	assert_int_equal(s.ignored, 0);
	tl_file_settings_clear(&s);
	assert_int_equal(tl_config_resolve(cfg, "/p/x/vendor/a.txt", &s),
			 TL_OK);
	assert_int_equal(s.ignored, 1);
	tl_file_settings_clear(&s);
	tl_config_free(cfg);
}

static void config__later_layer_and_override__win(void **state)
{
	(void)state;
	tl_config *cfg = config("fail_on: error\nmax_warnings: 3\n"
				"rules: [a.yml]\n"
				"overrides:\n  - files: 'dunning/**'\n"
				"    fail_on: suggestion\n    rules: b.yml\n");
	const char *near = "fail_on: never\n";
	assert_int_equal(tl_config_add_buffer(cfg, "n.yml", "/p/near", near,
					      strlen(near)),
			 TL_OK);
	tl_file_settings s;
	assert_int_equal(tl_config_resolve(cfg, "/p/a.txt", &s), TL_OK);
	assert_int_equal(s.fail.fail_on, TL_FAIL_NEVER);
	assert_int_equal(s.fail.max_warnings, 3);
	assert_int_equal(s.rule_pack_count, 1);
	assert_string_equal(s.rule_packs[0], "/p/a.yml");
	tl_file_settings_clear(&s);
	assert_int_equal(tl_config_resolve(cfg, "/p/dunning/x/y.txt", &s),
			 TL_OK);
	assert_int_equal(s.fail.fail_on, TL_FAIL_NEVER);
	assert_int_equal(s.rule_pack_count, 2);
	assert_string_equal(s.rule_packs[1], "/p/b.yml");
	tl_file_settings_clear(&s);
	tl_config_free(cfg);
}

static void config__apply__disables_remaps_then_min_severity(void **state)
{
	(void)state;
	tl_ruleset *rs = load_rules(
		"- id: cold.dear\n  category: cold\n  severity: warning\n"
		"  message: m\n  phrases: [dear customer]\n  suggest: s\n"
		"- id: jargon.herewith\n  category: jargon\n"
		"  severity: suggestion\n  message: m\n  phrases: [herewith]\n"
		"  suggest: s\n"
		"- id: demand.now\n  category: demand\n  severity: error\n"
		"  message: m\n  phrases: [pay now]\n  suggest: s\n");
	const char *text = "Dear customer, herewith: pay now.";
	tl_document *doc;
	tl_result *res = scan_text(rs, text, strlen(text), &doc);
	assert_int_equal(tl_result_count(res), 3);
	tl_config *cfg = config("disable: [demand]\nseverity:\n"
				"  jargon: warning\n  cold: error\n"
				"  cold.dear: suggestion\n");
	assert_int_equal(tl_result_apply_config(res, cfg, "/p/t.txt",
						TL_SEVERITY_WARNING),
			 TL_OK);
	/* cold.dear: the id entry beats the category, then falls below
	 * the minimum; jargon raised to warning passes it. */
	assert_int_equal(tl_result_count(res), 1);
	assert_string_equal(tl_rule_id(tl_result_finding(res, 0)->rule),
			    "jargon.herewith");
	assert_int_equal(tl_result_finding(res, 0)->severity,
			 TL_SEVERITY_WARNING);
	tl_config_free(cfg);
	tl_result_free(res);
	tl_document_free(doc);
	tl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config__errors__name_file_line_column),
		cmocka_unit_test(config__template__loads),
		cmocka_unit_test(config__later_layer_and_override__win),
		cmocka_unit_test(
			config__apply__disables_remaps_then_min_severity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
