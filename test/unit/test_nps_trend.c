/*
 * test_nps_trend.c — unit tests of core/nps_trend.c, the interval methods of
 * core/nps.c and the distribution functions of core/stats.c, against closed
 * forms, published tables and values worked out by hand (in the comments).
 */
#include <stdlib.h>
#include <string.h>

#include "nps.h"
#include "nps_trend.h"
#include "stats.h"
#include "unit.h"

/*
 * Q(a, x): the closed forms for whole a (even df: exp(-x/2) sum (x/2)^i / i!),
 * erfc for df 1, and the 0.95 and 0.99 quantiles of the chi-square tables
 * (Abramowitz and Stegun, table 26.8; R's qchisq gives the same digits).
 */
static void
test_gamma_q(void)
{
	static const struct { double df, x, q; } table[] = {
		{1, 3.841458820694124, 0.05}, {2, 5.991464547107979, 0.05}, {3, 7.814727903251178, 0.05},
		{5, 11.070497693516351, 0.05}, {10, 18.307038053275146, 0.05}, {30, 43.77297182574219, 0.05},
		{100, 124.34211340400407, 0.05}, {1, 6.6348966010212145, 0.01}, {10, 23.209251158954356, 0.01},
	};
	size_t		i;
	int			df;
	double		x;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		CHECK_REL(cf_chi_square_upper_tail(table[i].x, table[i].df), table[i].q, 1e-9);
	for (df = 2; df <= 40; df += 2)
		for (x = 0.25; x < 120; x *= 1.7)
		{
			double		term = 1.0,
						sum = 0.0;
			int			k;

			for (k = 0; k < df / 2; k++)
			{
				sum += term;
				term *= (x / 2) / (k + 1);
			}
			CHECK_REL(cf_chi_square_upper_tail(x, df), exp(-x / 2) * sum, 1e-12);
		}
	for (x = 0.01; x < 200; x *= 1.9)
	{
		CHECK_REL(cf_chi_square_upper_tail(x, 1), erfc(sqrt(x / 2)), 1e-12);
		CHECK_REL(cf_chi_square_upper_tail(x, 3), erfc(sqrt(x / 2)) + sqrt(2 * x / M_PI) * exp(-x / 2), 1e-12);
	}
	/* the two expansions meet at x = a + 1 */
	CHECK_REL(cf_gamma_q(999.0, 999.999999), cf_gamma_q(999.0, 1000.000001), 1e-7);
	CHECK(cf_gamma_q(5, 0) == 1.0);
	CHECK(isnan(cf_gamma_q(0, 1)) && isnan(cf_gamma_q(1, -1)));
	CHECK(cf_normal_two_sided_p(0) == 1.0);
	CHECK_REL(cf_normal_two_sided_p(-1.959963984540054), 0.05, 1e-12);
}

/* Newcombe (1998), table I: Wilson intervals 81/263, 15/148, 0/20, 1/29 (4 decimals). */
static void
test_wilson(void)
{
	double		lo,
				hi,
				z = cf_normal_two_sided_z(0.95);

	cf_wilson_interval(81, 263, z, &lo, &hi);
	CHECK_NEAR(lo, 0.2553, 5e-5);
	CHECK_NEAR(hi, 0.3662, 5e-5);
	cf_wilson_interval(15, 148, z, &lo, &hi);
	CHECK_NEAR(lo, 0.0624, 5e-5);
	CHECK_NEAR(hi, 0.1605, 5e-5);
	cf_wilson_interval(0, 20, z, &lo, &hi);
	CHECK(lo == 0.0);
	CHECK_NEAR(hi, z * z / (20 + z * z), 1e-15);
	cf_wilson_interval(1, 29, z, &lo, &hi);
	CHECK_NEAR(lo, 0.0061, 5e-5);
	CHECK_NEAR(hi, 0.1718, 5e-5);
	cf_wilson_interval(7, 7, z, &lo, &hi);
	CHECK(hi == 1.0 && lo > 0.5);
}

