/*
 * nps_trend.c — SQL glue for the tests on survey scores: nps_compare (two
 * states, or a state and a benchmark), nps_shift, and the nps_trend aggregate
 * over stored states.
 *
 * The arithmetic is in core/nps.c (estimates, z-tests) and core/nps_trend.c
 * (the k-period tests).  The aggregate's state is internal: the periods seen
 * so far with their counts, appended in any order and merged by period when
 * full, so its size follows the number of distinct periods.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "cf_glue.h"
#include "interrupt.h"
#include "nps.h"
#include "nps_trend.h"
#include "stats.h"

/* The composite (difference, std_error, z, p_value). */
Datum
cf_nps_comparison_datum(FunctionCallInfo fcinfo, const cf_score_comparison *c)
{
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "nps_compare must return a composite type");
	values[0] = Float8GetDatum(c->difference);
	values[1] = Float8GetDatum(c->std_error);
	values[2] = Float8GetDatum(c->z);
	values[3] = Float8GetDatum(c->p_value);
	return HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls));
}

/* Raise 22023 unless benchmark is a net score (cf_glue.h). */
void
cf_nps_check_benchmark(double benchmark)
{
	if (!(benchmark >= -100.0 && benchmark <= 100.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("benchmark net score %g is out of range", benchmark),
				 errdetail("The benchmark is %g; a net score lies between -100 and 100 points.", benchmark),
				 errhint("Pass the benchmark in points on the scale of nps(), between -100 and 100.")));
}

/* 'up' or 'down' when the test rejects "no change" at the confidence, else 'flat' (cf_glue.h). */
Datum
cf_nps_shift_verdict(const cf_score_comparison *c, double confidence)
{
	if (c->p_value < 1.0 - confidence)
		return PointerGetDatum(cstring_to_text(c->difference > 0 ? "up" : "down"));
	return PointerGetDatum(cstring_to_text("flat"));
}

/*
 * nps_compare(a, b [, method]): z-test of a - b for independent samples (the
 * 1.0 two-argument form is Wald).
 */
PG_FUNCTION_INFO_V1(cf_nps_compare);
Datum
cf_nps_compare(PG_FUNCTION_ARGS)
{
	cf_nps_method method = PG_NARGS() > 2 ? cf_nps_method_arg(fcinfo, 2) : CF_NPS_WALD;
	cf_score_summary a,
				b;
	cf_score_comparison c;

	if (!cf_nps_summary_arg(fcinfo, 0, &a) || !cf_nps_summary_arg(fcinfo, 1, &b))
		PG_RETURN_NULL();
	cf_nps_check_same_scale(cf_nps_state_arg(fcinfo, 0), cf_nps_state_arg(fcinfo, 1), "compare");
	c = cf_score_compare_by(&a, &b, method);
	PG_RETURN_DATUM(cf_nps_comparison_datum(fcinfo, &c));
}

/* nps_compare(state, benchmark, method): z-test of the net score against a fixed value. */
PG_FUNCTION_INFO_V1(cf_nps_compare_benchmark);
Datum
cf_nps_compare_benchmark(PG_FUNCTION_ARGS)
{
	double		benchmark = PG_GETARG_FLOAT8(1);
	cf_nps_method method = cf_nps_method_arg(fcinfo, 2);
	cf_score_summary s;
	cf_score_comparison c;

	cf_nps_check_benchmark(benchmark);
	if (!cf_nps_summary_arg(fcinfo, 0, &s))
		PG_RETURN_NULL();
	c = cf_score_compare_benchmark(&s, benchmark, method);
	PG_RETURN_DATUM(cf_nps_comparison_datum(fcinfo, &c));
}

/*
 * nps_shift(previous, current, confidence): 'up' or 'down' when the
 * adjusted-Wald test of current - previous rejects "no change" at the
 * confidence, else 'flat'.
 */
