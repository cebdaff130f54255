/*
 * nps_weighted.c — weighted score distributions (NPS, CSAT, CES, custom scales).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nps_weighted.h"
#include "text_form.h"

/* The weight as SQL prints it: the shortest text that reads back, NaN, Infinity. */
static void
weight_text(double weight, char *text, size_t len)
{
	if (isnan(weight))
		snprintf(text, len, "NaN");
	else if (isinf(weight))
		snprintf(text, len, "%s", weight > 0 ? "Infinity" : "-Infinity");
	else
		cf_tf_format_double(weight, CF_TF_SHORTEST, text, len);
}

int
cf_weight_check(double weight, cf_error *err)
{
	char		text[CF_TF_DOUBLE_LEN];

	/* the usual case first, without a word written: this runs once per row */
	if (weight == 0 || (weight >= CF_WEIGHT_MIN && weight <= CF_WEIGHT_MAX))
		return CF_OK;
	weight_text(weight, text, sizeof(text));
	if (isnan(weight) || isinf(weight) || weight < 0)
		return cf_fail(err, CF_EINVAL, "invalid weight",
					   "The weight is %s; a weight must be a finite number, 0 or more.", text);
	return cf_fail(err, CF_ERANGE, "weight out of range",
				   "The weight is %s; a weight must be 0 or between 1e-100 and 1e100.", text);
}

size_t
cf_nps_weighted_size(const cf_score_scale *scale)
{
	return sizeof(cf_nps_weighted_state) +
		sizeof(cf_weighted_bucket) * (size_t) (scale->scale_max - scale->scale_min + 1);
}

void
cf_nps_weighted_init(cf_nps_weighted_state *st, const cf_score_scale *scale)
{
	st->version = CF_WEIGHTED_FORMAT_VERSION;
	st->nbuckets = (int16_t) (scale->scale_max - scale->scale_min + 1);
	st->scale_min = (int16_t) scale->scale_min;
	st->scale_max = (int16_t) scale->scale_max;
	st->promoter_min = (int16_t) scale->promoter_min;
	st->detractor_max = (int16_t) scale->detractor_max;
	st->skipped = 0;
	st->skipped_weight = (cf_dd) {0.0, 0.0};
	memset(st->buckets, 0, sizeof(cf_weighted_bucket) * (size_t) st->nbuckets);
}

cf_score_scale
cf_nps_weighted_scale(const cf_nps_weighted_state *st)
{
	cf_score_scale s;

	s.scale_min = st->scale_min;
	s.scale_max = st->scale_max;
	s.promoter_min = st->promoter_min;
	s.detractor_max = st->detractor_max;
	return s;
}

bool
cf_nps_weighted_same_scale(const cf_nps_weighted_state *a, const cf_nps_weighted_state *b)
{
	return a->scale_min == b->scale_min && a->scale_max == b->scale_max &&
		a->promoter_min == b->promoter_min && a->detractor_max == b->detractor_max;
}

bool
cf_nps_weighted_skip(cf_nps_weighted_state *st, double weight)
{
	if (__builtin_add_overflow(st->skipped, 1, &st->skipped))
		return false;
	st->skipped_weight = cf_dd_add_double(st->skipped_weight, weight);
	return true;
}

/* True when the counts and their total fit int64 (the answers are read off the total). */
static bool
counts_total_fits(const cf_weighted_bucket *b, int n)
{
	int64_t		total = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (b[i].count < 0 || __builtin_add_overflow(total, b[i].count, &total))
			return false;
	return true;
}

bool
cf_nps_weighted_merge(cf_nps_weighted_state *dst, const cf_nps_weighted_state *src)
{
	cf_weighted_bucket sum[CF_SCORE_MAX_BUCKETS];
	int64_t		skipped;
	int			i;

	for (i = 0; i < dst->nbuckets; i++)
	{
		if (__builtin_add_overflow(dst->buckets[i].count, src->buckets[i].count, &sum[i].count))
			return false;
		sum[i].weight = cf_dd_add(dst->buckets[i].weight, src->buckets[i].weight);
		sum[i].weight_sq = cf_dd_add(dst->buckets[i].weight_sq, src->buckets[i].weight_sq);
	}
	if (!counts_total_fits(sum, dst->nbuckets) ||
		__builtin_add_overflow(dst->skipped, src->skipped, &skipped))
		return false;
	memcpy(dst->buckets, sum, sizeof(cf_weighted_bucket) * (size_t) dst->nbuckets);
	dst->skipped = skipped;
	dst->skipped_weight = cf_dd_add(dst->skipped_weight, src->skipped_weight);
	return true;
}

