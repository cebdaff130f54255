/*
 * response_time.h — response-time standards: a mergeable, log-bucketed sketch of
 * response times with count, compliance with a target, exact min, max and
 * sum, whose buckets depend only on the value (any order of adding and
 * merging gives the same state)
 *
 * Pure C: no PostgreSQL headers.  The first field of every stored struct is
 * room for PostgreSQL's varlena length word; the core never touches it.
 */
#ifndef CF_RESPONSE_TIME_H
#define CF_RESPONSE_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fixsum.h"
#include "error.h"

#define CF_RESPONSE_TIME_FORMAT_VERSION 1
#define CF_RESPONSE_TIME_TEXT_VERSION 2	/* "v2;key=value;...": the 1.0 text was "v1 key=value ..." */
#define CF_RESPONSE_TIME_ACCURACY		0.01	/* relative error bound of percentiles */
#define CF_RESPONSE_TIME_MAX_SECONDS	1e12	/* about 31,700 years */
#define CF_RESPONSE_TIME_MIN_INDEXED	1e-9	/* smaller positive times share the 1 ns bucket */

/*
 * Count, compliance, exact min, max and sum, and a DDSketch-style histogram:
 * bucket k holds the times in (g^(k-1), g^k] with g = (1 + a) / (1 - a), so
 * its representative 2 g^k / (g + 1) is within a relative a of every time in
 * it.  Zeros are counted apart.  The buckets are kept sparse and sorted by
 * key: counts[] then keys[] follow the header (see cf_response_time_counts/cf_response_time_keys).
 * Keys lie in [key(1e-9), key(1e12)], at most about 2,400 buckets.
 */
typedef struct cf_response_time_sketch
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		reserved;
	int32_t		nbuckets;
	int32_t		reserved2;
	double		target;
	int64_t		responses;
	int64_t		compliant;		/* responses <= target */
	int64_t		zeros;
	double		min;
	double		max;
	cf_fixsum	sum;
	int64_t		data[];			/* counts[nbuckets], then int32 keys[nbuckets] */
} cf_response_time_sketch;

static inline int64_t *
cf_response_time_counts(cf_response_time_sketch *s)
{
	return s->data;
}

static inline int32_t *
cf_response_time_keys(cf_response_time_sketch *s)
{
	return (int32_t *) (s->data + s->nbuckets);
}

/* CF_OK when the target is finite, >= 0 and at most CF_RESPONSE_TIME_MAX_SECONDS; else CF_EINVAL. */
int			cf_response_time_target_check(double target, cf_error *err);

/* True when a response time is in range: 0 <= seconds <= CF_RESPONSE_TIME_MAX_SECONDS. */
bool		cf_response_time_time_ok(double seconds);

/* Bytes needed for a sketch with nbuckets buckets. */
size_t		cf_response_time_size(int nbuckets);

/* Initialise an empty sketch (of cf_response_time_size(0) bytes). */
void		cf_response_time_init(cf_response_time_sketch *s, double target);

/* The bucket key of a positive time. */
int32_t		cf_response_time_key(double seconds);

/*
 * Add one time (cf_response_time_time_ok).  Returns 0 when done, 1 when the time needs a
 * bucket the sketch lacks (its key in *key: grow with cf_response_time_copy_with_key and
 * add again), -1 on count or sum overflow (sketch unchanged).
 */
int			cf_response_time_add(cf_response_time_sketch *s, double seconds, int32_t *key);

/* dst (of cf_response_time_size(src->nbuckets + 1) bytes) = src plus an empty bucket key. */
void		cf_response_time_copy_with_key(cf_response_time_sketch *dst, const cf_response_time_sketch *src, int32_t key);

/* Buckets of the union of a and b. */
int			cf_response_time_merged_buckets(const cf_response_time_sketch *a, const cf_response_time_sketch *b);

/* dst (of cf_response_time_size(cf_response_time_merged_buckets(a, b)) bytes) = a + b; false on overflow. */
bool		cf_response_time_merge(cf_response_time_sketch *dst, const cf_response_time_sketch *a, const cf_response_time_sketch *b);

/* The mean time; responses > 0. */
double		cf_response_time_mean(const cf_response_time_sketch *s);

/*
 * The p-quantile (0 <= p <= 1) with percentile_cont's rule (interpolating
 * between the order statistics at ranks floor and ceil of p (n - 1)); each
 * order statistic is the exact min or max at the ends, else its bucket's
 * representative clamped to [min, max].  Within CF_RESPONSE_TIME_ACCURACY relative of
 * percentile_cont over the same times.  responses > 0.
 */
double		cf_response_time_quantile(const cf_response_time_sketch *s, double p);

/* "v1 target=20 accuracy=0.01 responses=... buckets=k:c,...", like snprintf. */
size_t		cf_response_time_format(const cf_response_time_sketch *s, char *buf, size_t buflen);

/*
 * Parses the text form.  First call with out = NULL to learn the number of
 * buckets (*nbuckets), then with out of cf_response_time_size(*nbuckets) bytes.
 * CF_OK, else CF_ESYNTAX with what is wrong in err's detail.
 */
int			cf_response_time_parse(const char *text, cf_response_time_sketch *out, int *nbuckets, cf_error *err);

/* Checks a sketch read from outside (size in bytes, varlena header included). */
int			cf_response_time_check(const cf_response_time_sketch *s, size_t size, cf_error *err);

#endif
