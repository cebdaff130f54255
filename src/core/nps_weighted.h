/*
 * nps_weighted.h — weighted score distributions (NPS, CSAT, CES, custom
 * scales): per score, the exact count of answers, the sum of their weights and
 * the sum of the squared weights (Kish's effective sample size needs both).
 *
 * The sums are double-doubles (dd.h) of non-negative terms, so every figure
 * read off a state is the same to the last bit or two in any order of rows and
 * merges (serial, parallel, rollup, Citus); counts are exact.  With every
 * weight 1 the sums are the counts and every figure equals the unweighted
 * state's (nps.h) to the bit.  Subtracting a weight again is not exact, so
 * there is no moving-window (inverse) form.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_NPS_WEIGHTED_H
#define CF_NPS_WEIGHTED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dd.h"
#include "error.h"
#include "nps.h"

#define CF_WEIGHTED_FORMAT_VERSION 1
#define CF_WEIGHTED_TEXT_VERSION 1
/*
 * Weights are 0 or within [1e-100, 1e100]: the squares and every sum of up to
 * 2^63 of them then stay normal doubles (no overflow, no underflow of a
 * product's error term), so no figure is infinite or NaN.
 */
#define CF_WEIGHT_MIN 1e-100
#define CF_WEIGHT_MAX 1e100

/* The answers with one score. */
typedef struct cf_weighted_bucket
{
	int64_t		count;			/* answers */
	cf_dd		weight;			/* sum of their weights */
	cf_dd		weight_sq;		/* sum of their squared weights */
} cf_weighted_bucket;

/*
 * The stored state; the first field is room for PostgreSQL's varlena length
 * word (the glue uses the struct as the datum, the core never touches it).
 */
typedef struct cf_nps_weighted_state
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		nbuckets;		/* scale_max - scale_min + 1 */
	int16_t		scale_min;
	int16_t		scale_max;
	int16_t		promoter_min;
	int16_t		detractor_max;
	int64_t		skipped;		/* rows with a NULL score */
	cf_dd		skipped_weight; /* their weights */
	cf_weighted_bucket buckets[];	/* buckets[s - scale_min] for score s */
} cf_nps_weighted_state;

/* What the accessors read off a state: weighted totals per class. */
typedef struct cf_weighted_summary
{
	int64_t		answers;		/* exact count of rows with a score */
	double		responses;		/* sum of their weights */
	double		promoters;
	double		passives;
	double		detractors;
	double		score_sum;		/* sum of weight * score */
	double		net_weight;		/* promoters - detractors, rounded once */
	double		effective_n;	/* Kish: responses^2 / sum of squared weights; 0 when responses is 0 */
} cf_weighted_summary;

/* A state parsed from text, before the glue allocates the real one. */
typedef struct cf_weighted_parsed
{
	cf_score_scale scale;
	int			nbuckets;
	int64_t		skipped;
	cf_dd		skipped_weight;
	cf_weighted_bucket buckets[CF_SCORE_MAX_BUCKETS];
} cf_weighted_parsed;

/* CF_OK for 0 or a weight in [1e-100, 1e100]; CF_EINVAL (negative, NaN, infinite) or CF_ERANGE otherwise. */
int			cf_weight_check(double weight, cf_error *err);

size_t		cf_nps_weighted_size(const cf_score_scale *scale);
void		cf_nps_weighted_init(cf_nps_weighted_state *st, const cf_score_scale *scale);
cf_score_scale cf_nps_weighted_scale(const cf_nps_weighted_state *st);
bool		cf_nps_weighted_same_scale(const cf_nps_weighted_state *a, const cf_nps_weighted_state *b);

/* Count one answer (score on the scale, weight checked); false when its count would overflow. */
static inline bool
cf_nps_weighted_add(cf_nps_weighted_state *st, int32_t score, double weight)
{
	cf_weighted_bucket *b = &st->buckets[score - st->scale_min];

	if (__builtin_add_overflow(b->count, 1, &b->count))
		return false;
	b->weight = cf_dd_add_double(b->weight, weight);
	b->weight_sq = cf_dd_add(b->weight_sq, cf_dd_product(weight, weight));
	return true;
}

/* Count one skipped answer (NULL score) with its weight; false on overflow. */
bool		cf_nps_weighted_skip(cf_nps_weighted_state *st, double weight);

/* dst += src (same scale); false when a count would overflow, dst then unchanged. */
bool		cf_nps_weighted_merge(cf_nps_weighted_state *dst, const cf_nps_weighted_state *src);

/* Totals per class (figures rounded once from the double-double sums). */
cf_weighted_summary cf_nps_weighted_summarize(const cf_nps_weighted_state *st);

/*
 * The figures of the unweighted state (nps.c) from weighted totals; the
 * summary must have responses > 0.  Intervals and tests use the effective
 * sample size where the unweighted ones use the number of answers; with
 * every weight 1 each equals its unweighted counterpart to the bit.
 */
double		cf_weighted_net(const cf_weighted_summary *s);
cf_score_estimate cf_weighted_estimate_by(const cf_weighted_summary *s, cf_nps_method method);
double		cf_weighted_moe_by(const cf_weighted_summary *s, double z, cf_nps_method method);
cf_score_comparison cf_weighted_compare_by(const cf_weighted_summary *a, const cf_weighted_summary *b,
										   cf_nps_method method);
cf_score_comparison cf_weighted_compare_benchmark(const cf_weighted_summary *s, double benchmark,
												  cf_nps_method method);
/* The weighted total of the class. */
double		cf_weighted_class_total(const cf_weighted_summary *s, cf_score_class cls);
/* The class's effective count: its share times the effective sample size (for Wilson). */
double		cf_weighted_class_effective(const cf_weighted_summary *s, cf_score_class cls);

/*
 * Text form: "v1;scale=0..10;promoter_min=9;detractor_max=6;skipped=<rows>:<weight>
 * ;score=<s>:<rows>:<weight>:<weight_sq>..." with a score= field for each
 * score that has answers, in order; a sum is "hi" or "hi,lo".  Like snprintf.
 */
size_t		cf_nps_weighted_format(const cf_nps_weighted_state *st, char *buf, size_t buflen);

/* Parse the text form: CF_OK, else CF_ESYNTAX with what is wrong in err's detail. */
int			cf_nps_weighted_parse(const char *text, cf_weighted_parsed *out, cf_error *err);

/* Check a state read from outside (binary input, text, stored data): CF_OK when sound, else CF_EINVAL. */
int			cf_nps_weighted_check(const cf_nps_weighted_state *st, size_t size, cf_error *err);

#endif
