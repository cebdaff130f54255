/*
 * stats.h — normal distribution helpers for confidence intervals and tests.
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_STATS_H
#define CF_STATS_H

/* Standard normal upper tail Q(z) = P(Z > z), accurate in the far tail. */
double		cf_normal_upper_tail(double z);

/* Two-sided critical value z with P(|Z| <= z) = confidence, 0 < confidence < 1. */
double		cf_normal_two_sided_z(double confidence);

/*
 * Wilson score interval of a proportion x / n (0 <= x <= n, n > 0) at
 * two-sided critical value z: fractions in [0, 1].
 */
void		cf_wilson_interval(double x, double n, double z, double *lower, double *upper);

/*
 * Regularized upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a)
 * for a > 0, x >= 0 (series below a + 1, continued fraction above).
 */
double		cf_gamma_q(double a, double x);

/* P(X > x) for X chi-square with df > 0 degrees of freedom. */
double		cf_chi_square_upper_tail(double x, double df);

/* Two-sided p-value of a standard normal z: P(|Z| >= |z|). */
double		cf_normal_two_sided_p(double z);

#endif
