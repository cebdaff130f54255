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

#include <inttypes.h>
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
	double		r,
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

	for (i = 0; i < 4; i++)
		if (!(fabs(theta[i]) < 600.0))
			return 1;
	r = exp(theta[0]);
	alpha = exp(theta[1]);
	a = exp(theta[2]);
	b = exp(theta[3]);

	CF_FOR_POLLED(i, 0, pp->nT)
	{
		pp->LT[i] = log(alpha + pp->Tv[i]);
		pp->IT[i] = 1.0 / (alpha + pp->Tv[i]);
	}
	CF_FOR_POLLED(i, 0, pp->nt)
	{
		pp->Lt[i] = log(alpha + pp->tv[i]);
		pp->It[i] = 1.0 / (alpha + pp->tv[i]);
	}

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
	cf_bgnbd_prep pp;
	int			rc;

	if ((rc = cf_model_state_check_compact(&cf_bgnbd_layout, e, n, err)) != CF_OK)
		return rc;
	if ((rc = cf_bgnbd_prep_build(e, n, mem, &pp, err)) != CF_OK)
		return rc;
	rc = mbg_eval(&pp, theta, f, grad);
	cf_bgnbd_prep_free(&pp);
	if (rc != 0)
		return cf_fail(err, CF_ERANGE, "mbgnbd log-likelihood not finite",
							 "The log-likelihood is not finite at these parameters.");
	return CF_OK;
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

/* Maximum-likelihood fit, started like the BG/NBD's. */
int
cf_mbgnbd_fit(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
			  const cf_opt_options *opts, cf_mbgnbd_fit_result *res,
			  cf_error *err)
{
	cf_bgnbd_prep pp;
	cf_opt_options o;
	cf_opt_result or;
	double		theta[4];
	double		sx = 0.0,
				sT = 0.0;
	int64_t		total;
	size_t		i;
	int			rc;

	memset(res, 0, sizeof(*res));
	if ((rc = cf_model_state_check_compact(&cf_bgnbd_layout, e, n, err)) != CF_OK)
		return rc;
	if ((rc = cf_model_state_total(&cf_bgnbd_layout, e, n, &total, err)) != CF_OK)
		return rc;
	if (total == 0)
		return cf_fail(err, CF_EINVAL, "cannot fit mbgnbd model",
							 "There are no customers to fit.");
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		sx += (double) e[i].count * e[i].x;
		sT += (double) e[i].count * e[i].T;
	}
	if (sx == 0.0)
		return cf_fail(err, CF_EINVAL, "cannot fit mbgnbd model",
							 "None of the %" PRId64 " customers has a repeat purchase (x > 0).",
							 total);
	if ((rc = cf_bgnbd_prep_build(e, n, mem, &pp, err)) != CF_OK)
		return rc;
	if (opts)
		o = *opts;
	else
		cf_opt_default_options(&o);
	theta[0] = 0.0;
	theta[1] = (sT > 0.0) ? log(sT / sx) : 0.0;
	theta[2] = 0.0;
	theta[3] = 0.0;
	if (cf_minimize(4, theta, mbg_objective, &pp, &o, &or) != 0)
	{
		cf_bgnbd_prep_free(&pp);
		return cf_fail(err, CF_ERANGE, "cannot fit mbgnbd model",
							 "The log-likelihood is not finite at the starting point.");
	}
	cf_model_find_boundary(4, theta, or.f, mbg_objective, &pp, mbg_names, res->boundary,
						   sizeof(res->boundary));
	cf_bgnbd_prep_free(&pp);

	res->p.r = exp(theta[0]);
	res->p.alpha = exp(theta[1]);
	res->p.a = exp(theta[2]);
	res->p.b = exp(theta[3]);
	res->log_likelihood = -or.f * (double) total;
	res->n = total;
	res->iterations = or.iterations;
	res->evaluations = or.evaluations;
	res->grad_max = or.grad_max;
	res->method = or.method;
	res->converged = or.converged && res->boundary[0] == '\0';
	return CF_OK;
}

/* ---------------------------------------------------------- prediction */

int
cf_mbgnbd_expected_purchases_alive(const cf_mbgnbd_params *p, double t,
								   int64_t x, double T, double *out,
								   cf_error *err)
{
	cf_bgnbd_params q = *p;

	q.b = p->b + 1.0;
	return cf_bgnbd_expected_purchases_alive(&q, t, x, T, out, err);
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
	*out = p->b / (p->a + p->b) * v;
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
