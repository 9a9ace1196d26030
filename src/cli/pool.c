#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pool {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t n, window;
	size_t next;	 /* next item to hand to a worker */
	size_t consumed; /* items handed back so far */
	unsigned char *done;
	cli_pool_work work;
	void *payload;
} pool;

typedef struct worker_arg {
	pool *p;
	unsigned id;
} worker_arg;

static void *worker_main(void *arg)
{
	worker_arg *wa = arg;
	pool *p = wa->p;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->next < p->n && p->next >= p->consumed + p->window)
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->next >= p->n)
			break;
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		p->work(i, wa->id, p->payload);
		pthread_mutex_lock(&p->lock);
		p->done[i] = 1;
		pthread_cond_broadcast(&p->changed);
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
			done(i, payload);
		}
		return 0;
	}
	if (jobs > n)
		jobs = (unsigned)n;
	if (window < jobs)
		window = jobs;
	pool p = {PTHREAD_MUTEX_INITIALIZER,
		  PTHREAD_COND_INITIALIZER,
		  n,
		  window,
		  0,
		  0,
		  calloc(n, 1),
		  work,
		  payload};
	pthread_t *threads = calloc(jobs, sizeof *threads);
	worker_arg *args = calloc(jobs, sizeof *args);
	if (!p.done || !threads || !args) {
		free(p.done);
		free(threads);
		free(args);
		return -1;
	}
	unsigned started = 0;
	for (; started < jobs; started++) {
		args[started].p = &p;
		args[started].id = started;
		if (pthread_create(&threads[started], NULL, worker_main,
				   &args[started]) != 0)
			break;
	}
	if (started == 0) {
		free(p.done);
		free(threads);
		free(args);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		pthread_mutex_lock(&p.lock);
		while (!p.done[i])
			pthread_cond_wait(&p.changed, &p.lock);
		pthread_mutex_unlock(&p.lock);
		done(i, payload);
		pthread_mutex_lock(&p.lock);
		p.consumed = i + 1;
		pthread_cond_broadcast(&p.changed);
		pthread_mutex_unlock(&p.lock);
	}
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
