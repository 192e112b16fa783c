//! Issue 18: `.xlsb` gets the guard .xls and .ods have. A small .xlsb is built here record by
//! record ([MS-XLSB]: BrtBundleSh in xl/workbook.bin, BrtWsDim/BrtRowHdr/BrtCellReal/BrtCellSt in
//! the sheets): read normally; with one more cell at XFD1048576 (calamine would build a dense
//! range of 17 billion cells), a record claiming 256 MiB, or a cell beyond Excel's last column,
//! it is refused with exit 2 under a 1.5 GB address-space limit, nothing written.

#![cfg(unix)]

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use ttest_xl_cli::workbook::{read_survey, ReadOptions};
use zip::write::SimpleFileOptions;

#[path = "../../tests/common/xlsb.rs"]
mod xlsb;
use xlsb::{num, rec, text, wide};

fn row(r: u32) -> Vec<u8> {
    rec(0x0000, &r.to_le_bytes())
}

/// A sheet part: ID, Q1 and five respondents; `extra` records go before BrtEndSheetData.
fn sheet(values: &[f64; 5], extra: &[u8]) -> Vec<u8> {
    let mut dim = Vec::new();
    for v in [0u32, 5, 0, 1] {
        dim.extend_from_slice(&v.to_le_bytes());
    }
    let mut v = [rec(0x0081, &[]), rec(0x0094, &dim), rec(0x0091, &[])].concat();
    v.extend([row(0), text(0, "職員番号"), text(1, "Q1")].concat());
    for (i, x) in values.iter().enumerate() {
        v.extend([row(i as u32 + 1), num(0, 101.0 + i as f64), num(1, *x)].concat());
    }
    v.extend_from_slice(extra);
    v.extend(rec(0x0092, &[]));
    v
}

const BEFORE: [f64; 5] = [3.0, 4.0, 2.0, 3.0, 4.0];
const AFTER: [f64; 5] = [4.0, 4.0, 3.0, 5.0, 4.0];

fn xlsb(dir: &Path, name: &str, extra: &[u8]) -> PathBuf {
    xlsb_with(dir, name, sheet(&BEFORE, extra))
}

/// The workbook with `sheet1` as the first sheet's part.
fn xlsb_with(dir: &Path, name: &str, sheet1: Vec<u8>) -> PathBuf {
    let mut wb = Vec::new();
    for (i, (id, sheet)) in [("rId1", "事前"), ("rId2", "事後")].iter().enumerate() {
        let mut b = 0u32.to_le_bytes().to_vec(); // visible
        b.extend_from_slice(&(i as u32 + 1).to_le_bytes());
        b.extend(wide(id));
        b.extend(wide(sheet));
        wb.extend(rec(0x009C, &b));
    }
    wb.extend(rec(0x0090, &[]));
    wb.extend(rec(0x009D, &[0; 8]));
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.bin" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/><Relationship Id="rId2" Target="worksheets/sheet2.bin" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>"#;
    let p = dir.join(name);
    let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
    let o = SimpleFileOptions::default();
    for (part, bytes) in [
        ("xl/workbook.bin", wb),
        ("xl/_rels/workbook.bin.rels", rels.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.bin", sheet1),
        ("xl/worksheets/sheet2.bin", sheet(&AFTER, &[])),
    ] {
        z.start_file(part, o).unwrap();
        z.write_all(&bytes).unwrap();
    }
    z.finish().unwrap();
    p
}

fn analyze(input: &Path) -> (Option<i32>, String, PathBuf) {
    let out = input.with_extension("result.xlsx");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ttest-xl"));
    cmd.arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .arg("--quiet")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 1_500_000_000,
                rlim_max: 1_500_000_000,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    (o.status.code(), err, out)
}

#[test]
fn a_small_xlsb_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = xlsb(dir.path(), "survey.xlsb", &[]);
    let s = read_survey(&p, &ReadOptions::default()).unwrap();
    assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()]);
    assert!(s.paired);
    assert_eq!(s.first.values[0], BEFORE);
    assert_eq!(s.second.values[0], AFTER);
    let (code, err, out) = analyze(&p);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.exists());
}

#[test]
fn hostile_xlsb_files_are_refused_before_calamine_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    // A record header claiming 268,435,455 bytes (calamine would reserve them).
    let huge_record = [0x05u8, 0xFF, 0xFF, 0xFF, 0x7F];
    for (name, extra, want) in [
        (
            "far.xlsb",
            [row(1_048_575), num(16_383, 1.0)].concat(),
            "cells in the sheets' used ranges (.xlsb)",
        ),
        (
            "record.xlsb",
            huge_record.to_vec(),
            "xl/worksheets/sheet1.bin holds a record of 268435455 bytes",
        ),
        (
            "wide.xlsb",
            [row(6), num(100_000, 1.0)].concat(),
            "beyond Excel's last column",
        ),
    ] {
        let p = xlsb(dir.path(), name, &extra);
        let (code, err, out) = analyze(&p);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        for bad in ["panicked", "memory allocation", "internal error"] {
            assert!(!err.contains(bad), "{name}: {err}");
        }
        assert!(!out.exists());
    }
}

/// Moved here from tests/cli_faults.rs when the .xlsx reader stopped using calamine's (its input,
/// an .xlsx with `<dimension ref="XFD1048576:A1"/>`, no longer reaches calamine's dimension
/// arithmetic and is read like any other). A panic inside a dependency is caught and reported
/// as an internal error naming the file, with no "panicked" text or backtrace hint: here
/// calamine's `Dimensions::len` overflows on a BrtWsDim whose last row is above its first
/// (a debug build panics; a release build wraps and reads the sheet).
#[test]
fn dependency_panic_prints_no_panic_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut reversed = Vec::new();
    let mut normal = Vec::new();
    for (r, n) in [5u32, 0, 0, 1].iter().zip([0u32, 5, 0, 1]) {
        reversed.extend_from_slice(&r.to_le_bytes());
        normal.extend_from_slice(&n.to_le_bytes());
    }
    let (from, to) = (rec(0x0094, &normal), rec(0x0094, &reversed));
    let mut part = sheet(&BEFORE, &[]);
    let at = part.windows(from.len()).position(|w| w == from).unwrap();
    part.splice(at..at + from.len(), to);
    let p = xlsb_with(dir.path(), "reversed_dimension.xlsb", part);
    let (code, err, out) = analyze(&p);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
    if cfg!(debug_assertions) {
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("reversed_dimension.xlsb"), "{err}");
        assert!(err.contains("report"), "{err}");
        assert!(!out.exists());
    } else {
        assert_eq!(code, Some(0), "{err}");
    }
}
