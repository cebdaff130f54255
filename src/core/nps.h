/*
 * nps.h — score distributions on a bounded integer scale (NPS, CSAT, CES).
 *
 * A distribution is the count of responses per score.  Everything an NPS-like
 * report needs (net score, shares, margin of error, comparisons, charts) is a
 * function of the counts and of the scale's thresholds, so the counts are the
 * whole state: additive, exactly mergeable and invertible (window frames).
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_NPS_H
#define CF_NPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

#define CF_SCORE_FORMAT_VERSION 2	/* 1: 1.0 and early 1.1, without the skipped count */
#define CF_SCORE_TEXT_VERSION 3		/* v2: without skipped=; v1: the 1.0 form (fields separated by spaces) */
#define CF_SKIPPED_UNKNOWN (-1)		/* skipped answers of a state stored before they were counted */
#define CF_SCORE_MAX_BUCKETS	101		/* e.g. a 0-100 scale */
#define CF_SCORE_BOUND			10000	/* |scale_min|, |scale_max| at most */

/* The scale and how it is read: detractors <= detractor_max < promoter_min <= promoters. */
typedef struct cf_score_scale
{
	int32_t		scale_min;
	int32_t		scale_max;
	int32_t		promoter_min;
	int32_t		detractor_max;
} cf_score_scale;

/*
 * The stored distribution.  The first field is room for PostgreSQL's varlena
 * length word, so the glue uses this struct as the datum itself; the core
 * never reads or writes it.
 */
typedef struct cf_nps_state
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		nbuckets;		/* scale_max - scale_min + 1 */
	int16_t		scale_min;
	int16_t		scale_max;
	int16_t		promoter_min;
	int16_t		detractor_max;
	int64_t		skipped;		/* NULL scores counted, or CF_SKIPPED_UNKNOWN */
	int64_t		counts[];		/* counts[s - scale_min] for score s */
} cf_nps_state;

/*
 * Format version 1 (1.0, and 1.1 before skipped answers were counted): the
 * same header without the skipped count.  Stored values of it are read
 * through cf_nps_state_upgrade_v1.
 */
#define CF_NPS_STATE_V1_HEADER 16	/* bytes before counts[] */

/* Counts read off a distribution. */
typedef struct cf_score_summary
{
	int64_t		responses;
	int64_t		promoters;
	int64_t		passives;
	int64_t		detractors;
	double		score_sum;		/* for the mean score */
} cf_score_summary;

/* A distribution parsed from text, before the glue allocates the real one. */
typedef struct cf_score_parsed
{
	cf_score_scale scale;
	int64_t		skipped;		/* CF_SKIPPED_UNKNOWN for the v1 and v2 forms */
	int			nbuckets;
	int64_t		counts[CF_SCORE_MAX_BUCKETS];
} cf_score_parsed;

/* Comparison of two independent samples. */
typedef struct cf_score_comparison
{
	double		difference;		/* NPS(a) - NPS(b), in points */
	double		std_error;		/* of the difference, in points */
	double		z;
	double		p_value;		/* two-sided */
} cf_score_comparison;

/* How an interval or test estimates the net score and its standard error. */
typedef enum cf_nps_method
{
	CF_NPS_WALD,				/* the observed shares (1.0's nps_moe, nps_ci, nps_compare) */
	CF_NPS_ADJUSTED_WALD		/* n + 3 answers, 3/4 added to promoters and to detractors */
} cf_nps_method;

/* A net score with its standard error, both in points. */
typedef struct cf_score_estimate
{
	double		net;
	double		std_error;
} cf_score_estimate;

/* One of the three classes of answers, as top_box_ci names them. */
typedef enum cf_score_class
{
	CF_CLASS_PROMOTERS,
	CF_CLASS_PASSIVES,
	CF_CLASS_DETRACTORS
} cf_score_class;

extern const cf_score_scale cf_nps_scale;	/* 0-10, promoters 9-10, detractors 0-6 */
extern const cf_score_scale cf_csat_scale;	/* 1-5, top-2-box 4-5, bottom 1-2 */
extern const cf_score_scale cf_ces_scale;	/* 1-7, agree 5-7, disagree 1-3 */

/* CF_OK if the scale is usable, else CF_EINVAL with the rule broken in err's detail. */
int			cf_score_scale_check(const cf_score_scale *scale, cf_error *err);

/* Bytes needed for a distribution over the scale (assumed valid). */
size_t		cf_nps_state_size(const cf_score_scale *scale);

/* Initialise *dist (of cf_nps_state_size bytes) to zero counts over the scale. */
void		cf_nps_state_init(cf_nps_state *dist, const cf_score_scale *scale);

/* The scale a distribution was built with. */
cf_score_scale cf_nps_state_scale(const cf_nps_state *dist);

/* True when both distributions have the same scale and thresholds. */
bool		cf_nps_state_same_scale(const cf_nps_state *a, const cf_nps_state *b);

