/*
 * test_lost_value.c — unit tests of core/lost_value.c: exact lost-customer
 * values worked out by hand, decimal reading of doubles as PostgreSQL's
 * float8::numeric and round() give them, and the 256-bit product.
 */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lost_value.h"
#include "talloc.h"
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

/*
 * The reference reading of a double, by text: the 15 significant digits of
 * "%.14e" (what float8::numeric keeps), then round half away from zero to
 * scale decimals on the digits.  Returns v * 10^scale.
 */
static cf_i128
reference(double x, int scale)
{
	char		buf[64],
				digits[32];
	int			nd = 0,
				exp10,
				keep,
				i;
	bool		neg = x < 0;
	cf_i128		v = 0;
	char	   *p;

	snprintf(buf, sizeof(buf), "%.14e", fabs(x));
	for (p = buf; *p && *p != 'e'; p++)
		if (*p != '.')
			digits[nd++] = *p;
	exp10 = atoi(p + 1);		/* value = 0.d1d2...d15 * 10^(exp10 + 1) */
	keep = exp10 + 1 + scale;	/* digits at or above 10^-scale */
	for (i = 0; i < keep && i < nd; i++)
		v = v * 10 + (digits[i] - '0');
	for (; i < keep; i++)
		v = v * 10;
	if (keep >= 0 && keep < nd && digits[keep] >= '5')
		v++;
	return neg ? -v : v;
}

/* cf_lost_dec_from_double against the reference over many values, near ties too. */
static void
test_against_reference(void)
{
	uint64_t	seed = 42;
	int			i,
				bad = 0;

	for (i = 0; i < 300000; i++)
	{
		double		x;
		int			scale;
		cf_lost_dec d;
		cf_i128		want,
					got;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		scale = (int) (seed >> 60) % 7;
		switch (i % 4)
		{
			case 0:				/* anything up to a million */
				x = ((double) (seed >> 11) / 9007199254740992.0 - 0.5) * 2e6;
				break;
			case 1:				/* ties of the decimal text: k / 1000 + 0.0005 */
				x = (double) ((seed >> 20) % 10000000) / 1000 + 0.0005;
				break;
			case 2:				/* cents and a half */
				x = -((double) ((seed >> 20) % 1000000) / 100 + 0.005);
				break;
			default:			/* large values */
				x = ((double) (seed >> 11) / 9007199254740992.0) * 1e13;
				break;
		}
		want = reference(x, scale);
		if (!cf_lost_dec_from_double(x, scale, &d) || !cf_i128_mul_pow10(d.v, scale - d.scale, &got) || got != want)
		{
			if (bad++ < 5)
				fprintf(stderr, "%.17g at scale %d: got %s\n", x, scale, text(d.v, d.scale));
		}
	}
	CHECK(bad == 0);
}


/* ---------- numeric's arithmetic (decimal.c) and lost_customer_value(numeric, ...) ---------- */

/* The text of a big decimal (static buffer). */
static const char *
big_text(const cf_bigdec *b)
{
	static char buf[256];

	cf_bigdec_format(b, buf, sizeof(buf));
	return buf;
}

/* A big decimal parsed from s with the test allocator. */
static cf_bigdec
big(const char *s)
{
	cf_bigdec	b = CF_BIGDEC_ZERO;

	if (cf_bigdec_parse_with(&b, s, strlen(s), &test_alloc) != 0)
		fprintf(stderr, "cannot parse %s\n", s);
	return b;
}

/* round(x, scale) gives want. */
static bool
round_is(const char *x, int scale, const char *want)
{
	cf_bigdec	b = big(x);
	bool		ok = cf_bigdec_round(&b, scale, &test_alloc) && strcmp(big_text(&b), want) == 0;

	if (!ok)
		fprintf(stderr, "round(%s, %d) = %s, expected %s\n", x, scale, big_text(&b), want);
	cf_bigdec_release(&b, &test_alloc);
	return ok;
}

/* 1 / y at scale gives want. */
static bool
reciprocal_is(const char *y, int scale, const char *want)
{
	cf_bigdec	b = big(y),
				q = CF_BIGDEC_ZERO;
	bool		ok = cf_bigdec_reciprocal(&b, scale, &q, &test_alloc) && strcmp(big_text(&q), want) == 0;

	if (!ok)
		fprintf(stderr, "1 / %s at %d = %s, expected %s\n", y, scale, big_text(&q), want);
	cf_bigdec_release(&b, &test_alloc);
	cf_bigdec_release(&q, &test_alloc);
	return ok;
}

/* cf_lost_value_numeric's code, and its text in *text (static). */
static int
lcv(const char *a, const char *g, int years, const char *m, const char *d, bool geometric, bool floor_zero,
	const char **text)
{
	cf_bigdec	av = big(a),
				gv = big(g),
				mv = big(m),
				dv = big(d),
				r = CF_BIGDEC_ZERO;
	cf_lost_value_args in = {&av, &gv, years, &mv, &dv, geometric, floor_zero};
	int			rc = cf_lost_value_numeric(&in, &test_alloc, &r);

	*text = big_text(&r);
	cf_bigdec_release(&av, &test_alloc);
	cf_bigdec_release(&gv, &test_alloc);
	cf_bigdec_release(&mv, &test_alloc);
	cf_bigdec_release(&dv, &test_alloc);
	cf_bigdec_release(&r, &test_alloc);
	return rc;
}

