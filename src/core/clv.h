/*
 * clv.h
 *		Error reporting and special functions shared by the customer-lifetime
 *		models (bgnbd.c, gamma_gamma.c).  Pure C, libm only.
 */
#ifndef CF_CLV_H
#define CF_CLV_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "interrupt.h"

/*
 * Parse an unsigned decimal integer (digits only, <= max) at *sp and advance
 * *sp; false (and *sp unchanged) on anything else.
 */
extern bool cf_model_parse_uint(const char **sp, int64_t max, int64_t *out);

/*
 * Parse a finite decimal float at *sp (digits, '.', exponent; no spaces,
 * nan, inf or hex) and advance *sp; false on anything else.
 */
extern bool cf_model_parse_double(const char **sp, double *out);

/* Write the decimal digits of v at buf (no NUL); returns the length (<= 20). */
extern int	cf_model_format_int64(int64_t v, char *buf);

/* Digamma psi(x) for x > 0, relative error about 1e-15. */
extern double cf_digamma(double x);

/* lnGamma(s + x) - lnGamma(s) for s > 0, integer x >= 0. */
extern double cf_lpoch(double s, int64_t x);

/* psi(s + x) - psi(s) for s > 0, integer x >= 0. */
extern double cf_dpoch(double s, int64_t x);

/*
 * 1 / (1 + exp(d)) without overflow; exact 0 or 1 only where the double
 * rounds there.  Inline: it is on the per-row path of the predictions.
 */
static inline double
cf_inv1pexp(double d)
{
	if (d > 0.0)
	{
		double		e = exp(-d);

		return e / (1.0 + e);
	}
	return 1.0 / (1.0 + exp(d));
}

/* ln(exp(u) + 1) without overflow. */
extern double cf_softplus(double u);

/*
 * CF_DEFINE_SORT(name, type, less): defines "static void name(type *a,
 * size_t n)", an in-place introsort (quicksort, median of three, insertion
 * sort for short runs, heapsort past 2 log2 n levels) with less(pa, pb)
 * inlined: several times faster than qsort with a comparison callback.
 * Polls cf_check_interrupts() once per partition of CF_POLL_ENTRIES or more
 * elements and every CF_POLL_ENTRIES heap steps.
 */
#define CF_DEFINE_SORT(NAME, TYPE, LESS) \
static void \
NAME##_sift(TYPE *a, size_t root, size_t n) \
{ \
	TYPE		v = a[root]; \
	size_t		child; \
	while ((child = 2 * root + 1) < n) \
	{ \
		if (child + 1 < n && LESS((&a[child]), (&a[child + 1]))) \
			child++; \
		if (!LESS((&v), (&a[child]))) \
			break; \
		a[root] = a[child]; \
		root = child; \
	} \
	a[root] = v; \
} \
static void \
NAME##_intro(TYPE *a, size_t n, int depth) \
{ \
	while (n > 16) \
	{ \
		size_t		mid = n / 2; \
		ptrdiff_t	i = -1, \
					j = (ptrdiff_t) n; \
		TYPE		p, \
					t; \
		if (n >= CF_POLL_ENTRIES) \
			cf_check_interrupts(); \
		if (depth-- == 0) \
		{ \
			size_t		k; \
			for (k = n / 2; k-- > 0;) \
			{ \
				cf_poll_entry(k); \
				NAME##_sift(a, k, n); \
			} \
			for (k = n - 1; k > 0; k--) \
			{ \
				cf_poll_entry(k); \
				t = a[0]; a[0] = a[k]; a[k] = t; \
				NAME##_sift(a, 0, k); \
			} \
			return; \
		} \
		if (LESS((&a[mid]), (&a[0]))) { t = a[mid]; a[mid] = a[0]; a[0] = t; } \
		if (LESS((&a[n - 1]), (&a[mid]))) \
		{ \
			t = a[mid]; a[mid] = a[n - 1]; a[n - 1] = t; \
			if (LESS((&a[mid]), (&a[0]))) { t = a[mid]; a[mid] = a[0]; a[0] = t; } \
		} \
		p = a[mid]; \
		for (;;) \
		{ \
			do i++; while (LESS((&a[i]), (&p))); \
			do j--; while (LESS((&p), (&a[j]))); \
			if (i >= j) \
				break; \
			t = a[i]; a[i] = a[j]; a[j] = t; \
		} \
		/* [0, j] <= p <= [j + 1, n): recurse on the smaller side */ \
		if ((size_t) (j + 1) < n - (size_t) (j + 1)) \
		{ \
			NAME##_intro(a, (size_t) (j + 1), depth); \
			a += j + 1; \
			n -= (size_t) (j + 1); \
		} \
		else \
		{ \
			NAME##_intro(a + j + 1, n - (size_t) (j + 1), depth); \
			n = (size_t) (j + 1); \
		} \
	} \
	{ \
		size_t		k; \
		for (k = 1; k < n; k++) \
		{ \
			TYPE		v = a[k]; \
			size_t		m = k; \
			while (m > 0 && LESS((&v), (&a[m - 1]))) \
			{ \
				a[m] = a[m - 1]; \
				m--; \
			} \
			a[m] = v; \
		} \
	} \
} \
static void \
NAME(TYPE *a, size_t n) \
{ \
	int			depth = 0; \
	size_t		m = n; \
	while (m > 1) \
	{ \
		depth += 2; \
		m >>= 1; \
	} \
	NAME##_intro(a, n, depth); \
}

#endif							/* CF_CLV_H */
