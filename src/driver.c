/*
 * driver.c — SQL glue of key-driver analysis: driver_agg, driver_state and
 * driver_weights (core/driver.c).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "cf_glue.h"
#include "driver.h"

#define DRIVER_TYPNAME "driver_state"
#define PG_GETARG_DRIVER(n) ((cf_driver_state *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/*
 * The names array last seen by this call site and its names block: rows
 * usually pass the same array, so a row costs one memcmp instead of a
 * deconstruction and k comparisons.
 */
typedef struct names_cache
{
	Size		array_size;
	char	   *array;			/* the array's bytes */
	int			k;
	size_t		block_len;
	unsigned char block[CF_DRIVER_MAX_FACTORS * (CF_DRIVER_NAME_MAX + 1)];
} names_cache;

/* The names as a comma list for messages. */
static char *
names_text(const cf_driver_state *s)
{
	StringInfoData b;
	char		name[CF_DRIVER_NAME_MAX + 1];
	int			i;

	initStringInfo(&b);
	for (i = 0; i < s->nfactors; i++)
	{
		cf_driver_name(s, i, name);
		appendStringInfo(&b, "%s%s", i ? ", " : "", name);
	}
	return b.data;
}

/* Checks the names array and fills the cache with its block (the names are not NULL). */
static void
read_names(ArrayType *arr, names_cache *c, MemoryContext cxt)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	const char *name[CF_DRIVER_MAX_FACTORS];
	size_t		len[CF_DRIVER_MAX_FACTORS];
	cf_error	why;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("factor names must be a one-dimensional array"),
				 errdetail("The names array has %d dimensions.", ARR_NDIM(arr))));
	n = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	if (n < 1 || n > CF_DRIVER_MAX_FACTORS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("driver_agg takes 1 to %d factors", CF_DRIVER_MAX_FACTORS),
				 errdetail("The names array has %d elements.", n),
				 errhint("Analyse at most %d factors at once, e.g. the %d with the largest correlations.",
						 CF_DRIVER_MAX_FACTORS, CF_DRIVER_MAX_FACTORS)));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("factor names must not be NULL"),
					 errdetail("Name %d of %d is NULL.", i + 1, n)));
		name[i] = VARDATA_ANY(DatumGetPointer(elems[i]));
		len[i] = VARSIZE_ANY_EXHDR(DatumGetPointer(elems[i]));
	}
	if (cf_driver_names_check(n, name, len, &why) != CF_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s", why.msg),
				 errdetail("%s", why.detail),
				 errhint("Give each factor a distinct name of 1 to %d bytes.", CF_DRIVER_NAME_MAX)));
	c->k = n;
	c->block_len = cf_driver_names_block(n, name, len, c->block);
	if (c->array)
		pfree(c->array);
	c->array_size = VARSIZE(arr);
	c->array = MemoryContextAlloc(cxt, c->array_size);
	memcpy(c->array, arr, c->array_size);
}

/* The names of this row, from the cache when the array is the one seen last. */
static names_cache *
row_names(FunctionCallInfo fcinfo, ArrayType *arr)
{
	names_cache *c = fcinfo->flinfo->fn_extra;

	if (c == NULL)
		c = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(names_cache));
	if (c->array == NULL || c->array_size != VARSIZE(arr) || memcmp(c->array, arr, c->array_size) != 0)
		read_names(arr, c, fcinfo->flinfo->fn_mcxt);
	return c;
}

/*
 * One step of driver_agg(outcome, ratings, names): a row with a NULL anywhere
 * (outcome, ratings array or names array, or an element of ratings) is
 * skipped; arrays of unequal lengths and names that differ from the group's
 * are errors.  A group without a complete row stays NULL.
 */
