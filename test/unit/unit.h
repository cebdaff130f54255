/*
 * unit.h — the smallest test harness that does the job: checks count passes
 * and failures, failures print where and why, unit_report prints the totals
 * in the form the test runner sums ("unit <name>: N passed, N failed").
 */
#ifndef CF_UNIT_H
#define CF_UNIT_H

#include <math.h>
#include <stdio.h>

static int	unit_passed;
static int	unit_failed;

#define CHECK(cond) \
	do { \
		if (cond) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

/* |a - b| <= tol, NaN never passes. */
#define CHECK_NEAR(a, b, tol) \
	do { \
		double unit_a_ = (a), unit_b_ = (b); \
		if (fabs(unit_a_ - unit_b_) <= (tol)) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g (tolerance %g)\n", \
					__FILE__, __LINE__, #a, unit_a_, unit_b_, (double) (tol)); \
		} \
	} while (0)

/* Relative tolerance: |a - b| <= rel * |b|. */
#define CHECK_REL(a, b, rel) CHECK_NEAR((a), (b), fabs((double) (b)) * (rel))

/* Prints the totals and returns the process exit status. */
static inline int
unit_report(const char *name)
{
	printf("unit %s: %d passed, %d failed\n", name, unit_passed, unit_failed);
	return unit_failed > 0;
}

#endif
