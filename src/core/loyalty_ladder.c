/*
 * loyalty_ladder.c — the loyalty_ladder state (see loyalty_ladder.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer_profile.h"			/* CF_MIN_TIMESTAMP, CF_END_TIMESTAMP, CF_USECS_PER_DAY */
#include "loyalty_ladder.h"
#include "interrupt.h"
#include "text_form.h"
#include "zone.h"

/* Local days of timestamps in range, with a day of slack for zone offsets. */
#define MIN_DAY ((int32_t) (CF_MIN_TIMESTAMP / CF_USECS_PER_DAY - 2))
#define MAX_DAY ((int32_t) (CF_END_TIMESTAMP / CF_USECS_PER_DAY + 2))

/* Index slots of a new ladder (kept at most half full, doubled as it grows). */
#define INITIAL_SLOTS 8

static uint32_t
hash_id(int64_t id)
{
	uint64_t	h = (uint64_t) id;

	/* splitmix64's finalizer: consecutive ids land far apart */
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return (uint32_t) h;
}

static int32_t *
days_mut(cf_loyalty_ladder_customer *c)
{
	return c->cap == CF_LOYALTY_LADDER_INLINE ? c->u.in.days : c->u.days;
}

static uint32_t *
counts_mut(cf_loyalty_ladder_customer *c)
{
	return c->cap == CF_LOYALTY_LADDER_INLINE ? c->u.in.counts : (uint32_t *) (c->u.days + c->cap);
}

const int32_t *
cf_loyalty_ladder_days(const cf_loyalty_ladder_customer *c)
{
	return c->cap == CF_LOYALTY_LADDER_INLINE ? c->u.in.days : c->u.days;
}

const uint32_t *
cf_loyalty_ladder_counts(const cf_loyalty_ladder_customer *c)
{
	return c->cap == CF_LOYALTY_LADDER_INLINE ? c->u.in.counts : (const uint32_t *) (c->u.days + c->cap);
}

cf_loyalty_ladder *
cf_loyalty_ladder_new(const char *zone, int zone_len, int64_t as_of,
			  const cf_allocator *mem)
{
	cf_loyalty_ladder  *r;

	if (zone_len < 1 || zone_len > 255)
		return NULL;
	r = mem->alloc(sizeof(cf_loyalty_ladder));
	if (!r)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->as_of = as_of;
	r->zone_len = zone_len;
	r->mem = *mem;
	r->sorted = true;
	r->zone = mem->alloc((size_t) zone_len + 1);
	r->index_mask = INITIAL_SLOTS - 1;
	r->index = mem->alloc(sizeof(uint32_t) * INITIAL_SLOTS);
	if (!r->zone || !r->index)
	{
		cf_free(mem, r->zone);
		cf_free(mem, r->index);
		mem->free(r);
		return NULL;
	}
	memcpy(r->zone, zone, (size_t) zone_len);
	r->zone[zone_len] = '\0';
	memset(r->index, 0, sizeof(uint32_t) * INITIAL_SLOTS);
	return r;
}

void
cf_loyalty_ladder_free(cf_loyalty_ladder *r)
{
	uint32_t	i;

	if (!r)
		return;
	for (i = 0; i < r->ncustomers; i++)
		if (r->customers[i].cap != CF_LOYALTY_LADDER_INLINE)
			r->mem.free(r->customers[i].u.days);
	if (r->customers)
		r->mem.free(r->customers);
	cf_free(&r->mem, r->pend);
	r->mem.free(r->index);
	r->mem.free(r->zone);
	r->mem.free(r);
}

bool
cf_loyalty_ladder_compatible(const cf_loyalty_ladder *a, const cf_loyalty_ladder *b)
{
	return a->as_of == b->as_of && cf_zone_same(a->zone, (size_t) a->zone_len, b->zone, (size_t) b->zone_len);
}

void
cf_loyalty_ladder_adopt_zone(cf_loyalty_ladder *r, const char *zone, int zone_len)
{
	size_t		len;
	const char *name = cf_zone_merged(r->zone, (size_t) r->zone_len, zone, (size_t) zone_len, &len);

	if (name == r->zone)
		return;
	/* never longer than the name it replaces (zone.h), so it fits */
	memcpy(r->zone, name, len);
	r->zone[len] = '\0';
	r->zone_len = (int) len;
}

/* An index of size slots (a power of two) for the customers, replacing the old one. */
static int
rebuild_index(cf_loyalty_ladder *r, uint32_t size)
{
	uint32_t   *index = r->mem.alloc(sizeof(uint32_t) * (size_t) size);
	uint32_t	i;

	if (!index)
		return CF_LOYALTY_LADDER_ENOMEM;
	memset(index, 0, sizeof(uint32_t) * (size_t) size);
	for (i = 0; i < r->ncustomers; i++)
	{
		uint32_t	slot = hash_id(r->customers[i].id) & (size - 1);

		cf_poll_entry(i);
		while (index[slot] != 0)
			slot = (slot + 1) & (size - 1);
		index[slot] = i + 1;
	}
	r->mem.free(r->index);
	r->index = index;
	r->index_mask = size - 1;
	return CF_LOYALTY_LADDER_OK;
}

/* Doubles the index (kept at most half full). */
static int
grow_index(cf_loyalty_ladder *r)
{
	return rebuild_index(r, (r->index_mask + 1) * 2);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t		x = ((const cf_loyalty_ladder_customer *) a)->id;
	int64_t		y = ((const cf_loyalty_ladder_customer *) b)->id;

	return (x > y) - (x < y);
}

/* (key, position) pairs for sorting: key = id with the sign bit flipped (unsigned order = signed order). */
typedef struct sort_pair
{
	uint64_t	key;
	uint32_t	pos;
} sort_pair;

/*
 * LSD radix sort of n pairs by key, 16 bits a pass, skipping the passes
 * where every key has the same digit (ids below 2^32 need two).  tmp: n pairs.
 * Returns the array that holds the result (a or tmp).
 */
