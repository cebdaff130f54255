/*
 * fuzz_loyalty_ladder_parse.c — libFuzzer harness for the text and binary forms of
 * the loyalty_ladder ladder (core/loyalty_ladder.c).
 *
 * The first byte of an input chooses the form of the rest: even, the text
 * (cf_loyalty_ladder_parse); odd, the binary form (cf_loyalty_ladder_from_binary, and the
 * reader of stored values over the same bytes).  Both are given a block of
 * exactly the input's size, so AddressSanitizer sees any read past it.
 * Never a crash or a leak; a rejection says why; an accepted ladder is
 * sound (ids distinct, days increasing and in range, each day >= 1 order,
 * orders their sum), and once sorted:
 *   - its text parses back to the same text, its binary form to the same
 *     bytes, and each form gives the other's ladder;
 *   - the reader of its binary form (ids in order) gives its customers, and
 *     the same stage counts and total orders as the table;
 *   - merged with itself (from the table or from its binary form) each
 *     customer has the same days with twice the orders on each, or _ERANGE
 *     when a day's count (UINT32_MAX at most) cannot double.
 * For binary input, the reader (ids in order) accepts only what
 * cf_loyalty_ladder_from_binary accepts, with the same customers and orders
 * per day.
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loyalty_ladder.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_loyalty_ladder_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* The core frees all it allocates: cf_malloc_allocator, and libFuzzer's leak check sees the rest. */

static char *
text_of(const cf_loyalty_ladder *r)
{
	size_t		need = cf_loyalty_ladder_format(r, NULL, 0);
	char	   *buf = malloc(need + 1);

	REQUIRE(buf != NULL);
	REQUIRE(cf_loyalty_ladder_format(r, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	return buf;
}

static uint8_t *
binary_of(const cf_loyalty_ladder *r, size_t *len)
{
	size_t		n = cf_loyalty_ladder_binary_size(r);
	uint8_t    *buf = malloc(n ? n : 1);

	REQUIRE(buf != NULL && n >= 2 + (size_t) r->zone_len + 8 + 1);
	cf_loyalty_ladder_to_binary(r, buf);	/* ASan: writes no more than binary_size */
	*len = n;
	return buf;
}

/* Soundness of an accepted ladder. */
static void
check_sound(const cf_loyalty_ladder *r)
{
	uint32_t	i;

	REQUIRE(r->npending == 0);
	REQUIRE(r->zone_len >= 1 && r->zone_len <= 255);
	REQUIRE(r->ncustomers <= r->cust_cap || r->ncustomers == 0);
	REQUIRE((uint64_t) r->ncustomers * 2 <= (uint64_t) r->index_mask + 1);
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];
		const int32_t *d = cf_loyalty_ladder_days(c);
		const uint32_t *k = cf_loyalty_ladder_counts(c);
		int32_t		j;
		int64_t		sum = 0;

		REQUIRE(c->orders >= 0 && c->ndays >= 0 && c->ndays <= c->cap);
		REQUIRE((c->orders == 0) == (c->ndays == 0) && c->ndays <= c->orders);
		for (j = 1; j < c->ndays; j++)
			REQUIRE(d[j] > d[j - 1]);
		for (j = 0; j < c->ndays; j++)
		{
			REQUIRE(k[j] >= 1);
			sum += k[j];
		}
		REQUIRE(sum == c->orders);
		if (r->sorted && i > 0)
			REQUIRE(c->id > r->customers[i - 1].id);
	}
}

/* Whether two sorted ladders hold the same customers. */
static void
require_same(const cf_loyalty_ladder *a, const cf_loyalty_ladder *b)
{
	uint32_t	i;

	REQUIRE(cf_loyalty_ladder_compatible(a, b));
	REQUIRE(a->ncustomers == b->ncustomers);
	for (i = 0; i < a->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *x = &a->customers[i],
				   *y = &b->customers[i];

		REQUIRE(x->id == y->id && x->orders == y->orders && x->ndays == y->ndays);
		REQUIRE(x->ndays == 0 ||
				memcmp(cf_loyalty_ladder_days(x), cf_loyalty_ladder_days(y), sizeof(int32_t) * (size_t) x->ndays) == 0);
		REQUIRE(x->ndays == 0 ||
				memcmp(cf_loyalty_ladder_counts(x), cf_loyalty_ladder_counts(y), sizeof(uint32_t) * (size_t) x->ndays) == 0);
	}
}

