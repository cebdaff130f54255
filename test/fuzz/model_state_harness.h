/*
 * model_state_harness.h — the body of the libFuzzer harnesses for the text forms of
 * the weighted-tuple summaries (core/model_state.c: cf_model_state_parse_header,
 * cf_model_state_parse), included by fuzz_bgnbd_parse.c and fuzz_gamma_gamma_parse.c
 * after they define:
 *   FUZZ_NAME              the harness name, for failure messages
 *   FUZZ_ENTRY             the entry type
 *   FUZZ_LAYOUT            a pointer to the entry layout
 *   FUZZ_ENTRY_VALID(e)    what an accepted entry e must satisfy besides pad 0, count >= 1
 *
 * The input, NUL-terminated, is parsed the way the glue does (header for the
 * entry count, an exact-size array, full parse).  Never crashes; when
 * accepted: the entries are compact and valid, their text (in a buffer of
 * cf_model_state_text_bound bytes) parses back to the same byte image and formats
 * the same again, the total does not overflow, and merging the summary with
 * itself doubles every count or reports overflow.
 */
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

/* The text of e[0..n), malloc'd at the documented bound. */
static char *
format_entries(const FUZZ_ENTRY *e, size_t n)
{
	size_t		bound = cf_model_state_text_bound(FUZZ_LAYOUT, n);
	char	   *buf = malloc(bound);
	size_t		len;

	REQUIRE(buf != NULL);
	len = cf_model_state_format(FUZZ_LAYOUT, e, n, buf, bound);
	REQUIRE(len < bound);
	REQUIRE(strlen(buf) == len);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);
	cf_error err;
	size_t		n,
				n_out,
				n2,
				i;
	FUZZ_ENTRY *e,
			   *e2,
			   *merged;
	char	   *t,
			   *t2;
	int64_t		total;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&err, 0, sizeof(err));
	if (cf_model_state_parse_header(FUZZ_LAYOUT, text, &n, &err) != CF_OK)
	{
		free(text);
		return 0;
	}
	REQUIRE(n <= size);			/* the header bounds the count by the length */
	e = calloc(n ? n : 1, sizeof(FUZZ_ENTRY));
	REQUIRE(e != NULL);
	if (cf_model_state_parse(FUZZ_LAYOUT, text, e, n, &n_out, &err) != CF_OK)
	{
		REQUIRE(err.code != CF_OK);
		free(e);
		free(text);
		return 0;
	}
	REQUIRE(n_out == n);
	REQUIRE(cf_model_state_check_compact(FUZZ_LAYOUT, e, n, &err) == CF_OK);
	REQUIRE(cf_model_state_total(FUZZ_LAYOUT, e, n, &total, &err) == CF_OK);
	for (i = 0; i < n; i++)
		REQUIRE(e[i].pad == 0 && e[i].count >= 1 && FUZZ_ENTRY_VALID(e[i]));

	/* Round trip: the same byte image, and a stable text. */
	t = format_entries(e, n);
	REQUIRE(cf_model_state_parse_header(FUZZ_LAYOUT, t, &n2, &err) == CF_OK && n2 == n);
	e2 = calloc(n ? n : 1, sizeof(FUZZ_ENTRY));
	REQUIRE(e2 != NULL);
	REQUIRE(cf_model_state_parse(FUZZ_LAYOUT, t, e2, n, &n2, &err) == CF_OK && n2 == n);
	REQUIRE(memcmp(e, e2, n * sizeof(FUZZ_ENTRY)) == 0);
	t2 = format_entries(e2, n);
	REQUIRE(strcmp(t, t2) == 0);

	/* Merge with itself: same entries, counts doubled, or an overflow report. */
	merged = calloc(2 * n + 1, sizeof(FUZZ_ENTRY));
	REQUIRE(merged != NULL);
	if (cf_model_state_merge(FUZZ_LAYOUT, e, n, e, n, merged, &n2, &err) == CF_OK)
	{
		REQUIRE(n2 == n);
		for (i = 0; i < n; i++)
			REQUIRE(merged[i].x == e[i].x && merged[i].count == 2 * e[i].count);
	}
	free(merged);
	free(t2);
	free(e2);
	free(t);
	free(e);
	free(text);
	return 0;
}
