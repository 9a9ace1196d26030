#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * The calling thread is worker 0: while the item it is to hand back next is
 * not done, it takes the next item itself, if the window allows, rather than
 * wait. So `jobs` workers are jobs - 1 threads and the caller, never more
 * threads than asked for; and a thread is woken only when what it waits
 * for has happened (its item done, room in the window), not at every item
 * done: with thousands of small files, wake-ups and task switches were a
 * third of the work of two threads.
 */
typedef struct pool {
	pthread_mutex_t lock;
	pthread_cond_t item_done; /* the caller's item (`consumed`) */
	pthread_cond_t room;	  /* the window moved on */
	size_t n, window;
	size_t next;	 /* next item to take */
	size_t consumed; /* items handed back so far */
	int caller_waits;
	unsigned workers_wait;
	/* item i is done: done[i % window], as no two items the window apart
	 * are ever taken at once */
	unsigned char *done;
	cli_pool_work work;
	void *payload;
} pool;

typedef struct worker_arg {
	pool *p;
	unsigned id;
} worker_arg;

/* Under the lock: item i is done; wakes the caller if it waits for it. */
static void mark_done(pool *p, size_t i)
{
	p->done[i % p->window] = 1;
	if (p->caller_waits && i == p->consumed)
		pthread_cond_signal(&p->item_done);
}

static void *worker_main(void *arg)
{
	worker_arg *wa = arg;
	pool *p = wa->p;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->next < p->n && p->next >= p->consumed + p->window) {
			p->workers_wait++;
			pthread_cond_wait(&p->room, &p->lock);
			p->workers_wait--;
		}
		if (p->next >= p->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		p->work(i, wa->id, p->payload);
		pthread_mutex_lock(&p->lock);
		mark_done(p, i);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

int cli_pool_run(size_t n, unsigned jobs, size_t window, cli_pool_work work,
		 cli_pool_done done, void *payload)
{
	if (jobs <= 1 || n <= 1) {
		for (size_t i = 0; i < n; i++) {
			work(i, 0, payload);
			if (done(i, payload))
				break;
		}
		return 0;
	}
	if (jobs > n)
		jobs = (unsigned)n;
	if (window < jobs)
		window = jobs;
	pool p = {.lock = PTHREAD_MUTEX_INITIALIZER,
		  .item_done = PTHREAD_COND_INITIALIZER,
		  .room = PTHREAD_COND_INITIALIZER,
		  .n = n,
		  .window = window,
		  .done = calloc(window, 1),
		  .work = work,
		  .payload = payload};
	pthread_t *threads = calloc(jobs, sizeof *threads);
	worker_arg *args = calloc(jobs, sizeof *args);
	if (!p.done || !threads || !args) {
		free(p.done);
		free(threads);
		free(args);
		return -1;
	}
	/* workers 1 .. jobs - 1 on threads; if none starts, the caller
	 * does all the work alone */
	unsigned started = 0;
	for (unsigned w = 1; w < jobs; w++) {
		args[started].p = &p;
		args[started].id = w;
		if (pthread_create(&threads[started], NULL, worker_main,
				   &args[started]) != 0)
			break;
		started++;
	}
	pthread_mutex_lock(&p.lock);
	for (size_t i = 0; i < p.n; i++) {
		while (!p.done[i % p.window]) {
			if (p.next < p.n && p.next < p.consumed + p.window) {
				size_t k = p.next++;
				pthread_mutex_unlock(&p.lock);
				work(k, 0, payload);
				pthread_mutex_lock(&p.lock);
				p.done[k % p.window] = 1;
				continue;
			}
			p.caller_waits = 1;
			pthread_cond_wait(&p.item_done, &p.lock);
			p.caller_waits = 0;
		}
		p.done[i % p.window] = 0;
		pthread_mutex_unlock(&p.lock);
		int stop = done(i, payload);
		pthread_mutex_lock(&p.lock);
		p.consumed = i + 1;
		if (stop)
			p.n = i + 1; /* no more items taken; threads end */
		if (p.workers_wait)
			pthread_cond_broadcast(&p.room);
	}
	pthread_mutex_unlock(&p.lock);
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(p.done);
	free(threads);
	free(args);
	return 0;
}

unsigned cli_pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}
