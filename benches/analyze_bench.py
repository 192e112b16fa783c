"""Benchmark counterpart of `ttest-xl analyze` in Python: pandas.read_excel + scipy.stats per item
(paired by 職員番号), Cohen's d_z and Holm. Usage: python3 analyze_bench.py big.xlsx"""
import sys

import numpy as np
import pandas as pd
from scipy import stats

path = sys.argv[1]
before = pd.read_excel(path, sheet_name="事前")
after = pd.read_excel(path, sheet_name="事後")
m = before.merge(after, on="職員番号", suffixes=(".first", ".second"))
items = [c for c in before.columns if c not in ("職員番号", "所属")]
ps, ts = [], []
for it in items:
    a, b = m[it + ".second"].to_numpy(float), m[it + ".first"].to_numpy(float)
    ok = ~(np.isnan(a) | np.isnan(b))
    r = stats.ttest_rel(a[ok], b[ok])
    ts.append(r.statistic)
    ps.append(r.pvalue)
order = np.argsort(ps)
k = len(ps)
holm = np.minimum(1, np.maximum.accumulate(np.array(ps)[order] * (k - np.arange(k))))
print(f"Python: {k} items, first t = {ts[0]:.6f}, smallest p_holm = {holm[0]:.3g}")
