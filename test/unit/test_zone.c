/*
 * test_zone.c — unit tests of recorded zone names (zone.h) and of merges of
 * profiles and loyalty ladders recorded under UTC-equivalent names: which
 * names count as one zone, that names of the same length are still compared
 * byte for byte, and that the name a merge carries does not depend on the
 * order or grouping of the merges (serial = parallel = Citus).
 */
#include <stdlib.h>
#include <string.h>

#include "customer_profile.h"
#include "loyalty_ladder.h"
#include "unit.h"
#include "zone.h"

#define D CF_USECS_PER_DAY

static const char *const utc_names[] = {
	"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal",
	"Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0",
	"Greenwich", "Etc/Greenwich",
};
#define NUTC ((int) (sizeof utc_names / sizeof utc_names[0]))

/* Real zones that are not UTC, some exactly as long as a UTC name, some UTC-like spellings not in the table. */
static const char *const other_names[] = {
	"CET", "EST", "Europe/Rome", "Europe/Oslo", "Etc/GMT+1", "Etc/GMT-0", "GMT+0", "UTC0", "UTCX",
	"Etc/UTC ", "Zulu2", "Asia/Tokyo", "Asia/Seoul", "Etc/Zulu/", "Universa",
};
#define NOTHER ((int) (sizeof other_names / sizeof other_names[0]))

static bool
same(const char *a, const char *b)
{
	return cf_zone_same(a, strlen(a), b, strlen(b));
}

/* The merged name of a and b as a NUL-terminated string in a static buffer. */
static const char *
merged(const char *a, const char *b)
{
	static char buf[CF_ZONE_MAX_NAME + 1];
	size_t		len;
	const char *m = cf_zone_merged(a, strlen(a), b, strlen(b), &len);

	memcpy(buf, m, len);
	buf[len] = '\0';
	return buf;
}

static void
test_names(void)
{
	int			i,
				j;
	char		lower[32];

	for (i = 0; i < NUTC; i++)
	{
		CHECK(cf_zone_name_ok(utc_names[i], strlen(utc_names[i])));
		CHECK(cf_zone_is_utc(utc_names[i], strlen(utc_names[i])));
		/* looked up case-insensitively, as pg_tzset does */
		for (j = 0; utc_names[i][j]; j++)
			lower[j] = (char) ((utc_names[i][j] >= 'A' && utc_names[i][j] <= 'Z') ? utc_names[i][j] + 32 : utc_names[i][j]);
		lower[j] = '\0';
		CHECK(cf_zone_is_utc(lower, strlen(lower)));
	}
	/* a prefix of a name is not the name */
	CHECK(!cf_zone_is_utc("Etc/UT", 6) && !cf_zone_is_utc("Univers", 7) && !cf_zone_is_utc("Zul", 3) &&
		  !cf_zone_is_utc("Etc/", 4) && !cf_zone_is_utc("", 0) && !cf_zone_is_utc("Greenwic", 8));
	for (i = 0; i < NOTHER; i++)
		CHECK(!cf_zone_is_utc(other_names[i], strlen(other_names[i])));

	/* the recordable names */
	CHECK(cf_zone_name_ok("Europe/Berlin", 13));
	CHECK(cf_zone_name_ok("<+05>-05", 8));
	CHECK(!cf_zone_name_ok("", 0));
	CHECK(!cf_zone_name_ok("UTC;x", 5));
	CHECK(!cf_zone_name_ok("Etc/UTC ", 8));
	CHECK(!cf_zone_name_ok("A\x7f", 2));
	CHECK(!cf_zone_name_ok("\xc3\xa9", 2));
	{
		char		big[300];

		memset(big, 'A', sizeof big);
		CHECK(cf_zone_name_ok(big, 255));
		CHECK(!cf_zone_name_ok(big, 256));
	}
}

