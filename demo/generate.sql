-- demo/generate.sql: deterministic synthetic customer data for customer_focus.
--
-- Plain SQL for psql; the extension is not needed.  Creates (dropping them first)
-- in the current database and schema:
--   customers(customer_id, segment, region, channel, customer_type, first_contact)
--   orders(order_id, customer_id, ordered_at, amount)
--   responses(response_id, customer_id, segment, responded_at, score)
--   service_events(customer_id, segment, channel, expected, perceived,
--                  response_seconds, complained)
--   factor_ratings(respondent, customer_id, segment, factor, importance, performance)
--
-- Deterministic: every value is a function of row numbers and :seed
-- (hashint8extended mapped to [0,1)), never random(), so the same parameters give
-- the same rows on every run, serial or parallel, in any TimeZone.
--
-- Two modes (psql variable mode):
--   demo   [default]  believable buying cycles for the report (demo/demo.sh): each
--                     buyer orders as a Poisson process at a rate of its own, drawn from
--                     a gamma distribution per customer type (as the lifetime models
--                     assume); lapsed customers stopped a few of their own intervals ago,
--                     lost ones over two years ago; response times spread around the
--                     report's standards; one channel that never complains.
--   bench              the data set of the published benchmarks (test/bench), unchanged
--                     since 1.0's figures: orders shared out in proportion to heavy-tailed
--                     weights, so the orders table has exactly
--                     round(customers * orders_per_customer) rows.
--
-- Scale with psql variables (defaults in brackets):
--   customers            [2000]   number of customers (about 15% are prospects
--                                 without orders)
--   orders_per_customer  [10]     bench: average orders per customer (exact total);
--                                 demo: scales every buying rate (10 = the rates below)
--   responses            [demo: 2.5 per customer; bench: 5000]   survey responses (exact)
--   service_events       [demo: 1 per customer; bench: 2000]     service events (exact)
--   factor_respondents   [demo: 15 % of customers, at least 100; bench: 300]
--                                 respondents rating the seven purchase factors
--   seed                 [42]     changes every random draw
-- e.g.  psql -v customers=1000000 -v responses=10000000 -v mode=bench -f demo/generate.sql
--
-- Time frame: the three years ending 2026-06-30 (UTC), i.e. [2023-07-01, 2026-07-01).

\set ON_ERROR_STOP on
\if :{?mode} \else \set mode demo \endif
\if :{?customers} \else \set customers 2000 \endif
\if :{?orders_per_customer} \else \set orders_per_customer 10 \endif
\if :{?seed} \else \set seed 42 \endif
SELECT CASE :'mode' WHEN 'bench' THEN true WHEN 'demo' THEN false
       ELSE (:'mode' || ' is not a mode of demo/generate.sql (demo or bench)')::boolean END AS bench,
       CASE :'mode' WHEN 'bench' THEN 5000 ELSE round(2.5 * (:customers)::numeric) END AS default_responses,
       CASE :'mode' WHEN 'bench' THEN 2000 ELSE (:customers)::numeric END AS default_service_events,
       CASE :'mode' WHEN 'bench' THEN 300 ELSE greatest(100, round(0.15 * (:customers)::numeric)) END
           AS default_factor_respondents \gset
\if :{?responses} \else \set responses :default_responses \endif
\if :{?service_events} \else \set service_events :default_service_events \endif
\if :{?factor_respondents} \else \set factor_respondents :default_factor_respondents \endif

SET client_min_messages = warning;
SET synchronous_commit = off;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';

DROP TABLE IF EXISTS factor_ratings, service_events, responses, orders, customers, cf_gen_plan;

