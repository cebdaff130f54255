/*
 * gamma_gamma.c — SQL glue for the Gamma-Gamma spend model: the
 * gamma_gamma_state type (distinct (x, mean value) pairs with counts), the
 * gamma_gamma_agg / gamma_gamma_fit aggregates, rollup, the expected mean
 * transaction value, and the lifetime value functions that combine it with
 * BG/NBD.
 *
 * The arithmetic is in core/gamma_gamma.c; this file unpacks, validates,
 * calls and packs.  The state handling mirrors bgnbd.c.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "cf_glue.h"
#include "cf_lifetime.h"
#include "gamma_gamma.h"

#define GG_TYPNAME "gamma_gamma_state"

/* The state: as BgnbdState in bgnbd.c, with (x, mean value) entries. */
typedef struct GgState
{
	int32		vl_len_;
	int32		version;		/* CF_GG_TEXT_VERSION */
	int32		n;				/* entries used */
	int32		n_sorted;		/* compact prefix */
	cf_gg_entry e[FLEXIBLE_ARRAY_MEMBER];
} GgState;

#define GG_HDRSZ		offsetof(GgState, e)
#define GG_CAPACITY(s)	((Size) (VARSIZE(s) - GG_HDRSZ) / sizeof(cf_gg_entry))
#define GG_MAX_ENTRIES	((int32) Min((MaxAllocSize - GG_HDRSZ) / sizeof(cf_gg_entry), (Size) PG_INT32_MAX))
#define GG_INITIAL		64
#define PG_GETARG_GG(n) ((GgState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* The core's detail sentence without its final period (cf_glue adds one). */
static const char *
strip_period(cf_model_err *err)
{
	size_t		len = strlen(err->detail);

	if (len > 0 && err->detail[len - 1] == '.')
		err->detail[len - 1] = '\0';
	return err->detail;
}

/* ---------- state handling ---------- */

/* A new empty state with room for cap entries, in CurrentMemoryContext. */
static GgState *
new_state(int32 cap)
{
	Size		size = GG_HDRSZ + (Size) cap * sizeof(cf_gg_entry);
	GgState *s = palloc(size);

	SET_VARSIZE(s, size);
	s->version = CF_GG_TEXT_VERSION;
	s->n = 0;
	s->n_sorted = 0;
	return s;
}

/* A private copy (for calls outside an aggregate). */
static GgState *
copy_state(const GgState *s)
{
	GgState *c = palloc(VARSIZE(s));

	memcpy(c, s, VARSIZE(s));
	return c;
}

/* Report a core error from a state operation. */
static void
check_rc(int rc, const cf_model_err *err)
{
	if (rc != CF_MODEL_OK)
		cf_lifetime_report(err);
}

/* Sort the tail and merge it into the compact prefix, in place. */
static void
compact_in_place(GgState *s)
{
	cf_model_err err;
	size_t		nt,
				nm;
	cf_gg_entry *tmp;

	if (s->n_sorted == s->n)
		return;
	check_rc(cf_tuples_compact(&cf_gg_layout, s->e + s->n_sorted, s->n - s->n_sorted, &nt, &err), &err);
	if (s->n_sorted == 0)
	{
		s->n = s->n_sorted = (int32) nt;
		return;
	}
	tmp = palloc(sizeof(cf_gg_entry) * (s->n_sorted + nt));
	check_rc(cf_tuples_merge(&cf_gg_layout, s->e, s->n_sorted, s->e + s->n_sorted, nt, tmp, &nm, &err), &err);
	memcpy(s->e, tmp, sizeof(cf_gg_entry) * nm);
	pfree(tmp);
	s->n = s->n_sorted = (int32) nm;
}

/*
 * Make room for at least one more entry: compact, and if that leaves the
 * array more than half full, move to a state twice as large (a new pointer
 * in CurrentMemoryContext; the old one is the caller's or nodeAgg's).
 */
static GgState *
make_room(GgState *s)
{
	Size		cap = GG_CAPACITY(s);
	GgState *bigger;
	Size		newcap;

	compact_in_place(s);
	if ((Size) s->n <= cap / 2 && (Size) s->n < cap)
		return s;
	newcap = Max(cap * 2, GG_INITIAL);
	if (newcap > (Size) GG_MAX_ENTRIES)
		newcap = GG_MAX_ENTRIES;
	if (newcap <= (Size) s->n)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct customer summaries for one gamma_gamma_state"),
				 errdetail("A state holds at most %d distinct (x, mean value) pairs.", GG_MAX_ENTRIES),
				 errhint("Round the mean values (e.g. to cents) so that customers share pairs, or fit on a sample.")));
	bigger = new_state((int32) newcap);
	bigger->n = s->n;
	bigger->n_sorted = s->n_sorted;
	memcpy(bigger->e, s->e, sizeof(cf_gg_entry) * s->n);
	return bigger;
}

