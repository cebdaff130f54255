/*
 * loyalty_ladder.c — SQL glue of the loyalty_ladder type and aggregates: a one-pass
 * loyalty-ladder report over orders (core: src/core/loyalty_ladder.c).
 *
 * The state is an expanded object (loyalty_ladder_object.c).
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
#include "loyalty_stage.h"
#include "cf_loyalty_ladder_object.h"
#include "loyalty_ladder.h"

/* ---------- aggregate ---------- */

/* The context states live in: the aggregate's, or the caller's outside one. */
static MemoryContext
state_context(FunctionCallInfo fcinfo, bool *in_agg)
{
	MemoryContext aggcxt;

	*in_agg = AggCheckCallContext(fcinfo, &aggcxt) != 0;
	return *in_agg ? aggcxt : CurrentMemoryContext;
}

void
cf_loyalty_ladder_add_error(int rc, int64 id)
{
	if (rc == CF_LOYALTY_LADDER_ENOMEM)
		cf_loyalty_ladder_out_of_memory();
	if (rc == CF_LOYALTY_LADDER_ESCORE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("customer %lld has two different recommend scores", (long long) id),
				 errdetail("A loyalty ladder takes one latest recommend score per customer."),
				 errhint("Take the latest with SELECT DISTINCT ON (customer_id) ... ORDER BY customer_id, responded_at DESC.")));
	if (rc == CF_LOYALTY_LADDER_ERANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("order count of customer %lld is out of range", (long long) id),
				 errdetail("A loyalty_ladder counts at most %lld orders per customer and %u per customer and day.",
						   (long long) PG_INT64_MAX, (unsigned) PG_UINT32_MAX)));
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("loyalty_ladder cannot count more customers"),
			 errdetail("The limit of %d customers was reached at customer %lld.",
					   CF_LOYALTY_LADDER_MAX_CUSTOMERS - 1, (long long) id)));
}

/* UTC, the zone of the forms without a time_zone argument (pg_tzset keeps it for the backend). */
static pg_tz *
default_zone(void)
{
	static pg_tz *utc = NULL;

	if (utc == NULL)
		utc = cf_zone_lookup("UTC", 3);
	if (utc == NULL)
		elog(ERROR, "time zone UTC is not available");
	return utc;
}

/*
 * Counts row (customer_id, ordered_at, as_of[, time_zone in argument
 * zone_arg][, recommend_score in argument score_arg]) into the state, days in
 * the named zone or else the session's (0: no such argument).  Rows with a
 * NULL customer_id or as_of are skipped before anything else is looked at; a
 * NULL ordered_at makes the customer known (a prospect unless orders turn
 * up); a NULL score is no score.
 */
