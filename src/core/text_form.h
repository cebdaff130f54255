/*
 * text_form.h — the one grammar of the state types' text forms: its tokenizer,
 * the scanners of its values and the writer every formatter uses.
 *
 *   form    := 'v' version (';' field)*
 *   field   := key '=' value
 *   key     := [a-z0-9_]+ | quoted
 *   value   := (quoted | any byte but ';', '"' and NUL)*
 *   quoted  := '"' ([^"\\] | '\\' any byte)* '"'
 *
 * A key may repeat (one field per entry of a list: "tuple=...;tuple=...").
 * Values are integers in decimal, float8 exact (%.17g or the shortest text
 * that reads back), decimals, comma lists of such values ("2,0,1"), entries
 * whose parts are separated by ':', timestamptz as UTC ISO 8601
 * ("2024-01-01T10:00:00Z", "T...[.ffffff]Z") and dates as ISO ("2024-01-01").
 *
 * Two older shapes are read with the same tokenizer so that the released 1.0
 * text of every type still reads back: fields separated by runs of spaces
 * after "v1 " (nps_state and the service states), and fields without keys
 * (bare values, the 1.0 "1;3;..." of bgnbd_state and gamma_gamma_state).
 *
 * Pure C: no PostgreSQL header.  No allocation: spans point into the text.
 */
#ifndef CF_TEXT_FORM_H
#define CF_TEXT_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PostgreSQL's timestamp range: 4714-11-24 BC to 294277-01-01 (exclusive). */
#define CF_USECS_PER_DAY		INT64_C(86400000000)
#define CF_MIN_TIMESTAMP		INT64_C(-211813488000000000)
#define CF_END_TIMESTAMP		INT64_C(9223371331200000000)

/* The longest text of cf_tf_put_timestamp, with its NUL. */
#define CF_TF_TIMESTAMP_LEN		40

/* A part of the text: [s, end). */
typedef struct cf_tf_span
{
	const char *s;
	const char *end;
} cf_tf_span;

/* The tokenizer over one text form. */
typedef struct cf_tf_reader
{
	const char *p;				/* next unread byte */
	const char *end;
	char		sep;			/* ';', or ' ' in a 1.0 form of that shape */
	bool		at_sep;			/* p is at the separator before the next field */
} cf_tf_reader;

/* One field: the key (empty for a bare value) and the value, quotes kept. */
typedef struct cf_tf_field
{
	cf_tf_span	key;
	cf_tf_span	value;
	bool		has_key;
	bool		quoted_key;
} cf_tf_field;

/*
 * Starts reading text[0..len): reads "v<N>" into *version (0..99999) and takes
 * the byte after it as the field separator (';' or ' ', ';' at the end of the
 * text).  False when the text does not start that way.
 */
bool		cf_tf_begin(cf_tf_reader *r, const char *text, size_t len, int32_t *version);

/*
 * Starts a text form that is "v<current>;..." or the 1.0 form "v1 ..." (the
 * same fields separated by spaces); false for any other start.
 */
bool		cf_tf_begin_or_v1(cf_tf_reader *r, const char *text, size_t len, int32_t current);

/* Starts reading a text without a version prefix, fields separated by sep. */
void		cf_tf_begin_bare(cf_tf_reader *r, const char *text, size_t len, char sep);

/* The next field: 1 when there is one, 0 at the end, -1 on a malformed field. */
int			cf_tf_next(cf_tf_reader *r, cf_tf_field *f);

/* True when the next field exists and has this key (value in *value). */
bool		cf_tf_take(cf_tf_reader *r, const char *key, cf_tf_span *value);

/* True when the next field has this key and its whole value is an integer in [lo, hi]. */
bool		cf_tf_take_int64(cf_tf_reader *r, const char *key, int64_t lo, int64_t hi, int64_t *v);

/* True when the next field has this key and its whole value is a finite double. */
bool		cf_tf_take_double(cf_tf_reader *r, const char *key, double *v);

/* True when the next field exists and is a bare value (1.0 forms). */
bool		cf_tf_take_bare(cf_tf_reader *r, cf_tf_span *value);

/* True when nothing but separators is left. */
bool		cf_tf_at_end(const cf_tf_reader *r);

/* True when the key equals the word. */
bool		cf_tf_key_is(const cf_tf_field *f, const char *key);

/* ---- scanners of values: each consumes from the front of the span ---- */

