/*
 * test_service_level.c — unit tests of core/service_level.c against values worked out by hand
 * (shown in the comments) or by brute force over the same data.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "service_level.h"
#include "unit.h"

/* ---------- service levels ---------- */

static void
test_service_levels(void)
{
	cf_error	why;
	cf_service_level_counts a,
				b;
	char		buf[200];

	/* Edges of the band belong to standard. */
	CHECK(cf_service_level_of(4, 3, 0) == CF_SERVICE_LEVEL_LOW);
	CHECK(cf_service_level_of(4, 4, 0) == CF_SERVICE_LEVEL_STANDARD);
	CHECK(cf_service_level_of(4, 5, 0) == CF_SERVICE_LEVEL_WOW);
	CHECK(cf_service_level_of(4, 3.5, 0.5) == CF_SERVICE_LEVEL_STANDARD);
	CHECK(cf_service_level_of(4, 4.5, 0.5) == CF_SERVICE_LEVEL_STANDARD);
	CHECK(cf_service_level_of(4, 3.49, 0.5) == CF_SERVICE_LEVEL_LOW);
	CHECK(cf_service_level_of(4, 4.51, 0.5) == CF_SERVICE_LEVEL_WOW);

	CHECK(cf_error_detail(cf_tolerance_check(0, &why), &why) == NULL);
	CHECK(cf_error_detail(cf_tolerance_check(-0.1, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_tolerance_check(NAN, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_tolerance_check(INFINITY, &why), &why) != NULL);

	cf_service_level_init(&a, 0.5);
	a.counts[0] = 1;
	a.counts[1] = 2;
	a.counts[2] = 3;
	CHECK(cf_service_level_format(&a, buf, sizeof(buf)) == strlen("v2;tolerance=0.5;low=1;standard=2;wow=3"));
	CHECK(strcmp(buf, "v2;tolerance=0.5;low=1;standard=2;wow=3") == 0);
	CHECK(cf_error_detail(cf_service_level_parse("v1 tolerance=0.5 low=1 standard=2 wow=3", &b, &why), &why) == NULL && b.counts[2] == 3 && b.tolerance == 0.5);	/* the 1.0 form */
	CHECK(cf_error_detail(cf_service_level_parse(buf, &b, &why), &why) == NULL);
	CHECK(b.tolerance == 0.5 && b.counts[0] == 1 && b.counts[1] == 2 && b.counts[2] == 3);
	CHECK(cf_service_level_merge(&a, &b) && cf_service_level_total(&a) == 12);

	b.counts[1] = INT64_MAX - 5;
	CHECK(!cf_service_level_merge(&a, &b));	/* total would pass 2^63 */
	CHECK(cf_service_level_total(&a) == 12);

	CHECK(cf_error_detail(cf_service_level_parse("v1 tolerance=-1 low=0 standard=0 wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v2;tolerance=-1;low=0;standard=0;wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v1 tolerance=nan low=0 standard=0 wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v2;tolerance=nan;low=0;standard=0;wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v2 tolerance=0 low=0 standard=0 wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v1 tolerance=0 low=-1 standard=0 wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v2;tolerance=0;low=-1;standard=0;wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v1 tolerance=0 low=0 standard=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v2;tolerance=0;low=0;standard=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v1 tolerance=0 low=0 standard=0 wow=0 x", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v2;tolerance=0;low=0;standard=0;wow=0;x", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v1 tolerance=0 low=9223372036854775807 standard=1 wow=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_service_level_parse("v2;tolerance=0;low=9223372036854775807;standard=1;wow=0", &b, &why), &why) != NULL);
}

int
main(void)
{
	test_service_levels();
	return unit_report("service_level");
}
