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

#endif