static sort_pair *
radix_sort(sort_pair *a, sort_pair *tmp, uint32_t n, uint32_t *count)
{
	int			shift;

	for (shift = 0; shift < 64; shift += 16)
	{
		uint32_t	i,
					sum = 0;
		sort_pair  *t;

		cf_check_interrupts();	/* a pass over up to 2^31 entries */
		memset(count, 0, sizeof(uint32_t) * 65536);
		for (i = 0; i < n; i++)
			count[(a[i].key >> shift) & 0xffff]++;
		if (count[(a[0].key >> shift) & 0xffff] == n)
			continue;
		for (i = 0; i < 65536; i++)
		{
			uint32_t	c = count[i];

			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			tmp[count[(a[i].key >> shift) & 0xffff]++] = a[i];
		t = a;
		a = tmp;
		tmp = t;
	}
	return a;
}

/* Sorts by qsort on the entries themselves: no extra memory. */
static void
sort_in_place(cf_loyalty_ladder *r)
{
	qsort(r->customers, r->ncustomers, sizeof(cf_loyalty_ladder_customer), cmp_id);
}

/*
 * Sorts with a radix sort of (id, position) pairs and then moves the entries
 * along the permutation's cycles in place; false when the scratch memory is
 * not there (the caller falls back to qsort).
 */
static bool
sort_by_radix(cf_loyalty_ladder *r)
{
	uint32_t	n = r->ncustomers,
				i;
	sort_pair  *a = r->mem.alloc(sizeof(sort_pair) * (size_t) n);
	sort_pair  *tmp = r->mem.alloc(sizeof(sort_pair) * (size_t) n);
	uint32_t   *count = r->mem.alloc(sizeof(uint32_t) * 65536);
	sort_pair  *sorted;

	if (!a || !tmp || !count)
	{
		if (a)
			r->mem.free(a);
		if (tmp)
			r->mem.free(tmp);
		if (count)
			r->mem.free(count);
		return false;
	}
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		a[i].key = (uint64_t) r->customers[i].id ^ (UINT64_C(1) << 63);
		a[i].pos = i;
	}
	sorted = radix_sort(a, tmp, n, count);
	/* position i takes the entry now at sorted[i].pos; follow each cycle once */
	for (i = 0; i < n; i++)
	{
		uint32_t	j = i;
		cf_loyalty_ladder_customer hold;

		if (sorted[i].pos == i)
			continue;
		hold = r->customers[i];
		for (;;)
		{
			uint32_t	k = sorted[j].pos;

			sorted[j].pos = j;
			if (k == i)
			{
				r->customers[j] = hold;
				break;
			}
			r->customers[j] = r->customers[k];
			j = k;
		}
	}
	r->mem.free(a);
	r->mem.free(tmp);
	r->mem.free(count);
	return true;
}

int
cf_loyalty_ladder_sort(cf_loyalty_ladder *r)
{
	uint32_t	i;

	if (r->sorted)
		return CF_LOYALTY_LADDER_OK;
	if (r->ncustomers < 4096 || !sort_by_radix(r))
		sort_in_place(r);
	/* re-slot in place: the index keeps its size, so no allocation can fail */
	memset(r->index, 0, sizeof(uint32_t) * ((size_t) r->index_mask + 1));
	for (i = 0; i < r->ncustomers; i++)
	{
		uint32_t	slot = hash_id(r->customers[i].id) & r->index_mask;

		while (r->index[slot] != 0)
			slot = (slot + 1) & r->index_mask;
		r->index[slot] = i + 1;
	}
	r->sorted = true;
	return CF_LOYALTY_LADDER_OK;
}

/*
 * The entry of id, created (no orders, no days) if new; *created says which.
 * NULL when out of memory or full.
 */
static cf_loyalty_ladder_customer *
find_or_add(cf_loyalty_ladder *r, int64_t id, bool *created, int *rc)
{
	uint32_t	slot = hash_id(id) & r->index_mask;
	uint32_t	k;
	cf_loyalty_ladder_customer *c;

	while ((k = r->index[slot]) != 0)
	{
		if (r->customers[k - 1].id == id)
		{
			*created = false;
			return &r->customers[k - 1];
		}
		slot = (slot + 1) & r->index_mask;
	}
	if (r->ncustomers >= CF_LOYALTY_LADDER_MAX_CUSTOMERS - 1)
	{
		r->failed_id = id;
		*rc = CF_LOYALTY_LADDER_EFULL;
		return NULL;
	}
	if (r->ncustomers == r->cust_cap)
	{
		uint32_t	cap = r->cust_cap ? (r->cust_cap >= UINT32_MAX / 4 ? CF_LOYALTY_LADDER_MAX_CUSTOMERS : r->cust_cap * 2) : 1;
		cf_loyalty_ladder_customer *cs = r->mem.alloc(sizeof(cf_loyalty_ladder_customer) * (size_t) cap);

		if (!cs)
		{
			*rc = CF_LOYALTY_LADDER_ENOMEM;
			return NULL;
		}
		if (r->ncustomers)
			memcpy(cs, r->customers, sizeof(cf_loyalty_ladder_customer) * (size_t) r->ncustomers);
		if (r->customers)
			r->mem.free(r->customers);
		r->customers = cs;
		r->cust_cap = cap;
	}
	if ((uint64_t) (r->ncustomers + 1) * 2 > (uint64_t) r->index_mask + 1)
	{
		if ((*rc = grow_index(r)) != CF_LOYALTY_LADDER_OK)
			return NULL;
		slot = hash_id(id) & r->index_mask;
		while (r->index[slot] != 0)
			slot = (slot + 1) & r->index_mask;
	}
	c = &r->customers[r->ncustomers];
	memset(c, 0, sizeof(*c));
	if (r->ncustomers > 0 && id < r->customers[r->ncustomers - 1].id)
		r->sorted = false;
	c->id = id;
	c->cap = CF_LOYALTY_LADDER_INLINE;
	c->score = CF_LOYALTY_LADDER_NO_SCORE;
	r->index[slot] = ++r->ncustomers;
	*created = true;
	return c;
}

/* Removes the customer just created by find_or_add (the last one). */
static void
undo_add(cf_loyalty_ladder *r, int64_t id)
{
	uint32_t	slot = hash_id(id) & r->index_mask;

	while (r->index[slot] != r->ncustomers)
		slot = (slot + 1) & r->index_mask;
	/* the last-added entry has nothing after it in its probe run that needs it */
	r->index[slot] = 0;
	r->ncustomers--;
	/* re-slot the rest of the run so that lookups do not stop at the hole */
	slot = (slot + 1) & r->index_mask;
	while (r->index[slot] != 0)
	{
		uint32_t	k = r->index[slot];
		uint32_t	s = hash_id(r->customers[k - 1].id) & r->index_mask;

		r->index[slot] = 0;
		while (r->index[s] != 0)
			s = (s + 1) & r->index_mask;
		r->index[s] = k;
		slot = (slot + 1) & r->index_mask;
	}
}

