/*
 * loyalty_stage.c — SQL glue of the loyalty ladder's rules: loyalty_stage()
 * and overdue_factor() of a customer profile, and the thresholds given as arguments
 * (NULL ones from the customer_focus.* settings, customer_focus.c).  The
 * rules are in core/loyalty_stage.c.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "customer_profile.h"
#include "loyalty_stage.h"

PG_FUNCTION_INFO_V1(cf_profile_overdue);
Datum
cf_profile_overdue(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	cf_profile_summary s;
	double		o;

	cf_profile_summary_at(p, PG_GETARG_TIMESTAMPTZ(1), &s);
	if (!cf_overdue(s.x, s.t_x, s.since, &o))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(o);
}

/* 22023 naming every threshold when they do not fit together. */
static void
check_ladder(const cf_ladder *l)
{
	cf_error	why;
	const char *problem;

	if ((problem = cf_error_detail(cf_ladder_check(l, &why), &why)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid loyalty ladder thresholds"),
				 errdetail("client_orders %lld, regular_orders %lld, advocate_score %d, lapse_factor %g, lapse_days %d, lost_days %d: %s.",
						   (long long) l->client_orders, (long long) l->regular_orders, l->advocate_score,
						   l->lapse_factor, l->lapse_days, l->lost_days, problem)));
}

/*
 * The thresholds in the six arguments from first on (client_orders,
 * regular_orders, advocate_score, lapse_factor, lapse_days, lost_days), all
 * given: the forms whose result does not depend on the session.  A NULL one
 * is 22004 (no NULL means "the setting" there); 22023 when they do not fit
 * together.
 */
cf_ladder
cf_ladder_from_fixed_args(FunctionCallInfo fcinfo, int first)
{
	/* the names and documented defaults of the six arguments */
	static const char *const names[6] = {"client_orders", "regular_orders", "advocate_score",
	"lapse_factor", "lapse_days", "lost_days"};
	static const char *const defaults[6] = {"2", "5", "9", "3", "365", "730"};
	cf_ladder	l;
	int			i;

	for (i = 0; i < 6; i++)
		if (PG_ARGISNULL(first + i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not be null", names[i]),
					 errhint("Pass a value (the documented default is %s).", defaults[i])));
	l.client_orders = PG_GETARG_INT32(first);
	l.regular_orders = PG_GETARG_INT32(first + 1);
	l.advocate_score = PG_GETARG_INT32(first + 2);
	l.lapse_factor = PG_GETARG_FLOAT8(first + 3);
	l.lapse_days = PG_GETARG_INT32(first + 4);
	l.lost_days = PG_GETARG_INT32(first + 5);
	check_ladder(&l);
	return l;
}

/*
 * The thresholds in the six arguments from first on, NULL ones from the
 * customer_focus.* settings (loyalty_stage, released so in 1.0); 22023 when
 * they do not fit together.
 */
cf_ladder
cf_ladder_from_args(FunctionCallInfo fcinfo, int first)
{
	cf_ladder	l = cf_ladder_from_settings();

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
	check_ladder(&l);
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
	cf_profile_summary_at(p, PG_GETARG_TIMESTAMPTZ(1), &s);
	PG_RETURN_DATUM(stage_datum(fcinfo, cf_loyalty_stage(p->orders, s.x, s.t_x, s.since, score, &l)));
}