PG_FUNCTION_INFO_V1(cf_driver_trans);
Datum
cf_driver_trans(PG_FUNCTION_ARGS)
{
	ArrayType  *ratings,
			   *names;
	names_cache *c;
	cf_driver_state *s;
	const double *x;
	double		y;
	int			nr,
				i;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	cf_require_aggregate(fcinfo, "driver_agg");
	names = PG_GETARG_ARRAYTYPE_P(3);
	ratings = PG_GETARG_ARRAYTYPE_P(2);
	c = row_names(fcinfo, names);
	if (ARR_NDIM(ratings) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("ratings must be a one-dimensional array"),
				 errdetail("The ratings array has %d dimensions.", ARR_NDIM(ratings))));
	nr = ArrayGetNItems(ARR_NDIM(ratings), ARR_DIMS(ratings));
	if (nr != c->k)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("ratings and factor names must have the same length"),
				 errdetail("The row has %d ratings; the names array has %d elements.", nr, c->k),
				 errhint("Pass one rating per factor, NULL for a missing answer.")));
	if (ARR_HASNULL(ratings))
	{
		bits8	   *bitmap = ARR_NULLBITMAP(ratings);

		for (i = 0; i < nr; i++)
			if (!(bitmap[i / 8] & (1 << (i % 8))))
			{
				/* listwise: a row with a missing rating is skipped */
				if (PG_ARGISNULL(0))
					PG_RETURN_NULL();
				PG_RETURN_DATUM(PG_GETARG_DATUM(0));
			}
	}
	x = (const double *) ARR_DATA_PTR(ratings);
	y = PG_GETARG_FLOAT8(1);
	if (!(fabs(y) <= CF_DRIVER_VALUE_BOUND))
		ereport(ERROR,
				(errcode(isnan(y) || isinf(y) ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the outcome must be a finite number of magnitude at most 1e100"),
				 errdetail("The outcome given is %s.", cf_double_text(y))));
	for (i = 0; i < nr; i++)
		if (!(fabs(x[i]) <= CF_DRIVER_VALUE_BOUND))
			ereport(ERROR,
					(errcode(isnan(x[i]) || isinf(x[i]) ? ERRCODE_INVALID_PARAMETER_VALUE : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("ratings must be finite numbers of magnitude at most 1e100"),
					 errdetail("Rating %d is %s.", i + 1, cf_double_text(x[i]))));
	if (PG_ARGISNULL(0))
	{
		s = palloc(cf_driver_size(c->k, c->block_len));
		SET_VARSIZE(s, cf_driver_size(c->k, c->block_len));
		cf_driver_init(s, c->k, c->block, c->block_len);
	}
	else
	{
		s = (cf_driver_state *) PG_GETARG_POINTER(0);
		if (s->nfactors != c->k || (size_t) s->names_len != c->block_len ||
			memcmp(cf_driver_names(s), c->block, c->block_len) != 0)
		{
			cf_driver_state *t = palloc(cf_driver_size(c->k, c->block_len));

			cf_driver_init(t, c->k, c->block, c->block_len);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("factor names must be the same in every row of a group"),
					 errdetail("The group started with factors (%s), a later row has (%s).",
							   names_text(s), names_text(t)),
					 errhint("Pass the names as one constant array, in the same order for every row.")));
		}
	}
	if (!cf_driver_add(s, y, x))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("driver row count out of range")));
	PG_RETURN_POINTER(s);
}

/* Combine and rollup: state0 += state1 (strict; same factors). */
PG_FUNCTION_INFO_V1(cf_driver_combine);
Datum
cf_driver_combine(PG_FUNCTION_ARGS)
{
	cf_driver_state *dst = PG_GETARG_DRIVER(0);
	cf_driver_state *src = PG_GETARG_DRIVER(1);

	if (!cf_driver_same_names(dst, src))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine driver states of different factors"),
				 errdetail("One state has factors (%s), the other (%s).", names_text(dst), names_text(src)),
				 errhint("Roll up only states built with the same names array.")));
	if (!CF_IN_AGGREGATE(fcinfo))
		dst = cf_copy_varlena(dst);
	if (!cf_driver_merge(dst, src))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("driver row count out of range"),
				 errdetail("A combined count would exceed 2^63 - 1.")));
	PG_RETURN_POINTER(dst);
}

/*
 * The one validation of a driver_state from text or binary input: the core's
 * soundness checks, and factor names that are text of the database encoding
 * (as the aggregate's names are), so that every accepted value prints, dumps
 * and restores.
 */