/* Makes room for n days (and their counts) in c; CF_LOYALTY_LADDER_OK or _ENOMEM (c unchanged). */
static int
reserve_days(cf_loyalty_ladder *r, cf_loyalty_ladder_customer *c, int64_t n)
{
	int64_t		cap;
	int32_t    *days;

	if (n <= c->cap)
		return CF_LOYALTY_LADDER_OK;
	if (n > INT32_MAX)
		return CF_LOYALTY_LADDER_ERANGE;
	cap = (int64_t) c->cap * 2;
	if (cap < n)
		cap = n;
	if (cap > INT32_MAX)
		cap = INT32_MAX;
	days = r->mem.alloc((sizeof(int32_t) + sizeof(uint32_t)) * (size_t) cap);
	if (!days)
		return CF_LOYALTY_LADDER_ENOMEM;
	memcpy(days, days_mut(c), sizeof(int32_t) * (size_t) c->ndays);
	memcpy(days + cap, counts_mut(c), sizeof(uint32_t) * (size_t) c->ndays);
	if (c->cap != CF_LOYALTY_LADDER_INLINE)
		r->mem.free(c->u.days);
	c->u.days = days;
	c->cap = (int32_t) cap;
	return CF_LOYALTY_LADDER_OK;
}

/* One more order on a day c already has; _ERANGE past UINT32_MAX. */
static inline int
bump(uint32_t *count)
{
	if (*count == UINT32_MAX)
		return CF_LOYALTY_LADDER_ERANGE;
	(*count)++;
	return CF_LOYALTY_LADDER_OK;
}

/*
 * Counts an order on day in c: one more on a day it has, else the day
 * inserted into the sorted set with one order (usually at the end: orders
 * come roughly in time order).
 */
static int
add_day(cf_loyalty_ladder *r, cf_loyalty_ladder_customer *c, int32_t day)
{
	int32_t    *d = days_mut(c);
	uint32_t   *k;
	int32_t		n = c->ndays;
	int32_t		lo = 0,
				hi = n;
	int			rc;

	if (n > 0 && day >= d[n - 1])
	{
		if (day == d[n - 1])
			return bump(&counts_mut(c)[n - 1]);
		lo = n;
	}
	else
	{
		while (lo < hi)
		{
			int32_t		mid = lo + (hi - lo) / 2;

			if (d[mid] < day)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n && d[lo] == day)
			return bump(&counts_mut(c)[lo]);
	}
	if ((rc = reserve_days(r, c, (int64_t) n + 1)) != CF_LOYALTY_LADDER_OK)
		return rc;
	d = days_mut(c);
	k = counts_mut(c);
	memmove(d + lo + 1, d + lo, sizeof(int32_t) * (size_t) (n - lo));
	memmove(k + lo + 1, k + lo, sizeof(uint32_t) * (size_t) (n - lo));
	d[lo] = day;
	k[lo] = 1;
	c->ndays = n + 1;
	return CF_LOYALTY_LADDER_OK;
}

/* Records score as c's (see cf_loyalty_ladder_add_scored). */
static int
set_score(cf_loyalty_ladder *r, cf_loyalty_ladder_customer *c, int score)
{
	if (score == CF_LOYALTY_LADDER_NO_SCORE || c->score == score)
		return CF_LOYALTY_LADDER_OK;
	if (c->score != CF_LOYALTY_LADDER_NO_SCORE)
	{
		r->failed_id = c->id;
		return CF_LOYALTY_LADDER_ESCORE;
	}
	c->score = (int8_t) score;
	return CF_LOYALTY_LADDER_OK;
}

/* Counts one row now (see cf_loyalty_ladder_add). */
static int
add_now(cf_loyalty_ladder *r, int64_t id, bool has_order, int32_t day, int score)
{
	bool		created;
	int			rc = CF_LOYALTY_LADDER_OK;
	cf_loyalty_ladder_customer *c = find_or_add(r, id, &created, &rc);

	if (!c)
		return rc;
	if ((rc = set_score(r, c, score)) != CF_LOYALTY_LADDER_OK)
		return rc;
	if (!has_order)
		return CF_LOYALTY_LADDER_OK;
	if (c->orders == INT64_MAX)
		return CF_LOYALTY_LADDER_ERANGE;
	if ((rc = add_day(r, c, day)) != CF_LOYALTY_LADDER_OK)
	{
		if (created)
			undo_add(r, id);
		return rc;
	}
	c->orders++;
	return CF_LOYALTY_LADDER_OK;
}

static inline void
prefetch(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
	__builtin_prefetch(p, 1, 3);
#else
	(void) p;
#endif
}

int
cf_loyalty_ladder_flush(cf_loyalty_ladder *r, int64_t *failed_id)
{
	int			n = r->npending;
	uint32_t	slot[CF_LOYALTY_LADDER_BATCH];
	const cf_loyalty_ladder_batch *b = r->pend;
	int			i;

	if (n == 0)
		return CF_LOYALTY_LADDER_OK;
	r->npending = 0;
	/* first the index slots of the whole batch, then the entries they name, then the work */
	for (i = 0; i < n; i++)
	{
		slot[i] = hash_id(b->id[i]) & r->index_mask;
		prefetch(&r->index[slot[i]]);
	}
	for (i = 0; i < n; i++)
	{
		uint32_t	k = r->index[slot[i]];

		if (k != 0)
			prefetch(&r->customers[k - 1]);
	}
	/* a long history keeps its days in a separate array: its last day is touched next */
	for (i = 0; i < n; i++)
	{
		uint32_t	k = r->index[slot[i]];

		if (k != 0)
		{
			const cf_loyalty_ladder_customer *c = &r->customers[k - 1];

			if (c->cap != CF_LOYALTY_LADDER_INLINE && c->ndays > 0)
			{
				prefetch(&c->u.days[c->ndays - 1]);
				prefetch(&c->u.days[c->cap + c->ndays - 1]);	/* its count */
			}
		}
	}
	for (i = 0; i < n; i++)
	{
		int			rc = add_now(r, b->id[i], b->order[i], b->day[i], b->score[i]);

		if (rc != CF_LOYALTY_LADDER_OK)
		{
			*failed_id = b->id[i];
			return rc;
		}
	}
	return CF_LOYALTY_LADDER_OK;
}

int
cf_loyalty_ladder_add_scored(cf_loyalty_ladder *r, int64_t id, bool has_order, int32_t day, int score,
					 int64_t *failed_id)
{
	int			i;

	if (r->pend == NULL)
	{
		if (r->ncustomers < CF_LOYALTY_LADDER_BATCH_FROM)
		{
			int			rc = add_now(r, id, has_order, day, score);

			if (rc != CF_LOYALTY_LADDER_OK)
				*failed_id = id;
			return rc;
		}
		r->pend = r->mem.alloc(sizeof(cf_loyalty_ladder_batch));
		if (!r->pend)
		{
			*failed_id = id;
			return CF_LOYALTY_LADDER_ENOMEM;
		}
	}
	i = r->npending++;
	r->pend->id[i] = id;
	r->pend->day[i] = day;
	r->pend->order[i] = has_order;
	r->pend->score[i] = (int8_t) score;
	if (r->npending == CF_LOYALTY_LADDER_BATCH)
		return cf_loyalty_ladder_flush(r, failed_id);
	return CF_LOYALTY_LADDER_OK;
}

