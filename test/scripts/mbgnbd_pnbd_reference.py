#!/usr/bin/env python3
"""Reference values of the MBG/NBD and Pareto/NBD predictions, computed with mpmath.

Usage: python3 test/scripts/mbgnbd_pnbd_reference.py > test/unit/mbgnbd_pnbd_reference.csv
(Debian: apt-get install python3-mpmath; about a minute.)

Prints CSV rows "fn,r,alpha,p3,p4,x,t_x,T,h,ref" (p3, p4 = a, b for MBG/NBD,
s, beta for Pareto/NBD) read by test/unit/test_mbgnbd.c and test_pnbd.c.
The formulas are the published closed forms with mpmath's hypergeometric
function, not the extension's algorithms (which use an Euler-transformed
series for Pareto/NBD and the BG/NBD's sum for MBG/NBD):

  MBG/NBD (Batislam, Denizel & Filiztekin 2007; BTYDplus):
    P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x))
    E[Y(h) | x, t_x, T] = (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+h))^(r+x)
                          2F1(r+x, b+x+1; a+b+x; h/(alpha+T+h))] P(alive)
    E[X(h)] = b/(a-1) [1 - (alpha/(alpha+h))^r 2F1(r, b+1; a+b; h/(alpha+h))]
    P(no purchase in (T, T+h]) = (1 - P(alive)) + P(alive) ((alpha+T)/(alpha+T+h))^(r+x)
    P(X(h) = n) = B(a, b+n+1)/B(a, b) NB(n) + B(a+1, b+n)/B(a, b) I_z(n, r)
                  (NB(n) = Gamma(r+n)/(Gamma(r) n!) (alpha/(alpha+h))^r z^n,
                  z = h/(alpha+h), I_z(n, r) = P(NB >= n) the regularized
                  incomplete beta, I_z(0, r) = 1: conditional on lambda and p,
                  the customer stays after the first purchase and the first
                  n - 1 repeat ones, (1-p)^n, then either leaves after the
                  n-th (p, any number of further Poisson events) or stays and
                  makes no (n+1)-th by h)
  Pareto/NBD (Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model
  and Related Expressions", eq. 22 with A0 in its two cases alpha >= beta
  and alpha < beta, 2F1(r+s+x, s+1 | r+x; r+s+x+1; .)):
    ln L, P(alive) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0)
    E[Y(h) | x, t_x, T] = (r+x)(beta+T)/((alpha+T)(s-1))
                          [1 - ((beta+T)/(beta+T+h))^(s-1)] P(alive)
    E[X(h)] = r beta/(alpha (s-1)) [1 - (beta/(beta+h))^(s-1)]
    (s = 1 exactly: the ln limits).

Every value is computed at 50 and at 80 digits; a case whose two values
differ by more than 1e-25 relative (1e-40 absolute) is an error (the script stops), so a
reference is never mpmath's own rounding.
"""
import itertools
import sys

import mpmath as mp


def mbg_p_alive(r, alpha, a, b, x, t_x, T):
    return 1 / (1 + a / (b + x) * ((alpha + T) / (alpha + t_x)) ** (r + x))


def mbg_expected(r, alpha, a, b, x, t_x, T, h):
    z = h / (alpha + T + h)
    e = (a + b + x) / (a - 1) * (1 - ((alpha + T) / (alpha + T + h)) ** (r + x)
                                 * mp.hyp2f1(r + x, b + x + 1, a + b + x, z))
    return e * mbg_p_alive(r, alpha, a, b, x, t_x, T)


def mbg_expected_new(r, alpha, a, b, h):
    return b / (a - 1) * (1 - (alpha / (alpha + h)) ** r
                          * mp.hyp2f1(r, b + 1, a + b, h / (alpha + h)))


def mbg_p_no_purchase(r, alpha, a, b, x, t_x, T, h):
    pa = mbg_p_alive(r, alpha, a, b, x, t_x, T)
    return (1 - pa) + pa * ((alpha + T) / (alpha + T + h)) ** (r + x)


def mbg_pmf_new(r, alpha, a, b, n, h):
    z = h / (alpha + h)
    nb = mp.gamma(r + n) / (mp.gamma(r) * mp.factorial(n)) * (alpha / (alpha + h)) ** r * z ** n
    tail = mp.betainc(n, r, 0, z, regularized=True) if n > 0 else mp.mpf(1)
    return (mp.beta(a, b + n + 1) * nb + mp.beta(a + 1, b + n) * tail) / mp.beta(a, b)


