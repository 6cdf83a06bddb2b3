/* jobs.c — an ordered parallel map over a bounded window of result slots. */
#include "jobs.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t ready;     /* a slot was filled: the emitter may proceed */
    pthread_cond_t room;      /* the emitter freed a slot: workers may claim */
    size_t n, next, cursor, window;
    void **slot;
    unsigned char *filled;
    jobs_work_fn work;
    void *ctx;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next < p->n && p->next >= p->cursor + p->window)
            pthread_cond_wait(&p->room, &p->mu);
        if (p->next >= p->n) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);

        void *r = p->work(p->ctx, i);

        pthread_mutex_lock(&p->mu);
        p->slot[i % p->window] = r;
        p->filled[i % p->window] = 1;
        if (i == p->cursor)
            pthread_cond_signal(&p->ready);
        pthread_mutex_unlock(&p->mu);
    }
}

static void run_inline(size_t n, jobs_work_fn work, jobs_emit_fn emit, void *ctx)
{
    for (size_t i = 0; i < n; i++)
        emit(ctx, i, work(ctx, i));
}

int jobs_run(size_t n, int threads, jobs_work_fn work, jobs_emit_fn emit, void *ctx)
{
    if (threads <= 1 || n <= 1) {
        run_inline(n, work, emit, ctx);
        return 0;
    }
    if ((size_t)threads > n)
        threads = (int)n;
    pool p = {.n = n, .work = work, .ctx = ctx};
    /* A few items per thread of slack keeps every core busy while one slow
     * file holds up the emitter, without letting results pile up. */
    p.window = (size_t)threads * 4;
    p.slot = calloc(p.window, sizeof *p.slot);
    p.filled = calloc(p.window, 1);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    if (!p.slot || !p.filled || !tid) {
        free(p.slot);
        free(p.filled);
        free(tid);
        run_inline(n, work, emit, ctx);
        return -1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.room, NULL);
    int started = 0;
    for (int t = 0; t < threads; t++) {
        if (pthread_create(&tid[t], NULL, worker, &p) != 0)
            break;
        started++;
    }
    int rc = 0;
    if (started == 0) {
        rc = -1;
        run_inline(n, work, emit, ctx);
    } else {
        for (size_t i = 0; i < n; i++) {
            pthread_mutex_lock(&p.mu);
            while (!p.filled[i % p.window])
                pthread_cond_wait(&p.ready, &p.mu);
            void *r = p.slot[i % p.window];
            p.filled[i % p.window] = 0;
            p.cursor = i + 1;
            /* the next item may already be waiting to be noticed */
            pthread_cond_broadcast(&p.room);
            pthread_mutex_unlock(&p.mu);
            emit(ctx, i, r);
        }
    }
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_cond_destroy(&p.room);
    pthread_cond_destroy(&p.ready);
    pthread_mutex_destroy(&p.mu);
    free(p.slot);
    free(p.filled);
    free(tid);
    return rc;
}

int jobs_default_count(void)
{
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
