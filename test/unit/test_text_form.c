/*
 * test_text_form.c — the tokenizer, scanners and writer of the text grammar
 * (core/text_form.c), against values worked out by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "text_form.h"
#include "unit.h"

static cf_tf_span
span_of(const char *s)
{
	cf_tf_span	sp = {s, s + strlen(s)};

	return sp;
}

static bool
span_is(cf_tf_span s, const char *want)
{
	return (size_t) (s.end - s.s) == strlen(want) && memcmp(s.s, want, strlen(want)) == 0;
}

static void
test_tokenizer(void)
{
	cf_tf_reader r;
	cf_tf_field f;
	cf_tf_span	v;
	int32_t		version = -1;
	const char *t;

	t = "v2;scale=0..10;counts=1,2";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version) && version == 2 && r.sep == ';');
	CHECK(cf_tf_next(&r, &f) == 1 && cf_tf_key_is(&f, "scale") && span_is(f.value, "0..10"));
	CHECK(cf_tf_take(&r, "counts", &v) && span_is(v, "1,2"));
	CHECK(cf_tf_at_end(&r));
	CHECK(cf_tf_next(&r, &f) == 0);

	/* a version alone; versions up to 5 digits */
	CHECK(cf_tf_begin(&r, "v1", 2, &version) && version == 1 && cf_tf_next(&r, &f) == 0);
	CHECK(cf_tf_begin(&r, "v99999", 6, &version) && version == 99999);
	CHECK(!cf_tf_begin(&r, "v100000", 7, &version));
	CHECK(!cf_tf_begin(&r, "v", 1, &version));
	CHECK(!cf_tf_begin(&r, "", 0, &version));
	CHECK(!cf_tf_begin(&r, "1;3", 3, &version));
	CHECK(!cf_tf_begin(&r, "v2x;a=1", 7, &version));
	CHECK(!cf_tf_begin(&r, " v2;a=1", 7, &version));

	/* an empty field, a trailing separator: malformed */
	t = "v2;;a=1";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version) && cf_tf_next(&r, &f) == -1);
	t = "v2;a=1;";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version) && cf_tf_next(&r, &f) == 1 && !cf_tf_at_end(&r) &&
		  cf_tf_next(&r, &f) == -1);
	t = "v2;";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version) && cf_tf_next(&r, &f) == -1);

	/* an empty value is a value; a key is lower case, digits and '_' */
	t = "v2;buckets=;a_1=x;B=2";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version));
	CHECK(cf_tf_take(&r, "buckets", &v) && cf_tf_done(&v));
	CHECK(cf_tf_take(&r, "a_1", &v) && span_is(v, "x"));
	CHECK(cf_tf_next(&r, &f) == 1 && !f.has_key && span_is(f.value, "B=2"));
	/* the wrong key */
	t = "v2;a=1";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version) && !cf_tf_take(&r, "b", &v));

	/* quoted keys and values: ';' and '=' inside quotes belong to them */
	t = "v2;\"a;b=\\\"c\"=1/2;name=\"x;y\",3;k=\"unterminated";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version));
	CHECK(cf_tf_next(&r, &f) == 1 && f.has_key && f.quoted_key && span_is(f.key, "\"a;b=\\\"c\"") &&
		  span_is(f.value, "1/2"));
	{
		char		name[16];

		CHECK(cf_tf_unquote(&f.key, name, sizeof(name)) == 6 && memcmp(name, "a;b=\"c", 6) == 0);
		CHECK(cf_tf_unquote(&f.key, name, 5) == -1);	/* too long for the buffer */
	}
	CHECK(cf_tf_take(&r, "name", &v) && span_is(v, "\"x;y\",3"));
	CHECK(cf_tf_next(&r, &f) == -1);
	/* a quoted key must be followed by '=' to be a key */
	t = "v2;\"x\"y=1";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version) && cf_tf_next(&r, &f) == 1 && !f.has_key);

	/* a NUL inside the text is malformed */
	CHECK(cf_tf_begin(&r, "v2;a=1\0b", 8, &version) && cf_tf_next(&r, &f) == -1);

	/* the 1.0 space form: runs of spaces, trailing spaces */
	t = "v1 scale=0..10  promoter_min=9 \"a b\"=1 ";
	CHECK(cf_tf_begin(&r, t, strlen(t), &version) && version == 1 && r.sep == ' ');
	CHECK(cf_tf_take(&r, "scale", &v) && span_is(v, "0..10"));
	CHECK(cf_tf_take(&r, "promoter_min", &v) && span_is(v, "9"));
	CHECK(cf_tf_next(&r, &f) == 1 && f.quoted_key && span_is(f.value, "1"));
	CHECK(cf_tf_at_end(&r) && cf_tf_next(&r, &f) == 0);

	/* the 1.0 bare form of the tuple states */
	t = "1;3;0,0,10,1";
	cf_tf_begin_bare(&r, t, strlen(t), ';');
	CHECK(cf_tf_take_bare(&r, &v) && span_is(v, "1"));
	CHECK(cf_tf_take_bare(&r, &v) && span_is(v, "3"));
	CHECK(cf_tf_take_bare(&r, &v) && span_is(v, "0,0,10,1"));
	CHECK(cf_tf_at_end(&r) && cf_tf_next(&r, &f) == 0);
	cf_tf_begin_bare(&r, "", 0, ';');
	CHECK(cf_tf_next(&r, &f) == 0);
	cf_tf_begin_bare(&r, ";1", 2, ';');
	CHECK(cf_tf_next(&r, &f) == -1);
	t = "1;x=2";
	cf_tf_begin_bare(&r, t, strlen(t), ';');
	CHECK(cf_tf_take_bare(&r, &v) && !cf_tf_take_bare(&r, &v));
}

