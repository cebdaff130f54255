/*
 * loyalty_ladder_object.c — the loyalty_ladder state as an expanded object,
 * apart from loyalty_ladder.c (the SQL functions) so that each stays short.
 *
 * The state is an expanded object (utils/expandeddatum.h): in memory a hash
 * table of customers that the transition updates in place; flattened to the
 * compact binary form of the core whenever PostgreSQL stores or moves it
 * (tables, parallel workers, Citus, output).  The object's memory context is
 * a child of the aggregate context, so nodeAgg keeps the read-write pointer
 * instead of copying (ExecAggTransReparent).
 *
 * In an aggregate every ladder of one aggregate context shares that child
 * context ("loyalty_ladder states") rather than having one of its own: a
 * hashed GROUP BY re-measures the memory of the whole context tree after
 * each new group (hash_agg_check_limits), so a context per group made it
 * quadratic in the number of groups.  This is safe because nodeAgg deletes
 * an expanded state (DeleteExpandedObject, which deletes its context) only
 * when a transition returns a different pointer, and ours return the one
 * they were given; the states go when the aggregate context is reset.
 * Outside an aggregate an object still has a context of its own.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "common/int.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "cf_loyalty_ladder_object.h"

/* ---------- the expanded object ---------- */

static Size
loyalty_ladder_flat_size(ExpandedObjectHeader *eohptr)
{
	LoyaltyLadderObject *o = (LoyaltyLadderObject *) eohptr;
	Size		n;

	cf_loyalty_ladder_object_flush(o);
	cf_loyalty_ladder_sort(o->r);
	n = VARHDRSZ + cf_loyalty_ladder_binary_size(o->r);

	if (n > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("loyalty_ladder of %u customers is too large to store or move (%zu bytes)",
						o->r->ncustomers, n),
				 errhint("Build one ladder per range of customer_id and add up their stage_counts.")));
	return n;
}

static void
loyalty_ladder_flatten(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	LoyaltyLadderObject *o = (LoyaltyLadderObject *) eohptr;

	SET_VARSIZE(result, allocated_size);
	cf_loyalty_ladder_to_binary(o->r, (uint8 *) VARDATA(result));
}

static const ExpandedObjectMethods loyalty_ladder_methods = {loyalty_ladder_flat_size, loyalty_ladder_flatten};

/* An expanded object holding r, whose memory is in cxt (the object's own context). */
static LoyaltyLadderObject *
wrap(MemoryContext cxt, cf_loyalty_ladder *r)
{
	LoyaltyLadderObject *o = MemoryContextAlloc(cxt, sizeof(LoyaltyLadderObject));

	EOH_init_header(&o->hdr, &loyalty_ladder_methods, cxt);
	o->r = r;
	return o;
}

#define STATES_CONTEXT_NAME "loyalty_ladder states"

/*
 * The context shared by the ladders of aggregate context aggcxt (see the
 * top), created with the first one.  Found by its name among the children
 * (usually it is the only one).
 */
static MemoryContext
states_context(MemoryContext aggcxt)
{
	MemoryContext c;

	for (c = aggcxt->firstchild; c != NULL; c = c->nextchild)
		if (strcmp(c->name, STATES_CONTEXT_NAME) == 0)
			return c;
	return AllocSetContextCreate(aggcxt, STATES_CONTEXT_NAME, ALLOCSET_DEFAULT_SIZES);
}

/*
 * The context of a new object under parent: in an aggregate the shared one,
 * else a small one of its own.
 */
static MemoryContext
object_context(MemoryContext parent, bool in_agg)
{
	if (in_agg)
		return states_context(parent);
	return AllocSetContextCreate(parent, "loyalty_ladder", ALLOCSET_SMALL_SIZES);
}

void
cf_loyalty_ladder_out_of_memory(void)
{
	ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory"),
					errdetail("A loyalty_ladder could not grow.")));
}

/* A new empty ladder object under parent. */
LoyaltyLadderObject *
cf_loyalty_ladder_object_new(MemoryContext parent, bool in_agg, const char *zone, int zone_len, TimestampTz as_of)
{
	MemoryContext cxt = object_context(parent, in_agg);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	cf_loyalty_ladder  *r = cf_loyalty_ladder_new(zone, zone_len, as_of, &cf_pg_allocator);

	MemoryContextSwitchTo(old);
	if (!r)
		cf_loyalty_ladder_out_of_memory();
	return wrap(cxt, r);
}

