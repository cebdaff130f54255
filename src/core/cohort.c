/*
 * cohort.c — calendar periods and the cohort and lifecycle tables (see cohort.h).
 */
#include <string.h>

#include "cohort.h"
#include "text_form.h"			/* civil dates */

static const char *const period_names[] = {"day", "week", "month", "quarter", "year"};

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

bool
cf_period_from_name(const char *name, size_t len, cf_period *p)
{
	size_t		i,
				k;

	for (i = 0; i < sizeof period_names / sizeof period_names[0]; i++)
	{
		const char *n = period_names[i];

		if (strlen(n) != len)
			continue;
		for (k = 0; k < len; k++)
		{
			char		c = name[k];

			if (c >= 'A' && c <= 'Z')
				c = (char) (c - 'A' + 'a');
			if (c != n[k])
				break;
		}
		if (k == len)
		{
			*p = (cf_period) i;
			return true;
		}
	}
	return false;
}

const char *
cf_period_name(cf_period p)
{
	return period_names[p];
}

int64_t
cf_period_index(cf_period p, int64_t day)
{
	int64_t		y;
	int			m,
				d;

	switch (p)
	{
		case CF_PERIOD_DAY:
			return day;
		case CF_PERIOD_WEEK:
			/* 2000-01-01 was a Saturday: day + 5 counts from Monday 1999-12-27 */
			return floor_div(day + 5, 7);
		default:
			break;
	}
	cf_tf_civil_from_days(day, &y, &m, &d);
	if (p == CF_PERIOD_MONTH)
		return y * 12 + (m - 1);
	if (p == CF_PERIOD_QUARTER)
		return y * 4 + (m - 1) / 3;
	return y;
}

int64_t
cf_period_first_day(cf_period p, int64_t index)
{
	int64_t		y;

	switch (p)
	{
		case CF_PERIOD_DAY:
			return index;
		case CF_PERIOD_WEEK:
			return index * 7 - 5;
		case CF_PERIOD_MONTH:
			y = floor_div(index, 12);
			return cf_tf_days_from_civil(y, (int) (index - y * 12) + 1, 1);
		case CF_PERIOD_QUARTER:
			y = floor_div(index, 4);
			return cf_tf_days_from_civil(y, (int) (index - y * 4) * 3 + 1, 1);
		case CF_PERIOD_YEAR:
			return cf_tf_days_from_civil(index, 1, 1);
	}
	return index;
}

void
cf_period_cursor_init(cf_period_cursor *c, cf_period p)
{
	c->period = p;
	c->index = 0;
	c->from = 1;
	c->until = 0;				/* empty: the first day computes */
}

int64_t
cf_period_cursor_index(cf_period_cursor *c, int64_t day)
{
	if (day >= c->from && day < c->until)
		return c->index;
	c->index = cf_period_index(c->period, day);
	c->from = cf_period_first_day(c->period, c->index);
	c->until = cf_period_first_day(c->period, c->index + 1);
	return c->index;
}

void
cf_period_map_init(cf_period_map *m, cf_period p, int64_t last_day, const cf_allocator *mem)
{
	int64_t		i;

	memset(m, 0, sizeof(*m));
	m->period = p;
	cf_period_cursor_init(&m->cursor, p);
	/*
	 * Days and weeks are plain arithmetic, but through the cursor each
	 * customer's first day misses (the previous customer left it elsewhere)
	 * and each new week costs three calls: a table is one load for them too
	 * (weekly cohort_retention over a stored 1M-customer ladder: 300 ms CPU
	 * with the cursor).
	 */
	m->index = cf_alloc_array(mem, CF_PERIOD_MAP_DAYS, sizeof(int32_t));
	if (!m->index)
		return;
	m->first = last_day - CF_PERIOD_MAP_DAYS + 1;
	m->ndays = CF_PERIOD_MAP_DAYS;
	m->base = cf_period_index(p, m->first);
	for (i = 0; i < m->ndays; i++)
		m->index[i] = (int32_t) (cf_period_cursor_index(&m->cursor, m->first + i) - m->base);
}

void
cf_period_map_free(cf_period_map *m, const cf_allocator *mem)
{
	cf_free(mem, m->index);
	m->index = NULL;
	m->ndays = 0;
}

/* ---------- cohort retention ---------- */

void
cf_cohort_init(cf_cohort_table *t, cf_period p, int32_t as_of_day, const cf_allocator *mem)
{
	memset(t, 0, sizeof(*t));
	t->period = p;
	t->as_of_day = as_of_day;
	t->last = cf_period_index(p, as_of_day);
	t->mem = *mem;
	cf_period_map_init(&t->map, p, as_of_day, mem);
}

