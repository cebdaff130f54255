/*
 * fuzz_nps_weighted_parse.c — libFuzzer harness for the text and stored forms
 * of weighted score distributions (core/nps_weighted.c).
 *
 * Every input is used three ways:
 *   1. as text for cf_nps_weighted_parse: never crashes; an accepted text that
 *      passes cf_nps_weighted_check formats to a text that parses back to the
 *      same state, and formatting is stable;
 *   2. as the bytes of a stored state for cf_nps_weighted_check, in a block
 *      of exactly that size (AddressSanitizer sees any read past it);
 *   3. every sound state goes through the arithmetic of the accessors
 *      (summary, net score, intervals, tests, merge), which must give finite
 *      figures in range: never NaN or infinity from a sound state.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nps_weighted.h"

#define FUZZ_NAME "fuzz_nps_weighted_parse"
#include "state_text_harness.h"

/* The state of a parse result, malloc'd at its exact size. */
static cf_nps_weighted_state *
state_from_parsed(const cf_weighted_parsed *p)
{
	size_t		size = cf_nps_weighted_size(&p->scale);
	cf_nps_weighted_state *st = malloc(size);

	REQUIRE(st != NULL);
	cf_nps_weighted_init(st, &p->scale);
	st->vl_len_ = (int32_t) size;
	st->skipped = p->skipped;
	st->skipped_weight = p->skipped_weight;
	memcpy(st->buckets, p->buckets, sizeof(cf_weighted_bucket) * (size_t) p->nbuckets);
	return st;
}

static bool
finite_in(double x, double lo, double hi)
{
	return isfinite(x) && x >= lo && x <= hi;
}

/* The arithmetic behind the accessors, on a state known to be sound. */
static void
exercise_arithmetic(const cf_nps_weighted_state *st, size_t size)
{
	cf_error	why;
	cf_weighted_summary s = cf_nps_weighted_summarize(st);
	cf_nps_weighted_state *sum = malloc(size);
	cf_nps_method m;

	REQUIRE(sum != NULL);
	REQUIRE(s.answers >= 0 && s.responses >= 0 && s.promoters >= 0 && s.passives >= 0 && s.detractors >= 0);
	REQUIRE(isfinite(s.responses) && isfinite(s.score_sum) && isfinite(s.effective_n));
	if (s.responses > 0)
	{
		REQUIRE(finite_in(cf_weighted_net(&s), -100.0, 100.0));
		/* Kish's n lies in [1, answers] up to rounding */
		REQUIRE(s.effective_n >= 1.0 - 1e-6 && s.effective_n <= (double) s.answers * (1 + 1e-6));
		for (m = CF_NPS_WALD; m <= CF_NPS_ADJUSTED_WALD; m++)
		{
			cf_score_estimate e = cf_weighted_estimate_by(&s, m);
			cf_score_comparison c = cf_weighted_compare_by(&s, &s, m);
			cf_score_comparison b = cf_weighted_compare_benchmark(&s, 0.0, m);

			REQUIRE(finite_in(e.net, -100.0, 100.0) && finite_in(e.std_error, 0.0, 200.0));
			REQUIRE(finite_in(cf_weighted_moe_by(&s, 1.959963984540054, m), 0.0, 400.0));
			REQUIRE(c.difference == 0.0 && c.p_value == 1.0);
			REQUIRE(!isnan(b.z) && finite_in(b.p_value, 0.0, 1.0));
		}
		REQUIRE(finite_in(cf_weighted_class_effective(&s, CF_CLASS_PROMOTERS), 0.0, s.effective_n * (1 + 1e-9)));
	}
	/* Merging with itself either fits or reports overflow and leaves it unchanged. */
	memcpy(sum, st, size);
	if (!cf_nps_weighted_merge(sum, st))
		REQUIRE(memcmp(sum, st, size) == 0);
	else
		REQUIRE(cf_error_detail(cf_nps_weighted_check(sum, size, &why), &why) == NULL);
	free(sum);
}

/* 1: text -> parse -> format -> parse. */
static void
fuzz_text(const uint8_t *data, size_t size)
{
	cf_error	why;
	char	   *text = input_text(data, size);
	cf_weighted_parsed *parsed = malloc(sizeof(cf_weighted_parsed));
	cf_weighted_parsed *again = malloc(sizeof(cf_weighted_parsed));
	cf_nps_weighted_state *st,
			   *st2;
	char	   *formatted,
			   *reformatted;
	size_t		ssize;

	REQUIRE(parsed != NULL && again != NULL);
	if (cf_error_detail(cf_nps_weighted_parse(text, parsed, &why), &why) == NULL)
	{
		st = state_from_parsed(parsed);
		ssize = cf_nps_weighted_size(&parsed->scale);
		if (cf_error_detail(cf_nps_weighted_check(st, ssize, &why), &why) == NULL)
		{
			FORMAT_TEXT(cf_nps_weighted_format, st, formatted);
			REQUIRE(cf_error_detail(cf_nps_weighted_parse(formatted, again, &why), &why) == NULL);
			st2 = state_from_parsed(again);
			REQUIRE(memcmp(st, st2, ssize) == 0);
			FORMAT_TEXT(cf_nps_weighted_format, st2, reformatted);
			REQUIRE(strcmp(formatted, reformatted) == 0);
			exercise_arithmetic(st, ssize);
			free(reformatted);
			free(formatted);
			free(st2);
		}
		free(st);
	}
	free(again);
	free(parsed);
	free(text);
}

/* 2: the bytes as a stored state. */
static void
fuzz_stored(const uint8_t *data, size_t size)
{
	cf_error	why;
	cf_nps_weighted_state *st = input_block(data, size);
	cf_weighted_parsed *parsed = malloc(sizeof(cf_weighted_parsed));
	char	   *formatted;

	REQUIRE(parsed != NULL);
	if (cf_error_detail(cf_nps_weighted_check(st, size, &why), &why) == NULL)
	{
		FORMAT_TEXT(cf_nps_weighted_format, st, formatted);
		REQUIRE(cf_error_detail(cf_nps_weighted_parse(formatted, parsed, &why), &why) == NULL);
		REQUIRE(parsed->nbuckets == st->nbuckets && parsed->skipped == st->skipped);
		REQUIRE(memcmp(parsed->buckets, st->buckets, sizeof(cf_weighted_bucket) * (size_t) st->nbuckets) == 0);
		exercise_arithmetic(st, size);
		free(formatted);
	}
	free(parsed);
	free(st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_text(data, size);
	fuzz_stored(data, size);
	return 0;
}
