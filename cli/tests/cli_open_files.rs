//! Outputs and inputs that are open in Excel or LibreOffice (issue 8, "output already
//! open/locked"). Both programs leave an owner file beside an open document (`~$name` for
//! Excel, `.~lock.name#` for LibreOffice). An output that is open is never replaced, even with
//! `--force`: exit 2, the file and its owner file untouched, no temporary file, a message that
//! says to close it and who has it open. An input that is open is read (what is saved on disk)
//! with a warning that unsaved edits are not included.
//!
//! On Windows the operating system's sharing violation is what counts; that path is exercised by
//! `scripts/windows-check.sh` under Wine (a helper program holds the file open like Excel).
#![cfg(not(windows))]

use std::fs;

use predicates::prelude::*;

#[path = "../../tests/common/mod.rs"]
mod common;
use common::cli::{entries, staff_copy, ttest_xl as cmd};

/// An Excel owner file as Excel 2016 writes it: name length, the name in the ANSI code page
/// padded with spaces to offset 55, the length as u16 and the name in UTF-16LE, spaces to 165
/// bytes (layout as documented by LibreOffice's interoperability code, svl/msodocumentlockfile).
fn excel_owner_file(user: &str) -> Vec<u8> {
    let mut b = vec![user.chars().count() as u8];
    b.extend(
        user.chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' }),
    );
    b.resize(55, b' ');
    let units: Vec<u16> = user.encode_utf16().collect();
    b.extend((units.len() as u16).to_le_bytes());
    b.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    while b.len() < 165 {
        b.extend([b' ', 0]);
    }
    b.truncate(165);
    b
}

#[test]
fn output_open_in_excel_is_not_replaced_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let out = dir.path().join("results.xlsx");
    fs::write(&out, b"the council's copy").unwrap();
    let owner = dir.path().join("~$results.xlsx");
    let owner_bytes = excel_owner_file("山田 花子");
    fs::write(&owner, &owner_bytes).unwrap();
    for force in [true, false] {
        let mut c = cmd("en_US.UTF-8");
        c.arg("analyze").arg(&input).arg("-o").arg(&out);
        if force {
            c.arg("--force");
        }
        c.assert()
            .code(2)
            .stderr(predicate::str::contains("open in Excel by 山田 花子"))
            .stderr(predicate::str::contains("close it there"))
            .stderr(predicate::str::contains("~$results.xlsx"))
            .stderr(predicate::str::contains("panicked").not());
        assert_eq!(fs::read(&out).unwrap(), b"the council's copy");
        assert_eq!(fs::read(&owner).unwrap(), owner_bytes);
        assert_eq!(
            entries(dir.path()),
            ["results.xlsx", "survey.xlsx", "~$results.xlsx"]
        );
    }
    // In Japanese, with the user's name.
    cmd("ja_JP.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "このファイルは Excel で開かれています（山田 花子 さん）",
        ))
        .stderr(predicate::str::contains("Excel でファイルを閉じてから"));
    // Once Excel has closed it (the owner file is gone), --force replaces it.
    fs::remove_file(&owner).unwrap();
    cmd("en_US.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(0);
    assert_ne!(fs::read(&out).unwrap(), b"the council's copy");
    assert_eq!(entries(dir.path()), ["results.xlsx", "survey.xlsx"]);
}

#[test]
fn output_open_in_libreoffice_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let out = dir.path().join("results.xlsx");
    fs::write(&out, b"keep").unwrap();
    let lock = dir.path().join(".~lock.results.xlsx#");
    fs::write(
        &lock,
        ",sato,pc-07,25.11.2026 09:30,file:///home/sato/.config;",
    )
    .unwrap();
    cmd("en_US.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("open in LibreOffice by sato"));
    assert_eq!(fs::read(&out).unwrap(), b"keep");
    assert!(lock.exists());
}

#[test]
fn json_output_open_elsewhere_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let out = dir.path().join("results.xlsx");
    let json = dir.path().join("results.json");
    fs::write(&json, b"{}").unwrap();
    fs::write(dir.path().join("~$results.json"), excel_owner_file("ito")).unwrap();
    cmd("en_US.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--json")
        .arg(&json)
        .arg("--force")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("results.json: the file is open"));
    assert!(!out.exists());
    assert_eq!(fs::read(&json).unwrap(), b"{}");
}

#[test]
fn a_leftover_owner_file_for_a_new_output_does_not_block() {
    // The owner file of a workbook that no longer exists (Excel crashed, the file was moved).
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let out = dir.path().join("results.xlsx");
    let owner = dir.path().join("~$results.xlsx");
    fs::write(&owner, excel_owner_file("yamada")).unwrap();
    cmd("en_US.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.exists());
    assert!(owner.exists(), "an owner file is never removed by us");
}

#[test]
fn input_open_in_excel_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let before = fs::read(&input).unwrap();
    fs::write(dir.path().join("~$survey.xlsx"), excel_owner_file("suzuki")).unwrap();
    let out = dir.path().join("results.xlsx");
    cmd("en_US.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: survey.xlsx is open in Excel by suzuki; changes not yet saved there are not in this analysis",
        ));
    assert_eq!(fs::read(&input).unwrap(), before);
    // The warning counts for --strict (exit 1), in Japanese too.
    cmd("ja_JP.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("results2.xlsx"))
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "警告: survey.xlsx は Excel で開かれています（suzuki さん）",
        ));
}
