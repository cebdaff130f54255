/*
 * service.h — service-quality measures: service levels (expectation against
 * perception), response-time standards, importance-performance analysis of
 * purchase factors, and the complaint signal.
 *
 * Every state is a mergeable summary: counts, exact fixed-point sums, exact
 * minimum and maximum, and (for response times) a log-bucketed histogram of
 * bounded size whose buckets depend only on the value, so any order of adding
 * and merging gives the same state.
 *
 * Pure C: no PostgreSQL headers.  The first field of every stored struct is
 * room for PostgreSQL's varlena length word; the core never touches it.
 */
#ifndef CF_SERVICE_H
#define CF_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------- exact sums ---------- */

/*
 * A signed 128-bit fixed-point number in units of 2^-32, stored as two 64-bit
 * words so that it needs no 16-byte alignment.  Integer addition is
 * associative, so sums do not depend on the order rows arrive in (parallel
 * plans and rollups give the serial result bit for bit).
 */
#define CF_FIX_FRAC_BITS 32
typedef struct cf_fixsum
{
	uint64_t	lo;
	uint64_t	hi;
} cf_fixsum;

/* x rounded to the nearest multiple of 2^-32 (|x| < 2^90). */
cf_fixsum	cf_fix_from_double(double x);

/* *dst += a; false on overflow (dst unchanged). */
bool		cf_fix_add(cf_fixsum *dst, cf_fixsum a);

/* The value as a double (correctly rounded from the fixed-point value). */
double		cf_fix_to_double(cf_fixsum a);

/* The shortest decimal text ("-12.5") that cf_fix_parse reads back as a, like snprintf. */
size_t		cf_fix_format(cf_fixsum a, char *buf, size_t buflen);

/* Parses a decimal, rounded to the nearest multiple of 2^-32; false when malformed or out of range. */
bool		cf_fix_parse(const char **p, cf_fixsum *out);

/* Shortest decimal text that reads back as exactly x (finite x), like snprintf. */
size_t		cf_format_double(double x, char *buf, size_t buflen);

/* ---------- service levels ---------- */

#define CF_SERVICE_LEVEL_FORMAT_VERSION 1

typedef enum cf_service_level
{
	CF_SERVICE_LEVEL_LOW = 0,			/* perceived < expected - tolerance */
	CF_SERVICE_LEVEL_STANDARD = 1,		/* within expected +/- tolerance, edges included */
	CF_SERVICE_LEVEL_WOW = 2			/* perceived > expected + tolerance */
} cf_service_level;

#define CF_SERVICE_LEVELS 3
extern const char *const cf_service_level_names[CF_SERVICE_LEVELS];

/* NULL when tolerance is finite and >= 0, else a static message. */
const char *cf_tolerance_problem(double tolerance);

/* The level of one experience (arguments finite, tolerance >= 0). */
cf_service_level cf_service_level_of(double expected, double perceived, double tolerance);

typedef struct cf_service_level_counts
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		reserved;
	double		tolerance;
	int64_t		counts[CF_SERVICE_LEVELS];	/* low, standard, wow */
} cf_service_level_counts;

void		cf_service_level_init(cf_service_level_counts *s, double tolerance);
int64_t		cf_service_level_total(const cf_service_level_counts *s);

/* dst += src (same tolerance); false on overflow, dst unchanged. */
bool		cf_service_level_merge(cf_service_level_counts *dst, const cf_service_level_counts *src);

/* "v1 tolerance=0.5 low=1 standard=2 wow=3", like snprintf. */
size_t		cf_service_level_format(const cf_service_level_counts *s, char *buf, size_t buflen);

/* Parses the text form into *out (vl_len_ untouched); NULL or a static message. */
const char *cf_service_level_parse(const char *text, cf_service_level_counts *out);

/* Checks a value read from outside; NULL when sound. */
const char *cf_service_level_problem(const cf_service_level_counts *s);

/* ---------- response times ---------- */

#define CF_RESPONSE_TIME_FORMAT_VERSION 1
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

/* NULL when the target is finite, >= 0 and at most CF_RESPONSE_TIME_MAX_SECONDS. */
const char *cf_response_time_target_problem(double target);

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
 * Returns NULL or a static message.
 */
const char *cf_response_time_parse(const char *text, cf_response_time_sketch *out, int *nbuckets);

/* Checks a sketch read from outside (size in bytes, varlena header included). */
const char *cf_response_time_problem(const cf_response_time_sketch *s, size_t size);

/* ---------- importance-performance analysis ---------- */