static Datum
loyalty_ladder_trans(FunctionCallInfo fcinfo, int zone_arg, int score_arg)
{
	bool		in_agg;
	MemoryContext cxt;
	int64		id;
	TimestampTz as_of,
				ts = 0;
	bool		has_order = !PG_ARGISNULL(2);
	cf_day_cache *dc;
	int32		day = 0;
	LoyaltyLadderObject *o;
	MemoryContext old;
	int			rc;
	int64		failed = 0;
	int			score = CF_LOYALTY_LADDER_NO_SCORE;
	pg_tz	   *tz;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	id = PG_GETARG_INT64(1);
	as_of = PG_GETARG_TIMESTAMPTZ(3);
	/* without a time_zone argument: the fixed default UTC, never the session's zone */
	tz = zone_arg > 0 ? cf_zone_from_arg(fcinfo, zone_arg) : default_zone();
	cf_check_finite_ts(as_of, "as_of");
	if (score_arg > 0 && !PG_ARGISNULL(score_arg))
	{
		score = PG_GETARG_INT32(score_arg);
		if (score < 0 || score > 10)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("recommend_score %d is outside the scale 0..10", score)));
	}
	dc = cf_get_day_cache(tz);
	if (has_order)
	{
		ts = PG_GETARG_TIMESTAMPTZ(2);
		cf_check_finite_ts(ts, "ordered_at");
		if (ts > as_of)
		{
			char	   *as_of_text = pstrdup(timestamptz_to_str(as_of));

			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("as_of is before an order of customer %lld", (long long) id),
					 errdetail("as_of is %s, the order was at %s.", as_of_text, timestamptz_to_str(ts)),
					 errhint("Measure at or after the last order, or count only the orders up to as_of.")));
		}
		day = cf_local_day(dc, ts);
	}
	cxt = state_context(fcinfo, &in_agg);
	o = PG_ARGISNULL(0) ? cf_loyalty_ladder_object_new(cxt, in_agg, dc->zone, dc->zone_len, as_of)
		: cf_loyalty_ladder_writable(fcinfo, 0, cxt, in_agg);
	if (o->r->as_of != as_of)
	{
		char	   *first = pstrdup(timestamptz_to_str(o->r->as_of));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of must be the same in every row of a loyalty_ladder"),
				 errdetail("The ladder is as of %s, this row as of %s.", first, timestamptz_to_str(as_of))));
	}
	if (o->r->zone_len != dc->zone_len || memcmp(o->r->zone, dc->zone, dc->zone_len) != 0)
	{
		/* UTC-equivalent names are one zone (zone.h) */
		if (!cf_zone_same(o->r->zone, o->r->zone_len, dc->zone, dc->zone_len))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the time zone changed while a loyalty_ladder was being built"),
					 errdetail("The ladder counts days in \"%.*s\", this row in \"%s\".",
							   o->r->zone_len, o->r->zone, dc->zone)));
		cf_loyalty_ladder_adopt_zone(o->r, dc->zone, dc->zone_len);
	}
	old = MemoryContextSwitchTo(o->hdr.eoh_context);
	rc = cf_loyalty_ladder_add_scored(o->r, id, has_order, day, score, &failed);
	MemoryContextSwitchTo(old);
	if (rc != CF_LOYALTY_LADDER_OK)
		cf_loyalty_ladder_add_error(rc, failed);
	PG_RETURN_DATUM(cf_loyalty_ladder_object_datum(o));
}

/* Transition of loyalty_ladder(customer_id, ordered_at, as_of): days in UTC (the default zone). */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_trans);
Datum
cf_loyalty_ladder_trans(PG_FUNCTION_ARGS)
{
	return loyalty_ladder_trans(fcinfo, 0, 0);
}

/* Transition of loyalty_ladder(customer_id, ordered_at, as_of, recommend_score): days in UTC. */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_trans_score);
Datum
cf_loyalty_ladder_trans_score(PG_FUNCTION_ARGS)
{
	return loyalty_ladder_trans(fcinfo, 0, 4);
}

/* Transition of loyalty_ladder(customer_id, ordered_at, as_of, time_zone): days in the named zone. */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_trans_tz);
Datum
cf_loyalty_ladder_trans_tz(PG_FUNCTION_ARGS)
{
	return loyalty_ladder_trans(fcinfo, 4, 0);
}

/* Transition of loyalty_ladder(customer_id, ordered_at, as_of, time_zone, recommend_score). */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_trans_tz_score);
Datum
cf_loyalty_ladder_trans_tz_score(PG_FUNCTION_ARGS)
{
	return loyalty_ladder_trans(fcinfo, 4, 5);
}

static void
refuse_merge(const cf_loyalty_ladder *r, const char *zone, int zone_len, int64 as_of)
{
	char	   *first = pstrdup(timestamptz_to_str(r->as_of));

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot merge loyalty ladders of different time zones or as-of times"),
			 errdetail("One counts days in \"%.*s\" as of %s, the other in \"%.*s\" as of %s.",
					   r->zone_len, r->zone, first, zone_len, zone, timestamptz_to_str(as_of))));
}

/*
 * Combine function of the loyalty_ladder aggregates and transition of
 * rollup(loyalty_ladder): every customer of argument 1 added to argument 0.
 */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_combine);
