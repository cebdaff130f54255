/*
 * segment_summary.c — SQL glue for per-segment summaries of customer profiles: the
 * segment_summary_state type, segment_summary_agg / segment_summary /
 * rollup, the accessors and the segment_report composite.
 *
 * The arithmetic is in core/segment_summary.c; stages come from core/loyalty_stage.c
 * with the thresholds given as arguments (the forms with all eleven arguments)
 * or, in the deprecated 1.0 forms, those of the customer_focus.* settings when
 * the summary starts.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "datatype/timestamp.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "nps.h"
#include "customer_profile.h"
#include "segment_summary.h"
#include "stats.h"

#define SEGMENT_TYPNAME "segment_summary_state"
#define PG_GETARG_SEGMENT(n)	((cf_segment *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define DEFAULT_HORIZON_YEARS	5

/* First argument of the six ladder thresholds in the forms that take them. */
#define LADDER_ARG 6
#define HAS_LADDER_ARGS(fcinfo) (PG_NARGS() > LADDER_ARG)

/*
 * The parameters given by the aggregate's arguments 2 (as_of), 4 (horizon),
 * 5 (margin) and 6-11 (the ladder thresholds; the settings in the forms
 * without them).
 */
static cf_segment_params
params_from_args(FunctionCallInfo fcinfo)
{
	cf_error	why;
	cf_segment_params p;
	const char *problem;

	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("as_of of segment_summary must not be null")));
	p.as_of = PG_GETARG_TIMESTAMPTZ(2);
	if (TIMESTAMP_NOT_FINITE(p.as_of))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("as_of must be a finite time")));
	p.horizon_years = DEFAULT_HORIZON_YEARS;
	p.margin = 1.0;
	if (PG_NARGS() > 4)
	{
		if (PG_ARGISNULL(4) || PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("horizon_years and margin of segment_summary must not be null")));
		p.horizon_years = PG_GETARG_INT32(4);
		p.margin = DatumGetFloat8(DirectFunctionCall1(numeric_float8, PG_GETARG_DATUM(5)));
	}
	p.ladder = HAS_LADDER_ARGS(fcinfo) ? cf_ladder_from_fixed_args(fcinfo, LADDER_ARG) : cf_ladder_from_settings();
	if ((problem = cf_error_detail(cf_segment_params_check(&p, &why), &why)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid segment_summary parameters"),
				 errdetail("Horizon %d years, margin %g: %s.", p.horizon_years, p.margin, problem),
				 errhint("The horizon is 0 to 100 years, the margin a share between 0 and 1.")));
	return p;
}

/* Whether the row's six threshold arguments are those the group started with (a NULL one is not). */
static bool
same_ladder_args(FunctionCallInfo fcinfo, const cf_ladder *l)
{
	int			i;

	for (i = LADDER_ARG; i < LADDER_ARG + 6; i++)
		if (PG_ARGISNULL(i))
			return false;
	return PG_GETARG_INT32(LADDER_ARG) == l->client_orders &&
		PG_GETARG_INT32(LADDER_ARG + 1) == l->regular_orders &&
		PG_GETARG_INT32(LADDER_ARG + 2) == l->advocate_score &&
		PG_GETARG_FLOAT8(LADDER_ARG + 3) == l->lapse_factor &&
		PG_GETARG_INT32(LADDER_ARG + 4) == l->lapse_days &&
		PG_GETARG_INT32(LADDER_ARG + 5) == l->lost_days;
}

/* Raise 22023 when two summaries were made with different parameters. */
static void
check_same_params(const cf_segment *a, const cf_segment *b)
{
	if (!cf_segment_same_params(a, b))
	{
		/* timestamptz_to_str returns a static buffer: copy each before the next call */
		char	   *a_as_of = pstrdup(timestamptz_to_str(a->as_of));
		char	   *b_as_of = pstrdup(timestamptz_to_str(b->as_of));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine segment summaries made with different parameters"),
				 errdetail("One has as_of %s, horizon %d, margin %g, ladder %lld/%lld/%d/%g/%d/%d; the other as_of %s, horizon %d, margin %g, ladder %lld/%lld/%d/%g/%d/%d.",
						   a_as_of, a->horizon_years, a->margin,
						   (long long) a->ladder.client_orders, (long long) a->ladder.regular_orders,
						   a->ladder.advocate_score, a->ladder.lapse_factor, a->ladder.lapse_days, a->ladder.lost_days,
						   b_as_of, b->horizon_years, b->margin,
						   (long long) b->ladder.client_orders, (long long) b->ladder.regular_orders,
						   b->ladder.advocate_score, b->ladder.lapse_factor, b->ladder.lapse_days, b->ladder.lost_days)));
	}
}

