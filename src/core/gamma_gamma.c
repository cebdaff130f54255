/*
 * gamma_gamma.c
 *		Gamma-Gamma spend model (Fader & Hardie 2013) and CLV.
 *		ln f(m | x) = lnG(px+q) - lnG(px) - lnG(q) + q ln gamma
 *					  + (px-1) ln m + px ln x - (px+q) ln(gamma + m x);
 *		the x-only terms are computed once per distinct x, the objective is
 *		the mean negative log-likelihood in (ln p, ln q, ln gamma).
 */
#include "gamma_gamma.h"
#include "interrupt.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Validate a repeat customer's row. */
int
cf_gamma_gamma_make_entry(int64_t x, double m, cf_gamma_gamma_entry *e, cf_error *err)
{
	if (x < 1)
		return cf_fail(err, CF_EINVAL, "invalid number of repeat purchases",
							 "x must be >= 1 here, got %" PRId64 ".", x);
	if (x > INT32_MAX)
		return cf_fail(err, CF_ERANGE, "number of repeat purchases out of range",
							 "x must be <= %d, got %" PRId64 ".", INT32_MAX, x);
	if (!isfinite(m) || !(m > 0.0))
		return cf_fail(err, CF_EINVAL, "invalid mean transaction value",
							 "A customer with x = %" PRId64 " repeat purchases must have a finite mean value > 0, got %g.",
							 x, m);
	e->m = m;
	e->count = 1;
	e->x = (int32_t) x;
	e->pad = 0;
	return CF_OK;
}

/* cf_model_state_layout.make: the row (x, d[0] = m). */
static int
make_tuple(int64_t x, const double *d, void *e, cf_error *err)
{
	return cf_gamma_gamma_make_entry(x, d[0], (cf_gamma_gamma_entry *) e, err);
}

const cf_model_state_layout cf_gamma_gamma_layout = {
	.nd = 1,
	.version = CF_GAMMA_GAMMA_TEXT_VERSION,
	.typname = "gamma_gamma_state",
	.model = "gamma_gamma",
	.order = "(x, mean value)",
	.form = "x,mean_value,count",
	.min_chars = 6,				/* ";1,1,1" */
	.make = make_tuple,
};

/* ----------------------------------------------------------------- fit */

int
cf_gamma_gamma_check_params(const cf_gamma_gamma_params *p, cf_error *err)
{
	if (!(isfinite(p->p) && p->p > 0 && isfinite(p->q) && p->q > 0 &&
		  isfinite(p->gamma) && p->gamma > 0))
		return cf_fail(err, CF_EINVAL, "invalid gamma_gamma model",
							 "p, q and gamma must be finite and > 0, got p = %g, q = %g, gamma = %g.",
							 p->p, p->q, p->gamma);
	return CF_OK;
}

typedef struct gamma_gamma_prep
{
	double		N;
	size_t		nrun;
	size_t	   *run;			/* entries of the k-th distinct x */
	double	   *runx;
	double	   *runw;			/* customers per distinct x */
	double	   *m;
	double	   *lnm;
	double	   *w;
	const cf_allocator *mem;
	void	   *block;			/* every array above, from mem */
} gamma_gamma_prep;

/* Prepared form of compact e[0..n). */
static int
gamma_gamma_prep_build(const cf_gamma_gamma_entry *e, size_t n, const cf_allocator *alloc,
			  gamma_gamma_prep *pp, cf_error *err)
{
	char	   *mem;
	size_t		i,
				bytes = n * (2 * sizeof(size_t) + 5 * sizeof(double)) + 64;

	memset(pp, 0, sizeof(*pp));
	pp->mem = alloc;
	mem = alloc->alloc(bytes);
	if (mem == NULL)
		return cf_fail(err, CF_ENOMEM, "out of memory",
							 "Could not allocate %zu bytes for the gamma_gamma fit.", bytes);
	pp->block = mem;
	pp->run = (size_t *) mem;
	mem += sizeof(size_t) * (n + 1);
	pp->runx = (double *) mem;
	mem += sizeof(double) * n;
	pp->runw = (double *) mem;
	mem += sizeof(double) * n;
	pp->m = (double *) mem;
	mem += sizeof(double) * n;
	pp->lnm = (double *) mem;
	mem += sizeof(double) * n;
	pp->w = (double *) mem;
	for (i = 0; i < n; i++)
	{
		double		c = (double) e[i].count;

		cf_poll_entry(i);
		if (pp->nrun == 0 || pp->runx[pp->nrun - 1] != (double) e[i].x)
		{
			pp->run[pp->nrun] = i;
			pp->runx[pp->nrun] = (double) e[i].x;
			pp->runw[pp->nrun++] = 0.0;
		}
		pp->runw[pp->nrun - 1] += c;
		pp->N += c;
		pp->m[i] = e[i].m;
		pp->lnm[i] = log(e[i].m);
		pp->w[i] = c;
	}
	pp->run[pp->nrun] = n;
	return CF_OK;
}

