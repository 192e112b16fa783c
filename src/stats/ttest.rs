//! t-tests: one-sample, paired, Student (pooled variance), Welch, and both two-sample tests from
//! summary statistics.
//!
//! OWNER: engine helper A. The public API below is fixed — the C ABI and the CLI code against it.

use super::descriptive::Summary;
use super::{Alternative, StatsError};

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
}

/// One-sample t-test of `mean(x) = mu`. NaN values are skipped.
pub fn one_sample(x: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    let _ = (x, options);
    todo!("engine helper A")
}

/// Paired t-test of `mean(x − y) = mu`; pairs with a NaN on either side are dropped.
pub fn paired(x: &[f64], y: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    let _ = (x, y, options);
    todo!("engine helper A")
}

/// Two-sample t-test with pooled variance (R `var.equal = TRUE`).
pub fn student(x: &[f64], y: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    let _ = (x, y, options);
    todo!("engine helper A")
}

/// Welch's two-sample t-test (R's default `t.test(x, y)`).
pub fn welch(x: &[f64], y: &[f64], options: &TTestOptions) -> Result<TTest, StatsError> {
    let _ = (x, y, options);
    todo!("engine helper A")
}

/// Student's two-sample t-test from summary statistics.
pub fn student_from_stats(
    x: &Summary,
    y: &Summary,
    options: &TTestOptions,
) -> Result<TTest, StatsError> {
    let _ = (x, y, options);
    todo!("engine helper A")
}

/// Welch's two-sample t-test from summary statistics.
pub fn welch_from_stats(
    x: &Summary,
    y: &Summary,
    options: &TTestOptions,
) -> Result<TTest, StatsError> {
    let _ = (x, y, options);
    todo!("engine helper A")
}
