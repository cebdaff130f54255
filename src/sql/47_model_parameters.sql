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
