/*
 * segment_summary.c — per-segment summaries of customer profiles (see segment_summary.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer_profile.h"			/* CF_MIN_TIMESTAMP, CF_END_TIMESTAMP */
#include "lost_value.h"
#include "segment_summary.h"
#include "text_form.h"

static const char *segment_problem_words(const cf_segment *s, size_t size);

static const char *
segment_params_problem_words(const cf_segment_params *p)
{
	const char *ladder = cf_ladder_rule(&p->ladder);

	if (ladder)
		return ladder;
	/* the ladder of a summary comes from the customer_focus.* settings: within their ranges */
	if (p->ladder.client_orders > INT32_MAX || p->ladder.regular_orders > INT32_MAX)
		return "client_orders and regular_orders must be at most 2147483647 (the settings' maximum)";
	if (p->ladder.lapse_factor < CF_LAPSE_FACTOR_MIN || p->ladder.lapse_factor > CF_LAPSE_FACTOR_MAX)
		return "lapse_factor must be between 1e-06 and 1e+06 (the range of customer_focus.lapse_factor)";
	if (p->as_of < CF_MIN_TIMESTAMP || p->as_of >= CF_END_TIMESTAMP)
		return "as_of must be a finite time";
	if (p->horizon_years < 0 || p->horizon_years > CF_SEGMENT_MAX_HORIZON)
		return "the horizon must be between 0 and 100 years";
	if (!(p->margin >= 0.0 && p->margin <= 1.0))
		return "the margin must be between 0 and 1";
	return NULL;
}

void
cf_segment_init(cf_segment *s, const cf_segment_params *p)
{
	/* Field by field, so that padding stays zero and stored values are deterministic. */
	memset(((char *) s) + sizeof(s->vl_len_), 0, sizeof(*s) - sizeof(s->vl_len_));
	s->version = CF_SEGMENT_VERSION;
	s->as_of = p->as_of;
	s->horizon_years = p->horizon_years;
	s->margin = p->margin;
	s->ladder.client_orders = p->ladder.client_orders;
	s->ladder.regular_orders = p->ladder.regular_orders;
	s->ladder.advocate_score = p->ladder.advocate_score;
	s->ladder.lapse_factor = p->ladder.lapse_factor;
	s->ladder.lapse_days = p->ladder.lapse_days;
	s->ladder.lost_days = p->ladder.lost_days;
}

cf_segment_params
cf_segment_get_params(const cf_segment *s)
{
	cf_segment_params p;

	p.as_of = s->as_of;
	p.horizon_years = s->horizon_years;
	p.margin = s->margin;
	p.ladder = s->ladder;
	return p;
}

bool
cf_segment_same_params(const cf_segment *a, const cf_segment *b)
{
	return a->as_of == b->as_of && a->horizon_years == b->horizon_years &&
		a->margin == b->margin &&
		a->ladder.client_orders == b->ladder.client_orders &&
		a->ladder.regular_orders == b->ladder.regular_orders &&
		a->ladder.advocate_score == b->ladder.advocate_score &&
		a->ladder.lapse_factor == b->ladder.lapse_factor &&
		a->ladder.lapse_days == b->ladder.lapse_days &&
		a->ladder.lost_days == b->ladder.lost_days;
}

static cf_i128
join128(uint64_t lo, int64_t hi)
{
	return (cf_i128) (((unsigned __int128) (uint64_t) hi << 64) | lo);
}

static void
split128(cf_i128 v, uint64_t *lo, int64_t *hi)
{
	*lo = (uint64_t) v;
	*hi = (int64_t) (v >> 64);
}

cf_i128
cf_segment_revenue(const cf_segment *s)
{
	return join128(s->revenue_lo, s->revenue_hi);
}

cf_i128
cf_segment_lapsed_value(const cf_segment *s)
{
	return join128(s->lapsed_lo, s->lapsed_hi);
}

cf_i128
cf_segment_lost_value(const cf_segment *s)
{
	return join128(s->lost_lo, s->lost_hi);
}

static void
set_revenue(cf_segment *s, cf_i128 v)
{
	split128(v, &s->revenue_lo, &s->revenue_hi);
}

/* a * 10^a_scale + b * 10^b_scale at the larger scale; false on overflow. */
static bool
add_scaled(cf_i128 a, int a_scale, cf_i128 b, int b_scale, cf_i128 *sum, int *scale)
{
	int			s = a_scale > b_scale ? a_scale : b_scale;

	if (!cf_i128_mul_pow10(a, s - a_scale, &a) || !cf_i128_mul_pow10(b, s - b_scale, &b) ||
		!cf_i128_add(a, b, sum))
		return false;
	*scale = s;
	return true;
}

