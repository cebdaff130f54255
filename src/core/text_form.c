/*
 * text_form.c — the tokenizer, value scanners and writer of the one text
 * grammar of the state types (see text_form.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_form.h"

/* ---------- tokenizer ---------- */

static bool
is_key_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* The bytes that end a run of ordinary value bytes: the separator, '"' and NUL. */
static const bool stop_semicolon[256] = {[';'] = true, ['"'] = true, ['\0'] = true};
static const bool stop_space[256] = {[' '] = true, ['"'] = true, ['\0'] = true};

static inline bool
stop_byte(char sep, char c)
{
	return (sep == ';' ? stop_semicolon : stop_space)[(unsigned char) c];
}

/* Skips the separators before a field: one ';', or a run of spaces in a 1.0 space form. */
static void
skip_sep(cf_tf_reader *r)
{
	if (r->sep == ' ')
		while (r->p < r->end && *r->p == ' ')
			r->p++;
}

bool
cf_tf_begin(cf_tf_reader *r, const char *text, size_t len, int32_t *version)
{
	const char *p = text,
			   *end = text + len;
	int32_t		v = 0;
	int			digits = 0;

	r->p = r->end = end;
	r->sep = ';';
	r->at_sep = false;
	if (p == end || *p++ != 'v')
		return false;
	while (p < end && *p >= '0' && *p <= '9')
	{
		if (++digits > 5)
			return false;
		v = v * 10 + (*p++ - '0');
	}
	if (digits == 0)
		return false;
	if (p < end)
	{
		if (*p != ';' && *p != ' ')
			return false;
		r->sep = *p;
	}
	r->p = p;
	r->end = end;
	r->at_sep = true;
	*version = v;
	return true;
}

void
cf_tf_begin_bare(cf_tf_reader *r, const char *text, size_t len, char sep)
{
	r->p = text;
	r->end = text + len;
	r->sep = sep;
	r->at_sep = false;
}

bool
cf_tf_at_end(const cf_tf_reader *r)
{
	const char *p = r->p;

	if (r->sep == ' ')
		while (p < r->end && *p == ' ')
			p++;
	return p == r->end;
}

/* Scans a quoted run starting at p ('"'); returns the byte after it, or NULL when unterminated. */
static const char *
skip_quoted(const char *p, const char *end)
{
	for (p++; p < end; p++)
	{
		if (*p == '\\')
		{
			if (++p == end)
				return NULL;
		}
		else if (*p == '"')
			return p + 1;
		else if (*p == '\0')
			return NULL;
	}
	return NULL;
}

int
cf_tf_next(cf_tf_reader *r, cf_tf_field *f)
{
	const char *p,
			   *q;

	if (r->p >= r->end)
		return 0;
	if (r->at_sep)
		r->p++;
	skip_sep(r);
	if (r->p >= r->end)
		return r->sep == ' ' ? 0 : -1;	/* "v1;" or "a;;": an empty field */
	p = r->p;
	f->has_key = false;
	f->quoted_key = false;
	f->key.s = f->key.end = p;
	/* the key: a quoted name or key bytes, then '=' */
	if (*p == '"')
	{
		q = skip_quoted(p, r->end);
		if (q && q < r->end && *q == '=')
		{
			f->key.s = p;
			f->key.end = q;
			f->has_key = f->quoted_key = true;
			p = q + 1;
		}
	}
	else
	{
		q = p;
		while (q < r->end && is_key_byte(*q))
			q++;
		if (q > p && q < r->end && *q == '=')
		{
			f->key.s = p;
			f->key.end = q;
			f->has_key = true;
			p = q + 1;
		}
	}
	/* the value: up to the next separator outside quotes (one test per ordinary byte) */
	f->value.s = p;
	for (;;)
	{
		while (p < r->end && !stop_byte(r->sep, *p))
			p++;
		if (p == r->end || *p == r->sep)
			break;
		if (*p == '\0')
			return -1;
		p = skip_quoted(p, r->end);
		if (!p)
			return -1;
	}
	f->value.end = p;
	r->p = p;
	r->at_sep = true;
	if (!f->has_key && f->value.s == f->value.end)
		return -1;				/* an empty field */
	return 1;
}

