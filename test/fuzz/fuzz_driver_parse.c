/*
 * fuzz_driver_parse.c — libFuzzer harness for the text and stored forms of
 * driver_state (core/driver.c).
 *
 * Every input is used two ways:
 *   1. as text for cf_driver_parse: never crashes; when it is accepted, the
 *      size pass and the fill pass agree, the state is sound
 *      (cf_driver_problem), its text parses back to the same bytes and
 *      formatting is stable;
 *   2. as the bytes of a stored state for cf_driver_problem (what the glue
 *      calls on binary input and stored data), in a block of exactly that
 *      size so that AddressSanitizer sees any read past it.
 * Every state accepted by 1 or 2 is merged with itself and analysed
 * (cf_driver_weights): no crash, and a result that is not an error is
 * finite, with weights that sum to R^2.
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_driver_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static size_t
size_of(const cf_driver_state *s)
{
	return cf_driver_size(s->nfactors, (size_t) s->names_len);
}

/* The text form, malloc'd; the length query and the write agree. */
static char *
format_state(const cf_driver_state *s)
{
	size_t		need = cf_driver_format(s, NULL, 0);
	char	   *buf = malloc(need + 1);

	REQUIRE(buf != NULL);
	REQUIRE(cf_driver_format(s, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	return buf;
}

/* Merge and analysis of a sound state. */
static void
exercise(const cf_driver_state *s)
{
	size_t		size = size_of(s);
	cf_driver_state *twice = malloc(size);
	cf_driver_row rows[CF_DRIVER_MAX_FACTORS];
	cf_driver_result res;

	REQUIRE(twice != NULL);
	memcpy(twice, s, size);
	if (cf_driver_merge(twice, s))
		REQUIRE(twice->n == 2 * s->n);
	if (cf_driver_weights(s, &cf_malloc_allocator, rows, &res) == CF_DRIVER_OK)
	{
		double		sum = 0;
		int			i;

		for (i = 0; i < s->nfactors; i++)
		{
			REQUIRE(isfinite(rows[i].correlation) && isfinite(rows[i].beta) && isfinite(rows[i].relative_weight));
			REQUIRE(rows[i].rank == i + 1);
			sum += rows[i].relative_weight;
		}
		REQUIRE(fabs(sum - res.r2) <= 1e-6);
	}
	free(twice);
}

/* 1: the bytes as text. */
static void
fuzz_text(const uint8_t *data, size_t size)
{
	cf_error	why;
	char	   *text = malloc(size + 1);
	size_t		need = 0,
				need2 = 0;
	cf_driver_state *s,
			   *again;
	char	   *formatted,
			   *reformatted;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	if (cf_error_detail(cf_driver_parse(text, NULL, &need, &why), &why) != NULL)
	{
		free(text);
		return;
	}
	s = calloc(1, need);
	REQUIRE(s != NULL);
	if (cf_error_detail(cf_driver_parse(text, s, &need2, &why), &why) == NULL && cf_error_detail(cf_driver_check(s, need, &why), &why) == NULL)
	{
		REQUIRE(size_of(s) == need);
		formatted = format_state(s);
		need2 = 0;
		REQUIRE(cf_error_detail(cf_driver_parse(formatted, NULL, &need2, &why), &why) == NULL && need2 == need);
		again = calloc(1, need);
		REQUIRE(again != NULL);
		REQUIRE(cf_error_detail(cf_driver_parse(formatted, again, &need2, &why), &why) == NULL);
		REQUIRE(memcmp(again, s, need) == 0);
		reformatted = format_state(again);
		REQUIRE(strcmp(formatted, reformatted) == 0);
		exercise(s);
		free(reformatted);
		free(again);
		free(formatted);
	}
	free(s);
	free(text);
}

/* 2: the bytes as a stored state. */
static void
fuzz_stored(const uint8_t *data, size_t size)
{
	cf_error	why;
	cf_driver_state *s = malloc(size ? size : 1);

	REQUIRE(s != NULL);
	memcpy(s, data, size);
	if (cf_error_detail(cf_driver_check(s, size, &why), &why) == NULL)
	{
		char	   *formatted = format_state(s);
		size_t		need = 0;

		REQUIRE(cf_error_detail(cf_driver_parse(formatted, NULL, &need, &why), &why) == NULL && need == size);
		exercise(s);
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
