//! t-tests: one-sample, paired, Student (pooled variance), Welch, and both two-sample tests from
//! summary statistics — the same numbers as R's `t.test`.
//!
//! # Formula
//!
//! Every test has the form `t = (estimate − mu) / se` with `ν` degrees of freedom:
//!
//! | test | estimate | se | ν |
//! |---|---|---|---|
//! | one-sample | `x̄` | `s_x/√n_x` | `n_x − 1` |
//! | paired | `d̄`, `d = x − y` | `s_d/√n` | `n − 1` |
//! | Student | `x̄ − ȳ` | `s_p·√(1/n_x + 1/n_y)`, `s_p² = ((n_x−1)s_x² + (n_y−1)s_y²)/ν` | `n_x + n_y − 2` |
//! | Welch | `x̄ − ȳ` | `√(s_x²/n_x + s_y²/n_y)` | `se⁴ / ((s_x²/n_x)²/(n_x−1) + (s_y²/n_y)²/(n_y−1))` |
//!
//! Variances use the `n − 1` denominator. The p-value is `2·P(T_ν > |t|)` (two-sided),
//! `P(T_ν ≤ t)` (less) or `P(T_ν > t)` (greater), each computed in its own tail by
//! [`tdist::p_value`]. The confidence interval is `estimate ± q·se` with
//! `q = qt(1 − α/2, ν)` (two-sided) or `qt(conf_level, ν)` on one side and an infinite other end
//! (one-sided), as R.
//!
//! Two-sample means are subtracted relative to shifts taken from the data
//! (`(K_x − K_y) + (mean_x − K_x) − (mean_y − K_y)`), so data with many constant leading digits
//! (values near 1e9 with a spread of 0.1) keep their digits; R rounds both means at 1e9 first and
//! loses about 6e-6 relative there. One-sample and paired tests subtract `mu` the same way:
//! `estimate − mu = (K − mu) + (mean − K)` with `K − mu` split exactly (TwoSum), so the mean is
//! never rounded at the scale of the data before `mu` is taken off ([`TTest::difference`]); for
//! x = 1e9 + (0.1, …, 0.61) and `mu = 1e9` t is exact to 2e-16, where R loses 8 digits
//! (5.6e-8). Elsewhere the results agree with R to about 1e-13.
//!
//! Degenerate inputs are refused as R refuses them: fewer than two valid observations (Student
//! accepts one group of size 1 when the other has at least two), a standard error below
//! `10·ε·max(|x̄|, |ȳ|)` ("data are essentially constant"), a confidence level outside (0, 1),
//! a non-finite `mu`, and paired inputs of different lengths.
//!
//! # References
//! * Student (1908). The probable error of a mean. *Biometrika* 6(1), 1–25.
//! * Welch, B. L. (1947). The generalization of "Student's" problem when several different
//!   population variances are involved. *Biometrika* 34(1–2), 28–35.
//! * Satterthwaite, F. E. (1946). An approximate distribution of estimates of variance
//!   components. *Biometrics Bulletin* 2(6), 110–114.
//! * R Core Team. `t.test` (package stats), R 4.2.
//!
//! # Example
//! ```
//! use ttest_xl::stats::ttest::{welch, TTestOptions};
//! // R: with(sleep, t.test(extra[group == 1], extra[group == 2]))
//! //    t = -1.860813, df = 17.77647, p-value = 0.07939
//! let x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
//! let y = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
//! let r = welch(&x, &y, &TTestOptions::default()).unwrap();
//! assert!((r.statistic - -1.860813467486853).abs() < 1e-12);
//! assert!((r.df - 17.7764735161785).abs() < 1e-10);
//! assert!((r.p_value - 0.07939414018735817).abs() < 1e-12);
//! ```

use super::descriptive::{mean_difference, summarize_paired, summarize_shifted, Shifted, Summary};
use super::{check_finite, check_unit_open, tdist, Alternative, StatsError};

/// Which t-test produced a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TTestKind {
    /// One-sample test of `mean(x) = mu`.
    OneSample,
    /// Paired test of `mean(x − y) = mu`.
    Paired,
    /// Two-sample test with pooled variance (Student).
    Student,
    /// Two-sample test with Welch–Satterthwaite degrees of freedom.
    Welch,
}

