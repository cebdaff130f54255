/*
 * fuzz_ipa_parse.c — libFuzzer harness for the ipa_state text form and stored
 * form (core/ipa.c; a two-pass parser: count, then fill a block of exactly the
 * counted size).
 *
 * The input, as text, never crashes the parser; an accepted value is sound
 * (its *_problem check), formats with a length query that agrees with the
 * write, and its text parses back to a value with the same text.  The input's
 * bytes are also checked as a stored value (*_problem) in a block of exactly
 * their size; a value accepted there prints, and its text reads back.  A
 * broken property calls abort().
 */
#define FUZZ_NAME "fuzz_ipa_parse"
#include "state_text_harness.h"

#include "ipa.h"

/* A parsed IPA state, malloc'd at its exact size, or NULL. */
DEFINE_TWO_PASS_PARSE(ipa_parse, cf_ipa_state, cf_ipa_parse, cf_ipa_size, CF_IPA_MAX_FACTORS, nfactors)

static void
ipa_exercise(const cf_ipa_state *s)
{
	cf_error	why;
	cf_ipa_row *rows = calloc((size_t) s->nfactors + 1, sizeof(cf_ipa_row));
	cf_ipa_state *m;
	double		gi,
				gp;
	int			n;

	REQUIRE(rows != NULL);
	cf_ipa_grand_means(s, &gi, &gp);
	cf_ipa_analyse(s, 3.0, 3.0, rows);
	n = cf_ipa_merged_factors(s, s);
	REQUIRE(n == s->nfactors);
	m = malloc(cf_ipa_size(n));
	REQUIRE(m != NULL);
	if (cf_ipa_merge(m, s, s))
	{
		m->vl_len_ = (int32_t) cf_ipa_size(n);
		REQUIRE(cf_error_detail(cf_ipa_check(m, cf_ipa_size(n), &why), &why) == NULL);
	}
	free(m);
	free(rows);
}

static void
ipa_text(const char *text)
{
	cf_error	why;
	cf_ipa_state *s = ipa_parse(text),
			   *s2;
	char	   *t,
			   *t2;

	if (s == NULL)
		return;
	REQUIRE(cf_error_detail(cf_ipa_check(s, cf_ipa_size(s->nfactors), &why), &why) == NULL);
	FORMAT_TEXT(cf_ipa_format, s, t);
	s2 = ipa_parse(t);
	if (s2 == NULL)
		fprintf(stderr, "fuzz_ipa_parse: own ipa text rejected: %s\n", t);
	REQUIRE(s2 != NULL);
	FORMAT_TEXT(cf_ipa_format, s2, t2);
	REQUIRE(strcmp(t, t2) == 0);
	ipa_exercise(s);
	free(t2);
	free(t);
	free(s2);
	free(s);
}

/* The bytes as a stored value. */
static void
stored(const uint8_t *data, size_t size)
{
	cf_error	why;
	void	   *block = input_block(data, size);
	char	   *t;

	if (cf_error_detail(cf_ipa_check(block, size, &why), &why) == NULL)
	{
		cf_ipa_state *s2;

		FORMAT_TEXT(cf_ipa_format, (cf_ipa_state *) block, t);
		s2 = ipa_parse(t);
		if (s2 == NULL)
			fprintf(stderr, "fuzz_ipa_parse: text of a sound stored ipa state rejected: %s\n", t);
		REQUIRE(s2 != NULL);
		ipa_exercise(block);
		free(s2);
		free(t);
	}
	free(block);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = input_text(data, size);

	ipa_text(text);
	free(text);
	stored(data, size);
	return 0;
}
