/*
 * roster.c — the loyalty_ladder state (see roster.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"			/* CF_MIN_TIMESTAMP, CF_END_TIMESTAMP, CF_USECS_PER_DAY */
#include "roster.h"

/* Local days of timestamps in range, with a day of slack for zone offsets. */
#define MIN_DAY ((int32_t) (CF_MIN_TIMESTAMP / CF_USECS_PER_DAY - 2))
#define MAX_DAY ((int32_t) (CF_END_TIMESTAMP / CF_USECS_PER_DAY + 2))

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
days_mut(cf_roster_customer *c)
{
	return c->cap == CF_ROSTER_INLINE ? c->u.inline_days : c->u.days;
}

const int32_t *
cf_roster_days(const cf_roster_customer *c)
{
	return c->cap == CF_ROSTER_INLINE ? c->u.inline_days : c->u.days;
}

cf_roster *
cf_roster_new(const char *zone, int zone_len, int64_t as_of,
			  cf_roster_alloc_fn alloc, cf_roster_free_fn free_fn)
{
	cf_roster  *r;

	if (zone_len < 1 || zone_len > 255)
		return NULL;
	r = alloc(sizeof(cf_roster));
	if (!r)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->as_of = as_of;
	r->zone_len = zone_len;
	memcpy(r->zone, zone, (size_t) zone_len);
	r->alloc = alloc;
	r->free = free_fn;
	r->sorted = true;
	r->index_mask = 63;
	r->index = alloc(sizeof(uint32_t) * 64);
	if (!r->index)
	{
		free_fn(r);
		return NULL;
	}
	memset(r->index, 0, sizeof(uint32_t) * 64);
	return r;
}

void
cf_roster_free(cf_roster *r)
{
	uint32_t	i;

	if (!r)
		return;
	for (i = 0; i < r->ncustomers; i++)
		if (r->customers[i].cap != CF_ROSTER_INLINE)
			r->free(r->customers[i].u.days);
	if (r->customers)
		r->free(r->customers);
	r->free(r->index);
	r->free(r);
}

bool
cf_roster_compatible(const cf_roster *a, const cf_roster *b)
{
	return a->as_of == b->as_of && a->zone_len == b->zone_len &&
		memcmp(a->zone, b->zone, (size_t) a->zone_len) == 0;
}

/* An index of size slots (a power of two) for the customers, replacing the old one. */
static int
rebuild_index(cf_roster *r, uint32_t size)
{
	uint32_t   *index = r->alloc(sizeof(uint32_t) * (size_t) size);
	uint32_t	i;

	if (!index)
		return CF_ROSTER_ENOMEM;
	memset(index, 0, sizeof(uint32_t) * (size_t) size);
	for (i = 0; i < r->ncustomers; i++)
	{
		uint32_t	slot = hash_id(r->customers[i].id) & (size - 1);

		while (index[slot] != 0)
			slot = (slot + 1) & (size - 1);
		index[slot] = i + 1;
	}
	r->free(r->index);
	r->index = index;
	r->index_mask = size - 1;
	return CF_ROSTER_OK;
}

/* Doubles the index (kept at most half full). */
static int
grow_index(cf_roster *r)
{
	return rebuild_index(r, (r->index_mask + 1) * 2);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t		x = ((const cf_roster_customer *) a)->id;
	int64_t		y = ((const cf_roster_customer *) b)->id;

	return (x > y) - (x < y);
}

int
cf_roster_sort(cf_roster *r)
{
	uint32_t	i;

	if (r->sorted)
		return CF_ROSTER_OK;
	qsort(r->customers, r->ncustomers, sizeof(cf_roster_customer), cmp_id);
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
	return CF_ROSTER_OK;
}

/*
 * The entry of id, created (no orders, no days) if new; *created says which.
 * NULL when out of memory or full.
 */
