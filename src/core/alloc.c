/*
 * alloc.c — the libc allocator (see alloc.h).
 */
#include "alloc.h"

#include <stdlib.h>

static void *
libc_alloc(size_t size)
{
	return malloc(size ? size : 1);
}

static void
libc_free(void *ptr)
{
	free(ptr);
}

const cf_allocator cf_malloc_allocator = {libc_alloc, libc_free};
