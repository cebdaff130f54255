/*
 * nps_trend.h — tests over the net scores of several periods: a chi-square
 * test of homogeneity of the promoter/passive/detractor split across the
 * periods, and a test of a linear trend of the net score over the period
 * numbers.
 *
 * The input is one count triple per period; the aggregate collects triples
 * from stored states in any order and merges them here (integer sums, so
 * serial, parallel and rolled-up inputs give the same table and the same
 * bits).
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_NPS_TREND_H
#define CF_NPS_TREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nps.h"

/* The answers of one period. */
typedef struct cf_trend_period
{
	int32_t		period;
	int32_t		zero;			/* always 0: no padding bytes of unknown value */
	int64_t		promoters;
	int64_t		passives;
	int64_t		detractors;
} cf_trend_period;

/* The two tests; a has_ flag is false where the statistic is undefined (SQL NULL). */
typedef struct cf_trend_result
{
	bool		has_chi_square;	/* at least two periods with answers */
	double		chi_square;		/* Pearson's X^2 of the 3 x k table */
	int32_t		df;				/* (classes with answers - 1) * (periods - 1) */
	bool		has_p_value;	/* df > 0 */
	double		p_value;		/* P(chi-square(df) > X^2) */
	bool		has_slope;		/* at least two periods with answers */
	double		slope;			/* net-score points per period number */
	bool		has_slope_test;	/* at least three answers */
	double		slope_std_error;
	double		slope_p_value;	/* two-sided, normal approximation */
} cf_trend_result;

#define CF_TREND_FORMAT_VERSION 1
#define CF_TREND_TEXT_VERSION 1
#define CF_TREND_MAX_ENTRIES (1 << 26)	/* 2 GB of entries at 32 bytes: the varlena limit */

/*
 * The aggregate's state (nps_trend_state): the scale of the states seen and
 * one entry per period, appended in any order while aggregating (a period
 * may repeat until compacted) and kept sorted and distinct in stored values.
 * The first field is room for PostgreSQL's varlena length word; the varlena
 * holds cap entries, of which the first n are used and the rest zero.
 */
typedef struct cf_nps_trend_state
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		scale_min;
	int16_t		scale_max;
	int16_t		promoter_min;
	int16_t		detractor_max;
	int16_t		reserved;		/* zero */
	int32_t		n;
	int32_t		cap;
	cf_trend_period entries[];
} cf_nps_trend_state;

/* Bytes of a state with room for cap entries. */
size_t		cf_nps_trend_state_size(int32_t cap);

/* Initialise *t (of cf_nps_trend_state_size(cap) bytes): no entries, the rest zero. */
void		cf_nps_trend_state_init(cf_nps_trend_state *t, const cf_score_scale *scale, int32_t cap);

/* The scale of the state. */
cf_score_scale cf_nps_trend_state_scale(const cf_nps_trend_state *t);

/*
 * Text form of a scale and distinct, sorted periods:
 * "v1;scale=0..10;promoter_min=9;detractor_max=6;period=3:30,10,10;period=5:...",
 * each period as <number>:<promoters>,<passives>,<detractors>.  Like snprintf:
 * writes at most buflen bytes and returns the full length.
 */
size_t		cf_nps_trend_format(const cf_score_scale *scale, const cf_trend_period *periods, size_t n,
								char *buf, size_t buflen);

/* An upper bound of the periods in a text form (to size the state before parsing). */
size_t		cf_nps_trend_text_periods(const char *text);

/*
 * Parses the text form into *scale and periods[0..*n) (room for max entries);
 * CF_OK, else CF_ESYNTAX with the rule in err's detail.  The periods are then
 * checked by cf_nps_trend_check.
 */
int			cf_nps_trend_parse(const char *text, cf_score_scale *scale, cf_trend_period *periods,
							   size_t max, size_t *n, cf_error *err);

/*
 * CF_OK when a scale and periods read from outside are sound: a usable scale,
 * periods strictly increasing, counts non-negative with a total per period
 * below 2^63: CF_OK, else CF_EINVAL with the rule in err's detail.
 */
int			cf_nps_trend_check(const cf_score_scale *scale, const cf_trend_period *periods, size_t n, cf_error *err);

/* The counts of a summary as a period's entry. */
cf_trend_period cf_trend_period_of(int32_t period, const cf_score_summary *s);

/*
 * Sorts entries by period and adds up those of the same period, in place;
 * returns the number of distinct periods, or (size_t) -1 when a sum would
 * overflow int64 (the entries are then sorted but not merged).
 */
size_t		cf_trend_compact(cf_trend_period *entries, size_t n);

/*
 * Both tests over distinct periods (as cf_trend_compact leaves them); periods
 * without answers are left out.  Polls for interrupts.
 */
void		cf_trend_test(const cf_trend_period *periods, size_t n, cf_trend_result *r);

#endif
