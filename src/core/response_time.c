/*
 * response_time.c — response-time sketches (see response_time.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "text_form.h"
#include "response_time.h"

static double
response_time_gamma(void)
{
	return (1 + CF_RESPONSE_TIME_ACCURACY) / (1 - CF_RESPONSE_TIME_ACCURACY);
}

static double
response_time_log_gamma(void)
{
	static double lg = 0;

	if (lg == 0)
		lg = log(response_time_gamma());
	return lg;
}

int32_t
cf_response_time_key(double seconds)
{
	if (seconds < CF_RESPONSE_TIME_MIN_INDEXED)
		seconds = CF_RESPONSE_TIME_MIN_INDEXED;
	return (int32_t) ceil(log(seconds) / response_time_log_gamma());
}

/* The representative of bucket k: within a relative CF_RESPONSE_TIME_ACCURACY of its times. */
static double
response_time_bucket_value(int32_t key)
{
	return 2.0 * exp(key * response_time_log_gamma()) / (response_time_gamma() + 1.0);
}

static const char *
response_time_target_problem_words(double target)
{
	if (isnan(target) || isinf(target))
		return "the target must be a finite number";
	if (target < 0)
		return "the target must not be negative";
	if (target > CF_RESPONSE_TIME_MAX_SECONDS)
		return "the target must be at most 1e12 seconds";
	return NULL;
}

bool
cf_response_time_time_ok(double seconds)
{
	return seconds >= 0 && seconds <= CF_RESPONSE_TIME_MAX_SECONDS;	/* false for NaN */
}

size_t
cf_response_time_size(int nbuckets)
{
	return offsetof(cf_response_time_sketch, data) + (size_t) nbuckets * (sizeof(int64_t) + sizeof(int32_t));
}

void
cf_response_time_init(cf_response_time_sketch *s, double target)
{
	s->version = CF_RESPONSE_TIME_FORMAT_VERSION;
	s->reserved = 0;
	s->nbuckets = 0;
	s->reserved2 = 0;
	s->target = target;
	s->responses = 0;
	s->compliant = 0;
	s->zeros = 0;
	s->min = 0;
	s->max = 0;
	s->sum = cf_fix_from_double(0);
}

/* Index of key, or -(insertion point) - 1. */
static int
response_time_find(cf_response_time_sketch *s, int32_t key)
{
	int32_t    *keys = cf_response_time_keys(s);
	int			lo = 0,
				hi = s->nbuckets;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (keys[mid] < key)
			lo = mid + 1;
		else if (keys[mid] > key)
			hi = mid;
		else
			return mid;
	}
	return -lo - 1;
}

int
cf_response_time_add(cf_response_time_sketch *s, double seconds, int32_t *key)
{
	cf_fixsum	sum = s->sum;
	int			pos = -1;

	if (seconds > 0)
	{
		*key = cf_response_time_key(seconds);
		pos = response_time_find(s, *key);
		if (pos < 0)
			return 1;
		if (cf_response_time_counts(s)[pos] == INT64_MAX)
			return -1;
	}
	if (s->responses == INT64_MAX || !cf_fix_add(&sum, cf_fix_from_double(seconds)))
		return -1;
	if (pos >= 0)
		cf_response_time_counts(s)[pos]++;
	else
		s->zeros++;
	if (s->responses == 0 || seconds < s->min)
		s->min = seconds;
	if (s->responses == 0 || seconds > s->max)
		s->max = seconds;
	s->responses++;
	if (seconds <= s->target)
		s->compliant++;
	s->sum = sum;
	return 0;
}

/* Copies the header fields after the varlena word. */
static void
response_time_copy_header(cf_response_time_sketch *dst, const cf_response_time_sketch *src)
{
	memcpy((char *) dst + sizeof(int32_t), (const char *) src + sizeof(int32_t),
		   offsetof(cf_response_time_sketch, data) - sizeof(int32_t));
}

void
cf_response_time_copy_with_key(cf_response_time_sketch *dst, const cf_response_time_sketch *src, int32_t key)
{
	cf_response_time_sketch *s = (cf_response_time_sketch *) src;
	int			n = src->nbuckets,
				i,
				j = 0;
	int64_t    *sc = cf_response_time_counts(s);
	int32_t    *sk = cf_response_time_keys(s);
	int64_t    *dc;
	int32_t    *dk;
	bool		placed = false;

	response_time_copy_header(dst, src);
	dst->nbuckets = n + 1;
	dc = cf_response_time_counts(dst);
	dk = cf_response_time_keys(dst);
	for (i = 0; i < n; i++)
	{
		if (!placed && key < sk[i])
		{
			dk[j] = key;
			dc[j++] = 0;
			placed = true;
		}
		dk[j] = sk[i];
		dc[j++] = sc[i];
	}
	if (!placed)
	{
		dk[j] = key;
		dc[j] = 0;
	}
}