-- u(i, salt): a uniform draw in [0,1) for row number i; salts separate the draws.
-- u0(i, salt): a uniform draw in (0,1], safe for ln().
-- z(i, salt): a standard normal draw (Box-Muller on two independent uniforms).
-- Each parameter is used once, or is a cheap expression, so that the planner
-- inlines these functions.  The seed is spliced in with \gexec (psql does not
-- substitute variables inside dollar quotes).
SELECT format($f$
CREATE FUNCTION pg_temp.cf_u(i bigint, salt integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (hashint8extended(i, %1$s::bigint * 1000 + salt) & 9007199254740991)::double precision
             / 9007199254740992.0 $$$f$, (:seed)::bigint)
UNION ALL
SELECT format($f$
CREATE FUNCTION pg_temp.cf_u0(i bigint, salt integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ((hashint8extended(i, %1$s::bigint * 1000 + salt) & 9007199254740991) + 1)::double precision
             / 9007199254740992.0 $$$f$, (:seed)::bigint)
\gexec

CREATE FUNCTION pg_temp.cf_z(i bigint, salt integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT sqrt(-2.0 * ln(pg_temp.cf_u0(i, salt))) * cos(2.0 * pi() * pg_temp.cf_u(i, salt + 500)) $$;

\if :bench
-- Per-customer plan: attributes, active window (epoch seconds), number of orders
-- and the offset of the customer's first order.  A scratch table (not temporary,
-- so that queries over it may run in parallel); dropped at the end.
CREATE TABLE cf_gen_plan AS
WITH c0 AS (
    SELECT i AS cid,
           pg_temp.cf_u(i, 1) < 0.15 AS prospect,
           CASE WHEN pg_temp.cf_u(i, 2) < 0.05 THEN 'key account'
                WHEN pg_temp.cf_u(i, 2) < 0.20 THEN 'trader'
                ELSE 'end user' END AS customer_type,
           pg_temp.cf_u(i, 3) AS u_seg,
           CASE WHEN pg_temp.cf_u(i, 4) < 0.02 THEN NULL
                ELSE (ARRAY['north', 'south', 'east', 'west', 'central'])
                     [1 + width_bucket(pg_temp.cf_u(i, 4),
                                       ARRAY[0.27, 0.46, 0.66, 0.85]::float8[])]
           END AS region,
           pg_temp.cf_u(i, 5) AS u_chan,
           -- 20% were customers before the window opened, the rest arrived during it
           CASE WHEN pg_temp.cf_u(i, 6) < 0.20
                THEN 1688169600 - 63115200 * pg_temp.cf_u(i, 7)
                ELSE 1688169600 + 94694400 * pg_temp.cf_u(i, 7) ^ 1.3 END AS first_contact,
           pg_temp.cf_u(i, 8) AS u_status,
           pg_temp.cf_u(i, 9) AS u_stop,
           pg_temp.cf_u(i, 10) < 0.35 AS one_time,
           -- Lomax (Pareto II, alpha 1.7) propensity to reorder, capped
           least(pg_temp.cf_u0(i, 11) ^ (-1.0 / 1.7) - 1.0, 30.0) AS lomax
    FROM generate_series(1::bigint, (:customers)::bigint) AS i
), c1 AS (
    SELECT c0.*,
           CASE customer_type
               WHEN 'key account' THEN CASE WHEN u_seg < 0.65 THEN 'enterprise'
                                            WHEN u_seg < 0.95 THEN 'public sector'
                                            ELSE 'mid-market' END
               WHEN 'trader' THEN CASE WHEN u_seg < 0.55 THEN 'small business'
                                       WHEN u_seg < 0.90 THEN 'mid-market'
                                       ELSE 'enterprise' END
               ELSE CASE WHEN u_seg < 0.80 THEN 'consumer'
                         WHEN u_seg < 0.95 THEN 'small business'
                         ELSE 'public sector' END
           END AS segment,
           CASE customer_type
               WHEN 'key account' THEN CASE WHEN u_chan < 0.80 THEN 'field sales' ELSE 'online' END
               WHEN 'trader' THEN CASE WHEN u_chan < 0.40 THEN 'field sales'
                                       WHEN u_chan < 0.75 THEN 'online' ELSE 'store' END
               ELSE CASE WHEN u_chan < 0.60 THEN 'online' ELSE 'store' END
           END AS channel,
           greatest(first_contact, 1688169600::float8) AS a
    FROM c0
), c2 AS (
    SELECT c1.*,
           -- active 55%, lapsed 25% (stopped in the second half of their time),
           -- lost 20% (stopped early); the window closes at 2026-07-01 00:00 UTC
           CASE WHEN u_status < 0.55 THEN 1782864000::float8
                WHEN u_status < 0.80 THEN a + (1782864000 - a) * (0.45 + 0.40 * u_stop)
                ELSE a + (1782864000 - a) * 0.40 * u_stop END AS b
    FROM c1
), c3 AS (
    SELECT c2.*,
           -- integer reorder weight: 0 for prospects and one-time buyers; more for
           -- traders and key accounts and for customers active longer
           CASE WHEN prospect OR one_time THEN 0::bigint
                ELSE round(100.0 * lomax
                           * CASE customer_type WHEN 'key account' THEN 4.0
                                                WHEN 'trader' THEN 2.5 ELSE 1.0 END
                           * (0.2 + 0.8 * (b - a) / 94694400.0))::bigint
           END AS w
    FROM c2
), c4 AS (
    SELECT c3.*,
           sum(w) OVER (ORDER BY cid) AS cum_w,
           sum(w) OVER () AS total_w,
           count(*) FILTER (WHERE NOT prospect) OVER () AS buyers
    FROM c3
), c5 AS (
    -- every buyer gets one order; the remaining orders are shared out in
    -- proportion to w by cumulative rounding, so the total is exact
    SELECT c4.*,
           CASE WHEN prospect THEN 0
                ELSE 1 + CASE WHEN total_w = 0 THEN 0
                              ELSE div(extra * cum_w, total_w) - div(extra * (cum_w - w), total_w)
                         END
           END::bigint AS n
    FROM c4,
         LATERAL (SELECT greatest(round((:customers)::numeric * (:orders_per_customer)::numeric)
                                  - buyers, 0) AS extra) e
)
SELECT cid, prospect, customer_type, segment, region, channel, first_contact, a, b, n,
       (sum(n) OVER (ORDER BY cid) - n)::bigint AS off,
       CASE WHEN prospect THEN NULL
            ELSE count(*) FILTER (WHERE NOT prospect) OVER (ORDER BY cid) END AS buyer_no
FROM c5;

\else
-- Demo plan: the same attributes and windows as the bench plan's first steps; then a
-- buying rate per customer (orders a year: a gamma draw of shape 2 around a mean by
-- customer type), a status that sets when the customer stopped buying, and the
-- expected number of orders in the window (for the number of candidate orders).
CREATE TABLE cf_gen_plan AS
WITH c0 AS (
    SELECT i AS cid,
           pg_temp.cf_u(i, 1) < 0.15 AS prospect,
           CASE WHEN pg_temp.cf_u(i, 2) < 0.05 THEN 'key account'
                WHEN pg_temp.cf_u(i, 2) < 0.20 THEN 'trader'
                ELSE 'end user' END AS customer_type,
           pg_temp.cf_u(i, 3) AS u_seg,
           CASE WHEN pg_temp.cf_u(i, 4) < 0.02 THEN NULL
                ELSE (ARRAY['north', 'south', 'east', 'west', 'central'])
                     [1 + width_bucket(pg_temp.cf_u(i, 4),
                                       ARRAY[0.27, 0.46, 0.66, 0.85]::float8[])]
           END AS region,
           pg_temp.cf_u(i, 5) AS u_chan,
           CASE WHEN pg_temp.cf_u(i, 6) < 0.20
                THEN 1688169600 - 63115200 * pg_temp.cf_u(i, 7)
                ELSE 1688169600 + 94694400 * pg_temp.cf_u(i, 7) ^ 1.3 END AS first_contact,
           pg_temp.cf_u(i, 8) AS u_status,
           pg_temp.cf_u(i, 9) AS u_stop,
           pg_temp.cf_u(i, 10) < 0.25 AS one_time,
           -- gamma(shape 2) / 2 by Wilson-Hilferty: mean 1, most between 0.2 and 2.5
           greatest(0.05, (1.0 - 1.0 / 18 + pg_temp.cf_z(i, 12) * sqrt(1.0 / 18)) ^ 3) AS g,
           -- the customer's own mean spend, a gamma(shape 4) / 4 draw around the type's mean
           greatest(0.1, (1.0 - 1.0 / 36 + pg_temp.cf_z(i, 13) * sqrt(1.0 / 36)) ^ 3) AS g_spend
    FROM generate_series(1::bigint, (:customers)::bigint) AS i
), c1 AS (
    SELECT c0.*,
           CASE customer_type
               WHEN 'key account' THEN CASE WHEN u_seg < 0.65 THEN 'enterprise'
                                            WHEN u_seg < 0.95 THEN 'public sector'
                                            ELSE 'mid-market' END
               WHEN 'trader' THEN CASE WHEN u_seg < 0.55 THEN 'small business'
                                       WHEN u_seg < 0.90 THEN 'mid-market'
                                       ELSE 'enterprise' END
               ELSE CASE WHEN u_seg < 0.80 THEN 'consumer'
                         WHEN u_seg < 0.95 THEN 'small business'
                         ELSE 'public sector' END
           END AS segment,
           CASE customer_type
               WHEN 'key account' THEN CASE WHEN u_chan < 0.80 THEN 'field sales' ELSE 'online' END
               WHEN 'trader' THEN CASE WHEN u_chan < 0.40 THEN 'field sales'
                                       WHEN u_chan < 0.75 THEN 'online' ELSE 'store' END
               ELSE CASE WHEN u_chan < 0.60 THEN 'online' ELSE 'store' END
           END AS channel,
           greatest(first_contact, 1688169600::float8) AS a,
           -- orders a year: end users 2.5, traders 6, key accounts 12 on average
           g * CASE customer_type WHEN 'key account' THEN 12.0 WHEN 'trader' THEN 6.0 ELSE 2.5 END
             * (:orders_per_customer)::float8 / 10.0 AS rate,
           g_spend * CASE customer_type WHEN 'key account' THEN 2800.0 WHEN 'trader' THEN 450.0 ELSE 60.0 END
               AS spend
    FROM c0
), c2 AS (
    -- active 60% (still buying at the close, 2026-07-01 00:00 UTC); lapsed 25%: stopped
    -- 2 to 7 of their own mean intervals before the close (at most 700 days, and not
    -- before they started); lost 15%: stopped 2 to 3 years before the close, when
    -- their window is that long (else they count as lapsed)
    SELECT c1.*,
           CASE WHEN u_status < 0.60 THEN 1782864000::float8
                WHEN u_status < 0.85 OR 1782864000 - a < 94608000
                THEN greatest(a + 0.3 * (1782864000 - a),
                              1782864000 - least(700 * 86400.0,
                                                 (2 + 5 * u_stop) * 31557600 / rate))
                ELSE greatest(a + 0.1 * (1782864000 - a),
                              1782864000 - (63115200 + 31557600 * u_stop)) END AS b
    FROM c1
)
SELECT cid, prospect, customer_type, segment, region, channel, first_contact, a, b, rate,
       spend, one_time,
       CASE WHEN prospect THEN NULL
            ELSE count(*) FILTER (WHERE NOT prospect) OVER (ORDER BY cid) END AS buyer_no
FROM c2;

\endif

CREATE TABLE customers (
    customer_id   bigint PRIMARY KEY,
    segment       text NOT NULL,
    region        text,
    channel       text,
    customer_type text,
    first_contact timestamptz
);
INSERT INTO customers
SELECT cid, segment, region, channel, customer_type, to_timestamp(round(first_contact))
FROM cf_gen_plan
ORDER BY cid;

\if :bench
-- Orders: customer p's k-th order (k = 1..n) has the global number o = off + k.
-- Times are uniform over the customer's active window [a, b), 07:00-21:00 UTC;
-- 6% of repeat orders fall on the same day as the customer's previous order.
-- Amounts are log-normal with a median by customer type; 1.5% are refunds.
CREATE TABLE orders AS
WITH o AS (
    SELECT p.cid, p.customer_type, p.a, p.b, k, p.off + k AS o
    FROM cf_gen_plan p, generate_series(1::bigint, p.n) AS k
    WHERE p.n > 0
), t AS (
    SELECT o.*,
           -- the day (days since the epoch) of this order and of the previous one
           floor((a + (b - a) * pg_temp.cf_u(o, 21)) / 86400.0) AS day_this,
           floor((a + (b - a) * pg_temp.cf_u(o - 1, 21)) / 86400.0) AS day_prev
    FROM o
)
SELECT row_number() OVER (ORDER BY ts, cid, k) AS order_id,
       cid AS customer_id,
       to_timestamp(ts) AS ordered_at,
       amount
FROM (
    SELECT cid, k,
           (CASE WHEN k > 1 AND pg_temp.cf_u(o, 22) < 0.06 THEN day_prev ELSE day_this END)
               * 86400.0 + 25200 + round(50400 * pg_temp.cf_u(o, 23)) AS ts,
           (CASE WHEN pg_temp.cf_u(o, 24) < 0.015 THEN -1 ELSE 1 END
            * least(greatest(round(exp(CASE customer_type WHEN 'key account' THEN 7.8
                                                          WHEN 'trader' THEN 6.0 ELSE 3.8 END
                                       + CASE customer_type WHEN 'end user' THEN 0.9 ELSE 1.05 END
                                         * pg_temp.cf_z(o, 25))::numeric, 2),
                             0.50), 999999.99))::numeric(12,2) AS amount
    FROM t
) x
ORDER BY ts, cid, k;

\else
-- Demo orders: a buyer's first order falls on its first day in the window; the
-- repeat orders follow a Poisson process at the customer's rate until it stopped
-- (exponential gaps, summed), one-time buyers have none.  Times of day 07:00-21:00
-- UTC; amounts log-normal around the customer's own mean spend (as the Gamma-Gamma
-- model assumes: spend varies around a mean that varies between customers); 1.5%
-- are refunds.
CREATE TABLE orders AS
WITH c AS (
    SELECT cid, spend, a, b, rate, one_time,
           -- candidate orders: the expected count plus a margin the process almost never passes
           CASE WHEN one_time THEN 1
                ELSE least(3000, 2 + ceil(rate * (b - a) / 31557600 * 1.5
                                          + 6 * sqrt(rate * (b - a) / 31557600)))::integer END AS kmax
    FROM cf_gen_plan WHERE NOT prospect
), g AS (
    SELECT c.cid, c.spend, c.a, c.b, k,
           c.a + CASE WHEN c.a > 1688169600 THEN 0 ELSE 86400 * 30 * pg_temp.cf_u(c.cid, 60) END
             + sum(CASE WHEN k = 1 THEN 0
                        ELSE -ln(pg_temp.cf_u0(c.cid * 4096 + k, 61)) * 31557600 / c.rate END)
                   OVER (PARTITION BY c.cid ORDER BY k) AS t
    FROM c, generate_series(1, c.kmax) AS k
), kept AS (
    SELECT cid, spend, k, least(t, b - 3600) AS t
    FROM g WHERE k = 1 OR t < b
)
SELECT row_number() OVER (ORDER BY ts, cid, k) AS order_id,
       cid AS customer_id,
       to_timestamp(ts) AS ordered_at,
       amount
FROM (
    SELECT cid, k,
           floor(t / 86400.0) * 86400.0 + 25200 + round(50400 * pg_temp.cf_u(cid * 4096 + k, 63)) AS ts,
           (CASE WHEN pg_temp.cf_u(cid * 4096 + k, 64) < 0.015 THEN -1 ELSE 1 END
            * least(greatest(round((spend * exp(0.45 * pg_temp.cf_z(cid * 4096 + k, 65) - 0.10125))::numeric, 2),
                             0.50), 999999.99))::numeric(12,2) AS amount
    FROM kept
) x
WHERE ts < 1782864000
ORDER BY ts, cid, k;

\endif

-- Responses: response i is dated at i/responses of the way through the window (so
-- response_id follows time), sent to a buyer drawn uniformly.  Scores are a mixture
-- of a satisfied (J-shaped, NPS about +57) and a dissatisfied (bumps at 0 and 5,
-- NPS about -52) distribution; the dissatisfied share depends on the segment and
-- falls over time, so NPS differs by segment and improves.  1% of scores are NULL.
CREATE TABLE responses AS
WITH r AS (
    SELECT i,
           1 + floor(pg_temp.cf_u(i, 31) * (SELECT count(*) FROM cf_gen_plan WHERE NOT prospect))::bigint
               AS buyer_no,
           (i - 1 + pg_temp.cf_u(i, 32)) / (:responses)::float8 AS tfrac
    FROM generate_series(1::bigint, (:responses)::bigint) AS i
)
SELECT r.i AS response_id,
       p.cid AS customer_id,
       p.segment,
       to_timestamp(round(1688169600 + 94694400 * r.tfrac)) AS responded_at,
       CASE WHEN pg_temp.cf_u(r.i, 33) < 0.01 THEN NULL
            WHEN pg_temp.cf_u(r.i, 34)
                 < CASE p.segment WHEN 'consumer' THEN 0.22 WHEN 'small business' THEN 0.30
                                  WHEN 'mid-market' THEN 0.18 WHEN 'enterprise' THEN 0.35
                                  ELSE 0.45 END * (1.15 - 0.30 * r.tfrac)
            THEN width_bucket(pg_temp.cf_u(r.i, 35),
                              ARRAY[0.15, 0.20, 0.26, 0.33, 0.40, 0.55, 0.66, 0.76, 0.86, 0.92]::float8[])
            ELSE width_bucket(pg_temp.cf_u(r.i, 35),
                              ARRAY[0.005, 0.007, 0.010, 0.015, 0.023, 0.043, 0.073, 0.153, 0.353, 0.603]::float8[])
       END::integer AS score
FROM r JOIN cf_gen_plan p ON p.buyer_no = r.buyer_no
ORDER BY r.i;

-- Service events (for service-quality reports): expectation and perception on a
-- 1-7 scale, first-response time in seconds (log-normal by channel), complaints.
CREATE TABLE service_events AS
WITH e AS (
    SELECT i,
           1 + floor(pg_temp.cf_u(i, 41) * (SELECT count(*) FROM cf_gen_plan WHERE NOT prospect))::bigint
               AS buyer_no,
           (ARRAY['online', 'store', 'phone', 'field sales'])
               [1 + width_bucket(pg_temp.cf_u(i, 42), ARRAY[0.45, 0.70, 0.92]::float8[])] AS channel,
           1 + width_bucket(pg_temp.cf_u(i, 43), ARRAY[0.03, 0.08, 0.18, 0.38, 0.68, 0.90]::float8[])
               AS expected
    FROM generate_series(1::bigint, (:service_events)::bigint) AS i
), s AS (
    SELECT e.*,
           least(7, greatest(1, expected + round(
               CASE channel WHEN 'online' THEN -0.4 WHEN 'store' THEN 0.1
                            WHEN 'phone' THEN -0.7 ELSE 0.3 END
               + 1.2 * pg_temp.cf_z(i, 44))))::integer AS perceived
    FROM e
)
SELECT p.cid AS customer_id,
       p.segment,
       s.channel,
       s.expected,
       s.perceived,
       -- bench: medians of 82 min (online), 55 s (store), 148 s (phone), 3.7 h (field);
       -- demo: 14 s, 18 s, 16 s and 30 min, around the report's standards of 20, 30, 20 s, 1 h
       round(CASE WHEN :'bench'::boolean
                  THEN exp(CASE s.channel WHEN 'online' THEN 8.5 WHEN 'store' THEN 4.0
                                          WHEN 'phone' THEN 5.0 ELSE 9.5 END
                           + 1.0 * pg_temp.cf_z(s.i, 45))
                  ELSE exp(ln(CASE s.channel WHEN 'online' THEN 14 WHEN 'store' THEN 18
                                             WHEN 'phone' THEN 16 ELSE 1800 END)
                           + CASE s.channel WHEN 'field sales' THEN 0.9 ELSE 0.65 END
                             * pg_temp.cf_z(s.i, 45)) END::numeric, 1)::double precision
           AS response_seconds,
       -- demo: the stores' complaint cards are never collected, so the store channel
       -- reports none (the report's "silence" warning)
       pg_temp.cf_u(s.i, 46) < CASE WHEN NOT :'bench'::boolean AND s.channel = 'store' THEN 0
                                    WHEN s.perceived <= s.expected - 3 THEN 0.40
                                    WHEN s.perceived <= s.expected - 2 THEN 0.15
                                    WHEN s.perceived < s.expected THEN 0.04
                                    ELSE 0.005 END AS complained
FROM s JOIN cf_gen_plan p ON p.buyer_no = s.buyer_no
ORDER BY s.i;

-- Purchase-factor ratings (for the importance-performance analysis): each of
-- :factor_respondents buyers rates seven factors 1-5 for importance and for the
-- supplier's performance, around means that put the factors in different quadrants.
CREATE TABLE factor_ratings AS
WITH f(factor, imp, perf) AS (
    VALUES ('quality', 4.6, 4.2), ('technical support', 4.3, 3.1), ('delivery', 4.4, 3.4),
           ('price', 4.0, 3.3), ('payment terms', 2.9, 4.3), ('product range', 3.1, 3.0),
           ('advice', 3.4, 4.0)
), r AS (
    SELECT i, 1 + floor(pg_temp.cf_u(i, 51) * (SELECT count(*) FROM cf_gen_plan WHERE NOT prospect))::bigint AS buyer_no
    FROM generate_series(1::bigint, (:factor_respondents)::bigint) AS i
)
SELECT r.i AS respondent, p.cid AS customer_id, p.segment, f.factor,
       least(5, greatest(1, round(f.imp + 0.8 * pg_temp.cf_z(r.i * 16 + k, 52))))::integer AS importance,
       least(5, greatest(1, round(f.perf + 0.9 * pg_temp.cf_z(r.i * 16 + k, 53))))::integer AS performance
FROM r JOIN cf_gen_plan p ON p.buyer_no = r.buyer_no
CROSS JOIN (SELECT f.*, row_number() OVER (ORDER BY f.factor) AS k FROM f) f
ORDER BY r.i, f.factor;

DROP TABLE cf_gen_plan;
ANALYZE customers, orders, responses, service_events, factor_ratings;

RESET work_mem;
RESET maintenance_work_mem;
RESET synchronous_commit;
RESET client_min_messages;
