/*
 * holdout.c — SQL glue of holdout validation (core/holdout.c): the
 * calibration / holdout split of a customer profile (calibration_holdout),
 * the holdout_state type, holdout_agg and its accessors.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "holdout.h"
#include "interrupt.h"

#define HOLDOUT_TYPNAME "holdout_state"
#define PG_GETARG_HOLDOUT(n) ((cf_holdout_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Sets the varlena length of a state block. */
static cf_holdout_state *
sized(cf_holdout_state *s)
{
	SET_VARSIZE(s, cf_holdout_size(s->row_cap, s->bin_cap));
	return s;
}

/* Raises the error of a core return code (CF_EINVAL is checked before). */
static void
core_error(int rc)
{
	if (rc == CF_OK)
		return;
	if (rc == CF_ENOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("holdout_state out of range"),
			 errdetail("A customer count would exceed 2^63 - 1.")));
}

/* ---------- the calibration / holdout split ---------- */

/* The local day of ts in the profile's zone; 22008 when ts is infinite (what names it). */
static int32
profile_day(const cf_profile *p, TimestampTz ts, const char *what)
{
	int32		day;

	cf_check_finite_ts(ts, what);
	if (!cf_zone_as_of_day(cf_profile_zone(p), p->zone_len, ts, &day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%.*s\" of the customer profile is not recognized",
						p->zone_len, cf_profile_zone(p))));
	return day;
}

/* days / unit as float8; 22003 when it overflows. */
static double
in_units(int32 days, double unit)
{
	double		v = days / unit;

	if (isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("unit_days is too small for this history"),
				 errdetail("%d days in units of %s days overflow double precision.", days, cf_double_text(unit))));
	return v;
}

/*
 * calibration_holdout(profile, calibration_end, observation_end, unit_days):
 * (x, t_x, t) as model_summary gives them at calibration_end for the purchase
 * days up to its local day, the purchase days after it up to observation_end's
 * local day and that period's length; NULL when the first purchase day is
 * after calibration_end's.
 */
PG_FUNCTION_INFO_V1(cf_holdout_calibration);
Datum
cf_holdout_calibration(PG_FUNCTION_ARGS)
{
	cf_profile *p = PG_GETARG_PROFILE(0);
	TimestampTz cal = PG_GETARG_TIMESTAMPTZ(1),
				obs = PG_GETARG_TIMESTAMPTZ(2);
	double		unit = PG_GETARG_FLOAT8(3);
	cf_holdout_split s;
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (!(unit > 0) || isinf(unit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit_days must be a positive finite number"),
				 errdetail("The value given is %s.", cf_double_text(unit)),
				 errhint("Use 1 for days, 7 for weeks.")));
	if (obs < cal)
	{
		char	   *cal_text = pstrdup(timestamptz_to_str(cal));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("observation_end is before calibration_end"),
				 errdetail("calibration_end is %s, observation_end is %s.", cal_text, timestamptz_to_str(obs)),
				 errhint("The holdout period runs from calibration_end to observation_end.")));
	}
	if (!cf_holdout_split_profile(p, profile_day(p, cal, "calibration_end"),
								  profile_day(p, obs, "observation_end"), &s))
		PG_RETURN_NULL();
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Int32GetDatum(s.x);
	values[1] = Float8GetDatum(in_units(s.t_x, unit));
	values[2] = Float8GetDatum(in_units(s.t, unit));
	values[3] = Int32GetDatum(s.x_holdout);
	values[4] = Float8GetDatum(in_units(s.holdout, unit));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* ---------- holdout_agg ---------- */

/* 22023/22003 naming the argument and the value when a row is not acceptable. */
static void
check_row(int64 x, double expected, double actual, bool has_p, double p_any)
{
	const char *what = cf_holdout_row_problem(x, expected, actual, has_p, p_any);
	double		v;

	if (what == NULL)
		return;
	if (strcmp(what, "x") == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("calibration purchase count x %lld is negative", (long long) x),
				 errdetail("x counts repeat purchases in the calibration period: 0 or more."),
				 errhint("Pass x from model_summary or calibration_holdout.")));
	v = strcmp(what, "expected") == 0 ? expected : strcmp(what, "actual") == 0 ? actual : p_any;
	if (strcmp(what, "p_any") == 0)
		ereport(ERROR,
				(errcode(isnan(v) ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("p_any %s is not a probability", cf_double_text(v)),
				 errdetail("p_any, the predicted probability of a purchase in the holdout period, must be from 0 to 1."),
				 errhint("Pass NULL for a customer without a prediction: the row is then skipped.")));
	ereport(ERROR,
			(errcode(isfinite(v) ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s value %s is not a usable purchase count", what, cf_double_text(v)),
			 errdetail("%s must be a finite number from -1e+09 to 1e+09.", what),
			 errhint("Fix or filter the rows with this value (NaN and infinity are not predictions).")));
}

/*
 * One row of holdout_agg: a row with any NULL argument is skipped (as
 * PostgreSQL's multi-argument aggregates do), so is, in the p_any form, a
 * row whose p_any is NULL.
 */
static Datum
holdout_step(FunctionCallInfo fcinfo, bool has_p)
{
	cf_holdout_state *s;
	int64		x;
	double		expected,
				actual,
				p_any = 0;
	int			rc;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || (has_p && PG_ARGISNULL(4)))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cf_require_aggregate(fcinfo, "holdout");
	x = PG_GETARG_INT64(1);
	expected = PG_GETARG_FLOAT8(2);
	actual = PG_GETARG_FLOAT8(3);
	if (has_p)
		p_any = PG_GETARG_FLOAT8(4);
	check_row(x, expected, actual, has_p, p_any);
	if (PG_ARGISNULL(0))
		s = cf_holdout_new(4, has_p ? 4 : 0, &cf_pg_allocator);
	else
		s = (cf_holdout_state *) PG_GETARG_POINTER(0);
	rc = cf_holdout_add(&s, x, expected, actual, has_p, p_any, &cf_pg_allocator);
	core_error(rc);
	PG_RETURN_POINTER(sized(s));
}

