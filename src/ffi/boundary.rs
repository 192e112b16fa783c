//! The panic boundary and the argument-checking one-liners used by every export.
//!
//! Modelled on rustls-ffi (`ffi_panic_boundary!`, `try_slice!`): every exported function body is
//! wrapped in [`ffi_panic_boundary!`], which catches any unwinding panic and turns it into the
//! fallback value of the return type ([`PanicFallback`]): `TTXL_ERR_INTERNAL` for the `int32_t`
//! status functions (with the panic message stored as this thread's last error), NaN for `double`.
//! Since Rust 1.81 a panic that escapes an `extern "C"` function aborts the process, and inside
//! Excel that means losing the user's unsaved workbook.

use std::any::Any;
use std::borrow::Cow;
use std::ffi::c_char;

use super::error::{fail, FfiError};
use super::TTXL_ERR_INTERNAL;

/// What an exported function returns when its body panicked.
pub(crate) trait PanicFallback {
    /// The value returned instead of the body's result. `payload` is the panic payload.
    fn on_panic(payload: Box<dyn Any + Send>) -> Self;
}

/// Status codes: `TTXL_ERR_INTERNAL`, and the panic message becomes the last error.
impl PanicFallback for i32 {
    fn on_panic(payload: Box<dyn Any + Send>) -> i32 {
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        };
        let status = fail(FfiError::Panic(message));
        debug_assert_eq!(status, TTXL_ERR_INTERNAL);
        status
    }
}

/// Numbers: NaN.
impl PanicFallback for f64 {
    fn on_panic(_: Box<dyn Any + Send>) -> f64 {
        f64::NAN
    }
}

/// Static strings: an empty string (never a null pointer).
impl PanicFallback for *const c_char {
    fn on_panic(_: Box<dyn Any + Send>) -> *const c_char {
        c"".as_ptr()
    }
}

/// Runs the body of an exported function, catching any panic (see [`PanicFallback`]).
///
/// The body is a closure body: `return` inside it returns from the export.
macro_rules! ffi_panic_boundary {
    ( $($body:tt)* ) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(ret) => ret,
            Err(payload) => $crate::ffi::boundary::PanicFallback::on_panic(payload),
        }
    };
}

/// `let x = try_slice!(x, nx, "x", "nx");` — the input array `x` of `nx` doubles, or returns the
/// status of the problem: negative `nx` → `TTXL_ERR_LENGTH`, `x` NULL with `nx > 0` →
/// `TTXL_ERR_NULL`. A NULL pointer with length 0 is an empty array.
macro_rules! try_slice {
    ($ptr:expr, $len:expr, $name:expr, $len_name:expr) => {
        match unsafe { $crate::ffi::boundary::input_slice($ptr, $len, $name, $len_name) } {
            Ok(slice) => slice,
            Err(e) => return $crate::ffi::error::fail(e),
        }
    };
}

/// `try_out!(out, "out");` — returns `TTXL_ERR_NULL` when the out-pointer is NULL.
macro_rules! try_out {
    ($ptr:expr, $name:expr) => {
        if $ptr.is_null() {
            return $crate::ffi::error::fail($crate::ffi::error::FfiError::Null { name: $name });
        }
    };
}

/// `let v = try_ffi!(expr);` — unwraps a `Result<_, E: Into<FfiError>>` or returns its status.
macro_rules! try_ffi {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return $crate::ffi::error::fail(e.into()),
        }
    };
}

/// Checks an `int32_t` length.
pub(crate) fn length(len: i32, name: &'static str) -> Result<usize, FfiError> {
    usize::try_from(len).map_err(|_| FfiError::NegativeLength { name, value: len })
}

/// Views `len` doubles at `ptr` as a slice.
///
/// Aligned input (every C `double` array and every VBA `Double` array) is borrowed; misaligned
/// input (possible from packed structures) is copied with unaligned reads instead of being
/// undefined behaviour.
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable doubles that stay valid and unmodified for `'a`.
pub(crate) unsafe fn input_slice<'a>(
    ptr: *const f64,
    len: i32,
    name: &'static str,
    len_name: &'static str,
) -> Result<Cow<'a, [f64]>, FfiError> {
    let n = length(len, len_name)?;
    if n == 0 {
        return Ok(Cow::Borrowed(&[]));
    }
    if ptr.is_null() {
        return Err(FfiError::NullData {
            name,
            len_name,
            len,
        });
    }
    if ptr.align_offset(std::mem::align_of::<f64>()) == 0 {
        // SAFETY: non-null, aligned, and the caller promises `n` readable doubles.
        Ok(Cow::Borrowed(unsafe { std::slice::from_raw_parts(ptr, n) }))
    } else {
        // SAFETY: the caller promises `n` readable doubles; no alignment needed.
        Ok(Cow::Owned(
            (0..n)
                .map(|i| unsafe { ptr.add(i).read_unaligned() })
                .collect(),
        ))
    }
}

/// Writes `value` to a non-null out-pointer without requiring alignment (a VBA `Type` on 32-bit
/// Office is only 4-byte aligned).
///
/// # Safety
/// `out` must be non-null and point to writable memory for a `T`.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) {
    // SAFETY: checked non-null by the caller (`try_out!`), writable by contract.
    unsafe { out.write_unaligned(value) }
}