/// Options shared by every t-test, as R's `t.test(alternative, mu, conf.level)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TTestOptions {
    /// Alternative hypothesis.
    pub alternative: Alternative,
    /// Hypothesised mean (one-sample), mean difference (paired) or difference in means (two-sample).
    pub mu: f64,
    /// Confidence level of the interval, in (0, 1).
    pub conf_level: f64,
}

impl Default for TTestOptions {
    fn default() -> Self {
        TTestOptions {
            alternative: Alternative::TwoSided,
            mu: 0.0,
            conf_level: 0.95,
        }
    }
}

/// Result of a t-test. Field meanings follow R's `htest` object.
#[derive(Debug, Clone, PartialEq)]
pub struct TTest {
    /// Which test.
    pub kind: TTestKind,
    /// Options used.
    pub options: TTestOptions,
    /// t statistic `(estimate − mu) / std_err`.
    pub statistic: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// p-value for `options.alternative`.
    pub p_value: f64,
    /// mean(x) − mean(y) (two-sample), mean(x − y) (paired) or mean(x) (one-sample), as R.
    pub estimate: f64,
    /// Lower confidence limit of `estimate` (`−∞` for alternative "less").
    pub conf_low: f64,
    /// Upper confidence limit of `estimate` (`+∞` for alternative "greater").
    pub conf_high: f64,
    /// Standard error of `estimate`.
    pub std_err: f64,
    /// Summary of the valid values of x (paired: of x over complete pairs; `missing` counts NaN in x).
    pub x: Summary,
    /// Summary of y (`None` for one-sample; paired: over complete pairs, `missing` counts NaN in y).
    pub y: Option<Summary>,
    /// Paired only: SD of the differences `x − y` over complete pairs.
    pub sd_diff: Option<f64>,
    /// Student only: the pooled SD `s_p = √(((n_x−1)s_x² + (n_y−1)s_y²)/(n_x + n_y − 2))`,
    /// computed once from the groups' sums of squared deviations (a group of one value adds 0)
    /// and used by the standard error and by the effect sizes.
    pub sd_pooled: Option<f64>,
    /// `estimate − mu`, the numerator of `statistic`, formed before the estimate is rounded:
    /// `(K − mu) + (mean − K)` with an error-free sum, `K` a value of the data (one-sample and
    /// paired). Near 1e9 this keeps every digit that `estimate − mu` would lose (R loses 8).
    pub difference: f64,
}

/// One-sample t-test of `mean(x) = mu`. NaN values are skipped.
///
/// Estimate `x̄`, `se = s/√n`, `ν = n − 1` (see the [module documentation](self) for the formula
/// and references). R: `t.test(x, mu = mu)`.
///
/// # Errors
/// [`StatsError::TooFew`] with fewer than 2 valid values, [`StatsError::Constant`] for constant
/// data, [`StatsError::NonFinite`] for `±Inf`, [`StatsError::InvalidArgument`] for a bad
/// `conf_level` or `mu`.
pub fn one_sample(x: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    check_options(options)?;
    let s = summarize_shifted(x, "x")?;
    need("x", 2, s.n)?;
    let sx = s.summary();
    check_underflow(&s)?;
    let se = (s.var() / s.n as f64).sqrt();
    check_constant(se, sx.mean.abs())?;
    let parts = Parts {
        estimate: sx.mean,
        difference: shifted_difference(&s, options.mu),
        se,
        df: (s.n - 1) as f64,
    };
    finish(TTestKind::OneSample, options, parts, sx, None, None, None)
}

