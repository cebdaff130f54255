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
