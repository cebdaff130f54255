/*
 * chart.c — SQL glue for text charts in psql reports.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "nps.h"

/*
 * text_bar(value, max_value, width): a bar of width * value / max_value
 * character cells in Unicode eighth blocks (or '#' when the database
 * encoding is not UTF-8); empty for values at or below zero.
 */
PG_FUNCTION_INFO_V1(cf_text_bar);
Datum
cf_text_bar(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	double		max_value = PG_GETARG_FLOAT8(1);
	int32		width = PG_GETARG_INT32(2);
	char	   *bar;

	if (width < 0 || width > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("chart width %d is out of range", width),
				 errdetail("The width must be between 0 and 1000 characters.")));
	if (isnan(value) || isnan(max_value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("text_bar needs numbers, not NaN")));
	bar = palloc(3 * (size_t) width + 4);
	cf_bar(max_value > 0 && !isinf(max_value) ? value / max_value : 0.0, width,
		   GetDatabaseEncoding() == PG_UTF8, bar);
	PG_RETURN_TEXT_P(cstring_to_text(bar));
}