static void
test_same_and_merged(void)
{
	int			i,
				j,
				k;

	/* every UTC-equivalent name is the same zone as every other */
	for (i = 0; i < NUTC; i++)
		for (j = 0; j < NUTC; j++)
		{
			CHECK(same(utc_names[i], utc_names[j]));
			CHECK(strcmp(merged(utc_names[i], utc_names[j]), i == j ? utc_names[i] : "UTC") == 0);
		}
	/* other names: only themselves, byte for byte, whatever their length */
	for (i = 0; i < NOTHER; i++)
	{
		for (j = 0; j < NOTHER; j++)
			CHECK(same(other_names[i], other_names[j]) == (i == j));
		for (j = 0; j < NUTC; j++)
			CHECK(!same(other_names[i], utc_names[j]) && !same(utc_names[j], other_names[i]));
		CHECK(strcmp(merged(other_names[i], other_names[i]), other_names[i]) == 0);
	}
	/* the same length is not the same name (the bug of a length-only compare) */
	CHECK(strlen("Europe/Rome") == strlen("Europe/Oslo") && !same("Europe/Rome", "Europe/Oslo"));
	CHECK(strlen("Asia/Tokyo") == strlen("Asia/Seoul") && !same("Asia/Tokyo", "Asia/Seoul"));
	CHECK(!same("CET", "EST"));
	/* case differences of a UTC name merge to UTC; of another zone they are not the same */
	CHECK(same("utc", "UTC") && strcmp(merged("utc", "UTC"), "UTC") == 0);
	CHECK(!same("europe/berlin", "Europe/Berlin"));

	/* the merged name is commutative and associative over the UTC class */
	for (i = 0; i < NUTC; i++)
		for (j = 0; j < NUTC; j++)
			for (k = 0; k < NUTC; k++)
			{
				char		left[64],
							right[64];

				strcpy(left, merged(merged(utc_names[i], utc_names[j]), utc_names[k]));
				strcpy(right, merged(utc_names[i], merged(utc_names[j], utc_names[k])));
				CHECK(strcmp(left, right) == 0);
				CHECK(strcmp(merged(utc_names[i], utc_names[j]), merged(utc_names[j], utc_names[i])) == 0);
				/* one name throughout keeps it; any mix gives UTC */
				CHECK(strcmp(left, (i == j && j == k) ? utc_names[i] : "UTC") == 0);
			}
}

/* ---------- profiles ---------- */

/* An allocator that remembers every block so the test frees them all at the end. */
static void *blocks[100000];
static int	nblocks;

static void *
talloc(size_t size)
{
	void	   *p;

	if (nblocks == (int) (sizeof blocks / sizeof blocks[0]))
		return NULL;
	p = malloc(size);
	if (p)
		blocks[nblocks++] = p;
	return p;
}

static void
tfree(void *p)
{
	int			i;

	for (i = 0; i < nblocks; i++)
		if (blocks[i] == p)
		{
			blocks[i] = NULL;
			break;
		}
	free(p);
}

static const cf_allocator tmem = {talloc, tfree};

static void
free_all(void)
{
	while (nblocks > 0)
		free(blocks[--nblocks]);
}

/* A profile in zone with orders on days first, first + 1, ... (n orders of 1.5 each). */
static cf_profile *
profile_of(const char *zone, int32_t first, int n)
{
	cf_profile *p = cf_profile_first(zone, (int) strlen(zone), first * D, first, 15, 1, &tmem);
	int			i;

	for (i = 1; i < n; i++)
		CHECK(cf_profile_add(&p, (int64_t) (first + i) * D, first + i, 15, 1, &tmem) == CF_OK);
	return p;
}

static cf_profile *
copy_of(const cf_profile *p)
{
	size_t		size = cf_profile_size(p->zone_len, p->big_nlimbs, p->day_cap);
	cf_profile *c = talloc(size);

	memcpy(c, p, size);
	return c;
}

/* Text of a profile, compacted (as the aggregate's final function does). */
static char *
text_of(const cf_profile *p)
{
	static char buf[4][4096];
	static int	next;
	char	   *b = buf[next++ % 4];
	cf_profile *c = cf_profile_compact(p, &tmem);

	cf_profile_format(c, b, 4096);
	return b;
}

