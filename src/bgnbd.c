/*
 * bgnbd.c — SQL glue for the BG/NBD model: the bgnbd_state type (distinct
 * (x, t_x, T) triples with counts), the bgnbd_agg / bgnbd_fit aggregates,
 * rollup, and the predictions P(alive) and expected purchases.
 *
 * The arithmetic is in core/bgnbd.c; this file unpacks, validates, calls and
 * packs.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "bgnbd.h"
#include "cf_glue.h"
#include "cf_lifetime.h"
#include "cf_model_state.h"

/* bgnbd_state: weighted (x, t_x, T) tuples (model_state.h). */
static const CfModelStateType bg_type = {
	.layout = &cf_bgnbd_layout,
	.esize = sizeof(cf_bgnbd_entry),
	.entries = "(x, t_x, T) triples",
	.hint = "Round t_x and T (e.g. to days) so that customers share triples, or fit on a sample.",
};

/* The same, for the MBG/NBD and Pareto/NBD fits of a bgnbd_state (cf_lifetime.h). */
const struct CfModelStateType *const cf_bgnbd_type = &bg_type;

/* ---------- error reporting and model reading (shared with gamma_gamma.c) ---------- */

void
cf_lifetime_report(const cf_error *err)
{
	int			code;

	switch (err->code)
	{
		case CF_ERANGE:
			code = ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
			break;
		case CF_ESYNTAX:
			code = ERRCODE_INVALID_TEXT_REPRESENTATION;
			break;
		case CF_ENOMEM:
			code = ERRCODE_OUT_OF_MEMORY;
			break;
		default:
			code = ERRCODE_INVALID_PARAMETER_VALUE;
			break;
	}
	ereport(ERROR,
			(errcode(code),
			 errmsg("%s", err->msg),
			 errdetail("%s", err->detail)));
	pg_unreachable();
}

bool
cf_read_model(FunctionCallInfo fcinfo, int argno, const char *typname,
			  const char *const *fieldnames, int nfields,
			  CfModelCache *cache, double *vals)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(argno);
	Size		len = HeapTupleHeaderGetDatumLength(th);
	TupleDesc	desc;
	HeapTupleData tuple;
	int			i;

	if (cache->bytes != NULL && cache->len == len && memcmp(cache->bytes, th, len) == 0)
	{
		memcpy(vals, cache->vals, sizeof(double) * nfields);
		return true;
	}
	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(th), HeapTupleHeaderGetTypMod(th));
	tuple.t_len = len;
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	if (desc->natts < nfields)
		elog(ERROR, "%s has %d fields, expected at least %d", typname, desc->natts, nfields);
	for (i = 0; i < nfields; i++)
	{
		bool		isnull;
		Datum		d;

		if (TupleDescAttr(desc, i)->atttypid != FLOAT8OID)
			elog(ERROR, "field %d of %s is not double precision", i + 1, typname);
		d = heap_getattr(&tuple, i + 1, desc, &isnull);
		if (isnull)
		{
			ReleaseTupleDesc(desc);
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s field %s must not be null", typname, fieldnames[i])));
		}
		vals[i] = DatumGetFloat8(d);
	}
	ReleaseTupleDesc(desc);
	if (cache->bytes == NULL || cache->len < len)
	{
		if (cache->bytes)
			pfree(cache->bytes);
		cache->bytes = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, len);
	}
	memcpy(cache->bytes, th, len);
	cache->len = len;
	memcpy(cache->vals, vals, sizeof(double) * nfields);
	return false;
}

/* ---------- aggregate support ---------- */

/* Transition: count the customer (x, t_x, T); rows with a NULL are skipped. */
PG_FUNCTION_INFO_V1(cf_bgnbd_trans);
Datum
cf_bgnbd_trans(PG_FUNCTION_ARGS)
{
	CfModelState *s;
	cf_bgnbd_entry e;
	cf_error err;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cf_require_aggregate(fcinfo, "bgnbd");
	cf_check_rc(cf_bgnbd_make_entry(PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3), &e, &err), &err);
	s = PG_ARGISNULL(0) ? cf_model_state_new(&bg_type, CF_MODEL_STATE_INITIAL) : PG_GETARG_CF_MODEL_STATE(0);
	PG_RETURN_POINTER(cf_model_state_append(&bg_type, s, &e));
}