static void
validate_driver(const cf_driver_state *s, size_t size)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_driver_check(s, size, &why), &why);
	char		name[CF_DRIVER_NAME_MAX + 1];
	int			i;

	if (problem)
		cf_bad_stored_value(DRIVER_TYPNAME, problem);
	for (i = 0; i < s->nfactors; i++)
	{
		size_t		len = cf_driver_name(s, i, name);

		if (!pg_verify_mbstr(GetDatabaseEncoding(), name, (int) len, true))
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("invalid %s value", DRIVER_TYPNAME),
					 errdetail("Factor %d's name is not valid %s text (its bytes: %s).", i + 1,
							   GetDatabaseEncodingName(),
							   DatumGetCString(DirectFunctionCall1(byteaout,
																   PointerGetDatum(cstring_to_text_with_len(name, (int) len)))))));
	}
}

PG_FUNCTION_INFO_V1(driver_state_in);
Datum
driver_state_in(PG_FUNCTION_ARGS)
{
	cf_error	why;
	char	   *text = PG_GETARG_CSTRING(0);
	size_t		size = 0;
	const char *problem = cf_error_detail(cf_driver_parse(text, NULL, &size, &why), &why);
	cf_driver_state *s;

	if (problem)
		cf_bad_text_form(DRIVER_TYPNAME, text, problem);
	s = palloc0(size);
	SET_VARSIZE(s, size);
	if ((problem = cf_error_detail(cf_driver_parse(text, s, &size, &why), &why)) != NULL)
		cf_bad_text_form(DRIVER_TYPNAME, text, problem);
	validate_driver(s, size);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(driver_state_out);
Datum
driver_state_out(PG_FUNCTION_ARGS)
{
	cf_driver_state *s = PG_GETARG_DRIVER(0);
	size_t		len = cf_driver_format(s, NULL, 0);
	char	   *buf = palloc(len + 1);

	cf_driver_format(s, buf, len + 1);
	PG_RETURN_CSTRING(buf);
}

PG_FUNCTION_INFO_V1(driver_state_send);
Datum
driver_state_send(PG_FUNCTION_ARGS)
{
	cf_driver_state *s = PG_GETARG_DRIVER(0);
	StringInfoData buf;
	int			nm = cf_driver_nmoments(s->nfactors),
				i;

	pq_begintypsend(&buf);
	pq_sendint16(&buf, s->version);
	pq_sendint16(&buf, s->nfactors);
	pq_sendint64(&buf, s->n);
	pq_sendint32(&buf, s->names_len);
	pq_sendbytes(&buf, (const char *) cf_driver_names(s), s->names_len);
	for (i = 0; i < nm; i++)
	{
		pq_sendfloat8(&buf, cf_driver_hi(s)[i]);
		pq_sendfloat8(&buf, cf_driver_lo(s)[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(driver_state_recv);
Datum
driver_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int16		version = (int16) pq_getmsgint(buf, 2);
	int16		k = (int16) pq_getmsgint(buf, 2);
	int64		n = pq_getmsgint64(buf);
	int32		names_len = (int32) pq_getmsgint(buf, 4);
	cf_driver_state *s;
	size_t		size;
	int			i;

	if (version != CF_DRIVER_FORMAT_VERSION)
		cf_bad_stored_value(DRIVER_TYPNAME, "unknown format version");
	if (k < 1 || k > CF_DRIVER_MAX_FACTORS || names_len < 2 ||
		names_len > k * (CF_DRIVER_NAME_MAX + 1) || names_len > buf->len - buf->cursor)
		cf_bad_stored_value(DRIVER_TYPNAME, "the factor count or the names' size is out of range");
	size = cf_driver_size(k, names_len);
	s = palloc0(size);
	SET_VARSIZE(s, size);
	s->version = version;
	s->nfactors = k;
	s->names_len = names_len;
	s->n = n;
	pq_copymsgbytes(buf, (char *) cf_driver_names(s), names_len);
	for (i = 0; i < cf_driver_nmoments(k); i++)
	{
		cf_driver_hi(s)[i] = pq_getmsgfloat8(buf);
		cf_driver_lo(s)[i] = pq_getmsgfloat8(buf);
	}
	pq_getmsgend(buf);
	validate_driver(s, size);
	PG_RETURN_POINTER(s);
}

/* The factors' names, for the collinearity message. */
static char *
collinear_text(const cf_driver_state *s, const cf_driver_result *res)
{
	StringInfoData b;
	char		name[CF_DRIVER_NAME_MAX + 1];
	int			i,
				shown = 0;

	initStringInfo(&b);
	for (i = 0; i < s->nfactors; i++)
		if (res->collinear[i])
		{
			cf_driver_name(s, i, name);
			appendStringInfo(&b, "%s%s", shown++ ? ", " : "", name);
		}
	return b.data;
}

/* Reports an analysis that has no answer. */
static void
report_weights_error(const cf_driver_state *s, cf_driver_error e, const cf_driver_result *res)
{
	char		name[CF_DRIVER_NAME_MAX + 1];

	switch (e)
	{
		case CF_DRIVER_OK:
			return;
		case CF_DRIVER_TOO_FEW:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("too few complete rows for a key-driver analysis"),
					 errdetail("The state has %lld complete rows for %d factors; at least %d are needed.",
							   (long long) s->n, s->nfactors, s->nfactors + 2)));
			break;
		case CF_DRIVER_CONSTANT_OUTCOME:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the outcome is constant"),
					 errdetail("Every one of the %lld complete rows has the same outcome, so nothing drives it.",
							   (long long) s->n)));
			break;
		case CF_DRIVER_CONSTANT_FACTOR:
			cf_driver_name(s, res->which, name);
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("factor \"%s\" is constant", name),
					 errdetail("Every one of the %lld complete rows has the same rating of \"%s\".",
							   (long long) s->n, name),
					 errhint("Leave the factor out of the analysis.")));
			break;
		case CF_DRIVER_COLLINEAR:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("factors are collinear"),
					 errdetail("The factors %s are (nearly) linear combinations of each other: the smallest eigenvalue of their correlation matrix is below %g.",
							   collinear_text(s, res), CF_DRIVER_MIN_EIGENVALUE),
					 errhint("Leave out one of them, or combine them into one factor.")));
			break;
		case CF_DRIVER_INCONSISTENT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the driver state's sums are inconsistent"),
					 errdetail("No set of rows has these sums (a correlation beyond -1..1 or an R squared outside 0..1); the state was not built by driver_agg."),
					 errhint("Rebuild the state with driver_agg.")));
			break;
		case CF_DRIVER_NO_MEMORY:
			elog(ERROR, "out of memory in the key-driver analysis");
	}
}