/* lost value is want (CF_OK). */
static bool
lcv_is(const char *a, const char *g, int years, const char *m, const char *d, bool geometric, bool floor_zero,
	   const char *want)
{
	const char *got;
	int			rc = lcv(a, g, years, m, d, geometric, floor_zero, &got);

	if (rc != CF_OK || strcmp(got, want) != 0)
	{
		fprintf(stderr, "lost value (%s, %s, %d, %s, %s, %d, %d) = %s (code %d), expected %s\n",
				a, g, years, m, d, geometric, floor_zero, got, rc, want);
		return false;
	}
	return true;
}

static void
test_numeric_arithmetic(void)
{
	const char *got;
	long		k;

	/* numeric's round(): half away from zero, a larger scale keeps the value */
	CHECK(round_is("2.5", 0, "3"));
	CHECK(round_is("-2.5", 0, "-3"));
	CHECK(round_is("2.4999999999999999999999", 0, "2"));
	CHECK(round_is("9.995", 2, "10.00"));
	CHECK(round_is("-0.004", 2, "0.00"));
	CHECK(round_is("1.5", 3, "1.500"));
	CHECK(round_is("123456789012345678901234567890.123456789012345678905", 50,
				   "123456789012345678901234567890.12345678901234567890500000000000000000000000000000"));
	CHECK(round_is("0.000000000000000000000000000000000000000000049999", 44, "0.00000000000000000000000000000000000000000005"));
	/* 1 / y: the exact quotient rounded once */
	CHECK(reciprocal_is("3", 5, "0.33333"));
	CHECK(reciprocal_is("1.5", 3, "0.667"));
	CHECK(reciprocal_is("8", 2, "0.13"));	/* 0.125 rounds up */
	CHECK(reciprocal_is("1.1", 40, "0.9090909090909090909090909090909090909091"));
	CHECK(reciprocal_is("0.0001", 0, "10000"));
	/* a divisor of three limbs and more: 1 / (1 + 10^-25) = 1 - 10^-25 + 10^-50 - ... */
	CHECK(reciprocal_is("1.0000000000000000000000001", 40, "0.9999999999999999999999999000000000000000"));
	CHECK(reciprocal_is("1000000000000000000000000000000.5", 48, "0.000000000000000000000000000001000000000000000000"));
	CHECK(reciprocal_is("7000000000000000000000000000000000000", 40, "0.0000000000000000000000000000000000001429"));
	CHECK(reciprocal_is("8000000000000000000000000000000000000000", 40, "0.0000000000000000000000000000000000000001"));	/* 1.25e-40 */
	CHECK(reciprocal_is("20000000000000000000000000000000000000000", 40, "0.0000000000000000000000000000000000000001"));	/* 0.5e-40: up */
	CHECK(reciprocal_is("20000000000000000000000000000000000000001", 40, "0.0000000000000000000000000000000000000000"));

	/* the worked examples of sql/lost_value.sql, by hand */
	CHECK(lcv_is("10000", "2000", 5, "1", "0", false, false, "70000"));
	CHECK(lcv_is("10000", "2000", 5, "0.2", "0", false, false, "14000"));
	CHECK(lcv_is("1234.56", "0.01", 3, "1", "0", false, false, "3703.71"));
	CHECK(lcv_is("0.1", "0.2", 10, "0.3", "0", false, false, "3"));
	CHECK(lcv_is("500", "-100", 7, "1", "0", false, false, "1400"));
	CHECK(lcv_is("10000", "2000", 0, "1", "0", false, false, "0"));
	CHECK(lcv_is("10000", "2000", 0, "1", "0.1", false, false, "0"));
	/* 10000/1.1 + 12000/1.1^2 + ... + 18000/1.1^5 = 51631.470776337930220861714... */
	CHECK(lcv_is("10000", "2000", 5, "1", "0.1", false, false, "51631.47077633793022086171"));
	CHECK(lcv_is("10000", "0.05", 3, "1", "0", true, false, "31525"));
	CHECK(lcv_is("10000", "0.05", 3, "1", "0.05", true, false, "28571.42857142857142857143"));
	CHECK(lcv_is("10000", "-1", 3, "1", "0", true, false, "10000"));
	/* the profile's form counts negative years as zero: 300 + 100 + 0 + 0 */
	CHECK(lcv_is("300", "-200", 4, "1", "0", false, true, "400"));
	CHECK(lcv_is("300", "-200", 4, "1", "0", false, false, "0"));	/* 300 + 100 - 100 - 300 */
	/* discounted at 100 %: 300/2 + 100/4 = 175 */
	CHECK(lcv_is("300", "-200", 4, "1", "1", false, true, "175"));
	/* a value beyond numeric's 131072 digits before the point overflows, as numeric does */
	{
		char	   *huge = malloc(131100);

		memset(huge, '9', 131000);
		huge[131000] = '\0';
		CHECK(lcv(huge, "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", 3,
				  "1", "0", true, false, &got) == CF_ERANGE);
		CHECK(lcv(huge, "1", 3, "1", "0", false, false, &got) == CF_OK);
		memset(huge, '9', 131072);
		huge[131072] = '\0';
		CHECK(lcv(huge, "1", 3, "1", "0", false, false, &got) == CF_ERANGE);	/* 3 x 99...9 */
		free(huge);
	}
	CHECK(lcv("1", "1", 1001, "1", "0", false, false, &got) == CF_EINVAL);
	CHECK(lcv("1", "1", 3, "1", "-1", false, false, &got) == CF_EINVAL);
	CHECK(live_blocks == 0);
	/* allocation failure at every step: CF_ENOMEM and nothing kept */
	for (k = 0;; k++)
	{
		cf_bigdec	av = big("10000.5"),
					gv = big("0.05"),
					mv = big("0.2"),
					dv = big("0.1"),
					r = CF_BIGDEC_ZERO;
		cf_lost_value_args in = {&av, &gv, 12, &mv, &dv, true, false};
		int			rc;

		fail_after(k);
		rc = cf_lost_value_numeric(&in, &test_alloc, &r);
		fail_after(-1);
		cf_bigdec_release(&r, &test_alloc);
		cf_bigdec_release(&av, &test_alloc);
		cf_bigdec_release(&gv, &test_alloc);
		cf_bigdec_release(&mv, &test_alloc);
		cf_bigdec_release(&dv, &test_alloc);
		if (rc == CF_OK)
			break;
		if (rc != CF_ENOMEM || live_blocks != 0)
		{
			CHECK(rc == CF_ENOMEM && live_blocks == 0);
			break;
		}
	}
	CHECK(k > 10 && live_blocks == 0);
}

