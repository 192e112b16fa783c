#!/usr/bin/env bash
# Release bundle for Windows users: dist/ttest-xl-<version>-windows.zip
#
#   bash scripts/bundle-windows.sh
#
# builds and checks everything first (scripts/windows-check.sh: both DLLs, the export/import
# checks, the Wine harness, the CLI run), then packages:
#
#   x64/ttest_xl.dll      64-bit Office (and C programs)
#   x86/ttest_xl.dll      32-bit Office (stdcall twins `<name>_stdcall` for VBA)
#   ttest-xl.exe          the command-line tool (64-bit)
#   include/ttest_xl.h    the C header
#   vba/TTestXL.bas       the VBA module, and vba/README*.md if present
#   README.md, LICENSE*   from the repository root
#
# `--package-only DIR` (used by windows-check.sh) only packages the artifacts already in DIR
# (DIR/x64/ttest_xl.dll, DIR/x86/ttest_xl.dll, DIR/ttest-xl.exe). The zip is written with python3's
# zipfile (entries sorted, fixed timestamps, so the same inputs give the same bytes), or with `zip`
# if python3 is missing. The test-only bcryptprimitives.dll shim is never packaged; this is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if [ "${1:-}" != "--package-only" ]; then
    VERSION=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -1)
    ZIP="dist/ttest-xl-$VERSION-windows.zip"
    rm -f "$ZIP"
    bash scripts/windows-check.sh # ends by calling this script with --package-only
    if [ ! -f "$ZIP" ]; then
        echo "!!! FAILED: no bundle was produced: the Windows check was SKIPPED (see above)" >&2
        exit 1
    fi
    exit 0
fi

ART=${2:?usage: bundle-windows.sh [--package-only ARTIFACT_DIR]}
VERSION=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -1)
NAME="ttest-xl-$VERSION-windows"
ZIP="$ROOT/dist/$NAME.zip"

STAGE="$ROOT/target/windows/bundle/$NAME"
rm -rf "$STAGE"
mkdir -p "$STAGE/x64" "$STAGE/x86" "$STAGE/include" "$ROOT/dist"
for f in x64/ttest_xl.dll x86/ttest_xl.dll ttest-xl.exe; do
    [ -f "$ART/$f" ] || { echo "!!! FAILED: $ART/$f missing" >&2; exit 1; }
    cp "$ART/$f" "$STAGE/$f"
done
cp include/ttest_xl.h "$STAGE/include/"
if [ -f vba/TTestXL.bas ]; then
    mkdir -p "$STAGE/vba"
    cp vba/TTestXL.bas "$STAGE/vba/"
    for f in vba/README*; do [ -f "$f" ] && cp "$f" "$STAGE/vba/"; done
else
    echo "!!! NOTE: vba/TTestXL.bas is not in this tree yet: the bundle has no VBA module"
fi
for f in README.md LICENSE LICENSE-MIT LICENSE-APACHE; do
    [ -f "$f" ] && cp "$f" "$STAGE/"
done

rm -f "$ZIP"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$STAGE" "$ZIP" <<'EOF'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
files = sorted(os.path.relpath(os.path.join(d, f), stage).replace(os.sep, "/")
               for d, _, fs in os.walk(stage) for f in fs)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for rel in files:
        info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(stage, rel), "rb") as f:
            z.writestr(info, f.read())
EOF
else
    (cd "$STAGE" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | zip -q -X -9 "$ZIP" -@)
fi

# Assert what is (and is not) inside.
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$ZIP" 2>/dev/null ||
    unzip -Z1 "$ZIP")
if grep -qi 'bcryptprimitives' <<<"$listing"; then
    echo "!!! FAILED: the test-only bcryptprimitives shim is inside $ZIP" >&2
    exit 1
fi
for f in x64/ttest_xl.dll x86/ttest_xl.dll ttest-xl.exe include/ttest_xl.h; do
    grep -qx "$f" <<<"$listing" || { echo "!!! FAILED: $f missing from $ZIP" >&2; exit 1; }
done
if grep -qi '\.dll$' <<<"$(grep -vx -e x64/ttest_xl.dll -e x86/ttest_xl.dll <<<"$listing")"; then
    echo "!!! FAILED: unexpected DLL in $ZIP" >&2
    exit 1
fi
echo "bundle: ${ZIP#"$ROOT"/} ($(wc -c <"$ZIP") bytes)"
sed 's/^/  /' <<<"$listing"
