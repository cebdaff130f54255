/*
 * pnbd.c — SQL glue for the Pareto/NBD model: pnbd_fit over a bgnbd_state
 * (and the one-step aggregates over rows and profiles, which share
 * bgnbd_agg's transition), the predictions over (x, t_x, T) and over customer
 * profiles (C, as the BG/NBD's: a LANGUAGE sql body over model_summary() is
 * never inlined), the churn windows (pnbd_p_no_purchase, pnbd_pmf_new,
 * pnbd_pmf) and the simulation.
 *
 * The arithmetic is in core/pnbd.c; this file unpacks, validates, calls and
 * packs.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "access/htup_details.h"
#include "funcapi.h"

#include "pnbd.h"
#include "cf_glue.h"
#include "cf_lifetime.h"
#include "cf_model_state.h"

/* pnbd_fit(bgnbd_state): strict, so a NULL state gives NULL. */
PG_FUNCTION_INFO_V1(cf_pnbd_fit_state);
Datum
cf_pnbd_fit_state(PG_FUNCTION_ARGS)
{
	return cf_lifetime_fit_state(fcinfo, &cf_pnbd_family, PG_GETARG_CF_MODEL_STATE(0));
}

/* Final function of the one-step pnbd_fit aggregates: no customers is an error. */
PG_FUNCTION_INFO_V1(cf_pnbd_fit_final);
Datum
cf_pnbd_fit_final(PG_FUNCTION_ARGS)
{
	return cf_lifetime_fit_final(fcinfo, &cf_pnbd_family);
}

/* ---------- predictions ---------- */

static const char *const pn_fields[] = {"r", "alpha", "s", "beta"};

/*
 * Per-call-site cache: the model, read once per distinct composite, and the
 * scaled ln G of the core (cf_pnbd_log_gs, two 2F1 series or incomplete-beta
 * integrals per customer: nearly all of a prediction's cost) memoised per
 * key (x, y) in a direct-mapped table for the model.  A customer reads the
 * keys (x, t_x) and (x, T); scored customers share few of them (1,000,000
 * simulated customers with times in whole days: about 60,000), and a slot
 * holds the core's value, so every prediction is the core's bit for bit.
 */
#define PN_SLOTS 65536

typedef struct PnSlot
{
	double		y;
	double		lngs;
	int32		x;
	uint32		gen;			/* valid when == cache->gen */
} PnSlot;

typedef struct PnCache
{
	CfModelCache model;
	cf_pnbd_params p;
	uint32		gen;			/* generation of the slots: the model */
	PnSlot	   *slots;
	struct PnAliveSlot *alive;	/* P(n | alive) per (x, T, n, horizon) */
} PnCache;

