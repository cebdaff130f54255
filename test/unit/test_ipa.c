/*
 * test_ipa.c — unit tests of core/ipa.c against values worked out by hand
 * (shown in the comments) or by brute force over the same data.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ipa.h"
#include "unit.h"

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
	cf_error	why;
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
	CHECK(cf_error_detail(cf_ipa_parse(t1, NULL, &n, &why), &why) == NULL && n == 5);
	parsed = malloc(cf_ipa_size(n));
	CHECK(cf_error_detail(cf_ipa_parse(t1, parsed, &n, &why), &why) == NULL);
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
	CHECK(cf_error_detail(cf_ipa_parse(t1, NULL, &n, &why), &why) == NULL && n == 1);
	CHECK(cf_error_detail(cf_ipa_parse(t1, parsed, &n, &why), &why) == NULL && strcmp(parsed->factors[0].name, "24/7 \"hotline\"\\") == 0);
	cf_ipa_analyse(half, 5, 5, rows);
	CHECK(rows[0].rank == 0 && rows[0].quadrant == -1);

	/* Malformed. */
	CHECK(cf_error_detail(cf_ipa_parse("v1 scale_min=5 scale_max=1", NULL, &n, &why), &why) == NULL);	/* syntax pass */
	CHECK(cf_error_detail(cf_ipa_parse("v2;scale_min=5;scale_max=1", NULL, &n, &why), &why) == NULL);	/* syntax pass */
	CHECK(cf_error_detail(cf_ipa_parse("v1 scale_min=5 scale_max=1", parsed, &n, &why), &why) != NULL);	/* checks pass */
	CHECK(cf_error_detail(cf_ipa_parse("v2;scale_min=5;scale_max=1", parsed, &n, &why), &why) != NULL);	/* checks pass */
	n = 2;
	CHECK(cf_error_detail(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"b\"=1/1,1/1 \"a\"=1/1,1/1", parsed, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"b\"=1/1,1/1;\"a\"=1/1,1/1", parsed, &n, &why), &why) != NULL);
	n = 1;
	CHECK(cf_error_detail(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"a\"=6/1,1/1", parsed, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"a\"=6/1,1/1", parsed, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"a=1/1,1/1", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"a=1/1,1/1", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_parse("v1 scale_min=1 scale_max=5 \"a\"=1/1", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_parse("v2;scale_min=1;scale_max=5;\"a\"=1/1", NULL, &n, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_scale_check(1, 1, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_scale_check(0, INFINITY, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_ipa_scale_check(-2, 2, &why), &why) == NULL);
	free(s);
	free(half);
	free(merged);
	free(parsed);
}

int
main(void)
{
	test_ipa();
	return unit_report("ipa");
}
