/*
 * cohort.c — SQL glue of the ladder over time: cohort_retention,
 * lifecycle_counts and cohort_chart (core: src/core/cohort.c).  They read one
 * stored, rolled-up or just-built loyalty_ladder customer by customer, its
 * distinct local purchase days only: no rescan of the orders.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "cf_glue.h"
#include "cf_loyalty_ladder_object.h"
#include "cohort.h"
#include "loyalty_ladder.h"

/* ---------- arguments and the ladder ---------- */

/* The period of argument argno: 22004 for NULL, 22023 naming the value and the allowed names. */
static cf_period
period_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *t;
	cf_period	p;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period must not be null"),
				 errhint("Pass one of %s, or leave the argument out for month.", CF_PERIOD_NAMES)));
	t = PG_GETARG_TEXT_PP(argno);
	if (!cf_period_from_name(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &p))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown period \"%s\"", text_to_cstring(t)),
				 errdetail("The period must be one of %s.", CF_PERIOD_NAMES)));
	return p;
}

/* The local day of as_of in the ladder's zone; 22023 when the zone is unknown here. */
static int32
ladder_as_of_day(const char *zone, int zone_len, TimestampTz as_of)
{
	int32		day;

	if (!cf_zone_as_of_day(zone, zone_len, as_of, &day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%.*s\" of the loyalty_ladder is not recognized", zone_len, zone)));
	return day;
}

/*
 * The ladder argument 0, detoasted once (a stored ladder is compressed: each
 * reader below would otherwise decompress it again); an expanded one as is.
 */
static Datum
ladder_arg(FunctionCallInfo fcinfo)
{
	Datum		d = PG_GETARG_DATUM(0);

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
		return d;
	return PointerGetDatum(PG_DETOAST_DATUM(d));
}

/* The as-of day of the ladder d (an expanded or a flat value). */
static int32
as_of_day_of(Datum d)
{
	LoyaltyLadderObject *o = cf_loyalty_ladder_expanded(d);
	cf_loyalty_ladder_reader rd;

	if (o)
		return ladder_as_of_day(o->r->zone, o->r->zone_len, o->r->as_of);
	cf_loyalty_ladder_open_flat(d, &rd);
	return ladder_as_of_day(rd.zone, rd.zone_len, rd.as_of);
}

typedef int (*days_fn) (void *table, const int32 *days, int32 ndays);

/* 54000 for a table past CF_COHORT_MAX_CELLS, 22P03 for a corrupt value. */
static void
table_error(int rc, cf_period p)
{
	if (rc == CF_ENOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	if (rc == CF_ERANGE)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the ladder spans too many periods of this length"),
				 errdetail("A table holds at most %lld counts.", (long long) CF_COHORT_MAX_CELLS),
				 errhint("Use a longer period (%s).", CF_PERIOD_NAMES)));
	cf_bad_stored_value("loyalty_ladder", "a purchase day is after the as-of day");
}

/*
 * Adds every customer's sorted purchase days of the ladder d to table with
 * fn: from the table of an expanded value, or streamed from a flat one.
 */
