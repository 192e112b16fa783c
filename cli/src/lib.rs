//! # ttest-xl-cli
//!
//! The `ttest-xl` command-line tool: a survey workbook in, a result workbook out. It is one of
//! the three front doors of the engine in the `ttest_xl` library (the root package):
//!
//! * [`workbook`] reads survey workbooks and text files and records every reading decision;
//! * [`analysis`] plans and runs the tests through the engine ([`stats`]);
//! * [`report`] writes the result workbook and the JSON;
//! * [`cli`] parses the command line and commits the output file; [`plan`] is `ttest-xl plan`.
//!
//! The engine's modules are re-exported so that `crate::stats`, `crate::lang` and
//! `crate::messages` name the library's own: the tool has no statistics and no words of its own
//! for what the library already says.
#![deny(unsafe_op_in_unsafe_fn)]

pub use ttest_xl::{lang, messages, stats, Lang, VERSION};

pub mod analysis;
pub mod cli;
pub mod office_lock;
pub mod plan;
pub mod report;
pub mod waves_cli;
pub mod words;
pub mod workbook;
