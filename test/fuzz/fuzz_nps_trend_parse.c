/*
 * fuzz_nps_trend_parse.c — libFuzzer harness for the text form of the
 * nps_trend aggregate's state (core/nps_trend.c).
 *
 * Every input is parsed as text (cf_nps_trend_parse never crashes and never
 * writes past the room cf_nps_trend_text_periods gives it); when the text is
 * accepted and its periods are sound (cf_nps_trend_check), formatting gives
 * text that parses back to the same scale and periods, formatting is stable,
 * and the periods go through compaction and both tests, which give finite
 * statistics and p-values in [0, 1].  The same periods shuffled and split
 * must compact to the same table and the same test bits (exact merging).
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nps_trend.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_nps_trend_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static char *
format_periods(const cf_score_scale *scale, const cf_trend_period *p, size_t n)
{
	size_t		need = cf_nps_trend_format(scale, p, n, NULL, 0);
	char	   *buf = malloc(need + 1);

	REQUIRE(buf != NULL);
	REQUIRE(cf_nps_trend_format(scale, p, n, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	return buf;
}

static void
check_result(const cf_trend_result *r)
{
	if (r->has_chi_square)
		REQUIRE(isfinite(r->chi_square) && r->chi_square >= 0 && r->df >= 0);
	if (r->has_p_value)
		REQUIRE(r->p_value >= 0 && r->p_value <= 1);
	if (r->has_slope)
		REQUIRE(isfinite(r->slope));
	if (r->has_slope_test)
		REQUIRE(r->slope_std_error >= 0 && r->slope_p_value >= 0 && r->slope_p_value <= 1);
}

/* The sound periods p[0..n) split in two halves that each repeat every period. */
static void
exercise_tests(const cf_trend_period *p, size_t n)
{
	cf_trend_period *split = malloc(sizeof(cf_trend_period) * (2 * n + 1));
	cf_trend_result r,
				r2;
	size_t		i,
				m;

	REQUIRE(split != NULL);
	cf_trend_test(p, n, &r);
	check_result(&r);
	/* each period as two entries (counts halved and the rest), in reverse order */
	for (i = 0; i < n; i++)
	{
		cf_trend_period a = p[n - 1 - i],
					b = a;

		a.promoters /= 2;
		a.passives /= 2;
		a.detractors /= 2;
		b.promoters -= a.promoters;
		b.passives -= a.passives;
		b.detractors -= a.detractors;
		split[2 * i] = b;
		split[2 * i + 1] = a;
	}
	m = cf_trend_compact(split, 2 * n);
	REQUIRE(m == n);
	REQUIRE(memcmp(split, p, sizeof(cf_trend_period) * n) == 0);
	cf_trend_test(split, m, &r2);
	REQUIRE(r.has_chi_square == r2.has_chi_square && r.chi_square == r2.chi_square && r.df == r2.df);
	REQUIRE(r.has_p_value == r2.has_p_value && r.p_value == r2.p_value);
	REQUIRE(r.has_slope == r2.has_slope && r.slope == r2.slope);
	REQUIRE(r.has_slope_test == r2.has_slope_test && r.slope_std_error == r2.slope_std_error);
	REQUIRE(r.slope_p_value == r2.slope_p_value);
	free(split);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	size_t		max,
				n,
				n2;
	cf_trend_period *p,
			   *p2;
	cf_score_scale scale,
				scale2;
	char	   *formatted,
			   *again;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	max = cf_nps_trend_text_periods(text);
	p = malloc(sizeof(cf_trend_period) * (max ? max : 1));
	REQUIRE(p != NULL);
	if (cf_nps_trend_parse(text, &scale, p, max, &n, NULL) == CF_OK && cf_nps_trend_check(&scale, p, n, NULL) == CF_OK)
	{
		REQUIRE(n <= max);
		formatted = format_periods(&scale, p, n);
		p2 = malloc(sizeof(cf_trend_period) * (n ? n : 1));
		REQUIRE(p2 != NULL);
		REQUIRE(cf_nps_trend_text_periods(formatted) == n);
		REQUIRE(cf_nps_trend_parse(formatted, &scale2, p2, n, &n2, NULL) == CF_OK);
		REQUIRE(n2 == n && memcmp(&scale, &scale2, sizeof(scale)) == 0);
		REQUIRE(memcmp(p, p2, sizeof(cf_trend_period) * n) == 0);
		again = format_periods(&scale2, p2, n2);
		REQUIRE(strcmp(formatted, again) == 0);
		exercise_tests(p, n);
		free(again);
		free(p2);
		free(formatted);
	}
	free(p);
	free(text);
	return 0;
}
