/*
 * driver.c — key-driver analysis (see driver.h).
 *
 * Relative weights (Johnson 2000): with R the factors' correlation matrix,
 * R = P L P' its eigen-decomposition and r the factors' correlations with the
 * outcome, Lambda = P L^(1/2) P' holds the correlations of the factors with
 * their closest orthogonal counterparts Z, beta_Z = Lambda^-1 r the outcome's
 * regression on Z, and the weight of factor j is sum_k Lambda_jk^2 beta_Zk^2.
 * The weights sum to R^2 = r' R^-1 r; the standardized betas are R^-1 r.
 */
#include <math.h>
#include <string.h>

#include "driver.h"
#include "interrupt.h"
#include "text_form.h"

size_t
cf_driver_size(int k, size_t names_len)
{
	return sizeof(cf_driver_state) + 2 * sizeof(double) * (size_t) cf_driver_nmoments(k) + names_len;
}

/* ---------- names ---------- */

int
cf_driver_names_check(int n, const char *const *name, const size_t *len, cf_error *err)
{
	const char *msg = "invalid factor names";
	int			i,
				j;

	if (n < 1 || n > CF_DRIVER_MAX_FACTORS)
		return cf_fail(err, CF_EINVAL, msg, "between 1 and %d factors are allowed", CF_DRIVER_MAX_FACTORS);
	for (i = 0; i < n; i++)
	{
		if (len[i] == 0)
			return cf_fail(err, CF_EINVAL, msg, "factor name %d is empty", i + 1);
		if (len[i] > CF_DRIVER_NAME_MAX)
			return cf_fail(err, CF_EINVAL, msg, "factor name %d is longer than %d bytes", i + 1, CF_DRIVER_NAME_MAX);
		for (j = 0; j < i; j++)
			if (len[j] == len[i] && memcmp(name[j], name[i], len[i]) == 0)
				return cf_fail(err, CF_EINVAL, msg, "factor name %d repeats an earlier name", i + 1);
	}
	return CF_OK;
}

size_t
cf_driver_names_block(int n, const char *const *name, const size_t *len, unsigned char *buf)
{
	size_t		off = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (buf)
		{
			buf[off] = (unsigned char) len[i];
			memcpy(buf + off + 1, name[i], len[i]);
		}
		off += 1 + len[i];
	}
	return off;
}

void
cf_driver_init(cf_driver_state *s, int k, const unsigned char *names, size_t names_len)
{
	int			nm = cf_driver_nmoments(k);

	s->version = CF_DRIVER_FORMAT_VERSION;
	s->nfactors = (int16_t) k;
	s->names_len = (int32_t) names_len;
	s->n = 0;
	s->exact = 1;
	memset(cf_driver_hi(s), 0, 2 * sizeof(double) * (size_t) nm);
	memcpy(cf_driver_names(s), names, names_len);
}

bool
cf_driver_same_names(const cf_driver_state *a, const cf_driver_state *b)
{
	return a->nfactors == b->nfactors && a->names_len == b->names_len &&
		memcmp(cf_driver_names((cf_driver_state *) a), cf_driver_names((cf_driver_state *) b),
			   (size_t) a->names_len) == 0;
}

size_t
cf_driver_name(const cf_driver_state *s, int i, char *out)
{
	const unsigned char *p = cf_driver_names((cf_driver_state *) s);
	size_t		len;

	while (i-- > 0)
		p += 1 + p[0];
	len = p[0];
	memcpy(out, p + 1, len);
	out[len] = '\0';
	return len;
}

/* ---------- error-free arithmetic ---------- */

/* a = hi + lo exactly, hi and lo of 26 bits (Veltkamp; |a| < 2^995). */
static inline void
split(double a, double *hi, double *lo)
{
	double		c = 134217729.0 * a;	/* 2^27 + 1 */

	*hi = c - (c - a);
	*lo = a - *hi;
}

