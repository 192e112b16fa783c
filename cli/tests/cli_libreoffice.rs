//! A real spreadsheet application opens the result workbook: LibreOffice (headless) loads it and
//! its `T.TEST` cells must equal our p-values, both when it recalculates every formula and when it
//! shows the values cached in the file (LibreOffice's default for .xlsx, and what viewers and
//! previewers show): a cached 0 made every cell read "<.001".
//!
//! Skipped — loudly — when `soffice` is not installed (Debian: `libreoffice-calc-nogui`).

#[path = "../../tests/common/mod.rs"]
mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// LibreOffice's own t distribution against ours: both are accurate to ~1e-14 here; the CSV keeps
/// 15 significant digits.
const REL_LO: f64 = 1e-9;

fn soffice() -> Option<PathBuf> {
    let candidates = [
        "/usr/bin/soffice",
        "/usr/local/bin/soffice",
        "/usr/bin/libreoffice",
    ];
    if let Some(p) = candidates.iter().map(PathBuf::from).find(|p| p.exists()) {
        return Some(p);
    }
    let out = Process::new("sh")
        .args(["-c", "command -v soffice"])
        .output()
        .ok()?;
    let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!p.is_empty()).then(|| PathBuf::from(p))
}

/// A LibreOffice profile that recalculates xlsx formulas on load (`recalc`), or never does (shows
/// the cached values, as LibreOffice's default setting does).
fn profile(dir: &Path, recalc: bool) -> String {
    let user = dir.join("profile/user");
    fs::create_dir_all(&user).unwrap();
    fs::write(
        user.join("registrymodifications.xcu"),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
</oor:items>
"#,
            mode = if recalc { 0 } else { 1 }
        ),
    )
    .unwrap();
    format!("file://{}", dir.join("profile").display())
}

/// Minimal CSV line parser (quoted fields, doubled quotes).
fn parse_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn check(soffice: &Path, input: &Path, extra: &[&str], name: &str, recalc: bool) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("{name}.xlsx"));
    let mut cmd = Command::cargo_bin("ttest-xl").unwrap();
    cmd.arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(["--quiet", "--lang", "en", "--json"])
        .arg(dir.path().join("r.json"))
        .args(extra)
        .assert()
        .success();
    let status = Process::new("timeout")
        .arg("300")
        .arg(soffice)
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation={}",
            profile(dir.path(), recalc)
        ))
        .arg("--convert-to")
        // CSV, UTF-8, all sheets (last token -1), formulas' results, full precision.
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(dir.path())
        .arg(&out)
        .output()
        .expect("run soffice");
    let csv = dir.path().join(format!("{name}-Results.csv"));
    assert!(
        csv.exists(),
        "LibreOffice did not convert the workbook: {status:?} {:?}",
        fs::read_dir(dir.path()).unwrap().collect::<Vec<_>>()
    );
    // Every sheet was loaded.
    for sheet in ["Summary", "Charts", "Data", "Checks", "Method"] {
        assert!(
            dir.path().join(format!("{name}-{sheet}.csv")).exists(),
            "{sheet}"
        );
    }
    let text = fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    let header = parse_csv_line(lines.next().unwrap());
    let p_col = header.iter().position(|h| h == "p").unwrap();
    let excel_col = header
        .iter()
        .position(|h| h == "Excel T.TEST p")
        .expect("T.TEST column");
    let mut compared = 0;
    for line in lines {
        let row = parse_csv_line(line);
        // The table ends at the first empty row (a legend of the significance marks follows).
        if row.iter().all(|c| c.is_empty()) {
            break;
        }
        let ours: f64 = row[p_col].parse().unwrap();
        let excel: f64 = row[excel_col]
            .parse()
            .unwrap_or_else(|_| panic!("T.TEST cell not a number: {:?}", row[excel_col]));
        assert!(excel > 0.0, "cached 0 shown in {line}");
        let rel = ((excel - ours) / ours).abs();
        assert!(
            rel <= REL_LO,
            "{name}: T.TEST {excel} vs p {ours} (rel {rel:e})"
        );
        compared += 1;
    }
    assert!(compared > 0);
    eprintln!("{name} (recalc {recalc}): LibreOffice T.TEST equals our p for {compared} item(s)");
}

#[test]
fn libreoffice_opens_the_result_and_its_t_test_equals_our_p() {
    let Some(soffice) = soffice() else {
        common::tool_missing(
            "cli_libreoffice",
            "soffice not found; install libreoffice-calc-nogui (the result workbook has NOT been \
             checked in a real spreadsheet)",
        );
        return;
    };
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let staff = root.join("examples/staff_survey.xlsx");
    let groups = root.join("tests/reference/analyze_groups.xlsx");
    // T.TEST type 1 (paired), with a breakdown so block ranges are sub-ranges of the Data sheet.
    for recalc in [true, false] {
        check(&soffice, &staff, &["--by", "所属"], "paired", recalc);
    }
    // Type 3 (Welch) and type 2 (Student) on the group-column layout.
    check(
        &soffice,
        &groups,
        &[
            "--group",
            "性別",
            "--levels",
            "男性,女性",
            "--scale",
            "そう思う=4",
        ],
        "welch",
        true,
    );
    check(
        &soffice,
        &groups,
        &[
            "--group",
            "性別",
            "--test",
            "student",
            "--scale",
            "そう思う=4",
        ],
        "student",
        true,
    );
}

/// Without recalculation LibreOffice shows the cached values: they are our p-values, for every
/// T.TEST type.
#[test]
fn libreoffice_without_recalculation_shows_our_p_in_the_t_test_cells() {
    let Some(soffice) = soffice() else {
        eprintln!("\n*** SKIPPED cli_libreoffice (cached values): soffice not found. ***\n");
        return;
    };
    let groups = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/reference/analyze_groups.xlsx");
    check(
        &soffice,
        &groups,
        &[
            "--group",
            "性別",
            "--levels",
            "男性,女性",
            "--scale",
            "そう思う=4",
        ],
        "welch-cached",
        false,
    );
    check(
        &soffice,
        &groups,
        &[
            "--group",
            "性別",
            "--test",
            "student",
            "--scale",
            "そう思う=4",
        ],
        "student-cached",
        false,
    );
}
