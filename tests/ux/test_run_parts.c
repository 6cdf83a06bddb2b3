/* test_run_parts.c — the pieces batch runs stand on: the ordered parallel
 * map (results handed back in item order, bounded work in flight), the
 * finding set (O(1) dedupe and counts), and baseline files (round trip,
 * counted matches, stale entries, malformed files refused). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "findset.h"
#include "hash.h"
#include "jobs.h"
#include "tests/tap.h"

static char tap_name[256];
#define ok(cond, ...) (snprintf(tap_name, sizeof tap_name, __VA_ARGS__), tap_ok((cond), tap_name))

typedef struct order_ctx {
    pthread_mutex_t mu;
    size_t next_emit;
    int out_of_order;
    int wrong_result;
    long in_flight, max_in_flight;
    unsigned seed;
} order_ctx;

static void *square(void *ctx, size_t i)
{
    order_ctx *c = ctx;
    pthread_mutex_lock(&c->mu);
    if (++c->in_flight > c->max_in_flight)
        c->max_in_flight = c->in_flight;
    pthread_mutex_unlock(&c->mu);
    /* uneven work so that later items often finish first */
    struct timespec ts = {0, (long)((i * 7919u) % 13) * 20000L};
    nanosleep(&ts, NULL);
    size_t *r = malloc(sizeof *r);
    *r = i * i;
    return r;
}

static void check_order(void *ctx, size_t i, void *result)
{
    order_ctx *c = ctx;
    if (i != c->next_emit)
        c->out_of_order++;
    if (*(size_t *)result != i * i)
        c->wrong_result++;
    c->next_emit = i + 1;
    free(result);
    pthread_mutex_lock(&c->mu);
    c->in_flight--;
    pthread_mutex_unlock(&c->mu);
}

static void test_jobs(void)
{
    const int threads[] = {1, 2, 3, 8};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        order_ctx c = {.mu = PTHREAD_MUTEX_INITIALIZER};
        size_t n = 400;
        int rc = jobs_run(n, threads[t], square, check_order, &c);
        ok(rc == 0, "jobs_run on %d thread(s) starts", threads[t]);
        ok(c.next_emit == n, "every item handed back (%zu of %zu)", c.next_emit, n);
        ok(c.out_of_order == 0 && c.wrong_result == 0,
           "items handed back in order with their own results (%d out of order, %d wrong)",
           c.out_of_order, c.wrong_result);
        /* the window is 4 per thread, plus the item being emitted */
        ok(c.max_in_flight <= (long)threads[t] * 4 + 1,
           "work in flight stays bounded on %d thread(s): at most %ld", threads[t],
           c.max_in_flight);
    }
    order_ctx c = {.mu = PTHREAD_MUTEX_INITIALIZER};
    jobs_run(0, 4, square, check_order, &c);
    ok(c.next_emit == 0, "no items: nothing emitted");
    ok(jobs_default_count() >= 1, "a default job count of at least one (%d)", jobs_default_count());
}

static findkey key_of(uint64_t i)
{
    return (findkey){hash_final(hash_u64(1, i)), hash_final(hash_u64(2, i))};
}

static void test_findset(void)
{
    findset s = {0};
    int first_new = 1, second_seen = 1;
    for (uint64_t i = 0; i < 50000; i++)
        first_new &= findset_add(&s, key_of(i)) == 0;
    for (uint64_t i = 0; i < 50000; i += 7)
        second_seen &= findset_add(&s, key_of(i)) == 1;
    ok(first_new, "50000 distinct keys are new when first added");
    ok(second_seen, "adding a key again reports it was there");
    ok(s.n == 50000, "the set holds 50000 keys (%zu)", s.n);
    int all_found = 1, none_extra = 1;
    for (uint64_t i = 0; i < 50000; i++)
        all_found &= findset_get(&s, key_of(i)) != NULL;
    for (uint64_t i = 50000; i < 60000; i++)
        none_extra &= findset_get(&s, key_of(i)) == NULL;
    ok(all_found, "every key is found");
    ok(none_extra, "keys never added are not found");
    findset_entry *e = findset_get(&s, key_of(14));
    ok(e && e->count == 2, "counts: a key added twice counts 2");
    findkey near = key_of(3);
    near.lo ^= 1;
    ok(findset_get(&s, near) == NULL, "a key differing in one bit is another key");
    findset_free(&s);
    ok(findset_get(&s, key_of(1)) == NULL, "a freed set is empty");
}

static void test_baseline(void)
{
    char dir[] = "/tmp/pgcl-baseline-XXXXXX";
    if (!mkdtemp(dir)) {
        ok(0, "temporary directory");
        return;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/b.txt", dir);
    baseline_writer w;
    const char *err = NULL;
    ok(baseline_writer_open(&w, path, &err) == 0, "baseline writer opens");
    baseline_writer_add(&w, "00000000000000aa", "x/pg_hba.conf", "rule-a", "a\tmessage\nsplit");
    baseline_writer_add(&w, "00000000000000aa", "x/pg_hba.conf", "rule-a", "same twice");
    baseline_writer_add(&w, "00000000000000bb", "x/pg_hba.conf", "rule-b", "b");
    ok(baseline_writer_close(&w, &err) == 0, "baseline writer closes (renames into place)");
    baseline b;
    ok(baseline_load(path, &b, &err) == 0, "baseline loads what was written");
    ok(b.entries == 3, "three entries (%d)", b.entries);
    ok(baseline_take(&b, "00000000000000aa") && baseline_take(&b, "00000000000000aa"),
       "an entry recorded twice matches twice");
    ok(!baseline_take(&b, "00000000000000aa"), "and not a third time");
    ok(!baseline_take(&b, "00000000000000cc"), "an unknown fingerprint does not match");
    ok(baseline_stale(&b) == 1, "one entry unmatched is stale (%d)", baseline_stale(&b));
    baseline_free(&b);

    FILE *f = fopen(path, "w");
    fputs("# pgconflint baseline v1\n0123\tp\tr\tm\n", f);
    fclose(f);
    ok(baseline_load(path, &b, &err) != 0, "a short fingerprint is refused: %s", err);
    f = fopen(path, "w");
    fputs("findings\n", f);
    fclose(f);
    ok(baseline_load(path, &b, &err) != 0, "a file without the header is refused");
    unlink(path);
    ok(baseline_load(path, &b, &err) != 0, "a missing file is an error");
    rmdir(dir);
}

int main(void)
{
    test_jobs();
    test_findset();
    test_baseline();
    return tap_done();
}
