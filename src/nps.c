/*
 * nps.c — SQL glue for score distributions: the nps_state type, the NPS, CSAT,
 * CES and custom-scale aggregates, and their accessors.
 *
 * The arithmetic is in core/nps.c; this file unpacks, validates, calls and
 * packs.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "cf_glue.h"
#include "nps.h"
#include "stats.h"

#define NPS_TYPNAME "nps_state"
#define PG_GETARG_NPS_STATE(n) cf_nps_state_arg(fcinfo, (n))


/* A new empty distribution over the scale, in the current memory context. */
static cf_nps_state *
new_dist(const cf_score_scale *scale)
{
	size_t		size = cf_nps_state_size(scale);
	cf_nps_state *dist = palloc(size);

	SET_VARSIZE(dist, size);
	cf_nps_state_init(dist, scale);
	return dist;
}

/* A private copy, for when the function is not allowed to modify its input. */
static cf_nps_state *
copy_dist(const cf_nps_state *dist)
{
	cf_nps_state *copy = palloc(VARSIZE(dist));

	memcpy(copy, dist, VARSIZE(dist));
	return copy;
}

/*
 * The state of argument argno, detoasted; a value stored in format version 1
 * (1.0, or 1.1 before skipped answers were counted) is read into a new
 * version-2 state whose skipped answers are unknown.
 */
cf_nps_state *
cf_nps_state_arg(FunctionCallInfo fcinfo, int argno)
{
	cf_nps_state *dist = (cf_nps_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	cf_nps_state *upgraded;
	cf_score_scale scale;

	if (dist->version == CF_SCORE_FORMAT_VERSION)
		return dist;
	scale = cf_nps_state_scale(dist);	/* the header fields are where they were */
	if (dist->version != 1 || cf_score_scale_check(&scale, NULL) != CF_OK)
		cf_bad_stored_value(NPS_TYPNAME, "unknown format version");
	upgraded = new_dist(&scale);
	if (!cf_nps_state_upgrade_v1(dist, VARSIZE(dist), upgraded))
		cf_bad_stored_value(NPS_TYPNAME, "the number of counts does not match the scale");
	return upgraded;
}

/* Raise 22023 when the scale arguments do not make a usable scale. */
void
cf_nps_check_scale(const cf_score_scale *scale)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_score_scale_check(scale, &why), &why);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid score scale"),
				 errdetail("Scale %d..%d with promoter_min %d and detractor_max %d: %s.",
						   scale->scale_min, scale->scale_max,
						   scale->promoter_min, scale->detractor_max, problem),
				 errhint("Thresholds must satisfy scale_min <= detractor_max < promoter_min <= scale_max.")));
}

/* Raise 22003 for a score off the scale. */
static void
check_score(const cf_nps_state *dist, int32 score)
{
	if (!cf_score_in_scale(dist, score))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score %d is outside the scale %d..%d", score, dist->scale_min, dist->scale_max),
				 errhint("Filter out answers off the scale (WHERE score BETWEEN %d AND %d), or build the state "
						 "with score_agg over your survey's scale.", dist->scale_min, dist->scale_max)));
}

/*
 * The state to update for one transition step: the incoming one (in place when
 * inside an aggregate, else a copy) or a new empty one over the scale.
 */
static cf_nps_state *
state_for_update(FunctionCallInfo fcinfo, const cf_score_scale *scale)
{
	cf_nps_state *dist;

	cf_require_aggregate(fcinfo, "score");
	if (PG_ARGISNULL(0))
	{
		cf_nps_check_scale(scale);
		return new_dist(scale);
	}
	dist = PG_GETARG_NPS_STATE(0);
	if (dist->scale_min != scale->scale_min || dist->scale_max != scale->scale_max ||
		dist->promoter_min != scale->promoter_min || dist->detractor_max != scale->detractor_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the scale must be the same for every row of a group"),
				 errdetail("The group started with scale %d..%d (promoter_min %d, detractor_max %d), a later row has %d..%d (%d, %d).",
						   dist->scale_min, dist->scale_max, dist->promoter_min, dist->detractor_max,
						   scale->scale_min, scale->scale_max, scale->promoter_min, scale->detractor_max)));
	return dist;
}

/* The scale given by arguments first..first + 3 of score_agg. */
cf_score_scale
cf_nps_scale_from_args(FunctionCallInfo fcinfo, int first)
{
	cf_score_scale s;
	int			i;

	for (i = first; i <= first + 3; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("scale arguments of score_agg must not be null")));
	s.scale_min = PG_GETARG_INT32(first);
	s.scale_max = PG_GETARG_INT32(first + 1);
	s.promoter_min = PG_GETARG_INT32(first + 2);
	s.detractor_max = PG_GETARG_INT32(first + 3);
	return s;
}

