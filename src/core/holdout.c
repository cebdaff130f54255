/*
 * holdout.c — holdout validation: the calibration / holdout split of a
 * profile and the holdout_state summary (see holdout.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "holdout.h"
#include "interrupt.h"
#include "text_form.h"

typedef unsigned __int128 u128;

/* The most rows or bins a state holds (keeps sizes far from overflow). */
#define MAX_ENTRIES (INT32_C(1) << 26)

size_t
cf_holdout_size(int32_t row_cap, int32_t bin_cap)
{
	return offsetof(cf_holdout_state, data) + (size_t) row_cap * sizeof(cf_holdout_row) +
		(size_t) bin_cap * sizeof(cf_holdout_bin);
}

cf_holdout_row *
cf_holdout_rows(cf_holdout_state *s)
{
	return (cf_holdout_row *) s->data;
}

cf_holdout_bin *
cf_holdout_bins(cf_holdout_state *s)
{
	return (cf_holdout_bin *) (s->data + (size_t) s->row_cap * sizeof(cf_holdout_row));
}

const cf_holdout_row *
cf_holdout_rows_c(const cf_holdout_state *s)
{
	return (const cf_holdout_row *) s->data;
}

const cf_holdout_bin *
cf_holdout_bins_c(const cf_holdout_state *s)
{
	return (const cf_holdout_bin *) (s->data + (size_t) s->row_cap * sizeof(cf_holdout_row));
}

/* An empty state (every sum 0, no rows, no bins) with this room. */
cf_holdout_state *
cf_holdout_new(int32_t row_cap, int32_t bin_cap, const cf_allocator *mem)
{
	size_t		size = cf_holdout_size(row_cap, bin_cap);
	cf_holdout_state *s = mem->alloc(size);

	if (s == NULL)
		return NULL;
	memset(s, 0, size);
	s->vl_len_ = 0;
	s->version = CF_HOLDOUT_FORMAT_VERSION;
	s->row_cap = row_cap;
	s->bin_cap = bin_cap;
	return s;
}

int32_t
cf_holdout_bin_of(double p)
{
	int32_t		b = (int32_t) (p * CF_HOLDOUT_BINS);	/* exact: a power of two */

	return b < 0 ? 0 : b >= CF_HOLDOUT_BINS ? CF_HOLDOUT_BINS - 1 : b;
}

const char *
cf_holdout_row_problem(int64_t x, double expected, double actual, bool has_p, double p_any)
{
	if (x < 0)
		return "x";
	if (!(fabs(expected) <= CF_HOLDOUT_MAX_VALUE))
		return "expected";
	if (!(fabs(actual) <= CF_HOLDOUT_MAX_VALUE))
		return "actual";
	if (has_p && !(p_any >= 0.0 && p_any <= 1.0))
		return "p_any";
	return NULL;
}

/* A copy of s with room for row_cap rows and bin_cap bins (at least its own), from mem. */
static cf_holdout_state *
regrow(const cf_holdout_state *s, int32_t row_cap, int32_t bin_cap, const cf_allocator *mem)
{
	cf_holdout_state *n = mem->alloc(cf_holdout_size(row_cap, bin_cap));

	if (n == NULL)
		return NULL;
	memcpy(n, s, offsetof(cf_holdout_state, data));
	n->row_cap = row_cap;
	n->bin_cap = bin_cap;
	memcpy(cf_holdout_rows(n), cf_holdout_rows_c(s), (size_t) s->nrows * sizeof(cf_holdout_row));
	memcpy(cf_holdout_bins(n), cf_holdout_bins_c(s), (size_t) s->nbins * sizeof(cf_holdout_bin));
	return n;
}

/* Room for need entries: doubled from have, at least 4, at most most (-1: need is more). */
static int32_t
grown(int32_t have, int64_t need, int32_t most)
{
	int64_t		cap = have < 4 ? 4 : have;

	if (need > most)
		return -1;
	while (cap < need)
		cap *= 2;
	return (int32_t) (cap > most ? most : cap);
}

