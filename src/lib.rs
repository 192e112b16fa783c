//! # ttest-xl
//!
//! Honest significance tests and effect sizes for spreadsheet users.
//!
//! One engine, three front doors:
//!
//! * [`stats`] — the engine: pure Rust, slices in, typed results out; no I/O, no FFI.
//! * [`ffi`] — the C ABI (`include/ttest_xl.h`), called by C programs and by the VBA module in
//!   `vba/TTestXL.bas`. It only validates, converts and delegates to [`stats`].
//! * the `ttest-xl` command-line tool (feature `cli`): [`workbook`] reads survey workbooks,
//!   [`analysis`] plans and runs the tests, [`report`] writes the result workbook.
#![deny(unsafe_op_in_unsafe_fn)]

pub mod ffi;
pub mod lang;
pub mod messages;
pub mod stats;

#[cfg(feature = "cli")]
pub mod analysis;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod office_lock;
#[cfg(feature = "cli")]
pub mod plan;
#[cfg(feature = "cli")]
pub mod report;
#[cfg(feature = "cli")]
pub mod workbook;

pub use lang::Lang;

/// The crate version, as in `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
