/*
 * optimize.c
 *		BFGS (analytic gradient, backtracking Armijo line search with
 *		quadratic interpolation) and Nelder-Mead for small smooth problems.
 *		See optimize.h for why this is not NLopt.
 */
#include "optimize.h"
#include "interrupt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Defaults: gradient tolerance for a mean log-likelihood of order 1..10. */
void
cf_opt_default_options(cf_opt_options *opts)
{
	opts->max_iter = 200;
	opts->max_eval = 2000;
	opts->gtol = 1e-8;
	opts->ftol = 1e-14;
	opts->nm_ftol = 1e-12;
	opts->nm_step = 0.5;
	opts->max_step = 2.0;
	opts->max_abs_x = 0.0;
}

/* Evaluate fn; returns true when x is in the domain and f (and g) finite. */
static bool
eval_point(int n, const double *x, double *f, double *g,
		   cf_objective_fn fn, void *ctx, int *evals)
{
	int			i;

	(*evals)++;
	if (fn(x, f, g, ctx) != 0 || !isfinite(*f))
		return false;
	if (g != NULL)
		for (i = 0; i < n; i++)
			if (!isfinite(g[i]))
				return false;
	return true;
}

/* Largest absolute component. */
static double
max_abs(int n, const double *v)
{
	double		m = 0.0;
	int			i;

	for (i = 0; i < n; i++)
		if (fabs(v[i]) > m)
			m = fabs(v[i]);
	return m;
}

/* Set the n x n matrix h (row-major, stride CF_OPT_MAXDIM) to d * I. */
static void
set_identity(int n, double h[CF_OPT_MAXDIM][CF_OPT_MAXDIM], double d)
{
	int			i,
				j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			h[i][j] = (i == j) ? d : 0.0;
}

/*
 * Converged where BFGS stalled (no step along the search direction, nor
 * along the steepest descent, lowers f any more) at (f, g), h the last
 * inverse Hessian estimate: the decrease that a Newton step still promises,
 * g'Hg/2, is below ftol relative to max(1, |f|), and the gradient is small
 * on the same scale.  Scale-aware: a mean log-likelihood whose gradient
 * cannot be computed below ~1e-7 (sums of large terms that cancel) is at its
 * optimum to the precision of f all the same.
 */
static bool
stalled_at_optimum(int n, double f, const double *g,
				   double h[CF_OPT_MAXDIM][CF_OPT_MAXDIM],
				   const cf_opt_options *opts)
{
	double		scale = fmax(1.0, fabs(f)),
				dec = 0.0;
	int			i,
				j;

	if (max_abs(n, g) > 1e-4 * scale)
		return false;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			dec += g[i] * h[i][j] * g[j];
	return 0.5 * fabs(dec) <= opts->ftol * scale;
}

/*
 * BFGS on the inverse Hessian; converged iff max|g| <= gtol at return, or
 * stalled_at_optimum().
 */