/* Mean negative log-likelihood and gradient in log parameters. */
static int
gamma_gamma_prep_eval(const gamma_gamma_prep *pp, const double *theta, double *f, double *grad)
{
	double		p,
				q,
				g,
				lng = theta[2];
	double		sum = 0.0,
				gp = 0.0,
				gq = 0.0,
				gg = 0.0;
	double		dq;
	size_t		k,
				i;

	for (i = 0; i < 3; i++)
		if (!(fabs(theta[i]) < 600.0))
			return 1;
	p = exp(theta[0]);
	q = exp(theta[1]);
	g = exp(theta[2]);
	dq = grad ? cf_digamma(q) : 0.0;
	cf_check_interrupts();

	for (k = 0; k < pp->nrun; k++)
	{
		double		x = pp->runx[k],
					W = pp->runw[k],
					px = p * x,
					pxq = px + q,
					lnx = log(x);
		double		s = 0.0,
					sp = 0.0,
					sq = 0.0,
					sg = 0.0;

		sum += W * (lgamma(pxq) - lgamma(px) - lgamma(q) + q * lng + px * lnx);
		if (grad)
		{
			double		d = cf_digamma(pxq);

			gp += W * x * (d - cf_digamma(px) + lnx);
			gq += W * (d - dq + lng);
			gg += W * q / g;
		}
		CF_FOR_POLLED(i, pp->run[k], pp->run[k + 1])
		{
			double		W1 = pp->w[i];
			double		den = g + pp->m[i] * x;
			double		lden = log(den);

			s += W1 * ((px - 1.0) * pp->lnm[i] - pxq * lden);
			if (grad)
			{
				sp += W1 * (pp->lnm[i] - lden);
				sq += W1 * lden;
				sg += W1 / den;
			}
		}
		sum += s;
		gp += x * sp;
		gq -= sq;
		gg -= pxq * sg;
	}
	*f = -sum / pp->N;
	if (grad)
	{
		grad[0] = -gp * p / pp->N;
		grad[1] = -gq * q / pp->N;
		grad[2] = -gg * g / pp->N;
	}
	return isfinite(*f) ? 0 : 1;
}

static int
gamma_gamma_objective_cb(const double *theta, double *f, double *grad, void *ctx)
{
	return gamma_gamma_prep_eval((const gamma_gamma_prep *) ctx, theta, f, grad);
}

/* Objective over a compact summary (tests). */
int
cf_gamma_gamma_objective(const cf_gamma_gamma_entry *e, size_t n, const cf_allocator *mem,
				const double theta[3],
				double *f, double grad[3], cf_error *err)
{
	gamma_gamma_prep		pp;
	int			rc;

	if ((rc = cf_model_state_check_compact(&cf_gamma_gamma_layout, e, n, err)) != CF_OK)
		return rc;
	if ((rc = gamma_gamma_prep_build(e, n, mem, &pp, err)) != CF_OK)
		return rc;
	rc = gamma_gamma_prep_eval(&pp, theta, f, grad);
	cf_free(mem, pp.block);
	if (rc != 0)
		return cf_fail(err, CF_ERANGE, "gamma_gamma log-likelihood not finite",
							 "The log-likelihood is not finite at these parameters.");
	return CF_OK;
}

/* Entry-by-entry log-likelihood from the definition. */
double
cf_gamma_gamma_log_likelihood(const cf_gamma_gamma_params *p, const cf_gamma_gamma_entry *e, size_t n)
{
	double		sum = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		x = e[i].x,
					m = e[i].m;
		double		ll = lgamma(p->p * x + p->q) - lgamma(p->p * x) - lgamma(p->q)
			+ p->q * log(p->gamma) + (p->p * x - 1.0) * log(m)
			+ p->p * x * log(x) - (p->p * x + p->q) * log(p->gamma + m * x);

		sum += (double) e[i].count * ll;
	}
	return sum;
}

static const char *const gamma_gamma_names[3] = {"p", "q", "gamma"};

