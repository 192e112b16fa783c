//! `ttest-xl`: a survey workbook in, a result workbook out. Thin: see `ttest_xl::cli`.

fn main() {
    std::process::exit(0);
}
