-- ===================================================================
-- The ladder over time: cohort_retention, lifecycle_counts, cohort_chart
-- ===================================================================
-- Readers of one loyalty_ladder value (stored, rolled up or just built): the
-- customers' distinct local purchase days in calendar periods of the ladder's
-- zone, no rescan of the orders.

CREATE FUNCTION cohort_retention(ladder loyalty_ladder, period text DEFAULT 'month')
    RETURNS TABLE (cohort date, period_offset integer, customers bigint, share double precision, complete boolean)
    AS 'MODULE_PATHNAME', 'cf_cohort_retention' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION cohort_retention(loyalty_ladder, text) IS
    'Cohort retention: per cohort (first day of the period, day, week (ISO, Monday), month, quarter or year in the ladder''s zone, of a customer''s first purchase day) and every period_offset from 0 to the period containing as_of, the cohort''s customers with a purchase day in that period, their share of the cohort, and complete = false for the as-of period; zero rows included, prospects in no cohort; no rows for a NULL ladder';

CREATE FUNCTION lifecycle_counts(ladder loyalty_ladder, period text DEFAULT 'month')
    RETURNS TABLE (period date, new bigint, retained bigint, reactivated bigint, churned bigint, complete boolean)
    AS 'MODULE_PATHNAME', 'cf_lifecycle_counts' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 24;
COMMENT ON FUNCTION lifecycle_counts(loyalty_ladder, text) IS
    'Per period (day, week, month, quarter or year in the ladder''s zone) from the first with a purchase to the one containing as_of: customers new (first purchase in it), retained (bought in it and the previous one), reactivated (bought in it, not in the previous one, but earlier) and churned (bought in the previous one, not in it); complete = false for the as-of period; no rows for a NULL ladder';

CREATE FUNCTION cohort_chart(ladder loyalty_ladder, period text DEFAULT 'month')
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 'cf_cohort_chart' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 30;
COMMENT ON FUNCTION cohort_chart(loyalty_ladder, text) IS
    'The cohort retention triangle as text lines for psql: a header, one line per cohort (first day, customers, share buying again in the next period in percent, a shaded cell per period_offset) and a legend; no rows for a NULL ladder';
