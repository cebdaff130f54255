/*
 * test_bgnbd.c — unit tests of the BG/NBD core (src/core/bgnbd.c).
 * Expected values come from the paper (CDNOW fit), from the model's closed
 * forms written out plainly here, and from brute-force numerical
 * integration over the beta-distributed dropout probability.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bgnbd.h"
#include "cdnow_data.h"
#include "conditional_pmf.h"
#include "text_form.h"
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

/* Likelihood of one customer straight from FHL eq. (6), with tgamma/pow. */
static double
raw_likelihood(const cf_bgnbd_params *p, int x, double tx, double T)
{
	double		r = p->r,
				al = p->alpha,
				a = p->a,
				b = p->b;
	double		Bab = tgamma(a) * tgamma(b) / tgamma(a + b);
	double		B1 = tgamma(a) * tgamma(b + x) / tgamma(a + b + x);
	double		gr = tgamma(r + x) * pow(al, r) / tgamma(r);
	double		L = B1 / Bab * gr / pow(al + T, r + x);

	if (x > 0)
	{
		double		B2 = tgamma(a + 1) * tgamma(b + x - 1) / tgamma(a + b + x);

		L += B2 / Bab * gr / pow(al + tx, r + x);
	}
	return L;
}

/*
 * Brute force: integrate over p ~ Beta(a, b) numerically (lambda integrated
 * in closed form) with tanh-sinh quadrature, p = 1 / (1 + e^(-pi sinh tau)),
 * which copes with the p^(a-1) and (1-p)^(b-1) end-point singularities.
 * Returns P(alive) and E[Y(t) | x, t_x, T]; both are ratios, so the Beta
 * normalising constant and the common lambda factor cancel.
 */
static void
brute_force(const cf_bgnbd_params *pr, int x, double tx, double T, double t,
			double *palive, double *expected)
{
	const double h = 1.0 / 128;
	double		num = 0.0,
				den = 0.0,
				alive = 0.0;
	/* ((alpha+T)/(alpha+t_x))^(r+x): the dead-at-t_x branch relative scale */
	double		ratio_tx = pow((pr->alpha + T) / (pr->alpha + tx), pr->r + x);
	double		tau;

	for (tau = -6.0; tau <= 6.0; tau += h)
	{
		double		sv = M_PI * sinh(tau);
		double		lp = -log1p(exp(-sv));	/* ln p */
		double		lq = -log1p(exp(sv));	/* ln (1 - p) */
		double		p = exp(lp);
		/* Beta kernel times dp/dtau = p (1-p) pi cosh(tau) */
		double		w = exp(pr->a * lp + pr->b * lq) * M_PI * cosh(tau);
		double		alive_term = exp(x * lq);
		double		dead_term = (x > 0) ? exp(lp + (x - 1) * lq) * ratio_tx : 0.0;
		double		grow;

		if (p == 0.0)
			grow = (pr->r + x) * t / (pr->alpha + T);
		else
			grow = (1.0 - pow((pr->alpha + T) / (pr->alpha + T + p * t), pr->r + x)) / p;
		den += w * (alive_term + dead_term);
		alive += w * alive_term;
		num += w * alive_term * grow;
	}
	*palive = alive / den;
	*expected = num / den;
}

/* New customer: E[X(t)] = E_p[(1 - (alpha/(alpha+p t))^r) / p] (eq. 8). */
static double
brute_force_new(const cf_bgnbd_params *pr, double t)
{
	double		pa,
				e;

	/* x = 0, T = 0 is exactly a new customer */
	brute_force(pr, 0, 0.0, 0.0, t, &pa, &e);
	return e;
}

/* FHL eq. (10) with the plain (untransformed) 2F1 series. */
static double
paper_expected(const cf_bgnbd_params *p, int x, double tx, double T, double t)
{
	double		z = t / (p->alpha + T + t);
	double		A = p->r + x,
				B = p->b + x,
				C = p->a + p->b + x - 1;
	double		term = 1.0,
				F = 1.0;
	int			k;
	double		num,
				den;

	for (k = 0; k < 100000; k++)
	{
		term *= (A + k) * (B + k) / ((C + k) * (k + 1)) * z;
		F += term;
		if (fabs(term) < 1e-18 * fabs(F))
			break;
	}
	num = (p->a + p->b + x - 1) / (p->a - 1)
		* (1 - pow((p->alpha + T) / (p->alpha + T + t), p->r + x) * F);
	den = 1 + (x > 0 ? p->a / (p->b + x - 1) * pow((p->alpha + T) / (p->alpha + tx), p->r + x) : 0);
	return num / den;
}

