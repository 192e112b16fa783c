//! Status codes, the per-thread last error and the per-thread message language.
//!
//! There is no global mutable state: the last error and the language live in `thread_local!`
//! cells, so threads never see each other's messages and need no locking.

use std::cell::{Cell, RefCell};

use super::{
    TTXL_ERR_ARGUMENT, TTXL_ERR_BUFFER, TTXL_ERR_CONSTANT, TTXL_ERR_INTERNAL, TTXL_ERR_LENGTH,
    TTXL_ERR_NULL, TTXL_ERR_TOO_FEW, TTXL_OK,
};
use crate::lang::Lang;
use crate::messages::FfiReason;
use crate::stats::StatsError;

/// Why a C-ABI call failed. Each variant maps to one status code ([`FfiError::status`]) and has a
/// message in English and Japanese ([`FfiError::message`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FfiError {
    /// A required out-pointer is NULL.
    Null {
        /// Parameter name as in the header.
        name: &'static str,
    },
    /// An input array is NULL although its length is positive.
    NullData {
        /// Array parameter name.
        name: &'static str,
        /// Length parameter name.
        len_name: &'static str,
        /// The length passed.
        len: i32,
    },
    /// A negative length.
    NegativeLength {
        /// Length parameter name.
        name: &'static str,
        /// The value passed.
        value: i32,
    },
    /// An enum or flag outside its documented values.
    UnknownValue {
        /// Parameter name.
        name: &'static str,
        /// The value passed.
        value: i32,
        /// The allowed values, e.g. `"0 (TTXL_TWO_SIDED), 1 (TTXL_LESS), 2 (TTXL_GREATER)"`.
        allowed: &'static str,
    },
    /// A parameter outside its domain, with the reason (both languages in `src/messages.rs`).
    Reason {
        /// Parameter name.
        name: &'static str,
        /// What is wrong.
        reason: FfiReason,
    },
    /// An output buffer too small for the text (`TTXL_ERR_BUFFER`).
    BufferTooSmall {
        /// Units needed, with the NUL.
        needed: usize,
        /// Units given.
        cap: usize,
    },
    /// The engine refused the input.
    Stats(StatsError),
    /// A bug: a panic caught at the boundary, or an impossible result.
    Internal(String),
    /// A panic caught at the boundary (message of the panic).
    Panic(String),
}

impl From<StatsError> for FfiError {
    fn from(e: StatsError) -> Self {
        FfiError::Stats(e)
    }
}

impl FfiError {
    /// The `TTXL_*` status code of this error.
    pub(crate) fn status(&self) -> i32 {
        match self {
            FfiError::Null { .. } | FfiError::NullData { .. } => TTXL_ERR_NULL,
            FfiError::NegativeLength { .. } => TTXL_ERR_LENGTH,
            FfiError::UnknownValue { .. } | FfiError::Reason { .. } => TTXL_ERR_ARGUMENT,
            FfiError::BufferTooSmall { .. } => TTXL_ERR_BUFFER,
            FfiError::Internal(_) | FfiError::Panic(_) => TTXL_ERR_INTERNAL,
            FfiError::Stats(e) => match e {
                StatsError::TooFew { .. } => TTXL_ERR_TOO_FEW,
                StatsError::Constant => TTXL_ERR_CONSTANT,
                StatsError::LengthMismatch { .. } => TTXL_ERR_LENGTH,
                // NonFinite, InvalidArgument, OutOfRange, NoSolution, and any variant added later:
                // the input cannot be used as given, and the message says why.
                _ => TTXL_ERR_ARGUMENT,
            },
        }
    }

    /// The message in `lang`, for `ttxl_last_error_utf8` / `ttxl_last_error_utf16`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FfiError::Null { name }, Lang::En) => {
                format!("{name} is NULL: pass the address of the variable that receives the result")
            }
            (FfiError::Null { name }, Lang::Ja) => {
                format!("{name} が NULL です。結果を受け取る変数のアドレスを渡してください")
            }
            (
                FfiError::NullData {
                    name,
                    len_name,
                    len,
                },
                Lang::En,
            ) => format!(
                "{name} is NULL but {len_name} = {len}: pass the address of the first value"
            ),
            (
                FfiError::NullData {
                    name,
                    len_name,
                    len,
                },
                Lang::Ja,
            ) => format!(
                "{name} が NULL ですが {len_name} = {len} です。データの先頭のアドレスを渡してください"
            ),
            (FfiError::NegativeLength { name, value }, Lang::En) => {
                format!("{name} = {value} is negative: a count must be 0 or more")
            }
            (FfiError::NegativeLength { name, value }, Lang::Ja) => {
                format!("{name} = {value} は負の値です。件数には 0 以上を指定してください")
            }
            (
                FfiError::UnknownValue {
                    name,
                    value,
                    allowed,
                },
                Lang::En,
            ) => format!("{name} = {value} is not allowed; use one of {allowed}"),
            (
                FfiError::UnknownValue {
                    name,
                    value,
                    allowed,
                },
                Lang::Ja,
            ) => format!(
                "{name} = {value} は指定できません。次のいずれかを指定してください: {allowed}"
            ),
            (FfiError::Reason { name, reason }, Lang::En) => {
                format!("invalid argument {name}: {}", reason.pair().en)
            }
            (FfiError::Reason { name, reason }, Lang::Ja) => {
                format!("引数 {name} が正しくありません: {}", reason.pair().ja)
            }
            (FfiError::BufferTooSmall { needed, cap }, Lang::En) => format!(
                "the buffer holds {cap} UTF-16 units but the text needs {needed} (with its NUL): call again with a larger buffer"
            ),
            (FfiError::BufferTooSmall { needed, cap }, Lang::Ja) => format!(
                "バッファーの大きさが {cap} 単位（UTF-16）しかありませんが、文字列には終端の NUL を含めて {needed} 単位必要です。大きいバッファーでもう一度呼び出してください"
            ),
            (FfiError::Stats(e), lang) => e.message(lang),
            (FfiError::Internal(m), Lang::En) | (FfiError::Panic(m), Lang::En) => {
                format!("internal error in ttest-xl (please report it): {m}")
            }
            (FfiError::Internal(m), Lang::Ja) | (FfiError::Panic(m), Lang::Ja) => {
                format!("ttest-xl の内部エラーです（開発元に報告してください）: {m}")
            }
        }
    }
}

