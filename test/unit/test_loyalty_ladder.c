/*
 * test_loyalty_ladder.c — unit tests of the loyalty_ladder ladder (src/core/loyalty_ladder.c)
 * against a naive model written here: a stream of (id, has_order, day) rows,
 * sorted, whose runs give each customer's order count and distinct days.
 * Random deterministic streams (days out of order and repeated, more than
 * the ten inline days, prospects, extreme ids, enough customers for the
 * index to grow several times), merges in any order and split, stage counts
 * by the rules of loyalty_stage.h worked out again here (and by hand at the exact
 * boundaries), the binary form worked out byte by byte, both forms' round
 * trips and every parser message (also through the reader of the binary
 * form, its merge and its stage counts), the radix sort of large ladders,
 * and allocation failure at every step.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loyalty_stage.h"
#include "customer_profile.h"
#include "loyalty_ladder.h"
#include "talloc.h"
#include "unit.h"

/* Days of the first and last timestamps: the parsers take them (and a day of slack). */
#define FIRST_DAY ((int32_t) (CF_MIN_TIMESTAMP / CF_USECS_PER_DAY))	/* -2451545 */
#define LAST_DAY ((int32_t) ((CF_END_TIMESTAMP - 1) / CF_USECS_PER_DAY))	/* 106751982 */

/* ---------- the parsers as the tests call them ---------- */

/* The code and the words of the last parse_text or parse_binary. */
static int	why_rc;
static cf_error why;

/* Whether a parser's result keeps the convention: a ladder and CF_OK, or NULL and a code with words. */
static bool
parse_kept_convention(int rc, const cf_loyalty_ladder *r, int bad_code)
{
	return rc == CF_OK ? r != NULL : r == NULL && (rc == bad_code || rc == CF_ENOMEM) && why.detail[0] != '\0';
}

/* cf_loyalty_ladder_parse's ladder from test_alloc, or NULL (why_rc and why say why). */
static cf_loyalty_ladder *
parse_text(const char *text, size_t len)
{
	cf_loyalty_ladder *r;

	why.detail[0] = '\0';
	why_rc = cf_loyalty_ladder_parse(text, len, &test_alloc, &r, &why);
	CHECK(parse_kept_convention(why_rc, r, CF_ESYNTAX));
	return r;
}

/* cf_loyalty_ladder_from_binary's ladder from test_alloc, or NULL (why_rc and why say why). */
static cf_loyalty_ladder *
parse_binary(const uint8_t *in, size_t len)
{
	cf_loyalty_ladder *r;

	why.detail[0] = '\0';
	why_rc = cf_loyalty_ladder_from_binary(in, len, &test_alloc, &r, &why);
	CHECK(parse_kept_convention(why_rc, r, CF_EINVAL));
	return r;
}

/* ---------- random numbers (xorshift64*, deterministic) ---------- */

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static uint32_t
rnd_below(uint32_t n)
{
	return (uint32_t) (rnd() % n);
}

/* ---------- the model ---------- */

typedef struct row
{
	int64_t		id;
	bool		order;
	int32_t		day;
	int64_t		seq;			/* position in the stream */
} row;

typedef struct mcust
{
	int64_t		id;
	int64_t		orders;
	int32_t		ndays;
	int32_t    *days;			/* into model.days */
	uint32_t   *counts;			/* into model.counts: orders per day */
	int64_t		first;			/* seq of its first row */
} mcust;

typedef struct model
{
	int			n;
	mcust	   *c;				/* in increasing id order */
	int32_t    *days;
	uint32_t   *counts;
} model;

static int
cmp_row(const void *a, const void *b)
{
	const row  *x = a,
			   *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->order != y->order)
		return x->order ? 1 : -1;
	if (x->order && x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The customers of rows[0..n): sort, then one pass over each id's run. */
static model
model_of(const row *rows, int n)
{
	model		m;
	size_t		cnt = n > 0 ? (size_t) n : 1;
	row		   *s = malloc(sizeof(row) * cnt);
	int			i = 0;

	memcpy(s, rows, sizeof(row) * (size_t) n);
	for (i = 0; i < n; i++)
		s[i].seq = i;
	qsort(s, (size_t) n, sizeof(row), cmp_row);
	m.n = 0;
	m.c = malloc(sizeof(mcust) * cnt);
	m.days = malloc(sizeof(int32_t) * cnt);
	m.counts = malloc(sizeof(uint32_t) * cnt);
	{
		int			nd = 0;

		i = 0;
		while (i < n)
		{
			mcust	   *c = &m.c[m.n++];
			int			j = i;

			c->id = s[i].id;
			c->orders = 0;
			c->ndays = 0;
			c->days = &m.days[nd];
			c->counts = &m.counts[nd];
			c->first = s[i].seq;
			for (; j < n && s[j].id == c->id; j++)
			{
				if (s[j].seq < c->first)
					c->first = s[j].seq;
				if (!s[j].order)
					continue;
				c->orders++;
				if (c->ndays == 0 || c->days[c->ndays - 1] != s[j].day)
				{
					c->counts[c->ndays] = 0;
					c->days[c->ndays++] = s[j].day;
				}
				c->counts[c->ndays - 1]++;
			}
			nd += c->ndays;
			i = j;
		}
	}
	free(s);
	return m;
}

static void
model_free(model *m)
{
	free(m->c);
	free(m->days);
	free(m->counts);
}

/* Whether the ladder (flushed) holds exactly the model's customers; sorts it. */
static bool
same_as_model(cf_loyalty_ladder *r, const model *m)
{
	int			i;
	int64_t		total = 0;

	if (r->npending != 0 || (int) r->ncustomers != m->n)
		return false;
	CHECK(cf_loyalty_ladder_sort(r) == CF_LOYALTY_LADDER_OK);
	if (!r->sorted)
		return false;
	for (i = 0; i < m->n; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];

		if (c->id != m->c[i].id || c->orders != m->c[i].orders || c->ndays != m->c[i].ndays)
		{
			fprintf(stderr, "customer %d: id %lld orders %lld ndays %d, model %lld %lld %d\n", i,
					(long long) c->id, (long long) c->orders, c->ndays,
					(long long) m->c[i].id, (long long) m->c[i].orders, m->c[i].ndays);
			return false;
		}
		if (c->ndays > 0 && memcmp(cf_loyalty_ladder_days(c), m->c[i].days, sizeof(int32_t) * (size_t) c->ndays) != 0)
			return false;
		if (c->ndays > 0 && memcmp(cf_loyalty_ladder_counts(c), m->c[i].counts, sizeof(uint32_t) * (size_t) c->ndays) != 0)
		{
			fprintf(stderr, "customer %d (id %lld): orders per day differ from the model\n", i, (long long) c->id);
			return false;
		}
		total += c->orders;
	}
	return cf_loyalty_ladder_orders(r) == total;
}

/* Whether the ladder's customers are in order of first sight (before any sort). */
static bool
in_first_sight_order(const cf_loyalty_ladder *r, const model *m)
{
	int64_t    *firsts = malloc(sizeof(int64_t) * (size_t) (m->n ? m->n : 1));
	int64_t    *ids = malloc(sizeof(int64_t) * (size_t) (m->n ? m->n : 1));
	bool		ok = (int) r->ncustomers == m->n;
	int			i,
				j;

	/* the model's ids by first sight: a counting placement on the (distinct) first seqs */
	for (i = 0; i < m->n; i++)
		firsts[i] = m->c[i].first;
	for (i = 0; ok && i < m->n; i++)
	{
		int			rank = 0;

		/* rank of m->c[i].first among all firsts: quadratic, called on small models only */
		for (j = 0; j < m->n; j++)
			rank += firsts[j] < firsts[i];
		ids[rank] = m->c[i].id;
	}
	for (i = 0; ok && i < m->n; i++)
		ok = r->customers[i].id == ids[i];
	free(firsts);
	free(ids);
	return ok;
}

/* Structural soundness of any ladder, even one left half-way by an error. */
static bool
sound(const cf_loyalty_ladder *r)
{
	uint32_t	i;
	uint32_t	used = 0;

	if (r->ncustomers > r->cust_cap || (uint64_t) r->ncustomers * 2 > (uint64_t) r->index_mask + 1)
		return false;
	for (i = 0; i <= r->index_mask; i++)
		if (r->index[i] != 0)
		{
			if (r->index[i] > r->ncustomers)
				return false;
			used++;
		}
	if (used != r->ncustomers)
		return false;
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];
		const int32_t *d = cf_loyalty_ladder_days(c);
		const uint32_t *k = cf_loyalty_ladder_counts(c);
		int32_t		j;
		int64_t		sum = 0;

		if (c->orders < 0 || c->ndays < 0 || c->ndays > c->orders || (c->orders > 0) != (c->ndays > 0) ||
			c->ndays > c->cap)
			return false;
		for (j = 1; j < c->ndays; j++)
			if (d[j] <= d[j - 1])
				return false;
		for (j = 0; j < c->ndays; j++)
		{
			if (k[j] < 1)
				return false;
			sum += k[j];
		}
		if (sum != c->orders)
			return false;
		if (r->sorted && i > 0 && c->id <= r->customers[i - 1].id)
			return false;
	}
	return true;
}

/* ---------- streams ---------- */

/*
 * n rows over nids ids (INT64_MIN, INT64_MAX, 0 and -1 among them), half
 * the rows on a tenth of the ids (so some customers pass the ten inline
 * days), days base + [0, span) in any order, one row in prospect_1_in a
 * prospect row (whose day, any value, must be ignored).
 */
static row *
stream(int n, int nids, int32_t base, int32_t span, int prospect_1_in)
{
	row		   *rows = malloc(sizeof(row) * (size_t) (n ? n : 1));
	int64_t    *pool = malloc(sizeof(int64_t) * (size_t) nids);
	int			i;

	for (i = 0; i < nids; i++)
	{
		switch (i)
		{
			case 0:
				pool[i] = INT64_MIN;
				break;
			case 1:
				pool[i] = INT64_MAX;
				break;
			case 2:
				pool[i] = 0;
				break;
			case 3:
				pool[i] = -1;
				break;
			default:
				/* consecutive ids, negative ones, and any 64-bit value */
				pool[i] = (i % 3 == 0) ? (int64_t) i : (i % 3 == 1) ? -(int64_t) i * 1000 : (int64_t) rnd();
		}
	}
	for (i = 0; i < n; i++)
	{
		int			k = (rnd() & 1) ? (int) rnd_below((uint32_t) (nids / 10 + 1)) : (int) rnd_below((uint32_t) nids);

		rows[i].id = pool[k];
		rows[i].order = prospect_1_in == 0 || rnd_below((uint32_t) prospect_1_in) != 0;
		rows[i].day = rows[i].order ? base + (int32_t) rnd_below((uint32_t) span) : (int32_t) rnd();
		rows[i].seq = i;
	}
	free(pool);
	return rows;
}

