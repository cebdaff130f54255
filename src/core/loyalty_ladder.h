/*
 * loyalty_ladder.h — the state of the loyalty_ladder aggregate: every customer seen,
 * with the sorted set of distinct local calendar days with an order and the
 * number of orders on each of them (and their total), in one hash table.  Enough to place each customer on
 * the loyalty ladder at the as-of time (loyalty_stage.h) with the same rules as
 * loyalty_stage(customer_profile, as_of), without a GROUP BY per customer.
 *
 * Why a table of its own: a ladder report over a GROUP BY customer_id makes
 * PostgreSQL keep a hash entry, a group tuple and a profile per customer,
 * several cache misses per order.  Here a customer is one 64-byte entry (its
 * first four purchase days and their order counts inline, its latest
 * recommend score) behind a 4-byte index slot, so an order costs about one
 * miss.  The orders per day make the stages at any earlier date exact (the
 * stage rules count orders); a day holds at most UINT32_MAX orders.
 *
 * Days count from 2000-01-01 in the ladder's time zone (the caller computes
 * them, as for profiles); as_of is a timestamp (microseconds since
 * 2000-01-01 UTC).  A customer with no order (0 orders, no days) is a
 * prospect.  Ladders of different zones (zone.h) or as-of times never merge.
 *
 * Memory comes from the caller's cf_allocator (alloc.h), kept in the ladder
 * for its whole life.  Pure C: no PostgreSQL headers.
 */
#ifndef CF_LOYALTY_LADDER_H
#define CF_LOYALTY_LADDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "error.h"
#include "loyalty_stage.h"

/*
 * The binary and text forms: version 2 keeps the orders per purchase day
 * (1.1 is the ladder's first release; version 1, with a total only, was never
 * released and is not read).
 */
#define CF_LOYALTY_LADDER_VERSION	2
#define CF_ROSTER_TEXT_VERSION 2
#define CF_LOYALTY_LADDER_INLINE	4		/* purchase days (and their counts) kept inside the entry */
#define CF_LOYALTY_LADDER_NO_SCORE	(-1)
#define CF_LOYALTY_LADDER_MAX_CUSTOMERS INT32_MAX
#define CF_LOYALTY_LADDER_BATCH		32		/* rows buffered before their lookups run together */
#define CF_LOYALTY_LADDER_BATCH_FROM 256	/* customers from which rows are buffered (smaller tables are in cache) */

/* return codes (as customer_profile.h) */
#define CF_LOYALTY_LADDER_OK		0
#define CF_LOYALTY_LADDER_ENOMEM	1
#define CF_LOYALTY_LADDER_ERANGE	2		/* a customer's order count (of a day: UINT32_MAX) overflows */
#define CF_LOYALTY_LADDER_EMISMATCH 3		/* different zone or as_of */
#define CF_LOYALTY_LADDER_EINVAL	4		/* a purchase day after the as-of day */
#define CF_LOYALTY_LADDER_EFULL		5		/* CF_LOYALTY_LADDER_MAX_CUSTOMERS reached */
#define CF_LOYALTY_LADDER_ESCORE	6		/* two different recommend scores for one customer */



/*
 * A customer: days[j] ascending, counts[j] >= 1 orders on days[j], orders =
 * their sum (kept: the stages read it per customer).  Out of line, one block
 * holds cap days and then cap counts.
 */
typedef struct cf_loyalty_ladder_customer
{
	int64_t		id;
	int64_t		orders;
	int32_t		ndays;
	int32_t		cap;			/* room for days: CF_LOYALTY_LADDER_INLINE means inline */
	int8_t		score;			/* latest 0-10 recommend score, CF_LOYALTY_LADDER_NO_SCORE if none */
	uint8_t		pad[3];
	union
	{
		struct
		{
			int32_t		days[CF_LOYALTY_LADDER_INLINE];
			uint32_t	counts[CF_LOYALTY_LADDER_INLINE];
		}			in;
		int32_t    *days;		/* cap days, then cap uint32_t counts */
	}			u;
} cf_loyalty_ladder_customer;

/* Rows added but not yet counted (cf_loyalty_ladder_flush). */
typedef struct cf_loyalty_ladder_batch
{
	int64_t		id[CF_LOYALTY_LADDER_BATCH];
	int32_t		day[CF_LOYALTY_LADDER_BATCH];
	bool		order[CF_LOYALTY_LADDER_BATCH];
	int8_t		score[CF_LOYALTY_LADDER_BATCH];
} cf_loyalty_ladder_batch;

/*
 * A ladder starts small (about 300 bytes with one customer: a GROUP BY over
 * a million small groups keeps a million of them) and grows geometrically;
 * the row buffer exists only once the table is large enough to miss the cache.
 */
