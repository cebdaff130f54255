/*
 * response_time.c — SQL glue of response-time standards: the
 * response_time_state aggregate (a mergeable sketch) and its accessors
 * (core/response_time.c).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "response_time.h"

#define RESPONSE_TIME_TYPNAME "response_time_state"
#define PG_GETARG_RT(n)			((cf_response_time_sketch *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Seconds of an interval, as EXTRACT(EPOCH FROM interval) counts them. */
static double
interval_seconds(const Interval *iv)
{
	return (double) iv->time / USECS_PER_SEC +
		(double) (iv->month / MONTHS_PER_YEAR) * DAYS_PER_YEAR * SECS_PER_DAY +
		(double) (iv->month % MONTHS_PER_YEAR) * DAYS_PER_MONTH * SECS_PER_DAY +
		(double) iv->day * SECS_PER_DAY;
}

/* Argument n in seconds: double precision, or interval when the aggregate takes intervals. */
static double
seconds_arg(FunctionCallInfo fcinfo, int n, bool is_interval)
{
	if (is_interval)
		return interval_seconds(PG_GETARG_INTERVAL_P(n));
	return PG_GETARG_FLOAT8(n);
}

/* Raise 22023 for a bad target. */
static void
check_target(double target)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_response_time_target_check(target, &why), &why);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid response-time target %s", cf_double_text(target)),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/* Raise 22003 for a negative, non-finite or absurdly long response time. */
static void
check_time(double seconds)
{
	if (!cf_response_time_time_ok(seconds))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("response time %s seconds is out of range", cf_double_text(seconds)),
				 errdetail("Response times must lie between 0 and 1e12 seconds.")));
}

static cf_response_time_sketch *
new_response_time(int nbuckets)
{
	size_t		size = cf_response_time_size(nbuckets);
	cf_response_time_sketch *s = palloc0(size);

	SET_VARSIZE(s, size);
	return s;
}

/* One step of response_time_agg over (seconds, target) as doubles or intervals. */
static Datum
response_time_step(FunctionCallInfo fcinfo, bool is_interval)
{
	double		seconds,
				target;
	cf_response_time_sketch *s;
	int32		key;
	int			rc;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cf_check_not_null(fcinfo, 2, "the response-time target");
	cf_require_aggregate(fcinfo, "response_time_agg");
	seconds = cf_plus_zero(seconds_arg(fcinfo, 1, is_interval));
	target = cf_plus_zero(seconds_arg(fcinfo, 2, is_interval));
	check_target(target);
	check_time(seconds);
	if (PG_ARGISNULL(0))
	{
		s = new_response_time(0);
		cf_response_time_init(s, target);
	}
	else
	{
		s = PG_GETARG_RT(0);
		if (s->target != target)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the response-time target must be the same for every row of a group"),
					 errdetail("The group started with target %s seconds, a later row has %s.",
							   cf_double_text(s->target), cf_double_text(target))));
	}
	rc = cf_response_time_add(s, seconds, &key);
	if (rc == 1)
	{
		/* A new bucket: a larger copy (nodeAgg moves it into the aggregate context). */
		cf_response_time_sketch *grown = new_response_time(s->nbuckets + 1);

		cf_response_time_copy_with_key(grown, s, key);
		s = grown;
		rc = cf_response_time_add(s, seconds, &key);
	}
	if (rc != 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("response-time count or sum out of range")));
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cf_rt_trans);
Datum
cf_rt_trans(PG_FUNCTION_ARGS)
{
	return response_time_step(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cf_rt_trans_interval);
Datum
cf_rt_trans_interval(PG_FUNCTION_ARGS)
{
	return response_time_step(fcinfo, true);
}

/* Combine and rollup: a new sketch a + b (strict; same target). */
PG_FUNCTION_INFO_V1(cf_rt_combine);
Datum
cf_rt_combine(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *a = PG_GETARG_RT(0);
	cf_response_time_sketch *b = PG_GETARG_RT(1);
	cf_response_time_sketch *dst;

	if (a->target != b->target)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine response-time states with different targets"),
				 errdetail("One has target %s seconds, the other %s.", cf_double_text(a->target), cf_double_text(b->target))));
	dst = new_response_time(cf_response_time_merged_buckets(a, b));
	if (!cf_response_time_merge(dst, a, b))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("response-time counts out of range"),
				 errdetail("A combined count or sum would exceed its range.")));
	PG_RETURN_POINTER(dst);
}

