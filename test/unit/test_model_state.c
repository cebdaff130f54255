/*
 * test_model_state.c — unit tests of the weighted tuples shared by the BG/NBD and
 * Gamma-Gamma summaries (src/core/model_state.c).  The entry layouts are the
 * stored byte images of bgnbd_state and gamma_gamma_state since 1.0: their
 * sizes and offsets are checked against the numbers of 1.0, written out
 * here, so that no change can alter them silently.  Texts and messages are
 * the ones of 1.0 (see expected/bgnbd.out, expected/gamma_gamma.out).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bgnbd.h"
#include "gamma_gamma.h"
#include "model_state.h"
#include "unit.h"

/* Sizes and offsets of the entries as released in 1.0. */
static void
test_layouts(void)
{
	CHECK(sizeof(cf_bgnbd_entry) == 32);
	CHECK(offsetof(cf_bgnbd_entry, t_x) == 0);
	CHECK(offsetof(cf_bgnbd_entry, T) == 8);
	CHECK(offsetof(cf_bgnbd_entry, count) == 16);
	CHECK(offsetof(cf_bgnbd_entry, x) == 24);
	CHECK(offsetof(cf_bgnbd_entry, pad) == 28);
	CHECK(cf_bgnbd_layout.nd == 2);

	CHECK(sizeof(cf_gamma_gamma_entry) == 24);
	CHECK(offsetof(cf_gamma_gamma_entry, m) == 0);
	CHECK(offsetof(cf_gamma_gamma_entry, count) == 8);
	CHECK(offsetof(cf_gamma_gamma_entry, x) == 16);
	CHECK(offsetof(cf_gamma_gamma_entry, pad) == 20);
	CHECK(cf_gamma_gamma_layout.nd == 1);

	/* the generic accessors read the named fields */
	{
		cf_bgnbd_entry b = {.t_x = 1.5, .T = 2.5, .count = 7, .x = 3, .pad = 0};
		cf_gamma_gamma_entry g = {.m = 4.25, .count = 9, .x = 2, .pad = 0};

		CHECK(cf_model_state_fields(&b)[0] == 1.5 && cf_model_state_fields(&b)[1] == 2.5);
		CHECK(cf_model_state_count(&cf_bgnbd_layout, &b) == 7);
		CHECK(cf_model_state_x(&cf_bgnbd_layout, &b) == 3);
		CHECK(cf_model_state_fields(&g)[0] == 4.25);
		CHECK(cf_model_state_count(&cf_gamma_gamma_layout, &g) == 9);
		CHECK(cf_model_state_x(&cf_gamma_gamma_layout, &g) == 2);
	}
	/* text bounds: 64 + 98 n and 64 + 74 n (";tuple=", 20 + 24 per double + 19 characters and commas) */
	CHECK(cf_model_state_text_bound(&cf_bgnbd_layout, 0) == 64);
	CHECK(cf_model_state_text_bound(&cf_bgnbd_layout, 10) == 64 + 980);
	CHECK(cf_model_state_text_bound(&cf_gamma_gamma_layout, 10) == 64 + 740);
}

