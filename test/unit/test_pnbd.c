/*
 * test_pnbd.c — unit tests of the Pareto/NBD core (src/core/pnbd.c).
 * Expected values: the published CDNOW fit (Fader, Hardie & Lee 2005), the
 * likelihood's A0 term by direct numerical integration of its definition,
 * the gradient against central differences, and P(alive), expected
 * purchases and ln L against mpmath at 50 digits from FH's own 2F1 form
 * (test/unit/mbgnbd_pnbd_reference.csv; test/scripts/mbgnbd_pnbd_reference.py).
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pnbd.h"
#include "cdnow_data.h"
#include "unit.h"

#ifndef CF_SOURCE_DIR
#define CF_SOURCE_DIR "."
#endif

static size_t
make_summary(const int *x, const double *tx, const double *T, size_t n,
			 cf_bgnbd_entry *out)
{
	size_t		i,
				m;
	cf_error err;

	for (i = 0; i < n; i++)
		if (cf_bgnbd_make_entry(x[i], tx[i], T[i], &out[i], &err) != 0)
			abort();
	cf_model_state_compact(&cf_bgnbd_layout, out, n, &m, &err);
	return m;
}

/*
 * G(y) = int_y^inf (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau by Simpson's
 * rule in v = 1/(1 + tau - y) on (0, 1] (the integrand vanishes at v = 0
 * like v^(r+x+s-1), r + x + s > 1 in the cases used).
 */
static double
g_quadrature(const cf_pnbd_params *p, double x, double y)
{
	const int	N = 200000;
	double		h = 1.0 / N,
				sum = 0.0;
	int			i;

	for (i = 0; i <= N; i++)
	{
		double		v = i * h,
					f = 0.0;

		if (v > 0.0)
		{
			double		tau = y + 1.0 / v - 1.0;

			f = pow(p->alpha + tau, -(p->r + x)) * pow(p->beta + tau, -(p->s + 1.0)) / (v * v);
		}
		sum += f * ((i == 0 || i == N) ? 1.0 : (i % 2) ? 4.0 : 2.0);
	}
	return sum * h / 3.0;
}

static void
test_log_g(void)
{
	cf_pnbd_params ps[] = {
		{0.553, 10.578, 0.606, 11.669},	/* alpha < beta */
		{0.8, 12.0, 1.3, 3.0},			/* alpha > beta */
		{1.5, 5.0, 0.9, 5.0},			/* alpha = beta */
	};
	double		xs[] = {1, 3, 10};
	double		ys[] = {0, 2.5, 30};
	int			i,
				j,
				k;
	cf_error err;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			for (k = 0; k < 3; k++)
			{
				double		lg,
							d[4],
							h = 1e-6;
				int			c;

				CHECK(cf_pnbd_log_g(&ps[i], xs[j], ys[k], &lg, d, &err) == CF_OK);
				CHECK_NEAR(lg, log(g_quadrature(&ps[i], xs[j], ys[k])), 1e-9);
				for (c = 0; c < 4; c++)
				{
					cf_pnbd_params q = ps[i];
					double	   *v = (c == 0) ? &q.r : (c == 1) ? &q.alpha : (c == 2) ? &q.s : &q.beta;
					double		base = *v,
								lp,
								lm;

					*v = base * (1 + h);
					cf_pnbd_log_g(&q, xs[j], ys[k], &lp, NULL, &err);
					*v = base * (1 - h);
					cf_pnbd_log_g(&q, xs[j], ys[k], &lm, NULL, &err);
					CHECK_NEAR(d[c] * base, (lp - lm) / (2 * h), 1e-7);
				}
			}
}

/*
 * z near 1 (alpha and beta far apart): G by the incomplete-beta form.
 * Values against mpmath are in the reference rows (pnbd_log_g); here its
 * derivatives against central differences, and continuity where the series
 * hands over (z crossing 0.95 as beta grows).
 */
