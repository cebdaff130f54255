/*
 * cohort.h — the ladder over time: calendar periods of local day numbers and
 * the two tables read from a loyalty_ladder's purchase days without a rescan
 * of the orders, cohort retention and lifecycle counts (issue 16).
 *
 * Days count from 2000-01-01 in the ladder's zone (loyalty_ladder.h), so the
 * periods are the zone's calendar periods: a DST change moves no day.  A
 * period is numbered by its index (day: the day; week: ISO weeks, Monday
 * first, since the week of 2000-01-01; month: year * 12 + month - 1;
 * quarter: year * 4 + quarter - 1; year: the year) and named by its first
 * day.  The proleptic Gregorian calendar, as PostgreSQL's dates.
 *
 * Both tables count customers with purchase days only (prospects are in no
 * cohort); periods run up to `last`, the period of the as-of day, whose
 * counts are partial.  Customers are added one at a time (a table or a
 * stored value streamed by the caller), each with its sorted distinct days;
 * the tables are indexed backwards from `last` (k = last - period), so they
 * grow only as earlier periods turn up.  Memory comes from the caller's
 * cf_allocator.  Pure C: no PostgreSQL headers.
 */
#ifndef CF_COHORT_H
#define CF_COHORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "error.h"

typedef enum cf_period
{
	CF_PERIOD_DAY,
	CF_PERIOD_WEEK,
	CF_PERIOD_MONTH,
	CF_PERIOD_QUARTER,
	CF_PERIOD_YEAR
} cf_period;

#define CF_PERIOD_NAMES "day, week, month, quarter, year"

/*
 * The tables' return codes are error.h's: CF_OK, CF_ENOMEM, CF_ERANGE (more
 * than CF_COHORT_MAX_CELLS counts), CF_EINVAL (a day after the as-of day, or
 * days not increasing).
 */

/* The most counts a table holds (cohort x offset cells, or periods x 4): 512 MB of counts. */
#define CF_COHORT_MAX_CELLS (INT64_C(1) << 26)

/* The period named name (day, week, month, quarter, year; ASCII case ignored); false for any other. */
bool		cf_period_from_name(const char *name, size_t len, cf_period *p);

/* The lowercase name of p ("month"). */
const char *cf_period_name(cf_period p);

/* The index of the period that contains day. */
int64_t		cf_period_index(cf_period p, int64_t day);

/* The first day of the period with this index. */
int64_t		cf_period_first_day(cf_period p, int64_t index);

/*
 * Periods of ascending days, one civil conversion per period boundary
 * crossed rather than per day (most customers' days fall in few periods).
 */
typedef struct cf_period_cursor
{
	cf_period	period;
	int64_t		index;			/* of the period holding [from, until) */
	int64_t		from;
	int64_t		until;
} cf_period_cursor;

void		cf_period_cursor_init(cf_period_cursor *c, cf_period p);
int64_t		cf_period_cursor_index(cf_period_cursor *c, int64_t day);

/*
 * The periods of the days before an as-of day, looked up in a table of
 * CF_PERIOD_MAP_DAYS days (about 200 years, 290 kB) built with one civil
 * conversion per day: a table of months is read with one load a day instead
 * of a division-heavy conversion per period crossed.  Days before the table,
 * or every day when it could not be allocated, go through a cursor.
 */
#define CF_PERIOD_MAP_DAYS 73050

typedef struct cf_period_map
{
	cf_period	period;
	int64_t		first;			/* the table's first day */
	int64_t		ndays;			/* 0: no table */
	int64_t		base;			/* index[d - first] + base is the period of day d */
	int32_t    *index;
	cf_period_cursor cursor;	/* for the other days */
} cf_period_map;

void		cf_period_map_init(cf_period_map *m, cf_period p, int64_t last_day, const cf_allocator *mem);
void		cf_period_map_free(cf_period_map *m, const cf_allocator *mem);

static inline int64_t
cf_period_map_index(cf_period_map *m, int64_t day)
{
	if (day >= m->first && day - m->first < m->ndays)
		return m->base + m->index[day - m->first];
	return cf_period_cursor_index(&m->cursor, day);
}

/*
 * Cohort retention: cells[k] (k = last - cohort) is NULL for an empty
 * cohort, else k + 1 counts: cells[k][o] customers of the cohort with a
 * purchase day in period cohort + o; cells[k][0] is the cohort's size.
 */
typedef struct cf_cohort_table
{
	cf_period	period;
	int64_t		last;			/* index of the as-of day's period */
	int64_t		as_of_day;
	int64_t		nk;				/* cells has room for k < nk */
	int64_t		ncells;
	int64_t	  **cells;
	cf_period_map map;
	cf_allocator mem;
} cf_cohort_table;

void		cf_cohort_init(cf_cohort_table *t, cf_period p, int32_t as_of_day, const cf_allocator *mem);

/* Adds a customer's sorted distinct purchase days (none: a prospect, not counted). */
int			cf_cohort_add(cf_cohort_table *t, const int32_t *days, int32_t ndays);

void		cf_cohort_free(cf_cohort_table *t);

/*
 * Lifecycle counts per period p (j = last - p): new (first purchase day in
 * p), retained (bought in p and p - 1), reactivated (bought in p, not in
 * p - 1, but earlier), churned (bought in p - 1, not in p).  first: the
 * earliest period with a purchase (when any).
 */
typedef struct cf_lifecycle_table
{
	cf_period	period;
	int64_t		last;
	int64_t		as_of_day;
	int64_t		nj;				/* the arrays have room for j < nj */
	int64_t		first;
	bool		any;
	int64_t    *counts;			/* 4 per period: new, retained, reactivated, churned */
	cf_period_map map;
	cf_allocator mem;
} cf_lifecycle_table;

#define CF_LIFECYCLE_NEW			0
#define CF_LIFECYCLE_RETAINED		1
#define CF_LIFECYCLE_REACTIVATED	2
#define CF_LIFECYCLE_CHURNED		3

void		cf_lifecycle_init(cf_lifecycle_table *t, cf_period p, int32_t as_of_day, const cf_allocator *mem);
int			cf_lifecycle_add(cf_lifecycle_table *t, const int32_t *days, int32_t ndays);
void		cf_lifecycle_free(cf_lifecycle_table *t);

#endif							/* CF_COHORT_H */
