/*
 * mbgnbd.c — SQL glue for the MBG/NBD model: mbgnbd_fit over a bgnbd_state
 * (and the one-step aggregates over rows and profiles, which share
 * bgnbd_agg's transition), the predictions over (x, t_x, T) and over
 * customer profiles (C, as the BG/NBD's: a LANGUAGE sql body over
 * model_summary() is never inlined), the churn windows (mbgnbd_p_no_purchase,
 * mbgnbd_pmf_new, mbgnbd_pmf) and the simulation.
 *
 * The arithmetic is in core/mbgnbd.c; this file unpacks, validates, calls and
 * packs.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "access/htup_details.h"
#include "funcapi.h"

#include "mbgnbd.h"
#include "cf_glue.h"
#include "cf_lifetime.h"
#include "cf_model_state.h"

/* mbgnbd_fit(bgnbd_state): strict, so a NULL state gives NULL. */
PG_FUNCTION_INFO_V1(cf_mbgnbd_fit_state);
Datum
cf_mbgnbd_fit_state(PG_FUNCTION_ARGS)
{
	return cf_lifetime_fit_state(fcinfo, &cf_mbgnbd_family, PG_GETARG_CF_MODEL_STATE(0));
}

/* Final function of the one-step mbgnbd_fit aggregates: no customers is an error. */
PG_FUNCTION_INFO_V1(cf_mbgnbd_fit_final);
Datum
cf_mbgnbd_fit_final(PG_FUNCTION_ARGS)
{
	return cf_lifetime_fit_final(fcinfo, &cf_mbgnbd_family);
}

/* ---------- predictions ---------- */

static const char *const mbg_fields[] = {"r", "alpha", "a", "b"};

/*
 * Per-call-site cache: the model, read once per distinct composite, and
 * E[Y(horizon) | alive, x, T] memoised in a direct-mapped table on (x, T) for
 * the model and horizon (scored customers share few (x, T) pairs; each value
 * is the core's, bit for bit).
 */
#define MBG_SLOTS 32768

typedef struct MbgSlot
{
	double		T;
	double		value;
	int32		x;
	int32		n;				/* mbgnbd_pmf's purchase count (0 elsewhere) */
	uint32		gen;			/* valid when == cache->gen */
} MbgSlot;

typedef struct MbgCache
{
	CfModelCache model;
	cf_mbgnbd_params p;
	uint32		gen;			/* generation of the slots: model and horizon */
	double		horizon;
	MbgSlot	   *slots;
} MbgCache;

/* The mbgnbd_model in argument 0, validated. */
static inline const cf_mbgnbd_params *
model_arg(FunctionCallInfo fcinfo)
{
	MbgCache   *cache = (MbgCache *) fcinfo->flinfo->fn_extra;
	double		v[4];
	cf_error	err;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MbgCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (!cf_read_model(fcinfo, 0, "mbgnbd_model", mbg_fields, 4, &cache->model, v))
	{
		cf_mbgnbd_params p = {v[0], v[1], v[2], v[3]};

		if (cf_mbgnbd_check_params(&p, &err) != CF_OK)
		{
			cache->model.len = 0;	/* never match an invalid model */
			cf_lifetime_report(&err);
		}
		cache->p = p;
		cache->gen++;			/* the memoised expectations were for another model */
	}
	return &cache->p;
}

/*
 * The memo slot of (x, T, n) for the model in the cache and this horizon
 * (a new horizon starts a new generation); *hit when it holds the value.
 * n is mbgnbd_pmf's purchase count, 0 for the expectation (a call site
 * calls one function).
 */
