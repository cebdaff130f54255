-- NPS (issue 2): nps(score) over all responses (10M scores in the full run), per
-- segment (5 groups), per customer (about 850,000 groups, hash aggregation in
-- memory) and as a moving window (1,000-row frame over 1M responses: time
-- proportional to rows, not rows x frame, thanks to the inverse transition
-- function), against the plain-SQL formula and count(score) over the same rows.
-- Goals from issue 2: at most 1.3x count(score), faster than the plain-SQL formula,
-- and with 2 workers a speed-up like count(score)'s.

-- case: nps, all rows
-- variant: extension nps(score)
SELECT nps(score) FROM responses;
-- goal: floor <= 1.3
-- goal: plain < 1
-- goal: speedup >= 0.9 floor
-- variant: extension nps(nps_agg(score))
SELECT nps(nps_agg(score)) FROM responses;
-- variant: plain FILTER formula
SELECT 100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
       / nullif(count(score), 0) AS nps
FROM responses;
-- variant: floor count(score)
SELECT count(score) FROM responses;

-- case: nps per segment
-- variant: extension nps(score)
SELECT segment, nps(score) FROM responses GROUP BY segment;
-- goal: floor <= 1.3
-- goal: plain < 1
-- goal: speedup >= 0.9 floor
-- variant: plain FILTER formula
SELECT segment,
       100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
       / nullif(count(score), 0) AS nps
FROM responses GROUP BY segment;
-- variant: floor count(score)
SELECT segment, count(score) FROM responses GROUP BY segment;

-- case: nps per customer
-- set: work_mem = '512MB'
-- variant: extension nps(score)
SELECT customer_id, nps(score) FROM responses GROUP BY customer_id;
-- variant: plain FILTER formula
SELECT customer_id,
       100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6))
       / nullif(count(score), 0) AS nps
FROM responses GROUP BY customer_id;
-- variant: floor count(score)
SELECT customer_id, count(score) FROM responses GROUP BY customer_id;

-- case: nps moving window, 1000 rows
-- variant: extension nps(score) OVER w
SELECT response_id, nps(score) OVER w
FROM responses WHERE response_id <= 1000000
WINDOW w AS (ORDER BY response_id ROWS BETWEEN 999 PRECEDING AND CURRENT ROW);
-- goal: floor <= 1.3
-- goal: plain < 1
-- variant: plain FILTER formula OVER w
SELECT response_id,
       100.0::float8 * (count(*) FILTER (WHERE score >= 9) OVER w - count(*) FILTER (WHERE score <= 6) OVER w)
       / nullif(count(score) OVER w, 0) AS nps
FROM responses WHERE response_id <= 1000000
WINDOW w AS (ORDER BY response_id ROWS BETWEEN 999 PRECEDING AND CURRENT ROW);
-- variant: floor count(score) OVER w
SELECT response_id, count(score) OVER w
FROM responses WHERE response_id <= 1000000
WINDOW w AS (ORDER BY response_id ROWS BETWEEN 999 PRECEDING AND CURRENT ROW);
