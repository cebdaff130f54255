/*
 * nps_weighted.c — SQL glue for weighted score distributions: the
 * nps_weighted_state type, nps_agg/csat_agg/ces_agg/score_agg(score, weight)
 * and the accessors, intervals and tests of nps_state over it.
 *
 * The arithmetic is in core/nps_weighted.c (and the unweighted formulas it
 * shares in core/nps.c); this file unpacks, validates, calls and packs.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "cf_glue.h"
#include "nps_weighted.h"
#include "stats.h"

#define WEIGHTED_TYPNAME "nps_weighted_state"

static cf_nps_weighted_state *
weighted_arg(FunctionCallInfo fcinfo, int argno)
{
	return (cf_nps_weighted_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
}

/* A new empty state over the scale, in the current memory context. */
static cf_nps_weighted_state *
new_state(const cf_score_scale *scale)
{
	size_t		size = cf_nps_weighted_size(scale);
	cf_nps_weighted_state *st = palloc(size);

	SET_VARSIZE(st, size);
	cf_nps_weighted_init(st, scale);
	return st;
}

/* Raise 22004 for a NULL weight, 22023/22003 for one that is not 0 or in [1e-100, 1e100]. */
static double
weight_arg(FunctionCallInfo fcinfo, int argno)
{
	cf_error	why;
	double		w;
	int			rc;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("weight must not be null"),
				 errdetail("A row has a NULL weight; every answer (and every NULL score) needs one."),
				 errhint("Give the rows a weight (coalesce(weight, 1)) or leave them out with FILTER (WHERE weight IS NOT NULL).")));
	w = PG_GETARG_FLOAT8(argno);
	if ((rc = cf_weight_check(w, &why)) != CF_OK)
		ereport(ERROR,
				(errcode(rc == CF_ERANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", why.msg),
				 errdetail("%s", why.detail),
				 errhint("Weights are 0 (the answer counted, its weight none) or positive, between 1e-100 and 1e100.")));
	return w;
}

/* The state to update: the incoming one (in place inside an aggregate, else a copy) or a new one. */
static cf_nps_weighted_state *
state_for_update(FunctionCallInfo fcinfo, const cf_score_scale *scale)
{
	cf_nps_weighted_state *st;

	cf_require_aggregate(fcinfo, "score");
	if (PG_ARGISNULL(0))
	{
		cf_nps_check_scale(scale);
		return new_state(scale);
	}
	st = weighted_arg(fcinfo, 0);
	if (st->scale_min != scale->scale_min || st->scale_max != scale->scale_max ||
		st->promoter_min != scale->promoter_min || st->detractor_max != scale->detractor_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the scale must be the same for every row of a group"),
				 errdetail("The group started with scale %d..%d (promoter_min %d, detractor_max %d), a later row has %d..%d (%d, %d).",
						   st->scale_min, st->scale_max, st->promoter_min, st->detractor_max,
						   scale->scale_min, scale->scale_max, scale->promoter_min, scale->detractor_max)));
	return st;
}

/*
 * Count the score in argument 1 with the weight in argument 2; a NULL score is
 * a skipped answer with its weight (scale NULL: score_agg's NULL score with a
 * NULL scale argument, which is left out).
 */
static Datum
transition(FunctionCallInfo fcinfo, const cf_score_scale *scale)
{
	cf_nps_weighted_state *st;
	double		w;
	int32		score;

	if (PG_ARGISNULL(1) && scale == NULL)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	w = weight_arg(fcinfo, 2);
	st = state_for_update(fcinfo, scale);
	if (PG_ARGISNULL(1))
	{
		if (!cf_nps_weighted_skip(st, w))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("skipped answers out of range"),
					 errdetail("The count of NULL scores would exceed 2^63 - 1.")));
		PG_RETURN_POINTER(st);
	}
	score = PG_GETARG_INT32(1);
	if (score < st->scale_min || score > st->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %d is outside the scale %d..%d", score, st->scale_min, st->scale_max),
				 errhint("Filter out answers off the scale (WHERE score BETWEEN %d AND %d), or build the state "
						 "with score_agg over your survey's scale.", st->scale_min, st->scale_max)));
	if (!cf_nps_weighted_add(st, score, w))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score counts out of range"),
				 errdetail("The count of score %d would exceed 2^63 - 1.", score)));
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(cf_nps_weighted_trans);
PG_FUNCTION_INFO_V1(cf_csat_weighted_trans);
PG_FUNCTION_INFO_V1(cf_ces_weighted_trans);
PG_FUNCTION_INFO_V1(cf_score_weighted_trans);

