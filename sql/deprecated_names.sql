-- The deprecated 1.0 names (CONTRIBUTING, naming table, rule 7): each returns what its
-- new name returns on the same values.  test/scripts/naming.sh checks the catalogue side
-- (every renamed 1.0 name is an alias with its comment, on values of its own).
SET TimeZone = 'UTC';
SET extra_float_digits = 0;
CREATE TEMP TABLE st AS
SELECT (SELECT nps_agg(s) FROM unnest('{10,9,9,8,7,6,3,0,NULL}'::int[]) s) AS n,
       (SELECT customer_profile(t, a) FROM (VALUES ('2024-01-05 10:00+00'::timestamptz, 20.50::numeric),
               ('2024-01-05 18:00+00', 4.25), ('2024-03-01 09:00+00', 100), ('2024-04-20 09:00+00', 7)) v(t, a)) AS p,
       (SELECT service_level_agg(e, q, 0.5) FROM (VALUES (4, 2), (4, 3.5), (4, 4), (4, 5), (3, 5), (3, 4)) v(e, q)) AS l,
       (SELECT response_time_agg(s, 20) FROM unnest('{5,12,20,31,NULL}'::float8[]) s) AS r,
       (SELECT ipa_agg(f, i, q) FROM (VALUES ('price', 5, 2), ('price', 4, 3), ('delivery', 3, 5),
               ('service', 2, 2)) v(f, i, q)) AS i,
       (SELECT complaint_agg(c) FROM unnest('{t,f,f,f,NULL}'::bool[]) c) AS c,
       (SELECT bgnbd_agg(x, tx, t) FROM (VALUES (2, 30.43, 38.86), (1, 1.71, 38.86), (0, 0, 38.86)) v(x, tx, t)) AS b,
       (SELECT gamma_gamma_agg(x, m) FROM (VALUES (2, 22.35), (1, 11.77), (7, 73.74)) v(x, m)) AS g,
       '(0.243,4.414,0.793,2.426,0,0,t)'::bgnbd_model AS bm,
       '(6.25,3.74,15.44,0,0,t)'::gamma_gamma_model AS gm;
ALTER TABLE st ADD COLUMN s segment_summary_state;
UPDATE st SET s = (SELECT segment_summary_agg(q, '2024-06-01') FROM (VALUES (p), (NULL), (p)) v(q));