cf_weighted_summary
cf_nps_weighted_summarize(const cf_nps_weighted_state *st)
{
	cf_weighted_summary s;
	cf_dd		total = {0, 0},
				squares = {0, 0},
				promoters = {0, 0},
				passives = {0, 0},
				detractors = {0, 0},
				score_sum = {0, 0};
	int			i;

	s.answers = 0;
	for (i = 0; i < st->nbuckets; i++)
	{
		const cf_weighted_bucket *b = &st->buckets[i];
		int			score = st->scale_min + i;

		s.answers += b->count;
		total = cf_dd_add(total, b->weight);
		squares = cf_dd_add(squares, b->weight_sq);
		/* score * weight exactly: |score| <= 10^4 and weights <= 10^100 */
		score_sum = cf_dd_add(score_sum, cf_dd_mul(b->weight, (cf_dd) {(double) score, 0.0}));
		if (score >= st->promoter_min)
			promoters = cf_dd_add(promoters, b->weight);
		else if (score <= st->detractor_max)
			detractors = cf_dd_add(detractors, b->weight);
		else
			passives = cf_dd_add(passives, b->weight);
	}
	s.responses = cf_dd_value(total);
	s.promoters = cf_dd_value(promoters);
	s.passives = cf_dd_value(passives);
	s.detractors = cf_dd_value(detractors);
	s.score_sum = cf_dd_value(score_sum);
	s.net_weight = cf_dd_value(cf_dd_add(promoters, cf_dd_neg(detractors)));
	/* Kish: (sum w)^2 / sum w^2; exactly the count when every weight is 1 */
	s.effective_n = squares.hi > 0 ? cf_dd_value(cf_dd_div(cf_dd_mul(total, total), squares)) : 0.0;
	return s;
}

double
cf_weighted_net(const cf_weighted_summary *s)
{
	double		net = 100.0 * s->net_weight / s->responses;

	return net > 100.0 ? 100.0 : (net < -100.0 ? -100.0 : net);
}

/* Variance of the net score as a difference of proportions, over the effective sample size. */
static double
weighted_net_variance(const cf_weighted_summary *s)
{
	double		n = s->effective_n;
	double		p = s->promoters / s->responses;
	double		d = s->detractors / s->responses;
	double		v = (p + d - (p - d) * (p - d)) / n;

	return v > 0 ? v : 0.0;
}

cf_score_estimate
cf_weighted_estimate_by(const cf_weighted_summary *s, cf_nps_method method)
{
	cf_score_estimate e;

	if (method == CF_NPS_WALD)
	{
		e.net = cf_weighted_net(s);
		e.std_error = 100.0 * sqrt(weighted_net_variance(s));
		return e;
	}
	else
	{
		/* adjusted Wald on effective counts: share * n_eff (+ 3/4 each), n_eff + 3 */
		double		n = s->effective_n + 3.0;

		return cf_score_estimate_of_shares((cf_weighted_class_effective(s, CF_CLASS_PROMOTERS) + 0.75) / n,
										   (cf_weighted_class_effective(s, CF_CLASS_DETRACTORS) + 0.75) / n, n);
	}
}

double
cf_weighted_moe_by(const cf_weighted_summary *s, double z, cf_nps_method method)
{
	if (method == CF_NPS_WALD)
		return z * 100.0 * sqrt(weighted_net_variance(s));	/* cf_score_moe's order of operations */
	return z * cf_weighted_estimate_by(s, method).std_error;
}

cf_score_comparison
cf_weighted_compare_by(const cf_weighted_summary *a, const cf_weighted_summary *b, cf_nps_method method)
{
	cf_score_estimate ea,
				eb;

	if (method == CF_NPS_WALD)
	{
		/* cf_score_compare's arithmetic, to the bit */
		cf_score_comparison c;

		c.difference = cf_weighted_net(a) - cf_weighted_net(b);
		c.std_error = 100.0 * sqrt(weighted_net_variance(a) + weighted_net_variance(b));
		if (c.std_error > 0)
		{
			c.z = c.difference / c.std_error;
			c.p_value = erfc(fabs(c.z) / M_SQRT2);
		}
		else
		{
			c.z = c.difference == 0 ? 0.0 : copysign(INFINITY, c.difference);
			c.p_value = c.difference == 0 ? 1.0 : 0.0;
		}
		return c;
	}
	ea = cf_weighted_estimate_by(a, method);
	eb = cf_weighted_estimate_by(b, method);
	return cf_score_z_test(ea.net - eb.net, hypot(ea.std_error, eb.std_error));
}

cf_score_comparison
cf_weighted_compare_benchmark(const cf_weighted_summary *s, double benchmark, cf_nps_method method)
{
	cf_score_estimate e = cf_weighted_estimate_by(s, method);

	return cf_score_z_test(e.net - benchmark, e.std_error);
}

double
cf_weighted_class_total(const cf_weighted_summary *s, cf_score_class cls)
{
	return cls == CF_CLASS_PROMOTERS ? s->promoters :
		cls == CF_CLASS_PASSIVES ? s->passives : s->detractors;
}

