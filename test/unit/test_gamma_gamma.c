/*
 * test_gamma_gamma.c — unit tests of the Gamma-Gamma core and the CLV
 * (src/core/gamma_gamma.c).  Expected values: the published CDNOW fit,
 * the density written out with tgamma/pow, numerical integration over the
 * posterior of nu, and FHL eq. (10) with the plain 2F1 series.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gamma_gamma.h"
#include "cdnow_data.h"
#include "unit.h"

/* True under valgrind (its preload library is in LD_PRELOAD): timings mean nothing there. */
static int
under_valgrind(void)
{
	const char *p = getenv("LD_PRELOAD");

	return p != NULL && strstr(p, "vgpreload") != NULL;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Density of the mean of x values, Fader & Hardie (2013) eq. (3), plainly. */
static double
raw_density(const cf_gamma_gamma_params *p, int x, double m)
{
	return tgamma(p->p * x + p->q) / (tgamma(p->p * x) * tgamma(p->q))
		* pow(p->gamma, p->q) * pow(m, p->p * x - 1) * pow(x, p->p * x)
		/ pow(p->gamma + m * x, p->p * x + p->q);
}

/*
 * Posterior mean of p / nu with nu | x, m ~ Gamma(px + q, gamma + m x),
 * by trapezoid integration over s = ln nu.
 */
static double
brute_mean(const cf_gamma_gamma_params *p, int x, double m)
{
	double		shape = p->p * x + p->q,
				rate = p->gamma + m * x;
	double		mode = log(shape / rate);
	double		num = 0.0,
				den = 0.0,
				s;

	for (s = mode - 40; s <= mode + 40; s += 1e-3)
	{
		double		nu = exp(s);
		/* density of s: nu^shape e^(-rate nu), scaled at the mode */
		double		w = exp(shape * (s - mode) - rate * (nu - exp(mode)));

		den += w;
		num += w * p->p / nu;
	}
	return num / den;
}

/* FHL eq. (10) numerator (given alive) with the plain 2F1 series. */
static double
plain_alive_expected(const cf_bgnbd_params *p, int x, double T, double t)
{
	double		z = t / (p->alpha + T + t);
	double		A = p->r + x,
				B = p->b + x,
				C = p->a + p->b + x - 1;
	double		term = 1.0,
				F = 1.0;
	int			k;

	for (k = 0; k < 1000000; k++)
	{
		term *= (A + k) * (B + k) / ((C + k) * (k + 1)) * z;
		F += term;
		if (fabs(term) < 1e-18 * fabs(F))
			break;
	}
	return (p->a + p->b + x - 1) / (p->a - 1)
		* (1 - pow((p->alpha + T) / (p->alpha + T + t), p->r + x) * F);
}

static size_t
make_summary(const int *x, const double *m, size_t n, cf_gamma_gamma_entry *out)
{
	size_t		i,
				k;
	cf_error err;

	for (i = 0; i < n; i++)
		if (cf_gamma_gamma_make_entry(x[i], m[i], &out[i], &err) != 0)
			abort();
	cf_model_state_compact(&cf_gamma_gamma_layout, out, n, &k, &err);
	return k;
}

static void
test_entries_and_text(void)
{
	int			x[] = {1, 2, 1, 2, 5, 1};
	double		m[] = {10.5, 22.35, 10.5, 3, 0.1, 1e-300};
	cf_gamma_gamma_entry e[6],
				a[6],
				b[6],
				mg[12],
				parsed[12];
	size_t		n,
				na,
				nb,
				nm,
				np;
	char		buf[1024],
				buf2[1024];
	cf_error err;
	cf_gamma_gamma_entry t;

	CHECK(cf_gamma_gamma_make_entry(0, 5, &t, &err) == CF_EINVAL);
	CHECK(cf_gamma_gamma_make_entry(2, 0, &t, &err) == CF_EINVAL);
	CHECK(cf_gamma_gamma_make_entry(2, -3, &t, &err) == CF_EINVAL);
	CHECK(cf_gamma_gamma_make_entry(2, NAN, &t, &err) == CF_EINVAL);
	CHECK(cf_gamma_gamma_make_entry(2, INFINITY, &t, &err) == CF_EINVAL);

	n = make_summary(x, m, 6, e);
	CHECK(n == 5);
	na = make_summary(x, m, 3, a);
	nb = make_summary(x + 3, m + 3, 3, b);
	CHECK(cf_model_state_merge(&cf_gamma_gamma_layout, a, na, b, nb, mg, &nm, &err) == CF_OK);
	CHECK(nm == n && memcmp(mg, e, n * sizeof(cf_gamma_gamma_entry)) == 0);

	cf_model_state_format(&cf_gamma_gamma_layout, e, n, buf, sizeof(buf));
	CHECK(strcmp(buf, "v2;tuples=5;tuple=1,1e-300,1;tuple=1,10.5,2;tuple=2,3,1;tuple=2,22.35,1;tuple=5,0.1,1") == 0);
	/* the released 1.0 form reads back to the same entries */
	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;5;1,1e-300,1;1,10.5,2;2,3,1;2,22.35,1;5,0.1,1", parsed, 12, &np, &err) == CF_OK);
	CHECK(np == n && memcmp(parsed, e, n * sizeof(cf_gamma_gamma_entry)) == 0);
	CHECK(strlen(buf) < cf_model_state_text_bound(&cf_gamma_gamma_layout, n));
	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, buf, parsed, 12, &np, &err) == CF_OK);
	CHECK(np == n && memcmp(parsed, e, n * sizeof(cf_gamma_gamma_entry)) == 0);
	cf_model_state_format(&cf_gamma_gamma_layout, parsed, np, buf2, sizeof(buf2));
	CHECK(strcmp(buf, buf2) == 0);

	/* random doubles survive the shortest exact form */
	{
		int			i,
					ok = 1;

		srand(7);
		for (i = 0; i < 5000; i++)
		{
			uint64_t	bits = ((uint64_t) rand() << 42) ^ ((uint64_t) rand() << 21) ^ (uint64_t) rand();
			double		v;
			cf_gamma_gamma_entry one;
			size_t		k;

			bits &= 0x7fffffffffffffffULL;
			memcpy(&v, &bits, sizeof(v));
			if (!isfinite(v) || v <= 0.0)
				continue;
			cf_gamma_gamma_make_entry(3, v, &one, &err);
			cf_model_state_format(&cf_gamma_gamma_layout, &one, 1, buf, sizeof(buf));
			if (cf_model_state_parse(&cf_gamma_gamma_layout, buf, parsed, 12, &k, &err) != CF_OK || parsed[0].m != v)
				ok = 0;
		}
		CHECK(ok);
	}

	{
		const char *bad[] = {
			"", "1", "2;0", "1;1", "1;1;1,1", "1;1;1,1,1;", "1;1;0,1,1",
			"1;1;1,0,1", "1;1;1,-1,1", "1;1;1,nan,1", "1;1;1,inf,1", "1;1;1,1e400,1",
			"1;1;1,1,0", "1;2;1,2,1;1,1,1", "1;2;1,1,1;1,1,1", "1;1;1,1,1;",
			"1;9999999;1,1,1", "1;1;1, 1,1", "1;1;x,1,1", "1;1;1,1,1x",
		};
		size_t		i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		{
			int			rc = cf_model_state_parse(&cf_gamma_gamma_layout, bad[i], parsed, 12, &np, &err);

			if (rc == CF_OK)
				fprintf(stderr, "accepted malformed \"%s\"\n", bad[i]);
			CHECK(rc != CF_OK);
		}
	}
}

