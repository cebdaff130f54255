/*
 * rfm.c — SQL glue of RFM scoring: rfm_score(), rfm_segment() over the R/F
 * grid, named schemes and rules given as jsonb, rfm_segment_rules() and
 * rfm_rule_problems() (core/rfm.c).
 */
#include "cf_compat.h"		/* first: postgres.h and the majors' differences */

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "lib/stringinfo.h"

#include "cf_glue.h"
#include "rfm.h"

/* rfm_score(value, breakpoints, lower_is_better): 1-5. */
PG_FUNCTION_INFO_V1(cf_rfm_score_fn);
Datum
cf_rfm_score_fn(PG_FUNCTION_ARGS)
{
	cf_error	why;
	double		value = PG_GETARG_FLOAT8(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	bool		lower = PG_GETARG_BOOL(2);
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	double		b[CF_RFM_BREAKS];
	const char *problem;

	cf_check_finite(value, "the value to score");
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("breakpoints must be a one-dimensional array")));
	deconstruct_array(arr, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elems, &nulls, &n);
	for (i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("breakpoints must not contain NULL"),
					 errdetail("Element %d is NULL.", i + 1)));
	for (i = 0; i < n && i < CF_RFM_BREAKS; i++)
		b[i] = DatumGetFloat8(elems[i]);
	if ((problem = cf_error_detail(cf_rfm_breaks_check(b, n, &why), &why)) != NULL)
	{
		StringInfoData list;

		initStringInfo(&list);
		for (i = 0; i < n; i++)
			appendStringInfo(&list, "%s%g", i ? ", " : "", DatumGetFloat8(elems[i]));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid RFM breakpoints"),
				 errdetail("The %d breakpoints given are (%s): %s.", n, list.data, problem),
				 errhint("Pass the 20th, 40th, 60th and 80th percentiles, e.g. percentile_cont(ARRAY[0.2,0.4,0.6,0.8]) WITHIN GROUP (ORDER BY ...).")));
	}
	if (PG_NARGS() > 3)
	{
		/* rfm_score(value, breakpoints, lower_is_better, ties) */
		const char *ties = text_to_cstring(PG_GETARG_TEXT_PP(3));

		if (strcmp(ties, "upper") == 0)
			PG_RETURN_INT32(cf_rfm_score_upper(value, b, lower));
		if (strcmp(ties, "lower") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown tie rule \"%s\"", ties),
					 errdetail("A value equal to a breakpoint takes the lower score ('lower', this extension's order) or the higher one ('upper', the R rfm package's)."),
					 errhint("Pass 'lower' or 'upper'.")));
	}
	PG_RETURN_INT32(cf_rfm_score(value, b, lower));
}

/* rfm_segment(r, f): the segment name. */
PG_FUNCTION_INFO_V1(cf_rfm_segment_fn);
Datum
cf_rfm_segment_fn(PG_FUNCTION_ARGS)
{
	int32		r = PG_GETARG_INT32(0),
				f = PG_GETARG_INT32(1);
	const char *name = cf_rfm_segment(r, f);

	if (name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("RFM scores must be between 1 and 5"),
				 errdetail("The recency score is %d and the frequency score %d.", r, f)));
	PG_RETURN_TEXT_P(cstring_to_text(name));
}

/* Scores of a segment rule lookup: each 1 to 5. */
static void
check_scores(int32 r, int32 f, int32 m)
{
	if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("RFM scores must be between 1 and 5"),
				 errdetail("The recency score is %d, the frequency score %d and the monetary score %d.", r, f, m)));
}

/* The rules of a scheme name, or an error naming it. */
static void
scheme_rules(text *scheme, const cf_rfm_rule **rules, int *n)
{
	char	   *name = text_to_cstring(scheme);

	if (!cf_rfm_scheme(name, rules, n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown RFM segment scheme \"%s\"", name),
				 errdetail("The schemes are %s.", cf_rfm_scheme_list),
				 errhint("Pass one of them, or your own rules as jsonb.")));
}

/* rfm_segment(r, f, m, scheme): the first matching segment of a named scheme. */
PG_FUNCTION_INFO_V1(cf_rfm_segment_scheme);
Datum
cf_rfm_segment_scheme(PG_FUNCTION_ARGS)
{
	int32		r = PG_GETARG_INT32(0),
				f = PG_GETARG_INT32(1),
				m = PG_GETARG_INT32(2);
	const cf_rfm_rule *rules;
	int			n;
	const char *name;

	scheme_rules(PG_GETARG_TEXT_PP(3), &rules, &n);
	check_scores(r, f, m);
	name = cf_rfm_match(rules, n, r, f, m);
	if (name == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(name));
}

