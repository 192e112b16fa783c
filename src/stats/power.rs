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
//! Every question is one [`Query`] (design and sizes, `d`, `alpha`, `power`, and what to solve
//! for: power, `n`, `d` or `alpha`) answered by [`calculate`]; the C ABI, the sensitivity column
//! of `analyze` and `ttest-xl plan` all ask through it.
//!
//! Solving for `n` (or `n₂`), `d` or `alpha` uses Brent's method on the same power function and
//! the same search intervals as `pwr` (`n ∈ (2 + 10⁻¹⁰, 10⁹)`; `d ∈ (10⁻⁷, 10)` two-sided,
//! `(−10, 5)` less, `(−5, 10)` greater; `alpha ∈ (10⁻¹⁰, 1 − 10⁻¹⁰)`), but to full precision:
//! `pwr` calls `uniroot` with its default tolerance (about 1e-4), so its printed `n`, `d` and
//! `alpha` agree with ours to about 4 digits only.
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

/// `ν` and `λ` of `pwr.t2n.test`.
fn nu_ncp_2n(n1: f64, n2: f64, d: f64) -> (f64, f64) {
    (n1 + n2 - 2.0, d / (1.0 / n1 + 1.0 / n2).sqrt())
}

/// The sample sizes of a power query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sizes {
    /// `pwr.t.test`: `n` per group (two samples), `n` pairs or `n` values.
    Equal {
        /// The design.
        design: Design,
        /// Per group, pairs or values (may be fractional).
        n: f64,
    },
    /// `pwr.t2n.test`: two independent groups of `n1` and `n2`.
    Unequal {
        /// Size of the first group.
        n1: f64,
        /// Size of the second group (solved for with [`SolveFor::N`]).
        n2: f64,
    },
}

/// What a [`Query`] solves for; the matching field of the query is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SolveFor {
    /// The power at the given sizes, `d` and `alpha`.
    Power,
    /// The sample size reaching `power`: `n` of [`Sizes::Equal`], `n2` of [`Sizes::Unequal`]
    /// (given `n1`), fractional as pwr reports it (round up to plan a study).
    N,
    /// The smallest detectable effect `d` (the sensitivity of a study).
    D,
    /// The significance level at which the sizes and `d` reach `power`.
    Alpha,
}

/// One power calculation of a t-test: the design and sizes, the effect, the level, the power,
/// and which of them to solve for — `pwr.t.test` / `pwr.t2n.test` with one argument `NULL`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Query {
    /// Design and sample sizes.
    pub sizes: Sizes,
    /// Alternative hypothesis (`d` is taken as `|d|` two-sided; negative for `Less`).
    pub alternative: Alternative,
    /// Cohen's d.
    pub d: f64,
    /// Significance level, in (0, 1).
    pub alpha: f64,
    /// Target power, in (0, 1).
    pub power: f64,
    /// The quantity solved for.
    pub solve_for: SolveFor,
}

impl Query {
    /// The query with the solved-for quantity set to `v`.
    fn with(mut self, v: f64) -> Query {
        match (self.solve_for, &mut self.sizes) {
            (SolveFor::N, Sizes::Equal { n, .. }) => *n = v,
            (SolveFor::N, Sizes::Unequal { n2, .. }) => *n2 = v,
            (SolveFor::D, _) => self.d = v,
            (SolveFor::Alpha, _) => self.alpha = v,
            (SolveFor::Power, _) => {}
        }
        self
    }

    /// The power at the query's values (every one of them set).
    fn power_at(&self) -> f64 {
        let d = effective_d(self.alternative, self.d);
        let (nu, ncp) = match self.sizes {
            Sizes::Equal { design, n } => nu_ncp(design, n, d),
            Sizes::Unequal { n1, n2 } => nu_ncp_2n(n1, n2, d),
        };
        power_core(self.alternative, nu, ncp, self.alpha)
    }