/// Paired t-test of `mean(x − y) = mu`; pairs with a NaN on either side are dropped.
///
/// The one-sample test on the differences `d = x − y` over the complete pairs: estimate `d̄`,
/// `se = s_d/√n`, `ν = n − 1` (see the [module documentation](self)). R:
/// `t.test(x, y, paired = TRUE, mu = mu)`. The result's `x` and `y` summarise the complete pairs;
/// their `missing` fields count the NaN in `x` and in `y`.
///
/// # Errors
/// [`StatsError::LengthMismatch`] when the lengths differ, [`StatsError::TooFew`] (group
/// `"pairs"`) with fewer than 2 complete pairs, [`StatsError::Constant`] when the differences are
/// constant, plus the errors of [`one_sample`].
pub fn paired(x: &[f64], y: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    check_options(options)?;
    if x.len() != y.len() {
        return Err(StatsError::LengthMismatch {
            x: x.len(),
            y: y.len(),
        });
    }
    let p = summarize_paired(x, y)?;
    need("pairs", 2, p.d.n)?;
    let sd = p.d.summary();
    check_underflow(&p.d)?;
    let se = (p.d.var() / p.d.n as f64).sqrt();
    check_constant(se, sd.mean.abs())?;
    let parts = Parts {
        estimate: sd.mean,
        difference: shifted_difference(&p.d, options.mu),
        se,
        df: (p.d.n - 1) as f64,
    };
    finish(
        TTestKind::Paired,
        options,
        parts,
        p.x.summary(),
        Some(p.y.summary()),
        Some(sd.sd),
        None,
    )
}

/// Two-sample t-test with pooled variance (R `var.equal = TRUE`).
///
/// Estimate `x̄ − ȳ`, `se = s_p·√(1/n_x + 1/n_y)` with the pooled variance
/// `s_p² = ((n_x−1)s_x² + (n_y−1)s_y²)/(n_x + n_y − 2)`, `ν = n_x + n_y − 2` (Student 1908; see
/// the [module documentation](self)). R: `t.test(x, y, var.equal = TRUE, mu = mu)`.
///
/// # Errors
/// [`StatsError::TooFew`] when a group has no valid value or both together have fewer than 3
/// (one group of size 1 is allowed, as R), [`StatsError::Constant`], [`StatsError::NonFinite`],
/// [`StatsError::InvalidArgument`].
pub fn student(x: &[f64], y: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    check_options(options)?;
    let (sx, sy) = (summarize_shifted(x, "x")?, summarize_shifted(y, "y")?);
    let reported = (sx.summary(), sy.summary());
    student_core(&sx, &sy, mean_difference(&sx, &sy), reported, options)
}

/// Welch's two-sample t-test (R's default `t.test(x, y)`).
///
/// Estimate `x̄ − ȳ`, `se = √(s_x²/n_x + s_y²/n_y)`, Welch–Satterthwaite degrees of freedom
/// `ν = se⁴ / ((s_x²/n_x)²/(n_x−1) + (s_y²/n_y)²/(n_y−1))` (Welch 1947, Satterthwaite 1946; see
/// the [module documentation](self)). R: `t.test(x, y, mu = mu)`.
///
/// # Errors
/// [`StatsError::TooFew`] when a group has fewer than 2 valid values, [`StatsError::Constant`]
/// when both groups are constant, [`StatsError::NonFinite`], [`StatsError::InvalidArgument`].
pub fn welch(x: &[f64], y: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    check_options(options)?;
    let (sx, sy) = (summarize_shifted(x, "x")?, summarize_shifted(y, "y")?);
    let reported = (sx.summary(), sy.summary());
    welch_core(&sx, &sy, mean_difference(&sx, &sy), reported, options)
}

/// Student's two-sample t-test from summary statistics.
///
/// Same formula as [`student`], from each group's `n`, mean and SD (a group of size 1 may have
/// any SD, including `NaN`: it does not enter the pooled variance). R: `t.test(x, y,
/// var.equal = TRUE)` on data with these summaries.
///
/// # Errors
/// [`StatsError::InvalidArgument`] for a non-finite mean or a negative or non-finite SD (where
/// it is used), and the errors of [`student`].
pub fn student_from_stats(
    x: &Summary,
    y: &Summary,
    options: &TTestOptions,
) -> Result<TTest, StatsError> {
    check_options(options)?;
    let (sx, sy) = (from_summary(x)?, from_summary(y)?);
    student_core(&sx, &sy, x.mean - y.mean, (*x, *y), options)
}

