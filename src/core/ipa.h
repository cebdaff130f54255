/*
 * ipa.h — importance-performance analysis of purchase factors: per factor,
 * exact sums and counts of importance and performance ratings
 *
 * Pure C: no PostgreSQL headers.  The first field of every stored struct is
 * room for PostgreSQL's varlena length word; the core never touches it.
 */
#ifndef CF_IPA_H
#define CF_IPA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fixsum.h"
#include "error.h"

/* ---------- importance-performance analysis ---------- */

#define CF_IPA_FORMAT_VERSION 1
#define CF_IPA_TEXT_VERSION 2	/* "v2;key=value;...": the 1.0 text was "v1 key=value ..." */
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

/* CF_OK when min < max, both finite and within the bound; else CF_EINVAL, the rule in err's detail. */
int			cf_ipa_scale_check(double scale_min, double scale_max, cf_error *err);

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
int			cf_ipa_parse(const char *text, cf_ipa_state *out, int *nfactors, cf_error *err);

int			cf_ipa_check(const cf_ipa_state *s, size_t size, cf_error *err);

#endif