/* A rule's JSON for messages, at most about 200 bytes. */
static char *
json_text(JsonbContainer *c, int estimated)
{
	char	   *t = JsonbToCString(NULL, c, estimated);

	if (strlen(t) > 200)
		strcpy(t + 197, "...");
	return t;
}

CF_NORETURN static void
bad_rule(int i, JsonbValue *rule, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid RFM rule %d: %s", i + 1, what),
			 errdetail("Rule %d is %s.", i + 1,
					   rule->type == jbvBinary ? json_text(rule->val.binary.data, rule->val.binary.len) : "not an object"),
			 errhint("A rule is {\"name\": \"...\", \"r\": [lo, hi], \"f\": [lo, hi], \"m\": [lo, hi]} with scores 1 to 5; a missing score key matches any score.")));
}

/* A score of a range: the integer 1..5, else -1. */
static int
range_score(JsonbValue *v)
{
	char	   *t;

	if (v == NULL || v->type != jbvNumeric)
		return -1;
	t = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
	if (t[0] >= '1' && t[0] <= '5' && t[1] == '\0')
		return t[0] - '0';
	return -1;
}

/* Parses the rules array into rules[] (palloc'd in cxt); errors name the rule. */
static cf_rfm_rule *
parse_rules(Jsonb *jb, int *nrules, MemoryContext cxt)
{
	int			n,
				i;
	cf_rfm_rule *rules;

	if (JB_ROOT_IS_SCALAR(jb) || !JB_ROOT_IS_ARRAY(jb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM rules must be a JSON array"),
				 errdetail("The rules given are %s.", json_text(&jb->root, VARSIZE(jb))),
				 errhint("Pass an ordered array of rules: [{\"name\": \"Champions\", \"r\": [4, 5], \"f\": [4, 5]}, ...].")));
	n = JB_ROOT_COUNT(jb);
	if (n < 1 || n > CF_RFM_MAX_RULES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("RFM rules must number 1 to %d", CF_RFM_MAX_RULES),
				 errdetail("The array has %d rules.", n)));
	rules = MemoryContextAllocZero(cxt, sizeof(cf_rfm_rule) * n);
	for (i = 0; i < n; i++)
	{
		JsonbValue *rule = getIthJsonbValueFromContainer(&jb->root, i);
		cf_rfm_rule *out = &rules[i];
		JsonbIterator *it;
		JsonbValue	key,
					val;
		JsonbIteratorToken tok;
		bool		named = false;
		int			d;

		for (d = 0; d < 3; d++)
		{
			out->lo[d] = 1;
			out->hi[d] = 5;
		}
		if (rule->type != jbvBinary || !JsonContainerIsObject(rule->val.binary.data))
			bad_rule(i, rule, "not a JSON object");
		it = JsonbIteratorInit(rule->val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &key, true)) != WJB_DONE)
		{
			char		k[8];

			if (tok != WJB_KEY)
				continue;
			tok = JsonbIteratorNext(&it, &val, true);
			snprintf(k, sizeof(k), "%.*s", Min(key.val.string.len, 7), key.val.string.val);
			if (key.val.string.len == 4 && strncmp(key.val.string.val, "name", 4) == 0)
			{
				if (val.type != jbvString || val.val.string.len < 1 || val.val.string.len > CF_RFM_RULE_NAME_MAX)
					bad_rule(i, rule, "\"name\" must be a string of 1 to 127 bytes");
				memcpy(out->name, val.val.string.val, val.val.string.len);
				named = true;
				continue;
			}
			if (key.val.string.len != 1 || strchr("rfm", key.val.string.val[0]) == NULL)
			{
				char	   *what = psprintf("unknown key \"%s\"",
											pnstrdup(key.val.string.val, key.val.string.len));

				bad_rule(i, rule, what);
			}
			d = key.val.string.val[0] == 'r' ? 0 : key.val.string.val[0] == 'f' ? 1 : 2;
			if (val.type != jbvBinary || !JsonContainerIsArray(val.val.binary.data) ||
				JsonContainerSize(val.val.binary.data) != 2)
				bad_rule(i, rule, psprintf("\"%s\" must be an array [lo, hi]", k));
			out->lo[d] = range_score(getIthJsonbValueFromContainer(val.val.binary.data, 0));
			out->hi[d] = range_score(getIthJsonbValueFromContainer(val.val.binary.data, 1));
			if (out->lo[d] < 0 || out->hi[d] < 0)
				bad_rule(i, rule, psprintf("the bounds of \"%s\" must be integers from 1 to 5", k));
			if (out->lo[d] > out->hi[d])
				bad_rule(i, rule, psprintf("the range of \"%s\" is empty (lo above hi)", k));
		}
		if (!named)
			bad_rule(i, rule, "\"name\" is missing");
	}
	*nrules = n;
	return rules;
}

