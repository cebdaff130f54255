/*
 * pnbd.h
 *		Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; the likelihood
 *		as in Fader & Hardie's note "A Note on Deriving the Pareto/NBD Model
 *		and Related Expressions", 2005): purchases Poisson(lambda) while
 *		alive, lifetimes Exponential(mu), lambda ~ Gamma(r, alpha), mu ~
 *		Gamma(s, beta).  Fitted on the BG/NBD summary (bgnbd.h: distinct
 *		(x, t_x, T) with counts).
 *
 * Pure C (libc/libm only).  Errors are returned as codes with a message.
 */
#ifndef CF_PNBD_H
#define CF_PNBD_H

#include "bgnbd.h"

typedef struct cf_pnbd_params
{
	double		r;
	double		alpha;
	double		s;
	double		beta;
} cf_pnbd_params;

typedef struct cf_pnbd_fit_result
{
	cf_pnbd_params p;
	cf_lifetime_fit_info fit;	/* log-likelihood, n, converged, ... */
} cf_pnbd_fit_result;

/* Check model parameters: all finite and > 0. */
extern int	cf_pnbd_check_params(const cf_pnbd_params *p, cf_error *err);

/*
 * ln G(y) for a customer with x purchases, where
 *		G(y) = integral from y to infinity of
 *			   (alpha + tau)^-(r+x) (beta + tau)^-(s+1) dtau,
 * so that the likelihood is
 *		Gamma(r+x) alpha^r beta^s / Gamma(r)
 *			[(alpha+T)^-(r+x) (beta+T)^-s + s (G(t_x) - G(T))]
 * (FH's A0 with its 2F1 is s (G(t_x) - G(T))).  Evaluated as
 *		G(y) = (alpha+y)^-(r+x) (beta+y)^-(s+1) (min(alpha,beta)+y)/(r+s+x)
 *			   2F1(1, e; r+s+x+1; z),
 * z = |alpha-beta|/(max(alpha,beta)+y) in [0, 1), e = r+x when alpha >=
 * beta, else s+1: the Euler transform of FH's 2F1(r+s+x, .; r+s+x+1; z),
 * a series of positive terms whose ratios stay below z (no cancellation, no
 * overflow, for any x).  For z > 0.95 (alpha and beta far apart, e.g. a fit
 * running to the r, alpha -> infinity boundary, where 1 - z falls like
 * 1/alpha and the series would need ~40/(1-z) terms) G is the incomplete
 * beta integral |alpha-beta|^-(r+s+x) int_{1-z}^1 q^-p (1-q)^(r+s+x-1) dq
 * (p = s+1 or r+x): its part over [1/2, 1] by the same series at z = 1/2,
 * its part over [1-z, 1/2] by a fixed plan of 16-point Gauss-Legendre
 * panels in ln q (pnbd.c), a few microseconds for any parameters.  dlng
 * (NULL: not wanted) gets the derivatives of ln G with respect to r, alpha,
 * s, beta.  ERANGE only when ln G is not finite (overflow).
 */
extern int	cf_pnbd_log_g(const cf_pnbd_params *p, double x, double y,
						  double *lng, double dlng[4], cf_error *err);

/* The family entry (lifetime.h) on the BG/NBD summary. */
extern const cf_lifetime_family cf_pnbd_family;

/*
 * Fit by maximum likelihood over compact e[0..n): cf_lifetime_fit of
 * cf_pnbd_family (lifetime.h: errors, converged = false at a boundary).
 */
extern int	cf_pnbd_fit(const cf_bgnbd_entry *e, size_t n,
						const cf_allocator *mem, const cf_opt_options *opts,
						cf_pnbd_fit_result *res, cf_error *err);

/*
 * The fit objective: mean negative log-likelihood and its gradient with
 * respect to (ln r, ln alpha, ln s, ln beta).  Exposed for tests.
 */
extern int	cf_pnbd_objective(const cf_bgnbd_entry *e, size_t n,
							  const cf_allocator *mem, const double theta[4],
							  double *f, double grad[4], cf_error *err);

/* ln L of one customer (x, t_x, T) at p (a valid customer). */
extern int	cf_pnbd_log_likelihood1(const cf_pnbd_params *p, int64_t x, double t_x,
									double T, double *out, cf_error *err);

/*
 * P(alive | x, t_x, T) = 1 / (1 + s (alpha+T)^(r+x) (beta+T)^s (G(t_x) -
 * G(T))), in logarithms (finite for any x).  Inputs must be valid.
 */
extern int	cf_pnbd_p_alive(const cf_pnbd_params *p, int64_t x, double t_x,
							double T, double *out, cf_error *err);

/*
 * Scoring by keys: P(alive) reads ln G at (x, t_x) and (x, T) only, and
 * scored customers share few such keys, so the glue memoises
 *		lngs(x, y) = ln G(y) + r ln alpha + s ln beta
 * per key (cf_pnbd_log_gs: ERANGE as cf_pnbd_log_g, valid parameters) and
 * combines two of them with cf_pnbd_p_alive_gs, which returns
 * cf_pnbd_p_alive's value bit for bit (the same arithmetic in one place).
 */
extern int	cf_pnbd_log_gs(const cf_pnbd_params *p, double x, double y,
						   double *lngs, cf_error *err);
