/*
 * customer_focus.c — the module: magic block and start-up (GUCs).
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Defined by the glue files of the concepts that have settings. */
extern void cf_profile_define_gucs(void);

/*
 * Each concept that has settings defines its GUCs in its own glue file; the
 * list lives here so the module has one place that says what it registers.
 */
void
_PG_init(void)
{
	cf_profile_define_gucs();	/* customer_focus.* loyalty-ladder thresholds */
}