bool
cf_tf_key_is(const cf_tf_field *f, const char *key)
{
	size_t		n = strlen(key);

	return f->has_key && !f->quoted_key && (size_t) (f->key.end - f->key.s) == n &&
		memcmp(f->key.s, key, n) == 0;
}

bool
cf_tf_take(cf_tf_reader *r, const char *key, cf_tf_span *value)
{
	cf_tf_field f;

	if (cf_tf_next(r, &f) != 1 || !cf_tf_key_is(&f, key))
		return false;
	*value = f.value;
	return true;
}

bool
cf_tf_begin_or_v1(cf_tf_reader *r, const char *text, size_t len, int32_t current)
{
	int32_t		version;

	return cf_tf_begin(r, text, len, &version) &&
		((version == current && r->sep == ';') || (version == 1 && r->sep == ' '));
}

bool
cf_tf_take_int64(cf_tf_reader *r, const char *key, int64_t lo, int64_t hi, int64_t *v)
{
	cf_tf_span	s;

	return cf_tf_take(r, key, &s) && cf_tf_int64(&s, lo, hi, v) && cf_tf_done(&s);
}

bool
cf_tf_take_double(cf_tf_reader *r, const char *key, double *v)
{
	cf_tf_span	s;

	return cf_tf_take(r, key, &s) && cf_tf_double(&s, v) && cf_tf_done(&s);
}

bool
cf_tf_take_bare(cf_tf_reader *r, cf_tf_span *value)
{
	cf_tf_field f;

	if (cf_tf_next(r, &f) != 1 || f.has_key)
		return false;
	*value = f.value;
	return true;
}

/* ---------- scanners ---------- */

bool
cf_tf_char(cf_tf_span *s, char c)
{
	if (s->s == s->end || *s->s != c)
		return false;
	s->s++;
	return true;
}

bool
cf_tf_lit(cf_tf_span *s, const char *lit)
{
	size_t		n = strlen(lit);

	if ((size_t) (s->end - s->s) < n || memcmp(s->s, lit, n) != 0)
		return false;
	s->s += n;
	return true;
}

bool
cf_tf_int64(cf_tf_span *s, int64_t lo, int64_t hi, int64_t *v)
{
	const char *p = s->s;
	bool		neg = false;
	uint64_t	acc = 0,
				limit;

	if (p < s->end && *p == '-')
	{
		if (lo >= 0)
			return false;		/* no "-0" where only non-negative values belong */
		neg = true;
		p++;
	}
	if (p == s->end || *p < '0' || *p > '9')
		return false;
	/* magnitude limit: 2^63 for a negative number, 2^63 - 1 otherwise */
	limit = neg ? (uint64_t) INT64_MAX + 1 : (uint64_t) INT64_MAX;
	while (p < s->end && *p >= '0' && *p <= '9')
	{
		unsigned	d = (unsigned) (*p++ - '0');

		if (acc > (limit - d) / 10)
			return false;
		acc = acc * 10 + d;
	}
	if (neg)
		*v = acc == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) acc;
	else
		*v = (int64_t) acc;
	if (*v < lo || *v > hi)
		return false;
	s->s = p;
	return true;
}

bool
cf_tf_double(cf_tf_span *s, double *v)
{
	char		tmp[64];
	const char *p = s->s;
	char	   *end;
	size_t		n = 0;
	double		x;

	/* the bytes a decimal float can have; strtod then reads them all or fails */
	while (p < s->end && ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.' ||
						  *p == 'e' || *p == 'E'))
	{
		if (n + 1 >= sizeof(tmp))
			return false;
		tmp[n++] = *p++;
	}
	if (n == 0 || !((tmp[0] >= '0' && tmp[0] <= '9') || tmp[0] == '-' || tmp[0] == '.'))
		return false;
	tmp[n] = '\0';
	x = strtod(tmp, &end);
	if (end != tmp + n || !isfinite(x))
		return false;
	*v = x;
	s->s = p;
	return true;
}