thread_local! {
    /// This thread's last failure (`None` after a successful call).
    static LAST_ERROR: RefCell<Option<FfiError>> = const { RefCell::new(None) };
    /// This thread's message language.
    static LANGUAGE: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Records `e` as this thread's last error and returns its status code.
pub(crate) fn fail(e: FfiError) -> i32 {
    let status = e.status();
    // `try_with` fails only while the thread is being torn down; the status still reports it.
    let _ = LAST_ERROR.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = Some(e);
        }
    });
    status
}

/// Clears this thread's last error and returns `TTXL_OK`.
pub(crate) fn succeed() -> i32 {
    let _ = LAST_ERROR.try_with(|cell| {
        if let Ok(mut slot) = cell.try_borrow_mut() {
            *slot = None;
        }
    });
    TTXL_OK
}

/// This thread's last error message in this thread's language (empty when there is none).
pub(crate) fn last_message() -> String {
    let lang = language();
    LAST_ERROR
        .try_with(|cell| match cell.try_borrow() {
            Ok(slot) => slot.as_ref().map(|e| e.message(lang)).unwrap_or_default(),
            Err(_) => String::new(),
        })
        .unwrap_or_default()
}

/// This thread's language.
pub(crate) fn language() -> Lang {
    LANGUAGE.try_with(Cell::get).unwrap_or_default()
}

/// Sets this thread's language.
pub(crate) fn set_language(lang: Lang) {
    let _ = LANGUAGE.try_with(|cell| cell.set(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_two_languages_and_its_status() {
        let cases = [
            (FfiError::Null { name: "out" }, TTXL_ERR_NULL),
            (
                FfiError::NullData {
                    name: "x",
                    len_name: "nx",
                    len: 3,
                },
                TTXL_ERR_NULL,
            ),
            (
                FfiError::NegativeLength {
                    name: "nx",
                    value: -1,
                },
                TTXL_ERR_LENGTH,
            ),
            (
                FfiError::UnknownValue {
                    name: "alternative",
                    value: 3,
                    allowed: "0, 1, 2",
                },
                TTXL_ERR_ARGUMENT,
            ),
            (
                FfiError::Reason {
                    name: "t",
                    reason: FfiReason::NotANumber,
                },
                TTXL_ERR_ARGUMENT,
            ),
            (
                FfiError::BufferTooSmall { needed: 4, cap: 3 },
                TTXL_ERR_BUFFER,
            ),
            (
                FfiError::Reason {
                    name: "result",
                    reason: FfiReason::NeedsTwoConditions,
                },
                TTXL_ERR_ARGUMENT,
            ),
            (FfiError::Stats(StatsError::Constant), TTXL_ERR_CONSTANT),
            (
                FfiError::Stats(StatsError::TooFew {
                    group: "x",
                    needed: 2,
                    found: 1,
                }),
                TTXL_ERR_TOO_FEW,
            ),
            (
                FfiError::Stats(StatsError::LengthMismatch { x: 1, y: 2 }),
                TTXL_ERR_LENGTH,
            ),
            (
                FfiError::Stats(StatsError::NonFinite {
                    group: "x",
                    index: 1,
                }),
                TTXL_ERR_ARGUMENT,
            ),
            (FfiError::Panic("42".into()), TTXL_ERR_INTERNAL),
            (FfiError::Internal("NaN".into()), TTXL_ERR_INTERNAL),
        ];
        for (e, status) in cases {
            assert_eq!(e.status(), status, "{e:?}");
            let en = e.message(Lang::En);
            let ja = e.message(Lang::Ja);
            assert!(en.is_ascii() && !en.is_empty(), "{en}");
            crate::messages::check_japanese(&ja, &format!("{e:?}"));
        }
    }

    #[test]
    fn last_error_is_per_thread() {
        set_language(Lang::Ja);
        assert_eq!(fail(FfiError::Null { name: "out" }), TTXL_ERR_NULL);
        assert!(last_message().starts_with("out が NULL"));
        std::thread::spawn(|| {
            assert_eq!(language(), Lang::En);
            assert_eq!(last_message(), "");
        })
        .join()
        .unwrap();
        assert_eq!(succeed(), TTXL_OK);
        assert_eq!(last_message(), "");
        set_language(Lang::En);
    }
}
