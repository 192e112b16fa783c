#!/bin/sh
# Benchmark of `ttest-xl analyze` beside R (readxl + t.test) and Python (pandas.read_excel + scipy)
# on the same large workbook: N respondents × K items × 2 sheets (default 100,000 × 40).
# Reports wall time and peak memory (GNU time -v) of each, in one run. Not a timed test.
#
#   benches/analyze_bench.sh [N] [K]        (REPEAT=3 REPEAT_PY=1 BENCH_DIR=dir to keep files,
#                                            BASELINE=path/to/older/ttest-xl to compare builds)
#
# Needs: cargo; optional Rscript with readxl (Debian r-cran-readxl), python3 with pandas, openpyxl
# and scipy. A missing competitor is reported as skipped.
#
# Measured 2026-12-04 18:07-18:10 UTC on the 2-core build machine shared with six other
# engineers' builds (load average 3.5-4.2, so wall times are inflated and CPU times less so),
# REPEAT=3 (ttest-xl, R and the previous build alternating), REPEAT_PY=0, medians, branch
# xlsxperf at 8477cda against main at aa503a7 (BASELINE):
#   ttest-xl  wall  2.89 s  cpu  3.93 s  peak RSS  225 MiB   (runs 2.43-3.07 s wall)
#   baseline  wall  5.62 s  cpu  5.77 s  peak RSS  224 MiB   (aa503a7: pre-scan, then calamine)
#   R         wall  5.11 s  cpu  4.94 s  peak RSS 2081 MiB   (readxl + t.test)
#   ratios: baseline/ttest-xl 1.9x wall, 1.5x cpu, 1.00x memory; R/ttest-xl 1.8x wall, 1.3x cpu,
#   9.2x memory. At load 8-11 (17:46-17:50): ttest-xl cpu 3.81 s, baseline 5.53 s, R 5.04 s
#   (same ratios of CPU); at load 4.3 (before the last two reader commits): ttest-xl cpu 4.02 s,
#   baseline 5.25 s, R 6.04 s. Before the .xlsx pre-scan of issue 18 the same workbook
#   took 2.57 s wall / 4.35 s cpu / 224 MiB (quiet machine), and with it (before this fold)
#   3.70 s / 6.19 s / 225 MiB: the cost of the pre-scan is gone (each sheet is
#   now inflated and tokenised once, its cells read in the checking pass). Results (--json) are
#   byte-identical to the baseline's. The 4x (R) and 25x (Python) targets are NOT met; the memory
#   target (< 512 MiB) is.
# Where ttest-xl's CPU goes now (perf, same workbook): the one pass over the two sheets (inflate,
# tokenise, cells) ~40 % (one sheet per thread), the Data sheet's deflate ~7 % and XML ~2 %,
# our reader and layout (header, rows, items/scale evidence) ~15 %, the analysis ~6 %. The peak
# (225 MiB) is while the sheets are read: the cell grid (~20 B a cell for 8.4 M cells) plus the
# value columns.
set -eu
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
N=${1:-100000}
K=${2:-40}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-$(mktemp -d)}
BOOK="$WORK/bench_${N}x${K}.xlsx"
TIME=/usr/bin/time

cd "$ROOT"
cargo build --release --quiet -p ttest-xl-cli --example bench_workbook --bin ttest-xl
if [ ! -f "$BOOK" ]; then
  ./target/release/examples/bench_workbook "$BOOK" "$N" "$K"
fi
ls -l "$BOOK"
echo "cores: $(nproc)"

