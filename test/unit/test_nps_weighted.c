/*
 * test_nps_weighted.c — unit tests of core/nps_weighted.c and core/dd.h:
 * hand-worked figures, all-ones = unweighted to the bit, order independence
 * of the double-double sums (shuffled rows and merge trees), the weight rules
 * and the text form.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dd.h"
#include "nps.h"
#include "nps_weighted.h"
#include "unit.h"

static cf_nps_weighted_state *
make_state(const cf_score_scale *s)
{
	cf_nps_weighted_state *st = malloc(cf_nps_weighted_size(s));

	cf_nps_weighted_init(st, s);
	st->vl_len_ = (int32_t) cf_nps_weighted_size(s);
	return st;
}

static cf_nps_state *
make_dist(const cf_score_scale *s)
{
	cf_nps_state *d = malloc(cf_nps_state_size(s));

	cf_nps_state_init(d, s);
	return d;
}

/* Weights 2, 1, 0.5, 1.5 on 10, 9, 7, 3: NPS 30, Kish n 25 / 7.5, mean 7.4. */
static void
test_hand_worked(void)
{
	cf_nps_weighted_state *st = make_state(&cf_nps_scale);
	cf_weighted_summary s;

	CHECK(cf_nps_weighted_add(st, 10, 2.0));
	CHECK(cf_nps_weighted_add(st, 9, 1.0));
	CHECK(cf_nps_weighted_add(st, 7, 0.5));
	CHECK(cf_nps_weighted_add(st, 3, 1.5));
	CHECK(cf_nps_weighted_skip(st, 0.25));
	s = cf_nps_weighted_summarize(st);
	CHECK(s.answers == 4);
	CHECK(s.responses == 5.0 && s.promoters == 3.0 && s.passives == 0.5 && s.detractors == 1.5);
	CHECK(cf_weighted_net(&s) == 30.0);
	CHECK(s.effective_n == 10.0 / 3.0);
	CHECK_REL(s.score_sum / s.responses, 7.4, 1e-15);
	CHECK(st->skipped == 1 && cf_dd_value(st->skipped_weight) == 0.25);
	free(st);
}

/* Deterministic pseudo-random numbers (xorshift64*). */
static uint64_t
next_random(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * UINT64_C(2685821657736338717);
}

/* With every weight 1 each figure equals the unweighted state's to the bit. */
static void
test_ones_equal_unweighted(void)
{
	const cf_score_scale *scales[3] = {&cf_nps_scale, &cf_csat_scale, &cf_ces_scale};
	uint64_t	rnd = 88172645463325252ULL;
	int			k,
				i,
				trial;

	for (trial = 0; trial < 50; trial++)
		for (k = 0; k < 3; k++)
		{
			const cf_score_scale *sc = scales[k];
			cf_nps_weighted_state *w = make_state(sc);
			cf_nps_state *u = make_dist(sc);
			int			n = 1 + (int) (next_random(&rnd) % 500);
			cf_weighted_summary ws;
			cf_score_summary us;
			cf_nps_method m;

			for (i = 0; i < n; i++)
			{
				int32_t		score = sc->scale_min + (int32_t) (next_random(&rnd) % (uint64_t) (sc->scale_max - sc->scale_min + 1));

				cf_nps_weighted_add(w, score, 1.0);
				cf_nps_state_add(u, score);
			}
			ws = cf_nps_weighted_summarize(w);
			us = cf_nps_state_summarize(u);
			CHECK(ws.responses == (double) us.responses && ws.promoters == (double) us.promoters &&
				  ws.detractors == (double) us.detractors && ws.passives == (double) us.passives);
			CHECK(ws.effective_n == (double) us.responses);
			CHECK(ws.score_sum == us.score_sum);
			CHECK(cf_weighted_net(&ws) == cf_score_net(&us));
			for (m = CF_NPS_WALD; m <= CF_NPS_ADJUSTED_WALD; m++)
			{
				cf_score_estimate we = cf_weighted_estimate_by(&ws, m),
							ue = cf_score_estimate_by(&us, m);
				cf_score_comparison wc = cf_weighted_compare_benchmark(&ws, 12.5, m),
							uc = cf_score_compare_benchmark(&us, 12.5, m);
				cf_score_comparison wc2 = cf_weighted_compare_by(&ws, &ws, m),
							uc2 = cf_score_compare_by(&us, &us, m);

				CHECK(we.net == ue.net && we.std_error == ue.std_error);
				CHECK(cf_weighted_moe_by(&ws, 1.959963984540054, m) == cf_score_moe_by(&us, 1.959963984540054, m));
				CHECK(wc.z == uc.z && wc.p_value == uc.p_value && wc2.std_error == uc2.std_error);
			}
			CHECK(cf_weighted_class_effective(&ws, CF_CLASS_PASSIVES) == (double) us.passives);
			free(w);
			free(u);
		}
}

