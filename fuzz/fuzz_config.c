/*
 * fuzz_config.c: the .tonelint.yml loader (YAML, schema, globs,
 * severities, overrides), then what a run does with it: resolving the
 * settings of a few paths (glob matching) and applying them to a result.
 * A configuration that fails must leave the handle as it was.
 */
#include "fuzz_common.h"

static const char *const paths[] = {
	"/fuzz/invoice.txt",
	"/fuzz/templates/mail/reminder.html.j2",
	"/fuzz/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z.md",
	"/elsewhere/notes.txt",
	"relative/path.po",
};

static tl_ruleset *rs;
static tl_scanner *sc;
static tl_document *doc;

static void init(void)
{
	static const char pack[] =
		"- id: cold.greeting\n  category: cold\n  severity: warning\n"
		"  message: cold\n  phrases: [dear sir]\n  suggest: Hello\n"
		"- id: threat.legal\n  category: threat\n  severity: error\n"
		"  message: threat\n  pattern: 'legal action'\n"
		"  suggest: Let us talk\n";
	static const char text[] = "Dear Sir, legal action follows.\n";
	if (sc)
		return;
	if (tl_ruleset_new(&rs) ||
	    tl_ruleset_add_buffer(rs, "p.yml", pack, sizeof pack - 1) ||
	    tl_scanner_new(&sc, rs) ||
	    tl_document_from_buffer(&doc, "/fuzz/invoice.txt", text,
				    sizeof text - 1, TL_FORMAT_TEXT))
		fuzz_fail(__FILE__, __LINE__, "the fixed rules and text load");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	init();
	tl_config *cfg = NULL;
	if (tl_config_new(&cfg))
		return 0;
	tl_status st = tl_config_add_buffer(cfg, "/fuzz/.tonelint.yml", "/fuzz",
					    (const char *)data, size);
	const tl_error *e = tl_config_error(cfg);
	FUZZ_CHECK(e != NULL && e->message != NULL);
	if (st) {
		FUZZ_CHECK(st == TL_ESYNTAX || st == TL_EINVAL ||
			   st == TL_ENOMEM || st == TL_ELIMIT);
		/* Unchanged: an empty configuration resolves to defaults. */
		tl_file_settings s;
		if (tl_config_resolve(cfg, paths[0], &s) == TL_OK) {
			FUZZ_CHECK(!s.ignored && s.rule_pack_count == 0);
			tl_file_settings_clear(&s);
		}
		goto out;
	}
	/* A second layer on top of the first. */
	(void)tl_config_add_buffer(cfg, "/fuzz/templates/.tonelint.yml",
				   "/fuzz/templates", (const char *)data, size);
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		tl_file_settings s;
		if (tl_config_resolve(cfg, paths[i], &s))
			continue;
		for (size_t k = 0; k < s.rule_pack_count; k++)
			FUZZ_CHECK(s.rule_packs[k] != NULL);
		FUZZ_CHECK(s.fail.fail_on >= TL_FAIL_NEVER &&
			   s.fail.fail_on <= TL_SEVERITY_ERROR);
		tl_file_settings_clear(&s);
		tl_result *res = NULL;
		if (tl_scanner_scan(sc, doc, &res) == TL_OK) {
			(void)tl_result_apply_config(res, cfg, paths[i],
						     TL_SEVERITY_SUGGESTION);
			fuzz_check_result(res);
		}
		tl_result_free(res);
	}
out:
	tl_config_free(cfg);
	return 0;
}
