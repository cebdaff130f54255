/*
 * model_parameters.c
 *		Standard errors, intervals and information criteria of the fitted
 *		lifetime models, one table entry per family.
 *
 * The fits maximise the log-likelihood in log parameters (theta = ln p), and
 * each family's objective returns the analytic gradient there.  The observed
 * information is the Hessian of the summed negative log-likelihood in theta,
 * taken by central differences of that gradient (two steps combined by
 * Richardson extrapolation: truncation error O(h^4), rounding about
 * 1e-16 / h), less the gradient term of the change of variables, is the
 * natural scale's observed information in theta's units.  So cov(p_i, p_j)
 * = p_i p_j [that]^-1_ij (the delta method), and the interval
 * exp(theta -+ z se(theta)), se(theta_i) = se(p_i) / p_i, stays positive.
 * These standard errors are the ones CLVTools and lifetimes report.
 */
#include <math.h>
#include <string.h>

#include "model_parameters.h"
#include "bgnbd.h"
#include "gamma_gamma.h"
#include "lifetime.h"
#include "mbgnbd.h"
#include "pnbd.h"

/* ---------- the families ---------- */

static const char *const gamma_gamma_params[] = {"p", "q", "gamma"};

/* cf_gamma_gamma_objective with its entry type erased. */
static int
gamma_gamma_objective(const void *e, size_t n, const cf_allocator *mem, const double *theta,
					  double *f, double *grad, cf_error *err)
{
	return cf_gamma_gamma_objective((const cf_gamma_gamma_entry *) e, n, mem, theta, f, grad, err);
}

/* One entry per family; a family fitted on bgnbd_state is one line. */
const cf_model_family cf_model_families[] = {
	{.title = "BG/NBD", .lifetime = &cf_bgnbd_family},
	{.title = "MBG/NBD", .lifetime = &cf_mbgnbd_family},
	{.title = "Pareto/NBD", .lifetime = &cf_pnbd_family},
	{.title = "Gamma-Gamma", .name = "gamma_gamma", .nparams = 3, .params = gamma_gamma_params,
	.layout = &cf_gamma_gamma_layout, .objective = gamma_gamma_objective},
};
const size_t cf_model_family_count = sizeof(cf_model_families) / sizeof(cf_model_families[0]);

/* The summary a family is fitted on. */
const cf_model_state_layout *
cf_model_family_layout(const cf_model_family *f)
{
	return f->lifetime ? &cf_bgnbd_layout : f->layout;
}

/*
 * A family's objective on one summary, prepared once for the evaluations
 * of a Hessian (a lifetime family's prepared summary costs about as much as
 * several evaluations).
 */
typedef struct evaluator
{
	const cf_model_family *fam;
	const void *e;
	size_t		n;
	const cf_allocator *mem;
	void	   *prep;			/* a lifetime family's prepared summary, from mem */
} evaluator;

static int
evaluator_open(evaluator *ev, const cf_model_family *fam, const void *e, size_t n,
			   const cf_allocator *mem, cf_error *err)
{
	const cf_lifetime_family *lf = fam->lifetime;
	int			rc;

	ev->fam = fam, ev->e = e, ev->n = n, ev->mem = mem, ev->prep = NULL;
	if (lf == NULL)
		return CF_OK;
	if ((rc = cf_model_state_check_compact(&cf_bgnbd_layout, e, n, err)) != CF_OK)
		return rc;
	if ((ev->prep = mem->alloc(lf->prep_size)) == NULL)
		return cf_fail(err, CF_ENOMEM, "out of memory",
					   "Could not allocate %zu bytes for the %s summary.", lf->prep_size, lf->name);
	if ((rc = lf->prepare((const cf_bgnbd_entry *) e, n, mem, ev->prep, err)) != CF_OK)
	{
		mem->free(ev->prep);
		ev->prep = NULL;
	}
	return rc;
}

static void
evaluator_close(evaluator *ev)
{
	if (ev->prep != NULL)
	{
		ev->fam->lifetime->release(ev->prep);
		ev->mem->free(ev->prep);
		ev->prep = NULL;
	}
}

