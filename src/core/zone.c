/*
 * zone.c — recorded time zone names (see zone.h).
 */
#include "zone.h"

#include <string.h>

/*
 * Names whose calendar is UTC's in every tzdata release PostgreSQL ships (no
 * offset, no daylight saving, never changed).  Fixed here because whether
 * they are links of one another, and which is the target, differs between
 * tzdata builds (Debian's initdb default is Etc/UTC, PostgreSQL's own UTC).
 */
static const char *const utc_names[] = {
	"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal",
	"Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0",
	"Greenwich", "Etc/Greenwich",
};

bool
cf_zone_name_ok(const char *name, size_t len)
{
	size_t		i;

	if (len < 1 || len > CF_ZONE_MAX_NAME)
		return false;
	for (i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] > '~' || name[i] == ';' || name[i] == '"')
			return false;
	return true;
}

/* ASCII lower case of c (zone names are looked up case-insensitively, as pg_tzset does). */
static char
ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

bool
cf_zone_is_utc(const char *name, size_t len)
{
	size_t		i,
				k;

	for (i = 0; i < sizeof utc_names / sizeof utc_names[0]; i++)
	{
		const char *u = utc_names[i];

		if (strlen(u) != len)
			continue;
		for (k = 0; k < len && ascii_lower(name[k]) == ascii_lower(u[k]); k++)
			;
		if (k == len)
			return true;
	}
	return false;
}

bool
cf_zone_same(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && memcmp(a, b, alen) == 0)
		return true;
	return cf_zone_is_utc(a, alen) && cf_zone_is_utc(b, blen);
}

const char *
cf_zone_merged(const char *a, size_t alen, const char *b, size_t blen, size_t *len)
{
	if (alen == blen && memcmp(a, b, alen) == 0)
	{
		*len = alen;
		return a;
	}
	*len = CF_ZONE_UTC_LEN;
	return CF_ZONE_UTC;
}
