/*
 * test_cohort.c — calendar periods of local days and the cohort and lifecycle
 * tables (src/core/cohort.c), against an independent calendar walk and a
 * naive count over random customers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cohort.h"
#include "unit.h"

/* ---------- an independent calendar: walking day by day ---------- */

static bool
leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int64_t y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* Day number (days from 2000-01-01) of 1600-01-01: 400 years back, 146097 days. */
#define DAY_1600 (-146097)

static void
test_names(void)
{
	cf_period	p = CF_PERIOD_DAY;

	CHECK(cf_period_from_name("month", 5, &p) && p == CF_PERIOD_MONTH);
	CHECK(cf_period_from_name("Week", 4, &p) && p == CF_PERIOD_WEEK);
	CHECK(cf_period_from_name("YEAR", 4, &p) && p == CF_PERIOD_YEAR);
	CHECK(cf_period_from_name("quarter", 7, &p) && p == CF_PERIOD_QUARTER);
	CHECK(cf_period_from_name("day", 3, &p) && p == CF_PERIOD_DAY);
	CHECK(!cf_period_from_name("days", 4, &p));
	CHECK(!cf_period_from_name("mon", 3, &p));
	CHECK(!cf_period_from_name("", 0, &p));
	CHECK(!cf_period_from_name("month ", 6, &p));
	CHECK(!cf_period_from_name("fortnight", 9, &p));
	CHECK(strcmp(cf_period_name(CF_PERIOD_QUARTER), "quarter") == 0);
}

/*
 * Every day from 1600-01-01 to 2400-12-31 walked with the calendar above:
 * each period's index and first day, and the cursor over the same days.
 */
static void
test_periods(void)
{
	int64_t		y = 1600,
				day = DAY_1600;
	int			m = 1,
				d = 1,
				dow = 5;		/* 1600-01-01 was a Saturday (0 = Monday), as 2000-01-01 */
	int64_t		month_first = day,
				quarter_first = day,
				year_first = day,
				week_first = day - 5;
	int64_t		week_index = cf_period_index(CF_PERIOD_WEEK, day);
	long		bad = 0;
	cf_period_cursor cur[5];
	int			p;

	for (p = 0; p < 5; p++)
		cf_period_cursor_init(&cur[p], (cf_period) p);
	CHECK(cf_period_index(CF_PERIOD_MONTH, 0) == 2000 * 12 && cf_period_first_day(CF_PERIOD_MONTH, 2000 * 12) == 0);
	CHECK(cf_period_index(CF_PERIOD_WEEK, 0) == 0 && cf_period_first_day(CF_PERIOD_WEEK, 0) == -5);	/* Monday 1999-12-27 */
	CHECK(cf_period_index(CF_PERIOD_WEEK, 2) == 1 && cf_period_index(CF_PERIOD_WEEK, 1) == 0);	/* Monday 2000-01-03 */
	while (y <= 2400)
	{
		int64_t		idx[5];

		if (d == 1)
		{
			month_first = day;
			if ((m - 1) % 3 == 0)
				quarter_first = day;
			if (m == 1)
				year_first = day;
		}
		if (dow == 0 && day != DAY_1600)
		{
			week_first = day;
			week_index++;
		}
		idx[CF_PERIOD_DAY] = day;
		idx[CF_PERIOD_WEEK] = week_index;
		idx[CF_PERIOD_MONTH] = y * 12 + m - 1;
		idx[CF_PERIOD_QUARTER] = y * 4 + (m - 1) / 3;
		idx[CF_PERIOD_YEAR] = y;
		for (p = 0; p < 5; p++)
			if (cf_period_index((cf_period) p, day) != idx[p] ||
				cf_period_cursor_index(&cur[p], day) != idx[p])
				bad++;
		if (cf_period_first_day(CF_PERIOD_WEEK, week_index) != week_first ||
			cf_period_first_day(CF_PERIOD_MONTH, idx[CF_PERIOD_MONTH]) != month_first ||
			cf_period_first_day(CF_PERIOD_QUARTER, idx[CF_PERIOD_QUARTER]) != quarter_first ||
			cf_period_first_day(CF_PERIOD_YEAR, y) != year_first)
			bad++;
		/* next day */
		day++;
		dow = (dow + 1) % 7;
		if (++d > month_days(y, m))
		{
			d = 1;
			if (++m > 12)
			{
				m = 1;
				y++;
			}
		}
	}
	CHECK(bad == 0);
	/* ISO week 53 of 2020: Monday 2020-12-28 to Sunday 2021-01-03 is one week */
	{
		int64_t		dec28 = 7667;	/* 2020-12-28: 20 years (7305 days) + 2020's day 362 */

		CHECK(cf_period_index(CF_PERIOD_WEEK, dec28) == cf_period_index(CF_PERIOD_WEEK, dec28 + 6));
		CHECK(cf_period_index(CF_PERIOD_WEEK, dec28 - 1) + 1 == cf_period_index(CF_PERIOD_WEEK, dec28));
		CHECK(cf_period_first_day(CF_PERIOD_WEEK, cf_period_index(CF_PERIOD_WEEK, dec28 + 6)) == dec28);
	}
	/* the ends of the ladder's day range (4714-11-24 BC - 2 .. 294276-12-31 + 2) */
	{
		int64_t		lo = -2451547,
					hi = 106751993;

		for (p = 0; p < 5; p++)
		{
			int64_t		a = cf_period_index((cf_period) p, lo),
						b = cf_period_index((cf_period) p, hi);

			CHECK(cf_period_first_day((cf_period) p, a) <= lo && lo < cf_period_first_day((cf_period) p, a + 1));
			CHECK(cf_period_first_day((cf_period) p, b) <= hi && hi < cf_period_first_day((cf_period) p, b + 1));
		}
	}
}

