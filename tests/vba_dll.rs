//! The calls `TTXL_SelfTest` (vba/TTestXL.bas) makes, made here through the same C ABI
//! functions with the same arguments the VBA module passes (blank and text cells as
//! `ttxl_nan()`, x = "after" first), checked against R with the module's own tolerances. Excel
//! cannot run here; this shows that the numbers the self-test expects are the DLL's answers, so a
//! failing self-test in Excel points at the VBA/Windows side, not at the engine.

mod common;

use std::mem::MaybeUninit;

use ttest_xl::ffi::{self, TtxlRankTest, TtxlTTest};

/// Tolerances of TTXL_SelfTest: |actual − expected| ≤ tol · max(1, |expected|).
const TOL_TEST: f64 = 1e-9;
const TOL_EFFECT: f64 = 1e-6;

fn check(reference: &serde_json::Value, key: &str, got: f64) {
    let want = common::num(&reference[key]);
    let tol = if key.contains("_low") || key.contains("_high") {
        TOL_EFFECT
    } else {
        TOL_TEST
    };
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{key}: DLL {got}, R {want}"
    );
}

/// The self-test's data as the module passes them: blanks and the text "n/a" become ttxl_nan().
fn data(reference: &serde_json::Value, key: &str) -> Vec<f64> {
    reference[key]
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v.as_f64().unwrap_or_else(|| ffi::ttxl_nan()))
        .collect()
}

fn ttest(kind: &str, x: &[f64], y: &[f64]) -> TtxlTTest {
    let mut out = MaybeUninit::<TtxlTTest>::uninit();
    let (nx, ny) = (x.len() as i32, y.len() as i32);
    // SAFETY: the slices are valid for their lengths and `out` is writable.
    let status = unsafe {
        match kind {
            "welch" => ffi::ttxl_ttest_welch(
                x.as_ptr(),
                nx,
                y.as_ptr(),
                ny,
                0,
                0.0,
                0.95,
                out.as_mut_ptr(),
            ),
            "student" => ffi::ttxl_ttest_student(
                x.as_ptr(),
                nx,
                y.as_ptr(),
                ny,
                0,
                0.0,
                0.95,
                out.as_mut_ptr(),
            ),
            "paired" => {
                ffi::ttxl_ttest_paired(x.as_ptr(), y.as_ptr(), nx, 0, 0.0, 0.95, out.as_mut_ptr())
            }
            _ => ffi::ttxl_ttest_one_sample(x.as_ptr(), nx, 0, 3.5, 0.95, out.as_mut_ptr()),
        }
    };
    assert_eq!(status, ffi::TTXL_OK, "{kind}");
    // SAFETY: written on success.
    unsafe { out.assume_init() }
}

#[test]
fn dll_answers_the_self_test_ttests() {
    let reference = common::load_json("vba_selftest.json");
    let x = data(&reference, "data.x");
    let y = data(&reference, "data.y");
    for kind in ["welch", "student", "paired", "one_sample"] {
        let r = ttest(kind, &x, &y);
        for (field, value) in [
            ("statistic", r.statistic),
            ("df", r.df),
            ("p_value", r.p_value),
            ("estimate", r.estimate),
            ("conf_low", r.conf_low),
            ("conf_high", r.conf_high),
            ("cohen_d", r.cohen_d),
            ("cohen_d_low", r.cohen_d_low),
            ("cohen_d_high", r.cohen_d_high),
            ("hedges_g", r.hedges_g),
            ("hedges_g_low", r.hedges_g_low),
            ("hedges_g_high", r.hedges_g_high),
        ] {
            check(&reference, &format!("{kind}.{field}"), value);
        }
    }
    // TTXL_TTEST(x, y, 1, 3): the module reruns Welch with TTXL_GREATER when t >= 0.
    let mut out = MaybeUninit::<TtxlTTest>::uninit();
    // SAFETY: as above.
    let status = unsafe {
        ffi::ttxl_ttest_welch(
            x.as_ptr(),
            x.len() as i32,
            y.as_ptr(),
            y.len() as i32,
            ffi::TTXL_GREATER,
            0.0,
            0.95,
            out.as_mut_ptr(),
        )
    };
    assert_eq!(status, ffi::TTXL_OK);
    // SAFETY: written on success.
    check(
        &reference,
        "ttest.welch_one_tailed",
        unsafe { out.assume_init() }.p_value,
    );
}