/* The pnbd_model in argument 0, validated, with its memo (fn_extra). */
static inline PnCache *
model_arg_cache(FunctionCallInfo fcinfo)
{
	PnCache    *cache = (PnCache *) fcinfo->flinfo->fn_extra;
	double		v[4];
	cf_error	err;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(PnCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (!cf_read_model(fcinfo, 0, "pnbd_model", pn_fields, 4, &cache->model, v))
	{
		cf_pnbd_params p = {v[0], v[1], v[2], v[3]};

		if (cf_pnbd_check_params(&p, &err) != CF_OK)
		{
			cache->model.len = 0;	/* never match an invalid model */
			cf_lifetime_report(&err);
		}
		cache->p = p;
		/* the memoised values were for another model; slots of generation 0 never match */
		if (++cache->gen == 0)
		{
			if (cache->slots)
				memset(cache->slots, 0, sizeof(PnSlot) * PN_SLOTS);
			cache->gen = 1;
		}
	}
	return cache;
}

/* The pnbd_model in argument 0, validated. */
static inline const cf_pnbd_params *
model_arg(FunctionCallInfo fcinfo)
{
	return &model_arg_cache(fcinfo)->p;
}

/* cf_pnbd_log_gs(model, x, y) through the memo; its errors raised. */
static double
log_gs_cached(PnCache *cache, int32 x, double y, MemoryContext mcxt)
{
	PnSlot	   *slot;
	double		v;
	cf_error	err;

	if (cache->slots == NULL)
		cache->slots = MemoryContextAllocZero(mcxt, sizeof(PnSlot) * PN_SLOTS);
	slot = &cache->slots[(cf_memo_key_bits(x, 0, y) >> 40) % PN_SLOTS];
	if (slot->gen == cache->gen && slot->x == x && slot->y == y)
		return slot->lngs;
	cf_check_rc(cf_pnbd_log_gs(&cache->p, (double) x, y, &v, &err), &err);
	slot->gen = cache->gen;
	slot->x = x;
	slot->y = y;
	slot->lngs = v;
	return v;
}

/* ln odds of "gone" of a validated customer, from the memoised ln G keys. */
static double
dropout_logit(FunctionCallInfo fcinfo, PnCache *cache, int32 x, double t_x, double T)
{
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	double		gt = log_gs_cached(cache, x, t_x, mcxt);
	double		gT = (t_x == T) ? gt : log_gs_cached(cache, x, T, mcxt);

	return cf_pnbd_dropout_logit_gs(&cache->p, x, T, gt, gT);
}

/*
 * P(alive) of a validated customer with the model in argument 0: the value
 * of cf_pnbd_p_alive (cf_pnbd_p_alive_gs is the same inv1pexp of this logit).
 */
static double
p_alive(FunctionCallInfo fcinfo, PnCache *cache, int32 x, double t_x, double T)
{
	return cf_inv1pexp(dropout_logit(fcinfo, cache, x, t_x, T));
}

/* Expected purchases in the horizon (checked) of a validated customer. */
static double
expected(FunctionCallInfo fcinfo, PnCache *cache, double horizon, int32 x,
		 double t_x, double T)
{
	double		v;
	cf_error	err;

	cf_check_rc(cf_pnbd_expected_purchases_pa(&cache->p, horizon, x, T,
											  p_alive(fcinfo, cache, x, t_x, T),
											  &v, &err), &err);
	return v;
}

/* pnbd_p_alive(model, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_pnbd_p_alive_sql);
Datum
cf_pnbd_p_alive_sql(PG_FUNCTION_ARGS)
{
	PnCache    *cache = model_arg_cache(fcinfo);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_customer_arg(fcinfo, 1, &x, &t_x, &T);
	PG_RETURN_FLOAT8(p_alive(fcinfo, cache, x, t_x, T));
}

/* pnbd_expected_purchases(model, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_pnbd_expected_purchases_sql);
Datum
cf_pnbd_expected_purchases_sql(PG_FUNCTION_ARGS)
{
	PnCache    *cache = model_arg_cache(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_check_horizon(horizon);
	cf_bgnbd_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(expected(fcinfo, cache, horizon, x, t_x, T));
}

/*
 * pnbd_p_alive(model, profile, as_of, unit_days).  The profile forms check
 * their arguments in the BG/NBD profile forms' order: the profile at as_of
 * (model_summary's errors), then the model, then the horizon.
 */
PG_FUNCTION_INFO_V1(cf_pnbd_p_alive_profile);
Datum
cf_pnbd_p_alive_profile(PG_FUNCTION_ARGS)
{
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 1, &x, &t_x, &T);
	PG_RETURN_FLOAT8(p_alive(fcinfo, model_arg_cache(fcinfo), x, t_x, T));
}

