//! The C ABI of the shared words (`src/messages.rs`): the magnitude label of an effect size, the
//! decision on an adjusted p and the result sentence of a t-test, so that the VBA module (and any
//! C caller) says exactly what the command-line tool's result workbook says, without a copy of
//! the policy. Text comes back as UTF-16 (VBA's `String`, via `StrPtr`), in the language asked
//! for by the call (not the thread's message language, so a text never depends on state).
//!
//! Buffer protocol of every `*_utf16` function here (the Win32 "insufficient buffer" pattern):
//! `length` (required) receives the length of the whole text in UTF-16 units, NOT counting the
//! terminating NUL. If `cap` is at least that length + 1, the text and a NUL are written to `buf`
//! and the status is `TTXL_OK`; otherwise nothing is written to `buf` and the status is
//! `TTXL_ERR_BUFFER` (the caller allocates `*length + 1` units and calls again). `buf` may be NULL
//! only with `cap` = 0 (a size query). From VBA:
//!
//! ```text
//! status = ttxl_effect_label_utf16(d, TTXL_LANG_JA, 0, 0, n)      ' TTXL_ERR_BUFFER, n = length
//! label = String$(n, vbNullChar)
//! status = ttxl_effect_label_utf16(d, TTXL_LANG_JA, StrPtr(label), n + 1, n)   ' TTXL_OK
//! ```

use super::boundary::write_out;
use super::error::{fail, succeed, FfiError};
use super::{
    TtxlTTest, TTXL_LANG_EN, TTXL_LANG_JA, TTXL_TEST_MANN_WHITNEY, TTXL_TEST_PAIRED,
    TTXL_TEST_STUDENT, TTXL_TEST_WELCH, TTXL_TEST_WILCOXON,
};
use crate::lang::Lang;
use crate::messages::{self, Comparison, Conclusion, FfiReason, ReasonsAt, Statistic, TestName};

/// The `language` argument of a text function.
fn language_arg(language: i32) -> Result<Lang, FfiError> {
    match language {
        TTXL_LANG_EN => Ok(Lang::En),
        TTXL_LANG_JA => Ok(Lang::Ja),
        _ => Err(FfiError::UnknownValue {
            name: "language",
            value: language,
            allowed: "0 (TTXL_LANG_EN), 1 (TTXL_LANG_JA)",
        }),
    }
}

/// The `test` argument of `ttxl_conclusion_sentence_utf16`.
fn test_arg(test: i32) -> Result<TestName, FfiError> {
    match test {
        TTXL_TEST_PAIRED => Ok(TestName::Paired),
        TTXL_TEST_STUDENT => Ok(TestName::Student),
        TTXL_TEST_WELCH => Ok(TestName::Welch),
        TTXL_TEST_MANN_WHITNEY => Ok(TestName::MannWhitney),
        TTXL_TEST_WILCOXON => Ok(TestName::Wilcoxon),
        _ => Err(FfiError::UnknownValue {
            name: "test",
            value: test,
            allowed: "0 (TTXL_TEST_PAIRED), 1 (TTXL_TEST_STUDENT), 2 (TTXL_TEST_WELCH), \
                      3 (TTXL_TEST_MANN_WHITNEY), 4 (TTXL_TEST_WILCOXON)",
        }),
    }
}

/// A count of items, which must not be negative.
fn count_arg(value: i32, name: &'static str) -> Result<usize, FfiError> {
    usize::try_from(value).map_err(|_| FfiError::Reason {
        name,
        reason: FfiReason::NegativeCount,
    })
}

/// Reads a UTF-16 input string of `len` units (NULL allowed when `len` is 0). Unpaired
/// surrogates become U+FFFD, as VBA strings may hold them.
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable `uint16_t` (no alignment needed).
unsafe fn input_utf16(
    ptr: *const u16,
    len: i32,
    name: &'static str,
    len_name: &'static str,
) -> Result<String, FfiError> {
    let n = super::boundary::length(len, len_name)?;
    if n == 0 {
        return Ok(String::new());
    }
    if ptr.is_null() {
        return Err(FfiError::NullData {
            name,
            len_name,
            len,
        });
    }
    // SAFETY: the caller promises `n` readable units; read without alignment.
    let units: Vec<u16> = (0..n)
        .map(|i| unsafe { ptr.add(i).read_unaligned() })
        .collect();
    Ok(String::from_utf16_lossy(&units))
}

