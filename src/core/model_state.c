/*
 * model_state.c
 *		Weighted distinct tuples (see model_state.h): order, compaction, merging,
 *		totals and the text form, for any entry layout with 1 or 2 double
 *		fields.  The hot loops (sort, compact, merge) are instantiated per
 *		number of fields, so the comparisons and copies are as if written for
 *		one entry type.
 */
#include "model_state.h"
#include "interrupt.h"
#include "text_form.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/*
 * The entry types as this file sees them (a model's entry struct has the same
 * layout, checked there with CF_MODEL_STATE_CHECK_LAYOUT).
 */
typedef struct tuple1
{
	double		d[1];
	int64_t		count;
	int32_t		x;
	int32_t		pad;
} tuple1;

typedef struct tuple2
{
	double		d[2];
	int64_t		count;
	int32_t		x;
	int32_t		pad;
} tuple2;

CF_MODEL_STATE_CHECK_LAYOUT(tuple1, d, 1);
CF_MODEL_STATE_CHECK_LAYOUT(tuple2, d, 2);

/* Order on (x, d[0..nd)); inlined with a constant nd into the loops below. */
static inline int
cmp_nd(const double *da, int32_t xa, const double *db, int32_t xb, int nd)
{
	int			k;

	if (xa != xb)
		return xa < xb ? -1 : 1;
	for (k = 0; k < nd; k++)
		if (da[k] != db[k])
			return da[k] < db[k] ? -1 : 1;
	return 0;
}

#define LESS1(a, b) (cmp_nd((a)->d, (a)->x, (b)->d, (b)->x, 1) < 0)
#define LESS2(a, b) (cmp_nd((a)->d, (a)->x, (b)->d, (b)->x, 2) < 0)

CF_DEFINE_SORT(sort1, tuple1, LESS1)
CF_DEFINE_SORT(sort2, tuple2, LESS2)

/* Add count c to *acc, failing on overflow. */
static int
add_count(int64_t *acc, int64_t c, cf_error *err)
{
	if (c > INT64_MAX - *acc)
		return cf_fail(err, CF_ERANGE, "customer count out of range",
							 "The number of customers exceeds %" PRId64 ".", INT64_MAX);
	*acc += c;
	return CF_OK;
}

#define AT(p, i, nd)	((char *) (p) + (i) * CF_MODEL_STATE_SIZE(nd))
#define CAT(p, i, nd)	((const char *) (p) + (i) * CF_MODEL_STATE_SIZE(nd))
#define D(e)			((const double *) (e))
#define X(e, nd)		(*(const int32_t *) ((const char *) (e) + CF_MODEL_STATE_X_OFFSET(nd)))
#define COUNT(e, nd)	((int64_t *) ((char *) (e) + CF_MODEL_STATE_COUNT_OFFSET(nd)))
#define CCOUNT(e, nd)	(*(const int64_t *) ((const char *) (e) + CF_MODEL_STATE_COUNT_OFFSET(nd)))

static inline int
cmp_at(const void *a, const void *b, int nd)
{
	return cmp_nd(D(a), X(a, nd), D(b), X(b, nd), nd);
}

int
cf_model_state_cmp(const cf_model_state_layout *l, const void *a, const void *b)
{
	return l->nd == 1 ? cmp_at(a, b, 1) : cmp_at(a, b, 2);
}

/* Merge duplicates of sorted e[0..n) in place. */
static inline int
dedupe_nd(void *e, size_t n, size_t *n_out, int nd, cf_error *err)
{
	size_t		i,
				k = 0;

	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		if (k > 0 && cmp_at(AT(e, k - 1, nd), AT(e, i, nd), nd) == 0)
		{
			if (add_count(COUNT(AT(e, k - 1, nd), nd), CCOUNT(AT(e, i, nd), nd), err) != CF_OK)
				return CF_ERANGE;
		}
		else
		{
			if (k != i)
				memcpy(AT(e, k, nd), AT(e, i, nd), CF_MODEL_STATE_SIZE(nd));
			k++;
		}
	}
	*n_out = k;
	return CF_OK;
}

/* Sort and merge duplicates in place. */
int
cf_model_state_compact(const cf_model_state_layout *l, void *e, size_t n, size_t *n_out,
				  cf_error *err)
{
	if (l->nd == 1)
	{
		sort1(e, n);
		return dedupe_nd(e, n, n_out, 1, err);
	}
	sort2(e, n);
	return dedupe_nd(e, n, n_out, 2, err);
}

