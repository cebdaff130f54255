/*
 * test_driver.c — unit tests of the key-driver core (core/driver.c): the
 * exact sums (integer fast path and error-free path agree), merging in any
 * order, the text form, the soundness checks, the Jacobi eigen-solver and
 * the analysis against values worked out by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "unit.h"

/* A state of k factors named f1..fk, malloc'd. */
static cf_driver_state *
new_state(int k)
{
	char		buf[CF_DRIVER_MAX_FACTORS][8];
	const char *name[CF_DRIVER_MAX_FACTORS];
	size_t		len[CF_DRIVER_MAX_FACTORS];
	unsigned char block[CF_DRIVER_MAX_FACTORS * 8];
	size_t		nl;
	cf_driver_state *s;
	int			i;

	for (i = 0; i < k; i++)
	{
		len[i] = (size_t) snprintf(buf[i], sizeof(buf[i]), "f%d", i + 1);
		name[i] = buf[i];
	}
	nl = cf_driver_names_block(k, name, len, block);
	s = malloc(cf_driver_size(k, nl));
	cf_driver_init(s, k, block, nl);
	s->vl_len_ = (int32_t) cf_driver_size(k, nl);
	return s;
}

static size_t
state_size(const cf_driver_state *s)
{
	return cf_driver_size(s->nfactors, (size_t) s->names_len);
}

/* The moments of two states agree exactly (hi + lo compared as a sum). */
static bool
same_sums(cf_driver_state *a, cf_driver_state *b)
{
	int			i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < cf_driver_nmoments(a->nfactors); i++)
		if (cf_driver_hi(a)[i] + cf_driver_lo(a)[i] != cf_driver_hi(b)[i] + cf_driver_lo(b)[i])
			return false;
	return true;
}

static void
test_names(void)
{
	const char *ok[] = {"a", "b"};
	size_t		okl[] = {1, 1};
	const char *dup[] = {"a", "b", "a"};
	size_t		dupl[] = {1, 1, 1};
	const char *empty[] = {"a", ""};
	size_t		emptyl[] = {1, 0};
	static const char long_name[CF_DRIVER_NAME_MAX + 1] = {0};
	const char *too_long[] = {"a", long_name};
	size_t		too_longl[] = {1, CF_DRIVER_NAME_MAX + 1};
	cf_error	why;

	CHECK(cf_driver_names_check(2, ok, okl, &why) == CF_OK);
	CHECK(cf_driver_names_check(3, dup, dupl, &why) == CF_EINVAL &&
		  strcmp(why.msg, "invalid factor names") == 0 &&
		  strcmp(why.detail, "factor name 3 repeats an earlier name") == 0);
	CHECK(cf_driver_names_check(2, empty, emptyl, &why) == CF_EINVAL &&
		  strcmp(why.detail, "factor name 2 is empty") == 0);
	CHECK(cf_driver_names_check(2, too_long, too_longl, &why) == CF_EINVAL &&
		  strcmp(why.detail, "factor name 2 is longer than 127 bytes") == 0);
	too_longl[1] = CF_DRIVER_NAME_MAX;
	CHECK(cf_driver_names_check(2, too_long, too_longl, &why) == CF_OK);
	CHECK(cf_driver_names_check(0, ok, okl, &why) == CF_EINVAL &&
		  strcmp(why.detail, "between 1 and 50 factors are allowed") == 0);
	CHECK(cf_driver_names_check(51, ok, okl, NULL) == CF_EINVAL);
	CHECK(cf_driver_names_block(2, ok, okl, NULL) == 4);
}

/* Sums by hand: y = (1, 2, 4), x = (3, 5, 6). */
static void
test_sums(void)
{
	cf_driver_state *s = new_state(1);
	double		x;
	char		name[CF_DRIVER_NAME_MAX + 1];

	x = 3;
	CHECK(cf_driver_add(s, 1, &x));
	x = 5;
	CHECK(cf_driver_add(s, 2, &x));
	x = 6;
	CHECK(cf_driver_add(s, 4, &x));
	CHECK(s->n == 3);
	CHECK(cf_driver_hi(s)[cf_driver_moment(1, 0, 1)] == 7);	/* sum y */
	CHECK(cf_driver_hi(s)[cf_driver_moment(1, 0, 2)] == 14);	/* sum x */
	CHECK(cf_driver_hi(s)[cf_driver_moment(1, 1, 1)] == 21);	/* sum y^2 */
	CHECK(cf_driver_hi(s)[cf_driver_moment(1, 1, 2)] == 37);	/* sum xy */
	CHECK(cf_driver_hi(s)[cf_driver_moment(1, 2, 2)] == 70);	/* sum x^2 */
	CHECK(cf_driver_name(s, 0, name) == 2 && strcmp(name, "f1") == 0);
	free(s);
}