/* Adds p + e (p*q's product and its rounding error) to the double-double hi + lo. */
static inline void
dd_accumulate(double *hi, double *lo, double p, double e)
{
	double		s = *hi + p;
	double		bb = s - *hi;

	*lo += ((*hi - (s - bb)) + (p - bb)) + e;
	*hi = s;
}

/* One product with its exact rounding error (Dekker), added to hi + lo. */
#define ADD_PRODUCT(j) \
	do { \
		double		p_ = a * v[j]; \
		double		e_ = ((ah * vh[j] - p_) + ah * vl[j] + al * vh[j]) + al * vl[j]; \
		double		s_ = hi[j] + p_; \
		double		b_ = s_ - hi[j]; \
		lo[j] += ((hi[j] - (s_ - b_)) + (p_ - b_)) + e_; \
		hi[j] = s_; \
	} while (0)

/*
 * hi[j] + lo[j] += a * v[j] exactly, j < n; a = ah + al and v = vh + vl split.
 * Two products per step: the compiler packs the pair into one vector
 * instruction per operation (half the time of the plain loop).
 */
static void
add_products_portable(double *restrict hi, double *restrict lo, double a, double ah, double al,
					  const double *restrict v, const double *restrict vh, const double *restrict vl, int n)
{
	int			j;

	for (j = 0; j + 1 < n; j += 2)
	{
		ADD_PRODUCT(j);
		ADD_PRODUCT(j + 1);
	}
	if (j < n)
		ADD_PRODUCT(j);
}

typedef void (*add_products_fn) (double *restrict hi, double *restrict lo, double a, double ah, double al,
								 const double *restrict v, const double *restrict vh, const double *restrict vl, int n);

static add_products_fn add_products = NULL;

void
cf_driver_use_portable_products(bool portable)
{
	add_products = portable ? add_products_portable : NULL;
}

#if defined(__x86_64__) && defined(__GNUC__)
/*
 * The same with FMA, whose fma(a, v, -p) is the product's exact rounding
 * error in one instruction (the same double Dekker's formula gives: the
 * exact error is unique, so the sums are bit for bit the portable ones),
 * four products per step for AVX2's 4-wide vectors.  Chosen at the first
 * row when the CPU has both.
 */
#define ADD_PRODUCT_FMA(j) \
	do { \
		double		p_ = a * v[j]; \
		double		e_ = __builtin_fma(a, v[j], -p_); \
		double		s_ = hi[j] + p_; \
		double		b_ = s_ - hi[j]; \
		lo[j] += ((hi[j] - (s_ - b_)) + (p_ - b_)) + e_; \
		hi[j] = s_; \
	} while (0)

__attribute__((target("avx2,fma")))
static void
add_products_fma(double *restrict hi, double *restrict lo, double a, double ah, double al,
				 const double *restrict v, const double *restrict vh, const double *restrict vl, int n)
{
	int			j;

	for (j = 0; j + 3 < n; j += 4)
	{
		ADD_PRODUCT_FMA(j);
		ADD_PRODUCT_FMA(j + 1);
		ADD_PRODUCT_FMA(j + 2);
		ADD_PRODUCT_FMA(j + 3);
	}
	for (; j < n; j++)
		ADD_PRODUCT_FMA(j);
}

static add_products_fn
choose_add_products(void)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		return add_products_fma;
	return add_products_portable;
}
#else
static add_products_fn
choose_add_products(void)
{
	return add_products_portable;
}
#endif

/* Sums stay below 2^52 for this many rows of values of at most 2^10. */
#define CF_DRIVER_EXACT_ROWS (INT64_C(1) << 31)

/* True when every value is an integer of magnitude at most 2^10. */
static inline bool
small_integers(const double *v, int n)
{
	bool		ok = true;
	int			i;

	for (i = 0; i < n; i++)
		ok &= fabs(v[i]) <= 1024.0 && v[i] == (double) (int32_t) v[i];
	return ok;
}

