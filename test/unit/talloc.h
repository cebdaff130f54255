/*
 * talloc.h — the unit tests' cf_allocator (alloc.h): malloc that counts the
 * live blocks (a test checks that the core gave back all it took) and fails
 * on demand (fail_after(k): the k-th allocation from now and every later one
 * return NULL), for allocation failure at every step.
 */
#ifndef CF_TEST_TALLOC_H
#define CF_TEST_TALLOC_H

#include <stdlib.h>

#include "alloc.h"

static long live_blocks;		/* allocated and not yet freed */
static long nallocs;			/* allocations granted since fail_after */
static long fail_at = -1;		/* the allocation number that fails, and every later one; -1 never */

static void *
talloc(size_t size)
{
	void	   *p;

	if (fail_at >= 0 && nallocs >= fail_at)
		return NULL;
	p = malloc(size ? size : 1);
	if (p)
	{
		live_blocks++;
		nallocs++;
	}
	return p;
}

static void
tfree(void *p)
{
	if (p)
		live_blocks--;
	free(p);
}

static const cf_allocator test_alloc = {talloc, tfree};

static void
fail_after(long n)
{
	nallocs = 0;
	fail_at = n;
}

#endif
