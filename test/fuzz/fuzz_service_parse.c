/*
 * fuzz_service_parse.c — libFuzzer harness for the text and stored forms of
 * the service states (core/service_level.c, complaint.c, response_time.c, ipa.c): service levels, complaints, response
 * time sketches and importance-performance states.
 *
 * Every input goes, as text, to each of the four parsers (the two-pass ones
 * first count, then fill a block of exactly the counted size): never crashes;
 * an accepted value is sound (its *_problem check), formats with a length
 * query that agrees with the write, and its text parses back to a value with
 * the same text.  The input's bytes are also checked as stored values
 * (*_problem) in blocks of exactly their size; a value accepted there prints,
 * and its text reads back.  A broken property calls abort().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "ipa.h"
#include "response_time.h"
#include "service_level.h"
#include "text.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_service_parse: property failed at line %d: %s\n", __LINE__, #cond); \
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

static void
service_level_text(const char *text)
{
	cf_service_level_counts a,
				b;
	char	   *t,
			   *t2;

	if (cf_service_level_parse(text, &a) != NULL)
		return;
	a.vl_len_ = sizeof(a);
	REQUIRE(cf_service_level_problem(&a) == NULL);
	FORMAT_TEXT(cf_service_level_format, &a, t);
	REQUIRE(cf_service_level_parse(t, &b) == NULL);
	FORMAT_TEXT(cf_service_level_format, &b, t2);
	REQUIRE(strcmp(t, t2) == 0);
	b = a;
	if (cf_service_level_merge(&b, &a))
		REQUIRE(cf_service_level_total(&b) == 2 * cf_service_level_total(&a));
	free(t2);
	free(t);
}

static void
complaint_text(const char *text)
{
	cf_complaint_counts a,
				b;
	char	   *t,
			   *t2;

	if (cf_complaint_parse(text, &a) != NULL)
		return;
	REQUIRE(cf_complaint_problem(&a) == NULL);
	FORMAT_TEXT(cf_complaint_format, &a, t);
	REQUIRE(cf_complaint_parse(t, &b) == NULL);
	FORMAT_TEXT(cf_complaint_format, &b, t2);
	REQUIRE(strcmp(t, t2) == 0);
	b = a;
	(void) cf_complaint_merge(&b, &a);
	free(t2);
	free(t);
}

/* A parsed response-time sketch, malloc'd at its exact size, or NULL. */
static cf_response_time_sketch *
response_time_parse(const char *text)
{
	int			n = -1,
				n2 = -1;
	cf_response_time_sketch *s;

	if (cf_response_time_parse(text, NULL, &n) != NULL)
		return NULL;
	REQUIRE(n >= 0);
	s = malloc(cf_response_time_size(n));
	REQUIRE(s != NULL);
	n2 = n;						/* the second pass takes the count of the first */
	if (cf_response_time_parse(text, s, &n2) != NULL)
	{
		/* Only the first pass may reject the syntax; the second checks the values. */
		free(s);
		return NULL;
	}
	REQUIRE(n2 == n && s->nbuckets == n);
	s->vl_len_ = (int32_t) cf_response_time_size(n);
	return s;
}

static void
response_time_exercise(const cf_response_time_sketch *s)
{
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
		REQUIRE(cf_response_time_problem(m, cf_response_time_size(n)) == NULL);
	}
	free(m);
}

static void
response_time_text(const char *text)
{
	cf_response_time_sketch *s = response_time_parse(text),
			   *s2;
	char	   *t,
			   *t2;

	if (s == NULL)
		return;
	REQUIRE(cf_response_time_problem(s, cf_response_time_size(s->nbuckets)) == NULL);
	FORMAT_TEXT(cf_response_time_format, s, t);
	s2 = response_time_parse(t);
	if (s2 == NULL)
		fprintf(stderr, "fuzz_service_parse: own response-time text rejected: %s\n", t);
	REQUIRE(s2 != NULL);
	FORMAT_TEXT(cf_response_time_format, s2, t2);
	REQUIRE(strcmp(t, t2) == 0);
	response_time_exercise(s);
	free(t2);
	free(t);
	free(s2);
	free(s);
}