def pnbd_a0(r, alpha, s, beta, x, t_x, T):
    c = r + s + x
    if alpha >= beta:
        f = lambda y: mp.hyp2f1(c, s + 1, c + 1, (alpha - beta) / (alpha + y)) / (alpha + y) ** c
    else:
        f = lambda y: mp.hyp2f1(c, r + x, c + 1, (beta - alpha) / (beta + y)) / (beta + y) ** c
    return f(t_x) - f(T)


def pnbd_log_g(r, alpha, s, beta, x, y):
    """ln G(y) = ln int_y^inf (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau, FH's 2F1 form."""
    c = r + s + x
    if alpha >= beta:
        return -c * mp.log(alpha + y) - mp.log(c) + mp.log(mp.hyp2f1(c, s + 1, c + 1, (alpha - beta) / (alpha + y)))
    return -c * mp.log(beta + y) - mp.log(c) + mp.log(mp.hyp2f1(c, r + x, c + 1, (beta - alpha) / (beta + y)))


def pnbd_ll(r, alpha, s, beta, x, t_x, T):
    A0 = pnbd_a0(r, alpha, s, beta, x, t_x, T)
    return (mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(alpha) + s * mp.log(beta)
            + mp.log(1 / ((alpha + T) ** (r + x) * (beta + T) ** s) + s / (r + s + x) * A0))


def pnbd_p_alive(r, alpha, s, beta, x, t_x, T):
    A0 = pnbd_a0(r, alpha, s, beta, x, t_x, T)
    return 1 / (1 + s / (r + s + x) * (alpha + T) ** (r + x) * (beta + T) ** s * A0)


def lifetime(s, base, h):
    if s == 1:
        return mp.log((base + h) / base)
    return (1 - (base / (base + h)) ** (s - 1)) / (s - 1)


def pnbd_expected(r, alpha, s, beta, x, t_x, T, h):
    return ((r + x) * (beta + T) / (alpha + T) * lifetime(s, beta + T, h)
            * pnbd_p_alive(r, alpha, s, beta, x, t_x, T))


def pnbd_expected_new(r, alpha, s, beta, h):
    return r * beta / alpha * lifetime(s, beta, h)


def pnbd_pmf_new_fh(r, alpha, s, beta, n, h, extra=100):
    """P(X(h) = n) of a new customer, Fader & Hardie (2006), "Deriving an expression for
    P(X(t) = x) under the Pareto/NBD model", eq. (8):
      NB(n) (beta/(beta+h))^s + alpha^r beta^s B(r+n, s+1)/B(r, s) [B1 - sum_{i=0}^{n}
      (r+s)_i h^i / i! B2_i],
    B1 = 2F1(r+s, s+1; r+s+n+1; (alpha-beta)/alpha) / alpha^(r+s), B2_i = 2F1(r+s+i, s+1;
    r+s+n+1; (alpha-beta)/(alpha+h)) / (alpha+h)^(r+s+i) when alpha >= beta, else with
    (beta, r+n) for (alpha, s+1).  B1 - sum cancels (at 50 digits P(X(1) = 50) of the CDNOW
    model comes out negative; it loses about as many digits as the value has leading zeros),
    so it is evaluated with `extra` more digits than asked."""
    with mp.extradps(extra):
        r, alpha, s, beta, h = (mp.mpf(v) for v in (r, alpha, s, beta, h))
        c = r + s
        if alpha >= beta:
            b = lambda y, i: mp.hyp2f1(c + i, s + 1, c + n + 1, (alpha - beta) / (alpha + y)) / (alpha + y) ** (c + i)
        else:
            b = lambda y, i: mp.hyp2f1(c + i, r + n, c + n + 1, (beta - alpha) / (beta + y)) / (beta + y) ** (c + i)
        nb = mp.gamma(r + n) / (mp.gamma(r) * mp.factorial(n))
        alive = nb * (alpha / (alpha + h)) ** r * (h / (alpha + h)) ** n * (beta / (beta + h)) ** s
        tail = mp.fsum(mp.rf(c, i) / mp.factorial(i) * h ** i * b(h, i) for i in range(n + 1))
        v = alive + alpha ** r * beta ** s * mp.beta(r + n, s + 1) / mp.beta(r, s) * (b(0, 0) - tail)
    return +v


def pnbd_death_integral_quad(r, alpha, s, beta, n, h):
    """int_0^h tau^n (alpha+tau)^-(r+n) (beta+tau)^-(s+1) dtau by mpmath's Gauss-Legendre
    quadrature, on intervals halving towards h (for large n the integrand rises steeply to
    its end)."""
    f = lambda tau: tau ** n * (alpha + tau) ** (-(r + n)) * (beta + tau) ** (-(s + 1))
    # scaled by the integrand at h: mp.quad stops on an absolute error estimate
    g = lambda tau: f(tau) / f(h)
    return f(h) * mp.quad(g, [0] + [h * (1 - mp.mpf(2) ** -k) for k in range(1, 16)] + [h],
                          method='gauss-legendre')


