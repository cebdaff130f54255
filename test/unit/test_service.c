/*
 * test_service.c — unit tests of core/{fixsum,text,service_level,response_time,ipa,complaint}.c against values worked out by
 * hand (shown in the comments) or by brute force over the same data.
 */
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "ipa.h"
#include "response_time.h"
#include "service_level.h"
#include "text.h"
#include "unit.h"

/* ---------- exact sums ---------- */

static void
check_fix_text(double x, const char *expected)
{
	char		buf[80];
	const char *p = buf;
	cf_fixsum	a = cf_fix_from_double(x),
				b;

	cf_fix_format(a, buf, sizeof(buf));
	if (strcmp(buf, expected) != 0)
		fprintf(stderr, "fix text of %.17g: %s, expected %s\n", x, buf, expected);
	CHECK(strcmp(buf, expected) == 0);
	CHECK(cf_fix_parse(&p, &b) && *p == '\0' && b.lo == a.lo && b.hi == a.hi);
}

static void
test_fixsum(void)
{
	cf_fixsum	s = cf_fix_from_double(0),
				big;
	const char *p;
	int			i;

	check_fix_text(0, "0");
	check_fix_text(1.5, "1.5");
	check_fix_text(-12.25, "-12.25");
	check_fix_text(0.1, "0.1");		/* rounded to 2^-32, printed shortest */
	check_fix_text(123456.789, "123456.789");
	check_fix_text(1e12, "1000000000000");
	check_fix_text(ldexp(1, -32), "0.0000000002");	/* 2.3283e-10: the nearest 10-decimal text reads back */

	/* 0.1 ten times: exactly ten times the rounded 0.1, whatever the order. */
	for (i = 0; i < 10; i++)
		CHECK(cf_fix_add(&s, cf_fix_from_double(0.1)));
	CHECK_NEAR(cf_fix_to_double(s), 1.0, 1e-9);

	/* Overflow is reported, the sum stays unchanged. */
	p = "19807040628566084398385987583";	/* 2^94 - 1 */
	CHECK(cf_fix_parse(&p, &big));
	s = big;
	for (i = 0; i < 16; i++)
		if (!cf_fix_add(&s, big))
			break;
	CHECK(i < 16);

	/* Malformed decimals. */
	p = "";
	CHECK(!cf_fix_parse(&p, &s));
	p = "1.";
	CHECK(!cf_fix_parse(&p, &s));
	p = ".5";
	CHECK(!cf_fix_parse(&p, &s));
	p = "19807040628566084398385987584";	/* 2^94 */
	CHECK(!cf_fix_parse(&p, &s));
}

static void
test_format_double(void)
{
	char		buf[64];

	cf_format_double(20, buf, sizeof(buf));
	CHECK(strcmp(buf, "20") == 0);
	cf_format_double(0.1, buf, sizeof(buf));
	CHECK(strcmp(buf, "0.1") == 0);
	cf_format_double(1e12, buf, sizeof(buf));
	CHECK(strcmp(buf, "1000000000000") == 0);
	cf_format_double(1.0 / 3, buf, sizeof(buf));
	CHECK(strtod(buf, NULL) == 1.0 / 3);
	cf_format_double(1e-9, buf, sizeof(buf));
	CHECK(strcmp(buf, "1e-09") == 0);
}

/* ---------- service levels ---------- */

