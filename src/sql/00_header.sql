-- customer_focus install script, built by the Makefile from src/sql/*.sql.
-- Every object is schema-qualified where it is not ours, PARALLEL SAFE, and commented.

\echo Use "CREATE EXTENSION customer_focus" to load this file. \quit

