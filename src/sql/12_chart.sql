-- ===================================================================
-- Text charts for psql reports
-- ===================================================================

CREATE FUNCTION text_bar(value double precision, max_value double precision, width integer DEFAULT 40) RETURNS text
    AS 'MODULE_PATHNAME', 'cf_text_bar' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION text_bar(double precision, double precision, integer) IS
    'A bar of width * value / max_value cells in Unicode block characters (# when the database encoding is not UTF-8), for charts in psql';
