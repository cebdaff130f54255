/*
 * model_state.h — glue shared by the weighted-tuple state types bgnbd_state
 * (bgnbd.c) and gamma_gamma_state (gamma_gamma.c): the varlena state, its
 * growth, combine and final functions and its text and binary I/O, for any
 * core entry layout (core/model_state.h).
 */
#ifndef CF_MODEL_STATE_GLUE_H
#define CF_MODEL_STATE_GLUE_H

#include "cf_compat.h"		/* first: postgres.h and the majors' differences */
#include "fmgr.h"

#include "cf_lifetime.h"
#include "model_state.h"

/*
 * The state: a header and an array of entries (the core layout, stride
 * CF_MODEL_STATE_SIZE(nd)) with spare room.  Entries [0, n_sorted) are compact
 * (sorted, distinct); [n_sorted, n) is an unsorted tail that is sorted and
 * merged in when the array is full (and by every reader, on a copy).  States
 * written by the final function, input and receive are compact and tight.
 * This is the on-disk layout of both types since 1.0.
 */
typedef struct CfModelState
{
	int32		vl_len_;
	int32		version;		/* the layout's text version */
	int32		n;				/* entries used */
	int32		n_sorted;		/* compact prefix */
	double		e[FLEXIBLE_ARRAY_MEMBER];	/* entries, not doubles */
} CfModelState;

/* A state type: its core layout and the words of its "too many" error. */
typedef struct CfModelStateType
{
	const cf_model_state_layout *layout;	/* typname, version, entry layout */
	Size		esize;			/* sizeof the entry: CF_MODEL_STATE_SIZE(layout->nd) */
	const char *entries;		/* "(x, t_x, T) triples", in the detail */
	const char *hint;			/* how to make customers share entries */
} CfModelStateType;

/*
 * Initial capacity of a state made by a transition function: small, because
 * a GROUP BY customer keeps one state per customer (a million groups of one
 * or two entries); a state that fills up doubles (make_room), so a large one
 * costs the same per entry.
 */
#define CF_MODEL_STATE_INITIAL	2

#define PG_GETARG_CF_MODEL_STATE(n) ((CfModelState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Raise the core error unless rc is CF_OK. */
static inline void
cf_check_rc(int rc, const cf_error *err)
{
	if (rc != CF_OK)
		cf_lifetime_report(err);
}

/* A new empty state with room for cap entries, in CurrentMemoryContext. */
extern CfModelState *cf_model_state_new(const CfModelStateType *t, int32 cap);

extern CfModelState *cf_model_state_append_slow(const CfModelStateType *t,
										   CfModelState *s, const void *e);

/*
 * Append one entry (possibly moving to a bigger state, a new pointer in
 * CurrentMemoryContext; the old one is the caller's or nodeAgg's).  While the
 * state is all in order, a repeat of the last entry only adds to its count.
 * Inline for the per-row case of an unsorted tail with room (with t a
 * constant, the stride is one too).
 */
static inline CfModelState *
cf_model_state_append(const CfModelStateType *t, CfModelState *s, const void *e)
{
	if (s->n_sorted != s->n &&
		(Size) s->n < (VARSIZE(s) - offsetof(CfModelState, e)) / t->esize)
	{
		memcpy((char *) s->e + (Size) s->n * t->esize, e, t->esize);
		s->n++;
		return s;
	}
	return cf_model_state_append_slow(t, s, e);
}

/* The compact entries of s, without modifying s (a sorted copy if needed). */
extern const void *cf_model_state_view(const CfModelStateType *t, const CfModelState *s,
								  size_t *n);

/* The bodies of the SQL-callable functions every tuple state type has. */
extern Datum cf_model_state_combine(const CfModelStateType *t, FunctionCallInfo fcinfo);
extern Datum cf_model_state_final(const CfModelStateType *t, FunctionCallInfo fcinfo);
extern Datum cf_model_state_in(const CfModelStateType *t, FunctionCallInfo fcinfo);
extern Datum cf_model_state_out(const CfModelStateType *t, FunctionCallInfo fcinfo);
extern Datum cf_model_state_send(const CfModelStateType *t, FunctionCallInfo fcinfo);
extern Datum cf_model_state_recv(const CfModelStateType *t, FunctionCallInfo fcinfo);
extern Datum cf_model_state_customers(const CfModelStateType *t, FunctionCallInfo fcinfo);

#endif