measure() { # name, command...: one run, appended to $WORK/$name.runs
  name=$1; shift
  if "$TIME" -v "$@" > "$WORK/$name.out" 2> "$WORK/$name.time"; then
    wall=$(grep "Elapsed (wall clock)" "$WORK/$name.time" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$WORK/$name.time" | awk '{print $NF}')
    usr=$(grep "User time" "$WORK/$name.time" | awk '{print $NF}')
    sys=$(grep "System time" "$WORK/$name.time" | awk '{print $NF}')
    # Wall clock as h:mm:ss or m:ss.ss, in seconds.
    wall_s=$(echo "$wall" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
    cpu_s=$(echo "$usr + $sys" | bc -l)
    rss_mib=$(echo "$rss / 1024" | bc -l)
    echo "$wall_s $cpu_s $rss_mib" >> "$WORK/$name.runs"
    # CPU time is the fair figure on a shared machine; wall time depends on the load.
    printf '%-10s wall %8.2f s   cpu %8.2f s   peak RSS %8.1f MiB   (load %s)\n' "$name" "$wall_s" \
      "$cpu_s" "$rss_mib" "$(cut -d' ' -f1 /proc/loadavg)"
  else
    printf '%-10s FAILED (see %s)\n' "$name" "$WORK/$name.time"
    tail -5 "$WORK/$name.time"
  fi
}

# Median of each column of $WORK/$name.runs into $WORK/$name.fig.
median() {
  name=$1
  [ -s "$WORK/$name.runs" ] || return 0
  for col in 1 2 3; do
    cut -d' ' -f$col "$WORK/$name.runs" | sort -g | awk '{v[NR] = $1} END {
      print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
  done | paste -sd' ' > "$WORK/$name.fig"
}

have_r=false
if command -v Rscript > /dev/null && Rscript -e 'library(readxl)' > /dev/null 2>&1; then
  have_r=true
else
  echo "R         skipped (Rscript or readxl missing)"
fi
have_py=false
if python3 -c 'import pandas, scipy, openpyxl' > /dev/null 2>&1; then
  have_py=true
else
  echo "Python    skipped (pandas, scipy or openpyxl missing)"
fi
rm -f "$WORK"/*.runs "$WORK"/*.fig
# ttest-xl and R alternate REPEAT times (default 3) so that both see the same machine load;
# Python (about 50 s a run) runs REPEAT_PY times (default 1). Medians are compared.
i=0
while [ "$i" -lt "${REPEAT:-3}" ]; do
  measure ttest-xl ./target/release/ttest-xl analyze "$BOOK" -o "$WORK/results.xlsx" --force \
    --quiet --json "$WORK/results.json"
  if $have_r; then measure R Rscript benches/analyze_bench.R "$BOOK"; fi
  if [ -n "${BASELINE:-}" ]; then
    measure baseline "$BASELINE" analyze "$BOOK" -o "$WORK/results_baseline.xlsx" --force \
      --quiet --json "$WORK/results_baseline.json"
  fi
  i=$((i + 1))
done
i=0
while $have_py && [ "$i" -lt "${REPEAT_PY:-1}" ]; do
  measure Python python3 benches/analyze_bench.py "$BOOK"
  i=$((i + 1))
done
for name in ttest-xl baseline R Python; do
  median "$name"
  if [ -f "$WORK/$name.fig" ]; then
    read -r wall cpu rss < "$WORK/$name.fig"
    printf '%-10s median wall %6.2f s   cpu %6.2f s   peak RSS %7.1f MiB   (%s runs)\n' "$name" \
      "$wall" "$cpu" "$rss" "$(wc -l < "$WORK/$name.runs")"
  fi
done
# Ratios of the medians: how many times the competitor's wall/CPU time is ours (target: R >= 4,
# Python >= 25), and our peak memory (target < 512 MiB).
if [ -f "$WORK/ttest-xl.fig" ]; then
  read -r our_wall our_cpu our_rss < "$WORK/ttest-xl.fig"
  for name in baseline R Python; do
    if [ -f "$WORK/$name.fig" ]; then
      read -r wall cpu rss < "$WORK/$name.fig"
      printf '%-10s / ttest-xl: wall %6.1f x   cpu %6.1f x   peak RSS %6.2f x\n' "$name" \
        "$(echo "$wall / $our_wall" | bc -l)" "$(echo "$cpu / $our_cpu" | bc -l)" \
        "$(echo "$rss / $our_rss" | bc -l)"
    fi
  done
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$WORK"/*.out 2> /dev/null || true
echo "files in $WORK"