int
cf_response_time_merged_buckets(const cf_response_time_sketch *a, const cf_response_time_sketch *b)
{
	int32_t    *ka = cf_response_time_keys((cf_response_time_sketch *) a);
	int32_t    *kb = cf_response_time_keys((cf_response_time_sketch *) b);
	int			i = 0,
				j = 0,
				n = 0;

	while (i < a->nbuckets || j < b->nbuckets)
	{
		if (j >= b->nbuckets || (i < a->nbuckets && ka[i] < kb[j]))
			i++;
		else if (i >= a->nbuckets || kb[j] < ka[i])
			j++;
		else
		{
			i++;
			j++;
		}
		n++;
	}
	return n;
}

bool
cf_response_time_merge(cf_response_time_sketch *dst, const cf_response_time_sketch *a, const cf_response_time_sketch *b)
{
	cf_response_time_sketch *sa = (cf_response_time_sketch *) a,
			   *sb = (cf_response_time_sketch *) b;
	int64_t    *ca = cf_response_time_counts(sa),
			   *cb = cf_response_time_counts(sb),
			   *dc;
	int32_t    *ka = cf_response_time_keys(sa),
			   *kb = cf_response_time_keys(sb),
			   *dk;
	int			i = 0,
				j = 0,
				n = 0;

	response_time_copy_header(dst, a);
	dst->nbuckets = cf_response_time_merged_buckets(a, b);
	dc = cf_response_time_counts(dst);
	dk = cf_response_time_keys(dst);
	if (__builtin_add_overflow(a->responses, b->responses, &dst->responses) ||
		__builtin_add_overflow(a->compliant, b->compliant, &dst->compliant) ||
		__builtin_add_overflow(a->zeros, b->zeros, &dst->zeros) ||
		!cf_fix_add(&dst->sum, b->sum))
		return false;
	if (a->responses == 0 || (b->responses > 0 && b->min < a->min))
		dst->min = b->min;
	if (a->responses == 0 || (b->responses > 0 && b->max > a->max))
		dst->max = b->max;
	while (i < a->nbuckets || j < b->nbuckets)
	{
		if (j >= b->nbuckets || (i < a->nbuckets && ka[i] < kb[j]))
		{
			dk[n] = ka[i];
			dc[n] = ca[i++];
		}
		else if (i >= a->nbuckets || kb[j] < ka[i])
		{
			dk[n] = kb[j];
			dc[n] = cb[j++];
		}
		else
		{
			dk[n] = ka[i];
			if (__builtin_add_overflow(ca[i], cb[j], &dc[n]))
				return false;
			i++;
			j++;
		}
		n++;
	}
	return true;
}

double
cf_response_time_mean(const cf_response_time_sketch *s)
{
	return cf_fix_to_double(s->sum) / (double) s->responses;
}

/* Estimate of the order statistic of 0-based rank j. */
static double
response_time_order_statistic(const cf_response_time_sketch *s, int64_t j)
{
	cf_response_time_sketch *ss = (cf_response_time_sketch *) s;
	int64_t    *counts = cf_response_time_counts(ss);
	int32_t    *keys = cf_response_time_keys(ss);
	int64_t		seen = s->zeros;
	int			i;

	if (j <= 0)
		return s->min;
	if (j >= s->responses - 1)
		return s->max;
	if (j < seen)
		return 0.0;
	for (i = 0; i < s->nbuckets; i++)
	{
		seen += counts[i];
		if (j < seen)
		{
			double		v = response_time_bucket_value(keys[i]);

			return v < s->min ? s->min : (v > s->max ? s->max : v);
		}
	}
	return s->max;				/* not reached for a sound sketch */
}

double
cf_response_time_quantile(const cf_response_time_sketch *s, double p)
{
	double		rank = p * (double) (s->responses - 1);
	double		lo = floor(rank),
				hi = ceil(rank);
	double		first = response_time_order_statistic(s, (int64_t) lo);

	double		v;

	if (hi <= lo)
		return first;
	v = first + (rank - lo) * (response_time_order_statistic(s, (int64_t) hi) - first);
	return v < s->min ? s->min : (v > s->max ? s->max : v);	/* rounding */
}

