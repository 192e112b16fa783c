"""Exact references for the one-sample, paired and Student t-tests where doubles lose digits.

Generates exact_large.json, read by tests/engine_exact.rs (issue 15, defects 1 and 2).

Every input is a double; each is converted exactly to a Fraction, so mean, variance and
mean - mu are exact rationals *for the double inputs*. Square roots, the t distribution and the
noncentral t distribution are evaluated with mpmath at 40 significant digits:

* t = (mean - mu) / sqrt(var / n) (one sample; paired on the exact differences x - y);
  Student: t = (mean_x - mean_y - mu) / (s_p sqrt(1/n_x + 1/n_y)), s_p^2 = (SS_x + SS_y)/(n_x + n_y - 2);
* p = 2 P(T_nu > |t|) from the regularized incomplete beta function (mpmath.betainc);
* CI of the estimate: estimate -/+ qt(1 - alpha/2, nu) se, qt solved with mpmath.findroot;
* Cohen's d = (estimate - mu)/s and its CI [delta_L, delta_U] sqrt(h) with delta solving
  P(T_nu(delta) > t) = alpha/2 and P(T_nu(delta) <= t) = alpha/2 (noncentral t by quadrature,
  nct.tails), Hedges' g = J(nu) d with J(nu) = Gamma(nu/2) / (sqrt(nu/2) Gamma((nu - 1)/2)).

The paired case uses y on a coarse binary grid so that the differences x - y are exact doubles
(as every paired test, ttest-xl rounds each difference to a double once).

Cross-check with R 4.2 for the Student case (issue 15): t.test(2.5, c(1, 2, 3, 4.5),
var.equal = TRUE) gives t = -0.07495317, p = 0.9449; effectsize::cohens_d gives -0.08 [-2.27, 2.12].

Run from this directory: python3 exact_large.py   (needs mpmath)
"""
import json
from fractions import Fraction

import mpmath as mp

from nct import tails

mp.mp.dps = 40


def mpf(q: Fraction):
    return mp.mpf(q.numerator) / q.denominator


def mean_ss(xs):
    n = len(xs)
    m = sum(xs, Fraction(0)) / n
    return m, sum(((v - m) ** 2 for v in xs), Fraction(0))


def t_sf(t, nu):
    """P(T_nu > t) for t >= 0 via the incomplete beta function."""
    x = nu / (nu + t * t)
    return mp.betainc(nu / 2, mp.mpf(1) / 2, 0, x, regularized=True) / 2


def t_cdf(t, nu):
    return t_sf(-t, nu) if t < 0 else 1 - t_sf(t, nu)


def qt(p, nu):
    return mp.findroot(lambda q: t_cdf(q, nu) - p, mp.mpf(2))


def ncp_limits(t, nu, level):
    a2 = (1 - mp.mpf(level)) / 2
    lo = mp.findroot(lambda d: tails(t, nu, d)[1] - a2, (t - 3, t), solver="anderson")
    hi = mp.findroot(lambda d: tails(t, nu, d)[0] - a2, (t, t + 3), solver="anderson")
    return lo, hi


def hedges_j(nu):
    return mp.exp(mp.loggamma(nu / 2) - mp.log(mp.sqrt(nu / 2)) - mp.loggamma((nu - 1) / 2))


def s(v):
    return mp.nstr(v, 25, min_fixed=-1, max_fixed=-1) if isinstance(v, mp.mpf) else v


def record(name, kind, diff, est, sd, se, nu, h, level, extra):
    t = diff / se
    p = 2 * t_sf(abs(t), nu)
    q = qt(1 - (1 - mp.mpf(level)) / 2, nu)
    lo, hi = ncp_limits(t, nu, level)
    d = diff / sd
    j = hedges_j(nu)
    rh = mp.sqrt(h)
    out = dict(
        name=name, kind=kind, conf=level, statistic=t, df=nu, p_value=p, estimate=est,
        conf_low=est - q * se, conf_high=est + q * se, difference=diff, std_err=se,
        d=d, d_low=lo * rh, d_high=hi * rh, g=d * j, g_low=lo * rh * j, g_high=hi * rh * j,
    )
    out.update(extra)
    return {k: s(v) for k, v in out.items()}


def one_sample(name, x, mu, level=0.95):
    q = [Fraction(v) for v in x]
    n = len(q)
    m, ss = mean_ss(q)
    sd = mp.sqrt(mpf(ss / (n - 1)))
    se = sd / mp.sqrt(n)
    diff = mpf(m - Fraction(mu))
    return record(name, "one_sample", diff, mpf(m), sd, se, mp.mpf(n - 1), mp.mpf(1) / n, level,
                  dict(x=x, mu=mu, sd=sd))


def paired(name, x, y, mu, level=0.95):
    dq = [Fraction(a) - Fraction(b) for a, b in zip(x, y)]
    assert all(Fraction(a - b) == e for a, b, e in zip(x, y, dq)), "differences must be exact"
    n = len(dq)
    m, ss = mean_ss(dq)
    sd = mp.sqrt(mpf(ss / (n - 1)))
    se = sd / mp.sqrt(n)
    diff = mpf(m - Fraction(mu))
    return record(name, "paired", diff, mpf(m), sd, se, mp.mpf(n - 1), mp.mpf(1) / n, level,
                  dict(x=x, y=y, mu=mu, sd_diff=sd))


def student(name, x, y, mu=0.0, level=0.95):
    qx, qy = [Fraction(v) for v in x], [Fraction(v) for v in y]
    nx, ny = len(qx), len(qy)
    mx, ssx = mean_ss(qx)
    my, ssy = mean_ss(qy)
    nu = nx + ny - 2
    sp = mp.sqrt(mpf((ssx + ssy) / nu))
    se = sp * mp.sqrt(mp.mpf(1) / nx + mp.mpf(1) / ny)
    diff = mpf(mx - my - Fraction(mu))
    return record(name, "student", diff, mpf(mx - my), sp, se, mp.mpf(nu),
                  mp.mpf(1) / nx + mp.mpf(1) / ny, level, dict(x=x, y=y, mu=mu, sd_pooled=sp))


def main():
    big = [1000000000.1, 1000000000.2, 1000000000.3, 1000000000.4, 1000000000.5, 1000000000.61]
    cases = [
        one_sample("issue 15 defect 1: one-sample near 1e9", big, 1e9),
        one_sample("one-sample near 1e9, mu inside the data, 90%", big, 1000000000.3, 0.90),
        one_sample("one-sample near -1e12", [-1e12 - 0.5, -1e12 + 0.25, -1e12 - 0.125,
                                             -1e12 + 0.75, -1e12], -1e12 + 1.0),
        paired("paired, differences near 1e9", big, [0.5, 0.25, 1.0, 0.75, 0.5, 0.125],
               1e9 - 0.5),
        student("issue 15 defect 2: Student with a group of one", [2.5], [1.0, 2.0, 3.0, 4.5]),
        student("Student with a group of one on the right", [1.0, 2.0, 3.0, 4.5], [0.25]),
    ]
    with open("exact_large.json", "w") as f:
        json.dump({"generator": "exact_large.py (fractions + mpmath 40 digits)",
                   "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