static void
test_log_g_quadrature(void)
{
	cf_pnbd_params ps[] = {
		{0.5, 1.0, 0.5, 1e6},
		{3.0, 1e5, 0.8, 2.0},
		{11331.07, 121151.8, 1.974, 71.15},
		{0.2, 0.5, 2.5, 400.0},
	};
	double		xs[] = {0, 1, 7, 150};
	double		ys[] = {0, 3.5, 78};
	int			i,
				j,
				k,
				c;
	cf_error err;

	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			for (k = 0; k < 3; k++)
			{
				double		lg,
							d[4],
							h = 1e-4;	/* wider steps than the series' (quadrature noise ~1e-15) */

				CHECK(cf_pnbd_log_g(&ps[i], xs[j], ys[k], &lg, d, &err) == CF_OK);
				CHECK(isfinite(lg));
				for (c = 0; c < 4; c++)
				{
					cf_pnbd_params q = ps[i];
					double	   *v = (c == 0) ? &q.r : (c == 1) ? &q.alpha : (c == 2) ? &q.s : &q.beta;
					double		base = *v,
								lp,
								lm;

					*v = base * (1 + h);
					cf_pnbd_log_g(&q, xs[j], ys[k], &lp, NULL, &err);
					*v = base * (1 - h);
					cf_pnbd_log_g(&q, xs[j], ys[k], &lm, NULL, &err);
					CHECK_NEAR(d[c] * base, (lp - lm) / (2 * h), 1e-6 * (1 + fabs(d[c] * base)));
				}
			}
	/* beta from 20 to 2000 (z from 0.95 to 0.9995 at y = 0): ln G smooth across the hand-over */
	{
		cf_pnbd_params p = {0.5, 1.0, 0.7, 20.0};
		double		prev = NAN,
					prev_step = NAN,
					worst = 0.0;
		int			n;

		for (n = 0; n <= 400; n++)
		{
			double		lg;

			p.beta = 20.0 * pow(100.0, n / 400.0);
			CHECK(cf_pnbd_log_g(&p, 0.0, 0.0, &lg, NULL, &err) == CF_OK);
			if (n >= 2)
			{
				double		step = lg - prev;

				worst = fmax(worst, fabs(step - prev_step));
				prev_step = step;
			}
			else if (n == 1)
				prev_step = lg - prev;
			prev = lg;
		}
		/* second differences of a smooth function on this grid are about 1e-5 */
		CHECK(worst < 1e-3);
		printf("ln G across the series/incomplete-beta hand-over: largest second difference %.3g\n", worst);
	}
}

static void
test_objective(void)
{
	int			x[] = {0, 0, 1, 2, 5, 7, 1, 3};
	double		tx[] = {0, 0, 3.5, 10, 20.25, 30, 0.5, 12};
	double		T[] = {5, 40, 20, 30, 38, 30, 1, 12};
	cf_bgnbd_entry e[8];
	size_t		n = make_summary(x, tx, T, 8, e),
				i;
	cf_pnbd_params ps[] = {{0.553, 10.578, 0.606, 11.669}, {0.8, 12.0, 1.3, 3.0}};
	cf_error err;
	int			c,
				j;

	for (c = 0; c < 2; c++)
	{
		cf_pnbd_params p = ps[c];
		double		want = 0.0,
					f,
					g[4],
					theta[4] = {log(p.r), log(p.alpha), log(p.s), log(p.beta)},
					h = 1e-6;

		for (i = 0; i < 8; i++)
		{
			double		l;

			CHECK(cf_pnbd_log_likelihood1(&p, x[i], tx[i], T[i], &l, &err) == CF_OK);
			want += l;
		}
		CHECK(cf_pnbd_objective(e, n, &cf_malloc_allocator, theta, &f, g, &err) == CF_OK);
		CHECK_REL(-f * 8, want, 1e-13);
		for (j = 0; j < 4; j++)
		{
			double		th[4],
						fp,
						fm;

			memcpy(th, theta, sizeof(th));
			th[j] += h;
			cf_pnbd_objective(e, n, &cf_malloc_allocator, th, &fp, NULL, &err);
			th[j] -= 2 * h;
			cf_pnbd_objective(e, n, &cf_malloc_allocator, th, &fm, NULL, &err);
			CHECK_NEAR(g[j], (fp - fm) / (2 * h), 1e-8);
		}
	}
}

/*
 * The objective adds e^U + e^D per customer in a form scaled per x (one
 * logarithm each) and falls back to logarithms where that form underflows:
 * with x = 300 and T from 2 to 5000, U and D span ~1,800 nats within one x,
 * so some customers take each form (and t_x = T, where D = 0).  Both against
 * the per-customer ln L (cf_pnbd_log_likelihood1, logarithms throughout),
 * the gradient against central differences.
 */
