#!/usr/bin/env python3
"""Reference values of the conditional PMFs bgnbd_pmf and mbgnbd_pmf, computed with mpmath.

Usage: python3 test/scripts/conditional_pmf_reference.py > test/unit/conditional_pmf_reference.csv
(Debian: apt-get install python3-mpmath; a few minutes.)

Prints CSV rows "fn,r,alpha,a,b,x,t_x,T,n,h,ref" (fn bgnbd_pmf or mbgnbd_pmf),
ref = P(n purchases in (T, T+h] | x, t_x, T), read by test/unit/test_bgnbd.c and
test_mbgnbd.c.

Each value is computed twice, in two independent ways, and must agree:

1. From the model's definition alone, integrating over (lambda, p): given (lambda, p), the history (x, t_x, T) has likelihood
     BG/NBD:  (1-p)^x lambda^x e^(-lambda T) + [x>0] p (1-p)^(x-1) lambda^x e^(-lambda t_x)
     MBG/NBD: (1-p)^(x+1) lambda^x e^(-lambda T) + p (1-p)^x lambda^x e^(-lambda t_x)
   (the first term: still alive at T), and an alive customer makes n purchases
   in the next h with probability
     (1-p)^n Pois(n; lambda h) + [n>0] p (1-p)^(n-1) P(Pois(lambda h) >= n)
   (stays after each of the n purchases and makes no more, or leaves right
   after the n-th of at least n); a customer gone makes none.  The lambda
   integrals against Gamma(r, alpha) are the elementary
   int lambda^(r-1+k) e^(-lambda c) = Gamma(r+k) / c^(r+k) (the Poisson tail
   as its upper sum, no difference), and those against Beta(a, b) the
   elementary int p^(a-1+i) (1-p)^(b-1+j) = B(a+i, b+j).  P(n | history) =
   P(history, n) / P(history).
   This uses neither the posterior update nor FHL 2005's eq. 8 nor any 2F1.

2. The extension's formula (src/core/bgnbd.h, mbgnbd.h):
     [n=0] (1 - P(alive)) + P(alive) P_new(n; r+x, alpha+T, a, b+x (+1 for MBG/NBD))
   with P_new FHL 2005's eq. 8 written with the regularized incomplete beta.

The script stops when the two differ by more than 1e-30 relative (1e-60
absolute), or when form 2 differs at 50 and 80 digits by more than 1e-25; it
prints form 2 at 80 digits.
"""
import itertools
import sys

import mpmath as mp


def p_alive(fam, r, alpha, a, b, x, t_x, T):
    if fam == 'bgnbd':
        if x == 0:
            return mp.mpf(1)
        return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x))
    return 1 / (1 + a / (b + x) * ((alpha + T) / (alpha + t_x)) ** (r + x))


def bg_pmf_new(r, alpha, a, b, n, h):
    """FHL 2005 eq. 8."""
    z = h / (alpha + h)
    nb = mp.gamma(r + n) / (mp.gamma(r) * mp.factorial(n)) * (alpha / (alpha + h)) ** r * z ** n
    v = mp.beta(a, b + n) / mp.beta(a, b) * nb
    if n > 0:
        v += mp.beta(a + 1, b + n - 1) / mp.beta(a, b) * mp.betainc(n, r, 0, z, regularized=True)
    return v


def formula(fam, r, alpha, a, b, x, t_x, T, n, h):
    pa = p_alive(fam, r, alpha, a, b, x, t_x, T)
    bx = b + x + (1 if fam == 'mbgnbd' else 0)
    v = pa * bg_pmf_new(r + x, alpha + T, a, bx, n, h)
    if n == 0:
        v += 1 - pa
    return v


