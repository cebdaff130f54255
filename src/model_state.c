/*
 * model_state.c — the varlena state of weighted distinct tuples shared by
 * bgnbd_state and gamma_gamma_state (see model_state.h): growth and
 * compaction, combine, final, text and binary I/O.  The arithmetic, order
 * and text form are in core/model_state.c; the entry layout, validation and the
 * names in messages come from the type's CfModelStateType.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "cf_glue.h"
#include "cf_model_state.h"
#include "interrupt.h"

/* The header is 16 bytes, as in 1.0: entries start 8-aligned. */
StaticAssertDecl(offsetof(CfModelState, e) == 16,
				 "CfModelState header is not 16 bytes");

#define HDRSZ			offsetof(CfModelState, e)
#define ESIZE(t)		((t)->esize)
#define ENTRY(t, s, i)	((char *) (s)->e + (Size) (i) * ESIZE(t))
#define CAPACITY(t, s)	((Size) (VARSIZE(s) - HDRSZ) / ESIZE(t))
#define TYPNAME(t)		((t)->layout->typname)
#define COUNT(t, e)		((int64_t *) ((char *) (e) + CF_MODEL_STATE_COUNT_OFFSET((t)->layout->nd)))

/* Most entries one state can hold. */
static int32
max_entries(const CfModelStateType *t)
{
	return (int32) Min((MaxAllocSize - HDRSZ) / ESIZE(t), (Size) PG_INT32_MAX);
}

/* The core's detail sentence without its final period (cf_glue adds one). */
static const char *
strip_period(cf_error *err)
{
	size_t		len = strlen(err->detail);

	if (len > 0 && err->detail[len - 1] == '.')
		err->detail[len - 1] = '\0';
	return err->detail;
}

CfModelState *
cf_model_state_new(const CfModelStateType *t, int32 cap)
{
	Size		size = HDRSZ + (Size) cap * ESIZE(t);
	CfModelState *s;

	if (t->esize != CF_MODEL_STATE_SIZE(t->layout->nd))
		elog(ERROR, "%s: entry size %zu does not match its layout", TYPNAME(t), t->esize);
	s = palloc(size);

	SET_VARSIZE(s, size);
	s->version = t->layout->version;
	s->n = 0;
	s->n_sorted = 0;
	return s;
}

/* A private copy (for calls outside an aggregate). */
static CfModelState *
copy_state(const CfModelState *s)
{
	CfModelState *c = palloc(VARSIZE(s));

	memcpy(c, s, VARSIZE(s));
	return c;
}

/* Sort the tail and merge it into the compact prefix, in place. */
static void
compact_in_place(const CfModelStateType *t, CfModelState *s)
{
	cf_error err;
	size_t		nt,
				nm;
	char	   *tmp;

	if (s->n_sorted == s->n)
		return;
	cf_check_rc(cf_model_state_compact(t->layout, ENTRY(t, s, s->n_sorted), s->n - s->n_sorted,
								  &nt, &err), &err);
	if (s->n_sorted == 0)
	{
		s->n = s->n_sorted = (int32) nt;
		return;
	}
	tmp = palloc(ESIZE(t) * (s->n_sorted + nt));
	cf_check_rc(cf_model_state_merge(t->layout, s->e, s->n_sorted, ENTRY(t, s, s->n_sorted), nt,
								tmp, &nm, &err), &err);
	memcpy(s->e, tmp, ESIZE(t) * nm);
	pfree(tmp);
	s->n = s->n_sorted = (int32) nm;
}

/*
 * Make room for at least one more entry: compact, and if that leaves the
 * array more than half full, move to a state twice as large (a new pointer
 * in CurrentMemoryContext; the old one is the caller's or nodeAgg's).
 */
static CfModelState *
make_room(const CfModelStateType *t, CfModelState *s)
{
	Size		cap = CAPACITY(t, s);
	CfModelState *bigger;
	Size		newcap;

	compact_in_place(t, s);
	if ((Size) s->n <= cap / 2 && (Size) s->n < cap)
		return s;
	newcap = Max(cap * 2, CF_MODEL_STATE_INITIAL);
	if (newcap > (Size) max_entries(t))
		newcap = max_entries(t);
	if (newcap <= (Size) s->n)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct customer summaries for one %s", TYPNAME(t)),
				 errdetail("A state holds at most %d distinct %s.", max_entries(t), t->entries),
				 errhint("%s", t->hint)));
	bigger = cf_model_state_new(t, (int32) newcap);
	bigger->n = s->n;
	bigger->n_sorted = s->n_sorted;
	memcpy(bigger->e, s->e, ESIZE(t) * s->n);
	return bigger;
}