PG_FUNCTION_INFO_V1(cf_nps_shift);
Datum
cf_nps_shift(PG_FUNCTION_ARGS)
{
	double		confidence = PG_GETARG_FLOAT8(2);
	cf_score_summary previous,
				current;
	cf_score_comparison c;

	cf_check_confidence(confidence);
	if (!cf_nps_summary_arg(fcinfo, 0, &previous) || !cf_nps_summary_arg(fcinfo, 1, &current))
		PG_RETURN_NULL();
	cf_nps_check_same_scale(cf_nps_state_arg(fcinfo, 0), cf_nps_state_arg(fcinfo, 1), "compare");
	c = cf_score_compare_by(&current, &previous, CF_NPS_ADJUSTED_WALD);
	PG_RETURN_DATUM(cf_nps_shift_verdict(&c, confidence));
}

/* ---------- the nps_trend aggregate and its state ---------- */

#define TREND_TYPNAME "nps_trend_state"
#define TREND_MIN_CAP 8

static cf_nps_trend_state *
trend_arg(FunctionCallInfo fcinfo, int argno)
{
	return (cf_nps_trend_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
}

/* A new state with room for cap entries, in the current memory context. */
static cf_nps_trend_state *
trend_new(const cf_score_scale *scale, size_t cap)
{
	size_t		size;
	cf_nps_trend_state *t;

	if (cap > CF_TREND_MAX_ENTRIES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("nps_trend_state cannot hold more than %d periods", CF_TREND_MAX_ENTRIES)));
	size = cf_nps_trend_state_size((int32) cap);
	t = palloc(size);
	SET_VARSIZE(t, size);
	cf_nps_trend_state_init(t, scale, (int32) cap);
	return t;
}

static void
trend_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("score counts out of range"),
			 errdetail("The answers of one period would exceed 2^63 - 1.")));
}

/* Sorts the entries and adds up repeated periods, in place. */
static void
trend_compact(cf_nps_trend_state *t)
{
	size_t		n = cf_trend_compact(t->entries, (size_t) t->n);

	if (n == (size_t) -1)
		trend_overflow();
	memset(&t->entries[n], 0, sizeof(cf_trend_period) * (size_t) (t->n - n));
	t->n = (int32) n;
}

/*
 * A state with room for more entries more: t itself when it has it after
 * merging repeated periods, else a copy with twice the room (or more) in the
 * current memory context, which nodeAgg moves into the aggregate's context.
 */
static cf_nps_trend_state *
trend_reserve(cf_nps_trend_state *t, size_t more)
{
	cf_nps_trend_state *bigger;
	cf_score_scale scale;
	size_t		cap;

	if ((size_t) t->n + more <= (size_t) t->cap)
		return t;
	trend_compact(t);
	if ((size_t) t->n + more <= (size_t) t->cap && (size_t) t->n <= (size_t) t->cap / 2)
		return t;
	cap = Max((size_t) t->cap * 2, (size_t) t->n + more);
	scale = cf_nps_trend_state_scale(t);
	bigger = trend_new(&scale, cap);
	memcpy(bigger->entries, t->entries, sizeof(cf_trend_period) * (size_t) t->n);
	bigger->n = t->n;
	return bigger;
}

static void
trend_check_scale(const cf_nps_trend_state *t, const cf_score_scale *s)
{
	if (t->scale_min != s->scale_min || t->scale_max != s->scale_max ||
		t->promoter_min != s->promoter_min || t->detractor_max != s->detractor_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot test score distributions with different scales"),
				 errdetail("One has scale %d..%d (promoter_min %d, detractor_max %d), the other %d..%d (%d, %d).",
						   t->scale_min, t->scale_max, t->promoter_min, t->detractor_max,
						   s->scale_min, s->scale_max, s->promoter_min, s->detractor_max)));
}

