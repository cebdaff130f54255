/*
 * cf_lifetime.h — glue shared by the customer-lifetime models (bgnbd.c,
 * mbgnbd.c, gamma_gamma.c, clv.c, lifetime.c): error reporting of core codes,
 * reading model composites with a per-call-site cache, and the fit of a
 * family of core/lifetime.h.
 */
#ifndef CF_LIFETIME_H
#define CF_LIFETIME_H

#include "cf_compat.h"		/* first: postgres.h and the majors' differences */
#include "fmgr.h"
#include "utils/timestamp.h"

#include "cf_glue.h"

#include "bgnbd.h"
#include "clv.h"
#include "gamma_gamma.h"
#include "lifetime.h"

/* Raise the core error err with its SQLSTATE (class 22, or 53200). */
CF_NORETURN extern void cf_lifetime_report(const cf_error *err);

/*
 * The first nfields (<= 8) float8 fields of the composite in argument argno,
 * which must be of type typname.  Cached by the bytes of the composite in
 * *cache (allocated in fn_mcxt) so a constant model is read once per query.
 * Raises 22004 for a NULL field.  Returns true when the values came from
 * the cache (the same model as the previous call).
 */
typedef struct CfModelCache
{
	Size		len;
	char	   *bytes;
	double		vals[8];
} CfModelCache;

extern bool cf_read_model(FunctionCallInfo fcinfo, int argno, const char *typname,
						  const char *const *fieldnames, int nfields,
						  CfModelCache *cache, double *vals);

/* bgnbd_state's type (bgnbd.c), also fitted by mbgnbd_fit and pnbd_fit. */
struct CfModelStateType;
extern const struct CfModelStateType *const cf_bgnbd_type;
/* gamma_gamma_state's type (gamma_gamma.c), read by model_parameters. */
extern const struct CfModelStateType *const cf_gamma_gamma_type;

/*
 * <family>_fit over a bgnbd_state (strict: never NULL) and the final function
 * of the one-step <family>_fit aggregates (a NULL state, no customers, is a
 * 22023), returning the family's composite <family>_model; a WARNING when the
 * fit is not converged (lifetime.c).
 */
struct CfModelState;
extern Datum cf_lifetime_fit_state(FunctionCallInfo fcinfo, const cf_lifetime_family *f,
								   const struct CfModelState *s);
extern Datum cf_lifetime_fit_final(FunctionCallInfo fcinfo, const cf_lifetime_family *f);

/*
 * (x, t_x, T) of the customer_profile in argument argno at the as_of in
 * argno + 1, in units of the unit_days in argno + 2 (model_summary's
 * arithmetic and errors): the profile forms of the predictions.
 */
static inline void
cf_profile_customer_arg(FunctionCallInfo fcinfo, int argno, int32 *x, double *t_x, double *T)
{
	cf_profile_model_values(PG_GETARG_PROFILE(argno), PG_GETARG_TIMESTAMPTZ(argno + 1),
							PG_GETARG_FLOAT8(argno + 2), x, t_x, T);
}

/*
 * The customer (x, t_x, T) given as arguments argno.. of a prediction,
 * validated as bgnbd_agg would (bgnbd.c).
 */
extern void cf_bgnbd_customer_arg(FunctionCallInfo fcinfo, int argno, int32 *x, double *t_x, double *T);

/* The gamma_gamma_model in argument argno, validated (gamma_gamma.c). */
extern cf_gamma_gamma_params cf_gamma_gamma_model_arg(FunctionCallInfo fcinfo, int argno, CfModelCache *cache);

/*
 * BG/NBD scoring with the bgnbd_model in argument 0 through bgnbd.c's
 * per-call-site cache (the same values, bit for bit, as the scalar forms):
 * the profile forms and churn windows of bgnbd_profile.c call these.
 */
extern const cf_bgnbd_scorer *cf_bgnbd_model_scorer(FunctionCallInfo fcinfo);
extern double cf_bgnbd_score_p_alive(FunctionCallInfo fcinfo, int32 x, double t_x, double T);
extern double cf_bgnbd_score_expected(FunctionCallInfo fcinfo, double horizon,
									  int32 x, double t_x, double T);
/* bgnbd_pmf: n, horizon and the customer validated, P(n | alive) memoised. */
extern double cf_bgnbd_score_pmf(FunctionCallInfo fcinfo, int32 n, double horizon,
								 int32 x, double t_x, double T);
/*
 * <model>_p_alive_path(model, profile, as_of, step, unit_days), the rows
 * (day, p_alive) of every family (bgnbd_profile.c): p_alive gives P(alive)
 * of (x, t_x, T) under the model in argument 0 (the family's scalar form,
 * through its per-call-site cache); fname names the function in errors.
 */
typedef double (*cf_p_alive_fn) (FunctionCallInfo fcinfo, int32 x, double t_x, double T);
extern Datum cf_lifetime_p_alive_path(FunctionCallInfo fcinfo, const char *fname,
									  cf_p_alive_fn p_alive);

/*
 * The slot bits of a scoring memo's key (x, n, y) (mbgnbd.c, pnbd.c: direct-
 * mapped tables indexed by the top bits): y's bits, +0 for -0, mixed with x
 * and n.  Only where a value lands depends on it; a slot holds the exact value.
 */
static inline uint64
cf_memo_key_bits(int32 x, int32 n, double y)
{
	uint64		bits;

	y += 0.0;
	memcpy(&bits, &y, sizeof(bits));
	bits ^= (uint64) (uint32) x * UINT64CONST(0x9E3779B97F4A7C15);
	bits ^= (uint64) (uint32) n * UINT64CONST(0x94D049BB133111EB);
	bits ^= bits >> 29;
	return bits * UINT64CONST(0xBF58476D1CE4E5B9);
}

/* 22023 for a horizon that is negative, infinite or NaN, naming it. */
extern void cf_bgnbd_check_horizon(double horizon);
/* 22023 for a negative purchase count n, naming it. */
extern void cf_bgnbd_check_purchase_count(int32 n);
/* 22023 for an invalid customer (x, t_x, T), saying what is wrong. */
extern void cf_bgnbd_customer_args(int32 x, double t_x, double T);

#endif