static cf_roster_customer *
find_or_add(cf_roster *r, int64_t id, bool *created, int *rc)
{
	uint32_t	slot = hash_id(id) & r->index_mask;
	uint32_t	k;
	cf_roster_customer *c;

	while ((k = r->index[slot]) != 0)
	{
		if (r->customers[k - 1].id == id)
		{
			*created = false;
			return &r->customers[k - 1];
		}
		slot = (slot + 1) & r->index_mask;
	}
	if (r->ncustomers >= CF_ROSTER_MAX_CUSTOMERS - 1)
	{
		*rc = CF_ROSTER_ERANGE;
		return NULL;
	}
	if (r->ncustomers == r->cust_cap)
	{
		uint32_t	cap = r->cust_cap ? (r->cust_cap >= UINT32_MAX / 4 ? CF_ROSTER_MAX_CUSTOMERS : r->cust_cap * 2) : 16;
		cf_roster_customer *cs = r->alloc(sizeof(cf_roster_customer) * (size_t) cap);

		if (!cs)
		{
			*rc = CF_ROSTER_ENOMEM;
			return NULL;
		}
		if (r->ncustomers)
			memcpy(cs, r->customers, sizeof(cf_roster_customer) * (size_t) r->ncustomers);
		if (r->customers)
			r->free(r->customers);
		r->customers = cs;
		r->cust_cap = cap;
	}
	if ((uint64_t) (r->ncustomers + 1) * 2 > (uint64_t) r->index_mask + 1)
	{
		if ((*rc = grow_index(r)) != CF_ROSTER_OK)
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
	c->cap = CF_ROSTER_INLINE;
	r->index[slot] = ++r->ncustomers;
	*created = true;
	return c;
}

/* Removes the customer just created by find_or_add (the last one). */
static void
undo_add(cf_roster *r, int64_t id)
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

/* Makes room for n days in c; CF_ROSTER_OK or _ENOMEM (c unchanged). */
static int
reserve_days(cf_roster *r, cf_roster_customer *c, int64_t n)
{
	int64_t		cap;
	int32_t    *days;

	if (n <= c->cap)
		return CF_ROSTER_OK;
	if (n > INT32_MAX)
		return CF_ROSTER_ERANGE;
	cap = (int64_t) c->cap * 2;
	if (cap < n)
		cap = n;
	if (cap > INT32_MAX)
		cap = INT32_MAX;
	days = r->alloc(sizeof(int32_t) * (size_t) cap);
	if (!days)
		return CF_ROSTER_ENOMEM;
	memcpy(days, days_mut(c), sizeof(int32_t) * (size_t) c->ndays);
	if (c->cap != CF_ROSTER_INLINE)
		r->free(c->u.days);
	c->u.days = days;
	c->cap = (int32_t) cap;
	return CF_ROSTER_OK;
}

/* Inserts day into the sorted set of c (usually at the end: orders come roughly in time order). */
static int
add_day(cf_roster *r, cf_roster_customer *c, int32_t day)
{
	int32_t    *d = days_mut(c);
	int32_t		n = c->ndays;
	int32_t		lo = 0,
				hi = n;
	int			rc;

	if (n > 0 && day >= d[n - 1])
	{
		if (day == d[n - 1])
			return CF_ROSTER_OK;
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
			return CF_ROSTER_OK;
	}
	if ((rc = reserve_days(r, c, (int64_t) n + 1)) != CF_ROSTER_OK)
		return rc;
	d = days_mut(c);
	memmove(d + lo + 1, d + lo, sizeof(int32_t) * (size_t) (n - lo));
	d[lo] = day;
	c->ndays = n + 1;
	return CF_ROSTER_OK;
}

/* Counts one row now (see cf_roster_add). */
static int
add_now(cf_roster *r, int64_t id, bool has_order, int32_t day)
{
	bool		created;
	int			rc = CF_ROSTER_OK;
	cf_roster_customer *c = find_or_add(r, id, &created, &rc);

	if (!c)
		return rc;
	if (!has_order)
		return CF_ROSTER_OK;
	if (c->orders == INT64_MAX)
		return CF_ROSTER_ERANGE;
	if ((rc = add_day(r, c, day)) != CF_ROSTER_OK)
	{
		if (created)
			undo_add(r, id);
		return rc;
	}
	c->orders++;
	return CF_ROSTER_OK;
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
cf_roster_flush(cf_roster *r, int64_t *failed_id)
{
	int			n = r->npending;
	uint32_t	slot[CF_ROSTER_BATCH];
	int			i;

	r->npending = 0;
	/* first the index slots of the whole batch, then the entries they name, then the work */
	for (i = 0; i < n; i++)
	{
		slot[i] = hash_id(r->pend_id[i]) & r->index_mask;
		prefetch(&r->index[slot[i]]);
	}
	for (i = 0; i < n; i++)
	{
		uint32_t	k = r->index[slot[i]];

		if (k != 0)
			prefetch(&r->customers[k - 1]);
	}
	for (i = 0; i < n; i++)
	{
		int			rc = add_now(r, r->pend_id[i], r->pend_order[i], r->pend_day[i]);

		if (rc != CF_ROSTER_OK)
		{
			*failed_id = r->pend_id[i];
			return rc;
		}
	}
	return CF_ROSTER_OK;
}

int
cf_roster_add(cf_roster *r, int64_t id, bool has_order, int32_t day, int64_t *failed_id)
{
	int			i = r->npending++;

	r->pend_id[i] = id;
	r->pend_day[i] = day;
	r->pend_order[i] = has_order;
	if (r->npending == CF_ROSTER_BATCH)
		return cf_roster_flush(r, failed_id);
	return CF_ROSTER_OK;
}

/* dst's days := dst's days united with the sorted set src (n of them). */
static int
unite_days(cf_roster *r, cf_roster_customer *dst, const int32_t *src, int32_t n)
{
	const int32_t *a = cf_roster_days(dst);
	int32_t		na = dst->ndays;
	int32_t    *out;
	int64_t		i = 0,
				j = 0,
				k = 0;

	if (n == 0)
		return CF_ROSTER_OK;
	if (na + (int64_t) n > INT32_MAX)
		return CF_ROSTER_ERANGE;
	out = r->alloc(sizeof(int32_t) * (size_t) (na + (int64_t) n));
	if (!out)
		return CF_ROSTER_ENOMEM;
	while (i < na || j < n)
	{
		if (j >= n || (i < na && a[i] < src[j]))
			out[k++] = a[i++];
		else if (i >= na || src[j] < a[i])
			out[k++] = src[j++];
		else
		{
			out[k++] = a[i++];
			j++;
		}
	}
	if (k <= CF_ROSTER_INLINE)
	{
		if (dst->cap != CF_ROSTER_INLINE)
			r->free(dst->u.days);
		memcpy(dst->u.inline_days, out, sizeof(int32_t) * (size_t) k);
		dst->cap = CF_ROSTER_INLINE;
		r->free(out);
	}
	else
	{
		if (dst->cap != CF_ROSTER_INLINE)
			r->free(dst->u.days);
		dst->u.days = out;
		dst->cap = (int32_t) (na + (int64_t) n);
	}
	dst->ndays = (int32_t) k;
	return CF_ROSTER_OK;
}

int
cf_roster_merge(cf_roster *dst, const cf_roster *src)
{
	uint32_t	i;

	if (!cf_roster_compatible(dst, src))
		return CF_ROSTER_EMISMATCH;
	for (i = 0; i < src->ncustomers; i++)
	{
		const cf_roster_customer *s = &src->customers[i];
		bool		created;
		int			rc = CF_ROSTER_OK;
		cf_roster_customer *c = find_or_add(dst, s->id, &created, &rc);

		if (!c)
			return rc;
		if (c->orders > INT64_MAX - s->orders)
			return CF_ROSTER_ERANGE;
		if ((rc = unite_days(dst, c, cf_roster_days(s), s->ndays)) != CF_ROSTER_OK)
			return rc;
		c->orders += s->orders;
	}
	return CF_ROSTER_OK;
}

int
cf_roster_count_stages(const cf_roster *r, int32_t as_of_day, const cf_ladder *l,
					   int64_t counts[CF_STAGE_COUNT])
{
	uint32_t	i;

	memset(counts, 0, sizeof(int64_t) * CF_STAGE_COUNT);
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_roster_customer *c = &r->customers[i];
		const int32_t *d = cf_roster_days(c);
		int32_t		x = 0,
					t_x = 0,
					since = 0;

		if (c->ndays > 0)
		{
			if (d[c->ndays - 1] > as_of_day)
				return CF_ROSTER_EINVAL;
			x = c->ndays - 1;
			t_x = d[c->ndays - 1] - d[0];
			since = as_of_day - d[c->ndays - 1];
		}
		counts[cf_loyalty_stage(c->orders, x, t_x, since, -1, l)]++;
	}
	return CF_ROSTER_OK;
}

int64_t
cf_roster_orders(const cf_roster *r)
{
	int64_t		n = 0;
	uint32_t	i;

	for (i = 0; i < r->ncustomers; i++)
	{
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
cf_roster_binary_size(const cf_roster *r)
{
	size_t		n = 2 + (size_t) r->zone_len + 8 + varint_size(r->ncustomers);
	uint32_t	i;

	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_roster_customer *c = &r->customers[i];
		const int32_t *d = cf_roster_days(c);
		int32_t		j;

		n += varint_size(zigzag(c->id)) + varint_size((uint64_t) c->orders) + varint_size((uint64_t) c->ndays);
		if (c->ndays > 0)
			n += varint_size(zigzag(d[0]));
		for (j = 1; j < c->ndays; j++)
			n += varint_size((uint64_t) (d[j] - d[j - 1]));
	}
	return n;
}

void
cf_roster_to_binary(const cf_roster *r, uint8_t *out)
{
	uint8_t    *p = out;
	uint64_t	as_of = (uint64_t) r->as_of;
	uint32_t	i;
	int			b;

	*p++ = CF_ROSTER_VERSION;
	*p++ = (uint8_t) r->zone_len;
	memcpy(p, r->zone, (size_t) r->zone_len);
	p += r->zone_len;
	for (b = 7; b >= 0; b--)
		*p++ = (uint8_t) (as_of >> (8 * b));
	p = put_varint(p, r->ncustomers);
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_roster_customer *c = &r->customers[i];
		const int32_t *d = cf_roster_days(c);
		int32_t		j;

		p = put_varint(p, zigzag(c->id));
		p = put_varint(p, (uint64_t) c->orders);
		p = put_varint(p, (uint64_t) c->ndays);
		if (c->ndays > 0)
			p = put_varint(p, zigzag(d[0]));
		for (j = 1; j < c->ndays; j++)
			p = put_varint(p, (uint64_t) (d[j] - d[j - 1]));
	}
}

static void
set_err(char *err, size_t errlen, const char *msg)
{
	if (err && errlen > 0)
		snprintf(err, errlen, "%s", msg);
}

/* Whether s is a usable zone name: printable ASCII, no ';' (as profiles). */
static bool
zone_ok(const char *s, size_t len)
{
	size_t		i;

	if (len < 1 || len > 255)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] < 0x21 || s[i] > 0x7e || s[i] == ';')
			return false;
	return true;
}