/* Adds rows one by one (and flushes); false on any error. */
static bool
add_rows(cf_loyalty_ladder *r, const row *rows, int n)
{
	int64_t		failed = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (cf_loyalty_ladder_add(r, rows[i].id, rows[i].order, rows[i].day, &failed) != CF_LOYALTY_LADDER_OK)
			return false;
	return cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK;
}

static cf_loyalty_ladder *
loyalty_ladder_of(const row *rows, int n)
{
	cf_loyalty_ladder  *r = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc);

	if (r && !add_rows(r, rows, n))
	{
		cf_loyalty_ladder_free(r);
		return NULL;
	}
	return r;
}

/* ---------- forms ---------- */

static char *
text_of(const cf_loyalty_ladder *r)
{
	size_t		n = cf_loyalty_ladder_format(r, NULL, 0);
	char	   *buf = malloc(n + 1);

	CHECK(cf_loyalty_ladder_format(r, buf, n + 1) == n);
	CHECK(strlen(buf) == n);
	return buf;
}

static uint8_t *
binary_of(const cf_loyalty_ladder *r, size_t *len)
{
	size_t		n = cf_loyalty_ladder_binary_size(r);
	uint8_t    *buf = malloc(n + 16);

	memset(buf, 0xA5, n + 16);
	cf_loyalty_ladder_to_binary(r, buf);
	/* writes exactly binary_size bytes */
	CHECK(buf[n] == 0xA5 && buf[n + 15] == 0xA5);
	*len = n;
	return buf;
}

/* Both forms of a sorted ladder parse back to the same customers and give the same bytes. */
static bool
round_trips(cf_loyalty_ladder *r)
{
	char	   *t,
			   *t2,
			   *t3;
	uint8_t    *b,
			   *b2;
	size_t		blen,
				blen2;
	cf_loyalty_ladder  *p,
			   *q;
	bool		ok;

	cf_loyalty_ladder_sort(r);
	t = text_of(r);
	b = binary_of(r, &blen);
	p = parse_text(t, strlen(t));
	q = parse_binary(b, blen);
	if (!p || !q)
	{
		fprintf(stderr, "round trip rejected: %s\n", why.detail);
		free(t);
		free(b);
		cf_loyalty_ladder_free(p);
		cf_loyalty_ladder_free(q);
		return false;
	}
	t2 = text_of(p);
	t3 = text_of(q);
	b2 = binary_of(p, &blen2);
	ok = strcmp(t, t2) == 0 && strcmp(t, t3) == 0 && blen2 == blen && memcmp(b, b2, blen) == 0 &&
		p->sorted && q->sorted && cf_loyalty_ladder_compatible(r, p) && cf_loyalty_ladder_compatible(r, q) &&
		p->as_of == r->as_of && sound(p) && sound(q);
	free(t);
	free(t2);
	free(t3);
	free(b);
	free(b2);
	cf_loyalty_ladder_free(p);
	cf_loyalty_ladder_free(q);
	return ok;
}

/* ---------- tests ---------- */

/* Random streams of every shape against the model. */
static void
test_streams(void)
{
	static const struct
	{
		int			n,
					nids;
		int32_t		base,
					span;
		int			prospect_1_in;
	}			cases[] = {
		{0, 4, 8000, 10, 0},
		{1, 4, 8000, 10, 0},
		{1, 4, 8000, 10, 1},	/* a single prospect */
		{31, 4, 8000, 10, 0},	/* a batch minus one: all pending until the flush */
		{32, 5, 8000, 10, 4},	/* exactly one batch */
		{33, 5, 8000, 10, 4},
		{200, 6, 8000, 12, 5},	/* few customers, about eleven days each: the inline limit */
		{500, 8, 8000, 40, 3},	/* up to 40 days each, out of order */
		{2000, 30, -400, 900, 7},	/* days before 2000, many distinct */
		{3000, 2500, 8000, 5, 6},	/* many customers: the index grows from 64 to 4096 slots */
		{4000, 40, FIRST_DAY, 3, 0},	/* the first days of the range */
		{4000, 40, LAST_DAY - 2, 3, 2}, /* the last days */
	};
	int			k;

	for (k = 0; k < (int) (sizeof cases / sizeof cases[0]); k++)
	{
		row		   *rows = stream(cases[k].n, cases[k].nids, cases[k].base, cases[k].span, cases[k].prospect_1_in);
		model		m = model_of(rows, cases[k].n);
		cf_loyalty_ladder  *r = loyalty_ladder_of(rows, cases[k].n);
		int			i;
		bool		crossed = false;

		CHECK(r != NULL);
		if (!r)
			continue;
		CHECK(sound(r));
		if (m.n <= 100)
			CHECK(in_first_sight_order(r, &m));
		CHECK(same_as_model(r, &m));
		CHECK(sound(r));
		CHECK(round_trips(r));
		for (i = 0; i < m.n; i++)
			crossed |= m.c[i].ndays > CF_LOYALTY_LADDER_INLINE;
		if (cases[k].span > CF_LOYALTY_LADDER_INLINE && cases[k].n >= 200)
			CHECK(crossed);		/* the case does reach past the inline days */
		if (k == 9)
			CHECK(r->index_mask + 1 >= 4096);

		/*
		 * More rows after the sort (the index was re-slotted in place):
		 * the same customers again, and new ones.
		 */
		{
			row		   *more = stream(cases[k].n / 2 + 40, cases[k].nids + 7, cases[k].base, cases[k].span, 3);
			row		   *all = malloc(sizeof(row) * (size_t) (cases[k].n + cases[k].n / 2 + 40));
			model		m2;

			memcpy(all, rows, sizeof(row) * (size_t) cases[k].n);
			memcpy(all + cases[k].n, more, sizeof(row) * (size_t) (cases[k].n / 2 + 40));
			m2 = model_of(all, cases[k].n + cases[k].n / 2 + 40);
			CHECK(add_rows(r, more, cases[k].n / 2 + 40));
			CHECK(sound(r));
			CHECK(same_as_model(r, &m2));
			model_free(&m2);
			free(more);
			free(all);
		}
		cf_loyalty_ladder_free(r);
		CHECK(live_blocks == 0);
		model_free(&m);
		free(rows);
	}

	/*
	 * A small ladder counts each row at once and has no row buffer; from
	 * CF_LOYALTY_LADDER_BATCH_FROM customers on the flush is what counts: nothing is
	 * visible before it.
	 */
	{
		cf_loyalty_ladder  *r = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc);
		int64_t		failed = 0;
		int64_t		id;
		uint32_t	k;

		CHECK(cf_loyalty_ladder_add(r, 7, true, 100, &failed) == CF_LOYALTY_LADDER_OK);
		CHECK(r->ncustomers == 1 && r->npending == 0 && r->pend == NULL);
		CHECK(r->index_mask + 1 == 8 && r->cust_cap == 1);
		for (id = 1000; id < 1000 + CF_LOYALTY_LADDER_BATCH_FROM - 2; id++)
			CHECK(cf_loyalty_ladder_add(r, id, false, 0, &failed) == CF_LOYALTY_LADDER_OK);
		CHECK(r->ncustomers == CF_LOYALTY_LADDER_BATCH_FROM - 1 && r->pend == NULL);
		CHECK(cf_loyalty_ladder_add(r, 8, false, 0, &failed) == CF_LOYALTY_LADDER_OK);
		CHECK(r->ncustomers == CF_LOYALTY_LADDER_BATCH_FROM && r->pend == NULL);
		/* the table is large now: rows wait for the flush */
		CHECK(cf_loyalty_ladder_add(r, 8, true, 50, &failed) == CF_LOYALTY_LADDER_OK);
		CHECK(cf_loyalty_ladder_add(r, 7, false, 999, &failed) == CF_LOYALTY_LADDER_OK);
		CHECK(r->pend != NULL && r->npending == 2 && r->ncustomers == CF_LOYALTY_LADDER_BATCH_FROM);
		CHECK(cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK);
		CHECK(r->npending == 0);
		CHECK(cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK);	/* nothing pending: no-op */
		CHECK(r->ncustomers == CF_LOYALTY_LADDER_BATCH_FROM);
		/* a prospect that orders later is a buyer with that day; an order then a prospect row too */
		CHECK(cf_loyalty_ladder_sort(r) == CF_LOYALTY_LADDER_OK);
		CHECK(r->customers[0].id == 7 && r->customers[0].orders == 1 && r->customers[0].ndays == 1 &&
			  cf_loyalty_ladder_days(&r->customers[0])[0] == 100);
		CHECK(r->customers[1].id == 8 && r->customers[1].orders == 1 && r->customers[1].ndays == 1 &&
			  cf_loyalty_ladder_days(&r->customers[1])[0] == 50);
		for (k = 2; k < r->ncustomers; k++)
			CHECK(r->customers[k].orders == 0 && r->customers[k].id == 1000 + (int64_t) k - 2);
		CHECK(cf_loyalty_ladder_orders(r) == 2);
		cf_loyalty_ladder_free(r);
	}
	CHECK(cf_loyalty_ladder_new("", 0, 0, &test_alloc) == NULL);
	{
		char		z[256];

		memset(z, 'A', sizeof z);
		CHECK(cf_loyalty_ladder_new(z, 256, 0, &test_alloc) == NULL);
		{
			cf_loyalty_ladder  *r = cf_loyalty_ladder_new(z, 255, 0, &test_alloc);

			CHECK(r != NULL && r->zone_len == 255);
			cf_loyalty_ladder_free(r);
		}
	}
	cf_loyalty_ladder_free(NULL);
	CHECK(live_blocks == 0);
}

