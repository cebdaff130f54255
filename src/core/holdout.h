/*
 * holdout.h — holdout validation of purchase predictions: the calibration /
 * holdout split of a customer profile and holdout_state, the mergeable summary
 * of (calibration x, expected, actual [, p_any]) rows that the error measures,
 * the Brier score, the ROC AUC and the calibration-vs-holdout table are read
 * from.
 *
 * Sums are compensated double-double sums (cf_holdout_sum: an unevaluated
 * hi + lo, each addition an error-free TwoSum), accurate to about 10^-30
 * relative for sums of one sign and independent of the order of the rows to
 * far better than 10^-12: serial, parallel, hashed and rolled-up aggregation
 * agree to the last bit or two of a double.  (The 2^-32 fixed point of
 * fixsum.h would be exact but rounds 0.1 to 0.100000000023.)
 *
 * The ROC AUC is binned: p_any in [0, 1] falls into one of CF_HOLDOUT_BINS
 * equal bins, and every buyer / non-buyer pair counts 1 when the buyer's bin
 * is higher, 1/2 when the bins are equal (exact ties and near ties alike).
 * The result therefore differs from the exact AUC (ties counted half) by at
 * most half the share of buyer / non-buyer pairs that share a bin
 * (cf_holdout_auc reports that bound).
 *
 * Pure C: no PostgreSQL headers.  The first field of the state is room for
 * PostgreSQL's varlena length word; the core never touches it.
 */
#ifndef CF_HOLDOUT_H
#define CF_HOLDOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "customer_profile.h"
#include "dd.h"
#include "error.h"

#define CF_HOLDOUT_FORMAT_VERSION	1	/* the stored layout */
#define CF_HOLDOUT_TEXT_VERSION		1	/* "v1;..." */
#define CF_HOLDOUT_BINS				4096	/* bins of p_any for the AUC */
#define CF_HOLDOUT_MAX_VALUE		1e9 /* |expected|, |actual| at most this */

/* A compensated sum (dd.h): the value is hi + lo exactly, with hi = fl(hi + lo). */
typedef cf_dd cf_holdout_sum;

/* The value of a sum (hi: lo is below its last bit). */
static inline double
cf_holdout_sum_value(cf_holdout_sum s)
{
	return cf_dd_value(s);
}

/* The customers of one calibration purchase count x. */
typedef struct cf_holdout_row
{
	int64_t		x;
	int64_t		customers;
	cf_holdout_sum	actual;			/* sum of actual */
	cf_holdout_sum	expected;		/* sum of expected */
} cf_holdout_row;

/* The customers with p_any in one bin. */
typedef struct cf_holdout_bin
{
	int32_t		bin;
	int32_t		pad;
	int64_t		buyers;			/* actual > 0 */
	int64_t		others;			/* actual <= 0 */
} cf_holdout_bin;

typedef struct cf_holdout_state
{
	int32_t		vl_len_;		/* the glue's varlena length word */
	uint8_t		version;
	uint8_t		pad0[3];
	int32_t		nrows;			/* rows in use, x increasing */
	int32_t		row_cap;
	int32_t		nbins;			/* bins in use, bin increasing */
	int32_t		bin_cap;
	int64_t		customers;		/* sum of the rows' customers */
	int64_t		scored;			/* sum of the bins' customers: rows with a p_any */
	cf_holdout_sum	abs_error;		/* sum of |expected - actual| */
	cf_holdout_sum	squared_error;	/* sum of (expected - actual)^2 */
	cf_holdout_sum	error;			/* sum of expected - actual */
	cf_holdout_sum	brier;			/* sum of (p_any - [actual > 0])^2 */
	char		data[];			/* cf_holdout_row[row_cap] | cf_holdout_bin[bin_cap] */
} cf_holdout_state;

/* Bytes of a state with room for these rows and bins. */
size_t		cf_holdout_size(int32_t row_cap, int32_t bin_cap);

cf_holdout_row *cf_holdout_rows(cf_holdout_state *s);
cf_holdout_bin *cf_holdout_bins(cf_holdout_state *s);
const cf_holdout_row *cf_holdout_rows_c(const cf_holdout_state *s);
const cf_holdout_bin *cf_holdout_bins_c(const cf_holdout_state *s);

/* An empty state with room for row_cap rows and bin_cap bins, from mem; NULL if out of memory. */
cf_holdout_state *cf_holdout_new(int32_t row_cap, int32_t bin_cap, const cf_allocator *mem);

/* The bin of p_any (0 <= p <= 1). */
int32_t		cf_holdout_bin_of(double p);

/*
 * NULL when a row is acceptable, else a static message naming the
 * argument at fault: x >= 0, expected and actual finite with |value| <=
 * CF_HOLDOUT_MAX_VALUE, p_any (when has_p) in [0, 1].
 */
