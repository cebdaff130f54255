/*
 * interrupt.h — a hook through which long loops of the pure C core let their
 * host stop them (PostgreSQL: query cancel, statement_timeout).
 *
 * The core has no PostgreSQL header, so it cannot call CHECK_FOR_INTERRUPTS
 * itself: the glue sets cf_interrupt_hook in _PG_init to a function that does.
 * The hook may not return (PostgreSQL leaves by longjmp); a loop that calls
 * cf_check_interrupts() must therefore hold no malloc'd memory or other
 * resource at that point.  Unit tests and fuzzers leave the hook NULL.
 */
#ifndef CF_INTERRUPT_H
#define CF_INTERRUPT_H

extern void (*cf_interrupt_hook) (void);

/* Give the host a chance to cancel; cheap enough for every few hundred iterations. */
static inline void
cf_check_interrupts(void)
{
	if (cf_interrupt_hook)
		cf_interrupt_hook();
}

#endif							/* CF_INTERRUPT_H */