int
cf_minimize_bfgs(int n, double *x, cf_objective_fn fn, void *ctx,
				 const cf_opt_options *opts, cf_opt_result *res)
{
	double		h[CF_OPT_MAXDIM][CF_OPT_MAXDIM];
	double		g[CF_OPT_MAXDIM],
				p[CF_OPT_MAXDIM],
				xn[CF_OPT_MAXDIM],
				gn[CF_OPT_MAXDIM],
				s[CF_OPT_MAXDIM],
				y[CF_OPT_MAXDIM],
				hy[CF_OPT_MAXDIM];
	double		f,
				fnew = 0.0;
	int			evals = 0,
				iter,
				i,
				j;
	double		hlast[CF_OPT_MAXDIM][CF_OPT_MAXDIM];
	bool		identity = true;
	bool		scaled = false;
	bool		stalled = false;
	int			flat = 0;

	memset(res, 0, sizeof(*res));
	res->method = CF_OPT_BFGS;
	if (n < 1 || n > CF_OPT_MAXDIM)
		return -1;
	if (!eval_point(n, x, &f, g, fn, ctx, &evals))
	{
		res->evaluations = evals;
		return -1;
	}
	set_identity(n, h, 1.0);
	set_identity(n, hlast, 1.0);

	for (iter = 0; iter < opts->max_iter && evals < opts->max_eval; iter++)
	{
		double		dg = 0.0,
					pm,
					step;
		bool		accepted = false;
		int			k;
		double		sy = 0.0,
					yy = 0.0,
					ss = 0.0;

		cf_check_interrupts();
		if (max_abs(n, g) <= opts->gtol)
			break;

		for (i = 0; i < n; i++)
		{
			p[i] = 0.0;
			for (j = 0; j < n; j++)
				p[i] -= h[i][j] * g[j];
			dg += g[i] * p[i];
		}
		if (!(dg < 0.0))
		{
			/* not a descent direction: restart from steepest descent */
			set_identity(n, h, 1.0);
			identity = true;
			scaled = false;
			dg = 0.0;
			for (i = 0; i < n; i++)
			{
				p[i] = -g[i];
				dg -= g[i] * g[i];
			}
		}
		pm = max_abs(n, p);
		step = (pm > opts->max_step) ? opts->max_step / pm : 1.0;

		for (k = 0; k < 60 && evals < opts->max_eval; k++)
		{
			bool		ok;

			for (i = 0; i < n; i++)
				xn[i] = x[i] + step * p[i];
			ok = eval_point(n, xn, &fnew, gn, fn, ctx, &evals);
			if (ok && fnew <= f + 1e-4 * step * dg)
			{
				accepted = true;
				break;
			}
			if (ok)
			{
				/* minimiser of the quadratic through f, dg and fnew */
				double		denom = 2.0 * (fnew - f - dg * step);
				double		t = (denom > 0.0) ? -dg * step * step / denom : 0.5 * step;

				if (t < 0.1 * step)
					t = 0.1 * step;
				if (t > 0.5 * step)
					t = 0.5 * step;
				step = t;
			}
			else
				step *= 0.25;
			if (step * pm < 1e-16)
				break;
		}
		if (!accepted)
		{
			if (identity)
			{
				stalled = true;
				break;			/* steepest descent failed too: give up */
			}
			set_identity(n, h, 1.0);
			identity = true;
			scaled = false;
			continue;
		}

		for (i = 0; i < n; i++)
		{
			s[i] = xn[i] - x[i];
			y[i] = gn[i] - g[i];
			sy += s[i] * y[i];
			yy += y[i] * y[i];
			ss += s[i] * s[i];
		}
		if (sy > 1e-12 * sqrt(ss * yy))
		{
			double		rho,
						yhy = 0.0;

			if (!scaled)
			{
				/* Nocedal & Wright (6.20): scale before the first update */
				set_identity(n, h, sy / yy);
				scaled = true;
			}
			rho = 1.0 / sy;
			for (i = 0; i < n; i++)
			{
				hy[i] = 0.0;
				for (j = 0; j < n; j++)
					hy[i] += h[i][j] * y[j];
				yhy += y[i] * hy[i];
			}
			/* H+ = H - rho (s hy' + hy s') + (rho^2 y'Hy + rho) s s' */
			for (i = 0; i < n; i++)
				for (j = 0; j < n; j++)
					h[i][j] += -rho * (s[i] * hy[j] + hy[i] * s[j])
						+ (rho * rho * yhy + rho) * s[i] * s[j];
			identity = false;
			memcpy(hlast, h, sizeof(h));
		}
		memcpy(x, xn, sizeof(double) * n);
		memcpy(g, gn, sizeof(double) * n);
		/* steps that gain nothing above f's rounding: stalled too */
		if (f - fnew <= 4.0 * DBL_EPSILON * fmax(1.0, fabs(f)))
			flat++;
		else
			flat = 0;
		f = fnew;
		if (flat >= 5)
		{
			stalled = true;
			iter++;
			break;
		}
		if (opts->max_abs_x > 0.0 && max_abs(n, x) > opts->max_abs_x)
		{
			res->left_box = true;
			iter++;
			break;
		}
	}

	res->f = f;
	res->grad_max = max_abs(n, g);
	res->iterations = iter;
	res->evaluations = evals;
	res->converged = !res->left_box && ((res->grad_max <= opts->gtol) ||
										(stalled && stalled_at_optimum(n, f, g, hlast, opts)));
	return 0;
}

