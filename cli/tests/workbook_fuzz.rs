//! Hostile workbooks through [`ttest_xl_cli::workbook::read_survey`] (issue #8).
//!
//! Deterministic (seeded) mutations of `examples/staff_survey.xlsx` and of workbooks generated
//! here with rust_xlsxwriter — truncated zips, flipped bytes inside the deflated XML, zips
//! rewritten with corrupted XML, hostile dimensions and cell references, 16,384 columns, huge
//! shared-string tables, CSV files in three encodings mutated byte by byte (issue 19), an
//! encrypted workbook (`tests/hostile/encrypted.xlsx`, made by
//! `tests/hostile/make_encrypted.sh`), empty and header-only workbooks, formulas without cached
//! values, merged cells over the header, and files that are not workbooks at all.
//!
//! Invariant for every case: `Ok`, or a `ReadError` whose English and Japanese messages name the
//! file — never a panic (each case runs under `catch_unwind`; a panic hook also counts panics the
//! reader catches itself and turns into `ReadError::Internal`), each case within a time bound,
//! and the whole run within a memory bound. The summary (cases, outcomes, findings, slowest case,
//! peak memory) is printed; run with `--nocapture` to see it.
//!
//! Scale: `TTXL_WB_FUZZ_SCALE=N` multiplies the number of random mutations (default 1, a few
//! hundred cases); `TTXL_WB_FUZZ_BIG=1` adds a sheet with 1,048,576 real rows (slow in a debug
//! build; `scripts/fuzz-long.sh` runs it in release).

#[path = "../../tests/common/mod.rs"]
mod common;

use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

use ttest_xl_cli::lang::Lang;
use ttest_xl_cli::workbook::{read_survey, ReadError, ReadOptions};

/// Longest a single case may take (debug build on a shared, loaded machine).
const CASE_LIMIT: Duration = Duration::from_secs(30);
/// Peak resident memory allowed for one case (the reader's own limit is about 400 MB of cells).
const MEMORY_LIMIT_KB: u64 = 1_500_000;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (SplitMix64): same cases on every run.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn scale() -> usize {
    std::env::var("TTXL_WB_FUZZ_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

// ---------------------------------------------------------------------------------------------
// Zip helpers (the `zip` crate calamine and rust_xlsxwriter use).

/// The entries of a zip: (name, uncompressed bytes).
fn unpack(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("seed is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (name, data)
        })
        .collect()
}

/// Where each entry's compressed data lies in the zip: (name, start, length).
fn spans(bytes: &[u8]) -> Vec<(String, usize, usize)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("seed is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut sink = Vec::new();
            f.read_to_end(&mut sink).unwrap();
            let start = f.data_start().expect("data start known after reading") as usize;
            (name, start, f.compressed_size() as usize)
        })
        .collect()
}

/// A new zip (deflated) from entries.
fn pack(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(name.as_str(), o).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn replace_entry(entries: &[(String, Vec<u8>)], name: &str, data: Vec<u8>) -> Vec<u8> {
    let mut e = entries.to_vec();
    let slot = e
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no entry {name}"));
    slot.1 = data;
    pack(&e)
}

// ---------------------------------------------------------------------------------------------
// Seeds.

fn example_bytes() -> Vec<u8> {
    std::fs::read(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("examples/staff_survey.xlsx"),
    )
    .unwrap()
}

/// A small, valid two-sheet survey (事前/事後, ID + three items, shared strings and a formula).
fn generated_bytes(dir: &Path) -> Vec<u8> {
    use rust_xlsxwriter::{Formula, Workbook};
    let mut wb = Workbook::new();
    for (s, name) in ["事前", "事後"].iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (c, h) in ["職員番号", "問1", "問2", "問3", "所属"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=12u32 {
            ws.write_number(r, 0, r as f64).unwrap();
            for c in 1..=3u16 {
                let v = ((r * 7 + c as u32 * 3 + s as u32) % 5 + 1) as f64;
                ws.write_number(r, c, v).unwrap();
            }
            ws.write_string(r, 4, if r % 2 == 0 { "総務課" } else { "市民課" })
                .unwrap();
        }
        ws.write_formula(13, 1, Formula::new("=AVERAGE(B2:B13)"))
            .unwrap();
    }
    let p = dir.join("seed_generated.xlsx");
    wb.save(&p).unwrap();
    std::fs::read(p).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Running a case.

static PANICS: AtomicUsize = AtomicUsize::new(0);
/// The tests of this file run one at a time, so a panic counted during a case belongs to it.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}
static HOOK: Once = Once::new();

/// Counts every panic (including those the reader catches and reports as `Internal`) and keeps
/// the default output for them.
fn install_hook() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            default(info);
        }));
    });
}

#[derive(Default)]
struct Tally {
    cases: usize,
    ok: usize,
    errors: std::collections::BTreeMap<String, usize>,
    findings: Vec<String>,
    /// Panics inside a dependency that the reader caught and reported as `ReadError::Internal`
    /// naming the file (the documented behaviour; still bugs to report upstream).
    caught: Vec<String>,
    slowest: (Duration, String),
    /// Largest peak resident memory of one case (kB) and its label.
    biggest: (u64, String),
}

