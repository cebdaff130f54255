/*
 * fuzz_text_form.c — libFuzzer harness for the tokenizer of the one text
 * grammar (core/text_form.c) that every state type's parser uses.
 *
 * The input is read, without a terminating NUL (AddressSanitizer sees any
 * read past it), three ways: as a versioned form, as a 1.0 bare form with
 * ';' and as one with ' '.  Properties:
 *   - the tokenizer ends (every call consumes text) and every key and value
 *     lies inside the input, fields in order, each after the previous one;
 *   - every value goes through every scanner; what a scanner accepts lies
 *     inside the value, and writing the scanned value and scanning the text
 *     again gives the same value (integers, doubles, dates, timestamps,
 *     quoted strings); the writer's text of a date or timestamp is canonical
 *     (writing it again gives the same bytes);
 *   - the writer keeps snprintf's contract on every buffer size.
 * A broken property calls abort(), which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_form.h"

#define REQUIRE(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz_text_form: property failed at line %d: %s\n", __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

static const char *lo_,
		   *hi_;

/* The span lies inside the input. */
static void
inside(cf_tf_span s)
{
	REQUIRE(s.s >= lo_ && s.s <= s.end && s.end <= hi_);
}

/* Writes with the writer into a buffer of cap and checks the contract against the full text. */
static void
check_writer_contract(const char *full, size_t len)
{
	char		small[8];
	size_t		cap;

	for (cap = 0; cap <= sizeof(small); cap++)
	{
		cf_tf_writer w;

		memset(small, 'x', sizeof(small));
		cf_tf_writer_init(&w, cap ? small : NULL, cap);
		cf_tf_put(&w, full, len);
		REQUIRE(w.len == len);
		if (cap > 0)
		{
			size_t		k = len < cap - 1 ? len : cap - 1;

			REQUIRE(memcmp(small, full, k) == 0 && small[k] == '\0');
		}
	}
}

/* Every scanner on one value. */
static void
scan_value(cf_tf_span v)
{
	char		buf[128];
	cf_tf_writer w;
	cf_tf_span	s,
				t;
	int64_t		i,
				j;
	double		d,
				e;
	char		out[256];
	long		n;

	s = v;
	if (cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i))
	{
		inside(s);
		REQUIRE(s.s > v.s);
		cf_tf_writer_init(&w, buf, sizeof(buf));
		cf_tf_put_int64(&w, i);
		t.s = buf;
		t.end = buf + w.len;
		REQUIRE(cf_tf_int64(&t, INT64_MIN, INT64_MAX, &j) && j == i && cf_tf_done(&t));
	}
	s = v;
	if (cf_tf_double(&s, &d))
	{
		inside(s);
		REQUIRE(s.s > v.s);
		cf_tf_writer_init(&w, buf, sizeof(buf));
		cf_tf_put_double(&w, d);
		t.s = buf;
		t.end = buf + w.len;
		REQUIRE(cf_tf_double(&t, &e) && e == d && cf_tf_done(&t));
	}
	s = v;
	if (cf_tf_date(&s, &i))
	{
		inside(s);
		cf_tf_writer_init(&w, buf, sizeof(buf));
		cf_tf_put_date(&w, i);
		t.s = buf;
		t.end = buf + w.len;
		REQUIRE(cf_tf_date(&t, &j) && j == i && cf_tf_done(&t));
		check_writer_contract(buf, w.len);
	}
	s = v;
	if (cf_tf_timestamp(&s, &i))
	{
		char		again[128];
		cf_tf_writer w2;

		inside(s);
		REQUIRE(i >= CF_MIN_TIMESTAMP && i < CF_END_TIMESTAMP);
		cf_tf_writer_init(&w, buf, sizeof(buf));
		cf_tf_put_timestamp(&w, i);
		REQUIRE(w.len < CF_TF_TIMESTAMP_LEN);
		t.s = buf;
		t.end = buf + w.len;
		REQUIRE(cf_tf_timestamp(&t, &j) && j == i && cf_tf_done(&t));
		cf_tf_writer_init(&w2, again, sizeof(again));
		cf_tf_put_timestamp(&w2, j);
		REQUIRE(w2.len == w.len && memcmp(again, buf, w.len) == 0);
	}
	n = cf_tf_unquote(&v, out, sizeof(out));
	if (n >= 0)
	{
		char		q[2 * sizeof(out) + 3];
		char		back[sizeof(out)];

		cf_tf_writer_init(&w, q, sizeof(q));
		cf_tf_put_quoted(&w, out, (size_t) n);
		REQUIRE(w.len < sizeof(q));
		t.s = q;
		t.end = q + w.len;
		REQUIRE(cf_tf_unquote(&t, back, sizeof(back)) == n && memcmp(back, out, (size_t) n) == 0);
	}
	/* split the value on ',' and ':' as the list readers do */
	s = v;
	while (!cf_tf_done(&s))
	{
		const char *before = s.s;

		cf_tf_split(&s, ',', &t);
		inside(t);
		inside(s);
		REQUIRE(s.s > before);
		while (!cf_tf_done(&t))
		{
			cf_tf_span	part;
			const char *b2 = t.s;

			cf_tf_split(&t, ':', &part);
			inside(part);
			REQUIRE(t.s > b2);
		}
	}
}

/* Reads every field of a started reader. */
static void
read_fields(cf_tf_reader *r)
{
	cf_tf_field f;
	const char *prev = lo_;
	int			rc,
				fields = 0;

	while ((rc = cf_tf_next(r, &f)) == 1)
	{
		inside(f.key);
		inside(f.value);
		REQUIRE(f.key.s >= prev && f.value.s >= f.key.end);
		REQUIRE(f.has_key || f.value.s < f.value.end);
		prev = f.value.end;
		REQUIRE(++fields <= hi_ - lo_ + 1);
		if (f.quoted_key)
		{
			char		name[256];

			(void) cf_tf_unquote(&f.key, name, sizeof(name));
		}
		scan_value(f.value);
	}
	REQUIRE(rc == 0 || rc == -1);
	(void) cf_tf_at_end(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy without a NUL: reads past it are caught */
	char	   *text = malloc(size ? size : 1);
	cf_tf_reader r;
	int32_t		version;

	REQUIRE(text != NULL);
	memcpy(text, data, size);
	lo_ = text;
	hi_ = text + size;
	if (cf_tf_begin(&r, text, size, &version))
	{
		REQUIRE(version >= 0 && version <= 99999);
		read_fields(&r);
	}
	cf_tf_begin_bare(&r, text, size, ';');
	read_fields(&r);
	cf_tf_begin_bare(&r, text, size, ' ');
	read_fields(&r);
	free(text);
	return 0;
}