int
cf_loyalty_ladder_add(cf_loyalty_ladder *r, int64_t id, bool has_order, int32_t day, int64_t *failed_id)
{
	return cf_loyalty_ladder_add_scored(r, id, has_order, day, CF_LOYALTY_LADDER_NO_SCORE, failed_id);
}

/*
 * dst's days := dst's days united with the sorted set src (n of them, with
 * src_counts orders each), the orders of a day in both added up (_ERANGE
 * past UINT32_MAX, dst unchanged).  Unions of up to 64 days are formed on the
 * stack: a merge of two partial ladders (parallel workers) then allocates
 * only for long histories.
 */
static int
unite_days(cf_loyalty_ladder *r, cf_loyalty_ladder_customer *dst, const int32_t *src, const uint32_t *src_counts,
		   int32_t n)
{
	const int32_t *a = cf_loyalty_ladder_days(dst);
	const uint32_t *ak = cf_loyalty_ladder_counts(dst);
	int32_t		na = dst->ndays;
	int32_t		local[64];
	uint32_t	local_counts[64];
	int32_t    *out = local;
	uint32_t   *out_counts = local_counts;
	int64_t		i = 0,
				j = 0,
				k = 0;
	int			rc = CF_LOYALTY_LADDER_OK;

	if (n == 0)
		return CF_LOYALTY_LADDER_OK;
	if (na == 0)
	{
		if ((rc = reserve_days(r, dst, n)) != CF_LOYALTY_LADDER_OK)
			return rc;
		memcpy(days_mut(dst), src, sizeof(int32_t) * (size_t) n);
		memcpy(counts_mut(dst), src_counts, sizeof(uint32_t) * (size_t) n);
		dst->ndays = n;
		return CF_LOYALTY_LADDER_OK;
	}
	if (na + (int64_t) n > INT32_MAX)
		return CF_LOYALTY_LADDER_ERANGE;
	if (na + (int64_t) n > 64)
	{
		out = r->mem.alloc((sizeof(int32_t) + sizeof(uint32_t)) * (size_t) (na + (int64_t) n));
		if (!out)
			return CF_LOYALTY_LADDER_ENOMEM;
		out_counts = (uint32_t *) (out + na + n);
	}
	while (i < na || j < n)
	{
		if (j >= n || (i < na && a[i] < src[j]))
		{
			out_counts[k] = ak[i];
			out[k++] = a[i++];
		}
		else if (i >= na || src[j] < a[i])
		{
			out_counts[k] = src_counts[j];
			out[k++] = src[j++];
		}
		else
		{
			if (ak[i] > UINT32_MAX - src_counts[j])
			{
				rc = CF_LOYALTY_LADDER_ERANGE;
				break;
			}
			out_counts[k] = ak[i] + src_counts[j++];
			out[k++] = a[i++];
		}
	}
	if (rc == CF_LOYALTY_LADDER_OK)
		rc = reserve_days(r, dst, k);
	if (rc == CF_LOYALTY_LADDER_OK)
	{
		memcpy(days_mut(dst), out, sizeof(int32_t) * (size_t) k);
		memcpy(counts_mut(dst), out_counts, sizeof(uint32_t) * (size_t) k);
		dst->ndays = (int32_t) k;
	}
	if (out != local)
		r->mem.free(out);
	return rc;
}

/* Adds one customer (orders, sorted days with their orders, score) to dst: the step of every merge. */
static int
merge_one(cf_loyalty_ladder *dst, int64_t id, int64_t orders, const int32_t *days, const uint32_t *counts,
		  int32_t ndays, int score)
{
	bool		created;
	int			rc = CF_LOYALTY_LADDER_OK;
	cf_loyalty_ladder_customer *c = find_or_add(dst, id, &created, &rc);

	if (!c)
		return rc;
	if (c->orders > INT64_MAX - orders)
	{
		dst->failed_id = id;
		return CF_LOYALTY_LADDER_ERANGE;
	}
	if ((rc = set_score(dst, c, score)) != CF_LOYALTY_LADDER_OK)
		return rc;
	if ((rc = unite_days(dst, c, days, counts, ndays)) != CF_LOYALTY_LADDER_OK)
	{
		dst->failed_id = id;
		return rc;
	}
	c->orders += orders;
	return CF_LOYALTY_LADDER_OK;
}

int
cf_loyalty_ladder_merge(cf_loyalty_ladder *dst, const cf_loyalty_ladder *src)
{
	uint32_t	i;
	int			rc;

	if (!cf_loyalty_ladder_compatible(dst, src))
		return CF_LOYALTY_LADDER_EMISMATCH;
	cf_loyalty_ladder_adopt_zone(dst, src->zone, src->zone_len);
	for (i = 0; i < src->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &src->customers[i];

		cf_poll_entry(i);
		if ((rc = merge_one(dst, c->id, c->orders, cf_loyalty_ladder_days(c), cf_loyalty_ladder_counts(c), c->ndays,
							c->score)) != CF_LOYALTY_LADDER_OK)
			return rc;
	}
	return CF_LOYALTY_LADDER_OK;
}

/*
 * The stage of a customer with these orders, sorted days and score at
 * as_of_day; false when a day is after as_of_day.
 */
static bool
stage_of(int64_t orders, const int32_t *d, int32_t ndays, int score, int32_t as_of_day,
		 const cf_ladder *l, cf_stage *stage)
{
	int32_t		x = 0,
				t_x = 0,
				since = 0;

	if (ndays > 0)
	{
		if (d[ndays - 1] > as_of_day)
			return false;
		x = ndays - 1;
		t_x = d[ndays - 1] - d[0];
		since = as_of_day - d[ndays - 1];
	}
	*stage = cf_loyalty_stage(orders, x, t_x, since, score, l);
	return true;
}

int
cf_loyalty_ladder_count_stages(const cf_loyalty_ladder *r, int32_t as_of_day, const cf_ladder *l,
					   int64_t counts[CF_STAGE_COUNT])
{
	uint32_t	i;
	cf_stage	st;

	memset(counts, 0, sizeof(int64_t) * CF_STAGE_COUNT);
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];

		cf_poll_entry(i);
		if (!stage_of(c->orders, cf_loyalty_ladder_days(c), c->ndays, c->score, as_of_day, l, &st))
			return CF_LOYALTY_LADDER_EINVAL;
		counts[st]++;
	}
	return CF_LOYALTY_LADDER_OK;
}

