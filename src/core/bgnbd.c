/*
 * bgnbd.c
 *		BG/NBD (Fader, Hardie & Lee 2005): summary, text form, fit and
 *		predictions.  Numerical notes:
 *		- ln L_i = A1 + A2 + ln(e^A3 + [x > 0] e^A4), evaluated as
 *		  A3 + softplus(A4 - A3), so (alpha + T)^(r + x) is never formed and
 *		  ln(b + x - 1) is never evaluated for x = 0 (and is formed as
 *		  b + (x - 1), exact for tiny b);
 *		- lnGamma(r + x) - lnGamma(r) and friends are computed once per
 *		  distinct x; ln(alpha + T), ln(alpha + t_x) once per distinct value;
 *		- the objective is the mean negative log-likelihood in
 *		  (ln r, ln alpha, ln a, ln b), minimised by BFGS with the analytic
 *		  gradient, convergence judged by the gradient;
 *		- expected purchases use the Euler-transformed hypergeometric
 *		  function with the a = 1 singularity removed analytically.
 */
#include "bgnbd.h"
#include "interrupt.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Validate one row and build its entry. */
int
cf_bgnbd_make_entry(int64_t x, double t_x, double T, cf_bgnbd_entry *e,
					cf_error *err)
{
	if (x < 0)
		return cf_fail(err, CF_EINVAL, "invalid number of repeat purchases",
							 "x must be >= 0, got %" PRId64 ".", x);
	if (x > CF_BGNBD_MAX_X)
		return cf_fail(err, CF_ERANGE, "number of repeat purchases out of range",
							 "x must be <= %d, got %" PRId64 ".", CF_BGNBD_MAX_X, x);
	if (!isfinite(t_x) || !isfinite(T))
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "t_x and T must be finite, got t_x = %g, T = %g.", t_x, T);
	if (t_x < 0.0 || T < 0.0)
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "t_x and T must be >= 0, got t_x = %g, T = %g.", t_x, T);
	if (t_x > T)
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "t_x must not exceed T, got t_x = %.17g, T = %.17g.", t_x, T);
	if (x > 0 && t_x == 0.0)
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "A customer with x = %" PRId64 " repeat purchases must have t_x > 0.", x);
	if (x == 0 && t_x != 0.0)
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "A customer with no repeat purchases must have t_x = 0, got t_x = %g.", t_x);
	e->t_x = t_x + 0.0;			/* + 0.0 turns -0 into +0 */
	e->T = T + 0.0;
	e->count = 1;
	e->x = (int32_t) x;
	e->pad = 0;
	return CF_OK;
}

/* cf_model_state_layout.make: the row (x, d[0] = t_x, d[1] = T). */
static int
make_tuple(int64_t x, const double *d, void *e, cf_error *err)
{
	return cf_bgnbd_make_entry(x, d[0], d[1], (cf_bgnbd_entry *) e, err);
}

const cf_model_state_layout cf_bgnbd_layout = {
	.nd = 2,
	.version = CF_BGNBD_TEXT_VERSION,
	.typname = "bgnbd_state",
	.model = "bgnbd",
	.order = "(x, t_x, T)",
	.form = "x,t_x,T,count",
	.min_chars = 8,				/* ";0,0,0,1" */
	.make = make_tuple,
};

/* ----------------------------------------------------------------- fit */

int
cf_bgnbd_check_params(const cf_bgnbd_params *p, cf_error *err)
{
	if (!(isfinite(p->r) && p->r > 0 && isfinite(p->alpha) && p->alpha > 0 &&
		  isfinite(p->a) && p->a > 0 && isfinite(p->b) && p->b > 0))
		return cf_fail(err, CF_EINVAL, "invalid bgnbd model",
							 "r, alpha, a and b must be finite and > 0, got r = %g, alpha = %g, a = %g, b = %g.",
							 p->r, p->alpha, p->a, p->b);
	return CF_OK;
}

/* The prepared summary (bgnbd.h), shared with the MBG/NBD and Pareto/NBD fits. */
typedef cf_bgnbd_prep bg_prep;

/* A value with the entry it came from, for ranking values. */
typedef struct value_ref
{
	double		v;
	uint32_t	idx;
} value_ref;

#define REF_LESS(a, b) ((a)->v < (b)->v)
CF_DEFINE_SORT(sort_refs, value_ref, REF_LESS)

/*
 * Sort refs[0..n) by value, write the distinct values to out and the rank
 * of each ref's value to index[ref.idx]; returns the number of distinct
 * values.
 */
static size_t
rank_values(value_ref *refs, size_t n, double *out, uint32_t *index)
{
	size_t		i,
				k = 0;

	sort_refs(refs, n);
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		if (k == 0 || out[k - 1] != refs[i].v)
			out[k++] = refs[i].v;
		index[refs[i].idx] = (uint32_t) (k - 1);
	}
	return k;
}

void
cf_bgnbd_prep_free(bg_prep *pp)
{
	cf_free(pp->mem, pp->block);
	pp->block = NULL;
}