static MbgSlot *
memo_slot(FunctionCallInfo fcinfo, double horizon, int32 x, double T, int32 n, bool *hit)
{
	MbgCache   *cache = (MbgCache *) fcinfo->flinfo->fn_extra;
	MbgSlot    *slot;

	if (cache->horizon != horizon || cache->gen == 0)
	{
		cache->horizon = horizon;
		cache->gen++;
	}
	if (cache->gen == 0)
		cache->gen = 1;			/* wrapped: slots of generation 0 never match */
	if (cache->slots == NULL)
		cache->slots = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(MbgSlot) * MBG_SLOTS);
	slot = &cache->slots[(cf_memo_key_bits(x, n, T) >> 40) % MBG_SLOTS];
	*hit = slot->gen == cache->gen && slot->x == x && slot->n == n && slot->T == T;
	return slot;
}

/* Store v in the slot for (x, T, n) of this generation. */
static inline double
memo_store(FunctionCallInfo fcinfo, MbgSlot *slot, int32 x, double T, int32 n, double v)
{
	slot->gen = ((MbgCache *) fcinfo->flinfo->fn_extra)->gen;
	slot->x = x;
	slot->n = n;
	slot->T = T;
	slot->value = v;
	return v;
}

/* E[Y(horizon) | alive, x, T] of the model in the cache, memoised. */
static double
expected_alive_cached(FunctionCallInfo fcinfo, double horizon, int32 x, double T)
{
	MbgCache   *cache = (MbgCache *) fcinfo->flinfo->fn_extra;
	bool		hit;
	MbgSlot    *slot = memo_slot(fcinfo, horizon, x, T, 0, &hit);
	double		v;
	cf_error	err;

	if (hit)
		return slot->value;
	cf_check_rc(cf_mbgnbd_expected_purchases_alive(&cache->p, horizon, x, T, &v, &err), &err);
	return memo_store(fcinfo, slot, x, T, 0, v);
}

/* mbgnbd_p_alive(model, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_p_alive_sql);
Datum
cf_mbgnbd_p_alive_sql(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_customer_arg(fcinfo, 1, &x, &t_x, &T);
	PG_RETURN_FLOAT8(cf_mbgnbd_p_alive(p, x, t_x, T));
}

/* mbgnbd_p_alive(model, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_p_alive_profile);
Datum
cf_mbgnbd_p_alive_profile(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 1, &x, &t_x, &T);
	PG_RETURN_FLOAT8(cf_mbgnbd_p_alive(p, x, t_x, T));
}

/* P(alive) of (x, t_x, T) under the model in argument 0: the path's rows. */
static double
p_alive_at(FunctionCallInfo fcinfo, int32 x, double t_x, double T)
{
	return cf_mbgnbd_p_alive(model_arg(fcinfo), x, t_x, T);
}

/* mbgnbd_p_alive_path(model, profile, as_of, step, unit_days) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_p_alive_path);
Datum
cf_mbgnbd_p_alive_path(PG_FUNCTION_ARGS)
{
	return cf_lifetime_p_alive_path(fcinfo, "mbgnbd_p_alive_path", p_alive_at);
}

/* P(alive) times E[Y | alive], as cf_mbgnbd_expected_purchases. */
static inline double
expected(FunctionCallInfo fcinfo, const cf_mbgnbd_params *p, double horizon,
		 int32 x, double t_x, double T)
{
	return cf_mbgnbd_p_alive(p, x, t_x, T) * expected_alive_cached(fcinfo, horizon, x, T);
}

