"""Independent high-precision reference for the noncentral t distribution (tests/engine_nct.rs).

Why not R alone: R's pt(q, df, ncp) (src/nmath/pnt.c, AS 243) is exact only for df <= 4e5 and
|ncp| <= 37.62; outside that it switches to a normal approximation (Abramowitz & Stegun 26.7.10),
so it cannot be the truth over the required range df 1..1e6, ncp -40..40. This script computes
both tails by direct numerical integration at 40 significant digits with mpmath:

    P(T <= t) = int_0^inf f_chi_nu(s) * Phi(t*s/sqrt(nu) - ncp) ds
    P(T >  t) = int_0^inf f_chi_nu(s) * Phi(ncp - t*s/sqrt(nu)) ds

with f_chi_nu the chi density (T = (Z + ncp)/(S/sqrt(nu)), S ~ chi_nu). Each tail is integrated on
its own (no 1 - cdf). Breakpoints are placed around the chi mode and around the point where the
normal argument crosses 0, so tanh-sinh quadrature resolves both features.

Run: python3 nct.py   (needs mpmath; writes nct_mpmath.json, read by nct.R to add R's values)
"""
import json
import mpmath as mp

mp.mp.dps = 40

DFS = [1, 2, 5, 30, 1000, 1e5, 1e6]
NCPS = [-40, -37.7, -20, -5, -1, 0, 0.5, 2, 8, 20, 37, 38, 40]


def t_points(df, ncp):
    s = (1 + ncp * ncp / (2 * df)) ** 0.5
    pts = [ncp - 3 * s, ncp - s, ncp, ncp + s, ncp + 3 * s, 0.0, 1.5, -1.5]
    if df < 10:
        pts += [ncp * 2.5 + 1.0]
    out = []
    for p in pts:
        p = float(f"{p:.6g}")  # short decimal, exactly representable in the JSON text
        if p not in out:
            out.append(p)
    return out


def tails(t, df, ncp):
    t = mp.mpf(t)
    nu = mp.mpf(df)
    d = mp.mpf(ncp)
    lognorm = (nu / 2 - 1) * mp.log(2) + mp.loggamma(nu / 2)

    def dens(s):
        if s <= 0:
            return mp.mpf(0)
        return mp.exp((nu - 1) * mp.log(s) - s * s / 2 - lognorm)

    mode = mp.sqrt(max(nu - 1, 0))
    lo = max(mp.mpf(0), mode - 45)
    hi = mode + 45
    pts = set([lo, hi])
    k = -44
    while k <= 44:
        v = mode + k
        if lo < v < hi:
            pts.add(v)
        k += 4 if abs(k) > 8 else 1
    if t != 0:
        c = d * mp.sqrt(nu) / t  # normal argument t s / sqrt(nu) - d crosses 0 here
        w = mp.sqrt(nu) / abs(t)  # one unit of the normal argument in s
        for j in [-12, -6, -3, -1, 0, 1, 3, 6, 12]:
            v = c + j * w
            if lo < v < hi:
                pts.add(v)
    pts = sorted(pts)
    a = t / mp.sqrt(nu)
    lower = mp.quad(lambda s: dens(s) * mp.ncdf(a * s - d), pts, maxdegree=10)
    upper = mp.quad(lambda s: dens(s) * mp.ncdf(d - a * s), pts, maxdegree=10)
    return lower, upper


def main():
    rows = []
    for df in DFS:
        for ncp in NCPS:
            for t in t_points(df, ncp):
                lo, up = tails(t, df, ncp)
                rows.append({"t": t, "df": df, "ncp": ncp,
                             "cdf": mp.nstr(lo, 20, min_fixed=-1, max_fixed=-1),
                             "sf": mp.nstr(up, 20, min_fixed=-1, max_fixed=-1),
                             "sum_minus_1": float(lo + up - 1)})
    with open("nct_mpmath.json", "w") as f:
        json.dump({"source": "tests/reference/nct.py: mpmath 40-digit quadrature", "grid": rows}, f,
                  indent=0)
    print("wrote nct_mpmath.json,", len(rows), "points; max |cdf+sf-1| =",
          max(abs(r["sum_minus_1"]) for r in rows))


if __name__ == "__main__":
    main()