/* Combine (and rollup's transition): cf_model_state_combine. */
PG_FUNCTION_INFO_V1(cf_bgnbd_combine);
Datum
cf_bgnbd_combine(PG_FUNCTION_ARGS)
{
	return cf_model_state_combine(&bg_type, fcinfo);
}

/* Final function of bgnbd_agg: a tight, compact copy. */
PG_FUNCTION_INFO_V1(cf_bgnbd_final);
Datum
cf_bgnbd_final(PG_FUNCTION_ARGS)
{
	return cf_model_state_final(&bg_type, fcinfo);
}

/* ---------- type I/O: "1;<n>;x,t_x,T,count;...", binary (x, t_x, T, count) ---------- */

PG_FUNCTION_INFO_V1(bgnbd_state_in);
Datum
bgnbd_state_in(PG_FUNCTION_ARGS)
{
	return cf_model_state_in(&bg_type, fcinfo);
}

PG_FUNCTION_INFO_V1(bgnbd_state_out);
Datum
bgnbd_state_out(PG_FUNCTION_ARGS)
{
	return cf_model_state_out(&bg_type, fcinfo);
}

PG_FUNCTION_INFO_V1(bgnbd_state_send);
Datum
bgnbd_state_send(PG_FUNCTION_ARGS)
{
	return cf_model_state_send(&bg_type, fcinfo);
}

PG_FUNCTION_INFO_V1(bgnbd_state_recv);
Datum
bgnbd_state_recv(PG_FUNCTION_ARGS)
{
	return cf_model_state_recv(&bg_type, fcinfo);
}

/* ---------- accessors and the fit ---------- */

/* Number of customers counted. */
PG_FUNCTION_INFO_V1(cf_bgnbd_customers);
Datum
cf_bgnbd_customers(PG_FUNCTION_ARGS)
{
	return cf_model_state_customers(&bg_type, fcinfo);
}

/* bgnbd_fit(bgnbd_state): strict, so a NULL state gives NULL. */
PG_FUNCTION_INFO_V1(cf_bgnbd_fit_state);
Datum
cf_bgnbd_fit_state(PG_FUNCTION_ARGS)
{
	return cf_lifetime_fit_state(fcinfo, &cf_bgnbd_family, PG_GETARG_CF_MODEL_STATE(0));
}

/* Final function of the one-step bgnbd_fit aggregate: no customers is an error. */
PG_FUNCTION_INFO_V1(cf_bgnbd_fit_final);
Datum
cf_bgnbd_fit_final(PG_FUNCTION_ARGS)
{
	return cf_lifetime_fit_final(fcinfo, &cf_bgnbd_family);
}

/* ---------- predictions ---------- */

static const char *const bg_fields[] = {"r", "alpha", "a", "b"};

/*
 * Per-call-site cache (fn_extra) for scoring many customers with one model:
 *
 * - the model, prepared (cf_bgnbd_scorer).  When the model argument is a
 *   constant or an external parameter (get_fn_expr_arg_stable), it is read
 *   once per call site and never compared again; otherwise each call
 *   compares its bytes with the previous model's (cf_read_model);
 * - E[Y(horizon) | alive, x, T] memoised for the model and horizon: for
 *   x < EA_XMAX in rows of a small table per distinct T (found by an open
 *   hash on T's bits), otherwise in a direct-mapped table on (x, T).  A
 *   change of model or horizon starts a new generation, which empties both
 *   tables without clearing them.
 *
 * With last_p_alive (below) every value is the one the core computes for
 * those inputs, bit for bit.
 */
#define EA_XMAX		32			/* x per row of the per-T table */
#define EA_TROWS	256			/* distinct T values with a row */
#define EA_THASH	1024		/* open hash on T, power of two, > 2 * EA_TROWS */
#define EP_SLOTS	16384		/* direct-mapped table for the rest */

typedef struct EaTSlot
{
	double		T;
	uint32		gen;			/* valid when == cache->gen */
	int32		row;
} EaTSlot;

