/*
 * cf_glue.h — helpers shared by the fmgr glue files: one validator per kind of
 * argument, so every entry point rejects the same bad value with the same
 * message and SQLSTATE.
 */
#ifndef CF_GLUE_H
#define CF_GLUE_H

#include "postgres.h"
#include "fmgr.h"
#include "datatype/timestamp.h"

#include "loyalty.h"
#include "profile.h"

/* Raise 22023 unless value is a finite number; what names the argument. */
extern void cf_check_finite(double value, const char *what);

/* Raise 22023 unless 0 < confidence < 1. */
extern void cf_check_confidence(double confidence);

/* Raise 22P02 for a malformed text form of type typname. */
extern void cf_bad_text_form(const char *typname, const char *text, const char *problem) pg_attribute_noreturn();

/* Raise 22P02 for an unsound binary or stored value of type typname. */
extern void cf_bad_stored_value(const char *typname, const char *problem) pg_attribute_noreturn();

/* The loyalty thresholds of the customer_focus.* settings in force (profile.c). */
extern cf_ladder cf_ladder_from_settings(void);

/*
 * The local day of as_of in the profile's time zone, cached per call site in
 * fn_extra, which must be NULL or start with the cache (profile.c); 22023 when
 * as_of is before the last order, 22008 when it is infinite.
 */
extern int32 cf_profile_as_of_day(FunctionCallInfo fcinfo, const cf_profile *p, TimestampTz as_of);

/* True when the function runs as an aggregate's transition, combine or final step. */
#define CF_IN_AGGREGATE(fcinfo) (AggCheckCallContext((fcinfo), NULL) != 0)

#endif
