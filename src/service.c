/*
 * service.c — SQL glue for the service-quality measures: service levels
 * (service_level, service_level_state), response-time standards
 * (response_time_state), importance-performance analysis (ipa_state) and the
 * complaint signal (complaint_state).
 *
 * The arithmetic is in core/service.c; this file unpacks, validates, calls
 * and packs.
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
#include "service.h"

#define SERVICE_LEVEL_TYPNAME "service_level_state"
#define RESPONSE_TIME_TYPNAME "response_time_state"
#define IPA_TYPNAME "ipa_state"
#define COMPLAINT_TYPNAME "complaint_state"

#define PG_GETARG_SERVICE_LEVELS(n)		((cf_service_level_counts *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define PG_GETARG_RT(n)			((cf_response_time_sketch *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define PG_GETARG_IPA(n)		((cf_ipa_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define PG_GETARG_COMPLAINTS(n) ((cf_complaint_counts *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* The shortest exact text of a double, for messages. */
static char *
num(double x)
{
	char		buf[64];

	if (isnan(x))
		return pstrdup("NaN");
	if (isinf(x))
		return pstrdup(x > 0 ? "Infinity" : "-Infinity");
	cf_format_double(x, buf, sizeof(buf));
	return pstrdup(buf);
}

/* A palloc'd copy of a varlena, for functions that may not modify their input. */
static void *
copy_varlena(const void *v)
{
	void	   *copy = palloc(VARSIZE(v));

	memcpy(copy, v, VARSIZE(v));
	return copy;
}

/* Raise an error unless the function runs inside an aggregate. */
static void
require_aggregate(FunctionCallInfo fcinfo, const char *what)
{
	if (!CF_IN_AGGREGATE(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s transition functions can only be called as part of an aggregate", what)));
}

/* -0 becomes 0, so equal parameters have one text form. */
static double
plus_zero(double x)
{
	return x == 0 ? 0.0 : x;
}

/* Raise 22004 for a NULL parameter argument. */
static void
check_not_null(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", what)));
}

/* ==================== service levels ==================== */

/* Raise 22023 for a tolerance below 0, NaN or infinite. */
static void
check_tolerance(double tolerance)
{
	const char *problem = cf_tolerance_problem(tolerance);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid tolerance %s", num(tolerance)),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1),
				 errhint("The tolerance is the half-width of the band around the expectation that counts as standard; use 0 for none.")));
}

/* The level of one experience, after checking the arguments. */
static cf_service_level
service_level_of(double expected, double perceived, double tolerance)
{
	check_tolerance(tolerance);
	cf_check_finite(expected, "the expected value");
	cf_check_finite(perceived, "the perceived value");
	return cf_service_level_of(expected, perceived, tolerance);
}

/* service_level(expected, perceived, tolerance): the enum value for the level. */
PG_FUNCTION_INFO_V1(cf_service_level_fn);
Datum
cf_service_level_fn(PG_FUNCTION_ARGS)
{
	Oid		   *labels = (Oid *) fcinfo->flinfo->fn_extra;
	cf_service_level level = service_level_of(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2));

	if (labels == NULL)
	{
		Oid			typoid = get_func_rettype(fcinfo->flinfo->fn_oid);
		int			i;

		labels = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid) * CF_SERVICE_LEVELS);
		for (i = 0; i < CF_SERVICE_LEVELS; i++)
		{
			labels[i] = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid, ObjectIdGetDatum(typoid),
										CStringGetDatum(cf_service_level_names[i]));
			if (!OidIsValid(labels[i]))
				elog(ERROR, "service_level label \"%s\" is missing", cf_service_level_names[i]);
		}
		fcinfo->flinfo->fn_extra = labels;
	}
	PG_RETURN_OID(labels[level]);
}

static cf_service_level_counts *
new_service_levels(double tolerance)
{
	cf_service_level_counts *s = palloc(sizeof(cf_service_level_counts));

	SET_VARSIZE(s, sizeof(cf_service_level_counts));
	cf_service_level_init(s, plus_zero(tolerance));
	return s;
}

