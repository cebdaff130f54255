/*
 * customer_profile.c — customer purchase profiles (see customer_profile.h).
 */
#include "customer_profile.h"
#include "text_form.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZONE_PAD(len)	(((size_t) (len) + 3) & ~(size_t) 3)
#define FIXED_SIZE		offsetof(cf_profile, data)
#define FIRST_BYTES		16		/* version 2's first-day revenue slot */

/* The first-day revenue slot's size: version-1 blocks have none. */
static inline size_t
first_slot(const cf_profile *p)
{
	return p->version >= 2 ? FIRST_BYTES : 0;
}

/* Offset of the limbs in data: the zone, then (version 2) the first-day revenue. */
static inline size_t
limbs_offset(const cf_profile *p)
{
	return ZONE_PAD(p->zone_len) + first_slot(p);
}

/* ---------- layout ---------- */

/* Bytes needed for the given variable parts. */
size_t
cf_profile_size(int zone_len, int big_nlimbs, int day_cap)
{
	return FIXED_SIZE + ZONE_PAD(zone_len) + FIRST_BYTES + sizeof(uint32_t) * (size_t) big_nlimbs +
		sizeof(int32_t) * (size_t) day_cap;
}

/* Bytes of the block p (version 1 has no first-day revenue slot). */
size_t
cf_profile_block_size(const cf_profile *p)
{
	return cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap) - FIRST_BYTES + first_slot(p);
}

/* The zone bytes. */
const char *
cf_profile_zone(const cf_profile *p)
{
	return p->data;
}

/* The big revenue limbs. */
const uint32_t *
cf_profile_limbs(const cf_profile *p)
{
	return (const uint32_t *) (p->data + limbs_offset(p));
}

/* The sorted distinct days. */
const int32_t *
cf_profile_days(const cf_profile *p)
{
	return (const int32_t *) (p->data + limbs_offset(p) + sizeof(uint32_t) * (size_t) p->big_nlimbs);
}

static uint32_t *
limbs_mut(cf_profile *p)
{
	return (uint32_t *) (p->data + limbs_offset(p));
}

static int32_t *
days_mut(cf_profile *p)
{
	return (int32_t *) (p->data + limbs_offset(p) + sizeof(uint32_t) * (size_t) p->big_nlimbs);
}

/* The stored first-day revenue of a version-2 block (4-byte aligned: copied). */
static cf_i128
get_first(const cf_profile *p)
{
	uint64_t	lo;
	int64_t		hi;

	memcpy(&lo, p->data + ZONE_PAD(p->zone_len), 8);
	memcpy(&hi, p->data + ZONE_PAD(p->zone_len) + 8, 8);
	return (cf_i128) (((unsigned __int128) (uint64_t) hi << 64) | lo);
}

/* Records the first-day revenue of a version-2 block: v, or unknown (stored as 0). */
static void
set_first(cf_profile *p, bool known, cf_i128 v)
{
	uint64_t	lo = known ? (uint64_t) v : 0;
	int64_t		hi = known ? (int64_t) (v >> 64) : 0;

	memcpy(p->data + ZONE_PAD(p->zone_len), &lo, 8);
	memcpy(p->data + ZONE_PAD(p->zone_len) + 8, &hi, 8);
	if (known)
		p->flags &= ~CF_PROFILE_NO_FIRST;
	else
		p->flags |= CF_PROFILE_NO_FIRST;
}

static cf_i128
get_rev(const cf_profile *p)
{
	return (cf_i128) (((unsigned __int128) (uint64_t) p->rev_hi << 64) | p->rev_lo);
}

static void
set_rev(cf_profile *p, cf_i128 v)
{
	p->rev_lo = (uint64_t) v;
	p->rev_hi = (int64_t) (v >> 64);
}

static cf_i128
get_mom(const cf_profile *p)
{
	return (cf_i128) (((unsigned __int128) (uint64_t) p->mom_hi << 64) | p->mom_lo);
}

static void
set_mom(cf_profile *p, cf_i128 v)
{
	p->mom_lo = (uint64_t) v;
	p->mom_hi = (int64_t) (v >> 64);
}

static void
lose_moment(cf_profile *p)
{
	p->flags |= CF_PROFILE_NO_MOMENT;
	set_mom(p, 0);
}

/* Printable ASCII other than space, ';' and '"', 1..255 bytes. */
bool
cf_profile_zone_ok(const char *zone, size_t len)
{
	return cf_zone_name_ok(zone, len);
}

void
cf_profile_adopt_zone(cf_profile *p, const char *zone, int zone_len)
{
	size_t		len;
	const char *name = cf_zone_merged(p->data, p->zone_len, zone, (size_t) zone_len, &len);
	size_t		tail = first_slot(p) + sizeof(uint32_t) * (size_t) p->big_nlimbs +
		sizeof(int32_t) * (size_t) p->day_cap;

	if (name == p->data)
		return;
	/* limbs and days move down to the new name's padding, then the name is written */
	memmove(p->data + ZONE_PAD(len), p->data + ZONE_PAD(p->zone_len), tail);
	memset(p->data, 0, ZONE_PAD(len));
	memcpy(p->data, name, len);
	p->zone_len = (uint8_t) len;
}

/*
 * A copy of p in a new zeroed version-2 block with room for nlimbs limbs (the
 * first min(old, new) copied) and day_cap days (the ndays copied); a
 * version-1 p gets its first-day revenue as cf_profile_first_revenue reads
 * it.  NULL on failure.
 */
static cf_profile *
rebuild(const cf_profile *p, int nlimbs, int day_cap, const cf_allocator *mem)
{
	size_t		size = cf_profile_size(p->zone_len, nlimbs, day_cap);
	cf_profile *q = mem->alloc(size);
	int			keep = p->big_nlimbs < nlimbs ? p->big_nlimbs : nlimbs;
	cf_i128		first = 0;
	bool		known = cf_profile_first_revenue(p, &first);

	if (!q)
		return NULL;
	memset(q, 0, size);
	memcpy(q, p, FIXED_SIZE);
	q->version = CF_PROFILE_VERSION;
	q->big_nlimbs = nlimbs;
	q->day_cap = day_cap;
	memcpy(q->data, p->data, p->zone_len);
	set_first(q, known, first);
	if (keep > 0)
		memcpy(limbs_mut(q), cf_profile_limbs(p), sizeof(uint32_t) * (size_t) keep);
	if (p->ndays > 0)
		memcpy(days_mut(q), cf_profile_days(p), sizeof(int32_t) * (size_t) p->ndays);
	return q;
}

