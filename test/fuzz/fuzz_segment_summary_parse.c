/*
 * fuzz_segment_summary_parse.c — libFuzzer harness for the text and stored
 * forms of segment summaries (core/segment.c, the segment_summary_state).
 *
 * Every input is used two ways:
 *   1. as text for cf_segment_parse: never crashes; when it is accepted the
 *      summary is sound (cf_segment_problem), its text reads back to the
 *      same bytes, formatting is stable, and the 1.0 form of the same
 *      summary (as_of in microseconds) reads back to the same bytes too;
 *   2. as the bytes of a stored summary for cf_segment_problem (what the glue
 *      calls on binary input), in a block of exactly that size; a sound one
 *      prints and reads back the same.
 * Every sound summary is merged with itself: the merge either reports an
 * overflow and leaves it unchanged, or gives a sound summary.
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment_summary.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_segment_summary_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* The text form, malloc'd; the length query, the write and a short buffer agree. */
static char *
format_summary(const cf_segment *s)
{
	size_t		need = cf_segment_format(s, NULL, 0);
	char	   *buf = malloc(need + 1);
	char		small[8];

	REQUIRE(buf != NULL);
	REQUIRE(cf_segment_format(s, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	REQUIRE(cf_segment_format(s, small, sizeof(small)) == need);
	REQUIRE(strlen(small) == (need < sizeof(small) ? need : sizeof(small) - 1));
	return buf;
}

/* Text of a sound summary reads back to the same bytes, in the current and the 1.0 form. */
static void
check_round_trip(const cf_segment *s)
{
	cf_error	why;
	char	   *text = format_summary(s);
	char	   *again;
	char	   *old;
	const char *rest;
	cf_segment	back;
	size_t		n;

	REQUIRE(cf_error_detail(cf_segment_parse(text, &back, &why), &why) == NULL);
	back.vl_len_ = s->vl_len_;
	REQUIRE(memcmp(&back, s, sizeof(back)) == 0);
	again = format_summary(&back);
	REQUIRE(strcmp(again, text) == 0);

	/* the 1.0 form: "v1;as_of=<microseconds>" and the same fields after */
	rest = strchr(text + strlen("v2;as_of="), ';');
	REQUIRE(strncmp(text, "v2;as_of=", 9) == 0 && rest != NULL);
	n = (size_t) snprintf(NULL, 0, "v1;as_of=%lld%s", (long long) s->as_of, rest);
	old = malloc(n + 1);
	REQUIRE(old != NULL);
	snprintf(old, n + 1, "v1;as_of=%lld%s", (long long) s->as_of, rest);
	REQUIRE(cf_error_detail(cf_segment_parse(old, &back, &why), &why) == NULL);
	back.vl_len_ = s->vl_len_;
	REQUIRE(memcmp(&back, s, sizeof(back)) == 0);
	free(old);
	free(again);
	free(text);
}

static void
check_merge(const cf_segment *s)
{
	cf_error	why;
	cf_segment	sum = *s;

	if (!cf_segment_merge(&sum, s))
		REQUIRE(memcmp(&sum, s, sizeof(sum)) == 0);
	else
		REQUIRE(cf_error_detail(cf_segment_check(&sum, sizeof(sum), &why), &why) == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cf_error	why;
	char	   *text = malloc(size + 1);
	cf_segment	s;
	cf_segment *stored;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	if (cf_error_detail(cf_segment_parse(text, &s, &why), &why) == NULL)
	{
		REQUIRE(cf_error_detail(cf_segment_check(&s, sizeof(s), &why), &why) == NULL);
		check_round_trip(&s);
		check_merge(&s);
	}
	free(text);

	stored = malloc(size ? size : 1);
	REQUIRE(stored != NULL);
	memcpy(stored, data, size);
	if (cf_error_detail(cf_segment_check(stored, size, &why), &why) == NULL)
	{
		check_round_trip(stored);
		check_merge(stored);
	}
	free(stored);
	return 0;
}