/*
 * One step of service_level_agg: count (sign = 1) or uncount (sign = -1) the
 * level of (expected, perceived) with the tolerance in argument 3 (0 when the
 * aggregate has two arguments).  Rows with a NULL value are skipped.
 */
static Datum
service_level_step(FunctionCallInfo fcinfo, int sign)
{
	bool		has_tolerance = PG_NARGS() > 3;
	double		tolerance;
	cf_service_level_counts *s;
	cf_service_level level;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (!PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		if (sign < 0 && !(has_tolerance && PG_ARGISNULL(3)))
		{
			tolerance = plus_zero(has_tolerance ? PG_GETARG_FLOAT8(3) : 0.0);
			check_tolerance(tolerance);
			PG_RETURN_POINTER(new_service_levels(tolerance));	/* NULL would force a restart */
		}
		PG_RETURN_NULL();
	}
	if (has_tolerance)
		check_not_null(fcinfo, 3, "the tolerance");
	tolerance = plus_zero(has_tolerance ? PG_GETARG_FLOAT8(3) : 0.0);
	require_aggregate(fcinfo, "service_level_agg");
	level = service_level_of(PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2), tolerance);
	if (PG_ARGISNULL(0))
		s = new_service_levels(tolerance);
	else
	{
		s = PG_GETARG_SERVICE_LEVELS(0);
		if (s->tolerance != tolerance)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the tolerance must be the same for every row of a group"),
					 errdetail("The group started with tolerance %s, a later row has %s.",
							   num(s->tolerance), num(tolerance))));
	}
	if (sign > 0)
	{
		if (cf_service_level_total(s) == PG_INT64_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("service-level count out of range")));
		s->counts[level]++;
	}
	else
	{
		if (s->counts[level] == 0)
			PG_RETURN_NULL();	/* cannot happen for a frame; let the executor restart */
		s->counts[level]--;
	}
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cf_level_trans);
Datum
cf_level_trans(PG_FUNCTION_ARGS)
{
	return service_level_step(fcinfo, 1);
}

PG_FUNCTION_INFO_V1(cf_level_inv);
Datum
cf_level_inv(PG_FUNCTION_ARGS)
{
	return service_level_step(fcinfo, -1);
}

/* Combine and rollup: state0 += state1 (strict; same tolerance). */
PG_FUNCTION_INFO_V1(cf_level_combine);
Datum
cf_level_combine(PG_FUNCTION_ARGS)
{
	cf_service_level_counts *dst = PG_GETARG_SERVICE_LEVELS(0);
	cf_service_level_counts *src = PG_GETARG_SERVICE_LEVELS(1);

	if (dst->tolerance != src->tolerance)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine service-level states with different tolerances"),
				 errdetail("One has tolerance %s, the other %s.", num(dst->tolerance), num(src->tolerance))));
	if (!CF_IN_AGGREGATE(fcinfo))
		dst = copy_varlena(dst);
	if (!cf_service_level_merge(dst, src))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("service-level counts out of range"),
				 errdetail("A combined count would exceed 2^63 - 1.")));
	PG_RETURN_POINTER(dst);
}

PG_FUNCTION_INFO_V1(service_level_state_in);
Datum
service_level_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	cf_service_level_counts *s = new_service_levels(0);
	const char *problem = cf_service_level_parse(text, s);

	if (problem)
		cf_bad_text_form(SERVICE_LEVEL_TYPNAME, text, problem);
	s->tolerance = plus_zero(s->tolerance);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(service_level_state_out);
