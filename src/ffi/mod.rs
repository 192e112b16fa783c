//! The C ABI: `include/ttest_xl.h`. Validates, converts and delegates to [`crate::stats`].
//!
//! The header is generated from this module by cbindgen (`cbindgen.toml`; regenerate with
//! `TTXL_BLESS=1 cargo test --test header`), so the doc comments below are the C documentation.
//!
//! Discipline (rustls-ffi): every export is wrapped in `ffi_panic_boundary!`; pointer and length
//! checks are one-line macros returning a status; out-parameters are written only on success and
//! without alignment requirements; the last error and the message language are per thread
//! (`thread_local!`), so there is no global mutable state. On 32-bit Windows every export also
//! has an `extern "system"` (stdcall) twin named `<name>_stdcall`, see `stdcall.rs`.
//!
//! Decisions documented in the header:
//! * An input array may be NULL when its length is 0 (it is then empty); a NULL array with a
//!   positive length is `TTXL_ERR_NULL`, a negative length `TTXL_ERR_LENGTH`.
//! * A successful computation clears the thread's last error; `ttxl_set_language` and the
//!   last-error readers never change it.
//! * `ttxl_last_error_utf8`/`_utf16` return the message length **without** the terminating NUL.

#[macro_use]
pub(crate) mod boundary;
pub(crate) mod error;
mod kpi;
/// cbindgen:ignore
#[cfg(any(test, all(windows, target_arch = "x86")))]
pub mod stdcall;
mod text;

use std::ffi::c_char;

pub use self::kpi::{
    ttxl_prop_test_2indep, ttxl_prop_test_paired, ttxl_welch_contrast_from_stats, TtxlContrast,
    TtxlProportions,
};
pub use self::text::{
    ttxl_conclusion_sentence_utf16, ttxl_effect_label_utf16, ttxl_not_tested_sentence_utf16,
    ttxl_significant, ttxl_ttest_sentence_utf16,
};

use self::boundary::write_out;
use self::error::{fail, succeed, FfiError};
use crate::lang::Lang;
use crate::messages::FfiReason;
use crate::stats::bayes_factor::{self, BfDesign};
use crate::stats::descriptive::Summary;
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::power::{Design, Query, Sizes, SolveFor};
use crate::stats::rank::{RankOptions, RankTest};
use crate::stats::tost::{self, Bounds, Tost};
use crate::stats::ttest::{TTest, TTestKind, TTestOptions};
use crate::stats::{
    check_finite, check_unit_open, effect_size, p_adjust, power, rank, tdist, ttest, Alternative,
    StatsError,
};

// ---------------------------------------------------------------------------------------------
// Version
// ---------------------------------------------------------------------------------------------

/// Major version of the library this header belongs to (`Cargo.toml`).
pub const TTXL_VERSION_MAJOR: i32 = 0;
/// Minor version of the library this header belongs to.
pub const TTXL_VERSION_MINOR: i32 = 1;
/// Patch version of the library this header belongs to.
pub const TTXL_VERSION_PATCH: i32 = 0;
/// The version as a string, `"MAJOR.MINOR.PATCH"`; `ttxl_version()` returns the library's.
pub const TTXL_VERSION_STRING: &str = "0.1.0";
/// The version as one number, `MAJOR * 10000 + MINOR * 100 + PATCH`, for `#if` comparisons.
pub const TTXL_VERSION_NUMBER: i32 =
    TTXL_VERSION_MAJOR * 10000 + TTXL_VERSION_MINOR * 100 + TTXL_VERSION_PATCH;
/// Version of the binary interface (functions, structs, constants). It changes only when a
/// program compiled against an older header could misbehave; compare with `ttxl_abi_version()`.
pub const TTXL_ABI_VERSION: i32 = 1;

// ---------------------------------------------------------------------------------------------
// Status codes
// ---------------------------------------------------------------------------------------------

/// Status: success; the out-parameter has been written.
pub const TTXL_OK: i32 = 0;
/// Status: a required pointer is NULL (an out-pointer, or an input array whose length is > 0).
pub const TTXL_ERR_NULL: i32 = 1;
/// Status: a length is negative (or paired data have different lengths).
pub const TTXL_ERR_LENGTH: i32 = 2;
/// Status: not enough valid (non-missing) observations for the statistic.
pub const TTXL_ERR_TOO_FEW: i32 = 3;
/// Status: the data have zero variance, so the t statistic is undefined.
pub const TTXL_ERR_CONSTANT: i32 = 4;
/// Status: an argument is outside its domain: an unknown enum value, a NaN or infinite
/// parameter, an infinite data value, a confidence level outside (0, 1), a p-value outside
/// [0, 1], an impossible power target. The message says which and why.
pub const TTXL_ERR_ARGUMENT: i32 = 5;
/// Status: an output buffer is too small for the text; the length out-parameter holds the
/// length needed (without the terminating NUL) and the buffer is untouched. Call again with
/// room for that length + 1.
pub const TTXL_ERR_BUFFER: i32 = 6;
/// Status: a bug in ttest-xl (for example a Rust panic, caught before it could reach the
/// caller). The message has the details; please report it.
pub const TTXL_ERR_INTERNAL: i32 = 99;

// ---------------------------------------------------------------------------------------------
// Enumerations (passed as int32_t)
// ---------------------------------------------------------------------------------------------

/// Alternative hypothesis: two-sided (R `alternative = "two.sided"`).
pub const TTXL_TWO_SIDED: i32 = 0;
/// Alternative hypothesis: the true difference (or mean) is less than `mu` (R `"less"`).
pub const TTXL_LESS: i32 = 1;
/// Alternative hypothesis: the true difference (or mean) is greater than `mu` (R `"greater"`).
pub const TTXL_GREATER: i32 = 2;

/// p-value adjustment: none (R `p.adjust(method = "none")`).
pub const TTXL_ADJUST_NONE: i32 = 0;
/// p-value adjustment: Holm (1979) (`"holm"`).
pub const TTXL_ADJUST_HOLM: i32 = 1;
/// p-value adjustment: Hochberg (1988) (`"hochberg"`).
pub const TTXL_ADJUST_HOCHBERG: i32 = 2;
/// p-value adjustment: Bonferroni (`"bonferroni"`).
pub const TTXL_ADJUST_BONFERRONI: i32 = 3;
/// p-value adjustment: Benjamini & Hochberg (1995) false discovery rate (`"BH"`, `"fdr"`).
pub const TTXL_ADJUST_BH: i32 = 4;
/// p-value adjustment: Benjamini & Yekutieli (2001) (`"BY"`).
pub const TTXL_ADJUST_BY: i32 = 5;
/// p-value adjustment: Hommel (1988) (`"hommel"`).
pub const TTXL_ADJUST_HOMMEL: i32 = 6;

/// Power design: two independent groups of `n` each (R `pwr.t.test(type = "two.sample")`).
pub const TTXL_DESIGN_TWO_SAMPLE: i32 = 0;
/// Power design: `n` pairs (`type = "paired"`).
pub const TTXL_DESIGN_PAIRED: i32 = 1;
/// Power design: one sample of `n` (`type = "one.sample"`).
pub const TTXL_DESIGN_ONE_SAMPLE: i32 = 2;

/// Power calculation: solve for the sample size `n` (for `ttxl_power_ttest_2n`: `n2` given `n1`).
pub const TTXL_SOLVE_N: i32 = 0;
/// Power calculation: solve for the power.
pub const TTXL_SOLVE_POWER: i32 = 1;
/// Power calculation: solve for the effect size `d` (the smallest detectable effect).
pub const TTXL_SOLVE_D: i32 = 2;

/// Message language for `ttxl_set_language`: English (the default of every thread).
pub const TTXL_LANG_EN: i32 = 0;
/// Message language for `ttxl_set_language`: Japanese (日本語).
pub const TTXL_LANG_JA: i32 = 1;

/// The test a conclusion names (`ttxl_conclusion_sentence_utf16`): paired t-test.
pub const TTXL_TEST_PAIRED: i32 = 0;
/// The test a conclusion names: Student's two-sample t-test (equal variances).
pub const TTXL_TEST_STUDENT: i32 = 1;
/// The test a conclusion names: Welch's two-sample t-test.
pub const TTXL_TEST_WELCH: i32 = 2;
/// The test a conclusion names: Mann–Whitney U test (Wilcoxon rank-sum).
pub const TTXL_TEST_MANN_WHITNEY: i32 = 3;
/// The test a conclusion names: Wilcoxon signed-rank test.
pub const TTXL_TEST_WILCOXON: i32 = 4;

