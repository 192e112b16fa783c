//! Effect sizes against R `effectsize` 0.8.3 (fixture `tests/reference/effectsize.json`, generated
//! by `tests/reference/effectsize.R`).
//!
//! Each case stores the t-test summary that R's `t.test` reports (n, mean, SD per group, SD of the
//! differences, t, df, estimate), from which a `TTest` is built by hand here, so these tests do not
//! depend on the t-test code. Two references per effect size:
//!
//! * `pkg_*`: the value `effectsize` itself prints (`cohens_d`, `hedges_g`, `glass_delta`; the call
//!   is in the case's `call` field). Its CI comes from Nelder–Mead `optim(abstol = 1e-9)` started
//!   at `1.1·t`, good to about 1e-7 for moderate `t` but only to 9e-6 for the `t = 11.8` case, so it
//!   is compared at `1e-6 · max(1, |t|)` absolute.
//! * `full_*`: the same formulas (`effectsize:::.effect_size_difference`) with the noncentral-t
//!   limits solved by `uniroot(tol = 1e-15)` on R's `pt` (exact in this range), compared at
//!   `REL_FULL` (1e-10; the requirement `REL_NCT` is 1e-8). d_av (Algina & Keselman 2003) and the bias-corrected Glass's Δ
//!   have only this reference: no R package implements them in effectsize 0.8.3.

mod common;

use common::{assert_rel, load_json, num};
use serde_json::Value;
use ttest_xl::lang::Lang;
use ttest_xl::stats::descriptive::Summary;
use ttest_xl::stats::effect_size::{d_av, for_ttest, glass_delta, DKind, EffectSize, Magnitude};
use ttest_xl::stats::ttest::{TTest, TTestKind, TTestOptions};
use ttest_xl::stats::{Alternative, StatsError};

/// Tolerance against effectsize's own printed CI per unit of |t| (its optimiser stops near 1e-7).
const PKG_ABS: f64 = 1e-6;
/// d/g limits against R's uniroot(tol = 1e-15). Requirement `common::REL_NCT` = 1e-8; measured 4.7e-11;
/// asserted at about twice (issue 15: tolerances ratchet).
const REL_FULL: f64 = 1e-10;
/// d/g estimates: measured 2.7e-14; asserted at about twice.
const REL_ESTIMATE: f64 = 6e-14;

fn alternative(s: &str) -> Alternative {
    match s {
        "two.sided" => Alternative::TwoSided,
        "less" => Alternative::Less,
        "greater" => Alternative::Greater,
        other => panic!("alternative {other}"),
    }
}

/// The TTest R's `t.test` reported for this case (summary fields only; p and CI unused).
fn ttest_of(case: &Value) -> TTest {
    let kind = match case["kind"].as_str().unwrap() {
        "student" => TTestKind::Student,
        "welch" => TTestKind::Welch,
        "paired" => TTestKind::Paired,
        "one_sample" => TTestKind::OneSample,
        other => panic!("kind {other}"),
    };
    let summary = |g: &str| {
        Summary::from_stats(
            num(&case[format!("n_{g}")]) as usize,
            num(&case[format!("mean_{g}")]),
            num(&case[format!("sd_{g}")]),
        )
    };
    TTest {
        kind,
        options: TTestOptions {
            alternative: alternative(case["alternative"].as_str().unwrap()),
            mu: num(&case["mu"]),
            conf_level: num(&case["conf"]),
        },
        statistic: num(&case["statistic"]),
        df: num(&case["df"]),
        p_value: f64::NAN,
        estimate: num(&case["estimate"]),
        conf_low: f64::NAN,
        conf_high: f64::NAN,
        std_err: num(&case["std_err"]),
        x: summary("x"),
        y: case.get("n_y").map(|_| summary("y")),
        sd_diff: case.get("sd_diff").map(num),
        // R effectsize::sd_pooled: sqrt(((n_x − 1) sd_x² + (n_y − 1) sd_y²) / (n_x + n_y − 2)).
        sd_pooled: (kind == TTestKind::Student).then(|| {
            let (nx, ny) = (num(&case["n_x"]), num(&case["n_y"]));
            let (sx, sy) = (num(&case["sd_x"]), num(&case["sd_y"]));
            (((nx - 1.0) * sx * sx + (ny - 1.0) * sy * sy) / (nx + ny - 2.0)).sqrt()
        }),
        difference: num(&case["estimate"]) - num(&case["mu"]),
    }
}

