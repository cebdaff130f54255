/*
 * lost_value.c — SQL glue of lost-customer value: lost_customer_value() over
 * an annual value and growth (arithmetic or geometric) or over a customer
 * profile's trend, and annual_trend().
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "customer_profile.h"
#include "lost_value.h"

#define MAX_YEARS 1000

static Datum
num_round(Datum a, int scale)
{
	return DirectFunctionCall2(numeric_round, a, Int32GetDatum(scale));
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

/*
 * The finite numeric as a core decimal at its display scale: from its stored
 * digits when they fit 128 bits (cf_numeric_decode), else from its text
 * (numeric_out writes every digit of the display scale).
 */
static void
to_bigdec(Datum d, cf_bigdec *b)
{
	cf_i128		v;
	int			scale;
	char	   *t;

	if (cf_numeric_decode(d, &v, &scale))
	{
		if (!cf_bigdec_from_i128_with(b, v, scale, &cf_pg_allocator))
			elog(ERROR, "out of memory");
		return;
	}
	t = DatumGetCString(DirectFunctionCall1(numeric_out, d));
	if (cf_bigdec_parse_with(b, t, strlen(t), &cf_pg_allocator) != 0)
		elog(ERROR, "numeric text \"%s\" not read", t);
	pfree(t);
}

/* Validates years, margin and discount rate; margin and discount as decimals into mv, dv. */
static void
check_lcv_args(int32 years, Datum margin, Datum discount, cf_bigdec *mv, cf_bigdec *dv)
{
	if (years < 0 || years > MAX_YEARS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("years must be between 0 and %d", MAX_YEARS),
				 errdetail("The value given is %d.", years)));
	check_finite_numeric(margin, "margin");
	check_finite_numeric(discount, "discount_rate");
	to_bigdec(margin, mv);
	to_bigdec(discount, dv);
	if (cf_bigdec_cmp_int(mv, 0) < 0 || cf_bigdec_cmp_int(mv, 1) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("margin must be between 0 and 1"),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, margin))),
				 errhint("Write a 20 %% margin as 0.2.")));
	if (cf_bigdec_cmp_int(dv, -1) <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("discount_rate must be greater than -1"),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, discount)))));
}

/*
 * The decimal as a numeric of the same display scale: a value of at most 15
 * digits through int64_div_fast_to_numeric (below 2^63 / 10^4, so that
 * PostgreSQL's own scaling of the digits cannot overflow), any other through
 * its text.
 */
static Datum
from_bigdec(const cf_bigdec *b)
{
	char	   *text;
	size_t		len;

	if (b->nlimbs <= 2)
	{
		int64		v = b->nlimbs == 0 ? 0 : b->limbs[0] + (b->nlimbs == 2 ? (int64) b->limbs[1] * 1000000000 : 0);

		if (v < INT64CONST(922337203685477))
			return NumericGetDatum(int64_div_fast_to_numeric(b->neg ? -v : v, b->scale));
	}
	len = cf_bigdec_format(b, NULL, 0);
	text = palloc(len + 1);
	cf_bigdec_format(b, text, len + 1);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(text), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/*
 * Sum over years t = 1..n of value_t * margin / (1 + d)^t, where value_1 =
 * a and value_t = value_(t-1) + g (arithmetic) or value_(t-1) * (1 + g)
 * (geometric); with floor_zero, yearly values below zero count as zero.
 * The core computes it with numeric's rules (cf_lost_value_numeric): exact
 * when d = 0 and the growth is arithmetic; otherwise discount and growth
 * factors carry 40 decimals and the result is rounded to 20.
 */
static Datum
lost_value(Datum a, Datum g, int32 years, Datum margin, Datum discount, bool geometric, bool floor_zero)
{
	cf_bigdec	av,
				gv,
				mv,
				dv,
				result;
	cf_lost_value_args in = {&av, &gv, years, &mv, &dv, geometric, floor_zero};
	int			rc;

	check_finite_numeric(a, "annual_value");
	check_finite_numeric(g, geometric ? "growth_rate" : "annual_growth");
	check_lcv_args(years, margin, discount, &mv, &dv);
	to_bigdec(g, &gv);
	if (geometric && cf_bigdec_cmp_int(&gv, -1) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("growth_rate must be at least -1"),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, g)))));
	to_bigdec(a, &av);
	rc = cf_lost_value_numeric(&in, &cf_pg_allocator, &result);
	if (rc == CF_ERANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value overflows numeric format")));
	if (rc != CF_OK)
		elog(ERROR, "lost value: core error %d", rc);
	return from_bigdec(&result);
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
