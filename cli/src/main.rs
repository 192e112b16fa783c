//! `ttest-xl`: a survey workbook in, a result workbook out. Thin: see `ttest_xl_cli::cli`
//! (exit codes: 0 ok, 1 warnings with `--strict`, 2 usage or input error).

use clap::Parser;

fn main() -> std::process::ExitCode {
    quiet_reader_panics();
    ttest_xl_cli::cli::main_with(ttest_xl_cli::cli::Cli::parse())
}

/// A panic inside the workbook parser is caught and reported as an error naming the input
/// (`ttest_xl_cli::workbook::caught_by_reader`); the default hook would still print "thread 'main'
/// panicked at …" and a backtrace hint before that message. The hook stays silent for those and
/// leaves every other panic (a bug) to the default hook.
fn quiet_reader_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !ttest_xl_cli::workbook::caught_by_reader(info.location()) {
            previous(info);
        }
    }));
}
