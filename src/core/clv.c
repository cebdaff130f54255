/*
 * clv.c
 *		Special functions and text helpers of the lifetime models.
 */
#include "clv.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse a decimal integer made only of digits, ending at *end. */
bool
cf_model_parse_uint(const char **sp, int64_t max, int64_t *out)
{
	const char *s = *sp;
	int64_t		v = 0;

	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
	{
		int			d = *s - '0';

		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
		s++;
	}
	*sp = s;
	*out = v;
	return true;
}

/* Parse a plain decimal float (digits, '.', exponent; no nan/inf/hex). */
bool
cf_model_parse_double(const char **sp, double *out)
{
	const char *s = *sp;
	const char *p = s;
	char		tmp[64];
	char	   *end;
	size_t		len;
	double		v;

	if (*p == '-' || *p == '+')
		p++;
	if (!((*p >= '0' && *p <= '9') || *p == '.'))
		return false;
	while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' ||
		   ((*p == '-' || *p == '+') && (p[-1] == 'e' || p[-1] == 'E')))
		p++;
	len = (size_t) (p - s);
	if (len == 0 || len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtod(tmp, &end);
	if (end != tmp + len)
		return false;
	if (!isfinite(v))
		return false;
	*sp = p;
	*out = v;
	return true;
}

/* Decimal digits of v (with '-' if negative). */
int
cf_model_format_int64(int64_t v, char *buf)
{
	char		digits[24];
	uint64_t	a = (v < 0) ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
	int			nd = 0,
				pos = 0;

	if (v < 0)
		buf[pos++] = '-';
	do
	{
		digits[nd++] = (char) ('0' + a % 10);
		a /= 10;
	} while (a > 0);
	while (nd > 0)
		buf[pos++] = digits[--nd];
	return pos;
}

/* psi(x), x > 0: recurrence up to x >= 10, then the asymptotic series. */
double
cf_digamma(double x)
{
	double		acc = 0.0,
				x2;

	if (!(x > 0.0))
		return NAN;
	if (x < 1e-8)
		return -1.0 / x - 0.57721566490153286061 + 1.6449340668482264365 * x;
	while (x < 10.0)
	{
		acc -= 1.0 / x;
		x += 1.0;
	}
	x2 = 1.0 / (x * x);
	/* Bernoulli numbers B2k / 2k: 1/12, -1/120, 1/252, -1/240, 1/132, ... */
	return acc + log(x) - 0.5 / x
		- x2 * (1.0 / 12 - x2 * (1.0 / 120 - x2 * (1.0 / 252 - x2 * (1.0 / 240
			- x2 * (1.0 / 132 - x2 * (691.0 / 32760 - x2 * (1.0 / 12)))))));
}

/* Sum of ln(s + j), j < x, directly for small x, else via lgamma. */
double
cf_lpoch(double s, int64_t x)
{
	double		sum = 0.0;
	int64_t		j;

	if (x <= 48)
	{
		for (j = 0; j < x; j++)
			sum += log(s + (double) j);
		return sum;
	}
	return lgamma(s + (double) x) - lgamma(s);
}

/* Sum of 1 / (s + j), j < x, directly for small x, else via digamma. */
double
cf_dpoch(double s, int64_t x)
{
	double		sum = 0.0;
	int64_t		j;

	if (x <= 48)
	{
		for (j = 0; j < x; j++)
			sum += 1.0 / (s + (double) j);
		return sum;
	}
	return cf_digamma(s + (double) x) - cf_digamma(s);
}

/* ln(1 + e^u). */
double
cf_softplus(double u)
{
	if (u > 0.0)
		return u + log1p(exp(-u));
	return log1p(exp(u));
}
