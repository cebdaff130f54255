/*
 * stage_migration.c — SQL glue of the ladder's readers over moved thresholds
 * and dates: stage_sensitivity (core: src/core/stage_migration.c).  They read
 * one stored or expanded loyalty_ladder, customer by customer, without a
 * rescan of the orders.
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

#include "cf_glue.h"
#include "cf_loyalty_ladder_object.h"
#include "loyalty_ladder.h"
#include "loyalty_stage.h"
#include "stage_migration.h"

/* ---------- reading a ladder customer by customer ---------- */

/* What a reader gets per customer (the days valid until the next customer). */
typedef struct ladder_customer
{
	int64		orders;
	const int32 *days;
	int32		ndays;
	int			score;
} ladder_customer;

typedef bool (*customer_fn) (void *arg, const ladder_customer *c, int32 as_of_day);

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
 * Calls fn for every customer of the ladder d: from the table of an expanded
 * value, or streamed from a flat one.  fn returning false means a purchase
 * day after the as-of day: a corrupt stored value.
 */
static void
each_customer(Datum d, customer_fn fn, void *arg)
{
	LoyaltyLadderObject *o = cf_loyalty_ladder_expanded(d);
	ladder_customer c;
	int32		day;

	if (o)
	{
		uint32		i;

		day = ladder_as_of_day(o->r->zone, o->r->zone_len, o->r->as_of);
		for (i = 0; i < o->r->ncustomers; i++)
		{
			const cf_loyalty_ladder_customer *e = &o->r->customers[i];

			if ((i & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			c.orders = e->orders;
			c.days = cf_loyalty_ladder_days(e);
			c.ndays = e->ndays;
			c.score = e->score;
			if (!fn(arg, &c, day))
				cf_bad_stored_value("loyalty_ladder", "a purchase day is after the as-of day");
		}
	}
	else
	{
		cf_loyalty_ladder_reader rd;
		int64		id;
		int			got;
		uint64		i = 0;

		cf_loyalty_ladder_open_flat(d, &rd);
		day = ladder_as_of_day(rd.zone, rd.zone_len, rd.as_of);
		while ((got = cf_loyalty_ladder_reader_next(&rd, &id, &c.orders, &c.days, &c.ndays)) == 1)
		{
			if ((i++ & 4095) == 0)
				CHECK_FOR_INTERRUPTS();
			c.score = rd.score;
			if (!fn(arg, &c, day))
				cf_bad_stored_value("loyalty_ladder", "a purchase day is after the as-of day");
		}
		if (got < 0)
			cf_bad_stored_value("loyalty_ladder", rd.problem);
		cf_loyalty_ladder_reader_close(&rd);
	}
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
	const char *problem = cf_ladder_problem(l);

	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s[%d] = %s is out of range", name, i + 1, value),
				 errdetail("%s (the other thresholds at the defaults of stage_counts: client_orders 2, regular_orders 5, advocate_score 9, lapse_days 365).",
						   problem)));
}

static bool
grid_add(void *arg, const ladder_customer *c, int32 as_of_day)
{
	return cf_stage_grid_add((cf_stage_grid *) arg, c->orders, c->days, c->ndays, c->score, as_of_day);
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
	each_customer(PG_GETARG_DATUM(0), grid_add, g);
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