/* Nelder-Mead (Lagarias et al. coefficients); converged iff f spread small. */
int
cf_minimize_nelder_mead(int n, double *x, cf_objective_fn fn, void *ctx,
						const cf_opt_options *opts, cf_opt_result *res)
{
	double		v[CF_OPT_MAXDIM + 1][CF_OPT_MAXDIM];
	double		fv[CF_OPT_MAXDIM + 1];
	double		c[CF_OPT_MAXDIM],
				xr[CF_OPT_MAXDIM],
				xe[CF_OPT_MAXDIM];
	int			evals = 0,
				iter = 0,
				i,
				j;

	memset(res, 0, sizeof(*res));
	res->method = CF_OPT_NM_BFGS;
	if (n < 1 || n > CF_OPT_MAXDIM)
		return -1;
	memcpy(v[0], x, sizeof(double) * n);
	if (!eval_point(n, v[0], &fv[0], NULL, fn, ctx, &evals))
	{
		res->evaluations = evals;
		return -1;
	}
	for (i = 1; i <= n; i++)
	{
		double		step = opts->nm_step;
		int			tries;

		for (tries = 0; tries < 30; tries++)
		{
			memcpy(v[i], x, sizeof(double) * n);
			v[i][i - 1] += step;
			if (eval_point(n, v[i], &fv[i], NULL, fn, ctx, &evals))
				break;
			step *= -0.5;
		}
		if (tries == 30)
		{
			memcpy(v[i], x, sizeof(double) * n);
			fv[i] = fv[0];
		}
	}

	for (iter = 0; evals < opts->max_eval; iter++)
	{
		double		fr,
					fe;
		int			lo = 0,
					hi = 0,
					nh;

		cf_check_interrupts();
		/* order: find best, worst, second worst */
		for (i = 1; i <= n; i++)
		{
			if (fv[i] < fv[lo])
				lo = i;
			if (fv[i] > fv[hi])
				hi = i;
		}
		nh = (hi == 0) ? 1 : 0;
		for (i = 0; i <= n; i++)
			if (i != hi && fv[i] > fv[nh])
				nh = i;
		if (fv[hi] - fv[lo] <= opts->nm_ftol * (1.0 + fabs(fv[lo])))
		{
			res->converged = true;
			break;
		}
		if (iter >= 50 * opts->max_iter)
			break;

		for (j = 0; j < n; j++)
		{
			c[j] = 0.0;
			for (i = 0; i <= n; i++)
				if (i != hi)
					c[j] += v[i][j];
			c[j] /= n;
		}
		for (j = 0; j < n; j++)
			xr[j] = c[j] + (c[j] - v[hi][j]);
		if (!eval_point(n, xr, &fr, NULL, fn, ctx, &evals))
			fr = HUGE_VAL;
		if (fr < fv[lo])
		{
			for (j = 0; j < n; j++)
				xe[j] = c[j] + 2.0 * (c[j] - v[hi][j]);
			if (eval_point(n, xe, &fe, NULL, fn, ctx, &evals) && fe < fr)
			{
				memcpy(v[hi], xe, sizeof(double) * n);
				fv[hi] = fe;
			}
			else
			{
				memcpy(v[hi], xr, sizeof(double) * n);
				fv[hi] = fr;
			}
			continue;
		}
		if (fr < fv[nh])
		{
			memcpy(v[hi], xr, sizeof(double) * n);
			fv[hi] = fr;
			continue;
		}
		/* contraction: outside if the reflection improved on the worst */
		{
			double		fc;
			bool		outside = (fr < fv[hi]);

			for (j = 0; j < n; j++)
				xe[j] = outside ? c[j] + 0.5 * (xr[j] - c[j])
					: c[j] + 0.5 * (v[hi][j] - c[j]);
			if (eval_point(n, xe, &fc, NULL, fn, ctx, &evals) &&
				fc < (outside ? fr : fv[hi]))
			{
				memcpy(v[hi], xe, sizeof(double) * n);
				fv[hi] = fc;
				continue;
			}
		}
		/* shrink towards the best vertex */
		for (i = 0; i <= n; i++)
		{
			if (i == lo)
				continue;
			for (j = 0; j < n; j++)
				v[i][j] = v[lo][j] + 0.5 * (v[i][j] - v[lo][j]);
			if (!eval_point(n, v[i], &fv[i], NULL, fn, ctx, &evals))
				fv[i] = HUGE_VAL;
		}
	}

	{
		int			lo = 0;

		for (i = 1; i <= n; i++)
			if (fv[i] < fv[lo])
				lo = i;
		memcpy(x, v[lo], sizeof(double) * n);
		res->f = fv[lo];
	}
	res->iterations = iter;
	res->evaluations = evals;
	res->grad_max = NAN;
	return 0;
}