PG_FUNCTION_INFO_V1(cf_holdout_trans);
Datum
cf_holdout_trans(PG_FUNCTION_ARGS)
{
	return holdout_step(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cf_holdout_trans_p);
Datum
cf_holdout_trans_p(PG_FUNCTION_ARGS)
{
	return holdout_step(fcinfo, true);
}

/* Combine and rollup: state0 += state1 (strict; the executor handles NULL states). */
PG_FUNCTION_INFO_V1(cf_holdout_combine);
Datum
cf_holdout_combine(PG_FUNCTION_ARGS)
{
	cf_holdout_state *dst = PG_GETARG_HOLDOUT(0);
	cf_holdout_state *src = PG_GETARG_HOLDOUT(1);

	if (!CF_IN_AGGREGATE(fcinfo))
		dst = cf_copy_varlena(dst);
	core_error(cf_holdout_merge(&dst, src, &cf_pg_allocator));
	PG_RETURN_POINTER(sized(dst));
}

/* Final function: the state without spare room (what is stored and sent). */
PG_FUNCTION_INFO_V1(cf_holdout_final);
Datum
cf_holdout_final(PG_FUNCTION_ARGS)
{
	cf_holdout_state *s;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = PG_GETARG_HOLDOUT(0);
	if (s->nrows == s->row_cap && s->nbins == s->bin_cap)
		PG_RETURN_POINTER(s);
	PG_RETURN_POINTER(sized(cf_holdout_compact(s, &cf_pg_allocator)));
}

/* ---------- input and output ---------- */

PG_FUNCTION_INFO_V1(holdout_state_in);
Datum
holdout_state_in(PG_FUNCTION_ARGS)
{
	char	   *text = PG_GETARG_CSTRING(0);
	cf_error	why;
	cf_holdout_state *s;

	cf_check_parse(cf_holdout_parse(text, &cf_pg_allocator, &s, &why), &why, HOLDOUT_TYPNAME, text);
	PG_RETURN_POINTER(sized(s));
}

PG_FUNCTION_INFO_V1(holdout_state_out);
Datum
holdout_state_out(PG_FUNCTION_ARGS)
{
	cf_holdout_state *s = PG_GETARG_HOLDOUT(0);
	size_t		len = cf_holdout_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_holdout_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

static void
send_sum(StringInfo buf, cf_holdout_sum f)
{
	pq_sendfloat8(buf, f.hi);
	pq_sendfloat8(buf, f.lo);
}

static cf_holdout_sum
recv_sum(StringInfo buf)
{
	cf_holdout_sum f;

	/* -0 reads as 0, as in the text form: one value, one binary form */
	f.hi = pq_getmsgfloat8(buf) + 0.0;
	f.lo = pq_getmsgfloat8(buf) + 0.0;
	return f;
}

/* Binary form: version byte, row and bin counts, the four sums, rows, bins. */
PG_FUNCTION_INFO_V1(holdout_state_send);
Datum
holdout_state_send(PG_FUNCTION_ARGS)
{
	cf_holdout_state *s = PG_GETARG_HOLDOUT(0);
	const cf_holdout_row *r = cf_holdout_rows_c(s);
	const cf_holdout_bin *b = cf_holdout_bins_c(s);
	StringInfoData buf;
	int32		i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, CF_HOLDOUT_FORMAT_VERSION);
	pq_sendint32(&buf, s->nrows);
	pq_sendint32(&buf, s->nbins);
	send_sum(&buf, s->abs_error);
	send_sum(&buf, s->squared_error);
	send_sum(&buf, s->error);
	send_sum(&buf, s->brier);
	for (i = 0; i < s->nrows; i++)
	{
		cf_poll_entry((size_t) i);
		pq_sendint64(&buf, r[i].x);
		pq_sendint64(&buf, r[i].customers);
		send_sum(&buf, r[i].actual);
		send_sum(&buf, r[i].expected);
	}
	for (i = 0; i < s->nbins; i++)
	{
		pq_sendint32(&buf, b[i].bin);
		pq_sendint64(&buf, b[i].buyers);
		pq_sendint64(&buf, b[i].others);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(holdout_state_recv);
Datum
holdout_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	cf_holdout_state *s;
	cf_error	why;
	int			version = pq_getmsgbyte(buf);
	int32		nrows = (int32) pq_getmsgint(buf, 4),
				nbins = (int32) pq_getmsgint(buf, 4),
				i;

	if (version != CF_HOLDOUT_FORMAT_VERSION)
		cf_bad_stored_value(HOLDOUT_TYPNAME, "unknown format version");
	/* the counts must fit the message before anything is allocated for them */
	if (nrows < 1 || nbins < 0 || nbins > CF_HOLDOUT_BINS ||
		(Size) nrows > (Size) (buf->len - buf->cursor) / 48)
		cf_bad_stored_value(HOLDOUT_TYPNAME, "row or bin count out of range (at least one row)");
	s = cf_holdout_new(nrows, nbins, &cf_pg_allocator);
	s->abs_error = recv_sum(buf);
	s->squared_error = recv_sum(buf);
	s->error = recv_sum(buf);
	s->brier = recv_sum(buf);
	for (i = 0; i < nrows; i++)
	{
		cf_holdout_row *r = &cf_holdout_rows(s)[i];

		cf_poll_entry((size_t) i);
		r->x = pq_getmsgint64(buf);
		r->customers = pq_getmsgint64(buf);
		r->actual = recv_sum(buf);
		r->expected = recv_sum(buf);
	}
	for (i = 0; i < nbins; i++)
	{
		cf_holdout_bin *b = &cf_holdout_bins(s)[i];

		b->bin = (int32) pq_getmsgint(buf, 4);
		b->buyers = pq_getmsgint64(buf);
		b->others = pq_getmsgint64(buf);
	}
	pq_getmsgend(buf);
	s->nrows = nrows;
	s->nbins = nbins;
	if (!cf_holdout_set_totals(s))
		cf_bad_stored_value(HOLDOUT_TYPNAME, "customer counts total 2^63 or more");
	cf_check_stored(cf_holdout_check(s, cf_holdout_size(nrows, nbins), &why), &why, HOLDOUT_TYPNAME);
	PG_RETURN_POINTER(sized(s));
}

/* ---------- accessors ---------- */

PG_FUNCTION_INFO_V1(cf_holdout_mean_absolute_error);
Datum
cf_holdout_mean_absolute_error(PG_FUNCTION_ARGS)
{
	double		v;

	if (!cf_holdout_mae(PG_GETARG_HOLDOUT(0), &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

PG_FUNCTION_INFO_V1(cf_holdout_rms_error);
Datum
cf_holdout_rms_error(PG_FUNCTION_ARGS)
{
	double		v;

	if (!cf_holdout_rmse(PG_GETARG_HOLDOUT(0), &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

PG_FUNCTION_INFO_V1(cf_holdout_mean_bias);
Datum
cf_holdout_mean_bias(PG_FUNCTION_ARGS)
{
	double		v;

	if (!cf_holdout_bias(PG_GETARG_HOLDOUT(0), &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

PG_FUNCTION_INFO_V1(cf_holdout_brier_score);
Datum
cf_holdout_brier_score(PG_FUNCTION_ARGS)
{
	double		v;

	if (!cf_holdout_brier(PG_GETARG_HOLDOUT(0), &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

PG_FUNCTION_INFO_V1(cf_holdout_roc_auc);
Datum
cf_holdout_roc_auc(PG_FUNCTION_ARGS)
{
	double		auc,
				bound;

	if (!cf_holdout_auc(PG_GETARG_HOLDOUT(0), &auc, &bound))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(auc);
}

/*
 * holdout_table(state [, cap]): per calibration x the customers and their
 * mean actual and expected holdout purchases; with cap, x >= cap in one row
 * x = cap.
 */
PG_FUNCTION_INFO_V1(cf_holdout_table_rows);
Datum
cf_holdout_table_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_holdout_state *s;
	cf_holdout_line *lines;
	int64		cap = -1;
	int32		i,
				n;

	InitMaterializedSRF(fcinfo, 0);
	s = PG_GETARG_HOLDOUT(0);
	if (PG_NARGS() > 1)
	{
		cap = PG_GETARG_INT64(1);
		if (cap < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cap %lld is negative", (long long) cap),
					 errdetail("cap is the calibration purchase count from which customers are pooled in one row: 0 or more."),
					 errhint("Call holdout_table(state) for a row per x.")));
	}
	lines = palloc(sizeof(cf_holdout_line) * (Size) s->nrows);
	n = cf_holdout_table(s, cap, lines);
	for (i = 0; i < n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = Int64GetDatum(lines[i].x);
		values[1] = Int64GetDatum(lines[i].customers);
		values[2] = Float8GetDatum(lines[i].actual_mean);
		values[3] = Float8GetDatum(lines[i].expected_mean);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
