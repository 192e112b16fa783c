//! The `.xls` pre-scan (`src/workbook/xls_scan.rs`) on compound files built here byte by byte:
//! a valid two-sheet survey (in the mini stream, and in regular sectors stored in reverse order),
//! then hostile variants — a DIMENSIONS record split across two sectors, one with a non-zero
//! reserved field, a cell far away, many sheets whose ranges add up, a FAT cycle in the stream
//! and in the directory chain, a FAT cut short, a DIFAT that repeats one FAT sector. Each ends in
//! a survey (the valid ones) or a clear `ReadError` naming the file; the hostile ones are also run
//! through the binary under a 1.5 GB address-space limit (exit 2, no panic text).
//!
//! The layout follows MS-CFB (version 3, 512-byte sectors) and MS-XLS (BIFF8 records).

use std::path::{Path, PathBuf};

use ttest_xl_cli::lang::Lang;
use ttest_xl_cli::workbook::{read_survey, DeclaredWhat, ReadError, ReadOptions, MAX_CELLS};

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const FATSECT: u32 = 0xFFFF_FFFD;

// ---------------------------------------------------------------------------------------------
// BIFF8 records.

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = Vec::with_capacity(4 + data.len());
    r.extend(typ.to_le_bytes());
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

/// BOF (0x0809), BIFF8: `dt` 0x0005 for the globals, 0x0010 for a worksheet.
fn bof(dt: u16) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(0x0600u16.to_le_bytes());
    d.extend(dt.to_le_bytes());
    d.extend([0u8; 12]);
    record(0x0809, &d)
}

fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

/// DIMENSIONS (0x0200), BIFF8: first row, last row + 1, first column, last column + 1, reserved.
fn dimensions(rf: u32, rl: u32, cf: u16, cl: u16, reserved: u16) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(rf.to_le_bytes());
    d.extend(rl.to_le_bytes());
    d.extend(cf.to_le_bytes());
    d.extend(cl.to_le_bytes());
    d.extend(reserved.to_le_bytes());
    record(0x0200, &d)
}

/// NUMBER (0x0203).
fn number(row: u16, col: u16, v: f64) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(v.to_le_bytes());
    record(0x0203, &d)
}

/// LABEL (0x0204) with an 8-bit string.
fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend((text.len() as u16).to_le_bytes());
    d.push(0);
    d.extend(text.as_bytes());
    record(0x0204, &d)
}

/// SST (0x00FC) holding `strings` as 8-bit text, split into CONTINUE records (0x003C) every
/// `chunk` characters as Excel does (each CONTINUE starts with the string's flags byte).
fn sst(strings: &[String], chunk: usize) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend((strings.len() as u32).to_le_bytes());
    d.extend((strings.len() as u32).to_le_bytes());
    let mut out = Vec::new();
    let mut first = true;
    for s in strings {
        d.extend((s.len() as u16).to_le_bytes());
        d.push(0);
        for (i, part) in s.as_bytes().chunks(chunk).enumerate() {
            if i > 0 {
                out.extend(record(if first { 0x00FC } else { 0x003C }, &d));
                first = false;
                d = vec![0];
            }
            d.extend(part);
        }
    }
    out.extend(record(if first { 0x00FC } else { 0x003C }, &d));
    out
}

/// LABELSST (0x00FD): string `index` of the SST.
fn label_sst(row: u16, col: u16, index: u32) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(index.to_le_bytes());
    record(0x00FD, &d)
}

/// FORMULA (0x0006) with a cached number 0 and the parsed expression `rgce` (after its length).
fn formula(row: u16, col: u16, rgce: &[u8]) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(0f64.to_le_bytes());
    d.extend([0u8; 6]);
    d.extend((rgce.len() as u16).to_le_bytes());
    d.extend(rgce);
    record(0x0006, &d)
}

/// A worksheet substream: ID, Q1, Q2 for six respondents, with a DIMENSIONS record declaring
/// A1:C7 (or the one given), and `extra` records before EOF.
fn survey_sheet(shift: f64, dims: Option<Vec<u8>>, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut s = bof(0x0010);
    s.extend(dims.unwrap_or_else(|| dimensions(0, 7, 0, 3, 0)));
    for (c, h) in ["ID", "Q1", "Q2"].iter().enumerate() {
        s.extend(label(0, c as u16, h));
    }
    for i in 1..=6u16 {
        s.extend(number(i, 0, f64::from(i)));
        s.extend(number(i, 1, f64::from(i % 5 + 1)));
        s.extend(number(i, 2, f64::from((i + 2) % 5) + shift));
    }
    for e in extra {
        s.extend(e);
    }
    s.extend(eof());
    s
}