/* ---------- revenue ---------- */

/* The big part as a decimal at p->scale. */
static bool
get_big(const cf_profile *p, cf_bigdec *b)
{
	return cf_bigdec_from_parts(b, (p->flags & CF_PROFILE_BIG_NEG) != 0, p->scale,
								cf_profile_limbs(p), p->big_nlimbs);
}

/* Stores b (at p->scale) as the big part, resizing the block when the limb count changes. */
static int
set_big(cf_profile **pp, const cf_bigdec *b, const cf_allocator *mem)
{
	cf_profile *p = *pp;

	if (b->nlimbs != p->big_nlimbs)
	{
		p = rebuild(p, b->nlimbs, p->day_cap, mem);
		if (!p)
			return CF_ENOMEM;
		*pp = p;
	}
	if (b->nlimbs > 0)
		memcpy(limbs_mut(p), b->limbs, sizeof(uint32_t) * (size_t) b->nlimbs);
	if (b->neg)
		p->flags |= CF_PROFILE_BIG_NEG;
	else
		p->flags &= ~CF_PROFILE_BIG_NEG;
	return CF_OK;
}

/* big part += addend (addend->scale <= p->scale). */
static int
big_add(cf_profile **pp, const cf_bigdec *addend, const cf_allocator *mem)
{
	cf_bigdec	cur,
				sum;
	int			rc;

	if (!get_big(*pp, &cur))
		return CF_ENOMEM;
	if (!cf_bigdec_add(&cur, addend, &sum))
	{
		cf_bigdec_free(&cur);
		return CF_ENOMEM;
	}
	cf_bigdec_free(&cur);
	rc = set_big(pp, &sum, mem);
	cf_bigdec_free(&sum);
	return rc;
}

/* big part += v * 10^-scale (scale <= p->scale). */
static int
big_add_i128(cf_profile **pp, cf_i128 v, int scale, const cf_allocator *mem)
{
	cf_bigdec	b;
	int			rc;

	if (v == 0)
		return CF_OK;
	if (!cf_bigdec_from_i128(&b, v, scale))
		return CF_ENOMEM;
	rc = big_add(pp, &b, mem);
	cf_bigdec_free(&b);
	return rc;
}

/* Raises the profile's scale to newscale, moving the fast part to the big one if it overflows. */
static int
rescale(cf_profile **pp, int newscale, const cf_allocator *mem)
{
	cf_profile *p = *pp;
	int			k = newscale - p->scale;
	cf_i128		r;
	cf_bigdec	big,
				tmp;

	if (k <= 0)
		return CF_OK;
	if (!get_big(p, &big))
		return CF_ENOMEM;
	if (!cf_i128_mul_pow10(get_rev(p), k, &r))
	{
		/* spill the fast part into the big one at the old scale */
		cf_bigdec	f;

		if (!cf_bigdec_from_i128(&f, get_rev(p), p->scale))
		{
			cf_bigdec_free(&big);
			return CF_ENOMEM;
		}
		if (!cf_bigdec_add(&big, &f, &tmp))
		{
			cf_bigdec_free(&f);
			cf_bigdec_free(&big);
			return CF_ENOMEM;
		}
		cf_bigdec_free(&f);
		cf_bigdec_free(&big);
		big = tmp;
		r = 0;
	}
	if (!cf_bigdec_rescale(&big, newscale))
	{
		cf_bigdec_free(&big);
		return CF_ENOMEM;
	}
	if (!(p->flags & CF_PROFILE_NO_MOMENT))
	{
		cf_i128		m;

		if (cf_i128_mul_pow10(get_mom(p), k, &m))
			set_mom(p, m);
		else
			lose_moment(p);
	}
	if (p->version >= 2 && !(p->flags & CF_PROFILE_NO_FIRST))
	{
		cf_i128		f;
		bool		fits = cf_i128_mul_pow10(get_first(p), k, &f);

		set_first(p, fits, f);
	}
	p->scale = newscale;
	set_rev(p, r);
	{
		int			rc = set_big(pp, &big, mem);

		cf_bigdec_free(&big);
		return rc;
	}
}

/* Adds v * 10^-scale (any scale) to the revenue, and v * day to the moment. */
static int
revenue_add(cf_profile **pp, cf_i128 v, int scale, int32_t day, bool with_moment, const cf_allocator *mem)
{
	cf_profile *p;
	cf_i128		w,
				sum;
	int			rc;

	if (scale > (*pp)->scale && (rc = rescale(pp, scale, mem)) != CF_OK)
		return rc;
	p = *pp;
	if (!cf_i128_mul_pow10(v, p->scale - scale, &w))
	{
		/* does not fit at the profile's scale: exact slow path */
		if (with_moment)
			lose_moment(p);
		return big_add_i128(pp, v, scale, mem);
	}
	if (with_moment && !(p->flags & CF_PROFILE_NO_MOMENT))
	{
		cf_i128		wd,
					m;

		if (!__builtin_mul_overflow(w, (cf_i128) day, &wd) && cf_i128_add(get_mom(p), wd, &m))
			set_mom(p, m);
		else
			lose_moment(p);
	}
	if (cf_i128_add(get_rev(p), w, &sum))
	{
		set_rev(p, sum);
		return CF_OK;
	}
	/* the fast part overflows: move it to the big part and restart it with w */
	rc = big_add_i128(pp, get_rev(p), p->scale, mem);
	if (rc != CF_OK)
		return rc;
	set_rev(*pp, w);
	return CF_OK;
}

/* ---------- days ---------- */