// ---------------------------------------------------------------------------------------------
// Result structs (doubles only: a VBA `Type` of Doubles has the same layout on 32 and 64 bit)
// ---------------------------------------------------------------------------------------------

/// Result of a t-test, filled by the `ttxl_ttest_*` functions. All fields are doubles, so a VBA
/// `Type` with the same 21 `Double` fields in this order has the same layout on 32 and 64 bit.
///
/// Effect sizes follow R `effectsize` 0.8.3: Student → pooled-SD Cohen's d and Hedges' g;
/// Welch → d and g with the average-variance SD `sqrt((sd_x^2 + sd_y^2) / 2)` (`pooled_sd =
/// FALSE`); paired → d_z (mean difference / SD of the differences, `paired = TRUE`) and its g;
/// one-sample → `(mean_x - mu) / sd_x` and its g. Their confidence intervals use the same level
/// and sidedness as the test (noncentral t), computed to full precision.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TtxlTTest {
    /// t statistic, `(estimate - mu) / std_err`.
    pub statistic: f64,
    /// Degrees of freedom (Welch–Satterthwaite for Welch, so not always an integer).
    pub df: f64,
    /// p-value for the chosen alternative.
    pub p_value: f64,
    /// mean(x) - mean(y) (two samples), mean(x - y) (paired) or mean(x) (one sample), as R.
    pub estimate: f64,
    /// Lower confidence limit of `estimate`; -infinity for `TTXL_LESS`, as R.
    pub conf_low: f64,
    /// Upper confidence limit of `estimate`; +infinity for `TTXL_GREATER`, as R.
    pub conf_high: f64,
    /// Standard error of `estimate`.
    pub std_err: f64,
    /// Valid observations of x (paired: complete pairs).
    pub n_x: f64,
    /// Valid observations of y (paired: complete pairs; one sample: 0).
    pub n_y: f64,
    /// Mean of x (paired: over complete pairs).
    pub mean_x: f64,
    /// Mean of y (paired: over complete pairs; one sample: NaN).
    pub mean_y: f64,
    /// Standard deviation of x, n - 1 denominator (paired: over complete pairs; NaN if x has a
    /// single value, which Student's test allows).
    pub sd_x: f64,
    /// Standard deviation of y (paired: over complete pairs; one sample, or a single value: NaN).
    pub sd_y: f64,
    /// Cohen's d (which d: see above).
    pub cohen_d: f64,
    /// Lower confidence limit of Cohen's d (-infinity for `TTXL_LESS`).
    pub cohen_d_low: f64,
    /// Upper confidence limit of Cohen's d (+infinity for `TTXL_GREATER`).
    pub cohen_d_high: f64,
    /// Hedges' g: Cohen's d times the exact small-sample correction J(df).
    pub hedges_g: f64,
    /// Lower confidence limit of Hedges' g.
    pub hedges_g_low: f64,
    /// Upper confidence limit of Hedges' g.
    pub hedges_g_high: f64,
    /// Missing values (NaN) skipped in x (from summary statistics: 0).
    pub missing_x: f64,
    /// Missing values (NaN) skipped in y (one sample and summary statistics: 0).
    pub missing_y: f64,
}

/// Result of a rank test, filled by `ttxl_mann_whitney` and `ttxl_wilcoxon_signed_rank`.
/// All fields are doubles (see `TtxlTTest`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TtxlRankTest {
    /// W (Mann–Whitney) or V (signed rank), exactly as R's `wilcox.test` reports it.
    pub statistic: f64,
    /// p-value: exact for fewer than 50 observations without ties (or zero differences),
    /// otherwise the normal approximation, as R's default rule.
    pub p_value: f64,
    /// Valid observations of x (signed rank: non-zero differences used).
    pub n_x: f64,
    /// Valid observations of y (signed rank: same as `n_x`).
    pub n_y: f64,
    /// Rank-biserial correlation (R `effectsize::rank_biserial`), positive when x tends to be
    /// larger than y.
    pub rank_biserial: f64,
    /// Missing values (NaN) in x.
    pub missing_x: f64,
    /// Missing values (NaN) in y.
    pub missing_y: f64,
}

// ---------------------------------------------------------------------------------------------
// Conversions (no mathematics here: the engine computes, this layer converts)
// ---------------------------------------------------------------------------------------------

const ALTERNATIVES: &str = "0 (TTXL_TWO_SIDED), 1 (TTXL_LESS), 2 (TTXL_GREATER)";
const FLAGS: &str = "0 (false), 1 or -1 (true; -1 is VBA's True)";

fn alternative_arg(value: i32) -> Result<Alternative, FfiError> {
    match value {
        TTXL_TWO_SIDED => Ok(Alternative::TwoSided),
        TTXL_LESS => Ok(Alternative::Less),
        TTXL_GREATER => Ok(Alternative::Greater),
        _ => Err(FfiError::UnknownValue {
            name: "alternative",
            value,
            allowed: ALTERNATIVES,
        }),
    }
}

/// A 0/1 flag; -1 also means true because VBA's `True` is -1.
fn flag_arg(value: i32, name: &'static str) -> Result<bool, FfiError> {
    match value {
        0 => Ok(false),
        1 | -1 => Ok(true),
        _ => Err(FfiError::UnknownValue {
            name,
            value,
            allowed: FLAGS,
        }),
    }
}

fn method_arg(value: i32) -> Result<AdjustMethod, FfiError> {
    match value {
        TTXL_ADJUST_NONE => Ok(AdjustMethod::None),
        TTXL_ADJUST_HOLM => Ok(AdjustMethod::Holm),
        TTXL_ADJUST_HOCHBERG => Ok(AdjustMethod::Hochberg),
        TTXL_ADJUST_BONFERRONI => Ok(AdjustMethod::Bonferroni),
        TTXL_ADJUST_BH => Ok(AdjustMethod::BenjaminiHochberg),
        TTXL_ADJUST_BY => Ok(AdjustMethod::BenjaminiYekutieli),
        TTXL_ADJUST_HOMMEL => Ok(AdjustMethod::Hommel),
        _ => Err(FfiError::UnknownValue {
            name: "method",
            value,
            allowed: "0 (TTXL_ADJUST_NONE), 1 (TTXL_ADJUST_HOLM), 2 (TTXL_ADJUST_HOCHBERG), \
                      3 (TTXL_ADJUST_BONFERRONI), 4 (TTXL_ADJUST_BH), 5 (TTXL_ADJUST_BY), \
                      6 (TTXL_ADJUST_HOMMEL)",
        }),
    }
}

fn design_arg(value: i32) -> Result<Design, FfiError> {
    match value {
        TTXL_DESIGN_TWO_SAMPLE => Ok(Design::TwoSample),
        TTXL_DESIGN_PAIRED => Ok(Design::Paired),
        TTXL_DESIGN_ONE_SAMPLE => Ok(Design::OneSample),
        _ => Err(FfiError::UnknownValue {
            name: "design",
            value,
            allowed: "0 (TTXL_DESIGN_TWO_SAMPLE), 1 (TTXL_DESIGN_PAIRED), \
                      2 (TTXL_DESIGN_ONE_SAMPLE)",
        }),
    }
}

fn solve_for_arg(value: i32) -> Result<SolveFor, FfiError> {
    match value {
        TTXL_SOLVE_N => Ok(SolveFor::N),
        TTXL_SOLVE_POWER => Ok(SolveFor::Power),
        TTXL_SOLVE_D => Ok(SolveFor::D),
        _ => Err(FfiError::UnknownValue {
            name: "solve_for",
            value,
            allowed: "0 (TTXL_SOLVE_N), 1 (TTXL_SOLVE_POWER), 2 (TTXL_SOLVE_D)",
        }),
    }
}

fn ttest_options(alternative: i32, mu: f64, conf_level: f64) -> Result<TTestOptions, FfiError> {
    let alternative = alternative_arg(alternative)?;
    check_finite("mu", mu)?;
    check_unit_open("conf_level", conf_level)?;
    Ok(TTestOptions {
        alternative,
        mu,
        conf_level,
    })
}

