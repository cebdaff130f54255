/*
 * customer_profile.c — SQL glue for customer profiles: the customer_profile type and
 * aggregate and its accessors.  loyalty_stage.c, rfm.c and lost_value.c read
 * profiles too; the settings are in customer_focus.c.
 *
 * The arithmetic is in core/customer_profile.c; this file decodes arguments
 * (numeric digits with cf_glue.c, local calendar days with zone.c),
 * validates, calls the core and packs results.
 *
 * Calendar days: an order's day is its date in the session's TimeZone at
 * aggregation time (what ordered_at::date gives).  The profile stores that
 * zone's name; profiles of different zones are never merged (UTC-equivalent
 * names are one zone, core/zone.h), and as-of days are computed in the
 * profile's own zone.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <limits.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "pgtime.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "decimal.h"
#include "customer_profile.h"

#define PROFILE_TYPNAME "customer_profile"

/* ---------- memory ---------- */

/* Sets the varlena length of a profile block. */
static cf_profile *
sized(cf_profile *p)
{
	SET_VARSIZE(p, cf_profile_block_size(p));
	return p;
}

/* A private copy, for when the function may not modify its input. */
static cf_profile *
copy_profile(const cf_profile *p)
{
	cf_profile *c = palloc(VARSIZE(p));

	memcpy(c, p, VARSIZE(p));
	return c;
}

/* Raises the error for a core return code. */
static void
core_error(int rc, const cf_profile *a, const cf_profile *b)
{
	switch (rc)
	{
		case CF_OK:
			return;
		case CF_ENOMEM:
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
			break;
		case CF_ERANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("customer profile out of range"),
					 errdetail("The order count would exceed 2^63 - 1 or the order days 2^31 - 1.")));
			break;
		case CF_EZONE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge customer profiles built in different time zones"),
					 errdetail("One profile counts calendar days in time zone \"%.*s\", the other in \"%.*s\".",
							   a->zone_len, cf_profile_zone(a), b->zone_len, cf_profile_zone(b)),
					 errhint("Build every partial profile with the same TimeZone setting.")));
			break;
		default:
			elog(ERROR, "unexpected customer profile error %d", rc);
	}
}

/* ---------- calendar days (zone.c) ---------- */

/*
 * The local day of as_of in the profile's zone (cached backend-wide in
 * zone.c); raises 22023 when as_of is before the last order or the zone is
 * unknown here, 22008 when as_of is infinite.  Shared with segment_summary.c and
 * bgnbd.c (cf_glue.h).
 */
int32
cf_profile_as_of_day(const cf_profile *p, TimestampTz as_of)
{
	int32		day;

	cf_check_finite_ts(as_of, "as_of");
	if (as_of < p->last_ts)
	{
		char	   *as_of_text = pstrdup(timestamptz_to_str(as_of));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of is before the customer's last order"),
				 errdetail("as_of is %s, the last order was at %s.",
						   as_of_text, timestamptz_to_str(p->last_ts)),
				 errhint("Measure at or after the last order, or build the profile from the orders up to as_of only.")));
	}
	if (!cf_zone_as_of_day(cf_profile_zone(p), p->zone_len, as_of, &day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%.*s\" of the customer profile is not recognized",
						p->zone_len, cf_profile_zone(p))));
	return day;
}

/* ---------- aggregate ---------- */

static Datum profile_trans(FunctionCallInfo fcinfo, pg_tz *tz);

/*
 * Transition of customer_profile(ordered_at, amount): counts one order, its
 * day in the session's TimeZone.  Rows with a NULL time or amount are skipped.
 */
PG_FUNCTION_INFO_V1(cf_profile_trans);
Datum
cf_profile_trans(PG_FUNCTION_ARGS)
{
	return profile_trans(fcinfo, session_timezone);
}

/*
 * Transition of customer_profile(ordered_at, amount, time_zone): as
 * cf_profile_trans with the days counted in the named zone (independent of
 * the session, so the aggregate can be pushed to other servers).
 */