double
cf_weighted_class_effective(const cf_weighted_summary *s, cf_score_class cls)
{
	/* total * n_eff first: with weights 1 the product is exact and the quotient the count */
	return cf_weighted_class_total(s, cls) * s->effective_n / s->responses;
}

/* ---------- text form ---------- */

size_t
cf_nps_weighted_format(const cf_nps_weighted_state *st, char *buf, size_t buflen)
{
	cf_tf_writer w;
	int			i;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_WEIGHTED_TEXT_VERSION);
	cf_tf_put_key(&w, "scale");
	cf_tf_put_int64(&w, st->scale_min);
	cf_tf_put_str(&w, "..");
	cf_tf_put_int64(&w, st->scale_max);
	cf_tf_put_key(&w, "promoter_min");
	cf_tf_put_int64(&w, st->promoter_min);
	cf_tf_put_key(&w, "detractor_max");
	cf_tf_put_int64(&w, st->detractor_max);
	cf_tf_put_key(&w, "skipped");
	cf_tf_put_int64(&w, st->skipped);
	cf_tf_put_char(&w, ':');
	cf_tf_put_dd(&w, st->skipped_weight.hi, st->skipped_weight.lo);
	for (i = 0; i < st->nbuckets; i++)
	{
		const cf_weighted_bucket *b = &st->buckets[i];

		if (b->count == 0)
			continue;
		cf_tf_put_key(&w, "score");
		cf_tf_put_int64(&w, st->scale_min + i);
		cf_tf_put_char(&w, ':');
		cf_tf_put_int64(&w, b->count);
		cf_tf_put_char(&w, ':');
		cf_tf_put_dd(&w, b->weight.hi, b->weight.lo);
		cf_tf_put_char(&w, ':');
		cf_tf_put_dd(&w, b->weight_sq.hi, b->weight_sq.lo);
	}
	return w.len;
}

/* Reads a whole field value that is an int32 within the score bound. */
static bool
bounded_field(cf_tf_reader *r, const char *key, int32_t *v)
{
	cf_tf_span	s;
	int64_t		x;

	if (!cf_tf_take(r, key, &s) || !cf_tf_int64(&s, -CF_SCORE_BOUND, CF_SCORE_BOUND, &x) || !cf_tf_done(&s))
		return false;
	*v = (int32_t) x;
	return true;
}

/* NULL when the text is sound; why holds the words of a scale problem. */
static const char *
weighted_parse_words(const char *text, cf_weighted_parsed *out, cf_error *why)
{
	cf_tf_reader r;
	cf_tf_span	s;
	cf_tf_field f;
	int32_t		version;
	int64_t		lo,
				hi;
	int64_t		last = INT64_MIN;
	int			next;

	if (!cf_tf_begin(&r, text, strlen(text), &version) || version != CF_WEIGHTED_TEXT_VERSION || r.sep != ';')
		return "expected the format version \"v1;\" at the start";
	if (!cf_tf_take(&r, "scale", &s) ||
		!cf_tf_int64(&s, -CF_SCORE_BOUND, CF_SCORE_BOUND, &lo) || !cf_tf_lit(&s, "..") ||
		!cf_tf_int64(&s, -CF_SCORE_BOUND, CF_SCORE_BOUND, &hi) || !cf_tf_done(&s))
		return "expected \"scale=<min>..<max>\"";
	out->scale.scale_min = (int32_t) lo;
	out->scale.scale_max = (int32_t) hi;
	if (!bounded_field(&r, "promoter_min", &out->scale.promoter_min))
		return "expected \"promoter_min=<integer>\"";
	if (!bounded_field(&r, "detractor_max", &out->scale.detractor_max))
		return "expected \"detractor_max=<integer>\"";
	if (cf_score_scale_check(&out->scale, why) != CF_OK)
		return why->detail;
	out->nbuckets = out->scale.scale_max - out->scale.scale_min + 1;
	memset(out->buckets, 0, sizeof(out->buckets));
	if (!cf_tf_take(&r, "skipped", &s) || !cf_tf_int64(&s, 0, INT64_MAX, &out->skipped) ||
		!cf_tf_char(&s, ':') || !cf_tf_dd(&s, &out->skipped_weight.hi, &out->skipped_weight.lo) || !cf_tf_done(&s))
		return "expected \"skipped=<rows>:<weight sum>\"";
	while ((next = cf_tf_next(&r, &f)) == 1)
	{
		int64_t		score;
		cf_weighted_bucket *b;

		if (!cf_tf_key_is(&f, "score"))
			return "expected \"score=<score>:<answers>:<weight sum>:<squared weight sum>\" fields";
		s = f.value;
		if (!cf_tf_int64(&s, -CF_SCORE_BOUND, CF_SCORE_BOUND, &score) || !cf_tf_char(&s, ':'))
			return "expected \"score=<score>:<answers>:<weight sum>:<squared weight sum>\" fields";
		if (score < out->scale.scale_min || score > out->scale.scale_max)
			return "a score= field lies outside the scale";
		if (score <= last)
			return "score= fields must be in increasing order of score, each score once";
		last = score;
		b = &out->buckets[score - out->scale.scale_min];
		if (!cf_tf_int64(&s, 1, INT64_MAX, &b->count) || !cf_tf_char(&s, ':') ||
			!cf_tf_dd(&s, &b->weight.hi, &b->weight.lo) || !cf_tf_char(&s, ':') ||
			!cf_tf_dd(&s, &b->weight_sq.hi, &b->weight_sq.lo) || !cf_tf_done(&s))
			return "expected \"score=<score>:<answers>:<weight sum>:<squared weight sum>\" with answers from 1 and exact sums";
	}
	if (next < 0)
		return "malformed field";
	return NULL;
}