Datum
cf_loyalty_ladder_combine(PG_FUNCTION_ARGS)
{
	bool		in_agg,
				parsed;
	MemoryContext cxt,
				old;
	LoyaltyLadderObject *o;
	cf_loyalty_ladder  *src;
	int			rc;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cxt = state_context(fcinfo, &in_agg);
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(cf_loyalty_ladder_object_datum(cf_loyalty_ladder_object_copy(cxt, in_agg, PG_GETARG_DATUM(1))));
	o = cf_loyalty_ladder_writable(fcinfo, 0, cxt, in_agg);
	cf_loyalty_ladder_object_flush(o);
	if (cf_loyalty_ladder_expanded(PG_GETARG_DATUM(1)) != NULL)
	{
		src = cf_loyalty_ladder_read(PG_GETARG_DATUM(1), &parsed);
		if (!cf_loyalty_ladder_compatible(o->r, src))
			refuse_merge(o->r, src->zone, src->zone_len, src->as_of);
		old = MemoryContextSwitchTo(o->hdr.eoh_context);
		rc = cf_loyalty_ladder_merge(o->r, src);
		MemoryContextSwitchTo(old);
	}
	else
	{
		cf_loyalty_ladder_reader rd;

		cf_loyalty_ladder_open_flat(PG_GETARG_DATUM(1), &rd);
		old = MemoryContextSwitchTo(o->hdr.eoh_context);
		rc = cf_loyalty_ladder_merge_binary(o->r, &rd);
		MemoryContextSwitchTo(old);
		if (rc == CF_LOYALTY_LADDER_EMISMATCH)
			refuse_merge(o->r, rd.zone, rd.zone_len, rd.as_of);
		if (rc == CF_LOYALTY_LADDER_EINVAL)
			cf_bad_stored_value("loyalty_ladder", rd.problem);
		cf_loyalty_ladder_reader_close(&rd);
	}
	if (rc != CF_LOYALTY_LADDER_OK)
		cf_loyalty_ladder_add_error(rc, o->r->failed_id);
	PG_RETURN_DATUM(cf_loyalty_ladder_object_datum(o));
}

/* ---------- accessors ---------- */

/* The local day of as_of in the ladder's zone; 22023 when the zone is unknown here. */
static int32
as_of_day(const char *zone, int zone_len, TimestampTz as_of)
{
	int32		day;

	if (!cf_zone_as_of_day(zone, zone_len, as_of, &day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%.*s\" of the loyalty_ladder is not recognized", zone_len, zone)));
	return day;
}

/* Stage counts of a value at its as-of time: from the table, or streamed from the flat form. */
static void
count_stages(Datum d, const cf_ladder *l, int64 counts[CF_STAGE_COUNT])
{
	LoyaltyLadderObject *o = cf_loyalty_ladder_expanded(d);
	int			rc;

	if (o)
	{
		rc = cf_loyalty_ladder_count_stages(o->r, as_of_day(o->r->zone, o->r->zone_len, o->r->as_of), l, counts);
		if (rc != CF_LOYALTY_LADDER_OK)
			cf_bad_stored_value("loyalty_ladder", "a purchase day is after the as-of day");
	}
	else
	{
		cf_loyalty_ladder_reader rd;

		cf_loyalty_ladder_open_flat(d, &rd);
		rc = cf_loyalty_ladder_reader_count_stages(&rd, as_of_day(rd.zone, rd.zone_len, rd.as_of), l, counts, NULL);
		if (rc != CF_LOYALTY_LADDER_OK)
			cf_bad_stored_value("loyalty_ladder", rd.problem);
		cf_loyalty_ladder_reader_close(&rd);
	}
}

/*
 * stage_counts(ladder, client_orders, regular_orders, advocate_score,
 * lapse_factor, lapse_days, lost_days): one row per stage, in ladder order,
 * with the number of customers at the ladder's as-of time.  The thresholds
 * have fixed defaults (SQL DEFAULTs), never the settings; a NULL one is an
 * error.  No rows for a NULL ladder.
 */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_stage_counts);
