#!/usr/bin/env bash
# VBA checks that run without Excel (call from .ci/run: bash scripts/ci-vba.sh).
#  1. vba/*.bas pass scripts/vba_parse.py: source rules, #If structure, and the VBA grammar of the
#     PyPI package antlr4-vba in the 64-bit, 32-bit and pre-VBA7 configurations.
#  2. Each deliberately broken module tests/data/vba_broken_*.bas FAILS the same check, with the
#     message named on its "' EXPECT:" line, so a check that passes everything cannot go unnoticed.
#  3. scripts/vba_ja.py decode + encode reproduces vba/TTestXL.bas byte for byte.
#  4. vba/*.bas pass scripts/vba_names.py (every name binds as VBA binds it: no local hiding a
#     procedure, no undeclared name falling through to Excel's Cells/Range/..., no duplicates),
#     and every module in tests/vba/names/ is rejected (tests/vba_names.rs asserts each finding).
# The Declare/header cross-check and the self-test reference check are Rust tests (cargo test).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

if ! "$PY" -c "import antlr4, antlr4_vba" 2>/dev/null; then
    echo "installing the VBA grammar (PyPI antlr4-vba) ..."
    "$PY" -m pip install --quiet --no-deps antlr4-vba==0.0.67 antlr4-python3-runtime==4.13.2
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

for module in vba/*.bas; do
    if "$PY" scripts/vba_parse.py "$module"; then
        pass "$module parses"
    else
        fail "$module does not pass scripts/vba_parse.py"
    fi
done

for broken in tests/data/vba_broken_*.bas; do
    expected=$(sed -n "s/^' EXPECT: //p" "$broken" | tr -d '\r' | head -n 1)
    if [ -z "$expected" ]; then
        fail "$broken has no ' EXPECT: line"
        continue
    fi
    if output=$("$PY" scripts/vba_parse.py "$broken" 2>&1); then
        fail "$broken was accepted but must be rejected ($expected)"
    elif grep -qF -- "$expected" <<<"$output"; then
        pass "$broken rejected: $expected"
    else
        fail "$broken rejected, but not for the expected reason ($expected):"
        echo "$output"
    fi
done

roundtrip=$(mktemp)
"$PY" scripts/vba_ja.py decode vba/TTestXL.bas > "$roundtrip.readable"
"$PY" scripts/vba_ja.py encode "$roundtrip.readable" > "$roundtrip"
if cmp -s "$roundtrip" vba/TTestXL.bas; then
    pass "vba_ja.py decode/encode round-trips vba/TTestXL.bas"
else
    fail "vba_ja.py decode/encode changes vba/TTestXL.bas"
fi
rm -f "$roundtrip" "$roundtrip.readable"

for module in vba/*.bas; do
    # The other modules of the add-in are one project: their Public procedures are visible.
    if "$PY" scripts/vba_names.py "$module" --with vba/*.bas; then
        pass "$module: every name binds to what it declares"
    else
        fail "$module has name-binding findings (scripts/vba_names.py)"
    fi
done
for broken in tests/vba/names/*.bas; do
    if "$PY" scripts/vba_names.py "$broken" >/dev/null; then
        fail "$broken was accepted by scripts/vba_names.py but has name-binding defects"
    else
        pass "$broken rejected by scripts/vba_names.py"
    fi
done

echo "vba: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
