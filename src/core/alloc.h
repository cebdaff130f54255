/*
 * alloc.h — the one allocator type of the core.
 *
 * Core code that needs memory takes it from a cf_allocator its caller
 * supplies.  Unit tests, fuzzers and benchmarks pass cf_malloc_allocator
 * (libc) or one of their own (counting, failing on demand); the glue passes
 * cf_pg_allocator (cf_glue.h), which pallocs in CurrentMemoryContext, so
 * that an error or a cancel (both leave by longjmp, see interrupt.h) frees
 * the memory with its context.  The glue chooses the context: for a long
 * computation it switches to a named child context (visible in
 * pg_backend_memory_contexts) and deletes it afterwards.
 *
 * alloc returns NULL when out of memory (the core then fails with its
 * ENOMEM code and frees what it took) or does not return (the server's
 * raises PostgreSQL's out-of-memory error); free is never given NULL.  Core code that
 * calls cf_check_interrupts() must hold memory only from a cf_allocator at
 * that point, never from malloc.
 */
#ifndef CF_ALLOC_H
#define CF_ALLOC_H

#include <stddef.h>

typedef struct cf_allocator
{
	void	   *(*alloc) (size_t size);
	void		(*free) (void *ptr);
} cf_allocator;

/* malloc/free: for code without a host (tests, fuzzers, benchmarks). */
extern const cf_allocator cf_malloc_allocator;

/* size * count bytes from a, or NULL when that overflows or a fails. */
static inline void *
cf_alloc_array(const cf_allocator *a, size_t count, size_t size)
{
	size_t		bytes = count * size;

	if (size != 0 && count > (size_t) -1 / size)
		return NULL;
	return a->alloc(bytes > 0 ? bytes : 1);
}

/* Give back p (NULL allowed). */
static inline void
cf_free(const cf_allocator *a, void *p)
{
	if (p != NULL)
		a->free(p);
}

#endif							/* CF_ALLOC_H */
