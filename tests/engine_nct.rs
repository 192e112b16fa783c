//! Noncentral t distribution against independent references (fixture `tests/reference/nct.json`).
//!
//! **Which reference is the truth.** R's `pt(q, df, ncp)` (`src/nmath/pnt.c`, AS 243) is exact
//! only for `df ≤ 4e5` and `|ncp| ≤ 37.62`; beyond that it switches to a normal approximation
//! (Abramowitz & Stegun 26.7.10), off by up to 0.044 on this grid. Even inside its range it stops
//! at `errmax = 1e-12` and, at `df = 1e5`, differs from the truth by up to 2e-11 (and at
//! `pt(40.0102, 1e5, 37)` returns 0.99999999999907 where the answer is 0.99864178). So the truth
//! here is `tests/reference/nct.py`: both tails integrated separately with mpmath at 40 digits
//! (`P(T ≤ t) = ∫ f_χν(s) Φ(ts/√ν − δ) ds`), cross-checked against SciPy/Boost `nct` at spot
//! points. R's values (added by `nct.R`) are a second check where R is exact.
//!
//! Requirement (issue #3): ≤ 1e-10 absolute over df 1…1e6 and ncp −40…40, both tails.

mod common;

use common::{assert_abs, assert_rel, load_json, num, REL_NCT};
use serde_json::Value;
use ttest_xl::stats::noncentral_t::{cdf, ncp_interval, quantile, sf};
use ttest_xl::stats::{Alternative, StatsError};

/// Absolute accuracy of the CDF and SF. Requirement (issue #3): 1e-10. Measured: 2.2e-11 (against
/// R where R is exact and against mpmath); asserted at about twice (issue 15: tolerances ratchet).
const ABS_NCT: f64 = 5e-11;
/// Noncentrality limits against R's uniroot(tol = 1e-15). Requirement REL_NCT = 1e-8; measured
/// 5.5e-11; asserted at about twice.
const REL_NCP_LIMITS: f64 = 1.2e-10;

fn fixture() -> Value {
    load_json("nct.json")
}

#[test]
fn grid_matches_mpmath_quadrature_to_1e_10_absolute() {
    let fx = fixture();
    let grid = fx["grid"].as_array().unwrap();
    assert!(grid.len() > 700);
    let (mut max_cdf, mut max_sf, mut worst) = (0.0_f64, 0.0_f64, String::new());
    let mut max_rel_same_sign = 0.0_f64;
    for r in grid {
        let (t, df, ncp) = (num(&r["t"]), num(&r["df"]), num(&r["ncp"]));
        let (want_cdf, want_sf) = (num(&r["cdf"]), num(&r["sf"]));
        let (got_cdf, got_sf) = (cdf(t, df, ncp), sf(t, df, ncp));
        // Python: nct.py tails(t, df, ncp) — mpmath 40-digit quadrature of each tail.
        let what = format!("t = {t}, df = {df}, ncp = {ncp}");
        assert_abs(got_cdf, want_cdf, ABS_NCT, &format!("cdf {what}"));
        assert_abs(got_sf, want_sf, ABS_NCT, &format!("sf {what}"));
        let e = (got_cdf - want_cdf).abs().max((got_sf - want_sf).abs());
        if e > max_cdf.max(max_sf) {
            worst = what.clone();
        }
        max_cdf = max_cdf.max((got_cdf - want_cdf).abs());
        max_sf = max_sf.max((got_sf - want_sf).abs());
        // Tails on the same side as ncp are computed without cancellation: relative accuracy.
        if t * ncp >= 0.0 && t != 0.0 {
            let (g, w) = if t > 0.0 {
                (got_sf, want_sf)
            } else {
                (got_cdf, want_cdf)
            };
            if w > 1e-300 {
                max_rel_same_sign = max_rel_same_sign.max(((g - w) / w).abs());
            }
        }
    }
    println!(
        "max |cdf - mpmath| = {max_cdf:.2e}, max |sf - mpmath| = {max_sf:.2e} (worst at {worst}); \
         max relative error of the far tail when t and ncp share a sign = {max_rel_same_sign:.2e}"
    );
}

#[test]
fn grid_matches_r_where_r_is_exact() {
    let fx = fixture();
    let (mut compared, mut r_off, mut max_err) = (0, 0, 0.0_f64);
    for r in fx["grid"].as_array().unwrap() {
        if r["r_exact"] != Value::Bool(true) {
            continue;
        }
        let (t, df, ncp) = (num(&r["t"]), num(&r["df"]), num(&r["ncp"]));
        let (r_cdf, r_sf) = (num(&r["r_cdf"]), num(&r["r_sf"]));
        // Where R's AS 243 itself misses the mpmath truth by more than 5e-11, R is not a reference.
        if (r_cdf - num(&r["cdf"])).abs() > 5e-11 || (r_sf - num(&r["sf"])).abs() > 5e-11 {
            r_off += 1;
            continue;
        }
        compared += 1;
        // R: pt(t, df, ncp) and pt(t, df, ncp, lower.tail = FALSE)
        assert_abs(
            cdf(t, df, ncp),
            r_cdf,
            ABS_NCT,
            &format!("pt({t}, {df}, {ncp})"),
        );
        assert_abs(
            sf(t, df, ncp),
            r_sf,
            ABS_NCT,
            &format!("pt({t}, {df}, {ncp}, lower = F)"),
        );
        max_err = max_err
            .max((cdf(t, df, ncp) - r_cdf).abs())
            .max((sf(t, df, ncp) - r_sf).abs());
    }
    println!("compared with R at {compared} points (max abs diff {max_err:.2e}); {r_off} points where R itself is off");
    assert!(compared > 400 && r_off < 10, "{compared} {r_off}");
}

