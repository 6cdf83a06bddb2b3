/*
 * jobs — run one function over items 0..n-1 on several threads and hand the
 * results back in item order, so that batch output is the same whatever the
 * thread timing.
 *
 * Workers never run more than a small window ahead of the item being
 * handed back: memory stays flat however many items there are. `work` runs
 * on worker threads and must touch no shared mutable state; `emit` runs on
 * the calling thread, one item at a time, in order, and owns the result it
 * is given. Holds no memory after jobs_run returns.
 */
#ifndef PGCL_JOBS_H
#define PGCL_JOBS_H

#include <stddef.h>

typedef void *(*jobs_work_fn)(void *ctx, size_t i);
typedef void (*jobs_emit_fn)(void *ctx, size_t i, void *result);

/* With threads <= 1 (or a single item) everything runs on the calling
 * thread. Returns 0, or -1 if no thread could be started (then the items
 * were processed on the calling thread instead). */
int jobs_run(size_t n, int threads, jobs_work_fn work, jobs_emit_fn emit, void *ctx);

/* The number of processors this process may run on (at least 1). */
int jobs_default_count(void);

#endif
