/*
 * stage_migration.c — SQL glue of the ladder's readers over moved thresholds
 * and dates: stage_sensitivity, stage_migration, migration_chart (core:
 * src/core/stage_migration.c).  They read one stored or expanded
 * loyalty_ladder, customer by customer, without a rescan of the orders.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "cf_glue.h"
#include "cf_loyalty_ladder_object.h"
#include "loyalty_ladder.h"
#include "loyalty_stage.h"
#include "stage_migration.h"

/* ---------- reading a ladder customer by customer ---------- */

/*
 * A ladder read customer by customer: from the table of an expanded value, or
 * streamed from a flat (stored) one without building a table.
 */
typedef struct ladder_iter
{
	LoyaltyLadderObject *o;		/* NULL: reading rd */
	cf_loyalty_ladder_reader rd;
	uint64		i;
	const char *zone;
	int			zone_len;
	TimestampTz as_of;
	int32		as_of_day;		/* the local day of as_of in the zone */
} ladder_iter;

/* What the iterator gives per customer (valid until the next one). */
typedef struct ladder_customer
{
	int64		orders;
	const int32 *days;
	const uint32 *counts;		/* orders on each day */
	int32		ndays;
	int			score;
} ladder_customer;

/* The local day of t in the ladder's zone; 22023 when the zone is unknown here. */
static int32
ladder_day(const ladder_iter *it, TimestampTz t)
{
	int32		day;

	if (!cf_zone_as_of_day(it->zone, it->zone_len, t, &day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%.*s\" of the loyalty_ladder is not recognized", it->zone_len, it->zone)));
	return day;
}

static void
iter_open(Datum d, ladder_iter *it)
{
	memset(it, 0, sizeof *it);
	it->o = cf_loyalty_ladder_expanded(d);
	if (it->o)
	{
		it->zone = it->o->r->zone;
		it->zone_len = it->o->r->zone_len;
		it->as_of = it->o->r->as_of;
	}
	else
	{
		cf_loyalty_ladder_open_flat(d, &it->rd);
		it->zone = it->rd.zone;
		it->zone_len = it->rd.zone_len;
		it->as_of = it->rd.as_of;
	}
	it->as_of_day = ladder_day(it, it->as_of);
}

/* The next customer into c; false at the end (22P03 for a corrupt stored value). */
static bool
iter_next(ladder_iter *it, ladder_customer *c)
{
	if ((it->i++ & 4095) == 0)
		CHECK_FOR_INTERRUPTS();
	if (it->o)
	{
		const cf_loyalty_ladder_customer *e;

		if (it->i > it->o->r->ncustomers)
			return false;
		e = &it->o->r->customers[it->i - 1];
		c->orders = e->orders;
		c->days = cf_loyalty_ladder_days(e);
		c->counts = cf_loyalty_ladder_counts(e);
		c->ndays = e->ndays;
		c->score = e->score;
	}
	else
	{
		int64		id;
		int			got = cf_loyalty_ladder_reader_next(&it->rd, &id, &c->orders, &c->days, &c->ndays);

		if (got < 0)
			cf_bad_stored_value("loyalty_ladder", it->rd.problem);
		if (got == 0)
			return false;
		c->counts = it->rd.counts;
		c->score = it->rd.score;
	}
	return true;
}

static void
iter_close(ladder_iter *it)
{
	if (!it->o)
		cf_loyalty_ladder_reader_close(&it->rd);
}

CF_NORETURN static void
day_after_as_of(void)
{
	cf_bad_stored_value("loyalty_ladder", "a purchase day is after the as-of day");
}

/* The loyalty_stage enum values, indexed by cf_stage, of the result's column col. */
static void
stage_labels(ReturnSetInfo *rsinfo, int col, Datum labels[CF_STAGE_COUNT])
{
	Oid			enumtype = TupleDescAttr(rsinfo->setDesc, col)->atttypid;
	int			i;

	for (i = 0; i < CF_STAGE_COUNT; i++)
		labels[i] = DirectFunctionCall2(enum_in, CStringGetDatum(cf_stage_names[i]),
										ObjectIdGetDatum(enumtype));
}

/* ---------- stage_sensitivity ---------- */

/*
 * The elements of the one-dimensional array argument argno (name for the
 * messages): 22004 for a NULL array or element, 22023 for an empty one or
 * more than one dimension.
 */
