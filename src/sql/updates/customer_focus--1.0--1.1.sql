-- customer_focus update script from 1.0 to 1.1 (ALTER EXTENSION customer_focus UPDATE).
-- Every change to the install-script pieces in src/sql/NN_*.sql since the 1.0 release is
-- repeated here, so that an updated 1.0 database ends with exactly the objects of a fresh
-- 1.1 install (test/scripts/upgrade.sh checks that, definition by definition).

\echo Use "ALTER EXTENSION customer_focus UPDATE TO '1.1'" to load this file. \quit

-- 24_loyalty_ladder.sql (new in 1.1): the one-pass loyalty-ladder report.
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
CREATE FUNCTION customers(loyalty_ladder) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(loyalty_ladder) IS
    'Number of customers in the ladder, prospects included';
CREATE FUNCTION orders(loyalty_ladder) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_orders_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orders(loyalty_ladder) IS
    'Number of orders counted in the ladder (= count(ordered_at) over its rows)';
CREATE FUNCTION as_of(loyalty_ladder) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'cf_loyalty_ladder_as_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION as_of(loyalty_ladder) IS
    'The time the ladder is measured at';

-- 20_customer_profile.sql: customer_profile(ordered_at, amount) is a deprecated form (it reads the
-- session TimeZone; customer_profile(ordered_at, amount, time_zone) does not).
COMMENT ON AGGREGATE customer_profile(timestamptz, numeric) IS
    'Deprecated form (reads the session TimeZone): use customer_profile(ordered_at, amount, time_zone). The purchase profile of the orders in the group (one customer): orders, first/last order, exact revenue (= sum(amount)), distinct order days in the session TimeZone';

-- 21_loyalty_stage.sql: SET on the six settings granted to PUBLIC, so that ALTER DATABASE / ALTER
-- ROLE ... SET works for the non-superuser owner in a session where the library is not loaded yet.
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

-- 40_bgnbd.sql: the profile transition reads nothing of the session (the profile
-- carries its zone), so it is immutable, and so are bgnbd_agg/bgnbd_fit over profiles.
ALTER FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz) IMMUTABLE;
ALTER FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz, double precision) IMMUTABLE;

-- 50_segment_summary.sql: segment_summary_agg and segment_summary with the ladder thresholds as
-- arguments (independent of the session); the 1.0 forms, which read the settings, are deprecated.
CREATE FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric,
                                 integer, integer, integer, double precision, integer, integer) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE segment_summary_agg(profile customer_profile, as_of timestamptz, recommend_score integer,
                                     horizon_years integer, margin numeric,
                                     client_orders integer, regular_orders integer, advocate_score integer,
                                     lapse_factor double precision, lapse_days integer, lost_days integer) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
CREATE AGGREGATE segment_summary(profile customer_profile, as_of timestamptz, recommend_score integer,
                                 horizon_years integer, margin numeric,
                                 client_orders integer, regular_orders integer, advocate_score integer,
                                 lapse_factor double precision, lapse_days integer, lost_days integer) (
    SFUNC = cf_segment_trans, STYPE = segment_summary_state, FINALFUNC = cf_segment_final,
    COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz) IS
    'Transition of segment_summary_agg(profile, as_of): counts one customer (a NULL profile is a prospect); ladder from the customer_focus.* settings';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score); ladder from the customer_focus.* settings';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score, horizon_years, margin); ladder from the customer_focus.* settings';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric, integer, integer, integer, double precision, integer, integer) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score, horizon_years, margin, client_orders, regular_orders, advocate_score, lapse_factor, lapse_days, lost_days): the ladder from the arguments, independent of the session';
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

-- 90_volatility.sql: the deprecated 1.0 aggregates that read the session are recorded stable
-- (1.0 recorded customer_profile(timestamptz, numeric) so, but left segment_summary and
-- segment_summary_agg immutable although their transitions read the ladder settings, so
-- postgres_fdw could push them into remote sessions with other settings).  The one statement of
-- the install script, repeated: CREATE AGGREGATE cannot state a volatility, no ALTER command
-- changes an aggregate's, and dropping and re-creating these released aggregates would fail on
-- (or, with CASCADE, drop) the users' views that use them.  Only this extension's members.
UPDATE pg_catalog.pg_proc AS p SET provolatile = 's'
FROM pg_catalog.pg_aggregate AS a, pg_catalog.pg_depend AS d, pg_catalog.pg_extension AS x
WHERE a.aggfnoid = p.oid
  AND d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid AND d.deptype = 'e'
  AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.refobjid = x.oid
  AND x.extname = 'customer_focus'
  AND p.provolatile = 'i'
  AND EXISTS (SELECT FROM pg_catalog.pg_proc AS f
              WHERE f.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                              a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn)
                AND f.provolatile = 's');
