/*
 * test_customer_profile.c — unit tests of the profile core: exact decimals, profiles
 * (orders, days, revenue incl. the 128-bit overflow path), merging in any
 * order, the text form, the loyalty ladder, RFM and the revenue trend.
 * Expectations are computed by hand in the comments.
 */
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "loyalty_stage.h"
#include "customer_profile.h"
#include "rfm.h"
#include "unit.h"

#define D CF_USECS_PER_DAY
#define H INT64_C(3600000000)

/* An allocator that remembers every block so the test frees them all at the end. */
static void *blocks[100000];
static int	nblocks;

static void *
talloc(size_t size)
{
	void	   *p = malloc(size);

	if (p && nblocks < (int) (sizeof blocks / sizeof blocks[0]))
		blocks[nblocks++] = p;
	return p;
}

/* Blocks are given back all at once by free_all. */
static void
tkeep(void *p)
{
	(void) p;
}

static const cf_allocator remember = {talloc, tkeep};

static void
free_all(void)
{
	while (nblocks > 0)
		free(blocks[--nblocks]);
}

/* Text of a profile in a static buffer. */
static const char *
text_of(const cf_profile *p)
{
	static char buf[8192];

	cf_profile_format(p, buf, sizeof buf);
	return buf;
}

/* Parses a decimal text as the amount of one order and adds it. */
static void
add(cf_profile **pp, int64_t ts, int32_t day, const char *amount)
{
	cf_i128		v;
	int			scale;

	if (cf_i128_parse(amount, strlen(amount), &v, &scale) == 0)
	{
		if (*pp == NULL)
			*pp = cf_profile_first("UTC", 3, ts, day, v, scale, &remember);
		else
			CHECK(cf_profile_add(pp, ts, day, v, scale, &remember) == CF_OK);
	}
	else
	{
		cf_bigdec	b;

		CHECK(cf_bigdec_parse(&b, amount, strlen(amount)) == 0);
		if (*pp == NULL)
			*pp = cf_profile_first_big("UTC", 3, ts, day, &b, &remember);
		else
			CHECK(cf_profile_add_big(pp, ts, day, &b, &remember) == CF_OK);
		cf_bigdec_free(&b);
	}
}

/* True when the profile's text contains the fragment. */
static int
has(const cf_profile *p, const char *fragment)
{
	const char *t = text_of(p);

	if (strstr(t, fragment))
		return 1;
	fprintf(stderr, "  text %s lacks %s\n", t, fragment);
	return 0;
}