/* Build the prepared form of compact e[0..n). */
int
cf_bgnbd_prep_build(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
		   bg_prep *pp, cf_error *err)
{
	size_t		i,
				k,
				bytes;
	char	   *m;
	value_ref  *refs;
	uint32_t   *Tidx,
			   *tidx;

	memset(pp, 0, sizeof(*pp));
	pp->mem = mem;
	if (n >= UINT32_MAX)
		return cf_fail(err, CF_ERANGE, "bgnbd summary too large",
							 "The summary has %zu distinct entries.", n);
	/* one block: n-sized arrays for everything (generous, simple) */
	bytes = n * (3 * sizeof(int64_t) + 10 * sizeof(double) + 2 * sizeof(uint32_t)
				 + 2 * sizeof(size_t)) + 64;
	m = mem->alloc(bytes);
	if (m == NULL)
		return cf_fail(err, CF_ENOMEM, "out of memory",
							 "Could not allocate %zu bytes for the bgnbd fit.", bytes);
	pp->block = m;
#define TAKE(ptr, type, cnt) do { (ptr) = (type *) m; m += sizeof(type) * (cnt); } while (0)
	TAKE(pp->xs, int64_t, n);
	TAKE(pp->runx, int64_t, n);
	TAKE(pp->run, size_t, n + 1);
	TAKE(pp->wx, double, n);
	TAKE(pp->Tv, double, n);
	TAKE(pp->w0, double, n);
	TAKE(pp->tv, double, n);
	TAKE(pp->w, double, n);
	TAKE(pp->LT, double, n);
	TAKE(pp->IT, double, n);
	TAKE(pp->Lt, double, n);
	TAKE(pp->It, double, n);
	TAKE(pp->iT, uint32_t, n);
	TAKE(pp->it, uint32_t, n);
#undef TAKE

	/* rank T over all entries, t_x over entries with x > 0 */
	refs = cf_alloc_array(mem, n + 1, sizeof(value_ref));
	Tidx = cf_alloc_array(mem, n + 1, sizeof(uint32_t));
	tidx = cf_alloc_array(mem, n + 1, sizeof(uint32_t));
	if (refs == NULL || Tidx == NULL || tidx == NULL)
	{
		cf_free(mem, refs);
		cf_free(mem, Tidx);
		cf_free(mem, tidx);
		cf_bgnbd_prep_free(pp);
		return cf_fail(err, CF_ENOMEM, "out of memory",
							 "Could not allocate scratch space for the bgnbd fit of %zu entries.", n);
	}
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		refs[i].v = e[i].T;
		refs[i].idx = (uint32_t) i;
	}
	pp->nT = rank_values(refs, n, pp->Tv, Tidx);
	for (i = 0; i < pp->nT; i++)
		pp->w0[i] = 0.0;
	k = 0;
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		if (e[i].x > 0)
		{
			refs[k].v = e[i].t_x;
			refs[k++].idx = (uint32_t) i;
		}
	}
	pp->nt = rank_values(refs, k, pp->tv, tidx);
	cf_free(mem, refs);

	for (i = 0; i < n; i++)
	{
		double		c = (double) e[i].count;

		cf_poll_entry(i);
		pp->N += c;
		if (pp->nx == 0 || pp->xs[pp->nx - 1] != e[i].x)
		{
			pp->xs[pp->nx] = e[i].x;
			pp->wx[pp->nx++] = 0.0;
		}
		pp->wx[pp->nx - 1] += c;
		if (e[i].x == 0)
			pp->w0[Tidx[i]] += c;
		else
		{
			if (pp->nrun == 0 || pp->runx[pp->nrun - 1] != e[i].x)
			{
				pp->run[pp->nrun] = pp->m;
				pp->runx[pp->nrun++] = e[i].x;
			}
			pp->iT[pp->m] = Tidx[i];
			pp->it[pp->m] = tidx[i];
			pp->w[pp->m++] = c;
		}
	}
	pp->run[pp->nrun] = pp->m;
	cf_free(mem, Tidx);
	cf_free(mem, tidx);
	return CF_OK;
}

void
cf_bgnbd_prep_logs(const bg_prep *pp, double alpha)
{
	size_t		i;

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
}

/*
 * Mean negative log-likelihood and gradient in log parameters; returns
 * non-zero outside the domain.
 */
