/*
 * cf_loyalty_ladder_object.h — the loyalty_ladder state as an expanded object
 * (loyalty_ladder_object.c), used by the SQL functions of loyalty_ladder.c.
 */
#ifndef CF_LOYALTY_LADDER_OBJECT_H
#define CF_LOYALTY_LADDER_OBJECT_H

#include "cf_compat.h"		/* first: postgres.h and the majors' differences */
#include "fmgr.h"
#include "utils/expandeddatum.h"
#include "datatype/timestamp.h"

#include "loyalty_ladder.h"

typedef struct LoyaltyLadderObject
{
	ExpandedObjectHeader hdr;
	cf_loyalty_ladder  *r;
} LoyaltyLadderObject;

/* 53200 "a loyalty_ladder could not grow". */
CF_NORETURN extern void cf_loyalty_ladder_out_of_memory(void);

/* The error for a core return code of an add or flush (customer id for the message); loyalty_ladder.c. */
CF_NORETURN extern void cf_loyalty_ladder_add_error(int rc, int64 id);

/* A new empty ladder object under parent (in_agg: in the shared "loyalty_ladder states" context). */
extern LoyaltyLadderObject *cf_loyalty_ladder_object_new(MemoryContext parent, bool in_agg, const char *zone,
														  int zone_len, TimestampTz as_of);

/* Counts the rows the object still buffers, in its own context. */
extern void cf_loyalty_ladder_object_flush(LoyaltyLadderObject *o);

/* The object of an expanded datum, or NULL when d is flat. */
extern LoyaltyLadderObject *cf_loyalty_ladder_expanded(Datum d);

/* Opens the reader of a flat (stored) value. */
extern void cf_loyalty_ladder_open_flat(Datum d, cf_loyalty_ladder_reader *rd);

/* The ladder of a value for reading; *parsed when it was built from a flat value (the caller frees it). */
extern cf_loyalty_ladder *cf_loyalty_ladder_read(Datum d, bool *parsed);

/* A read-write copy of d under parent. */
extern LoyaltyLadderObject *cf_loyalty_ladder_object_copy(MemoryContext parent, bool in_agg, Datum d);

/* The state in argument argno, writable in place: the aggregate's own object or a copy. */
extern LoyaltyLadderObject *cf_loyalty_ladder_writable(FunctionCallInfo fcinfo, int argno, MemoryContext cxt, bool in_agg);

/* The read-write datum of the object. */
extern Datum cf_loyalty_ladder_object_datum(LoyaltyLadderObject *o);

#endif