/* The mean negative log-likelihood f and its gradient at theta. */
static int
evaluate(const evaluator *ev, const double *theta, double *f, double *grad, cf_error *err)
{
	const cf_lifetime_family *lf = ev->fam->lifetime;

	if (lf == NULL)
		return ev->fam->objective(ev->e, ev->n, ev->mem, theta, f, grad, err);
	if (lf->objective(theta, f, grad, ev->prep) != 0 || !isfinite(*f))
		return cf_fail(err, CF_ERANGE, "log-likelihood not finite",
					   "The %s log-likelihood is not finite at these parameters.", ev->fam->title);
	return CF_OK;
}

/* The family whose composite type is <name>_model, or NULL. */
const cf_model_family *
cf_model_family_of_type(const char *typname)
{
	size_t		i,
				len;

	for (i = 0; i < cf_model_family_count; i++)
	{
		const char *name = cf_model_family_name(&cf_model_families[i]);

		len = strlen(name);
		if (strncmp(typname, name, len) == 0 && strcmp(typname + len, "_model") == 0)
			return &cf_model_families[i];
	}
	return NULL;
}

/* EINVAL unless every estimate is finite and > 0. */
int
cf_model_estimates_check(const cf_model_family *fam, const double *est, cf_error *err)
{
	int			i;

	for (i = 0; i < cf_model_family_nparams(fam); i++)
		if (!(est[i] > 0.0 && est[i] <= 1.7976931348623157e308))
			return cf_fail(err, CF_EINVAL, "invalid model parameter",
						   "%s parameter %s is %g; every parameter must be finite and greater than 0.",
						   fam->title, cf_model_family_params(fam)[i], est[i]);
	return CF_OK;
}

/* ---------- the observed information ---------- */

/* grad <- gradient of the mean objective at theta + h e_j. */
static int
shifted_gradient(const evaluator *ev, const double *theta, int j, double h,
				 double *grad, cf_error *err)
{
	double		t[CF_MODEL_MAX_PARAMS],
				f;

	memcpy(t, theta, sizeof(double) * cf_model_family_nparams(ev->fam));
	t[j] += h;
	return evaluate(ev, t, &f, grad, err);
}

/* Column j of the Hessian of the mean objective at theta (Richardson). */
static int
hessian_column(const evaluator *ev, const double *theta, int j, double *col, cf_error *err)
{
	static const double h = 1e-3;
	double		gp[CF_MODEL_MAX_PARAMS],
				gm[CF_MODEL_MAX_PARAMS],
				hp[CF_MODEL_MAX_PARAMS],
				hm[CF_MODEL_MAX_PARAMS];
	int			rc,
				i;

	if ((rc = shifted_gradient(ev, theta, j, h, gp, err)) != CF_OK ||
		(rc = shifted_gradient(ev, theta, j, -h, gm, err)) != CF_OK ||
		(rc = shifted_gradient(ev, theta, j, h / 2, hp, err)) != CF_OK ||
		(rc = shifted_gradient(ev, theta, j, -h / 2, hm, err)) != CF_OK)
		return rc;
	for (i = 0; i < cf_model_family_nparams(ev->fam); i++)
	{
		double		wide = (gp[i] - gm[i]) / (2 * h),
					narrow = (hp[i] - hm[i]) / h;

		col[i] = (4 * narrow - wide) / 3;
	}
	return CF_OK;
}

/*
 * Invert the symmetric k x k matrix a in place by Cholesky; false (a
 * unchanged in meaning, contents spoilt) when it is not positive definite.
 */
static bool
cholesky_inverse(int k, double a[CF_MODEL_MAX_PARAMS][CF_MODEL_MAX_PARAMS])
{
	double		L[CF_MODEL_MAX_PARAMS][CF_MODEL_MAX_PARAMS] = {{0}},
				Li[CF_MODEL_MAX_PARAMS][CF_MODEL_MAX_PARAMS] = {{0}};
	int			i,
				j,
				m;

	for (j = 0; j < k; j++)
	{
		double		d = a[j][j];

		for (m = 0; m < j; m++)
			d -= L[j][m] * L[j][m];
		/* a pivot that is not clearly positive: singular for our purpose */
		if (!(d > 1e-13 * fabs(a[j][j])) || !isfinite(d))
			return false;
		L[j][j] = sqrt(d);
		for (i = j + 1; i < k; i++)
		{
			double		s = a[i][j];

			for (m = 0; m < j; m++)
				s -= L[i][m] * L[j][m];
			L[i][j] = s / L[j][j];
		}
	}
	/* Li = L^-1 (lower triangular), then a^-1 = Li' Li */
	for (j = 0; j < k; j++)
	{
		Li[j][j] = 1.0 / L[j][j];
		for (i = j + 1; i < k; i++)
		{
			double		s = 0.0;

			for (m = j; m < i; m++)
				s -= L[i][m] * Li[m][j];
			Li[i][j] = s / L[i][i];
		}
	}
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
		{
			double		s = 0.0;

			for (m = (i > j ? i : j); m < k; m++)
				s += Li[m][i] * Li[m][j];
			a[i][j] = s;
		}
	return true;
}

