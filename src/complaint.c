/*
 * complaint.c — SQL glue of the complaint signal: the complaint_state
 * aggregate and its accessors (core/complaint.c).
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
#include "complaint.h"

#define COMPLAINT_TYPNAME "complaint_state"
#define PG_GETARG_COMPLAINTS(n) ((cf_complaint_counts *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

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
	cf_require_aggregate(fcinfo, "complaint_agg");
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
		dst = cf_copy_varlena(dst);
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
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	cf_complaint_counts *s = new_complaints();
	const char *problem = cf_error_detail(cf_complaint_parse(text, s, &why), &why);

	if (problem)
		cf_bad_text_form(COMPLAINT_TYPNAME, text, problem);
	/* the one soundness check of a stored value, as in complaint_state_recv */
	if ((problem = cf_error_detail(cf_complaint_check(s, &why), &why)) != NULL)
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
	cf_error	why;
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_complaint_counts *s = new_complaints();
	const char *problem;

	s->version = (int16) pq_getmsgint(buf, 2);
	s->orders = pq_getmsgint64(buf);
	s->complaints = pq_getmsgint64(buf);
	pq_getmsgend(buf);
	if ((problem = cf_error_detail(cf_complaint_check(s, &why), &why)) != NULL)
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

/* alarming_silence(state, min_orders): a busy segment (orders >= min_orders) with no complaints. */
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