bool
cf_driver_add(cf_driver_state *s, double outcome, const double *ratings)
{
	int			k = s->nfactors,
				m = k + 2,
				i,
				j;
	double		v[CF_DRIVER_MAX_FACTORS + 2],
				vh[CF_DRIVER_MAX_FACTORS + 2],
				vl[CF_DRIVER_MAX_FACTORS + 2];
	double	   *hi = cf_driver_hi(s),
			   *lo = cf_driver_lo(s);

	if (s->n == INT64_MAX)
		return false;
	s->n++;
	v[1] = outcome;
	memcpy(v + 2, ratings, sizeof(double) * (size_t) k);
	if (s->exact && s->n < CF_DRIVER_EXACT_ROWS && small_integers(v + 1, m - 1))
	{
		/*
		 * Integer ratings of at most 2^10 (every usual rating scale) while
		 * every sum so far is an integer below 2^52: each product and each
		 * sum is exact in a double, so plain additions give the very sums the
		 * error-free path would (lo stays zero) at a tenth of the cost.
		 */
		for (j = 1; j < m; j++)
			hi[j - 1] += v[j];
		for (i = 1; i < m; i++)
		{
			double	   *h = &hi[cf_driver_moment(k, i, i)] - i;

			for (j = i; j < m; j++)
				h[j] += v[i] * v[j];
		}
		return true;
	}
	s->exact = 0;
	/* row 0: the sums of the values */
	for (j = 1; j < m; j++)
		dd_accumulate(&hi[j - 1], &lo[j - 1], v[j], 0.0);
	for (j = 1; j < m; j++)
		split(v[j], &vh[j], &vl[j]);
	/* the products, each with its exact rounding error */
	if (add_products == NULL)
		add_products = choose_add_products();
	for (i = 1; i < m; i++)
	{
		int			base = cf_driver_moment(k, i, i);

		add_products(hi + base, lo + base, v[i], vh[i], vl[i], v + i, vh + i, vl + i, m - i);
	}
	return true;
}

bool
cf_driver_merge(cf_driver_state *dst, const cf_driver_state *src)
{
	int			nm = cf_driver_nmoments(dst->nfactors),
				i;
	double	   *hi = cf_driver_hi(dst),
			   *lo = cf_driver_lo(dst);
	const double *shi = cf_driver_hi((cf_driver_state *) src),
			   *slo = cf_driver_lo((cf_driver_state *) src);
	int64_t		n;

	if (__builtin_add_overflow(dst->n, src->n, &n))
		return false;
	dst->n = n;
	dst->exact = dst->exact && src->exact;
	for (i = 0; i < nm; i++)
		dd_accumulate(&hi[i], &lo[i], shi[i], slo[i]);
	return true;
}

/* ---------- text form ---------- */

size_t
cf_driver_format(const cf_driver_state *s, char *buf, size_t buflen)
{
	cf_tf_writer w;
	int			k = s->nfactors,
				m = k + 2,
				i,
				j;
	const double *hi = cf_driver_hi((cf_driver_state *) s),
			   *lo = cf_driver_lo((cf_driver_state *) s);
	const unsigned char *p = cf_driver_names((cf_driver_state *) s);

	cf_tf_writer_init(&w, buf, buflen);
	cf_tf_put_version(&w, CF_DRIVER_FORMAT_VERSION);
	cf_tf_put_key(&w, "n");
	cf_tf_put_int64(&w, s->n);
	for (i = 0; i < k; i++)
	{
		cf_tf_put_key(&w, "factor");
		cf_tf_put_quoted(&w, (const char *) p + 1, p[0]);
		p += 1 + p[0];
	}
	for (i = 0; i < m; i++)
	{
		cf_tf_put_key(&w, "row");
		for (j = (i == 0 ? 1 : i); j < m; j++)
		{
			int			x = cf_driver_moment(k, i, j);

			if (j > (i == 0 ? 1 : i))
				cf_tf_put_char(&w, ',');
			cf_tf_put_double(&w, hi[x]);
			cf_tf_put_char(&w, ':');
			cf_tf_put_double(&w, lo[x]);
		}
	}
	return w.len;
}