impl Tally {
    fn report(&self, title: &str) {
        eprintln!(
            "[workbook_fuzz] {title}: {} cases, {} Ok, errors {:?}, {} findings, {} caught dependency panics, slowest {:.2?} ({}), largest peak RSS {} MB ({})",
            self.cases,
            self.ok,
            self.errors,
            self.findings.len(),
            self.caught.len(),
            self.slowest.0,
            self.slowest.1,
            self.biggest.0 / 1024,
            self.biggest.1
        );
        for f in &self.findings {
            eprintln!("[workbook_fuzz]   finding: {f}");
        }
        for f in &self.caught {
            eprintln!("[workbook_fuzz]   dependency panic caught as ReadError::Internal: {f}");
        }
    }
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn kind(e: &ReadError) -> String {
    let d = format!("{e:?}");
    d.split([' ', '{', '(']).next().unwrap_or("?").to_string()
}

/// Writes `bytes` to `dir/name` and reads it with default options; checks the invariant.
fn run_bytes(t: &mut Tally, dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    let findings = t.findings.len();
    run_path(t, &p, name, &ReadOptions::default());
    // `TTXL_WB_FUZZ_SAVE=DIR` keeps every input that produced a finding, to reproduce it.
    if t.findings.len() > findings {
        if let Ok(save) = std::env::var("TTXL_WB_FUZZ_SAVE") {
            let _ = std::fs::create_dir_all(&save);
            let _ = std::fs::copy(&p, Path::new(&save).join(name));
        }
    }
    std::fs::remove_file(&p).ok();
}

fn run_path(t: &mut Tally, p: &Path, label: &str, options: &ReadOptions) {
    install_hook();
    t.cases += 1;
    let before = PANICS.load(Ordering::SeqCst);
    // Reset the process's peak-RSS mark so VmHWM afterwards is this case's peak (Linux ≥ 4.0;
    // elsewhere the mark is cumulative and the bound only stricter).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let started = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(|| read_survey(p, options)));
    let took = started.elapsed();
    let panicked = PANICS.load(Ordering::SeqCst) - before;
    if took > t.slowest.0 {
        t.slowest = (took, label.to_string());
    }
    let peak = peak_rss_kb();
    if peak > t.biggest.0 {
        t.biggest = (peak, label.to_string());
    }
    if peak > MEMORY_LIMIT_KB {
        t.findings.push(format!(
            "{label}: peak memory {} MB (limit {} MB)",
            peak / 1024,
            MEMORY_LIMIT_KB / 1024
        ));
    }
    if took > CASE_LIMIT {
        t.findings
            .push(format!("{label}: took {took:.2?} (limit {CASE_LIMIT:?})"));
    }
    match r {
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            t.findings
                .push(format!("{label}: panic escaped read_survey: {msg}"));
        }
        Ok(Ok(_survey)) => t.ok += 1,
        Ok(Err(e)) => {
            *t.errors.entry(kind(&e)).or_default() += 1;
            let shown = p.display().to_string();
            let en = e.to_string();
            let ja = e.message(Lang::Ja);
            if !en.contains(&shown) || !ja.contains(&shown) || e.path() != p {
                t.findings.push(format!(
                    "{label}: message does not name the file: {en} / {ja}"
                ));
            }
            if en.to_lowercase().contains("panicked") {
                t.findings
                    .push(format!("{label}: panic text in the message: {en}"));
            }
            if let ReadError::Internal { detail, .. } = &e {
                t.caught.push(format!("{label}: {detail}"));
            }
        }
    }
    if took > Duration::from_secs(2) {
        eprintln!("[workbook_fuzz] slow case {label}: {took:.2?}");
    }
    if panicked > 0
        && !t.findings.iter().any(|f| f.starts_with(label))
        && !t.caught.iter().any(|f| f.starts_with(label))
    {
        t.findings
            .push(format!("{label}: {panicked} panic(s) inside the reader"));
    }
}

/// Dependency panics known and reported upstream; the reader turns them into
/// `ReadError::Internal` naming the file, as documented. Any other caught panic is a finding.
///
/// * `dim_reversed`: calamine 0.38 `xlsx::get_dimension` computes `end.row − start.row` without
///   checking the order, so `<dimension ref="XFD1048576:A1"/>` overflows (a panic in debug
///   builds, a wrapped value in release; calamine-0.38.0/src/xlsx/mod.rs:3048).
/// * `huge_ref`, `row_attr_huge`: calamine 0.38 `xlsx::get_row_column` accumulates the column
///   (`col * 26 + …`) and row (`row * 10 + …`) of a cell reference in a `u32` without checking,
///   so `r="ZZZZZZZZZZZZ9999…"` or `<row r="4294967297">` overflows (mod.rs:3096 and 3112; a
///   panic in debug builds, a silently wrapped address in release).
/// * `.xls_flip`, `.xls_trunc`: mutated real .xls files reach panics in calamine 0.38's OLE/BIFF
///   parser: in release builds too, `cfb.rs:320` (slice index past the end), `utils.rs:29`
///   (`assert_eq!` on a record length), `utils.rs:48`, `xls.rs:1531`; and two unchecked
///   subtractions (debug builds): `end − start + 1` of a DIMENSIONS record (xls.rs:665; in release it wraps and
///   the following `reserve(rows × cols)` can abort the process — see
///   `tests/cli_faults.rs::xls_with_huge_declared_dimensions_is_refused_not_aborted`) and
///   `col_last − col_first + 1` of a MULRK record (xls.rs:987).
const KNOWN_DEPENDENCY_PANICS: &[&str] = &[
    "dim_reversed",
    "huge_ref",
    "row_attr_huge",
    ".xls_flip",
    ".xls_trunc",
];

/// Fails the test when there are findings, after printing the summary.
fn finish(t: &Tally, title: &str) {
    t.report(title);
    let unknown: Vec<_> = t
        .caught
        .iter()
        .filter(|c| !KNOWN_DEPENDENCY_PANICS.iter().any(|k| c.contains(k)))
        .collect();
    assert!(
        unknown.is_empty(),
        "{title}: new dependency panics: {unknown:#?}"
    );
    let rss = peak_rss_kb();
    assert!(
        rss <= MEMORY_LIMIT_KB,
        "peak memory {rss} kB over {MEMORY_LIMIT_KB} kB"
    );
    assert!(t.findings.is_empty(), "{title}: {:#?}", t.findings);
}

