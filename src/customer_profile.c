/*
 * customer_profile.c — SQL glue for customer profiles: the customer_profile type and
 * aggregate, its accessors, the loyalty ladder, RFM and lost-customer value.
 *
 * The arithmetic is in core/customer_profile.c, core/loyalty_stage.c and core/rfm.c; this
 * file decodes arguments (numeric digits, local calendar days), validates,
 * calls the core and packs results.
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
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "decimal.h"
#include "loyalty_stage.h"
#include "customer_profile.h"
#include "rfm.h"

#define PROFILE_TYPNAME "customer_profile"
#define DatumGetProfile(d)		((cf_profile *) PG_DETOAST_DATUM(d))
#define PG_GETARG_PROFILE(n)	DatumGetProfile(PG_GETARG_DATUM(n))
#define MAX_YEARS 1000

void		cf_profile_define_gucs(void);

/* ---------- GUCs ---------- */

static int	guc_client_orders = 2;
static int	guc_regular_orders = 5;
static int	guc_advocate_score = 9;
static double guc_lapse_factor = 3.0;
static int	guc_lapse_days = 365;
static int	guc_lost_days = 730;
static bool gucs_defined = false;

/*
 * Defines the customer_focus.* loyalty thresholds.  Idempotent: _PG_init
 * calls it, and the loyalty functions call it too in case it did not.
 */