/// Summary statistics passed by value (`*_from_stats`).
fn summary_arg(
    mean: f64,
    sd: f64,
    n: i32,
    names: (&'static str, &'static str, &'static str),
) -> Result<Summary, FfiError> {
    let (mean_name, sd_name, n_name) = names;
    check_finite(mean_name, mean)?;
    check_finite(sd_name, sd)?;
    if sd < 0.0 {
        return Err(FfiError::Reason {
            name: sd_name,
            reason: FfiReason::NegativeSd,
        });
    }
    let n = boundary::length(n, n_name)?;
    Ok(Summary::from_stats(n, mean, sd))
}

/// The C struct of a t-test and the effect size that matches it.
fn ttest_result(t: &TTest) -> Result<TtxlTTest, FfiError> {
    let es = effect_size::for_ttest(t)?;
    let (n_y, mean_y, sd_y, missing_y) = match &t.y {
        Some(y) => (y.n as f64, y.mean, y.sd, y.missing as f64),
        None => (0.0, f64::NAN, f64::NAN, 0.0),
    };
    checked_ttest(TtxlTTest {
        statistic: t.statistic,
        df: t.df,
        p_value: t.p_value,
        estimate: t.estimate,
        conf_low: t.conf_low,
        conf_high: t.conf_high,
        std_err: t.std_err,
        n_x: t.x.n as f64,
        n_y,
        mean_x: t.x.mean,
        mean_y,
        sd_x: t.x.sd,
        sd_y,
        cohen_d: es.d.estimate,
        cohen_d_low: es.d.conf_low,
        cohen_d_high: es.d.conf_high,
        hedges_g: es.g.estimate,
        hedges_g_low: es.g.conf_low,
        hedges_g_high: es.g.conf_high,
        missing_x: t.x.missing as f64,
        missing_y,
    })
}

/// "Never a silent NaN": a field that is documented as a number must not be NaN on success.
/// The engine reports every refusal as an error, so a NaN here is a bug; it becomes
/// `TTXL_ERR_INTERNAL` naming the field instead of a plausible-looking result.
fn no_nan(fields: &[(&str, f64)]) -> Result<(), FfiError> {
    match fields.iter().find(|(_, v)| v.is_nan()) {
        Some((name, _)) => Err(FfiError::Internal(format!(
            "{name} could not be computed for these values (NaN)"
        ))),
        None => Ok(()),
    }
}

fn checked_ttest(t: TtxlTTest) -> Result<TtxlTTest, FfiError> {
    no_nan(&[
        ("statistic", t.statistic),
        ("df", t.df),
        ("p_value", t.p_value),
        ("estimate", t.estimate),
        ("conf_low", t.conf_low),
        ("conf_high", t.conf_high),
        ("std_err", t.std_err),
        ("mean_x", t.mean_x),
        ("cohen_d", t.cohen_d),
        ("cohen_d_low", t.cohen_d_low),
        ("cohen_d_high", t.cohen_d_high),
        ("hedges_g", t.hedges_g),
        ("hedges_g_low", t.hedges_g_low),
        ("hedges_g_high", t.hedges_g_high),
    ])?;
    Ok(t)
}

fn rank_result(r: &RankTest) -> Result<TtxlRankTest, FfiError> {
    no_nan(&[
        ("statistic", r.statistic),
        ("p_value", r.p_value),
        ("rank_biserial", r.rank_biserial),
    ])?;
    Ok(TtxlRankTest {
        statistic: r.statistic,
        p_value: r.p_value,
        n_x: r.n_x as f64,
        n_y: r.n_y as f64,
        rank_biserial: r.rank_biserial,
        missing_x: r.missing_x as f64,
        missing_y: r.missing_y as f64,
    })
}

/// A scalar result must be a number; NaN from the engine after validated input is a bug.
fn number(value: f64, what: &str) -> Result<f64, FfiError> {
    if value.is_nan() {
        Err(FfiError::Internal(format!("{what} came out as NaN")))
    } else {
        Ok(value)
    }
}

type TwoSampleTest = fn(&[f64], &[f64], &TTestOptions) -> Result<TTest, StatsError>;
type FromStatsTest = fn(&Summary, &Summary, &TTestOptions) -> Result<TTest, StatsError>;

/// Shared body of the two-sample tests on raw data.
///
/// # Safety
/// As `ttxl_ttest_welch`.
#[allow(clippy::too_many_arguments)]
unsafe fn two_sample(
    test: TwoSampleTest,
    x: *const f64,
    nx: i32,
    y: *const f64,
    ny: i32,
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    let x = try_slice!(x, nx, "x", "nx");
    let y = try_slice!(y, ny, "y", "ny");
    let options = try_ffi!(ttest_options(alternative, mu, conf_level));
    try_out!(out, "out");
    let t = try_ffi!(test(&x, &y, &options));
    let result = try_ffi!(ttest_result(&t));
    // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
    unsafe { write_out(out, result) };
    succeed()
}

/// Shared body of the two-sample tests from summary statistics.
///
/// # Safety
/// As `ttxl_ttest_welch_from_stats`.
#[allow(clippy::too_many_arguments)]
unsafe fn from_stats(
    test: FromStatsTest,
    x: (f64, f64, i32),
    y: (f64, f64, i32),
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    let sx = try_ffi!(summary_arg(x.0, x.1, x.2, ("mean_x", "sd_x", "n_x")));
    let sy = try_ffi!(summary_arg(y.0, y.1, y.2, ("mean_y", "sd_y", "n_y")));
    let options = try_ffi!(ttest_options(alternative, mu, conf_level));
    try_out!(out, "out");
    let t = try_ffi!(test(&sx, &sy, &options));
    let result = try_ffi!(ttest_result(&t));
    // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
    unsafe { write_out(out, result) };
    succeed()
}

/// Shared body of the rank tests.
///
/// # Safety
/// As `ttxl_mann_whitney`.
#[allow(clippy::too_many_arguments)]
unsafe fn rank_test(
    paired: bool,
    x: *const f64,
    nx: i32,
    y: *const f64,
    ny: i32,
    alternative: i32,
    correct: i32,
    out: *mut TtxlRankTest,
) -> i32 {
    let (x_len, y_len) = if paired { ("n", "n") } else { ("nx", "ny") };
    let x = try_slice!(x, nx, "x", x_len);
    let y = try_slice!(y, ny, "y", y_len);
    let options = RankOptions {
        alternative: try_ffi!(alternative_arg(alternative)),
        correct: try_ffi!(flag_arg(correct, "correct")),
    };
    try_out!(out, "out");
    let r = if paired {
        try_ffi!(rank::signed_rank(&x, &y, &options))
    } else {
        try_ffi!(rank::mann_whitney(&x, &y, &options))
    };
    let result = try_ffi!(rank_result(&r));
    // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
    unsafe { write_out(out, result) };
    succeed()
}

/// Validates a power-calculation parameter that is not being solved for.
fn power_param(value: f64, name: &'static str, solved: bool, unit: bool) -> Result<f64, FfiError> {
    if solved {
        return Ok(f64::NAN); // ignored: the caller may pass anything, even NaN
    }
    if unit {
        check_unit_open(name, value)?;
    } else {
        check_finite(name, value)?;
    }
    Ok(value)
}

// ---------------------------------------------------------------------------------------------
// t-tests
// ---------------------------------------------------------------------------------------------

/// Welch's two-sample t-test (R: `t.test(x, y, alternative, mu, conf.level = conf_level)`),
/// with Cohen's d and Hedges' g (average-variance SD, `pooled_sd = FALSE`) and their intervals.
///
/// `x[0..nx]` and `y[0..ny]` are the two samples; NaN marks a missing value and is skipped
/// (use `ttxl_nan()` from VBA). `alternative` is `TTXL_TWO_SIDED`, `TTXL_LESS` or
/// `TTXL_GREATER`; `mu` is the hypothesised difference mean(x) - mean(y) (usually 0);
/// `conf_level` is the confidence level of the intervals, in (0, 1) (usually 0.95).
///
/// Returns `TTXL_OK` and fills `*out`. Otherwise `*out` is left unchanged, the message is
/// available from `ttxl_last_error_utf8`/`_utf16`, and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` (`y`) is NULL while `nx` (`ny`) > 0;
/// `TTXL_ERR_LENGTH` if `nx` or `ny` is negative;
/// `TTXL_ERR_TOO_FEW` if a group has fewer than 2 valid values;
/// `TTXL_ERR_CONSTANT` if both groups have zero variance;
/// `TTXL_ERR_ARGUMENT` for an unknown `alternative`, a non-finite `mu`, `conf_level` outside
/// (0, 1), or an infinite data value;
/// `TTXL_ERR_INTERNAL` on a bug, including a result field that could not be computed (NaN is
/// never returned with `TTXL_OK`, except where a field's documentation says so).
///
/// # Safety
/// `x` must point to `nx` readable doubles (or be NULL if `nx` is 0), likewise `y`/`ny`;
/// `out` must point to a writable `TtxlTTest` (no alignment needed). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_ttest_welch(
    x: *const f64,
    nx: i32,
    y: *const f64,
    ny: i32,
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    ffi_panic_boundary! {
        unsafe { two_sample(ttest::welch, x, nx, y, ny, alternative, mu, conf_level, out) }
    }
}

