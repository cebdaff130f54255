/*
 * nps.c — score distributions on a bounded integer scale (NPS, CSAT, CES).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nps.h"
#include "stats.h"
#include "text_form.h"

const cf_score_scale cf_nps_scale = {0, 10, 9, 6};
const cf_score_scale cf_csat_scale = {1, 5, 4, 2};
const cf_score_scale cf_ces_scale = {1, 7, 5, 3};

/* NULL when scale_min <= detractor_max < promoter_min <= scale_max within the bounds. */
static const char *
score_scale_problem_words(const cf_score_scale *s)
{
	if (s->scale_min < -CF_SCORE_BOUND || s->scale_max > CF_SCORE_BOUND)
		return "scale bounds must lie between -10000 and 10000";
	if (s->scale_min >= s->scale_max)
		return "the lower end of the scale must be below its upper end";
	if ((int64_t) s->scale_max - s->scale_min + 1 > CF_SCORE_MAX_BUCKETS)
		return "a scale may have at most 101 points";
	if (s->detractor_max < s->scale_min || s->detractor_max > s->scale_max)
		return "the detractor threshold (detractor_max) must lie on the scale";
	if (s->promoter_min < s->scale_min || s->promoter_min > s->scale_max)
		return "the promoter threshold (promoter_min) must lie on the scale";
	if (s->detractor_max >= s->promoter_min)
		return "the detractor threshold (detractor_max) must be below the promoter threshold (promoter_min)";
	return NULL;
}

size_t
cf_nps_state_size(const cf_score_scale *scale)
{
	return sizeof(cf_nps_state) +
		sizeof(int64_t) * (size_t) (scale->scale_max - scale->scale_min + 1);
}

void
cf_nps_state_init(cf_nps_state *dist, const cf_score_scale *scale)
{
	dist->version = CF_SCORE_FORMAT_VERSION;
	dist->nbuckets = (int16_t) (scale->scale_max - scale->scale_min + 1);
	dist->scale_min = (int16_t) scale->scale_min;
	dist->scale_max = (int16_t) scale->scale_max;
	dist->promoter_min = (int16_t) scale->promoter_min;
	dist->detractor_max = (int16_t) scale->detractor_max;
	dist->skipped = 0;
	memset(dist->counts, 0, sizeof(int64_t) * (size_t) dist->nbuckets);
}

cf_score_scale
cf_nps_state_scale(const cf_nps_state *dist)
{
	cf_score_scale s;

	s.scale_min = dist->scale_min;
	s.scale_max = dist->scale_max;
	s.promoter_min = dist->promoter_min;
	s.detractor_max = dist->detractor_max;
	return s;
}

bool
cf_nps_state_same_scale(const cf_nps_state *a, const cf_nps_state *b)
{
	return a->scale_min == b->scale_min && a->scale_max == b->scale_max &&
		a->promoter_min == b->promoter_min && a->detractor_max == b->detractor_max;
}

bool
cf_nps_state_skip(cf_nps_state *dist)
{
	if (dist->skipped == CF_SKIPPED_UNKNOWN)
		return true;
	return !__builtin_add_overflow(dist->skipped, 1, &dist->skipped);
}

bool
cf_nps_state_unskip(cf_nps_state *dist)
{
	if (dist->skipped == CF_SKIPPED_UNKNOWN)
		return true;
	if (dist->skipped <= 0)
		return false;
	dist->skipped--;
	return true;
}

bool
cf_nps_state_upgrade_v1(const void *v1, size_t v1_size, cf_nps_state *dist)
{
	if (v1_size != CF_NPS_STATE_V1_HEADER + sizeof(int64_t) * (size_t) dist->nbuckets)
		return false;
	memcpy(dist->counts, (const char *) v1 + CF_NPS_STATE_V1_HEADER, sizeof(int64_t) * (size_t) dist->nbuckets);
	dist->skipped = CF_SKIPPED_UNKNOWN;
	return true;
}

bool
cf_nps_state_remove(cf_nps_state *dist, int32_t score)
{
	int64_t    *c = &dist->counts[score - dist->scale_min];

	if (*c <= 0)
		return false;
	(*c)--;
	return true;
}

