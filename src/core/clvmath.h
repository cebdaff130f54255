/*
 * clvmath.h
 *		Error reporting and special functions shared by the customer-lifetime
 *		models (bgnbd.c, gamma_gamma.c).  Pure C, libm only.
 */
#ifndef CF_CLVMATH_H
#define CF_CLVMATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Error codes; the SQL glue maps them to SQLSTATEs (class 22). */
typedef enum cf_model_code
{
	CF_MODEL_OK = 0,
	CF_MODEL_EINVAL,			/* invalid parameter / data: 22023 */
	CF_MODEL_ERANGE,			/* value out of range: 22003 */
	CF_MODEL_ESYNTAX,			/* malformed text form: 22P02 */
	CF_MODEL_ENOMEM				/* allocation failed (core scratch) */
} cf_model_code;

/* An error: message (lowercase, no period) and detail (full sentence). */
typedef struct cf_model_err
{
	cf_model_code code;
	char		msg[128];
	char		detail[256];
} cf_model_err;

/* Record an error in err (may be NULL); returns code. */
extern int	cf_model_fail(cf_model_err *err, cf_model_code code,
						  const char *msg, const char *detail_fmt,...)
			__attribute__((format(printf, 4, 5)));

/*
 * Parse an unsigned decimal integer (digits only, <= max) at *sp and advance
 * *sp; false (and *sp unchanged) on anything else.
 */
extern bool cf_model_parse_uint(const char **sp, int64_t max, int64_t *out);

/*
 * Parse a finite decimal float at *sp (digits, '.', exponent; no spaces,
 * nan, inf or hex) and advance *sp; false on anything else.
 */
extern bool cf_model_parse_double(const char **sp, double *out);

/*
 * Shortest of %.15g, %.16g, %.17g that reads back as exactly v (finite v);
 * buf needs 32 bytes.  Exact like %.17g, but 38.86 stays "38.86".
 */
extern void cf_model_format_double(double v, char *buf);

/* Digamma psi(x) for x > 0, relative error about 1e-15. */
extern double cf_digamma(double x);

/* lnGamma(s + x) - lnGamma(s) for s > 0, integer x >= 0. */
extern double cf_lpoch(double s, int64_t x);

/* psi(s + x) - psi(s) for s > 0, integer x >= 0. */
extern double cf_dpoch(double s, int64_t x);

/* 1 / (1 + exp(d)) without overflow. */
extern double cf_inv1pexp(double d);

/* ln(exp(u) + 1) without overflow. */
extern double cf_softplus(double u);

#endif							/* CF_CLVMATH_H */
