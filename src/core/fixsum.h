/*
 * fixsum.h — exact, order-independent sums of doubles: signed 128-bit
 * fixed-point numbers in units of 2^-32 (the sums of the service-quality
 * states).  Pure C: no PostgreSQL headers.
 */
#ifndef CF_FIXSUM_H
#define CF_FIXSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text_form.h"

/*
 * A signed 128-bit fixed-point number in units of 2^-32, stored as two 64-bit
 * words so that it needs no 16-byte alignment.  Integer addition is
 * associative, so sums do not depend on the order rows arrive in (parallel
 * plans and rollups give the serial result bit for bit).
 */
#define CF_FIX_FRAC_BITS 32
typedef struct cf_fixsum
{
	uint64_t	lo;
	uint64_t	hi;
} cf_fixsum;

/* x rounded to the nearest multiple of 2^-32 (|x| < 2^90). */
cf_fixsum	cf_fix_from_double(double x);

/* *dst += a; false on overflow (dst unchanged). */
bool		cf_fix_add(cf_fixsum *dst, cf_fixsum a);

/* The value as a double (correctly rounded from the fixed-point value). */
double		cf_fix_to_double(cf_fixsum a);

/* The shortest decimal text ("-12.5") that cf_fix_parse reads back as a, like snprintf. */
size_t		cf_fix_format(cf_fixsum a, char *buf, size_t buflen);

/* Parses a decimal, rounded to the nearest multiple of 2^-32; false when malformed or out of range. */
bool		cf_fix_parse(const char **p, cf_fixsum *out);

/* Consumes an exact sum (cf_fix_parse) from the front of a text form's span. */
bool		cf_fix_take(cf_tf_span *s, cf_fixsum *out);

/* Writes an exact sum (cf_fix_format) to a text form. */
void		cf_fix_put(cf_tf_writer *w, cf_fixsum a);

#endif