/* True when score lies on the distribution's scale. */
static inline bool
cf_score_in_scale(const cf_nps_state *dist, int64_t score)
{
	return score >= dist->scale_min && score <= dist->scale_max;
}

/* Count one response (score on the scale; checked by the caller). */
static inline void
cf_nps_state_add(cf_nps_state *dist, int32_t score)
{
	dist->counts[score - dist->scale_min]++;
}

/* Count one skipped answer (a NULL score); false on int64 overflow. */
bool		cf_nps_state_skip(cf_nps_state *dist);

/* Remove one skipped answer (moving frames); false if there was none. */
bool		cf_nps_state_unskip(cf_nps_state *dist);

/*
 * Fill *dist (initialised over the same scale) from a format-version-1 value
 * of v1_size bytes: its counts, the skipped answers unknown.  False when the
 * size does not match the scale.
 */
bool		cf_nps_state_upgrade_v1(const void *v1, size_t v1_size, cf_nps_state *dist);

/* Remove one response; false if there was none with that score. */
bool		cf_nps_state_remove(cf_nps_state *dist, int32_t score);

/*
 * dst += src (same scale); skipped answers add up, unknown when either is
 * unknown; false on int64 overflow, dst then unchanged.
 */
bool		cf_nps_state_merge(cf_nps_state *dst, const cf_nps_state *src);

/* Totals per class. */
cf_score_summary cf_nps_state_summarize(const cf_nps_state *dist);

/* Net score in points: 100 * (promoters - detractors) / responses; responses > 0. */
double		cf_score_net(const cf_score_summary *s);

/* Variance of the net score as a proportion difference: (p + d - (p - d)^2) / n. */
double		cf_score_net_variance(const cf_score_summary *s);

/* Margin of error of the net score, in points, at two-sided critical value z. */
double		cf_score_moe(const cf_score_summary *s, double z);

/* z-test of NPS(a) - NPS(b) for independent samples; both must have responses. */
cf_score_comparison cf_score_compare(const cf_score_summary *a, const cf_score_summary *b);

/* The method named "wald" or "adjusted_wald"; false for any other name. */
bool		cf_nps_method_from_name(const char *name, cf_nps_method *method);

/* The class named "promoters", "passives" or "detractors"; false for any other name. */
bool		cf_score_class_from_name(const char *name, cf_score_class *cls);

/* Answers of the class in the summary. */
int64_t		cf_score_class_count(const cf_score_summary *s, cf_score_class cls);

/*
 * The net score and its standard error by the method (responses > 0).  Wald:
 * the observed net score, 100 * sqrt((p + d - (p - d)^2) / n).  Adjusted Wald:
 * the same with n + 3 answers, promoters + 3/4 and detractors + 3/4, so the
 * net score is the adjusted one (the interval's centre).
 */
cf_score_estimate cf_score_estimate_by(const cf_score_summary *s, cf_nps_method method);

/* Net score and standard error, in points, of shares p and d among n answers (adjusted Wald's arithmetic). */
cf_score_estimate cf_score_estimate_of_shares(double p, double d, double n);

/* difference / std_error and its two-sided p; a certain difference when std_error is 0. */
cf_score_comparison cf_score_z_test(double difference, double std_error);

/* Margin of error in points at critical value z by the method (Wald: cf_score_moe, to the bit). */
double		cf_score_moe_by(const cf_score_summary *s, double z, cf_nps_method method);

/* z-test of the estimates' difference a - b for independent samples, by the method. */
cf_score_comparison cf_score_compare_by(const cf_score_summary *a, const cf_score_summary *b,
										cf_nps_method method);

/* z-test of the estimate against a fixed benchmark net score (in points). */
cf_score_comparison cf_score_compare_benchmark(const cf_score_summary *s, double benchmark,
											   cf_nps_method method);

/*
 * Text form: "v3;scale=0..10;promoter_min=9;detractor_max=6;skipped=2;counts=3,0,...",
 * or v2 (no skipped=) when the skipped answers are unknown.
 * Writes at most buflen bytes (NUL included) and returns the length the full
 * text needs, like snprintf.
 */
size_t		cf_nps_state_format(const cf_nps_state *dist, char *buf, size_t buflen);

/* Parse the text form: CF_OK, else CF_ESYNTAX with what is wrong in err's detail. */
int			cf_nps_state_parse(const char *text, cf_score_parsed *out, cf_error *err);

/* Check a distribution read from outside (binary input, stored data): CF_OK when sound, else CF_EINVAL. */
int			cf_nps_state_check(const cf_nps_state *dist, size_t size, cf_error *err);

/*
 * A horizontal bar of width * fraction character cells, in Unicode eighth
 * blocks when utf8 is true, else '#'.  Returns bytes written (NUL excluded);
 * buf needs 3 * width + 4 bytes.
 */
size_t		cf_bar(double fraction, int width, bool utf8, char *buf);

#endif