/* Merge = the ladder of the concatenated stream, in any order and any split. */
static void
test_merge(void)
{
	int			k;

	for (k = 0; k < 6; k++)
	{
		int			n = 300 + 700 * k;
		row		   *rows = stream(n, 10 + 60 * k, 7000, 10 + 8 * k, 5);
		int			cut = (int) rnd_below((uint32_t) n);
		model		m = model_of(rows, n);
		cf_loyalty_ladder  *a = loyalty_ladder_of(rows, cut),
				   *b = loyalty_ladder_of(rows + cut, n - cut),
				   *a2 = loyalty_ladder_of(rows, cut),
				   *b2 = loyalty_ladder_of(rows + cut, n - cut),
				   *e = loyalty_ladder_of(rows, 0);
		char	   *ta,
				   *tb;

		CHECK(cf_loyalty_ladder_merge(a, b) == CF_LOYALTY_LADDER_OK);
		CHECK(sound(a));
		CHECK(cf_loyalty_ladder_merge(b2, a2) == CF_LOYALTY_LADDER_OK);
		CHECK(same_as_model(a, &m));
		CHECK(same_as_model(b2, &m));
		ta = text_of(a);
		tb = text_of(b2);
		CHECK(strcmp(ta, tb) == 0);
		/* with an empty ladder, either way */
		CHECK(cf_loyalty_ladder_merge(a, e) == CF_LOYALTY_LADDER_OK);
		CHECK(same_as_model(a, &m));
		CHECK(cf_loyalty_ladder_merge(e, a) == CF_LOYALTY_LADDER_OK);
		CHECK(same_as_model(e, &m));
		free(ta);
		free(tb);
		cf_loyalty_ladder_free(a);
		cf_loyalty_ladder_free(b);
		cf_loyalty_ladder_free(a2);
		cf_loyalty_ladder_free(b2);
		cf_loyalty_ladder_free(e);

		/* rows dealt to five ladders in turn, merged in reverse */
		{
			cf_loyalty_ladder  *parts[5];
			int			p,
						i;
			int64_t		failed;

			for (p = 0; p < 5; p++)
				parts[p] = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc);
			for (i = 0; i < n; i++)
				CHECK(cf_loyalty_ladder_add(parts[i % 5], rows[i].id, rows[i].order, rows[i].day, &failed) == CF_LOYALTY_LADDER_OK);
			for (p = 0; p < 5; p++)
				CHECK(cf_loyalty_ladder_flush(parts[p], &failed) == CF_LOYALTY_LADDER_OK);
			for (p = 3; p >= 0; p--)
				CHECK(cf_loyalty_ladder_merge(parts[p], parts[p + 1]) == CF_LOYALTY_LADDER_OK);
			CHECK(sound(parts[0]));
			CHECK(same_as_model(parts[0], &m));
			CHECK(round_trips(parts[0]));
			for (p = 0; p < 5; p++)
				cf_loyalty_ladder_free(parts[p]);
		}
		model_free(&m);
		free(rows);
	}
	CHECK(live_blocks == 0);

	/* hand-worked: days united (shared, inline + inline past ten, heap + inline), orders summed */
	{
		cf_loyalty_ladder  *a = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc),
				   *b = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc);
		int64_t		failed;
		int			d;
		static const int32_t want[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

		for (d = 1; d <= 6; d++)
			cf_loyalty_ladder_add(a, 5, true, d, &failed);	/* days 1..6 */
		for (d = 12; d >= 5; d--)
			cf_loyalty_ladder_add(b, 5, true, d, &failed);	/* days 5..12, backwards */
		cf_loyalty_ladder_add(b, 5, true, 12, &failed);
		cf_loyalty_ladder_add(b, -5, false, 0, &failed);
		CHECK(cf_loyalty_ladder_flush(a, &failed) == CF_LOYALTY_LADDER_OK && cf_loyalty_ladder_flush(b, &failed) == CF_LOYALTY_LADDER_OK);
		CHECK(cf_loyalty_ladder_merge(a, b) == CF_LOYALTY_LADDER_OK);
		CHECK(a->ncustomers == 2 && !a->sorted);
		CHECK(a->customers[0].id == 5 && a->customers[0].orders == 15 && a->customers[0].ndays == 12);
		CHECK(memcmp(cf_loyalty_ladder_days(&a->customers[0]), want, sizeof want) == 0);
		CHECK(a->customers[1].id == -5 && a->customers[1].orders == 0 && a->customers[1].ndays == 0);
		/* merged again with b: days unchanged (all shared), orders summed */
		CHECK(cf_loyalty_ladder_merge(a, b) == CF_LOYALTY_LADDER_OK);
		CHECK(a->customers[0].orders == 24 && a->customers[0].ndays == 12);
		CHECK(memcmp(cf_loyalty_ladder_days(&a->customers[0]), want, sizeof want) == 0);
		cf_loyalty_ladder_free(a);
		cf_loyalty_ladder_free(b);
	}

	/* refusals: other zone (same length or not; UTC and UTC0 are not one zone), other as_of; dst untouched */
	{
		cf_loyalty_ladder  *a = cf_loyalty_ladder_new("UTC", 3, 100, &test_alloc),
				   *b = cf_loyalty_ladder_new("CET", 3, 100, &test_alloc),
				   *c = cf_loyalty_ladder_new("UTC0", 4, 100, &test_alloc),
				   *d = cf_loyalty_ladder_new("UTC", 3, 101, &test_alloc),
				   *same = cf_loyalty_ladder_new("UTC", 3, 100, &test_alloc);
		int64_t		failed;
		char	   *before,
				   *after;

		cf_loyalty_ladder_add(a, 1, true, 0, &failed);
		cf_loyalty_ladder_flush(a, &failed);
		cf_loyalty_ladder_add(b, 2, true, 0, &failed);
		cf_loyalty_ladder_flush(b, &failed);
		cf_loyalty_ladder_add(c, 3, true, 0, &failed);
		cf_loyalty_ladder_flush(c, &failed);
		cf_loyalty_ladder_add(d, 4, true, 0, &failed);
		cf_loyalty_ladder_flush(d, &failed);
		CHECK(cf_loyalty_ladder_compatible(a, same) && cf_loyalty_ladder_compatible(same, a));
		CHECK(!cf_loyalty_ladder_compatible(a, b) && !cf_loyalty_ladder_compatible(a, c) && !cf_loyalty_ladder_compatible(c, a) &&
			  !cf_loyalty_ladder_compatible(a, d));
		before = text_of(a);
		CHECK(cf_loyalty_ladder_merge(a, b) == CF_LOYALTY_LADDER_EMISMATCH);
		CHECK(cf_loyalty_ladder_merge(a, c) == CF_LOYALTY_LADDER_EMISMATCH);
		CHECK(cf_loyalty_ladder_merge(c, a) == CF_LOYALTY_LADDER_EMISMATCH);
		CHECK(cf_loyalty_ladder_merge(a, d) == CF_LOYALTY_LADDER_EMISMATCH);
		after = text_of(a);
		CHECK(strcmp(before, after) == 0);
		CHECK(strcmp(before, "v2;tz=UTC;as_of=2000-01-01T00:00:00.0001Z;customers=1;customer=1:1:2000-01-01") == 0);
		free(before);
		free(after);
		cf_loyalty_ladder_free(a);
		cf_loyalty_ladder_free(b);
		cf_loyalty_ladder_free(c);
		cf_loyalty_ladder_free(d);
		cf_loyalty_ladder_free(same);
	}
	CHECK(live_blocks == 0);
}

/* The stage by the rules of loyalty_stage.h, written out again. */
static cf_stage
model_stage(const mcust *c, int32_t as_of_day, const cf_ladder *l)
{
	int32_t		last,
				x,
				t_x,
				since;

	if (c->orders == 0)
		return CF_STAGE_PROSPECT;
	last = c->days[c->ndays - 1];
	since = as_of_day - last;
	x = c->ndays - 1;
	t_x = last - c->days[0];
	if (since > l->lost_days)
		return CF_STAGE_LOST;
	if (x == 0 && since > l->lapse_days)
		return CF_STAGE_LAPSED;
	if (x > 0 && (double) since > l->lapse_factor * t_x / x)
		return CF_STAGE_LAPSED;
	/* no recommend score: never an advocate */
	if (c->orders >= l->regular_orders)
		return CF_STAGE_REGULAR;
	if (c->orders >= l->client_orders)
		return CF_STAGE_CLIENT;
	return CF_STAGE_BUYER;
}

/* Whether the ladder given as text has the stage counts want at as_of_day on ladder l. */
static bool
stages_are(const char *text, int32_t as_of_day, const cf_ladder *l, const int64_t want[CF_STAGE_COUNT])
{
	cf_loyalty_ladder  *r = parse_text(text, strlen(text));
	int64_t		got[CF_STAGE_COUNT];
	bool		ok;

	if (!r)
	{
		fprintf(stderr, "stages_are: %s: %s\n", why.detail, text);
		return false;
	}
	ok = cf_loyalty_ladder_count_stages(r, as_of_day, l, got) == CF_LOYALTY_LADDER_OK &&
		memcmp(got, want, sizeof got) == 0;
	if (!ok)
		fprintf(stderr, "stages at day %d of %s: %lld %lld %lld %lld %lld %lld %lld\n", as_of_day, text,
				(long long) got[0], (long long) got[1], (long long) got[2], (long long) got[3],
				(long long) got[4], (long long) got[5], (long long) got[6]);
	cf_loyalty_ladder_free(r);
	return ok;
}

