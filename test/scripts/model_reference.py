#!/usr/bin/env python3
"""Reference values of the lifetime-model predictions, computed with mpmath.

Usage: model_reference.py [--part i/n] | LC_ALL=C sort > test/unit/model_reference.csv
(the sorted union of --part 0/n .. n-1/n is the sorted full output).

Prints CSV rows "fn,r,alpha,a,b,x,t_x,T,h,extra1,extra2,ref" for a deterministic
sweep of parameters (test/scripts/model_accuracy.sh compares them with the
extension).  The formulas are the published closed forms, evaluated at 50
significant digits (more where the bracket of FHL eq. 10 cancels), not the
extension's algorithms:

  P(alive)  FHL 2005 / Fader, Hardie & Lee's note on P(alive):
            1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
  E[Y(t) | x, t_x, T]  FHL eq. 10:
            (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
                 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] * P(alive)
  E[X(t)]   FHL eq. 9: the same with x = 0, T = 0
  P(no purchase in (T, T+h])  (1 - P(alive)) + P(alive) ((alpha+T)/(alpha+T+h))^(r+x)
  P(X(t) = n)  FHL eq. 8, the tail 1 - sum_{j<n} NB(j) as mpmath's regularized
            incomplete beta I_z(n, r), z = t/(alpha+t) (not the extension's sums)
  Gamma-Gamma expected mean (Fader & Hardie 2013): (p gamma + p x m)/(p x + q - 1)
  CLV       the definition of doc/reference/lifetime.md: sum over unit periods k of
            (E(k) - E(k-1)) (1 + d)^-k (the last period at the horizon), times the
            expected mean and the margin, times P(alive) (clv) or 1 - P(alive) (lost).

a = 1 exactly (a removable singularity of eq. 9/10) is evaluated at a = 1 + 1e-40.
A case mpmath cannot evaluate within 3 s (hypergeometric series at z near 1
with large parameters), or where FHL's form and its Euler transform
disagree (mpmath's 2F1 is not reliable for every large parameter), is left out
and named on stderr.  Every value is
computed at two precisions; a case whose two values differ by more
than 1e-20 relative is left out (printed to stderr), so a reference is never the
reference library's own rounding.
"""
import itertools
import signal
import sys

import mpmath as mp

DBL_MAX = mp.mpf('1.7976931348623157e308')


class Disagree(Exception):
    pass


def e_alive(r, alpha, a, b, x, T, t):
    r, alpha, a, b, T, t = (mp.mpf(v) for v in (r, alpha, a, b, T, t))
    if t == 0:
        return mp.mpf(0)
    if a == 1:
        # the bracket is then ~1e-40: carry 60 more digits
        with mp.workdps(mp.mp.dps + 60):
            return e_alive(r, alpha, 1 + mp.mpf('1e-40'), b, x, T, t)
    z = t / (alpha + T + t)
    c = a + b + x - 1
    R = r + x
    # FHL eq. 10 and its Euler transform (1-z)^R 2F1(R, b+x; c; z) =
    # (1-z)^(a-1) 2F1(c-R, a-1; c; z): mpmath evaluates the two by different
    # routes; they must agree, and the value lies in (0, R t/(alpha+T)].
    v1 = c / (a - 1) * (1 - (1 - z) ** R * mp.hyp2f1(R, b + x, c, z, maxterms=200000))
    v2 = c / (a - 1) * (1 - (1 - z) ** (a - 1) * mp.hyp2f1(c - R, a - 1, c, z, maxterms=200000))
    bound = R * t / (alpha + T)
    if abs(v1 / v2 - 1) > mp.mpf('1e-25') or not (0 < v1 <= bound * (1 + mp.mpf('1e-30'))):
        raise Disagree()
    return v1


def p_alive(r, alpha, a, b, x, t_x, T):
    if x == 0:
        return mp.mpf(1)
    r, alpha, a, b, t_x, T = (mp.mpf(v) for v in (r, alpha, a, b, t_x, T))
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x))


def p_no_purchase(r, alpha, a, b, x, t_x, T, h):
    pa = p_alive(r, alpha, a, b, x, t_x, T)
    r, alpha, T, h = (mp.mpf(v) for v in (r, alpha, T, h))
    return (1 - pa) + pa * ((alpha + T) / (alpha + T + h)) ** (r + x)


def pmf_new(r, alpha, a, b, n, t):
    r, alpha, a, b, t = (mp.mpf(v) for v in (r, alpha, a, b, t))
    z = t / (alpha + t)
    nb = mp.gamma(r + n) / (mp.gamma(r) * mp.factorial(n)) * (alpha / (alpha + t)) ** r * z ** n
    v = mp.beta(a, b + n) / mp.beta(a, b) * nb
    if n > 0:
        tail = mp.betainc(n, r, 0, z, regularized=True)
        v += mp.beta(a + 1, b + n - 1) / mp.beta(a, b) * tail
    return v


