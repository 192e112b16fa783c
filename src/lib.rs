//! # ttest-xl
//!
//! Honest significance tests and effect sizes for spreadsheet users.
//!
//! One engine, three front doors:
//!
//! * [`stats`] — the engine: pure Rust, slices in, typed results out; no I/O, no FFI.
//! * [`ffi`] — the C ABI (`include/ttest_xl.h`), called by C programs and by the VBA module in
//!   `vba/TTestXL.bas`. It only validates, converts and delegates to [`stats`].
//! * [`messages`] — the words every front door shares (effect-size labels, the result sentence,
//!   the engine's error terms), keyed by enums, in English and Japanese.
//!
//! The `ttest-xl` command-line tool (workbook reading, analysis, report) is the `ttest-xl-cli`
//! package in `cli/` of the same workspace; none of its dependencies are part of this library.
#![deny(unsafe_op_in_unsafe_fn)]

pub mod ffi;
pub mod lang;
pub mod messages;
pub mod stats;

pub use lang::Lang;

/// The crate version, as in `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