/* The table of periods agrees with cf_period_index inside it, at its edge and before it. */
static void
test_map(void)
{
	int			p;

	for (p = 0; p < 5; p++)
	{
		cf_period_map m;
		int64_t		last = 9677,	/* 2026-06-30 */
					d;
		long		bad = 0;

		cf_period_map_init(&m, (cf_period) p, last, &cf_malloc_allocator);
		CHECK(m.ndays == CF_PERIOD_MAP_DAYS && m.first == last - CF_PERIOD_MAP_DAYS + 1);
		for (d = last - CF_PERIOD_MAP_DAYS - 800; d <= last; d++)
			bad += cf_period_map_index(&m, d) != cf_period_index((cf_period) p, d);
		/* and in descending order (the cursor's cache moves back) */
		for (d = last - CF_PERIOD_MAP_DAYS + 3; d >= last - CF_PERIOD_MAP_DAYS - 800; d -= 7)
			bad += cf_period_map_index(&m, d) != cf_period_index((cf_period) p, d);
		CHECK(bad == 0);
		cf_period_map_free(&m, &cf_malloc_allocator);
	}
}

/* ---------- the tables against a naive count ---------- */

#define NC 400

static uint64_t rng = 88172645463325252u;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng % n);
}

/* Sorted distinct random days of one customer in [lo, as_of]; returns how many. */
static int32_t
random_days(int32_t *days, int32_t lo, int32_t as_of)
{
	int32_t		n = (int32_t) rnd(12),
				k = 0,
				i;

	for (i = 0; i < n; i++)
		days[k++] = lo + (int32_t) rnd((uint32_t) (as_of - lo + 1));
	/* sort, dedupe */
	for (i = 1; i < k; i++)
	{
		int32_t		v = days[i],
					j = i - 1;

		while (j >= 0 && days[j] > v)
		{
			days[j + 1] = days[j];
			j--;
		}
		days[j + 1] = v;
	}
	n = 0;
	for (i = 0; i < k; i++)
		if (n == 0 || days[n - 1] != days[i])
			days[n++] = days[i];
	return n;
}

