/*
 * rfm.h — RFM scores from analyst-supplied breakpoints, and the named
 * segments of the R/F grid.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_RFM_H
#define CF_RFM_H

#include <stdbool.h>

#define CF_RFM_BREAKS 4			/* four breakpoints make five scores */
#define CF_RFM_SEGMENTS 11

/*
 * NULL if the breakpoints are usable (CF_RFM_BREAKS finite, non-decreasing),
 * else a static message.
 */
const char *cf_rfm_breaks_problem(const double *breaks, int n);

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

#endif
