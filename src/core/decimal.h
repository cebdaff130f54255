/*
 * decimal.h — exact decimal arithmetic for revenue sums.
 *
 * Two representations:
 *   - the fast one: a signed 128-bit integer holding value * 10^scale
 *     (cf_i128 + an int scale), with every operation checked for overflow;
 *   - the fallback: an arbitrary-precision decimal (cf_bigdec), sign and
 *     magnitude in base 10^9 limbs, least significant first, also holding
 *     value * 10^scale.  Slow, allocates with malloc, used only when a value
 *     or a sum does not fit 128 bits.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_DECIMAL_H
#define CF_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "error.h"

typedef __int128 cf_i128;

#define CF_DEC_MAX_SCALE	16383	/* numeric's largest display scale */
#define CF_I128_DIGITS		38		/* every 38-digit integer fits 128 bits */

/* v * 10^k into *out; false (and *out untouched) on overflow or k outside 0..38. */
bool		cf_i128_mul_pow10(cf_i128 v, int k, cf_i128 *out);

/* a + b into *out; false on overflow. */
bool		cf_i128_add(cf_i128 a, cf_i128 b, cf_i128 *out);

/*
 * Writes v / 10^scale in plain decimal ("-12.50") to buf (NUL-terminated,
 * truncated to buflen); returns the length the full text needs.
 */
size_t		cf_i128_format(cf_i128 v, int scale, char *buf, size_t buflen);

/*
 * Parses [+-]digits[.digits] (no exponent, no spaces) of exactly len bytes into
 * v * 10^scale.  Returns 0 on success, 1 for a malformed text, 2 when it does
 * not fit 128 bits (or the scale exceeds CF_DEC_MAX_SCALE).
 */
int			cf_i128_parse(const char *s, size_t len, cf_i128 *v, int *scale);

/* An arbitrary-precision decimal: (neg ? -1 : 1) * sum(limb[i] * 1e9^i) / 10^scale. */
typedef struct cf_bigdec
{
	bool		neg;			/* never true for zero */
	int			scale;			/* 0..CF_DEC_MAX_SCALE */
	int			nlimbs;			/* no leading (most significant) zero limbs */
	uint32_t   *limbs;			/* malloc'd, or NULL when nlimbs == 0 */
} cf_bigdec;

/* The big decimal equal to v / 10^scale; false if out of memory. */
bool		cf_bigdec_from_i128(cf_bigdec *b, cf_i128 v, int scale);

/* A copy of limbs/sign/scale given as raw parts; false if out of memory. */
bool		cf_bigdec_from_parts(cf_bigdec *b, bool neg, int scale, const uint32_t *limbs, int nlimbs);

/* Parses like cf_i128_parse without the size limit; 0 ok, 1 malformed, 2 scale too large, 3 out of memory. */
int			cf_bigdec_parse(cf_bigdec *b, const char *s, size_t len);

/* a + b into *out (a fresh value; a and b unchanged), at scale max(a, b); false if out of memory. */
bool		cf_bigdec_add(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out);

/* Raises b's scale to newscale in place (value unchanged); false if out of memory or newscale < scale. */
bool		cf_bigdec_rescale(cf_bigdec *b, int newscale);

/* Text of the value at its scale, as cf_i128_format; returns the needed length. */
size_t		cf_bigdec_format(const cf_bigdec *b, char *buf, size_t buflen);

/* The value rounded to a double (±HUGE_VAL beyond the double range). */
double		cf_bigdec_to_double(const cf_bigdec *b);

/* Frees the limbs; the value becomes zero. */
void		cf_bigdec_free(cf_bigdec *b);

/*
 * PostgreSQL numeric's arithmetic, exactly, on big decimals whose limbs come
 * from an allocator (alloc.h) instead of malloc: what lost_customer_value()
 * needs to give numeric's results digit for digit.  The scale of a value is
 * numeric's display scale (dscale): a sum has the larger scale, a product the
 * sum of the scales, a rounded value the scale it was rounded to.  Functions
 * returning bool return false when al fails; *out is then zero and owns
 * nothing.  A value made here is given back with cf_bigdec_release.
 */

/* numeric's largest number of digits before the point (weight 32767 in base 10000). */
#define CF_NUMERIC_MAX_INT_DIGITS	131072

/* The zero value that owns nothing, for initialising. */
#define CF_BIGDEC_ZERO {false, 0, 0, NULL}

/* Gives back b's limbs to al; b becomes zero. */
void		cf_bigdec_release(cf_bigdec *b, const cf_allocator *al);

/* Parses like cf_bigdec_parse, limbs from al; 0 ok, 1 malformed, 2 scale too large, 3 out of memory. */
int			cf_bigdec_parse_with(cf_bigdec *b, const char *s, size_t len, const cf_allocator *al);

/* The integer v at scale 0; false if al fails. */
bool		cf_bigdec_from_int(cf_bigdec *b, int64_t v, const cf_allocator *al);

/* The big decimal equal to v / 10^scale, limbs from al; false if al fails. */
bool		cf_bigdec_from_i128_with(cf_bigdec *b, cf_i128 v, int scale, const cf_allocator *al);

/* A copy of a; false if al fails. */
bool		cf_bigdec_copy(const cf_bigdec *a, cf_bigdec *out, const cf_allocator *al);

/* a + b at the larger scale (numeric's +). */
bool		cf_bigdec_sum(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out, const cf_allocator *al);

/* a * b, exact, at the sum of the scales (numeric's * before its scale limit). */
bool		cf_bigdec_mul(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out, const cf_allocator *al);

/*
 * numeric's round(b, scale) in place: half away from zero when scale is below
 * b's scale, the value unchanged at the larger scale otherwise (scale >= 0).
 */
bool		cf_bigdec_round(cf_bigdec *b, int scale, const cf_allocator *al);

/*
 * 1 / y rounded half away from zero to scale decimals (numeric's division
 * with its result scale given: the exact quotient, rounded once); y > 0.
 */
bool		cf_bigdec_reciprocal(const cf_bigdec *y, int scale, cf_bigdec *out, const cf_allocator *al);

/* numeric's trim_scale(b) in place: the smallest scale that holds the value. */
void		cf_bigdec_trim(cf_bigdec *b);

/* Digits before the point (0 when |b| < 1). */
int			cf_bigdec_int_digits(const cf_bigdec *b);

/* floor(log10(|b|)) of a non-zero b: 0 for 1..9.99, -2 for 0.05. */
int			cf_bigdec_exponent(const cf_bigdec *b);

/*
 * *sign = -1, 0 or 1 as a < b, a = b, a > b; CF_OK, or CF_ENOMEM (*sign
 * untouched) when the difference cannot be allocated.
 */
int			cf_bigdec_cmp(const cf_bigdec *a, const cf_bigdec *b, int *sign);

/* As cf_bigdec_cmp against the integer k, without allocating. */
int			cf_bigdec_cmp_int(const cf_bigdec *b, int64_t k);

#endif