def gg_mean(p, q, gamma, x, m):
    p, q, gamma, m = (mp.mpf(v) for v in (p, q, gamma, m))
    return (p * gamma + p * x * m) / (p * x + q - 1)


def clv_value(r, alpha, a, b, x, T, horizon, rate):
    horizon = mp.mpf(horizon)
    K = int(mp.ceil(horizon))
    value = mp.mpf(0)
    prev = mp.mpf(0)
    for k in range(1, K + 1):
        tk = mp.mpf(k) if k < K else horizon
        cum = e_alive(r, alpha, a, b, x, T, tk)
        value += (cum - prev) * (1 + mp.mpf(rate)) ** (-tk)
        prev = cum
    return value


def evaluate(case):
    fn = case[0]
    if fn == 'p_alive':
        _, r, alpha, a, b, x, t_x, T, h, e1, e2 = case
        return p_alive(r, alpha, a, b, x, t_x, T)
    if fn == 'expected':
        _, r, alpha, a, b, x, t_x, T, h, e1, e2 = case
        return p_alive(r, alpha, a, b, x, t_x, T) * e_alive(r, alpha, a, b, x, T, h)
    if fn == 'expected_new':
        _, r, alpha, a, b, x, t_x, T, h, e1, e2 = case
        return e_alive(r, alpha, a, b, 0, 0, h)
    if fn == 'p_no_purchase':
        _, r, alpha, a, b, x, t_x, T, h, e1, e2 = case
        return p_no_purchase(r, alpha, a, b, x, t_x, T, h)
    if fn == 'pmf_new':
        # n in the x slot, the horizon in h
        _, r, alpha, a, b, x, t_x, T, h, e1, e2 = case
        return pmf_new(r, alpha, a, b, x, h)
    if fn == 'gg_mean':
        # p, q, gamma in the r, alpha, a slots; m in t_x
        _, p, q, gamma, b, x, m, T, h, e1, e2 = case
        return gg_mean(p, q, gamma, x, m)
    if fn in ('clv', 'lost'):
        # gamma-gamma (p, q, gamma) = (e1, e2, 10), m = 20, margin 1, rate 0.1
        _, r, alpha, a, b, x, t_x, T, h, e1, e2 = case
        v = clv_value(r, alpha, a, b, x, T, h, 0.1) * gg_mean(e1, e2, 10, x, 20)
        pa = p_alive(r, alpha, a, b, x, t_x, T)
        return v * pa if fn == 'clv' else v * (1 - pa)
    raise ValueError(fn)


