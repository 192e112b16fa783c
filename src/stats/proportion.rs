//! Differences of two proportions — the share of positive answers (top-box) before and after —
//! for independent groups and for paired answers, with Newcombe's score intervals.
//!
//! Orientation: every difference is **second − first** (after − before), the way a council reads
//! "the share rose by 6.5 points". (The t-tests use x − y; the CLI passes the waves accordingly.)
//!
//! # Formula
//!
//! The Wilson (1927) score interval of one proportion `p̂ = x/n`, with `z = Φ⁻¹(1 − α/2)`:
//! `(x + z²/2 ± z·√(x(n − x)/n + z²/4)) / (n + z²)`.
//!
//! **Independent groups** (Newcombe 1998a, method 10, the "hybrid score" interval): with the
//! Wilson limits `(l₁, u₁)` of the first and `(l₂, u₂)` of the second proportion and
//! `d = p̂₂ − p̂₁`,
//! `L = d − √((p̂₂ − l₂)² + (u₁ − p̂₁)²)`, `U = d + √((u₂ − p̂₂)² + (p̂₁ − l₁)²)`.
//! The p-value is Pearson's chi-square test of the 2 × 2 table without continuity correction
//! (R: `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)`):
//! `X² = N·(x₁(n₂ − x₂) − x₂(n₁ − x₁))² / (n₁·n₂·X·(N − X))`, `X = x₁ + x₂`, `N = n₁ + n₂`,
//! `p = P(χ²₁ > X²) = 2·Q(√X²)`.
//!
//! **Paired answers** (Newcombe 1998b, method 10): with the four counts `a` (positive both
//! times), `b` (first only), `c` (second only), `d` (neither), `n = a + b + c + d`,
//! `p̂₁ = (a + b)/n`, `p̂₂ = (a + c)/n`, the difference `θ = p̂₂ − p̂₁ = (c − b)/n` and the
//! correlation `φ = C/√((a+b)(c+d)(a+c)(b+d))`, where `C = ad − bc − n/2` if `ad − bc > n/2`,
//! `C = ad − bc` if `ad − bc < 0`, and `C = 0` otherwise (`φ = 0` when a margin is empty):
//! `L = θ − √((p̂₂ − l₂)² − 2φ(p̂₂ − l₂)(u₁ − p̂₁) + (u₁ − p̂₁)²)`,
//! `U = θ + √((u₂ − p̂₂)² − 2φ(u₂ − p̂₂)(p̂₁ − l₁) + (p̂₁ − l₁)²)`.
//! The p-value is the exact McNemar test: the two-sided binomial test of `c` successes in the
//! `b + c` discordant pairs with probability ½ (R: `binom.test(c, b + c)`), `p = min(1,
//! 2·P(X ≤ min(b, c)))`; with no discordant pair there is no evidence of change and `p = 1`.
//!
//! # References
//! * Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
//!   *JASA* 22(158), 209–212.
//! * Newcombe, R. G. (1998a). Interval estimation for the difference between independent
//!   proportions: comparison of eleven methods. *Statistics in Medicine* 17(8), 873–890.
//! * Newcombe, R. G. (1998b). Improved confidence intervals for the difference between binomial
//!   proportions based on paired data. *Statistics in Medicine* 17(22), 2635–2650.
//! * McNemar, Q. (1947). Note on the sampling error of the difference between correlated
//!   proportions or percentages. *Psychometrika* 12(2), 153–157.
//! * Loader, C. (2000). Fast and accurate computation of binomial probabilities (the saddle-point
//!   form of the binomial density used by R's `dbinom`).

use super::{check_unit_open, special, tdist, StatsError};

