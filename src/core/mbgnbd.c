/*
 * mbgnbd.c
 *		MBG/NBD (Batislam, Denizel & Filiztekin 2007): fit and predictions.
 *		The likelihood of a customer (x, t_x, T) is
 *			L = B(a, b + x + 1)/B(a, b) Gamma(r + x) alpha^r / Gamma(r)
 *				[(alpha + T)^-(r+x) + a/(b + x) (alpha + t_x)^-(r+x)]
 *		for every x (x = 0 with t_x = 0 included: the customer may have left
 *		right after the first purchase).  It is evaluated like the BG/NBD's
 *		(bgnbd.c): A3 + softplus(A4 - A3), Pochhammer terms once per distinct
 *		x, logarithms once per distinct T and t_x, on the BG/NBD's prepared
 *		summary; BFGS in log parameters with the analytic gradient.
 */
#include "mbgnbd.h"
#include "interrupt.h"

#include <math.h>
#include <string.h>

int
cf_mbgnbd_check_params(const cf_mbgnbd_params *p, cf_error *err)
{
	if (!(isfinite(p->r) && p->r > 0 && isfinite(p->alpha) && p->alpha > 0 &&
		  isfinite(p->a) && p->a > 0 && isfinite(p->b) && p->b > 0))
		return cf_fail(err, CF_EINVAL, "invalid mbgnbd model",
							 "r, alpha, a and b must be finite and > 0, got r = %g, alpha = %g, a = %g, b = %g.",
							 p->r, p->alpha, p->a, p->b);
	return CF_OK;
}

/*
 * Add W times the customer's A3 + softplus(u) and its gradient (natural
 * parameters r, alpha; u's own a, b parts are added by the caller per x):
 * LT, IT = ln, 1/(alpha + T); Lt, It = the same of alpha + t_x.
 */
#define MBG_TERM(W, rx, kx, LTv, ITv, Ltv, Itv) \
	do { \
		double		u_ = (kx) + (rx) * ((LTv) - (Ltv)); \
		double		e_ = exp(-fabs(u_)); \
		double		q_ = 1.0 / (1.0 + e_); \
		double		w4_ = (u_ >= 0.0) ? q_ : e_ * q_; \
		double		w3_ = (u_ >= 0.0) ? e_ * q_ : q_; \
		s += (W) * (-(rx) * (LTv) + (u_ > 0.0 ? u_ : 0.0) + log1p(e_)); \
		sr += (W) * (w3_ * (LTv) + w4_ * (Ltv)); \
		sal += (W) * (w3_ * (ITv) + w4_ * (Itv)); \
		s4 += (W) * w4_; \
	} while (0)

/*
 * Mean negative log-likelihood and gradient in log parameters; non-zero
 * outside the domain.
 */
static int
mbg_eval(const cf_bgnbd_prep *pp, const double *theta, double *f, double *grad)
{
	double		v[4],
				r,
				alpha,
				a,
				b,
				lnalpha = theta[1],
				lna = theta[2];
	double		sum = 0.0,
				gr = 0.0,
				gal = 0.0,
				ga = 0.0,
				gb = 0.0;
	size_t		i,
				k;

	if (cf_lifetime_exp_params(4, theta, v) != 0)
		return 1;
	r = v[0];
	alpha = v[1];
	a = v[2];
	b = v[3];
	cf_bgnbd_prep_logs(pp, alpha);

	/* ln B(a, b + x + 1) - ln B(a, b) + A1, once per distinct x */
	for (k = 0; k < pp->nx; k++)
	{
		int64_t		x = pp->xs[k];
		double		W = pp->wx[k];
		double		dab = cf_dpoch(a + b, x + 1);

		cf_poll_entry(k);
		sum += W * (cf_lpoch(r, x) + r * lnalpha + cf_lpoch(b, x + 1) - cf_lpoch(a + b, x + 1));
		gr += W * (cf_dpoch(r, x) + lnalpha);
		gal += W * r / alpha;
		ga -= W * dab;
		gb += W * (cf_dpoch(b, x + 1) - dab);
	}

	/* x = 0: t_x = 0, so ln(alpha + t_x) = ln alpha */
	{
		double		kx = lna - log(b);
		double		s = 0.0,
					sr = 0.0,
					sal = 0.0,
					s4 = 0.0;

		CF_FOR_POLLED(i, 0, pp->nT)
		{
			double		W = pp->w0[i];

			if (W == 0.0)
				continue;
			MBG_TERM(W, r, kx, pp->LT[i], pp->IT[i], lnalpha, 1.0 / alpha);
		}
		sum += s;
		gr -= sr;
		gal -= r * sal;
		ga += s4 / a;
		gb -= s4 / b;
	}

	/* x > 0 */
	for (k = 0; k < pp->nrun; k++)
	{
		double		x = (double) pp->runx[k];
		double		rx = r + x;
		double		kx = lna - log(b + x);
		double		s = 0.0,
					sr = 0.0,
					sal = 0.0,
					s4 = 0.0;

		CF_FOR_POLLED(i, pp->run[k], pp->run[k + 1])
		{
			MBG_TERM(pp->w[i], rx, kx, pp->LT[pp->iT[i]], pp->IT[pp->iT[i]],
					 pp->Lt[pp->it[i]], pp->It[pp->it[i]]);
		}
		sum += s;
		gr -= sr;
		gal -= rx * sal;
		ga += s4 / a;
		gb -= s4 / (b + x);
	}

	*f = -sum / pp->N;
	if (grad)
	{
		grad[0] = -gr * r / pp->N;
		grad[1] = -gal * alpha / pp->N;
		grad[2] = -ga * a / pp->N;
		grad[3] = -gb * b / pp->N;
	}
	return isfinite(*f) ? 0 : 1;
}

