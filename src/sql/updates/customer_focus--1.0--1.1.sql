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

-- The naming table (CONTRIBUTING.md, issue 15): the 1.0 names it renames get their new
-- names; each 1.0 name stays as a deprecated alias (the same C function, or a one-line SQL
-- wrapper where the new name takes an argument more).  Statements as in the pieces.
-- (begin of the naming-table section)
-- survey scores
CREATE FUNCTION response_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION response_count(nps_state) IS 'Number of responses counted';
CREATE FUNCTION promoter_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION promoter_count(nps_state) IS 'Responses at or above promoter_min (9-10 for NPS)';
CREATE FUNCTION passive_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION passive_count(nps_state) IS 'Responses between detractor_max and promoter_min (7-8 for NPS)';
CREATE FUNCTION detractor_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION detractor_count(nps_state) IS 'Responses at or below detractor_max (0-6 for NPS)';
CREATE FUNCTION score_counts(nps_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_nps_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION score_counts(nps_state) IS 'Responses per scale point, from scale_min to scale_max';
CREATE FUNCTION score_distribution(nps_state, width integer DEFAULT 40)
    RETURNS TABLE (score integer, responses bigint, share double precision, bar text)
    AS 'MODULE_PATHNAME', 'cf_nps_distribution' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION score_distribution(nps_state, integer) IS 'One row per scale point: responses, share and a text bar scaled to the largest bucket';
COMMENT ON FUNCTION responses(nps_state) IS 'Deprecated alias of response_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION promoters(nps_state) IS 'Deprecated alias of promoter_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION passives(nps_state) IS 'Deprecated alias of passive_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION detractors(nps_state) IS 'Deprecated alias of detractor_count(nps_state), the 1.0 name';
COMMENT ON FUNCTION counts(nps_state) IS 'Deprecated alias of score_counts(nps_state), the 1.0 name';
COMMENT ON FUNCTION distribution(nps_state, integer) IS 'Deprecated alias of score_distribution(nps_state, width), the 1.0 name';

-- customer profile
CREATE FUNCTION order_count(customer_profile) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_profile_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_count(customer_profile) IS 'Number of orders (rows with a time and an amount, refunds included)';
CREATE FUNCTION total_revenue(customer_profile) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_profile_revenue_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION total_revenue(customer_profile) IS 'Exact sum of the amounts, equal to sum(amount) to the last digit';
CREATE FUNCTION purchase_day_count(customer_profile) RETURNS integer
    AS 'MODULE_PATHNAME', 'cf_profile_purchase_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION purchase_day_count(customer_profile) IS 'Number of distinct local calendar days with an order';
COMMENT ON FUNCTION orders(customer_profile) IS 'Deprecated alias of order_count(customer_profile), the 1.0 name';
COMMENT ON FUNCTION revenue(customer_profile) IS 'Deprecated alias of total_revenue(customer_profile), the 1.0 name';
COMMENT ON FUNCTION purchase_days(customer_profile) IS 'Deprecated alias of purchase_day_count(customer_profile), the 1.0 name';
CREATE FUNCTION overdue_factor(profile customer_profile, as_of timestamptz) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_profile_overdue' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION overdue_factor(customer_profile, timestamptz) IS
    'Days since the last order divided by the mean interval between purchase days; above customer_focus.lapse_factor means lapsed; NULL with one purchase day';
COMMENT ON FUNCTION overdue(customer_profile, timestamptz) IS 'Deprecated alias of overdue_factor(profile, as_of), the 1.0 name';

-- RFM
CREATE FUNCTION rfm_scores(profile customer_profile, as_of timestamptz,
                           recency_breaks double precision[], frequency_breaks double precision[],
                           monetary_breaks double precision[],
                           OUT recency integer, OUT frequency integer, OUT monetary integer, OUT segment text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
        SELECT s.r, s.f, s.m, @extschema@.rfm_segment(s.r, s.f)
        FROM (SELECT @extschema@.rfm_score(@extschema@.days_since_last_order(profile, as_of), recency_breaks, true) AS r,
                     @extschema@.rfm_score(@extschema@.order_count(profile), frequency_breaks) AS f,
                     @extschema@.rfm_score(@extschema@.total_revenue(profile)::double precision, monetary_breaks) AS m) AS s
    $$;
COMMENT ON FUNCTION rfm_scores(customer_profile, timestamptz, double precision[], double precision[], double precision[]) IS
    'RFM scores of a profile at as_of (recency = days since the last order, lower is better; frequency = orders; monetary = revenue) and the R/F segment';
CREATE OR REPLACE FUNCTION rfm(profile customer_profile, as_of timestamptz,
                    recency_breaks double precision[], frequency_breaks double precision[],
                    monetary_breaks double precision[],
                    OUT recency integer, OUT frequency integer, OUT monetary integer, OUT segment text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT * FROM @extschema@.rfm_scores(profile, as_of, recency_breaks, frequency_breaks, monetary_breaks) $$;
COMMENT ON FUNCTION rfm(customer_profile, timestamptz, double precision[], double precision[], double precision[]) IS
    'Deprecated alias of rfm_scores(profile, as_of, recency_breaks, frequency_breaks, monetary_breaks), the 1.0 name';

-- service levels
CREATE FUNCTION response_count(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION response_count(service_level_state) IS 'Number of experiences counted';
CREATE FUNCTION level_count(service_level_state, level service_level) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION level_count(service_level_state, service_level) IS
    'Experiences at the given level: low (perceived < expected - tolerance), standard (within expected +/- tolerance, edges included) or wow (perceived > expected + tolerance)';
CREATE FUNCTION level_share(service_level_state, level service_level) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION level_share(service_level_state, service_level) IS
    'Experiences at the given level / all experiences, a fraction in [0, 1]; NULL without experiences';
CREATE FUNCTION level_tolerance(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_tolerance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION level_tolerance(service_level_state) IS 'The tolerance the experiences were judged with';
CREATE FUNCTION level_counts(service_level_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_level_counts_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION level_counts(service_level_state) IS 'Experiences per level as {low, standard, wow}';
CREATE OR REPLACE FUNCTION low(service_level_state) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_count($1, 'low') $$;
CREATE OR REPLACE FUNCTION standard(service_level_state) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_count($1, 'standard') $$;
CREATE OR REPLACE FUNCTION wow(service_level_state) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_count($1, 'wow') $$;
CREATE OR REPLACE FUNCTION low_share(service_level_state) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_share($1, 'low') $$;
CREATE OR REPLACE FUNCTION standard_share(service_level_state) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_share($1, 'standard') $$;
CREATE OR REPLACE FUNCTION wow_share(service_level_state) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_share($1, 'wow') $$;
COMMENT ON FUNCTION responses(service_level_state) IS 'Deprecated alias of response_count(service_level_state), the 1.0 name';
COMMENT ON FUNCTION low(service_level_state) IS 'Deprecated alias of level_count(state, ''low''), the 1.0 name';
COMMENT ON FUNCTION standard(service_level_state) IS 'Deprecated alias of level_count(state, ''standard''), the 1.0 name';
COMMENT ON FUNCTION wow(service_level_state) IS 'Deprecated alias of level_count(state, ''wow''), the 1.0 name';
COMMENT ON FUNCTION low_share(service_level_state) IS 'Deprecated alias of level_share(state, ''low''), the 1.0 name';
COMMENT ON FUNCTION standard_share(service_level_state) IS 'Deprecated alias of level_share(state, ''standard''), the 1.0 name';
COMMENT ON FUNCTION wow_share(service_level_state) IS 'Deprecated alias of level_share(state, ''wow''), the 1.0 name';
COMMENT ON FUNCTION tolerance(service_level_state) IS 'Deprecated alias of level_tolerance(service_level_state), the 1.0 name';
COMMENT ON FUNCTION counts(service_level_state) IS 'Deprecated alias of level_counts(service_level_state), the 1.0 name';

-- response times
CREATE FUNCTION response_count(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION response_count(response_time_state) IS 'Number of response times counted';
CREATE FUNCTION compliant_count(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_compliant' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION compliant_count(response_time_state) IS 'Responses within the target (time <= target)';
CREATE FUNCTION compliant_share(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_compliance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION compliant_share(response_time_state) IS 'Share of responses within the target, a fraction in [0, 1]; NULL without responses';
CREATE FUNCTION response_target(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_target' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION response_target(response_time_state) IS 'The target in seconds';
CREATE AGGREGATE compliant_share(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliant_share, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliant_share(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliant_share, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE compliant_share(double precision, double precision) IS 'Share of response times within the target (time <= target)';
COMMENT ON AGGREGATE compliant_share(interval, interval) IS 'Share of response intervals within the target interval';
COMMENT ON FUNCTION responses(response_time_state) IS 'Deprecated alias of response_count(response_time_state), the 1.0 name';
COMMENT ON FUNCTION compliant(response_time_state) IS 'Deprecated alias of compliant_count(response_time_state), the 1.0 name';
COMMENT ON FUNCTION compliance(response_time_state) IS 'Deprecated alias of compliant_share(response_time_state), the 1.0 name';
COMMENT ON FUNCTION target(response_time_state) IS 'Deprecated alias of response_target(response_time_state), the 1.0 name';
COMMENT ON AGGREGATE compliance(double precision, double precision) IS 'Deprecated alias of compliant_share(seconds, target), the 1.0 name';
COMMENT ON AGGREGATE compliance(interval, interval) IS 'Deprecated alias of compliant_share(response, target), the 1.0 name';

-- importance-performance analysis
CREATE FUNCTION ipa_factors(ipa_state)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION ipa_factors(ipa_state, importance_threshold double precision, performance_threshold double precision)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION ipa_factors(ipa_state) IS
    'Importance-performance analysis: per factor the mean importance and performance, the gap (importance - performance), the quadrant against the grand means and the rank by gap; in rank order';
COMMENT ON FUNCTION ipa_factors(ipa_state, double precision, double precision) IS
    'Importance-performance analysis with the quadrant thresholds given (importance, performance)';
COMMENT ON FUNCTION factors(ipa_state) IS 'Deprecated alias of ipa_factors(ipa_state), the 1.0 name';
COMMENT ON FUNCTION factors(ipa_state, double precision, double precision) IS
    'Deprecated alias of ipa_factors(ipa_state, importance_threshold, performance_threshold), the 1.0 name';

-- complaints
CREATE FUNCTION order_count(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_count(complaint_state) IS 'Number of orders counted';
CREATE FUNCTION complaint_count(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_complaints' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION complaint_count(complaint_state) IS 'Number of complaints counted';
CREATE FUNCTION alarming_silence(complaint_state, min_orders bigint DEFAULT 500) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cf_complaint_silent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION alarming_silence(complaint_state, bigint) IS
    'True for a busy segment (orders >= min_orders) without a single complaint: a sign that feedback channels are broken';
COMMENT ON FUNCTION orders(complaint_state) IS 'Deprecated alias of order_count(complaint_state), the 1.0 name';
COMMENT ON FUNCTION complaints(complaint_state) IS 'Deprecated alias of complaint_count(complaint_state), the 1.0 name';
COMMENT ON FUNCTION silent(complaint_state, bigint) IS 'Deprecated alias of alarming_silence(complaint_state, min_orders), the 1.0 name';

-- BG/NBD, Gamma-Gamma, CLV
CREATE FUNCTION customer_count(bgnbd_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_bgnbd_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customer_count(bgnbd_state) IS 'Number of customers in the state';
COMMENT ON FUNCTION customers(bgnbd_state) IS 'Deprecated alias of customer_count(bgnbd_state), the 1.0 name';
CREATE FUNCTION customer_count(gamma_gamma_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_gg_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customer_count(gamma_gamma_state) IS 'Number of repeat customers in the state';
COMMENT ON FUNCTION customers(gamma_gamma_state) IS 'Deprecated alias of customer_count(gamma_gamma_state), the 1.0 name';
CREATE FUNCTION customer_lifetime_value(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                                        t double precision, mean_value double precision, horizon double precision,
                                        margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_clv_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION customer_lifetime_value(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Customer lifetime value over horizon time units: expected purchases per unit period, discounted at discount_rate per unit, times expected spend and margin; NULL margin or discount_rate take the defaults 1 and 0, mean_value may be NULL when x = 0';
CREATE FUNCTION expected_lost_value(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                                    t double precision, mean_value double precision, horizon double precision,
                                    margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_lost_value_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION expected_lost_value(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Predictive value of a customer who may have gone: (1 - P(alive)) times the value they would bring if alive; customer_lifetime_value + expected_lost_value is that value';
COMMENT ON FUNCTION clv(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Deprecated alias of customer_lifetime_value(bgnbd, spend, x, t_x, t, mean_value, horizon, margin, discount_rate), the 1.0 name';
COMMENT ON FUNCTION lost_customer_value(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Deprecated alias of expected_lost_value(bgnbd, spend, x, t_x, t, mean_value, horizon, margin, discount_rate), the 1.0 name (the other lost_customer_value forms are exact numeric)';

-- segment summaries
CREATE FUNCTION customer_count(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customer_count(segment_summary_state) IS 'Customers summarised, prospects (rows without a profile) included';
CREATE FUNCTION order_count(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_count(segment_summary_state) IS 'Orders of the customers summarised';
CREATE FUNCTION repeat_customer_count(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_repeat_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION repeat_customer_count(segment_summary_state) IS 'Customers with at least two orders';
CREATE FUNCTION total_revenue(segment_summary_state) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_segment_revenue_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION total_revenue(segment_summary_state) IS 'Exact revenue of the customers summarised (the sum of their profiles'' revenue)';
COMMENT ON FUNCTION customers(segment_summary_state) IS 'Deprecated alias of customer_count(segment_summary_state), the 1.0 name';
COMMENT ON FUNCTION orders(segment_summary_state) IS 'Deprecated alias of order_count(segment_summary_state), the 1.0 name';
COMMENT ON FUNCTION repeat_customers(segment_summary_state) IS 'Deprecated alias of repeat_customer_count(segment_summary_state), the 1.0 name';
COMMENT ON FUNCTION revenue(segment_summary_state) IS 'Deprecated alias of total_revenue(segment_summary_state), the 1.0 name';

-- (end of the naming-table section)

-- 25_cohort.sql (new in 1.1): the ladder over time, readers of a ladder's purchase days in calendar periods.

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

-- 26_stage_migration.sql (new in 1.1): readers of a ladder over moved thresholds and dates.

CREATE FUNCTION stage_sensitivity(ladder loyalty_ladder, lapse_factors double precision[], lost_days integer[])
    RETURNS TABLE (lapse_factor double precision, lost_days integer, stage loyalty_stage, customers bigint)
    AS 'MODULE_PATHNAME', 'cf_stage_sensitivity' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 700;
COMMENT ON FUNCTION stage_sensitivity(loyalty_ladder, double precision[], integer[]) IS
    'Customers per loyalty stage for every lapse_factor and lost_days of the two arrays (at most 10,000 points; factors outer, lost days inner, stages in ladder order), the other thresholds at the defaults of stage_counts (2, 5, 9, lapse_days 365), from one pass over the ladder; the same counts as stage_counts per point; no rows for a NULL ladder';
-- ===================================================================
-- Holdout validation: the calibration / holdout split of a profile and
-- holdout_agg, the mergeable summary of predictions against outcomes
-- ===================================================================

CREATE FUNCTION calibration_holdout(profile customer_profile, calibration_end timestamptz, observation_end timestamptz,
                                    unit_days double precision DEFAULT 1,
                                    OUT x integer, OUT t_x double precision, OUT t double precision,
                                    OUT x_holdout integer, OUT holdout double precision)
    AS 'MODULE_PATHNAME', 'cf_holdout_calibration' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION calibration_holdout(customer_profile, timestamptz, timestamptz, double precision) IS
    'The calibration / holdout split of a profile: x, t_x, t as model_summary(profile, calibration_end, unit_days) gives them for the purchase days up to calibration_end''s local day, x_holdout = purchase days after it up to observation_end''s local day, holdout = that period''s length, in units of unit_days days; NULL when the first purchase is after calibration_end';

CREATE TYPE holdout_state;
CREATE FUNCTION holdout_state_in(cstring) RETURNS holdout_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION holdout_state_out(holdout_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION holdout_state_recv(internal) RETURNS holdout_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION holdout_state_send(holdout_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE holdout_state (
    INPUT = holdout_state_in,
    OUTPUT = holdout_state_out,
    RECEIVE = holdout_state_recv,
    SEND = holdout_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended  -- up to 4,096 AUC bins and a row per calibration purchase count
);
COMMENT ON TYPE holdout_state IS
    'Predictions against holdout outcomes, summed exactly: error sums, customers and sums per calibration purchase count, p_any bins for the ROC AUC: the state of holdout_agg';
COMMENT ON FUNCTION holdout_state_in(cstring) IS 'Input function of holdout_state';
COMMENT ON FUNCTION holdout_state_out(holdout_state) IS 'Output function of holdout_state';
COMMENT ON FUNCTION holdout_state_recv(internal) IS 'Binary input function of holdout_state';
COMMENT ON FUNCTION holdout_state_send(holdout_state) IS 'Binary output function of holdout_state';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_holdout_trans(holdout_state, bigint, double precision, double precision) RETURNS holdout_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_holdout_trans(holdout_state, bigint, double precision, double precision, double precision) RETURNS holdout_state
    AS 'MODULE_PATHNAME', 'cf_holdout_trans_p' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_holdout_combine(holdout_state, holdout_state) RETURNS holdout_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_holdout_final(holdout_state) RETURNS holdout_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_holdout_trans(holdout_state, bigint, double precision, double precision) IS
    'Transition of holdout_agg(x, expected, actual): adds one customer; skips rows with a NULL';
COMMENT ON FUNCTION cf_holdout_trans(holdout_state, bigint, double precision, double precision, double precision) IS
    'Transition of holdout_agg(x, expected, actual, p_any): adds one customer and its p_any; skips rows with a NULL';
COMMENT ON FUNCTION cf_holdout_combine(holdout_state, holdout_state) IS
    'Combine function of holdout_agg and transition of rollup(holdout_state): adds counts and exact sums';
COMMENT ON FUNCTION cf_holdout_final(holdout_state) IS 'Final function of holdout_agg and rollup(holdout_state): the state without spare room';

CREATE AGGREGATE holdout_agg(x bigint, expected double precision, actual double precision) (
    SFUNC = cf_holdout_trans, STYPE = holdout_state,
    FINALFUNC = cf_holdout_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = cf_holdout_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE holdout_agg(bigint, double precision, double precision) IS
    'Holdout validation, one row per customer: calibration purchase count x, expected and actual holdout purchases; rows with a NULL are skipped';
CREATE AGGREGATE holdout_agg(x bigint, expected double precision, actual double precision, p_any double precision) (
    SFUNC = cf_holdout_trans, STYPE = holdout_state,
    FINALFUNC = cf_holdout_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = cf_holdout_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE holdout_agg(bigint, double precision, double precision, double precision) IS
    'Holdout validation with p_any, the predicted probability of at least one holdout purchase (for brier_score and roc_auc); rows with a NULL are skipped';
CREATE AGGREGATE rollup(holdout_state) (
    SFUNC = cf_holdout_combine, STYPE = holdout_state,
    FINALFUNC = cf_holdout_final, FINALFUNC_MODIFY = READ_ONLY,
    COMBINEFUNC = cf_holdout_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE rollup(holdout_state) IS 'Merges stored holdout states: equal to the state built from all their rows';

-- Accessors.
CREATE FUNCTION mean_absolute_error(holdout_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_holdout_mean_absolute_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION rms_error(holdout_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_holdout_rms_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_bias(holdout_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_holdout_mean_bias' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION brier_score(holdout_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_holdout_brier_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION roc_auc(holdout_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_holdout_roc_auc' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION holdout_table(state holdout_state,
                              OUT x bigint, OUT customers bigint, OUT actual_mean double precision, OUT expected_mean double precision)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cf_holdout_table_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
CREATE FUNCTION holdout_table(state holdout_state, cap bigint,
                              OUT x bigint, OUT customers bigint, OUT actual_mean double precision, OUT expected_mean double precision)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'cf_holdout_table_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION mean_absolute_error(holdout_state) IS 'Mean of |expected - actual| over the customers';
COMMENT ON FUNCTION rms_error(holdout_state) IS 'Root mean squared error: sqrt of the mean of (expected - actual)^2';
COMMENT ON FUNCTION mean_bias(holdout_state) IS 'Mean of expected - actual (positive: the model predicts too many purchases)';
COMMENT ON FUNCTION brier_score(holdout_state) IS 'Mean of (p_any - [actual > 0])^2 over the customers with a p_any; NULL without one';
COMMENT ON FUNCTION roc_auc(holdout_state) IS
    'ROC AUC of p_any against actual > 0, p_any binned in 4,096 equal bins, pairs in one bin counted half (error at most half the share of buyer / non-buyer pairs sharing a bin); NULL without a buyer or a non-buyer';
COMMENT ON FUNCTION holdout_table(holdout_state) IS
    'Calibration vs holdout purchases: per calibration purchase count x the customers, mean actual and mean expected holdout purchases';
COMMENT ON FUNCTION holdout_table(holdout_state, bigint) IS
    'Calibration vs holdout purchases with x >= cap pooled in one row x = cap';

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

-- 41_mbgnbd.sql (new in 1.1): the MBG/NBD model, the piece repeated.
-- ===================================================================
-- MBG/NBD: the BG/NBD with a dropout chance right after the first purchase
-- (Batislam, Denizel & Filiztekin 2007; BTYDplus), fitted on bgnbd_state
-- ===================================================================

CREATE TYPE mbgnbd_model AS (
    r double precision,
    alpha double precision,
    a double precision,
    b double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE mbgnbd_model IS
    'A fitted MBG/NBD model: purchase rates ~ Gamma(r, alpha), dropout probability ~ Beta(a, b), also right after the first purchase; log-likelihood, customers and whether the fit converged';

-- Support function of the aggregates (not for direct use).
CREATE FUNCTION cf_mbgnbd_fit_final(bgnbd_state) RETURNS mbgnbd_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_mbgnbd_fit_final(bgnbd_state) IS
    'Final function of the mbgnbd_fit aggregates: fits the model; an error when there are no customers';

CREATE FUNCTION mbgnbd_fit(bgnbd_state) RETURNS mbgnbd_model
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_fit(bgnbd_state) IS
    'Maximum-likelihood MBG/NBD fit of the customers in a BG/NBD state (BFGS in log parameters, Nelder-Mead fallback); WARNING and converged = false if it stops early or at a boundary';

CREATE FUNCTION mbgnbd_p_alive(model mbgnbd_model, x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_alive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_expected_purchases(model mbgnbd_model, horizon double precision,
                                          x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_expected_purchases_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_expected_purchases_new(model mbgnbd_model, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_expected_purchases_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_simulate(model mbgnbd_model, t double precision, seed bigint,
                                OUT x integer, OUT t_x double precision)
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_simulate_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_p_alive(mbgnbd_model, integer, double precision, double precision) IS
    'Probability that a customer with x repeat purchases, the last at t_x, observed for T, is still active (below 1 also when x = 0)';
COMMENT ON FUNCTION mbgnbd_expected_purchases(mbgnbd_model, double precision, integer, double precision, double precision) IS
    'Expected purchases of the customer (x, t_x, T) in the next horizon time units';
COMMENT ON FUNCTION mbgnbd_expected_purchases_new(mbgnbd_model, double precision) IS
    'Expected repeat purchases of a customer in the first horizon time units after the first purchase';
COMMENT ON FUNCTION mbgnbd_simulate(mbgnbd_model, double precision, bigint) IS
    'One customer simulated from the MBG/NBD model and observed for t after the first purchase: repeat purchases x and the time of the last, t_x; deterministic in (model, t, seed)';

-- One-step fits over rows and over customer profiles (bgnbd_agg's transitions).
CREATE AGGREGATE mbgnbd_fit(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_mbgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE mbgnbd_fit(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_mbgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE mbgnbd_fit(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_mbgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE mbgnbd_fit(integer, double precision, double precision) IS
    'Fits the MBG/NBD model by maximum likelihood to one row per customer (x, t_x, T); an error when there are no customers';
COMMENT ON AGGREGATE mbgnbd_fit(customer_profile, timestamptz) IS
    'Fits the MBG/NBD model to customer profiles at as_of, times in days';
COMMENT ON AGGREGATE mbgnbd_fit(customer_profile, timestamptz, double precision) IS
    'Fits the MBG/NBD model to customer profiles at as_of, times in units of unit_days days (7: weeks)';

-- 42_pnbd.sql (new in 1.1): the Pareto/NBD model, the piece repeated.
-- ===================================================================
-- Pareto/NBD: Poisson purchases while alive, exponential lifetimes
-- (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005), fitted on bgnbd_state
-- ===================================================================

CREATE TYPE pnbd_model AS (
    r double precision,
    alpha double precision,
    s double precision,
    beta double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE pnbd_model IS
    'A fitted Pareto/NBD model: purchase rates ~ Gamma(r, alpha) while alive, dropout rates ~ Gamma(s, beta); log-likelihood, customers and whether the fit converged';

-- Support function of the aggregates (not for direct use).
CREATE FUNCTION cf_pnbd_fit_final(bgnbd_state) RETURNS pnbd_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_pnbd_fit_final(bgnbd_state) IS
    'Final function of the pnbd_fit aggregates: fits the model; an error when there are no customers';

CREATE FUNCTION pnbd_fit(bgnbd_state) RETURNS pnbd_model
    AS 'MODULE_PATHNAME', 'cf_pnbd_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pnbd_fit(bgnbd_state) IS
    'Maximum-likelihood Pareto/NBD fit of the customers in a BG/NBD state (BFGS in log parameters, Nelder-Mead fallback); WARNING and converged = false if it stops early or at a boundary';

CREATE FUNCTION pnbd_p_alive(model pnbd_model, x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_alive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_expected_purchases(model pnbd_model, horizon double precision,
                                          x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_expected_purchases_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_expected_purchases_new(model pnbd_model, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_expected_purchases_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_p_alive(model pnbd_model, profile customer_profile, as_of timestamptz,
                             unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_alive_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_expected_purchases(model pnbd_model, horizon double precision, profile customer_profile,
                                        as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_expected_purchases_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_simulate(model pnbd_model, t double precision, seed bigint,
                                OUT x integer, OUT t_x double precision)
    AS 'MODULE_PATHNAME', 'cf_pnbd_simulate_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pnbd_p_alive(pnbd_model, integer, double precision, double precision) IS
    'Probability that a customer with x repeat purchases, the last at t_x, observed for T, is still active';
COMMENT ON FUNCTION pnbd_expected_purchases(pnbd_model, double precision, integer, double precision, double precision) IS
    'Expected purchases of the customer (x, t_x, T) in the next horizon time units';
COMMENT ON FUNCTION pnbd_p_alive(pnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION pnbd_expected_purchases(pnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';
COMMENT ON FUNCTION pnbd_expected_purchases_new(pnbd_model, double precision) IS
    'Expected repeat purchases of a customer in the first horizon time units after the first purchase';
COMMENT ON FUNCTION pnbd_simulate(pnbd_model, double precision, bigint) IS
    'One customer simulated from the Pareto/NBD model and observed for t after the first purchase: repeat purchases x and the time of the last, t_x; deterministic in (model, t, seed)';

-- One-step fits over rows and over customer profiles (bgnbd_agg's transitions).
CREATE AGGREGATE pnbd_fit(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_pnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE pnbd_fit(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_pnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE pnbd_fit(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_pnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE pnbd_fit(integer, double precision, double precision) IS
    'Fits the Pareto/NBD model by maximum likelihood to one row per customer (x, t_x, T); an error when there are no customers';
COMMENT ON AGGREGATE pnbd_fit(customer_profile, timestamptz) IS
    'Fits the Pareto/NBD model to customer profiles at as_of, times in days';
COMMENT ON AGGREGATE pnbd_fit(customer_profile, timestamptz, double precision) IS
    'Fits the Pareto/NBD model to customer profiles at as_of, times in units of unit_days days (7: weeks)';

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

-- Issue 18 (survey): interval methods, top_box_ci and small_cell_suppress (10_nps.sql).
CREATE FUNCTION nps_moe(nps_state, confidence double precision, method text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_state, confidence double precision, method text,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION top_box_ci(nps_state, confidence double precision DEFAULT 0.95, share text DEFAULT 'promoters',
                           OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_top_box_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION small_cell_suppress(nps_state, min_n integer) RETURNS nps_state
    AS 'MODULE_PATHNAME', 'cf_nps_small_cell_suppress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_moe(nps_state, double precision, text) IS 'Margin of error of the net score in points by method ''wald'' or ''adjusted_wald'' (n + 3, 3/4 added to promoters and detractors; recommended)';
COMMENT ON FUNCTION nps_ci(nps_state, double precision, text) IS 'Confidence interval of the net score by method ''wald'' (net score +/- margin) or ''adjusted_wald'' (adjusted net score +/- its margin), clipped to [-100, 100]';
COMMENT ON FUNCTION top_box_ci(nps_state, double precision, text) IS 'Wilson interval of the share of ''promoters'' (the top box of a CSAT or CES state), ''passives'' or ''detractors'', as fractions in [0, 1]';
COMMENT ON FUNCTION small_cell_suppress(nps_state, integer) IS 'The state when it has at least min_n answers, else NULL: publish states without revealing small cells';

-- Issue 18 (survey): 11_nps_trend.sql, the tests on survey scores.
CREATE FUNCTION nps_compare(a nps_state, b nps_state, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(state nps_state, benchmark double precision, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_compare_benchmark' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_shift(previous nps_state, current nps_state, confidence double precision DEFAULT 0.95)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cf_nps_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION nps_compare(nps_state, nps_state, text) IS 'Difference of two net scores by method ''wald'' or ''adjusted_wald'' with its standard error and the two-sided p-value of a z-test for independent samples';
COMMENT ON FUNCTION nps_compare(nps_state, double precision, text) IS 'Net score minus a benchmark net score (points) by method ''wald'' or ''adjusted_wald'', with its standard error and the two-sided p-value of a z-test';
COMMENT ON FUNCTION nps_shift(nps_state, nps_state, double precision) IS '''up'' or ''down'' when the adjusted-Wald test of current - previous is significant at the confidence, else ''flat''';

CREATE TYPE nps_trend AS (
    chi_square double precision,
    df integer,
    p_value double precision,
    slope double precision,
    slope_std_error double precision,
    slope_p_value double precision
);
COMMENT ON TYPE nps_trend IS
    'Result of nps_trend: chi-square test of homogeneity of the promoter/passive/detractor split across periods (chi_square, df, p_value), then the least-squares slope of the net score per period number with its standard error and two-sided p-value';

CREATE TYPE nps_trend_state;
CREATE FUNCTION nps_trend_state_in(cstring) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_trend_state_out(nps_trend_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_trend_state_recv(internal) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_trend_state_send(nps_trend_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE nps_trend_state (
    INPUT = nps_trend_state_in,
    OUTPUT = nps_trend_state_out,
    RECEIVE = nps_trend_state_recv,
    SEND = nps_trend_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE nps_trend_state IS
    'Promoters, passives and detractors per period number with the scale: the state of the nps_trend aggregate (text v1;scale=..;period=<n>:<p>,<a>,<d>;...)';
COMMENT ON FUNCTION nps_trend_state_in(cstring) IS 'Text input function of nps_trend_state';
COMMENT ON FUNCTION nps_trend_state_out(nps_trend_state) IS 'Text output function of nps_trend_state (periods merged and sorted)';
COMMENT ON FUNCTION nps_trend_state_recv(internal) IS 'Binary input function of nps_trend_state';
COMMENT ON FUNCTION nps_trend_state_send(nps_trend_state) IS 'Binary output function of nps_trend_state';

-- Support functions of the aggregate (not for direct use).
CREATE FUNCTION cf_nps_trend_trans(nps_trend_state, nps_state, integer) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_trend_combine(nps_trend_state, nps_trend_state) RETURNS nps_trend_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_trend_final(nps_trend_state) RETURNS nps_trend
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_nps_trend_trans(nps_trend_state, nps_state, integer) IS 'Transition of nps_trend: records the state''s counts under its period';
COMMENT ON FUNCTION cf_nps_trend_combine(nps_trend_state, nps_trend_state) IS 'Combine function of nps_trend: adds the periods of two partial states';
COMMENT ON FUNCTION cf_nps_trend_final(nps_trend_state) IS 'Final function of nps_trend: merges the periods and runs both tests';

CREATE AGGREGATE nps_trend(state nps_state, period integer) (
    SFUNC = cf_nps_trend_trans, STYPE = nps_trend_state, FINALFUNC = cf_nps_trend_final,
    COMBINEFUNC = cf_nps_trend_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE nps_trend(nps_state, integer) IS
    'Tests over stored states, one or more per period number (gaps allowed): chi-square homogeneity of the three classes across periods, then the linear trend of the net score per period';

-- 34_driver.sql (new in 1.1, issue 18 item 5): key-driver analysis.
-- ===================================================================
-- Key-driver analysis: what moves an outcome (standardized betas and
-- Johnson's relative weights of factor ratings)
-- ===================================================================

CREATE TYPE driver_state;
CREATE FUNCTION driver_state_in(cstring) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION driver_state_out(driver_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION driver_state_recv(internal) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION driver_state_send(driver_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STORAGE = extended: 50 factors hold 1,377 double-double sums (22 kB), more than a page.
CREATE TYPE driver_state (
    INPUT = driver_state_in,
    OUTPUT = driver_state_out,
    RECEIVE = driver_state_recv,
    SEND = driver_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE driver_state IS
    'Complete rows of an outcome and k factor ratings (k <= 50): their count and the sums of all products (double-double): the state of driver_agg';
COMMENT ON FUNCTION driver_state_in(cstring) IS 'Input function of driver_state';
COMMENT ON FUNCTION driver_state_out(driver_state) IS 'Output function of driver_state';
COMMENT ON FUNCTION driver_state_recv(internal) IS 'Binary input function of driver_state';
COMMENT ON FUNCTION driver_state_send(driver_state) IS 'Binary output function of driver_state';

CREATE FUNCTION cf_driver_trans(driver_state, double precision, double precision[], text[]) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_driver_combine(driver_state, driver_state) RETURNS driver_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_driver_trans(driver_state, double precision, double precision[], text[]) IS
    'Transition of driver_agg: adds a complete row (a row with a NULL anywhere is skipped)';
COMMENT ON FUNCTION cf_driver_combine(driver_state, driver_state) IS
    'Combine function of driver_agg and transition of rollup(driver_state): adds counts and sums of the same factors';

CREATE AGGREGATE driver_agg(outcome double precision, ratings double precision[], names text[]) (
    SFUNC = cf_driver_trans, STYPE = driver_state, COMBINEFUNC = cf_driver_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(driver_state) (
    SFUNC = cf_driver_combine, STYPE = driver_state, COMBINEFUNC = cf_driver_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE driver_agg(double precision, double precision[], text[]) IS
    'Key-driver state of an outcome and its factor ratings (names: one per rating, the same array in every row); rows with any NULL are skipped (listwise)';
COMMENT ON AGGREGATE rollup(driver_state) IS 'Merges stored key-driver states of the same factors';

CREATE FUNCTION driver_weights(driver_state)
    RETURNS TABLE (factor text, correlation double precision, beta double precision,
                   relative_weight double precision, rank integer)
    AS 'MODULE_PATHNAME', 'cf_driver_weights_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION driver_weights(driver_state) IS
    'Key drivers in rank order: per factor its correlation with the outcome, standardized regression coefficient (beta) and Johnson''s (2000) relative weight (the weights sum to the regression''s R^2)';

-- Issue 18 (survey): skipped answers (10_nps.sql; the nps_state format version 2 is read by the C code).
CREATE FUNCTION skipped_count(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_skipped_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION answer_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_answer_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION skipped_count(nps_state) IS 'Rows with a NULL score (skipped questions); NULL for a state stored before they were counted';
COMMENT ON FUNCTION answer_share(nps_state) IS 'Answers / (answers + skipped), a fraction in [0, 1]; NULL when the skipped count is unknown or there are no rows';
COMMENT ON AGGREGATE nps_agg(integer) IS 'Distribution of 0-10 recommend scores (NPS: promoters 9-10, detractors 0-6); NULL scores are counted as skipped answers';

-- 22_rfm.sql (issue 18 item 7): RFM segments as data, the tie rule of the R rfm package.
CREATE FUNCTION rfm_score(value double precision, breakpoints double precision[],
                          lower_is_better boolean, ties text) RETURNS integer
    AS 'MODULE_PATHNAME', 'cf_rfm_score_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_score(double precision, double precision[], boolean, text) IS
    'Score 1-5 of value against 4 ascending breakpoints with the tie rule given: ''lower'' (a value equal to a breakpoint takes the lower score, as the three-argument form) or ''upper'' (the higher one, the R rfm package''s order)';
CREATE FUNCTION rfm_scores(profile customer_profile, as_of timestamptz,
                           recency_breaks double precision[], frequency_breaks double precision[],
                           monetary_breaks double precision[], ties text,
                           OUT recency integer, OUT frequency integer, OUT monetary integer, OUT segment text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
        SELECT s.r, s.f, s.m, @extschema@.rfm_segment(s.r, s.f)
        FROM (SELECT @extschema@.rfm_score(@extschema@.days_since_last_order(profile, as_of), recency_breaks, true, ties) AS r,
                     @extschema@.rfm_score(@extschema@.order_count(profile), frequency_breaks, false, ties) AS f,
                     @extschema@.rfm_score(@extschema@.total_revenue(profile)::double precision, monetary_breaks, false, ties) AS m) AS s
    $$;
COMMENT ON FUNCTION rfm_scores(customer_profile, timestamptz, double precision[], double precision[], double precision[], text) IS
    'RFM scores of a profile at as_of with the tie rule given (''lower'' or ''upper'', the R rfm package''s order) and the R/F segment';
CREATE FUNCTION rfm_segment(recency_score integer, frequency_score integer, monetary_score integer, scheme text)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cf_rfm_segment_scheme' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_segment(integer, integer, integer, text) IS
    'Segment of the scores in a named scheme: ''rf_grid'' (the R/F grid of rfm_segment(r, f)) or ''rfm_package'' (the R rfm package''s ten segments, first match wins, Others for the rest)';
CREATE FUNCTION rfm_segment(recency_score integer, frequency_score integer, monetary_score integer, rules jsonb)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cf_rfm_segment_rules_match' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_segment(integer, integer, integer, jsonb) IS
    'Name of the first rule matching the scores: rules = [{"name": ..., "r": [lo, hi], "f": [lo, hi], "m": [lo, hi]}, ...], a missing score key matching any score; NULL when none matches';
CREATE FUNCTION rfm_segment_rules(scheme text) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'cf_rfm_segment_rules_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_segment_rules(text) IS
    'The rules of a named scheme as jsonb, for rfm_segment(r, f, m, rules) and rfm_rule_problems (to start your own from)';
CREATE FUNCTION rfm_rule_problems(rules jsonb)
    RETURNS TABLE (problem text, rule integer, segment text, earlier_rule integer, cell_count integer, example text)
    AS 'MODULE_PATHNAME', 'cf_rfm_rule_problems' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION rfm_rule_problems(jsonb) IS
    'Checks RFM rules over the 125 score cells: overlaps (a rule sharing cells with an earlier rule, which wins them), unreachable rules and the gap (cells no rule matches)';
-- 40_bgnbd.sql (issue 17 items 3 and 8): the profile forms of bgnbd_p_alive and
-- bgnbd_expected_purchases become C (1.0's LANGUAGE sql bodies over model_summary() were
-- never inlined: 1.8 to 9 times the scalar form), immutable like model_summary; the churn
-- windows bgnbd_p_no_purchase, bgnbd_pmf_new and bgnbd_p_alive_path are new.
CREATE OR REPLACE FUNCTION bgnbd_p_alive(model bgnbd_model, profile customer_profile, as_of timestamptz,
                              unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_alive_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION bgnbd_expected_purchases(model bgnbd_model, horizon double precision, profile customer_profile,
                                         as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_expected_purchases_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_p_alive(bgnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION bgnbd_expected_purchases(bgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';

-- ===================================================================
-- Churn windows: the chance of no purchase in a horizon, the purchase-count
-- distribution of a new customer, and P(alive) through a customer's history
-- ===================================================================

CREATE FUNCTION bgnbd_p_no_purchase(model bgnbd_model, horizon double precision,
                                    x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_no_purchase_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_p_no_purchase(model bgnbd_model, horizon double precision, profile customer_profile,
                                    as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_no_purchase_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_pmf_new(model bgnbd_model, n integer, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_pmf_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_p_alive_path(model bgnbd_model, profile customer_profile, as_of timestamptz,
                                   step interval, unit_days double precision DEFAULT 1)
    RETURNS TABLE (day date, p_alive double precision)
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_alive_path' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION bgnbd_p_no_purchase(bgnbd_model, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes no purchase in the next horizon time units: (1 - P(alive)) + P(alive) ((alpha + T)/(alpha + T + horizon))^(r + x)';
COMMENT ON FUNCTION bgnbd_p_no_purchase(bgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes no purchase in the horizon after as_of';
COMMENT ON FUNCTION bgnbd_pmf_new(bgnbd_model, integer, double precision) IS
    'Probability that a new customer makes exactly n repeat purchases in the first horizon time units (FHL 2005 eq. 8)';
COMMENT ON FUNCTION bgnbd_p_alive_path(bgnbd_model, customer_profile, timestamptz, interval, double precision) IS
    'P(alive) of the customer on the first purchase day, every step days after it and on the as_of day, each from the purchases up to that day';

-- MBG/NBD (issue 17 items 3 and 8): profile forms and churn windows
CREATE FUNCTION mbgnbd_p_alive(model mbgnbd_model, profile customer_profile, as_of timestamptz,
                               unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_alive_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_expected_purchases(model mbgnbd_model, horizon double precision, profile customer_profile,
                                          as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_expected_purchases_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_p_no_purchase(model mbgnbd_model, horizon double precision,
                                     x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_no_purchase_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_p_no_purchase(model mbgnbd_model, horizon double precision, profile customer_profile,
                                     as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_no_purchase_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_pmf_new(model mbgnbd_model, n integer, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_pmf_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_p_alive(mbgnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION mbgnbd_expected_purchases(mbgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';
COMMENT ON FUNCTION mbgnbd_p_no_purchase(mbgnbd_model, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes no purchase in the next horizon time units: (1 - P(alive)) + P(alive) ((alpha + T)/(alpha + T + horizon))^(r + x)';
COMMENT ON FUNCTION mbgnbd_p_no_purchase(mbgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes no purchase in the horizon after as_of';
COMMENT ON FUNCTION mbgnbd_pmf_new(mbgnbd_model, integer, double precision) IS
    'Probability that a new customer makes exactly n repeat purchases in the first horizon time units (a/(a+b) more at n = 0: gone right after the first purchase)';

-- ===================================================================
-- Uncertainty of the fitted lifetime models: standard errors from the
-- observed information, intervals on the log scale, AIC and BIC.
-- model_parameters takes the state the model was fitted to (the model
-- composites keep their 1.0 fields: see src/model_parameters.c).
-- ===================================================================

CREATE FUNCTION model_parameters(model bgnbd_model, state bgnbd_state,
                                 confidence double precision DEFAULT 0.95)
    RETURNS TABLE (parameter text, estimate double precision, std_error double precision,
                   lower double precision, upper double precision)
    AS 'MODULE_PATHNAME', 'cf_model_parameters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
CREATE FUNCTION model_parameters(model mbgnbd_model, state bgnbd_state,
                                 confidence double precision DEFAULT 0.95)
    RETURNS TABLE (parameter text, estimate double precision, std_error double precision,
                   lower double precision, upper double precision)
    AS 'MODULE_PATHNAME', 'cf_model_parameters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
CREATE FUNCTION model_parameters(model pnbd_model, state bgnbd_state,
                                 confidence double precision DEFAULT 0.95)
    RETURNS TABLE (parameter text, estimate double precision, std_error double precision,
                   lower double precision, upper double precision)
    AS 'MODULE_PATHNAME', 'cf_model_parameters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 4;
CREATE FUNCTION model_parameters(model gamma_gamma_model, state gamma_gamma_state,
                                 confidence double precision DEFAULT 0.95)
    RETURNS TABLE (parameter text, estimate double precision, std_error double precision,
                   lower double precision, upper double precision)
    AS 'MODULE_PATHNAME', 'cf_model_parameters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;
COMMENT ON FUNCTION model_parameters(bgnbd_model, bgnbd_state, double precision) IS
    'BG/NBD parameters with standard errors from the observed information of the state the model was fitted to, and confidence intervals on the log scale';
COMMENT ON FUNCTION model_parameters(mbgnbd_model, bgnbd_state, double precision) IS
    'MBG/NBD parameters with standard errors from the observed information of the state the model was fitted to, and confidence intervals on the log scale';
COMMENT ON FUNCTION model_parameters(pnbd_model, bgnbd_state, double precision) IS
    'Pareto/NBD parameters with standard errors from the observed information of the state the model was fitted to, and confidence intervals on the log scale';
COMMENT ON FUNCTION model_parameters(gamma_gamma_model, gamma_gamma_state, double precision) IS
    'Gamma-Gamma parameters with standard errors from the observed information of the state the model was fitted to, and confidence intervals on the log scale';

CREATE FUNCTION information_criteria(model bgnbd_model,
                                     OUT parameter_count integer, OUT aic double precision, OUT bic double precision)
    AS 'MODULE_PATHNAME', 'cf_model_information_criteria' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION information_criteria(model mbgnbd_model,
                                     OUT parameter_count integer, OUT aic double precision, OUT bic double precision)
    AS 'MODULE_PATHNAME', 'cf_model_information_criteria' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION information_criteria(model pnbd_model,
                                     OUT parameter_count integer, OUT aic double precision, OUT bic double precision)
    AS 'MODULE_PATHNAME', 'cf_model_information_criteria' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION information_criteria(model gamma_gamma_model,
                                     OUT parameter_count integer, OUT aic double precision, OUT bic double precision)
    AS 'MODULE_PATHNAME', 'cf_model_information_criteria' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION information_criteria(bgnbd_model) IS
    'AIC = 2k - 2 log_likelihood and BIC = k ln(n) - 2 log_likelihood of a fitted BG/NBD model (k = 4 parameters)';
COMMENT ON FUNCTION information_criteria(mbgnbd_model) IS
    'AIC = 2k - 2 log_likelihood and BIC = k ln(n) - 2 log_likelihood of a fitted MBG/NBD model (k = 4 parameters)';
COMMENT ON FUNCTION information_criteria(pnbd_model) IS
    'AIC = 2k - 2 log_likelihood and BIC = k ln(n) - 2 log_likelihood of a fitted Pareto/NBD model (k = 4 parameters)';
COMMENT ON FUNCTION information_criteria(gamma_gamma_model) IS
    'AIC = 2k - 2 log_likelihood and BIC = k ln(n) - 2 log_likelihood of a fitted Gamma-Gamma model (k = 3 parameters)';

-- ===================================================================
-- Orders -> CLV from profiles (issue 17 item 7): the profile's first purchase
-- day's revenue (format version 2; 1.0 profiles read back with it unknown),
-- repeat_mean_value, Gamma-Gamma and CLV over profiles
-- ===================================================================

CREATE FUNCTION repeat_mean_value(customer_profile) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_profile_repeat_mean_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION repeat_mean_value(customer_profile) IS
    'Mean revenue of the repeat purchase days (revenue after the first purchase day / (purchase days - 1), as avg() divides): the Gamma-Gamma input; NULL with one purchase day; an error when the first day''s revenue is unknown (a multi-day profile stored by 1.0 or 1.1)';

CREATE FUNCTION cf_gg_profile_trans(gamma_gamma_state, customer_profile) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_gg_profile_trans(gamma_gamma_state, customer_profile) IS
    'Transition of gamma_gamma_agg/gamma_gamma_fit(customer_profile): counts (purchase days - 1, repeat_mean_value(profile)::float8) of a repeat customer; one-day profiles and NULLs are skipped';
CREATE AGGREGATE gamma_gamma_agg(profile customer_profile) (
    SFUNC = cf_gg_profile_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE gamma_gamma_fit(profile customer_profile) (
    SFUNC = cf_gg_profile_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_fit_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_agg(customer_profile) IS
    'Gamma-Gamma summary of customer profiles: equal to gamma_gamma_agg(purchase_day_count(profile) - 1, repeat_mean_value(profile)::float8)';
COMMENT ON AGGREGATE gamma_gamma_fit(customer_profile) IS
    'Fits the Gamma-Gamma spend model to customer profiles (repeat customers, their repeat purchase days'' mean revenue), no hand-made summary';

CREATE FUNCTION customer_lifetime_value(bgnbd bgnbd_model, spend gamma_gamma_model, profile customer_profile,
                                        as_of timestamptz, unit_days double precision, horizon double precision,
                                        margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_clv_profile' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION customer_lifetime_value(bgnbd_model, gamma_gamma_model, customer_profile, timestamptz, double precision, double precision, double precision, double precision) IS
    'Customer lifetime value of a profile at as_of over horizon units of unit_days days: the row form over model_summary(profile, as_of, unit_days) and repeat_mean_value(profile); an error when the first day''s revenue is unknown';

-- 13_nps_weighted.sql (new in 1.1): weighted score distributions, the piece repeated.
-- ===================================================================
-- Weighted score distributions: nps_agg/csat_agg/ces_agg/score_agg(score, weight)
-- ===================================================================

CREATE TYPE nps_weighted_state;

CREATE FUNCTION nps_weighted_state_in(cstring) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_weighted_state_out(nps_weighted_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_weighted_state_recv(internal) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_weighted_state_send(nps_weighted_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE nps_weighted_state (
    INPUT = nps_weighted_state_in,
    OUTPUT = nps_weighted_state_out,
    RECEIVE = nps_weighted_state_recv,
    SEND = nps_weighted_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE nps_weighted_state IS
    'Per score on a scale: answers (exact), the sum of their weights and of their squared weights (double-double), with the thresholds: the state of the weighted NPS, CSAT, CES and score aggregates';
COMMENT ON FUNCTION nps_weighted_state_in(cstring) IS 'Text input function of nps_weighted_state';
COMMENT ON FUNCTION nps_weighted_state_out(nps_weighted_state) IS 'Text output function of nps_weighted_state (v1;scale=..;skipped=<rows>:<weight>;score=<s>:<rows>:<weight>:<squared weight>...)';
COMMENT ON FUNCTION nps_weighted_state_recv(internal) IS 'Binary input function of nps_weighted_state';
COMMENT ON FUNCTION nps_weighted_state_send(nps_weighted_state) IS 'Binary output function of nps_weighted_state';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_nps_weighted_trans(nps_weighted_state, integer, double precision) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_csat_weighted_trans(nps_weighted_state, integer, double precision) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ces_weighted_trans(nps_weighted_state, integer, double precision) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_score_weighted_trans(nps_weighted_state, integer, double precision, integer, integer, integer, integer)
    RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_weighted_combine(nps_weighted_state, nps_weighted_state) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_nps_weighted_trans(nps_weighted_state, integer, double precision) IS 'Transition of nps_agg(score, weight) and nps(score, weight): adds a weighted 0-10 score';
COMMENT ON FUNCTION cf_csat_weighted_trans(nps_weighted_state, integer, double precision) IS 'Transition of csat_agg(score, weight) and csat(score, weight): adds a weighted 1-5 score';
COMMENT ON FUNCTION cf_ces_weighted_trans(nps_weighted_state, integer, double precision) IS 'Transition of ces_agg(score, weight) and ces(score, weight): adds a weighted 1-7 score';
COMMENT ON FUNCTION cf_score_weighted_trans(nps_weighted_state, integer, double precision, integer, integer, integer, integer) IS 'Transition of score_agg(score, weight, ...): adds a weighted score on a custom scale';
COMMENT ON FUNCTION cf_nps_weighted_combine(nps_weighted_state, nps_weighted_state) IS 'Combine function of the weighted score aggregates and transition of rollup(nps_weighted_state): adds counts and double-double sums';

-- Accessors: nps_state's, with summed weights for counts and Kish's effective sample size for n.
CREATE FUNCTION nps(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION csat(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ces(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_score(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoter_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passive_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractor_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoter_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_promoter_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passive_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_passive_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractor_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_detractor_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_counts(nps_weighted_state) RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION effective_n(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_effective_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION skipped_count(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_skipped_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION answer_share(nps_weighted_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_answer_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_moe(nps_weighted_state, confidence double precision DEFAULT 0.95) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_moe(nps_weighted_state, confidence double precision, method text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_weighted_state, confidence double precision DEFAULT 0.95,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_weighted_state, confidence double precision, method text,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION top_box_ci(nps_weighted_state, confidence double precision DEFAULT 0.95, share text DEFAULT 'promoters',
                           OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_top_box_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(a nps_weighted_state, b nps_weighted_state,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(a nps_weighted_state, b nps_weighted_state, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(state nps_weighted_state, benchmark double precision, method text,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_compare_benchmark' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_shift(previous nps_weighted_state, current nps_weighted_state, confidence double precision DEFAULT 0.95)
    RETURNS text
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_shift' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION small_cell_suppress(nps_weighted_state, min_n integer) RETURNS nps_weighted_state
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_small_cell_suppress' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION score_distribution(nps_weighted_state, width integer DEFAULT 40)
    RETURNS TABLE (score integer, responses double precision, share double precision, bar text)
    AS 'MODULE_PATHNAME', 'cf_nps_weighted_distribution' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 11;

COMMENT ON FUNCTION nps(nps_weighted_state) IS 'Weighted net score in points: % promoters - % detractors by weight, in [-100, 100]; NULL when the weights sum to 0';
COMMENT ON FUNCTION csat(nps_weighted_state) IS 'Weighted top-box share in percent (scores at or above promoter_min)';
COMMENT ON FUNCTION ces(nps_weighted_state) IS 'Weighted customer effort score: the weighted mean score';
COMMENT ON FUNCTION mean_score(nps_weighted_state) IS 'Weighted mean score of the answers';
COMMENT ON FUNCTION response_count(nps_weighted_state) IS 'Sum of the weights of the answers';
COMMENT ON FUNCTION promoter_count(nps_weighted_state) IS 'Sum of the weights of answers at or above promoter_min';
COMMENT ON FUNCTION passive_count(nps_weighted_state) IS 'Sum of the weights of answers between detractor_max and promoter_min';
COMMENT ON FUNCTION detractor_count(nps_weighted_state) IS 'Sum of the weights of answers at or below detractor_max';
COMMENT ON FUNCTION promoter_share(nps_weighted_state) IS 'Promoters'' weight / the answers'' weight, a fraction in [0, 1]';
COMMENT ON FUNCTION passive_share(nps_weighted_state) IS 'Passives'' weight / the answers'' weight, a fraction in [0, 1]';
COMMENT ON FUNCTION detractor_share(nps_weighted_state) IS 'Detractors'' weight / the answers'' weight, a fraction in [0, 1]';
COMMENT ON FUNCTION score_counts(nps_weighted_state) IS 'Sum of the weights per scale point, from scale_min to scale_max';
COMMENT ON FUNCTION effective_n(nps_weighted_state) IS 'Kish''s effective sample size of the answers: (sum of weights)^2 / sum of squared weights; NULL when the weights sum to 0';
COMMENT ON FUNCTION skipped_count(nps_weighted_state) IS 'Sum of the weights of the rows with a NULL score (skipped questions)';
COMMENT ON FUNCTION answer_share(nps_weighted_state) IS 'Answers'' weight / (answers'' + skipped weight), a fraction in [0, 1]; NULL when both are 0';
COMMENT ON FUNCTION nps_moe(nps_weighted_state, double precision) IS 'Wald margin of error of the weighted net score in points, over the effective sample size';
COMMENT ON FUNCTION nps_moe(nps_weighted_state, double precision, text) IS 'Margin of error of the weighted net score by method ''wald'' or ''adjusted_wald'', over the effective sample size';
COMMENT ON FUNCTION nps_ci(nps_weighted_state, double precision) IS 'Wald confidence interval of the weighted net score over the effective sample size, clipped to [-100, 100]';
COMMENT ON FUNCTION nps_ci(nps_weighted_state, double precision, text) IS 'Confidence interval of the weighted net score by method ''wald'' or ''adjusted_wald'' over the effective sample size, clipped to [-100, 100]';
COMMENT ON FUNCTION top_box_ci(nps_weighted_state, double precision, text) IS 'Wilson interval of the weighted share of ''promoters'', ''passives'' or ''detractors'' over the effective sample size, as fractions in [0, 1]';
COMMENT ON FUNCTION nps_compare(nps_weighted_state, nps_weighted_state) IS 'Difference of two weighted net scores with its Wald standard error (effective sample sizes) and the two-sided p-value';
COMMENT ON FUNCTION nps_compare(nps_weighted_state, nps_weighted_state, text) IS 'Difference of two weighted net scores by method ''wald'' or ''adjusted_wald'' (effective sample sizes) with its standard error and two-sided p-value';
COMMENT ON FUNCTION nps_compare(nps_weighted_state, double precision, text) IS 'Weighted net score minus a benchmark (points) by method, with its standard error (effective sample size) and two-sided p-value';
COMMENT ON FUNCTION nps_shift(nps_weighted_state, nps_weighted_state, double precision) IS '''up'' or ''down'' when the adjusted-Wald test of current - previous (effective sample sizes) is significant at the confidence, else ''flat''';
COMMENT ON FUNCTION small_cell_suppress(nps_weighted_state, integer) IS 'The state when it has at least min_n answers (rows, not weights), else NULL';
COMMENT ON FUNCTION score_distribution(nps_weighted_state, integer) IS 'One row per scale point: summed weight, weighted share and a text bar scaled to the largest bucket';

-- Aggregates: two-step forms returning the state, one-step forms returning the figure.
-- No moving-window form: taking a weight out of a double-double sum is not exact.
CREATE AGGREGATE nps_agg(score integer, weight double precision) (
    SFUNC = cf_nps_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE nps(score integer, weight double precision) (
    SFUNC = cf_nps_weighted_trans, STYPE = nps_weighted_state, FINALFUNC = nps,
    COMBINEFUNC = cf_nps_weighted_combine, PARALLEL = SAFE
);
CREATE AGGREGATE csat_agg(score integer, weight double precision) (
    SFUNC = cf_csat_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE csat(score integer, weight double precision) (
    SFUNC = cf_csat_weighted_trans, STYPE = nps_weighted_state, FINALFUNC = csat,
    COMBINEFUNC = cf_nps_weighted_combine, PARALLEL = SAFE
);
CREATE AGGREGATE ces_agg(score integer, weight double precision) (
    SFUNC = cf_ces_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE ces(score integer, weight double precision) (
    SFUNC = cf_ces_weighted_trans, STYPE = nps_weighted_state, FINALFUNC = ces,
    COMBINEFUNC = cf_nps_weighted_combine, PARALLEL = SAFE
);
CREATE AGGREGATE score_agg(score integer, weight double precision, scale_min integer, scale_max integer,
                           promoter_min integer, detractor_max integer) (
    SFUNC = cf_score_weighted_trans, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(nps_weighted_state) (
    SFUNC = cf_nps_weighted_combine, STYPE = nps_weighted_state, COMBINEFUNC = cf_nps_weighted_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE nps_agg(integer, double precision) IS 'Weighted distribution of 0-10 recommend scores (promoters 9-10, detractors 0-6); weights 0 or in [1e-100, 1e100]; NULL scores are skipped answers with their weight';
COMMENT ON AGGREGATE nps(integer, double precision) IS 'Weighted Net Promoter Score of 0-10 scores in points; NULL when the weights sum to 0';
COMMENT ON AGGREGATE csat_agg(integer, double precision) IS 'Weighted distribution of 1-5 satisfaction scores (top-2-box 4-5, bottom-2-box 1-2)';
COMMENT ON AGGREGATE csat(integer, double precision) IS 'Weighted CSAT of 1-5 scores: top-2-box share of the weight in percent';
COMMENT ON AGGREGATE ces_agg(integer, double precision) IS 'Weighted distribution of 1-7 customer-effort scores (agree 5-7, disagree 1-3)';
COMMENT ON AGGREGATE ces(integer, double precision) IS 'Weighted customer effort score of 1-7 scores: the weighted mean score';
COMMENT ON AGGREGATE score_agg(integer, double precision, integer, integer, integer, integer) IS 'Weighted distribution of scores on a custom scale with custom promoter_min and detractor_max';
COMMENT ON AGGREGATE rollup(nps_weighted_state) IS 'Merges stored weighted score distributions of the same scale (e.g. daily states to months)';

-- issue 17: P(alive) through a customer's history for MBG/NBD (as bgnbd_p_alive_path)
CREATE FUNCTION mbgnbd_p_alive_path(model mbgnbd_model, profile customer_profile, as_of timestamptz,
                                    step interval, unit_days double precision DEFAULT 1)
    RETURNS TABLE (day date, p_alive double precision)
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_p_alive_path' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION mbgnbd_p_alive_path(mbgnbd_model, customer_profile, timestamptz, interval, double precision) IS
    'P(alive) of the customer on the first purchase day, every step days after it and on the as_of day, each from the purchases up to that day';

-- issue 17: P(alive) through a customer's history for Pareto/NBD (as bgnbd_p_alive_path)
CREATE FUNCTION pnbd_p_alive_path(model pnbd_model, profile customer_profile, as_of timestamptz,
                                  step interval, unit_days double precision DEFAULT 1)
    RETURNS TABLE (day date, p_alive double precision)
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_alive_path' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION pnbd_p_alive_path(pnbd_model, customer_profile, timestamptz, interval, double precision) IS
    'P(alive) of the customer on the first purchase day, every step days after it and on the as_of day, each from the purchases up to that day';

-- Issue 17 item 3: the conditional PMF of an existing customer, P(n purchases in
-- (T, T + horizon] | x, t_x, T), for BG/NBD and MBG/NBD (derivations in src/core/bgnbd.h, mbgnbd.h).
CREATE FUNCTION bgnbd_pmf(model bgnbd_model, n integer, horizon double precision,
                          x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_pmf_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_pmf(model bgnbd_model, n integer, horizon double precision, profile customer_profile,
                          as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_pmf_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_pmf(bgnbd_model, integer, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes exactly n purchases in the next horizon time units: [n = 0] (1 - P(alive)) + P(alive) bgnbd_pmf_new(n) with (r + x, alpha + T, a, b + x)';
COMMENT ON FUNCTION bgnbd_pmf(bgnbd_model, integer, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes exactly n purchases in the horizon after as_of';
CREATE FUNCTION mbgnbd_pmf(model mbgnbd_model, n integer, horizon double precision,
                           x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_pmf_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mbgnbd_pmf(model mbgnbd_model, n integer, horizon double precision, profile customer_profile,
                           as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_mbgnbd_pmf_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION mbgnbd_pmf(mbgnbd_model, integer, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes exactly n purchases in the next horizon time units: [n = 0] (1 - P(alive)) + P(alive) bgnbd_pmf_new(n) with (r + x, alpha + T, a, b + x + 1)';
COMMENT ON FUNCTION mbgnbd_pmf(mbgnbd_model, integer, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes exactly n purchases in the horizon after as_of';

-- Churn windows (issue 17 item 3; derivation in src/core/pnbd.h).
CREATE FUNCTION pnbd_p_no_purchase(model pnbd_model, horizon double precision,
                                   x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_no_purchase_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_p_no_purchase(model pnbd_model, horizon double precision, profile customer_profile,
                                   as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_p_no_purchase_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_pmf_new(model pnbd_model, n integer, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_pmf_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_pmf(model pnbd_model, n integer, horizon double precision,
                         x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_pmf_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION pnbd_pmf(model pnbd_model, n integer, horizon double precision, profile customer_profile,
                         as_of timestamptz, unit_days double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_pnbd_pmf_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION pnbd_p_no_purchase(pnbd_model, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes no purchase in the next horizon time units: (1 - P(alive)) + P(alive) pnbd_pmf_new(0) with (r + x, alpha + T, s, beta + T)';
COMMENT ON FUNCTION pnbd_p_no_purchase(pnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes no purchase in the horizon after as_of';
COMMENT ON FUNCTION pnbd_pmf_new(pnbd_model, integer, double precision) IS
    'Probability that a new customer makes exactly n repeat purchases in the first horizon time units (alive throughout, or gone after the n-th)';
COMMENT ON FUNCTION pnbd_pmf(pnbd_model, integer, double precision, integer, double precision, double precision) IS
    'Probability that the customer (x, t_x, T) makes exactly n purchases in the next horizon time units: [n = 0] (1 - P(alive)) + P(alive) pnbd_pmf_new(n) with (r + x, alpha + T, s, beta + T)';
COMMENT ON FUNCTION pnbd_pmf(pnbd_model, integer, double precision, customer_profile, timestamptz, double precision) IS
    'Probability that the customer whose profile is given makes exactly n purchases in the horizon after as_of';