/* The entries of t merged by period, in a palloc'd array; *n their number. */
static cf_trend_period *
trend_periods(const cf_nps_trend_state *t, size_t *n)
{
	cf_trend_period *p = palloc_extended(sizeof(cf_trend_period) * Max(t->n, 1), MCXT_ALLOC_HUGE);

	memcpy(p, t->entries, sizeof(cf_trend_period) * (size_t) t->n);
	*n = cf_trend_compact(p, (size_t) t->n);
	if (*n == (size_t) -1)
		trend_overflow();
	return p;
}

/* Transition: (state, nps_state, period); rows with a NULL state or period are skipped. */
PG_FUNCTION_INFO_V1(cf_nps_trend_trans);
Datum
cf_nps_trend_trans(PG_FUNCTION_ARGS)
{
	cf_nps_trend_state *t;
	cf_nps_state *dist;
	cf_score_scale scale;
	cf_score_summary s;

	cf_require_aggregate(fcinfo, "nps_trend");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	dist = cf_nps_state_arg(fcinfo, 1);
	scale = cf_nps_state_scale(dist);
	if (PG_ARGISNULL(0))
		t = trend_new(&scale, TREND_MIN_CAP);
	else
	{
		t = trend_arg(fcinfo, 0);
		trend_check_scale(t, &scale);
		t = trend_reserve(t, 1);
	}
	s = cf_nps_state_summarize(dist);
	t->entries[t->n++] = cf_trend_period_of(PG_GETARG_INT32(2), &s);
	PG_RETURN_POINTER(t);
}

/* Combine: the first state with the second's entries appended (a copy outside an aggregate). */
PG_FUNCTION_INFO_V1(cf_nps_trend_combine);
Datum
cf_nps_trend_combine(PG_FUNCTION_ARGS)
{
	cf_nps_trend_state *a,
			   *b;
	cf_score_scale scale;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	a = trend_arg(fcinfo, 0);
	b = trend_arg(fcinfo, 1);
	scale = cf_nps_trend_state_scale(b);
	trend_check_scale(a, &scale);
	if (!CF_IN_AGGREGATE(fcinfo))
	{
		/* called directly (Citus's coordinator): never modify the argument */
		cf_nps_trend_state *copy = trend_new(&scale, (size_t) a->n + (size_t) b->n);

		memcpy(copy->entries, a->entries, sizeof(cf_trend_period) * (size_t) a->n);
		copy->n = a->n;
		a = copy;
	}
	a = trend_reserve(a, (size_t) b->n);
	memcpy(&a->entries[a->n], b->entries, sizeof(cf_trend_period) * (size_t) b->n);
	a->n += b->n;
	PG_RETURN_POINTER(a);
}

/* Final: both tests over the merged periods; the state is left as it is. */
PG_FUNCTION_INFO_V1(cf_nps_trend_final);
Datum
cf_nps_trend_final(PG_FUNCTION_ARGS)
{
	cf_trend_period *periods;
	size_t		n;
	cf_trend_result r;
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6];

	periods = trend_periods(trend_arg(fcinfo, 0), &n);
	cf_trend_test(periods, n, &r);
	pfree(periods);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "nps_trend must return a composite type");
	values[0] = Float8GetDatum(r.chi_square);
	values[1] = Int32GetDatum(r.df);
	values[2] = Float8GetDatum(r.p_value);
	values[3] = Float8GetDatum(r.slope);
	values[4] = Float8GetDatum(r.slope_std_error);
	values[5] = Float8GetDatum(r.slope_p_value);
	nulls[0] = nulls[1] = !r.has_chi_square;
	nulls[2] = !r.has_p_value;
	nulls[3] = !r.has_slope;
	nulls[4] = nulls[5] = !r.has_slope_test;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* ---------- nps_trend_state I/O: the merged, sorted periods ---------- */

/* A state of exactly the parsed periods, after the one soundness check of outside input. */
static cf_nps_trend_state *
trend_from_periods(const cf_score_scale *scale, const cf_trend_period *p, size_t n)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_nps_trend_check(scale, p, n, &why), &why);
	cf_nps_trend_state *t;

	if (problem)
		cf_bad_stored_value(TREND_TYPNAME, problem);
	t = trend_new(scale, n);
	memcpy(t->entries, p, sizeof(cf_trend_period) * n);
	t->n = (int32) n;
	return t;
}