Datum cf_nps_weighted_trans(PG_FUNCTION_ARGS) { return transition(fcinfo, &cf_nps_scale); }
Datum cf_csat_weighted_trans(PG_FUNCTION_ARGS) { return transition(fcinfo, &cf_csat_scale); }
Datum cf_ces_weighted_trans(PG_FUNCTION_ARGS) { return transition(fcinfo, &cf_ces_scale); }

/* score_agg(score, weight, scale_min, scale_max, promoter_min, detractor_max) */
Datum
cf_score_weighted_trans(PG_FUNCTION_ARGS)
{
	cf_score_scale s;

	if (PG_ARGISNULL(1) && (PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5) || PG_ARGISNULL(6)))
		return transition(fcinfo, NULL);
	s = cf_nps_scale_from_args(fcinfo, 3);
	return transition(fcinfo, &s);
}

/* Refuse two states of different scales (22023), naming both. */
static void
check_same_scale(const cf_nps_weighted_state *a, const cf_nps_weighted_state *b, const char *what)
{
	if (!cf_nps_weighted_same_scale(a, b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s score distributions with different scales", what),
				 errdetail("One has scale %d..%d (promoter_min %d, detractor_max %d), the other %d..%d (%d, %d).",
						   a->scale_min, a->scale_max, a->promoter_min, a->detractor_max,
						   b->scale_min, b->scale_max, b->promoter_min, b->detractor_max)));
}

/* Combine (and rollup's transition): state0 += state1.  Strict. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_combine);
Datum
cf_nps_weighted_combine(PG_FUNCTION_ARGS)
{
	cf_nps_weighted_state *dst = weighted_arg(fcinfo, 0);
	cf_nps_weighted_state *src = weighted_arg(fcinfo, 1);

	check_same_scale(dst, src, "combine");
	if (!CF_IN_AGGREGATE(fcinfo))
		dst = cf_copy_varlena(dst);
	if (!cf_nps_weighted_merge(dst, src))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score counts out of range"),
				 errdetail("A combined count would exceed 2^63 - 1.")));
	PG_RETURN_POINTER(dst);
}

/* ---------- type I/O ---------- */

/* 22P02/22023 unless the state is sound (text and binary input share this check). */
static void
check_stored(const cf_nps_weighted_state *st)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_nps_weighted_check(st, VARSIZE(st), &why), &why);

	if (problem)
		cf_bad_stored_value(WEIGHTED_TYPNAME, problem);
}