static void
test_entries(void)
{
	cf_bgnbd_entry e;
	cf_error err;

	CHECK(cf_bgnbd_make_entry(0, 0, 10, &e, &err) == CF_OK);
	CHECK(cf_bgnbd_make_entry(3, 2.5, 10, &e, &err) == CF_OK);
	CHECK(e.x == 3 && e.t_x == 2.5 && e.T == 10 && e.count == 1);
	CHECK(cf_bgnbd_make_entry(-1, 0, 10, &e, &err) == CF_EINVAL);
	CHECK(cf_bgnbd_make_entry(1, 11, 10, &e, &err) == CF_EINVAL);
	CHECK(strstr(err.detail, "t_x must not exceed T") != NULL);
	CHECK(cf_bgnbd_make_entry(1, 0, 10, &e, &err) == CF_EINVAL);
	CHECK(cf_bgnbd_make_entry(0, 1, 10, &e, &err) == CF_EINVAL);
	CHECK(cf_bgnbd_make_entry(1, -1, 10, &e, &err) == CF_EINVAL);
	CHECK(cf_bgnbd_make_entry(1, 1, NAN, &e, &err) == CF_EINVAL);
	CHECK(cf_bgnbd_make_entry(1, 1, INFINITY, &e, &err) == CF_EINVAL);
	CHECK(cf_bgnbd_make_entry(3000000000LL, 1, 2, &e, &err) == CF_ERANGE);
	CHECK(cf_bgnbd_make_entry(0, -0.0, 5, &e, &err) == CF_OK);
	CHECK(!signbit(e.t_x));
}

static void
test_merge_and_text(void)
{
	int			x[] = {0, 2, 1, 0, 2, 1, 7, 0, 2};
	double		tx[] = {0, 30.43, 1.71, 0, 30.43, 0.1, 1e-300, 0, 5};
	double		T[] = {38.86, 38.86, 38.86, 38.86, 38.86, 38.86, 1e300, 0.30000000000000004, 5};
	cf_bgnbd_entry all[9],
				a[9],
				b[9],
				m[18],
				parsed[18];
	size_t		n_all,
				na,
				nb,
				nm,
				np,
				nh;
	char		buf[4096],
				buf2[4096];
	cf_error err;
	int64_t		total;

	n_all = make_summary(x, tx, T, 9, all);
	CHECK(n_all == 7);
	na = make_summary(x, tx, T, 4, a);
	nb = make_summary(x + 4, tx + 4, T + 4, 5, b);
	CHECK(cf_model_state_merge(&cf_bgnbd_layout, a, na, b, nb, m, &nm, &err) == CF_OK);
	CHECK(nm == n_all && memcmp(m, all, nm * sizeof(cf_bgnbd_entry)) == 0);
	CHECK(cf_model_state_total(&cf_bgnbd_layout, m, nm, &total, &err) == CF_OK && total == 9);
	CHECK(cf_model_state_check_compact(&cf_bgnbd_layout, m, nm, &err) == CF_OK);

	/* exact text round trip, also of awkward doubles */
	CHECK(cf_model_state_format(&cf_bgnbd_layout, m, nm, buf, sizeof(buf)) < cf_model_state_text_bound(&cf_bgnbd_layout, nm));
	CHECK(cf_model_state_parse_header(&cf_bgnbd_layout, buf, &nh, &err) == CF_OK && nh == nm);
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, buf, parsed, 18, &np, &err) == CF_OK);
	CHECK(np == nm && memcmp(parsed, m, nm * sizeof(cf_bgnbd_entry)) == 0);
	cf_model_state_format(&cf_bgnbd_layout, parsed, np, buf2, sizeof(buf2));
	CHECK(strcmp(buf, buf2) == 0);
	CHECK(strcmp(buf, "v2;tuples=7;tuple=0,0,0.30000000000000004,1;tuple=0,0,38.86,2;tuple=1,0.1,38.86,1;"
				 "tuple=1,1.71,38.86,1;tuple=2,5,5,1;tuple=2,30.43,38.86,2;tuple=7,1e-300,1e+300,1") == 0);
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "v2;tuples=0", parsed, 18, &np, &err) == CF_OK && np == 0);
	/* the released 1.0 form reads back to the same entries */
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "1;0", parsed, 18, &np, &err) == CF_OK && np == 0);
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "1;7;0,0,0.30000000000000004,1;0,0,38.86,2;1,0.1,38.86,1;"
						  "1,1.71,38.86,1;2,5,5,1;2,30.43,38.86,2;7,1e-300,1e+300,1", parsed, 18, &np, &err) == CF_OK);
	CHECK(np == nm && memcmp(parsed, m, nm * sizeof(cf_bgnbd_entry)) == 0);

	/* worst-case widths fit the bound */
	{
		cf_bgnbd_entry w = {-1.2345678901234567e-300, 1.2345678901234567e+300, INT64_MAX, INT32_MAX, 0};
		char		big[200];

		w.t_x = 2.2250738585072014e-308;
		CHECK(cf_model_state_format(&cf_bgnbd_layout, &w, 1, big, sizeof(big)) < cf_model_state_text_bound(&cf_bgnbd_layout, 1));
		CHECK(cf_model_state_parse(&cf_bgnbd_layout, big, parsed, 18, &np, &err) == CF_OK);
		CHECK(memcmp(&parsed[0], &w, sizeof(w)) == 0);
	}

	/* malformed inputs: rejected with an error code, never a crash */
	{
		const char *bad[] = {
			"", "1", "1;", "2;0", "0;0", "x;0", "1;1", "1;1;", "1;1;0,0,1",
			"1;1;0,0,1,1;", "1;1;0,0,1,1;0,0,2,1", "1;2;0,0,1,1",
			"1;1;0,0,1,0", "1;1;-1,0,1,1", "1;1;0,0,nan,1", "1;1;0,0,inf,1",
			"1;1;0,0,1e999,1", "1;1;0,0,0x1p3,1", "1;1;0,0, 1,1", "1;1;0,0,1 ,1",
			"1;1;1,2,1,1", "1;1;1,0,1,1", "1;1;0,1,1,1", "1;1;0,0,-1,1",
			"1;2;0,0,2,1;0,0,1,1", "1;2;0,0,1,1;0,0,1,1",
			"1;1;0,0,1,99999999999999999999", "1;1;99999999999,1,2,1",
			"1;99999999999999999999", "1;1000;0,0,1,1", " 1;0", "1;0 ",
			"1;1;0,0,1,1\n", "1;1;0,,1,1", "1;1;0,0,1.2.3,1", "1;1;0,0,1e,1",
			"1;1;0,0,--1,1", "1;1;+0,0,1,1", "01;0;", "1;-0",
			"v1;tuples=0", "v3;tuples=0", "v2", "v2;", "v2;tuples=", "v2;tuples=-0", "v2;tuples=1",
			"v2;tuples=0;", "v2;tuples=1;tuple=0,0,1", "v2;tuples=1;0,0,1,1", "v2;tuples=1;t=0,0,1,1",
			"v2;tuples=1;tuple=0,0,1,1;tuple=0,0,2,1", "v2;tuples=2;tuple=0,0,2,1;tuple=0,0,1,1",
			"v2;tuples=1;tuple=0,0,1,0", "v2;tuples=1;tuple=0,0,nan,1", "v2;tuples=1;tuple=0,0,1,1 ",
			"v2 tuples=0", "v2;n=0", "2;0", "v2;tuples=1;tuple=0,0,1,1,1",
		};
		size_t		i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		{
			int			rc = cf_model_state_parse(&cf_bgnbd_layout, bad[i], parsed, 18, &np, &err);

			if (rc == CF_OK)
				fprintf(stderr, "accepted malformed \"%s\"\n", bad[i]);
			CHECK(rc != CF_OK);
			CHECK(err.msg[0] != '\0' && err.detail[0] != '\0');
		}
	}
}

