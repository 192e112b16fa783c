//! Numerical torture of the public engine API (`ttest_xl::stats`), issue #8.
//!
//! Every result the engine returns must be usable: p in [0, 1], a confidence interval that is
//! ordered and contains the estimate, effect-size intervals ordered around their estimate; every
//! input it cannot handle must give a typed [`StatsError`], never a panic and never a silent
//! NaN/Inf. Where a result is returned for extreme data its correctness is checked against R on
//! the unscaled data (the t statistic, df and p are invariant under `x → c·x, y → c·y`), with the
//! reference values from `tests/reference/torture.R` → `torture.json`.
//!
//! Size: the huge-n case uses 10⁶ values by default (a few seconds in a debug build); set
//! `TTXL_TORTURE_N=10000000` to run it with 10⁷. Its expected mean and SD are closed-form (the
//! data are a repeated pattern whose mean and variance are known exactly), not values from our
//! code. Random cases: `PROPTEST_CASES` (default 256 per property).

mod common;

use common::{assert_rel, load_json, num, nums};
use proptest::prelude::*;
use ttest_xl::lang::Lang;
use ttest_xl::stats::descriptive::summarize;
use ttest_xl::stats::effect_size::{d_av, for_ttest, glass_delta, DAndG};
use ttest_xl::stats::p_adjust::{p_adjust, AdjustMethod};
use ttest_xl::stats::rank::{mann_whitney, signed_rank, RankOptions, RankTest};
use ttest_xl::stats::ttest::{one_sample, paired, student, welch, TTest, TTestOptions};
use ttest_xl::stats::{Alternative, StatsError};

const ALTS: [Alternative; 3] = [
    Alternative::TwoSided,
    Alternative::Less,
    Alternative::Greater,
];

fn opts(alternative: Alternative) -> TTestOptions {
    TTestOptions {
        alternative,
        ..TTestOptions::default()
    }
}

/// The invariants of a returned t-test.
#[track_caller]
fn check_ttest(r: &TTest, what: &str) {
    assert!(
        (0.0..=1.0).contains(&r.p_value),
        "{what}: p = {} outside [0, 1]",
        r.p_value
    );
    assert!(r.statistic.is_finite(), "{what}: t = {}", r.statistic);
    assert!(r.df.is_finite() && r.df > 0.0, "{what}: df = {}", r.df);
    assert!(r.estimate.is_finite(), "{what}: estimate = {}", r.estimate);
    assert!(
        r.std_err.is_finite() && r.std_err > 0.0,
        "{what}: se = {}",
        r.std_err
    );
    assert!(
        !r.conf_low.is_nan() && !r.conf_high.is_nan(),
        "{what}: CI [{}, {}]",
        r.conf_low,
        r.conf_high
    );
    assert!(
        r.conf_low <= r.estimate && r.estimate <= r.conf_high,
        "{what}: CI [{}, {}] does not contain {}",
        r.conf_low,
        r.conf_high,
        r.estimate
    );
    match r.options.alternative {
        Alternative::TwoSided => assert!(
            r.conf_low.is_finite() && r.conf_high.is_finite(),
            "{what}: two-sided CI [{}, {}] not finite",
            r.conf_low,
            r.conf_high
        ),
        Alternative::Less => assert_eq!(r.conf_low, f64::NEG_INFINITY, "{what}"),
        Alternative::Greater => assert_eq!(r.conf_high, f64::INFINITY, "{what}"),
    }
    for dg in [for_ttest(r), glass_delta(r), d_av(r)]
        .into_iter()
        .flatten()
    {
        check_dg(&dg, what);
    }
}

#[track_caller]
fn check_dg(dg: &DAndG, what: &str) {
    for e in [&dg.d, &dg.g] {
        assert!(e.estimate.is_finite(), "{what}: effect size {e:?}");
        assert!(
            !e.conf_low.is_nan() && !e.conf_high.is_nan(),
            "{what}: effect-size CI has NaN: {e:?}"
        );
        assert!(
            e.conf_low <= e.estimate && e.estimate <= e.conf_high,
            "{what}: effect-size CI not ordered around its estimate: {e:?}"
        );
    }
}