Datum
cf_loyalty_ladder_stage_counts(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_ladder	l = cf_ladder_from_fixed_args(fcinfo, 1);
	Oid			enumtype;
	int64		counts[CF_STAGE_COUNT];
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	enumtype = TupleDescAttr(rsinfo->setDesc, 0)->atttypid;
	count_stages(PG_GETARG_DATUM(0), &l, counts);
	for (i = 0; i < CF_STAGE_COUNT; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = DirectFunctionCall2(enum_in, CStringGetDatum(cf_stage_names[i]),
										ObjectIdGetDatum(enumtype));
		values[1] = Int64GetDatum(counts[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* customer_count(loyalty_ladder): every customer counted, prospects included. */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_customers);
Datum
cf_loyalty_ladder_customers(PG_FUNCTION_ARGS)
{
	LoyaltyLadderObject *o = cf_loyalty_ladder_expanded(PG_GETARG_DATUM(0));
	cf_loyalty_ladder_reader rd;

	if (o)
		PG_RETURN_INT64(o->r->ncustomers);
	cf_loyalty_ladder_open_flat(PG_GETARG_DATUM(0), &rd);
	PG_RETURN_INT64((int64) rd.ncustomers);
}

/* total += orders, or 22003: the total of a ladder must fit bigint, as count(*) does. */
static void
add_orders(int64 *total, int64 orders)
{
	if (pg_add_s64_overflow(*total, orders, total))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bigint out of range"),
				 errdetail("The ladder's orders add up to more than %lld.", (long long) PG_INT64_MAX)));
}

/* order_count(loyalty_ladder): every order counted. */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_orders_fn);
Datum
cf_loyalty_ladder_orders_fn(PG_FUNCTION_ARGS)
{
	LoyaltyLadderObject *o = cf_loyalty_ladder_expanded(PG_GETARG_DATUM(0));
	cf_loyalty_ladder_reader rd;
	int64		id,
				orders,
				total = 0;
	const int32 *days;
	int32		ndays;
	int			got;

	if (o)
	{
		uint32		i;

		for (i = 0; i < o->r->ncustomers; i++)
			add_orders(&total, o->r->customers[i].orders);
		PG_RETURN_INT64(total);
	}
	cf_loyalty_ladder_open_flat(PG_GETARG_DATUM(0), &rd);
	while ((got = cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays)) == 1)
		add_orders(&total, orders);
	if (got < 0)
		cf_bad_stored_value("loyalty_ladder", rd.problem);
	cf_loyalty_ladder_reader_close(&rd);
	PG_RETURN_INT64(total);
}

/* as_of(loyalty_ladder): the time the ladder is measured at. */
PG_FUNCTION_INFO_V1(cf_loyalty_ladder_as_of);
Datum
cf_loyalty_ladder_as_of(PG_FUNCTION_ARGS)
{
	LoyaltyLadderObject *o = cf_loyalty_ladder_expanded(PG_GETARG_DATUM(0));
	cf_loyalty_ladder_reader rd;

	if (o)
		PG_RETURN_TIMESTAMPTZ(o->r->as_of);
	cf_loyalty_ladder_open_flat(PG_GETARG_DATUM(0), &rd);
	PG_RETURN_TIMESTAMPTZ(rd.as_of);
}

/* ---------- I/O ---------- */

/*
 * The flat value of r (re-encoded, so a value read in is stored in the one
 * canonical form), r freed.  Input functions return flat values: a Const or
 * a stored tuple must not point into an object's context.
 */
static struct varlena *
flatten_and_free(cf_loyalty_ladder *r)
{
	size_t		n;
	struct varlena *v;

	cf_loyalty_ladder_sort(r);
	n = cf_loyalty_ladder_binary_size(r) + VARHDRSZ;
	if (n > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("loyalty_ladder of %u customers is too large to store (%zu bytes)", r->ncustomers, n)));
	v = palloc(n);
	SET_VARSIZE(v, n);
	cf_loyalty_ladder_to_binary(r, (uint8 *) VARDATA(v));
	cf_loyalty_ladder_free(r);
	return v;
}

