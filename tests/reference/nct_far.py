"""Far tails of the noncentral t on the side opposite to ncp (tests/engine_nct.rs).

There the Poisson-series terms cancel (R's pnt, Boost/SciPy and our series all lose relative
precision; SciPy returns 1.1e-73 for P(T > 1.5; 5, -20) = 3.56e-94), so ttest-xl integrates
positive terms instead. Reference: the tail integral P(T > t) = int f_chi_nu(s) Q(mu + t s/sqrt(nu)) ds
(mu = -ncp > 0) at 40 digits with mpmath, with dense breakpoints (every 1/40 of the range where
the integrand is within e^-120 of its peak: 60 and 97 panels); run twice with different breakpoint densities and
the relative disagreement recorded as check_rel (2e-11 for the first case, < 1e-23 otherwise).

Run: python3 nct_far.py  (writes nct_far.json)
"""
import json
import mpmath as mp

mp.mp.dps = 40

CASES = [(1.5, 5, -20), (0.7, 1, -10), (40, 1, -3), (3, 1e6, -2), (2, 30, -1),
         (4, 30, -2), (10, 1000, -5), (1, 2, -6), (6, 1e5, -4)]


def upper_tail(t, df, ncp, per):
    t, nu, mu = mp.mpf(t), mp.mpf(df), -mp.mpf(ncp)
    lognorm = (nu / 2 - 1) * mp.log(2) + mp.loggamma(nu / 2)
    a = t / mp.sqrt(nu)

    def logg(s):
        if s <= 0:
            return mp.mpf(0) if nu == 1 else -mp.inf
        return (nu - 1) * mp.log(s) - s * s / 2 - lognorm + mp.log(mp.ncdf(-(mu + a * s)))

    hi = mp.sqrt(max(nu - 1, 0)) + 45
    grid = [hi * i / 2000 for i in range(1, 2001)]
    vals = [logg(s) for s in grid]
    peak = max(vals)
    keep = [s for s, v in zip(grid, vals) if v > peak - 120]
    lo_s, hi_s = max(mp.mpf(0), keep[0] - hi / 2000), keep[-1] + hi / 2000
    pts = [lo_s + (hi_s - lo_s) * i / per for i in range(per + 1)]
    return mp.quad(lambda s: mp.exp(logg(s)) if s > 0 or nu == 1 else mp.mpf(0), pts, maxdegree=10)


rows = []
for t, df, ncp in CASES:
    a = upper_tail(t, df, ncp, 60)
    b = upper_tail(t, df, ncp, 97)
    rows.append({"t": t, "df": df, "ncp": ncp, "sf": mp.nstr(a, 20, min_fixed=-1, max_fixed=-1),
                 "check_rel": float(abs(a - b) / a),
                 "call": f"nct_far.py upper_tail({t}, {df}, {ncp})"})
    print(rows[-1])
with open("nct_far.json", "w") as f:
    json.dump({"source": "tests/reference/nct_far.py (mpmath 40 digits)", "far": rows}, f, indent=0)
