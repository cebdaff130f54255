/*
 * conditional_pmf.h — the checks of a conditional PMF P(n purchases in (T,
 * T + t] | x, t_x, T) shared by test_bgnbd.c (cf_bgnbd_pmf) and test_mbgnbd.c
 * (cf_mbgnbd_pmf): against the mpmath references of
 * test/unit/conditional_pmf_reference.csv (test/scripts/conditional_pmf_reference.py:
 * the model's likelihood integrated directly, agreeing with the formula to
 * 1e-30), and against the family's other functions: the sum over n is 1, the
 * mean is the expected purchases, n = 0 is P(no purchase), x = t_x = T = 0 is
 * the new customer's PMF; bad n and t are EINVAL.
 */
#ifndef CF_TEST_CONDITIONAL_PMF_H
#define CF_TEST_CONDITIONAL_PMF_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bgnbd.h"
#include "unit.h"

#ifndef CF_SOURCE_DIR
#define CF_SOURCE_DIR "."
#endif

/* One family's functions (cf_mbgnbd_params is cf_bgnbd_params). */
typedef struct cpmf_family
{
	const char *name;			/* "bgnbd" or "mbgnbd" */
	int			(*pmf) (const cf_bgnbd_params *p, int64_t n, double t, int64_t x,
						double t_x, double T, double *out, cf_error *err);
	int			(*pmf_new) (const cf_bgnbd_params *p, int64_t n, double t,
							double *out, cf_error *err);
	int			(*p_no_purchase) (const cf_bgnbd_params *p, double t, int64_t x,
								  double t_x, double T, double *out, cf_error *err);
	int			(*expected) (const cf_bgnbd_params *p, double t, int64_t x,
							 double t_x, double T, double *out, cf_error *err);
} cpmf_family;

/* Every "<family>_pmf" row of the reference file to 1e-10 relative. */
static void
cpmf_check_reference(const cpmf_family *f)
{
	FILE	   *in = fopen(CF_SOURCE_DIR "/test/unit/conditional_pmf_reference.csv", "r");
	char		line[512],
				want[48];
	double		worst = 0.0;
	int			rows = 0;

	CHECK(in != NULL);
	if (in == NULL)
		return;
	snprintf(want, sizeof(want), "%s_pmf", f->name);
	while (fgets(line, sizeof(line), in))
	{
		char		fn[40];
		cf_bgnbd_params p;
		double		tx, T, h, ref, v = NAN, rel;
		long		x, n;
		int			rc;
		cf_error	err;

		if (sscanf(line, "%39[a-z_],%lf,%lf,%lf,%lf,%ld,%lf,%lf,%ld,%lf,%lf",
				   fn, &p.r, &p.alpha, &p.a, &p.b, &x, &tx, &T, &n, &h, &ref) != 11)
		{
			CHECK(!"unreadable reference row");
			continue;
		}
		if (strcmp(fn, want) != 0)
			continue;
		rows++;
		rc = f->pmf(&p, n, h, x, tx, T, &v, &err);
		rel = (rc != CF_OK) ? INFINITY : fabs(v - ref) / fabs(ref);
		if (!(rel <= 1e-10))
			fprintf(stderr, "%s: got %.17g (rc %d), relative error %.3g\n", line, v, rc, rel);
		CHECK(rel <= 1e-10);
		if (rel > worst)
			worst = rel;
	}
	fclose(in);
	printf("%s_pmf: %d reference values, worst relative error %.3g\n", f->name, rows, worst);
	CHECK(rows >= 300);
}

/*
 * Sum and mean of the PMF over n = 0, 1, ... until the terms are negligible
 * (compensated sum); false if that takes more than 10^6 terms.
 */
static bool
cpmf_sum(const cpmf_family *f, const cf_bgnbd_params *p, double t, int64_t x,
		 double t_x, double T, double *sum_out, double *mean_out)
{
	double		sum = 0.0,
				c = 0.0,
				mean = 0.0,
				v;
	double		rate = (p->r + (double) x) / (p->alpha + T);	/* E[lambda | alive] */
	int64_t		n;
	cf_error	err;

	for (n = 0; n < 1000000; n++)
	{
		double		tt;

		if (f->pmf(p, n, t, x, t_x, T, &v, &err) != CF_OK || !(v >= 0.0 && v <= 1.0))
			return false;
		tt = sum + v;
		c += (sum >= v) ? (sum - tt) + v : (v - tt) + sum;
		sum = tt;
		mean += (double) n * v;
		if ((double) n * v < 1e-18 && (double) n > 10.0 * rate * t + 50.0)
			break;
	}
	*sum_out = sum + c;
	*mean_out = mean;
	return n < 1000000;
}