/*
 * Append one entry (possibly moving to a bigger state), keeping the compact
 * prefix growing while the input arrives in order and adding a repeat of
 * the last entry to its count.
 */
static GgState *
append_entry(GgState *s, const cf_gg_entry *e)
{
	bool		in_order;

	if (s->n > 0 && s->n_sorted == s->n &&
		cf_tuples_cmp(&cf_gg_layout, &s->e[s->n - 1], e) == 0 &&
		s->e[s->n - 1].count <= PG_INT64_MAX - e->count)
	{
		s->e[s->n - 1].count += e->count;
		return s;
	}
	if ((Size) s->n >= GG_CAPACITY(s))
		s = make_room(s);
	in_order = s->n_sorted == s->n &&
		(s->n == 0 || cf_tuples_cmp(&cf_gg_layout, &s->e[s->n - 1], e) < 0);
	s->e[s->n++] = *e;
	if (in_order)
		s->n_sorted = s->n;
	return s;
}

/* The compact entries of s, without modifying s (a sorted copy if needed). */
static const cf_gg_entry *
compact_view(const GgState *s, size_t *n)
{
	GgState *c;

	if (s->n_sorted == s->n)
	{
		*n = s->n;
		return s->e;
	}
	c = copy_state(s);
	compact_in_place(c);
	*n = c->n;
	return c->e;
}

/* A tight compact state holding e[0..n). */
static GgState *
tight_state(const cf_gg_entry *e, size_t n)
{
	GgState *s = new_state((int32) n);

	memcpy(s->e, e, sizeof(cf_gg_entry) * n);
	s->n = s->n_sorted = (int32) n;
	return s;
}

/* ---------- aggregate support ---------- */

/*
 * Transition: count a repeat customer's (x, mean value).  Rows with x = 0
 * are skipped, as in the paper (their mean value is undefined), as are rows
 * with a NULL.
 */
PG_FUNCTION_INFO_V1(cf_gg_trans);
Datum
cf_gg_trans(PG_FUNCTION_ARGS)
{
	GgState    *s;
	cf_gg_entry e;
	cf_model_err err;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_GETARG_INT32(1) == 0)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (!CF_IN_AGGREGATE(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("gamma_gamma transition functions can only be called as part of an aggregate")));
	check_rc(cf_gg_make_entry(PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2), &e, &err), &err);
	s = PG_ARGISNULL(0) ? new_state(GG_INITIAL) : PG_GETARG_GG(0);
	PG_RETURN_POINTER(append_entry(s, &e));
}

/* Combine (and rollup's transition): as cf_bgnbd_combine. */
PG_FUNCTION_INFO_V1(cf_gg_combine);
Datum
cf_gg_combine(PG_FUNCTION_ARGS)
{
	GgState    *dst = PG_GETARG_GG(0);
	GgState    *src = PG_GETARG_GG(1);
	GgState    *orig;
	int32		i;

	if (dst->version != CF_GG_TEXT_VERSION || src->version != CF_GG_TEXT_VERSION)
		cf_bad_stored_value(GG_TYPNAME, "unknown format version");
	if (!CF_IN_AGGREGATE(fcinfo))
		dst = copy_state(dst);
	orig = dst;
	for (i = 0; i < src->n; i++)
	{
		GgState    *t = append_entry(dst, &src->e[i]);

		if (t != dst && dst != orig)
			pfree(dst);
		dst = t;
	}
	PG_RETURN_POINTER(dst);
}

/* Final function of gamma_gamma_agg: a tight, compact copy. */
PG_FUNCTION_INFO_V1(cf_gg_final);
Datum
cf_gg_final(PG_FUNCTION_ARGS)
{
	GgState    *s = PG_GETARG_GG(0);
	size_t		n;
	const cf_gg_entry *e = compact_view(s, &n);

	PG_RETURN_POINTER(tight_state(e, n));
}

/* ---------- type I/O ---------- */