Datum
service_level_state_out(PG_FUNCTION_ARGS)
{
	cf_service_level_counts *s = PG_GETARG_SERVICE_LEVELS(0);
	size_t		len = cf_service_level_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_service_level_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(service_level_state_send);
Datum
service_level_state_send(PG_FUNCTION_ARGS)
{
	cf_service_level_counts *s = PG_GETARG_SERVICE_LEVELS(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, s->version);
	pq_sendfloat8(&buf, s->tolerance);
	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		pq_sendint64(&buf, s->counts[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(service_level_state_recv);
Datum
service_level_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_service_level_counts *s = new_service_levels(0);
	const char *problem;
	int			i;

	s->version = (int16) pq_getmsgint(buf, 2);
	s->tolerance = plus_zero(pq_getmsgfloat8(buf));
	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		s->counts[i] = pq_getmsgint64(buf);
	pq_getmsgend(buf);
	if ((problem = cf_service_level_problem(s)) != NULL)
		cf_bad_stored_value(SERVICE_LEVEL_TYPNAME, problem);
	PG_RETURN_POINTER(s);
}

/* Count of one level (level >= 0) or of all (-1). */
static Datum
service_level_count(FunctionCallInfo fcinfo, int level)
{
	cf_service_level_counts *s = PG_GETARG_SERVICE_LEVELS(0);

	PG_RETURN_INT64(level < 0 ? cf_service_level_total(s) : s->counts[level]);
}

/* Share of one level; NULL without experiences. */
static Datum
service_level_share(FunctionCallInfo fcinfo, int level)
{
	cf_service_level_counts *s = PG_GETARG_SERVICE_LEVELS(0);
	int64		total = cf_service_level_total(s);

	if (total == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s->counts[level] / (double) total);
}

PG_FUNCTION_INFO_V1(cf_level_responses);
PG_FUNCTION_INFO_V1(cf_level_low);
PG_FUNCTION_INFO_V1(cf_level_standard);
PG_FUNCTION_INFO_V1(cf_level_wow);
PG_FUNCTION_INFO_V1(cf_level_low_share);
PG_FUNCTION_INFO_V1(cf_level_standard_share);
PG_FUNCTION_INFO_V1(cf_level_wow_share);

Datum cf_level_responses(PG_FUNCTION_ARGS) { return service_level_count(fcinfo, -1); }
Datum cf_level_low(PG_FUNCTION_ARGS) { return service_level_count(fcinfo, CF_SERVICE_LEVEL_LOW); }
Datum cf_level_standard(PG_FUNCTION_ARGS) { return service_level_count(fcinfo, CF_SERVICE_LEVEL_STANDARD); }
Datum cf_level_wow(PG_FUNCTION_ARGS) { return service_level_count(fcinfo, CF_SERVICE_LEVEL_WOW); }
Datum cf_level_low_share(PG_FUNCTION_ARGS) { return service_level_share(fcinfo, CF_SERVICE_LEVEL_LOW); }
Datum cf_level_standard_share(PG_FUNCTION_ARGS) { return service_level_share(fcinfo, CF_SERVICE_LEVEL_STANDARD); }
Datum cf_level_wow_share(PG_FUNCTION_ARGS) { return service_level_share(fcinfo, CF_SERVICE_LEVEL_WOW); }

PG_FUNCTION_INFO_V1(cf_level_tolerance);
Datum
cf_level_tolerance(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_SERVICE_LEVELS(0)->tolerance);
}

PG_FUNCTION_INFO_V1(cf_level_counts_array);
Datum
cf_level_counts_array(PG_FUNCTION_ARGS)
{
	cf_service_level_counts *s = PG_GETARG_SERVICE_LEVELS(0);
	Datum		elems[CF_SERVICE_LEVELS];
	int			i;

	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		elems[i] = Int64GetDatum(s->counts[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, CF_SERVICE_LEVELS, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* ==================== response times ==================== */

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
	const char *problem = cf_response_time_target_problem(target);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid response-time target %s", num(target)),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/* Raise 22003 for a negative, non-finite or absurdly long response time. */
static void
check_time(double seconds)
{
	if (!cf_response_time_time_ok(seconds))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("response time %s seconds is out of range", num(seconds)),
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
	check_not_null(fcinfo, 2, "the response-time target");
	require_aggregate(fcinfo, "response_time_agg");
	seconds = plus_zero(seconds_arg(fcinfo, 1, is_interval));
	target = plus_zero(seconds_arg(fcinfo, 2, is_interval));
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
							   num(s->target), num(target))));
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
				 errdetail("One has target %s seconds, the other %s.", num(a->target), num(b->target))));
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
	char	   *text = PG_GETARG_CSTRING(0);
	int			nbuckets = 0;
	const char *problem = cf_response_time_parse(text, NULL, &nbuckets);
	cf_response_time_sketch *s;

	if (problem)
		cf_bad_text_form(RESPONSE_TIME_TYPNAME, text, problem);
	s = new_response_time(nbuckets);
	if ((problem = cf_response_time_parse(text, s, &nbuckets)) != NULL)
		cf_bad_text_form(RESPONSE_TIME_TYPNAME, text, problem);
	s->target = plus_zero(s->target);
	/* the one soundness check of a stored value, as in response_time_state_recv */
	if ((problem = cf_response_time_problem(s, VARSIZE(s))) != NULL)
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
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_response_time_sketch h;
	cf_response_time_sketch *s;
	const char *problem;
	int32		nbuckets;
	int			i;

	memset(&h, 0, sizeof(h));
	h.version = (int16) pq_getmsgint(buf, 2);
	h.target = plus_zero(pq_getmsgfloat8(buf));
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
	if ((problem = cf_response_time_problem(s, VARSIZE(s))) != NULL)
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
				 errmsg("percentile %s is not between 0 and 1", num(p)),
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

/* ==================== importance-performance analysis ==================== */

static cf_ipa_state *
new_ipa(int nfactors)
{
	size_t		size = cf_ipa_size(nfactors);
	cf_ipa_state *s = palloc0(size);

	SET_VARSIZE(s, size);
	return s;
}

/* Raise 22023 for an unusable scale. */
static void
check_ipa_scale(double scale_min, double scale_max)
{
	const char *problem = cf_ipa_scale_problem(scale_min, scale_max);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid rating scale %s..%s", num(scale_min), num(scale_max)),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/* Raise 22003 for a rating off the scale (NaN included). */
static void
check_rating(double rating, const char *what, double scale_min, double scale_max)
{
	if (!(rating >= scale_min && rating <= scale_max))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s rating %s is outside the scale %s..%s", what, num(rating),
						num(scale_min), num(scale_max))));
}

