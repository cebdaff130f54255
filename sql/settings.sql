-- customer_focus.* is a reserved prefix (issue 14, item 7): once the library is
-- loaded, an unknown customer_focus.* name is an error, and a placeholder set
-- before loading is reported with a WARNING when it loads, instead of being a
-- silent no-op.  Each \c is a fresh backend, where the library is not loaded yet.


-- 1. Placeholders before LOAD: the misspelt one draws a WARNING and is removed,
--    the real one keeps its value.
\c
SET customer_focus.lapse_dayz = 10;
SET customer_focus.lapse_days = 30;
SHOW customer_focus.lapse_dayz;
LOAD 'customer_focus';
SHOW customer_focus.lapse_days;
SELECT current_setting('customer_focus.lapse_dayz', true) IS NULL AS misspelt_placeholder_removed;
-- after loading: the misspelling is an error (42602, invalid_name), a real name is not
SET customer_focus.lapse_dayz = 10;
CREATE FUNCTION pg_temp.sqlstate_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;
SELECT pg_temp.sqlstate_of('SET customer_focus.lapse_dayz = 10') AS misspelt,
       pg_temp.sqlstate_of('SET customer_focus.lapse_days = 10') AS real_name,
       pg_temp.sqlstate_of('SET customer_focus.lost_days = -1') AS out_of_range;

-- 2. Loading by a function call instead of LOAD: the same WARNING, then the same error.
\c
SET customer_focus.client_orderz = 3;
SELECT nps(nps_agg(s)) FROM (VALUES (10), (9), (0)) AS v(s);
SET customer_focus.client_orderz = 3;
SHOW customer_focus.client_orders;

-- 3. Other prefixes stay free for placeholders.
SET customer_focusx.anything = 1;
SHOW customer_focusx.anything;
