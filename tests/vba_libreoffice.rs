//! Runs `vba/TTestXL.bas` for real: `scripts/lo-basic-harness/run.py` loads the module into
//! LibreOffice Basic (VBA mode, headless Calc) with its Declares routed to the engine
//! (`libttest_xl.so` through a Python-UNO ctypes shim), runs `TTXL_SelfTest` in English and in
//! Japanese (every check must run and pass), and compares the README's worked-example formulas,
//! entered in cells, with R (`tests/reference/vba_selftest.json`). The harness's adaptations to
//! LibreOffice are listed at the top of run.py.
//!
//! Needs soffice, python3-uno and libreoffice-script-provider-python (Debian). Without them the
//! test says SKIPPED loudly, and fails when `CI` is set: CI must run it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Python that has the `uno` module (Debian's system Python), if any.
fn uno_python() -> Option<PathBuf> {
    ["/usr/bin/python3", "python3"].iter().find_map(|p| {
        let ok = Command::new(p)
            .args(["-c", "import uno"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        ok.then(|| PathBuf::from(p))
    })
}

fn soffice_present() -> bool {
    Command::new("sh")
        .args(["-c", "command -v soffice"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Builds the cdylib (cargo test does not always link it) and returns its path.
fn engine_library() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root())
        .args(["build", "-p", "ttest-xl", "--lib"])
        .status()
        .expect("cargo build -p ttest-xl --lib");
    assert!(status.success(), "cargo build --lib failed");
    // target/debug/deps/vba_libreoffice-<hash> -> target/debug
    let exe = std::env::current_exe().unwrap();
    let lib = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("libttest_xl.so");
    assert!(lib.is_file(), "{} was not built", lib.display());
    lib
}

fn run_harness(python: &Path, module: &Path, lib: &Path) -> (bool, String) {
    let out = Command::new(python)
        .arg(root().join("scripts/lo-basic-harness/run.py"))
        .arg("--module")
        .arg(module)
        .arg("--lib")
        .arg(lib)
        .output()
        .expect("run the LibreOffice Basic harness");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn the_module_runs_in_libreoffice_basic_and_matches_r() {
    let python = uno_python();
    if python.is_none() || !soffice_present() {
        let message = "soffice or python3-uno missing: apt-get install libreoffice-calc-nogui \
                       python3-uno libreoffice-script-provider-python";
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the LibreOffice Basic harness: {message}"
        );
        eprintln!("\n*** SKIPPED vba_libreoffice: {message}\n");
        return;
    }
    let lib = engine_library();
    let (ok, text) = run_harness(
        python.as_ref().unwrap(),
        &root().join("vba/TTestXL.bas"),
        &lib,
    );
    println!("{text}");
    assert!(ok, "the LibreOffice Basic harness failed:\n{text}");
    for language in ["1033", "1041"] {
        let line = format!("LibreOffice Basic ({language}): TTXL_SelfTest: ");
        let found = text.lines().find(|l| l.starts_with(&line));
        let found = found.unwrap_or_else(|| panic!("no self-test line for {language}:\n{text}"));
        assert!(found.ends_with(" passed, 0 failed"), "{found}");
    }
    assert!(
        text.contains("README formulas in cells: 32 values compared with R"),
        "{text}"
    );
    assert!(text.contains(" passed, 0 failed"), "{text}");
}
