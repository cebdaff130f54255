/*
 * lost_value.c — exact lost-customer value (see lost_value.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lost_value.h"

typedef unsigned __int128 cf_u128;

/* 10^k for k = 0..38. */
static cf_u128
pow10_u128(int k)
{
	cf_u128		p = 1;

	while (k-- > 0)
		p *= 10;
	return p;
}

/*
 * Reads the decimal digits and exponent of "%.*e" text: value = m * 10^e
 * with m an integer of at most 17 digits.
 */
static bool
digits_of(double x, int sig, cf_i128 *m, int *e)
{
	char		buf[64];
	char	   *p,
			   *end;
	cf_i128		acc = 0;
	int			frac = 0;
	bool		neg = false;
	long		ex;

	if (!isfinite(x))
		return false;
	snprintf(buf, sizeof(buf), "%.*e", sig - 1, x);
	p = buf;
	if (*p == '-')
	{
		neg = true;
		p++;
	}
	for (; *p && *p != 'e'; p++)
	{
		if (*p == '.')
		{
			frac = 1;
			continue;
		}
		acc = acc * 10 + (*p - '0');
		if (frac)
			frac++;
	}
	if (*p != 'e')
		return false;
	ex = strtol(p + 1, &end, 10);
	*m = neg ? -acc : acc;
	*e = (int) ex - (frac > 0 ? frac - 1 : 0);
	return true;
}

/* m * 10^e as a decimal rounded half away from zero to at most scale decimals. */
static bool
dec_from_digits(cf_i128 m, int e, int scale, cf_lost_dec *out)
{
	bool		neg = m < 0;
	cf_u128		mag = neg ? -(cf_u128) m : (cf_u128) m;

	/* drop trailing zeros: the smallest exact scale */
	while (mag != 0 && mag % 10 == 0)
	{
		mag /= 10;
		e++;
	}
	if (mag == 0)
	{
		out->v = 0;
		out->scale = 0;
		return true;
	}
	if (-e > scale)
	{
		/* round to scale decimals: drop -e - scale digits */
		int			drop = -e - scale;
		cf_u128		q;

		if (drop > 38)
			q = 0;
		else
		{
			cf_u128		p = pow10_u128(drop - 1);
			cf_u128		t = mag / p;	/* one digit more than kept */

			q = t / 10 + (t % 10 >= 5 ? 1 : 0);
		}
		e = -scale;
		mag = q;
		while (mag != 0 && mag % 10 == 0 && e < 0)
		{
			mag /= 10;
			e++;
		}
		if (mag == 0)
			e = 0;
	}
	if (e > 0)
	{
		cf_i128		v;

		if (!cf_i128_mul_pow10((cf_i128) mag, e, &v))
			return false;
		mag = (cf_u128) v;
		e = 0;
	}
	if (-e > 38 || mag > (cf_u128) (((cf_u128) 1 << 127) - 1))
		return false;
	out->v = neg ? -(cf_i128) mag : (cf_i128) mag;
	out->scale = -e;
	return true;
}

/*
 * The common case without formatting text: when x * 10^scale is clearly away
 * from a rounding tie (further than the 15-digit rounding and the long
 * double's error can move it), round half away from zero gives what the
 * decimal path gives.  false: take the decimal path.
 */
static bool
from_double_fast(double x, int scale, cf_lost_dec *out)
{
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
	double		y,
				frac,
				slack;
	int64_t		t;
	int			e;

	if (x == 0)
	{
		out->v = 0;
		out->scale = 0;
		return true;
	}
	if (!isfinite(x) || scale < 0 || scale > 18)
		return false;
	e = (int) floor(log10(fabs(x))) + 1;	/* at least the exponent of the first digit */
	/* the 15-digit value must have digits below the scale, and the result fit 63 bits */
	if (e - 14 + scale >= 0 || e + scale > 18)
		return false;
	y = x * p10[scale];		/* one rounding: within 2^-53 |y| of x 10^scale (powers to 10^22 are exact) */
	t = (int64_t) y;			/* toward zero: |y| < 10^18 */
	frac = y - (double) t;	/* exact */
	/* the 15-digit rounding moves y by at most 0.5 * 10^(e - 14 + scale) <= 0.05 */
	slack = (14 - e - scale <= 18 ? 0.5 / p10[14 - e - scale] : 0.0) + fabs(y) * 1e-15;
	if (fabs(fabs(frac) - 0.5) <= slack)
		return false;			/* too near a tie: the decimal path decides */
	if (frac >= 0.5)
		t++;
	else if (frac <= -0.5)
		t--;
	while (scale > 0 && t % 10 == 0)
	{
		t /= 10;				/* the smallest exact scale, as the decimal path */
		scale--;
	}
	out->v = t;
	out->scale = scale;
	return true;
}

bool
cf_lost_dec_from_double(double x, int scale, cf_lost_dec *out)
{
	cf_i128		m;
	int			e;

	if (from_double_fast(x, scale, out))
		return true;
	/* float8::numeric writes DBL_DIG = 15 significant digits */
	if (!digits_of(x, 15, &m, &e))
		return false;
	return dec_from_digits(m, e, scale, out);
}