def pnbd_pmf_new_quad(r, alpha, s, beta, n, h):
    """The same from its definition: alive at h, or died at tau <= h after n purchases:
    NB(n; r, h/(alpha+h)) (beta/(beta+h))^s + s alpha^r beta^s Gamma(r+n)/(Gamma(r) n!)
    int_0^h tau^n (alpha+tau)^-(r+n) (beta+tau)^-(s+1) dtau."""
    nb = mp.gamma(r + n) / (mp.gamma(r) * mp.factorial(n))
    alive = nb * (alpha / (alpha + h)) ** r * (h / (alpha + h)) ** n * (beta / (beta + h)) ** s
    return alive + nb * s * alpha ** r * beta ** s * pnbd_death_integral_quad(r, alpha, s, beta, n, h)


def pnbd_p_no_purchase(r, alpha, s, beta, x, t_x, T, h):
    pa = pnbd_p_alive(r, alpha, s, beta, x, t_x, T)
    return (1 - pa) + pa * pnbd_pmf_new_fh(r + x, alpha + T, s, beta + T, 0, h)


def evaluate(case):
    fn, r, alpha, p3, p4, x, t_x, T, h = case
    r, alpha, p3, p4, t_x, T, h = (mp.mpf(v) for v in (r, alpha, p3, p4, t_x, T, h))
    if fn == 'mbgnbd_p_alive':
        return mbg_p_alive(r, alpha, p3, p4, x, t_x, T)
    if fn == 'mbgnbd_expected':
        return mbg_expected(r, alpha, p3, p4, x, t_x, T, h)
    if fn == 'mbgnbd_expected_new':
        return mbg_expected_new(r, alpha, p3, p4, h)
    if fn == 'mbgnbd_p_no_purchase':
        return mbg_p_no_purchase(r, alpha, p3, p4, x, t_x, T, h)
    if fn == 'mbgnbd_pmf_new':
        return mbg_pmf_new(r, alpha, p3, p4, x, h)
    if fn == 'pnbd_log_g':
        return pnbd_log_g(r, alpha, p3, p4, x, t_x)
    if fn == 'pnbd_ll':
        return pnbd_ll(r, alpha, p3, p4, x, t_x, T)
    if fn == 'pnbd_p_alive':
        return pnbd_p_alive(r, alpha, p3, p4, x, t_x, T)
    if fn == 'pnbd_expected':
        return pnbd_expected(r, alpha, p3, p4, x, t_x, T, h)
    if fn == 'pnbd_expected_new':
        return pnbd_expected_new(r, alpha, p3, p4, h)
    if fn == 'pnbd_pmf_new':
        q = pnbd_pmf_new_quad(r, alpha, p3, p4, x, h)
        if q < mp.mpf('1e-290'):
            return None         # not a double: no reference
        v = pnbd_pmf_new_fh(r, alpha, p3, p4, x, h, 100 + int(-mp.log10(q)))
        if abs(v - q) > mp.mpf('1e-20') * abs(v):     # the quadrature's own error: ~1e-23
            sys.exit('FH 2006 and quadrature disagree: %r: %s %s' % (case, v, q))
        return v
    if fn == 'pnbd_p_no_purchase':
        return pnbd_p_no_purchase(r, alpha, p3, p4, x, t_x, T, h)
    raise ValueError(fn)


