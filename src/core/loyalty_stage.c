/*
 * loyalty_stage.c — the loyalty ladder (see loyalty_stage.h).
 */
#include "loyalty_stage.h"

#include <math.h>

const cf_ladder cf_ladder_defaults = {2, 5, 9, 3.0, 365, 730};

const char *const cf_stage_names[CF_STAGE_COUNT] = {
	"prospect", "buyer", "client", "regular", "advocate", "lapsed", "lost"
};

/* Usability of the thresholds. */
const char *
cf_ladder_rule(const cf_ladder *l)
{
	if (l->client_orders < 2)
		return "client_orders must be at least 2 (one order makes a buyer)";
	if (l->regular_orders <= l->client_orders)
		return "regular_orders must be greater than client_orders";
	if (l->advocate_score < 0 || l->advocate_score > 10)
		return "advocate_score must be between 0 and 10";
	if (!isfinite(l->lapse_factor) || l->lapse_factor <= 0)
		return "lapse_factor must be a positive finite number";
	if (l->lapse_days < 0)
		return "lapse_days must not be negative";
	if (l->lost_days < l->lapse_days)
		return "lost_days must be at least lapse_days";
	return 0;
}

/* The stage by the rules in loyalty_stage.h. */
cf_stage
cf_loyalty_stage(int64_t orders, int32_t x, int32_t t_x, int32_t since, int recommend_score,
				 const cf_ladder *l)
{
	if (orders <= 0)
		return CF_STAGE_PROSPECT;
	if (since > l->lost_days)
		return CF_STAGE_LOST;
	if (x == 0)
	{
		if (since > l->lapse_days)
			return CF_STAGE_LAPSED;
	}
	else if ((double) since * x > l->lapse_factor * t_x)
		return CF_STAGE_LAPSED;		/* since > factor * t_x / x, without dividing */
	if (orders >= l->regular_orders)
		return recommend_score >= l->advocate_score ? CF_STAGE_ADVOCATE : CF_STAGE_REGULAR;
	if (orders >= l->client_orders)
		return CF_STAGE_CLIENT;
	return CF_STAGE_BUYER;
}

/* Mean intervals elapsed since the last purchase day. */
bool
cf_overdue(int32_t x, int32_t t_x, int32_t since, double *overdue)
{
	if (x <= 0 || t_x <= 0)
		return false;
	*overdue = (double) since * x / t_x;
	return true;
}

int
cf_ladder_check(const cf_ladder *l, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, cf_ladder_rule(l));
}
