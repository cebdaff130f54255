/*
 * bgnbd_profile.c — SQL glue of the BG/NBD predictions that read customer
 * profiles (bgnbd_p_alive, bgnbd_expected_purchases, bgnbd_p_no_purchase over
 * a profile; bgnbd_p_alive_path) and of the churn windows
 * (bgnbd_p_no_purchase, bgnbd_pmf_new, bgnbd_pmf).  Apart from bgnbd.c so that both
 * stay under 700 lines; every model goes through bgnbd.c's per-call-site
 * cache (cf_lifetime.h), so a profile form returns the scalar form's value
 * bit for bit.
 *
 * The profile forms are C, not LANGUAGE sql over model_summary(): a SQL
 * function with a FROM clause is never inlined, and its executor start per
 * row made it 1.8 to 9 times the scalar form's cost.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "bgnbd.h"
#include "cf_glue.h"
#include "cf_lifetime.h"

/* bgnbd_p_alive(model, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_bgnbd_p_alive_profile);
Datum
cf_bgnbd_p_alive_profile(PG_FUNCTION_ARGS)
{
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 1, &x, &t_x, &T);
	PG_RETURN_FLOAT8(cf_bgnbd_score_p_alive(fcinfo, x, t_x, T));
}

/* bgnbd_expected_purchases(model, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_bgnbd_expected_purchases_profile);
Datum
cf_bgnbd_expected_purchases_profile(PG_FUNCTION_ARGS)
{
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(cf_bgnbd_score_expected(fcinfo, PG_GETARG_FLOAT8(1), x, t_x, T));
}

/* P(no purchase in the horizon) of a validated customer; the model in argument 0. */
static double
no_purchase(FunctionCallInfo fcinfo, double horizon, int32 x, double t_x, double T)
{
	const cf_bgnbd_scorer *s = cf_bgnbd_model_scorer(fcinfo);

	cf_bgnbd_check_horizon(horizon);
	cf_bgnbd_customer_args(x, t_x, T);
	return cf_bgnbd_p_no_purchase_ok(&s->p, horizon, x, t_x, T);
}

/* bgnbd_p_no_purchase(model, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_bgnbd_p_no_purchase_sql);
Datum
cf_bgnbd_p_no_purchase_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(no_purchase(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_INT32(2),
								 PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4)));
}

/* bgnbd_p_no_purchase(model, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_bgnbd_p_no_purchase_profile);
Datum
cf_bgnbd_p_no_purchase_profile(PG_FUNCTION_ARGS)
{
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(no_purchase(fcinfo, PG_GETARG_FLOAT8(1), x, t_x, T));
}

/* bgnbd_pmf_new(model, n, horizon): P(X(horizon) = n) of a new customer. */
PG_FUNCTION_INFO_V1(cf_bgnbd_pmf_new_sql);
Datum
cf_bgnbd_pmf_new_sql(PG_FUNCTION_ARGS)
{
	const cf_bgnbd_scorer *s = cf_bgnbd_model_scorer(fcinfo);
	int32		n = PG_GETARG_INT32(1);
	double		horizon = PG_GETARG_FLOAT8(2);
	double		v;
	cf_error err;

	cf_bgnbd_check_purchase_count(n);
	cf_bgnbd_check_horizon(horizon);
	if (cf_bgnbd_pmf_new(&s->p, n, horizon, &v, &err) != CF_OK)
		cf_lifetime_report(&err);
	PG_RETURN_FLOAT8(v);
}

/*
 * bgnbd_pmf(model, n, horizon, x, t_x, T): P(n purchases in the horizon | x,
 * t_x, T) (derivation in core/bgnbd.h), through bgnbd.c's memo of P(n | alive).
 */
PG_FUNCTION_INFO_V1(cf_bgnbd_pmf_sql);
Datum
cf_bgnbd_pmf_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(cf_bgnbd_score_pmf(fcinfo, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2),
										PG_GETARG_INT32(3), PG_GETARG_FLOAT8(4), PG_GETARG_FLOAT8(5)));
}

/* bgnbd_pmf(model, n, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_bgnbd_pmf_profile);
Datum
cf_bgnbd_pmf_profile(PG_FUNCTION_ARGS)
{
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 3, &x, &t_x, &T);
	PG_RETURN_FLOAT8(cf_bgnbd_score_pmf(fcinfo, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2), x, t_x, T));
}

/*
 * The step of a P(alive) path in whole days: an interval of days (and
 * hours making whole days), no months (their length depends on the month),
 * at least one day.
 */
static int32
step_days(const Interval *step, const char *fname)
{
	if (step->month != 0 || step->time % USECS_PER_DAY != 0 ||
		(int64) step->day + step->time / USECS_PER_DAY < 1 ||
		(int64) step->day + step->time / USECS_PER_DAY > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid step for %s", fname),
				 errdetail("The step must be a whole number of days, at least 1, without months; got %s.",
						   DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(step)))),
				 errhint("Use e.g. '1 day' or '7 days'.")));
	return (int32) (step->day + step->time / USECS_PER_DAY);
}

/*
 * <model>_p_alive_path(model, profile, as_of, step, unit_days): P(alive) on
 * the first purchase day, every step days after it, and on the as_of day,
 * each from the purchase days up to that day (the customer as they were
 * then).  Rows (day, p_alive), days local to the profile's zone.
 */
Datum
cf_lifetime_p_alive_path(FunctionCallInfo fcinfo, const char *fname, cf_p_alive_fn p_alive)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_profile *p = PG_GETARG_PROFILE(1);
	int32		step = step_days(PG_GETARG_INTERVAL_P(3), fname);
	double		unit = PG_GETARG_FLOAT8(4);
	int32		x;
	double		t_x,
				T;
	const int32 *days = cf_profile_days(p);
	int32		first = days[0],
				end,
				seen = 0;		/* purchase days up to the current day */
	int64		day;

	/* validates as_of and unit_days, and gives the as_of day */
	cf_profile_model_values(p, PG_GETARG_TIMESTAMPTZ(2), unit, &x, &t_x, &T);
	end = cf_profile_as_of_day(p, PG_GETARG_TIMESTAMPTZ(2));
	InitMaterializedSRF(fcinfo, 0);
	for (day = first;; day += step)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		if (day > end)
			day = end;			/* the last row is the as_of day */
		while (seen < p->ndays && days[seen] <= day)
			seen++;
		x = seen - 1;
		t_x = (double) (days[seen - 1] - first) / unit;
		T = (double) (day - first) / unit;
		values[0] = DateADTGetDatum((DateADT) day);
		values[1] = Float8GetDatum(p_alive(fcinfo, x, t_x, T));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		CHECK_FOR_INTERRUPTS();
		if (day >= end)
			break;
	}
	return (Datum) 0;
}

/* bgnbd_p_alive_path(model, profile, as_of, step, unit_days) */
PG_FUNCTION_INFO_V1(cf_bgnbd_p_alive_path);
Datum
cf_bgnbd_p_alive_path(PG_FUNCTION_ARGS)
{
	return cf_lifetime_p_alive_path(fcinfo, "bgnbd_p_alive_path", cf_bgnbd_score_p_alive);
}