/* A ladder from its own binary form (which must be accepted). */
static cf_loyalty_ladder *
from_own_binary(const uint8_t *b, size_t len)
{
	cf_error	why;
	cf_loyalty_ladder  *r;

	if (cf_loyalty_ladder_from_binary(b, len, &cf_malloc_allocator, &r, &why) != CF_OK)
		fprintf(stderr, "fuzz_loyalty_ladder_parse: own binary form rejected: %s\n", why.detail);
	REQUIRE(r != NULL);
	return r;
}

/* Every property of an accepted ladder (see the header); frees it. */
static void
exercise(cf_loyalty_ladder *r)
{
	cf_error	why;
	char	   *t,
			   *t2;
	uint8_t    *b,
			   *b2;
	size_t		blen,
				blen2;
	cf_loyalty_ladder  *p,
			   *q;
	bool		can_double = true;
	int32_t		max_day = INT32_MIN;
	uint32_t	i;

	check_sound(r);
	REQUIRE(cf_loyalty_ladder_sort(r) == CF_LOYALTY_LADDER_OK);
	REQUIRE(r->sorted);
	check_sound(r);

	/* text: format, parse, format */
	t = text_of(r);
	if (cf_loyalty_ladder_parse(t, strlen(t), &cf_malloc_allocator, &p, &why) != CF_OK)
		fprintf(stderr, "fuzz_loyalty_ladder_parse: own text rejected: %s\n  text: %s\n", why.detail, t);
	REQUIRE(p != NULL);
	REQUIRE(p->sorted);
	t2 = text_of(p);
	REQUIRE(strcmp(t, t2) == 0);
	require_same(r, p);

	/* binary: to, from, to; and the text of what the binary gives */
	b = binary_of(r, &blen);
	q = from_own_binary(b, blen);
	REQUIRE(q->sorted);
	b2 = binary_of(q, &blen2);
	REQUIRE(blen == blen2 && memcmp(b, b2, blen) == 0);
	require_same(r, q);
	free(t2);
	t2 = text_of(q);
	REQUIRE(strcmp(t, t2) == 0);

	/* the reader gives the customers, the stage counts and the orders of the table */
	{
		cf_loyalty_ladder_reader rd;
		int64_t		id,
					orders,
					want[CF_STAGE_COUNT],
					got[CF_STAGE_COUNT],
					total = -1;
		const int32_t *days;
		int32_t		ndays;
		int			k;

		REQUIRE(cf_loyalty_ladder_reader_open(&rd, b, blen, true, &cf_malloc_allocator));
		REQUIRE(rd.ncustomers == r->ncustomers && rd.as_of == r->as_of);
		for (i = 0; (k = cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays)) == 1; i++)
		{
			const cf_loyalty_ladder_customer *c = &r->customers[i];

			REQUIRE(i < r->ncustomers);
			REQUIRE(c->id == id && c->orders == orders && c->ndays == ndays);
			REQUIRE(ndays == 0 || memcmp(cf_loyalty_ladder_days(c), days, sizeof(int32_t) * (size_t) ndays) == 0);
			REQUIRE(ndays == 0 || memcmp(cf_loyalty_ladder_counts(c), rd.counts, sizeof(uint32_t) * (size_t) ndays) == 0);
			if (ndays > 0 && days[ndays - 1] > max_day)
				max_day = days[ndays - 1];
			if (orders > INT64_MAX / 2)
				can_double = false;
			for (int32_t j = 0; j < ndays; j++)
				if (rd.counts[j] > UINT32_MAX / 2)
					can_double = false;
		}
		REQUIRE(k == 0 && i == r->ncustomers);
		cf_loyalty_ladder_reader_close(&rd);

		if (max_day == INT32_MIN)
			max_day = 0;
		for (k = 0; k < 2; k++)
		{
			int32_t		as_of_day = k ? max_day + 400 : max_day;

			REQUIRE(cf_loyalty_ladder_count_stages(r, as_of_day, &cf_ladder_defaults, want) == CF_LOYALTY_LADDER_OK);
			REQUIRE(cf_loyalty_ladder_reader_open(&rd, b, blen, true, &cf_malloc_allocator));
			REQUIRE(cf_loyalty_ladder_reader_count_stages(&rd, as_of_day, &cf_ladder_defaults, got, &total) == CF_LOYALTY_LADDER_OK);
			cf_loyalty_ladder_reader_close(&rd);
			REQUIRE(memcmp(want, got, sizeof want) == 0);
			REQUIRE(total == cf_loyalty_ladder_orders(r));
			{
				int64_t		sum = 0;

				for (i = 0; i < CF_STAGE_COUNT; i++)
					sum += want[i];
				REQUIRE(sum == (int64_t) r->ncustomers);
			}
		}
		if (max_day > INT32_MIN + 1 && r->ncustomers > 0 && cf_loyalty_ladder_orders(r) > 0)
			REQUIRE(cf_loyalty_ladder_count_stages(r, max_day - 1, &cf_ladder_defaults, want) == CF_LOYALTY_LADDER_EINVAL);
	}

	/* merged with itself: from the table (p) and from the bytes (q) */
	{
		cf_loyalty_ladder_reader rd;
		int			rc1 = cf_loyalty_ladder_merge(p, r),
					rc2;

		REQUIRE(cf_loyalty_ladder_reader_open(&rd, b, blen, true, &cf_malloc_allocator));
		rc2 = cf_loyalty_ladder_merge_binary(q, &rd);
		cf_loyalty_ladder_reader_close(&rd);
		if (can_double)
		{
			REQUIRE(rc1 == CF_LOYALTY_LADDER_OK && rc2 == CF_LOYALTY_LADDER_OK);
			REQUIRE(p->ncustomers == r->ncustomers && q->ncustomers == r->ncustomers);
			for (i = 0; i < r->ncustomers; i++)
			{
				const cf_loyalty_ladder_customer *c = &r->customers[i];

				int32_t		j;

				REQUIRE(p->customers[i].orders == 2 * c->orders && p->customers[i].ndays == c->ndays);
				REQUIRE(c->ndays == 0 || memcmp(cf_loyalty_ladder_days(&p->customers[i]), cf_loyalty_ladder_days(c),
												sizeof(int32_t) * (size_t) c->ndays) == 0);
				for (j = 0; j < c->ndays; j++)
					REQUIRE(cf_loyalty_ladder_counts(&p->customers[i])[j] == 2 * cf_loyalty_ladder_counts(c)[j]);
			}
			require_same(p, q);
			check_sound(p);
		}
		else
			REQUIRE(rc1 == CF_LOYALTY_LADDER_ERANGE && rc2 == CF_LOYALTY_LADDER_ERANGE);
	}

	free(t);
	free(t2);
	free(b);
	free(b2);
	cf_loyalty_ladder_free(p);
	cf_loyalty_ladder_free(q);
	cf_loyalty_ladder_free(r);
}