/// Checks against the full-precision R reference; returns the largest relative error of a limit.
#[track_caller]
fn check_full(got: &EffectSize, want: &Value, what: &str) -> f64 {
    assert_rel(
        got.estimate,
        num(&want["estimate"]),
        REL_ESTIMATE,
        &format!("{what} estimate"),
    );
    assert_rel(
        got.conf_low,
        num(&want["low"]),
        REL_FULL,
        &format!("{what} low"),
    );
    assert_rel(
        got.conf_high,
        num(&want["high"]),
        REL_FULL,
        &format!("{what} high"),
    );
    let rel = |g: f64, w: f64| {
        if g.is_finite() {
            ((g - w) / w).abs()
        } else {
            0.0
        }
    };
    rel(got.conf_low, num(&want["low"])).max(rel(got.conf_high, num(&want["high"])))
}

#[track_caller]
fn check_pkg(got: &EffectSize, want: &Value, t: f64, what: &str) {
    let tol = PKG_ABS * t.abs().max(1.0);
    let close = |g: f64, w: f64| (g.is_infinite() && g == w) || (g - w).abs() <= tol;
    let (e, l, h) = (
        num(&want["estimate"]),
        num(&want["low"]),
        num(&want["high"]),
    );
    assert!(
        close(got.estimate, e) && close(got.conf_low, l) && close(got.conf_high, h),
        "{what}: got ({}, {}, {}), effectsize ({e}, {l}, {h})",
        got.estimate,
        got.conf_low,
        got.conf_high
    );
}

