//! Student's t distribution: CDF, survival function, density and quantile.
//!
//! # Formula
//!
//! For `t ≥ 0` and `ν` degrees of freedom the upper tail is
//! `P(T > t) = ½ · I_{ν/(ν+t²)}(ν/2, ½)`, with `I` the regularized incomplete beta function
//! (Abramowitz & Stegun 26.7.1). The lower tail follows by symmetry, so both tails are computed
//! directly and a small p-value never comes from `1 − cdf`. `ν = ∞` is the standard normal.
//!
//! The incomplete beta function is evaluated here rather than with statrs' `beta_reg`, which is
//! only good to about 1e-10 at `ν = 1e6` (it forms `1 − x` and `ln Γ(a+b) − ln Γ(a) − ln Γ(b)`
//! at magnitude 1e7, losing digits to cancellation). With `a = ν/2`, `b = ½`,
//! `x = ν/(ν+t²)` and `y = 1 − x = t²/(ν+t²)` (both formed without subtraction):
//!
//! * for `x < (a+1)/(a+b+2)`: `I_x(a, b) = x^a y^b / (a·B(a,b)) · CF`, with the continued
//!   fraction `CF` of DLMF 8.17.22 evaluated by the modified Lentz method (Press et al. 2007,
//!   §6.4); the prefactor is `exp(−a·log1p(t²/ν) + b·ln y − ln a − ln B(a,b))`;
//! * otherwise `I_x(a, b) = 1 − I_y(b, a)` with the same continued fraction, so the series
//!   always runs where it converges and the subtraction only ever happens for `P ≥ 0.04`;
//! * `ln B(a, ½) = ln Γ(½) + ln Γ(a) − ln Γ(a+½)`, where for `a ≥ 10` the difference
//!   `ln Γ(a) − ln Γ(a+½)` is formed from Stirling's series (DLMF 5.11.1) as
//!   `−(a−½)·log1p(½/a) − ½·ln(a+½) + ½ + δ(a) − δ(a+½)`, free of cancellation.
//!
//! For `ν > 5e4`, where the continued fraction's terms start to cancel, Hill's (1970) asymptotic
//! normalising transform is used: `P(T > t) = Q(z)` with `y = (ν−½)·log1p(t²/ν)`,
//! `b = 48(ν−½)²` and `z = √y·(1 + (y + 3 + (−85.5 − 24y − 3.3y² − 0.4y³)/(0.8y² + 100 + b))/b)`.
//! The normal tail `Q` (also used for `ν = ∞`) is Cody's rational Chebyshev approximation, the
//! algorithm of R's `pnorm`, good to full double precision in both tails.
//!
//! The result agrees with R's `pt` (TOMS 708, Didonato & Morris 1992) to 3.9e-12 relative or
//! better in both tails for `ν` from 0.3 to 1e10 and `|t|` from 1e-3 to 100 (3768 seeded random
//! points, `tests/engine_tdist_random.rs`, fixture `tdist_random.R`; the worst point is at
//! `ν ≈ 4.5e4`, just below the switch to Hill's expansion, where mpmath confirms R's value, so
//! the error is ours). `tests/reference/ttest.json` is checked at 1e-10 in `tests/engine_ttest.rs`.
//!
//! The quantile uses the closed forms for `ν = 1` (`cot(πp)`) and `ν = 2`; otherwise it solves
//! `P(T > t) = p` in the tail it belongs to by safeguarded Newton steps on
//! `ln P(T > e^u) = ln p`, from a normal/Cornish–Fisher or power-law start (statrs' inverse CDF
//! is only good to about 5e-9 and panics or does not return for some arguments, so it is not
//! used). Where R's `qt` and this quantile differ (p below 1e-170 with ν near 1–6), R's own `pt`
//! confirms this quantile to 2e-13.
//!
//! # References
//! * Abramowitz, M. & Stegun, I. A. (1964). *Handbook of Mathematical Functions*, 26.7.1.
//! * NIST Digital Library of Mathematical Functions, §5.11 (Stirling series) and §8.17
//!   (incomplete beta function, continued fraction 8.17.22).
//! * Press, W. H., Teukolsky, S. A., Vetterling, W. T. & Flannery, B. P. (2007). *Numerical
//!   Recipes*, 3rd ed., §6.4. Cambridge University Press.
//! * Hill, G. W. (1970). Algorithm 395: Student's t-distribution. *Communications of the ACM*
//!   13(10), 617–619.
//! * Cody, W. J. (1969). Rational Chebyshev approximations for the error function. *Mathematics
//!   of Computation* 23(107), 631–637; Cody, W. J. (1993). Algorithm 715: SPECFUN. *ACM TOMS*
//!   19(1), 22–32.
//! * Didonato, A. R. & Morris, A. H. (1992). Algorithm 708: significant digit computation of the
//!   incomplete beta function ratios. *ACM TOMS* 18(3), 360–373 (used by R's `pt`).