#[test]
fn quantiles_match_r_and_round_trip() {
    let fx = fixture();
    let (mut max_rel, mut compared, mut r_unreliable) = (0.0_f64, 0, 0);
    for q in fx["quantiles"].as_array().unwrap() {
        let (p, df, ncp, want) = (num(&q["p"]), num(&q["df"]), num(&q["ncp"]), num(&q["q"]));
        let call = q["call"].as_str().unwrap();
        let got = quantile(p, df, ncp);
        // Round trip in the tail the probability belongs to (our cdf/sf are checked against
        // mpmath above).
        let (back, target) = if p <= 0.5 {
            (cdf(got, df, ncp), p)
        } else {
            (sf(got, df, ncp), 1.0 - p)
        };
        assert!(
            (back - target).abs() <= 1e-12 * target + 1e-16,
            "round trip {call}: {back:e} vs {target:e}"
        );
        // R's qnt searches to about 1e-11 in p (src/nmath/qnt.c) using R's pt, which in the far
        // tails of df = 1 is off by 1e-10 absolute: qt(1e-6, 1, -20) = -15955995.8 is off by 1e-4
        // relative (SciPy/Boost nct.ppf gives -15957691.216053, as we do). Compare with R where R's
        // quantile is consistent with the mpmath-validated cdf (|P(T <= q_R) - p| <= 1e-9 p).
        let tail_at_r = if p <= 0.5 {
            cdf(want, df, ncp)
        } else {
            sf(want, df, ncp)
        };
        if (tail_at_r - target).abs() > 1e-9 * target {
            r_unreliable += 1;
            continue;
        }
        compared += 1;
        // R: qt(p, df, ncp), compared at REL_NCT with an absolute floor for quantiles near zero.
        let err = (got - want).abs() / want.abs().max(1.0);
        assert!(
            err <= REL_NCT,
            "{call}: got {got:e}, R {want:e} ({err:.1e})"
        );
        max_rel = max_rel.max(err);
    }
    println!(
        "quantiles: compared with R qt at {compared} points, max relative difference {max_rel:.2e}; \
         {r_unreliable} points where R's qt does not round-trip"
    );
    assert!(compared >= 150, "{compared}");
    assert_eq!(quantile(0.0, 5.0, 1.0), f64::NEG_INFINITY);
    assert_eq!(quantile(1.0, 5.0, 1.0), f64::INFINITY);
    assert!(quantile(-0.1, 5.0, 1.0).is_nan() && quantile(0.5, -1.0, 1.0).is_nan());
}

#[test]
fn round_trip_over_the_full_range() {
    for &df in &[1.0, 2.0, 5.0, 30.0, 1000.0, 1e5, 1e6] {
        for &ncp in &[-40.0, -12.5, -1.0, 0.0, 0.3, 7.0, 39.0] {
            for &p in &[1e-9, 0.025, 0.5, 0.975, 1.0 - 1e-9] {
                let q = quantile(p, df, ncp);
                assert!(q.is_finite(), "quantile({p}, {df}, {ncp})");
                let (back, target) = if p <= 0.5 {
                    (cdf(q, df, ncp), p)
                } else {
                    (sf(q, df, ncp), 1.0 - p)
                };
                // Relative 1e-11, with an absolute floor: a far tail on the side opposite to ncp
                // is accurate to ~1e-20 absolute only (see the module docs of noncentral_t).
                assert!(
                    (back - target).abs() <= 1e-11 * target + 1e-18,
                    "round trip p {p} df {df} ncp {ncp}: {back:e} vs {target:e}"
                );
            }
        }
    }
}

#[test]
fn monotone_in_t_and_in_ncp() {
    for &df in &[1.0, 2.0, 5.0, 30.0, 1000.0, 1e5, 1e6] {
        for &ncp in &[-40.0_f64, -5.0, 0.0, 2.0, 40.0] {
            let spread = 6.0 * (1.0 + ncp * ncp / (2.0 * df)).sqrt() * (1.0 + 3.0 / df);
            let mut prev_c = -1.0;
            let mut prev_s = 2.0;
            for i in 0..=200 {
                let t = ncp - spread + 2.0 * spread * i as f64 / 200.0;
                let (c, s) = (cdf(t, df, ncp), sf(t, df, ncp));
                // Monotone up to rounding noise of 1e-15 (the cancelling far tail opposite to
                // ncp); root finding needs no more.
                assert!(
                    c >= prev_c - 1e-15,
                    "cdf decreases at t {t} df {df} ncp {ncp}"
                );
                assert!(
                    s <= prev_s + 1e-15,
                    "sf increases at t {t} df {df} ncp {ncp}"
                );
                assert!((0.0..=1.0).contains(&c) && (0.0..=1.0).contains(&s));
                prev_c = c;
                prev_s = s;
            }
        }
        // In ncp (what the interval search relies on): cdf(t) is decreasing.
        let mut prev = 2.0;
        for i in 0..=400 {
            let ncp = -40.0 + 80.0 * i as f64 / 400.0;
            let c = cdf(3.0, df, ncp);
            assert!(
                c <= prev + 1e-15,
                "cdf not decreasing in ncp at {ncp}, df {df}"
            );
            prev = c;
        }
    }
}