static void
overflow_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("segment summary out of range"),
			 errdetail("A count exceeds 2^63 - 1 or the revenue exceeds 38 digits.")));
}

/* A new empty summary in the current memory context (nodeAgg copies it once). */
static cf_segment *
new_segment(const cf_segment_params *params)
{
	cf_segment *s = palloc(sizeof(cf_segment));

	SET_VARSIZE(s, sizeof(cf_segment));
	cf_segment_init(s, params);
	return s;
}

/* What the summary needs of one profile at as_of (22023 when as_of precedes its last order). */
static cf_segment_customer
customer_of(FunctionCallInfo fcinfo, const cf_profile *p, TimestampTz as_of, int score)
{
	cf_segment_customer c;
	cf_profile_summary sum;

	if (cf_profile_summarize(p, cf_profile_as_of_day(p, as_of), &sum) != CF_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("as_of falls on a day before the customer's last order day"),
				 errdetail("The profile's last order day is after the as_of day in time zone \"%.*s\".",
						   (int) p->zone_len, cf_profile_zone(p))));
	if (!cf_profile_revenue_i128(p, &c.revenue))
		overflow_error();
	c.revenue_scale = p->scale;
	c.orders = p->orders;
	c.x = sum.x;
	c.t_x = sum.t_x;
	c.since = sum.since;
	c.recommend_score = score;
	c.has_trend = cf_profile_trend(p, &c.annual, &c.growth);
	return c;
}

/*
 * Transition of segment_summary_agg / segment_summary: (state, profile,
 * as_of [, recommend_score [, horizon_years, margin [, client_orders,
 * regular_orders, advocate_score, lapse_factor, lapse_days, lost_days]]]).
 * A NULL profile is a prospect (a contact without orders, e.g. from a LEFT
 * JOIN).
 */
PG_FUNCTION_INFO_V1(cf_segment_trans);
Datum
cf_segment_trans(PG_FUNCTION_ARGS)
{
	cf_segment *s;
	int			score = -1;
	cf_stage	stage;

	cf_require_aggregate(fcinfo, "segment summary");
	if (PG_ARGISNULL(0))
	{
		cf_segment_params params = params_from_args(fcinfo);

		s = new_segment(&params);
	}
	else
	{
		s = PG_GETARG_SEGMENT(0);
		/* as_of and horizon must not change within a group (the margin is read once) */
		if (PG_ARGISNULL(2) || PG_GETARG_TIMESTAMPTZ(2) != s->as_of ||
			(PG_NARGS() > 4 && (PG_ARGISNULL(4) || PG_GETARG_INT32(4) != s->horizon_years)) ||
			(HAS_LADDER_ARGS(fcinfo) && !same_ladder_args(fcinfo, &s->ladder)))
		{
			cf_segment_params params = params_from_args(fcinfo);
			cf_segment	fresh;

			cf_segment_init(&fresh, &params);
			if (!cf_segment_same_params(s, &fresh))
			{
				/* timestamptz_to_str returns a static buffer: copy each before the next call */
				char	   *started = pstrdup(timestamptz_to_str(s->as_of));
				char	   *later = pstrdup(timestamptz_to_str(fresh.as_of));

				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("as_of, horizon_years, margin and the ladder thresholds must be the same for every row of a group"),
						 errdetail("The group started with as_of %s, horizon %d years, ladder %lld/%lld/%d/%g/%d/%d; a later row has %s, %d, %lld/%lld/%d/%g/%d/%d.",
								   started, s->horizon_years,
								   (long long) s->ladder.client_orders, (long long) s->ladder.regular_orders,
								   s->ladder.advocate_score, s->ladder.lapse_factor, s->ladder.lapse_days, s->ladder.lost_days,
								   later, fresh.horizon_years,
								   (long long) fresh.ladder.client_orders, (long long) fresh.ladder.regular_orders,
								   fresh.ladder.advocate_score, fresh.ladder.lapse_factor, fresh.ladder.lapse_days, fresh.ladder.lost_days)));
			}
		}
	}
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
	{
		int32		r = PG_GETARG_INT32(3);

		if (r < 0 || r > 10)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("recommend score %d is outside the scale 0..10", r)));
		score = r;
	}
	if (PG_ARGISNULL(1))
	{
		if (!cf_segment_add_prospect(s))
			overflow_error();
	}
	else
	{
		cf_segment_customer c = customer_of(fcinfo, PG_GETARG_PROFILE(1), s->as_of, score);

		if (!cf_segment_add_customer(s, &c, &stage))
			overflow_error();
	}
	PG_RETURN_POINTER(s);
}

