/*
 * rfm.c — RFM scores and segments (see rfm.h).
 *
 * The segment grid is the one that RFM tutorials use with regular expressions
 * over the "RF" score pair (R first):
 *   [1-2][1-2] Hibernating, [1-2][3-4] At Risk, [1-2]5 Can't Lose Them,
 *   3[1-2] About to Sleep, 33 Need Attention, [3-4][4-5] Loyal Customers,
 *   41 Promising, 51 New Customers, [4-5][2-3] Potential Loyalist,
 *   5[4-5] Champions,
 * with one refinement so that every named segment exists: the cell R=1, F=1
 * (bought once, longest ago) is Lost rather than Hibernating.
 */
#include "rfm.h"

#include <math.h>
#include <stddef.h>

const char *const cf_rfm_segment_names[CF_RFM_SEGMENTS] = {
	"Champions", "Loyal Customers", "Potential Loyalist", "New Customers", "Promising",
	"Need Attention", "About to Sleep", "At Risk", "Can't Lose Them", "Hibernating", "Lost"
};

/* grid[r - 1][f - 1] */
static const char *const grid[5][5] = {
	/* R=1 */ {"Lost", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
	/* R=2 */ {"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
	/* R=3 */ {"About to Sleep", "About to Sleep", "Need Attention", "Loyal Customers", "Loyal Customers"},
	/* R=4 */ {"Promising", "Potential Loyalist", "Potential Loyalist", "Loyal Customers", "Loyal Customers"},
	/* R=5 */ {"New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"},
};

/* Usability of breakpoints. */
const char *
cf_rfm_breaks_problem(const double *breaks, int n)
{
	int			i;

	if (n != CF_RFM_BREAKS)
		return "exactly 4 breakpoints are needed for scores 1 to 5";
	for (i = 0; i < n; i++)
		if (!isfinite(breaks[i]))
			return "breakpoints must be finite numbers";
	for (i = 1; i < n; i++)
		if (breaks[i] < breaks[i - 1])
			return "breakpoints must be in ascending order";
	return NULL;
}

/* Score by the rule in rfm.h. */
int
cf_rfm_score(double value, const double *breaks, bool lower_is_better)
{
	int			s = 1,
				i;

	for (i = 0; i < CF_RFM_BREAKS; i++)
		if (breaks[i] < value)
			s++;
	return lower_is_better ? 6 - s : s;
}

/* Segment of an R/F pair. */
const char *
cf_rfm_segment(int r, int f)
{
	if (r < 1 || r > 5 || f < 1 || f > 5)
		return NULL;
	return grid[r - 1][f - 1];
}