#[track_caller]
fn check_rank(r: &RankTest, what: &str) {
    assert!(
        (0.0..=1.0).contains(&r.p_value),
        "{what}: rank p = {}",
        r.p_value
    );
    assert!(
        r.statistic.is_finite() && r.statistic >= 0.0,
        "{what}: {r:?}"
    );
    assert!(
        (-1.0..=1.0).contains(&r.rank_biserial),
        "{what}: rank-biserial {}",
        r.rank_biserial
    );
}

/// Every error has a non-empty message in both languages.
#[track_caller]
fn check_err(e: &StatsError, what: &str) {
    assert!(!e.to_string().is_empty(), "{what}");
    assert!(!e.message(Lang::Ja).is_empty(), "{what}");
}

/// Runs every two-sample/paired test and rank test on (x, y) for every alternative and checks the
/// invariants of whatever comes back. Returns the Welch result (two-sided) for further checks.
fn torture_all(x: &[f64], y: &[f64], what: &str) -> Result<TTest, StatsError> {
    let mut welch_two = None;
    for alt in ALTS {
        let o = opts(alt);
        for (name, r) in [
            ("welch", welch(x, y, &o)),
            ("student", student(x, y, &o)),
            ("one_sample", one_sample(x, &o)),
        ] {
            match &r {
                Ok(t) => check_ttest(t, &format!("{what} {name} {alt:?}")),
                Err(e) => check_err(e, what),
            }
            if name == "welch" && alt == Alternative::TwoSided {
                welch_two = Some(r);
            }
        }
        if x.len() == y.len() {
            match paired(x, y, &o) {
                Ok(t) => check_ttest(&t, &format!("{what} paired {alt:?}")),
                Err(e) => check_err(&e, what),
            }
        }
        for correct in [true, false] {
            let ro = RankOptions {
                alternative: alt,
                correct,
            };
            match mann_whitney(x, y, &ro) {
                Ok(r) => check_rank(&r, &format!("{what} mann_whitney {alt:?}")),
                Err(e) => check_err(&e, what),
            }
            if x.len() == y.len() {
                match signed_rank(x, y, &ro) {
                    Ok(r) => check_rank(&r, &format!("{what} signed_rank {alt:?}")),
                    Err(e) => check_err(&e, what),
                }
            }
        }
    }
    welch_two.unwrap()
}

fn reference() -> serde_json::Value {
    load_json("torture.json")
}

/// Scaled copies of R's data: t, df and p are scale invariant, the estimate and CI scale.
/// Acceptable: the correct answer, or [`StatsError::OutOfRange`]. Not acceptable: a panic,
/// NaN/Inf in a result, a wrong answer, or a misleading error (e.g. "constant" for data that
/// are not constant).
fn scaled_case(factor: f64) -> Vec<String> {
    let r = reference();
    let (x, y) = (nums(&r["x"]), nums(&r["y"]));
    let xs: Vec<f64> = x.iter().map(|v| v * factor).collect();
    let ys: Vec<f64> = y.iter().map(|v| v * factor).collect();
    let mut problems = Vec::new();
    let o = TTestOptions::default();
    // R: t.test(x, y); t.test(x, y, var.equal = TRUE); t.test(x, y, paired = TRUE)  (torture.R)
    for (name, got) in [
        ("welch", welch(&xs, &ys, &o)),
        ("student", student(&xs, &ys, &o)),
        ("paired", paired(&xs, &ys, &o)),
    ] {
        let want = &r[name];
        match got {
            Ok(t) => {
                check_ttest(&t, &format!("{name} ×{factor:e}"));
                // A negative factor flips the sign of t and swaps the interval's ends.
                let sign = factor.signum();
                let (lo, hi) = if sign > 0.0 {
                    (t.conf_low, t.conf_high)
                } else {
                    (t.conf_high, t.conf_low)
                };
                for (field, g, w) in [
                    ("t", sign * t.statistic, num(&want["statistic"])),
                    ("df", t.df, num(&want["df"])),
                    ("p", t.p_value, num(&want["p_value"])),
                    (
                        "estimate/factor",
                        t.estimate / factor,
                        num(&want["estimate"]),
                    ),
                    ("conf_low/factor", lo / factor, num(&want["conf_low"])),
                    ("conf_high/factor", hi / factor, num(&want["conf_high"])),
                ] {
                    // Subnormal inputs keep fewer digits; 1e-9 is far above double rounding for
                    // normal numbers and still catches any real error.
                    let tol = if factor.abs() < 1e-300 { 1e-6 } else { 1e-9 };
                    if (g - w).abs() > tol * w.abs() || g.is_nan() {
                        problems.push(format!(
                            "{name} ×{factor:e}: {field} = {g}, R (unscaled) = {w}"
                        ));
                    }
                }
            }
            Err(StatsError::OutOfRange { .. }) => {}
            Err(e) => problems.push(format!(
                "{name} ×{factor:e}: error {e:?} (\"{e}\") instead of the answer or OutOfRange"
            )),
        }
    }
    problems
}

