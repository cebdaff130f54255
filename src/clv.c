/*
 * clv.c — SQL glue of customer lifetime value over the fitted models:
 * customer_lifetime_value() and expected_lost_value() (1.0: clv() and the
 * predictive lost_customer_value(bgnbd_model, ...)), the two halves of a
 * customer's discounted value if alive weighted by P(alive) and 1 - P(alive)
 * (core/clv.c).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "bgnbd.h"
#include "cf_glue.h"
#include "cf_lifetime.h"
#include "cf_model_state.h"
#include "clv.h"
#include "gamma_gamma.h"

static const char *const bg_fields[] = {"r", "alpha", "a", "b"};

/* The two models of a call site, each read once per query (cf_read_model). */
typedef struct ClvCache
{
	CfModelCache gamma_gamma;
	CfModelCache bg;
} ClvCache;

static ClvCache *
clv_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ClvCache));
	return (ClvCache *) fcinfo->flinfo->fn_extra;
}

/* The bgnbd_model in argument argno, validated. */
static cf_bgnbd_params
bg_model_arg(FunctionCallInfo fcinfo, int argno, ClvCache *cache)
{
	double		v[4];
	cf_bgnbd_params p;
	cf_error err;

	cf_read_model(fcinfo, argno, "bgnbd_model", bg_fields, 4, &cache->bg, v);
	p.r = v[0];
	p.alpha = v[1];
	p.a = v[2];
	p.b = v[3];
	cf_check_rc(cf_bgnbd_check_params(&p, &err), &err);
	return p;
}

/*
 * customer_lifetime_value(bgnbd_model, gamma_gamma_model, x, t_x, T, mean_value, horizon,
 * margin, discount_rate) and expected_lost_value(same): the two halves of the
 * discounted value if alive, weighted by P(alive) and 1 - P(alive).
 */
static Datum
clv_common(FunctionCallInfo fcinfo, bool lost)
{
	ClvCache   *cache = clv_cache(fcinfo);
	cf_bgnbd_params bg;
	cf_gamma_gamma_params gg;
	int			i;
	double		clv,
				lostv;
	cf_error err;

	/* NULL mean_value is allowed for x = 0; NULL margin and rate take their defaults */
	for (i = 0; i < 7; i++)
		if (PG_ARGISNULL(i) && i != 5)
			PG_RETURN_NULL();
	bg = bg_model_arg(fcinfo, 0, cache);
	gg = cf_gamma_gamma_model_arg(fcinfo, 1, &cache->gamma_gamma);
	if (PG_ARGISNULL(5) && PG_GETARG_INT32(2) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mean_value must not be null when x > 0")));
	cf_check_rc(cf_clv(&bg, &gg, PG_GETARG_INT32(2), PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4),
					PG_ARGISNULL(5) ? 0.0 : PG_GETARG_FLOAT8(5),
					PG_GETARG_FLOAT8(6),
					PG_ARGISNULL(7) ? 1.0 : PG_GETARG_FLOAT8(7),
					PG_ARGISNULL(8) ? 0.0 : PG_GETARG_FLOAT8(8),
					&clv, &lostv, &err), &err);
	PG_RETURN_FLOAT8(lost ? lostv : clv);
}

PG_FUNCTION_INFO_V1(cf_clv_sql);
Datum
cf_clv_sql(PG_FUNCTION_ARGS)
{
	return clv_common(fcinfo, false);
}

/*
 * customer_lifetime_value(bgnbd_model, gamma_gamma_model, profile, as_of,
 * unit_days, horizon, margin, discount_rate): the row form with x, t_x, T
 * from model_summary(profile, as_of, unit_days) and mean_value =
 * repeat_mean_value(profile), the same value bit for bit.  An unknown first
 * day's revenue (a profile stored by 1.0/1.1) is an error, never a guess.
 */
PG_FUNCTION_INFO_V1(cf_clv_profile);
Datum
cf_clv_profile(PG_FUNCTION_ARGS)
{
	ClvCache   *cache = clv_cache(fcinfo);
	cf_bgnbd_params bg;
	cf_gamma_gamma_params gg;
	cf_profile *p;
	int32		x;
	double		t_x,
				T,
				mean = 0.0,
				clv,
				lostv;
	Datum		numeric_mean;
	int			i;
	cf_error	err;

	for (i = 0; i < 6; i++)
		if (PG_ARGISNULL(i))
			PG_RETURN_NULL();
	bg = bg_model_arg(fcinfo, 0, cache);
	gg = cf_gamma_gamma_model_arg(fcinfo, 1, &cache->gamma_gamma);
	p = PG_GETARG_PROFILE(2);
	cf_profile_model_values(p, PG_GETARG_TIMESTAMPTZ(3), PG_GETARG_FLOAT8(4), &x, &t_x, &T);
	(void) cf_profile_repeat_mean(p, &numeric_mean, true, &mean);
	cf_check_rc(cf_clv(&bg, &gg, x, t_x, T, mean, PG_GETARG_FLOAT8(5),
					   PG_ARGISNULL(6) ? 1.0 : PG_GETARG_FLOAT8(6),
					   PG_ARGISNULL(7) ? 0.0 : PG_GETARG_FLOAT8(7),
					   &clv, &lostv, &err), &err);
	PG_RETURN_FLOAT8(clv);
}

PG_FUNCTION_INFO_V1(cf_lost_value_sql);
Datum
cf_lost_value_sql(PG_FUNCTION_ARGS)
{
	return clv_common(fcinfo, true);
}
