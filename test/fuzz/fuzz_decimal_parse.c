/*
 * fuzz_decimal_parse.c — libFuzzer harness for the exact decimals of
 * core/decimal.c (revenue in customer profiles).
 *
 * The input (not NUL-terminated: the parsers take a length) goes to
 * cf_i128_parse and cf_bigdec_parse, which must never crash, and:
 *   - an accepted value formats and parses back to the same value and scale;
 *   - when the 128-bit parser accepts a text the big parser accepts it too,
 *     with the same text form, and cf_bigdec_from_i128 gives the same value;
 *   - x + x (checked 128-bit and big) agree where the 128-bit sum fits;
 *   - rescaling keeps the value (the text gains zeros only).
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_decimal_parse: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* Text form of a big decimal, malloc'd; checks the length query against the write. */
static char *
big_text(const cf_bigdec *b)
{
	size_t		need = cf_bigdec_format(b, NULL, 0);
	char	   *buf = malloc(need + 1);

	REQUIRE(buf != NULL);
	REQUIRE(cf_bigdec_format(b, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	return buf;
}

static char *
i128_text(cf_i128 v, int scale)
{
	size_t		need = cf_i128_format(v, scale, NULL, 0);
	char	   *buf = malloc(need + 1);

	REQUIRE(buf != NULL);
	REQUIRE(cf_i128_format(v, scale, buf, need + 1) == need);
	REQUIRE(strlen(buf) == need);
	return buf;
}

static bool
big_equal(const cf_bigdec *a, const cf_bigdec *b)
{
	return a->neg == b->neg && a->scale == b->scale && a->nlimbs == b->nlimbs &&
		(a->nlimbs == 0 || memcmp(a->limbs, b->limbs, sizeof(uint32_t) * (size_t) a->nlimbs) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy so that AddressSanitizer sees a read past the length. */
	char	   *s = malloc(size ? size : 1);
	cf_i128		v,
				v2,
				twice;
	int			scale,
				scale2,
				rc_i,
				rc_b;
	cf_bigdec	big,
				big2,
				from,
				sum;

	REQUIRE(s != NULL);
	memcpy(s, data, size);

	rc_i = cf_i128_parse(s, size, &v, &scale);
	rc_b = cf_bigdec_parse(&big, s, size);
	REQUIRE(rc_i >= 0 && rc_i <= 2);
	REQUIRE(rc_b >= 0 && rc_b <= 3);
	if (rc_i == 1)
		REQUIRE(rc_b == 1);		/* same syntax */
	if (rc_i == 0)
	{
		char	   *t = i128_text(v, scale);

		REQUIRE(scale >= 0 && scale <= CF_DEC_MAX_SCALE);
		REQUIRE(cf_i128_parse(t, strlen(t), &v2, &scale2) == 0);
		REQUIRE(v2 == v && scale2 == scale);

		/* The big parser agrees with the 128-bit one. */
		REQUIRE(rc_b == 0);
		{
			char	   *bt = big_text(&big);

			REQUIRE(strcmp(bt, t) == 0);
			free(bt);
		}
		REQUIRE(cf_bigdec_from_i128(&from, v, scale));
		REQUIRE(big_equal(&from, &big));
		cf_bigdec_free(&from);

		/* x + x: the checked sum, where it fits, equals the big sum. */
		if (cf_i128_add(v, v, &twice))
		{
			char	   *ts = i128_text(twice, scale);
			char	   *bs;

			REQUIRE(cf_bigdec_add(&big, &big, &sum));
			bs = big_text(&sum);
			REQUIRE(strcmp(ts, bs) == 0);
			free(bs);
			free(ts);
			cf_bigdec_free(&sum);
		}
		free(t);
	}
	if (rc_b == 0)
	{
		char	   *t = big_text(&big);
		char	   *t2;

		REQUIRE(big.scale >= 0 && big.scale <= CF_DEC_MAX_SCALE);
		REQUIRE(big.nlimbs == 0 || big.limbs[big.nlimbs - 1] != 0);
		REQUIRE(!(big.neg && big.nlimbs == 0));
		REQUIRE(cf_bigdec_parse(&big2, t, strlen(t)) == 0);
		REQUIRE(big_equal(&big, &big2));
		cf_bigdec_free(&big2);

		/* Rescaling keeps the value: the text is the old one with zeros appended. */
		if (big.scale < CF_DEC_MAX_SCALE && cf_bigdec_from_parts(&big2, big.neg, big.scale, big.limbs, big.nlimbs))
		{
			int			extra = 1 + (int) (size % 20);

			if (big.scale + extra <= CF_DEC_MAX_SCALE && cf_bigdec_rescale(&big2, big.scale + extra))
			{
				t2 = big_text(&big2);
				REQUIRE(strncmp(t2, t, strlen(t)) == 0 || big.scale == 0);
				REQUIRE(big2.scale == big.scale + extra);
				free(t2);
			}
			cf_bigdec_free(&big2);
		}
		(void) cf_bigdec_to_double(&big);
		free(t);
	}
	cf_bigdec_free(&big);
	free(s);
	return 0;
}