static const char *
driver_parse_words(const char *text, cf_driver_state *out, size_t *size)
{
	cf_tf_reader r;
	cf_tf_span	v;
	int32_t		version;
	int64_t		n;
	int			k = 0,
				i,
				j;
	char		names[CF_DRIVER_MAX_FACTORS][CF_DRIVER_NAME_MAX];
	const char *name[CF_DRIVER_MAX_FACTORS];
	size_t		len[CF_DRIVER_MAX_FACTORS];
	size_t		names_len;
	unsigned char block[CF_DRIVER_MAX_FACTORS * (CF_DRIVER_NAME_MAX + 1)];

	if (!cf_tf_begin(&r, text, strlen(text), &version) || r.sep != ';')
		return "expected the format version \"v1;\" at the start";
	if (version != CF_DRIVER_FORMAT_VERSION)
		return "unknown format version (this build reads v1)";
	if (!cf_tf_take(&r, "n", &v) || !cf_tf_int64(&v, 1, INT64_MAX, &n) || !cf_tf_done(&v))
		return "expected \"n=<complete rows>\" with a count from 1 to 2^63 - 1";
	for (;;)
	{
		cf_tf_reader before = r;	/* cf_tf_take consumes a field of another key */
		long		l;

		if (!cf_tf_take(&r, "factor", &v))
		{
			r = before;
			break;
		}

		if (k == CF_DRIVER_MAX_FACTORS)
			return "more than 50 factors";
		l = cf_tf_unquote(&v, names[k], CF_DRIVER_NAME_MAX);
		if (l < 0)
			return "expected factor=\"<name>\" with a quoted name of at most 127 bytes";
		name[k] = names[k];
		len[k] = (size_t) l;
		k++;
	}
	if (k == 0)
		return "expected at least one factor=\"<name>\" after n";
	if (cf_driver_names_check(k, name, len, NULL) != CF_OK)
		return "factor names must be non-empty and distinct";
	names_len = cf_driver_names_block(k, name, len, block);
	if (out == NULL)
	{
		/* the sizes only: the rows are read in the second pass */
		*size = cf_driver_size(k, names_len);
		return NULL;
	}
	cf_driver_init(out, k, block, names_len);
	out->n = n;
	out->exact = 0;				/* sums from text: unknown, the error-free path only */
	for (i = 0; i < k + 2; i++)
	{
		if (!cf_tf_take(&r, "row", &v))
			return "expected one \"row=<hi>:<lo>,...\" per variable (k + 2 rows) after the factors";
		for (j = (i == 0 ? 1 : i); j < k + 2; j++)
		{
			int			x = cf_driver_moment(k, i, j);

			if ((j > (i == 0 ? 1 : i) && !cf_tf_char(&v, ',')) ||
				!cf_tf_double(&v, &cf_driver_hi(out)[x]) || !cf_tf_char(&v, ':') ||
				!cf_tf_double(&v, &cf_driver_lo(out)[x]))
				return "a row holds one finite <hi>:<lo> pair per sum, separated by commas";
		}
		if (!cf_tf_done(&v))
			return "a row has more sums than the factors make";
	}
	if (!cf_tf_at_end(&r))
		return "unexpected text after the last row";
	return NULL;
}

