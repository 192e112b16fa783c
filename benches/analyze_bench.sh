#!/bin/sh
# Benchmark of `ttest-xl analyze` beside R (readxl + t.test) and Python (pandas.read_excel + scipy)
# on the same large workbook: N respondents × K items × 2 sheets (default 100,000 × 40).
# Reports wall time and peak memory (GNU time -v) of each, in one run. Not a timed test.
#
#   benches/analyze_bench.sh [N] [K]
#
# Needs: cargo; optional Rscript with readxl (Debian r-cran-readxl), python3 with pandas, openpyxl
# and scipy. A missing competitor is reported as skipped.
#
# Measured 2026-11-25 on the shared 2-core build machine (load average ~13, so CPU time is the
# fair figure; wall times were 22 s / 15 s / 2 min 56 s):
#   ttest-xl  cpu  7.8 s  peak RSS 1229 MiB  (reading 5.3 s, analysis 0.2 s, workbook 1.9 s)
#   R         cpu  4.5 s  peak RSS 2058 MiB  (readxl + t.test)
#   Python    cpu 58.0 s  peak RSS  372 MiB  (pandas.read_excel/openpyxl + scipy)
# The peak memory is reached while reading (src/workbook); the analysis and the streamed
# (constant-memory) Data sheet add about 1 MiB.
set -eu
N=${1:-100000}
K=${2:-40}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-$(mktemp -d)}
BOOK="$WORK/bench_${N}x${K}.xlsx"
TIME=/usr/bin/time

cd "$ROOT"
cargo build --release --quiet --example bench_workbook --bin ttest-xl
if [ ! -f "$BOOK" ]; then
  ./target/release/examples/bench_workbook "$BOOK" "$N" "$K"
fi
ls -l "$BOOK"
echo "cores: $(nproc)"

measure() { # name, command...
  name=$1; shift
  if "$TIME" -v "$@" > "$WORK/$name.out" 2> "$WORK/$name.time"; then
    wall=$(grep "Elapsed (wall clock)" "$WORK/$name.time" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$WORK/$name.time" | awk '{print $NF}')
    usr=$(grep "User time" "$WORK/$name.time" | awk '{print $NF}')
    sys=$(grep "System time" "$WORK/$name.time" | awk '{print $NF}')
    # CPU time is the fair figure on a shared machine; wall time depends on the load.
    printf '%-10s wall %10s   cpu %8.2f s   peak RSS %8.1f MiB\n' "$name" "$wall" \
      "$(echo "$usr + $sys" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  else
    printf '%-10s FAILED (see %s)\n' "$name" "$WORK/$name.time"
    tail -5 "$WORK/$name.time"
  fi
}

measure ttest-xl ./target/release/ttest-xl analyze "$BOOK" -o "$WORK/results.xlsx" --force --quiet \
  --json "$WORK/results.json"
if command -v Rscript > /dev/null && Rscript -e 'library(readxl)' > /dev/null 2>&1; then
  measure R Rscript benches/analyze_bench.R "$BOOK"
else
  echo "R         skipped (Rscript or readxl missing)"
fi
if python3 -c 'import pandas, scipy, openpyxl' > /dev/null 2>&1; then
  measure Python python3 benches/analyze_bench.py "$BOOK"
else
  echo "Python    skipped (pandas, scipy or openpyxl missing)"
fi
cat "$WORK"/*.out 2> /dev/null || true
echo "files in $WORK"
