//! The C ABI tested from C: the programs in `tests/c/` are compiled with
//! `gcc -std=c99 -Wall -Wextra -Werror -pedantic` against `include/ttest_xl.h`, linked once
//! against the shared library (with an rpath) and once against the static library, and run.
//! One more run builds them with AddressSanitizer against the static library.
//!
//! Expected values come from R through `tests/reference/ffi.json` (generator `ffi.R`); this file
//! turns the fixture into a C header, `ffi_expected.h`, that `tests/c/results.c` includes.
//!
//! Where the libraries come from: when `cargo test` builds the library for the integration tests
//! it builds every crate type of `[lib]`, and leaves `libttest_xl.so` and `libttest_xl.a` in
//! the `deps/` directory next to this test's executable (it uplifts them to `target/<profile>/`
//! only for `cargo build`). Those are exactly the library this test was built with. If they are
//! missing (or `TTXL_CABI_CARGO_BUILD=1`), the test runs `cargo build --lib` itself (same target
//! directory, profile and features) and takes the paths cargo reports.
//!
//! The programs run without cargo's `LD_LIBRARY_PATH`, which lists `target/<profile>/` before
//! the rpath and would load a stale `libttest_xl.so` left there by an earlier `cargo build`.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

/// Absolute tolerance for the confidence limits of d and g against `effectsize` 0.8.3, whose
/// optimiser stops near 1e-7 (ttest-xl solves the limits to full precision; the engine's own
/// tests compare them with tightly solved R values).
const ABS_D_CI: f64 = 1e-6;

struct Setup {
    root: PathBuf,
    /// Directory holding `libttest_xl.so` and `libttest_xl.a`.
    lib_dir: PathBuf,
    /// Where the generated header and the compiled programs go.
    work: PathBuf,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let exe = std::env::current_exe().expect("test executable path");
        let deps = exe.parent().expect("deps directory").to_path_buf();
        // TTXL_CABI_CARGO_BUILD=1 forces the `cargo build --lib` fallback (to test it).
        let lib_dir = if has_libraries(&deps) && std::env::var_os("TTXL_CABI_CARGO_BUILD").is_none()
        {
            deps.clone()
        } else {
            build_libraries(&root, &deps)
        };
        let work = deps.parent().unwrap().join("c_abi");
        std::fs::create_dir_all(&work).unwrap();
        std::fs::write(work.join("ffi_expected.h"), expected_header()).unwrap();
        Setup {
            root,
            lib_dir,
            work,
        }
    })
}

fn has_libraries(dir: &Path) -> bool {
    dir.join("libttest_xl.so").is_file() && dir.join("libttest_xl.a").is_file()
}

/// Runs `cargo build --lib` into the target directory this test lives in and returns the
/// directory cargo reports for `libttest_xl.so`.
fn build_libraries(root: &Path, deps: &Path) -> PathBuf {
    let profile_dir = deps.parent().unwrap();
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root).args([
        "build",
        "-p",
        "ttest-xl",
        "--lib",
        "--message-format=json-render-diagnostics",
    ]);
    match profile_dir.file_name().and_then(|n| n.to_str()) {
        Some("debug") => {}
        Some("release") => {
            cmd.arg("--release");
        }
        Some(other) => {
            cmd.args(["--profile", other]);
        }
        None => panic!("unexpected test location {}", deps.display()),
    }
    let above = profile_dir.parent().unwrap();
    if above.join("CACHEDIR.TAG").is_file() {
        cmd.arg("--target-dir").arg(above);
    } else {
        // target/<triple>/<profile>/deps
        cmd.arg("--target")
            .arg(above.file_name().unwrap())
            .arg("--target-dir")
            .arg(above.parent().unwrap());
    }
    let out = cmd.output().expect("cannot run cargo build --lib");
    assert!(
        out.status.success(),
        "cargo build --lib failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if msg["reason"] == "compiler-artifact" && msg["target"]["name"] == "ttest_xl" {
            for f in msg["filenames"].as_array().unwrap() {
                let f = PathBuf::from(f.as_str().unwrap());
                if f.extension().is_some_and(|e| e == "so") {
                    let dir = f.parent().unwrap().to_path_buf();
                    assert!(
                        has_libraries(&dir),
                        "no libttest_xl.a beside {}",
                        f.display()
                    );
                    return dir;
                }
            }
        }
    }
    panic!("cargo build --lib did not report libttest_xl.so");
}

