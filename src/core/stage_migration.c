/*
 * stage_migration.c — the ladder's readers over moved thresholds and dates
 * (see stage_migration.h).
 */
#include "stage_migration.h"

#include <stdlib.h>
#include <string.h>


static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return x < y ? -1 : x > y;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32_t		x = *(const int32_t *) a,
				y = *(const int32_t *) b;

	return x < y ? -1 : x > y;
}

cf_stage_grid *
cf_stage_grid_new(const cf_ladder *l, const double *factors, int nf,
				  const int32_t *lost, int nl, const cf_allocator *mem)
{
	cf_stage_grid *g = mem->alloc(sizeof(cf_stage_grid));
	size_t		ncells = (size_t) CF_STAGE_GRID_BASES * (nf + 1) * (nl + 1);

	if (g == NULL)
		return NULL;
	memset(g, 0, sizeof *g);
	g->mem = *mem;
	g->l = *l;
	g->nf = nf;
	g->nl = nl;
	g->factors = cf_alloc_array(mem, nf, sizeof(double));
	g->lost = cf_alloc_array(mem, nl, sizeof(int32_t));
	g->cells = cf_alloc_array(mem, ncells, sizeof(int64_t));
	if (g->factors == NULL || g->lost == NULL || g->cells == NULL)
	{
		cf_stage_grid_free(g);
		return NULL;
	}
	memcpy(g->factors, factors, sizeof(double) * nf);
	memcpy(g->lost, lost, sizeof(int32_t) * nl);
	qsort(g->factors, nf, sizeof(double), cmp_double);
	qsort(g->lost, nl, sizeof(int32_t), cmp_int32);
	memset(g->cells, 0, ncells * sizeof(int64_t));
	return g;
}

void
cf_stage_grid_free(cf_stage_grid *g)
{
	cf_allocator mem;

	if (g == NULL)
		return;
	mem = g->mem;
	cf_free(&mem, g->factors);
	cf_free(&mem, g->lost);
	cf_free(&mem, g->cells);
	mem.free(g);
}

static inline int64_t *
cell(const cf_stage_grid *g, int base, int k, int m)
{
	return &g->cells[((size_t) base * (g->nf + 1) + k) * (g->nl + 1) + m];
}

/*
 * How many of the ascending factors make a customer with x > 0 repeat days
 * lapsed: since * x > f * t_x, the expression of cf_loyalty_stage, holds for
 * a prefix of them (f * t_x rounds monotonically in f).
 */
