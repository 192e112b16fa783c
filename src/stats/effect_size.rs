//! Standardized mean differences with confidence intervals, following R `effectsize` 0.8.3.
//!
//! # Formula
//!
//! Every d here is `(estimate − mu) / s` for a standardizer `s` (the numerator is the test's
//! [`TTest::difference`], formed without rounding the estimate first, so a one-sample or paired d
//! on data near 1e9 keeps full precision), and its confidence interval is the
//! noncentral-t interval of the matching t statistic (Steiger & Fouladi 1997; Steiger 2004),
//! scaled back to the d metric: `[δ_L, δ_U] · √h` where `d = t · √h`. This is the `"ncp"` method
//! of `effectsize:::.effect_size_difference`, but solved to full precision
//! ([`noncentral_t::ncp_interval`]) instead of `optim(abstol = 1e-9)`:
//!
//! | kind | `s` | `h` | `df` |
//! |---|---|---|---|
//! | [`DKind::Pooled`] | `√(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2))` ([`TTest::sd_pooled`]; a group of one adds 0) | `1/n₁ + 1/n₂` | `n₁+n₂−2` |
//! | [`DKind::AverageVariance`] | `√((s₁² + s₂²)/2)` | `2(n₂s₁² + n₁s₂²)/(n₁n₂(s₁² + s₂²))` | Welch |
//! | [`DKind::Glass`] | `s₂` | `1/n₂ + s₁²/(n₁s₂²)` | `n₂ − 1` |
//! | [`DKind::Dz`] | `s_D` (SD of differences) | `1/n` | `n − 1` |
//! | [`DKind::OneSample`] | `s₁` | `1/n` | `n − 1` |
//! | [`DKind::Dav`] | `(s₁ + s₂)/2` | `s_D²/(n · s²)` | `n − 1` |
//!
//! Hedges' g multiplies the estimate and both limits by the exact small-sample correction
//! (Hedges 1981) `J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2))`, as `effectsize::hedges_g`
//! (`J = 0` for `df ≤ 1`, where `Γ((df − 1)/2)` is infinite, again as `effectsize`). The log-gamma
//! difference is evaluated with a Stirling-series difference, so `J` keeps full precision at large
//! `df`. One-sided intervals follow `effectsize`: the two-sided interval at level `2·conf − 1`
//! with the open end at `±∞`.
//!
//! Because the noncentral t is skewed, an interval found by inverting it is not centred on `d`:
//! at unusually low confidence levels (below about 0.4 two-sided, 0.7 one-sided) it can lie
//! entirely on one side of `d` (with `ncp = t`, `P(T ≤ t)` can be as low as `P(χ²₁ ≥ 1) ≈ 0.317`).
//! This is a property of the method, shared by `effectsize`, not an error; at the levels people
//! use (0.8–0.99) the interval always contains `d`.
//!
//! # References
//!
//! * Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences* (2nd ed.). Erlbaum.
//! * Hedges, L. V. (1981). Distribution theory for Glass's estimator of effect size and related
//!   estimators. *Journal of Educational Statistics*, 6(2), 107–128.
//! * Glass, G. V., McGaw, B., & Smith, M. L. (1981). *Meta-Analysis in Social Research*. Sage.
//! * Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science: a
//!   practical primer for t-tests and ANOVAs. *Frontiers in Psychology*, 4, 863.
//! * Algina, J., & Keselman, H. J. (2003). Approximate confidence intervals for effect sizes.
//!   *Educational and Psychological Measurement*, 63(4), 537–553.
//! * Steiger, J. H., & Fouladi, R. T. (1997); Steiger, J. H. (2004). See [`noncentral_t`].
//! * Ben-Shachar, M. S., Lüdecke, D., & Makowski, D. (2020). effectsize: Estimation of effect size
//!   indices and standardized parameters. *Journal of Open Source Software*, 5(56), 2815.

