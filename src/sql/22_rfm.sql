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

-- Deprecated 1.0 name (CONTRIBUTING, naming table, rule 7): a wrapper of rfm_scores.
CREATE FUNCTION rfm(profile customer_profile, as_of timestamptz,
                    recency_breaks double precision[], frequency_breaks double precision[],
                    monetary_breaks double precision[],
                    OUT recency integer, OUT frequency integer, OUT monetary integer, OUT segment text)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT * FROM @extschema@.rfm_scores(profile, as_of, recency_breaks, frequency_breaks, monetary_breaks) $$;
COMMENT ON FUNCTION rfm(customer_profile, timestamptz, double precision[], double precision[], double precision[]) IS
    'Deprecated alias of rfm_scores(profile, as_of, recency_breaks, frequency_breaks, monetary_breaks), the 1.0 name';

-- RFM segments as data (issue 18 item 7): named schemes and ordered jsonb rules, first match wins.
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
