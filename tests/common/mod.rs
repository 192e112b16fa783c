//! Shared test helpers: tolerances (one place, as statrs' `prec.rs`) and fixture loading.
//!
//! Every expected value in a test comes from an independent tool (R 4.2 / SciPy) through a fixture
//! in `tests/reference/`, produced by the committed generator script beside it.
#![allow(dead_code)]

use std::path::PathBuf;

pub mod cli;

/// Relative tolerance for t, df and p of t-tests (issue #3).
pub const REL_TTEST: f64 = 1e-10;
/// Tolerance for noncentral-t intervals and power (issue #3).
pub const REL_NCT: f64 = 1e-8;

/// The repository root. These helpers are shared by the library's tests (manifest: the root)
/// and the command-line tool's (manifest: `cli/`, one level down).
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if manifest.join("include/ttest_xl.h").is_file() {
        manifest
    } else {
        manifest.parent().unwrap().to_path_buf()
    }
}

/// Path of a fixture file under `tests/reference/`.
pub fn reference_path(name: &str) -> PathBuf {
    repo_root().join("tests").join("reference").join(name)
}

/// Loads a JSON fixture from `tests/reference/`.
pub fn load_json(name: &str) -> serde_json::Value {
    let path = reference_path(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON in {}: {e}", path.display()))
}

/// Reads a number from a fixture value; the strings "Inf", "-Inf", "NaN"/"NA" and JSON null map to
/// the corresponding doubles (R writes non-finite numbers as strings).
pub fn num(v: &serde_json::Value) -> f64 {
    match v {
        serde_json::Value::Number(n) => n.as_f64().unwrap(),
        serde_json::Value::String(s) => match s.as_str() {
            "Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" | "NA" => f64::NAN,
            other => other
                .parse()
                .unwrap_or_else(|_| panic!("not a number: {other}")),
        },
        serde_json::Value::Null => f64::NAN,
        other => panic!("not a number: {other}"),
    }
}

/// Reads an array of numbers (see [`num`]).
pub fn nums(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(num)
        .collect()
}

/// With `TTXL_MEASURE` set, prints `MEASURE <file> <tolerance> <error>` for every comparison, so
/// the ratcheted tolerances of the reference tests can be re-measured
/// (`TTXL_MEASURE=1 cargo test --test engine_ttest -- --nocapture | grep MEASURE`).
#[track_caller]
pub fn measure(err: f64, tol: f64) {
    if std::env::var_os("TTXL_MEASURE").is_some() {
        eprintln!(
            "MEASURE {} {tol:e} {err:e}",
            std::panic::Location::caller().file()
        );
    }
}

/// Asserts `|got − want| ≤ rel·|want|` (or exact equality for infinities and zero).
#[track_caller]
pub fn assert_rel(got: f64, want: f64, rel: f64, what: &str) {
    if want.is_infinite() || want == 0.0 {
        assert!(
            got == want || (want == 0.0 && got.abs() <= rel),
            "{what}: got {got:e}, want {want:e}"
        );
        return;
    }
    let err = ((got - want) / want).abs();
    measure(err, rel);
    assert!(
        err <= rel,
        "{what}: got {got:.17e}, want {want:.17e} (relative error {err:.3e} > {rel:e})"
    );
}

/// Asserts `|got − want| ≤ abs`.
#[track_caller]
pub fn assert_abs(got: f64, want: f64, abs: f64, what: &str) {
    if want.is_infinite() {
        assert_eq!(got, want, "{what}");
        return;
    }
    let err = (got - want).abs();
    measure(err, abs);
    assert!(
        err <= abs,
        "{what}: got {got:.17e}, want {want:.17e} (absolute error {err:.3e} > {abs:e})"
    );
}

/// A test whose external tool (LibreOffice, g++, libasan, tmpfs, R's sample files…) is missing.
/// Under `TTXL_REQUIRE_TOOLS=1`, which `.ci/run` sets, this fails the test: CI never reports "ok"
/// for a check that did not run. Elsewhere it prints a loud SKIPPED line and the caller returns.
pub fn tool_missing(test: &str, why: &str) {
    if std::env::var("TTXL_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{test}: {why}. TTXL_REQUIRE_TOOLS=1 (CI): a check whose tool is missing fails");
    }
    eprintln!("\n*** SKIPPED {test}: {why} (the check did NOT run) ***\n");
}
