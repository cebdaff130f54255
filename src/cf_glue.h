/*
 * cf_glue.h — helpers shared by the fmgr glue files: one validator per kind of
 * argument, so every entry point rejects the same bad value with the same
 * message and SQLSTATE.
 */
#ifndef CF_GLUE_H
#define CF_GLUE_H

#include "cf_compat.h"		/* first: postgres.h and the majors' differences */
#include "fmgr.h"
#include "datatype/timestamp.h"
#include "pgtime.h"

#include "utils/memutils.h"

#include "alloc.h"
#include "decimal.h"

#include <limits.h>

#include "loyalty_stage.h"
#include "customer_profile.h"
#include "zone.h"
#include "nps.h"

/* Raise 22023 unless value is a finite number; what names the argument. */
extern void cf_check_finite(double value, const char *what);

/* Raise 22023 unless 0 < confidence < 1. */
extern void cf_check_confidence(double confidence);

/* Raise 22P02 for a malformed text form of type typname. */
CF_NORETURN extern void cf_bad_text_form(const char *typname, const char *text, const char *problem);

/*
 * Raise the failure of a core parser of type typname (nothing for CF_OK):
 * 53200 for CF_ENOMEM, otherwise cf_bad_text_form with err's detail.
 */
extern void cf_check_parse(int rc, const cf_error *err, const char *typname, const char *text);

/* Raise 22P02 for an unsound binary or stored value of type typname. */
CF_NORETURN extern void cf_bad_stored_value(const char *typname, const char *problem);

/*
 * Raise the failure of a core reader of a binary or stored value of type
 * typname (nothing for CF_OK): 53200 for CF_ENOMEM, otherwise
 * cf_bad_stored_value with err's detail.
 */
extern void cf_check_stored(int rc, const cf_error *err, const char *typname);

/* The loyalty thresholds of the customer_focus.* settings in force (customer_focus.c). */
extern cf_ladder cf_ladder_from_settings(void);

/*
 * The local day of as_of in the profile's time zone (cached backend-wide,
 * zone.c); 22023 when as_of is before the last order or the zone is unknown
 * here, 22008 when as_of is infinite (customer_profile.c).
 */
extern int32 cf_profile_as_of_day(const cf_profile *p, TimestampTz as_of);

/* A customer_profile argument, detoasted. */
#define DatumGetProfile(d)		((cf_profile *) PG_DETOAST_DATUM(d))
#define PG_GETARG_PROFILE(n)	DatumGetProfile(PG_GETARG_DATUM(n))

/*
 * The frequency summary of p at as_of; 22023 when the as-of day is before the
 * last order day (customer_profile.c).
 */
extern void cf_profile_summary_at(const cf_profile *p, TimestampTz as_of, cf_profile_summary *s);

/*
 * x, t_x and T of a profile at as_of in units of unit days, as
 * model_summary(profile, as_of, unit_days) returns them (customer_profile.c).
 */
extern void cf_profile_model_values(const cf_profile *p, TimestampTz as_of, double unit,
									int32 *x, double *t_x, double *T);

/*
 * The mean revenue of p's repeat purchase days, (revenue - first day's
 * revenue) / x as numeric's avg() divides, in *mean (numeric) and, when
 * as_double, *dbl (numeric's float8 of it); false when x = 0.  22023 when the
 * first day's revenue is unknown (customer_profile.c).
 */
extern bool cf_profile_repeat_mean(const cf_profile *p, Datum *mean, bool as_double, double *dbl);

/* The thresholds in arguments first..first+5, NULL ones from the settings; 22023 if unusable (loyalty_stage.c). */
extern cf_ladder cf_ladder_from_args(FunctionCallInfo fcinfo, int first);

/* The thresholds in arguments first..first+5, none NULL (22004); 22023 if unusable (loyalty_stage.c). */
extern cf_ladder cf_ladder_from_fixed_args(FunctionCallInfo fcinfo, int first);

/* ---------- nps_state (nps.c) ---------- */

/* The nps_state of argument argno, detoasted. */
extern cf_nps_state *cf_nps_state_arg(FunctionCallInfo fcinfo, int argno);

/* The summary of nps_state argument argno; false (the caller returns NULL) without answers. */
extern bool cf_nps_summary_arg(FunctionCallInfo fcinfo, int argno, cf_score_summary *s);

/* The interval method named by text argument argno; 22023 naming an unknown one. */
extern cf_nps_method cf_nps_method_arg(FunctionCallInfo fcinfo, int argno);

/* Raise 22023 unless both states have the same scale; what is the refused action ("compare"). */
extern void cf_nps_check_same_scale(const cf_nps_state *a, const cf_nps_state *b, const char *what);

/* Raise 22023 when the scale is not usable (score_agg's arguments). */
extern void cf_nps_check_scale(const cf_score_scale *scale);

/* score_agg's scale from arguments first..first + 3 (22004 when one is NULL). */
extern cf_score_scale cf_nps_scale_from_args(FunctionCallInfo fcinfo, int first);