static Datum *
grid_elements(FunctionCallInfo fcinfo, int argno, const char *name, Oid elemtype, int *n)
{
	ArrayType  *a;
	Datum	   *elems;
	bool	   *nulls;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	int			i;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", name),
				 errhint("Pass an array of the values to try, e.g. ARRAY[2, 3, 4].")));
	a = PG_GETARG_ARRAYTYPE_P(argno);
	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", name),
				 errdetail("It has %d dimensions.", ARR_NDIM(a))));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(a, elemtype, typlen, typbyval, typalign, &elems, &nulls, n);
	if (*n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is empty", name),
				 errdetail("A sensitivity grid needs at least one value on each axis."),
				 errhint("Pass the one value of the default (e.g. ARRAY[3] or ARRAY[730]) to keep an axis fixed.")));
	for (i = 0; i < *n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("element %d of %s is null", i + 1, name),
					 errdetail("Every value of the grid must be given.")));
	return elems;
}

/* 22023 when a threshold of the grid breaks the rule of stage_counts (cf_ladder_problem). */
static void
check_grid_value(const cf_ladder *l, const char *name, int i, const char *value)
{
	cf_error	why;
	const char *problem = cf_error_detail(cf_ladder_check(l, &why), &why);

	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s[%d] = %s is out of range", name, i + 1, value),
				 errdetail("%s (the other thresholds at the defaults of stage_counts: client_orders 2, regular_orders 5, advocate_score 9, lapse_days 365).",
						   problem)));
}

/*
 * stage_sensitivity(ladder, lapse_factors, lost_days): the stage counts of
 * stage_counts(ladder, lapse_factor => f, lost_days => d) for every f and d
 * of the arrays (in their order: factors outer, lost days inner, stages in
 * ladder order), the other thresholds at stage_counts' defaults, from one
 * pass over the ladder's customers.  No rows for a NULL ladder.
 */
PG_FUNCTION_INFO_V1(cf_stage_sensitivity);
Datum
cf_stage_sensitivity(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Datum	   *fe,
			   *le;
	int			nf,
				nl,
				i,
				j,
				s;
	double	   *factors;
	int32	   *lost;
	cf_ladder	l = cf_ladder_defaults;
	cf_stage_grid *g;
	cf_scratch	scratch;
	Datum		labels[CF_STAGE_COUNT];
	int64	   *out;
	ladder_iter it;
	ladder_customer c;

	fe = grid_elements(fcinfo, 1, "lapse_factors", FLOAT8OID, &nf);
	le = grid_elements(fcinfo, 2, "lost_days", INT4OID, &nl);
	factors = palloc(sizeof(double) * nf);
	lost = palloc(sizeof(int32) * nl);
	for (i = 0; i < nf; i++)
	{
		cf_ladder	t = cf_ladder_defaults;

		t.lapse_factor = factors[i] = DatumGetFloat8(fe[i]);
		check_grid_value(&t, "lapse_factors", i, DatumGetCString(DirectFunctionCall1(float8out, fe[i])));
	}
	for (j = 0; j < nl; j++)
	{
		cf_ladder	t = cf_ladder_defaults;

		t.lost_days = lost[j] = DatumGetInt32(le[j]);
		check_grid_value(&t, "lost_days", j, psprintf("%d", lost[j]));
	}
	if ((int64) nf * nl > CF_STAGE_GRID_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a sensitivity grid of %d lapse factors and %d lost-days thresholds is too large", nf, nl),
				 errdetail("The grid has %lld points; at most %d are allowed.",
						   (long long) nf * nl, CF_STAGE_GRID_MAX_POINTS),
				 errhint("Try fewer values per axis, or split the grid over several calls.")));

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	stage_labels(rsinfo, 2, labels);
	out = palloc(sizeof(int64) * CF_STAGE_COUNT * nf * nl);
	cf_scratch_begin(&scratch, "customer_focus stage_sensitivity");
	g = cf_stage_grid_new(&l, factors, nf, lost, nl, &cf_pg_allocator);
	iter_open(PG_GETARG_DATUM(0), &it);
	while (iter_next(&it, &c))
		if (!cf_stage_grid_add(g, c.orders, c.days, c.ndays, c.score, it.as_of_day))
			day_after_as_of();
	iter_close(&it);
	cf_stage_grid_finish(g);
	for (i = 0; i < nf; i++)
	{
		int			fi = cf_stage_grid_factor_index(g, factors[i]);

		for (j = 0; j < nl; j++)
			cf_stage_grid_counts(g, fi, cf_stage_grid_lost_index(g, lost[j]),
								 &out[((size_t) i * nl + j) * CF_STAGE_COUNT]);
	}
	cf_scratch_end(&scratch);
	for (i = 0; i < nf; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (j = 0; j < nl; j++)
			for (s = 0; s < CF_STAGE_COUNT; s++)
			{
				Datum		values[4];
				bool		nulls[4] = {false, false, false, false};

				values[0] = Float8GetDatum(factors[i]);
				values[1] = Int32GetDatum(lost[j]);
				values[2] = labels[s];
				values[3] = Int64GetDatum(out[((size_t) i * nl + j) * CF_STAGE_COUNT + s]);
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
	}
	return (Datum) 0;
}