/*
 * Index of the first row with x >= key.  Rows are usually x = 0, 1, 2, ...
 * without gaps, so row key is tried first; else a branchless binary search
 * (a branchy one mispredicts on every level: it was most of holdout_agg's cost).
 */
static int32_t
row_index(const cf_holdout_row *r, int32_t n, int64_t key)
{
	const cf_holdout_row *base = r;
	int32_t		len = n;

	if (key < n && r[key].x == key)
		return (int32_t) key;
	while (len > 1)
	{
		int32_t		half = len / 2;

		base = base[half - 1].x < key ? base + half : base;
		len -= half;
	}
	return (int32_t) (base - r) + (len == 1 && base->x < key);
}

/* Index of the first bin >= key: bin key itself when every bin below it is occupied, else as row_index. */
static int32_t
bin_index(const cf_holdout_bin *b, int32_t n, int32_t key)
{
	const cf_holdout_bin *base = b;
	int32_t		len = n;

	if (key < n && b[key].bin == key)
		return key;
	while (len > 1)
	{
		int32_t		half = len / 2;

		base = base[half - 1].bin < key ? base + half : base;
		len -= half;
	}
	return (int32_t) (base - b) + (len == 1 && base->bin < key);
}

#define sum_add cf_dd_add_double
#define sum_merge cf_dd_add

/* a + b into *out; false when it is not finite (only for sums read from text). */
static inline bool
sum_checked(cf_holdout_sum a, cf_holdout_sum b, cf_holdout_sum *out)
{
	*out = sum_merge(a, b);
	return isfinite(out->hi) && isfinite(out->lo);
}

int
cf_holdout_add(cf_holdout_state **sp, int64_t x, double expected, double actual,
			   bool has_p, double p_any, const cf_allocator *mem)
{
	cf_holdout_state *s = *sp;
	double		d = expected - actual;
	double		y = actual > 0 ? 1.0 : 0.0;
	cf_holdout_sum	abs_error,
				squared_error,
				error,
				brier = s->brier,
				row_actual = {actual + 0.0, 0},
				row_expected = {expected + 0.0, 0};
	int32_t		ri,
				bi = 0,
				bin = 0;
	bool		new_row,
				new_bin = false;
	cf_holdout_row *row;
	cf_holdout_bin *b;

	if (cf_holdout_row_problem(x, expected, actual, has_p, p_any) != NULL)
		return CF_EINVAL;
	/* every check first, so that an error leaves the state unchanged */
	if (s->customers == INT64_MAX)
		return CF_ERANGE;
	/* bounded inputs: no sum of fewer than 2^63 rows reaches 10^38 */
	abs_error = sum_add(s->abs_error, fabs(d));
	squared_error = sum_add(s->squared_error, d * d);
	error = sum_add(s->error, d);
	if (has_p)
		brier = sum_add(s->brier, (p_any - y) * (p_any - y));
	ri = row_index(cf_holdout_rows(s), s->nrows, x);
	new_row = ri == s->nrows || cf_holdout_rows(s)[ri].x != x;
	if (!new_row)
	{
		row = &cf_holdout_rows(s)[ri];
		if (row->customers == INT64_MAX)
			return CF_ERANGE;
		row_actual = sum_add(row->actual, actual);
		row_expected = sum_add(row->expected, expected);
	}
	if (has_p)
	{
		bin = cf_holdout_bin_of(p_any);
		bi = bin_index(cf_holdout_bins(s), s->nbins, bin);
		new_bin = bi == s->nbins || cf_holdout_bins(s)[bi].bin != bin;
	}
	if ((new_row && s->nrows == s->row_cap) || (new_bin && s->nbins == s->bin_cap))
	{
		int32_t		row_cap = new_row && s->nrows == s->row_cap ? grown(s->row_cap, (int64_t) s->nrows + 1, MAX_ENTRIES) : s->row_cap;
		int32_t		bin_cap = new_bin && s->nbins == s->bin_cap ? grown(s->bin_cap, (int64_t) s->nbins + 1, CF_HOLDOUT_BINS) : s->bin_cap;
		cf_holdout_state *n;

		if (row_cap < 0 || bin_cap < 0)
			return CF_ERANGE;
		if ((n = regrow(s, row_cap, bin_cap, mem)) == NULL)
			return CF_ENOMEM;
		*sp = s = n;
	}
	row = &cf_holdout_rows(s)[ri];
	if (new_row)
	{
		memmove(row + 1, row, (size_t) (s->nrows - ri) * sizeof(cf_holdout_row));
		s->nrows++;
		row->x = x;
		row->customers = 0;
	}
	row->customers++;
	row->actual = row_actual;
	row->expected = row_expected;
	s->customers++;
	s->abs_error = abs_error;
	s->squared_error = squared_error;
	s->error = error;
	if (has_p)
	{
		b = &cf_holdout_bins(s)[bi];
		if (new_bin)
		{
			memmove(b + 1, b, (size_t) (s->nbins - bi) * sizeof(cf_holdout_bin));
			s->nbins++;
			b->bin = bin;
			b->pad = 0;
			b->buyers = b->others = 0;
		}
		if (y > 0)
			b->buyers++;
		else
			b->others++;
		s->scored++;				/* scored <= customers: no overflow */
		s->brier = brier;
	}
	return CF_OK;
}

