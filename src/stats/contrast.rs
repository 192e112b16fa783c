//! A linear contrast of independent group means with Welch–Satterthwaite degrees of freedom —
//! the difference in differences of an anonymous before/after survey with a comparison group.
//!
//! # Formula
//!
//! For `k` independent groups with means `mᵢ`, standard deviations `sᵢ` (n − 1 denominator),
//! sizes `nᵢ` and weights `wᵢ`, the contrast `ψ = Σ wᵢ·mᵢ` has the standard error
//! `SE = √(Σ wᵢ²·sᵢ²/nᵢ)` and, by Satterthwaite's (1946) approximation, the degrees of freedom
//! `ν = (Σ wᵢ²sᵢ²/nᵢ)² / Σ (wᵢ²sᵢ²/nᵢ)²/(nᵢ − 1)`; `t = ψ/SE` is referred to Student's t with
//! `ν` degrees of freedom, and the interval is `ψ ± t_{1−α/2, ν}·SE` (one-sided for a one-sided
//! alternative, as R's `t.test`). Groups with weight 0 take no part. With `k = 2` and
//! `w = (1, −1)` this is Welch's (1947) test of `m₁ − m₂`.
//!
//! The difference in differences of four groups — comparison group before/after `A₁, A₂`,
//! participants before/after `B₁, B₂` — is `w = (1, −1, −1, 1)` over `(A₁, A₂, B₁, B₂)`:
//! `(B₂ − B₁) − (A₂ − A₁)`.
//!
//! # References
//! * Satterthwaite, F. E. (1946). An approximate distribution of estimates of variance
//!   components. *Biometrics Bulletin* 2(6), 110–114.
//! * Welch, B. L. (1947). The generalization of "Student's" problem when several different
//!   population variances are involved. *Biometrika* 34(1–2), 28–35.
//! * Maxwell, S. E., Delaney, H. D. & Kelley, K. (2018). *Designing Experiments and Analyzing
//!   Data*, 3rd ed., ch. 4 (contrasts with separate variances).

use super::{check_finite, check_unit_open, tdist, Alternative, StatsError};

/// One group's summary: size, mean and standard deviation (n − 1 denominator).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupStats {
    /// Number of observations (at least 2 when the group's weight is not 0).
    pub n: f64,
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
}

/// A contrast `Σ wᵢ·meanᵢ` with its test and interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contrast {
    /// `Σ wᵢ·meanᵢ`.
    pub estimate: f64,
    /// `√(Σ wᵢ²·sdᵢ²/nᵢ)`.
    pub std_err: f64,
    /// `estimate / std_err`.
    pub statistic: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// p-value for the chosen alternative (H0: the contrast is 0).
    pub p_value: f64,
    /// Lower confidence limit (−∞ for `Less`).
    pub conf_low: f64,
    /// Upper confidence limit (+∞ for `Greater`).
    pub conf_high: f64,
}

/// The Welch contrast of `groups` with `weights` (see the module docs).
///
/// ```
/// use ttest_xl::stats::contrast::{welch_contrast, GroupStats};
/// use ttest_xl::stats::Alternative;
/// let g = |n, mean, sd| GroupStats { n, mean, sd };
/// // Difference in differences: (B2 - B1) - (A2 - A1) = (3.9 - 3.2) - (3.3 - 3.1) = 0.5.
/// let groups = [g(40.0, 3.1, 0.8), g(38.0, 3.3, 0.9), g(35.0, 3.2, 0.7), g(36.0, 3.9, 0.8)];
/// let r = welch_contrast(&groups, &[1.0, -1.0, -1.0, 1.0], Alternative::TwoSided, 0.95).unwrap();
/// assert!((r.estimate - 0.5).abs() < 1e-12);
/// ```
pub fn welch_contrast(
    groups: &[GroupStats],
    weights: &[f64],
    alternative: Alternative,
    conf_level: f64,
) -> Result<Contrast, StatsError> {
    check_unit_open("conf_level", conf_level)?;
    if groups.len() < 2 {
        return Err(StatsError::InvalidArgument {
            name: "k",
            reason: "must be at least 2",
        });
    }
    if weights.len() != groups.len() {
        return Err(StatsError::LengthMismatch {
            x: groups.len(),
            y: weights.len(),
        });
    }
    let mut estimate = 0.0;
    let mut parts: Vec<(f64, f64)> = Vec::with_capacity(groups.len()); // (wᵢ²sᵢ²/nᵢ, nᵢ − 1)
    let mut used = 0;
    for (g, &w) in groups.iter().zip(weights) {
        check_finite("weights", w)?;
        if w == 0.0 {
            continue;
        }
        check_finite("means", g.mean)?;
        check_finite("sds", g.sd)?;
        if !(g.n.is_finite() && g.n >= 2.0) {
            return Err(StatsError::TooFew {
                group: "group",
                needed: 2,
                found: if g.n.is_finite() && g.n > 0.0 {
                    g.n as usize
                } else {
                    0
                },
            });
        }
        if g.sd < 0.0 {
            return Err(StatsError::InvalidArgument {
                name: "sds",
                reason: "must not be negative",
            });
        }
        used += 1;
        estimate += w * g.mean;
        // (|w|·s)² / n, formed so that it overflows only when the result itself does.
        let ws = w.abs() * g.sd;
        parts.push((ws * (ws / g.n), g.n - 1.0));
    }
    if used == 0 {
        return Err(StatsError::InvalidArgument {
            name: "weights",
            reason: "must not all be 0",
        });
    }
    let var: f64 = parts.iter().map(|p| p.0).sum();
    if var == 0.0 {
        return Err(StatsError::Constant);
    }
    if !var.is_finite() || !estimate.is_finite() {
        return Err(StatsError::OutOfRange { what: "variance" });
    }
    // Satterthwaite's df on parts scaled by the largest, so that squaring cannot overflow.
    let scale = parts.iter().map(|p| p.0).fold(0.0_f64, f64::max);
    let scaled_sum: f64 = parts.iter().map(|p| p.0 / scale).sum();
    let scaled_den: f64 = parts.iter().map(|p| (p.0 / scale).powi(2) / p.1).sum();
    let df = scaled_sum * scaled_sum / scaled_den;
    let std_err = var.sqrt();
    let statistic = estimate / std_err;
    if !statistic.is_finite() || !df.is_finite() || df <= 0.0 {
        return Err(StatsError::OutOfRange {
            what: "t statistic",
        });
    }
    let p_value = tdist::p_value(statistic, df, alternative);
    let (conf_low, conf_high) = match alternative {
        Alternative::TwoSided => {
            let q = tdist::quantile(1.0 - (1.0 - conf_level) / 2.0, df);
            (estimate - q * std_err, estimate + q * std_err)
        }
        Alternative::Less => (
            f64::NEG_INFINITY,
            estimate + tdist::quantile(conf_level, df) * std_err,
        ),
        Alternative::Greater => (
            estimate - tdist::quantile(conf_level, df) * std_err,
            f64::INFINITY,
        ),
    };
    if conf_low.is_nan() || conf_high.is_nan() || conf_low == conf_high {
        return Err(StatsError::OutOfRange {
            what: "confidence limit",
        });
    }
    Ok(Contrast {
        estimate,
        std_err,
        statistic,
        df,
        p_value,
        conf_low,
        conf_high,
    })
}