typedef struct EpSlot
{
	double		T;
	double		value;
	int32		x;
	int32		n;				/* bgnbd_pmf's purchase count (0 elsewhere) */
	uint32		gen;
} EpSlot;

typedef struct BgCache
{
	CfModelCache model;
	bool		model_ready;	/* scorer holds the model of the last call */
	bool		model_stable;	/* the model argument cannot change */
	bool		model_fixed;	/* model_ready and model_stable */
	cf_bgnbd_scorer scorer;
	uint32		gen;			/* generation of the E tables, >= 1 */
	double		horizon;		/* of the E tables */
	int32		nrows;			/* rows of ea_rows used in this generation */
	EaTSlot		thash[EA_THASH];
	double	   *ea_rows;		/* EA_TROWS x EA_XMAX, NaN = not yet */
	EpSlot	   *slots;			/* EP_SLOTS, allocated when first needed */
} BgCache;

/* Empty the E tables (a new model or horizon). */
static void
new_generation(BgCache *cache)
{
	cache->nrows = 0;
	if (++cache->gen == 0)
	{
		/* wrapped after 2^32 changes: clear for real */
		memset(cache->thash, 0, sizeof(cache->thash));
		if (cache->slots)
			memset(cache->slots, 0, sizeof(EpSlot) * EP_SLOTS);
		cache->gen = 1;
	}
}

/*
 * The cache of this call site (created on the first call), its scorer
 * holding the bgnbd_model in argument 0, validated and prepared, when the
 * model is not known to be the one prepared already.
 */
static pg_noinline BgCache *
model_arg_slow(FunctionCallInfo fcinfo)
{
	BgCache    *cache = (BgCache *) fcinfo->flinfo->fn_extra;
	double		v[4];
	cf_bgnbd_params p;
	cf_error err;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(BgCache));
		cache->model_stable = get_fn_expr_arg_stable(fcinfo->flinfo, 0);
		cache->gen = 1;
		cache->horizon = -1.0;	/* no horizon yet */
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cf_read_model(fcinfo, 0, "bgnbd_model", bg_fields, 4, &cache->model, v) &&
		cache->model_ready)
		return cache;			/* same bytes as the model prepared last */
	cache->model_ready = false;
	p.r = v[0];
	p.alpha = v[1];
	p.a = v[2];
	p.b = v[3];
	cf_check_rc(cf_bgnbd_scorer_init(&cache->scorer, &p, &err), &err);
	cache->model_ready = true;
	cache->model_fixed = cache->model_stable;
	new_generation(cache);		/* the E tables were for another model */
	return cache;
}

/* This call site's cache, its scorer holding the model (argument 0). */
static inline BgCache *
model_arg(FunctionCallInfo fcinfo)
{
	BgCache    *cache = (BgCache *) fcinfo->flinfo->fn_extra;

	if (likely(cache != NULL && cache->model_fixed))
		return cache;
	return model_arg_slow(fcinfo);
}

/* Report why the customer (x, t_x, T) given as arguments is invalid. */
static pg_noinline void
bad_customer_args(int32 x, double t_x, double T)
{
	cf_bgnbd_entry e;
	cf_error err;

	cf_check_rc(cf_bgnbd_make_entry(x, t_x, T, &e, &err), &err);
	elog(ERROR, "bgnbd customer check disagrees with cf_bgnbd_make_entry");
}

/* Validate a customer (x, t_x, T) given as arguments. */
static inline void
customer_args_inl(int32 x, double t_x, double T)
{
	if (unlikely(!cf_bgnbd_customer_ok(x, t_x, T)))
		bad_customer_args(x, t_x, T);
}

/* The customer in arguments argno, argno + 1, argno + 2, validated. */
void
cf_bgnbd_customer_arg(FunctionCallInfo fcinfo, int argno, int32 *x, double *t_x, double *T)
{
	*x = PG_GETARG_INT32(argno);
	*t_x = PG_GETARG_FLOAT8(argno + 1);
	*T = PG_GETARG_FLOAT8(argno + 2);
	customer_args_inl(*x, *t_x, *T);
}

void
cf_bgnbd_customer_args(int32 x, double t_x, double T)
{
	customer_args_inl(x, t_x, T);
}

