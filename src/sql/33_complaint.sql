-- ===================================================================
-- The complaint signal
-- ===================================================================

CREATE TYPE complaint_state;
CREATE FUNCTION complaint_state_in(cstring) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaint_state_out(complaint_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaint_state_recv(internal) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaint_state_send(complaint_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE complaint_state (
    INPUT = complaint_state_in,
    OUTPUT = complaint_state_out,
    RECEIVE = complaint_state_recv,
    SEND = complaint_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE complaint_state IS 'Orders and complaints counted: the state of complaint_agg';
COMMENT ON FUNCTION complaint_state_in(cstring) IS 'Input function of complaint_state';
COMMENT ON FUNCTION complaint_state_out(complaint_state) IS 'Output function of complaint_state';
COMMENT ON FUNCTION complaint_state_recv(internal) IS 'Binary input function of complaint_state';
COMMENT ON FUNCTION complaint_state_send(complaint_state) IS 'Binary output function of complaint_state';

CREATE FUNCTION cf_complaint_trans(complaint_state, boolean) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_inv(complaint_state, boolean) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_trans(complaint_state, integer) RETURNS complaint_state
    AS 'MODULE_PATHNAME', 'cf_complaint_count_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_inv(complaint_state, integer) RETURNS complaint_state
    AS 'MODULE_PATHNAME', 'cf_complaint_count_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_complaint_combine(complaint_state, complaint_state) RETURNS complaint_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_complaint_trans(complaint_state, boolean) IS 'Transition of complaint_agg: counts an order and whether it drew a complaint';
COMMENT ON FUNCTION cf_complaint_inv(complaint_state, boolean) IS 'Moving-aggregate inverse of cf_complaint_trans';
COMMENT ON FUNCTION cf_complaint_trans(complaint_state, integer) IS 'Transition of complaint_agg: counts an order and its number of complaints';
COMMENT ON FUNCTION cf_complaint_inv(complaint_state, integer) IS 'Moving-aggregate inverse of cf_complaint_trans over complaint counts';
COMMENT ON FUNCTION cf_complaint_combine(complaint_state, complaint_state) IS 'Combine function of complaint_agg and transition of rollup(complaint_state): adds counts';

CREATE FUNCTION order_count(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaint_count(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_complaints' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaints_per_1000(complaint_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_complaints_per_1000' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION alarming_silence(complaint_state, min_orders bigint DEFAULT 500) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cf_complaint_silent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_count(complaint_state) IS 'Number of orders counted';
COMMENT ON FUNCTION complaint_count(complaint_state) IS 'Number of complaints counted';
COMMENT ON FUNCTION complaints_per_1000(complaint_state) IS 'Complaints per 1,000 orders; NULL without orders';
COMMENT ON FUNCTION alarming_silence(complaint_state, bigint) IS
    'True for a busy segment (orders >= min_orders) without a single complaint: a sign that feedback channels are broken';

-- Deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): the same C functions.
CREATE FUNCTION orders(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaints(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_complaints' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION silent(complaint_state, min_orders bigint DEFAULT 500) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cf_complaint_silent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orders(complaint_state) IS 'Deprecated alias of order_count(complaint_state), the 1.0 name';
COMMENT ON FUNCTION complaints(complaint_state) IS 'Deprecated alias of complaint_count(complaint_state), the 1.0 name';
COMMENT ON FUNCTION silent(complaint_state, bigint) IS 'Deprecated alias of alarming_silence(complaint_state, min_orders), the 1.0 name';

CREATE AGGREGATE complaint_agg(complained boolean) (
    SFUNC = cf_complaint_trans, STYPE = complaint_state, COMBINEFUNC = cf_complaint_combine,
    MSFUNC = cf_complaint_trans, MINVFUNC = cf_complaint_inv, MSTYPE = complaint_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE complaint_agg(complaints integer) (
    SFUNC = cf_complaint_trans, STYPE = complaint_state, COMBINEFUNC = cf_complaint_combine,
    MSFUNC = cf_complaint_trans, MINVFUNC = cf_complaint_inv, MSTYPE = complaint_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE complaints_per_1000(complained boolean) (
    SFUNC = cf_complaint_trans, STYPE = complaint_state, FINALFUNC = complaints_per_1000,
    COMBINEFUNC = cf_complaint_combine,
    MSFUNC = cf_complaint_trans, MINVFUNC = cf_complaint_inv, MSTYPE = complaint_state,
    MFINALFUNC = complaints_per_1000,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(complaint_state) (
    SFUNC = cf_complaint_combine, STYPE = complaint_state, COMBINEFUNC = cf_complaint_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE complaint_agg(boolean) IS 'Orders and complaints: one row per order, true when it drew a complaint; NULL rows are ignored';
COMMENT ON AGGREGATE complaint_agg(integer) IS 'Orders and complaints: one row per order with its number of complaints; NULL rows are ignored';
COMMENT ON AGGREGATE complaints_per_1000(boolean) IS 'Complaints per 1,000 orders, one row per order';
COMMENT ON AGGREGATE rollup(complaint_state) IS 'Merges stored complaint states';