bool
cf_tf_dd(cf_tf_span *s, double *hi, double *lo)
{
	*lo = 0;
	if (!cf_tf_double(s, hi))
		return false;
	if (s->s < s->end && *s->s == ',' && (!cf_tf_char(s, ',') || !cf_tf_double(s, lo)))
		return false;
	*hi += 0.0;					/* no -0: one text, one value */
	*lo += 0.0;
	return *hi + *lo == *hi && (*lo == 0 || *hi != 0);
}

/* Exactly mindig..maxdig decimal digits into *v, not followed by another digit. */
static bool
take_digits(cf_tf_span *s, int mindig, int maxdig, int64_t *v)
{
	int			n = 0;
	int64_t		acc = 0;

	while (s->s < s->end && *s->s >= '0' && *s->s <= '9' && n < maxdig)
	{
		acc = acc * 10 + (*s->s - '0');
		s->s++;
		n++;
	}
	if (n < mindig || (s->s < s->end && *s->s >= '0' && *s->s <= '9'))
		return false;
	*v = acc;
	return true;
}

bool
cf_tf_date(cf_tf_span *s, int64_t *days)
{
	cf_tf_span	c = *s;
	bool		neg = cf_tf_char(&c, '-');
	int64_t		y,
				m,
				d;
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (!take_digits(&c, 4, 6, &y) || !cf_tf_char(&c, '-') || !take_digits(&c, 2, 2, &m) ||
		!cf_tf_char(&c, '-') || !take_digits(&c, 2, 2, &d))
		return false;
	if (neg)
		y = -y;
	if (y < -4713 || y > 294277 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	*days = cf_tf_days_from_civil(y, (int) m, (int) d);
	*s = c;
	return true;
}

bool
cf_tf_timestamp(cf_tf_span *s, int64_t *ts)
{
	cf_tf_span	c = *s;
	int64_t		days,
				h,
				mi,
				sec,
				frac = 0,
				v;

	if (!cf_tf_date(&c, &days) || !cf_tf_char(&c, 'T') || !take_digits(&c, 2, 2, &h) ||
		!cf_tf_char(&c, ':') || !take_digits(&c, 2, 2, &mi) || !cf_tf_char(&c, ':') ||
		!take_digits(&c, 2, 2, &sec))
		return false;
	if (cf_tf_char(&c, '.'))
	{
		int			n = 0;

		while (c.s < c.end && *c.s >= '0' && *c.s <= '9')
		{
			if (++n > 6)
				return false;
			frac = frac * 10 + (*c.s++ - '0');
		}
		if (n == 0)
			return false;
		while (n++ < 6)
			frac *= 10;
	}
	if (!cf_tf_char(&c, 'Z') || h > 23 || mi > 59 || sec > 59)
		return false;
	if (days < CF_MIN_TIMESTAMP / CF_USECS_PER_DAY - 1 || days > CF_END_TIMESTAMP / CF_USECS_PER_DAY)
		return false;
	v = days * CF_USECS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000000 + frac;
	if (v < CF_MIN_TIMESTAMP || v >= CF_END_TIMESTAMP)
		return false;
	*ts = v;
	*s = c;
	return true;
}

void
cf_tf_split(cf_tf_span *s, char c, cf_tf_span *part)
{
	const char *p = memchr(s->s, c, (size_t) (s->end - s->s));

	part->s = s->s;
	if (p)
	{
		part->end = p;
		s->s = p + 1;
	}
	else
	{
		part->end = s->end;
		s->s = s->end;
	}
}

long
cf_tf_unquote(const cf_tf_span *s, char *out, size_t cap)
{
	const char *p = s->s;
	size_t		n = 0;

	if (p == s->end || *p++ != '"')
		return -1;
	while (p < s->end && *p != '"')
	{
		if (*p == '\\' && ++p == s->end)
			return -1;
		if (n >= cap)
			return -1;
		out[n++] = *p++;
	}
	if (p == s->end || p + 1 != s->end)
		return -1;				/* unterminated, or text after the closing quote */
	return (long) n;
}

/* ---------- writer ---------- */

void
cf_tf_writer_init(cf_tf_writer *w, char *buf, size_t cap)
{
	w->buf = buf;
	w->cap = buf ? cap : 0;
	w->len = 0;
	if (w->cap > 0)
		w->buf[0] = '\0';
}

void
cf_tf_put(cf_tf_writer *w, const char *s, size_t n)
{
	if (w->len + 1 < w->cap)
	{
		size_t		room = w->cap - 1 - w->len;
		size_t		k = n < room ? n : room;

		memcpy(w->buf + w->len, s, k);
		w->buf[w->len + k] = '\0';
	}
	w->len += n;
}

void
cf_tf_put_str(cf_tf_writer *w, const char *s)
{
	cf_tf_put(w, s, strlen(s));
}

void
cf_tf_put_char(cf_tf_writer *w, char c)
{
	cf_tf_put(w, &c, 1);
}

void
cf_tf_put_version(cf_tf_writer *w, int version)
{
	cf_tf_put_char(w, 'v');
	cf_tf_put_int64(w, version);
}

void
cf_tf_put_key(cf_tf_writer *w, const char *key)
{
	cf_tf_put_char(w, ';');
	cf_tf_put_str(w, key);
	cf_tf_put_char(w, '=');
}

void
cf_tf_put_int64(cf_tf_writer *w, int64_t v)
{
	char		tmp[24];
	char	   *p = tmp + sizeof(tmp);
	uint64_t	mag = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;

	do
	{
		*--p = (char) ('0' + (int) (mag % 10));
		mag /= 10;
	} while (mag > 0);
	if (v < 0)
		*--p = '-';
	cf_tf_put(w, p, (size_t) (tmp + sizeof(tmp) - p));
}

void
cf_tf_put_double(cf_tf_writer *w, double x)
{
	cf_tf_put_double_digits(w, x, 17);
}

void
cf_tf_put_double_digits(cf_tf_writer *w, double x, int min_digits)
{
	char		tmp[CF_TF_DOUBLE_LEN];
	size_t		n = cf_tf_format_double(x, min_digits, tmp, sizeof(tmp));

	cf_tf_put(w, tmp, n);
}

/*
 * Values with at most two decimals (weeks, money) below 10^13 without
 * snprintf: k / 100 is correctly rounded, so if it equals x the decimal
 * string of k / 100 reads back as x, and with trailing zeros dropped it is
 * what %.Ng prints for every N from 3 to 15.  Returns the length, 0: take
 * the slow path.
 */
static size_t
format_cents(double x, char *buf)
{
	double		k = nearbyint(x * 100.0);
	uint64_t	a,
				ip;
	unsigned	fr;
	char		digits[24];
	int			nd = 0,
				pos = 0;

	if (!(fabs(k) < 1e15 && k / 100.0 == x))
		return 0;
	a = (uint64_t) fabs(k);
	ip = a / 100;
	fr = (unsigned) (a % 100);
	if (x < 0 || (x == 0 && signbit(x)))
		buf[pos++] = '-';
	do
	{
		digits[nd++] = (char) ('0' + ip % 10);
		ip /= 10;
	} while (ip > 0);
	while (nd > 0)
		buf[pos++] = digits[--nd];
	if (fr != 0)
	{
		buf[pos++] = '.';
		buf[pos++] = (char) ('0' + fr / 10);
		if (fr % 10 != 0)
			buf[pos++] = (char) ('0' + fr % 10);
	}
	buf[pos] = '\0';
	return (size_t) pos;
}

/* text of len bytes into buf as snprintf would (truncated, NUL-terminated); returns len. */
static size_t
copy_out(const char *text, size_t len, char *buf, size_t buflen)
{
	if (buflen > 0)
	{
		size_t		n = len < buflen - 1 ? len : buflen - 1;

		memcpy(buf, text, n);
		buf[n] = '\0';
	}
	return len;
}

size_t
cf_tf_format_double(double x, int min_digits, char *buf, size_t buflen)
{
	char		tmp[400];
	int			prec;
	size_t		n;

	if (min_digits < 1)
		min_digits = 1;
	if (min_digits <= 15 && (n = format_cents(x, tmp)) > 0)
		return copy_out(tmp, n, buf, buflen);
	for (prec = min_digits; prec < 17; prec++)
	{
		snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%.*g", prec, x);
	/* plain notation for moderate magnitudes: 20, not 2e+01 (only below 15 digits) */
	if (strchr(tmp, 'e') && fabs(x) >= 1e-4 && fabs(x) < 1e15)
	{
		int			decimals = prec - 1 - (int) floor(log10(fabs(x)));

		snprintf(tmp, sizeof(tmp), "%.*f", decimals > 0 ? decimals : 0, x);
	}
	return copy_out(tmp, strlen(tmp), buf, buflen);
}

/* n digits of v, zero-padded */
static void
put_padded(cf_tf_writer *w, int64_t v, int n)
{
	char		tmp[24];
	int			i;

	for (i = n - 1; i >= 0; i--)
	{
		tmp[i] = (char) ('0' + (int) (v % 10));
		v /= 10;
	}
	cf_tf_put(w, tmp, (size_t) n);
}

void
cf_tf_put_dd(cf_tf_writer *w, double hi, double lo)
{
	char		tmp[CF_TF_DOUBLE_LEN];

	cf_tf_format_double(hi + 0.0, CF_TF_SHORTEST, tmp, sizeof(tmp));	/* + 0.0: no "-0" */
	cf_tf_put_str(w, tmp);
	if (lo != 0)
	{
		cf_tf_put_char(w, ',');
		cf_tf_format_double(lo, CF_TF_SHORTEST, tmp, sizeof(tmp));
		cf_tf_put_str(w, tmp);
	}
}

void
cf_tf_put_date(cf_tf_writer *w, int64_t days)
{
	int64_t		y;
	int			m,
				d;

	cf_tf_civil_from_days(days, &y, &m, &d);
	if (y < 0)
	{
		cf_tf_put_char(w, '-');
		y = -y;
	}
	if (y > 9999)
		cf_tf_put_int64(w, y);
	else
		put_padded(w, y, 4);
	cf_tf_put_char(w, '-');
	put_padded(w, m, 2);
	cf_tf_put_char(w, '-');
	put_padded(w, d, 2);
}

void
cf_tf_put_timestamp(cf_tf_writer *w, int64_t ts)
{
	int64_t		days = ts / CF_USECS_PER_DAY;
	int64_t		rem;
	int64_t		secs;
	int			frac;

	if (ts % CF_USECS_PER_DAY < 0)
		days--;					/* floor */
	rem = ts - days * CF_USECS_PER_DAY;
	secs = rem / 1000000;
	frac = (int) (rem % 1000000);
	cf_tf_put_date(w, days);
	cf_tf_put_char(w, 'T');
	put_padded(w, secs / 3600, 2);
	cf_tf_put_char(w, ':');
	put_padded(w, secs / 60 % 60, 2);
	cf_tf_put_char(w, ':');
	put_padded(w, secs % 60, 2);
	if (frac)
	{
		int			digits = 6;

		while (frac % 10 == 0)
		{
			frac /= 10;
			digits--;
		}
		cf_tf_put_char(w, '.');
		put_padded(w, frac, digits);
	}
	cf_tf_put_char(w, 'Z');
}

void
cf_tf_put_quoted(cf_tf_writer *w, const char *s, size_t n)
{
	size_t		i,
				from = 0;

	cf_tf_put_char(w, '"');
	for (i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == '\\')
		{
			cf_tf_put(w, s + from, i - from);
			cf_tf_put_char(w, '\\');
			from = i;
		}
	cf_tf_put(w, s + from, n - from);
	cf_tf_put_char(w, '"');
}

/* ---------- civil dates ---------- */

int64_t
cf_tf_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 - 10957;
}

void
cf_tf_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t		z = days + 10957 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}