static int
prep_eval(const bg_prep *pp, const double *theta, double *f, double *grad)
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

	/* A1 + A2, once per distinct x */
	for (k = 0; k < pp->nx; k++)
	{
		int64_t		x = pp->xs[k];
		double		W = pp->wx[k];

		cf_poll_entry(k);
		sum += W * (cf_lpoch(r, x) + r * lnalpha + cf_lpoch(b, x) - cf_lpoch(a + b, x));
		if (grad)
		{
			double		dab = cf_dpoch(a + b, x);

			gr += W * (cf_dpoch(r, x) + lnalpha);
			gal += W * r / alpha;
			ga -= W * dab;
			gb += W * (cf_dpoch(b, x) - dab);
		}
	}

	/* x = 0: only A3 = -r ln(alpha + T) */
	CF_FOR_POLLED(i, 0, pp->nT)
	{
		double		W = pp->w0[i];

		if (W == 0.0)
			continue;
		sum -= W * r * pp->LT[i];
		gr -= W * pp->LT[i];
		gal -= W * r * pp->IT[i];
	}

	/* x > 0: A3 + softplus(A4 - A3) */
	for (k = 0; k < pp->nrun; k++)
	{
		double		x = (double) pp->runx[k];
		double		rx = r + x;
		double		kx = lna - log(b + (x - 1.0));
		double		s = 0.0,
					sr = 0.0,
					sal = 0.0,
					s4 = 0.0;

		CF_FOR_POLLED(i, pp->run[k], pp->run[k + 1])
		{
			double		LT = pp->LT[pp->iT[i]],
						Lt = pp->Lt[pp->it[i]];
			double		u = kx + rx * (LT - Lt);
			double		e = exp(-fabs(u));
			double		q = 1.0 / (1.0 + e);
			double		w4 = (u >= 0.0) ? q : e * q;
			double		w3 = (u >= 0.0) ? e * q : q;
			double		W = pp->w[i];

			s += W * (-rx * LT + (u > 0.0 ? u : 0.0) + log1p(e));
			if (grad)
			{
				sr += W * (w3 * LT + w4 * Lt);
				sal += W * (w3 * pp->IT[pp->iT[i]] + w4 * pp->It[pp->it[i]]);
				s4 += W * w4;
			}
		}
		sum += s;
		gr -= sr;
		gal -= rx * sal;
		ga += s4 / a;
		gb -= s4 / (b + (x - 1.0));
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
prep_objective(const double *theta, double *f, double *grad, void *ctx)
{
	return prep_eval((const bg_prep *) ctx, theta, f, grad);
}

/* cf_bgnbd_prep_build/free as a family's prepare/release (lifetime.h). */
int
cf_bgnbd_family_prepare(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
						void *prep, cf_error *err)
{
	return cf_bgnbd_prep_build(e, n, mem, (bg_prep *) prep, err);
}

void
cf_bgnbd_family_release(void *prep)
{
	cf_bgnbd_prep_free((bg_prep *) prep);
}

/* Objective over an arbitrary compact summary (tests). */
int
cf_bgnbd_objective(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
				   const double theta[4], double *f, double grad[4],
				   cf_error *err)
{
	return cf_lifetime_objective(&cf_bgnbd_family, e, n, mem, theta, f, grad, err);
}

/* Summed log-likelihood, entry by entry, straight from the definition. */
double
cf_bgnbd_log_likelihood(const cf_bgnbd_params *p, const cf_bgnbd_entry *e,
						size_t n)
{
	double		sum = 0.0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		x = e[i].x;
		double		A1 = lgamma(p->r + x) - lgamma(p->r) + p->r * log(p->alpha);
		double		A2 = lgamma(p->a + p->b) + lgamma(p->b + x) - lgamma(p->b)
			- lgamma(p->a + p->b + x);
		double		A3 = -(p->r + x) * log(p->alpha + e[i].T);
		double		ll;

		if (e[i].x > 0)
		{
			double		A4 = log(p->a) - log(p->b + (x - 1.0))
				- (p->r + x) * log(p->alpha + e[i].t_x);
			double		mx = A3 > A4 ? A3 : A4;

			ll = A1 + A2 + mx + log(exp(A3 - mx) + exp(A4 - mx));
		}
		else
			ll = A1 + A2 + A3;
		sum += (double) e[i].count * ll;
	}
	return sum;
}

static const char *const bg_names[4] = {"r", "alpha", "a", "b"};

/*
 * Describe in buf (empty: none) a parameter of the fit at theta that runs
 * off to 0 or infinity: outside e^+-30, or (cf_opt_runaway) where multiplying
 * or dividing it, alone or with another, by e^4 changes the mean
 * log-likelihood by less than 1e-10 relative, so that the maximum lies at
 * the boundary.  Shared with the Gamma-Gamma fit.
 */
void
cf_model_find_boundary(int n, const double *theta, double f, cf_objective_fn fn,
			  void *ctx, const char *const *names, char *buf, size_t len)
{
	cf_opt_runaway_dir dir;
	int			i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		if (fabs(theta[i]) > 30.0)
		{
			dir.i = i;
			dir.j = -1;
			dir.sign = theta[i] > 0 ? 1 : -1;
			cf_opt_describe_runaway(&dir, names, buf, len);
			return;
		}
	if (cf_opt_runaway(n, theta, f, fn, ctx, 4.0, 1e-10, &dir))
		cf_opt_describe_runaway(&dir, names, buf, len);
}

const cf_lifetime_family cf_bgnbd_family = {
	.name = "bgnbd",
	.scratch_name = "customer_focus bgnbd fit",
	.nparams = 4,
	.names = bg_names,
	.prep_size = sizeof(bg_prep),
	.prepare = cf_bgnbd_family_prepare,
	.release = cf_bgnbd_family_release,
	.objective = prep_objective,
	.start = cf_lifetime_start_rate,
	.boundary_hint = "The data has too few repeat purchases for this model (a and b growing together: every customer seems to have the same dropout probability; a to 0: nobody seems to drop out); fit on more customers or a longer calibration period.",
	.stall_hint = "A parameter running to 0 or infinity means the data do not identify the model (e.g. nobody seems to drop out).",
};

