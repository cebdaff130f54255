-- FHL 2005 eq. (10) (BG/NBD expected purchases) in plain SQL, included (\i) by
-- sql/bgnbd.sql and sql/clv.sql: the hypergeometric series summed term by
-- term, not the Euler-transformed one the C code uses.  Not a test itself.
CREATE OR REPLACE FUNCTION bg_hand_expected(r float8, alpha float8, a float8, b float8,
                                 x integer, t_x float8, t float8, h float8) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$
WITH RECURSIVE s(k, term, total) AS (
  SELECT 0, 1::float8, 1::float8
  UNION ALL
  SELECT k + 1, term * (r + x + k) * (b + x + k) / ((a + b + x - 1 + k) * (k + 1)) * (h / (alpha + t + h)),
         total + term * (r + x + k) * (b + x + k) / ((a + b + x - 1 + k) * (k + 1)) * (h / (alpha + t + h))
  FROM s WHERE k < 100000 AND abs(term) > 1e-17 * total)
SELECT (a + b + x - 1) / (a - 1)
       * (1 - ((alpha + t) / (alpha + t + h)) ^ (r + x) * (SELECT total FROM s ORDER BY k DESC LIMIT 1))
       / (1 + CASE WHEN x > 0 THEN a / (b + x - 1) * ((alpha + t) / (alpha + t_x)) ^ (r + x) ELSE 0 END)
$$;