/* True when one of score_agg's scale arguments (2..5) is NULL. */
static bool
scale_args_have_null(FunctionCallInfo fcinfo)
{
	return PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5);
}

/*
 * Count the score in argument 1 into the state in argument 0; a NULL score is
 * counted as a skipped answer (scale NULL: score_agg's NULL score with a NULL
 * scale argument, which is left out).
 */
static Datum
transition(FunctionCallInfo fcinfo, const cf_score_scale *scale)
{
	cf_nps_state *dist;

	if (PG_ARGISNULL(1) && scale == NULL)
	{
		/* score_agg's NULL score with a NULL scale: nothing to count it on */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	dist = state_for_update(fcinfo, scale);
	if (PG_ARGISNULL(1))
	{
		/* a skipped question: counted, so a group of only NULLs has a state */
		if (!cf_nps_state_skip(dist))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("skipped answers out of range"),
					 errdetail("The count of NULL scores would exceed 2^63 - 1.")));
		PG_RETURN_POINTER(dist);
	}
	check_score(dist, PG_GETARG_INT32(1));
	cf_nps_state_add(dist, PG_GETARG_INT32(1));
	PG_RETURN_POINTER(dist);
}

/* Remove the score in argument 1 from the state (moving-aggregate inverse). */
static Datum
inverse(FunctionCallInfo fcinfo, const cf_score_scale *scale)
{
	cf_nps_state *dist;

	if (PG_ARGISNULL(1) && scale == NULL)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(1) && PG_ARGISNULL(0))
		PG_RETURN_DATUM(PointerGetDatum(new_dist(scale)));	/* NULL would force a restart */
	dist = state_for_update(fcinfo, scale);
	if (PG_ARGISNULL(1))
	{
		if (!cf_nps_state_unskip(dist))
			PG_RETURN_NULL();	/* cannot happen for a frame; let the executor restart */
		PG_RETURN_POINTER(dist);
	}
	check_score(dist, PG_GETARG_INT32(1));
	if (!cf_nps_state_remove(dist, PG_GETARG_INT32(1)))
		PG_RETURN_NULL();		/* cannot happen for a frame; let the executor restart */
	PG_RETURN_POINTER(dist);
}

PG_FUNCTION_INFO_V1(cf_nps_trans);
PG_FUNCTION_INFO_V1(cf_nps_inv);
PG_FUNCTION_INFO_V1(cf_csat_trans);
PG_FUNCTION_INFO_V1(cf_csat_inv);
PG_FUNCTION_INFO_V1(cf_ces_trans);
PG_FUNCTION_INFO_V1(cf_ces_inv);
PG_FUNCTION_INFO_V1(cf_score_trans);
PG_FUNCTION_INFO_V1(cf_score_inv);

Datum cf_nps_trans(PG_FUNCTION_ARGS) { return transition(fcinfo, &cf_nps_scale); }
Datum cf_nps_inv(PG_FUNCTION_ARGS) { return inverse(fcinfo, &cf_nps_scale); }
Datum cf_csat_trans(PG_FUNCTION_ARGS) { return transition(fcinfo, &cf_csat_scale); }
Datum cf_csat_inv(PG_FUNCTION_ARGS) { return inverse(fcinfo, &cf_csat_scale); }
Datum cf_ces_trans(PG_FUNCTION_ARGS) { return transition(fcinfo, &cf_ces_scale); }
Datum cf_ces_inv(PG_FUNCTION_ARGS) { return inverse(fcinfo, &cf_ces_scale); }

Datum
cf_score_trans(PG_FUNCTION_ARGS)
{
	cf_score_scale s;

	if (PG_ARGISNULL(1) && scale_args_have_null(fcinfo))
		return transition(fcinfo, NULL);
	s = cf_nps_scale_from_args(fcinfo, 2);
	return transition(fcinfo, &s);
}

Datum
cf_score_inv(PG_FUNCTION_ARGS)
{
	cf_score_scale s;

	if (PG_ARGISNULL(1) && scale_args_have_null(fcinfo))
		return inverse(fcinfo, NULL);
	s = cf_nps_scale_from_args(fcinfo, 2);
	return inverse(fcinfo, &s);
}

/*
 * Combine (and rollup's transition): state0 += state1.  Strict, so the
 * executor starts from a copy of the first non-null input.
 */