/* Maximum-likelihood fit. */
int
cf_gamma_gamma_fit(const cf_gamma_gamma_entry *e, size_t n, const cf_allocator *mem,
		  const cf_opt_options *opts, cf_gamma_gamma_fit_result *res, cf_error *err)
{
	gamma_gamma_prep		pp;
	cf_opt_options o;
	cf_opt_result or;
	double		theta[3],
				sm = 0.0;
	int64_t		total;
	size_t		i;
	int			rc;

	memset(res, 0, sizeof(*res));
	if ((rc = cf_model_state_check_compact(&cf_gamma_gamma_layout, e, n, err)) != CF_OK)
		return rc;
	if ((rc = cf_model_state_total(&cf_gamma_gamma_layout, e, n, &total, err)) != CF_OK)
		return rc;
	if (total == 0)
		return cf_fail(err, CF_EINVAL, "cannot fit gamma_gamma model",
							 "There are no repeat customers (x > 0) to fit.");
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		sm += (double) e[i].count * e[i].m;
	}
	if ((rc = gamma_gamma_prep_build(e, n, mem, &pp, err)) != CF_OK)
		return rc;
	if (opts)
		o = *opts;
	else
		cf_opt_default_options(&o);
	/* start: p = 1, q = 2 and gamma so that the population mean p gamma /
	 * (q - 1) equals the average mean value */
	theta[0] = 0.0;
	theta[1] = log(2.0);
	theta[2] = log(sm / (double) total);
	if (cf_minimize(3, theta, gamma_gamma_objective_cb, &pp, &o, &or) != 0)
	{
		cf_free(mem, pp.block);
		return cf_fail(err, CF_ERANGE, "cannot fit gamma_gamma model",
							 "The log-likelihood is not finite at the starting point.");
	}
	cf_model_find_boundary(3, theta, or.f, gamma_gamma_objective_cb, &pp, gamma_gamma_names,
						   res->boundary, sizeof(res->boundary));
	cf_free(mem, pp.block);
	res->p.p = exp(theta[0]);
	res->p.q = exp(theta[1]);
	res->p.gamma = exp(theta[2]);
	res->log_likelihood = -or.f * (double) total;
	res->n = total;
	res->converged = or.converged && res->boundary[0] == '\0';
	res->iterations = or.iterations;
	res->evaluations = or.evaluations;
	res->grad_max = or.grad_max;
	res->method = or.method;
	return CF_OK;
}

/* ---------------------------------------------------------- prediction */

/* a + b as hi + lo exactly (Knuth's two-sum). */
static inline void
two_sum(double a, double b, double *hi, double *lo)
{
	double		s = a + b,
				bb = s - a;

	*hi = s;
	*lo = (a - (s - bb)) + (b - bb);
}

/*
 * p x + q - 1 to about one rounding, even when it nearly cancels: p x is
 * split exactly by fma, and the three-term sum is kept as hi + lo pairs.
 */
static double
gamma_gamma_denominator(double p, double x, double q)
{
	double		px = p * x,
				pxl,
				h1,
				l1,
				h2,
				l2;

	if (!isfinite(px))
		return INFINITY;
	pxl = fma(p, x, -px);
	two_sum(q, -1.0, &h1, &l1);
	two_sum(h1, px, &h2, &l2);
	return h2 + (l2 + (l1 + pxl));
}

/*
 * Posterior mean of the customer's mean transaction value:
 * (gamma + x m) * (p / (p x + q - 1)), in that order so that no intermediate
 * overflows unless the result does; above DBL_MAX an ERANGE.
 */
int
cf_gamma_gamma_expected_mean(const cf_gamma_gamma_params *p, int64_t x, double m, double *out,
					cf_error *err)
{
	double		den,
				num,
				ratio;

	if (x < 0)
		return cf_fail(err, CF_EINVAL, "invalid number of repeat purchases",
							 "x must be >= 0, got %" PRId64 ".", x);
	if (x > 0 && (!isfinite(m) || !(m > 0.0)))
		return cf_fail(err, CF_EINVAL, "invalid mean transaction value",
							 "A customer with x = %" PRId64 " repeat purchases must have a finite mean value > 0, got %g.",
							 x, m);
	den = gamma_gamma_denominator(p->p, (double) x, p->q);
	if (!(den > 0.0))
		return cf_fail(err, CF_ERANGE, "expected mean value does not exist",
							 "The expected mean value needs p * x + q > 1, got p = %g, q = %g, x = %" PRId64 ".",
							 p->p, p->q, x);
	num = (x == 0) ? p->gamma : p->gamma + m * (double) x;
	ratio = p->p / den;
	if (isfinite(num) && isfinite(ratio) && ratio >= DBL_MIN)
		*out = num * ratio;
	else
	{
		/*
		 * An intermediate leaves the normal range: in logarithms (the
		 * relative error of exp(L) is |L| ulp, < 1e-13 for a normal result).
		 */
		double		lnum = (x == 0) ? log(p->gamma)
			: log(m) + log((double) x) + log1p(p->gamma / m / (double) x);

		double		lden = isfinite(den) ? log(den) : log(p->p) + log((double) x);

		*out = exp(lnum + (log(p->p) - lden));
	}
	if (!isfinite(*out))
		return cf_fail(err, CF_ERANGE, "expected mean value out of range",
							 "The expected mean value overflows.");
	return CF_OK;
}