/* The integer fast path and the error-free path give the same sums over the same rows. */
static void
test_fast_path_agrees(void)
{
	cf_driver_state *a = new_state(3),
			   *b = new_state(3);
	double		x[3];
	int			r;

	b->exact = 0;				/* as after a non-integer row: every row takes the error-free path */
	for (r = 0; r < 1000; r++)
	{
		x[0] = r % 7;
		x[1] = -(r % 11);
		x[2] = 1 + (r * 13) % 10;
		CHECK(cf_driver_add(a, r % 5, x) && cf_driver_add(b, r % 5, x));
	}
	CHECK(a->exact && !b->exact);
	CHECK(same_sums(a, b));
	free(a);
	free(b);
}

/* The FMA product loop (where the CPU has it) and the portable one give the same bits. */
static void
test_product_loops_agree(void)
{
	cf_driver_state *a = new_state(7),
			   *b = new_state(7);
	double		x[7];
	int			r,
				i;

	a->exact = b->exact = 0;
	for (r = 0; r < 500; r++)
	{
		for (i = 0; i < 7; i++)
			x[i] = (r * (i + 3) % 17) * 0.37 - 1e-3 * i + 1e5 * (i == 6);
		cf_driver_use_portable_products(false);
		CHECK(cf_driver_add(a, r * 0.1, x));
		cf_driver_use_portable_products(true);
		CHECK(cf_driver_add(b, r * 0.1, x));
	}
	cf_driver_use_portable_products(false);
	CHECK(memcmp(cf_driver_hi(a), cf_driver_hi(b), 2 * sizeof(double) * (size_t) cf_driver_nmoments(7)) == 0);
	free(a);
	free(b);
}

/* Merging partial states in any order gives sums within 2^-100 of the serial ones. */
static void
test_merge_order(void)
{
	cf_driver_state *serial = new_state(2),
			   *part[4],
			   *fwd = new_state(2),
			   *rev = new_state(2);
	int			r,
				i;

	for (i = 0; i < 4; i++)
		part[i] = new_state(2);
	for (r = 0; r < 4000; r++)
	{
		double		x[2] = {r * 0.001 + 1e6, 1.0 / (r + 1)};
		double		y = r * 0.37 - 100;

		CHECK(cf_driver_add(serial, y, x));
		CHECK(cf_driver_add(part[r % 4], y, x));
	}
	for (i = 0; i < 4; i++)
	{
		CHECK(cf_driver_merge(fwd, part[i]));
		CHECK(cf_driver_merge(rev, part[3 - i]));
	}
	CHECK(fwd->n == 4000 && rev->n == 4000);
	for (i = 0; i < cf_driver_nmoments(2); i++)
	{
		double		s = cf_driver_hi(serial)[i] + cf_driver_lo(serial)[i];

		CHECK_REL(cf_driver_hi(fwd)[i] + cf_driver_lo(fwd)[i], s, 1e-28);
		CHECK_REL(cf_driver_hi(rev)[i] + cf_driver_lo(rev)[i], s, 1e-28);
	}
	free(serial);
	free(fwd);
	free(rev);
	for (i = 0; i < 4; i++)
		free(part[i]);
}

