/*
 * cf_compat.h — every difference between the supported PostgreSQL majors
 * (15 to 18), behind PG_VERSION_NUM, in one place.  Every glue file includes
 * it first, instead of "postgres.h"; no other file tests PG_VERSION_NUM.
 */
#ifndef CF_COMPAT_H
#define CF_COMPAT_H

#include "postgres.h"

/* The Makefile stops older majors with the same words; this catches other builds. */
#if PG_VERSION_NUM < 150000
#error "customer_focus supports PostgreSQL 15 to 18; this pg_config is older"
#endif

/*
 * Since 16 the varlena macros (SET_VARSIZE, VARDATA, VARSIZE_ANY_EXHDR, ...)
 * live in varatt.h, which postgres.h no longer includes.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * A function that never returns, written before the declaration
 * ("CF_NORETURN extern void f(void);").  18 removed pg_attribute_noreturn()
 * (written after the declarator) for pg_noreturn (written before it, so that
 * it can be C11's _Noreturn); before 18 the GCC/Clang attribute is equally
 * valid in front.
 */
#if PG_VERSION_NUM >= 180000
#define CF_NORETURN pg_noreturn
#else
#define CF_NORETURN pg_attribute_noreturn()
#endif

#endif