static void
test_objective_forms(void)
{
	int			x[] = {300, 300, 300, 300, 300, 300, 0, 0, 1, 40};
	double		tx[] = {1, 1, 4999, 5000, 2, 2500, 0, 0, 0.5, 4000},
				T[] = {2, 5000, 5000, 5000, 2, 4000, 0.5, 5000, 5000, 5000};
	cf_bgnbd_entry e[10];
	size_t		n = make_summary(x, tx, T, 10, e),
				i;
	cf_pnbd_params p = {0.553, 10.578, 0.606, 11.669};
	double		theta[4] = {log(p.r), log(p.alpha), log(p.s), log(p.beta)},
				want = 0.0,
				f,
				g[4],
				h = 1e-5;
	cf_error	err;
	int			j;

	for (i = 0; i < 10; i++)
	{
		double		l;

		CHECK(cf_pnbd_log_likelihood1(&p, x[i], tx[i], T[i], &l, &err) == CF_OK);
		want += l;
	}
	CHECK(cf_pnbd_objective(e, n, &cf_malloc_allocator, theta, &f, g, &err) == CF_OK);
	CHECK_REL(-f * 10, want, 1e-13);
	for (j = 0; j < 4; j++)
	{
		double		th[4],
					fp,
					fm;

		memcpy(th, theta, sizeof(th));
		th[j] += h;
		CHECK(cf_pnbd_objective(e, n, &cf_malloc_allocator, th, &fp, NULL, &err) == CF_OK);
		th[j] -= 2 * h;
		CHECK(cf_pnbd_objective(e, n, &cf_malloc_allocator, th, &fm, NULL, &err) == CF_OK);
		CHECK_NEAR(g[j], (fp - fm) / (2 * h), 1e-6 * fmax(1.0, fabs(g[j])));
	}
}

/*
 * The objective's mean is summed with compensation: near the optimum a BFGS
 * step changes f by ~1e-16 relative, and plain sums over many customers
 * carry more rounding than that (the line search then judged steps by noise
 * and a 1M-customer fit took 59 evaluations instead of 27).  3,000 simulated
 * customers, one of them counted 10^9 times (its term dwarfs the others that
 * are added to it), against an exact-to-~1e-30 sum of the per-customer ln L
 * (each product split by fma, every sum's error kept by TwoSum; not long
 * double, which valgrind computes in double precision).
 */
static void
test_objective_sum(void)
{
	static cf_bgnbd_entry e[3000];
	static int	x[3000];
	static double tx[3000],
				T[3000];
	cf_pnbd_params truth = {0.553, 10.578, 0.606, 11.669},
				p = {0.55, 10.5, 0.6, 11.7};
	double		theta[4] = {log(p.r), log(p.alpha), log(p.s), log(p.beta)},
				f,
				N = 0.0,
				want = 0.0,
				want_lo = 0.0;
	cf_error	err;
	size_t		n,
				i;

	for (i = 0; i < 3000; i++)
	{
		int32_t		xi;

		T[i] = 20 + (double) (i % 59);
		CHECK(cf_pnbd_simulate(&truth, T[i], i + 1, &xi, &tx[i], &err) == CF_OK);
		x[i] = xi;
	}
	n = make_summary(x, tx, T, 3000, e);
	e[n / 2].count = 1000000000;
	for (i = 0; i < n; i++)
	{
		double		l;

		CHECK(cf_pnbd_log_likelihood1(&p, e[i].x, e[i].t_x, e[i].T, &l, &err) == CF_OK);
		double		prod = (double) e[i].count * l,
					parts[2] = {prod, fma((double) e[i].count, l, -prod)};
		int			k;

		for (k = 0; k < 2; k++)
		{
			double		t = want + parts[k],
						z = t - want;

			want_lo += (want - (t - z)) + (parts[k] - z);
			want = t;
		}
		N += (double) e[i].count;
	}
	CHECK(cf_pnbd_objective(e, n, &cf_malloc_allocator, theta, &f, NULL, &err) == CF_OK);
	want += want_lo;
	printf("objective of %zu distinct customers (one counted 10^9): relative error %.3g\n",
		   n, fabs((-f * N - want) / want));
	CHECK_REL(-f * N, want, 2e-16);
}

/*
 * The 400 profiles of sql/pnbd.sql (customer c buys on days (37 c + 11 k^2)
 * mod 300 of 2024, k = 0 .. c mod 6; T to 2025-01-01; weeks) drive the fit
 * to the Poisson limit r, alpha -> infinity at a fixed r/alpha.  Far out the
 * likelihood keeps only ~9 digits (r ~ e^70) and the fit wandered there for
 * ~800 evaluations (2,000 before the compensated sum); it now stops once a
 * parameter passes e^40 (max_abs_theta) and names the pair.  Its
 * log-likelihood is then within 10^-4 (relative) of the one 10 nats further
 * out along (r, alpha).
 */
