#!/usr/bin/env bash
# Render a result workbook as a reader sees it on paper: LibreOffice (headless, with its default
# setting of showing the values cached in the file, no recalculation) prints every sheet to PDF
# with each sheet's own page setup, and pdftoppm turns the pages into PNG images to look at.
#
#   bash scripts/render-results.sh RESULT.xlsx OUTDIR [DPI]
#
# Writes OUTDIR/RESULT.pdf and OUTDIR/RESULT-N.png (one per page) and prints the page count.
# Needs: soffice (libreoffice-calc-nogui), pdftoppm and pdfinfo (poppler-utils), fonts-noto-cjk for
# Japanese text.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 RESULT.xlsx OUTDIR [DPI]" >&2
  exit 2
fi
in=$1
out=$2
dpi=${3:-60}
for tool in soffice pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found" >&2; exit 2; }
done
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
name=$(basename "${in%.*}")
timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$profile" \
  --convert-to pdf --outdir "$out" "$in" >/dev/null 2>&1
pdf="$out/$name.pdf"
[ -f "$pdf" ] || { echo "$0: LibreOffice did not write $pdf" >&2; exit 1; }
rm -f "$out/$name"-*.png
pdftoppm -r "$dpi" -png "$pdf" "$out/$name"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
echo "$pdf: $pages page(s)"
