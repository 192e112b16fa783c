"""Reference values for the special functions of src/stats/special.rs (tests/engine_special.rs).

mpmath at 40 significant digits:
  * ln_gamma(z)            mpmath.loggamma
  * stirling_remainder(z)  loggamma(z) - ((z - 1/2) ln z - z + ln(2 pi)/2), z >= 10
  * normal_sf(z)           P(Z > z) = erfc(z / sqrt 2) / 2
  * ln_q(z)                ln P(Z > z), also where P underflows a double
  * ln_beta(a, b)          ln B(a, b) = loggamma(a) + loggamma(b) - loggamma(a + b)
  * beta_inc(a, b, x)      regularized I_x(a, b) (mpmath.betainc(..., regularized=True)), below the
                           continued fraction's switch point x < (a + 1)/(a + b + 2)

Run from this directory: python3 special.py   (needs mpmath)
"""
import json

import mpmath as mp

mp.mp.dps = 40


def s(v):
    return mp.nstr(v, 25, min_fixed=-1, max_fixed=-1)


def main():
    out = {"generator": "special.py (mpmath, 40 digits)"}
    zs = [1e-8, 0.1, 0.5, 1.0, 1.5, 2.5, 6.5, 9.99, 10.0, 33.3, 1e3, 1e6, 1e12]
    out["ln_gamma"] = [dict(z=z, value=s(mp.loggamma(mp.mpf(z)))) for z in zs]
    out["stirling_remainder"] = [
        dict(z=z, value=s(mp.loggamma(mp.mpf(z)) - ((mp.mpf(z) - 0.5) * mp.log(z) - z
                                                      + mp.log(2 * mp.pi) / 2)))
        for z in [10.0, 12.5, 50.0, 1e4, 1e8]]
    norm = [-8.0, -2.0, -0.3, 0.0, 0.2, 0.67, 1.0, 1.96, 4.0, 8.0, 20.0, 37.0]
    out["normal_sf"] = [dict(z=z, value=s(mp.erfc(mp.mpf(z) / mp.sqrt(2)) / 2)) for z in norm]
    out["ln_q"] = [dict(z=z, value=s(mp.log(mp.erfc(mp.mpf(z) / mp.sqrt(2)) / 2)))
                   for z in [-3.0, 0.0, 1.0, 2.5, 10.0, 40.0, 100.0, 1e4]]
    ab = [(0.5, 0.5), (0.5, 12.0), (3.5, 40.0), (20.0, 30.5), (100.0, 1000.0), (0.5, 1e6),
          (2.5, 5e5)]
    out["ln_beta"] = [dict(a=a, b=b, value=s(mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)))
                      for a, b in ab]
    cases = []
    for a, b in [(0.5, 2.5), (2.0, 3.0), (5.5, 0.5), (30.0, 12.0), (0.5, 5e4), (400.0, 700.0)]:
        top = (a + 1) / (a + b + 2)
        for frac in (0.05, 0.5, 0.95):
            x = float(mp.nstr(top * frac, 6))
            cases.append(dict(a=a, b=b, x=x,
                              value=s(mp.betainc(a, b, 0, x, regularized=True))))
    out["beta_inc"] = cases
    with open("special.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
