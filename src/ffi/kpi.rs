//! The C ABI of the KPI analyses (issue 14): differences of positive-answer shares and the Welch
//! contrast of independent means. Same discipline as the rest of `src/ffi/`.

use super::alternative_arg;
use super::boundary::write_out;
use super::error::{succeed, FfiError};
use crate::stats::contrast::{self, GroupStats};
use crate::stats::proportion::{self, Proportions};

/// Result of `ttxl_prop_test_2indep` and `ttxl_prop_test_paired`: a difference of two
/// proportions, **second − first** (after − before). All fields are doubles.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TtxlProportions {
    /// p_second − p_first.
    pub estimate: f64,
    /// Lower limit of the Newcombe score interval of the difference.
    pub conf_low: f64,
    /// Upper limit of the Newcombe score interval of the difference.
    pub conf_high: f64,
    /// Two-sided p-value: Pearson's chi-square without continuity correction (independent; R
    /// `prop.test(correct = FALSE)`) or the exact McNemar test (paired; R `binom.test(c, b + c)`,
    /// 1 when no pair is discordant). NaN for independent groups in which nobody, or everybody,
    /// answered positively (the chi-square is 0/0; R reports NA).
    pub p_value: f64,
    /// The chi-square statistic (independent; NaN as `p_value`) or the number of discordant
    /// pairs positive only the first time, b (paired).
    pub statistic: f64,
    /// The first proportion.
    pub p_first: f64,
    /// The second proportion.
    pub p_second: f64,
    /// Respondents behind the first proportion (paired: the number of pairs).
    pub n_first: f64,
    /// Respondents behind the second proportion (paired: the number of pairs).
    pub n_second: f64,
}

/// Result of `ttxl_welch_contrast_from_stats`. All fields are doubles.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TtxlContrast {
    /// `Σ weights[i]·means[i]`.
    pub estimate: f64,
    /// `√(Σ weights[i]²·sds[i]²/ns[i])`.
    pub std_err: f64,
    /// estimate / std_err.
    pub statistic: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// p-value for the alternative (H0: the contrast is 0).
    pub p_value: f64,
    /// Lower confidence limit (-Infinity for TTXL_LESS).
    pub conf_low: f64,
    /// Upper confidence limit (+Infinity for TTXL_GREATER).
    pub conf_high: f64,
}

impl From<Proportions> for TtxlProportions {
    fn from(p: Proportions) -> Self {
        TtxlProportions {
            estimate: p.estimate,
            conf_low: p.conf_low,
            conf_high: p.conf_high,
            p_value: p.p_value,
            statistic: p.statistic,
            p_first: p.p_first,
            p_second: p.p_second,
            n_first: p.n_first,
            n_second: p.n_second,
        }
    }
}

/// A count that must not be negative.
fn count(value: i32, name: &'static str) -> Result<u64, FfiError> {
    u64::try_from(value).map_err(|_| FfiError::Reason {
        name,
        reason: crate::messages::FfiReason::NegativeCount,
    })
}

/// Difference of two independent proportions, `x_second/n_second − x_first/n_first` (e.g. the
/// share of staff answering 4 or 5 in this year's anonymous survey minus last year's), with
/// Newcombe's hybrid score interval (Newcombe 1998, method 10) and Pearson's chi-square test
/// without continuity correction (R: `prop.test(c(x_first, x_second), c(n_first, n_second),
/// correct = FALSE)`).
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL;
/// `TTXL_ERR_TOO_FEW` if `n_first` or `n_second` is 0;
/// `TTXL_ERR_ARGUMENT` for a negative count, a positive count larger than its group
/// (`x_first > n_first`), or `conf_level` outside (0, 1); `TTXL_ERR_INTERNAL` on a bug.
/// `p_value` and `statistic` are NaN (with `TTXL_OK`) when nobody, or everybody, in both groups
/// answered positively.
///
/// # Safety
/// `out` must point to a writable `TtxlProportions` (no alignment needed). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_prop_test_2indep(
    x_first: i32,
    n_first: i32,
    x_second: i32,
    n_second: i32,
    conf_level: f64,
    out: *mut TtxlProportions,
) -> i32 {
    ffi_panic_boundary! {
        let x1 = try_ffi!(count(x_first, "x_first"));
        let n1 = try_ffi!(count(n_first, "n_first"));
        let x2 = try_ffi!(count(x_second, "x_second"));
        let n2 = try_ffi!(count(n_second, "n_second"));
        try_out!(out, "out");
        let r = try_ffi!(proportion::two_independent(x1, n1, x2, n2, conf_level));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, TtxlProportions::from(r)) };
        succeed()
    }
}

