/*
 * pnbd.c
 *		Pareto/NBD: fit and predictions.  Numerical notes:
 *		- the only hard term is A0 = s (G(t_x) - G(T)) (pnbd.h), FH's pair of
 *		  2F1(r+s+x, s+1 or r+x; r+s+x+1; z).  Those series have terms that
 *		  first grow like (r+x)_k/k! z^k when x is large and z near 1, and
 *		  FH's two-case form overflows as (alpha+y)^(r+s+x); the Euler
 *		  transform 2F1(a, b; a+1; z) = (1-z)^(1-b) 2F1(1, a+1-b; a+1; z)
 *		  leaves positive terms whose ratio (a+1-b+k)/(a+1+k) z is below z,
 *		  summed with its prefactor in logarithms: finite and accurate to a
 *		  few ulps for any x and T (CLVTools and lifetimes test x = 132..200);
 *		- derivatives of ln 2F1 with respect to its parameters and z come
 *		  from the same series (running sums of 1/(e+j) and 1/(a+1+j)), so
 *		  the fit has an analytic gradient;
 *		- for z near 1 the series is slow (~40/(1-z) terms); there G is an
 *		  incomplete beta integral split at 1/2 (pn_log_g_beta): no
 *		  cancellation, a fixed cost, derivatives from the same nodes;
 *		- G depends on (x, y) only: the fit evaluates it once per distinct
 *		  (x, T) and (x, t_x) of the summary, then combines per entry
 *		  ln L = A1 + ln(e^U + s G(t_x) - s G(T)), with e^U, s G scaled per
 *		  x so that an entry costs one logarithm (pn_run_scale), and
 *		  logaddexp(U, ln s + ln G(t_x) + ln(1 - G(T)/G(t_x))) where that
 *		  would underflow;
 *		- the mean is a compensated sum, so that the line search near the
 *		  optimum sees f's changes rather than its rounding (pn_sum).
 */
#include "pnbd.h"
#include "interrupt.h"

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#ifndef M_LN2
#define M_LN2 0.69314718055994530942
#endif

int
cf_pnbd_check_params(const cf_pnbd_params *p, cf_error *err)
{
	if (!(isfinite(p->r) && p->r > 0 && isfinite(p->alpha) && p->alpha > 0 &&
		  isfinite(p->s) && p->s > 0 && isfinite(p->beta) && p->beta > 0))
		return cf_fail(err, CF_EINVAL, "invalid pnbd model",
							 "r, alpha, s and beta must be finite and > 0, got r = %g, alpha = %g, s = %g, beta = %g.",
							 p->r, p->alpha, p->s, p->beta);
	return CF_OK;
}


/* ------------------------------------------------ the series (z <= PN_Z_SPLIT) */

/*
 * ln F(1, e; a+1; z) for 0 <= z < 1 by its positive series (term ratios
 * (e+k-1)/(a+k) z rise towards z, so the rest after t_k is <= t_k z/(1-z)),
 * and, if d is not NULL, d ln F / d(e, a, z) from the same terms (running
 * sums of 1/(e+j) and 1/(a+j)).
 */
static double
pn_series(double e, double a, double z, double d[3])
{
	double		omz = 1.0 - z;
	double		S = 1.0,		/* sum of t_k */
				Se = 0.0,		/* sum of t_k De(k) */
				Sa = 0.0,		/* sum of t_k Da(k) */
				Sz = 0.0,		/* sum of k t_k / z */
				t = 1.0,
				De = 0.0,
				Da = 0.0;
	long		k;

	for (k = 1;; k++)
	{
		double		u = t * (e + (double) (k - 1)) / (a + (double) k);	/* t_k / z */

		if (d)
		{
			De += 1.0 / (e + (double) (k - 1));
			Da += 1.0 / (a + (double) k);
		}
		t = u * z;
		S += t;
		if (d)
		{
			Se += t * De;
			Sa += t * Da;
			Sz += (double) k * u;
		}
		if (u * ((double) k + 1.0) <= 1e-17 * omz * omz)
			break;
		if ((k & 0xfff) == 0)
			cf_check_interrupts();
	}
	if (d)
	{
		d[0] = Se / S;
		d[1] = -Sa / S;
		d[2] = Sz / S;
	}
	return log(S);
}

/* ---------------------------------- the incomplete-beta form (z > PN_Z_SPLIT) */

/*
 * Where z = 1 - w is near 1 the series needs about 40 / w terms (w = 1e-6 at
 * the (r, alpha) boundary of a fit: tens of millions).  There G is written as
 * an incomplete beta integral: with D = |alpha - beta|, p the exponent of the
 * smaller of alpha + y, beta + y (s + 1 when alpha >= beta, else r + x) and
 * a = r + s + x, substituting q = (min + y) ... gives
 *		G(y) = D^-a  int_w^1 q^-p (1-q)^(a-1) dq = D^-a (J + K),
 *		J = int_w^(1/2),  K = int_(1/2)^1 = 2^-(a+1-p) / a  F(1, a+1-p; a+1; 1/2)
 * (K by the series at z = 1/2: 2^-k convergence; it carries the endpoint
 * behaviour at q = 1, where (1-q)^(a-1) is singular for a < 1).  J has a
 * smooth integrand on a finite range: in u = ln q,
 *		J = int_(ln w)^(-ln 2) e^h(u) du,  h(u) = (1-p) u + (a-1) ln(1 - e^u),
 * concave for a >= 1 (for a < 1 the second term varies by less than ln 2).
 * It is summed by 16-point Gauss-Legendre panels laid out from the maximum
 * of h outwards, each spanning at most PN_DROP nats of h and a bounded change
 * of h' (so each panel holds an exponential-like piece that the rule
 * integrates to ~1e-16), until h has fallen 45 nats: a fixed plan of a few
 * panels, no error estimate by halving.  No cancellation anywhere (J, K > 0),
 * and the derivatives are integrals of ln q and ln(1-q) over the same nodes.
 */
#define PN_GL_N 16
static const double pn_gl_x[PN_GL_N / 2] = {
	0.0950125098376374401853193, 0.2816035507792589132304605,
	0.4580167776572273863424194, 0.6178762444026437484466718,
	0.7554044083550030338951012, 0.8656312023878317438804679,
	0.9445750230732325760779884, 0.9894009349916499325961542};
static const double pn_gl_w[PN_GL_N / 2] = {
	0.1894506104550684962853967, 0.1826034150449235888667637,
	0.1691565193950025381893121, 0.1495959888165767320815017,
	0.1246289712555338720524763, 0.0951585116824927848099251,
	0.0622535239386478928628438, 0.0271524594117540948517806};

#define PN_DROP 6.0				/* nats of h per panel */
#define PN_TAIL 45.0			/* nats below the maximum where J stops */
#define PN_Z_SPLIT 0.95			/* above: the incomplete-beta form */