static int
mbg_objective(const double *theta, double *f, double *grad, void *ctx)
{
	return mbg_eval((const cf_bgnbd_prep *) ctx, theta, f, grad);
}

int
cf_mbgnbd_objective(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
					const double theta[4], double *f, double grad[4],
					cf_error *err)
{
	return cf_lifetime_objective(&cf_mbgnbd_family, e, n, mem, theta, f, grad, err);
}

/* Summed log-likelihood, entry by entry, straight from the definition. */
double
cf_mbgnbd_log_likelihood(const cf_mbgnbd_params *p, const cf_bgnbd_entry *e,
						 size_t n)
{
	double		sum = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		x = e[i].x;
		double		A1 = lgamma(p->r + x) - lgamma(p->r) + p->r * log(p->alpha);
		double		A2 = lgamma(p->a + p->b) + lgamma(p->b + x + 1.0) - lgamma(p->b)
			- lgamma(p->a + p->b + x + 1.0);
		double		A3 = -(p->r + x) * log(p->alpha + e[i].T);
		double		A4 = log(p->a) - log(p->b + x) - (p->r + x) * log(p->alpha + e[i].t_x);
		double		mx = A3 > A4 ? A3 : A4;

		sum += (double) e[i].count * (A1 + A2 + mx + log(exp(A3 - mx) + exp(A4 - mx)));
	}
	return sum;
}

static const char *const mbg_names[4] = {"r", "alpha", "a", "b"};

/* on the BG/NBD's prepared summary */
const cf_lifetime_family cf_mbgnbd_family = {
	.name = "mbgnbd",
	.scratch_name = "customer_focus mbgnbd fit",
	.nparams = 4,
	.names = mbg_names,
	.prep_size = sizeof(cf_bgnbd_prep),
	.prepare = cf_bgnbd_family_prepare,
	.release = cf_bgnbd_family_release,
	.objective = mbg_objective,
	.start = cf_lifetime_start_rate,
	.boundary_hint = "The data has too few repeat purchases for this model; fit on more customers or a longer calibration period.",
	.stall_hint = "A parameter running to 0 or infinity means the data do not identify the model.",
};

/* Maximum-likelihood fit (cf_lifetime_fit of the family). */
int
cf_mbgnbd_fit(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
			  const cf_opt_options *opts, cf_mbgnbd_fit_result *res,
			  cf_error *err)
{
	double		v[4];
	int			rc;

	rc = cf_lifetime_fit(&cf_mbgnbd_family, e, n, mem, opts, v, &res->fit, err);
	res->p = (cf_mbgnbd_params) {v[0], v[1], v[2], v[3]};
	return rc;
}

/* ---------------------------------------------------------- prediction */

/*
 * The BG/NBD with b + 1 computes MBG/NBD's values: a failure's words name
 * the MBG/NBD ("bgnbd_pmf_new out of range" -> "mbgnbd_pmf_new ...").
 */
static int
mbg_words(int rc, cf_error *err)
{
	char	   *at;

	if (rc != CF_OK && err != NULL && (at = strstr(err->msg, "bgnbd")) != NULL &&
		strlen(err->msg) + 1 < sizeof(err->msg))
	{
		memmove(at + 1, at, strlen(at) + 1);
		*at = 'm';
	}
	return rc;
}

/*
 * a/(a+b) and b/(a+b) without forming a + b, which overflows for a and b
 * both above DBL_MAX/2 (the shares were 0 there, not 1/2).
 */
static inline double
share_leave(const cf_mbgnbd_params *p)
{
	return 1.0 / (1.0 + p->b / p->a);
}

static inline double
share_stay(const cf_mbgnbd_params *p)
{
	return 1.0 / (1.0 + p->a / p->b);
}