/*
 * One step of ipa_agg(factor, importance, performance [, scale_min, scale_max]):
 * adds whichever ratings are present to the factor's sums.  A NULL factor or
 * a row without ratings is skipped.
 */
PG_FUNCTION_INFO_V1(cf_ipa_trans);
Datum
cf_ipa_trans(PG_FUNCTION_ARGS)
{
	bool		has_scale = PG_NARGS() > 4;
	double		scale_min = 1,
				scale_max = 5;
	text	   *factor;
	const char *name;
	size_t		len;
	cf_ipa_state *s;
	int			pos;

	if (PG_ARGISNULL(1) || (PG_ARGISNULL(2) && PG_ARGISNULL(3)))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (has_scale)
	{
		check_not_null(fcinfo, 4, "the lower end of the rating scale");
		check_not_null(fcinfo, 5, "the upper end of the rating scale");
		scale_min = plus_zero(PG_GETARG_FLOAT8(4));
		scale_max = plus_zero(PG_GETARG_FLOAT8(5));
	}
	require_aggregate(fcinfo, "ipa_agg");
	check_ipa_scale(scale_min, scale_max);
	if (!PG_ARGISNULL(2))
		check_rating(PG_GETARG_FLOAT8(2), "importance", scale_min, scale_max);
	if (!PG_ARGISNULL(3))
		check_rating(PG_GETARG_FLOAT8(3), "performance", scale_min, scale_max);
	factor = PG_GETARG_TEXT_PP(1);
	name = VARDATA_ANY(factor);
	len = VARSIZE_ANY_EXHDR(factor);
	if (len > CF_IPA_NAME_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("factor name is too long"),
				 errdetail("Factor names may have at most %d bytes; \"%.40s...\" has %zu.",
						   CF_IPA_NAME_MAX, text_to_cstring(factor), len)));
	if (PG_ARGISNULL(0))
	{
		s = new_ipa(0);
		cf_ipa_init(s, scale_min, scale_max);
	}
	else
	{
		s = PG_GETARG_IPA(0);
		if (s->scale_min != scale_min || s->scale_max != scale_max)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the rating scale must be the same for every row of a group"),
					 errdetail("The group started with scale %s..%s, a later row has %s..%s.",
							   num(s->scale_min), num(s->scale_max), num(scale_min), num(scale_max))));
	}
	pos = cf_ipa_find(s, name, len);
	if (pos < 0)
	{
		/* A new factor: a larger copy (nodeAgg moves it into the aggregate context). */
		cf_ipa_state *grown;

		pos = -pos - 1;
		if (s->nfactors >= CF_IPA_MAX_FACTORS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many factors"),
					 errdetail("An importance-performance state holds at most %d factors.", CF_IPA_MAX_FACTORS)));
		grown = new_ipa(s->nfactors + 1);
		cf_ipa_copy_with_factor(grown, s, pos, name, len);
		s = grown;
	}
	if ((!PG_ARGISNULL(2) && !cf_ipa_add(&s->factors[pos], true, PG_GETARG_FLOAT8(2))) ||
		(!PG_ARGISNULL(3) && !cf_ipa_add(&s->factors[pos], false, PG_GETARG_FLOAT8(3))))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating count or sum out of range")));
	PG_RETURN_POINTER(s);
}

