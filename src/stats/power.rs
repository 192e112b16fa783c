//! Power and sample size for t-tests, as R `pwr::pwr.t.test` and `pwr::pwr.t2n.test`.
//!
//! # Formula
//!
//! With `ν` degrees of freedom, noncentrality `λ`, level `α` and `T ~ t(ν, λ)` (Cohen 1988, ch. 2):
//!
//! * two-sided: `P(T > q) + P(T ≤ −q)`, `q = t_{1−α/2, ν}`, with `d` replaced by `|d|`;
//! * greater: `P(T > t_{1−α, ν})`; less: `P(T ≤ t_{α, ν})`.
//!
//! `pwr.t.test`: two-sample `ν = 2(n − 1)`, `λ = d √(n/2)`; paired and one-sample `ν = n − 1`,
//! `λ = d √n`. `pwr.t2n.test`: `ν = n₁ + n₂ − 2`, `λ = d / √(1/n₁ + 1/n₂)`. The noncentral t comes
//! from [`noncentral_t`], each tail computed directly.
//!
//! Solving for `n` (or `n₂`) or `d` uses Brent's method on the same power function and the same
//! search intervals as `pwr` (`n ∈ (2 + 10⁻¹⁰, 10⁹)`; `d ∈ (10⁻⁷, 10)` two-sided, `(−10, 5)` less,
//! `(−5, 10)` greater), but to full precision: `pwr` calls `uniroot` with its default tolerance
//! (about 1e-4), so its printed `n` and `d` agree with ours to about 4 digits only.
//!
//! # References
//!
//! * Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences* (2nd ed.), ch. 2.
//!   Erlbaum.
//! * Champely, S. (2020). *pwr: Basic Functions for Power Analysis*. R package version 1.3-0.
//! * Brent, R. P. (1973). *Algorithms for Minimization without Derivatives*, ch. 4. Prentice-Hall.

use super::noncentral_t;
use super::roots::brent;
use super::tdist;
use super::{check_finite, check_unit_open, Alternative, StatsError};

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

/// Central t quantile `qt(p, ν)` for `p < ½`: the engine's one central quantile
/// ([`tdist::quantile`], the one the confidence intervals use).
fn qt_lower(p: f64, nu: f64) -> f64 {
    tdist::quantile(p, nu)
}

/// Power for `ν` degrees of freedom and noncentrality `ncp` (already |·| for two-sided).
fn power_core(alternative: Alternative, nu: f64, ncp: f64, alpha: f64) -> f64 {
    match alternative {
        Alternative::TwoSided => {
            // q = qt(α/2, ν, lower = FALSE) = −qt(α/2, ν).
            let q = -qt_lower(alpha / 2.0, nu);
            // Each tail is accurate to ~1e-12 absolute; their sum can exceed 1 by that much
            // when the power is ≈ 1, so clamp to a probability.
            (noncentral_t::sf(q, nu, ncp) + noncentral_t::cdf(-q, nu, ncp)).min(1.0)
        }
        Alternative::Less => noncentral_t::cdf(qt_lower(alpha, nu), nu, ncp),
        Alternative::Greater => noncentral_t::sf(-qt_lower(alpha, nu), nu, ncp),
    }
}

/// `ν` and `λ` of `pwr.t.test` for `n` and `d`.
fn nu_ncp(design: Design, n: f64, d: f64) -> (f64, f64) {
    let tsample = match design {
        Design::TwoSample => 2.0,
        Design::Paired | Design::OneSample => 1.0,
    };
    ((n - 1.0) * tsample, (n / tsample).sqrt() * d)
}

fn effective_d(alternative: Alternative, d: f64) -> f64 {
    if alternative == Alternative::TwoSided {
        d.abs()
    } else {
        d
    }
}

/// Largest sample size accepted (pwr's own search stops at 1e9 as well; beyond ~1e15 the
/// degrees of freedom lose integer precision and the noncentral t overflows).
const N_MAX: f64 = 1e12;

/// Largest |d| accepted: far beyond any real effect (|d| > 10 is already extraordinary), and
/// small enough that the noncentrality `d·√(n/2)` stays finite for every accepted `n`.
const D_MAX: f64 = 1e6;

fn check_d(d: f64) -> Result<(), StatsError> {
    check_finite("d", d)?;
    if d.abs() > D_MAX {
        return Err(StatsError::InvalidArgument {
            name: "d",
            reason: "must be between -1e6 and 1e6",
        });
    }
    Ok(())
}

fn check_n(name: &'static str, n: f64, min: f64) -> Result<(), StatsError> {
    check_finite(name, n)?;
    if n > N_MAX {
        return Err(StatsError::InvalidArgument {
            name,
            reason: "must be at most 1e12",
        });
    }
    if n >= min && (min > 1.0 || n > min) {
        Ok(())
    } else if min > 1.0 {
        Err(StatsError::InvalidArgument {
            name,
            reason: "must be at least 2",
        })
    } else {
        Err(StatsError::InvalidArgument {
            name,
            reason: "must be greater than 1",
        })
    }
}