bool
cf_lost_dec_shortest(double x, cf_lost_dec *out)
{
	cf_i128		m;
	int			e,
				sig;

	for (sig = 1; sig <= 17; sig++)
	{
		char		buf[64];

		snprintf(buf, sizeof(buf), "%.*e", sig - 1, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	if (!digits_of(x, sig > 17 ? 17 : sig, &m, &e))
		return false;
	return dec_from_digits(m, e, 38, out);
}

/* v at the larger scale to; false on overflow. */
static bool
rescale(cf_lost_dec v, int to, cf_i128 *out)
{
	return cf_i128_mul_pow10(v.v, to - v.scale, out);
}

bool
cf_lost_value_sum(cf_lost_dec a, cf_lost_dec g, int32_t years, bool floor_zero, cf_lost_dec *sum)
{
	int			scale = a.scale > g.scale ? a.scale : g.scale;
	cf_i128		av,
				gv,
				v,
				total = 0;
	int32_t		t;

	if (years < 0 || years > CF_LOST_VALUE_MAX_YEARS ||
		!rescale(a, scale, &av) || !rescale(g, scale, &gv))
		return false;
	v = av;
	for (t = 0; t < years; t++)
	{
		if ((!floor_zero || v > 0) && __builtin_add_overflow(total, v, &total))
			return false;
		if (t + 1 < years && __builtin_add_overflow(v, gv, &v))
			return false;
	}
	sum->v = total;
	sum->scale = scale;
	return true;
}

/* a 256-bit magnitude as four 64-bit words, least significant first */
typedef struct u256
{
	uint64_t	w[4];
} u256;

static u256
mul_u128(cf_u128 a, cf_u128 b)
{
	uint64_t	x[2] = {(uint64_t) a, (uint64_t) (a >> 64)};
	uint64_t	y[2] = {(uint64_t) b, (uint64_t) (b >> 64)};
	u256		r = {{0, 0, 0, 0}};
	int			i,
				j;

	for (i = 0; i < 2; i++)
	{
		cf_u128		carry = 0;

		for (j = 0; j < 2; j++)
		{
			cf_u128		cur = (cf_u128) x[i] * y[j] + r.w[i + j] + carry;

			r.w[i + j] = (uint64_t) cur;
			carry = cur >> 64;
		}
		r.w[i + 2] += (uint64_t) carry;
	}
	return r;
}

/* r = floor(r / d) for 0 < d < 2^64. */
static void
div_small(u256 *r, uint64_t d)
{
	cf_u128		rem = 0;
	int			i;

	for (i = 3; i >= 0; i--)
	{
		cf_u128		cur = (rem << 64) | r->w[i];

		r->w[i] = (uint64_t) (cur / d);
		rem = cur % d;
	}
}

/* r = floor(r / 10^k). */
static void
div_pow10(u256 *r, int k)
{
	while (k > 0)
	{
		int			step = k > 19 ? 19 : k;

		div_small(r, (uint64_t) pow10_u128(step));
		k -= step;
	}
}

/* The 256-bit value as a 128-bit magnitude; false when it does not fit 127 bits. */
static bool
to_u127(const u256 *p, cf_u128 *out)
{
	cf_u128		v;

	if (p->w[3] != 0 || p->w[2] != 0)
		return false;
	v = ((cf_u128) p->w[1] << 64) | p->w[0];
	if (v >> 127)
		return false;
	*out = v;
	return true;
}

bool
cf_lost_dec_mul_round(cf_lost_dec v, cf_lost_dec m, int scale, cf_i128 *out)
{
	bool		neg = (v.v < 0) != (m.v < 0);
	cf_u128		a = v.v < 0 ? -(cf_u128) v.v : (cf_u128) v.v;
	cf_u128		b = m.v < 0 ? -(cf_u128) m.v : (cf_u128) m.v;
	u256		p = mul_u128(a, b);
	int			drop = v.scale + m.scale - scale;	/* digits below the result's scale */
	cf_u128		q;

	if (drop > 0 && drop <= 39 && (a >> 64) == 0 && (b >> 64) == 0)
	{
		/* the product fits 128 bits: one division */
		cf_u128		prod = a * b,
					t = prod / pow10_u128(drop - 1);

		q = t / 10 + (t % 10 >= 5 ? 1 : 0);
	}
	else if (drop > 0)
	{
		u256		t;
		uint64_t	digit;

		div_pow10(&p, drop - 1);	/* one digit more than the result keeps */
		t = p;
		div_small(&t, 10);
		digit = p.w[0] - mul_u128(((cf_u128) t.w[1] << 64) | t.w[0], 10).w[0];	/* p - 10 t, 0..9 */
		if (!to_u127(&t, &q))
			return false;
		if (digit >= 5)
			q++;				/* half away from zero, as numeric's round() */
	}
	else
	{
		cf_i128		r;

		if (!to_u127(&p, &q) || !cf_i128_mul_pow10((cf_i128) q, -drop, &r))
			return false;
		q = (cf_u128) r;
	}
	if (q >> 127)
		return false;
	*out = neg ? -(cf_i128) q : (cf_i128) q;
	return true;
}

bool
cf_lost_value_of(double annual, double growth, int value_scale, int32_t years,
				 double margin, int scale, cf_i128 *out)
{
	cf_lost_dec a,
				g,
				m,
				sum;

	static double last_margin = -1;
	static cf_lost_dec last_m;

	if (value_scale < 2)
		value_scale = 2;
	if (value_scale > 38)
		value_scale = 38;
	return cf_lost_dec_from_double(annual, value_scale, &a) &&
		cf_lost_dec_from_double(growth, value_scale, &g) &&
		(margin == last_margin ? (m = last_m, true) :
		 cf_lost_dec_shortest(margin, &m) && (last_margin = margin, last_m = m, true)) &&
		cf_lost_value_sum(a, g, years, true, &sum) &&
		cf_lost_dec_mul_round(sum, m, scale, out);
}