int64_t
cf_loyalty_ladder_orders(const cf_loyalty_ladder *r)
{
	int64_t		n = 0;
	uint32_t	i;

	for (i = 0; i < r->ncustomers; i++)
	{
		cf_poll_entry(i);
		if (n > INT64_MAX - r->customers[i].orders)
			return INT64_MAX;
		n += r->customers[i].orders;
	}
	return n;
}

/* ---------- binary form ---------- */

static uint64_t
zigzag(int64_t v)
{
	return ((uint64_t) v << 1) ^ (uint64_t) (v >> 63);
}

static int64_t
unzigzag(uint64_t v)
{
	return (int64_t) (v >> 1) ^ -(int64_t) (v & 1);
}

static size_t
varint_size(uint64_t v)
{
	size_t		n = 1;

	while (v >= 0x80)
	{
		v >>= 7;
		n++;
	}
	return n;
}

static uint8_t *
put_varint(uint8_t *p, uint64_t v)
{
	while (v >= 0x80)
	{
		*p++ = (uint8_t) (v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t) v;
	return p;
}

size_t
cf_loyalty_ladder_binary_size(const cf_loyalty_ladder *r)
{
	/* header, then per customer its fields and the score byte */
	size_t		n = 2 + (size_t) r->zone_len + 8 + varint_size(r->ncustomers) + r->ncustomers;
	uint32_t	i;

	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];
		const int32_t *d = cf_loyalty_ladder_days(c);
		int32_t		j;

		cf_poll_entry(i);
		n += varint_size(zigzag(c->id)) + varint_size((uint64_t) c->orders) + varint_size((uint64_t) c->ndays);
		if (c->ndays > 0)
			n += varint_size(zigzag(d[0]));
		for (j = 1; j < c->ndays; j++)
			n += varint_size((uint64_t) (d[j] - d[j - 1]));
		if (c->orders > c->ndays)
		{
			const uint32_t *k = cf_loyalty_ladder_counts(c);

			for (j = 0; j < c->ndays; j++)
				n += varint_size(k[j] - 1);
		}
	}
	return n;
}

void
cf_loyalty_ladder_to_binary(const cf_loyalty_ladder *r, uint8_t *out)
{
	uint8_t    *p = out;
	uint64_t	as_of = (uint64_t) r->as_of;
	uint32_t	i;
	int			b;

	*p++ = CF_LOYALTY_LADDER_VERSION;
	*p++ = (uint8_t) r->zone_len;
	memcpy(p, r->zone, (size_t) r->zone_len);
	p += r->zone_len;
	for (b = 7; b >= 0; b--)
		*p++ = (uint8_t) (as_of >> (8 * b));
	p = put_varint(p, r->ncustomers);
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];
		const int32_t *d = cf_loyalty_ladder_days(c);
		int32_t		j;

		cf_poll_entry(i);
		p = put_varint(p, zigzag(c->id));
		p = put_varint(p, (uint64_t) c->orders);
		p = put_varint(p, (uint64_t) c->ndays);
		if (c->ndays > 0)
			p = put_varint(p, zigzag(d[0]));
		for (j = 1; j < c->ndays; j++)
			p = put_varint(p, (uint64_t) (d[j] - d[j - 1]));
		if (c->orders > c->ndays)
		{
			const uint32_t *k = cf_loyalty_ladder_counts(c);

			for (j = 0; j < c->ndays; j++)
				p = put_varint(p, k[j] - 1);
		}
		*p++ = c->score == CF_LOYALTY_LADDER_NO_SCORE ? 0xff : (uint8_t) c->score;
	}
}

/* CF_ESYNTAX with the rule broken as err's detail (the glue writes the message). */
static int
bad_text(cf_error *err, const char *problem)
{
	return cf_fail_with(err, CF_ESYNTAX, problem);
}

static int
out_of_memory(cf_error *err)
{
	return cf_fail(err, CF_ENOMEM, "out of memory", "The loyalty_ladder did not fit into memory.");
}

/* The problem of a customer or reader that ran out of memory (compared by address). */
static const char no_memory[] = "out of memory";

/* The code of a problem found while reading: CF_ENOMEM for no_memory, else code. */
static int
read_failure(cf_error *err, int code, const char *problem)
{
	return problem == no_memory ? out_of_memory(err) : cf_fail_with(err, code, problem);
}

/* Whether s is a usable zone name (zone.h, as profiles). */
static bool
zone_ok(const char *s, size_t len)
{
	return cf_zone_name_ok(s, len);
}

/*
 * Adds a whole customer read from outside: checks the counts (each day >= 1
 * order, orders their sum), the days (sorted, distinct, in range) and that
 * the id is new.  NULL or a message.
 */
static const char *
put_customer(cf_loyalty_ladder *r, int64_t id, int64_t orders, const int32_t *days, const uint32_t *counts,
			 int32_t ndays, int score)
{
	bool		created;
	int			rc = CF_LOYALTY_LADDER_OK;
	cf_loyalty_ladder_customer *c;
	int32_t		j;
	uint64_t	sum = 0;

	if (orders < 0 || ndays < 0 || (orders == 0) != (ndays == 0) || ndays > orders)
		return "a customer's order count does not match its purchase days";
	for (j = 0; j < ndays; j++)
	{
		if (counts[j] < 1)
			return "a customer's order count does not match its purchase days";
		sum += counts[j];		/* at most INT32_MAX * UINT32_MAX: no overflow */
	}
	if (sum != (uint64_t) orders)
		return "a customer's order count does not match its purchase days";
	if (score != CF_LOYALTY_LADDER_NO_SCORE && (score < 0 || score > 10))
		return "a recommend score is outside 0-10";
	for (j = 0; j < ndays; j++)
		if (days[j] < MIN_DAY || days[j] > MAX_DAY || (j > 0 && days[j] <= days[j - 1]))
			return "a customer's purchase days are out of range or not increasing";
	c = find_or_add(r, id, &created, &rc);
	if (!c)
		return rc == CF_LOYALTY_LADDER_ENOMEM ? no_memory : "too many customers";
	if (!created)
		return "a customer appears twice";
	if ((rc = reserve_days(r, c, ndays)) != CF_LOYALTY_LADDER_OK)
	{
		undo_add(r, id);
		return no_memory;
	}
	if (ndays > 0)				/* days may be NULL then: memcpy wants a pointer */
	{
		memcpy(days_mut(c), days, sizeof(int32_t) * (size_t) ndays);
		memcpy(counts_mut(c), counts, sizeof(uint32_t) * (size_t) ndays);
	}
	c->ndays = ndays;
	c->orders = orders;
	c->score = (int8_t) score;
	return NULL;
}

typedef struct bin_cursor
{
	const uint8_t *p;
	const uint8_t *end;
} bin_cursor;

