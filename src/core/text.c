/*
 * text.c — the shortest exact text of a double (see text.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

size_t
cf_format_double(double x, char *buf, size_t buflen)
{
	char		tmp[400];
	int			prec;

	for (prec = 1; prec < 17; prec++)
	{
		snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
	/* Plain notation for moderate magnitudes: 20, not 2e+01. */
	if (strchr(tmp, 'e') && fabs(x) >= 1e-4 && fabs(x) < 1e15)
	{
		int			decimals = prec - 1 - (int) floor(log10(fabs(x)));

		snprintf(tmp, sizeof(tmp), "%.*f", decimals > 0 ? decimals : 0, x);
	}
	return (size_t) snprintf(buf, buflen, "%s", tmp);
}
