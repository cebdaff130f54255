/*
 * mbgnbd.h
 *		MBG/NBD model (Batislam, Denizel & Filiztekin 2007; BTYDplus): the
 *		BG/NBD with a dropout opportunity also right after the first purchase,
 *		so that a customer without repeat purchases may be gone too.  Fitted
 *		on the BG/NBD summary (bgnbd.h: distinct (x, t_x, T) with counts).
 *
 * Pure C (libc/libm only).  Errors are returned as codes with a message.
 */
#ifndef CF_MBGNBD_H
#define CF_MBGNBD_H

#include "bgnbd.h"

/* Parameters: rates ~ Gamma(r, alpha), dropout probability ~ Beta(a, b). */
typedef cf_bgnbd_params cf_mbgnbd_params;

typedef struct cf_mbgnbd_fit_result
{
	cf_mbgnbd_params p;
	cf_lifetime_fit_info fit;	/* log-likelihood, n, converged, ... */
} cf_mbgnbd_fit_result;

/* Check model parameters: all finite and > 0. */
extern int	cf_mbgnbd_check_params(const cf_mbgnbd_params *p, cf_error *err);

/*
 * Fit by maximum likelihood over compact e[0..n): cf_lifetime_fit of
 * cf_mbgnbd_family (lifetime.h: errors, converged = false at a boundary).
 */
extern int	cf_mbgnbd_fit(const cf_bgnbd_entry *e, size_t n,
						  const cf_allocator *mem, const cf_opt_options *opts,
						  cf_mbgnbd_fit_result *res, cf_error *err);

/* Summed log-likelihood at p over e[0..n), entry by entry (tests). */
extern double cf_mbgnbd_log_likelihood(const cf_mbgnbd_params *p,
									   const cf_bgnbd_entry *e, size_t n);

/*
 * The fit objective: mean negative log-likelihood and its gradient with
 * respect to (ln r, ln alpha, ln a, ln b).  Exposed for tests.
 */
extern int	cf_mbgnbd_objective(const cf_bgnbd_entry *e, size_t n,
								const cf_allocator *mem, const double theta[4],
								double *f, double grad[4], cf_error *err);

/*
 * ln of the odds that the customer has dropped out:
 * ln a - ln(b + x) + (r + x) ln((alpha + T) / (alpha + t_x)).
 */
static inline double
cf_mbgnbd_p_alive_logit(const cf_mbgnbd_params *p, int64_t x, double t_x, double T)
{
	return log(p->a) - log(p->b + (double) x)
		+ (p->r + (double) x) * log1p((T - t_x) / (p->alpha + t_x));
}

/* P(alive | x, t_x, T), < 1 also for x = 0.  Inputs must be valid. */
static inline double
cf_mbgnbd_p_alive(const cf_mbgnbd_params *p, int64_t x, double t_x, double T)
{
	return cf_inv1pexp(cf_mbgnbd_p_alive_logit(p, x, t_x, T));
}

/*
 * Expected purchases in (T, T + t] given alive: the BG/NBD's with b + 1
 * (given alive after x purchases, the dropout probability is
 * Beta(a, b + x + 1)), and unconditional (= P(alive) * that).  t >= 0.
 */
extern int	cf_mbgnbd_expected_purchases_alive(const cf_mbgnbd_params *p, double t,
											   int64_t x, double T,
											   double *out, cf_error *err);
extern int	cf_mbgnbd_expected_purchases(const cf_mbgnbd_params *p, double t,
										 int64_t x, double t_x, double T,
										 double *out, cf_error *err);

/*
 * Expected repeat purchases of a new customer in (0, t]:
 * b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))], computed
 * as b/(a+b) (the customer stays after the first purchase) times the
 * x = 0, T = 0 expectation given alive.
 */
extern int	cf_mbgnbd_expected_purchases_new(const cf_mbgnbd_params *p, double t,
											 double *out, cf_error *err);

/*
 * P(no purchase in (T, T + t] | x, t_x, T) for valid inputs and t >= 0.
 * Dropout happens only right after a purchase, so a customer alive at T
 * buys nothing in the window exactly when the Poisson process has no event
 * in it, and given alive the rate is Gamma(r + x, alpha + T) as in the
 * BG/NBD: (1 - P(alive)) + P(alive) ((alpha + T)/(alpha + T + t))^(r + x),
 * both parts from the logit (no cancellation near 0 or 1), for every x
 * (P(alive) < 1 also at x = 0).
 */
static inline double
cf_mbgnbd_p_no_purchase_ok(const cf_mbgnbd_params *p, double t, int64_t x,
						   double t_x, double T)
{
	double		stay = exp(-(p->r + (double) x) * log1p(t / (p->alpha + T)));
	double		k = cf_mbgnbd_p_alive_logit(p, x, t_x, T);

	return cf_no_purchase_mix(k, stay);
}