#[test]
fn ncp_intervals_match_r_uniroot() {
    let fx = fixture();
    for iv in fx["intervals"].as_array().unwrap() {
        let (t, df, conf) = (num(&iv["t"]), num(&iv["df"]), num(&iv["conf"]));
        let call = iv["call"].as_str().unwrap();
        let (lo, hi) = ncp_interval(t, df, conf, Alternative::TwoSided).unwrap();
        // R: uniroot(function(d) pt(t, df, d, lower = FALSE) - alpha/2, tol = 1e-15) (and upper)
        assert_rel(lo, num(&iv["low"]), REL_NCP_LIMITS, &format!("{call} low"));
        assert_rel(
            hi,
            num(&iv["high"]),
            REL_NCP_LIMITS,
            &format!("{call} high"),
        );
        // One-sided (effectsize convention): level 2·conf − 1 two-sided, open end infinite.
        let one = 0.5 + conf / 2.0;
        let (g_lo, g_hi) = ncp_interval(t, df, one, Alternative::Greater).unwrap();
        let (l_lo, l_hi) = ncp_interval(t, df, one, Alternative::Less).unwrap();
        assert_rel(
            g_lo,
            num(&iv["low"]),
            REL_NCP_LIMITS,
            &format!("{call} greater"),
        );
        assert_rel(
            l_hi,
            num(&iv["high"]),
            REL_NCP_LIMITS,
            &format!("{call} less"),
        );
        assert_eq!((g_hi, l_lo), (f64::INFINITY, f64::NEG_INFINITY));
    }
}

#[test]
fn invalid_arguments() {
    assert!(cdf(f64::NAN, 3.0, 1.0).is_nan());
    assert!(sf(1.0, 0.0, 1.0).is_nan());
    assert!(cdf(1.0, 3.0, f64::INFINITY).is_nan());
    assert_eq!(cdf(f64::INFINITY, 3.0, 1.0), 1.0);
    assert_eq!(sf(f64::NEG_INFINITY, 3.0, 1.0), 1.0);
    // df = ∞ is the normal distribution N(ncp, 1): R pnorm(1.5 - 0.5) = 0.84134474606854293
    assert_abs(
        cdf(1.5, f64::INFINITY, 0.5),
        0.841_344_746_068_542_9,
        1e-15,
        "df = Inf",
    );
    assert!(matches!(
        ncp_interval(1.0, 5.0, 1.0, Alternative::TwoSided),
        Err(StatsError::InvalidArgument {
            name: "conf_level",
            ..
        })
    ));
    assert!(matches!(
        ncp_interval(f64::NAN, 5.0, 0.95, Alternative::TwoSided),
        Err(StatsError::InvalidArgument { name: "t", .. })
    ));
    assert!(matches!(
        ncp_interval(1.0, 0.0, 0.95, Alternative::TwoSided),
        Err(StatsError::InvalidArgument { name: "df", .. })
    ));
}

#[test]
fn far_tail_opposite_to_ncp_keeps_relative_precision() {
    // Python: nct_far.py upper_tail(t, df, ncp) — mpmath 40-digit integral with dense breakpoints.
    // Series-based codes cancel here: SciPy/Boost gives 1.1e-73 for P(T > 1.5; 5, −20) = 3.56e-94,
    // and R's pt(-1.5, 5, 20) returns 0. The two mpmath runs agree to `check_rel` (≤ 2e-11).
    let fx = load_json("nct_far.json");
    let mut max_rel = 0.0_f64;
    for r in fx["far"].as_array().unwrap() {
        let (t, df, ncp) = (num(&r["t"]), num(&r["df"]), num(&r["ncp"]));
        let want = num(&r["sf"]);
        let got = sf(t, df, ncp);
        // Requirement 1e-10; measured 4.3e-14 where the two mpmath runs agree closely: the floor
        // is about twice that, or ten times the references' own disagreement.
        let tol = 1e-13_f64.max(10.0 * num(&r["check_rel"]));
        assert_rel(got, want, tol, r["call"].as_str().unwrap());
        // The same tail through the reflection P(T ≤ −t; ν, −δ).
        assert_rel(cdf(-t, df, -ncp), want, tol, "reflected");
        max_rel = max_rel.max(((got - want) / want).abs());
    }
    println!("far tails opposite to ncp: max relative error {max_rel:.2e}");
}