static void
test_likelihood_gradient_mean(void)
{
	int			x[] = {1, 2, 2, 5, 12, 1};
	double		m[] = {10.5, 22.35, 3, 40, 15.2, 101};
	cf_gamma_gamma_entry e[6];
	size_t		n = make_summary(x, m, 6, e);
	cf_gamma_gamma_params p = {6.25, 3.74, 15.44};
	double		th[3] = {log(6.25), log(3.74), log(15.44)};
	double		raw = 0.0,
				f,
				g[3];
	int			i,
				j;
	cf_error err;

	for (i = 0; i < 6; i++)
		raw += log(raw_density(&p, x[i], m[i]));
	CHECK_REL(cf_gamma_gamma_log_likelihood(&p, e, n), raw, 1e-11);
	CHECK(cf_gamma_gamma_objective(e, n, &cf_malloc_allocator, th, &f, g, &err) == CF_OK);
	CHECK_REL(-f * 6, raw, 1e-11);

	for (j = 0; j < 3; j++)
	{
		double		tp[3],
					tm[3],
					fp,
					fm,
					h = 1e-5;

		memcpy(tp, th, sizeof(tp));
		memcpy(tm, th, sizeof(tm));
		tp[j] += h;
		tm[j] -= h;
		cf_gamma_gamma_objective(e, n, &cf_malloc_allocator, tp, &fp, NULL, &err);
		cf_gamma_gamma_objective(e, n, &cf_malloc_allocator, tm, &fm, NULL, &err);
		CHECK_NEAR(g[j], (fp - fm) / (2 * h), 1e-7);
	}

	for (i = 0; i < 6; i++)
	{
		double		v;

		CHECK(cf_gamma_gamma_expected_mean(&p, x[i], m[i], &v, &err) == CF_OK);
		CHECK_REL(v, (p.q - 1) / (p.p * x[i] + p.q - 1) * p.p * p.gamma / (p.q - 1)
				  + p.p * x[i] / (p.p * x[i] + p.q - 1) * m[i], 1e-13);
		CHECK_REL(v, brute_mean(&p, x[i], m[i]), 1e-7);
	}
	{
		double		v;
		cf_gamma_gamma_params q = {2.0, 0.5, 3.0};

		CHECK(cf_gamma_gamma_expected_mean(&p, 0, 0, &v, &err) == CF_OK);
		CHECK_REL(v, 6.25 * 15.44 / 2.74, 1e-14);
		CHECK(cf_gamma_gamma_expected_mean(&q, 0, 0, &v, &err) == CF_ERANGE);
		CHECK(cf_gamma_gamma_expected_mean(&q, 1, 5, &v, &err) == CF_OK);
		CHECK(cf_gamma_gamma_expected_mean(&p, 1, -5, &v, &err) == CF_EINVAL);
	}
}