use super::special::{beta_cf, ln_gamma, normal_sf, stirling_remainder};

/// Hill (1970) large-ν branch: `P(T > t)` as a normal tail of a normalising transform of `t`,
/// accurate to about 1e-13 relative for `ν ≥ 1e5` (checked against R's `pt`).
fn hill_upper(t: f64, df: f64) -> f64 {
    let a = df - 0.5;
    let b = 48.0 * a * a;
    let y = a * ((t / df) * t).ln_1p();
    let z = (((((-0.4 * y - 3.3) * y - 24.0) * y - 85.5) / (0.8 * y * y + 100.0 + b) + y + 3.0)
        / b
        + 1.0)
        * y.sqrt();
    normal_sf(z)
}

/// Above this ν the continued fraction loses digits (its terms cancel as `x → 1`) and Hill's
/// expansion is used instead.
const DF_LARGE: f64 = 5e4;

/// `ln Γ(½) = ln √π`.
const LN_GAMMA_HALF: f64 = 0.572_364_942_924_700_1;

/// `ln B(a, ½)` without cancellation for large `a`.
fn ln_beta_half(a: f64) -> f64 {
    if a < 10.0 {
        return ln_gamma(a) + LN_GAMMA_HALF - ln_gamma(a + 0.5);
    }
    // ln Γ(a) − ln Γ(a+½) = (a−½)ln a − (a)ln(a+½) + ½ + δ(a) − δ(a+½)
    //                     = −(a−½)·log1p(½/a) − ½·ln(a+½) + ½ + δ(a) − δ(a+½).
    let diff = -(a - 0.5) * (0.5 / a).ln_1p() - 0.5 * (a + 0.5).ln()
        + 0.5
        + (stirling_remainder(a) - stirling_remainder(a + 0.5));
    LN_GAMMA_HALF + diff
}

use super::Alternative;

/// Upper-tail probability `P(T > t)` for `t ≥ 0` (`NaN` handling done by callers).
fn upper_tail_nonneg(t: f64, df: f64) -> f64 {
    if t == f64::INFINITY {
        return 0.0;
    }
    if df.is_infinite() {
        // P(Z > 40) ≈ 4e-350 underflows; beyond it Cody's formula would meet ∞/∞ at t ≈ f64::MAX.
        return if t > 40.0 { 0.0 } else { normal_sf(t) };
    }
    if t == 0.0 {
        return 0.5;
    }
    if df < 1e-300 {
        // ν → 0: P(T > t) = ½·I_x(ν/2, ½) → ½·x^(ν/2) = ½·exp((ν/2)·ln x), and (ν/2)·|ln x| is
        // below 1e-297 for every double t, so the tail is ½ to double precision (and ν/2 may
        // already have underflowed to 0).
        return 0.5;
    }
    if df > DF_LARGE {
        // P(T > 1e100) < 1e-5000 for ν > 5e4: zero in double precision (and Hill's expansion
        // would overflow).
        if t > 1e100 {
            return 0.0;
        }
        return hill_upper(t, df);
    }
    // P(T > t) = ½·I_x(a, ½), a = ν/2, x = ν/(ν+t²), y = t²/(ν+t²).
    let a = df / 2.0;
    let r = (t / df) * t; // t²/ν (may overflow to +∞ for huge t; then x = 0, y = 1)
    let (x, y) = if r < 1.0 {
        (1.0 / (1.0 + r), r / (1.0 + r))
    } else {
        (1.0 / (1.0 + r), 1.0 / (1.0 + 1.0 / r))
    };
    // ln of x^a · y^½ / B(a, ½); each side divides by its own first parameter.
    let ln_front = -a * ln_1p_t2(t, df) + 0.5 * y.ln() - ln_beta_half(a);
    if x < (a + 1.0) / (a + 2.5) {
        0.5 * (ln_front - a.ln()).exp() * beta_cf(a, 0.5, x)
    } else {
        // I_x(a, ½) = 1 − I_y(½, a).
        let iy = (ln_front - 0.5_f64.ln()).exp() * beta_cf(0.5, a, y);
        0.5 * (1.0 - iy)
    }
}

