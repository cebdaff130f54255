/*
 * cf_glue.c — validators and error reports shared by the glue files.
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include <math.h>

#include "utils/builtins.h"
#include "utils/numeric.h"

#include "cf_glue.h"
#include "decimal.h"
#include "text_form.h"

void
cf_check_finite(double value, const char *what)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", what),
				 errdetail("The value given is %s.", isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"))));
}

void
cf_check_confidence(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence must be between 0 and 1"),
				 errdetail("The confidence given is %g; it must lie strictly between 0 and 1.", confidence),
				 errhint("Use 0.95 for a 95%% interval.")));
}

void
cf_bad_text_form(const char *typname, const char *text, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", typname, text),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/* 53200 with the core's words, for the parsers' and readers' CF_ENOMEM. */
static void
check_memory(int rc, const cf_error *err)
{
	if (rc == CF_ENOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("%s", err->detail)));
}

void
cf_check_parse(int rc, const cf_error *err, const char *typname, const char *text)
{
	if (rc == CF_OK)
		return;
	check_memory(rc, err);
	cf_bad_text_form(typname, text, err->detail);
}

void
cf_check_stored(int rc, const cf_error *err, const char *typname)
{
	if (rc == CF_OK)
		return;
	check_memory(rc, err);
	cf_bad_stored_value(typname, err->detail);
}

void
cf_bad_stored_value(const char *typname, const char *problem)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid %s value", typname),
			 errdetail("%c%s.", pg_toupper((unsigned char) problem[0]), problem + 1)));
}

/* ---------- the core's memory ---------- */

/* Out of memory is PostgreSQL's error (53200, naming the context), not NULL. */
static void *
pg_alloc(size_t size)
{
	return palloc_extended(size ? size : 1, MCXT_ALLOC_HUGE);
}

static void
pg_free(void *ptr)
{
	pfree(ptr);
}

const cf_allocator cf_pg_allocator = {pg_alloc, pg_free};

void
cf_scratch_begin(cf_scratch *s, const char *name)
{
	/* name is kept, not copied: callers pass a string literal */
	s->cxt = AllocSetContextCreateInternal(CurrentMemoryContext, name, ALLOCSET_DEFAULT_SIZES);
	s->old = MemoryContextSwitchTo(s->cxt);
}

void
cf_scratch_end(cf_scratch *s)
{
	MemoryContextSwitchTo(s->old);
	MemoryContextDelete(s->cxt);
	s->cxt = NULL;
}

/* ---------- numeric decoding ---------- */

/*
 * Decodes a numeric's stored digits into v * 10^-scale.  Returns true on
 * success, false when the value needs the big path (more than 36 digits).
 * NaN and infinities raise 22023.  Reads the on-disk form directly (stable
 * across versions because pg_upgrade keeps it): a 16-bit header word, short
 * form (bit 15 set, bit 14 clear): sign 0x2000, display scale in bits 7-12,
 * weight in bits 0-6 (bit 6 its sign); long form (bits 15-14 = 00 or 01 for
 * negative): display scale in bits 0-13, then a 16-bit weight; special values
 * have bits 15-14 set.  Then base-10000 digits, most significant first.
 */