static int
lapsed_factors(const cf_stage_grid *g, int32_t x, int32_t t_x, int32_t since)
{
	int			lo = 0,
				hi = g->nf;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if ((double) since * x > g->factors[mid] * t_x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How many of the ascending lost thresholds since exceeds (since > lost_days). */
static int
passed_lost(const cf_stage_grid *g, int32_t since)
{
	int			lo = 0,
				hi = g->nl;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (since > g->lost[mid])
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
cf_stage_grid_add(cf_stage_grid *g, int64_t orders, const int32_t *days, int32_t ndays,
				  int score, int32_t as_of_day)
{
	int32_t		x = 0,
				t_x = 0,
				since = 0;
	cf_stage	base;
	int			k;

	if (ndays > 0)
	{
		if (days[ndays - 1] > as_of_day)
			return false;
		x = ndays - 1;
		t_x = days[ndays - 1] - days[0];
		since = as_of_day - days[ndays - 1];
	}
	if (orders <= 0)
	{
		g->prospects++;
		return true;
	}
	/* the stage before the lapse and lost rules: those at since = 0 never apply */
	base = cf_loyalty_stage(orders, x, t_x, 0, score, &g->l);
	if (x == 0)
		k = since > g->l.lapse_days ? g->nf : 0;
	else
		k = lapsed_factors(g, x, t_x, since);
	(*cell(g, base - CF_STAGE_BUYER, k, passed_lost(g, since)))++;
	g->on_ladder++;
	return true;
}

void
cf_stage_grid_finish(cf_stage_grid *g)
{
	int			b,
				k,
				m;

	/* 2-D prefix sums: cell (k, m) becomes the customers with k' <= k and m' <= m */
	for (b = 0; b < CF_STAGE_GRID_BASES; b++)
	{
		for (k = 0; k <= g->nf; k++)
			for (m = 1; m <= g->nl; m++)
				*cell(g, b, k, m) += *cell(g, b, k, m - 1);
		for (k = 1; k <= g->nf; k++)
			for (m = 0; m <= g->nl; m++)
				*cell(g, b, k, m) += *cell(g, b, k - 1, m);
	}
}

void
cf_stage_grid_counts(const cf_stage_grid *g, int fi, int li, int64_t counts[CF_STAGE_COUNT])
{
	int64_t		not_lost = 0,
				on_base = 0;
	int			b;

	memset(counts, 0, sizeof(int64_t) * CF_STAGE_COUNT);
	counts[CF_STAGE_PROSPECT] = g->prospects;
	/*
	 * Under the fi-th factor the customers with k > fi have lapsed; under the
	 * li-th threshold those with m > li are lost (that rule comes first).
	 */
	for (b = 0; b < CF_STAGE_GRID_BASES; b++)
	{
		int64_t		base_count = *cell(g, b, fi, li);

		counts[CF_STAGE_BUYER + b] = base_count;
		on_base += base_count;
		not_lost += *cell(g, b, g->nf, li);
	}
	counts[CF_STAGE_LAPSED] = not_lost - on_base;
	counts[CF_STAGE_LOST] = g->on_ladder - not_lost;
}

int
cf_stage_grid_factor_index(const cf_stage_grid *g, double factor)
{
	int			lo = 0,
				hi = g->nf;

	/* the last position of factor: the cell counts are cumulative, so any position is the same */
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (g->factors[mid] <= factor)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

int
cf_stage_grid_lost_index(const cf_stage_grid *g, int32_t lost_days)
{
	int			lo = 0,
				hi = g->nl;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (g->lost[mid] <= lost_days)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* The number of the sorted days that are <= day. */
static int32_t
days_until(const int32_t *days, int32_t ndays, int32_t day)
{
	int32_t		lo = 0,
				hi = ndays;

	/* usually all of them or the last few: look at the end first */
	if (ndays == 0 || days[ndays - 1] <= day)
		return ndays;
	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;

		if (days[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

cf_stage
cf_stage_at(int64_t orders, const int32_t *days, const uint32_t *counts, int32_t ndays,
			int score, int32_t day, const cf_ladder *l)
{
	int32_t		n = days_until(days, ndays, day);
	int32_t		j;

	/* no purchase day until day: a prospect then (a customer without days: by its orders, as stage_counts) */
	if (n == 0)
		return ndays > 0 ? CF_STAGE_PROSPECT : cf_loyalty_stage(orders, 0, 0, 0, score, l);
	if (n < ndays)
	{
		orders = 0;
		for (j = 0; j < n; j++)
			orders += counts ? counts[j] : 1;
	}
	return cf_loyalty_stage(orders, n - 1, days[n - 1] - days[0], day - days[n - 1], score, l);
}

bool
cf_stage_migration_add(int64_t migration[CF_STAGE_COUNT][CF_STAGE_COUNT], int64_t orders,
					   const int32_t *days, const uint32_t *counts, int32_t ndays, int score,
					   int32_t from_day, int32_t as_of_day, const cf_ladder *l)
{
	if (ndays > 0 && days[ndays - 1] > as_of_day)
		return false;
	migration[cf_stage_at(orders, days, counts, ndays, score, from_day, l)]
		[cf_stage_at(orders, days, counts, ndays, score, as_of_day, l)]++;
	return true;
}
