#!/usr/bin/env bash
# Release bundle for Windows users: dist/ttest-xl-<version>-windows.zip
#
#   bash scripts/bundle-windows.sh
#
# builds and checks everything first (scripts/windows-check.sh: both DLLs, the add-in, the
# export/import checks, the 64- and 32-bit Wine harnesses, the CLI run, the security statement's
# checks), then packages:
#
#   TTestXL.xlam                  the Excel add-in (loads x64\ or x86\ttest_xl.dll next to it)
#   x64/ttest_xl.dll              64-bit Office (and C programs)
#   x86/ttest_xl.dll              32-bit Office (stdcall twins `<name>_stdcall` for VBA)
#   ttest-xl.exe                  the command-line tool (64-bit)
#   include/ttest_xl.h            the C header
#   vba/TTestXL.bas, vba/TTestXLAddin.bas, vba/README*.md
#                                 the add-in's source, to import into a workbook instead
#   README.md, README.ja.md, LICENSE*
#   SECURITY-STATEMENT.md, SECURITY-STATEMENT.ja.md
#                                 what the files do and do not do, for IT approval; unblocking
#                                 (Mark of the Web) and trusting the add-in's folder
#   SHA256SUMS                    SHA-256 of every other file (`sha256sum -c SHA256SUMS`;
#                                 PowerShell: Get-FileHash -Algorithm SHA256 FILE)
#
# The layout is what the VBA module's EnsureDll looks for: <add-in folder>\x64\ttest_xl.dll on
# 64-bit Office, <add-in folder>\x86\ttest_xl.dll on 32-bit Office.
#
# `--package-only DIR` (used by windows-check.sh) only packages the artifacts already in DIR
# (DIR/x64/ttest_xl.dll, DIR/x86/ttest_xl.dll, DIR/ttest-xl.exe, DIR/TTestXL.xlam). The zip is
# written with python3's zipfile (entries sorted, fixed timestamps, so the same inputs give the
# same bytes). The test-only bcryptprimitives.dll shim is never packaged; this is asserted, and so
# are the file list and the SHA256SUMS (recomputed from the zip).
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
fail() {
    echo "!!! FAILED: bundle: $*" >&2
    exit 1
}

STAGE="$ROOT/target/windows/bundle/$NAME"
rm -rf "$STAGE"
mkdir -p "$STAGE/x64" "$STAGE/x86" "$STAGE/include" "$STAGE/vba" "$ROOT/dist"
for f in x64/ttest_xl.dll x86/ttest_xl.dll ttest-xl.exe TTestXL.xlam; do
    [ -f "$ART/$f" ] || fail "$ART/$f missing"
    cp "$ART/$f" "$STAGE/$f"
done
cp include/ttest_xl.h "$STAGE/include/"
for f in vba/TTestXL.bas vba/TTestXLAddin.bas vba/README*.md; do
    [ -f "$f" ] && cp "$f" "$STAGE/vba/"
done
for f in README.md README.ja.md SECURITY-STATEMENT.md SECURITY-STATEMENT.ja.md; do
    [ -f "$f" ] || fail "$f missing from the repository"
    cp "$f" "$STAGE/"
done
for f in LICENSE LICENSE-MIT LICENSE-APACHE; do
    if [ -f "$f" ]; then cp "$f" "$STAGE/"; fi
done

rm -f "$ZIP"
python3 - "$STAGE" "$ZIP" <<'PY'
import hashlib, os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
files = sorted(os.path.relpath(os.path.join(d, f), stage).replace(os.sep, "/")
               for d, _, fs in os.walk(stage) for f in fs)
sums = ""
for rel in files:
    with open(os.path.join(stage, rel), "rb") as f:
        sums += "%s  %s\n" % (hashlib.sha256(f.read()).hexdigest(), rel)
with open(os.path.join(stage, "SHA256SUMS"), "w", newline="\n") as f:
    f.write(sums)
files = sorted(files + ["SHA256SUMS"])
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for rel in files:
        info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(stage, rel), "rb") as f:
            z.writestr(info, f.read())
PY

# Assert what is (and is not) inside, and that SHA256SUMS matches the zip's own entries.
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$ZIP")
if grep -qi 'bcryptprimitives' <<<"$listing"; then
    fail "the test-only bcryptprimitives shim is inside $ZIP"
fi
for f in TTestXL.xlam x64/ttest_xl.dll x86/ttest_xl.dll ttest-xl.exe include/ttest_xl.h vba/TTestXL.bas \
    vba/TTestXLAddin.bas README.md README.ja.md SECURITY-STATEMENT.md SECURITY-STATEMENT.ja.md SHA256SUMS; do
    grep -qx "$f" <<<"$listing" || fail "$f missing from $ZIP"
done
if grep -qi '\.dll$' <<<"$(grep -vx -e x64/ttest_xl.dll -e x86/ttest_xl.dll <<<"$listing")"; then
    fail "unexpected DLL in $ZIP"
fi
python3 - "$ZIP" <<'PY' || fail "SHA256SUMS does not match the files in the zip"
import hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
lines = z.read("SHA256SUMS").decode().splitlines()
listed = {}
for line in lines:
    digest, name = line.split("  ", 1)
    listed[name] = digest
others = sorted(n for n in z.namelist() if n != "SHA256SUMS")
assert sorted(listed) == others, "SHA256SUMS lists %s, the zip has %s" % (sorted(listed), others)
for name in others:
    assert hashlib.sha256(z.read(name)).hexdigest() == listed[name], name + ": SHA-256 differs"
print("SHA256SUMS: %d files verified" % len(others))
PY
echo "bundle: ${ZIP#"$ROOT"/} ($(wc -c <"$ZIP") bytes)"
python3 -c '
import sys, zipfile
for i in zipfile.ZipFile(sys.argv[1]).infolist():
    print("  %9d  %s" % (i.file_size, i.filename))' "$ZIP"