/* Maximum-likelihood fit (cf_lifetime_fit of the family). */
int
cf_bgnbd_fit(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
			 const cf_opt_options *opts, cf_bgnbd_fit_result *res,
			 cf_error *err)
{
	double		v[4];
	int			rc;

	rc = cf_lifetime_fit(&cf_bgnbd_family, e, n, mem, opts, v, &res->fit, err);
	res->p = (cf_bgnbd_params) {v[0], v[1], v[2], v[3]};
	return rc;
}

/* ---------------------------------------------------------- prediction */

/* P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)). */
double
cf_bgnbd_p_alive(const cf_bgnbd_params *p, int64_t x, double t_x, double T)
{
	if (x == 0)
		return 1.0;
	return cf_inv1pexp(cf_bgnbd_p_alive_logit(p, x, t_x, T));
}

/* A prepared model with no per-x constant computed yet. */
int
cf_bgnbd_scorer_init(cf_bgnbd_scorer *s, const cf_bgnbd_params *p,
					 cf_error *err)
{
	int			rc;
	int			x;

	if ((rc = cf_bgnbd_check_params(p, err)) != CF_OK)
		return rc;
	s->p = *p;
	for (x = 0; x < CF_BGNBD_SCORER_XMAX; x++)
		s->lnratio[x] = NAN;
	return CF_OK;
}

/* The per-x constant of P(alive), computed as cf_bgnbd_p_alive does. */
double
cf_bgnbd_scorer_lnratio(cf_bgnbd_scorer *s, int64_t x)
{
	return s->lnratio[x] = log(s->p.a) - log(s->p.b + (double) (x - 1));
}

/*
 * Most terms of the purchase-count sum (each a few flops); past this the
 * horizon is too long relative to alpha + T for the sum.
 */
#define CF_BGNBD_MAX_TERMS 30000000

/*
 * E[Y(t) | alive, x, T] as a sum of positive terms.  Given alive, the
 * customer's rate is Gamma(R = r + x, alpha + T) and the dropout probability
 * p is Beta(a, B = b + x), independent.  Without dropout the purchases in
 * (T, T + t] would be N ~ NegBin(R, z), z = t / (alpha + T + t); with it the
 * (j+1)-th of them happens only if the customer stayed after the j before,
 * with probability m_j = E[(1-p)^j] = (B)_j / (a+B)_j.  So
 *
 *		E[Y] = sum_{n>=1} P(N = n) M_n,  M_n = m_0 + ... + m_{n-1},
 *
 * which is FHL's c/(a-1) [1 - (1-z)^R 2F1(R, B; a+B-1; z)] (M_n telescopes to
 * c/(a-1) (1 - (B)_n/(a+B-1)_n)) without its cancellation: no 1/(a-1), no
 * difference of large numbers, and no loss of accuracy as a, b grow (the
 * hypergeometric terms grow like (az)^k/k! there, the series overflows and
 * the bracket cancels).  The sum stops when a bound of the rest is below
 * 2^-56 of the sum: once past the mode of N, P(N = k) falls at least as fast
 * as rho^k (rho = max of the current ratio and z, to which the ratios tend
 * monotonically), and M_k <= M_n + (k - n) m_n; or, when m_n is negligible,
 * the rest is M_n P(N > n) to within m_n E[N].
 */
