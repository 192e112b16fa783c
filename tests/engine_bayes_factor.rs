//! JZS Bayes factor (Rouder et al. 2009) against R BayesFactor 0.9.12-4.4 `ttest.tstat`
//! (`tests/reference/bayes_factor.json`, generator `bayes_factor.R`) and an independent 30-digit
//! mpmath quadrature of Rouder et al.'s integral (`bayes_factor_mpmath.json`, generator
//! `bayes_factor.py`), which also covers |t| > 15 where BayesFactor switches to an approximation.

mod common;

use common::{load_json, num};
use serde_json::Value;
use ttest_xl::lang::Lang;
use ttest_xl::stats::bayes_factor::{bf10, ln_bf10, BfDesign, R_MEDIUM};
use ttest_xl::stats::StatsError;

/// Published requirement (issue 15): 1e-7 relative to BayesFactor 0.9.12, "whose own integration
/// error is about 1e-8". Measured: BayesFactor's own error is often larger: at 28 of the 320
/// points ttest-xl and BayesFactor differ by more than 1e-7 (up to 1.9e-4 at t = 14.9, n = 3), and
/// at every one of them the 30-digit mpmath quadrature agrees with ttest-xl to 1e-12, not with
/// BayesFactor. At 26 of them BayesFactor's own error estimate (`properror`) is larger still;
/// at t = −6, n = 2000 + 3000 it reports 2e-10 but is off by 1.3e-7. So each point is compared at
/// `max(REL_BAYESFACTOR, 2 · properror)` with REL_BAYESFACTOR at twice that 1.3e-7, and the
/// tight check is the one against mpmath below.
const REL_BAYESFACTOR: f64 = 2.6e-7;
/// Against the 30-digit mpmath quadrature (368 points, |t| up to 120, N from 2/3 to 5000):
/// measured ≤ 1.2e-13; asserted at about twice.
const REL_MPMATH: f64 = 2.5e-13;

fn design(case: &Value) -> BfDesign {
    let (n1, n2) = (num(&case["n1"]) as usize, num(&case["n2"]) as usize);
    if n2 == 0 {
        BfDesign::OneSample { n: n1 }
    } else {
        BfDesign::TwoSample { n_x: n1, n_y: n2 }
    }
}

/// Largest relative error of BF10 over the fixture's cases; asserts each against `tol` (or twice
/// the case's own `properror` when that is larger: BayesFactor's error estimate).
fn check(fixture: &str, tol: f64) -> f64 {
    let fixture = load_json(fixture);
    let mut worst: f64 = 0.0;
    for case in fixture["cases"].as_array().unwrap() {
        let (t, r) = (num(&case["t"]), num(&case["rscale"]));
        let got = ln_bf10(t, design(case), r).unwrap();
        let want = num(&case["ln_bf10"]);
        let tol = case.get("properror").map_or(tol, |e| tol.max(2.0 * num(e)));
        // |Δ ln BF| is the relative error of BF.
        let err = (got - want).abs();
        worst = worst.max(err);
        assert!(
            err <= tol,
            "{}: ln BF10 {got:.17e}, want {want:.17e} (relative error of BF {err:.2e})",
            case["call"]
        );
    }
    worst
}

#[test]
fn bayes_factor_matches_r() {
    let worst = check("bayes_factor.json", REL_BAYESFACTOR);
    eprintln!("largest relative error against BayesFactor: {worst:.2e}");
}

#[test]
fn bayes_factor_matches_mpmath() {
    let worst = check("bayes_factor_mpmath.json", REL_MPMATH);
    eprintln!("largest relative error against mpmath: {worst:.2e}");
}

#[test]
fn bad_input_is_refused_in_both_languages() {
    let e = bf10(1.0, BfDesign::OneSample { n: 10 }, 0.0).unwrap_err();
    assert!(matches!(
        e,
        StatsError::InvalidArgument { name: "rscale", .. }
    ));
    assert!(!e.message(Lang::Ja).is_ascii());
    assert!(matches!(
        bf10(1.0, BfDesign::OneSample { n: 1 }, R_MEDIUM),
        Err(StatsError::TooFew { .. })
    ));
    let e = bf10(1e6, BfDesign::OneSample { n: 1000 }, R_MEDIUM).unwrap_err();
    assert!(
        e.message(Lang::Ja).contains("ベイズファクター"),
        "{}",
        e.message(Lang::Ja)
    );
}