/* Merge two compact arrays. */
static inline int
merge_nd(const void *a, size_t na, const void *b, size_t nb, void *out,
		 size_t *n_out, int nd, cf_error *err)
{
	size_t		i = 0,
				j = 0,
				k = 0;

	while (i < na || j < nb)
	{
		int			c;

		cf_poll_entry(k);
		if (i == na)
			c = 1;
		else if (j == nb)
			c = -1;
		else
			c = cmp_at(CAT(a, i, nd), CAT(b, j, nd), nd);
		if (c < 0)
			memcpy(AT(out, k++, nd), CAT(a, i++, nd), CF_MODEL_STATE_SIZE(nd));
		else if (c > 0)
			memcpy(AT(out, k++, nd), CAT(b, j++, nd), CF_MODEL_STATE_SIZE(nd));
		else
		{
			memcpy(AT(out, k, nd), CAT(a, i++, nd), CF_MODEL_STATE_SIZE(nd));
			if (add_count(COUNT(AT(out, k, nd), nd), CCOUNT(CAT(b, j++, nd), nd), err) != CF_OK)
				return CF_ERANGE;
			k++;
		}
	}
	*n_out = k;
	return CF_OK;
}

int
cf_model_state_merge(const cf_model_state_layout *l, const void *a, size_t na,
				const void *b, size_t nb, void *out, size_t *n_out,
				cf_error *err)
{
	if (l->nd == 1)
		return merge_nd(a, na, b, nb, out, n_out, 1, err);
	return merge_nd(a, na, b, nb, out, n_out, 2, err);
}

/* "invalid <model> summary" */
static const char *
invalid_msg(const cf_model_state_layout *l, char *buf, size_t len)
{
	snprintf(buf, len, "invalid %s summary", l->model);
	return buf;
}

/* "invalid input syntax for type <typname>" */
static const char *
syntax_msg(const cf_model_state_layout *l, char *buf, size_t len)
{
	snprintf(buf, len, "invalid input syntax for type %s", l->typname);
	return buf;
}

/* Entry i (0-based) is not after entry i - 1. */
static int
fail_order(const cf_model_state_layout *l, size_t i, cf_error *err)
{
	char		msg[128];

	return cf_fail(err, CF_EINVAL, invalid_msg(l, msg, sizeof(msg)),
						 "Entry %zu is not after entry %zu in %s order.",
						 i + 1, i, l->order);
}

/* Validate every entry and the strict order. */
static inline int
check_compact_nd(const cf_model_state_layout *l, const void *e, size_t n, int nd,
				 cf_error *err)
{
	size_t		i;
	double		tmp[CF_MODEL_STATE_SIZE(CF_MODEL_STATE_MAX_DOUBLES) / sizeof(double)];
	char		msg[128];

	for (i = 0; i < n; i++)
	{
		const char *ei = CAT(e, i, nd);
		int			rc = l->make(X(ei, nd), D(ei), tmp, err);

		cf_poll_entry(i);
		if (rc != CF_OK)
			return rc;
		if (CCOUNT(ei, nd) < 1)
			return cf_fail(err, CF_EINVAL, invalid_msg(l, msg, sizeof(msg)),
								 "Entry %zu has count %" PRId64 "; counts must be >= 1.",
								 i + 1, CCOUNT(ei, nd));
		if (i > 0 && cmp_at(CAT(e, i - 1, nd), ei, nd) >= 0)
			return fail_order(l, i, err);
	}
	return CF_OK;
}

int
cf_model_state_validate(const cf_model_state_layout *l, void *e, size_t n, cf_error *err)
{
	int64_t		total;
	size_t		i;
	int			rc;

	for (i = 0; i < n; i++)
	{
		char	   *ei = AT(e, i, l->nd);
		char		tmp[CF_MODEL_STATE_SIZE(CF_MODEL_STATE_MAX_DOUBLES)];
		int64_t		count = CCOUNT(ei, l->nd);

		cf_poll_entry(i);
		/* the entry as the aggregate makes it (-0 becomes +0), the count kept */
		if ((rc = l->make(X(ei, l->nd), D(ei), tmp, err)) != CF_OK)
			return rc;
		memcpy(ei, tmp, CF_MODEL_STATE_SIZE(l->nd));
		*COUNT(ei, l->nd) = count;
	}
	if ((rc = cf_model_state_check_compact(l, e, n, err)) != CF_OK)
		return rc;
	return cf_model_state_total(l, e, n, &total, err);
}

