#!/bin/sh
# Re-saves summary_rows.xlsx with LibreOffice (headless) as summary_rows_lo.xlsx: the same
# formulas and cached values, written by LibreOffice instead of rust_xlsxwriter.
# Run from the repository root after `cargo run --example make_messy_workbooks`.
set -eu
dir=tests/data/messy
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
HOME="$tmp" soffice --headless --norestore --convert-to 'xlsx:Calc MS Excel 2007 XML' \
    --outdir "$tmp" "$dir/summary_rows.xlsx" >/dev/null
mv "$tmp/summary_rows.xlsx" "$dir/summary_rows_lo.xlsx"
