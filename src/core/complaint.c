/*
 * complaint.c — complaint counts (see complaint.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_form.h"
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
	cf_tf_writer w;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_COMPLAINT_TEXT_VERSION);
	cf_tf_put_key(&w, "orders");
	cf_tf_put_int64(&w, s->orders);
	cf_tf_put_key(&w, "complaints");
	cf_tf_put_int64(&w, s->complaints);
	return w.len;
}

static const char *
complaint_problem_words(const cf_complaint_counts *s)
{
	if (s->version != CF_COMPLAINT_FORMAT_VERSION)
		return "unknown format version";
	if (s->orders < 0 || s->complaints < 0)
		return "counts must not be negative";
	return NULL;
}

static const char *
complaint_parse_words(const char *text, cf_complaint_counts *out)
{
	cf_tf_reader r;

	cf_complaint_init(out);
	if (!cf_tf_begin_or_v1(&r, text, strlen(text), CF_COMPLAINT_TEXT_VERSION))
		return "expected the format version \"v2;\" at the start";
	if (!cf_tf_take_int64(&r, "orders", 0, INT64_MAX, &out->orders) ||
		!cf_tf_take_int64(&r, "complaints", 0, INT64_MAX, &out->complaints))
		return "expected \"orders=<count>;complaints=<count>\" with counts below 2^63";
	if (!cf_tf_at_end(&r))
		return "unexpected text after the last count";
	return NULL;
}

int
cf_complaint_parse(const char *text, cf_complaint_counts *out, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, complaint_parse_words(text, out));
}

int
cf_complaint_check(const cf_complaint_counts *s, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, complaint_problem_words(s));
}