int
cf_model_state_check_compact(const cf_model_state_layout *l, const void *e, size_t n,
						cf_error *err)
{
	if (l->nd == 1)
		return check_compact_nd(l, e, n, 1, err);
	return check_compact_nd(l, e, n, 2, err);
}

/* Sum of counts. */
int
cf_model_state_total(const cf_model_state_layout *l, const void *e, size_t n,
				int64_t *total, cf_error *err)
{
	int64_t		t = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		if (add_count(&t, cf_model_state_count(l, CAT(e, i, l->nd)), err) != CF_OK)
			return CF_ERANGE;
	}
	*total = t;
	return CF_OK;
}

/* ---------------------------------------------------------------- text */

/*
 * Worst case per entry: ";tuple=", 20 characters of x, 24 per double, 19
 * digits of count and the commas (98 for two doubles, 74 for one).
 */
size_t
cf_model_state_text_bound(const cf_model_state_layout *l, size_t n)
{
	return 64 + (50 + 24 * (size_t) l->nd) * n;
}

/* Write the text form; returns its length (excluding NUL). */
size_t
cf_model_state_format(const cf_model_state_layout *l, const void *e, size_t n, char *buf,
				 size_t buflen)
{
	cf_tf_writer w;
	size_t		i;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_MODEL_STATE_TEXT_VERSION);
	cf_tf_put_key(&w, "tuples");
	cf_tf_put_int64(&w, (int64_t) n);
	for (i = 0; i < n && w.len < buflen; i++)
	{
		const char *ei = CAT(e, i, l->nd);
		char		one[32 + 33 * CF_MODEL_STATE_MAX_DOUBLES + 32];
		size_t		k = 0;
		int			f;

		cf_poll_entry(i);
		memcpy(one, ";tuple=", 7);	/* the key and the entry in one write */
		k = 7;
		k += (size_t) cf_model_format_int64(cf_model_state_x(l, ei), one + k);
		for (f = 0; f < l->nd; f++)
		{
			one[k++] = ',';
			k += cf_tf_format_double(D(ei)[f], CF_TF_MODEL_DIGITS, one + k, 33);
		}
		one[k++] = ',';
		k += (size_t) cf_model_format_int64(cf_model_state_count(l, ei), one + k);
		cf_tf_put(&w, one, k);
	}
	return w.len;
}

/*
 * Starts reading a text form: the current one ("v2;tuples=<n>;tuple=...") or
 * the 1.0 one ("<version>;<n>;<entry>;...", bare values); the declared count
 * in *n, bounded by the text length.  *bare tells which form.
 */
static int
parse_start(const cf_model_state_layout *l, const char *s, cf_tf_reader *r, bool *bare,
			size_t *n_entries, cf_error *err)
{
	size_t		len = strlen(s);
	cf_tf_span	v;
	int32_t		version;
	int64_t		n,
				old;
	char		msg[128];

	*bare = s[0] >= '0' && s[0] <= '9';
	if (*bare)
	{
		cf_tf_begin_bare(r, s, len, ';');
		if (!cf_tf_take_bare(r, &v) || !cf_tf_int64(&v, 0, INT32_MAX, &old) || !cf_tf_done(&v) ||
			cf_tf_at_end(r))
			return cf_fail(err, CF_ESYNTAX, syntax_msg(l, msg, sizeof(msg)),
								 "The text must start with a format version (\"v%d;\").", CF_MODEL_STATE_TEXT_VERSION);
		if (old != l->version)
		{
			snprintf(msg, sizeof(msg), "unsupported %s version", l->typname);
			return cf_fail(err, CF_ESYNTAX, msg,
								 "Version %" PRId64 " is not supported; this build reads version %d (and the 1.0 form).",
								 old, CF_MODEL_STATE_TEXT_VERSION);
		}
		version = CF_MODEL_STATE_TEXT_VERSION;	/* the 1.0 form of this build's entries */
	}
	else if (!cf_tf_begin(r, s, len, &version) || r->sep != ';')
		return cf_fail(err, CF_ESYNTAX, syntax_msg(l, msg, sizeof(msg)),
							 "The text must start with a format version (\"v%d;\").", CF_MODEL_STATE_TEXT_VERSION);
	if (version != CF_MODEL_STATE_TEXT_VERSION)
	{
		snprintf(msg, sizeof(msg), "unsupported %s version", l->typname);
		return cf_fail(err, CF_ESYNTAX, msg,
							 "Version %d is not supported; this build reads version %d (and the 1.0 form).",
							 (int) version, CF_MODEL_STATE_TEXT_VERSION);
	}
	if (!(*bare ? cf_tf_take_bare(r, &v) : cf_tf_take(r, "tuples", &v)) ||
		!cf_tf_int64(&v, 0, INT64_MAX, &n) || !cf_tf_done(&v))
		return cf_fail(err, CF_ESYNTAX, syntax_msg(l, msg, sizeof(msg)),
							 "The version must be followed by the number of entries (\"tuples=<n>\").");
	if ((uint64_t) n > len / l->min_chars)
		return cf_fail(err, CF_ESYNTAX, syntax_msg(l, msg, sizeof(msg)),
							 "The text declares %" PRId64 " entries but is only %zu characters long.",
							 n, len);
	*n_entries = (size_t) n;
	return CF_OK;
}

