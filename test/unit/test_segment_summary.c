/*
 * test_segment_summary.c — unit tests of core/segment_summary.c: hand-computed summaries,
 * merges, the text form and its validation.
 */
#include <string.h>

#include "segment_summary.h"
#include "unit.h"

static cf_segment_params
params(void)
{
	cf_segment_params p;

	p.as_of = 0;
	p.horizon_years = 5;
	p.margin = 0.2;
	p.ladder = cf_ladder_defaults;
	return p;
}

/* A customer with the given orders and days; revenue in cents. */
static cf_segment_customer
customer(int64_t orders, int32_t x, int32_t t_x, int32_t since, int score, int64_t cents)
{
	cf_segment_customer c;

	memset(&c, 0, sizeof(c));
	c.orders = orders;
	c.x = x;
	c.t_x = t_x;
	c.since = since;
	c.recommend_score = score;
	c.revenue = cents;
	c.revenue_scale = 2;
	c.has_trend = true;
	c.annual = 10000;
	c.growth = 2000;
	return c;
}

static void
test_summary(void)
{
	cf_error	why;
	cf_segment_params p = params();
	cf_segment	s,
				t;
	cf_segment_customer c;
	cf_stage	st;

	CHECK(cf_error_detail(cf_segment_params_check(&p, &why), &why) == NULL);
	cf_segment_init(&s, &p);
	s.vl_len_ = 0;				/* the glue's length word: the core leaves it alone */
	CHECK(cf_segment_add_prospect(&s));
	c = customer(1, 0, 0, 30, -1, 10000);	/* buyer */
	CHECK(cf_segment_add_customer(&s, &c, &st) && st == CF_STAGE_BUYER);
	c = customer(3, 2, 59, 122, 3, 15000);	/* 122 * 2 > 3 * 59: lapsed */
	CHECK(cf_segment_add_customer(&s, &c, &st) && st == CF_STAGE_LAPSED);
	c = customer(5, 4, 120, 16, 9, 10000);	/* advocate */
	CHECK(cf_segment_add_customer(&s, &c, &st) && st == CF_STAGE_ADVOCATE);
	c = customer(1, 0, 0, 731, -1, 1000);	/* lost */
	CHECK(cf_segment_add_customer(&s, &c, &st) && st == CF_STAGE_LOST);
	CHECK(s.customers == 5 && s.orders == 10 && s.repeat_customers == 2);
	CHECK(s.stages[CF_STAGE_PROSPECT] == 1 && s.stages[CF_STAGE_BUYER] == 1 && s.stages[CF_STAGE_LAPSED] == 1);
	CHECK(cf_segment_revenue(&s) == 36000 && s.revenue_scale == 2);
	/* one lapsed and one lost customer, each 14,000 at risk: in millionths */
	CHECK(cf_segment_lapsed_value(&s) == (cf_i128) 14000 * 1000000);
	CHECK(cf_segment_lost_value(&s) == (cf_i128) 14000 * 1000000);

	/* A revenue at scale 3 rescales the sum. */
	c = customer(1, 0, 0, 1, -1, 5);
	c.revenue_scale = 3;		/* 0.005 */
	CHECK(cf_segment_add_customer(&s, &c, &st));
	CHECK(cf_segment_revenue(&s) == 360005 && s.revenue_scale == 3);

	/* Merge: doubling. */
	t = s;
	CHECK(cf_segment_merge(&t, &s));
	CHECK(t.customers == 12 && cf_segment_revenue(&t) == 720010 && cf_segment_lost_value(&t) == (cf_i128) 28000 * 1000000);
	CHECK(cf_error_detail(cf_segment_check(&t, sizeof(t), &why), &why) == NULL);
	/* Overflow leaves the summary unchanged. */
	t.customers = INT64_MAX;
	t.stages[CF_STAGE_PROSPECT] = INT64_MAX;
	{
		cf_segment	before = t;

		CHECK(!cf_segment_merge(&t, &s));
		CHECK(memcmp(&before, &t, sizeof(t)) == 0);
		CHECK(!cf_segment_add_prospect(&t));
	}
}

static void
test_params(void)
{
	cf_error	why;
	cf_segment_params p = params();

	p.horizon_years = -1;
	CHECK(cf_error_detail(cf_segment_params_check(&p, &why), &why) != NULL);
	p = params();
	p.horizon_years = 101;
	CHECK(cf_error_detail(cf_segment_params_check(&p, &why), &why) != NULL);
	p = params();
	p.margin = 1.5;
	CHECK(cf_error_detail(cf_segment_params_check(&p, &why), &why) != NULL);
	p.margin = NAN;
	CHECK(cf_error_detail(cf_segment_params_check(&p, &why), &why) != NULL);
	p = params();
	p.ladder.lost_days = 10;
	CHECK(cf_error_detail(cf_segment_params_check(&p, &why), &why) != NULL);
}