/* The rules of this call site's jsonb, parsed once while the jsonb stays the same. */
typedef struct rules_cache
{
	Size		size;
	char	   *bytes;
	int			n;
	cf_rfm_rule *rules;
} rules_cache;

static rules_cache *
cached_rules(FunctionCallInfo fcinfo, Jsonb *jb)
{
	rules_cache *c = fcinfo->flinfo->fn_extra;
	MemoryContext cxt = fcinfo->flinfo->fn_mcxt;

	if (c == NULL)
		c = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(cxt, sizeof(rules_cache));
	if (c->bytes == NULL || c->size != VARSIZE(jb) || memcmp(c->bytes, jb, c->size) != 0)
	{
		cf_rfm_rule *rules;
		int			n;

		rules = parse_rules(jb, &n, cxt);
		if (c->rules)
			pfree(c->rules);
		if (c->bytes)
			pfree(c->bytes);
		c->rules = rules;
		c->n = n;
		c->size = VARSIZE(jb);
		c->bytes = MemoryContextAlloc(cxt, c->size);
		memcpy(c->bytes, jb, c->size);
	}
	return c;
}

/* rfm_segment(r, f, m, rules jsonb): the first matching rule's name, NULL when none matches. */
PG_FUNCTION_INFO_V1(cf_rfm_segment_rules_match);
Datum
cf_rfm_segment_rules_match(PG_FUNCTION_ARGS)
{
	int32		r = PG_GETARG_INT32(0),
				f = PG_GETARG_INT32(1),
				m = PG_GETARG_INT32(2);
	rules_cache *c = cached_rules(fcinfo, PG_GETARG_JSONB_P(3));
	const char *name;

	check_scores(r, f, m);
	name = cf_rfm_match(c->rules, c->n, r, f, m);
	if (name == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(name));
}

/* rfm_segment_rules(scheme): the scheme's rules as jsonb, full ranges left out. */
PG_FUNCTION_INFO_V1(cf_rfm_segment_rules_fn);
Datum
cf_rfm_segment_rules_fn(PG_FUNCTION_ARGS)
{
	const cf_rfm_rule *rules;
	int			n,
				i,
				d;
	StringInfoData b;

	scheme_rules(PG_GETARG_TEXT_PP(0), &rules, &n);
	initStringInfo(&b);
	appendStringInfoChar(&b, '[');
	for (i = 0; i < n; i++)
	{
		appendStringInfoString(&b, i ? ", {\"name\": " : "{\"name\": ");
		escape_json(&b, rules[i].name);
		for (d = 0; d < 3; d++)
			if (rules[i].lo[d] != 1 || rules[i].hi[d] != 5)
				appendStringInfo(&b, ", \"%c\": [%d, %d]", "rfm"[d], rules[i].lo[d], rules[i].hi[d]);
		appendStringInfoChar(&b, '}');
	}
	appendStringInfoChar(&b, ']');
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data)));
}

/*
 * rfm_rule_problems(rules): the overlaps (a rule sharing cells with an
 * earlier one, which wins them), unreachable rules and the gap (cells no rule
 * matches) over the 125 score cells.
 */
PG_FUNCTION_INFO_V1(cf_rfm_rule_problems);
Datum
cf_rfm_rule_problems(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	cf_rfm_rule *rules;
	cf_rfm_problem *found;
	int			n,
				count,
				i;
	static const char *const kinds[] = {"overlap", "unreachable", "gap"};

	InitMaterializedSRF(fcinfo, 0);
	rules = parse_rules(PG_GETARG_JSONB_P(0), &n, CurrentMemoryContext);
	found = palloc(sizeof(cf_rfm_problem) * ((Size) n * (n - 1) / 2 + n + 1));
	count = cf_rfm_check(rules, n, found);
	for (i = 0; i < count; i++)
	{
		cf_rfm_problem *p = &found[i];
		Datum		values[6];
		bool		nulls[6] = {false, p->rule < 0, p->rule < 0, p->other < 0, false, false};

		values[0] = CStringGetTextDatum(kinds[p->kind]);
		values[1] = Int32GetDatum(p->rule + 1);
		values[2] = p->rule < 0 ? (Datum) 0 : CStringGetTextDatum(rules[p->rule].name);
		values[3] = Int32GetDatum(p->other + 1);
		values[4] = Int32GetDatum(p->cells);
		values[5] = CStringGetTextDatum(psprintf("r=%d f=%d m=%d", p->example[0], p->example[1], p->example[2]));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
