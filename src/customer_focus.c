/*
 * customer_focus.c — the module: magic block, start-up (the core's cancel
 * hook) and every customer_focus.* setting (GUC) with its reader.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <limits.h>

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "cf_glue.h"
#include "interrupt.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* ---------- settings ---------- */

static int	guc_client_orders = 2;
static int	guc_regular_orders = 5;
static int	guc_advocate_score = 9;
static double guc_lapse_factor = 3.0;
static int	guc_lapse_days = 365;
static int	guc_lost_days = 730;
static bool gucs_defined = false;

/*
 * Defines the customer_focus.* settings (the loyalty thresholds).  Idempotent:
 * _PG_init calls it, and cf_ladder_from_settings too in case it did not.
 */
static void
define_settings(void)
{
	if (gucs_defined)
		return;
	gucs_defined = true;
	DefineCustomIntVariable("customer_focus.client_orders",
							"Orders that make a customer a client on the loyalty ladder.",
							"Default 2; must be at least 2 and below customer_focus.regular_orders.",
							&guc_client_orders, 2, 2, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.regular_orders",
							"Orders that make a customer a regular on the loyalty ladder.",
							"Default 5; must be above customer_focus.client_orders.",
							&guc_regular_orders, 5, 3, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.advocate_score",
							"Lowest latest 0-10 recommend score that makes a regular an advocate.",
							"Default 9 (an NPS promoter).",
							&guc_advocate_score, 9, 0, 10, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomRealVariable("customer_focus.lapse_factor",
							 "A customer has lapsed when the days since the last order exceed this many mean intervals.",
							 "Default 3.",
							 &guc_lapse_factor, 3.0, CF_LAPSE_FACTOR_MIN, CF_LAPSE_FACTOR_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.lapse_days",
							"Days without an order after which a customer with one purchase day has lapsed.",
							"Default 365; at most customer_focus.lost_days.",
							&guc_lapse_days, 365, 0, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("customer_focus.lost_days",
							"Days without an order after which a customer is lost.",
							"Default 730; at least customer_focus.lapse_days.",
							&guc_lost_days, 730, 0, INT_MAX, PGC_USERSET, 0, NULL, NULL, NULL);
}

/* The loyalty thresholds of the customer_focus.* settings in force. */
cf_ladder
cf_ladder_from_settings(void)
{
	cf_ladder	l;

	define_settings();
	l.client_orders = guc_client_orders;
	l.regular_orders = guc_regular_orders;
	l.advocate_score = guc_advocate_score;
	l.lapse_factor = guc_lapse_factor;
	l.lapse_days = guc_lapse_days;
	l.lost_days = guc_lost_days;
	return l;
}

/* ---------- start-up ---------- */

/* The core's long loops call this: query cancel and statement_timeout reach them. */
static void
cf_postgres_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* Registers the settings and points the core's cancel hook at PostgreSQL's. */
void
_PG_init(void)
{
	define_settings();
	/*
	 * The prefix is ours: once the library is loaded, SET of an unknown
	 * customer_focus.* name (a misspelling) is an error, and placeholders set
	 * before loading are reported with a WARNING and removed.
	 */
	MarkGUCPrefixReserved("customer_focus");
	cf_interrupt_hook = cf_postgres_interrupts;
}