/// Brent on `f(v) = g(v) − target` over pwr's interval `[lo, hi]`; `NoSolution` without a sign
/// change at the ends (R's `uniroot` stops there with "f() values at end points not of opposite
/// sign").
pub(super) fn solve<F: FnMut(f64) -> f64>(
    mut g: F,
    target: f64,
    lo: f64,
    hi: f64,
    what: &'static str,
) -> Result<f64, StatsError> {
    let flo = g(lo) - target;
    let fhi = g(hi) - target;
    if !(flo.is_finite() && fhi.is_finite()) || (flo > 0.0) == (fhi > 0.0) {
        return Err(StatsError::NoSolution { what });
    }
    Ok(brent(|v| g(v) - target, lo, hi, flo, fhi, 0.0))
}

/// pwr's search interval for `d`.
fn d_interval(alternative: Alternative) -> (f64, f64) {
    match alternative {
        Alternative::TwoSided => (1e-7, 10.0),
        Alternative::Less => (-10.0, 5.0),
        Alternative::Greater => (-5.0, 10.0),
    }
}

/// Power of a t-test with `n` per group (or pairs) and effect size `d` at level `alpha`.
///
/// # Formula
///
/// `pwr.t.test(n, d, sig.level = alpha, type, alternative)$power`: see the
/// [module documentation](self) (`ν = 2(n − 1)`, `λ = d √(n/2)` for two samples; `ν = n − 1`,
/// `λ = d √n` otherwise; two-sided power `P(T > q) + P(T ≤ −q)` with `|d|`).
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] for `alpha` outside (0, 1), `n ≤ 1` or a non-finite `n`/`d`.
///
/// # References
///
/// Cohen (1988), ch. 2; Champely (2020), `pwr` — see the [module documentation](self).
///
/// # Example
///
/// ```
/// use ttest_xl::stats::{power::{power, Design}, Alternative};
/// // R: pwr::pwr.t.test(n = 20, d = 0.5)$power = 0.33793902892509031
/// let p = power(Design::TwoSample, Alternative::TwoSided, 20.0, 0.5, 0.05).unwrap();
/// assert!((p - 0.33793902892509031).abs() < 1e-12);
/// ```
pub fn power(
    design: Design,
    alternative: Alternative,
    n: f64,
    d: f64,
    alpha: f64,
) -> Result<f64, StatsError> {
    check_unit_open("alpha", alpha)?;
    check_n("n", n, 1.0)?;
    check_d(d)?;
    let (nu, ncp) = nu_ncp(design, n, effective_d(alternative, d));
    Ok(power_core(alternative, nu, ncp, alpha))
}

/// Smallest `n` (per group or pairs, fractional as pwr reports it) reaching `power`.
///
/// # Formula
///
/// The root in `n ∈ (2 + 10⁻¹⁰, 10⁹)` of `power(n) = power`, as
/// `pwr.t.test(d = , sig.level = , power = , n = NULL)$n`, solved by Brent's method to full
/// precision (round up to a whole number to plan a study).
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] for `alpha` or `power` outside (0, 1) or a non-finite `d`;
/// [`StatsError::NoSolution`] when no `n` in the interval reaches the power (for example `d = 0`,
/// or a `d` of the wrong sign for a one-sided test).
///
/// # References
///
/// Cohen (1988), ch. 2; Champely (2020); Brent (1973) — see the [module documentation](self).
pub fn solve_n(
    design: Design,
    alternative: Alternative,
    d: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    check_unit_open("alpha", alpha)?;
    check_unit_open("power", power)?;
    check_d(d)?;
    let d = effective_d(alternative, d);
    solve(
        |n| {
            let (nu, ncp) = nu_ncp(design, n, d);
            power_core(alternative, nu, ncp, alpha)
        },
        power,
        2.0 + 1e-10,
        1e9,
        "sample size reaching the requested power",
    )
}

/// Smallest detectable `d` at `n` with `power` (the sensitivity of a study).
///
/// # Formula
///
/// The root of `power(d) = power` in pwr's interval (`(10⁻⁷, 10)` two-sided, `(−10, 5)` less,
/// `(−5, 10)` greater), as `pwr.t.test(n = , sig.level = , power = , d = NULL)$d`, solved by
/// Brent's method to full precision.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] for `alpha` or `power` outside (0, 1) or `n ≤ 1`;
/// [`StatsError::NoSolution`] when no `d` in the interval gives the power (e.g. `power ≤ alpha`
/// for a two-sided test).
///
/// # References
///
/// Cohen (1988), ch. 2; Champely (2020); Brent (1973) — see the [module documentation](self).
pub fn solve_d(
    design: Design,
    alternative: Alternative,
    n: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    check_unit_open("alpha", alpha)?;
    check_unit_open("power", power)?;
    check_n("n", n, 1.0)?;
    let (lo, hi) = d_interval(alternative);
    solve(
        |d| {
            let (nu, ncp) = nu_ncp(design, n, d);
            power_core(alternative, nu, ncp, alpha)
        },
        power,
        lo,
        hi,
        "effect size reaching the requested power",
    )
}