static void
test_text(void)
{
	cf_error	why;
	cf_segment_params p = params();
	cf_segment	s,
				back;
	cf_segment_customer c = customer(5, 4, 120, 500, 9, -123456);
	cf_stage	st;
	char		buf[1024];

	cf_segment_init(&s, &p);
	s.vl_len_ = 0;
	CHECK(cf_segment_add_customer(&s, &c, &st) && st == CF_STAGE_LAPSED);
	CHECK(cf_segment_add_prospect(&s));
	CHECK(cf_segment_format(&s, buf, sizeof(buf)) == strlen(buf));
	CHECK(strcmp(buf, "v2;as_of=2000-01-01T00:00:00Z;horizon=5;margin=0.20000000000000001;ladder=2,5,9,3,365,730;"
				 "customers=2;orders=5;repeat=1;stages=1,0,0,0,0,1,0;revenue=-1234.56;lapsed_value=14000.000000;"
				 "lost_value=0.000000") == 0);
	CHECK(cf_error_detail(cf_segment_parse(buf, &back, &why), &why) == NULL);
	back.vl_len_ = s.vl_len_;
	CHECK(memcmp(&s, &back, sizeof(s)) == 0);
	/* the released 1.0 form: as_of in microseconds since 2000-01-01 UTC */
	CHECK(cf_error_detail(cf_segment_parse("v1;as_of=0;horizon=5;margin=0.20000000000000001;ladder=2,5,9,3,365,730;customers=2;orders=5;"
						   "repeat=1;stages=1,0,0,0,0,1,0;revenue=-1234.56;lapsed_value=14000.000000;lost_value=0.000000",
						   &back, &why), &why) == NULL);
	back.vl_len_ = s.vl_len_;
	CHECK(memcmp(&s, &back, sizeof(s)) == 0);
	/* 2025-01-01 is day 9132 (25 years, 7 of them leap), 789004800000000 microseconds */
	CHECK(cf_error_detail(cf_segment_parse("v1;as_of=789004800000000;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=0;orders=0;"
						   "repeat=0;stages=0,0,0,0,0,0,0;revenue=0;lapsed_value=0;lost_value=0", &back, &why), &why) == NULL);
	CHECK(back.as_of == INT64_C(789004800000000) && 9132 * INT64_C(86400000000) == back.as_of);
	CHECK(cf_segment_format(&back, buf, sizeof(buf)) == strlen(buf));
	CHECK(strncmp(buf, "v2;as_of=2025-01-01T00:00:00Z;horizon=5;margin=1;", strlen("v2;as_of=2025-01-01T00:00:00Z;horizon=5;margin=1;")) == 0);
	/* each version its own as_of */
	CHECK(cf_error_detail(cf_segment_parse("v2;as_of=0;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=0;orders=0;"
						   "repeat=0;stages=0,0,0,0,0,0,0;revenue=0;lapsed_value=0;lost_value=0", &back, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_segment_parse("v1;as_of=2025-01-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=0;orders=0;"
						   "repeat=0;stages=0,0,0,0,0,0,0;revenue=0;lapsed_value=0;lost_value=0", &back, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_segment_parse("v3;as_of=2025-01-01T00:00:00Z;horizon=5;margin=1;ladder=2,5,9,3,365,730;customers=0;orders=0;"
						   "repeat=0;stages=0,0,0,0,0,0,0;revenue=0;lapsed_value=0;lost_value=0", &back, &why), &why) != NULL);

	CHECK(cf_error_detail(cf_segment_parse("", &back, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_segment_parse("v2;as_of=2000-01-01T00:00:00Z;horizon=5", &back, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_segment_parse("v2;as_of=2000-01-01T00:00:00Z;horizon=5;margin=0.2;ladder=2,5,9,3,365,730;customers=2;orders=5;repeat=1;"
						   "stages=1,0,0,0,0,0,0;revenue=1;lapsed_value=0;lost_value=0", &back, &why), &why) != NULL);	/* stages != customers */
	CHECK(cf_error_detail(cf_segment_parse("v2;as_of=2000-01-01T00:00:00Z;horizon=5;margin=0.2;ladder=2,5,9,3,365,730;customers=1;orders=0;repeat=0;"
						   "stages=0,1,0,0,0,0,0;revenue=1;lapsed_value=0;lost_value=0", &back, &why), &why) != NULL);	/* a buyer without orders */
	CHECK(cf_error_detail(cf_segment_parse("v2;as_of=2000-01-01T00:00:00Z;horizon=5;margin=0.2;ladder=2,5,9,3,365,730;customers=0;orders=0;repeat=0;"
						   "stages=0,0,0,0,0,0,0;revenue=1;lapsed_value=0.0000001;lost_value=0", &back, &why), &why) != NULL);	/* 7 decimals */
	CHECK(cf_error_detail(cf_segment_parse("v2;as_of=2000-01-01T00:00:00Z;horizon=5;margin=0.2;ladder=2,5,9,3,365,730;customers=0;orders=0;repeat=0;"
						   "stages=0,0,0,0,0,0,0;revenue=1;lapsed_value=0;lost_value=0;", &back, &why), &why) != NULL);	/* trailing text */
	CHECK(cf_error_detail(cf_segment_parse("v2;as_of=2000-01-01T00:00:00Z;horizon=5;margin=inf;ladder=2,5,9,3,365,730;customers=0;orders=0;repeat=0;"
						   "stages=0,0,0,0,0,0,0;revenue=1;lapsed_value=0;lost_value=0", &back, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_segment_check(&s, sizeof(s) - 1, &why), &why) != NULL);
}

int
main(void)
{
	test_summary();
	test_params();
	test_text();
	return unit_report("segment_summary");
}