/* Compact, merge and total on hand-made arrays; texts written out by hand. */
static void
test_bgnbd_ops(void)
{
	cf_error err;
	cf_bgnbd_entry e[5] = {
		{.t_x = 2.0, .T = 5.0, .count = 1, .x = 1},
		{.t_x = 0.0, .T = 4.0, .count = 2, .x = 0},
		{.t_x = 2.0, .T = 5.0, .count = 3, .x = 1},
		{.t_x = 1.0, .T = 5.0, .count = 1, .x = 1},
		{.t_x = 0.0, .T = 3.0, .count = 1, .x = 0},
	};
	cf_bgnbd_entry other[1] = {{.t_x = 1.0, .T = 5.0, .count = 10, .x = 1}};
	cf_bgnbd_entry merged[6],
				parsed[6];
	size_t		n,
				nm,
				np;
	int64_t		total;
	char		buf[256];

	CHECK(cf_model_state_compact(&cf_bgnbd_layout, e, 5, &n, &err) == CF_OK);
	CHECK(n == 4);
	CHECK(e[0].x == 0 && e[0].T == 3.0 && e[0].count == 1);
	CHECK(e[1].x == 0 && e[1].T == 4.0 && e[1].count == 2);
	CHECK(e[2].x == 1 && e[2].t_x == 1.0 && e[2].count == 1);
	CHECK(e[3].x == 1 && e[3].t_x == 2.0 && e[3].count == 4);
	CHECK(cf_model_state_check_compact(&cf_bgnbd_layout, e, n, &err) == CF_OK);
	CHECK(cf_model_state_total(&cf_bgnbd_layout, e, n, &total, &err) == CF_OK && total == 8);
	cf_model_state_format(&cf_bgnbd_layout, e, n, buf, sizeof(buf));
	CHECK(strcmp(buf, "v2;tuples=4;tuple=0,0,3,1;tuple=0,0,4,2;tuple=1,1,5,1;tuple=1,2,5,4") == 0);

	CHECK(cf_model_state_merge(&cf_bgnbd_layout, e, n, other, 1, merged, &nm, &err) == CF_OK);
	CHECK(nm == 4 && merged[2].count == 11 && merged[3].count == 4);
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "1;2;0,0,3,1;2,1.5,2.25,9", parsed, 6, &np, &err) == CF_OK);
	CHECK(np == 2 && parsed[1].x == 2 && parsed[1].t_x == 1.5 && parsed[1].T == 2.25 &&
		  parsed[1].count == 9 && parsed[1].pad == 0);

	/* out of order: 1.0's message and detail */
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "1;2;1,2,5,1;1,1,5,1", parsed, 6, &np, &err) == CF_EINVAL);
	CHECK(strcmp(err.msg, "invalid bgnbd summary") == 0);
	CHECK(strcmp(err.detail, "Entry 2 is not after entry 1 in (x, t_x, T) order.") == 0);
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "1;1;1,2,5", parsed, 6, &np, &err) == CF_ESYNTAX);
	CHECK(strcmp(err.msg, "invalid input syntax for type bgnbd_state") == 0);
	CHECK(strcmp(err.detail, "Entry 1 is not of the form x,t_x,T,count with finite numbers.") == 0);
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "2;0", parsed, 6, &np, &err) == CF_ESYNTAX);
	CHECK(strcmp(err.msg, "unsupported bgnbd_state version") == 0);
	CHECK(cf_model_state_parse(&cf_bgnbd_layout, "1;1;1,0,5,1", parsed, 6, &np, &err) == CF_EINVAL);
	CHECK(strcmp(err.msg, "invalid customer times") == 0);

	/* a count overflow in a merge */
	other[0].count = INT64_MAX;
	CHECK(cf_model_state_merge(&cf_bgnbd_layout, e, n, other, 1, merged, &nm, &err) == CF_ERANGE);
	CHECK(strcmp(err.msg, "customer count out of range") == 0);
}

static void
test_gamma_gamma_ops(void)
{
	cf_error err;
	cf_gamma_gamma_entry e[4] = {
		{.m = 20.0, .count = 1, .x = 2},
		{.m = 10.5, .count = 2, .x = 1},
		{.m = 20.0, .count = 5, .x = 2},
		{.m = 9.0, .count = 1, .x = 2},
	};
	cf_gamma_gamma_entry parsed[4];
	size_t		n,
				np;
	char		buf[256];

	CHECK(cf_model_state_compact(&cf_gamma_gamma_layout, e, 4, &n, &err) == CF_OK);
	CHECK(n == 3);
	cf_model_state_format(&cf_gamma_gamma_layout, e, n, buf, sizeof(buf));
	CHECK(strcmp(buf, "v2;tuples=3;tuple=1,10.5,2;tuple=2,9,1;tuple=2,20,6") == 0);
	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, buf, parsed, 4, &np, &err) == CF_OK);
	CHECK(np == 3 && memcmp(parsed, e, sizeof(cf_gamma_gamma_entry) * 3) == 0);

	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;2;2,20,1;2,9,1", parsed, 4, &np, &err) == CF_EINVAL);
	CHECK(strcmp(err.msg, "invalid gamma_gamma summary") == 0);
	CHECK(strcmp(err.detail, "Entry 2 is not after entry 1 in (x, mean value) order.") == 0);
	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;1;1,2,0", parsed, 4, &np, &err) == CF_EINVAL);
	CHECK(strcmp(err.detail, "Entry 1 has count 0; counts must be >= 1.") == 0);
	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;1;1,x,1", parsed, 4, &np, &err) == CF_ESYNTAX);
	CHECK(strcmp(err.msg, "invalid input syntax for type gamma_gamma_state") == 0);
	CHECK(strcmp(err.detail, "Entry 1 is not of the form x,mean_value,count with finite numbers.") == 0);
	/* ";1,1,1" is the shortest entry: 3 entries need 18 characters after the header */
	CHECK(cf_model_state_parse_header(&cf_gamma_gamma_layout, "1;3;1,1,1", &np, &err) == CF_ESYNTAX);
	CHECK(strcmp(err.detail, "The text declares 3 entries but is only 9 characters long.") == 0);
	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;2;1,1,1;2,1,1", parsed, 1, &np, &err) == CF_EINVAL);
	CHECK(strcmp(err.msg, "gamma_gamma_state buffer too small") == 0);
	CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;1;0,1,1", parsed, 4, &np, &err) == CF_EINVAL);
	CHECK(strcmp(err.msg, "invalid number of repeat purchases") == 0);
}

