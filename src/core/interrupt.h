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

#include <stddef.h>

extern void (*cf_interrupt_hook) (void);

/* Give the host a chance to cancel; cheap enough for every few hundred iterations. */
static inline void
cf_check_interrupts(void)
{
	if (cf_interrupt_hook)
		cf_interrupt_hook();
}

/*
 * Loops over the entries of a state poll once every CF_POLL_ENTRIES entries
 * (a power of two): at the dearest per-entry work of the core (about 100 ns,
 * formatting the text form) that is a poll every 0.4 ms, at the cheapest a
 * test and a branch per entry that the fit benchmark does not see.
 */
#define CF_POLL_ENTRIES 4096

/* cf_check_interrupts() when i is a multiple of CF_POLL_ENTRIES. */
static inline void
cf_poll_entry(size_t i)
{
	if ((i & (CF_POLL_ENTRIES - 1)) == 0)
		cf_check_interrupts();
}

/*
 * CF_FOR_POLLED(i, from, to) { ... }: for (i = from; i < to; i++) with a poll
 * before every CF_POLL_ENTRIES entries, made outside the loop that runs the
 * body: a call inside a hot loop makes the compiler reload from memory every
 * pointer the body reads (the hook might have changed it), which costs a few
 * per cent of a fit.  break in the body leaves only the inner loop: use it in
 * loops without break.
 */
#define CF_FOR_POLLED(i, from, to) \
	for (size_t cf_lo_ = (from), cf_to_ = (to); cf_lo_ < cf_to_; cf_lo_ += CF_POLL_ENTRIES) \
		for (cf_check_interrupts(), (i) = cf_lo_; (i) < cf_to_ && (i) - cf_lo_ < CF_POLL_ENTRIES; (i)++)

#endif							/* CF_INTERRUPT_H */
