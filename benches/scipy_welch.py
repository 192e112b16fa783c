"""SciPy's Welch test on two arrays of 10 million doubles (the same size and distribution as
benches/welch.rs), beside NumPy's plain sum over the same arrays. Minimum of several runs.

Run: python3 benches/scipy_welch.py   (needs numpy and scipy: pip install numpy scipy)
"""

import time

import numpy as np
from scipy import stats

N = 10_000_000
REPS = 7


def min_time(f):
    best = float("inf")
    for _ in range(REPS):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best * 1e3


def main():
    rng = np.random.default_rng(20261125)
    x = rng.normal(100.0, 15.0, N)
    y = rng.normal(101.0, 20.0, N)
    floor = min_time(lambda: np.sum(x) + np.sum(y))
    welch = min_time(lambda: stats.ttest_ind(x, y, equal_var=False))
    r = stats.ttest_ind(x, y, equal_var=False)
    print(f"data: 2 x {N} doubles, min of {REPS} runs (scipy {__import__('scipy').__version__})")
    print(f"numpy sum (floor):            {floor:8.2f} ms")
    print(f"scipy ttest_ind(equal_var=False): {welch:8.2f} ms")
    print(f"ratio scipy / numpy sum:      {welch / floor:8.2f}")
    print(f"(t = {r.statistic:.6f}, p = {r.pvalue:.3e})")
    print(f"SCIPY_WELCH_MS={welch:.3f}")


if __name__ == "__main__":
    main()