/// Student's two-sample t-test with pooled variance (R: `t.test(x, y, var.equal = TRUE, ...)`),
/// with the pooled-SD Cohen's d and Hedges' g and their intervals.
///
/// Parameters and missing values as `ttxl_ttest_welch`.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is as for
/// `ttxl_ttest_welch`, except that `TTXL_ERR_TOO_FEW` means a group has no valid value or both
/// together have fewer than 3.
///
/// # Safety
/// As `ttxl_ttest_welch`.
#[no_mangle]
pub unsafe extern "C" fn ttxl_ttest_student(
    x: *const f64,
    nx: i32,
    y: *const f64,
    ny: i32,
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    ffi_panic_boundary! {
        unsafe { two_sample(ttest::student, x, nx, y, ny, alternative, mu, conf_level, out) }
    }
}

/// Paired t-test of mean(x - y) = `mu` (R: `t.test(x, y, paired = TRUE, ...)`), with d_z (mean
/// difference over the SD of the differences, `effectsize::cohens_d(paired = TRUE)`) and its g.
///
/// `x[i]` and `y[i]` are one pair, for `i` in `0..n`; a pair with NaN on either side is skipped
/// (the fields `missing_x`/`missing_y` count the NaN in x and in y). Both arrays have the same
/// length `n`, so their lengths cannot disagree.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` or `y` is NULL while `n` > 0;
/// `TTXL_ERR_LENGTH` if `n` is negative;
/// `TTXL_ERR_TOO_FEW` if fewer than 2 complete pairs;
/// `TTXL_ERR_CONSTANT` if all differences are equal;
/// `TTXL_ERR_ARGUMENT` for an unknown `alternative`, a non-finite `mu`, `conf_level` outside
/// (0, 1), or an infinite data value; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `x` and `y` must each point to `n` readable doubles (or be NULL if `n` is 0); `out` must
/// point to a writable `TtxlTTest`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_ttest_paired(
    x: *const f64,
    y: *const f64,
    n: i32,
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    ffi_panic_boundary! {
        let xs = try_slice!(x, n, "x", "n");
        let ys = try_slice!(y, n, "y", "n");
        let options = try_ffi!(ttest_options(alternative, mu, conf_level));
        try_out!(out, "out");
        let t = try_ffi!(ttest::paired(&xs, &ys, &options));
        let result = try_ffi!(ttest_result(&t));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, result) };
        succeed()
    }
}

/// One-sample t-test of mean(x) = `mu` (R: `t.test(x, mu = mu, ...)`), with the one-sample
/// Cohen's d `(mean(x) - mu) / sd(x)` and its g.
///
/// In `*out`, `n_y` and `missing_y` are 0 and `mean_y`/`sd_y` are NaN (there is no y).
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` is NULL while `n` > 0;
/// `TTXL_ERR_LENGTH` if `n` is negative;
/// `TTXL_ERR_TOO_FEW` if fewer than 2 valid values;
/// `TTXL_ERR_CONSTANT` if all valid values are equal;
/// `TTXL_ERR_ARGUMENT` for an unknown `alternative`, a non-finite `mu`, `conf_level` outside
/// (0, 1), or an infinite data value; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `x` must point to `n` readable doubles (or be NULL if `n` is 0); `out` must point to a
/// writable `TtxlTTest`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_ttest_one_sample(
    x: *const f64,
    n: i32,
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    ffi_panic_boundary! {
        let xs = try_slice!(x, n, "x", "n");
        let options = try_ffi!(ttest_options(alternative, mu, conf_level));
        try_out!(out, "out");
        let t = try_ffi!(ttest::one_sample(&xs, &options));
        let result = try_ffi!(ttest_result(&t));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, result) };
        succeed()
    }
}

/// Welch's two-sample t-test from published summary statistics: the mean, standard deviation
/// (n - 1 denominator) and size of each group. Same results as `ttxl_ttest_welch` on data with
/// those statistics; `missing_x`/`missing_y` are 0.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL;
/// `TTXL_ERR_LENGTH` if `n_x` or `n_y` is negative;
/// `TTXL_ERR_TOO_FEW` if a group has fewer than 2 observations;
/// `TTXL_ERR_CONSTANT` if both standard deviations are 0;
/// `TTXL_ERR_ARGUMENT` for an unknown `alternative`, a non-finite mean, SD or `mu`, a negative
/// SD, or `conf_level` outside (0, 1); `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `out` must point to a writable `TtxlTTest`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_ttest_welch_from_stats(
    mean_x: f64,
    sd_x: f64,
    n_x: i32,
    mean_y: f64,
    sd_y: f64,
    n_y: i32,
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    ffi_panic_boundary! {
        unsafe {
            from_stats(
                ttest::welch_from_stats,
                (mean_x, sd_x, n_x),
                (mean_y, sd_y, n_y),
                alternative,
                mu,
                conf_level,
                out,
            )
        }
    }
}