static const char *
driver_problem_words(const cf_driver_state *s, size_t size)
{
	const unsigned char *p;
	const char *name[CF_DRIVER_MAX_FACTORS];
	size_t		len[CF_DRIVER_MAX_FACTORS];
	size_t		off = 0;
	int			k,
				i;
	const double *hi,
			   *lo;

	if (size < sizeof(cf_driver_state))
		return "the value is too short";
	if (s->version != CF_DRIVER_FORMAT_VERSION)
		return "unknown format version";
	k = s->nfactors;
	if (k < 1 || k > CF_DRIVER_MAX_FACTORS)
		return "the factor count is not between 1 and 50";
	if (s->names_len < 2 || (size_t) s->names_len > (size_t) k * (CF_DRIVER_NAME_MAX + 1) ||
		size != cf_driver_size(k, (size_t) s->names_len))
		return "the value's size does not match its factor count";
	if (s->n < 1)
		return "a state holds at least one complete row";
	p = cf_driver_names((cf_driver_state *) s);
	for (i = 0; i < k; i++)
	{
		if (off >= (size_t) s->names_len || off + 1 + p[off] > (size_t) s->names_len)
			return "the factor names do not fit their block";
		len[i] = p[off];
		name[i] = (const char *) p + off + 1;
		if (memchr(name[i], '\0', len[i]) != NULL)
			return "a factor name contains a NUL byte";
		off += 1 + len[i];
	}
	if (off != (size_t) s->names_len)
		return "the factor names do not fill their block";
	if (cf_driver_names_check(k, name, len, NULL) != CF_OK)
		return "factor names must be non-empty, at most 127 bytes and distinct";
	hi = cf_driver_hi((cf_driver_state *) s);
	lo = cf_driver_lo((cf_driver_state *) s);
	for (i = 0; i < cf_driver_nmoments(k); i++)
		if (!isfinite(hi[i]) || !isfinite(lo[i]) || fabs(hi[i] + lo[i]) > 1e300)
			return "a sum is not finite or out of range";
	for (i = 1; i < k + 2; i++)
	{
		int			x = cf_driver_moment(k, i, i);

		if (hi[x] + lo[x] < 0)
			return "a sum of squares is negative";
	}
	return NULL;
}

/* ---------- the analysis ---------- */

typedef struct dd
{
	double		hi,
				lo;
} dd;

static inline dd
two_prod(double a, double b)
{
	double		ah,
				al,
				bh,
				bl;
	dd			r;

	split(a, &ah, &al);
	split(b, &bh, &bl);
	r.hi = a * b;
	r.lo = ((ah * bh - r.hi) + ah * bl + al * bh) + al * bl;
	return r;
}

static inline dd
dd_add(dd a, dd b)
{
	double		s = a.hi + b.hi;
	double		bb = s - a.hi;
	double		e = (a.hi - (s - bb)) + (b.hi - bb) + a.lo + b.lo;
	dd			r;

	r.hi = s + e;
	r.lo = e - (r.hi - s);
	return r;
}

static inline dd
dd_mul(dd a, dd b)
{
	dd			p = two_prod(a.hi, b.hi);
	double		e = p.lo + (a.hi * b.lo + a.lo * b.hi);
	dd			r;

	r.hi = p.hi + e;
	r.lo = e - (r.hi - p.hi);
	return r;
}

/* n * sum(v_i v_j) - sum(v_i) sum(v_j), in double-double: n^2 times the covariance. */
static double
comoment(const cf_driver_state *s, int i, int j)
{
	int			k = s->nfactors;
	const double *hi = cf_driver_hi((cf_driver_state *) s),
			   *lo = cf_driver_lo((cf_driver_state *) s);
	int			xij = cf_driver_moment(k, i, j),
				xi = cf_driver_moment(k, 0, i),
				xj = cf_driver_moment(k, 0, j);
	dd			n = {(double) s->n, (double) s->n - (double) s->n};
	dd			sij = {hi[xij], lo[xij]},
				si = {hi[xi], lo[xi]},
				sj = {hi[xj], lo[xj]};
	dd			a = dd_mul(n, sij),
				b = dd_mul(si, sj);

	b.hi = -b.hi;
	b.lo = -b.lo;
	a = dd_add(a, b);
	return a.hi + a.lo;
}

/* Is the co-moment c of a variable with sum of squares sq (n * sq) zero at double-double precision? */
static bool
is_constant(double c, double nsq)
{
	return !(c > ldexp(nsq, -80));
}