/*
 * The last P(alive) with x > 0 computed in this backend, with its inputs:
 * a query that scores a customer with bgnbd_p_alive and then
 * bgnbd_expected_purchases (which multiplies by P(alive)) computes it once.
 * bgnbd_p_alive itself does not look here (in the usual order it is the
 * first of the two, and the comparison costs more than it saves).
 */
static struct
{
	cf_bgnbd_params p;
	double		t_x;
	double		T;
	double		value;
	int32		x;				/* 0: empty */
} last_p_alive;

/*
 * P(alive) of a valid customer, the core's value bit for bit; from
 * last_p_alive if check and the inputs are the same.
 */
static inline double
p_alive(cf_bgnbd_scorer *s, int32 x, double t_x, double T, bool check)
{
	double		v;

	if (x == 0)
		return 1.0;
	if (check && last_p_alive.x == x && last_p_alive.t_x == t_x && last_p_alive.T == T &&
		last_p_alive.p.r == s->p.r && last_p_alive.p.alpha == s->p.alpha &&
		last_p_alive.p.a == s->p.a && last_p_alive.p.b == s->p.b)
		return last_p_alive.value;
	v = cf_bgnbd_scorer_p_alive(s, x, t_x, T);
	last_p_alive.p = s->p;
	last_p_alive.t_x = t_x;
	last_p_alive.T = T;
	last_p_alive.value = v;
	last_p_alive.x = x;
	return v;
}

/* P(alive) of the customer (x, t_x, T), validated, with the model in argument 0. */
static inline double
score_p_alive(FunctionCallInfo fcinfo, int32 x, double t_x, double T)
{
	BgCache    *cache = model_arg(fcinfo);

	customer_args_inl(x, t_x, T);
	return p_alive(&cache->scorer, x, t_x, T, false);
}

double
cf_bgnbd_score_p_alive(FunctionCallInfo fcinfo, int32 x, double t_x, double T)
{
	return score_p_alive(fcinfo, x, t_x, T);
}

/* The prepared model of argument 0 (validated; cached per call site). */
const cf_bgnbd_scorer *
cf_bgnbd_model_scorer(FunctionCallInfo fcinfo)
{
	return &model_arg(fcinfo)->scorer;
}

/* bgnbd_p_alive(model, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_bgnbd_p_alive_sql);
Datum
cf_bgnbd_p_alive_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(score_p_alive(fcinfo, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3)));
}

/* E[Y(horizon) | alive, x, T] from the core, for a cache miss. */
static pg_noinline double
expected_alive(const cf_bgnbd_scorer *s, double horizon, int32 x, double T)
{
	double		v;
	cf_error err;

	cf_check_rc(cf_bgnbd_expected_purchases_alive(&s->p, horizon, x, T, &v, &err), &err);
	return v;
}

/* A 64-bit mix of a double's bits (T's, with +0 for -0). */
static inline uint64
mix_bits(double d)
{
	uint64		bits;

	d += 0.0;
	memcpy(&bits, &d, sizeof(bits));
	bits ^= bits >> 31;
	bits *= UINT64CONST(0x9E3779B97F4A7C15);
	return bits ^ (bits >> 29);
}

