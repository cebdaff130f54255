-- ===================================================================
-- The ladder over moved thresholds and dates: stage_sensitivity, stage_migration, migration_chart
-- ===================================================================
-- Readers of one loyalty_ladder value (stored, rolled up or just built): no
-- rescan of the orders.

CREATE FUNCTION stage_sensitivity(ladder loyalty_ladder, lapse_factors double precision[], lost_days integer[])
    RETURNS TABLE (lapse_factor double precision, lost_days integer, stage loyalty_stage, customers bigint)
    AS 'MODULE_PATHNAME', 'cf_stage_sensitivity' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 700;
COMMENT ON FUNCTION stage_sensitivity(loyalty_ladder, double precision[], integer[]) IS
    'Customers per loyalty stage for every lapse_factor and lost_days of the two arrays (at most 10,000 points; factors outer, lost days inner, stages in ladder order), the other thresholds at the defaults of stage_counts (2, 5, 9, lapse_days 365), from one pass over the ladder; the same counts as stage_counts per point; no rows for a NULL ladder';

CREATE FUNCTION stage_migration(ladder loyalty_ladder, from_as_of timestamptz,
                                client_orders integer DEFAULT 2, regular_orders integer DEFAULT 5,
                                advocate_score integer DEFAULT 9, lapse_factor double precision DEFAULT 3,
                                lapse_days integer DEFAULT 365, lost_days integer DEFAULT 730)
    RETURNS TABLE (from_stage loyalty_stage, to_stage loyalty_stage, customers bigint)
    AS 'MODULE_PATHNAME', 'cf_stage_migration' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION stage_migration(loyalty_ladder, timestamptz, integer, integer, integer, double precision, integer, integer) IS
    'Customers per pair (stage as of from_as_of, stage as of the ladder''s as_of), every pair with customers in ladder order: the earlier stage from the purchase days up to the local day containing from_as_of and their orders (prospect when none), both by the rules of stage_counts with the customer''s latest recommend score; thresholds default to 2, 5, 9, 3, 365 and 730; no rows for a NULL ladder';

CREATE FUNCTION migration_chart(ladder loyalty_ladder, from_as_of timestamptz,
                                client_orders integer DEFAULT 2, regular_orders integer DEFAULT 5,
                                advocate_score integer DEFAULT 9, lapse_factor double precision DEFAULT 3,
                                lapse_days integer DEFAULT 365, lost_days integer DEFAULT 730)
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 'cf_migration_chart' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION migration_chart(loyalty_ladder, timestamptz, integer, integer, integer, double precision, integer, integer) IS
    'stage_migration as a table of text lines for psql: a row per stage as of from_as_of, a column per stage as of the ladder''s as_of, totals, a dot where none moved; no rows for a NULL ladder';
