//! Issue 18: no .xlsx makes the reader hold more than a fixed budget. Each bomb below is a small
//! file (about 2 MB) whose one XML part unfolds to 2 GiB of one kind of run — whitespace between
//! `<sheetData>` and its rows, a text run, an attribute value, an element name, a comment, a
//! processing instruction, CDATA, a shared-strings run — and `ttest-xl analyze` must refuse it
//! under a 1.5 GB address-space limit (setrlimit in the child): exit 2, the bilingual "damaged or
//! too large" message naming the part, no panic or allocation failure, nothing written. A 2 GiB
//! part calamine never reads (docProps, customXml) and many unread parts are not inflated at all:
//! the workbook is analysed.
//!
//! The bombs are built here: the survey of tests/common/hidden_books.rs re-packed by hand (parts
//! stored), with the bomb part deflated as prefix + one 1 MiB sync-flushed block repeated + suffix.

#![cfg(unix)]

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use flate2::{Compress, Compression, FlushCompress};

#[path = "common/hidden_books.rs"]
mod books;
#[path = "../../tests/common/mod.rs"]
mod common;

/// Address-space limit of the child: 1.5 GB.
const LIMIT: u64 = 1_500_000_000;
/// Uncompressed size of a bomb's run: 2 GiB, more than the limit (`TTXL_BOMB_MIB`, at most 4,000
/// as the zip written here has no zip64 records, for scripts/fuzz-long.sh).
fn bomb_size() -> u64 {
    std::env::var("TTXL_BOMB_MIB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(2 << 30, |m| m.min(4000) << 20)
}

/// A zip entry: stored bytes, or a deflate stream with its (claimed) uncompressed size.
enum Entry {
    Stored(Vec<u8>),
    Deflated { data: Vec<u8>, size: u64, crc: u32 },
}

fn crc(b: &[u8]) -> u32 {
    let mut c = flate2::Crc::new();
    c.update(b);
    c.sum()
}

/// `prefix`, then `fill` repeated to `BOMB` bytes, then `suffix`, as one deflate stream.
/// (The CRC is not computed: the reader is refused long before the end of the part.)
fn bomb(prefix: &[u8], fill: u8, suffix: &[u8]) -> Entry {
    bomb_of(bomb_size(), prefix, fill, suffix)
}

/// [`bomb`] of `total` bytes of `fill`.
fn bomb_of(total: u64, prefix: &[u8], fill: u8, suffix: &[u8]) -> Entry {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::new();
    let mut step = |input: &[u8], flush: FlushCompress, out: &mut Vec<u8>| {
        let mut buf = vec![0u8; input.len() + (1 << 16)];
        let (i0, o0) = (c.total_in(), c.total_out());
        c.compress(input, &mut buf, flush).unwrap();
        assert_eq!((c.total_in() - i0) as usize, input.len());
        buf.truncate((c.total_out() - o0) as usize);
        out.extend_from_slice(&buf);
    };
    step(prefix, FlushCompress::Sync, &mut out);
    let chunk = vec![fill; 1 << 20];
    let mut block = Vec::new();
    step(&chunk, FlushCompress::Sync, &mut block);
    let n = total / chunk.len() as u64;
    for _ in 0..n {
        out.extend_from_slice(&block);
    }
    step(suffix, FlushCompress::Finish, &mut out);
    Entry::Deflated {
        data: out,
        size: prefix.len() as u64 + n * chunk.len() as u64 + suffix.len() as u64,
        crc: 0,
    }
}

/// Writes a zip (no zip64: every size under 4 GiB) by hand.
fn write_zip(path: &Path, entries: &[(String, Entry)]) {
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    for (name, e) in entries {
        let (method, data, size, crc): (u16, &[u8], u64, u32) = match e {
            Entry::Stored(b) => (0, b, b.len() as u64, crc(b)),
            Entry::Deflated { data, size, crc } => (8, data, *size, *crc),
        };
        assert!(size < 1 << 32);
        let offset = out.len() as u32;
        let head = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(size as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0u8; 6]); // comment length, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(head(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(head(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    let n = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// The parts of a small valid survey (two sheets 事前/事後 with a hidden row).
fn base(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let p = books::hidden_rows(dir);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&p).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        parts.push((f.name().unwrap().to_string(), b));
    }
    std::fs::remove_file(p).unwrap();
    parts
}