static void
test_stages(void)
{
	const cf_ladder *def = &cf_ladder_defaults;
	cf_ladder	custom = {.client_orders = 3, .regular_orders = 4, .advocate_score = 0,
	.lapse_factor = 1.5, .lapse_days = 10, .lost_days = 20};

	/* order: prospect buyer client regular advocate lapsed lost */
	{
		/* one purchase day (day 0): buyer up to 365 days, lapsed after, lost after 730 */
		const char *one = "v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:1:2000-01-01";
		const char *five_one_day = "v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:5:2000-01-01*5";
		static const int64_t buyer[] = {0, 1, 0, 0, 0, 0, 0},
					client[] = {0, 0, 1, 0, 0, 0, 0},
					regular[] = {0, 0, 0, 1, 0, 0, 0},
					lapsed[] = {0, 0, 0, 0, 0, 1, 0},
					lost[] = {0, 0, 0, 0, 0, 0, 1};

		CHECK(stages_are(one, 0, def, buyer));
		CHECK(stages_are(one, 365, def, buyer));
		CHECK(stages_are(one, 366, def, lapsed));
		CHECK(stages_are(one, 730, def, lapsed));
		CHECK(stages_are(one, 731, def, lost));
		CHECK(stages_are(five_one_day, 365, def, regular));
		CHECK(stages_are(five_one_day, 366, def, lapsed));
		/* days 0 and 10 (x 1, t_x 10): lapsed when since > 3 * 10, i.e. after day 40 */
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:2000-01-01+10", 40, def, client));
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:2:2000-01-01+10", 41, def, lapsed));
		/* days 0, 100, 300 (x 2, t_x 300): mean interval 150, lapsed after since 450 */
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4:2000-01-01+100+200*2", 750, def, client));
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:4:2000-01-01+100+200*2", 751, def, lapsed));
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:9:2000-01-01+300+300*7", 1330, def, regular));	/* mean 300: lost (since > 730) before lapsed (> 900) */
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:9:2000-01-01+300+300*7", 1331, def, lost));
		/* days 0, 1, 2 with 7 orders (x 2, t_x 2): mean 1, lapsed after 3 days */
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=-9:7:2000-01-01+1+1*5", 5, def, regular));
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=-9:7:2000-01-01+1+1*5", 6, def, lapsed));
	}
	/* a mixed ladder, defaults and a custom ladder, worked out by hand */
	{
		const char *t = "v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=6;customer=1:0;customer=2:1:2000-04-10;customer=3:2:2000-03-31+5;customer=4:4:2000-02-20+10+10*2;customer=5:6:2000-04-05+1*5;customer=6:3:2000-01-01*3";
		/*
		 * At day 100 with the defaults: 1 prospect; 2 (day 100, since 0) buyer;
		 * 3 (days 90, 95: since 5, not > 3 * 5) 2 orders, client; 4 (days 50,
		 * 60, 70: since 30, not > 3 * 20 / 2) 4 orders, client; 5 (days 95, 96:
		 * since 4 > 3 * 1) lapsed; 6 (day 0: since 100, not > 365) 3 orders, client.
		 * Custom (client 3, lapse factor 1.5, lost after 20): 1 prospect; 2 buyer;
		 * 3 (since 5, not > 7.5) 2 orders < 3, buyer; 4 (since 30 > 20) lost;
		 * 5 (since 4 > 1.5) lapsed; 6 (since 100 > 20) lost.
		 */
		static const int64_t want_def[] = {1, 1, 3, 0, 0, 1, 0};
		static const int64_t want_custom[] = {1, 2, 0, 0, 0, 1, 2};
		int64_t		got[CF_STAGE_COUNT];
		cf_loyalty_ladder  *r = parse_text(t, strlen(t));

		CHECK(stages_are(t, 100, def, want_def));
		CHECK(stages_are(t, 100, &custom, want_custom));
		/* a purchase day after the as-of day is refused, the last day itself is not */
		CHECK(cf_loyalty_ladder_count_stages(r, 99, def, got) == CF_LOYALTY_LADDER_EINVAL);
		CHECK(cf_loyalty_ladder_count_stages(r, 96, def, got) == CF_LOYALTY_LADDER_EINVAL);
		CHECK(cf_loyalty_ladder_count_stages(r, INT32_MIN, def, got) == CF_LOYALTY_LADDER_EINVAL);
		cf_loyalty_ladder_free(r);
	}
	/* empty ladder: all zero; prospects only need no as-of check */
	{
		static const int64_t zero[] = {0, 0, 0, 0, 0, 0, 0},
					three_prospects[] = {3, 0, 0, 0, 0, 0, 0};

		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0", 0, def, zero));
		CHECK(stages_are("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=3;customer=1:0;customer=2:0;customer=3:0", INT32_MIN, def, three_prospects));
	}
	/* random streams against the model, at several as-of days */
	{
		int			k;

		for (k = 0; k < 8; k++)
		{
			int			n = 500 + 400 * k;
			row		   *rows = stream(n, 20 + 30 * k, 3000, 30 + 300 * k, 4);
			model		m = model_of(rows, n);
			cf_loyalty_ladder  *r = loyalty_ladder_of(rows, n);
			int32_t		maxday = 3000 + 30 + 300 * k;
			int			j;

			for (j = 0; j < 4; j++)
			{
				const cf_ladder *l = (j & 1) ? &custom : def;
				int32_t		as_of_day = maxday + (int32_t) rnd_below((uint32_t) (j < 2 ? 50 : 2000));
				int64_t		want[CF_STAGE_COUNT] = {0},
							got[CF_STAGE_COUNT];
				int			i;

				for (i = 0; i < m.n; i++)
					want[model_stage(&m.c[i], as_of_day, l)]++;
				CHECK(cf_loyalty_ladder_count_stages(r, as_of_day, l, got) == CF_LOYALTY_LADDER_OK);
				CHECK(memcmp(got, want, sizeof got) == 0);
				CHECK(want[CF_STAGE_ADVOCATE] == 0);
			}
			/* before the last purchase day of some customer */
			{
				int64_t		got[CF_STAGE_COUNT];

				CHECK(cf_loyalty_ladder_count_stages(r, 3000 - 1, def, got) == CF_LOYALTY_LADDER_EINVAL);
			}
			cf_loyalty_ladder_free(r);
			model_free(&m);
			free(rows);
		}
	}
	CHECK(live_blocks == 0);
}

/* The binary form, byte by byte; text out of order; truncating format. */
static void
test_forms(void)
{
	const char *t = "v2;tz=UTC;as_of=2000-01-02T00:00:00Z;customers=2;customer=64:0;customer=-1:3:2000-01-06+300*2";
	cf_loyalty_ladder  *r = parse_text(t, strlen(t));

	/*
	 * version 2, zone length 3, "UTC", as_of 86400000000 = 0x141DD76000 big-endian,
	 * 2 customers; sorted: id -1 (zigzag 1), 3 orders, 2 days, day 5 (zigzag 10),
	 * gap 300 (0xAC 0x02), orders per day minus one (3 orders > 2 days) 0, 1;
	 * id 64 (zigzag 128: 0x80 0x01), 0 orders, 0 days.
	 */
	static const uint8_t want[] = {2, 3, 'U', 'T', 'C', 0, 0, 0, 0x14, 0x1D, 0xD7, 0x60, 0x00, 2,
	1, 3, 2, 10, 0xAC, 0x02, 0, 1, 0xFF, 0x80, 0x01, 0, 0, 0xFF};

	CHECK(r != NULL);
	if (r)
	{
		size_t		len;
		uint8_t    *b;
		char	   *s;
		char		small[20];

		CHECK(!r->sorted);
		CHECK(r->ncustomers == 2 && r->customers[0].id == 64 && r->customers[1].id == -1);
		CHECK(cf_loyalty_ladder_sort(r) == CF_LOYALTY_LADDER_OK);
		b = binary_of(r, &len);
		CHECK(len == sizeof want && memcmp(b, want, sizeof want) == 0);
		s = text_of(r);
		CHECK(strcmp(s, "v2;tz=UTC;as_of=2000-01-02T00:00:00Z;customers=2;customer=-1:3:2000-01-06+300*2;customer=64:0") == 0);
		CHECK(cf_loyalty_ladder_orders(r) == 3);
		/* snprintf-like: truncated, NUL-terminated, full length returned */
		memset(small, 'x', sizeof small);
		CHECK(cf_loyalty_ladder_format(r, small, sizeof small) == strlen(s));
		CHECK(memcmp(small, s, sizeof small - 1) == 0 && small[sizeof small - 1] == '\0');
		CHECK(cf_loyalty_ladder_format(r, small, 1) == strlen(s) && small[0] == '\0');
		free(b);
		free(s);
		cf_loyalty_ladder_free(r);
	}

	/* extremes: ids INT64_MIN/MAX, the first and last days, as_of at both ends of the range */
	{
		char		text[512];
		cf_loyalty_ladder  *p;

		snprintf(text, sizeof text,
				 "v2;tz=America/New_York;as_of=294276-12-31T23:59:59.999999Z;customers=3;"
				 "customer=9223372036854775807:8589934590:-4713-11-23*4294967295+%d*4294967295;"
				 "customer=-9223372036854775808:1:2000-01-01;customer=0:0",
				 LAST_DAY + 1 - (FIRST_DAY - 1));
		p = parse_text(text, strlen(text));
		CHECK(p != NULL);
		if (p)
		{
			CHECK(p->customers[0].id == INT64_MAX && p->customers[0].orders == INT64_C(8589934590));
			CHECK(cf_loyalty_ladder_days(&p->customers[0])[0] == FIRST_DAY - 1 &&
				  cf_loyalty_ladder_days(&p->customers[0])[1] == LAST_DAY + 1);
			CHECK(cf_loyalty_ladder_counts(&p->customers[0])[0] == UINT32_MAX &&
				  cf_loyalty_ladder_counts(&p->customers[0])[1] == UINT32_MAX);
			CHECK(p->customers[1].id == INT64_MIN);
			CHECK(cf_loyalty_ladder_orders(p) == INT64_C(8589934591));
			CHECK(round_trips(p));
			CHECK(p->customers[0].id == INT64_MIN && p->customers[2].id == INT64_MAX);
			cf_loyalty_ladder_free(p);
		}
		snprintf(text, sizeof text, "v2;tz=UTC;as_of=-4713-11-24T00:00:00Z;customers=0");
		p = parse_text(text, strlen(text));
		CHECK(p != NULL && p->as_of == CF_MIN_TIMESTAMP);
		if (p)
			CHECK(round_trips(p));
		cf_loyalty_ladder_free(p);
	}
	CHECK(live_blocks == 0);
}

/* Text that must be refused, with its message. */
static void
text_refused(const char *text, const char *msg, int line)
{
	cf_loyalty_ladder  *r = parse_text(text, strlen(text));

	if (r == NULL && why_rc == CF_ESYNTAX && strcmp(why.detail, msg) == 0)
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "%s:%d: text %s: %s, expected refusal \"%s\"\n", __FILE__, line, text,
				r ? "accepted" : why.detail, msg);
	}
	cf_loyalty_ladder_free(r);
}

