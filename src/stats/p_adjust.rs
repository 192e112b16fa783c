//! Multiple-comparison adjustment of p-values, as R `p.adjust`.
//!
//! A faithful port of R 4.2's `stats::p.adjust` (same orderings, same cumulative maxima/minima,
//! same floating-point operation order), so the adjusted values are the same doubles R returns:
//! the tests compare bit for bit. BY's constant `sum(1/(1:m))`, which R accumulates in x87
//! extended precision, is reproduced by an exact emulation of that accumulator.
//!
//! # Formula
//!
//! With `m` the number of non-missing p-values, `p₍₁₎ ≤ … ≤ p₍ₘ₎` the ordered values:
//!
//! * **Bonferroni**: `p̃ᵢ = min(1, m·pᵢ)`.
//! * **Holm** (step-down): `p̃₍ᵢ₎ = min(1, max_{k ≤ i} (m − k + 1)·p₍ₖ₎)`.
//! * **Hochberg** (step-up): `p̃₍ᵢ₎ = min(1, min_{k ≥ i} (m − k + 1)·p₍ₖ₎)`.
//! * **Benjamini–Hochberg** (FDR): `p̃₍ᵢ₎ = min(1, min_{k ≥ i} (m/k)·p₍ₖ₎)`.
//! * **Benjamini–Yekutieli**: as BH with the factor `c(m) = Σ_{k=1}^{m} 1/k`:
//!   `p̃₍ᵢ₎ = min(1, min_{k ≥ i} (c(m)·m/k)·p₍ₖ₎)`.
//! * **Hommel**: the closed-testing procedure with Simes' tests, computed with R's algorithm
//!   (Wright 1992): for `j = m − 1, …, 2`, `q₁ = min_{k=2..j} j·p₍ₘ₋ⱼ₊ₖ₎/k`,
//!   `qᵢ = min(j·p₍ᵢ₎, q₁)` for `i ≤ m − j + 1`, `qᵢ = q_{m−j+1}` above, and the adjusted value is
//!   the running maximum over `j` of `qᵢ`, started from `min_k m·p₍ₖ₎/k`, and finally at least
//!   `p₍ᵢ₎`. With `m = 2` Hommel equals Hochberg (as in R).
//!
//! # References
//!
//! * Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
//!   Journal of Statistics*, 6(2), 65–70.
//! * Hochberg, Y. (1988). A sharper Bonferroni procedure for multiple tests of significance.
//!   *Biometrika*, 75(4), 800–802.
//! * Hommel, G. (1988). A stagewise rejective multiple test procedure based on a modified Bonferroni
//!   test. *Biometrika*, 75(2), 383–386.
//! * Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a practical and
//!   powerful approach to multiple testing. *Journal of the Royal Statistical Society B*, 57(1),
//!   289–300.
//! * Benjamini, Y., & Yekutieli, D. (2001). The control of the false discovery rate in multiple
//!   testing under dependency. *Annals of Statistics*, 29(4), 1165–1188.
//! * Wright, S. P. (1992). Adjusted p-values for simultaneous inference. *Biometrics*, 48(4),
//!   1005–1013.
//! * R Core Team (2022). `p.adjust`, R 4.2, package stats.

use std::cmp::Ordering;

use super::StatsError;

/// Adjustment method, as `p.adjust(method = ...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdjustMethod {
    /// No adjustment.
    None,
    /// Holm (1979).
    Holm,
    /// Hochberg (1988).
    Hochberg,
    /// Bonferroni.
    Bonferroni,
    /// Benjamini & Hochberg (1995), "BH"/"fdr".
    BenjaminiHochberg,
    /// Benjamini & Yekutieli (2001), "BY".
    BenjaminiYekutieli,
    /// Hommel (1988).
    Hommel,
}

