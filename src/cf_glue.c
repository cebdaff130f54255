/*
 * cf_glue.c — validators and error reports shared by the glue files.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "cf_glue.h"

void
cf_check_finite(double value, const char *what)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", what),
				 errdetail("The value given is %s.", isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))));
}

void
cf_check_confidence(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence must be between 0 and 1"),
				 errdetail("The confidence given is %g; it must lie strictly between 0 and 1.", confidence),
				 errhint("Use 0.95 for a 95%% interval.")));
}

void
cf_bad_text_form(const char *typname, const char *text, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", typname, text),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

void
cf_bad_stored_value(const char *typname, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s value", typname),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/* ---------- the core's memory ---------- */

/* Out of memory is PostgreSQL's error (53200, naming the context), not NULL. */
static void *
pg_alloc(size_t size)
{
	return palloc_extended(size ? size : 1, MCXT_ALLOC_HUGE);
}

static void
pg_free(void *ptr)
{
	pfree(ptr);
}

const cf_allocator cf_pg_allocator = {pg_alloc, pg_free};

void
cf_scratch_begin(cf_scratch *s, const char *name)
{
	/* name is kept, not copied: callers pass a string literal */
	s->cxt = AllocSetContextCreateInternal(CurrentMemoryContext, name, ALLOCSET_DEFAULT_SIZES);
	s->old = MemoryContextSwitchTo(s->cxt);
}

void
cf_scratch_end(cf_scratch *s)
{
	MemoryContextSwitchTo(s->old);
	MemoryContextDelete(s->cxt);
	s->cxt = NULL;
}