/// The survey with part `name` replaced by `entry` (or added), and `extra` parts added.
fn package(
    dir: &Path,
    file: &str,
    name: &str,
    entry: Entry,
    extra: Vec<(String, Entry)>,
) -> PathBuf {
    let mut entries: Vec<(String, Entry)> = Vec::new();
    let mut entry = Some(entry);
    for (n, b) in base(dir) {
        if n == name {
            entries.push((n, entry.take().unwrap()));
        } else {
            entries.push((n, Entry::Stored(b)));
        }
    }
    if let Some(e) = entry {
        entries.push((name.to_string(), e));
    }
    entries.extend(extra);
    let p = dir.join(file);
    write_zip(&p, &entries);
    p
}

/// Splits the sheet XML at the first occurrence of `at` (after it when `after`).
fn sheet_split(dir: &Path, part: &str, at: &str, after: bool) -> (Vec<u8>, Vec<u8>) {
    let xml = base(dir).into_iter().find(|(n, _)| n == part).unwrap().1;
    let s = String::from_utf8(xml).unwrap();
    let i = s.find(at).unwrap() + if after { at.len() } else { 0 };
    (s.as_bytes()[..i].to_vec(), s.as_bytes()[i..].to_vec())
}

/// Runs `ttest-xl analyze` on `input` under the address-space limit.
fn analyze(input: &Path, lang: &str) -> (Option<i32>, String, PathBuf) {
    let out = input.with_extension("result.xlsx");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ttest-xl"));
    cmd.arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .arg("--quiet")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: LIMIT as libc::rlim_t,
                rlim_max: LIMIT as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        out,
    )
}

fn assert_refused(input: &Path, part: &str, what: &str) {
    for (lang, damaged) in [
        ("en_US.UTF-8", "damaged or too large"),
        ("ja_JP.UTF-8", "壊れているか、大きすぎます"),
    ] {
        let (code, err, out) = analyze(input, lang);
        assert_eq!(code, Some(2), "{}: {err}", input.display());
        assert!(err.contains(part), "{err}");
        assert!(err.contains(damaged), "{err}");
        if lang.starts_with("en") {
            assert!(err.contains(what), "{err}");
        }
        for bad in [
            "panicked",
            "memory allocation",
            "backtrace",
            "internal error",
        ] {
            assert!(!err.contains(bad), "{err}");
        }
        assert!(!out.exists(), "{} written", out.display());
    }
    let dir = input.parent().unwrap();
    assert!(
        !common::cli::entries(dir)
            .iter()
            .any(|n| n.contains("result")),
        "{:?}",
        common::cli::entries(dir)
    );
}

const SHEET: &str = "xl/worksheets/sheet1.xml";

#[test]
fn whitespace_between_sheet_data_and_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = sheet_split(dir.path(), SHEET, "<sheetData>", true);
    let p = package(dir.path(), "ws.xlsx", SHEET, bomb(&a, b' ', &b), vec![]);
    assert_refused(&p, SHEET, "text or whitespace run");
}

#[test]
fn a_huge_text_run_in_a_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = sheet_split(dir.path(), SHEET, "<row ", false);
    let a = [
        a,
        b"<row r=\"30\"><c r=\"A30\" t=\"inlineStr\"><is><t>".to_vec(),
    ]
    .concat();
    let b = [b"</t></is></c></row>".to_vec(), b].concat();
    let p = package(dir.path(), "text.xlsx", SHEET, bomb(&a, b'x', &b), vec![]);
    assert_refused(&p, SHEET, "text or whitespace run");
}