/*
 * cf_model_state_validate, the one validation of text and binary input: -0 made
 * +0 with the count kept, a total past 2^63 - 1 refused (the receive
 * function used to accept it), order and entry rules as before.
 */
static void
test_validate(void)
{
	cf_error err;
	cf_bgnbd_entry b[2] = {
		{.t_x = -0.0, .T = 10, .count = 3, .x = 0, .pad = 0},
		{.t_x = 5.5, .T = 10, .count = 2, .x = 2, .pad = 0},
	};
	cf_gamma_gamma_entry g[2] = {
		{.m = 10.5, .count = INT64_MAX, .x = 1, .pad = 0},
		{.m = 0.01, .count = 1, .x = 3, .pad = 0},
	};
	char		text[256];

	CHECK(cf_model_state_validate(&cf_bgnbd_layout, b, 2, &err) == CF_OK);
	CHECK(b[0].t_x == 0.0 && !signbit(b[0].t_x) && b[0].count == 3 && b[1].count == 2);
	cf_model_state_format(&cf_bgnbd_layout, b, 2, text, sizeof text);
	CHECK(strcmp(text, "v2;tuples=2;tuple=0,0,10,3;tuple=2,5.5,10,2") == 0);

	b[1].count = INT64_MAX - 2;		/* 3 + (2^63 - 3) = 2^63 */
	CHECK(cf_model_state_validate(&cf_bgnbd_layout, b, 2, &err) == CF_ERANGE);
	b[1].count = INT64_MAX - 3;		/* exactly 2^63 - 1 */
	CHECK(cf_model_state_validate(&cf_bgnbd_layout, b, 2, &err) == CF_OK);
	b[1].count = 0;
	CHECK(cf_model_state_validate(&cf_bgnbd_layout, b, 2, &err) == CF_EINVAL);

	CHECK(cf_model_state_validate(&cf_gamma_gamma_layout, g, 2, &err) == CF_ERANGE);
	g[0].count = INT64_MAX - 1;
	CHECK(cf_model_state_validate(&cf_gamma_gamma_layout, g, 2, &err) == CF_OK);
	g[1].m = -0.0;					/* a mean value must be > 0: -0 is not */
	CHECK(cf_model_state_validate(&cf_gamma_gamma_layout, g, 2, &err) == CF_EINVAL);

	/* the text parser ends with the same validation: 2^63 - 1 + 1 refused there too */
	{
		cf_gamma_gamma_entry out[2];
		size_t		n;

		CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;2;1,10.5,9223372036854775807;3,0.01,1", out, 2, &n, &err) == CF_ERANGE);
		CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "1;2;1,10.5,9223372036854775806;3,0.01,1", out, 2, &n, &err) == CF_OK);
		CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "v2;tuples=2;tuple=1,10.5,9223372036854775807;tuple=3,0.01,1", out, 2, &n, &err) == CF_ERANGE);
		CHECK(cf_model_state_parse(&cf_gamma_gamma_layout, "v2;tuples=2;tuple=1,10.5,9223372036854775806;tuple=3,0.01,1", out, 2, &n, &err) == CF_OK);
		CHECK(n == 2 && out[0].count == INT64_MAX - 1 && out[1].m == 0.01);
	}
}

int
main(void)
{
	test_layouts();
	test_bgnbd_ops();
	test_gamma_gamma_ops();
	test_validate();
	return unit_report("model_state");
}
