/*
 * fuzz_customer_profile_parse.c — libFuzzer harness for the text and stored forms of
 * customer profiles (core/customer_profile.c).
 *
 * Every input is used two ways:
 *   1. as text for cf_profile_parse (versions 1 and 2): never crashes or
 *      leaks; an accepted profile is sound (cf_profile_check), its text
 *      parses back to a profile with the same text (format is stable), and
 *      the accessors' arithmetic (summary, revenue, first-day and repeat
 *      revenue, trend, merge with itself) runs clean;
 *   2. as the bytes of a stored profile (either layout) for cf_profile_check,
 *      in a block of exactly that size (AddressSanitizer sees any read past
 *      it); a block it accepts formats, and the text parses back to the
 *      value binary input keeps (cf_profile_canonical).
 * Blocks from the allocator the core is given live in an arena freed after
 * each input, as palloc'd memory lives in a memory context in the server
 * (the parser may leave a superseded block behind, as the core's contract
 * allows); memory the core mallocs itself must still be freed by it.
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer_profile.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_customer_profile_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static void **arena;
static size_t arena_n,
			arena_cap;

/* The allocator handed to the core: malloc, remembered until arena_reset. */
static void *
alloc(size_t size)
{
	void	   *p;

	if (arena_n == arena_cap)
	{
		arena_cap = arena_cap ? 2 * arena_cap : 64;
		arena = realloc(arena, arena_cap * sizeof(void *));
		REQUIRE(arena != NULL);
	}
	p = malloc(size);
	if (p)
		arena[arena_n++] = p;
	return p;
}

/* Blocks go back all at once, in arena_reset. */
static void
arena_keep(void *p)
{
	(void) p;
}

static const cf_allocator arena_alloc = {alloc, arena_keep};

static void
arena_reset(void)
{
	while (arena_n > 0)
		free(arena[--arena_n]);
}

static size_t
block_size(const cf_profile *p)
{
	return cf_profile_block_size(p);
}