static int
expected_alive_sum(const cf_bgnbd_params *p, double t, int64_t x, double T,
				   double *out, cf_error *err)
{
	double		R = p->r + (double) x,
				B = p->b + (double) x,
				aB = p->a + B;
	double		at = p->alpha + T;
	double		s,
				z,
				lnP0,
				mean,
				est,
				K = 0.0;		/* terms are scaled by e^K */
	double		P,
				Q,				/* P(N >= 1), scaled */
				C = 0.0,
				Cc = 0.0,		/* P(N = 1..n), compensated */
				m = 1.0,
				M = 0.0,
				sum = 0.0,
				sumc = 0.0;
	bool		scaled;
	long		n;

	if (!(t >= 0.0) || !isfinite(t))
		return cf_fail(err, CF_EINVAL, "invalid horizon",
							 "The horizon must be finite and >= 0, got %g.", t);
	if (t == 0.0)
	{
		*out = 0.0;
		return CF_OK;
	}
	s = t / at;
	z = t / (at + t);
	if (!isfinite(s) || !(z < 1.0))
		return cf_fail(err, CF_ERANGE, "horizon too long for bgnbd expected purchases",
							 "The horizon %g is too long relative to alpha + T = %g.", t, at);
	/* terms needed: the body and geometric tail of N, unless m_n dies first */
	mean = R * s;
	est = mean + 12.0 * sqrt(mean * (1.0 + s)) + 45.0 * (1.0 + s);
	lnP0 = -R * log1p(s);
	scaled = lnP0 < -600.0;
	if (scaled && p->a > 1.0 && R > 1200.0 && mean > 960.0 &&
		(p->a - 1.0) * log1p(0.5 * mean / (aB - 1.0)) > 45.0)
	{
		/*
		 * N is almost surely huge: P(N <= mean/2) <= e^-0.0377R + e^-0.047mean
		 * (Chernoff bounds of the gamma and Poisson parts) and from there on
		 * M_N is within (B)_n / (a-1+B)_n <= (1 + n/(a+B-1))^-(a-1) of its
		 * limit (a+B-1)/(a-1): both below e^-45.
		 */
		*out = ((p->a - 1.0) + B) / (p->a - 1.0);
		return CF_OK;
	}
	if (est > CF_BGNBD_MAX_TERMS &&
		(scaled || !(p->a >= 1.0 && aB * expm1((40.0 + log1p(mean)) / p->a) < CF_BGNBD_MAX_TERMS)))
		return cf_fail(err, CF_ERANGE, "horizon too long for bgnbd expected purchases",
							 "The horizon %g is too long relative to alpha + T = %g: the sum would need about %.3g terms (r + x = %g).",
							 t, at, est, R);
	if (scaled)
		K = -lnP0 - 600.0;
	P = exp(lnP0 + K);
	Q = scaled ? 0.0 : -expm1(lnP0);

	for (n = 1; n <= CF_BGNBD_MAX_TERMS + 1000L; n++)
	{
		double		ratio = (R + (double) (n - 1)) / (double) n * z;
		double		term,
					y,
					tt;

		P *= ratio;
		M += m;
		m *= (B + (double) (n - 1)) / (aB + (double) (n - 1));
		term = P * M;
		/* Neumaier sums: the rest below may be a small difference */
		tt = sum + term;
		sumc += (fabs(sum) >= term) ? (sum - tt) + term : (term - tt) + sum;
		sum = tt;
		y = C + P;
		Cc += (C >= P) ? (C - y) + P : (P - y) + C;
		C = y;
		if (scaled && P > 1e200)
		{
			P *= 1e-200;
			sum *= 1e-200;
			sumc *= 1e-200;
			K -= 200.0 * 2.30258509299404568402;
		}
		if ((n & 0xffff) == 0)
			cf_check_interrupts();
		{
			double		next = (R + (double) n) / (double) (n + 1) * z;

			if (next < 1.0)
			{
				double		rho = fmax(next, z);
				double		rest = P * (M * rho / (1.0 - rho) + m * rho / ((1.0 - rho) * (1.0 - rho)));

				if (rest <= 0x1p-56 * sum)
					break;
			}
		}
		if (!scaled && m * mean <= 0x1p-56 * sum)
		{
			/* M_k is M_n + m_n + ... <= M_n (1 + 2^-56) from here on */
			double		tail = (Q - C) - Cc;

			if (tail > 0.0)
			{
				tt = sum + M * tail;
				sumc += (sum - tt) + M * tail;
				sum = tt;
			}
			break;
		}
	}
	if (n > CF_BGNBD_MAX_TERMS + 1000L)
		return cf_fail(err, CF_ERANGE, "horizon too long for bgnbd expected purchases",
							 "The horizon %g is too long relative to alpha + T = %g for the sum to converge.",
							 t, at);
	*out = (sum + sumc) * exp(-K);
	if (!isfinite(*out))
		return cf_fail(err, CF_ERANGE, "bgnbd expected purchases out of range",
							 "The expected purchases in a horizon of %g overflow.", t);
	return CF_OK;
}

/* Most terms of the fast series before the sum takes over. */
#define CF_BGNBD_SERIES_TERMS 4000

/*
 * The fast path for well-conditioned cases (the usual models: a, b of order
 * 1, horizons of order alpha + T): FHL's eq. 10 with the Euler transform,
 * c (1 - (1-z)^eps)/eps - (1-z)^eps sum_{k>=1} u_k, eps = a - 1,
 * c = a+b+x-1, A = a+b-1-r, u_1 = A z, u_{k+1} = u_k (A+k)(eps+k) z /
 * ((c+k)(k+1)).  It cancels (and overflows) as a and b grow, so it returns
 * false unless the rounding bound of its terms, (|c first| + (1-z)^eps
 * sum |u_k|) (k + 8) 2^-52, is below 1e-12 of the result: then the positive
 * sum decides.
 */
static bool
expected_alive_series(const cf_bgnbd_params *p, double t, int64_t x, double T,
					  double *out)
{
	double		eps = p->a - 1.0;
	double		c = p->a + p->b + (double) x - 1.0;
	double		A = p->a + p->b - 1.0 - p->r;
	double		z = t / (p->alpha + T + t);
	double		L = -log1p(t / (p->alpha + T));	/* ln(1 - z) */
	double		ez = eps * L;
	double		first,
				pw,
				u,
				S = 0.0,
				Sabs = 0.0,
				v,
				bound;
	long		k;

	if (fabs(ez) < 1e-8)
		first = -L * (1.0 + ez / 2.0 + ez * ez / 6.0);
	else
		first = -expm1(ez) / eps;
	pw = exp(ez);
	u = A * z;
	for (k = 1; k <= CF_BGNBD_SERIES_TERMS; k++)
	{
		double		ratio;

		S += u;
		Sabs += fabs(u);
		ratio = (A + k) * (eps + k) / ((c + k) * (k + 1.0)) * z;
		u *= ratio;
		if (fabs(ratio) < 1.0 &&
			fabs(u) <= 1e-17 * (1.0 - fmax(fabs(ratio), z)) * (fabs(S) + fabs(c * first)))
			break;
		if (u == 0.0)
			break;
	}
	if (k > CF_BGNBD_SERIES_TERMS)
		return false;
	v = c * first - pw * S;
	bound = (fabs(c * first) + pw * Sabs) * (double) (k + 8) * 0x1p-52;
	if (!isfinite(v) || !isfinite(bound) || !(v > 0.0) || bound > 1e-12 * v)
		return false;
	*out = v;
	return true;
}