static void
add_customers(Datum d, days_fn fn, void *table, cf_period p)
{
	LoyaltyLadderObject *o = cf_loyalty_ladder_expanded(d);
	int			rc;

	if (o)
	{
		uint32		i;

		for (i = 0; i < o->r->ncustomers; i++)
		{
			const cf_loyalty_ladder_customer *c = &o->r->customers[i];

			if ((i & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			if ((rc = fn(table, cf_loyalty_ladder_days(c), c->ndays)) != CF_OK)
				table_error(rc, p);
		}
	}
	else
	{
		cf_loyalty_ladder_reader rd;
		int64		id,
					orders;
		const int32 *days;
		int32		ndays;
		int			got;
		uint64		i = 0;

		cf_loyalty_ladder_open_flat(d, &rd);
		while ((got = cf_loyalty_ladder_reader_next(&rd, &id, &orders, &days, &ndays)) == 1)
		{
			if ((i++ & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			if ((rc = fn(table, days, ndays)) != CF_OK)
				table_error(rc, p);
		}
		if (got < 0)
			cf_bad_stored_value("loyalty_ladder", rd.problem);
		cf_loyalty_ladder_reader_close(&rd);
	}
}

static int
cohort_add(void *t, const int32 *days, int32 ndays)
{
	return cf_cohort_add((cf_cohort_table *) t, days, ndays);
}

static int
lifecycle_add(void *t, const int32 *days, int32 ndays)
{
	return cf_lifecycle_add((cf_lifecycle_table *) t, days, ndays);
}

/* The first day of period index of p as a date; 22008 before PostgreSQL's first date. */
static Datum
period_date(cf_period p, int64 index)
{
	int64		day = cf_period_first_day(p, index);

	if (day < (int64) DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE || day > (int64) DATE_END_JULIAN - POSTGRES_EPOCH_JDATE - 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range"),
				 errdetail("A period of the ladder starts before 4714-11-24 BC.")));
	return DateADTGetDatum((DateADT) day);
}

/* The cohort table of the ladder argument 0 at the period of argument 1, in the caller's memory. */
static void
build_cohorts(FunctionCallInfo fcinfo, cf_cohort_table *t, cf_period p)
{
	Datum		d = ladder_arg(fcinfo);

	cf_cohort_init(t, p, as_of_day_of(d), &cf_pg_allocator);
	add_customers(d, cohort_add, t, p);
}

/* ---------- cohort_retention ---------- */

/*
 * cohort_retention(ladder, period): per cohort (the period of a customer's
 * first purchase day) and every offset up to the as-of period, the cohort's
 * customers with a purchase day in that period, their share of the cohort,
 * and whether the period is over.  No rows for a NULL ladder.
 */
PG_FUNCTION_INFO_V1(cf_cohort_retention);
Datum
cf_cohort_retention(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_period	p = period_arg(fcinfo, 1);
	cf_cohort_table t;
	int64		k,
				o;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	build_cohorts(fcinfo, &t, p);
	for (k = t.nk - 1; k >= 0; k--)
	{
		const int64 *row = t.cells[k];
		int64		cohort = t.last - k;
		Datum		cohort_date;

		if (row == NULL)
			continue;
		CHECK_FOR_INTERRUPTS();
		cohort_date = period_date(p, cohort);
		for (o = 0; o <= k; o++)
		{
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};

			values[0] = cohort_date;
			values[1] = Int32GetDatum((int32) Min(o, PG_INT32_MAX));
			values[2] = Int64GetDatum(row[o]);
			values[3] = Float8GetDatum((double) row[o] / (double) row[0]);
			values[4] = BoolGetDatum(cohort + o < t.last);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	cf_cohort_free(&t);
	return (Datum) 0;
}

/* ---------- lifecycle_counts ---------- */

/*
 * lifecycle_counts(ladder, period): per period from the first with a
 * purchase to the as-of period, the customers new, retained, reactivated
 * and churned in it, and whether it is over.  No rows for a NULL ladder.
 */
PG_FUNCTION_INFO_V1(cf_lifecycle_counts);
Datum
cf_lifecycle_counts(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_period	p = period_arg(fcinfo, 1);
	cf_lifecycle_table t;
	Datum		d;
	int64		j;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	d = ladder_arg(fcinfo);
	cf_lifecycle_init(&t, p, as_of_day_of(d), &cf_pg_allocator);
	add_customers(d, lifecycle_add, &t, p);
	for (j = t.any ? t.last - t.first : -1; j >= 0; j--)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		int			c;

		if ((j & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		values[0] = period_date(p, t.last - j);
		for (c = 0; c < 4; c++)
			values[1 + c] = Int64GetDatum(t.counts[4 * j + c]);
		values[5] = BoolGetDatum(j > 0);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	cf_lifecycle_free(&t);
	return (Datum) 0;
}

/* ---------- cohort_chart ---------- */

/* Shades of a cell by share: nobody, up to 1/4, 1/2, 3/4, more (UTF-8 dots and blocks, or ASCII). */
static const char *const shades_utf8[] = {"\u00b7\u00b7", "\u2591\u2591", "\u2592\u2592", "\u2593\u2593", "\u2588\u2588"};
static const char *const shades_ascii[] = {"..", "--", "==", "++", "##"};

static int
shade_level(int64 n, int64 size)
{
	if (n <= 0)
		return 0;
	if (4 * n <= size)
		return 1;
	if (2 * n <= size)
		return 2;
	if (4 * n <= 3 * size)
		return 3;
	return 4;
}

static void
put_line(ReturnSetInfo *rsinfo, const char *s)
{
	Datum		v = PointerGetDatum(cstring_to_text(s));
	bool		null = false;

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &v, &null);
}

/*
 * cohort_chart(ladder, period): the retention triangle as text lines, one
 * per cohort (its first day, its size, the share of offset 1 in percent
 * and a two-character shaded cell per offset), a header and a legend.  No
 * rows for a NULL ladder.
 */
PG_FUNCTION_INFO_V1(cf_cohort_chart);
Datum
cf_cohort_chart(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_period	p = period_arg(fcinfo, 1);
	const char *const *shades = GetDatabaseEncoding() == PG_UTF8 ? shades_utf8 : shades_ascii;
	cf_cohort_table t;
	StringInfoData s;
	int64		k,
				o,
				width = 0;

	/* a set of text: the executor's one-column descriptor */
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	build_cohorts(fcinfo, &t, p);
	for (k = t.nk - 1; k >= 0; k--)
		if (t.cells[k] && k + 1 > width)
			width = k + 1;
	initStringInfo(&s);
	appendStringInfo(&s, "%-13s %9s %7s  offsets 0..%lld (%ss)", "cohort", "customers", "next %",
					 (long long) (width - 1), cf_period_name(p));
	if (width > 0)
		put_line(rsinfo, s.data);
	for (k = t.nk - 1; k >= 0; k--)
	{
		const int64 *row = t.cells[k];

		if (row == NULL)
			continue;
		CHECK_FOR_INTERRUPTS();
		resetStringInfo(&s);
		appendStringInfo(&s, "%-13s %9lld ",
						 DatumGetCString(DirectFunctionCall1(date_out, period_date(p, t.last - k))),
						 (long long) row[0]);
		if (k >= 1)
			appendStringInfo(&s, "%7.1f  ", 100.0 * (double) row[1] / (double) row[0]);
		else
			appendStringInfo(&s, "%7s  ", "");
		for (o = 0; o <= k; o++)
			appendStringInfoString(&s, shades[shade_level(row[o], row[0])]);
		put_line(rsinfo, s.data);
	}
	if (width > 0)
	{
		resetStringInfo(&s);
		appendStringInfo(&s, "share of the cohort buying in the period: %s 0 %s > 0 %s > 1/4 %s > 1/2 %s > 3/4; the last cell of a row is the as-of period, still open",
						 shades[0], shades[1], shades[2], shades[3], shades[4]);
		put_line(rsinfo, s.data);
	}
	cf_cohort_free(&t);
	return (Datum) 0;
}
