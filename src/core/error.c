/*
 * error.c — cf_fail, the one way the core records a failure (see error.h).
 */
#include "error.h"

#include <stdio.h>

int
cf_fail(cf_error *err, int code, const char *msg, const char *detail_fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return code;
	err->code = code;
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	va_start(ap, detail_fmt);
	vsnprintf(err->detail, sizeof(err->detail), detail_fmt, ap);
	va_end(ap);
	return code;
}
