/*
 * test_fixsum.c — unit tests of core/fixsum.c (exact sums) and core/text.c (the double writer) against values worked out by hand
 * (shown in the comments) or by brute force over the same data.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixsum.h"
#include "unit.h"

/* ---------- exact sums ---------- */

static void
check_fix_text(double x, const char *expected)
{
	char		buf[80];
	const char *p = buf;
	cf_fixsum	a = cf_fix_from_double(x),
				b;

	cf_fix_format(a, buf, sizeof(buf));
	if (strcmp(buf, expected) != 0)
		fprintf(stderr, "fix text of %.17g: %s, expected %s\n", x, buf, expected);
	CHECK(strcmp(buf, expected) == 0);
	CHECK(cf_fix_parse(&p, &b) && *p == '\0' && b.lo == a.lo && b.hi == a.hi);
}

static void
test_fixsum(void)
{
	cf_fixsum	s = cf_fix_from_double(0),
				big;
	const char *p;
	int			i;

	check_fix_text(0, "0");
	check_fix_text(1.5, "1.5");
	check_fix_text(-12.25, "-12.25");
	check_fix_text(0.1, "0.1");		/* rounded to 2^-32, printed shortest */
	check_fix_text(123456.789, "123456.789");
	check_fix_text(1e12, "1000000000000");
	check_fix_text(ldexp(1, -32), "0.0000000002");	/* 2.3283e-10: the nearest 10-decimal text reads back */

	/* 0.1 ten times: exactly ten times the rounded 0.1, whatever the order. */
	for (i = 0; i < 10; i++)
		CHECK(cf_fix_add(&s, cf_fix_from_double(0.1)));
	CHECK_NEAR(cf_fix_to_double(s), 1.0, 1e-9);

	/* Overflow is reported, the sum stays unchanged. */
	p = "19807040628566084398385987583";	/* 2^94 - 1 */
	CHECK(cf_fix_parse(&p, &big));
	s = big;
	for (i = 0; i < 16; i++)
		if (!cf_fix_add(&s, big))
			break;
	CHECK(i < 16);

	/* Malformed decimals. */
	p = "";
	CHECK(!cf_fix_parse(&p, &s));
	p = "1.";
	CHECK(!cf_fix_parse(&p, &s));
	p = ".5";
	CHECK(!cf_fix_parse(&p, &s));
	p = "19807040628566084398385987584";	/* 2^94 */
	CHECK(!cf_fix_parse(&p, &s));
}

static void
test_format_double(void)
{
	char		buf[64];

	cf_tf_format_double(20, CF_TF_SHORTEST, buf, sizeof(buf));
	CHECK(strcmp(buf, "20") == 0);
	cf_tf_format_double(0.1, CF_TF_SHORTEST, buf, sizeof(buf));
	CHECK(strcmp(buf, "0.1") == 0);
	cf_tf_format_double(1e12, CF_TF_SHORTEST, buf, sizeof(buf));
	CHECK(strcmp(buf, "1000000000000") == 0);
	cf_tf_format_double(1.0 / 3, CF_TF_SHORTEST, buf, sizeof(buf));
	CHECK(strtod(buf, NULL) == 1.0 / 3);
	cf_tf_format_double(1e-9, CF_TF_SHORTEST, buf, sizeof(buf));
	CHECK(strcmp(buf, "1e-09") == 0);
}

int
main(void)
{
	test_fixsum();
	test_format_double();
	return unit_report("fixsum");
}
