/*
 * fuzz_service_level_parse.c — libFuzzer harness for the service_level_state
 * text form and stored form (core/service_level.c).
 *
 * The input, as text, never crashes the parser; an accepted value is sound
 * (its *_problem check), formats with a length query that agrees with the
 * write, and its text parses back to a value with the same text.  The input's
 * bytes are also checked as a stored value (*_problem) in a block of exactly
 * their size; a value accepted there prints, and its text reads back.  A
 * broken property calls abort().
 */
#define FUZZ_NAME "fuzz_service_level_parse"
#include "state_text_harness.h"

#include "service_level.h"

static void
service_level_text(const char *text)
{
	cf_error	why;
	cf_service_level_counts a,
				b;
	char	   *t,
			   *t2;

	if (cf_error_detail(cf_service_level_parse(text, &a, &why), &why) != NULL)
		return;
	a.vl_len_ = sizeof(a);
	REQUIRE(cf_error_detail(cf_service_level_check(&a, &why), &why) == NULL);
	FORMAT_TEXT(cf_service_level_format, &a, t);
	REQUIRE(cf_error_detail(cf_service_level_parse(t, &b, &why), &why) == NULL);
	FORMAT_TEXT(cf_service_level_format, &b, t2);
	REQUIRE(strcmp(t, t2) == 0);
	b = a;
	if (cf_service_level_merge(&b, &a))
		REQUIRE(cf_service_level_total(&b) == 2 * cf_service_level_total(&a));
	free(t2);
	free(t);
}

/* The bytes as a stored value. */
static void
stored(const uint8_t *data, size_t size)
{
	cf_error	why;
	void	   *block = input_block(data, size);
	char	   *t;

	if (size == sizeof(cf_service_level_counts) && cf_error_detail(cf_service_level_check(block, &why), &why) == NULL)
	{
		cf_service_level_counts b;

		FORMAT_TEXT(cf_service_level_format, (cf_service_level_counts *) block, t);
		REQUIRE(cf_error_detail(cf_service_level_parse(t, &b, &why), &why) == NULL);
		free(t);
	}
	free(block);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = input_text(data, size);

	service_level_text(text);
	free(text);
	stored(data, size);
	return 0;
}
