/*
 * ipa.c — importance-performance analysis (see ipa.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ipa.h"

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
