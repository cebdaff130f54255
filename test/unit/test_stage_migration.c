/*
 * test_stage_migration.c — unit tests of src/core/stage_migration.c: the
 * sensitivity grid against cf_loyalty_stage evaluated customer by customer at
 * every point (random deterministic customers, grids with repeats and exact
 * boundaries), by hand at the lapse and lost boundaries, and allocation
 * failure at every step; the stage at an earlier day against the customer
 * cut to its days until then (orders per day summed here), at every day
 * around its purchases.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loyalty_stage.h"
#include "stage_migration.h"
#include "talloc.h"
#include "unit.h"

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

typedef struct cust
{
	int64_t		orders;
	int32_t		days[8];
	int32_t		ndays;
	int			score;
} cust;

/* The stage of c by cf_loyalty_stage, as stage_counts computes it. */
static cf_stage
naive_stage(const cust *c, int32_t as_of_day, const cf_ladder *l)
{
	int32_t		x = 0,
				t_x = 0,
				since = 0;

	if (c->ndays > 0)
	{
		x = c->ndays - 1;
		t_x = c->days[c->ndays - 1] - c->days[0];
		since = as_of_day - c->days[c->ndays - 1];
	}
	return cf_loyalty_stage(c->orders, x, t_x, since, c->score, l);
}

static void
random_customer(cust *c, int32_t as_of_day)
{
	int32_t		day = as_of_day - (int32_t) (rnd() % 1500);
	int			i;

	c->ndays = (int32_t) (rnd() % 7);
	c->orders = c->ndays + (int64_t) (rnd() % 3) * (c->ndays > 0);
	c->score = rnd() % 3 == 0 ? (int) (rnd() % 11) : -1;
	/* days ascending, ending at day */
	for (i = c->ndays - 1; i >= 0; i--)
	{
		c->days[i] = day;
		day -= 1 + (int32_t) (rnd() % 60);
	}
}

static void
test_random_grids(void)
{
	const int32_t as_of_day = 9678;
	double		factors[] = {0.1, 3, 0.5, 1, 3, 2.9999999999999996, 1.5, 1e6, 4, 2};
	int32_t		lost[] = {730, 365, 729, 731, 1000, 365, 2147483647, 400};
	int			nf = sizeof factors / sizeof factors[0],
				nl = sizeof lost / sizeof lost[0];
	enum { N = 5000 };
	static cust cs[N];
	cf_stage_grid *g;
	int			i,
				j,
				k,
				mismatches = 0;

	for (k = 0; k < N; k++)
		random_customer(&cs[k], as_of_day);
	g = cf_stage_grid_new(&cf_ladder_defaults, factors, nf, lost, nl, &test_alloc);
	CHECK(g != NULL);
	for (k = 0; k < N; k++)
		CHECK(cf_stage_grid_add(g, cs[k].orders, cs[k].days, cs[k].ndays, cs[k].score, as_of_day));
	cf_stage_grid_finish(g);
	for (i = 0; i < nf; i++)
		for (j = 0; j < nl; j++)
		{
			cf_ladder	l = cf_ladder_defaults;
			int64_t		want[CF_STAGE_COUNT] = {0},
						got[CF_STAGE_COUNT];

			l.lapse_factor = factors[i];
			l.lost_days = lost[j];
			for (k = 0; k < N; k++)
				want[naive_stage(&cs[k], as_of_day, &l)]++;
			cf_stage_grid_counts(g, cf_stage_grid_factor_index(g, factors[i]),
								 cf_stage_grid_lost_index(g, lost[j]), got);
			mismatches += memcmp(want, got, sizeof want) != 0;
		}
	CHECK(mismatches == 0);
	cf_stage_grid_free(g);
	CHECK(live_blocks == 0);
}