/* Bytes that must be refused, with their message. */
static void
binary_refused(const uint8_t *in, size_t len, const char *msg, int line)
{
	uint8_t    *copy = malloc(len ? len : 1);	/* exactly len bytes: valgrind sees any read past */
	cf_loyalty_ladder  *r;

	memcpy(copy, in, len);
	r = parse_binary(copy, len);
	if (r == NULL && why_rc == CF_EINVAL && strcmp(why.detail, msg) == 0)
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "%s:%d: %zu bytes: %s, expected refusal \"%s\"\n", __FILE__, line, len,
				r ? "accepted" : why.detail, msg);
	}
	cf_loyalty_ladder_free(r);

	/* the reader (ids in order, as for stored values) stops with the same problem */
	{
		cf_loyalty_ladder_reader rd;
		int64_t		id,
					orders;
		const int32_t *days;
		int32_t		ndays;
		int			got = -1;

		if (cf_loyalty_ladder_reader_open(&rd, copy, len, true, &test_alloc))
			while ((got = cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays)) == 1)
				;
		if (got == -1 && rd.problem && strcmp(rd.problem, msg) == 0)
			unit_passed++;
		else
		{
			unit_failed++;
			fprintf(stderr, "%s:%d: reader of %zu bytes: %s, expected \"%s\"\n", __FILE__, line, len,
					got == -1 ? rd.problem : "accepted", msg);
		}
		cf_loyalty_ladder_reader_close(&rd);
	}
	free(copy);
}

#define TEXT_REFUSED(t, m) text_refused((t), (m), __LINE__)
#define BIN_REFUSED(m, ...) \
	do { \
		static const uint8_t b_[] = {__VA_ARGS__}; \
		binary_refused(b_, sizeof b_, (m), __LINE__); \
	} while (0)

#define M_COUNTS "a customer's order count does not match its purchase days"
#define M_DAYS "a customer's purchase days are out of range or not increasing"
#define H "v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers="
#define M_ASOF "bad as_of: expected a UTC time YYYY-MM-DDTHH:MM:SS[.ffffff]Z in PostgreSQL's range"
#define M_DATE "bad purchase day: expected a date YYYY-MM-DD"
#define M_PERDAY "bad orders of a day: expected *<n> with n from 2 to 4294967295"
#define M_PERDAY_SUM "a customer's order count does not match its orders per day"
#define M_ENTRY "expected ;customer=<id>:<orders>[:<first day>[*<n>][+<gap>[*<n>]]...][@<score>]"