/// Adjusts `p` (NaN entries are kept as NaN and not counted, as R's `p.adjust` with `n = sum(!is.na(p))`).
///
/// The result has the same length and order as `p`. See the [module documentation](self) for the
/// formula of each method and the references.
///
/// # Formula
///
/// Bonferroni `min(1, m·p)`; Holm `min(1, cummax((m − i + 1)·p₍ᵢ₎))`; Hochberg
/// `min(1, cummin((m − i + 1)·p₍ᵢ₎))` from the largest p down; BH `min(1, cummin((m/i)·p₍ᵢ₎))`;
/// BY as BH times `Σ_{k=1}^{m} 1/k`; Hommel by Wright's (1992) algorithm as in R. `m` counts the
/// non-missing values. With `m ≤ 1` the input is returned unchanged (as R).
///
/// Cost: `O(m log m)` for every method except Hommel, which follows R's `O(m²)` loop
/// (`m = 10⁴` p-values mean about 10⁸ elementary steps; a survey's few hundred items are instant).
///
/// # References
///
/// Holm (1979); Hochberg (1988); Hommel (1988); Benjamini & Hochberg (1995);
/// Benjamini & Yekutieli (2001); full citations in the [module documentation](self).
///
/// # Example
///
/// ```
/// use ttest_xl::stats::p_adjust::{p_adjust, AdjustMethod};
/// // R: p.adjust(c(0.01, 0.04, 0.03), "holm") == c(0.03, 0.06, 0.06)
/// let q = p_adjust(&[0.01, 0.04, 0.03], AdjustMethod::Holm).unwrap();
/// assert_eq!(q, vec![0.03, 0.06, 0.06]);
/// ```
///
/// # Errors
/// [`StatsError::InvalidArgument`] when a p-value lies outside `[0, 1]` (including `±Inf`).
pub fn p_adjust(p: &[f64], method: AdjustMethod) -> Result<Vec<f64>, StatsError> {
    if p.iter().any(|&v| !v.is_nan() && !(0.0..=1.0).contains(&v)) {
        return Err(StatsError::InvalidArgument {
            name: "p",
            reason: "p-values must lie between 0 and 1",
        });
    }
    let mut out = p.to_vec();
    // The non-missing values and where they came from (R: p <- p[nna]).
    let (idx, vals): (Vec<usize>, Vec<f64>) = p
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_nan())
        .map(|(i, &v)| (i, v))
        .unzip();
    let n = vals.len();
    if n <= 1 {
        return Ok(out);
    }
    let method = if n == 2 && method == AdjustMethod::Hommel {
        AdjustMethod::Hochberg
    } else {
        method
    };
    let adjusted = match method {
        AdjustMethod::None => vals,
        AdjustMethod::Bonferroni => vals.iter().map(|&v| pmin1(n as f64 * v)).collect(),
        AdjustMethod::Holm => holm(&vals),
        AdjustMethod::Hochberg => step_up(&vals, |i| (n + 1 - i) as f64, |f, v| f * v),
        AdjustMethod::BenjaminiHochberg => {
            let nf = n as f64;
            step_up(&vals, |i| nf / i as f64, |f, v| f * v)
        }
        AdjustMethod::BenjaminiYekutieli => {
            let q = harmonic(n);
            let nf = n as f64;
            // R: q * n / i * p[o], evaluated left to right.
            step_up(&vals, |i| q * nf / i as f64, |f, v| f * v)
        }
        AdjustMethod::Hommel => hommel(&vals),
    };
    for (k, &i) in idx.iter().enumerate() {
        out[i] = adjusted[k];
    }
    Ok(out)
}

/// `pmin(1, x)`.
fn pmin1(x: f64) -> f64 {
    if x > 1.0 {
        1.0
    } else {
        x
    }
}

/// R's `order(p)`: stable ascending order (indices).
fn order_asc(p: &[f64]) -> Vec<usize> {
    let mut o: Vec<usize> = (0..p.len()).collect();
    o.sort_by(|&a, &b| p[a].partial_cmp(&p[b]).unwrap_or(Ordering::Equal));
    o
}

/// R's `order(p, decreasing = TRUE)` (radix sort: ties keep their original order).
fn order_desc(p: &[f64]) -> Vec<usize> {
    let mut o: Vec<usize> = (0..p.len()).collect();
    o.sort_by(|&a, &b| p[b].partial_cmp(&p[a]).unwrap_or(Ordering::Equal));
    o
}

/// Holm: `pmin(1, cummax((n + 1 - i) * p[o]))[ro]`, `i = 1..n` over ascending `p`.
fn holm(p: &[f64]) -> Vec<f64> {
    let n = p.len();
    let o = order_asc(p);
    let mut out = vec![0.0; n];
    let mut run = f64::NEG_INFINITY;
    for (k, &oi) in o.iter().enumerate() {
        let i = k + 1;
        let v = (n + 1 - i) as f64 * p[oi];
        if v > run {
            run = v;
        }
        out[oi] = pmin1(run);
    }
    out
}

/// Step-up methods: `pmin(1, cummin(factor(i) * p[o]))[ro]` with `o` the decreasing order and
/// `i = n, n−1, …, 1` along it (Hochberg, BH, BY).
fn step_up(p: &[f64], factor: impl Fn(usize) -> f64, mul: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    let n = p.len();
    let o = order_desc(p);
    let mut out = vec![0.0; n];
    let mut run = f64::INFINITY;
    for (k, &oi) in o.iter().enumerate() {
        let i = n - k;
        let v = mul(factor(i), p[oi]);
        if v < run {
            run = v;
        }
        out[oi] = pmin1(run);
    }
    out
}

