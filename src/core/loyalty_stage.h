/*
 * loyalty_stage.h — the loyalty ladder (prospect, buyer, client, regular, advocate,
 * off the ladder lapsed and lost) and the overdue measure, from a customer's
 * order count, purchase-day summary and latest recommend score.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_LOYALTY_STAGE_H
#define CF_LOYALTY_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "error.h"

/* In the order of the SQL enum loyalty_stage. */
typedef enum cf_stage
{
	CF_STAGE_PROSPECT = 0,
	CF_STAGE_BUYER,
	CF_STAGE_CLIENT,
	CF_STAGE_REGULAR,
	CF_STAGE_ADVOCATE,
	CF_STAGE_LAPSED,
	CF_STAGE_LOST
} cf_stage;

#define CF_STAGE_COUNT 7

/*
 * The range of the customer_focus.lapse_factor setting: a ladder stored in a
 * segment_summary_state comes from the settings, so a stored one outside it
 * is not one an aggregate made.
 */
#define CF_LAPSE_FACTOR_MIN 1e-6
#define CF_LAPSE_FACTOR_MAX 1e6

/* The thresholds, with the defaults of cf_ladder_defaults. */
typedef struct cf_ladder
{
	int64_t		client_orders;	/* 2: this many orders make a client */
	int64_t		regular_orders; /* 5: this many make a regular */
	int32_t		advocate_score; /* 9: a regular whose latest 0-10 recommend score is at least this */
	double		lapse_factor;	/* 3: lapsed when days since the last order > factor * mean interval */
	int32_t		lapse_days;		/* 365: lapsed after this many days, one purchase day only */
	int32_t		lost_days;		/* 730: lost after this many days without an order */
} cf_ladder;

extern const cf_ladder cf_ladder_defaults;

/* The stage names, indexed by cf_stage. */
extern const char *const cf_stage_names[CF_STAGE_COUNT];

/*
 * CF_OK if the thresholds are usable, else CF_EINVAL with the rule in err's detail:
 * 2 <= client_orders < regular_orders, 0 <= advocate_score <= 10,
 * lapse_factor finite and > 0, 0 <= lapse_days <= lost_days.
 */
int			cf_ladder_check(const cf_ladder *l, cf_error *err);

/* The rule cf_ladder_check reports (a static phrase), NULL when usable: for core checks that include it. */
const char *cf_ladder_rule(const cf_ladder *l);

/*
 * The stage of a customer with orders orders (0: prospect), x repeat purchase
 * days, t_x days between the first and last purchase day, since days from
 * the last purchase day to the as-of day, and recommend_score (0-10, or -1
 * for none).  Rules, first match wins:
 *   orders = 0                                   -> prospect
 *   since > lost_days                            -> lost
 *   x = 0 and since > lapse_days                 -> lapsed   (one purchase day)
 *   x > 0 and since > lapse_factor * t_x / x     -> lapsed   (own mean interval)
 *   orders >= regular_orders and score >= advocate_score -> advocate
 *   orders >= regular_orders                     -> regular
 *   orders >= client_orders                      -> client
 *   otherwise                                    -> buyer
 */
cf_stage	cf_loyalty_stage(int64_t orders, int32_t x, int32_t t_x, int32_t since,
							 int recommend_score, const cf_ladder *l);

/* since / (t_x / x): how many mean intervals have passed; false when x = 0. */
bool		cf_overdue(int32_t x, int32_t t_x, int32_t since, double *overdue);

#endif