/* Combine and rollup: a new state a + b (strict; same scale). */
PG_FUNCTION_INFO_V1(cf_ipa_combine);
Datum
cf_ipa_combine(PG_FUNCTION_ARGS)
{
	cf_ipa_state *a = PG_GETARG_IPA(0);
	cf_ipa_state *b = PG_GETARG_IPA(1);
	cf_ipa_state *dst;
	int			n;

	if (a->scale_min != b->scale_min || a->scale_max != b->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine importance-performance states with different scales"),
				 errdetail("One has scale %s..%s, the other %s..%s.",
						   num(a->scale_min), num(a->scale_max), num(b->scale_min), num(b->scale_max))));
	n = cf_ipa_merged_factors(a, b);
	if (n > CF_IPA_MAX_FACTORS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many factors"),
				 errdetail("An importance-performance state holds at most %d factors; the combined states have %d.",
						   CF_IPA_MAX_FACTORS, n)));
	dst = new_ipa(n);
	if (!cf_ipa_merge(dst, a, b))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating counts out of range"),
				 errdetail("A combined count or sum would exceed its range.")));
	PG_RETURN_POINTER(dst);
}

/*
 * The one validation of an ipa_state, shared by text and binary input: the
 * core's soundness checks, and factor names that are text of the database
 * encoding (as the aggregate's text arguments are), so that every accepted
 * value prints, dumps and restores.
 */
static void
validate_ipa(const cf_ipa_state *s)
{
	const char *problem;
	int			i;

	if ((problem = cf_ipa_problem(s, VARSIZE(s))) != NULL)
		cf_bad_stored_value(IPA_TYPNAME, problem);
	for (i = 0; i < s->nfactors; i++)
	{
		const char *name = s->factors[i].name;
		int			len = (int) strnlen(name, CF_IPA_NAME_MAX + 1);

		if (!pg_verify_mbstr(GetDatabaseEncoding(), name, len, true))
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("invalid %s value", IPA_TYPNAME),
					 errdetail("Factor %d's name is not valid %s text (its bytes: %s).", i + 1,
							   GetDatabaseEncodingName(),
							   DatumGetCString(DirectFunctionCall1(byteaout,
																   PointerGetDatum(cstring_to_text_with_len(name, len)))))));
	}
}