static void
test_parse_refusals(void)
{
	char		text[600];

	TEXT_REFUSED("", "expected \"v2;tz=\"");
	TEXT_REFUSED("v3;tz=UTC;as_of=0;customers=0", "expected \"v2;tz=\"");
	TEXT_REFUSED("v1;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=0", "expected \"v2;tz=\"");	/* the unreleased form without orders per day */
	TEXT_REFUSED("v2;tz=;as_of=2000-01-01T00:00:00Z;customers=0", "bad time zone name");
	TEXT_REFUSED("v2;tz=U C;as_of=2000-01-01T00:00:00Z;customers=0", "bad time zone name");
	TEXT_REFUSED("v2;tz=UTC", "bad as_of: expected a UTC time YYYY-MM-DDTHH:MM:SS[.ffffff]Z in PostgreSQL's range");
	TEXT_REFUSED("v2;tz=U;TC;as_of=2000-01-01T00:00:00Z;customers=0", M_ASOF);	/* a ';' ends the zone */
	memset(text, 0, sizeof text);
	strcpy(text, "v2;tz=");
	memset(text + 6, 'Z', 256);
	strcat(text, ";as_of=2000-01-01T00:00:00Z;customers=0");
	TEXT_REFUSED(text, "bad time zone name");
	TEXT_REFUSED("v2;tz=UTC;as_of=;customers=0", M_ASOF);
	TEXT_REFUSED("v2;tz=UTC;as_of=0;customers=0", M_ASOF);	/* microseconds: not this form */
	TEXT_REFUSED("v2;tz=UTC;as_of=2000-01-01T00:00:00;customers=0", M_ASOF);	/* no Z */
	TEXT_REFUSED("v2;tz=UTC;as_of=2000-01-01T00:00:00+00;customers=0", M_ASOF);
	TEXT_REFUSED("v2;tz=UTC;as_of=2000-01-01 00:00:00Z;customers=0", M_ASOF);
	TEXT_REFUSED("v2;tz=UTC;as_of=294277-01-01T00:00:00Z;customers=0", M_ASOF);	/* END */
	TEXT_REFUSED("v2;tz=UTC;as_of=-4713-11-23T23:59:59.999999Z;customers=0", M_ASOF);
	TEXT_REFUSED("v2;tz=UTC;as_of=2000-01-01T00:00:00.0000001Z;customers=0", M_ASOF);
	TEXT_REFUSED("v2;tz=UTC;customers=0;as_of=2000-01-01T00:00:00Z", M_ASOF);	/* fields in order */
	TEXT_REFUSED(H, "bad number of customers");
	TEXT_REFUSED(H "-1", "bad number of customers");
	TEXT_REFUSED(H "-0", "bad number of customers");
	TEXT_REFUSED(H "2147483647;customer=1:0", "bad number of customers");
	TEXT_REFUSED(H "99999999999999999999", "bad number of customers");
	TEXT_REFUSED(H "3;customer=1:0;customer=2:0", "bad number of customers");		/* more than the text can hold */
	TEXT_REFUSED(H "2;customer=1:0;;customer=2:0", "expected ;customer=<id>:<orders>");
	TEXT_REFUSED(H "2;customer=1:0;customer=2:0x", M_ENTRY);
	TEXT_REFUSED(H "2;customer=1:0;customer=2:0;customer=3:0", "trailing characters");
	TEXT_REFUSED(H "1;customer=1:0 ", M_ENTRY);
	TEXT_REFUSED(H "1;customer=1:0;", "trailing characters");
	TEXT_REFUSED(H "1;1:1:2000-01-01", "expected ;customer=<id>:<orders>");	/* the form without keys */
	TEXT_REFUSED(H "1;customer=1;0", "expected ;customer=<id>:<orders>");
	TEXT_REFUSED(H "1;customer=1:-1", "expected ;customer=<id>:<orders>");
	TEXT_REFUSED(H "1;customer=1:9223372036854775808:2000-01-06*9223372036854775808", "expected ;customer=<id>:<orders>");
	TEXT_REFUSED(H "1;customer=-9223372036854775809:0", "expected ;customer=<id>:<orders>");
	TEXT_REFUSED(H "1;customer=9223372036854775808:0", "expected ;customer=<id>:<orders>");
	TEXT_REFUSED(H "1;customer=1:2:", M_DATE);
	TEXT_REFUSED(H "1;customer=1:2:5", M_DATE);	/* a day number: not this form */
	TEXT_REFUSED(H "1;customer=1:2:2000-02-30*2", M_DATE);
	TEXT_REFUSED(H "1;customer=1:2:2000-01-06+", M_DAYS);
	TEXT_REFUSED(H "1;customer=1:2:2000-01-06+-3", M_DAYS);
	TEXT_REFUSED(H "1;customer=1:2:2000-01-06+0", M_DAYS);	/* gap 0: a repeated day */
	TEXT_REFUSED(H "1;customer=1:1:-4713-11-21", M_DAYS);	/* MIN_DAY - 1 */
	TEXT_REFUSED(H "1;customer=1:1:294277-01-04", M_DAYS);	/* MAX_DAY + 1 */
	TEXT_REFUSED(H "1;customer=1:2:294276-12-28+10", M_DAYS);
	TEXT_REFUSED(H "1;customer=1:1:-4714-01-01", M_DATE);
	TEXT_REFUSED(H "1;customer=1:2:2000-01-01+9223372036854775807", M_DAYS);
	TEXT_REFUSED(H "1;customer=1:1:2000-01-06+1", M_COUNTS);	/* orders < days */
	TEXT_REFUSED(H "1;customer=1:0:2000-01-06", M_COUNTS);	/* orders 0 with days */
	TEXT_REFUSED(H "1;customer=1:3", M_COUNTS);	/* orders without days */
	/* orders per day: *<n> with n >= 2 after a day, adding up to the orders */
	TEXT_REFUSED(H "1;customer=1:3:2000-01-06*2", M_COUNTS);	/* 2 != 3 */
	TEXT_REFUSED(H "1;customer=1:3:2000-01-06+1*3", M_COUNTS);	/* 4 != 3 */
	TEXT_REFUSED(H "1;customer=1:2:2000-01-06+1*1", M_PERDAY);	/* *1 is not written */
	TEXT_REFUSED(H "1;customer=1:1:2000-01-06*0", M_PERDAY);
	TEXT_REFUSED(H "1;customer=1:1:2000-01-06*-2", M_PERDAY);
	TEXT_REFUSED(H "1;customer=1:2:2000-01-06*", M_PERDAY);
	TEXT_REFUSED(H "1;customer=1:4294967296:2000-01-06*4294967296", M_PERDAY);	/* UINT32_MAX + 1 */
	TEXT_REFUSED(H "1;customer=1:4:2000-01-06*2*2", M_ENTRY);	/* one count a day */
	TEXT_REFUSED(H "1;customer=1:4:*2+1", M_DATE);
	TEXT_REFUSED(H "2;customer=1:0;customer=1:1:2000-01-05", "a customer appears twice");
	TEXT_REFUSED(H "3;customer=-9223372036854775808:0;customer=7:1:2000-01-02;customer=-9223372036854775808:0", "a customer appears twice");

	/* accepted, and written back in the canonical form: leading zeros, -0 */
	{
		const char *t = H "2;customer=-0:1:2000-01-01;customer=007:4:2000-01-04*03+04";
		cf_loyalty_ladder  *r = parse_text(t, strlen(t));
		char	   *s;

		CHECK(r != NULL);
		if (r)
		{
			s = text_of(r);
			CHECK(strcmp(s, H "2;customer=0:1:2000-01-01;customer=7:4:2000-01-04*3+4") == 0);
			free(s);
			cf_loyalty_ladder_free(r);
		}
	}
	/* a NULL cf_error is fine: the code alone */
	{
		cf_loyalty_ladder  *r;

		CHECK(cf_loyalty_ladder_parse("x", 1, &test_alloc, &r, NULL) == CF_ESYNTAX && r == NULL);
	}
	/* the length is what counts: a valid text cut short, or with bytes after the given length */
	CHECK(parse_text(H "1;customer=1:2:2000-01-06+1", strlen(H "1;customer=1:2:2000-01-06+1") - 1) == NULL);
	{
		cf_loyalty_ladder  *r = parse_text(H "1;customer=1:2:2000-01-06+1;garbage", strlen(H "1;customer=1:2:2000-01-06+1"));

		CHECK(r != NULL && r->ncustomers == 1);
		cf_loyalty_ladder_free(r);
	}

	/* binary: header of UTC as of 0 is 1, 3, 'U','T','C', 0 x 8 */
#define BH 2, 3, 'U', 'T', 'C', 0, 0, 0, 0, 0, 0, 0, 0
	BIN_REFUSED("unknown format version", 2);
	/* one binary version: the unreleased version 1 (a total per customer, no orders per day) is gone */
	BIN_REFUSED("unknown format version", 1, 3, 'U', 'T', 'C', 0, 0, 0, 0, 0, 0, 0, 0, 0);
	BIN_REFUSED("unknown format version", 3, 3, 'U', 'T', 'C', 0, 0, 0, 0, 0, 0, 0, 0, 0);
	BIN_REFUSED("unknown format version", 0, 3, 'U', 'T', 'C', 0, 0, 0, 0, 0, 0, 0, 0, 0);
	BIN_REFUSED("bad time zone name", 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	BIN_REFUSED("bad time zone name", 2, 3, 'U', ';', 'C', 0, 0, 0, 0, 0, 0, 0, 0, 0);
	BIN_REFUSED("bad time zone name", 2, 3, 'U', 0, 'C', 0, 0, 0, 0, 0, 0, 0, 0, 0);
	BIN_REFUSED("bad time zone name", 2, 3, 'U', 'T', 'C', 0, 0, 0, 0, 0, 0, 0);	/* as_of cut short */
	BIN_REFUSED("bad time zone name", 2, 200, 'U', 'T', 'C', 0, 0, 0, 0, 0, 0, 0, 0, 0);
	/* END = 0x7FFFFF5BB3B2A000 (not in range), MIN - 1 = 0xFD0F7CC1411F9FFF */
	BIN_REFUSED("as_of out of range", 2, 3, 'U', 'T', 'C', 0x7F, 0xFF, 0xFF, 0x5B, 0xB3, 0xB2, 0xA0, 0x00, 0);
	BIN_REFUSED("as_of out of range", 2, 3, 'U', 'T', 'C', 0xFD, 0x0F, 0x7C, 0xC1, 0x41, 0x1F, 0x9F, 0xFF, 0);
	BIN_REFUSED("bad number of customers", BH);
	BIN_REFUSED("bad number of customers", BH, 0x80);
	BIN_REFUSED("bad number of customers", BH, 1, 0, 0);	/* one customer needs 4 bytes */
	BIN_REFUSED("bad number of customers", BH, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0);	/* 2^31 - 1 */
	BIN_REFUSED("bad number of customers", BH, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02);	/* 65 bits */
	BIN_REFUSED("bad number of customers", BH, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
	BIN_REFUSED("bad number of customers", BH, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02);	/* 2^64: not 0 */
	BIN_REFUSED("truncated customer", BH, 2, 2, 0, 0, 0xFF, 4, 0x80, 0x80, 0x80);
	BIN_REFUSED("truncated customer", BH, 1, 2, 1, 1, 10);	/* no score byte */
	BIN_REFUSED("a recommend score is outside 0-10", BH, 1, 2, 1, 1, 10, 11);
	BIN_REFUSED("a recommend score is outside 0-10", BH, 1, 2, 0, 0, 0xFE);
	BIN_REFUSED("a customer's counts are out of range", BH, 1, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 1, 0);	/* orders 2^63 */
	BIN_REFUSED("a customer's counts are out of range", BH, 1, 2, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0);	/* ndays 2^32-1 */
	BIN_REFUSED("a customer's counts are out of range", BH, 1, 2, 5, 4, 0, 2, 2);	/* 4 days, 3 bytes left */
	BIN_REFUSED("truncated purchase days", BH, 1, 2, 2, 1, 0x80);
	BIN_REFUSED(M_DAYS, BH, 1, 2, 2, 2, 10, 0);	/* gap 0 */
	BIN_REFUSED(M_DAYS, BH, 1, 2, 1, 1, 0xB7, 0xA1, 0xAB, 0x02);	/* zigzag(-2451548) = 4903095 */
	BIN_REFUSED(M_DAYS, BH, 1, 2, 1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);	/* a 32-bit overflow of a day */
	BIN_REFUSED(M_DAYS, BH, 1, 2, 2, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);	/* gap 2^64-1 */
	BIN_REFUSED(M_COUNTS, BH, 1, 2, 0, 1, 10);	/* orders 0 with a day */
	BIN_REFUSED(M_COUNTS, BH, 1, 2, 1, 2, 10, 1);	/* orders < days */
	BIN_REFUSED(M_COUNTS, BH, 1, 2, 3, 0, 0xFF);	/* orders without days */
	/* orders per day (minus one) after the days when orders > days, adding up */
	BIN_REFUSED("truncated orders per day", BH, 1, 2, 3, 2, 10, 1, 0x80);
	BIN_REFUSED("truncated orders per day", BH, 1, 2, 3, 2, 10, 1, 1);	/* one of two */
	BIN_REFUSED(M_PERDAY_SUM, BH, 1, 2, 3, 2, 10, 1, 1, 1, 0xFF);	/* 2 + 2 != 3 */
	BIN_REFUSED(M_PERDAY_SUM, BH, 1, 2, 3, 2, 10, 1, 0, 0, 0xFF);	/* 1 + 1 != 3 */
	BIN_REFUSED("a day's order count is out of range", BH, 1, 2, 0x80, 0x80, 0x80, 0x80, 0x10, 1, 10, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xFF);	/* 2^32 orders, one day: UINT32_MAX + 1 */
	BIN_REFUSED("truncated customer", BH, 1, 2, 3, 2, 10, 1, 0, 1);	/* then no score byte */
	BIN_REFUSED("a customer appears twice", BH, 2, 2, 0, 0, 0xFF, 2, 1, 1, 4, 0xFF);
	BIN_REFUSED("trailing bytes", BH, 1, 2, 0, 0, 0xFF, 0);
	BIN_REFUSED("trailing bytes", BH, 0, 0);
	{
		static const uint8_t ok[] = {BH, 1, 2, 0, 0, 0xFF};	/* the same bytes without the trailing one */
		cf_loyalty_ladder  *r = parse_binary(ok, sizeof ok);

		CHECK(r != NULL && r->ncustomers == 1 && r->customers[0].id == 1 && r->customers[0].orders == 0);
		cf_loyalty_ladder_free(r);
	}
#undef BH
	CHECK(live_blocks == 0);
}

/* Orders per day at the top of uint32 (a customer's total is far below INT64_MAX then). */
static void
test_overflow(void)
{
	int64_t		failed = 0;
	const char *t = H "2;customer=1:4294967295:2000-01-06*4294967294+1;customer=2:4294967295:2000-01-02*4294967295";
	cf_loyalty_ladder  *r = parse_text(t, strlen(t));
	cf_loyalty_ladder  *r2 = parse_text(t, strlen(t));
	const char *one = H "1;customer=1:1:2000-01-06";
	cf_loyalty_ladder  *o = parse_text(one, strlen(one));

	CHECK(r && r2 && o);
	if (!r || !r2 || !o)
		return;
	CHECK(cf_loyalty_ladder_orders(r) == INT64_C(8589934590));
	CHECK(cf_loyalty_ladder_add(r, 1, true, 5, &failed) == CF_LOYALTY_LADDER_OK);	/* UINT32_MAX - 1 + 1 */
	CHECK(cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(r->customers[0].orders == INT64_C(4294967296) && r->customers[0].ndays == 2);
	CHECK(cf_loyalty_ladder_counts(&r->customers[0])[0] == UINT32_MAX);
	CHECK(cf_loyalty_ladder_add(r, 9, true, 6, &failed) == CF_LOYALTY_LADDER_OK);
	/* a small ladder counts rows at once, so the add itself fails; another day is fine */
	CHECK(cf_loyalty_ladder_add(r, 1, true, 5, &failed) == CF_LOYALTY_LADDER_ERANGE && failed == 1);
	CHECK(cf_loyalty_ladder_add(r, 2, true, 1, &failed) == CF_LOYALTY_LADDER_ERANGE && failed == 2);
	CHECK(cf_loyalty_ladder_add(r, 1, true, 7, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(sound(r));
	CHECK(r->customers[0].orders == INT64_C(4294967297) && r->customers[0].ndays == 3);
	/* merging: UINT32_MAX - 1 + 1 fits, the next one does not (and leaves the customer as it was) */
	CHECK(cf_loyalty_ladder_merge(r2, o) == CF_LOYALTY_LADDER_OK);
	CHECK(r2->customers[0].orders == INT64_C(4294967296));
	CHECK(cf_loyalty_ladder_merge(r2, o) == CF_LOYALTY_LADDER_ERANGE && r2->failed_id == 1);
	CHECK(sound(r2));
	CHECK(r2->customers[0].orders == INT64_C(4294967296) && cf_loyalty_ladder_counts(&r2->customers[0])[0] == UINT32_MAX);
	/* the same from the binary form of o */
	{
		size_t		len;
		uint8_t    *bin = binary_of(o, &len);
		cf_loyalty_ladder_reader rd;

		r2->failed_id = 0;
		CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc));
		CHECK(cf_loyalty_ladder_merge_binary(r2, &rd) == CF_LOYALTY_LADDER_ERANGE && r2->failed_id == 1);
		cf_loyalty_ladder_reader_close(&rd);
		CHECK(sound(r2));
		free(bin);
	}
	cf_loyalty_ladder_free(r);
	cf_loyalty_ladder_free(r2);
	cf_loyalty_ladder_free(o);
	CHECK(live_blocks == 0);
}

/*
 * Every allocation failing in turn: building, merging, parsing.  No crash,
 * no leak, the documented code, and the same result once there is memory.
 */
static void
test_alloc_failures(void)
{
	int			n = 600;
	row		   *rows = stream(n, 70, 5000, 30, 4);
	model		m = model_of(rows, n);
	long		k;
	bool		done;
	char	   *text;
	uint8_t    *bin;
	size_t		blen;

	/* cf_loyalty_ladder_new: each of its three allocations */
	for (k = 0; k < 3; k++)
	{
		fail_after(k);
		CHECK(cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc) == NULL);
		CHECK(live_blocks == 0);
	}

	/* building by rows */
	done = false;
	for (k = 3; !done && k < 1000; k++)
	{
		cf_loyalty_ladder  *r;
		int64_t		failed = 0;
		int			i,
					rc = CF_LOYALTY_LADDER_OK;

		fail_after(k);
		r = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc);
		for (i = 0; i < n && rc == CF_LOYALTY_LADDER_OK; i++)
		{
			failed = INT64_C(0x5A5A5A5A5A5A5A5A);
			rc = cf_loyalty_ladder_add(r, rows[i].id, rows[i].order, rows[i].day, &failed);
		}
		if (rc == CF_LOYALTY_LADDER_OK)
			rc = cf_loyalty_ladder_flush(r, &failed);
		if (rc == CF_LOYALTY_LADDER_OK)
		{
			done = true;
			fail_after(-1);
			CHECK(same_as_model(r, &m));
		}
		else
		{
			bool		known = false;

			for (i = 0; i < n; i++)
				known |= rows[i].id == failed;
			CHECK(rc == CF_LOYALTY_LADDER_ENOMEM && known);
			CHECK(sound(r));	/* part of the batch, but a ladder that can be freed and read */
		}
		cf_loyalty_ladder_free(r);
		CHECK(live_blocks == 0);
	}
	CHECK(done && k > 5);		/* it did fail several times before succeeding */

	/* merging two halves */
	done = false;
	for (k = 0; !done && k < 1000; k++)
	{
		cf_loyalty_ladder  *a,
				   *b;
		int			rc;

		fail_after(-1);
		a = loyalty_ladder_of(rows, n / 3);
		b = loyalty_ladder_of(rows + n / 3, n - n / 3);
		fail_after(k);
		rc = cf_loyalty_ladder_merge(a, b);
		fail_after(-1);
		if (rc == CF_LOYALTY_LADDER_OK)
		{
			done = true;
			CHECK(same_as_model(a, &m));
		}
		else
			CHECK(rc == CF_LOYALTY_LADDER_ENOMEM && sound(a));
		cf_loyalty_ladder_free(a);
		cf_loyalty_ladder_free(b);
		CHECK(live_blocks == 0);
	}
	CHECK(done && k > 3);

	/* sorting never allocates */
	{
		cf_loyalty_ladder  *r = loyalty_ladder_of(rows, n);

		CHECK(!r->sorted);
		fail_after(0);
		CHECK(cf_loyalty_ladder_sort(r) == CF_LOYALTY_LADDER_OK);
		fail_after(-1);
		CHECK(r->sorted && sound(r));
		CHECK(same_as_model(r, &m));
		text = text_of(r);
		bin = binary_of(r, &blen);
		cf_loyalty_ladder_free(r);
	}

	/* parsing both forms */
	done = false;
	for (k = 0; !done && k < 1000; k++)
	{
		cf_loyalty_ladder  *r;

		fail_after(k);
		r = parse_text(text, strlen(text));
		fail_after(-1);
		if (r)
		{
			char	   *t2 = text_of(r);

			done = true;
			CHECK(strcmp(t2, text) == 0);
			free(t2);
		}
		else
			CHECK(why_rc == CF_ENOMEM);
		cf_loyalty_ladder_free(r);
		CHECK(live_blocks == 0);
	}
	CHECK(done && k > 5);
	done = false;
	for (k = 0; !done && k < 1000; k++)
	{
		cf_loyalty_ladder  *r;

		fail_after(k);
		r = parse_binary(bin, blen);
		fail_after(-1);
		if (r)
		{
			char	   *t2 = text_of(r);

			done = true;
			CHECK(strcmp(t2, text) == 0);
			free(t2);
		}
		else
			CHECK(why_rc == CF_ENOMEM);
		cf_loyalty_ladder_free(r);
		CHECK(live_blocks == 0);
	}
	CHECK(done && k > 5);
	free(text);
	free(bin);
	model_free(&m);
	free(rows);
}

/* Customers read one by one from the binary form of r (sorted), as parallel arrays. */
static bool
reader_matches(const cf_loyalty_ladder *r, const uint8_t *bin, size_t len)
{
	cf_loyalty_ladder_reader rd;
	int64_t		id,
				orders;
	const int32_t *days;
	int32_t		ndays;
	uint32_t	i = 0;
	int			got;
	bool		ok = true;

	if (!cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc))
		return false;
	ok = rd.ncustomers == r->ncustomers && rd.as_of == r->as_of && rd.zone_len == r->zone_len &&
		memcmp(rd.zone, r->zone, (size_t) r->zone_len) == 0;
	while (ok && (got = cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays)) == 1)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i++];

		ok = i <= r->ncustomers && c->id == id && c->orders == orders && c->ndays == ndays &&
			(ndays == 0 || memcmp(cf_loyalty_ladder_days(c), days, sizeof(int32_t) * (size_t) ndays) == 0);
	}
	ok = ok && got == 0 && i == r->ncustomers;
	cf_loyalty_ladder_reader_close(&rd);
	return ok;
}