void
cf_driver_eigen(double *a, int k, double *w, double *v)
{
	int			sweep,
				p,
				q,
				i;

	for (i = 0; i < k * k; i++)
		v[i] = 0;
	for (i = 0; i < k; i++)
		v[i * k + i] = 1;
	for (sweep = 0; sweep < 100; sweep++)
	{
		double		off = 0,
					diag = 0;

		cf_check_interrupts();
		for (p = 0; p < k; p++)
			for (q = 0; q < k; q++)
			{
				if (p != q)
					off += a[p * k + q] * a[p * k + q];
				else
					diag += a[p * k + q] * a[p * k + q];
			}
		if (off <= 1e-36 * diag || off == 0)
			break;
		for (p = 0; p < k - 1; p++)
			for (q = p + 1; q < k; q++)
			{
				double		apq = a[p * k + q],
							theta,
							t,
							c,
							sn;

				if (apq == 0)
					continue;
				theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
				t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
				c = 1 / sqrt(t * t + 1);
				sn = t * c;
				for (i = 0; i < k; i++)
				{
					double		aip = a[i * k + p],
								aiq = a[i * k + q];

					a[i * k + p] = c * aip - sn * aiq;
					a[i * k + q] = sn * aip + c * aiq;
				}
				for (i = 0; i < k; i++)
				{
					double		api = a[p * k + i],
								aqi = a[q * k + i];

					a[p * k + i] = c * api - sn * aqi;
					a[q * k + i] = sn * api + c * aqi;
				}
				for (i = 0; i < k; i++)
				{
					double		vip = v[i * k + p],
								viq = v[i * k + q];

					v[i * k + p] = c * vip - sn * viq;
					v[i * k + q] = sn * vip + c * viq;
				}
			}
	}
	for (i = 0; i < k; i++)
		w[i] = a[i * k + i];
}

