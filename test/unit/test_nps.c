/*
 * test_nps.c — unit tests of core/nps.c and core/stats.c against values
 * worked out by hand (shown in the comments).
 */
#include <stdlib.h>
#include <string.h>

#include "nps.h"
#include "stats.h"
#include "unit.h"

static cf_nps_state *
make_dist(const cf_score_scale *s)
{
	cf_nps_state *d = malloc(cf_nps_state_size(s));

	cf_nps_state_init(d, s);
	return d;
}

static void
test_scale_rules(void)
{
	cf_error	why;
	cf_score_scale ok = {0, 10, 9, 6};
	cf_score_scale touching = {1, 5, 3, 2};	/* no passives: allowed */
	cf_score_scale overlap = {0, 10, 6, 6};
	cf_score_scale outside = {0, 10, 11, 6};
	cf_score_scale reversed = {10, 0, 9, 6};
	cf_score_scale wide = {0, 101, 90, 60};	/* 102 points */
	cf_score_scale widest = {0, 100, 90, 60};	/* 101 points */

	CHECK(cf_error_detail(cf_score_scale_check(&ok, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&touching, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&overlap, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&outside, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&reversed, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&wide, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&widest, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&cf_nps_scale, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&cf_csat_scale, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_score_scale_check(&cf_ces_scale, &why), &why) == NULL);
}

/*
 * Ten responses 10,10,10,9,8,7,6,5,0,0: promoters 4, passives 2,
 * detractors 4, NPS = 100 * (4 - 4) / 10 = 0; mean = 65 / 10 = 6.5.
 * p = d = 0.4: variance = (0.8 - 0) / 10 = 0.08, moe(z=2) = 2 * 100 * sqrt(0.08) = 56.5685...
 */
static void
test_summary(void)
{
	static const int scores[] = {10, 10, 10, 9, 8, 7, 6, 5, 0, 0};
	cf_nps_state *d = make_dist(&cf_nps_scale);
	cf_score_summary s;
	size_t		i;

	for (i = 0; i < sizeof(scores) / sizeof(scores[0]); i++)
		cf_nps_state_add(d, scores[i]);
	s = cf_nps_state_summarize(d);
	CHECK(s.responses == 10);
	CHECK(s.promoters == 4);
	CHECK(s.passives == 2);
	CHECK(s.detractors == 4);
	CHECK_NEAR(cf_score_net(&s), 0.0, 1e-12);
	CHECK_NEAR(s.score_sum / s.responses, 6.5, 1e-12);
	CHECK_NEAR(cf_score_moe(&s, 2.0), 56.568542494923804, 1e-9);

	/* Remove both zeros: 8 responses, 4 promoters, 2 detractors: NPS 25. */
	CHECK(cf_nps_state_remove(d, 0));
	CHECK(cf_nps_state_remove(d, 0));
	CHECK(!cf_nps_state_remove(d, 0));
	s = cf_nps_state_summarize(d);
	CHECK(s.responses == 8);
	CHECK_NEAR(cf_score_net(&s), 25.0, 1e-12);
	free(d);
}

/* All promoters: NPS 100, no spread, margin 0. */
static void
test_extremes(void)
{
	cf_nps_state *d = make_dist(&cf_nps_scale);
	cf_score_summary s;

	cf_nps_state_add(d, 9);
	cf_nps_state_add(d, 10);
	s = cf_nps_state_summarize(d);
	CHECK_NEAR(cf_score_net(&s), 100.0, 0);
	CHECK_NEAR(cf_score_moe(&s, 1.96), 0.0, 0);
	free(d);
}

/*
 * a: 50 promoters, 30 passives, 20 detractors (n 100): NPS 30, var = (0.7 - 0.09) / 100 = 0.0061
 * b: 40, 30, 30 (n 100): NPS 10, var = (0.7 - 0.01) / 100 = 0.0069
 * difference 20, SE = 100 * sqrt(0.013) = 11.40175425099138, z = 1.7541160386140584,
 * p = erfc(z / sqrt 2) = 0.07941
 */
static void
test_compare(void)
{
	cf_score_summary a = {100, 50, 30, 20, 0};
	cf_score_summary b = {100, 40, 30, 30, 0};
	cf_score_comparison c = cf_score_compare(&a, &b);

	CHECK_NEAR(c.difference, 20.0, 1e-12);
	CHECK_NEAR(c.std_error, 11.40175425099138, 1e-9);
	CHECK_NEAR(c.z, 1.7541160386140584, 1e-9);
	CHECK_NEAR(c.p_value, 0.079416, 1e-5);
}

/* Published quantiles of the standard normal. */
static void
test_normal(void)
{
	CHECK_NEAR(cf_normal_two_sided_z(0.95), 1.959963984540054, 1e-12);
	CHECK_NEAR(cf_normal_two_sided_z(0.90), 1.6448536269514722, 1e-12);
	CHECK_NEAR(cf_normal_two_sided_z(0.99), 2.5758293035489004, 1e-12);
	CHECK_NEAR(cf_normal_two_sided_z(0.5), 0.6744897501960817, 1e-12);
	CHECK_REL(cf_normal_upper_tail(cf_normal_two_sided_z(1 - 1e-12)), (1.0 - (1 - 1e-12)) / 2, 1e-9);	/* far tail round trip */
	CHECK(isnan(cf_normal_two_sided_z(0)));
	CHECK(isnan(cf_normal_two_sided_z(1)));
	CHECK(isnan(cf_normal_two_sided_z(NAN)));
	CHECK_NEAR(cf_normal_upper_tail(1.959963984540054), 0.025, 1e-15);
}

/* Past 2^53 responses the net score still stays within [-100, 100] (found by fuzzing). */
static void
test_huge_counts(void)
{
	cf_score_summary s = {INT64_C(372036854775807), INT64_C(372036854775807), 0, 0, 0};

	CHECK(cf_score_net(&s) <= 100.0);
	CHECK_NEAR(cf_score_net(&s), 100.0, 0);
	s.promoters = 0;
	s.detractors = s.responses;
	CHECK_NEAR(cf_score_net(&s), -100.0, 0);
}

static void
test_merge(void)
{
	cf_nps_state *a = make_dist(&cf_nps_scale);
	cf_nps_state *b = make_dist(&cf_nps_scale);

	cf_nps_state_add(a, 3);
	cf_nps_state_add(b, 3);
	cf_nps_state_add(b, 10);
	CHECK(cf_nps_state_merge(a, b));
	CHECK(a->counts[3] == 2 && a->counts[10] == 1);
	b->counts[3] = INT64_MAX;
	CHECK(!cf_nps_state_merge(a, b));
	CHECK(a->counts[3] == 2);	/* unchanged on overflow */
	b->counts[3] = INT64_MAX - 3;	/* each bucket fits, the total would not */
	CHECK(!cf_nps_state_merge(a, b));
	CHECK(a->counts[3] == 2 && a->counts[10] == 1);
	free(a);
	free(b);
}

static void
test_text_form(void)
{
	cf_error	why;
	cf_nps_state *d = make_dist(&cf_csat_scale);
	cf_score_parsed p;
	char		buf[512];
	size_t		need;

	cf_nps_state_add(d, 5);
	cf_nps_state_add(d, 5);
	cf_nps_state_add(d, 1);
	d->counts[2] = INT64_MAX;
	need = cf_nps_state_format(d, buf, sizeof(buf));
	CHECK(need == strlen(buf));
	CHECK(strcmp(buf, "v3;scale=1..5;promoter_min=4;detractor_max=2;skipped=0;counts=1,0,9223372036854775807,0,2") == 0);
	CHECK(cf_nps_state_format(d, buf, 10) == need);	/* truncated, length still reported */
	CHECK(strlen(buf) == 9);
	/* skipped answers: v3 writes them, v2 and v1 leave them unknown, which prints as v2 again */
	CHECK(cf_nps_state_parse("v3;scale=1..5;promoter_min=4;detractor_max=2;skipped=7;counts=0,0,1,0,0", &p, NULL) == CF_OK && p.skipped == 7);
	CHECK(cf_nps_state_parse("v3;scale=1..5;promoter_min=4;detractor_max=2;skipped=-1;counts=0,0,1,0,0", &p, NULL) != CF_OK);
	CHECK(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;skipped=7;counts=0,0,1,0,0", &p, NULL) != CF_OK);
	CHECK(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,1,0,0", &p, NULL) == CF_OK && p.skipped == CF_SKIPPED_UNKNOWN);
	CHECK(cf_nps_state_parse("v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,1,0,0", &p, NULL) == CF_OK && p.skipped == CF_SKIPPED_UNKNOWN);
	d->skipped = CF_SKIPPED_UNKNOWN;
	cf_nps_state_format(d, buf, sizeof(buf));
	CHECK(strcmp(buf, "v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,0,9223372036854775807,0,2") == 0);
	d->skipped = 0;

	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=1,0,9223372036854775804,0,2", &p, &why), &why) == NULL);
	CHECK(p.nbuckets == 5 && p.counts[2] == INT64_MAX - 3 && p.counts[4] == 2 && p.scale.promoter_min == 4);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=-5..5;promoter_min=3;detractor_max=-3;counts=0,0,0,0,0,0,0,0,0,0,7", &p, &why), &why) == NULL);
	CHECK(p.counts[10] == 7 && p.scale.scale_min == -5 && p.scale.detractor_max == -3);
	/* The released 1.0 form (fields separated by spaces, trailing spaces allowed) still reads. */
	CHECK(cf_error_detail(cf_nps_state_parse("v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,9223372036854775804,0,2", &p, &why), &why) == NULL);
	CHECK(p.nbuckets == 5 && p.counts[2] == INT64_MAX - 3 && p.counts[4] == 2 && p.scale.promoter_min == 4);
	CHECK(cf_error_detail(cf_nps_state_parse("v1 scale=-5..5 promoter_min=3 detractor_max=-3 counts=0,0,0,0,0,0,0,0,0,0,7 ", &p, &why), &why) == NULL);
	CHECK(p.counts[10] == 7);

	/* Malformed: each must be refused, none may crash. */
	CHECK(cf_error_detail(cf_nps_state_parse("", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v1;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v3;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0;", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0 ", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;detractor_max=2;promoter_min=4;counts=0,0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,-1,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,9223372036854775808,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=2;detractor_max=4;counts=0,0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=0..200;promoter_min=9;detractor_max=6;counts=0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=0..99999999999999999999;promoter_min=9;detractor_max=6;counts=0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts=0,0,0,0,0x", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5;promoter_min=4;detractor_max=2;counts= 1,0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=1..5", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v1 scale=1..5 promoter_min=4 detractor_max=2 counts=0,0,0,0", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v1 scale=1..5", &p, &why), &why) != NULL);

	/* Each count fits but the total does not (found by fuzzing). */
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=0..10;promoter_min=9;detractor_max=6;counts=9223372036854775807,0,0,0,0,0,0,0,0,0,9223372036854775807", &p, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_nps_state_parse("v2;scale=0..10;promoter_min=9;detractor_max=6;counts=9223372036854775806,0,0,0,0,0,0,0,0,0,1", &p, &why), &why) == NULL);

	/* Stored-value checks. */
	d->counts[2] = 0;
	CHECK(cf_error_detail(cf_nps_state_check(d, cf_nps_state_size(&cf_csat_scale), &why), &why) == NULL);
	CHECK(cf_error_detail(cf_nps_state_check(d, cf_nps_state_size(&cf_csat_scale) - 8, &why), &why) != NULL);
	d->counts[0] = -1;
	CHECK(cf_error_detail(cf_nps_state_check(d, cf_nps_state_size(&cf_csat_scale), &why), &why) != NULL);
	d->counts[0] = 0;
	d->version = 7;
	CHECK(cf_error_detail(cf_nps_state_check(d, cf_nps_state_size(&cf_csat_scale), &why), &why) != NULL);
	free(d);
}

/* Bars: 8 eighths per cell in UTF-8, whole cells in ASCII. */
static void
test_bar(void)
{
	char		buf[3 * 10 + 4];

	CHECK(cf_bar(1.0, 10, false, buf) == 10 && strcmp(buf, "##########") == 0);
	CHECK(cf_bar(0.0, 10, false, buf) == 0 && buf[0] == '\0');
	CHECK(cf_bar(0.5, 10, true, buf) == 15);	/* five full blocks, 3 bytes each */
	CHECK(cf_bar(0.0625, 2, true, buf) == 3 && strcmp(buf, "\xe2\x96\x8f") == 0);	/* one eighth */
	CHECK(cf_bar(2.0, 3, true, buf) == 9);	/* clipped to the width */
	CHECK(cf_bar(NAN, 3, true, buf) == 0);
}

/*
 * Skipped answers: counted and removed, merged (unknown wins), read from the
 * version-1 layout (16-byte header, counts) as unknown.
 */
static void
test_skipped(void)
{
	cf_nps_state *a = make_dist(&cf_csat_scale),
			   *b = make_dist(&cf_csat_scale);
	int64_t		v1[2 + 5] = {0, 0, 3, 0, 0, 0, 4};	/* header bytes, then counts 3,0,0,0,4 */
	cf_nps_state *u = make_dist(&cf_csat_scale);

	CHECK(a->skipped == 0);
	CHECK(cf_nps_state_skip(a) && cf_nps_state_skip(a) && a->skipped == 2);
	CHECK(cf_nps_state_unskip(a) && a->skipped == 1);
	CHECK(cf_nps_state_unskip(a) && !cf_nps_state_unskip(a) && a->skipped == 0);
	cf_nps_state_skip(a);
	cf_nps_state_skip(b);
	cf_nps_state_skip(b);
	CHECK(cf_nps_state_merge(a, b) && a->skipped == 3);
	b->skipped = CF_SKIPPED_UNKNOWN;
	CHECK(cf_nps_state_merge(a, b) && a->skipped == CF_SKIPPED_UNKNOWN);
	CHECK(cf_nps_state_skip(a) && a->skipped == CF_SKIPPED_UNKNOWN);
	b->skipped = INT64_MAX;
	a->skipped = 1;
	CHECK(!cf_nps_state_merge(a, b) && a->skipped == 1);	/* overflow: unchanged */
	CHECK(cf_nps_state_upgrade_v1(v1, sizeof(v1), u));
	CHECK(u->skipped == CF_SKIPPED_UNKNOWN && u->counts[0] == 3 && u->counts[4] == 4 && u->counts[1] == 0);
	CHECK(!cf_nps_state_upgrade_v1(v1, sizeof(v1) - 8, u));
	free(a);
	free(b);
	free(u);
}

int
main(void)
{
	test_skipped();
	test_scale_rules();
	test_summary();
	test_extremes();
	test_compare();
	test_normal();
	test_huge_counts();
	test_merge();
	test_text_form();
	test_bar();
	return unit_report("nps");
}