void
cf_profile_define_gucs(void)
{
	if (gucs_defined)
		return;
	gucs_defined = true;
	DefineCustomIntVariable("customer_focus.client_orders",
							"Orders that make a customer a client on the loyalty ladder.",
							"Default 2; must be at least 2 and below customer_focus.regular_orders.",
							&guc_client_orders, 2, 2, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.regular_orders",
							"Orders that make a customer a regular on the loyalty ladder.",
							"Default 5; must be above customer_focus.client_orders.",
							&guc_regular_orders, 5, 3, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.advocate_score",
							"Lowest latest 0-10 recommend score that makes a regular an advocate.",
							"Default 9 (an NPS promoter).",
							&guc_advocate_score, 9, 0, 10, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomRealVariable("customer_focus.lapse_factor",
							 "A customer has lapsed when the days since the last order exceed this many mean intervals.",
							 "Default 3.",
							 &guc_lapse_factor, 3.0, CF_LAPSE_FACTOR_MIN, CF_LAPSE_FACTOR_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.lapse_days",
							"Days without an order after which a customer with one purchase day has lapsed.",
							"Default 365; at most customer_focus.lost_days.",
							&guc_lapse_days, 365, 0, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.lost_days",
							"Days without an order after which a customer is lost.",
							"Default 730; at least customer_focus.lapse_days.",
							&guc_lost_days, 730, 0, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
}

/* The loyalty thresholds of the customer_focus.* settings in force. */
cf_ladder
cf_ladder_from_settings(void)
{
	cf_ladder	l;

	cf_profile_define_gucs();
	l.client_orders = guc_client_orders;
	l.regular_orders = guc_regular_orders;
	l.advocate_score = guc_advocate_score;
	l.lapse_factor = guc_lapse_factor;
	l.lapse_days = guc_lapse_days;
	l.lost_days = guc_lost_days;
	return l;
}

/* ---------- memory ---------- */

/* Sets the varlena length of a profile block. */
static cf_profile *
sized(cf_profile *p)
{
	SET_VARSIZE(p, cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap));
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

/* ---------- numeric decoding ---------- */

/*
 * Decodes a numeric's stored digits into v * 10^-scale.  Returns true on
 * success, false when the value needs the big path (more than 36 digits).
 * NaN and infinities raise 22023.  Reads the on-disk form directly (stable
 * across versions because pg_upgrade keeps it): a 16-bit header word, short
 * form (bit 15 set, bit 14 clear): sign 0x2000, display scale in bits 7-12,
 * weight in bits 0-6 (bit 6 its sign); long form (bits 15-14 = 00 or 01 for
 * negative): display scale in bits 0-13, then a 16-bit weight; special values
 * have bits 15-14 set.  Then base-10000 digits, most significant first.
 */
static bool
decode_numeric(Datum d, cf_i128 *v, int *scale)
{
	struct varlena *n = PG_DETOAST_DATUM_PACKED(d);
	const char *data = VARDATA_ANY(n);
	size_t		len = VARSIZE_ANY_EXHDR(n);
	uint16		h;
	int			weight,
				dscale,
				ndigits,
				i,
				e;
	bool		neg;
	const char *digits;
	cf_i128		acc = 0;

	if (len < sizeof(uint16))
		elog(ERROR, "numeric datum too short");
	memcpy(&h, data, sizeof h);
	if ((h & 0xC000) == 0xC000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order amount must be a finite number"),
				 errdetail("The amount given is %s.", h == 0xC000 ? "NaN" : (h == 0xD000 ? "Infinity" : "-Infinity"))));
	if (h & 0x8000)
	{
		neg = (h & 0x2000) != 0;
		dscale = (h & 0x1F80) >> 7;
		weight = (h & 0x0040) ? (int) (h & 0x003F) - 64 : (int) (h & 0x003F);
		digits = data + 2;
		ndigits = (int) ((len - 2) / 2);
	}
	else
	{
		int16		w;

		if (len < 4)
			elog(ERROR, "numeric datum too short");
		neg = (h & 0xC000) == 0x4000;
		dscale = h & 0x3FFF;
		memcpy(&w, data + 2, sizeof w);
		weight = w;
		digits = data + 4;
		ndigits = (int) ((len - 4) / 2);
	}
	if (ndigits == 0)
	{
		*v = 0;
		*scale = dscale;
		return true;
	}
	if (ndigits <= 4)
	{
		/* up to 16 decimal digits: 64-bit arithmetic (the common case of money amounts) */
		uint64		a64 = 0;

		for (i = 0; i < ndigits; i++)
		{
			int16		dig;

			memcpy(&dig, digits + 2 * i, sizeof dig);
			a64 = a64 * 10000 + (uint64) dig;
		}
		e = 4 * (weight - (ndigits - 1)) + dscale;
		if (e < 0 && -e <= 4)
		{
			/* only zeros of the last base-10000 digit are dropped (dscale cuts no digit) */
			static const uint64 p10[5] = {1, 10, 100, 1000, 10000};

			if (a64 % p10[-e] == 0)
			{
				a64 /= p10[-e];
				*v = neg ? -(cf_i128) a64 : (cf_i128) a64;
				*scale = dscale;
				return true;
			}
		}
		else if (e >= 0 && e <= 19)
		{
			if (cf_i128_mul_pow10((cf_i128) a64, e, &acc))
			{
				*v = neg ? -acc : acc;
				*scale = dscale;
				return true;
			}
			return false;
		}
		/* otherwise the general path below decides */
	}
	if (ndigits > 9)
		return false;
	for (i = 0; i < ndigits; i++)
	{
		int16		dig;

		memcpy(&dig, digits + 2 * i, sizeof dig);
		acc = acc * 10000 + dig;
	}
	/* value = acc * 10^e, e = 4 * (weight - (ndigits - 1)); we want acc * 10^(e + dscale) */
	e = 4 * (weight - (ndigits - 1)) + dscale;
	if (e >= 0)
	{
		if (!cf_i128_mul_pow10(acc, e, &acc))
			return false;
	}
	else
	{
		cf_i128		p10;

		if (-e > CF_I128_DIGITS || !cf_i128_mul_pow10(1, -e, &p10) || acc % p10 != 0)
			return false;		/* cannot happen for a well-formed numeric; the slow path is exact anyway */
		acc /= p10;
	}
	*v = neg ? -acc : acc;
	*scale = dscale;
	return true;
}

/* The amount as a big decimal through its text form (slow path). */
static void
numeric_to_big(Datum d, cf_bigdec *b)
{
	char	   *t = DatumGetCString(DirectFunctionCall1(numeric_out, d));
	int			rc = cf_bigdec_parse(b, t, strlen(t));

	if (rc != 0)
		ereport(ERROR,
				(errcode(rc == 3 ? ERRCODE_OUT_OF_MEMORY : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("order amount %s cannot be summed exactly", t)));
	pfree(t);
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
	fast = decode_numeric(PG_GETARG_DATUM(2), &v, &scale);
	if (!fast)
		numeric_to_big(PG_GETARG_DATUM(2), &big);
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

/* A day number (days since 2000-01-01) as YYYY-MM-DD, whatever the DateStyle (cf_glue.h). */
char *
cf_day_text(int32 day)
{
	int			y,
				m,
				d;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return psprintf("%04d-%02d-%02d", y, m, d);
}

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
	const char *problem = cf_profile_problem(p, VARSIZE(p));
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
	char		err[256];
	cf_profile *p = cf_profile_parse(text, &cf_pg_allocator, err, sizeof err);

	if (p == NULL)
		cf_bad_text_form(PROFILE_TYPNAME, text, err);
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
 * last, fast revenue (hi, lo), moment (hi, lo), limbs (count + each), days
 * (count + each).  Compact (no spare room).
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

	pq_begintypsend(&buf);
	pq_sendint8(&buf, p->version);
	pq_sendint8(&buf, p->flags);
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

	memset(&head, 0, sizeof head);
	head.version = (uint8) pq_getmsgint(buf, 1);
	if (head.version != CF_PROFILE_VERSION)
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
	size = cf_profile_size(head.zone_len, head.big_nlimbs, head.day_cap);
	p = palloc0(size);
	memcpy(p, &head, offsetof(cf_profile, data));
	memcpy(p->data, zone, head.zone_len);
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

/* The revenue as a numeric datum, exact, at the largest scale of the amounts. */
static Datum
revenue_numeric(const cf_profile *p)
{
	cf_i128		v;
	char	   *t;
	size_t		len;

	if (cf_profile_revenue_i128(p, &v))
	{
		char		small[64];

		if (p->scale <= 20)
		{
			cf_i128_format(v, p->scale, small, sizeof small);
			return DirectFunctionCall3(numeric_in, CStringGetDatum(small), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		}
		len = cf_i128_format(v, p->scale, NULL, 0);
		t = palloc(len + 1);
		cf_i128_format(v, p->scale, t, len + 1);
	}
	else
	{
		cf_bigdec	b;

		if (!cf_profile_revenue(p, &b))
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
		len = cf_bigdec_format(&b, NULL, 0);
		t = palloc(len + 1);
		cf_bigdec_format(&b, t, len + 1);
		cf_bigdec_free(&b);
	}
	return DirectFunctionCall3(numeric_in, CStringGetDatum(t), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

PG_FUNCTION_INFO_V1(cf_profile_revenue_fn);
Datum
cf_profile_revenue_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(revenue_numeric(PG_GETARG_PROFILE(0)));
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
static void
summarize_at(const cf_profile *p, TimestampTz as_of, cf_profile_summary *s)
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
	summarize_at(p, as_of, &s);
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

	summarize_at(p, PG_GETARG_TIMESTAMPTZ(1), &s);
	PG_RETURN_INT32(s.since);
}

PG_FUNCTION_INFO_V1(cf_profile_overdue);
Datum
cf_profile_overdue(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	cf_profile_summary s;
	double		o;

	summarize_at(p, PG_GETARG_TIMESTAMPTZ(1), &s);
	if (!cf_overdue(s.x, s.t_x, s.since, &o))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(o);
}

/* ---------- loyalty ladder ---------- */

/*
 * The thresholds in the six arguments from first on (client_orders,
 * regular_orders, advocate_score, lapse_factor, lapse_days, lost_days), NULL
 * ones from the customer_focus.* settings; 22023 when they do not fit together.
 */
cf_ladder
cf_ladder_from_args(FunctionCallInfo fcinfo, int first)
{
	cf_ladder	l = cf_ladder_from_settings();
	const char *problem;

	if (!PG_ARGISNULL(first))
		l.client_orders = PG_GETARG_INT32(first);
	if (!PG_ARGISNULL(first + 1))
		l.regular_orders = PG_GETARG_INT32(first + 1);
	if (!PG_ARGISNULL(first + 2))
		l.advocate_score = PG_GETARG_INT32(first + 2);
	if (!PG_ARGISNULL(first + 3))
		l.lapse_factor = PG_GETARG_FLOAT8(first + 3);
	if (!PG_ARGISNULL(first + 4))
		l.lapse_days = PG_GETARG_INT32(first + 4);
	if (!PG_ARGISNULL(first + 5))
		l.lost_days = PG_GETARG_INT32(first + 5);
	if ((problem = cf_ladder_problem(&l)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid loyalty ladder thresholds"),
				 errdetail("client_orders %lld, regular_orders %lld, advocate_score %d, lapse_factor %g, lapse_days %d, lost_days %d: %s.",
						   (long long) l.client_orders, (long long) l.regular_orders, l.advocate_score,
						   l.lapse_factor, l.lapse_days, l.lost_days, problem)));
	return l;
}

typedef struct stage_cache
{
	Oid			labels[CF_STAGE_COUNT];
	bool		have_labels;
} stage_cache;

/* The loyalty_stage enum value of a stage (label OIDs looked up once per call site). */
static Datum
stage_datum(FunctionCallInfo fcinfo, cf_stage st)
{
	stage_cache *c = (stage_cache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(stage_cache));
		fcinfo->flinfo->fn_extra = c;
	}
	if (!c->have_labels)
	{
		Oid			enumtype = get_fn_expr_rettype(fcinfo->flinfo);
		int			i;

		if (!OidIsValid(enumtype))
			elog(ERROR, "could not determine the loyalty_stage type");
		for (i = 0; i < CF_STAGE_COUNT; i++)
			c->labels[i] = DatumGetObjectId(DirectFunctionCall2(enum_in, CStringGetDatum(cf_stage_names[i]),
																ObjectIdGetDatum(enumtype)));
		c->have_labels = true;
	}
	return ObjectIdGetDatum(c->labels[st]);
}

/*
 * loyalty_stage(profile, as_of, recommend_score, client_orders, regular_orders,
 * advocate_score, lapse_factor, lapse_days, lost_days): NULL thresholds take
 * the customer_focus.* settings.  A NULL profile is a prospect.
 */
PG_FUNCTION_INFO_V1(cf_loyalty_stage_fn);
Datum
cf_loyalty_stage_fn(PG_FUNCTION_ARGS)
{
	cf_ladder	l = cf_ladder_from_args(fcinfo, 3);
	cf_profile *p;
	cf_profile_summary s;
	int			score = -1;

	if (!PG_ARGISNULL(2))
	{
		score = PG_GETARG_INT32(2);
		if (score < 0 || score > 10)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("recommend_score %d is outside the scale 0..10", score)));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(stage_datum(fcinfo, CF_STAGE_PROSPECT));
	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	p = PG_GETARG_PROFILE(0);
	summarize_at(p, PG_GETARG_TIMESTAMPTZ(1), &s);
	PG_RETURN_DATUM(stage_datum(fcinfo, cf_loyalty_stage(p->orders, s.x, s.t_x, s.since, score, &l)));
}

/* ---------- RFM ---------- */

/* rfm_score(value, breakpoints, lower_is_better): 1-5. */
PG_FUNCTION_INFO_V1(cf_rfm_score_fn);
Datum
cf_rfm_score_fn(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	bool		lower = PG_GETARG_BOOL(2);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	double		b[CF_RFM_BREAKS];
	const char *problem;

	cf_check_finite(value, "the value to score");
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("breakpoints must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("breakpoints must not contain NULL"),
					 errdetail("Element %d is NULL.", i + 1)));
	for (i = 0; i < n && i < CF_RFM_BREAKS; i++)
		b[i] = DatumGetFloat8(elems[i]);
	if ((problem = cf_rfm_breaks_problem(b, n)) != NULL)
	{
		StringInfoData list;

		initStringInfo(&list);
		for (i = 0; i < n; i++)
			appendStringInfo(&list, "%s%g", i ? ", " : "", DatumGetFloat8(elems[i]));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid RFM breakpoints"),
				 errdetail("The %d breakpoints given are (%s): %s.", n, list.data, problem),
				 errhint("Pass the 20th, 40th, 60th and 80th percentiles, e.g. percentile_cont(ARRAY[0.2,0.4,0.6,0.8]) WITHIN GROUP (ORDER BY ...).")));
	}
	PG_RETURN_INT32(cf_rfm_score(value, b, lower));
}