def cases():
    """CDNOW's fitted models and shapes around them; customers up to x = 200 and
    T = 2000 (the peers' large-x checks are x = 132..200)."""
    mbg = [(0.525, 6.183, 0.891, 1.614), (0.3, 2.0, 2.5, 4.0), (1.2, 15.0, 0.2, 0.9),
           (0.525, 6.183, 3.0, 0.05)]
    pn = [(0.553, 10.578, 0.606, 11.669),   # CDNOW: alpha < beta
          (0.8, 12.0, 1.3, 3.0),             # alpha > beta
          (1.5, 5.0, 0.9, 5.0),              # alpha = beta
          (0.553, 10.578, 1.0, 11.669),      # s = 1
          (0.2, 0.5, 2.5, 400.0),            # z near 1 (beta >> alpha)
          (2.0, 300.0, 0.3, 0.4),            # z near 1 (alpha >> beta)
          (11331.07, 121151.8, 1.974, 71.15), # r, alpha running off together (a fit at that boundary)
          (0.5, 1.0, 0.5, 1e6),              # z within 1e-6 of 1 (beta >> alpha)
          (3.0, 1e5, 0.8, 2.0)]              # z within 3e-5 of 1 (alpha >> beta)
    customers = [(0, 0, 0), (0, 0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86),
                 (5, 38.86, 38.86), (20, 70.0, 78.0), (132, 70.0, 78.0), (150, 77.5, 78.0),
                 (200, 10.0, 78.0), (200, 1999.0, 2000.0), (3, 100.0, 2000.0)]
    horizons = [1, 39, 520]
    out = []
    for (r, al, a, b), (x, tx, T) in itertools.product(mbg, customers):
        out.append(('mbgnbd_p_alive', r, al, a, b, x, tx, T, 0))
        for h in horizons:
            out.append(('mbgnbd_expected', r, al, a, b, x, tx, T, h))
    for (r, al, a, b), h in itertools.product(mbg, horizons):
        out.append(('mbgnbd_expected_new', r, al, a, b, 0, 0, 0, h))
    for (r, al, s, be), (x, tx, T) in itertools.product(pn, customers):
        out.append(('pnbd_ll', r, al, s, be, x, tx, T, 0))
        out.append(('pnbd_p_alive', r, al, s, be, x, tx, T, 0))
        for h in horizons:
            out.append(('pnbd_expected', r, al, s, be, x, tx, T, h))
    for (r, al, s, be), h in itertools.product(pn, horizons):
        out.append(('pnbd_expected_new', r, al, s, be, 0, 0, 0, h))
    # the MBG/NBD churn windows (added after the rows above, which stay as they were)
    for (r, al, a, b), (x, tx, T) in itertools.product(mbg, customers):
        for h in horizons:
            out.append(('mbgnbd_p_no_purchase', r, al, a, b, x, tx, T, h))
    for (r, al, a, b), n, h in itertools.product(mbg, [0, 1, 2, 3, 10, 50, 200], horizons):
        out.append(('mbgnbd_pmf_new', r, al, a, b, n, 0, 0, h))
    # ln G itself where its 2F1's argument z is above 0.95 (the incomplete-beta form, pnbd.c)
    # and on both sides of 0.95: fits at the (r, alpha) and (s, beta) boundaries and
    # parameters far apart; y = t_x.
    far = [(11331.07, 121151.8, 1.974, 71.15), (0.5, 1.0, 0.5, 1e6), (3.0, 1e5, 0.8, 2.0),
           (52.76, 0.8424, 2.614, 1916261.8), (0.0769, 26175.0, 29.818, 0.0949),
           (1721.4, 0.0883, 20.43, 1754259.9), (0.2, 0.5, 2.5, 400.0), (0.3, 0.01, 0.2, 50.0),
           (0.553, 1.0, 0.606, 21.0), (2.0, 21.0, 0.7, 1.0)]
    for (r, al, s, be), x, y in itertools.product(far, [0, 1, 7, 200], [0, 0.05, 0.1, 10, 78]):
        out.append(('pnbd_log_g', r, al, s, be, x, y, 0, 0))
    # the Pareto/NBD churn windows (issue 17 item 3): P(X(h) = n) of a new customer by FH
    # 2006's closed form (checked against quadrature of its definition), and P(no purchase)
    # of every customer above
    for (r, al, s, be), n, h in itertools.product(pn[:7], [0, 1, 2, 3, 10, 50, 200], horizons):
        out.append(('pnbd_pmf_new', r, al, s, be, n, 0, 0, h))
    for (r, al, s, be), (x, tx, T) in itertools.product(pn[:7], customers):
        for h in horizons:
            out.append(('pnbd_p_no_purchase', r, al, s, be, x, tx, T, h))
    return out


def main():
    for case in cases():
        mp.mp.dps = 50
        v50 = evaluate(case)
        if v50 is None:
            continue
        mp.mp.dps = 80
        v80 = evaluate(case)
        if abs(v50 - v80) > mp.mpf('1e-25') * abs(v80) + mp.mpf('1e-40'):
            sys.exit('disagree at 50 and 80 digits: %r: %s %s' % (case, v50, v80))
        if case[0] == 'pnbd_ll' and abs(v80) < mp.mpf('1e-60'):
            v80 = mp.mpf(0)     # ln L = ln 1 at T = 0: zero up to the working precision
        mp.mp.dps = 50
        print(','.join([case[0]] + [repr(float(v)) if isinstance(v, float) else str(v) for v in case[1:]]
                       + [mp.nstr(v80, 20)]))


if __name__ == '__main__':
    main()
