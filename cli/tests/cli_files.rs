//! Behaviour around files and exit codes of `ttest-xl analyze`: the input is never touched, an
//! existing output is refused without `--force`, failures write nothing and leave no temporary
//! file, and every exit code (0, 1, 2) is produced where documented.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

#[path = "../../tests/common/mod.rs"]
mod common;
use common::cli::{entries, staff_copy};

fn cmd() -> Command {
    common::cli::ttest_xl("en_US.UTF-8")
}

fn assert_no_temp(dir: &Path) {
    let e = entries(dir);
    assert!(
        !e.iter().any(|n| n.ends_with(".tmp")),
        "temporary file left in {}: {e:?}",
        dir.display()
    );
}

#[test]
fn writes_output_and_leaves_input_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let before = fs::read(&input).unwrap();
    let out = dir.path().join("results.xlsx");
    cmd()
        .args(["analyze"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote"));
    assert_eq!(fs::read(&input).unwrap(), before);
    assert!(out.exists());
    assert_eq!(entries(dir.path()), vec!["results.xlsx", "survey.xlsx"]);
}

#[test]
fn existing_output_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let out = dir.path().join("results.xlsx");
    fs::write(&out, b"keep me").unwrap();
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read(&out).unwrap(), b"keep me");
    assert_no_temp(dir.path());
    // With --force it is replaced by a real workbook.
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(0);
    assert!(fs::read(&out).unwrap().starts_with(b"PK"));
    assert_no_temp(dir.path());
}

#[test]
fn output_equal_to_input_is_refused_under_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let before = fs::read(&input).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let hard = dir.path().join("hardlink.xlsx");
    fs::hard_link(&input, &hard).unwrap();
    let same_names = [
        input.clone(),
        dir.path().join("sub/../survey.xlsx"),
        dir.path().join("./survey.xlsx"),
        hard.clone(),
    ];
    for out in same_names {
        cmd()
            .arg("analyze")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .arg("--force")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("must not be the input"));
        assert_eq!(fs::read(&input).unwrap(), before, "{}", out.display());
    }
    assert_no_temp(dir.path());
    // The JSON may not overwrite the input either.
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("r.xlsx"))
        .arg("--json")
        .arg(&input)
        .arg("--force")
        .assert()
        .code(2);
    assert_eq!(fs::read(&input).unwrap(), before);
}

#[test]
fn missing_output_folder_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("no/such/folder/r.xlsx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("folder does not exist"));
    assert_eq!(entries(dir.path()), vec!["survey.xlsx"]);
}

#[test]
fn japanese_error_messages_follow_the_locale() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    cmd()
        .env("LANG", "ja_JP.UTF-8")
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("no/r.xlsx"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("エラー")
                .and(predicate::str::contains("フォルダーがありません")),
        );
}

#[cfg(unix)]
#[test]
fn read_only_folder_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    // root ignores permission bits: then /proc, where nobody can create files, stands in.
    let probe = ro.join("probe");
    let target = if fs::write(&probe, b"x").is_ok() {
        fs::remove_file(&probe).unwrap();
        eprintln!("running as root: using /proc as the unwritable folder");
        PathBuf::from("/proc/ttest-xl-results.xlsx")
    } else {
        ro.join("r.xlsx")
    };
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("cannot write")
                .and(predicate::str::contains("nothing was written")),
        );
    assert!(!target.exists());
    assert!(entries(&ro).is_empty());
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Disk full / file-size limit: the write fails half-way; the temporary file must be removed.
#[cfg(target_os = "linux")]
#[test]
fn file_size_limit_mid_write_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let out = dir.path().join("r.xlsx");
    let bin = assert_cmd::cargo::cargo_bin("ttest-xl");
    // `ulimit -f 4`: 4 blocks, far below the ~40 kB result workbook.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 4 && exec \"$0\" analyze \"$1\" -o \"$2\"")
        .arg(&bin)
        .arg(&input)
        .arg(&out)
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2), "{status:?}");
    assert!(String::from_utf8_lossy(&status.stderr).contains("cannot write"));
    assert!(!out.exists());
    assert_no_temp(dir.path());
}

