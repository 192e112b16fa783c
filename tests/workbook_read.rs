//! End-to-end reads of survey workbooks: the shipped example, workbooks built here with
//! rust_xlsxwriter for every layout and every kind of messy cell, the committed .xls/.ods
//! fixtures, and hostile inputs that must end in a clear error, never a panic.
//!
//! Expected values come from the workbooks themselves: cells are read back independently with
//! calamine's plain `worksheet_range` (or written by the test) and compared with what
//! `read_survey` returns.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use ttest_xl::workbook::{read_survey, Layout, NoteKind, ReadOptions, Survey};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/staff_survey.xlsx")
}

/// Every cell of every sheet, keyed by "Sheet!A1", read with calamine directly.
fn raw_cells(path: &Path) -> HashMap<String, Data> {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut out = HashMap::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r0 + r as u32, c0 + c as u32);
            out.insert(format!("{name}!{}{}", letters(c), r + 1), v.clone());
        }
    }
    out
}

fn letters(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// Every value in the survey equals the number in its cell, or is NaN/converted with a note.
fn check_against_cells(s: &Survey) {
    let raw = raw_cells(&s.path);
    let noted: HashMap<String, NoteKind> = s
        .notes
        .iter()
        .map(|n| (format!("{}!{}", n.sheet, n.cell), n.kind))
        .collect();
    for g in [&s.first, &s.second] {
        assert_eq!(g.values.len(), s.items.len());
        for (vals, cells) in g.values.iter().zip(&g.cells) {
            assert_eq!(vals.len(), g.ids.len());
            for (v, cell) in vals.iter().zip(cells) {
                let key = cell.replace('\'', "");
                match raw.get(&key) {
                    Some(Data::Float(x)) => assert_eq!(v, x, "{cell}"),
                    Some(Data::Int(x)) => assert_eq!(*v, *x as f64, "{cell}"),
                    other => assert!(
                        noted.contains_key(&key),
                        "{cell} holds {other:?} but has no note (value {v})"
                    ),
                }
            }
        }
    }
}

fn count(s: &Survey, kind: NoteKind) -> usize {
    s.notes.iter().filter(|n| n.kind == kind).count()
}

fn mean(v: &[f64]) -> f64 {
    let ok: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    ok.iter().sum::<f64>() / ok.len() as f64
}

#[test]
fn example_workbook_is_read_as_paired_two_sheets() {
    let s = read_survey(&example(), &ReadOptions::default()).unwrap();
    assert_eq!(
        s.layout,
        Layout::TwoSheets {
            first: "事前".into(),
            second: "事後".into()
        }
    );
    assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()]);
    assert!(s.paired);
    assert_eq!(s.id_column.as_deref(), Some("職員番号"));
    assert_eq!(s.header_row, 3, "header under the merged title row");
    assert_eq!(s.items.len(), 15);
    assert_eq!(s.items[0], "Q1 仕事にやりがいを感じている");
    assert!(!s.items.iter().any(|i| i == "所属" || i == "職員番号"));
    // 116 rows before, 113 after (make_sample prints these); pairs line up by ID.
    let n = s.first.ids.len();
    assert_eq!(n, s.second.ids.len());
    assert_eq!(s.first.ids, s.second.ids);
    assert_eq!(116 - n + 113 - n, count(&s, NoteKind::UnmatchedId));
    // The after sheet is in another order: pairing really used the IDs.
    assert_ne!(
        s.first.cells[0][..10],
        s.second.cells[0][..10]
            .iter()
            .map(|c| c.replace("事後", "事前"))
            .collect::<Vec<_>>()[..]
    );
    // Messy cells: exactly one 「４」 and one "3" as text, some blanks and 「無回答」.
    let fw: Vec<_> = s
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::FullWidthDigits)
        .collect();
    assert_eq!(fw.len(), 1);
    assert_eq!((fw[0].original.as_str(), fw[0].value), ("４", Some(4.0)));
    assert_eq!(fw[0].sheet, "事前");
    let nt: Vec<_> = s
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::NumberAsText)
        .collect();
    assert_eq!(nt.len(), 1);
    assert_eq!(
        (nt[0].original.as_str(), nt[0].value, nt[0].sheet.as_str()),
        ("3", Some(3.0), "事後")
    );
    assert!(count(&s, NoteKind::Blank) >= 4);
    assert!(count(&s, NoteKind::NoAnswer) >= 3);
    check_against_cells(&s);
    // The sample's built-in effects: Q1 improves clearly, Q2 does not.
    let d1 = mean(&s.second.values[0]) - mean(&s.first.values[0]);
    let d2 = mean(&s.second.values[1]) - mean(&s.first.values[1]);
    assert!(d1 > 0.3, "Q1 difference {d1}");
    assert!(d2.abs() < 0.3, "Q2 difference {d2}");
}