PG_FUNCTION_INFO_V1(cf_nps_combine);
Datum
cf_nps_combine(PG_FUNCTION_ARGS)
{
	cf_nps_state *dst = PG_GETARG_NPS_STATE(0);
	cf_nps_state *src = PG_GETARG_NPS_STATE(1);

	cf_nps_check_same_scale(dst, src, "combine");
	if (!CF_IN_AGGREGATE(fcinfo))
		dst = copy_dist(dst);
	if (!cf_nps_state_merge(dst, src))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("score counts out of range"),
				 errdetail("A combined count would exceed 2^63 - 1.")));
	PG_RETURN_POINTER(dst);
}

/* ---------- type I/O ---------- */

PG_FUNCTION_INFO_V1(nps_state_in);
Datum
nps_state_in(PG_FUNCTION_ARGS)
{
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	cf_score_parsed parsed;
	const char *problem = cf_error_detail(cf_nps_state_parse(text, &parsed, &why), &why);
	cf_nps_state *dist;

	if (problem)
		cf_bad_text_form(NPS_TYPNAME, text, problem);
	dist = new_dist(&parsed.scale);
	dist->skipped = parsed.skipped;
	memcpy(dist->counts, parsed.counts, sizeof(int64) * parsed.nbuckets);
	/* the one soundness check of a stored value, as in nps_state_recv */
	if ((problem = cf_error_detail(cf_nps_state_check(dist, VARSIZE(dist), &why), &why)) != NULL)
		cf_bad_stored_value(NPS_TYPNAME, problem);
	PG_RETURN_POINTER(dist);
}

PG_FUNCTION_INFO_V1(nps_state_out);
Datum
nps_state_out(PG_FUNCTION_ARGS)
{
	cf_nps_state *dist = PG_GETARG_NPS_STATE(0);
	size_t		len = cf_nps_state_format(dist, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_nps_state_format(dist, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(nps_state_send);
Datum
nps_state_send(PG_FUNCTION_ARGS)
{
	cf_nps_state *dist = PG_GETARG_NPS_STATE(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, dist->version);
	pq_sendint16(&buf, dist->scale_min);
	pq_sendint16(&buf, dist->scale_max);
	pq_sendint16(&buf, dist->promoter_min);
	pq_sendint16(&buf, dist->detractor_max);
	pq_sendint64(&buf, dist->skipped);	/* -1: unknown */
	for (i = 0; i < dist->nbuckets; i++)
		pq_sendint64(&buf, dist->counts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(nps_state_recv);
Datum
nps_state_recv(PG_FUNCTION_ARGS)
{
	cf_error	why;
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int16		version = pq_getmsgint(buf, 2);
	cf_score_scale s;
	const char *problem;
	cf_nps_state *dist;
	int			i;

	if (version != CF_SCORE_FORMAT_VERSION && version != 1)
		cf_bad_stored_value(NPS_TYPNAME, "unknown format version");
	s.scale_min = (int16) pq_getmsgint(buf, 2);
	s.scale_max = (int16) pq_getmsgint(buf, 2);
	s.promoter_min = (int16) pq_getmsgint(buf, 2);
	s.detractor_max = (int16) pq_getmsgint(buf, 2);
	if ((problem = cf_error_detail(cf_score_scale_check(&s, &why), &why)) != NULL)
		cf_bad_stored_value(NPS_TYPNAME, problem);
	dist = new_dist(&s);
	/* version 1 (1.0, early 1.1) has no skipped count */
	dist->skipped = version == 1 ? CF_SKIPPED_UNKNOWN : pq_getmsgint64(buf);
	for (i = 0; i < dist->nbuckets; i++)
		dist->counts[i] = pq_getmsgint64(buf);
	pq_getmsgend(buf);
	if ((problem = cf_error_detail(cf_nps_state_check(dist, VARSIZE(dist), &why), &why)) != NULL)
		cf_bad_stored_value(NPS_TYPNAME, problem);
	PG_RETURN_POINTER(dist);
}

/* ---------- accessors ---------- */

void
cf_nps_check_same_scale(const cf_nps_state *a, const cf_nps_state *b, const char *what)
{
	if (!cf_nps_state_same_scale(a, b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot %s score distributions with different scales", what),
				 errdetail("One has scale %d..%d (promoter_min %d, detractor_max %d), the other %d..%d (%d, %d).",
						   a->scale_min, a->scale_max, a->promoter_min, a->detractor_max,
						   b->scale_min, b->scale_max, b->promoter_min, b->detractor_max)));
}

bool
cf_nps_summary_arg(FunctionCallInfo fcinfo, int argno, cf_score_summary *s)
{
	*s = cf_nps_state_summarize(PG_GETARG_NPS_STATE(argno));
	return s->responses > 0;
}

#define summary_arg cf_nps_summary_arg

cf_nps_method
cf_nps_method_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	cf_nps_method method;

	if (!cf_nps_method_from_name(name, &method))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown interval method \"%s\"", name),
				 errdetail("The method is \"%s\"; it must be 'wald' or 'adjusted_wald'.", name),
				 errhint("Use 'adjusted_wald' (recommended) or 'wald' (the 1.0 intervals).")));
	return method;
}

/* The method of an optional argument argno: Wald when the call has fewer arguments (the 1.0 forms). */
static cf_nps_method
method_or_wald(FunctionCallInfo fcinfo, int argno)
{
	return PG_NARGS() > argno ? cf_nps_method_arg(fcinfo, argno) : CF_NPS_WALD;
}

PG_FUNCTION_INFO_V1(cf_nps_value);
Datum
cf_nps_value(PG_FUNCTION_ARGS)
{
	cf_score_summary s;

	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cf_score_net(&s));
}