/* ---------- stage_migration, migration_chart ---------- */

/* What a migration reads and finds. */
typedef struct migration
{
	int64		counts[CF_STAGE_COUNT][CF_STAGE_COUNT];	/* [from][to] */
	int32		from_day;
	int32		as_of_day;
	char	   *zone;
} migration;

/*
 * The migration of the ladder in argument 0 from the time in argument 1 to
 * its as_of, the thresholds in the six arguments from 2 on (22004 for a NULL
 * one, as stage_counts).  False for a NULL ladder (no rows); 22004 for a NULL
 * from_as_of, 22008 for an infinite one, 22023 when it is after as_of.
 */
static bool
migration_of(FunctionCallInfo fcinfo, migration *m)
{
	cf_ladder	l = cf_ladder_from_fixed_args(fcinfo, 2);
	TimestampTz from;
	ladder_iter it;
	ladder_customer c;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("from_as_of must not be null"),
				 errhint("Pass the earlier time to compare the ladder's as_of with.")));
	from = PG_GETARG_TIMESTAMPTZ(1);
	cf_check_finite_ts(from, "from_as_of");
	if (PG_ARGISNULL(0))
		return false;
	iter_open(PG_GETARG_DATUM(0), &it);
	if (from > it.as_of)
	{
		char	   *from_text = pstrdup(timestamptz_to_str(from));

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("from_as_of is after the ladder's as_of"),
				 errdetail("from_as_of is %s, the ladder is as of %s.", from_text, timestamptz_to_str(it.as_of)),
				 errhint("Pass a from_as_of up to the ladder's as_of, or build the ladder as of a later time.")));
	}
	memset(m, 0, sizeof *m);
	m->from_day = ladder_day(&it, from);
	m->as_of_day = it.as_of_day;
	m->zone = pnstrdup(it.zone, it.zone_len);
	while (iter_next(&it, &c))
		if (!cf_stage_migration_add(m->counts, c.orders, c.days, c.counts, c.ndays, c.score,
									m->from_day, m->as_of_day, &l))
			day_after_as_of();
	iter_close(&it);
	return true;
}

/*
 * stage_migration(ladder, from_as_of, client_orders, regular_orders,
 * advocate_score, lapse_factor, lapse_days, lost_days): one row per pair of
 * stages with customers, (stage at from_as_of, stage at as_of), in ladder
 * order.  No rows for a NULL ladder.
 */
