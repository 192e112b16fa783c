"""Generates nist.json: exact answers for the NIST StRD data *as parsed into doubles*.

NIST certifies values for the decimal data; a double cannot hold most of those decimals, so the best
any double code can do is the exact answer for the rounded inputs. This script parses every value
with float() (as Rust's str::parse::<f64> does: correctly rounded), converts each double exactly to a
Fraction, and computes mean, SD and the two-group Student t² (= one-way ANOVA F for AtmWtAg) with
rational arithmetic. Square roots are taken with 50-digit decimals, then rounded once to a double.

It also builds a Welch case near 1e9 with a spread of 0.1 (seeded, data stored in the fixture) and
its exact Welch t and Welch–Satterthwaite df.

Run from this directory: python3 nist_exact.py [DATA_DIR]   (default ../../../shared/data/nist,
i.e. the shared data directory beside the repository; /work/shared/data/nist on the build machine).
"""

import json
import random
import sys
from decimal import Decimal, getcontext
from fractions import Fraction
from pathlib import Path

getcontext().prec = 50


def exact(v: float) -> Fraction:
    return Fraction(v)  # exact value of the double


def sqrt_frac(q: Fraction) -> float:
    """Correctly rounded double of sqrt(q) (50 significant digits, then one rounding)."""
    d = (Decimal(q.numerator) / Decimal(q.denominator)).sqrt()
    return float(d)


def dec(q: Fraction) -> str:
    return str(Decimal(q.numerator) / Decimal(q.denominator))


def mean_var(xs):
    fs = [exact(v) for v in xs]
    n = len(fs)
    mean = sum(fs, Fraction(0)) / n
    m2 = sum(((f - mean) ** 2 for f in fs), Fraction(0))
    return n, mean, m2


def data_lines(path: Path):
    # NIST StRD files: data start on line 61 (1-based), as each header states.
    return [ln.split() for ln in path.read_text().splitlines()[60:] if ln.strip()]


def main():
    here = Path(__file__).resolve().parent
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "../../../shared/data/nist"
    out = {"source": "tests/reference/nist_exact.py (Python fractions on the doubles)", "univariate": []}

    for name in ["NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4"]:
        xs = [float(f[0]) for f in data_lines(data_dir / f"{name}.txt")]
        n, mean, m2 = mean_var(xs)
        var = m2 / (n - 1)
        out["univariate"].append({
            "name": name, "file": f"{name}.txt", "n": n,
            "mean": float(mean), "sd": sqrt_frac(var),
            "mean_decimal": dec(mean), "sd_decimal": str((Decimal(var.numerator) / Decimal(var.denominator)).sqrt()),
        })

    rows = data_lines(data_dir / "AtmWtAg.dat")
    g1 = [float(v) for k, v in rows if k == "1"]
    g2 = [float(v) for k, v in rows if k == "2"]
    n1, m1, s1 = mean_var(g1)
    n2, m2_, s2 = mean_var(g2)
    df = n1 + n2 - 2
    pooled = (s1 + s2) / df
    t2 = (m1 - m2_) ** 2 / (pooled * (Fraction(1, n1) + Fraction(1, n2)))
    out["atmwtag"] = {
        "file": "AtmWtAg.dat", "n1": n1, "n2": n2,
        "mean1": float(m1), "mean2": float(m2_),
        "t_squared": float(t2), "t_squared_decimal": dec(t2),
        "t": -sqrt_frac(t2) if m1 < m2_ else sqrt_frac(t2),
        "df": df,
        "certified_f_decimal_data": "1.59467335677930E+01",
    }

    # Welch near 1e9: values 1e9 + N(0.05, 0.1) and 1e9 + N(0.04, 0.1), rounded to 4 decimals, parsed.
    rng = random.Random(20261125)
    x = [float(f"{1e9 + round(rng.gauss(0.05, 0.1), 4):.4f}") for _ in range(1000)]
    y = [float(f"{1e9 + round(rng.gauss(0.04, 0.1), 4):.4f}") for _ in range(1200)]
    nx, mx, sx = mean_var(x)
    ny, my, sy = mean_var(y)
    a = sx / (nx - 1) / nx
    b = sy / (ny - 1) / ny
    t2 = (mx - my) ** 2 / (a + b)
    dfw = (a + b) ** 2 / (a * a / (nx - 1) + b * b / (ny - 1))
    out["welch_1e9"] = {
        "call": "Welch t.test(x, y) on the doubles below; exact rational answer",
        "x": x, "y": y,
        "estimate": float(mx - my),
        "t": sqrt_frac(t2) if mx > my else -sqrt_frac(t2),
        "df": float(dfw),
        "std_err": sqrt_frac(a + b),
    }
    (here / "nist.json").write_text(json.dumps(out, indent=1) + "\n")
    print("wrote nist.json")
    for u in out["univariate"]:
        print(u["name"], u["mean_decimal"][:22], u["sd_decimal"][:22])
    print("AtmWtAg t^2", out["atmwtag"]["t_squared_decimal"][:22], "(certified F for the decimal data 15.9467335677930)")
    print("welch 1e9 t", out["welch_1e9"]["t"], "df", out["welch_1e9"]["df"])


if __name__ == "__main__":
    main()