-- One row per deprecated function: its value and whether the new name gives the same.
SELECT old, value, value IS NOT DISTINCT FROM new_value AS same
FROM st, LATERAL (VALUES
  ('responses(nps_state)', responses(n)::text, response_count(n)::text),
  ('promoters(nps_state)', promoters(n)::text, promoter_count(n)::text),
  ('passives(nps_state)', passives(n)::text, passive_count(n)::text),
  ('detractors(nps_state)', detractors(n)::text, detractor_count(n)::text),
  ('counts(nps_state)', counts(n)::text, score_counts(n)::text),
  ('distribution(nps_state,integer)', (SELECT string_agg(d::text, ' ') FROM distribution(n, 4) d),
                                      (SELECT string_agg(d::text, ' ') FROM score_distribution(n, 4) d)),
  ('orders(customer_profile)', orders(p)::text, order_count(p)::text),
  ('revenue(customer_profile)', revenue(p)::text, total_revenue(p)::text),
  ('purchase_days(customer_profile)', purchase_days(p)::text, purchase_day_count(p)::text),
  ('overdue(customer_profile,timestamptz)', overdue(p, '2024-06-01')::text, overdue_factor(p, '2024-06-01')::text),
  ('rfm(customer_profile,timestamptz,...)', rfm(p, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{50,100,200,400}')::text,
                                            rfm_scores(p, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{50,100,200,400}')::text),
  ('responses(service_level_state)', responses(l)::text, response_count(l)::text),
  ('low(service_level_state)', low(l)::text, level_count(l, 'low')::text),
  ('standard(service_level_state)', standard(l)::text, level_count(l, 'standard')::text),
  ('wow(service_level_state)', wow(l)::text, level_count(l, 'wow')::text),
  ('low_share(service_level_state)', low_share(l)::text, level_share(l, 'low')::text),
  ('standard_share(service_level_state)', standard_share(l)::text, level_share(l, 'standard')::text),
  ('wow_share(service_level_state)', wow_share(l)::text, level_share(l, 'wow')::text),
  ('tolerance(service_level_state)', tolerance(l)::text, level_tolerance(l)::text),
  ('counts(service_level_state)', counts(l)::text, level_counts(l)::text),
  ('responses(response_time_state)', responses(r)::text, response_count(r)::text),
  ('compliant(response_time_state)', compliant(r)::text, compliant_count(r)::text),
  ('compliance(response_time_state)', compliance(r)::text, compliant_share(r)::text),
  ('target(response_time_state)', target(r)::text, response_target(r)::text),
  ('factors(ipa_state)', (SELECT string_agg(f::text, ' ') FROM factors(i) f),
                         (SELECT string_agg(f::text, ' ') FROM ipa_factors(i) f)),
  ('factors(ipa_state,float8,float8)', (SELECT string_agg(f::text, ' ') FROM factors(i, 3, 3) f),
                                       (SELECT string_agg(f::text, ' ') FROM ipa_factors(i, 3, 3) f)),
  ('orders(complaint_state)', orders(c)::text, order_count(c)::text),
  ('complaints(complaint_state)', complaints(c)::text, complaint_count(c)::text),
  ('silent(complaint_state,bigint)', silent(c, 4)::text, alarming_silence(c, 4)::text),
  ('customers(bgnbd_state)', customers(b)::text, customer_count(b)::text),
  ('customers(gamma_gamma_state)', customers(g)::text, customer_count(g)::text),
  ('clv(bgnbd_model,gamma_gamma_model,...)', clv(bm, gm, 2, 30.43, 38.86, 22.35, 52, 0.3, 0.01)::text,
                                             customer_lifetime_value(bm, gm, 2, 30.43, 38.86, 22.35, 52, 0.3, 0.01)::text),
  ('lost_customer_value(bgnbd_model,gamma_gamma_model,...)', lost_customer_value(bm, gm, 2, 30.43, 38.86, 22.35, 52)::text,
                                                             expected_lost_value(bm, gm, 2, 30.43, 38.86, 22.35, 52)::text),
  ('customers(segment_summary_state)', customers(s)::text, customer_count(s)::text),
  ('orders(segment_summary_state)', orders(s)::text, order_count(s)::text),
  ('repeat_customers(segment_summary_state)', repeat_customers(s)::text, repeat_customer_count(s)::text),
  ('revenue(segment_summary_state)', revenue(s)::text, total_revenue(s)::text)
) AS v(old, value, new_value)
ORDER BY old;

-- The aggregate compliance(...) equals compliant_share(...) over the same rows, as the
-- accessor of the state does.
SELECT compliance(s, 20) AS compliance, compliance(s, 20) = compliant_share(s, 20) AS same_seconds,
       compliance(s * interval '1 second', interval '20 seconds')
         = compliant_share(s * interval '1 second', interval '20 seconds') AS same_intervals,
       compliance(s, 20) = compliant_share(response_time_agg(s, 20)) AS same_as_accessor
FROM unnest('{5,12,20,31,NULL}'::float8[]) s;

-- NULL in, NULL out, as for the new names (the aliases are as strict as their new names).
SELECT responses(NULL::nps_state) IS NULL AS nps_null, low(NULL::service_level_state) IS NULL AS low_null,
       rfm(NULL, '2024-06-01', '{30,60,90,180}', '{1,2,3,5}', '{50,100,200,400}') IS NULL AS rfm_null,
       clv(NULL, '(6.25,3.74,15.44,0,0,t)', 2, 30.43, 38.86, 22.35, 52) IS NULL AS clv_null;

-- The one-line SQL wrappers are inlined: the plan calls the new function itself.
CREATE FUNCTION pg_temp.plan_text(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END $$;
SELECT pg_temp.plan_text('SELECT low(l), wow_share(l) FROM st') LIKE '%Output: level_count(l, ''low''::service_level), level_share(l, ''wow''::service_level)%' AS wrappers_inlined;

DROP TABLE st;
