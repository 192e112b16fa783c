"""Reference values for the equivalence tests (TOST): tests/engine_tost.rs, tests/c/tost_bayes.c.

statsmodels 0.15 (statsmodels.stats.weightstats):
  * ttost_ind(x, y, low, upp, usevar="unequal" | "pooled")   Welch / Student, difference x - y
  * ttost_paired(x, y, low, upp)                             paired, difference x - y
  * DescrStatsW(x).ttost_mean(low, upp)                      one sample, bounds on mean(x)
  each returning (p, (t_lower, p_lower, df), (t_upper, p_upper, df)); the 1 - 2 alpha interval from
  CompareMeans(...).tconfint_diff(alpha, usevar=...) and DescrStatsW(...).tconfint_mean(alpha).
pingouin 0.5+ tost(x, y, bound, paired, correction) gives p (and dof) for symmetric bounds, a
second, independent implementation.

Run from this directory: python3 tost.py   (pip install statsmodels pingouin)
"""
import json

import numpy as np
import pingouin as pg
import statsmodels
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW, ttost_ind, ttost_paired

rng = np.random.default_rng(20261204)


def r17(v):
    return float(f"{float(v):.17g}")


def pack(name, kind, x, y, low, high, conf, res, ci, pingouin_p=None):
    p, (tl, pl, dfl), (tu, pu, dfu) = res
    assert abs(dfl - dfu) < 1e-12
    out = dict(name=name, kind=kind, x=[r17(v) for v in x], low=low, high=high, conf=conf,
               p_value=r17(p), p_lower=r17(pl), p_upper=r17(pu), statistic_lower=r17(tl),
               statistic_upper=r17(tu), df=r17(dfl), conf_low=r17(ci[0]), conf_high=r17(ci[1]))
    if y is not None:
        out["y"] = [r17(v) for v in y]
    if pingouin_p is not None:
        out["pingouin_p"] = r17(pingouin_p)
    return out


def two_sample(name, x, y, low, high, conf=0.90, pooled=False):
    usevar = "pooled" if pooled else "unequal"
    res = ttost_ind(x, y, low, high, usevar=usevar)
    cm = CompareMeans(DescrStatsW(x), DescrStatsW(y))
    ci = cm.tconfint_diff(alpha=1 - conf, usevar=usevar)
    pp = None
    if low == -high:
        # pingouin: correction=True is Welch; False the pooled test.
        pp = pg.tost(x, y, bound=high, paired=False, correction=not pooled)["pval"].iloc[0]
    return pack(name, "student" if pooled else "welch", x, y, low, high, conf, res, ci, pp)


def paired(name, x, y, low, high, conf=0.90):
    res = ttost_paired(np.asarray(x), np.asarray(y), low, high)
    ci = DescrStatsW(np.asarray(x) - np.asarray(y)).tconfint_mean(alpha=1 - conf)
    pp = None
    if low == -high:
        pp = pg.tost(x, y, bound=high, paired=True)["pval"].iloc[0]
    return pack(name, "paired", x, y, low, high, conf, res, ci, pp)


def one_sample(name, x, low, high, conf=0.90):
    d = DescrStatsW(x)
    res = d.ttost_mean(low, high)
    ci = d.tconfint_mean(alpha=1 - conf)
    return pack(name, "one_sample", x, None, low, high, conf, res, ci)


def likert(n, p):
    return [float(v) for v in rng.choice([1, 2, 3, 4, 5], size=n, p=p)]


def main():
    before = likert(40, [0.05, 0.15, 0.3, 0.35, 0.15])
    after = likert(36, [0.06, 0.14, 0.32, 0.33, 0.15])
    paired_after = [min(5.0, max(1.0, b + float(rng.choice([-1, 0, 0, 0, 1])))) for b in before]
    small_x = [4.0, 5.0, 4.5, 5.5, 4.8, 5.2]
    small_y = [4.6, 5.1, 4.4, 5.0, 5.3, 4.9]
    normal_x = [r17(v) for v in rng.normal(10.0, 2.0, 25)]
    normal_y = [r17(v) for v in rng.normal(10.5, 3.0, 18)]
    cases = [
        two_sample("welch likert +-0.3", before, after, -0.3, 0.3),
        two_sample("student likert +-0.3", before, after, -0.3, 0.3, pooled=True),
        two_sample("welch likert +-0.5", before, after, -0.5, 0.5),
        two_sample("welch small, equivalent", small_x, small_y, -1.0, 1.0),
        two_sample("student small, asymmetric bounds, 95%", small_x, small_y, -0.4, 0.9, 0.95, True),
        two_sample("welch unequal variances, asymmetric", normal_x, normal_y, -2.0, 1.0),
        two_sample("student unequal sizes", normal_x, normal_y, -1.5, 1.5, pooled=True),
        paired("paired likert +-0.3", before, paired_after, -0.3, 0.3),
        paired("paired likert asymmetric", before, paired_after, -0.2, 0.4, 0.80),
        paired("paired normal", normal_x[:18], normal_y, -1.0, 1.0),
        one_sample("one-sample likert around 3.5", before, 3.2, 3.8),
        one_sample("one-sample normal", normal_x, 9.0, 11.0, 0.95),
        # Small cases typed into tests/c/tost_bayes.c.
        paired("paired small", small_x, small_y, -0.5, 0.5),
        one_sample("one-sample small", small_x, 4.5, 5.5),
    ]
    with open("tost.json", "w") as f:
        json.dump({"generator": f"tost.py (statsmodels {statsmodels.__version__}, "
                                f"pingouin {pg.__version__})", "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