/* The class named by text argument argno ('promoters', 'passives', 'detractors'), else 22023. */
extern cf_score_class cf_score_class_arg(FunctionCallInfo fcinfo, int argno);

/* The composite (lower, upper) of an interval function's result type. */
extern Datum cf_nps_interval_datum(FunctionCallInfo fcinfo, double lower, double upper);

/* The composite (difference, std_error, z, p_value) of nps_compare's result type (nps_trend.c). */
extern Datum cf_nps_comparison_datum(FunctionCallInfo fcinfo, const cf_score_comparison *c);

/* Raise 22023 unless benchmark is a net score in [-100, 100] (nps_compare's one-sample forms; nps_trend.c). */
extern void cf_nps_check_benchmark(double benchmark);

/* nps_shift's verdict on the test of current - previous: 'up', 'down' or 'flat' (nps_trend.c). */
extern Datum cf_nps_shift_verdict(const cf_score_comparison *c, double confidence);

/* ---------- time zones (zone.c) ---------- */

/*
 * The zone of a name recorded in a state or given as an argument (len bytes,
 * not NUL-terminated), cached backend-wide; NULL when this server does not
 * know it.  UTC-equivalent names (zone.h) fall back to UTC where this
 * server's tzdata lacks them.  The one place zone names are resolved.
 */
extern pg_tz *cf_zone_lookup(const char *name, int len);

/* The zone named by text argument argno (cf_zone_lookup); 22023 if unknown, 22004 if NULL. */
extern pg_tz *cf_zone_from_arg(FunctionCallInfo fcinfo, int argno);

/* The local day of as_of in the zone recorded as name (cached backend-wide); false if the zone is unknown. */
extern bool cf_zone_as_of_day(const char *name, int len, TimestampTz as_of, int32 *day);

/*
 * Local calendar days (since 2000-01-01) of timestamps in a zone, with a
 * cache of each UTC day's offset.  Backend-wide, one per zone (a few zones
 * at a time), not per call site: it survives callers that give every row a
 * fresh FmgrInfo (Citus's worker_partial_agg).
 */
#define CF_DAY_CACHE 4096
#define CF_DAY_MIXED INT_MIN		/* the UTC day has a zone transition */
typedef struct cf_day_cache
{
	pg_tz	   *tz;
	const char *zone;			/* the zone's name, as recorded in states */
	int			zone_len;
	int64		utc_day[CF_DAY_CACHE];
	int32		offset[CF_DAY_CACHE];	/* seconds east of UTC for the whole UTC day, or CF_DAY_MIXED */
} cf_day_cache;

/* The day cache of zone tz (made or reused); 22023 for a zone name that cannot be recorded. */
extern cf_day_cache *cf_get_day_cache(pg_tz *tz);
extern void cf_day_cache_fill(cf_day_cache *c, int64 uday, int slot);
extern int32 cf_local_day_slow(TimestampTz ts, pg_tz *tz);

/* The local day of ts in c's zone: the UTC day's offset from the cache, transition days the slow way. */
static inline int32
cf_local_day(cf_day_cache *c, TimestampTz ts)
{
	int64		uday = ts / USECS_PER_DAY - (ts % USECS_PER_DAY < 0);
	int			slot = (int) (uday & (CF_DAY_CACHE - 1));
	int64		local;

	if (c->utc_day[slot] != uday)
		cf_day_cache_fill(c, uday, slot);
	if (c->offset[slot] == CF_DAY_MIXED)
		return cf_local_day_slow(ts, c->tz);
	local = ts + (int64) c->offset[slot] * USECS_PER_SEC;
	return (int32) (local / USECS_PER_DAY - (local % USECS_PER_DAY < 0));
}


/* A day number (days since 2000-01-01) as YYYY-MM-DD, whatever the DateStyle (zone.c). */
extern char *cf_day_text(int32 day);

/* ---------- numeric (cf_glue.c) ---------- */

/*
 * Decodes a numeric's stored digits into v * 10^-scale; false when the value
 * needs the big path (more than 36 digits).  NaN and infinities raise 22023.
 */
extern bool cf_numeric_decode(Datum d, cf_i128 *v, int *scale);

/* A numeric as a big decimal through its text form (the slow path of cf_numeric_decode). */
extern void cf_numeric_to_bigdec(Datum d, cf_bigdec *b);

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

/*
 * The one "called outside an aggregate" error: 0A000 unless the function
 * runs inside an aggregate; what names the family ("bgnbd", "score", ...).
 */
extern void cf_require_aggregate(FunctionCallInfo fcinfo, const char *what);

/* A palloc'd copy of a varlena, for functions that may not modify their input. */
extern void *cf_copy_varlena(const void *v);

/* Raise 22004 for a NULL parameter argument; what names it. */
extern void cf_check_not_null(FunctionCallInfo fcinfo, int argno, const char *what);

/* The shortest exact text of a double (NaN, Infinity spelled out), palloc'd, for messages. */
extern char *cf_double_text(double x);

/* -0 becomes 0, so equal parameters have one text form. */
static inline double
cf_plus_zero(double x)
{
	return x == 0 ? 0.0 : x;
}

#endif