/// Writes `text` by the buffer protocol of this module and returns the status.
///
/// # Safety
/// `buf` must be NULL or point to `cap` writable `uint16_t`; `length` must be NULL or writable.
unsafe fn write_utf16(text: &str, buf: *mut u16, cap: i32, length: *mut i32) -> i32 {
    if length.is_null() {
        return fail(FfiError::Null { name: "length" });
    }
    let cap = match super::boundary::length(cap, "cap") {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    if buf.is_null() && cap > 0 {
        return fail(FfiError::NullData {
            name: "buf",
            len_name: "cap",
            len: i32::try_from(cap).unwrap_or(i32::MAX),
        });
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    let needed = match i32::try_from(units.len()) {
        Ok(n) if n < i32::MAX => n,
        _ => return fail(FfiError::Internal("text longer than 2^31 units".into())),
    };
    // SAFETY: checked non-null above.
    unsafe { write_out(length, needed) };
    if cap <= units.len() {
        return fail(FfiError::BufferTooSmall {
            needed: units.len() + 1,
            cap,
        });
    }
    for (i, &unit) in units.iter().enumerate() {
        // SAFETY: `i` < `units.len()` < `cap`, and `buf` has `cap` writable units.
        unsafe { buf.add(i).write_unaligned(unit) };
    }
    // SAFETY: `units.len()` < `cap`.
    unsafe { buf.add(units.len()).write_unaligned(0) };
    succeed()
}

/// The magnitude label of a standardized difference `d` by Cohen's (1988) thresholds, the words
/// of the result workbook: |d| < 0.2 "negligible" (無視できる程度), < 0.5 "small" (小さい), < 0.8
/// "medium" (中程度), otherwise "large" (大きい); NaN gives "—" (effectsize's
/// `interpret_cohens_d(rules = "cohen1988")`, whose first band is called "very small").
///
/// `language` is `TTXL_LANG_EN` or `TTXL_LANG_JA`. Text and buffer protocol: see
/// `ttxl_ttest_sentence_utf16`.
///
/// Returns `TTXL_OK` (text written), `TTXL_ERR_BUFFER` (`*length` written, `buf` untouched),
/// `TTXL_ERR_NULL` (`length` NULL, or `buf` NULL with `cap` > 0), `TTXL_ERR_LENGTH` (`cap` < 0) or
/// `TTXL_ERR_ARGUMENT` (unknown `language`).
///
/// # Safety
/// `buf` must be NULL or point to `cap` writable `uint16_t` (no alignment needed); `length` must
/// be NULL or point to a writable `int32_t`.
#[no_mangle]
pub unsafe extern "C" fn ttxl_effect_label_utf16(
    d: f64,
    language: i32,
    buf: *mut u16,
    cap: i32,
    length: *mut i32,
) -> i32 {
    ffi_panic_boundary! {
        let lang = try_ffi!(language_arg(language));
        // SAFETY: forwarded from the caller's contract.
        unsafe { write_utf16(messages::effect_label(d, lang), buf, cap, length) }
    }
}

/// The decision of every front door on a (Holm-)adjusted p-value: `*significant` = 1 when
/// `p_adjusted < alpha`, 0 otherwise (also for a NaN `p_adjusted`, an item not tested).
///
/// Returns `TTXL_OK`, `TTXL_ERR_NULL` (`significant` NULL) or `TTXL_ERR_ARGUMENT` (`alpha` not in
/// (0, 1)).
///
/// # Safety
/// `significant` must be NULL or point to a writable `int32_t`.
#[no_mangle]
pub unsafe extern "C" fn ttxl_significant(
    p_adjusted: f64,
    alpha: f64,
    significant: *mut i32,
) -> i32 {
    ffi_panic_boundary! {
        try_out!(significant, "significant");
        try_ffi!(crate::stats::check_unit_open("alpha", alpha));
        // SAFETY: checked non-null.
        unsafe { write_out(significant, i32::from(messages::significant(p_adjusted, alpha))) };
        succeed()
    }
}

/// The result sentence of a two-condition t-test (`ttxl_ttest_welch`, `_student`, `_paired` or
/// their `_from_stats` forms), worded exactly as the command-line tool's Summary sheet, e.g.
///
/// ```text
/// Q1: after (M = 3.56, SD = 0.80) was significantly higher than before (M = 3.21, SD = 0.85),
/// t(98) = 2.95, p = .004, adjusted p = .012, d = 0.42, 95% CI [0.14, 0.70].
/// Q1: 「事後」（M = 3.56, SD = 0.80）は「事前」（M = 3.21, SD = 0.85）より有意に高かった（t(98) =
/// 2.95, p = .004, 補正後 p = .012, d = 0.42［0.14, 0.70］）。
/// ```
///
/// `result` is the test of x = the second condition (`label_x`, "after") against y = the first
/// (`label_y`, "before"), so `estimate` > 0 reads "higher". `item` names the item. `p_adjusted`
/// is the adjusted p-value ("adjusted p") on which significance is decided (`p_adjusted <
/// alpha`, as `ttxl_significant`); pass NaN for no adjustment (the decision then uses
/// `result->p_value` and no adjusted p is written). `conf_level` is the level the test was run
/// with (it names the interval of d). Strings are UTF-16 (`StrPtr(s)`, `Len(s)` from VBA);
/// `language` is `TTXL_LANG_EN` or `TTXL_LANG_JA`.
///
/// Buffer protocol: `*length` receives the length of the whole sentence in UTF-16 units, NOT
/// counting the terminating NUL. If `cap` ≥ `*length` + 1 the sentence and a NUL are written to
/// `buf` (`TTXL_OK`); otherwise `buf` is not touched and the status is `TTXL_ERR_BUFFER`:
/// allocate `*length` + 1 units and call again. `buf` may be NULL when `cap` is 0.
///
/// Returns `TTXL_OK`, `TTXL_ERR_BUFFER`, `TTXL_ERR_NULL` (`result` or `length` NULL, a string
/// NULL with a positive length, `buf` NULL with `cap` > 0), `TTXL_ERR_LENGTH` (a negative length
/// or `cap`) or `TTXL_ERR_ARGUMENT` (unknown `language`; `alpha` or `conf_level` not in (0, 1);
/// a one-sample result, which has no second condition).
///
/// # Safety
/// `result` must be NULL or point to a readable `TtxlTTest`; each string NULL or `*_len`
/// readable `uint16_t`; `buf` NULL or `cap` writable `uint16_t` (no alignment needed); `length`
/// NULL or a writable `int32_t`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ttxl_ttest_sentence_utf16(
    result: *const TtxlTTest,
    p_adjusted: f64,
    alpha: f64,
    conf_level: f64,
    item: *const u16,
    item_len: i32,
    label_x: *const u16,
    label_x_len: i32,
    label_y: *const u16,
    label_y_len: i32,
    language: i32,
    buf: *mut u16,
    cap: i32,
    length: *mut i32,
) -> i32 {
    ffi_panic_boundary! {
        if result.is_null() {
            return fail(FfiError::Null { name: "result" });
        }
        // SAFETY: non-null, readable by contract; no alignment required (VBA Types are 4-byte
        // aligned on 32-bit Office).
        let r = unsafe { result.read_unaligned() };
        let lang = try_ffi!(language_arg(language));
        try_ffi!(crate::stats::check_unit_open("alpha", alpha));
        try_ffi!(crate::stats::check_unit_open("conf_level", conf_level));
        if r.mean_y.is_nan() && r.n_y == 0.0 {
            return fail(FfiError::Reason {
                name: "result",
                reason: messages::FfiReason::NeedsTwoConditions,
            });
        }
        // SAFETY: forwarded from the caller's contract.
        let item = try_ffi!(unsafe { input_utf16(item, item_len, "item", "item_len") });
        let label_x = try_ffi!(unsafe { input_utf16(label_x, label_x_len, "label_x", "label_x_len") });
        let label_y = try_ffi!(unsafe { input_utf16(label_y, label_y_len, "label_y", "label_y_len") });
        let adjusted = (!p_adjusted.is_nan()).then_some(p_adjusted);
        let comparison = Comparison {
            subject: &item,
            label_1: &label_y,
            label_2: &label_x,
            mean_1: r.mean_y,
            sd_1: r.sd_y,
            mean_2: r.mean_x,
            sd_2: r.sd_x,
            statistic: Statistic::T { t: r.statistic, df: r.df },
            p_value: r.p_value,
            p_adjusted: adjusted,
            d: (!r.cohen_d.is_nan()).then_some([r.cohen_d, r.cohen_d_low, r.cohen_d_high]),
            conf_level,
            significant: messages::significant(adjusted.unwrap_or(r.p_value), alpha),
            higher: r.estimate > 0.0,
        };
        let text = messages::comparison_sentence(&comparison, lang);
        // SAFETY: forwarded from the caller's contract.
        unsafe { write_utf16(&text, buf, cap, length) }
    }
}

/// The sentence of an item that could not be tested, worded exactly as the command-line tool's
/// Summary sheet: `Q1: not tested — <reason>.` (`Q1: 検定できなかった。理由: <reason>。`).
///
/// `item` names the item and `reason` says why it was not tested (the last error of the test's
/// call, for example); both are UTF-16 (`StrPtr(s)`, `Len(s)` from VBA). `language` is
/// `TTXL_LANG_EN` or `TTXL_LANG_JA`. Buffer protocol: see `ttxl_ttest_sentence_utf16`.
///
/// Returns `TTXL_OK`, `TTXL_ERR_BUFFER`, `TTXL_ERR_NULL` (`length` NULL, a string NULL with a
/// positive length, `buf` NULL with `cap` > 0), `TTXL_ERR_LENGTH` (a negative length or `cap`)
/// or `TTXL_ERR_ARGUMENT` (unknown `language`).
///
/// # Safety
/// Each string NULL or `*_len` readable `uint16_t`; `buf` NULL or `cap` writable `uint16_t` (no
/// alignment needed); `length` NULL or a writable `int32_t`.
#[no_mangle]
pub unsafe extern "C" fn ttxl_not_tested_sentence_utf16(
    item: *const u16,
    item_len: i32,
    reason: *const u16,
    reason_len: i32,
    language: i32,
    buf: *mut u16,
    cap: i32,
    length: *mut i32,
) -> i32 {
    ffi_panic_boundary! {
        let lang = try_ffi!(language_arg(language));
        // SAFETY: forwarded from the caller's contract.
        let item = try_ffi!(unsafe { input_utf16(item, item_len, "item", "item_len") });
        let reason = try_ffi!(unsafe { input_utf16(reason, reason_len, "reason", "reason_len") });
        let text = messages::not_tested_sentence(&item, &reason, lang);
        // SAFETY: forwarded from the caller's contract.
        unsafe { write_utf16(&text, buf, cap, length) }
    }
}

/// The overall conclusion of a set of items (a survey's, or one group's of a breakdown), worded
/// exactly as the command-line tool's Summary sheet, e.g.
///
/// ```text
/// Of 15 item(s) tested (paired t-test, Holm correction across 15 item(s), α = .05), 3 differed
/// significantly between before and after: 2 higher and 1 lower in after. 1 item(s) could not
/// be tested (see the Note column).
/// 15 問について、対応のある t 検定を行った（有意水準 .05、Holm 法による補正）。「事前」と「事後」の
/// 間に有意な差があったのは 3 問であった（「事後」のほうが高い: 2 問、低い: 1 問）。1 問は検定できな
/// かった（備考の列を参照）。
/// ```
///
/// `tested` items were tested with `test` (`TTXL_TEST_PAIRED`, `_STUDENT`, `_WELCH`,
/// `_MANN_WHITNEY` or `_WILCOXON`) and `method` (`TTXL_ADJUST_*`) across them; `higher` of them
/// were significantly higher in the second condition (`label_after`), `lower` significantly lower,
/// at level `alpha`; `untested` items could not be tested. `scope` names the group of a breakdown
/// ("[Dept A] …", 「【総務課】…」); pass length 0 for the whole sample. `reasons` says why the
/// untested items could not be tested, one reason per line (LF-separated; a repeated reason is
/// said once): the sentence lists them when `tested` is 0 ("No item could be tested (2 item(s)):
/// …"), and otherwise refers the reader to the Note column of the VBA module's results table,
/// as the tool refers to its Checks sheet. Strings are UTF-16 (`StrPtr(s)`, `Len(s)` from VBA);
/// `language` is `TTXL_LANG_EN` or `TTXL_LANG_JA`. Buffer protocol: see
/// `ttxl_ttest_sentence_utf16`.
///
/// Returns `TTXL_OK`, `TTXL_ERR_BUFFER`, `TTXL_ERR_NULL` (`length` NULL, a string NULL with a
/// positive length, `buf` NULL with `cap` > 0), `TTXL_ERR_LENGTH` (a negative length or `cap`)
/// or `TTXL_ERR_ARGUMENT` (unknown `test`, `method` or `language`; a negative count; `higher` +
/// `lower` > `tested`; `alpha` not in (0, 1)).
///
/// # Safety
/// Each string NULL or `*_len` readable `uint16_t`; `buf` NULL or `cap` writable `uint16_t` (no
/// alignment needed); `length` NULL or a writable `int32_t`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ttxl_conclusion_sentence_utf16(
    tested: i32,
    higher: i32,
    lower: i32,
    untested: i32,
    test: i32,
    method: i32,
    alpha: f64,
    scope: *const u16,
    scope_len: i32,
    label_before: *const u16,
    label_before_len: i32,
    label_after: *const u16,
    label_after_len: i32,
    reasons: *const u16,
    reasons_len: i32,
    language: i32,
    buf: *mut u16,
    cap: i32,
    length: *mut i32,
) -> i32 {
    ffi_panic_boundary! {
        let lang = try_ffi!(language_arg(language));
        let test = try_ffi!(test_arg(test));
        let correction = try_ffi!(super::method_arg(method));
        try_ffi!(crate::stats::check_unit_open("alpha", alpha));
        let tested = try_ffi!(count_arg(tested, "tested"));
        let higher = try_ffi!(count_arg(higher, "higher"));
        let lower = try_ffi!(count_arg(lower, "lower"));
        let untested = try_ffi!(count_arg(untested, "untested"));
        if higher + lower > tested {
            return fail(FfiError::Reason {
                name: "higher",
                reason: FfiReason::MoreSignificantThanTested,
            });
        }
        // SAFETY: forwarded from the caller's contract.
        let scope = try_ffi!(unsafe { input_utf16(scope, scope_len, "scope", "scope_len") });
        let label_before = try_ffi!(unsafe {
            input_utf16(label_before, label_before_len, "label_before", "label_before_len")
        });
        let label_after = try_ffi!(unsafe {
            input_utf16(label_after, label_after_len, "label_after", "label_after_len")
        });
        let reasons = try_ffi!(unsafe { input_utf16(reasons, reasons_len, "reasons", "reasons_len") });
        let reasons: Vec<String> = reasons
            .split('\n')
            .map(|r| r.trim_end_matches('\r').to_string())
            .filter(|r| !r.is_empty())
            .collect();
        let conclusion = Conclusion {
            scope: (!scope.is_empty()).then_some(scope.as_str()),
            tested,
            higher,
            lower,
            untested,
            reasons: &reasons,
            reasons_at: ReasonsAt::NoteColumn,
            test,
            correction,
            alpha,
            label_1: &label_before,
            label_2: &label_after,
        };
        let text = messages::conclusion_sentence(&conclusion, lang);
        // SAFETY: forwarded from the caller's contract.
        unsafe { write_utf16(&text, buf, cap, length) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::{ttxl_ttest_welch, TTXL_ERR_BUFFER, TTXL_ERR_NULL, TTXL_OK};

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn label_by_the_buffer_protocol() {
        let mut n = -1;
        let st =
            unsafe { ttxl_effect_label_utf16(0.5, TTXL_LANG_JA, std::ptr::null_mut(), 0, &mut n) };
        assert_eq!((st, n), (TTXL_ERR_BUFFER, 3));
        // One unit short of the NUL: nothing written.
        let mut buf = [0xAAAAu16; 8];
        let st = unsafe { ttxl_effect_label_utf16(0.5, TTXL_LANG_JA, buf.as_mut_ptr(), 3, &mut n) };
        assert_eq!(st, TTXL_ERR_BUFFER);
        assert!(buf.iter().all(|&u| u == 0xAAAA));
        let st = unsafe { ttxl_effect_label_utf16(0.5, TTXL_LANG_JA, buf.as_mut_ptr(), 4, &mut n) };
        assert_eq!(st, TTXL_OK);
        assert_eq!(String::from_utf16(&buf[..3]).unwrap(), "中程度");
        assert_eq!(&buf[3..5], &[0, 0xAAAA]);
        let st = unsafe { ttxl_effect_label_utf16(0.5, 7, buf.as_mut_ptr(), 8, &mut n) };
        assert_eq!(st, crate::ffi::TTXL_ERR_ARGUMENT);
        let st =
            unsafe { ttxl_effect_label_utf16(0.5, 0, buf.as_mut_ptr(), 8, std::ptr::null_mut()) };
        assert_eq!(st, TTXL_ERR_NULL);
        let st = unsafe { ttxl_effect_label_utf16(0.5, 0, std::ptr::null_mut(), 8, &mut n) };
        assert_eq!(st, TTXL_ERR_NULL);
    }

    #[test]
    fn sentence_matches_the_shared_wording() {
        let x = [4.0, 5.0, 4.0, 5.0, 5.0];
        let y = [2.0, 3.0, 2.0, 3.0, 2.0];
        let mut t = std::mem::MaybeUninit::<TtxlTTest>::uninit();
        let st =
            unsafe { ttxl_ttest_welch(x.as_ptr(), 5, y.as_ptr(), 5, 0, 0.0, 0.95, t.as_mut_ptr()) };
        assert_eq!(st, TTXL_OK);
        let t = unsafe { t.assume_init() };
        let (item, lx, ly) = (utf16("Q1"), utf16("事後"), utf16("事前"));
        let mut n = 0;
        let call = |buf: *mut u16, cap: i32, n: &mut i32, p_adj: f64| unsafe {
            ttxl_ttest_sentence_utf16(
                &t,
                p_adj,
                0.05,
                0.95,
                item.as_ptr(),
                2,
                lx.as_ptr(),
                2,
                ly.as_ptr(),
                2,
                TTXL_LANG_JA,
                buf,
                cap,
                n,
            )
        };
        assert_eq!(call(std::ptr::null_mut(), 0, &mut n, 0.01), TTXL_ERR_BUFFER);
        let mut buf = vec![0u16; n as usize + 1];
        assert_eq!(call(buf.as_mut_ptr(), n + 1, &mut n, 0.01), TTXL_OK);
        let s = String::from_utf16(&buf[..n as usize]).unwrap();
        assert!(s.starts_with("Q1: 「事後」（M = 4.60, SD = 0.55）は「事前」（M = 2.40, SD = 0.55）より有意に高かった（t(8) = "), "{s}");
        assert!(s.contains(", 補正後 p = .010, d = "), "{s}");
        // Not significant after adjustment; NaN: no adjusted p, the decision on p.
        let mut buf = vec![0u16; 400];
        assert_eq!(call(buf.as_mut_ptr(), 400, &mut n, 0.2), TTXL_OK);
        let s = String::from_utf16(&buf[..n as usize]).unwrap();
        assert!(s.contains("の間に有意な差は認められなかった"), "{s}");
        assert_eq!(call(buf.as_mut_ptr(), 400, &mut n, f64::NAN), TTXL_OK);
        let s = String::from_utf16(&buf[..n as usize]).unwrap();
        assert!(s.contains("有意に高かった") && !s.contains("補正後"), "{s}");
        // NULL result, a one-sample result.
        let st = unsafe {
            ttxl_ttest_sentence_utf16(
                std::ptr::null(),
                0.01,
                0.05,
                0.95,
                item.as_ptr(),
                2,
                lx.as_ptr(),
                2,
                ly.as_ptr(),
                2,
                TTXL_LANG_EN,
                buf.as_mut_ptr(),
                400,
                &mut n,
            )
        };
        assert_eq!(st, TTXL_ERR_NULL);
        let one = TtxlTTest {
            mean_y: f64::NAN,
            n_y: 0.0,
            ..t
        };
        let st = unsafe {
            ttxl_ttest_sentence_utf16(
                &one,
                0.01,
                0.05,
                0.95,
                item.as_ptr(),
                2,
                lx.as_ptr(),
                2,
                ly.as_ptr(),
                2,
                TTXL_LANG_EN,
                buf.as_mut_ptr(),
                400,
                &mut n,
            )
        };
        assert_eq!(st, crate::ffi::TTXL_ERR_ARGUMENT);
    }

    #[test]
    fn significance_is_the_shared_decision() {
        let mut s = -1;
        assert_eq!(unsafe { ttxl_significant(0.049, 0.05, &mut s) }, TTXL_OK);
        assert_eq!(s, 1);
        assert_eq!(unsafe { ttxl_significant(0.05, 0.05, &mut s) }, TTXL_OK);
        assert_eq!(s, 0);
        assert_eq!(unsafe { ttxl_significant(f64::NAN, 0.05, &mut s) }, TTXL_OK);
        assert_eq!(s, 0);
        assert_eq!(
            unsafe { ttxl_significant(0.01, 1.5, &mut s) },
            crate::ffi::TTXL_ERR_ARGUMENT
        );
        assert_eq!(
            unsafe { ttxl_significant(0.01, 0.05, std::ptr::null_mut()) },
            TTXL_ERR_NULL
        );
    }

    /// The text a `*_utf16` call writes, by the buffer protocol (size query, then the text).
    fn text_of(call: impl Fn(*mut u16, i32, *mut i32) -> i32) -> String {
        let mut n = -1;
        assert_eq!(call(std::ptr::null_mut(), 0, &mut n), TTXL_ERR_BUFFER);
        let mut buf = vec![0xAAAAu16; n as usize + 2];
        // One unit short of the NUL: nothing written.
        assert_eq!(call(buf.as_mut_ptr(), n, &mut n), TTXL_ERR_BUFFER);
        assert!(buf.iter().all(|&u| u == 0xAAAA));
        assert_eq!(call(buf.as_mut_ptr(), n + 1, &mut n), TTXL_OK);
        assert_eq!(&buf[n as usize..], &[0, 0xAAAA]);
        String::from_utf16(&buf[..n as usize]).unwrap()
    }

    #[test]
    fn not_tested_sentence_is_the_shared_wording() {
        let (item, reason) = (utf16("Q2"), utf16("n = 1"));
        let call = |lang: i32| {
            let (item, reason) = (&item, &reason);
            move |buf: *mut u16, cap: i32, n: *mut i32| unsafe {
                ttxl_not_tested_sentence_utf16(
                    item.as_ptr(),
                    2,
                    reason.as_ptr(),
                    5,
                    lang,
                    buf,
                    cap,
                    n,
                )
            }
        };
        assert_eq!(
            text_of(call(TTXL_LANG_JA)),
            "Q2: 検定できなかった。理由: n = 1。"
        );
        assert_eq!(text_of(call(TTXL_LANG_EN)), "Q2: not tested — n = 1.");
        let mut n = 0;
        let mut buf = [0u16; 64];
        let st = unsafe {
            ttxl_not_tested_sentence_utf16(
                std::ptr::null(),
                2,
                reason.as_ptr(),
                5,
                0,
                buf.as_mut_ptr(),
                64,
                &mut n,
            )
        };
        assert_eq!(st, TTXL_ERR_NULL);
        let st = unsafe {
            ttxl_not_tested_sentence_utf16(
                item.as_ptr(),
                -1,
                reason.as_ptr(),
                5,
                0,
                buf.as_mut_ptr(),
                64,
                &mut n,
            )
        };
        assert_eq!(st, crate::ffi::TTXL_ERR_LENGTH);
        let st = unsafe {
            ttxl_not_tested_sentence_utf16(
                item.as_ptr(),
                2,
                reason.as_ptr(),
                5,
                0,
                buf.as_mut_ptr(),
                64,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(st, TTXL_ERR_NULL);
        // An empty item and reason are allowed (NULL with length 0).
        let st = unsafe {
            ttxl_not_tested_sentence_utf16(
                std::ptr::null(),
                0,
                std::ptr::null(),
                0,
                0,
                buf.as_mut_ptr(),
                64,
                &mut n,
            )
        };
        assert_eq!(st, TTXL_OK);
    }

    #[test]
    fn conclusion_is_the_shared_wording() {
        let (before, after) = (utf16("事前"), utf16("事後"));
        let (scope, reasons) = (utf16("総務課"), utf16("n = 1\nn = 0\r\nn = 1"));
        #[allow(clippy::type_complexity)]
        let call = |counts: [i32; 4], scope_len: i32, test: i32, lang: i32| {
            let (before, after, scope, reasons) = (&before, &after, &scope, &reasons);
            move |buf: *mut u16, cap: i32, n: *mut i32| unsafe {
                ttxl_conclusion_sentence_utf16(
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3],
                    test,
                    crate::ffi::TTXL_ADJUST_HOLM,
                    0.05,
                    scope.as_ptr(),
                    scope_len,
                    before.as_ptr(),
                    2,
                    after.as_ptr(),
                    2,
                    reasons.as_ptr(),
                    reasons.len() as i32,
                    lang,
                    buf,
                    cap,
                    n,
                )
            }
        };
        assert_eq!(
            text_of(call([15, 2, 1, 1], 0, TTXL_TEST_PAIRED, TTXL_LANG_JA)),
            "15 問について、対応のある t 検定を行った（有意水準 .05、Holm 法による補正）。「事前」と「事後」の間に有意な差があったのは 3 問であった（「事後」のほうが高い: 2 問、低い: 1 問）。1 問は検定できなかった（備考の列を参照）。"
        );
        assert_eq!(
            text_of(call([4, 0, 0, 0], 3, TTXL_TEST_WELCH, TTXL_LANG_EN)),
            "[総務課] Of 4 item(s) tested (Welch's t-test, Holm correction across 4 item(s), α = .05), 0 differed significantly between 事前 and 事後: 0 higher and 0 lower in 事後."
        );
        assert_eq!(
            text_of(call([0, 0, 0, 3], 0, TTXL_TEST_PAIRED, TTXL_LANG_EN)),
            "No item could be tested (3 item(s)): n = 1; n = 0 (see the Note column)."
        );
        let mut n = 0;
        let mut buf = vec![0u16; 512];
        let status = |counts, test, lang, n: &mut i32, buf: &mut Vec<u16>| {
            call(counts, 0, test, lang)(buf.as_mut_ptr(), 512, n)
        };
        let arg = crate::ffi::TTXL_ERR_ARGUMENT;
        assert_eq!(
            status([2, 2, 1, 0], TTXL_TEST_PAIRED, 0, &mut n, &mut buf),
            arg
        );
        assert_eq!(
            status([2, -1, 0, 0], TTXL_TEST_PAIRED, 0, &mut n, &mut buf),
            arg
        );
        assert_eq!(status([2, 0, 0, 0], 9, 0, &mut n, &mut buf), arg);
        assert_eq!(
            status([2, 0, 0, 0], TTXL_TEST_PAIRED, 2, &mut n, &mut buf),
            arg
        );
        let st =
            call([2, 0, 0, 0], 0, TTXL_TEST_PAIRED, 0)(buf.as_mut_ptr(), 512, std::ptr::null_mut());
        assert_eq!(st, TTXL_ERR_NULL);
        let st = call([2, 0, 0, 0], 0, TTXL_TEST_PAIRED, 0)(std::ptr::null_mut(), 8, &mut n);
        assert_eq!(st, TTXL_ERR_NULL);
        // NULL strings: refused only when a length says there is text.
        let raw = |alpha: f64, before_len: i32, n: &mut i32, buf: &mut [u16]| unsafe {
            ttxl_conclusion_sentence_utf16(
                2,
                0,
                0,
                0,
                TTXL_TEST_PAIRED,
                1,
                alpha,
                std::ptr::null(),
                0,
                std::ptr::null(),
                before_len,
                std::ptr::null(),
                0,
                std::ptr::null(),
                0,
                0,
                buf.as_mut_ptr(),
                512,
                n,
            )
        };
        assert_eq!(raw(1.5, 0, &mut n, &mut buf), arg);
        let st = raw(0.05, 2, &mut n, &mut buf);
        assert_eq!(st, TTXL_ERR_NULL);
    }
}