/* rfm_segment(r, f): the segment name. */
PG_FUNCTION_INFO_V1(cf_rfm_segment_fn);
Datum
cf_rfm_segment_fn(PG_FUNCTION_ARGS)
{
	int32		r = PG_GETARG_INT32(0),
				f = PG_GETARG_INT32(1);
	const char *name = cf_rfm_segment(r, f);

	if (name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("RFM scores must be between 1 and 5"),
				 errdetail("The recency score is %d and the frequency score %d.", r, f)));
	PG_RETURN_TEXT_P(cstring_to_text(name));
}

/* ---------- lost-customer value ---------- */

static Datum
num_int(int64 v)
{
	return NumericGetDatum(int64_to_numeric(v));
}

static Datum
num_add(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_add, a, b);
}

static Datum
num_mul(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_mul, a, b);
}

static Datum
num_round(Datum a, int scale)
{
	return DirectFunctionCall2(numeric_round, a, Int32GetDatum(scale));
}

static int
num_cmp(Datum a, Datum b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, a, b));
}

/* Raises 22023 for NaN or infinite numeric arguments. */
static void
check_finite_numeric(Datum d, const char *what)
{
	Numeric		n = DatumGetNumeric(d);

	if (numeric_is_nan(n) || numeric_is_inf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", what),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, d)))));
}

/* Validates years, margin and discount rate. */
static void
check_lcv_args(int32 years, Datum margin, Datum discount)
{
	if (years < 0 || years > MAX_YEARS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("years must be between 0 and %d", MAX_YEARS),
				 errdetail("The value given is %d.", years)));
	check_finite_numeric(margin, "margin");
	check_finite_numeric(discount, "discount_rate");
	if (num_cmp(margin, num_int(0)) < 0 || num_cmp(margin, num_int(1)) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("margin must be between 0 and 1"),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, margin))),
				 errhint("Write a 20 %% margin as 0.2.")));
	if (num_cmp(discount, num_int(-1)) <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("discount_rate must be greater than -1"),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, discount)))));
}