/*
 * Adds a whole customer read from outside: checks the counts, the days
 * (sorted, distinct, in range) and that the id is new.  NULL or a message.
 */
static const char *
put_customer(cf_roster *r, int64_t id, int64_t orders, const int32_t *days, int32_t ndays)
{
	bool		created;
	int			rc = CF_ROSTER_OK;
	cf_roster_customer *c;
	int32_t		j;

	if (orders < 0 || ndays < 0 || (orders == 0) != (ndays == 0) || ndays > orders)
		return "a customer's order count does not match its purchase days";
	for (j = 0; j < ndays; j++)
		if (days[j] < MIN_DAY || days[j] > MAX_DAY || (j > 0 && days[j] <= days[j - 1]))
			return "a customer's purchase days are out of range or not increasing";
	c = find_or_add(r, id, &created, &rc);
	if (!c)
		return rc == CF_ROSTER_ENOMEM ? "out of memory" : "too many customers";
	if (!created)
		return "a customer appears twice";
	if ((rc = reserve_days(r, c, ndays)) != CF_ROSTER_OK)
	{
		undo_add(r, id);
		return "out of memory";
	}
	memcpy(days_mut(c), days, sizeof(int32_t) * (size_t) ndays);
	c->ndays = ndays;
	c->orders = orders;
	return NULL;
}

