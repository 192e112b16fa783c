//! Power and sample size for two shares against R's `power.prop.test`
//! (`tests/reference/power_prop.R` → `power_prop.json`, solved with `tol = 1e-13`).

mod common;

use serde_json::Value;
use ttest_xl::stats::power_prop::{power, solve_n, solve_p2};
use ttest_xl::stats::Alternative;

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Measured: n to 6.7e-16 relative (R's uniroot tolerance is 1e-13 absolute), power to 7.8e-16
/// relative, p2 to 1.8e-14 absolute. Asserted at a few times that (ratchet).
#[test]
fn power_and_sample_size_match_r_power_prop_test() {
    let fixture = common::load_json("power_prop.json");
    let (mut worst_n, mut worst_power, mut worst_p2) = (0.0_f64, 0.0_f64, 0.0_f64);
    for case in fixture["cases"].as_array().unwrap() {
        let (p1, p2, alpha) = (num(&case["p1"]), num(&case["p2"]), num(&case["alpha"]));
        let alternative = match case["alternative"].as_str().unwrap() {
            "two.sided" => Alternative::TwoSided,
            // power.prop.test's one.sided is in the direction of the difference.
            _ => Alternative::Greater,
        };
        let n = solve_n(p1, p2, alpha, 0.8, alternative).unwrap();
        let e = (n / num(&case["n"]) - 1.0).abs();
        assert!(e < 4e-15, "{}: n {n} vs R {}", case["call"], case["n"]);
        worst_n = worst_n.max(e);
        let pw = power(120.0, p1, p2, alpha, alternative).unwrap();
        let e = (pw / num(&case["power_at_120"]) - 1.0).abs();
        assert!(
            e < 4e-15,
            "{}: power {pw} vs R {}",
            case["call"],
            case["power_at_120"]
        );
        worst_power = worst_power.max(e);
        let q = solve_p2(150.0, p1, alpha, 0.8, alternative, true).unwrap();
        let e = (q - num(&case["p2_at_150"])).abs();
        assert!(
            e < 5e-14,
            "{}: p2 {q} vs R {}",
            case["call"],
            case["p2_at_150"]
        );
        worst_p2 = worst_p2.max(e);
    }
    eprintln!("power.prop.test: worst n {worst_n:e} (rel), power {worst_power:e} (rel), p2 {worst_p2:e} (abs)");
}

#[test]
fn impossible_requests_are_refused() {
    assert!(solve_n(0.5, 0.5, 0.05, 0.8, Alternative::TwoSided).is_err());
    assert!(solve_n(0.0, 0.5, 0.05, 0.8, Alternative::TwoSided).is_err());
    assert!(solve_n(0.5, 0.6, 0.05, 1.0, Alternative::TwoSided).is_err());
    assert!(solve_p2(10.0, 0.99, 0.05, 0.99, Alternative::TwoSided, true).is_err());
    assert!(power(0.0, 0.5, 0.6, 0.05, Alternative::TwoSided).is_err());
}