bool
cf_numeric_decode(Datum d, cf_i128 *v, int *scale)
{
	struct varlena *n = PG_DETOAST_DATUM_PACKED(d);
	const char *data = VARDATA_ANY(n);
	size_t		len = VARSIZE_ANY_EXHDR(n);
	uint16		h;
	int			weight,
				dscale,
				ndigits,
				i,
				e;
	bool		neg;
	const char *digits;
	cf_i128		acc = 0;

	if (len < sizeof(uint16))
		elog(ERROR, "numeric datum too short");
	memcpy(&h, data, sizeof h);
	if ((h & 0xC000) == 0xC000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order amount must be a finite number"),
				 errdetail("The amount given is %s.", h == 0xC000 ? "NaN" : (h == 0xD000 ? "Infinity" : "-Infinity"))));
	if (h & 0x8000)
	{
		neg = (h & 0x2000) != 0;
		dscale = (h & 0x1F80) >> 7;
		weight = (h & 0x0040) ? (int) (h & 0x003F) - 64 : (int) (h & 0x003F);
		digits = data + 2;
		ndigits = (int) ((len - 2) / 2);
	}
	else
	{
		int16		w;

		if (len < 4)
			elog(ERROR, "numeric datum too short");
		neg = (h & 0xC000) == 0x4000;
		dscale = h & 0x3FFF;
		memcpy(&w, data + 2, sizeof w);
		weight = w;
		digits = data + 4;
		ndigits = (int) ((len - 4) / 2);
	}
	if (ndigits == 0)
	{
		*v = 0;
		*scale = dscale;
		return true;
	}
	if (ndigits <= 4)
	{
		/* up to 16 decimal digits: 64-bit arithmetic (the common case of money amounts) */
		uint64		a64 = 0;

		for (i = 0; i < ndigits; i++)
		{
			int16		dig;

			memcpy(&dig, digits + 2 * i, sizeof dig);
			a64 = a64 * 10000 + (uint64) dig;
		}
		e = 4 * (weight - (ndigits - 1)) + dscale;
		if (e < 0 && -e <= 4)
		{
			/* only zeros of the last base-10000 digit are dropped (dscale cuts no digit) */
			static const uint64 p10[5] = {1, 10, 100, 1000, 10000};

			if (a64 % p10[-e] == 0)
			{
				a64 /= p10[-e];
				*v = neg ? -(cf_i128) a64 : (cf_i128) a64;
				*scale = dscale;
				return true;
			}
		}
		else if (e >= 0 && e <= 19)
		{
			if (cf_i128_mul_pow10((cf_i128) a64, e, &acc))
			{
				*v = neg ? -acc : acc;
				*scale = dscale;
				return true;
			}
			return false;
		}
		/* otherwise the general path below decides */
	}
	if (ndigits > 9)
		return false;
	for (i = 0; i < ndigits; i++)
	{
		int16		dig;

		memcpy(&dig, digits + 2 * i, sizeof dig);
		acc = acc * 10000 + dig;
	}
	/* value = acc * 10^e, e = 4 * (weight - (ndigits - 1)); we want acc * 10^(e + dscale) */
	e = 4 * (weight - (ndigits - 1)) + dscale;
	if (e >= 0)
	{
		if (!cf_i128_mul_pow10(acc, e, &acc))
			return false;
	}
	else
	{
		cf_i128		p10;

		if (-e > CF_I128_DIGITS || !cf_i128_mul_pow10(1, -e, &p10) || acc % p10 != 0)
			return false;		/* cannot happen for a well-formed numeric; the slow path is exact anyway */
		acc /= p10;
	}
	*v = neg ? -acc : acc;
	*scale = dscale;
	return true;
}

/* The amount as a big decimal through its text form (slow path). */
void
cf_numeric_to_bigdec(Datum d, cf_bigdec *b)
{
	char	   *t = DatumGetCString(DirectFunctionCall1(numeric_out, d));
	int			rc = cf_bigdec_parse(b, t, strlen(t));

	if (rc != 0)
		ereport(ERROR,
				(errcode(rc == 3 ? ERRCODE_OUT_OF_MEMORY : ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("order amount %s cannot be summed exactly", t)));
	pfree(t);
}

/* ---------- shared by the glue of every concept ---------- */

/* The shortest exact text of a double, for messages. */
char *
cf_double_text(double x)
{
	char		buf[64];

	if (isnan(x))
		return pstrdup("NaN");
	if (isinf(x))
		return pstrdup(x > 0 ? "Infinity" : "-Infinity");
	cf_tf_format_double(x, CF_TF_SHORTEST, buf, sizeof(buf));
	return pstrdup(buf);
}

/* A palloc'd copy of a varlena, for functions that may not modify their input. */
void *
cf_copy_varlena(const void *v)
{
	void	   *copy = palloc(VARSIZE(v));

	memcpy(copy, v, VARSIZE(v));
	return copy;
}

/* Raise an error unless the function runs inside an aggregate. */
void
cf_require_aggregate(FunctionCallInfo fcinfo, const char *what)
{
	if (!CF_IN_AGGREGATE(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s transition functions can only be called as part of an aggregate", what)));
}

/* Raise 22004 for a NULL parameter argument. */
void
cf_check_not_null(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", what)));
}