#[test]
fn bad_input_gives_exit_code_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.xlsx");
    fs::write(&bad, b"this is not a zip file at all").unwrap();
    cmd()
        .arg("analyze")
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("r.xlsx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.xlsx"));
    cmd()
        .arg("analyze")
        .arg(dir.path().join("missing.xlsx"))
        .arg("-o")
        .arg(dir.path().join("r.xlsx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.xlsx: file not found"))
        .stderr(predicate::str::contains("os error").not());
    // In Japanese, without the operating system's English text.
    cmd()
        .env("LANG", "ja_JP.UTF-8")
        .arg("analyze")
        .arg(dir.path().join("missing.xlsx"))
        .arg("-o")
        .arg(dir.path().join("r.xlsx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.xlsx: ファイルが見つかりません",
        ))
        .stderr(predicate::str::contains("os error").not());
    assert_eq!(entries(dir.path()), vec!["broken.xlsx"]);
}

#[test]
fn usage_errors_give_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let out = dir.path().join("r.xlsx");
    for args in [
        vec!["--alpha", "1.5"],
        vec!["--conf-level", "95"],
        vec!["--sheets", "事前"],
        vec!["--test", "t"],
        vec!["--no-such-flag"],
        vec!["--levels", "a,b"], // needs --group
    ] {
        cmd()
            .arg("analyze")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .args(&args)
            .assert()
            .code(2);
    }
    // A paired test on a layout without IDs is a usage error too.
    let groups = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/reference/analyze_groups.xlsx");
    cmd()
        .arg("analyze")
        .arg(&groups)
        .arg("-o")
        .arg(&out)
        .args([
            "--group",
            "性別",
            "--test",
            "paired",
            "--scale",
            "そう思う=4",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--id"));
    assert!(!out.exists());
}

#[test]
fn strict_turns_warnings_into_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    // Per department the groups are small (n < 20): assumption notes are warnings.
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("a.xlsx"))
        .args(["--by", "所属", "--strict"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("warning"));
    // Without --strict the same run succeeds, and the workbook was written either way.
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("b.xlsx"))
        .args(["--by", "所属", "--quiet"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    assert!(dir.path().join("a.xlsx").exists());
    // No warnings: --strict still exits 0.
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("c.xlsx"))
        .args(["--strict"])
        .assert()
        .code(0);
}

#[test]
fn json_to_a_file_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let json = dir.path().join("r.json");
    cmd()
        .arg("analyze")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("r.xlsx"))
        .arg("--json")
        .arg(&json)
        .arg("--quiet")
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    let v: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["design"], "paired");
    cmd()
        .args(["analyze", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit codes"));
}

/// With `SOURCE_DATE_EPOCH` (the reproducible-builds convention) the same input and options give
/// a byte-identical workbook, whose creation time is that moment; a malformed value is a usage
/// error before anything is read.
#[test]
fn source_date_epoch_makes_the_workbook_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let run = |name: &str| {
        let out = dir.path().join(name);
        cmd()
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .arg("analyze")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .args(["--by", "所属", "--quiet"])
            .assert()
            .code(0);
        fs::read(out).unwrap()
    };
    let a = run("a.xlsx");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = run("b.xlsx");
    assert!(a == b, "two runs differ");
    // 1767225600 is 2026-01-01T00:00:00Z.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut z.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    assert!(
        core.contains(">2026-01-01T00:00:00Z</dcterms:created>"),
        "{core}"
    );

    for bad in ["yesterday", "-1", "1e9", "99999999999999"] {
        cmd()
            .env("SOURCE_DATE_EPOCH", bad)
            .arg("analyze")
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join("c.xlsx"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("SOURCE_DATE_EPOCH"));
    }
    assert!(!dir.path().join("c.xlsx").exists());
}

#[test]
fn an_output_that_is_a_folder_is_refused_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let input = staff_copy(dir.path());
    let folder = dir.path().join("results.xlsx");
    fs::create_dir(&folder).unwrap();
    for (lang, reason, other) in [
        ("ja", "フォルダーです", "it is a folder"),
        ("en", "it is a folder", "フォルダー"),
    ] {
        cmd()
            .arg("analyze")
            .arg(&input)
            .arg("-o")
            .arg(&folder)
            .args(["--force", "--lang", lang])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(reason))
            .stderr(predicate::str::contains(other).not());
    }
    assert!(folder.is_dir());
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 0);
}
