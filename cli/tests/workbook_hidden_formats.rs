//! Issue 20, class 1 in every format: hidden rows, hidden columns and hidden sheets of .xls,
//! .xlsb and .ods files are left out and listed as in an .xlsx (`--include-hidden` takes rows
//! and columns in). tests/data/hidden/hidden.{xlsx,xls,ods}: one workbook written with openpyxl
//! and converted by LibreOffice (scripts/make_hidden_workbooks.py); the .xlsb is built here
//! record by record ([MS-XLSB] BrtRowHdr fDyZero, BrtColInfo fHidden, BrtBundleSh hsState).

use std::io::Write;
use std::path::{Path, PathBuf};

use ttest_xl_cli::workbook::{read_survey, NoteKind, ReadOptions, Survey};
use zip::write::SimpleFileOptions;

#[path = "../../tests/common/xlsb.rs"]
mod xlsb;
use xlsb::{num, rec, text, wide};

/// The ten real respondents (Q1, Q2), as in scripts/make_hidden_workbooks.py.
const BEFORE: [[f64; 2]; 10] = [
    [3.0, 2.0],
    [4.0, 3.0],
    [2.0, 2.0],
    [3.0, 4.0],
    [4.0, 3.0],
    [3.0, 3.0],
    [2.0, 1.0],
    [4.0, 4.0],
    [3.0, 2.0],
    [3.0, 3.0],
];
const AFTER: [[f64; 2]; 10] = [
    [4.0, 3.0],
    [4.0, 4.0],
    [3.0, 2.0],
    [4.0, 4.0],
    [5.0, 4.0],
    [3.0, 3.0],
    [3.0, 2.0],
    [4.0, 5.0],
    [4.0, 3.0],
    [4.0, 3.0],
];

fn data(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/hidden")
        .join(name)
}

fn notes(s: &Survey, kind: NoteKind) -> Vec<(String, String)> {
    s.notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| (n.sheet.clone(), n.cell.clone()))
        .collect()
}

fn column(rows: &[[f64; 2]], q: usize) -> Vec<f64> {
    rows.iter().map(|r| r[q]).collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn hidden_rows_columns_and_sheets_are_left_out_in_xls_and_ods_as_in_xlsx() {
    for file in ["hidden.xlsx", "hidden.xls", "hidden.ods"] {
        let p = data(file);
        let s = read_survey(&p, &ReadOptions::default()).unwrap();
        // 回答_旧 (hidden) and 控え (very hidden) are not a third and fourth wave.
        assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()], "{file}");
        assert!(s.paired, "{file}");
        assert_eq!(s.items, ["Q1", "Q2"], "{file}: メモ (hidden) is no item");
        for q in 0..2 {
            assert_eq!(s.first.values[q], column(&BEFORE, q), "{file} Q{}", q + 1);
            assert_eq!(s.second.values[q], column(&AFTER, q), "{file} Q{}", q + 1);
        }
        assert_eq!(
            notes(&s, NoteKind::HiddenRow),
            [pair("事前", "5"), pair("事後", "5")],
            "{file}"
        );
        assert_eq!(
            notes(&s, NoteKind::HiddenColumn),
            [pair("事前", "D"), pair("事後", "D")],
            "{file}"
        );
        assert_eq!(
            notes(&s, NoteKind::HiddenSheet),
            [pair("回答_旧", ""), pair("控え", "")],
            "{file}"
        );
        // --include-hidden takes the row (the test account 9999) and the column in.
        let o = ReadOptions {
            include_hidden: true,
            ..ReadOptions::default()
        };
        let s = read_survey(&p, &o).unwrap();
        assert_eq!(s.first.ids.len(), 11, "{file}");
        assert!(
            s.first.ids.iter().any(|i| i.as_deref() == Some("9999")),
            "{file}"
        );
        assert_eq!(s.items, ["Q1", "Q2", "メモ"], "{file}");
        assert!(notes(&s, NoteKind::HiddenRow).is_empty(), "{file}");
    }
}

// ---- .xlsb, record by record --------------------------------------------------------------

/// BrtRowHdr of row `r`: rw, ixfe, miyRw, two flag bytes (fDyZero is bit 4 of the second),
/// fPhShow, ccolspan = 0.
fn row(r: u32, hidden: bool) -> Vec<u8> {
    let mut b = r.to_le_bytes().to_vec();
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(&300u16.to_le_bytes());
    b.push(0);
    b.push(if hidden { 0x10 } else { 0 });
    b.push(0);
    b.extend_from_slice(&0u32.to_le_bytes());
    rec(0x0000, &b)
}

