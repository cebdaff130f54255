/*
 * cf_glue.h — helpers shared by the fmgr glue files: one validator per kind of
 * argument, so every entry point rejects the same bad value with the same
 * message and SQLSTATE.
 */
#ifndef CF_GLUE_H
#define CF_GLUE_H

#include "postgres.h"
#include "fmgr.h"
#include "datatype/timestamp.h"
#include "pgtime.h"

#include "utils/memutils.h"

#include "alloc.h"
#include "loyalty.h"
#include "profile.h"

/* Raise 22023 unless value is a finite number; what names the argument. */
extern void cf_check_finite(double value, const char *what);

/* Raise 22023 unless 0 < confidence < 1. */
extern void cf_check_confidence(double confidence);

/* Raise 22P02 for a malformed text form of type typname. */
extern void cf_bad_text_form(const char *typname, const char *text, const char *problem) pg_attribute_noreturn();

/* Raise 22P02 for an unsound binary or stored value of type typname. */
extern void cf_bad_stored_value(const char *typname, const char *problem) pg_attribute_noreturn();

/* The loyalty thresholds of the customer_focus.* settings in force (profile.c). */
extern cf_ladder cf_ladder_from_settings(void);

/*
 * The local day of as_of in the profile's time zone, cached per call site in
 * fn_extra, which must be NULL or start with the cache (profile.c); 22023 when
 * as_of is before the last order, 22008 when it is infinite.
 */
extern int32 cf_profile_as_of_day(FunctionCallInfo fcinfo, const cf_profile *p, TimestampTz as_of);

/* The thresholds in arguments first..first+5, NULL ones from the settings; 22023 if unusable (profile.c). */
extern cf_ladder cf_ladder_from_args(FunctionCallInfo fcinfo, int first);

/*
 * Local calendar days (since 2000-01-01) of timestamps in a zone, with a
 * per-call-site cache of each UTC day's offset kept in fn_extra (profile.c).
 */
#define CF_DAY_CACHE 4096
typedef struct cf_day_cache
{
	pg_tz	   *tz;
	const char *zone;			/* the zone's name, as recorded in states */
	int			zone_len;
	bool		zone_replaced;	/* the zone changed since the cache was made */
	int64		utc_day[CF_DAY_CACHE];
	int32		offset[CF_DAY_CACHE];	/* seconds east of UTC for the whole UTC day, or MIXED */
} cf_day_cache;

/* The cache in fn_extra for zone tz (made or remade as needed); 22023 for an unrecordable zone name. */
extern cf_day_cache *cf_get_day_cache(FunctionCallInfo fcinfo, pg_tz *tz);
extern int32 cf_local_day(cf_day_cache *c, TimestampTz ts);
extern int32 cf_local_day_slow(TimestampTz ts, pg_tz *tz);

/* The zone named by text argument argno (cached); 22023 if unknown, 22004 if NULL. */
extern pg_tz *cf_zone_from_arg(FunctionCallInfo fcinfo, int argno);

/* Raise 22008 for an infinite timestamp; what names the argument. */
extern void cf_check_finite_ts(TimestampTz ts, const char *what);

/*
 * The core's allocator (alloc.h) in the server: palloc in CurrentMemoryContext
 * (huge blocks allowed; out of memory raises PostgreSQL's error, so the core
 * never sees NULL here); pfree.
 */
extern const cf_allocator cf_pg_allocator;

/*
 * Scratch memory for one long core computation (a fit): a child of
 * CurrentMemoryContext named name (a string literal), made current so that cf_pg_allocator
 * allocates there, and listed in pg_backend_memory_contexts while it lives.
 * cf_scratch_end deletes it and restores the previous context; after an
 * error or a cancel PostgreSQL deletes it with its parent.
 */
typedef struct cf_scratch
{
	MemoryContext cxt;
	MemoryContext old;
} cf_scratch;

extern void cf_scratch_begin(cf_scratch *s, const char *name);
extern void cf_scratch_end(cf_scratch *s);

/* True when the function runs as an aggregate's transition, combine or final step. */
#define CF_IN_AGGREGATE(fcinfo) (AggCheckCallContext((fcinfo), NULL) != 0)

#endif
