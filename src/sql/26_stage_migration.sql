-- ===================================================================
-- The ladder over moved thresholds and dates: stage_sensitivity
-- ===================================================================
-- Readers of one loyalty_ladder value (stored, rolled up or just built): no
-- rescan of the orders.

CREATE FUNCTION stage_sensitivity(ladder loyalty_ladder, lapse_factors double precision[], lost_days integer[])
    RETURNS TABLE (lapse_factor double precision, lost_days integer, stage loyalty_stage, customers bigint)
    AS 'MODULE_PATHNAME', 'cf_stage_sensitivity' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 700;
COMMENT ON FUNCTION stage_sensitivity(loyalty_ladder, double precision[], integer[]) IS
    'Customers per loyalty stage for every lapse_factor and lost_days of the two arrays (at most 10,000 points; factors outer, lost days inner, stages in ladder order), the other thresholds at the defaults of stage_counts (2, 5, 9, lapse_days 365), from one pass over the ladder; the same counts as stage_counts per point; no rows for a NULL ladder';
