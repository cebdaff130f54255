/*
 * test_optimize.c — unit tests of the small minimisers (src/core/optimize.c)
 * on functions with known minima.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optimize.h"
#include "unit.h"

/* Rosenbrock in n dimensions, minimum 0 at (1, ..., 1). */
static int
rosen(const double *x, double *f, double *g, void *ctx)
{
	int			n = *(int *) ctx,
				i;

	*f = 0.0;
	if (g)
		memset(g, 0, sizeof(double) * n);
	for (i = 0; i + 1 < n; i++)
	{
		double		a = x[i + 1] - x[i] * x[i],
					b = 1.0 - x[i];

		*f += 100.0 * a * a + b * b;
		if (g)
		{
			g[i] += -400.0 * a * x[i] - 2.0 * b;
			g[i + 1] += 200.0 * a;
		}
	}
	return 0;
}

/* Smooth bowl with a wall: outside |x| < 3 the domain ends. */
static int
walled(const double *x, double *f, double *g, void *ctx)
{
	if (fabs(x[0]) >= 3.0 || fabs(x[1]) >= 3.0)
		return 1;
	*f = (x[0] - 2.5) * (x[0] - 2.5) + 10.0 * (x[1] + 1.0) * (x[1] + 1.0);
	if (g)
	{
		g[0] = 2.0 * (x[0] - 2.5);
		g[1] = 20.0 * (x[1] + 1.0);
	}
	return 0;
}

/* Gradient that lies (sign flipped): BFGS cannot descend, NM must. */
static int
liar(const double *x, double *f, double *g, void *ctx)
{
	*f = (x[0] - 1.0) * (x[0] - 1.0) + (x[1] - 2.0) * (x[1] - 2.0);
	if (g)
	{
		g[0] = -2.0 * (x[0] - 1.0);
		g[1] = -2.0 * (x[1] - 2.0);
	}
	return 0;
}

/* Minimum at x0 -> infinity (e^-x0 falls towards 0), x1 = 1. */
static int
runaway(const double *x, double *f, double *g, void *ctx)
{
	*f = exp(-x[0]) + (x[1] - 1.0) * (x[1] - 1.0);
	if (g)
	{
		g[0] = -exp(-x[0]);
		g[1] = 2.0 * (x[1] - 1.0);
	}
	return 0;
}

int
main(void)
{
	cf_opt_options o;
	cf_opt_result r;
	int			n,
				i;

	cf_opt_default_options(&o);
	for (n = 2; n <= 6; n += 2)
	{
		double		x[6];

		for (i = 0; i < n; i++)
			x[i] = (i % 2) ? 1.0 : -1.2;
		o.max_iter = 2000;
		o.max_eval = 10000;
		CHECK(cf_minimize(n, x, rosen, &n, &o, &r) == 0);
		CHECK(r.converged);
		for (i = 0; i < n; i++)
			CHECK_NEAR(x[i], 1.0, 1e-6);
	}
	cf_opt_default_options(&o);
	{
		double		x[2] = {0, 0};

		CHECK(cf_minimize(2, x, walled, NULL, &o, &r) == 0);
		CHECK(r.converged);
		CHECK_NEAR(x[0], 2.5, 1e-8);
		CHECK_NEAR(x[1], -1.0, 1e-8);
	}
	{
		double		x[2] = {5, 5};

		CHECK(cf_minimize(2, x, walled, NULL, &o, &r) == -1);
		CHECK(x[0] == 5 && x[1] == 5);
	}
	{
		double		x[2] = {0, 0};
		int			two = 2;

		CHECK(cf_minimize_nelder_mead(2, x, rosen, &two, &o, &r) == 0);
		CHECK(r.converged);
		CHECK_NEAR(x[0], 1.0, 1e-4);
		CHECK_NEAR(x[1], 1.0, 1e-4);
	}
	{
		double		x[2] = {0, 0};

		/* BFGS fails, the fallback still finds the minimum but the lying
		 * gradient never gets small: not converged */
		CHECK(cf_minimize(2, x, liar, NULL, &o, &r) == 0);
		CHECK_NEAR(x[0], 1.0, 1e-4);
		CHECK_NEAR(x[1], 2.0, 1e-4);
	}
	{
		double		x[2] = {-1.2, 1.0};
		int			two = 2;

		o.max_iter = 3;
		CHECK(cf_minimize_bfgs(2, x, rosen, &two, &o, &r) == 0);
		CHECK(!r.converged);
		CHECK(r.iterations == 3);
	}
	{
		/* the box: BFGS stops as soon as an iterate leaves it, and
		 * cf_minimize returns that point (no Nelder-Mead) */
		double		x[2] = {0, 0};
		int			run;

		for (run = 0; run < 2; run++)
		{
			cf_opt_default_options(&o);
			o.max_abs_x = 10.0;
			x[0] = x[1] = 0.0;
			CHECK((run ? cf_minimize(2, x, runaway, NULL, &o, &r)
				   : cf_minimize_bfgs(2, x, runaway, NULL, &o, &r)) == 0);
			CHECK(r.left_box);
			CHECK(!r.converged);
			CHECK(r.method == CF_OPT_BFGS);
			CHECK(x[0] > 10.0 && x[0] <= 12.0);	/* one step (<= max_step) past it */
			CHECK(r.evaluations < 60);
		}
		/* without a box BFGS follows x0 until the gradient is below gtol */
		cf_opt_default_options(&o);
		x[0] = x[1] = 0.0;
		CHECK(cf_minimize(2, x, runaway, NULL, &o, &r) == 0);
		CHECK(!r.left_box);
		CHECK(x[0] > 18.0);
	}
	CHECK(cf_minimize(0, NULL, rosen, NULL, &o, &r) == -1);
	CHECK(cf_minimize(CF_OPT_MAXDIM + 1, NULL, rosen, NULL, &o, &r) == -1);
	return unit_report("optimize");
}
