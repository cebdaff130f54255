-- ===================================================================
-- Segment summaries: customers, revenue, the loyalty ladder and value at risk per segment
-- ===================================================================

CREATE TYPE segment_summary_state;

CREATE FUNCTION segment_summary_state_in(cstring) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segment_summary_state_out(segment_summary_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segment_summary_state_recv(internal) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segment_summary_state_send(segment_summary_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE segment_summary_state (
    INPUT = segment_summary_state_in,
    OUTPUT = segment_summary_state_out,
    RECEIVE = segment_summary_state_recv,
    SEND = segment_summary_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE segment_summary_state IS
    'Summary of the customer profiles of a segment at an as-of time: customers per loyalty stage, orders, exact revenue, repeat customers, value at risk of lapsed and lost customers';

CREATE TYPE segment_report AS (
    customers bigint,
    prospects bigint, buyers bigint, clients bigint, regulars bigint, advocates bigint, lapsed bigint, lost bigint,
    prospect_share double precision, buyer_share double precision, client_share double precision,
    regular_share double precision, advocate_share double precision, lapsed_share double precision,
    lost_share double precision,
    orders bigint,
    revenue numeric,
    revenue_per_customer numeric,
    average_order_value numeric,
    repeat_share double precision,
    lapsed_value numeric,
    lost_value numeric,
    responses bigint,
    nps double precision,
    nps_moe double precision
);
COMMENT ON TYPE segment_report IS
    'One row of the per-segment report: counts and shares per loyalty stage, orders, revenue, revenue per customer with orders, average order value, repeat-customer share, value at risk, and NPS with its 95 % margin when survey scores are given';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric,
                                 integer, integer, integer, double precision, integer, integer) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_segment_combine(segment_summary_state, segment_summary_state) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_segment_final(segment_summary_state) RETURNS segment_report
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz) IS
    'Transition of segment_summary_agg(profile, as_of): counts one customer (a NULL profile is a prospect); ladder from the customer_focus.* settings';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score); ladder from the customer_focus.* settings';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score, horizon_years, margin); ladder from the customer_focus.* settings';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric, integer, integer, integer, double precision, integer, integer) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score, horizon_years, margin, client_orders, regular_orders, advocate_score, lapse_factor, lapse_days, lost_days): the ladder from the arguments, independent of the session';
COMMENT ON FUNCTION cf_segment_combine(segment_summary_state, segment_summary_state) IS
    'Combine function of the segment aggregates and transition of rollup(segment_summary_state): adds counts and sums';
COMMENT ON FUNCTION cf_segment_final(segment_summary_state) IS
    'Final function of segment_summary: the report row';

