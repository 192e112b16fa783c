#!/usr/bin/env bash
# Converts the example survey to .xls (Excel 97–2003) and .ods (OpenDocument) with LibreOffice,
# producing the committed fixtures tests/data/staff_survey.xls and tests/data/staff_survey.ods.
# Run from the repository root after `cargo run --example make_sample`:
#   bash tests/data/make_xls_ods.sh
# Needs `soffice` (Debian: libreoffice-calc-nogui). Tested with LibreOffice 7.4.7.2.
set -euo pipefail
out=tests/data
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for fmt in xls ods; do
  soffice -env:UserInstallation="file://$profile" --headless --convert-to "$fmt" \
    --outdir "$out" examples/staff_survey.xlsx
done
ls -l "$out"/staff_survey.xls "$out"/staff_survey.ods