PG_FUNCTION_INFO_V1(cf_stage_migration);
Datum
cf_stage_migration(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	migration	m;
	Datum		labels[CF_STAGE_COUNT];
	int			f,
				t;

	InitMaterializedSRF(fcinfo, 0);
	if (!migration_of(fcinfo, &m))
		return (Datum) 0;
	stage_labels(rsinfo, 0, labels);
	for (f = 0; f < CF_STAGE_COUNT; f++)
		for (t = 0; t < CF_STAGE_COUNT; t++)
		{
			Datum		values[3];
			bool		nulls[3] = {false, false, false};

			if (m.counts[f][t] == 0)
				continue;
			values[0] = labels[f];
			values[1] = labels[t];
			values[2] = Int64GetDatum(m.counts[f][t]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	return (Datum) 0;
}

static void
put_line(ReturnSetInfo *rsinfo, StringInfo line)
{
	Datum		value = PointerGetDatum(cstring_to_text_with_len(line->data, line->len));
	bool		null = false;

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &null);
	resetStringInfo(line);
}

/* A row of the chart: the label, then each cell right-aligned to its column's width, a dot for none. */
static void
chart_row(StringInfo line, const char *label, const int64 *cells, const int *width, int label_width)
{
	int			t;

	appendStringInfo(line, " %-*s |", label_width, label);
	for (t = 0; t <= CF_STAGE_COUNT; t++)
	{
		if (t == CF_STAGE_COUNT)
			appendStringInfoString(line, " |");
		if (cells[t] == 0)
			appendStringInfo(line, " %*s", width[t], ".");
		else
			appendStringInfo(line, " %*lld", width[t], (long long) cells[t]);
	}
}

/* A rule under the header and above the totals. */
static void
rule(StringInfo line, const int *width, int label_width)
{
	int			t;

	appendStringInfoChar(line, '-');
	for (t = 0; t < label_width + 1; t++)
		appendStringInfoChar(line, '-');
	appendStringInfoChar(line, '+');
	for (t = 0; t <= CF_STAGE_COUNT; t++)
	{
		int			k;

		if (t == CF_STAGE_COUNT)
			appendStringInfoString(line, "-+");
		for (k = 0; k <= width[t]; k++)
			appendStringInfoChar(line, '-');
	}
}

/*
 * migration_chart(ladder, from_as_of, thresholds...): stage_migration as a
 * from x to table of text lines for psql: a title line, a header, a row per
 * stage at from_as_of and the totals (a column per stage at as_of and the
 * totals); a dot where no customer moved.  No rows for a NULL ladder.
 */
PG_FUNCTION_INFO_V1(cf_migration_chart);
Datum
cf_migration_chart(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	migration	m;
	int64		rows[CF_STAGE_COUNT + 1][CF_STAGE_COUNT + 1];	/* with the totals */
	int			width[CF_STAGE_COUNT + 1];
	const int	label_width = 9;	/* "from \ to", "prospect", "advocate" */
	StringInfoData line;
	int			f,
				t;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);	/* SETOF text: no row type */
	if (!migration_of(fcinfo, &m))
		return (Datum) 0;
	memset(rows, 0, sizeof rows);
	for (f = 0; f < CF_STAGE_COUNT; f++)
		for (t = 0; t < CF_STAGE_COUNT; t++)
		{
			rows[f][t] = m.counts[f][t];
			rows[f][CF_STAGE_COUNT] += m.counts[f][t];
			rows[CF_STAGE_COUNT][t] += m.counts[f][t];
			rows[CF_STAGE_COUNT][CF_STAGE_COUNT] += m.counts[f][t];
		}
	for (t = 0; t <= CF_STAGE_COUNT; t++)
	{
		char		digits[32];

		width[t] = strlen(t < CF_STAGE_COUNT ? cf_stage_names[t] : "total");
		for (f = 0; f <= CF_STAGE_COUNT; f++)
			width[t] = Max(width[t], snprintf(digits, sizeof digits, INT64_FORMAT, rows[f][t]));
	}
	initStringInfo(&line);
	appendStringInfo(&line, "stage migration in \"%s\": from %s to %s, " INT64_FORMAT " customers",
					 m.zone, cf_day_text(m.from_day), cf_day_text(m.as_of_day),
					 rows[CF_STAGE_COUNT][CF_STAGE_COUNT]);
	put_line(rsinfo, &line);
	appendStringInfo(&line, " %-*s |", label_width, "from \\ to");
	for (t = 0; t <= CF_STAGE_COUNT; t++)
		appendStringInfo(&line, "%s %*s", t == CF_STAGE_COUNT ? " |" : "", width[t],
						 t < CF_STAGE_COUNT ? cf_stage_names[t] : "total");
	put_line(rsinfo, &line);
	rule(&line, width, label_width);
	put_line(rsinfo, &line);
	for (f = 0; f <= CF_STAGE_COUNT; f++)
	{
		if (f == CF_STAGE_COUNT)
		{
			rule(&line, width, label_width);
			put_line(rsinfo, &line);
		}
		chart_row(&line, f < CF_STAGE_COUNT ? cf_stage_names[f] : "total", rows[f], width, label_width);
		put_line(rsinfo, &line);
	}
	return (Datum) 0;
}