PG_FUNCTION_INFO_V1(gamma_gamma_state_in);
Datum
gamma_gamma_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	size_t		n,
				got;
	cf_model_err err;
	GgState    *s;

	if (cf_tuples_parse_header(&cf_gg_layout, text, &n, &err) != CF_MODEL_OK)
		cf_bad_text_form(GG_TYPNAME, text, strip_period(&err));
	if (n > (size_t) GG_MAX_ENTRIES)
		cf_bad_text_form(GG_TYPNAME, text, "too many entries");
	s = new_state((int32) n);
	if (cf_tuples_parse(&cf_gg_layout, text, s->e, n, &got, &err) != CF_MODEL_OK)
		cf_bad_text_form(GG_TYPNAME, text, strip_period(&err));
	s->n = s->n_sorted = (int32) got;
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_out);
Datum
gamma_gamma_state_out(PG_FUNCTION_ARGS)
{
	GgState    *s = PG_GETARG_GG(0);
	size_t		n;
	const cf_gg_entry *e = compact_view(s, &n);
	size_t		len = cf_tuples_text_bound(&cf_gg_layout, n);
	char	   *buf;

	if (len > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("gamma_gamma_state too large for its text form"),
				 errdetail("The state has %zu distinct entries.", n)));
	buf = palloc(len);
	cf_tuples_format(&cf_gg_layout, e, n, buf, len);
	PG_RETURN_CSTRING(buf);
}

/* Binary form: version, count, then (x, mean value, count) per compact entry. */
PG_FUNCTION_INFO_V1(gamma_gamma_state_send);
Datum
gamma_gamma_state_send(PG_FUNCTION_ARGS)
{
	GgState    *s = PG_GETARG_GG(0);
	size_t		n,
				i;
	const cf_gg_entry *e = compact_view(s, &n);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, CF_GG_TEXT_VERSION);
	pq_sendint32(&buf, (int32) n);
	for (i = 0; i < n; i++)
	{
		pq_sendint32(&buf, e[i].x);
		pq_sendfloat8(&buf, e[i].m);
		pq_sendint64(&buf, e[i].count);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_recv);
Datum
gamma_gamma_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		version = pq_getmsgint(buf, 4);
	int32		n = pq_getmsgint(buf, 4);
	GgState    *s;
	cf_model_err err;
	int32		i;

	if (version != CF_GG_TEXT_VERSION)
		cf_bad_stored_value(GG_TYPNAME, "unknown format version");
	/* each entry takes 20 bytes of the message */
	if (n < 0 || (Size) n > (Size) (buf->len - buf->cursor) / 20)
		cf_bad_stored_value(GG_TYPNAME, "entry count does not match the message length");
	s = new_state(n);
	for (i = 0; i < n; i++)
	{
		s->e[i].x = pq_getmsgint(buf, 4);
		s->e[i].m = pq_getmsgfloat8(buf);
		s->e[i].count = pq_getmsgint64(buf);
		s->e[i].pad = 0;
	}
	pq_getmsgend(buf);
	if (cf_tuples_check_compact(&cf_gg_layout, s->e, n, &err) != CF_MODEL_OK)
		cf_bad_stored_value(GG_TYPNAME, strip_period(&err));
	s->n = s->n_sorted = n;
	PG_RETURN_POINTER(s);
}

/* ---------- accessors and the fit ---------- */

/* Number of repeat customers counted. */
PG_FUNCTION_INFO_V1(cf_gg_customers);
Datum
cf_gg_customers(PG_FUNCTION_ARGS)
{
	GgState    *s = PG_GETARG_GG(0);
	int64_t		total = 0;
	cf_model_err err;

	check_rc(cf_tuples_total(&cf_gg_layout, s->e, s->n, &total, &err), &err);
	PG_RETURN_INT64(total);
}

/* Fit; build a gamma_gamma_model; WARNING if not converged. */
static Datum
fit_state(FunctionCallInfo fcinfo, const GgState *s)
{
	size_t		n;
	const cf_gg_entry *e = compact_view(s, &n);
	cf_gg_fit_result res;
	cf_model_err err;
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	check_rc(cf_gg_fit(e, n, NULL, &res, &err), &err);
	if (!res.converged)
		ereport(WARNING,
				(errcode(ERRCODE_WARNING),
				 errmsg("gamma_gamma fit did not converge"),
				 errdetail("After %d iterations (%d evaluations) the largest gradient component of the mean log-likelihood is %g; p = %g, q = %g, gamma = %g.",
						   res.iterations, res.evaluations, res.grad_max,
						   res.p.p, res.p.q, res.p.gamma),
				 errhint("A parameter running to 0 or infinity means the data do not identify the model (e.g. every customer spends the same).")));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "gamma_gamma_fit must return a composite type");
	values[0] = Float8GetDatum(res.p.p);
	values[1] = Float8GetDatum(res.p.q);
	values[2] = Float8GetDatum(res.p.gamma);
	values[3] = Float8GetDatum(res.log_likelihood);
	values[4] = Int64GetDatum(res.n);
	values[5] = BoolGetDatum(res.converged);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* gamma_gamma_fit(gamma_gamma_state): strict, so a NULL state gives NULL. */
PG_FUNCTION_INFO_V1(cf_gg_fit_state);
Datum
cf_gg_fit_state(PG_FUNCTION_ARGS)
{
	return fit_state(fcinfo, PG_GETARG_GG(0));
}

