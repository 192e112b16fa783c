//! `ttest-xl`: a survey workbook in, a result workbook out. Thin: see `ttest_xl::cli`
//! (exit codes: 0 ok, 1 warnings with `--strict`, 2 usage or input error).

use clap::Parser;

fn main() -> std::process::ExitCode {
    ttest_xl::cli::main_with(ttest_xl::cli::Cli::parse())
}
