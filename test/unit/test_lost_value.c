/*
 * test_lost_value.c — unit tests of core/lost_value.c: exact lost-customer
 * values worked out by hand, decimal reading of doubles as PostgreSQL's
 * float8::numeric and round() give them, and the 256-bit product.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lost_value.h"
#include "unit.h"

/* The decimal text of v / 10^scale. */
static const char *
text(cf_i128 v, int scale)
{
	static char buf[80];

	cf_i128_format(v, scale, buf, sizeof(buf));
	return buf;
}

/* Whether cf_lost_value_of gives want (decimal text at scale). */
static bool
value_is(double annual, double growth, int value_scale, int years, double margin, int scale, const char *want)
{
	cf_i128		v;

	if (!cf_lost_value_of(annual, growth, value_scale, years, margin, scale, &v))
	{
		fprintf(stderr, "lost value failed for %g %g\n", annual, growth);
		return false;
	}
	if (strcmp(text(v, scale), want) != 0)
	{
		fprintf(stderr, "lost value %s, want %s\n", text(v, scale), want);
		return false;
	}
	return true;
}

static bool
dec_is(double x, int scale, const char *want)
{
	cf_lost_dec d;

	if (!cf_lost_dec_from_double(x, scale, &d))
		return false;
	if (strcmp(text(d.v, d.scale), want) != 0)
	{
		fprintf(stderr, "%.17g at %d: %s, want %s\n", x, scale, text(d.v, d.scale), want);
		return false;
	}
	return true;
}

int
main(void)
{
	cf_lost_dec d,
				a,
				g,
				sum;
	cf_i128		v;

	/* the training example: 10,000 a year growing by 2,000, five years: 70,000; at 20 %: 14,000 */
	CHECK(value_is(10000, 2000, 2, 5, 1.0, 6, "70000.000000"));
	CHECK(value_is(10000, 2000, 2, 5, 0.2, 6, "14000.000000"));
	/* a falling value stops at zero: 300, 100, then nothing */
	CHECK(value_is(300, -200, 2, 5, 1.0, 6, "400.000000"));
	/* rounded to the revenue's scale first: 10.004 -> 10.00 at scale 2, 10.004 at 3 */
	CHECK(value_is(10.004, 0, 2, 1, 1.0, 6, "10.000000"));
	CHECK(value_is(10.004, 0, 3, 1, 1.0, 6, "10.004000"));
	/* exact where double is not: 0.1 + 0.2 + 0.3 at margin 0.3 = 0.18 (a double sum gives 0.18000000000000002) */
	CHECK(value_is(0.1, 0.1, 2, 3, 0.3, 6, "0.180000"));
	/* 33.33 a year for 3 years at margin 1/3 (0.333333333333333 as a double's shortest text): 33.329999999999967 -> 33.33 */
	CHECK(value_is(33.33, 0, 2, 3, 1.0 / 3, 6, "33.330000"));
	/* half away from zero at the result's scale: 0.0000005 -> 0.000001 */
	CHECK(value_is(0.01, 0, 2, 1, 0.00005, 6, "0.000001"));
	CHECK(value_is(0.01, 0, 2, 1, 0.00004, 6, "0.000000"));
	/* zero years, zero margin, a negative start growing into the positive: -100, 50, 200 -> 250 */
	CHECK(value_is(500, 100, 2, 0, 1.0, 6, "0.000000"));
	CHECK(value_is(500, 100, 2, 5, 0.0, 6, "0.000000"));
	CHECK(value_is(-100, 150, 2, 3, 1.0, 6, "250.000000"));

	/* float8::numeric reads 15 significant digits, then round(x, scale), half away from zero */
	CHECK(dec_is(2.675, 2, "2.68"));			/* the double is 2.67499999999999982236431605997495353221893310546875 */
	CHECK(dec_is(-2.675, 2, "-2.68"));
	CHECK(dec_is(1234.5, 0, "1235"));
	CHECK(dec_is(0.1, 2, "0.1"));
	CHECK(dec_is(123456789.123456789, 10, "123456789.123457"));
	CHECK(dec_is(1e20, 2, "100000000000000000000"));
	CHECK(dec_is(0.004, 2, "0"));
	CHECK(dec_is(0.005, 2, "0.01"));
	CHECK(!cf_lost_dec_from_double(NAN, 2, &d));
	CHECK(!cf_lost_dec_from_double(1e300, 2, &d));	/* beyond 128 bits */

	/* the shortest decimal of a margin */
	CHECK(cf_lost_dec_shortest(0.3, &d) && strcmp(text(d.v, d.scale), "0.3") == 0);
	CHECK(cf_lost_dec_shortest(1.0, &d) && strcmp(text(d.v, d.scale), "1") == 0);
	CHECK(cf_lost_dec_shortest(0.0, &d) && d.v == 0);

	/* sums: with and without the floor, and years outside the range */
	a.v = -300; a.scale = 0;
	g.v = 2000; g.scale = 1;		/* 200.0 */
	CHECK(cf_lost_value_sum(a, g, 3, false, &sum) && strcmp(text(sum.v, sum.scale), "-300.0") == 0);	/* -300 - 100 + 100 */
	CHECK(cf_lost_value_sum(a, g, 3, true, &sum) && strcmp(text(sum.v, sum.scale), "100.0") == 0);
	CHECK(!cf_lost_value_sum(a, g, -1, true, &sum));
	CHECK(!cf_lost_value_sum(a, g, CF_LOST_VALUE_MAX_YEARS + 1, true, &sum));

	/* a 256-bit product: (10^30 + 1) * 0.5 at scale 0 = 5 * 10^29 + 1 (0.5 rounds away from zero) */
	a.v = 1;
	CHECK(cf_i128_mul_pow10(1, 30, &a.v));
	a.v += 1;
	a.scale = 0;
	g.v = 5; g.scale = 1;
	CHECK(cf_lost_dec_mul_round(a, g, 0, &v) && strcmp(text(v, 0), "500000000000000000000000000001") == 0);
	/* (10^37) * (10^37) / 10^38 = 10^36, through 256 bits */
	CHECK(cf_i128_mul_pow10(1, 37, &a.v));
	a.scale = 19;
	g = a;
	CHECK(cf_lost_dec_mul_round(a, g, 0, &v) && strcmp(text(v, 0), "1000000000000000000000000000000000000") == 0);
	/* too large for 128 bits */
	a.scale = 0;
	g.scale = 0;
	CHECK(!cf_lost_dec_mul_round(a, g, 0, &v));
	/* negative times positive rounds away from zero: -1.5 * 1 at scale 0 = -2 */
	a.v = -15; a.scale = 1;
	g.v = 1; g.scale = 0;
	CHECK(cf_lost_dec_mul_round(a, g, 0, &v) && v == -2);
	return unit_report("lost_value");
}