int
cf_mbgnbd_expected_purchases_alive(const cf_mbgnbd_params *p, double t,
								   int64_t x, double T, double *out,
								   cf_error *err)
{
	cf_bgnbd_params q = *p;

	q.b = p->b + 1.0;
	return mbg_words(cf_bgnbd_expected_purchases_alive(&q, t, x, T, out, err), err);
}

int
cf_mbgnbd_expected_purchases(const cf_mbgnbd_params *p, double t, int64_t x,
							 double t_x, double T, double *out,
							 cf_error *err)
{
	double		v;
	int			rc;

	if ((rc = cf_mbgnbd_expected_purchases_alive(p, t, x, T, &v, err)) != CF_OK)
		return rc;
	*out = cf_mbgnbd_p_alive(p, x, t_x, T) * v;
	return CF_OK;
}

int
cf_mbgnbd_expected_purchases_new(const cf_mbgnbd_params *p, double t,
								 double *out, cf_error *err)
{
	double		v;
	int			rc;

	if ((rc = cf_mbgnbd_expected_purchases_alive(p, t, 0, 0.0, &v, err)) != CF_OK)
		return rc;
	*out = share_stay(p) * v;
	return CF_OK;
}

/* ---------------------------------------------------------- churn windows */

int
cf_mbgnbd_p_no_purchase(const cf_mbgnbd_params *p, double t, int64_t x,
						double t_x, double T, double *out, cf_error *err)
{
	if (!(t >= 0.0) || !isfinite(t))
		return cf_fail(err, CF_EINVAL, "invalid horizon",
					   "The horizon must be finite and >= 0, got %g.", t);
	*out = cf_mbgnbd_p_no_purchase_ok(p, t, x, t_x, T);
	return CF_OK;
}

int
cf_mbgnbd_pmf_new(const cf_mbgnbd_params *p, int64_t n, double t, double *out,
				  cf_error *err)
{
	cf_bgnbd_params q = *p;
	double		v;
	int			rc;

	q.b = p->b + 1.0;
	if ((rc = mbg_words(cf_bgnbd_pmf_new(&q, n, t, &v, err), err)) != CF_OK)
		return rc;
	*out = (n == 0) ? share_leave(p) + share_stay(p) * v : share_stay(p) * v;
	return CF_OK;
}

/* Given alive at T: the BG/NBD's with b + 1 (mbgnbd.h). */
int
cf_mbgnbd_pmf_alive(const cf_mbgnbd_params *p, int64_t n, double t, int64_t x,
					double T, double *out, cf_error *err)
{
	cf_bgnbd_params q = *p;

	q.b = p->b + 1.0;
	return mbg_words(cf_bgnbd_pmf_alive(&q, n, t, x, T, out, err), err);
}

/* [n = 0] (1 - P(alive)) + P(alive) P_BG/NBD(b + 1)(X = n | alive) (mbgnbd.h). */
int
cf_mbgnbd_pmf(const cf_mbgnbd_params *p, int64_t n, double t, int64_t x,
			  double t_x, double T, double *out, cf_error *err)
{
	double		v;
	int			rc;

	if ((rc = cf_mbgnbd_pmf_alive(p, n, t, x, T, &v, err)) != CF_OK)
		return rc;
	*out = cf_mbgnbd_pmf_mix(p, n, x, t_x, T, v);
	return CF_OK;
}

/* ---------------------------------------------------------- simulation */

int
cf_mbgnbd_simulate(const cf_mbgnbd_params *p, double T, uint64_t seed,
				   int32_t *x, double *t_x, cf_error *err)
{
	uint64_t	state = cf_model_sim_seed(seed);
	double		lambda,
				drop,
				ga,
				gb,
				t = 0.0;
	int32_t		n = 0;
	int			rc;

	if ((rc = cf_mbgnbd_check_params(p, err)) != CF_OK)
		return rc;
	if (!isfinite(T) || T < 0.0)
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "T must be finite and >= 0, got %g.", T);
	lambda = cf_model_sim_gamma(&state, p->r) / p->alpha;
	ga = cf_model_sim_gamma(&state, p->a);
	gb = cf_model_sim_gamma(&state, p->b);
	drop = ga / (ga + gb);
	*t_x = 0.0;
	*x = 0;
	if (!(lambda > 0.0) || cf_model_sim_uniform(&state) < drop)
		return CF_OK;		/* gone right after the first purchase */
	for (;;)
	{
		t += -log(cf_model_sim_uniform(&state)) / lambda;
		if (t > T)
			break;
		if (n >= 100000000)
			return cf_fail(err, CF_ERANGE, "simulated customer out of range",
								 "The simulated customer makes more than 10^8 purchases (purchase rate %g, T = %g).",
								 lambda, T);
		n++;
		*t_x = t;
		if (cf_model_sim_uniform(&state) < drop)
			break;
	}
	*x = n;
	return CF_OK;
}