/* Combine, and rollup's transition: state0 += state1 (strict). */
PG_FUNCTION_INFO_V1(cf_segment_combine);
Datum
cf_segment_combine(PG_FUNCTION_ARGS)
{
	cf_segment *dst = PG_GETARG_SEGMENT(0);
	cf_segment *src = PG_GETARG_SEGMENT(1);

	check_same_params(dst, src);
	if (!CF_IN_AGGREGATE(fcinfo))
	{
		cf_segment *copy = palloc(sizeof(cf_segment));

		memcpy(copy, dst, sizeof(cf_segment));
		dst = copy;
	}
	if (!cf_segment_merge(dst, src))
		overflow_error();
	PG_RETURN_POINTER(dst);
}

/* ---------- type I/O ---------- */

PG_FUNCTION_INFO_V1(segment_summary_state_in);
Datum
segment_summary_state_in(PG_FUNCTION_ARGS)
{
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	cf_segment *s = palloc(sizeof(cf_segment));
	const char *problem = cf_error_detail(cf_segment_parse(text, s, &why), &why);

	if (problem)
		cf_bad_text_form(SEGMENT_TYPNAME, text, problem);
	SET_VARSIZE(s, sizeof(cf_segment));
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(segment_summary_state_out);
Datum
segment_summary_state_out(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);
	size_t		len = cf_segment_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_segment_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(segment_summary_state_send);
Datum
segment_summary_state_send(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, s->version);
	pq_sendint16(&buf, s->revenue_scale);
	pq_sendint32(&buf, s->horizon_years);
	pq_sendint64(&buf, s->as_of);
	pq_sendfloat8(&buf, s->margin);
	pq_sendint64(&buf, s->ladder.client_orders);
	pq_sendint64(&buf, s->ladder.regular_orders);
	pq_sendint32(&buf, s->ladder.advocate_score);
	pq_sendfloat8(&buf, s->ladder.lapse_factor);
	pq_sendint32(&buf, s->ladder.lapse_days);
	pq_sendint32(&buf, s->ladder.lost_days);
	pq_sendint64(&buf, s->customers);
	pq_sendint64(&buf, s->orders);
	pq_sendint64(&buf, s->repeat_customers);
	for (i = 0; i < CF_STAGE_COUNT; i++)
		pq_sendint64(&buf, s->stages[i]);
	pq_sendint64(&buf, (int64) s->revenue_lo);
	pq_sendint64(&buf, s->revenue_hi);
	pq_sendint64(&buf, (int64) s->lapsed_lo);
	pq_sendint64(&buf, s->lapsed_hi);
	pq_sendint64(&buf, (int64) s->lost_lo);
	pq_sendint64(&buf, s->lost_hi);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(segment_summary_state_recv);
Datum
segment_summary_state_recv(PG_FUNCTION_ARGS)
{
	cf_error	why;
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_segment_params params;
	cf_segment *s = palloc(sizeof(cf_segment));
	int16		version = pq_getmsgint(buf, 2);
	int16		scale = pq_getmsgint(buf, 2);
	const char *problem;
	int			i;

	if (version != CF_SEGMENT_VERSION)
		cf_bad_stored_value(SEGMENT_TYPNAME, "unknown format version");
	params.horizon_years = pq_getmsgint(buf, 4);
	params.as_of = pq_getmsgint64(buf);
	params.margin = pq_getmsgfloat8(buf);
	params.ladder.client_orders = pq_getmsgint64(buf);
	params.ladder.regular_orders = pq_getmsgint64(buf);
	params.ladder.advocate_score = pq_getmsgint(buf, 4);
	params.ladder.lapse_factor = pq_getmsgfloat8(buf);
	params.ladder.lapse_days = pq_getmsgint(buf, 4);
	params.ladder.lost_days = pq_getmsgint(buf, 4);
	if ((problem = cf_error_detail(cf_segment_params_check(&params, &why), &why)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid %s value", SEGMENT_TYPNAME),
				 errdetail("%c%s; the value has as_of %lld, horizon %d, margin %.17g, ladder %lld/%lld/%d/%.17g/%d/%d.",
						   pg_toupper((unsigned char) problem[0]), problem + 1,
						   (long long) params.as_of, params.horizon_years, params.margin,
						   (long long) params.ladder.client_orders, (long long) params.ladder.regular_orders,
						   params.ladder.advocate_score, params.ladder.lapse_factor,
						   params.ladder.lapse_days, params.ladder.lost_days)));
	cf_segment_init(s, &params);
	SET_VARSIZE(s, sizeof(cf_segment));
	s->revenue_scale = scale;
	s->customers = pq_getmsgint64(buf);
	s->orders = pq_getmsgint64(buf);
	s->repeat_customers = pq_getmsgint64(buf);
	for (i = 0; i < CF_STAGE_COUNT; i++)
		s->stages[i] = pq_getmsgint64(buf);
	s->revenue_lo = (uint64) pq_getmsgint64(buf);
	s->revenue_hi = pq_getmsgint64(buf);
	s->lapsed_lo = (uint64) pq_getmsgint64(buf);
	s->lapsed_hi = pq_getmsgint64(buf);
	s->lost_lo = (uint64) pq_getmsgint64(buf);
	s->lost_hi = pq_getmsgint64(buf);
	pq_getmsgend(buf);
	if ((problem = cf_error_detail(cf_segment_check(s, sizeof(cf_segment), &why), &why)) != NULL)
		cf_bad_stored_value(SEGMENT_TYPNAME, problem);
	PG_RETURN_POINTER(s);
}

/* ---------- accessors ---------- */

/* A numeric from value * 10^-scale. */
static Datum
scaled_numeric(cf_i128 v, int scale)
{
	size_t		len = cf_i128_format(v, scale, NULL, 0);
	char	   *t = palloc(len + 1);

	cf_i128_format(v, scale, t, len + 1);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(t), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* A value at risk (millionths) as a numeric rounded to the revenue's scale (at least 2 decimals). */
static Datum
money_numeric(cf_i128 micro, int scale)
{
	return DirectFunctionCall2(numeric_round, scaled_numeric(micro, CF_SEGMENT_VALUE_SCALE),
							   Int32GetDatum(Max(2, Min(scale, CF_SEGMENT_VALUE_SCALE))));
}

/* numerator / denominator in numeric, NULL (false) for a zero denominator. */
static bool
numeric_ratio(Datum num, int64 den, Datum *out)
{
	if (den == 0)
		return false;
	*out = DirectFunctionCall2(numeric_div, num, NumericGetDatum(int64_to_numeric(den)));
	return true;
}

/* Index of a loyalty_stage enum value by its label. */
static cf_stage
stage_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *label = DatumGetCString(DirectFunctionCall1(enum_out, PG_GETARG_DATUM(argno)));
	int			i;

	for (i = 0; i < CF_STAGE_COUNT; i++)
		if (strcmp(label, cf_stage_names[i]) == 0)
			return (cf_stage) i;
	elog(ERROR, "unknown loyalty stage \"%s\"", label);
	return CF_STAGE_PROSPECT;	/* keep the compiler quiet */
}

#define SEGMENT_COUNT_ACCESSOR(fn, expr) \
PG_FUNCTION_INFO_V1(fn); \
Datum fn(PG_FUNCTION_ARGS) { cf_segment *s = PG_GETARG_SEGMENT(0); PG_RETURN_INT64(expr); }

SEGMENT_COUNT_ACCESSOR(cf_segment_customers, s->customers)
SEGMENT_COUNT_ACCESSOR(cf_segment_orders, s->orders)
SEGMENT_COUNT_ACCESSOR(cf_segment_repeat_customers, s->repeat_customers)

PG_FUNCTION_INFO_V1(cf_segment_stage_count);
Datum
cf_segment_stage_count(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);

	PG_RETURN_INT64(s->stages[stage_arg(fcinfo, 1)]);
}

