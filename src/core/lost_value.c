/*
 * lost_value.c — exact lost-customer value (see lost_value.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
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

/* ---------- lost_customer_value(numeric, ...): numeric's arithmetic ---------- */

#define NUMERIC_MAX_DSCALE	16383	/* numeric's product is rounded to this scale */
#define NUMERIC_MIN_SIG_DIGITS 16	/* numeric's division keeps at least these */
#define NUMERIC_MAX_DISPLAY_SCALE 1000
#define LCV_WORK_SCALE		40
#define LCV_RESULT_SCALE	20

/* make_result()'s check: more digits before the point than numeric holds overflow. */
static int
fits(const cf_bigdec *v)
{
	return cf_bigdec_int_digits(v) <= CF_NUMERIC_MAX_INT_DIGITS ? CF_OK : CF_ERANGE;
}

/* *acc = *acc + b (numeric's +). */
static int
num_add(cf_bigdec *acc, const cf_bigdec *b, const cf_allocator *al)
{
	cf_bigdec	r;

	if (!cf_bigdec_sum(acc, b, &r, al))
		return CF_ENOMEM;
	cf_bigdec_release(acc, al);
	*acc = r;
	return fits(acc);
}

/* *out = a * b (numeric's *: exact, then rounded to numeric's largest scale). */
static int
num_mul(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out, const cf_allocator *al)
{
	if (!cf_bigdec_mul(a, b, out, al))
		return CF_ENOMEM;
	if (out->scale > NUMERIC_MAX_DSCALE && !cf_bigdec_round(out, NUMERIC_MAX_DSCALE, al))
		return CF_ENOMEM;
	return fits(out);
}

/* *acc = round(*acc * b, scale), scale < 0: not rounded. */
static int
num_mul_into(cf_bigdec *acc, const cf_bigdec *b, int scale, const cf_allocator *al)
{
	cf_bigdec	r = CF_BIGDEC_ZERO;
	int			rc = num_mul(acc, b, &r, al);

	cf_bigdec_release(acc, al);
	*acc = r;
	if (rc == CF_OK && scale >= 0)
		rc = cf_bigdec_round(acc, scale, al) ? fits(acc) : CF_ENOMEM;
	return rc;
}

/*
 * numeric's result scale of 1 / y, y > 0, the 1 at scale 40 (select_div_scale):
 * at least 16 significant digits from the base-10000 weights, at least either
 * operand's scale, at most 1000.
 */
static int
reciprocal_scale(const cf_bigdec *y)
{
	int			e = cf_bigdec_exponent(y),
				weight = e >= 0 ? e / 4 : -((-e + 3) / 4),	/* floor(e / 4) */
				qweight = -weight - 1,	/* 1's first digit never exceeds y's */
				rscale = NUMERIC_MIN_SIG_DIGITS - qweight * 4;

	if (rscale < LCV_WORK_SCALE)
		rscale = LCV_WORK_SCALE;
	if (rscale < y->scale)
		rscale = y->scale;
	return rscale < NUMERIC_MAX_DISPLAY_SCALE ? rscale : NUMERIC_MAX_DISPLAY_SCALE;
}

/* b's digits as an integer (b = *v / 10^scale) when it has at most four limbs (< 10^36). */
static bool
small_digits(const cf_bigdec *b, cf_i128 *v)
{
	cf_i128		acc = 0;
	int			i;

	if (b->nlimbs > 4)
		return false;
	for (i = b->nlimbs - 1; i >= 0; i--)
		acc = acc * 1000000000 + b->limbs[i];
	*v = b->neg ? -acc : acc;
	return true;
}

/*
 * lost_value_exact in 128-bit integers, the common case of money amounts:
 * false (nothing done) when a value or a step does not fit, so that the
 * decimal arithmetic decides.  The same scales as numeric's: a product has
 * the sum of its factors' scales, a sum the larger one.
 */
static bool
lost_value_exact_i128(const cf_lost_value_args *in, const cf_allocator *al, cf_bigdec *out, int *rc)
{
	cf_i128		a,
				g,
				m,
				x,
				y,
				sum;
	int			sa = in->annual->scale,
				sg = in->growth->scale,
				s = sa > sg ? sa : sg;

	if (!small_digits(in->annual, &a) || !small_digits(in->growth, &g) || !small_digits(in->margin, &m) ||
		s - sa > CF_I128_DIGITS || s - sg > CF_I128_DIGITS || s + in->margin->scale > NUMERIC_MAX_DSCALE ||
		__builtin_mul_overflow(a, (cf_i128) in->years, &x) ||
		__builtin_mul_overflow(g, (cf_i128) ((int64_t) in->years * (in->years - 1) / 2), &y) ||
		!cf_i128_mul_pow10(x, s - sa, &x) || !cf_i128_mul_pow10(y, s - sg, &y) || !cf_i128_add(x, y, &sum) ||
		__builtin_mul_overflow(sum, m, &sum))
		return false;
	*rc = cf_bigdec_from_i128_with(out, sum, s + in->margin->scale, al) ? fits(out) : CF_ENOMEM;
	return true;
}