static void
test_service_levels(void)
{
	cf_service_level_counts a,
				b;
	char		buf[200];

	/* Edges of the band belong to standard. */
	CHECK(cf_service_level_of(4, 3, 0) == CF_SERVICE_LEVEL_LOW);
	CHECK(cf_service_level_of(4, 4, 0) == CF_SERVICE_LEVEL_STANDARD);
	CHECK(cf_service_level_of(4, 5, 0) == CF_SERVICE_LEVEL_WOW);
	CHECK(cf_service_level_of(4, 3.5, 0.5) == CF_SERVICE_LEVEL_STANDARD);
	CHECK(cf_service_level_of(4, 4.5, 0.5) == CF_SERVICE_LEVEL_STANDARD);
	CHECK(cf_service_level_of(4, 3.49, 0.5) == CF_SERVICE_LEVEL_LOW);
	CHECK(cf_service_level_of(4, 4.51, 0.5) == CF_SERVICE_LEVEL_WOW);

	CHECK(cf_tolerance_problem(0) == NULL);
	CHECK(cf_tolerance_problem(-0.1) != NULL);
	CHECK(cf_tolerance_problem(NAN) != NULL);
	CHECK(cf_tolerance_problem(INFINITY) != NULL);

	cf_service_level_init(&a, 0.5);
	a.counts[0] = 1;
	a.counts[1] = 2;
	a.counts[2] = 3;
	CHECK(cf_service_level_format(&a, buf, sizeof(buf)) == strlen("v2;tolerance=0.5;low=1;standard=2;wow=3"));
	CHECK(strcmp(buf, "v2;tolerance=0.5;low=1;standard=2;wow=3") == 0);
	CHECK(cf_service_level_parse("v1 tolerance=0.5 low=1 standard=2 wow=3", &b) == NULL && b.counts[2] == 3 && b.tolerance == 0.5);	/* the 1.0 form */
	CHECK(cf_service_level_parse(buf, &b) == NULL);
	CHECK(b.tolerance == 0.5 && b.counts[0] == 1 && b.counts[1] == 2 && b.counts[2] == 3);
	CHECK(cf_service_level_merge(&a, &b) && cf_service_level_total(&a) == 12);

	b.counts[1] = INT64_MAX - 5;
	CHECK(!cf_service_level_merge(&a, &b));	/* total would pass 2^63 */
	CHECK(cf_service_level_total(&a) == 12);

	CHECK(cf_service_level_parse("v1 tolerance=-1 low=0 standard=0 wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v2;tolerance=-1;low=0;standard=0;wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v1 tolerance=nan low=0 standard=0 wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v2;tolerance=nan;low=0;standard=0;wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v2 tolerance=0 low=0 standard=0 wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v1 tolerance=0 low=-1 standard=0 wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v2;tolerance=0;low=-1;standard=0;wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v1 tolerance=0 low=0 standard=0", &b) != NULL);
	CHECK(cf_service_level_parse("v2;tolerance=0;low=0;standard=0", &b) != NULL);
	CHECK(cf_service_level_parse("v1 tolerance=0 low=0 standard=0 wow=0 x", &b) != NULL);
	CHECK(cf_service_level_parse("v2;tolerance=0;low=0;standard=0;wow=0;x", &b) != NULL);
	CHECK(cf_service_level_parse("v1 tolerance=0 low=9223372036854775807 standard=1 wow=0", &b) != NULL);
	CHECK(cf_service_level_parse("v2;tolerance=0;low=9223372036854775807;standard=1;wow=0", &b) != NULL);
}

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
	CHECK(cf_response_time_parse(t1, NULL, &n) == NULL && n == all->nbuckets);
	parsed = malloc(cf_response_time_size(n));
	CHECK(cf_response_time_parse(t1, parsed, &n) == NULL);
	CHECK(cf_response_time_problem(parsed, cf_response_time_size(n)) == NULL);
	cf_response_time_format(parsed, t2, len + 1);
	CHECK(strcmp(t1, t2) == 0);

	/* Malformed: each refused, none crashes. */
	CHECK(cf_response_time_parse("", NULL, &n) != NULL);
	CHECK(cf_response_time_parse("v1 target=20 accuracy=0.02 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets=", NULL, &n) != NULL);
	CHECK(cf_response_time_parse("v2;target=20;accuracy=0.02;responses=0;compliant=0;min=0;max=0;sum=0;zeros=0;buckets=", NULL, &n) != NULL);
	CHECK(cf_response_time_parse("v1 target=20 accuracy=0.01 responses=0 compliant=0 min=0 max=0 sum=0 zeros=0 buckets=", NULL, &n) == NULL && n == 0);
	CHECK(cf_response_time_parse("v2;target=20;accuracy=0.01;responses=0;compliant=0;min=0;max=0;sum=0;zeros=0;buckets=", NULL, &n) == NULL && n == 0);
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
			const char *problem = cf_response_time_parse(bad[k], NULL, &n);

			if (problem == NULL && n <= 2)
				problem = cf_response_time_parse(bad[k], e, &n);
			CHECK(problem != NULL);
		}
		free(e);
	}
	CHECK(cf_response_time_parse("v1 target=20 accuracy=0.01 responses=1 compliant=1 min=1 max=1 sum=1 zeros=0 buckets=0:1 junk", NULL, &n) != NULL);
	CHECK(cf_response_time_parse("v2;target=20;accuracy=0.01;responses=1;compliant=1;min=1;max=1;sum=1;zeros=0;buckets=0:1;junk", NULL, &n) != NULL);
	{
		/* The consistent version of the cases above is accepted. */
		cf_response_time_sketch *e = malloc(cf_response_time_size(2));
		const char *good = "v1 target=20 accuracy=0.01 responses=2 compliant=2 min=1 max=2 sum=3 zeros=0 buckets=0:1,35:1";

		CHECK(cf_response_time_parse(good, NULL, &n) == NULL && n == 2);
		CHECK(cf_response_time_parse(good, e, &n) == NULL);
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

/* ---------- importance-performance analysis ---------- */

static cf_ipa_state *
ipa_rate(cf_ipa_state *s, const char *name, double importance, double performance)
{
	int			pos = cf_ipa_find(s, name, strlen(name));

	if (pos < 0)
	{
		cf_ipa_state *grown = malloc(cf_ipa_size(s->nfactors + 1));

		pos = -pos - 1;
		cf_ipa_copy_with_factor(grown, s, pos, name, strlen(name));
		free(s);
		s = grown;
	}
	if (!isnan(importance) && !cf_ipa_add(&s->factors[pos], true, importance))
		CHECK(!"importance rating added");
	if (!isnan(performance) && !cf_ipa_add(&s->factors[pos], false, performance))
		CHECK(!"performance rating added");
	return s;
}

/*
 * Three respondents rate five factors (importance / performance):
 *   quality            5 5 4 / 4 5 4   means 14/3, 13/3   gap 1/3
 *   technical support  4 5 5 / 2 3 2   means 14/3,  7/3   gap 7/3
 *   payment terms      2 3 2 / 4 4 5   means  7/3, 13/3   gap -2
 *   price              4 4 3 / 3 2 3   means 11/3,  8/3   gap 1
 *   delivery           3 2 3 / 2 3 2   means  8/3,  7/3   gap 1/3
 * Grand means: 54/15 = 3.6 and 48/15 = 3.2.  Quadrants: technical support and
 * price concentrate here, quality keep up the good work, payment terms
 * possible overkill, delivery low priority.  Ranks: technical support, price,
 * quality (gap tie with delivery broken by importance 14/3 > 8/3), delivery,
 * payment terms.
 */
static void
test_ipa(void)
{
	static const struct
	{
		const char *name;
		double		imp[3],
					perf[3];
	}			data[] = {
		{"quality", {5, 5, 4}, {4, 5, 4}},
		{"technical support", {4, 5, 5}, {2, 3, 2}},
		{"payment terms", {2, 3, 2}, {4, 4, 5}},
		{"price", {4, 4, 3}, {3, 2, 3}},
		{"delivery", {3, 2, 3}, {2, 3, 2}},
	};
	static const char *const ranked[] = {"technical support", "price", "quality", "delivery", "payment terms"};
	static const int quadrants[] = {0, 0, 1, 2, 3};
	cf_ipa_state *s = malloc(cf_ipa_size(0));
	cf_ipa_state *half,
			   *merged,
			   *parsed;
	cf_ipa_row	rows[5];
	double		gi,
				gp;
	char		t1[1000],
				t2[1000];
	int			i,
				r,
				n;

	cf_ipa_init(s, 1, 5);
	half = malloc(cf_ipa_size(0));
	cf_ipa_init(half, 1, 5);
	for (r = 0; r < 3; r++)
		for (i = 0; i < 5; i++)
		{
			s = ipa_rate(s, data[i].name, data[i].imp[r], data[i].perf[r]);
			if (r == 0)
				half = ipa_rate(half, data[i].name, data[i].imp[r], data[i].perf[r]);
		}
	CHECK(s->nfactors == 5);
	CHECK(strcmp(s->factors[0].name, "delivery") == 0);	/* sorted by name */
	cf_ipa_grand_means(s, &gi, &gp);
	CHECK_NEAR(gi, 3.6, 1e-12);
	CHECK_NEAR(gp, 3.2, 1e-12);
	cf_ipa_analyse(s, gi, gp, rows);
	for (i = 0; i < 5; i++)
	{
		CHECK(strcmp(s->factors[rows[i].factor].name, ranked[i]) == 0);
		CHECK(rows[i].rank == i + 1);
		CHECK(rows[i].quadrant == quadrants[i]);
	}
	CHECK_NEAR(rows[0].gap, 7.0 / 3, 1e-12);
	CHECK_NEAR(rows[0].importance, 14.0 / 3, 1e-12);

	/* Explicit thresholds 3 and 3: price (11/3, 8/3) still concentrate here, delivery (8/3, 7/3) low priority. */
	cf_ipa_analyse(s, 3, 3, rows);
	CHECK(rows[1].quadrant == 0 && rows[3].quadrant == 2);

	/* Text round trip and merge: s + half equals adding the first respondent twice. */
	cf_ipa_format(s, t1, sizeof(t1));
	CHECK(strncmp(t1, "v2;scale_min=1;scale_max=5;\"delivery\"=8/3,7/3;\"payment terms\"=7/3,13/3", 70) == 0);
	CHECK(cf_ipa_parse(t1, NULL, &n) == NULL && n == 5);
	parsed = malloc(cf_ipa_size(n));
	CHECK(cf_ipa_parse(t1, parsed, &n) == NULL);
	cf_ipa_format(parsed, t2, sizeof(t2));
	CHECK(strcmp(t1, t2) == 0);
	CHECK(cf_ipa_merged_factors(s, half) == 5);
	merged = malloc(cf_ipa_size(5));
	CHECK(cf_ipa_merge(merged, s, half));
	for (i = 0; i < 5; i++)
		s = ipa_rate(s, data[i].name, data[i].imp[0], data[i].perf[0]);
	cf_ipa_format(s, t1, sizeof(t1));
	cf_ipa_format(merged, t2, sizeof(t2));
	CHECK(strcmp(t1, t2) == 0);

	/* Quoting of names. */
	free(half);
	half = malloc(cf_ipa_size(0));
	cf_ipa_init(half, 0, 10);
	half = ipa_rate(half, "24/7 \"hotline\"\\", 7.5, NAN);
	cf_ipa_format(half, t1, sizeof(t1));
	CHECK(strcmp(t1, "v2;scale_min=0;scale_max=10;\"24/7 \\\"hotline\\\"\\\\\"=7.5/1,0/0") == 0);
	CHECK(cf_ipa_parse(t1, NULL, &n) == NULL && n == 1);
	CHECK(cf_ipa_parse(t1, parsed, &n) == NULL && strcmp(parsed->factors[0].name, "24/7 \"hotline\"\\") == 0);
	cf_ipa_analyse(half, 5, 5, rows);
	CHECK(rows[0].rank == 0 && rows[0].quadrant == -1);

	/* Malformed. */
	CHECK(cf_ipa_parse("v1 scale_min=5 scale_max=1", NULL, &n) == NULL);	/* syntax pass */
	CHECK(cf_ipa_parse("v2;scale_min=5;scale_max=1", NULL, &n) == NULL);	/* syntax pass */
	CHECK(cf_ipa_parse("v1 scale_min=5 scale_max=1", parsed, &n) != NULL);	/* checks pass */
	CHECK(cf_ipa_parse("v2;scale_min=5;scale_max=1", parsed, &n) != NULL);	/* checks pass */
	n = 2;
	CHECK(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"b\"=1/1,1/1 \"a\"=1/1,1/1", parsed, &n) != NULL);
	CHECK(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"b\"=1/1,1/1;\"a\"=1/1,1/1", parsed, &n) != NULL);
	n = 1;
	CHECK(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"a\"=6/1,1/1", parsed, &n) != NULL);
	CHECK(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"a\"=6/1,1/1", parsed, &n) != NULL);
	CHECK(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"a=1/1,1/1", NULL, &n) != NULL);
	CHECK(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"a=1/1,1/1", NULL, &n) != NULL);
	CHECK(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"a\"=1/1", NULL, &n) != NULL);
	CHECK(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"a\"=1/1", NULL, &n) != NULL);
	CHECK(cf_ipa_scale_problem(1, 1) != NULL);
	CHECK(cf_ipa_scale_problem(0, INFINITY) != NULL);
	CHECK(cf_ipa_scale_problem(-2, 2) == NULL);
	free(s);
	free(half);
	free(merged);
	free(parsed);
}