static void
test_numbers(void)
{
	cf_tf_span	s;
	int64_t		i;
	double		d;

	s = span_of("9223372036854775807");
	CHECK(cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i) && i == INT64_MAX && cf_tf_done(&s));
	s = span_of("-9223372036854775808");
	CHECK(cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i) && i == INT64_MIN && cf_tf_done(&s));
	s = span_of("9223372036854775808");
	CHECK(!cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i));
	s = span_of("-9223372036854775809");
	CHECK(!cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i));
	s = span_of("+1");
	CHECK(!cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i));
	s = span_of("-");
	CHECK(!cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i));
	s = span_of(" 1");
	CHECK(!cf_tf_int64(&s, INT64_MIN, INT64_MAX, &i));
	s = span_of("11");
	CHECK(!cf_tf_int64(&s, 0, 10, &i) && s.s[0] == '1');	/* out of range: nothing consumed */
	s = span_of("10,7");
	CHECK(cf_tf_int64(&s, 0, 10, &i) && i == 10 && cf_tf_char(&s, ',') &&
		  cf_tf_int64(&s, 0, 10, &i) && i == 7 && cf_tf_done(&s));
	s = span_of("007");
	CHECK(cf_tf_int64(&s, 0, 10, &i) && i == 7);

	s = span_of("0.10000000000000001");
	CHECK(cf_tf_double(&s, &d) && d == 0.1 && cf_tf_done(&s));
	s = span_of("-1e-300,");
	CHECK(cf_tf_double(&s, &d) && d == -1e-300 && cf_tf_char(&s, ',') && cf_tf_done(&s));
	s = span_of("1.7976931348623157e+308");
	CHECK(cf_tf_double(&s, &d) && d == 1.7976931348623157e308);
	s = span_of("1e309");
	CHECK(!cf_tf_double(&s, &d));
	s = span_of("inf");
	CHECK(!cf_tf_double(&s, &d));
	s = span_of("nan");
	CHECK(!cf_tf_double(&s, &d));
	s = span_of("1e");
	CHECK(!cf_tf_double(&s, &d));
	s = span_of("0x10");
	CHECK(cf_tf_double(&s, &d) && d == 0 && !cf_tf_done(&s));	/* the caller sees "x10" left */
	s = span_of("+1");
	CHECK(!cf_tf_double(&s, &d));
	s = span_of(".5");
	CHECK(cf_tf_double(&s, &d) && d == 0.5);
}

