//! Summary statistics (n, mean, SD) computed in one numerically sound pass over memory.
//!
//! # Formula
//!
//! With a shift `K` taken from the data (the first valid value) and `d_i = x_i − K`, one pass
//! accumulates `n`, `S1 = Σ d_i` and `S2 = Σ d_i²`; then
//!
//! ```text
//! mean = K + S1/n,    M2 = Σ (x_i − mean)² = S2 − S1·(S1/n),    sd = √(M2 / (n − 1))
//! ```
//!
//! Because `K` lies inside the data, the `d_i` are small and exact (Sterbenz) for data with many
//! constant leading digits, so the textbook cancellation of `Σx² − (Σx)²/n` does not occur
//! (Chan, Golub & LeVeque 1983, "shifted data" algorithm). When `K` turns out to lie far from the
//! mean (an outlying first value, detected by `S2 > 64·M2`), the pass is repeated once with
//! `K = mean`, which restores full accuracy; ordinary data never needs that second pass.
//!
//! The sums are kept in eight independent lanes inside fixed-size blocks (so the loop runs at
//! memory speed; blocks containing NaN are re-summed with a NaN test), and block totals are added with Neumaier's compensated summation, so the rounding
//! error grows with the block size, not with `n`.
//!
//! # References
//! * Chan, T. F., Golub, G. H. & LeVeque, R. J. (1983). Algorithms for computing the sample
//!   variance: analysis and recommendations. *The American Statistician* 37(3), 242–247.
//! * Neumaier, A. (1974). Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen.
//!   *ZAMM* 54(1), 39–51.

use super::StatsError;

/// Count, mean and standard deviation of the valid values of one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Number of valid (non-NaN) values.
    pub n: usize,
    /// Number of NaN (missing) values skipped.
    pub missing: usize,
    /// Arithmetic mean of the valid values.
    pub mean: f64,
    /// Sample standard deviation (`n − 1` denominator); `NaN` when `n < 2`.
    pub sd: f64,
}

impl Summary {
    /// Summary from published statistics (no missing values).
    pub fn from_stats(n: usize, mean: f64, sd: f64) -> Summary {
        Summary {
            n,
            missing: 0,
            mean,
            sd,
        }
    }

    /// Sample variance `sd²`.
    pub fn var(&self) -> f64 {
        self.sd * self.sd
    }
}

/// Summarises `x`, skipping NaN. `group` names the input in errors (`"x"`, `"y"`).
///
/// One pass over `x` (see the [module documentation](self) for the formula). With no valid value
/// the mean is `NaN`; with fewer than two the SD is `NaN` (callers that need them report
/// [`StatsError::TooFew`]).
///
/// # Errors
/// [`StatsError::NonFinite`] when `x` contains `±Inf`; [`StatsError::OutOfRange`] when the
/// variance overflows.
///
/// # Example
/// ```
/// use ttest_xl::stats::descriptive::summarize;
/// let s = summarize(&[1.0, 2.0, f64::NAN, 4.0], "x").unwrap();
/// assert_eq!((s.n, s.missing), (3, 1));
/// assert!((s.mean - 7.0 / 3.0).abs() < 1e-15);
/// ```
pub fn summarize(x: &[f64], group: &'static str) -> Result<Summary, StatsError> {
    Ok(summarize_shifted(x, group)?.summary())
}

/// A summary kept relative to its shift: `mean = shift + mean_dev` exactly as computed, so two
/// samples' means can be subtracted as `(shift_x − shift_y) + (mean_dev_x − mean_dev_y)` without
/// rounding either mean at the scale of the data first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Shifted {
    /// Number of valid values.
    pub n: usize,
    /// Number of NaN values.
    pub missing: usize,
    /// The shift `K` (a valid value of the data; 0 when there is none).
    pub shift: f64,
    /// `mean − K`.
    pub mean_dev: f64,
    /// Sum of squared deviations from the mean.
    pub m2: f64,
}

impl Shifted {
    /// The public summary (mean rounded once, SD from `m2`).
    pub fn summary(&self) -> Summary {
        let mean = if self.n == 0 {
            f64::NAN
        } else {
            self.shift + self.mean_dev
        };
        let sd = if self.n < 2 {
            f64::NAN
        } else {
            (self.m2 / (self.n - 1) as f64).sqrt()
        };
        Summary {
            n: self.n,
            missing: self.missing,
            mean,
            sd,
        }
    }

