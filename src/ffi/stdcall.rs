//! `stdcall` twins of every export, for 32-bit Office.
//!
//! 32-bit VBA can only call `stdcall` functions, while the header's functions are `extern "C"`
//! (cbindgen skips `extern "system"`, cbindgen issue #55). On `i686` Windows this module adds an
//! `extern "system"` twin of each export, exported undecorated as `<name>_stdcall`
//! (`ttxl_ttest_welch_stdcall`, not `_ttxl_ttest_welch_stdcall@36`); the VBA module declares them
//! with `Alias "<name>_stdcall"` when `Win64` is false. 64-bit Windows has one calling
//! convention, so there are no twins there. This module is `cbindgen:ignore`d: the twins are
//! not part of the C header.
//!
//! The list below must name every export of the header: `tests/header.rs` fails when a function
//! in `include/ttest_xl.h` has no twin here (or a twin has no function), and each twin forwards
//! its arguments to the C function of the same name, so a signature that drifts from the C
//! function does not compile. In `cargo test` builds on every platform the module is compiled
//! (not exported) so both checks run everywhere.

use std::ffi::c_char;

use super::{TtxlContrast, TtxlProportions, TtxlRankTest, TtxlTTest, TtxlTost};

macro_rules! stdcall_twins {
    ($( fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty ; )*) => {
        $(
            #[doc = concat!("`stdcall` twin of `", stringify!($name), "`, exported as `",
                            stringify!($name), "_stdcall`.")]
            ///
            /// # Safety
            /// As the C function of the same name.
            #[cfg_attr(
                all(windows, target_arch = "x86"),
                export_name = concat!(stringify!($name), "_stdcall")
            )]
            #[allow(clippy::too_many_arguments)]
            pub unsafe extern "system" fn $name($($arg: $ty),*) -> $ret {
                ffi_panic_boundary! {
                    #[allow(unused_unsafe)]
                    unsafe { super::$name($($arg),*) }
                }
            }
        )*

        /// Names of the C functions that have a twin (checked against the header by a test).
        pub const TWINNED: &[&str] = &[$(stringify!($name)),*];
    };
}