/* Header: version and declared count, bounded by the text length. */
int
cf_model_state_parse_header(const cf_model_state_layout *l, const char *s,
					   size_t *n_entries, cf_error *err)
{
	cf_tf_reader r;
	bool		bare;

	return parse_start(l, s, &r, &bare, n_entries, err);
}

/* Full parse with validation. */
int
cf_model_state_parse(const cf_model_state_layout *l, const char *s, void *out, size_t cap,
				size_t *n_out, cf_error *err)
{
	cf_tf_reader r;
	bool		bare;
	size_t		n,
				i;
	int			rc;
	char		msg[128];

	if ((rc = parse_start(l, s, &r, &bare, &n, err)) != CF_OK)
		return rc;
	if (n > cap)
	{
		snprintf(msg, sizeof(msg), "%s buffer too small", l->typname);
		return cf_fail(err, CF_EINVAL, msg,
							 "The text has %zu entries, room for %zu.", n, cap);
	}
	for (i = 0; i < n; i++)
	{
		char	   *ei = AT(out, i, l->nd);
		cf_tf_span	v;
		int64_t		x,
					c;
		double		d[CF_MODEL_STATE_MAX_DOUBLES];
		bool		ok;
		int			f;

		cf_poll_entry(i);
		if (!(bare ? cf_tf_take_bare(&r, &v) : cf_tf_take(&r, "tuple", &v)))
			return cf_fail(err, CF_ESYNTAX, syntax_msg(l, msg, sizeof(msg)),
								 "The text has fewer entries (\"tuple=%s\") than the %zu it declares.", l->form, n);
		ok = cf_tf_int64(&v, 0, INT64_MAX, &x);
		for (f = 0; ok && f < l->nd; f++)
			ok = cf_tf_char(&v, ',') && cf_tf_double(&v, &d[f]);
		if (!ok || !cf_tf_char(&v, ',') || !cf_tf_int64(&v, 0, INT64_MAX, &c) || !cf_tf_done(&v))
			return cf_fail(err, CF_ESYNTAX, syntax_msg(l, msg, sizeof(msg)),
								 "Entry %zu is not of the form %s with finite numbers.",
								 i + 1, l->form);
		if ((rc = l->make(x, d, ei, err)) != CF_OK)
			return rc;
		if (c < 1)
			return cf_fail(err, CF_EINVAL, invalid_msg(l, msg, sizeof(msg)),
								 "Entry %zu has count 0; counts must be >= 1.", i + 1);
		*COUNT(ei, l->nd) = c;
		if (i > 0 && cf_model_state_cmp(l, CAT(out, i - 1, l->nd), ei) >= 0)
			return fail_order(l, i, err);
	}
	if (!cf_tf_at_end(&r))
		return cf_fail(err, CF_ESYNTAX, syntax_msg(l, msg, sizeof(msg)),
							 "The text has more than the %zu entries it declares.", n);
	*n_out = n;
	return cf_model_state_validate(l, out, n, err);
}