    /// Sample variance `m2 / (n − 1)` (`NaN` when `n < 2`).
    pub fn var(&self) -> f64 {
        if self.n < 2 {
            f64::NAN
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }
}

/// `mean(x) − mean(y)` computed without rounding either mean at the scale of the data:
/// `(K_x − K_y) + (mean_dev_x − mean_dev_y)`. `K_x − K_y` is exact when the shifts are within a
/// factor 2 of each other (Sterbenz), which is the case for data sharing their leading digits.
pub(crate) fn mean_difference(x: &Shifted, y: &Shifted) -> f64 {
    (x.shift - y.shift) + (x.mean_dev - y.mean_dev)
}

/// Summary of `x` relative to a shift taken from the data (see the module documentation).
pub(crate) fn summarize_shifted(x: &[f64], group: &'static str) -> Result<Shifted, StatsError> {
    let missing_prefix = x.iter().take_while(|v| v.is_nan()).count();
    let Some(&first) = x.get(missing_prefix) else {
        return Ok(Shifted {
            n: 0,
            missing: x.len(),
            shift: 0.0,
            mean_dev: f64::NAN,
            m2: f64::NAN,
        });
    };
    let mut s = shifted_pass(x, first, group)?;
    // An outlying shift costs log10(S2/M2) digits; repeat once around the mean if that is > 1.8.
    if s.n >= 2 && s.s2 > 64.0 * s.m2() {
        let mean = first + s.s1 / s.n as f64;
        s = shifted_pass(x, mean, group)?;
    }
    let n = s.n;
    let mean_dev = s.s1 / n as f64;
    let m2 = s.m2().max(0.0);
    if !m2.is_finite() || !mean_dev.is_finite() {
        return Err(StatsError::OutOfRange { what: "variance" });
    }
    Ok(Shifted {
        n,
        missing: x.len() - n,
        shift: s.shift,
        mean_dev,
        m2,
    })
}

/// Raw sums of one pass.
struct Sums {
    n: usize,
    shift: f64,
    s1: f64,
    s2: f64,
}

impl Sums {
    fn m2(&self) -> f64 {
        self.s2 - self.s1 * (self.s1 / self.n as f64)
    }
}

/// Independent accumulator lanes (enough for AVX-512 width or 4 × SSE2 registers).
const LANES: usize = 8;
/// Elements per block; block totals are added with compensation.
const BLOCK: usize = 2048;

/// Neumaier compensated accumulator.
#[derive(Default, Clone, Copy)]
struct Compensated {
    sum: f64,
    comp: f64,
}

impl Compensated {
    #[inline]
    fn add(&mut self, v: f64) {
        let t = self.sum + v;
        if self.sum.abs() >= v.abs() {
            self.comp += (self.sum - t) + v;
        } else {
            self.comp += (v - t) + self.sum;
        }
        self.sum = t;
    }

    fn total(&self) -> f64 {
        self.sum + self.comp
    }
}

/// Pairwise sum of the lanes.
#[inline]
fn reduce(a: [f64; LANES]) -> f64 {
    ((a[0] + a[4]) + (a[1] + a[5])) + ((a[2] + a[6]) + (a[3] + a[7]))
}

/// `(Σd, Σd²)` over a whole block, `d = x − k`, with no test for NaN, in [`LANES`] independent
/// lanes (lane `j` takes elements `j, j+8, j+16, …`), reduced pairwise.
///
/// On x86-64 the lanes are two AVX registers when the CPU has AVX (checked at run time), else
/// four SSE2 registers (SSE2 is part of the x86-64 baseline); LLVM's auto-vectoriser pairs the
/// wrong operations in the plain version. Elsewhere the portable version below runs. All three
/// add in the same order and agree bit for bit.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_sums_unmasked(block: &[f64], k: f64) -> (f64, f64) {
    let chunks = block.chunks_exact(LANES);
    let rest = chunks.remainder();
    let body = &block[..block.len() - rest.len()];
    let (mut a1, mut a2) = if std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: the CPU supports AVX (checked just above).
        unsafe { lanes_avx(body, k) }
    } else {
        lanes_sse2(body, k)
    };
    for (j, &v) in rest.iter().enumerate() {
        let d = v - k;
        a1[j] += d;
        a2[j] += d * d;
    }
    (reduce(a1), reduce(a2))
}

