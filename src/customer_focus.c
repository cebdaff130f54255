/*
 * customer_focus.c — the module: magic block and start-up (GUCs, the core's
 * cancel hook).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

#include "interrupt.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Defined by the glue files of the concepts that have settings. */
extern void cf_profile_define_gucs(void);

/* The core's long loops call this: query cancel and statement_timeout reach them. */
static void
cf_postgres_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/*
 * Each concept that has settings defines its GUCs in its own glue file; the
 * list lives here so the module has one place that says what it registers.
 */
void
_PG_init(void)
{
	cf_profile_define_gucs();	/* customer_focus.* loyalty-ladder thresholds */
	/*
	 * The prefix is ours: once the library is loaded, SET of an unknown
	 * customer_focus.* name (a misspelling) is an error, and placeholders set
	 * before loading are reported with a WARNING and removed.
	 */
	MarkGUCPrefixReserved("customer_focus");
	cf_interrupt_hook = cf_postgres_interrupts;
}