PG_FUNCTION_INFO_V1(nps_weighted_state_in);
Datum
nps_weighted_state_in(PG_FUNCTION_ARGS)
{
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	cf_weighted_parsed *parsed = palloc(sizeof(cf_weighted_parsed));
	const char *problem = cf_error_detail(cf_nps_weighted_parse(text, parsed, &why), &why);
	cf_nps_weighted_state *st;

	if (problem)
		cf_bad_text_form(WEIGHTED_TYPNAME, text, problem);
	st = new_state(&parsed->scale);
	st->skipped = parsed->skipped;
	st->skipped_weight = parsed->skipped_weight;
	memcpy(st->buckets, parsed->buckets, sizeof(cf_weighted_bucket) * parsed->nbuckets);
	check_stored(st);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(nps_weighted_state_out);
Datum
nps_weighted_state_out(PG_FUNCTION_ARGS)
{
	cf_nps_weighted_state *st = weighted_arg(fcinfo, 0);
	size_t		len = cf_nps_weighted_format(st, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_nps_weighted_format(st, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

static void
send_dd(StringInfo buf, cf_dd v)
{
	pq_sendfloat8(buf, v.hi);
	pq_sendfloat8(buf, v.lo);
}

static cf_dd
recv_dd(StringInfo buf)
{
	cf_dd		v;

	v.hi = pq_getmsgfloat8(buf);
	v.lo = pq_getmsgfloat8(buf);
	return v;
}

PG_FUNCTION_INFO_V1(nps_weighted_state_send);
Datum
nps_weighted_state_send(PG_FUNCTION_ARGS)
{
	cf_nps_weighted_state *st = weighted_arg(fcinfo, 0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, st->version);
	pq_sendint16(&buf, st->scale_min);
	pq_sendint16(&buf, st->scale_max);
	pq_sendint16(&buf, st->promoter_min);
	pq_sendint16(&buf, st->detractor_max);
	pq_sendint64(&buf, st->skipped);
	send_dd(&buf, st->skipped_weight);
	for (i = 0; i < st->nbuckets; i++)
	{
		pq_sendint64(&buf, st->buckets[i].count);
		send_dd(&buf, st->buckets[i].weight);
		send_dd(&buf, st->buckets[i].weight_sq);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(nps_weighted_state_recv);
Datum
nps_weighted_state_recv(PG_FUNCTION_ARGS)
{
	cf_error	why;
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int16		version = pq_getmsgint(buf, 2);
	cf_score_scale s;
	const char *problem;
	cf_nps_weighted_state *st;
	int			i;

	if (version != CF_WEIGHTED_FORMAT_VERSION)
		cf_bad_stored_value(WEIGHTED_TYPNAME, "unknown format version");
	s.scale_min = (int16) pq_getmsgint(buf, 2);
	s.scale_max = (int16) pq_getmsgint(buf, 2);
	s.promoter_min = (int16) pq_getmsgint(buf, 2);
	s.detractor_max = (int16) pq_getmsgint(buf, 2);
	if ((problem = cf_error_detail(cf_score_scale_check(&s, &why), &why)) != NULL)
		cf_bad_stored_value(WEIGHTED_TYPNAME, problem);
	st = new_state(&s);
	st->skipped = pq_getmsgint64(buf);
	st->skipped_weight = recv_dd(buf);
	for (i = 0; i < st->nbuckets; i++)
	{
		st->buckets[i].count = pq_getmsgint64(buf);
		st->buckets[i].weight = recv_dd(buf);
		st->buckets[i].weight_sq = recv_dd(buf);
	}
	pq_getmsgend(buf);
	check_stored(st);
	PG_RETURN_POINTER(st);
}

/* ---------- accessors ---------- */

/* The summary of state argument argno; false (the caller returns NULL) when its weights sum to 0. */
static bool
summary_arg(FunctionCallInfo fcinfo, int argno, cf_weighted_summary *s)
{
	*s = cf_nps_weighted_summarize(weighted_arg(fcinfo, argno));
	return s->responses > 0;
}

#define WEIGHTED_FIGURE(fn, expr) \
	PG_FUNCTION_INFO_V1(fn); \
	Datum \
	fn(PG_FUNCTION_ARGS) \
	{ \
		cf_weighted_summary s; \
		if (!summary_arg(fcinfo, 0, &s)) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(expr); \
	}

/* Figures of the answers, as nps_state's (weights for counts); NULL when the weights sum to 0. */
WEIGHTED_FIGURE(cf_nps_weighted_value, cf_weighted_net(&s))
WEIGHTED_FIGURE(cf_nps_weighted_promoter_share, s.promoters / s.responses)
WEIGHTED_FIGURE(cf_nps_weighted_passive_share, s.passives / s.responses)
WEIGHTED_FIGURE(cf_nps_weighted_detractor_share, s.detractors / s.responses)
WEIGHTED_FIGURE(cf_nps_weighted_csat, 100.0 * s.promoters / s.responses)
WEIGHTED_FIGURE(cf_nps_weighted_mean_score, s.score_sum / s.responses)
WEIGHTED_FIGURE(cf_nps_weighted_effective_n, s.effective_n)

/* Summed weights per class: 0 (not NULL) for a state without answers, as nps_state's counts. */
#define WEIGHTED_TOTAL(fn, field) \
	PG_FUNCTION_INFO_V1(fn); \
	Datum \
	fn(PG_FUNCTION_ARGS) \
	{ \
		PG_RETURN_FLOAT8(cf_nps_weighted_summarize(weighted_arg(fcinfo, 0)).field); \
	}

WEIGHTED_TOTAL(cf_nps_weighted_responses, responses)
WEIGHTED_TOTAL(cf_nps_weighted_promoters, promoters)
WEIGHTED_TOTAL(cf_nps_weighted_passives, passives)
WEIGHTED_TOTAL(cf_nps_weighted_detractors, detractors)

/* The weights of the NULL scores. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_skipped_count);
Datum
cf_nps_weighted_skipped_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(cf_dd_value(weighted_arg(fcinfo, 0)->skipped_weight));
}

/* Answered weight / (answered + skipped weight); NULL when both are 0. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_answer_share);
Datum
cf_nps_weighted_answer_share(PG_FUNCTION_ARGS)
{
	cf_nps_weighted_state *st = weighted_arg(fcinfo, 0);
	double		answers = cf_nps_weighted_summarize(st).responses;
	double		skipped = cf_dd_value(st->skipped_weight);

	if (answers + skipped == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(answers / (answers + skipped));
}

/* Summed weights per scale point. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_counts);
Datum
cf_nps_weighted_counts(PG_FUNCTION_ARGS)
{
	cf_nps_weighted_state *st = weighted_arg(fcinfo, 0);
	Datum	   *elems = palloc(sizeof(Datum) * st->nbuckets);
	int			i;

	for (i = 0; i < st->nbuckets; i++)
		elems[i] = Float8GetDatum(cf_dd_value(st->buckets[i].weight));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, st->nbuckets, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* z times the standard error of the net score over the effective sample size. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_moe);
Datum
cf_nps_weighted_moe(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(1);
	cf_nps_method method = PG_NARGS() > 2 ? cf_nps_method_arg(fcinfo, 2) : CF_NPS_WALD;
	cf_weighted_summary s;

	cf_check_confidence(confidence);
	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cf_weighted_moe_by(&s, cf_normal_two_sided_z(confidence), method));
}

/* Estimate +- margin by the method, clipped to [-100, 100]. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_ci);
Datum
cf_nps_weighted_ci(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(1);
	cf_nps_method method = PG_NARGS() > 2 ? cf_nps_method_arg(fcinfo, 2) : CF_NPS_WALD;
	cf_weighted_summary s;
	cf_score_estimate e;
	double		moe;

	cf_check_confidence(confidence);
	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	e = cf_weighted_estimate_by(&s, method);
	moe = cf_weighted_moe_by(&s, cf_normal_two_sided_z(confidence), method);
	PG_RETURN_DATUM(cf_nps_interval_datum(fcinfo, Max(-100.0, e.net - moe), Min(100.0, e.net + moe)));
}

/* Wilson interval of a class's weighted share, over the effective sample size. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_top_box_ci);
Datum
cf_nps_weighted_top_box_ci(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(1);
	cf_score_class cls;
	cf_weighted_summary s;
	double		lower,
				upper;

	cf_check_confidence(confidence);
	cls = cf_score_class_arg(fcinfo, 2);
	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	cf_wilson_interval(cf_weighted_class_effective(&s, cls), s.effective_n,
					   cf_normal_two_sided_z(confidence), &lower, &upper);
	PG_RETURN_DATUM(cf_nps_interval_datum(fcinfo, lower, upper));
}

/* nps_compare(a, b [, method]): z-test of a - b over the effective sample sizes. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_compare);
Datum
cf_nps_weighted_compare(PG_FUNCTION_ARGS)
{
	cf_nps_method method = PG_NARGS() > 2 ? cf_nps_method_arg(fcinfo, 2) : CF_NPS_WALD;
	cf_weighted_summary a,
				b;
	cf_score_comparison c;

	if (!summary_arg(fcinfo, 0, &a) || !summary_arg(fcinfo, 1, &b))
		PG_RETURN_NULL();
	check_same_scale(weighted_arg(fcinfo, 0), weighted_arg(fcinfo, 1), "compare");
	c = cf_weighted_compare_by(&a, &b, method);
	PG_RETURN_DATUM(cf_nps_comparison_datum(fcinfo, &c));
}

/* nps_compare(state, benchmark, method) */
PG_FUNCTION_INFO_V1(cf_nps_weighted_compare_benchmark);
Datum
cf_nps_weighted_compare_benchmark(PG_FUNCTION_ARGS)
{
	double		benchmark = PG_GETARG_FLOAT8(1);
	cf_nps_method method = cf_nps_method_arg(fcinfo, 2);
	cf_weighted_summary s;
	cf_score_comparison c;

	cf_nps_check_benchmark(benchmark);
	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	c = cf_weighted_compare_benchmark(&s, benchmark, method);
	PG_RETURN_DATUM(cf_nps_comparison_datum(fcinfo, &c));
}

/* nps_shift(previous, current, confidence): the adjusted-Wald test of current - previous. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_shift);
Datum
cf_nps_weighted_shift(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(2);
	cf_weighted_summary previous,
				current;
	cf_score_comparison c;

	cf_check_confidence(confidence);
	if (!summary_arg(fcinfo, 0, &previous) || !summary_arg(fcinfo, 1, &current))
		PG_RETURN_NULL();
	check_same_scale(weighted_arg(fcinfo, 0), weighted_arg(fcinfo, 1), "compare");
	c = cf_weighted_compare_by(&current, &previous, CF_NPS_ADJUSTED_WALD);
	PG_RETURN_DATUM(cf_nps_shift_verdict(&c, confidence));
}

/* The state itself when it has at least min_n answers (rows, not weights), else NULL. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_small_cell_suppress);
Datum
cf_nps_weighted_small_cell_suppress(PG_FUNCTION_ARGS)
{
	int32		min_n = PG_GETARG_INT32(1);

	if (min_n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_n must not be negative"),
				 errdetail("The min_n given is %d; it must be 0 or more answers.", min_n)));
	if (cf_nps_weighted_summarize(weighted_arg(fcinfo, 0)).answers < min_n)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/* One row per scale point: score, summed weight, weighted share, a bar scaled to the largest. */
PG_FUNCTION_INFO_V1(cf_nps_weighted_distribution);
Datum
cf_nps_weighted_distribution(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_nps_weighted_state *st = weighted_arg(fcinfo, 0);
	int32		width = PG_GETARG_INT32(1);
	bool		utf8 = GetDatabaseEncoding() == PG_UTF8;
	cf_weighted_summary s = cf_nps_weighted_summarize(st);
	double		largest = 0;
	char	   *bar;
	int			i;

	if (width < 0 || width > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("chart width %d is out of range", width),
				 errdetail("The width must be between 0 and 1000 characters.")));
	InitMaterializedSRF(fcinfo, 0);
	bar = palloc(3 * (size_t) width + 4);
	for (i = 0; i < st->nbuckets; i++)
		largest = Max(largest, cf_dd_value(st->buckets[i].weight));
	for (i = 0; i < st->nbuckets; i++)
	{
		double		w = cf_dd_value(st->buckets[i].weight);
		Datum		values[4];
		bool		nulls[4] = {false, false, s.responses == 0, false};

		cf_bar(largest > 0 ? w / largest : 0.0, width, utf8, bar);
		values[0] = Int32GetDatum(st->scale_min + i);
		values[1] = Float8GetDatum(w);
		values[2] = Float8GetDatum(s.responses > 0 ? w / s.responses : 0.0);
		values[3] = CStringGetTextDatum(bar);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