static void
test_clv(void)
{
	cf_bgnbd_params bg = {0.243, 4.414, 0.793, 2.426};
	cf_gamma_gamma_params gg = {6.25, 3.74, 15.44};
	double		clv,
				lost,
				spend,
				pa,
				want,
				e1,
				e2,
				e3;
	cf_error err;

	/* x = 2, t_x = 30.43, T = 38.86, mean 22.35; 3 periods, 10%, margin 0.3 */
	spend = (gg.p * (gg.gamma + 22.35 * 2)) / (gg.p * 2 + gg.q - 1);
	pa = 1.0 / (1.0 + bg.a / (bg.b + 1) * pow((bg.alpha + 38.86) / (bg.alpha + 30.43), bg.r + 2));
	e1 = plain_alive_expected(&bg, 2, 38.86, 1);
	e2 = plain_alive_expected(&bg, 2, 38.86, 2);
	e3 = plain_alive_expected(&bg, 2, 38.86, 2.5);
	want = (e1 / 1.1 + (e2 - e1) / 1.21 + (e3 - e2) / pow(1.1, 2.5)) * spend * 0.3;
	CHECK(cf_clv(&bg, &gg, 2, 30.43, 38.86, 22.35, 2.5, 0.3, 0.1, &clv, &lost, &err) == CF_OK);
	CHECK_REL(clv, pa * want, 1e-10);
	CHECK_REL(lost, (1 - pa) * want, 1e-10);

	/* no discounting: CLV = E[Y(H)] * spend * margin */
	CHECK(cf_clv(&bg, &gg, 2, 30.43, 38.86, 22.35, 39, 1.0, 0.0, &clv, &lost, &err) == CF_OK);
	CHECK_REL(clv, pa * plain_alive_expected(&bg, 2, 38.86, 39) * spend, 1e-10);

	/* x = 0: alive for sure, nothing lost, population mean spend */
	CHECK(cf_clv(&bg, &gg, 0, 0, 38.86, 0, 39, 1.0, 0.0, &clv, &lost, &err) == CF_OK);
	CHECK(lost == 0.0);
	CHECK_REL(clv, plain_alive_expected(&bg, 0, 38.86, 39) * gg.p * gg.gamma / (gg.q - 1), 1e-10);

	CHECK(cf_clv(&bg, &gg, 2, 30.43, 38.86, 22.35, -1, 1, 0, &clv, &lost, &err) == CF_EINVAL);
	CHECK(cf_clv(&bg, &gg, 2, 30.43, 38.86, 22.35, 10, -1, 0, &clv, &lost, &err) == CF_EINVAL);
	CHECK(cf_clv(&bg, &gg, 2, 30.43, 38.86, 22.35, 10, 1, -0.5, &clv, &lost, &err) == CF_EINVAL);
	CHECK(cf_clv(&bg, &gg, 2, 40, 38.86, 22.35, 10, 1, 0, &clv, &lost, &err) == CF_EINVAL);
	CHECK(cf_clv(&bg, &gg, 2, 30, 38.86, 0, 10, 1, 0, &clv, &lost, &err) == CF_EINVAL);
	CHECK(cf_clv(&bg, &gg, 2, 30, 38.86, 5, 1e9, 1, 0, &clv, &lost, &err) == CF_ERANGE);
}

/*
 * Long horizons: the CLV equals the plain period-by-period sum (every period
 * evaluated, as the definition reads) although cf_clv telescopes the
 * undiscounted sum and stops once the discount makes later periods vanish.
 */