static void
test_dates(void)
{
	cf_tf_span	s;
	int64_t		v;

	s = span_of("2000-01-01");
	CHECK(cf_tf_date(&s, &v) && v == 0 && cf_tf_done(&s));
	s = span_of("1999-12-31");
	CHECK(cf_tf_date(&s, &v) && v == -1);
	s = span_of("2024-01-01");
	CHECK(cf_tf_date(&s, &v) && v == 8766);	/* 24 years, 6 of them leap: 24 * 365 + 6 */
	s = span_of("2024-02-29");
	CHECK(cf_tf_date(&s, &v) && v == 8766 + 31 + 28);
	s = span_of("2023-02-29");
	CHECK(!cf_tf_date(&s, &v));
	s = span_of("1900-02-29");
	CHECK(!cf_tf_date(&s, &v));
	s = span_of("2000-02-30");
	CHECK(!cf_tf_date(&s, &v));
	s = span_of("2000-13-01");
	CHECK(!cf_tf_date(&s, &v));
	s = span_of("200-01-01");
	CHECK(!cf_tf_date(&s, &v));
	s = span_of("2000-1-01");
	CHECK(!cf_tf_date(&s, &v));
	/* 1970-01-01 is day -10957 */
	s = span_of("1970-01-01");
	CHECK(cf_tf_date(&s, &v) && v == -10957);
	/* the timestamp range's first day, 4714-11-24 BC = astronomical -4713 */
	s = span_of("-4713-11-24");
	CHECK(cf_tf_date(&s, &v) && v * CF_USECS_PER_DAY == CF_MIN_TIMESTAMP);
	s = span_of("-4714-01-01");
	CHECK(!cf_tf_date(&s, &v));

	s = span_of("2024-01-01T10:00:00Z");
	CHECK(cf_tf_timestamp(&s, &v) && v == 8766 * CF_USECS_PER_DAY + INT64_C(36000000000) && cf_tf_done(&s));
	s = span_of("1999-12-31T23:59:59.999999Z");
	CHECK(cf_tf_timestamp(&s, &v) && v == -1);
	s = span_of("2000-01-01T00:00:00.5Z");
	CHECK(cf_tf_timestamp(&s, &v) && v == 500000);
	s = span_of("2000-01-01T00:00:00.1234567Z");
	CHECK(!cf_tf_timestamp(&s, &v));
	s = span_of("2000-01-01T00:00:00.Z");
	CHECK(!cf_tf_timestamp(&s, &v));
	s = span_of("2000-01-01T24:00:00Z");
	CHECK(!cf_tf_timestamp(&s, &v));
	s = span_of("2000-01-01T00:00:00");
	CHECK(!cf_tf_timestamp(&s, &v));
	s = span_of("2000-01-01 00:00:00Z");
	CHECK(!cf_tf_timestamp(&s, &v));
	s = span_of("294276-12-31T23:59:59.999999Z");
	CHECK(cf_tf_timestamp(&s, &v) && v == CF_END_TIMESTAMP - 1);
	s = span_of("294277-01-01T00:00:00Z");
	CHECK(!cf_tf_timestamp(&s, &v));
	s = span_of("-4713-11-24T00:00:00Z");
	CHECK(cf_tf_timestamp(&s, &v) && v == CF_MIN_TIMESTAMP);
	s = span_of("-4713-11-23T23:59:59Z");
	CHECK(!cf_tf_timestamp(&s, &v));
}

/* Formats with the writer into a buffer of cap bytes; returns the length. */
static size_t
put_ts(int64_t ts, char *buf, size_t cap)
{
	cf_tf_writer w;

	cf_tf_writer_init(&w, buf, cap);
	cf_tf_put_timestamp(&w, ts);
	return w.len;
}