PG_FUNCTION_INFO_V1(ipa_state_in);
Datum
ipa_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	int			n = 0;
	const char *problem = cf_ipa_parse(text, NULL, &n);
	cf_ipa_state *s;

	if (problem)
		cf_bad_text_form(IPA_TYPNAME, text, problem);
	s = new_ipa(n);
	if ((problem = cf_ipa_parse(text, s, &n)) != NULL)
		cf_bad_text_form(IPA_TYPNAME, text, problem);
	s->scale_min = plus_zero(s->scale_min);
	s->scale_max = plus_zero(s->scale_max);
	validate_ipa(s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ipa_state_out);
Datum
ipa_state_out(PG_FUNCTION_ARGS)
{
	cf_ipa_state *s = PG_GETARG_IPA(0);
	size_t		len = cf_ipa_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_ipa_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(ipa_state_send);
Datum
ipa_state_send(PG_FUNCTION_ARGS)
{
	cf_ipa_state *s = PG_GETARG_IPA(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, s->version);
	pq_sendfloat8(&buf, s->scale_min);
	pq_sendfloat8(&buf, s->scale_max);
	pq_sendint32(&buf, s->nfactors);
	for (i = 0; i < s->nfactors; i++)
	{
		cf_ipa_factor *f = &s->factors[i];
		int			len = (int) strnlen(f->name, CF_IPA_NAME_MAX + 1);

		pq_sendint32(&buf, len);
		pq_sendbytes(&buf, f->name, len);
		pq_sendint64(&buf, f->importance_n);
		pq_sendint64(&buf, (int64) f->importance_sum.lo);
		pq_sendint64(&buf, (int64) f->importance_sum.hi);
		pq_sendint64(&buf, f->performance_n);
		pq_sendint64(&buf, (int64) f->performance_sum.lo);
		pq_sendint64(&buf, (int64) f->performance_sum.hi);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(ipa_state_recv);
Datum
ipa_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int16		version = (int16) pq_getmsgint(buf, 2);
	double		scale_min = plus_zero(pq_getmsgfloat8(buf));
	double		scale_max = plus_zero(pq_getmsgfloat8(buf));
	int32		n = pq_getmsgint(buf, 4);
	cf_ipa_state *s;
	int			i;

	if (n < 0 || n > CF_IPA_MAX_FACTORS)
		cf_bad_stored_value(IPA_TYPNAME, "at most 100 factors are allowed");
	s = new_ipa(n);
	cf_ipa_init(s, scale_min, scale_max);
	s->version = version;
	s->nfactors = n;
	for (i = 0; i < n; i++)
	{
		cf_ipa_factor *f = &s->factors[i];
		int32		len = pq_getmsgint(buf, 4);

		if (len < 0 || len > CF_IPA_NAME_MAX)
			cf_bad_stored_value(IPA_TYPNAME, "factor names must be at most 127 bytes");
		pq_copymsgbytes(buf, f->name, len);
		if (memchr(f->name, '\0', len) != NULL)
			cf_bad_stored_value(IPA_TYPNAME, "factor names must not contain zero bytes");
		f->importance_n = pq_getmsgint64(buf);
		f->importance_sum.lo = (uint64) pq_getmsgint64(buf);
		f->importance_sum.hi = (uint64) pq_getmsgint64(buf);
		f->performance_n = pq_getmsgint64(buf);
		f->performance_sum.lo = (uint64) pq_getmsgint64(buf);
		f->performance_sum.hi = (uint64) pq_getmsgint64(buf);
	}
	pq_getmsgend(buf);
	validate_ipa(s);
	PG_RETURN_POINTER(s);
}

/* A threshold argument when given (it must be finite), else the default. */
static double
threshold_arg(FunctionCallInfo fcinfo, int n, double dflt, const char *what)
{
	double		t;

	if (PG_NARGS() <= n)
		return dflt;
	t = PG_GETARG_FLOAT8(n);
	cf_check_finite(t, what);
	return t;
}

/*
 * factors(ipa_state [, importance_threshold, performance_threshold]): one row
 * per factor in rank order with its means, gap, quadrant and rank; the
 * thresholds default to the grand means.
 */
PG_FUNCTION_INFO_V1(cf_ipa_factors);
Datum
cf_ipa_factors(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_ipa_state *s;
	cf_ipa_row *rows;
	double		gi,
				gp,
				ti,
				tp;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	s = PG_GETARG_IPA(0);
	cf_ipa_grand_means(s, &gi, &gp);
	ti = threshold_arg(fcinfo, 1, gi, "the importance threshold");
	tp = threshold_arg(fcinfo, 2, gp, "the performance threshold");
	rows = palloc(sizeof(cf_ipa_row) * Max(s->nfactors, 1));
	cf_ipa_analyse(s, ti, tp, rows);
	for (i = 0; i < s->nfactors; i++)
	{
		cf_ipa_row *r = &rows[i];
		bool		both = r->has_importance && r->has_performance;
		Datum		values[6];
		bool		nulls[6] = {false, !r->has_importance, !r->has_performance, !both, !both, !both};

		values[0] = CStringGetTextDatum(s->factors[r->factor].name);
		values[1] = Float8GetDatum(r->importance);
		values[2] = Float8GetDatum(r->performance);
		values[3] = Float8GetDatum(r->gap);
		values[4] = both ? CStringGetTextDatum(cf_ipa_quadrant_names[r->quadrant]) : (Datum) 0;
		values[5] = Int32GetDatum(r->rank);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* grand_means(ipa_state): the default thresholds, the means of the factor means. */
PG_FUNCTION_INFO_V1(cf_ipa_grand_means_fn);
Datum
cf_ipa_grand_means_fn(PG_FUNCTION_ARGS)
{
	cf_ipa_state *s = PG_GETARG_IPA(0);
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2];
	double		gi,
				gp;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "grand_means must return a composite type");
	cf_ipa_grand_means(s, &gi, &gp);
	values[0] = Float8GetDatum(gi);
	values[1] = Float8GetDatum(gp);
	nulls[0] = isnan(gi);
	nulls[1] = isnan(gp);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* ==================== complaints ==================== */

static cf_complaint_counts *
new_complaints(void)
{
	cf_complaint_counts *s = palloc(sizeof(cf_complaint_counts));

	SET_VARSIZE(s, sizeof(cf_complaint_counts));
	cf_complaint_init(s);
	return s;
}

/*
 * One step of complaint_agg: count (sign 1) or uncount (sign -1) an order and
 * its complaints, given as a boolean (complained or not) or as a number.
 */
static Datum
complaint_step(FunctionCallInfo fcinfo, bool is_count, int sign)
{
	cf_complaint_counts *s;
	int64		complaints;

	if (PG_ARGISNULL(1))
	{
		if (!PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		if (sign < 0)
			PG_RETURN_POINTER(new_complaints());	/* NULL would force a restart */
		PG_RETURN_NULL();
	}
	require_aggregate(fcinfo, "complaint_agg");
	if (is_count)
	{
		complaints = PG_GETARG_INT32(1);
		if (complaints < 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("complaint count %lld is negative", (long long) complaints),
					 errdetail("An order has zero or more complaints.")));
	}
	else
		complaints = PG_GETARG_BOOL(1) ? 1 : 0;
	s = PG_ARGISNULL(0) ? new_complaints() : PG_GETARG_COMPLAINTS(0);
	if (sign > 0)
	{
		if (s->orders == PG_INT64_MAX || __builtin_add_overflow(s->complaints, complaints, &s->complaints))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("complaint counts out of range")));
		s->orders++;
	}
	else
	{
		if (s->orders == 0 || s->complaints < complaints)
			PG_RETURN_NULL();	/* cannot happen for a frame; let the executor restart */
		s->orders--;
		s->complaints -= complaints;
	}
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cf_complaint_trans);
Datum
cf_complaint_trans(PG_FUNCTION_ARGS)
{
	return complaint_step(fcinfo, false, 1);
}

PG_FUNCTION_INFO_V1(cf_complaint_inv);
Datum
cf_complaint_inv(PG_FUNCTION_ARGS)
{
	return complaint_step(fcinfo, false, -1);
}

PG_FUNCTION_INFO_V1(cf_complaint_count_trans);
Datum
cf_complaint_count_trans(PG_FUNCTION_ARGS)
{
	return complaint_step(fcinfo, true, 1);
}

PG_FUNCTION_INFO_V1(cf_complaint_count_inv);
Datum
cf_complaint_count_inv(PG_FUNCTION_ARGS)
{
	return complaint_step(fcinfo, true, -1);
}

/* Combine and rollup: state0 += state1 (strict). */
PG_FUNCTION_INFO_V1(cf_complaint_combine);
Datum
cf_complaint_combine(PG_FUNCTION_ARGS)
{
	cf_complaint_counts *dst = PG_GETARG_COMPLAINTS(0);
	cf_complaint_counts *src = PG_GETARG_COMPLAINTS(1);

	if (!CF_IN_AGGREGATE(fcinfo))
		dst = copy_varlena(dst);
	if (!cf_complaint_merge(dst, src))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("complaint counts out of range"),
				 errdetail("A combined count would exceed 2^63 - 1.")));
	PG_RETURN_POINTER(dst);
}