/// Student's t with a group of one (and the other torture cases against R). Published
/// requirement REL_TTEST = 1e-10; measured 3.3e-15; asserted at about twice (issue 15).
const REL_TORTURE: f64 = 7e-15;
#[test]
fn scaled_by_ordinary_factors_matches_r() {
    for f in [1.0, -1.0, 1e-10, 1e10, 1e-100, 1e100, 1e150, 1e-150] {
        let p = scaled_case(f);
        assert!(p.is_empty(), "{p:#?}");
    }
}

#[test]
fn scaled_to_1e300_overflow_is_answer_or_out_of_range() {
    // Squares of 1e300 overflow: the engine must either rescale and answer correctly or say
    // OutOfRange.
    for f in [1e200, 1e250, 1e300, 1e307, -1e300] {
        let p = scaled_case(f);
        assert!(p.is_empty(), "{p:#?}");
    }
}

// Found by this test, fixed (ttest::check_underflow): for data scaled below ~1e-160 the squared
// deviations underflow (to subnormals, then to 0). The t-tests returned StatsError::Constant
// ("data are essentially constant") for data that are not constant, and around 1e-160 the t
// statistic silently lost digits (x = [0, 0], y = [0, 82.47002785761114]·1e-160 gave
// t = -0.99999998459; exactly -1 by hand: means 0 and a/2, se = √(a²/2 / 2) = a/2). Now: the
// correct t (scale invariant; R's t.test(x, y) on the unscaled data, torture.json) or
// StatsError::OutOfRange.
#[test]
fn scaled_to_1e_minus_300_underflow_is_answer_or_out_of_range() {
    let mut problems = Vec::new();
    for f in [1e-170, 1e-200, 1e-300, 1e-305, -1e-300] {
        problems.extend(scaled_case(f));
    }
    // Exact by hand: t = -1 for x = [0, 0], y = [0, a] at any scale a.
    let a = 82.47002785761114e-160;
    match welch(&[0.0, 0.0], &[0.0, a], &TTestOptions::default()) {
        Ok(t) if (t.statistic + 1.0).abs() <= 1e-12 => {}
        Err(StatsError::OutOfRange { .. }) => {}
        other => problems.push(format!(
            "welch([0, 0], [0, {a:e}]): want t = -1, got {other:?}"
        )),
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn subnormal_data_never_give_garbage() {
    // Values 5e-324·k are subnormal: whatever comes back must satisfy the invariants.
    let x: Vec<f64> = (1..=20).map(|k| f64::from_bits(k as u64)).collect();
    let y: Vec<f64> = (5..=30).map(|k| f64::from_bits(3 * k as u64)).collect();
    let _ = torture_all(&x, &y, "subnormal");
    let mixed: Vec<f64> = vec![f64::MIN_POSITIVE, 5e-324, 1e-310, 0.0, -1e-315, 2e-308];
    let _ = torture_all(&mixed, &x[..6], "mixed subnormal");
    for v in [&x, &y, &mixed] {
        match summarize(v, "x") {
            Ok(s) => {
                assert!(
                    s.mean.is_finite() && s.sd.is_finite() && s.sd >= 0.0,
                    "{s:?}"
                )
            }
            Err(e) => check_err(&e, "summarize subnormal"),
        }
    }
}

#[test]
fn huge_magnitudes_with_mixed_signs() {
    let x = [1e308, -1e308, 1.7e308, -1.7e308, 1e308];
    let y = [1.0, 2.0, 3.0, 4.0, 5.0];
    let r = torture_all(&x, &y, "±1e308");
    // The variance of x is ~1e616: it cannot be represented, so an error is the right answer
    // (the sum 1e308 + 1.7e308 itself overflows).
    match r {
        Err(StatsError::OutOfRange { .. }) => {}
        other => panic!("expected OutOfRange for ±1e308 data, got {other:?}"),
    }
    match summarize(&x, "x") {
        Err(StatsError::OutOfRange { .. }) => {}
        other => panic!("summarize ±1e308: expected OutOfRange, got {other:?}"),
    }
}

#[test]
fn student_with_one_group_of_size_one_matches_r() {
    let r = reference();
    let (x, y) = (nums(&r["x"]), nums(&r["y"]));
    let o = TTestOptions::default();
    // R: t.test(c(2.5), y, var.equal = TRUE); t.test(x, c(-0.4), var.equal = TRUE);
    //    t.test(c(10), c(1, 3), var.equal = TRUE)   (torture.R)
    for (name, a, b) in [
        ("student_one", vec![2.5], y.clone()),
        ("student_one_rev", x.clone(), vec![-0.4]),
        ("student_one_two", vec![10.0], vec![1.0, 3.0]),
    ] {
        let got = student(&a, &b, &o).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_ttest(&got, name);
        let w = &r[name];
        assert_rel(got.statistic, num(&w["statistic"]), REL_TORTURE, name);
        assert_rel(got.df, num(&w["df"]), REL_TORTURE, name);
        assert_rel(got.p_value, num(&w["p_value"]), REL_TORTURE, name);
        assert_rel(got.conf_low, num(&w["conf_low"]), REL_TORTURE, name);
        assert_rel(got.conf_high, num(&w["conf_high"]), REL_TORTURE, name);
        // Welch needs two in each group (R: "not enough 'x' observations").
        assert!(matches!(
            welch(&a, &b, &o),
            Err(StatsError::TooFew { needed: 2, .. })
        ));
    }
    // Two groups of size 1: R refuses ("not enough observations").
    assert!(matches!(
        student(&[1.0], &[2.0], &o),
        Err(StatsError::TooFew { .. })
    ));
    // A group of size 1 padded with NaN is still size 1.
    let got = student(&[f64::NAN, 2.5, f64::NAN], &y, &o).unwrap();
    assert_rel(
        got.statistic,
        num(&r["student_one"]["statistic"]),
        REL_TORTURE,
        "student_one with NaN",
    );
    assert_eq!(got.x.missing, 2);
}

#[test]
fn all_nan_groups_are_too_few() {
    let nan = vec![f64::NAN; 7];
    let y = [1.0, 2.0, 4.0, 8.0];
    let o = TTestOptions::default();
    for r in [
        welch(&nan, &y, &o),
        student(&nan, &y, &o),
        one_sample(&nan, &o),
        welch(&y, &nan, &o),
        student(&y, &nan, &o),
        welch(&nan, &nan, &o),
        welch(&[], &y, &o),
        one_sample(&[], &o),
    ] {
        match r {
            Err(StatsError::TooFew { found: 0, .. }) => {}
            other => panic!("all-NaN group: expected TooFew with found 0, got {other:?}"),
        }
    }
    for r in [
        mann_whitney(&nan, &y, &RankOptions::default()),
        mann_whitney(&y, &nan, &RankOptions::default()),
    ] {
        assert!(matches!(r, Err(StatsError::TooFew { .. })), "{r:?}");
    }
    let s = summarize(&nan, "x").unwrap();
    assert_eq!((s.n, s.missing), (0, 7));
}

#[test]
fn paired_with_a_nan_in_every_pair_is_too_few() {
    let x = [1.0, f64::NAN, 3.0, f64::NAN, 5.0];
    let y = [f64::NAN, 2.0, f64::NAN, 4.0, f64::NAN];
    let o = TTestOptions::default();
    match paired(&x, &y, &o) {
        Err(StatsError::TooFew { found: 0, .. }) => {}
        other => panic!("expected TooFew with 0 pairs, got {other:?}"),
    }
    match signed_rank(&x, &y, &RankOptions::default()) {
        Err(StatsError::TooFew { .. }) => {}
        other => panic!("signed rank: expected TooFew, got {other:?}"),
    }
    // Only one complete pair: still too few.
    let x1 = [1.0, f64::NAN, 3.0];
    let y1 = [f64::NAN, 2.0, 3.5];
    assert!(matches!(
        paired(&x1, &y1, &o),
        Err(StatsError::TooFew { found: 1, .. })
    ));
}

#[test]
fn constant_data_are_refused_not_nan() {
    let c = [3.0; 10];
    let big = [1e300; 10];
    let o = TTestOptions::default();
    for (what, r) in [
        ("one_sample", one_sample(&c, &o)),
        ("welch both constant", welch(&c, &c, &o)),
        ("student both constant", student(&c, &[3.0; 4], &o)),
        ("paired constant difference", paired(&c, &[1.0; 10], &o)),
        ("paired identical", paired(&c, &c, &o)),
        ("1e300 constant", one_sample(&big, &o)),
        ("1e300 welch", welch(&big, &big, &o)),
    ] {
        match r {
            Err(StatsError::Constant) => {}
            other => panic!("{what}: expected Constant, got {other:?}"),
        }
    }
    // One constant group and one varying group is a valid Welch/Student test.
    let y = [1.0, 2.0, 3.0, 5.0];
    let _ = torture_all(&c, &y, "one constant group");
    assert!(welch(&c, &y, &o).is_ok());
    // All values tied: the rank tests cannot use the normal approximation.
    let r = mann_whitney(&c, &[3.0; 6], &RankOptions::default());
    assert!(
        matches!(r, Err(StatsError::Constant)) || r.as_ref().is_ok_and(|t| t.p_value == 1.0),
        "{r:?}"
    );
    let r = signed_rank(&c, &c, &RankOptions::default());
    assert!(r.is_err(), "signed rank with all-zero differences: {r:?}");
}

#[test]
fn infinities_are_non_finite_errors_with_their_position() {
    let o = TTestOptions::default();
    let y = [1.0, 2.0, 3.0, 4.0];
    for (x, index) in [
        (vec![1.0, f64::INFINITY, 2.0, 3.0], 2),
        (vec![f64::NEG_INFINITY, 1.0, 2.0, 3.0], 1),
        (
            vec![1.0, f64::NAN, 2.0, 3.0, f64::INFINITY, f64::NEG_INFINITY],
            5,
        ),
        (
            vec![f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, 1.0],
            1,
        ),
    ] {
        for (name, r) in [
            ("welch", welch(&x, &y, &o)),
            ("student", student(&x, &y, &o)),
            ("one_sample", one_sample(&x, &o)),
            ("welch y", welch(&y, &x, &o)),
        ] {
            match r {
                Err(StatsError::NonFinite { index: i, .. }) => {
                    assert_eq!(i, index, "{name} {x:?}")
                }
                other => panic!("{name} {x:?}: expected NonFinite, got {other:?}"),
            }
        }
        let y4: Vec<f64> = (0..x.len()).map(|k| k as f64 * 1.5).collect();
        assert!(
            matches!(paired(&x, &y4, &o), Err(StatsError::NonFinite { .. })),
            "paired {x:?}"
        );
        assert!(matches!(
            mann_whitney(&x, &y, &RankOptions::default()),
            Err(StatsError::NonFinite { .. })
        ));
        assert!(matches!(
            signed_rank(&x, &y4, &RankOptions::default()),
            Err(StatsError::NonFinite { .. })
        ));
    }
    // Inf as an option.
    for bad in [
        TTestOptions {
            mu: f64::INFINITY,
            ..o
        },
        TTestOptions { mu: f64::NAN, ..o },
        TTestOptions {
            conf_level: f64::NAN,
            ..o
        },
        TTestOptions {
            conf_level: 1.0,
            ..o
        },
        TTestOptions {
            conf_level: 0.0,
            ..o
        },
    ] {
        assert!(matches!(
            welch(&y, &[2.0, 3.0, 9.0], &bad),
            Err(StatsError::InvalidArgument { .. })
        ));
    }
}

/// A repeated pattern 0..7 (offset by `base`): mean and variance are known in closed form,
/// `mean = base + 3`, population variance `(7² − 1)/12 = 4`, sample variance `4·n/(n − 1)`.
fn pattern(n: usize, base: f64) -> Vec<f64> {
    (0..n).map(|i| base + (i % 7) as f64).collect()
}

#[test]
fn huge_n_is_accurate() {
    let n: usize = std::env::var("TTXL_TORTURE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let n = n / 7 * 7;
    let started = std::time::Instant::now();
    // Leading digits shared by all values (1e9): the classic cancellation trap.
    let x = pattern(n, 1e9);
    let mut y = pattern(n, 1e9 + 0.01);
    // Exact closed forms (see `pattern`).
    let var = 4.0 * n as f64 / (n - 1) as f64;
    let s = summarize(&x, "x").unwrap();
    assert_eq!(s.n, n);
    assert_rel(s.mean, 1e9 + 3.0, 1e-15, "mean at 1e9");
    assert_rel(s.sd, var.sqrt(), 1e-9, "sd at 1e9");
    // Welch: estimate −0.01, se = √(2·var/n), df = 2(n − 1) (equal variances and sizes).
    let o = TTestOptions::default();
    let r = welch(&x, &y, &o).unwrap();
    check_ttest(&r, "huge n welch");
    let se = (2.0 * var / n as f64).sqrt();
    assert_rel(r.estimate, -0.01, 1e-6, "huge n estimate");
    assert_rel(r.statistic, -0.01 / se, 1e-6, "huge n t");
    assert_rel(r.df, 2.0 * (n - 1) as f64, 1e-9, "huge n df");
    // Paired: every difference is exactly −0.01 up to rounding at 1e9 (spacing 1.2e-7): nearly
    // constant, so either Constant or a finite, valid result.
    match paired(&x, &y, &o) {
        Ok(t) => check_ttest(&t, "huge n paired"),
        Err(e) => assert_eq!(e, StatsError::Constant),
    }
    // Missing values sprinkled every 1,000th position.
    for k in (0..n).step_by(1000) {
        y[k] = f64::NAN;
    }
    let r = welch(&x, &y, &o).unwrap();
    check_ttest(&r, "huge n welch with NaN");
    assert_eq!(r.y.unwrap().missing, n.div_ceil(1000));
    let rk = mann_whitney(
        &x[..n.min(200_000)],
        &y[..n.min(200_000)],
        &RankOptions::default(),
    )
    .unwrap();
    check_rank(&rk, "huge n mann-whitney");
    eprintln!("huge n = {n}: {:.2?}", started.elapsed());
}

#[test]
fn p_adjust_extremes() {
    let methods = [
        AdjustMethod::None,
        AdjustMethod::Holm,
        AdjustMethod::Hochberg,
        AdjustMethod::Bonferroni,
        AdjustMethod::BenjaminiHochberg,
        AdjustMethod::BenjaminiYekutieli,
        AdjustMethod::Hommel,
    ];
    let cases: Vec<Vec<f64>> = vec![
        vec![],
        vec![f64::NAN; 5],
        vec![0.0, 1.0, 0.0, 1.0],
        vec![5e-324, f64::MIN_POSITIVE, 1e-300, 0.5],
        vec![1.0; 50],
        (0..10_000).map(|i| (i as f64 / 10_000.0).powi(3)).collect(),
        vec![0.01, f64::NAN, 0.04, f64::NAN, 0.03],
    ];
    for p in &cases {
        for m in methods {
            let q = p_adjust(p, m).unwrap();
            check_adjusted(p, &q, m);
        }
    }
    for bad in [
        vec![0.1, f64::INFINITY],
        vec![-0.0001, 0.2],
        vec![1.0000001],
        vec![f64::NEG_INFINITY],
    ] {
        for m in methods {
            assert!(
                matches!(p_adjust(&bad, m), Err(StatsError::InvalidArgument { .. })),
                "{bad:?} {m:?}"
            );
        }
    }
}

#[track_caller]
fn check_adjusted(p: &[f64], q: &[f64], m: AdjustMethod) {
    assert_eq!(p.len(), q.len());
    for (a, b) in p.iter().zip(q) {
        if a.is_nan() {
            assert!(b.is_nan(), "{m:?}: NaN not kept");
            continue;
        }
        assert!((0.0..=1.0).contains(b), "{m:?}: adjusted {b} outside [0,1]");
        assert!(*b >= *a, "{m:?}: adjusted {b} < raw {a}");
    }
    // Monotone: a smaller raw p never gets a larger adjusted p.
    for i in 0..p.len() {
        for j in 0..p.len().min(200) {
            if !p[i].is_nan() && !p[j].is_nan() && p[i] < p[j] {
                assert!(
                    q[i] <= q[j],
                    "{m:?}: order broken at {i},{j}: {p:?} → {q:?}"
                );
            }
        }
    }
}

/// Numbers that break naive code: ordinary values, huge, tiny, subnormal, zero, NaN, ±Inf.
fn nasty() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => -10.0..10.0f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(-0.0),
        1 => Just(f64::MAX),
        1 => Just(f64::MIN),
        1 => Just(f64::MIN_POSITIVE),
        1 => Just(5e-324),
        1 => (-1.0..1.0f64).prop_map(|v| v * 1e300),
        1 => (-1.0..1.0f64).prop_map(|v| v * 1e-300),
        1 => (-1.0..1.0f64).prop_map(|v| v * 1e-310),
        1 => (-1.0..1.0f64).prop_map(|v| 1e9 + v * 1e-6),
        1 => any::<f64>(),
    ]
}

fn nasty_vec() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(nasty(), 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// Any data: a valid result or a typed error — and an infinite value always gives NonFinite.
    #[test]
    fn any_data_gives_valid_result_or_typed_error(x in nasty_vec(), y in nasty_vec()) {
        let r = torture_all(&x, &y, "proptest");
        // (x is checked first, so an overflowing x may report OutOfRange before y's Inf is seen.)
        if x.iter().chain(&y).any(|v| v.is_infinite()) {
            prop_assert!(r.is_err(), "{:?}", r);
        }
        if x.iter().any(|v| v.is_infinite()) {
            prop_assert!(matches!(r, Err(StatsError::NonFinite { .. } | StatsError::OutOfRange { .. })), "{:?}", r);
        }
    }

    /// Paired data of equal length.
    #[test]
    fn any_pairs(xy in prop::collection::vec((nasty(), nasty()), 0..40)) {
        let (x, y): (Vec<f64>, Vec<f64>) = xy.into_iter().unzip();
        let _ = torture_all(&x, &y, "proptest pairs");
    }

    /// Ordinary data at a scale where squares stay normal numbers: a correct answer (t is scale
    /// invariant) or an error — never a different t. (Scales below ~1e-150, where squared
    /// deviations become subnormal, are the known bug in
    /// `scaled_to_1e_minus_300_underflow_is_answer_or_out_of_range`.)
    #[test]
    fn scale_invariance(
        x in prop::collection::vec(-100.0..100.0f64, 2..30),
        y in prop::collection::vec(-100.0..100.0f64, 2..30),
        exp in -150i32..150,
    ) {
        let o = TTestOptions::default();
        let base = welch(&x, &y, &o);
        let f = 10f64.powi(exp);
        let xs: Vec<f64> = x.iter().map(|v| v * f).collect();
        let ys: Vec<f64> = y.iter().map(|v| v * f).collect();
        let scaled = welch(&xs, &ys, &o);
        if let (Ok(b), Ok(s)) = (&base, &scaled) {
            check_ttest(s, "scaled");
            prop_assert!((b.statistic - s.statistic).abs() <= 1e-8 * b.statistic.abs().max(1e-300),
                "t {} vs scaled {} (×1e{})", b.statistic, s.statistic, exp);
            prop_assert!((b.p_value - s.p_value).abs() <= 1e-8, "p {} vs {}", b.p_value, s.p_value);
        }
    }

    /// p_adjust on any p-values in [0, 1] with NaN.
    #[test]
    fn any_p_adjust(p in prop::collection::vec(prop_oneof![
        4 => 0.0..=1.0f64, 1 => Just(f64::NAN), 1 => Just(0.0), 1 => Just(1.0), 1 => Just(5e-324)
    ], 0..60)) {
        for m in [AdjustMethod::None, AdjustMethod::Holm, AdjustMethod::Hochberg,
                  AdjustMethod::Bonferroni, AdjustMethod::BenjaminiHochberg,
                  AdjustMethod::BenjaminiYekutieli, AdjustMethod::Hommel] {
            let q = p_adjust(&p, m).unwrap();
            check_adjusted(&p, &q, m);
        }
    }
}

/// Distribution functions at the extremes of their arguments: probabilities in [0, 1], never NaN
/// for arguments inside the documented domain (df > 0, including +∞).
fn extreme_distribution_values() -> Vec<String> {
    use ttest_xl::stats::{noncentral_t, tdist};
    let ts = [
        f64::MAX,
        -f64::MAX,
        1e300,
        -1e300,
        1e10,
        0.0,
        -0.0,
        5e-324,
        -1e-300,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    let dfs = [f64::INFINITY, 1e300, 1e10, 1e6, 1.0, 0.5, 1e-10, 5e-324];
    let mut bad = Vec::new();
    for &t in &ts {
        for &df in &dfs {
            for (name, p) in [
                ("tdist::cdf", tdist::cdf(t, df)),
                ("tdist::sf", tdist::sf(t, df)),
                (
                    "tdist::p_value two-sided",
                    tdist::p_value(t, df, Alternative::TwoSided),
                ),
                (
                    "tdist::p_value less",
                    tdist::p_value(t, df, Alternative::Less),
                ),
            ] {
                if !(0.0..=1.0).contains(&p) {
                    bad.push(format!("{name}({t:e}, {df:e}) = {p}"));
                }
            }
            if t.is_finite() && t.abs() < 1e10 && df >= 1.0 {
                for ncp in [0.0, 1.0, -37.0, 1e3] {
                    let p = noncentral_t::cdf(t, df, ncp);
                    if !(0.0..=1.0).contains(&p) {
                        bad.push(format!("noncentral_t::cdf({t:e}, {df:e}, {ncp}) = {p}"));
                    }
                }
            }
        }
    }
    bad
}

// Found (fixed in tdist: limits for t = ±MAX at df = ∞ and for df < 1e-300) by the C-ABI fuzz driver (release run, t_cdf with
// t = ±f64::MAX, df = +∞ → TTXL_ERR_INTERNAL since the FFI maps a NaN result to an internal
// error). This test lists every extreme (t, df) whose probability is NaN or outside [0, 1].
// Measured: cdf, sf and p_value(Less) are NaN for t = ±f64::MAX with df = +∞, and for |t| ≥ 1e10
// with a subnormal df = 5e-324 (p_value two-sided stays valid). Expected: the limits (cdf(MAX, ∞)
// = 1, cdf(−MAX, ∞) = 0; for df → 0 the mass sits in the tails: cdf(t > 0) → 1/2 from above),
// never NaN — or refuse df below a documented minimum.
#[test]
fn distribution_functions_at_extreme_arguments() {
    let bad = extreme_distribution_values();
    assert!(bad.is_empty(), "{bad:#?}");
}

/// A confidence level barely above 0: the intervals shrink towards a point. The mean-difference
/// interval must still contain its estimate; an effect-size interval from the noncentral t need
/// not (the distribution is skewed: see the `stats::effect_size` module docs — the coordinator's
/// decision on the fuzz finding), but it must be a finite, ordered interval.
fn tiny_conf_level_problems() -> Vec<String> {
    let r = reference();
    let (x, y) = (nums(&r["x"]), nums(&r["y"]));
    let mut bad = Vec::new();
    for conf_level in [5e-324, 1e-300, 1e-12, 1e-6] {
        let o = TTestOptions {
            conf_level,
            ..TTestOptions::default()
        };
        for (name, t) in [
            ("welch", welch(&x, &y, &o)),
            ("student", student(&x, &y, &o)),
            ("paired", paired(&x, &y, &o)),
        ] {
            let t = t.unwrap();
            if !(t.conf_low <= t.estimate && t.estimate <= t.conf_high) {
                bad.push(format!(
                    "{name} conf {conf_level:e}: CI [{}, {}] vs {}",
                    t.conf_low, t.conf_high, t.estimate
                ));
            }
            if let Ok(dg) = for_ttest(&t) {
                for e in [&dg.d, &dg.g] {
                    // Ordered up to rounding: at conf ≈ 0 both ends are the same root.
                    let slack = 1e-12 * e.estimate.abs().max(1.0);
                    if !(e.conf_low.is_finite()
                        && e.conf_high.is_finite()
                        && e.conf_low <= e.conf_high + slack)
                    {
                        bad.push(format!(
                            "{name} conf {conf_level:e}: {:?} CI [{}, {}] vs {}",
                            e.kind, e.conf_low, e.conf_high, e.estimate
                        ));
                    }
                }
            }
        }
    }
    bad
}

// Found by the C-ABI fuzz driver: with conf_level near 0 (5e-324 … 1e-6) the noncentral-t
// interval of d/g collapses to the ncp whose distribution has its median at the observed t, which
// is not d itself (welch: d = −0.832…, CI ≈ [−0.81…, −0.81…]). Decision: a property of the method
// (documented in stats::effect_size), not an error; this test keeps what must hold.
#[test]
fn tiny_conf_level_intervals_are_ordered() {
    let bad = tiny_conf_level_problems();
    assert!(bad.is_empty(), "{bad:#?}");
}
