/*
 * nps_trend.c — homogeneity and linear-trend tests of net scores over periods.
 */
#include <math.h>
#include <string.h>

#include "clv.h"				/* CF_DEFINE_SORT */
#include "interrupt.h"
#include "nps_trend.h"
#include "stats.h"
#include "text_form.h"

cf_trend_period
cf_trend_period_of(int32_t period, const cf_score_summary *s)
{
	cf_trend_period p;

	p.period = period;
	p.zero = 0;
	p.promoters = s->promoters;
	p.passives = s->passives;
	p.detractors = s->detractors;
	return p;
}

#define PERIOD_LESS(a, b) ((a)->period < (b)->period)
CF_DEFINE_SORT(trend_sort, cf_trend_period, PERIOD_LESS)

size_t
cf_trend_compact(cf_trend_period *e, size_t n)
{
	size_t		out = 0,
				i;

	if (n == 0)
		return 0;
	trend_sort(e, n);
	for (i = 1; i < n; i++)
	{
		cf_trend_period *last = &e[out];

		cf_poll_entry(i);
		if (e[i].period != last->period)
		{
			e[++out] = e[i];
			continue;
		}
		if (__builtin_add_overflow(last->promoters, e[i].promoters, &last->promoters) ||
			__builtin_add_overflow(last->passives, e[i].passives, &last->passives) ||
			__builtin_add_overflow(last->detractors, e[i].detractors, &last->detractors))
			return (size_t) -1;
	}
	return out + 1;
}

static inline double
answers_of(const cf_trend_period *p)
{
	return (double) p->promoters + (double) p->passives + (double) p->detractors;
}

/*
 * Pearson's chi-square of the 3 x k table (classes x periods with answers):
 * sum of (O - E)^2 / E with E = class total * period total / N, over the
 * classes that have answers; df = (classes - 1) (periods - 1).
 */
static void
homogeneity(const cf_trend_period *p, size_t n, double total, int32_t periods, cf_trend_result *r)
{
	double		class_total[3] = {0, 0, 0};
	int			classes = 0,
				c;
	size_t		i;
	double		x2 = 0.0;

	for (i = 0; i < n; i++)
	{
		class_total[0] += (double) p[i].promoters;
		class_total[1] += (double) p[i].passives;
		class_total[2] += (double) p[i].detractors;
	}
	for (c = 0; c < 3; c++)
		classes += class_total[c] > 0;
	for (i = 0; i < n; i++)
	{
		double		m = answers_of(&p[i]);
		double		observed[3] = {(double) p[i].promoters, (double) p[i].passives, (double) p[i].detractors};

		cf_poll_entry(i);
		if (m == 0)
			continue;
		for (c = 0; c < 3; c++)
		{
			double		expected = class_total[c] * m / total;

			if (class_total[c] > 0)
				x2 += (observed[c] - expected) * (observed[c] - expected) / expected;
		}
	}
	r->has_chi_square = true;
	r->chi_square = x2;
	r->df = (int32_t) (classes - 1) * (periods - 1);
	r->has_p_value = r->df > 0;
	r->p_value = r->has_p_value ? cf_chi_square_upper_tail(x2, r->df) : 0.0;
}

/*
 * Least squares through every answer, scored +100 (promoter), 0 (passive) or
 * -100 (detractor), against its period number: the same line as the
 * regression of each period's net score on the period weighted by its
 * answers.  Standard error from the residuals of the answers, N - 2 degrees
 * of freedom; sums are taken about the means so nothing cancels.
 */
