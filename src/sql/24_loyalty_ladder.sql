-- ===================================================================
-- Loyalty-ladder report in one pass over the orders: loyalty_ladder
-- ===================================================================
-- The stage counts of loyalty_stage(customer_profile(...), as_of) without building a
-- profile per customer in a GROUP BY: one hash table of customers (orders and distinct
-- purchase days) per aggregate.  Memory grows with the number of customers (about 100
-- bytes each), not with the orders.

CREATE TYPE loyalty_ladder;

CREATE FUNCTION loyalty_ladder_in(cstring) RETURNS loyalty_ladder
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION loyalty_ladder_out(loyalty_ladder) RETURNS cstring
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION loyalty_ladder_recv(internal) RETURNS loyalty_ladder
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION loyalty_ladder_send(loyalty_ladder) RETURNS bytea
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE loyalty_ladder (
    INPUT = loyalty_ladder_in,
    OUTPUT = loyalty_ladder_out,
    RECEIVE = loyalty_ladder_recv,
    SEND = loyalty_ladder_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended  -- one entry per customer: usually far larger than a page
);
COMMENT ON TYPE loyalty_ladder IS
    'Every customer of a loyalty-ladder report with its number of orders, distinct local purchase days and latest recommend score, as of one time in one time zone; read with stage_counts()';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_loyalty_ladder_trans(loyalty_ladder, bigint, timestamptz, timestamptz) RETURNS loyalty_ladder
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_loyalty_ladder_trans_tz(loyalty_ladder, bigint, timestamptz, timestamptz, text) RETURNS loyalty_ladder
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_loyalty_ladder_combine(loyalty_ladder, loyalty_ladder) RETURNS loyalty_ladder
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_loyalty_ladder_trans_score(loyalty_ladder, bigint, timestamptz, timestamptz, integer) RETURNS loyalty_ladder
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_loyalty_ladder_trans_tz_score(loyalty_ladder, bigint, timestamptz, timestamptz, text, integer) RETURNS loyalty_ladder
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_loyalty_ladder_trans(loyalty_ladder, bigint, timestamptz, timestamptz) IS
    'Transition of loyalty_ladder(customer_id, ordered_at, as_of): counts one order and its calendar day in UTC (the default zone, never the session''s); a NULL ordered_at only makes the customer known; skips rows with a NULL customer_id or as_of';
COMMENT ON FUNCTION cf_loyalty_ladder_trans_tz(loyalty_ladder, bigint, timestamptz, timestamptz, text) IS
    'Transition of loyalty_ladder(customer_id, ordered_at, as_of, time_zone): as cf_loyalty_ladder_trans with the days counted in the named time zone';
COMMENT ON FUNCTION cf_loyalty_ladder_trans_score(loyalty_ladder, bigint, timestamptz, timestamptz, integer) IS
    'Transition of loyalty_ladder(customer_id, ordered_at, as_of, recommend_score): as cf_loyalty_ladder_trans, also recording the customer''s latest 0-10 recommend score when not NULL (one per customer)';
COMMENT ON FUNCTION cf_loyalty_ladder_trans_tz_score(loyalty_ladder, bigint, timestamptz, timestamptz, text, integer) IS
    'Transition of loyalty_ladder(customer_id, ordered_at, as_of, time_zone, recommend_score): as cf_loyalty_ladder_trans_score with the days counted in the named time zone';
COMMENT ON FUNCTION cf_loyalty_ladder_combine(loyalty_ladder, loyalty_ladder) IS
    'Combine function of the loyalty_ladder aggregates and transition of rollup(loyalty_ladder): adds the customers of the second ladder to the first (orders summed, purchase days united)';

CREATE AGGREGATE loyalty_ladder(customer_id bigint, ordered_at timestamptz, as_of timestamptz) (
    SFUNC = cf_loyalty_ladder_trans, STYPE = loyalty_ladder,
    COMBINEFUNC = cf_loyalty_ladder_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE loyalty_ladder(bigint, timestamptz, timestamptz) IS
    'The customers of the rows with their orders and distinct order days in UTC (the default time_zone; independent of the session), for stage_counts() as of as_of; rows with a NULL ordered_at count their customer as a prospect unless it has orders';

CREATE AGGREGATE loyalty_ladder(customer_id bigint, ordered_at timestamptz, as_of timestamptz, time_zone text) (
    SFUNC = cf_loyalty_ladder_trans_tz, STYPE = loyalty_ladder,
    COMBINEFUNC = cf_loyalty_ladder_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE loyalty_ladder(bigint, timestamptz, timestamptz, text) IS
    'As loyalty_ladder(customer_id, ordered_at, as_of) with the calendar days counted in the named time zone';

CREATE AGGREGATE loyalty_ladder(customer_id bigint, ordered_at timestamptz, as_of timestamptz, recommend_score integer) (
    SFUNC = cf_loyalty_ladder_trans_score, STYPE = loyalty_ladder,
    COMBINEFUNC = cf_loyalty_ladder_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE loyalty_ladder(bigint, timestamptz, timestamptz, integer) IS
    'As loyalty_ladder(customer_id, ordered_at, as_of), with the customer''s latest 0-10 recommend score in the rows that have one (one score per customer), so that stage_counts() finds the advocates';

CREATE AGGREGATE loyalty_ladder(customer_id bigint, ordered_at timestamptz, as_of timestamptz, time_zone text, recommend_score integer) (
    SFUNC = cf_loyalty_ladder_trans_tz_score, STYPE = loyalty_ladder,
    COMBINEFUNC = cf_loyalty_ladder_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE loyalty_ladder(bigint, timestamptz, timestamptz, text, integer) IS
    'As loyalty_ladder(customer_id, ordered_at, as_of, recommend_score) with the calendar days counted in the named time zone';

CREATE AGGREGATE rollup(loyalty_ladder) (
    SFUNC = cf_loyalty_ladder_combine, STYPE = loyalty_ladder,
    COMBINEFUNC = cf_loyalty_ladder_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(loyalty_ladder) IS
    'Merges loyalty ladders of the same time zone and as-of time (e.g. one per shard or per month of orders): equal to the ladder built from all the rows';

-- Accessors.
CREATE FUNCTION stage_counts(ladder loyalty_ladder,
                             client_orders integer DEFAULT 2, regular_orders integer DEFAULT 5,
                             advocate_score integer DEFAULT 9, lapse_factor double precision DEFAULT 3,
                             lapse_days integer DEFAULT 365, lost_days integer DEFAULT 730)
    RETURNS TABLE (stage loyalty_stage, customers bigint)
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_stage_counts' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 7;
COMMENT ON FUNCTION stage_counts(loyalty_ladder, integer, integer, integer, double precision, integer, integer) IS
    'Customers per loyalty stage at the ladder''s as-of time, one row per stage in ladder order (zeros included), by the rules of loyalty_stage() with each customer''s recommend score if the ladder has one (advocates); the thresholds default to 2, 5, 9, 3, 365 and 730 (never the customer_focus.* settings; NULL is an error); no rows for a NULL ladder';
CREATE FUNCTION customer_count(loyalty_ladder) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customer_count(loyalty_ladder) IS
    'Number of customers in the ladder, prospects included';
CREATE FUNCTION order_count(loyalty_ladder) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_orders_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_count(loyalty_ladder) IS
    'Number of orders counted in the ladder (= count(ordered_at) over its rows)';
CREATE FUNCTION as_of(loyalty_ladder) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_as_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION as_of(loyalty_ladder) IS
    'The time the ladder is measured at';
