/*
 * fuzz_nps_parse.c — libFuzzer harness for the text and stored forms of
 * score distributions (core/nps.c).
 *
 * Every input is used three ways:
 *   1. as text for cf_nps_state_parse: never crashes; when it is accepted,
 *      the distribution it gives is sound (cf_nps_state_problem), its
 *      formatted text parses back to the same scale and counts, and
 *      formatting is stable (format(parse(format(d))) == format(d));
 *   2. as the bytes of a stored distribution for cf_nps_state_problem
 *      (what the glue calls on binary input and stored data), in a block of
 *      exactly that size so that AddressSanitizer sees any read past it;
 *   3. every distribution accepted by 1 or 2 goes through the arithmetic
 *      the accessors use (summary, net score, margin of error, comparison,
 *      merge, bars), which must not overflow or read out of bounds.
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nps.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_nps_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* The distribution of a parse result, malloc'd at its exact size. */
static cf_nps_state *
dist_from_parsed(const cf_score_parsed *parsed)
{
	size_t		size = cf_nps_state_size(&parsed->scale);
	cf_nps_state *d = malloc(size);

	REQUIRE(d != NULL);
	cf_nps_state_init(d, &parsed->scale);
	REQUIRE(d->nbuckets == parsed->nbuckets);
	memcpy(d->counts, parsed->counts, sizeof(int64_t) * (size_t) parsed->nbuckets);
	d->skipped = parsed->skipped;
	d->vl_len_ = (int32_t) size;
	return d;
}

/* The text form of d, malloc'd; checks that the length query and the write agree. */
static char *
format_dist(const cf_nps_state *d)
{
	size_t		need = cf_nps_state_format(d, NULL, 0);
	char	   *buf = malloc(need + 1);
	char		small[8];

	REQUIRE(buf != NULL);
	REQUIRE(cf_nps_state_format(d, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	/* A short buffer is truncated and NUL-terminated, the length still reported. */
	REQUIRE(cf_nps_state_format(d, small, sizeof(small)) == need);
	REQUIRE(strlen(small) == (need < sizeof(small) ? need : sizeof(small) - 1));
	return buf;
}

/* The arithmetic behind the accessors, on a distribution known to be sound. */
static void
exercise_arithmetic(const cf_nps_state *d, size_t size)
{
	cf_error	why;
	cf_score_summary s;
	cf_nps_state *sum = malloc(size);
	char		bar[3 * 40 + 4];

	REQUIRE(sum != NULL);
#ifdef CF_FUZZ_SKIP_KNOWN
	/* Known bug (issue 7 report): the total of the counts may exceed int64. */
	{
		int64_t		total = 0;
		int			i;

		for (i = 0; i < d->nbuckets; i++)
			if (__builtin_add_overflow(total, d->counts[i], &total))
			{
				free(sum);
				return;
			}
	}
#endif
	s = cf_nps_state_summarize(d);
	REQUIRE(s.responses >= 0 && s.promoters >= 0 && s.passives >= 0 && s.detractors >= 0);
	REQUIRE(s.promoters + s.passives + s.detractors == s.responses);
	if (s.responses > 0)
	{
		double		net = cf_score_net(&s);
		double		moe = cf_score_moe(&s, 1.959963984540054);
		cf_score_comparison c = cf_score_compare(&s, &s);

#ifdef CF_FUZZ_SKIP_KNOWN
		/* Known bug (issue 7 report): 100.0 * (p - d) / n rounds above 100 once 100 * n > 2^53. */
		if (s.responses <= (INT64_C(1) << 53) / 100)
#endif
			REQUIRE(net >= -100.0 && net <= 100.0);
		REQUIRE(moe >= 0.0 && moe <= 2.0 * 100.0 * 1.959963984540054);
		REQUIRE(c.difference == 0.0 && c.p_value == 1.0);
		REQUIRE(cf_bar((double) s.promoters / s.responses, 40, true, bar) <= 3 * 40);
		REQUIRE(cf_bar((double) s.detractors / s.responses, 40, false, bar) <= 40);
	}
	/* Merging with itself either fits or reports overflow and leaves it unchanged. */
	memcpy(sum, d, size);
	if (!cf_nps_state_merge(sum, d))
		REQUIRE(memcmp(sum, d, size) == 0);
	else
		REQUIRE(cf_error_detail(cf_nps_state_check(sum, size, &why), &why) == NULL);
	free(sum);
}

/* 1: text → parse → format → parse. */
static void
fuzz_text(const uint8_t *data, size_t size)
{
	cf_error	why;
	char	   *text = malloc(size + 1);
	cf_score_parsed parsed,
				again;
	cf_nps_state *d;
	char	   *formatted,
			   *reformatted;
	cf_nps_state *d2;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	if (cf_error_detail(cf_nps_state_parse(text, &parsed, &why), &why) != NULL)
	{
		free(text);
		return;
	}
	REQUIRE(cf_error_detail(cf_score_scale_check(&parsed.scale, &why), &why) == NULL);
	d = dist_from_parsed(&parsed);
	REQUIRE(cf_error_detail(cf_nps_state_check(d, cf_nps_state_size(&parsed.scale), &why), &why) == NULL);

	formatted = format_dist(d);
	REQUIRE(cf_error_detail(cf_nps_state_parse(formatted, &again, &why), &why) == NULL);
	REQUIRE(memcmp(&again.scale, &parsed.scale, sizeof(parsed.scale)) == 0);
	REQUIRE(again.nbuckets == parsed.nbuckets && again.skipped == parsed.skipped);
	REQUIRE(memcmp(again.counts, parsed.counts, sizeof(int64_t) * (size_t) parsed.nbuckets) == 0);
	d2 = dist_from_parsed(&again);
	reformatted = format_dist(d2);
	REQUIRE(strcmp(formatted, reformatted) == 0);

	exercise_arithmetic(d, cf_nps_state_size(&parsed.scale));
	free(reformatted);
	free(d2);
	free(formatted);
	free(d);
	free(text);
}

/* 2: the bytes as a stored distribution. */
static void
fuzz_stored(const uint8_t *data, size_t size)
{
	cf_error	why;
	/* malloc'd memory is aligned for int64; an empty block still gets a pointer. */
	cf_nps_state *d = malloc(size ? size : 1);
	char	   *formatted;
	cf_score_parsed parsed;

	REQUIRE(d != NULL);
	memcpy(d, data, size);
	if (cf_error_detail(cf_nps_state_check(d, size, &why), &why) == NULL)
	{
		/* Sound stored values print, and their text reads back the same. */
		formatted = format_dist(d);
		REQUIRE(cf_error_detail(cf_nps_state_parse(formatted, &parsed, &why), &why) == NULL);
		REQUIRE(parsed.nbuckets == d->nbuckets && parsed.skipped == d->skipped);
		REQUIRE(memcmp(parsed.counts, d->counts, sizeof(int64_t) * (size_t) d->nbuckets) == 0);
		exercise_arithmetic(d, size);
		free(formatted);
	}
	free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_text(data, size);
	fuzz_stored(data, size);
	return 0;
}