/*
 * driver_weights(driver_state): one row per factor in rank order with its
 * correlation with the outcome, standardized beta, Johnson's relative weight
 * and rank.
 */
PG_FUNCTION_INFO_V1(cf_driver_weights_fn);
Datum
cf_driver_weights_fn(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_driver_state *s;
	cf_driver_row rows[CF_DRIVER_MAX_FACTORS];
	cf_driver_result res;
	cf_driver_error e;
	cf_scratch	scratch;
	char		name[CF_DRIVER_NAME_MAX + 1];
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	s = PG_GETARG_DRIVER(0);
	cf_scratch_begin(&scratch, "customer_focus driver_weights");
	e = cf_driver_weights(s, &cf_pg_allocator, rows, &res);
	cf_scratch_end(&scratch);
	report_weights_error(s, e, &res);
	for (i = 0; i < s->nfactors; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		cf_driver_name(s, rows[i].factor, name);
		values[0] = CStringGetTextDatum(name);
		values[1] = Float8GetDatum(cf_plus_zero(rows[i].correlation));
		values[2] = Float8GetDatum(cf_plus_zero(rows[i].beta));
		values[3] = Float8GetDatum(cf_plus_zero(rows[i].relative_weight));
		values[4] = Int32GetDatum(rows[i].rank);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
