/*
 * fuzz_response_time_parse.c — libFuzzer harness for the response_time_state
 * text form and stored form (core/response_time.c; a two-pass parser: count,
 * then fill a block of exactly the counted size).
 *
 * The input, as text, never crashes the parser; an accepted value is sound
 * (its *_problem check), formats with a length query that agrees with the
 * write, and its text parses back to a value with the same text.  The input's
 * bytes are also checked as a stored value (*_problem) in a block of exactly
 * their size; a value accepted there prints, and its text reads back.  A
 * broken property calls abort().
 */
#define FUZZ_NAME "fuzz_response_time_parse"
#include "state_text_harness.h"

#include "response_time.h"

/* A parsed response-time sketch, malloc'd at its exact size, or NULL. */
DEFINE_TWO_PASS_PARSE(response_time_parse, cf_response_time_sketch, cf_response_time_parse,
					  cf_response_time_size, INT_MAX, nbuckets)

static void
response_time_exercise(const cf_response_time_sketch *s)
{
	cf_error	why;
	cf_response_time_sketch *m;
	int			n;

	if (s->responses > 0)
	{
		double		q0 = cf_response_time_quantile(s, 0.0),
					q5 = cf_response_time_quantile(s, 0.5),
					q1 = cf_response_time_quantile(s, 1.0);

		REQUIRE(q0 <= q5 && q5 <= q1);
		(void) cf_response_time_mean(s);
	}
	n = cf_response_time_merged_buckets(s, s);
	REQUIRE(n == s->nbuckets);
	m = malloc(cf_response_time_size(n));
	REQUIRE(m != NULL);
	if (cf_response_time_merge(m, s, s))
	{
		m->vl_len_ = (int32_t) cf_response_time_size(n);
		REQUIRE(m->responses == 2 * s->responses);
		REQUIRE(cf_error_detail(cf_response_time_check(m, cf_response_time_size(n), &why), &why) == NULL);
	}
	free(m);
}

static void
response_time_text(const char *text)
{
	cf_error	why;
	cf_response_time_sketch *s = response_time_parse(text),
			   *s2;
	char	   *t,
			   *t2;

	if (s == NULL)
		return;
	REQUIRE(cf_error_detail(cf_response_time_check(s, cf_response_time_size(s->nbuckets), &why), &why) == NULL);
	FORMAT_TEXT(cf_response_time_format, s, t);
	s2 = response_time_parse(t);
	if (s2 == NULL)
		fprintf(stderr, "fuzz_response_time_parse: own response-time text rejected: %s\n", t);
	REQUIRE(s2 != NULL);
	FORMAT_TEXT(cf_response_time_format, s2, t2);
	REQUIRE(strcmp(t, t2) == 0);
	response_time_exercise(s);
	free(t2);
	free(t);
	free(s2);
	free(s);
}

/* The bytes as a stored value. */
static void
stored(const uint8_t *data, size_t size)
{
	cf_error	why;
	void	   *block = input_block(data, size);
	char	   *t;

	if (cf_error_detail(cf_response_time_check(block, size, &why), &why) == NULL)
	{
		cf_response_time_sketch *s2;

		FORMAT_TEXT(cf_response_time_format, (cf_response_time_sketch *) block, t);
		s2 = response_time_parse(t);
		if (s2 == NULL)
			fprintf(stderr, "fuzz_response_time_parse: text of a sound stored sketch rejected: %s\n", t);
		REQUIRE(s2 != NULL);
		response_time_exercise(block);
		free(s2);
		free(t);
	}
	free(block);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = input_text(data, size);

	response_time_text(text);
	free(text);
	stored(data, size);
	return 0;
}
