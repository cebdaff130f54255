/*
 * ipa.c — SQL glue of importance-performance analysis: the ipa_state
 * aggregate over rated purchase factors and its factor table
 * (core/ipa.c).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "datatype/timestamp.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "ipa.h"

#define IPA_TYPNAME "ipa_state"
#define PG_GETARG_IPA(n)		((cf_ipa_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

static cf_ipa_state *
new_ipa(int nfactors)
{
	size_t		size = cf_ipa_size(nfactors);
	cf_ipa_state *s = palloc0(size);

	SET_VARSIZE(s, size);
	return s;
}

/* Raise 22023 for an unusable scale. */
static void
check_ipa_scale(double scale_min, double scale_max)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_ipa_scale_check(scale_min, scale_max, &why), &why);

	if (problem)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid rating scale %s..%s", cf_double_text(scale_min), cf_double_text(scale_max)),
				 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/* Raise 22003 for a rating off the scale (NaN included). */
static void
check_rating(double rating, const char *what, double scale_min, double scale_max)
{
	if (!(rating >= scale_min && rating <= scale_max))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s rating %s is outside the scale %s..%s", what, cf_double_text(rating),
						cf_double_text(scale_min), cf_double_text(scale_max))));
}

/*
 * One step of ipa_agg(factor, importance, performance [, scale_min, scale_max]):
 * adds whichever ratings are present to the factor's sums.  A NULL factor or
 * a row without ratings is skipped.
 */
PG_FUNCTION_INFO_V1(cf_ipa_trans);
Datum
cf_ipa_trans(PG_FUNCTION_ARGS)
{
	bool		has_scale = PG_NARGS() > 4;
	double		scale_min = 1,
				scale_max = 5;
	text	   *factor;
	const char *name;
	size_t		len;
	cf_ipa_state *s;
	int			pos;

	if (PG_ARGISNULL(1) || (PG_ARGISNULL(2) && PG_ARGISNULL(3)))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (has_scale)
	{
		cf_check_not_null(fcinfo, 4, "the lower end of the rating scale");
		cf_check_not_null(fcinfo, 5, "the upper end of the rating scale");
		scale_min = cf_plus_zero(PG_GETARG_FLOAT8(4));
		scale_max = cf_plus_zero(PG_GETARG_FLOAT8(5));
	}
	cf_require_aggregate(fcinfo, "ipa_agg");
	check_ipa_scale(scale_min, scale_max);
	if (!PG_ARGISNULL(2))
		check_rating(PG_GETARG_FLOAT8(2), "importance", scale_min, scale_max);
	if (!PG_ARGISNULL(3))
		check_rating(PG_GETARG_FLOAT8(3), "performance", scale_min, scale_max);
	factor = PG_GETARG_TEXT_PP(1);
	name = VARDATA_ANY(factor);
	len = VARSIZE_ANY_EXHDR(factor);
	if (len > CF_IPA_NAME_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("factor name is too long"),
				 errdetail("Factor names may have at most %d bytes; \"%.40s...\" has %zu.",
						   CF_IPA_NAME_MAX, text_to_cstring(factor), len)));
	if (PG_ARGISNULL(0))
	{
		s = new_ipa(0);
		cf_ipa_init(s, scale_min, scale_max);
	}
	else
	{
		s = PG_GETARG_IPA(0);
		if (s->scale_min != scale_min || s->scale_max != scale_max)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the rating scale must be the same for every row of a group"),
					 errdetail("The group started with scale %s..%s, a later row has %s..%s.",
							   cf_double_text(s->scale_min), cf_double_text(s->scale_max), cf_double_text(scale_min), cf_double_text(scale_max))));
	}
	pos = cf_ipa_find(s, name, len);
	if (pos < 0)
	{
		/* A new factor: a larger copy (nodeAgg moves it into the aggregate context). */
		cf_ipa_state *grown;

		pos = -pos - 1;
		if (s->nfactors >= CF_IPA_MAX_FACTORS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many factors"),
					 errdetail("An importance-performance state holds at most %d factors.", CF_IPA_MAX_FACTORS)));
		grown = new_ipa(s->nfactors + 1);
		cf_ipa_copy_with_factor(grown, s, pos, name, len);
		s = grown;
	}
	if ((!PG_ARGISNULL(2) && !cf_ipa_add(&s->factors[pos], true, PG_GETARG_FLOAT8(2))) ||
		(!PG_ARGISNULL(3) && !cf_ipa_add(&s->factors[pos], false, PG_GETARG_FLOAT8(3))))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating count or sum out of range")));
	PG_RETURN_POINTER(s);
}

