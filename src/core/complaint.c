/*
 * complaint.c — complaint counts (see complaint.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "complaint.h"

void
cf_complaint_init(cf_complaint_counts *s)
{
	s->version = CF_COMPLAINT_FORMAT_VERSION;
	s->reserved = 0;
	s->orders = 0;
	s->complaints = 0;
}

bool
cf_complaint_merge(cf_complaint_counts *dst, const cf_complaint_counts *src)
{
	int64_t		orders,
				complaints;

	if (__builtin_add_overflow(dst->orders, src->orders, &orders) ||
		__builtin_add_overflow(dst->complaints, src->complaints, &complaints))
		return false;
	dst->orders = orders;
	dst->complaints = complaints;
	return true;
}

size_t
cf_complaint_format(const cf_complaint_counts *s, char *buf, size_t buflen)
{
	return (size_t) snprintf(buf, buflen, "v%d orders=%lld complaints=%lld", CF_COMPLAINT_FORMAT_VERSION,
							 (long long) s->orders, (long long) s->complaints);
}

const char *
cf_complaint_problem(const cf_complaint_counts *s)
{
	if (s->version != CF_COMPLAINT_FORMAT_VERSION)
		return "unknown format version";
	if (s->orders < 0 || s->complaints < 0)
		return "counts must not be negative";
	return NULL;
}

const char *
cf_complaint_parse(const char *text, cf_complaint_counts *out)
{
	const char *p = text;

	cf_complaint_init(out);
	if (!expect(&p, "v1"))
		return "expected the format version \"v1\" at the start";
	if (!expect(&p, "orders=") || !parse_count(&p, &out->orders) ||
		!expect(&p, "complaints=") || !parse_count(&p, &out->complaints))
		return "expected \"orders=<count> complaints=<count>\" with counts below 2^63";
	if (!at_end(p))
		return "unexpected text after the last count";
	return NULL;
}
