-- ===================================================================
-- Customer profiles: orders, first/last order, exact revenue, purchase days
-- ===================================================================

CREATE TYPE customer_profile;

CREATE FUNCTION customer_profile_in(cstring) RETURNS customer_profile
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION customer_profile_out(customer_profile) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION customer_profile_recv(internal) RETURNS customer_profile
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION customer_profile_send(customer_profile) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE customer_profile (
    INPUT = customer_profile_in,
    OUTPUT = customer_profile_out,
    RECEIVE = customer_profile_recv,
    SEND = customer_profile_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended  -- the day set grows with the customer's history (a daily buyer passes a page within 6 years)
);
COMMENT ON TYPE customer_profile IS
    'A customer''s purchase profile: orders, first and last order time, exact revenue, distinct local order days (in the time zone recorded in the profile)';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_profile_trans(customer_profile, timestamptz, numeric) RETURNS customer_profile
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION cf_profile_trans_tz(customer_profile, timestamptz, numeric, text) RETURNS customer_profile
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_profile_combine(customer_profile, customer_profile) RETURNS customer_profile
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_profile_final(customer_profile) RETURNS customer_profile
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_profile_trans(customer_profile, timestamptz, numeric) IS
    'Transition of customer_profile(ordered_at, amount): counts one order, its local day (session TimeZone) and its amount; skips rows with a NULL';
COMMENT ON FUNCTION cf_profile_trans_tz(customer_profile, timestamptz, numeric, text) IS
    'Transition of customer_profile(ordered_at, amount, time_zone): as cf_profile_trans with the days counted in the named time zone';
COMMENT ON FUNCTION cf_profile_combine(customer_profile, customer_profile) IS
    'Combine function of the profile aggregates and transition of rollup(customer_profile): merges two profiles of the same customer and time zone';
COMMENT ON FUNCTION cf_profile_final(customer_profile) IS
    'Final function of the profile aggregates: the profile without spare room';

CREATE AGGREGATE customer_profile(ordered_at timestamptz, amount numeric) (
    SFUNC = cf_profile_trans, STYPE = customer_profile,
    FINALFUNC = cf_profile_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = cf_profile_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE customer_profile(timestamptz, numeric) IS
    'Deprecated form (reads the session TimeZone): use customer_profile(ordered_at, amount, time_zone). The purchase profile of the orders in the group (one customer): orders, first/last order, exact revenue (= sum(amount)), distinct order days in the session TimeZone';
-- This released 1.0 form reads the session TimeZone (its transition is stable), so
-- 90_volatility.sql records it as stable: postgres_fdw then does not push it to remote
-- sessions, which always run in GMT; the rows are fetched and the profiles built here, in the
-- caller's zone.  The time_zone overload below does not depend on the session.

CREATE AGGREGATE customer_profile(ordered_at timestamptz, amount numeric, time_zone text) (
    SFUNC = cf_profile_trans_tz, STYPE = customer_profile,
    FINALFUNC = cf_profile_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = cf_profile_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE customer_profile(timestamptz, numeric, text) IS
    'The purchase profile of the orders in the group, with the calendar days counted in the named time zone (independent of the session: safe to push down to other servers)';

CREATE AGGREGATE rollup(customer_profile) (
    SFUNC = cf_profile_combine, STYPE = customer_profile,
    FINALFUNC = cf_profile_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = cf_profile_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(customer_profile) IS
    'Merges stored profiles of the same customer (e.g. monthly profiles into one): equal to the profile built directly from all the orders';

-- Accessors.
CREATE FUNCTION order_count(customer_profile) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_profile_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION total_revenue(customer_profile) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_profile_revenue_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_order(customer_profile) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'cf_profile_first_order' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_order(customer_profile) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'cf_profile_last_order' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION purchase_day_count(customer_profile) RETURNS integer
    AS 'MODULE_PATHNAME', 'cf_profile_purchase_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_interval(customer_profile) RETURNS interval
    AS 'MODULE_PATHNAME', 'cf_profile_mean_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION time_zone(customer_profile) RETURNS text
    AS 'MODULE_PATHNAME', 'cf_profile_time_zone' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION model_summary(profile customer_profile, as_of timestamptz, unit_days double precision DEFAULT 1,
                              OUT x integer, OUT t_x double precision, OUT t double precision)
    AS 'MODULE_PATHNAME', 'cf_profile_model_summary' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION days_since_last_order(profile customer_profile, as_of timestamptz) RETURNS integer
    AS 'MODULE_PATHNAME', 'cf_profile_days_since' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION repeat_mean_value(customer_profile) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_profile_repeat_mean_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_count(customer_profile) IS 'Number of orders (rows with a time and an amount, refunds included)';
COMMENT ON FUNCTION total_revenue(customer_profile) IS 'Exact sum of the amounts, equal to sum(amount) to the last digit';
COMMENT ON FUNCTION first_order(customer_profile) IS 'Time of the first order';
COMMENT ON FUNCTION last_order(customer_profile) IS 'Time of the last order';
COMMENT ON FUNCTION purchase_day_count(customer_profile) IS 'Number of distinct local calendar days with an order';
COMMENT ON FUNCTION mean_interval(customer_profile) IS 'Mean time between distinct purchase days: (last day - first day) / (purchase days - 1); NULL with one purchase day';
COMMENT ON FUNCTION time_zone(customer_profile) IS 'The time zone whose calendar days the profile counts (the TimeZone setting when it was built)';
COMMENT ON FUNCTION model_summary(customer_profile, timestamptz, double precision) IS
    'Purchase-frequency model input at as_of: x = purchase days - 1, t_x = last - first purchase day, t = as_of day - first purchase day, in units of unit_days days (7 for weeks)';
COMMENT ON FUNCTION repeat_mean_value(customer_profile) IS
    'Mean revenue of the repeat purchase days (revenue after the first purchase day / (purchase days - 1), as avg() divides): the Gamma-Gamma input; NULL with one purchase day; an error when the first day''s revenue is unknown (a multi-day profile stored by 1.0 or 1.1)';
COMMENT ON FUNCTION days_since_last_order(customer_profile, timestamptz) IS
    'Calendar days from the last order day to the as_of day, in the profile''s time zone';

-- Deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): the same C functions.
CREATE FUNCTION orders(customer_profile) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_profile_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION revenue(customer_profile) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_profile_revenue_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION purchase_days(customer_profile) RETURNS integer
    AS 'MODULE_PATHNAME', 'cf_profile_purchase_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orders(customer_profile) IS 'Deprecated alias of order_count(customer_profile), the 1.0 name';
COMMENT ON FUNCTION revenue(customer_profile) IS 'Deprecated alias of total_revenue(customer_profile), the 1.0 name';
COMMENT ON FUNCTION purchase_days(customer_profile) IS 'Deprecated alias of purchase_day_count(customer_profile), the 1.0 name';