/* pnbd_expected_purchases(model, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_pnbd_expected_purchases_profile);
Datum
cf_pnbd_expected_purchases_profile(PG_FUNCTION_ARGS)
{
	double		horizon = PG_GETARG_FLOAT8(1);
	PnCache    *cache;
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 2, &x, &t_x, &T);
	cache = model_arg_cache(fcinfo);
	cf_bgnbd_check_horizon(horizon);
	PG_RETURN_FLOAT8(expected(fcinfo, cache, horizon, x, t_x, T));
}

/* pnbd_expected_purchases_new(model, horizon) */
PG_FUNCTION_INFO_V1(cf_pnbd_expected_purchases_new_sql);
Datum
cf_pnbd_expected_purchases_new_sql(PG_FUNCTION_ARGS)
{
	const cf_pnbd_params *p = model_arg(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	double		v;
	cf_error err;

	cf_bgnbd_check_horizon(horizon);
	cf_check_rc(cf_pnbd_expected_purchases_new(p, horizon, &v, &err), &err);
	PG_RETURN_FLOAT8(v);
}

/* pnbd_simulate(model, t, seed): one simulated customer (x, t_x). */
PG_FUNCTION_INFO_V1(cf_pnbd_simulate_sql);
Datum
cf_pnbd_simulate_sql(PG_FUNCTION_ARGS)
{
	const cf_pnbd_params *p = model_arg(fcinfo);
	double		T = PG_GETARG_FLOAT8(1);
	int64		seed = PG_GETARG_INT64(2);
	int32_t		x;
	double		t_x;
	cf_error err;
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	cf_check_rc(cf_pnbd_simulate(p, T, (uint64_t) seed, &x, &t_x, &err), &err);
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "pnbd_simulate must return a composite type");
	values[0] = Int32GetDatum(x);
	values[1] = Float8GetDatum(t_x);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* P(alive) of (x, t_x, T) under the model in argument 0: the path's rows. */
static double
p_alive_at(FunctionCallInfo fcinfo, int32 x, double t_x, double T)
{
	return p_alive(fcinfo, model_arg_cache(fcinfo), x, t_x, T);
}

/* pnbd_p_alive_path(model, profile, as_of, step, unit_days) */
PG_FUNCTION_INFO_V1(cf_pnbd_p_alive_path);
Datum
cf_pnbd_p_alive_path(PG_FUNCTION_ARGS)
{
	return cf_lifetime_p_alive_path(fcinfo, "pnbd_p_alive_path", p_alive_at);
}

/* ---------- churn windows (derivation in core/pnbd.h) ---------- */

/*
 * P(n purchases in the horizon | alive at T after x purchases) depends on
 * (x, T, n, horizon) only and costs two more 2F1 evaluations (n = 0) or an
 * integral (n >= 1), while scored customers share few (x, T): the scoring
 * path memoises it beside ln G, in a direct-mapped table of the model's
 * generation keyed by (x, T, n, horizon) (65,536 slots, as the ln G memo:
 * tens of thousands of keys per horizon and n); a slot holds the core's value.
 */
#define PN_ALIVE_SLOTS 65536

typedef struct PnAliveSlot
{
	double		T;
	double		horizon;
	double		value;
	int32		x;
	int32		n;
	uint32		gen;			/* valid when == cache->gen */
} PnAliveSlot;

static double
pmf_alive_cached(FunctionCallInfo fcinfo, PnCache *cache, int32 n, double horizon,
				 int32 x, double T)
{
	PnAliveSlot *slot;
	double		v;
	cf_error	err;

	if (cache->alive == NULL)
		cache->alive = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
											  sizeof(PnAliveSlot) * PN_ALIVE_SLOTS);
	slot = &cache->alive[(cf_memo_key_bits(x, n, T) >> 40) % PN_ALIVE_SLOTS];
	if (slot->gen == cache->gen && slot->x == x && slot->n == n && slot->T == T &&
		slot->horizon == horizon)
		return slot->value;
	cf_check_rc(cf_pnbd_pmf_alive(&cache->p, n, horizon, x, T, &v, &err), &err);
	slot->gen = cache->gen;
	slot->x = x;
	slot->n = n;
	slot->T = T;
	slot->horizon = horizon;
	slot->value = v;
	return v;
}

