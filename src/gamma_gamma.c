/*
 * gamma_gamma.c — SQL glue for the Gamma-Gamma spend model: the
 * gamma_gamma_state type (distinct (x, mean value) pairs with counts), the
 * gamma_gamma_agg / gamma_gamma_fit aggregates, rollup, the expected mean
 * transaction value (the lifetime value functions that combine it with
 * BG/NBD are in clv.c).
 *
 * The arithmetic is in core/gamma_gamma.c; this file unpacks, validates,
 * calls and packs; the state handling is shared with bgnbd.c (model_state.c).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "cf_glue.h"
#include "cf_lifetime.h"
#include "cf_model_state.h"
#include "gamma_gamma.h"

/* gamma_gamma_state: weighted (x, mean value) tuples (model_state.h). */
static const CfModelStateType gamma_gamma_type = {
	.layout = &cf_gamma_gamma_layout,
	.esize = sizeof(cf_gamma_gamma_entry),
	.entries = "(x, mean value) pairs",
	.hint = "Round the mean values (e.g. to cents) so that customers share pairs, or fit on a sample.",
};
const struct CfModelStateType *const cf_gamma_gamma_type = &gamma_gamma_type;

/* ---------- aggregate support ---------- */

/*
 * Transition: count a repeat customer's (x, mean value).  Rows with x = 0
 * are skipped, as in the paper (their mean value is undefined), as are rows
 * with a NULL.
 */
PG_FUNCTION_INFO_V1(cf_gg_trans);
Datum
cf_gg_trans(PG_FUNCTION_ARGS)
{
	CfModelState *s;
	cf_gamma_gamma_entry e;
	cf_error err;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_GETARG_INT32(1) == 0)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cf_require_aggregate(fcinfo, "gamma_gamma");
	cf_check_rc(cf_gamma_gamma_make_entry(PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2), &e, &err), &err);
	s = PG_ARGISNULL(0) ? cf_model_state_new(&gamma_gamma_type, CF_MODEL_STATE_INITIAL) : PG_GETARG_CF_MODEL_STATE(0);
	PG_RETURN_POINTER(cf_model_state_append(&gamma_gamma_type, s, &e));
}

/*
 * Transition of gamma_gamma_agg(profile) and gamma_gamma_fit(profile): counts
 * the customer's repeat purchase days x and their mean revenue
 * (repeat_mean_value's float8, the value the row form is given in plain SQL);
 * one-day customers and NULLs are skipped, an unknown first day's revenue is
 * an error (customer_profile.c).
 */
PG_FUNCTION_INFO_V1(cf_gg_profile_trans);
Datum
cf_gg_profile_trans(PG_FUNCTION_ARGS)
{
	CfModelState *s;
	cf_gamma_gamma_entry e;
	cf_error	err;
	cf_profile *p;
	Datum		mean;
	double		m;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cf_require_aggregate(fcinfo, "gamma_gamma");
	p = PG_GETARG_PROFILE(1);
	if (!cf_profile_repeat_mean(p, &mean, true, &m))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (!(m > 0.0))
		/* returns outweigh the repeat purchases: the row form's error, with the filter */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid mean transaction value"),
				 errdetail("A customer with x = %d repeat purchases must have a mean repeat purchase value > 0, got %g.",
						   p->ndays - 1, m),
				 errhint("Gamma-Gamma models positive spend: leave such customers out with WHERE repeat_mean_value(profile) > 0.")));
	cf_check_rc(cf_gamma_gamma_make_entry(p->ndays - 1, m, &e, &err), &err);
	s = PG_ARGISNULL(0) ? cf_model_state_new(&gamma_gamma_type, CF_MODEL_STATE_INITIAL) : PG_GETARG_CF_MODEL_STATE(0);
	PG_RETURN_POINTER(cf_model_state_append(&gamma_gamma_type, s, &e));
}

/* Combine (and rollup's transition): cf_model_state_combine. */
PG_FUNCTION_INFO_V1(cf_gg_combine);
Datum
cf_gg_combine(PG_FUNCTION_ARGS)
{
	return cf_model_state_combine(&gamma_gamma_type, fcinfo);
}

/* Final function of gamma_gamma_agg: a tight, compact copy. */
PG_FUNCTION_INFO_V1(cf_gg_final);
Datum
cf_gg_final(PG_FUNCTION_ARGS)
{
	return cf_model_state_final(&gamma_gamma_type, fcinfo);
}

/* ---------- type I/O: "1;<n>;x,m,count;...", binary (x, m, count) ---------- */

PG_FUNCTION_INFO_V1(gamma_gamma_state_in);
Datum
gamma_gamma_state_in(PG_FUNCTION_ARGS)
{
	return cf_model_state_in(&gamma_gamma_type, fcinfo);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_out);
Datum
gamma_gamma_state_out(PG_FUNCTION_ARGS)
{
	return cf_model_state_out(&gamma_gamma_type, fcinfo);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_send);
Datum
gamma_gamma_state_send(PG_FUNCTION_ARGS)
{
	return cf_model_state_send(&gamma_gamma_type, fcinfo);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_recv);