const char *cf_holdout_row_problem(int64_t x, double expected, double actual, bool has_p, double p_any);

/*
 * Adds one customer.  *sp may be replaced by a larger block from mem (the
 * old block is left to the caller).  CF_OK, _EINVAL (a value that
 * cf_holdout_row_problem rejects), _ERANGE (a count or sum overflows) or
 * _ENOMEM; on error the state is unchanged.
 */
int			cf_holdout_add(cf_holdout_state **sp, int64_t x, double expected, double actual,
						   bool has_p, double p_any, const cf_allocator *mem);

/*
 * Merges src into *dstp (which may be replaced by a larger block from mem).
 * As cf_holdout_add for the codes; on error *dstp is unchanged.
 */
int			cf_holdout_merge(cf_holdout_state **dstp, const cf_holdout_state *src,
							 const cf_allocator *mem);

/* A copy without spare room, from mem; NULL if out of memory. */
cf_holdout_state *cf_holdout_compact(const cf_holdout_state *s, const cf_allocator *mem);

/* Sets s->customers and s->scored from the rows and bins; false when a total overflows. */
bool		cf_holdout_set_totals(cf_holdout_state *s);

/* CF_OK when a stored state of size bytes is sound, else CF_EINVAL with the rule broken in err. */
int			cf_holdout_check(const cf_holdout_state *s, size_t size, cf_error *err);

/* Customers counted (every row) and customers with a p_any (the Brier score's and AUC's). */
int64_t		cf_holdout_customers(const cf_holdout_state *s);
int64_t		cf_holdout_scored(const cf_holdout_state *s);

/* Mean |expected - actual|, sqrt of the mean squared error, mean (expected - actual); false without customers. */
bool		cf_holdout_mae(const cf_holdout_state *s, double *v);
bool		cf_holdout_rmse(const cf_holdout_state *s, double *v);
bool		cf_holdout_bias(const cf_holdout_state *s, double *v);

/* Mean (p_any - [actual > 0])^2; false without a p_any. */
bool		cf_holdout_brier(const cf_holdout_state *s, double *v);

/*
 * The binned ROC AUC of p_any against actual > 0 and the bound of its
 * difference from the exact AUC (half the share of buyer / non-buyer pairs
 * in one bin); false without a buyer or without a non-buyer.
 */
bool		cf_holdout_auc(const cf_holdout_state *s, double *auc, double *bound);

/* One line of the calibration-vs-holdout table. */
typedef struct cf_holdout_line
{
	int64_t		x;
	int64_t		customers;
	double		actual_mean;
	double		expected_mean;
} cf_holdout_line;

/*
 * The table into out (room for s->nrows lines): a line per x below cap and
 * one line x = cap for every x >= cap (cap < 0: no pooling).  Returns the
 * number of lines.
 */
int32_t		cf_holdout_table(const cf_holdout_state *s, int64_t cap, cf_holdout_line *out);

/*
 * Text form (writes like snprintf, returns the full length):
 *   v1;abs_error=<sum>;squared_error=<sum>;error=<sum>;brier=<sum>
 *     ;x=<x>:<customers>:<actual sum>:<expected sum>...  (x increasing)
 *     ;bin=<bin>:<buyers>:<others>...                    (bin increasing)
 * A sum is its hi part in the shortest decimal that reads back exactly,
 * followed by ",<lo>" when lo is not 0.
 */
size_t		cf_holdout_format(const cf_holdout_state *s, char *buf, size_t buflen);

/*
 * Parses the text form into a compact state from mem (*out): CF_OK,
 * CF_ESYNTAX with the rule broken as err's detail, or CF_ENOMEM.
 */
int			cf_holdout_parse(const char *text, const cf_allocator *mem, cf_holdout_state **out, cf_error *err);

/* ---- the calibration / holdout split of a profile ---- */

typedef struct cf_holdout_split
{
	int32_t		x;				/* repeat purchase days up to the calibration day */
	int32_t		t_x;			/* last calibration purchase day - first purchase day */
	int32_t		t;				/* calibration day - first purchase day */
	int32_t		x_holdout;		/* purchase days after the calibration day, up to the observation day */
	int32_t		holdout;		/* observation day - calibration day */
} cf_holdout_split;

/*
 * The split of p's purchase days at the local days cal_day <= obs_day: the
 * calibration part is model_summary's at cal_day over the days up to it.
 * false when the first purchase day is after cal_day (no calibration
 * history).
 */
bool		cf_holdout_split_profile(const cf_profile *p, int32_t cal_day, int32_t obs_day,
									 cf_holdout_split *out);

#endif