cf_driver_error
cf_driver_weights(const cf_driver_state *s, const cf_allocator *al,
				  cf_driver_row *rows, cf_driver_result *res)
{
	int			k = s->nfactors,
				i,
				j,
				l;
	double	   *R,
			   *P,
			   *L,
			   *lam,
			   *Rinv,
				sd[CF_DRIVER_MAX_FACTORS + 1],
				r[CF_DRIVER_MAX_FACTORS],
				bz[CF_DRIVER_MAX_FACTORS],
				cyy;
	const double *hi = cf_driver_hi((cf_driver_state *) s),
			   *lo = cf_driver_lo((cf_driver_state *) s);

	memset(res, 0, sizeof(*res));
	if (s->n <= k + 1)
		return CF_DRIVER_TOO_FEW;
	/* standard deviations (times n), outcome first */
	for (i = 0; i <= k; i++)
	{
		int			x = cf_driver_moment(k, i + 1, i + 1);
		double		c = comoment(s, i + 1, i + 1);

		if (is_constant(c, (double) s->n * (hi[x] + lo[x])))
		{
			if (i == 0)
				return CF_DRIVER_CONSTANT_OUTCOME;
			res->which = i - 1;
			return CF_DRIVER_CONSTANT_FACTOR;
		}
		sd[i] = sqrt(c);
	}
	cyy = sd[0];
	for (j = 0; j < k; j++)
	{
		r[j] = comoment(s, 1, j + 2) / cyy / sd[j + 1];
		if (!(fabs(r[j]) <= 1 + 1e-9))
			return CF_DRIVER_INCONSISTENT;
	}

	R = cf_alloc_array(al, (size_t) k * k * 4 + k, sizeof(double));
	if (R == NULL)
		return CF_DRIVER_NO_MEMORY;
	P = R + k * k;
	L = P + k * k;
	Rinv = L + k * k;
	lam = Rinv + k * k;
	for (i = 0; i < k; i++)
		for (j = i; j < k; j++)
		{
			double		c = i == j ? 1.0 : comoment(s, i + 2, j + 2) / sd[i + 1] / sd[j + 1];

			if (!(fabs(c) <= 1 + 1e-9))
			{
				cf_free(al, R);
				return CF_DRIVER_INCONSISTENT;
			}
			R[i * k + j] = R[j * k + i] = c;
		}
	cf_driver_eigen(R, k, lam, P);
	res->min_eigenvalue = lam[0];
	for (l = 1; l < k; l++)
		if (lam[l] < res->min_eigenvalue)
			res->min_eigenvalue = lam[l];
	if (res->min_eigenvalue < CF_DRIVER_MIN_EIGENVALUE)
	{
		int			m = 0;

		for (l = 1; l < k; l++)
			if (lam[l] < lam[m])
				m = l;
		/* the factors that carry the null direction */
		for (i = 0; i < k; i++)
			res->collinear[i] = fabs(P[i * k + m]) >= 0.1;
		cf_free(al, R);
		return CF_DRIVER_COLLINEAR;
	}
	/* Lambda = P L^1/2 P', R^-1 = P L^-1 P', and Lambda^-1 = P L^-1/2 P' applied to r */
	for (i = 0; i < k; i++)
		for (j = i; j < k; j++)
		{
			double		half = 0,
						inv = 0;

			for (l = 0; l < k; l++)
			{
				double		pp = P[i * k + l] * P[j * k + l];

				half += pp * sqrt(lam[l]);
				inv += pp / lam[l];
			}
			L[i * k + j] = L[j * k + i] = half;
			Rinv[i * k + j] = Rinv[j * k + i] = inv;
		}
	{
		double		pr[CF_DRIVER_MAX_FACTORS];

		/* beta_Z = P L^-1/2 P' r */
		for (l = 0; l < k; l++)
		{
			pr[l] = 0;
			for (i = 0; i < k; i++)
				pr[l] += P[i * k + l] * r[i];
			pr[l] /= sqrt(lam[l]);
		}
		for (i = 0; i < k; i++)
		{
			bz[i] = 0;
			for (l = 0; l < k; l++)
				bz[i] += P[i * k + l] * pr[l];
		}
	}
	res->r2 = 0;
	for (j = 0; j < k; j++)
	{
		double		beta = 0,
					eps = 0;

		for (l = 0; l < k; l++)
		{
			beta += Rinv[j * k + l] * r[l];
			eps += L[j * k + l] * L[j * k + l] * bz[l] * bz[l];
		}
		rows[j].factor = j;
		rows[j].correlation = r[j];
		rows[j].beta = beta;
		rows[j].relative_weight = eps;
		res->r2 += beta * r[j];
	}
	cf_free(al, R);
	if (!(res->r2 >= -1e-9 && res->r2 <= 1 + 1e-9))
		return CF_DRIVER_INCONSISTENT;	/* an R^2 outside [0, 1]: not a correlation matrix */
	for (j = 0; j < k; j++)
		if (!isfinite(rows[j].beta) || !isfinite(rows[j].relative_weight))
			return CF_DRIVER_INCONSISTENT;
	/* rank: weight descending (ties within CF_DRIVER_TIE), then factor position; insertion sort, k <= 50 */
	for (i = 1; i < k; i++)
	{
		cf_driver_row t = rows[i];

		for (j = i; j > 0; j--)
		{
			const cf_driver_row *u = &rows[j - 1];
			bool		before = t.relative_weight > u->relative_weight + CF_DRIVER_TIE ||
				(fabs(t.relative_weight - u->relative_weight) <= CF_DRIVER_TIE && t.factor < u->factor);

			if (!before)
				break;
			rows[j] = rows[j - 1];
		}
		rows[j] = t;
	}
	for (i = 0; i < k; i++)
		rows[i].rank = i + 1;
	return CF_DRIVER_OK;
}

int
cf_driver_parse(const char *text, cf_driver_state *out, size_t *size, cf_error *err)
{
	return cf_fail_with(err, CF_ESYNTAX, driver_parse_words(text, out, size));
}

int
cf_driver_check(const cf_driver_state *s, size_t size, cf_error *err)
{
	return cf_fail_with(err, CF_EINVAL, driver_problem_words(s, size));
}