static void
test_by_hand(void)
{
	/* gap 10, 30 days since: lapsed under a factor below 3; one day 730 days ago: lost below 730 */
	const int32_t as_of_day = 1000;
	int32_t		a[] = {960, 970},
				b[] = {270};
	double		factors[] = {3, 2.99};
	int32_t		lost[] = {729, 730};
	cf_stage_grid *g = cf_stage_grid_new(&cf_ladder_defaults, factors, 2, lost, 2, &test_alloc);
	int64_t		c[CF_STAGE_COUNT];
	int32_t		late[] = {1001};

	CHECK(cf_stage_grid_add(g, 2, a, 2, -1, as_of_day));
	CHECK(cf_stage_grid_add(g, 1, b, 1, -1, as_of_day));
	CHECK(cf_stage_grid_add(g, 0, NULL, 0, -1, as_of_day));
	CHECK(!cf_stage_grid_add(g, 1, late, 1, -1, as_of_day));	/* a day after as_of */
	cf_stage_grid_finish(g);
	/* factor 3, lost 730: client, lapsed (730 > 365), prospect */
	cf_stage_grid_counts(g, cf_stage_grid_factor_index(g, 3), cf_stage_grid_lost_index(g, 730), c);
	CHECK(c[CF_STAGE_CLIENT] == 1 && c[CF_STAGE_LAPSED] == 1 && c[CF_STAGE_PROSPECT] == 1 && c[CF_STAGE_LOST] == 0);
	/* factor 2.99, lost 729: lapsed, lost */
	cf_stage_grid_counts(g, cf_stage_grid_factor_index(g, 2.99), cf_stage_grid_lost_index(g, 729), c);
	CHECK(c[CF_STAGE_CLIENT] == 0 && c[CF_STAGE_LAPSED] == 1 && c[CF_STAGE_LOST] == 1);
	cf_stage_grid_free(g);
	CHECK(live_blocks == 0);
}

static void
test_out_of_memory(void)
{
	double		f[] = {3};
	int32_t		l[] = {730};
	long		n;

	for (n = 0; n < 4; n++)
	{
		cf_stage_grid *g;

		fail_after(n);
		g = cf_stage_grid_new(&cf_ladder_defaults, f, 1, l, 1, &test_alloc);
		fail_after(-1);
		CHECK((g == NULL) == (n < 4));
		cf_stage_grid_free(g);
		CHECK(live_blocks == 0);
	}
}

/* cf_stage_at against the stage of the customer cut to the days up to day, counted here. */
static void
test_stage_at(void)
{
	const int32_t as_of_day = 9678;
	int			k,
				mismatches = 0,
				checked = 0;

	for (k = 0; k < 3000; k++)
	{
		cust		c;
		uint32_t	counts[8];
		int32_t		day;
		int			j;

		random_customer(&c, as_of_day);
		c.orders = 0;
		for (j = 0; j < c.ndays; j++)
		{
			counts[j] = 1 + (uint32_t) (rnd() % 4);
			c.orders += counts[j];
		}
		for (day = (c.ndays ? c.days[0] : as_of_day) - 2; day <= as_of_day; day += 1 + (int32_t) (rnd() % 9))
		{
			cust		cut = c;
			int64_t		m[CF_STAGE_COUNT][CF_STAGE_COUNT] = {{0}};

			cut.ndays = 0;
			cut.orders = 0;
			for (j = 0; j < c.ndays && c.days[j] <= day; j++)
			{
				cut.ndays++;
				cut.orders += counts[j];
			}
			mismatches += cf_stage_at(c.orders, c.days, counts, c.ndays, c.score, day, &cf_ladder_defaults)
				!= (cut.ndays == 0 ? CF_STAGE_PROSPECT : naive_stage(&cut, day, &cf_ladder_defaults));
			mismatches += !cf_stage_migration_add(m, c.orders, c.days, counts, c.ndays, c.score, day, as_of_day,
												  &cf_ladder_defaults);
			mismatches += m[cf_stage_at(c.orders, c.days, counts, c.ndays, c.score, day, &cf_ladder_defaults)]
				[naive_stage(&c, as_of_day, &cf_ladder_defaults)] != 1;
			checked++;
		}
	}
	CHECK(checked > 10000);
	CHECK(mismatches == 0);
	{
		/* three orders on day 5 around the client threshold: a buyer on day 4, a client on day 5 */
		int32_t		days[] = {4, 5};
		uint32_t	counts[] = {1, 3};
		int64_t		m[CF_STAGE_COUNT][CF_STAGE_COUNT] = {{0}};

		CHECK(cf_stage_at(4, days, counts, 2, -1, 3, &cf_ladder_defaults) == CF_STAGE_PROSPECT);
		CHECK(cf_stage_at(4, days, counts, 2, -1, 4, &cf_ladder_defaults) == CF_STAGE_BUYER);
		CHECK(cf_stage_at(4, days, counts, 2, -1, 5, &cf_ladder_defaults) == CF_STAGE_CLIENT);
		CHECK(cf_stage_at(5, days, (uint32_t[]) {2, 3}, 2, 9, 5, &cf_ladder_defaults) == CF_STAGE_ADVOCATE);
		CHECK(!cf_stage_migration_add(m, 4, days, counts, 2, -1, 3, 4, &cf_ladder_defaults));	/* day 5 > as_of 4 */
	}
}

int
main(void)
{
	test_random_grids();
	test_by_hand();
	test_out_of_memory();
	test_stage_at();
	return unit_report("stage_migration");
}