/*
 * The one validation of a loyalty_ladder read in, shared by text and binary
 * input (the core parsers check the form): a zone the aggregates accept here
 * and no purchase day after the as-of day in that zone, which the aggregate
 * refuses (as_of is before an order).  r is sorted: days per customer ascend.
 */
static void
validate_ladder(const cf_loyalty_ladder *r)
{
	int32		last_allowed = as_of_day(r->zone, r->zone_len, r->as_of);
	uint32		i;

	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];
		int32		last;

		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (c->ndays == 0)
			continue;
		last = cf_loyalty_ladder_days(c)[c->ndays - 1];
		if (last > last_allowed)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid loyalty_ladder value"),
					 errdetail("Customer %lld has a purchase on %s, after the as-of day %s in \"%.*s\".",
							   (long long) c->id,
							   cf_day_text(last), cf_day_text(last_allowed),
							   r->zone_len, r->zone),
					 errhint("A ladder counts only orders up to its as_of.")));
	}
}

PG_FUNCTION_INFO_V1(cf_loyalty_ladder_in);
Datum
cf_loyalty_ladder_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	cf_error	why;
	cf_loyalty_ladder  *r;

	cf_check_parse(cf_loyalty_ladder_parse(text, strlen(text), &cf_pg_allocator, &r, &why), &why,
				   "loyalty_ladder", text);
	cf_loyalty_ladder_sort(r);
	validate_ladder(r);
	PG_RETURN_POINTER(flatten_and_free(r));
}

PG_FUNCTION_INFO_V1(cf_loyalty_ladder_out);
Datum
cf_loyalty_ladder_out(PG_FUNCTION_ARGS)
{
	bool		parsed;
	cf_loyalty_ladder  *r = cf_loyalty_ladder_read(PG_GETARG_DATUM(0), &parsed);
	size_t		n;
	char	   *buf;

	cf_loyalty_ladder_sort(r);
	n = cf_loyalty_ladder_format(r, NULL, 0);
	if (n + 1 > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the text form of a loyalty_ladder of %u customers is too long (%zu bytes)",
						r->ncustomers, n)));
	buf = palloc(n + 1);
	cf_loyalty_ladder_format(r, buf, n + 1);
	if (parsed)
		cf_loyalty_ladder_free(r);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(cf_loyalty_ladder_send);
Datum
cf_loyalty_ladder_send(PG_FUNCTION_ARGS)
{
	bool		parsed;
	cf_loyalty_ladder  *r = cf_loyalty_ladder_read(PG_GETARG_DATUM(0), &parsed);
	size_t		n;
	bytea	   *out;

	cf_loyalty_ladder_sort(r);
	n = cf_loyalty_ladder_binary_size(r);
	if (n + VARHDRSZ > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("loyalty_ladder of %u customers is too large to send (%zu bytes)", r->ncustomers, n)));
	out = palloc(n + VARHDRSZ);
	SET_VARSIZE(out, n + VARHDRSZ);
	cf_loyalty_ladder_to_binary(r, (uint8 *) VARDATA(out));
	if (parsed)
		cf_loyalty_ladder_free(r);
	PG_RETURN_BYTEA_P(out);
}

PG_FUNCTION_INFO_V1(cf_loyalty_ladder_recv);
Datum
cf_loyalty_ladder_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_error	why;
	cf_loyalty_ladder  *r;

	cf_check_stored(cf_loyalty_ladder_from_binary((const uint8 *) buf->data + buf->cursor, buf->len - buf->cursor,
												  &cf_pg_allocator, &r, &why), &why, "loyalty_ladder");
	buf->cursor = buf->len;
	cf_loyalty_ladder_sort(r);
	validate_ladder(r);
	PG_RETURN_POINTER(flatten_and_free(r));
}