typedef struct pn_beta
{
	double		p,
				a,
				lo,				/* ln w */
				hi;				/* -ln 2 */
	double		hmax;			/* h at its maximum on [lo, hi] */
	double		S[3];			/* int e^(h-hmax) times 1, u, ln(1-e^u) */
	bool		deriv;
} pn_beta;

static inline double
pn_bh(const pn_beta *b, double u, double *dh)
{
	double		q = exp(u),
				l1 = log1p(-q);

	if (dh)
		*dh = (1.0 - b->p) - (b->a - 1.0) * q / (1.0 - q);
	return (1.0 - b->p) * u + (b->a - 1.0) * l1;
}

/* Add the Gauss-Legendre sums over [u0, u1] to b->S. */
static void
pn_beta_panel(pn_beta *b, double u0, double u1)
{
	double		c = 0.5 * (u0 + u1),
				hw = 0.5 * (u1 - u0);
	int			i,
				sgn;

	for (i = 0; i < PN_GL_N / 2; i++)
		for (sgn = -1; sgn <= 1; sgn += 2)
		{
			double		u = c + sgn * hw * pn_gl_x[i];
			double		q = exp(u),
						l1 = log1p(-q);
			double		f = exp((1.0 - b->p) * u + (b->a - 1.0) * l1 - b->hmax) * hw * pn_gl_w[i];

			b->S[0] += f;
			if (b->deriv)
			{
				b->S[1] += f * u;
				b->S[2] += f * l1;
			}
		}
}

/*
 * Panels from u towards end (dir +1 or -1) until h is PN_TAIL below hmax or
 * the end is reached.  Each panel's width comes from h' and the change of h'
 * at its two ends; it is halved until it spans <= PN_DROP nats and h'
 * changes by <= 2 PN_DROP / width across it.
 */
static void
pn_beta_side(pn_beta *b, double u, double end, int dir)
{
	double		dh0,
				h0 = pn_bh(b, u, &dh0);
	int			panels = 0;

	while (dir * (end - u) > 0.0 && h0 > b->hmax - PN_TAIL)
	{
		double		d = PN_DROP / (fabs(dh0) + 1.0),
					u1,
					h1,
					dh1;

		for (;;)
		{
			u1 = u + dir * d;
			if (dir * (u1 - end) >= 0.0)
				u1 = end;
			h1 = pn_bh(b, u1, &dh1);
			if ((fabs(h1 - h0) <= PN_DROP && fabs(dh1 - dh0) * fabs(u1 - u) <= 2.0 * PN_DROP) ||
				fabs(u1 - u) < 1e-9)
				break;
			d = 0.5 * fabs(u1 - u);
		}
		pn_beta_panel(b, dir > 0 ? u : u1, dir > 0 ? u1 : u);
		u = u1;
		h0 = h1;
		dh0 = dh1;
		if ((++panels & 0x3f) == 0)
			cf_check_interrupts();
	}
}

/* ln J (pn_beta: p, a, lo, hi, deriv set), with b->S for the derivatives. */
static double
pn_beta_j(pn_beta *b)
{
	double		um;

	/* the maximum of h: h' = 0 at q = (1-p)/(a-p) when p < 1 <= a; else an end */
	if (b->a >= 1.0)
	{
		if (b->p < 1.0)
		{
			um = log((1.0 - b->p) / (b->a - b->p));
			um = fmin(fmax(um, b->lo), b->hi);
		}
		else
			um = b->lo;
	}
	else
		um = (pn_bh(b, b->lo, NULL) >= pn_bh(b, b->hi, NULL)) ? b->lo : b->hi;
	b->hmax = pn_bh(b, um, NULL);
	b->S[0] = b->S[1] = b->S[2] = 0.0;
	pn_beta_side(b, um, b->hi, +1);
	pn_beta_side(b, um, b->lo, -1);
	return b->hmax + log(b->S[0]);
}

/* ln G(y) + r ln alpha + s ln beta and its derivatives by the incomplete-beta form (z > PN_Z_SPLIT). */
static int
pn_log_g_beta(const cf_pnbd_params *p, double x, double y, double *lng,
			  double dlng[4], cf_error *err)
{
	bool		alpha_max = p->alpha >= p->beta;
	double		cmin = (alpha_max ? p->beta : p->alpha) + y,
				cmax = (alpha_max ? p->alpha : p->beta) + y,
				D = fabs(p->alpha - p->beta),
				a = p->r + p->s + x;
	double		lnJ,
				lnK,
				lnJK,
				wJ,
				wK,
				dK[3];
	pn_beta		b;

	b.p = alpha_max ? p->s + 1.0 : p->r + x;
	b.a = a;
	b.lo = log(cmin) - log(cmax);
	b.hi = -M_LN2;
	b.deriv = dlng != NULL;
	lnJ = pn_beta_j(&b);
	/* K = 2^-(a+1-p) / a F(1, a+1-p; a+1; 1/2) */
	lnK = -(a + 1.0 - b.p) * M_LN2 - log(a) + pn_series(a + 1.0 - b.p, a, 0.5, dlng ? dK : NULL);
	lnJK = (lnJ > lnK) ? lnJ + log1p(exp(lnK - lnJ)) : lnK + log1p(exp(lnJ - lnK));
	if (!isfinite(lnJK) || !(b.S[0] > 0.0))
		return cf_fail(err, CF_ERANGE, "pnbd likelihood out of range",
					   "The Pareto/NBD likelihood integral is not finite (r = %g, alpha = %g, s = %g, beta = %g, x = %g, y = %g).",
					   p->r, p->alpha, p->s, p->beta, x, y);
	/* scaled: + r ln alpha + s ln beta, with the logs of D/alpha, D/beta formed without cancellation */
	if (alpha_max)
		*lng = -p->r * log1p(-p->beta / p->alpha) - p->s * (log(D) - log(p->beta)) - x * log(D) + lnJK;
	else
		*lng = -p->r * (log(D) - log(p->alpha)) - p->s * log1p(-p->alpha / p->beta) - x * log(D) + lnJK;
	if (dlng)
	{
		/* d ln(J + K) / d(a, p, ln w); J's from its weighted sums, K's from the series */
		double		Ja = b.S[2] / b.S[0],		/* d ln J / da */
					Jp = -b.S[1] / b.S[0],		/* d ln J / dp */
					Jw = -exp(pn_bh(&b, b.lo, NULL) - lnJ),	/* d ln J / d ln w */
					Ka = -M_LN2 - 1.0 / a + dK[0] + dK[1],
					Kp = M_LN2 - dK[0];
		double		da,
					dp,
					dw;

		wJ = exp(lnJ - lnJK);
		wK = exp(lnK - lnJK);
		da = wJ * Ja + wK * Ka;	/* without the -ln D of -a ln D */
		dp = wJ * Jp + wK * Kp;
		dw = wJ * Jw;
		if (alpha_max)
		{
			/* a = r+s+x, p = s+1, ln w = ln(beta+y) - ln(alpha+y), D = alpha - beta */
			dlng[0] = -log1p(-p->beta / p->alpha) + da;
			dlng[2] = -(log(D) - log(p->beta)) + da + dp;
			dlng[1] = -dw / cmax - p->r * p->beta / (p->alpha * D) - (p->s + x) / D;
			dlng[3] = dw / cmin + a / D + p->s / p->beta;
		}
		else
		{
			/* p = r+x, ln w = ln(alpha+y) - ln(beta+y), D = beta - alpha */
			dlng[0] = -(log(D) - log(p->alpha)) + da + dp;
			dlng[2] = -log1p(-p->alpha / p->beta) + da;
			dlng[1] = dw / cmin + a / D + p->r / p->alpha;
			dlng[3] = -dw / cmax - (p->r + x) / D - p->s * p->alpha / (p->beta * D);
		}
	}
	return CF_OK;
}

