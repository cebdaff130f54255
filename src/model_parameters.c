/*
 * model_parameters.c — SQL glue of model_parameters(model, state
 * [, confidence]) and information_criteria(model) for every lifetime-model
 * family (core/model_parameters.c: the family table, the observed
 * information).
 *
 * One C function serves every family: the family is the one whose composite
 * <name>_model is the model argument's type, and its state type is the one
 * with the family's summary layout (state_types below).  Adding a family is
 * an entry in the core's table (and, for a new state type, in state_types)
 * plus the SQL declarations of its overloads.
 *
 * Why the state is an argument: the composites cannot take a covariance
 * field safely.  ALTER TYPE ... ADD ATTRIBUTE keeps stored values readable,
 * but the 1.0 text form of a model ('(r,alpha,a,b,ll,n,t)'::bgnbd_model, a
 * 1.0 dump restored into 1.1) and ROW(seven values)::bgnbd_model, as the
 * README writes published models, then fail with "too few columns".
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "cf_glue.h"
#include "cf_lifetime.h"
#include "cf_model_state.h"
#include "model_parameters.h"
#include "stats.h"

/* The state types the families are fitted on, found by layout. */
static const struct CfModelStateType *
state_type_of(const cf_model_family *fam)
{
	const struct CfModelStateType *const types[] = {cf_bgnbd_type, cf_gamma_gamma_type};
	size_t		i;

	for (i = 0; i < lengthof(types); i++)
		if (types[i]->layout == cf_model_family_layout(fam))
			return types[i];
	elog(ERROR, "no state type for the %s model", cf_model_family_name(fam));
	pg_unreachable();
}

/* A model composite read by field name. */
typedef struct ModelArg
{
	const cf_model_family *fam;
	const char *typname;
	double		est[CF_MODEL_MAX_PARAMS];
	bool		has_ll;
	double		log_likelihood;
	bool		has_n;
	int64		n;
	bool		has_converged;
	bool		converged;
} ModelArg;

/* Field name of desc's attribute i, its value and whether it is NULL. */
static Datum
field(HeapTupleData *tuple, TupleDesc desc, const char *name, Oid type, bool *isnull)
{
	int			i;

	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0)
		{
			if (att->atttypid != type)
				elog(ERROR, "field %s of the model has type %u, expected %u", name,
					 att->atttypid, type);
			return heap_getattr(tuple, i + 1, desc, isnull);
		}
	}
	elog(ERROR, "the model has no field %s", name);
	pg_unreachable();
}

/*
 * The model in argument argno: its family (by type name), parameters (22004
 * for a NULL one, 22023 for one that is not finite and > 0) and, where not
 * NULL, log_likelihood, n and converged.
 */
static void
model_arg(FunctionCallInfo fcinfo, int argno, ModelArg *m)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(argno);
	Oid			typid = HeapTupleHeaderGetTypeId(th);
	TupleDesc	desc;
	HeapTupleData tuple;
	HeapTuple	tp;
	bool		isnull;
	Datum		d;
	cf_error	err;
	int			i;

	tp = SearchSysCache1(TYPEOID, ObjectIdGetDatum(typid));
	if (!HeapTupleIsValid(tp))
		elog(ERROR, "cache lookup failed for type %u", typid);
	m->typname = pstrdup(NameStr(((Form_pg_type) GETSTRUCT(tp))->typname));
	ReleaseSysCache(tp);
	m->fam = cf_model_family_of_type(m->typname);
	if (m->fam == NULL)
		elog(ERROR, "%s is not a model of a lifetime family", m->typname);

	desc = lookup_rowtype_tupdesc(typid, HeapTupleHeaderGetTypMod(th));
	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	for (i = 0; i < cf_model_family_nparams(m->fam); i++)
	{
		d = field(&tuple, desc, cf_model_family_params(m->fam)[i], FLOAT8OID, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s field %s must not be null", m->typname, cf_model_family_params(m->fam)[i])));
		m->est[i] = DatumGetFloat8(d);
	}
	d = field(&tuple, desc, "log_likelihood", FLOAT8OID, &isnull);
	m->has_ll = !isnull;
	m->log_likelihood = isnull ? 0.0 : DatumGetFloat8(d);
	d = field(&tuple, desc, "n", INT8OID, &isnull);
	m->has_n = !isnull;
	m->n = isnull ? 0 : DatumGetInt64(d);
	d = field(&tuple, desc, "converged", BOOLOID, &isnull);
	m->has_converged = !isnull;
	m->converged = !isnull && DatumGetBool(d);
	ReleaseTupleDesc(desc);
	if (cf_model_estimates_check(m->fam, m->est, &err) != CF_OK)
		cf_lifetime_report(&err);
	if (m->has_ll && !isfinite(m->log_likelihood))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s log_likelihood", m->typname),
				 errdetail("The model's log_likelihood is %g; a fitted model's is finite.", m->log_likelihood),
				 errhint("Use the model a fit returned, or NULL for a model written by hand.")));
	if (m->has_n && m->n <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s n", m->typname),
				 errdetail("The model's n (customers) is %lld; a fitted model's is at least 1.", (long long) m->n),
				 errhint("Use the model a fit returned, or NULL for a model written by hand.")));
}