static void
linear_trend(const cf_trend_period *p, size_t n, double total, cf_trend_result *r)
{
	double		t_mean = 0.0,
				y_mean = 0.0,
				sxx = 0.0,
				sxy = 0.0,
				syy = 0.0,
				rss;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		double		m = answers_of(&p[i]);

		t_mean += m * (double) p[i].period;
		y_mean += 100.0 * ((double) p[i].promoters - (double) p[i].detractors);
	}
	t_mean /= total;
	y_mean /= total;
	for (i = 0; i < n; i++)
	{
		double		m = answers_of(&p[i]);
		double		dt = (double) p[i].period - t_mean;
		double		net,
					within;

		cf_poll_entry(i);
		if (m == 0)
			continue;
		net = 100.0 * ((double) p[i].promoters - (double) p[i].detractors) / m;
		/* sum over the period's answers of (x - net)^2, which is >= 0 */
		within = 1e4 * ((double) p[i].promoters + (double) p[i].detractors) - m * net * net;
		sxx += m * dt * dt;
		sxy += m * dt * (net - y_mean);
		syy += (within > 0 ? within : 0.0) + m * (net - y_mean) * (net - y_mean);
	}
	r->has_slope = true;
	r->slope = sxy / sxx;
	r->has_slope_test = total > 2.0;
	if (!r->has_slope_test)
		return;
	rss = syy - r->slope * sxy;
	r->slope_std_error = sqrt((rss > 0 ? rss : 0.0) / (total - 2.0) / sxx);
	if (r->slope_std_error > 0)
		r->slope_p_value = cf_normal_two_sided_p(r->slope / r->slope_std_error);
	else
		r->slope_p_value = r->slope == 0 ? 1.0 : 0.0;	/* every answer on the line */
}

void
cf_trend_test(const cf_trend_period *p, size_t n, cf_trend_result *r)
{
	double		total = 0.0;
	int32_t		periods = 0;
	size_t		i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < n; i++)
	{
		double		m = answers_of(&p[i]);

		total += m;
		periods += m > 0;
	}
	if (periods < 2)
		return;
	homogeneity(p, n, total, periods, r);
	linear_trend(p, n, total, r);
}

size_t
cf_nps_trend_state_size(int32_t cap)
{
	return sizeof(cf_nps_trend_state) + sizeof(cf_trend_period) * (size_t) cap;
}

void
cf_nps_trend_state_init(cf_nps_trend_state *t, const cf_score_scale *scale, int32_t cap)
{
	t->version = CF_TREND_FORMAT_VERSION;
	t->scale_min = (int16_t) scale->scale_min;
	t->scale_max = (int16_t) scale->scale_max;
	t->promoter_min = (int16_t) scale->promoter_min;
	t->detractor_max = (int16_t) scale->detractor_max;
	t->reserved = 0;
	t->n = 0;
	t->cap = cap;
	memset(t->entries, 0, sizeof(cf_trend_period) * (size_t) cap);
}

cf_score_scale
cf_nps_trend_state_scale(const cf_nps_trend_state *t)
{
	cf_score_scale s;

	s.scale_min = t->scale_min;
	s.scale_max = t->scale_max;
	s.promoter_min = t->promoter_min;
	s.detractor_max = t->detractor_max;
	return s;
}

size_t
cf_nps_trend_format(const cf_score_scale *scale, const cf_trend_period *p, size_t n,
					char *buf, size_t buflen)
{
	cf_tf_writer w;
	size_t		i;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_TREND_TEXT_VERSION);
	cf_tf_put_key(&w, "scale");
	cf_tf_put_int64(&w, scale->scale_min);
	cf_tf_put_str(&w, "..");
	cf_tf_put_int64(&w, scale->scale_max);
	cf_tf_put_key(&w, "promoter_min");
	cf_tf_put_int64(&w, scale->promoter_min);
	cf_tf_put_key(&w, "detractor_max");
	cf_tf_put_int64(&w, scale->detractor_max);
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		cf_tf_put_key(&w, "period");
		cf_tf_put_int64(&w, p[i].period);
		cf_tf_put_char(&w, ':');
		cf_tf_put_int64(&w, p[i].promoters);
		cf_tf_put_char(&w, ',');
		cf_tf_put_int64(&w, p[i].passives);
		cf_tf_put_char(&w, ',');
		cf_tf_put_int64(&w, p[i].detractors);
	}
	return w.len;
}

size_t
cf_nps_trend_text_periods(const char *text)
{
	size_t		n = 0;
	const char *s = text;

	while ((s = strstr(s, "period=")) != NULL)
	{
		n++;
		s += 7;
	}
	return n;
}

