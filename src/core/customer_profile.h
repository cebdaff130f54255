/*
 * customer_profile.h — a customer's purchase profile, built from (time, amount) rows.
 *
 * A profile holds the number of orders, the first and last order time
 * (microseconds since 2000-01-01 00:00 UTC, PostgreSQL's TimestampTz), the
 * exact revenue, the revenue-weighted sum of order days (for the trend of the
 * lost-customer value) and the sorted set of distinct local calendar days with
 * an order (for the repeat-purchase count x, recency t_x and age T that
 * purchase-frequency models need).  Every part merges exactly in any order,
 * so partial profiles of one customer (parallel workers, Citus, monthly
 * profiles) combine into the direct one.
 *
 * Calendar days are local days in a named time zone, counted from 2000-01-01
 * (PostgreSQL's date numbering).  The caller computes them; the profile
 * records the zone's name so that profiles built under different zones are
 * never merged and as-of days are computed in the same zone.
 *
 * Revenue: value * 10^scale as a checked 128-bit integer (the fast part) plus,
 * only when that overflows, an arbitrary-precision part (base-1e9 limbs), both
 * at the same scale.  scale = the largest scale of any amount added, as for
 * PostgreSQL's sum(numeric).
 *
 * First purchase day's revenue (format version 2): the sum of the amounts of
 * the orders on the first purchase day, a 128-bit integer at the profile's
 * scale, or unknown (CF_PROFILE_NO_FIRST).  Total minus first-day revenue is
 * the repeat purchases' revenue that Gamma-Gamma needs.  It is unknown only
 * when it does not fit 128 bits, or in a version-1 profile (stored by 1.0 and
 * 1.1, which did not record it) with several purchase days; with one purchase
 * day it is the revenue, whenever that fits.  Merging is exact: the earlier
 * first day wins, equal first days add, so an unknown value only survives
 * where its day is the first.  Version-1 blocks are read in place (their
 * layout has no slot for it) and rewritten as version 2 by every function
 * that builds a new block.
 *
 * Memory: a profile is one contiguous block that the glue uses as a varlena
 * datum (the first field is the length word, which the core never touches).
 * Functions that may need a larger block take an allocator, build the new
 * profile in a block from it and return that; the old block is left to the
 * caller.  Pure C: no PostgreSQL headers.
 */
#ifndef CF_CUSTOMER_PROFILE_H
#define CF_CUSTOMER_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "decimal.h"
#include "error.h"
#include "zone.h"

#define CF_PROFILE_VERSION		2	/* written; 1 (1.0, 1.1) is still read */
#define CF_PROFILE_MAX_ZONE		255
#define CF_USECS_PER_DAY		INT64_C(86400000000)

/* PostgreSQL's timestamp range: 4714-11-24 BC to 294277-01-01 (exclusive). */
#define CF_MIN_TIMESTAMP		INT64_C(-211813488000000000)
#define CF_END_TIMESTAMP		INT64_C(9223371331200000000)

/* flags */
#define CF_PROFILE_BIG_NEG		0x01	/* the big part of the revenue is negative */
#define CF_PROFILE_NO_MOMENT	0x02	/* the revenue-day moment overflowed: no trend */
#define CF_PROFILE_NO_FIRST		0x04	/* version 2: the first day's revenue is unknown */

/* return codes: CF_OK, CF_ENOMEM, CF_ERANGE, CF_EZONE, CF_EINVAL (error.h) */

typedef struct cf_profile
{
	int32_t		vl_len_;		/* the glue's varlena length word */
	uint8_t		version;
	uint8_t		flags;
	uint8_t		zone_len;
	uint8_t		pad0;
	int32_t		scale;			/* decimal scale of revenue and moment */
	int32_t		big_nlimbs;		/* limbs of the big revenue part (0: none) */
	int32_t		ndays;			/* distinct order days */
	int32_t		day_cap;		/* room for days */
	int32_t		pad1;
	int64_t		orders;
	int64_t		first_ts;
	int64_t		last_ts;
	uint64_t	rev_lo;			/* fast revenue part, int128 in two halves */
	int64_t		rev_hi;
	uint64_t	mom_lo;			/* sum of amount * 10^scale * day, int128 */
	int64_t		mom_hi;
	char		data[];			/* zone (padded to 4) | version 2: first-day revenue, int128 as
								 * uint64 lo, int64 hi | uint32 limbs[big_nlimbs] | int32 days[day_cap] */
} cf_profile;

/* The purchase-frequency summary at an as-of day, in days. */
typedef struct cf_profile_summary
{
	int32_t		x;				/* repeat purchase days: distinct days - 1 */
	int32_t		t_x;			/* last order day - first order day */
	int32_t		t;				/* as-of day - first order day */
	int32_t		since;			/* as-of day - last order day */
} cf_profile_summary;

/* Bytes of a (version 2) profile with these variable parts. */
size_t		cf_profile_size(int zone_len, int big_nlimbs, int day_cap);

/* Bytes of the block p, of either version. */
size_t		cf_profile_block_size(const cf_profile *p);

/* The zone name (not NUL-terminated; zone_len bytes), limbs and days. */
const char *cf_profile_zone(const cf_profile *p);
const uint32_t *cf_profile_limbs(const cf_profile *p);
const int32_t *cf_profile_days(const cf_profile *p);

/* Whether a zone name is acceptable: 1..255 printable ASCII bytes, no ';' (cf_zone_name_ok). */
bool		cf_profile_zone_ok(const char *zone, size_t len);