-- Accessors.
CREATE FUNCTION customer_count(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION order_count(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION repeat_customer_count(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_repeat_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION stage_count(segment_summary_state, loyalty_stage) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_stage_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION stage_share(segment_summary_state, loyalty_stage) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_segment_stage_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION total_revenue(segment_summary_state) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_segment_revenue_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION revenue_per_customer(segment_summary_state) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_segment_revenue_per_customer' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION average_order_value(segment_summary_state) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_segment_average_order_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION repeat_share(segment_summary_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_segment_repeat_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lapsed_value(segment_summary_state) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_segment_lapsed_value_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION lost_value(segment_summary_state) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_segment_lost_value_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION segment_report(segment_summary_state, scores nps_state DEFAULT NULL) RETURNS segment_report
    AS 'MODULE_PATHNAME', 'cf_segment_report' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION customer_count(segment_summary_state) IS 'Customers summarised, prospects (rows without a profile) included';
COMMENT ON FUNCTION order_count(segment_summary_state) IS 'Orders of the customers summarised';
COMMENT ON FUNCTION repeat_customer_count(segment_summary_state) IS 'Customers with at least two orders';
COMMENT ON FUNCTION stage_count(segment_summary_state, loyalty_stage) IS 'Customers at the given loyalty stage';
COMMENT ON FUNCTION stage_share(segment_summary_state, loyalty_stage) IS 'Share of all customers (prospects included) at the given loyalty stage';
COMMENT ON FUNCTION total_revenue(segment_summary_state) IS 'Exact revenue of the customers summarised (the sum of their profiles'' revenue)';
COMMENT ON FUNCTION revenue_per_customer(segment_summary_state) IS 'Revenue per customer with orders (prospects excluded)';
COMMENT ON FUNCTION average_order_value(segment_summary_state) IS 'Revenue per order';
COMMENT ON FUNCTION repeat_share(segment_summary_state) IS 'Share of the customers with orders who ordered at least twice';
COMMENT ON FUNCTION lapsed_value(segment_summary_state) IS 'Value at risk of the lapsed customers: lost_customer_value of each over the horizon, with the margin';
COMMENT ON FUNCTION lost_value(segment_summary_state) IS 'The same for the lost customers';
COMMENT ON FUNCTION segment_report(segment_summary_state, nps_state) IS 'The report row of a summary, with NPS and its 95 % margin of error when a score state is given';

-- Deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): the same C functions.
CREATE FUNCTION customers(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION orders(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION repeat_customers(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_repeat_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION revenue(segment_summary_state) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_segment_revenue_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(segment_summary_state) IS 'Deprecated alias of customer_count(segment_summary_state), the 1.0 name';
COMMENT ON FUNCTION orders(segment_summary_state) IS 'Deprecated alias of order_count(segment_summary_state), the 1.0 name';
COMMENT ON FUNCTION repeat_customers(segment_summary_state) IS 'Deprecated alias of repeat_customer_count(segment_summary_state), the 1.0 name';
COMMENT ON FUNCTION revenue(segment_summary_state) IS 'Deprecated alias of total_revenue(segment_summary_state), the 1.0 name';

-- Aggregates.
CREATE AGGREGATE segment_summary_agg(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary_agg(profile customer_profile, as_of timestamptz, recommend_score integer) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary_agg(profile customer_profile, as_of timestamptz, recommend_score integer,
                                     horizon_years integer, margin numeric) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary_agg(profile customer_profile, as_of timestamptz, recommend_score integer,
                                     horizon_years integer, margin numeric,
                                     client_orders integer, regular_orders integer, advocate_score integer,
                                     lapse_factor double precision, lapse_days integer, lost_days integer) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, FINALFUNC = cf_segment_final,
    COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary(profile customer_profile, as_of timestamptz, recommend_score integer) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, FINALFUNC = cf_segment_final,
    COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary(profile customer_profile, as_of timestamptz, recommend_score integer,
                                 horizon_years integer, margin numeric) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, FINALFUNC = cf_segment_final,
    COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary(profile customer_profile, as_of timestamptz, recommend_score integer,
                                 horizon_years integer, margin numeric,
                                 client_orders integer, regular_orders integer, advocate_score integer,
                                 lapse_factor double precision, lapse_days integer, lost_days integer) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, FINALFUNC = cf_segment_final,
    COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE rollup(segment_summary_state) (
    SFUNC = cf_segment_combine, STYPE = segment_summary_state, COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);

COMMENT ON AGGREGATE segment_summary_agg(customer_profile, timestamptz) IS
    'Deprecated form (reads the customer_focus.* settings): use segment_summary_agg(profile, as_of, recommend_score, 5, 1, 2, 5, 9, 3, 365, 730). Summary of the customers of a segment at as_of (horizon 5 years, margin 1); a NULL profile counts as a prospect';
COMMENT ON AGGREGATE segment_summary_agg(customer_profile, timestamptz, integer) IS
    'Deprecated form (reads the customer_focus.* settings): use the form with the thresholds. As segment_summary_agg(profile, as_of), with each customer''s latest 0-10 recommend score for the advocate stage';
COMMENT ON AGGREGATE segment_summary_agg(customer_profile, timestamptz, integer, integer, numeric) IS
    'Deprecated form (reads the customer_focus.* settings): use the form with the thresholds. As segment_summary_agg(profile, as_of, recommend_score), with the horizon in years and the margin of the value at risk';
COMMENT ON AGGREGATE segment_summary_agg(customer_profile, timestamptz, integer, integer, numeric, integer, integer, integer, double precision, integer, integer) IS
    'Summary of the customers of a segment at as_of: recommend score (NULL: none), horizon in years and margin of the value at risk, and the loyalty-ladder thresholds (defaults 5, 1, 2, 5, 9, 3, 365, 730); independent of the session';
COMMENT ON AGGREGATE segment_summary(customer_profile, timestamptz) IS
    'Deprecated form (reads the customer_focus.* settings): use the form with the thresholds. The report row of a segment at as_of: use as (segment_summary(profile, as_of)).*';
COMMENT ON AGGREGATE segment_summary(customer_profile, timestamptz, integer) IS
    'Deprecated form (reads the customer_focus.* settings): use the form with the thresholds. The report row of a segment, with recommend scores for the advocate stage';
COMMENT ON AGGREGATE segment_summary(customer_profile, timestamptz, integer, integer, numeric) IS
    'Deprecated form (reads the customer_focus.* settings): use the form with the thresholds. The report row of a segment, with recommend scores, horizon in years and margin';
COMMENT ON AGGREGATE segment_summary(customer_profile, timestamptz, integer, integer, numeric, integer, integer, integer, double precision, integer, integer) IS
    'The report row of segment_summary_agg(profile, as_of, recommend_score, horizon_years, margin, client_orders, regular_orders, advocate_score, lapse_factor, lapse_days, lost_days): use as (segment_summary(...)).*; independent of the session';
COMMENT ON AGGREGATE rollup(segment_summary_state) IS
    'Merges summaries made with the same parameters (e.g. segments into the total)';