/* Final function of the one-step gamma_gamma_fit aggregate. */
PG_FUNCTION_INFO_V1(cf_gg_fit_final);
Datum
cf_gg_fit_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot fit gamma_gamma model"),
				 errdetail("There are no repeat customers (rows with x > 0 and a mean value) to fit.")));
	return fit_state(fcinfo, PG_GETARG_GG(0));
}

/* ---------- predictions ---------- */

static const char *const gg_fields[] = {"p", "q", "gamma"};
static const char *const bg_fields[] = {"r", "alpha", "a", "b"};

typedef struct GgCache
{
	CfModelCache gg;
	CfModelCache bg;
} GgCache;

static GgCache *
gg_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(GgCache));
	return (GgCache *) fcinfo->flinfo->fn_extra;
}

/* The gamma_gamma_model in argument argno, validated. */
static cf_gg_params
gg_model_arg(FunctionCallInfo fcinfo, int argno, GgCache *cache)
{
	double		v[3];
	cf_gg_params p;
	cf_model_err err;

	cf_read_model(fcinfo, argno, "gamma_gamma_model", gg_fields, 3, &cache->gg, v);
	p.p = v[0];
	p.q = v[1];
	p.gamma = v[2];
	check_rc(cf_gg_check_params(&p, &err), &err);
	return p;
}

/* The bgnbd_model in argument argno, validated. */
static cf_bgnbd_params
bg_model_arg(FunctionCallInfo fcinfo, int argno, GgCache *cache)
{
	double		v[4];
	cf_bgnbd_params p;
	cf_model_err err;

	cf_read_model(fcinfo, argno, "bgnbd_model", bg_fields, 4, &cache->bg, v);
	p.r = v[0];
	p.alpha = v[1];
	p.a = v[2];
	p.b = v[3];
	check_rc(cf_bgnbd_check_params(&p, &err), &err);
	return p;
}

/* gamma_gamma_expected_mean(model, x, mean_value) */
PG_FUNCTION_INFO_V1(cf_gg_expected_mean_sql);
Datum
cf_gg_expected_mean_sql(PG_FUNCTION_ARGS)
{
	GgCache    *cache;
	cf_gg_params p;
	int32		x;
	double		v;
	cf_model_err err;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	cache = gg_cache(fcinfo);
	p = gg_model_arg(fcinfo, 0, cache);
	x = PG_GETARG_INT32(1);
	if (x > 0 && PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mean_value must not be null when x > 0")));
	check_rc(cf_gg_expected_mean(&p, x, PG_ARGISNULL(2) ? 0.0 : PG_GETARG_FLOAT8(2), &v, &err), &err);
	PG_RETURN_FLOAT8(v);
}

/*
 * clv(bgnbd_model, gamma_gamma_model, x, t_x, T, mean_value, horizon, margin,
 * discount_rate) and lost_customer_value(same): the two halves of the
 * discounted value if alive, weighted by P(alive) and 1 - P(alive).
 */
static Datum
clv_common(FunctionCallInfo fcinfo, bool lost)
{
	GgCache    *cache = gg_cache(fcinfo);
	cf_bgnbd_params bg;
	cf_gg_params gg;
	int			i;
	double		clv,
				lostv;
	cf_model_err err;

	/* NULL mean_value is allowed for x = 0; NULL margin and rate take their defaults */
	for (i = 0; i < 7; i++)
		if (PG_ARGISNULL(i) && i != 5)
			PG_RETURN_NULL();
	bg = bg_model_arg(fcinfo, 0, cache);
	gg = gg_model_arg(fcinfo, 1, cache);
	if (PG_ARGISNULL(5) && PG_GETARG_INT32(2) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("mean_value must not be null when x > 0")));
	check_rc(cf_clv(&bg, &gg, PG_GETARG_INT32(2), PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4),
					PG_ARGISNULL(5) ? 0.0 : PG_GETARG_FLOAT8(5),
					PG_GETARG_FLOAT8(6),
					PG_ARGISNULL(7) ? 1.0 : PG_GETARG_FLOAT8(7),
					PG_ARGISNULL(8) ? 0.0 : PG_GETARG_FLOAT8(8),
					&clv, &lostv, &err), &err);
	PG_RETURN_FLOAT8(lost ? lostv : clv);
}

PG_FUNCTION_INFO_V1(cf_clv_sql);
Datum
cf_clv_sql(PG_FUNCTION_ARGS)
{
	return clv_common(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cf_lost_value_sql);
Datum
cf_lost_value_sql(PG_FUNCTION_ARGS)
{
	return clv_common(fcinfo, true);
}