bool
cf_segment_add_prospect(cf_segment *s)
{
	if (s->customers == INT64_MAX)
		return false;
	s->customers++;
	s->stages[CF_STAGE_PROSPECT]++;
	return true;
}

bool
cf_segment_add_customer(cf_segment *s, const cf_segment_customer *c, cf_stage *stage)
{
	cf_i128		revenue;
	int			scale;
	int64_t		orders;
	cf_stage	st;

	if (s->customers == INT64_MAX ||
		__builtin_add_overflow(s->orders, c->orders, &orders) ||
		!add_scaled(cf_segment_revenue(s), s->revenue_scale, c->revenue, c->revenue_scale,
					&revenue, &scale) ||
		scale > CF_DEC_MAX_SCALE)
		return false;
	st = cf_loyalty_stage(c->orders, c->x, c->t_x, c->since, c->recommend_score, &s->ladder);
	s->customers++;
	s->orders = orders;
	set_revenue(s, revenue);
	s->revenue_scale = (int16_t) scale;
	if (c->orders >= 2)
		s->repeat_customers++;
	s->stages[st]++;
	if ((st == CF_STAGE_LAPSED || st == CF_STAGE_LOST) && c->has_trend)
	{
		cf_i128		micro,
					sum;

		/*
		 * Exact (lost_value.h).  Beyond 9e18 millionths a customer's value is
		 * not credible: it counts at that cap, as does a trend too large for
		 * 128-bit decimals when its first years are positive.
		 */
		if (!cf_lost_value_of(c->annual, c->growth, c->revenue_scale, s->horizon_years,
							  s->margin, CF_SEGMENT_VALUE_SCALE, &micro))
			micro = (c->annual > 0 || c->growth > 0) && s->margin > 0 && s->horizon_years > 0 ? CF_SEGMENT_VALUE_CAP : 0;
		else if (micro > CF_SEGMENT_VALUE_CAP)
			micro = CF_SEGMENT_VALUE_CAP;
		if (st == CF_STAGE_LAPSED)
		{
			if (cf_i128_add(cf_segment_lapsed_value(s), micro, &sum))
				split128(sum, &s->lapsed_lo, &s->lapsed_hi);
		}
		else if (cf_i128_add(cf_segment_lost_value(s), micro, &sum))
			split128(sum, &s->lost_lo, &s->lost_hi);
	}
	*stage = st;
	return true;
}

bool
cf_segment_merge(cf_segment *dst, const cf_segment *src)
{
	cf_segment	m = *dst;
	cf_i128		revenue;
	int			scale;
	int			i;

	if (__builtin_add_overflow(m.customers, src->customers, &m.customers) ||
		__builtin_add_overflow(m.orders, src->orders, &m.orders) ||
		__builtin_add_overflow(m.repeat_customers, src->repeat_customers, &m.repeat_customers))
		return false;
	for (i = 0; i < CF_STAGE_COUNT; i++)
		if (__builtin_add_overflow(m.stages[i], src->stages[i], &m.stages[i]))
			return false;
	if (!add_scaled(cf_segment_revenue(dst), dst->revenue_scale,
					cf_segment_revenue(src), src->revenue_scale, &revenue, &scale) ||
		scale > CF_DEC_MAX_SCALE)
		return false;
	set_revenue(&m, revenue);
	m.revenue_scale = (int16_t) scale;
	if (!cf_i128_add(cf_segment_lapsed_value(dst), cf_segment_lapsed_value(src), &revenue))
		return false;
	split128(revenue, &m.lapsed_lo, &m.lapsed_hi);
	if (!cf_i128_add(cf_segment_lost_value(dst), cf_segment_lost_value(src), &revenue))
		return false;
	split128(revenue, &m.lost_lo, &m.lost_hi);
	*dst = m;
	return true;
}

