/*
 * cf_glue.c — validators and error reports shared by the glue files.
 */
#include "postgres.h"

#include <math.h>

#include "cf_glue.h"

void
cf_check_finite(double value, const char *what)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", what),
				 errdetail("The value given is %s.", isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))));
}

void
cf_check_confidence(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence must be between 0 and 1"),
				 errdetail("The confidence given is %g; it must lie strictly between 0 and 1.", confidence),
				 errhint("Use 0.95 for a 95%% interval.")));
}

void
cf_bad_text_form(const char *typname, const char *text, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", typname, text),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

void
cf_bad_stored_value(const char *typname, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s value", typname),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}