/* NULL when the sums of count answers could come from weights 0 or in [1e-100, 1e100]. */
static const char *
sums_problem(int64_t count, cf_dd weight, const cf_dd *weight_sq)
{
	double		n = (double) count;
	double		w = cf_dd_value(weight);

	if (!(weight.hi >= 0) || weight.hi > n * CF_WEIGHT_MAX * (1 + 1e-12) ||
		(w > 0 && w < CF_WEIGHT_MIN * (1 - 1e-12)))
		return "a weight sum must be 0 or between 1e-100 and 1e100 times the answers";
	if (weight_sq == NULL)
		return NULL;
	{
		double		q = cf_dd_value(*weight_sq);

		if (!(weight_sq->hi >= 0) || (w == 0) != (q == 0) ||
			(q > 0 && q < CF_WEIGHT_MIN * CF_WEIGHT_MIN * (1 - 1e-9)))
			return "a squared weight sum must be 0 exactly when its weight sum is";
		/* sum w^2 <= (sum w)^2 <= n * sum w^2 (Cauchy-Schwarz), up to rounding */
		if (w > 0 && (q > w * w * (1 + 1e-9) || w * w > n * q * (1 + 1e-9)))
			return "the squared weight sum does not fit the weight sum and the answers";
	}
	return NULL;
}

/* Finite, normalized (hi = fl(hi + lo)) and without a -0 part: the one form the arithmetic writes. */
static bool
dd_sound(cf_dd v)
{
	return isfinite(v.hi) && isfinite(v.lo) && v.hi + v.lo == v.hi &&
		!(v.hi == 0 && signbit(v.hi)) && !(v.lo == 0 && signbit(v.lo)) && (v.lo == 0 || v.hi != 0);
}

static const char *
weighted_problem_words(const cf_nps_weighted_state *st, size_t size, cf_error *why)
{
	cf_score_scale s;
	const char *problem;
	int			i;

	if (size < sizeof(cf_nps_weighted_state))
		return "the value is too short";
	if (st->version != CF_WEIGHTED_FORMAT_VERSION)
		return "unknown format version";
	s = cf_nps_weighted_scale(st);
	if (cf_score_scale_check(&s, why) != CF_OK)
		return why->detail;
	if (st->nbuckets != s.scale_max - s.scale_min + 1 || size != cf_nps_weighted_size(&s))
		return "the number of buckets does not match the scale";
	if (st->skipped < 0)
		return "the skipped answers must not be negative";
	if (!dd_sound(st->skipped_weight) || (problem = sums_problem(st->skipped, st->skipped_weight, NULL)) != NULL)
		return "the skipped weight must be a normalized sum between 0 and 1e100 times the skipped rows";
	for (i = 0; i < st->nbuckets; i++)
	{
		const cf_weighted_bucket *b = &st->buckets[i];

		if (b->count < 0)
			return "answer counts must not be negative";
		if (!dd_sound(b->weight) || !dd_sound(b->weight_sq))
			return "the sums must be finite and normalized, without -0";
		if ((problem = sums_problem(b->count, b->weight, &b->weight_sq)) != NULL)
			return problem;
	}
	if (!counts_total_fits(st->buckets, st->nbuckets))
		return "the total of the answers must be below 2^63";
	return NULL;
}

int
cf_nps_weighted_parse(const char *text, cf_weighted_parsed *out, cf_error *err)
{
	cf_error	why;

	return cf_fail_with(err, CF_ESYNTAX, weighted_parse_words(text, out, &why));
}

int
cf_nps_weighted_check(const cf_nps_weighted_state *st, size_t size, cf_error *err)
{
	cf_error	why;

	return cf_fail_with(err, CF_EINVAL, weighted_problem_words(st, size, &why));
}