/// Student's two-sample t-test (pooled variance) from summary statistics; parameters as
/// `ttxl_ttest_welch_from_stats`, results as `ttxl_ttest_student`.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is as for
/// `ttxl_ttest_welch_from_stats` (`TTXL_ERR_TOO_FEW`: a group is empty or both together have
/// fewer than 3 observations).
///
/// # Safety
/// `out` must point to a writable `TtxlTTest`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_ttest_student_from_stats(
    mean_x: f64,
    sd_x: f64,
    n_x: i32,
    mean_y: f64,
    sd_y: f64,
    n_y: i32,
    alternative: i32,
    mu: f64,
    conf_level: f64,
    out: *mut TtxlTTest,
) -> i32 {
    ffi_panic_boundary! {
        unsafe {
            from_stats(
                ttest::student_from_stats,
                (mean_x, sd_x, n_x),
                (mean_y, sd_y, n_y),
                alternative,
                mu,
                conf_level,
                out,
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rank tests
// ---------------------------------------------------------------------------------------------

/// Mann–Whitney U / Wilcoxon rank-sum test of x against y (R: `wilcox.test(x, y, alternative,
/// correct = correct)`), with the rank-biserial correlation. NaN values are skipped. The
/// statistic is R's W; the p-value is exact for fewer than 50 values per group without ties,
/// otherwise the normal approximation with (`correct` = 1) or without (0) continuity correction.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` (`y`) is NULL while `nx` (`ny`) > 0;
/// `TTXL_ERR_LENGTH` if `nx` or `ny` is negative;
/// `TTXL_ERR_TOO_FEW` if a group has no valid value;
/// `TTXL_ERR_CONSTANT` if all values of both groups are tied (R gives p = NaN);
/// `TTXL_ERR_ARGUMENT` for an unknown `alternative`, `correct` other than 0, 1 or -1 (VBA's
/// True), or an infinite data value; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `x` must point to `nx` readable doubles (or be NULL if `nx` is 0), likewise `y`/`ny`;
/// `out` must point to a writable `TtxlRankTest`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_mann_whitney(
    x: *const f64,
    nx: i32,
    y: *const f64,
    ny: i32,
    alternative: i32,
    correct: i32,
    out: *mut TtxlRankTest,
) -> i32 {
    ffi_panic_boundary! {
        unsafe { rank_test(false, x, nx, y, ny, alternative, correct, out) }
    }
}

/// Wilcoxon signed-rank test on the paired differences x - y (R: `wilcox.test(x, y, paired =
/// TRUE, alternative, correct = correct)`), with the rank-biserial correlation. Pairs with NaN
/// on either side and zero differences are dropped, as R. The statistic is R's V; the p-value
/// is exact for fewer than 50 pairs without ties or zeros, otherwise the normal approximation.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` or `y` is NULL while `n` > 0;
/// `TTXL_ERR_LENGTH` if `n` is negative;
/// `TTXL_ERR_TOO_FEW` if no complete pair with a non-zero difference remains (R gives p = NaN
/// when all differences are zero);
/// `TTXL_ERR_ARGUMENT` for an unknown `alternative`, `correct` other than 0, 1 or -1, or an
/// infinite data value; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `x` and `y` must each point to `n` readable doubles (or be NULL if `n` is 0); `out` must
/// point to a writable `TtxlRankTest`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_wilcoxon_signed_rank(
    x: *const f64,
    y: *const f64,
    n: i32,
    alternative: i32,
    correct: i32,
    out: *mut TtxlRankTest,
) -> i32 {
    ffi_panic_boundary! {
        unsafe { rank_test(true, x, n, y, n, alternative, correct, out) }
    }
}

// ---------------------------------------------------------------------------------------------
// Multiple comparisons
// ---------------------------------------------------------------------------------------------

/// Adjusts `n` p-values for multiple comparisons (R: `p.adjust(p, method)`). NaN entries stay
/// NaN and are not counted as comparisons, as R. `adjusted_out` receives `n` doubles; it may be
/// the same array as `p` (adjusting in place).
///
/// `method` is one of `TTXL_ADJUST_NONE`, `_HOLM`, `_HOCHBERG`, `_BONFERRONI`, `_BH`, `_BY`,
/// `_HOMMEL`.
///
/// Returns `TTXL_OK` and fills `adjusted_out[0..n]` (nothing for `n` = 0); otherwise
/// `adjusted_out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `p` or `adjusted_out` is NULL while `n` > 0;
/// `TTXL_ERR_LENGTH` if `n` is negative;
/// `TTXL_ERR_ARGUMENT` for an unknown `method` or a p-value outside [0, 1];
/// `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `p` must point to `n` readable doubles and `adjusted_out` to `n` writable doubles (either
/// may be NULL if `n` is 0). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_p_adjust(
    p: *const f64,
    n: i32,
    method: i32,
    adjusted_out: *mut f64,
) -> i32 {
    ffi_panic_boundary! {
        let adjusted = {
            let ps = try_slice!(p, n, "p", "n");
            let method = try_ffi!(method_arg(method));
            if !ps.is_empty() && adjusted_out.is_null() {
                return fail(FfiError::NullData { name: "adjusted_out", len_name: "n", len: n });
            }
            try_ffi!(p_adjust::p_adjust(&ps, method))
            // `ps` ends here, before `adjusted_out` (which may alias `p`) is written.
        };
        if adjusted.len() != n as usize {
            return fail(FfiError::Internal(format!(
                "p_adjust returned {} values for {n}",
                adjusted.len()
            )));
        }
        for (i, value) in adjusted.into_iter().enumerate() {
            // SAFETY: non-null when n > 0 (checked above); the caller provides n writable doubles.
            unsafe { adjusted_out.add(i).write_unaligned(value) };
        }
        succeed()
    }
}

// ---------------------------------------------------------------------------------------------
// Power and sample size
// ---------------------------------------------------------------------------------------------

/// Power, sample size or detectable effect of a t-test, as R's `pwr::pwr.t.test`.
///
/// `design` is `TTXL_DESIGN_TWO_SAMPLE` (`n` per group), `TTXL_DESIGN_PAIRED` (`n` pairs) or
/// `TTXL_DESIGN_ONE_SAMPLE`; `solve_for` is `TTXL_SOLVE_N`, `TTXL_SOLVE_POWER` or
/// `TTXL_SOLVE_D`, and the parameter being solved for is ignored (pass anything, e.g. 0 or NaN).
/// `n` is the sample size (may be fractional), `d` Cohen's d (negative for `TTXL_LESS`),
/// `alpha` the significance level in (0, 1), `power` the target power in (0, 1).
/// `*result` receives the solved quantity (`n` fractional, as pwr: round it up).
///
/// Returns `TTXL_OK` and writes `*result`; otherwise `*result` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `result` is NULL;
/// `TTXL_ERR_ARGUMENT` for an unknown `design`, `alternative` or `solve_for`, a used parameter
/// that is NaN, infinite or out of range (`alpha`, `power` outside (0, 1); `n` too small or above
/// 1e12; `|d|` above 1e6), or no solution (for example a power that no sample size reaches);
/// `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `result` must point to a writable double. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_power_ttest(
    design: i32,
    alternative: i32,
    solve_for: i32,
    n: f64,
    d: f64,
    alpha: f64,
    power: f64,
    result: *mut f64,
) -> i32 {
    ffi_panic_boundary! {
        let design = try_ffi!(design_arg(design));
        let alt = try_ffi!(alternative_arg(alternative));
        let solve = try_ffi!(solve_for_arg(solve_for));
        let n = try_ffi!(power_param(n, "n", solve == SolveFor::N, false));
        let d = try_ffi!(power_param(d, "d", solve == SolveFor::D, false));
        let alpha = try_ffi!(power_param(alpha, "alpha", false, true));
        let target = try_ffi!(power_param(power, "power", solve == SolveFor::Power, true));
        try_out!(result, "result");
        let value = try_ffi!(power::calculate(&Query {
            sizes: Sizes::Equal { design, n },
            alternative: alt,
            d,
            alpha,
            power: target,
            solve_for: solve,
        }));
        let value = try_ffi!(number(value, "the power calculation"));
        // SAFETY: `result` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(result, value) };
        succeed()
    }
}

/// Power, `n2` or detectable effect of a two-sample t-test with unequal groups, as R's
/// `pwr::pwr.t2n.test`. `TTXL_SOLVE_N` solves for `n2` given `n1` (the `n2` passed is ignored);
/// `TTXL_SOLVE_POWER` ignores `power`; `TTXL_SOLVE_D` ignores `d`.
///
/// Returns `TTXL_OK` and writes `*result`; otherwise `*result` is unchanged and the status is
/// as for `ttxl_power_ttest`.
///
/// # Safety
/// `result` must point to a writable double. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_power_ttest_2n(
    alternative: i32,
    solve_for: i32,
    n1: f64,
    n2: f64,
    d: f64,
    alpha: f64,
    power: f64,
    result: *mut f64,
) -> i32 {
    ffi_panic_boundary! {
        let alt = try_ffi!(alternative_arg(alternative));
        let solve = try_ffi!(solve_for_arg(solve_for));
        let n1 = try_ffi!(power_param(n1, "n1", false, false));
        let n2 = try_ffi!(power_param(n2, "n2", solve == SolveFor::N, false));
        let d = try_ffi!(power_param(d, "d", solve == SolveFor::D, false));
        let alpha = try_ffi!(power_param(alpha, "alpha", false, true));
        let target = try_ffi!(power_param(power, "power", solve == SolveFor::Power, true));
        try_out!(result, "result");
        let value = try_ffi!(power::calculate(&Query {
            sizes: Sizes::Unequal { n1, n2 },
            alternative: alt,
            d,
            alpha,
            power: target,
            solve_for: solve,
        }));
        let value = try_ffi!(number(value, "the power calculation"));
        // SAFETY: `result` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(result, value) };
        succeed()
    }
}

// ---------------------------------------------------------------------------------------------
// t distribution
// ---------------------------------------------------------------------------------------------

fn df_arg(df: f64) -> Result<f64, FfiError> {
    if df > 0.0 {
        Ok(df)
    } else {
        Err(FfiError::Reason {
            name: "df",
            reason: FfiReason::DfPositive,
        })
    }
}

