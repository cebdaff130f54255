-- model_parameters(model, state [, confidence]) and information_criteria(model) for
-- BG/NBD, MBG/NBD and Gamma-Gamma.  The standard errors are checked against an
-- independent observed information: the Hessian of each model's log-likelihood
-- written in plain SQL (FHL 2005; Batislam et al. 2007; Fader, Hardie & Lee's
-- Gamma-Gamma note), by second differences of its values on the natural scale
-- (steps 2e-3 and 1e-3 times each parameter, Richardson), inverted by Gauss-Jordan
-- in PL/pgSQL.  Intervals, AIC and BIC by hand.  Bad input: hardening_model_parameters.
SET extra_float_digits = 0;

-- ---------- the independent observed information ----------
CREATE FUNCTION fd_ll(fn text, p float8[]) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE v float8;
BEGIN
  EXECUTE format('SELECT %I($1)', fn) INTO v USING p;
  RETURN v;
END $$;
-- d2 LL / dp_i dp_j by central differences with steps h p_i, h p_j.
CREATE FUNCTION fd_second(fn text, p float8[], i int, j int, h float8) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE hi float8 := h * p[i]; hj float8 := h * p[j]; q float8[]; s float8 := 0; si int; sj int;
BEGIN
  IF i = j THEN
    q := p; q[i] := p[i] + hi; s := fd_ll(fn, q);
    q := p; q[i] := p[i] - hi; s := s + fd_ll(fn, q);
    RETURN (s - 2 * fd_ll(fn, p)) / (hi * hi);
  END IF;
  FOREACH si IN ARRAY ARRAY[1, -1] LOOP
    FOREACH sj IN ARRAY ARRAY[1, -1] LOOP
      q := p; q[i] := p[i] + si * hi; q[j] := p[j] + sj * hj;
      s := s + si * sj * fd_ll(fn, q);
    END LOOP;
  END LOOP;
  RETURN s / (4 * hi * hj);
END $$;
-- Standard errors: sqrt of the diagonal of (-Hessian)^-1 (Gauss-Jordan on [-H | I]).
CREATE FUNCTION fd_std_errors(fn text, p float8[]) RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE k int := array_length(p, 1); w int := 2 * array_length(p, 1);
        a float8[] := array_fill(0::float8, ARRAY[2 * array_length(p, 1) ^ 2]::int[]);
        r int; c int; j int; t float8; se float8[] := '{}';
BEGIN
  FOR r IN 1..k LOOP
    FOR c IN r..k LOOP
      t := -(4 * fd_second(fn, p, r, c, 1e-3) - fd_second(fn, p, r, c, 2e-3)) / 3;
      a[(r - 1) * w + c] := t;
      a[(c - 1) * w + r] := t;
    END LOOP;
    a[(r - 1) * w + k + r] := 1;
  END LOOP;
  FOR c IN 1..k LOOP
    t := a[(c - 1) * w + c];
    FOR j IN 1..w LOOP a[(c - 1) * w + j] := a[(c - 1) * w + j] / t; END LOOP;
    FOR r IN 1..k LOOP
      IF r <> c THEN
        t := a[(r - 1) * w + c];
        FOR j IN 1..w LOOP a[(r - 1) * w + j] := a[(r - 1) * w + j] - t * a[(c - 1) * w + j]; END LOOP;
      END IF;
    END LOOP;
  END LOOP;
  FOR r IN 1..k LOOP se[r] := sqrt(a[(r - 1) * w + k + r]); END LOOP;
  RETURN se;
END $$;

-- ---------- BG/NBD and MBG/NBD: 2,000 customers simulated from the CDNOW model ----------
CREATE TABLE mp_sim AS
SELECT i AS id, (s).x, (s).t_x, t
FROM (SELECT i, t, bgnbd_simulate('(0.243,4.414,0.793,2.426,,,)', t, i) s
      FROM (SELECT i, 1 + (i % 78)::float8 AS t FROM generate_series(1, 2000) i) g) q;
CREATE TABLE mp_triples AS SELECT x, t_x, t, count(*) AS w FROM mp_sim GROUP BY x, t_x, t;
CREATE TABLE mp_bg AS
SELECT bgnbd_agg(x, t_x, t) AS s, bgnbd_fit(x, t_x, t) AS m, mbgnbd_fit(x, t_x, t) AS mm FROM mp_sim;