/* True when the counts and their total fit int64 (every figure is read off the total). */
static bool
counts_total_fits(const int64_t *counts, int n)
{
	int64_t		total = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (counts[i] < 0 || __builtin_add_overflow(total, counts[i], &total))
			return false;
	return true;
}

bool
cf_nps_state_merge(cf_nps_state *dst, const cf_nps_state *src)
{
	int64_t		sum[CF_SCORE_MAX_BUCKETS];
	int64_t		skipped = CF_SKIPPED_UNKNOWN;
	int			i;

	for (i = 0; i < dst->nbuckets; i++)
		if (__builtin_add_overflow(dst->counts[i], src->counts[i], &sum[i]))
			return false;
	if (!counts_total_fits(sum, dst->nbuckets))
		return false;
	if (dst->skipped != CF_SKIPPED_UNKNOWN && src->skipped != CF_SKIPPED_UNKNOWN &&
		__builtin_add_overflow(dst->skipped, src->skipped, &skipped))
		return false;
	memcpy(dst->counts, sum, sizeof(int64_t) * (size_t) dst->nbuckets);
	dst->skipped = skipped;
	return true;
}

cf_score_summary
cf_nps_state_summarize(const cf_nps_state *dist)
{
	cf_score_summary s = {0, 0, 0, 0, 0.0};
	int			i;

	for (i = 0; i < dist->nbuckets; i++)
	{
		int			score = dist->scale_min + i;
		int64_t		c = dist->counts[i];

		s.responses += c;
		s.score_sum += (double) c * score;
		if (score >= dist->promoter_min)
			s.promoters += c;
		else if (score <= dist->detractor_max)
			s.detractors += c;
		else
			s.passives += c;
	}
	return s;
}

double
cf_score_net(const cf_score_summary *s)
{
	double		net = 100.0 * (double) (s->promoters - s->detractors) / (double) s->responses;

	/* Beyond 2^53 responses the two roundings can step past the bounds. */
	return net > 100.0 ? 100.0 : (net < -100.0 ? -100.0 : net);
}

double
cf_score_net_variance(const cf_score_summary *s)
{
	double		n = (double) s->responses;
	double		p = (double) s->promoters / n;
	double		d = (double) s->detractors / n;
	double		v = (p + d - (p - d) * (p - d)) / n;

	return v > 0 ? v : 0.0;		/* rounding can leave -0 for all-one-class data */
}

double
cf_score_moe(const cf_score_summary *s, double z)
{
	return z * 100.0 * sqrt(cf_score_net_variance(s));
}

cf_score_comparison
cf_score_compare(const cf_score_summary *a, const cf_score_summary *b)
{
	cf_score_comparison c;

	c.difference = cf_score_net(a) - cf_score_net(b);
	c.std_error = 100.0 * sqrt(cf_score_net_variance(a) + cf_score_net_variance(b));
	if (c.std_error > 0)
	{
		c.z = c.difference / c.std_error;
		c.p_value = erfc(fabs(c.z) / M_SQRT2);
	}
	else
	{
		/* Both samples without spread: the difference is certain or nil. */
		c.z = c.difference == 0 ? 0.0 : copysign(INFINITY, c.difference);
		c.p_value = c.difference == 0 ? 1.0 : 0.0;
	}
	return c;
}

bool
cf_nps_method_from_name(const char *name, cf_nps_method *method)
{
	if (strcmp(name, "wald") == 0)
		*method = CF_NPS_WALD;
	else if (strcmp(name, "adjusted_wald") == 0)
		*method = CF_NPS_ADJUSTED_WALD;
	else
		return false;
	return true;
}

bool
cf_score_class_from_name(const char *name, cf_score_class *cls)
{
	if (strcmp(name, "promoters") == 0)
		*cls = CF_CLASS_PROMOTERS;
	else if (strcmp(name, "passives") == 0)
		*cls = CF_CLASS_PASSIVES;
	else if (strcmp(name, "detractors") == 0)
		*cls = CF_CLASS_DETRACTORS;
	else
		return false;
	return true;
}