/* n a + g n (n - 1) / 2, times the margin: exact (no discount, arithmetic growth). */
static int
lost_value_exact(const cf_lost_value_args *in, const cf_allocator *al, cf_bigdec *out)
{
	cf_bigdec	n = CF_BIGDEC_ZERO,
				pairs = CF_BIGDEC_ZERO,
				x = CF_BIGDEC_ZERO,
				y = CF_BIGDEC_ZERO;
	int			rc = CF_ENOMEM;

	if (lost_value_exact_i128(in, al, out, &rc))
		return rc;
	if (cf_bigdec_from_int(&n, in->years, al) &&
		cf_bigdec_from_int(&pairs, (int64_t) in->years * (in->years - 1) / 2, al) &&
		(rc = num_mul(&n, in->annual, &x, al)) == CF_OK &&
		(rc = num_mul(in->growth, &pairs, &y, al)) == CF_OK &&
		(rc = num_add(&x, &y, al)) == CF_OK)
		rc = num_mul(&x, in->margin, out, al);
	cf_bigdec_release(&n, al);
	cf_bigdec_release(&pairs, al);
	cf_bigdec_release(&x, al);
	cf_bigdec_release(&y, al);
	return rc;
}

/* The year loop's working values. */
typedef struct lcv_work
{
	cf_bigdec	total,
				value,
				growth_factor,
				step,
				disc,
				v;
} lcv_work;

/* One year t: the year's (discounted) value added to the total, the next year's value. */
static int
lost_value_year(const cf_lost_value_args *in, bool exact, lcv_work *w, const cf_allocator *al)
{
	int			rc;

	cf_check_interrupts();
	if (!exact && (rc = num_mul_into(&w->disc, &w->step, LCV_WORK_SCALE, al)) != CF_OK)
		return rc;
	cf_bigdec_release(&w->v, al);
	if (in->floor_zero && w->value.neg)
	{
		if (!cf_bigdec_from_int(&w->v, 0, al))
			return CF_ENOMEM;
	}
	else if (!cf_bigdec_copy(&w->value, &w->v, al))
		return CF_ENOMEM;
	if (!exact && (rc = num_mul_into(&w->v, &w->disc, LCV_WORK_SCALE, al)) != CF_OK)
		return rc;
	if ((rc = num_add(&w->total, &w->v, al)) != CF_OK)
		return rc;
	/* the next year's value, computed (and checked) after the last year too, as before */
	return in->geometric ? num_mul_into(&w->value, &w->growth_factor, LCV_WORK_SCALE, al)
		: num_add(&w->value, in->growth, al);
}

int
cf_lost_value_numeric(const cf_lost_value_args *in, const cf_allocator *al, cf_bigdec *out)
{
	lcv_work	w = {CF_BIGDEC_ZERO, CF_BIGDEC_ZERO, CF_BIGDEC_ZERO, CF_BIGDEC_ZERO, CF_BIGDEC_ZERO, CF_BIGDEC_ZERO};
	cf_bigdec	y = CF_BIGDEC_ZERO;
	bool		exact = !in->geometric && in->discount->nlimbs == 0;
	int			rc = CF_ENOMEM;
	int32_t		t;

	*out = (cf_bigdec) CF_BIGDEC_ZERO;
	if (in->years < 0 || in->years > CF_LOST_VALUE_MAX_YEARS)
		return CF_EINVAL;
	if (exact && !in->floor_zero)
		rc = lost_value_exact(in, al, &w.total);
	else if (cf_bigdec_from_int(&w.growth_factor, 1, al) &&
			 (rc = num_add(&w.growth_factor, in->growth, al)) == CF_OK &&
			 (rc = cf_bigdec_from_int(&y, 1, al) ? num_add(&y, in->discount, al) : CF_ENOMEM) == CF_OK &&
			 (rc = y.nlimbs > 0 && !y.neg ? CF_OK : CF_EINVAL) == CF_OK &&
			 (rc = cf_bigdec_reciprocal(&y, reciprocal_scale(&y), &w.step, al) &&
			  cf_bigdec_round(&w.step, LCV_WORK_SCALE, al) ? CF_OK : CF_ENOMEM) == CF_OK &&
			 (rc = cf_bigdec_from_int(&w.disc, 1, al) && cf_bigdec_from_int(&w.total, 0, al) &&
			  cf_bigdec_copy(in->annual, &w.value, al) ? CF_OK : CF_ENOMEM) == CF_OK)
	{
		for (t = 1; t <= in->years && rc == CF_OK; t++)
			rc = lost_value_year(in, exact, &w, al);
		if (rc == CF_OK)
			rc = num_mul_into(&w.total, in->margin, exact ? -1 : LCV_RESULT_SCALE, al);
	}
	if (rc == CF_OK)
	{
		cf_bigdec_trim(&w.total);
		*out = w.total;
		w.total = (cf_bigdec) CF_BIGDEC_ZERO;
	}
	cf_bigdec_release(&w.total, al);
	cf_bigdec_release(&w.value, al);
	cf_bigdec_release(&w.growth_factor, al);
	cf_bigdec_release(&w.step, al);
	cf_bigdec_release(&w.disc, al);
	cf_bigdec_release(&w.v, al);
	cf_bigdec_release(&y, al);
	return rc;
}
