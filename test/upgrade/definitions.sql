-- Every member object of customer_focus with its full definition and comment, one
-- line each, in a stable order: test/scripts/upgrade.sh compares this listing of an
-- updated database with that of a fresh install, so an update script that forgets a
-- change (volatility, strictness, a default, a support function, a comment...) fails.
WITH members AS (
  SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS object
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
  WHERE e.extname = 'customer_focus' AND d.deptype = 'e'
),
defs AS (
  SELECT m.object,
         CASE m.classid
         WHEN 'pg_proc'::regclass THEN (
           SELECT CASE WHEN p.prokind = 'a' THEN
                    format('aggregate %s(%s) returns %s; %s', p.oid::regproc, pg_get_function_arguments(p.oid),
                           p.prorettype::regtype, (SELECT row(a.aggkind, a.aggnumdirectargs, a.aggtransfn, a.aggfinalfn,
                             a.aggcombinefn, a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn,
                             a.aggmfinalfn, a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify,
                             a.aggsortop, a.aggtranstype::regtype, a.aggtransspace, a.aggmtranstype::regtype,
                             a.aggmtransspace, a.agginitval, a.aggminitval, p.proparallel, p.provolatile)::text
                           FROM pg_aggregate a WHERE a.aggfnoid = p.oid))
                  ELSE pg_get_functiondef(p.oid) END
           FROM pg_proc p WHERE p.oid = m.objid)
         WHEN 'pg_type'::regclass THEN (
           SELECT row(t.typname, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typispreferred, t.typdelim,
                      t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze,
                      t.typsubscript, t.typelem::regtype, t.typarray::regtype, t.typalign, t.typstorage, t.typnotnull,
                      t.typbasetype::regtype, t.typtypmod, t.typndims, t.typcollation, t.typdefault,
                      (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid),
                      (SELECT string_agg(format('%s %s', attname, format_type(atttypid, atttypmod)), ', ' ORDER BY attnum)
                       FROM pg_attribute WHERE attrelid = t.typrelid AND attnum > 0 AND NOT attisdropped),
                      (SELECT string_agg(pg_get_constraintdef(c.oid), '; ' ORDER BY c.conname)
                       FROM pg_constraint c WHERE c.contypid = t.oid))::text
           FROM pg_type t WHERE t.oid = m.objid)
         WHEN 'pg_operator'::regclass THEN (
           SELECT row(o.oprname, o.oprkind, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype, o.oprcode,
                      o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin, o.oprcanmerge, o.oprcanhash)::text
           FROM pg_operator o WHERE o.oid = m.objid)
         WHEN 'pg_cast'::regclass THEN (
           SELECT row(c.castsource::regtype, c.casttarget::regtype, c.castfunc::regprocedure, c.castcontext, c.castmethod)::text
           FROM pg_cast c WHERE c.oid = m.objid)
         WHEN 'pg_opclass'::regclass THEN (
           SELECT row(c.opcname, c.opcmethod, c.opcintype::regtype, c.opcdefault, c.opckeytype,
                      (SELECT string_agg(format('%s %s', a.amopstrategy, a.amopopr::regoperator), ', ' ORDER BY a.amopstrategy)
                       FROM pg_amop a WHERE a.amopfamily = c.opcfamily),
                      (SELECT string_agg(format('%s %s', a.amprocnum, a.amproc::regprocedure), ', ' ORDER BY a.amprocnum)
                       FROM pg_amproc a WHERE a.amprocfamily = c.opcfamily))::text
           FROM pg_opclass c WHERE c.oid = m.objid)
         ELSE '' END AS definition,
         coalesce(obj_description(m.objid, m.classid::regclass::name), '(no comment)') AS comment
  FROM members m
)
SELECT object || E'\t' || regexp_replace(coalesce(definition, '?'), '\s*\n\s*', ' ', 'g') || E'\t'
       || regexp_replace(comment, '\s*\n\s*', ' ', 'g')
FROM defs ORDER BY object;