// ---------------------------------------------------------------------------------------------
// Byte-level mutations.

fn truncations(t: &mut Tally, dir: &Path, seed_name: &str, bytes: &[u8], count: usize) {
    let n = bytes.len();
    let mut offsets: Vec<usize> = (0..count).map(|k| k * n / count).collect();
    // The interesting ends: inside the magic, the local header, the central directory.
    offsets.extend([1, 3, 4, 29, 30, n - 22, n - 21, n - 1]);
    for off in offsets {
        run_bytes(
            t,
            dir,
            &format!("{seed_name}_trunc{off}.xlsx"),
            &bytes[..off],
        );
    }
}

fn flips_in_deflated_xml(
    t: &mut Tally,
    dir: &Path,
    seed_name: &str,
    bytes: &[u8],
    count: usize,
    rng: &mut Rng,
) {
    let targets: Vec<(String, usize, usize)> = spans(bytes)
        .into_iter()
        .filter(|(n, _, len)| n.ends_with(".xml") && *len > 0)
        .collect();
    for k in 0..count {
        let (name, start, len) = &targets[rng.below(targets.len())];
        let mut m = bytes.to_vec();
        let flips = 1 + rng.below(8);
        for _ in 0..flips {
            let at = start + rng.below(*len);
            m[at] ^= 1 << rng.below(8);
        }
        let tag = name.replace('/', "_");
        run_bytes(t, dir, &format!("{seed_name}_flip{k}_{tag}.xlsx"), &m);
    }
    // Raw flips anywhere (headers, central directory).
    for k in 0..count / 2 {
        let mut m = bytes.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(m.len());
            m[at] = rng.next() as u8;
        }
        run_bytes(t, dir, &format!("{seed_name}_raw{k}.xlsx"), &m);
    }
}

// ---------------------------------------------------------------------------------------------
// XML-level mutations, rewritten into a valid zip.