/*
 * Adjusted Wald of P = D = 4 of 10: n' = 13, p' = d' = 4.75/13, net' = 0,
 * SE = 100 sqrt((9.5/13) / 13).  Five promoters: net' = 62.5, SE = 100 sqrt((6.5/8 - 0.625^2) / 8).
 */
static void
test_methods(void)
{
	cf_score_summary a = {10, 4, 2, 4, 0},
				b = {5, 5, 0, 0, 0};
	cf_score_estimate e;
	cf_nps_method m;
	cf_score_class c;

	e = cf_score_estimate_by(&a, CF_NPS_ADJUSTED_WALD);
	CHECK_NEAR(e.net, 0.0, 1e-12);
	CHECK_REL(e.std_error, 100 * sqrt((9.5 / 13) / 13), 1e-14);
	e = cf_score_estimate_by(&b, CF_NPS_ADJUSTED_WALD);
	CHECK_REL(e.net, 62.5, 1e-14);
	CHECK_REL(e.std_error, 100 * sqrt((6.5 / 8 - 0.625 * 0.625) / 8), 1e-14);
	e = cf_score_estimate_by(&b, CF_NPS_WALD);
	CHECK(e.net == 100.0 && e.std_error == 0.0);
	CHECK(cf_score_moe_by(&a, 2.0, CF_NPS_WALD) == cf_score_moe(&a, 2.0));
	CHECK(cf_nps_method_from_name("adjusted_wald", &m) && m == CF_NPS_ADJUSTED_WALD);
	CHECK(cf_nps_method_from_name("wald", &m) && m == CF_NPS_WALD);
	CHECK(!cf_nps_method_from_name("Wald", &m) && !cf_nps_method_from_name("", &m));
	CHECK(cf_score_class_from_name("passives", &c) && cf_score_class_count(&a, c) == 2);
	CHECK(!cf_score_class_from_name("top_box", &c));
	/* a benchmark test: 5 promoters against 100 by Wald is no difference at all */
	CHECK(cf_score_compare_benchmark(&b, 100, CF_NPS_WALD).p_value == 1.0);
	CHECK(cf_score_compare_benchmark(&b, 50, CF_NPS_WALD).p_value == 0.0);
}

/* Compaction sorts, merges repeated periods and reports overflow. */
static void
test_compact(void)
{
	cf_trend_period e[5] = {
		{5, 0, 1, 2, 3}, {-1, 0, 4, 0, 0}, {5, 0, 10, 20, 30}, {2, 0, 0, 0, 1}, {-1, 0, 1, 1, 1}
	};
	cf_trend_period big[2] = {{1, 0, INT64_MAX, 0, 0}, {1, 0, 1, 0, 0}};

	CHECK(cf_trend_compact(e, 5) == 3);
	CHECK(e[0].period == -1 && e[0].promoters == 5 && e[0].passives == 1 && e[0].detractors == 1);
	CHECK(e[1].period == 2 && e[1].detractors == 1);
	CHECK(e[2].period == 5 && e[2].promoters == 11 && e[2].passives == 22 && e[2].detractors == 33);
	CHECK(cf_trend_compact(e, 0) == 0);
	CHECK(cf_trend_compact(big, 2) == (size_t) -1);
}

/*
 * (30, 10, 10) in period 1 and (20, 15, 15) in period 2: expected 25, 12.5,
 * 12.5 in each, X2 = 2 (25/25 + 6.25/12.5 + 6.25/12.5) = 4, df 2, p = e^-2.
 * Slope: nets 40 and 10 one period apart, so -30; answers scored +-100:
 * Syy = 100^2 (30 + 10 + 20 + 15) - 100 (25)^2 = 687500, Sxx = 100 (0.5)^2 = 25,
 * Sxy = 50 (-0.5) (15) + 50 (0.5) (-15) = -750, RSS = 687500 - 22500 = 665000,
 * SE = sqrt(665000 / 98 / 25).
 */