static void
test_text_form(void)
{
	cf_error	why;
	cf_driver_state *s = new_state(2),
			   *t;
	double		x[2] = {0.1, 3};
	char		buf[4096],
				buf2[4096];
	size_t		size = 0,
				len;

	CHECK(cf_driver_add(s, 7, x));
	x[0] = -2.5;
	CHECK(cf_driver_add(s, 1e-7, x));
	len = cf_driver_format(s, buf, sizeof(buf));
	CHECK(len < sizeof(buf) && strncmp(buf, "v1;n=2;factor=\"f1\";factor=\"f2\";row=", 35) == 0);
	CHECK(cf_driver_format(s, NULL, 0) == len);
	CHECK(cf_error_detail(cf_driver_parse(buf, NULL, &size, &why), &why) == NULL && size == state_size(s));
	t = calloc(1, size);
	t->vl_len_ = (int32_t) size;
	CHECK(cf_error_detail(cf_driver_parse(buf, t, &size, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_driver_check(t, size, &why), &why) == NULL);
	CHECK(same_sums(s, t) && cf_driver_same_names(s, t) && !t->exact);
	cf_driver_format(t, buf2, sizeof(buf2));
	CHECK(strcmp(buf, buf2) == 0);
	/* the grammar's rules */
	CHECK(cf_error_detail(cf_driver_parse("v2;n=1;factor=\"x\";row=2:0,3:0;row=4:0,6:0;row=9:0", NULL, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=0;factor=\"x\";row=2:0,3:0;row=4:0,6:0;row=9:0", NULL, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;row=2:0,3:0;row=4:0,6:0;row=9:0", NULL, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x\";factor=\"x\";row=2:0", NULL, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"\";row=2:0", NULL, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x", NULL, &size, &why), &why) != NULL);
	free(t);
	size = cf_driver_size(1, 2);
	t = calloc(1, size);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x\";row=2:0,3:0;row=4:0,6:0", t, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x\";row=2:0,3:0;row=4:0,6:0;row=9:0;", t, &size, &why), &why) != NULL);	/* a trailing separator */
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x\";row=2:0,3:0;row=4:0,6:0;row=9:0,1:0", t, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x\";row=2:0,3:0;row=4:0,6:0;row=9", t, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x\";row=2:0,3:0;row=4:0,6:0;row=9:0;n=1", t, &size, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_parse("v1;n=1;factor=\"x\";row=2:0,3:0;row=4:0,6:0;row=-9:0", t, &size, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_driver_check(t, size, &why), &why) != NULL);	/* a negative sum of squares */
	free(t);
	free(s);
}

