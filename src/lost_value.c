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
num_int(int64 v)
{
	return NumericGetDatum(int64_to_numeric(v));
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

/* The numeric as a core decimal at its display scale (numeric_out writes every digit of it). */
static void
to_bigdec(Datum d, cf_bigdec *b)
{
	char	   *t = DatumGetCString(DirectFunctionCall1(numeric_out, d));

	if (cf_bigdec_parse_with(b, t, strlen(t), &cf_pg_allocator) != 0)
		elog(ERROR, "numeric text \"%s\" not read", t);
	pfree(t);
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
	char	   *text;
	size_t		len;
	int			rc;

	check_finite_numeric(a, "annual_value");
	check_finite_numeric(g, geometric ? "growth_rate" : "annual_growth");
	check_lcv_args(years, margin, discount);
	if (geometric && num_cmp(g, num_int(-1)) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("growth_rate must be at least -1"),
				 errdetail("The value given is %s.", DatumGetCString(DirectFunctionCall1(numeric_out, g)))));
	to_bigdec(a, &av);
	to_bigdec(g, &gv);
	to_bigdec(margin, &mv);
	to_bigdec(discount, &dv);
	rc = cf_lost_value_numeric(&in, &cf_pg_allocator, &result);
	if (rc == CF_ERANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value overflows numeric format")));
	if (rc != CF_OK)
		elog(ERROR, "lost value: core error %d", rc);
	len = cf_bigdec_format(&result, NULL, 0);
	text = palloc(len + 1);
	cf_bigdec_format(&result, text, len + 1);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(text), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
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
