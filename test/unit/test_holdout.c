/*
 * test_holdout.c — unit tests of core/holdout.c: hand-computed measures, order
 * independence of the sums, the binned AUC against pair counting, the table,
 * allocation failure, the text form and the calibration / holdout split.
 */
#include <string.h>

#include "holdout.h"
#include "talloc.h"
#include "unit.h"

static const cf_allocator tmem = {talloc, tfree};

/* A deterministic pseudo-random stream (xorshift64*). */
static uint64_t rng = 88172645463325252ULL;
static double
uniform(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (double) ((rng * 2685821657736338717ULL) >> 11) * 0x1.0p-53;
}

/* cf_holdout_add, giving back the old block when the state moved (the glue's executor does that). */
static int
add(cf_holdout_state **sp, int64_t x, double e, double a, bool has_p, double p)
{
	cf_holdout_state *old = *sp;
	int			rc = cf_holdout_add(sp, x, e, a, has_p, p, &tmem);

	if (*sp != old)
		tfree(old);
	return rc;
}

/* cf_holdout_merge, likewise. */
static int
merge(cf_holdout_state **dp, const cf_holdout_state *src)
{
	cf_holdout_state *old = *dp;
	int			rc = cf_holdout_merge(dp, src, &tmem);

	if (*dp != old)
		tfree(old);
	return rc;
}

typedef struct row
{
	int64_t		x;
	double		e,
				a,
				p;
} row;

static cf_holdout_state *
build(const row *r, int from, int to, int step)
{
	cf_holdout_state *s = cf_holdout_new(1, 1, &tmem);
	int			i;

	for (i = from; i != to; i += step)
		CHECK(add(&s, r[i].x, r[i].e, r[i].a, true, r[i].p) == CF_OK);
	return s;
}