/// Lane sums over `body` (a multiple of 8 long) with SSE2: four registers of two lanes.
#[cfg(target_arch = "x86_64")]
#[inline]
fn lanes_sse2(body: &[f64], k: f64) -> ([f64; LANES], [f64; LANES]) {
    use std::arch::x86_64::{
        __m128d, _mm_add_pd, _mm_loadu_pd, _mm_mul_pd, _mm_set1_pd, _mm_setzero_pd, _mm_storeu_pd,
        _mm_sub_pd,
    };
    let mut a1 = [0.0_f64; LANES];
    let mut a2 = [0.0_f64; LANES];
    // SAFETY: SSE2 is enabled on every x86-64 target. Each load reads elements 2j and 2j+1 of an
    // 8-element chunk (j < 4) and each store writes elements 2j and 2j+1 of an 8-element array,
    // so every access is in bounds; unaligned loads and stores are used.
    #[allow(unused_unsafe)]
    unsafe {
        let kk = _mm_set1_pd(k);
        let mut s1: [__m128d; 4] = [_mm_setzero_pd(); 4];
        let mut s2: [__m128d; 4] = [_mm_setzero_pd(); 4];
        for c in body.chunks_exact(LANES) {
            let p = c.as_ptr();
            for j in 0..4 {
                let d = _mm_sub_pd(_mm_loadu_pd(p.add(2 * j)), kk);
                s1[j] = _mm_add_pd(s1[j], d);
                s2[j] = _mm_add_pd(s2[j], _mm_mul_pd(d, d));
            }
        }
        for j in 0..4 {
            _mm_storeu_pd(a1.as_mut_ptr().add(2 * j), s1[j]);
            _mm_storeu_pd(a2.as_mut_ptr().add(2 * j), s2[j]);
        }
    }
    (a1, a2)
}

/// Lane sums over `body` (a multiple of 8 long) with AVX: two registers of four lanes, the same
/// lanes and order of additions as [`lanes_sse2`] (no FMA), hence the same result bit for bit.
///
/// # Safety
/// The CPU must support AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn lanes_avx(body: &[f64], k: f64) -> ([f64; LANES], [f64; LANES]) {
    use std::arch::x86_64::{
        __m256d, _mm256_add_pd, _mm256_loadu_pd, _mm256_mul_pd, _mm256_set1_pd, _mm256_setzero_pd,
        _mm256_storeu_pd, _mm256_sub_pd,
    };
    let mut a1 = [0.0_f64; LANES];
    let mut a2 = [0.0_f64; LANES];
    // SAFETY: AVX is available (caller's contract). Each load reads elements 4j..4j+3 of an
    // 8-element chunk (j < 2) and each store writes elements 4j..4j+3 of an 8-element array.
    #[allow(unused_unsafe)]
    unsafe {
        let kk = _mm256_set1_pd(k);
        let mut s1: [__m256d; 2] = [_mm256_setzero_pd(); 2];
        let mut s2: [__m256d; 2] = [_mm256_setzero_pd(); 2];
        for c in body.chunks_exact(LANES) {
            let p = c.as_ptr();
            for j in 0..2 {
                let d = _mm256_sub_pd(_mm256_loadu_pd(p.add(4 * j)), kk);
                s1[j] = _mm256_add_pd(s1[j], d);
                s2[j] = _mm256_add_pd(s2[j], _mm256_mul_pd(d, d));
            }
        }
        for j in 0..2 {
            _mm256_storeu_pd(a1.as_mut_ptr().add(4 * j), s1[j]);
            _mm256_storeu_pd(a2.as_mut_ptr().add(4 * j), s2[j]);
        }
    }
    (a1, a2)
}

/// Portable version of the x86-64 block sums above (same lanes, same order of additions).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn block_sums_unmasked(block: &[f64], k: f64) -> (f64, f64) {
    block_sums_portable(block, k)
}