def cases():
    """The sweep: every shape of (a, b), fixed and free a/(a+b), with r, alpha,
    customers and horizons; deterministic (a fixed stride through the product)."""
    avals = [1e-3, 0.05, 0.5, 0.999, 1.0, 1.001, 2.0, 10.0, 1e3, 1e5, 1e8, 1e12]
    bfree = [1e-3, 0.5, 2.4, 1e3, 1e12]
    ras = [(1e-3, 0.1), (0.24, 4.4), (5.0, 4.4), (0.24, 1e-2), (1e3, 2e3), (1e6, 4e6)]
    customers = [(0, 0.0, 0.0), (0, 0.0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86),
                 (50, 37.0, 39.0), (1000, 500.0, 520.0)]
    horizons = [0.5, 1.0, 52.0, 1000.0]
    out = []
    k = 0
    for a in avals:
        for b in [3.3 * a] + bfree:
            for (r, alpha), (x, t_x, T), h in itertools.product(ras, customers, horizons):
                k += 1
                if k % 19 != 0 and not (a >= 1e3 and b == 3.3 * a and k % 3 == 0):
                    continue
                out.append(('expected', r, alpha, a, b, x, t_x, T, h, 0, 0))
                if h == 52.0:
                    out.append(('p_alive', r, alpha, a, b, x, t_x, T, h, 0, 0))
                if x == 0 and T == 0:
                    out.append(('expected_new', r, alpha, a, b, x, t_x, T, h, 0, 0))
                if h <= 1.0 and k % 3 == 0:
                    out.append(('clv', r, alpha, a, b, x, t_x, T, 3.5, 6.25, 3.74))
                    out.append(('lost', r, alpha, a, b, x, t_x, T, 3.5, 6.25, 3.74))
    # the cases: b = 3.3 a, h = 52 and h = 1, CDNOW-like customer
    for a in [1e2, 1e3, 1e4, 1e5, 1e6, 1e9, 4.6e11]:
        for h in [1.0, 52.0]:
            out.append(('expected', 0.243, 4.414, a, 3.3 * a, 2, 30.43, 38.86, h, 0, 0))
    out.append(('expected', 0.243, 4.414, 4.6e11, 1.5e12, 2, 30.43, 38.86, 1.0, 0, 0))
    # tiny b: b + x - 1 must not round to x - 1
    for b in [1e-20, 1e-300]:
        out.append(('p_alive', 0.243, 4.414, 0.793, b, 1, 30.0, 38.86, 0, 0, 0))
        out.append(('lost', 0.243, 4.414, 0.793, b, 1, 38.0, 38.86, 2.0, 6.25, 3.74))
    # P(alive) near 1: the lost value is 1 - P(alive), no cancellation
    out.append(('lost', 0.243, 4.414, 1e-12, 2.426, 3, 38.86, 38.86, 2.0, 6.25, 3.74))
    # churn windows: P(no purchase) over the customers and horizons, CDNOW-like
    # and extreme models (P(alive) near 0 and 1)
    for (r, alpha, a, b) in [(0.243, 4.414, 0.793, 2.426), (1e-3, 0.1, 0.05, 1e3),
                             (5.0, 4.4, 1e3, 3.3e3), (0.24, 1e-2, 1e-12, 2.4), (1e3, 2e3, 2.0, 0.5)]:
        for (x, t_x, T) in [(0, 0.0, 0.0), (0, 0.0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86),
                            (50, 37.0, 39.0), (1000, 500.0, 520.0)]:
            for h in [0.0, 0.5, 52.0, 1000.0]:
                out.append(('p_no_purchase', r, alpha, a, b, x, t_x, T, h, 0, 0))
    # P(X(t) = n) of a new customer: small and large n (the tail far out),
    # short and long horizons, CDNOW's model and extreme ones
    for (r, alpha, a, b) in [(0.243, 4.414, 0.793, 2.426), (1e-3, 0.1, 0.05, 1e3),
                             (5.0, 4.4, 1e3, 3.3e3), (0.24, 1e-2, 1e-12, 2.4), (50.0, 2.0, 2.0, 0.5),
                             (0.243, 4.414, 1e8, 3.3e8)]:
        for t in [0.5, 39.0, 78.0, 1000.0]:
            for n in [0, 1, 2, 7, 30, 100, 1000, 20000]:
                out.append(('pmf_new', r, alpha, a, b, n, 0.0, 0.0, t, 0, 0))
    # Gamma-Gamma expected mean: p x + q - 1 near 0, large and small scales
    for (p, q, gamma, x, m) in [(6.25, 3.74, 15.44, 0, 0), (6.25, 3.74, 15.44, 3, 22.35),
                                (1e-9, 1.0 + 2 ** -40, 1.0, 1, 5.0), (0.5, 0.5 + 1e-12, 2.0, 1, 1.0),
                                (1e300, 2.0, 1e300, 0, 0), (1e-300, 1.5, 1.0, 3, 1e300),
                                (2.0, 1e10, 1e200, 7, 1e150), (1e6, 1e-3, 1e-3, 1000, 1e-5)]:
        out.append(('gg_mean', p, q, gamma, 0, x, m, 0, 0, 0, 0))
    return out


class Slow(Exception):
    pass


def on_alarm(signum, frame):
    raise Slow()


def main():
    # --part i/n: only every n-th case from the i-th (to run in parallel)
    part, parts = 0, 1
    if len(sys.argv) == 3 and sys.argv[1] == '--part':
        part, parts = (int(v) for v in sys.argv[2].split('/'))
    signal.signal(signal.SIGALRM, on_alarm)
    for case in cases()[part::parts]:
        try:
            signal.alarm(3)
            with mp.workdps(50):
                v1 = evaluate(case)
            with mp.workdps(80):
                v2 = evaluate(case)
            signal.alarm(0)
        except (Slow, mp.libmp.NoConvergence):
            signal.alarm(0)
            print('no reference within 3 s, left out:', case, file=sys.stderr)
            continue
        except (Disagree, ZeroDivisionError):
            signal.alarm(0)
            print('the two hypergeometric forms disagree, left out:', case, file=sys.stderr)
            continue
        if v2 != 0 and abs(v1 / v2 - 1) > mp.mpf('1e-20'):
            print('unstable reference, left out:', case, v1, v2, file=sys.stderr)
            continue
        ref = v2
        if ref > DBL_MAX:
            sref = 'overflow'
        else:
            sref = mp.nstr(ref, 25, min_fixed=1, max_fixed=0)
        print(','.join([case[0]] + [repr(float(v)) if isinstance(v, float) else str(v) for v in case[1:]] + [sref]))


if __name__ == '__main__':
    main()
