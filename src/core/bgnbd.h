/*
 * bgnbd.h
 *		BG/NBD model (Fader, Hardie & Lee 2005): the mergeable fit summary
 *		(distinct (x, t_x, T) triples with counts), its exact text form, the
 *		maximum-likelihood fit and the per-customer predictions.
 *
 * Pure C (libc/libm only).  Errors are returned as codes with a message.
 */
#ifndef CF_BGNBD_H
#define CF_BGNBD_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "clv.h"
#include "optimize.h"
#include "model_state.h"
#include "lifetime.h"

#define CF_BGNBD_TEXT_VERSION 1

/* Largest accepted x (repeat purchases) and count per entry. */
#define CF_BGNBD_MAX_X		INT32_MAX
#define CF_BGNBD_MAX_COUNT	INT64_MAX

/*
 * One distinct customer summary with its multiplicity: a weighted tuple
 * (model_state.h) with d = (t_x, T).  A summary array is "compact" when sorted by
 * (x, t_x, T) with no duplicates.  32 bytes, the stored byte image of
 * bgnbd_state entries since 1.0.
 */
typedef struct cf_bgnbd_entry
{
	double		t_x;			/* time of last repeat purchase */
	double		T;				/* age at the end of calibration */
	int64_t		count;			/* customers with this triple, >= 1 */
	int32_t		x;				/* repeat purchases, >= 0 */
	int32_t		pad;			/* always 0 (so byte images compare) */
} cf_bgnbd_entry;

CF_MODEL_STATE_CHECK_LAYOUT(cf_bgnbd_entry, t_x, 2);

typedef struct cf_bgnbd_params
{
	double		r;
	double		alpha;
	double		a;
	double		b;
} cf_bgnbd_params;

typedef struct cf_bgnbd_fit_result
{
	cf_bgnbd_params p;
	cf_lifetime_fit_info fit;	/* log-likelihood, n, converged, ... */
} cf_bgnbd_fit_result;

/*
 * Validate one customer row and fill *e (count 1).  Rejects x < 0,
 * non-finite or negative times, t_x > T, x > 0 with t_x = 0 and x = 0 with
 * t_x != 0.
 */
extern int	cf_bgnbd_make_entry(int64_t x, double t_x, double T,
								cf_bgnbd_entry *e, cf_error *err);

/*
 * The summary as weighted tuples: compact, merge, check, total, and the text
 * form "1;<n>;x,t_x,T,count;..." are cf_model_state_*(&cf_bgnbd_layout, ...).
 * Messages name bgnbd_state and "invalid bgnbd summary".
 */
extern const cf_model_state_layout cf_bgnbd_layout;

/* Check model parameters: all finite and > 0. */
extern int	cf_bgnbd_check_params(const cf_bgnbd_params *p, cf_error *err);

/*
 * Fit by maximum likelihood over compact e[0..n): cf_lifetime_fit of
 * cf_bgnbd_family (lifetime.h: errors, converged = false at a boundary).
 */
extern int	cf_bgnbd_fit(const cf_bgnbd_entry *e, size_t n,
						 const cf_allocator *mem, const cf_opt_options *opts,
						 cf_bgnbd_fit_result *res, cf_error *err);

/*
 * Describe in buf (empty: none) a parameter of a fit at theta (log
 * parameters, objective fn with value f) that runs off to 0 or infinity;
 * names are the parameters' names.  Shared by the lifetime-model fits.
 */
extern void cf_model_find_boundary(int n, const double *theta, double f,
						  cf_objective_fn fn, void *ctx,
						  const char *const *names, char *buf, size_t len);

/* Summed log-likelihood at p over e[0..n) (any order). */
extern double cf_bgnbd_log_likelihood(const cf_bgnbd_params *p,
									  const cf_bgnbd_entry *e, size_t n);

/*
 * The fit objective: mean negative log-likelihood and its gradient with
 * respect to (ln r, ln alpha, ln a, ln b).  Exposed for tests.
 */
extern int	cf_bgnbd_objective(const cf_bgnbd_entry *e, size_t n,
							   const cf_allocator *mem, const double theta[4], double *f,
							   double grad[4], cf_error *err);

/*
 * ln of the odds that the customer (x > 0) has dropped out:
 * ln a - ln(b + x - 1) + (r + x) ln((alpha + T) / (alpha + t_x)); b + x - 1 is
 * formed as b + (x - 1), exact for tiny b.
 */
