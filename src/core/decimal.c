/*
 * decimal.c — exact decimal arithmetic for revenue sums (see decimal.h).
 */
#include "decimal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIMB_BASE 1000000000u

static const cf_i128 *
pow10_table(void)
{
	static cf_i128 table[CF_I128_DIGITS + 1];
	static bool done = false;

	if (!done)
	{
		int			i;

		table[0] = 1;
		for (i = 1; i <= CF_I128_DIGITS; i++)
			table[i] = table[i - 1] * 10;
		done = true;
	}
	return table;
}

/* v * 10^k with overflow check. */
bool
cf_i128_mul_pow10(cf_i128 v, int k, cf_i128 *out)
{
	cf_i128		r;

	if (k < 0 || k > CF_I128_DIGITS)
		return false;
	if (k == 0 || v == 0)
	{
		*out = v;
		return true;
	}
	if (__builtin_mul_overflow(v, pow10_table()[k], &r))
		return false;
	*out = r;
	return true;
}

/* a + b with overflow check. */
bool
cf_i128_add(cf_i128 a, cf_i128 b, cf_i128 *out)
{
	cf_i128		r;

	if (__builtin_add_overflow(a, b, &r))
		return false;
	*out = r;
	return true;
}

/* Copies text into buf with truncation; returns the text's length. */
static size_t
emit(const char *text, size_t len, char *buf, size_t buflen)
{
	if (buf && buflen > 0)
	{
		size_t		n = len < buflen - 1 ? len : buflen - 1;

		memcpy(buf, text, n);
		buf[n] = '\0';
	}
	return len;
}

/*
 * Formats an unsigned digit string (most significant first, ndig digits, no
 * leading zeros except a lone "0") with sign and scale into a malloc'd text.
 * Returns NULL if out of memory.
 */
static char *
place_point(bool neg, const char *digits, size_t ndig, int scale, size_t *outlen)
{
	size_t		intdig = ndig > (size_t) scale ? ndig - scale : 0;
	size_t		len = (neg ? 1 : 0) + (intdig ? intdig : 1) + (scale > 0 ? 1 + scale : 0);
	char	   *t = malloc(len + 1);
	char	   *p = t;
	size_t		i;

	if (!t)
		return NULL;
	if (neg)
		*p++ = '-';
	if (intdig)
	{
		memcpy(p, digits, intdig);
		p += intdig;
	}
	else
		*p++ = '0';
	if (scale > 0)
	{
		*p++ = '.';
		/* leading zeros of the fraction when the digits are fewer than the scale */
		for (i = ndig; i < (size_t) scale; i++)
			*p++ = '0';
		memcpy(p, digits + intdig, ndig - intdig);
		p += ndig - intdig;
	}
	*p = '\0';
	*outlen = len;
	return t;
}

/* Decimal text of v / 10^scale. */
size_t
cf_i128_format(cf_i128 v, int scale, char *buf, size_t buflen)
{
	char		digits[48];
	char		rev[48];
	int			n = 0,
				i;
	unsigned __int128 m;
	bool		neg = v < 0;
	char	   *t;
	size_t		len;

	m = neg ? (unsigned __int128) 0 - (unsigned __int128) v : (unsigned __int128) v;
	do
	{
		rev[n++] = (char) ('0' + (int) (m % 10));
		m /= 10;
	} while (m != 0);
	for (i = 0; i < n; i++)
		digits[i] = rev[n - 1 - i];
	if (scale <= 40)
	{
		char		small[100];
		size_t		intdig = (size_t) n > (size_t) scale ? n - scale : 0;
		char	   *p = small;

		if (neg)
			*p++ = '-';
		if (intdig)
		{
			memcpy(p, digits, intdig);
			p += intdig;
		}
		else
			*p++ = '0';
		if (scale > 0)
		{
			*p++ = '.';
			for (i = n; i < scale; i++)
				*p++ = '0';
			memcpy(p, digits + intdig, n - intdig);
			p += n - intdig;
		}
		return emit(small, (size_t) (p - small), buf, buflen);
	}
	t = place_point(neg, digits, (size_t) n, scale, &len);
	if (!t)
		return emit("", 0, buf, buflen);
	emit(t, len, buf, buflen);
	free(t);
	return len;
}

/*
 * Splits [+-]int[.frac] into its parts; false when malformed.  At least one
 * digit overall; a lone "." or "-" is malformed; "5." and ".5" are accepted.
 */
static bool
split_decimal(const char *s, size_t len, bool *neg, const char **intp, size_t *intlen,
			  const char **fracp, size_t *fraclen)
{
	size_t		i = 0;

	*neg = false;
	if (i < len && (s[i] == '-' || s[i] == '+'))
	{
		*neg = s[i] == '-';
		i++;
	}
	*intp = s + i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	*intlen = (size_t) (s + i - *intp);
	*fracp = s + i;
	*fraclen = 0;
	if (i < len && s[i] == '.')
	{
		i++;
		*fracp = s + i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		*fraclen = (size_t) (s + i - *fracp);
	}
	return i == len && *intlen + *fraclen > 0;
}