/// Text edits that keep the zip valid but make the XML hostile.
fn xml_mutations(xml: &str, rng: &mut Rng) -> Vec<(String, String)> {
    let n = xml.len();
    let cut = |at: usize| {
        let mut at = at.min(n);
        while !xml.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let a = cut(rng.below(n));
    let b = cut(a + rng.below(200));
    let mut out = vec![
        ("truncated".to_string(), xml[..a].to_string()),
        ("hole".to_string(), format!("{}{}", &xml[..a], &xml[b..])),
        (
            "garbage".to_string(),
            format!("{}<<&&\u{0}\u{FFFF}]]>{}", &xml[..a], &xml[a..]),
        ),
        (
            "unclosed".to_string(),
            format!("{}<c r=\"A1\"><v>{}", &xml[..a], &xml[a..]),
        ),
        ("empty".to_string(), String::new()),
        ("not xml".to_string(), "this is not xml".to_string()),
        ("doubled".to_string(), format!("{xml}{xml}")),
    ];
    for (what, from, to) in [
        ("cell beyond XFD", "r=\"B", "r=\"XFE"),
        ("row beyond 1048576", "r=\"A2\"", "r=\"A1048577\""),
        ("row zero", "r=\"A2\"", "r=\"A0\""),
        ("lowercase ref", "r=\"B2\"", "r=\"b2\""),
        ("garbage ref", "r=\"C2\"", "r=\"$$$\""),
        (
            "huge ref",
            "r=\"C2\"",
            "r=\"ZZZZZZZZZZZZ99999999999999999999\"",
        ),
        ("row attr huge", "<row r=\"2\"", "<row r=\"4294967297\""),
        ("row attr negative", "<row r=\"3\"", "<row r=\"-3\""),
        ("number not a number", "<v>1</v>", "<v>1e99999x</v>"),
        ("nan value", "<v>2</v>", "<v>NaN</v>"),
        ("inf value", "<v>3</v>", "<v>inf</v>"),
        (
            "shared string index huge",
            "t=\"s\"><v>",
            "t=\"s\"><v>99999999",
        ),
        (
            "shared string index negative",
            "t=\"s\"><v>",
            "t=\"s\"><v>-",
        ),
        ("unknown cell type", "t=\"s\"", "t=\"zz\""),
        ("boolean garbage", "<v>4</v>", "<v>4</v><is><t>x</t></is>"),
        (
            "dimension",
            "<dimension ref=\"",
            "<dimension ref=\"A1:XFD1048576\" x=\"",
        ),
        ("sheet name empty", "name=\"", "name=\"\" x=\""),
        (
            "rels target outside",
            "Target=\"",
            "Target=\"../../../../etc/passwd",
        ),
        ("rels target missing", "Target=\"", "Target=\"nope/"),
        (
            "content type",
            "ContentType=\"",
            "ContentType=\"text/plain\" x=\"",
        ),
        ("entity", "<sheetData>", "<sheetData>&bogus;"),
        ("cdata", "<v>", "<v><![CDATA[5]]>"),
    ] {
        if xml.contains(from) {
            out.push((what.to_string(), xml.replacen(from, to, 1)));
            out.push((format!("{what} (all)"), xml.replace(from, to)));
        }
    }
    out
}

fn xml_rewrites(t: &mut Tally, dir: &Path, seed_name: &str, bytes: &[u8], rng: &mut Rng) {
    let entries = unpack(bytes);
    for (name, data) in &entries {
        let Ok(xml) = std::str::from_utf8(data) else {
            continue;
        };
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        for (what, mutated) in xml_mutations(xml, rng) {
            let z = replace_entry(&entries, name, mutated.into_bytes());
            let label = format!(
                "{seed_name}_{}_{}.xlsx",
                name.replace('/', "_"),
                what.replace(' ', "_")
            );
            run_bytes(t, dir, &label, &z);
        }
    }
    // Structural: an entry removed, a workbook with no sheets, a duplicated entry name.
    for (name, _) in &entries {
        let rest: Vec<_> = entries.iter().filter(|(n, _)| n != name).cloned().collect();
        run_bytes(
            t,
            dir,
            &format!("{seed_name}_without_{}.xlsx", name.replace('/', "_")),
            &pack(&rest),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn mutated_example_and_generated_workbooks_never_panic() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let k = scale();
    let mut t = Tally::default();
    let mut rng = Rng(0x7474_6573_742d_786c);
    for (seed_name, bytes) in [
        ("example", example_bytes()),
        ("generated", generated_bytes(dir.path())),
    ] {
        // The seeds themselves are valid.
        let before = t.ok;
        run_bytes(&mut t, dir.path(), &format!("{seed_name}.xlsx"), &bytes);
        assert_eq!(
            t.ok,
            before + 1,
            "seed {seed_name} must read: {:?}",
            t.findings
        );
        truncations(&mut t, dir.path(), seed_name, &bytes, 40 * k);
        flips_in_deflated_xml(&mut t, dir.path(), seed_name, &bytes, 60 * k, &mut rng);
        for _ in 0..k {
            xml_rewrites(&mut t, dir.path(), seed_name, &bytes, &mut rng);
        }
    }
    finish(&t, "mutations");
}

/// Files that are not workbooks, an encrypted one, and oddities around the file itself.
#[test]
fn non_workbooks_and_encrypted_files_are_clear_errors() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tally::default();
    let zip_of_text = pack(&[("hello.txt".to_string(), b"hello".to_vec())]);
    let ole_magic_only = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut ole_junk = ole_magic_only.to_vec();
    ole_junk.extend((0..4096u32).map(|i| (i * 31 % 251) as u8));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.xlsx", vec![]),
        ("one_byte.xlsx", vec![b'P']),
        ("zip_magic_only.xlsx", b"PK\x03\x04".to_vec()),
        ("text.xlsx", b"ID,Q1\n1,2\n".to_vec()),
        ("survey.csv", "職員番号,問1\n1,3\n".as_bytes().to_vec()),
        ("png.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("zip_of_text.xlsx", zip_of_text),
        ("ole_magic_only.xls", ole_magic_only.to_vec()),
        ("ole_junk.xls", ole_junk.clone()),
        ("ole_junk.xlsx", ole_junk),
        ("utf16_bom.xlsx", vec![0xFF, 0xFE, b'I', 0, b'D', 0]),
        (
            "html_as_xls.xls",
            b"<html><table><tr><td>1</td></tr></table></html>".to_vec(),
        ),
        ("example_as.ods", example_bytes()),
        ("example_as.xls", example_bytes()),
        ("example_as.xlsb", example_bytes()),
        ("no_extension", example_bytes()),
    ];
    for (name, bytes) in &cases {
        run_bytes(&mut t, dir.path(), name, bytes);
    }
    // The password-protected workbook (made by tests/hostile/make_encrypted.sh).
    let enc =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("tests/hostile/encrypted.xlsx");
    run_path(&mut t, &enc, "encrypted.xlsx", &ReadOptions::default());
    match read_survey(&enc, &ReadOptions::default()) {
        Err(ReadError::Encrypted { .. }) => {}
        other => t.findings.push(format!(
            "encrypted.xlsx: expected ReadError::Encrypted, got {other:?}"
        )),
    }
    // Renamed to .xls and with no extension: still recognised as encrypted.
    for name in ["encrypted.xls", "encrypted"] {
        let p = dir.path().join(name);
        std::fs::copy(&enc, &p).unwrap();
        run_path(&mut t, &p, name, &ReadOptions::default());
        if !matches!(
            read_survey(&p, &ReadOptions::default()),
            Err(ReadError::Encrypted { .. })
        ) {
            t.findings
                .push(format!("{name}: not reported as encrypted"));
        }
    }
    // A directory, a missing file, a path with Japanese and spaces.
    run_path(&mut t, dir.path(), "directory", &ReadOptions::default());
    let missing = dir.path().join("存在しない ファイル.xlsx");
    run_path(&mut t, &missing, "missing", &ReadOptions::default());
    for name in ["empty.xlsx", "text.xlsx", "zip_of_text.xlsx"] {
        let p = dir.path().join(name);
        std::fs::write(&p, &cases.iter().find(|(n, _)| n == &name).unwrap().1).unwrap();
        match read_survey(&p, &ReadOptions::default()) {
            Err(ReadError::NotAWorkbook { .. } | ReadError::Workbook { .. }) => {}
            other => t.findings.push(format!(
                "{name}: expected NotAWorkbook/Workbook, got {other:?}"
            )),
        }
    }
    finish(&t, "non-workbooks");
}

/// Writes a workbook whose first sheet is `sheet_xml` (everything else from a generated book).
fn with_sheet_xml(dir: &Path, sheet_xml: &str, shared: Option<&str>) -> Vec<u8> {
    let entries = unpack(&generated_bytes(dir));
    let mut e = entries.clone();
    for (n, d) in e.iter_mut() {
        if n == "xl/worksheets/sheet1.xml" {
            *d = sheet_xml.as_bytes().to_vec();
        }
        if let (Some(s), true) = (shared, n == "xl/sharedStrings.xml") {
            *d = s.as_bytes().to_vec();
        }
    }
    pack(&e)
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#;

fn col_letters(mut c: u32) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        let r = (c - 1) % 26;
        s.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// A sheet XML: header row of text cells then numeric rows, with an optional dimension.
fn sheet_xml(dimension: Option<&str>, rows: &[(u32, Vec<(u32, String)>)]) -> String {
    let mut s = String::from(SHEET_HEAD);
    if let Some(d) = dimension {
        s.push_str(&format!("<dimension ref=\"{d}\"/>"));
    }
    s.push_str("<sheetData>");
    for (r, cells) in rows {
        s.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in cells {
            s.push_str(&format!("<c r=\"{}{}\"{v}</c>", col_letters(*c), r + 1));
        }
        s.push_str("</row>");
    }
    s.push_str("</sheetData></worksheet>");
    s
}

fn inline(text: &str) -> String {
    format!(" t=\"inlineStr\"><is><t>{text}</t></is>")
}

fn number(v: f64) -> String {
    format!("><v>{v}</v>")
}

/// A valid 事前 sheet body (ID + 3 items, 12 rows) so the 事後 sheet of the generated book pairs.
fn survey_rows() -> Vec<(u32, Vec<(u32, String)>)> {
    let mut rows = vec![(
        0,
        ["職員番号", "問1", "問2", "問3"]
            .iter()
            .enumerate()
            .map(|(c, h)| (c as u32, inline(h)))
            .collect(),
    )];
    for r in 1..=12u32 {
        let mut cells = vec![(0, number(r as f64))];
        for c in 1..=3 {
            cells.push((c, number(((r * 5 + c) % 5 + 1) as f64)));
        }
        rows.push((r, cells));
    }
    rows
}

#[test]
fn hostile_sizes_and_structures() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut t = Tally::default();

    // Huge declared dimension on otherwise small data, and on an empty sheet.
    for (label, dim) in [
        ("dim_full", "A1:XFD1048576"),
        ("dim_beyond", "A1:XFE1048577"),
        ("dim_garbage", "ZZ:$$"),
        ("dim_reversed", "XFD1048576:A1"),
    ] {
        run_bytes(
            &mut t,
            d,
            &format!("{label}.xlsx"),
            &with_sheet_xml(d, &sheet_xml(Some(dim), &survey_rows()), None),
        );
        run_bytes(
            &mut t,
            d,
            &format!("{label}_empty.xlsx"),
            &with_sheet_xml(d, &sheet_xml(Some(dim), &[]), None),
        );
    }

    // Cells at Excel's last row and column, and one beyond each.
    let mut rows = survey_rows();
    rows.push((1_048_575, vec![(16_383, number(1.0))]));
    run_bytes(
        &mut t,
        d,
        "last_cell.xlsx",
        &with_sheet_xml(d, &sheet_xml(None, &rows), None),
    );
    let mut rows = survey_rows();
    rows.push((1_048_576, vec![(0, number(1.0))]));
    run_bytes(
        &mut t,
        d,
        "row_beyond.xlsx",
        &with_sheet_xml(d, &sheet_xml(None, &rows), None),
    );
    let mut rows = survey_rows();
    rows[1].1.push((16_384, number(1.0)));
    run_bytes(
        &mut t,
        d,
        "col_beyond.xlsx",
        &with_sheet_xml(d, &sheet_xml(None, &rows), None),
    );

    // A wide sheet: 1,024 item columns in both sheets (16,384 is `sixteen_thousand_columns`).
    {
        let p = wide_book(d, 1024);
        run_path(&mut t, &p, "cols1024.xlsx", &ReadOptions::default());
    }

    // Shared strings: a huge table (200,000 entries), one string of 20,000 rich-text runs,
    // indices pointing past the table, and every cell pointing at the same long string.
    {
        let mut sst = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="200004" uniqueCount="200004">"#,
        );
        for h in ["職員番号", "問1", "問2", "問3"] {
            sst.push_str(&format!("<si><t>{h}</t></si>"));
        }
        sst.push_str("<si>");
        for k in 0..20_000 {
            sst.push_str(&format!("<r><rPr><b/></rPr><t>run{k}</t></r>"));
        }
        sst.push_str("</si>");
        for k in 0..200_000 {
            sst.push_str(&format!("<si><t>s{k}</t></si>"));
        }
        sst.push_str("</sst>");
        let shared = |i: usize| format!(" t=\"s\"><v>{i}</v>");
        let mut rows: Vec<(u32, Vec<(u32, String)>)> =
            vec![(0, (0..4).map(|c| (c, shared(c as usize))).collect())];
        for r in 1..=12u32 {
            let mut cells = vec![(0, number(r as f64))];
            for c in 1..=3 {
                cells.push((c, number(((r + c) % 5 + 1) as f64)));
            }
            // A text cell that is the deep string, and one index past the table.
            cells.push((4, shared(4)));
            cells.push((5, shared(if r == 3 { 9_999_999 } else { 5 + r as usize })));
            rows.push((r, cells));
        }
        run_bytes(
            &mut t,
            d,
            "shared_strings_huge.xlsx",
            &with_sheet_xml(d, &sheet_xml(None, &rows), Some(&sst)),
        );
        // The same sheet with a shared-strings part that is missing entirely.
        let entries: Vec<_> = unpack(&with_sheet_xml(d, &sheet_xml(None, &rows), Some(&sst)))
            .into_iter()
            .filter(|(n, _)| n != "xl/sharedStrings.xml")
            .collect();
        run_bytes(&mut t, d, "shared_strings_missing.xlsx", &pack(&entries));
    }

    // Compressible padding: 4 MB (× TTXL_WB_FUZZ_SCALE) of whitespace inside <sheetData> (a small zip bomb).
    {
        let mut xml = sheet_xml(None, &survey_rows());
        let pad = " ".repeat((4 << 20) * scale());
        xml = xml.replacen("<sheetData>", &format!("<sheetData>{pad}"), 1);
        run_bytes(
            &mut t,
            d,
            "whitespace_bomb.xlsx",
            &with_sheet_xml(d, &xml, None),
        );
    }

    // Sparse rows up to the last row (the reader must not allocate 1,048,576 rows).
    {
        let mut rows = survey_rows();
        for r in [100_000u32, 500_000, 1_048_575] {
            rows.push((r, vec![(0, number(r as f64)), (1, number(3.0))]));
        }
        run_bytes(
            &mut t,
            d,
            "sparse_last_row.xlsx",
            &with_sheet_xml(d, &sheet_xml(Some("A1:D1048576"), &rows), None),
        );
    }

    // Formulas without cached values (the <v> removed), and formulas whose cached value is text.
    {
        let mut rows = vec![survey_rows()[0].clone()];
        for r in 1..=12u32 {
            let mut cells = vec![(0, number(r as f64))];
            for c in 1..=3u32 {
                cells.push((c, format!("><f>{}{}+1</f>", col_letters(c), r)));
            }
            rows.push((r, cells));
        }
        run_bytes(
            &mut t,
            d,
            "formulas_no_cache.xlsx",
            &with_sheet_xml(d, &sheet_xml(None, &rows), None),
        );
        let mut rows = vec![survey_rows()[0].clone()];
        for r in 1..=12u32 {
            let mut cells = vec![(0, number(r as f64))];
            for c in 1..=3u32 {
                cells.push((c, " t=\"str\"><f>\"x\"</f><v>x</v>".to_string()));
            }
            rows.push((r, cells));
        }
        run_bytes(
            &mut t,
            d,
            "formulas_text_cache.xlsx",
            &with_sheet_xml(d, &sheet_xml(None, &rows), None),
        );
    }

    // Empty workbook, headers only, merged title over the header, merged header cells.
    {
        use rust_xlsxwriter::{Format, Workbook};
        let mut wb = Workbook::new();
        wb.add_worksheet();
        let p = d.join("empty_book.xlsx");
        wb.save(&p).unwrap();
        run_path(&mut t, &p, "empty_book.xlsx", &ReadOptions::default());

        let mut wb = Workbook::new();
        for name in ["事前", "事後"] {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            for (c, h) in ["職員番号", "問1", "問2"].iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
        }
        let p = d.join("headers_only.xlsx");
        wb.save(&p).unwrap();
        run_path(&mut t, &p, "headers_only.xlsx", &ReadOptions::default());

        for (label, merge_header) in [("merged_title.xlsx", false), ("merged_header.xlsx", true)] {
            let mut wb = Workbook::new();
            let f = Format::new();
            for name in ["事前", "事後"] {
                let ws = wb.add_worksheet();
                ws.set_name(name).unwrap();
                ws.merge_range(0, 0, 1, 4, "職員アンケート 2025", &f)
                    .unwrap();
                let hr = 2;
                for (c, h) in ["職員番号", "問1", "問2", "問3", "問4"].iter().enumerate() {
                    ws.write_string(hr, c as u16, *h).unwrap();
                }
                if merge_header {
                    ws.merge_range(hr, 1, hr, 2, "問1と2", &f).unwrap();
                }
                for r in 0..10u32 {
                    ws.write_number(hr + 1 + r, 0, r as f64 + 1.0).unwrap();
                    for c in 1..5u16 {
                        ws.write_number(hr + 1 + r, c, ((r + c as u32) % 5 + 1) as f64)
                            .unwrap();
                    }
                }
            }
            let p = d.join(label);
            wb.save(&p).unwrap();
            run_path(&mut t, &p, label, &ReadOptions::default());
        }
    }

    // Hostile option values on a valid workbook.
    let ex =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("examples/staff_survey.xlsx");
    let huge = "Q".repeat(100_000);
    for o in [
        ReadOptions {
            header_row: Some(0),
            ..Default::default()
        },
        ReadOptions {
            header_row: Some(u32::MAX),
            ..Default::default()
        },
        ReadOptions {
            header_row: Some(1_048_577),
            ..Default::default()
        },
        ReadOptions {
            items: Some("XFD:A".into()),
            ..Default::default()
        },
        ReadOptions {
            items: Some("A:XFE".into()),
            ..Default::default()
        },
        ReadOptions {
            items: Some("ZZZZZZZZZZZZZZZZZZ".into()),
            ..Default::default()
        },
        ReadOptions {
            items: Some(",,,".into()),
            ..Default::default()
        },
        ReadOptions {
            items: Some(huge.clone()),
            ..Default::default()
        },
        ReadOptions {
            sheets: Some(("".into(), "".into())),
            ..Default::default()
        },
        ReadOptions {
            sheets: Some(("事前".into(), "事前".into())),
            ..Default::default()
        },
        ReadOptions {
            id: Some(huge.clone()),
            ..Default::default()
        },
        ReadOptions {
            group: Some("問1".into()),
            ..Default::default()
        },
        ReadOptions {
            levels: Some(("a".into(), "a".into())),
            group: Some("所属".into()),
            ..Default::default()
        },
        ReadOptions {
            scale: Some("=,=,==5".into()),
            ..Default::default()
        },
        ReadOptions {
            scale: Some("a=NaN,b=inf,c=1e999".into()),
            ..Default::default()
        },
        ReadOptions {
            by: Some("\u{0}".into()),
            ..Default::default()
        },
        ReadOptions {
            sheet: Some("存在しない".into()),
            group: Some("x".into()),
            ..Default::default()
        },
    ] {
        let label = format!("options {:?}", o)
            .chars()
            .take(120)
            .collect::<String>();
        run_path(&mut t, &ex, &label, &o);
    }

    if std::env::var("TTXL_WB_FUZZ_BIG").is_ok() {
        // 1,048,576 real rows (ID + one item), both sheets the same size.
        let mut rows: Vec<(u32, Vec<(u32, String)>)> =
            vec![(0, vec![(0, inline("職員番号")), (1, inline("問1"))])];
        for r in 1..1_048_576u32 {
            rows.push((
                r,
                vec![(0, number(r as f64)), (1, number((r % 5 + 1) as f64))],
            ));
        }
        let xml = sheet_xml(Some("A1:B1048576"), &rows);
        drop(rows);
        let entries = unpack(&generated_bytes(d));
        let mut e = entries.clone();
        for (n, data) in e.iter_mut() {
            if n.starts_with("xl/worksheets/sheet") {
                *data = xml.as_bytes().to_vec();
            }
        }
        let p = d.join("rows1048576.xlsx");
        std::fs::write(&p, pack(&e)).unwrap();
        drop((e, entries, xml));
        run_path(&mut t, &p, "rows1048576.xlsx", &ReadOptions::default());
    }

    finish(&t, "hostile sizes and structures");
}

/// Makes sure the Tally's findings mechanism works: a panic inside `read_survey`'s caller side is
/// counted (guards against a harness that would silently report zero findings).
#[test]
fn harness_counts_panics() {
    let _serial = serial();
    install_hook();
    let mut t = Tally::default();
    let before = PANICS.load(Ordering::SeqCst);
    let r = catch_unwind(|| panic!("deliberate"));
    assert!(r.is_err());
    assert!(PANICS.load(Ordering::SeqCst) > before);
    // A missing file is an Ok run of the harness with one NotFound error.
    let missing = PathBuf::from("/nonexistent/ttest-xl/none.xlsx");
    run_path(&mut t, &missing, "missing", &ReadOptions::default());
    assert_eq!(t.errors.get("NotFound"), Some(&1));
    assert!(t.findings.is_empty(), "{:?}", t.findings);
}

/// A two-sheet workbook with an ID column and `width − 1` item columns, four respondents.
fn wide_book(d: &Path, width: u16) -> PathBuf {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    for name in ["事前", "事後"] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_string(0, 0, "ID").unwrap();
        for c in 1..width {
            ws.write_string(0, c, format!("Q{c}")).unwrap();
        }
        for r in 1..=4u32 {
            ws.write_number(r, 0, r as f64).unwrap();
            for c in 1..width {
                ws.write_number(r, c, ((r + c as u32) % 5) as f64).unwrap();
            }
        }
    }
    let p = d.join(format!("cols{width}.xlsx"));
    wb.save(&p).unwrap();
    p
}