/// A difference of two proportions, second − first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportions {
    /// `p̂₂ − p̂₁`.
    pub estimate: f64,
    /// Lower confidence limit of the difference (Newcombe).
    pub conf_low: f64,
    /// Upper confidence limit of the difference (Newcombe).
    pub conf_high: f64,
    /// Two-sided p-value: Pearson's chi-square (independent) or exact McNemar (paired). NaN for
    /// independent groups in which nobody, or everybody, answered positively (R: `NA`).
    pub p_value: f64,
    /// Chi-square statistic (independent; NaN as `p_value`) or the number of discordant pairs
    /// positive only the first time, `b` (paired).
    pub statistic: f64,
    /// The first proportion.
    pub p_first: f64,
    /// The second proportion.
    pub p_second: f64,
    /// Respondents (independent) or pairs (paired) behind the first proportion.
    pub n_first: f64,
    /// Respondents (independent) or pairs (paired) behind the second proportion.
    pub n_second: f64,
}

/// Wilson's score interval `(lower, upper)` for `x` positive answers out of `n > 0`.
pub fn wilson(x: u64, n: u64, conf_level: f64) -> Result<(f64, f64), StatsError> {
    check_unit_open("conf_level", conf_level)?;
    if n == 0 {
        return Err(StatsError::TooFew {
            group: "respondents",
            needed: 1,
            found: 0,
        });
    }
    if x > n {
        return Err(counts_error());
    }
    let z = tdist::quantile(1.0 - (1.0 - conf_level) / 2.0, f64::INFINITY);
    Ok(wilson_z(x as f64, n as f64, z))
}

fn wilson_z(x: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    let centre = x + z2 / 2.0;
    let half = z * (x * (n - x) / n + z2 / 4.0).sqrt();
    let denom = n + z2;
    // At x = 0 (x = n) the lower (upper) limit is exactly 0 (1): the two terms are equal.
    let low = if x == 0.0 {
        0.0
    } else {
        (centre - half) / denom
    };
    let high = if x == n { 1.0 } else { (centre + half) / denom };
    (low, high)
}

fn counts_error() -> StatsError {
    StatsError::InvalidArgument {
        name: "counts",
        reason: "positive answers must be between 0 and the number of respondents",
    }
}

/// Difference of two independent proportions `x2/n2 − x1/n1`: Newcombe's hybrid score interval
/// and Pearson's chi-square test without continuity correction (see the module docs).
///
/// ```
/// use ttest_xl::stats::proportion::two_independent;
/// // R: prop.test(c(31, 37), c(50, 54), correct = FALSE)
/// let r = two_independent(31, 50, 37, 54, 0.95).unwrap();
/// assert!((r.estimate - (37.0 / 54.0 - 0.62)).abs() < 1e-15);
/// assert!(r.conf_low < r.estimate && r.estimate < r.conf_high);
/// ```
pub fn two_independent(
    x1: u64,
    n1: u64,
    x2: u64,
    n2: u64,
    conf_level: f64,
) -> Result<Proportions, StatsError> {
    check_unit_open("conf_level", conf_level)?;
    for (n, group) in [(n1, "first group"), (n2, "second group")] {
        if n == 0 {
            return Err(StatsError::TooFew {
                group,
                needed: 1,
                found: 0,
            });
        }
    }
    if x1 > n1 || x2 > n2 {
        return Err(counts_error());
    }
    let z = tdist::quantile(1.0 - (1.0 - conf_level) / 2.0, f64::INFINITY);
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let (l1, u1) = wilson_z(x1 as f64, n1 as f64, z);
    let (l2, u2) = wilson_z(x2 as f64, n2 as f64, z);
    let d = p2 - p1;
    let conf_low = d - ((p2 - l2).powi(2) + (u1 - p1).powi(2)).sqrt();
    let conf_high = d + ((u2 - p2).powi(2) + (p1 - l1).powi(2)).sqrt();

    // Pearson's X² from exact integer arithmetic for the cross product.
    let (x, n) = (x1 + x2, n1 + n2);
    let statistic = if x == 0 || x == n {
        f64::NAN
    } else {
        let cross = x1 as i128 * (n2 - x2) as i128 - x2 as i128 * (n1 - x1) as i128;
        let cross = cross as f64;
        // Grouped to stay far from overflow for counts up to 2^31.
        (cross / n1 as f64) * (cross / n2 as f64) * (n as f64 / x as f64) / ((n - x) as f64)
    };
    let p_value = 2.0 * special::normal_sf(statistic.sqrt());
    Ok(Proportions {
        estimate: d,
        conf_low,
        conf_high,
        p_value,
        statistic,
        p_first: p1,
        p_second: p2,
        n_first: n1 as f64,
        n_second: n2 as f64,
    })
}