// ---- the generated header of expected values ----------------------------------------------

fn c_num(v: f64) -> String {
    if v.is_nan() {
        "NAN".into()
    } else if v == f64::INFINITY {
        "INFINITY".into()
    } else if v == f64::NEG_INFINITY {
        "(-INFINITY)".into()
    } else {
        // Rust's shortest round-trip form; `{:e}` is always a valid C double literal.
        format!("{v:e}")
    }
}

fn c_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn c_nums(v: &[f64]) -> String {
    v.iter().map(|&x| c_num(x)).collect::<Vec<_>>().join(", ")
}

fn field_values(expect: &Value, fields: &[&str]) -> String {
    c_nums(
        &fields
            .iter()
            .map(|f| common::num(&expect[*f]))
            .collect::<Vec<_>>(),
    )
}

const TTEST_FIELDS: [&str; 21] = [
    "statistic",
    "df",
    "p_value",
    "estimate",
    "conf_low",
    "conf_high",
    "std_err",
    "n_x",
    "n_y",
    "mean_x",
    "mean_y",
    "sd_x",
    "sd_y",
    "cohen_d",
    "cohen_d_low",
    "cohen_d_high",
    "hedges_g",
    "hedges_g_low",
    "hedges_g_high",
    "missing_x",
    "missing_y",
];
const RANK_FIELDS: [&str; 7] = [
    "statistic",
    "p_value",
    "n_x",
    "n_y",
    "rank_biserial",
    "missing_x",
    "missing_y",
];