/// `sum(1 / (1:n))` exactly as R computes it: R's `sum` adds doubles into an x87 `long double`
/// accumulator (64-bit significand, round to nearest even after every addition) and rounds the
/// total to a double once at the end. A compensated (correctly rounded) sum differs from that in
/// the last bit for some n (measured: n = 10⁶), so the accumulator is emulated exactly here in
/// 128-bit fixed point with 2⁻¹¹⁰ resolution: every partial sum lies in [1, 64) and every term
/// `1/k` with `k < 2⁵⁷` is a multiple of 2⁻¹¹⁰, so only the two documented roundings happen.
fn harmonic(n: usize) -> f64 {
    const SCALE: i32 = 110;
    let mut acc: u128 = 0;
    for k in 1..=n {
        acc = round_significand(acc + fixed(1.0 / k as f64, SCALE), 64);
    }
    let rounded = round_significand(acc, 53);
    // ≤ 53 significant bits: the conversion and the power-of-two scaling are exact.
    rounded as f64 * 2f64.powi(-SCALE)
}

/// A positive normal double as an integer multiple of `2^-scale` (bits below are dropped;
/// they do not occur for the terms used here).
fn fixed(t: f64, scale: i32) -> u128 {
    let bits = t.to_bits();
    let exp_field = ((bits >> 52) & 0x7ff) as i32;
    let mantissa = u128::from((bits & ((1u64 << 52) - 1)) | (1u64 << 52));
    let shift = exp_field - 1075 + scale;
    if shift >= 0 {
        mantissa << shift
    } else {
        mantissa >> (-shift)
    }
}

/// Rounds `v` to `keep` significant bits, ties to even (IEEE round-to-nearest).
fn round_significand(v: u128, keep: u32) -> u128 {
    let bits = 128 - v.leading_zeros();
    if bits <= keep {
        return v;
    }
    let drop = bits - keep;
    let q = v >> drop;
    let rem = v & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    let q = if rem > half || (rem == half && q & 1 == 1) {
        q + 1
    } else {
        q
    };
    q << drop
}

/// Hommel, R's algorithm line by line (`n ≥ 3`).
fn hommel(p_in: &[f64]) -> Vec<f64> {
    let n = p_in.len();
    let o = order_asc(p_in);
    let p: Vec<f64> = o.iter().map(|&i| p_in[i]).collect();
    let nf = n as f64;
    // q <- pa <- rep.int(min(n * p / i), n)
    let start = p
        .iter()
        .enumerate()
        .map(|(k, &v)| nf * v / (k + 1) as f64)
        .fold(f64::INFINITY, f64::min);
    let mut q = vec![start; n];
    let mut pa = vec![start; n];
    for j in (2..n).rev() {
        let jf = j as f64;
        // i2 <- (n - j + 2):n (1-based), divided by 2:j
        let q1 = (n - j + 2..=n)
            .zip(2..=j)
            .map(|(i, d)| jf * p[i - 1] / d as f64)
            .fold(f64::INFINITY, f64::min);
        // ij <- seq_len(n - j + 1)
        for i in 0..(n - j + 1) {
            let v = jf * p[i];
            q[i] = if v < q1 { v } else { q1 };
        }
        let fill = q[n - j];
        for qi in q.iter_mut().skip(n - j + 1) {
            *qi = fill;
        }
        for (a, &b) in pa.iter_mut().zip(q.iter()) {
            if b > *a {
                *a = b;
            }
        }
    }
    let mut out = vec![0.0; n];
    for (k, &oi) in o.iter().enumerate() {
        out[oi] = if pa[k] > p[k] { pa[k] } else { p[k] };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harmonic_small() {
        assert_eq!(harmonic(1), 1.0);
        assert_eq!(harmonic(2), 1.5);
        assert_eq!(round_significand(0b1011, 3), 0b1100);
        assert_eq!(round_significand(0b1001, 3), 0b1000);
        assert_eq!(round_significand(0b1101, 3), 0b1100); // tie, 110 is even
        assert_eq!(round_significand(0b11011, 3), 0b11100);
    }

    #[test]
    fn rejects_out_of_range() {
        assert!(p_adjust(&[0.1, 1.5], AdjustMethod::Holm).is_err());
        assert!(p_adjust(&[-0.1], AdjustMethod::None).is_err());
        assert!(p_adjust(&[f64::INFINITY], AdjustMethod::BenjaminiHochberg).is_err());
    }
}