extern double cf_pnbd_p_alive_gs(const cf_pnbd_params *p, int64_t x, double T,
								 double lngs_tx, double lngs_T);

/*
 * Expected purchases in (T, T + t]:
 *		(r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)]
 *		P(alive)
 * (the limit ln form at s = 1), and for a new customer in (0, t]:
 *		r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)].
 */
extern int	cf_pnbd_expected_purchases(const cf_pnbd_params *p, double t,
									   int64_t x, double t_x, double T,
									   double *out, cf_error *err);
/* The same from the customer's P(alive) (bit for bit when it is cf_pnbd_p_alive's). */
extern int	cf_pnbd_expected_purchases_pa(const cf_pnbd_params *p, double t,
										  int64_t x, double T, double p_alive,
										  double *out, cf_error *err);
extern int	cf_pnbd_expected_purchases_new(const cf_pnbd_params *p, double t,
										   double *out, cf_error *err);

/*
 * Simulate one customer observed for T after the first purchase: lambda ~
 * Gamma(r, alpha), mu ~ Gamma(s, beta), lifetime ~ Exponential(mu),
 * purchases a Poisson process of rate lambda during the lifetime.
 * Deterministic in (p, T, seed).
 */
extern int	cf_pnbd_simulate(const cf_pnbd_params *p, double T, uint64_t seed,
							 int32_t *x, double *t_x, cf_error *err);

/*
 * P(X(t) = n) for a new customer (alive at time 0), n >= 0, t >= 0: the
 * customer is alive at t and makes n purchases by then, or dies at some tau
 * in (0, t] after n purchases (lifetime tau has density s beta^s
 * (beta+tau)^-(s+1)); the purchases by any time t' are NegBin(r, t'/(alpha+t')):
 *		P(X(t) = n) = NB(n; r, t/(alpha+t)) (beta/(beta+t))^s
 *			+ int_0^t s beta^s (beta+tau)^-(s+1) NB(n; r, tau/(alpha+tau)) dtau
 * (Fader & Hardie 2006, "Deriving an expression for P(X(t) = x) under the
 * Pareto/NBD model", write the integral as B1 - sum_{j<=n} B2_j, a
 * difference of 2F1 terms that cancels for large n).  Here n = 0 is the
 * likelihood of (x, t_x, T) = (0, 0, t) (A0 with its 2F1, pn_log_gs), and
 * for n >= 1 the integral, whose integrand is log-concave in ln tau, is
 * summed by Gauss-Legendre panels laid out from its maximum (pnbd.c): no
 * cancellation, a fixed cost for any n (~3 us), within 4e-13 of mpmath.  Sums to 1 over n;
 * its mean is cf_pnbd_expected_purchases_new.  EINVAL for n < 0 or t < 0 or
 * not finite (words as cf_bgnbd_pmf_new's); ERANGE if not finite.
 */
extern int	cf_pnbd_pmf_new(const cf_pnbd_params *p, int64_t n, double t,
							double *out, cf_error *err);

/*
 * The churn windows of an existing customer.  Given alive at T after x
 * purchases, lambda ~ Gamma(r+x, alpha+T) and mu ~ Gamma(s, beta+T),
 * independent (the likelihood of "alive at T" is lambda^x e^(-lambda T)
 * e^(-mu T) times the priors), and, lifetimes and purchases being
 * memoryless, the customer goes on as a new customer of (r+x, alpha+T, s,
 * beta+T) (t_x no longer matters).  A customer gone buys nothing.  So
 *		P(n purchases in (T, T+t] | x, t_x, T) = [n = 0] (1 - P(alive))
 *			+ P(alive) P_new(X(t) = n; r+x, alpha+T, s, beta+T)
 * (cf_pnbd_pmf; cf_pnbd_pmf_alive is the second factor), and n = 0 is
 * P(no purchase in (T, T+t]) (cf_pnbd_p_no_purchase).  Both shares come
 * from one logit k = ln((1 - P(alive)) / P(alive)) (no cancellation near 0
 * or 1): bgnbd.h's cf_pmf_mix.  It sums to 1 over n, its mean is
 * cf_pnbd_expected_purchases, x = t_x = T = 0 gives cf_pnbd_pmf_new.  Valid
 * customer inputs; n, t and errors as cf_pnbd_pmf_new.
 *
 * Scoring by keys (as cf_pnbd_p_alive_gs): cf_pnbd_dropout_logit_gs is k
 * from two memoised ln G keys, so the glue's values equal these bit for bit.
 */
extern int	cf_pnbd_pmf_alive(const cf_pnbd_params *p, int64_t n, double t,
							  int64_t x, double T, double *out, cf_error *err);
extern int	cf_pnbd_pmf(const cf_pnbd_params *p, int64_t n, double t, int64_t x,
						double t_x, double T, double *out, cf_error *err);
extern int	cf_pnbd_p_no_purchase(const cf_pnbd_params *p, double t, int64_t x,
								  double t_x, double T, double *out,
								  cf_error *err);
extern double cf_pnbd_dropout_logit_gs(const cf_pnbd_params *p, int64_t x, double T,
									   double lngs_tx, double lngs_T);

#endif							/* CF_PNBD_H */