/* E[Y(t) | alive, x, T]: the fast series where it is accurate, else the sum. */
int
cf_bgnbd_expected_purchases_alive(const cf_bgnbd_params *p, double t,
								  int64_t x, double T, double *out,
								  cf_error *err)
{
	if (t > 0.0 && isfinite(t) && expected_alive_series(p, t, x, T, out))
		return CF_OK;
	return expected_alive_sum(p, t, x, T, out, err);
}

/* Conditional expectation: P(alive) * E[Y(t) | alive]. */
int
cf_bgnbd_expected_purchases(const cf_bgnbd_params *p, double t, int64_t x,
							double t_x, double T, double *out,
							cf_error *err)
{
	double		v;
	int			rc;

	if ((rc = cf_bgnbd_expected_purchases_alive(p, t, x, T, &v, err)) != CF_OK)
		return rc;
	*out = cf_bgnbd_p_alive(p, x, t_x, T) * v;
	return CF_OK;
}

/* A new customer is the x = 0, T = 0 case. */
int
cf_bgnbd_expected_purchases_new(const cf_bgnbd_params *p, double t,
								double *out, cf_error *err)
{
	return cf_bgnbd_expected_purchases_alive(p, t, 0, 0.0, out, err);
}

/* ------------------------------------------------- churn-window probabilities */

/* P(no purchase in (T, T + t]): dead, or alive and no purchase. */
int
cf_bgnbd_p_no_purchase(const cf_bgnbd_params *p, double t, int64_t x,
					   double t_x, double T, double *out, cf_error *err)
{
	if (!(t >= 0.0) || !isfinite(t))
		return cf_fail(err, CF_EINVAL, "invalid horizon",
							 "The horizon must be finite and >= 0, got %g.", t);
	*out = cf_bgnbd_p_no_purchase_ok(p, t, x, t_x, T);
	return CF_OK;
}

/*
 * ln Gamma(s + d) - ln Gamma(s) for s > 0, s + d > 0.  Where both arguments
 * are >= 30 from Stirling's series written as differences, (s - 1/2)
 * ln(1 + d/s) + d ln(s + d) - d + S(s + d) - S(s), so that the error is
 * relative to the result, not to ln Gamma of a large argument (lgamma(s + d)
 * - lgamma(s) loses about log10(s ln s) digits); else lgamma directly.
 */
static double
stirling_tail(double s)
{
	double		s2 = 1.0 / (s * s);

	/* 1/(12s) - 1/(360s^3) + 1/(1260s^5) - 1/(1680s^7): < 1e-15 relative at s >= 30 */
	return (1.0 / 12.0 - s2 * (1.0 / 360.0 - s2 * (1.0 / 1260.0 - s2 / 1680.0))) / s;
}

static double
lgamma_diff(double s, double d)
{
	if (d == 0.0)
		return 0.0;
	if (s >= 30.0 && s + d >= 30.0)
		return (s - 0.5) * log1p(d / s) + d * log(s + d) - d +
			(stirling_tail(s + d) - stirling_tail(s));
	return lgamma(s + d) - lgamma(s);
}

/*
 * ln (a+b)_d = ln Gamma(a+b+d)/Gamma(a+b) where a + b may overflow (a and b
 * both above DBL_MAX/2: the model is valid, the sum is not a double).  There
 * ln (a+b)_d = d ln(a+b) to within d^2/(a+b), nothing in a double.
 */
static double
lpoch_sum(double a, double b, double d)
{
	double		hi = fmax(a, b),
				lo = fmin(a, b);

	if (isfinite(a + b))
		return lgamma_diff(a + b, d);
	return d * (log(hi) + log1p(lo / hi));
}

/*
 * ln P(N = j) for N ~ NegBin(r, z): Gamma(r + j) / (Gamma(r) j!) (1-z)^r z^j,
 * with lnq = ln(1 - z), lnz = ln z.
 */
static double
nb_log_pmf(double r, double j, double lnq, double lnz)
{
	/* ln Gamma(r + j) - ln Gamma(r) - ln j!: the larger Gamma pair by lgamma_diff */
	double		lc = (r >= j) ? lgamma_diff(r, j) - lgamma(j + 1.0)
		: lgamma_diff(j + 1.0, r - 1.0) - lgamma(r);

	return lc + r * lnq + (j == 0.0 ? 0.0 : j * lnz);
}

double
cf_bgnbd_nb_log_pmf(double r, double j, double lnq, double lnz)
{
	return nb_log_pmf(r, j, lnq, lnz);
}

/*
 * ln P(N >= n) for N ~ NegBin(r, z), n >= 1, mean mu = r z / (1 - z), from
 * positive terms only: below the mean 1 - P(N < n) (the mass above n is then
 * not small, so the difference loses at most a few bits), from the mean on
 * the upper sum itself.  Both sums carry a log scale, so terms that would
 * underflow (or overflow) as doubles still count.  Past the mean the terms'
 * ratio (r + j) z / (j + 1) is below 1 and tends monotonically to z, so the
 * rest after a term is at most term rho / (1 - rho), rho = max(ratio, z); the
 * sum stops below 2^-56 of the total.  ERANGE past CF_BGNBD_MAX_TERMS terms.
 */
