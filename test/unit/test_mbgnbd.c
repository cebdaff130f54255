/*
 * test_mbgnbd.c — unit tests of the MBG/NBD core (src/core/mbgnbd.c).
 * Expected values: the published CDNOW fit (BTYDplus, as lifetimes tests
 * it), the likelihood written out with tgamma/pow, the gradient against
 * central differences, predictions against high-precision references
 * (test/unit/mbgnbd_pnbd_reference.csv, test/scripts/mbgnbd_pnbd_reference.py;
 * the conditional PMF: conditional_pmf_reference.csv) and against plain
 * numerical integration over the dropout probability.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbgnbd.h"
#include "cdnow_data.h"
#include "conditional_pmf.h"
#include "unit.h"

/* The Makefile passes the source tree, so an out-of-tree (VPATH) build finds the data too. */
#ifndef CF_SOURCE_DIR
#define CF_SOURCE_DIR "."
#endif

/* Build a compact summary from rows. */
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

/* Likelihood of one customer from Batislam et al. (2007), tgamma and pow. */
static double
raw_likelihood(const cf_mbgnbd_params *p, int x, double tx, double T)
{
	double		r = p->r,
				al = p->alpha,
				a = p->a,
				b = p->b;
	double		B0 = tgamma(a) * tgamma(b) / tgamma(a + b);
	double		B1 = tgamma(a) * tgamma(b + x + 1) / tgamma(a + b + x + 1);
	double		g = tgamma(r + x) * pow(al, r) / tgamma(r);

	return B1 / B0 * g * (pow(al + T, -(r + x)) + a / (b + x) * pow(al + tx, -(r + x)));
}

static void
test_likelihood(void)
{
	int			x[] = {0, 0, 1, 2, 5, 7, 1};
	double		tx[] = {0, 0, 3.5, 10, 20.25, 30, 0.5};
	double		T[] = {5, 40, 20, 30, 38, 30, 1};
	cf_bgnbd_entry e[7];
	size_t		n = make_summary(x, tx, T, 7, e),
				i;
	cf_mbgnbd_params p = {0.525, 6.183, 0.891, 1.614};
	double		want = 0.0,
				f,
				g[4],
				theta[4],
				h = 1e-6;
	cf_error err;
	int			j;

	for (i = 0; i < 7; i++)
		want += log(raw_likelihood(&p, x[i], tx[i], T[i]));
	CHECK_REL(cf_mbgnbd_log_likelihood(&p, e, n), want, 1e-12);
	theta[0] = log(p.r);
	theta[1] = log(p.alpha);
	theta[2] = log(p.a);
	theta[3] = log(p.b);
	CHECK(cf_mbgnbd_objective(e, n, &cf_malloc_allocator, theta, &f, g, &err) == CF_OK);
	CHECK_REL(-f * 7, want, 1e-12);
	for (j = 0; j < 4; j++)
	{
		double		th[4],
					fp,
					fm;

		memcpy(th, theta, sizeof(th));
		th[j] += h;
		cf_mbgnbd_objective(e, n, &cf_malloc_allocator, th, &fp, NULL, &err);
		th[j] -= 2 * h;
		cf_mbgnbd_objective(e, n, &cf_malloc_allocator, th, &fm, NULL, &err);
		CHECK_NEAR(g[j], (fp - fm) / (2 * h), 1e-7);
	}
}

/*
 * P(alive) and E[Y | alive] by integrating over the dropout probability p ~
 * Beta(a, b + x + 1) given alive... checked against the closed forms via the
 * posterior: given (x, t_x, T), a customer with rate lambda and dropout p is
 * alive with weight (1-p)^(x+1) p^0 e^(-lambda T) against p (1-p)^x
 * e^(-lambda t_x).  Here: the P(alive) closed form against the ratio of
 * those integrals over p and lambda done numerically.
 */
static void
test_p_alive_integral(void)
{
	cf_mbgnbd_params p = {0.525, 6.183, 0.891, 1.614};
	int			xs[] = {0, 1, 4};
	double		txs[] = {0, 12, 30};
	double		Ts[] = {20, 25, 39};
	int			c;

	for (c = 0; c < 3; c++)
	{
		int			x = xs[c];
		double		alive = 0.0,
					dead = 0.0;
		int			i;
		const int	K = 200000;

		/* E_p[(1-p)^(x+1)] and E_p[p (1-p)^x] over Beta(a, b) by midpoints in p */
		for (i = 0; i < K; i++)
		{
			double		q = (i + 0.5) / K;
			double		dens = pow(q, p.a - 1) * pow(1 - q, p.b - 1);

			alive += dens * pow(1 - q, x + 1);
			dead += dens * q * pow(1 - q, x);
		}
		/* E_lambda[lambda^x e^(-lambda t)] ratio: ((alpha+t_x)/(alpha+T))^(r+x) */
		{
			double		la = alive * pow(p.alpha + Ts[c], -(p.r + x));
			double		ld = dead * pow(p.alpha + txs[c], -(p.r + x));

			CHECK_REL(cf_mbgnbd_p_alive(&p, x, txs[c], Ts[c]), la / (la + ld), 1e-5);
		}
	}
	/* one-time buyers are not certainly alive (the MBG/NBD's point) */
	CHECK(cf_mbgnbd_p_alive(&p, 0, 0, 20) < 1.0);
	CHECK(cf_mbgnbd_p_alive(&p, 0, 0, 0) < 1.0);
	CHECK_REL(cf_mbgnbd_p_alive(&p, 0, 0, 0), p.b / (p.a + p.b), 1e-15);
}