/*
 * ln G(y) + r ln alpha + s ln beta and its derivatives with respect to (r,
 * alpha, s, beta).  The scaling keeps every term moderate when r and alpha
 * (or s and beta) grow together: unscaled, ln G and r ln alpha are both of
 * order r ln alpha (1e12 at a fit's boundary) and their sum in the
 * likelihood would keep only ~4 digits; here the logarithms that cancel are
 * formed as log1p(y/alpha), log1p(-beta/alpha), ....
 */
static int
pn_log_gs(const cf_pnbd_params *p, double x, double y, double *lng,
		  double dlng[4], cf_error *err)
{
	double		r = p->r,
				al = p->alpha,
				s = p->s,
				be = p->beta;
	double		ay = al + y,
				by = be + y;
	double		la,
				lb;
	double		a = r + s + x;
	bool		alpha_max = al >= be;
	double		e = alpha_max ? r + x : s + 1.0;
	double		z = alpha_max ? (al - be) / ay : (be - al) / by;
	double		dF[3];
	int			rc;

	if (z > PN_Z_SPLIT)
		rc = pn_log_g_beta(p, x, y, lng, dlng, err);
	else
	{
		la = log(ay);
		lb = log(by);
		*lng = -r * log1p(y / al) - x * la - s * log1p(y / be) - lb + (alpha_max ? lb : la)
			- log(a) + pn_series(e, a, z, dlng ? dF : NULL);
		if (dlng)
		{
			double		Fe = dF[0],
						Fa = dF[1],
						Fz = dF[2];	/* d ln F / dz */
			double		dzda,
						dzdb;

			if (alpha_max)
			{
				dzda = by / (ay * ay);
				dzdb = -1.0 / ay;
			}
			else
			{
				dzda = -1.0 / by;
				dzdb = ay / (by * by);
			}
			dlng[0] = -log1p(y / al) - 1.0 / a + (alpha_max ? Fe : 0.0) + Fa;
			dlng[1] = (r * (y / al) - x) / ay + (alpha_max ? 0.0 : 1.0 / ay) + Fz * dzda;
			dlng[2] = -log1p(y / be) - 1.0 / a + (alpha_max ? 0.0 : Fe) + Fa;
			dlng[3] = (s * (y / be) - 1.0) / by + (alpha_max ? 1.0 / by : 0.0) + Fz * dzdb;
		}
		rc = CF_OK;
	}
	if (rc == CF_OK && !isfinite(*lng))
		return cf_fail(err, CF_ERANGE, "pnbd likelihood out of range",
					   "The Pareto/NBD likelihood is not finite (r = %g, alpha = %g, s = %g, beta = %g, x = %g, y = %g).",
					   p->r, p->alpha, p->s, p->beta, x, y);
	return rc;
}

/* ln G(y) and its derivatives (pnbd.h): the scaled form less r ln alpha + s ln beta. */
int
cf_pnbd_log_g(const cf_pnbd_params *p, double x, double y, double *lng,
			  double dlng[4], cf_error *err)
{
	int			rc = pn_log_gs(p, x, y, lng, dlng, err);

	if (rc != CF_OK)
		return rc;
	*lng -= p->r * log(p->alpha) + p->s * log(p->beta);
	if (dlng)
	{
		dlng[0] -= log(p->alpha);
		dlng[1] -= p->r / p->alpha;
		dlng[2] -= log(p->beta);
		dlng[3] -= p->s / p->beta;
	}
	return CF_OK;
}

/*
 * ln(e^U + e^D) with D = ln s + lng_t + ln(1 - e^(lng_T - lng_t)) (-inf when
 * t_x = T), and the weight of D in it.  q = e^d / (1 - e^d), d = lng_T -
 * lng_t, for the derivative of D.
 */
static inline double
pn_combine(double U, double lns, double lng_t, double lng_T, double *wD, double *q)
{
	double		d = lng_T - lng_t;
	double		D,
				w;

	if (!(d < 0.0))
	{
		*wD = 0.0;
		*q = 0.0;
		return U;
	}
	D = lns + lng_t + log(-expm1(d));
	*q = 1.0 / expm1(-d);
	if (D > U)
	{
		w = exp(U - D);
		*wD = 1.0 / (1.0 + w);
		return D + log1p(w);
	}
	w = exp(D - U);
	*wD = w / (1.0 + w);
	return U + log1p(w);
}

/* ---------------------------------------------------------------- fit */

/*
 * Neumaier's compensated sum: the mean log-likelihood of a million customers
 * summed plainly carries ~5e-14 of rounding noise, more than the change a
 * last BFGS step makes near the optimum (g'Hg/2 ~ 1e-16 at gtol); the line
 * search then accepts or rejects steps by that noise and wanders for dozens
 * of evaluations.  Compensated, f is exact to the terms' own rounding.
 */
typedef struct pn_sum
{
	double		s,
				c;
} pn_sum;

static inline void
pn_sum_add(pn_sum *a, double v)
{
	double		t = a->s + v;

	if (fabs(a->s) >= fabs(v))
		a->c += (a->s - t) + v;
	else
		a->c += (v - t) + a->s;
	a->s = t;
}

/*
 * Per distinct T, at the parameters of an evaluation: ln(1 + T/alpha),
 * ln(1 + T/beta), ln(alpha + T) (U = -r [0] - s [1] - x [2]) and the
 * derivatives of U: r T / (alpha (alpha+T)), 1 / (alpha+T) (dU/dalpha =
 * [3] - x [4]), s T / (beta (beta+T)) (dU/dbeta).
 */
#define PN_TL 6

/*
 * The BG/NBD prepared summary plus the distinct (x, y) of G.  Keys are made
 * run by run of x (the customers with x = 0 first), so the keys of one x are
 * the range krun[k] .. krun[k+1] (k = 0: x = 0, k + 1: bg.run k).
 */
