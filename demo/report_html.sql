-- demo/report_html.sql: the report as one self-contained page (XHTML with inline SVG; no
-- scripts, no fonts or images fetched), written to the file named by psql variable html_file.
-- Runs in the session of demo/report.sql, after it, and reads the temporary tables that
-- report made (report_customers, report_segments, report_models, report_spend), so every
-- figure on the page is the text report's figure:
--   psql -v html_file=report.html -f demo/report.sql -f demo/report_html.sql
-- Each chart is followed by a table of the numbers it draws, rounded as in the text report.
\set QUIET on
\pset format unaligned
\pset tuples_only on
\pset footer off
\o :html_file

-- Text for XML: the five characters that need it escaped.
CREATE FUNCTION pg_temp.h(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(replace(replace(replace(replace(coalesce(t, '—'), '&', '&amp;'), '<', '&lt;'),
                                   '>', '&gt;'), '"', '&quot;'), '''', '&#39;') $$;
-- A table of rows (each an array of cells, already rounded as text) under a header.
CREATE FUNCTION pg_temp.data_table(id text, header text[], cells text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT '<table class="data" id="' || id || '"><tr>'
           || (SELECT string_agg('<th>' || pg_temp.h(c) || '</th>', '' ORDER BY o) FROM unnest(header) WITH ORDINALITY u(c, o))
           || '</tr>'
           || coalesce((SELECT string_agg('<tr>' || (SELECT string_agg('<td>' || pg_temp.h(cells[r][k]) || '</td>', '' ORDER BY k)
                                                     FROM generate_series(1, array_length(cells, 2)) k) || '</tr>', '' ORDER BY r)
                        FROM generate_series(1, array_length(cells, 1)) r), '')
           || '</table>' $$;

SELECT '<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="UTF-8"/>
<title>customer_focus: the customer-focus report</title>
<style>
body { font-family: sans-serif; max-width: 960px; margin: 2em auto; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table.data { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1em; }
table.data th, table.data td { border: 1px solid #ddd; padding: 2px 8px; text-align: right; }
table.data td:first-child, table.data th:first-child { text-align: left; }
svg text { font-size: 12px; fill: #222; } .note { color: #555; font-size: 0.9em; }
</style></head><body>
<h1>The customer-focus report</h1>';

-- The headline
SELECT '<p>' || pg_temp.h(period) || ': ' || customers || ' customers, ' || buyers || ' with orders, '
       || orders || ' orders, revenue ' || revenue || ', ' || responses || ' survey answers, '
       || contacts || ' service contacts.</p>'
FROM (SELECT (SELECT min(ordered_at AT TIME ZONE 'UTC')::date FROM orders) || ' to '
             || (SELECT max(ordered_at AT TIME ZONE 'UTC')::date FROM orders) AS period,
             (SELECT count(*) FROM customers) AS customers,
             (SELECT count(DISTINCT customer_id) FROM orders) AS buyers,
             (SELECT count(*) FROM orders) AS orders,
             (SELECT sum(amount) FROM orders) AS revenue,
             (SELECT count(score) FROM responses) AS responses,
             (SELECT count(*) FROM service_events) AS contacts) h;

-- NPS per segment with its 95 % interval: a dot and a line on a -100..100 axis.
SELECT '<h2>Net Promoter Score per segment, with 95 % intervals (adjusted Wald)</h2>'
       || '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="' || (40 + 30 * count(*)) || '" role="img">'
       || string_agg(format('<text x="150" y="%s" text-anchor="end">%s</text>'
                            '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#4a7ab0" stroke-width="3"/>'
                            '<circle cx="%s" cy="%s" r="5" fill="#1d3f66"/>'
                            '<text x="%s" y="%s">%s</text>',
                            y + 4, pg_temp.h(segment),
                            round(520 + 3.4 * lower, 1), y, round(520 + 3.4 * upper, 1), y,
                            round(520 + 3.4 * nps, 1), y,
                            round(520 + 3.4 * upper, 1) + 8, y + 4, round(nps::numeric, 1)),
                     '' ORDER BY nps DESC)
       || (SELECT string_agg(format('<line x1="%s" y1="20" x2="%s" y2="%s" stroke="#ccc"/>'
                                    '<text x="%s" y="14" text-anchor="middle">%s</text>',
                                    520 + 3.4 * v, 520 + 3.4 * v, 30 + 30 * (SELECT count(DISTINCT segment) FROM responses),
                                    520 + 3.4 * v, v), '')
           FROM unnest(ARRAY[-100, -50, 0, 50, 100]) v)
       || '</svg>'
       || pg_temp.data_table('nps-segments', ARRAY['segment', 'responses', 'nps', 'interval'],
                             array_agg(ARRAY[segment, responses::text, round(nps::numeric, 1)::text,
                                             round(lower::numeric, 1) || ' .. ' || round(upper::numeric, 1)]
                                       ORDER BY nps DESC))
FROM (SELECT segment, response_count(s) AS responses, nps(s)::numeric AS nps, ci.lower::numeric AS lower,
             ci.upper::numeric AS upper,
             40 + 30 * (row_number() OVER (ORDER BY nps(s) DESC) - 1) AS y
      FROM (SELECT segment, nps_agg(score) AS s FROM responses GROUP BY segment) p,
           nps_ci(p.s, 0.95, 'adjusted_wald') ci) t;

-- The loyalty ladder as a funnel: one centred bar per stage.
SELECT '<h2>The loyalty ladder as of ' || pg_temp.h(:'as_of') || '</h2>'
       || '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="' || (20 + 34 * count(*)) || '" role="img">'
       || string_agg(format('<rect x="%s" y="%s" width="%s" height="26" fill="%s"/>'
                            '<text x="20" y="%s">%s</text><text x="880" y="%s" text-anchor="end">%s (%s %%)</text>',
                            round(480 - 300.0 * customers / max_c, 1), y, round(600.0 * customers / max_c, 1),
                            CASE WHEN stage IN ('lapsed', 'lost') THEN '#c8704a' ELSE '#4a7ab0' END,
                            y + 18, stage, y + 18, customers, round(100 * share::numeric, 1)),
                     '' ORDER BY stage)
       || '</svg>'
       || pg_temp.data_table('ladder', ARRAY['stage', 'customers', '%'],
                             array_agg(ARRAY[stage::text, customers::text, round(100 * share::numeric, 1)::text]
                                       ORDER BY stage))
FROM (SELECT stage, stage_count(s, stage) AS customers, stage_share(s, stage) AS share,
             max(stage_count(s, stage)) OVER () AS max_c,
             10 + 34 * (row_number() OVER (ORDER BY stage) - 1) AS y
      FROM (SELECT segment_summary_agg(profile, :'as_of', latest_score, :horizon, :margin, 2, 5, 9, 3, 365, 730) AS s
            FROM report_customers) total,
           unnest(enum_range(NULL::loyalty_stage)) AS stage) t;

-- The retention triangle as a heat map: a cell per cohort and quarter since, darker for a larger share.
SELECT '<h2>Cohorts: the share of each quarter''s new customers buying in each later quarter</h2>'
       || '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="' || (50 + 24 * count(DISTINCT cohort)) || '" role="img">'
       || (SELECT string_agg(format('<text x="%s" y="20" text-anchor="middle">%s</text>', 195 + 44 * o, o), '')
           FROM generate_series(0, max(period_offset)) o)
       || string_agg(format('<rect x="%s" y="%s" width="42" height="22" fill="rgb(%s,%s,%s)"><title>%s +%s: %s %%</title></rect>',
                            174 + 44 * period_offset, 30 + 24 * row_no, round(255 - 200 * share), round(255 - 150 * share),
                            round(255 - 80 * share), cohort, period_offset, round(100 * share::numeric, 1)),
                     '' ORDER BY cohort, period_offset)
       || string_agg(CASE WHEN period_offset = 0
                          THEN format('<text x="160" y="%s" text-anchor="end">%s (%s)</text>', 46 + 24 * row_no, cohort, customers)
                          ELSE '' END, '' ORDER BY cohort)
       || '</svg>'
       || pg_temp.data_table('cohorts', ARRAY['cohort', 'customers', 'next %'],
                             array_agg(ARRAY[cohort::text, customers::text, round(100 * next_share::numeric, 1)::text]
                                       ORDER BY cohort) FILTER (WHERE period_offset = 0))
FROM (SELECT r.*, dense_rank() OVER (ORDER BY cohort) - 1 AS row_no,
             coalesce(lead(share) OVER (PARTITION BY cohort ORDER BY period_offset), 0) AS next_share
      FROM cohort_retention((SELECT ladder FROM report_ladder), 'quarter') r) t;

-- P(alive) of the customers with orders, in ten bins, beside the ladder's lapsed and lost.
SELECT '<h2>How many are still alive? BG/NBD P(alive) of the customers with orders</h2>'
       || '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="260" role="img">'
       || string_agg(format('<rect x="%s" y="%s" width="70" height="%s" fill="#4a7ab0"/>'
                            '<text x="%s" y="245" text-anchor="middle">%s</text>'
                            '<text x="%s" y="%s" text-anchor="middle">%s</text>',
                            60 + 80 * bin, round(220 - 190.0 * customers / max_c, 1), round(190.0 * customers / max_c, 1),
                            95 + 80 * bin, to_char(bin / 10.0, 'FM0.0') || '–' || to_char((bin + 1) / 10.0, 'FM0.0'),
                            95 + 80 * bin, round(214 - 190.0 * customers / max_c, 1), customers),
                     '' ORDER BY bin)
       || '</svg>'
       || pg_temp.data_table('p-alive', ARRAY['P(alive)', 'customers'],
                             array_agg(ARRAY[to_char(bin / 10.0, 'FM0.0') || '–' || to_char((bin + 1) / 10.0, 'FM0.0'),
                                             customers::text] ORDER BY bin))
FROM (SELECT bin, count(p) AS customers, max(count(p)) OVER () AS max_c
      FROM generate_series(0, 9) bin
      LEFT JOIN (SELECT least(floor(10 * bgnbd_p_alive(m.bg, s.x, s.t_x, s.t)), 9) AS b, 1 AS p
                 FROM report_customers c CROSS JOIN report_models m
                 CROSS JOIN LATERAL model_summary(c.profile, :'as_of', 30.4375) s
                 WHERE c.profile IS NOT NULL) a ON a.b = bin
      GROUP BY bin) t;

SELECT '<p class="note">BG/NBD counts a customer with one purchase day as alive (P(alive) = 1) however long ago '
       || 'it was; the ladder calls them lapsed after a year. Mean P(alive) per segment against the ladder''s '
       || 'lapsed and lost share:</p>'
       || pg_temp.data_table('p-alive-segments', ARRAY['segment', 'with orders', 'mean P(alive)', 'lapsed+lost %'],
                             array_agg(ARRAY[segment, n::text, round(p::numeric, 2)::text, round(ll, 1)::text]
                                       ORDER BY segment))
FROM (SELECT c.segment, count(*) AS n, avg(bgnbd_p_alive(m.bg, s.x, s.t_x, s.t)) AS p,
             100.0 * count(*) FILTER (WHERE loyalty_stage(c.profile, :'as_of', c.latest_score, 2, 5, 9, 3, 365, 730)
                                      IN ('lapsed', 'lost')) / count(*) AS ll
      FROM report_customers c CROSS JOIN report_models m
      CROSS JOIN LATERAL model_summary(c.profile, :'as_of', 30.4375) s
      WHERE c.profile IS NOT NULL GROUP BY c.segment) t;

-- Importance-performance: factors on the performance x importance plane, the grand means as the cross.
SELECT '<h2>Importance-performance analysis of the purchase factors</h2>'
       || '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="460" role="img">'
       || '<rect x="100" y="20" width="400" height="400" fill="none" stroke="#999"/>'
       || format('<line x1="%s" y1="20" x2="%s" y2="420" stroke="#c8704a" stroke-dasharray="4"/>'
                 '<line x1="100" y1="%s" x2="500" y2="%s" stroke="#c8704a" stroke-dasharray="4"/>',
                 round(100 + 100 * (gp - 1), 1), round(100 + 100 * (gp - 1), 1),
                 round(420 - 100 * (gi - 1), 1), round(420 - 100 * (gi - 1), 1))
       || '<text x="300" y="445" text-anchor="middle">performance (1–5)</text>'
       || '<text x="60" y="220" text-anchor="middle" transform="rotate(-90 60 220)">importance (1–5)</text>'
       || '<text x="120" y="40">concentrate here</text><text x="480" y="40" text-anchor="end">keep up the good work</text>'
       || '<text x="120" y="410">low priority</text><text x="480" y="410" text-anchor="end">possible overkill</text>'
       || string_agg(format('<circle cx="%s" cy="%s" r="5" fill="#1d3f66"/><text x="%s" y="%s">%s</text>',
                            round(100 + 100 * (performance - 1), 1), round(420 - 100 * (importance - 1), 1),
                            round(108 + 100 * (performance - 1), 1), round(424 - 100 * (importance - 1), 1),
                            pg_temp.h(factor)), '' ORDER BY rank)
       || '</svg>'
       || pg_temp.data_table('ipa', ARRAY['rank', 'factor', 'importance', 'performance', 'gap', 'quadrant'],
                             array_agg(ARRAY[rank::text, factor, round(importance::numeric, 2)::text,
                                             round(performance::numeric, 2)::text, round(gap::numeric, 2)::text, quadrant]
                                       ORDER BY rank))
FROM (SELECT f.rank, f.factor, f.importance::numeric AS importance, f.performance::numeric AS performance,
             f.gap, f.quadrant, (grand_means(s)).importance::numeric AS gi, (grand_means(s)).performance::numeric AS gp
      FROM (SELECT ipa_agg(factor, importance, performance) AS s FROM factor_ratings) t, ipa_factors(s) f) x
GROUP BY gi, gp;

SELECT '<p class="note">Made by demo/report_html.sql from the same session as the text report (demo/report.sql).</p>'
       || '</body></html>';
\o