size_t
cf_response_time_format(const cf_response_time_sketch *s, char *buf, size_t buflen)
{
	cf_response_time_sketch *ss = (cf_response_time_sketch *) s;
	int64_t    *counts = cf_response_time_counts(ss);
	int32_t    *keys = cf_response_time_keys(ss);
	cf_tf_writer w;
	int			i;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_RESPONSE_TIME_TEXT_VERSION);
	cf_tf_put_key(&w, "target");
	cf_tf_put_double_digits(&w, s->target, CF_TF_SHORTEST);
	cf_tf_put_key(&w, "accuracy");
	cf_tf_put_double_digits(&w, CF_RESPONSE_TIME_ACCURACY, CF_TF_SHORTEST);
	cf_tf_put_key(&w, "responses");
	cf_tf_put_int64(&w, s->responses);
	cf_tf_put_key(&w, "compliant");
	cf_tf_put_int64(&w, s->compliant);
	cf_tf_put_key(&w, "min");
	cf_tf_put_double_digits(&w, s->min, CF_TF_SHORTEST);
	cf_tf_put_key(&w, "max");
	cf_tf_put_double_digits(&w, s->max, CF_TF_SHORTEST);
	cf_tf_put_key(&w, "sum");
	cf_fix_put(&w, s->sum);
	cf_tf_put_key(&w, "zeros");
	cf_tf_put_int64(&w, s->zeros);
	cf_tf_put_key(&w, "buckets");
	for (i = 0; i < s->nbuckets; i++)
	{
		cf_poll_entry((size_t) i);
		if (i > 0)
			cf_tf_put_char(&w, ',');
		cf_tf_put_int64(&w, keys[i]);
		cf_tf_put_char(&w, ':');
		cf_tf_put_int64(&w, counts[i]);
	}
	return w.len;
}

/* Consistency of a complete sketch (header and buckets). */
static const char *
response_time_check(const cf_response_time_sketch *s)
{
	cf_response_time_sketch *ss = (cf_response_time_sketch *) s;
	int64_t    *counts = cf_response_time_counts(ss);
	int32_t    *keys = cf_response_time_keys(ss);
	int32_t		lowest = cf_response_time_key(CF_RESPONSE_TIME_MIN_INDEXED),
				highest = cf_response_time_key(CF_RESPONSE_TIME_MAX_SECONDS);
	int64_t		total = s->zeros;
	double		sum = cf_fix_to_double(s->sum);
	const char *problem;
	int			i;

	if (s->version != CF_RESPONSE_TIME_FORMAT_VERSION)
		return "unknown format version";
	if ((problem = response_time_target_problem_words(s->target)) != NULL)
		return problem;
	if (s->responses < 0 || s->compliant < 0 || s->zeros < 0 || s->compliant > s->responses)
		return "counts must not be negative and compliant responses at most all responses";
	if (s->nbuckets < 0 || s->nbuckets > highest - lowest + 1)
		return "too many buckets";
	for (i = 0; i < s->nbuckets; i++)
	{
		if (keys[i] < lowest || keys[i] > highest || (i > 0 && keys[i] <= keys[i - 1]))
			return "bucket keys must be ascending and within the range of times";
		if (counts[i] <= 0 || __builtin_add_overflow(total, counts[i], &total))
			return "bucket counts must be positive with a total below 2^63";
	}
	if (total != s->responses)
		return "the bucket counts and zeros do not add up to the responses";
	if (!(isfinite(s->min) && isfinite(s->max) && s->min >= 0 && s->min <= s->max &&
		  s->max <= CF_RESPONSE_TIME_MAX_SECONDS))
		return "min and max must satisfy 0 <= min <= max <= 1e12";
	if (s->responses == 0)
	{
		if (s->min != 0 || s->max != 0 || sum != 0)
			return "a sketch without responses must have min, max and sum 0";
		return NULL;
	}
	/* min and max must be times the counts say were there. */
	if ((s->zeros > 0) != (s->min == 0) || (s->zeros == s->responses) != (s->max == 0) ||
		(s->responses == 1 && s->min != s->max))
		return "min and max do not agree with the zeros and the number of responses";
	/* (Within one key: another machine's log() may round a boundary time the other way.) */
	if (s->nbuckets > 0 &&
		((s->zeros == 0 && abs(keys[0] - cf_response_time_key(s->min)) > 1) ||
		 abs(keys[s->nbuckets - 1] - cf_response_time_key(s->max)) > 1))
		return "min and max do not lie in the lowest and highest buckets";
	if ((s->max <= s->target && s->compliant != s->responses) || (s->min > s->target && s->compliant != 0))
		return "the compliant count does not agree with min, max and the target";
	/*
	 * Each time enters the sum rounded to 2^-32 s, so the slack grows with the
	 * responses: a bound that holds for two states then holds for their merge.
	 */
	if (!(sum >= s->min * (double) s->responses * (1 - 1e-9) - 2.4e-10 * (double) s->responses &&
		  sum <= s->max * (double) s->responses * (1 + 1e-9) + 2.4e-10 * (double) s->responses))
		return "the sum must lie between responses times min and responses times max";
	return NULL;
}

