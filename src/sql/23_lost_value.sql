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