/*
 * Renames p's zone to the name a merge with a value recorded under zone
 * carries (cf_zone_merged; the zones must be cf_zone_same), in place: the
 * name never grows, so the block only shrinks (the caller resizes it).
 */
void		cf_profile_adopt_zone(cf_profile *p, const char *zone, int zone_len);

/*
 * A new profile of one order (ts, day, amount v * 10^-scale) in zone, from mem;
 * NULL if out of memory.  The caller has validated the zone and the scale.
 */
cf_profile *cf_profile_first(const char *zone, int zone_len, int64_t ts, int32_t day,
							 cf_i128 v, int scale, const cf_allocator *mem);

/*
 * Adds one order with an amount given as a 128-bit scaled integer.  *pp may be
 * replaced by a larger block from mem.  Returns CF_OK, CF_ERANGE (2^63 orders)
 * or CF_ENOMEM; on error the profile is unchanged.
 */
int			cf_profile_add(cf_profile **pp, int64_t ts, int32_t day, cf_i128 v, int scale,
						   const cf_allocator *mem);

/* Adds one order whose amount does not fit 128 bits.  As cf_profile_add. */
int			cf_profile_add_big(cf_profile **pp, int64_t ts, int32_t day, const cf_bigdec *v,
							   const cf_allocator *mem);

/* A new profile of one order with a big amount (see cf_profile_first); NULL if out of memory. */
cf_profile *cf_profile_first_big(const char *zone, int zone_len, int64_t ts, int32_t day,
								 const cf_bigdec *v, const cf_allocator *mem);

/*
 * Merges src into *pp (which may be replaced).  CF_EZONE when the zones are
 * not the same (cf_zone_same), CF_ERANGE when the order count overflows,
 * CF_ENOMEM.  The merged profile carries cf_zone_merged()'s name.
 */
int			cf_profile_merge(cf_profile **pp, const cf_profile *src, const cf_allocator *mem);

/*
 * The revenue in canonical form (fast part alone when the total fits 128 bits,
 * else big part alone), as text input builds it; p changed in place or
 * replaced by a block from mem.  NULL if out of memory.
 */
cf_profile *cf_profile_canonical(cf_profile *p, const cf_allocator *mem);

/* A compact copy (no spare day capacity) from mem; NULL if out of memory. */
cf_profile *cf_profile_compact(const cf_profile *p, const cf_allocator *mem);

/* The revenue as a big decimal (malloc'd limbs; free with cf_bigdec_free); false if out of memory. */
bool		cf_profile_revenue(const cf_profile *p, cf_bigdec *out);

/* The revenue as a 128-bit scaled integer at p->scale; false when it needs the big form. */
bool		cf_profile_revenue_i128(const cf_profile *p, cf_i128 *v);

/* Approximate revenue as a double. */
double		cf_profile_revenue_double(const cf_profile *p);

/*
 * The first purchase day's revenue at p->scale; false when it is unknown
 * (see the top of this file).
 */
bool		cf_profile_first_revenue(const cf_profile *p, cf_i128 *v);

/*
 * Stores v as is in the first-day revenue slot of a version-2 block, flags
 * untouched: binary input, whose value cf_profile_check then judges.
 */
void		cf_profile_store_first(cf_profile *p, cf_i128 v);

/*
 * The revenue of the repeat purchase days (total minus the first day's) as a
 * big decimal at p->scale (malloc'd limbs; free with cf_bigdec_free).
 * CF_EINVAL when the first day's revenue is unknown, CF_ENOMEM.
 */
int			cf_profile_repeat_revenue(const cf_profile *p, cf_bigdec *out);

/*
 * The frequency summary at as_of_day (a local day in the profile's zone).
 * CF_EINVAL when as_of_day is before the last order day.
 */
int			cf_profile_summarize(const cf_profile *p, int32_t as_of_day, cf_profile_summary *s);

/*
 * Mean days between distinct purchase days, t_x / x; false (no value) when
 * all orders fall on one day.
 */
bool		cf_profile_mean_interval_days(const cf_profile *p, double *days);

/*
 * Annual value and its yearly growth derived from the customer's own history
 * (see customer_profile.c for the method).  false when the moment is unavailable.
 */
bool		cf_profile_trend(const cf_profile *p, double *annual, double *growth);

/*
 * Text form: writes to buf (truncated to buflen, NUL-terminated) and returns
 * the full length; 0 if out of memory.
 *   v2;tz=<zone>;orders=<n>;first=<ISO UTC>;last=<ISO UTC>;revenue=<decimal>;
 *   moment=<decimal|none>;first_revenue=<decimal|none>;days=<ISO date>+<delta>+...
 * (version 1, still read, has no first_revenue; decimals at the revenue's scale).
 */
size_t		cf_profile_format(const cf_profile *p, char *buf, size_t buflen);

/*
 * Parses the text form into a new profile from mem (*out).  CF_OK, CF_ESYNTAX
 * with the rule broken as err's detail, or CF_ENOMEM; never crashes on
 * malformed input.
 */
int			cf_profile_parse(const char *text, const cf_allocator *mem, cf_profile **out, cf_error *err);

/* CF_OK if the stored profile of size bytes is sound, else CF_EINVAL with the rule in err's detail. */
int			cf_profile_check(const cf_profile *p, size_t size, cf_error *err);

/* Civil date helpers (proleptic Gregorian, astronomical years; day 0 = 2000-01-01). */
int32_t		cf_days_from_civil(int64_t y, int m, int d);
void		cf_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

#endif
