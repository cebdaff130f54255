-- Helpers of the sql/hardening_*.sql tests, included by each (\i): one copy
-- of how a case's outcome is recorded.

-- The outcome of a query of one value: the value as text, NULL, or the
-- error's SQLSTATE.  A query that does not start with SELECT, WITH, VALUES or
-- TABLE is a select list: outcome($$nps(s) FROM unnest('{-1}'::int[]) s$$)
-- runs SELECT nps(s) FROM ...  With a setting 'name=value', the query runs
-- with that setting (a failing SET is the outcome too).  The query's effects
-- and the setting are undone afterwards either way: the block leaves through
-- an error.
--
-- The cases of a test are rows (n, function, input, query[, setting]) of a
-- temporary table, written one case a line and grouped by function:
--   INSERT INTO cases (function, input, query) SELECT 'nps(integer)', * FROM (VALUES
--   ('score -1', $$nps(s) FROM unnest('{-1}'::int[]) s$$),
--   ('score 11', $$nps(s) FROM unnest('{11}'::int[]) s$$)) v;
-- and listed with their outcomes in one table.  sql/hardening_coverage.sql
-- reads the function of each group from such a line.
--
-- :name in a query stands for the value of the sample of that name, a row of
-- the table samples that a test fills (('s5', $$'v1 ...'::nps_state$$)), so
-- that a value used by many cases is written once: nps_moe(:s5, 0).  The
-- cases that test a text form write it out.
CREATE TEMP TABLE samples (name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]*$'), value text NOT NULL);
CREATE FUNCTION pg_temp.outcome(query text, setting text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
    sample record;
BEGIN
    FOR sample IN SELECT name, value FROM pg_temp.samples ORDER BY name LOOP
        query := regexp_replace(query, '(?<![:\w]):' || sample.name || '(?!\w)',
                                replace(sample.value, '\', '\\'), 'g');
    END LOOP;
    IF query !~* '^\s*(select|with|values|table)\M' THEN
        query := 'SELECT ' || query;
    END IF;
    IF setting IS NOT NULL THEN
        PERFORM set_config(split_part(setting, '=', 1), split_part(setting, '=', 2), true);
    END IF;
    EXECUTE query INTO result;
    RAISE EXCEPTION USING ERRCODE = 'CFOK0', MESSAGE = coalesce(result, 'NULL');
EXCEPTION
    WHEN SQLSTATE 'CFOK0' THEN RETURN SQLERRM;
    WHEN OTHERS THEN RETURN 'ERROR ' || SQLSTATE;
END
$$;

-- Bytes with the last one missing, and with some overwritten from position at
-- on (1 = the first byte): damaged binary input for recv().
CREATE FUNCTION pg_temp.chop(bytes bytea) RETURNS bytea LANGUAGE sql
    RETURN substr(bytes, 1, length(bytes) - 1);
CREATE FUNCTION pg_temp.poke(bytes bytea, at integer, new bytea) RETURNS bytea LANGUAGE sql
    RETURN overlay(bytes PLACING new FROM at FOR length(new));

-- The outcome of binary input: the bytes, sent through COPY ... (FORMAT binary)
-- into a column of the type, read by its receive function.
CREATE FUNCTION pg_temp.recv(typ regtype, bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE format('CREATE TEMP TABLE recv_target (v %s)', typ);
    EXECUTE format('COPY (SELECT %L::bytea) TO PROGRAM %L (FORMAT binary)', bytes, 'cat > cf_hardening_recv.bin');
    EXECUTE 'COPY recv_target FROM PROGRAM ''exec 3< cf_hardening_recv.bin; rm -f cf_hardening_recv.bin; cat <&3'' (FORMAT binary)';
    EXECUTE 'SELECT v::text FROM recv_target' INTO result;
    -- leave through an error so that the table is dropped with the block's subtransaction
    RAISE EXCEPTION USING ERRCODE = 'CFOK0', MESSAGE = coalesce(result, 'NULL');
EXCEPTION
    WHEN SQLSTATE 'CFOK0' THEN RETURN SQLERRM;
    WHEN OTHERS THEN RETURN 'ERROR ' || SQLSTATE;
END
$$;

-- Binary input that may or may not be valid (bytes overwritten inside a
-- count, say): its error, or 'another valid value' when it reads.
CREATE FUNCTION pg_temp.recv_any(typ regtype, bytes bytea) RETURNS text LANGUAGE sql
    RETURN CASE WHEN pg_temp.recv(typ, bytes) LIKE 'ERROR%' THEN pg_temp.recv(typ, bytes) ELSE 'another valid value' END;
