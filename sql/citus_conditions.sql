-- Citus conditions, asserted from the catalogue for every aggregate of the extension.
--
-- Citus 13 (citus/src/backend/distributed/planner/multi_logical_optimizer.c,
-- utils/aggregate_utils.c) splits an aggregate that is not grouped by the
-- distribution column into worker_partial_agg on the workers and
-- coord_combine_agg on the coordinator only when:
--   * the call has no ORDER BY and at least one argument, and the aggregate has
--     a combine function and a state type that is not a pseudo-type (internal,
--     anyelement, ...): AggregateEnabledCustom();
--   * the argument types are exactly the declared ones (no polymorphic
--     arguments): TypecheckWorkerPartialAggArgType();
--   * the aggregate's result type is the final function's result type (the state
--     type without one): TypecheckCoordCombineAggReturnType();
-- otherwise every row is shipped to the coordinator.  Partial states travel as
-- the state type's text output and are read back with its text input, then
-- merged with the combine function: the text form must be exact and must not
-- depend on session settings (workers and coordinator may differ).  Names that
-- Citus special-cases (AggregateNames[] in multi_logical_optimizer.h, plus the
-- tdigest prefix) are resolved by name when the custom path does not apply
-- (e.g. with ORDER BY inside the call), so no aggregate may take one.
--
-- Output is count-free: one row per condition, whether it holds, and the
-- offenders (empty when all is well), so adding an aggregate changes nothing.

-- Every aggregate owned by the extension.
CREATE TEMP VIEW cf_ext_aggregates AS
SELECT p.oid AS fn, p.oid::regprocedure::text AS agg, p.proname, p.proparallel,
       p.prorettype, p.proargtypes, p.pronargs,
       a.aggkind, a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn,
       a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn,
       a.aggtranstype, a.aggmtranstype, a.agginitval
FROM pg_extension e
JOIN pg_depend d ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
                AND d.deptype = 'e' AND d.classid = 'pg_proc'::regclass
JOIN pg_proc p ON p.oid = d.objid
JOIN pg_aggregate a ON a.aggfnoid = p.oid
WHERE e.extname = 'customer_focus';

SELECT count(*) > 0 AS has_aggregates,
       bool_or(agg = 'nps_agg(integer)') AS sees_nps_agg
FROM cf_ext_aggregates;

-- Catalogue conditions.
SELECT c.condition, bool_and(c.ok) AS holds,
       coalesce(string_agg(x.agg, ', ' ORDER BY x.agg) FILTER (WHERE NOT c.ok), '') AS offenders
FROM cf_ext_aggregates x
CROSS JOIN LATERAL (VALUES
  (1, 'ordinary aggregate (not ordered-set or hypothetical)', x.aggkind = 'n'),
  (2, 'has a combine function', x.aggcombinefn <> 0),
  (3, 'state type is not a pseudo-type',
      (SELECT t.typtype <> 'p' FROM pg_type t WHERE t.oid = x.aggtranstype)),
  (4, 'at least one argument, none polymorphic or pseudo',
      x.pronargs > 0 AND NOT EXISTS (SELECT 1 FROM pg_type t
                                     WHERE t.oid = ANY (x.proargtypes) AND t.typtype = 'p')),
  (5, 'result type is the final function''s (or the state type)',
      x.prorettype = CASE WHEN x.aggfinalfn = 0 THEN x.aggtranstype
                          ELSE (SELECT f.prorettype FROM pg_proc f WHERE f.oid = x.aggfinalfn) END),
  (6, 'aggregate is PARALLEL SAFE', x.proparallel = 's'),
  (7, 'support functions are PARALLEL SAFE',
      NOT EXISTS (SELECT 1 FROM pg_proc f
                  WHERE f.oid IN (x.aggtransfn, x.aggfinalfn, x.aggcombinefn, x.aggserialfn,
                                  x.aggdeserialfn, x.aggmtransfn, x.aggminvtransfn, x.aggmfinalfn)
                    AND f.proparallel <> 's')),
  (8, 'state type I/O functions are PARALLEL SAFE',
      NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_proc f
                    ON f.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend)
                  WHERE t.oid IN (x.aggtranstype, x.aggmtranstype) AND f.proparallel <> 's')),
  (9, 'name not special-cased by Citus',
      NOT (x.proname = ANY (ARRAY['avg', 'min', 'max', 'sum', 'count', 'array_agg',
                                  'jsonb_agg', 'jsonb_object_agg', 'json_agg', 'json_object_agg',
                                  'bit_and', 'bit_or', 'bool_and', 'bool_or', 'every',
                                  'hll_add_agg', 'hll_union_agg', 'topn_add_agg',
                                  'topn_union_agg', 'any_value'])
           OR x.proname LIKE 'tdigest%'))
) AS c(n, condition, ok)
GROUP BY c.n, c.condition
ORDER BY c.n;