/// A Workbook stream: globals (BOF, a filler record of `filler` bytes, one BoundSheet8 per sheet,
/// EOF) then the sheets.
fn workbook(filler: usize, sheets: &[(&str, Vec<u8>)]) -> Vec<u8> {
    workbook_with(&[], filler, sheets)
}

/// As [`workbook`], with `globals` records (an SST) after the BoundSheet8 records.
fn workbook_with(globals: &[u8], filler: usize, sheets: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let bound = |pos: u32, name: &str| {
        let mut d = Vec::new();
        d.extend(pos.to_le_bytes());
        d.extend([0u8, 0]); // visible worksheet
        d.push(name.len() as u8);
        d.push(0); // 8-bit characters
        d.extend(name.as_bytes());
        record(0x0085, &d)
    };
    let globals_len = |positions: &[u32]| {
        let mut g = bof(0x0005);
        g.extend(record(0x0863, &vec![0u8; filler]));
        for ((name, _), p) in sheets.iter().zip(positions) {
            g.extend(bound(*p, name));
        }
        g.extend(globals);
        g.extend(eof());
        g
    };
    let mut positions = vec![0u32; sheets.len()];
    let mut at = globals_len(&positions).len() as u32;
    for (p, (_, s)) in positions.iter_mut().zip(sheets) {
        *p = at;
        at += s.len() as u32;
    }
    let mut w = globals_len(&positions);
    for (_, s) in sheets {
        w.extend(s);
    }
    w
}

/// Offset of the first sheet's substream in a stream made by [`workbook`] with no filler.
fn first_sheet_offset(sheets: &[(&str, Vec<u8>)]) -> usize {
    workbook(0, sheets).len() - sheets.iter().map(|(_, s)| s.len()).sum::<usize>()
}

fn two_sheets() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("pre", survey_sheet(0.0, None, &[])),
        ("post", survey_sheet(1.0, None, &[])),
    ]
}

// ---------------------------------------------------------------------------------------------
// Compound file (MS-CFB version 3, 512-byte sectors, no DIFAT sectors).

/// A compound file holding `Workbook`: sector 0 is the directory; then the mini FAT and the mini
/// stream (for a stream under 4096 bytes) or the stream's sectors (in reverse physical order
/// when `reverse`); the FAT sectors come last.
struct Compound {
    header: Vec<u8>,
    sectors: Vec<Vec<u8>>,
    /// The first FAT sector (the others follow it).
    fat_id: u32,
    /// Sector ids of the stream (regular) or of the mini stream, in chain order.
    chain: Vec<u32>,
}