/*
 * The reader of the binary form, the merge straight from it and its stage
 * counts: the same as from the table.  And the radix sort of large ladders.
 */
static void
test_reader(void)
{
	int			k;
	cf_ladder	custom = {.client_orders = 3, .regular_orders = 4, .advocate_score = 0,
	.lapse_factor = 1.5, .lapse_days = 10, .lost_days = 20};

	for (k = 0; k < 5; k++)
	{
		/* k 4: one customer with 600 days, more than a merge batch's day buffer */
		int			n = k == 4 ? 3000 : 400 + 900 * k;
		row		   *rows = k == 4 ? stream(n, 8, 1000, 700, 9) : stream(n, 12 + 200 * k, 4000, 60, 5);
		int			cut = n / 3;
		model		m = model_of(rows, n);
		cf_loyalty_ladder  *a = loyalty_ladder_of(rows, cut),
				   *b = loyalty_ladder_of(rows + cut, n - cut),
				   *t = loyalty_ladder_of(rows, n);
		uint8_t    *bin;
		size_t		len;
		cf_loyalty_ladder_reader rd;
		int64_t		want[CF_STAGE_COUNT],
					got[CF_STAGE_COUNT],
					total = -1;
		int32_t		as_of_day = 4100 + (int32_t) rnd_below(400);
		int			i;
		bool		long_one = false;

		for (i = 0; i < m.n; i++)
			long_one |= m.c[i].ndays > CF_LOYALTY_LADDER_BATCH * 16;
		if (k == 4)
			CHECK(long_one);
		cf_loyalty_ladder_sort(b);
		bin = binary_of(b, &len);
		CHECK(reader_matches(b, bin, len));

		/* merge from the bytes = merge of the table = the whole stream */
		CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc));
		CHECK(cf_loyalty_ladder_merge_binary(a, &rd) == CF_LOYALTY_LADDER_OK);
		cf_loyalty_ladder_reader_close(&rd);
		CHECK(sound(a));
		CHECK(same_as_model(a, &m));

		/* stage counts and orders from the bytes of the whole */
		cf_loyalty_ladder_sort(t);
		free(bin);
		bin = binary_of(t, &len);
		CHECK(reader_matches(t, bin, len));
		for (i = 0; i < 2; i++)
		{
			const cf_ladder *l = i ? &custom : &cf_ladder_defaults;
			int			j;

			memset(want, 0, sizeof want);
			for (j = 0; j < m.n; j++)
				want[model_stage(&m.c[j], as_of_day, l)]++;
			CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc));
			CHECK(cf_loyalty_ladder_reader_count_stages(&rd, as_of_day, l, got, &total) == CF_LOYALTY_LADDER_OK);
			cf_loyalty_ladder_reader_close(&rd);
			CHECK(memcmp(got, want, sizeof got) == 0);
			CHECK(total == cf_loyalty_ladder_orders(t));
		}
		CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc));
		CHECK(cf_loyalty_ladder_reader_count_stages(&rd, INT32_MIN, &cf_ladder_defaults, got, NULL) == CF_LOYALTY_LADDER_EINVAL);
		CHECK(rd.problem && strcmp(rd.problem, "a purchase day is after the as-of day") == 0);
		cf_loyalty_ladder_reader_close(&rd);

		/* a corrupt tail: the merge stops with the reader's problem; cut short anywhere after the header */
		if (len > 40)
		{
			cf_loyalty_ladder  *d = loyalty_ladder_of(rows, 0);

			CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len - 1, true, &test_alloc));
			CHECK(cf_loyalty_ladder_merge_binary(d, &rd) == CF_LOYALTY_LADDER_EINVAL && rd.problem != NULL);
			cf_loyalty_ladder_reader_close(&rd);
			CHECK(sound(d));
			CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len - 1, true, &test_alloc));
			CHECK(cf_loyalty_ladder_reader_count_stages(&rd, INT32_MAX, &cf_ladder_defaults, got, NULL) == CF_LOYALTY_LADDER_EINVAL);
			cf_loyalty_ladder_reader_close(&rd);
			cf_loyalty_ladder_free(d);
		}
		/* another zone or as_of: refused before reading */
		{
			cf_loyalty_ladder  *o = cf_loyalty_ladder_new("UTC", 3, 1, &test_alloc),
					   *z = cf_loyalty_ladder_new("CET", 3, 0, &test_alloc);

			CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc));
			CHECK(cf_loyalty_ladder_merge_binary(o, &rd) == CF_LOYALTY_LADDER_EMISMATCH);
			CHECK(cf_loyalty_ladder_merge_binary(z, &rd) == CF_LOYALTY_LADDER_EMISMATCH);
			CHECK(o->ncustomers == 0 && z->ncustomers == 0);
			cf_loyalty_ladder_reader_close(&rd);
			cf_loyalty_ladder_free(o);
			cf_loyalty_ladder_free(z);
		}
		free(bin);
		cf_loyalty_ladder_free(a);
		cf_loyalty_ladder_free(b);
		cf_loyalty_ladder_free(t);
		model_free(&m);
		free(rows);
	}

	/* ids out of order: the table reader takes them, the in-order reader refuses */
	{
		const char *txt = H "3;customer=5:1:2000-01-04;customer=-2:0;customer=1:3:2000-01-02+4*2";
		cf_loyalty_ladder  *r = parse_text(txt, strlen(txt));
		uint8_t    *bin;
		size_t		len;
		cf_loyalty_ladder_reader rd;
		int64_t		id,
					orders;
		const int32_t *days;
		int32_t		ndays;
		cf_loyalty_ladder  *back;
		char	   *s;

		bin = binary_of(r, &len);	/* unsorted on purpose */
		back = parse_binary(bin, len);
		CHECK(back != NULL);
		s = text_of(r);
		CHECK(strcmp(s, txt) == 0);
		free(s);
		cf_loyalty_ladder_sort(back);
		s = text_of(back);
		CHECK(strcmp(s, H "3;customer=-2:0;customer=1:3:2000-01-02+4*2;customer=5:1:2000-01-04") == 0);
		free(s);
		cf_loyalty_ladder_free(back);
		CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc));
		CHECK(cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays) == 1 && id == 5 && orders == 1 &&
			  ndays == 1 && days[0] == 3);
		CHECK(cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays) == -1);
		CHECK(strcmp(rd.problem, "customers are not in increasing id order") == 0);
		cf_loyalty_ladder_reader_close(&rd);
		CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, false, &test_alloc));
		CHECK(cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays) == 1);
		CHECK(cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays) == 1 && id == -2 && orders == 0 && ndays == 0);
		CHECK(cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays) == 1 && id == 1 && orders == 3 &&
			  ndays == 2 && days[0] == 1 && days[1] == 5);
		CHECK(cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays) == 0);
		cf_loyalty_ladder_reader_close(&rd);
		free(bin);
		cf_loyalty_ladder_free(r);
	}

	/*
	 * Large ladders (sorted by a radix sort of the ids): random 64-bit ids,
	 * ids that differ only in their low 16 bits or only in their high ones,
	 * and the extremes; the same order when the scratch memory fails.
	 */
	for (k = 0; k < 3; k++)
	{
		int			n = 9000;
		row		   *rows = malloc(sizeof(row) * (size_t) n);
		model		m;
		int			i;
		long		f;

		for (i = 0; i < n; i++)
		{
			uint32_t	v = rnd_below(6000);

			rows[i].id = k == 0 ? (int64_t) rnd() % 100000000000LL :
				k == 1 ? (int64_t) v - 3000 : (int64_t) (((uint64_t) v << 48) ^ (UINT64_C(1) << 63));
			if (i < 2 && k < 2)
				rows[i].id = i ? INT64_MAX : INT64_MIN;
			rows[i].order = (rnd() & 3) != 0;
			rows[i].day = 100 + (int32_t) rnd_below(30);
			rows[i].seq = i;
		}
		if (k == 2)
			rows[2].id = rows[3].id + 1;	/* the one id with other low bits, seen first */
		m = model_of(rows, n);
		CHECK(m.n >= 4096);
		for (f = -1; f < 3; f++)
		{
			cf_loyalty_ladder  *r = loyalty_ladder_of(rows, n);

			CHECK(!r->sorted);
			fail_after(f);		/* -1: the radix sort; 0..2: one of its buffers missing, qsort */
			CHECK(cf_loyalty_ladder_sort(r) == CF_LOYALTY_LADDER_OK);
			fail_after(-1);
			CHECK(sound(r));
			CHECK(same_as_model(r, &m));
			/* the index was re-slotted: more orders find their customers */
			CHECK(add_rows(r, rows, 100));
			CHECK(r->ncustomers == (uint32_t) m.n);
			cf_loyalty_ladder_free(r);
			CHECK(live_blocks == 0);
		}
		model_free(&m);
		free(rows);
	}

	/* merge_binary when memory runs out at each step */
	{
		int			n = 900;
		row		   *rows = stream(n, 60, 2000, 80, 5);
		model		m = model_of(rows, n);
		cf_loyalty_ladder  *b = loyalty_ladder_of(rows + n / 2, n - n / 2);
		uint8_t    *bin;
		size_t		len;
		bool		done = false;
		long		f,
					base;

		cf_loyalty_ladder_sort(b);
		bin = binary_of(b, &len);
		base = live_blocks;
		for (f = 0; !done && f < 1000; f++)
		{
			cf_loyalty_ladder  *a = loyalty_ladder_of(rows, n / 2);
			cf_loyalty_ladder_reader rd;
			int			rc;

			fail_after(f);
			if (!cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc))
				CHECK(0);
			rc = cf_loyalty_ladder_merge_binary(a, &rd);
			cf_loyalty_ladder_reader_close(&rd);
			fail_after(-1);
			if (rc == CF_LOYALTY_LADDER_OK)
			{
				done = true;
				CHECK(same_as_model(a, &m));
			}
			else
				CHECK((rc == CF_LOYALTY_LADDER_ENOMEM || (rc == CF_LOYALTY_LADDER_EINVAL && strcmp(rd.problem, "out of memory") == 0)) &&
					  sound(a));
			cf_loyalty_ladder_free(a);
			CHECK(live_blocks == base);	/* b's blocks only */
		}
		CHECK(done && f > 3);
		free(bin);
		cf_loyalty_ladder_free(b);
		model_free(&m);
		free(rows);
	}
	CHECK(live_blocks == 0);
}

