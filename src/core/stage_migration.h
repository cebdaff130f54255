/*
 * stage_migration.h — readers of a loyalty ladder that move its thresholds or
 * its date: the stage counts over a grid of lapse factors and lost-days
 * thresholds (stage_sensitivity) and the customers per pair of stages at an
 * earlier date and at the ladder's as-of date (stage_migration), each from
 * one pass over the customers.
 *
 * Why not count each grid point: a customer's stage moves with the two
 * thresholds only where since * x crosses lapse_factor * t_x and where since
 * crosses lost_days, both monotone.  So one pass places each customer in a
 * cell (k, m) of the sorted grids (k: the factors under which it has lapsed,
 * m: the lost thresholds it has passed) by binary search, and prefix sums
 * over the cells give every point: customers x log(grid) + grid work instead
 * of customers x grid.
 *
 * Memory from the caller's cf_allocator.  Pure C: no PostgreSQL headers.
 */
#ifndef CF_STAGE_MIGRATION_H
#define CF_STAGE_MIGRATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "loyalty_stage.h"

#define CF_STAGE_GRID_MAX_POINTS 10000		/* lapse factors x lost thresholds */

/* The on-ladder stages a customer has when neither lapsed nor lost. */
#define CF_STAGE_GRID_BASES 4				/* buyer, client, regular, advocate */

typedef struct cf_stage_grid
{
	cf_ladder	l;				/* the other thresholds (lapse_days, orders, score) */
	int			nf;
	int			nl;
	double	   *factors;		/* the lapse factors, ascending */
	int32_t    *lost;			/* the lost-days thresholds, ascending */
	int64_t    *cells;			/* [base][k 0..nf][m 0..nl] customers */
	int64_t		prospects;
	int64_t		on_ladder;		/* customers with an order */
	cf_allocator mem;
} cf_stage_grid;

/*
 * A grid over the given lapse factors and lost-days thresholds (any order,
 * repeats allowed), l giving the other thresholds (its lapse_factor and
 * lost_days are not used).  The caller checks the values (cf_ladder_problem
 * of l with each) and nf * nl <= CF_STAGE_GRID_MAX_POINTS.  NULL when out of
 * memory.
 */
cf_stage_grid *cf_stage_grid_new(const cf_ladder *l, const double *factors, int nf,
								 const int32_t *lost, int nl, const cf_allocator *mem);

void		cf_stage_grid_free(cf_stage_grid *g);

/*
 * Counts one customer: orders, its sorted distinct purchase days (ndays),
 * its recommend score (0-10 or -1) at as_of_day.  False when a day is after
 * as_of_day (a corrupt ladder).
 */
bool		cf_stage_grid_add(cf_stage_grid *g, int64_t orders, const int32_t *days, int32_t ndays,
							  int score, int32_t as_of_day);

/*
 * The customers per stage at the grid point (lapse_factor, lost_days) of
 * the sorted grids' indices fi, li (the caller maps its own order through
 * cf_stage_grid_index).  The same counts as cf_loyalty_stage per customer
 * with those two thresholds; prefix sums must be built first
 * (cf_stage_grid_finish).
 */
void		cf_stage_grid_counts(const cf_stage_grid *g, int fi, int li, int64_t counts[CF_STAGE_COUNT]);

/* Turns the cells into prefix sums: after every customer is added, before counts. */
void		cf_stage_grid_finish(cf_stage_grid *g);

/* The index of a factor / lost threshold in the sorted grid (one of the values given). */
int			cf_stage_grid_factor_index(const cf_stage_grid *g, double factor);
int			cf_stage_grid_lost_index(const cf_stage_grid *g, int32_t lost_days);

/*
 * The stage of a customer at day: from its purchase days up to and
 * including day (ndays sorted days, counts[j] orders on days[j], orders their
 * total) and its recommend score (0-10 or -1), by cf_loyalty_stage; prospect
 * when it has no purchase day up to day.  The orders are those of the days
 * kept, so a stage at an earlier day counts only the orders until then.
 */
cf_stage	cf_stage_at(int64_t orders, const int32_t *days, const uint32_t *counts, int32_t ndays,
						int score, int32_t day, const cf_ladder *l);

/*
 * Counts one customer into migration[from][to]: its stage at from_day and at
 * as_of_day (from_day <= as_of_day), both with the same score (the ladder
 * keeps only the latest one, without its date).  False when a day is after
 * as_of_day (a corrupt ladder).
 */
bool		cf_stage_migration_add(int64_t migration[CF_STAGE_COUNT][CF_STAGE_COUNT], int64_t orders,
								   const int32_t *days, const uint32_t *counts, int32_t ndays, int score,
								   int32_t from_day, int32_t as_of_day, const cf_ladder *l);

#endif
