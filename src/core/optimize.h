/*
 * optimize.h
 *		Small unconstrained minimisers for the model fits: BFGS with an
 *		analytic gradient and a backtracking Armijo line search, and a
 *		Nelder-Mead simplex used as a fallback when BFGS cannot make progress.
 *
 * Written for this project rather than linked from NLopt so that no run-time
 * library has to be installed on every node (coordinator and Citus workers)
 * that loads the extension; the problems are tiny (3 or 4 parameters) and
 * smooth, so a compact, tested implementation is enough.
 *
 * Pure C (libc/libm only).  No allocation: dimensions are at most
 * CF_OPT_MAXDIM.  Every iteration polls cf_check_interrupts() (interrupt.h),
 * so the objective must hold no malloc'd memory.
 */
#ifndef CF_OPTIMIZE_H
#define CF_OPTIMIZE_H

#include <stdbool.h>
#include <stddef.h>

#define CF_OPT_MAXDIM 8

/*
 * Objective: compute f(x) and, when grad is not NULL, its gradient.
 * Returns 0 on success, non-zero when x is outside the domain (treated as
 * f = +infinity).  A non-finite f is treated the same way.
 */
typedef int (*cf_objective_fn) (const double *x, double *f, double *grad,
								void *ctx);

typedef struct cf_opt_options
{
	int			max_iter;		/* BFGS iterations per run */
	int			max_eval;		/* evaluations in all (BFGS + Nelder-Mead) */
	double		gtol;			/* converged when max |grad_i| <= gtol, */
	double		ftol;			/* or stalled with g'Hg/2 <= ftol max(1, |f|) */
	double		nm_ftol;		/* Nelder-Mead: simplex f spread */
	double		nm_step;		/* Nelder-Mead: initial simplex step */
	double		max_step;		/* largest move of one coordinate per step */
	double		max_abs_x;		/* > 0: stop once an iterate has some |x_i| > max_abs_x */
} cf_opt_options;

typedef enum cf_opt_method
{
	CF_OPT_BFGS = 0,			/* BFGS alone */
	CF_OPT_NM_BFGS = 1			/* Nelder-Mead then BFGS polish */
} cf_opt_method;

typedef struct cf_opt_result
{
	double		f;				/* objective at the returned point */
	double		grad_max;		/* max |grad_i| there */
	int			iterations;		/* BFGS + Nelder-Mead iterations */
	int			evaluations;	/* objective evaluations */
	bool		converged;		/* see cf_opt_options gtol, ftol */
	bool		left_box;		/* stopped by max_abs_x (not converged) */
	cf_opt_method method;
} cf_opt_result;

/* Fill opts with defaults suitable for a mean log-likelihood. */
extern void cf_opt_default_options(cf_opt_options *opts);

/*
 * Minimise fn from x (length n <= CF_OPT_MAXDIM), leaving the best point
 * found in x.  Runs BFGS; if that fails to converge, runs Nelder-Mead from
 * the best point and polishes with BFGS (not when BFGS left the box of
 * max_abs_x: the minimum is then towards infinity, for the caller to name).  Returns 0, or -1 when the starting
 * point is outside the domain or n is out of range (x unchanged).
 */
extern int	cf_minimize(int n, double *x, cf_objective_fn fn, void *ctx,
						const cf_opt_options *opts, cf_opt_result *res);

/* Run BFGS only (exposed for tests).  Same contract as cf_minimize. */
extern int	cf_minimize_bfgs(int n, double *x, cf_objective_fn fn, void *ctx,
							 const cf_opt_options *opts, cf_opt_result *res);

/* Run Nelder-Mead only (exposed for tests); converged means simplex spread. */
extern int	cf_minimize_nelder_mead(int n, double *x, cf_objective_fn fn,
									void *ctx, const cf_opt_options *opts,
									cf_opt_result *res);

/* A direction of runaway: +-(e_i + e_j) (j = -1: e_i alone). */
typedef struct cf_opt_runaway_dir
{
	int			i;
	int			j;
	int			sign;			/* +1: to infinity, -1: to 0 (log parameters) */
} cf_opt_runaway_dir;

/*
 * After a fit at x (objective value f): probe each coordinate, then each pair
 * of coordinates together, step further out both ways; if f does not rise by
 * more than tol * max(1, |f|) in one of them, the minimum lies at infinity in
 * that direction (a parameter running off to 0 or infinity, alone or with
 * another): fill *dir and return true.  2n + n(n-1) evaluations.
 */
extern bool cf_opt_runaway(int n, const double *x, double f, cf_objective_fn fn,
						   void *ctx, double step, double tol,
						   cf_opt_runaway_dir *dir);

/* Describe *dir with parameter names: "a grows without bound", ... */
extern void cf_opt_describe_runaway(const cf_opt_runaway_dir *dir,
									const char *const *names, char *buf,
									size_t len);

#endif							/* CF_OPTIMIZE_H */