/// `ν` and `λ` of `pwr.t2n.test`.
fn nu_ncp_2n(n1: f64, n2: f64, d: f64) -> (f64, f64) {
    (n1 + n2 - 2.0, d / (1.0 / n1 + 1.0 / n2).sqrt())
}

/// Power for two groups of unequal size, as `pwr.t2n.test`.
///
/// # Formula
///
/// `ν = n₁ + n₂ − 2`, `λ = d / √(1/n₁ + 1/n₂)`, power as in the [module documentation](self):
/// `pwr.t2n.test(n1, n2, d, sig.level = alpha, alternative)$power`.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] for `alpha` outside (0, 1), `n1` or `n2` below 2 (as `pwr`)
/// or non-finite `d`.
///
/// # References
///
/// Cohen (1988), ch. 2; Champely (2020) — see the [module documentation](self).
///
/// # Example
///
/// ```
/// use ttest_xl::stats::{power::{power, power_2n, Design}, Alternative};
/// // Equal groups give the same power as pwr.t.test.
/// let a = power_2n(Alternative::TwoSided, 20.0, 20.0, 0.5, 0.05).unwrap();
/// let b = power(Design::TwoSample, Alternative::TwoSided, 20.0, 0.5, 0.05).unwrap();
/// assert!((a - b).abs() < 1e-14);
/// ```
pub fn power_2n(
    alternative: Alternative,
    n1: f64,
    n2: f64,
    d: f64,
    alpha: f64,
) -> Result<f64, StatsError> {
    check_unit_open("alpha", alpha)?;
    check_n("n1", n1, 2.0)?;
    check_n("n2", n2, 2.0)?;
    check_d(d)?;
    let (nu, ncp) = nu_ncp_2n(n1, n2, effective_d(alternative, d));
    Ok(power_core(alternative, nu, ncp, alpha))
}

/// `n2` given `n1` reaching `power`, as `pwr.t2n.test(n1 = , n2 = NULL)`.
///
/// # Formula
///
/// The root in `n₂ ∈ (2 + 10⁻¹⁰, 10⁹)` of `power_2n(n₁, n₂) = power`, solved by Brent's method
/// to full precision.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] for invalid `alpha`, `power`, `n1 < 2` or non-finite `d`;
/// [`StatsError::NoSolution`] when no `n₂` reaches the power (a small `n₁` can cap the power
/// below the target however large `n₂` is).
///
/// # References
///
/// Cohen (1988), ch. 2; Champely (2020); Brent (1973) — see the [module documentation](self).
pub fn solve_n2(
    alternative: Alternative,
    n1: f64,
    d: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    check_unit_open("alpha", alpha)?;
    check_unit_open("power", power)?;
    check_n("n1", n1, 2.0)?;
    check_d(d)?;
    let d = effective_d(alternative, d);
    solve(
        |n2| {
            let (nu, ncp) = nu_ncp_2n(n1, n2, d);
            power_core(alternative, nu, ncp, alpha)
        },
        power,
        2.0 + 1e-10,
        1e9,
        "second-group size reaching the requested power",
    )
}

/// Smallest detectable `d` for unequal groups.
///
/// # Formula
///
/// The root of `power_2n(d) = power` in pwr's interval for `d` (see [`solve_d`]), as
/// `pwr.t2n.test(n1 = , n2 = , power = , d = NULL)$d`, to full precision.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] for invalid `alpha`, `power`, or `n1`/`n2` below 2;
/// [`StatsError::NoSolution`] when no `d` in the interval gives the power.
///
/// # References
///
/// Cohen (1988), ch. 2; Champely (2020); Brent (1973) — see the [module documentation](self).
pub fn solve_d_2n(
    alternative: Alternative,
    n1: f64,
    n2: f64,
    alpha: f64,
    power: f64,
) -> Result<f64, StatsError> {
    check_unit_open("alpha", alpha)?;
    check_unit_open("power", power)?;
    check_n("n1", n1, 2.0)?;
    check_n("n2", n2, 2.0)?;
    let (lo, hi) = d_interval(alternative);
    solve(
        |d| {
            let (nu, ncp) = nu_ncp_2n(n1, n2, d);
            power_core(alternative, nu, ncp, alpha)
        },
        power,
        lo,
        hi,
        "effect size reaching the requested power",
    )
}