/// The lane sums of [`block_sums_unmasked`] in plain Rust.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))] // compared with the SSE2 version in tests
#[inline]
fn block_sums_portable(block: &[f64], k: f64) -> (f64, f64) {
    let mut s1 = [0.0_f64; LANES];
    let mut s2 = [0.0_f64; LANES];
    let chunks = block.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for j in 0..LANES {
            let d = chunk[j] - k;
            s1[j] += d;
            s2[j] += d * d;
        }
    }
    for (j, &v) in rest.iter().enumerate() {
        let d = v - k;
        s1[j] += d;
        s2[j] += d * d;
    }
    (reduce(s1), reduce(s2))
}

/// `(count, Σd, Σd²)` over the non-NaN values of a block (the path for blocks with NaN): the
/// NaN are replaced by `k` in a stack copy (so they add exactly 0) and counted, then the copy is
/// summed by the vectorised loop.
fn block_sums_masked(block: &[f64], k: f64) -> (f64, f64, f64) {
    let mut buf = [0.0_f64; BLOCK];
    let copy = &mut buf[..block.len()];
    let mut missing = 0usize;
    for (o, &v) in copy.iter_mut().zip(block) {
        let nan = v.is_nan();
        missing += usize::from(nan);
        *o = if nan { k } else { v };
    }
    let (s1, s2) = block_sums_unmasked(copy, k);
    ((block.len() - missing) as f64, s1, s2)
}

/// Sums of one block: `(count, Σd, Σd²)` over the non-NaN values, `d = x − k`. A block without
/// NaN (and without ±Inf) takes the vectorised path; only blocks whose sums come out non-finite
/// are summed again with the NaN test, so missing values cost time only where they are.
#[inline]
fn block_sums(block: &[f64], k: f64) -> (f64, f64, f64) {
    let (s1, s2) = block_sums_unmasked(block, k);
    if s1.is_finite() && s2.is_finite() {
        (block.len() as f64, s1, s2)
    } else {
        block_sums_masked(block, k)
    }
}

/// One pass with shift `k`. Detects infinities (error) from non-finite sums afterwards, so the hot
/// loop carries no extra test.
fn shifted_pass(x: &[f64], k: f64, group: &'static str) -> Result<Sums, StatsError> {
    let mut n = 0.0_f64;
    let mut s1 = Compensated::default();
    let mut s2 = Compensated::default();
    for block in x.chunks(BLOCK) {
        let (c, a, b) = block_sums(block, k);
        n += c;
        s1.add(a);
        s2.add(b);
    }
    let (s1, s2) = (s1.total(), s2.total());
    if !(s1.is_finite() && s2.is_finite()) {
        if let Some(i) = x.iter().position(|v| v.is_infinite()) {
            return Err(StatsError::NonFinite {
                group,
                index: i + 1,
            });
        }
        return Err(StatsError::OutOfRange { what: "variance" });
    }
    Ok(Sums {
        n: n as usize,
        shift: k,
        s1,
        s2,
    })
}

/// Summaries of paired data over the complete pairs, from one pass over both slices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PairedShifted {
    /// x over complete pairs; `missing` counts NaN in x.
    pub x: Shifted,
    /// y over complete pairs; `missing` counts NaN in y.
    pub y: Shifted,
    /// The differences `x − y` over complete pairs; `missing` counts incomplete pairs.
    pub d: Shifted,
}