static void
test_writer(void)
{
	char		buf[64],
				small[6];
	cf_tf_writer w;
	int64_t		v;
	cf_tf_span	s;
	static const int64_t samples[] = {0, -1, 1, 500000, CF_MIN_TIMESTAMP, CF_END_TIMESTAMP - 1,
		INT64_C(-3155760000000000), INT64_C(789004800000000), INT64_C(252455615999999999)};
	size_t		i;

	cf_tf_writer_init(&w, buf, sizeof(buf));
	cf_tf_put_version(&w, 2);
	cf_tf_put_key(&w, "n");
	cf_tf_put_int64(&w, INT64_MIN);
	cf_tf_put_key(&w, "x");
	cf_tf_put_double(&w, 0.1);
	cf_tf_put_key(&w, "q");
	cf_tf_put_quoted(&w, "a\"b\\c", 5);
	CHECK(strcmp(buf, "v2;n=-9223372036854775808;x=0.10000000000000001;q=\"a\\\"b\\\\c\"") == 0);
	CHECK(w.len == strlen(buf));

	/* snprintf's contract: truncated, NUL-terminated, the full length counted */
	cf_tf_writer_init(&w, small, sizeof(small));
	cf_tf_put_str(&w, "abcdefgh");
	cf_tf_put_int64(&w, 12);
	CHECK(w.len == 10 && strcmp(small, "abcde") == 0);
	cf_tf_writer_init(&w, NULL, 0);
	cf_tf_put_str(&w, "abc");
	CHECK(w.len == 3);

	CHECK(put_ts(0, buf, sizeof(buf)) == 20 && strcmp(buf, "2000-01-01T00:00:00Z") == 0);
	put_ts(-1, buf, sizeof(buf));
	CHECK(strcmp(buf, "1999-12-31T23:59:59.999999Z") == 0);
	put_ts(500000, buf, sizeof(buf));
	CHECK(strcmp(buf, "2000-01-01T00:00:00.5Z") == 0);
	put_ts(CF_MIN_TIMESTAMP, buf, sizeof(buf));
	CHECK(strcmp(buf, "-4713-11-24T00:00:00Z") == 0);
	CHECK(put_ts(CF_END_TIMESTAMP - 1, buf, sizeof(buf)) < CF_TF_TIMESTAMP_LEN);
	CHECK(strcmp(buf, "294276-12-31T23:59:59.999999Z") == 0);
	put_ts(INT64_C(789004800000000), buf, sizeof(buf));
	CHECK(strcmp(buf, "2025-01-01T00:00:00Z") == 0);

	/* every sample reads back */
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
	{
		put_ts(samples[i], buf, sizeof(buf));
		s = span_of(buf);
		CHECK(cf_tf_timestamp(&s, &v) && v == samples[i] && cf_tf_done(&s));
	}
	/* every day of 1,000 years around 2000 and near both ends reads back */
	{
		int			bad = 0;
		int64_t		d;

		for (d = -200000; d <= 200000; d++)
		{
			int64_t		back;

			cf_tf_writer_init(&w, buf, sizeof(buf));
			cf_tf_put_date(&w, d);
			s = span_of(buf);
			if (!cf_tf_date(&s, &back) || back != d || !cf_tf_done(&s))
				bad++;
		}
		for (d = CF_MIN_TIMESTAMP / CF_USECS_PER_DAY; d < CF_MIN_TIMESTAMP / CF_USECS_PER_DAY + 1000; d++)
		{
			int64_t		back;

			cf_tf_writer_init(&w, buf, sizeof(buf));
			cf_tf_put_date(&w, d);
			s = span_of(buf);
			if (!cf_tf_date(&s, &back) || back != d)
				bad++;
		}
		CHECK(bad == 0);
	}
	/* quoted text reads back */
	{
		const char *name = "\xc3\xbcn\"; ,=\\";
		char		out[32];

		cf_tf_writer_init(&w, buf, sizeof(buf));
		cf_tf_put_quoted(&w, name, strlen(name));
		s = span_of(buf);
		CHECK(cf_tf_unquote(&s, out, sizeof(out)) == (long) strlen(name) && memcmp(out, name, strlen(name)) == 0);
		s = span_of("\"a\"b");
		CHECK(cf_tf_unquote(&s, out, sizeof(out)) == -1);
		s = span_of("\"a\\");
		CHECK(cf_tf_unquote(&s, out, sizeof(out)) == -1);
	}
}

static void
test_split(void)
{
	cf_tf_span	s = span_of("1:2:3"),
				part;

	cf_tf_split(&s, ':', &part);
	CHECK(span_is(part, "1"));
	cf_tf_split(&s, ':', &part);
	CHECK(span_is(part, "2"));
	cf_tf_split(&s, ':', &part);
	CHECK(span_is(part, "3") && cf_tf_done(&s));
}