PG_FUNCTION_INFO_V1(complaint_state_in);
Datum
complaint_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	cf_complaint_counts *s = new_complaints();
	const char *problem = cf_complaint_parse(text, s);

	if (problem)
		cf_bad_text_form(COMPLAINT_TYPNAME, text, problem);
	/* the one soundness check of a stored value, as in complaint_state_recv */
	if ((problem = cf_complaint_problem(s)) != NULL)
		cf_bad_stored_value(COMPLAINT_TYPNAME, problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(complaint_state_out);
Datum
complaint_state_out(PG_FUNCTION_ARGS)
{
	cf_complaint_counts *s = PG_GETARG_COMPLAINTS(0);
	size_t		len = cf_complaint_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_complaint_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(complaint_state_send);
Datum
complaint_state_send(PG_FUNCTION_ARGS)
{
	cf_complaint_counts *s = PG_GETARG_COMPLAINTS(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, s->version);
	pq_sendint64(&buf, s->orders);
	pq_sendint64(&buf, s->complaints);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(complaint_state_recv);
Datum
complaint_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_complaint_counts *s = new_complaints();
	const char *problem;

	s->version = (int16) pq_getmsgint(buf, 2);
	s->orders = pq_getmsgint64(buf);
	s->complaints = pq_getmsgint64(buf);
	pq_getmsgend(buf);
	if ((problem = cf_complaint_problem(s)) != NULL)
		cf_bad_stored_value(COMPLAINT_TYPNAME, problem);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(cf_complaint_orders);
Datum
cf_complaint_orders(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_COMPLAINTS(0)->orders);
}

PG_FUNCTION_INFO_V1(cf_complaint_complaints);
Datum
cf_complaint_complaints(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_COMPLAINTS(0)->complaints);
}

PG_FUNCTION_INFO_V1(cf_complaints_per_1000);
Datum
cf_complaints_per_1000(PG_FUNCTION_ARGS)
{
	cf_complaint_counts *s = PG_GETARG_COMPLAINTS(0);

	if (s->orders == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(1000.0 * (double) s->complaints / (double) s->orders);
}

/* silent(state, min_orders): a busy segment (orders >= min_orders) with no complaints. */
PG_FUNCTION_INFO_V1(cf_complaint_silent);
Datum
cf_complaint_silent(PG_FUNCTION_ARGS)
{
	cf_complaint_counts *s = PG_GETARG_COMPLAINTS(0);
	int64		min_orders = PG_GETARG_INT64(1);

	if (min_orders < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_orders must be at least 1"),
				 errdetail("The value given is %lld.", (long long) min_orders)));
	PG_RETURN_BOOL(s->orders >= min_orders && s->complaints == 0);
}
