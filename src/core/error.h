/*
 * error.h — the core's one error convention.
 *
 * A core function that can fail returns an int: CF_OK (0) on success, one of
 * the CF_E* codes otherwise.  When the failure needs words (bad input: what
 * was wrong, with the value), the function also takes a cf_error * from its
 * caller (NULL allowed: the code alone) and fills it through cf_fail(): the
 * message (lowercase, no period: errmsg) and the detail (a full sentence:
 * errdetail); a parser or validator may leave the message empty and give only
 * the detail, under the message its glue writes ("invalid input syntax for
 * type ...").  Results go through out-parameters.  The glue maps the code to
 * a SQLSTATE and reports the words with ereport; the core never prints,
 * aborts or keeps the message in static storage.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_ERROR_H
#define CF_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#define CF_OK			0
#define CF_ENOMEM		1		/* allocator or malloc failed: 53200 */
#define CF_ERANGE		2		/* a count or value out of range: 22003 */
#define CF_EZONE		3		/* profiles of time zones that are not the same (zone.h) */
#define CF_EINVAL		4		/* bad argument or data: 22023 */
#define CF_ESYNTAX		5		/* malformed text form: 22P02 */

/* A failure's words: message (lowercase, no period) and detail (full sentence). */
typedef struct cf_error
{
	int			code;
	char		msg[128];
	char		detail[256];
} cf_error;

/* Records code, msg and the formatted detail in err (may be NULL); returns code. */
extern int	cf_fail(cf_error *err, int code, const char *msg, const char *detail_fmt,...)
			__attribute__((format(printf, 4, 5)));

/*
 * code with problem as err's detail (the message left empty) when problem is
 * not NULL, CF_OK otherwise: for checks whose words are one static phrase.
 */
static inline int
cf_fail_with(cf_error *err, int code, const char *problem)
{
	return problem == NULL ? CF_OK : cf_fail(err, code, "", "%s", problem);
}

/* err's detail when rc is a failure, NULL for CF_OK (callers that report the rule broken). */
static inline const char *
cf_error_detail(int rc, const cf_error *err)
{
	return rc == CF_OK ? NULL : err->detail;
}

#endif							/* CF_ERROR_H */
