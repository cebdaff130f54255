/*
 * test_model_parameters.c — unit tests of core/model_parameters.c.
 *
 * The standard errors are checked against an independent observed
 * information: the Hessian of the summed log-likelihood on the natural
 * scale by second differences of its values (cf_*_log_likelihood, the
 * entry-by-entry definitions, not the fits' prepared objectives or their
 * gradients), inverted by Gauss-Jordan.  Also a quadratic objective whose
 * covariance is known exactly, an indefinite one, intervals, AIC and BIC.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "cdnow_data.h"
#include "model_parameters.h"
#include "bgnbd.h"
#include "gamma_gamma.h"
#include "mbgnbd.h"
#include "pnbd.h"

typedef double (*loglik_fn) (const double *p, const void *e, size_t n);

static double
bg_ll(const double *p, const void *e, size_t n)
{
	cf_bgnbd_params q = {p[0], p[1], p[2], p[3]};

	return cf_bgnbd_log_likelihood(&q, e, n);
}

static double
mbg_ll(const double *p, const void *e, size_t n)
{
	cf_mbgnbd_params q = {p[0], p[1], p[2], p[3]};

	return cf_mbgnbd_log_likelihood(&q, e, n);
}

static double
gg_ll(const double *p, const void *e, size_t n)
{
	cf_gamma_gamma_params q = {p[0], p[1], p[2]};

	return cf_gamma_gamma_log_likelihood(&q, e, n);
}

/* LL at p with p[i] += di, p[j] += dj. */
static double
ll_at(loglik_fn ll, const double *p, int k, int i, double di, int j, double dj,
	  const void *e, size_t n)
{
	double		q[CF_MODEL_MAX_PARAMS];

	memcpy(q, p, sizeof(double) * k);
	q[i] += di;
	q[j] += dj;
	return ll(q, e, n);
}

/* Second difference of LL in p_i, p_j with steps h p_i, h p_j. */
static double
second_difference(loglik_fn ll, const double *p, int k, int i, int j, double h,
				  const void *e, size_t n)
{
	double		hi = h * p[i],
				hj = h * p[j];

	if (i == j)
		return (ll_at(ll, p, k, i, hi, i, 0, e, n) - 2 * ll(p, e, n) +
				ll_at(ll, p, k, i, -hi, i, 0, e, n)) / (hi * hi);
	return (ll_at(ll, p, k, i, hi, j, hj, e, n) - ll_at(ll, p, k, i, hi, j, -hj, e, n) -
			ll_at(ll, p, k, i, -hi, j, hj, e, n) + ll_at(ll, p, k, i, -hi, j, -hj, e, n)) /
		(4 * hi * hj);
}

/*
 * Standard errors on the natural scale from the negative Hessian of the
 * summed log-likelihood by second differences of values (steps 2e-3 p and
 * 1e-3 p combined by Richardson: truncation O(h^4); the rounding of sums of
 * 10^4 terms stays below 1e-7 relative at these steps), inverted by
 * Gauss-Jordan with partial pivoting.
 */
static void
independent_se(loglik_fn ll, const double *p, int k, const void *e, size_t n,
			   double *se)
{
	double		A[CF_MODEL_MAX_PARAMS][2 * CF_MODEL_MAX_PARAMS];
	int			i,
				j,
				c;

	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
		{
			double		wide = second_difference(ll, p, k, i, j, 2e-3, e, n),
						narrow = second_difference(ll, p, k, i, j, 1e-3, e, n);

			A[i][j] = -(4 * narrow - wide) / 3;
			A[i][k + j] = (i == j);
		}
	for (c = 0; c < k; c++)
	{
		int			piv = c;
		double		t;

		for (i = c + 1; i < k; i++)
			if (fabs(A[i][c]) > fabs(A[piv][c]))
				piv = i;
		for (j = 0; j < 2 * k; j++)
		{
			t = A[c][j];
			A[c][j] = A[piv][j];
			A[piv][j] = t;
		}
		t = A[c][c];
		for (j = 0; j < 2 * k; j++)
			A[c][j] /= t;
		for (i = 0; i < k; i++)
			if (i != c)
			{
				t = A[i][c];
				for (j = 0; j < 2 * k; j++)
					A[i][j] -= t * A[c][j];
			}
	}
	for (i = 0; i < k; i++)
		se[i] = sqrt(A[i][k + i]);
}