-- FHL 2005 eq. 6 in plain SQL: Gamma(r+x)/Gamma(r) = prod_{j<x} (r+j), B(a,b+x)/B(a,b) =
-- prod_{j<x} (b+j)/(a+b+j), B(a+1,b+x-1)/B(a,b) = a/(a+b+x-1) prod_{j<x-1} (b+j)/(a+b+j).
CREATE FUNCTION bg_plain_ll(p float8[]) RETURNS float8 LANGUAGE sql STABLE AS $$
  SELECT sum(w * (lr + p[1] * ln(p[2])
               + CASE WHEN x = 0 THEN -p[1] * ln(p[2] + t)
                      ELSE lb + ln((p[4] + x - 1) / (p[3] + p[4] + x - 1) * (p[2] + t) ^ (-(p[1] + x))
                                   + p[3] / (p[3] + p[4] + x - 1) * (p[2] + t_x) ^ (-(p[1] + x))) END))
  FROM mp_triples,
       LATERAL (SELECT coalesce(sum(ln(p[1] + j)), 0) AS lr FROM generate_series(0, x - 1) j) g,
       LATERAL (SELECT coalesce(sum(ln((p[4] + j) / (p[3] + p[4] + j))), 0) AS lb FROM generate_series(0, x - 2) j) b $$;
-- Batislam et al. 2007 (BTYDplus): sum_{j<x} ln(r+j) + r ln alpha + sum_{j<=x} ln((b+j)/(a+b+j))
-- + ln((alpha+T)^-(r+x) + a/(b+x) (alpha+t_x)^-(r+x)).
CREATE FUNCTION mbg_plain_ll(p float8[]) RETURNS float8 LANGUAGE sql STABLE AS $$
  SELECT sum(w * (lr + p[1] * ln(p[2]) + lb
                  + ln((p[2] + t) ^ (-(p[1] + x)) + p[3] / (p[4] + x) * (p[2] + t_x) ^ (-(p[1] + x)))))
  FROM mp_triples,
       LATERAL (SELECT coalesce(sum(ln(p[1] + j)), 0) AS lr FROM generate_series(0, x - 1) j) g,
       LATERAL (SELECT sum(ln((p[4] + j) / (p[3] + p[4] + j))) AS lb FROM generate_series(0, x) j) b $$;

-- The fits' log-likelihoods are the plain sums (so the plain functions are the same model).
SELECT abs((m).log_likelihood - bg_plain_ll(ARRAY[(m).r, (m).alpha, (m).a, (m).b])) < 1e-9 * abs((m).log_likelihood) AS bg_ll_plain,
       abs((mm).log_likelihood - mbg_plain_ll(ARRAY[(mm).r, (mm).alpha, (mm).a, (mm).b])) < 1e-9 * abs((mm).log_likelihood) AS mbg_ll_plain,
       (m).converged AND (mm).converged AS converged
FROM mp_bg;

-- BG/NBD: one row per parameter, in the model's column order; standard errors equal the
-- independent ones within 1e-5 relative; the fit is within 3 standard errors of the truth.
CREATE TABLE mp_bg_rows AS SELECT p.* FROM mp_bg, model_parameters(m, s) p;
SELECT p.parameter, round(p.estimate::numeric, 4) AS estimate, round(p.std_error::numeric, 5) AS std_error,
       abs(p.std_error - fd.se[p.k]) < 1e-5 * fd.se[p.k] AS equals_independent,
       abs(p.estimate - truth[p.k]) < 3 * p.std_error AS within_3_se_of_truth
FROM (SELECT *, row_number() OVER () AS k FROM mp_bg_rows) p,
     (SELECT fd_std_errors('bg_plain_ll', ARRAY[(m).r, (m).alpha, (m).a, (m).b]) AS se FROM mp_bg) fd,
     (VALUES (ARRAY[0.243, 4.414, 0.793, 2.426]::float8[])) t(truth);
-- The interval is exp(ln estimate -+ z se / estimate), z = 1.959963984540054 at 0.95 and
-- 1.6448536269514722 at 0.90: positive, and ln estimate is its midpoint.
SELECT bool_and(abs(lower - estimate * exp(-1.959963984540054 * std_error / estimate)) < 1e-13 * estimate
                AND abs(upper - estimate * exp(1.959963984540054 * std_error / estimate)) < 1e-13 * estimate
                AND 0 < lower AND lower < estimate AND estimate < upper
                AND abs(ln(lower) + ln(upper) - 2 * ln(estimate)) < 1e-12) AS intervals_95