/* The text of p, malloc'd; the length query and the write agree. */
static char *
format_profile(const cf_profile *p)
{
	size_t		need = cf_profile_format(p, NULL, 0);
	char	   *buf;

	REQUIRE(need > 0);
	buf = malloc(need + 1);
	REQUIRE(buf != NULL);
	REQUIRE(cf_profile_format(p, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	return buf;
}

/* The accessors' arithmetic on a sound profile. */
static void
exercise(const cf_profile *p)
{
	cf_error	why;
	const int32_t *days = cf_profile_days(p);
	int32_t		last_day = days[p->ndays - 1];
	cf_profile_summary s;
	cf_bigdec	rev;
	double		x,
				y;
	cf_profile *copy,
			   *merged;
	size_t		size = block_size(p);
	cf_i128		first,
				twice;
	bool		known = cf_profile_first_revenue(p, &first);
	int			rc;

	if (cf_profile_summarize(p, last_day, &s) == 0)
		REQUIRE(s.x == p->ndays - 1 && s.since == 0 && s.t_x == s.t && s.t_x >= 0);
	if (last_day < INT32_MAX - 400)
		(void) cf_profile_summarize(p, last_day + 365, &s);
	if (cf_profile_revenue(p, &rev))
		cf_bigdec_free(&rev);
	(void) cf_profile_revenue_double(p);
	/* the repeat revenue exists exactly when the first day's is known */
	rc = cf_profile_repeat_revenue(p, &rev);
	REQUIRE(rc == (known ? CF_OK : CF_EINVAL) || rc == CF_ENOMEM);
	if (rc == CF_OK)
		cf_bigdec_free(&rev);
	(void) cf_profile_mean_interval_days(p, &x);
	(void) cf_profile_trend(p, &x, &y);

	/* Merge with a copy of itself: same days, twice the orders, or an error. */
	copy = malloc(size);
	REQUIRE(copy != NULL);
	memcpy(copy, p, size);
	merged = copy;
	if (cf_profile_merge(&merged, p, &arena_alloc) == CF_OK)
	{
		cf_i128		m;

		REQUIRE(merged->ndays == p->ndays && merged->orders == 2 * p->orders);
		/* the same first day: the revenues add, known while the sum fits (or, one day, the total does) */
		if (known && !__builtin_add_overflow(first, first, &twice))
			REQUIRE(cf_profile_first_revenue(merged, &m) && m == twice);
		else if (p->ndays > 1)
			REQUIRE(!cf_profile_first_revenue(merged, &m));
		REQUIRE(cf_error_detail(cf_profile_check(merged, block_size(merged), &why), &why) == NULL);
	}
	free(copy);					/* merged, if new, is in the arena */
}

static void
fuzz_text(const uint8_t *data, size_t size)
{
	cf_error	why;
	char	   *text = malloc(size + 1);
	int			rc;
	cf_profile *p,
			   *p2;
	char	   *t,
			   *t2;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	why.detail[0] = '\0';
#ifdef CF_FUZZ_SKIP_KNOWN
	/* Known bug (issue 7 report): take_digits overflows int64 on 19-digit numbers. */
	{
		size_t		i,
					run = 0;

		for (i = 0; i < size; i++)
			if ((run = (text[i] >= '0' && text[i] <= '9') ? run + 1 : 0) >= 19)
			{
				free(text);
				return;
			}
	}
#endif
	rc = cf_profile_parse(text, &arena_alloc, &p, &why);
	REQUIRE((rc == CF_OK) == (p != NULL));
	if (p == NULL)
	{
		/* a rejection says why (out of memory aside: the arena does not fail) */
		REQUIRE(rc == CF_ESYNTAX && why.detail[0] != '\0');
		free(text);
		return;
	}
	REQUIRE(cf_error_detail(cf_profile_check(p, block_size(p), &why), &why) == NULL);
	t = format_profile(p);
	if (cf_profile_parse(t, &arena_alloc, &p2, &why) != CF_OK)
		fprintf(stderr, "fuzz_customer_profile_parse: own text rejected: %s\n  text: %s\n", why.detail, t);
	REQUIRE(p2 != NULL);
	t2 = format_profile(p2);
	REQUIRE(strcmp(t, t2) == 0);
	exercise(p);
	free(t2);
	free(t);
	free(text);
}

/* The same value: every field a stored profile sends (not the padding or spare room). */
static bool
same_profile(const cf_profile *a, const cf_profile *b)
{
	cf_i128		fa = 0,
				fb = 0;
	bool		ka = cf_profile_first_revenue(a, &fa),
				kb = cf_profile_first_revenue(b, &fb);

	return a->version == b->version && a->flags == b->flags && a->zone_len == b->zone_len &&
		ka == kb && fa == fb &&
		memcmp(cf_profile_zone(a), cf_profile_zone(b), a->zone_len) == 0 &&
		a->scale == b->scale && a->orders == b->orders && a->first_ts == b->first_ts &&
		a->last_ts == b->last_ts && a->rev_lo == b->rev_lo && a->rev_hi == b->rev_hi &&
		a->mom_lo == b->mom_lo && a->mom_hi == b->mom_hi && a->big_nlimbs == b->big_nlimbs &&
		memcmp(cf_profile_limbs(a), cf_profile_limbs(b), sizeof(uint32_t) * (size_t) a->big_nlimbs) == 0 &&
		a->ndays == b->ndays &&
		memcmp(cf_profile_days(a), cf_profile_days(b), sizeof(int32_t) * (size_t) a->ndays) == 0;
}

static void
fuzz_stored(const uint8_t *data, size_t size)
{
	cf_error	why;
	cf_profile *p = malloc(size ? size : 1);

	REQUIRE(p != NULL);
	memcpy(p, data, size);
#ifdef CF_FUZZ_SKIP_KNOWN
	/* Known bug (issue 7 report): cf_profile_problem reads the zone before checking the size. */
	if (size < offsetof(cf_profile, data) || size < offsetof(cf_profile, data) + p->zone_len)
	{
		free(p);
		return;
	}
#endif
	if (cf_error_detail(cf_profile_check(p, size, &why), &why) == NULL)
	{
		char	   *t = format_profile(p);
		cf_profile *p2;

		if (cf_profile_parse(t, &arena_alloc, &p2, &why) != CF_OK)
			fprintf(stderr, "fuzz_customer_profile_parse: text of a sound stored profile rejected: %s\n  text: %s\n", why.detail, t);
		REQUIRE(p2 != NULL);

		/*
		 * What binary input stores (the revenue in canonical form) is the
		 * value text input builds from its text, field for field; and the
		 * text input's own value is canonical already.
		 */
		{
			cf_profile *copy = alloc(size ? size : 1);
			cf_profile *c;

			REQUIRE(copy != NULL);
			memcpy(copy, p, size);
			c = cf_profile_canonical(copy, &arena_alloc);
			REQUIRE(c != NULL);
			REQUIRE(cf_error_detail(cf_profile_check(c, cf_profile_block_size(c), &why), &why) == NULL);
			REQUIRE(same_profile(c, p2));
			REQUIRE(cf_profile_canonical(p2, &arena_alloc) == p2);
		}
		exercise(p);
		free(t);
	}
	free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_text(data, size);
	fuzz_stored(data, size);
	arena_reset();
	return 0;
}