static inline double
cf_bgnbd_p_alive_logit(const cf_bgnbd_params *p, int64_t x, double t_x, double T)
{
	return log(p->a) - log(p->b + (double) (x - 1))
		+ (p->r + (double) x) * log1p((T - t_x) / (p->alpha + t_x));
}

/* P(alive | x, t_x, T); exactly 1 when x = 0.  Inputs must be valid. */
extern double cf_bgnbd_p_alive(const cf_bgnbd_params *p, int64_t x,
							   double t_x, double T);

/*
 * 1 - P(alive | x, t_x, T), computed directly (no cancellation when P(alive)
 * is near 1); exactly 0 when x = 0.
 */
static inline double
cf_bgnbd_p_dead(const cf_bgnbd_params *p, int64_t x, double t_x, double T)
{
	return x == 0 ? 0.0 : cf_inv1pexp(-cf_bgnbd_p_alive_logit(p, x, t_x, T));
}

/*
 * True exactly when cf_bgnbd_make_entry(x, t_x, T) would succeed: the fast
 * check of a customer row on the per-row scoring path (callers report an
 * invalid row through cf_bgnbd_make_entry, which says what is wrong).
 */
static inline bool
cf_bgnbd_customer_ok(int64_t x, double t_x, double T)
{
	/* T <= DBL_MAX rejects inf and NaN; 0 <= t_x <= T makes t_x finite too */
	return x >= 0 && x <= CF_BGNBD_MAX_X && T <= 1.7976931348623157e308 &&
		t_x >= 0.0 && t_x <= T && (x == 0 ? t_x == 0.0 : t_x > 0.0);
}

/*
 * A model prepared for scoring many customers: the per-x constant of
 * P(alive), ln a - ln(b + x - 1), memoised for small x as first needed (so
 * preparing a model costs no logarithms).  Every result is bit for bit the
 * one of the unprepared function (same operations in the same order).
 */
#define CF_BGNBD_SCORER_XMAX 256

typedef struct cf_bgnbd_scorer
{
	cf_bgnbd_params p;
	double		lnratio[CF_BGNBD_SCORER_XMAX];	/* [x] for x >= 1; NaN = not yet */
} cf_bgnbd_scorer;

/* Check the parameters (as cf_bgnbd_check_params) and fill *s. */
extern int	cf_bgnbd_scorer_init(cf_bgnbd_scorer *s, const cf_bgnbd_params *p,
								 cf_error *err);

/* Fill and return s->lnratio[x], 1 <= x < CF_BGNBD_SCORER_XMAX. */
extern double cf_bgnbd_scorer_lnratio(cf_bgnbd_scorer *s, int64_t x);

/* cf_bgnbd_p_alive(&s->p, x, t_x, T), bit for bit; inputs must be valid. */
static inline double
cf_bgnbd_scorer_p_alive(cf_bgnbd_scorer *s, int64_t x, double t_x, double T)
{
	double		k;

	if (x == 0)
		return 1.0;
	if (x >= CF_BGNBD_SCORER_XMAX)
		return cf_bgnbd_p_alive(&s->p, x, t_x, T);
	k = s->lnratio[x];
	if (k != k)
		k = cf_bgnbd_scorer_lnratio(s, x);
	return cf_inv1pexp(k + (s->p.r + (double) x) * log1p((T - t_x) / (s->p.alpha + t_x)));
}

/*
 * Expected purchases in (T, T + t] given alive, and unconditional
 * (= P(alive) * that).  t >= 0.  ERANGE if the series would need too many
 * terms (horizon far longer than alpha + T).
 */
extern int	cf_bgnbd_expected_purchases_alive(const cf_bgnbd_params *p,
											  double t, int64_t x, double T,
											  double *out, cf_error *err);
extern int	cf_bgnbd_expected_purchases(const cf_bgnbd_params *p, double t,
										int64_t x, double t_x, double T,
										double *out, cf_error *err);

/* Expected purchases of a new customer in (0, t] (FHL eq. 9). */
extern int	cf_bgnbd_expected_purchases_new(const cf_bgnbd_params *p, double t,
											double *out, cf_error *err);

/*
 * (1 - P(alive)) + P(alive) stay from the logit k of the odds of having
 * dropped out: P(no purchase) of every family, given stay = P(no purchase |
 * alive).  Exactly 1 when stay is (a horizon of 0): the two shares of the
 * logit need not add up to 1 in the last bit.
 */