FROM mp_bg_rows;
SELECT bool_and(abs(p.lower - p.estimate * exp(-1.6448536269514722 * p.std_error / p.estimate)) < 1e-13 * p.estimate
                AND abs(p.upper - p.estimate * exp(1.6448536269514722 * p.std_error / p.estimate)) < 1e-13 * p.estimate
                AND p.std_error = q.std_error AND p.lower > q.lower) AS intervals_90
FROM mp_bg, model_parameters(m, s, 0.9) p JOIN mp_bg_rows q USING (parameter);

-- MBG/NBD on the same state.
SELECT p.parameter, round(p.estimate::numeric, 4) AS estimate, round(p.std_error::numeric, 5) AS std_error,
       abs(p.std_error - fd.se[p.k]) < 1e-5 * fd.se[p.k] AS equals_independent
FROM (SELECT p.*, row_number() OVER () AS k FROM mp_bg, model_parameters(mm, s) p) p,
     (SELECT fd_std_errors('mbg_plain_ll', ARRAY[(mm).r, (mm).alpha, (mm).a, (mm).b]) AS se FROM mp_bg) fd;

-- ---------- Gamma-Gamma: 1,500 repeat customers, spend ~ Gamma(p = 4, nu), nu ~ Gamma(q = 4, gamma = 15) ----------
-- Integer shapes: a Gamma(k, rate) draw is a sum of k exponentials; uniforms from the
-- md5 of (customer, draw).
CREATE FUNCTION mp_u(i bigint, k bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT (('x' || substr(md5(i || ':' || k), 1, 8))::bit(32)::bigint + 0.5) / 4294967296.0 $$;
CREATE TABLE mp_spend AS
SELECT i, x, (SELECT sum(-ln(mp_u(i, 100 + k))) FROM generate_series(1, 4 * x) k) / nu / x AS m
FROM (SELECT i, 1 + i % 6 AS x, (SELECT sum(-ln(mp_u(i, k))) FROM generate_series(1, 4) k) / 15 AS nu
      FROM generate_series(1, 1500) i) c;
CREATE TABLE mp_gg AS SELECT gamma_gamma_agg(x, m) AS s, gamma_gamma_fit(x, m) AS m FROM mp_spend;
-- ln Gamma in plain SQL: Stirling's series at z + 16 (next term below 2e-14), shifted back.
CREATE FUNCTION hand_lgamma(z float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT (w - 0.5) * ln(w) - w + 0.5 * ln(2 * pi()) + 1 / (12 * w) - 1 / (360 * w ^ 3)
         + 1 / (1260 * w ^ 5) - 1 / (1680 * w ^ 7)
         - (SELECT sum(ln(z + k)) FROM generate_series(0, 15) k)
  FROM (SELECT z + 16 AS w) v $$;
-- Per customer: ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px-1) ln m + px ln x
-- - (px+q) ln(gamma + x m).
CREATE FUNCTION gg_plain_ll(p float8[]) RETURNS float8 LANGUAGE sql STABLE AS $$
  SELECT sum(hand_lgamma(p[1] * x + p[2]) - hand_lgamma(p[1] * x) - hand_lgamma(p[2]) + p[2] * ln(p[3])
             + (p[1] * x - 1) * ln(m) + p[1] * x * ln(x) - (p[1] * x + p[2]) * ln(p[3] + x * m))
  FROM mp_spend $$;
SELECT (m).converged, (m).n, abs((m).log_likelihood - gg_plain_ll(ARRAY[(m).p, (m).q, (m).gamma])) < 1e-9 * abs((m).log_likelihood) AS gg_ll_plain
FROM mp_gg;
SELECT p.parameter, round(p.estimate::numeric, 3) AS estimate, round(p.std_error::numeric, 4) AS std_error,
       abs(p.std_error - fd.se[p.k]) < 1e-5 * fd.se[p.k] AS equals_independent,
       abs(p.estimate - truth[p.k]) < 3 * p.std_error AS within_3_se_of_truth
FROM (SELECT p.*, row_number() OVER () AS k FROM mp_gg, model_parameters(m, s) p) p,
     (SELECT fd_std_errors('gg_plain_ll', ARRAY[(m).p, (m).q, (m).gamma]) AS se FROM mp_gg) fd,
     (VALUES (ARRAY[4, 4, 15]::float8[])) t(truth);

-- ---------- AIC and BIC by hand: 2k - 2 LL, k ln n - 2 LL ----------
SELECT f.family, c.parameter_count,
       abs(c.aic - (2 * c.parameter_count - 2 * f.ll)) < 1e-12 * abs(c.aic) AS aic_by_hand,
       abs(c.bic - (c.parameter_count * ln(f.n) - 2 * f.ll)) < 1e-12 * abs(c.bic) AS bic_by_hand,
       c.bic > c.aic AS bic_above_aic
FROM mp_bg b, mp_gg g,
     LATERAL (VALUES ('bgnbd', (b.m).log_likelihood, (b.m).n), ('mbgnbd', (b.mm).log_likelihood, (b.mm).n),
                     ('gamma_gamma', (g.m).log_likelihood, (g.m).n)) f(family, ll, n),
     LATERAL (SELECT * FROM information_criteria(b.m) WHERE f.family = 'bgnbd'
              UNION ALL SELECT * FROM information_criteria(b.mm) WHERE f.family = 'mbgnbd'
              UNION ALL SELECT * FROM information_criteria(g.m) WHERE f.family = 'gamma_gamma') c;
-- Comparing the families on one state: data simulated from BG/NBD favour it.
SELECT (information_criteria(m)).aic < (information_criteria(mm)).aic AS bgnbd_preferred FROM mp_bg;
-- A model written by hand has no log-likelihood: its criteria are NULL, the count is not.
SELECT * FROM information_criteria('(0.243,4.414,0.793,2.426,,,)'::bgnbd_model);

-- ---------- stored models and states ----------
-- A model and state stored as text (the model's 1.0 text form, the state's current one) give
-- the same rows; so does the fit of the state, and the state of a parallel plan.
CREATE TABLE mp_stored (m bgnbd_model, s bgnbd_state);
SET extra_float_digits = 1;  -- the text of a dump: shortest exact
INSERT INTO mp_stored SELECT m::text::bgnbd_model, s::text::bgnbd_state FROM mp_bg;
SET extra_float_digits = 0;
SELECT (SELECT array_agg(p::text) FROM mp_stored, model_parameters(m, s) p)
         = (SELECT array_agg(p::text) FROM mp_bg_rows p) AS stored_equal,
       (SELECT array_agg(p::text) FROM mp_bg, model_parameters(bgnbd_fit(s), s) p)
         = (SELECT array_agg(p::text) FROM mp_bg_rows p) AS fit_of_state_equal;
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/test/regress/parallel.sql
SELECT pg_temp.plan_has('SELECT bgnbd_agg(x, t_x, t) FROM mp_sim', 'Partial Aggregate') AS parallel_plan,
       (SELECT array_agg(p::text) FROM (SELECT bgnbd_agg(x, t_x, t) s FROM mp_sim) a, model_parameters(bgnbd_fit(s), s) p)
         = (SELECT array_agg(p::text) FROM mp_bg_rows p) AS parallel_equal;
\i :abs_srcdir/test/regress/parallel_reset.sql
-- Parameters written by hand to 3 digits are close enough to the maximum (a few hundredths
-- of a standard error): their errors are those of the fit within 2 %.
SELECT bool_and(abs(h.std_error - q.std_error) < 0.02 * q.std_error) AS hand_model_near_fit
FROM mp_bg, model_parameters(ROW(round((m).r::numeric, 3), round((m).alpha::numeric, 2), round((m).a::numeric, 2),
                                 round((m).b::numeric, 2), NULL, NULL, NULL)::bgnbd_model, s) h
     JOIN mp_bg_rows q USING (parameter);

-- ---------- a fit that does not converge: NULL errors and a WARNING ----------
-- Every customer bought once a week: the dropout parameters run to infinity.
SELECT p.parameter, p.std_error IS NULL AS std_error_null, p.lower IS NULL AND p.upper IS NULL AS interval_null
FROM (SELECT bgnbd_agg(x, t_x, t) s FROM (VALUES (3, 3.0, 3.0), (5, 5.0, 5.0), (2, 2.0, 2.0), (0, 0.0, 4.0)) v(x, t_x, t)) a,
     LATERAL (SELECT bgnbd_fit(s) m) f, model_parameters(f.m, a.s) p;