/// Difference of two paired proportions from the paired 2 × 2 table of the same respondents
/// (matched by ID): `both` positive both times, `first_only` positive only the first time,
/// `second_only` only the second time, `neither`. The estimate is
/// `(second_only − first_only) / n`, with Newcombe's paired score interval (Newcombe 1998,
/// Stat Med 17:2635, method 10) and the exact McNemar test (R: `binom.test(second_only,
/// first_only + second_only)`; p = 1 when there is no discordant pair).
///
/// Returns `TTXL_OK` and fills `*out` (`statistic` = `first_only`); otherwise `*out` is
/// unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL;
/// `TTXL_ERR_TOO_FEW` if the four counts add up to 0;
/// `TTXL_ERR_ARGUMENT` for a negative count or `conf_level` outside (0, 1);
/// `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `out` must point to a writable `TtxlProportions` (no alignment needed). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_prop_test_paired(
    both: i32,
    first_only: i32,
    second_only: i32,
    neither: i32,
    conf_level: f64,
    out: *mut TtxlProportions,
) -> i32 {
    ffi_panic_boundary! {
        let a = try_ffi!(count(both, "both"));
        let b = try_ffi!(count(first_only, "first_only"));
        let c = try_ffi!(count(second_only, "second_only"));
        let d = try_ffi!(count(neither, "neither"));
        try_out!(out, "out");
        let r = try_ffi!(proportion::paired(a, b, c, d, conf_level));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, TtxlProportions::from(r)) };
        succeed()
    }
}

/// A linear contrast `Σ weights[i]·means[i]` of `k` independent group means with its Welch
/// standard error `√(Σ weights[i]²·sds[i]²/ns[i])`, Welch–Satterthwaite degrees of freedom
/// `(Σ vᵢ)² / Σ vᵢ²/(ns[i] − 1)` with `vᵢ = weights[i]²·sds[i]²/ns[i]`, t test and interval (R:
/// `t.test` for k = 2 with weights (1, −1)). For an anonymous survey with a comparison group the
/// difference in differences (B₂ − B₁) − (A₂ − A₁) is k = 4, means (A₁, A₂, B₁, B₂), weights
/// (1, −1, −1, 1). Groups with weight 0 are ignored.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or an array is NULL while `k` > 0;
/// `TTXL_ERR_LENGTH` if `k` is negative;
/// `TTXL_ERR_TOO_FEW` if a group with a non-zero weight has `ns[i]` < 2;
/// `TTXL_ERR_CONSTANT` if every group with a non-zero weight has SD 0;
/// `TTXL_ERR_ARGUMENT` if `k` < 2, all weights are 0, an unknown `alternative`, a NaN or
/// infinite mean, SD or weight, a negative SD, or `conf_level` outside (0, 1);
/// `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `means`, `sds`, `ns` and `weights` must each point to `k` readable doubles (or be NULL if `k`
/// is 0); `out` must point to a writable `TtxlContrast`. Thread-safe.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ttxl_welch_contrast_from_stats(
    k: i32,
    means: *const f64,
    sds: *const f64,
    ns: *const f64,
    weights: *const f64,
    alternative: i32,
    conf_level: f64,
    out: *mut TtxlContrast,
) -> i32 {
    ffi_panic_boundary! {
        let means = try_slice!(means, k, "means", "k");
        let sds = try_slice!(sds, k, "sds", "k");
        let ns = try_slice!(ns, k, "ns", "k");
        let weights = try_slice!(weights, k, "weights", "k");
        let alternative = try_ffi!(alternative_arg(alternative));
        try_out!(out, "out");
        let groups: Vec<GroupStats> = means
            .iter()
            .zip(sds.iter())
            .zip(ns.iter())
            .map(|((&mean, &sd), &n)| GroupStats { n, mean, sd })
            .collect();
        let r = try_ffi!(contrast::welch_contrast(&groups, &weights, alternative, conf_level));
        let result = TtxlContrast {
            estimate: r.estimate,
            std_err: r.std_err,
            statistic: r.statistic,
            df: r.df,
            p_value: r.p_value,
            conf_low: r.conf_low,
            conf_high: r.conf_high,
        };
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, result) };
        succeed()
    }
}