def direct(fam, r, alpha, a, b, x, t_x, T, n, h):
    # lambda integrals, without the common factor alpha^r / Gamma(r)
    lam_T = mp.gamma(r + x) / (alpha + T) ** (r + x)              # int lambda^x e^(-lambda T)
    lam_tx = mp.gamma(r + x) / (alpha + t_x) ** (r + x)           # int lambda^x e^(-lambda t_x)
    c = alpha + T + h

    def lam_pois(j):                                              # int lambda^x e^(-lambda T) Pois(j; lambda h)
        return h ** j / mp.factorial(j) * mp.gamma(r + x + j) / c ** (r + x + j)

    def upper_sum(n):                                             # ... P(Pois >= n), summed directly
        total, j, term = mp.mpf(0), n, lam_pois(n)
        while True:
            total += term
            ratio = h / c * (r + x + j) / (j + 1)
            term *= ratio
            j += 1
            if ratio < 1 and term * ratio / (1 - ratio) < mp.mpf(10) ** (-mp.mp.dps - 5) * total:
                return total

    stay_n = lam_pois(n)
    at_least_n = upper_sum(n)
    k = x + (1 if fam == 'mbgnbd' else 0)                         # dropout chances survived to T
    dead = fam == 'mbgnbd' or x > 0                               # "gone after the last purchase" possible

    def pb(i, j):                                                 # int Beta(p; a, b) p^i (1-p)^j dp
        return mp.beta(a + i, b + j) / mp.beta(a, b)

    den = pb(0, k) * lam_T + (pb(1, k - 1) * lam_tx if dead else 0)
    num = pb(0, k + n) * stay_n
    if n > 0:
        num += pb(1, k + n - 1) * at_least_n
    elif dead:
        num += pb(1, k - 1) * lam_tx
    return num / den


def cases():
    models = {
        'bgnbd': [(0.243, 4.414, 0.793, 2.426),     # CDNOW, weeks (FHL 2005)
                  (0.3, 2.0, 2.5, 4.0), (1.2, 15.0, 0.2, 0.9)],
        'mbgnbd': [(0.525, 6.183, 0.891, 1.614),    # CDNOW, weeks (BTYDplus)
                   (0.3, 2.0, 2.5, 4.0), (1.2, 15.0, 0.2, 0.9)],
    }
    customers = [(0, 0, 0), (0, 0, 38.86), (1, 1.71, 38.86), (2, 30.43, 38.86),
                 (5, 38.86, 38.86), (20, 70.0, 78.0), (132, 70.0, 78.0)]
    out = []
    for fam in ('bgnbd', 'mbgnbd'):
        for (r, al, a, b), (x, tx, T), h, n in itertools.product(models[fam], customers, [1, 39, 520],
                                                                 [0, 1, 2, 5, 20, 100]):
            out.append((fam + '_pmf', r, al, a, b, x, tx, T, n, h))
    return out


def main():
    for case in cases():
        fn, r, al, a, b, x, tx, T, n, h = case
        fam = fn[:-len('_pmf')]
        vals = {}
        for dps in (50, 80):
            mp.mp.dps = dps
            args = [mp.mpf(v) for v in (r, al, a, b)] + [x, mp.mpf(tx), mp.mpf(T), n, mp.mpf(h)]
            vals[dps] = formula(fam, *args)
        if abs(vals[50] - vals[80]) > mp.mpf('1e-25') * abs(vals[80]) + mp.mpf('1e-60'):
            sys.exit('formula disagrees at 50 and 80 digits: %r: %s %s' % (case, vals[50], vals[80]))
        mp.mp.dps = 50
        args = [mp.mpf(v) for v in (r, al, a, b)] + [x, mp.mpf(tx), mp.mpf(T), n, mp.mpf(h)]
        q = direct(fam, *args)
        if abs(q - vals[80]) > mp.mpf('1e-30') * abs(vals[80]) + mp.mpf('1e-60'):
            sys.exit('the direct integral disagrees with the formula: %r: %s %s' % (case, q, vals[80]))
        print(','.join([fn] + [repr(float(v)) if isinstance(v, float) else str(v) for v in case[1:]]
                       + [mp.nstr(vals[80], 20)]))


if __name__ == '__main__':
    main()