static void
test_profiles(void)
{
	cf_error	why;
	const char *zones[] = {"Etc/UTC", "UTC", "Zulu", "Etc/Greenwich"};
	cf_profile *parts[4];
	char		expect[4096];
	int			perm[24][4],
				np = 0,
				a,
				b,
				c,
				d,
				i;

	for (i = 0; i < 4; i++)
		parts[i] = profile_of(zones[i], 10 * i, 30 + i);	/* 30+ days: limbs/days far past the zone */

	/* all permutations, folded left: one result, named UTC */
	for (a = 0; a < 4; a++)
		for (b = 0; b < 4; b++)
			for (c = 0; c < 4; c++)
				for (d = 0; d < 4; d++)
					if (a != b && a != c && a != d && b != c && b != d && c != d)
					{
						perm[np][0] = a;
						perm[np][1] = b;
						perm[np][2] = c;
						perm[np][3] = d;
						np++;
					}
	expect[0] = '\0';
	for (i = 0; i < np; i++)
	{
		cf_profile *m = copy_of(parts[perm[i][0]]);
		int			k;

		for (k = 1; k < 4; k++)
			CHECK(cf_profile_merge(&m, parts[perm[i][k]], &tmem) == CF_OK);
		CHECK(cf_error_detail(cf_profile_check(m, cf_profile_size(m->zone_len, m->big_nlimbs, m->day_cap), &why), &why) == NULL);
		if (i == 0)
			strcpy(expect, text_of(m));
		CHECK(strcmp(text_of(m), expect) == 0);
	}
	CHECK(strncmp(expect, "v2;tz=UTC;orders=126;", 21) == 0);
	/* a tree: (0+1) + (2+3) equals the left fold */
	{
		cf_profile *l = copy_of(parts[0]),
				   *r = copy_of(parts[2]);

		CHECK(cf_profile_merge(&l, parts[1], &tmem) == CF_OK);
		CHECK(cf_profile_merge(&r, parts[3], &tmem) == CF_OK);
		CHECK(cf_profile_merge(&l, r, &tmem) == CF_OK);
		CHECK(strcmp(text_of(l), expect) == 0);
	}
	/* the same result as one profile built in UTC from all the orders */
	{
		cf_profile *all = profile_of("UTC", 0, 30);

		for (i = 1; i < 4; i++)
		{
			cf_profile *more = profile_of("UTC", 10 * i, 30 + i);

			CHECK(cf_profile_merge(&all, more, &tmem) == CF_OK);
		}
		CHECK(strcmp(text_of(all), expect) == 0);
	}
	/* one name throughout keeps that name */
	{
		cf_profile *x = profile_of("Etc/UTC", 0, 5),
				   *y = profile_of("Etc/UTC", 3, 5);

		CHECK(cf_profile_merge(&x, y, &tmem) == CF_OK);
		CHECK(strncmp(text_of(x), "v2;tz=Etc/UTC;orders=10;", 24) == 0);
	}
	/* adopt_zone in place: the block shrinks, days and limbs move with it */
	{
		cf_profile *x = profile_of("Etc/Universal", 5, 40);
		char		before[4096];
		const char *after;

		strcpy(before, text_of(x));
		cf_profile_adopt_zone(x, "Zulu", 4);
		CHECK(x->zone_len == 3 && memcmp(cf_profile_zone(x), "UTC", 3) == 0);
		CHECK(cf_error_detail(cf_profile_check(x, cf_profile_size(x->zone_len, x->big_nlimbs, x->day_cap), &why), &why) == NULL);
		after = text_of(x);
		CHECK(strncmp(before, "v2;tz=Etc/Universal;", 20) == 0 && strncmp(after, "v2;tz=UTC;", 10) == 0);
		CHECK(strcmp(strchr(before, ';') + strlen(";tz=Etc/Universal"), strchr(after, ';') + strlen(";tz=UTC")) == 0);
	}
	/* with a big revenue part (limbs between the zone and the days) */
	{
		cf_profile *x = profile_of("Etc/Greenwich", 0, 3),
				   *y = profile_of("GMT", 1, 2);
		cf_bigdec	big;
		char		before[4096];

		CHECK(cf_bigdec_parse(&big, "123456789012345678901234567890123456789012345", 45) == 0);
		CHECK(cf_profile_add_big(&x, 9 * D, 9, &big, &tmem) == CF_OK);
		cf_bigdec_free(&big);
		CHECK(x->big_nlimbs > 0);
		strcpy(before, text_of(x));
		CHECK(cf_profile_merge(&x, y, &tmem) == CF_OK);
		CHECK(cf_error_detail(cf_profile_check(x, cf_profile_size(x->zone_len, x->big_nlimbs, x->day_cap), &why), &why) == NULL);
		CHECK(strstr(text_of(x), "revenue=123456789012345678901234567890123456789012352.5;") != NULL);
		CHECK(strncmp(text_of(x), "v2;tz=UTC;orders=6;", 19) == 0);
	}
	/* refusals, the profile untouched: another zone, the same length or not */
	{
		cf_profile *x = profile_of("Europe/Rome", 0, 3),
				   *y = profile_of("Europe/Oslo", 0, 3),
				   *u = profile_of("UTC", 0, 3),
				   *e = profile_of("Etc/GMT+1", 0, 3);
		char		before[4096];

		strcpy(before, text_of(x));
		CHECK(cf_profile_merge(&x, y, &tmem) == CF_EZONE);
		CHECK(cf_profile_merge(&x, u, &tmem) == CF_EZONE);
		CHECK(cf_profile_merge(&u, e, &tmem) == CF_EZONE);
		CHECK(strcmp(text_of(x), before) == 0);
		CHECK(strncmp(text_of(u), "v2;tz=UTC;orders=3;", 19) == 0);
	}
	free_all();
}

/* ---------- loyalty ladders ---------- */

static cf_loyalty_ladder *
loyalty_ladder_of(const char *zone, int64_t first_id)
{
	cf_loyalty_ladder  *r = cf_loyalty_ladder_new(zone, (int) strlen(zone), 1000 * D, &cf_malloc_allocator);
	int64_t		failed;
	int			i;

	for (i = 0; i < 5; i++)
		CHECK(cf_loyalty_ladder_add(r, first_id + i, true, 100 + i, &failed) == CF_LOYALTY_LADDER_OK);
	CHECK(cf_loyalty_ladder_flush(r, &failed) == CF_LOYALTY_LADDER_OK);
	return r;
}