/*
 * The day capacity that fills a block of the smallest power of two of at least
 * min_size bytes and at least 256 (memory allocators round up to a power of
 * two anyway), at most INT32_MAX; at least 1.  A new profile thus has room for
 * 36 days (zone names up to 8 bytes): a typical customer's profile is never
 * moved while it is built, and stays next to its group's hash entry, which
 * saves a cache miss per order when a million profiles are built at once.
 */
static int
fill_cap(int zone_len, int nlimbs, size_t min_size)
{
	size_t		block = 256,
				fixed = cf_profile_size(zone_len, nlimbs, 0);
	size_t		cap;

	while (block < min_size)
		block *= 2;
	cap = block > fixed ? (block - fixed) / sizeof(int32_t) : 1;
	if (cap < 1)
		cap = 1;
	return cap > INT32_MAX ? INT32_MAX : (int) cap;
}

/* Inserts day into the sorted set, growing the block if needed. */
static int
add_day(cf_profile **pp, int32_t day, const cf_allocator *mem)
{
	cf_profile *p = *pp;
	int32_t    *days = days_mut(p);
	int			n = p->ndays,
				lo,
				hi;

	if (n > 0 && day == days[n - 1])
		return CF_OK;
	if (n == 0 || day > days[n - 1])
		lo = n;
	else
	{
		/* first index with days[i] >= day */
		lo = 0;
		hi = n - 1;
		while (lo < hi)
		{
			int			mid = lo + (hi - lo) / 2;

			if (days[mid] < day)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (days[lo] == day)
			return CF_OK;
	}
	if (n == p->day_cap)
	{
		int			cap = fill_cap(p->zone_len, p->big_nlimbs,
								   2 * cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap));

		if (n == INT32_MAX)
			return CF_ERANGE;
		if (cap <= n)
			cap = n + 1;
		p = rebuild(p, p->big_nlimbs, cap, mem);
		if (!p)
			return CF_ENOMEM;
		*pp = p;
		days = days_mut(p);
	}
	if (lo < n)
		memmove(days + lo + 1, days + lo, sizeof(int32_t) * (size_t) (n - lo));
	days[lo] = day;
	p->ndays = n + 1;
	return CF_OK;
}

/* ---------- building ---------- */

/* An empty profile block (orders = 0) for zone with room for day_cap days. */
static cf_profile *
empty_profile(const char *zone, int zone_len, int day_cap, const cf_allocator *mem)
{
	size_t		size = cf_profile_size(zone_len, 0, day_cap);
	cf_profile *p = mem->alloc(size);

	if (!p)
		return NULL;
	memset(p, 0, size);
	p->version = CF_PROFILE_VERSION;	/* first-day revenue 0, known */
	p->zone_len = (uint8_t) zone_len;
	p->day_cap = day_cap;
	memcpy(p->data, zone, (size_t) zone_len);
	return p;
}

/* Makes *pp a version-2 block (a stored 1.0/1.1 profile is rewritten before it changes). */
static int
upgrade(cf_profile **pp, const cf_allocator *mem)
{
	cf_profile *q;

	if ((*pp)->version >= 2)
		return CF_OK;
	q = rebuild(*pp, (*pp)->big_nlimbs, (*pp)->day_cap, mem);
	if (!q)
		return CF_ENOMEM;
	*pp = q;
	return CF_OK;
}

/*
 * With one purchase day the first day's revenue is the revenue: known
 * whenever that fits 128 bits, even after a partial sum overflowed.  (While
 * known it equals the revenue already: both are the same exact sum.)
 */
static void
settle_first(cf_profile *p)
{
	cf_i128		total;

	if (p->ndays == 1 && (p->flags & CF_PROFILE_NO_FIRST) && cf_profile_revenue_i128(p, &total))
		set_first(p, true, total);
}

/*
 * Records an order of amount v * 10^-scale (p's scale at least scale; big:
 * beyond 128 bits) on day in the first-day revenue, given the first day d0
 * before the order (had: there was one).
 */
static void
note_first(cf_profile *p, bool had, int32_t d0, int32_t day, cf_i128 v, int scale, bool big)
{
	cf_i128		w = 0,
				sum = 0;
	bool		fits;

	if (had && day > d0)
		return;
	fits = !big && cf_i128_mul_pow10(v, p->scale - scale, &w);
	if (had && day == d0)
		fits = fits && !(p->flags & CF_PROFILE_NO_FIRST) && cf_i128_add(get_first(p), w, &sum);
	else
		sum = w;
	set_first(p, fits, fits ? sum : 0);
	settle_first(p);
}

/* Counts the order's time and day (not its amount). */
static int
count_order(cf_profile **pp, int64_t ts, int32_t day, const cf_allocator *mem)
{
	cf_profile *p = *pp;
	int			rc;

	if (p->orders == INT64_MAX)
		return CF_ERANGE;
	if ((rc = add_day(pp, day, mem)) != CF_OK)
		return rc;
	p = *pp;
	if (p->orders == 0 || ts < p->first_ts)
		p->first_ts = ts;
	if (p->orders == 0 || ts > p->last_ts)
		p->last_ts = ts;
	p->orders++;
	return CF_OK;
}

/* One-order profile. */
cf_profile *
cf_profile_first(const char *zone, int zone_len, int64_t ts, int32_t day, cf_i128 v, int scale,
				 const cf_allocator *mem)
{
	cf_profile *p = empty_profile(zone, zone_len, fill_cap(zone_len, 0, 0), mem);

	if (!p)
		return NULL;
	if (cf_profile_add(&p, ts, day, v, scale, mem) != CF_OK)
		return NULL;
	return p;
}

/* Adds one order (fast amount). */
int
cf_profile_add(cf_profile **pp, int64_t ts, int32_t day, cf_i128 v, int scale, const cf_allocator *mem)
{
	int			rc;
	bool		had;
	int32_t		d0;

	if ((rc = upgrade(pp, mem)) != CF_OK)
		return rc;
	/* the scale first, so that the first-day revenue is at the final scale */
	if (scale > (*pp)->scale && (rc = rescale(pp, scale, mem)) != CF_OK)
		return rc;
	had = (*pp)->ndays > 0;
	d0 = had ? cf_profile_days(*pp)[0] : 0;
	if ((rc = count_order(pp, ts, day, mem)) != CF_OK ||
		(rc = revenue_add(pp, v, scale, day, true, mem)) != CF_OK)
		return rc;
	note_first(*pp, had, d0, day, v, scale, false);
	return CF_OK;
}