// Found by this test, fixed in the reader (src/workbook/layout.rs): reading time grows about quadratically with the
// number of columns. Two sheets (事前/事後) with an ID and N−1 item columns, 4 rows each, debug
// build: N = 1,024 → 4.1 s, 2,048 → 15.7 s, 4,096 → 75 s, so 16,384 (Excel's maximum) takes tens of
// minutes. Expected: well under CASE_LIMIT (30 s). Likely causes: per-item linear searches
// `tb.columns.iter().position(|c| &c.name == name)` and `cols_b.contains(&j)` in `two_sheets`
// (layout.rs ~952–965) and similar per-column scans; a HashMap by name fixes those.
#[test]
fn sixteen_thousand_columns() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tally::default();
    let p = wide_book(dir.path(), 16_384);
    run_path(&mut t, &p, "cols16384.xlsx", &ReadOptions::default());
    finish(&t, "16,384 columns");
}

/// `.xls` files saved by real Excel, from R packages installed on this machine (readxl's
/// `extdata`, gdata's `xls`; skipped with a note when absent), read as they are and mutated
/// (truncated and flipped): the BIFF/OLE parser sees hostile input too.
#[test]
fn real_excel_xls_files_and_their_mutations() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tally::default();
    let mut rng = Rng(0x786c_735f_6675_7a7a);
    let mut files: Vec<PathBuf> = Vec::new();
    for folder in [
        "/usr/lib/R/site-library/readxl/extdata",
        "/usr/lib/R/site-library/gdata/xls",
        "/usr/lib/R/site-library/rio/examples",
    ] {
        if let Ok(rd) = std::fs::read_dir(folder) {
            for e in rd.flatten() {
                let p = e.path();
                let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
                if matches!(ext, "xls" | "ods" | "xlsx")
                    && e.metadata().is_ok_and(|m| m.len() < 300_000)
                {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    if files.is_empty() {
        common::tool_missing(
            "real_excel_xls_files_and_their_mutations",
            "no .xls files from R packages on this machine (install r-cran-readxl)",
        );
        return;
    }
    let k = scale();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        run_path(&mut t, f, &name, &ReadOptions::default());
        let bytes = std::fs::read(f).unwrap();
        let ext = f.extension().unwrap().to_string_lossy().into_owned();
        let n = bytes.len();
        for c in 0..8 * k {
            let off = c * n / (8 * k);
            run_bytes(
                &mut t,
                dir.path(),
                &format!("{name}_trunc{off}.{ext}"),
                &bytes[..off],
            );
        }
        for c in 0..16 * k {
            let mut m = bytes.clone();
            for _ in 0..1 + rng.below(6) {
                let at = 512 + rng.below(n.saturating_sub(512));
                if at < n {
                    m[at] = rng.next() as u8;
                }
            }
            run_bytes(&mut t, dir.path(), &format!("{name}_flip{c}.{ext}"), &m);
        }
    }
    eprintln!("[workbook_fuzz] real files: {}", files.len());
    finish(&t, "real Excel .xls/.ods files");
}

// ---------------------------------------------------------------------------------------------
// Text (CSV) files, issue 19.

/// The rows of a workbook sheet as CSV text (numbers in shortest form, text quoted when needed).
fn sheet_as_csv(book: &Path, sheet: &str, delimiter: char, newline: &str) -> String {
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(book).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let mut s = String::new();
    for row in range.rows() {
        let fields: Vec<String> = row
            .iter()
            .map(|c| {
                let v = match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                };
                if v.contains([delimiter, '"', '\r', '\n']) {
                    format!("\"{}\"", v.replace('"', "\"\""))
                } else {
                    v
                }
            })
            .collect();
        s.push_str(&fields.join(&delimiter.to_string()));
        s.push_str(newline);
    }
    s
}

/// One mutation of a text file's bytes.
fn mutate_text(bytes: &[u8], rng: &mut Rng) -> (String, Vec<u8>) {
    const INSERTS: &[&[u8]] = &[
        b"\"",
        b",",
        b"\t",
        b";",
        b"\r",
        b"\n",
        b"\0",
        b"\x81",
        b"\xE3\x81",
        b"\xFF\xFE",
        b"=\"",
        b"\"\"",
        b"\r\n\r\n",
        b"#N/A",
        b"\xEF\xBB\xBF",
        "そう思う".as_bytes(),
        b"\x82\xbb\x82\xa4",
    ];
    let mut b = bytes.to_vec();
    let at = rng.below(b.len() + 1);
    let label = match rng.below(7) {
        0 => {
            if !b.is_empty() {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            "flip"
        }
        1 => {
            b.truncate(at);
            "truncate"
        }
        2 => {
            let ins = INSERTS[rng.below(INSERTS.len())];
            b.splice(at..at, ins.iter().copied());
            "insert"
        }
        3 => {
            let end = (at + rng.below(200)).min(b.len());
            b.drain(at..end);
            "delete"
        }
        4 => {
            let end = (at + rng.below(300)).min(b.len());
            let copy = b[at..end].to_vec();
            let to = rng.below(b.len() + 1);
            b.splice(to..to, copy);
            "duplicate"
        }
        5 => {
            let long = vec![b'x'; 1 << 20];
            b.splice(at..at, long);
            "long_field"
        }
        _ => {
            const BOMS: &[&[u8]] = &[b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b""];
            let bom = BOMS[rng.below(BOMS.len())];
            b.splice(0..0, bom.iter().copied());
            "bom"
        }
    };
    (label.to_string(), b)
}

#[test]
fn mutated_csv_files_never_panic() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let k = scale();
    let mut t = Tally::default();
    let mut rng = Rng(0x6373_762d_6669_6c65);
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let staff = root.join("examples/staff_survey.xlsx");
    let groups = root.join("tests/reference/analyze_groups.xlsx");
    let utf8 = |s: String| [&b"\xEF\xBB\xBF"[..], s.as_bytes()].concat();
    let cp932 = |s: String| encoding_rs::SHIFT_JIS.encode(&s).0.into_owned();
    let utf16 = |s: String| -> Vec<u8> {
        [0xFF, 0xFE]
            .into_iter()
            .chain(s.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect()
    };
    // (seed, extension, first file, second file when the seed is two files)
    type Seed<'a> = (&'a str, &'a str, Vec<u8>, Option<Vec<u8>>);
    let seeds: Vec<Seed> = vec![
        (
            "staff_utf8",
            "csv",
            utf8(sheet_as_csv(&staff, "事前", ',', "\r\n")),
            Some(utf8(sheet_as_csv(&staff, "事後", ',', "\r\n"))),
        ),
        (
            "staff_cp932",
            "csv",
            cp932(sheet_as_csv(&staff, "事前", ',', "\r\n")),
            Some(cp932(sheet_as_csv(&staff, "事後", ',', "\r\n"))),
        ),
        (
            "staff_utf16",
            "txt",
            utf16(sheet_as_csv(&staff, "事前", '\t', "\r\n")),
            Some(utf16(sheet_as_csv(&staff, "事後", '\t', "\r\n"))),
        ),
        (
            "groups_semicolon",
            "csv",
            sheet_as_csv(&groups, "回答", ';', "\n").into_bytes(),
            None,
        ),
    ];
    for (seed, ext, first, second) in &seeds {
        let options = match second {
            Some(bytes) => {
                let p = dir.path().join(format!("{seed}_second.{ext}"));
                std::fs::write(&p, bytes).unwrap();
                ReadOptions {
                    second_file: Some(p),
                    ..ReadOptions::default()
                }
            }
            // The long-format groups file holds 「そう思う」 among numbers: analyze.R scores it 4,
            // and the reader asks for that mapping instead of guessing.
            None => ReadOptions {
                scale: Some("そう思う=4".into()),
                ..ReadOptions::default()
            },
        };
        let run = |t: &mut Tally, name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            run_path(t, &p, name, &options);
            std::fs::remove_file(&p).ok();
        };
        let before = t.ok;
        run(&mut t, &format!("{seed}.{ext}"), first);
        assert_eq!(t.ok, before + 1, "seed {seed} must read: {:?}", t.findings);
        for i in 0..60 * k {
            let (label, bytes) = mutate_text(first, &mut rng);
            run(&mut t, &format!("{seed}_{label}_{i}.{ext}"), &bytes);
            // Mutations on mutations.
            let (label2, bytes) = mutate_text(&bytes, &mut rng);
            run(
                &mut t,
                &format!("{seed}_{label}_{label2}_{i}.{ext}"),
                &bytes,
            );
        }
    }
    // Sizes at the limits: 16,385 fields, a record after row 1,048,576, a line of 17 MiB.
    let wide = format!("ID{}\n1{}\n", ",Q".repeat(16_384), ",3".repeat(16_384));
    run_bytes(&mut t, dir.path(), "wide.csv", wide.as_bytes());
    let mut tall = b"ID,Q1\n".to_vec();
    tall.extend(vec![b'\n'; 1_048_575]);
    tall.extend(b"1,2\n");
    run_bytes(&mut t, dir.path(), "tall.csv", &tall);
    let mut long = b"ID,Q1\n1,\"".to_vec();
    long.extend(vec![b'4'; 17 << 20]);
    run_bytes(&mut t, dir.path(), "long_quoted.csv", &long);
    finish(&t, "csv mutations");
}