PG_FUNCTION_INFO_V1(cf_segment_stage_share);
Datum
cf_segment_stage_share(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);

	if (s->customers == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s->stages[stage_arg(fcinfo, 1)] / s->customers);
}

PG_FUNCTION_INFO_V1(cf_segment_revenue_fn);
Datum
cf_segment_revenue_fn(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);

	PG_RETURN_DATUM(scaled_numeric(cf_segment_revenue(s), s->revenue_scale));
}

/* Revenue per customer with orders (prospects excluded). */
PG_FUNCTION_INFO_V1(cf_segment_revenue_per_customer);
Datum
cf_segment_revenue_per_customer(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);
	Datum		r;

	if (!numeric_ratio(scaled_numeric(cf_segment_revenue(s), s->revenue_scale),
					   s->customers - s->stages[CF_STAGE_PROSPECT], &r))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(r);
}

PG_FUNCTION_INFO_V1(cf_segment_average_order_value);
Datum
cf_segment_average_order_value(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);
	Datum		r;

	if (!numeric_ratio(scaled_numeric(cf_segment_revenue(s), s->revenue_scale), s->orders, &r))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(r);
}

/* Share of the customers with orders who ordered at least twice. */
PG_FUNCTION_INFO_V1(cf_segment_repeat_share);
Datum
cf_segment_repeat_share(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);
	int64		buyers = s->customers - s->stages[CF_STAGE_PROSPECT];

	if (buyers == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s->repeat_customers / buyers);
}