/* True when the span is empty (everything consumed). */
static inline bool
cf_tf_done(const cf_tf_span *s)
{
	return s->s == s->end;
}

/* Consumes the byte c. */
bool		cf_tf_char(cf_tf_span *s, char c);

/* Consumes the literal text. */
bool		cf_tf_lit(cf_tf_span *s, const char *lit);

/* A decimal integer ('-' allowed, no '+', no spaces) within [lo, hi]. */
bool		cf_tf_int64(cf_tf_span *s, int64_t lo, int64_t hi, int64_t *v);

/* A finite double written in decimal ("12.5", "-1e-300"); no inf, nan or hex. */
bool		cf_tf_double(cf_tf_span *s, double *v);

/*
 * An exact double-double "hi" or "hi,lo" (the holdout and weighted score
 * states' sums): normalized (hi = fl(hi + lo), lo 0 when hi is), no -0.
 */
bool		cf_tf_dd(cf_tf_span *s, double *hi, double *lo);

/* "[-]YYYY-MM-DD" (4 to 6 year digits) into days since 2000-01-01, in the timestamp range's years. */
bool		cf_tf_date(cf_tf_span *s, int64_t *days);

/* "YYYY-MM-DDTHH:MM:SS[.f{1,6}]Z" into microseconds since 2000-01-01 UTC, in PostgreSQL's range. */
bool		cf_tf_timestamp(cf_tf_span *s, int64_t *ts);

/* Splits off the text before the next byte c (or the rest): *part, and consumes c. */
void		cf_tf_split(cf_tf_span *s, char c, cf_tf_span *part);

/*
 * Unquotes a quoted span ("a\"b" -> a"b) into out[0..cap) without a NUL;
 * the length, or -1 when the span is not one quoted string or longer than cap.
 */
long		cf_tf_unquote(const cf_tf_span *s, char *out, size_t cap);

/* ---- the writer: snprintf's contract (truncated, NUL-terminated, full length counted) ---- */

typedef struct cf_tf_writer
{
	char	   *buf;
	size_t		cap;
	size_t		len;			/* the full length so far, also past cap */
} cf_tf_writer;

void		cf_tf_writer_init(cf_tf_writer *w, char *buf, size_t cap);
void		cf_tf_put(cf_tf_writer *w, const char *s, size_t n);
void		cf_tf_put_str(cf_tf_writer *w, const char *s);
void		cf_tf_put_char(cf_tf_writer *w, char c);
/* "v<N>" */
void		cf_tf_put_version(cf_tf_writer *w, int version);
/* ";key=" */
void		cf_tf_put_key(cf_tf_writer *w, const char *key);
void		cf_tf_put_int64(cf_tf_writer *w, int64_t v);
/*
 * The one writer of doubles: the shortest of %.<min_digits>g .. %.17g that
 * reads back as exactly x (finite x), in plain notation when it has fewer
 * than 15 digits and 1e-4 <= |x| < 1e15 (20, not 2e+01); like snprintf.
 * Every text form keeps its own minimum, so no stored text changes:
 * CF_TF_SHORTEST (1: service states, messages), CF_TF_MODEL_DIGITS (15: the
 * model states; subnormal values keep 15 digits), 17 (%.17g: the segment
 * summary's and driver state's parameters).
 */
#define CF_TF_SHORTEST		1
#define CF_TF_MODEL_DIGITS	15
#define CF_TF_DOUBLE_LEN	32		/* room for any of them */
size_t		cf_tf_format_double(double x, int min_digits, char *buf, size_t buflen);
void		cf_tf_put_double_digits(cf_tf_writer *w, double x, int min_digits);
/* %.17g: exact */
void		cf_tf_put_double(cf_tf_writer *w, double x);
/* A double-double as cf_tf_dd reads it: hi, and ",lo" when lo is not 0, each the shortest decimal. */
void		cf_tf_put_dd(cf_tf_writer *w, double hi, double lo);
void		cf_tf_put_date(cf_tf_writer *w, int64_t days);
void		cf_tf_put_timestamp(cf_tf_writer *w, int64_t ts);
/* '"' + the bytes with '"' and '\' escaped + '"' */
void		cf_tf_put_quoted(cf_tf_writer *w, const char *s, size_t n);

/* Civil dates of the proleptic Gregorian calendar (astronomical years), days since 2000-01-01. */
int64_t		cf_tf_days_from_civil(int64_t y, int m, int d);
void		cf_tf_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

#endif							/* CF_TEXT_FORM_H */
