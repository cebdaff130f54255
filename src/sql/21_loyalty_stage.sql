-- ===================================================================
-- Loyalty ladder: prospect, buyer, client, regular, advocate; lapsed, lost
-- ===================================================================

CREATE TYPE loyalty_stage AS ENUM ('prospect', 'buyer', 'client', 'regular', 'advocate', 'lapsed', 'lost');
COMMENT ON TYPE loyalty_stage IS
    'Stages of the loyalty ladder (prospect < buyer < client < regular < advocate) and, off the ladder, lapsed and lost';

CREATE FUNCTION loyalty_stage(profile customer_profile, as_of timestamptz,
                              recommend_score integer DEFAULT NULL,
                              client_orders integer DEFAULT NULL, regular_orders integer DEFAULT NULL,
                              advocate_score integer DEFAULT NULL, lapse_factor double precision DEFAULT NULL,
                              lapse_days integer DEFAULT NULL, lost_days integer DEFAULT NULL)
    RETURNS loyalty_stage
    AS 'MODULE_PATHNAME', 'cf_loyalty_stage_fn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION loyalty_stage(customer_profile, timestamptz, integer, integer, integer, integer, double precision, integer, integer) IS
    'Stage of the customer at as_of: NULL profile = prospect; lost after lost_days days without an order; lapsed after lapse_factor mean intervals (lapse_days with one purchase day); else by orders: buyer, client (client_orders), regular (regular_orders), advocate (a regular whose latest recommend score >= advocate_score). NULL thresholds take the customer_focus.* settings';

CREATE FUNCTION overdue(profile customer_profile, as_of timestamptz) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_profile_overdue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION overdue(customer_profile, timestamptz) IS
    'Days since the last order divided by the mean interval between purchase days; above customer_focus.lapse_factor means lapsed; NULL with one purchase day';