/* The same rows in shuffled orders and merge trees: counts equal, figures within 1e-12 (in fact equal). */
static void
test_order_independence(void)
{
	enum {N = 20000};
	static int32_t scores[N];
	static double weights[N];
	uint64_t	rnd = 1234567ULL;
	cf_nps_weighted_state *ref = make_state(&cf_nps_scale);
	cf_weighted_summary r;
	double		naive_fwd = 0,
				naive_rev = 0;
	int			i,
				trial;

	for (i = 0; i < N; i++)
	{
		scores[i] = (int32_t) (next_random(&rnd) % 11);
		/* weights over 30 orders of magnitude */
		weights[i] = ldexp((double) (next_random(&rnd) % 1000003) / 1000003.0, (int) (next_random(&rnd) % 100) - 50);
		cf_nps_weighted_add(ref, scores[i], weights[i]);
		naive_fwd += weights[i];
	}
	for (i = N - 1; i >= 0; i--)
		naive_rev += weights[i];
	r = cf_nps_weighted_summarize(ref);
	/* the plain double sum depends on the order; the double-double one does not */
	CHECK(naive_fwd != naive_rev);
	for (trial = 0; trial < 20; trial++)
	{
		int			parts = 1 + trial * 3;
		cf_nps_weighted_state **part = malloc(sizeof(*part) * (size_t) parts);
		cf_nps_weighted_state *all;
		cf_weighted_summary s;
		int		   *perm = malloc(sizeof(int) * N);

		for (i = 0; i < N; i++)
			perm[i] = i;
		for (i = N - 1; i > 0; i--)
		{
			int			j = (int) (next_random(&rnd) % (uint64_t) (i + 1)),
						t = perm[i];

			perm[i] = perm[j];
			perm[j] = t;
		}
		for (i = 0; i < parts; i++)
			part[i] = make_state(&cf_nps_scale);
		for (i = 0; i < N; i++)
			cf_nps_weighted_add(part[next_random(&rnd) % (uint64_t) parts], scores[perm[i]], weights[perm[i]]);
		/* merge from the last part down (a different tree each trial) */
		for (i = parts - 1; i > 0; i--)
			CHECK(cf_nps_weighted_merge(part[i - 1], part[i]));
		all = part[0];
		s = cf_nps_weighted_summarize(all);
		for (i = 0; i < all->nbuckets; i++)
		{
			CHECK(all->buckets[i].count == ref->buckets[i].count);
			CHECK_REL(cf_dd_value(all->buckets[i].weight), cf_dd_value(ref->buckets[i].weight), 1e-15);
		}
		CHECK(s.answers == r.answers);
		CHECK_REL(s.responses, r.responses, 1e-15);
		CHECK_REL(cf_weighted_net(&s), cf_weighted_net(&r), 1e-12);
		CHECK_REL(s.effective_n, r.effective_n, 1e-12);
		CHECK_REL(s.score_sum, r.score_sum, 1e-12);
		CHECK_REL(cf_weighted_moe_by(&s, 2.0, CF_NPS_ADJUSTED_WALD), cf_weighted_moe_by(&r, 2.0, CF_NPS_ADJUSTED_WALD), 1e-12);
		for (i = 0; i < parts; i++)
			free(part[i]);
		free(part);
		free(perm);
	}
	free(ref);
}

/* Weight rules: 0 or [1e-100, 1e100]; negative, NaN, infinite EINVAL; other finite ERANGE. */
static void
test_weight_rules(void)
{
	cf_error	why;

	CHECK(cf_weight_check(0.0, &why) == CF_OK);
	CHECK(cf_weight_check(-0.0, &why) == CF_OK);
	CHECK(cf_weight_check(1e-100, &why) == CF_OK);
	CHECK(cf_weight_check(1e100, &why) == CF_OK);
	CHECK(cf_weight_check(-1.0, &why) == CF_EINVAL);
	CHECK(cf_weight_check(NAN, &why) == CF_EINVAL);
	CHECK(cf_weight_check(INFINITY, &why) == CF_EINVAL);
	CHECK(cf_weight_check(-INFINITY, &why) == CF_EINVAL);
	CHECK(cf_weight_check(nextafter(1e-100, 0), &why) == CF_ERANGE);
	CHECK(cf_weight_check(nextafter(1e100, INFINITY), &why) == CF_ERANGE);
	CHECK(cf_weight_check(5e-324, &why) == CF_ERANGE);
	CHECK(strstr(why.detail, "The weight is 5e-324;") != NULL);
	CHECK(cf_weight_check(-INFINITY, &why) == CF_EINVAL && strstr(why.detail, "The weight is -Infinity;") != NULL);
	CHECK(cf_weight_check(0.1, &why) == CF_OK);
}