/* P(no purchase in the horizon) of a validated customer: cf_pnbd_p_no_purchase's value. */
static double
p_no_purchase(FunctionCallInfo fcinfo, PnCache *cache, double horizon, int32 x,
			  double t_x, double T)
{
	return cf_pmf_mix(0, dropout_logit(fcinfo, cache, x, t_x, T),
					  pmf_alive_cached(fcinfo, cache, 0, horizon, x, T));
}

/* pnbd_p_no_purchase(model, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_pnbd_p_no_purchase_sql);
Datum
cf_pnbd_p_no_purchase_sql(PG_FUNCTION_ARGS)
{
	PnCache    *cache = model_arg_cache(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_check_horizon(horizon);
	cf_bgnbd_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(p_no_purchase(fcinfo, cache, horizon, x, t_x, T));
}

/* pnbd_p_no_purchase(model, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_pnbd_p_no_purchase_profile);
Datum
cf_pnbd_p_no_purchase_profile(PG_FUNCTION_ARGS)
{
	PnCache    *cache = model_arg_cache(fcinfo);
	double		horizon = PG_GETARG_FLOAT8(1);
	int32		x;
	double		t_x,
				T;

	cf_bgnbd_check_horizon(horizon);
	cf_profile_customer_arg(fcinfo, 2, &x, &t_x, &T);
	PG_RETURN_FLOAT8(p_no_purchase(fcinfo, cache, horizon, x, t_x, T));
}

/* pnbd_pmf_new(model, n, horizon): P(X(horizon) = n) of a new customer. */
PG_FUNCTION_INFO_V1(cf_pnbd_pmf_new_sql);
Datum
cf_pnbd_pmf_new_sql(PG_FUNCTION_ARGS)
{
	const cf_pnbd_params *p = model_arg(fcinfo);
	int32		n = PG_GETARG_INT32(1);
	double		horizon = PG_GETARG_FLOAT8(2);
	double		v;
	cf_error	err;

	cf_bgnbd_check_purchase_count(n);
	cf_bgnbd_check_horizon(horizon);
	cf_check_rc(cf_pnbd_pmf_new(p, n, horizon, &v, &err), &err);
	PG_RETURN_FLOAT8(v);
}

/* P(n purchases in the horizon | x, t_x, T), validated here: cf_pnbd_pmf's value. */
static double
conditional_pmf(FunctionCallInfo fcinfo, PnCache *cache, int32 n, double horizon,
				int32 x, double t_x, double T)
{
	cf_bgnbd_check_purchase_count(n);
	cf_bgnbd_check_horizon(horizon);
	cf_bgnbd_customer_args(x, t_x, T);
	return cf_pmf_mix(n, dropout_logit(fcinfo, cache, x, t_x, T),
					  pmf_alive_cached(fcinfo, cache, n, horizon, x, T));
}

/* pnbd_pmf(model, n, horizon, x, t_x, T) */
PG_FUNCTION_INFO_V1(cf_pnbd_pmf_sql);
Datum
cf_pnbd_pmf_sql(PG_FUNCTION_ARGS)
{
	PnCache    *cache = model_arg_cache(fcinfo);

	PG_RETURN_FLOAT8(conditional_pmf(fcinfo, cache, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2),
									 PG_GETARG_INT32(3), PG_GETARG_FLOAT8(4), PG_GETARG_FLOAT8(5)));
}

/* pnbd_pmf(model, n, horizon, profile, as_of, unit_days) */
PG_FUNCTION_INFO_V1(cf_pnbd_pmf_profile);
Datum
cf_pnbd_pmf_profile(PG_FUNCTION_ARGS)
{
	PnCache    *cache = model_arg_cache(fcinfo);
	int32		x;
	double		t_x,
				T;

	cf_profile_customer_arg(fcinfo, 3, &x, &t_x, &T);
	PG_RETURN_FLOAT8(conditional_pmf(fcinfo, cache, PG_GETARG_INT32(1), PG_GETARG_FLOAT8(2), x, t_x, T));
}
