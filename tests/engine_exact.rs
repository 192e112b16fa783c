//! Exactness where doubles lose digits (issue 15, defects 1 and 2), against exact rational /
//! 40-digit references (`tests/reference/exact_large.json`, generator `exact_large.py`: Python
//! `fractions` on the double inputs, mpmath for square roots, t and noncentral t).
//!
//! * Defect 1: a one-sample (or paired) t on data near 1e9 with `mu` near the data rounded the
//!   mean to a double before subtracting `mu`, losing 8 digits (R has the same error). The
//!   published requirement is ≥ 14 digits for t, p, the CI, d, g and their CIs.
//! * Defect 2: Student's t with a group of a single value was refused by the C ABI (the effect
//!   size recomputed the pooled SD and multiplied 0 by the NaN SD of the single value).

mod common;

use common::{assert_rel, load_json, num};
use serde_json::Value;
use ttest_xl::ffi::{
    ttxl_ttest_one_sample, ttxl_ttest_paired, ttxl_ttest_student, TtxlTTest, TTXL_OK,
    TTXL_TWO_SIDED,
};
use ttest_xl::stats::effect_size::for_ttest;
use ttest_xl::stats::ttest::{one_sample, paired, student, TTest, TTestOptions};

/// Published requirement (issue 15): at least 14 significant digits for t, p, the CI of the
/// estimate, d, g and their CIs. Measured (this fixture, x86-64): t, `estimate − mu`, d and the
/// pooled SD ≤ 6.2e-16; p ≤ 6.3e-16; the CI of the mean exact; g ≤ 3.9e-15 (Hedges' J).
/// Asserted at about twice what is measured, so a regression shows.
const REL_T: f64 = 1.5e-15;
/// p, the CI of the estimate, g: measured ≤ 3.9e-15.
const REL_EXACT: f64 = 8e-15;
/// The noncentral-t limits of d and g: measured ≤ 2.1e-14 (the 90% lower limit at t = 0.67),
/// set by the accuracy of the noncentral-t distribution the limits are solved on, not by the data.
const REL_NCP: f64 = 4e-14;
/// What R and ttest-xl before issue 15 achieved on the first case (5.6e-8), for the record.
const REL_BEFORE: f64 = 5.6e-8;

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(num).collect()
}

fn engine(case: &Value) -> TTest {
    let options = TTestOptions {
        mu: num(&case["mu"]),
        conf_level: num(&case["conf"]),
        ..TTestOptions::default()
    };
    let x = nums(&case["x"]);
    match case["kind"].as_str().unwrap() {
        "one_sample" => one_sample(&x, &options),
        "paired" => paired(&x, &nums(&case["y"]), &options),
        "student" => student(&x, &nums(&case["y"]), &options),
        other => panic!("kind {other}"),
    }
    .unwrap_or_else(|e| panic!("{}: {e}", case["name"]))
}

fn c_abi(case: &Value) -> TtxlTTest {
    let x = nums(&case["x"]);
    let (mu, conf) = (num(&case["mu"]), num(&case["conf"]));
    let mut out = std::mem::MaybeUninit::<TtxlTTest>::uninit();
    let n = |v: &[f64]| v.len() as i32;
    // SAFETY: the slices outlive the calls; `out` is a valid, writable TtxlTTest.
    let status = unsafe {
        match case["kind"].as_str().unwrap() {
            "one_sample" => ttxl_ttest_one_sample(
                x.as_ptr(),
                n(&x),
                TTXL_TWO_SIDED,
                mu,
                conf,
                out.as_mut_ptr(),
            ),
            "paired" => {
                let y = nums(&case["y"]);
                ttxl_ttest_paired(
                    x.as_ptr(),
                    y.as_ptr(),
                    n(&x),
                    TTXL_TWO_SIDED,
                    mu,
                    conf,
                    out.as_mut_ptr(),
                )
            }
            "student" => {
                let y = nums(&case["y"]);
                ttxl_ttest_student(
                    x.as_ptr(),
                    n(&x),
                    y.as_ptr(),
                    n(&y),
                    TTXL_TWO_SIDED,
                    mu,
                    conf,
                    out.as_mut_ptr(),
                )
            }
            other => panic!("kind {other}"),
        }
    };
    assert_eq!(status, TTXL_OK, "{}", case["name"]);
    // SAFETY: TTXL_OK means the struct was written.
    unsafe { out.assume_init() }
}