int64_t
cf_score_class_count(const cf_score_summary *s, cf_score_class cls)
{
	return cls == CF_CLASS_PROMOTERS ? s->promoters :
		cls == CF_CLASS_PASSIVES ? s->passives : s->detractors;
}

cf_score_estimate
cf_score_estimate_of_shares(double p, double d, double n)
{
	cf_score_estimate e;
	double		v = (p + d - (p - d) * (p - d)) / n;

	e.net = 100.0 * (p - d);
	e.net = e.net > 100.0 ? 100.0 : (e.net < -100.0 ? -100.0 : e.net);
	e.std_error = 100.0 * sqrt(v > 0 ? v : 0.0);
	return e;
}

cf_score_estimate
cf_score_estimate_by(const cf_score_summary *s, cf_nps_method method)
{
	cf_score_estimate e;

	if (method == CF_NPS_WALD)
	{
		/* 1.0's arithmetic, to the bit: nps_moe and nps_ci keep their values. */
		e.net = cf_score_net(s);
		e.std_error = 100.0 * sqrt(cf_score_net_variance(s));
		return e;
	}
	else
	{
		/* Sauro and Lewis's adjusted Wald (after Agresti-Coull): 3 pseudo-answers. */
		double		n = (double) s->responses + 3.0;

		return cf_score_estimate_of_shares(((double) s->promoters + 0.75) / n,
								  ((double) s->detractors + 0.75) / n, n);
	}
}

double
cf_score_moe_by(const cf_score_summary *s, double z, cf_nps_method method)
{
	cf_score_estimate e;

	if (method == CF_NPS_WALD)
		return cf_score_moe(s, z);
	e = cf_score_estimate_by(s, method);
	return z * e.std_error;
}

cf_score_comparison
cf_score_z_test(double difference, double std_error)
{
	cf_score_comparison c;

	c.difference = difference;
	c.std_error = std_error;
	if (std_error > 0)
	{
		c.z = difference / std_error;
		c.p_value = cf_normal_two_sided_p(c.z);
	}
	else
	{
		c.z = difference == 0 ? 0.0 : copysign(INFINITY, difference);
		c.p_value = difference == 0 ? 1.0 : 0.0;
	}
	return c;
}

cf_score_comparison
cf_score_compare_by(const cf_score_summary *a, const cf_score_summary *b, cf_nps_method method)
{
	cf_score_estimate ea,
				eb;

	if (method == CF_NPS_WALD)
		return cf_score_compare(a, b);
	ea = cf_score_estimate_by(a, method);
	eb = cf_score_estimate_by(b, method);
	return cf_score_z_test(ea.net - eb.net, hypot(ea.std_error, eb.std_error));
}

cf_score_comparison
cf_score_compare_benchmark(const cf_score_summary *s, double benchmark, cf_nps_method method)
{
	cf_score_estimate e = cf_score_estimate_by(s, method);

	return cf_score_z_test(e.net - benchmark, e.std_error);
}

