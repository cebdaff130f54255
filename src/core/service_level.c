/*
 * service_level.c — service levels (see service_level.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_form.h"
#include "service_level.h"

const char *const cf_service_level_names[CF_SERVICE_LEVELS] = {"low", "standard", "wow"};

static const char *
tolerance_problem_words(double tolerance)
{
	if (isnan(tolerance) || isinf(tolerance))
		return "the tolerance must be a finite number";
	if (tolerance < 0)
		return "the tolerance must not be negative";
	return NULL;
}

cf_service_level
cf_service_level_of(double expected, double perceived, double tolerance)
{
	if (perceived < expected - tolerance)
		return CF_SERVICE_LEVEL_LOW;
	if (perceived > expected + tolerance)
		return CF_SERVICE_LEVEL_WOW;
	return CF_SERVICE_LEVEL_STANDARD;
}

void
cf_service_level_init(cf_service_level_counts *s, double tolerance)
{
	s->version = CF_SERVICE_LEVEL_FORMAT_VERSION;
	s->reserved = 0;
	s->tolerance = tolerance;
	memset(s->counts, 0, sizeof(s->counts));
}

int64_t
cf_service_level_total(const cf_service_level_counts *s)
{
	/* Cannot overflow: every way of building a state checks the total. */
	return s->counts[0] + s->counts[1] + s->counts[2];
}

bool
cf_service_level_merge(cf_service_level_counts *dst, const cf_service_level_counts *src)
{
	int64_t		sum[CF_SERVICE_LEVELS],
				total;
	int			i;

	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		if (__builtin_add_overflow(dst->counts[i], src->counts[i], &sum[i]))
			return false;
	if (__builtin_add_overflow(sum[0], sum[1], &total) || __builtin_add_overflow(total, sum[2], &total))
		return false;
	memcpy(dst->counts, sum, sizeof(sum));
	return true;
}

size_t
cf_service_level_format(const cf_service_level_counts *s, char *buf, size_t buflen)
{
	cf_tf_writer w;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_SERVICE_LEVEL_TEXT_VERSION);
	cf_tf_put_key(&w, "tolerance");
	cf_tf_put_double_digits(&w, s->tolerance, CF_TF_SHORTEST);
	cf_tf_put_key(&w, "low");
	cf_tf_put_int64(&w, s->counts[0]);
	cf_tf_put_key(&w, "standard");
	cf_tf_put_int64(&w, s->counts[1]);
	cf_tf_put_key(&w, "wow");
	cf_tf_put_int64(&w, s->counts[2]);
	return w.len;
}

static const char *
service_level_problem_words(const cf_service_level_counts *s)
{
	const char *problem;
	int64_t		total;
	int			i;

	if (s->version != CF_SERVICE_LEVEL_FORMAT_VERSION)
		return "unknown format version";
	if ((problem = tolerance_problem_words(s->tolerance)) != NULL)
		return problem;
	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		if (s->counts[i] < 0)
			return "counts must not be negative";
	if (__builtin_add_overflow(s->counts[0], s->counts[1], &total) ||
		__builtin_add_overflow(total, s->counts[2], &total))
		return "the total count must be below 2^63";
	return NULL;
}

static const char *
service_level_parse_words(const char *text, cf_service_level_counts *out)
{
	cf_tf_reader r;
	double		tolerance;

	if (!cf_tf_begin_or_v1(&r, text, strlen(text), CF_SERVICE_LEVEL_TEXT_VERSION))
		return "expected the format version \"v2;\" at the start";
	if (!cf_tf_take_double(&r, "tolerance", &tolerance))
		return "expected \"tolerance=<number>\"";
	cf_service_level_init(out, tolerance);
	if (!cf_tf_take_int64(&r, "low", 0, INT64_MAX, &out->counts[0]) ||
		!cf_tf_take_int64(&r, "standard", 0, INT64_MAX, &out->counts[1]) ||
		!cf_tf_take_int64(&r, "wow", 0, INT64_MAX, &out->counts[2]))
		return "expected \"low=<count>;standard=<count>;wow=<count>\" with counts below 2^63";
	if (!cf_tf_at_end(&r))
		return "unexpected text after the last count";
	return service_level_problem_words(out);
}

int
cf_tolerance_check(double tolerance, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, tolerance_problem_words(tolerance));
}

int
cf_service_level_parse(const char *text, cf_service_level_counts *out, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, service_level_parse_words(text, out));
}

int
cf_service_level_check(const cf_service_level_counts *s, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, service_level_problem_words(s));
}
