/*
 * service_level.c — SQL glue of service levels: service_level() of one
 * experience and the service_level_state aggregate with its accessors
 * (core/service_level.c).
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
#include "service_level.h"

#define SERVICE_LEVEL_TYPNAME "service_level_state"
#define PG_GETARG_SERVICE_LEVELS(n)		((cf_service_level_counts *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Raise 22023 for a tolerance below 0, NaN or infinite. */
static void
check_tolerance(double tolerance)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_tolerance_check(tolerance, &why), &why);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid tolerance %s", cf_double_text(tolerance)),
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
	cf_service_level_init(s, cf_plus_zero(tolerance));
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
			tolerance = cf_plus_zero(has_tolerance ? PG_GETARG_FLOAT8(3) : 0.0);
			check_tolerance(tolerance);
			PG_RETURN_POINTER(new_service_levels(tolerance));	/* NULL would force a restart */
		}
		PG_RETURN_NULL();
	}
	if (has_tolerance)
		cf_check_not_null(fcinfo, 3, "the tolerance");
	tolerance = cf_plus_zero(has_tolerance ? PG_GETARG_FLOAT8(3) : 0.0);
	cf_require_aggregate(fcinfo, "service_level_agg");
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
							   cf_double_text(s->tolerance), cf_double_text(tolerance))));
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
				 errdetail("One has tolerance %s, the other %s.", cf_double_text(dst->tolerance), cf_double_text(src->tolerance))));
	if (!CF_IN_AGGREGATE(fcinfo))
		dst = cf_copy_varlena(dst);
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
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	cf_service_level_counts *s = new_service_levels(0);
	const char *problem = cf_error_detail(cf_service_level_parse(text, s, &why), &why);

	if (problem)
		cf_bad_text_form(SERVICE_LEVEL_TYPNAME, text, problem);
	s->tolerance = cf_plus_zero(s->tolerance);
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
	cf_error	why;
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_service_level_counts *s = new_service_levels(0);
	const char *problem;
	int			i;

	s->version = (int16) pq_getmsgint(buf, 2);
	s->tolerance = cf_plus_zero(pq_getmsgfloat8(buf));
	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		s->counts[i] = pq_getmsgint64(buf);
	pq_getmsgend(buf);
	if ((problem = cf_error_detail(cf_service_level_check(s, &why), &why)) != NULL)
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

/* Index of a service_level enum value (argument argno) by its label. */
static int
service_level_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *label = DatumGetCString(DirectFunctionCall1(enum_out, PG_GETARG_DATUM(argno)));
	int			i;

	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		if (strcmp(label, cf_service_level_names[i]) == 0)
			return i;
	elog(ERROR, "unknown service level \"%s\"", label);
	return 0;					/* keep the compiler quiet */
}

/* level_count(state, level) and level_share(state, level). */
PG_FUNCTION_INFO_V1(cf_level_count);
PG_FUNCTION_INFO_V1(cf_level_share);
Datum cf_level_count(PG_FUNCTION_ARGS) { return service_level_count(fcinfo, service_level_arg(fcinfo, 1)); }
Datum cf_level_share(PG_FUNCTION_ARGS) { return service_level_share(fcinfo, service_level_arg(fcinfo, 1)); }

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
