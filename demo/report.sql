-- demo/report.sql: the customer-focus report over the sample data.
-- Reads the tables made by demo/generate.sql; copy any query into your own reports.
\set QUIET on
\pset footer off
\pset null '—'

\echo
\echo '=== Net Promoter Score, all responses (95 % margin of error) ==='
SELECT responses(s) AS responses,
       round(nps(s)::numeric, 1) AS nps,
       '± ' || round(nps_moe(s)::numeric, 1) AS margin,
       round(100 * promoter_share(s)::numeric, 1) AS "promoters %",
       round(100 * passive_share(s)::numeric, 1) AS "passives %",
       round(100 * detractor_share(s)::numeric, 1) AS "detractors %"
FROM (SELECT nps_agg(score) AS s FROM responses) t;

\echo '=== NPS per segment, with each segment tested against all the others ==='
WITH per_segment AS (
    SELECT segment, nps_agg(score) AS s FROM responses GROUP BY segment
), everyone AS (
    SELECT rollup(s) AS s FROM per_segment
)
SELECT p.segment,
       responses(p.s) AS responses,
       round(nps(p.s)::numeric, 1) AS nps,
       '± ' || round(nps_moe(p.s)::numeric, 1) AS margin,
       round(ci.lower::numeric, 1) || ' .. ' || round(ci.upper::numeric, 1) AS "95 % interval",
       round(c.p_value::numeric, 4) AS "p vs the rest"
FROM per_segment p
CROSS JOIN LATERAL nps_ci(p.s) ci
CROSS JOIN LATERAL nps_compare(p.s, (SELECT nps_agg(score) FROM responses r WHERE r.segment <> p.segment)) c
ORDER BY nps(p.s) DESC;

\echo '=== Score distribution, all responses ==='
SELECT score, responses, round(100 * share::numeric, 1) AS "%", bar
FROM distribution((SELECT nps_agg(score) FROM responses), 50);

\echo '=== Score distribution per segment ==='
SELECT segment, d.score, d.responses, round(100 * d.share::numeric, 1) AS "%", d.bar
FROM (SELECT segment, nps_agg(score) AS s FROM responses GROUP BY segment) p
CROSS JOIN LATERAL distribution(p.s, 30) d
ORDER BY segment, d.score;