PG_FUNCTION_INFO_V1(response_time_state_in);
Datum
response_time_state_in(PG_FUNCTION_ARGS)
{
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	int			nbuckets = 0;
	const char *problem = cf_error_detail(cf_response_time_parse(text, NULL, &nbuckets, &why), &why);
	cf_response_time_sketch *s;

	if (problem)
		cf_bad_text_form(RESPONSE_TIME_TYPNAME, text, problem);
	s = new_response_time(nbuckets);
	if ((problem = cf_error_detail(cf_response_time_parse(text, s, &nbuckets, &why), &why)) != NULL)
		cf_bad_text_form(RESPONSE_TIME_TYPNAME, text, problem);
	s->target = cf_plus_zero(s->target);
	/* the one soundness check of a stored value, as in response_time_state_recv */
	if ((problem = cf_error_detail(cf_response_time_check(s, VARSIZE(s), &why), &why)) != NULL)
		cf_bad_stored_value(RESPONSE_TIME_TYPNAME, problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(response_time_state_out);
Datum
response_time_state_out(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);
	size_t		len = cf_response_time_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_response_time_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(response_time_state_send);
Datum
response_time_state_send(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, s->version);
	pq_sendfloat8(&buf, s->target);
	pq_sendint64(&buf, s->responses);
	pq_sendint64(&buf, s->compliant);
	pq_sendint64(&buf, s->zeros);
	pq_sendfloat8(&buf, s->min);
	pq_sendfloat8(&buf, s->max);
	pq_sendint64(&buf, (int64) s->sum.lo);
	pq_sendint64(&buf, (int64) s->sum.hi);
	pq_sendint32(&buf, s->nbuckets);
	for (i = 0; i < s->nbuckets; i++)
	{
		pq_sendint32(&buf, cf_response_time_keys(s)[i]);
		pq_sendint64(&buf, cf_response_time_counts(s)[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(response_time_state_recv);
Datum
response_time_state_recv(PG_FUNCTION_ARGS)
{
	cf_error	why;
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_response_time_sketch h;
	cf_response_time_sketch *s;
	const char *problem;
	int32		nbuckets;
	int			i;

	memset(&h, 0, sizeof(h));
	h.version = (int16) pq_getmsgint(buf, 2);
	h.target = cf_plus_zero(pq_getmsgfloat8(buf));
	h.responses = pq_getmsgint64(buf);
	h.compliant = pq_getmsgint64(buf);
	h.zeros = pq_getmsgint64(buf);
	h.min = pq_getmsgfloat8(buf);
	h.max = pq_getmsgfloat8(buf);
	h.sum.lo = (uint64) pq_getmsgint64(buf);
	h.sum.hi = (uint64) pq_getmsgint64(buf);
	nbuckets = pq_getmsgint(buf, 4);
	if (nbuckets < 0 || (int64) nbuckets * 12 > buf->len - buf->cursor)
		cf_bad_stored_value(RESPONSE_TIME_TYPNAME, "the number of buckets does not match the data");
	s = new_response_time(nbuckets);
	memcpy((char *) s + sizeof(int32), (char *) &h + sizeof(int32), offsetof(cf_response_time_sketch, data) - sizeof(int32));
	s->nbuckets = nbuckets;
	for (i = 0; i < nbuckets; i++)
	{
		cf_response_time_keys(s)[i] = pq_getmsgint(buf, 4);
		cf_response_time_counts(s)[i] = pq_getmsgint64(buf);
	}
	pq_getmsgend(buf);
	if ((problem = cf_error_detail(cf_response_time_check(s, VARSIZE(s), &why), &why)) != NULL)
		cf_bad_stored_value(RESPONSE_TIME_TYPNAME, problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cf_rt_responses);
Datum
cf_rt_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_RT(0)->responses);
}

PG_FUNCTION_INFO_V1(cf_rt_compliant);
Datum
cf_rt_compliant(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_RT(0)->compliant);
}

PG_FUNCTION_INFO_V1(cf_rt_compliance);
Datum
cf_rt_compliance(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);

	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s->compliant / (double) s->responses);
}

PG_FUNCTION_INFO_V1(cf_rt_target);
Datum
cf_rt_target(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_RT(0)->target);
}

PG_FUNCTION_INFO_V1(cf_rt_mean_time);
Datum
cf_rt_mean_time(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);

	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cf_response_time_mean(s));
}

PG_FUNCTION_INFO_V1(cf_rt_min_time);
Datum
cf_rt_min_time(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);

	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s->min);
}

PG_FUNCTION_INFO_V1(cf_rt_max_time);
Datum
cf_rt_max_time(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);

	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s->max);
}

/* Raise 22023 unless 0 <= p <= 1. */
static void
check_fraction(double p)
{
	if (!(p >= 0 && p <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("percentile %s is not between 0 and 1", cf_double_text(p)),
				 errhint("Use 0.9 for the 90th percentile.")));
}

PG_FUNCTION_INFO_V1(cf_rt_percentile);
Datum
cf_rt_percentile(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);
	double		p = PG_GETARG_FLOAT8(1);

	check_fraction(p);
	if (s->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(cf_response_time_quantile(s, p));
}

/* Percentiles for an array of fractions, like percentile_cont(float8[]); NULL elements stay NULL. */
PG_FUNCTION_INFO_V1(cf_rt_percentiles);
Datum
cf_rt_percentiles(PG_FUNCTION_ARGS)
{
	cf_response_time_sketch *s = PG_GETARG_RT(0);
	ArrayType  *ps = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	int			dims[MAXDIM],
				lbs[MAXDIM];

	deconstruct_array(ps, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (!nulls[i])
			check_fraction(DatumGetFloat8(elems[i]));
	if (s->responses == 0)
		PG_RETURN_NULL();
	for (i = 0; i < n; i++)
		if (!nulls[i])
			elems[i] = Float8GetDatum(cf_response_time_quantile(s, DatumGetFloat8(elems[i])));
	if (n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));
	memcpy(dims, ARR_DIMS(ps), sizeof(int) * ARR_NDIM(ps));
	memcpy(lbs, ARR_LBOUND(ps), sizeof(int) * ARR_NDIM(ps));
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, ARR_NDIM(ps), dims, lbs,
											 FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