/// `ln(1 + t²/ν)`, also for `t` so large that `t²/ν` overflows.
fn ln_1p_t2(t: f64, df: f64) -> f64 {
    let r = (t / df) * t;
    if r.is_finite() {
        r.ln_1p()
    } else {
        2.0 * t.abs().ln() - df.ln()
    }
}

fn valid(t: f64, df: f64) -> bool {
    !t.is_nan() && !df.is_nan() && df > 0.0
}

/// Lower-tail probability `P(T ≤ t)`. Returns `NaN` for `NaN` input or `df ≤ 0`.
pub fn cdf(t: f64, df: f64) -> f64 {
    if !valid(t, df) {
        return f64::NAN;
    }
    if t < 0.0 {
        upper_tail_nonneg(-t, df)
    } else {
        1.0 - upper_tail_nonneg(t, df)
    }
}

/// Upper-tail probability `P(T > t)`, computed directly in the tail it belongs to.
/// Returns `NaN` for `NaN` input or `df ≤ 0`.
pub fn sf(t: f64, df: f64) -> f64 {
    if !valid(t, df) {
        return f64::NAN;
    }
    if t > 0.0 {
        upper_tail_nonneg(t, df)
    } else {
        1.0 - upper_tail_nonneg(-t, df)
    }
}

/// Density of the t distribution.
pub fn pdf(t: f64, df: f64) -> f64 {
    if !valid(t, df) {
        return f64::NAN;
    }
    if df.is_infinite() {
        return (-0.5 * t * t).exp() / (2.0 * std::f64::consts::PI).sqrt();
    }
    // f(t) = (1 + t²/ν)^(−(ν+1)/2) / (√ν · B(ν/2, ½)).
    (-(df + 1.0) / 2.0 * ln_1p_t2(t, df) - 0.5 * df.ln() - ln_beta_half(df / 2.0)).exp()
}

/// p-value of an observed statistic `t` for the given alternative:
/// two-sided `2·P(T > |t|)` (capped at 1), less `P(T ≤ t)`, greater `P(T > t)`.
/// Each is computed in its own tail, so tiny p-values keep their digits.
///
/// # Example
/// ```
/// use ttest_xl::stats::{tdist, Alternative};
/// // R: 2 * pt(-40, 100) = 2 * 1.2310538010700368e-63
/// let p = tdist::p_value(40.0, 100.0, Alternative::TwoSided);
/// assert!((p / (2.0 * 1.2310538010700368e-63) - 1.0).abs() < 1e-12);
/// ```
pub fn p_value(t: f64, df: f64, alternative: Alternative) -> f64 {
    match alternative {
        Alternative::TwoSided => (2.0 * sf(t.abs(), df)).min(1.0),
        Alternative::Less => cdf(t, df),
        Alternative::Greater => sf(t, df),
    }
}

/// Solves `P(T > a) = p` for `a ≥ 0`, `0 < p ≤ ½`.
fn upper_quantile(p: f64, df: f64) -> f64 {
    if p == 0.5 {
        return 0.0;
    }
    // Closed forms for ν = 1 and 2 (no iteration: they are exact up to rounding, also in the far
    // tail where the CDF itself underflows).
    if df == 1.0 {
        // Cauchy: P(T > a) = ½ − atan(a)/π, so a = cot(πp) = tan(π(½ − p)).
        return if p < 0.25 {
            1.0 / (std::f64::consts::PI * p).tan()
        } else {
            (std::f64::consts::PI * (0.5 - p)).tan()
        };
    }
    if df == 2.0 {
        // P(T > a) = ½(1 − a/√(2 + a²)), so a = (1 − 2p)/√(2p(1 − p)).
        return (1.0 - 2.0 * p) / (2.0 * p * (1.0 - p)).sqrt();
    }
    if upper_tail_nonneg(f64::MAX, df) > p {
        return f64::INFINITY; // the quantile lies beyond the largest double
    }
    let ln_p = p.ln();
    // Safeguarded Newton iteration on g(u) = ln P(T > e^u) − ln p, which is decreasing in u and
    // nearly linear in the tail (slope → −ν), so it converges in a few steps from any start; a
    // bracket in u (the whole double range) turns a bad step into bisection.
    let mut u = quantile_start(p, df).ln();
    let (mut lo, mut hi) = (f64::MIN_POSITIVE.ln() - 36.0, f64::MAX.ln());
    if !(u > lo && u < hi) {
        u = 0.0;
    }
    for _ in 0..300 {
        let t = u.exp();
        let tail = upper_tail_nonneg(t, df);
        let g = tail.ln() - ln_p;
        if g == 0.0 {
            return t;
        }
        if g > 0.0 {
            lo = u;
        } else {
            hi = u;
        }
        // d ln P / du = −f(t)·t / P.
        let slope = -pdf(t, df) * t / tail;
        let mut next = u - g / slope;
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        if (next - u).abs() <= 2.0 * f64::EPSILON * u.abs().max(1.0) || hi - lo <= f64::EPSILON {
            return next.exp();
        }
        u = next;
    }
    u.exp()
}

