/*
 * text.h — helpers of the hand-written text-form parsers and formatters of
 * the service-quality states: a counting snprintf (APPEND), words, counts
 * and doubles after spaces, and the shortest exact text of a double.
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_TEXT_H
#define CF_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shortest decimal text that reads back as exactly x (finite x), like snprintf. */
size_t		cf_format_double(double x, char *buf, size_t buflen);

/* snprintf that appends at *len and keeps counting past the end of the buffer. */
#define APPEND(buf, buflen, len, ...) \
	((len) += (size_t) snprintf((len) < (buflen) ? (buf) + (len) : NULL, \
								(len) < (buflen) ? (buflen) - (len) : 0, __VA_ARGS__))

/* Consumes the literal word (after spaces) or returns false. */
static inline bool
expect(const char **p, const char *word)
{
	size_t		n = strlen(word);

	while (**p == ' ')
		(*p)++;
	if (strncmp(*p, word, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Reads a non-negative decimal integer below 2^63. */
static inline bool
parse_count(const char **p, int64_t *v)
{
	char	   *end;
	long long	x;

	if (!isdigit((unsigned char) **p))
		return false;
	errno = 0;
	x = strtoll(*p, &end, 10);
	if (end == *p || errno == ERANGE)
		return false;
	*p = end;
	*v = x;
	return true;
}

/* Reads a finite double (decimal, as cf_format_double writes it). */
static inline bool
parse_double(const char **p, double *v)
{
	char	   *end;
	double		x;

	if (!(isdigit((unsigned char) **p) || **p == '-' || **p == '+' || **p == '.'))
		return false;
	x = strtod(*p, &end);
	if (end == *p || !isfinite(x))
		return false;
	*p = end;
	*v = x;
	return true;
}

/* True when only spaces remain. */
static inline bool
at_end(const char *p)
{
	while (*p == ' ')
		p++;
	return *p == '\0';
}

/* Appends the shortest exact text of a double. */
static inline void
append_double(char *buf, size_t buflen, size_t *len, double x)
{
	char		tmp[40];

	cf_format_double(x, tmp, sizeof(tmp));
	APPEND(buf, buflen, *len, "%s", tmp);
}

#endif