/*
 * cf_bigdec_cmp_int against cf_bigdec_cmp with the integer as a decimal:
 * values around the integers -3..3 at scales 0..40 (limb boundaries), with
 * zero fractions and tiny ones, and magnitudes from 1e17 to beyond 2^64.
 */
static void
test_cmp_int(void)
{
	static const char *const values[] = {
		"0", "0.000", "1", "1.0", "1.000000000", "1.000000001", "0.999999999", "-1", "-1.00",
		"-0.5", "0.5", "2", "-2.000000000000000000001", "3", "-3", "2.999999999999999999999999999999",
		"18446744073709551615", "18446744073709551616", "-9223372036854775808", "9223372036854775807.5",
		"123456789012345678901234567890.123456789", "0.0000000000000000000000000000000000000001",
		"1.0000000000000000000000000000000000000000", "100000000000000000", "-100000000000000000.1",
	};
	static const int64_t ks[] = {-3, -2, -1, 0, 1, 2, 3, INT64_MAX, INT64_MIN, 100000000000000000};
	size_t		i,
				j;
	int			bad = 0;

	for (i = 0; i < sizeof values / sizeof values[0]; i++)
	{
		cf_bigdec	b;

		if (cf_bigdec_parse(&b, values[i], strlen(values[i])) != 0)
		{
			bad++;
			continue;
		}
		for (j = 0; j < sizeof ks / sizeof ks[0]; j++)
		{
			cf_bigdec	w;
			int			want;

			if (!cf_bigdec_from_int(&w, ks[j], &cf_malloc_allocator))
				abort();
			if (cf_bigdec_cmp(&b, &w, &want) != CF_OK)
				abort();
			if (cf_bigdec_cmp_int(&b, ks[j]) != want)
			{
				fprintf(stderr, "cmp_int(%s, %lld) = %d, cmp %d\n", values[i], (long long) ks[j],
						cf_bigdec_cmp_int(&b, ks[j]), want);
				bad++;
			}
			cf_bigdec_free(&w);
		}
		cf_bigdec_free(&b);
	}
	CHECK(bad == 0);
	/* exact boundaries by hand: 1 at scale 40 is 1; a trailing digit makes it larger */
	{
		cf_bigdec	b;

		CHECK(cf_bigdec_parse(&b, "1.0000000000000000000000000000000000000001", 42) == 0 &&
			  cf_bigdec_cmp_int(&b, 1) == 1 && cf_bigdec_cmp_int(&b, 2) == -1);
		cf_bigdec_free(&b);
		CHECK(cf_bigdec_parse(&b, "-0.9999999999999999999999999999", strlen("-0.9999999999999999999999999999")) == 0 &&
			  cf_bigdec_cmp_int(&b, -1) == 1 && cf_bigdec_cmp_int(&b, 0) == -1);
		cf_bigdec_free(&b);
	}
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
	test_against_reference();
	test_numeric_arithmetic();
	test_cmp_int();
	return unit_report("lost_value");
}