/// Cumulative distribution function of Student's t with `df` degrees of freedom (R:
/// `pt(t, df, lower.tail = lower_tail)`): P(T <= t) when `lower_tail` is 1 (or -1, VBA's True),
/// P(T > t) when 0, each computed directly so small tail probabilities keep full precision.
/// `t` may be +-infinity; `df` may be +infinity (the standard normal).
///
/// Returns `TTXL_OK` and writes `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL;
/// `TTXL_ERR_ARGUMENT` if `t` is NaN, `df` is NaN or not positive, or `lower_tail` is not 0, 1
/// or -1; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `out` must point to a writable double. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_t_cdf(t: f64, df: f64, lower_tail: i32, out: *mut f64) -> i32 {
    ffi_panic_boundary! {
        if t.is_nan() {
            return fail(FfiError::Reason {
                name: "t",
                reason: FfiReason::NotANumber,
            });
        }
        let df = try_ffi!(df_arg(df));
        let lower = try_ffi!(flag_arg(lower_tail, "lower_tail"));
        try_out!(out, "out");
        let value = if lower { tdist::cdf(t, df) } else { tdist::sf(t, df) };
        let value = try_ffi!(number(value, "the t distribution function"));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, value) };
        succeed()
    }
}

/// Quantile (inverse CDF) of Student's t (R: `qt(p, df)`): the t with P(T <= t) = `p`.
/// `p` = 0 gives -infinity and `p` = 1 gives +infinity; `df` may be +infinity.
///
/// Returns `TTXL_OK` and writes `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL;
/// `TTXL_ERR_ARGUMENT` if `p` is NaN or outside [0, 1], or `df` is NaN or not positive;
/// `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `out` must point to a writable double. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_t_quantile(p: f64, df: f64, out: *mut f64) -> i32 {
    ffi_panic_boundary! {
        if !(0.0..=1.0).contains(&p) {
            return fail(FfiError::Reason {
                name: "p",
                reason: FfiReason::Probability,
            });
        }
        let df = try_ffi!(df_arg(df));
        try_out!(out, "out");
        let value = try_ffi!(number(tdist::quantile(p, df), "the t quantile"));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, value) };
        succeed()
    }
}

// ---------------------------------------------------------------------------------------------
// Errors, language, missing values, version
// ---------------------------------------------------------------------------------------------

/// Copies this thread's last error message, UTF-8 encoded, into `buf`.
///
/// The last error is set by every function returning a status other than `TTXL_OK` and cleared
/// when a computation succeeds; it belongs to the calling thread, and the text is in the
/// thread's language (`ttxl_set_language`) at the time of this call.
///
/// Returns the length of the whole message in bytes, NOT counting the terminating NUL (0 when
/// there is no error). If `buf` is not NULL and `cap` > 0, writes at most `cap - 1` bytes (cut
/// at a character boundary, so the text stays valid UTF-8) followed by a NUL. To get the whole
/// message, call with `(NULL, 0)`, allocate the result + 1 bytes and call again. Never fails.
///
/// # Safety
/// `buf` must be NULL or point to `cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn ttxl_last_error_utf8(buf: *mut c_char, cap: i32) -> i32 {
    ffi_panic_boundary! {
        let message = error::last_message();
        if !buf.is_null() && cap > 0 {
            let mut cut = message.len().min(cap as usize - 1);
            while !message.is_char_boundary(cut) {
                cut -= 1;
            }
            // SAFETY: `buf` has `cap` > `cut` writable bytes by the caller's contract.
            unsafe {
                std::ptr::copy_nonoverlapping(message.as_ptr(), buf.cast::<u8>(), cut);
                buf.add(cut).write(0);
            }
        }
        i32::try_from(message.len()).unwrap_or(i32::MAX)
    }
}

/// Copies this thread's last error message, UTF-16 encoded, into `buf` — the form VBA reads:
///
/// ```text
/// n = ttxl_last_error_utf16(0, 0)
/// msg = String$(n, vbNullChar)
/// ttxl_last_error_utf16 StrPtr(msg), n + 1   ' a VBA string has room for the NUL
/// ```
///
/// Returns the length of the whole message in UTF-16 code units, NOT counting the terminating
/// NUL (0 when there is no error). If `buf` is not NULL and `cap` > 0, writes at most `cap - 1`
/// units (never half of a surrogate pair) followed by a NUL. Never fails. See
/// `ttxl_last_error_utf8` for when the last error is set and cleared.
///
/// # Safety
/// `buf` must be NULL or point to `cap` writable `uint16_t` (no alignment needed).
#[no_mangle]
pub unsafe extern "C" fn ttxl_last_error_utf16(buf: *mut u16, cap: i32) -> i32 {
    ffi_panic_boundary! {
        let units: Vec<u16> = error::last_message().encode_utf16().collect();
        if !buf.is_null() && cap > 0 {
            let mut cut = units.len().min(cap as usize - 1);
            if cut > 0 && cut < units.len() && (0xD800..0xDC00).contains(&units[cut - 1]) {
                cut -= 1; // do not split a surrogate pair
            }
            for (i, &unit) in units[..cut].iter().enumerate() {
                // SAFETY: `buf` has `cap` > `cut` writable units by the caller's contract.
                unsafe { buf.add(i).write_unaligned(unit) };
            }
            // SAFETY: as above, `cut` < `cap`.
            unsafe { buf.add(cut).write_unaligned(0) };
        }
        i32::try_from(units.len()).unwrap_or(i32::MAX)
    }
}

/// Sets the language of this thread's error messages: `TTXL_LANG_EN` (the default of every new
/// thread) or `TTXL_LANG_JA`. The setting is per thread, like the last error; it also applies
/// to a message already recorded, and it does not clear the last error.
///
/// Returns `TTXL_OK`, or `TTXL_ERR_ARGUMENT` (language unchanged, last error set) for any other
/// value.
#[no_mangle]
pub extern "C" fn ttxl_set_language(language: i32) -> i32 {
    ffi_panic_boundary! {
        let lang = match language {
            TTXL_LANG_EN => Lang::En,
            TTXL_LANG_JA => Lang::Ja,
            _ => {
                return fail(FfiError::UnknownValue {
                    name: "language",
                    value: language,
                    allowed: "0 (TTXL_LANG_EN), 1 (TTXL_LANG_JA)",
                })
            }
        };
        error::set_language(lang);
        TTXL_OK
    }
}

/// Returns a quiet NaN, the missing-value marker for input arrays. VBA cannot write a NaN
/// literal; it stores `ttxl_nan()` for a blank cell instead of 0.
#[no_mangle]
pub extern "C" fn ttxl_nan() -> f64 {
    ffi_panic_boundary! { f64::NAN }
}

/// Returns the library version, `"MAJOR.MINOR.PATCH"`, as a static NUL-terminated UTF-8 string
/// that must not be freed. Compare with `TTXL_VERSION_STRING` to detect a header/library mismatch.
#[no_mangle]
pub extern "C" fn ttxl_version() -> *const c_char {
    ffi_panic_boundary! {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast::<c_char>()
    }
}

/// Returns the ABI version of the library; a program compiled against this header should check
/// that it equals `TTXL_ABI_VERSION`.
#[no_mangle]
pub extern "C" fn ttxl_abi_version() -> i32 {
    ffi_panic_boundary! { TTXL_ABI_VERSION }
}

// ---------------------------------------------------------------------------------------------
// Equivalence tests (TOST) and Bayes factors (added in ABI 1; appended, nothing above changed)
// ---------------------------------------------------------------------------------------------

/// Result of an equivalence test (two one-sided t-tests, TOST), filled by the `ttxl_tost_*`
/// functions. All fields are doubles (see `TtxlTTest`).
///
/// Equivalence (the difference lies between `low` and `high`) is shown at level alpha when
/// `p_value` < alpha, which is the same as the `conf_level` = 1 - 2 alpha interval
/// [`conf_low`, `conf_high`] lying inside (`low`, `high`) (Schuirmann 1987).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TtxlTost {
    /// The larger of `p_lower` and `p_upper`: the p-value of the equivalence test.
    pub p_value: f64,
    /// p of the one-sided test against the lower bound (H1: difference > low).
    pub p_lower: f64,
    /// p of the one-sided test against the upper bound (H1: difference < high).
    pub p_upper: f64,
    /// t against the lower bound, `(estimate - low) / std_err`.
    pub statistic_lower: f64,
    /// t against the upper bound, `(estimate - high) / std_err`.
    pub statistic_upper: f64,
    /// Degrees of freedom of the t-test (Welch–Satterthwaite for Welch).
    pub df: f64,
    /// mean(x) - mean(y) (two samples), mean(x - y) (paired) or mean(x) (one sample).
    pub estimate: f64,
    /// Lower limit of the two-sided `conf_level` interval of `estimate` (e.g. 90%).
    pub conf_low: f64,
    /// Upper limit of that interval.
    pub conf_high: f64,
}