/* E[Y(horizon) | alive, x, T], memoised for the model and horizon. */
static double
expected_alive_cached(FunctionCallInfo fcinfo, BgCache *cache,
					  const cf_bgnbd_scorer *s, double horizon,
					  int32 x, double T)
{
	uint64		h = mix_bits(T);
	EpSlot	   *slot;
	double		v;

	if (cache->horizon != horizon)
	{
		new_generation(cache);
		cache->horizon = horizon;
	}
	if (x < EA_XMAX)
	{
		uint32		i = (uint32) (h >> 40) & (EA_THASH - 1);

		for (;;)
		{
			EaTSlot    *t = &cache->thash[i];

			if (t->gen != cache->gen)
			{
				/* T not seen in this generation: give it a row if one is left */
				if (cache->nrows >= EA_TROWS)
					break;		/* full: use the direct-mapped table */
				if (cache->ea_rows == NULL)
					cache->ea_rows = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt,
														sizeof(double) * EA_TROWS * EA_XMAX);
				t->gen = cache->gen;
				t->T = T;
				t->row = cache->nrows++;
				memset(cache->ea_rows + (Size) t->row * EA_XMAX, 0xff, sizeof(double) * EA_XMAX);
			}
			if (t->T == T)
			{
				double	   *cell = cache->ea_rows + (Size) t->row * EA_XMAX + x;

				if (likely(*cell == *cell))
					return *cell;
				*cell = expected_alive(s, horizon, x, T);
				return *cell;
			}
			i = (i + 1) & (EA_THASH - 1);
		}
	}

	if (cache->slots == NULL)
		cache->slots = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(EpSlot) * EP_SLOTS);
	slot = &cache->slots[(uint32) ((h ^ ((uint64) (uint32) x * UINT64CONST(0xBF58476D1CE4E5B9))) >> 50) % EP_SLOTS];
	if (slot->gen == cache->gen && slot->x == x && slot->T == T)
		return slot->value;
	v = expected_alive(s, horizon, x, T);
	slot->gen = cache->gen;
	slot->x = x;
	slot->T = T;
	slot->value = v;
	return v;
}

/*
 * bgnbd_pmf of a customer (cf_lifetime.h): P(n | alive, x, T) memoised per
 * (x, T, n) in the direct-mapped table for the model and horizon (a call
 * site of bgnbd_pmf uses its table for nothing else), then mixed with
 * P(alive) as cf_bgnbd_pmf does, bit for bit.
 */
double
cf_bgnbd_score_pmf(FunctionCallInfo fcinfo, int32 n, double horizon, int32 x, double t_x, double T)
{
	BgCache    *cache = model_arg(fcinfo);
	const cf_bgnbd_params *p = &cache->scorer.p;
	EpSlot	   *slot;
	cf_error	err;

	cf_bgnbd_check_purchase_count(n);
	cf_bgnbd_check_horizon(horizon);
	customer_args_inl(x, t_x, T);
	if (cache->horizon != horizon)
	{
		new_generation(cache);
		cache->horizon = horizon;
	}
	if (cache->slots == NULL)
		cache->slots = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(EpSlot) * EP_SLOTS);
	slot = &cache->slots[(uint32) ((mix_bits(T) ^ ((uint64) (uint32) x * UINT64CONST(0xBF58476D1CE4E5B9))
									^ ((uint64) (uint32) n * UINT64CONST(0x94D049BB133111EB))) >> 50) % EP_SLOTS];
	if (slot->gen != cache->gen || slot->x != x || slot->n != n || slot->T != T)
	{
		double		v;

		cf_check_rc(cf_bgnbd_pmf_alive(p, n, horizon, x, T, &v, &err), &err);
		slot->value = v;		/* only now: an error leaves the slot as it was */
		slot->gen = cache->gen;
		slot->x = x;
		slot->n = n;
		slot->T = T;
	}
	return cf_bgnbd_pmf_mix(p, n, x, t_x, T, slot->value);
}

/* Validate a horizon argument (cf_lifetime.h). */
void
cf_bgnbd_check_horizon(double horizon)
{
	if (!(horizon >= 0.0) || isinf(horizon))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid horizon"),
				 errdetail("The horizon must be finite and >= 0, got %g.", horizon),
				 errhint("Pass the length of the window in the model's time unit (0 for none).")));
}

/* Validate the purchase count n of a *_pmf_new (cf_lifetime.h). */
void
cf_bgnbd_check_purchase_count(int32 n)
{
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid purchase count"),
				 errdetail("The number of purchases n must be >= 0, got %d.", n),
				 errhint("P(X = n) is defined for n = 0, 1, 2, ... repeat purchases.")));
}

/* Expected purchases of the customer (x, t_x, T) in horizon, model in argument 0. */
static inline double
score_expected(FunctionCallInfo fcinfo, double horizon, int32 x, double t_x, double T)
{
	BgCache    *cache = model_arg(fcinfo);
	cf_bgnbd_scorer *s = &cache->scorer;

	cf_bgnbd_check_horizon(horizon);
	customer_args_inl(x, t_x, T);
	return p_alive(s, x, t_x, T, true) * expected_alive_cached(fcinfo, cache, s, horizon, x, T);
}