static int
nb_log_tail(double r, int64_t n, double lnq, double lnz, double z, double mu,
			double *out, cf_error *err)
{
	double		term = 1.0,
				sum,
				c = 0.0,
				ls;				/* the terms are scaled by e^-ls */
	int64_t		j;
	bool		lower = (double) n < mu;

	if (lower && n > CF_BGNBD_MAX_TERMS)
		return cf_fail(err, CF_ERANGE, "horizon too long for bgnbd_pmf_new",
							 "P(X = %lld) would need a sum of %lld terms.", (long long) n, (long long) n);
	if (lower)
	{
		/* P(N < n): j = 0 .. n-1 upwards from P(N = 0) = (1-z)^r */
		ls = r * lnq;
		sum = 0.0;
		for (j = 0; j < n; j++)
		{
			double		tt = sum + term;

			c += (fabs(sum) >= term) ? (sum - tt) + term : (term - tt) + sum;
			sum = tt;
			term *= (r + (double) j) / (double) (j + 1) * z;
			if (term > 1e200)
			{
				term *= 1e-200;
				sum *= 1e-200;
				c *= 1e-200;
				ls += 200.0 * 2.30258509299404568402;
			}
			if ((j & 0xffff) == 0xffff)
				cf_check_interrupts();
		}
		*out = log1p(-exp(ls + log(sum + c)));
		return CF_OK;
	}
	/* the upper sum from P(N = n) on, scaled by it */
	ls = nb_log_pmf(r, (double) n, lnq, lnz);
	sum = 1.0;
	for (j = n;; j++)
	{
		double		ratio = (r + (double) j) / (double) (j + 1) * z;
		double		rho = fmax(ratio, z),
					tt;

		if (term * rho / (1.0 - rho) <= 0x1p-56 * sum)
			break;
		if (j - n > CF_BGNBD_MAX_TERMS)
			return cf_fail(err, CF_ERANGE, "horizon too long for bgnbd_pmf_new",
								 "The horizon is too long relative to alpha for the tail sum to converge (z = %.17g).", z);
		term *= ratio;
		tt = sum + term;
		c += (sum - tt) + term;
		sum = tt;
		if (((j - n) & 0xffff) == 0xffff)
			cf_check_interrupts();
	}
	*out = ls + log(sum + c);
	return CF_OK;
}

/*
 * P(X(t) = n) for a new customer, FHL 2005 eq. 8:
 *
 *	B(a, b+n)/B(a, b) NB(n) + [n > 0] B(a+1, b+n-1)/B(a, b) P(N >= n)
 *
 * where N ~ NegBin(r, z = t/(alpha + t)) is the count without dropout and NB
 * its pmf: the customer is alive after n purchases and makes no more, or
 * drops out right after the n-th of at least n.  Every factor is formed in
 * logs (lgamma_diff) and P(N >= n) = 1 - sum_{j<n} NB(j) is nb_log_tail's
 * positive sum, so the value keeps its relative accuracy for large n.
 */
int
cf_bgnbd_pmf_new(const cf_bgnbd_params *p, int64_t n, double t, double *out,
				 cf_error *err)
{
	double		r = p->r,
				a = p->a,
				b = p->b,
				s,
				z,
				lnq,
				lnz,
				mu,
				dn = (double) n,
				lab,
				v,
				ltail = 0.0;
	int			rc;

	if (n < 0)
		return cf_fail(err, CF_EINVAL, "invalid purchase count",
							 "The number of purchases must be >= 0, got %lld.", (long long) n);
	if (!(t >= 0.0) || !isfinite(t))
		return cf_fail(err, CF_EINVAL, "invalid horizon",
							 "The horizon must be finite and >= 0, got %g.", t);
	if (t == 0.0)
	{
		*out = n == 0 ? 1.0 : 0.0;
		return CF_OK;
	}
	s = t / p->alpha;
	z = t / (p->alpha + t);
	lnq = -log1p(s);
	lnz = log(z);
	mu = r * s;
	/* ln B(a, b+n)/B(a, b) = ln (b)_n - ln (a+b)_n: no ln Gamma of a large a */
	lab = lpoch_sum(a, b, dn);
	v = exp(lgamma_diff(b, dn) - lab + nb_log_pmf(r, dn, lnq, lnz));
	if (n > 0)
	{
		if ((rc = nb_log_tail(r, n, lnq, lnz, z, mu, &ltail, err)) != CF_OK)
			return rc;
		/* B(a+1, b+n-1)/B(a, b) = a (b)_{n-1} / (a+b)_n */
		v += exp(log(a) + lgamma_diff(b, dn - 1.0) - lab + ltail);
	}
	if (!isfinite(v))
		return cf_fail(err, CF_ERANGE, "bgnbd_pmf_new out of range",
							 "P(X(%g) = %lld) is not finite for this model.", t, (long long) n);
	*out = fmin(v, 1.0);
	return CF_OK;
}

