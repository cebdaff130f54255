/*
 * lifetime.c
 *		The one fit of the lifetime-model families (lifetime.h): the checks
 *		of the summary, the start, the minimiser, the boundary test and the
 *		reported fit, around a family's prepared summary and objective.
 */
#include "lifetime.h"
#include "bgnbd.h"
#include "interrupt.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* f's prepared form of compact e[0..n) in a block from mem (*prep). */
static int
prepare(const cf_lifetime_family *f, const cf_bgnbd_entry *e, size_t n,
		const cf_allocator *mem, void **prep, cf_error *err)
{
	int			rc;

	*prep = mem->alloc(f->prep_size);
	if (*prep == NULL)
		return cf_fail(err, CF_ENOMEM, "out of memory",
					   "Could not allocate %zu bytes for the %s fit.", f->prep_size, f->name);
	if ((rc = f->prepare(e, n, mem, *prep, err)) != CF_OK)
	{
		mem->free(*prep);
		*prep = NULL;
	}
	return rc;
}

static void
release(const cf_lifetime_family *f, const cf_allocator *mem, void *prep)
{
	f->release(prep);
	mem->free(prep);
}

void
cf_lifetime_start_rate(int n, double ln_scale, double *theta)
{
	int			k;

	for (k = 0; k < n; k++)
		theta[k] = (k == 1) ? ln_scale : 0.0;
}

int
cf_lifetime_objective(const cf_lifetime_family *f, const cf_bgnbd_entry *e,
					  size_t n, const cf_allocator *mem, const double *theta,
					  double *fx, double *grad, cf_error *err)
{
	void	   *prep;
	char		msg[64];
	int			rc;

	if ((rc = cf_model_state_check_compact(&cf_bgnbd_layout, e, n, err)) != CF_OK)
		return rc;
	if ((rc = prepare(f, e, n, mem, &prep, err)) != CF_OK)
		return rc;
	rc = f->objective(theta, fx, grad, prep);
	release(f, mem, prep);
	if (rc != 0)
	{
		snprintf(msg, sizeof(msg), "%s log-likelihood not finite", f->name);
		return cf_fail(err, CF_ERANGE, msg,
					   "The log-likelihood is not finite at these parameters.");
	}
	return CF_OK;
}

/*
 * The fit left the family's box (max_abs_theta) at theta: name the
 * direction in which the likelihood keeps rising (the probes of
 * cf_opt_runaway: "r and alpha grow without bound" rather than the one
 * parameter past the box), or that parameter if no probe finds one.
 */
static void
describe_box_exit(const cf_lifetime_family *f, const double *theta, double fx,
				  void *prep, char *buf, size_t len)
{
	cf_opt_runaway_dir dir;
	int			k;

	if (cf_opt_runaway(f->nparams, theta, fx, f->objective, prep, 4.0, 1e-10, &dir))
	{
		cf_opt_describe_runaway(&dir, f->names, buf, len);
		return;
	}
	dir.i = 0;
	for (k = 1; k < f->nparams; k++)
		if (fabs(theta[k]) > fabs(theta[dir.i]))
			dir.i = k;
	dir.j = -1;
	dir.sign = theta[dir.i] > 0 ? 1 : -1;
	cf_opt_describe_runaway(&dir, f->names, buf, len);
}

int
cf_lifetime_fit(const cf_lifetime_family *f, const cf_bgnbd_entry *e, size_t n,
				const cf_allocator *mem, const cf_opt_options *opts,
				double *params, cf_lifetime_fit_info *info, cf_error *err)
{
	void	   *prep;
	cf_opt_options o;
	cf_opt_result or;
	double		theta[CF_LIFETIME_MAX_PARAMS];
	double		sx = 0.0,
				sT = 0.0;
	char		msg[64];
	int64_t		total;
	size_t		i;
	int			k,
				rc;

	memset(info, 0, sizeof(*info));
	for (k = 0; k < f->nparams; k++)
		params[k] = 0.0;
	snprintf(msg, sizeof(msg), "cannot fit %s model", f->name);
	if ((rc = cf_model_state_check_compact(&cf_bgnbd_layout, e, n, err)) != CF_OK)
		return rc;
	if ((rc = cf_model_state_total(&cf_bgnbd_layout, e, n, &total, err)) != CF_OK)
		return rc;
	if (total == 0)
		return cf_fail(err, CF_EINVAL, msg, "There are no customers to fit.");
	for (i = 0; i < n; i++)
	{
		cf_poll_entry(i);
		sx += (double) e[i].count * e[i].x;
		sT += (double) e[i].count * e[i].T;
	}
	if (sx == 0.0)
		return cf_fail(err, CF_EINVAL, msg,
					   "None of the %" PRId64 " customers has a repeat purchase (x > 0).",
					   total);
	if ((rc = prepare(f, e, n, mem, &prep, err)) != CF_OK)
		return rc;
	if (opts)
		o = *opts;
	else
		cf_opt_default_options(&o);
	if (o.max_abs_x == 0.0)
		o.max_abs_x = f->max_abs_theta;
	/* sx > 0 needs a customer with t_x > 0, so T > 0 and sT > 0 */
	f->start(f->nparams, log(sT / sx), theta);
	if (cf_minimize(f->nparams, theta, f->objective, prep, &o, &or) != 0)
	{
		release(f, mem, prep);
		return cf_fail(err, CF_ERANGE, msg,
					   "The log-likelihood is not finite at the starting point.");
	}
	if (or.left_box)
		describe_box_exit(f, theta, or.f, prep, info->boundary, sizeof(info->boundary));
	else
		cf_model_find_boundary(f->nparams, theta, or.f, f->objective, prep, f->names,
							   info->boundary, sizeof(info->boundary));
	release(f, mem, prep);

	for (k = 0; k < f->nparams; k++)
		params[k] = exp(theta[k]);
	info->log_likelihood = -or.f * (double) total;
	info->n = total;
	info->iterations = or.iterations;
	info->evaluations = or.evaluations;
	info->grad_max = or.grad_max;
	info->method = or.method;
	info->converged = or.converged && info->boundary[0] == '\0';
	return CF_OK;
}