typedef struct pn_prep
{
	cf_bgnbd_prep bg;
	size_t		nk;				/* keys (x, y) */
	double	   *kx,
			   *ky;
	uint32_t   *kiT;			/* per key: 1 + the index of its T when y is a T (U wanted too), else 0 */
	size_t	   *krun;			/* per run of x (x = 0 first): its first key; nrun + 2 */
	uint32_t   *kt,
			   *kT;				/* per entry with x > 0: keys of (x, t_x), (x, T) */
	uint32_t   *k0;				/* per distinct T: key of (0, T) (where w0 > 0) */
	uint32_t	k00;			/* key of (0, 0) */
	double	   *g;				/* per key: ln G, d ln G / d(r, alpha, s, beta) */
	double	   *eD,
			   *eU;				/* per key: e^(ln s + ln G - c), e^(U - c) (T keys), c the run's */
	double	   *tl;				/* per distinct T: PN_TL values (pn_tl) */
	void	   *block;
} pn_prep;

static void
pn_free(pn_prep *pp)
{
	cf_free(pp->bg.mem, pp->block);
	pp->block = NULL;
	cf_bgnbd_prep_free(&pp->bg);
}

/* Add key (x, y); returns its index. */
static inline uint32_t
pn_key(pn_prep *pp, double x, double y, uint32_t iT)
{
	pp->kx[pp->nk] = x;
	pp->ky[pp->nk] = y;
	pp->kiT[pp->nk] = iT;
	return (uint32_t) pp->nk++;
}


static int
pn_build(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
		 pn_prep *pp, cf_error *err)
{
	cf_bgnbd_prep *bg = &pp->bg;
	size_t		cap,
				bytes,
				i,
				k;
	char	   *m;
	uint32_t   *markT,
			   *keyT,
			   *markt,
			   *keyt;
	int			rc;

	memset(pp, 0, sizeof(*pp));
	if ((rc = cf_bgnbd_prep_build(e, n, mem, bg, err)) != CF_OK)
		return rc;
	cap = 2 * bg->m + bg->nT + 1;
	bytes = (cap * (2 + 5 + 2) + PN_TL * bg->nT) * sizeof(double) + (bg->nrun + 2) * sizeof(size_t)
		+ (2 * bg->m + bg->nT + 2 * (bg->nT + bg->nt) + cap) * sizeof(uint32_t) + 64;
	m = mem->alloc(bytes);
	if (m == NULL)
	{
		cf_bgnbd_prep_free(bg);
		return cf_fail(err, CF_ENOMEM, "out of memory",
							 "Could not allocate %zu bytes for the pnbd fit.", bytes);
	}
	pp->block = m;
#define TAKE(ptr, type, cnt) do { (ptr) = (type *) m; m += sizeof(type) * (cnt); } while (0)
	TAKE(pp->kx, double, cap);
	TAKE(pp->ky, double, cap);
	TAKE(pp->g, double, 5 * cap);
	TAKE(pp->eD, double, cap);
	TAKE(pp->eU, double, cap);
	TAKE(pp->tl, double, PN_TL * bg->nT);
	TAKE(pp->krun, size_t, bg->nrun + 2);
	TAKE(pp->kt, uint32_t, bg->m);
	TAKE(pp->kT, uint32_t, bg->m);
	TAKE(pp->k0, uint32_t, bg->nT);
	TAKE(markT, uint32_t, bg->nT);
	TAKE(keyT, uint32_t, bg->nT);
	TAKE(markt, uint32_t, bg->nt);
	TAKE(keyt, uint32_t, bg->nt);
	TAKE(pp->kiT, uint32_t, cap);
#undef TAKE
	memset(markT, 0, sizeof(uint32_t) * bg->nT);
	memset(markt, 0, sizeof(uint32_t) * bg->nt);

	/* x = 0: (0, T) where customers are, and (0, 0) for t_x */
	pp->krun[0] = 0;
	pp->k00 = pn_key(pp, 0.0, 0.0, 0);
	for (i = 0; i < bg->nT; i++)
		pp->k0[i] = (bg->w0[i] > 0.0) ? pn_key(pp, 0.0, bg->Tv[i], (uint32_t) i + 1) : 0;
	/* x > 0: distinct T and t_x within each run of x (stamp k + 1) */
	for (k = 0; k < bg->nrun; k++)
	{
		uint32_t	stamp = (uint32_t) k + 1;
		double		x = (double) bg->runx[k];

		pp->krun[k + 1] = pp->nk;
		CF_FOR_POLLED(i, bg->run[k], bg->run[k + 1])
		{
			uint32_t	a = bg->iT[i],
						b = bg->it[i];

			if (markT[a] != stamp)
			{
				markT[a] = stamp;
				keyT[a] = pn_key(pp, x, bg->Tv[a], a + 1);
			}
			if (markt[b] != stamp)
			{
				markt[b] = stamp;
				keyt[b] = pn_key(pp, x, bg->tv[b], 0);
			}
			pp->kT[i] = keyT[a];
			pp->kt[i] = keyt[b];
		}
	}
	pp->krun[bg->nrun + 1] = pp->nk;
	return CF_OK;
}

/* The parameters of one evaluation. */
typedef struct pn_at
{
	double		r,
				alpha,
				s,
				beta,
				lns;
	bool		grad;
} pn_at;

/*
 * Below this a customer's e^U + e^D (scaled by its run's e^-c) has lost
 * digits to underflow: that customer takes the logarithmic form.
 */
#define PN_LINEAR_MIN 1e-280

/*
 * The keys k0 .. k1 of one x: c, the largest of their U and ln s + ln G,
 * and eU = e^(U - c), eD = e^(ln s + ln G - c), so that a customer's
 * likelihood is e^c (eU(T) + eD(t_x) - eD(T)): one logarithm per customer
 * instead of pn_combine's five transcendental calls.  Returns c.
 */
static double
pn_run_scale(const pn_prep *pp, const pn_at *at, size_t k0, size_t k1, double x)
{
	double		c = -INFINITY;
	size_t		i;

	for (i = k0; i < k1; i++)
	{
		double		d = at->lns + pp->g[5 * i];

		pp->eD[i] = d;
		if (d > c)
			c = d;
		if (pp->kiT[i] != 0)
		{
			const double *tl = &pp->tl[PN_TL * (pp->kiT[i] - 1)];
			double		U = -at->r * tl[0] - at->s * tl[1] - x * tl[2];

			pp->eU[i] = U;
			if (U > c)
				c = U;
		}
	}
	for (i = k0; i < k1; i++)
	{
		pp->eD[i] = exp(pp->eD[i] - c);
		if (pp->kiT[i] != 0)
			pp->eU[i] = exp(pp->eU[i] - c);
	}
	return c;
}

/*
 * A customer in logarithms (where the scaled sum underflows):
 * logaddexp(U, D), D = ln s + ln G(t_x) + ln(1 - G(T)/G(t_x));
 * dD = (0, 0, 1/s, 0) + (1 + q) dG(t_x) - q dG(T).
 */
