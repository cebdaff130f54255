/*
 * fuzz_gamma_gamma_parse.c — libFuzzer harness for the text form of the Gamma-Gamma fit
 * summary (core/tuples.c with cf_gg_layout: cf_tuples_parse_header,
 * cf_tuples_parse).
 *
 * The input, NUL-terminated, is parsed the way the glue does (header for the
 * entry count, an exact-size array, full parse).  Never crashes; when
 * accepted: the entries are compact and valid, their text (in a buffer of
 * cf_tuples_text_bound bytes) parses back to the same byte image and formats
 * the same again, the total does not overflow, and merging the summary with
 * itself doubles every count or reports overflow.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gamma_gamma.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_gamma_gamma_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* The text of e[0..n), malloc'd at the documented bound. */
static char *
format_entries(const cf_gg_entry *e, size_t n)
{
	size_t		bound = cf_tuples_text_bound(&cf_gg_layout, n);
	char	   *buf = malloc(bound);
	size_t		len;

	REQUIRE(buf != NULL);
	len = cf_tuples_format(&cf_gg_layout, e, n, buf, bound);
	REQUIRE(len < bound);
	REQUIRE(strlen(buf) == len);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	cf_model_err err;
	size_t		n,
				n_out,
				n2,
				i;
	cf_gg_entry *e,
			   *e2,
			   *merged;
	char	   *t,
			   *t2;
	int64_t		total;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&err, 0, sizeof(err));
	if (cf_tuples_parse_header(&cf_gg_layout, text, &n, &err) != CF_MODEL_OK)
	{
		free(text);
		return 0;
	}
	REQUIRE(n <= size);			/* the header bounds the count by the length */
	e = calloc(n ? n : 1, sizeof(cf_gg_entry));
	REQUIRE(e != NULL);
	if (cf_tuples_parse(&cf_gg_layout, text, e, n, &n_out, &err) != CF_MODEL_OK)
	{
		REQUIRE(err.code != CF_MODEL_OK);
		free(e);
		free(text);
		return 0;
	}
	REQUIRE(n_out == n);
	REQUIRE(cf_tuples_check_compact(&cf_gg_layout, e, n, &err) == CF_MODEL_OK);
	REQUIRE(cf_tuples_total(&cf_gg_layout, e, n, &total, &err) == CF_MODEL_OK);
	for (i = 0; i < n; i++)
		REQUIRE(e[i].pad == 0 && e[i].count >= 1 && e[i].x >= 1 && e[i].m > 0);

	/* Round trip: the same byte image, and a stable text. */
	t = format_entries(e, n);
	REQUIRE(cf_tuples_parse_header(&cf_gg_layout, t, &n2, &err) == CF_MODEL_OK && n2 == n);
	e2 = calloc(n ? n : 1, sizeof(cf_gg_entry));
	REQUIRE(e2 != NULL);
	REQUIRE(cf_tuples_parse(&cf_gg_layout, t, e2, n, &n2, &err) == CF_MODEL_OK && n2 == n);
	REQUIRE(memcmp(e, e2, n * sizeof(cf_gg_entry)) == 0);
	t2 = format_entries(e2, n);
	REQUIRE(strcmp(t, t2) == 0);

	/* Merge with itself: same entries, counts doubled, or an overflow report. */
	merged = calloc(2 * n + 1, sizeof(cf_gg_entry));
	REQUIRE(merged != NULL);
	if (cf_tuples_merge(&cf_gg_layout, e, n, e, n, merged, &n2, &err) == CF_MODEL_OK)
	{
		REQUIRE(n2 == n);
		for (i = 0; i < n; i++)
			REQUIRE(merged[i].x == e[i].x && merged[i].count == 2 * e[i].count);
	}
	free(merged);
	free(t2);
	free(e2);
	free(t);
	free(e);
	free(text);
	return 0;
}
