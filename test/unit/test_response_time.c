/*
 * test_response_time.c — unit tests of core/response_time.c against values worked out by hand
 * (shown in the comments) or by brute force over the same data.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "response_time.h"
#include "unit.h"

/* ---------- response times ---------- */

/* Adds a time, growing the sketch like the glue does. */
static cf_response_time_sketch *
response_time_add(cf_response_time_sketch *s, double x)
{
	int32_t		key;
	int			rc = cf_response_time_add(s, x, &key);

	if (rc == 1)
	{
		cf_response_time_sketch *grown = malloc(cf_response_time_size(s->nbuckets + 1));

		cf_response_time_copy_with_key(grown, s, key);
		free(s);
		s = grown;
		rc = cf_response_time_add(s, x, &key);
	}
	if (rc != 0)
		CHECK(rc == 0);			/* counted only when it fails: called thousands of times */
	return s;
}

static cf_response_time_sketch *
response_time_new(double target)
{
	cf_response_time_sketch *s = malloc(cf_response_time_size(0));

	cf_response_time_init(s, target);
	return s;
}

static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : x > y;
}

/* percentile_cont over sorted values. */
static double
percentile_cont(const double *v, int n, double p)
{
	double		r = p * (n - 1);
	double		lo = floor(r),
				hi = ceil(r);

	return v[(int) lo] + (r - lo) * (v[(int) hi] - v[(int) lo]);
}

/*
 * Times 0, 12.5, 18, 20, 25, 40 against a target of 20: compliant 4 (0, 12.5,
 * 18, 20: the boundary counts), mean 115.5 / 6 = 19.25, min 0, max 40.
 */
static void
test_response_time_small(void)
{
	static const double times[] = {25, 0, 12.5, 40, 20, 18};
	cf_response_time_sketch *s = response_time_new(20);
	size_t		i;

	for (i = 0; i < 6; i++)
		s = response_time_add(s, times[i]);
	CHECK(s->responses == 6);
	CHECK(s->compliant == 4);
	CHECK(s->zeros == 1);
	CHECK(s->min == 0 && s->max == 40);
	CHECK_NEAR(cf_response_time_mean(s), 19.25, 1e-12);
	CHECK(cf_response_time_quantile(s, 0) == 0);
	CHECK(cf_response_time_quantile(s, 1) == 40);
	/* Median: ranks 2 and 3 (18 and 20), percentile_cont 19: within 1 %. */
	CHECK_REL(cf_response_time_quantile(s, 0.5), 19.0, 0.01);
	/* 0.9: rank 4.5 between 25 and 40: 32.5. */
	CHECK_REL(cf_response_time_quantile(s, 0.9), 32.5, 0.01);
	CHECK(s->nbuckets == 5);
	free(s);
}

/* Brute force: log-spread times, every percentile within 1 % of percentile_cont. */
static void
test_response_time_accuracy(void)
{
	enum
	{
		N = 2000
	};
	static double v[N];
	cf_response_time_sketch *s = response_time_new(30);
	double		worst = 0;
	int			i,
				k;

	for (i = 0; i < N; i++)
	{
		/* 1e-9 .. 1e12 s, deterministic and unsorted. */
		v[i] = pow(10.0, -9.0 + 21.0 * (double) ((i * 7919) % N) / (N - 1));
		s = response_time_add(s, v[i]);
	}
	qsort(v, N, sizeof(double), cmp_double);
	for (k = 0; k <= 1000; k++)
	{
		double		p = k / 1000.0;
		double		exact = percentile_cont(v, N, p);
		double		err = fabs(cf_response_time_quantile(s, p) - exact) / exact;

		if (err > worst)
			worst = err;
	}
	CHECK(worst <= CF_RESPONSE_TIME_ACCURACY * (1 + 1e-9));
	CHECK(s->nbuckets <= cf_response_time_key(CF_RESPONSE_TIME_MAX_SECONDS) - cf_response_time_key(CF_RESPONSE_TIME_MIN_INDEXED) + 1);
	CHECK(cf_response_time_key(CF_RESPONSE_TIME_MAX_SECONDS) - cf_response_time_key(CF_RESPONSE_TIME_MIN_INDEXED) + 1 < 2500);
	CHECK(s->min == v[0] && s->max == v[N - 1]);
	free(s);
}