typedef struct cf_loyalty_ladder
{
	int64_t		as_of;
	int			zone_len;
	char	   *zone;			/* zone_len bytes and a NUL (a merge only shortens it) */
	uint32_t	ncustomers;
	uint32_t	cust_cap;
	cf_loyalty_ladder_customer *customers;	/* dense, in order of first sight */
	uint32_t   *index;			/* open addressing: 0 empty, else customer number + 1 */
	uint32_t	index_mask;
	bool		sorted;			/* customers in increasing id order */
	int64_t		failed_id;		/* the customer whose orders overflowed in a merge */
	int			npending;		/* rows in pend, not yet counted */
	cf_loyalty_ladder_batch *pend;		/* NULL below CF_LOYALTY_LADDER_BATCH_FROM customers */
	cf_allocator mem;
} cf_loyalty_ladder;

/* A new empty ladder; NULL if out of memory.  zone: 1..255 bytes. */
cf_loyalty_ladder  *cf_loyalty_ladder_new(const char *zone, int zone_len, int64_t as_of,
						  const cf_allocator *mem);

/* Frees everything the ladder holds, and the ladder. */
void		cf_loyalty_ladder_free(cf_loyalty_ladder *r);

/* The sorted distinct purchase days of a customer (ndays of them). */
const int32_t *cf_loyalty_ladder_days(const cf_loyalty_ladder_customer *c);

/* The number of orders on each of those days (ndays of them, each >= 1). */
const uint32_t *cf_loyalty_ladder_counts(const cf_loyalty_ladder_customer *c);

/*
 * Records a customer: with an order on day when has_order, else only as
 * known (a prospect unless orders turn up).  From CF_LOYALTY_LADDER_BATCH_FROM
 * customers on the row is buffered; every CF_LOYALTY_LADDER_BATCH rows the batch is
 * counted, its hash lookups prefetched together so that their cache misses
 * overlap (a table of a million customers misses the cache on almost every
 * row).  A smaller table counts the row at once.  CF_LOYALTY_LADDER_OK, _ENOMEM
 * or _ERANGE (*failed_id: the customer that failed); after an error the
 * ladder may hold part of the batch (the caller discards it).
 */
int			cf_loyalty_ladder_add(cf_loyalty_ladder *r, int64_t id, bool has_order, int32_t day, int64_t *failed_id);

/*
 * As cf_loyalty_ladder_add, also recording the customer's latest recommend score
 * (0-10, or CF_LOYALTY_LADDER_NO_SCORE) when given: CF_LOYALTY_LADDER_ESCORE when the
 * customer already has a different one (the caller gives one per customer).
 */
int			cf_loyalty_ladder_add_scored(cf_loyalty_ladder *r, int64_t id, bool has_order, int32_t day, int score,
								 int64_t *failed_id);

/*
 * Counts the buffered rows.  Every function below that reads the customers
 * (and direct reads of ncustomers) needs a flushed ladder.  As cf_loyalty_ladder_add.
 */
int			cf_loyalty_ladder_flush(cf_loyalty_ladder *r, int64_t *failed_id);

/*
 * Adds every customer of src to dst (days united, orders per day summed, a score kept;
 * two different scores of one customer: CF_LOYALTY_LADDER_ESCORE); both flushed.
 * CF_LOYALTY_LADDER_EMISMATCH when the zones are not the same (cf_zone_same) or as_of
 * differs, _ENOMEM, _ERANGE; on error
 * dst may hold part of src (the caller discards it: an aggregate errors out).
 */
int			cf_loyalty_ladder_merge(cf_loyalty_ladder *dst, const cf_loyalty_ladder *src);

/* Whether two ladders may be merged (the same zone, cf_zone_same, and as_of). */
bool		cf_loyalty_ladder_compatible(const cf_loyalty_ladder *a, const cf_loyalty_ladder *b);

/*
 * Renames r's zone to the name a merge with a value recorded under zone
 * carries (cf_zone_merged; the zones must be cf_zone_same).  cf_loyalty_ladder_merge
 * and cf_loyalty_ladder_merge_binary do it themselves.
 */
void		cf_loyalty_ladder_adopt_zone(cf_loyalty_ladder *r, const char *zone, int zone_len);

/*
 * Customers per stage (indexed by cf_stage) at as_of_day, the local day of
 * as_of, by cf_loyalty_stage with each customer's recommend score.  CF_LOYALTY_LADDER_EINVAL when a
 * purchase day is after as_of_day (a corrupt value: the aggregate refuses
 * such orders).
 */
int			cf_loyalty_ladder_count_stages(const cf_loyalty_ladder *r, int32_t as_of_day, const cf_ladder *l,
								   int64_t counts[CF_STAGE_COUNT]);

/*
 * Puts the customers in increasing id order (the binary and text forms list
 * them in this order, so equal contents give equal values whatever the
 * order of the rows or the plan).  Always CF_LOYALTY_LADDER_OK: the index is rebuilt
 * in place if a new one cannot be allocated.
 */
int			cf_loyalty_ladder_sort(cf_loyalty_ladder *r);