/* Standard errors and covariance of a model's estimates on a summary. */
int
cf_model_uncertainty_compute(const cf_model_family *fam, const void *e,
							 size_t n, double N, const double *est,
							 const cf_allocator *mem,
							 cf_model_uncertainty *out, cf_error *err)
{
	evaluator	ev;
	double		theta[CF_MODEL_MAX_PARAMS],
				grad[CF_MODEL_MAX_PARAMS],
				H[CF_MODEL_MAX_PARAMS][CF_MODEL_MAX_PARAMS],
				col[CF_MODEL_MAX_PARAMS],
				f;
	int			k = cf_model_family_nparams(fam),
				rc,
				i,
				j;

	memset(out, 0, sizeof(*out));
	if ((rc = cf_model_estimates_check(fam, est, err)) != CF_OK)
		return rc;
	for (i = 0; i < k; i++)
		theta[i] = log(est[i]);
	if ((rc = evaluator_open(&ev, fam, e, n, mem, err)) != CF_OK)
		return rc;
	rc = evaluate(&ev, theta, &f, grad, err);
	for (j = 0; j < k && rc == CF_OK; j++)
	{
		rc = hessian_column(&ev, theta, j, col, err);
		for (i = 0; i < k; i++)
			H[i][j] = col[i] * N;
	}
	evaluator_close(&ev);
	if (rc != CF_OK)
		return rc;
	out->log_likelihood = -f * N;
	for (i = 0; i < k; i++)
		if (fabs(grad[i]) > out->grad_max)
			out->grad_max = fabs(grad[i]);
	for (i = 0; i < k; i++)
		for (j = 0; j < i; j++)
			H[i][j] = H[j][i] = 0.5 * (H[i][j] + H[j][i]);
	/*
	 * The information on the natural scale, written in theta's units:
	 * d2/dtheta_i dtheta_j = p_i p_j d2/dp_i dp_j + [i = j] d/dtheta_i, so
	 * subtract the gradient (zero at the exact maximum; the fit stops within
	 * its tolerance, which would otherwise move the errors by about 1e-5).
	 */
	for (i = 0; i < k; i++)
		H[i][i] -= N * grad[i];
	out->defined = cholesky_inverse(k, H);
	for (i = 0; i < k; i++)
	{
		out->log_se[i] = out->defined && H[i][i] > 0.0 ? sqrt(H[i][i]) : NAN;
		out->se[i] = est[i] * out->log_se[i];
		for (j = 0; j < k; j++)
			out->cov[i][j] = out->defined ? est[i] * est[j] * H[i][j] : NAN;
	}
	if (out->defined)
		for (i = 0; i < k; i++)
			if (!isfinite(out->se[i]))
				out->defined = false;
	/* Newton step -H^-1 (N grad) in theta, in units of se(theta_i) */
	out->step_se = out->defined ? 0.0 : NAN;
	for (i = 0; out->defined && i < k; i++)
	{
		double		step = 0.0;

		for (j = 0; j < k; j++)
			step -= H[i][j] * N * grad[j];
		if (fabs(step) / out->log_se[i] > out->step_se)
			out->step_se = fabs(step) / out->log_se[i];
	}
	return CF_OK;
}

/* exp(ln est -+ z log_se). */
void
cf_model_interval(double est, double log_se, double z, double *lower, double *upper)
{
	*lower = est * exp(-z * log_se);
	*upper = est * exp(z * log_se);
}

/* AIC = 2k - 2 LL. */
double
cf_model_aic(int k, double log_likelihood)
{
	return 2.0 * k - 2.0 * log_likelihood;
}

/* BIC = k ln n - 2 LL. */
double
cf_model_bic(int k, int64_t n, double log_likelihood)
{
	return k * log((double) n) - 2.0 * log_likelihood;
}
