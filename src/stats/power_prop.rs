//! Power and sample size for comparing two independent proportions (shares of positive answers),
//! as R's `power.prop.test` — and a finite-population correction for planning a staff survey.
//!
//! # Formula
//!
//! With `n` respondents in each group, proportions `p₁`, `p₂`, `p̄ = (p₁ + p₂)/2`, level `α` and
//! `k = 2` sides (1 for a one-sided test), R's `power.prop.test` (`strict = FALSE`) gives
//! `power = Φ((√n·|p₁ − p₂| − z_{1−α/k}·√(2p̄(1 − p̄))) / √(p₁(1 − p₁) + p₂(1 − p₂)))`.
//! Solving for `n` or for `p₂` uses Brent's method to full precision (R's `uniroot` stops at a
//! tolerance of about 1e-4, so R's printed `n` agrees with ours to about 4 digits).
//!
//! The finite-population correction for a sample of `n₀` from `N` staff (Cochran 1977, §4.4) is
//! `n = n₀ / (1 + (n₀ − 1)/N)`, and its inverse `n₀ = n·(N − 1)/(N − n)`.
//!
//! # References
//! * Fleiss, J. L., Levin, B. & Paik, M. C. (2003). *Statistical Methods for Rates and
//!   Proportions*, 3rd ed., §4.2. Wiley.
//! * R Core Team. `power.prop.test`, package stats (R 4.2).
//! * Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., §4.4. Wiley.

use super::power::solve;
use super::{check_unit_open, special, tdist, Alternative, StatsError};

fn z_upper(p: f64) -> f64 {
    tdist::quantile(1.0 - p, f64::INFINITY)
}

fn sides(alternative: Alternative) -> f64 {
    if alternative == Alternative::TwoSided {
        2.0
    } else {
        1.0
    }
}

/// Power of the comparison of two independent proportions with `n` per group (see the module
/// docs); `p₁ ≠ p₂` is taken in the direction of the difference, as R does.
pub fn power(
    n: f64,
    p1: f64,
    p2: f64,
    alpha: f64,
    alternative: Alternative,
) -> Result<f64, StatsError> {
    check_unit_open("p1", p1)?;
    check_unit_open("p2", p2)?;
    check_unit_open("alpha", alpha)?;
    if !(n.is_finite() && n > 0.0) {
        return Err(StatsError::InvalidArgument {
            name: "n",
            reason: "must be positive",
        });
    }
    Ok(power_raw(n, p1, p2, alpha, sides(alternative)))
}

fn power_raw(n: f64, p1: f64, p2: f64, alpha: f64, k: f64) -> f64 {
    let pbar = (p1 + p2) / 2.0;
    let num = n.sqrt() * (p1 - p2).abs() - z_upper(alpha / k) * (2.0 * pbar * (1.0 - pbar)).sqrt();
    let den = (p1 * (1.0 - p1) + p2 * (1.0 - p2)).sqrt();
    special::normal_sf(-num / den)
}

/// Respondents per group needed for `power` to detect `p₁ → p₂` (R: `power.prop.test(p1 = ,
/// p2 = , sig.level = , power = )$n`, not rounded).
///
/// # Errors
/// [`StatsError::InvalidArgument`] for a share, `alpha` or `power` outside (0, 1);
/// [`StatsError::NoSolution`] when `p₁ = p₂` or no `n` up to 10⁹ reaches the power.
pub fn solve_n(
    p1: f64,
    p2: f64,
    alpha: f64,
    power: f64,
    alternative: Alternative,
) -> Result<f64, StatsError> {
    check_unit_open("p1", p1)?;
    check_unit_open("p2", p2)?;
    check_unit_open("alpha", alpha)?;
    check_unit_open("power", power)?;
    let k = sides(alternative);
    let g = |n: f64| power_raw(n, p1, p2, alpha, k);
    let what = "sample size reaching the requested power";
    if p1 == p2 {
        return Err(StatsError::NoSolution { what });
    }
    let lo = 1.0;
    if g(lo) >= power {
        return Ok(lo);
    }
    solve(g, power, lo, 1e9, what)
}

/// The second share that `n` respondents per group detect with `power`, above `p₁` when
/// `increase` is true and below it otherwise (R: `power.prop.test(n = , p1 = , power = )$p2`).
///
/// # Errors
/// [`StatsError::InvalidArgument`] for `p₁`, `alpha` or `power` outside (0, 1) or `n ≤ 0`;
/// [`StatsError::NoSolution`] when no share in the direction reaches the power.
pub fn solve_p2(
    n: f64,
    p1: f64,
    alpha: f64,
    power: f64,
    alternative: Alternative,
    increase: bool,
) -> Result<f64, StatsError> {
    check_unit_open("p1", p1)?;
    check_unit_open("alpha", alpha)?;
    check_unit_open("power", power)?;
    if !(n.is_finite() && n > 0.0) {
        return Err(StatsError::InvalidArgument {
            name: "n",
            reason: "must be positive",
        });
    }
    let k = sides(alternative);
    let g = |p2: f64| power_raw(n, p1, p2, alpha, k);
    let edge = 1e-12;
    // The power grows with the distance from p₁: search between p₁ and the end it moves towards.
    let (lo, hi) = if increase {
        (p1 + edge, 1.0 - edge)
    } else {
        (edge, p1 - edge)
    };
    if lo >= hi {
        return Err(StatsError::NoSolution {
            what: "detectable share",
        });
    }
    solve(g, power, lo, hi, "detectable share")
}

/// Finite-population correction: respondents needed from a population of `population` when an
/// infinite population needs `n0` (Cochran 1977, §4.4): `n0 / (1 + (n0 − 1)/N)`.
pub fn finite_population(n0: f64, population: f64) -> f64 {
    n0 / (1.0 + (n0 - 1.0) / population)
}

/// Inverse of [`finite_population`]: the infinite-population size equivalent to `n` respondents
/// out of `population`, `n·(N − 1)/(N − n)`; infinite when `n ≥ N` (a census).
pub fn infinite_equivalent(n: f64, population: f64) -> f64 {
    if n >= population {
        f64::INFINITY
    } else {
        n * (population - 1.0) / (population - n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correction_round_trips() {
        let n = finite_population(385.0, 900.0);
        assert!((infinite_equivalent(n, 900.0) / 385.0 - 1.0).abs() < 1e-14);
        assert_eq!(infinite_equivalent(900.0, 900.0), f64::INFINITY);
    }

    #[test]
    fn solving_inverts_power() {
        let n = solve_n(0.62, 0.70, 0.05, 0.8, Alternative::TwoSided).unwrap();
        let p = power(n, 0.62, 0.70, 0.05, Alternative::TwoSided).unwrap();
        assert!((p - 0.8).abs() < 1e-12, "{p}");
        assert!(solve_n(0.5, 0.5, 0.05, 0.8, Alternative::TwoSided).is_err());
        let p2 = solve_p2(n, 0.62, 0.05, 0.8, Alternative::TwoSided, true).unwrap();
        assert!((p2 - 0.70).abs() < 1e-10, "{p2}");
    }
}