/* Parses a plain decimal into a 128-bit scaled integer. */
int
cf_i128_parse(const char *s, size_t len, cf_i128 *v, int *scale)
{
	bool		neg;
	const char *ip,
			   *fp;
	size_t		il,
				fl,
				i;
	cf_i128		acc = 0;

	if (!split_decimal(s, len, &neg, &ip, &il, &fp, &fl))
		return 1;
	if (fl > CF_DEC_MAX_SCALE)
		return 2;
	for (i = 0; i < il + fl; i++)
	{
		int			d = (i < il ? ip[i] : fp[i - il]) - '0';

		/* accumulate negatively so that the most negative value fits */
		if (__builtin_mul_overflow(acc, 10, &acc) || __builtin_sub_overflow(acc, d, &acc))
			return 2;
	}
	if (!neg)
	{
		if (acc == (cf_i128) ((unsigned __int128) 1 << 127))	/* -2^127 has no positive */
			return 2;
		acc = -acc;
	}
	*v = acc;
	*scale = (int) fl;
	return 0;
}

/* ---------- big decimals ---------- */

/* Drops most significant zero limbs; zero is never negative. */
static void
normalize(cf_bigdec *b)
{
	while (b->nlimbs > 0 && b->limbs[b->nlimbs - 1] == 0)
		b->nlimbs--;
	if (b->nlimbs == 0)
		b->neg = false;
}

/* Big decimal of a 128-bit scaled integer. */
bool
cf_bigdec_from_i128(cf_bigdec *b, cf_i128 v, int scale)
{
	unsigned __int128 m;
	int			n = 0;

	b->neg = v < 0;
	b->scale = scale;
	m = b->neg ? (unsigned __int128) 0 - (unsigned __int128) v : (unsigned __int128) v;
	b->limbs = malloc(sizeof(uint32_t) * 5);
	if (!b->limbs)
	{
		b->nlimbs = 0;
		return false;
	}
	while (m != 0)
	{
		b->limbs[n++] = (uint32_t) (m % LIMB_BASE);
		m /= LIMB_BASE;
	}
	b->nlimbs = n;
	normalize(b);
	return true;
}

/* Big decimal copied from raw parts. */
bool
cf_bigdec_from_parts(cf_bigdec *b, bool neg, int scale, const uint32_t *limbs, int nlimbs)
{
	b->neg = neg;
	b->scale = scale;
	b->nlimbs = nlimbs;
	b->limbs = malloc(sizeof(uint32_t) * (size_t) (nlimbs > 0 ? nlimbs : 1));
	if (!b->limbs)
	{
		b->nlimbs = 0;
		return false;
	}
	if (nlimbs > 0)
		memcpy(b->limbs, limbs, sizeof(uint32_t) * (size_t) nlimbs);
	normalize(b);
	return true;
}

/* Multiplies the magnitude in place by a small factor (< 1e9); returns the carry-out appended. */
static void
mul_small(uint32_t *limbs, int *nlimbs, uint32_t factor)
{
	uint64_t	carry = 0;
	int			i;

	for (i = 0; i < *nlimbs; i++)
	{
		uint64_t	t = (uint64_t) limbs[i] * factor + carry;

		limbs[i] = (uint32_t) (t % LIMB_BASE);
		carry = t / LIMB_BASE;
	}
	if (carry)
		limbs[(*nlimbs)++] = (uint32_t) carry;
}

/* Parses a plain decimal of any size. */
int
cf_bigdec_parse(cf_bigdec *b, const char *s, size_t len)
{
	bool		neg;
	const char *ip,
			   *fp;
	size_t		il,
				fl,
				i,
				ndig;
	int			n = 0;

	b->nlimbs = 0;
	b->limbs = NULL;
	b->neg = false;
	b->scale = 0;
	if (!split_decimal(s, len, &neg, &ip, &il, &fp, &fl))
		return 1;
	if (fl > CF_DEC_MAX_SCALE)
		return 2;
	ndig = il + fl;
	b->limbs = malloc(sizeof(uint32_t) * (ndig / 9 + 2));
	if (!b->limbs)
		return 3;
	/* limbs from the least significant digit up, nine digits at a time */
	i = ndig;
	while (i > 0)
	{
		size_t		start = i >= 9 ? i - 9 : 0,
					j;
		uint32_t	limb = 0;

		for (j = start; j < i; j++)
			limb = limb * 10 + (uint32_t) ((j < il ? ip[j] : fp[j - il]) - '0');
		b->limbs[n++] = limb;
		i = start;
	}
	b->nlimbs = n;
	b->neg = neg;
	b->scale = (int) fl;
	normalize(b);
	return 0;
}

