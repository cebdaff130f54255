-- Every SQL-callable function of the extension is tried with bad input in some
-- hardening test (issue 7).  The function column of the cases in
-- sql/hardening_*.sql (read from the source tree: each group of cases starts
-- with INSERT INTO <table> (<columns>) SELECT '<function signature>', * FROM
-- (VALUES, test/regress/hardening_helpers.sql) is compared with the catalogue.  A function
-- counts as tried when a case names it, when it is a support function
-- (transition, inverse, combine, final, serial, deserial) of an aggregate a case names, or the
-- output function of a type whose input function a case names, or a deprecated alias of
-- a function a case names.
\getenv abs_srcdir PG_ABS_SRCDIR
SELECT :'abs_srcdir' || '/sql/' AS dir \gset

CREATE TEMP TABLE extension_functions AS
SELECT p.oid::regprocedure AS fn
FROM pg_proc p
JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus';

CREATE TEMP TABLE named AS
SELECT f AS file, m[1] AS name, to_regprocedure(m[1]) AS fn
FROM pg_ls_dir(:'dir') f,
     regexp_matches(pg_read_file(:'dir' || f), '^(?:\(|INSERT INTO [a-z_]+ \([a-z, ]+\) SELECT )''([a-z_0-9]+\([a-z0-9_ ,\[\]]*\))'',', 'gn') m
WHERE f ~ '^hardening_[a-z_]+\.sql$';

CREATE TEMP TABLE tried AS
SELECT fn FROM named
UNION
SELECT unnest(ARRAY[a.aggtransfn, a.aggminvtransfn, a.aggcombinefn, a.aggfinalfn,
                    a.aggmtransfn, a.aggmfinalfn, a.aggserialfn, a.aggdeserialfn]::oid[])::regprocedure
FROM pg_aggregate a WHERE a.aggfnoid::oid IN (SELECT fn FROM named)
UNION
SELECT t.typoutput::oid::regprocedure FROM pg_type t WHERE t.typinput::oid IN (SELECT fn FROM named)
UNION
-- A deprecated 1.0 name (CONTRIBUTING, naming table, rule 7) runs the C function of its new
-- name or is a one-line wrapper of it: tried when a case names the new name (its equality
-- with the new name is sql/deprecated_names.sql's).
SELECT p.oid::regprocedure FROM pg_proc p
WHERE p.oid IN (SELECT fn FROM extension_functions)
  AND substring(obj_description(p.oid, 'pg_proc') FROM '^Deprecated alias of ([a-z_0-9]+)')
      IN (SELECT q.proname FROM named n JOIN pg_proc q ON q.oid = n.fn);

-- Names in the cases that are no function of the extension (a typo would hide a gap): none.
SELECT file, name FROM named WHERE fn IS NULL OR fn NOT IN (SELECT fn FROM extension_functions);

-- Functions of the extension tried by no hardening test: none.
SELECT fn AS not_tried FROM extension_functions WHERE fn NOT IN (SELECT fn FROM tried) ORDER BY fn::text;

-- Functions named per test file, and the whole catalogue against what is tried.
SELECT file, count(DISTINCT fn) AS functions_named FROM named GROUP BY file ORDER BY file;
SELECT count(*) AS extension_functions, count(*) FILTER (WHERE fn IN (SELECT fn FROM tried)) AS tried
FROM extension_functions;

DROP TABLE extension_functions, named, tried;
