//! Standardized mean differences with confidence intervals, following R `effectsize` 0.8.3.
//!
//! OWNER: engine helper B. The public API below is fixed — the C ABI and the CLI code against it.

use super::ttest::TTest;
use super::StatsError;
use crate::lang::Lang;

/// Which standardizer a d uses. Every reported d names its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DKind {
    /// Pooled-SD Cohen's d (`effectsize::cohens_d(pooled_sd = TRUE)`), for Student.
    Pooled,
    /// Average-variance SD `√((s²ₓ + s²ᵧ)/2)` (`pooled_sd = FALSE`), for Welch.
    AverageVariance,
    /// Glass's Δ: SD of the second (control) group y.
    Glass,
    /// d_z: mean difference over SD of the differences (`cohens_d(paired = TRUE)`).
    Dz,
    /// d_av: mean difference over the average of the two SDs (paired data; Algina & Keselman 2003 CI).
    Dav,
    /// One-sample d: `(mean(x) − mu) / sd(x)`.
    OneSample,
}

/// One effect size with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EffectSize {
    /// Standardizer used.
    pub kind: DKind,
    /// `true` for the small-sample corrected version (Hedges' g).
    pub hedges: bool,
    /// Point estimate.
    pub estimate: f64,
    /// Lower confidence limit (`−∞` for a one-sided "less" interval).
    pub conf_low: f64,
    /// Upper confidence limit (`+∞` for a one-sided "greater" interval).
    pub conf_high: f64,
    /// Confidence level of the interval.
    pub conf_level: f64,
}

impl EffectSize {
    /// Short name for tables, e.g. "Cohen's d (pooled SD)", "Hedges' g_z", "d_av".
    pub fn name(&self, lang: Lang) -> String {
        let _ = lang;
        todo!("engine helper B")
    }
}

/// A d and its Hedges-corrected g, computed together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DAndG {
    /// The uncorrected standardized difference.
    pub d: EffectSize,
    /// Hedges' g (exact small-sample correction J(df)).
    pub g: EffectSize,
}

/// The d (and g) that matches a t-test, as the C ABI and CLI report it:
/// Student → [`DKind::Pooled`], Welch → [`DKind::AverageVariance`], paired → [`DKind::Dz`],
/// one-sample → [`DKind::OneSample`]. CI level and sidedness follow `t.options`.
pub fn for_ttest(t: &TTest) -> Result<DAndG, StatsError> {
    let _ = t;
    todo!("engine helper B")
}

/// Glass's Δ for a two-sample test (y is the control group).
pub fn glass_delta(t: &TTest) -> Result<DAndG, StatsError> {
    let _ = t;
    todo!("engine helper B")
}

/// d_av for a paired test: mean difference over the average of the two SDs, CI by
/// Algina & Keselman (2003).
pub fn d_av(t: &TTest) -> Result<DAndG, StatsError> {
    let _ = t;
    todo!("engine helper B")
}

/// Cohen's (1988) magnitude of a standardized difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Magnitude {
    /// |d| < 0.2
    Negligible,
    /// 0.2 ≤ |d| < 0.5
    Small,
    /// 0.5 ≤ |d| < 0.8
    Medium,
    /// |d| ≥ 0.8
    Large,
}

impl Magnitude {
    /// Magnitude of `d` by Cohen's thresholds (`effectsize::interpret_cohens_d(rules = "cohen1988")`).
    pub fn of(d: f64) -> Magnitude {
        let _ = d;
        todo!("engine helper B")
    }

    /// Label in English ("negligible", "small", "medium", "large") or Japanese.
    pub fn label(self, lang: Lang) -> &'static str {
        let _ = lang;
        todo!("engine helper B")
    }
}
