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

CREATE FUNCTION overdue_factor(profile customer_profile, as_of timestamptz) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_profile_overdue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION overdue_factor(customer_profile, timestamptz) IS
    'Days since the last order divided by the mean interval between purchase days; above customer_focus.lapse_factor means lapsed; NULL with one purchase day';

-- Deprecated 1.0 name (CONTRIBUTING, naming table, rule 7): the same C function.
CREATE FUNCTION overdue(profile customer_profile, as_of timestamptz) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_profile_overdue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION overdue(customer_profile, timestamptz) IS 'Deprecated alias of overdue_factor(profile, as_of), the 1.0 name';

-- The customer_focus.* settings are USERSET, but PostgreSQL cannot know that before the
-- library is loaded: until some function of the extension has run in a session, the names are
-- placeholders, and ALTER DATABASE / ALTER ROLE ... SET of a placeholder is refused to anyone
-- but a superuser or a holder of the SET privilege on it.  Granting SET to PUBLIC on these six
-- names makes that check agree with what the settings are once loaded, so the non-superuser
-- owner who installed the (trusted) extension can set them per database or role in any session
-- (test/scripts/settings_owner.sh).  The grant is cluster-wide (parameter
-- privileges are global) and names only these six settings: a misspelt customer_focus.* name
-- stays refused.
GRANT SET ON PARAMETER customer_focus.client_orders, customer_focus.regular_orders,
    customer_focus.advocate_score, customer_focus.lapse_factor, customer_focus.lapse_days,
    customer_focus.lost_days TO PUBLIC;