/* Adds one order (big amount). */
int
cf_profile_add_big(cf_profile **pp, int64_t ts, int32_t day, const cf_bigdec *v, const cf_allocator *mem)
{
	int			rc;
	cf_bigdec	w;
	bool		had;
	int32_t		d0;

	if ((rc = upgrade(pp, mem)) != CF_OK)
		return rc;
	had = (*pp)->ndays > 0;
	d0 = had ? cf_profile_days(*pp)[0] : 0;
	if ((rc = count_order(pp, ts, day, mem)) != CF_OK)
		return rc;
	lose_moment(*pp);
	if (v->scale > (*pp)->scale && (rc = rescale(pp, v->scale, mem)) != CF_OK)
		return rc;
	if (!cf_bigdec_from_parts(&w, v->neg, v->scale, v->limbs, v->nlimbs))
		return CF_ENOMEM;
	rc = big_add(pp, &w, mem);
	cf_bigdec_free(&w);
	if (rc == CF_OK)
		note_first(*pp, had, d0, day, 0, (*pp)->scale, true);
	return rc;
}

/* One-order profile with a big amount. */
cf_profile *
cf_profile_first_big(const char *zone, int zone_len, int64_t ts, int32_t day, const cf_bigdec *v,
					 const cf_allocator *mem)
{
	cf_profile *p = empty_profile(zone, zone_len, fill_cap(zone_len, 0, 0), mem);

	if (!p)
		return NULL;
	if (cf_profile_add_big(&p, ts, day, v, mem) != CF_OK)
		return NULL;
	return p;
}

/* Merges src into *pp. */
int
cf_profile_merge(cf_profile **pp, const cf_profile *src, const cf_allocator *mem)
{
	cf_profile *p = *pp;
	int			rc,
				na,
				nb,
				i,
				j,
				k;
	int32_t    *d;
	const int32_t *sd;
	cf_i128		srev,
				w;

	int32_t		pday,
				sday;
	cf_i128		pfirst = 0,
				sfirst = 0;
	bool		pknown,
				sknown;

	if (!cf_zone_same(p->data, p->zone_len, src->data, src->zone_len))
		return CF_EZONE;
	if (p->orders > INT64_MAX - src->orders)
		return CF_ERANGE;
	if ((rc = upgrade(pp, mem)) != CF_OK)
		return rc;
	p = *pp;
	cf_profile_adopt_zone(p, src->data, src->zone_len);

	/* revenue and moment */
	if (src->scale > p->scale && (rc = rescale(pp, src->scale, mem)) != CF_OK)
		return rc;
	p = *pp;

	/* the first days' revenues, at the merged scale, before anything else changes */
	pday = cf_profile_days(p)[0];
	sday = cf_profile_days(src)[0];
	pknown = cf_profile_first_revenue(p, &pfirst);
	sknown = cf_profile_first_revenue(src, &sfirst) &&
		cf_i128_mul_pow10(sfirst, p->scale - src->scale, &sfirst);

	if ((src->flags & CF_PROFILE_NO_MOMENT) || (p->flags & CF_PROFILE_NO_MOMENT))
		lose_moment(p);
	else
	{
		cf_i128		m;

		if (cf_i128_mul_pow10(get_mom(src), p->scale - src->scale, &w) && cf_i128_add(get_mom(p), w, &m))
			set_mom(p, m);
		else
			lose_moment(p);
	}
	srev = get_rev(src);
	if (srev != 0)
	{
		if (cf_i128_mul_pow10(srev, p->scale - src->scale, &w))
		{
			cf_i128		sum;

			if (cf_i128_add(get_rev(p), w, &sum))
				set_rev(p, sum);
			else
			{
				if ((rc = big_add_i128(pp, get_rev(p), p->scale, mem)) != CF_OK)
					return rc;
				set_rev(*pp, w);
			}
		}
		else if ((rc = big_add_i128(pp, srev, src->scale, mem)) != CF_OK)
			return rc;
	}
	if (src->big_nlimbs > 0)
	{
		cf_bigdec	b;

		if (!get_big(src, &b))
			return CF_ENOMEM;
		rc = big_add(pp, &b, mem);
		cf_bigdec_free(&b);
		if (rc != CF_OK)
			return rc;
	}
	p = *pp;

	/* counts and times */
	if (src->first_ts < p->first_ts)
		p->first_ts = src->first_ts;
	if (src->last_ts > p->last_ts)
		p->last_ts = src->last_ts;
	p->orders += src->orders;

	/* days: union of two sorted sets, merged from the back in place */
	na = p->ndays;
	nb = src->ndays;
	if ((int64_t) na + nb > INT32_MAX)
		return CF_ERANGE;
	if (na + nb > p->day_cap)
	{
		p = rebuild(p, p->big_nlimbs, na + nb, mem);
		if (!p)
			return CF_ENOMEM;
		*pp = p;
	}
	d = days_mut(p);
	sd = cf_profile_days(src);
	i = na - 1;
	j = nb - 1;
	k = na + nb;				/* next free slot from the back is k - 1 */
	while (j >= 0)
	{
		int32_t		v;

		if (i >= 0 && d[i] >= sd[j])
		{
			v = d[i];
			if (d[i] == sd[j])
				j--;
			i--;
		}
		else
			v = sd[j--];
		d[--k] = v;
	}
	while (i >= 0)
		d[--k] = d[i--];
	if (k > 0)
		memmove(d, d + k, sizeof(int32_t) * (size_t) (na + nb - k));
	p->ndays = na + nb - k;

	/* the earlier first day's revenue; on the same day, their sum */
	if (sday < pday)
		set_first(p, sknown, sfirst);
	else if (sday == pday)
	{
		cf_i128		sum = 0;
		bool		known = pknown && sknown && cf_i128_add(pfirst, sfirst, &sum);

		set_first(p, known, sum);
	}
	settle_first(p);
	return CF_OK;
}

