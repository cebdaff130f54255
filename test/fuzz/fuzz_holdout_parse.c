/*
 * fuzz_holdout_parse.c — libFuzzer harness for the text and stored forms of
 * holdout_state (core/holdout.c).
 *
 * Every input is used two ways:
 *   1. as text for cf_holdout_parse: never crashes; an accepted state is
 *      sound (cf_holdout_check), its text parses back to the same bytes
 *      and formatting is stable;
 *   2. as the bytes of a stored state for cf_holdout_check (what the glue
 *      checks on binary input), in a block of exactly that size so that
 *      AddressSanitizer sees any read past it.
 * Every sound state goes through the accessors, the table and a merge with
 * itself, which must not overflow, read out of bounds or give NaN.
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "holdout.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_holdout_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* The text form of s, malloc'd; checks that the length query and the write agree. */
static char *
format_state(const cf_holdout_state *s)
{
	size_t		need = cf_holdout_format(s, NULL, 0);
	char	   *buf = malloc(need + 1);

	REQUIRE(buf != NULL);
	REQUIRE(cf_holdout_format(s, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	return buf;
}

/* The accessors and a merge with itself, on a sound state. */
static void
exercise(const cf_holdout_state *s)
{
	size_t		size = cf_holdout_size(s->row_cap, s->bin_cap);
	cf_holdout_state *m = malloc(size),
			   *merged;
	cf_holdout_line *lines = malloc(sizeof(cf_holdout_line) * (size_t) s->nrows);
	double		v,
				bound;
	int32_t		n;

	REQUIRE(m != NULL && lines != NULL);
	REQUIRE(cf_holdout_mae(s, &v) && v >= 0 && isfinite(v));
	REQUIRE(cf_holdout_rmse(s, &v) && v >= 0 && isfinite(v));
	REQUIRE(cf_holdout_bias(s, &v) && isfinite(v));
	if (cf_holdout_brier(s, &v))
		REQUIRE(v >= 0 && v <= 1 + 1e-9);
	if (cf_holdout_auc(s, &v, &bound))
		REQUIRE(v >= 0 && v <= 1 && bound >= 0 && bound <= 0.5);
	n = cf_holdout_table(s, -1, lines);
	REQUIRE(n == s->nrows);
	n = cf_holdout_table(s, 2, lines);
	REQUIRE(n >= 1 && n <= s->nrows);
	for (int32_t i = 0; i < n; i++)
		REQUIRE(isfinite(lines[i].actual_mean) && isfinite(lines[i].expected_mean) && lines[i].customers > 0);
	memcpy(m, s, size);
	merged = m;
	if (cf_holdout_merge(&merged, s, &cf_malloc_allocator) == CF_OK)
	{
		REQUIRE(merged->customers == 2 * s->customers);
		REQUIRE(cf_holdout_check(merged, cf_holdout_size(merged->row_cap, merged->bin_cap), NULL) == CF_OK);
	}
	else
		REQUIRE(merged == m && memcmp(m, s, size) == 0);
	if (merged != m)
		free(merged);
	free(m);
	free(lines);
}

/* 1: text -> parse -> format -> parse. */
static void
fuzz_text(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	cf_error	why;
	int			rc;
	cf_holdout_state *s,
			   *again;
	char	   *formatted,
			   *reformatted;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	rc = cf_holdout_parse(text, &cf_malloc_allocator, &s, &why);
	REQUIRE((rc == CF_OK) == (s != NULL));
	if (s == NULL)
	{
		/* a refusal says why (malloc does not fail here) */
		REQUIRE(rc == CF_ESYNTAX && strlen(why.detail) > 0);
		free(text);
		return;
	}
	REQUIRE(cf_holdout_check(s, cf_holdout_size(s->row_cap, s->bin_cap), NULL) == CF_OK);
	formatted = format_state(s);
	REQUIRE(cf_holdout_parse(formatted, &cf_malloc_allocator, &again, &why) == CF_OK);
	REQUIRE(again->nrows == s->nrows && again->nbins == s->nbins);
	REQUIRE(memcmp(again->data, s->data, cf_holdout_size(s->row_cap, s->bin_cap) - offsetof(cf_holdout_state, data)) == 0);
	reformatted = format_state(again);
	REQUIRE(strcmp(formatted, reformatted) == 0);
	exercise(s);
	free(reformatted);
	free(formatted);
	free(again);
	free(s);
	free(text);
}

/* 2: the bytes as a stored state. */
static void
fuzz_stored(const uint8_t *data, size_t size)
{
	cf_holdout_state *s = malloc(size ? size : 1);
	cf_error	why;
	char	   *formatted;
	cf_holdout_state *back;

	REQUIRE(s != NULL);
	memcpy(s, data, size);
	if (cf_holdout_check(s, size, NULL) == CF_OK)
	{
		/* only a compact sound state equals its text's parse */
		formatted = format_state(s);
		REQUIRE(cf_holdout_parse(formatted, &cf_malloc_allocator, &back, &why) == CF_OK);
		REQUIRE(back->customers == s->customers && back->scored == s->scored);
		exercise(s);
		free(back);
		free(formatted);
	}
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_text(data, size);
	fuzz_stored(data, size);
	return 0;
}