/* 22023 unless the model is the maximum of the state's likelihood (see below). */
static void
check_fitted_to(const ModelArg *m, int64 customers, const cf_model_uncertainty *u)
{
	const char *hint = "Pass the state the model was fitted to: the same rows through the family's _agg aggregate (or the stored state of the fit).";

	if (m->has_n && m->n != customers)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s was not fitted to this state", m->typname),
				 errdetail("The model has n = %lld customers; the state has %lld.",
						   (long long) m->n, (long long) customers),
				 errhint("%s", hint)));
	/* the fit's own log-likelihood, recomputed: equal to about 1e-13 */
	if (m->has_ll &&
		!(fabs(m->log_likelihood - u->log_likelihood) <= 1e-8 * (1.0 + fabs(u->log_likelihood))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s was not fitted to this state", m->typname),
				 errdetail("The model's log_likelihood is %.10g; the state's at the model's parameters is %.10g.",
						   m->log_likelihood, u->log_likelihood),
				 errhint("%s", hint)));
	/*
	 * Within a tenth of a standard error of the maximum the errors are those
	 * of the maximum (a fit stops about 1e-4 away; parameters published to 3
	 * digits are a few hundredths away); further off they are not.
	 */
	if (u->defined && !(u->step_se <= 0.1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is not the maximum-likelihood fit of this state", m->typname),
				 errdetail("The maximum of the state's log-likelihood is %.3g standard errors away from the model's parameters; at most 0.1 is accepted.",
						   u->step_se),
				 errhint("Fit the model to the state (%s_fit(state)), or pass the state it was fitted to.",
						 cf_model_family_name(m->fam))));
}

/* WARNING when the errors are NULL: the fit did not converge, or no maximum. */
static bool
errors_defined(const ModelArg *m, const cf_model_uncertainty *u)
{
	if (m->has_converged && !m->converged)
	{
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("%s did not converge: its standard errors are null", m->typname),
				 errdetail("The fit stopped early or ran to a boundary (converged = false); the curvature there does not measure its uncertainty."),
				 errhint("Fit on more customers or a longer calibration period.")));
		return false;
	}
	if (!u->defined)
	{
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("the observed information of %s is not positive definite: its standard errors are null", m->typname),
				 errdetail("The log-likelihood of the state is not strictly concave at the model's parameters, so they are not a strict maximum; a parameter is not identified by the data."),
				 errhint("Fit on more customers or a longer calibration period.")));
		return false;
	}
	return true;
}

/*
 * model_parameters(model, state [, confidence]) -> (parameter, estimate,
 * std_error, lower, upper): the standard errors from the observed
 * information of the state at the model's parameters, the interval
 * exp(ln estimate -+ z std_error / estimate).
 */
PG_FUNCTION_INFO_V1(cf_model_parameters);
Datum
cf_model_parameters(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ModelArg	m;
	const struct CfModelStateType *st;
	CfModelState *s;
	const void *e;
	size_t		n;
	int64		customers;
	double		confidence = PG_NARGS() > 2 ? PG_GETARG_FLOAT8(2) : 0.95,
				z;
	cf_model_uncertainty u;
	cf_scratch	scratch;
	cf_error	err;
	bool		defined;
	int			i,
				rc;

	cf_check_confidence(confidence);
	z = cf_normal_two_sided_z(confidence);
	model_arg(fcinfo, 0, &m);
	st = state_type_of(m.fam);
	s = PG_GETARG_CF_MODEL_STATE(1);
	InitMaterializedSRF(fcinfo, 0);

	cf_scratch_begin(&scratch, "customer_focus model_parameters");
	e = cf_model_state_view(st, s, &n);
	rc = cf_model_state_total(cf_model_family_layout(m.fam), e, n, &customers, &err);
	if (rc == CF_OK)
		rc = cf_model_uncertainty_compute(m.fam, e, n, (double) customers, m.est,
										  &cf_pg_allocator, &u, &err);
	cf_scratch_end(&scratch);
	cf_check_rc(rc, &err);
	check_fitted_to(&m, customers, &u);
	defined = errors_defined(&m, &u);

	for (i = 0; i < cf_model_family_nparams(m.fam); i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, !defined, !defined, !defined};
		double		lower = 0.0,
					upper = 0.0;

		if (defined)
			cf_model_interval(m.est[i], u.log_se[i], z, &lower, &upper);
		values[0] = CStringGetTextDatum(cf_model_family_params(m.fam)[i]);
		values[1] = Float8GetDatum(m.est[i]);
		values[2] = Float8GetDatum(u.se[i]);
		values[3] = Float8GetDatum(lower);
		values[4] = Float8GetDatum(upper);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * information_criteria(model) -> (parameter_count, aic, bic): AIC = 2k -
 * 2 LL, BIC = k ln n - 2 LL from the model's log_likelihood and n (NULL
 * where those are NULL, as in a model written by hand).
 */
PG_FUNCTION_INFO_V1(cf_model_information_criteria);
Datum
cf_model_information_criteria(PG_FUNCTION_ARGS)
{
	ModelArg	m;
	TupleDesc	desc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	model_arg(fcinfo, 0, &m);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "information_criteria must return a composite type");
	values[0] = Int32GetDatum(cf_model_family_nparams(m.fam));
	nulls[1] = !m.has_ll;
	values[1] = Float8GetDatum(m.has_ll ? cf_model_aic(cf_model_family_nparams(m.fam), m.log_likelihood) : 0.0);
	nulls[2] = !m.has_ll || !m.has_n;
	values[2] = Float8GetDatum(nulls[2] ? 0.0 : cf_model_bic(cf_model_family_nparams(m.fam), m.n, m.log_likelihood));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