/* mbgnbd_expected_purchases(model, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_expected_purchases_sql);
Datum
cf_mbgnbd_expected_purchases_sql(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_check_horizon(horizon);
	cf_bgnbd_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(expected(fcinfo, p, horizon, x, t_x, T));
}

/* mbgnbd_expected_purchases(model, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_expected_purchases_profile);
Datum
cf_mbgnbd_expected_purchases_profile(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_check_horizon(horizon);
	cf_profile_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(expected(fcinfo, p, horizon, x, t_x, T));
}

/* mbgnbd_p_no_purchase(model, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_p_no_purchase_sql);
Datum
cf_mbgnbd_p_no_purchase_sql(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_check_horizon(horizon);
	cf_bgnbd_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(cf_mbgnbd_p_no_purchase_ok(p, horizon, x, t_x, T));
}

/* mbgnbd_p_no_purchase(model, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_p_no_purchase_profile);
Datum
cf_mbgnbd_p_no_purchase_profile(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_check_horizon(horizon);
	cf_profile_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(cf_mbgnbd_p_no_purchase_ok(p, horizon, x, t_x, T));
}

/* mbgnbd_pmf_new(model, n, horizon): P(X(horizon) = n) of a new customer. */
PG_FUNCTION_INFO_V1(cf_mbgnbd_pmf_new_sql);
Datum
cf_mbgnbd_pmf_new_sql(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	int32		n = PG_GETARG_INT32(1);
	double		horizon = PG_GETARG_FLOAT8(2);
	double		v;
	cf_error	err;

	cf_bgnbd_check_purchase_count(n);
	cf_bgnbd_check_horizon(horizon);
	cf_check_rc(cf_mbgnbd_pmf_new(p, n, horizon, &v, &err), &err);
	PG_RETURN_FLOAT8(v);
}

/*
 * P(n purchases in the horizon | x, t_x, T), validated here (derivation in
 * core/mbgnbd.h): P(n | alive, x, T) memoised, mixed with P(alive) as
 * cf_mbgnbd_pmf does, bit for bit.
 */
static double
conditional_pmf(FunctionCallInfo fcinfo, const cf_mbgnbd_params *p, int32 n, double horizon,
				int32 x, double t_x, double T)
{
	bool		hit;
	MbgSlot    *slot;
	double		v;
	cf_error	err;

	cf_bgnbd_check_purchase_count(n);
	cf_bgnbd_check_horizon(horizon);
	cf_bgnbd_customer_args(x, t_x, T);
	slot = memo_slot(fcinfo, horizon, x, T, n, &hit);
	if (hit)
		v = slot->value;
	else
	{
		cf_check_rc(cf_mbgnbd_pmf_alive(p, n, horizon, x, T, &v, &err), &err);
		memo_store(fcinfo, slot, x, T, n, v);
	}
	return cf_mbgnbd_pmf_mix(p, n, x, t_x, T, v);
}

/* mbgnbd_pmf(model, n, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_pmf_sql);
Datum
cf_mbgnbd_pmf_sql(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);

	PG_RETURN_FLOAT8(conditional_pmf(fcinfo, p, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2),
									 PG_GETARG_INT32(3), PG_GETARG_FLOAT8(4), PG_GETARG_FLOAT8(5)));
}

/* mbgnbd_pmf(model, n, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_pmf_profile);
Datum
cf_mbgnbd_pmf_profile(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 3, &x, &t_x, &T);
	PG_RETURN_FLOAT8(conditional_pmf(fcinfo, p, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2), x, t_x, T));
}

/* mbgnbd_expected_purchases_new(model, horizon) */
PG_FUNCTION_INFO_V1(cf_mbgnbd_expected_purchases_new_sql);
Datum
cf_mbgnbd_expected_purchases_new_sql(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	double		v;
	cf_error	err;

	cf_bgnbd_check_horizon(horizon);
	cf_check_rc(cf_mbgnbd_expected_purchases_new(p, horizon, &v, &err), &err);
	PG_RETURN_FLOAT8(v);
}

/* mbgnbd_simulate(model, t, seed): one simulated customer (x, t_x). */
PG_FUNCTION_INFO_V1(cf_mbgnbd_simulate_sql);
Datum
cf_mbgnbd_simulate_sql(PG_FUNCTION_ARGS)
{
	const cf_mbgnbd_params *p = model_arg(fcinfo);
	double		T = PG_GETARG_FLOAT8(1);
	int64		seed = PG_GETARG_INT64(2);
	int32_t		x;
	double		t_x;
	cf_error	err;
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	cf_check_rc(cf_mbgnbd_simulate(p, T, (uint64_t) seed, &x, &t_x, &err), &err);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "mbgnbd_simulate must return a composite type");
	values[0] = Int32GetDatum(x);
	values[1] = Float8GetDatum(t_x);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
