/*
 * ipa.c — importance-performance analysis (see ipa.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_form.h"
#include "ipa.h"

/* ---------- importance-performance analysis ---------- */

const char *const cf_ipa_quadrant_names[CF_IPA_QUADRANTS] = {
	"concentrate here", "keep up the good work", "low priority", "possible overkill"
};

static const char *
ipa_scale_problem_words(double scale_min, double scale_max)
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
	cf_tf_writer w;
	int			i;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_IPA_TEXT_VERSION);
	cf_tf_put_key(&w, "scale_min");
	cf_tf_put_double_digits(&w, s->scale_min, CF_TF_SHORTEST);
	cf_tf_put_key(&w, "scale_max");
	cf_tf_put_double_digits(&w, s->scale_max, CF_TF_SHORTEST);
	for (i = 0; i < s->nfactors; i++)
	{
		const cf_ipa_factor *f = &s->factors[i];

		/* a factor is a field whose key is its quoted name */
		cf_tf_put_char(&w, ';');
		cf_tf_put_quoted(&w, f->name, strnlen(f->name, CF_IPA_NAME_MAX + 1));
		cf_tf_put_char(&w, '=');
		cf_fix_put(&w, f->importance_sum);
		cf_tf_put_char(&w, '/');
		cf_tf_put_int64(&w, f->importance_n);
		cf_tf_put_char(&w, ',');
		cf_fix_put(&w, f->performance_sum);
		cf_tf_put_char(&w, '/');
		cf_tf_put_int64(&w, f->performance_n);
	}
	return w.len;
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
	if ((problem = ipa_scale_problem_words(s->scale_min, s->scale_max)) != NULL)
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
sum_count(cf_tf_span *s, cf_fixsum *sum, int64_t *n)
{
	return cf_fix_take(s, sum) && cf_tf_char(s, '/') && cf_tf_int64(s, 0, INT64_MAX, n);
}

static const char *
ipa_parse_words(const char *text, cf_ipa_state *out, int *nfactors)
{
	cf_tf_reader r;
	cf_tf_field fld;
	cf_ipa_state h;
	int			n = 0,
				got;

	memset(&h, 0, sizeof(h));
	if (!cf_tf_begin_or_v1(&r, text, strlen(text), CF_IPA_TEXT_VERSION))
		return "expected the format version \"v2;\" at the start";
	if (!cf_tf_take_double(&r, "scale_min", &h.scale_min) || !cf_tf_take_double(&r, "scale_max", &h.scale_max))
		return "expected \"scale_min=<number>;scale_max=<number>\"";
	cf_ipa_init(&h, h.scale_min, h.scale_max);
	if (out)
	{
		ipa_copy_header(out, &h);
		out->nfactors = *nfactors;
	}
	while ((got = cf_tf_next(&r, &fld)) == 1)
	{
		cf_ipa_factor f;
		long		len;

		memset(&f, 0, sizeof(f));
		if (!fld.quoted_key)
			return "expected a quoted factor name";
		len = cf_tf_unquote(&fld.key, f.name, CF_IPA_NAME_MAX);
		if (len < 0)
			return "factor names must be at most 127 bytes";
		if (memchr(f.name, '\0', (size_t) len))
			return "factor names must not contain zero bytes";
		if (!sum_count(&fld.value, &f.importance_sum, &f.importance_n) || !cf_tf_char(&fld.value, ',') ||
			!sum_count(&fld.value, &f.performance_sum, &f.performance_n) || !cf_tf_done(&fld.value))
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
	if (got < 0)
		return "expected a quoted factor name";
	if (!out)
	{
		*nfactors = n;
		return NULL;
	}
	return ipa_check(out);
}

static const char *
ipa_problem_words(const cf_ipa_state *s, size_t size)
{
	if (size < offsetof(cf_ipa_state, factors))
		return "the value is too short";
	if (s->nfactors < 0 || s->nfactors > CF_IPA_MAX_FACTORS || size != cf_ipa_size(s->nfactors))
		return "the size does not match the number of factors";
	return ipa_check(s);
}

int
cf_ipa_scale_check(double scale_min, double scale_max, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, ipa_scale_problem_words(scale_min, scale_max));
}

int
cf_ipa_parse(const char *text, cf_ipa_state *out, int *nfactors, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, ipa_parse_words(text, out, nfactors));
}

int
cf_ipa_check(const cf_ipa_state *s, size_t size, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, ipa_problem_words(s, size));
}
