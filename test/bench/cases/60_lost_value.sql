-- Lost-customer value (issue 15 item 1): lost_customer_value(numeric, ...) over
-- 200,000 annual values (cents), 10 years at a 20 % margin — with a 10 % discount
-- rate (40-decimal discount factors), without discount (the exact sum) and with
-- geometric growth — against the same formula written in plain SQL numeric and
-- the scan floor (the generated values summed).  No goal: the arithmetic moved
-- from PostgreSQL's numeric calls to the core's decimal arithmetic with the same
-- results (sql/lost_value.sql); this measures what it costs per call.

-- case: lost value, discounted
-- variant: extension lost_customer_value(a, g, 10, 0.2, 0.1)
SELECT lost_customer_value(g * 1.37, 125.50, 10, 0.2, 0.1) FROM generate_series(1, 200000) g;
-- variant: plain sum over the years in numeric
SELECT (SELECT trim_scale(round(sum((g * 1.37 + (t - 1) * 125.50) / 1.1 ^ t) * 0.2, 20)) FROM generate_series(1, 10) t)
FROM generate_series(1, 200000) g;
-- variant: floor the values summed
SELECT g * 1.37 + 125.50 FROM generate_series(1, 200000) g;

-- case: lost value, undiscounted
-- variant: extension lost_customer_value(a, g, 10, 0.2)
SELECT lost_customer_value(g * 1.37, 125.50, 10, 0.2) FROM generate_series(1, 200000) g;
-- variant: plain closed form in numeric
SELECT trim_scale((10 * (g * 1.37) + 45 * 125.50) * 0.2) FROM generate_series(1, 200000) g;
-- variant: floor the values summed
SELECT g * 1.37 + 125.50 FROM generate_series(1, 200000) g;

-- case: lost value, geometric
-- variant: extension lost_customer_value_geometric(a, 0.05, 10, 0.2, 0.1)
SELECT lost_customer_value_geometric(g * 1.37, 0.05, 10, 0.2, 0.1) FROM generate_series(1, 200000) g;
-- variant: plain sum over the years in numeric
SELECT (SELECT trim_scale(round(sum(g * 1.37 * 1.05 ^ (t - 1) / 1.1 ^ t) * 0.2, 20)) FROM generate_series(1, 10) t)
FROM generate_series(1, 200000) g;
-- variant: floor the values summed
SELECT g * 1.37 + 125.50 FROM generate_series(1, 200000) g;