/* Rows of the union of a and b (sorted, distinct x); false when a merged row overflows. */
static bool
count_row_union(const cf_holdout_state *a, const cf_holdout_state *b, int64_t *n)
{
	const cf_holdout_row *ra = cf_holdout_rows_c(a),
			   *rb = cf_holdout_rows_c(b);
	int32_t		i = 0,
				j = 0;
	int64_t		c;
	cf_holdout_sum	f;

	*n = 0;
	while (i < a->nrows || j < b->nrows)
	{
		cf_poll_entry((size_t) (i + j));
		if (j == b->nrows || (i < a->nrows && ra[i].x < rb[j].x))
			i++;
		else if (i == a->nrows || rb[j].x < ra[i].x)
			j++;
		else
		{
			if (__builtin_add_overflow(ra[i].customers, rb[j].customers, &c) ||
				!sum_checked(ra[i].actual, rb[j].actual, &f) || !sum_checked(ra[i].expected, rb[j].expected, &f))
				return false;
			i++;
			j++;
		}
		(*n)++;
	}
	return true;
}

/* Bins of the union of a and b (their counts cannot overflow: scored totals are checked). */
static int64_t
count_bin_union(const cf_holdout_state *a, const cf_holdout_state *b)
{
	const cf_holdout_bin *ba = cf_holdout_bins_c(a),
			   *bb = cf_holdout_bins_c(b);
	int32_t		i = 0,
				j = 0;
	int64_t		n = 0;

	while (i < a->nbins || j < b->nbins)
	{
		if (j == b->nbins || (i < a->nbins && ba[i].bin < bb[j].bin))
			i++;
		else if (i == a->nbins || bb[j].bin < ba[i].bin)
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

/*
 * Merges src's rows into dst's in place, from the back (dst has room for
 * the union of u rows; src may be dst itself).  Does not poll: stopping
 * half-way would leave dst broken.
 */
static void
merge_rows(cf_holdout_state *dst, const cf_holdout_state *src, int32_t u)
{
	cf_holdout_row *r = cf_holdout_rows(dst);
	const cf_holdout_row *q = cf_holdout_rows_c(src);
	int32_t		i = dst->nrows - 1,
				j = src->nrows - 1,
				k = u - 1;

	while (j >= 0)
	{
		if (i >= 0 && r[i].x > q[j].x)
			r[k--] = r[i--];
		else if (i >= 0 && r[i].x == q[j].x)
		{
			cf_holdout_row m = r[i];

			m.customers += q[j].customers;
			m.actual = sum_merge(m.actual, q[j].actual);
			m.expected = sum_merge(m.expected, q[j].expected);
			r[k--] = m;
			i--;
			j--;
		}
		else
			r[k--] = q[j--];
	}
	dst->nrows = u;
}

/* As merge_rows for the bins. */
static void
merge_bins(cf_holdout_state *dst, const cf_holdout_state *src, int32_t u)
{
	cf_holdout_bin *r = cf_holdout_bins(dst);
	const cf_holdout_bin *q = cf_holdout_bins_c(src);
	int32_t		i = dst->nbins - 1,
				j = src->nbins - 1,
				k = u - 1;

	while (j >= 0)
	{
		if (i >= 0 && r[i].bin > q[j].bin)
			r[k--] = r[i--];
		else if (i >= 0 && r[i].bin == q[j].bin)
		{
			cf_holdout_bin m = r[i];

			m.buyers += q[j].buyers;
			m.others += q[j].others;
			r[k--] = m;
			i--;
			j--;
		}
		else
			r[k--] = q[j--];
	}
	dst->nbins = u;
}

int
cf_holdout_merge(cf_holdout_state **dstp, const cf_holdout_state *src, const cf_allocator *mem)
{
	cf_holdout_state *dst = *dstp;
	int64_t		customers,
				scored,
				urows,
				ubins;
	cf_holdout_sum	abs_error,
				squared_error,
				error,
				brier;

	if (__builtin_add_overflow(dst->customers, src->customers, &customers) ||
		__builtin_add_overflow(dst->scored, src->scored, &scored) ||
		!sum_checked(dst->abs_error, src->abs_error, &abs_error) ||
		!sum_checked(dst->squared_error, src->squared_error, &squared_error) ||
		!sum_checked(dst->error, src->error, &error) ||
		!sum_checked(dst->brier, src->brier, &brier) ||
		!count_row_union(dst, src, &urows))
		return CF_ERANGE;
	ubins = count_bin_union(dst, src);
	if (urows > dst->row_cap || ubins > dst->bin_cap)
	{
		int32_t		row_cap = urows > dst->row_cap ? grown(dst->row_cap, urows, MAX_ENTRIES) : dst->row_cap;
		int32_t		bin_cap = ubins > dst->bin_cap ? grown(dst->bin_cap, ubins, CF_HOLDOUT_BINS) : dst->bin_cap;
		cf_holdout_state *n;

		if (row_cap < 0 || bin_cap < 0)
			return CF_ERANGE;
		if ((n = regrow(dst, row_cap, bin_cap, mem)) == NULL)
			return CF_ENOMEM;
		*dstp = dst = n;
	}
	merge_rows(dst, src, (int32_t) urows);
	merge_bins(dst, src, (int32_t) ubins);
	dst->customers = customers;
	dst->scored = scored;
	dst->abs_error = abs_error;
	dst->squared_error = squared_error;
	dst->error = error;
	dst->brier = brier;
	return CF_OK;
}

cf_holdout_state *
cf_holdout_compact(const cf_holdout_state *s, const cf_allocator *mem)
{
	return regrow(s, s->nrows, s->nbins, mem);
}

bool
cf_holdout_set_totals(cf_holdout_state *s)
{
	const cf_holdout_row *r = cf_holdout_rows_c(s);
	const cf_holdout_bin *b = cf_holdout_bins_c(s);
	int64_t		customers = 0,
				scored = 0;
	int32_t		i;

	for (i = 0; i < s->nrows; i++)
		if (__builtin_add_overflow(customers, r[i].customers, &customers))
			return false;
	for (i = 0; i < s->nbins; i++)
		if (__builtin_add_overflow(scored, b[i].buyers, &scored) ||
			__builtin_add_overflow(scored, b[i].others, &scored))
			return false;
	s->customers = customers;
	s->scored = scored;
	return true;
}

/* f finite, normalized (hi = fl(hi + lo), lo = 0 when hi is) and |f| <= limit (the limits below have ample margin). */
static inline bool
sum_within(cf_holdout_sum f, double limit)
{
	return fabs(f.hi) <= limit && isfinite(f.lo) && f.hi + f.lo == f.hi && (f.lo == 0 || f.hi != 0);
}

static const char *
holdout_problem_words(const cf_holdout_state *s, size_t size)
{
	const cf_holdout_row *r;
	const cf_holdout_bin *b;
	int64_t		customers = 0,
				scored = 0,
				c;
	double		n;
	int32_t		i;

	if (size < offsetof(cf_holdout_state, data))
		return "the value is shorter than its header";
	if (s->version != CF_HOLDOUT_FORMAT_VERSION)
		return "unknown format version";
	if (s->row_cap < 0 || s->row_cap > MAX_ENTRIES || s->bin_cap < 0 || s->bin_cap > CF_HOLDOUT_BINS ||
		size != cf_holdout_size(s->row_cap, s->bin_cap))
		return "the size does not match the room for rows and bins";
	if (s->nrows < 1 || s->nrows > s->row_cap || s->nbins < 0 || s->nbins > s->bin_cap)
		return "row or bin count out of range (at least one row)";
	r = cf_holdout_rows_c(s);
	b = cf_holdout_bins_c(s);
	for (i = 0; i < s->nrows; i++)
	{
		cf_poll_entry((size_t) i);
		if (r[i].x < 0 || (i > 0 && r[i].x <= r[i - 1].x))
			return "x values must be non-negative and increasing";
		if (r[i].customers < 1 || __builtin_add_overflow(customers, r[i].customers, &customers))
			return "customers of an x must be positive and total below 2^63";
		n = (double) r[i].customers * CF_HOLDOUT_MAX_VALUE * 1.000001;
		if (!sum_within(r[i].actual, n) || !sum_within(r[i].expected, n))
			return "the sums of an x must be finite, normalized and at most 10^9 per customer";
	}
	for (i = 0; i < s->nbins; i++)
	{
		if (b[i].bin < 0 || b[i].bin >= CF_HOLDOUT_BINS || (i > 0 && b[i].bin <= b[i - 1].bin))
			return "bins must be increasing, from 0 to 4095";
		if (b[i].buyers < 0 || b[i].others < 0 || __builtin_add_overflow(b[i].buyers, b[i].others, &c) || c < 1 ||
			__builtin_add_overflow(scored, c, &scored))
			return "bin counts must be non-negative, not both zero, and total below 2^63";
	}
	if (customers != s->customers || scored != s->scored || scored > customers)
		return "the totals do not match the rows and bins";
	n = (double) customers * 1.000001;
	if (cf_holdout_sum_value(s->abs_error) < 0 || !sum_within(s->abs_error, 2 * CF_HOLDOUT_MAX_VALUE * n) ||
		cf_holdout_sum_value(s->squared_error) < 0 ||
		!sum_within(s->squared_error, 4 * CF_HOLDOUT_MAX_VALUE * CF_HOLDOUT_MAX_VALUE * n) ||
		!sum_within(s->error, 2 * CF_HOLDOUT_MAX_VALUE * n) ||
		cf_holdout_sum_value(s->brier) < 0 || !sum_within(s->brier, (double) scored * (1 + 1e-12)))
		return "an error sum is negative, out of range or not normalized";
	return NULL;
}

int
cf_holdout_check(const cf_holdout_state *s, size_t size, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, holdout_problem_words(s, size));
}

int64_t
cf_holdout_customers(const cf_holdout_state *s)
{
	return s->customers;
}

int64_t
cf_holdout_scored(const cf_holdout_state *s)
{
	return s->scored;
}

bool
cf_holdout_mae(const cf_holdout_state *s, double *v)
{
	if (s->customers == 0)
		return false;
	*v = cf_holdout_sum_value(s->abs_error) / (double) s->customers;
	return true;
}

bool
cf_holdout_rmse(const cf_holdout_state *s, double *v)
{
	if (s->customers == 0)
		return false;
	*v = sqrt(cf_holdout_sum_value(s->squared_error) / (double) s->customers);
	return true;
}

bool
cf_holdout_bias(const cf_holdout_state *s, double *v)
{
	if (s->customers == 0)
		return false;
	*v = cf_holdout_sum_value(s->error) / (double) s->customers;
	return true;
}

bool
cf_holdout_brier(const cf_holdout_state *s, double *v)
{
	if (s->scored == 0)
		return false;
	*v = cf_holdout_sum_value(s->brier) / (double) s->scored;
	return true;
}

/*
 * Pairs are counted in exact 128-bit integers, doubled so that a tie is 1:
 * 2 * (pairs with the buyer's bin higher) + (pairs in one bin) <= 2 P N < 2^125.
 */
bool
cf_holdout_auc(const cf_holdout_state *s, double *auc, double *bound)
{
	const cf_holdout_bin *b = cf_holdout_bins_c(s);
	u128		twice = 0,
				tied = 0,
				below = 0,
				buyers = 0;
	double		pairs;
	int32_t		i;

	for (i = 0; i < s->nbins; i++)
	{
		twice += (u128) b[i].buyers * (2 * below + (u128) b[i].others);
		tied += (u128) b[i].buyers * (u128) b[i].others;
		below += (u128) b[i].others;
		buyers += (u128) b[i].buyers;
	}
	if (buyers == 0 || below == 0)
		return false;
	pairs = (double) buyers * (double) below;
	*auc = (double) twice / (2.0 * pairs);
	*bound = (double) tied / (2.0 * pairs);
	return true;
}

int32_t
cf_holdout_table(const cf_holdout_state *s, int64_t cap, cf_holdout_line *out)
{
	const cf_holdout_row *r = cf_holdout_rows_c(s);
	int32_t		i,
				n = 0;
	int64_t		pooled = 0;
	cf_holdout_sum actual = {0, 0},
				expected = {0, 0};

	for (i = 0; i < s->nrows; i++)
	{
		if (cap >= 0 && r[i].x >= cap)
		{
			/* bounded by problem(): 10^9 * 2^63, far from overflow */
			pooled += r[i].customers;
			actual = sum_merge(actual, r[i].actual);
			expected = sum_merge(expected, r[i].expected);
			continue;
		}
		out[n].x = r[i].x;
		out[n].customers = r[i].customers;
		out[n].actual_mean = cf_holdout_sum_value(r[i].actual) / (double) r[i].customers;
		out[n].expected_mean = cf_holdout_sum_value(r[i].expected) / (double) r[i].customers;
		n++;
	}
	if (pooled > 0)
	{
		out[n].x = cap;
		out[n].customers = pooled;
		out[n].actual_mean = cf_holdout_sum_value(actual) / (double) pooled;
		out[n].expected_mean = cf_holdout_sum_value(expected) / (double) pooled;
		n++;
	}
	return n;
}

/* ---------- text form ---------- */

/* hi, and ",lo" when lo is not 0; each the shortest decimal that reads back. */
static void
put_sum(cf_tf_writer *w, cf_holdout_sum f)
{
	cf_tf_put_dd(w, f.hi, f.lo);
}

size_t
cf_holdout_format(const cf_holdout_state *s, char *buf, size_t buflen)
{
	const cf_holdout_row *r = cf_holdout_rows_c(s);
	const cf_holdout_bin *b = cf_holdout_bins_c(s);
	cf_tf_writer w;
	int32_t		i;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_HOLDOUT_TEXT_VERSION);
	cf_tf_put_key(&w, "abs_error");
	put_sum(&w, s->abs_error);
	cf_tf_put_key(&w, "squared_error");
	put_sum(&w, s->squared_error);
	cf_tf_put_key(&w, "error");
	put_sum(&w, s->error);
	cf_tf_put_key(&w, "brier");
	put_sum(&w, s->brier);
	for (i = 0; i < s->nrows; i++)
	{
		cf_tf_put_key(&w, "x");
		cf_tf_put_int64(&w, r[i].x);
		cf_tf_put_char(&w, ':');
		cf_tf_put_int64(&w, r[i].customers);
		cf_tf_put_char(&w, ':');
		put_sum(&w, r[i].actual);
		cf_tf_put_char(&w, ':');
		put_sum(&w, r[i].expected);
	}
	for (i = 0; i < s->nbins; i++)
	{
		cf_tf_put_key(&w, "bin");
		cf_tf_put_int64(&w, b[i].bin);
		cf_tf_put_char(&w, ':');
		cf_tf_put_int64(&w, b[i].buyers);
		cf_tf_put_char(&w, ':');
		cf_tf_put_int64(&w, b[i].others);
	}
	return w.len;
}