PG_FUNCTION_INFO_V1(cf_segment_lapsed_value_fn);
Datum
cf_segment_lapsed_value_fn(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);

	PG_RETURN_DATUM(money_numeric(cf_segment_lapsed_value(s), s->revenue_scale));
}

PG_FUNCTION_INFO_V1(cf_segment_lost_value_fn);
Datum
cf_segment_lost_value_fn(PG_FUNCTION_ARGS)
{
	cf_segment *s = PG_GETARG_SEGMENT(0);

	PG_RETURN_DATUM(money_numeric(cf_segment_lost_value(s), s->revenue_scale));
}

/* The report row: every figure of the summary, with NPS and its margin when a score state is given. */
static Datum
report_datum(FunctionCallInfo fcinfo, const cf_segment *s, const cf_nps_state *scores)
{
	TupleDesc	desc;
	Datum		values[25];
	bool		nulls[25];
	Datum		revenue = scaled_numeric(cf_segment_revenue(s), s->revenue_scale);
	int64		buyers = s->customers - s->stages[CF_STAGE_PROSPECT];
	int			i,
				n = 0;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "segment_report must return a composite type");
	memset(nulls, 0, sizeof(nulls));
	values[n++] = Int64GetDatum(s->customers);
	for (i = 0; i < CF_STAGE_COUNT; i++)
		values[n++] = Int64GetDatum(s->stages[i]);
	for (i = 0; i < CF_STAGE_COUNT; i++)
	{
		nulls[n] = s->customers == 0;
		values[n++] = Float8GetDatum(s->customers ? (double) s->stages[i] / s->customers : 0);
	}
	values[n++] = Int64GetDatum(s->orders);
	values[n++] = revenue;
	nulls[n] = !numeric_ratio(revenue, buyers, &values[n]);
	n++;
	nulls[n] = !numeric_ratio(revenue, s->orders, &values[n]);
	n++;
	nulls[n] = buyers == 0;
	values[n++] = Float8GetDatum(buyers ? (double) s->repeat_customers / buyers : 0);
	values[n++] = money_numeric(cf_segment_lapsed_value(s), s->revenue_scale);
	values[n++] = money_numeric(cf_segment_lost_value(s), s->revenue_scale);
	if (scores)
	{
		cf_score_summary sum = cf_nps_state_summarize(scores);

		values[n] = Int64GetDatum(sum.responses);
		n++;
		nulls[n] = nulls[n + 1] = sum.responses == 0;
		values[n++] = Float8GetDatum(sum.responses ? cf_score_net(&sum) : 0);
		values[n++] = Float8GetDatum(sum.responses ? cf_score_moe(&sum, cf_normal_two_sided_z(0.95)) : 0);
	}
	else
	{
		nulls[n++] = true;
		nulls[n++] = true;
		nulls[n++] = true;
	}
	Assert(n == desc->natts);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* segment_report(summary [, scores]): the report row of a stored summary. */
PG_FUNCTION_INFO_V1(cf_segment_report);
Datum
cf_segment_report(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return report_datum(fcinfo, PG_GETARG_SEGMENT(0),
						PG_NARGS() > 1 && !PG_ARGISNULL(1) ? cf_nps_state_arg(fcinfo, 1) : NULL);
}

/* Final function of segment_summary: the report row, without survey figures. */
PG_FUNCTION_INFO_V1(cf_segment_final);
Datum
cf_segment_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	return report_datum(fcinfo, PG_GETARG_SEGMENT(0), NULL);
}
