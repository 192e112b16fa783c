//! Equivalence tests (TOST) against statsmodels 0.15 (`ttost_ind`, `ttost_paired`,
//! `DescrStatsW.ttost_mean`, `tconfint_diff`/`tconfint_mean`) and pingouin 0.7 (`tost`), fixture
//! `tests/reference/tost.json` from `tests/reference/tost.py`.

mod common;

use common::{assert_rel, load_json, num};
use serde_json::Value;
use ttest_xl::lang::Lang;
use ttest_xl::stats::tost::{tost, Bounds, Tost};
use ttest_xl::stats::ttest::TTestKind;
use ttest_xl::stats::StatsError;

/// Published requirement: the t-tests' REL_TTEST = 1e-10. Measured against statsmodels:
/// ≤ 2.3e-14 (p, t, df; interval limits relative to the interval's width); asserted at about
/// twice that.
const REL_TOST: f64 = 5e-14;
/// pingouin's p goes through scipy's t distribution on its own t: measured ≤ 5e-15.
const REL_PINGOUIN: f64 = 1e-14;

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(num).collect()
}

fn kind(case: &Value) -> TTestKind {
    match case["kind"].as_str().unwrap() {
        "welch" => TTestKind::Welch,
        "student" => TTestKind::Student,
        "paired" => TTestKind::Paired,
        "one_sample" => TTestKind::OneSample,
        other => panic!("kind {other}"),
    }
}

fn run(case: &Value) -> Tost {
    let y = case.get("y").map(nums);
    let bounds = Bounds::new(num(&case["low"]), num(&case["high"])).unwrap();
    tost(
        kind(case),
        &nums(&case["x"]),
        y.as_deref(),
        bounds,
        num(&case["conf"]),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", case["name"]))
}

#[test]
fn tost_matches_statsmodels_and_pingouin() {
    let fixture = load_json("tost.json");
    let mut worst: f64 = 0.0;
    for case in fixture["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let r = run(case);
        for (got, key) in [
            (r.p_value, "p_value"),
            (r.p_lower, "p_lower"),
            (r.p_upper, "p_upper"),
            (r.statistic_lower, "statistic_lower"),
            (r.statistic_upper, "statistic_upper"),
            (r.df, "df"),
            (r.conf_low, "conf_low"),
            (r.conf_high, "conf_high"),
        ] {
            let want = num(&case[key]);
            // A limit near 0 is a difference of two numbers of the interval's width: relative
            // to that width (statsmodels rounds there too).
            let scale = if key.starts_with("conf") {
                (num(&case["conf_high"]) - num(&case["conf_low"])).max(want.abs())
            } else {
                want.abs()
            };
            let err = (got - want).abs() / scale;
            worst = worst.max(err);
            // statsmodels: ttost_ind / ttost_paired / ttost_mean (call in the generator)
            assert!(
                err <= REL_TOST,
                "{name}: {key}: got {got:.17e}, want {want:.17e} ({err:.2e})"
            );
        }
        if let Some(p) = case.get("pingouin_p") {
            // pingouin: tost(x, y, bound, paired, correction)
            assert_rel(
                r.p_value,
                num(p),
                REL_PINGOUIN,
                &format!("{name}: pingouin"),
            );
        }
        assert_eq!(r.p_value, r.p_lower.max(r.p_upper));
        assert_eq!(r.conf_level, num(&case["conf"]));
    }
    eprintln!("largest relative error against statsmodels: {worst:.2e}");
}

#[test]
fn equivalence_matches_the_interval_inside_the_bounds() {
    // With conf_level = 1 − 2α, p < α exactly when the interval lies inside the bounds.
    let fixture = load_json("tost.json");
    for case in fixture["cases"].as_array().unwrap() {
        let r = run(case);
        let alpha = (1.0 - r.conf_level) / 2.0;
        let inside = r.conf_low > r.bounds.low() && r.conf_high < r.bounds.high();
        assert_eq!(r.p_value < alpha, inside, "{}", case["name"]);
    }
}

#[test]
fn bad_input_is_refused_with_a_message_in_both_languages() {
    let x = [1.0, 2.0, 3.0, 4.0];
    let e = Bounds::new(0.5, -0.5).unwrap_err();
    assert!(matches!(e, StatsError::InvalidArgument { name: "low", .. }));
    assert!(e.message(Lang::En).contains("less than high"), "{e}");
    assert!(e.message(Lang::Ja).contains("high より小さい値"));
    let b = Bounds::symmetric(1.0).unwrap();
    assert!(matches!(
        tost(TTestKind::OneSample, &x, None, b, 0.0),
        Err(StatsError::InvalidArgument {
            name: "conf_level",
            ..
        })
    ));
    assert!(matches!(
        tost(TTestKind::OneSample, &[1.0], None, b, 0.9),
        Err(StatsError::TooFew { .. })
    ));
    // One constant group is fine for Welch (the other has a variance), as in the t-test.
    assert!(tost(TTestKind::Welch, &x, Some(&[2.0, 2.0]), b, 0.9).is_ok());
    assert!(matches!(
        tost(TTestKind::Paired, &x, Some(&[1.0]), b, 0.9),
        Err(StatsError::LengthMismatch { .. })
    ));
}

#[test]
fn one_sample_near_1e9_keeps_its_digits() {
    // Bounds on the mean of data near 1e9: both one-sided statistics are formed as the t-test's
    // exact `mean − bound` (tests/reference/exact_large.json: t against 1e9 is
    // 4.5389468223121232, against 1000000000.3 it is 0.66686012744573699).
    let x = [
        1000000000.1,
        1000000000.2,
        1000000000.3,
        1000000000.4,
        1000000000.5,
        1000000000.61,
    ];
    let r = tost(
        TTestKind::OneSample,
        &x,
        None,
        Bounds::new(1e9, 1000000000.3).unwrap(),
        0.9,
    )
    .unwrap();
    let fixture = load_json("exact_large.json");
    assert_rel(
        r.statistic_lower,
        num(&fixture["cases"][0]["statistic"]),
        1.5e-15,
        "t_L",
    );
    assert_rel(
        r.statistic_upper,
        num(&fixture["cases"][1]["statistic"]),
        1.5e-15,
        "t_U",
    );
}