impl Compound {
    fn new(stream: &[u8], reverse: bool) -> Compound {
        let mini = stream.len() < 4096;
        let pad = |b: &[u8], n: usize| {
            let mut v = b.to_vec();
            v.resize(b.len().div_ceil(n).max(1) * n, 0);
            v
        };
        let mut sectors: Vec<Vec<u8>> = vec![vec![0u8; 512]]; // directory
        let mut fat: Vec<u32> = vec![ENDOFCHAIN];
        let chain_of = |ids: &[u32], fat: &mut Vec<u32>| {
            for w in ids.windows(2) {
                fat[w[0] as usize] = w[1];
            }
            if let Some(l) = ids.last() {
                fat[*l as usize] = ENDOFCHAIN;
            }
        };
        let (data, minifat) = if mini {
            let ms = pad(stream, 64);
            let m = ms.len() / 64;
            let mut mf = vec![FREESECT; 128];
            for (i, next) in mf.iter_mut().enumerate().take(m) {
                *next = if i + 1 < m { i as u32 + 1 } else { ENDOFCHAIN };
            }
            (ms, Some(mf))
        } else {
            (stream.to_vec(), None)
        };
        let minifat_id = minifat.as_ref().map(|mf| {
            let mut s = Vec::new();
            for v in mf {
                s.extend(v.to_le_bytes());
            }
            sectors.push(s);
            fat.push(ENDOFCHAIN);
            sectors.len() as u32 - 1
        });
        let chunks: Vec<Vec<u8>> = pad(&data, 512).chunks(512).map(|c| c.to_vec()).collect();
        let first = sectors.len() as u32;
        let n = chunks.len() as u32;
        let mut ids: Vec<u32> = (first..first + n).collect();
        if reverse {
            ids.reverse();
        }
        // Physical slot of chunk i is ids[i].
        let mut slots = vec![Vec::new(); n as usize];
        for (i, c) in chunks.into_iter().enumerate() {
            slots[(ids[i] - first) as usize] = c;
        }
        sectors.extend(slots);
        fat.resize(sectors.len(), FREESECT);
        chain_of(&ids, &mut fat);
        // FAT sectors last: as many as needed for every sector including themselves (at most
        // the header's 109 DIFAT entries).
        let n = sectors.len();
        let k = (n + 127) / 127;
        assert!(k <= 109, "no DIFAT sectors");
        let fat_ids: Vec<u32> = (n as u32..(n + k) as u32).collect();
        fat.resize(n + k, FATSECT);
        fat.resize(128 * k, FREESECT);
        for c in fat.chunks(128) {
            let mut fs = Vec::new();
            for v in c {
                fs.extend(v.to_le_bytes());
            }
            sectors.push(fs);
        }
        let fat_id = fat_ids[0];

        // Directory: root (holding the mini stream), Workbook, two unused entries.
        let entry = |name: &str, typ: u8, child: u32, start: u32, size: u32| {
            let mut e = vec![0u8; 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&(2 * (units.len() as u16 + 1)).to_le_bytes());
            e[66] = typ;
            e[67] = 1;
            e[68..72].copy_from_slice(&FREESECT.to_le_bytes());
            e[72..76].copy_from_slice(&FREESECT.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
            e
        };
        let (root_start, root_size, wb_start) = if mini {
            (ids[0], data.len() as u32, 0)
        } else {
            (ENDOFCHAIN, 0, ids[0])
        };
        let mut dir = entry("Root Entry", 5, 1, root_start, root_size);
        dir.extend(entry(
            "Workbook",
            2,
            FREESECT,
            wb_start,
            stream.len() as u32,
        ));
        let mut unused = entry("", 0, FREESECT, 0, 0);
        unused[64] = 0;
        dir.extend(unused.clone());
        dir.extend(unused);
        sectors[0] = dir;

        let mut h = vec![0u8; 512];
        h[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        let put16 =
            |h: &mut Vec<u8>, at: usize, v: u16| h[at..at + 2].copy_from_slice(&v.to_le_bytes());
        let put32 =
            |h: &mut Vec<u8>, at: usize, v: u32| h[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put16(&mut h, 24, 0x003E);
        put16(&mut h, 26, 3);
        put16(&mut h, 28, 0xFFFE);
        put16(&mut h, 30, 9);
        put16(&mut h, 32, 6);
        put32(&mut h, 44, k as u32); // FAT sectors
        put32(&mut h, 48, 0); // directory
        put32(&mut h, 56, 4096);
        put32(&mut h, 60, minifat_id.unwrap_or(ENDOFCHAIN));
        put32(&mut h, 64, u32::from(minifat_id.is_some()));
        put32(&mut h, 68, ENDOFCHAIN); // no DIFAT sectors
        put32(&mut h, 72, 0);
        for i in 0..109 {
            let v = fat_ids.get(i).copied().unwrap_or(FREESECT);
            put32(&mut h, 76 + 4 * i, v);
        }
        Compound {
            header: h,
            sectors,
            fat_id,
            chain: if mini {
                (0..(data.len() / 64) as u32).collect()
            } else {
                ids
            },
        }
    }

    fn set_fat(&mut self, id: u32, next: u32) {
        let s = &mut self.sectors[(self.fat_id + id / 128) as usize];
        let at = 4 * (id % 128) as usize;
        s[at..at + 4].copy_from_slice(&next.to_le_bytes());
    }

    fn bytes(&self) -> Vec<u8> {
        let mut b = self.header.clone();
        for s in &self.sectors {
            b.extend(s);
        }
        b
    }
}

/// Writes a case to `dir`, and also to `$TTXL_XLS_SAVE` when set (to reproduce it by hand).
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    if let Ok(save) = std::env::var("TTXL_XLS_SAVE") {
        std::fs::create_dir_all(&save).unwrap();
        std::fs::write(Path::new(&save).join(name), bytes).unwrap();
    }
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Reads `p`: the error, checked to name the file in both languages.
fn refused(p: &Path) -> ReadError {
    let e = read_survey(p, &ReadOptions::default()).expect_err("refused");
    let shown = p.display().to_string();
    assert!(e.to_string().contains(&shown), "{e}");
    assert!(
        e.message(Lang::Ja).contains(&shown),
        "{}",
        e.message(Lang::Ja)
    );
    assert!(!e.message(Lang::Ja).is_ascii(), "{}", e.message(Lang::Ja));
    assert_eq!(e.path(), p);
    e
}

/// The scan lets `p` through: calamine reads it or reports its own error (never a refusal by
/// the scan, never a panic).
fn not_refused_by_the_scan(p: &Path) {
    match read_survey(p, &ReadOptions::default()) {
        Ok(_) => (),
        Err(
            e @ (ReadError::Declared { .. }
            | ReadError::Damaged { .. }
            | ReadError::Internal { .. }),
        ) => {
            panic!("{}: {e:?}", p.display())
        }
        Err(_) => (),
    }
}

fn declared(e: &ReadError) -> (DeclaredWhat, u128) {
    match e {
        ReadError::Declared {
            what,
            declared,
            limit,
            ..
        } => {
            assert_eq!(*limit, MAX_CELLS as u128);
            (*what, *declared)
        }
        other => panic!("expected Declared, got {other:?}"),
    }
}

fn damaged(e: &ReadError) -> String {
    match e {
        ReadError::Damaged { reason, .. } => reason.clone(),
        other => panic!("expected Damaged, got {other:?}"),
    }
}

/// A stream over 4096 bytes (regular sectors) whose first sheet's DIMENSIONS record starts
/// `before` bytes ahead of the sector boundary at 2048.
fn padded(sheets: &[(&str, Vec<u8>)], before: usize) -> Vec<u8> {
    // BOF of the sheet: 20 bytes; the DIMENSIONS record follows it.
    let filler = 2048 - before - 20 - first_sheet_offset(sheets);
    let mut w = workbook(filler, sheets);
    assert_eq!(&w[2048 - before..2048 - before + 2], &[0x00, 0x02]);
    // Trailing junk after the last EOF keeps the stream above 4096 bytes (calamine stops at
    // the globals' EOF and at each sheet's EOF).
    w.resize(w.len().max(4600), 0);
    w
}

// ---------------------------------------------------------------------------------------------

#[test]
fn valid_workbooks_in_the_mini_stream_and_in_reversed_sectors_read() {
    let dir = tempfile::tempdir().unwrap();
    let small = workbook(0, &two_sheets());
    assert!(small.len() < 4096);
    let big = padded(&two_sheets(), 2);
    for (name, bytes) in [
        ("mini.xls", Compound::new(&small, false).bytes()),
        ("regular.xls", Compound::new(&big, false).bytes()),
        ("reversed.xls", Compound::new(&big, true).bytes()),
    ] {
        let p = write(dir.path(), name, &bytes);
        let s = read_survey(&p, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(s.first.values.len(), 2, "{name}: items");
        assert_eq!(s.first.ids.len(), 6, "{name}: rows");
        assert_eq!(
            s.second.values[1][0],
            1.0 + 3.0 % 5.0,
            "{name}: post Q2 of ID 1"
        );
    }
}

#[test]
fn dimensions_split_across_reversed_sectors_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Rows 0..2³², columns 0..255: the record's header straddles the boundary (2 bytes each
    // side), so no byte pattern `00 02 0E 00` exists in the file.
    let hostile = vec![
        (
            "pre",
            survey_sheet(0.0, Some(dimensions(0, u32::MAX, 0, 255, 0)), &[]),
        ),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    let bytes = Compound::new(&padded(&hostile, 2), true).bytes();
    let contiguous = [0x00, 0x02, 0x0E, 0x00, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
    assert!(!bytes.windows(12).any(|w| w == contiguous));
    let p = write(dir.path(), "split.xls", &bytes);
    let e = refused(&p);
    // calamine: rows = (0xFFFF_FFFE − 0 + 1), cols = (254 − 0 + 1).
    assert_eq!(
        declared(&e),
        (DeclaredWhat::XlsDimensions, 0xFFFF_FFFF_u128 * 255)
    );
    // The same split inside the record's data (8 bytes before the boundary).
    let bytes = Compound::new(&padded(&hostile, 8), true).bytes();
    let p = write(dir.path(), "split8.xls", &bytes);
    assert_eq!(declared(&refused(&p)).1, 0xFFFF_FFFF_u128 * 255);
}

#[test]
fn dimensions_with_a_nonzero_reserved_field_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // calamine ignores the reserved field; a first row after the last wraps around.
    let hostile = vec![
        (
            "pre",
            survey_sheet(0.0, Some(dimensions(9, 3, 0, 3, 0xBEEF)), &[]),
        ),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    let p = write(
        dir.path(),
        "reserved.xls",
        &Compound::new(&workbook(0, &hostile), false).bytes(),
    );
    // rows = (3 − 1) − 9 + 1 wrapped = 2³² − 6, cols = 3.
    assert_eq!(
        declared(&refused(&p)),
        (DeclaredWhat::XlsDimensions, (u128::from(u32::MAX) - 5) * 3)
    );
}

#[test]
fn a_far_away_cell_is_refused_before_calamine_builds_its_range() {
    let dir = tempfile::tempdir().unwrap();
    // A LABEL at row 65,535, column 65,535: calamine's range is the bounding box with A1.
    let hostile = vec![
        (
            "pre",
            survey_sheet(0.0, None, &[label(65_535, 65_535, "x")]),
        ),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    let p = write(
        dir.path(),
        "far.xls",
        &Compound::new(&workbook(0, &hostile), false).bytes(),
    );
    assert_eq!(
        declared(&refused(&p)),
        (DeclaredWhat::XlsUsedRanges, 65_536u128 * 65_536)
    );
}

#[test]
fn ranges_of_many_sheets_add_up() {
    let dir = tempfile::tempdir().unwrap();
    // Each sheet spans A1:DX65536 (65,536 × 128 = 8.4 million cells, allowed alone); the third
    // takes the workbook over 20 million.
    let wide = || survey_sheet(0.0, None, &[number(65_535, 127, 1.0)]);
    let sheets = vec![("a", wide()), ("b", wide()), ("c", wide())];
    let p = write(
        dir.path(),
        "three.xls",
        &Compound::new(&workbook(0, &sheets), false).bytes(),
    );
    assert_eq!(
        declared(&refused(&p)),
        (DeclaredWhat::XlsUsedRanges, 3 * 65_536u128 * 128)
    );
    // Two such sheets are within the limit and read (no usable layout: a Layout error).
    let p = write(
        dir.path(),
        "two.xls",
        &Compound::new(&workbook(0, &sheets[..2]), false).bytes(),
    );
    let e = read_survey(&p, &ReadOptions::default()).err();
    assert!(
        !matches!(
            e,
            Some(ReadError::Declared { .. } | ReadError::Damaged { .. })
        ),
        "{e:?}"
    );
}

/// calamine clones a shared string into every LABELSST cell: one string of 65,535 characters
/// and 30,000 cells (a 0.5 MB file) would be 2 GB of text.
fn sst_bomb() -> Vec<u8> {
    let long = "x".repeat(65_535);
    let cells: Vec<Vec<u8>> = (0..30_000u32)
        .map(|i| label_sst(8 + (i / 200) as u16, (i % 200) as u16, 1))
        .collect();
    let sheets = vec![
        ("pre", survey_sheet(0.0, None, &cells)),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    workbook_with(&sst(&["ok".to_string(), long], 8000), 0, &sheets)
}

#[test]
fn shared_strings_cloned_into_cells_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "sst_bomb.xls",
        &Compound::new(&sst_bomb(), false).bytes(),
    );
    // Refused at the first cell that takes the text over 512 MiB: 8,193 × 65,535 bytes.
    match refused(&p) {
        ReadError::Declared {
            what,
            declared,
            limit,
            ..
        } => {
            assert_eq!(what, DeclaredWhat::XlsSharedStringBytes);
            assert_eq!(declared, 8_193 * 65_535);
            assert_eq!(limit, 512 << 20);
        }
        other => panic!("{other:?}"),
    }
    // The same table used by a few cells reads (the long string is an item cell's text).
    let cells: Vec<Vec<u8>> = (0..3).map(|i| label_sst(8, i, 1)).collect();
    let sheets = vec![
        ("pre", survey_sheet(0.0, None, &cells)),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    let bytes = workbook_with(
        &sst(&["ok".to_string(), "x".repeat(65_535)], 8000),
        0,
        &sheets,
    );
    let p = write(
        dir.path(),
        "sst_ok.xls",
        &Compound::new(&bytes, false).bytes(),
    );
    let e = read_survey(&p, &ReadOptions::default()).err();
    assert!(
        !matches!(
            e,
            Some(ReadError::Declared { .. } | ReadError::Damaged { .. })
        ),
        "{e:?}"
    );
}

/// PtgInt 1 followed by `n` PtgAttrSpace tokens of 255 spaces each.
fn spaces_rgce(n: usize) -> Vec<u8> {
    let mut rgce = vec![0x1E, 1, 0];
    for _ in 0..n {
        rgce.extend([0x19, 0x40, 0x00, 0xFF]);
    }
    rgce
}

fn attr_space_book(n: usize) -> Vec<u8> {
    let sheets = vec![
        (
            "pre",
            survey_sheet(0.0, None, &[formula(8, 0, &spaces_rgce(n))]),
        ),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    Compound::new(&workbook(0, &sheets), false).bytes()
}

/// calamine inserts a PtgAttrSpace's spaces into the formula text one `String::insert` at a
/// time: one formula record of 4,000 such tokens (19 kB) took 28 s, 16,000 (a 67 kB file)
/// minutes. Refused; a formula with a few hundred reads.
#[test]
fn formulas_that_take_minutes_to_decode_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "attr_space_300.xls", &attr_space_book(300));
    not_refused_by_the_scan(&p);
    for n in [4_000, 16_000] {
        let p = write(
            dir.path(),
            &format!("attr_space_{n}.xls"),
            &attr_space_book(n),
        );
        let t = std::time::Instant::now();
        assert!(damaged(&refused(&p)).contains("minutes"), "{n}");
        assert!(t.elapsed().as_secs() < 5, "{n}: {:?}", t.elapsed());
    }
}

/// calamine takes each CONTINUE record of the shared-string table with `Vec::remove(0)`:
/// quadratic in their number (200,000 empty ones, an 0.8 MB file, move 320 GB).
#[test]
fn a_shared_string_table_in_countless_pieces_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let book = |n: usize| {
        let mut g = record(0x00FC, &[0u8; 8]);
        for _ in 0..n {
            g.extend(record(0x003C, &[]));
        }
        Compound::new(&workbook_with(&g, 0, &two_sheets()), false).bytes()
    };
    let p = write(dir.path(), "sst_pieces_2000.xls", &book(2_000));
    read_survey(&p, &ReadOptions::default()).unwrap();
    let p = write(dir.path(), "sst_pieces.xls", &book(200_000));
    assert!(damaged(&refused(&p)).contains("minutes"));
}

#[test]
fn damaged_sector_structures_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let big = padded(&two_sheets(), 2);

    // The stream's chain loops back to its first sector and the stream declares 1 GiB: calamine
    // would go round the loop until it has read 1 GiB.
    let mut c = Compound::new(&big, true);
    let (first, third) = (c.chain[0], c.chain[2]);
    c.set_fat(third, first);
    c.sectors[0][128 + 120..128 + 124].copy_from_slice(&(1u32 << 30).to_le_bytes());
    let p = write(dir.path(), "stream_cycle.xls", &c.bytes());
    assert!(damaged(&refused(&p)).contains("loops"));
    // The same loop with the stream's own length (within the file's size): calamine reads the
    // repeated sectors and gives its own verdict; the scan follows it and does not refuse.
    let mut c = Compound::new(&big, true);
    c.set_fat(third, first);
    let p = write(dir.path(), "stream_loop_small.xls", &c.bytes());
    not_refused_by_the_scan(&p);

    // The directory chain loops on itself (calamine would read it forever).
    let mut c = Compound::new(&big, false);
    c.set_fat(0, 0);
    let p = write(dir.path(), "dir_cycle.xls", &c.bytes());
    assert!(damaged(&refused(&p)).contains("loops"));

    // The mini stream's chain loops (a stream under 4096 bytes, so at most 4 kB): followed.
    let mut c = Compound::new(&workbook(0, &two_sheets()), false);
    assert!(c.chain.len() > 2);
    let minifat_id = u32::from_le_bytes(c.header[60..64].try_into().unwrap());
    let mf = &mut c.sectors[minifat_id as usize];
    mf[4..8].copy_from_slice(&0u32.to_le_bytes()); // mini sector 1 → 0
    let p = write(dir.path(), "mini_cycle.xls", &c.bytes());
    not_refused_by_the_scan(&p);

    // The FAT (last sector) cut short at a multiple of 4 bytes: the stream's chain runs off the
    // end of the sector table.
    let full = Compound::new(&big, false).bytes();
    let p = write(dir.path(), "short_fat.xls", &full[..full.len() - 512 + 16]);
    assert!(damaged(&refused(&p)).contains("outside its sector table"));
    // … and at an odd length (calamine asserts a multiple of 4).
    let p = write(dir.path(), "odd_fat.xls", &full[..full.len() - 512 + 17]);
    assert!(damaged(&refused(&p)).contains("cut short"));

    // Every DIFAT entry names the same FAT sector: a damaged file calamine still reads (its
    // FAT is 109 sectors long for a file of a dozen) — not refused …
    let mut c = Compound::new(&big, false);
    let fat_id = c.fat_id;
    for i in 0..109 {
        c.header[76 + 4 * i..80 + 4 * i].copy_from_slice(&fat_id.to_le_bytes());
    }
    let p = write(dir.path(), "difat_repeats.xls", &c.bytes());
    read_survey(&p, &ReadOptions::default()).unwrap();
    // … until the repeats, continued in 4,200 DIFAT sectors (a 2 MB file), would make a FAT of
    // (109 + 127 × 4,200) × 512 bytes = 261 MiB.
    let n = c.sectors.len() as u32;
    let difat = 4_200u32;
    for k in 0..difat {
        let mut s = Vec::new();
        for _ in 0..127 {
            s.extend(fat_id.to_le_bytes());
        }
        let next = if k + 1 < difat { n + k + 1 } else { ENDOFCHAIN };
        s.extend(next.to_le_bytes());
        c.sectors.push(s);
    }
    c.header[68..72].copy_from_slice(&n.to_le_bytes());
    c.header[72..76].copy_from_slice(&difat.to_le_bytes());
    let p = write(dir.path(), "difat_bomb.xls", &c.bytes());
    assert!(damaged(&refused(&p)).contains("more sectors"));

    // A chain pointing past the end of the file, and a file cut in the middle of the stream:
    // calamine's own error (not refused by the scan), still a clear ReadError::Workbook.
    let mut c = Compound::new(&big, false);
    let first = c.chain[0];
    c.set_fat(first, 5000);
    let p = write(dir.path(), "past_end.xls", &c.bytes());
    assert!(matches!(refused(&p), ReadError::Workbook { .. }));
}

/// The hostile files above through the binary under a 1.5 GB address-space limit: exit 2, the
/// file named, no panic text.
#[cfg(target_os = "linux")]
#[test]
fn hostile_files_end_in_exit_2_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let big = padded(&two_sheets(), 2);
    let mut cycle = Compound::new(&big, false);
    cycle.set_fat(0, 0);
    let far = vec![
        (
            "pre",
            survey_sheet(0.0, None, &[label(65_535, 65_535, "x")]),
        ),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    let split = vec![
        (
            "pre",
            survey_sheet(0.0, Some(dimensions(0, u32::MAX, 0, 255, 0)), &[]),
        ),
        ("post", survey_sheet(1.0, None, &[])),
    ];
    let cases = [
        ("dir_cycle.xls", cycle.bytes(), "damaged"),
        ("attr_space.xls", attr_space_book(16_000), "minutes"),
        (
            "sst_bomb.xls",
            Compound::new(&sst_bomb(), false).bytes(),
            "shared strings",
        ),
        (
            "far.xls",
            Compound::new(&workbook(0, &far), false).bytes(),
            "used ranges",
        ),
        (
            "split.xls",
            Compound::new(&padded(&split, 2), true).bytes(),
            "DIMENSIONS",
        ),
    ];
    let bin = assert_cmd::cargo::cargo_bin("ttest-xl");
    for (name, bytes, hint) in cases {
        let p = write(dir.path(), name, &bytes);
        let out_path = dir.path().join("out.xlsx");
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1500000 && exec timeout 120 \"$0\" analyze \"$1\" -o \"$2\"")
            .arg(&bin)
            .arg(&p)
            .arg(&out_path)
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(hint),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(!out_path.exists(), "{name}: output written");
    }
}