PG_FUNCTION_INFO_V1(cf_profile_trans_tz);
Datum
cf_profile_trans_tz(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return profile_trans(fcinfo, cf_zone_from_arg(fcinfo, 3));
}

/*
 * Starts loading the first lines of a state that is about to be updated
 * (header, revenue and the first days), so that their cache misses overlap
 * each other and the decoding of the row instead of following one another:
 * with a million customers every state is cold.  Only a hint; prefetching
 * past the end of the block is harmless.
 */
static inline void
prefetch_state(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
	const char *c = (const char *) p;

	__builtin_prefetch(c, 1, 3);
	__builtin_prefetch(c + 64, 1, 3);
	__builtin_prefetch(c + 128, 1, 3);
	__builtin_prefetch(c + 192, 1, 3);
#else
	(void) p;
#endif
}

/* Counts the order in arguments 1 and 2 into the profile in argument 0, days in tz. */
static Datum
profile_trans(FunctionCallInfo fcinfo, pg_tz *tz)
{
	TimestampTz ts;
	cf_i128		v = 0;
	int			scale = 0;
	bool		fast;
	cf_bigdec	big = {false, 0, 0, NULL};
	cf_day_cache *dc;
	int32		day;
	cf_profile *p,
			   *orig;
	int			rc;
	bool		in_agg;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (!PG_ARGISNULL(0))
		prefetch_state(PG_GETARG_POINTER(0));
	ts = PG_GETARG_TIMESTAMPTZ(1);
	cf_check_finite_ts(ts, "ordered_at");
	fast = cf_numeric_decode(PG_GETARG_DATUM(2), &v, &scale);
	if (!fast)
		cf_numeric_to_bigdec(PG_GETARG_DATUM(2), &big);
	dc = cf_get_day_cache(tz);
	day = cf_local_day(dc, ts);

	if (PG_ARGISNULL(0))
	{
		p = fast ? cf_profile_first(dc->zone, dc->zone_len, ts, day, v, scale, &cf_pg_allocator)
			: cf_profile_first_big(dc->zone, dc->zone_len, ts, day, &big, &cf_pg_allocator);
		cf_bigdec_free(&big);
		if (p == NULL)
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
		PG_RETURN_POINTER(sized(p));
	}
	p = (cf_profile *) PG_GETARG_POINTER(0);
	in_agg = CF_IN_AGGREGATE(fcinfo);
	if (!in_agg || VARATT_IS_EXTENDED(p))
		p = copy_profile(DatumGetProfile(PointerGetDatum(p)));

	/*
	 * Always by name: a cache of the zone per call site cannot vouch for a
	 * state that another call site started (Citus's worker_partial_agg gives
	 * every row a fresh FmgrInfo).  UTC-equivalent names are the same zone.
	 */
	if (p->zone_len != dc->zone_len || memcmp(cf_profile_zone(p), dc->zone, dc->zone_len) != 0)
	{
		if (!cf_zone_same(cf_profile_zone(p), p->zone_len, dc->zone, dc->zone_len))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the time zone changed while a customer profile was being built"),
					 errdetail("The profile counts days in \"%.*s\", this row in \"%s\".",
							   p->zone_len, cf_profile_zone(p), dc->zone)));
		cf_profile_adopt_zone(p, dc->zone, dc->zone_len);
		sized(p);
	}
	orig = p;
	rc = fast ? cf_profile_add(&p, ts, day, v, scale, &cf_pg_allocator)
		: cf_profile_add_big(&p, ts, day, &big, &cf_pg_allocator);
	cf_bigdec_free(&big);
	core_error(rc, p, p);
	if (p != orig)
		sized(p);
	PG_RETURN_POINTER(p);
}

/*
 * Combine function of the profile aggregates and transition of rollup():
 * merges argument 1 into argument 0.  Non-strict: a NULL side yields the
 * other.
 */