static inline double
cf_no_purchase_mix(double k, double stay)
{
	return (stay == 1.0) ? 1.0 : cf_inv1pexp(-k) + cf_inv1pexp(k) * stay;
}

/*
 * P(no purchase in (T, T + t] | x, t_x, T) for valid inputs and t >= 0:
 * (1 - P(alive)) + P(alive) ((alpha + T)/(alpha + T + t))^(r + x), both
 * parts from the logit (no cancellation when P(alive) is near 0 or 1).
 */
static inline double
cf_bgnbd_p_no_purchase_ok(const cf_bgnbd_params *p, double t, int64_t x,
						  double t_x, double T)
{
	double		stay = exp(-(p->r + (double) x) * log1p(t / (p->alpha + T)));
	double		k;

	if (x == 0)
		return stay;
	k = cf_bgnbd_p_alive_logit(p, x, t_x, T);
	return cf_no_purchase_mix(k, stay);
}

/* The same with the horizon checked: EINVAL for t < 0 or not finite. */
extern int	cf_bgnbd_p_no_purchase(const cf_bgnbd_params *p, double t, int64_t x,
								   double t_x, double T, double *out, cf_error *err);

/*
 * P(X(t) = n) for a new customer (FHL 2005 eq. 8), n >= 0, t >= 0; EINVAL
 * for negative n or t, ERANGE when the tail sum would need too many terms
 * (t far longer than alpha).  Relative accuracy about 1e-13 for any n.
 */
extern int	cf_bgnbd_pmf_new(const cf_bgnbd_params *p, int64_t n, double t,
							 double *out, cf_error *err);

/*
 * The conditional PMF of an existing customer: P(n purchases in (T, T + t] |
 * x, t_x, T).  Derivation.  Given (lambda, p), the history's likelihood is
 * the sum of two disjoint events:
 *		alive at T:			(1-p)^x lambda^x e^(-lambda T)
 *		gone after the x-th purchase (x > 0):	p (1-p)^(x-1) lambda^x e^(-lambda t_x)
 * Multiplied by the priors Gamma(lambda; r, alpha) Beta(p; a, b), the "alive"
 * part is, up to a constant, Gamma(lambda; r + x, alpha + T) Beta(p; a, b + x):
 * given alive at T, lambda and p are independent with those laws, and the
 * posterior weight of "alive" is P(alive | x, t_x, T).  A customer alive at T
 * goes on as a new BG/NBD customer started at T: purchases at rate lambda
 * (memoryless, so t_x no longer matters) and a dropout with probability p
 * after each of them, none at T itself, which is no purchase.  A customer gone
 * buys nothing.  Hence
 *		P(X = n | x, t_x, T) = [n = 0] (1 - P(alive))
 *			+ P(alive) P_BG/NBD(r + x, alpha + T, a, b + x)(X(t) = n)
 * with cf_bgnbd_pmf_new's eq. 8 for the second factor.  Checks: at n = 0 it
 * is cf_bgnbd_p_no_purchase (eq. 8 at n = 0 is ((alpha+T)/(alpha+T+t))^(r+x));
 * its mean is P(alive) times the new customer's E[X(t)] with the updated
 * parameters, which is FHL's eq. 10 (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] = cf_bgnbd_expected_purchases; it
 * sums to 1; x = t_x = T = 0 gives cf_bgnbd_pmf_new.  (test_bgnbd.c checks
 * these and mpmath's two-dimensional quadrature over (lambda, p) of the
 * model's own likelihood, test/scripts/conditional_pmf_reference.py;
 * sql/bgnbd_churn.sql the model's simulation continued over the horizon.)
 *
 * cf_bgnbd_pmf_alive is the second factor, given alive at T (also MBG/NBD's,
 * with b + 1); cf_bgnbd_pmf mixes in P(alive) from its logit (no cancellation
 * near 0 or 1).  Valid customer inputs; n, t and errors as cf_bgnbd_pmf_new,
 * whose words name bgnbd_pmf.  Relative accuracy about 1e-13 for any n.
 */
extern int	cf_bgnbd_pmf_alive(const cf_bgnbd_params *p, int64_t n, double t,
							   int64_t x, double T, double *out, cf_error *err);
extern int	cf_bgnbd_pmf(const cf_bgnbd_params *p, int64_t n, double t, int64_t x,
						 double t_x, double T, double *out, cf_error *err);

