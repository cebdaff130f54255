/*
 * decimal.c — exact decimal arithmetic for revenue sums (see decimal.h).
 */
#include "decimal.h"
#include "interrupt.h"

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
	return cf_bigdec_from_i128_with(b, v, scale, &cf_malloc_allocator);
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
cf_bigdec_parse_with(cf_bigdec *b, const char *s, size_t len, const cf_allocator *al)
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
	b->limbs = cf_alloc_array(al, ndig / 9 + 2, sizeof(uint32_t));
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

/* size zeroed limbs from al (at least one), or NULL. */
static uint32_t *
limbs_new(const cf_allocator *al, int n)
{
	uint32_t   *m = cf_alloc_array(al, (size_t) (n > 0 ? n : 1), sizeof(uint32_t));

	if (m)
		memset(m, 0, sizeof(uint32_t) * (size_t) (n > 0 ? n : 1));
	return m;
}

int
cf_bigdec_parse(cf_bigdec *b, const char *s, size_t len)
{
	return cf_bigdec_parse_with(b, s, len, &cf_malloc_allocator);
}

/* Magnitude copy of b multiplied by 10^k into a fresh array of nlimbs (set in *n). */
static uint32_t *
scaled_magnitude(const cf_bigdec *b, int k, int *n, const cf_allocator *al)
{
	int			whole = k / 9,
				rest = k % 9,
				i;
	uint32_t   *m = limbs_new(al, b->nlimbs + whole + 2);
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
static bool
add_with(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out, const cf_allocator *al)
{
	int			scale = a->scale > b->scale ? a->scale : b->scale;
	int			na,
				nb,
				n,
				i;
	uint32_t   *ma = scaled_magnitude(a, scale - a->scale, &na, al);
	uint32_t   *mb = scaled_magnitude(b, scale - b->scale, &nb, al);
	uint32_t   *r;

	out->limbs = NULL;
	out->nlimbs = 0;
	out->neg = false;
	out->scale = scale;
	n = (na > nb ? na : nb) + 1;
	r = limbs_new(al, n);
	if (!ma || !mb || !r)
	{
		cf_free(al, ma);
		cf_free(al, mb);
		cf_free(al, r);
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
	cf_free(al, ma);
	cf_free(al, mb);
	out->limbs = r;
	out->nlimbs = n;
	normalize(out);
	return true;
}

bool
cf_bigdec_add(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out)
{
	return add_with(a, b, out, &cf_malloc_allocator);
}

/* Raises the scale (value unchanged); false if out of memory or newscale < scale. */
static bool
rescale_with(cf_bigdec *b, int newscale, const cf_allocator *al)
{
	int			n;
	uint32_t   *m;

	if (newscale < b->scale)
		return false;
	if (newscale == b->scale)
		return true;
	m = scaled_magnitude(b, newscale - b->scale, &n, al);
	if (!m)
		return false;
	cf_free(al, b->limbs);
	b->limbs = m;
	b->nlimbs = n;
	b->scale = newscale;
	normalize(b);
	return true;
}

bool
cf_bigdec_rescale(cf_bigdec *b, int newscale)
{
	return rescale_with(b, newscale, &cf_malloc_allocator);
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

/* ---------- numeric's arithmetic with an allocator ---------- */

static const uint32_t pow10_u32[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

void
cf_bigdec_release(cf_bigdec *b, const cf_allocator *al)
{
	cf_free(al, b->limbs);
	b->limbs = NULL;
	b->nlimbs = 0;
	b->neg = false;
	b->scale = 0;
}

/* Sets *b to a fresh magnitude of n zeroed limbs; false if al fails. */
static bool
fresh(cf_bigdec *b, int n, const cf_allocator *al)
{
	b->limbs = limbs_new(al, n);
	b->nlimbs = b->limbs ? n : 0;
	b->neg = false;
	b->scale = 0;
	return b->limbs != NULL;
}

bool
cf_bigdec_from_i128_with(cf_bigdec *b, cf_i128 v, int scale, const cf_allocator *al)
{
	unsigned __int128 m = v < 0 ? (unsigned __int128) 0 - (unsigned __int128) v : (unsigned __int128) v;
	int			n = 0;

	if (!fresh(b, 5, al))		/* 2^127 < 1e45: five limbs of nine digits */
		return false;
	while (m != 0)
	{
		b->limbs[n++] = (uint32_t) (m % LIMB_BASE);
		m /= LIMB_BASE;
	}
	b->nlimbs = n;
	b->neg = v < 0;
	b->scale = scale;
	return true;
}

bool
cf_bigdec_from_int(cf_bigdec *b, int64_t v, const cf_allocator *al)
{
	return cf_bigdec_from_i128_with(b, v, 0, al);
}

bool
cf_bigdec_copy(const cf_bigdec *a, cf_bigdec *out, const cf_allocator *al)
{
	if (!fresh(out, a->nlimbs, al))
		return false;
	if (a->nlimbs > 0)
		memcpy(out->limbs, a->limbs, sizeof(uint32_t) * (size_t) a->nlimbs);
	out->neg = a->neg;
	out->scale = a->scale;
	return true;
}

bool
cf_bigdec_sum(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out, const cf_allocator *al)
{
	return add_with(a, b, out, al);
}

bool
cf_bigdec_mul(const cf_bigdec *a, const cf_bigdec *b, cf_bigdec *out, const cf_allocator *al)
{
	int			i,
				j;

	if (!fresh(out, a->nlimbs + b->nlimbs, al))
		return false;
	for (i = 0; i < a->nlimbs; i++)
	{
		uint64_t	ai = a->limbs[i],
					carry = 0;
		uint32_t   *r = out->limbs + i;

		if (ai == 0)
			continue;
		/* each step stays below (1e9 - 1)^2 + 2e9 < 2^64 */
		for (j = 0; j < b->nlimbs; j++)
		{
			uint64_t	t = r[j] + ai * b->limbs[j] + carry;

			r[j] = (uint32_t) (t % LIMB_BASE);
			carry = t / LIMB_BASE;
		}
		for (j = b->nlimbs; carry != 0; j++)
		{
			uint64_t	t = r[j] + carry;

			r[j] = (uint32_t) (t % LIMB_BASE);
			carry = t / LIMB_BASE;
		}
	}
	out->neg = a->neg != b->neg;
	out->scale = a->scale + b->scale;
	normalize(out);
	return true;
}

/* The decimal digit of the magnitude at position pos (0: the last one). */
static int
digit_at(const cf_bigdec *b, int pos)
{
	if (pos / 9 >= b->nlimbs)
		return 0;
	return (int) (b->limbs[pos / 9] / pow10_u32[pos % 9] % 10);
}

/* The magnitude divided by 10^k, rounded toward zero, in place. */
static void
drop_digits(cf_bigdec *b, int k)
{
	int			whole = k / 9,
				i;
	uint64_t	rem = 0,
				p = pow10_u32[k % 9];

	if (whole >= b->nlimbs)
	{
		b->nlimbs = 0;
		normalize(b);
		return;
	}
	if (whole > 0)
	{
		memmove(b->limbs, b->limbs + whole, sizeof(uint32_t) * (size_t) (b->nlimbs - whole));
		b->nlimbs -= whole;
	}
	for (i = b->nlimbs - 1; i >= 0 && p > 1; i--)
	{
		uint64_t	cur = rem * LIMB_BASE + b->limbs[i];

		b->limbs[i] = (uint32_t) (cur / p);
		rem = cur % p;
	}
	normalize(b);
}

/* Adds 1 to the magnitude (a fresh array when it grows a limb). */
static bool
increment(cf_bigdec *b, const cf_allocator *al)
{
	int			i;

	for (i = 0; i < b->nlimbs; i++)
	{
		if (++b->limbs[i] < LIMB_BASE)
			return true;
		b->limbs[i] = 0;
	}
	{
		uint32_t   *m = limbs_new(al, b->nlimbs + 1);

		if (!m)
			return false;
		if (b->nlimbs > 0)
			memcpy(m, b->limbs, sizeof(uint32_t) * (size_t) b->nlimbs);
		m[b->nlimbs] = 1;
		cf_free(al, b->limbs);
		b->limbs = m;
		b->nlimbs++;
	}
	return true;
}

bool
cf_bigdec_round(cf_bigdec *b, int scale, const cf_allocator *al)
{
	int			k,
				first;
	bool		neg = b->neg;

	if (scale >= b->scale)
		return rescale_with(b, scale, al);
	k = b->scale - scale;
	first = digit_at(b, k - 1);	/* the first digit dropped decides, as numeric's round_var */
	drop_digits(b, k);
	b->scale = scale;
	if (first >= 5)
	{
		if (!increment(b, al))
			return false;
		b->neg = neg;
	}
	return true;
}

void
cf_bigdec_trim(cf_bigdec *b)
{
	int			zeros = 0,
				i = 0;

	if (b->nlimbs == 0)
	{
		b->scale = 0;
		return;
	}
	while (b->limbs[i] == 0)
	{
		zeros += 9;
		i++;
	}
	for (uint32_t v = b->limbs[i]; v % 10 == 0; v /= 10)
		zeros++;
	if (zeros > b->scale)
		zeros = b->scale;
	drop_digits(b, zeros);
	b->scale -= zeros;
}

/* Decimal digits of the magnitude (0 for zero). */
static int
mag_digits(const cf_bigdec *b)
{
	int			d = 0;
	uint32_t	top;

	if (b->nlimbs == 0)
		return 0;
	for (top = b->limbs[b->nlimbs - 1]; top != 0; top /= 10)
		d++;
	return 9 * (b->nlimbs - 1) + d;
}

int
cf_bigdec_int_digits(const cf_bigdec *b)
{
	int			d = mag_digits(b) - b->scale;

	return d > 0 ? d : 0;
}

int
cf_bigdec_exponent(const cf_bigdec *b)
{
	return mag_digits(b) - 1 - b->scale;
}

int
cf_bigdec_cmp(const cf_bigdec *a, const cf_bigdec *b, int *sign)
{
	cf_bigdec	nb = *b,
				d;

	/* the sign of a - b; an exact comparison without aligning scales by hand */
	nb.neg = b->nlimbs > 0 && !b->neg;
	if (!add_with(a, &nb, &d, &cf_malloc_allocator))
		return CF_ENOMEM;		/* not "equal": a caller must not act on a guess */
	*sign = d.nlimbs == 0 ? 0 : d.neg ? -1 : 1;
	cf_bigdec_free(&d);
	return CF_OK;
}

/* r -= m for magnitudes with r >= m; r keeps its array. */
static void
sub_mag(uint32_t *r, int *nr, const uint32_t *m, int nm)
{
	int64_t		borrow = 0;
	int			i;

	for (i = 0; i < *nr; i++)
	{
		int64_t		t = (int64_t) r[i] - borrow - (i < nm ? m[i] : 0);

		borrow = t < 0;
		r[i] = (uint32_t) (t < 0 ? t + LIMB_BASE : t);
	}
	while (*nr > 0 && r[*nr - 1] == 0)
		(*nr)--;
}

/*
 * floor(10^k / m) as decimal digits for a divisor of three limbs or more:
 * long division one decimal digit at a time, the remainder a big magnitude
 * (cap limbs).  Returns the digit count written to q (most significant
 * first), the remainder in r.
 */
static int
div_pow10_big(int k, const cf_bigdec *m, char *q, uint32_t *r, int *nr)
{
	int			lm = mag_digits(m),
				start = k + 1 < lm ? k + 1 : lm - 1,	/* the first digits of 10^k stay below m */
				nq = 0,
				i;

	/* r = the first start digits of 10^k (1 followed by start - 1 zeros) */
	*nr = 0;
	if (start > 0)
	{
		r[(start - 1) / 9] = pow10_u32[(start - 1) % 9];
		*nr = (start - 1) / 9 + 1;
	}
	for (i = start; i <= k; i++)
	{
		int			digit = 0;

		if ((i & 63) == 0)
			cf_check_interrupts();
		/* r = r * 10 (the dividend's next digit is 0 after the leading 1) */
		if (*nr > 0)
			mul_small(r, nr, 10);
		else if (i == 0)
			r[(*nr)++] = 1;
		while (cmp_mag(r, *nr, m->limbs, m->nlimbs) >= 0)
		{
			sub_mag(r, nr, m->limbs, m->nlimbs);
			digit++;
		}
		q[nq++] = (char) ('0' + digit);
	}
	return nq;
}

bool
cf_bigdec_reciprocal(const cf_bigdec *y, int scale, cf_bigdec *out, const cf_allocator *al)
{
	int			k = y->scale + scale;	/* 1 / y = 10^(y.scale) / m; at scale: 10^k / m */
	bool		up;

	out->limbs = NULL;
	out->nlimbs = 0;
	if (y->nlimbs <= 2)
	{
		/* m < 10^18: limb by limb, the remainder in 128 bits */
		uint64_t	m = y->limbs[0] + (y->nlimbs > 1 ? (uint64_t) y->limbs[1] * LIMB_BASE : 0);
		unsigned __int128 rem = 0;
		int			top = k / 9,
					i;

		if (!fresh(out, top + 1, al))
			return false;
		for (i = top; i >= 0; i--)
		{
			unsigned __int128 cur = rem * LIMB_BASE + (i == top ? pow10_u32[k % 9] : 0);

			out->limbs[i] = (uint32_t) (cur / m);
			rem = cur % m;
		}
		up = 2 * rem >= m;
	}
	else
	{
		cf_bigdec	t;
		int			nr,
					nq;
		char	   *q = cf_alloc_array(al, (size_t) k + 2, 1);
		uint32_t   *r = limbs_new(al, y->nlimbs + 2);

		if (!q || !r)
		{
			cf_free(al, q);
			cf_free(al, r);
			return false;
		}
		nq = div_pow10_big(k, y, q, r, &nr);
		/* round half away from zero: up when 2 r >= m */
		mul_small(r, &nr, 2);
		up = cmp_mag(r, nr, y->limbs, y->nlimbs) >= 0;
		cf_free(al, r);
		if (nq == 0)
			q[nq++] = '0';
		if (cf_bigdec_parse_with(&t, q, (size_t) nq, al) != 0)
		{
			cf_free(al, q);
			return false;
		}
		cf_free(al, q);
		*out = t;
	}
	out->scale = scale;
	out->neg = false;
	normalize(out);
	return !up || increment(out, al);
}

/*
 * The sign of b - k without allocating: the integer part of |b| (limbs from
 * index scale / 9 up, divided by 10^(scale % 9)) against |k|, a fraction left
 * over breaking a tie.
 */
int
cf_bigdec_cmp_int(const cf_bigdec *b, int64_t k)
{
	int			bs = b->nlimbs == 0 ? 0 : b->neg ? -1 : 1,
				ks = k > 0 ? 1 : k < 0 ? -1 : 0,
				whole = b->scale / 9,
				mag_cmp,
				i;
	uint64_t	kmag = k < 0 ? 0 - (uint64_t) k : (uint64_t) k,
				p10 = pow10_u32[b->scale % 9];
	unsigned __int128 acc = 0,
				limit = ((unsigned __int128) UINT64_MAX + 1) * p10;
	bool		frac = false,
				big = false;

	if (bs != ks)
		return bs < ks ? -1 : 1;
	if (bs == 0)
		return 0;
	for (i = 0; i < whole && i < b->nlimbs; i++)
		frac |= b->limbs[i] != 0;
	for (i = b->nlimbs - 1; i >= whole && !big; i--)
	{
		acc = acc * LIMB_BASE + b->limbs[i];	/* acc < 2^91 before: no overflow */
		big = acc >= limit;		/* the integer part is 2^64 or more */
	}
	if (big)
		mag_cmp = 1;
	else
	{
		uint64_t	ip = (uint64_t) (acc / p10);

		frac |= acc % p10 != 0;
		mag_cmp = ip > kmag ? 1 : ip < kmag ? -1 : frac ? 1 : 0;
	}
	return bs > 0 ? mag_cmp : -mag_cmp;
}