PG_FUNCTION_INFO_V1(nps_trend_state_in);
Datum
nps_trend_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	size_t		max = cf_nps_trend_text_periods(text),
				n;
	cf_trend_period *p = palloc_extended(sizeof(cf_trend_period) * Max(max, 1), MCXT_ALLOC_HUGE);
	cf_score_scale scale;
	cf_error	why;
	const char *problem = cf_error_detail(cf_nps_trend_parse(text, &scale, p, max, &n, &why), &why);

	if (problem == NULL)
		problem = cf_error_detail(cf_nps_trend_check(&scale, p, n, &why), &why);
	if (problem)
		cf_bad_text_form(TREND_TYPNAME, text, problem);
	PG_RETURN_POINTER(trend_from_periods(&scale, p, n));
}

PG_FUNCTION_INFO_V1(nps_trend_state_out);
Datum
nps_trend_state_out(PG_FUNCTION_ARGS)
{
	cf_nps_trend_state *t = trend_arg(fcinfo, 0);
	cf_score_scale scale = cf_nps_trend_state_scale(t);
	size_t		n;
	cf_trend_period *p = trend_periods(t, &n);
	size_t		len = cf_nps_trend_format(&scale, p, n, NULL, 0);
	char	   *buf = palloc_extended(len + 1, MCXT_ALLOC_HUGE);

	cf_nps_trend_format(&scale, p, n, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

/* Binary form: version, the scale (4 x int16), the period count (int32), then each period. */
PG_FUNCTION_INFO_V1(nps_trend_state_send);
Datum
nps_trend_state_send(PG_FUNCTION_ARGS)
{
	cf_nps_trend_state *t = trend_arg(fcinfo, 0);
	size_t		n,
				i;
	cf_trend_period *p = trend_periods(t, &n);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, CF_TREND_FORMAT_VERSION);
	pq_sendint16(&buf, t->scale_min);
	pq_sendint16(&buf, t->scale_max);
	pq_sendint16(&buf, t->promoter_min);
	pq_sendint16(&buf, t->detractor_max);
	pq_sendint32(&buf, (int32) n);
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		pq_sendint32(&buf, p[i].period);
		pq_sendint64(&buf, p[i].promoters);
		pq_sendint64(&buf, p[i].passives);
		pq_sendint64(&buf, p[i].detractors);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(nps_trend_state_recv);
Datum
nps_trend_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_score_scale scale;
	cf_trend_period *p;
	int32		n,
				i;

	if (pq_getmsgint(buf, 2) != CF_TREND_FORMAT_VERSION)
		cf_bad_stored_value(TREND_TYPNAME, "unknown format version");
	scale.scale_min = (int16) pq_getmsgint(buf, 2);
	scale.scale_max = (int16) pq_getmsgint(buf, 2);
	scale.promoter_min = (int16) pq_getmsgint(buf, 2);
	scale.detractor_max = (int16) pq_getmsgint(buf, 2);
	n = (int32) pq_getmsgint(buf, 4);
	if (n < 0 || n > (buf->len - buf->cursor) / 28)
		cf_bad_stored_value(TREND_TYPNAME, "the period count does not match the bytes");
	p = palloc_extended(sizeof(cf_trend_period) * Max(n, 1), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		cf_poll_entry((size_t) i);
		p[i].period = (int32) pq_getmsgint(buf, 4);
		p[i].zero = 0;
		p[i].promoters = pq_getmsgint64(buf);
		p[i].passives = pq_getmsgint64(buf);
		p[i].detractors = pq_getmsgint64(buf);
	}
	pq_getmsgend(buf);
	PG_RETURN_POINTER(trend_from_periods(&scale, p, (size_t) n));
}