/* Room for cohort k (k + 1 counts, zeroed); CF_OK, _ENOMEM or _ETOOBIG. */
static int
cohort_row(cf_cohort_table *t, int64_t k)
{
	if (k >= t->nk)
	{
		int64_t		nk = t->nk * 2 > k + 1 ? t->nk * 2 : k + 1;
		int64_t   **cells;

		if (nk > CF_COHORT_MAX_CELLS)
			nk = k + 1;
		if (nk > CF_COHORT_MAX_CELLS)
			return CF_ERANGE;
		cells = cf_alloc_array(&t->mem, (size_t) nk, sizeof(int64_t *));
		if (!cells)
			return CF_ENOMEM;
		memset(cells, 0, sizeof(int64_t *) * (size_t) nk);
		if (t->nk > 0)
		{
			memcpy(cells, t->cells, sizeof(int64_t *) * (size_t) t->nk);
			t->mem.free(t->cells);
		}
		t->cells = cells;
		t->nk = nk;
	}
	if (t->cells[k] == NULL)
	{
		if (t->ncells + k + 1 > CF_COHORT_MAX_CELLS)
			return CF_ERANGE;
		t->cells[k] = cf_alloc_array(&t->mem, (size_t) k + 1, sizeof(int64_t));
		if (!t->cells[k])
			return CF_ENOMEM;
		memset(t->cells[k], 0, sizeof(int64_t) * (size_t) (k + 1));
		t->ncells += k + 1;
	}
	return CF_OK;
}

int
cf_cohort_add(cf_cohort_table *t, const int32_t *days, int32_t ndays)
{
	int64_t		cohort,
				prev,
			   *row;
	int32_t		j;
	int			rc;

	if (ndays == 0)
		return CF_OK;
	if (days[ndays - 1] > t->as_of_day)
		return CF_EINVAL;
	cohort = cf_period_map_index(&t->map, days[0]);
	if ((rc = cohort_row(t, t->last - cohort)) != CF_OK)
		return rc;
	row = t->cells[t->last - cohort];
	prev = cohort - 1;
	for (j = 0; j < ndays; j++)
	{
		int64_t		p = cf_period_map_index(&t->map, days[j]);

		if (p < prev)
			return CF_EINVAL;
		if (p != prev)
			row[p - cohort]++;
		prev = p;
	}
	return CF_OK;
}

void
cf_cohort_free(cf_cohort_table *t)
{
	int64_t		k;

	for (k = 0; k < t->nk; k++)
		cf_free(&t->mem, t->cells[k]);
	cf_free(&t->mem, t->cells);
	t->cells = NULL;
	t->nk = 0;
	t->ncells = 0;
	cf_period_map_free(&t->map, &t->mem);
}

/* ---------- lifecycle counts ---------- */

void
cf_lifecycle_init(cf_lifecycle_table *t, cf_period p, int32_t as_of_day, const cf_allocator *mem)
{
	memset(t, 0, sizeof(*t));
	t->period = p;
	t->as_of_day = as_of_day;
	t->last = cf_period_index(p, as_of_day);
	t->mem = *mem;
	cf_period_map_init(&t->map, p, as_of_day, mem);
}

/* Room for period j = last - p (4 zeroed counts each); CF_OK, _ENOMEM or _ETOOBIG. */
static int
lifecycle_room(cf_lifecycle_table *t, int64_t j)
{
	int64_t		nj;
	int64_t    *counts;

	if (j < t->nj)
		return CF_OK;
	nj = t->nj * 2 > j + 1 ? t->nj * 2 : j + 1;
	if (nj * 4 > CF_COHORT_MAX_CELLS)
		nj = j + 1;
	if (nj * 4 > CF_COHORT_MAX_CELLS)
		return CF_ERANGE;
	counts = cf_alloc_array(&t->mem, (size_t) nj * 4, sizeof(int64_t));
	if (!counts)
		return CF_ENOMEM;
	memset(counts, 0, sizeof(int64_t) * 4 * (size_t) nj);
	if (t->nj > 0)
	{
		memcpy(counts, t->counts, sizeof(int64_t) * 4 * (size_t) t->nj);
		t->mem.free(t->counts);
	}
	t->counts = counts;
	t->nj = nj;
	return CF_OK;
}

int
cf_lifecycle_add(cf_lifecycle_table *t, const int32_t *days, int32_t ndays)
{
	int64_t		first,
				prev;
	int32_t		j;
	int			rc;

	if (ndays == 0)
		return CF_OK;
	if (days[ndays - 1] > t->as_of_day)
		return CF_EINVAL;
	first = cf_period_map_index(&t->map, days[0]);
	/* the first period is the earliest: room for every later one too */
	if ((rc = lifecycle_room(t, t->last - first)) != CF_OK)
		return rc;
	if (!t->any || first < t->first)
		t->first = first;
	t->any = true;
	t->counts[4 * (t->last - first) + CF_LIFECYCLE_NEW]++;
	prev = first;
	for (j = 1; j < ndays; j++)
	{
		int64_t		p = cf_period_map_index(&t->map, days[j]);

		if (p < prev)
			return CF_EINVAL;
		if (p == prev)
			continue;
		if (p == prev + 1)
			t->counts[4 * (t->last - p) + CF_LIFECYCLE_RETAINED]++;
		else
		{
			t->counts[4 * (t->last - p) + CF_LIFECYCLE_REACTIVATED]++;
			t->counts[4 * (t->last - prev - 1) + CF_LIFECYCLE_CHURNED]++;
		}
		prev = p;
	}
	if (prev < t->last)
		t->counts[4 * (t->last - prev - 1) + CF_LIFECYCLE_CHURNED]++;
	return CF_OK;
}

void
cf_lifecycle_free(cf_lifecycle_table *t)
{
	cf_free(&t->mem, t->counts);
	t->counts = NULL;
	t->nj = 0;
	cf_period_map_free(&t->map, &t->mem);
}
