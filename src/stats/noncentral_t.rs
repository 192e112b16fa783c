//! The noncentral t distribution (statrs has none): CDF, survival function and quantile, plus the
//! confidence interval for a noncentrality parameter used by effect-size intervals and power.
//!
//! OWNER: engine helper B. The public API below is fixed.

use super::{Alternative, StatsError};

/// `P(T ≤ t)` for `T ~ t(df, ncp)`.
pub fn cdf(t: f64, df: f64, ncp: f64) -> f64 {
    let _ = (t, df, ncp);
    todo!("engine helper B")
}

/// `P(T > t)` for `T ~ t(df, ncp)`, computed in the upper tail.
pub fn sf(t: f64, df: f64, ncp: f64) -> f64 {
    let _ = (t, df, ncp);
    todo!("engine helper B")
}

/// Quantile: the `t` with `P(T ≤ t) = p`.
pub fn quantile(p: f64, df: f64, ncp: f64) -> f64 {
    let _ = (p, df, ncp);
    todo!("engine helper B")
}

/// Confidence interval for the noncentrality parameter given an observed `t` with `df` degrees of
/// freedom (Steiger & Fouladi 1997; Steiger 2004): the `ncp` values at which `t` is the upper and
/// lower quantile. One-sided alternatives give an infinite bound, as `effectsize`.
pub fn ncp_interval(
    t: f64,
    df: f64,
    conf_level: f64,
    alternative: Alternative,
) -> Result<(f64, f64), StatsError> {
    let _ = (t, df, conf_level, alternative);
    todo!("engine helper B")
}