static bool
get_varint_long(bin_cursor *c, uint64_t *v)
{
	uint64_t	acc = 0;
	int			shift = 0;

	while (c->p < c->end)
	{
		uint8_t		b = *c->p++;

		if (shift == 63 && b > 1)
			return false;
		acc |= (uint64_t) (b & 0x7f) << shift;
		if (!(b & 0x80))
		{
			*v = acc;
			return true;
		}
		shift += 7;
		if (shift > 63)
			return false;
	}
	return false;
}

/*
 * Most varints of a stored ladder are one or two bytes (day gaps, counts):
 * those are decoded inline, the rest by the loop.  A reader spends a third of
 * its time here over a 1M-customer ladder when every varint takes the call.
 */
static inline bool
get_varint(bin_cursor *c, uint64_t *v)
{
	if (c->end - c->p >= 2)
	{
		uint8_t		b0 = c->p[0];

		if (!(b0 & 0x80))
		{
			*v = b0;
			c->p++;
			return true;
		}
		if (!(c->p[1] & 0x80))
		{
			*v = (uint64_t) (b0 & 0x7f) | (uint64_t) c->p[1] << 7;
			c->p += 2;
			return true;
		}
	}
	return get_varint_long(c, v);
}

/* A growable scratch array of days, and their counts after them, for one customer being read. */
typedef struct day_buf
{
	int32_t    *d;
	uint32_t   *k;
	int64_t		cap;
} day_buf;

static bool
day_buf_reserve(cf_loyalty_ladder *r, day_buf *b, int64_t n)
{
	int32_t    *d;
	int64_t		cap;

	if (n <= b->cap)
		return true;
	cap = b->cap * 2 > n ? b->cap * 2 : n;
	d = r->mem.alloc((sizeof(int32_t) + sizeof(uint32_t)) * (size_t) cap);
	if (!d)
		return false;
	if (b->d)
	{
		memcpy(d, b->d, sizeof(int32_t) * (size_t) b->cap);
		memcpy(d + cap, b->k, sizeof(uint32_t) * (size_t) b->cap);
		r->mem.free(b->d);
	}
	b->d = d;
	b->k = (uint32_t *) (d + cap);
	b->cap = cap;
	return true;
}

/* Frees the ladder being parsed and its day buffer; returns rc. */
static int
fail(cf_loyalty_ladder *r, day_buf *b, int rc)
{
	if (b->d)
		r->mem.free(b->d);
	cf_loyalty_ladder_free(r);
	return rc;
}

bool
cf_loyalty_ladder_reader_open(cf_loyalty_ladder_reader *rd, const uint8_t *in, size_t len, bool require_order,
					  const cf_allocator *mem)
{
	bin_cursor	c;
	uint64_t	as_of = 0,
				n;
	int			zone_len,
				k;

	memset(rd, 0, sizeof(*rd));
	rd->mem = *mem;
	rd->require_order = require_order;
	if (len < 2 || in[0] != CF_LOYALTY_LADDER_VERSION)
	{
		rd->problem = "unknown format version";
		return false;
	}
	rd->score = CF_LOYALTY_LADDER_NO_SCORE;
	zone_len = in[1];
	if (len < (size_t) 2 + zone_len + 8 || !zone_ok((const char *) in + 2, (size_t) zone_len))
	{
		rd->problem = "bad time zone name";
		return false;
	}
	for (k = 0; k < 8; k++)
		as_of = (as_of << 8) | in[2 + zone_len + k];
	if ((int64_t) as_of < CF_MIN_TIMESTAMP || (int64_t) as_of >= CF_END_TIMESTAMP)
	{
		rd->problem = "as_of out of range";
		return false;
	}
	c.p = in + 2 + zone_len + 8;
	c.end = in + len;
	/* every customer takes at least 4 bytes: a bound before anything is allocated */
	if (!get_varint(&c, &n) || n >= CF_LOYALTY_LADDER_MAX_CUSTOMERS || n > (uint64_t) (c.end - c.p) / 4)
	{
		rd->problem = "bad number of customers";
		return false;
	}
	rd->p = c.p;
	rd->end = c.end;
	rd->zone = (const char *) in + 2;
	rd->zone_len = zone_len;
	rd->as_of = (int64_t) as_of;
	rd->ncustomers = n;
	rd->left = n;
	return true;
}

static int
reader_fail(cf_loyalty_ladder_reader *rd, const char *msg)
{
	rd->problem = msg;
	return -1;
}

int
cf_loyalty_ladder_reader_next(cf_loyalty_ladder_reader *rd, int64_t *id, int64_t *orders, const int32_t **days,
					  int32_t *ndays)
{
	bin_cursor	c = {rd->p, rd->end};
	uint64_t	uid,
				uorders,
				undays,
				v;
	int64_t		day = 0,
				j;

	cf_poll_entry((size_t) rd->left);
	if (rd->left == 0)
		return c.p == c.end ? 0 : reader_fail(rd, "trailing bytes");
	if (!get_varint(&c, &uid) || !get_varint(&c, &uorders) || !get_varint(&c, &undays))
		return reader_fail(rd, "truncated customer");
	if (uorders > INT64_MAX || undays > INT32_MAX || undays > (uint64_t) (c.end - c.p))
		return reader_fail(rd, "a customer's counts are out of range");
	if ((uorders == 0) != (undays == 0) || undays > uorders)
		return reader_fail(rd, "a customer's order count does not match its purchase days");
	if ((int64_t) undays > rd->days_cap)
	{
		int64_t		cap = rd->days_cap * 2 > (int64_t) undays ? rd->days_cap * 2 : (int64_t) undays;
		int32_t    *d = rd->mem.alloc((sizeof(int32_t) + sizeof(uint32_t)) * (size_t) cap);

		if (!d)
			return reader_fail(rd, no_memory);
		if (rd->days)
			rd->mem.free(rd->days);
		rd->days = d;
		rd->counts = (uint32_t *) (d + cap);
		rd->days_cap = cap;
	}
	for (j = 0; j < (int64_t) undays; j++)
	{
		if (!get_varint(&c, &v))
			return reader_fail(rd, "truncated purchase days");
		if (j == 0)
			day = unzigzag(v);
		else if (v == 0 || v > (uint64_t) MAX_DAY - (uint64_t) MIN_DAY)
			return reader_fail(rd, "a customer's purchase days are out of range or not increasing");
		else
			day += (int64_t) v;
		if (day < MIN_DAY || day > MAX_DAY)
			return reader_fail(rd, "a customer's purchase days are out of range or not increasing");
		rd->days[j] = (int32_t) day;
		rd->counts[j] = 1;
	}
	if (uorders > undays)
	{
		/* some day has several orders: every day's orders minus one, adding up */
		uint64_t	extra = 0;

		for (j = 0; j < (int64_t) undays; j++)
		{
			if (!get_varint(&c, &v))
				return reader_fail(rd, "truncated orders per day");
			if (v >= UINT32_MAX)
				return reader_fail(rd, "a day's order count is out of range");
			rd->counts[j] = (uint32_t) v + 1;
			extra += v;
		}
		if (extra != uorders - undays)
			return reader_fail(rd, "a customer's order count does not match its orders per day");
	}
	if (c.p >= c.end)
		return reader_fail(rd, "truncated customer");
	if (*c.p != 0xff && *c.p > 10)
		return reader_fail(rd, "a recommend score is outside 0-10");
	rd->score = *c.p == 0xff ? CF_LOYALTY_LADDER_NO_SCORE : *c.p;
	c.p++;
	*id = unzigzag(uid);
	if (rd->require_order && rd->have_last && *id <= rd->last_id)
		return reader_fail(rd, *id == rd->last_id ? "a customer appears twice"
						   : "customers are not in increasing id order");
	rd->have_last = true;
	rd->last_id = *id;
	*orders = (int64_t) uorders;
	*days = rd->days;
	*ndays = (int32_t) undays;
	rd->p = c.p;
	rd->left--;
	return 1;
}

