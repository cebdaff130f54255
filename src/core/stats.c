/*
 * stats.c — normal distribution helpers.
 *
 * The quantile is found by Newton steps on erfc, which libm computes to full
 * double precision, safeguarded by bisection: simpler to verify than a
 * rational approximation and exact to the last bits we report.
 */
#include <math.h>

#include "stats.h"

/* Q(z) = P(Z > z) = erfc(z / sqrt 2) / 2, no cancellation for large z. */
double
cf_normal_upper_tail(double z)
{
	return 0.5 * erfc(z / M_SQRT2);
}

/* z with P(|Z| <= z) = confidence; NaN when confidence is outside (0, 1). */
double
cf_normal_two_sided_z(double confidence)
{
	double		target;
	double		lo = 0.0,
				hi = 40.0,
				z = 2.0;
	int			i;

	if (!(confidence > 0.0 && confidence < 1.0))
		return NAN;
	target = (1.0 - confidence) / 2.0;	/* wanted upper tail */

	for (i = 0; i < 200; i++)
	{
		double		f = cf_normal_upper_tail(z) - target;	/* decreasing in z */
		double		density = exp(-0.5 * z * z) / sqrt(2.0 * M_PI);
		double		next;

		if (f > 0)
			lo = z;
		else
			hi = z;
		next = (density > 0) ? z + f / density : 0.5 * (lo + hi);
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - z) <= 1e-15 * (1.0 + z))
			return next;
		z = next;
	}
	return z;
}