#[test]
fn a_huge_attribute_value() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = sheet_split(dir.path(), SHEET, "<row ", true);
    let a = [a, b"x=\"".to_vec()].concat();
    let b = [b"\" ".to_vec(), b].concat();
    let p = package(dir.path(), "attr.xlsx", SHEET, bomb(&a, b'y', &b), vec![]);
    assert_refused(&p, SHEET, "one XML tag");
}

#[test]
fn a_huge_element_name() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = sheet_split(dir.path(), SHEET, "<sheetData>", true);
    let a = [a, b"<".to_vec()].concat();
    let b = [b"/>".to_vec(), b].concat();
    let p = package(dir.path(), "name.xlsx", SHEET, bomb(&a, b'n', &b), vec![]);
    assert_refused(&p, SHEET, "one XML tag");
}

#[test]
fn a_huge_comment_processing_instruction_and_cdata() {
    let dir = tempfile::tempdir().unwrap();
    for (file, open, fill, close, what) in [
        (
            "comment.xlsx",
            &b"<!--"[..],
            b'-',
            &b"-->"[..],
            "XML comment",
        ),
        ("pi.xlsx", b"<?pi ", b'?', b"?>", "processing instruction"),
        ("cdata.xlsx", b"<![CDATA[", b']', b"]]>", "CDATA section"),
    ] {
        let (a, b) = sheet_split(dir.path(), SHEET, "<sheetData>", true);
        let a = [a, open.to_vec()].concat();
        let b = [close.to_vec(), b].concat();
        let p = package(dir.path(), file, SHEET, bomb(&a, fill, &b), vec![]);
        assert_refused(&p, SHEET, what);
        std::fs::remove_file(p).unwrap();
    }
}

#[test]
fn a_huge_run_in_the_shared_strings_read_when_the_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    // 1,000 MiB: under the 1 GiB shared-string part limit checked before, so only the run bound
    // stops it (calamine's buffer would double past the address-space limit).
    let part = "xl/sharedStrings.xml";
    let (a, b) = sheet_split(dir.path(), part, "<si>", false);
    let p = package(
        dir.path(),
        "sst.xlsx",
        part,
        bomb_of(1000 << 20, &a, b'\n', &b),
        vec![],
    );
    assert_refused(&p, part, "text or whitespace run");
}

#[test]
fn parts_calamine_never_reads_are_never_inflated() {
    // A 2 GiB docProps/custom.xml and customXml item, and 2,000 comment parts of 1 MiB each
    // (2 GiB together): the survey is read and analysed under the same limit.
    let dir = tempfile::tempdir().unwrap();
    let mut extra = vec![(
        "customXml/item1.xml".to_string(),
        bomb(b"<a>", b' ', b"</a>"),
    )];
    let mut c = Compress::new(Compression::best(), false);
    let mut one = vec![0u8; 1 << 16];
    c.compress(&vec![b' '; 1 << 20], &mut one, FlushCompress::Finish)
        .unwrap();
    one.truncate(c.total_out() as usize);
    for i in 0..2000 {
        extra.push((
            format!("xl/comments{i}.xml"),
            Entry::Deflated {
                data: one.clone(),
                size: 1 << 20,
                crc: 0,
            },
        ));
    }
    let p = package(
        dir.path(),
        "unread.xlsx",
        "docProps/custom.xml",
        bomb(b"<Properties>", b' ', b"</Properties>"),
        extra,
    );
    let (code, err, out) = analyze(&p, "en_US.UTF-8");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.exists());
}

#[test]
fn a_run_just_under_the_bound_is_read() {
    // 3 MiB of whitespace between <sheetData> and the rows (the bound is 4 MiB): read normally.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = sheet_split(dir.path(), SHEET, "<sheetData>", true);
    let xml = [a, vec![b' '; 3 << 20], b].concat();
    let p = package(dir.path(), "under.xlsx", SHEET, Entry::Stored(xml), vec![]);
    let (code, err, out) = analyze(&p, "en_US.UTF-8");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.exists());
}