static void
test_trend(void)
{
	cf_trend_period p[3] = {{1, 0, 30, 10, 10}, {2, 0, 20, 15, 15}, {9, 0, 0, 0, 0}};
	cf_trend_period one[1] = {{4, 0, 3, 2, 1}};
	cf_trend_result r;

	cf_trend_test(p, 3, &r);
	CHECK(r.has_chi_square && r.has_p_value && r.has_slope && r.has_slope_test);
	CHECK_REL(r.chi_square, 4.0, 1e-14);
	CHECK(r.df == 2);
	CHECK_REL(r.p_value, exp(-2.0), 1e-13);
	CHECK_REL(r.slope, -30.0, 1e-13);
	CHECK_REL(r.slope_std_error, sqrt(665000.0 / 98 / 25), 1e-12);
	CHECK_REL(r.slope_p_value, erfc(fabs(-30.0 / sqrt(665000.0 / 98 / 25)) / M_SQRT2), 1e-12);
	cf_trend_test(one, 1, &r);
	CHECK(!r.has_chi_square && !r.has_slope);
}

/* The state's text form: format, parse back, and the soundness rules. */
static void
test_text_form(void)
{
	cf_score_scale scale = {0, 10, 9, 6},
				back;
	cf_trend_period p[2] = {{-3, 0, 1, 2, 3}, {7, 0, 0, 0, 9223372036854775807}};
	cf_trend_period q[4];
	char		buf[256];
	size_t		n,
				need;

	need = cf_nps_trend_format(&scale, p, 2, buf, sizeof(buf));
	CHECK(need == strlen(buf));
	CHECK(strcmp(buf, "v1;scale=0..10;promoter_min=9;detractor_max=6;period=-3:1,2,3;period=7:0,0,9223372036854775807") == 0);
	CHECK(cf_nps_trend_format(&scale, p, 2, buf, 12) == need && strlen(buf) == 11);
	cf_nps_trend_format(&scale, p, 2, buf, sizeof(buf));
	CHECK(cf_nps_trend_text_periods(buf) == 2);
	CHECK(cf_nps_trend_parse(buf, &back, q, 4, &n, NULL) == CF_OK && n == 2);
	CHECK(memcmp(&back, &scale, sizeof(scale)) == 0 && memcmp(q, p, sizeof(p)) == 0);
	CHECK(cf_nps_trend_check(&back, q, n, NULL) == CF_OK);
	CHECK(cf_nps_trend_parse(buf, &back, q, 1, &n, NULL) != CF_OK);	/* no room: refused, not overrun */
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6", &back, q, 0, &n, NULL) == CF_OK && n == 0);
	CHECK(cf_nps_trend_parse("v2;scale=0..10;promoter_min=9;detractor_max=6", &back, q, 4, &n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1 scale=0..10 promoter_min=9 detractor_max=6", &back, q, 4, &n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,1", &back, q, 4, &n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,-1,1", &back, q, 4, &n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6;period=2147483648:1,1,1", &back, q, 4, &n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,1,1;", &back, q, 4, &n, NULL) != CF_OK);
	/* soundness: order, repeats, totals, scale */
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6;period=2:1,1,1;period=1:1,1,1", &back, q, 4, &n, NULL) == CF_OK);
	CHECK(cf_nps_trend_check(&back, q, n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:1,1,1;period=1:1,1,1", &back, q, 4, &n, NULL) == CF_OK);
	CHECK(cf_nps_trend_check(&back, q, n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=9;detractor_max=6;period=1:9223372036854775807,1,0", &back, q, 4, &n, NULL) == CF_OK);
	CHECK(cf_nps_trend_check(&back, q, n, NULL) != CF_OK);
	CHECK(cf_nps_trend_parse("v1;scale=0..10;promoter_min=6;detractor_max=9", &back, q, 4, &n, NULL) == CF_OK);
	CHECK(cf_nps_trend_check(&back, q, 0, NULL) != CF_OK);
}

int
main(void)
{
	test_text_form();
	test_gamma_q();
	test_wilson();
	test_methods();
	test_compact();
	test_trend();
	return unit_report("nps_trend");
}
