#!/bin/sh
# Welch benchmark: ttest-xl vs a plain sum (memory floor) vs SciPy, on 2 x 10 million doubles.
# Usage: benches/run.sh   (from the repository root; run on a quiet machine)
set -eu
cd "$(dirname "$0")/.."
rust_out=$(cargo bench --quiet --bench welch)
echo "$rust_out"
echo
if py_out=$(python3 benches/scipy_welch.py 2>&1); then
  echo "$py_out"
  rust_ms=$(echo "$rust_out" | sed -n 's/^RUST_WELCH_MS=//p')
  floor_ms=$(echo "$rust_out" | sed -n 's/^RUST_FLOOR_MS=//p')
  scipy_ms=$(echo "$py_out" | sed -n 's/^SCIPY_WELCH_MS=//p')
  echo
  awk -v r="$rust_ms" -v f="$floor_ms" -v s="$scipy_ms" 'BEGIN {
    printf "ttest-xl welch / floor:  %.2f  (target <= 1.3)\n", r / f
    printf "scipy welch / floor:     %.2f\n", s / f
    printf "scipy / ttest-xl:        %.2f  (target >= 5)\n", s / r
  }'
else
  echo "SciPy benchmark skipped (python3 with numpy and scipy needed): $py_out"
fi
