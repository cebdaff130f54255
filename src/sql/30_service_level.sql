-- ===================================================================
-- Service levels: expectation against perception (service quality)
-- ===================================================================

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

CREATE FUNCTION response_count(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION level_count(service_level_state, level service_level) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION level_share(service_level_state, level service_level) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION level_tolerance(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_tolerance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION level_counts(service_level_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_level_counts_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION response_count(service_level_state) IS 'Number of experiences counted';
COMMENT ON FUNCTION level_count(service_level_state, service_level) IS
    'Experiences at the given level: low (perceived < expected - tolerance), standard (within expected +/- tolerance, edges included) or wow (perceived > expected + tolerance)';
COMMENT ON FUNCTION level_share(service_level_state, service_level) IS
    'Experiences at the given level / all experiences, a fraction in [0, 1]; NULL without experiences';
COMMENT ON FUNCTION level_tolerance(service_level_state) IS 'The tolerance the experiences were judged with';
COMMENT ON FUNCTION level_counts(service_level_state) IS 'Experiences per level as {low, standard, wow}';

-- Deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): the same C function where the
-- signature is the same, else a one-line SQL wrapper.
CREATE FUNCTION responses(service_level_state) RETURNS bigint
    AS 'MODULE_PATHNAME', 'cf_level_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION low(service_level_state) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_count($1, 'low') $$;
CREATE FUNCTION standard(service_level_state) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_count($1, 'standard') $$;
CREATE FUNCTION wow(service_level_state) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_count($1, 'wow') $$;
CREATE FUNCTION low_share(service_level_state) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_share($1, 'low') $$;
CREATE FUNCTION standard_share(service_level_state) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_share($1, 'standard') $$;
CREATE FUNCTION wow_share(service_level_state) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT @extschema@.level_share($1, 'wow') $$;
CREATE FUNCTION tolerance(service_level_state) RETURNS double precision
    AS 'MODULE_PATHNAME', 'cf_level_tolerance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION counts(service_level_state) RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'cf_level_counts_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION responses(service_level_state) IS 'Deprecated alias of response_count(service_level_state), the 1.0 name';
COMMENT ON FUNCTION low(service_level_state) IS 'Deprecated alias of level_count(state, ''low''), the 1.0 name';
COMMENT ON FUNCTION standard(service_level_state) IS 'Deprecated alias of level_count(state, ''standard''), the 1.0 name';
COMMENT ON FUNCTION wow(service_level_state) IS 'Deprecated alias of level_count(state, ''wow''), the 1.0 name';
COMMENT ON FUNCTION low_share(service_level_state) IS 'Deprecated alias of level_share(state, ''low''), the 1.0 name';
COMMENT ON FUNCTION standard_share(service_level_state) IS 'Deprecated alias of level_share(state, ''standard''), the 1.0 name';
COMMENT ON FUNCTION wow_share(service_level_state) IS 'Deprecated alias of level_share(state, ''wow''), the 1.0 name';
COMMENT ON FUNCTION tolerance(service_level_state) IS 'Deprecated alias of level_tolerance(service_level_state), the 1.0 name';
COMMENT ON FUNCTION counts(service_level_state) IS 'Deprecated alias of level_counts(service_level_state), the 1.0 name';

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