/// Difference of two paired proportions from the four counts of the paired 2 × 2 table:
/// `both` positive both times, `first_only`, `second_only`, `neither`. Newcombe's paired score
/// interval (method 10) and the exact McNemar test (see the module docs).
///
/// ```
/// use ttest_xl::stats::proportion::paired;
/// // 40 staff: 20 positive both times, 3 only before, 9 only after, 8 neither.
/// let r = paired(20, 3, 9, 8, 0.95).unwrap();
/// assert!((r.estimate - 6.0 / 40.0).abs() < 1e-15);
/// assert_eq!(r.statistic, 3.0);
/// ```
pub fn paired(
    both: u64,
    first_only: u64,
    second_only: u64,
    neither: u64,
    conf_level: f64,
) -> Result<Proportions, StatsError> {
    check_unit_open("conf_level", conf_level)?;
    let (a, b, c, d) = (both, first_only, second_only, neither);
    let n = a + b + c + d;
    if n == 0 {
        return Err(StatsError::TooFew {
            group: "pairs",
            needed: 1,
            found: 0,
        });
    }
    let nf = n as f64;
    let z = tdist::quantile(1.0 - (1.0 - conf_level) / 2.0, f64::INFINITY);
    let (p1, p2) = ((a + b) as f64 / nf, (a + c) as f64 / nf);
    let (l1, u1) = wilson_z((a + b) as f64, nf, z);
    let (l2, u2) = wilson_z((a + c) as f64, nf, z);
    let theta = (c as f64 - b as f64) / nf;

    let margins = [a + b, c + d, a + c, b + d];
    let phi = if margins.contains(&0) {
        0.0
    } else {
        let det = a as f64 * d as f64 - b as f64 * c as f64;
        let numerator = if det > nf / 2.0 {
            det - nf / 2.0
        } else if det < 0.0 {
            det
        } else {
            0.0
        };
        numerator
            / ((margins[0] as f64).sqrt()
                * (margins[1] as f64).sqrt()
                * (margins[2] as f64).sqrt()
                * (margins[3] as f64).sqrt())
    };
    let (dl2, du1) = (p2 - l2, u1 - p1);
    let (du2, dl1) = (u2 - p2, p1 - l1);
    let conf_low = theta
        - (dl2 * dl2 - 2.0 * phi * dl2 * du1 + du1 * du1)
            .max(0.0)
            .sqrt();
    let conf_high = theta
        + (du2 * du2 - 2.0 * phi * du2 * dl1 + dl1 * dl1)
            .max(0.0)
            .sqrt();
    Ok(Proportions {
        estimate: theta,
        conf_low,
        conf_high,
        p_value: mcnemar_exact(b, c),
        statistic: b as f64,
        p_first: p1,
        p_second: p2,
        n_first: nf,
        n_second: nf,
    })
}

/// Two-sided exact McNemar p-value: `min(1, 2·P(X ≤ min(b, c)))` for `X ~ Bin(b + c, ½)`; 1 with
/// no discordant pair.
fn mcnemar_exact(b: u64, c: u64) -> f64 {
    let m = b + c;
    let k = b.min(c);
    if m == 0 || 2 * k == m {
        return 1.0;
    }
    // Sum the terms from the largest (i = k) down, relative to dbinom(k), then scale.
    let mut term = 1.0_f64;
    let mut sum = 1.0_f64;
    let mut i = k;
    while i > 0 {
        term *= i as f64 / (m - i + 1) as f64;
        sum += term;
        if term < sum * 1e-17 {
            break;
        }
        i -= 1;
    }
    (2.0 * sum * dbinom_half(k, m)).min(1.0)
}