PG_FUNCTION_INFO_V1(cf_profile_combine);
Datum
cf_profile_combine(PG_FUNCTION_ARGS)
{
	cf_profile *a,
			   *b;
	int			rc;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	prefetch_state(PG_GETARG_POINTER(0));
	b = PG_GETARG_PROFILE(1);
	a = PG_GETARG_PROFILE(0);
	if (!CF_IN_AGGREGATE(fcinfo) || a == b)
		a = copy_profile(a);
	rc = cf_profile_merge(&a, b, &cf_pg_allocator);
	core_error(rc, a, b);
	/* also in place: a merge of two UTC-equivalent names can shorten the zone */
	sized(a);
	PG_RETURN_POINTER(a);
}

/* Final function: the profile without spare room (never modifies the state). */
PG_FUNCTION_INFO_V1(cf_profile_final);
Datum
cf_profile_final(PG_FUNCTION_ARGS)
{
	cf_profile *p;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	p = PG_GETARG_PROFILE(0);
	if (p->day_cap == p->ndays)
		PG_RETURN_POINTER(p);
	PG_RETURN_POINTER(sized(cf_profile_compact(p, &cf_pg_allocator)));
}

/* ---------- type I/O ---------- */

/*
 * The one validation of a customer_profile, shared by text and binary input:
 * the core's soundness checks; a zone the aggregates accept here
 * (cf_zone_lookup, the one place zone names are resolved); the first and last purchase days are the local days of
 * the first and last order times in that zone, as the aggregate computes
 * them; and the revenue in its canonical split (cf_profile_canonical), so
 * that binary and text forms of one value are one value.  Returns the
 * (possibly replaced) profile.
 */
static cf_profile *
validate_profile(cf_profile *p)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_profile_check(p, VARSIZE(p), &why), &why);
	const char *zone;
	const int32 *d;
	pg_tz	   *tz;
	int32		first_day,
				last_day;

	if (problem)
		cf_bad_stored_value(PROFILE_TYPNAME, problem);
	zone = pnstrdup(cf_profile_zone(p), p->zone_len);
	tz = cf_zone_lookup(zone, p->zone_len);
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s value", PROFILE_TYPNAME),
				 errdetail("Time zone \"%s\" is not recognized.", zone),
				 errhint("A customer_profile counts days in a zone of pg_timezone_names or a POSIX zone PostgreSQL accepts.")));
	d = cf_profile_days(p);
	first_day = cf_local_day_slow(p->first_ts, tz);
	last_day = cf_local_day_slow(p->last_ts, tz);
	if (d[0] != first_day || d[p->ndays - 1] != last_day)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid %s value", PROFILE_TYPNAME),
				 errdetail("The purchase days run from %s to %s, but the first and last orders are on %s and %s in \"%s\".",
						   cf_day_text(d[0]), cf_day_text(d[p->ndays - 1]),
						   cf_day_text(first_day), cf_day_text(last_day),
						   zone)));
	p = cf_profile_canonical(p, &cf_pg_allocator);
	if (p == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	return sized(p);
}

PG_FUNCTION_INFO_V1(customer_profile_in);
Datum
customer_profile_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	cf_error	why;
	cf_profile *p;

	cf_check_parse(cf_profile_parse(text, &cf_pg_allocator, &p, &why), &why, PROFILE_TYPNAME, text);
	PG_RETURN_POINTER(validate_profile(sized(p)));
}