static void
fuzz_text(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size ? size : 1);	/* not NUL-terminated: the parser takes the length */
	cf_error	why;
	cf_loyalty_ladder  *r;
	int			rc;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	rc = cf_loyalty_ladder_parse(text, size, &cf_malloc_allocator, &r, &why);
	free(text);
	REQUIRE((rc == CF_OK) == (r != NULL));
	if (!r)
	{
		/* a refusal says why (malloc does not fail here) */
		REQUIRE(rc == CF_ESYNTAX && why.detail[0] != '\0');
		return;
	}
	exercise(r);
}

static void
fuzz_binary(const uint8_t *data, size_t size)
{
	uint8_t    *in = malloc(size ? size : 1);
	cf_error	why;
	cf_loyalty_ladder  *r;
	cf_loyalty_ladder_reader rd;
	int			k = -1;
	uint64_t	read = 0;
	int			rc;

	REQUIRE(in != NULL);
	memcpy(in, data, size);
	rc = cf_loyalty_ladder_from_binary(in, size, &cf_malloc_allocator, &r, &why);
	REQUIRE((rc == CF_OK) == (r != NULL));

	/* the in-order reader over the same bytes: accepts only what from_binary accepts */
	if (cf_loyalty_ladder_reader_open(&rd, in, size, true, &cf_malloc_allocator))
	{
		int64_t		id,
					orders;
		const int32_t *days;
		int32_t		ndays;

		while ((k = cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays)) == 1)
		{
			if (r)
			{
				/* r is not sorted yet: its customers in the order read */
				const cf_loyalty_ladder_customer *c;

				REQUIRE(read < r->ncustomers);
				c = &r->customers[read];

				REQUIRE(c->id == id && c->orders == orders && c->ndays == ndays);
				REQUIRE(ndays == 0 || memcmp(cf_loyalty_ladder_days(c), days, sizeof(int32_t) * (size_t) ndays) == 0);
				REQUIRE(ndays == 0 || memcmp(cf_loyalty_ladder_counts(c), rd.counts, sizeof(uint32_t) * (size_t) ndays) == 0);
			}
			read++;
		}
		REQUIRE(k == 0 || rd.problem != NULL);
	}
	else
		REQUIRE(rd.problem != NULL);
	cf_loyalty_ladder_reader_close(&rd);
	free(in);
	if (k == 0)
		REQUIRE(r != NULL && read == r->ncustomers);
	if (!r)
	{
		REQUIRE(rc == CF_EINVAL && why.detail[0] != '\0');
		return;
	}
	exercise(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_binary(data + 1, size - 1);
	else
		fuzz_text(data + 1, size - 1);
	return 0;
}