static void
test_decimal(void)
{
	char		buf[200];
	cf_i128		v;
	int			s;
	cf_bigdec	a,
				b,
				c;
	static const char *const bad[] = {"", "-", ".", "+", "1e5", "1.2.3", " 1", "--1", "1-", "0x10", "1,5", "∞", "NaN"};
	size_t		i;

	CHECK(cf_i128_parse("12.50", 5, &v, &s) == 0 && v == 1250 && s == 2);
	CHECK(cf_i128_parse("-0.05", 5, &v, &s) == 0 && v == -5 && s == 2);
	CHECK(cf_i128_parse("5.", 2, &v, &s) == 0 && v == 5 && s == 0);
	CHECK(cf_i128_parse(".5", 2, &v, &s) == 0 && v == 5 && s == 1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(cf_i128_parse(bad[i], strlen(bad[i]), &v, &s) == 1);
	/* 2^127 - 1 fits, 2^127 does not; -2^127 fits */
	CHECK(cf_i128_parse("170141183460469231731687303715884105727", 39, &v, &s) == 0);
	cf_i128_format(v, 0, buf, sizeof buf);
	CHECK(strcmp(buf, "170141183460469231731687303715884105727") == 0);
	CHECK(cf_i128_parse("170141183460469231731687303715884105728", 39, &v, &s) == 2);
	CHECK(cf_i128_parse("-170141183460469231731687303715884105728", 40, &v, &s) == 0);
	cf_i128_format(v, 3, buf, sizeof buf);
	CHECK(strcmp(buf, "-170141183460469231731687303715884105.728") == 0);
	cf_i128_format(-5, 3, buf, sizeof buf);
	CHECK(strcmp(buf, "-0.005") == 0);
	cf_i128_format(0, 2, buf, sizeof buf);
	CHECK(strcmp(buf, "0.00") == 0);
	cf_i128_format(7, 45, buf, sizeof buf);
	CHECK(strcmp(buf, "0.000000000000000000000000000000000000000000007") == 0);
	CHECK(!cf_i128_mul_pow10(v, 1, &v));

	/* big decimals: (10^40 + 0.5) + (-10^40) = 0.5; format round trip */
	CHECK(cf_bigdec_parse(&a, "10000000000000000000000000000000000000000.5", 43) == 0);
	cf_bigdec_format(&a, buf, sizeof buf);
	CHECK(strcmp(buf, "10000000000000000000000000000000000000000.5") == 0);
	CHECK(cf_bigdec_parse(&b, "-10000000000000000000000000000000000000000", 42) == 0);
	CHECK(cf_bigdec_add(&a, &b, &c));
	cf_bigdec_format(&c, buf, sizeof buf);
	CHECK(strcmp(buf, "0.5") == 0);
	cf_bigdec_free(&c);
	/* -10^40 + (-0.25) at scale 2 */
	cf_bigdec_free(&a);
	CHECK(cf_bigdec_parse(&a, "-0.25", 5) == 0);
	CHECK(cf_bigdec_add(&a, &b, &c));
	cf_bigdec_format(&c, buf, sizeof buf);
	CHECK(strcmp(buf, "-10000000000000000000000000000000000000000.25") == 0);
	CHECK_NEAR(cf_bigdec_to_double(&c), -1e40, 1e25);
	cf_bigdec_free(&a);
	cf_bigdec_free(&b);
	cf_bigdec_free(&c);
	/* borrow across limbs: 1000000000 - 1 = 999999999 */
	CHECK(cf_bigdec_parse(&a, "1000000000", 10) == 0);
	CHECK(cf_bigdec_parse(&b, "-1", 2) == 0);
	CHECK(cf_bigdec_add(&a, &b, &c));
	cf_bigdec_format(&c, buf, sizeof buf);
	CHECK(strcmp(buf, "999999999") == 0);
	cf_bigdec_free(&a);
	cf_bigdec_free(&b);
	cf_bigdec_free(&c);
	CHECK(cf_bigdec_parse(&a, "1.x", 3) == 1);
	cf_bigdec_free(&a);
}

static void
test_profile_basics(void)
{
	cf_error	why;
	cf_profile *p = NULL;
	cf_profile_summary s;
	double		mi;

	/* day 8766 = 2024-01-01; three orders that day, one on day +10, one on day +30 */
	add(&p, 8766 * D + 9 * H, 8766, "10.50");
	add(&p, 8766 * D + 23 * H, 8766, "-2.5");
	add(&p, 8766 * D + 1 * H, 8766, "3");
	add(&p, 8776 * D, 8776, "100");
	add(&p, 8796 * D + 12 * H, 8796, "0.001");
	CHECK(p->orders == 5);
	CHECK(p->ndays == 3);
	CHECK(p->first_ts == 8766 * D + 1 * H);
	CHECK(p->last_ts == 8796 * D + 12 * H);
	/* 10.50 - 2.5 + 3 + 100 + 0.001 = 111.001 at scale 3 */
	CHECK(has(p, ";revenue=111.001;"));
	/* moment: 8766*(10.5-2.5+3) + 8776*100 + 8796*0.001 = 96426 + 877600 + 8.796 = 974034.796 */
	CHECK(has(p, ";moment=974034.796;"));
	CHECK(has(p, "v2;tz=UTC;orders=5;first=2024-01-01T01:00:00Z;last=2024-01-31T12:00:00Z;"));
	/* the first day's orders: 10.50 - 2.5 + 3 = 11 at the profile's scale 3 */
	CHECK(has(p, ";moment=974034.796;first_revenue=11.000;days="));
	CHECK(has(p, ";days=2024-01-01+10+20"));
	CHECK(cf_profile_summarize(p, 8796 + 5, &s) == CF_OK);
	CHECK(s.x == 2 && s.t_x == 30 && s.t == 35 && s.since == 5);
	CHECK(cf_profile_summarize(p, 8795, &s) == CF_EINVAL);
	CHECK(cf_profile_mean_interval_days(p, &mi));
	CHECK_NEAR(mi, 15.0, 0);
	CHECK_NEAR(cf_profile_revenue_double(p), 111.001, 1e-12);
	CHECK(cf_error_detail(cf_profile_check(p, cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap), &why), &why) == NULL);

	/* one order: no mean interval; refunds only: negative revenue */
	p = NULL;
	add(&p, -5 * D, -5, "-7.25");
	CHECK(!cf_profile_mean_interval_days(p, &mi));
	CHECK(has(p, "first=1999-12-27T00:00:00Z;last=1999-12-27T00:00:00Z;revenue=-7.25;moment=36.25;first_revenue=-7.25;days=1999-12-27"));
	/* fractional seconds and years before 1 */
	p = NULL;
	add(&p, -730485 * D - 1, -730486, "1");	/* 0000-01-01T00:00:00 minus 1 us */
	CHECK(has(p, "first=-0001-12-31T23:59:59.999999Z"));
	free_all();
}

/*
 * A new profile fills a 256-byte block (room for 37 days with the zone
 * "UTC"), is not moved until that room is used up, then grows to 512 bytes;
 * the days stay the sorted set of order days throughout.
 */
static void
test_block_sizes(void)
{
	cf_error	why;
	cf_profile *p = NULL,
			   *first;
	int			i,
				moves = 0;
	const int32_t *d;
	int			cap;

	add(&p, 8766 * D, 8766, "1");
	first = p;
	CHECK(cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap) == 256);
	cap = p->day_cap;
	/* 88 fixed bytes, "UTC" padded to 4 and the 16-byte first-day revenue: 37 days */
	CHECK(cap == (256 - 88 - 4 - 16) / 4 && cap == 37);
	/* days in descending order: every insertion is at the front */
	for (i = 1; i < cap; i++)
		add(&p, (8766 - i) * D, 8766 - i, "1");
	CHECK(p == first && p->ndays == cap);
	add(&p, 8766 * D + H, 8766, "1");	/* a known day: no room needed */
	CHECK(p == first && p->ndays == cap && p->orders == cap + 1);
	add(&p, 8767 * D, 8767, "1");
	moves += p != first;
	CHECK(moves == 1 && p->ndays == cap + 1);
	CHECK(cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap) == 512);
	d = cf_profile_days(p);
	for (i = 0; i < p->ndays; i++)
		CHECK(d[i] == 8766 - (cap - 1) + i);
	CHECK(has(p, ";orders=39;"));
	CHECK(has(p, ";revenue=39;"));
	/* the first day moved back with every insertion: its one order */
	CHECK(has(p, ";first_revenue=1;"));
	CHECK(cf_error_detail(cf_profile_check(p, cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap), &why), &why) == NULL);
	free_all();
}