double
cf_bgnbd_score_expected(FunctionCallInfo fcinfo, double horizon, int32 x, double t_x, double T)
{
	return score_expected(fcinfo, horizon, x, t_x, T);
}

/* bgnbd_expected_purchases(model, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_bgnbd_expected_purchases_sql);
Datum
cf_bgnbd_expected_purchases_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(score_expected(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_INT32(2),
									PG_GETARG_FLOAT8(3), PG_GETARG_FLOAT8(4)));
}

/* bgnbd_expected_purchases_new(model, horizon): a customer who just arrived. */
PG_FUNCTION_INFO_V1(cf_bgnbd_expected_purchases_new_sql);
Datum
cf_bgnbd_expected_purchases_new_sql(PG_FUNCTION_ARGS)
{
	BgCache    *cache = model_arg(fcinfo);
	cf_bgnbd_scorer *s = &cache->scorer;
	double		horizon = PG_GETARG_FLOAT8(1);
	double		v;
	cf_error err;

	cf_bgnbd_check_horizon(horizon);
	cf_check_rc(cf_bgnbd_expected_purchases_new(&s->p, horizon, &v, &err), &err);
	PG_RETURN_FLOAT8(v);
}

/* bgnbd_simulate(model, t, seed): one simulated customer (x, t_x). */
PG_FUNCTION_INFO_V1(cf_bgnbd_simulate_sql);
Datum
cf_bgnbd_simulate_sql(PG_FUNCTION_ARGS)
{
	BgCache    *cache = model_arg(fcinfo);
	cf_bgnbd_scorer *s = &cache->scorer;
	double		T = PG_GETARG_FLOAT8(1);
	int64		seed = PG_GETARG_INT64(2);
	int32_t		x;
	double		t_x;
	cf_error err;
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	cf_check_rc(cf_bgnbd_simulate(&s->p, T, (uint64_t) seed, &x, &t_x, &err), &err);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "bgnbd_simulate must return a composite type");
	values[0] = Int32GetDatum(x);
	values[1] = Float8GetDatum(t_x);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* ---------- customer profiles ---------- */

/*
 * x, t_x and T of a profile at as_of in units of unit_days days: the profile
 * glue's own model_summary arithmetic, called directly.  No function or type
 * is looked up by name, so nothing depends on search_path or on the caller's
 * FmgrInfo (Citus's worker_partial_agg gives every row a fresh one, without
 * fn_expr).
 */
static void
profile_summary(Datum profile, Datum as_of, double unit_days, int32 *x, double *t_x, double *T)
{
	cf_profile_model_values((const cf_profile *) PG_DETOAST_DATUM(profile), DatumGetTimestampTz(as_of),
							unit_days, x, t_x, T);
}

/*
 * Transition of bgnbd_fit(customer_profile, as_of [, unit_days]): the
 * profile's (x, t_x, T) at as_of; rows with a NULL are skipped.
 */
PG_FUNCTION_INFO_V1(cf_bgnbd_profile_trans);
Datum
cf_bgnbd_profile_trans(PG_FUNCTION_ARGS)
{
	CfModelState *s;
	cf_bgnbd_entry e;
	cf_error err;
	double		unit = (PG_NARGS() > 3) ? (PG_ARGISNULL(3) ? -1 : PG_GETARG_FLOAT8(3)) : 1.0;
	int32		x;
	double		t_x,
				T;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || (PG_NARGS() > 3 && PG_ARGISNULL(3)))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cf_require_aggregate(fcinfo, "bgnbd");
	profile_summary(PG_GETARG_DATUM(1), PG_GETARG_DATUM(2), unit, &x, &t_x, &T);
	cf_check_rc(cf_bgnbd_make_entry(x, t_x, T, &e, &err), &err);
	s = PG_ARGISNULL(0) ? cf_model_state_new(&bg_type, CF_MODEL_STATE_INITIAL) : PG_GETARG_CF_MODEL_STATE(0);
	PG_RETURN_POINTER(cf_model_state_append(&bg_type, s, &e));
}