/* A sum "hi[,lo]" at the front of the span, normalized (hi = fl(hi + lo), lo = 0 when hi is). */
static bool
sum_span(cf_tf_span *s, cf_holdout_sum *out)
{
	return cf_tf_dd(s, &out->hi, &out->lo);
}

/* A field key=<exact sum>. */
static bool
sum_field(cf_tf_reader *r, const char *key, cf_holdout_sum *out)
{
	cf_tf_span	v;

	return cf_tf_take(r, key, &v) && sum_span(&v, out) && cf_tf_done(&v);
}

/* True when the next field has this key (the reader is not moved). */
static bool
next_is(const cf_tf_reader *r, const char *key)
{
	cf_tf_reader peek = *r;
	cf_tf_field f;

	return cf_tf_next(&peek, &f) == 1 && cf_tf_key_is(&f, key);
}

/* CF_ESYNTAX with the formatted rule as err's detail (the glue writes the message). */
#define PARSE_FAIL(...) \
	do { rc = cf_fail(err, CF_ESYNTAX, "", __VA_ARGS__); goto fail; } while (0)

int
cf_holdout_parse(const char *text, const cf_allocator *mem, cf_holdout_state **out, cf_error *err)
{
	cf_tf_reader r,
				start;
	cf_tf_span	v;
	cf_holdout_state *s = NULL;
	cf_holdout_sum	sums[4];
	int32_t		version,
				nrows = 0,
				nbins = 0;
	const char *problem;
	int64_t		a,
				c,
				e;
	int			rc;

	*out = NULL;
	if (!cf_tf_begin(&r, text, strlen(text), &version) || r.sep != ';')
		PARSE_FAIL("expected \"v%d;\" at the start", CF_HOLDOUT_TEXT_VERSION);
	if (version != CF_HOLDOUT_TEXT_VERSION)
		PARSE_FAIL("unknown text form version %d (this version reads v%d)", (int) version, CF_HOLDOUT_TEXT_VERSION);
	if (!sum_field(&r, "abs_error", &sums[0]) || !sum_field(&r, "squared_error", &sums[1]) ||
		!sum_field(&r, "error", &sums[2]) || !sum_field(&r, "brier", &sums[3]))
		PARSE_FAIL("expected \"abs_error=<sum>;squared_error=<sum>;error=<sum>;brier=<sum>\" after the version");
	/* count the entries, then read them into a state of exactly that size */
	start = r;
	for (; next_is(&r, "x") && nrows < MAX_ENTRIES; nrows++)
		cf_tf_take(&r, "x", &v);
	for (; next_is(&r, "bin") && nbins < CF_HOLDOUT_BINS; nbins++)
		cf_tf_take(&r, "bin", &v);
	if (!cf_tf_at_end(&r))
		PARSE_FAIL("expected \"x=<x>:<customers>:<actual sum>:<expected sum>\" fields, then \"bin=<bin>:<buyers>:<others>\" fields, and nothing after them");
	if (nrows == 0)
		PARSE_FAIL("expected at least one \"x=\" field");
	if ((s = cf_holdout_new(nrows, nbins, mem)) == NULL)
		return cf_fail(err, CF_ENOMEM, "out of memory", "The holdout_state did not fit into memory.");
	s->abs_error = sums[0];
	s->squared_error = sums[1];
	s->error = sums[2];
	s->brier = sums[3];
	r = start;
	for (s->nrows = 0; s->nrows < nrows; s->nrows++)
	{
		cf_holdout_row *row = &cf_holdout_rows(s)[s->nrows];

		cf_tf_take(&r, "x", &v);
		if (!cf_tf_int64(&v, 0, INT64_MAX, &row->x) || !cf_tf_char(&v, ':') ||
			!cf_tf_int64(&v, 1, INT64_MAX, &row->customers) || !cf_tf_char(&v, ':') ||
			!sum_span(&v, &row->actual) || !cf_tf_char(&v, ':') || !sum_span(&v, &row->expected) || !cf_tf_done(&v))
			PARSE_FAIL("x field %d: expected <x>:<customers>:<actual sum>:<expected sum> with x >= 0 and customers >= 1",
					   (int) s->nrows + 1);
		if (__builtin_add_overflow(s->customers, row->customers, &s->customers))
			PARSE_FAIL("more than 2^63 - 1 customers");
	}
	for (s->nbins = 0; s->nbins < nbins; s->nbins++)
	{
		cf_holdout_bin *b = &cf_holdout_bins(s)[s->nbins];

		cf_tf_take(&r, "bin", &v);
		if (!cf_tf_int64(&v, 0, CF_HOLDOUT_BINS - 1, &e) || !cf_tf_char(&v, ':') ||
			!cf_tf_int64(&v, 0, INT64_MAX, &a) || !cf_tf_char(&v, ':') ||
			!cf_tf_int64(&v, 0, INT64_MAX, &c) || !cf_tf_done(&v))
			PARSE_FAIL("bin field %d: expected <bin>:<buyers>:<others> with bin from 0 to %d",
					   (int) s->nbins + 1, CF_HOLDOUT_BINS - 1);
		b->bin = (int32_t) e;
		b->buyers = a;
		b->others = c;
		if (__builtin_add_overflow(a, c, &c) || __builtin_add_overflow(s->scored, c, &s->scored))
			PARSE_FAIL("more than 2^63 - 1 scored customers");
	}
	if ((problem = holdout_problem_words(s, cf_holdout_size(s->row_cap, s->bin_cap))) != NULL)
		PARSE_FAIL("%s", problem);
	*out = s;
	return CF_OK;
fail:
	if (s != NULL)
		mem->free(s);
	return rc;
}

/* ---------- the calibration / holdout split ---------- */

/* The number of days <= day in the sorted d[0..n). */
static int32_t
days_upto(const int32_t *d, int32_t n, int32_t day)
{
	int32_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (d[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
cf_holdout_split_profile(const cf_profile *p, int32_t cal_day, int32_t obs_day, cf_holdout_split *out)
{
	const int32_t *d = cf_profile_days(p);
	int32_t		ncal,
				nobs;

	if (p->ndays < 1 || d[0] > cal_day)
		return false;
	ncal = days_upto(d, p->ndays, cal_day);
	nobs = days_upto(d, p->ndays, obs_day);
	out->x = ncal - 1;
	out->t_x = d[ncal - 1] - d[0];
	out->t = (int32_t) ((int64_t) cal_day - d[0]);
	out->x_holdout = nobs - ncal;
	out->holdout = (int32_t) ((int64_t) obs_day - cal_day);
	return true;
}
