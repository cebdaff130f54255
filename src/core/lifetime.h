/*
 * lifetime.h
 *		The lifetime-model families fitted on the BG/NBD summary (bgnbd.h:
 *		distinct (x, t_x, T) with counts): BG/NBD, MBG/NBD, and the next ones
 *		(Pareto/NBD).  A family is one table entry (cf_lifetime_family): its
 *		prepared form of the summary, its objective and its starting point;
 *		the checks, the fit, the boundary test and the reported fit are the
 *		same code for every family (cf_lifetime_fit), and so are the glue's
 *		<family>_fit functions (src/lifetime.c).
 *
 * Pure C (libc/libm only).  Errors are returned as codes with a message.
 */
#ifndef CF_CORE_LIFETIME_H
#define CF_CORE_LIFETIME_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "error.h"
#include "optimize.h"

#define CF_LIFETIME_MAX_PARAMS 4

struct cf_bgnbd_entry;			/* bgnbd.h */

/*
 * A family fitted on compact BG/NBD summaries.  The objective is the mean
 * negative log-likelihood per customer and its gradient in the logarithms
 * of the parameters, evaluated on the family's prepared summary (ctx);
 * parameters are reported as exp(theta), in the order of names.
 */
typedef struct cf_lifetime_family
{
	const char *name;			/* the SQL prefix: "bgnbd" ("cannot fit bgnbd model") */
	const char *scratch_name;	/* the fit's scratch memory: "customer_focus bgnbd fit" */
	int			nparams;		/* <= CF_LIFETIME_MAX_PARAMS */
	const char *const *names;	/* the parameters' names in the literature */
	size_t		prep_size;		/* bytes of the prepared summary */
	/* prepare compact e[0..n) into prep (scratch from mem; polls); release it */
	int			(*prepare) (const struct cf_bgnbd_entry *e, size_t n,
							const cf_allocator *mem, void *prep, cf_error *err);
	void		(*release) (void *prep);
	cf_objective_fn objective;
	/* theta[0..n) to start from; ln_scale = ln(sum T / sum x), the mean time per purchase */
	void		(*start) (int n, double ln_scale, double *theta);
	/*
	 * > 0: the fit stops once some |theta| passes this and names the
	 * direction of the runaway (cf_opt_runaway) instead of following it: a
	 * family whose likelihood loses digits far out (Pareto/NBD beyond r ~
	 * e^30, where the Nelder-Mead fallback wandered for hundreds of
	 * evaluations).  0: no box.
	 */
	double		max_abs_theta;
	/* the glue's hints when the fit stops at a boundary / is not stationary */
	const char *boundary_hint;
	const char *stall_hint;
} cf_lifetime_family;

/* What a fit reports beside the parameters (the same for every family). */
typedef struct cf_lifetime_fit_info
{
	double		log_likelihood; /* summed over customers */
	int64_t		n;				/* customers */
	bool		converged;		/* stationary and not at a boundary */
	int			iterations;
	int			evaluations;
	double		grad_max;		/* of the mean log-likelihood, log params */
	cf_opt_method method;
	char		boundary[96];	/* "a and b grow without bound"; "" if none */
} cf_lifetime_fit_info;

/*
 * Fit family f by maximum likelihood over compact e[0..n) (opts NULL for
 * defaults), scratch from mem, polling cf_check_interrupts(); params gets
 * f->nparams values.  Errors: no customers, no repeat customers (the rates
 * are then not identified), the objective not finite at the start.  A fit
 * that is not stationary (optimize.h) or whose maximum lies at a boundary
 * (info->boundary names the parameter) returns OK with converged = false.
 */
extern int	cf_lifetime_fit(const cf_lifetime_family *f,
							const struct cf_bgnbd_entry *e, size_t n,
							const cf_allocator *mem, const cf_opt_options *opts,
							double *params, cf_lifetime_fit_info *info,
							cf_error *err);

/* Family f's objective at theta over compact e[0..n) (tests, Hessians). */
extern int	cf_lifetime_objective(const cf_lifetime_family *f,
								  const struct cf_bgnbd_entry *e, size_t n,
								  const cf_allocator *mem, const double *theta,
								  double *fx, double *grad, cf_error *err);

/*
 * A start for families whose second parameter is a time scale of the
 * purchase rate (r, alpha, ...): theta[0..n) = (0, ln_scale, 0, ...), i.e. r = 1,
 * alpha = mean time per purchase, every other parameter 1.
 */
extern void cf_lifetime_start_rate(int n, double ln_scale, double *theta);

/*
 * out[k] = exp(theta[k]) for k < n, or non-zero (outside the objectives'
 * domain) when some |theta[k]| >= 600 or is NaN.
 */
static inline int
cf_lifetime_exp_params(int n, const double *theta, double *out)
{
	int			k;

	for (k = 0; k < n; k++)
		if (!(fabs(theta[k]) < 600.0))
			return 1;
	for (k = 0; k < n; k++)
		out[k] = exp(theta[k]);
	return 0;
}

/* The families (bgnbd.c, mbgnbd.c). */
extern const cf_lifetime_family cf_bgnbd_family;
extern const cf_lifetime_family cf_mbgnbd_family;

#endif							/* CF_CORE_LIFETIME_H */