#define LCV_WORK_SCALE 40
#define LCV_RESULT_SCALE 20

/*
 * Sum over years t = 1..n of value_t * margin / (1 + d)^t, where value_1 =
 * a and value_t = value_(t-1) + g (arithmetic) or value_(t-1) * (1 + g)
 * (geometric); with floor_zero, yearly values below zero count as zero.
 * Exact when d = 0 and the growth is arithmetic; otherwise discount and
 * growth factors carry 40 decimals and the result is rounded to 20.
 * Trailing zeros are removed.
 */
static Datum
lost_value(Datum a, Datum g, int32 years, Datum margin, Datum discount, bool geometric, bool floor_zero)
{
	Datum		zero = num_int(0),
				one = num_int(1),
				total = zero,
				value = a,
				growth_factor,
				disc_step,
				disc = one;
	bool		exact = !geometric && num_cmp(discount, zero) == 0;
	int32		t;

	check_finite_numeric(a, "annual_value");
	check_finite_numeric(g, geometric ? "growth_rate" : "annual_growth");
	check_lcv_args(years, margin, discount);
	if (geometric && num_cmp(g, num_int(-1)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("growth_rate must be at least -1"),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, g)))));
	if (exact && !floor_zero)
	{
		/* n a + g n (n - 1) / 2, times the margin: exact */
		Datum		n = num_int(years),
					pairs = num_int((int64) years * (years - 1) / 2);

		total = num_add(num_mul(n, a), num_mul(g, pairs));
		total = num_mul(total, margin);
		PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, total));
	}
	growth_factor = num_add(one, g);
	/* 1 / (1 + d) to 40 decimals */
	disc_step = DirectFunctionCall2(numeric_div,
									num_round(one, LCV_WORK_SCALE),
									num_add(one, discount));
	disc_step = num_round(disc_step, LCV_WORK_SCALE);
	for (t = 1; t <= years; t++)
	{
		Datum		v = value;

		CHECK_FOR_INTERRUPTS();
		if (!exact)
			disc = num_round(num_mul(disc, disc_step), LCV_WORK_SCALE);
		if (floor_zero && num_cmp(v, zero) < 0)
			v = zero;
		total = num_add(total, exact ? v : num_round(num_mul(v, disc), LCV_WORK_SCALE));
		value = geometric ? num_round(num_mul(value, growth_factor), LCV_WORK_SCALE) : num_add(value, g);
	}
	total = num_mul(total, margin);
	if (!exact)
		total = num_round(total, LCV_RESULT_SCALE);
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, total));
}

