/*
 * model_state_binary_harness.h — the body of the libFuzzer harnesses for the
 * binary input of the weighted-tuple summaries: the entry array a receive
 * function builds from the message (cf_model_state_recv copies x, the doubles and
 * the count of every entry and sets pad to 0), then cf_model_state_validate, the
 * one validation shared with text input.  Included by fuzz_bgnbd_binary.c and
 * fuzz_gamma_gamma_binary.c after they define FUZZ_NAME, FUZZ_ENTRY,
 * FUZZ_LAYOUT and FUZZ_ENTRY_VALID(e) (as for model_state_harness.h).
 *
 * The input's bytes are the entries (host order; a short tail is ignored).
 * Never crashes; when accepted: every entry is valid with pad 0 and count
 * >= 1, no -0 is left, the total fits int64, validating again changes
 * nothing, and the text form parses back to the same byte image (what the
 * receive function accepts, the input function accepts as the same value).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, FUZZ_NAME ": property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		n = size / sizeof(FUZZ_ENTRY),
				n2,
				i,
				bound;
	FUZZ_ENTRY *e = calloc(n ? n : 1, sizeof(FUZZ_ENTRY)),
			   *again,
			   *e2;
	cf_error err;
	int64_t		total;
	char	   *t;

	REQUIRE(e != NULL);
	memcpy(e, data, n * sizeof(FUZZ_ENTRY));
	for (i = 0; i < n; i++)
		e[i].pad = 0;			/* as cf_model_state_recv stores it */
	memset(&err, 0, sizeof(err));
	if (cf_model_state_validate(FUZZ_LAYOUT, e, n, &err) != CF_OK)
	{
		REQUIRE(err.code != CF_OK);
		free(e);
		return 0;
	}
	REQUIRE(cf_model_state_check_compact(FUZZ_LAYOUT, e, n, &err) == CF_OK);
	REQUIRE(cf_model_state_total(FUZZ_LAYOUT, e, n, &total, &err) == CF_OK);
	for (i = 0; i < n; i++)
	{
		const double *d = (const double *) &e[i];
		int			f;

		REQUIRE(e[i].pad == 0 && e[i].count >= 1 && FUZZ_ENTRY_VALID(e[i]));
		for (f = 0; f < FUZZ_LAYOUT->nd; f++)
			REQUIRE(isfinite(d[f]) && !(d[f] == 0 && signbit(d[f])));
	}

	/* idempotent */
	again = malloc((n ? n : 1) * sizeof(FUZZ_ENTRY));
	REQUIRE(again != NULL);
	memcpy(again, e, n * sizeof(FUZZ_ENTRY));
	REQUIRE(cf_model_state_validate(FUZZ_LAYOUT, again, n, &err) == CF_OK);
	REQUIRE(memcmp(again, e, n * sizeof(FUZZ_ENTRY)) == 0);

	/* out -> in: the same byte image */
	bound = cf_model_state_text_bound(FUZZ_LAYOUT, n);
	t = malloc(bound);
	REQUIRE(t != NULL);
	REQUIRE(cf_model_state_format(FUZZ_LAYOUT, e, n, t, bound) < bound);
	REQUIRE(cf_model_state_parse_header(FUZZ_LAYOUT, t, &n2, &err) == CF_OK && n2 == n);
	e2 = calloc(n ? n : 1, sizeof(FUZZ_ENTRY));
	REQUIRE(e2 != NULL);
	REQUIRE(cf_model_state_parse(FUZZ_LAYOUT, t, e2, n, &n2, &err) == CF_OK && n2 == n);
	REQUIRE(memcmp(e, e2, n * sizeof(FUZZ_ENTRY)) == 0);

	free(e2);
	free(t);
	free(again);
	free(e);
	return 0;
}