/*
 * [n = 0] (1 - P(alive)) + P(alive) v from the logit k of the odds of having
 * dropped out, v = P(n | alive): the last step of cf_bgnbd_pmf and
 * cf_mbgnbd_pmf (also the glue's, which memoises v), bit for bit.
 */
static inline double
cf_pmf_mix(int64_t n, double k, double v)
{
	return (n == 0) ? cf_no_purchase_mix(k, v) : cf_inv1pexp(k) * v;
}

/* cf_bgnbd_pmf from v = cf_bgnbd_pmf_alive's value, for a valid customer. */
static inline double
cf_bgnbd_pmf_mix(const cf_bgnbd_params *p, int64_t n, int64_t x, double t_x,
				 double T, double v)
{
	return (x == 0) ? v : cf_pmf_mix(n, cf_bgnbd_p_alive_logit(p, x, t_x, T), v);
}

/*
 * ln P(N = j) for N ~ NegBin(r, z), lnq = ln(1 - z), lnz = ln z: the
 * coefficient ln Gamma(r+j) - ln Gamma(r) - ln j! without the loss of
 * lgamma differences at large j (also Pareto/NBD's pmf; lnq = lnz = 0 gives
 * the coefficient alone).
 */
extern double cf_bgnbd_nb_log_pmf(double r, double j, double lnq, double lnz);

/*
 * Simulate one customer from the model, observed for T after the first
 * purchase: draws lambda ~ Gamma(r, alpha) and p ~ Beta(a, b), then
 * exponential inter-purchase times with dropout probability p after each
 * repeat purchase.  Deterministic in (p, T, seed).  ERANGE if the customer
 * would make more than 10^8 purchases.
 */
extern int	cf_bgnbd_simulate(const cf_bgnbd_params *p, double T, uint64_t seed,
							  int32_t *x, double *t_x, cf_error *err);

/*
 * The summary prepared for a fit: distinct x, T and t_x values, the entries
 * with x > 0 in runs of equal x with indexes into the distinct values, the
 * customers with x = 0 per distinct T, and scratch arrays for one
 * evaluation.  Every array lives in one block from mem.  Shared by the
 * BG/NBD, MBG/NBD and Pareto/NBD fits.
 */
typedef struct cf_bgnbd_prep
{
	double		N;				/* customers */
	size_t		nx;				/* distinct x (including 0) */
	int64_t    *xs;
	double	   *wx;				/* customers per distinct x */
	size_t		nT;				/* distinct T */
	double	   *Tv;
	double	   *w0;				/* customers with x = 0, per distinct T */
	size_t		nt;				/* distinct t_x among x > 0 */
	double	   *tv;
	size_t		m;				/* entries with x > 0 */
	uint32_t   *iT,
			   *it;
	double	   *w;
	size_t	   *run;			/* run[k]..run[k+1]: entries of k-th x > 0 */
	int64_t    *runx;
	size_t		nrun;
	double	   *LT,
			   *IT,
			   *Lt,
			   *It;				/* scratch per evaluation */
	const cf_allocator *mem;
	void	   *block;			/* every array above, from mem */
} cf_bgnbd_prep;

/* Build the prepared form of compact e[0..n) (polls); free it. */
extern int	cf_bgnbd_prep_build(const cf_bgnbd_entry *e, size_t n,
								const cf_allocator *mem, cf_bgnbd_prep *pp,
								cf_error *err);
extern void cf_bgnbd_prep_free(cf_bgnbd_prep *pp);

/* LT, IT, Lt, It of pp for this alpha: ln and 1/ of alpha + each T and t_x (polls). */
extern void cf_bgnbd_prep_logs(const cf_bgnbd_prep *pp, double alpha);

/* The same as a family's prepare/release (lifetime.h), prep a cf_bgnbd_prep. */
extern int	cf_bgnbd_family_prepare(const cf_bgnbd_entry *e, size_t n,
									const cf_allocator *mem, void *prep,
									cf_error *err);
extern void cf_bgnbd_family_release(void *prep);

/*
 * The simulation's generator (splitmix64), for the other lifetime models'
 * simulations: the state for a seed, a uniform on (0, 1) and a Gamma(shape,
 * 1) draw.
 */
extern uint64_t cf_model_sim_seed(uint64_t seed);
extern double cf_model_sim_uniform(uint64_t *state);
extern double cf_model_sim_gamma(uint64_t *state, double shape);

#endif							/* CF_BGNBD_H */
