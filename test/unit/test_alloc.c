/*
 * test_alloc.c — the core's allocator contract (alloc.h) and cancel hook
 * (interrupt.h) in the model fits: the libc allocator, array-size overflow,
 * allocation failure at every step of the BG/NBD and Gamma-Gamma fits and
 * objectives (ENOMEM, nothing left allocated, then the same fit as with
 * malloc), and the hook: called during every fit, and a hook that leaves by
 * longjmp (as PostgreSQL's CHECK_FOR_INTERRUPTS does) from any of its calls
 * leaves only blocks of the allocator, which the test then frees as a memory
 * context would (run under valgrind by test/run.sh: any malloc'd block lost
 * by the jump is a definite leak there).
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "bgnbd.h"
#include "gamma_gamma.h"
#include "interrupt.h"
#include "talloc.h"
#include "unit.h"

/* ---------- a deterministic sample ---------- */

#define NCUST 1500

static cf_bgnbd_entry bg[NCUST];
static size_t nbg;
static cf_gamma_gamma_entry gg[NCUST];
static size_t ngg;

/* Simulated BG/NBD customers, and spends for those who repeat, compacted. */
static void
make_samples(void)
{
	cf_bgnbd_params truth = {0.25, 4.0, 0.8, 2.5};
	cf_error err;
	uint64_t	s = 12345;
	size_t		i;

	for (i = 0; i < NCUST; i++)
	{
		int32_t		x;
		double		tx,
					T = 20.0 + (double) (i % 19);

		if (cf_bgnbd_simulate(&truth, T, i + 1, &x, &tx, &err) != CF_OK ||
			cf_bgnbd_make_entry(x, tx, T, &bg[nbg++], &err) != CF_OK)
			abort();
		if (x > 0)
		{
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			if (cf_gamma_gamma_make_entry(x, 5.0 + (double) (s >> 40) / (1 << 20), &gg[ngg++], &err) != CF_OK)
				abort();
		}
	}
	if (cf_model_state_compact(&cf_bgnbd_layout, bg, nbg, &nbg, &err) != CF_OK ||
		cf_model_state_compact(&cf_gamma_gamma_layout, gg, ngg, &ngg, &err) != CF_OK)
		abort();
}

/* ---------- the libc allocator and array sizes ---------- */

static void
test_malloc_allocator(void)
{
	char	   *p = cf_malloc_allocator.alloc(100);
	void	   *z = cf_malloc_allocator.alloc(0);

	CHECK(p != NULL && z != NULL);
	memset(p, 1, 100);
	cf_free(&cf_malloc_allocator, p);
	cf_free(&cf_malloc_allocator, z);
	cf_free(&cf_malloc_allocator, NULL);	/* no-op */

	/* an overflowing size never reaches the allocator */
	fail_after(-1);
	CHECK(cf_alloc_array(&test_alloc, SIZE_MAX / 8 + 1, 16) == NULL);
	CHECK(nallocs == 0 && live_blocks == 0);
	p = cf_alloc_array(&test_alloc, 0, 16);
	CHECK(p != NULL && live_blocks == 1);
	cf_free(&test_alloc, p);
	CHECK(live_blocks == 0);
}

/* ---------- allocation failure at every step ---------- */

typedef int (*fit_fn) (const cf_allocator *mem, double *out);

static int
bg_fit(const cf_allocator *mem, double *out)
{
	cf_bgnbd_fit_result r;
	cf_error err;
	int			rc = cf_bgnbd_fit(bg, nbg, mem, NULL, &r, &err);

	*out = r.fit.log_likelihood;
	return rc;
}

static int
bg_objective(const cf_allocator *mem, double *out)
{
	double		theta[4] = {-1.0, 1.0, 0.0, 1.0},
				g[4];
	cf_error err;

	return cf_bgnbd_objective(bg, nbg, mem, theta, out, g, &err);
}

static int
gamma_gamma_fit(const cf_allocator *mem, double *out)
{
	cf_gamma_gamma_fit_result r;
	cf_error err;
	int			rc = cf_gamma_gamma_fit(gg, ngg, mem, NULL, &r, &err);

	*out = r.log_likelihood;
	return rc;
}

