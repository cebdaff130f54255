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

/*
 * Wilson (1927): the p solving |x/n - p| = z sqrt(p (1 - p) / n), i.e.
 * (x + z^2/2 +- z sqrt(x (n - x) / n + z^2/4)) / (n + z^2); never outside [0, 1].
 */
void
cf_wilson_interval(double x, double n, double z, double *lower, double *upper)
{
	double		z2 = z * z;
	double		centre = (x + z2 / 2.0) / (n + z2);
	double		half = z / (n + z2) * sqrt(x * (n - x) / n + z2 / 4.0);

	*lower = centre - half > 0.0 ? centre - half : 0.0;
	*upper = centre + half < 1.0 ? centre + half : 1.0;
	if (x == 0)
		*lower = 0.0;			/* exact: the roots are 0 and z^2 / (n + z^2) */
	if (x == n)
		*upper = 1.0;
}

/* exp(-x) x^a / Gamma(a), the factor both expansions of Q share. */
static double
gamma_prefactor(double a, double x)
{
	return exp(a * log(x) - x - lgamma(a));
}

/*
 * Q(a, x): below x = a + 1 by the power series of P = 1 - Q, which converges
 * fast there; above by Legendre's continued fraction for Q evaluated with
 * the modified Lentz method, so a small Q in the far tail keeps its relative
 * precision.  Both stop at a relative change below 1e-16 (at most a few
 * hundred steps for the arguments a chi-square test of a million periods
 * gives).
 */
double
cf_gamma_q(double a, double x)
{
	const double tiny = 1e-300;
	int			i;

	if (!(a > 0.0) || !(x >= 0.0))
		return NAN;
	if (x == 0.0)
		return 1.0;
	if (isinf(x))
		return 0.0;
	if (x < a + 1.0)
	{
		double		term = 1.0 / a,
					sum = term,
					ap = a;
		double		p;

		for (i = 0; i < 1000000; i++)
		{
			ap += 1.0;
			term *= x / ap;
			sum += term;
			if (fabs(term) < fabs(sum) * 1e-17)
				break;
		}
		p = sum * gamma_prefactor(a, x);
		return p >= 1.0 ? 0.0 : 1.0 - p;
	}
	else
	{
		double		b = x + 1.0 - a,
					c = 1.0 / tiny,
					d = 1.0 / b,
					h = d;

		for (i = 1; i < 1000000; i++)
		{
			double		an = -i * (i - a);
			double		delta;

			b += 2.0;
			d = an * d + b;
			if (fabs(d) < tiny)
				d = tiny;
			c = b + an / c;
			if (fabs(c) < tiny)
				c = tiny;
			d = 1.0 / d;
			delta = d * c;
			h *= delta;
			if (fabs(delta - 1.0) < 1e-16)
				break;
		}
		return gamma_prefactor(a, x) * h;
	}
}

/* Q(df / 2, x / 2). */
double
cf_chi_square_upper_tail(double x, double df)
{
	return cf_gamma_q(df / 2.0, x / 2.0);
}

/* erfc(|z| / sqrt 2): 2 Q(|z|) without cancellation. */
double
cf_normal_two_sided_p(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}
