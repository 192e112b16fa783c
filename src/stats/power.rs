//! Power and sample size for t-tests, as R `pwr::pwr.t.test` and `pwr::pwr.t2n.test`.
//!
//! OWNER: engine helper B. The public API below is fixed.

use super::{Alternative, StatsError};

/// Study design, as `pwr.t.test(type = ...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Design {
    /// Two independent groups of `n` each.
    TwoSample,
    /// `n` pairs.
    Paired,
    /// One sample of `n`.
    OneSample,
}

/// Power of a t-test with `n` per group (or pairs) and effect size `d` at level `alpha`.
pub fn power(
    design: Design,
    alternative: Alternative,
    n: f64,
    d: f64,
    alpha: f64,
) -> Result<f64, StatsError> {
    let _ = (design, alternative, n, d, alpha);
    todo!("engine helper B")
}

/// Smallest `n` (per group or pairs, fractional as pwr reports it) reaching `power`.
pub fn solve_n(
    design: Design,
    alternative: Alternative,
    d: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    let _ = (design, alternative, d, alpha, power);
    todo!("engine helper B")
}

/// Smallest detectable `d` at `n` with `power` (the sensitivity of a study).
pub fn solve_d(
    design: Design,
    alternative: Alternative,
    n: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    let _ = (design, alternative, n, alpha, power);
    todo!("engine helper B")
}

/// Power for two groups of unequal size, as `pwr.t2n.test`.
pub fn power_2n(
    alternative: Alternative,
    n1: f64,
    n2: f64,
    d: f64,
    alpha: f64,
) -> Result<f64, StatsError> {
    let _ = (alternative, n1, n2, d, alpha);
    todo!("engine helper B")
}

/// `n2` given `n1` reaching `power`, as `pwr.t2n.test(n1 = , n2 = NULL)`.
pub fn solve_n2(
    alternative: Alternative,
    n1: f64,
    d: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    let _ = (alternative, n1, d, alpha, power);
    todo!("engine helper B")
}

/// Smallest detectable `d` for unequal groups.
pub fn solve_d_2n(
    alternative: Alternative,
    n1: f64,
    n2: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    let _ = (alternative, n1, n2, alpha, power);
    todo!("engine helper B")
}
