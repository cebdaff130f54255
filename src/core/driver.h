/*
 * driver.h — key-driver analysis: the mergeable moments of an outcome and k
 * factor ratings (n and the sums of all their products), the standardized
 * betas of the outcome's regression on the factors and Johnson's (2000)
 * relative weights.
 *
 * Pure C: no PostgreSQL headers.  The first field of the stored struct is
 * room for PostgreSQL's varlena length word; the core never touches it.
 */
#ifndef CF_DRIVER_H
#define CF_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "error.h"

#define CF_DRIVER_FORMAT_VERSION 1
#define CF_DRIVER_MAX_FACTORS	50
#define CF_DRIVER_NAME_MAX		127		/* bytes of a factor name */
#define CF_DRIVER_VALUE_BOUND	1e100	/* |outcome|, |rating| at most: products stay far from overflow */

/*
 * The sums are over the vector v = (1, outcome, rating_1 .. rating_k), one
 * sum per pair i <= j except (0, 0) (that is n): row 0 holds the sums of the
 * values, the other rows the sums of products.  Each sum is a double-double
 * (hi + lo) to which every product is added exactly (error-free products and
 * sums), so that the order rows and partial states arrive in changes the sums
 * by about 2^-100 of their size: serial, parallel and rollup results agree far
 * inside 1e-12, and a constant factor has a co-moment of zero.
 *
 * Layout after the header: double hi[nmoments], double lo[nmoments], then the
 * factor names, each as one length byte and its bytes.
 */
typedef struct cf_driver_state
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		nfactors;
	int32_t		names_len;		/* bytes of the names block */
	int32_t		exact;			/* transient, not in the text or binary form: see cf_driver_add */
	int64_t		n;				/* complete rows */
} cf_driver_state;

/* Moments of k factors: (k + 2)(k + 3) / 2 - 1. */
static inline int
cf_driver_nmoments(int k)
{
	return (k + 2) * (k + 3) / 2 - 1;
}

/* Index of the sum of v[i] * v[j], 0 <= i <= j <= k + 1, (i, j) != (0, 0). */
static inline int
cf_driver_moment(int k, int i, int j)
{
	int			m = k + 2;

	return i * m - i * (i - 1) / 2 + (j - i) - 1;
}

static inline double *
cf_driver_hi(cf_driver_state *s)
{
	return (double *) (s + 1);
}

static inline double *
cf_driver_lo(cf_driver_state *s)
{
	return cf_driver_hi(s) + cf_driver_nmoments(s->nfactors);
}

static inline unsigned char *
cf_driver_names(cf_driver_state *s)
{
	return (unsigned char *) (cf_driver_lo(s) + cf_driver_nmoments(s->nfactors));
}

size_t		cf_driver_size(int k, size_t names_len);

/*
 * CF_OK when the names (n of them, name[i] of len[i] bytes) are usable: 1 to
 * 50 names, each 1 to 127 bytes, no two equal; else CF_EINVAL with the rule
 * broken, naming the 1-based position of the offending name, in err.
 */
int			cf_driver_names_check(int n, const char *const *name, const size_t *len, cf_error *err);

/* The names block of usable names: its size, and the bytes into buf when buf is not NULL. */
size_t		cf_driver_names_block(int n, const char *const *name, const size_t *len, unsigned char *buf);

/* s (of cf_driver_size(k, names_len) bytes) = no rows, with these names. */
void		cf_driver_init(cf_driver_state *s, int k, const unsigned char *names, size_t names_len);

/* True when both states have the same factors in the same order. */
bool		cf_driver_same_names(const cf_driver_state *a, const cf_driver_state *b);

/* The i-th name (0-based) into out[CF_DRIVER_NAME_MAX + 1], NUL-terminated; its length. */
size_t		cf_driver_name(const cf_driver_state *s, int i, char *out);

/* Adds a complete row (values within the bound, checked by the caller); false when n would overflow. */
bool		cf_driver_add(cf_driver_state *s, double outcome, const double *ratings);

/*
 * Tests only: true makes cf_driver_add use the portable product loop, false
 * lets it choose again (the FMA loop where the CPU has AVX2 and FMA).
 */
void		cf_driver_use_portable_products(bool portable);

/* dst += src (same names, checked by the caller); false when n would overflow. */
bool		cf_driver_merge(cf_driver_state *dst, const cf_driver_state *src);

/* 'v1;n=3;factor="price";...;row=<hi>:<lo>,...', like snprintf. */
size_t		cf_driver_format(const cf_driver_state *s, char *buf, size_t buflen);

/*
 * Parses a text form.  With out NULL, only checks the grammar and sets
 * *size to the bytes the state needs; then parse again into out of that size.
 * CF_OK, else CF_ESYNTAX with what is wrong in err's detail.
 */
int			cf_driver_parse(const char *text, cf_driver_state *out, size_t *size, cf_error *err);

/* CF_OK when a state of size bytes (from text, binary or disk) is sound, else CF_EINVAL with err's detail. */
int			cf_driver_check(const cf_driver_state *s, size_t size, cf_error *err);

/* ---------- the analysis ---------- */

typedef enum cf_driver_error
{
	CF_DRIVER_OK = 0,
	CF_DRIVER_TOO_FEW,			/* n <= k + 1: no residual degree of freedom */
	CF_DRIVER_CONSTANT_OUTCOME,
	CF_DRIVER_CONSTANT_FACTOR,	/* factor index in *which */
	CF_DRIVER_COLLINEAR,		/* factors with a large share of the null direction: flags[] */
	CF_DRIVER_NO_MEMORY,
	CF_DRIVER_INCONSISTENT		/* sums no set of rows has (a correlation beyond +-1): hand-made text */
} cf_driver_error;

/*
 * Smallest eigenvalue of the factors' correlation matrix accepted: below it
 * the factors are collinear (a condition number above k * 1e10) and betas
 * and weights would be noise.
 */
#define CF_DRIVER_MIN_EIGENVALUE 1e-10

/* Weights closer than this (on the R^2 scale) count as tied in the rank. */
#define CF_DRIVER_TIE 1e-12

typedef struct cf_driver_row
{
	int			factor;			/* index of the factor */
	double		correlation;	/* with the outcome */
	double		beta;			/* standardized regression coefficient */
	double		relative_weight;	/* Johnson's epsilon; they sum to r2 */
	int			rank;			/* 1 = largest weight */
} cf_driver_row;

typedef struct cf_driver_result
{
	double		r2;
	int			which;			/* CF_DRIVER_CONSTANT_FACTOR: the factor */
	double		min_eigenvalue;	/* CF_DRIVER_COLLINEAR */
	bool		collinear[CF_DRIVER_MAX_FACTORS];	/* CF_DRIVER_COLLINEAR: factors involved */
} cf_driver_result;

/*
 * The analysis: rows[nfactors] in rank order (weight descending, ties by
 * factor position).  Scratch from a; polls for interrupts between sweeps.
 */
cf_driver_error cf_driver_weights(const cf_driver_state *s, const cf_allocator *a,
								  cf_driver_row *rows, cf_driver_result *res);

/*
 * Eigen-decomposition of the symmetric k x k matrix a (row-major, destroyed):
 * eigenvalues into w[k], eigenvectors as the columns of v (row-major).
 * Cyclic Jacobi; exposed for the unit test.
 */
void		cf_driver_eigen(double *a, int k, double *w, double *v);

#endif
