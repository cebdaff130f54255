/*
 * zone.h — time zone names as recorded in states (customer_profile,
 * loyalty_ladder): which names are acceptable, and which names count the same
 * calendar, so that values recorded under them merge.
 *
 * The UTC-equivalent names (UTC, Etc/UTC, UCT, Universal, Zulu, GMT, GMT0,
 * Greenwich and their Etc/ forms) are one zone by a fixed table here, not by
 * the tzdata links of the server, which differ between builds.  Every other
 * name is only the same as itself (byte for byte).
 *
 * Which name a merge carries: the common name when every part has the same
 * one; "UTC" when UTC-equivalent parts carry different names.  That rule is
 * commutative and associative, so serial, parallel, hash-grouped and Citus
 * plans give the same bytes whatever the order of the parts.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_ZONE_H
#define CF_ZONE_H

#include <stdbool.h>
#include <stddef.h>

#define CF_ZONE_MAX_NAME	255
#define CF_ZONE_UTC			"UTC"	/* the name a merge of different UTC-equivalent names carries */
#define CF_ZONE_UTC_LEN		3

/* Whether a zone name can be recorded: 1..255 printable ASCII bytes, no space, ';' or '"' (the text grammar's bytes). */
bool		cf_zone_name_ok(const char *name, size_t len);

/* Whether name is one of the fixed UTC-equivalent names (ASCII case ignored). */
bool		cf_zone_is_utc(const char *name, size_t len);

/* Whether values recorded under a and b count the same calendar days (and so may merge). */
bool		cf_zone_same(const char *a, size_t alen, const char *b, size_t blen);

/*
 * The name a merge of a value recorded under a with one under b carries
 * (cf_zone_same(a, b) must hold): a when the names are equal, else "UTC".
 * Never longer than a or b.  Sets *len.
 */
const char *cf_zone_merged(const char *a, size_t alen, const char *b, size_t blen, size_t *len);

#endif							/* CF_ZONE_H */
