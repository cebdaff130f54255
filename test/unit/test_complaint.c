/*
 * test_complaint.c — unit tests of core/complaint.c against values worked out by hand
 * (shown in the comments) or by brute force over the same data.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "complaint.h"
#include "unit.h"

/* ---------- complaints ---------- */

static void
test_complaints(void)
{
	cf_error	why;
	cf_complaint_counts a,
				b;
	char		buf[100];

	cf_complaint_init(&a);
	a.orders = 1000;
	a.complaints = 3;
	cf_complaint_format(&a, buf, sizeof(buf));
	CHECK(strcmp(buf, "v2;orders=1000;complaints=3") == 0);
	CHECK(cf_error_detail(cf_complaint_parse("v1 orders=1000 complaints=3", &b, &why), &why) == NULL && b.orders == 1000 && b.complaints == 3);	/* the 1.0 form */
	CHECK(cf_error_detail(cf_complaint_parse(buf, &b, &why), &why) == NULL && b.orders == 1000 && b.complaints == 3);
	CHECK(cf_complaint_merge(&a, &b) && a.orders == 2000 && a.complaints == 6);
	b.orders = INT64_MAX;
	CHECK(!cf_complaint_merge(&a, &b) && a.orders == 2000);
	CHECK(cf_error_detail(cf_complaint_parse("v1 orders=-1 complaints=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_complaint_parse("v2;orders=-1;complaints=0", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_complaint_parse("v1 orders=1", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_complaint_parse("v2;orders=1", &b, &why), &why) != NULL);
	CHECK(cf_error_detail(cf_complaint_parse("v2 orders=1 complaints=0", &b, &why), &why) != NULL);
}

int
main(void)
{
	test_complaints();
	return unit_report("complaint");
}
