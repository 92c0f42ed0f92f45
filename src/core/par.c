/* par.c — par_each: a shared count of the items taken, threads taking the
 * next one until none is left. The calling thread takes items too, so a
 * failure to start threads only makes the loop serial. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "common.h"
#include "par.h"

typedef struct par_loop {
    size_t n;
    _Atomic size_t next;
    void (*fn)(void *arg, size_t i);
    void *arg;
} par_loop;

static void *par_worker(void *p)
{
    par_loop *L = p;
    for (size_t i; (i = atomic_fetch_add(&L->next, 1)) < L->n;)
        L->fn(L->arg, i);
    return NULL;
}

void par_each(size_t n, size_t threads, void (*fn)(void *arg, size_t i), void *arg)
{
    par_loop L = {.n = n, .fn = fn, .arg = arg};
    atomic_init(&L.next, 0);
    if (threads > n)
        threads = n;
    pthread_t *t = threads > 1 ? xcalloc(threads - 1, sizeof *t) : NULL;
    size_t started = 0;
    pthread_attr_t attr;
    bool attr_ok = threads > 1 && pthread_attr_init(&attr) == 0;
    if (attr_ok)
        pthread_attr_setstacksize(&attr, 512 * 1024);
    while (attr_ok && started + 1 < threads && pthread_create(&t[started], &attr, par_worker, &L) == 0)
        started++;
    if (attr_ok)
        pthread_attr_destroy(&attr);
    par_worker(&L);
    for (size_t k = 0; k < started; k++)
        pthread_join(t[k], NULL);
    free(t);
}