/* The shortest exact form, the slow way: %.15g, %.16g, then %.17g. */
static void
slow_format(double v, char *buf)
{
	int			p;

	for (p = 15; p < 17; p++)
	{
		snprintf(buf, 32, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, 32, "%.17g", v);
}

/* cf_tf_format_double's two-decimal fast path prints what the slow way prints. */
static void
test_double_format(void)
{
	char		a[32],
				b[32];
	long		i,
				bad = 0;

	for (i = -1000; i < 200000; i++)
	{
		double		vs[3] = {i / 100.0, i / 7.0, i * 0.01};
		int			k;

		for (k = 0; k < 3; k++)
		{
			cf_tf_format_double(vs[k], CF_TF_MODEL_DIGITS, a, sizeof a);
			slow_format(vs[k], b);
			if (strcmp(a, b) != 0 || strtod(a, NULL) != vs[k])
				bad++;
		}
	}
	CHECK(bad == 0);
	cf_tf_format_double(38.86, CF_TF_MODEL_DIGITS, a, sizeof a);
	CHECK(strcmp(a, "38.86") == 0);
	cf_tf_format_double(272.0 / 7, CF_TF_MODEL_DIGITS, a, sizeof a);
	CHECK(strcmp(a, "38.857142857142854") == 0);
	cf_tf_format_double(1e13, CF_TF_MODEL_DIGITS, a, sizeof a);
	CHECK(strcmp(a, "10000000000000") == 0);
	cf_tf_format_double(1e15, CF_TF_MODEL_DIGITS, a, sizeof a);
	CHECK(strcmp(a, "1e+15") == 0);
}

static void
test_likelihood_and_gradient(void)
{
	int			x[] = {0, 0, 1, 2, 2, 5, 12, 3};
	double		tx[] = {0, 0, 3.5, 30.43, 10, 20, 37, 0.5};
	double		T[] = {38.86, 12, 38.86, 38.86, 32, 36, 38, 0.5};
	cf_bgnbd_entry e[8];
	size_t		n = make_summary(x, tx, T, 8, e);
	cf_bgnbd_params p = {0.243, 4.414, 0.793, 2.426};
	double		theta[4] = {log(0.243), log(4.414), log(0.793), log(2.426)};
	double		raw = 0.0,
				f,
				g[4];
	int			i;
	cf_error err;

	for (i = 0; i < 8; i++)
		raw += log(raw_likelihood(&p, x[i], tx[i], T[i]));
	CHECK_REL(cf_bgnbd_log_likelihood(&p, e, n), raw, 1e-12);
	CHECK(cf_bgnbd_objective(e, n, &cf_malloc_allocator, theta, &f, g, &err) == CF_OK);
	CHECK_REL(-f * 8, raw, 1e-12);

	/* a < 1 and b < 1 (ln(b + x - 1) at x = 0 would be NaN) */
	{
		cf_bgnbd_params q = {1.5, 0.7, 0.4, 0.3};
		double		th[4] = {log(1.5), log(0.7), log(0.4), log(0.3)};

		raw = 0.0;
		for (i = 0; i < 8; i++)
			raw += log(raw_likelihood(&q, x[i], tx[i], T[i]));
		CHECK(cf_bgnbd_objective(e, n, &cf_malloc_allocator, th, &f, g, &err) == CF_OK);
		CHECK_REL(-f * 8, raw, 1e-12);
	}

	/* gradient against central differences at two points */
	{
		double		pts[2][4] = {{log(0.243), log(4.414), log(0.793), log(2.426)},
		{0.3, -0.5, 1.2, -0.7}};
		int			k,
					j;

		for (k = 0; k < 2; k++)
		{
			CHECK(cf_bgnbd_objective(e, n, &cf_malloc_allocator, pts[k], &f, g, &err) == CF_OK);
			for (j = 0; j < 4; j++)
			{
				double		tp[4],
							tm[4],
							fp,
							fm,
							h = 1e-5;

				memcpy(tp, pts[k], sizeof(tp));
				memcpy(tm, pts[k], sizeof(tm));
				tp[j] += h;
				tm[j] -= h;
				cf_bgnbd_objective(e, n, &cf_malloc_allocator, tp, &fp, NULL, &err);
				cf_bgnbd_objective(e, n, &cf_malloc_allocator, tm, &fm, NULL, &err);
				CHECK_NEAR(g[j], (fp - fm) / (2 * h), 1e-8);
			}
		}
	}

	/* large x: (alpha + T)^(r + x) alone would overflow near x = 190 */
	{
		cf_bgnbd_entry big[2];
		double		th[4] = {log(0.243), log(4.414), log(0.793), log(2.426)};
		size_t		nb;
		double		want;

		cf_bgnbd_make_entry(400, 900, 1000, &big[0], &err);
		cf_bgnbd_make_entry(100000, 999, 1000, &big[1], &err);
		cf_model_state_compact(&cf_bgnbd_layout, big, 2, &nb, &err);
		CHECK(cf_bgnbd_objective(big, nb, &cf_malloc_allocator, th, &f, g, &err) == CF_OK);
		CHECK(isfinite(f) && isfinite(g[0]) && isfinite(g[1]) && isfinite(g[2]) && isfinite(g[3]));
		want = cf_bgnbd_log_likelihood(&p, big, nb);
		CHECK(isfinite(want));
		CHECK_REL(-f * 2, want, 1e-10);
		CHECK(cf_bgnbd_p_alive(&p, 100000, 999, 1000) > 0.0);
		CHECK(cf_bgnbd_p_alive(&p, 100000, 999, 1000) < 1.0);
		CHECK(isfinite(cf_bgnbd_p_alive(&p, 400, 1, 1000)));
	}
}

static void
test_predictions(void)
{
	cf_bgnbd_params p = {0.243, 4.414, 0.793, 2.426};
	struct
	{
		int			x;
		double		tx,
					T,
					t;
	}			c[] = {
		{0, 0, 38.86, 39}, {1, 1.71, 38.86, 39}, {2, 30.43, 38.86, 39},
		{7, 29.43, 32.71, 39}, {5, 5, 38.86, 52}, {0, 0, 0, 10},
		{29, 35.3, 36.0, 200},
	};
	size_t		i;
	cf_error err;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
	{
		double		pa_hand,
					pa_bf,
					e_bf,
					e,
					ea;

		/* P(alive) by hand, FHL eq. (13) */
		pa_hand = (c[i].x == 0) ? 1.0
			: 1.0 / (1.0 + p.a / (p.b + c[i].x - 1)
					 * pow((p.alpha + c[i].T) / (p.alpha + c[i].tx), p.r + c[i].x));
		CHECK_REL(cf_bgnbd_p_alive(&p, c[i].x, c[i].tx, c[i].T), pa_hand, 1e-13);
		brute_force(&p, c[i].x, c[i].tx, c[i].T, c[i].t, &pa_bf, &e_bf);
		CHECK_REL(pa_hand, pa_bf, 1e-6);

		CHECK(cf_bgnbd_expected_purchases(&p, c[i].t, c[i].x, c[i].tx, c[i].T, &e, &err) == CF_OK);
		CHECK_REL(e, e_bf, 1e-6);
		CHECK_REL(e, paper_expected(&p, c[i].x, c[i].tx, c[i].T, c[i].t), 1e-10);
		CHECK(cf_bgnbd_expected_purchases_alive(&p, c[i].t, c[i].x, c[i].T, &ea, &err) == CF_OK);
		CHECK_REL(e, ea * pa_hand, 1e-13);
	}
	if (cf_bgnbd_p_alive(&p, 0, 0, 5) != 1.0)
		CHECK(0);

	/* new customers: eq. (9) against brute force */
	{
		double		ts[] = {0.5, 1, 39, 78, 500};

		for (i = 0; i < 5; i++)
		{
			double		e;

			CHECK(cf_bgnbd_expected_purchases_new(&p, ts[i], &e, &err) == CF_OK);
			CHECK_REL(e, brute_force_new(&p, ts[i]), 1e-6);
		}
	}

	/* a = 1 is a removable singularity: continuous across it */
	{
		cf_bgnbd_params q = {0.5, 3.0, 1.0, 2.0};
		double		e0,
					el,
					eh,
					pa,
					bf;

		cf_bgnbd_expected_purchases(&q, 20, 3, 10, 30, &e0, &err);
		q.a = 1.0 - 1e-9;
		cf_bgnbd_expected_purchases(&q, 20, 3, 10, 30, &el, &err);
		q.a = 1.0 + 1e-9;
		cf_bgnbd_expected_purchases(&q, 20, 3, 10, 30, &eh, &err);
		CHECK(isfinite(e0));
		CHECK_REL(e0, el, 1e-8);
		CHECK_REL(e0, eh, 1e-8);
		q.a = 1.0;
		brute_force(&q, 3, 10, 30, 20, &pa, &bf);
		CHECK_REL(e0, bf, 1e-6);
	}

	/* a > 2, b < 1, long horizons */
	{
		cf_bgnbd_params q = {2.0, 1.5, 3.5, 0.6};
		double		e,
					pa,
					bf;

		CHECK(cf_bgnbd_expected_purchases(&q, 300, 2, 4, 9, &e, &err) == CF_OK);
		brute_force(&q, 2, 4, 9, 300, &pa, &bf);
		CHECK_REL(e, bf, 1e-6);
		CHECK(cf_bgnbd_expected_purchases(&p, 1e5, 2, 30.43, 38.86, &e, &err) == CF_OK);
		CHECK(isfinite(e) && e > 0);
		CHECK(cf_bgnbd_expected_purchases(&p, 0, 2, 30.43, 38.86, &e, &err) == CF_OK && e == 0.0);
		CHECK(cf_bgnbd_expected_purchases(&p, -1, 2, 30.43, 38.86, &e, &err) == CF_EINVAL);
		CHECK(cf_bgnbd_expected_purchases(&p, 1e12, 2, 30.43, 38.86, &e, &err) == CF_ERANGE);
	}
}

static void
test_fit_errors(void)
{
	cf_bgnbd_fit_result res;
	cf_error err;
	int			x[] = {0, 0};
	double		tx[] = {0, 0},
				T[] = {3, 4};
	cf_bgnbd_entry e[2];
	size_t		n = make_summary(x, tx, T, 2, e);

	CHECK(cf_bgnbd_fit(e, 0, &cf_malloc_allocator, NULL, &res, &err) == CF_EINVAL);
	CHECK(cf_bgnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_EINVAL);
	CHECK(strstr(err.detail, "repeat purchase") != NULL);
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
	cf_bgnbd_fit_result res;
	cf_error err;
	double		t0,
				ms,
				best = 1e9;
	int			rep;

	if (n == 0)
		return;
	for (rep = 0; rep < 5; rep++)
	{
		t0 = now_ms();
		CHECK(cf_bgnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
		ms = now_ms() - t0;
		if (ms < best)
			best = ms;
	}
	printf("CDNOW BG/NBD fit: r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.2f n=%lld "
		   "converged=%d iter=%d evals=%d |grad|=%.2g, %.2f ms (best of 5), %zu distinct\n",
		   res.p.r, res.p.alpha, res.p.a, res.p.b, res.fit.log_likelihood,
		   (long long) res.fit.n, res.fit.converged, res.fit.iterations, res.fit.evaluations,
		   res.fit.grad_max, best, n);
	CHECK(res.fit.converged);
	CHECK(res.fit.n == 2357);
	CHECK_REL(res.p.r, 0.243, 0.005);
	CHECK_REL(res.p.alpha, 4.414, 0.005);
	CHECK_REL(res.p.a, 0.793, 0.005);
	CHECK_REL(res.p.b, 2.426, 0.005);
	CHECK_REL(res.fit.log_likelihood, -9582.4, 0.005);
	CHECK_NEAR(res.fit.log_likelihood, -9582.4, 0.06);
	CHECK_REL(cf_bgnbd_log_likelihood(&res.p, e, n), res.fit.log_likelihood, 1e-12);
	if (under_valgrind())
		printf("fit time not checked under valgrind\n");
	else
		CHECK(best < 100.0);
}

/* Simulate CDNOW-like customers from the published model and refit. */
static void
test_simulated_fit(void)
{
	cf_bgnbd_params truth = {0.243, 4.414, 0.793, 2.426};
	const size_t N = 100000;
	cf_bgnbd_entry *e = malloc(sizeof(cf_bgnbd_entry) * N);
	cf_bgnbd_fit_result res;
	cf_error err;
	size_t		i,
				n;
	double		sx = 0.0,
				t0,
				ms;
	int32_t		x1,
				x2;
	size_t		bad = 0;
	double		tx1,
				tx2;

	/* deterministic */
	CHECK(cf_bgnbd_simulate(&truth, 38.86, 42, &x1, &tx1, &err) == CF_OK);
	CHECK(cf_bgnbd_simulate(&truth, 38.86, 42, &x2, &tx2, &err) == CF_OK);
	CHECK(x1 == x2 && tx1 == tx2);
	CHECK(tx1 <= 38.86 && (x1 == 0) == (tx1 == 0.0));

	for (i = 0; i < N; i++)
	{
		double		T = (273 - (double) (i * 7919 % 91)) / 7.0;
		int32_t		x;
		double		tx;

		if (cf_bgnbd_simulate(&truth, T, i, &x, &tx, &err) != CF_OK ||
			cf_bgnbd_make_entry(x, tx, T, &e[i], &err) != CF_OK)
			bad++;
		sx += x;
	}
	CHECK(bad == 0);
	cf_model_state_compact(&cf_bgnbd_layout, e, N, &n, &err);
	t0 = now_ms();
	CHECK(cf_bgnbd_fit(e, n, &cf_malloc_allocator, NULL, &res, &err) == CF_OK);
	ms = now_ms() - t0;
	printf("simulated %zu customers (mean x %.3f): r=%.4f alpha=%.4f a=%.4f b=%.4f converged=%d, %.1f ms, %zu distinct\n",
		   N, sx / N, res.p.r, res.p.alpha, res.p.a, res.p.b, res.fit.converged, ms, n);
	CHECK(res.fit.converged);
	CHECK_REL(res.p.r, truth.r, 0.05);
	CHECK_REL(res.p.alpha, truth.alpha, 0.05);
	CHECK_REL(res.p.a, truth.a, 0.08);
	CHECK_REL(res.p.b, truth.b, 0.08);
	free(e);
}

/*
 * The scoring fast paths against the plain functions: cf_bgnbd_customer_ok
 * accepts exactly what cf_bgnbd_make_entry accepts, and the prepared
 * model's P(alive) is bit for bit cf_bgnbd_p_alive's, for x = 0, small x,
 * x past the table (up to 600), t_x = T, tiny t_x, a near and at 1, on the
 * first (table filled) and second (table read) use.
 */
static void
test_scoring_fast_paths(void)
{
	static const int64_t xs[] = {-2, -1, 0, 1, 2, 7, 255, 256, INT32_MAX, (int64_t) INT32_MAX + 1};
	static const double ts[] = {-1.0, -0.0, 0.0, 4.9e-324, 1e-300, 0.5, 1.0, 2.0,
		1e308, 1.7976931348623157e308, INFINITY, -INFINITY, NAN};
	static const cf_bgnbd_params models[] = {
		{0.243, 4.414, 0.793, 2.426},
		{0.5, 3.0, 1.0, 2.0},
		{0.5, 3.0, 1.0 + 1e-9, 2.0},
		{2.0, 0.05, 0.999999, 0.3},
		{40.0, 1000.0, 5.0, 50.0},
	};
	size_t		i,
				j,
				k,
				m;
	int			mismatches = 0,
				compared = 0;
	cf_error err;
	cf_bgnbd_scorer sc;

	/* the fast check against the full one, every combination */
	for (i = 0; i < sizeof(xs) / sizeof(xs[0]); i++)
		for (j = 0; j < sizeof(ts) / sizeof(ts[0]); j++)
			for (k = 0; k < sizeof(ts) / sizeof(ts[0]); k++)
			{
				cf_bgnbd_entry e;
				bool		full = cf_bgnbd_make_entry(xs[i], ts[j], ts[k], &e, &err) == CF_OK;

				if (full != cf_bgnbd_customer_ok(xs[i], ts[j], ts[k]))
				{
					mismatches++;
					fprintf(stderr, "customer_ok(%lld, %g, %g) disagrees with make_entry\n",
							(long long) xs[i], ts[j], ts[k]);
				}
				compared++;
			}
	CHECK(mismatches == 0);
	CHECK(compared == 10 * 13 * 13);

	/* invalid models are refused like cf_bgnbd_check_params */
	{
		cf_bgnbd_params bad = {0.2, 0.0, 1.0, 1.0};

		CHECK(cf_bgnbd_scorer_init(&sc, &bad, &err) == CF_EINVAL);
		bad.alpha = NAN;
		CHECK(cf_bgnbd_scorer_init(&sc, &bad, &err) != CF_OK);
	}

	/* P(alive): prepared == plain, bit for bit, twice over */
	mismatches = 0;
	compared = 0;
	for (m = 0; m < sizeof(models) / sizeof(models[0]); m++)
	{
		int			pass;

		CHECK(cf_bgnbd_scorer_init(&sc, &models[m], &err) == CF_OK);
		for (pass = 0; pass < 2; pass++)
			for (i = 0; i <= 600; i += (i < 40 ? 1 : 7))
			{
				static const double Ts[] = {1e-6, 0.5, 1.0, 26.0, 38.86, 39.0, 500.0, 1e6};

				for (j = 0; j < sizeof(Ts) / sizeof(Ts[0]); j++)
				{
					double		T = Ts[j];
					double		txs[6];
					size_t		ntx = 0;

					if (i == 0)
						txs[ntx++] = 0.0;
					else
					{
						txs[ntx++] = T;				/* bought at the very end */
						txs[ntx++] = nextafter(T, 0.0);
						txs[ntx++] = T * 0.5;
						txs[ntx++] = T * 1e-3;
						txs[ntx++] = 4.9e-324;		/* smallest positive */
					}
					for (k = 0; k < ntx; k++)
					{
						double		slow = cf_bgnbd_p_alive(&models[m], (int64_t) i, txs[k], T);
						double		fast = cf_bgnbd_scorer_p_alive(&sc, (int64_t) i, txs[k], T);

						if (memcmp(&slow, &fast, sizeof(double)) != 0)
						{
							mismatches++;
							fprintf(stderr, "p_alive model %zu x %zu t_x %.17g T %.17g: %.17g != %.17g\n",
									m, i, txs[k], T, fast, slow);
						}
						compared++;
					}
				}
			}
	}
	CHECK(mismatches == 0);
	CHECK(compared > 10000);
	/* the extremes are still what the formula says */
	CHECK(cf_bgnbd_scorer_init(&sc, &models[0], &err) == CF_OK);
	CHECK(cf_bgnbd_scorer_p_alive(&sc, 0, 0.0, 39.0) == 1.0);
	CHECK_REL(cf_bgnbd_scorer_p_alive(&sc, 500, 39.0, 39.0), 1.0 / (1.0 + 0.793 / (2.426 + 499.0)), 1e-15);
}

/*
 * The churn windows: P(X(t) = n) of a new customer sums to 1 and its mean
 * is E[X(t)] (eq. 9, computed by another route); P(no purchase) at its
 * limits and, for a new customer, equal to P(X(t) = 0) (another formula).
 * The values themselves are checked against mpmath in test_model_accuracy.
 */
static void
test_churn_windows(void)
{
	cf_bgnbd_params models[] = {
		{0.243, 4.414, 0.793, 2.426},	/* CDNOW, weeks (FHL 2005) */
		{5.0, 4.4, 3.5, 0.6},
		{0.05, 0.1, 0.05, 1e3},
		{2.0, 1.5, 1e4, 3.3e4},
	};
	double		ts[] = {0.5, 39.0, 78.0, 200.0};
	size_t		i,
				j;
	cf_error err;

	for (i = 0; i < sizeof(models) / sizeof(models[0]); i++)
		for (j = 0; j < sizeof(ts) / sizeof(ts[0]); j++)
		{
			const cf_bgnbd_params *p = &models[i];
			double		z = ts[j] / (p->alpha + ts[j]);
			double		sum = 0.0,
						c = 0.0,
						mean = 0.0,
						e,
						v,
						nb0,
						pn;
			int64_t		n;

			/*
			 * the sum over n to 1e-18 takes about 40 / (1 - z) terms of about
			 * as many each: only horizons up to 100 alpha (z <= 0.99)
			 */
			if (z > 0.99)
				continue;
			for (n = 0; n < 2000000; n++)
			{
				double		tt;

				CHECK(cf_bgnbd_pmf_new(p, n, ts[j], &v, &err) == CF_OK);
				CHECK(v >= 0.0 && v <= 1.0);
				tt = sum + v;
				c += (sum >= v) ? (sum - tt) + v : (v - tt) + sum;
				sum = tt;
				mean += (double) n * v;
				if ((double) n * v < 1e-18 && (double) n > 10.0 * p->r * ts[j] / p->alpha + 50.0)
					break;
			}
			CHECK(fabs((sum + c) - 1.0) <= 1e-12);
			CHECK(cf_bgnbd_expected_purchases_new(p, ts[j], &e, &err) == CF_OK);
			CHECK_REL(mean, e, 1e-10);
			if (!(fabs((sum + c) - 1.0) <= 1e-12) || !(fabs(mean - e) <= 1e-10 * e))
				printf("pmf_new model %zu t %g: sum - 1 = %.3g after %lld terms, mean %.17g, E[X] %.17g\n",
					   i, ts[j], (sum + c) - 1.0, (long long) n, mean, e);
			/* a new customer: no purchase in t is X(t) = 0 */
			nb0 = pow(p->alpha / (p->alpha + ts[j]), p->r);
			CHECK(cf_bgnbd_pmf_new(p, 0, ts[j], &v, &err) == CF_OK);
			CHECK_REL(v, nb0, 1e-14);
			CHECK(cf_bgnbd_p_no_purchase(p, ts[j], 0, 0.0, 0.0, &pn, &err) == CF_OK);
			CHECK_REL(pn, nb0, 1e-14);
		}

	{
		cf_bgnbd_params p = models[0];
		double		v,
					pa = cf_bgnbd_p_alive(&p, 2, 30.43, 38.86);

		/* horizon 0: certain; no end: only the dead make none */
		CHECK(cf_bgnbd_p_no_purchase(&p, 0.0, 2, 30.43, 38.86, &v, &err) == CF_OK && v == 1.0);
		CHECK(cf_bgnbd_p_no_purchase(&p, 1e300, 2, 30.43, 38.86, &v, &err) == CF_OK);
		CHECK_REL(v, 1.0 - pa, 1e-14);
		/* by hand: (1 - P(alive)) + P(alive) ((alpha+T)/(alpha+T+h))^(r+x) */
		CHECK(cf_bgnbd_p_no_purchase(&p, 13.0, 2, 30.43, 38.86, &v, &err) == CF_OK);
		CHECK_REL(v, (1.0 - pa) + pa * pow((4.414 + 38.86) / (4.414 + 38.86 + 13.0), 2.243), 1e-14);
		/* bad input */
		CHECK(cf_bgnbd_p_no_purchase(&p, -1.0, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(cf_bgnbd_p_no_purchase(&p, INFINITY, 2, 30.43, 38.86, &v, &err) == CF_EINVAL);
		CHECK(cf_bgnbd_pmf_new(&p, -1, 1.0, &v, &err) == CF_EINVAL);
		CHECK(strstr(err.detail, "-1") != NULL);
		CHECK(cf_bgnbd_pmf_new(&p, 1, -2.0, &v, &err) == CF_EINVAL);
		CHECK(cf_bgnbd_pmf_new(&p, 1, NAN, &v, &err) == CF_EINVAL);
		/* t = 0: no purchase for sure */
		CHECK(cf_bgnbd_pmf_new(&p, 0, 0.0, &v, &err) == CF_OK && v == 1.0);
		CHECK(cf_bgnbd_pmf_new(&p, 3, 0.0, &v, &err) == CF_OK && v == 0.0);
		/* far out: tiny but positive and finite, falling with n */
		{
			double		v1,
						v2;

			CHECK(cf_bgnbd_pmf_new(&p, 100000, 39.0, &v1, &err) == CF_OK);
			CHECK(cf_bgnbd_pmf_new(&p, 100001, 39.0, &v2, &err) == CF_OK);
			CHECK(v1 >= 0.0 && v2 <= v1);
		}
		/* a horizon far beyond alpha: a value or ERANGE, never NaN */
		v = -1.0;
		{
			int			rc = cf_bgnbd_pmf_new(&p, 5, 1e12, &v, &err);

			CHECK(rc == CF_ERANGE || (rc == CF_OK && v >= 0.0 && v <= 1.0));
		}
	}
}

/*
 * The conditional PMF of an existing customer (cf_bgnbd_pmf, derivation in
 * bgnbd.h): mpmath references and the identities of conditional_pmf.h.
 */
static void
test_conditional_pmf(void)
{
	static const cpmf_family f = {"bgnbd", cf_bgnbd_pmf, cf_bgnbd_pmf_new,
	cf_bgnbd_p_no_purchase, cf_bgnbd_expected_purchases};
	static const cf_bgnbd_params models[] = {
		{0.243, 4.414, 0.793, 2.426},	/* CDNOW, weeks (FHL 2005) */
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
	test_scoring_fast_paths();
	test_entries();
	test_merge_and_text();
	test_double_format();
	test_likelihood_and_gradient();
	test_predictions();
	test_churn_windows();
	test_conditional_pmf();
	test_fit_errors();
	test_cdnow_fit();
	test_simulated_fit();
	return unit_report("bgnbd");
}
