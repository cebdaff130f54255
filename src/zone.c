/*
 * zone.c — SQL glue for time zones: the zone of a recorded or given name,
 * local calendar days of timestamps, and the caches that make them cheap.
 *
 * Every cache here is backend-wide, keyed by what it depends on (the zone,
 * the as-of time), not kept in fn_extra: Citus's worker_partial_agg calls a
 * transition function with a fresh FmgrInfo for every row, so a per-call-site
 * cache would be rebuilt on every row there.  Zones (pg_tz) live as long as
 * the backend (pg_tzset never frees them), so pointers to them are stable keys.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <limits.h>

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "zone.h"

/* ---------- zones by name ---------- */

/* The last zones looked up by a recorded name (a few: a query usually sees one or two). */
#define NAMED_ZONES 8
typedef struct named_zone
{
	int			len;
	char		name[CF_ZONE_MAX_NAME + 1];
	pg_tz	   *tz;
} named_zone;

static named_zone *named_zones;
static int	named_zones_next;

/*
 * pg_tzset of a UTC-equivalent name, falling back to the other names of the
 * fixed table (zone.h): a tzdata build without the old links (e.g. Zulu,
 * UCT) still reads values recorded under them.
 */
static pg_tz *
tzset_with_utc_fallback(const char *name, int len)
{
	static const char *const fallbacks[] = {"UTC", "Etc/UTC", "GMT", "Etc/GMT"};
	pg_tz	   *tz = pg_tzset(name);
	int			i;

	if (tz != NULL || !cf_zone_is_utc(name, (size_t) len))
		return tz;
	for (i = 0; i < lengthof(fallbacks) && tz == NULL; i++)
		tz = pg_tzset(fallbacks[i]);
	return tz;
}

pg_tz *
cf_zone_lookup(const char *name, int len)
{
	named_zone *z;
	int			i;

	if (len < 1 || len > CF_ZONE_MAX_NAME || len > TZ_STRLEN_MAX)
		return NULL;
	if (named_zones == NULL)
		named_zones = MemoryContextAllocZero(TopMemoryContext, sizeof(named_zone) * NAMED_ZONES);
	for (i = 0; i < NAMED_ZONES; i++)
	{
		z = &named_zones[i];
		if (z->tz != NULL && z->len == len && memcmp(z->name, name, len) == 0)
			return z->tz;
	}
	z = &named_zones[named_zones_next];
	memcpy(z->name, name, len);
	z->name[len] = '\0';
	z->len = len;
	z->tz = NULL;				/* not a valid entry until the lookup succeeds */
	z->tz = tzset_with_utc_fallback(z->name, len);
	if (z->tz == NULL)
		return NULL;
	named_zones_next = (named_zones_next + 1) % NAMED_ZONES;
	return z->tz;
}

/* ---------- zone arguments ---------- */

pg_tz *
cf_zone_from_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *t;
	pg_tz	   *tz;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("time_zone must not be null")));
	t = PG_GETARG_TEXT_PP(argno);
	tz = cf_zone_lookup(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", text_to_cstring(t)),
				 errhint("Use a name from pg_timezone_names, e.g. 'Europe/Berlin'.")));
	return tz;
}

/* ---------- local calendar days ---------- */

int32
cf_local_day_slow(TimestampTz ts, pg_tz *tz)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tzoff;

	if (timestamp2tm(ts, &tzoff, &tm, &fsec, NULL, tz) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
}

/*
 * Fills the slot of UTC day uday: the zone's offset when the whole UTC day
 * has one (looked up once with pg_next_dst_boundary), else CF_DAY_MIXED.
 */
void
cf_day_cache_fill(cf_day_cache *c, int64 uday, int slot)
{
	pg_time_t	t0 = (pg_time_t) uday * SECS_PER_DAY +
		(POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY;
	long int	before,
				after;
	int			isdst,
				isdst2;
	pg_time_t	boundary;
	int			r = pg_next_dst_boundary(&t0, &before, &isdst, &boundary, &after, &isdst2, c->tz);

	if (r == 0 || (r == 1 && boundary >= t0 + SECS_PER_DAY))
		c->offset[slot] = (int32) before;
	else
		c->offset[slot] = CF_DAY_MIXED;
	c->utc_day[slot] = uday;
}

/* The day caches of the last zones used by transitions (one per zone). */
#define DAY_CACHES 4
static cf_day_cache *day_caches[DAY_CACHES];
static int	day_caches_next;
static cf_day_cache *last_day_cache;

cf_day_cache *
cf_get_day_cache(pg_tz *tz)
{
	cf_day_cache *c = last_day_cache;
	const char *zone;
	size_t		len;
	int			i;

	if (c != NULL && c->tz == tz)
		return c;
	for (i = 0; i < DAY_CACHES; i++)
		if (day_caches[i] != NULL && day_caches[i]->tz == tz)
			return last_day_cache = day_caches[i];
	zone = pg_get_timezone_name(tz);
	len = strlen(zone);
	if (!cf_zone_name_ok(zone, len))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone name \"%s\" cannot be recorded in a customer profile", zone),
				 errhint("Use a named time zone such as 'UTC' or 'Europe/Berlin'.")));
	if (day_caches[day_caches_next] == NULL)
		day_caches[day_caches_next] = MemoryContextAlloc(TopMemoryContext, sizeof(cf_day_cache));
	c = day_caches[day_caches_next];
	day_caches_next = (day_caches_next + 1) % DAY_CACHES;
	c->tz = tz;
	c->zone = zone;				/* the pg_tz's own name: lives as long as tz */
	c->zone_len = (int) len;
	for (i = 0; i < CF_DAY_CACHE; i++)
		c->utc_day[i] = PG_INT64_MIN;
	return last_day_cache = c;
}

/* ---------- as-of days ---------- */

/* The last as-of day computed: zone (by recorded name) and as_of -> day. */
static struct
{
	bool		valid;
	int			len;
	char		name[CF_ZONE_MAX_NAME];
	TimestampTz as_of;
	int32		day;
}			as_of_cache;

bool
cf_zone_as_of_day(const char *name, int len, TimestampTz as_of, int32 *day)
{
	pg_tz	   *tz;

	if (as_of_cache.valid && as_of_cache.as_of == as_of && as_of_cache.len == len &&
		memcmp(as_of_cache.name, name, len) == 0)
	{
		*day = as_of_cache.day;
		return true;
	}
	tz = cf_zone_lookup(name, len);
	if (tz == NULL)
		return false;
	*day = cf_local_day_slow(as_of, tz);
	as_of_cache.valid = true;
	as_of_cache.len = len;
	memcpy(as_of_cache.name, name, len);
	as_of_cache.as_of = as_of;
	as_of_cache.day = *day;
	return true;
}

/* ---------- timestamps ---------- */

void
cf_check_finite_ts(TimestampTz ts, const char *what)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite timestamp", what),
				 errdetail("The value given is %s.", TIMESTAMP_IS_NOBEGIN(ts) ? "-infinity" : "infinity")));
}

/* A day number (days since 2000-01-01) as YYYY-MM-DD, whatever the DateStyle (cf_glue.h). */
char *
cf_day_text(int32 day)
{
	int			y,
				m,
				d;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	return psprintf("%04d-%02d-%02d", y, m, d);
}