/* The one double writer: each text form's minimum of digits, as the three writers it replaced. */
static void
test_double_writer(void)
{
	char		buf[40];

	cf_tf_format_double(0.1, CF_TF_SHORTEST, buf, sizeof buf);
	CHECK(strcmp(buf, "0.1") == 0);
	cf_tf_format_double(20, CF_TF_SHORTEST, buf, sizeof buf);
	CHECK(strcmp(buf, "20") == 0);	/* plain, not 2e+01 */
	cf_tf_format_double(1.5e14, CF_TF_SHORTEST, buf, sizeof buf);
	CHECK(strcmp(buf, "150000000000000") == 0);
	cf_tf_format_double(1e15, CF_TF_SHORTEST, buf, sizeof buf);
	CHECK(strcmp(buf, "1e+15") == 0);
	cf_tf_format_double(-0.0, CF_TF_SHORTEST, buf, sizeof buf);
	CHECK(strcmp(buf, "-0") == 0);
	cf_tf_format_double(0.1, 17, buf, sizeof buf);
	CHECK(strcmp(buf, "0.10000000000000001") == 0);	/* %.17g */
	cf_tf_format_double(0.25, 17, buf, sizeof buf);
	CHECK(strcmp(buf, "0.25") == 0);
	cf_tf_format_double(38.86, CF_TF_MODEL_DIGITS, buf, sizeof buf);
	CHECK(strcmp(buf, "38.86") == 0);
	/* a subnormal: shortest has 14 digits, the model states keep their 15 */
	cf_tf_format_double(4.818883382513316e-310, CF_TF_SHORTEST, buf, sizeof buf);
	CHECK(strcmp(buf, "4.8188833825133e-310") == 0);
	cf_tf_format_double(4.818883382513316e-310, CF_TF_MODEL_DIGITS, buf, sizeof buf);
	CHECK(strcmp(buf, "4.81888338251332e-310") == 0);
	/* snprintf's contract: truncated, NUL-terminated, the full length returned */
	CHECK(cf_tf_format_double(1.0 / 3, CF_TF_SHORTEST, buf, 5) == 18 && strcmp(buf, "0.33") == 0);
	CHECK(cf_tf_format_double(12.5, CF_TF_SHORTEST, buf, 3) == 4 && strcmp(buf, "12") == 0);
}

/* The field readers over the tokenizer, and the start of a form with a 1.0 space-separated version. */
static void
test_field_readers(void)
{
	cf_tf_reader r;
	int64_t		i;
	double		d;
	static const char *t = "v2;n=42;x=2.5;m=-1;y=inf;z=7 ";

	CHECK(cf_tf_begin_or_v1(&r, t, strlen(t), 2));
	CHECK(cf_tf_take_int64(&r, "n", 0, 42, &i) && i == 42);
	CHECK(cf_tf_take_double(&r, "x", &d) && d == 2.5);
	CHECK(!cf_tf_take_int64(&r, "m", 0, INT64_MAX, &i));	/* below lo */
	CHECK(!cf_tf_take_double(&r, "y", &d));	/* not finite */
	CHECK(!cf_tf_take_int64(&r, "z", 0, 9, &i));	/* text after the number */
	CHECK(cf_tf_begin_or_v1(&r, "v2;n=0", 6, 2) && cf_tf_take_int64(&r, "n", 0, 0, &i) && i == 0 &&
		  cf_tf_at_end(&r));
	CHECK(!cf_tf_begin_or_v1(&r, "v2;n=0", 6, 2) || !cf_tf_take_int64(&r, "k", 0, 1, &i));	/* wrong key */
	CHECK(cf_tf_begin_or_v1(&r, "v1 n=0  x=1", 11, 2) && cf_tf_take_int64(&r, "n", 0, 1, &i) &&
		  cf_tf_take_double(&r, "x", &d) && d == 1 && cf_tf_at_end(&r));
	CHECK(!cf_tf_begin_or_v1(&r, "v1;n=0", 6, 2));	/* 1.0 was space-separated */
	CHECK(!cf_tf_begin_or_v1(&r, "v2 n=0", 6, 2));	/* the current form is ';'-separated */
	CHECK(!cf_tf_begin_or_v1(&r, "v3;n=0", 6, 2));
	CHECK(!cf_tf_begin_or_v1(&r, "", 0, 2));
}

int
main(void)
{
	test_tokenizer();
	test_numbers();
	test_dates();
	test_writer();
	test_split();
	test_double_writer();
	test_field_readers();
	return unit_report("text_form");
}
