//! Invariants of the t-tests (issue #3), checked on random data with proptest:
//! swapping the groups flips t and keeps p; shifting all data by a constant changes nothing;
//! p lies in [0, 1]; the confidence interval contains the estimate.

use proptest::prelude::*;
use ttest_xl::stats::ttest::{self, TTest, TTestOptions};
use ttest_xl::stats::{Alternative, StatsError};

fn sample(min: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1e3..1e3f64, min..40)
}

fn alternative() -> impl Strategy<Value = Alternative> {
    prop_oneof![
        Just(Alternative::TwoSided),
        Just(Alternative::Less),
        Just(Alternative::Greater)
    ]
}

fn options() -> impl Strategy<Value = TTestOptions> {
    (alternative(), -50.0..50.0f64, 0.5..0.999f64).prop_map(|(alternative, mu, conf_level)| {
        TTestOptions {
            alternative,
            mu,
            conf_level,
        }
    })
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

/// The opposite one-sided alternative (what "less" means after swapping the groups).
fn mirrored(a: Alternative) -> Alternative {
    match a {
        Alternative::TwoSided => Alternative::TwoSided,
        Alternative::Less => Alternative::Greater,
        Alternative::Greater => Alternative::Less,
    }
}

/// Two runs of a test on equivalent data must succeed together or be refused together, for the
/// same reason: `Some` with both results, `None` when both refused alike, a failed case otherwise.
fn both(
    a: Result<TTest, StatsError>,
    b: Result<TTest, StatsError>,
) -> Result<Option<(TTest, TTest)>, TestCaseError> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok(Some((a, b))),
        (Err(ea), Err(eb)) => {
            prop_assert_eq!(
                std::mem::discriminant(&ea),
                std::mem::discriminant(&eb),
                "refused for different reasons: {:?} vs {:?}",
                ea,
                eb
            );
            Ok(None)
        }
        (a, b) => Err(TestCaseError::fail(format!(
            "one side refused, the other did not: {a:?} vs {b:?}"
        ))),
    }
}

type TwoSample = fn(&[f64], &[f64], &TTestOptions) -> Result<TTest, StatsError>;

fn check_basic(r: &TTest) -> Result<(), TestCaseError> {
    prop_assert!((0.0..=1.0).contains(&r.p_value), "p = {}", r.p_value);
    prop_assert!(
        r.conf_low <= r.estimate && r.estimate <= r.conf_high,
        "{r:?}"
    );
    prop_assert!(r.std_err > 0.0 && r.df > 0.0);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn swapping_groups_flips_t_and_keeps_p(x in sample(2), y in sample(2), o in options()) {
        let tests: [TwoSample; 3] = [ttest::welch, ttest::student, ttest::paired];
        for (i, test) in tests.iter().enumerate() {
            let (x, y) = if i == 2 { let n = x.len().min(y.len()); (&x[..n], &y[..n]) } else { (&x[..], &y[..]) };
            // Constant data are refused whichever group comes first: both sides fail together.
            let (a, b) = match both(test(x, y, &o), test(y, x, &TTestOptions { mu: -o.mu, alternative: mirrored(o.alternative), ..o }))? {
                Some(pair) => pair,
                None => continue,
            };
            check_basic(&a)?;
            check_basic(&b)?;
            prop_assert!(close(a.statistic, -b.statistic, 1e-9), "{} vs {}", a.statistic, b.statistic);
            prop_assert!(close(a.p_value, b.p_value, 1e-9), "{} vs {}", a.p_value, b.p_value);
            prop_assert!(close(a.df, b.df, 1e-12));
            prop_assert!(close(a.estimate, -b.estimate, 1e-9));
            prop_assert!(close(a.conf_low, -b.conf_high, 1e-9) && close(a.conf_high, -b.conf_low, 1e-9));
        }
    }

    #[test]
    fn shifting_all_data_changes_nothing(x in sample(2), y in sample(2), o in options(),
                                         shift in prop_oneof![-1e6..1e6f64, Just(1e9), Just(-3.5e7)]) {
        let xs: Vec<f64> = x.iter().map(|v| v + shift).collect();
        let ys: Vec<f64> = y.iter().map(|v| v + shift).collect();
        // The shifted data are themselves rounded at the scale of the shift; the tolerance follows
        // from that input rounding (ulp(shift)/spread), not from the algorithm.
        let tol = 1e-9_f64.max(64.0 * f64::EPSILON * shift.abs());
        let tests: [TwoSample; 2] = [ttest::welch, ttest::student];
        for test in tests {
            let Some((a, b)) = both(test(&x, &y, &o), test(&xs, &ys, &o))? else { continue };
            check_basic(&b)?;
            prop_assert!(close(a.statistic, b.statistic, tol), "t {} vs {} (shift {shift})", a.statistic, b.statistic);
            prop_assert!(close(a.df, b.df, tol));
            prop_assert!((a.p_value - b.p_value).abs() <= tol, "p {} vs {}", a.p_value, b.p_value);
            prop_assert!((a.estimate - b.estimate).abs() <= tol * a.std_err.max(a.estimate.abs()));
        }
        // Paired: shifting both sides leaves the differences unchanged.
        let n = x.len().min(y.len());
        if let Some((a, b)) = both(ttest::paired(&x[..n], &y[..n], &o), ttest::paired(&xs[..n], &ys[..n], &o))? {
            prop_assert!(close(a.statistic, b.statistic, tol), "paired t {} vs {}", a.statistic, b.statistic);
        }
        // One-sample: shifting data and mu together.
        let o1 = TTestOptions { mu: o.mu + shift, ..o };
        if let Some((a, b)) = both(ttest::one_sample(&x, &o), ttest::one_sample(&xs, &o1))? {
            prop_assert!(close(a.statistic, b.statistic, tol), "one-sample t {} vs {}", a.statistic, b.statistic);
            check_basic(&b)?;
        }
    }

    #[test]
    fn p_in_unit_interval_and_ci_contains_estimate(x in sample(1), y in sample(1), o in options(),
                                                   holes in prop::collection::vec(any::<bool>(), 40)) {
        // With some values missing (NaN), as spreadsheets have.
        let punch = |v: &[f64]| -> Vec<f64> {
            v.iter().zip(&holes).map(|(&a, &h)| if h { f64::NAN } else { a }).collect()
        };
        let (xm, ym) = (punch(&x), punch(&y));
        let n = xm.len().min(ym.len());
        let results = [
            ttest::one_sample(&xm, &o),
            ttest::welch(&xm, &ym, &o),
            ttest::student(&xm, &ym, &o),
            ttest::paired(&xm[..n], &ym[..n], &o),
        ];
        for r in results {
            match r {
                Ok(r) => {
                    check_basic(&r)?;
                    prop_assert!(r.statistic.is_finite());
                    prop_assert_eq!(r.x.n + r.x.missing, if r.y.is_some() && r.sd_diff.is_some() { n } else { xm.len() });
                }
                Err(e) => prop_assert!(matches!(e, StatsError::TooFew { .. } | StatsError::Constant), "{e:?}"),
            }
        }
    }
}