void
cf_loyalty_ladder_reader_close(cf_loyalty_ladder_reader *rd)
{
	if (rd->days)
		rd->mem.free(rd->days);
	rd->days = NULL;
	rd->counts = NULL;
	rd->days_cap = 0;
}

int
cf_loyalty_ladder_from_binary(const uint8_t *in, size_t len, const cf_allocator *mem,
							  cf_loyalty_ladder **out, cf_error *err)
{
	cf_loyalty_ladder_reader rd;
	cf_loyalty_ladder  *r;
	int64_t		id,
				orders;
	const int32_t *days;
	int32_t		ndays;
	int			got;

	*out = NULL;
	if (!cf_loyalty_ladder_reader_open(&rd, in, len, false, mem))
		return cf_fail_with(err, CF_EINVAL, rd.problem);
	r = cf_loyalty_ladder_new(rd.zone, rd.zone_len, rd.as_of, mem);
	if (!r)
		return out_of_memory(err);
	while ((got = cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays)) == 1)
	{
		const char *problem = put_customer(r, id, orders, days, rd.counts, ndays, rd.score);

		if (problem)
		{
			rd.problem = problem;
			got = -1;
			break;
		}
	}
	cf_loyalty_ladder_reader_close(&rd);
	if (got < 0)
	{
		cf_loyalty_ladder_free(r);
		return read_failure(err, CF_EINVAL, rd.problem);
	}
	*out = r;
	return CF_OK;
}

/* One customer of a merge, with its days copied (the reader reuses its scratch). */
typedef struct merge_item
{
	int64_t		id;
	int64_t		orders;
	int32_t		ndays;
	int32_t		first;			/* index of its first day in the batch's day buffer */
	int			score;
} merge_item;

#define MERGE_DAYS (CF_LOYALTY_LADDER_BATCH * 16)

/* Merges a batch of customers, their lookups prefetched together (as cf_loyalty_ladder_flush). */
static int
merge_batch(cf_loyalty_ladder *dst, const merge_item *items, int n, const int32_t *days, const uint32_t *counts)
{
	uint32_t	slot[CF_LOYALTY_LADDER_BATCH];
	int			i,
				rc;

	for (i = 0; i < n; i++)
	{
		slot[i] = hash_id(items[i].id) & dst->index_mask;
		prefetch(&dst->index[slot[i]]);
	}
	for (i = 0; i < n; i++)
	{
		uint32_t	k = dst->index[slot[i]];

		if (k != 0)
			prefetch(&dst->customers[k - 1]);
	}
	for (i = 0; i < n; i++)
		if ((rc = merge_one(dst, items[i].id, items[i].orders, days + items[i].first, counts + items[i].first,
							items[i].ndays, items[i].score)) != CF_LOYALTY_LADDER_OK)
			return rc;
	return CF_LOYALTY_LADDER_OK;
}

int
cf_loyalty_ladder_merge_binary(cf_loyalty_ladder *dst, cf_loyalty_ladder_reader *rd)
{
	merge_item	items[CF_LOYALTY_LADDER_BATCH];
	int32_t		days_buf[MERGE_DAYS];
	uint32_t	counts_buf[MERGE_DAYS];
	int			n = 0,
				used = 0,
				got,
				rc;
	int64_t		id,
				orders;
	const int32_t *days;
	int32_t		ndays;

	if (dst->as_of != rd->as_of || !cf_zone_same(dst->zone, (size_t) dst->zone_len, rd->zone, (size_t) rd->zone_len))
		return CF_LOYALTY_LADDER_EMISMATCH;
	cf_loyalty_ladder_adopt_zone(dst, rd->zone, rd->zone_len);
	while ((got = cf_loyalty_ladder_reader_next(rd, &id, &orders, &days, &ndays)) == 1)
	{
		if (n == CF_LOYALTY_LADDER_BATCH || used + ndays > MERGE_DAYS)
		{
			if ((rc = merge_batch(dst, items, n, days_buf, counts_buf)) != CF_LOYALTY_LADDER_OK)
				return rc;
			n = used = 0;
		}
		if (ndays > MERGE_DAYS)
		{
			/* a long history: on its own (the batch is empty here) */
			if ((rc = merge_one(dst, id, orders, days, rd->counts, ndays, rd->score)) != CF_LOYALTY_LADDER_OK)
				return rc;
			continue;
		}
		items[n].id = id;
		items[n].orders = orders;
		items[n].ndays = ndays;
		items[n].first = used;
		items[n].score = rd->score;
		if (ndays > 0)			/* a prospect's days may be NULL */
		{
			memcpy(days_buf + used, days, sizeof(int32_t) * (size_t) ndays);
			memcpy(counts_buf + used, rd->counts, sizeof(uint32_t) * (size_t) ndays);
		}
		used += ndays;
		n++;
	}
	if (got != 0)
		return CF_LOYALTY_LADDER_EINVAL;
	return merge_batch(dst, items, n, days_buf, counts_buf);
}

int
cf_loyalty_ladder_reader_count_stages(cf_loyalty_ladder_reader *rd, int32_t as_of_day, const cf_ladder *l,
							  int64_t counts[CF_STAGE_COUNT], int64_t *orders_total)
{
	int64_t		id,
				orders,
				total = 0;
	const int32_t *d;
	int32_t		n;
	int			got;
	cf_stage	st;

	memset(counts, 0, sizeof(int64_t) * CF_STAGE_COUNT);
	while ((got = cf_loyalty_ladder_reader_next(rd, &id, &orders, &d, &n)) == 1)
	{
		if (!stage_of(orders, d, n, rd->score, as_of_day, l, &st))
		{
			rd->problem = "a purchase day is after the as-of day";
			return CF_LOYALTY_LADDER_EINVAL;
		}
		total = total > INT64_MAX - orders ? INT64_MAX : total + orders;
		counts[st]++;
	}
	if (orders_total)
		*orders_total = total;
	return got == 0 ? CF_LOYALTY_LADDER_OK : CF_LOYALTY_LADDER_EINVAL;
}