/// A sheet: 職員番号, Q1, Q2, メモ (column D hidden by BrtColInfo), the ten respondents and, in
/// row 5, a hidden test account answering `test`.
fn sheet(rows: &[[f64; 2]; 10], test: f64) -> Vec<u8> {
    let mut dim = Vec::new();
    for v in [0u32, 11, 0, 3] {
        dim.extend_from_slice(&v.to_le_bytes());
    }
    let mut col = Vec::new();
    for v in [3u32, 3, 2304, 0] {
        col.extend_from_slice(&v.to_le_bytes());
    }
    col.extend_from_slice(&1u16.to_le_bytes()); // fHidden
    let mut v = [
        rec(0x0081, &[]),
        rec(0x0094, &dim),
        rec(0x0186, &[]),
        rec(0x003C, &col),
        rec(0x0187, &[]),
        rec(0x0091, &[]),
    ]
    .concat();
    v.extend(
        [
            row(0, false),
            text(0, "職員番号"),
            text(1, "Q1"),
            text(2, "Q2"),
            text(3, "メモ"),
        ]
        .concat(),
    );
    let mut r = 1;
    for (i, x) in rows.iter().enumerate() {
        if i == 3 {
            v.extend(
                [
                    row(r, true),
                    num(0, 9999.0),
                    num(1, test),
                    num(2, test),
                    num(3, 5.0),
                ]
                .concat(),
            );
            r += 1;
        }
        v.extend(
            [
                row(r, false),
                num(0, 1001.0 + i as f64),
                num(1, x[0]),
                num(2, x[1]),
                num(3, (i % 5) as f64 + 1.0),
            ]
            .concat(),
        );
        r += 1;
    }
    v.extend(rec(0x0092, &[]));
    v
}

fn xlsb(dir: &Path) -> PathBuf {
    let mut wb = Vec::new();
    // A hidden copy first (hsState 1), then 事前 and 事後; the parts in another order than the
    // sheets, so that names come from the relationships.
    for (state, id, name) in [
        (1u32, "rId3", "回答_旧"),
        (0, "rId1", "事前"),
        (0, "rId2", "事後"),
    ] {
        let mut b = state.to_le_bytes().to_vec();
        b.extend_from_slice(&1u32.to_le_bytes());
        b.extend(wide(id));
        b.extend(wide(name));
        wb.extend(rec(0x009C, &b));
    }
    wb.extend(rec(0x0090, &[]));
    wb.extend(rec(0x009D, &[0; 8]));
    let rel = |id: &str, n: u32| {
        format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.bin"/>"#
        )
    };
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}</Relationships>"#,
        rel("rId1", 1),
        rel("rId2", 2),
        rel("rId3", 3)
    );
    let shifted: Vec<[f64; 2]> = BEFORE
        .iter()
        .map(|r| r.map(|x| (x + 1.0).min(5.0)))
        .collect();
    let p = dir.join("hidden.xlsb");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
    let o = SimpleFileOptions::default();
    for (part, bytes) in [
        ("xl/workbook.bin", wb),
        ("xl/_rels/workbook.bin.rels", rels.into_bytes()),
        ("xl/worksheets/sheet1.bin", sheet(&BEFORE, 1.0)),
        ("xl/worksheets/sheet2.bin", sheet(&AFTER, 5.0)),
        (
            "xl/worksheets/sheet3.bin",
            sheet(&shifted.try_into().unwrap(), 1.0),
        ),
    ] {
        z.start_file(part, o).unwrap();
        z.write_all(&bytes).unwrap();
    }
    z.finish().unwrap();
    p
}

#[test]
fn hidden_rows_columns_and_sheets_are_left_out_in_xlsb() {
    let dir = tempfile::tempdir().unwrap();
    let p = xlsb(dir.path());
    let s = read_survey(&p, &ReadOptions::default()).unwrap();
    assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()]);
    assert!(s.paired);
    assert_eq!(s.items, ["Q1", "Q2"]);
    for q in 0..2 {
        assert_eq!(s.first.values[q], column(&BEFORE, q));
        assert_eq!(s.second.values[q], column(&AFTER, q));
    }
    assert_eq!(
        notes(&s, NoteKind::HiddenRow),
        [pair("事前", "5"), pair("事後", "5")]
    );
    assert_eq!(
        notes(&s, NoteKind::HiddenColumn),
        [pair("事前", "D"), pair("事後", "D")]
    );
    assert_eq!(notes(&s, NoteKind::HiddenSheet), [pair("回答_旧", "")]);
    let o = ReadOptions {
        include_hidden: true,
        ..ReadOptions::default()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.first.ids.len(), 11);
    assert_eq!(s.items, ["Q1", "Q2", "メモ"]);
}