/// The noncentral-t limits have their own tolerance.
fn tolerance(key: &str) -> f64 {
    match key {
        "d_low" | "d_high" | "g_low" | "g_high" => REL_NCP,
        _ => REL_EXACT,
    }
}

fn rel(got: f64, want: f64) -> f64 {
    ((got - want) / want).abs()
}

#[test]
fn engine_is_exact_near_large_values_and_with_a_group_of_one() {
    let fixture = load_json("exact_large.json");
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let r = engine(case);
        let es = for_ttest(&r).unwrap_or_else(|e| panic!("{name}: {e}"));
        let w = |k: &str| num(&case[k]);
        let exact = [
            (r.statistic, "statistic"),
            (r.difference, "difference"),
            (es.d.estimate, "d"),
        ];
        let near = [
            (r.p_value, "p_value"),
            (r.estimate, "estimate"),
            (r.conf_low, "conf_low"),
            (r.conf_high, "conf_high"),
            (r.std_err, "std_err"),
            (es.d.conf_low, "d_low"),
            (es.d.conf_high, "d_high"),
            (es.g.estimate, "g"),
            (es.g.conf_low, "g_low"),
            (es.g.conf_high, "g_high"),
        ];
        for (got, key) in exact.iter().chain(&near) {
            eprintln!("{name}: {key}: relative error {:.2e}", rel(*got, w(key)));
        }
        assert_eq!(r.df, w("df"), "{name}: df");
        for (got, key) in exact {
            assert_rel(got, w(key), REL_T, &format!("{name}: {key}"));
        }
        for (got, key) in near {
            assert_rel(got, w(key), tolerance(key), &format!("{name}: {key}"));
        }
        if let Some(sp) = case.get("sd_pooled") {
            assert_rel(
                r.sd_pooled.unwrap(),
                num(sp),
                REL_T,
                &format!("{name}: s_p"),
            );
        }
    }
}

#[test]
fn c_abi_is_exact_near_large_values_and_accepts_a_group_of_one() {
    let fixture = load_json("exact_large.json");
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let r = c_abi(case);
        let w = |k: &str| num(&case[k]);
        assert_rel(r.statistic, w("statistic"), REL_T, &format!("{name}: t"));
        for (got, key) in [
            (r.p_value, "p_value"),
            (r.conf_low, "conf_low"),
            (r.conf_high, "conf_high"),
            (r.cohen_d, "d"),
            (r.cohen_d_low, "d_low"),
            (r.cohen_d_high, "d_high"),
            (r.hedges_g, "g"),
            (r.hedges_g_low, "g_low"),
            (r.hedges_g_high, "g_high"),
        ] {
            assert_rel(got, w(key), tolerance(key), &format!("{name}: {key}"));
        }
    }
}

/// The issue's numbers: exact t 4.5389468223121232; the old code (and R) gave 4.538947078750334.
#[test]
fn issue_example_is_no_longer_off_by_five_parts_in_1e8() {
    let fixture = load_json("exact_large.json");
    let case = &fixture["cases"][0];
    assert_eq!(num(&case["mu"]), 1e9);
    let t = engine(case).statistic;
    assert!(rel(4.538947078750334, 4.538_946_822_312_123) > REL_BEFORE * 0.9);
    assert!(rel(t, 4.538_946_822_312_123) < REL_T, "t = {t:.17}");
}
