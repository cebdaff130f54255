-- customer_focus install script, built by the Makefile from src/sql/*.sql.
-- Every object is schema-qualified where it is not ours, PARALLEL SAFE, and commented.

\echo Use "CREATE EXTENSION customer_focus" to load this file. \quit

-- ===================================================================
-- Score distributions: NPS, CSAT, CES and custom scales
-- ===================================================================

CREATE TYPE nps_state;

CREATE FUNCTION nps_state_in(cstring) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_state_out(nps_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_state_recv(internal) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_state_send(nps_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE nps_state (
    INPUT = nps_state_in,
    OUTPUT = nps_state_out,
    RECEIVE = nps_state_recv,
    SEND = nps_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE nps_state IS
    'Count of responses per score on a scale, with the promoter and detractor thresholds: the state of the NPS, CSAT, CES and score aggregates';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_nps_trans(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_inv(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_csat_trans(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_csat_inv(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ces_trans(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ces_inv(nps_state, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_score_trans(nps_state, integer, integer, integer, integer, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_score_inv(nps_state, integer, integer, integer, integer, integer) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_nps_combine(nps_state, nps_state) RETURNS nps_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_nps_trans(nps_state, integer) IS 'Transition of nps_agg and nps: counts a 0-10 score';
COMMENT ON FUNCTION cf_nps_inv(nps_state, integer) IS 'Moving-aggregate inverse of cf_nps_trans';
COMMENT ON FUNCTION cf_csat_trans(nps_state, integer) IS 'Transition of csat_agg and csat: counts a 1-5 score';
COMMENT ON FUNCTION cf_csat_inv(nps_state, integer) IS 'Moving-aggregate inverse of cf_csat_trans';
COMMENT ON FUNCTION cf_ces_trans(nps_state, integer) IS 'Transition of ces_agg and ces: counts a 1-7 score';
COMMENT ON FUNCTION cf_ces_inv(nps_state, integer) IS 'Moving-aggregate inverse of cf_ces_trans';
COMMENT ON FUNCTION cf_score_trans(nps_state, integer, integer, integer, integer, integer) IS 'Transition of score_agg: counts a score on a custom scale';
COMMENT ON FUNCTION cf_score_inv(nps_state, integer, integer, integer, integer, integer) IS 'Moving-aggregate inverse of cf_score_trans';
COMMENT ON FUNCTION cf_nps_combine(nps_state, nps_state) IS 'Combine function of the score aggregates and transition of rollup(nps_state): adds counts';

-- Accessors.
CREATE FUNCTION nps(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION responses(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoters(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passives(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractors(nps_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_nps_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION promoter_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_promoter_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION passive_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_passive_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION detractor_share(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_detractor_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION csat(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_csat' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_score(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ces(nps_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_mean_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION counts(nps_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_nps_counts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_moe(nps_state, confidence double precision DEFAULT 0.95) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_nps_moe' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_ci(nps_state, confidence double precision DEFAULT 0.95,
                       OUT lower double precision, OUT upper double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION nps_compare(a nps_state, b nps_state,
                            OUT difference double precision, OUT std_error double precision,
                            OUT z double precision, OUT p_value double precision)
    AS 'MODULE_PATHNAME', 'cf_nps_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION distribution(nps_state, width integer DEFAULT 40)
    RETURNS TABLE (score integer, responses bigint, share double precision, bar text)
    AS 'MODULE_PATHNAME', 'cf_nps_distribution' LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 11;

COMMENT ON FUNCTION nps(nps_state) IS 'Net score in points: % promoters - % detractors, in [-100, 100]; NULL without responses';
COMMENT ON FUNCTION responses(nps_state) IS 'Number of responses counted';
COMMENT ON FUNCTION promoters(nps_state) IS 'Responses at or above promoter_min (9-10 for NPS)';
COMMENT ON FUNCTION passives(nps_state) IS 'Responses between detractor_max and promoter_min (7-8 for NPS)';
COMMENT ON FUNCTION detractors(nps_state) IS 'Responses at or below detractor_max (0-6 for NPS)';
COMMENT ON FUNCTION promoter_share(nps_state) IS 'Promoters / responses, a fraction in [0, 1]';
COMMENT ON FUNCTION passive_share(nps_state) IS 'Passives / responses, a fraction in [0, 1]';
COMMENT ON FUNCTION detractor_share(nps_state) IS 'Detractors / responses, a fraction in [0, 1]';
COMMENT ON FUNCTION csat(nps_state) IS 'Top-box share in percent: responses at or above promoter_min (4-5 on the CSAT scale)';
COMMENT ON FUNCTION mean_score(nps_state) IS 'Mean score of the responses';
COMMENT ON FUNCTION ces(nps_state) IS 'Customer effort score: the mean score (1-7 scale for ces_agg)';
COMMENT ON FUNCTION counts(nps_state) IS 'Responses per scale point, from scale_min to scale_max';
COMMENT ON FUNCTION nps_moe(nps_state, double precision) IS 'Margin of error of the net score in points: z * 100 * sqrt((p + d - (p - d)^2) / n)';
COMMENT ON FUNCTION nps_ci(nps_state, double precision) IS 'Confidence interval of the net score (net score +/- margin of error, clipped to [-100, 100])';
COMMENT ON FUNCTION nps_compare(nps_state, nps_state) IS 'Difference of two net scores with its standard error and the two-sided p-value of a z-test for independent samples';
COMMENT ON FUNCTION distribution(nps_state, integer) IS 'One row per scale point: responses, share and a text bar scaled to the largest bucket';

-- Aggregates: two-step forms returning the state, one-step forms returning the figure.
CREATE AGGREGATE nps_agg(integer) (
    SFUNC = cf_nps_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_nps_trans, MINVFUNC = cf_nps_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE nps(integer) (
    SFUNC = cf_nps_trans, STYPE = nps_state, FINALFUNC = nps, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_nps_trans, MINVFUNC = cf_nps_inv, MSTYPE = nps_state, MFINALFUNC = nps,
    PARALLEL = SAFE
);
CREATE AGGREGATE csat_agg(integer) (
    SFUNC = cf_csat_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_csat_trans, MINVFUNC = cf_csat_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE csat(integer) (
    SFUNC = cf_csat_trans, STYPE = nps_state, FINALFUNC = csat, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_csat_trans, MINVFUNC = cf_csat_inv, MSTYPE = nps_state, MFINALFUNC = csat,
    PARALLEL = SAFE
);
CREATE AGGREGATE ces_agg(integer) (
    SFUNC = cf_ces_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_ces_trans, MINVFUNC = cf_ces_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE ces(integer) (
    SFUNC = cf_ces_trans, STYPE = nps_state, FINALFUNC = ces, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_ces_trans, MINVFUNC = cf_ces_inv, MSTYPE = nps_state, MFINALFUNC = ces,
    PARALLEL = SAFE
);
CREATE AGGREGATE score_agg(score integer, scale_min integer, scale_max integer,
                           promoter_min integer, detractor_max integer) (
    SFUNC = cf_score_trans, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    MSFUNC = cf_score_trans, MINVFUNC = cf_score_inv, MSTYPE = nps_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(nps_state) (
    SFUNC = cf_nps_combine, STYPE = nps_state, COMBINEFUNC = cf_nps_combine,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE nps_agg(integer) IS 'Distribution of 0-10 recommend scores (NPS: promoters 9-10, detractors 0-6); NULL scores are ignored';
COMMENT ON AGGREGATE nps(integer) IS 'Net Promoter Score of 0-10 scores in points, in [-100, 100]; NULL for no responses';
COMMENT ON AGGREGATE csat_agg(integer) IS 'Distribution of 1-5 satisfaction scores (top-2-box 4-5, bottom-2-box 1-2)';
COMMENT ON AGGREGATE csat(integer) IS 'CSAT of 1-5 scores: top-2-box share in percent';
COMMENT ON AGGREGATE ces_agg(integer) IS 'Distribution of 1-7 customer-effort scores (agree 5-7, disagree 1-3)';
COMMENT ON AGGREGATE ces(integer) IS 'Customer effort score of 1-7 scores: the mean score';
COMMENT ON AGGREGATE score_agg(integer, integer, integer, integer, integer) IS 'Distribution of scores on a custom scale with custom promoter_min and detractor_max';
COMMENT ON AGGREGATE rollup(nps_state) IS 'Merges stored score distributions of the same scale (e.g. daily states to months)';
-- ===================================================================
-- Text charts for psql reports
-- ===================================================================

CREATE FUNCTION text_bar(value double precision, max_value double precision, width integer DEFAULT 40) RETURNS text
    AS 'MODULE_PATHNAME', 'cf_text_bar' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION text_bar(double precision, double precision, integer) IS
    'A bar of width * value / max_value cells in Unicode block characters (# when the database encoding is not UTF-8), for charts in psql';
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
    'The purchase profile of the orders in the group (one customer): orders, first/last order, exact revenue (= sum(amount)), distinct order days in the session TimeZone';
-- This aggregate reads the session TimeZone, so it is stable, not immutable; CREATE AGGREGATE
-- cannot say so and records every aggregate as immutable.  Correcting the record keeps
-- postgres_fdw from pushing it to remote sessions, which always run in GMT: the rows are
-- fetched and the profiles built here, in the caller's zone.  (The time_zone overload below
-- does not depend on the session and stays immutable, so it can be pushed down.)
UPDATE pg_catalog.pg_proc SET provolatile = 's'
WHERE oid = 'customer_profile(pg_catalog.timestamptz, pg_catalog.numeric)'::pg_catalog.regprocedure;

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
CREATE FUNCTION orders(customer_profile) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_profile_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION revenue(customer_profile) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_profile_revenue_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION first_order(customer_profile) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'cf_profile_first_order' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION last_order(customer_profile) RETURNS timestamptz
    AS 'MODULE_PATHNAME', 'cf_profile_last_order' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION purchase_days(customer_profile) RETURNS integer
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

COMMENT ON FUNCTION orders(customer_profile) IS 'Number of orders (rows with a time and an amount, refunds included)';
COMMENT ON FUNCTION revenue(customer_profile) IS 'Exact sum of the amounts, equal to sum(amount) to the last digit';
COMMENT ON FUNCTION first_order(customer_profile) IS 'Time of the first order';
COMMENT ON FUNCTION last_order(customer_profile) IS 'Time of the last order';
COMMENT ON FUNCTION purchase_days(customer_profile) IS 'Number of distinct local calendar days with an order';
COMMENT ON FUNCTION mean_interval(customer_profile) IS 'Mean time between distinct purchase days: (last day - first day) / (purchase days - 1); NULL with one purchase day';
COMMENT ON FUNCTION time_zone(customer_profile) IS 'The time zone whose calendar days the profile counts (the TimeZone setting when it was built)';
COMMENT ON FUNCTION model_summary(customer_profile, timestamptz, double precision) IS
    'Purchase-frequency model input at as_of: x = purchase days - 1, t_x = last - first purchase day, t = as_of day - first purchase day, in units of unit_days days (7 for weeks)';
COMMENT ON FUNCTION days_since_last_order(customer_profile, timestamptz) IS
    'Calendar days from the last order day to the as_of day, in the profile''s time zone';
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
-- ===================================================================
-- RFM: recency, frequency, monetary scores and the R/F segments
-- ===================================================================

CREATE FUNCTION rfm_score(value double precision, breakpoints double precision[],
                          lower_is_better boolean DEFAULT false) RETURNS integer
    AS 'MODULE_PATHNAME', 'cf_rfm_score_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_score(double precision, double precision[], boolean) IS
    'Score 1-5 of value against 4 ascending breakpoints: 1 + the number of breakpoints below value (a value equal to a breakpoint takes the lower score); reversed (6 - that) when lower_is_better, as for recency in days';

CREATE FUNCTION rfm_segment(recency_score integer, frequency_score integer) RETURNS text
    AS 'MODULE_PATHNAME', 'cf_rfm_segment_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION rfm_segment(integer, integer) IS
    'Named segment of an R/F score pair (Champions, Loyal Customers, Potential Loyalist, New Customers, Promising, Need Attention, About to Sleep, At Risk, Can''t Lose Them, Hibernating, Lost)';

CREATE FUNCTION rfm(profile customer_profile, as_of timestamptz,
                    recency_breaks double precision[], frequency_breaks double precision[],
                    monetary_breaks double precision[],
                    OUT recency integer, OUT frequency integer, OUT monetary integer, OUT segment text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
        SELECT s.r, s.f, s.m, @extschema@.rfm_segment(s.r, s.f)
        FROM (SELECT @extschema@.rfm_score(@extschema@.days_since_last_order(profile, as_of), recency_breaks, true) AS r,
                     @extschema@.rfm_score(@extschema@.orders(profile), frequency_breaks) AS f,
                     @extschema@.rfm_score(@extschema@.revenue(profile)::double precision, monetary_breaks) AS m) AS s
    $$;
COMMENT ON FUNCTION rfm(customer_profile, timestamptz, double precision[], double precision[], double precision[]) IS
    'RFM scores of a profile at as_of (recency = days since the last order, lower is better; frequency = orders; monetary = revenue) and the R/F segment';
-- ===================================================================
-- Lost-customer value
-- ===================================================================

CREATE FUNCTION lost_customer_value(annual_value numeric, annual_growth numeric, years integer,
                                    margin numeric DEFAULT 1, discount_rate numeric DEFAULT 0) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_lost_customer_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lost_customer_value(numeric, numeric, integer, numeric, numeric) IS
    'Value lost over years: sum over t = 1..years of (annual_value + (t - 1) * annual_growth) * margin / (1 + discount_rate)^t; exact without a discount rate, else rounded to 20 decimals';

CREATE FUNCTION lost_customer_value_geometric(annual_value numeric, growth_rate numeric, years integer,
                                              margin numeric DEFAULT 1, discount_rate numeric DEFAULT 0) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_lost_customer_value_geometric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lost_customer_value_geometric(numeric, numeric, integer, numeric, numeric) IS
    'Value lost over years with a yearly growth rate: sum over t = 1..years of annual_value * (1 + growth_rate)^(t - 1) * margin / (1 + discount_rate)^t, rounded to 20 decimals';

CREATE FUNCTION annual_trend(profile customer_profile, as_of timestamptz,
                             OUT annual_value numeric, OUT annual_growth numeric)
    AS 'MODULE_PATHNAME', 'cf_profile_annual_trend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION annual_trend(customer_profile, timestamptz) IS
    'Annual value and yearly growth derived from the customer''s history: a linear revenue rate fitted (method of moments) over the purchase days widened by half the mean interval on each side';

CREATE FUNCTION lost_customer_value(profile customer_profile, as_of timestamptz, years integer,
                                    margin numeric DEFAULT 1, discount_rate numeric DEFAULT 0) RETURNS numeric
    AS 'MODULE_PATHNAME', 'cf_lost_customer_value_profile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lost_customer_value(customer_profile, timestamptz, integer, numeric, numeric) IS
    'Value lost over years if the customer leaves at as_of, from annual_trend(profile, as_of) with arithmetic growth; yearly values below zero count as zero';
-- ===================================================================
-- Service quality: service levels, response-time standards,
-- importance-performance analysis, the complaint signal
-- ===================================================================

-- ---------- service levels: expectation against perception ----------

CREATE TYPE service_level AS ENUM ('low', 'standard', 'wow');
COMMENT ON TYPE service_level IS
    'Service level of one experience: low (below expectation), standard (meets it), wow (exceeds it)';

CREATE FUNCTION service_level(expected double precision, perceived double precision,
                              tolerance double precision DEFAULT 0) RETURNS service_level
    AS 'MODULE_PATHNAME', 'cf_service_level_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION service_level(double precision, double precision, double precision) IS
    'low when perceived < expected - tolerance, wow when perceived > expected + tolerance, else standard (edges included)';

CREATE TYPE service_level_state;
CREATE FUNCTION service_level_state_in(cstring) RETURNS service_level_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION service_level_state_out(service_level_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION service_level_state_recv(internal) RETURNS service_level_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION service_level_state_send(service_level_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE service_level_state (
    INPUT = service_level_state_in,
    OUTPUT = service_level_state_out,
    RECEIVE = service_level_state_recv,
    SEND = service_level_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE service_level_state IS
    'Experiences counted per service level (low, standard, wow) with the tolerance band they were judged with: the state of service_level_agg';
COMMENT ON FUNCTION service_level_state_in(cstring) IS 'Input function of service_level_state (text form "v1 tolerance=... low=... standard=... wow=...")';
COMMENT ON FUNCTION service_level_state_out(service_level_state) IS 'Output function of service_level_state';
COMMENT ON FUNCTION service_level_state_recv(internal) IS 'Binary input function of service_level_state';
COMMENT ON FUNCTION service_level_state_send(service_level_state) IS 'Binary output function of service_level_state';

CREATE FUNCTION cf_level_trans(service_level_state, double precision, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_inv(service_level_state, double precision, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_trans(service_level_state, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_inv(service_level_state, double precision, double precision)
    RETURNS service_level_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_level_combine(service_level_state, service_level_state) RETURNS service_level_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_level_trans(service_level_state, double precision, double precision, double precision) IS 'Transition of service_level_agg: counts the level of (expected, perceived) with a tolerance';
COMMENT ON FUNCTION cf_level_inv(service_level_state, double precision, double precision, double precision) IS 'Moving-aggregate inverse of cf_level_trans';
COMMENT ON FUNCTION cf_level_trans(service_level_state, double precision, double precision) IS 'Transition of service_level_agg without tolerance (tolerance 0)';
COMMENT ON FUNCTION cf_level_inv(service_level_state, double precision, double precision) IS 'Moving-aggregate inverse of cf_level_trans without tolerance';
COMMENT ON FUNCTION cf_level_combine(service_level_state, service_level_state) IS 'Combine function of service_level_agg and transition of rollup(service_level_state): adds counts of the same tolerance';

CREATE FUNCTION responses(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION low(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_low' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION standard(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_standard' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wow(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_wow' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION low_share(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_low_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION standard_share(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_standard_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION wow_share(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_wow_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION tolerance(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_tolerance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION counts(service_level_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_level_counts_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(service_level_state) IS 'Number of experiences counted';
COMMENT ON FUNCTION low(service_level_state) IS 'Experiences below expectation (perceived < expected - tolerance)';
COMMENT ON FUNCTION standard(service_level_state) IS 'Experiences meeting expectation (within expected +/- tolerance, edges included)';
COMMENT ON FUNCTION wow(service_level_state) IS 'Experiences above expectation (perceived > expected + tolerance)';
COMMENT ON FUNCTION low_share(service_level_state) IS 'Low / all experiences, a fraction in [0, 1]; NULL without experiences';
COMMENT ON FUNCTION standard_share(service_level_state) IS 'Standard / all experiences, a fraction in [0, 1]; NULL without experiences';
COMMENT ON FUNCTION wow_share(service_level_state) IS 'Wow / all experiences, a fraction in [0, 1]; NULL without experiences';
COMMENT ON FUNCTION tolerance(service_level_state) IS 'The tolerance the experiences were judged with';
COMMENT ON FUNCTION counts(service_level_state) IS 'Experiences per level as {low, standard, wow}';

CREATE AGGREGATE service_level_agg(expected double precision, perceived double precision, tolerance double precision) (
    SFUNC = cf_level_trans, STYPE = service_level_state, COMBINEFUNC = cf_level_combine,
    MSFUNC = cf_level_trans, MINVFUNC = cf_level_inv, MSTYPE = service_level_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE service_level_agg(expected double precision, perceived double precision) (
    SFUNC = cf_level_trans, STYPE = service_level_state, COMBINEFUNC = cf_level_combine,
    MSFUNC = cf_level_trans, MINVFUNC = cf_level_inv, MSTYPE = service_level_state,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(service_level_state) (
    SFUNC = cf_level_combine, STYPE = service_level_state, COMBINEFUNC = cf_level_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE service_level_agg(double precision, double precision, double precision) IS
    'Experiences counted per service level (low, standard, wow) with a tolerance band; rows with a NULL value are ignored';
COMMENT ON AGGREGATE service_level_agg(double precision, double precision) IS
    'Experiences counted per service level with tolerance 0';
COMMENT ON AGGREGATE rollup(service_level_state) IS 'Merges stored service-level states of the same tolerance';

-- ---------- response-time standards ----------

CREATE TYPE response_time_state;
CREATE FUNCTION response_time_state_in(cstring) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_time_state_out(response_time_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_time_state_recv(internal) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_time_state_send(response_time_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STORAGE = extended: a state can reach about 29 kB (2,400 buckets), more than a page.
CREATE TYPE response_time_state (
    INPUT = response_time_state_in,
    OUTPUT = response_time_state_out,
    RECEIVE = response_time_state_recv,
    SEND = response_time_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE response_time_state IS
    'Response times against a target: count, compliant count, exact min, max and sum, and a log-bucketed histogram (1 % relative accuracy) for percentiles';
COMMENT ON FUNCTION response_time_state_in(cstring) IS 'Input function of response_time_state';
COMMENT ON FUNCTION response_time_state_out(response_time_state) IS 'Output function of response_time_state';
COMMENT ON FUNCTION response_time_state_recv(internal) IS 'Binary input function of response_time_state';
COMMENT ON FUNCTION response_time_state_send(response_time_state) IS 'Binary output function of response_time_state';

CREATE FUNCTION cf_rt_trans(response_time_state, double precision, double precision) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_rt_trans(response_time_state, interval, interval) RETURNS response_time_state
    AS 'MODULE_PATHNAME', 'cf_rt_trans_interval' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_rt_combine(response_time_state, response_time_state) RETURNS response_time_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_rt_trans(response_time_state, double precision, double precision) IS 'Transition of response_time_agg: adds a response time in seconds';
COMMENT ON FUNCTION cf_rt_trans(response_time_state, interval, interval) IS 'Transition of response_time_agg over intervals';
COMMENT ON FUNCTION cf_rt_combine(response_time_state, response_time_state) IS 'Combine function of response_time_agg and transition of rollup(response_time_state): merges states of the same target';

CREATE FUNCTION responses(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliant(response_time_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_rt_compliant' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION compliance(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_compliance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION target(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_target' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION mean_response(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_mean_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION min_response(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_min_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION max_response(response_time_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_max_time' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_percentile(response_time_state, fraction double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_rt_percentile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION response_percentile(response_time_state, fractions double precision[]) RETURNS double precision[]
    AS 'MODULE_PATHNAME', 'cf_rt_percentiles' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(response_time_state) IS 'Number of response times counted';
COMMENT ON FUNCTION compliant(response_time_state) IS 'Responses within the target (time <= target)';
COMMENT ON FUNCTION compliance(response_time_state) IS 'Share of responses within the target, a fraction in [0, 1]; NULL without responses';
COMMENT ON FUNCTION target(response_time_state) IS 'The target in seconds';
COMMENT ON FUNCTION mean_response(response_time_state) IS 'Mean response time in seconds (sum kept exact to 2^-32 s per time)';
COMMENT ON FUNCTION min_response(response_time_state) IS 'Shortest response time in seconds (exact)';
COMMENT ON FUNCTION max_response(response_time_state) IS 'Longest response time in seconds (exact)';
COMMENT ON FUNCTION response_percentile(response_time_state, double precision) IS
    'Response time at a fraction (0..1), interpolated like percentile_cont; within 1 % of percentile_cont over the same times';
COMMENT ON FUNCTION response_percentile(response_time_state, double precision[]) IS
    'Response times at several fractions, like percentile_cont(double precision[])';

CREATE AGGREGATE response_time_agg(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE response_time_agg(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliance(seconds double precision, target double precision) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliance, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliance(response interval, target interval) (
    SFUNC = cf_rt_trans, STYPE = response_time_state, FINALFUNC = compliance, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(response_time_state) (
    SFUNC = cf_rt_combine, STYPE = response_time_state, COMBINEFUNC = cf_rt_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE response_time_agg(double precision, double precision) IS
    'Response times in seconds against a target in seconds; NULL times are ignored';
COMMENT ON AGGREGATE response_time_agg(interval, interval) IS
    'Response times as intervals against a target interval (seconds as EXTRACT(EPOCH) counts them)';
COMMENT ON AGGREGATE compliance(double precision, double precision) IS 'Share of response times within the target (time <= target)';
COMMENT ON AGGREGATE compliance(interval, interval) IS 'Share of response intervals within the target interval';
COMMENT ON AGGREGATE rollup(response_time_state) IS 'Merges stored response-time states of the same target';

-- ---------- importance-performance analysis ----------

CREATE TYPE ipa_state;
CREATE FUNCTION ipa_state_in(cstring) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ipa_state_out(ipa_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ipa_state_recv(internal) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION ipa_state_send(ipa_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- STORAGE = extended: up to 100 factors of 176 bytes, more than a page.
CREATE TYPE ipa_state (
    INPUT = ipa_state_in,
    OUTPUT = ipa_state_out,
    RECEIVE = ipa_state_recv,
    SEND = ipa_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE ipa_state IS
    'Importance and performance ratings per purchase factor (exact sums and counts) on a rating scale: the state of ipa_agg';
COMMENT ON FUNCTION ipa_state_in(cstring) IS 'Input function of ipa_state';
COMMENT ON FUNCTION ipa_state_out(ipa_state) IS 'Output function of ipa_state';
COMMENT ON FUNCTION ipa_state_recv(internal) IS 'Binary input function of ipa_state';
COMMENT ON FUNCTION ipa_state_send(ipa_state) IS 'Binary output function of ipa_state';

CREATE FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision, double precision, double precision)
    RETURNS ipa_state AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_ipa_combine(ipa_state, ipa_state) RETURNS ipa_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision) IS 'Transition of ipa_agg on the 1-5 scale';
COMMENT ON FUNCTION cf_ipa_trans(ipa_state, text, double precision, double precision, double precision, double precision) IS 'Transition of ipa_agg on a given scale';
COMMENT ON FUNCTION cf_ipa_combine(ipa_state, ipa_state) IS 'Combine function of ipa_agg and transition of rollup(ipa_state): adds sums per factor';

CREATE FUNCTION factors(ipa_state)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION factors(ipa_state, importance_threshold double precision, performance_threshold double precision)
    RETURNS TABLE (factor text, importance double precision, performance double precision,
                   gap double precision, quadrant text, rank integer)
    AS 'MODULE_PATHNAME', 'cf_ipa_factors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION grand_means(ipa_state, OUT importance double precision, OUT performance double precision)
    AS 'MODULE_PATHNAME', 'cf_ipa_grand_means_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION factors(ipa_state) IS
    'Importance-performance analysis: per factor the mean importance and performance, the gap (importance - performance), the quadrant against the grand means and the rank by gap; in rank order';
COMMENT ON FUNCTION factors(ipa_state, double precision, double precision) IS
    'Importance-performance analysis with the quadrant thresholds given (importance, performance)';
COMMENT ON FUNCTION grand_means(ipa_state) IS 'Means of the factor means (each factor once): the default quadrant thresholds';

CREATE AGGREGATE ipa_agg(factor text, importance double precision, performance double precision) (
    SFUNC = cf_ipa_trans, STYPE = ipa_state, COMBINEFUNC = cf_ipa_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE ipa_agg(factor text, importance double precision, performance double precision,
                         scale_min double precision, scale_max double precision) (
    SFUNC = cf_ipa_trans, STYPE = ipa_state, COMBINEFUNC = cf_ipa_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE rollup(ipa_state) (
    SFUNC = cf_ipa_combine, STYPE = ipa_state, COMBINEFUNC = cf_ipa_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE ipa_agg(text, double precision, double precision) IS
    'Importance and performance ratings per factor on the 1-5 scale; NULL ratings are ignored';
COMMENT ON AGGREGATE ipa_agg(text, double precision, double precision, double precision, double precision) IS
    'Importance and performance ratings per factor on the scale scale_min..scale_max';
COMMENT ON AGGREGATE rollup(ipa_state) IS 'Merges stored importance-performance states of the same scale';

-- ---------- the complaint signal ----------

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

CREATE FUNCTION orders(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaints(complaint_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_complaint_complaints' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION complaints_per_1000(complaint_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_complaints_per_1000' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION silent(complaint_state, min_orders bigint DEFAULT 500) RETURNS boolean
    AS 'MODULE_PATHNAME', 'cf_complaint_silent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION orders(complaint_state) IS 'Number of orders counted';
COMMENT ON FUNCTION complaints(complaint_state) IS 'Number of complaints counted';
COMMENT ON FUNCTION complaints_per_1000(complaint_state) IS 'Complaints per 1,000 orders; NULL without orders';
COMMENT ON FUNCTION silent(complaint_state, bigint) IS
    'True for a busy segment (orders >= min_orders) without a single complaint: a sign that feedback channels are broken';

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
-- ===================================================================
-- BG/NBD: who is still a customer, and how much will they buy
-- (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way")
-- ===================================================================

CREATE TYPE bgnbd_state;

CREATE FUNCTION bgnbd_state_in(cstring) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_state_out(bgnbd_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_state_recv(internal) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_state_send(bgnbd_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE bgnbd_state (
    INPUT = bgnbd_state_in,
    OUTPUT = bgnbd_state_out,
    RECEIVE = bgnbd_state_recv,
    SEND = bgnbd_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended   -- states of many customers exceed a page: TOAST them (readers detoast)
);
COMMENT ON TYPE bgnbd_state IS
    'Customers summarised as distinct (x, t_x, T) triples with counts: the mergeable state of the BG/NBD fit';

CREATE TYPE bgnbd_model AS (
    r double precision,
    alpha double precision,
    a double precision,
    b double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE bgnbd_model IS
    'A fitted BG/NBD model: purchase rates ~ Gamma(r, alpha), dropout probability ~ Beta(a, b); log-likelihood, customers and whether the fit converged';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_bgnbd_trans(bgnbd_state, integer, double precision, double precision) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_combine(bgnbd_state, bgnbd_state) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_final(bgnbd_state) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_fit_final(bgnbd_state) RETURNS bgnbd_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_bgnbd_trans(bgnbd_state, integer, double precision, double precision) IS
    'Transition of bgnbd_agg and bgnbd_fit: counts a customer (x, t_x, T), skipping rows with a NULL';
COMMENT ON FUNCTION cf_bgnbd_combine(bgnbd_state, bgnbd_state) IS
    'Combine function of the BG/NBD aggregates and transition of rollup(bgnbd_state): adds counts';
COMMENT ON FUNCTION cf_bgnbd_final(bgnbd_state) IS
    'Final function of bgnbd_agg and rollup(bgnbd_state): the state sorted, merged and without spare room';
COMMENT ON FUNCTION cf_bgnbd_fit_final(bgnbd_state) IS
    'Final function of the bgnbd_fit aggregate: fits the model; an error when there are no customers';

-- Accessors and the fit of a stored state.
CREATE FUNCTION customers(bgnbd_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_bgnbd_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_fit(bgnbd_state) RETURNS bgnbd_model
    AS 'MODULE_PATHNAME', 'cf_bgnbd_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(bgnbd_state) IS 'Number of customers in the state';
COMMENT ON FUNCTION bgnbd_fit(bgnbd_state) IS
    'Maximum-likelihood BG/NBD fit of the customers in a state (BFGS in log parameters, Nelder-Mead fallback); WARNING and converged = false if it stops early';

-- Predictions.
CREATE FUNCTION bgnbd_p_alive(model bgnbd_model, x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_p_alive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_expected_purchases(model bgnbd_model, horizon double precision,
                                         x integer, t_x double precision, t double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_expected_purchases_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bgnbd_expected_purchases_new(model bgnbd_model, horizon double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_bgnbd_expected_purchases_new_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_p_alive(bgnbd_model, integer, double precision, double precision) IS
    'Probability that a customer with x repeat purchases, the last at t_x, observed for T, is still active (1 when x = 0)';
COMMENT ON FUNCTION bgnbd_expected_purchases(bgnbd_model, double precision, integer, double precision, double precision) IS
    'Expected purchases of the customer (x, t_x, T) in the next horizon time units (FHL eq. 10)';
COMMENT ON FUNCTION bgnbd_expected_purchases_new(bgnbd_model, double precision) IS
    'Expected repeat purchases of a customer in the first horizon time units after the first purchase (FHL eq. 9)';

-- Simulation (benchmarks, model checks).
CREATE FUNCTION bgnbd_simulate(model bgnbd_model, t double precision, seed bigint,
                               OUT x integer, OUT t_x double precision)
    AS 'MODULE_PATHNAME', 'cf_bgnbd_simulate_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bgnbd_simulate(bgnbd_model, double precision, bigint) IS
    'One customer simulated from the model and observed for t after the first purchase: repeat purchases x and the time of the last, t_x; deterministic in (model, t, seed)';

-- Aggregates: the two-step form returning the state, the one-step fit, rollup.
CREATE AGGREGATE bgnbd_agg(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_fit(x integer, t_x double precision, t double precision) (
    SFUNC = cf_bgnbd_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE rollup(bgnbd_state) (
    SFUNC = cf_bgnbd_combine, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_agg(integer, double precision, double precision) IS
    'Summary of customers (x repeat purchases, last at t_x, observed for T) for a BG/NBD fit; rows with a NULL are skipped';
COMMENT ON AGGREGATE bgnbd_fit(integer, double precision, double precision) IS
    'Fits the BG/NBD model by maximum likelihood to one row per customer (x, t_x, T); an error when there are no customers';
COMMENT ON AGGREGATE rollup(bgnbd_state) IS 'Merges stored BG/NBD states (e.g. per shard or per cohort)';
-- ===================================================================
-- BG/NBD and CLV from customer profiles (customer_profile, 20_profile.sql):
-- (x, t_x, T) are model_summary(profile, as_of, unit_days), in units of
-- unit_days days (default 1: days; 7 for weeks)
-- ===================================================================

CREATE FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME', 'cf_bgnbd_profile_trans' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz, double precision) RETURNS bgnbd_state
    AS 'MODULE_PATHNAME', 'cf_bgnbd_profile_trans' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz) IS
    'Transition of bgnbd_fit(customer_profile, timestamptz): counts model_summary(profile, as_of) in days';
COMMENT ON FUNCTION cf_bgnbd_profile_trans(bgnbd_state, customer_profile, timestamptz, double precision) IS
    'Transition of bgnbd_agg/bgnbd_fit(customer_profile, timestamptz, double precision): counts model_summary(profile, as_of, unit_days)';

CREATE AGGREGATE bgnbd_agg(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_agg(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_fit(profile customer_profile, as_of timestamptz) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
CREATE AGGREGATE bgnbd_fit(profile customer_profile, as_of timestamptz, unit_days double precision) (
    SFUNC = cf_bgnbd_profile_trans, STYPE = bgnbd_state, FINALFUNC = cf_bgnbd_fit_final,
    COMBINEFUNC = cf_bgnbd_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE bgnbd_agg(customer_profile, timestamptz) IS
    'BG/NBD summary of customer profiles at as_of, times in days';
COMMENT ON AGGREGATE bgnbd_agg(customer_profile, timestamptz, double precision) IS
    'BG/NBD summary of customer profiles at as_of, times in units of unit_days days';
COMMENT ON AGGREGATE bgnbd_fit(customer_profile, timestamptz) IS
    'Fits the BG/NBD model to customer profiles at as_of, times in days';
COMMENT ON AGGREGATE bgnbd_fit(customer_profile, timestamptz, double precision) IS
    'Fits the BG/NBD model to customer profiles at as_of, times in units of unit_days days (7: weeks)';

CREATE FUNCTION bgnbd_p_alive(model bgnbd_model, profile customer_profile, as_of timestamptz,
                              unit_days double precision DEFAULT 1) RETURNS double precision
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $$ SELECT @extschema@.bgnbd_p_alive(model, s.x, s.t_x, s.t)
          FROM @extschema@.model_summary(profile, as_of, unit_days) AS s $$;
CREATE FUNCTION bgnbd_expected_purchases(model bgnbd_model, horizon double precision, profile customer_profile,
                                         as_of timestamptz, unit_days double precision DEFAULT 1) RETURNS double precision
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    AS $$ SELECT @extschema@.bgnbd_expected_purchases(model, horizon, s.x, s.t_x, s.t)
          FROM @extschema@.model_summary(profile, as_of, unit_days) AS s $$;
COMMENT ON FUNCTION bgnbd_p_alive(bgnbd_model, customer_profile, timestamptz, double precision) IS
    'P(alive) of the customer whose profile is given, at as_of (the model''s time unit must be unit_days days)';
COMMENT ON FUNCTION bgnbd_expected_purchases(bgnbd_model, double precision, customer_profile, timestamptz, double precision) IS
    'Expected purchases in the next horizon time units of the customer whose profile is given, at as_of';
-- ===================================================================
-- Gamma-Gamma spend and customer lifetime value
-- (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value")
-- ===================================================================

CREATE TYPE gamma_gamma_state;

CREATE FUNCTION gamma_gamma_state_in(cstring) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_state_out(gamma_gamma_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_state_recv(internal) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_state_send(gamma_gamma_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE gamma_gamma_state (
    INPUT = gamma_gamma_state_in,
    OUTPUT = gamma_gamma_state_out,
    RECEIVE = gamma_gamma_state_recv,
    SEND = gamma_gamma_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended   -- states of many customers exceed a page: TOAST them (readers detoast)
);
COMMENT ON TYPE gamma_gamma_state IS
    'Repeat customers summarised as distinct (x, mean value) pairs with counts: the mergeable state of the Gamma-Gamma fit';

CREATE TYPE gamma_gamma_model AS (
    p double precision,
    q double precision,
    gamma double precision,
    log_likelihood double precision,
    n bigint,
    converged boolean
);
COMMENT ON TYPE gamma_gamma_model IS
    'A fitted Gamma-Gamma spend model: transaction values ~ Gamma(p, nu), nu ~ Gamma(q, gamma); log-likelihood, customers and whether the fit converged';

-- Support functions of the aggregates (not for direct use).
CREATE FUNCTION cf_gg_trans(gamma_gamma_state, integer, double precision) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION cf_gg_combine(gamma_gamma_state, gamma_gamma_state) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_gg_final(gamma_gamma_state) RETURNS gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_gg_fit_final(gamma_gamma_state) RETURNS gamma_gamma_model
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_gg_trans(gamma_gamma_state, integer, double precision) IS
    'Transition of gamma_gamma_agg and gamma_gamma_fit: counts a repeat customer (x, mean value); x = 0 and NULLs are skipped';
COMMENT ON FUNCTION cf_gg_combine(gamma_gamma_state, gamma_gamma_state) IS
    'Combine function of the Gamma-Gamma aggregates and transition of rollup(gamma_gamma_state): adds counts';
COMMENT ON FUNCTION cf_gg_final(gamma_gamma_state) IS
    'Final function of gamma_gamma_agg and rollup(gamma_gamma_state): the state sorted, merged and without spare room';
COMMENT ON FUNCTION cf_gg_fit_final(gamma_gamma_state) IS
    'Final function of the gamma_gamma_fit aggregate: fits the model; an error when there are no repeat customers';

-- Accessors and the fit of a stored state.
CREATE FUNCTION customers(gamma_gamma_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_gg_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION gamma_gamma_fit(gamma_gamma_state) RETURNS gamma_gamma_model
    AS 'MODULE_PATHNAME', 'cf_gg_fit_state' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION customers(gamma_gamma_state) IS 'Number of repeat customers in the state';
COMMENT ON FUNCTION gamma_gamma_fit(gamma_gamma_state) IS
    'Maximum-likelihood Gamma-Gamma fit of the customers in a state; WARNING and converged = false if it stops early';

-- Predictions.
CREATE FUNCTION gamma_gamma_expected_mean(model gamma_gamma_model, x integer, mean_value double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_gg_expected_mean_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION clv(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                    t double precision, mean_value double precision, horizon double precision,
                    margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_clv_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION lost_customer_value(bgnbd bgnbd_model, spend gamma_gamma_model, x integer, t_x double precision,
                                    t double precision, mean_value double precision, horizon double precision,
                                    margin double precision DEFAULT 1, discount_rate double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_lost_value_sql' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION gamma_gamma_expected_mean(gamma_gamma_model, integer, double precision) IS
    'Expected mean transaction value of a customer with x repeat transactions of mean mean_value (the population mean when x = 0; mean_value may then be NULL)';
COMMENT ON FUNCTION clv(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Customer lifetime value over horizon time units: expected purchases per unit period, discounted at discount_rate per unit, times expected spend and margin; NULL margin or discount_rate take the defaults 1 and 0, mean_value may be NULL when x = 0';
COMMENT ON FUNCTION lost_customer_value(bgnbd_model, gamma_gamma_model, integer, double precision, double precision, double precision, double precision, double precision, double precision) IS
    'Predictive value of a customer who may have gone: (1 - P(alive)) times the value they would bring if alive; clv + lost_customer_value is that value';

-- Aggregates: the two-step form returning the state, the one-step fit, rollup.
CREATE AGGREGATE gamma_gamma_agg(x integer, mean_value double precision) (
    SFUNC = cf_gg_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE gamma_gamma_fit(x integer, mean_value double precision) (
    SFUNC = cf_gg_trans, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_fit_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
CREATE AGGREGATE rollup(gamma_gamma_state) (
    SFUNC = cf_gg_combine, STYPE = gamma_gamma_state, FINALFUNC = cf_gg_final,
    COMBINEFUNC = cf_gg_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE gamma_gamma_agg(integer, double precision) IS
    'Summary of repeat customers (x transactions of mean value mean_value) for a Gamma-Gamma fit; x = 0 and NULLs are skipped';
COMMENT ON AGGREGATE gamma_gamma_fit(integer, double precision) IS
    'Fits the Gamma-Gamma spend model by maximum likelihood over repeat customers (x > 0), as in the paper';
COMMENT ON AGGREGATE rollup(gamma_gamma_state) IS 'Merges stored Gamma-Gamma states';
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
CREATE FUNCTION cf_segment_combine(segment_summary_state, segment_summary_state) RETURNS segment_summary_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION cf_segment_final(segment_summary_state) RETURNS segment_report
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz) IS
    'Transition of segment_summary_agg(profile, as_of): counts one customer (a NULL profile is a prospect)';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score)';
COMMENT ON FUNCTION cf_segment_trans(segment_summary_state, customer_profile, timestamptz, integer, integer, numeric) IS
    'Transition of segment_summary_agg(profile, as_of, recommend_score, horizon_years, margin)';
COMMENT ON FUNCTION cf_segment_combine(segment_summary_state, segment_summary_state) IS
    'Combine function of the segment aggregates and transition of rollup(segment_summary_state): adds counts and sums';
COMMENT ON FUNCTION cf_segment_final(segment_summary_state) IS
    'Final function of segment_summary: the report row';

-- Accessors.
CREATE FUNCTION customers(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION orders(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_orders' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION repeat_customers(segment_summary_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_repeat_customers' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION stage_count(segment_summary_state, loyalty_stage) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_segment_stage_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION stage_share(segment_summary_state, loyalty_stage) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_segment_stage_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION revenue(segment_summary_state) RETURNS numeric
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

COMMENT ON FUNCTION customers(segment_summary_state) IS 'Customers summarised, prospects (rows without a profile) included';
COMMENT ON FUNCTION orders(segment_summary_state) IS 'Orders of the customers summarised';
COMMENT ON FUNCTION repeat_customers(segment_summary_state) IS 'Customers with at least two orders';
COMMENT ON FUNCTION stage_count(segment_summary_state, loyalty_stage) IS 'Customers at the given loyalty stage';
COMMENT ON FUNCTION stage_share(segment_summary_state, loyalty_stage) IS 'Share of all customers (prospects included) at the given loyalty stage';
COMMENT ON FUNCTION revenue(segment_summary_state) IS 'Exact revenue of the customers summarised (the sum of their profiles'' revenue)';
COMMENT ON FUNCTION revenue_per_customer(segment_summary_state) IS 'Revenue per customer with orders (prospects excluded)';
COMMENT ON FUNCTION average_order_value(segment_summary_state) IS 'Revenue per order';
COMMENT ON FUNCTION repeat_share(segment_summary_state) IS 'Share of the customers with orders who ordered at least twice';
COMMENT ON FUNCTION lapsed_value(segment_summary_state) IS 'Value at risk of the lapsed customers: lost_customer_value of each over the horizon, with the margin';
COMMENT ON FUNCTION lost_value(segment_summary_state) IS 'The same for the lost customers';
COMMENT ON FUNCTION segment_report(segment_summary_state, nps_state) IS 'The report row of a summary, with NPS and its 95 % margin of error when a score state is given';

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
CREATE AGGREGATE rollup(segment_summary_state) (
    SFUNC = cf_segment_combine, STYPE = segment_summary_state, COMBINEFUNC = cf_segment_combine, PARALLEL = SAFE
);

COMMENT ON AGGREGATE segment_summary_agg(customer_profile, timestamptz) IS
    'Summary of the customers of a segment at as_of (horizon 5 years, margin 1); a NULL profile counts as a prospect';
COMMENT ON AGGREGATE segment_summary_agg(customer_profile, timestamptz, integer) IS
    'As segment_summary_agg(profile, as_of), with each customer''s latest 0-10 recommend score for the advocate stage';
COMMENT ON AGGREGATE segment_summary_agg(customer_profile, timestamptz, integer, integer, numeric) IS
    'As segment_summary_agg(profile, as_of, recommend_score), with the horizon in years and the margin of the value at risk';
COMMENT ON AGGREGATE segment_summary(customer_profile, timestamptz) IS
    'The report row of a segment at as_of: use as (segment_summary(profile, as_of)).*';
COMMENT ON AGGREGATE segment_summary(customer_profile, timestamptz, integer) IS
    'The report row of a segment, with recommend scores for the advocate stage';
COMMENT ON AGGREGATE segment_summary(customer_profile, timestamptz, integer, integer, numeric) IS
    'The report row of a segment, with recommend scores, horizon in years and margin';
COMMENT ON AGGREGATE rollup(segment_summary_state) IS
    'Merges summaries made with the same parameters (e.g. segments into the total)';