static double
plain_period_sum(const cf_bgnbd_params *bg, int64_t x, double T, double horizon, double rate)
{
	double		value = 0.0,
				prev = 0.0;
	long		K = (long) ceil(horizon),
				k;
	cf_error err;

	for (k = 1; k <= K; k++)
	{
		double		tk = (k < K) ? (double) k : horizon;
		double		cum;

		if (cf_bgnbd_expected_purchases_alive(bg, tk, x, T, &cum, &err) != CF_OK)
			return NAN;
		value += (cum - prev) * pow(1.0 + rate, -tk);
		prev = cum;
	}
	return value;
}

static void
test_clv_long_horizons(void)
{
	cf_bgnbd_params bg = {0.243, 4.414, 0.793, 2.426};
	cf_gamma_gamma_params gg = {6.25, 3.74, 15.44};
	static const double horizons[] = {0.5, 1, 7.25, 104, 520, 2000.5};
	static const double rates[] = {0, 1e-4, 0.002, 0.01, 0.25};
	static const int64_t xs[] = {0, 1, 7, 60};
	size_t		h,
				r,
				i;

	for (h = 0; h < sizeof(horizons) / sizeof(horizons[0]); h++)
		for (r = 0; r < sizeof(rates) / sizeof(rates[0]); r++)
			for (i = 0; i < sizeof(xs) / sizeof(xs[0]); i++)
			{
				int64_t		x = xs[i];
				double		t_x = x == 0 ? 0 : 30.5,
							T = 38.86,
							m = x == 0 ? 0 : 22.35,
							clv,
							lost,
							spend,
							pa;
				cf_error err;

				CHECK(cf_gamma_gamma_expected_mean(&gg, x, m, &spend, &err) == CF_OK);
				pa = cf_bgnbd_p_alive(&bg, x, t_x, T);
				CHECK(cf_clv(&bg, &gg, x, t_x, T, m, horizons[h], 0.5, rates[r], &clv, &lost, &err) == CF_OK);
				CHECK_REL(clv + lost, plain_period_sum(&bg, x, T, horizons[h], rates[r]) * spend * 0.5, 1e-12);
				CHECK_REL(clv, pa * (clv + lost), 1e-12);
			}
}

static void
test_cdnow(void)
{
	char		path[512],
				line[256];
	FILE	   *f = cdnow_open("cdnow_customers_summary_with_transactions.csv", path, sizeof(path));
	static cf_gamma_gamma_entry e[3000];
	size_t		n = 0,
				zeros = 0,
				k;
	cf_gamma_gamma_fit_result res;
	cf_error err;
	double		best = 1e9;
	int			rep;

	if (f == NULL)
	{
		printf("skipping CDNOW Gamma-Gamma fit: %s not found (set CF_CDNOW_DIR)\n", path);
		return;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		abort();
	while (fgets(line, sizeof(line), f))
	{
		int			id,
					x;
		double		tx,
					T,
					z;

		if (sscanf(line, "%d,%d,%lf,%lf,%lf", &id, &x, &tx, &T, &z) != 5)
			continue;
		if (x == 0)
		{
			zeros++;
			continue;
		}
		if (cf_gamma_gamma_make_entry(x, z, &e[n], &err) == CF_OK)
			n++;
	}
	fclose(f);
	CHECK(n == 946);
	CHECK(zeros == 2357 - 946);
	cf_model_state_compact(&cf_gamma_gamma_layout, e, n, &k, &err);
	for (rep = 0; rep < 5; rep++)
	{
		double		t0 = now_ms(),
					ms;

		CHECK(cf_gamma_gamma_fit(e, k, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
		ms = now_ms() - t0;
		if (ms < best)
			best = ms;
	}
	printf("CDNOW Gamma-Gamma fit: p=%.4f q=%.4f gamma=%.4f LL=%.2f n=%lld converged=%d "
		   "iter=%d evals=%d |grad|=%.2g, %.2f ms (best of 5)\n",
		   res.p.p, res.p.q, res.p.gamma, res.log_likelihood, (long long) res.n,
		   res.converged, res.iterations, res.evaluations, res.grad_max, best);
	CHECK(res.converged);
	CHECK(res.n == 946);
	CHECK_REL(res.p.p, 6.25, 0.005);
	CHECK_REL(res.p.q, 3.74, 0.005);
	CHECK_REL(res.p.gamma, 15.44, 0.005);
	CHECK_REL(cf_gamma_gamma_log_likelihood(&res.p, e, k), res.log_likelihood, 1e-12);
	if (under_valgrind())
		printf("fit time not checked under valgrind\n");
	else
		CHECK(best < 100.0);
}

int
main(void)
{
	test_entries_and_text();
	test_likelihood_gradient_mean();
	test_clv();
	test_clv_long_horizons();
	test_cdnow();
	return unit_report("gamma_gamma");
}