/*
 * The revenue in its one canonical form, the one text input builds: the fast
 * part alone when the total fits 128 bits, else the big part alone.  (A sum
 * keeps both parts; the text form prints only their total.)  A version-1
 * profile becomes version 2.  p is changed in place or replaced by a block
 * from mem; NULL when out of memory.
 */
cf_profile *
cf_profile_canonical(cf_profile *p, const cf_allocator *mem)
{
	cf_i128		v;
	cf_bigdec	total;
	int			rc;

	if (upgrade(&p, mem) != CF_OK)
		return NULL;
	if (p->big_nlimbs == 0)
		return p;
	if (cf_profile_revenue_i128(p, &v))
	{
		cf_profile *q = rebuild(p, 0, p->day_cap, mem);

		if (!q)
			return NULL;
		q->flags &= ~CF_PROFILE_BIG_NEG;
		set_rev(q, v);
		return q;
	}
	if (get_rev(p) == 0)
		return p;
	if (!cf_profile_revenue(p, &total))
		return NULL;
	set_rev(p, 0);
	rc = set_big(&p, &total, mem);
	cf_bigdec_free(&total);
	return rc == CF_OK ? p : NULL;
}

/* Compact copy. */
cf_profile *
cf_profile_compact(const cf_profile *p, const cf_allocator *mem)
{
	return rebuild(p, p->big_nlimbs, p->ndays, mem);
}

/* ---------- reading ---------- */

/* Whole revenue as a big decimal. */
bool
cf_profile_revenue(const cf_profile *p, cf_bigdec *out)
{
	cf_bigdec	big,
				fast;
	bool		ok;

	if (!get_big(p, &big))
		return false;
	if (!cf_bigdec_from_i128(&fast, get_rev(p), p->scale))
	{
		cf_bigdec_free(&big);
		return false;
	}
	ok = cf_bigdec_add(&big, &fast, out);
	cf_bigdec_free(&big);
	cf_bigdec_free(&fast);
	return ok;
}

/*
 * Whole revenue as a 128-bit integer when it fits.  The parts can hold
 * opposite signs (a sum keeps both), so a big part beyond 128 bits can still
 * make a total that fits: that case adds them exactly first.
 */
bool
cf_profile_revenue_i128(const cf_profile *p, cf_i128 *v)
{
	cf_i128		b = 0;
	const uint32_t *l = cf_profile_limbs(p);
	int			i;
	cf_bigdec	total;
	bool		fits;

	if (p->big_nlimbs == 0)
	{
		*v = get_rev(p);
		return true;
	}
	for (i = p->big_nlimbs - 1; i >= 0; i--)
		if (__builtin_mul_overflow(b, (cf_i128) 1000000000, &b) || __builtin_add_overflow(b, (cf_i128) l[i], &b))
			break;
	if (i < 0)
	{
		if (p->flags & CF_PROFILE_BIG_NEG)
			b = -b;
		if (cf_i128_add(b, get_rev(p), v))
			return true;
		if ((b < 0) == (get_rev(p) < 0))
			return false;		/* same signs: the sum is further out still */
	}
	else if (p->big_nlimbs > 5)
		return false;			/* |big| >= 1e45 and |fast| < 2^127: no sum fits */
	if (!cf_profile_revenue(p, &total))
		return false;
	b = 0;
	fits = total.nlimbs <= 5;
	for (i = total.nlimbs - 1; fits && i >= 0; i--)
		fits = !__builtin_mul_overflow(b, (cf_i128) 1000000000, &b) &&
			!__builtin_add_overflow(b, (cf_i128) (total.neg ? -(int64_t) total.limbs[i] : (int64_t) total.limbs[i]), &b);
	cf_bigdec_free(&total);
	if (fits)
		*v = b;
	return fits;
}

/* First-day revenue: stored (version 2), or the revenue of a one-day version-1 profile. */
bool
cf_profile_first_revenue(const cf_profile *p, cf_i128 *v)
{
	if (p->version >= 2)
	{
		if (p->flags & CF_PROFILE_NO_FIRST)
			return false;
		*v = get_first(p);
		return true;
	}
	return p->ndays == 1 && cf_profile_revenue_i128(p, v);
}

/* Raw store for binary input. */
void
cf_profile_store_first(cf_profile *p, cf_i128 v)
{
	uint8_t		flags = p->flags;

	set_first(p, true, v);
	p->flags = flags;
}

/* Total minus first-day revenue, exact. */
int
cf_profile_repeat_revenue(const cf_profile *p, cf_bigdec *out)
{
	cf_i128		first,
				total;
	cf_bigdec	all,
				minus;
	bool		ok;

	if (!cf_profile_first_revenue(p, &first))
		return CF_EINVAL;
	if (cf_profile_revenue_i128(p, &total) && !__builtin_sub_overflow(total, first, &total))
		return cf_bigdec_from_i128(out, total, p->scale) ? CF_OK : CF_ENOMEM;
	if (!cf_profile_revenue(p, &all))
		return CF_ENOMEM;
	/* -first as a big decimal: the most negative int128 has no int128 negation */
	if (!cf_bigdec_from_i128(&minus, first, p->scale))
	{
		cf_bigdec_free(&all);
		return CF_ENOMEM;
	}
	minus.neg = minus.nlimbs > 0 && !minus.neg;
	ok = cf_bigdec_add(&all, &minus, out);
	cf_bigdec_free(&all);
	cf_bigdec_free(&minus);
	return ok ? CF_OK : CF_ENOMEM;
}

/* Revenue as a double. */
double
cf_profile_revenue_double(const cf_profile *p)
{
	cf_i128		v;
	cf_bigdec	b;
	double		d;

	if (cf_profile_revenue_i128(p, &v))
	{
		d = (double) v;
		return p->scale <= 22 ? d / pow(10.0, p->scale) : d * pow(10.0, -p->scale);
	}
	if (!cf_profile_revenue(p, &b))
		return NAN;
	d = cf_bigdec_to_double(&b);
	cf_bigdec_free(&b);
	return d;
}

