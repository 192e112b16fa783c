//! The JZS Bayes factor for t-tests (Rouder, Speckman, Sun, Morey & Iverson 2009), from the t
//! statistic and the sample sizes: the number of BayesFactor's `ttest.tstat` (Morey & Rouder).
//!
//! # Formula
//!
//! The alternative puts a Cauchy prior with scale `r` on the standardized effect δ, written as
//! `δ | g ~ N(0, g r²)`, `g ~ Inverse-Gamma(½, ½)`. With the effective sample size `N` and the
//! degrees of freedom `ν` of the test,
//!
//! | design | `N` | `ν` |
//! |---|---|---|
//! | one sample, paired (`n` values or pairs) | `n` | `n − 1` |
//! | two independent samples (Student's t) | `n_x n_y / (n_x + n_y)` | `n_x + n_y − 2` |
//!
//! the Bayes factor of the alternative against `H0: δ = 0` is (Rouder et al. 2009, eq. 1 with the
//! scale `r`)
//!
//! ```text
//!          ∫₀^∞ (1 + N g r²)^(−½) · (1 + t² / ((1 + N g r²) ν))^(−(ν+1)/2) · (2π)^(−½) g^(−3/2) e^(−1/(2g)) dg
//! BF₁₀ = ───────────────────────────────────────────────────────────────────────────────────────
//!                                         (1 + t²/ν)^(−(ν+1)/2)
//! ```
//!
//! The integral is taken over `u = ln g` in logarithms (the integrand is `exp(h(u))` with `h`
//! formed with `ln_1p`, so nothing overflows for large `t` or `N`): `h` is tabulated on a grid
//! over `u ∈ [−40, 80]`, the range where `h > max h − 60` is kept, and that range is integrated
//! by adaptive Gauss–Kronrod 7/15 (`stats::quadrature`) to about 1e-13 relative.
//! BayesFactor integrates the same quantity over δ with R's `integrate` (its own error is about
//! 1e-8) and switches to a Savage–Dickey approximation for `|t| > 15`; this module integrates
//! for every `t`.
//!
//! The default scale is `r = √2/2` ("medium" in BayesFactor ≥ 0.9.12, JASP's default).
//!
//! # References
//! * Rouder, J. N., Speckman, P. L., Sun, D., Morey, R. D., & Iverson, G. (2009). Bayesian t tests
//!   for accepting and rejecting the null hypothesis. *Psychonomic Bulletin & Review* 16(2),
//!   225–237.
//! * Morey, R. D., & Rouder, J. N. (2024). *BayesFactor: Computation of Bayes Factors for Common
//!   Designs*, R package 0.9.12-4.4, `ttest.tstat`.
//! * Jeffreys, H. (1961). *Theory of Probability* (3rd ed.). Oxford University Press.
//!
//! # Example
//! ```
//! use ttest_xl::stats::bayes_factor::{bf10, BfDesign, R_MEDIUM};
//! // R: BayesFactor::ttest.tstat(t = 2.5, n1 = 20, rscale = "medium", simple = TRUE)
// -> 2.70214516467693
//! let bf = bf10(2.5, BfDesign::OneSample { n: 20 }, R_MEDIUM).unwrap();
//! assert!((bf / 2.70214516467693 - 1.0).abs() < 1e-7, "{bf}");
//! ```

use super::quadrature::{gk15, integrate};
use super::{check_finite, StatsError};

/// BayesFactor's "medium" prior scale `√2/2`.
pub const R_MEDIUM: f64 = std::f64::consts::FRAC_1_SQRT_2;

/// The design the t statistic comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BfDesign {
    /// One-sample t, or paired t on `n` pairs.
    OneSample {
        /// Number of values (pairs).
        n: usize,
    },
    /// Student's two-sample t.
    TwoSample {
        /// Size of the first group.
        n_x: usize,
        /// Size of the second group.
        n_y: usize,
    },
}

/// `(N, ν)` of a design, or an error if there are too few observations (ν < 1).
fn effective(design: BfDesign) -> Result<(f64, f64), StatsError> {
    match design {
        BfDesign::OneSample { n } => {
            if n < 2 {
                return Err(StatsError::TooFew {
                    group: "x",
                    needed: 2,
                    found: n,
                });
            }
            Ok((n as f64, (n - 1) as f64))
        }
        BfDesign::TwoSample { n_x, n_y } => {
            for (group, n) in [("x", n_x), ("y", n_y)] {
                if n < 1 {
                    return Err(StatsError::TooFew {
                        group,
                        needed: 1,
                        found: n,
                    });
                }
            }
            if n_x + n_y < 3 {
                return Err(StatsError::TooFew {
                    group: "x and y together",
                    needed: 3,
                    found: n_x + n_y,
                });
            }
            let (a, b) = (n_x as f64, n_y as f64);
            Ok((a * b / (a + b), a + b - 2.0))
        }
    }
}

/// `ln(1 + e^w)` without overflow.
fn softplus(w: f64) -> f64 {
    if w > 0.0 {
        w + (-w).exp().ln_1p()
    } else {
        w.exp().ln_1p()
    }
}

