/*
 * fixsum.c — exact fixed-point sums (see fixsum.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixsum.h"

/* snprintf that appends at *len and keeps counting past the end of the buffer. */
#define APPEND(buf, buflen, len, ...) \
	((len) += (size_t) snprintf((len) < (buflen) ? (buf) + (len) : NULL, \
								(len) < (buflen) ? (buflen) - (len) : 0, __VA_ARGS__))

typedef __int128 cf_i128;
typedef unsigned __int128 cf_u128;

static cf_i128
fix_get(cf_fixsum a)
{
	return (cf_i128) (((cf_u128) a.hi << 64) | a.lo);
}

static cf_fixsum
fix_put(cf_i128 v)
{
	cf_fixsum	a;

	a.lo = (uint64_t) (cf_u128) v;
	a.hi = (uint64_t) ((cf_u128) v >> 64);
	return a;
}

cf_fixsum
cf_fix_from_double(double x)
{
	return fix_put((cf_i128) nearbyint(ldexp(x, CF_FIX_FRAC_BITS)));
}

bool
cf_fix_add(cf_fixsum *dst, cf_fixsum a)
{
	cf_i128		sum;

	if (__builtin_add_overflow(fix_get(*dst), fix_get(a), &sum))
		return false;
	*dst = fix_put(sum);
	return true;
}

double
cf_fix_to_double(cf_fixsum a)
{
	return ldexp((double) fix_get(a), -CF_FIX_FRAC_BITS);
}

/*
 * num / pow10 (num < pow10 <= 10^36) in units of 2^-32, rounded to nearest
 * with ties to even; may be 2^32 (a carry into the integer part).
 */
static uint64_t
decimal_to_bits(cf_u128 num, cf_u128 pow10)
{
	uint64_t	bits = 0;
	int			i;

	for (i = 0; i < CF_FIX_FRAC_BITS; i++)
	{
		num *= 2;
		bits <<= 1;
		if (num >= pow10)
		{
			bits |= 1;
			num -= pow10;
		}
	}
	if (num * 2 > pow10 || (num * 2 == pow10 && (bits & 1)))
		bits++;
	return bits;
}

/*
 * Shortest decimal that reads back as the same value: at most 10 decimals,
 * since 10^-10 is below half of 2^-32.
 */
size_t
cf_fix_format(cf_fixsum a, char *buf, size_t buflen)
{
	cf_i128		v = fix_get(a);
	cf_u128		mag = v < 0 ? (cf_u128) 0 - (cf_u128) v : (cf_u128) v;
	cf_u128		ipart = mag >> CF_FIX_FRAC_BITS;
	uint64_t	frac = (uint64_t) (mag & 0xffffffffu);
	uint64_t	q = 0;
	uint64_t	pow10 = 1;
	char		digits[80];
	int			nd = 0,
				d;
	size_t		len = 0;

	for (d = 0; d <= 10; d++, pow10 *= 10)
	{
		q = (uint64_t) (((cf_u128) frac * pow10 + ((cf_u128) 1 << 31)) >> CF_FIX_FRAC_BITS);
		if (decimal_to_bits(q, pow10) == frac)
			break;
	}
	do
	{
		digits[nd++] = (char) ('0' + (int) (ipart % 10));
		ipart /= 10;
	} while (ipart > 0);
	if (v < 0)
		APPEND(buf, buflen, len, "-");
	while (nd > 0)
		APPEND(buf, buflen, len, "%c", digits[--nd]);
	if (d > 0)
		APPEND(buf, buflen, len, ".%0*llu", d, (unsigned long long) q);
	return len;
}

bool
cf_fix_parse(const char **p, cf_fixsum *out)
{
	const char *s = *p;
	bool		neg = false;
	cf_u128		ipart = 0,
				num = 0,
				pow10 = 1,
				mag;
	int			nd = 0;

	if (*s == '-')
	{
		neg = true;
		s++;
	}
	if (!isdigit((unsigned char) *s))
		return false;
	while (isdigit((unsigned char) *s))
	{
		ipart = ipart * 10 + (cf_u128) (*s++ - '0');
		if (ipart >= ((cf_u128) 1 << 94))
			return false;
	}
	if (*s == '.')
	{
		s++;
		if (!isdigit((unsigned char) *s))
			return false;
		while (isdigit((unsigned char) *s))
		{
			if (++nd > 36)
				return false;
			num = num * 10 + (cf_u128) (*s++ - '0');
			pow10 *= 10;
		}
	}
	mag = (ipart << CF_FIX_FRAC_BITS) + decimal_to_bits(num, pow10);
	*out = fix_put(neg ? -(cf_i128) mag : (cf_i128) mag);
	*p = s;
	return true;
}

bool
cf_fix_take(cf_tf_span *s, cf_fixsum *out)
{
	const char *p = s->s;

	/* the span ends at a separator, which cf_fix_parse does not read past */
	if (p == s->end || !cf_fix_parse(&p, out) || p > s->end)
		return false;
	s->s = p;
	return true;
}

void
cf_fix_put(cf_tf_writer *w, cf_fixsum a)
{
	char		tmp[80];

	cf_fix_format(a, tmp, sizeof(tmp));
	cf_tf_put_str(w, tmp);
}