PG_FUNCTION_INFO_V1(customer_profile_out);
Datum
customer_profile_out(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	size_t		len = cf_profile_format(p, NULL, 0);
	char	   *buf;

	if (len == 0)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	buf = palloc(len + 1);
	cf_profile_format(p, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

/*
 * Binary form: version, flags, zone (length + bytes), scale, orders, first,
 * last, fast revenue (hi, lo), moment (hi, lo), version 2: first-day revenue
 * (hi, lo; 0 when unknown), limbs (count + each), days (count + each).
 * Compact.  Sent as version 2 always (version 1 is still received).
 */
PG_FUNCTION_INFO_V1(customer_profile_send);
Datum
customer_profile_send(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	StringInfoData buf;
	const uint32 *l = cf_profile_limbs(p);
	const int32 *d = cf_profile_days(p);
	int			i;
	cf_i128		first = 0;
	bool		known = cf_profile_first_revenue(p, &first);

	pq_begintypsend(&buf);
	pq_sendint8(&buf, CF_PROFILE_VERSION);
	pq_sendint8(&buf, known ? p->flags & ~CF_PROFILE_NO_FIRST : p->flags | CF_PROFILE_NO_FIRST);
	pq_sendint8(&buf, p->zone_len);
	pq_sendbytes(&buf, cf_profile_zone(p), p->zone_len);
	pq_sendint32(&buf, p->scale);
	pq_sendint64(&buf, p->orders);
	pq_sendint64(&buf, p->first_ts);
	pq_sendint64(&buf, p->last_ts);
	pq_sendint64(&buf, p->rev_hi);
	pq_sendint64(&buf, p->rev_lo);
	pq_sendint64(&buf, p->mom_hi);
	pq_sendint64(&buf, p->mom_lo);
	pq_sendint64(&buf, (int64) (first >> 64));
	pq_sendint64(&buf, (int64) (uint64) first);
	pq_sendint32(&buf, p->big_nlimbs);
	for (i = 0; i < p->big_nlimbs; i++)
		pq_sendint32(&buf, l[i]);
	pq_sendint32(&buf, p->ndays);
	for (i = 0; i < p->ndays; i++)
		pq_sendint32(&buf, d[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(customer_profile_recv);
Datum
customer_profile_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_profile	head;
	char		zone[CF_PROFILE_MAX_ZONE];
	int			i;
	cf_profile *p;
	size_t		size;
	uint32	   *l;
	int32	   *d;
	cf_i128		first = 0;

	memset(&head, 0, sizeof head);
	head.version = (uint8) pq_getmsgint(buf, 1);
	if (head.version != 1 && head.version != CF_PROFILE_VERSION)
		cf_bad_stored_value(PROFILE_TYPNAME, "unknown format version");
	head.flags = (uint8) pq_getmsgint(buf, 1);
	head.zone_len = (uint8) pq_getmsgint(buf, 1);
	pq_copymsgbytes(buf, zone, head.zone_len);
	head.scale = (int32) pq_getmsgint(buf, 4);
	head.orders = pq_getmsgint64(buf);
	head.first_ts = pq_getmsgint64(buf);
	head.last_ts = pq_getmsgint64(buf);
	head.rev_hi = pq_getmsgint64(buf);
	head.rev_lo = (uint64) pq_getmsgint64(buf);
	head.mom_hi = pq_getmsgint64(buf);
	head.mom_lo = (uint64) pq_getmsgint64(buf);
	if (head.version >= 2)
	{
		first = (cf_i128) ((unsigned __int128) (uint64) pq_getmsgint64(buf) << 64);
		first |= (cf_i128) (uint64) pq_getmsgint64(buf);
	}
	head.big_nlimbs = (int32) pq_getmsgint(buf, 4);
	if (head.big_nlimbs < 0 || (size_t) head.big_nlimbs > (size_t) (buf->len - buf->cursor) / 4)
		cf_bad_stored_value(PROFILE_TYPNAME, "bad revenue digit count");
	/* read limbs into a temporary until the day count is known */
	l = palloc(sizeof(uint32) * (head.big_nlimbs + 1));
	for (i = 0; i < head.big_nlimbs; i++)
		l[i] = (uint32) pq_getmsgint(buf, 4);
	head.ndays = (int32) pq_getmsgint(buf, 4);
	if (head.ndays < 1 || (size_t) head.ndays > (size_t) (buf->len - buf->cursor) / 4)
		cf_bad_stored_value(PROFILE_TYPNAME, "bad order day count");
	head.day_cap = head.ndays;
	/* a version-1 value keeps its layout here; validate_profile makes it version 2 */
	size = cf_profile_block_size(&head);
	p = palloc0(size);
	memcpy(p, &head, offsetof(cf_profile, data));
	memcpy(p->data, zone, head.zone_len);
	if (head.version >= 2)
		cf_profile_store_first(p, first);
	memcpy((char *) cf_profile_limbs(p), l, sizeof(uint32) * head.big_nlimbs);
	d = (int32 *) cf_profile_days(p);
	for (i = 0; i < head.ndays; i++)
		d[i] = (int32) pq_getmsgint(buf, 4);
	pq_getmsgend(buf);
	SET_VARSIZE(p, size);
	PG_RETURN_POINTER(validate_profile(p));
}

/* ---------- accessors ---------- */

PG_FUNCTION_INFO_V1(cf_profile_orders);
Datum
cf_profile_orders(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_PROFILE(0)->orders);
}

PG_FUNCTION_INFO_V1(cf_profile_purchase_days);
Datum
cf_profile_purchase_days(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_PROFILE(0)->ndays);
}

PG_FUNCTION_INFO_V1(cf_profile_first_order);
Datum
cf_profile_first_order(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_PROFILE(0)->first_ts);
}

PG_FUNCTION_INFO_V1(cf_profile_last_order);
Datum
cf_profile_last_order(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(PG_GETARG_PROFILE(0)->last_ts);
}

PG_FUNCTION_INFO_V1(cf_profile_time_zone);
Datum
cf_profile_time_zone(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(cf_profile_zone(p), p->zone_len));
}

