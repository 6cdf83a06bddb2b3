/* merge_sort.h — a stable sort written out for one element type.
 *
 * MERGE_SORT_DEFINE(name, T, less_eq) defines
 *     static void name(T *v, size_t n, T *tmp)
 * which sorts v[0..n) in place, stably (equal elements keep their order, as
 * glibc's qsort does), using tmp[0..n/2) as scratch; tmp may be NULL when
 * n <= MERGE_SORT_SHORT. `cmp(a, b)` is an expression of two `const T *`,
 * negative, zero or positive like a qsort comparison.
 *
 * Why not qsort: the lint of one file sorts a few dozen items several
 * times, and qsort's call through a function pointer per comparison cost
 * more than the sorting itself; here the comparison is inlined. Allocates
 * nothing; the caller owns v and tmp.
 */
#ifndef PGCL_MERGE_SORT_H
#define PGCL_MERGE_SORT_H

#include <stddef.h>
#include <string.h>

#define MERGE_SORT_SHORT 12   /* runs this short get an insertion sort */

#define MERGE_SORT_DEFINE(name, T, cmp)                                         \
    static void name(T *v, size_t n, T *tmp)                                    \
    {                                                                           \
        if (n <= MERGE_SORT_SHORT) {                                            \
            for (size_t i_ = 1; i_ < n; i_++) {                                 \
                T x_ = v[i_];                                                   \
                size_t j_ = i_;                                                 \
                for (; j_ > 0 && (cmp(&v[j_ - 1], &x_)) > 0; j_--)              \
                    v[j_] = v[j_ - 1];                                          \
                v[j_] = x_;                                                     \
            }                                                                   \
            return;                                                             \
        }                                                                       \
        size_t h_ = n / 2;                                                      \
        name(v, h_, tmp);                                                       \
        name(v + h_, n - h_, tmp);                                              \
        if ((cmp(&v[h_ - 1], &v[h_])) <= 0)                                     \
            return; /* the halves are already in order */                       \
        memcpy(tmp, v, h_ * sizeof *v);                                         \
        size_t i_ = 0, j_ = h_, k_ = 0;                                         \
        while (i_ < h_ && j_ < n)                                               \
            v[k_++] = (cmp(&v[j_], &tmp[i_])) < 0 ? v[j_++] : tmp[i_++];        \
        while (i_ < h_)                                                         \
            v[k_++] = tmp[i_++];                                                \
    }

/* How many elements of scratch a sort of n needs: 0 when it will not
 * merge (tmp may then be NULL). */
#define MERGE_SORT_SCRATCH(n) ((n) > MERGE_SORT_SHORT ? (n) / 2 : 0)

#endif