/* BFGS, then Nelder-Mead + BFGS polish if BFGS did not converge. */
int
cf_minimize(int n, double *x, cf_objective_fn fn, void *ctx,
			const cf_opt_options *opts, cf_opt_result *res)
{
	double		x0[CF_OPT_MAXDIM];
	cf_opt_result r1,
				r2,
				r3;
	cf_opt_options o = *opts;

	if (cf_minimize_bfgs(n, x, fn, ctx, opts, &r1) != 0)
	{
		*res = r1;
		return -1;
	}
	if (r1.converged || r1.left_box)
	{
		*res = r1;
		return 0;
	}

	memcpy(x0, x, sizeof(double) * n);
	o.max_eval = opts->max_eval - r1.evaluations;
	if (o.max_eval < 10 ||
		cf_minimize_nelder_mead(n, x, fn, ctx, &o, &r2) != 0)
	{
		memcpy(x, x0, sizeof(double) * n);
		*res = r1;
		return 0;
	}
	o.max_eval -= r2.evaluations;
	if (o.max_eval < 1 || cf_minimize_bfgs(n, x, fn, ctx, &o, &r3) != 0 ||
		r3.f > r1.f)
	{
		/* the fallback did no better: return the BFGS point */
		memcpy(x, x0, sizeof(double) * n);
		*res = r1;
		res->evaluations += r2.evaluations;
		res->iterations += r2.iterations;
		return 0;
	}
	*res = r3;
	res->method = CF_OPT_NM_BFGS;
	res->evaluations += r1.evaluations + r2.evaluations;
	res->iterations += r1.iterations + r2.iterations;
	return 0;
}

/* f at x + step * (e_i [+ e_j]) * sign; +infinity outside the domain. */
static double
probe(int n, const double *x, int i, int j, int sign, double step,
	  cf_objective_fn fn, void *ctx)
{
	double		xp[CF_OPT_MAXDIM],
				f;

	memcpy(xp, x, sizeof(double) * n);
	xp[i] += sign * step;
	if (j >= 0)
		xp[j] += sign * step;
	if (fn(xp, &f, NULL, ctx) != 0 || !isfinite(f))
		return HUGE_VAL;
	return f;
}

/* Look for a direction in which the minimum lies at infinity. */
bool
cf_opt_runaway(int n, const double *x, double f, cf_objective_fn fn, void *ctx,
			   double step, double tol, cf_opt_runaway_dir *dir)
{
	double		limit = f + tol * fmax(1.0, fabs(f));
	int			i,
				j,
				sign;

	for (i = 0; i < n; i++)
		for (sign = 1; sign >= -1; sign -= 2)
			if (probe(n, x, i, -1, sign, step, fn, ctx) <= limit)
			{
				dir->i = i;
				dir->j = -1;
				dir->sign = sign;
				return true;
			}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			for (sign = 1; sign >= -1; sign -= 2)
				if (probe(n, x, i, j, sign, step, fn, ctx) <= limit)
				{
					dir->i = i;
					dir->j = j;
					dir->sign = sign;
					return true;
				}
	return false;
}

/* "a grows without bound", "a and b fall towards 0", ... */
void
cf_opt_describe_runaway(const cf_opt_runaway_dir *dir, const char *const *names,
						char *buf, size_t len)
{
	if (dir->j < 0)
		snprintf(buf, len, "%s %s", names[dir->i],
				 dir->sign > 0 ? "grows without bound" : "falls towards 0");
	else
		snprintf(buf, len, "%s and %s %s", names[dir->i], names[dir->j],
				 dir->sign > 0 ? "grow without bound" : "fall towards 0");
}