/* b as a numeric datum (b is freed). */
static Datum
bigdec_numeric(cf_bigdec *b)
{
	size_t		len = cf_bigdec_format(b, NULL, 0);
	char	   *t = palloc(len + 1);

	cf_bigdec_format(b, t, len + 1);
	cf_bigdec_free(b);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(t), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* The revenue as a numeric datum, exact, at the largest scale of the amounts. */
static Datum
revenue_numeric(const cf_profile *p)
{
	cf_i128		v;
	char		small[64];
	cf_bigdec	b;

	/* the common case without an allocation: up to 38 digits and 20 decimals */
	if (cf_profile_revenue_i128(p, &v) && p->scale <= 20)
	{
		cf_i128_format(v, p->scale, small, sizeof small);
		return DirectFunctionCall3(numeric_in, CStringGetDatum(small), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
	}
	if (!cf_profile_revenue(p, &b))
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	return bigdec_numeric(&b);
}

PG_FUNCTION_INFO_V1(cf_profile_revenue_fn);
Datum
cf_profile_revenue_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(revenue_numeric(PG_GETARG_PROFILE(0)));
}

/*
 * The repeat purchase days' mean revenue (cf_glue.h): numeric's division as
 * avg() makes it, so that it is avg() of the repeat days' sums in plain SQL
 * whenever their amounts have the profile's scale (the largest of all its
 * amounts; otherwise avg() rounds a few digits earlier).
 */
bool
cf_profile_repeat_mean(const cf_profile *p, Datum *mean, bool as_double, double *dbl)
{
	cf_bigdec	repeat;
	int			rc = p->ndays < 2 ? CF_OK : cf_profile_repeat_revenue(p, &repeat);

	if (p->ndays < 2)
		return false;
	if (rc == CF_ENOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	if (rc != CF_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the revenue of this customer's first purchase day is unknown"),
				 errdetail("The profile (%d purchase days, first order at %s) records no revenue for its first day: it was built by customer_focus 1.0 or 1.1, which did not record it, or that revenue exceeds 128 bits at the profile's %d decimals.",
						   p->ndays, timestamptz_to_str(p->first_ts), p->scale),
				 errhint("Rebuild the profile from the orders with customer_profile(ordered_at, amount, time_zone).")));
	*mean = DirectFunctionCall2(numeric_div, bigdec_numeric(&repeat), NumericGetDatum(int64_to_numeric(p->ndays - 1)));
	if (as_double)
		*dbl = DatumGetFloat8(DirectFunctionCall1(numeric_float8, *mean));
	return true;
}

/* repeat_mean_value(profile): NULL with one purchase day. */
PG_FUNCTION_INFO_V1(cf_profile_repeat_mean_value);
Datum
cf_profile_repeat_mean_value(PG_FUNCTION_ARGS)
{
	Datum		mean;

	if (!cf_profile_repeat_mean(PG_GETARG_PROFILE(0), &mean, false, NULL))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(mean);
}

/* Mean time between distinct purchase days as an interval; NULL with one purchase day. */
PG_FUNCTION_INFO_V1(cf_profile_mean_interval);
Datum
cf_profile_mean_interval(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	const int32 *d = cf_profile_days(p);
	Interval   *iv;
	int64		span,
				x;

	if (p->ndays < 2)
		PG_RETURN_NULL();
	span = (int64) d[p->ndays - 1] - d[0];
	x = p->ndays - 1;
	iv = palloc0(sizeof(Interval));
	iv->day = (int32) (span / x);
	/* the remainder of the division in microseconds, rounded to the nearest */
	iv->time = ((span % x) * USECS_PER_DAY + x / 2) / x;
	PG_RETURN_INTERVAL_P(iv);
}

/*
 * The frequency summary at as_of; 22023 when the as-of day is before the last
 * order day (only possible for a profile typed in with inconsistent days).
 */
void
cf_profile_summary_at(const cf_profile *p, TimestampTz as_of, cf_profile_summary *s)
{
	int32		day = cf_profile_as_of_day(p, as_of);

	if (cf_profile_summarize(p, day, s) != CF_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of falls on a day before the customer's last order day"),
				 errdetail("The profile's last order day is after the as_of day in time zone \"%.*s\".",
						   p->zone_len, cf_profile_zone(p))));
}

