//! The name-binding check `scripts/vba_names.py` (issue 17): every identifier of the VBA module
//! resolves as VBA binds it (locals and parameters, then the module, then VBA/Excel globals).
//!
//! It must pass on `vba/TTestXL.bas` and must find, with the right kind and line, each defect of
//! the committed broken modules in `tests/vba/names/`, among them the module as it was before
//! commit b3d1255 (defect 1: a parameter `alternativeArg` hiding the function `AlternativeArg`,
//! error 13 in six worksheet functions; defect 2: `TTestRow = cells`, Excel's global `Cells`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the checker on one file: (exit status success, stdout lines).
fn run_checker(file: &Path) -> (bool, Vec<String>) {
    let out = Command::new("python3")
        .arg(root().join("scripts/vba_names.py"))
        .arg(file)
        .output()
        .expect("python3 is needed for the VBA name-binding check (apt-get install python3)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.trim().is_empty(),
        "the checker wrote to stderr:\n{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    (
        out.status.success(),
        stdout.lines().map(str::to_owned).collect(),
    )
}

/// Asserts that the checker rejects `name` with exactly these findings: (line, kind, words that
/// the message must contain).
fn assert_findings(name: &str, expected: &[(usize, &str, &[&str])]) {
    let file = root().join("tests/vba/names").join(name);
    let (ok, lines) = run_checker(&file);
    assert!(!ok, "{name} was accepted:\n{}", lines.join("\n"));
    assert_eq!(
        lines.len(),
        expected.len(),
        "{name}: expected {} findings, got:\n{}",
        expected.len(),
        lines.join("\n")
    );
    for (line, kind, words) in expected {
        let prefix = format!("{}:{line}: {kind}: ", file.display());
        let found = lines
            .iter()
            .any(|l| l.starts_with(&prefix) && words.iter().all(|w| l.contains(w)));
        assert!(
            found,
            "{name}: no {kind} finding on line {line} with {words:?}; got:\n{}",
            lines.join("\n")
        );
    }
}

#[test]
fn the_module_passes() {
    let (ok, lines) = run_checker(&root().join("vba/TTestXL.bas"));
    assert!(
        ok,
        "vba/TTestXL.bas has name-binding findings:\n{}",
        lines.join("\n")
    );
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("ok "), "{lines:?}");
}

#[test]
fn defects_1_and_2_of_the_module_before_b3d1255_are_found() {
    assert_findings(
        "before_b3d1255.bas",
        &[
            (
                999,
                "hides",
                &[
                    "TestOptions",
                    "parameter alternativeArg",
                    "function AlternativeArg",
                    "line 1002",
                ],
            ),
            (
                1024,
                "hides",
                &["TTestFunction", "alternativeArg", "AlternativeArg"],
            ),
            (
                1235,
                "hides",
                &[
                    "RankFunction",
                    "alternativeArg",
                    "AlternativeArg",
                    "line 1239",
                ],
            ),
            (
                1021,
                "excel-global",
                &["TTestRow", "cells", "Excel's global Cells"],
            ),
            (
                1203,
                "excel-global",
                &["EffectFunction", "cells", "Excel's global Cells"],
            ),
            (
                1231,
                "excel-global",
                &["RankRow", "cells", "Excel's global Cells"],
            ),
        ],
    );
}

#[test]
fn a_local_hiding_a_procedure_is_found() {
    assert_findings(
        "hidden_procedure.bas",
        &[
            (
                9,
                "hides",
                &[
                    "parameter alternativeArg",
                    "function AlternativeArg",
                    "line 10",
                ],
            ),
            (14, "hides", &["local testOptions", "function TestOptions"]),
        ],
    );
}

#[test]
fn names_that_bind_to_excel_globals_are_found() {
    assert_findings(
        "excel_global.bas",
        &[
            (8, "excel-global", &["cells", "Cells"]),
            (12, "excel-global", &["Range"]),
            (12, "excel-global", &["ActiveSheet"]),
            // ThisWorkbook and Application are allowed; ws.Cells is a member, only ws is unknown.
            (16, "undeclared", &["ws"]),
        ],
    );
}

#[test]
fn duplicate_names_are_found() {
    assert_findings(
        "duplicate.bas",
        &[
            (9, "duplicate", &["c_one", "line 8"]),
            (14, "duplicate", &["Limit", "line 6"]),
            (16, "duplicate", &["K", "declared twice"]),
        ],
    );
}

#[test]
fn undeclared_names_are_found() {
    assert_findings("undeclared.bas", &[(7, "undeclared", &["reslt"])]);
}