/* The core's errors of est equal the independent ones within rel. */
static void
check_against_independent(const char *what, const cf_model_family *fam, loglik_fn ll,
						  const void *e, size_t n, double N, const double *est,
						  double ll_fit, double rel)
{
	cf_model_uncertainty u;
	cf_error	err;
	double		se[CF_MODEL_MAX_PARAMS];
	int			i;

	CHECK(cf_model_uncertainty_compute(fam, e, n, N, est, &cf_malloc_allocator, &u, &err) == CF_OK);
	CHECK(u.defined);
	CHECK_REL(u.log_likelihood, ll_fit, 1e-12);
	CHECK(u.grad_max < 1e-6);
	CHECK(u.step_se < 1e-3);
	independent_se(ll, est, cf_model_family_nparams(fam), e, n, se);
	printf("%s:", what);
	for (i = 0; i < cf_model_family_nparams(fam); i++)
	{
		printf(" %s = %.6g (se %.6g, independent %.6g)", cf_model_family_params(fam)[i], est[i], u.se[i], se[i]);
		CHECK_REL(u.se[i], se[i], rel);
		CHECK_REL(u.cov[i][i], u.se[i] * u.se[i], 1e-12);
		CHECK_REL(u.log_se[i], u.se[i] / est[i], 1e-12);
	}
	printf("\n");
}

/* Customers simulated from a BG/NBD model (T from 1 to 78 weeks). */
static size_t
simulated_bgnbd(cf_bgnbd_entry *e, size_t N, bool mbg)
{
	cf_bgnbd_params p = {0.243, 4.414, 0.793, 2.426};
	cf_error	err;
	size_t		i,
				m;
	bool		ok = true;

	for (i = 0; i < N; i++)
	{
		int32_t		x;
		double		tx,
					T = 1.0 + (double) (i % 78);

		if (mbg)
			cf_mbgnbd_simulate(&p, T, 1000 + i, &x, &tx, &err);
		else
			cf_bgnbd_simulate(&p, T, 1000 + i, &x, &tx, &err);
		ok &= cf_bgnbd_make_entry(x, tx, T, &e[i], &err) == CF_OK;
	}
	CHECK(ok);
	cf_model_state_compact(&cf_bgnbd_layout, e, N, &m, &err);
	return m;
}

static void
test_bgnbd_families(const char *what, cf_bgnbd_entry *e, size_t n, double N)
{
	cf_bgnbd_fit_result bg;
	cf_mbgnbd_fit_result mbg;
	cf_error	err;
	double		est[4];

	CHECK(cf_bgnbd_fit(e, n, &cf_malloc_allocator, NULL, &bg, &err) == CF_OK);
	CHECK(bg.fit.converged);
	est[0] = bg.p.r, est[1] = bg.p.alpha, est[2] = bg.p.a, est[3] = bg.p.b;
	printf("[%s] ", what);
	check_against_independent("BG/NBD", cf_model_family_of_type("bgnbd_model"), bg_ll,
							  e, n, N, est, bg.fit.log_likelihood, 1e-5);
	CHECK(cf_mbgnbd_fit(e, n, &cf_malloc_allocator, NULL, &mbg, &err) == CF_OK);
	CHECK(mbg.fit.converged);
	est[0] = mbg.p.r, est[1] = mbg.p.alpha, est[2] = mbg.p.a, est[3] = mbg.p.b;
	printf("[%s] ", what);
	check_against_independent("MBG/NBD", cf_model_family_of_type("mbgnbd_model"), mbg_ll,
							  e, n, N, est, mbg.fit.log_likelihood, 1e-5);
}