/*
 * x, t_x and T of p at as_of in units of unit days (model_summary); 22023 for
 * a unit that is not positive and finite, 22003 when T overflows.  Shared with
 * bgnbd.c (cf_glue.h), which calls it directly: no function is looked up.
 */
void
cf_profile_model_values(const cf_profile *p, TimestampTz as_of, double unit,
						int32 *x, double *t_x, double *T)
{
	cf_profile_summary s;

	if (!(unit > 0) || isinf(unit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit_days must be a positive finite number"),
				 errdetail("The value given is %g.", unit),
				 errhint("Use 1 for days, 7 for weeks.")));
	cf_profile_summary_at(p, as_of, &s);
	if (isinf(s.t / unit))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("unit_days is too small for this history"),
				 errdetail("%d days in units of %g days overflow double precision.", s.t, unit)));
	*x = s.x;
	*t_x = s.t_x / unit;
	*T = s.t / unit;
}

/* x, t_x and T (in units of unit_days days) at as_of. */
PG_FUNCTION_INFO_V1(cf_profile_model_summary);
Datum
cf_profile_model_summary(PG_FUNCTION_ARGS)
{
	int32		x;
	double		t_x,
				T;
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	cf_profile_model_values(PG_GETARG_PROFILE(0), PG_GETARG_TIMESTAMPTZ(1), PG_GETARG_FLOAT8(2), &x, &t_x, &T);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Int32GetDatum(x);
	values[1] = Float8GetDatum(t_x);
	values[2] = Float8GetDatum(T);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

PG_FUNCTION_INFO_V1(cf_profile_days_since);
Datum
cf_profile_days_since(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	cf_profile_summary s;

	cf_profile_summary_at(p, PG_GETARG_TIMESTAMPTZ(1), &s);
	PG_RETURN_INT32(s.since);
}
