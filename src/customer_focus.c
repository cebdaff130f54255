/*
 * customer_focus.c — the module: magic block and start-up (GUCs).
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Each concept that has settings defines its GUCs in its own glue file; the
 * list lives here so the module has one place that says what it registers.
 */
void
_PG_init(void)
{
}