Datum
gamma_gamma_state_recv(PG_FUNCTION_ARGS)
{
	return cf_model_state_recv(&gamma_gamma_type, fcinfo);
}

/* ---------- accessors and the fit ---------- */

/* Number of repeat customers counted. */
PG_FUNCTION_INFO_V1(cf_gg_customers);
Datum
cf_gg_customers(PG_FUNCTION_ARGS)
{
	return cf_model_state_customers(&gamma_gamma_type, fcinfo);
}

/* Fit; build a gamma_gamma_model; WARNING if not converged. */
static Datum
fit_state(FunctionCallInfo fcinfo, const CfModelState *s)
{
	size_t		n;
	const cf_gamma_gamma_entry *e;
	cf_scratch	scratch;
	cf_gamma_gamma_fit_result res;
	cf_error err;
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	int			rc;

	/* the compacted view and the fit's arrays live and die in one context */
	cf_scratch_begin(&scratch, "customer_focus gamma_gamma fit");
	e = cf_model_state_view(&gamma_gamma_type, s, &n);
	rc = cf_gamma_gamma_fit(e, n, &cf_pg_allocator, NULL, &res, &err);
	cf_scratch_end(&scratch);
	cf_check_rc(rc, &err);
	if (res.boundary[0] != '\0')
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("gamma_gamma fit did not converge: %s", res.boundary),
				 errdetail("The log-likelihood keeps rising towards the boundary (%s): p = %g, q = %g, gamma = %g; the fit returns converged = false.",
						   res.boundary, res.p.p, res.p.q, res.p.gamma),
				 errhint("The data do not identify the model (e.g. every customer spends the same, or too few repeat purchases); fit on more customers.")));
	else if (!res.converged)
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("gamma_gamma fit did not converge"),
				 errdetail("After %d iterations (%d evaluations) the largest gradient component of the mean log-likelihood is %g; p = %g, q = %g, gamma = %g.",
						   res.iterations, res.evaluations, res.grad_max,
						   res.p.p, res.p.q, res.p.gamma),
				 errhint("A parameter running to 0 or infinity means the data do not identify the model (e.g. every customer spends the same).")));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "gamma_gamma_fit must return a composite type");
	values[0] = Float8GetDatum(res.p.p);
	values[1] = Float8GetDatum(res.p.q);
	values[2] = Float8GetDatum(res.p.gamma);
	values[3] = Float8GetDatum(res.log_likelihood);
	values[4] = Int64GetDatum(res.n);
	values[5] = BoolGetDatum(res.converged);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* gamma_gamma_fit(gamma_gamma_state): strict, so a NULL state gives NULL. */
PG_FUNCTION_INFO_V1(cf_gg_fit_state);
Datum
cf_gg_fit_state(PG_FUNCTION_ARGS)
{
	return fit_state(fcinfo, PG_GETARG_CF_MODEL_STATE(0));
}

/* Final function of the one-step gamma_gamma_fit aggregate. */
PG_FUNCTION_INFO_V1(cf_gg_fit_final);
Datum
cf_gg_fit_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot fit gamma_gamma model"),
				 errdetail("There are no repeat customers (rows with x > 0 and a mean value) to fit."),
				 errhint("Fit over a query that returns customers with at least one repeat purchase.")));
	return fit_state(fcinfo, PG_GETARG_CF_MODEL_STATE(0));
}

/* ---------- predictions ---------- */

static const char *const gamma_gamma_fields[] = {"p", "q", "gamma"};

/* The gamma_gamma_model in argument argno, validated (cf_lifetime.h; clv.c reads it too). */
cf_gamma_gamma_params
cf_gamma_gamma_model_arg(FunctionCallInfo fcinfo, int argno, CfModelCache *cache)
{
	double		v[3];
	cf_gamma_gamma_params p;
	cf_error err;

	cf_read_model(fcinfo, argno, "gamma_gamma_model", gamma_gamma_fields, 3, cache, v);
	p.p = v[0];
	p.q = v[1];
	p.gamma = v[2];
	cf_check_rc(cf_gamma_gamma_check_params(&p, &err), &err);
	return p;
}

/* gamma_gamma_expected_mean(model, x, mean_value) */
PG_FUNCTION_INFO_V1(cf_gg_expected_mean_sql);
Datum
cf_gg_expected_mean_sql(PG_FUNCTION_ARGS)
{
	cf_gamma_gamma_params p;
	int32		x;
	double		v;
	cf_error err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CfModelCache));
	p = cf_gamma_gamma_model_arg(fcinfo, 0, (CfModelCache *) fcinfo->flinfo->fn_extra);
	x = PG_GETARG_INT32(1);
	if (x > 0 && PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mean_value must not be null when x > 0")));
	cf_check_rc(cf_gamma_gamma_expected_mean(&p, x, PG_ARGISNULL(2) ? 0.0 : PG_GETARG_FLOAT8(2), &v, &err), &err);
	PG_RETURN_FLOAT8(v);
}