static void
pn_customer_log(const pn_prep *pp, const pn_at *at, double W, double x, size_t iT,
				uint32_t KT, uint32_t Kt, pn_sum *sum, double g[4])
{
	const double *gT = &pp->g[5 * KT],
			   *gt = &pp->g[5 * Kt],
			   *tl = &pp->tl[PN_TL * iT];
	double		U = -at->r * tl[0] - at->s * tl[1] - x * tl[2];
	double		wD,
				q,
				wU;

	pn_sum_add(sum, W * pn_combine(U, at->lns, gt[0], gT[0], &wD, &q));
	if (at->grad)
	{
		wU = W * (1.0 - wD);
		wD *= W;
		g[0] += -wU * tl[0] + wD * ((1.0 + q) * gt[1] - q * gT[1]);
		g[1] += wU * (tl[3] - x * tl[4]) + wD * ((1.0 + q) * gt[2] - q * gT[2]);
		g[2] += -wU * tl[1] + wD * (1.0 / at->s + (1.0 + q) * gt[3] - q * gT[3]);
		g[3] += wU * tl[5] + wD * ((1.0 + q) * gt[4] - q * gT[4]);
	}
}

/*
 * A customer (weight W) of the run with offset c: ln(eU + eD(t_x) - eD(T))
 * + c; the gradient's weights are the three parts over their sum.  When t_x
 * = T (or rounding puts G(T) above G(t_x)) the died-since-t_x part is 0.
 */
static inline void
pn_customer(const pn_prep *pp, const pn_at *at, double W, double x, size_t iT,
			uint32_t KT, uint32_t Kt, double c, pn_sum *sum, double g[4])
{
	double		eU = pp->eU[KT],
				et = pp->eD[Kt],
				eT = pp->eD[KT],
				dD = et - eT,
				val;

	if (!(dD > 0.0))
		dD = et = eT = 0.0;
	val = eU + dD;
	if (!(val >= PN_LINEAR_MIN))
	{
		pn_customer_log(pp, at, W, x, iT, KT, Kt, sum, g);
		return;
	}
	pn_sum_add(sum, W * (c + log(val)));
	if (at->grad)
	{
		const double *gT = &pp->g[5 * KT],
				   *gt = &pp->g[5 * Kt],
				   *tl = &pp->tl[PN_TL * iT];
		double		iv = W / val,
					wU = eU * iv,
					wt = et * iv,
					wT = eT * iv;

		g[0] += -wU * tl[0] + wt * gt[1] - wT * gT[1];
		g[1] += wU * (tl[3] - x * tl[4]) + wt * gt[2] - wT * gT[2];
		g[2] += -wU * tl[1] + dD * iv / at->s + wt * gt[3] - wT * gT[3];
		g[3] += wU * tl[5] + wt * gt[4] - wT * gT[4];
	}
}

/*
 * Mean negative log-likelihood and gradient in log parameters; non-zero
 * outside the domain (including where a series would be too long).  Per
 * customer ln L = ln Gamma(r+x) - ln Gamma(r) + ln(e^U + e^D), U = -(r+x)
 * ln(alpha+T) - s ln(beta+T) + r ln alpha + s ln beta = -r ln(1 + T/alpha)
 * - x ln(alpha+T) - s ln(1 + T/beta), e^D = s (G(t_x) - G(T)) with G
 * scaled alike (pn_log_gs).
 */
static int
pn_eval(const pn_prep *pp, const double *theta, double *f, double *grad)
{
	const cf_bgnbd_prep *bg = &pp->bg;
	cf_pnbd_params p;
	pn_at		at;
	double		v[4];
	pn_sum		sum = {0.0, 0.0};
	double		g[4] = {0, 0, 0, 0};
	double		c;
	size_t		i,
				k;

	if (cf_lifetime_exp_params(4, theta, v) != 0)
		return 1;
	p.r = at.r = v[0];
	p.alpha = at.alpha = v[1];
	p.s = at.s = v[2];
	p.beta = at.beta = v[3];
	at.lns = theta[2];
	at.grad = grad != NULL;

	for (i = 0; i < pp->nk; i++)
	{
		cf_poll_entry(i);
		if (pn_log_gs(&p, pp->kx[i], pp->ky[i], &pp->g[5 * i],
						  grad ? &pp->g[5 * i + 1] : NULL, NULL) != CF_OK)
			return 1;
	}

	/* ln Gamma(r+x) - ln Gamma(r) per distinct x (r ln alpha + s ln beta are in U and G) */
	for (k = 0; k < bg->nx; k++)
	{
		int64_t		x = bg->xs[k];
		double		W = bg->wx[k];

		cf_poll_entry(k);
		pn_sum_add(&sum, W * cf_lpoch(at.r, x));
		if (grad)
			g[0] += W * cf_dpoch(at.r, x);
	}

	CF_FOR_POLLED(i, 0, bg->nT)
	{
		double		T = bg->Tv[i],
				   *tl = &pp->tl[PN_TL * i];

		tl[0] = log1p(T / at.alpha);
		tl[1] = log1p(T / at.beta);
		tl[2] = log(at.alpha + T);
		tl[3] = at.r * (T / at.alpha) / (at.alpha + T);
		tl[4] = 1.0 / (at.alpha + T);
		tl[5] = at.s * T / (at.beta * (at.beta + T));
	}
	/* the customers with x = 0 (t_x = 0), then each run of x > 0 */
	c = pn_run_scale(pp, &at, pp->krun[0], pp->krun[1], 0.0);
	CF_FOR_POLLED(i, 0, bg->nT)
	{
		if (bg->w0[i] == 0.0)
			continue;
		pn_customer(pp, &at, bg->w0[i], 0.0, i, pp->k0[i], pp->k00, c, &sum, g);
	}
	for (k = 0; k < bg->nrun; k++)
	{
		double		x = (double) bg->runx[k];

		c = pn_run_scale(pp, &at, pp->krun[k + 1], pp->krun[k + 2], x);
		CF_FOR_POLLED(i, bg->run[k], bg->run[k + 1])
		{
			pn_customer(pp, &at, bg->w[i], x, bg->iT[i], pp->kT[i], pp->kt[i], c, &sum, g);
		}
	}

	*f = -(sum.s + sum.c) / bg->N;
	if (grad)
	{
		grad[0] = -g[0] * at.r / bg->N;
		grad[1] = -g[1] * at.alpha / bg->N;
		grad[2] = -g[2] * at.s / bg->N;
		grad[3] = -g[3] * at.beta / bg->N;
	}
	return isfinite(*f) ? 0 : 1;
}

static int
pn_objective(const double *theta, double *f, double *grad, void *ctx)
{
	return pn_eval((const pn_prep *) ctx, theta, f, grad);
}

int
cf_pnbd_objective(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
				  const double theta[4], double *f, double grad[4],
				  cf_error *err)
{
	return cf_lifetime_objective(&cf_pnbd_family, e, n, mem, theta, f, grad, err);
}

static int
pn_prepare(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
		   void *prep, cf_error *err)
{
	return pn_build(e, n, mem, (pn_prep *) prep, err);
}

static void
pn_release(void *prep)
{
	pn_free((pn_prep *) prep);
}

/* r = s = 1, alpha = the mean time per purchase, beta = alpha (z = 0: the plain series) */
static void
pn_start(int n, double ln_scale, double *theta)
{
	cf_lifetime_start_rate(n, ln_scale, theta);
	theta[3] = theta[1];
}

