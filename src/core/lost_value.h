/*
 * lost_value.h — lost-customer value, exact: margin times the sum over the
 * years t = 1..n of max(0, annual + (t - 1) * growth), in decimal arithmetic
 * (decimal.h), never in floating point.  The segment summary's lapsed and
 * lost value is the sum of this per customer; lost_customer_value(profile,
 * as_of, years, margin, 0) in SQL gives the same value before rounding.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_LOST_VALUE_H
#define CF_LOST_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "alloc.h"
#include "decimal.h"
#include "error.h"

#define CF_LOST_VALUE_MAX_YEARS 1000

/* A decimal: v / 10^scale, scale 0..38. */
typedef struct cf_lost_dec
{
	cf_i128		v;
	int			scale;
} cf_lost_dec;

/*
 * x as PostgreSQL's float8-to-numeric cast reads it (15 significant digits)
 * rounded half away from zero to scale decimals (numeric's round(x, scale)),
 * kept at the smallest scale that holds it exactly.  false when x is not
 * finite or does not fit 128 bits at that scale.
 */
bool		cf_lost_dec_from_double(double x, int scale, cf_lost_dec *out);

/*
 * The shortest decimal that reads back as x (a margin given as numeric and
 * stored as a double: 0.3, not 0.29999999999999998890), rounded to at most
 * 38 decimals; false when not finite or beyond 128 bits.
 */
bool		cf_lost_dec_shortest(double x, cf_lost_dec *out);

/*
 * sum over t = 0..years-1 of (floor_zero ? max(0, a + t g) : a + t g),
 * exact, at the larger scale of a and g; false on overflow of 128 bits or
 * years outside 0..CF_LOST_VALUE_MAX_YEARS.
 */
bool		cf_lost_value_sum(cf_lost_dec a, cf_lost_dec g, int32_t years, bool floor_zero, cf_lost_dec *sum);

/*
 * v * m rounded half away from zero to scale decimals (the product is exact
 * before rounding: 256-bit intermediate); false when the result does not fit
 * 128 bits.
 */
bool		cf_lost_dec_mul_round(cf_lost_dec v, cf_lost_dec m, int scale, cf_i128 *out);

/*
 * A customer's lost value in units of 10^-scale: annual and growth (doubles,
 * e.g. a profile's trend) as cf_lost_dec_from_double reads them at
 * value_scale decimals (at least 2, at most 38), summed over years with negative years
 * counted as zero, times the margin (cf_lost_dec_shortest), rounded half
 * away from zero.  false when some step does not fit 128 bits.
 */
bool		cf_lost_value_of(double annual, double growth, int value_scale, int32_t years,
							 double margin, int scale, cf_i128 *out);

/*
 * lost_customer_value(annual, growth, years, margin, discount_rate) and its
 * geometric form in SQL, exactly as PostgreSQL's numeric computed them (the
 * results, digit for digit): the sum over the years t = 1..years of
 * value_t * margin / (1 + d)^t, value_1 = annual, value_t = value_(t-1) +
 * growth (arithmetic) or value_(t-1) * (1 + growth) (geometric); floor_zero
 * counts negative yearly values as zero (the profile's form).  Without
 * discount and with arithmetic growth the result is exact; otherwise the
 * discount factor 1 / (1 + d) is numeric's quotient (its result scale) rounded
 * to 40 decimals, every year's factor, value and discounted value are rounded
 * to 40 decimals and the result to 20.  Trailing zeros are removed.  Every
 * value has numeric's display scale, and every step fails as numeric does:
 * CF_ERANGE when a value has more than CF_NUMERIC_MAX_INT_DIGITS digits before
 * the point ("value overflows numeric format").  Arguments are valid (the glue
 * checks them: years 0..CF_LOST_VALUE_MAX_YEARS, discount > -1, ...);
 * CF_EINVAL otherwise.  CF_ENOMEM when al fails.  The result's limbs come from
 * al; the loop over the years polls cf_check_interrupts().
 */
typedef struct cf_lost_value_args
{
	const cf_bigdec *annual;
	const cf_bigdec *growth;
	int32_t		years;
	const cf_bigdec *margin;
	const cf_bigdec *discount;
	bool		geometric;
	bool		floor_zero;
} cf_lost_value_args;

int			cf_lost_value_numeric(const cf_lost_value_args *in, const cf_allocator *al, cf_bigdec *out);

#endif