static void
test_degenerate(void)
{
	int			x[] = {0, 0, 0};
	double		tx[] = {0, 0, 0};
	double		T[] = {5, 10, 30};
	cf_bgnbd_entry e[3];
	size_t		n = make_summary(x, tx, T, 3, e);
	cf_mbgnbd_fit_result res;
	cf_error err;
	int			x1[] = {3};
	double		tx1[] = {10};
	double		T1[] = {30};

	CHECK(cf_mbgnbd_fit(e, 0, &cf_malloc_allocator, NULL, &res, &err) == CF_EINVAL);
	CHECK(cf_mbgnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_EINVAL);
	CHECK(strstr(err.detail, "repeat purchase") != NULL);
	/* one customer: a result, never NaN; not converged if at a boundary */
	n = make_summary(x1, tx1, T1, 1, e);
	CHECK(cf_mbgnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
	CHECK(isfinite(res.p.r) && isfinite(res.p.alpha) && isfinite(res.p.a) &&
		  isfinite(res.p.b) && isfinite(res.fit.log_likelihood));
	CHECK(res.fit.boundary[0] == '\0' || !res.fit.converged);
	printf("one customer: r=%g alpha=%g a=%g b=%g LL=%g converged=%d boundary='%s'\n",
		   res.p.r, res.p.alpha, res.p.a, res.p.b, res.fit.log_likelihood, res.fit.converged, res.fit.boundary);
}

/* The CDNOW summaries (cdnow_data.h), checking that all 2,357 customers were read. */
static size_t
read_cdnow(cf_bgnbd_entry *e, size_t cap)
{
	size_t		read,
				m = cdnow_read_summary(e, cap, &read);

	CHECK(m == 0 || read == 2357);
	return m;
}

static void
test_cdnow_fit(void)
{
	static cf_bgnbd_entry e[3000];
	size_t		n = read_cdnow(e, 3000);
	cf_mbgnbd_fit_result res;
	cf_error err;

	if (n == 0)
		return;
	CHECK(cf_mbgnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
	printf("CDNOW MBG/NBD fit: r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.3f converged=%d iter=%d evals=%d\n",
		   res.p.r, res.p.alpha, res.p.a, res.p.b, res.fit.log_likelihood, res.fit.converged,
		   res.fit.iterations, res.fit.evaluations);
	CHECK(res.fit.converged);
	CHECK(res.fit.n == 2357);
	CHECK_NEAR(res.p.r, 0.525, 0.0005);
	CHECK_NEAR(res.p.alpha, 6.183, 0.0005);
	CHECK_NEAR(res.p.a, 0.891, 0.0005);
	CHECK_NEAR(res.p.b, 1.614, 0.0005);
	CHECK_REL(cf_mbgnbd_log_likelihood(&res.p, e, n), res.fit.log_likelihood, 1e-12);
}

#define FAMILY "mbgnbd"

/* The core's value of reference row fn (without the family prefix). */
static int
reference_value(const char *fn, double r, double al, double a, double b, long x,
				double tx, double T, double h, double *v, cf_error *err)
{
	cf_mbgnbd_params p = {r, al, a, b};

	if (strcmp(fn, "p_alive") == 0)
	{
		*v = cf_mbgnbd_p_alive(&p, x, tx, T);
		return CF_OK;
	}
	if (strcmp(fn, "expected") == 0)
		return cf_mbgnbd_expected_purchases(&p, h, x, tx, T, v, err);
	if (strcmp(fn, "expected_new") == 0)
		return cf_mbgnbd_expected_purchases_new(&p, h, v, err);
	if (strcmp(fn, "p_no_purchase") == 0)
		return cf_mbgnbd_p_no_purchase(&p, h, x, tx, T, v, err);
	if (strcmp(fn, "pmf_new") == 0)
		return cf_mbgnbd_pmf_new(&p, x, h, v, err);
	return CF_EINVAL;
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
	double		worst = 0.0;
	int			n = 0;

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
		rel = (rc != CF_OK) ? INFINITY : (ref == 0.0) ? fabs(v) / 1e-300 : fabs(v - ref) / fabs(ref);
		if (!(rel <= 1e-10))
			fprintf(stderr, "%s: got %.17g (rc %d), relative error %.3g\n", line, v, rc, rel);
		CHECK(rel <= 1e-10);
		if (rel > worst)
			worst = rel;
	}
	fclose(f);
	printf("%s: %d reference values, worst relative error %.3g\n", FAMILY, n, worst);
	CHECK(n >= 100);
}

/*
 * The churn windows: P(X(t) = n) of a new customer sums to 1, its mean is
 * E[X(t)] (cf_mbgnbd_expected_purchases_new, another route) and P(X(t) = 0)
 * is P(no purchase in t) of a customer just after the first purchase (x =
 * t_x = T = 0: another formula); P(no purchase) at its limits and by hand,
 * the errors.  The values themselves are checked against mpmath in
 * test_reference.
 */
static void
test_churn_windows(void)
{
	cf_mbgnbd_params models[] = {
		{0.525, 6.183, 0.891, 1.614},	/* CDNOW, weeks (BTYDplus) */
		{5.0, 4.4, 3.5, 0.6},
		{0.05, 0.1, 0.05, 1e3},
		{2.0, 1.5, 1e4, 3.3e4},
	};
	double		ts[] = {0.5, 39.0, 78.0, 200.0};
	size_t		i,
				j;
	cf_error	err;

	for (i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		for (j = 0; j < sizeof(ts) / sizeof(ts[0]); j++)
		{
			const cf_mbgnbd_params *p = &models[i];
			double		z = ts[j] / (p->alpha + ts[j]);
			double		sum = 0.0,
						c = 0.0,
						mean = 0.0,
						e,
						v,
						pn;
			int64_t		n;

			if (z > 0.99)		/* the sum would take too many terms (test_bgnbd.c) */
				continue;
			for (n = 0; n < 2000000; n++)
			{
				double		tt;

				CHECK(cf_mbgnbd_pmf_new(p, n, ts[j], &v, &err) == CF_OK);
				CHECK(v >= 0.0 && v <= 1.0);
				tt = sum + v;
				c += (sum >= v) ? (sum - tt) + v : (v - tt) + sum;
				sum = tt;
				mean += (double) n * v;
				if ((double) n * v < 1e-18 && (double) n > 10.0 * p->r * ts[j] / p->alpha + 50.0)
					break;
			}
			CHECK(fabs((sum + c) - 1.0) <= 1e-12);
			CHECK(cf_mbgnbd_expected_purchases_new(p, ts[j], &e, &err) == CF_OK);
			CHECK_REL(mean, e, 1e-10);
			if (!(fabs((sum + c) - 1.0) <= 1e-12) || !(fabs(mean - e) <= 1e-10 * e))
				printf("mbgnbd pmf_new model %zu t %g: sum - 1 = %.3g after %lld terms, mean %.17g, E[X] %.17g\n",
					   i, ts[j], (sum + c) - 1.0, (long long) n, mean, e);
			CHECK(cf_mbgnbd_pmf_new(p, 0, ts[j], &v, &err) == CF_OK);
			CHECK(cf_mbgnbd_p_no_purchase(p, ts[j], 0, 0.0, 0.0, &pn, &err) == CF_OK);
			CHECK_REL(pn, v, 1e-14);
			/* by hand: a/(a+b) + b/(a+b) (alpha/(alpha+t))^r */
			CHECK_REL(v, (p->a + p->b * pow(p->alpha / (p->alpha + ts[j]), p->r)) / (p->a + p->b), 1e-14);
		}

	{
		cf_mbgnbd_params p = models[0];
		double		v,
					pa = cf_mbgnbd_p_alive(&p, 2, 30.43, 38.86),
					pa0 = cf_mbgnbd_p_alive(&p, 0, 0.0, 38.86);

		/* horizon 0: certain; no end: only the dead make none */
		CHECK(cf_mbgnbd_p_no_purchase(&p, 0.0, 2, 30.43, 38.86, &v, &err) == CF_OK && v == 1.0);
		CHECK(cf_mbgnbd_p_no_purchase(&p, 1e300, 2, 30.43, 38.86, &v, &err) == CF_OK);
		CHECK_REL(v, 1.0 - pa, 1e-14);
		/* by hand: (1 - P(alive)) + P(alive) ((alpha+T)/(alpha+T+h))^(r+x) */
		CHECK(cf_mbgnbd_p_no_purchase(&p, 13.0, 2, 30.43, 38.86, &v, &err) == CF_OK);
		CHECK_REL(v, (1.0 - pa) + pa * pow((6.183 + 38.86) / (6.183 + 38.86 + 13.0), 2.525), 1e-14);
		/* a one-time buyer may be gone (the BG/NBD's would be the NB term alone) */
		CHECK(pa0 < 1.0);
		CHECK(cf_mbgnbd_p_no_purchase(&p, 13.0, 0, 0.0, 38.86, &v, &err) == CF_OK);
		CHECK_REL(v, (1.0 - pa0) + pa0 * pow((6.183 + 38.86) / (6.183 + 38.86 + 13.0), 0.525), 1e-14);
		/* bad input */
		CHECK(cf_mbgnbd_p_no_purchase(&p, -1.0, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(strstr(err.detail, "-1") != NULL);
		CHECK(cf_mbgnbd_p_no_purchase(&p, INFINITY, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(cf_mbgnbd_p_no_purchase(&p, NAN, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(cf_mbgnbd_pmf_new(&p, -1, 1.0, &v, &err) == CF_EINVAL);
		CHECK(strstr(err.detail, "-1") != NULL);
		CHECK(cf_mbgnbd_pmf_new(&p, 1, -2.0, &v, &err) == CF_EINVAL);
		CHECK(cf_mbgnbd_pmf_new(&p, 1, NAN, &v, &err) == CF_EINVAL);
		/* t = 0: no purchase for sure */
		CHECK(cf_mbgnbd_pmf_new(&p, 0, 0.0, &v, &err) == CF_OK && v == 1.0);
		CHECK(cf_mbgnbd_pmf_new(&p, 3, 0.0, &v, &err) == CF_OK && v == 0.0);
		/* far out: tiny but positive and finite, falling with n */
		{
			double		v1,
						v2;

			CHECK(cf_mbgnbd_pmf_new(&p, 100000, 39.0, &v1, &err) == CF_OK);
			CHECK(cf_mbgnbd_pmf_new(&p, 100001, 39.0, &v2, &err) == CF_OK);
			CHECK(v1 >= 0.0 && v2 <= v1);
		}
		{
			int			rc = cf_mbgnbd_pmf_new(&p, 5, 1e12, &v, &err);

			CHECK(rc == CF_ERANGE || (rc == CF_OK && v >= 0.0 && v <= 1.0));
		}
	}
	{
		/*
		 * a = b = 1e308 (a + b overflows): p is 1/2 for everybody, so by hand
		 * P(X(1) = 0) = 1/2 + 1/2 (alpha/(alpha+1))^r = 3/4 (r = alpha = 1)
		 * and E[X(1)] of a new customer is 1/2 the BG/NBD's with b + 1
		 * (whose a/(a+b) is 1/2 too).
		 */
		cf_mbgnbd_params big = {1.0, 1.0, 1e308, 1e308};
		cf_bgnbd_params bq = {1.0, 1.0, 1e308, 1e308 + 1.0};
		double		v,
					e,
					be;
		int			rc;

		CHECK(cf_mbgnbd_pmf_new(&big, 0, 1.0, &v, &err) == CF_OK);
		CHECK_REL(v, 0.75, 1e-15);
		CHECK(cf_mbgnbd_expected_purchases_new(&big, 1.0, &e, &err) == CF_OK);
		CHECK(cf_bgnbd_expected_purchases_new(&bq, 1.0, &be, &err) == CF_OK);
		CHECK(be > 0.0);
		CHECK_REL(e, 0.5 * be, 1e-15);
		/* a failure of the BG/NBD underneath is named after the MBG/NBD function */
		rc = cf_mbgnbd_pmf_new(&big, 1, 1.0, &v, &err);
		CHECK(rc == CF_OK || (rc == CF_ERANGE && strncmp(err.msg, "mbgnbd", 6) == 0));
		if (rc == CF_ERANGE)
			printf("# a = b = 1e308, n = 1: %s (%s)\n", err.msg, err.detail);
	}
}

/*
 * The conditional PMF of an existing customer (cf_mbgnbd_pmf, derivation in
 * mbgnbd.h): mpmath references and the identities of conditional_pmf.h.
 */
static void
test_conditional_pmf(void)
{
	static const cpmf_family f = {"mbgnbd", cf_mbgnbd_pmf, cf_mbgnbd_pmf_new,
	cf_mbgnbd_p_no_purchase, cf_mbgnbd_expected_purchases};
	static const cf_mbgnbd_params models[] = {
		{0.525, 6.183, 0.891, 1.614},	/* CDNOW, weeks (BTYDplus) */
		{5.0, 4.4, 3.5, 0.6},
		{0.05, 0.1, 0.05, 1e3},
		{2.0, 1.5, 1e4, 3.3e4},
	};

	cpmf_check_reference(&f);
	cpmf_check_identities(&f, models, sizeof(models) / sizeof(models[0]));
}

int
main(void)
{
	test_likelihood();
	test_reference();
	test_churn_windows();
	test_conditional_pmf();
	test_p_alive_integral();
	test_degenerate();
	test_cdnow_fit();
	return unit_report("mbgnbd");
}
