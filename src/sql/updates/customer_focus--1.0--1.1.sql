-- customer_focus update script from 1.0 to 1.1 (ALTER EXTENSION customer_focus UPDATE).
-- Every change to the install-script pieces in src/sql/NN_*.sql since the 1.0 release is
-- repeated here, so that an updated 1.0 database ends with exactly the objects of a fresh
-- 1.1 install (test/scripts/upgrade.sh checks that, definition by definition).

\echo Use "ALTER EXTENSION customer_focus UPDATE TO '1.1'" to load this file. \quit