/// Welch's two-sample t-test from summary statistics.
///
/// Same formula as [`welch`], from each group's `n`, mean and SD. R: `t.test(x, y)` on data with
/// these summaries.
///
/// # Errors
/// [`StatsError::InvalidArgument`] for a non-finite mean or a negative or non-finite SD, and the
/// errors of [`welch`].
pub fn welch_from_stats(
    x: &Summary,
    y: &Summary,
    options: &TTestOptions,
) -> Result<TTest, StatsError> {
    check_options(options)?;
    let (sx, sy) = (from_summary(x)?, from_summary(y)?);
    welch_core(&sx, &sy, x.mean - y.mean, (*x, *y), options)
}

/// Validates options as R does (`conf.level` in (0, 1); `mu` a finite number).
fn check_options(options: &TTestOptions) -> Result<(), StatsError> {
    check_unit_open("conf_level", options.conf_level)?;
    check_finite("mu", options.mu)
}

fn need(group: &'static str, needed: usize, found: usize) -> Result<(), StatsError> {
    if found < needed {
        Err(StatsError::TooFew {
            group,
            needed,
            found,
        })
    } else {
        Ok(())
    }
}

/// R: `if (stderr < 10 * .Machine$double.eps * max(abs(mx), abs(my))) stop("data are essentially
/// constant")`; also refuses a zero or undefined standard error.
fn check_constant(se: f64, scale: f64) -> Result<(), StatsError> {
    if se.is_nan() || se <= 0.0 || se < 10.0 * f64::EPSILON * scale {
        Err(StatsError::Constant)
    } else {
        Ok(())
    }
}

/// Below this sum of squared deviations the squares themselves were subnormal (deviations under
/// about 1e-140): they carry fewer than 53 bits, so t would silently lose digits.
const M2_UNDERFLOW: f64 = 1e-280;

/// Refuses data whose spread is too small for double precision (values differing by less than
/// about 1e-140, e.g. everything scaled by 1e-300) with [`StatsError::OutOfRange`], rather than a
/// t statistic that has silently lost digits or a wrong "essentially constant". Truly constant
/// data (all deviations exactly zero) are left to the constant check.
fn check_underflow(s: &Shifted) -> Result<(), StatsError> {
    if s.n >= 2 && s.m2 < M2_UNDERFLOW && (s.m2 > 0.0 || s.mean_dev != 0.0) {
        Err(StatsError::OutOfRange {
            what: "variance underflows: the values differ by less than about 1e-140",
        })
    } else {
        Ok(())
    }
}

/// Converts a published summary to the internal form (shift = mean), validating it.
fn from_summary(s: &Summary) -> Result<Shifted, StatsError> {
    check_finite("mean", s.mean)?;
    if s.n >= 2 {
        check_finite("sd", s.sd)?;
        if s.sd < 0.0 {
            return Err(StatsError::InvalidArgument {
                name: "sd",
                reason: "must be positive",
            });
        }
    }
    let m2 = if s.n >= 2 {
        let m2 = s.sd * s.sd * (s.n - 1) as f64;
        if !m2.is_finite() {
            return Err(StatsError::OutOfRange { what: "variance" });
        }
        m2
    } else {
        0.0
    };
    Ok(Shifted {
        n: s.n,
        missing: s.missing,
        shift: s.mean,
        mean_dev: 0.0,
        m2,
    })
}

fn student_core(
    sx: &Shifted,
    sy: &Shifted,
    estimate: f64,
    (x, y): (Summary, Summary),
    options: &TTestOptions,
) -> Result<TTest, StatsError> {
    need("x", 1, sx.n)?;
    need("y", 1, sy.n)?;
    check_underflow(sx)?;
    check_underflow(sy)?;
    need("x and y together", 3, sx.n + sy.n)?;
    let df = (sx.n + sy.n - 2) as f64;
    let m2 = |s: &Shifted| if s.n > 1 { s.m2 } else { 0.0 };
    let sd_pooled = ((m2(sx) + m2(sy)) / df).sqrt();
    let se = sd_pooled * (1.0 / sx.n as f64 + 1.0 / sy.n as f64).sqrt();
    if !se.is_finite() {
        return Err(StatsError::OutOfRange {
            what: "standard error",
        });
    }
    check_constant(se, x.mean.abs().max(y.mean.abs()))?;
    let parts = Parts {
        estimate,
        difference: estimate - options.mu,
        se,
        df,
    };
    finish(
        TTestKind::Student,
        options,
        parts,
        x,
        Some(y),
        None,
        Some(sd_pooled),
    )
}