/* Orders of a synthetic customer, deterministic. */
typedef struct order
{
	int64_t		ts;
	int32_t		day;
	char		amount[64];
} order;

static uint64_t rng = 88172645463325252ULL;
static uint64_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Any split of the orders into partial profiles, merged in any order, equals the direct profile. */
static void
test_merge_any_order(int big)
{
	order		o[60];
	int			n = 60,
				i,
				trial;
	cf_profile *direct = NULL;
	char		expect[8192];

	for (i = 0; i < n; i++)
	{
		int32_t		day = 8000 + (int32_t) (next_rand() % 400);

		o[i].day = day;
		o[i].ts = day * D + (int64_t) (next_rand() % (uint64_t) D);
		if (big && i % 7 == 0)
			snprintf(o[i].amount, sizeof o[i].amount, "%s9%037d.%0*d", i % 2 ? "-" : "",
					 (int) (next_rand() % 1000), (int) (i % 5), (int) (next_rand() % 10));
		else
			snprintf(o[i].amount, sizeof o[i].amount, "%s%d.%0*d", next_rand() % 5 == 0 ? "-" : "",
					 (int) (next_rand() % 100000), (int) (i % 4 + 1), (int) (next_rand() % 10));
		/* "%0*d" with width 0..4 of a digit: a scale of 0..4 decimals (width 0 prints the digit) */
		add(&direct, o[i].ts, o[i].day, o[i].amount);
	}
	cf_profile_format(direct, expect, sizeof expect);
	/* the first day's revenue against big-decimal sums of that day's amounts */
	{
		int32_t		d0 = o[0].day;
		cf_bigdec	sum = {false, 0, 0, NULL},
					a,
					t;
		bool		fits = true;
		char		want[200],
					num[160];
		cf_i128		v;
		int			sc;

		for (i = 1; i < n; i++)
			if (o[i].day < d0)
				d0 = o[i].day;
		for (i = 0; i < n; i++)
			if (o[i].day == d0)
			{
				CHECK(cf_bigdec_parse(&a, o[i].amount, strlen(o[i].amount)) == 0);
				CHECK(cf_bigdec_add(&sum, &a, &t));
				cf_bigdec_free(&a);
				cf_bigdec_free(&sum);
				sum = t;
			}
		CHECK(cf_bigdec_rescale(&sum, direct->scale));
		cf_bigdec_format(&sum, num, sizeof num);
		fits = cf_i128_parse(num, strlen(num), &v, &sc) == 0;
		snprintf(want, sizeof want, ";first_revenue=%s;", fits ? num : "none");
		CHECK(has(direct, want));
		cf_bigdec_free(&sum);
	}
	for (trial = 0; trial < 30; trial++)
	{
		cf_profile *part[6] = {NULL};
		int			k = 1 + (int) (next_rand() % 6),
					perm[6],
					j;
		cf_profile *acc;

		for (i = 0; i < n; i++)
		{
			int			w = (int) (next_rand() % (uint64_t) k);

			add(&part[w], o[i].ts, o[i].day, o[i].amount);
		}
		for (j = 0; j < k; j++)
			perm[j] = j;
		for (j = k - 1; j > 0; j--)
		{
			int			r = (int) (next_rand() % (uint64_t) (j + 1)),
						t = perm[j];

			perm[j] = perm[r];
			perm[r] = t;
		}
		acc = NULL;
		for (j = 0; j < k; j++)
		{
			cf_profile *q = part[perm[j]];

			if (!q)
				continue;
			if (!acc)
				acc = cf_profile_compact(q, &remember);
			else
				CHECK(cf_profile_merge(&acc, q, &remember) == CF_OK);
		}
		CHECK(strcmp(text_of(acc), expect) == 0);
	}
	if (big)
		CHECK(has(direct, "revenue=") && strstr(text_of(direct), "moment=none") != NULL);
	free_all();
}

/* The 128-bit overflow path gives the exact sum, also after merges and round trips. */
static void
test_overflow(void)
{
	cf_profile *p = NULL,
			   *q = NULL,
			   *r;
	cf_error	why;
	int			rc;

	/* 9e37 fits 128 bits; three of them (2.7e38) do not */
	add(&p, 0, 0, "90000000000000000000000000000000000000");
	add(&p, 1, 0, "90000000000000000000000000000000000000");
	add(&p, 2, 0, "90000000000000000000000000000000000000.5");
	CHECK(p->big_nlimbs > 0);
	CHECK(has(p, "revenue=270000000000000000000000000000000000000.5;moment=none"));
	/* refund it back down below 2^127: still exact */
	add(&p, 3, 0, "-269999999999999999999999999999999999999");
	CHECK(has(p, "revenue=1.5;"));
	/* a larger scale arriving after the overflow: 1.5 + 0.000000000000000000000000000000000000000001 */
	add(&p, 4, 0, "0.000000000000000000000000000000000000000001");
	CHECK(has(p, "revenue=1.500000000000000000000000000000000000000001;"));
	/* round trip through text, and a merge with a profile that spilled */
	rc = cf_profile_parse(text_of(p), &remember, &r, &why);
	CHECK(rc == CF_OK && r != NULL && strcmp(text_of(r), text_of(p)) == 0);
	add(&q, 5, 0, "170141183460469231731687303715884105727");
	add(&q, 6, 0, "1");
	CHECK(has(q, "revenue=170141183460469231731687303715884105728;"));
	CHECK(cf_profile_merge(&q, p, &remember) == CF_OK);
	CHECK(has(q, "revenue=170141183460469231731687303715884105729.500000000000000000000000000000000000000001;"));
	CHECK(q->orders == 7);
	/*
	 * Parts of opposite signs: three 1.7e38 spill 3.4e38 into the big part, two
	 * refunds leave -1.7e38 in the fast one; the total 1.7e38 fits 128 bits,
	 * and the canonical form keeps it in the fast part alone (a fuzzer find:
	 * binary input kept the split that text input does not make).
	 */
	{
		cf_i128		v;

		q = NULL;
		add(&q, 0, 0, "170000000000000000000000000000000000000");
		add(&q, 1, 0, "170000000000000000000000000000000000000");
		add(&q, 2, 0, "170000000000000000000000000000000000000");
		add(&q, 3, 0, "-170000000000000000000000000000000000000");
		add(&q, 4, 0, "-170000000000000000000000000000000000000");
		CHECK(q->big_nlimbs > 0);
		CHECK(cf_profile_revenue_i128(q, &v) && v == (cf_i128) 17 * (cf_i128) 10000000000000000000ULL * (cf_i128) 1000000000000000000ULL);
		q = cf_profile_canonical(q, &remember);
		CHECK(q != NULL && q->big_nlimbs == 0 && has(q, ";revenue=170000000000000000000000000000000000000;"));
	}
	free_all();
}