/* Combine and rollup: a new state a + b (strict; same scale). */
PG_FUNCTION_INFO_V1(cf_ipa_combine);
Datum
cf_ipa_combine(PG_FUNCTION_ARGS)
{
	cf_ipa_state *a = PG_GETARG_IPA(0);
	cf_ipa_state *b = PG_GETARG_IPA(1);
	cf_ipa_state *dst;
	int			n;

	if (a->scale_min != b->scale_min || a->scale_max != b->scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine importance-performance states with different scales"),
				 errdetail("One has scale %s..%s, the other %s..%s.",
						   cf_double_text(a->scale_min), cf_double_text(a->scale_max), cf_double_text(b->scale_min), cf_double_text(b->scale_max))));
	n = cf_ipa_merged_factors(a, b);
	if (n > CF_IPA_MAX_FACTORS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many factors"),
				 errdetail("An importance-performance state holds at most %d factors; the combined states have %d.",
						   CF_IPA_MAX_FACTORS, n)));
	dst = new_ipa(n);
	if (!cf_ipa_merge(dst, a, b))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rating counts out of range"),
				 errdetail("A combined count or sum would exceed its range.")));
	PG_RETURN_POINTER(dst);
}

/*
 * The one validation of an ipa_state, shared by text and binary input: the
 * core's soundness checks, and factor names that are text of the database
 * encoding (as the aggregate's text arguments are), so that every accepted
 * value prints, dumps and restores.
 */
static void
validate_ipa(const cf_ipa_state *s)
{
	cf_error	why;
	const char *problem;
	int			i;

	if ((problem = cf_error_detail(cf_ipa_check(s, VARSIZE(s), &why), &why)) != NULL)
		cf_bad_stored_value(IPA_TYPNAME, problem);
	for (i = 0; i < s->nfactors; i++)
	{
		const char *name = s->factors[i].name;
		int			len = (int) strnlen(name, CF_IPA_NAME_MAX + 1);

		if (!pg_verify_mbstr(GetDatabaseEncoding(), name, len, true))
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("invalid %s value", IPA_TYPNAME),
					 errdetail("Factor %d's name is not valid %s text (its bytes: %s).", i + 1,
							   GetDatabaseEncodingName(),
							   DatumGetCString(DirectFunctionCall1(byteaout,
																   PointerGetDatum(cstring_to_text_with_len(name, len)))))));
	}
}

