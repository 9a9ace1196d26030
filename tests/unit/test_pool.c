/* The worker pool of the command (src/cli/pool.c): every item worked on
 * once, handed back in order, never more than the window ahead, by the
 * caller as worker 0 and by jobs - 1 threads. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "cli/pool.h"

#define ITEMS 2000

typedef struct run {
	pthread_t caller;
	size_t window;
	unsigned jobs;
	pthread_mutex_t lock;
	unsigned worked[ITEMS];
	unsigned by[ITEMS];
	int on_caller[ITEMS];
	size_t handed; /* items handed back so far */
	size_t worst_ahead;
	int out_of_order;
	unsigned bad_worker;
	size_t stop_at; /* done says stop after it (0: never) */
} run;

static void work(size_t i, unsigned worker, void *payload)
{
	run *r = payload;
	pthread_mutex_lock(&r->lock);
	if (i >= ITEMS) { /* past a stop: taken, never handed back */
		r->bad_worker += r->stop_at == 0 || i > r->stop_at + r->window;
		pthread_mutex_unlock(&r->lock);
		return;
	}
	r->worked[i]++;
	r->by[i] = worker;
	r->on_caller[i] = pthread_equal(pthread_self(), r->caller);
	if (worker >= r->jobs)
		r->bad_worker++;
	/* how far ahead of the item handed back next this one is */
	size_t ahead = i - r->handed;
	if (ahead > r->worst_ahead)
		r->worst_ahead = ahead;
	pthread_mutex_unlock(&r->lock);
	if (i % 7 == 0)
		nanosleep(&(struct timespec){0, 50000}, NULL); /* slower */
}

static int done(size_t i, void *payload)
{
	run *r = payload;
	pthread_mutex_lock(&r->lock);
	if (i != r->handed || r->worked[i] != 1)
		r->out_of_order = 1;
	r->handed = i + 1;
	pthread_mutex_unlock(&r->lock);
	return r->stop_at && i == r->stop_at;
}

static run *new_run(unsigned jobs, size_t window)
{
	run *r = calloc(1, sizeof *r);
	assert_non_null(r);
	pthread_mutex_init(&r->lock, NULL);
	r->caller = pthread_self();
	r->jobs = jobs;
	r->window = window;
	return r;
}

static void pool__any_jobs__each_item_once_in_order(void **state)
{
	(void)state;
	static const unsigned jobs[] = {1, 2, 3, 8};
	for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++) {
		run *r = new_run(jobs[j], 4 * (size_t)jobs[j]);
		assert_int_equal(
			cli_pool_run(ITEMS, r->jobs, r->window, work, done, r),
			0);
		assert_int_equal(r->handed, ITEMS);
		assert_false(r->out_of_order);
		assert_int_equal(r->bad_worker, 0);
		/* an item is taken only while it is within the window of
		 * the one to hand back */
		assert_true(r->worst_ahead < r->window);
		size_t by_caller = 0, by_threads = 0;
		for (size_t i = 0; i < ITEMS; i++) {
			assert_int_equal(r->worked[i], 1);
			/* worker 0 is the calling thread, and only it */
			assert_int_equal(r->by[i] == 0, r->on_caller[i]);
			by_caller += r->on_caller[i];
			by_threads += !r->on_caller[i];
		}
		if (jobs[j] == 1)
			assert_int_equal(by_threads, 0);
		else
			assert_true(by_threads > 0);
		(void)by_caller;
		pthread_mutex_destroy(&r->lock);
		free(r);
	}
}

/* More jobs than items, a window smaller than the jobs, one item, none. */
static void pool__edges(void **state)
{
	(void)state;
	static const size_t counts[] = {0, 1, 3};
	for (size_t c = 0; c < 3; c++) {
		run *r = new_run(8, 1);
		assert_int_equal(cli_pool_run(counts[c], 8, 1, work, done, r),
				 0);
		assert_int_equal(r->handed, counts[c]);
		assert_false(r->out_of_order);
		for (size_t i = 0; i < counts[c]; i++)
			assert_int_equal(r->worked[i], 1);
		pthread_mutex_destroy(&r->lock);
		free(r);
	}
}

/* Items without a known end (n SIZE_MAX) until done says stop: nothing
 * after it is handed back, nothing more than the window past it is
 * taken, and the threads end. */
static void pool__done_says_stop__no_more_items(void **state)
{
	(void)state;
	static const unsigned jobs[] = {1, 2, 3, 8};
	for (size_t j = 0; j < sizeof jobs / sizeof jobs[0]; j++) {
		run *r = new_run(jobs[j], 2 * (size_t)jobs[j]);
		r->stop_at = 500;
		assert_int_equal(cli_pool_run(SIZE_MAX, r->jobs, r->window,
					      work, done, r),
				 0);
		assert_int_equal(r->handed, 501);
		assert_false(r->out_of_order);
		assert_int_equal(r->bad_worker, 0);
		for (size_t i = 0; i <= 500; i++)
			assert_int_equal(r->worked[i], 1);
		for (size_t i = 501 + r->window; i < ITEMS; i++)
			assert_int_equal(r->worked[i], 0);
		pthread_mutex_destroy(&r->lock);
		free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pool__any_jobs__each_item_once_in_order),
		cmocka_unit_test(pool__edges),
		cmocka_unit_test(pool__done_says_stop__no_more_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
