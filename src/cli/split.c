/*
 * split.c: one large file scanned on several workers. Its pieces are read
 * in order (tl_pieces_read, one reader at a time, each waiting for its
 * turn), scanned by whichever worker took the item (tl_piece_scan), and
 * finished and reported in order on the calling thread (tl_pieces_finish),
 * under the same lock as the reading, which the library asks for. The
 * worker pool's items are the pieces, as many as the file turns out to
 * have: an item that finds no piece left ends the run.
 */
#include "split.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pool.h"

typedef struct split_slot {
	tl_piece *pc;
	tl_status st;
	char why[256];
} split_slot;

typedef struct split {
	tl_pieces *p;
	tl_kind kind;
	tl_stage stage;
	cli_split_scanner scanner;
	cli_split_report report;
	void *payload;
	pthread_mutex_t lock;
	pthread_cond_t turn;
	size_t next_read;  /* the item whose turn it is to read */
	int end;	   /* read no more: the last piece, an error, a stop */
	split_slot *slots; /* item i's: slots[i % window] */
	size_t window;
	/* the calling thread's */
	int stopped;
	tl_status st;
	char *why;
	size_t why_size;
} split;

static void work(size_t i, unsigned worker, void *payload)
{
	split *s = payload;
	split_slot *sl = &s->slots[i % s->window];
	sl->pc = NULL;
	sl->st = TL_OK;
	sl->why[0] = '\0';
	pthread_mutex_lock(&s->lock);
	while (s->next_read != i)
		pthread_cond_wait(&s->turn, &s->lock);
	if (!s->end) {
		sl->st = tl_pieces_read(s->p, &sl->pc, sl->why, sizeof sl->why);
		if (sl->st || !sl->pc)
			s->end = 1;
	}
	s->next_read = i + 1;
	pthread_cond_broadcast(&s->turn);
	pthread_mutex_unlock(&s->lock);
	if (!sl->pc)
		return;
	tl_scanner *sc = s->scanner(worker, s->payload);
	if (!sc)
		sl->st = TL_ENOMEM;
	else
		tl_piece_scan(sl->pc, sc, s->kind, s->stage);
}

/* No piece is read any more: the items still to come find none. */
static void end_reading(split *s)
{
	pthread_mutex_lock(&s->lock);
	s->end = 1;
	pthread_mutex_unlock(&s->lock);
}

/* The first error is the one said; reading stops after it. */
static void fail(split *s, tl_status st, const char *why)
{
	if (s->st)
		return;
	s->st = st;
	snprintf(s->why, s->why_size, "%s", why ? why : "");
	end_reading(s);
}

static int done(size_t i, void *payload)
{
	split *s = payload;
	split_slot *sl = &s->slots[i % s->window];
	tl_piece *pc = sl->pc;
	sl->pc = NULL;
	if (!pc) { /* the end, or reading failed */
		if (sl->st && !s->stopped)
			fail(s, sl->st, sl->why);
		return 1;
	}
	if (s->st || s->stopped) { /* read before the end was known */
		tl_piece_free(pc);
		return 0;
	}
	tl_result *res = NULL;
	char why[256] = "";
	tl_status st = sl->st;
	tl_scanner *sc = st ? NULL : s->scanner(0, s->payload);
	if (!st && !sc)
		st = TL_ENOMEM;
	if (!st) {
		pthread_mutex_lock(&s->lock);
		st = tl_pieces_finish(s->p, pc, sc, &res, why, sizeof why);
		pthread_mutex_unlock(&s->lock);
	}
	int stop = 0;
	if (!st && res)
		st = s->report(res, &stop, s->payload);
	tl_result_free(res);
	tl_piece_free(pc);
	if (st) {
		fail(s, st, why);
	} else if (stop) {
		s->stopped = 1;
		end_reading(s);
	}
	return 0;
}

tl_status cli_split_run(tl_pieces *p, unsigned jobs, tl_kind kind,
			tl_stage stage, cli_split_scanner scanner,
			cli_split_report report, void *payload, char *why,
			size_t why_size)
{
	if (why && why_size)
		why[0] = '\0';
	if (jobs < 1)
		jobs = 1;
	/* Two pieces a worker: one being scanned, one read and waiting its
	 * turn to be reported while the one before it is. */
	size_t window = 2 * (size_t)jobs;
	split s = {.p = p,
		   .kind = kind,
		   .stage = stage,
		   .scanner = scanner,
		   .report = report,
		   .payload = payload,
		   .lock = PTHREAD_MUTEX_INITIALIZER,
		   .turn = PTHREAD_COND_INITIALIZER,
		   .slots = calloc(window, sizeof(split_slot)),
		   .window = window,
		   .why = why,
		   .why_size = why_size};
	if (!s.slots || cli_pool_run(SIZE_MAX, jobs, window, work, done, &s)) {
		free(s.slots);
		return TL_ENOMEM;
	}
	free(s.slots);
	pthread_mutex_destroy(&s.lock);
	pthread_cond_destroy(&s.turn);
	return s.st;
}
