/*
 * service_level.c — service levels (see service_level.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "service_level.h"

const char *const cf_service_level_names[CF_SERVICE_LEVELS] = {"low", "standard", "wow"};

const char *
cf_tolerance_problem(double tolerance)
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
	size_t		len = 0;

	APPEND(buf, buflen, len, "v%d tolerance=", CF_SERVICE_LEVEL_FORMAT_VERSION);
	append_double(buf, buflen, &len, s->tolerance);
	APPEND(buf, buflen, len, " low=%lld standard=%lld wow=%lld",
		   (long long) s->counts[0], (long long) s->counts[1], (long long) s->counts[2]);
	return len;
}

const char *
cf_service_level_problem(const cf_service_level_counts *s)
{
	const char *problem;
	int64_t		total;
	int			i;

	if (s->version != CF_SERVICE_LEVEL_FORMAT_VERSION)
		return "unknown format version";
	if ((problem = cf_tolerance_problem(s->tolerance)) != NULL)
		return problem;
	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		if (s->counts[i] < 0)
			return "counts must not be negative";
	if (__builtin_add_overflow(s->counts[0], s->counts[1], &total) ||
		__builtin_add_overflow(total, s->counts[2], &total))
		return "the total count must be below 2^63";
	return NULL;
}

const char *
cf_service_level_parse(const char *text, cf_service_level_counts *out)
{
	const char *p = text;
	double		tolerance;

	if (!expect(&p, "v1"))
		return "expected the format version \"v1\" at the start";
	if (!expect(&p, "tolerance=") || !parse_double(&p, &tolerance))
		return "expected \"tolerance=<number>\"";
	cf_service_level_init(out, tolerance);
	if (!expect(&p, "low=") || !parse_count(&p, &out->counts[0]) ||
		!expect(&p, "standard=") || !parse_count(&p, &out->counts[1]) ||
		!expect(&p, "wow=") || !parse_count(&p, &out->counts[2]))
		return "expected \"low=<count> standard=<count> wow=<count>\" with counts below 2^63";
	if (!at_end(p))
		return "unexpected text after the last count";
	return cf_service_level_problem(out);
}