/*
 * Recommend scores: one per customer (a second, different one is refused; the
 * same one again is fine), kept by merges, decisive for advocates, written as
 * @<score> in the text form and as a score byte in the binary form (worked
 * out byte by byte; 255 for a customer without one).
 */
static void
test_scores(void)
{
	cf_ladder	l = cf_ladder_defaults;
	cf_loyalty_ladder  *r = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc);
	cf_loyalty_ladder  *q = cf_loyalty_ladder_new("UTC", 3, 0, &test_alloc);
	int64_t		failed = 0,
				counts[CF_STAGE_COUNT];
	char	   *t;
	uint8_t    *bin;
	size_t		len;
	int			i;

	/* customer 1: five orders on days -4..0, as of day 0 (since 0): a regular, and with score 9 an advocate */
	for (i = 0; i < 5; i++)
		CHECK(cf_loyalty_ladder_add(r, 1, true, -4 + i, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_add_scored(r, 1, false, 0, 9, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_add_scored(r, 1, false, 0, 9, &failed) == CF_LOYALTY_LADDER_OK);	/* the same again */
	/* customer 2: five orders, score 8: a regular */
	for (i = 0; i < 5; i++)
		CHECK(cf_loyalty_ladder_add_scored(r, 2, true, -4 + i, i == 2 ? 8 : CF_LOYALTY_LADDER_NO_SCORE, &failed) == CF_LOYALTY_LADDER_OK);
	/* customer 3: a prospect with a score */
	CHECK(cf_loyalty_ladder_add_scored(r, 3, false, 0, 10, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_count_stages(r, 0, &l, counts) == CF_LOYALTY_LADDER_OK);
	CHECK(counts[CF_STAGE_ADVOCATE] == 1 && counts[CF_STAGE_REGULAR] == 1 && counts[CF_STAGE_PROSPECT] == 1);

	cf_loyalty_ladder_sort(r);
	t = text_of(r);
	CHECK(strcmp(t, "v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=3;customer=1:5:1999-12-28+1+1+1+1@9;customer=2:5:1999-12-28+1+1+1+1@8;customer=3:0@10") == 0);
	free(t);
	bin = binary_of(r, &len);
	{
		/* version 2; per customer zigzag(id), orders, ndays, zigzag(-4) = 7, gaps, score (one order a day: no counts) */
		static const uint8_t want[] = {2, 3, 'U', 'T', 'C', 0, 0, 0, 0, 0, 0, 0, 0, 3,
			2, 5, 5, 7, 1, 1, 1, 1, 9,
			4, 5, 5, 7, 1, 1, 1, 1, 8,
			6, 0, 0, 10};

		CHECK(len == sizeof want && memcmp(bin, want, len) == 0);
	}
	{
		cf_loyalty_ladder  *b = parse_binary(bin, len);
		char	   *t2;

		CHECK(b != NULL);
		t2 = text_of(b);
		CHECK(strcmp(t2, "v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=3;customer=1:5:1999-12-28+1+1+1+1@9;customer=2:5:1999-12-28+1+1+1+1@8;customer=3:0@10") == 0);
		free(t2);
		cf_loyalty_ladder_free(b);
	}
	/* the reader counts advocates from the binary form too */
	{
		cf_loyalty_ladder_reader rd;

		CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &test_alloc));
		CHECK(cf_loyalty_ladder_reader_count_stages(&rd, 0, &l, counts, NULL) == CF_LOYALTY_LADDER_OK);
		CHECK(counts[CF_STAGE_ADVOCATE] == 1 && counts[CF_STAGE_REGULAR] == 1 && counts[CF_STAGE_PROSPECT] == 1);
		cf_loyalty_ladder_reader_close(&rd);
	}
	/* a score byte outside 0-10 (other than 255 for none) is refused */
	bin[len - 1] = 11;
	CHECK(parse_binary(bin, len) == NULL &&
		  strcmp(why.detail, "a recommend score is outside 0-10") == 0);
	bin[len - 1] = 0xff;
	{
		cf_loyalty_ladder  *b = parse_binary(bin, len);

		CHECK(b != NULL && b->ncustomers == 3);
		cf_loyalty_ladder_free(b);
	}
	free(bin);

	/* a different score for the same customer: refused, naming it */
	/* (a small ladder counts the row at once) */
	CHECK(cf_loyalty_ladder_add_scored(r, 2, false, 0, 7, &failed) == CF_LOYALTY_LADDER_ESCORE && failed == 2);
	CHECK(cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK);
	/* merges: the same score is kept, a different one refused */
	CHECK(cf_loyalty_ladder_add_scored(q, 1, false, 0, 9, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_add_scored(q, 4, true, 0, 3, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_flush(q, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_merge(q, r) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_count_stages(q, 0, &l, counts) == CF_LOYALTY_LADDER_OK);
	CHECK(counts[CF_STAGE_ADVOCATE] == 1 && counts[CF_STAGE_BUYER] == 1);
	CHECK(cf_loyalty_ladder_add_scored(q, 3, false, 0, 5, &failed) == CF_LOYALTY_LADDER_ESCORE && failed == 3);
	CHECK(cf_loyalty_ladder_flush(q, &failed) == CF_LOYALTY_LADDER_OK);
	/* text: @ scores out of range or malformed */
	CHECK(parse_text("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@11", strlen("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@11")) == NULL &&
		  strcmp(why.detail, "a recommend score is outside 0-10") == 0);
	CHECK(parse_text("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@", strlen("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@")) == NULL);
	CHECK(parse_text("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@-1", strlen("v2;tz=UTC;as_of=2000-01-01T00:00:00Z;customers=1;customer=1:0@-1")) == NULL);
	cf_loyalty_ladder_free(r);
	cf_loyalty_ladder_free(q);
}

int
main(void)
{
	test_streams();
	test_merge();
	test_stages();
	test_forms();
	test_parse_refusals();
	test_overflow();
	test_alloc_failures();
	test_reader();
	test_scores();
	CHECK(live_blocks == 0);
	return unit_report("loyalty_ladder");
}