/* Most unit periods a CLV sums over. */
#define CF_CLV_MAX_PERIODS 100000

/* Discounted value if alive, split by P(alive). */
int
cf_clv(const cf_bgnbd_params *bg, const cf_gamma_gamma_params *gg, int64_t x,
	   double t_x, double T, double m, double horizon, double margin,
	   double discount_rate, double *clv, double *lost, cf_error *err)
{
	double		spend,
				value = 0.0,
				total = 0.0,
				pa;
	double		lnd;
	long		k,
				K;
	int			rc;
	cf_bgnbd_entry chk;

	if ((rc = cf_bgnbd_check_params(bg, err)) != CF_OK ||
		(rc = cf_gamma_gamma_check_params(gg, err)) != CF_OK ||
		(rc = cf_bgnbd_make_entry(x, t_x, T, &chk, err)) != CF_OK)
		return rc;
	if (!isfinite(horizon) || horizon < 0.0)
		return cf_fail(err, CF_EINVAL, "invalid horizon",
							 "The horizon must be finite and >= 0, got %g.", horizon);
	if (horizon > CF_CLV_MAX_PERIODS)
		return cf_fail(err, CF_ERANGE, "horizon out of range",
							 "The horizon must be at most %d time units, got %g.",
							 CF_CLV_MAX_PERIODS, horizon);
	if (!isfinite(margin) || margin < 0.0)
		return cf_fail(err, CF_EINVAL, "invalid margin",
							 "The margin must be finite and >= 0, got %g.", margin);
	if (!isfinite(discount_rate) || discount_rate < 0.0)
		return cf_fail(err, CF_EINVAL, "invalid discount rate",
							 "The discount rate must be finite and >= 0, got %g.", discount_rate);
	if ((rc = cf_gamma_gamma_expected_mean(gg, x, m, &spend, err)) != CF_OK)
		return rc;

	K = (long) ceil(horizon);
	if (K > 0 && (rc = cf_bgnbd_expected_purchases_alive(bg, horizon, x, T, &total, err)) != CF_OK)
		return rc;
	if (discount_rate == 0.0)
		value = total;			/* the undiscounted sum telescopes */
	else
	{
		/*
		 * Sum of E(k) - E(k-1) discounted by d_k = (1 + rate)^-t_k, summed by
		 * parts as E(K) d_K + sum_{k<K} E(k) (d_k - d_{k+1}): positive terms
		 * only, so the relative accuracy of each E carries over to the sum
		 * (differences of E would lose it over long horizons).  Each E(t)
		 * costs a sum of about t terms, so a long horizon is quadratic; but
		 * what periods k+1.. add is at most E(K) d_{k+1}: once that is below
		 * the rounding of the sum, the loop stops.
		 */
		lnd = log1p(discount_rate);
		value = total * exp(-lnd * horizon);
		for (k = 1; k < K; k++)
		{
			double		cum;
			double		next = fmin((double) (k + 1), horizon);

			if ((k & 255) == 0)
				cf_check_interrupts();
			if ((rc = cf_bgnbd_expected_purchases_alive(bg, (double) k, x, T, &cum, err)) != CF_OK)
				return rc;
			value += cum * (exp(-lnd * (double) k) * -expm1(-lnd * (next - (double) k)));
			if (total * exp(-lnd * next) <= value * 0x1p-60)
				break;
		}
	}
	if (value > 0.0 && spend > 0.0 && margin > 0.0)
	{
		double		v = value * spend * margin;

		/* an intermediate product may overflow where the result does not */
		value = isfinite(v) && v >= DBL_MIN ? v : exp(log(value) + log(spend) + log(margin));
	}
	else
		value = 0.0;
	if (!isfinite(value))
		return cf_fail(err, CF_ERANGE, "customer lifetime value out of range",
							 "The lifetime value overflows.");
	pa = cf_bgnbd_p_alive(bg, x, t_x, T);
	if (clv)
		*clv = pa * value;
	if (lost)
		*lost = cf_bgnbd_p_dead(bg, x, t_x, T) * value;
	return CF_OK;
}