    /// Checks every value that is not solved for.
    fn check(&self) -> Result<(), StatsError> {
        let solving = |s: SolveFor| self.solve_for == s;
        if !solving(SolveFor::Alpha) {
            check_unit_open("alpha", self.alpha)?;
        }
        if !solving(SolveFor::Power) {
            check_unit_open("power", self.power)?;
        }
        if !solving(SolveFor::D) {
            check_d(self.d)?;
        }
        match self.sizes {
            Sizes::Equal { n, .. } if !solving(SolveFor::N) => check_n("n", n, 1.0),
            Sizes::Equal { .. } => Ok(()),
            Sizes::Unequal { n1, n2 } => {
                check_n("n1", n1, 2.0)?;
                if solving(SolveFor::N) {
                    Ok(())
                } else {
                    check_n("n2", n2, 2.0)
                }
            }
        }
    }
}

/// Solves a power [`Query`]: the power, the sample size, the detectable `d` or the level.
///
/// # Formula
///
/// Power as in the [module documentation](self): `pwr.t.test` (`ν = 2(n − 1)`, `λ = d √(n/2)`
/// for two samples; `ν = n − 1`, `λ = d √n` otherwise) or `pwr.t2n.test` (`ν = n₁ + n₂ − 2`,
/// `λ = d / √(1/n₁ + 1/n₂)`), two-sided power `P(T > q) + P(T ≤ −q)` with `|d|`. The other
/// targets are the root of `power(v) = power` by Brent's method to full precision on pwr's
/// search interval: `n` (or `n₂`) in `(2 + 10⁻¹⁰, 10⁹)`; `d` in `(10⁻⁷, 10)` two-sided,
/// `(−10, 5)` less, `(−5, 10)` greater; `alpha` in `(10⁻¹⁰, 1 − 10⁻¹⁰)` — as the call of
/// `pwr.t.test` / `pwr.t2n.test` with that argument `NULL`.
///
/// # Errors
///
/// [`StatsError::InvalidArgument`] for a value that is not solved for and is out of range:
/// `alpha` or `power` outside (0, 1), `n ≤ 1` (`n1`, `n2` below 2 for unequal groups, as pwr),
/// an `n` above 1e12, a non-finite or `|d| > 1e6`; [`StatsError::NoSolution`] when no value in
/// the interval gives the power (e.g. `d = 0`, a `d` of the wrong sign for a one-sided test,
/// `power ≤ alpha` two-sided, or a small `n₁` capping the power below the target).
///
/// # References
///
/// Cohen (1988), ch. 2; Champely (2020); Brent (1973) — see the [module documentation](self).
///
/// # Example
///
/// ```
/// use ttest_xl::stats::power::{calculate, Design, Query, SolveFor, Sizes};
/// use ttest_xl::stats::Alternative;
/// let q = Query {
///     sizes: Sizes::Equal { design: Design::TwoSample, n: 20.0 },
///     alternative: Alternative::TwoSided,
///     d: 0.5,
///     alpha: 0.05,
///     power: f64::NAN,
///     solve_for: SolveFor::Power,
/// };
/// // R: pwr::pwr.t.test(n = 20, d = 0.5)$power = 0.33793902892509031
/// let p = calculate(&q).unwrap();
/// assert!((p - 0.33793902892509031).abs() < 1e-12);
/// // The same study solved back for n at that power.
/// let n = calculate(&Query { power: p, solve_for: SolveFor::N, ..q }).unwrap();
/// assert!((n - 20.0).abs() < 1e-8);
/// ```
pub fn calculate(q: &Query) -> Result<f64, StatsError> {
    q.check()?;
    let (lo, hi, what) = match (q.solve_for, q.sizes) {
        (SolveFor::Power, _) => return Ok(q.power_at()),
        (SolveFor::N, Sizes::Equal { .. }) => {
            (2.0 + 1e-10, 1e9, "sample size reaching the requested power")
        }
        (SolveFor::N, Sizes::Unequal { .. }) => (
            2.0 + 1e-10,
            1e9,
            "second-group size reaching the requested power",
        ),
        (SolveFor::D, _) => {
            let (lo, hi) = d_interval(q.alternative);
            (lo, hi, "effect size reaching the requested power")
        }
        (SolveFor::Alpha, _) => (
            1e-10,
            1.0 - 1e-10,
            "significance level reaching the requested power",
        ),
    };
    solve(|v| q.with(v).power_at(), q.power, lo, hi, what)
}