/*
 * The PMF of customers with several histories under the models, horizons
 * 0.5 to 39 time units (the sums are quadratic in the largest n: large x
 * and long horizons are left to the references, which go to x = 132, n = 100
 * and 520 units, so that the test stays quick under valgrind): sums to 1 (1e-12), its mean is the family's
 * expected purchases (1e-10), n = 0 is P(no purchase) (1e-15), and the
 * customer just after the first purchase (x = t_x = T = 0) has the new
 * customer's PMF (1e-14).  Then n < 0, t < 0, t NaN or infinite are EINVAL
 * and t = 0 is certain.
 */
static void
cpmf_check_identities(const cpmf_family *f, const cf_bgnbd_params *models, size_t nmodels)
{
	static const struct
	{
		int64_t		x;
		double		t_x,
					T;
	}			cust[] = {{0, 0, 0}, {0, 0, 38.86}, {1, 1.71, 38.86}, {2, 30.43, 38.86},
	{7, 35.0, 38.86}, {40, 70.0, 78.0}, {3, 1.0, 500.0}};
	static const double ts[] = {0.5, 13.0, 39.0};
	size_t		i,
				j,
				k;
	int			bad = 0;
	cf_error	err;

	for (i = 0; i < nmodels; i++)
		for (j = 0; j < sizeof(cust) / sizeof(cust[0]); j++)
			for (k = 0; k < sizeof(ts) / sizeof(ts[0]); k++)
			{
				const cf_bgnbd_params *p = &models[i];
				int64_t		x = cust[j].x;
				double		tx = cust[j].t_x,
							T = cust[j].T,
							t = ts[k],
							sum = NAN,
							mean = NAN,
							e = NAN,
							v0 = NAN,
							pn = NAN;

				if (t / (p->alpha + T + t) > 0.99)
					continue;	/* a tail of thousands of terms (test_bgnbd.c) */
				CHECK(cpmf_sum(f, p, t, x, tx, T, &sum, &mean));
				CHECK(f->expected(p, t, x, tx, T, &e, &err) == CF_OK);
				CHECK(f->pmf(p, 0, t, x, tx, T, &v0, &err) == CF_OK);
				CHECK(f->p_no_purchase(p, t, x, tx, T, &pn, &err) == CF_OK);
				CHECK_NEAR(sum, 1.0, 1e-12);
				CHECK_REL(mean, e, 1e-10);
				CHECK_REL(v0, pn, 1e-15);
				if (!(fabs(sum - 1.0) <= 1e-12 && fabs(mean - e) <= 1e-10 * e) && bad++ < 5)
					printf("%s_pmf model %zu x %lld t_x %g T %g t %g: sum - 1 = %.3g, mean %.17g, expected %.17g\n",
						   f->name, i, (long long) x, tx, T, t, sum - 1.0, mean, e);
			}
	for (i = 0; i < nmodels; i++)
		for (k = 0; k < sizeof(ts) / sizeof(ts[0]); k++)
		{
			int64_t		n;

			for (n = 0; n <= 30; n += 3)
			{
				double		v = NAN,
							w = NAN;

				CHECK(f->pmf(&models[i], n, ts[k], 0, 0.0, 0.0, &v, &err) == CF_OK);
				CHECK(f->pmf_new(&models[i], n, ts[k], &w, &err) == CF_OK);
				CHECK_REL(v, w, 1e-14);
			}
		}
	{
		const cf_bgnbd_params *p = &models[0];
		double		v;

		CHECK(f->pmf(p, -1, 1.0, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(strstr(err.detail, "-1") != NULL);
		CHECK(f->pmf(p, 1, -2.0, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(strstr(err.detail, "-2") != NULL);
		CHECK(f->pmf(p, 1, NAN, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(f->pmf(p, 1, INFINITY, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(f->pmf(p, 0, 0.0, 2, 30.43, 38.86, &v, &err) == CF_OK && v == 1.0);
		CHECK(f->pmf(p, 3, 0.0, 2, 30.43, 38.86, &v, &err) == CF_OK && v == 0.0);
		/* a sum too long is ERANGE in this function's words, never "_pmf_new" */
		CHECK(f->pmf(p, 40000000, 1e300, 2, 30.43, 38.86, &v, &err) == CF_ERANGE);
		{
			char		want[48];

			snprintf(want, sizeof(want), "%s_pmf", f->name);
			CHECK(strstr(err.msg, want) != NULL && strstr(err.msg, "_pmf_new") == NULL);
			CHECK(strcmp(f->name, "bgnbd") != 0 || strstr(err.msg, "mbgnbd") == NULL);
		}
	}
}

#endif							/* CF_TEST_CONDITIONAL_PMF_H */
