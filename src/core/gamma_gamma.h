/*
 * gamma_gamma.h
 *		Gamma-Gamma model of monetary value (Fader & Hardie 2013): the
 *		mergeable fit summary (distinct (x, mean value) pairs with counts),
 *		its exact text form, the maximum-likelihood fit, the expected mean
 *		transaction value, and customer lifetime value combining it with
 *		BG/NBD.
 *
 * Pure C (libc/libm only).  Errors are returned as codes with a message.
 */
#ifndef CF_GAMMA_GAMMA_H
#define CF_GAMMA_GAMMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "bgnbd.h"
#include "clv.h"
#include "optimize.h"
#include "model_state.h"

#define CF_GAMMA_GAMMA_TEXT_VERSION 1

/*
 * One distinct (x, mean value) with its multiplicity: a weighted tuple
 * (model_state.h) with d = (m); compact = sorted by (x, m), no duplicates.
 * 24 bytes, the stored byte image of gamma_gamma_state entries since 1.0.
 */
typedef struct cf_gamma_gamma_entry
{
	double		m;				/* mean repeat-transaction value, > 0 */
	int64_t		count;			/* customers, >= 1 */
	int32_t		x;				/* repeat transactions, >= 1 */
	int32_t		pad;			/* always 0 */
} cf_gamma_gamma_entry;

CF_MODEL_STATE_CHECK_LAYOUT(cf_gamma_gamma_entry, m, 1);

typedef struct cf_gamma_gamma_params
{
	double		p;
	double		q;
	double		gamma;
} cf_gamma_gamma_params;

typedef struct cf_gamma_gamma_fit_result
{
	cf_gamma_gamma_params p;
	double		log_likelihood; /* summed over customers */
	int64_t		n;				/* customers (x > 0) */
	bool		converged;
	int			iterations;
	int			evaluations;
	double		grad_max;
	cf_opt_method method;
	char		boundary[96];	/* "p grows without bound"; "" if none */
} cf_gamma_gamma_fit_result;

/*
 * Validate a row of a customer with x >= 1 repeat transactions and mean value
 * m (> 0, finite); callers skip x = 0 rows themselves (x < 0 is an error).
 */
extern int	cf_gamma_gamma_make_entry(int64_t x, double m, cf_gamma_gamma_entry *e,
							 cf_error *err);

/*
 * The summary as weighted tuples: compact, merge, check, total, and the text
 * form "1;<n>;x,m,count;..." are cf_model_state_*(&cf_gamma_gamma_layout, ...).  Messages
 * name gamma_gamma_state and "invalid gamma_gamma summary".
 */
extern const cf_model_state_layout cf_gamma_gamma_layout;

/* All parameters finite and > 0. */
extern int	cf_gamma_gamma_check_params(const cf_gamma_gamma_params *p, cf_error *err);

/*
 * Maximum-likelihood fit over compact e[0..n) (opts NULL for defaults), with
 * scratch memory from mem; polls cf_check_interrupts() (interrupt.h).
 */
extern int	cf_gamma_gamma_fit(const cf_gamma_gamma_entry *e, size_t n, const cf_allocator *mem,
					  const cf_opt_options *opts, cf_gamma_gamma_fit_result *res,
					  cf_error *err);

/* Summed log-likelihood straight from the definition (tests, checks). */
extern double cf_gamma_gamma_log_likelihood(const cf_gamma_gamma_params *p, const cf_gamma_gamma_entry *e,
								   size_t n);

/* Mean negative log-likelihood and gradient in (ln p, ln q, ln gamma). */
extern int	cf_gamma_gamma_objective(const cf_gamma_gamma_entry *e, size_t n, const cf_allocator *mem,
							const double theta[3], double *f, double grad[3],
							cf_error *err);

/*
 * Expected mean transaction value of a customer with x repeat transactions
 * of mean m: (p gamma + p x m) / (p x + q - 1); for x = 0 the population
 * mean p gamma / (q - 1).  ERANGE when the mean does not exist.
 */
extern int	cf_gamma_gamma_expected_mean(const cf_gamma_gamma_params *p, int64_t x, double m,
								double *out, cf_error *err);

/*
 * Customer lifetime value over horizon (model time units): the expected
 * purchases in each unit period (the last one possibly partial), discounted
 * at discount_rate per unit at the end of the period, times the expected
 * mean value and margin.  *clv = P(alive) * V and *lost = (1 - P(alive)) * V,
 * where V is the value if the customer is alive: lost is the predictive
 * value of a customer who has gone.  Either output may be NULL.
 */
extern int	cf_clv(const cf_bgnbd_params *bg, const cf_gamma_gamma_params *gg,
				   int64_t x, double t_x, double T, double m,
				   double horizon, double margin, double discount_rate,
				   double *clv, double *lost, cf_error *err);

#endif							/* CF_GAMMA_GAMMA_H */
