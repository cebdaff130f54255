/*
 * rfm.c — SQL glue of RFM scoring: rfm_score() and rfm_segment() (core/rfm.c).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "lib/stringinfo.h"

#include "cf_glue.h"
#include "rfm.h"

/* rfm_score(value, breakpoints, lower_is_better): 1-5. */
PG_FUNCTION_INFO_V1(cf_rfm_score_fn);
Datum
cf_rfm_score_fn(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	bool		lower = PG_GETARG_BOOL(2);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	double		b[CF_RFM_BREAKS];
	const char *problem;

	cf_check_finite(value, "the value to score");
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("breakpoints must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("breakpoints must not contain NULL"),
					 errdetail("Element %d is NULL.", i + 1)));
	for (i = 0; i < n && i < CF_RFM_BREAKS; i++)
		b[i] = DatumGetFloat8(elems[i]);
	if ((problem = cf_rfm_breaks_problem(b, n)) != NULL)
	{
		StringInfoData list;

		initStringInfo(&list);
		for (i = 0; i < n; i++)
			appendStringInfo(&list, "%s%g", i ? ", " : "", DatumGetFloat8(elems[i]));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid RFM breakpoints"),
				 errdetail("The %d breakpoints given are (%s): %s.", n, list.data, problem),
				 errhint("Pass the 20th, 40th, 60th and 80th percentiles, e.g. percentile_cont(ARRAY[0.2,0.4,0.6,0.8]) WITHIN GROUP (ORDER BY ...).")));
	}
	PG_RETURN_INT32(cf_rfm_score(value, b, lower));
}

/* rfm_segment(r, f): the segment name. */
PG_FUNCTION_INFO_V1(cf_rfm_segment_fn);
Datum
cf_rfm_segment_fn(PG_FUNCTION_ARGS)
{
	int32		r = PG_GETARG_INT32(0),
				f = PG_GETARG_INT32(1);
	const char *name = cf_rfm_segment(r, f);

	if (name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("RFM scores must be between 1 and 5"),
				 errdetail("The recency score is %d and the frequency score %d.", r, f)));
	PG_RETURN_TEXT_P(cstring_to_text(name));
}