PG_FUNCTION_INFO_V1(ipa_state_in);
Datum
ipa_state_in(PG_FUNCTION_ARGS)
{
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	int			n = 0;
	const char *problem = cf_error_detail(cf_ipa_parse(text, NULL, &n, &why), &why);
	cf_ipa_state *s;

	if (problem)
		cf_bad_text_form(IPA_TYPNAME, text, problem);
	s = new_ipa(n);
	if ((problem = cf_error_detail(cf_ipa_parse(text, s, &n, &why), &why)) != NULL)
		cf_bad_text_form(IPA_TYPNAME, text, problem);
	s->scale_min = cf_plus_zero(s->scale_min);
	s->scale_max = cf_plus_zero(s->scale_max);
	validate_ipa(s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ipa_state_out);
Datum
ipa_state_out(PG_FUNCTION_ARGS)
{
	cf_ipa_state *s = PG_GETARG_IPA(0);
	size_t		len = cf_ipa_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_ipa_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(ipa_state_send);
Datum
ipa_state_send(PG_FUNCTION_ARGS)
{
	cf_ipa_state *s = PG_GETARG_IPA(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, s->version);
	pq_sendfloat8(&buf, s->scale_min);
	pq_sendfloat8(&buf, s->scale_max);
	pq_sendint32(&buf, s->nfactors);
	for (i = 0; i < s->nfactors; i++)
	{
		cf_ipa_factor *f = &s->factors[i];
		int			len = (int) strnlen(f->name, CF_IPA_NAME_MAX + 1);

		pq_sendint32(&buf, len);
		pq_sendbytes(&buf, f->name, len);
		pq_sendint64(&buf, f->importance_n);
		pq_sendint64(&buf, (int64) f->importance_sum.lo);
		pq_sendint64(&buf, (int64) f->importance_sum.hi);
		pq_sendint64(&buf, f->performance_n);
		pq_sendint64(&buf, (int64) f->performance_sum.lo);
		pq_sendint64(&buf, (int64) f->performance_sum.hi);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(ipa_state_recv);
Datum
ipa_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int16		version = (int16) pq_getmsgint(buf, 2);
	double		scale_min = cf_plus_zero(pq_getmsgfloat8(buf));
	double		scale_max = cf_plus_zero(pq_getmsgfloat8(buf));
	int32		n = pq_getmsgint(buf, 4);
	cf_ipa_state *s;
	int			i;

	if (n < 0 || n > CF_IPA_MAX_FACTORS)
		cf_bad_stored_value(IPA_TYPNAME, "at most 100 factors are allowed");
	s = new_ipa(n);
	cf_ipa_init(s, scale_min, scale_max);
	s->version = version;
	s->nfactors = n;
	for (i = 0; i < n; i++)
	{
		cf_ipa_factor *f = &s->factors[i];
		int32		len = pq_getmsgint(buf, 4);

		if (len < 0 || len > CF_IPA_NAME_MAX)
			cf_bad_stored_value(IPA_TYPNAME, "factor names must be at most 127 bytes");
		pq_copymsgbytes(buf, f->name, len);
		if (memchr(f->name, '\0', len) != NULL)
			cf_bad_stored_value(IPA_TYPNAME, "factor names must not contain zero bytes");
		f->importance_n = pq_getmsgint64(buf);
		f->importance_sum.lo = (uint64) pq_getmsgint64(buf);
		f->importance_sum.hi = (uint64) pq_getmsgint64(buf);
		f->performance_n = pq_getmsgint64(buf);
		f->performance_sum.lo = (uint64) pq_getmsgint64(buf);
		f->performance_sum.hi = (uint64) pq_getmsgint64(buf);
	}
	pq_getmsgend(buf);
	validate_ipa(s);
	PG_RETURN_POINTER(s);
}

/* A threshold argument when given (it must be finite), else the default. */
static double
threshold_arg(FunctionCallInfo fcinfo, int n, double dflt, const char *what)
{
	double		t;

	if (PG_NARGS() <= n)
		return dflt;
	t = PG_GETARG_FLOAT8(n);
	cf_check_finite(t, what);
	return t;
}

/*
 * ipa_factors(ipa_state [, importance_threshold, performance_threshold]): one row
 * per factor in rank order with its means, gap, quadrant and rank; the
 * thresholds default to the grand means.
 */
PG_FUNCTION_INFO_V1(cf_ipa_factors);
Datum
cf_ipa_factors(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_ipa_state *s;
	cf_ipa_row *rows;
	double		gi,
				gp,
				ti,
				tp;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	s = PG_GETARG_IPA(0);
	cf_ipa_grand_means(s, &gi, &gp);
	ti = threshold_arg(fcinfo, 1, gi, "the importance threshold");
	tp = threshold_arg(fcinfo, 2, gp, "the performance threshold");
	rows = palloc(sizeof(cf_ipa_row) * Max(s->nfactors, 1));
	cf_ipa_analyse(s, ti, tp, rows);
	for (i = 0; i < s->nfactors; i++)
	{
		cf_ipa_row *r = &rows[i];
		bool		both = r->has_importance && r->has_performance;
		Datum		values[6];
		bool		nulls[6] = {false, !r->has_importance, !r->has_performance, !both, !both, !both};

		values[0] = CStringGetTextDatum(s->factors[r->factor].name);
		values[1] = Float8GetDatum(r->importance);
		values[2] = Float8GetDatum(r->performance);
		values[3] = Float8GetDatum(r->gap);
		values[4] = both ? CStringGetTextDatum(cf_ipa_quadrant_names[r->quadrant]) : (Datum) 0;
		values[5] = Int32GetDatum(r->rank);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* grand_means(ipa_state): the default thresholds, the means of the factor means. */
PG_FUNCTION_INFO_V1(cf_ipa_grand_means_fn);
Datum
cf_ipa_grand_means_fn(PG_FUNCTION_ARGS)
{
	cf_ipa_state *s = PG_GETARG_IPA(0);
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2];
	double		gi,
				gp;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "grand_means must return a composite type");
	cf_ipa_grand_means(s, &gi, &gp);
	values[0] = Float8GetDatum(gi);
	values[1] = Float8GetDatum(gp);
	nulls[0] = isnan(gi);
	nulls[1] = isnan(gp);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