static const char *
response_time_parse_words(const char *text, cf_response_time_sketch *out, int *nbuckets)
{
	cf_tf_reader r;
	cf_tf_span	s;
	cf_response_time_sketch h;
	double		accuracy;
	int			n = 0;

	memset(&h, 0, sizeof(h));
	h.version = CF_RESPONSE_TIME_FORMAT_VERSION;
	if (!cf_tf_begin_or_v1(&r, text, strlen(text), CF_RESPONSE_TIME_TEXT_VERSION))
		return "expected the format version \"v2;\" at the start";
	if (!cf_tf_take_double(&r, "target", &h.target))
		return "expected \"target=<seconds>\"";
	if (!cf_tf_take_double(&r, "accuracy", &accuracy) || accuracy != CF_RESPONSE_TIME_ACCURACY)
		return "expected \"accuracy=0.01\"";
	if (!cf_tf_take_int64(&r, "responses", 0, INT64_MAX, &h.responses) ||
		!cf_tf_take_int64(&r, "compliant", 0, INT64_MAX, &h.compliant))
		return "expected \"responses=<count>;compliant=<count>\"";
	if (!cf_tf_take_double(&r, "min", &h.min) || !cf_tf_take_double(&r, "max", &h.max))
		return "expected \"min=<seconds>;max=<seconds>\"";
	if (!cf_tf_take(&r, "sum", &s) || !cf_fix_take(&s, &h.sum) || !cf_tf_done(&s))
		return "expected \"sum=<seconds>\"";
	if (!cf_tf_take_int64(&r, "zeros", 0, INT64_MAX, &h.zeros))
		return "expected \"zeros=<count>\"";
	if (!cf_tf_take(&r, "buckets", &s))
		return "expected \"buckets=\" followed by key:count pairs";
	if (out)
	{
		response_time_copy_header(out, &h);
		out->nbuckets = *nbuckets;
	}
	while (!cf_tf_done(&s))
	{
		int64_t		key,
					count;

		cf_poll_entry((size_t) n);
		if (n > 0 && !cf_tf_char(&s, ','))
			return "expected key:count pairs separated by commas";
		if (!cf_tf_int64(&s, INT32_MIN, INT32_MAX, &key) || !cf_tf_char(&s, ':'))
			return "expected key:count pairs separated by commas";
		if (!cf_tf_int64(&s, 0, INT64_MAX, &count))
			return "bucket counts must be non-negative integers below 2^63";
		if (out)
		{
			if (n >= *nbuckets)
				return "the number of buckets changed between passes";
			cf_response_time_keys(out)[n] = (int32_t) key;
			cf_response_time_counts(out)[n] = count;
		}
		n++;
		if (n > 100000)
			return "too many buckets";
	}
	if (!cf_tf_at_end(&r))
		return "unexpected text after the last bucket";
	if (!out)
	{
		*nbuckets = n;
		return NULL;
	}
	return response_time_check(out);
}

static const char *
response_time_problem_words(const cf_response_time_sketch *s, size_t size)
{
	if (size < offsetof(cf_response_time_sketch, data))
		return "the value is too short";
	if (s->nbuckets < 0 || s->nbuckets > 100000 || size != cf_response_time_size(s->nbuckets))
		return "the size does not match the number of buckets";
	return response_time_check(s);
}

int
cf_response_time_target_check(double target, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, response_time_target_problem_words(target));
}

int
cf_response_time_parse(const char *text, cf_response_time_sketch *out, int *nbuckets, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, response_time_parse_words(text, out, nbuckets));
}

int
cf_response_time_check(const cf_response_time_sketch *s, size_t size, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, response_time_problem_words(s, size));
}
