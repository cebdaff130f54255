/*
 * lifetime_fit_se.c — the core side of test/bench/mbgnbd.sh and pnbd.sh:
 * simulates the benchmark's customers exactly as their SQL does (the family's
 * <family>_simulate core function and seeds; T = (i * 7919) % 547 days, t_x
 * rounded to the nearest day, at least 1, at most T; times in weeks), fits
 * the family (cf_lifetime_fit, as the SQL fit does) on the summary
 * and prints the fit's CPU time, its parameters, their standard errors from
 * the observed information (the Hessian of the summed log-likelihood in log
 * parameters by central differences of the analytic gradient, then the delta
 * method to the natural scale) and how many standard errors each lies from
 * the simulated value.
 *
 *   lifetime_fit_se mbgnbd|pnbd [customers]      (default 1,000,000)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lifetime.h"
#include "mbgnbd.h"
#include "pnbd.h"

/* A family of the benchmark: its fit, its simulation and the truth simulated. */
typedef struct bench_family
{
	const char *arg;			/* the command's argument */
	const char *title;
	const cf_lifetime_family *family;
	double		truth[4];		/* the CDNOW parameters the SQL benchmark simulates */
	int			(*simulate) (const double *truth, double T, uint64_t seed,
							 int32_t *x, double *t_x, cf_error *err);
} bench_family;

static int
simulate_mbgnbd(const double *t, double T, uint64_t seed, int32_t *x, double *t_x, cf_error *err)
{
	cf_mbgnbd_params p = {t[0], t[1], t[2], t[3]};

	return cf_mbgnbd_simulate(&p, T, seed, x, t_x, err);
}

static int
simulate_pnbd(const double *t, double T, uint64_t seed, int32_t *x, double *t_x, cf_error *err)
{
	cf_pnbd_params p = {t[0], t[1], t[2], t[3]};

	return cf_pnbd_simulate(&p, T, seed, x, t_x, err);
}

static const bench_family families[] = {
	{"mbgnbd", "MBG/NBD", &cf_mbgnbd_family, {0.525, 6.183, 0.891, 1.614}, simulate_mbgnbd},
	{"pnbd", "Pareto/NBD", &cf_pnbd_family, {0.553, 10.578, 0.606, 11.669}, simulate_pnbd},
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The benchmark's customer i: T in days, t_x rounded to the day, in weeks. */
static void
customer_times(long i, int32_t x, double t_x_weeks, double *t_x, double *T)
{
	long		Tdays = (i * 7919L) % 547L;
	double		d;

	*T = Tdays / 7.0;
	if (x == 0)
	{
		*t_x = 0.0;
		return;
	}
	d = floor(t_x_weeks * 7.0 + 0.5);	/* the nearest day (rounding up biases recency) */
	if (d < 1.0)
		d = 1.0;
	if (d > Tdays)
		d = Tdays;
	*t_x = d / 7.0;
}

/* Standard errors (natural scale) from the Hessian of N * objective at theta. */
static void
std_errors(const cf_lifetime_family *fam, const cf_bgnbd_entry *e, size_t n, double N,
		   const double *theta, double *se)
{
	double		H[4][4],
				inv[4][4],
				h = 1e-4;
	int			i,
				j,
				k;
	cf_error err;

	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
		{
			double		t[4],
						g1[4],
						g2[4],
						f;

			memcpy(t, theta, sizeof(t));
			t[j] += h;
			cf_lifetime_objective(fam, e, n, &cf_malloc_allocator, t, &f, g1, &err);
			t[j] -= 2 * h;
			cf_lifetime_objective(fam, e, n, &cf_malloc_allocator, t, &f, g2, &err);
			H[i][j] = N * (g1[i] - g2[i]) / (2 * h);	/* from the analytic gradient */
		}
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			H[i][j] = H[j][i] = 0.5 * (H[i][j] + H[j][i]);
	/* invert by Gauss-Jordan */
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			inv[i][j] = (i == j);
	for (k = 0; k < 4; k++)
	{
		double		p = H[k][k];

		for (j = 0; j < 4; j++)
		{
			H[k][j] /= p;
			inv[k][j] /= p;
		}
		for (i = 0; i < 4; i++)
			if (i != k)
			{
				double		m = H[i][k];

				for (j = 0; j < 4; j++)
				{
					H[i][j] -= m * H[k][j];
					inv[i][j] -= m * inv[k][j];
				}
			}
	}
	for (i = 0; i < 4; i++)
		se[i] = exp(theta[i]) * sqrt(inv[i][i]);
}

static void
report(const char *model, const char *const *names, const double *truth,
	   const double *est, const double *se, double secs, bool converged)
{
	int			i;
	double		worst = 0.0;

	printf("%s core fit: %.2f s CPU, converged %s;", model, secs, converged ? "true" : "false");
	for (i = 0; i < 4; i++)
	{
		double		z = (est[i] - truth[i]) / se[i];

		printf(" %s = %.4f (se %.4f, %+.2f se)", names[i], est[i], se[i], z);
		if (fabs(z) > worst)
			worst = fabs(z);
	}
	printf("; largest |z| %.2f: %s\n", worst, worst <= 3.0 ? "within 3 se" : "NOT within 3 se");
}

int
main(int argc, char **argv)
{
	const bench_family *bf = NULL;
	long		N = argc > 2 ? atol(argv[2]) : 1000000L,
				i;
	cf_bgnbd_entry *e;
	cf_lifetime_fit_info info;
	cf_error	err;
	double		t0,
				secs,
				theta[4],
				se[4],
				est[4];
	size_t		n;

	for (i = 0; argc > 1 && i < (long) (sizeof(families) / sizeof(families[0])); i++)
		if (strcmp(argv[1], families[i].arg) == 0)
			bf = &families[i];
	if (bf == NULL || N < 1)
	{
		fprintf(stderr, "usage: lifetime_fit_se mbgnbd|pnbd [customers]\n");
		return 2;
	}
	e = malloc(sizeof(cf_bgnbd_entry) * N);
	for (i = 1; i <= N; i++)
	{
		int32_t		x;
		double		tx,
					t_x,
					T;

		bf->simulate(bf->truth, ((i * 7919L) % 547L) / 7.0, (uint64_t) i, &x, &tx, &err);
		customer_times(i, x, tx, &t_x, &T);
		if (cf_bgnbd_make_entry(x, t_x, T, &e[i - 1], &err) != CF_OK)
		{
			fprintf(stderr, "customer %ld: %s: %s\n", i, err.msg, err.detail);
			return 1;
		}
	}
	cf_model_state_compact(&cf_bgnbd_layout, e, N, &n, &err);
	t0 = now_s();
	if (cf_lifetime_fit(bf->family, e, n, &cf_malloc_allocator, NULL, est, &info, &err) != CF_OK)
	{
		fprintf(stderr, "%s: %s\n", err.msg, err.detail);
		return 1;
	}
	secs = now_s() - t0;
	for (i = 0; i < 4; i++)
		theta[i] = log(est[i]);
	std_errors(bf->family, e, n, (double) N, theta, se);
	printf("%s: %ld customers, %zu distinct (x, t_x, T)\n", bf->title, N, n);
	report(bf->title, bf->family->names, bf->truth, est, se, secs, info.converged);
	free(e);
	return 0;
}