/// Paired summaries (x, y and x − y over the pairs where both values are present), one pass.
/// The caller checks that the lengths agree.
pub(crate) fn summarize_paired(x: &[f64], y: &[f64]) -> Result<PairedShifted, StatsError> {
    debug_assert_eq!(x.len(), y.len());
    let first = x.iter().zip(y).find(|(a, b)| !a.is_nan() && !b.is_nan());
    let (kx, ky) = match first {
        Some((&a, &b)) => (a, b),
        None => (0.0, 0.0),
    };
    let mut p = paired_pass(x, y, [kx, ky, kx - ky])?;
    if p.n >= 2 && p.sums.iter().any(|s| s.2 > 64.0 * s.m2(p.n)) {
        let nf = p.n as f64;
        let means = [
            kx + p.sums[0].1 / nf,
            ky + p.sums[1].1 / nf,
            (kx - ky) + p.sums[2].1 / nf,
        ];
        p = paired_pass(x, y, means)?;
    }
    let n = p.n;
    let make = |i: usize, missing: usize| -> Result<Shifted, StatsError> {
        let Triple(k, s1, _) = p.sums[i];
        if n == 0 {
            return Ok(Shifted {
                n,
                missing,
                shift: k,
                mean_dev: f64::NAN,
                m2: f64::NAN,
            });
        }
        let mean_dev = s1 / n as f64;
        let m2 = p.sums[i].m2(n).max(0.0);
        if !m2.is_finite() || !mean_dev.is_finite() {
            return Err(StatsError::OutOfRange { what: "variance" });
        }
        Ok(Shifted {
            n,
            missing,
            shift: k,
            mean_dev,
            m2,
        })
    };
    Ok(PairedShifted {
        x: make(0, p.nan_x)?,
        y: make(1, p.nan_y)?,
        d: make(2, x.len() - n)?,
    })
}

/// `(shift, Σd, Σd²)` of one of the paired series.
#[derive(Clone, Copy)]
struct Triple(f64, f64, f64);

impl Triple {
    fn m2(&self, n: usize) -> f64 {
        self.2 - self.1 * (self.1 / n as f64)
    }
}

struct PairedSums {
    n: usize,
    nan_x: usize,
    nan_y: usize,
    sums: [Triple; 3],
}

/// Sums of one paired block: `[count, NaN in x, NaN in y]`, `[(Σd, Σd²); 3]` for x, y and
/// x − y over the complete pairs, and whether an infinity was seen.
type PairedBlock = ([f64; 3], [(f64, f64); 3], bool);

/// Paired block without NaN: three vectorised lane sums (the differences are formed in a
/// stack buffer first). `None` when a sum is not finite (NaN or ±Inf in the block).
fn paired_block_unmasked(bx: &[f64], by: &[f64], k: [f64; 3]) -> Option<PairedBlock> {
    let sx = block_sums_unmasked(bx, k[0]);
    let sy = block_sums_unmasked(by, k[1]);
    let mut buf = [0.0_f64; BLOCK];
    let diff = &mut buf[..bx.len()];
    for (o, (a, b)) in diff.iter_mut().zip(bx.iter().zip(by)) {
        *o = a - b;
    }
    let sd = block_sums_unmasked(diff, k[2]);
    let sums = [sx, sy, sd];
    sums.iter()
        .all(|s| s.0.is_finite() && s.1.is_finite())
        .then_some(([bx.len() as f64, 0.0, 0.0], sums, false))
}

/// Paired block with NaN (or ±Inf): incomplete pairs are replaced by the shifts in stack copies
/// (so they add exactly 0) and counted, then the copies are summed by the vectorised loop.
fn paired_block_masked(bx: &[f64], by: &[f64], k: [f64; 3]) -> PairedBlock {
    let len = bx.len();
    let mut bufs = [[0.0_f64; BLOCK]; 3];
    let [cx, cy, cd] = &mut bufs;
    let (mut nan_x, mut nan_y, mut complete) = (0usize, 0usize, 0usize);
    let mut inf = false;
    for i in 0..len {
        let (a, b) = (bx[i], by[i]);
        inf |= a.is_infinite() | b.is_infinite();
        let (na, nb) = (a.is_nan(), b.is_nan());
        nan_x += usize::from(na);
        nan_y += usize::from(nb);
        let ok = !(na | nb);
        complete += usize::from(ok);
        cx[i] = if ok { a } else { k[0] };
        cy[i] = if ok { b } else { k[1] };
        cd[i] = if ok { a - b } else { k[2] };
    }
    let sums = [
        block_sums_unmasked(&cx[..len], k[0]),
        block_sums_unmasked(&cy[..len], k[1]),
        block_sums_unmasked(&cd[..len], k[2]),
    ];
    ([complete as f64, nan_x as f64, nan_y as f64], sums, inf)
}