#[test]
fn dll_answers_the_self_test_rank_tests_p_adjust_and_power() {
    let reference = common::load_json("vba_selftest.json");
    let x = data(&reference, "data.x");
    let y = data(&reference, "data.y");
    let n = x.len() as i32;
    let mut out = MaybeUninit::<TtxlRankTest>::uninit();
    // SAFETY: valid slices and a writable out-parameter; the module passes correct = 1.
    let status =
        unsafe { ffi::ttxl_mann_whitney(x.as_ptr(), n, y.as_ptr(), n, 0, 1, out.as_mut_ptr()) };
    assert_eq!(status, ffi::TTXL_OK);
    // SAFETY: written on success.
    let mw = unsafe { out.assume_init() };
    check(&reference, "mann_whitney.statistic", mw.statistic);
    check(&reference, "mann_whitney.p_value", mw.p_value);
    check(&reference, "mann_whitney.rank_biserial", mw.rank_biserial);
    // SAFETY: as above.
    let status = unsafe {
        ffi::ttxl_wilcoxon_signed_rank(x.as_ptr(), y.as_ptr(), n, 0, 1, out.as_mut_ptr())
    };
    assert_eq!(status, ffi::TTXL_OK);
    // SAFETY: written on success.
    let sr = unsafe { out.assume_init() };
    check(&reference, "wilcoxon.statistic", sr.statistic);
    check(&reference, "wilcoxon.p_value", sr.p_value);
    check(&reference, "wilcoxon.rank_biserial", sr.rank_biserial);

    // TTXL_P_ADJUST(Array(0.01, 0.04, 0.03, Empty, 0.2), ...): the blank is NaN and stays NaN.
    let p = [0.01, 0.04, 0.03, ffi::ttxl_nan(), 0.2];
    for (method, name) in [(ffi::TTXL_ADJUST_HOLM, "holm"), (ffi::TTXL_ADJUST_BH, "BH")] {
        let mut adjusted = [0.0; 5];
        // SAFETY: both buffers hold 5 doubles.
        let status = unsafe { ffi::ttxl_p_adjust(p.as_ptr(), 5, method, adjusted.as_mut_ptr()) };
        assert_eq!(status, ffi::TTXL_OK);
        assert!(adjusted[3].is_nan(), "{name}: the blank must stay missing");
        for (i, k) in [(0, 1), (1, 2), (2, 3), (4, 4)] {
            check(&reference, &format!("p_adjust.{name}.{k}"), adjusted[i]);
        }
    }

    // TTXL_POWER_N(0.5) and TTXL_POWER_N(0.5, 0.8, 0.05, "paired").
    for (design, key) in [
        (ffi::TTXL_DESIGN_TWO_SAMPLE, "power_n.two_sample"),
        (ffi::TTXL_DESIGN_PAIRED, "power_n.paired"),
    ] {
        let mut n = 0.0;
        // SAFETY: `n` is a writable double.
        let status = unsafe {
            ffi::ttxl_power_ttest(design, 0, ffi::TTXL_SOLVE_N, 0.0, 0.5, 0.05, 0.8, &mut n)
        };
        assert_eq!(status, ffi::TTXL_OK);
        check(&reference, key, n);
    }
}

#[test]
fn dll_rejects_what_the_self_test_expects_to_fail() {
    // TTXL_STUDENT(Array(2, 2, 2), Array(2, 2, 2)) must fail (the module shows #NUM!).
    let c = [2.0, 2.0, 2.0];
    let mut out = MaybeUninit::<TtxlTTest>::uninit();
    // SAFETY: valid slices, writable out.
    let status = unsafe {
        ffi::ttxl_ttest_student(c.as_ptr(), 3, c.as_ptr(), 3, 0, 0.0, 0.95, out.as_mut_ptr())
    };
    assert_eq!(status, ffi::TTXL_ERR_CONSTANT);
    let needed = unsafe { ffi::ttxl_last_error_utf16(std::ptr::null_mut(), 0) };
    assert!(
        needed > 0,
        "a failure must leave a message for TTXL_LAST_ERROR"
    );
}