use super::noncentral_t;
use super::special::ln_gamma_shift;
use super::ttest::{TTest, TTestKind};
use super::{check_finite, check_unit_open, StatsError};
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
    ///
    /// The name always says which standardizer was used, so a reader can tell a d_z from a
    /// between-groups d (Lakens 2013).
    ///
    /// # Example
    ///
    /// ```
    /// use ttest_xl::lang::Lang;
    /// use ttest_xl::stats::effect_size::{DKind, EffectSize};
    /// let e = EffectSize { kind: DKind::Dz, hedges: true, estimate: 1.0, conf_low: 0.5,
    ///                      conf_high: 1.5, conf_level: 0.95 };
    /// assert_eq!(e.name(Lang::En), "Hedges' g_z (SD of differences)");
    /// ```
    pub fn name(&self, lang: Lang) -> String {
        crate::messages::effect_size_name(self.kind, self.hedges)
            .get(lang)
            .to_string()
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

/// Hedges' (1981) exact correction `J(df) = Γ(df/2) / (√(df/2) Γ((df − 1)/2))`; 0 for `df ≤ 1`.
fn hedges_j(df: f64) -> f64 {
    if df <= 1.0 {
        return 0.0;
    }
    // ln Γ(df/2) − ln Γ((df − 1)/2) = ln_gamma_shift(½, (df − 1)/2).
    (ln_gamma_shift(0.5, (df - 1.0) / 2.0) - 0.5 * (df / 2.0).ln()).exp()
}

fn invalid(name: &'static str, reason: &'static str) -> StatsError {
    StatsError::InvalidArgument { name, reason }
}

/// Checks one standardizer: finite and positive, else a typed error.
fn check_sd(s: f64) -> Result<(), StatsError> {
    if s.is_nan() {
        Err(invalid("sd", "summary statistics are incomplete"))
    } else if s == 0.0 {
        Err(StatsError::Constant)
    } else if !s.is_finite() {
        Err(StatsError::OutOfRange {
            what: "standard deviation",
        })
    } else {
        Ok(())
    }
}

/// Builds d and g from `diff = estimate − mu`, standardizer `s`, statistic `t`, its `df` and the
/// scale `h` (`d = t √h`).
fn build(
    kind: DKind,
    diff: f64,
    s: f64,
    t: f64,
    df: f64,
    h: f64,
    t_test: &TTest,
) -> Result<DAndG, StatsError> {
    let conf_level = t_test.options.conf_level;
    check_unit_open("conf_level", conf_level)?;
    check_finite("mu", t_test.options.mu)?;
    check_sd(s)?;
    if df.is_nan() || df <= 0.0 {
        return Err(StatsError::TooFew {
            group: "df",
            needed: 1,
            found: 0,
        });
    }
    let d = diff / s;
    if !d.is_finite() || !t.is_finite() {
        return Err(StatsError::OutOfRange {
            what: "standardized difference",
        });
    }
    let (lo, hi) = noncentral_t::ncp_interval(t, df, conf_level, t_test.options.alternative)?;
    let root_h = h.sqrt();
    let d = EffectSize {
        kind,
        hedges: false,
        estimate: d,
        conf_low: lo * root_h,
        conf_high: hi * root_h,
        conf_level,
    };
    let j = hedges_j(df);
    let scale = |v: f64| if v.is_infinite() { v } else { v * j };
    let g = EffectSize {
        kind,
        hedges: true,
        estimate: d.estimate * j,
        conf_low: scale(d.conf_low),
        conf_high: scale(d.conf_high),
        conf_level,
    };
    Ok(DAndG { d, g })
}

/// The d (and g) that matches a t-test, as the C ABI and CLI report it:
/// Student → [`DKind::Pooled`], Welch → [`DKind::AverageVariance`], paired → [`DKind::Dz`],
/// one-sample → [`DKind::OneSample`]. CI level and sidedness follow `t.options`.
///
/// # Formula
///
/// `d = (estimate − mu)/s` with `s` the pooled SD (Student), `√((s₁² + s₂²)/2)` (Welch), the SD of
/// the differences (paired) or `sd(x)` (one sample); CI `= ncp_interval(t, df) · √h` with `t` and
/// `df` of the test and `h` as in the [module table](self); `g = J(df) · d` (Hedges 1981).
/// These are the values of `effectsize::cohens_d(x, y, pooled_sd, paired, mu, ci, alternative)`
/// and `effectsize::hedges_g(...)` (0.8.3) on the same data, with the interval solved to full
/// precision.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] if the t-test misses the group summaries its kind needs or has
/// an invalid confidence level; [`StatsError::Constant`] for a zero standardizer.
///
/// # References
///
/// Cohen (1988); Hedges (1981); Lakens (2013); Steiger (2004); Ben-Shachar et al. (2020) — full
/// citations in the [module documentation](self).
///
/// # Example
///
/// ```
/// use ttest_xl::stats::descriptive::Summary;
/// use ttest_xl::stats::effect_size::{for_ttest, DKind};
/// use ttest_xl::stats::ttest::{TTest, TTestKind, TTestOptions};
/// // One-sample t-test of mean 1.2, SD 2, n = 10 against mu = 0 (t = 1.2/(2/√10)).
/// let t = 1.2 / (2.0 / 10f64.sqrt());
/// let test = TTest { kind: TTestKind::OneSample, options: TTestOptions::default(), statistic: t,
///     df: 9.0, p_value: f64::NAN, estimate: 1.2, conf_low: f64::NAN, conf_high: f64::NAN,
///     std_err: 2.0 / 10f64.sqrt(), x: Summary::from_stats(10, 1.2, 2.0), y: None, sd_diff: None,
///     sd_pooled: None, difference: 1.2 };
/// let dg = for_ttest(&test).unwrap();
/// assert_eq!(dg.d.kind, DKind::OneSample);
/// assert!((dg.d.estimate - 0.6).abs() < 1e-15);
/// assert!(dg.d.conf_low < 0.6 && 0.6 < dg.d.conf_high);
/// ```
pub fn for_ttest(t: &TTest) -> Result<DAndG, StatsError> {
    let diff = t.difference;
    match t.kind {
        TTestKind::Student => {
            let y =
                t.y.as_ref()
                    .ok_or(invalid("test", "needs a two-sample t-test"))?;
            let (n1, n2) = (t.x.n as f64, y.n as f64);
            let s = t
                .sd_pooled
                .ok_or(invalid("sd_pooled", "summary statistics are incomplete"))?;
            build(
                DKind::Pooled,
                diff,
                s,
                t.statistic,
                t.df,
                1.0 / n1 + 1.0 / n2,
                t,
            )
        }
        TTestKind::Welch => {
            let y =
                t.y.as_ref()
                    .ok_or(invalid("test", "needs a two-sample t-test"))?;
            let (n1, n2) = (t.x.n as f64, y.n as f64);
            let (v1, v2) = (t.x.var(), y.var());
            let s = (v1 / 2.0 + v2 / 2.0).sqrt();
            // h = 2(n₂s₁² + n₁s₂²)/(n₁n₂(s₁² + s₂²)) = 2(w₁/n₁ + w₂/n₂) with wᵢ = sᵢ²/(s₁² + s₂²),
            // written with weights so that huge variances (≈1e307) do not overflow to NaN.
            let m = v1.max(v2);
            let (r1, r2) = (v1 / m, v2 / m);
            let h = 2.0 * (r1 / n1 + r2 / n2) / (r1 + r2);
            build(DKind::AverageVariance, diff, s, t.statistic, t.df, h, t)
        }
        TTestKind::Paired => {
            let s = t
                .sd_diff
                .ok_or(invalid("sd_diff", "summary statistics are incomplete"))?;
            let n = t.x.n as f64;
            build(DKind::Dz, diff, s, t.statistic, n - 1.0, 1.0 / n, t)
        }
        TTestKind::OneSample => {
            let n = t.x.n as f64;
            build(
                DKind::OneSample,
                diff,
                t.x.sd,
                t.statistic,
                n - 1.0,
                1.0 / n,
                t,
            )
        }
    }
}

/// Glass's Δ for a two-sample test (y is the control group).
///
/// # Formula
///
/// `Δ = (mean(x) − mean(y) − mu) / s_y`, CI `= ncp_interval(t_Δ, n_y − 1) · √h` with
/// `h = 1/n_y + s_x²/(n_x s_y²)` and `t_Δ = (mean(x) − mean(y) − mu)/(s_y √h)`, exactly as
/// `effectsize::glass_delta` 0.8.3 (which has no bias-corrected version). The `g` field is
/// Hedges' (1981) correction of Glass's estimator, `J(n_y − 1) · Δ` (Hedges 1981, eq. 7 with
/// `m = n_y − 1`), applied to the limits as well.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] unless `t` is a Student or Welch test;
/// [`StatsError::Constant`] if `s_y = 0`; [`StatsError::TooFew`] if `n_y < 2`.
///
/// # References
///
/// Glass, McGaw & Smith (1981); Hedges (1981); Algina & Keselman (2003) — full citations in the
/// [module documentation](self).
pub fn glass_delta(t: &TTest) -> Result<DAndG, StatsError> {
    if !matches!(t.kind, TTestKind::Student | TTestKind::Welch) {
        return Err(invalid("test", "needs a two-sample t-test"));
    }
    let y =
        t.y.as_ref()
            .ok_or(invalid("test", "needs a two-sample t-test"))?;
    if y.n < 2 {
        return Err(StatsError::TooFew {
            group: "y",
            needed: 2,
            found: y.n,
        });
    }
    let diff = t.difference;
    let (n1, n2) = (t.x.n as f64, y.n as f64);
    let s2 = y.sd;
    check_sd(s2)?;
    let h = 1.0 / n2 + t.x.var() / (n1 * y.var());
    let t_delta = diff / (s2 * h.sqrt());
    build(DKind::Glass, diff, s2, t_delta, n2 - 1.0, h, t)
}

/// d_av for a paired test: mean difference over the average of the two SDs, CI by
/// Algina & Keselman (2003).
///
/// # Formula
///
/// `d_av = (mean(x − y) − mu) / s_av`, `s_av = (s_x + s_y)/2` (Lakens 2013, eq. 10), with the SDs
/// over complete pairs. Because `d_av = t · s_D/(√n · s_av)` with the paired `t` on `n − 1` df,
/// the interval is the noncentral-t interval of the paired `t` scaled by the estimated factor
/// `s_D/(√n · s_av)`: the approximate interval of Algina & Keselman (2003) for dependent samples
/// (they standardize by `√((s_x² + s_y²)/2)`; the construction is the same with `s_av`).
/// `g_av = J(n − 1) · d_av` (Hedges 1981), limits scaled likewise.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] unless `t` is a paired test with both summaries and `sd_diff`;
/// [`StatsError::Constant`] if `s_av = 0`.
///
/// # References
///
/// * Algina, J., & Keselman, H. J. (2003). Approximate confidence intervals for effect sizes.
///   *Educational and Psychological Measurement*, 63(4), 537–553.
/// * Lakens, D. (2013). *Frontiers in Psychology*, 4, 863.
/// * Hedges (1981); Steiger (2004) — see the [module documentation](self).
pub fn d_av(t: &TTest) -> Result<DAndG, StatsError> {
    if t.kind != TTestKind::Paired {
        return Err(invalid("test", "needs a paired t-test"));
    }
    let y =
        t.y.as_ref()
            .ok_or(invalid("test", "needs a paired t-test"))?;
    let s_d = t
        .sd_diff
        .ok_or(invalid("sd_diff", "summary statistics are incomplete"))?;
    let s_av = (t.x.sd + y.sd) / 2.0;
    let n = t.x.n as f64;
    let diff = t.difference;
    let h = (s_d / s_av) * (s_d / s_av) / n;
    build(DKind::Dav, diff, s_av, t.statistic, n - 1.0, h, t)
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
    ///
    /// # Formula
    ///
    /// `|d| < 0.2` negligible, `< 0.5` small, `< 0.8` medium, otherwise large (intervals closed
    /// on the left, `right = FALSE` in `effectsize`, so 0.5 is medium). `effectsize` calls the
    /// first band "very small"; the issue asks for "negligible". A `NaN` d is reported as
    /// negligible (no evidence of an effect).
    ///
    /// # References
    ///
    /// Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences* (2nd ed.), §2.2.
    ///
    /// # Example
    ///
    /// ```
    /// use ttest_xl::stats::effect_size::Magnitude;
    /// assert_eq!(Magnitude::of(-0.5), Magnitude::Medium);
    /// assert_eq!(Magnitude::of(0.19), Magnitude::Negligible);
    /// ```
    pub fn of(d: f64) -> Magnitude {
        let a = d.abs();
        if a.is_nan() || a < 0.2 {
            Magnitude::Negligible
        } else if a < 0.5 {
            Magnitude::Small
        } else if a < 0.8 {
            Magnitude::Medium
        } else {
            Magnitude::Large
        }
    }

    /// Label in English ("negligible", "small", "medium", "large") or Japanese.
    ///
    /// Japanese: 「無視できる程度」「小さい」「中程度」「大きい」.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::messages::Word::from(self).get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_j_limits() {
        assert_eq!(hedges_j(1.0), 0.0);
        // J(df) ≈ 1 − 3/(4 df − 1) for large df (Hedges 1981, eq. 7a).
        let df = 200.0;
        assert!((hedges_j(df) - (1.0 - 3.0 / (4.0 * df - 1.0))).abs() < 1e-6);
        assert!(hedges_j(1e9) < 1.0 && hedges_j(1e9) > 1.0 - 1e-8);
    }

    #[test]
    fn labels() {
        for m in [
            Magnitude::Negligible,
            Magnitude::Small,
            Magnitude::Medium,
            Magnitude::Large,
        ] {
            assert!(m.label(Lang::En).is_ascii());
            assert!(!m.label(Lang::Ja).is_ascii());
        }
        assert_eq!(Magnitude::of(0.8), Magnitude::Large);
        assert_eq!(Magnitude::of(f64::NAN), Magnitude::Negligible);
    }
}