static const char *const pn_names[4] = {"r", "alpha", "s", "beta"};

const cf_lifetime_family cf_pnbd_family = {
	.name = "pnbd",
	.scratch_name = "customer_focus pnbd fit",
	.nparams = 4,
	.names = pn_names,
	.prep_size = sizeof(pn_prep),
	.prepare = pn_prepare,
	.release = pn_release,
	.objective = pn_objective,
	.start = pn_start,
	.max_abs_theta = 40.0,
	.boundary_hint = "The data has too few repeat purchases for this model; fit on more customers or a longer calibration period.",
	.stall_hint = "A parameter running to 0 or infinity means the data do not identify the model.",
};

/* Maximum-likelihood fit (cf_lifetime_fit of the family). */
int
cf_pnbd_fit(const cf_bgnbd_entry *e, size_t n, const cf_allocator *mem,
			const cf_opt_options *opts, cf_pnbd_fit_result *res,
			cf_error *err)
{
	double		v[4];
	int			rc;

	rc = cf_lifetime_fit(&cf_pnbd_family, e, n, mem, opts, v, &res->fit, err);
	res->p = (cf_pnbd_params) {v[0], v[1], v[2], v[3]};
	return rc;
}

/* ---------------------------------------------------------- prediction */

/* The scaled ln G of pn_log_gs without derivatives (pnbd.h). */
int
cf_pnbd_log_gs(const cf_pnbd_params *p, double x, double y, double *lngs,
			   cf_error *err)
{
	return pn_log_gs(p, x, y, lngs, NULL, err);
}

/*
 * U and D of a customer from the scaled ln G at t_x (gt) and T (gT): ln of
 * the alive and the died-since-t_x parts of L / (Gamma(r+x)/Gamma(r)), both
 * scaled by alpha^r beta^s (pn_log_gs).
 */
static inline void
pn_parts_gs(const cf_pnbd_params *p, int64_t x, double T, double gt, double gT,
			double *U, double *D)
{
	double		d = gT - gt;

	*U = -p->r * log1p(T / p->alpha) - (double) x * log(p->alpha + T) - p->s * log1p(T / p->beta);
	*D = (d < 0.0) ? log(p->s) + gt + log(-expm1(d)) : -INFINITY;
}

/* U and D of a customer (pn_parts_gs), checking the parameters. */
static int
pn_parts(const cf_pnbd_params *p, int64_t x, double t_x, double T,
		 double *U, double *D, cf_error *err)
{
	double		gt,
				gT;
	int			rc;

	if ((rc = cf_pnbd_check_params(p, err)) != CF_OK)
		return rc;
	if ((rc = pn_log_gs(p, (double) x, t_x, &gt, NULL, err)) != CF_OK)
		return rc;
	if ((rc = pn_log_gs(p, (double) x, T, &gT, NULL, err)) != CF_OK)
		return rc;
	pn_parts_gs(p, x, T, gt, gT, U, D);
	return CF_OK;
}

int
cf_pnbd_log_likelihood1(const cf_pnbd_params *p, int64_t x, double t_x,
						double T, double *out, cf_error *err)
{
	double		U,
				D,
				m;
	int			rc;

	if ((rc = pn_parts(p, x, t_x, T, &U, &D, err)) != CF_OK)
		return rc;
	m = U > D ? U : D;
	*out = cf_lpoch(p->r, x) + m + log1p(exp((U > D ? D : U) - m));
	return CF_OK;
}

int
cf_pnbd_p_alive(const cf_pnbd_params *p, int64_t x, double t_x, double T,
				double *out, cf_error *err)
{
	double		U,
				D;
	int			rc;

	if ((rc = pn_parts(p, x, t_x, T, &U, &D, err)) != CF_OK)
		return rc;
	*out = cf_inv1pexp(D - U);
	return CF_OK;
}

double
cf_pnbd_p_alive_gs(const cf_pnbd_params *p, int64_t x, double T,
				   double lngs_tx, double lngs_T)
{
	double		U,
				D;

	pn_parts_gs(p, x, T, lngs_tx, lngs_T, &U, &D);
	return cf_inv1pexp(D - U);
}

/* (1 - (1 + h)^-(s-1)) / (s - 1), its limit ln(1 + h) at s = 1. */
static double
pn_lifetime_factor(double s, double h)
{
	double		L = log1p(h),
				c = s - 1.0,
				cl = c * L;

	if (fabs(cl) < 1e-6)
		return L * (1.0 - cl / 2.0 + cl * cl / 6.0 - cl * cl * cl / 24.0);
	return -expm1(-cl) / c;
}

static int
check_horizon(double t, cf_error *err)
{
	if (!(t >= 0.0) || !isfinite(t))
		return cf_fail(err, CF_EINVAL, "invalid horizon",
							 "The horizon must be finite and >= 0, got %g.", t);
	return CF_OK;
}

int
cf_pnbd_expected_purchases(const cf_pnbd_params *p, double t, int64_t x,
						   double t_x, double T, double *out,
						   cf_error *err)
{
	double		pa;
	int			rc;

	if ((rc = check_horizon(t, err)) != CF_OK)
		return rc;
	if ((rc = cf_pnbd_p_alive(p, x, t_x, T, &pa, err)) != CF_OK)
		return rc;
	return cf_pnbd_expected_purchases_pa(p, t, x, T, pa, out, err);
}

int
cf_pnbd_expected_purchases_pa(const cf_pnbd_params *p, double t, int64_t x,
							  double T, double p_alive, double *out,
							  cf_error *err)
{
	double		v;
	int			rc;

	if ((rc = check_horizon(t, err)) != CF_OK)
		return rc;
	v = (p->r + (double) x) * (p->beta + T) / (p->alpha + T)
		* pn_lifetime_factor(p->s, t / (p->beta + T)) * p_alive;
	if (!isfinite(v))
		return cf_fail(err, CF_ERANGE, "pnbd expected purchases out of range",
							 "The expected purchases in a horizon of %g overflow.", t);
	*out = v;
	return CF_OK;
}

int
cf_pnbd_expected_purchases_new(const cf_pnbd_params *p, double t, double *out,
							   cf_error *err)
{
	double		v;
	int			rc;

	if ((rc = cf_pnbd_check_params(p, err)) != CF_OK)
		return rc;
	if ((rc = check_horizon(t, err)) != CF_OK)
		return rc;
	v = p->r * p->beta / p->alpha * pn_lifetime_factor(p->s, t / p->beta);
	if (!isfinite(v))
		return cf_fail(err, CF_ERANGE, "pnbd expected purchases out of range",
							 "The expected purchases in a horizon of %g overflow.", t);
	*out = v;
	return CF_OK;
}

/* ---------------------------------------------------------- simulation */