static void
test_simulated(void)
{
	static cf_bgnbd_entry e[20000];
	size_t		n = simulated_bgnbd(e, 20000, false);

	test_bgnbd_families("20,000 simulated BG/NBD customers", e, n, 20000);
	n = simulated_bgnbd(e, 20000, true);
	test_bgnbd_families("20,000 simulated MBG/NBD customers", e, n, 20000);
}

/*
 * How far given estimates are from the maximum, in standard errors (the
 * fit's are 0.242593, 4.41353, 0.792886, 2.42575 with errors 0.01256,
 * 0.3782, 0.1857, 0.7053): the published 3-digit rounding is a few
 * hundredths of an error off, r = 0.3 is (0.3 - 0.2426) / 0.01256 = 4.6
 * errors off in r alone (a Newton step from there moves the others too).
 */
static void
test_cdnow_distance(const cf_bgnbd_entry *e, size_t n, double N)
{
	const cf_model_family *fam = cf_model_family_of_type("bgnbd_model");
	double		published[4] = {0.243, 4.414, 0.793, 2.426},
				off[4] = {0.3, 4.414, 0.793, 2.426};
	cf_model_uncertainty u;
	cf_error	err;

	CHECK(cf_model_uncertainty_compute(fam, e, n, N, published, &cf_malloc_allocator, &u, &err) == CF_OK);
	CHECK(u.defined && u.step_se > 0.01 && u.step_se < 0.1);
	CHECK_REL(u.se[0], 0.012557, 0.01);
	printf("CDNOW BG/NBD at the published rounding: %.3f standard errors from the maximum\n", u.step_se);
	CHECK(cf_model_uncertainty_compute(fam, e, n, N, off, &cf_malloc_allocator, &u, &err) == CF_OK);
	printf("CDNOW BG/NBD at r = 0.3: %.3f standard errors from the maximum\n", u.step_se);
	CHECK(!u.defined || u.step_se > 3.0);
}

/*
 * Pareto/NBD on CDNOW: CLVTools' correctness test expects the standard errors
 * r 0.0476264, alpha 0.8427222, s 0.1872594, beta 6.2105448 (the issue: within
 * 1 %); against the independent Hessian of cf_pnbd_log_likelihood1's values.
 */
static double
pnbd_ll(const double *p, const void *e, size_t n)
{
	cf_pnbd_params q = {p[0], p[1], p[2], p[3]};
	const cf_bgnbd_entry *b = e;
	double		sum = 0.0,
				v;
	cf_error	err;
	size_t		i;

	for (i = 0; i < n; i++)
		if (cf_pnbd_log_likelihood1(&q, b[i].x, b[i].t_x, b[i].T, &v, &err) == CF_OK)
			sum += (double) b[i].count * v;
		else
			return NAN;
	return sum;
}

static void
test_cdnow_pnbd(const cf_bgnbd_entry *e, size_t n, double N)
{
	static const double clvtools[4] = {0.0476264, 0.8427222, 0.1872594, 6.2105448};
	cf_pnbd_fit_result r;
	cf_model_uncertainty u;
	cf_error	err;
	double		est[4];
	int			i;

	CHECK(cf_pnbd_fit(e, n, &cf_malloc_allocator, NULL, &r, &err) == CF_OK);
	CHECK(r.fit.converged);
	est[0] = r.p.r, est[1] = r.p.alpha, est[2] = r.p.s, est[3] = r.p.beta;
	check_against_independent("CDNOW Pareto/NBD", cf_model_family_of_type("pnbd_model"), pnbd_ll,
							  e, n, N, est, r.fit.log_likelihood, 1e-5);
	CHECK(cf_model_uncertainty_compute(cf_model_family_of_type("pnbd_model"), e, n, N, est,
									   &cf_malloc_allocator, &u, &err) == CF_OK);
	for (i = 0; i < 4; i++)
		CHECK_REL(u.se[i], clvtools[i], 1e-3);
}