/// `P(X = x)` for `X ~ Bin(n, ½)`, by Loader's (2000) saddle-point form (R's `dbinom_raw`):
/// `exp(stirlerr(n) − stirlerr(x) − stirlerr(n − x) − bd0(x, n/2) − bd0(n − x, n/2))
/// · √(n / (2π·x·(n − x)))`, accurate to a few ulps for any `n`.
fn dbinom_half(x: u64, n: u64) -> f64 {
    let half = n as f64 / 2.0;
    if x == 0 || x == n {
        // 2^-n, exact while representable.
        return if n > 1100 {
            0.0
        } else {
            0.5_f64.powi(n as i32)
        };
    }
    let (xf, nf) = (x as f64, n as f64);
    let lc = stirlerr(nf) - stirlerr(xf) - stirlerr(nf - xf) - bd0(xf, half) - bd0(nf - xf, half);
    let lf = (2.0 * std::f64::consts::PI * xf * (nf - xf) / nf).ln();
    (lc - 0.5 * lf).exp()
}

/// `ln Γ(n + 1) − (n + ½)·ln n + n − ln √(2π)` for integer `n ≥ 1` (Loader 2000): exact
/// factorials up to 15, the Stirling series beyond.
fn stirlerr(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 15.0 {
        // n! is exact in a double for n ≤ 18.
        let mut fact = 1.0_f64;
        let mut i = 2.0;
        while i <= n {
            fact *= i;
            i += 1.0;
        }
        return fact.ln() - (n + 0.5) * n.ln() + n - 0.5 * (2.0 * std::f64::consts::PI).ln();
    }
    let nn = n * n;
    if n > 500.0 {
        return (S0 - S1 / nn) / n;
    }
    if n > 80.0 {
        return (S0 - (S1 - S2 / nn) / nn) / n;
    }
    if n > 35.0 {
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    }
    (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
}

/// The deviance term `x·ln(x/np) + np − x` (Loader 2000), by its series near `x = np`.
fn bd0(x: f64, np: f64) -> f64 {
    if (x - np).abs() < 0.1 * (x + np) {
        let v = (x - np) / (x + np);
        let mut s = (x - np) * v;
        let mut ej = 2.0 * x * v;
        let v2 = v * v;
        let mut j = 1.0;
        loop {
            ej *= v2;
            let s1 = s + ej / (2.0 * j + 1.0);
            if s1 == s {
                return s1;
            }
            s = s1;
            j += 1.0;
        }
    }
    x * (x / np).ln() + np - x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomial_density_matches_exact_values() {
        // Exact: C(10, 3) / 2^10 = 120 / 1024; C(40, 20) / 2^40 = 137846528820 / 2^40.
        assert!((dbinom_half(3, 10) / (120.0 / 1024.0) - 1.0).abs() < 1e-14);
        let exact = 137_846_528_820.0 / 2f64.powi(40);
        assert!((dbinom_half(20, 40) / exact - 1.0).abs() < 1e-14);
        assert_eq!(dbinom_half(0, 3), 0.125);
    }

    #[test]
    fn refuses_impossible_counts() {
        assert!(two_independent(5, 4, 1, 2, 0.95).is_err());
        assert!(two_independent(0, 0, 1, 2, 0.95).is_err());
        assert!(paired(0, 0, 0, 0, 0.95).is_err());
        assert!(paired(1, 2, 3, 4, 1.0).is_err());
        assert!(wilson(1, 0, 0.95).is_err());
    }
}