int
cf_pnbd_simulate(const cf_pnbd_params *p, double T, uint64_t seed,
				 int32_t *x, double *t_x, cf_error *err)
{
	uint64_t	state = cf_model_sim_seed(seed);
	double		lambda,
				mu,
				end,
				t = 0.0;
	int32_t		n = 0;
	int			rc;

	if ((rc = cf_pnbd_check_params(p, err)) != CF_OK)
		return rc;
	if (!isfinite(T) || T < 0.0)
		return cf_fail(err, CF_EINVAL, "invalid customer times",
							 "T must be finite and >= 0, got %g.", T);
	lambda = cf_model_sim_gamma(&state, p->r) / p->alpha;
	mu = cf_model_sim_gamma(&state, p->s) / p->beta;
	end = (mu > 0.0) ? -log(cf_model_sim_uniform(&state)) / mu : INFINITY;
	if (end > T)
		end = T;
	*t_x = 0.0;
	if (lambda > 0.0)
		for (;;)
		{
			t += -log(cf_model_sim_uniform(&state)) / lambda;
			if (t > end)
				break;
			if (n >= 100000000)
				return cf_fail(err, CF_ERANGE, "simulated customer out of range",
									 "The simulated customer makes more than 10^8 purchases (purchase rate %g, T = %g).",
									 lambda, T);
			n++;
			*t_x = t;
		}
	*x = n;
	return CF_OK;
}

/* ------------------------------------------------------- churn windows */

/*
 * The death part of P(X(t) = n), n >= 1 (pnbd.h), as s C_n J with C_n =
 * Gamma(r+n)/(Gamma(r) n!) and, in u = ln tau,
 *		J = int_-inf^ln t e^h(u) du,
 *		h(u) = -r ln(1 + tau/alpha) - n ln(1 + alpha/tau) - s ln(1 + tau/beta)
 *			   - ln(1 + beta/tau)
 * (NB's (1-q)^r q^n with q = tau/(alpha+tau), the lifetime density scaled
 * by beta^s, and tau/(beta+tau) from dtau = tau du).  With w = tau/(beta+tau):
 *		h'  = n (1-q) - r q + (1-w) - s w,
 *		h'' = -(r+n) q (1-q) - (s+1) w (1-w) < 0,
 * so h is concave: one maximum, where h' falls through 0 (h' -> n+1 as tau
 * -> 0), found by Newton's method kept inside a bracket; then 16-point
 * Gauss-Legendre panels outwards as pn_beta_side lays them (pn_pmf_side).
 * Every term of h is a log1p of a positive ratio: n ln q stays small where
 * the mass is (q near n/(n+r)), so large n loses nothing to cancellation.
 */
typedef struct pn_pmf
{
	double		r,
				alpha,
				s,
				beta,
				n;
	double		lnalpha,
				lnbeta;
	double		hmax;
	double		S;				/* int e^(h - hmax) */
} pn_pmf;

/*
 * ln(1 + e^v) and ln(1 + e^-v), e = e^v (v = u - ln alpha: e = tau/alpha),
 * from one log1p: the one of the smaller ratio directly, the other as it
 * plus |v| (a sum of positive terms, so both keep their relative accuracy).
 */
static inline void
pn_log1p_pair(double v, double e, double *up, double *down)
{
	if (v <= 0.0)
	{
		*up = log1p(e);
		*down = *up - v;
	}
	else
	{
		*down = log1p(1.0 / e);
		*up = *down + v;
	}
}

static inline double
pn_ph(const pn_pmf *c, double u, double *dh, double *d2h)
{
	double		tau = exp(u),
				la_up,			/* ln(1 + tau/alpha) */
				la_down,		/* ln(1 + alpha/tau) */
				lb_up,
				lb_down;

	pn_log1p_pair(u - c->lnalpha, tau / c->alpha, &la_up, &la_down);
	pn_log1p_pair(u - c->lnbeta, tau / c->beta, &lb_up, &lb_down);
	if (dh || d2h)
	{
		double		q = 1.0 / (1.0 + c->alpha / tau),
					omq = 1.0 / (1.0 + tau / c->alpha),
					w = 1.0 / (1.0 + c->beta / tau),
					omw = 1.0 / (1.0 + tau / c->beta);

		if (dh)
			*dh = c->n * omq - c->r * q + omw - c->s * w;
		if (d2h)
			*d2h = -(c->r + c->n) * q * omq - (c->s + 1.0) * w * omw;
	}
	return -c->r * la_up - c->n * la_down - c->s * lb_up - lb_down;
}

static void
pn_pmf_panel(pn_pmf *c, double u0, double u1)
{
	double		mid = 0.5 * (u0 + u1),
				hw = 0.5 * (u1 - u0);
	int			i,
				sgn;

	for (i = 0; i < PN_GL_N / 2; i++)
		for (sgn = -1; sgn <= 1; sgn += 2)
			c->S += exp(pn_ph(c, mid + sgn * hw * pn_gl_x[i], NULL, NULL) - c->hmax) * hw * pn_gl_w[i];
}

/*
 * Its own plan (the fit's pn_beta_side keeps PN_DROP, PN_TAIL): at most
 * PN_PMF_DROP nats per 16-point panel (the rule's error on such a piece of
 * e^h is below 1e-17 of it) until h is PN_PMF_TAIL below its maximum (e^-38
 * = 3e-17 of the peak, less of the integral), and a first step from h' and
 * h'' so that few steps are halved: the scoring of pnbd_pmf runs one
 * integral per key (x, T, n).
 */
#define PN_PMF_DROP 10.0
#define PN_PMF_TAIL 38.0

/* Panels from u towards end (dir +1 or -1) until h is PN_PMF_TAIL below hmax. */
static void
pn_pmf_side(pn_pmf *c, double u, double end, int dir)
{
	double		dh0,
				d2h0,
				h0 = pn_ph(c, u, &dh0, &d2h0);

	while (dir * (end - u) > 0.0 && h0 > c->hmax - PN_PMF_TAIL)
	{
		/* the step where h' alone, or h'' alone, would change h by PN_PMF_DROP */
		double		d = PN_PMF_DROP / (fabs(dh0) + sqrt(0.5 * PN_PMF_DROP * fabs(d2h0)) + 1e-3),
					u1,
					h1,
					dh1,
					d2h1;

		for (;;)
		{
			u1 = u + dir * d;
			if (dir * (u1 - end) >= 0.0)
				u1 = end;
			h1 = pn_ph(c, u1, &dh1, &d2h1);
			if ((fabs(h1 - h0) <= PN_PMF_DROP && fabs(dh1 - dh0) * fabs(u1 - u) <= 2.0 * PN_PMF_DROP) ||
				fabs(u1 - u) < 1e-9)
				break;
			d = 0.5 * fabs(u1 - u);
		}
		pn_pmf_panel(c, dir > 0 ? u : u1, dir > 0 ? u1 : u);
		u = u1;
		h0 = h1;
		dh0 = dh1;
		d2h0 = d2h1;
	}
}

/* The lowest u of the integral: tau = e^-740 is below every double's 1/(n+...) share. */
#define PN_PMF_ULO (-740.0)