/* Reads a whole field value that is an int32 within the score bound. */
static bool
scale_field(cf_tf_reader *r, const char *key, int32_t *v)
{
	cf_tf_span	s;
	int64_t		x;

	if (!cf_tf_take(r, key, &s) || !cf_tf_int64(&s, -CF_SCORE_BOUND, CF_SCORE_BOUND, &x) || !cf_tf_done(&s))
		return false;
	*v = (int32_t) x;
	return true;
}

static const char *
nps_trend_parse_words(const char *text, cf_score_scale *scale, cf_trend_period *periods,
				   size_t max, size_t *n)
{
	cf_tf_reader r;
	cf_tf_span	s;
	int32_t		version;
	int64_t		lo,
				hi;

	*n = 0;
	if (!cf_tf_begin(&r, text, strlen(text), &version) || version != CF_TREND_TEXT_VERSION || r.sep != ';')
		return "expected the format version \"v1;\" at the start";
	if (!cf_tf_take(&r, "scale", &s) ||
		!cf_tf_int64(&s, -CF_SCORE_BOUND, CF_SCORE_BOUND, &lo) || !cf_tf_lit(&s, "..") ||
		!cf_tf_int64(&s, -CF_SCORE_BOUND, CF_SCORE_BOUND, &hi) || !cf_tf_done(&s))
		return "expected \"scale=<min>..<max>\"";
	scale->scale_min = (int32_t) lo;
	scale->scale_max = (int32_t) hi;
	if (!scale_field(&r, "promoter_min", &scale->promoter_min))
		return "expected \"promoter_min=<integer>\"";
	if (!scale_field(&r, "detractor_max", &scale->detractor_max))
		return "expected \"detractor_max=<integer>\"";
	while (!cf_tf_at_end(&r))
	{
		cf_trend_period p;
		int64_t		period;

		if (*n >= max || !cf_tf_take(&r, "period", &s))
			return "expected \"period=<number>:<promoters>,<passives>,<detractors>\"";
		if (!cf_tf_int64(&s, INT32_MIN, INT32_MAX, &period) || !cf_tf_char(&s, ':') ||
			!cf_tf_int64(&s, 0, INT64_MAX, &p.promoters) || !cf_tf_char(&s, ',') ||
			!cf_tf_int64(&s, 0, INT64_MAX, &p.passives) || !cf_tf_char(&s, ',') ||
			!cf_tf_int64(&s, 0, INT64_MAX, &p.detractors) || !cf_tf_done(&s))
			return "expected \"period=<number>:<promoters>,<passives>,<detractors>\" with an int32 period and counts below 2^63";
		p.period = (int32_t) period;
		p.zero = 0;
		periods[(*n)++] = p;
	}
	return NULL;
}

static const char *
nps_trend_problem_words(const cf_trend_period *p, size_t n)
{
	size_t		i;

	if (n > CF_TREND_MAX_ENTRIES)
		return "too many periods";
	for (i = 0; i < n; i++)
	{
		int64_t		total;

		cf_poll_entry(i);
		if (i > 0 && p[i].period <= p[i - 1].period)
			return "periods must be distinct and in increasing order";
		if (p[i].promoters < 0 || p[i].passives < 0 || p[i].detractors < 0)
			return "counts must not be negative";
		if (__builtin_add_overflow(p[i].promoters, p[i].passives, &total) ||
			__builtin_add_overflow(total, p[i].detractors, &total))
			return "the answers of a period must total below 2^63";
	}
	return NULL;
}

int
cf_nps_trend_parse(const char *text, cf_score_scale *scale, cf_trend_period *periods,
				   size_t max, size_t *n, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, nps_trend_parse_words(text, scale, periods, max, n));
}

int
cf_nps_trend_check(const cf_score_scale *scale, const cf_trend_period *p, size_t n, cf_error *err)
{
	int			rc = cf_score_scale_check(scale, err);

	return rc != CF_OK ? rc : cf_fail_with(err, CF_EINVAL, nps_trend_problem_words(p, n));
}