/* The CDNOW calibration summary (2,357 customers, weeks), if present. */
static void
test_cdnow(void)
{
	static cf_bgnbd_entry e[3000];
	static cf_gamma_gamma_entry g[3000];
	char		path[512],
				line[256];
	FILE	   *f = cdnow_open("cdnow_customers_summary_with_transactions.csv", path, sizeof(path));
	size_t		n = 0,
				ng = 0,
				m,
				mg;
	double		Ng = 0;
	bool		ok = true;
	cf_error	err;
	cf_gamma_gamma_fit_result gg;
	double		est[3];

	if (f == NULL)
	{
		printf("skipping CDNOW: %s not found (set CF_CDNOW_DIR)\n", path);
		return;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		abort();
	while (fgets(line, sizeof(line), f) && n < 3000)
	{
		int			id,
					x;
		double		tx,
					T,
					z;

		if (sscanf(line, "%d,%d,%lf,%lf,%lf", &id, &x, &tx, &T, &z) != 5)
			continue;
		ok &= cf_bgnbd_make_entry(x, tx, T, &e[n++], &err) == CF_OK;
		if (x > 0)
		{
			ok &= cf_gamma_gamma_make_entry(x, z, &g[ng++], &err) == CF_OK;
			Ng++;
		}
	}
	fclose(f);
	CHECK(ok);
	CHECK(n == 2357);
	CHECK(ng == 946);
	cf_model_state_compact(&cf_bgnbd_layout, e, n, &m, &err);
	test_bgnbd_families("CDNOW", e, m, (double) n);
	test_cdnow_distance(e, m, (double) n);
	test_cdnow_pnbd(e, m, (double) n);
	cf_model_state_compact(&cf_gamma_gamma_layout, g, ng, &mg, &err);
	CHECK(cf_gamma_gamma_fit(g, mg, &cf_malloc_allocator, NULL, &gg, &err) == CF_OK);
	CHECK(gg.converged);
	est[0] = gg.p.p, est[1] = gg.p.q, est[2] = gg.p.gamma;
	check_against_independent("CDNOW Gamma-Gamma", cf_model_family_of_type("gamma_gamma_model"),
							  gg_ll, g, mg, Ng, est, gg.log_likelihood, 1e-5);
}

/* ---------- a quadratic objective: the covariance is known exactly ---------- */

static double quad_A[3][3];

/* f = (theta - 0)' A (theta - 0) / 2 over N = 1 "customer"; e and n unused. */
static int
quadratic(const void *e, size_t n, const cf_allocator *mem, const double *theta,
		  double *f, double *grad, cf_error *err)
{
	int			i,
				j;

	*f = 0.0;
	for (i = 0; i < 3; i++)
	{
		grad[i] = 0.0;
		for (j = 0; j < 3; j++)
		{
			grad[i] += quad_A[i][j] * theta[j];
			*f += 0.5 * theta[i] * quad_A[i][j] * theta[j];
		}
	}
	return CF_OK;
}

static void
test_quadratic(void)
{
	static const char *const names[] = {"u", "v", "w"};
	cf_model_family fam = {.title = "quadratic", .name = "quad", .nparams = 3, .params = names,
		.layout = &cf_gamma_gamma_layout, .objective = quadratic};
	static const double A[3][3] = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
	/* A^-1 by hand: adj(A) / det(A), det = 4*5 - 1*2 = 18 */
	static const double Ainv[3][3] = {{5.0 / 18, -2.0 / 18, 1.0 / 18},
	{-2.0 / 18, 8.0 / 18, -4.0 / 18},
	{1.0 / 18, -4.0 / 18, 11.0 / 18}};
	double		est[3] = {1.0, 1.0, 1.0};	/* theta = 0: the minimum */
	cf_model_uncertainty u;
	cf_error	err;
	int			i,
				j;

	memcpy(quad_A, A, sizeof(A));
	CHECK(cf_model_uncertainty_compute(&fam, NULL, 0, 1.0, est, &cf_malloc_allocator, &u, &err) == CF_OK);
	CHECK(u.defined);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			CHECK_NEAR(u.cov[i][j], Ainv[i][j], 1e-12);
	CHECK_NEAR(u.se[1], sqrt(8.0 / 18), 1e-12);
	/* estimates e^2: the delta method scales by the estimates */
	for (i = 0; i < 3; i++)
		est[i] = exp(0.0);
	/* indefinite: the errors are not defined */
	quad_A[2][2] = -2.0;
	CHECK(cf_model_uncertainty_compute(&fam, NULL, 0, 1.0, est, &cf_malloc_allocator, &u, &err) == CF_OK);
	CHECK(!u.defined);
	CHECK(isnan(u.se[0]) && isnan(u.cov[0][1]));
	/* singular */
	memset(quad_A, 0, sizeof(quad_A));
	quad_A[0][0] = quad_A[1][1] = 1.0;
	CHECK(cf_model_uncertainty_compute(&fam, NULL, 0, 1.0, est, &cf_malloc_allocator, &u, &err) == CF_OK);
	CHECK(!u.defined);
	/* bad estimates */
	est[1] = 0.0;
	CHECK(cf_model_uncertainty_compute(&fam, NULL, 0, 1.0, est, &cf_malloc_allocator, &u, &err) == CF_EINVAL);
	CHECK(strstr(err.detail, "parameter v is 0") != NULL);
	est[1] = INFINITY;
	CHECK(cf_model_estimates_check(&fam, est, &err) == CF_EINVAL);
	est[1] = NAN;
	CHECK(cf_model_estimates_check(&fam, est, &err) == CF_EINVAL);
}

static void
test_table_and_criteria(void)
{
	double		lo,
				hi;
	size_t		i;

	CHECK(cf_model_family_of_type("bgnbd_model") == &cf_model_families[0]);
	CHECK(cf_model_family_of_type("gamma_gamma_model")->nparams == 3);
	CHECK(cf_model_family_of_type("bgnbd_state") == NULL);
	CHECK(cf_model_family_of_type("bgnbd") == NULL);
	CHECK(cf_model_family_of_type("xbgnbd_model") == NULL);
	for (i = 0; i < cf_model_family_count; i++)
	{
		const cf_model_family *f = &cf_model_families[i];

		CHECK(cf_model_family_nparams(f) <= CF_MODEL_MAX_PARAMS);
		char		typname[64];

		snprintf(typname, sizeof(typname), "%s_model", cf_model_family_name(f));
		CHECK(cf_model_family_of_type(typname) == f);
		CHECK(cf_model_family_layout(f) == (f->lifetime ? &cf_bgnbd_layout : f->layout));
	}
	/* a lifetime family's names are the lifetime table's */
	CHECK(cf_model_family_params(cf_model_family_of_type("mbgnbd_model")) == cf_mbgnbd_family.names);
	CHECK(strcmp(cf_model_family_params(cf_model_family_of_type("gamma_gamma_model"))[2], "gamma") == 0);
	/* 2.5 * exp(-+1.96 * 0.1) */
	cf_model_interval(2.5, 0.1, 1.96, &lo, &hi);
	CHECK_REL(lo, 2.0550305867, 1e-10);
	CHECK_REL(hi, 3.0413172633, 1e-10);
	CHECK_REL(lo * hi, 2.5 * 2.5, 1e-15);
	/* CDNOW BG/NBD: LL -9582.4, 4 parameters, 2,357 customers */
	CHECK_NEAR(cf_model_aic(4, -9582.4), 19172.8, 1e-9);
	CHECK_NEAR(cf_model_bic(4, 2357, -9582.4), 4 * 7.7651449029 + 19164.8, 1e-8);
}

int
main(void)
{
	test_table_and_criteria();
	test_quadratic();
	test_simulated();
	test_cdnow();
	return unit_report("model_parameters");
}