/* Double-double: Kish's quotient of integers is exact; products exact. */
static void
test_dd(void)
{
	cf_dd		n = {94906267.0, 0.0};	/* n^2 > 2^53 */
	cf_dd		sq = cf_dd_mul(n, n);
	cf_dd		q = cf_dd_div(sq, n);
	cf_dd		p = cf_dd_product(0.1, 0.1);

	CHECK(cf_dd_value(q) == 94906267.0 && q.lo == 0.0);
	CHECK(sq.hi + sq.lo == sq.hi && sq.lo != 0.0);
	CHECK(p.hi == 0.1 * 0.1 && p.lo != 0.0);
	CHECK(cf_dd_value(cf_dd_add_double((cf_dd) {1.0, 0.0}, 1e-30)) == 1.0);
	CHECK(cf_dd_add_double((cf_dd) {1.0, 0.0}, 1e-30).lo == 1e-30);
}

/* Text form: round trip, sparse scores, rejects. */
static void
test_text_form(void)
{
	cf_error	why;
	cf_weighted_parsed *p = malloc(sizeof(*p));
	cf_nps_weighted_state *st = make_state(&cf_csat_scale);
	char		buf[512];
	const char *text = "v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=1:0.5;score=2:3:1.5,1e-17:0.75;score=5:1:2:4";

	cf_nps_weighted_add(st, 2, 0.1);
	cf_nps_weighted_add(st, 2, 0.2);
	cf_nps_weighted_add(st, 5, 3.0);
	cf_nps_weighted_format(st, buf, sizeof(buf));
	CHECK(strcmp(buf, "v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=2:2:0.30000000000000004,-2.7755575615628914e-17:0.05,2.7755575615628915e-18;score=5:1:3:9") == 0);
	CHECK(cf_nps_weighted_parse(buf, p, &why) == CF_OK);
	CHECK(memcmp(p->buckets, st->buckets, sizeof(cf_weighted_bucket) * 5) == 0);
	CHECK(cf_nps_weighted_parse(text, p, &why) == CF_OK);
	CHECK(p->skipped == 1 && p->buckets[1].count == 3 && p->buckets[1].weight.lo == 1e-17);
	CHECK(cf_nps_weighted_parse("v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:1:1;score=3:1:1:1", p, &why) == CF_ESYNTAX);
	CHECK(cf_nps_weighted_parse("v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=6:1:1:1", p, &why) == CF_ESYNTAX);
	CHECK(cf_nps_weighted_parse("v1;scale=1..5;promoter_min=4;detractor_max=2;skipped=0:0;score=3:1:1,1:1", p, &why) == CF_ESYNTAX);
	CHECK(cf_nps_weighted_parse("v1;scale=5..1;promoter_min=4;detractor_max=2;skipped=0:0", p, &why) == CF_ESYNTAX);
	CHECK(cf_nps_weighted_check(st, cf_nps_weighted_size(&cf_csat_scale), &why) == CF_OK);
	CHECK(cf_nps_weighted_check(st, cf_nps_weighted_size(&cf_csat_scale) - 8, &why) == CF_EINVAL);
	st->buckets[0].weight.hi = 1.0;	/* weight without an answer */
	CHECK(cf_nps_weighted_check(st, cf_nps_weighted_size(&cf_csat_scale), &why) == CF_EINVAL);
	free(st);
	free(p);
}

/* Merging refuses a count overflow and leaves the state as it was. */
static void
test_merge_overflow(void)
{
	cf_nps_weighted_state *a = make_state(&cf_csat_scale);
	cf_nps_weighted_state *b = make_state(&cf_csat_scale);
	size_t		size = cf_nps_weighted_size(&cf_csat_scale);
	cf_nps_weighted_state *copy = malloc(size);

	a->buckets[0].count = INT64_MAX - 1;
	b->buckets[4].count = 2;
	memcpy(copy, a, size);
	CHECK(!cf_nps_weighted_merge(a, b));
	CHECK(memcmp(copy, a, size) == 0);
	a->buckets[0].count = INT64_MAX;
	CHECK(!cf_nps_weighted_add(a, 1, 1.0));
	free(a);
	free(b);
	free(copy);
}

int
main(void)
{
	test_hand_worked();
	test_ones_equal_unweighted();
	test_order_independence();
	test_weight_rules();
	test_dd();
	test_text_form();
	test_merge_overflow();
	return unit_report("nps_weighted");
}
