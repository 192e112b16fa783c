//! Equivalence tests: two one-sided t-tests (TOST, Schuirmann 1987) for Welch, Student, paired
//! and one-sample designs, on the same difference the t-tests use (`x − y`, as R).
//!
//! # Formula
//!
//! With the t-test's estimate `θ̂` (x̄ − ȳ, mean of `x − y`, or x̄), its standard error `se` and
//! degrees of freedom `ν` (see [`ttest`]), and equivalence bounds `low < high` in
//! raw units:
//!
//! ```text
//! t_L = (θ̂ − low)/se,   p_L = P(T_ν ≥ t_L)     H0: θ ≤ low   vs  H1: θ > low
//! t_U = (θ̂ − high)/se,  p_U = P(T_ν ≤ t_U)     H0: θ ≥ high  vs  H1: θ < high
//! p   = max(p_L, p_U)
//! ```
//!
//! Equivalence (`low < θ < high`) is concluded at level α when `p < α`, which is the same as the
//! `1 − 2α` confidence interval `θ̂ ± qt(1 − α, ν)·se` lying inside `(low, high)` (Schuirmann
//! 1987; Lakens 2017). The interval is returned at the level the caller gives (`conf_level`,
//! e.g. 0.90 for α = 0.05). Each one-sided test is the t-test with `mu` at the bound, so
//! `θ̂ − bound` keeps full precision on data with many constant leading digits.
//!
//! These are the numbers of statsmodels' `ttost_ind(x, y, low, high, usevar = "unequal" |
//! "pooled")`, `ttost_paired(x, y, low, high)` and `DescrStatsW(x).ttost_mean(low, high)`, and of
//! pingouin's `tost(x, y, bound, paired, correction)` for symmetric bounds.
//!
//! # References
//! * Schuirmann, D. J. (1987). A comparison of the two one-sided tests procedure and the power
//!   approach for assessing the equivalence of average bioavailability. *Journal of
//!   Pharmacokinetics and Biopharmaceutics* 15(6), 657–680.
//! * Lakens, D. (2017). Equivalence tests: a practical primer for t tests, correlations, and
//!   meta-analyses. *Social Psychological and Personality Science* 8(4), 355–362.
//!
//! # Example
//! ```
//! use ttest_xl::stats::tost::{tost, Bounds};
//! use ttest_xl::stats::ttest::TTestKind;
//! // statsmodels: ttost_ind(x, y, -1, 1, usevar="unequal") -> p = 0.0027281426154815323
//! let x = [4.0, 5.0, 4.5, 5.5, 4.8, 5.2];
//! let y = [4.6, 5.1, 4.4, 5.0, 5.3, 4.9];
//! let r = tost(TTestKind::Welch, &x, Some(&y), Bounds::new(-1.0, 1.0).unwrap(), 0.90).unwrap();
//! assert!(r.p_value < 0.05 && r.conf_low > -1.0 && r.conf_high < 1.0);
//! assert_eq!(r.p_value, r.p_lower.max(r.p_upper));
//! ```

use super::ttest::{self, TTest, TTestKind, TTestOptions};
use super::{check_unit_open, Alternative, StatsError};

/// Equivalence bounds in raw units on the tested difference, `low < high`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    low: f64,
    high: f64,
}

impl Bounds {
    /// Bounds `(low, high)`; both finite and `low < high`.
    ///
    /// # Errors
    /// [`StatsError::InvalidArgument`] (`low`/`high`) otherwise.
    pub fn new(low: f64, high: f64) -> Result<Bounds, StatsError> {
        for (name, v) in [("low", low), ("high", high)] {
            super::check_finite(name, v)?;
        }
        if low >= high {
            return Err(StatsError::InvalidArgument {
                name: "low",
                reason: "must be less than high",
            });
        }
        Ok(Bounds { low, high })
    }

    /// Symmetric bounds `(−margin, margin)` around 0; `margin > 0`.
    ///
    /// # Errors
    /// [`StatsError::InvalidArgument`] (`margin`) for a margin that is not a positive number.
    pub fn symmetric(margin: f64) -> Result<Bounds, StatsError> {
        if !(margin > 0.0 && margin.is_finite()) {
            return Err(StatsError::InvalidArgument {
                name: "margin",
                reason: "must be positive",
            });
        }
        Ok(Bounds {
            low: -margin,
            high: margin,
        })
    }

    /// Lower bound.
    pub fn low(&self) -> f64 {
        self.low
    }

