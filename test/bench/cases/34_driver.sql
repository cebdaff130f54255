-- Key drivers (issue 18 item 5): driver_agg over the scores of all responses (10M in
-- the full run) and ten ratings per response, stored as float8 columns, against ten
-- corr() aggregates over the same rows and count(r10) (which reads the whole row).
-- Goal from issue 18: at most 1.5x the ten corr() aggregates.  Two cases: integer
-- ratings and outcome (every usual scale: driver_agg's exact integer path) and a
-- non-integer outcome (the error-free double-double path).

-- case: driver_agg, 10 factors, integer scores
-- prepare:
CREATE TABLE IF NOT EXISTS driver_rows AS
SELECT score::float8 AS y, score + response_id % 7 / 7.0::float8 AS yf,
       least(10, greatest(1, score + response_id % 5 - 2))::float8 AS r1,
       (1 + response_id * 7 % 10)::float8 AS r2,
       least(10, greatest(1, score - response_id % 3))::float8 AS r3,
       (1 + response_id * 13 % 10)::float8 AS r4,
       least(10, greatest(1, 11 - score + response_id % 4))::float8 AS r5,
       (1 + response_id * 17 % 10)::float8 AS r6,
       least(10, greatest(1, score / 2 + response_id % 6))::float8 AS r7,
       (1 + response_id * 19 % 10)::float8 AS r8,
       least(10, greatest(1, score + response_id % 9 - 4))::float8 AS r9,
       (1 + response_id * 23 % 10)::float8 AS r10
FROM responses WHERE score IS NOT NULL;
ANALYZE driver_rows;
-- variant: extension driver_agg(y, ratings, names)
SELECT driver_agg(y, ARRAY[r1, r2, r3, r4, r5, r6, r7, r8, r9, r10],
                  ARRAY['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10'])
FROM driver_rows;
-- goal: plain <= 1.5
-- variant: plain ten corr()
SELECT corr(y, r1), corr(y, r2), corr(y, r3), corr(y, r4), corr(y, r5),
       corr(y, r6), corr(y, r7), corr(y, r8), corr(y, r9), corr(y, r10)
FROM driver_rows;
-- variant: floor count(r10)
SELECT count(r10) FROM driver_rows;

-- case: driver_agg, 10 factors, non-integer outcome
-- variant: extension driver_agg(yf, ratings, names)
SELECT driver_agg(yf, ARRAY[r1, r2, r3, r4, r5, r6, r7, r8, r9, r10],
                  ARRAY['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10'])
FROM driver_rows;
-- goal: plain <= 1.5
-- variant: plain ten corr()
SELECT corr(yf, r1), corr(yf, r2), corr(yf, r3), corr(yf, r4), corr(yf, r5),
       corr(yf, r6), corr(yf, r7), corr(yf, r8), corr(yf, r9), corr(yf, r10)
FROM driver_rows;
-- variant: floor count(r10)
SELECT count(r10) FROM driver_rows;