/* Magnitude copy of b multiplied by 10^k into a fresh array of nlimbs (set in *n). */
static uint32_t *
scaled_magnitude(const cf_bigdec *b, int k, int *n)
{
	int			whole = k / 9,
				rest = k % 9,
				i;
	uint32_t   *m = calloc((size_t) (b->nlimbs + whole + 2), sizeof(uint32_t));
	static const uint32_t p10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

	if (!m)
		return NULL;
	for (i = 0; i < b->nlimbs; i++)
		m[i + whole] = b->limbs[i];
	*n = b->nlimbs > 0 ? b->nlimbs + whole : 0;
	if (rest && *n > 0)
		mul_small(m, n, p10[rest]);
	return m;
}

/* Compares magnitudes. */
static int
cmp_mag(const uint32_t *a, int na, const uint32_t *b, int nb)
{
	int			i;

	if (na != nb)
		return na < nb ? -1 : 1;
	for (i = na - 1; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* a + b at the larger scale. */
bool
cf_bigdec_add(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out)
{
	int			scale = a->scale > b->scale ? a->scale : b->scale;
	int			na,
				nb,
				n,
				i;
	uint32_t   *ma = scaled_magnitude(a, scale - a->scale, &na);
	uint32_t   *mb = scaled_magnitude(b, scale - b->scale, &nb);
	uint32_t   *r;

	out->limbs = NULL;
	out->nlimbs = 0;
	out->neg = false;
	out->scale = scale;
	n = (na > nb ? na : nb) + 1;
	r = calloc((size_t) n, sizeof(uint32_t));
	if (!ma || !mb || !r)
	{
		free(ma);
		free(mb);
		free(r);
		return false;
	}
	if (a->neg == b->neg)
	{
		uint64_t	carry = 0;

		for (i = 0; i < n; i++)
		{
			uint64_t	t = carry + (i < na ? ma[i] : 0) + (i < nb ? mb[i] : 0);

			r[i] = (uint32_t) (t % LIMB_BASE);
			carry = t / LIMB_BASE;
		}
		out->neg = a->neg;
	}
	else
	{
		/* subtract the smaller magnitude from the larger; the sign is the larger's */
		int			c = cmp_mag(ma, na, mb, nb);
		const uint32_t *big = c >= 0 ? ma : mb,
				   *small = c >= 0 ? mb : ma;
		int			nbig = c >= 0 ? na : nb,
					nsmall = c >= 0 ? nb : na;
		int64_t		borrow = 0;

		for (i = 0; i < nbig; i++)
		{
			int64_t		t = (int64_t) big[i] - borrow - (i < nsmall ? small[i] : 0);

			borrow = t < 0;
			r[i] = (uint32_t) (t < 0 ? t + LIMB_BASE : t);
		}
		out->neg = c >= 0 ? a->neg : b->neg;
	}
	free(ma);
	free(mb);
	out->limbs = r;
	out->nlimbs = n;
	normalize(out);
	return true;
}

/* Raises the scale (value unchanged); false if out of memory or newscale < scale. */
bool
cf_bigdec_rescale(cf_bigdec *b, int newscale)
{
	int			n;
	uint32_t   *m;

	if (newscale < b->scale)
		return false;
	if (newscale == b->scale)
		return true;
	m = scaled_magnitude(b, newscale - b->scale, &n);
	if (!m)
		return false;
	free(b->limbs);
	b->limbs = m;
	b->nlimbs = n;
	b->scale = newscale;
	normalize(b);
	return true;
}

/* Decimal text of a big decimal. */
size_t
cf_bigdec_format(const cf_bigdec *b, char *buf, size_t buflen)
{
	size_t		cap = (size_t) b->nlimbs * 9 + 1,
				ndig = 0,
				len;
	char	   *digits = malloc(cap + 1);
	char	   *t;
	int			i;

	if (!digits)
		return emit("", 0, buf, buflen);
	if (b->nlimbs == 0)
		digits[ndig++] = '0';
	else
	{
		/* most significant limb without padding, the others with nine digits */
		char		tmp[16];
		int			k = snprintf(tmp, sizeof tmp, "%u", b->limbs[b->nlimbs - 1]);

		memcpy(digits, tmp, (size_t) k);
		ndig = (size_t) k;
		for (i = b->nlimbs - 2; i >= 0; i--)
		{
			snprintf(tmp, sizeof tmp, "%09u", b->limbs[i]);
			memcpy(digits + ndig, tmp, 9);
			ndig += 9;
		}
	}
	t = place_point(b->neg, digits, ndig, b->scale, &len);
	free(digits);
	if (!t)
		return emit("", 0, buf, buflen);
	emit(t, len, buf, buflen);
	free(t);
	return len;
}

/* Rounded double value. */
double
cf_bigdec_to_double(const cf_bigdec *b)
{
	size_t		len = cf_bigdec_format(b, NULL, 0);
	char	   *t = malloc(len + 1);
	double		d;

	if (!t)
		return NAN;
	cf_bigdec_format(b, t, len + 1);
	d = strtod(t, NULL);
	free(t);
	return d;
}

/* Releases the limbs. */
void
cf_bigdec_free(cf_bigdec *b)
{
	free(b->limbs);
	b->limbs = NULL;
	b->nlimbs = 0;
	b->neg = false;
}