/* Frequency summary. */
int
cf_profile_summarize(const cf_profile *p, int32_t as_of_day, cf_profile_summary *s)
{
	const int32_t *d = cf_profile_days(p);
	int32_t		first = d[0],
				last = d[p->ndays - 1];

	if (as_of_day < last)
		return CF_EINVAL;
	s->x = p->ndays - 1;
	s->t_x = last - first;
	s->t = (int32_t) ((int64_t) as_of_day - first);
	s->since = (int32_t) ((int64_t) as_of_day - last);
	return CF_OK;
}

/* t_x / x. */
bool
cf_profile_mean_interval_days(const cf_profile *p, double *days)
{
	const int32_t *d = cf_profile_days(p);

	if (p->ndays < 2)
		return false;
	*days = (double) ((int64_t) d[p->ndays - 1] - d[0]) / (p->ndays - 1);
	return true;
}

/*
 * Annual value and yearly growth from the history.  Method: the customer's
 * revenue rate (per day) is taken to be linear, r(u) = a + b u, over the
 * active window: the purchase days widened by half the mean interval on each
 * side (half of 365 days when all orders fall on one day), so each purchase
 * stands for the period around it.  a and b are fitted by the method of
 * moments to the revenue R and the revenue-weighted mean day (the moment),
 * which keeps the profile fixed-size and exactly mergeable:
 *   b = 12 (M - R c) / L^3,  rate at the window's end = R / L + b L / 2,
 * with c the window's centre and L its length in days.  The annual value is
 * 365 times the rate at the window's end, the growth 365^2 b per year.
 *
 * Two guards keep short or erratic histories from extrapolating wildly (a
 * burst of orders over a few weeks must not read as a six-figure yearly
 * value): a window shorter than a year shows no trend, and its revenue
 * counts as one year's value; and a revenue rate is never negative, so the
 * slope is limited to keep the fitted rate at or above zero at both ends of
 * the window (the end rate lies between 0 and twice the mean rate).  A
 * customer whose refunds outweigh the purchases has a non-positive value and
 * no growth.
 */
bool
cf_profile_trend(const cf_profile *p, double *annual, double *growth)
{
	const int32_t *d = cf_profile_days(p);
	double		first = d[0],
				last = d[p->ndays - 1];
	double		half = p->ndays < 2 ? 182.5 : (last - first) / (2.0 * (p->ndays - 1));
	double		len = last - first + 2 * half;
	double		rev = cf_profile_revenue_double(p);
	double		mom,
				centre = (first + last) / 2.0,
				b;

	if (p->flags & CF_PROFILE_NO_MOMENT)
		return false;
	if (len < 365.0 || rev <= 0)
	{
		*annual = len < 365.0 ? rev : 365.0 * rev / len;
		*growth = 0.0;
		return isfinite(*annual);
	}
	mom = (double) get_mom(p);
	mom = p->scale <= 22 ? mom / pow(10.0, p->scale) : mom * pow(10.0, -p->scale);
	b = 12.0 * (mom - rev * centre) / (len * len * len);
	/* |b| L / 2 <= R / L: the fitted rate stays >= 0 at both ends */
	if (fabs(b) * len / 2.0 > rev / len)
		b = copysign(2.0 * rev / (len * len), b);
	*annual = 365.0 * (rev / len + b * len / 2.0);
	*growth = 365.0 * 365.0 * b;
	return isfinite(*annual) && isfinite(*growth);
}

/* ---------- civil dates ---------- */

/* Days since 2000-01-01 of a proleptic Gregorian date (astronomical year). */
int32_t
cf_days_from_civil(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t) (era * 146097 + doe - 719468 - 10957);
}

/* Date of days since 2000-01-01. */
void
cf_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t		z = days + 10957 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* "YYYY-MM-DD" (years below 0 with a minus, at least four digits): the grammar's dates. */
static int
fmt_date(char *out, size_t n, int64_t days)
{
	cf_tf_writer w;

	cf_tf_writer_init(&w, out, n);
	cf_tf_put_date(&w, days);
	return (int) w.len;
}

/* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z", fraction without trailing zeros: the grammar's times. */
static int
fmt_ts(char *out, size_t n, int64_t ts)
{
	cf_tf_writer w;

	cf_tf_writer_init(&w, out, n);
	cf_tf_put_timestamp(&w, ts);
	return (int) w.len;
}

/* ---------- text form ---------- */

/* A growing malloc'd string. */
typedef struct sbuf
{
	char	   *s;
	size_t		len;
	size_t		cap;
	bool		failed;
} sbuf;