/* ---------- complaints ---------- */

static void
test_complaints(void)
{
	cf_complaint_counts a,
				b;
	char		buf[100];

	cf_complaint_init(&a);
	a.orders = 1000;
	a.complaints = 3;
	cf_complaint_format(&a, buf, sizeof(buf));
	CHECK(strcmp(buf, "v2;orders=1000;complaints=3") == 0);
	CHECK(cf_complaint_parse("v1 orders=1000 complaints=3", &b) == NULL && b.orders == 1000 && b.complaints == 3);	/* the 1.0 form */
	CHECK(cf_complaint_parse(buf, &b) == NULL && b.orders == 1000 && b.complaints == 3);
	CHECK(cf_complaint_merge(&a, &b) && a.orders == 2000 && a.complaints == 6);
	b.orders = INT64_MAX;
	CHECK(!cf_complaint_merge(&a, &b) && a.orders == 2000);
	CHECK(cf_complaint_parse("v1 orders=-1 complaints=0", &b) != NULL);
	CHECK(cf_complaint_parse("v2;orders=-1;complaints=0", &b) != NULL);
	CHECK(cf_complaint_parse("v1 orders=1", &b) != NULL);
	CHECK(cf_complaint_parse("v2;orders=1", &b) != NULL);
	CHECK(cf_complaint_parse("v2 orders=1 complaints=0", &b) != NULL);
}

int
main(void)
{
	test_fixsum();
	test_format_double();
	test_service_levels();
	test_response_time_small();
	test_response_time_accuracy();
	test_response_time_merge_and_text();
	test_ipa();
	test_complaints();
	return unit_report("service");
}