size_t
cf_segment_format(const cf_segment *s, char *buf, size_t buflen)
{
	char		revenue[48 + CF_DEC_MAX_SCALE],	/* a sum of numerics keeps their scale */
				lapsed[64],
				lost[64];
	cf_tf_writer w;
	int			i;

	cf_i128_format(cf_segment_revenue(s), s->revenue_scale, revenue, sizeof(revenue));
	cf_i128_format(cf_segment_lapsed_value(s), CF_SEGMENT_VALUE_SCALE, lapsed, sizeof(lapsed));
	cf_i128_format(cf_segment_lost_value(s), CF_SEGMENT_VALUE_SCALE, lost, sizeof(lost));
	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_SEGMENT_TEXT_VERSION);
	cf_tf_put_key(&w, "as_of");
	cf_tf_put_timestamp(&w, s->as_of);
	cf_tf_put_key(&w, "horizon");
	cf_tf_put_int64(&w, s->horizon_years);
	cf_tf_put_key(&w, "margin");
	cf_tf_put_double(&w, s->margin);
	cf_tf_put_key(&w, "ladder");
	cf_tf_put_int64(&w, s->ladder.client_orders);
	cf_tf_put_char(&w, ',');
	cf_tf_put_int64(&w, s->ladder.regular_orders);
	cf_tf_put_char(&w, ',');
	cf_tf_put_int64(&w, s->ladder.advocate_score);
	cf_tf_put_char(&w, ',');
	cf_tf_put_double(&w, s->ladder.lapse_factor);
	cf_tf_put_char(&w, ',');
	cf_tf_put_int64(&w, s->ladder.lapse_days);
	cf_tf_put_char(&w, ',');
	cf_tf_put_int64(&w, s->ladder.lost_days);
	cf_tf_put_key(&w, "customers");
	cf_tf_put_int64(&w, s->customers);
	cf_tf_put_key(&w, "orders");
	cf_tf_put_int64(&w, s->orders);
	cf_tf_put_key(&w, "repeat");
	cf_tf_put_int64(&w, s->repeat_customers);
	cf_tf_put_key(&w, "stages");
	for (i = 0; i < CF_STAGE_COUNT; i++)
	{
		if (i > 0)
			cf_tf_put_char(&w, ',');
		cf_tf_put_int64(&w, s->stages[i]);
	}
	cf_tf_put_key(&w, "revenue");
	cf_tf_put_str(&w, revenue);
	cf_tf_put_key(&w, "lapsed_value");
	cf_tf_put_str(&w, lapsed);
	cf_tf_put_key(&w, "lost_value");
	cf_tf_put_str(&w, lost);
	return w.len;
}

/* ---------- parsing ---------- */

/* A whole span: a plain decimal. */
static bool
decimal_span(cf_tf_span s, cf_i128 *v, int *scale)
{
	return s.s < s.end && cf_i128_parse(s.s, (size_t) (s.end - s.s), v, scale) == 0;
}

/* A value at risk: a decimal with at most 6 decimals, in millionths. */
static bool
value_field(cf_tf_reader *r, const char *key, cf_i128 *v)
{
	cf_tf_span	s;
	int			scale;

	return cf_tf_take(r, key, &s) && decimal_span(s, v, &scale) && scale <= CF_SEGMENT_VALUE_SCALE &&
		cf_i128_mul_pow10(*v, CF_SEGMENT_VALUE_SCALE - scale, v);
}

/*
 * Reads v2 (as_of a UTC ISO time) and the 1.0 form v1 (the same fields,
 * as_of in microseconds since 2000-01-01 UTC).
 */