/*
 * cf_model_state_append past its inline case: keeps the compact prefix growing
 * while the input arrives in order, adds a repeat of the last entry to its
 * count, and makes room when the array is full.
 */
CfModelState *
cf_model_state_append_slow(const CfModelStateType *t, CfModelState *s, const void *e)
{
	const cf_model_state_layout *l = t->layout;
	int64_t		c = cf_model_state_count(l, e);
	bool		in_order;

	if (s->n > 0 && s->n_sorted == s->n &&
		cf_model_state_cmp(l, ENTRY(t, s, s->n - 1), e) == 0 &&
		*COUNT(t, ENTRY(t, s, s->n - 1)) <= PG_INT64_MAX - c)
	{
		*COUNT(t, ENTRY(t, s, s->n - 1)) += c;
		return s;
	}
	if ((Size) s->n >= CAPACITY(t, s))
		s = make_room(t, s);
	in_order = s->n_sorted == s->n &&
		(s->n == 0 || cf_model_state_cmp(l, ENTRY(t, s, s->n - 1), e) < 0);
	memcpy(ENTRY(t, s, s->n), e, ESIZE(t));
	s->n++;
	if (in_order)
		s->n_sorted = s->n;
	return s;
}

const void *
cf_model_state_view(const CfModelStateType *t, const CfModelState *s, size_t *n)
{
	CfModelState *c;

	if (s->n_sorted == s->n)
	{
		*n = s->n;
		return s->e;
	}
	c = copy_state(s);
	compact_in_place(t, c);
	*n = c->n;
	return c->e;
}

/*
 * Combine (and rollup's transition): state0 + state1.  Strict, so the
 * executor starts from a copy of the first non-null input.  Appends state1's
 * entries to state0 (compacting when full), so a long rollup stays linear.
 */
Datum
cf_model_state_combine(const CfModelStateType *t, FunctionCallInfo fcinfo)
{
	CfModelState *dst = PG_GETARG_CF_MODEL_STATE(0);
	CfModelState *src = PG_GETARG_CF_MODEL_STATE(1);
	CfModelState *orig;
	int32		i;

	if (dst->version != t->layout->version || src->version != t->layout->version)
		cf_bad_stored_value(TYPNAME(t), "unknown format version");
	if (!CF_IN_AGGREGATE(fcinfo))
		dst = copy_state(dst);
	orig = dst;
	for (i = 0; i < src->n;)
	{
		CfModelState *next;

		cf_poll_entry((size_t) i);
		/* an unsorted tail takes as many entries as fit in one copy */
		if (dst->n_sorted != dst->n && (Size) dst->n < CAPACITY(t, dst))
		{
			int32		k = (int32) Min(CAPACITY(t, dst) - dst->n, (Size) (src->n - i));

			memcpy(ENTRY(t, dst, dst->n), ENTRY(t, src, i), ESIZE(t) * k);
			dst->n += k;
			i += k;
			continue;
		}
		next = cf_model_state_append_slow(t, dst, ENTRY(t, src, i++));
		if (next != dst && dst != orig)
			pfree(dst);
		dst = next;
	}
	PG_RETURN_POINTER(dst);
}

/* Final function of the two-step aggregate: a tight, compact copy. */
Datum
cf_model_state_final(const CfModelStateType *t, FunctionCallInfo fcinfo)
{
	CfModelState *s = PG_GETARG_CF_MODEL_STATE(0);
	size_t		n;
	const void *e = cf_model_state_view(t, s, &n);
	CfModelState *tight = cf_model_state_new(t, (int32) n);

	memcpy(tight->e, e, ESIZE(t) * n);
	tight->n = tight->n_sorted = (int32) n;
	PG_RETURN_POINTER(tight);
}

/* ---------- type I/O ---------- */