-- Text round trips on sample states, the way Citus moves them.
--
-- A sample is a query whose columns are an aggregate's arguments.  Every
-- aggregate gets generic samples built from its argument types (below): all
-- arguments varying, and the last one constant (a target, a tolerance);
-- cf_samples adds samples for aggregates whose arguments have rules a generic
-- row cannot know (scales, parameters, states as input); a sample also serves
-- every aggregate with the same transition function and state type.  Samples whose rows
-- the aggregate rejects are skipped, but every state type must end up with at
-- least one exact sample, so a new state type without a usable sample fails
-- this test by name.  Rows naming aggregates that do not exist are ignored.
CREATE TEMP TABLE cf_samples (agg text, rows_sql text);
INSERT INTO cf_samples VALUES
  -- the same names in every row, non-integer ratings (the error-free sums), incomplete rows
  ('driver_agg(double precision,double precision[],text[])',
   'SELECT (n * 7919 % 11) / 3.0, ARRAY[(n % 7)::float8, CASE WHEN n % 13 = 0 THEN NULL ELSE n * 0.37 END], ARRAY[''price'', ''speed'']
    FROM generate_series(1, 60) n'),
  ('rollup(driver_state)',
   'SELECT driver_agg((n * 7919 % 11) / 3.0, ARRAY[(n % 7)::float8, n * 0.37], ARRAY[''price'', ''speed''])
    FROM generate_series(1, 60) n GROUP BY n % 4'),
  ('nps_agg(integer)', 'SELECT 10 FROM generate_series(1, 1)'),
  ('csat_agg(integer)', 'SELECT CASE WHEN n % 13 = 0 THEN NULL ELSE 1 + (n * 7919) % 5 END FROM generate_series(1, 60) n'),
  ('ces_agg(integer)', 'SELECT 1 + (n * 7919) % 7 FROM generate_series(1, 60) n'),
  ('score_agg(integer,integer,integer,integer,integer)',
   'SELECT 1 + (n * 7919) % 100, 1, 100, 90, 60 FROM generate_series(1, 60) n'),
  ('rollup(nps_state)',
   'SELECT nps_agg(s) FROM (SELECT n % 7 AS g, (n * 7919) % 11 AS s FROM generate_series(1, 70) n) x GROUP BY g'),
  -- weights with low parts (0.37 n), zero weights, skipped answers with weights
  ('nps_agg(integer,double precision)',
   'SELECT CASE WHEN n % 13 = 0 THEN NULL ELSE (n * 7919) % 11 END, (n % 9) * 0.37 FROM generate_series(1, 60) n'),
  ('csat_agg(integer,double precision)', 'SELECT 1 + (n * 7919) % 5, n * 0.1 FROM generate_series(1, 60) n'),
  ('ces_agg(integer,double precision)', 'SELECT 1 + (n * 7919) % 7, 1e-100 * n FROM generate_series(1, 60) n'),
  ('score_agg(integer,double precision,integer,integer,integer,integer)',
   'SELECT 1 + (n * 7919) % 100, n / 7.0, 1, 100, 90, 60 FROM generate_series(1, 60) n'),
  ('rollup(nps_weighted_state)',
   'SELECT nps_agg(s, w) FROM (SELECT n % 7 AS g, (n * 7919) % 11 AS s, n / 3.0 AS w FROM generate_series(1, 70) n) x GROUP BY g'),
  -- states of seven periods, one period twice, a NULL state and a NULL period
  ('nps_trend(nps_state,integer)',
   'SELECT nps_agg(s), g FROM (SELECT n % 7 AS g, (n * 7919) % 11 AS s FROM generate_series(1, 70) n) x GROUP BY g
    UNION ALL SELECT nps_agg(3), 2 UNION ALL SELECT NULL, 4 UNION ALL SELECT nps_agg(9), NULL'),
  -- revenue beyond 128 bits (the big-decimal part of the text form), refunds
  ('customer_profile(timestamp with time zone,numeric)',
   'SELECT timestamptz ''2024-01-01 00:00:00+00'' + n * interval ''3 days 5 hours'',
           (10::numeric ^ 36 * (n % 7 + 1) + n / 100.0) * CASE WHEN n % 9 = 0 THEN -1 ELSE 1 END
    FROM generate_series(1, 60) n'),
  ('rollup(customer_profile)',
   'SELECT customer_profile(t, a) FROM (SELECT n % 4, timestamptz ''2024-01-01 00:00:00+00'' + n * interval ''1 day 7 hours'',
                                              round((n * 7919 % 10000) / 100.0, 2)
                                       FROM generate_series(1, 60) n) s(g, t, a) GROUP BY g'),
  -- x repeat purchases, t_x <= T, t_x = 0 exactly when x = 0; repeated rows
  ('bgnbd_agg(integer,double precision,double precision)',
   'SELECT x, CASE WHEN x = 0 THEN 0 ELSE 0.5 + (k * 7919 % 300) / 10.0 END, 39 + (k % 3) / 7.0
    FROM (SELECT n % 25 AS k, (n % 25) % 6 AS x FROM generate_series(1, 60) n) s'),
  -- profiles of customers with 1-5 orders and prospects (NULL), scores, as of a fixed time
  ('segment_summary_agg(customer_profile,timestamp with time zone,integer,integer,numeric)',
   'SELECT p, timestamptz ''2026-07-01 00:00:00+00'', (g * 7) % 11, 5, 0.2
    FROM (SELECT g, customer_profile(t, a) AS p
          FROM (SELECT n % 9 AS g, timestamptz ''2024-01-01 00:00:00+00'' + (n * 37 % 800) * interval ''1 day'',
                       round((n * 7919 % 10000) / 100.0, 2)
                FROM generate_series(1, 60) n) s(g, t, a)
          GROUP BY g) x
    UNION ALL SELECT NULL::customer_profile, timestamptz ''2026-07-01 00:00:00+00'', NULL, 5, 0.2'),
  ('rollup(bgnbd_state)',
   'SELECT bgnbd_agg(x, CASE WHEN x = 0 THEN 0 ELSE 0.5 + (n * 7919 % 300) / 10.0 END, 39 + (n % 3) / 7.0)
    FROM (SELECT n, n % 6 AS x FROM generate_series(1, 60) n) s GROUP BY n % 4'),
  -- one as_of for all rows, no order after it; negative and extreme ids, prospects (NULL
  -- ordered_at), customers seen on several rows, NULL ids skipped
  ('loyalty_ladder(bigint,timestamp with time zone,timestamp with time zone)',
   'SELECT CASE WHEN n % 17 = 0 THEN NULL WHEN n = 1 THEN -9223372036854775807 WHEN n = 2 THEN 9223372036854775807
                ELSE (n % 13 - 6)::bigint * 1000000007 END,
           CASE WHEN n % 11 = 0 THEN NULL
                ELSE timestamptz ''2024-01-01 00:00:00+00'' + (n * 7919 % 900) * interval ''1 day'' + (n * 104729 % 86400) * interval ''1 second'' END,
           timestamptz ''2026-07-01 00:00:00+00''
    FROM generate_series(1, 60) n'),
  ('loyalty_ladder(bigint,timestamp with time zone,timestamp with time zone,text)',
   'SELECT CASE WHEN n % 17 = 0 THEN NULL ELSE (n % 13 - 6)::bigint END,
           CASE WHEN n % 11 = 0 THEN NULL
                ELSE timestamptz ''2024-01-01 00:00:00+00'' + (n * 7919 % 900) * interval ''1 day'' + (n * 104729 % 86400) * interval ''1 second'' END,
           timestamptz ''2026-07-01 00:00:00+00'', ''Asia/Kolkata''
    FROM generate_series(1, 60) n'),
  ('rollup(loyalty_ladder)',
   'SELECT loyalty_ladder(c, t, timestamptz ''2026-07-01 00:00:00+00'', ''America/St_Johns'')
    FROM (SELECT n % 4 AS g, (n % 13 - 6)::bigint AS c,
                 CASE WHEN n % 11 = 0 THEN NULL
                      ELSE timestamptz ''2024-01-01 00:00:00+00'' + (n * 7919 % 900) * interval ''1 day'' + (n * 104729 % 86400) * interval ''1 second'' END AS t
          FROM generate_series(1, 60) n) s GROUP BY g');

-- The generic value of an argument of type t at position i in row r (NULL:
-- no generic value for that type).  The first argument is NULL in every 17th
-- row, which transition functions must skip.
CREATE FUNCTION pg_temp.cf_generic_value(t regtype, i integer, r text DEFAULT 'n') RETURNS text
LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN i = 1 THEN 'CASE WHEN ' || r || ' % 17 = 0 THEN NULL ELSE ' ELSE '' END
       || format(CASE t
            WHEN 'smallint'::regtype THEN '((%2$s * 7919 + %1$s) %% 11)::smallint'
            WHEN 'integer'::regtype THEN '((%2$s * 7919 + %1$s) %% 11)::integer'
            WHEN 'bigint'::regtype THEN '((%2$s * 7919 + %1$s) %% 11)::bigint'
            WHEN 'numeric'::regtype THEN 'round(((%2$s * 7919 + %1$s) %% 100000) / 100.0 + 0.01, 2)'
            WHEN 'double precision'::regtype THEN '(1 + ((%2$s * 7919 + %1$s) %% 400) / 100.0)::float8'
            WHEN 'real'::regtype THEN '(1 + ((%2$s * 7919 + %1$s) %% 400) / 100.0)::real'
            WHEN 'interval'::regtype
              THEN '((%2$s * 7919 + %1$s) %% 600) * interval ''1 second'' + ((%2$s * 104729) %% 1000) * interval ''1 microsecond'''
            WHEN 'timestamp with time zone'::regtype
              THEN 'timestamptz ''2024-01-01 00:00:00+00'' + ((%2$s * 7919 + %1$s) %% 1000) * interval ''1 day'' + ((%2$s * 104729) %% 86400) * interval ''1 second'''
            WHEN 'timestamp without time zone'::regtype
              THEN 'timestamp ''2024-01-01 00:00:00'' + ((%2$s * 7919 + %1$s) %% 1000) * interval ''1 day'' + ((%2$s * 104729) %% 86400) * interval ''1 second'''
            WHEN 'date'::regtype THEN 'date ''2024-01-01'' + ((%2$s * 7919 + %1$s) %% 1000)::integer'
            WHEN 'boolean'::regtype THEN '((%2$s * 7919 + %1$s) %% 3 = 0)'
            WHEN 'text'::regtype THEN '''s'' || ((%2$s * 7919 + %1$s) %% 5)'
          END, 104729 * i, r)
       || CASE WHEN i = 1 THEN ' END' ELSE '' END
$$;

-- One row per (aggregate, sample): 'exact', 'skipped: ...' (the aggregate
-- rejected the sample or it gave no state) or 'NOT EXACT: ...'.
CREATE FUNCTION pg_temp.cf_round_trips()
RETURNS TABLE (agg text, stype regtype, sample text, outcome text)
LANGUAGE plpgsql AS $fn$
DECLARE
    x record;
    smp record;
    probe text;
    argtypes text;
    cols text;
    src text;
    send_fn text;
    texts text[];
    sends bytea[];
    sends2 bytea[];
    texts2 text[];
    comb bytea;
    comb2 bytea;
    ta text;
    tb text;
    k integer := 0;
    tz text;
    ds text;
    efd text;
    ivs text;
BEGIN
    FOR x IN SELECT * FROM cf_ext_aggregates WHERE aggkind = 'n' AND pronargs > 0 ORDER BY agg
    LOOP
        k := k + 1;
        stype := x.aggtranstype;
        agg := x.agg;
        -- A probe aggregate with the same transition function and state but no
        -- final function exposes the state of any aggregate.
        probe := 'pg_temp.cf_probe_' || k;
        argtypes := (SELECT string_agg(format_type(t, NULL), ', ' ORDER BY o)
                     FROM unnest(x.proargtypes) WITH ORDINALITY u(t, o));
        BEGIN
            EXECUTE format('CREATE AGGREGATE %s(%s) (SFUNC = %s, STYPE = %s%s)', probe, argtypes,
                           x.aggtransfn::regproc, format_type(x.aggtranstype, NULL),
                           CASE WHEN x.agginitval IS NULL THEN ''
                                ELSE format(', INITCOND = %L', x.agginitval) END);
        EXCEPTION WHEN OTHERS THEN
            sample := 'probe';
            outcome := 'skipped: ' || SQLERRM;
            RETURN NEXT;
            CONTINUE;
        END;
        cols := (SELECT string_agg('c' || o, ', ' ORDER BY o)
                 FROM generate_series(1, x.pronargs) o);
        SELECT CASE WHEN t.typsend = 0 THEN NULL ELSE t.typsend::regproc::text END
          INTO send_fn FROM pg_type t WHERE t.oid = x.aggtranstype;
        FOR smp IN
            SELECT 'sample' AS kind, s.rows_sql FROM cf_samples s
            WHERE s.agg = x.agg
               OR EXISTS (SELECT 1 FROM pg_aggregate a2
                          WHERE a2.aggfnoid = to_regprocedure(s.agg) AND a2.aggtransfn = x.aggtransfn
                            AND a2.aggtranstype = x.aggtranstype)
            UNION ALL
            SELECT 'generic', 'SELECT ' || string_agg(pg_temp.cf_generic_value(t::regtype, o::integer), ', ' ORDER BY o)
                              || ' FROM generate_series(1, 60) n'
            FROM unnest(x.proargtypes) WITH ORDINALITY u(t, o)
            HAVING bool_and(pg_temp.cf_generic_value(t::regtype, o::integer) IS NOT NULL)
            UNION ALL
            SELECT 'generic, last argument constant',
                   'SELECT ' || string_agg(CASE WHEN o = x.pronargs
                                                THEN pg_temp.cf_generic_value(t::regtype, o::integer, '1')
                                                ELSE pg_temp.cf_generic_value(t::regtype, o::integer) END, ', ' ORDER BY o)
                   || ' FROM generate_series(1, 60) n'
            FROM unnest(x.proargtypes) WITH ORDINALITY u(t, o)
            HAVING x.pronargs > 1 AND bool_and(pg_temp.cf_generic_value(t::regtype, o::integer) IS NOT NULL)
        LOOP
            sample := smp.kind;
            src := format('(SELECT r.*, row_number() OVER () AS rn FROM (%s) AS r(%s)) AS q',
                          smp.rows_sql, cols);
            -- States: all rows, odd rows, even rows, the first row.
            BEGIN
                EXECUTE format('SELECT array_agg(st::text ORDER BY w), array_agg(%2$s ORDER BY w)
                                FROM (SELECT %1$s(%3$s) AS s0,
                                             %1$s(%3$s) FILTER (WHERE rn %% 2 = 1) AS s1,
                                             %1$s(%3$s) FILTER (WHERE rn %% 2 = 0) AS s2,
                                             %1$s(%3$s) FILTER (WHERE rn = 1) AS s3
                                      FROM %4$s) z
                                CROSS JOIN LATERAL (VALUES (0, s0), (1, s1), (2, s2), (3, s3)) v(w, st)
                                WHERE st IS NOT NULL',
                               probe, coalesce(send_fn || '(st)', 'NULL::bytea'), cols, src)
                  INTO texts, sends;
            EXCEPTION WHEN OTHERS THEN
                outcome := 'skipped: ' || SQLERRM;
                RETURN NEXT;
                CONTINUE;
            END;
            IF texts IS NULL THEN
                outcome := 'skipped: no state';
                RETURN NEXT;
                CONTINUE;
            END IF;
            BEGIN
                -- output -> input -> output, and the same bytes through send.
                EXECUTE format('SELECT array_agg(t::%1$s::text ORDER BY o), array_agg(%2$s ORDER BY o)
                                FROM unnest($1) WITH ORDINALITY u(t, o)',
                               format_type(x.aggtranstype, NULL),
                               coalesce(send_fn || format('(t::%s)', format_type(x.aggtranstype, NULL)), 'NULL::bytea'))
                  INTO texts2, sends2 USING texts;
                IF texts2 IS DISTINCT FROM texts OR sends2 IS DISTINCT FROM sends THEN
                    outcome := 'NOT EXACT: text output -> input changes the state';
                    RETURN NEXT;
                    CONTINUE;
                END IF;
                -- The same under other session settings (workers may differ).
                tz := current_setting('TimeZone');
                ds := current_setting('DateStyle');
                efd := current_setting('extra_float_digits');
                ivs := current_setting('IntervalStyle');
                PERFORM set_config('TimeZone', '<+1245>-12:45', true),
                        set_config('DateStyle', 'SQL, DMY', true),
                        set_config('extra_float_digits', '-15', true),
                        set_config('IntervalStyle', 'sql_standard', true);
                EXECUTE format('SELECT array_agg(t::%1$s::text ORDER BY o), array_agg(%2$s ORDER BY o)
                                FROM unnest($1) WITH ORDINALITY u(t, o)',
                               format_type(x.aggtranstype, NULL),
                               coalesce(send_fn || format('(t::%s)', format_type(x.aggtranstype, NULL)), 'NULL::bytea'))
                  INTO texts2, sends2 USING texts;
                PERFORM set_config('TimeZone', tz, true), set_config('DateStyle', ds, true),
                        set_config('extra_float_digits', efd, true),
                        set_config('IntervalStyle', ivs, true);
                IF texts2 IS DISTINCT FROM texts OR sends2 IS DISTINCT FROM sends THEN
                    outcome := 'NOT EXACT: the text form depends on session settings';
                    RETURN NEXT;
                    CONTINUE;
                END IF;
                -- Citus's merge: combine(input(output(a)), input(output(b))) on the
                -- coordinator equals combine(a, b) of the states themselves.
                IF x.aggcombinefn <> 0 AND send_fn IS NOT NULL THEN
                    EXECUTE format('SELECT %1$s(%2$s(s1, s2)), s1::text, s2::text
                                    FROM (SELECT %3$s(%4$s) FILTER (WHERE rn %% 2 = 1) AS s1,
                                                 %3$s(%4$s) FILTER (WHERE rn %% 2 = 0) AS s2
                                          FROM %5$s) z',
                                   send_fn, x.aggcombinefn::regproc, probe, cols, src)
                      INTO comb, ta, tb;
                    EXECUTE format('SELECT %1$s(%2$s($1::%3$s, $2::%3$s))',
                                   send_fn, x.aggcombinefn::regproc, format_type(x.aggtranstype, NULL))
                      INTO comb2 USING ta, tb;
                    IF comb2 IS DISTINCT FROM comb THEN
                        outcome := 'NOT EXACT: combining round-tripped states differs';
                        RETURN NEXT;
                        CONTINUE;
                    END IF;
                END IF;
            EXCEPTION WHEN OTHERS THEN
                outcome := 'NOT EXACT: ' || SQLERRM;
                RETURN NEXT;
                CONTINUE;
            END;
            outcome := 'exact';
            RETURN NEXT;
        END LOOP;
        EXECUTE format('DROP AGGREGATE %s(%s)', probe, argtypes);
    END LOOP;
END
$fn$;

CREATE TEMP TABLE cf_rt AS SELECT * FROM pg_temp.cf_round_trips();

SELECT 'every state type has an exact sample state' AS condition,
       bool_and(ok) AS holds,
       coalesce(string_agg(stype::text, ', ' ORDER BY stype::text) FILTER (WHERE NOT ok), '') AS offenders
FROM (SELECT x.aggtranstype::regtype AS stype,
             bool_or(r.outcome = 'exact') IS TRUE AS ok
      FROM cf_ext_aggregates x LEFT JOIN cf_rt r ON r.agg = x.agg
      GROUP BY 1) s
UNION ALL
SELECT 'text output -> input exact on every sample',
       NOT bool_or(outcome LIKE 'NOT EXACT%'),
       coalesce(string_agg(agg || ' (' || sample || '): ' || outcome, '; ' ORDER BY agg, sample)
                  FILTER (WHERE outcome LIKE 'NOT EXACT%'), '')
FROM cf_rt
UNION ALL
SELECT 'every listed sample is accepted',
       NOT bool_or(sample = 'sample' AND outcome NOT LIKE 'exact%'),
       coalesce(string_agg(agg || ': ' || outcome, '; ' ORDER BY agg)
                  FILTER (WHERE sample = 'sample' AND outcome NOT LIKE 'exact%'), '')
FROM cf_rt;