static const char *
segment_parse_words(const char *text, cf_segment *out)
{
	cf_tf_reader r;
	cf_tf_span	s;
	int32_t		version;
	cf_segment_params params;
	int64_t		v[6];
	const char *problem;
	cf_i128		revenue;
	int			scale,
				i;

	memset(out, 0, sizeof(*out));
	if (!cf_tf_begin(&r, text, strlen(text), &version) || r.sep != ';' ||
		(version != 1 && version != CF_SEGMENT_TEXT_VERSION))
		return "expected the format version \"v2;\" at the start";
	if (!cf_tf_take(&r, "as_of", &s) ||
		!(version == 1 ? cf_tf_int64(&s, INT64_MIN, INT64_MAX, &params.as_of) : cf_tf_timestamp(&s, &params.as_of)) ||
		!cf_tf_done(&s))
		return version == 1 ? "expected \"as_of=<microseconds>\" after the version" :
			"expected \"as_of=\" with a UTC time YYYY-MM-DDTHH:MM:SS[.ffffff]Z in PostgreSQL's range";
	if (!cf_tf_take_int64(&r, "horizon", 0, CF_SEGMENT_MAX_HORIZON, &v[0]))
		return "expected \";horizon=<years 0..100>\"";
	params.horizon_years = (int32_t) v[0];
	if (!cf_tf_take(&r, "margin", &s) || !cf_tf_double(&s, &params.margin) || !cf_tf_done(&s))
		return "expected \";margin=<number>\"";
	if (!cf_tf_take(&r, "ladder", &s) ||
		!cf_tf_int64(&s, 0, INT64_MAX, &params.ladder.client_orders) ||
		!cf_tf_char(&s, ',') || !cf_tf_int64(&s, 0, INT64_MAX, &params.ladder.regular_orders) ||
		!cf_tf_char(&s, ',') || !cf_tf_int64(&s, 0, 10, &v[0]) ||
		!cf_tf_char(&s, ',') || !cf_tf_double(&s, &params.ladder.lapse_factor) ||
		!cf_tf_char(&s, ',') || !cf_tf_int64(&s, 0, INT32_MAX, &v[1]) ||
		!cf_tf_char(&s, ',') || !cf_tf_int64(&s, 0, INT32_MAX, &v[2]) || !cf_tf_done(&s))
		return "expected \";ladder=<client>,<regular>,<advocate>,<factor>,<lapse days>,<lost days>\"";
	params.ladder.advocate_score = (int32_t) v[0];
	params.ladder.lapse_days = (int32_t) v[1];
	params.ladder.lost_days = (int32_t) v[2];
	if ((problem = segment_params_problem_words(&params)) != NULL)
		return problem;
	cf_segment_init(out, &params);
	if (!cf_tf_take_int64(&r, "customers", 0, INT64_MAX, &out->customers) ||
		!cf_tf_take_int64(&r, "orders", 0, INT64_MAX, &out->orders) ||
		!cf_tf_take_int64(&r, "repeat", 0, INT64_MAX, &out->repeat_customers))
		return "expected \";customers=<n>;orders=<n>;repeat=<n>\"";
	if (!cf_tf_take(&r, "stages", &s))
		return "expected \";stages=\" and seven counts";
	for (i = 0; i < CF_STAGE_COUNT; i++)
		if ((i > 0 && !cf_tf_char(&s, ',')) || !cf_tf_int64(&s, 0, INT64_MAX, &out->stages[i]))
			return "expected seven non-negative stage counts separated by commas";
	if (!cf_tf_done(&s))
		return "expected seven non-negative stage counts separated by commas";
	if (!cf_tf_take(&r, "revenue", &s))
		return "expected \";revenue=<decimal>\"";
	if (!decimal_span(s, &revenue, &scale) || scale > CF_DEC_MAX_SCALE)
		return "the revenue must be a plain decimal number within 38 digits";
	set_revenue(out, revenue);
	out->revenue_scale = (int16_t) scale;
	if (!value_field(&r, "lapsed_value", &revenue))
		return "expected \";lapsed_value=<decimal with at most 6 decimals>\"";
	split128(revenue, &out->lapsed_lo, &out->lapsed_hi);
	if (!value_field(&r, "lost_value", &revenue))
		return "expected \";lost_value=<decimal with at most 6 decimals>\"";
	split128(revenue, &out->lost_lo, &out->lost_hi);
	if (!cf_tf_at_end(&r))
		return "unexpected text after the lost value";
	return segment_problem_words(out, sizeof(*out));
}

static const char *
segment_problem_words(const cf_segment *s, size_t size)
{
	cf_segment_params params;
	const char *problem;
	int64_t		total = 0;
	int			i;

	if (size != sizeof(cf_segment))
		return "the value has the wrong length";
	if (s->version != CF_SEGMENT_VERSION)
		return "unknown format version";
	params = cf_segment_get_params(s);
	if ((problem = segment_params_problem_words(&params)) != NULL)
		return problem;
	if (s->revenue_scale < 0 || s->revenue_scale > CF_DEC_MAX_SCALE)
		return "the revenue scale is out of range";
	for (i = 0; i < CF_STAGE_COUNT; i++)
		if (s->stages[i] < 0 || __builtin_add_overflow(total, s->stages[i], &total))
			return "stage counts must be non-negative and add up within 2^63";
	if (total != s->customers)
		return "the stage counts must add up to the customers";
	if (s->repeat_customers < 0 || s->repeat_customers > s->customers - s->stages[CF_STAGE_PROSPECT])
		return "repeat customers must be between 0 and the customers with orders";
	if (s->orders < s->customers - s->stages[CF_STAGE_PROSPECT])
		return "every customer with a profile has at least one order";
	if (cf_segment_lapsed_value(s) < 0 || cf_segment_lost_value(s) < 0)
		return "values at risk must not be negative";
	return NULL;
}

int
cf_segment_params_check(const cf_segment_params *p, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, segment_params_problem_words(p));
}

int
cf_segment_parse(const char *text, cf_segment *out, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, segment_parse_words(text, out));
}

int
cf_segment_check(const cf_segment *s, size_t size, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, segment_problem_words(s, size));
}
