/*
 * lifetime.c — SQL glue shared by the lifetime-model families fitted on a
 * bgnbd_state (core/lifetime.h: BG/NBD, MBG/NBD, Pareto/NBD, ...): the
 * <family>_fit function over a state and the final function of the
 * one-step <family>_fit aggregates, which return the family's composite
 * <family>_model (its parameters in the family's order, then
 * log_likelihood, n, converged).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "access/htup_details.h"
#include "funcapi.h"
#include "lib/stringinfo.h"

#include "lifetime.h"
#include "cf_glue.h"
#include "cf_lifetime.h"
#include "cf_model_state.h"

/* "r = 0.24, alpha = 4.4, a = 0.79, b = 2.4": the parameters for messages. */
static char *
describe_params(const cf_lifetime_family *f, const double *params)
{
	StringInfoData buf;
	int			k;

	initStringInfo(&buf);
	for (k = 0; k < f->nparams; k++)
		appendStringInfo(&buf, "%s%s = %g", k > 0 ? ", " : "", f->names[k], params[k]);
	return buf.data;
}

Datum
cf_lifetime_fit_state(FunctionCallInfo fcinfo, const cf_lifetime_family *f,
					  const CfModelState *s)
{
	size_t		n;
	const cf_bgnbd_entry *e;
	cf_scratch	scratch;
	double		params[CF_LIFETIME_MAX_PARAMS];
	cf_lifetime_fit_info fit;
	cf_error	err;
	TupleDesc	desc;
	Datum		values[CF_LIFETIME_MAX_PARAMS + 3];
	bool		nulls[CF_LIFETIME_MAX_PARAMS + 3] = {0};
	int			k,
				rc;

	/* the compacted view and the fit's arrays live and die in one context */
	cf_scratch_begin(&scratch, f->scratch_name);
	e = cf_model_state_view(cf_bgnbd_type, s, &n);
	rc = cf_lifetime_fit(f, e, n, &cf_pg_allocator, NULL, params, &fit, &err);
	cf_scratch_end(&scratch);
	cf_check_rc(rc, &err);
	if (fit.boundary[0] != '\0')
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("%s fit did not converge: %s", f->name, fit.boundary),
				 errdetail("The log-likelihood keeps rising towards the boundary (%s): %s; the fit returns converged = false.",
						   fit.boundary, describe_params(f, params)),
				 errhint("%s", f->boundary_hint)));
	else if (!fit.converged)
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("%s fit did not converge", f->name),
				 errdetail("After %d iterations (%d evaluations) the largest gradient component of the mean log-likelihood is %g; %s.",
						   fit.iterations, fit.evaluations, fit.grad_max,
						   describe_params(f, params)),
				 errhint("%s", f->stall_hint)));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "%s_fit must return a composite type", f->name);
	for (k = 0; k < f->nparams; k++)
		values[k] = Float8GetDatum(params[k]);
	values[k++] = Float8GetDatum(fit.log_likelihood);
	values[k++] = Int64GetDatum(fit.n);
	values[k++] = BoolGetDatum(fit.converged);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

Datum
cf_lifetime_fit_final(FunctionCallInfo fcinfo, const cf_lifetime_family *f)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot fit %s model", f->name),
				 errdetail("There are no customers to fit: no rows, or only rows with a NULL x, t_x or T."),
				 errhint("Fit over a query that returns at least one customer with x, t_x and T all set.")));
	return cf_lifetime_fit_state(fcinfo, f, PG_GETARG_CF_MODEL_STATE(0));
}