/* ln J for n >= 1, t > 0 (c: r, alpha, s, beta, n set). */
static double
pn_pmf_log_j(pn_pmf *c, double t)
{
	double		hi = log(t),
				lo,
				um,
				dh,
				d2h;
	int			it;

	pn_ph(c, hi, &dh, NULL);
	if (dh >= 0.0)
		um = hi;				/* still rising at t */
	else
	{
		/* h' > 0 where tau <= min(alpha, beta)/(n+r+s+2): q, w < 1/(n+r+s+2) */
		lo = log(fmin(c->alpha, c->beta)) - log(c->n + c->r + c->s + 2.0);
		if (!(lo > PN_PMF_ULO))
			lo = PN_PMF_ULO;
		um = 0.5 * (lo + hi);
		for (it = 0; it < 200 && hi - lo > 1e-12 * (1.0 + fabs(um)); it++)
		{
			double		next;

			pn_ph(c, um, &dh, &d2h);
			if (dh > 0.0)
				lo = um;
			else
				hi = um;
			next = um - dh / d2h;
			if (dh == 0.0 || fabs(next - um) <= 1e-13 * (1.0 + fabs(um)))
				break;
			um = (next > lo && next < hi) ? next : 0.5 * (lo + hi);
		}
	}
	c->hmax = pn_ph(c, um, NULL, NULL);
	c->S = 0.0;
	pn_pmf_side(c, um, log(t), +1);
	pn_pmf_side(c, um, PN_PMF_ULO, -1);
	return c->hmax + log(c->S);
}

static int
pn_check_horizon(double t, cf_error *err)
{
	if (!(t >= 0.0) || !isfinite(t))
		return cf_fail(err, CF_EINVAL, "invalid horizon",
					   "The horizon must be finite and >= 0, got %g.", t);
	return CF_OK;
}

/* ln P(X(t) = 0) of a new customer: the likelihood of (0, 0, t), U and D of pn_parts. */
static int
pn_log_pmf0(const cf_pnbd_params *p, double t, double *out, cf_error *err)
{
	double		U,
				D;
	int			rc;

	if ((rc = pn_parts(p, 0, 0.0, t, &U, &D, err)) != CF_OK)
		return rc;
	*out = (U > D) ? U + log1p(exp(D - U)) : D + log1p(exp(U - D));
	return CF_OK;
}

/* P(X(t) = n), pnbd.h; parameters checked by the caller. */
static int
pn_pmf_new(const cf_pnbd_params *p, int64_t n, double t, const char *fn,
		   double *out, cf_error *err)
{
	double		dn = (double) n,
				A,
				lnJ,
				ls,
				v;
	pn_pmf		c;
	int			rc;

	if (n < 0)
		return cf_fail(err, CF_EINVAL, "invalid purchase count",
					   "The number of purchases must be >= 0, got %lld.", (long long) n);
	if ((rc = pn_check_horizon(t, err)) != CF_OK)
		return rc;
	if (t == 0.0)
	{
		*out = (n == 0) ? 1.0 : 0.0;
		return CF_OK;
	}
	if (n == 0)
	{
		if ((rc = pn_log_pmf0(p, t, &v, err)) != CF_OK)
			return rc;
		*out = fmin(exp(v), 1.0);
		return CF_OK;
	}
	/* alive at t: NB(n; r, t/(alpha+t)) (beta/(beta+t))^s, less C_n */
	A = -p->r * log1p(t / p->alpha) - dn * log1p(p->alpha / t) - p->s * log1p(t / p->beta);
	c = (pn_pmf) {.r = p->r, .alpha = p->alpha, .s = p->s, .beta = p->beta, .n = dn,
	.lnalpha = log(p->alpha), .lnbeta = log(p->beta)};
	lnJ = log(p->s) + pn_pmf_log_j(&c, t);
	ls = (A > lnJ) ? A + log1p(exp(lnJ - A)) : lnJ + log1p(exp(A - lnJ));
	v = exp(cf_bgnbd_nb_log_pmf(p->r, dn, 0.0, 0.0) + ls);
	if (!isfinite(v) || isnan(ls))
		return cf_fail(err, CF_ERANGE, "pnbd probability out of range",
					   "%s: P(X(%g) = %lld) is not finite for this model.", fn, t, (long long) n);
	*out = fmin(v, 1.0);
	return CF_OK;
}

int
cf_pnbd_pmf_new(const cf_pnbd_params *p, int64_t n, double t, double *out,
				cf_error *err)
{
	int			rc;

	if ((rc = cf_pnbd_check_params(p, err)) != CF_OK)
		return rc;
	return pn_pmf_new(p, n, t, "pnbd_pmf_new", out, err);
}

/* The new customer that a customer alive at T after x purchases is (pnbd.h). */
static inline cf_pnbd_params
pn_posterior(const cf_pnbd_params *p, int64_t x, double T)
{
	return (cf_pnbd_params) {p->r + (double) x, p->alpha + T, p->s, p->beta + T};
}

double
cf_pnbd_dropout_logit_gs(const cf_pnbd_params *p, int64_t x, double T,
						 double lngs_tx, double lngs_T)
{
	double		U,
				D;

	pn_parts_gs(p, x, T, lngs_tx, lngs_T, &U, &D);
	return D - U;
}

int
cf_pnbd_pmf_alive(const cf_pnbd_params *p, int64_t n, double t, int64_t x,
				  double T, double *out, cf_error *err)
{
	cf_pnbd_params q = pn_posterior(p, x, T);
	int			rc;

	if ((rc = cf_pnbd_check_params(p, err)) != CF_OK)
		return rc;
	return pn_pmf_new(&q, n, t, "pnbd_pmf", out, err);
}

/* [n = 0] (1 - P(alive)) + P(alive) P(n | alive) at valid inputs, n and t checked. */
static int
pn_pmf_mixed(const cf_pnbd_params *p, int64_t n, double t, int64_t x, double t_x,
	   double T, double *out, cf_error *err)
{
	double		U,
				D,
				v;
	int			rc;

	if ((rc = pn_parts(p, x, t_x, T, &U, &D, err)) != CF_OK)
		return rc;
	if ((rc = cf_pnbd_pmf_alive(p, n, t, x, T, &v, err)) != CF_OK)
		return rc;
	*out = cf_pmf_mix(n, D - U, v);
	return CF_OK;
}

int
cf_pnbd_p_no_purchase(const cf_pnbd_params *p, double t, int64_t x,
					  double t_x, double T, double *out, cf_error *err)
{
	int			rc;

	if ((rc = pn_check_horizon(t, err)) != CF_OK)
		return rc;
	return pn_pmf_mixed(p, 0, t, x, t_x, T, out, err);
}

int
cf_pnbd_pmf(const cf_pnbd_params *p, int64_t n, double t, int64_t x,
			double t_x, double T, double *out, cf_error *err)
{
	return pn_pmf_mixed(p, n, t, x, t_x, T, out, err);
}
