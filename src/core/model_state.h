/*
 * model_state.h
 *		Weighted distinct tuples: the mergeable fit summaries of the lifetime
 *		models (bgnbd.h: (x, t_x, T), gamma_gamma.h: (x, mean value)), each a
 *		table of distinct entries with counts.  This file holds what the
 *		summaries share: order, compaction, merging, totals and the exact text
 *		form; each model supplies its entry layout, validation and names.
 *
 * Pure C (libc/libm only).  Errors are returned as codes with a message.
 */
#ifndef CF_MODEL_STATE_H
#define CF_MODEL_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clv.h"

/*
 * The entry layout every summary shares, which is also the byte image of the
 * stored states (released in 1.0, so never to change):
 *
 *		double	d[nd];		the model's fields, in sort order after x
 *		int64_t	count;		customers with this tuple, >= 1
 *		int32_t	x;			repeat purchases
 *		int32_t	pad;		always 0 (so byte images compare)
 *
 * A model declares its entry struct with named fields in this order and
 * checks it with CF_MODEL_STATE_CHECK_LAYOUT.  An array of entries is "compact"
 * when sorted by (x, d[0], ..., d[nd - 1]) with no duplicates.
 */
#define CF_MODEL_STATE_MAX_DOUBLES	2
#define CF_MODEL_STATE_TEXT_VERSION	2	/* "v2;tuples=...": the 1.0 text was "1;<n>;..." */
#define CF_MODEL_STATE_SIZE(nd)			(8 * (size_t) (nd) + 16)
#define CF_MODEL_STATE_COUNT_OFFSET(nd)	(8 * (size_t) (nd))
#define CF_MODEL_STATE_X_OFFSET(nd)		(8 * (size_t) (nd) + 8)
#define CF_MODEL_STATE_PAD_OFFSET(nd)		(8 * (size_t) (nd) + 12)

/* Compile-time check that TYPE (fields FIRST, count, x, pad) has the layout. */
#define CF_MODEL_STATE_CHECK_LAYOUT(TYPE, FIRST, ND) \
	_Static_assert(offsetof(TYPE, FIRST) == 0 && \
				   offsetof(TYPE, count) == CF_MODEL_STATE_COUNT_OFFSET(ND) && \
				   offsetof(TYPE, x) == CF_MODEL_STATE_X_OFFSET(ND) && \
				   offsetof(TYPE, pad) == CF_MODEL_STATE_PAD_OFFSET(ND) && \
				   sizeof(TYPE) == CF_MODEL_STATE_SIZE(ND), \
				   #TYPE " does not have the weighted tuple layout")

/* One model's summary: its entry layout, validation and names in messages. */
typedef struct cf_model_state_layout
{
	int			nd;				/* double fields, 1..CF_MODEL_STATE_MAX_DOUBLES */
	int			version;		/* format version of the stored and binary forms (and of the 1.0 text) */
	const char *typname;		/* SQL type: "bgnbd_state" */
	const char *model;			/* "invalid <model> summary" */
	const char *order;			/* "(x, t_x, T)", in "... in <order> order." */
	const char *form;			/* "x,t_x,T,count", the syntax of an entry */
	size_t		min_chars;		/* shortest text of an entry: 8 for ";0,0,0,1" */

	/*
	 * Validate a row (x, d[0..nd)) and write its entry at e with count 1, or
	 * fail with the model's message.
	 */
	int			(*make) (int64_t x, const double *d, void *e, cf_error *err);
} cf_model_state_layout;

/* Fields of the entry at e. */
static inline const double *
cf_model_state_fields(const void *e)
{
	return (const double *) e;
}

static inline int64_t
cf_model_state_count(const cf_model_state_layout *l, const void *e)
{
	return *(const int64_t *) ((const char *) e + CF_MODEL_STATE_COUNT_OFFSET(l->nd));
}

static inline int32_t
cf_model_state_x(const cf_model_state_layout *l, const void *e)
{
	return *(const int32_t *) ((const char *) e + CF_MODEL_STATE_X_OFFSET(l->nd));
}

/* Order of entries: x, then d[0], d[1], ... */
extern int	cf_model_state_cmp(const cf_model_state_layout *l, const void *a, const void *b);

/*
 * Sort e[0..n) and merge duplicates (adding counts) in place; *n_out gets the
 * new length.  Fails (ERANGE) only if a count would overflow.
 */
extern int	cf_model_state_compact(const cf_model_state_layout *l, void *e, size_t n,
							  size_t *n_out, cf_error *err);

/* Merge two compact arrays into out (room for na + nb entries), compact. */
extern int	cf_model_state_merge(const cf_model_state_layout *l,
							const void *a, size_t na,
							const void *b, size_t nb,
							void *out, size_t *n_out, cf_error *err);

/* Check that e[0..n) is compact and every entry valid (l->make). */
extern int	cf_model_state_check_compact(const cf_model_state_layout *l, const void *e,
									size_t n, cf_error *err);

/*
 * The one validation of a stored value, shared by text and binary input:
 * every entry as l->make builds it from its fields (so -0 becomes +0; the
 * count is kept), counts >= 1, compact order, and a total that fits int64
 * (ERANGE naming the entry).  May rewrite e[0..n) into that canonical form.
 */
extern int	cf_model_state_validate(const cf_model_state_layout *l, void *e, size_t n,
							   cf_error *err);

/* Total customers (sum of counts); ERANGE on overflow. */
extern int	cf_model_state_total(const cf_model_state_layout *l, const void *e, size_t n,
							int64_t *total, cf_error *err);

/*
 * Text form, in the grammar of text_form.h:
 * "v2;tuples=<n>;tuple=x,d0,...,count;tuple=x,d0,...,count;..." with integers
 * in decimal, doubles shortest-exact (cf_tf_format_double, CF_TF_MODEL_DIGITS) and entries in
 * compact order.  cf_model_state_text_bound gives a buffer size (including the
 * NUL) that is always enough for compact e[0..n).  cf_model_state_format returns
 * the length (excluding the NUL) and truncates like snprintf.
 */
extern size_t cf_model_state_text_bound(const cf_model_state_layout *l, size_t n);
extern size_t cf_model_state_format(const cf_model_state_layout *l, const void *e, size_t n,
							   char *buf, size_t buflen);

/*
 * The parsers also read the 1.0 form "<version>;<n>;x,d0,...,count;..." (bare
 * values; version l->version).
 * Read the header of a text form: version and the declared entry count,
 * checked to be possible for the length of the text (so callers may allocate
 * n_entries entries safely).
 */
extern int	cf_model_state_parse_header(const cf_model_state_layout *l, const char *s,
								   size_t *n_entries, cf_error *err);

/*
 * Parse a text form into out (room for cap entries); validates syntax,
 * version, the declared count, every value and compact order.  Never reads
 * past the NUL.
 */
extern int	cf_model_state_parse(const cf_model_state_layout *l, const char *s, void *out,
							size_t cap, size_t *n_out, cf_error *err);

#endif							/* CF_MODEL_STATE_H */