PG_FUNCTION_INFO_V1(cf_nps_responses);
Datum
cf_nps_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cf_nps_state_summarize(PG_GETARG_NPS_STATE(0)).responses);
}

PG_FUNCTION_INFO_V1(cf_nps_promoters);
Datum
cf_nps_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cf_nps_state_summarize(PG_GETARG_NPS_STATE(0)).promoters);
}

PG_FUNCTION_INFO_V1(cf_nps_passives);
Datum
cf_nps_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cf_nps_state_summarize(PG_GETARG_NPS_STATE(0)).passives);
}

PG_FUNCTION_INFO_V1(cf_nps_detractors);
Datum
cf_nps_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(cf_nps_state_summarize(PG_GETARG_NPS_STATE(0)).detractors);
}

/* NULL scores counted; NULL for a state stored before they were. */
PG_FUNCTION_INFO_V1(cf_nps_skipped_count);
Datum
cf_nps_skipped_count(PG_FUNCTION_ARGS)
{
	cf_nps_state *dist = PG_GETARG_NPS_STATE(0);

	if (dist->skipped == CF_SKIPPED_UNKNOWN)
		PG_RETURN_NULL();
	PG_RETURN_INT64(dist->skipped);
}

/* Answers / (answers + skipped); NULL when the skipped answers are unknown or there are no rows. */
PG_FUNCTION_INFO_V1(cf_nps_answer_share);
Datum
cf_nps_answer_share(PG_FUNCTION_ARGS)
{
	cf_nps_state *dist = PG_GETARG_NPS_STATE(0);
	double		answers = (double) cf_nps_state_summarize(dist).responses;

	if (dist->skipped == CF_SKIPPED_UNKNOWN || answers + (double) dist->skipped == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(answers / (answers + (double) dist->skipped));
}

PG_FUNCTION_INFO_V1(cf_nps_promoter_share);
Datum
cf_nps_promoter_share(PG_FUNCTION_ARGS)
{
	cf_score_summary s;

	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s.promoters / s.responses);
}

PG_FUNCTION_INFO_V1(cf_nps_passive_share);
Datum
cf_nps_passive_share(PG_FUNCTION_ARGS)
{
	cf_score_summary s;

	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s.passives / s.responses);
}

PG_FUNCTION_INFO_V1(cf_nps_detractor_share);
Datum
cf_nps_detractor_share(PG_FUNCTION_ARGS)
{
	cf_score_summary s;

	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s.detractors / s.responses);
}

/* CSAT in percent: the share of responses in the top box (promoter_min and up). */
PG_FUNCTION_INFO_V1(cf_nps_csat);
Datum
cf_nps_csat(PG_FUNCTION_ARGS)
{
	cf_score_summary s;

	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) s.promoters / s.responses);
}

PG_FUNCTION_INFO_V1(cf_nps_mean_score);
Datum
cf_nps_mean_score(PG_FUNCTION_ARGS)
{
	cf_score_summary s;

	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s.score_sum / s.responses);
}