/// Grid of the search for the integrand's range.
const U_MIN: f64 = -40.0;
const U_MAX: f64 = 80.0;
const U_STEP: f64 = 0.25;
/// The integrand is kept where it is above `e^{−60}` times its peak.
const CUT: f64 = 60.0;

/// `ln BF₁₀` of the JZS t-test (formula in the [module documentation](self)).
///
/// # Errors
/// [`StatsError::InvalidArgument`] for a non-finite `t` or an `rscale` that is not a positive
/// number; [`StatsError::TooFew`] when `ν < 1` (fewer than 2 values in one sample, an empty
/// group, or fewer than 3 values in two groups together).
pub fn ln_bf10(t: f64, design: BfDesign, rscale: f64) -> Result<f64, StatsError> {
    check_finite("t", t)?;
    if !(rscale > 0.0 && rscale.is_finite()) {
        return Err(StatsError::InvalidArgument {
            name: "rscale",
            reason: "must be positive",
        });
    }
    let (n, nu) = effective(design)?;
    let t2nu = t * t / nu;
    let ln_nr2 = n.ln() + 2.0 * rscale.ln();
    let half_ln_2pi = 0.5 * (2.0 * std::f64::consts::PI).ln();
    // h(u) = ln of the integrand over u = ln g (the Jacobian g turns g^(−3/2) into g^(−1/2)).
    let h = |u: f64| {
        let l = softplus(ln_nr2 + u); // ln(1 + N g r²)
        -0.5 * l
            - 0.5 * (nu + 1.0) * (t2nu * (-l).exp()).ln_1p()
            - half_ln_2pi
            - 0.5 * u
            - 0.5 * (-u).exp()
    };
    let steps = ((U_MAX - U_MIN) / U_STEP) as usize;
    let grid: Vec<(f64, f64)> = (0..=steps)
        .map(|i| {
            let u = U_MIN + i as f64 * U_STEP;
            (u, h(u))
        })
        .collect();
    let peak = grid
        .iter()
        .map(|&(_, v)| v)
        .fold(f64::NEG_INFINITY, f64::max);
    let first = grid.iter().position(|&(_, v)| v > peak - CUT).unwrap_or(0);
    let last = grid
        .iter()
        .rposition(|&(_, v)| v > peak - CUT)
        .unwrap_or(steps);
    let lo = grid[first.saturating_sub(1)].0;
    let hi = grid[(last + 1).min(steps)].0;
    let f = |u: f64| (h(u) - peak).exp();
    // Panels of width 1 so the adaptive rule sees every feature of the integrand.
    let panels = ((hi - lo).ceil() as usize).max(1);
    let width = (hi - lo) / panels as f64;
    let mut total = 0.0;
    for k in 0..panels {
        let a = lo + k as f64 * width;
        let b = a + width;
        let (whole, _) = gk15(&f, a, b);
        total += integrate(&f, a, b, whole, 1e-17, 40);
    }
    Ok(peak + total.ln() + 0.5 * (nu + 1.0) * t2nu.ln_1p())
}

/// The JZS Bayes factor `BF₁₀` (evidence for an effect over no effect); `1/BF₁₀` is the evidence
/// for the null. See [`ln_bf10`] and the [module documentation](self).
///
/// # Errors
/// Those of [`ln_bf10`], and [`StatsError::OutOfRange`] when `BF₁₀` exceeds the largest double
/// (about 1e308; [`ln_bf10`] still has it).
pub fn bf10(t: f64, design: BfDesign, rscale: f64) -> Result<f64, StatsError> {
    let bf = ln_bf10(t, design, rscale)?.exp();
    if bf.is_finite() {
        Ok(bf)
    } else {
        Err(StatsError::OutOfRange {
            what: "Bayes factor",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_checked() {
        let one = BfDesign::OneSample { n: 10 };
        assert!(ln_bf10(f64::NAN, one, R_MEDIUM).is_err());
        assert!(ln_bf10(1.0, one, 0.0).is_err());
        assert!(ln_bf10(1.0, one, -1.0).is_err());
        assert!(ln_bf10(1.0, BfDesign::OneSample { n: 1 }, R_MEDIUM).is_err());
        assert!(ln_bf10(1.0, BfDesign::TwoSample { n_x: 0, n_y: 5 }, 1.0).is_err());
        assert!(ln_bf10(1.0, BfDesign::TwoSample { n_x: 1, n_y: 1 }, 1.0).is_err());
        assert!(ln_bf10(1.0, BfDesign::TwoSample { n_x: 1, n_y: 2 }, 1.0).is_ok());
        // Symmetric in t.
        let (a, b) = (
            ln_bf10(2.0, one, 1.0).unwrap(),
            ln_bf10(-2.0, one, 1.0).unwrap(),
        );
        assert_eq!(a, b);
        assert!(matches!(
            bf10(1e6, BfDesign::OneSample { n: 1000 }, R_MEDIUM),
            Err(StatsError::OutOfRange { .. })
        ));
    }
}