Datum
cf_model_state_in(const CfModelStateType *t, FunctionCallInfo fcinfo)
{
	char	   *text = PG_GETARG_CSTRING(0);
	size_t		n,
				got;
	cf_error err;
	CfModelState *s;

	if (cf_model_state_parse_header(t->layout, text, &n, &err) != CF_OK)
		cf_bad_text_form(TYPNAME(t), text, strip_period(&err));
	if (n > (size_t) max_entries(t))
		cf_bad_text_form(TYPNAME(t), text, "too many entries");
	s = cf_model_state_new(t, (int32) n);
	if (cf_model_state_parse(t->layout, text, s->e, n, &got, &err) != CF_OK)
		cf_bad_text_form(TYPNAME(t), text, strip_period(&err));
	s->n = s->n_sorted = (int32) got;
	PG_RETURN_POINTER(s);
}

Datum
cf_model_state_out(const CfModelStateType *t, FunctionCallInfo fcinfo)
{
	CfModelState *s = PG_GETARG_CF_MODEL_STATE(0);
	size_t		n;
	const void *e = cf_model_state_view(t, s, &n);
	size_t		len = cf_model_state_text_bound(t->layout, n);
	char	   *buf;

	if (len > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s too large for its text form", TYPNAME(t)),
				 errdetail("The state has %zu distinct entries.", n)));
	buf = palloc(len);
	cf_model_state_format(t->layout, e, n, buf, len);
	PG_RETURN_CSTRING(buf);
}

/* Binary form: version, count, then (x, d[0], ..., count) per compact entry. */
Datum
cf_model_state_send(const CfModelStateType *t, FunctionCallInfo fcinfo)
{
	const cf_model_state_layout *l = t->layout;
	CfModelState *s = PG_GETARG_CF_MODEL_STATE(0);
	size_t		n,
				i;
	const char *e = cf_model_state_view(t, s, &n);
	StringInfoData buf;
	int			f;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, l->version);
	pq_sendint32(&buf, (int32) n);
	for (i = 0; i < n; i++, e += ESIZE(t))
	{
		cf_poll_entry(i);
		pq_sendint32(&buf, cf_model_state_x(l, e));
		for (f = 0; f < l->nd; f++)
			pq_sendfloat8(&buf, cf_model_state_fields(e)[f]);
		pq_sendint64(&buf, cf_model_state_count(l, e));
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
cf_model_state_recv(const CfModelStateType *t, FunctionCallInfo fcinfo)
{
	const cf_model_state_layout *l = t->layout;
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		version = pq_getmsgint(buf, 4);
	int32		n = pq_getmsgint(buf, 4);
	CfModelState *s;
	cf_error err;
	int32		i;
	int			f;

	if (version != l->version)
		cf_bad_stored_value(TYPNAME(t), "unknown format version");
	/* each entry takes 4 + 8 nd + 8 bytes of the message */
	if (n < 0 || (Size) n > (Size) (buf->len - buf->cursor) / (12 + 8 * l->nd))
		cf_bad_stored_value(TYPNAME(t), "entry count does not match the message length");
	s = cf_model_state_new(t, n);
	for (i = 0; i < n; i++)
	{
		char	   *e = ENTRY(t, s, i);
		int32		x = pq_getmsgint(buf, 4);

		cf_poll_entry((size_t) i);
		for (f = 0; f < l->nd; f++)
			((double *) e)[f] = pq_getmsgfloat8(buf);
		*COUNT(t, e) = pq_getmsgint64(buf);
		*(int32_t *) (e + CF_MODEL_STATE_X_OFFSET(l->nd)) = x;
		*(int32_t *) (e + CF_MODEL_STATE_PAD_OFFSET(l->nd)) = 0;
	}
	pq_getmsgend(buf);
	if (cf_model_state_validate(l, s->e, n, &err) != CF_OK)
		cf_bad_stored_value(TYPNAME(t), strip_period(&err));
	s->n = s->n_sorted = n;
	PG_RETURN_POINTER(s);
}

/* Number of customers counted. */
Datum
cf_model_state_customers(const CfModelStateType *t, FunctionCallInfo fcinfo)
{
	CfModelState *s = PG_GETARG_CF_MODEL_STATE(0);
	int64_t		total = 0;
	cf_error err;

	cf_check_rc(cf_model_state_total(t->layout, s->e, s->n, &total, &err), &err);
	PG_RETURN_INT64(total);
}
