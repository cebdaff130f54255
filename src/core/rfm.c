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
#include "interrupt.h"
#include "rfm.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

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
static const char *
rfm_breaks_problem_words(const double *breaks, int n)
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

/* Score by the rule in rfm.h: ties go up. */
int
cf_rfm_score_upper(double value, const double *breaks, bool lower_is_better)
{
	int			s = 1,
				i;

	for (i = 0; i < CF_RFM_BREAKS; i++)
		if (breaks[i] <= value)
			s++;
	return lower_is_better ? 6 - s : s;
}

/* ---------- segments as data ---------- */

#define ANY {1, 1, 1}, {5, 5, 5}

/* The R x F grid above as rectangles, first match wins (Lost before Hibernating). */
static const cf_rfm_rule rf_grid[] = {
	{"Champions", {5, 4, 1}, {5, 5, 5}},
	{"Loyal Customers", {3, 4, 1}, {4, 5, 5}},
	{"Potential Loyalist", {4, 2, 1}, {5, 3, 5}},
	{"New Customers", {5, 1, 1}, {5, 1, 5}},
	{"Promising", {4, 1, 1}, {4, 1, 5}},
	{"Need Attention", {3, 3, 1}, {3, 3, 5}},
	{"About to Sleep", {3, 1, 1}, {3, 2, 5}},
	{"Can't Lose Them", {1, 5, 1}, {2, 5, 5}},
	{"At Risk", {1, 3, 1}, {2, 4, 5}},
	{"Lost", {1, 1, 1}, {1, 1, 5}},
	{"Hibernating", {1, 1, 1}, {2, 2, 5}},
};

/*
 * The R rfm package's vignette (version 0.2): segment names and the
 * lower/upper bounds of recency, frequency and monetary scores, in its order;
 * the package gives the first matching segment and "Others" to the rest.
 */
static const cf_rfm_rule rfm_package[] = {
	{"Champions", {4, 4, 4}, {5, 5, 5}},
	{"Loyal Customers", {2, 3, 3}, {5, 5, 5}},
	{"Potential Loyalist", {3, 1, 1}, {5, 3, 3}},
	{"New Customers", {4, 1, 1}, {5, 1, 1}},
	{"Promising", {3, 1, 1}, {4, 1, 1}},
	{"Need Attention", {2, 2, 2}, {3, 3, 3}},
	{"About To Sleep", {2, 1, 1}, {3, 2, 2}},
	{"At Risk", {1, 2, 2}, {2, 5, 5}},
	{"Can't Lose Them", {1, 4, 4}, {1, 5, 5}},
	{"Lost", {1, 1, 1}, {2, 2, 2}},
	{"Others", ANY},
};

const char *const cf_rfm_scheme_list = "rf_grid, rfm_package";

bool
cf_rfm_scheme(const char *name, const cf_rfm_rule **rules, int *n)
{
	if (strcmp(name, "rf_grid") == 0)
	{
		*rules = rf_grid;
		*n = (int) (sizeof(rf_grid) / sizeof(rf_grid[0]));
		return true;
	}
	if (strcmp(name, "rfm_package") == 0)
	{
		*rules = rfm_package;
		*n = (int) (sizeof(rfm_package) / sizeof(rfm_package[0]));
		return true;
	}
	return false;
}

static inline bool
rule_matches(const cf_rfm_rule *rule, const int *score)
{
	return score[0] >= rule->lo[0] && score[0] <= rule->hi[0] &&
		score[1] >= rule->lo[1] && score[1] <= rule->hi[1] &&
		score[2] >= rule->lo[2] && score[2] <= rule->hi[2];
}

const char *
cf_rfm_match(const cf_rfm_rule *rules, int n, int r, int f, int m)
{
	int			score[3] = {r, f, m},
				i;

	for (i = 0; i < n; i++)
		if (rule_matches(&rules[i], score))
			return rules[i].name;
	return NULL;
}

/* Calls visit for each of the 125 cells (r, f, m) in score order. */
#define FOR_CELLS(c) \
	for ((c)[0] = 1; (c)[0] <= 5; (c)[0]++) \
		for ((c)[1] = 1; (c)[1] <= 5; (c)[1]++) \
			for ((c)[2] = 1; (c)[2] <= 5; (c)[2]++)

static void
note_cell(cf_rfm_problem *p, const int *cell)
{
	if (p->cells++ == 0)
		memcpy(p->example, cell, sizeof(p->example));
}

int
cf_rfm_check(const cf_rfm_rule *rules, int n, cf_rfm_problem *out)
{
	int			cell[3],
				i,
				j,
				count = 0;
	cf_rfm_problem gap = {CF_RFM_GAP, -1, -1, 0, {0, 0, 0}};

	for (j = 0; j < n; j++)
	{
		cf_rfm_problem shadow = {CF_RFM_UNREACHABLE, j, -1, 0, {0, 0, 0}};
		bool		reachable = false,
					any = false;

		/* 1,000 rules make half a million pairs of 125 cells: about a second */
		cf_check_interrupts();

		/* overlaps with each earlier rule */
		for (i = 0; i < j; i++)
		{
			cf_rfm_problem o = {CF_RFM_OVERLAP, j, i, 0, {0, 0, 0}};

			FOR_CELLS(cell)
				if (rule_matches(&rules[i], cell) && rule_matches(&rules[j], cell))
				note_cell(&o, cell);
			if (o.cells > 0)
				out[count++] = o;
		}
		/* reachable: some cell of j that no earlier rule takes */
		FOR_CELLS(cell)
			if (rule_matches(&rules[j], cell))
		{
			any = true;
			for (i = 0; i < j && !rule_matches(&rules[i], cell); i++)
				;
			if (i == j)
				reachable = true;
			else
				note_cell(&shadow, cell);
		}
		if (any && !reachable)
			out[count++] = shadow;
	}
	FOR_CELLS(cell)
		if (cf_rfm_match(rules, n, cell[0], cell[1], cell[2]) == NULL)
		note_cell(&gap, cell);
	if (gap.cells > 0)
		out[count++] = gap;
	return count;
}

int
cf_rfm_breaks_check(const double *breaks, int n, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, rfm_breaks_problem_words(breaks, n));
}