fn cases() -> Vec<Value> {
    load_json("effectsize.json")["cases"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn d_and_g_match_effectsize_for_every_test_kind() {
    let (mut max_pkg, mut max_full): (f64, f64) = (0.0, 0.0);
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let call = case["call"].as_str().unwrap();
        let t = ttest_of(&case);
        let dg = for_ttest(&t).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected_kind = match t.kind {
            TTestKind::Student => DKind::Pooled,
            TTestKind::Welch => DKind::AverageVariance,
            TTestKind::Paired => DKind::Dz,
            TTestKind::OneSample => DKind::OneSample,
        };
        assert_eq!(dg.d.kind, expected_kind, "{name}");
        assert!(!dg.d.hedges && dg.g.hedges);
        assert_eq!(dg.d.conf_level, t.options.conf_level);
        // R (full precision): formulas of effectsize:::.effect_size_difference + uniroot(tol = 1e-15).
        max_full = max_full.max(check_full(
            &dg.d,
            &case["full_d"],
            &format!("{name}: d [{call}]"),
        ));
        max_full = max_full.max(check_full(
            &dg.g,
            &case["full_g"],
            &format!("{name}: g [{call}]"),
        ));
        // R: effectsize::cohens_d(...) / hedges_g(...) as printed by the package.
        check_pkg(
            &dg.d,
            &case["pkg_d"],
            t.statistic,
            &format!("{name}: d vs {call}"),
        );
        check_pkg(
            &dg.g,
            &case["pkg_g"],
            t.statistic,
            &format!("{name}: g vs {call}"),
        );
        for (g, w) in [(&dg.d, &case["pkg_d"]), (&dg.g, &case["pkg_g"])] {
            for (a, b) in [(g.conf_low, &w["low"]), (g.conf_high, &w["high"])] {
                if a.is_finite() {
                    max_pkg = max_pkg.max((a - num(b)).abs());
                }
            }
        }
    }
    println!("max |ours - effectsize optim CI| = {max_pkg:.2e}");
    println!("max relative error of CI limits vs uniroot(tol = 1e-15) = {max_full:.2e}");
}

#[test]
fn glass_delta_matches_effectsize() {
    let mut seen = 0;
    for case in cases() {
        if case.get("full_glass").is_none() {
            continue;
        }
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let t = ttest_of(&case);
        let dg = glass_delta(&t).unwrap();
        assert_eq!(dg.d.kind, DKind::Glass);
        // R: effectsize::glass_delta(x, y, mu, ci, alternative), limits by uniroot(tol = 1e-15).
        check_full(&dg.d, &case["full_glass"], &format!("{name}: Glass"));
        check_pkg(
            &dg.d,
            &case["pkg_glass"],
            t.statistic,
            &format!("{name}: glass_delta"),
        );
        // R: glass_delta(...) * J(n_y - 1), J = exp(lgamma(df/2) - log(sqrt(df/2)) - lgamma((df-1)/2)).
        check_full(
            &dg.g,
            &case["full_glass_g"],
            &format!("{name}: Glass corrected"),
        );
    }
    assert!(seen >= 10);
}

#[test]
fn d_av_matches_the_algina_keselman_reference() {
    let mut seen = 0;
    for case in cases() {
        if case.get("full_dav").is_none() {
            continue;
        }
        seen += 1;
        let name = case["name"].as_str().unwrap();
        let dg = d_av(&ttest_of(&case)).unwrap();
        assert_eq!(dg.d.kind, DKind::Dav);
        // R: (mean(x-y)-mu)/((sd(x)+sd(y))/2), CI = uniroot ncp limits * sd(x-y)/(sqrt(n) s_av).
        check_full(&dg.d, &case["full_dav"], &format!("{name}: d_av"));
        check_full(&dg.g, &case["full_gav"], &format!("{name}: g_av"));
    }
    assert!(seen >= 4);
}

#[test]
fn one_sided_intervals_are_open_on_one_end() {
    for case in cases() {
        let t = ttest_of(&case);
        let dg = for_ttest(&t).unwrap();
        match t.options.alternative {
            Alternative::Greater => assert_eq!(dg.g.conf_high, f64::INFINITY),
            Alternative::Less => assert_eq!(dg.g.conf_low, f64::NEG_INFINITY),
            Alternative::TwoSided => {
                assert!(dg.g.conf_low.is_finite() && dg.g.conf_high.is_finite())
            }
        }
        assert!(dg.d.conf_low <= dg.d.estimate && dg.d.estimate <= dg.d.conf_high);
    }
}

#[test]
fn swapping_groups_flips_the_sign() {
    for case in cases() {
        let t = ttest_of(&case);
        if !matches!(t.kind, TTestKind::Student | TTestKind::Welch) || t.options.mu != 0.0 {
            continue;
        }
        let mut s = t.clone();
        s.x = t.y.unwrap();
        s.y = Some(t.x);
        s.estimate = -t.estimate;
        s.difference = -t.difference;
        s.statistic = -t.statistic;
        s.options.alternative = Alternative::TwoSided;
        let mut t2 = t.clone();
        t2.options.alternative = Alternative::TwoSided;
        let (a, b) = (for_ttest(&t2).unwrap(), for_ttest(&s).unwrap());
        assert!((a.d.estimate + b.d.estimate).abs() < 1e-14);
        assert!((a.d.conf_low + b.d.conf_high).abs() < 1e-12);
        assert!((a.g.conf_high + b.g.conf_low).abs() < 1e-12);
    }
}

#[test]
fn errors_are_typed() {
    let case = &cases()[0];
    let mut t = ttest_of(case);
    t.options.conf_level = 1.0;
    assert!(matches!(
        for_ttest(&t),
        Err(StatsError::InvalidArgument {
            name: "conf_level",
            ..
        })
    ));
    let mut t = ttest_of(case);
    t.x.sd = 0.0;
    t.y.as_mut().unwrap().sd = 0.0;
    t.sd_pooled = Some(0.0);
    assert_eq!(for_ttest(&t), Err(StatsError::Constant));
    // A Student test without its pooled SD (built by hand) is refused, not computed from NaN.
    let mut t = ttest_of(case);
    t.sd_pooled = None;
    assert!(matches!(
        for_ttest(&t),
        Err(StatsError::InvalidArgument {
            name: "sd_pooled",
            ..
        })
    ));
    let mut t = ttest_of(case);
    t.y = None;
    assert!(matches!(
        for_ttest(&t),
        Err(StatsError::InvalidArgument { .. })
    ));
    // Glass's delta needs two independent samples, d_av a paired test.
    let one = cases()
        .into_iter()
        .find(|c| c["kind"] == "one_sample")
        .unwrap();
    assert!(glass_delta(&ttest_of(&one)).is_err());
    assert!(d_av(&ttest_of(&one)).is_err());
    let e = d_av(&ttest_of(case)).unwrap_err();
    assert!(!e.message(Lang::Ja).is_ascii());
}

#[test]
fn names_say_which_d() {
    let case = cases().into_iter().find(|c| c["kind"] == "paired").unwrap();
    let t = ttest_of(&case);
    let dz = for_ttest(&t).unwrap();
    let dav = d_av(&t).unwrap();
    assert_eq!(dz.d.name(Lang::En), "Cohen's d_z (SD of differences)");
    assert_eq!(dz.g.name(Lang::Ja), "Hedges の g_z（差の標準偏差）");
    assert_eq!(dav.d.name(Lang::En), "d_av (average of the two SDs)");
    assert_ne!(dz.d.name(Lang::Ja), dav.d.name(Lang::Ja));
}

#[test]
fn magnitude_follows_cohen_1988() {
    // R: effectsize::interpret_cohens_d(c(0.1999, 0.2, -0.49, 0.5, 0.79, -0.8, 3), rules = "cohen1988")
    //    -> very small, small, small, medium, medium, large, large (right = FALSE)
    let want = [
        (0.1999, Magnitude::Negligible),
        (0.2, Magnitude::Small),
        (-0.49, Magnitude::Small),
        (0.5, Magnitude::Medium),
        (0.79, Magnitude::Medium),
        (-0.8, Magnitude::Large),
        (3.0, Magnitude::Large),
    ];
    for (d, m) in want {
        assert_eq!(Magnitude::of(d), m, "{d}");
    }
    assert_eq!(Magnitude::Negligible.label(Lang::En), "negligible");
    assert_eq!(Magnitude::Medium.label(Lang::Ja), "中程度");
}
