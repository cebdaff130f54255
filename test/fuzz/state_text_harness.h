/*
 * state_text_harness.h — what the harnesses of the service-quality states
 * share (fuzz_service_level_parse.c, fuzz_complaint_parse.c,
 * fuzz_response_time_parse.c, fuzz_ipa_parse.c); each defines FUZZ_NAME, the
 * harness name for failure messages, before including it.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, FUZZ_NAME ": property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* Formats with a length query, checks it, returns the malloc'd text. */
#define FORMAT_TEXT(fn, value, out) \
	do { \
		size_t		need_ = fn((value), NULL, 0); \
		(out) = malloc(need_ + 1); \
		REQUIRE((out) != NULL); \
		REQUIRE(fn((value), (out), need_ + 1) == need_); \
		REQUIRE(strlen(out) == need_); \
	} while (0)

/*
 * Defines static type *name(const char *text) over a two-pass parser
 * parse(text, out, &count, err): the first pass (out NULL) counts, the second
 * fills a block of exactly size(count) bytes.  The value, malloc'd at that
 * size, or NULL when a pass refuses the text; the count is at most max and
 * equals the value's count_member.  The type's header comes first.
 */
#define DEFINE_TWO_PASS_PARSE(name, type, parse, size, max, count_member) \
	static type * \
	name(const char *text) \
	{ \
		cf_error	why; \
		int			n = -1, \
					n2; \
		type	   *s; \
		\
		if (parse(text, NULL, &n, &why) != CF_OK) \
			return NULL; \
		REQUIRE(n >= 0 && n <= (max)); \
		s = malloc(size(n)); \
		REQUIRE(s != NULL); \
		n2 = n;					/* the second pass takes the count of the first */ \
		if (parse(text, s, &n2, &why) != CF_OK) \
		{ \
			/* only the first pass may reject the syntax; the second checks the values */ \
			free(s); \
			return NULL; \
		} \
		REQUIRE(n2 == n && s->count_member == n); \
		s->vl_len_ = (int32_t) size(n); \
		return s; \
	}

/* The input as a NUL-terminated string (malloc'd). */
static char *
input_text(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

/* The input's bytes in a block of exactly their size (malloc'd), as a stored value would be. */
static void *
input_block(const uint8_t *data, size_t size)
{
	void	   *block = malloc(size ? size : 1);

	REQUIRE(block != NULL);
	memcpy(block, data, size);
	return block;
}