static bool
close12(double a, double b)
{
	return a == b || fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

static void
test_hand_case(void)
{
	row			r[] = {{0, 0.5, 0, 0.3}, {0, 0.4, 1, 0.6}, {1, 1.2, 2, 0.9}, {3, 2.5, 1, 0.9}, {3, 2.5, 0, 0.2}};
	cf_holdout_state *s = build(r, 0, 5, 1);
	double		v,
				bound;


	CHECK(cf_holdout_customers(s) == 5 && cf_holdout_scored(s) == 5);
	CHECK(cf_holdout_mae(s, &v) && fabs(v / 1.18 - 1) < 1e-15);	/* 5.9 / 5 rounds to 1.1800000000000002 */
	CHECK(cf_holdout_rmse(s, &v) && v == sqrt(1.95));
	CHECK(cf_holdout_bias(s, &v) && v == 0.62);
	CHECK(cf_holdout_brier(s, &v) && fabs(v / 0.062 - 1) < 1e-15);
	CHECK(cf_holdout_auc(s, &v, &bound) && v == 1 && bound == 0);
	tfree(s);
}

/* Two buyers and two non-buyers at 0.5, one non-buyer pair ordered: (2 * 1/2 + 2) / 4. */
static void
test_auc_ties(void)
{
	row			r[] = {{0, 1, 1, 0.5}, {0, 1, 1, 0.5}, {0, 1, 0, 0.5}, {0, 1, 0, 0.25}};
	cf_holdout_state *s = build(r, 0, 4, 1);
	double		v,
				bound;

	CHECK(cf_holdout_auc(s, &v, &bound) && v == 0.75 && bound == 0.25);
	CHECK(cf_holdout_bin_of(0) == 0 && cf_holdout_bin_of(1) == CF_HOLDOUT_BINS - 1);
	CHECK(cf_holdout_bin_of(0.5) == CF_HOLDOUT_BINS / 2 && cf_holdout_bin_of(nextafter(1, 0)) == CF_HOLDOUT_BINS - 1);
	CHECK(cf_holdout_bin_of(nextafter(0.5, 0)) == CF_HOLDOUT_BINS / 2 - 1);
	tfree(s);
}

#define N 3000

/* Serial forward, backward and a three-way merge agree; AUC equals pair counting over bins. */
static void
test_order_and_pairs(void)
{
	static row	r[N];
	cf_holdout_state *fwd,
			   *bwd,
			   *a,
			   *b,
			   *c;
	double		v1,
				v2,
				auc,
				bound,
				twice = 0,
				tied = 0,
				pairs = 0,
				exact = 0;
	int			i,
				j;
	cf_holdout_line l1[64],
				l2[64];
	int32_t		n1,
				n2;

	for (i = 0; i < N; i++)
	{
		r[i].x = (int64_t) (uniform() * 20);
		r[i].e = uniform() * 4;
		r[i].a = uniform() < 0.4 ? (double) (int) (uniform() * 5) : 0;
		r[i].p = (int) (uniform() * 500) / 499.0;	/* ties */
	}
	fwd = build(r, 0, N, 1);
	bwd = build(r, N - 1, -1, -1);
	a = build(r, 0, 1000, 1);
	b = build(r, 1000, 2000, 1);
	c = build(r, 2000, N, 1);
	CHECK(merge(&c, a) == CF_OK);
	CHECK(merge(&c, b) == CF_OK);
	CHECK(cf_holdout_check(c, cf_holdout_size(c->row_cap, c->bin_cap), NULL) == CF_OK);
	CHECK(cf_holdout_customers(c) == N && cf_holdout_customers(bwd) == N);
	CHECK(cf_holdout_mae(fwd, &v1) && cf_holdout_mae(bwd, &v2) && close12(v1, v2));
	CHECK(cf_holdout_mae(c, &v2) && close12(v1, v2));
	CHECK(cf_holdout_rmse(fwd, &v1) && cf_holdout_rmse(c, &v2) && close12(v1, v2));
	CHECK(cf_holdout_bias(fwd, &v1) && cf_holdout_bias(c, &v2) && close12(v1, v2));
	CHECK(cf_holdout_brier(fwd, &v1) && cf_holdout_brier(c, &v2) && close12(v1, v2));
	CHECK(cf_holdout_auc(fwd, &v1, &bound) && cf_holdout_auc(c, &v2, &bound) && v1 == v2);
	n1 = cf_holdout_table(fwd, 10, l1);
	n2 = cf_holdout_table(c, 10, l2);
	CHECK(n1 == 11 && n2 == 11);
	for (i = 0; i < n1 && i < n2; i++)
		CHECK(l1[i].x == l2[i].x && l1[i].customers == l2[i].customers &&
			  close12(l1[i].actual_mean, l2[i].actual_mean) && close12(l1[i].expected_mean, l2[i].expected_mean));
	/* pair counting: over bins (what roc_auc computes) and exact (ties half) */
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			if (r[i].a > 0 && !(r[j].a > 0))
			{
				int			bi = cf_holdout_bin_of(r[i].p),
							bj = cf_holdout_bin_of(r[j].p);

				pairs++;
				twice += bi > bj ? 2 : bi == bj ? 1 : 0;
				tied += bi == bj;
				exact += r[i].p > r[j].p ? 1 : r[i].p == r[j].p ? 0.5 : 0;
			}
	CHECK(cf_holdout_auc(fwd, &auc, &bound));
	CHECK_REL(auc, twice / (2 * pairs), 1e-14);
	CHECK_REL(bound, tied / (2 * pairs), 1e-14);
	CHECK(fabs(auc - exact / pairs) <= bound + 1e-15);
	tfree(fwd);
	tfree(bwd);
	tfree(a);
	tfree(b);
	tfree(c);
}

/* 0.1 a million times: the compensated sum keeps the mean at 0.1 exactly (a double sum drifts). */
static void
test_compensated(void)
{
	cf_holdout_state *s = cf_holdout_new(1, 0, &tmem);
	double		v,
				naive = 0;
	int			i;

	bool		ok = true;

	for (i = 0; i < 1000000; i++)
	{
		ok &= add(&s, 0, 0.1, 0, false, 0) == CF_OK;
		naive += 0.1;
	}
	CHECK(ok);
	CHECK(naive / 1000000 != 0.1);
	CHECK(cf_holdout_mae(s, &v) && v == 0.1);
	CHECK(cf_holdout_bias(s, &v) && v == 0.1);
	CHECK(!cf_holdout_brier(s, &v) && !cf_holdout_auc(s, &v, &v));
	tfree(s);
}

/* Values outside the accepted range, and out of memory: errors, state unchanged. */
static void
test_errors(void)
{
	cf_holdout_state *s = cf_holdout_new(1, 0, &tmem),
			   *before;
	size_t		size;
	int			i,
				rc;

	CHECK(strcmp(cf_holdout_row_problem(-1, 0, 0, false, 0), "x") == 0);
	CHECK(strcmp(cf_holdout_row_problem(0, NAN, 0, false, 0), "expected") == 0);
	CHECK(strcmp(cf_holdout_row_problem(0, 0, INFINITY, false, 0), "actual") == 0);
	CHECK(strcmp(cf_holdout_row_problem(0, 1.0000001e9, 0, false, 0), "expected") == 0);
	CHECK(strcmp(cf_holdout_row_problem(0, 0, 0, true, NAN), "p_any") == 0);
	CHECK(strcmp(cf_holdout_row_problem(0, 0, 0, true, -0.1), "p_any") == 0);
	CHECK(cf_holdout_row_problem(0, 1e9, -1e9, true, 1) == NULL);
	CHECK(cf_holdout_add(&s, -1, 0, 0, false, 0, &tmem) == CF_EINVAL);
	CHECK(add(&s, 0, 1, 0, false, 0) == CF_OK);
	size = cf_holdout_size(s->row_cap, s->bin_cap);
	before = malloc(size);
	memcpy(before, s, size);
	/* the next row needs a new x and a bin: growth fails at each allocation */
	for (i = 0; i < 2; i++)
	{
		fail_after(0);
		rc = cf_holdout_add(&s, 5, 1, 1, true, 0.5, &tmem);
		fail_after(-1);
		CHECK(rc == CF_ENOMEM && memcmp(s, before, size) == 0);
	}
	free(before);
	tfree(s);
	CHECK(live_blocks == 0);
}

static void
test_text(void)
{
	const char *good = "v1;abs_error=1.5;squared_error=1.25;error=-0.5;brier=0.125;x=0:1:1:0.5;x=3:1:0:1;bin=1024:0:1;bin=3072:1:0";
	const char *bad[] = {
		"", "v2;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0",
		"v1 abs_error=0 squared_error=0 error=0 brier=0 x=0:1:0:0",
		"v1;abs_error=0;squared_error=0;error=0;brier=0",
		"v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;",
		"v1;abs_error=0;squared_error=0;error=0;brier=0;bin=1:1:0;x=0:1:0:0",
		"v1;abs_error=0;squared_error=0;error=0;brier=0;x=1:1:0:0;x=1:1:0:0",
		"v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:1:0:0;bin=1:1:1",
		"v1;abs_error=1,0.5;squared_error=0;error=0;brier=0;x=0:1:0:0",
		"v1;abs_error=-1;squared_error=0;error=0;brier=0;x=0:1:0:0",
		"v1;abs_error=0;squared_error=0;error=0;brier=2;x=0:1:0:0;bin=1:1:0",
	};
	char		buf[512];
	cf_error	why;
	cf_holdout_state *s;
	int			rc = cf_holdout_parse(good, &tmem, &s, &why);
	size_t		i;

	CHECK(rc == CF_OK && s != NULL);
	if (s)
	{
		CHECK(cf_holdout_format(s, buf, sizeof(buf)) == strlen(good) && strcmp(buf, good) == 0);
		CHECK(cf_holdout_customers(s) == 2 && cf_holdout_scored(s) == 2);
		tfree(s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		why.detail[0] = '\0';
		rc = cf_holdout_parse(bad[i], &tmem, &s, &why);
		CHECK(rc == CF_ESYNTAX && s == NULL && why.detail[0] != '\0');
		if (s)
		{
			fprintf(stderr, "accepted: %s\n", bad[i]);
			tfree(s);
		}
	}
	CHECK(live_blocks == 0);
}

/* Days 2024-01-01 (8766), 2024-03-05 (+64), 2024-03-06 (+65), 2024-05-01 (+121). */
static void
test_split(void)
{
	cf_error	why;
	cf_profile *p;
	int			rc = cf_profile_parse("v1;tz=UTC;orders=4;first=2024-01-01T10:00:00Z;last=2024-05-01T10:00:00Z;"
									  "revenue=4;moment=none;days=2024-01-01+64+1+56",
									  &cf_malloc_allocator, &p, &why);
	cf_holdout_split s;
	int32_t		d0 = cf_days_from_civil(2024, 1, 1);

	CHECK(rc == CF_OK);
	if (rc != CF_OK)
	{
		fprintf(stderr, "%s\n", why.detail);
		return;
	}
	CHECK(!cf_holdout_split_profile(p, d0 - 1, d0 + 200, &s));
	CHECK(cf_holdout_split_profile(p, d0, d0, &s) && s.x == 0 && s.t_x == 0 && s.t == 0 && s.x_holdout == 0 && s.holdout == 0);
	CHECK(cf_holdout_split_profile(p, d0 + 64, d0 + 121, &s) && s.x == 1 && s.t_x == 64 && s.t == 64 &&
		  s.x_holdout == 2 && s.holdout == 57);
	CHECK(cf_holdout_split_profile(p, d0 + 100, d0 + 120, &s) && s.x == 2 && s.t_x == 65 && s.t == 100 &&
		  s.x_holdout == 0 && s.holdout == 20);
	CHECK(cf_holdout_split_profile(p, d0 + 300, d0 + 400, &s) && s.x == 3 && s.t_x == 121 && s.t == 300 &&
		  s.x_holdout == 0);
	cf_free(&cf_malloc_allocator, p);
}

/* Growth from a compact state of 3 bins to all 4,096: the room never passes 4,096 bins. */
static void
test_growth(void)
{
	cf_holdout_state *s;
	int			rc = cf_holdout_parse("v1;abs_error=0;squared_error=0;error=0;brier=0;x=0:3:0:0;bin=1:1:0;bin=2:1:0;bin=3:1:0",
									  &tmem, &s, NULL);
	bool		ok = true;
	int			i;

	CHECK(rc == CF_OK && s != NULL && s->bin_cap == 3);
	for (i = 0; s != NULL && i < CF_HOLDOUT_BINS; i++)
		ok &= add(&s, 0, 0, 0, true, (i + 0.5) / CF_HOLDOUT_BINS) == CF_OK;
	CHECK(ok);
	if (s == NULL)
		return;
	CHECK(s->nbins == CF_HOLDOUT_BINS && s->bin_cap == CF_HOLDOUT_BINS);
	CHECK(cf_holdout_check(s, cf_holdout_size(s->row_cap, s->bin_cap), NULL) == CF_OK);
	tfree(s);
	CHECK(live_blocks == 0);
}

int
main(void)
{
	test_hand_case();
	test_auc_ties();
	test_order_and_pairs();
	test_compensated();
	test_errors();
	test_text();
	test_split();
	test_growth();
	return unit_report("holdout");
}
