/*
 * interrupt.c — the host's cancel hook (see interrupt.h).
 */
#include "interrupt.h"

void		(*cf_interrupt_hook) (void) = 0;