size_t
cf_nps_state_format(const cf_nps_state *dist, char *buf, size_t buflen)
{
	cf_tf_writer w;
	int			i;

	cf_tf_writer_init(&w, buf, buflen);
	/* a state whose skipped answers are unknown keeps the v2 form it was read from */
	cf_tf_put_version(&w, dist->skipped == CF_SKIPPED_UNKNOWN ? 2 : CF_SCORE_TEXT_VERSION);
	cf_tf_put_key(&w, "scale");
	cf_tf_put_int64(&w, dist->scale_min);
	cf_tf_put_str(&w, "..");
	cf_tf_put_int64(&w, dist->scale_max);
	cf_tf_put_key(&w, "promoter_min");
	cf_tf_put_int64(&w, dist->promoter_min);
	cf_tf_put_key(&w, "detractor_max");
	cf_tf_put_int64(&w, dist->detractor_max);
	if (dist->skipped != CF_SKIPPED_UNKNOWN)
	{
		cf_tf_put_key(&w, "skipped");
		cf_tf_put_int64(&w, dist->skipped);
	}
	cf_tf_put_key(&w, "counts");
	for (i = 0; i < dist->nbuckets; i++)
	{
		if (i > 0)
			cf_tf_put_char(&w, ',');
		cf_tf_put_int64(&w, dist->counts[i]);
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

/*
 * Reads v3 ("v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=2;counts=..."),
 * v2 (the same without skipped=) and the 1.0 form (v1, the v2 fields
 * separated by spaces); v1 and v2 leave the skipped answers unknown.
 */
static const char *
nps_state_parse_words(const char *text, cf_score_parsed *out)
{
	cf_tf_reader r;
	cf_tf_span	s;
	int32_t		version;
	int64_t		lo,
				hi;
	const char *problem;
	int			i;

	if (!cf_tf_begin(&r, text, strlen(text), &version) ||
		!(((version == CF_SCORE_TEXT_VERSION || version == 2) && r.sep == ';') || (version == 1 && r.sep == ' ')))
		return "expected the format version \"v3;\" at the start";
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
	if ((problem = score_scale_problem_words(&out->scale)) != NULL)
		return problem;
	out->skipped = CF_SKIPPED_UNKNOWN;
	if (version == CF_SCORE_TEXT_VERSION &&
		(!cf_tf_take(&r, "skipped", &s) || !cf_tf_int64(&s, 0, INT64_MAX, &out->skipped) || !cf_tf_done(&s)))
		return "expected \"skipped=<answers without a score>\"";
	out->nbuckets = out->scale.scale_max - out->scale.scale_min + 1;
	if (!cf_tf_take(&r, "counts", &s))
		return "expected \"counts=\" followed by one count per scale point";
	for (i = 0; i < out->nbuckets; i++)
	{
		if (i > 0 && !cf_tf_char(&s, ','))
			return "expected one count per scale point, separated by commas";
		if (!cf_tf_int64(&s, 0, INT64_MAX, &out->counts[i]))
			return "counts must be non-negative integers below 2^63";
	}
	if (!cf_tf_done(&s) || !cf_tf_at_end(&r))
		return "unexpected text after the last count";
	if (!counts_total_fits(out->counts, out->nbuckets))
		return "the total of the counts must be below 2^63";
	return NULL;
}

static const char *
nps_state_problem_words(const cf_nps_state *dist, size_t size)
{
	cf_score_scale s;
	const char *problem;
	int			i;

	if (size < sizeof(cf_nps_state))
		return "the value is too short";
	if (dist->version != CF_SCORE_FORMAT_VERSION)
		return "unknown format version";
	s = cf_nps_state_scale(dist);
	if ((problem = score_scale_problem_words(&s)) != NULL)
		return problem;
	if (dist->nbuckets != s.scale_max - s.scale_min + 1 || size != cf_nps_state_size(&s))
		return "the number of counts does not match the scale";
	for (i = 0; i < dist->nbuckets; i++)
		if (dist->counts[i] < 0)
			return "counts must not be negative";
	if (dist->skipped < CF_SKIPPED_UNKNOWN)
		return "the skipped answers must not be negative";
	if (!counts_total_fits(dist->counts, dist->nbuckets))
		return "the total of the counts must be below 2^63";
	return NULL;
}

size_t
cf_bar(double fraction, int width, bool utf8, char *buf)
{
	/* U+2588 full block, then U+2589..U+258F: seven to one eighths. */
	static const char *const eighths[8] = {
		"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
		"\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"
	};
	long		units;
	size_t		len = 0;

	if (!(fraction > 0))
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	units = lround(fraction * width * (utf8 ? 8 : 1));
	if (!utf8)
	{
		memset(buf, '#', (size_t) units);
		buf[units] = '\0';
		return (size_t) units;
	}
	for (; units >= 8; units -= 8, len += 3)
		memcpy(buf + len, "\xe2\x96\x88", 3);
	memcpy(buf + len, eighths[units], strlen(eighths[units]));
	len += strlen(eighths[units]);
	buf[len] = '\0';
	return len;
}

int
cf_score_scale_check(const cf_score_scale *s, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, score_scale_problem_words(s));
}

int
cf_nps_state_parse(const char *text, cf_score_parsed *out, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, nps_state_parse_words(text, out));
}

int
cf_nps_state_check(const cf_nps_state *dist, size_t size, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, nps_state_problem_words(dist, size));
}
