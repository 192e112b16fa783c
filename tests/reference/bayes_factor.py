"""Independent high-precision reference for the JZS Bayes factor (tests/engine_bayes_factor.rs).

Rouder, Speckman, Sun, Morey & Iverson (2009), eq. 1 with prior scale r (BayesFactor's rscale):

              int_0^inf (1 + N g r^2)^(-1/2) (1 + t^2/((1 + N g r^2) nu))^(-(nu+1)/2)
                        (2 pi)^(-1/2) g^(-3/2) exp(-1/(2g)) dg
    BF10 = ----------------------------------------------------------------------
                                  (1 + t^2/nu)^(-(nu+1)/2)

N = n, nu = n - 1 (one sample / paired); N = n1 n2/(n1 + n2), nu = n1 + n2 - 2 (two samples).
The integral is evaluated with mpmath at 30 significant digits by tanh-sinh quadrature over
g in [0, inf), split at powers of ten around the integrand's peak. The cases are those of
bayes_factor.R (BayesFactor 0.9.12) plus designs BayesFactor refuses (N < 1) and |t| > 15, where
BayesFactor uses an approximation.

Run from this directory: python3 bayes_factor.py   (needs mpmath)
"""
import json
import math

import mpmath as mp

mp.mp.dps = 30


def ln_bf10(t, n1, n2, r):
    t, r = mp.mpf(t), mp.mpf(r)
    if n2 == 0:
        n, nu = mp.mpf(n1), mp.mpf(n1 - 1)
    else:
        n, nu = mp.mpf(n1) * n2 / (n1 + n2), mp.mpf(n1 + n2 - 2)

    def ln_f(g):
        a = 1 + n * g * r * r
        return (-mp.log(a) / 2 - (nu + 1) / 2 * mp.log(1 + t * t / (a * nu))
                - mp.log(2 * mp.pi) / 2 - mp.mpf(3) / 2 * mp.log(g) - 1 / (2 * g))

    # Peak of the integrand on a log grid, then breakpoints at decades around it.
    grid = [mp.mpf(10) ** (k / mp.mpf(8)) for k in range(-8 * 18, 8 * 36)]
    peak_g = max(grid, key=ln_f)
    peak = ln_f(peak_g)
    f = lambda g: mp.exp(ln_f(g) - peak) if g > 0 else mp.mpf(0)
    e = int(mp.floor(mp.log10(peak_g)))
    pts = [mp.mpf(0)] + [mp.mpf(10) ** k for k in range(e - 6, e + 30)] + [mp.inf]
    total = mp.quad(f, pts)
    return peak + mp.log(total) + (nu + 1) / 2 * mp.log(1 + t * t / nu)


def main():
    with open("bayes_factor.json") as f:
        r_cases = json.load(f)["cases"]
    points = [(c["t"], c["n1"], c["n2"], c["rscale"]) for c in r_cases]
    medium = math.sqrt(2) / 2
    for r in (medium, 1.0):
        for t in (15.5, -25.0, 40.0, 120.0):
            for n1, n2 in ((5, 0), (30, 0), (400, 0), (10, 12), (200, 300)):
                points.append((t, n1, n2, r))
        for n1, n2, t in ((1, 2, 0.7), (1, 2, 30.0), (1, 5, -2.0), (2, 1, 4.0)):
            points.append((t, n1, n2, r))
    cases = []
    for t, n1, n2, r in points:
        v = ln_bf10(t, n1, n2, r)
        cases.append(dict(t=t, n1=n1, n2=n2, rscale=r, ln_bf10=mp.nstr(v, 25),
                          call=f"mpmath JZS integral t = {t!r}, n1 = {n1}, n2 = {n2}, r = {r!r}"))
    with open("bayes_factor_mpmath.json", "w") as f:
        json.dump({"generator": "bayes_factor.py (mpmath, 30 digits)", "cases": cases}, f,
                  indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
