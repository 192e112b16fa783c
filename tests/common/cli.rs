//! Helpers of the tests that run the `ttest-xl` binary on files.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The example survey shipped in the repository.
pub fn example() -> PathBuf {
    super::repo_root().join("examples/staff_survey.xlsx")
}

/// A copy of the example survey as `dir/survey.xlsx` (tests never touch the original).
pub fn staff_copy(dir: &Path) -> PathBuf {
    let dst = dir.join("survey.xlsx");
    fs::copy(example(), &dst).unwrap();
    dst
}

/// The binary with `LANG=lang` and no other locale variable, so messages are predictable.
pub fn ttest_xl(lang: &str) -> Command {
    let mut c = Command::cargo_bin("ttest-xl").unwrap();
    c.env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// Names in `dir`, sorted (empty when `dir` does not exist).
pub fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