static int
gamma_gamma_objective(const cf_allocator *mem, double *out)
{
	double		theta[3] = {1.0, 1.0, 1.0},
				g[3];
	cf_error err;

	return cf_gamma_gamma_objective(gg, ngg, mem, theta, out, g, &err);
}

/*
 * Fail the k-th allocation for k = 0, 1, ... until the call succeeds: every
 * failure is ENOMEM with nothing left allocated; the success gives what the
 * libc allocator gives.  Returns the number of allocations the call makes.
 */
static long
fail_every_step(fit_fn fn, int min_steps)
{
	double		want,
				got;
	long		k;

	CHECK(fn(&cf_malloc_allocator, &want) == CF_OK);
	for (k = 0; k < 100; k++)
	{
		int			rc;

		fail_after(k);
		rc = fn(&test_alloc, &got);
		CHECK(live_blocks == 0);
		if (rc == CF_OK)
		{
			CHECK(got == want);
			break;
		}
		CHECK(rc == CF_ENOMEM);
	}
	fail_after(-1);
	CHECK(k >= min_steps && k < 100);
	return k;
}

static void
test_failure_injection(void)
{
	/*
	 * bgnbd: the family's prepared summary (lifetime.c), its block and three
	 * ranking arrays; gamma_gamma: one block
	 */
	CHECK(fail_every_step(bg_fit, 5) == 5);
	CHECK(fail_every_step(bg_objective, 5) == 5);
	CHECK(fail_every_step(gamma_gamma_fit, 1) == 1);
	CHECK(fail_every_step(gamma_gamma_objective, 1) == 1);
}

/* ---------- the cancel hook ---------- */

static long hook_calls;
static long jump_at = -1;		/* the hook call that jumps; -1 never */
static jmp_buf jump;

static void
counting_hook(void)
{
	if (hook_calls++ == jump_at)
		longjmp(jump, 1);
}

/* Blocks granted and not yet freed, freed "with the context" after a jump. */
static void *arena[64];
static int	narena;

static void *
arena_alloc(size_t size)
{
	void	   *p = narena < 64 ? malloc(size ? size : 1) : NULL;

	if (p)
		arena[narena++] = p;
	return p;
}

static void
arena_free(void *p)
{
	int			i;

	for (i = 0; i < narena; i++)
		if (arena[i] == p)
		{
			arena[i] = arena[--narena];
			free(p);
			return;
		}
	abort();					/* not ours */
}

static const cf_allocator arena_allocator = {arena_alloc, arena_free};

static void
arena_reset(void)
{
	while (narena > 0)
		free(arena[--narena]);
}

/*
 * Every call of fn polls the hook; a jump out of any of the first calls
 * leaves nothing but the arena's blocks (valgrind checks the rest).
 */
static void
test_hook(fit_fn fn, long min_calls)
{
	double		out;
	long		calls,
				k;

	cf_interrupt_hook = counting_hook;
	hook_calls = 0;
	jump_at = -1;
	CHECK(fn(&arena_allocator, &out) == CF_OK);
	CHECK(narena == 0);
	calls = hook_calls;
	CHECK(calls >= min_calls);
	for (k = 0; k < calls; k += 1 + calls / 12)
	{
		volatile bool jumped = false;

		hook_calls = 0;
		jump_at = k;
		if (setjmp(jump) == 0)
			(void) fn(&arena_allocator, &out);
		else
			jumped = true;
		CHECK(jumped);
		arena_reset();
	}
	jump_at = -1;
	cf_interrupt_hook = NULL;
}

int
main(void)
{
	make_samples();
	test_malloc_allocator();
	test_failure_injection();
	/* a fit polls at least once per objective evaluation and optimiser iteration */
	test_hook(bg_fit, 20);
	test_hook(gamma_gamma_fit, 20);
	test_hook(bg_objective, 1);
	test_hook(gamma_gamma_objective, 1);
	unit_report("alloc");
	return unit_failed != 0;
}
