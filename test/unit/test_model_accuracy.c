/*
 * test_model_accuracy.c — every lifetime-model prediction against an
 * independent high-precision evaluation: test/unit/model_reference.csv,
 * written by test/scripts/model_reference.py with mpmath at 50 and 80 digits
 * from the published closed forms (FHL 2005 eq. 9 and 10 with the
 * hypergeometric function, P(alive), the Gamma-Gamma mean, the CLV sum, the
 * churn window and eq. 8's purchase-count distribution), not
 * from the code under test.  Regenerate with
 *   python3 test/scripts/model_reference.py > test/unit/model_reference.csv
 * (Debian: apt-get install python3-mpmath).
 *
 * Each case must agree to 1e-9 relative where the reference is a normal
 * double, to DBL_MIN absolute below that, and be ERANGE above DBL_MAX.  A
 * sweep over extreme parameters checks that nothing returns NaN or
 * infinity (a value or ERANGE, never silent nonsense).
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bgnbd.h"
#include "gamma_gamma.h"
#include "unit.h"

/* Found from the source tree, so an out-of-tree (VPATH) build finds it too. */
#ifndef CF_SOURCE_DIR
#define CF_SOURCE_DIR "."
#endif
#define REFERENCE CF_SOURCE_DIR "/test/unit/model_reference.csv"

/* The extension's value for one reference row; rc the core's return code. */
static double
compute(const char *fn, double r, double al, double a, double b, long x,
		double tx, double T, double h, double e1, double e2, int *rc)
{
	cf_bgnbd_params bp = {r, al, a, b};
	cf_error err;
	double		v = NAN;

	*rc = CF_OK;
	if (strcmp(fn, "p_alive") == 0)
		v = cf_bgnbd_p_alive(&bp, x, tx, T);
	else if (strcmp(fn, "expected") == 0)
		*rc = cf_bgnbd_expected_purchases(&bp, h, x, tx, T, &v, &err);
	else if (strcmp(fn, "expected_new") == 0)
		*rc = cf_bgnbd_expected_purchases_new(&bp, h, &v, &err);
	else if (strcmp(fn, "p_no_purchase") == 0)
		*rc = cf_bgnbd_p_no_purchase(&bp, h, x, tx, T, &v, &err);
	else if (strcmp(fn, "pmf_new") == 0)
		*rc = cf_bgnbd_pmf_new(&bp, x, h, &v, &err);
	else if (strcmp(fn, "gg_mean") == 0)
	{
		cf_gamma_gamma_params g = {r, al, a};

		*rc = cf_gamma_gamma_expected_mean(&g, x, tx, &v, &err);
	}
	else
	{
		cf_gamma_gamma_params g = {e1, e2, 10};
		double		c,
					l;

		*rc = cf_clv(&bp, &g, x, tx, T, 20, h, 1, 0.1, &c, &l, &err);
		v = strcmp(fn, "clv") == 0 ? c : l;
	}
	return v;
}

static void
test_reference(void)
{
	FILE	   *f = fopen(REFERENCE, "r");
	char		line[1024];
	double		worst = 0.0;
	int			n = 0;

	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f))
	{
		char		fn[32],
					refs[128];
		char	   *comma = strchr(line, ',');
		double		r,
					al,
					a,
					b,
					tx,
					T,
					h,
					e1,
					e2,
					v,
					ref,
					rel;
		long		x;
		int			rc;

		if (comma == NULL || comma - line >= (long) sizeof(fn))
			continue;
		memcpy(fn, line, comma - line);
		fn[comma - line] = '\0';
		if (sscanf(comma + 1, "%lf,%lf,%lf,%lf,%ld,%lf,%lf,%lf,%lf,%lf,%127s",
				   &r, &al, &a, &b, &x, &tx, &T, &h, &e1, &e2, refs) != 11)
		{
			CHECK(!"unreadable reference row");
			continue;
		}
		n++;
		v = compute(fn, r, al, a, b, x, tx, T, h, e1, e2, &rc);
		if (strcmp(refs, "overflow") == 0)
		{
			CHECK(rc == CF_ERANGE);
			continue;
		}
		ref = strtod(refs, NULL);
		if (rc != CF_OK)
			rel = INFINITY;
		else if (fabs(ref) >= DBL_MIN)
			rel = fabs(v - ref) / fabs(ref);
		else
			rel = fabs(v - ref) <= DBL_MIN ? 0.0 : INFINITY;
		if (!(rel <= 1e-9))
			fprintf(stderr, "%s %s: got %.17g (rc %d), reference %s, relative error %.3g\n",
					fn, comma + 1, v, rc, refs, rel);
		CHECK(rel <= 1e-9);
		if (rel > worst)
			worst = rel;
	}
	fclose(f);
	printf("model accuracy: %d reference values, worst relative error %.3g\n", n, worst);
	CHECK(n >= 500);
}

/* Extreme parameters: a value (finite, >= 0) or ERANGE, never NaN or inf. */
static void
test_no_nonsense(void)
{
	static const double vals[] = {1e-300, 1e-12, 1e-3, 0.5, 1.0, 2.0, 1e3, 1e12, 1e300};
	static const double hs[] = {1e-300, 1.0, 52.0};
	size_t		i,
				j,
				k,
				m;
	int			bad = 0,
				values = 0,
				ranges = 0;

	for (i = 0; i < 9; i++)
		for (j = 0; j < 9; j++)
			for (k = 0; k < 9; k += 2)
				for (m = 0; m < 3; m++)
				{
					cf_bgnbd_params p = {vals[k], vals[(k + 3) % 9], vals[i], vals[j]};
					cf_gamma_gamma_params g = {vals[i], vals[j], vals[k]};
					cf_error err;
					double		v,
								c,
								l;
					int			rc;

					rc = cf_bgnbd_expected_purchases(&p, hs[m], 3, 20.0, 39.0, &v, &err);
					if (rc == CF_OK)
						bad += !(isfinite(v) && v >= 0), values++;
					else
						bad += rc != CF_ERANGE, ranges++;
					v = cf_bgnbd_p_alive(&p, 3, 20.0, 39.0);
					bad += !(v >= 0 && v <= 1);
					v = cf_bgnbd_p_dead(&p, 3, 20.0, 39.0);
					bad += !(v >= 0 && v <= 1);
					rc = cf_gamma_gamma_expected_mean(&g, 3, 25.0, &v, &err);
					if (rc == CF_OK)
						bad += !(isfinite(v) && v >= 0);
					if (hs[m] <= 52.0)
					{
						rc = cf_clv(&p, &g, 3, 20.0, 39.0, 25.0, hs[m] > 1 ? 5.0 : hs[m], 1.0, 0.1, &c, &l, &err);
						if (rc == CF_OK)
							bad += !(isfinite(c) && c >= 0 && isfinite(l) && l >= 0);
					}
				}
	printf("model extremes: %d expected-purchase values, %d ERANGE, %d nonsense\n", values, ranges, bad);
	CHECK(bad == 0);
}

int
main(void)
{
	test_reference();
	test_no_nonsense();
	return unit_report("model_accuracy");
}