PG_FUNCTION_INFO_V1(cf_lost_customer_value);
Datum
cf_lost_customer_value(PG_FUNCTION_ARGS)
{
	return lost_value(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_INT32(2),
					  PG_GETARG_DATUM(3), PG_GETARG_DATUM(4), false, false);
}

PG_FUNCTION_INFO_V1(cf_lost_customer_value_geometric);
Datum
cf_lost_customer_value_geometric(PG_FUNCTION_ARGS)
{
	return lost_value(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), PG_GETARG_INT32(2),
					  PG_GETARG_DATUM(3), PG_GETARG_DATUM(4), true, false);
}

/* The float8 as a numeric rounded to scale decimals. */
static Datum
double_to_numeric(double v, int scale)
{
	return num_round(DirectFunctionCall1(float8_numeric, Float8GetDatum(v)), scale);
}

/*
 * Annual value and growth derived from a profile (cf_profile_trend), rounded
 * to the revenue's scale (at least 2 decimals).
 */
static void
profile_trend(FunctionCallInfo fcinfo, cf_profile *p, TimestampTz as_of, Datum *annual, Datum *growth)
{
	double		a,
				g;
	int			scale = Max(p->scale, 2);

	(void) cf_profile_as_of_day(p, as_of);
	if (!cf_profile_trend(p, &a, &g))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the customer's revenue is too large to derive a trend"),
				 errdetail("The revenue-weighted day sum of the profile overflowed 128 bits.")));
	*annual = double_to_numeric(a, Min(scale, 1000));
	*growth = double_to_numeric(g, Min(scale, 1000));
}

PG_FUNCTION_INFO_V1(cf_lost_customer_value_profile);
Datum
cf_lost_customer_value_profile(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	Datum		a,
				g;

	cf_check_finite_ts(PG_GETARG_TIMESTAMPTZ(1), "as_of");
	profile_trend(fcinfo, p, PG_GETARG_TIMESTAMPTZ(1), &a, &g);
	return lost_value(a, g, PG_GETARG_INT32(2), PG_GETARG_DATUM(3), PG_GETARG_DATUM(4), false, true);
}

/* annual_trend(profile, as_of): the derived annual value and growth. */
PG_FUNCTION_INFO_V1(cf_profile_annual_trend);
Datum
cf_profile_annual_trend(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	Datum		values[2];
	bool		nulls[2] = {false, false};
	TupleDesc	tupdesc;

	profile_trend(fcinfo, p, PG_GETARG_TIMESTAMPTZ(1), &values[0], &values[1]);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