typedef struct bin_cursor
{
	const uint8_t *p;
	const uint8_t *end;
} bin_cursor;

static bool
get_varint(bin_cursor *c, uint64_t *v)
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

/* A growable scratch array of days for one customer being read. */
typedef struct day_buf
{
	int32_t    *d;
	int64_t		cap;
} day_buf;

static bool
day_buf_reserve(cf_roster *r, day_buf *b, int64_t n)
{
	int32_t    *d;
	int64_t		cap;

	if (n <= b->cap)
		return true;
	cap = b->cap * 2 > n ? b->cap * 2 : n;
	d = r->alloc(sizeof(int32_t) * (size_t) cap);
	if (!d)
		return false;
	if (b->d)
	{
		memcpy(d, b->d, sizeof(int32_t) * (size_t) b->cap);
		r->free(b->d);
	}
	b->d = d;
	b->cap = cap;
	return true;
}

static cf_roster *
fail(cf_roster *r, day_buf *b, char *err, size_t errlen, const char *msg)
{
	set_err(err, errlen, msg);
	if (b->d)
		r->free(b->d);
	cf_roster_free(r);
	return NULL;
}

cf_roster *
cf_roster_from_binary(const uint8_t *in, size_t len, cf_roster_alloc_fn alloc,
					  cf_roster_free_fn free_fn, char *err, size_t errlen)
{
	bin_cursor	c = {in, in + len};
	cf_roster  *r;
	day_buf		b = {NULL, 0};
	uint64_t	as_of = 0,
				n,
				i;
	int			zone_len,
				k;

	if (len < 2 || in[0] != CF_ROSTER_VERSION)
	{
		set_err(err, errlen, "unknown format version");
		return NULL;
	}
	zone_len = in[1];
	if (len < (size_t) 2 + zone_len + 8 || !zone_ok((const char *) in + 2, (size_t) zone_len))
	{
		set_err(err, errlen, "bad time zone name");
		return NULL;
	}
	for (k = 0; k < 8; k++)
		as_of = (as_of << 8) | in[2 + zone_len + k];
	if ((int64_t) as_of < CF_MIN_TIMESTAMP || (int64_t) as_of >= CF_END_TIMESTAMP)
	{
		set_err(err, errlen, "as_of out of range");
		return NULL;
	}
	c.p = in + 2 + zone_len + 8;
	r = cf_roster_new((const char *) in + 2, zone_len, (int64_t) as_of, alloc, free_fn);
	if (!r)
	{
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	if (!get_varint(&c, &n) || n >= CF_ROSTER_MAX_CUSTOMERS || n > (uint64_t) (c.end - c.p) / 3)
		return fail(r, &b, err, errlen, "bad number of customers");
	for (i = 0; i < n; i++)
	{
		uint64_t	id,
					orders,
					ndays,
					v;
		int64_t		day = 0,
					j;
		const char *problem;

		if (!get_varint(&c, &id) || !get_varint(&c, &orders) || !get_varint(&c, &ndays))
			return fail(r, &b, err, errlen, "truncated customer");
		if (orders > INT64_MAX || ndays > INT32_MAX || ndays > (uint64_t) (c.end - c.p))
			return fail(r, &b, err, errlen, "a customer's counts are out of range");
		if (!day_buf_reserve(r, &b, (int64_t) ndays))
			return fail(r, &b, err, errlen, "out of memory");
		for (j = 0; j < (int64_t) ndays; j++)
		{
			if (!get_varint(&c, &v))
				return fail(r, &b, err, errlen, "truncated purchase days");
			if (j == 0)
				day = unzigzag(v);
			else if (v == 0 || v > (uint64_t) MAX_DAY - (uint64_t) MIN_DAY)
				return fail(r, &b, err, errlen, "a customer's purchase days are out of range or not increasing");
			else
				day += (int64_t) v;
			if (day < MIN_DAY || day > MAX_DAY)
				return fail(r, &b, err, errlen, "a customer's purchase days are out of range or not increasing");
			b.d[j] = (int32_t) day;
		}
		problem = put_customer(r, unzigzag(id), (int64_t) orders, b.d, (int32_t) ndays);
		if (problem)
			return fail(r, &b, err, errlen, problem);
	}
	if (c.p != c.end)
		return fail(r, &b, err, errlen, "trailing bytes");
	if (b.d)
		r->free(b.d);
	return r;
}

/* ---------- text form ---------- */

/* Counts every byte; stores those that fit (snprintf-like). */
typedef struct out_buf
{
	char	   *buf;
	size_t		cap;
	size_t		len;
} out_buf;

static void
put_str(out_buf *o, const char *s, size_t n)
{
	if (o->len < o->cap)
	{
		size_t		room = o->cap - 1 - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void
put_int(out_buf *o, int64_t v)
{
	char		tmp[24];
	int			n = snprintf(tmp, sizeof tmp, "%lld", (long long) v);

	put_str(o, tmp, (size_t) n);
}

size_t
cf_roster_format(const cf_roster *r, char *buf, size_t buflen)
{
	out_buf		o = {buf, buflen, 0};
	uint32_t	i;

	put_str(&o, "v1;tz=", 6);
	put_str(&o, r->zone, (size_t) r->zone_len);
	put_str(&o, ";as_of=", 7);
	put_int(&o, r->as_of);
	put_str(&o, ";customers=", 11);
	put_int(&o, r->ncustomers);
	for (i = 0; i < r->ncustomers; i++)
	{
		const cf_roster_customer *c = &r->customers[i];
		const int32_t *d = cf_roster_days(c);
		int32_t		j;

		put_str(&o, ";", 1);
		put_int(&o, c->id);
		put_str(&o, ":", 1);
		put_int(&o, c->orders);
		for (j = 0; j < c->ndays; j++)
		{
			put_str(&o, j == 0 ? ":" : "+", 1);
			put_int(&o, j == 0 ? d[0] : (int64_t) d[j] - d[j - 1]);
		}
	}
	if (buflen > 0)
		buf[o.len < buflen ? o.len : buflen - 1] = '\0';
	return o.len;
}

typedef struct txt_cursor
{
	const char *s;
	const char *end;
} txt_cursor;

static bool
take_lit(txt_cursor *c, const char *lit)
{
	size_t		n = strlen(lit);

	if ((size_t) (c->end - c->s) < n || memcmp(c->s, lit, n) != 0)
		return false;
	c->s += n;
	return true;
}

/* A decimal integer with an optional '-' (only when neg_ok), no leading '+', in range. */
static bool
take_int(txt_cursor *c, bool neg_ok, int64_t *v)
{
	bool		neg = false;
	uint64_t	acc = 0;
	int			n = 0;

	if (c->s < c->end && *c->s == '-' && neg_ok)
	{
		neg = true;
		c->s++;
	}
	while (c->s < c->end && *c->s >= '0' && *c->s <= '9')
	{
		int			dig = *c->s++ - '0';

		if (acc > (UINT64_C(9223372036854775808) - (uint64_t) dig) / 10)
			return false;
		acc = acc * 10 + (uint64_t) dig;
		n++;
	}
	if (n == 0 || n > 19)
		return false;
	if (!neg && acc > (uint64_t) INT64_MAX)
		return false;
	*v = neg ? (int64_t) (0 - acc) : (int64_t) acc;
	return true;
}

cf_roster *
cf_roster_parse(const char *text, size_t len, cf_roster_alloc_fn alloc,
				cf_roster_free_fn free_fn, char *err, size_t errlen)
{
	txt_cursor	c = {text, text + len};
	const char *zone;
	int			zone_len;
	int64_t		as_of,
				n,
				i;
	cf_roster  *r;
	day_buf		b = {NULL, 0};

	if (!take_lit(&c, "v1;tz="))
	{
		set_err(err, errlen, "expected \"v1;tz=\"");
		return NULL;
	}
	zone = c.s;
	while (c.s < c.end && *c.s != ';')
		c.s++;
	zone_len = (int) (c.s - zone);
	if (!zone_ok(zone, (size_t) zone_len))
	{
		set_err(err, errlen, "bad time zone name");
		return NULL;
	}
	if (!take_lit(&c, ";as_of=") || !take_int(&c, true, &as_of) ||
		as_of < CF_MIN_TIMESTAMP || as_of >= CF_END_TIMESTAMP)
	{
		set_err(err, errlen, "bad as_of");
		return NULL;
	}
	if (!take_lit(&c, ";customers=") || !take_int(&c, false, &n) || n >= CF_ROSTER_MAX_CUSTOMERS ||
		(uint64_t) n > (uint64_t) (c.end - c.s) / 4)
	{
		set_err(err, errlen, "bad number of customers");
		return NULL;
	}
	r = cf_roster_new(zone, zone_len, as_of, alloc, free_fn);
	if (!r)
	{
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	for (i = 0; i < n; i++)
	{
		int64_t		id,
					orders,
					v;
		int64_t		nd = 0;
		const char *problem;

		if (!take_lit(&c, ";") || !take_int(&c, true, &id) || !take_lit(&c, ":") ||
			!take_int(&c, false, &orders))
			return fail(r, &b, err, errlen, "expected ;<id>:<orders>");
		if (take_lit(&c, ":"))
		{
			do
			{
				if (nd >= INT32_MAX || !take_int(&c, nd == 0, &v))
					return fail(r, &b, err, errlen, "bad purchase day");
				if (nd > 0 && (v <= 0 || v > (int64_t) MAX_DAY - MIN_DAY))
					return fail(r, &b, err, errlen, "a customer's purchase days are out of range or not increasing");
				if (nd > 0)
					v += b.d[nd - 1];
				if (v < MIN_DAY || v > MAX_DAY)
					return fail(r, &b, err, errlen, "a customer's purchase days are out of range or not increasing");
				if (!day_buf_reserve(r, &b, nd + 1))
					return fail(r, &b, err, errlen, "out of memory");
				b.d[nd++] = (int32_t) v;
			} while (take_lit(&c, "+"));
		}
		problem = put_customer(r, id, orders, b.d, (int32_t) nd);
		if (problem)
			return fail(r, &b, err, errlen, problem);
	}
	if (c.s != c.end)
		return fail(r, &b, err, errlen, "trailing characters");
	if (b.d)
		r->free(b.d);
	return r;
}
