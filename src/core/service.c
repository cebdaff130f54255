/*
 * service.c — service-quality measures: service levels, response-time
 * sketches, importance-performance analysis and complaint counts.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "service.h"

typedef __int128 cf_i128;
typedef unsigned __int128 cf_u128;

/* ---------- text helpers ---------- */

/* snprintf that appends at *len and keeps counting past the end of the buffer. */
#define APPEND(buf, buflen, len, ...) \
	((len) += (size_t) snprintf((len) < (buflen) ? (buf) + (len) : NULL, \
								(len) < (buflen) ? (buflen) - (len) : 0, __VA_ARGS__))

/* Consumes the literal word (after spaces) or returns false. */
static bool
expect(const char **p, const char *word)
{
	size_t		n = strlen(word);

	while (**p == ' ')
		(*p)++;
	if (strncmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Reads a non-negative decimal integer below 2^63. */
static bool
parse_count(const char **p, int64_t *v)
{
	char	   *end;
	long long	x;

	if (!isdigit((unsigned char) **p))
		return false;
	errno = 0;
	x = strtoll(*p, &end, 10);
	if (end == *p || errno == ERANGE)
		return false;
	*p = end;
	*v = x;
	return true;
}

/* Reads a finite double (decimal, as cf_format_double writes it). */
static bool
parse_double(const char **p, double *v)
{
	char	   *end;
	double		x;

	if (!(isdigit((unsigned char) **p) || **p == '-' || **p == '+' || **p == '.'))
		return false;
	x = strtod(*p, &end);
	if (end == *p || !isfinite(x))
		return false;
	*p = end;
	*v = x;
	return true;
}

/* True when only spaces remain. */
static bool
at_end(const char *p)
{
	while (*p == ' ')
		p++;
	return *p == '\0';
}

size_t
cf_format_double(double x, char *buf, size_t buflen)
{
	char		tmp[400];
	int			prec;

	for (prec = 1; prec < 17; prec++)
	{
		snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
	/* Plain notation for moderate magnitudes: 20, not 2e+01. */
	if (strchr(tmp, 'e') && fabs(x) >= 1e-4 && fabs(x) < 1e15)
	{
		int			decimals = prec - 1 - (int) floor(log10(fabs(x)));

		snprintf(tmp, sizeof(tmp), "%.*f", decimals > 0 ? decimals : 0, x);
	}
	return (size_t) snprintf(buf, buflen, "%s", tmp);
}

/* Appends the shortest exact text of a double. */
static void
append_double(char *buf, size_t buflen, size_t *len, double x)
{
	char		tmp[40];

	cf_format_double(x, tmp, sizeof(tmp));
	APPEND(buf, buflen, *len, "%s", tmp);
}

/* ---------- exact sums ---------- */

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

/* ---------- service levels ---------- */

const char *const cf_service_level_names[CF_SERVICE_LEVELS] = {"low", "standard", "wow"};

const char *
cf_tolerance_problem(double tolerance)
{
	if (isnan(tolerance) || isinf(tolerance))
		return "the tolerance must be a finite number";
	if (tolerance < 0)
		return "the tolerance must not be negative";
	return NULL;
}

cf_service_level
cf_service_level_of(double expected, double perceived, double tolerance)
{
	if (perceived < expected - tolerance)
		return CF_SERVICE_LEVEL_LOW;
	if (perceived > expected + tolerance)
		return CF_SERVICE_LEVEL_WOW;
	return CF_SERVICE_LEVEL_STANDARD;
}

void
cf_service_level_init(cf_service_level_counts *s, double tolerance)
{
	s->version = CF_SERVICE_LEVEL_FORMAT_VERSION;
	s->reserved = 0;
	s->tolerance = tolerance;
	memset(s->counts, 0, sizeof(s->counts));
}

int64_t
cf_service_level_total(const cf_service_level_counts *s)
{
	/* Cannot overflow: every way of building a state checks the total. */
	return s->counts[0] + s->counts[1] + s->counts[2];
}

bool
cf_service_level_merge(cf_service_level_counts *dst, const cf_service_level_counts *src)
{
	int64_t		sum[CF_SERVICE_LEVELS],
				total;
	int			i;

	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		if (__builtin_add_overflow(dst->counts[i], src->counts[i], &sum[i]))
			return false;
	if (__builtin_add_overflow(sum[0], sum[1], &total) || __builtin_add_overflow(total, sum[2], &total))
		return false;
	memcpy(dst->counts, sum, sizeof(sum));
	return true;
}

size_t
cf_service_level_format(const cf_service_level_counts *s, char *buf, size_t buflen)
{
	size_t		len = 0;

	APPEND(buf, buflen, len, "v%d tolerance=", CF_SERVICE_LEVEL_FORMAT_VERSION);
	append_double(buf, buflen, &len, s->tolerance);
	APPEND(buf, buflen, len, " low=%lld standard=%lld wow=%lld",
		   (long long) s->counts[0], (long long) s->counts[1], (long long) s->counts[2]);
	return len;
}

const char *
cf_service_level_problem(const cf_service_level_counts *s)
{
	const char *problem;
	int64_t		total;
	int			i;

	if (s->version != CF_SERVICE_LEVEL_FORMAT_VERSION)
		return "unknown format version";
	if ((problem = cf_tolerance_problem(s->tolerance)) != NULL)
		return problem;
	for (i = 0; i < CF_SERVICE_LEVELS; i++)
		if (s->counts[i] < 0)
			return "counts must not be negative";
	if (__builtin_add_overflow(s->counts[0], s->counts[1], &total) ||
		__builtin_add_overflow(total, s->counts[2], &total))
		return "the total count must be below 2^63";
	return NULL;
}

const char *
cf_service_level_parse(const char *text, cf_service_level_counts *out)
{
	const char *p = text;
	double		tolerance;

	if (!expect(&p, "v1"))
		return "expected the format version \"v1\" at the start";
	if (!expect(&p, "tolerance=") || !parse_double(&p, &tolerance))
		return "expected \"tolerance=<number>\"";
	cf_service_level_init(out, tolerance);
	if (!expect(&p, "low=") || !parse_count(&p, &out->counts[0]) ||
		!expect(&p, "standard=") || !parse_count(&p, &out->counts[1]) ||
		!expect(&p, "wow=") || !parse_count(&p, &out->counts[2]))
		return "expected \"low=<count> standard=<count> wow=<count>\" with counts below 2^63";
	if (!at_end(p))
		return "unexpected text after the last count";
	return cf_service_level_problem(out);
}

/* ---------- response times ---------- */

static double
response_time_gamma(void)
{
	return (1 + CF_RESPONSE_TIME_ACCURACY) / (1 - CF_RESPONSE_TIME_ACCURACY);
}

static double
response_time_log_gamma(void)
{
	static double lg = 0;

	if (lg == 0)
		lg = log(response_time_gamma());
	return lg;
}

int32_t
cf_response_time_key(double seconds)
{
	if (seconds < CF_RESPONSE_TIME_MIN_INDEXED)
		seconds = CF_RESPONSE_TIME_MIN_INDEXED;
	return (int32_t) ceil(log(seconds) / response_time_log_gamma());
}

/* The representative of bucket k: within a relative CF_RESPONSE_TIME_ACCURACY of its times. */
static double
response_time_bucket_value(int32_t key)
{
	return 2.0 * exp(key * response_time_log_gamma()) / (response_time_gamma() + 1.0);
}

const char *
cf_response_time_target_problem(double target)
{
	if (isnan(target) || isinf(target))
		return "the target must be a finite number";
	if (target < 0)
		return "the target must not be negative";
	if (target > CF_RESPONSE_TIME_MAX_SECONDS)
		return "the target must be at most 1e12 seconds";
	return NULL;
}

bool
cf_response_time_time_ok(double seconds)
{
	return seconds >= 0 && seconds <= CF_RESPONSE_TIME_MAX_SECONDS;	/* false for NaN */
}

size_t
cf_response_time_size(int nbuckets)
{
	return offsetof(cf_response_time_sketch, data) + (size_t) nbuckets * (sizeof(int64_t) + sizeof(int32_t));
}

void
cf_response_time_init(cf_response_time_sketch *s, double target)
{
	s->version = CF_RESPONSE_TIME_FORMAT_VERSION;
	s->reserved = 0;
	s->nbuckets = 0;
	s->reserved2 = 0;
	s->target = target;
	s->responses = 0;
	s->compliant = 0;
	s->zeros = 0;
	s->min = 0;
	s->max = 0;
	s->sum = cf_fix_from_double(0);
}

/* Index of key, or -(insertion point) - 1. */
static int
response_time_find(cf_response_time_sketch *s, int32_t key)
{
	int32_t    *keys = cf_response_time_keys(s);
	int			lo = 0,
				hi = s->nbuckets;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (keys[mid] < key)
			lo = mid + 1;
		else if (keys[mid] > key)
			hi = mid;
		else
			return mid;
	}
	return -lo - 1;
}

int
cf_response_time_add(cf_response_time_sketch *s, double seconds, int32_t *key)
{
	cf_fixsum	sum = s->sum;
	int			pos = -1;

	if (seconds > 0)
	{
		*key = cf_response_time_key(seconds);
		pos = response_time_find(s, *key);
		if (pos < 0)
			return 1;
		if (cf_response_time_counts(s)[pos] == INT64_MAX)
			return -1;
	}
	if (s->responses == INT64_MAX || !cf_fix_add(&sum, cf_fix_from_double(seconds)))
		return -1;
	if (pos >= 0)
		cf_response_time_counts(s)[pos]++;
	else
		s->zeros++;
	if (s->responses == 0 || seconds < s->min)
		s->min = seconds;
	if (s->responses == 0 || seconds > s->max)
		s->max = seconds;
	s->responses++;
	if (seconds <= s->target)
		s->compliant++;
	s->sum = sum;
	return 0;
}

/* Copies the header fields after the varlena word. */
static void
response_time_copy_header(cf_response_time_sketch *dst, const cf_response_time_sketch *src)
{
	memcpy((char *) dst + sizeof(int32_t), (const char *) src + sizeof(int32_t),
		   offsetof(cf_response_time_sketch, data) - sizeof(int32_t));
}

void
cf_response_time_copy_with_key(cf_response_time_sketch *dst, const cf_response_time_sketch *src, int32_t key)
{
	cf_response_time_sketch *s = (cf_response_time_sketch *) src;
	int			n = src->nbuckets,
				i,
				j = 0;
	int64_t    *sc = cf_response_time_counts(s);
	int32_t    *sk = cf_response_time_keys(s);
	int64_t    *dc;
	int32_t    *dk;
	bool		placed = false;

	response_time_copy_header(dst, src);
	dst->nbuckets = n + 1;
	dc = cf_response_time_counts(dst);
	dk = cf_response_time_keys(dst);
	for (i = 0; i < n; i++)
	{
		if (!placed && key < sk[i])
		{
			dk[j] = key;
			dc[j++] = 0;
			placed = true;
		}
		dk[j] = sk[i];
		dc[j++] = sc[i];
	}
	if (!placed)
	{
		dk[j] = key;
		dc[j] = 0;
	}
}

int
cf_response_time_merged_buckets(const cf_response_time_sketch *a, const cf_response_time_sketch *b)
{
	int32_t    *ka = cf_response_time_keys((cf_response_time_sketch *) a);
	int32_t    *kb = cf_response_time_keys((cf_response_time_sketch *) b);
	int			i = 0,
				j = 0,
				n = 0;

	while (i < a->nbuckets || j < b->nbuckets)
	{
		if (j >= b->nbuckets || (i < a->nbuckets && ka[i] < kb[j]))
			i++;
		else if (i >= a->nbuckets || kb[j] < ka[i])
			j++;
		else
		{
			i++;
			j++;
		}
		n++;
	}
	return n;
}

bool
cf_response_time_merge(cf_response_time_sketch *dst, const cf_response_time_sketch *a, const cf_response_time_sketch *b)
{
	cf_response_time_sketch *sa = (cf_response_time_sketch *) a,
			   *sb = (cf_response_time_sketch *) b;
	int64_t    *ca = cf_response_time_counts(sa),
			   *cb = cf_response_time_counts(sb),
			   *dc;
	int32_t    *ka = cf_response_time_keys(sa),
			   *kb = cf_response_time_keys(sb),
			   *dk;
	int			i = 0,
				j = 0,
				n = 0;

	response_time_copy_header(dst, a);
	dst->nbuckets = cf_response_time_merged_buckets(a, b);
	dc = cf_response_time_counts(dst);
	dk = cf_response_time_keys(dst);
	if (__builtin_add_overflow(a->responses, b->responses, &dst->responses) ||
		__builtin_add_overflow(a->compliant, b->compliant, &dst->compliant) ||
		__builtin_add_overflow(a->zeros, b->zeros, &dst->zeros) ||
		!cf_fix_add(&dst->sum, b->sum))
		return false;
	if (a->responses == 0 || (b->responses > 0 && b->min < a->min))
		dst->min = b->min;
	if (a->responses == 0 || (b->responses > 0 && b->max > a->max))
		dst->max = b->max;
	while (i < a->nbuckets || j < b->nbuckets)
	{
		if (j >= b->nbuckets || (i < a->nbuckets && ka[i] < kb[j]))
		{
			dk[n] = ka[i];
			dc[n] = ca[i++];
		}
		else if (i >= a->nbuckets || kb[j] < ka[i])
		{
			dk[n] = kb[j];
			dc[n] = cb[j++];
		}
		else
		{
			dk[n] = ka[i];
			if (__builtin_add_overflow(ca[i], cb[j], &dc[n]))
				return false;
			i++;
			j++;
		}
		n++;
	}
	return true;
}

double
cf_response_time_mean(const cf_response_time_sketch *s)
{
	return cf_fix_to_double(s->sum) / (double) s->responses;
}

/* Estimate of the order statistic of 0-based rank j. */
static double
response_time_order_statistic(const cf_response_time_sketch *s, int64_t j)
{
	cf_response_time_sketch *ss = (cf_response_time_sketch *) s;
	int64_t    *counts = cf_response_time_counts(ss);
	int32_t    *keys = cf_response_time_keys(ss);
	int64_t		seen = s->zeros;
	int			i;

	if (j <= 0)
		return s->min;
	if (j >= s->responses - 1)
		return s->max;
	if (j < seen)
		return 0.0;
	for (i = 0; i < s->nbuckets; i++)
	{
		seen += counts[i];
		if (j < seen)
		{
			double		v = response_time_bucket_value(keys[i]);

			return v < s->min ? s->min : (v > s->max ? s->max : v);
		}
	}
	return s->max;				/* not reached for a sound sketch */
}

double
cf_response_time_quantile(const cf_response_time_sketch *s, double p)
{
	double		rank = p * (double) (s->responses - 1);
	double		lo = floor(rank),
				hi = ceil(rank);
	double		first = response_time_order_statistic(s, (int64_t) lo);

	double		v;

	if (hi <= lo)
		return first;
	v = first + (rank - lo) * (response_time_order_statistic(s, (int64_t) hi) - first);
	return v < s->min ? s->min : (v > s->max ? s->max : v);	/* rounding */
}

size_t
cf_response_time_format(const cf_response_time_sketch *s, char *buf, size_t buflen)
{
	cf_response_time_sketch *ss = (cf_response_time_sketch *) s;
	int64_t    *counts = cf_response_time_counts(ss);
	int32_t    *keys = cf_response_time_keys(ss);
	size_t		len = 0;
	char		tmp[80];
	int			i;

	APPEND(buf, buflen, len, "v%d target=", CF_RESPONSE_TIME_FORMAT_VERSION);
	append_double(buf, buflen, &len, s->target);
	APPEND(buf, buflen, len, " accuracy=");
	append_double(buf, buflen, &len, CF_RESPONSE_TIME_ACCURACY);
	APPEND(buf, buflen, len, " responses=%lld compliant=%lld min=",
		   (long long) s->responses, (long long) s->compliant);
	append_double(buf, buflen, &len, s->min);
	APPEND(buf, buflen, len, " max=");
	append_double(buf, buflen, &len, s->max);
	cf_fix_format(s->sum, tmp, sizeof(tmp));
	APPEND(buf, buflen, len, " sum=%s zeros=%lld buckets=", tmp, (long long) s->zeros);
	for (i = 0; i < s->nbuckets; i++)
		APPEND(buf, buflen, len, i ? ",%d:%lld" : "%d:%lld", keys[i], (long long) counts[i]);
	return len;
}

/* Consistency of a complete sketch (header and buckets). */
static const char *
response_time_check(const cf_response_time_sketch *s)
{
	cf_response_time_sketch *ss = (cf_response_time_sketch *) s;
	int64_t    *counts = cf_response_time_counts(ss);
	int32_t    *keys = cf_response_time_keys(ss);
	int32_t		lowest = cf_response_time_key(CF_RESPONSE_TIME_MIN_INDEXED),
				highest = cf_response_time_key(CF_RESPONSE_TIME_MAX_SECONDS);
	int64_t		total = s->zeros;
	double		sum = cf_fix_to_double(s->sum);
	const char *problem;
	int			i;

	if (s->version != CF_RESPONSE_TIME_FORMAT_VERSION)
		return "unknown format version";
	if ((problem = cf_response_time_target_problem(s->target)) != NULL)
		return problem;
	if (s->responses < 0 || s->compliant < 0 || s->zeros < 0 || s->compliant > s->responses)
		return "counts must not be negative and compliant responses at most all responses";
	if (s->nbuckets < 0 || s->nbuckets > highest - lowest + 1)
		return "too many buckets";
	for (i = 0; i < s->nbuckets; i++)
	{
		if (keys[i] < lowest || keys[i] > highest || (i > 0 && keys[i] <= keys[i - 1]))
			return "bucket keys must be ascending and within the range of times";
		if (counts[i] <= 0 || __builtin_add_overflow(total, counts[i], &total))
			return "bucket counts must be positive with a total below 2^63";
	}
	if (total != s->responses)
		return "the bucket counts and zeros do not add up to the responses";
	if (!(isfinite(s->min) && isfinite(s->max) && s->min >= 0 && s->min <= s->max &&
		  s->max <= CF_RESPONSE_TIME_MAX_SECONDS))
		return "min and max must satisfy 0 <= min <= max <= 1e12";
	if (s->responses == 0)
	{
		if (s->min != 0 || s->max != 0 || sum != 0)
			return "a sketch without responses must have min, max and sum 0";
		return NULL;
	}
	/* min and max must be times the counts say were there. */
	if ((s->zeros > 0) != (s->min == 0) || (s->zeros == s->responses) != (s->max == 0) ||
		(s->responses == 1 && s->min != s->max))
		return "min and max do not agree with the zeros and the number of responses";
	/* (Within one key: another machine's log() may round a boundary time the other way.) */
	if (s->nbuckets > 0 &&
		((s->zeros == 0 && abs(keys[0] - cf_response_time_key(s->min)) > 1) ||
		 abs(keys[s->nbuckets - 1] - cf_response_time_key(s->max)) > 1))
		return "min and max do not lie in the lowest and highest buckets";
	if ((s->max <= s->target && s->compliant != s->responses) || (s->min > s->target && s->compliant != 0))
		return "the compliant count does not agree with min, max and the target";
	/*
	 * Each time enters the sum rounded to 2^-32 s, so the slack grows with the
	 * responses: a bound that holds for two states then holds for their merge.
	 */
	if (!(sum >= s->min * (double) s->responses * (1 - 1e-9) - 2.4e-10 * (double) s->responses &&
		  sum <= s->max * (double) s->responses * (1 + 1e-9) + 2.4e-10 * (double) s->responses))
		return "the sum must lie between responses times min and responses times max";
	return NULL;
}

const char *
cf_response_time_parse(const char *text, cf_response_time_sketch *out, int *nbuckets)
{
	const char *p = text;
	cf_response_time_sketch h;
	double		accuracy;
	int			n = 0;

	memset(&h, 0, sizeof(h));
	h.version = CF_RESPONSE_TIME_FORMAT_VERSION;
	if (!expect(&p, "v1"))
		return "expected the format version \"v1\" at the start";
	if (!expect(&p, "target=") || !parse_double(&p, &h.target))
		return "expected \"target=<seconds>\"";
	if (!expect(&p, "accuracy=") || !parse_double(&p, &accuracy) || accuracy != CF_RESPONSE_TIME_ACCURACY)
		return "expected \"accuracy=0.01\"";
	if (!expect(&p, "responses=") || !parse_count(&p, &h.responses) ||
		!expect(&p, "compliant=") || !parse_count(&p, &h.compliant))
		return "expected \"responses=<count> compliant=<count>\"";
	if (!expect(&p, "min=") || !parse_double(&p, &h.min) ||
		!expect(&p, "max=") || !parse_double(&p, &h.max))
		return "expected \"min=<seconds> max=<seconds>\"";
	if (!expect(&p, "sum=") || !cf_fix_parse(&p, &h.sum))
		return "expected \"sum=<seconds>\"";
	if (!expect(&p, "zeros=") || !parse_count(&p, &h.zeros))
		return "expected \"zeros=<count>\"";
	if (!expect(&p, "buckets="))
		return "expected \"buckets=\" followed by key:count pairs";
	if (out)
	{
		response_time_copy_header(out, &h);
		out->nbuckets = *nbuckets;
	}
	while (*p != '\0' && *p != ' ')
	{
		char	   *end;
		long		key;
		int64_t		count;

		if (n > 0 && *p++ != ',')
			return "expected key:count pairs separated by commas";
		errno = 0;
		key = strtol(p, &end, 10);
		if (end == p || errno == ERANGE || key < INT32_MIN || key > INT32_MAX || *end != ':')
			return "expected key:count pairs separated by commas";
		p = end + 1;
		if (!parse_count(&p, &count))
			return "bucket counts must be non-negative integers below 2^63";
		if (out)
		{
			if (n >= *nbuckets)
				return "the number of buckets changed between passes";
			cf_response_time_keys(out)[n] = (int32_t) key;
			cf_response_time_counts(out)[n] = count;
		}
		n++;
		if (n > 100000)
			return "too many buckets";
	}
	if (!at_end(p))
		return "unexpected text after the last bucket";
	if (!out)
	{
		*nbuckets = n;
		return NULL;
	}
	return response_time_check(out);
}

const char *
cf_response_time_problem(const cf_response_time_sketch *s, size_t size)
{
	if (size < offsetof(cf_response_time_sketch, data))
		return "the value is too short";
	if (s->nbuckets < 0 || s->nbuckets > 100000 || size != cf_response_time_size(s->nbuckets))
		return "the size does not match the number of buckets";
	return response_time_check(s);
}

/* ---------- importance-performance analysis ---------- */

const char *const cf_ipa_quadrant_names[CF_IPA_QUADRANTS] = {
	"concentrate here", "keep up the good work", "low priority", "possible overkill"
};

const char *
cf_ipa_scale_problem(double scale_min, double scale_max)
{
	if (!isfinite(scale_min) || !isfinite(scale_max))
		return "the scale ends must be finite numbers";
	if (fabs(scale_min) > CF_IPA_SCALE_BOUND || fabs(scale_max) > CF_IPA_SCALE_BOUND)
		return "the scale ends must lie between -1000000 and 1000000";
	if (!(scale_min < scale_max))
		return "the lower end of the scale must be below its upper end";
	return NULL;
}

size_t
cf_ipa_size(int nfactors)
{
	return offsetof(cf_ipa_state, factors) + (size_t) nfactors * sizeof(cf_ipa_factor);
}

void
cf_ipa_init(cf_ipa_state *s, double scale_min, double scale_max)
{
	s->version = CF_IPA_FORMAT_VERSION;
	s->reserved = 0;
	s->nfactors = 0;
	s->reserved2 = 0;
	s->scale_min = scale_min;
	s->scale_max = scale_max;
}

/* Bytewise order of (name, len) against a stored NUL-padded name. */
static int
name_cmp(const char *name, size_t len, const char *stored)
{
	size_t		slen = strnlen(stored, CF_IPA_NAME_MAX + 1);
	int			c = memcmp(name, stored, len < slen ? len : slen);

	if (c != 0)
		return c;
	return len < slen ? -1 : (len > slen ? 1 : 0);
}

int
cf_ipa_find(const cf_ipa_state *s, const char *name, size_t len)
{
	int			lo = 0,
				hi = s->nfactors;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = name_cmp(name, len, s->factors[mid].name);

		if (c > 0)
			lo = mid + 1;
		else if (c < 0)
			hi = mid;
		else
			return mid;
	}
	return -lo - 1;
}

static void
ipa_copy_header(cf_ipa_state *dst, const cf_ipa_state *src)
{
	memcpy((char *) dst + sizeof(int32_t), (const char *) src + sizeof(int32_t),
		   offsetof(cf_ipa_state, factors) - sizeof(int32_t));
}

static void
ipa_empty_factor(cf_ipa_factor *f, const char *name, size_t len)
{
	memset(f, 0, sizeof(*f));
	memcpy(f->name, name, len);
	f->importance_sum = cf_fix_from_double(0);
	f->performance_sum = cf_fix_from_double(0);
}

void
cf_ipa_copy_with_factor(cf_ipa_state *dst, const cf_ipa_state *src, int pos,
						const char *name, size_t len)
{
	ipa_copy_header(dst, src);
	dst->nfactors = src->nfactors + 1;
	memcpy(dst->factors, src->factors, sizeof(cf_ipa_factor) * (size_t) pos);
	ipa_empty_factor(&dst->factors[pos], name, len);
	memcpy(dst->factors + pos + 1, src->factors + pos,
		   sizeof(cf_ipa_factor) * (size_t) (src->nfactors - pos));
}

bool
cf_ipa_add(cf_ipa_factor *f, bool importance, double rating)
{
	int64_t    *n = importance ? &f->importance_n : &f->performance_n;
	cf_fixsum  *sum = importance ? &f->importance_sum : &f->performance_sum;

	if (*n == INT64_MAX || !cf_fix_add(sum, cf_fix_from_double(rating)))
		return false;
	(*n)++;
	return true;
}

int
cf_ipa_merged_factors(const cf_ipa_state *a, const cf_ipa_state *b)
{
	int			i = 0,
				j = 0,
				n = 0;

	while (i < a->nfactors || j < b->nfactors)
	{
		int			c;

		if (i >= a->nfactors)
			c = 1;
		else if (j >= b->nfactors)
			c = -1;
		else
			c = strcmp(a->factors[i].name, b->factors[j].name);
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
		n++;
	}
	return n;
}

bool
cf_ipa_merge(cf_ipa_state *dst, const cf_ipa_state *a, const cf_ipa_state *b)
{
	int			i = 0,
				j = 0,
				n = 0;

	ipa_copy_header(dst, a);
	dst->nfactors = cf_ipa_merged_factors(a, b);
	while (i < a->nfactors || j < b->nfactors)
	{
		int			c;

		if (i >= a->nfactors)
			c = 1;
		else if (j >= b->nfactors)
			c = -1;
		else
			c = strcmp(a->factors[i].name, b->factors[j].name);
		if (c < 0)
			dst->factors[n] = a->factors[i++];
		else if (c > 0)
			dst->factors[n] = b->factors[j++];
		else
		{
			const cf_ipa_factor *fa = &a->factors[i++];
			const cf_ipa_factor *fb = &b->factors[j++];
			cf_ipa_factor *f = &dst->factors[n];

			*f = *fa;
			if (__builtin_add_overflow(fa->importance_n, fb->importance_n, &f->importance_n) ||
				__builtin_add_overflow(fa->performance_n, fb->performance_n, &f->performance_n) ||
				!cf_fix_add(&f->importance_sum, fb->importance_sum) ||
				!cf_fix_add(&f->performance_sum, fb->performance_sum))
				return false;
		}
		n++;
	}
	return true;
}

void
cf_ipa_grand_means(const cf_ipa_state *s, double *importance, double *performance)
{
	double		si = 0,
				sp = 0;
	int			ni = 0,
				np = 0,
				i;

	for (i = 0; i < s->nfactors; i++)
	{
		const cf_ipa_factor *f = &s->factors[i];

		if (f->importance_n > 0)
		{
			si += cf_fix_to_double(f->importance_sum) / (double) f->importance_n;
			ni++;
		}
		if (f->performance_n > 0)
		{
			sp += cf_fix_to_double(f->performance_sum) / (double) f->performance_n;
			np++;
		}
	}
	*importance = ni > 0 ? si / ni : NAN;
	*performance = np > 0 ? sp / np : NAN;
}

/* True when row a comes before row b: ranked first, then gap desc, importance desc, name. */
static bool
ipa_before(const cf_ipa_state *s, const cf_ipa_row *a, const cf_ipa_row *b)
{
	bool		ra = a->has_importance && a->has_performance;
	bool		rb = b->has_importance && b->has_performance;

	if (ra != rb)
		return ra;
	if (ra)
	{
		/* Compared at 1e-9, so that exact ties are not split by rounding. */
		double		ga = nearbyint(a->gap * 1e9),
					gb = nearbyint(b->gap * 1e9),
					ia = nearbyint(a->importance * 1e9),
					ib = nearbyint(b->importance * 1e9);

		if (ga != gb)
			return ga > gb;
		if (ia != ib)
			return ia > ib;
	}
	return strcmp(s->factors[a->factor].name, s->factors[b->factor].name) < 0;
}

void
cf_ipa_analyse(const cf_ipa_state *s, double importance_threshold,
			   double performance_threshold, cf_ipa_row *rows)
{
	int			i,
				j;

	for (i = 0; i < s->nfactors; i++)
	{
		const cf_ipa_factor *f = &s->factors[i];
		cf_ipa_row *r = &rows[i];

		r->factor = i;
		r->has_importance = f->importance_n > 0;
		r->has_performance = f->performance_n > 0;
		r->importance = r->has_importance ?
			cf_fix_to_double(f->importance_sum) / (double) f->importance_n : 0;
		r->performance = r->has_performance ?
			cf_fix_to_double(f->performance_sum) / (double) f->performance_n : 0;
		r->gap = r->importance - r->performance;
		r->quadrant = -1;
		r->rank = 0;
		if (r->has_importance && r->has_performance)
		{
			bool		hi_imp = r->importance >= importance_threshold - CF_IPA_TIE;
			bool		hi_perf = r->performance >= performance_threshold - CF_IPA_TIE;

			r->quadrant = hi_imp ? (hi_perf ? 1 : 0) : (hi_perf ? 3 : 2);
		}
	}
	/* Insertion sort: at most CF_IPA_MAX_FACTORS rows. */
	for (i = 1; i < s->nfactors; i++)
	{
		cf_ipa_row	r = rows[i];

		for (j = i; j > 0 && ipa_before(s, &r, &rows[j - 1]); j--)
			rows[j] = rows[j - 1];
		rows[j] = r;
	}
	for (i = 0; i < s->nfactors; i++)
		if (rows[i].has_importance && rows[i].has_performance)
			rows[i].rank = i + 1;
}

size_t
cf_ipa_format(const cf_ipa_state *s, char *buf, size_t buflen)
{
	size_t		len = 0;
	char		tmp[80];
	int			i;

	APPEND(buf, buflen, len, "v%d scale_min=", CF_IPA_FORMAT_VERSION);
	append_double(buf, buflen, &len, s->scale_min);
	APPEND(buf, buflen, len, " scale_max=");
	append_double(buf, buflen, &len, s->scale_max);
	for (i = 0; i < s->nfactors; i++)
	{
		const cf_ipa_factor *f = &s->factors[i];
		const char *c;

		APPEND(buf, buflen, len, " \"");
		for (c = f->name; *c && c < f->name + CF_IPA_NAME_MAX + 1; c++)
			APPEND(buf, buflen, len, (*c == '"' || *c == '\\') ? "\\%c" : "%c", *c);
		cf_fix_format(f->importance_sum, tmp, sizeof(tmp));
		APPEND(buf, buflen, len, "\"=%s/%lld,", tmp, (long long) f->importance_n);
		cf_fix_format(f->performance_sum, tmp, sizeof(tmp));
		APPEND(buf, buflen, len, "%s/%lld", tmp, (long long) f->performance_n);
	}
	return len;
}

/* A sum must lie within n times the scale. */
static bool
ipa_sum_ok(cf_fixsum sum, int64_t n, double lo, double hi)
{
	double		v = cf_fix_to_double(sum);
	double		slack = 1e-9 * (fabs(lo) + fabs(hi)) * (double) n;

	if (n == 0)
		return v == 0;
	return v >= lo * (double) n - slack && v <= hi * (double) n + slack;
}

static const char *
ipa_check(const cf_ipa_state *s)
{
	const char *problem;
	int			i;

	if (s->version != CF_IPA_FORMAT_VERSION)
		return "unknown format version";
	if ((problem = cf_ipa_scale_problem(s->scale_min, s->scale_max)) != NULL)
		return problem;
	if (s->nfactors < 0 || s->nfactors > CF_IPA_MAX_FACTORS)
		return "at most 100 factors are allowed";
	for (i = 0; i < s->nfactors; i++)
	{
		const cf_ipa_factor *f = &s->factors[i];
		size_t		len = strnlen(f->name, CF_IPA_NAME_MAX + 1);
		size_t		k;

		if (len > CF_IPA_NAME_MAX)
			return "factor names must be at most 127 bytes";
		for (k = len; k <= CF_IPA_NAME_MAX; k++)
			if (f->name[k] != '\0')
				return "factor names must be padded with zero bytes";
		if (i > 0 && strcmp(s->factors[i - 1].name, f->name) >= 0)
			return "factors must be unique and sorted by name";
		if (f->importance_n < 0 || f->performance_n < 0)
			return "rating counts must not be negative";
		if (!ipa_sum_ok(f->importance_sum, f->importance_n, s->scale_min, s->scale_max) ||
			!ipa_sum_ok(f->performance_sum, f->performance_n, s->scale_min, s->scale_max))
			return "a sum of ratings lies outside the scale times the number of ratings";
	}
	return NULL;
}

/* Reads "sum/count". */
static bool
parse_sum_count(const char **p, cf_fixsum *sum, int64_t *n)
{
	return cf_fix_parse(p, sum) && *(*p)++ == '/' && parse_count(p, n);
}

const char *
cf_ipa_parse(const char *text, cf_ipa_state *out, int *nfactors)
{
	const char *p = text;
	cf_ipa_state h;
	int			n = 0;

	memset(&h, 0, sizeof(h));
	if (!expect(&p, "v1"))
		return "expected the format version \"v1\" at the start";
	if (!expect(&p, "scale_min=") || !parse_double(&p, &h.scale_min) ||
		!expect(&p, "scale_max=") || !parse_double(&p, &h.scale_max))
		return "expected \"scale_min=<number> scale_max=<number>\"";
	cf_ipa_init(&h, h.scale_min, h.scale_max);
	if (out)
	{
		ipa_copy_header(out, &h);
		out->nfactors = *nfactors;
	}
	while (!at_end(p))
	{
		cf_ipa_factor f;
		size_t		len = 0;

		memset(&f, 0, sizeof(f));
		if (!expect(&p, "\""))
			return "expected a quoted factor name";
		while (*p != '"')
		{
			if (*p == '\\')
				p++;
			if (*p == '\0')
				return "unterminated factor name";
			if (len >= CF_IPA_NAME_MAX)
				return "factor names must be at most 127 bytes";
			f.name[len++] = *p++;
		}
		p++;
		if (*p++ != '=' || !parse_sum_count(&p, &f.importance_sum, &f.importance_n) ||
			*p++ != ',' || !parse_sum_count(&p, &f.performance_sum, &f.performance_n))
			return "expected \"<name>\"=<importance sum>/<count>,<performance sum>/<count>";
		if (out)
		{
			if (n >= *nfactors)
				return "the number of factors changed between passes";
			out->factors[n] = f;
		}
		if (++n > CF_IPA_MAX_FACTORS)
			return "at most 100 factors are allowed";
	}
	if (!out)
	{
		*nfactors = n;
		return NULL;
	}
	return ipa_check(out);
}

const char *
cf_ipa_problem(const cf_ipa_state *s, size_t size)
{
	if (size < offsetof(cf_ipa_state, factors))
		return "the value is too short";
	if (s->nfactors < 0 || s->nfactors > CF_IPA_MAX_FACTORS || size != cf_ipa_size(s->nfactors))
		return "the size does not match the number of factors";
	return ipa_check(s);
}

/* ---------- complaints ---------- */

void
cf_complaint_init(cf_complaint_counts *s)
{
	s->version = CF_COMPLAINT_FORMAT_VERSION;
	s->reserved = 0;
	s->orders = 0;
	s->complaints = 0;
}

bool
cf_complaint_merge(cf_complaint_counts *dst, const cf_complaint_counts *src)
{
	int64_t		orders,
				complaints;

	if (__builtin_add_overflow(dst->orders, src->orders, &orders) ||
		__builtin_add_overflow(dst->complaints, src->complaints, &complaints))
		return false;
	dst->orders = orders;
	dst->complaints = complaints;
	return true;
}

size_t
cf_complaint_format(const cf_complaint_counts *s, char *buf, size_t buflen)
{
	return (size_t) snprintf(buf, buflen, "v%d orders=%lld complaints=%lld", CF_COMPLAINT_FORMAT_VERSION,
							 (long long) s->orders, (long long) s->complaints);
}

const char *
cf_complaint_problem(const cf_complaint_counts *s)
{
	if (s->version != CF_COMPLAINT_FORMAT_VERSION)
		return "unknown format version";
	if (s->orders < 0 || s->complaints < 0)
		return "counts must not be negative";
	return NULL;
}

const char *
cf_complaint_parse(const char *text, cf_complaint_counts *out)
{
	const char *p = text;

	cf_complaint_init(out);
	if (!expect(&p, "v1"))
		return "expected the format version \"v1\" at the start";
	if (!expect(&p, "orders=") || !parse_count(&p, &out->orders) ||
		!expect(&p, "complaints=") || !parse_count(&p, &out->complaints))
		return "expected \"orders=<count> complaints=<count>\" with counts below 2^63";
	if (!at_end(p))
		return "unexpected text after the last count";
	return NULL;
}