/* Counts the rows the object still buffers (loyalty_ladder.h), in its own context. */
void
cf_loyalty_ladder_object_flush(LoyaltyLadderObject *o)
{
	MemoryContext old = MemoryContextSwitchTo(o->hdr.eoh_context);
	int64		failed = 0;
	int			rc = cf_loyalty_ladder_flush(o->r, &failed);

	MemoryContextSwitchTo(old);
	if (rc != CF_LOYALTY_LADDER_OK)
		cf_loyalty_ladder_add_error(rc, failed);
}

/* The ladder of a flat (stored) value, parsed in the current context. */
static cf_loyalty_ladder *
from_flat(Datum d)
{
	struct varlena *v = PG_DETOAST_DATUM(d);
	cf_error	why;
	cf_loyalty_ladder  *r;

	cf_check_stored(cf_loyalty_ladder_from_binary((const uint8 *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v),
												  &cf_pg_allocator, &r, &why), &why, "loyalty_ladder");
	if ((Pointer) v != DatumGetPointer(d))
		pfree(v);
	return r;
}

/* The object of an expanded value (flushed), or NULL for a flat one. */
LoyaltyLadderObject *
cf_loyalty_ladder_expanded(Datum d)
{
	LoyaltyLadderObject *o;

	if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		return NULL;
	o = (LoyaltyLadderObject *) DatumGetEOHP(d);
	if (o->hdr.eoh_methods != &loyalty_ladder_methods)
		elog(ERROR, "expanded object is not a loyalty_ladder");
	cf_loyalty_ladder_object_flush(o);
	return o;
}

/*
 * A reader over a flat (stored) value, which is canonical (ids increasing):
 * read in one pass without building a table.  22P02 for a corrupt header.
 */
void
cf_loyalty_ladder_open_flat(Datum d, cf_loyalty_ladder_reader *rd)
{
	struct varlena *v = PG_DETOAST_DATUM(d);

	if (!cf_loyalty_ladder_reader_open(rd, (const uint8 *) VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), true,
							   &cf_pg_allocator))
		cf_bad_stored_value("loyalty_ladder", rd->problem);
}

/*
 * The ladder of a value for reading: the object's own table when expanded,
 * else parsed (*parsed true: the caller frees it with cf_loyalty_ladder_free).
 */
cf_loyalty_ladder *
cf_loyalty_ladder_read(Datum d, bool *parsed)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		LoyaltyLadderObject *o = (LoyaltyLadderObject *) DatumGetEOHP(d);

		if (o->hdr.eoh_methods != &loyalty_ladder_methods)
			elog(ERROR, "expanded object is not a loyalty_ladder");
		cf_loyalty_ladder_object_flush(o);
		*parsed = false;
		return o->r;
	}
	*parsed = true;
	return from_flat(d);
}

/* A new object under parent holding a copy of value d. */
LoyaltyLadderObject *
cf_loyalty_ladder_object_copy(MemoryContext parent, bool in_agg, Datum d)
{
	MemoryContext cxt = object_context(parent, in_agg);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	cf_loyalty_ladder  *r;

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		bool		parsed;
		cf_loyalty_ladder  *src = cf_loyalty_ladder_read(d, &parsed);

		r = cf_loyalty_ladder_new(src->zone, src->zone_len, src->as_of, &cf_pg_allocator);
		if (!r || cf_loyalty_ladder_merge(r, src) != CF_LOYALTY_LADDER_OK)
			cf_loyalty_ladder_out_of_memory();
	}
	else
		r = from_flat(d);
	MemoryContextSwitchTo(old);
	return wrap(cxt, r);
}

/*
 * The state in argument argno for updating in place: our read-write object
 * when the aggregate owns it, else a copy under cxt (direct calls, a stored
 * value).
 */
LoyaltyLadderObject *
cf_loyalty_ladder_writable(FunctionCallInfo fcinfo, int argno, MemoryContext cxt, bool in_agg)
{
	Datum		d = PG_GETARG_DATUM(argno);

	if (in_agg && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
	{
		LoyaltyLadderObject *o = (LoyaltyLadderObject *) DatumGetEOHP(d);

		if (o->hdr.eoh_methods == &loyalty_ladder_methods &&
			MemoryContextGetParent(o->hdr.eoh_context) == cxt)
			return o;
	}
	return cf_loyalty_ladder_object_copy(cxt, in_agg, d);
}

Datum
cf_loyalty_ladder_object_datum(LoyaltyLadderObject *o)
{
	return EOHPGetRWDatum(&o->hdr);
}