static void
test_text(void)
{
	cf_error	why;
	cf_profile *p = NULL,
			   *r;
	int			rc;
	char		t[8192];
	size_t		i;
	static const char *const bad[] = {
		"",
		"v2;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=U C;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=0;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=-1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=Etc/UTC;orders=9999999999999999999;first=2024-06-01T00:00:00Z;last=2024-06-01T00:00:00Z;revenue=0;moment=0;days=2024-06-01",
		"v1;tz=UTC;orders=99999999999999999999;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-02-30T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T24:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-02T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00.1234567Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1e3;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=NaN;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1.0;moment=8766;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=x;days=2024-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2024-01-01+1",
		"v1;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;days=2024-01-01+0",
		"v1;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;days=2024-01-01+1+",
		"v1;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;days=2024-01-01+1;",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;days=2025-01-01",
		"v1;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766",
		"v1;tz=UTC;orders=1;first=294277-01-01T00:00:00Z;last=294277-01-01T00:00:00Z;revenue=1;moment=0;days=294277-01-01",
		"v1;tz=UTC;orders=1;first=-4714-11-23T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=0;days=2024-01-01",
		"v1;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;days=2024-01-01+99999999999",
	};

	add(&p, 8766 * D, 8766, "1");
	CHECK(strcmp(text_of(p), "v2;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;first_revenue=1;days=2024-01-01") == 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
	{
		why.detail[0] = '\0';
		rc = cf_profile_parse(bad[i], &remember, &r, &why);
		CHECK(rc == CF_ESYNTAX && r == NULL && why.detail[0] != '\0');
		if (r)
			fprintf(stderr, "  accepted: %s\n", bad[i]);
	}
	/* the largest order count is accepted */
	rc = cf_profile_parse("v1;tz=Etc/UTC;orders=9223372036854775807;first=2024-06-01T00:00:00Z;last=2024-06-01T00:00:00Z;revenue=0;moment=0;days=2024-06-01", &remember, &r, &why);
	CHECK(rc == CF_OK && r != NULL && r->orders == INT64_MAX);
	/* a stored profile whose zone would run past its end is refused before the zone is read */
	{
		cf_profile *q = talloc(offsetof(cf_profile, data));

		memset(q, 0, offsetof(cf_profile, data));
		q->version = CF_PROFILE_VERSION;
		q->zone_len = 255;
		q->ndays = 1;
		q->day_cap = 1;
		q->orders = 1;
		CHECK(cf_error_detail(cf_profile_check(q, offsetof(cf_profile, data), &why), &why) != NULL);
		CHECK(cf_error_detail(cf_profile_check(q, 3, &why), &why) != NULL);
	}
	/* every prefix of a valid text is rejected without a crash */
	add(&p, 8800 * D + 5, 8800, "2.5");
	cf_profile_format(p, t, sizeof t);
	for (i = 0; i < strlen(t); i++)
	{
		char		pre[8192];

		memcpy(pre, t, i);
		pre[i] = '\0';
		rc = cf_profile_parse(pre, &remember, &r, &why);
		/* a prefix that ends inside the last delta or revenue digits can be valid; others not */
		CHECK((rc == CF_OK) == (r != NULL));
		if (r)
			CHECK(cf_error_detail(cf_profile_check(r, cf_profile_size(r->zone_len, r->big_nlimbs, r->day_cap), &why), &why) == NULL);
	}
	rc = cf_profile_parse(t, &remember, &r, &why);
	CHECK(rc == CF_OK && r != NULL && strcmp(text_of(r), t) == 0);
	/* the extremes of the range */
	rc = cf_profile_parse("v1;tz=Europe/Berlin;orders=2;first=-4713-11-24T00:00:00Z;last=294276-12-31T23:59:59.999999Z;revenue=-0.10;moment=none;days=-4713-11-24+109203527", &remember, &r, &why);
	CHECK(rc == CF_OK && r != NULL);
	if (r)
		CHECK(strcmp(text_of(r), "v2;tz=Europe/Berlin;orders=2;first=-4713-11-24T00:00:00Z;last=294276-12-31T23:59:59.999999Z;revenue=-0.10;moment=none;first_revenue=none;days=-4713-11-24+109203527") == 0);
	else
		fprintf(stderr, "  %s\n", why.detail);
	free_all();
}

/* The profile of a text, or NULL when the parser refuses it. */
static cf_profile *
parsed(const char *text)
{
	cf_profile *p = NULL;
	cf_error	why;

	return cf_profile_parse(text, &remember, &p, &why) == CF_OK ? p : NULL;
}

/* A version-1 block (1.0/1.1's layout: no first-day revenue slot) of a version-2 p, in place of nothing. */
static cf_profile *
as_version_1(const cf_profile *p)
{
	size_t		zone = ((size_t) p->zone_len + 3) & ~(size_t) 3;
	size_t		tail = sizeof(uint32_t) * (size_t) p->big_nlimbs + sizeof(int32_t) * (size_t) p->day_cap;
	size_t		size = offsetof(cf_profile, data) + zone + tail;
	cf_profile *q = talloc(size);

	memcpy(q, p, offsetof(cf_profile, data) + zone);
	memcpy(q->data + zone, p->data + zone + 16, tail);
	q->version = 1;
	q->flags &= ~CF_PROFILE_NO_FIRST;
	return q;
}

/*
 * The first purchase day's revenue (format version 2): out-of-order orders,
 * scale changes, 128-bit overflow and its recovery on a one-day profile, the
 * merge rules with unknown sides, version-1 texts and blocks, and the repeat
 * revenue.  Values by hand in the comments.
 */
static void
test_first_revenue(void)
{
	cf_error	why;
	cf_profile *p = NULL,
			   *q = NULL,
			   *r,
			   *v1;
	cf_i128		v;
	cf_bigdec	b;
	char		buf[200];

	/* day 8770 first, then an earlier day 8766 twice, a later day: first day 8766 = 3 + 2 */
	add(&p, 8770 * D, 8770, "5");
	CHECK(has(p, ";first_revenue=5;"));
	add(&p, 8766 * D + 3, 8766, "3");
	add(&p, 8766 * D + 2, 8766, "2");
	add(&p, 8780 * D, 8780, "7");
	CHECK(has(p, ";revenue=17;moment=") && has(p, ";first_revenue=5;days=2024-01-01+4+10"));
	/* a larger scale later rescales it: 5 -> 5.125 total 17.125 */
	add(&p, 8790 * D, 8790, "0.125");
	CHECK(has(p, ";revenue=17.125;") && has(p, ";first_revenue=5.000;"));
	CHECK(cf_profile_first_revenue(p, &v) && v == 5000);
	/* repeat revenue = 17.125 - 5 = 12.125 */
	CHECK(cf_profile_repeat_revenue(p, &b) == CF_OK);
	cf_bigdec_format(&b, buf, sizeof buf);
	CHECK(strcmp(buf, "12.125") == 0);
	cf_bigdec_free(&b);

	/* one day: two 1e38 overflow 128 bits (unknown), a refund of 1.5e38 brings it back: known again */
	q = NULL;
	add(&q, 0, 0, "100000000000000000000000000000000000000");
	add(&q, 1, 0, "100000000000000000000000000000000000000");
	CHECK(has(q, ";first_revenue=none;"));
	add(&q, 2, 0, "-150000000000000000000000000000000000000");
	CHECK(has(q, ";revenue=50000000000000000000000000000000000000;") &&
		  has(q, ";first_revenue=50000000000000000000000000000000000000;"));
	/* a second day now: the first day's revenue stays what it was */
	add(&q, 3 * D, 3, "1");
	CHECK(has(q, ";first_revenue=50000000000000000000000000000000000000;"));
	/* an amount beyond 128 bits on a later day does not touch it; on the first day it does */
	add(&q, 4 * D, 4, "1000000000000000000000000000000000000000000");
	CHECK(has(q, ";first_revenue=50000000000000000000000000000000000000;"));
	add(&q, 5, 0, "1000000000000000000000000000000000000000000");
	CHECK(has(q, ";first_revenue=none;"));
	CHECK(cf_profile_repeat_revenue(q, &b) == CF_EINVAL);
	CHECK(cf_error_detail(cf_profile_check(q, cf_profile_block_size(q), &why), &why) == NULL);

	/* merges: the earlier first day wins, even against an unknown later one; equal days add */
	p = NULL;
	add(&p, 8766 * D, 8766, "10");
	add(&p, 8800 * D, 8800, "1");
	r = parsed("v1;tz=UTC;orders=2;first=2024-01-05T00:00:00Z;last=2024-02-01T00:00:00Z;revenue=30;moment=0;days=2024-01-05+27");
	CHECK(r != NULL && has(r, "v2;") && has(r, ";first_revenue=none;"));
	CHECK(cf_profile_merge(&p, r, &remember) == CF_OK);
	CHECK(has(p, ";revenue=41;") && has(p, ";first_revenue=10;"));
	r = parsed("v1;tz=UTC;orders=2;first=2023-12-31T00:00:00Z;last=2024-02-01T00:00:00Z;revenue=30;moment=0;days=2023-12-31+32");
	CHECK(cf_profile_merge(&p, r, &remember) == CF_OK);
	CHECK(has(p, ";first_revenue=none;"));
	/* the same first day: known + known adds, known + unknown is unknown */
	p = NULL;
	q = NULL;
	add(&p, 8766 * D, 8766, "2.5");
	add(&p, 8767 * D, 8767, "1");
	add(&q, 8766 * D + 7, 8766, "4");
	add(&q, 8770 * D, 8770, "1");
	CHECK(cf_profile_merge(&p, q, &remember) == CF_OK);
	CHECK(has(p, ";revenue=8.5;") && has(p, ";first_revenue=6.5;"));
	r = parsed("v1;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-02-01T00:00:00Z;revenue=30;moment=0;days=2024-01-01+31");
	CHECK(cf_profile_merge(&p, r, &remember) == CF_OK);
	CHECK(has(p, ";first_revenue=none;"));
	/* a one-day version-1 text knows it: the revenue */
	r = parsed("v1;tz=UTC;orders=3;first=2024-01-01T00:00:00Z;last=2024-01-01T05:00:00Z;revenue=-1.50;moment=0.00;days=2024-01-01");
	CHECK(r != NULL && has(r, ";first_revenue=-1.50;"));

	/* a stored version-1 block reads in place, prints and merges as the version-2 value */
	p = NULL;
	add(&p, 8766 * D, 8766, "2");
	add(&p, 8767 * D, 8767, "3");
	v1 = as_version_1(p);
	CHECK(cf_profile_block_size(v1) == cf_profile_block_size(p) - 16);
	CHECK(cf_error_detail(cf_profile_check(v1, cf_profile_block_size(v1), &why), &why) == NULL);
	CHECK(!cf_profile_first_revenue(v1, &v));
	CHECK(has(v1, "v2;") && has(v1, ";revenue=5;") && has(v1, ";first_revenue=none;days=2024-01-01+1"));
	CHECK(cf_profile_days(v1)[1] == 8767);
	r = v1;
	CHECK(cf_profile_merge(&r, p, &remember) == CF_OK);
	CHECK(r->version == 2 && has(r, ";orders=4;") && has(r, ";revenue=10;") && has(r, ";first_revenue=none;"));
	r = cf_profile_canonical(as_version_1(p), &remember);
	CHECK(r != NULL && r->version == 2 && has(r, ";first_revenue=none;"));
	p = NULL;
	add(&p, 8766 * D, 8766, "2");
	v1 = as_version_1(p);
	CHECK(cf_profile_first_revenue(v1, &v) && v == 2);
	r = v1;
	CHECK(cf_profile_add(&r, 8768 * D, 8768, 5, 0, &remember) == CF_OK);
	CHECK(r->version == 2 && has(r, ";revenue=7;") && has(r, ";first_revenue=2;"));

	/* version-2 texts: one day must carry its revenue, the scale must be the revenue's */
	{
		static const char *const bad[] = {
			"v2;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;first_revenue=2;days=2024-01-01",
			"v2;tz=UTC;orders=1;first=2024-01-01T00:00:00Z;last=2024-01-01T00:00:00Z;revenue=1;moment=8766;first_revenue=none;days=2024-01-01",
			"v2;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1.0;moment=8766.0;first_revenue=1;days=2024-01-01+1",
			"v2;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;first_revenue=;days=2024-01-01+1",
			"v2;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;first_revenue=170141183460469231731687303715884105728;days=2024-01-01+1",
			"v2;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;days=2024-01-01+1",
			"v2;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;first_revenue=1;moment=8766;days=2024-01-01+1",
			"v3;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;first_revenue=1;days=2024-01-01+1",
		};
		size_t		i;

		for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		{
			r = parsed(bad[i]);
			CHECK(r == NULL);
			if (r)
				fprintf(stderr, "  accepted: %s\n", bad[i]);
		}
		/* a later first day's revenue may be anything that fits, also more than the total */
		r = parsed("v2;tz=UTC;orders=2;first=2024-01-01T00:00:00Z;last=2024-01-02T00:00:00Z;revenue=1;moment=8766;first_revenue=-170141183460469231731687303715884105728;days=2024-01-01+1");
		CHECK(r != NULL);
		/* its repeat revenue 1 + 2^127 needs the big path */
		CHECK(r && cf_profile_repeat_revenue(r, &b) == CF_OK);
		cf_bigdec_format(&b, buf, sizeof buf);
		CHECK(strcmp(buf, "170141183460469231731687303715884105729") == 0);
		cf_bigdec_free(&b);
	}
	free_all();
}

static void
test_loyalty(void)
{
	cf_error	why;
	const cf_ladder *l = &cf_ladder_defaults;
	cf_ladder	bad;
	double		o;

	CHECK(cf_error_detail(cf_ladder_check(l, &why), &why) == NULL);
	CHECK(cf_loyalty_stage(0, 0, 0, 0, -1, l) == CF_STAGE_PROSPECT);
	/* one order: buyer through day 365, lapsed from 366, lost from 731 */
	CHECK(cf_loyalty_stage(1, 0, 0, 0, -1, l) == CF_STAGE_BUYER);
	CHECK(cf_loyalty_stage(1, 0, 0, 365, -1, l) == CF_STAGE_BUYER);
	CHECK(cf_loyalty_stage(1, 0, 0, 366, -1, l) == CF_STAGE_LAPSED);
	CHECK(cf_loyalty_stage(1, 0, 0, 730, -1, l) == CF_STAGE_LAPSED);
	CHECK(cf_loyalty_stage(1, 0, 0, 731, -1, l) == CF_STAGE_LOST);
	/* two orders on one day: client, one-purchase-day lapse rule */
	CHECK(cf_loyalty_stage(2, 0, 0, 365, -1, l) == CF_STAGE_CLIENT);
	CHECK(cf_loyalty_stage(2, 0, 0, 366, -1, l) == CF_STAGE_LAPSED);
	/* order counts at each threshold */
	CHECK(cf_loyalty_stage(4, 3, 30, 0, 10, l) == CF_STAGE_CLIENT);
	CHECK(cf_loyalty_stage(5, 4, 40, 0, -1, l) == CF_STAGE_REGULAR);
	CHECK(cf_loyalty_stage(5, 4, 40, 0, 8, l) == CF_STAGE_REGULAR);
	CHECK(cf_loyalty_stage(5, 4, 40, 0, 9, l) == CF_STAGE_ADVOCATE);
	CHECK(cf_loyalty_stage(5, 4, 40, 0, 10, l) == CF_STAGE_ADVOCATE);
	/* mean interval 10 days (t_x 40, x 4): lapsed when since > 30 */
	CHECK(cf_loyalty_stage(5, 4, 40, 30, 10, l) == CF_STAGE_ADVOCATE);
	CHECK(cf_loyalty_stage(5, 4, 40, 31, 10, l) == CF_STAGE_LAPSED);
	/* mean interval 7/3 days: 3 * 7/3 = 7 exactly, so 7 is not lapsed, 8 is */
	CHECK(cf_loyalty_stage(3, 3, 7, 7, -1, l) == CF_STAGE_CLIENT);
	CHECK(cf_loyalty_stage(3, 3, 7, 8, -1, l) == CF_STAGE_LAPSED);
	/* a long mean interval: lost wins at 731 even when not lapsed */
	CHECK(cf_loyalty_stage(3, 1, 400, 730, -1, l) == CF_STAGE_REGULAR - 1);
	CHECK(cf_loyalty_stage(3, 1, 400, 731, -1, l) == CF_STAGE_LOST);
	/* overdue */
	CHECK(cf_overdue(4, 40, 25, &o));
	CHECK_NEAR(o, 2.5, 0);
	CHECK(!cf_overdue(0, 0, 25, &o));
	/* threshold validation */
	bad = *l;
	bad.client_orders = 1;
	CHECK(cf_error_detail(cf_ladder_check(&bad, &why), &why) != NULL);
	bad = *l;
	bad.regular_orders = 2;
	CHECK(cf_error_detail(cf_ladder_check(&bad, &why), &why) != NULL);
	bad = *l;
	bad.advocate_score = 11;
	CHECK(cf_error_detail(cf_ladder_check(&bad, &why), &why) != NULL);
	bad = *l;
	bad.lapse_factor = 0;
	CHECK(cf_error_detail(cf_ladder_check(&bad, &why), &why) != NULL);
	bad = *l;
	bad.lapse_factor = NAN;
	CHECK(cf_error_detail(cf_ladder_check(&bad, &why), &why) != NULL);
	bad = *l;
	bad.lost_days = 364;
	CHECK(cf_error_detail(cf_ladder_check(&bad, &why), &why) != NULL);
	bad = *l;
	bad.lapse_days = -1;
	CHECK(cf_error_detail(cf_ladder_check(&bad, &why), &why) != NULL);
	CHECK(strcmp(cf_stage_names[CF_STAGE_ADVOCATE], "advocate") == 0);
}

static void
test_rfm(void)
{
	cf_error	why;
	double		b[4] = {10, 20, 30, 40};
	double		eq[4] = {1, 1, 1, 3};
	double		desc[4] = {4, 3, 2, 1};
	double		nan4[4] = {1, 2, NAN, 4};
	int			r,
				f,
				seen[CF_RFM_SEGMENTS] = {0},
				i;

	CHECK(cf_error_detail(cf_rfm_breaks_check(b, 4, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_rfm_breaks_check(eq, 4, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_rfm_breaks_check(desc, 4, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_rfm_breaks_check(nan4, 4, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_rfm_breaks_check(b, 3, &why), &why) != NULL);
	CHECK(cf_rfm_score(5, b, false) == 1);
	CHECK(cf_rfm_score(10, b, false) == 1);
	CHECK(cf_rfm_score(10.5, b, false) == 2);
	CHECK(cf_rfm_score(20, b, false) == 2);
	CHECK(cf_rfm_score(30, b, false) == 3);
	CHECK(cf_rfm_score(40, b, false) == 4);
	CHECK(cf_rfm_score(41, b, false) == 5);
	CHECK(cf_rfm_score(10, b, true) == 5);
	CHECK(cf_rfm_score(41, b, true) == 1);
	CHECK(cf_rfm_score(1, eq, false) == 1);
	CHECK(cf_rfm_score(2, eq, false) == 4);
	CHECK(cf_rfm_score(4, eq, false) == 5);
	CHECK(strcmp(cf_rfm_segment(5, 5), "Champions") == 0);
	CHECK(strcmp(cf_rfm_segment(5, 1), "New Customers") == 0);
	CHECK(strcmp(cf_rfm_segment(4, 1), "Promising") == 0);
	CHECK(strcmp(cf_rfm_segment(3, 3), "Need Attention") == 0);
	CHECK(strcmp(cf_rfm_segment(1, 5), "Can't Lose Them") == 0);
	CHECK(strcmp(cf_rfm_segment(1, 1), "Lost") == 0);
	CHECK(strcmp(cf_rfm_segment(2, 2), "Hibernating") == 0);
	CHECK(strcmp(cf_rfm_segment(3, 4), "Loyal Customers") == 0);
	CHECK(strcmp(cf_rfm_segment(4, 3), "Potential Loyalist") == 0);
	CHECK(strcmp(cf_rfm_segment(2, 3), "At Risk") == 0);
	CHECK(strcmp(cf_rfm_segment(3, 2), "About to Sleep") == 0);
	CHECK(cf_rfm_segment(0, 3) == NULL && cf_rfm_segment(3, 6) == NULL);
	/* every cell is named and every name is used */
	for (r = 1; r <= 5; r++)
		for (f = 1; f <= 5; f++)
			for (i = 0; i < CF_RFM_SEGMENTS; i++)
				if (strcmp(cf_rfm_segment(r, f), cf_rfm_segment_names[i]) == 0)
					seen[i]++;
	for (i = 0; i < CF_RFM_SEGMENTS; i++)
		CHECK(seen[i] > 0);
}

static void
test_trend(void)
{
	cf_profile *p = NULL;
	double		annual,
				growth;

	/*
	 * 10,000 growing by 2,000 a year, one order a year on days 0, 365, ...:
	 * R = 70000, M = 58,400,000, window 1825 days centred on day 730, so
	 * b = 12 * 7,300,000 / 1825^3, growth = 365^2 b = 1920, annual = 14000 + 4800.
	 */
	add(&p, 0, 0, "10000");
	add(&p, 365 * D, 365, "12000");
	add(&p, 730 * D, 730, "14000");
	add(&p, 1095 * D, 1095, "16000");
	add(&p, 1460 * D, 1460, "18000");
	CHECK(cf_profile_trend(p, &annual, &growth));
	CHECK_NEAR(growth, 1920.0, 1e-6);
	CHECK_NEAR(annual, 18800.0, 1e-6);
	/* one order: the amount per year, no growth */
	p = NULL;
	add(&p, 100 * D, 100, "250.50");
	CHECK(cf_profile_trend(p, &annual, &growth));
	CHECK_NEAR(annual, 250.5, 1e-9);
	CHECK_NEAR(growth, 0.0, 1e-9);
	/* a burst: 5 x 1000 within 20 days is one year's value of 5000, no trend */
	p = NULL;
	add(&p, 0, 0, "1000");
	add(&p, 5 * D, 5, "1000");
	add(&p, 10 * D, 10, "1000");
	add(&p, 15 * D, 15, "1000");
	add(&p, 20 * D, 20, "1000");
	CHECK(cf_profile_trend(p, &annual, &growth));
	CHECK_NEAR(annual, 5000.0, 1e-9);
	CHECK_NEAR(growth, 0.0, 0);
	/*
	 * 900, 300, 100 a year apart: window 1095 days, mean rate 1300 / 1095 a day;
	 * the fitted slope would end below zero, so the end rate is 0 and the growth
	 * 365^2 * (-2 * 1300 / 1095^2) = -2600 / 9.
	 */
	p = NULL;
	add(&p, 0, 0, "900");
	add(&p, 365 * D, 365, "300");
	add(&p, 730 * D, 730, "100");
	CHECK(cf_profile_trend(p, &annual, &growth));
	CHECK_NEAR(annual, 0.0, 1e-9);
	CHECK_NEAR(growth, -2600.0 / 9.0, 1e-9);
	/* refunds outweigh purchases: nothing to lose */
	p = NULL;
	add(&p, 0, 0, "100");
	add(&p, 400 * D, 400, "-300");
	CHECK(cf_profile_trend(p, &annual, &growth));
	CHECK(annual < 0 && growth == 0.0);
	free_all();
}

/*
 * cf_profile_canonical: a sum keeps its revenue in two parts (a 128-bit one
 * and a big one); the canonical form is the one text input builds from the
 * total, so that binary and text input of one value store the same bytes.
 */
static void
test_canonical(void)
{
	cf_error	why;
	cf_profile *p = NULL,
			   *c,
			   *t;
	int			rc;

	/* 1e40 goes to the big part, 1.5 then to the 128-bit part */
	add(&p, INT64_C(757512000000000), 8767, "10000000000000000000000000000000000000000");
	add(&p, INT64_C(757598400000000), 8768, "1.5");
	CHECK(p->big_nlimbs > 0);
	CHECK(has(p, "revenue=10000000000000000000000000000000000000001.5;"));
	c = cf_profile_canonical(p, &remember);
	CHECK(c != NULL && cf_error_detail(cf_profile_check(c, cf_profile_size(c->zone_len, c->big_nlimbs, c->day_cap), &why), &why) == NULL);
	CHECK(c->rev_lo == 0 && c->rev_hi == 0 && c->big_nlimbs > 0);
	rc = cf_profile_parse(text_of(c), &remember, &t, &why);
	CHECK(rc == CF_OK && t != NULL && t->big_nlimbs == c->big_nlimbs && t->scale == c->scale &&
		  memcmp(cf_profile_limbs(t), cf_profile_limbs(c), sizeof(uint32_t) * (size_t) c->big_nlimbs) == 0);
	CHECK(has(c, "revenue=10000000000000000000000000000000000000001.5;"));

	/* a total that fits 128 bits again: the big part goes */
	add(&p, INT64_C(757684800000000), 8769, "-10000000000000000000000000000000000000000");
	c = cf_profile_canonical(p, &remember);
	CHECK(c != NULL && c->big_nlimbs == 0 && !(c->flags & CF_PROFILE_BIG_NEG));
	CHECK(c->rev_lo == 15 && c->rev_hi == 0 && c->scale == 1);
	CHECK(has(c, "revenue=1.5;"));

	/* a profile without a big part is canonical as it is */
	p = NULL;
	add(&p, INT64_C(757512000000000), 8767, "12.50");
	CHECK(cf_profile_canonical(p, &remember) == p);
}

int
main(void)
{
	test_decimal();
	test_canonical();
	test_profile_basics();
	test_block_sizes();
	test_merge_any_order(0);
	test_merge_any_order(1);
	test_overflow();
	test_text();
	test_first_revenue();
	test_loyalty();
	test_rfm();
	test_trend();
	return unit_report("customer_profile");
}