static char *
loyalty_ladder_text(cf_loyalty_ladder *r)
{
	size_t		n;
	char	   *buf;

	cf_loyalty_ladder_sort(r);
	n = cf_loyalty_ladder_format(r, NULL, 0);
	buf = malloc(n + 1);
	cf_loyalty_ladder_format(r, buf, n + 1);
	return buf;
}

/* dst merged with src through the binary form (as a stored value is read). */
static int
merge_binary(cf_loyalty_ladder *dst, cf_loyalty_ladder *src)
{
	size_t		len;
	uint8_t    *bin;
	cf_loyalty_ladder_reader rd;
	int			rc;

	cf_loyalty_ladder_sort(src);
	len = cf_loyalty_ladder_binary_size(src);
	bin = malloc(len);
	cf_loyalty_ladder_to_binary(src, bin);
	CHECK(cf_loyalty_ladder_reader_open(&rd, bin, len, true, &cf_malloc_allocator));
	rc = cf_loyalty_ladder_merge_binary(dst, &rd);
	cf_loyalty_ladder_reader_close(&rd);
	free(bin);
	return rc;
}

static void
test_loyalty_ladders(void)
{
	const char *zones[] = {"Etc/UTC", "Zulu", "UTC"};
	char	   *texts[2][6];
	int			order[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
	int			i,
				k,
				binary;

	for (binary = 0; binary < 2; binary++)
		for (i = 0; i < 6; i++)
		{
			cf_loyalty_ladder  *m = loyalty_ladder_of(zones[order[i][0]], 10 * order[i][0]);

			for (k = 1; k < 3; k++)
			{
				cf_loyalty_ladder  *s = loyalty_ladder_of(zones[order[i][k]], 10 * order[i][k]);

				CHECK((binary ? merge_binary(m, s) : cf_loyalty_ladder_merge(m, s)) == CF_LOYALTY_LADDER_OK);
				cf_loyalty_ladder_free(s);
			}
			texts[binary][i] = loyalty_ladder_text(m);
			cf_loyalty_ladder_free(m);
		}
	for (binary = 0; binary < 2; binary++)
		for (i = 0; i < 6; i++)
			CHECK(strcmp(texts[binary][i], texts[0][0]) == 0);
	CHECK(strncmp(texts[0][0], "v2;tz=UTC;", 10) == 0);
	for (binary = 0; binary < 2; binary++)
		for (i = 0; i < 6; i++)
			free(texts[binary][i]);

	/* one name throughout keeps it; another zone of the same length is refused, dst untouched */
	{
		cf_loyalty_ladder  *a = loyalty_ladder_of("Etc/UTC", 0),
				   *b = loyalty_ladder_of("Etc/UTC", 10),
				   *rome = loyalty_ladder_of("Europe/Rome", 0),
				   *oslo = loyalty_ladder_of("Europe/Oslo", 10);
		char	   *t,
				   *before;

		CHECK(cf_loyalty_ladder_merge(a, b) == CF_LOYALTY_LADDER_OK);
		t = loyalty_ladder_text(a);
		CHECK(strncmp(t, "v2;tz=Etc/UTC;", 14) == 0);
		free(t);
		CHECK(cf_loyalty_ladder_compatible(a, b) && !cf_loyalty_ladder_compatible(rome, oslo) && !cf_loyalty_ladder_compatible(a, rome));
		before = loyalty_ladder_text(rome);
		CHECK(cf_loyalty_ladder_merge(rome, oslo) == CF_LOYALTY_LADDER_EMISMATCH);
		CHECK(merge_binary(rome, oslo) == CF_LOYALTY_LADDER_EMISMATCH);
		CHECK(merge_binary(a, rome) == CF_LOYALTY_LADDER_EMISMATCH);
		t = loyalty_ladder_text(rome);
		CHECK(strcmp(t, before) == 0);
		free(t);
		free(before);
		/* adopt_zone: mixed names give UTC, the same name keeps it */
		cf_loyalty_ladder_adopt_zone(b, "Etc/UTC", 7);
		CHECK(b->zone_len == 7 && memcmp(b->zone, "Etc/UTC", 7) == 0);
		cf_loyalty_ladder_adopt_zone(b, "GMT", 3);
		CHECK(b->zone_len == 3 && memcmp(b->zone, "UTC", 3) == 0);
		cf_loyalty_ladder_free(a);
		cf_loyalty_ladder_free(b);
		cf_loyalty_ladder_free(rome);
		cf_loyalty_ladder_free(oslo);
	}
}

int
main(void)
{
	test_names();
	test_same_and_merged();
	test_profiles();
	test_loyalty_ladders();
	return unit_report("zone");
}