/* Total orders (saturating at INT64_MAX, which needs no real data). */
int64_t		cf_loyalty_ladder_orders(const cf_loyalty_ladder *r);

/*
 * Binary form (send/recv and the flat form of the SQL value), byte-order
 * independent: version byte (2), zone length byte, zone, as_of as 8 bytes
 * big-endian, then unsigned LEB128 varints: number of customers and per
 * customer zigzag(id), orders, ndays, then zigzag(first day) and the
 * positive gaps to each following day, then, only when orders > ndays (some
 * day has several orders), each day's orders minus one, then a score byte
 * (the customer's latest recommend score 0-10, or 255 for none).  A customer
 * with one order a day is as long as in version 1.
 */
/* Both forms list the customers in the ladder's order: call cf_loyalty_ladder_sort first. */
size_t		cf_loyalty_ladder_binary_size(const cf_loyalty_ladder *r);
void		cf_loyalty_ladder_to_binary(const cf_loyalty_ladder *r, uint8_t *out);	/* binary_size bytes */

/*
 * Reading the binary form customer by customer, validating as it goes
 * (stored values are read this way without building a table).  With
 * require_order the ids must increase, as in every value PostgreSQL stores
 * (the forms are written sorted): a stored value is then read in one pass
 * with duplicates detected.  rd->problem names what is wrong on failure.
 */
typedef struct cf_loyalty_ladder_reader
{
	const uint8_t *p;
	const uint8_t *end;
	const char *zone;			/* points into the input; zone_len bytes */
	int			zone_len;
	int64_t		as_of;
	uint64_t	ncustomers;
	uint64_t	left;
	bool		require_order;
	bool		have_last;
	int64_t		last_id;
	int32_t    *days;			/* scratch for the current customer's days */
	uint32_t   *counts;			/* and the orders on each (valid as days) */
	int			score;			/* the current customer's score, CF_LOYALTY_LADDER_NO_SCORE if none */
	int64_t		days_cap;
	cf_allocator mem;
	const char *problem;
} cf_loyalty_ladder_reader;

/* Reads the header (zone, as_of, number of customers); false on a problem. */
bool		cf_loyalty_ladder_reader_open(cf_loyalty_ladder_reader *rd, const uint8_t *in, size_t len, bool require_order,
								  const cf_allocator *mem);

/* 1: the next customer (days and rd->counts valid until the next call), 0: the end, -1: a problem. */
int			cf_loyalty_ladder_reader_next(cf_loyalty_ladder_reader *rd, int64_t *id, int64_t *orders,
								  const int32_t **days, int32_t *ndays);

/* Frees the scratch array. */
void		cf_loyalty_ladder_reader_close(cf_loyalty_ladder_reader *rd);

/*
 * Adds every customer of an opened reader to dst (as cf_loyalty_ladder_merge).
 * CF_LOYALTY_LADDER_EMISMATCH, _ENOMEM, _ERANGE, or _EINVAL with rd->problem.
 */
int			cf_loyalty_ladder_merge_binary(cf_loyalty_ladder *dst, cf_loyalty_ladder_reader *rd);

/*
 * Stage counts (as cf_loyalty_ladder_count_stages) and total orders of the customers
 * of an opened reader.  CF_LOYALTY_LADDER_EINVAL with rd->problem.
 */
int			cf_loyalty_ladder_reader_count_stages(cf_loyalty_ladder_reader *rd, int32_t as_of_day, const cf_ladder *l,
										  int64_t counts[CF_STAGE_COUNT], int64_t *orders_total);

/*
 * Parses and validates the binary form into a new ladder (*out): CF_OK,
 * CF_EINVAL with the rule broken as err's detail, or CF_ENOMEM.
 */
int			cf_loyalty_ladder_from_binary(const uint8_t *in, size_t len, const cf_allocator *mem,
										  cf_loyalty_ladder **out, cf_error *err);

/*
 * Text form (snprintf-like: writes at most buflen bytes including the NUL,
 * returns the full length without it):
 *   v2;tz=<zone>;as_of=<UTC ISO time>;customers=<n>[;customer=<id>:<orders>[:<first day>[*<n>][+<gap>[*<n>]]...][@<score>]]...
 * in the grammar of text_form.h: the first purchase day a date YYYY-MM-DD
 * (local to the zone), then the gaps in days, each day followed by *<n> when
 * it has n >= 2 orders; <orders> is their total (checked); a prospect is
 * <id>:0; @<score> is the customer's latest recommend score (0-10) when known.
 */
size_t		cf_loyalty_ladder_format(const cf_loyalty_ladder *r, char *buf, size_t buflen);

/*
 * Parses and validates the text form into a new ladder (*out): CF_OK,
 * CF_ESYNTAX with the rule broken as err's detail, or CF_ENOMEM.
 */
int			cf_loyalty_ladder_parse(const char *text, size_t len, const cf_allocator *mem,
									cf_loyalty_ladder **out, cf_error *err);

#endif