    /// Upper bound.
    pub fn high(&self) -> f64 {
        self.high
    }
}

/// Result of an equivalence test (TOST).
#[derive(Debug, Clone, PartialEq)]
pub struct Tost {
    /// Which t-test the two one-sided tests are.
    pub kind: TTestKind,
    /// The bounds tested.
    pub bounds: Bounds,
    /// `max(p_lower, p_upper)`: equivalence is shown at level α when `p_value < α`.
    pub p_value: f64,
    /// p of the test against the lower bound (H1: θ > low).
    pub p_lower: f64,
    /// p of the test against the upper bound (H1: θ < high).
    pub p_upper: f64,
    /// `(θ̂ − low)/se`.
    pub statistic_lower: f64,
    /// `(θ̂ − high)/se`.
    pub statistic_upper: f64,
    /// Degrees of freedom of the t-test.
    pub df: f64,
    /// The estimate θ̂ (x̄ − ȳ, mean of x − y, or x̄).
    pub estimate: f64,
    /// Lower limit of the `conf_level` interval (two-sided), e.g. the 90% interval for α = 0.05.
    pub conf_low: f64,
    /// Upper limit of that interval.
    pub conf_high: f64,
    /// Level of the interval.
    pub conf_level: f64,
    /// The test against the lower bound (its summaries, standard error, …).
    pub lower_test: TTest,
}

/// Two one-sided t-tests of `low < θ < high` for the design `kind` (Schuirmann 1987; formula in
/// the [module documentation](self)).
///
/// `y` is the second sample (Welch, Student) or the paired partner (paired); it is ignored for
/// [`TTestKind::OneSample`], whose bounds are on the mean of `x`. NaN values are missing, as in
/// the t-tests. `conf_level` is the level of the reported two-sided interval (`1 − 2α`, e.g. 0.90).
///
/// # Errors
/// Those of the matching t-test ([`ttest::welch`], [`ttest::student`], [`ttest::paired`],
/// [`ttest::one_sample`]); [`StatsError::InvalidArgument`] for a `conf_level` outside (0, 1) or a
/// missing `y` for a two-sample or paired design.
pub fn tost(
    kind: TTestKind,
    x: &[f64],
    y: Option<&[f64]>,
    bounds: Bounds,
    conf_level: f64,
) -> Result<Tost, StatsError> {
    check_unit_open("conf_level", conf_level)?;
    // One-sided level 1 − α = (1 + conf_level)/2 gives the two-sided conf_level interval's limits.
    let one_sided = (1.0 + conf_level) / 2.0;
    let run = |mu: f64, alternative: Alternative| -> Result<TTest, StatsError> {
        let options = TTestOptions {
            alternative,
            mu,
            conf_level: one_sided,
        };
        let need_y = || {
            y.ok_or(StatsError::InvalidArgument {
                name: "y",
                reason: "needs a two-sample t-test",
            })
        };
        match kind {
            TTestKind::Welch => ttest::welch(x, need_y()?, &options),
            TTestKind::Student => ttest::student(x, need_y()?, &options),
            TTestKind::Paired => ttest::paired(x, need_y()?, &options),
            TTestKind::OneSample => ttest::one_sample(x, &options),
        }
    };
    let lower = run(bounds.low, Alternative::Greater)?;
    let upper = run(bounds.high, Alternative::Less)?;
    Ok(Tost {
        kind,
        bounds,
        p_value: lower.p_value.max(upper.p_value),
        p_lower: lower.p_value,
        p_upper: upper.p_value,
        statistic_lower: lower.statistic,
        statistic_upper: upper.statistic,
        df: lower.df,
        estimate: lower.estimate,
        conf_low: lower.conf_low,
        conf_high: upper.conf_high,
        conf_level,
        lower_test: lower,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_checked() {
        assert!(Bounds::new(1.0, 1.0).is_err());
        assert!(Bounds::new(2.0, 1.0).is_err());
        assert!(Bounds::new(f64::NAN, 1.0).is_err());
        assert!(Bounds::symmetric(0.0).is_err());
        assert_eq!(Bounds::symmetric(0.3).unwrap().low(), -0.3);
        let x = [1.0, 2.0, 3.0];
        let b = Bounds::symmetric(1.0).unwrap();
        assert!(tost(TTestKind::Welch, &x, None, b, 0.9).is_err());
        assert!(tost(TTestKind::OneSample, &x, None, b, 1.0).is_err());
    }
}
