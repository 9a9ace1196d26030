/* test_split.c: a large file's pieces scanned on several workers
 * (src/cli/split.c) are reported as tl_pieces_next gives them, in order;
 * a report's error or stop ends the run, and nothing read is leaked. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/split.h"
#include "helpers.h"

static const char *rules = "- id: t.legal\n"
			   "  category: threat\n"
			   "  severity: error\n"
			   "  message: m\n"
			   "  pattern: 'legal\\s+action'\n"
			   "  suggest: s\n";

#define JOBS 4

typedef struct run {
	tl_scanner *sc[JOBS];
	/* what was reported: the offsets and contexts of the findings */
	size_t offsets[8192];
	char contexts[8192][64];
	size_t count, pieces;
	size_t fail_at, stop_at; /* the piece whose report fails / stops
				    (1-based; 0: none) */
	int other_thread; /* a report came on a thread not the caller's */
	pthread_t caller;
} run;

static tl_scanner *scanner(unsigned w, void *payload)
{
	run *r = payload;
	return w < JOBS ? r->sc[w] : NULL;
}

static tl_status report(tl_result *res, int *stop, void *payload)
{
	run *r = payload;
	r->pieces++;
	if (!pthread_equal(pthread_self(), r->caller))
		r->other_thread = 1;
	if (r->pieces == r->fail_at)
		return TL_ENOMEM;
	for (size_t i = 0; i < tl_result_count(res); i++) {
		const tl_finding *f = tl_result_finding(res, i);
		assert_true(r->count < 8192);
		r->offsets[r->count] = f->offset;
		snprintf(r->contexts[r->count], sizeof r->contexts[0], "%s",
			 f->context ? f->context : "");
		r->count++;
	}
	if (r->pieces == r->stop_at)
		*stop = 1;
	return TL_OK;
}

/* A mailbox of 400 reminders, with "From " lines in some bodies (GMime's
 * count of messages is not the "From " lines'). */
static void write_mailbox(const char *path)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 400; i++) {
		fprintf(f,
			"From billing@example.com Mon Mar  4 09:00:00 2024\n"
			"Subject: Reminder %d\n"
			"Message-ID: <m%d@example.com>\n\n"
			"Hello,\n\nPlease note: legal action.\n",
			i, i);
		if (i % 9 == 4)
			fputs("From the desk of the billing team.\n"
			      "legal action\n",
			      f);
		fputs("\n", f);
	}
	fclose(f);
}

static tl_pieces *open_pieces(const char *path)
{
	tl_pieces *p = NULL;
	char why[256];
	assert_int_equal(tl_pieces_open(&p, path, NULL, TL_FORMAT_AUTO, NULL,
					1024, why, sizeof why),
			 TL_OK);
	assert_non_null(p);
	return p;
}

static run *new_run(tl_ruleset *rs)
{
	run *r = calloc(1, sizeof *r);
	assert_non_null(r);
	for (int w = 0; w < JOBS; w++)
		assert_int_equal(tl_scanner_new(&r->sc[w], rs), TL_OK);
	r->caller = pthread_self();
	return r;
}

static void free_run(run *r)
{
	for (int w = 0; w < JOBS; w++)
		tl_scanner_free(r->sc[w]);
	free(r);
}

static void split__any_jobs__as_pieces_one_by_one(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-split-%ld.mbox",
		 (long)getpid());
	write_mailbox(path);
	tl_ruleset *rs = load_rules(rules);

	/* the reference: tl_pieces_next */
	run *ref = new_run(rs);
	tl_pieces *p = open_pieces(path);
	tl_result *res;
	char why[256];
	while (tl_pieces_next(p, ref->sc[0], TL_KIND_NONE, TL_STAGE_NONE, &res,
			      why, sizeof why) == TL_OK &&
	       res) {
		int stop = 0;
		assert_int_equal(report(res, &stop, ref), TL_OK);
		tl_result_free(res);
	}
	tl_pieces_free(p);
	assert_true(ref->pieces > 20);
	assert_true(ref->count >= 400);

	for (unsigned jobs = 1; jobs <= JOBS; jobs++) {
		run *r = new_run(rs);
		p = open_pieces(path);
		assert_int_equal(cli_split_run(p, jobs, TL_KIND_NONE,
					       TL_STAGE_NONE, scanner, report,
					       r, why, sizeof why),
				 TL_OK);
		tl_pieces_free(p);
		assert_false(r->other_thread);
		assert_int_equal(r->pieces, ref->pieces);
		assert_int_equal(r->count, ref->count);
		for (size_t i = 0; i < r->count; i++) {
			assert_int_equal(r->offsets[i], ref->offsets[i]);
			assert_string_equal(r->contexts[i], ref->contexts[i]);
		}
		free_run(r);
	}
	free_run(ref);
	tl_ruleset_free(rs);
	unlink(path);
}

/* A report that fails: its status is returned and no piece after it is
 * reported; one that stops: TL_OK, and none after it either. Pieces read
 * ahead are freed (the sanitizers' leak check). */
static void split__report_fails_or_stops__nothing_after(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-split-e-%ld.mbox",
		 (long)getpid());
	write_mailbox(path);
	tl_ruleset *rs = load_rules(rules);
	char why[256];
	for (unsigned jobs = 1; jobs <= JOBS; jobs++) {
		run *r = new_run(rs);
		r->fail_at = 3;
		tl_pieces *p = open_pieces(path);
		assert_int_equal(cli_split_run(p, jobs, TL_KIND_NONE,
					       TL_STAGE_NONE, scanner, report,
					       r, why, sizeof why),
				 TL_ENOMEM);
		assert_int_equal(r->pieces, 3);
		tl_pieces_free(p);
		free_run(r);

		r = new_run(rs);
		r->stop_at = 1;
		p = open_pieces(path);
		assert_int_equal(cli_split_run(p, jobs, TL_KIND_NONE,
					       TL_STAGE_NONE, scanner, report,
					       r, why, sizeof why),
				 TL_OK);
		assert_int_equal(r->pieces, 1);
		tl_pieces_free(p);
		free_run(r);
	}
	tl_ruleset_free(rs);
	unlink(path);
}

/* The calling thread without a scanner (out of memory): it can neither
 * scan the first piece nor finish it, so whichever worker takes that
 * piece, the run fails with TL_ENOMEM before anything is reported. */
static tl_scanner *no_scanner_for_0(unsigned w, void *payload)
{
	run *r = payload;
	return w == 0 ? NULL : r->sc[w];
}

static void split__no_scanner__out_of_memory(void **state)
{
	(void)state;
	char path[64];
	snprintf(path, sizeof path, "/tmp/tonelint-split-m-%ld.mbox",
		 (long)getpid());
	write_mailbox(path);
	tl_ruleset *rs = load_rules(rules);
	char why[256];
	for (unsigned jobs = 1; jobs <= JOBS; jobs += 2) {
		run *r = new_run(rs);
		tl_pieces *p = open_pieces(path);
		assert_int_equal(cli_split_run(p, jobs, TL_KIND_NONE,
					       TL_STAGE_NONE, no_scanner_for_0,
					       report, r, why, sizeof why),
				 TL_ENOMEM);
		assert_int_equal(r->pieces, 0);
		tl_pieces_free(p);
		free_run(r);
	}
	tl_ruleset_free(rs);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split__any_jobs__as_pieces_one_by_one),
		cmocka_unit_test(split__report_fails_or_stops__nothing_after),
		cmocka_unit_test(split__no_scanner__out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