fn tost_result(r: &Tost) -> Result<TtxlTost, FfiError> {
    let out = TtxlTost {
        p_value: r.p_value,
        p_lower: r.p_lower,
        p_upper: r.p_upper,
        statistic_lower: r.statistic_lower,
        statistic_upper: r.statistic_upper,
        df: r.df,
        estimate: r.estimate,
        conf_low: r.conf_low,
        conf_high: r.conf_high,
    };
    no_nan(&[
        ("p_value", out.p_value),
        ("p_lower", out.p_lower),
        ("p_upper", out.p_upper),
        ("statistic_lower", out.statistic_lower),
        ("statistic_upper", out.statistic_upper),
        ("df", out.df),
        ("estimate", out.estimate),
        ("conf_low", out.conf_low),
        ("conf_high", out.conf_high),
    ])?;
    Ok(out)
}

/// Shared body of the `ttxl_tost_*` functions (`y` is `None` for one sample).
fn run_tost(
    kind: TTestKind,
    x: &[f64],
    y: Option<&[f64]>,
    low: f64,
    high: f64,
    conf_level: f64,
) -> Result<TtxlTost, FfiError> {
    let bounds = Bounds::new(low, high)?;
    let r = tost::tost(kind, x, y, bounds, conf_level)?;
    tost_result(&r)
}

/// Equivalence test for two independent samples with Welch's t (statsmodels `ttost_ind(x, y,
/// low, high, usevar = "unequal")`; pingouin `tost(x, y, bound)`): two one-sided Welch tests of mean(x) - mean(y) > `low` and < `high`
/// (Schuirmann 1987). `low` and `high` are in the data's units, on the difference x - y.
/// `conf_level` is the level of the reported interval, 1 - 2 alpha (0.90 for alpha = 0.05).
/// NaN in `x` or `y` is a missing value and is skipped.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` (`y`) is NULL while `nx` (`ny`) > 0;
/// `TTXL_ERR_LENGTH` if `nx` or `ny` is negative;
/// `TTXL_ERR_TOO_FEW` if a group has fewer than 2 valid values;
/// `TTXL_ERR_CONSTANT` if both groups are constant;
/// `TTXL_ERR_ARGUMENT` if `low` >= `high`, a bound is NaN or infinite, `conf_level` is outside
/// (0, 1), or a data value is infinite; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `x` must point to `nx` readable doubles (or be NULL if `nx` is 0), likewise `y`/`ny`;
/// `out` must point to a writable `TtxlTost` (no alignment needed). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_tost_welch(
    x: *const f64,
    nx: i32,
    y: *const f64,
    ny: i32,
    low: f64,
    high: f64,
    conf_level: f64,
    out: *mut TtxlTost,
) -> i32 {
    ffi_panic_boundary! {
        let xs = try_slice!(x, nx, "x", "nx");
        let ys = try_slice!(y, ny, "y", "ny");
        try_out!(out, "out");
        let result = try_ffi!(run_tost(TTestKind::Welch, &xs, Some(&ys), low, high, conf_level));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, result) };
        succeed()
    }
}

/// Equivalence test for two independent samples with Student's pooled-variance t (statsmodels
/// `ttost_ind(x, y, low, high, usevar = "pooled")`). Parameters as `ttxl_tost_welch`.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is as for
/// `ttxl_tost_welch`, except that `TTXL_ERR_TOO_FEW` means a group has no valid value or both
/// together have fewer than 3.
///
/// # Safety
/// As `ttxl_tost_welch`.
#[no_mangle]
pub unsafe extern "C" fn ttxl_tost_student(
    x: *const f64,
    nx: i32,
    y: *const f64,
    ny: i32,
    low: f64,
    high: f64,
    conf_level: f64,
    out: *mut TtxlTost,
) -> i32 {
    ffi_panic_boundary! {
        let xs = try_slice!(x, nx, "x", "nx");
        let ys = try_slice!(y, ny, "y", "ny");
        try_out!(out, "out");
        let result =
            try_ffi!(run_tost(TTestKind::Student, &xs, Some(&ys), low, high, conf_level));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, result) };
        succeed()
    }
}

/// Equivalence test for paired data (statsmodels `ttost_paired(x, y, low, high)`): two one-sided
/// paired t-tests of mean(x - y) > `low` and < `high`. A pair with NaN on either side is skipped.
/// Other parameters as `ttxl_tost_welch`.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` or `y` is NULL while `n` > 0;
/// `TTXL_ERR_LENGTH` if `n` is negative;
/// `TTXL_ERR_TOO_FEW` if fewer than 2 complete pairs;
/// `TTXL_ERR_CONSTANT` if all differences are equal;
/// `TTXL_ERR_ARGUMENT` as for `ttxl_tost_welch`; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `x` and `y` must each point to `n` readable doubles (or be NULL if `n` is 0); `out` must
/// point to a writable `TtxlTost`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_tost_paired(
    x: *const f64,
    y: *const f64,
    n: i32,
    low: f64,
    high: f64,
    conf_level: f64,
    out: *mut TtxlTost,
) -> i32 {
    ffi_panic_boundary! {
        let xs = try_slice!(x, n, "x", "n");
        let ys = try_slice!(y, n, "y", "n");
        try_out!(out, "out");
        let result =
            try_ffi!(run_tost(TTestKind::Paired, &xs, Some(&ys), low, high, conf_level));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, result) };
        succeed()
    }
}

/// Equivalence test for one sample (statsmodels `DescrStatsW(x).ttost_mean(low, high)`): two
/// one-sided t-tests of mean(x) > `low` and < `high`; the bounds are on mean(x) itself. Other
/// parameters as `ttxl_tost_welch`.
///
/// Returns `TTXL_OK` and fills `*out`; otherwise `*out` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `out` is NULL, or `x` is NULL while `n` > 0;
/// `TTXL_ERR_LENGTH` if `n` is negative;
/// `TTXL_ERR_TOO_FEW` if fewer than 2 valid values;
/// `TTXL_ERR_CONSTANT` if all valid values are equal;
/// `TTXL_ERR_ARGUMENT` as for `ttxl_tost_welch`; `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `x` must point to `n` readable doubles (or be NULL if `n` is 0); `out` must point to a
/// writable `TtxlTost`. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_tost_one_sample(
    x: *const f64,
    n: i32,
    low: f64,
    high: f64,
    conf_level: f64,
    out: *mut TtxlTost,
) -> i32 {
    ffi_panic_boundary! {
        let xs = try_slice!(x, n, "x", "n");
        try_out!(out, "out");
        let result = try_ffi!(run_tost(TTestKind::OneSample, &xs, None, low, high, conf_level));
        // SAFETY: `out` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(out, result) };
        succeed()
    }
}