/* Merging halves gives the sketch of the whole, byte for byte in text. */
static void
test_response_time_merge_and_text(void)
{
	cf_error	why;
	cf_response_time_sketch *a = response_time_new(20),
			   *b = response_time_new(20),
			   *all = response_time_new(20),
			   *m,
			   *parsed;
	char	   *t1,
			   *t2;
	size_t		len;
	int			i,
				n;

	for (i = 0; i < 300; i++)
	{
		double		x = (i % 17 == 0) ? 0 : 0.5 + ((i * 37) % 101) * 0.731;

		if (i % 3 == 0)
			a = response_time_add(a, x);
		else
			b = response_time_add(b, x);
		all = response_time_add(all, x);
	}
	m = malloc(cf_response_time_size(cf_response_time_merged_buckets(a, b)));
	CHECK(cf_response_time_merge(m, a, b));
	len = cf_response_time_format(all, NULL, 0);
	t1 = malloc(len + 1);
	t2 = malloc(len + 1);
	cf_response_time_format(all, t1, len + 1);
	CHECK(cf_response_time_format(m, t2, len + 1) == len);
	CHECK(strcmp(t1, t2) == 0);

	/* Text round trip. */
	CHECK(cf_error_detail(cf_response_time_parse(t1, NULL, &n, &why), &why) == NULL && n == all->nbuckets);
	parsed = malloc(cf_response_time_size(n));
	CHECK(cf_error_detail(cf_response_time_parse(t1, parsed, &n, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_response_time_check(parsed, cf_response_time_size(n), &why), &why) == NULL);
	cf_response_time_format(parsed, t2, len + 1);
	CHECK(strcmp(t1, t2) == 0);

	/* Malformed: each refused, none crashes. */
	CHECK(cf_error_detail(cf_response_time_parse("", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_response_time_parse("v1 target=20 accuracy=0.02 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets=", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_response_time_parse("v2;target=20;accuracy=0.02;responses=0;compliant=0;min=0;max=0;sum=0;zeros=0;buckets=", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_response_time_parse("v1 target=20 accuracy=0.01 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets=", NULL, &n, &why), &why) == NULL && n == 0);
	CHECK(cf_error_detail(cf_response_time_parse("v2;target=20;accuracy=0.01;responses=0;compliant=0;min=0;max=0;sum=0;zeros=0;buckets=", NULL, &n, &why), &why) == NULL && n == 0);
	{
		cf_response_time_sketch *e = malloc(cf_response_time_size(2));
		const char *bad[] = {
			"v1 target=-1 accuracy=0.01 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets=",
			"v2;target=-1;accuracy=0.01;responses=0;compliant=0;min=0;max=0;sum=0;zeros=0;buckets=",
			"v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=3 zeros=0 buckets=0:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=1;min=1;max=2;sum=3;zeros=0;buckets=0:1",
			"v1 target=20 accuracy=0.01 responses=2 compliant=3 min=1 max=2 sum=3 zeros=0 buckets=0:1,35:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=3;min=1;max=2;sum=3;zeros=0;buckets=0:1,35:1",
			"v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=3 zeros=0 buckets=35:1,0:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=1;min=1;max=2;sum=3;zeros=0;buckets=35:1,0:1",
			"v1 target=20 accuracy=0.01 responses=2 compliant=1 min=2 max=1 sum=3 zeros=0 buckets=0:1,35:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=1;min=2;max=1;sum=3;zeros=0;buckets=0:1,35:1",
			"v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=30 zeros=0 buckets=0:1,35:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=1;min=1;max=2;sum=30;zeros=0;buckets=0:1,35:1",
			"v1 target=20 accuracy=0.01 responses=2 compliant=1 min=1 max=2 sum=3 zeros=0 buckets=0:1,99999:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=1;min=1;max=2;sum=3;zeros=0;buckets=0:1,99999:1",
			/* found by the fuzzer: one response but min != max, and a zero without min 0 */
			"v1 target=0.5 accuracy=0.01 responses=1 compliant=1 min=1e-12 max=10000 sum=1 zeros=1 buckets=",
			"v2;target=0.5;accuracy=0.01;responses=1;compliant=1;min=1e-12;max=10000;sum=1;zeros=1;buckets=",
			/* max <= target, so every response complies */
			"v1 target=20 accuracy=0.01 responses=2 compliant=0 min=1 max=2 sum=3 zeros=0 buckets=0:1,35:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=0;min=1;max=2;sum=3;zeros=0;buckets=0:1,35:1",
			/* min 1 is in bucket 0, not 10 */
			"v1 target=20 accuracy=0.01 responses=2 compliant=2 min=1 max=2 sum=3 zeros=0 buckets=10:1,35:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=2;min=1;max=2;sum=3;zeros=0;buckets=10:1,35:1",
			/* sum below responses times min */
			"v1 target=20 accuracy=0.01 responses=2 compliant=2 min=1 max=2 sum=1 zeros=0 buckets=0:1,35:1",
			"v2;target=20;accuracy=0.01;responses=2;compliant=2;min=1;max=2;sum=1;zeros=0;buckets=0:1,35:1",
		};
		size_t		k;

		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		{
			const char *problem = cf_error_detail(cf_response_time_parse(bad[k], NULL, &n, &why), &why);

			if (problem == NULL && n <= 2)
				problem = cf_error_detail(cf_response_time_parse(bad[k], e, &n, &why), &why);
			CHECK(problem != NULL);
		}
		free(e);
	}
	CHECK(cf_error_detail(cf_response_time_parse("v1 target=20 accuracy=0.01 responses=1 compliant=1 min=1 max=1 sum=1 zeros=0 buckets=0:1 junk", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_response_time_parse("v2;target=20;accuracy=0.01;responses=1;compliant=1;min=1;max=1;sum=1;zeros=0;buckets=0:1;junk", NULL, &n, &why), &why) != NULL);
	{
		/* The consistent version of the cases above is accepted. */
		cf_response_time_sketch *e = malloc(cf_response_time_size(2));
		const char *good = "v1 target=20 accuracy=0.01 responses=2 compliant=2 min=1 max=2 sum=3 zeros=0 buckets=0:1,35:1";

		CHECK(cf_error_detail(cf_response_time_parse(good, NULL, &n, &why), &why) == NULL && n == 2);
		CHECK(cf_error_detail(cf_response_time_parse(good, e, &n, &why), &why) == NULL);
		free(e);
	}
	free(a);
	free(b);
	free(all);
	free(m);
	free(parsed);
	free(t1);
	free(t2);
}

int
main(void)
{
	test_response_time_small();
	test_response_time_accuracy();
	test_response_time_merge_and_text();
	return unit_report("response_time");
}