/// Starting value for [`upper_quantile`] (`0 < p < ½`): the normal quantile (Abramowitz &
/// Stegun 26.2.23) with the first Cornish–Fisher correction `(z³ + z)/(4ν)`, or for `ν < 3` the
/// larger of that and the power-law tail `P(T > t) ≈ t^(−ν) ν^((ν−1)/2) / (√ν·B(ν/2, ½))`.
fn quantile_start(p: f64, df: f64) -> f64 {
    let w = (-2.0 * p.ln()).sqrt();
    let z = w
        - (2.515_517 + 0.802_853 * w + 0.010_328 * w * w)
            / (1.0 + 1.432_788 * w + 0.189_269 * w * w + 0.001_308 * w * w * w);
    let z = z.max(1e-3);
    if df.is_infinite() {
        return z;
    }
    let normal = z + (z * z * z + z) / (4.0 * df);
    if df >= 3.0 {
        return normal;
    }
    let ln_tail =
        (-0.5 * df.ln() - ln_beta_half(df / 2.0) + 0.5 * (df - 1.0) * df.ln() - p.ln()) / df;
    normal.max(ln_tail.min(700.0).exp())
}

/// Quantile (inverse CDF): the `t` with `P(T ≤ t) = p`. `p = 0` gives `−∞`, `p = 1` gives `+∞`;
/// `NaN` for `p` outside `[0, 1]` or `df ≤ 0`.
pub fn quantile(p: f64, df: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p < 0.5 {
        -upper_quantile(p, df)
    } else {
        upper_quantile(1.0 - p, df)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_never_panics_and_round_trips() {
        // Arguments on which statrs' inverse CDF panics or does not return.
        assert_eq!(quantile(1e-300, 0.5), f64::NEG_INFINITY); // beyond the largest double
        assert_eq!(quantile(0.975, 1e-3), f64::INFINITY);
        for &df in &[
            0.05,
            0.5,
            1.0,
            1.7,
            3.0,
            30.0,
            4e4,
            5e4,
            1e5,
            2e7,
            1e12,
            f64::INFINITY,
        ] {
            for &p in &[
                1e-300,
                1e-100,
                1e-15,
                1e-3,
                0.3,
                0.5 - 1e-12,
                0.5,
                0.9,
                1.0 - 1e-16,
            ] {
                let q = quantile(p, df);
                assert!(!q.is_nan(), "df {df} p {p}");
                if q.is_finite() && q != 0.0 {
                    let back = if p < 0.5 { cdf(q, df) } else { sf(q, df) };
                    let want = if p < 0.5 { p } else { 1.0 - p };
                    assert!(
                        (back / want - 1.0).abs() < 1e-12 || (back - want).abs() < 1e-15,
                        "df {df} p {p} q {q} back {back}"
                    );
                }
            }
        }
    }

    #[test]
    fn symmetry_and_tails() {
        // R: 2 * pt(-40, 100) = 2 * 1.2310538010700368e-63 (tests/reference/ttest.json).
        let p = p_value(40.0, 100.0, Alternative::TwoSided);
        assert!(
            (p / (2.0 * 1.231_053_801_070_036_8e-63) - 1.0).abs() < 1e-12,
            "{p}"
        );
        assert_eq!(cdf(0.0, 5.0), 0.5);
        assert!((cdf(-1.3, 7.0) - sf(1.3, 7.0)).abs() < 1e-16);
        for &df in &[1.0, 2.5, 10.0, 1e3] {
            for &p in &[1e-12, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975] {
                let q = quantile(p, df);
                let back = cdf(q, df);
                assert!(
                    (back - p).abs() <= 1e-13 * p.max(1e-3),
                    "df {df} p {p} q {q} back {back}"
                );
            }
        }
    }
}