static void
test_tables(void)
{
	static int32_t days[NC][12];
	static int32_t ndays[NC];
	int			p,
				i;
	int32_t		as_of = 9677,	/* 2026-06-30 */
				lo = 8000;

	for (i = 0; i < NC; i++)
		ndays[i] = random_days(days[i], lo, as_of);
	for (p = 0; p < 5; p++)
	{
		cf_cohort_table t;
		cf_lifecycle_table l;
		int64_t		last = cf_period_index((cf_period) p, as_of),
					first = last,
					c,
					o;
		long		bad = 0;

		cf_cohort_init(&t, (cf_period) p, as_of, &cf_malloc_allocator);
		cf_lifecycle_init(&l, (cf_period) p, as_of, &cf_malloc_allocator);
		for (i = 0; i < NC; i++)
		{
			CHECK(cf_cohort_add(&t, days[i], ndays[i]) == CF_OK);
			CHECK(cf_lifecycle_add(&l, days[i], ndays[i]) == CF_OK);
			if (ndays[i] > 0 && cf_period_index((cf_period) p, days[i][0]) < first)
				first = cf_period_index((cf_period) p, days[i][0]);
		}
		CHECK(l.any && l.first == first);
		/* every cell, by brute force over the customers */
		for (c = first; c <= last; c++)
		{
			const int64_t *row = t.cells ? (last - c < t.nk ? t.cells[last - c] : NULL) : NULL;
			int64_t		size = 0;

			for (i = 0; i < NC; i++)
				size += ndays[i] > 0 && cf_period_index((cf_period) p, days[i][0]) == c;
			if ((size == 0) != (row == NULL))
				bad++;
			for (o = 0; row && o <= last - c; o++)
			{
				int64_t		n = 0;

				for (i = 0; i < NC; i++)
				{
					int32_t		j;
					bool		in = false;

					if (ndays[i] == 0 || cf_period_index((cf_period) p, days[i][0]) != c)
						continue;
					for (j = 0; j < ndays[i]; j++)
						in |= cf_period_index((cf_period) p, days[i][j]) == c + o;
					n += in;
				}
				if (row[o] != n)
					bad++;
			}
		}
		/* lifecycle: new, retained, reactivated, churned per period by their definitions */
		for (c = first; c <= last; c++)
		{
			int64_t		want[4] = {0, 0, 0, 0};

			for (i = 0; i < NC; i++)
			{
				bool		now = false,
							before = false,
							earlier = false;
				int32_t		j;

				if (ndays[i] == 0)
					continue;
				for (j = 0; j < ndays[i]; j++)
				{
					int64_t		q = cf_period_index((cf_period) p, days[i][j]);

					now |= q == c;
					before |= q == c - 1;
					earlier |= q < c - 1;
				}
				want[CF_LIFECYCLE_NEW] += now && !before && !earlier;
				want[CF_LIFECYCLE_RETAINED] += now && before;
				want[CF_LIFECYCLE_REACTIVATED] += now && !before && earlier;
				want[CF_LIFECYCLE_CHURNED] += !now && before;
			}
			if (memcmp(&l.counts[4 * (last - c)], want, sizeof want) != 0)
				bad++;
		}
		CHECK(bad == 0);
		cf_cohort_free(&t);
		cf_lifecycle_free(&l);
	}
}

/* A day after the as-of day, a prospect, and a table too large. */
static void
test_limits(void)
{
	cf_cohort_table t;
	cf_lifecycle_table l;
	int32_t		after[] = {5, 11};
	int32_t		far[] = {-2451547};

	cf_cohort_init(&t, CF_PERIOD_MONTH, 10, &cf_malloc_allocator);
	cf_lifecycle_init(&l, CF_PERIOD_MONTH, 10, &cf_malloc_allocator);
	CHECK(cf_cohort_add(&t, after, 2) == CF_EINVAL);
	CHECK(cf_lifecycle_add(&l, after, 2) == CF_EINVAL);
	CHECK(cf_cohort_add(&t, NULL, 0) == CF_OK && t.nk == 0);
	CHECK(cf_lifecycle_add(&l, NULL, 0) == CF_OK && !l.any);
	cf_cohort_free(&t);
	cf_lifecycle_free(&l);
	/* 106 million days back from the as-of day: too many cells as days, fine as years */
	cf_cohort_init(&t, CF_PERIOD_DAY, 106751993, &cf_malloc_allocator);
	cf_lifecycle_init(&l, CF_PERIOD_DAY, 106751993, &cf_malloc_allocator);
	CHECK(cf_cohort_add(&t, far, 1) == CF_ERANGE);
	CHECK(cf_lifecycle_add(&l, far, 1) == CF_ERANGE);
	cf_cohort_free(&t);
	cf_lifecycle_free(&l);
	cf_cohort_init(&t, CF_PERIOD_YEAR, 106751993, &cf_malloc_allocator);
	CHECK(cf_cohort_add(&t, far, 1) == CF_OK && t.cells[t.nk - 1] != NULL && t.cells[t.nk - 1][0] == 1);
	cf_cohort_free(&t);
}

int
main(void)
{
	test_names();
	test_periods();
	test_map();
	test_tables();
	test_limits();
	return unit_report("cohort");
}
