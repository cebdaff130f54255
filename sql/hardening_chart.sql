-- Bad input to the chart helpers (issue 7): text_bar and distribution tried
-- with NULL, zero, negative, NaN, +-Infinity and huge values.  Each case gives
-- a documented result or an error of SQLSTATE class 22 (doc/hardening.md points to
-- this table).  The bars are Unicode eighth blocks (the
-- test database is UTF-8): width * value / max_value cells, rounded to the
-- nearest eighth, clamped to [0, width].
SET extra_float_digits = 0;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- outcome(query [, setting]) and recv(type, bytes): test/regress/hardening_helpers.sql.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/hardening_helpers.sql

CREATE TEMP TABLE cases (n serial, function text, input text, query text);
INSERT INTO cases (function, input, query) SELECT 'text_bar(float8,float8,integer)', * FROM (VALUES
('value NULL', $$text_bar(NULL, 4, 8)$$),
('max_value NULL', $$text_bar(3, NULL, 8)$$),
('width NULL', $$text_bar(3, 4, NULL)$$),
('3 of 4, width 8 (6 cells)', $$text_bar(3, 4, 8)$$),
('1 of 3, width 1 (3 eighths)', $$text_bar(1, 3, 1)$$),
('1 of 3, default width 40 (13 full cells, 3 eighths)', $$length(text_bar(1, 3)) || ' ' || right(text_bar(1, 3), 1)$$),
('width 0', $$'[' || text_bar(3, 4, 0) || ']'$$),
('width -1', $$text_bar(3, 4, -1)$$),
('width 1000, full', $$length(text_bar(4, 4, 1000))$$),
('width 1001', $$text_bar(3, 4, 1001)$$),
('width -2147483648', $$text_bar(3, 4, -2147483648)$$),
('value 0', $$'[' || text_bar(0, 4, 8) || ']'$$),
('value -3', $$'[' || text_bar(-3, 4, 8) || ']'$$),
('value above max_value', $$text_bar(5, 4, 8)$$),
('max_value 0', $$'[' || text_bar(3, 0, 8) || ']'$$),
('max_value -4', $$'[' || text_bar(-3, -4, 8) || ']'$$),
('value NaN', $$text_bar('NaN', 4, 8)$$),
('max_value NaN', $$text_bar(3, 'NaN', 8)$$),
('value Infinity', $$text_bar('Infinity', 4, 8)$$),
('value -Infinity', $$'[' || text_bar('-Infinity', 4, 8) || ']'$$),
('max_value Infinity', $$'[' || text_bar(3, 'Infinity', 8) || ']'$$),
('both Infinity', $$'[' || text_bar('Infinity', 'Infinity', 8) || ']'$$),
('value 1e308, max_value 1e-308', $$text_bar(1e308, 1e-308, 8)$$),
('value 1e-300, max_value 1', $$'[' || text_bar(1e-300, 1, 8) || ']'$$)) v;
-- score_distribution(state, width): one row per score, bars scaled to the most frequent score
INSERT INTO cases (function, input, query) SELECT 'score_distribution(nps_state,integer)', * FROM (VALUES
('NULL state', $$count(*) FROM score_distribution(NULL::nps_state, 8)$$),
('counts 1,0,0,0,3, width 8', $$string_agg(score || ':' || responses || ':' || share || ':' || bar, ' ' ORDER BY score) FROM score_distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,3'::nps_state, 8)$$),
('default width 40', $$max(length(bar)) FROM score_distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,3'::nps_state)$$),
('width 1000', $$max(length(bar)) FROM score_distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,3'::nps_state, 1000)$$),
('width -2147483648', $$count(*) FROM score_distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=1,0,0,0,3'::nps_state, -2147483648)$$),
('counts 2^63 - 2 and 1', $$string_agg(responses || ':' || length(bar), ' ' ORDER BY score) FROM score_distribution('v1 scale=1..5 promoter_min=4 detractor_max=2 counts=9223372036854775806,0,0,0,1'::nps_state, 8)$$),
('101 scores, one response', $$count(*) || ' ' || sum(responses) || ' ' || max(length(bar)) FROM score_distribution(('v1 scale=0..100 promoter_min=90 detractor_max=60 counts=' || repeat('0,', 100) || '1')::nps_state, 8)$$)) v;

SELECT n, function, input, pg_temp.outcome(query) AS outcome FROM cases ORDER BY n;

-- Every error above is of class 22.
SELECT n, function, input, pg_temp.outcome(query) AS outcome
FROM cases WHERE pg_temp.outcome(query) LIKE 'ERROR%' AND pg_temp.outcome(query) NOT LIKE 'ERROR 22%';

DROP TABLE cases;