static void
test_poisson_limit(void)
{
	static cf_bgnbd_entry e[400];
	int			x[400];
	double		tx[400],
				T[400],
				theta[4],
				f_far;
	cf_pnbd_fit_result res;
	cf_error	err;
	size_t		n;
	int			c;

	for (c = 1; c <= 400; c++)
	{
		bool		seen[300] = {false};
		int			first = 300,
					last = -1,
					days = 0,
					k;

		for (k = 0; k <= c % 6; k++)
		{
			int			d = (37 * c + 11 * k * k) % 300;

			days += !seen[d];
			seen[d] = true;
			first = d < first ? d : first;
			last = d > last ? d : last;
		}
		x[c - 1] = days - 1;
		tx[c - 1] = (last - first) / 7.0;
		T[c - 1] = (366 - first) / 7.0;
	}
	n = make_summary(x, tx, T, 400, e);
	CHECK(cf_pnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
	printf("Poisson limit: r=%g alpha=%g s=%g beta=%g LL=%.6f evals=%d boundary='%s'\n",
		   res.p.r, res.p.alpha, res.p.s, res.p.beta, res.fit.log_likelihood,
		   res.fit.evaluations, res.fit.boundary);
	CHECK(!res.fit.converged);
	CHECK(strcmp(res.fit.boundary, "r and alpha grow without bound") == 0);
	CHECK(res.fit.evaluations <= 100);
	CHECK(log(res.p.alpha) > 40.0 && log(res.p.alpha) <= 42.0);
	theta[0] = log(res.p.r) + 10.0;
	theta[1] = log(res.p.alpha) + 10.0;
	theta[2] = log(res.p.s);
	theta[3] = log(res.p.beta);
	CHECK(cf_pnbd_objective(e, n, &cf_malloc_allocator, theta, &f_far, NULL, &err) == CF_OK);
	CHECK_NEAR(res.fit.log_likelihood, -f_far * 400.0, 1e-4 * fabs(res.fit.log_likelihood));
}

/*
 * Large x and long T (the peers test x = 132..200): P(alive) finite in
 * [0, 1] and E[Y] finite and smooth in x (successive ratios change slowly).
 */
static void
test_large_x(void)
{
	cf_pnbd_params p = {0.553, 10.578, 0.606, 11.669};
	double		Ts[] = {78.0, 2000.0};
	int			c;
	cf_error err;

	for (c = 0; c < 2; c++)
	{
		double		prev = NAN,
					prev_ratio = NAN;
		int			x,
					bad = 0;

		for (x = 100; x <= 260; x++)
		{
			double		pa,
						ey;

			if (cf_pnbd_p_alive(&p, x, Ts[c] - 8.0, Ts[c], &pa, &err) != CF_OK ||
				cf_pnbd_expected_purchases(&p, 39.0, x, Ts[c] - 8.0, Ts[c], &ey, &err) != CF_OK ||
				!(pa >= 0.0 && pa <= 1.0) || !isfinite(ey) || !(ey >= 0.0))
			{
				bad++;
				continue;
			}
			if (x > 100 && prev > 0.0)
			{
				double		ratio = ey / prev;

				if (x > 101 && !(fabs(ratio - prev_ratio) < 0.05 * prev_ratio))
					bad++;
				prev_ratio = ratio;
			}
			prev = ey;
		}
		CHECK(bad == 0);
	}
}

static void
test_degenerate(void)
{
	int			x[] = {0, 0, 0};
	double		tx[] = {0, 0, 0};
	double		T[] = {5, 10, 30};
	cf_bgnbd_entry e[3];
	size_t		n = make_summary(x, tx, T, 3, e);
	cf_pnbd_fit_result res;
	cf_error err;
	int			x1[] = {3};
	double		tx1[] = {10};
	double		T1[] = {30};

	CHECK(cf_pnbd_fit(e, 0, &cf_malloc_allocator, NULL, &res, &err) == CF_EINVAL);
	CHECK(cf_pnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_EINVAL);
	CHECK(strstr(err.detail, "repeat purchase") != NULL);
	n = make_summary(x1, tx1, T1, 1, e);
	CHECK(cf_pnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
	CHECK(isfinite(res.p.r) && isfinite(res.p.alpha) && isfinite(res.p.s) &&
		  isfinite(res.p.beta) && isfinite(res.fit.log_likelihood));
	CHECK(res.fit.boundary[0] == '\0' || !res.fit.converged);
	printf("one customer: r=%g alpha=%g s=%g beta=%g LL=%g converged=%d boundary='%s'\n",
		   res.p.r, res.p.alpha, res.p.s, res.p.beta, res.fit.log_likelihood, res.fit.converged, res.fit.boundary);
}

static void
test_cdnow_fit(void)
{
	static cf_bgnbd_entry e[3000];
	size_t		read,
				n = cdnow_read_summary(e, 3000, &read);
	cf_pnbd_fit_result res;
	cf_error err;

	if (n == 0)
		return;
	CHECK(read == 2357);
	CHECK(cf_pnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
	printf("CDNOW Pareto/NBD fit: r=%.4f alpha=%.4f s=%.4f beta=%.4f LL=%.3f converged=%d iter=%d evals=%d\n",
		   res.p.r, res.p.alpha, res.p.s, res.p.beta, res.fit.log_likelihood, res.fit.converged,
		   res.fit.iterations, res.fit.evaluations);
	CHECK(res.fit.converged);
	CHECK(res.fit.n == 2357);
	/* the published values to their 3 decimals (beta: 11.6679 here, 11.669 published; 0.01 %) */
	CHECK_REL(res.p.r, 0.553, 1e-3);
	CHECK_REL(res.p.alpha, 10.578, 1e-3);
	CHECK_REL(res.p.s, 0.606, 1e-3);
	CHECK_REL(res.p.beta, 11.669, 1e-3);
	CHECK_NEAR(res.fit.log_likelihood, -9595.0, 0.05);
}

#define FAMILY "pnbd"

/* The core's value of reference row fn (without the family prefix). */
static int
reference_value(const char *fn, double r, double al, double s, double beta, long x,
				double tx, double T, double h, double *v, cf_error *err)
{
	cf_pnbd_params p = {r, al, s, beta};

	if (strcmp(fn, "log_g") == 0)
		return cf_pnbd_log_g(&p, (double) x, tx, v, NULL, err);
	if (strcmp(fn, "ll") == 0)
		return cf_pnbd_log_likelihood1(&p, x, tx, T, v, err);
	if (strcmp(fn, "p_alive") == 0)
		return cf_pnbd_p_alive(&p, x, tx, T, v, err);
	if (strcmp(fn, "expected") == 0)
		return cf_pnbd_expected_purchases(&p, h, x, tx, T, v, err);
	if (strcmp(fn, "expected_new") == 0)
		return cf_pnbd_expected_purchases_new(&p, h, v, err);
	if (strcmp(fn, "pmf_new") == 0)
		return cf_pnbd_pmf_new(&p, x, h, v, err);
	if (strcmp(fn, "p_no_purchase") == 0)
		return cf_pnbd_p_no_purchase(&p, h, x, tx, T, v, err);
	return CF_EINVAL;
}

/*
 * The scoring by keys that the glue memoises (cf_pnbd_log_gs per (x, y),
 * cf_pnbd_p_alive_gs, cf_pnbd_expected_purchases_pa) gives the direct
 * functions' values bit for bit: true when fn is not a prediction.
 */
static bool
key_path_equal(const char *fn, double r, double al, double s, double beta, long x,
			   double tx, double T, double h, double v)
{
	cf_pnbd_params p = {r, al, s, beta};
	double		gt,
				gT,
				pa,
				e;
	cf_error	err;

	if (strcmp(fn, "p_alive") != 0 && strcmp(fn, "expected") != 0)
		return true;
	if (cf_pnbd_log_gs(&p, (double) x, tx, &gt, &err) != CF_OK ||
		cf_pnbd_log_gs(&p, (double) x, T, &gT, &err) != CF_OK)
		return false;
	pa = cf_pnbd_p_alive_gs(&p, x, T, gt, gT);
	if (strcmp(fn, "p_alive") == 0)
		return memcmp(&pa, &v, sizeof(v)) == 0;
	if (cf_pnbd_expected_purchases_pa(&p, h, x, T, pa, &e, &err) != CF_OK)
		return false;
	return memcmp(&e, &v, sizeof(v)) == 0;
}

/*
 * Every FAMILY row of test/unit/mbgnbd_pnbd_reference.csv (mpmath at 50 and 80
 * digits from the published closed forms; test/scripts/mbgnbd_pnbd_reference.py)
 * to 1e-10 relative.
 */
static void
test_reference(void)
{
	FILE	   *f = fopen(CF_SOURCE_DIR "/test/unit/mbgnbd_pnbd_reference.csv", "r");
	char		line[512];
	double		worst = 0.0,
				worst_g = 0.0;
	int			n = 0,
				ng = 0,
				nkey = 0;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f))
	{
		char		fn[40];
		double		r, al, p3, p4, tx, T, h, ref, v = NAN, rel;
		long		x;
		int			rc;
		cf_error err;

		if (sscanf(line, "%39[a-z_],%lf,%lf,%lf,%lf,%ld,%lf,%lf,%lf,%lf",
				   fn, &r, &al, &p3, &p4, &x, &tx, &T, &h, &ref) != 10)
		{
			CHECK(!"unreadable reference row");
			continue;
		}
		if (strncmp(fn, FAMILY "_", strlen(FAMILY) + 1) != 0)
			continue;
		n++;
		rc = reference_value(fn + strlen(FAMILY) + 1, r, al, p3, p4, x, tx, T, h, &v, &err);
		if (strcmp(fn, FAMILY "_log_g") == 0)
		{
			/* ln G: its error relative to max(1, |ln G|), to 1e-13 (G itself to ~1e-13 relative) */
			rel = (rc != CF_OK) ? INFINITY : fabs(v - ref) / fmax(1.0, fabs(ref));
			if (!(rel <= 1e-13))
				fprintf(stderr, "%s: got %.17g (rc %d), error %.3g\n", line, v, rc, rel);
			CHECK(rel <= 1e-13);
			if (rel > worst_g)
				worst_g = rel;
			ng++;
			continue;
		}
		rel = (rc != CF_OK) ? INFINITY : (ref == 0.0) ? fabs(v) / 1e-300 : fabs(v - ref) / fabs(ref);
		if (!(rel <= 1e-10))
			fprintf(stderr, "%s: got %.17g (rc %d), relative error %.3g\n", line, v, rc, rel);
		CHECK(rel <= 1e-10);
		if (!key_path_equal(fn + strlen(FAMILY) + 1, r, al, p3, p4, x, tx, T, h, v))
			fprintf(stderr, "%s: the scoring by keys differs from %.17g\n", line, v);
		CHECK(key_path_equal(fn + strlen(FAMILY) + 1, r, al, p3, p4, x, tx, T, h, v));
		nkey += strcmp(fn, FAMILY "_p_alive") == 0 || strcmp(fn, FAMILY "_expected") == 0;
		if (rel > worst)
			worst = rel;
	}
	fclose(f);
	printf("%s: %d reference values, worst relative error %.3g; %d values of ln G, worst error %.3g\n",
		   FAMILY, n - ng, worst, ng, worst_g);
	CHECK(n - ng >= 500);
	CHECK(ng >= 200);
	CHECK(nkey >= 300);
}

/*
 * P(X(t) = n) of a new customer sums to 1 over n and its mean is
 * cf_pnbd_expected_purchases_new (another formula), also where the mass lies
 * at n in the tens of thousands (r = 5, alpha = 0.05: 100 purchases per unit;
 * every term is a fresh integral, so their sum checks the large-n values).
 */
static void
test_pmf_new_sums(void)
{
	cf_pnbd_params ps[] = {{0.553, 10.578, 0.606, 11.669}, {0.8, 12.0, 1.3, 3.0},
	{2.0, 300.0, 0.3, 0.4}, {0.5, 1.0, 0.5, 1e6}, {5.0, 0.05, 0.5, 10.0}};
	double		hs[] = {39.0, 520.0, 520.0, 520.0, 50.0};
	size_t		k;

	for (k = 0; k < sizeof(ps) / sizeof(ps[0]); k++)
	{
		double		sum = 0.0,
					mean = 0.0,
					peak = 0.0,
					en,
					v = 0.0;
		int64_t		n;
		cf_error	err;

		for (n = 0; n < 1000000; n++)
		{
			if (cf_pnbd_pmf_new(&ps[k], n, hs[k], &v, &err) != CF_OK)
				break;
			CHECK(v >= 0.0 && v <= 1.0);
			sum += v;
			mean += (double) n * v;
			peak = fmax(peak, v);
			if (n > 1000 && v < 1e-22 * peak)
				break;
		}
		CHECK(v < 1e-22 * peak);
		CHECK(cf_pnbd_expected_purchases_new(&ps[k], hs[k], &en, &err) == CF_OK);
		printf("pmf_new model %zu, h = %g: %lld terms, sum - 1 = %.3g, mean / expected_new - 1 = %.3g\n",
			   k, hs[k], (long long) n, sum - 1.0, mean / en - 1.0);
		CHECK_NEAR(sum, 1.0, 1e-13);
		CHECK_REL(mean, en, 1e-12);
	}
}

/*
 * The existing customer's PMF: sums to 1, n = 0 is P(no purchase), its mean
 * is cf_pnbd_expected_purchases, and at x = t_x = T = 0 (alive for sure) it
 * is the new customer's; P(no purchase) in a window of 0 is 1 (to an ulp).
 */
static void
test_conditional_pmf(void)
{
	cf_pnbd_params p = {0.553, 10.578, 0.606, 11.669};
	int			xs[] = {0, 1, 2, 5, 20, 150};
	double		txs[] = {0.0, 1.71, 30.43, 38.86, 70.0, 77.5},
				Ts[] = {38.86, 38.86, 38.86, 38.86, 78.0, 78.0};
	size_t		k;
	cf_error	err;

	for (k = 0; k < sizeof(xs) / sizeof(xs[0]); k++)
	{
		double		sum = 0.0,
					mean = 0.0,
					v = 0.0,
					p0,
					ey,
					c0 = -1.0;
		int64_t		n;

		for (n = 0; n < 100000; n++)
		{
			CHECK(cf_pnbd_pmf(&p, n, 39.0, xs[k], txs[k], Ts[k], &v, &err) == CF_OK);
			if (n == 0)
				c0 = v;
			sum += v;
			mean += (double) n * v;
			if (n > 50 && v < 1e-22)
				break;
		}
		CHECK(cf_pnbd_p_no_purchase(&p, 39.0, xs[k], txs[k], Ts[k], &p0, &err) == CF_OK);
		CHECK(cf_pnbd_expected_purchases(&p, 39.0, xs[k], txs[k], Ts[k], &ey, &err) == CF_OK);
		CHECK(c0 == p0);
		CHECK_NEAR(sum, 1.0, 1e-13);
		CHECK_REL(mean, ey, 1e-12);
		/* (1 - P(alive)) + P(alive) 1: 1 within an ulp (bgnbd.h's cf_pmf_mix) */
		CHECK(cf_pnbd_p_no_purchase(&p, 0.0, xs[k], txs[k], Ts[k], &v, &err) == CF_OK);
		CHECK_NEAR(v, 1.0, 0x1p-52);
	}
	/* the scoring path (two ln G keys and the logit) equals the direct one bit for bit */
	for (k = 0; k < sizeof(xs) / sizeof(xs[0]); k++)
	{
		double		gt,
					gT,
					direct,
					alive,
					n3;

		CHECK(cf_pnbd_log_gs(&p, xs[k], txs[k], &gt, &err) == CF_OK);
		CHECK(cf_pnbd_log_gs(&p, xs[k], Ts[k], &gT, &err) == CF_OK);
		CHECK(cf_pnbd_pmf_alive(&p, 0, 26.0, xs[k], Ts[k], &alive, &err) == CF_OK);
		CHECK(cf_pnbd_p_no_purchase(&p, 26.0, xs[k], txs[k], Ts[k], &direct, &err) == CF_OK);
		CHECK(cf_pmf_mix(0, cf_pnbd_dropout_logit_gs(&p, xs[k], Ts[k], gt, gT), alive) == direct);
		CHECK(cf_pnbd_pmf_alive(&p, 3, 26.0, xs[k], Ts[k], &alive, &err) == CF_OK);
		CHECK(cf_pnbd_pmf(&p, 3, 26.0, xs[k], txs[k], Ts[k], &n3, &err) == CF_OK);
		CHECK(cf_pmf_mix(3, cf_pnbd_dropout_logit_gs(&p, xs[k], Ts[k], gt, gT), alive) == n3);
	}
	for (k = 0; k < 4; k++)
	{
		double		a,
					b;

		CHECK(cf_pnbd_pmf(&p, (int64_t) k * 3, 39.0, 0, 0.0, 0.0, &a, &err) == CF_OK);
		CHECK(cf_pnbd_pmf_new(&p, (int64_t) k * 3, 39.0, &b, &err) == CF_OK);
		CHECK_REL(a, b, 1e-15);
	}
}

/*
 * Against the model's own simulation: cf_pnbd_simulate continues the same
 * purchase path for the same seed, so simulating each customer to T + h
 * tells whether it bought in (T, T + h].  Over 20,000 customers the mean
 * predicted P(no purchase) is within 4 standard errors of the observed
 * share, while the formula that forgets deaths inside the window ((1 -
 * P(alive)) + P(alive) ((alpha+T)/(alpha+T+h))^(r+x), the BG/NBD's) and the
 * one that scores the window with the prior instead of the posterior
 * (P_new(X(h) = 0; r, alpha, s, beta)) are each more than 6 off.
 */
static void
test_simulation(void)
{
	cf_pnbd_params p = {0.553, 10.578, 0.606, 11.669};
	const int	N = 20000;
	double		h = 52.0,
				pred = 0.0,
				no_death = 0.0,
				prior = 0.0,
				obs = 0.0,
				q0,
				m,
				se;
	int			i;
	cf_error	err;

	CHECK(cf_pnbd_pmf_new(&p, 0, h, &q0, &err) == CF_OK);
	for (i = 1; i <= N; i++)
	{
		double		T = 20.0 + (double) (i % 59),
					tx,
					tx2,
					v,
					pa;
		int32_t		x,
					x2;

		CHECK(cf_pnbd_simulate(&p, T, (uint64_t) i, &x, &tx, &err) == CF_OK);
		CHECK(cf_pnbd_simulate(&p, T + h, (uint64_t) i, &x2, &tx2, &err) == CF_OK);
		CHECK(x2 >= x);
		CHECK(cf_pnbd_p_no_purchase(&p, h, x, tx, T, &v, &err) == CF_OK);
		CHECK(cf_pnbd_p_alive(&p, x, tx, T, &pa, &err) == CF_OK);
		pred += v;
		no_death += (1.0 - pa) + pa * pow((p.alpha + T) / (p.alpha + T + h), p.r + x);
		prior += (1.0 - pa) + pa * q0;
		obs += (x2 == x);
	}
	m = obs / N;
	se = sqrt(m * (1.0 - m) / N);
	printf("simulation, h = %g, %d customers: observed %.4f (SE %.4f), predicted %.4f (%.1f SE), "
		   "without deaths in the window %.4f (%.1f SE), prior %.4f (%.1f SE)\n",
		   h, N, m, se, pred / N, (pred / N - m) / se, no_death / N, (no_death / N - m) / se,
		   prior / N, (prior / N - m) / se);
	CHECK(fabs(pred / N - m) < 4.0 * se);
	CHECK(fabs(no_death / N - m) > 6.0 * se);
	CHECK(fabs(prior / N - m) > 6.0 * se);
}

/* Bad input: the codes of bgnbd_pmf_new / bgnbd_p_no_purchase. */
static void
test_churn_errors(void)
{
	cf_pnbd_params p = {0.553, 10.578, 0.606, 11.669},
				bad = {0.553, -1.0, 0.606, 11.669},
				huge = {1e300, 1e-300, 1e300, 1e-300};
	double		v;
	cf_error	err;

	CHECK(cf_pnbd_pmf_new(&p, -1, 39.0, &v, &err) == CF_EINVAL);
	CHECK(strstr(err.detail, "-1") != NULL);
	CHECK(cf_pnbd_pmf_new(&p, 1, -1.0, &v, &err) == CF_EINVAL);
	CHECK(cf_pnbd_pmf_new(&p, 1, NAN, &v, &err) == CF_EINVAL);
	CHECK(cf_pnbd_pmf_new(&p, 1, INFINITY, &v, &err) == CF_EINVAL);
	CHECK(cf_pnbd_pmf_new(&bad, 1, 1.0, &v, &err) == CF_EINVAL);
	CHECK(cf_pnbd_pmf_new(&p, 0, 0.0, &v, &err) == CF_OK && v == 1.0);
	CHECK(cf_pnbd_pmf_new(&p, 3, 0.0, &v, &err) == CF_OK && v == 0.0);
	CHECK(cf_pnbd_p_no_purchase(&p, -1.0, 1, 5.0, 5.0, &v, &err) == CF_EINVAL);
	CHECK(cf_pnbd_p_no_purchase(&p, NAN, 1, 5.0, 5.0, &v, &err) == CF_EINVAL);
	CHECK(cf_pnbd_p_no_purchase(&bad, 1.0, 1, 5.0, 5.0, &v, &err) == CF_EINVAL);
	CHECK(cf_pnbd_pmf(&p, -1, 39.0, 1, 5.0, 5.0, &v, &err) == CF_EINVAL);
	/* n = INT32_MAX: 0 or tiny, never an error or NaN */
	CHECK(cf_pnbd_pmf_new(&p, 2147483647, 39.0, &v, &err) == CF_OK && v >= 0.0 && v < 1e-300);
	/* extreme models: a probability or a clean ERANGE, never NaN */
	{
		int			rc = cf_pnbd_pmf_new(&huge, 1, 10.0, &v, &err);

		CHECK(rc == CF_ERANGE || (rc == CF_OK && v >= 0.0 && v <= 1.0));
		rc = cf_pnbd_p_no_purchase(&huge, 10.0, 1, 1.0, 10.0, &v, &err);
		CHECK(rc == CF_ERANGE || (rc == CF_OK && v >= 0.0 && v <= 1.0));
	}
}

int
main(void)
{
	test_log_g();
	test_reference();
	test_log_g_quadrature();
	test_objective();
	test_objective_forms();
	test_objective_sum();
	test_poisson_limit();
	test_large_x();
	test_degenerate();
	test_cdnow_fit();
	test_pmf_new_sums();
	test_conditional_pmf();
	test_simulation();
	test_churn_errors();
	return unit_report("pnbd");
}