/// `ffi_expected.h`: the R reference values of `ffi.json` as C tables (types in `check.h`).
fn expected_header() -> String {
    let j = common::load_json("ffi.json");
    let data = &j["data"];
    let len = |name: &str| common::nums(&data[name]).len();
    let arr = |name: &str| {
        if name.is_empty() {
            ("NULL".to_string(), 0)
        } else {
            (format!("DATA_{name}"), len(name))
        }
    };
    let i32_of = |v: &Value| common::num(v) as i32;

    let mut h = String::new();
    writeln!(
        h,
        "/* Generated by tests/c_abi.rs from tests/reference/ffi.json ({}) — do not edit. */",
        j["source"].as_str().unwrap_or("?")
    )
    .unwrap();
    h.push_str("#ifndef TTXL_FFI_EXPECTED_H\n#define TTXL_FFI_EXPECTED_H\n#include <math.h>\n");
    h.push_str("#include <stddef.h>\n#include \"check.h\"\n\n");
    writeln!(h, "#define REL_TTEST {:e}", common::REL_TTEST).unwrap();
    writeln!(h, "#define REL_NCT {:e}", common::REL_NCT).unwrap();
    writeln!(h, "#define ABS_D_CI {ABS_D_CI:e}\n").unwrap();

    for (name, values) in data.as_object().unwrap() {
        let v = common::nums(values);
        writeln!(
            h,
            "static const double DATA_{name}[{}] = {{{}}};",
            v.len(),
            c_nums(&v)
        )
        .unwrap();
    }

    let cases = |key: &str| j[key].as_array().unwrap().clone();

    h.push_str("\nstatic const TTestCase TTEST_CASES[] = {\n");
    let ttest = cases("ttest");
    for c in &ttest {
        let (x, nx) = arr(c["x"].as_str().unwrap());
        let (y, ny) = arr(c["y"].as_str().unwrap());
        writeln!(
            h,
            "    {{{}, {x}, {nx}, {y}, {ny}, {}, {}, {}, {},\n     {{{}}}}},",
            c_str(c["fn"].as_str().unwrap()),
            i32_of(&c["alternative"]),
            c_num(common::num(&c["mu"])),
            c_num(common::num(&c["conf_level"])),
            c_str(c["r"].as_str().unwrap()),
            field_values(&c["expect"], &TTEST_FIELDS)
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_TTEST_CASES {}\n", ttest.len()).unwrap();

    h.push_str("static const TTestStatsCase TTEST_STATS_CASES[] = {\n");
    let stats = cases("ttest_stats");
    for c in &stats {
        writeln!(
            h,
            "    {{{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {},\n     {{{}}}}},",
            c_str(c["fn"].as_str().unwrap()),
            c_num(common::num(&c["mean_x"])),
            c_num(common::num(&c["sd_x"])),
            i32_of(&c["n_x"]),
            c_num(common::num(&c["mean_y"])),
            c_num(common::num(&c["sd_y"])),
            i32_of(&c["n_y"]),
            i32_of(&c["alternative"]),
            c_num(common::num(&c["mu"])),
            c_num(common::num(&c["conf_level"])),
            c_str(c["r"].as_str().unwrap()),
            field_values(&c["expect"], &TTEST_FIELDS)
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_TTEST_STATS_CASES {}\n", stats.len()).unwrap();

    h.push_str("static const RankCase RANK_CASES[] = {\n");
    let rank = cases("rank");
    for c in &rank {
        let (x, nx) = arr(c["x"].as_str().unwrap());
        let (y, ny) = arr(c["y"].as_str().unwrap());
        writeln!(
            h,
            "    {{{}, {x}, {nx}, {y}, {ny}, {}, {}, {},\n     {{{}}}}},",
            c_str(c["fn"].as_str().unwrap()),
            i32_of(&c["alternative"]),
            i32_of(&c["correct"]),
            c_str(c["r"].as_str().unwrap()),
            field_values(&c["expect"], &RANK_FIELDS)
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_RANK_CASES {}\n", rank.len()).unwrap();

    let padj = cases("p_adjust");
    for (i, c) in padj.iter().enumerate() {
        let v = common::nums(&c["expect"]);
        writeln!(
            h,
            "static const double P_ADJUST_EXPECT_{i}[{}] = {{{}}};",
            v.len(),
            c_nums(&v)
        )
        .unwrap();
    }
    h.push_str("static const PAdjustCase P_ADJUST_CASES[] = {\n");
    for (i, c) in padj.iter().enumerate() {
        let (p, n) = arr(c["p"].as_str().unwrap());
        writeln!(
            h,
            "    {{{p}, {n}, {}, {}, P_ADJUST_EXPECT_{i}}},",
            i32_of(&c["method"]),
            c_str(c["r"].as_str().unwrap())
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_P_ADJUST_CASES {}\n", padj.len()).unwrap();

    h.push_str("static const PowerCase POWER_CASES[] = {\n");
    let power = cases("power");
    for c in &power {
        writeln!(
            h,
            "    {{{}, {}, {}, {}, {}, {}, {}, {}, {}}},",
            i32_of(&c["design"]),
            i32_of(&c["alternative"]),
            i32_of(&c["solve_for"]),
            c_num(common::num(&c["n"])),
            c_num(common::num(&c["d"])),
            c_num(common::num(&c["alpha"])),
            c_num(common::num(&c["power"])),
            c_str(c["r"].as_str().unwrap()),
            c_num(common::num(&c["expect"]))
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_POWER_CASES {}\n", power.len()).unwrap();

    h.push_str("static const Power2nCase POWER_2N_CASES[] = {\n");
    let power2 = cases("power_2n");
    for c in &power2 {
        writeln!(
            h,
            "    {{{}, {}, {}, {}, {}, {}, {}, {}, {}}},",
            i32_of(&c["alternative"]),
            i32_of(&c["solve_for"]),
            c_num(common::num(&c["n1"])),
            c_num(common::num(&c["n2"])),
            c_num(common::num(&c["d"])),
            c_num(common::num(&c["alpha"])),
            c_num(common::num(&c["power"])),
            c_str(c["r"].as_str().unwrap()),
            c_num(common::num(&c["expect"]))
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_POWER_2N_CASES {}\n", power2.len()).unwrap();

    h.push_str("static const TCdfCase T_CDF_CASES[] = {\n");
    let cdf = cases("t_cdf");
    for c in &cdf {
        writeln!(
            h,
            "    {{{}, {}, {}, {}, {}}},",
            c_num(common::num(&c["t"])),
            c_num(common::num(&c["df"])),
            i32_of(&c["lower_tail"]),
            c_str(c["r"].as_str().unwrap()),
            c_num(common::num(&c["expect"]))
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_T_CDF_CASES {}\n", cdf.len()).unwrap();

    h.push_str("static const TQuantileCase T_QUANTILE_CASES[] = {\n");
    let q = cases("t_quantile");
    for c in &q {
        writeln!(
            h,
            "    {{{}, {}, {}, {}}},",
            c_num(common::num(&c["p"])),
            c_num(common::num(&c["df"])),
            c_str(c["r"].as_str().unwrap()),
            c_num(common::num(&c["expect"]))
        )
        .unwrap();
    }
    writeln!(h, "}};\n#define N_T_QUANTILE_CASES {}\n", q.len()).unwrap();
    h.push_str("#endif /* TTXL_FFI_EXPECTED_H */\n");
    h
}

// ---- compile and run -----------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Link {
    Shared,
    Static,
    StaticAsan,
}

const CFLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-g"];

/// Compiles `tests/c/<program>.c`; returns the executable, or `Err(reason)` when the toolchain
/// cannot build it (only used to skip AddressSanitizer where it is not available).
fn compile(program: &str, link: Link) -> Result<PathBuf, String> {
    let s = setup();
    let exe = s.work.join(format!("{program}-{link:?}").to_lowercase());
    let mut cmd = Command::new("gcc");
    cmd.args(CFLAGS)
        .arg("-I")
        .arg(s.root.join("include"))
        .arg("-I")
        .arg(s.root.join("tests").join("c"))
        .arg("-I")
        .arg(&s.work)
        .arg("-o")
        .arg(&exe)
        .arg(s.root.join("tests").join("c").join(format!("{program}.c")));
    match link {
        Link::Shared => {
            cmd.arg("-L")
                .arg(&s.lib_dir)
                .arg("-lttest_xl")
                .arg(format!("-Wl,-rpath,{}", s.lib_dir.display()));
        }
        Link::Static | Link::StaticAsan => {
            if let Link::StaticAsan = link {
                cmd.args(["-fsanitize=address", "-fno-omit-frame-pointer"]);
            }
            cmd.arg(s.lib_dir.join("libttest_xl.a"))
                .args(["-lpthread", "-ldl", "-lm"]);
        }
    }
    cmd.args(["-pthread", "-lm"]);
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot run gcc ({e}): install a C compiler to run the C tests")
    });
    if !out.status.success() {
        return Err(format!(
            "{cmd:?}\n{}",
            String::from_utf8_lossy(&out.stderr).trim_end()
        ));
    }
    Ok(exe)
}

fn run(exe: &Path) {
    let out = Command::new(exe)
        // cargo puts target/<profile>/ on LD_LIBRARY_PATH, which outranks the rpath: it could
        // load a stale libttest_xl.so from an earlier `cargo build` instead of the one just built.
        .env_remove("LD_LIBRARY_PATH")
        .env("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    assert!(
        out.status.success(),
        "{} failed ({}):\n{stdout}{stderr}",
        exe.display(),
        out.status
    );
}

fn compile_and_run(program: &str, link: Link) {
    let exe = compile(program, link).unwrap_or_else(|e| panic!("C compilation failed:\n{e}"));
    run(&exe);
}

#[test]
fn validation_shared() {
    compile_and_run("validation", Link::Shared);
}

#[test]
fn validation_static() {
    compile_and_run("validation", Link::Static);
}

#[test]
fn results_match_r_shared() {
    compile_and_run("results", Link::Shared);
}

#[test]
fn results_match_r_static() {
    compile_and_run("results", Link::Static);
}

#[test]
fn tost_bayes_shared() {
    compile_and_run("tost_bayes", Link::Shared);
}

#[test]
fn tost_bayes_static() {
    compile_and_run("tost_bayes", Link::Static);
}

#[test]
fn threads_shared() {
    compile_and_run("threads", Link::Shared);
}

#[test]
fn threads_static() {
    compile_and_run("threads", Link::Static);
}

/// `examples/c/ttest_example.c` builds with the documented flags (plus `-Werror`) and runs.
#[test]
fn example_builds_and_runs() {
    let s = setup();
    let exe = s.work.join("ttest_example");
    let out = Command::new("gcc")
        .args(CFLAGS)
        .arg("-I")
        .arg(s.root.join("include"))
        .arg(s.root.join("examples/c/ttest_example.c"))
        .arg("-L")
        .arg(&s.lib_dir)
        .arg("-lttest_xl")
        .arg(format!("-Wl,-rpath,{}", s.lib_dir.display()))
        .arg("-o")
        .arg(&exe)
        .output()
        .expect("cannot run gcc");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(&exe)
        .env_remove("LD_LIBRARY_PATH")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Welch t("), "{text}");
    assert!(
        text.contains("引数 conf_level が正しくありません"),
        "Japanese message expected:\n{text}"
    );
}

/// `true` when this gcc can build with AddressSanitizer; otherwise says SKIPPED and why.
fn asan_available() -> bool {
    let s = setup();
    let probe_src = s.work.join("asan_probe.c");
    std::fs::write(&probe_src, "int main(void) { return 0; }\n").unwrap();
    let probe = Command::new("gcc")
        .args(["-fsanitize=address", "-o"])
        .arg(s.work.join("asan_probe"))
        .arg(&probe_src)
        .output();
    match probe {
        Ok(o) if o.status.success() => true,
        Ok(o) => {
            common::tool_missing(
                "AddressSanitizer run",
                &format!(
                    "gcc cannot build with -fsanitize=address (libasan missing?):\n{}",
                    String::from_utf8_lossy(&o.stderr)
                ),
            );
            false
        }
        Err(e) => panic!("cannot run gcc ({e}): install a C compiler to run the C tests"),
    }
}

// The programs once more with AddressSanitizer (and LeakSanitizer), static library.

#[test]
fn validation_asan_static() {
    if asan_available() {
        compile_and_run("validation", Link::StaticAsan);
    }
}

#[test]
fn results_asan_static() {
    if asan_available() {
        compile_and_run("results", Link::StaticAsan);
    }
}

#[test]
fn tost_bayes_asan_static() {
    if asan_available() {
        compile_and_run("tost_bayes", Link::StaticAsan);
    }
}

#[test]
fn threads_asan_static() {
    if asan_available() {
        compile_and_run("threads", Link::StaticAsan);
    }
}

/// The header is also valid C++ (`extern "C"` block), for C++ callers.
#[test]
fn header_compiles_as_cpp() {
    let s = setup();
    let src = s.work.join("cpp_check.cpp");
    std::fs::write(
        &src,
        "#include \"ttest_xl.h\"\nint main() { TtxlTTest t; return ttxl_ttest_welch(0, 0, 0, 0, \
         TTXL_TWO_SIDED, 0.0, 0.95, &t) == TTXL_OK; }\n",
    )
    .unwrap();
    let out = match Command::new("g++")
        .args([
            "-std=c++11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-pedantic",
            "-fsyntax-only",
            "-I",
        ])
        .arg(s.root.join("include"))
        .arg(&src)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            common::tool_missing("header_compiles_as_cpp", &format!("no g++ ({e})"));
            return;
        }
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
