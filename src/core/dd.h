/*
 * dd.h — double-double arithmetic: a value hi + lo held exactly in two
 * doubles, hi = fl(hi + lo).  Sums of non-negative terms kept this way are
 * accurate to about n * 2^-106 relative, so their rounded value is the same
 * in any order of the terms and of the merges (serial, parallel, rollup):
 * the holdout state's error sums and the weighted score states' weight sums
 * use it.  (The driver state keeps its own unnormalized, vectorized
 * accumulators: its text form depends on them.)
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_DD_H
#define CF_DD_H

#include <math.h>

typedef struct cf_dd
{
	double		hi;
	double		lo;
} cf_dd;

/* The value, rounded to a double (lo is below hi's last bit). */
static inline double
cf_dd_value(cf_dd s)
{
	return s.hi + s.lo;
}

/* s + x: TwoSum of hi and x, the error carried in lo; never -0 (one value, one form). */
static inline cf_dd
cf_dd_add_double(cf_dd s, double x)
{
	double		t = s.hi + x;
	double		e = fabs(s.hi) >= fabs(x) ? (s.hi - t) + x : (x - t) + s.hi;
	double		lo = s.lo + e;
	cf_dd		r;

	r.hi = (t + lo) + 0.0;
	r.lo = (lo - (r.hi - t)) + 0.0;
	return r;
}

/* a + b; never -0. */
static inline cf_dd
cf_dd_add(cf_dd a, cf_dd b)
{
	double		t = a.hi + b.hi;
	double		e = fabs(a.hi) >= fabs(b.hi) ? (a.hi - t) + b.hi : (b.hi - t) + a.hi;
	double		lo = e + (a.lo + b.lo);
	cf_dd		r;

	r.hi = (t + lo) + 0.0;
	r.lo = (lo - (r.hi - t)) + 0.0;
	return r;
}

/* -a */
static inline cf_dd
cf_dd_neg(cf_dd a)
{
	cf_dd		r = {-a.hi + 0.0, -a.lo + 0.0};

	return r;
}

/* a = hi + lo exactly, hi and lo of 26 bits (Veltkamp; |a| < 2^995). */
static inline void
cf_dd_split(double a, double *hi, double *lo)
{
	double		c = 134217729.0 * a;	/* 2^27 + 1 */

	*hi = c - (c - a);
	*lo = a - *hi;
}

/* a * b exactly (Dekker; |a|, |b| < 2^995 and no underflow of the error term). */
static inline cf_dd
cf_dd_product(double a, double b)
{
	double		ah,
				al,
				bh,
				bl;
	cf_dd		r;

	cf_dd_split(a, &ah, &al);
	cf_dd_split(b, &bh, &bl);
	r.hi = a * b;
	r.lo = ((ah * bh - r.hi) + ah * bl + al * bh) + al * bl;
	return r;
}

/* a * b, to about 2^-104 relative. */
static inline cf_dd
cf_dd_mul(cf_dd a, cf_dd b)
{
	cf_dd		p = cf_dd_product(a.hi, b.hi);
	double		e = p.lo + (a.hi * b.lo + a.lo * b.hi);
	cf_dd		r;

	r.hi = p.hi + e;
	r.lo = e - (r.hi - p.hi);
	return r;
}

/*
 * a / b (b != 0), to about 2^-104 relative: a quotient that is a double
 * (n^2 / n) comes out exactly.
 */
static inline cf_dd
cf_dd_div(cf_dd a, cf_dd b)
{
	double		q1 = a.hi / b.hi;
	cf_dd		r = cf_dd_add(a, cf_dd_neg(cf_dd_mul(b, (cf_dd) {q1, 0.0})));
	double		q2 = r.hi / b.hi;
	cf_dd		q;

	q.hi = q1 + q2;
	q.lo = q2 - (q.hi - q1);
	return q;
}

#endif							/* CF_DD_H */