/* ---------- text form ---------- */

size_t
cf_loyalty_ladder_format(const cf_loyalty_ladder *r, char *buf, size_t buflen)
{
	cf_tf_writer w;
	uint32_t	i;

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_ROSTER_TEXT_VERSION);
	cf_tf_put_key(&w, "tz");
	cf_tf_put(&w, r->zone, (size_t) r->zone_len);
	cf_tf_put_key(&w, "as_of");
	cf_tf_put_timestamp(&w, r->as_of);
	cf_tf_put_key(&w, "customers");
	cf_tf_put_int64(&w, r->ncustomers);
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_loyalty_ladder_customer *c = &r->customers[i];
		const int32_t *d = cf_loyalty_ladder_days(c);
		const uint32_t *k = cf_loyalty_ladder_counts(c);
		int32_t		j;

		cf_poll_entry(i);
		cf_tf_put_key(&w, "customer");
		cf_tf_put_int64(&w, c->id);
		cf_tf_put_char(&w, ':');
		cf_tf_put_int64(&w, c->orders);
		for (j = 0; j < c->ndays; j++)
		{
			if (j == 0)
			{
				cf_tf_put_char(&w, ':');
				cf_tf_put_date(&w, d[0]);
			}
			else
			{
				cf_tf_put_char(&w, '+');
				cf_tf_put_int64(&w, (int64_t) d[j] - d[j - 1]);
			}
			if (k[j] > 1)
			{
				cf_tf_put_char(&w, '*');
				cf_tf_put_int64(&w, k[j]);
			}
		}
		if (c->score != CF_LOYALTY_LADDER_NO_SCORE)
		{
			cf_tf_put_char(&w, '@');
			cf_tf_put_int64(&w, c->score);
		}
	}
	return w.len;
}

int
cf_loyalty_ladder_parse(const char *text, size_t len, const cf_allocator *mem,
						cf_loyalty_ladder **out, cf_error *err)
{
	cf_tf_reader rd;
	cf_tf_span	zone,
				v;
	int32_t		version;
	int64_t		as_of,
				n,
				i;
	cf_loyalty_ladder  *r;
	day_buf		b = {NULL, NULL, 0};

	*out = NULL;
	if (!cf_tf_begin(&rd, text, len, &version) || rd.sep != ';' || version != CF_ROSTER_TEXT_VERSION ||
		!cf_tf_take(&rd, "tz", &zone))
		return bad_text(err, "expected \"v2;tz=\"");
	if (!zone_ok(zone.s, (size_t) (zone.end - zone.s)))
		return bad_text(err, "bad time zone name");
	if (!cf_tf_take(&rd, "as_of", &v) || !cf_tf_timestamp(&v, &as_of) || !cf_tf_done(&v))
		return bad_text(err, "bad as_of: expected a UTC time YYYY-MM-DDTHH:MM:SS[.ffffff]Z in PostgreSQL's range");
	/* every customer takes at least 13 bytes (";customer=0:0"): a bound before anything is allocated */
	if (!cf_tf_take(&rd, "customers", &v) || !cf_tf_int64(&v, 0, CF_LOYALTY_LADDER_MAX_CUSTOMERS - 1, &n) ||
		!cf_tf_done(&v) || (uint64_t) n > (uint64_t) (rd.end - rd.p) / 13)
		return bad_text(err, "bad number of customers");
	r = cf_loyalty_ladder_new(zone.s, (int) (zone.end - zone.s), as_of, mem);
	if (!r)
		return out_of_memory(err);
	for (i = 0; i < n; i++)
	{
		int64_t		id,
					orders,
					day;
		int64_t		nd = 0;
		int			score;
		const char *problem;

		cf_poll_entry(i);
		if (!cf_tf_take(&rd, "customer", &v) || !cf_tf_int64(&v, INT64_MIN, INT64_MAX, &id) ||
			!cf_tf_char(&v, ':') || !cf_tf_int64(&v, 0, INT64_MAX, &orders))
			return fail(r, &b, bad_text(err, "expected ;customer=<id>:<orders>"));
		if (cf_tf_char(&v, ':'))
		{
			if (!cf_tf_date(&v, &day))
				return fail(r, &b, bad_text(err, "bad purchase day: expected a date YYYY-MM-DD"));
			do
			{
				if (nd > 0)
				{
					int64_t		gap;

					if (nd >= INT32_MAX || !cf_tf_int64(&v, 1, (int64_t) MAX_DAY - MIN_DAY, &gap))
						return fail(r, &b, bad_text(err, "a customer's purchase days are out of range or not increasing"));
					day = b.d[nd - 1] + gap;
				}
				if (day < MIN_DAY || day > MAX_DAY)
					return fail(r, &b, bad_text(err, "a customer's purchase days are out of range or not increasing"));
				if (!day_buf_reserve(r, &b, nd + 1))
					return fail(r, &b, out_of_memory(err));
				b.d[nd] = (int32_t) day;
				b.k[nd] = 1;
				if (cf_tf_char(&v, '*'))
				{
					int64_t		count;

					if (!cf_tf_int64(&v, 2, UINT32_MAX, &count))
						return fail(r, &b, bad_text(err, "bad orders of a day: expected *<n> with n from 2 to 4294967295"));
					b.k[nd] = (uint32_t) count;
				}
				nd++;
			} while (cf_tf_char(&v, '+'));
		}
		score = CF_LOYALTY_LADDER_NO_SCORE;
		if (cf_tf_char(&v, '@'))
		{
			int64_t		sc;

			if (!cf_tf_int64(&v, 0, 10, &sc))
				return fail(r, &b, bad_text(err, "a recommend score is outside 0-10"));
			score = (int) sc;
		}
		if (!cf_tf_done(&v))
			return fail(r, &b, bad_text(err, "expected ;customer=<id>:<orders>[:<first day>[*<n>][+<gap>[*<n>]]...][@<score>]"));
		problem = put_customer(r, id, orders, b.d, b.k, (int32_t) nd, score);
		if (problem)
			return fail(r, &b, read_failure(err, CF_ESYNTAX, problem));
	}
	if (!cf_tf_at_end(&rd))
		return fail(r, &b, bad_text(err, "trailing characters"));
	if (b.d)
		r->mem.free(b.d);
	*out = r;
	return CF_OK;
}