stdcall_twins! {
    fn ttxl_ttest_welch(x: *const f64, nx: i32, y: *const f64, ny: i32, alternative: i32,
        mu: f64, conf_level: f64, out: *mut TtxlTTest) -> i32;
    fn ttxl_ttest_student(x: *const f64, nx: i32, y: *const f64, ny: i32, alternative: i32,
        mu: f64, conf_level: f64, out: *mut TtxlTTest) -> i32;
    fn ttxl_ttest_paired(x: *const f64, y: *const f64, n: i32, alternative: i32, mu: f64,
        conf_level: f64, out: *mut TtxlTTest) -> i32;
    fn ttxl_ttest_one_sample(x: *const f64, n: i32, alternative: i32, mu: f64, conf_level: f64,
        out: *mut TtxlTTest) -> i32;
    fn ttxl_ttest_welch_from_stats(mean_x: f64, sd_x: f64, n_x: i32, mean_y: f64, sd_y: f64,
        n_y: i32, alternative: i32, mu: f64, conf_level: f64, out: *mut TtxlTTest) -> i32;
    fn ttxl_ttest_student_from_stats(mean_x: f64, sd_x: f64, n_x: i32, mean_y: f64, sd_y: f64,
        n_y: i32, alternative: i32, mu: f64, conf_level: f64, out: *mut TtxlTTest) -> i32;
    fn ttxl_mann_whitney(x: *const f64, nx: i32, y: *const f64, ny: i32, alternative: i32,
        correct: i32, out: *mut TtxlRankTest) -> i32;
    fn ttxl_wilcoxon_signed_rank(x: *const f64, y: *const f64, n: i32, alternative: i32,
        correct: i32, out: *mut TtxlRankTest) -> i32;
    fn ttxl_p_adjust(p: *const f64, n: i32, method: i32, adjusted_out: *mut f64) -> i32;
    fn ttxl_power_ttest(design: i32, alternative: i32, solve_for: i32, n: f64, d: f64,
        alpha: f64, power: f64, result: *mut f64) -> i32;
    fn ttxl_power_ttest_2n(alternative: i32, solve_for: i32, n1: f64, n2: f64, d: f64,
        alpha: f64, power: f64, result: *mut f64) -> i32;
    fn ttxl_t_cdf(t: f64, df: f64, lower_tail: i32, out: *mut f64) -> i32;
    fn ttxl_t_quantile(p: f64, df: f64, out: *mut f64) -> i32;
    fn ttxl_last_error_utf8(buf: *mut c_char, cap: i32) -> i32;
    fn ttxl_last_error_utf16(buf: *mut u16, cap: i32) -> i32;
    fn ttxl_set_language(language: i32) -> i32;
    fn ttxl_nan() -> f64;
    fn ttxl_version() -> *const c_char;
    fn ttxl_abi_version() -> i32;
    fn ttxl_tost_welch(x: *const f64, nx: i32, y: *const f64, ny: i32, low: f64, high: f64,
        conf_level: f64, out: *mut TtxlTost) -> i32;
    fn ttxl_tost_student(x: *const f64, nx: i32, y: *const f64, ny: i32, low: f64, high: f64,
        conf_level: f64, out: *mut TtxlTost) -> i32;
    fn ttxl_tost_paired(x: *const f64, y: *const f64, n: i32, low: f64, high: f64,
        conf_level: f64, out: *mut TtxlTost) -> i32;
    fn ttxl_tost_one_sample(x: *const f64, n: i32, low: f64, high: f64, conf_level: f64,
        out: *mut TtxlTost) -> i32;
    fn ttxl_bayes_factor_t(design: i32, t: f64, nx: i32, ny: i32, rscale: f64,
        bf10: *mut f64) -> i32;
    fn ttxl_prop_test_2indep(x_first: i32, n_first: i32, x_second: i32, n_second: i32,
        conf_level: f64, out: *mut TtxlProportions) -> i32;
    fn ttxl_prop_test_paired(both: i32, first_only: i32, second_only: i32, neither: i32,
        conf_level: f64, out: *mut TtxlProportions) -> i32;
    fn ttxl_welch_contrast_from_stats(k: i32, means: *const f64, sds: *const f64, ns: *const f64,
        weights: *const f64, alternative: i32, conf_level: f64, out: *mut TtxlContrast) -> i32;
    fn ttxl_effect_label_utf16(d: f64, language: i32, buf: *mut u16, cap: i32,
        length: *mut i32) -> i32;
    fn ttxl_significant(p_adjusted: f64, alpha: f64, significant: *mut i32) -> i32;
    fn ttxl_ttest_sentence_utf16(result: *const TtxlTTest, p_adjusted: f64, alpha: f64,
        conf_level: f64, item: *const u16, item_len: i32, label_x: *const u16, label_x_len: i32,
        label_y: *const u16, label_y_len: i32, language: i32, buf: *mut u16, cap: i32,
        length: *mut i32) -> i32;
    fn ttxl_not_tested_sentence_utf16(item: *const u16, item_len: i32, reason: *const u16,
        reason_len: i32, language: i32, buf: *mut u16, cap: i32, length: *mut i32) -> i32;
    fn ttxl_conclusion_sentence_utf16(tested: i32, higher: i32, lower: i32, untested: i32,
        test: i32, method: i32, alpha: f64, scope: *const u16, scope_len: i32,
        label_before: *const u16, label_before_len: i32, label_after: *const u16,
        label_after_len: i32, reasons: *const u16, reasons_len: i32, language: i32,
        buf: *mut u16, cap: i32, length: *mut i32) -> i32;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twins_forward_to_the_c_functions() {
        assert!(unsafe { ttxl_nan() }.is_nan());
        assert_eq!(
            unsafe { ttxl_abi_version() },
            super::super::TTXL_ABI_VERSION
        );
        let mut out = 0.0;
        assert_eq!(
            unsafe { ttxl_t_quantile(2.0, 5.0, &mut out) },
            super::super::TTXL_ERR_ARGUMENT
        );
        assert_eq!(TWINNED.len(), 32);
    }
}