PG_FUNCTION_INFO_V1(cf_nps_counts);
Datum
cf_nps_counts(PG_FUNCTION_ARGS)
{
	cf_nps_state *dist = PG_GETARG_NPS_STATE(0);
	Datum	   *elems = palloc(sizeof(Datum) * dist->nbuckets);
	int			i;

	for (i = 0; i < dist->nbuckets; i++)
		elems[i] = Int64GetDatum(dist->counts[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, dist->nbuckets, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* z times the standard error of the net score by the method (Wald for the 1.0 form). */
PG_FUNCTION_INFO_V1(cf_nps_moe);
Datum
cf_nps_moe(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(1);

	cf_nps_method method = method_or_wald(fcinfo, 2);
	cf_score_summary s;

	cf_check_confidence(confidence);
	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cf_score_moe_by(&s, cf_normal_two_sided_z(confidence), method));
}

/* The composite (lower, upper) of the function's result type. */
Datum
cf_nps_interval_datum(FunctionCallInfo fcinfo, double lower, double upper)
{
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "an interval function must return a composite type");
	values[0] = Float8GetDatum(lower);
	values[1] = Float8GetDatum(upper);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls));
}

/* Estimate ± margin by the method (Wald for the 1.0 form), clipped to [-100, 100]. */
PG_FUNCTION_INFO_V1(cf_nps_ci);
Datum
cf_nps_ci(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(1);
	cf_nps_method method = method_or_wald(fcinfo, 2);
	cf_score_summary s;
	cf_score_estimate e;
	double		moe;

	cf_check_confidence(confidence);
	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	e = cf_score_estimate_by(&s, method);
	moe = cf_score_moe_by(&s, cf_normal_two_sided_z(confidence), method);
	PG_RETURN_DATUM(cf_nps_interval_datum(fcinfo, Max(-100.0, e.net - moe), Min(100.0, e.net + moe)));
}

/* The class of answers named by text argument argno; 22023 for another name. */
cf_score_class
cf_score_class_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	cf_score_class cls;

	if (!cf_score_class_from_name(name, &cls))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown share \"%s\"", name),
				 errdetail("The share is \"%s\"; it must be 'promoters', 'passives' or 'detractors'.", name),
				 errhint("The top box of a CSAT or CES state is 'promoters' (scores from promoter_min up).")));
	return cls;
}

/* Wilson interval of the share of one class of answers, as fractions. */
PG_FUNCTION_INFO_V1(cf_nps_top_box_ci);
Datum
cf_nps_top_box_ci(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(1);
	cf_score_class cls;
	cf_score_summary s;
	double		lower,
				upper;

	cf_check_confidence(confidence);
	cls = cf_score_class_arg(fcinfo, 2);
	if (!summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	cf_wilson_interval((double) cf_score_class_count(&s, cls), (double) s.responses,
					   cf_normal_two_sided_z(confidence), &lower, &upper);
	PG_RETURN_DATUM(cf_nps_interval_datum(fcinfo, lower, upper));
}

/* The state itself when it has at least min_n answers, else NULL. */
PG_FUNCTION_INFO_V1(cf_nps_small_cell_suppress);
Datum
cf_nps_small_cell_suppress(PG_FUNCTION_ARGS)
{
	int32		min_n = PG_GETARG_INT32(1);

	if (min_n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_n must not be negative"),
				 errdetail("The min_n given is %d; it must be 0 or more answers.", min_n)));
	if (cf_nps_state_summarize(PG_GETARG_NPS_STATE(0)).responses < min_n)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

/* One row per scale point: score, responses, share, and a bar scaled to the largest bucket. */
PG_FUNCTION_INFO_V1(cf_nps_distribution);
Datum
cf_nps_distribution(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_nps_state *dist = PG_GETARG_NPS_STATE(0);
	int32		width = PG_GETARG_INT32(1);
	bool		utf8 = GetDatabaseEncoding() == PG_UTF8;
	cf_score_summary s = cf_nps_state_summarize(dist);
	int64		largest = 0;
	char	   *bar;
	int			i;

	if (width < 0 || width > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("chart width %d is out of range", width),
				 errdetail("The width must be between 0 and 1000 characters.")));
	InitMaterializedSRF(fcinfo, 0);
	bar = palloc(3 * (size_t) width + 4);
	for (i = 0; i < dist->nbuckets; i++)
		largest = Max(largest, dist->counts[i]);
	for (i = 0; i < dist->nbuckets; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, s.responses == 0, false};

		cf_bar(largest > 0 ? (double) dist->counts[i] / largest : 0.0, width, utf8, bar);
		values[0] = Int32GetDatum(dist->scale_min + i);
		values[1] = Int64GetDatum(dist->counts[i]);
		values[2] = Float8GetDatum(s.responses > 0 ? (double) dist->counts[i] / s.responses : 0.0);
		values[3] = CStringGetTextDatum(bar);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
