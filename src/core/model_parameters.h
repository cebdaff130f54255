/*
 * model_parameters.h
 *		Uncertainty of a fitted lifetime model: standard errors from the
 *		observed information (the Hessian of the summed log-likelihood at the
 *		estimates), intervals on the log scale, AIC and BIC, for every model
 *		family through one table (cf_model_families): adding a family is one
 *		entry there.
 *
 * Pure C (libc/libm only).  Errors are returned as codes with a message.
 */
#ifndef CF_MODEL_PARAMETERS_H
#define CF_MODEL_PARAMETERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "error.h"
#include "lifetime.h"
#include "model_state.h"

#define CF_MODEL_MAX_PARAMS CF_LIFETIME_MAX_PARAMS

/*
 * A family's fit objective over its summary entries e[0..n): the mean
 * negative log-likelihood f and its gradient with respect to the logarithms
 * of the parameters (the signature of cf_gamma_gamma_objective, with the
 * entry type erased).
 */
typedef int (*cf_model_objective) (const void *e, size_t n, const cf_allocator *mem,
								   const double *theta, double *f, double *grad,
								   cf_error *err);

/*
 * One model family as model_parameters sees it: a family fitted on the
 * BG/NBD summary is its cf_lifetime_family (lifetime.h: name, parameters,
 * objective); another family (Gamma-Gamma) spells out its own.  Read the
 * fields through the accessors below.
 */
typedef struct cf_model_family
{
	const char *title;			/* in messages: "BG/NBD" */
	const cf_lifetime_family *lifetime; /* fitted on bgnbd_state, or NULL */
	/* only when lifetime is NULL: */
	const char *name;			/* SQL prefix: the composite is <name>_model */
	int			nparams;
	const char *const *params;	/* the composite's parameter columns, in order */
	const cf_model_state_layout *layout;	/* the summary it is fitted on */
	cf_model_objective objective;
} cf_model_family;

/* The family's SQL prefix, parameter count and names, and summary layout. */
static inline const char *
cf_model_family_name(const cf_model_family *f)
{
	return f->lifetime ? f->lifetime->name : f->name;
}

static inline int
cf_model_family_nparams(const cf_model_family *f)
{
	return f->lifetime ? f->lifetime->nparams : f->nparams;
}

static inline const char *const *
cf_model_family_params(const cf_model_family *f)
{
	return f->lifetime ? f->lifetime->names : f->params;
}

extern const cf_model_state_layout *cf_model_family_layout(const cf_model_family *f);

/* Every family (cf_model_family_count entries). */
extern const cf_model_family cf_model_families[];
extern const size_t cf_model_family_count;

/* The family whose composite type is <name>_model, or NULL. */
extern const cf_model_family *cf_model_family_of_type(const char *typname);

/* The uncertainty of a model's estimates on a summary. */
typedef struct cf_model_uncertainty
{
	double		log_likelihood; /* summed over the summary at the estimates */
	double		grad_max;		/* largest |gradient| of the mean, ln scale */
	bool		defined;		/* the observed information is positive definite */
	double		step_se;		/* largest Newton step to the maximum, in standard errors */
	double		log_se[CF_MODEL_MAX_PARAMS];	/* standard error of ln(parameter) */
	double		se[CF_MODEL_MAX_PARAMS];	/* on the natural scale (delta method) */
	double		cov[CF_MODEL_MAX_PARAMS][CF_MODEL_MAX_PARAMS];	/* natural scale */
} cf_model_uncertainty;

/*
 * EINVAL unless every estimate is finite and > 0 (the parameters of every
 * family are), naming the first that is not.
 */
extern int	cf_model_estimates_check(const cf_model_family *fam, const double *est,
									 cf_error *err);

/*
 * The observed information of the summary e[0..n) (N customers) at the
 * estimates est (minus the Hessian of the summed log-likelihood on the
 * natural scale, from central differences of the objective's analytic
 * gradient in log parameters with one Richardson step), inverted by
 * Cholesky.  When it is not
 * positive definite, out->defined is false and the errors are NaN (callers
 * show NULL).  out->step_se says how far the estimates are from the
 * maximum: the largest component of the Newton step, in standard errors
 * (about 1e-4 after a fit; a model of other data is far off).  Scratch from mem; the objective polls.
 */
extern int	cf_model_uncertainty_compute(const cf_model_family *fam, const void *e,
										 size_t n, double N, const double *est,
										 const cf_allocator *mem,
										 cf_model_uncertainty *out, cf_error *err);

/*
 * The interval exp(ln est -+ z log_se): positive, and the same as the one a
 * normal approximation of ln(parameter) gives.
 */
extern void cf_model_interval(double est, double log_se, double z,
							  double *lower, double *upper);

/* Akaike and Bayesian (Schwarz) information criteria of k parameters. */
extern double cf_model_aic(int k, double log_likelihood);
extern double cf_model_bic(int k, int64_t n, double log_likelihood);

#endif							/* CF_MODEL_PARAMETERS_H */