/* The same with the horizon checked: EINVAL for t < 0 or not finite. */
extern int	cf_mbgnbd_p_no_purchase(const cf_mbgnbd_params *p, double t, int64_t x,
									double t_x, double T, double *out, cf_error *err);

/*
 * P(X(t) = n) for a new customer, n >= 0, t >= 0: with probability E[p] =
 * a/(a+b) the customer leaves right after the first purchase (X = 0);
 * otherwise p given that survival is Beta(a, b + 1) and the rest is a
 * BG/NBD with b + 1:
 *		P(X(t) = n) = [n = 0] a/(a+b) + b/(a+b) P_BG/NBD(r, alpha, a, b+1)(X(t) = n)
 * (= B(a, b+n+1)/B(a, b) NB(n) + B(a+1, b+n)/B(a, b) P(NB >= n), NB the
 * negative binomial of the purchases while alive).  Sums to 1; its mean is
 * cf_mbgnbd_expected_purchases_new.  Errors as cf_bgnbd_pmf_new.
 */
extern int	cf_mbgnbd_pmf_new(const cf_mbgnbd_params *p, int64_t n, double t,
							  double *out, cf_error *err);

/*
 * The conditional PMF of an existing customer: P(n purchases in (T, T + t] |
 * x, t_x, T).  Derivation.  Given (lambda, p) the history's likelihood is the
 * sum of two disjoint events (a dropout opportunity right after the first
 * purchase and after each of the x repeat ones):
 *		alive at T:						(1-p)^(x+1) lambda^x e^(-lambda T)
 *		gone after the x-th repeat purchase (any x >= 0):	p (1-p)^x lambda^x e^(-lambda t_x)
 * With the priors Gamma(lambda; r, alpha) Beta(p; a, b) the "alive" part is,
 * up to a constant, Gamma(lambda; r + x, alpha + T) Beta(p; a, b + x + 1):
 * given alive at T, lambda and p are independent with those laws, and the
 * posterior weight of "alive" is cf_mbgnbd_p_alive.  From T on the customer
 * buys at rate lambda and may drop out after each purchase, but not at T
 * (no purchase there): a BG/NBD-type new customer (no dropout at its time 0,
 * unlike mbgnbd_pmf_new's) with (r + x, alpha + T, a, b + x + 1).  Hence
 *		P(X = n | x, t_x, T) = [n = 0] (1 - P(alive))
 *			+ P(alive) P_BG/NBD(r + x, alpha + T, a, b + x + 1)(X(t) = n),
 * i.e. cf_bgnbd_pmf_alive with b + 1, as cf_mbgnbd_expected_purchases_alive
 * is the BG/NBD's with b + 1.  Checks: n = 0 gives cf_mbgnbd_p_no_purchase,
 * the mean is cf_mbgnbd_expected_purchases ((a+b+x)/(a-1) [1 - ((alpha+T)/
 * (alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive)), the sum
 * is 1 (test_mbgnbd.c, with mpmath's quadrature over (lambda, p) of the
 * likelihood above; sql/mbgnbd.sql the model's simulation continued over the
 * horizon, where the BG/NBD's formula, b + x, is rejected).  Errors as
 * cf_mbgnbd_pmf_new, whose words name mbgnbd_pmf.
 */
extern int	cf_mbgnbd_pmf(const cf_mbgnbd_params *p, int64_t n, double t, int64_t x,
						  double t_x, double T, double *out, cf_error *err);

/*
 * P(n purchases in (T, T + t] | alive, x, T) (cf_bgnbd_pmf_alive with b + 1),
 * and cf_mbgnbd_pmf from that value v, bit for bit (the glue memoises v).
 */
extern int	cf_mbgnbd_pmf_alive(const cf_mbgnbd_params *p, int64_t n, double t,
								int64_t x, double T, double *out, cf_error *err);

static inline double
cf_mbgnbd_pmf_mix(const cf_mbgnbd_params *p, int64_t n, int64_t x, double t_x,
				  double T, double v)
{
	return cf_pmf_mix(n, cf_mbgnbd_p_alive_logit(p, x, t_x, T), v);
}

/*
 * Simulate one customer observed for T after the first purchase: lambda ~
 * Gamma(r, alpha), p ~ Beta(a, b); the customer drops out with probability
 * p right after the first purchase and after each repeat purchase.
 * Deterministic in (p, T, seed).
 */
extern int	cf_mbgnbd_simulate(const cf_mbgnbd_params *p, double T, uint64_t seed,
							   int32_t *x, double *t_x, cf_error *err);

#endif							/* CF_MBGNBD_H */