static void
test_problem(void)
{
	cf_error	why;
	cf_driver_state *s = new_state(2);
	double		x[2] = {1, 2};

	CHECK(cf_error_detail(cf_driver_check(s, state_size(s), &why), &why) != NULL);	/* no rows */
	CHECK(cf_driver_add(s, 1, x));
	CHECK(cf_error_detail(cf_driver_check(s, state_size(s), &why), &why) == NULL);
	CHECK(cf_error_detail(cf_driver_check(s, state_size(s) - 1, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_driver_check(s, 4, &why), &why) != NULL);
	cf_driver_names(s)[0] = 200;	/* a name longer than its block */
	CHECK(cf_error_detail(cf_driver_check(s, state_size(s), &why), &why) != NULL);
	cf_driver_names(s)[0] = 2;
	cf_driver_names(s)[5] = '1';	/* both names "f1" */
	CHECK(cf_error_detail(cf_driver_check(s, state_size(s), &why), &why) != NULL);
	cf_driver_names(s)[5] = '2';
	cf_driver_hi(s)[0] = 1.0 / 0.0;
	CHECK(cf_error_detail(cf_driver_check(s, state_size(s), &why), &why) != NULL);
	cf_driver_hi(s)[0] = 1;
	s->nfactors = 51;
	CHECK(cf_error_detail(cf_driver_check(s, state_size(s), &why), &why) != NULL);
	free(s);
}

/* Jacobi on [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, -1) and (1, 1) / sqrt 2. */
static void
test_eigen(void)
{
	double		a[4] = {2, 1, 1, 2},
				w[2],
				v[4];
	double		lo,
				hi;

	cf_driver_eigen(a, 2, w, v);
	lo = fmin(w[0], w[1]);
	hi = fmax(w[0], w[1]);
	CHECK_NEAR(lo, 1, 1e-15);
	CHECK_NEAR(hi, 3, 1e-15);
	CHECK_NEAR(fabs(v[0]), sqrt(0.5), 1e-15);
	CHECK_NEAR(fabs(v[1]), sqrt(0.5), 1e-15);
	CHECK_NEAR(v[0] * v[1] + v[2] * v[3], 0, 1e-15);
}

/*
 * Two factors worked by hand: rows (y, x1, x2) = (1,1,0), (2,0,1), (3,1,1),
 * (4,2,2), (0,0,0).  Co-moments (times 1/n): var x1 = var x2 = 6/5 - 0.64 =
 * 0.56, cov(x1, x2) = 5/5 - 0.64 = 0.36, so r = 9/14; cov(y, x1) = 12/5 - 1.6
 * = 0.8, cov(y, x2) = 13/5 - 1.6 = 1.0, var y = 30/5 - 4 = 2.  Then r1 =
 * 0.8 / sqrt(2 * 0.56), r2 = 1 / sqrt(2 * 0.56); x2 drives more.
 */
static void
test_weights_by_hand(void)
{
	cf_driver_state *s = new_state(2);
	double		rows[5][3] = {{1, 1, 0}, {2, 0, 1}, {3, 1, 1}, {4, 2, 2}, {0, 0, 0}};
	cf_driver_row out[2];
	cf_driver_result res;
	double		r = 9.0 / 14,
				r1 = 0.8 / sqrt(1.12),
				r2 = 1.0 / sqrt(1.12),
				a = (sqrt(1 + r) + sqrt(1 - r)) / 2,
				b = (sqrt(1 + r) - sqrt(1 - r)) / 2,
				z1 = (a * r1 - b * r2) / (a * a - b * b),
				z2 = (a * r2 - b * r1) / (a * a - b * b);
	int			i;

	for (i = 0; i < 5; i++)
		CHECK(cf_driver_add(s, rows[i][0], rows[i] + 1));
	CHECK(cf_driver_weights(s, &cf_malloc_allocator, out, &res) == CF_DRIVER_OK);
	/* x2 drives more: rank 1 */
	CHECK(out[0].factor == 1 && out[0].rank == 1 && out[1].factor == 0 && out[1].rank == 2);
	CHECK_NEAR(out[1].correlation, r1, 1e-15);
	CHECK_NEAR(out[0].correlation, r2, 1e-15);
	CHECK_NEAR(out[1].beta, (r1 - r * r2) / (1 - r * r), 1e-14);
	CHECK_NEAR(out[0].beta, (r2 - r * r1) / (1 - r * r), 1e-14);
	CHECK_NEAR(out[1].relative_weight, a * a * z1 * z1 + b * b * z2 * z2, 1e-14);
	CHECK_NEAR(out[0].relative_weight, b * b * z1 * z1 + a * a * z2 * z2, 1e-14);
	CHECK_NEAR(res.r2, (r1 * r1 + r2 * r2 - 2 * r * r1 * r2) / (1 - r * r), 1e-14);
	CHECK_NEAR(out[0].relative_weight + out[1].relative_weight, res.r2, 1e-15);
	free(s);
}

static void
test_weights_errors(void)
{
	cf_driver_state *s = new_state(2);
	cf_driver_row out[2];
	cf_driver_result res;
	double		x[2];
	int			i;

	x[0] = 1;
	x[1] = 2;
	CHECK(cf_driver_add(s, 1, x));
	CHECK(cf_driver_add(s, 2, x));
	CHECK(cf_driver_weights(s, &cf_malloc_allocator, out, &res) == CF_DRIVER_TOO_FEW);
	free(s);

	s = new_state(2);
	for (i = 0; i < 10; i++)
	{
		x[0] = i * 0.1;
		x[1] = 0.1;				/* constant, not an integer: the error-free path */
		CHECK(cf_driver_add(s, i * i, x));
	}
	CHECK(cf_driver_weights(s, &cf_malloc_allocator, out, &res) == CF_DRIVER_CONSTANT_FACTOR && res.which == 1);
	free(s);

	s = new_state(2);
	for (i = 0; i < 10; i++)
	{
		x[0] = i * 0.1;
		x[1] = 3 * x[0] + 1;
		CHECK(cf_driver_add(s, i * i, x));
	}
	CHECK(cf_driver_weights(s, &cf_malloc_allocator, out, &res) == CF_DRIVER_COLLINEAR &&
		  res.collinear[0] && res.collinear[1]);
	free(s);

	s = new_state(1);
	for (i = 0; i < 10; i++)
	{
		x[0] = i;
		CHECK(cf_driver_add(s, 0.3, x));
	}
	CHECK(cf_driver_weights(s, &cf_malloc_allocator, out, &res) == CF_DRIVER_CONSTANT_OUTCOME);
	free(s);
}

int
main(void)
{
	test_names();
	test_sums();
	test_fast_path_agrees();
	test_product_loops_agree();
	test_merge_order();
	test_text_form();
	test_problem();
	test_eigen();
	test_weights_by_hand();
	test_weights_errors();
	return unit_report("driver");
}