#define CF_IPA_FORMAT_VERSION 1
#define CF_IPA_MAX_FACTORS	100
#define CF_IPA_NAME_MAX		127		/* bytes of a factor name */
#define CF_IPA_SCALE_BOUND	1e6		/* |scale_min|, |scale_max| at most */

typedef struct cf_ipa_factor
{
	char		name[CF_IPA_NAME_MAX + 1];	/* NUL-padded */
	int64_t		importance_n;
	int64_t		performance_n;
	cf_fixsum	importance_sum;
	cf_fixsum	performance_sum;
} cf_ipa_factor;

/* Factors sorted by name (bytewise), so the state is canonical. */
typedef struct cf_ipa_state
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		reserved;
	int32_t		nfactors;
	int32_t		reserved2;
	double		scale_min;
	double		scale_max;
	cf_ipa_factor factors[];
} cf_ipa_state;

/* One row of the analysis. */
typedef struct cf_ipa_row
{
	int			factor;			/* index into factors[] */
	bool		has_importance;
	bool		has_performance;
	double		importance;		/* mean rating */
	double		performance;
	double		gap;			/* importance - performance, when both exist */
	int			quadrant;		/* -1 when a mean is missing */
	int			rank;			/* 1 = largest gap; 0 when unranked */
} cf_ipa_row;

#define CF_IPA_QUADRANTS 4
extern const char *const cf_ipa_quadrant_names[CF_IPA_QUADRANTS];

/* NULL when min < max, both finite and within the bound. */
const char *cf_ipa_scale_problem(double scale_min, double scale_max);

size_t		cf_ipa_size(int nfactors);
void		cf_ipa_init(cf_ipa_state *s, double scale_min, double scale_max);

/* Index of the factor or -(insertion point) - 1 when absent. */
int			cf_ipa_find(const cf_ipa_state *s, const char *name, size_t len);

/* dst (of cf_ipa_size(src->nfactors + 1) bytes) = src plus an empty factor at pos. */
void		cf_ipa_copy_with_factor(cf_ipa_state *dst, const cf_ipa_state *src, int pos,
									const char *name, size_t len);

/* Add a rating (on the scale; checked by the caller); false on overflow. */
bool		cf_ipa_add(cf_ipa_factor *f, bool importance, double rating);

int			cf_ipa_merged_factors(const cf_ipa_state *a, const cf_ipa_state *b);

/* dst (of cf_ipa_size(cf_ipa_merged_factors(a, b)) bytes) = a + b; false on overflow. */
bool		cf_ipa_merge(cf_ipa_state *dst, const cf_ipa_state *a, const cf_ipa_state *b);

/* Grand means: the mean of the factor means (each factor once); NAN without any. */
void		cf_ipa_grand_means(const cf_ipa_state *s, double *importance, double *performance);

/* Means closer than this count as equal (quadrant edges, rank ties). */
#define CF_IPA_TIE 1e-9

/*
 * The analysis, one row per factor in rows[nfactors], ordered by rank
 * (factors without both means last, unranked, by name).  A mean at or above
 * its threshold (within CF_IPA_TIE) is high.  Rank: gap descending, then mean
 * importance descending (both compared at 1e-9), then name (bytewise).
 */
void		cf_ipa_analyse(const cf_ipa_state *s, double importance_threshold,
						   double performance_threshold, cf_ipa_row *rows);

/* 'v1 scale_min=1 scale_max=5 "price"=12/3,9/3 ...', like snprintf. */
size_t		cf_ipa_format(const cf_ipa_state *s, char *buf, size_t buflen);

/* Two-pass parse like cf_response_time_parse. */
const char *cf_ipa_parse(const char *text, cf_ipa_state *out, int *nfactors);

const char *cf_ipa_problem(const cf_ipa_state *s, size_t size);

/* ---------- complaints ---------- */

#define CF_COMPLAINT_FORMAT_VERSION 1
#define CF_COMPLAINT_DEFAULT_MIN_ORDERS 500

typedef struct cf_complaint_counts
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		reserved;
	int64_t		orders;
	int64_t		complaints;
} cf_complaint_counts;

void		cf_complaint_init(cf_complaint_counts *s);
bool		cf_complaint_merge(cf_complaint_counts *dst, const cf_complaint_counts *src);
size_t		cf_complaint_format(const cf_complaint_counts *s, char *buf, size_t buflen);
const char *cf_complaint_parse(const char *text, cf_complaint_counts *out);
const char *cf_complaint_problem(const cf_complaint_counts *s);

#endif