fn welch_core(
    sx: &Shifted,
    sy: &Shifted,
    estimate: f64,
    (x, y): (Summary, Summary),
    options: &TTestOptions,
) -> Result<TTest, StatsError> {
    need("x", 2, sx.n)?;
    need("y", 2, sy.n)?;
    check_underflow(sx)?;
    check_underflow(sy)?;
    let a = sx.var() / sx.n as f64;
    let b = sy.var() / sy.n as f64;
    let v = a + b;
    let se = v.sqrt();
    if !se.is_finite() {
        return Err(StatsError::OutOfRange {
            what: "standard error",
        });
    }
    check_constant(se, x.mean.abs().max(y.mean.abs()))?;
    // ν = v² / (a²/(n_x−1) + b²/(n_y−1)), written with the shares a/v and b/v so it cannot overflow.
    let (fa, fb) = (a / v, b / v);
    let df = 1.0 / (fa * fa / (sx.n - 1) as f64 + fb * fb / (sy.n - 1) as f64);
    let parts = Parts {
        estimate,
        difference: estimate - options.mu,
        se,
        df,
    };
    finish(TTestKind::Welch, options, parts, x, Some(y), None, None)
}

/// `mean − mu` of a shifted summary without rounding the mean first: `K − mu` is split into
/// its rounded value and its exact rounding error (Knuth's TwoSum), so
/// `(K − mu) + mean_dev` is rounded only once, at the scale of the difference.
pub(crate) fn shifted_difference(s: &Shifted, mu: f64) -> f64 {
    let (hi, lo) = two_sum(s.shift, -mu);
    hi + (lo + s.mean_dev)
}

/// Knuth's TwoSum: `a + b = hi + lo` exactly, `hi = fl(a + b)` (Knuth, TAOCP vol. 2, §4.2.2).
pub(crate) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    let bb = hi - a;
    let lo = (a - (hi - bb)) + (b - bb);
    (hi, lo)
}

/// What a test computed before the common finish: the estimate, `estimate − mu` formed
/// accurately, its standard error and the degrees of freedom.
struct Parts {
    estimate: f64,
    difference: f64,
    se: f64,
    df: f64,
}

#[allow(clippy::too_many_arguments)]
fn finish(
    kind: TTestKind,
    options: &TTestOptions,
    parts: Parts,
    x: Summary,
    y: Option<Summary>,
    sd_diff: Option<f64>,
    sd_pooled: Option<f64>,
) -> Result<TTest, StatsError> {
    let Parts {
        estimate,
        difference,
        se,
        df,
    } = parts;
    let statistic = difference / se;
    if !statistic.is_finite() {
        return Err(StatsError::OutOfRange {
            what: "t statistic",
        });
    }
    let p_value = tdist::p_value(statistic, df, options.alternative);
    let (conf_low, conf_high) = match options.alternative {
        Alternative::TwoSided => {
            let alpha = 1.0 - options.conf_level;
            let q = tdist::quantile(1.0 - alpha / 2.0, df);
            (estimate - q * se, estimate + q * se)
        }
        Alternative::Less => {
            let q = tdist::quantile(options.conf_level, df);
            (f64::NEG_INFINITY, estimate + q * se)
        }
        Alternative::Greater => {
            let q = tdist::quantile(options.conf_level, df);
            (estimate - q * se, f64::INFINITY)
        }
    };
    Ok(TTest {
        kind,
        options: *options,
        statistic,
        df,
        p_value,
        estimate,
        conf_low,
        conf_high,
        std_err: se,
        x,
        y,
        sd_diff,
        sd_pooled,
        difference,
    })
}