static void
sb_put(sbuf *b, const char *t, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap)
	{
		size_t		cap = (b->len + n + 1) * 2;
		char	   *s = realloc(b->s, cap);

		if (!s)
		{
			b->failed = true;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, t, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
sb_str(sbuf *b, const char *t)
{
	sb_put(b, t, strlen(t));
}

/* Text form (see customer_profile.h). */
size_t
cf_profile_format(const cf_profile *p, char *buf, size_t buflen)
{
	sbuf		b = {NULL, 0, 0, false};
	char		tmp[128];
	const int32_t *d = cf_profile_days(p);
	cf_i128		rev,
				first;
	int			i;
	size_t		len;

	/* a stored version-1 profile prints as the version-2 value it reads as */
	snprintf(tmp, sizeof tmp, "v%d;tz=", CF_PROFILE_VERSION);
	sb_str(&b, tmp);
	sb_put(&b, p->data, p->zone_len);
	snprintf(tmp, sizeof tmp, ";orders=%lld;first=", (long long) p->orders);
	sb_str(&b, tmp);
	fmt_ts(tmp, sizeof tmp, p->first_ts);
	sb_str(&b, tmp);
	sb_str(&b, ";last=");
	fmt_ts(tmp, sizeof tmp, p->last_ts);
	sb_str(&b, tmp);
	sb_str(&b, ";revenue=");
	{
		char	   *t;
		cf_bigdec	big;

		if (cf_profile_revenue_i128(p, &rev))
		{
			len = cf_i128_format(rev, p->scale, NULL, 0);
			t = malloc(len + 1);
			if (t)
				cf_i128_format(rev, p->scale, t, len + 1);
		}
		else if (cf_profile_revenue(p, &big))
		{
			len = cf_bigdec_format(&big, NULL, 0);
			t = malloc(len + 1);
			if (t)
				cf_bigdec_format(&big, t, len + 1);
			cf_bigdec_free(&big);
		}
		else
			t = NULL;
		if (!t)
			b.failed = true;
		else
		{
			sb_str(&b, t);
			free(t);
		}
		sb_str(&b, ";moment=");
		if (p->flags & CF_PROFILE_NO_MOMENT)
			sb_str(&b, "none");
		else
		{
			len = cf_i128_format(get_mom(p), p->scale, NULL, 0);
			t = malloc(len + 1);
			if (!t)
				b.failed = true;
			else
			{
				cf_i128_format(get_mom(p), p->scale, t, len + 1);
				sb_str(&b, t);
				free(t);
			}
		}
		sb_str(&b, ";first_revenue=");
		if (!cf_profile_first_revenue(p, &first))
			sb_str(&b, "none");
		else
		{
			len = cf_i128_format(first, p->scale, NULL, 0);
			t = malloc(len + 1);
			if (!t)
				b.failed = true;
			else
			{
				cf_i128_format(first, p->scale, t, len + 1);
				sb_str(&b, t);
				free(t);
			}
		}
	}
	sb_str(&b, ";days=");
	fmt_date(tmp, sizeof tmp, d[0]);
	sb_str(&b, tmp);
	for (i = 1; i < p->ndays; i++)
	{
		snprintf(tmp, sizeof tmp, "+%lld", (long long) ((int64_t) d[i] - d[i - 1]));
		sb_str(&b, tmp);
	}
	if (b.failed)
	{
		free(b.s);
		return 0;
	}
	len = b.len;
	if (buf && buflen > 0)
	{
		size_t		n = len < buflen - 1 ? len : buflen - 1;

		memcpy(buf, b.s, n);
		buf[n] = '\0';
	}
	free(b.s);
	return len;
}

/* CF_ESYNTAX with the rule broken as err's detail (the glue writes the message). */
static int
parse_fail(cf_error *err, const char *problem)
{
	return cf_fail_with(err, CF_ESYNTAX, problem);
}

/* Parses the text form (the grammar of text_form.h): version 2, or 1 as 1.0 and 1.1 wrote it. */
int
cf_profile_parse(const char *text, const cf_allocator *mem, cf_profile **out, cf_error *err)
{
	cf_tf_reader r;
	cf_tf_span	v,
				zone;
	int32_t		version;
	int64_t		orders,
				first,
				last,
				day0,
				ndays,
				i;
	cf_i128		rev = 0,
				mom = 0,
				first_rev = 0,
				total;
	int			rscale = 0,
				mscale,
				fscale,
				rc;
	bool		big = false,
				no_moment = false,
				first_known = false;
	cf_bigdec	bigrev = {false, 0, 0, NULL};
	cf_profile *p;
	cf_tf_span	days;
	int32_t    *d;
	const char *q;
	size_t		n;

	*out = NULL;
	if (!cf_tf_begin(&r, text, strlen(text), &version) || r.sep != ';')
		return parse_fail(err, "it does not start with a format version (\"v2;\")");
	if (version != 1 && version != CF_PROFILE_VERSION)
		return parse_fail(err, "unknown format version (this build reads v1 and v2)");
	if (!cf_tf_take(&r, "tz", &zone))
		return parse_fail(err, "expected \"tz=\" after the version");
	if (!cf_profile_zone_ok(zone.s, (size_t) (zone.end - zone.s)))
		return parse_fail(err, "the time zone name must be 1 to 255 printable characters without ';', '\"' or spaces");
	if (!cf_tf_take(&r, "orders", &v) || !cf_tf_int64(&v, 1, INT64_MAX, &orders) || !cf_tf_done(&v))
		return parse_fail(err, "expected \"orders=\" with a positive integer");
	if (!cf_tf_take(&r, "first", &v) || !cf_tf_timestamp(&v, &first) || !cf_tf_done(&v))
		return parse_fail(err, "expected \"first=\" with a UTC time YYYY-MM-DDTHH:MM:SS[.ffffff]Z in PostgreSQL's range");
	if (!cf_tf_take(&r, "last", &v) || !cf_tf_timestamp(&v, &last) || !cf_tf_done(&v))
		return parse_fail(err, "expected \"last=\" with a UTC time YYYY-MM-DDTHH:MM:SS[.ffffff]Z in PostgreSQL's range");
	if (first > last)
		return parse_fail(err, "the first order is after the last");
	if (!cf_tf_take(&r, "revenue", &v))
		return parse_fail(err, "expected \"revenue=\"");
	n = (size_t) (v.end - v.s);
	rc = cf_i128_parse(v.s, n, &rev, &rscale);
	if (rc == 2)
	{
		rc = cf_bigdec_parse(&bigrev, v.s, n);
		if (rc == 3)
			return cf_fail(err, CF_ENOMEM, "out of memory", "The profile's text form did not fit into memory.");
		big = rc == 0;
		rscale = bigrev.scale;
	}
	if (rc != 0)
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, rc == 2 ? "the revenue has more than 16383 decimals" : "the revenue is not a plain decimal number");
	}
	if (!cf_tf_take(&r, "moment", &v))
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, "expected \"moment=\"");
	}
	n = (size_t) (v.end - v.s);
	if (n == 4 && memcmp(v.s, "none", 4) == 0)
		no_moment = true;
	else if (cf_i128_parse(v.s, n, &mom, &mscale) != 0 || mscale != rscale)
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, "the moment must be \"none\" or a decimal with as many decimals as the revenue, within 128 bits");
	}
	if (version >= 2)
	{
		if (!cf_tf_take(&r, "first_revenue", &v))
		{
			cf_bigdec_free(&bigrev);
			return parse_fail(err, "expected \"first_revenue=\" after the moment");
		}
		n = (size_t) (v.end - v.s);
		first_known = !(n == 4 && memcmp(v.s, "none", 4) == 0);
		if (first_known && (cf_i128_parse(v.s, n, &first_rev, &fscale) != 0 || fscale != rscale))
		{
			cf_bigdec_free(&bigrev);
			return parse_fail(err, "the first day's revenue must be \"none\" or a decimal with as many decimals as the revenue, within 128 bits");
		}
	}
	if (!cf_tf_take(&r, "days", &days) || !cf_tf_date(&days, &day0))
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, "expected \"days=\" with a date YYYY-MM-DD");
	}
	if (!cf_tf_at_end(&r))
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, "unexpected text after the days");
	}
	/* count the deltas */
	ndays = 1;
	for (q = days.s; q < days.end; q++)
		if (*q == '+')
			ndays++;
	if (ndays > orders || ndays > INT32_MAX)
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, "more order days than orders");
	}
	p = empty_profile(zone.s, (int) (zone.end - zone.s), (int) ndays, mem);
	if (!p)
	{
		cf_bigdec_free(&bigrev);
		return cf_fail(err, CF_ENOMEM, "out of memory", "The profile's text form did not fit into memory.");
	}
	d = days_mut(p);
	d[0] = (int32_t) day0;
	for (i = 1; i < ndays; i++)
	{
		int64_t		delta;

		if (!cf_tf_char(&days, '+') || !cf_tf_int64(&days, 1, 9999999999, &delta) ||
			(int64_t) d[i - 1] + delta > CF_END_TIMESTAMP / CF_USECS_PER_DAY + 1)
		{
			cf_bigdec_free(&bigrev);
			return parse_fail(err, "the days must be a date followed by positive day differences (+N)");
		}
		d[i] = (int32_t) (d[i - 1] + delta);
	}
	if (!cf_tf_done(&days))
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, "unexpected text after the days");
	}
	p->ndays = (int32_t) ndays;
	p->orders = orders;
	p->first_ts = first;
	p->last_ts = last;
	p->scale = rscale;
	if (no_moment)
		p->flags |= CF_PROFILE_NO_MOMENT;
	else
		set_mom(p, mom);
	/* a local day is within one day of the UTC day of the same instant */
	if (llabs((int64_t) d[0] - floor_div(first, CF_USECS_PER_DAY)) > 1 ||
		llabs((int64_t) d[ndays - 1] - floor_div(last, CF_USECS_PER_DAY)) > 1)
	{
		cf_bigdec_free(&bigrev);
		return parse_fail(err, "the first and last days do not match the first and last order times");
	}
	if (big)
	{
		rc = set_big(&p, &bigrev, mem);
		cf_bigdec_free(&bigrev);
		if (rc != CF_OK)
			return cf_fail(err, CF_ENOMEM, "out of memory", "The profile's text form did not fit into memory.");
	}
	else
		set_rev(p, rev);
	set_first(p, first_known, first_rev);
	if (version < 2)
		settle_first(p);		/* 1.0/1.1 did not record it: known only with one day */
	else if (ndays == 1 && (cf_profile_revenue_i128(p, &total) ? !first_known || first_rev != total : first_known))
		return parse_fail(err, "with one purchase day the first day's revenue is the revenue (\"none\" only beyond 128 bits)");
	*out = p;
	return CF_OK;
}