static cf_ipa_state *
ipa_parse(const char *text)
{
	int			n = -1,
				n2 = -1;
	cf_ipa_state *s;

	if (cf_ipa_parse(text, NULL, &n) != NULL)
		return NULL;
	REQUIRE(n >= 0 && n <= CF_IPA_MAX_FACTORS);
	s = malloc(cf_ipa_size(n));
	REQUIRE(s != NULL);
	n2 = n;						/* the second pass takes the count of the first */
	if (cf_ipa_parse(text, s, &n2) != NULL)
	{
		/* Only the first pass may reject the syntax; the second checks the values. */
		free(s);
		return NULL;
	}
	REQUIRE(n2 == n && s->nfactors == n);
	s->vl_len_ = (int32_t) cf_ipa_size(n);
	return s;
}

static void
ipa_exercise(const cf_ipa_state *s)
{
	cf_ipa_row *rows = calloc((size_t) s->nfactors + 1, sizeof(cf_ipa_row));
	cf_ipa_state *m;
	double		gi,
				gp;
	int			n;

	REQUIRE(rows != NULL);
	cf_ipa_grand_means(s, &gi, &gp);
	cf_ipa_analyse(s, 3.0, 3.0, rows);
	n = cf_ipa_merged_factors(s, s);
	REQUIRE(n == s->nfactors);
	m = malloc(cf_ipa_size(n));
	REQUIRE(m != NULL);
	if (cf_ipa_merge(m, s, s))
	{
		m->vl_len_ = (int32_t) cf_ipa_size(n);
		REQUIRE(cf_ipa_problem(m, cf_ipa_size(n)) == NULL);
	}
	free(m);
	free(rows);
}

static void
ipa_text(const char *text)
{
	cf_ipa_state *s = ipa_parse(text),
			   *s2;
	char	   *t,
			   *t2;

	if (s == NULL)
		return;
	REQUIRE(cf_ipa_problem(s, cf_ipa_size(s->nfactors)) == NULL);
	FORMAT_TEXT(cf_ipa_format, s, t);
	s2 = ipa_parse(t);
	if (s2 == NULL)
		fprintf(stderr, "fuzz_service_parse: own ipa text rejected: %s\n", t);
	REQUIRE(s2 != NULL);
	FORMAT_TEXT(cf_ipa_format, s2, t2);
	REQUIRE(strcmp(t, t2) == 0);
	ipa_exercise(s);
	free(t2);
	free(t);
	free(s2);
	free(s);
}

/* The bytes as stored values of each type, in blocks of exactly their size. */
static void
stored(const uint8_t *data, size_t size)
{
	void	   *block = malloc(size ? size : 1);
	char	   *t;

	REQUIRE(block != NULL);
	memcpy(block, data, size);
	if (size == sizeof(cf_service_level_counts) && cf_service_level_problem(block) == NULL)
	{
		cf_service_level_counts b;

		FORMAT_TEXT(cf_service_level_format, (cf_service_level_counts *) block, t);
		REQUIRE(cf_service_level_parse(t, &b) == NULL);
		free(t);
	}
	if (size == sizeof(cf_complaint_counts) && cf_complaint_problem(block) == NULL)
	{
		cf_complaint_counts b;

		FORMAT_TEXT(cf_complaint_format, (cf_complaint_counts *) block, t);
		REQUIRE(cf_complaint_parse(t, &b) == NULL);
		free(t);
	}
	if (cf_response_time_problem(block, size) == NULL)
	{
		cf_response_time_sketch *s2;

		FORMAT_TEXT(cf_response_time_format, (cf_response_time_sketch *) block, t);
		s2 = response_time_parse(t);
		if (s2 == NULL)
			fprintf(stderr, "fuzz_service_parse: text of a sound stored sketch rejected: %s\n", t);
		REQUIRE(s2 != NULL);
		response_time_exercise(block);
		free(s2);
		free(t);
	}
	if (cf_ipa_problem(block, size) == NULL)
	{
		cf_ipa_state *s2;

		FORMAT_TEXT(cf_ipa_format, (cf_ipa_state *) block, t);
		s2 = ipa_parse(t);
		if (s2 == NULL)
			fprintf(stderr, "fuzz_service_parse: text of a sound stored ipa state rejected: %s\n", t);
		REQUIRE(s2 != NULL);
		ipa_exercise(block);
		free(s2);
		free(t);
	}
	free(block);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	service_level_text(text);
	complaint_text(text);
	response_time_text(text);
	ipa_text(text);
	free(text);
	stored(data, size);
	return 0;
}
