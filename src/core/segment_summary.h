/*
 * segment_summary.h — the per-segment summary of customer profiles: customers,
 * orders, exact revenue, repeat customers, the loyalty ladder's counts and
 * the value at risk of lapsed and lost customers over a horizon.
 *
 * Every part is a count or a sum, so summaries of parts of a segment (parallel
 * workers, shards, stored monthly summaries) merge into the summary of the
 * whole.  The parameters that decide a customer's stage and lost value (as-of
 * time, ladder thresholds, horizon, margin) are carried in the summary, and
 * summaries with different parameters refuse to merge.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_SEGMENT_SUMMARY_H
#define CF_SEGMENT_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decimal.h"
#include "loyalty_stage.h"
#include "error.h"

#define CF_SEGMENT_VERSION		1
#define CF_SEGMENT_TEXT_VERSION	2	/* v1 was the 1.0 text form (as_of in microseconds) */
#define CF_SEGMENT_MAX_HORIZON	100		/* years */

typedef struct cf_segment
{
	int32_t		vl_len_;		/* the glue's varlena length word */
	int16_t		version;
	int16_t		revenue_scale;	/* decimal scale of the revenue */
	int32_t		horizon_years;	/* lost value is summed over this many years */
	int64_t		as_of;			/* microseconds since 2000-01-01 UTC */
	double		margin;			/* share of revenue that is profit, in [0, 1] */
	cf_ladder	ladder;
	int64_t		customers;		/* every row, prospects (no profile) included */
	int64_t		orders;
	int64_t		repeat_customers;	/* customers with at least two orders */
	int64_t		stages[CF_STAGE_COUNT];
	uint64_t	revenue_lo;		/* revenue * 10^revenue_scale, int128 in two halves */
	int64_t		revenue_hi;
	/*
	 * Value at risk over the horizon of the lapsed and of the lost customers,
	 * in millionths, as int128 halves: each customer's value is rounded to a
	 * millionth, so sums are exact and equal in any order (parallel = serial).
	 */
	uint64_t	lapsed_lo;
	int64_t		lapsed_hi;
	uint64_t	lost_lo;
	int64_t		lost_hi;
} cf_segment;

#define CF_SEGMENT_VALUE_SCALE 6	/* value at risk in millionths */
#define CF_SEGMENT_VALUE_CAP ((cf_i128) 9000000000000000000LL)	/* per customer, in millionths */

/* The parameters of a summary. */
typedef struct cf_segment_params
{
	int64_t		as_of;
	int32_t		horizon_years;
	double		margin;
	cf_ladder	ladder;
} cf_segment_params;

/* What the summary needs of one customer who has a profile. */
typedef struct cf_segment_customer
{
	int64_t		orders;
	int32_t		x;				/* repeat purchase days */
	int32_t		t_x;			/* days from the first to the last purchase day */
	int32_t		since;			/* days from the last purchase day to as_of */
	int			recommend_score;	/* 0-10, or -1 for none */
	cf_i128		revenue;		/* revenue * 10^revenue_scale */
	int			revenue_scale;
	bool		has_trend;		/* annual and growth are known */
	double		annual;			/* derived annual value and yearly growth */
	double		growth;
} cf_segment_customer;

/* CF_OK when the parameters are usable, else CF_EINVAL with the rule in err's detail. */
int			cf_segment_params_check(const cf_segment_params *p, cf_error *err);

/* An empty summary with these (valid) parameters. */
void		cf_segment_init(cf_segment *s, const cf_segment_params *p);

/* The parameters of a summary. */
cf_segment_params cf_segment_get_params(const cf_segment *s);

/* True when two summaries were made with the same parameters. */
bool		cf_segment_same_params(const cf_segment *a, const cf_segment *b);

/* Counts a contact without orders (a prospect); false on count overflow. */
bool		cf_segment_add_prospect(cf_segment *s);

/*
 * Counts a customer; stores the stage in *stage.  false on overflow (the
 * summary is then unchanged): 2^63 customers or orders, or revenue beyond
 * 128 bits.
 */
bool		cf_segment_add_customer(cf_segment *s, const cf_segment_customer *c, cf_stage *stage);

/* dst += src (same parameters); false on overflow, dst then unchanged. */
bool		cf_segment_merge(cf_segment *dst, const cf_segment *src);

/* The revenue as value * 10^scale. */
cf_i128		cf_segment_revenue(const cf_segment *s);

/* The value at risk of the lapsed and of the lost customers, in millionths. */
cf_i128		cf_segment_lapsed_value(const cf_segment *s);
cf_i128		cf_segment_lost_value(const cf_segment *s);

/*
 * Text form (snprintf-like: returns the full length), in the grammar of text_form.h:
 *   v2;as_of=<UTC ISO time>;horizon=<years>;margin=<%.17g>;ladder=<client>,<regular>,<advocate>,<factor %.17g>,<lapse>,<lost>;
 *   customers=<n>;orders=<n>;repeat=<n>;stages=<7 counts>;revenue=<decimal>;lapsed_value=<decimal>;lost_value=<decimal>
 * The parser also reads the 1.0 form v1, the same with as_of in microseconds since 2000-01-01 UTC.
 */
size_t		cf_segment_format(const cf_segment *s, char *buf, size_t buflen);

/* Parses the text form into *out: CF_OK, else CF_ESYNTAX with what is wrong in err's detail. */
int			cf_segment_parse(const char *text, cf_segment *out, cf_error *err);

/* CF_OK when a summary read from outside is sound, else CF_EINVAL with the rule in err's detail. */
int			cf_segment_check(const cf_segment *s, size_t size, cf_error *err);

#endif