/// The JZS Bayes factor BF10 of a t-test (Rouder et al. 2009; R: `BayesFactor::ttest.tstat(t,
/// n1, n2, rscale, simple = TRUE)`): the evidence for an effect over no effect, with a Cauchy
/// prior of scale `rscale` on the standardized effect (sqrt(2)/2 = 0.7071... is BayesFactor's
/// and JASP's default "medium"). 1 / BF10 is the evidence for no effect.
///
/// `design` is `TTXL_DESIGN_ONE_SAMPLE` or `TTXL_DESIGN_PAIRED` (`t` of a one-sample or paired
/// test on `nx` values or pairs; `ny` is ignored) or `TTXL_DESIGN_TWO_SAMPLE` (`t` is Student's
/// two-sample t of groups of `nx` and `ny`; for Welch data, compute Student's t).
///
/// Returns `TTXL_OK` and writes `*bf10`; otherwise `*bf10` is unchanged and the status is:
/// `TTXL_ERR_NULL` if `bf10` is NULL;
/// `TTXL_ERR_LENGTH` if `nx` (or, for two samples, `ny`) is negative;
/// `TTXL_ERR_TOO_FEW` if the degrees of freedom are below 1 (fewer than 2 values or pairs; for two
/// samples an empty group or fewer than 3 values together);
/// `TTXL_ERR_ARGUMENT` for an unknown `design`, a NaN or infinite `t`, an `rscale` that is not a
/// positive number, or a Bayes factor above the largest double (about 1e308);
/// `TTXL_ERR_INTERNAL` on a bug.
///
/// # Safety
/// `bf10` must point to a writable double. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ttxl_bayes_factor_t(
    design: i32,
    t: f64,
    nx: i32,
    ny: i32,
    rscale: f64,
    bf10: *mut f64,
) -> i32 {
    ffi_panic_boundary! {
        let design = try_ffi!(design_arg(design));
        let n_x = try_ffi!(boundary::length(nx, "nx"));
        let samples = match design {
            Design::TwoSample => BfDesign::TwoSample {
                n_x,
                n_y: try_ffi!(boundary::length(ny, "ny")),
            },
            Design::Paired | Design::OneSample => BfDesign::OneSample { n: n_x },
        };
        try_out!(bf10, "bf10");
        let value = try_ffi!(bayes_factor::bf10(t, samples, rscale));
        let value = try_ffi!(number(value, "the Bayes factor"));
        // SAFETY: `bf10` is non-null (checked above) and writable by the caller's contract.
        unsafe { write_out(bf10, value) };
        succeed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    // A function built exactly like the exports, whose body panics: the panic must not unwind
    // out of `extern "C"` (which would abort this test process) but become TTXL_ERR_INTERNAL.
    extern "C" fn panicking_export(out: *mut f64) -> i32 {
        ffi_panic_boundary! {
            try_out!(out, "out");
            panic!("deliberate test panic");
        }
    }

    extern "C" fn panicking_number() -> f64 {
        ffi_panic_boundary! { panic!("deliberate test panic") }
    }

    fn last_error_utf8() -> String {
        let n = unsafe { ttxl_last_error_utf8(std::ptr::null_mut(), 0) };
        let mut buf = vec![0 as c_char; n as usize + 1];
        let m = unsafe { ttxl_last_error_utf8(buf.as_mut_ptr(), n + 1) };
        assert_eq!(m, n);
        unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn panic_becomes_internal_error_with_message() {
        let mut out = 1.5;
        assert_eq!(panicking_export(&mut out), TTXL_ERR_INTERNAL);
        assert_eq!(out, 1.5, "out must not be written on failure");
        let msg = last_error_utf8();
        assert!(msg.contains("deliberate test panic"), "{msg}");
        assert!(panicking_number().is_nan());
        // The NULL check inside the boundary still works.
        assert_eq!(panicking_export(std::ptr::null_mut()), TTXL_ERR_NULL);
    }

    #[test]
    fn version_matches_cargo_toml() {
        let v = unsafe { CStr::from_ptr(ttxl_version()) }.to_str().unwrap();
        assert_eq!(v, env!("CARGO_PKG_VERSION"));
        assert_eq!(TTXL_VERSION_STRING, env!("CARGO_PKG_VERSION"));
        assert_eq!(
            TTXL_VERSION_MAJOR.to_string(),
            env!("CARGO_PKG_VERSION_MAJOR")
        );
        assert_eq!(
            TTXL_VERSION_MINOR.to_string(),
            env!("CARGO_PKG_VERSION_MINOR")
        );
        assert_eq!(
            TTXL_VERSION_PATCH.to_string(),
            env!("CARGO_PKG_VERSION_PATCH")
        );
        let part = |s: &str| s.parse::<i32>().unwrap();
        assert_eq!(
            TTXL_VERSION_NUMBER,
            part(env!("CARGO_PKG_VERSION_MAJOR")) * 10000
                + part(env!("CARGO_PKG_VERSION_MINOR")) * 100
                + part(env!("CARGO_PKG_VERSION_PATCH"))
        );
        assert_eq!(ttxl_abi_version(), TTXL_ABI_VERSION);
    }

    #[test]
    fn misaligned_input_is_read_not_undefined_behaviour() {
        let x = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5];
        let y = [4.1, 4.5, 4.9, 5.0, 4.2, 4.4, 5.2];
        // x copied to an odd address inside a byte buffer.
        let mut bytes = vec![0u8; 8 * x.len() + 1];
        let base = unsafe { bytes.as_mut_ptr().add(1) }.cast::<f64>();
        for (i, v) in x.iter().enumerate() {
            unsafe { base.add(i).write_unaligned(*v) };
        }
        assert_ne!(base.align_offset(std::mem::align_of::<f64>()), 0);
        let view = unsafe { boundary::input_slice(base, x.len() as i32, "x", "nx") }.unwrap();
        assert_eq!(&*view, &x[..]);
        let mut a = std::mem::MaybeUninit::<TtxlTTest>::uninit();
        let mut b = std::mem::MaybeUninit::<TtxlTTest>::uninit();
        let sa =
            unsafe { ttxl_ttest_welch(x.as_ptr(), 6, y.as_ptr(), 7, 0, 0.0, 0.95, a.as_mut_ptr()) };
        let sb = unsafe { ttxl_ttest_welch(base, 6, y.as_ptr(), 7, 0, 0.0, 0.95, b.as_mut_ptr()) };
        assert_eq!((sa, sb), (TTXL_OK, TTXL_OK));
        assert_eq!(unsafe { a.assume_init() }, unsafe { b.assume_init() });
    }

    #[test]
    fn nan_in_a_numeric_field_is_an_internal_error() {
        let t = TtxlTTest {
            statistic: 1.0,
            df: 2.0,
            p_value: 0.4,
            estimate: 1.0,
            conf_low: 0.0,
            conf_high: 2.0,
            std_err: 1.0,
            n_x: 2.0,
            n_y: 0.0,
            mean_x: 1.0,
            mean_y: f64::NAN, // documented: one sample
            sd_x: 1.0,
            sd_y: f64::NAN, // documented: one sample
            cohen_d: 1.0,
            cohen_d_low: 0.1,
            cohen_d_high: 2.0,
            hedges_g: 0.9,
            hedges_g_low: 0.1,
            hedges_g_high: 1.9,
            missing_x: 0.0,
            missing_y: 0.0,
        };
        assert!(checked_ttest(t).is_ok());
        let bad = TtxlTTest {
            cohen_d_low: f64::NAN,
            ..t
        };
        let e = checked_ttest(bad).unwrap_err();
        assert_eq!(e.status(), TTXL_ERR_INTERNAL);
        assert!(e.message(Lang::En).contains("cohen_d_low"), "{e:?}");
    }

    #[test]
    fn flags_accept_vba_true() {
        assert_eq!(flag_arg(-1, "correct"), Ok(true));
        assert_eq!(flag_arg(1, "correct"), Ok(true));
        assert_eq!(flag_arg(0, "correct"), Ok(false));
        assert!(flag_arg(2, "correct").is_err());
    }

    #[test]
    fn utf16_truncation_keeps_surrogate_pairs_whole() {
        // A message with a character outside the BMP: the enum-name text is ours, so build one.
        let _ = fail(FfiError::Internal("\u{1F600}".into()));
        let n = unsafe { ttxl_last_error_utf16(std::ptr::null_mut(), 0) };
        let prefix = "internal error in ttest-xl (please report it): ";
        let full: Vec<u16> = format!("{prefix}\u{1F600}").encode_utf16().collect();
        assert_eq!(n as usize, full.len());
        // Room for everything but the last unit: the pair must be dropped whole.
        let mut buf = vec![0xFFFFu16; full.len()];
        unsafe { ttxl_last_error_utf16(buf.as_mut_ptr(), full.len() as i32) };
        assert_eq!(&buf[..full.len() - 2], &full[..full.len() - 2]);
        assert_eq!(buf[full.len() - 2], 0);
        // UTF-8: cut at a character boundary.
        let mut buf8 = [0x55 as c_char; 50];
        let cap8 = prefix.len() as i32 + 3;
        let n8 = unsafe { ttxl_last_error_utf8(buf8.as_mut_ptr(), cap8) };
        assert_eq!(n8 as usize, prefix.len() + 4);
        let s = unsafe { CStr::from_ptr(buf8.as_ptr()) }.to_str().unwrap();
        assert_eq!(s, prefix);
    }
}
