/*
 * service_level.h — service levels: each experience rated low, standard or wow against
 * the expectation with a tolerance, and the mergeable counts of levels
 *
 * Pure C: no PostgreSQL headers.  The first field of every stored struct is
 * room for PostgreSQL's varlena length word; the core never touches it.
 */
#ifndef CF_SERVICE_LEVEL_H
#define CF_SERVICE_LEVEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fixsum.h"
#include "error.h"

#define CF_SERVICE_LEVEL_FORMAT_VERSION 1
#define CF_SERVICE_LEVEL_TEXT_VERSION 2	/* "v2;key=value;...": the 1.0 text was "v1 key=value ..." */

typedef enum cf_service_level
{
	CF_SERVICE_LEVEL_LOW = 0,			/* perceived < expected - tolerance */
	CF_SERVICE_LEVEL_STANDARD = 1,		/* within expected +/- tolerance, edges included */
	CF_SERVICE_LEVEL_WOW = 2			/* perceived > expected + tolerance */
} cf_service_level;

#define CF_SERVICE_LEVELS 3
extern const char *const cf_service_level_names[CF_SERVICE_LEVELS];

/* CF_OK when tolerance is finite and >= 0, else CF_EINVAL with the rule in err's detail. */
int			cf_tolerance_check(double tolerance, cf_error *err);

/* The level of one experience (arguments finite, tolerance >= 0). */
cf_service_level cf_service_level_of(double expected, double perceived, double tolerance);

typedef struct cf_service_level_counts
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		reserved;
	double		tolerance;
	int64_t		counts[CF_SERVICE_LEVELS];	/* low, standard, wow */
} cf_service_level_counts;

void		cf_service_level_init(cf_service_level_counts *s, double tolerance);
int64_t		cf_service_level_total(const cf_service_level_counts *s);

/* dst += src (same tolerance); false on overflow, dst unchanged. */
bool		cf_service_level_merge(cf_service_level_counts *dst, const cf_service_level_counts *src);

/* "v1 tolerance=0.5 low=1 standard=2 wow=3", like snprintf. */
size_t		cf_service_level_format(const cf_service_level_counts *s, char *buf, size_t buflen);

/* Parses the text form into *out (vl_len_ untouched): CF_OK, else CF_ESYNTAX with err's detail. */
int			cf_service_level_parse(const char *text, cf_service_level_counts *out, cf_error *err);

/* Checks a value read from outside: CF_OK when sound, else CF_EINVAL. */
int			cf_service_level_check(const cf_service_level_counts *s, cf_error *err);

#endif