/*
 * A failure of cf_bgnbd_pmf_new computing a conditional PMF names it:
 * "... bgnbd_pmf_new ..." -> "... bgnbd_pmf ...".
 */
static int
pmf_words(int rc, cf_error *err)
{
	char	   *at;

	if (rc != CF_OK && err != NULL && (at = strstr(err->msg, "pmf_new")) != NULL)
		memmove(at + 3, at + 7, strlen(at + 7) + 1);
	return rc;
}

/* Given alive at T: a new customer with (r + x, alpha + T, a, b + x) (bgnbd.h). */
int
cf_bgnbd_pmf_alive(const cf_bgnbd_params *p, int64_t n, double t, int64_t x,
				   double T, double *out, cf_error *err)
{
	cf_bgnbd_params q = {p->r + (double) x, p->alpha + T, p->a, p->b + (double) x};

	return pmf_words(cf_bgnbd_pmf_new(&q, n, t, out, err), err);
}

/* [n = 0] (1 - P(alive)) + P(alive) P(X = n | alive), both weights from the logit. */
int
cf_bgnbd_pmf(const cf_bgnbd_params *p, int64_t n, double t, int64_t x,
			 double t_x, double T, double *out, cf_error *err)
{
	double		v;
	int			rc;

	if ((rc = cf_bgnbd_pmf_alive(p, n, t, x, T, &v, err)) != CF_OK)
		return rc;
	*out = cf_bgnbd_pmf_mix(p, n, x, t_x, T, v);	/* x = 0: alive for sure */
	return CF_OK;
}

/* ---------------------------------------------------------- simulation */

/* splitmix64: a small, well-mixed generator; the state is the counter. */
static uint64_t
sm64_next(uint64_t *state)
{
	uint64_t	z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform on (0, 1), never 0 or 1. */
static double
sm64_uniform(uint64_t *state)
{
	return ((double) (sm64_next(state) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/* Standard normal (Marsaglia polar method). */
static double
sm64_normal(uint64_t *state)
{
	for (;;)
	{
		double		u = 2.0 * sm64_uniform(state) - 1.0,
					v = 2.0 * sm64_uniform(state) - 1.0,
					s = u * u + v * v;

		if (s > 0.0 && s < 1.0)
			return u * sqrt(-2.0 * log(s) / s);
	}
}

/* Gamma(shape, 1) by Marsaglia & Tsang; shape < 1 via G(shape+1) U^(1/shape). */
static double
sm64_gamma(uint64_t *state, double shape)
{
	double		d,
				c,
				boost = 1.0;

	if (shape < 1.0)
	{
		boost = exp(log(sm64_uniform(state)) / shape);
		shape += 1.0;
	}
	d = shape - 1.0 / 3.0;
	c = 1.0 / sqrt(9.0 * d);
	for (;;)
	{
		double		z = sm64_normal(state),
					v = 1.0 + c * z,
					u;

		if (v <= 0.0)
			continue;
		v = v * v * v;
		u = sm64_uniform(state);
		if (log(u) < 0.5 * z * z + d - d * v + d * log(v))
			return d * v * boost;
	}
}

/* One simulated customer. */
int
cf_bgnbd_simulate(const cf_bgnbd_params *p, double T, uint64_t seed,
				  int32_t *x, double *t_x, cf_error *err)
{
	uint64_t	state = seed * UINT64_C(0xD1B54A32D192ED03) + UINT64_C(0x8BB84B93962EACC9);
	double		lambda,
				drop,
				ga,
				gb,
				t = 0.0;
	int32_t		n = 0;
	int			rc;

	if ((rc = cf_bgnbd_check_params(p, err)) != CF_OK)
		return rc;
	if (!isfinite(T) || T < 0.0)
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "T must be finite and >= 0, got %g.", T);
	(void) sm64_next(&state);
	lambda = sm64_gamma(&state, p->r) / p->alpha;
	ga = sm64_gamma(&state, p->a);
	gb = sm64_gamma(&state, p->b);
	drop = ga / (ga + gb);
	*t_x = 0.0;
	if (!(lambda > 0.0))
	{
		*x = 0;
		return CF_OK;
	}
	for (;;)
	{
		t += -log(sm64_uniform(&state)) / lambda;
		if (t > T)
			break;
		if (n >= 100000000)
			return cf_fail(err, CF_ERANGE, "simulated customer out of range",
								 "The simulated customer makes more than 10^8 purchases (purchase rate %g, T = %g).",
								 lambda, T);
		n++;
		*t_x = t;
		if (sm64_uniform(&state) < drop)
			break;
	}
	*x = n;
	return CF_OK;
}

/* The simulation's generator for the other lifetime models (bgnbd.h). */
uint64_t
cf_model_sim_seed(uint64_t seed)
{
	uint64_t	state = seed * UINT64_C(0xD1B54A32D192ED03) + UINT64_C(0x8BB84B93962EACC9);

	(void) sm64_next(&state);
	return state;
}

double
cf_model_sim_uniform(uint64_t *state)
{
	return sm64_uniform(state);
}

double
cf_model_sim_gamma(uint64_t *state, double shape)
{
	return sm64_gamma(state, shape);
}
