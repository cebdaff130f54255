/*
 * text.h — helpers of the text forms of the service-quality states over the
 * one tokenizer (text_form.h): the version check, count, double and exact-sum
 * fields; doubles written shortest-exact by text_form's one writer.
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

#include "fixsum.h"
#include "interrupt.h"
#include "text_form.h"

/*
 * The text forms of the four service states, in the grammar of text_form.h:
 * "v2;key=value;...".  Their parsers also read the 1.0 forms ("v1 key=value
 * key=value ...", the same fields separated by spaces).
 */
#define CF_SERVICE_TEXT_VERSION 2

/* snprintf that appends at *len and keeps counting past the end of the buffer. */
#define APPEND(buf, buflen, len, ...) \
	((len) += (size_t) snprintf((len) < (buflen) ? (buf) + (len) : NULL, \
								(len) < (buflen) ? (buflen) - (len) : 0, __VA_ARGS__))

/* Reads the text form's version: v2 with ';' or the 1.0 form v1 with spaces; false otherwise. */
static inline bool
begin_form(cf_tf_reader *r, const char *text)
{
	int32_t		version;

	return cf_tf_begin(r, text, strlen(text), &version) &&
		((version == CF_SERVICE_TEXT_VERSION && r->sep == ';') || (version == 1 && r->sep == ' '));
}

/* A field that is one non-negative count below 2^63. */
static inline bool
count_field(cf_tf_reader *r, const char *key, int64_t *v)
{
	cf_tf_span	s;

	return cf_tf_take(r, key, &s) && cf_tf_int64(&s, 0, INT64_MAX, v) && cf_tf_done(&s);
}

/* A field that is one finite double. */
static inline bool
double_field(cf_tf_reader *r, const char *key, double *v)
{
	cf_tf_span	s;

	return cf_tf_take(r, key, &s) && cf_tf_double(&s, v) && cf_tf_done(&s);
}

/* An exact sum (cf_fix_parse) at the front of the span. */
static inline bool
fix_span(cf_tf_span *s, cf_fixsum *out)
{
	const char *p = s->s;

	/* the span ends at a separator, which cf_fix_parse does not read past */
	if (p == s->end || !cf_fix_parse(&p, out) || p > s->end)
		return false;
	s->s = p;
	return true;
}

/* Writes the shortest exact text of a double. */
static inline void
put_double(cf_tf_writer *w, double x)
{
	cf_tf_put_double_digits(w, x, CF_TF_SHORTEST);
}

/* Writes an exact sum. */
static inline void
put_fix(cf_tf_writer *w, cf_fixsum a)
{
	char		tmp[80];

	cf_fix_format(a, tmp, sizeof(tmp));
	cf_tf_put_str(w, tmp);
}

#endif
