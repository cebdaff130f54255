/*
 * rfm.h — RFM scores from analyst-supplied breakpoints, and the named
 * segments of the R/F grid.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_RFM_H
#define CF_RFM_H

#include <stdbool.h>
#include "error.h"

#define CF_RFM_BREAKS 4			/* four breakpoints make five scores */
#define CF_RFM_SEGMENTS 11

/*
 * CF_OK if the breakpoints are usable (CF_RFM_BREAKS finite, non-decreasing),
 * else CF_EINVAL with the rule in err's detail.
 */
int			cf_rfm_breaks_check(const double *breaks, int n, cf_error *err);

/*
 * Score 1-5 of value against ascending breakpoints b1 <= b2 <= b3 <= b4:
 * 1 + the number of breakpoints strictly below value (a value equal to a
 * breakpoint takes the lower score, as "at most the 20th percentile" = 1).
 * With lower_is_better (recency in days) the score is reversed: 6 - that.
 */
int			cf_rfm_score(double value, const double *breaks, bool lower_is_better);

/* The segment name of recency score r and frequency score f (both 1-5); NULL if out of range. */
const char *cf_rfm_segment(int r, int f);

/* All segment names, best first (for documentation and enumeration). */
extern const char *const cf_rfm_segment_names[CF_RFM_SEGMENTS];

/*
 * Score with the R rfm package's order at the cut-points: 1 + the number of
 * breakpoints at or below value (a value equal to a breakpoint takes the
 * higher score: its bins are [b(i-1), b(i))); reversed when lower_is_better.
 */
int			cf_rfm_score_upper(double value, const double *breaks, bool lower_is_better);

/* ---------- segments as data: ordered rules, first match wins ---------- */

#define CF_RFM_RULE_NAME_MAX 127	/* bytes of a segment name */
#define CF_RFM_MAX_RULES	1000

/* A rule: its name and, per score (R, F, M), the range lo..hi it matches (1..5 = any). */
typedef struct cf_rfm_rule
{
	char		name[CF_RFM_RULE_NAME_MAX + 1];
	int			lo[3];
	int			hi[3];
} cf_rfm_rule;

/* The name of the first rule matching the scores (1..5 each), or NULL when none does. */
const char *cf_rfm_match(const cf_rfm_rule *rules, int n, int r, int f, int m);

/*
 * The rules of a named scheme: "rf_grid" (the R x F grid of cf_rfm_segment,
 * monetary ignored) or "rfm_package" (the ten segments of the R rfm
 * package's 0.2 vignette, then "Others" for the rest).  False when unknown.
 */
bool		cf_rfm_scheme(const char *name, const cf_rfm_rule **rules, int *n);

/* The scheme names, for messages: "rf_grid, rfm_package". */
extern const char *const cf_rfm_scheme_list;

/* One finding of cf_rfm_check. */
typedef enum cf_rfm_problem_kind
{
	CF_RFM_OVERLAP,				/* rule and an earlier other share cells (the earlier wins) */
	CF_RFM_UNREACHABLE,			/* every cell of rule is taken by earlier rules */
	CF_RFM_GAP					/* cells no rule matches */
} cf_rfm_problem_kind;

typedef struct cf_rfm_problem
{
	cf_rfm_problem_kind kind;
	int			rule;			/* 0-based; -1 for a gap */
	int			other;			/* the earlier rule of an overlap, else -1 */
	int			cells;			/* score cells (r, f, m) concerned, of 125 */
	int			example[3];		/* the first such cell (r, f, m) in score order */
} cf_rfm_problem;

/*
 * The overlaps, unreachable rules and the gap of the rules, in rule order
 * (the gap last), into out[]; their number.  out needs room for
 * n * (n - 1) / 2 + n + 1 entries; the caller passes that many.
 */
int			cf_rfm_check(const cf_rfm_rule *rules, int n, cf_rfm_problem *out);

#endif
