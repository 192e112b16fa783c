//! The library is the engine and its C ABI, nothing else (issue 16): the default build of the
//! root package — what `cargo build -p ttest-xl` gives a C or VBA user — must not carry the
//! command-line tool's dependencies (calamine, rust_xlsxwriter, clap, indicatif, anyhow, …).
//!
//! Two independent checks: cargo's own dependency tree of the package, and the bytes of the built
//! `libttest_xl.so`/`libttest_xl.a` (symbol names and debug information name every crate whose
//! code was linked in; before the workspace split the .so held "calamine" 5,437 times). A Windows
//! DLL that happens to be built in this target folder is checked the same way.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Crates of the command-line tool, as they appear in symbols and paths.
const FORBIDDEN: &[&str] = &[
    "calamine",
    "rust_xlsxwriter",
    "clap_builder",
    "clap_derive",
    "indicatif",
    "anyhow",
    "quick_xml",
    "csv_core",
    "encoding_rs",
    "unicode_normalization",
    "ttest_xl_cli",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

/// The forbidden crate names found in `bytes`.
fn forbidden_in(bytes: &[u8]) -> Vec<&'static str> {
    FORBIDDEN
        .iter()
        .copied()
        .filter(|name| bytes.windows(name.len()).any(|w| w == name.as_bytes()))
        .collect()
}

#[test]
fn the_checker_finds_a_crate_name() {
    assert_eq!(
        forbidden_in(b"..._ZN8calamine4xlsx4Xlsx3new17h..."),
        ["calamine"]
    );
    assert!(forbidden_in(b"_ZN8ttest_xl5stats5ttest5welch").is_empty());
}

#[test]
fn the_library_package_depends_on_none_of_the_tool_crates() {
    let out = cargo()
        .args([
            "tree",
            "-p",
            "ttest-xl",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .output()
        .expect("cargo tree");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        tree.contains("statrs"),
        "unexpected cargo tree output:\n{tree}"
    );
    for name in FORBIDDEN {
        let crate_name = name.replace('_', "-");
        let hit = tree.lines().find(|l| {
            let first = l.split_whitespace().next().unwrap_or_default();
            first == *name || first == crate_name || first.starts_with("clap")
        });
        assert!(hit.is_none(), "the library depends on {hit:?}:\n{tree}");
    }
}

/// Builds the library package alone (as a C user does) and returns the folder of its files.
fn build_library() -> PathBuf {
    let status = cargo()
        .args(["build", "-p", "ttest-xl", "--lib"])
        .status()
        .expect("cargo build -p ttest-xl --lib");
    assert!(status.success(), "cargo build -p ttest-xl --lib failed");
    // target/debug/deps/library_symbols-<hash> -> target/debug
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().to_path_buf()
}

fn check_file(path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes
            .windows(b"ttxl_ttest_welch".len())
            .any(|w| w == b"ttxl_ttest_welch"),
        "{} does not look like the library (no ttxl_ttest_welch)",
        path.display()
    );
    let found = forbidden_in(&bytes);
    assert!(
        found.is_empty(),
        "{} carries the command-line tool's crates: {found:?}",
        path.display()
    );
}

#[test]
fn the_default_built_library_has_no_tool_symbols() {
    let dir = build_library();
    for name in ["libttest_xl.so", "libttest_xl.a"] {
        let path = dir.join(name);
        assert!(path.is_file(), "{} was not built", path.display());
        check_file(&path);
        println!("{}: none of {} crates", path.display(), FORBIDDEN.len());
    }
    // A Windows DLL built into this target folder (scripts/windows-check.sh, or by hand with
    // `cargo build -p ttest-xl --target x86_64-pc-windows-gnu`) is checked too.
    let target = dir.parent().unwrap();
    for triple in ["x86_64-pc-windows-gnu", "i686-pc-windows-gnu"] {
        for profile in ["debug", "release"] {
            let dll = target.join(triple).join(profile).join("ttest_xl.dll");
            if dll.is_file() {
                check_file(&dll);
                println!("{}: none of {} crates", dll.display(), FORBIDDEN.len());
            }
        }
    }
}