/* Soundness of a stored profile. */
static const char *
profile_problem_words(const cf_profile *p, size_t size)
{
	const int32_t *d;
	const uint32_t *l;
	int			i;

	cf_i128		total;

	if (size < FIXED_SIZE)
		return "too short";
	if (p->version != 1 && p->version != CF_PROFILE_VERSION)
		return "unknown format version";
	if (p->flags & ~(CF_PROFILE_BIG_NEG | CF_PROFILE_NO_MOMENT | (p->version >= 2 ? CF_PROFILE_NO_FIRST : 0)))
		return "unknown flags";
	/* sizes first: nothing after the fixed part is read before they are known to fit */
	if (p->big_nlimbs < 0 || p->day_cap < 1 || p->ndays < 1 || p->ndays > p->day_cap ||
		p->big_nlimbs > 1000000 ||
		size != cf_profile_block_size(p))
		return "inconsistent sizes";
	if (!cf_profile_zone_ok(p->data, p->zone_len))
		return "bad time zone name";
	if (p->scale < 0 || p->scale > CF_DEC_MAX_SCALE)
		return "revenue scale out of range";
	if (p->orders < p->ndays)
		return "fewer orders than order days";
	if (p->first_ts > p->last_ts || p->first_ts < CF_MIN_TIMESTAMP || p->last_ts >= CF_END_TIMESTAMP)
		return "order times out of range or out of order";
	d = cf_profile_days(p);
	for (i = 1; i < p->ndays; i++)
		if (d[i] <= d[i - 1])
			return "order days not strictly increasing";
	if (llabs((int64_t) d[0] - floor_div(p->first_ts, CF_USECS_PER_DAY)) > 1 ||
		llabs((int64_t) d[p->ndays - 1] - floor_div(p->last_ts, CF_USECS_PER_DAY)) > 1)
		return "first and last days do not match the order times";
	l = cf_profile_limbs(p);
	for (i = 0; i < p->big_nlimbs; i++)
		if (l[i] >= 1000000000u)
			return "bad revenue digits";
	if (p->big_nlimbs > 0 && l[p->big_nlimbs - 1] == 0)
		return "bad revenue digits";
	if ((p->flags & CF_PROFILE_BIG_NEG) && p->big_nlimbs == 0)
		return "bad revenue sign";
	if ((p->flags & CF_PROFILE_NO_MOMENT) && (p->mom_lo != 0 || p->mom_hi != 0))
		return "bad moment";
	if (p->version >= 2)
	{
		bool		known = !(p->flags & CF_PROFILE_NO_FIRST);

		if (!known && get_first(p) != 0)
			return "bad first-day revenue";
		if (p->ndays == 1 && (cf_profile_revenue_i128(p, &total) ? !known || get_first(p) != total : known))
			return "the first-day revenue of a one-day profile is not its revenue";
	}
	return NULL;
}

int
cf_profile_check(const cf_profile *p, size_t size, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, profile_problem_words(p, size));
}