/// One pass over paired data with shifts `k = [kx, ky, kd]`. Blocks without missing values take
/// the vectorised path; blocks with NaN are summed element by element over the complete pairs.
fn paired_pass(x: &[f64], y: &[f64], k: [f64; 3]) -> Result<PairedSums, StatsError> {
    let mut counts = [0.0_f64; 3];
    let mut acc = [[Compensated::default(); 2]; 3];
    let mut inf = false;
    for (bx, by) in x.chunks(BLOCK).zip(y.chunks(BLOCK)) {
        let (c, sums, block_inf) =
            paired_block_unmasked(bx, by, k).unwrap_or_else(|| paired_block_masked(bx, by, k));
        inf |= block_inf;
        for (total, part) in counts.iter_mut().zip(c) {
            *total += part;
        }
        for (a, s) in acc.iter_mut().zip(sums) {
            a[0].add(s.0);
            a[1].add(s.1);
        }
    }
    if inf {
        if let Some(i) = x.iter().position(|v| v.is_infinite()) {
            return Err(StatsError::NonFinite {
                group: "x",
                index: i + 1,
            });
        }
        if let Some(i) = y.iter().position(|v| v.is_infinite()) {
            return Err(StatsError::NonFinite {
                group: "y",
                index: i + 1,
            });
        }
    }
    let sums = [0, 1, 2].map(|s| Triple(k[s], acc[s][0].total(), acc[s][1].total()));
    if sums.iter().any(|t| !(t.1.is_finite() && t.2.is_finite())) {
        return Err(StatsError::OutOfRange { what: "variance" });
    }
    Ok(PairedSums {
        n: counts[0] as usize,
        nan_x: counts[1] as usize,
        nan_y: counts[2] as usize,
        sums,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cases() {
        let s = summarize(&[], "x").unwrap();
        assert_eq!((s.n, s.missing), (0, 0));
        assert!(s.mean.is_nan() && s.sd.is_nan());
        let s = summarize(&[f64::NAN, 3.0], "x").unwrap();
        assert_eq!((s.n, s.missing, s.mean), (1, 1, 3.0));
        assert!(s.sd.is_nan());
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sd = sqrt(32/7).
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0, f64::NAN];
        let s = summarize(&v, "x").unwrap();
        assert_eq!((s.n, s.missing, s.mean), (8, 1, 5.0));
        assert!((s.sd - (32.0_f64 / 7.0).sqrt()).abs() < 1e-15);
    }

    #[test]
    fn errors() {
        assert_eq!(
            summarize(&[1.0, f64::NAN, f64::INFINITY], "y"),
            Err(StatsError::NonFinite {
                group: "y",
                index: 3
            })
        );
        assert_eq!(
            summarize(&[f64::NEG_INFINITY, 1.0], "x"),
            Err(StatsError::NonFinite {
                group: "x",
                index: 1
            })
        );
        assert_eq!(
            summarize(&[1e300, -1e300], "x"),
            Err(StatsError::OutOfRange { what: "variance" })
        );
    }

    #[test]
    fn outlying_first_value_is_repaired() {
        // First value 1e8 away from the rest: exact mean and variance are known.
        let mut v = vec![1e8];
        v.extend((0..999).map(|i| (i % 2) as f64));
        let s = summarize(&v, "x").unwrap();
        let n = 1000.0;
        let mean = (1e8 + 499.0) / n;
        // Σ(x−mean)² = Σx² − n·mean², done exactly in integers: Σx² = 1e16 + 499.
        let m2 = ((1e16_f64 as u128 + 499) as f64) - n * mean * mean;
        assert!((s.mean - mean).abs() <= 1e-15 * mean);
        let sd = (m2 / (n - 1.0)).sqrt();
        assert!((s.sd - sd).abs() <= 1e-9 * sd, "{} vs {}", s.sd, sd);
    }

    #[test]
    fn vector_and_portable_lanes_agree_bit_for_bit() {
        let v: Vec<f64> = (0..1003)
            .map(|i| ((i * 7919) % 1013) as f64 * 0.37 - 50.0)
            .collect();
        for len in [0usize, 5, 8, 9, 64, 1003] {
            let a = block_sums_unmasked(&v[..len], 3.25);
            let b = block_sums_portable(&v[..len], 3.25);
            assert_eq!(a, b, "{len}");
            #[cfg(target_arch = "x86_64")]
            {
                let body = &v[..len - len % LANES];
                let sse = lanes_sse2(body, 3.25);
                if std::arch::is_x86_feature_detected!("avx") {
                    // SAFETY: AVX support was just checked.
                    assert_eq!(unsafe { lanes_avx(body, 3.25) }, sse, "{len}");
                }
            }
        }
    }

    #[test]
    fn paired_matches_summaries_of_complete_pairs() {
        // 5000 pairs over three blocks; NaN only in the second block, so both paths run.
        let mut x: Vec<f64> = (0..5000).map(|i| ((i * 37) % 101) as f64 + 1e6).collect();
        let mut y: Vec<f64> = (0..5000).map(|i| ((i * 53) % 97) as f64 + 1e6).collect();
        x[2500] = f64::NAN;
        y[2600] = f64::NAN;
        y[2601] = f64::NAN;
        let p = summarize_paired(&x, &y).unwrap();
        let keep: Vec<usize> = (0..5000)
            .filter(|&i| !x[i].is_nan() && !y[i].is_nan())
            .collect();
        let xs: Vec<f64> = keep.iter().map(|&i| x[i]).collect();
        let ys: Vec<f64> = keep.iter().map(|&i| y[i]).collect();
        let ds: Vec<f64> = keep.iter().map(|&i| x[i] - y[i]).collect();
        for (got, want, missing) in [(p.x, &xs, 1), (p.y, &ys, 2), (p.d, &ds, 3)] {
            let w = summarize(want, "x").unwrap();
            let g = got.summary();
            assert_eq!((g.n, g.missing), (4997, missing));
            assert!((g.mean - w.mean).abs() <= 1e-13 * w.mean.abs().max(1.0));
            assert!((g.sd - w.sd).abs() <= 1e-12 * w.sd);
        }
    }

    #[test]
    fn remainder_and_blocks() {
        // Lengths around the lane and block sizes give identical results to a direct formula.
        for len in [1usize, 7, 8, 9, 2047, 2048, 2049, 5000] {
            let v: Vec<f64> = (0..len).map(|i| ((i * 37) % 101) as f64).collect();
            let s = summarize(&v, "x").unwrap();
            assert_eq!(s.n, len);
            let mean = v.iter().sum::<f64>() / len as f64;
            assert!(
                (s.mean - mean).abs() <= 1e-12 * mean.abs().max(1.0),
                "{len}"
            );
        }
    }
}

/// Sample skewness g₁ of the non-NaN values; `None` with fewer than 3 values, zero variance or
/// non-finite moments.
///
/// # Formula
/// `g₁ = m₃ / m₂^{3/2}` with `m_k = (1/n) Σ (xᵢ − x̄)^k` (the moment estimator of R
/// `moments::skewness` and e1071 `skewness(type = 1)`; Joanes & Gill 1998, "Comparing measures
/// of sample skewness and kurtosis", *The Statistician* 47, 183–189). The analysis uses it only to
/// flag strongly skewed items (|g₁| ≥ 1, Bulmer 1979), so it is a plain two-pass computation.
///
/// ```
/// use ttest_xl::stats::descriptive::skewness;
/// // R: x <- c(1, 1, 1, 1, 10); m <- mean(x); mean((x-m)^3) / mean((x-m)^2)^1.5
/// let g1 = skewness(&[1.0, 1.0, 1.0, 1.0, 10.0]).unwrap();
/// assert!((g1 - 1.5).abs() < 1e-12);
/// assert_eq!(skewness(&[2.0, 2.0, 2.0]), None);
/// ```
pub fn skewness(x: &[f64]) -> Option<f64> {
    let v: Vec<f64> = x.iter().copied().filter(|a| !a.is_nan()).collect();
    if v.len() < 3 {
        return None;
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let (m2, m3) = v.iter().fold((0.0, 0.0), |(s2, s3), a| {
        let d = a - mean;
        (s2 + d * d, s3 + d * d * d)
    });
    let (m2, m3) = (m2 / n, m3 / n);
    if m2 <= 0.0 || !m2.is_finite() || !m3.is_finite() {
        return None;
    }
    Some(m3 / m2.powf(1.5))
}
