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
use ttest_xl_cli::workbook::{read_survey, Layout, NoteKind, ReadOptions, Survey};

fn example() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("examples/staff_survey.xlsx")
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
        assert_eq!(g.columns.len(), s.items.len());
        assert_eq!(g.rows.len(), g.ids.len());
        for (k, vals) in g.values.iter().enumerate() {
            assert_eq!(vals.len(), g.ids.len());
            for (i, v) in vals.iter().enumerate() {
                // The address from the compact form, built here independently of Group::cell.
                let key = format!("{}!{}{}", g.sheet, letters(g.columns[k] - 1), g.rows[i]);
                let cell = g.cell(k, i);
                assert_eq!(cell.replace('\'', ""), key);
                match raw.get(&key) {
                    Some(Data::Float(x)) => assert_eq!(v, x, "{cell}"),
                    Some(Data::Int(x)) => assert_eq!(*v, *x as f64, "{cell}"),
                    // A label: listed once in its item's scale table, with its score.
                    Some(Data::String(t))
                        if s.scales.iter().any(|sc| {
                            sc.item == s.items[k]
                                && sc.labels.iter().any(|l| l.label == *t && l.score == *v)
                        }) => {}
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
    assert_eq!(
        (s.first.sheet.as_str(), s.second.sheet.as_str()),
        ("事前", "事後")
    );
    assert_eq!(
        s.first.columns, s.second.columns,
        "same item columns in both sheets"
    );
    assert_ne!(s.first.rows[..10], s.second.rows[..10]);
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

// ---------------------------------------------------------------------------------------------
// Workbooks built by the test.

/// A cell to write.
#[derive(Clone)]
enum C {
    N(f64),
    S(&'static str),
    B(bool),
    /// A formula whose cached result is an error such as "#N/A".
    ErrCell(&'static str),
    /// A date (2025-04-01) with a date format.
    Date,
    Blank,
}
use C::*;

fn write_book(dir: &Path, file: &str, sheets: &[(&str, Vec<Vec<C>>)]) -> PathBuf {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    N(x) => {
                        ws.write_number(r, c, *x).unwrap();
                    }
                    S(s) => {
                        ws.write_string(r, c, *s).unwrap();
                    }
                    B(b) => {
                        ws.write_boolean(r, c, *b).unwrap();
                    }
                    ErrCell(e) => {
                        ws.write_formula(r, c, Formula::new("=NA()").set_result(*e))
                            .unwrap();
                    }
                    Date => {
                        let d = ExcelDateTime::from_ymd(2025, 4, 1).unwrap();
                        ws.write_datetime_with_format(r, c, &d, &date).unwrap();
                    }
                    Blank => {}
                }
            }
        }
    }
    let path = dir.join(file);
    wb.save(&path).unwrap();
    path
}

/// Header plus rows of (id, three scores).
fn simple(id_header: &'static str, rows: &[(f64, [f64; 3])]) -> Vec<Vec<C>> {
    let mut out = vec![vec![S(id_header), S("問1"), S("問2"), S("問3")]];
    for (id, v) in rows {
        out.push(vec![N(*id), N(v[0]), N(v[1]), N(v[2])]);
    }
    out
}

fn opts() -> ReadOptions {
    ReadOptions::default()
}

#[test]
fn pre_post_sheets_without_ids_are_independent() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |v: &[[f64; 3]]| {
        let mut out = vec![vec![S("問1"), S("問2"), S("問3")]];
        out.extend(v.iter().map(|r| r.iter().map(|x| N(*x)).collect()));
        out
    };
    // Sheet order in the workbook is post first: the names decide the order.
    let p = write_book(
        dir.path(),
        "prepost.xlsx",
        &[
            ("Post", rows(&[[4.0, 5.0, 3.0], [5.0, 4.0, 4.0]])),
            (
                "Pre",
                rows(&[[2.0, 3.0, 3.0], [3.0, 2.0, 1.0], [1.0, 2.0, 2.0]]),
            ),
        ],
    );
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(s.labels, ["Pre".to_string(), "Post".to_string()]);
    assert!(!s.paired);
    assert_eq!(s.id_column, None);
    assert_eq!(s.first.values[0], vec![2.0, 3.0, 1.0]);
    assert_eq!(s.second.values[2], vec![3.0, 4.0]);
    assert_eq!(s.first.ids, vec![None, None, None]);
    assert!(
        s.first.by.is_empty() && s.second.by.is_empty(),
        "no breakdown"
    );
    assert_eq!(s.first.cell(1, 2), "Pre!B4");
    assert!(s.notes.is_empty());
    check_against_cells(&s);
}

#[test]
fn same_headers_pair_by_id_and_sheets_option_overrides_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = simple(
        "ID",
        &[
            (1.0, [1.0, 2.0, 3.0]),
            (2.0, [2.0, 2.0, 2.0]),
            (3.0, [3.0, 3.0, 3.0]),
        ],
    );
    let b = simple(
        "ID",
        &[
            (3.0, [5.0, 5.0, 5.0]),
            (1.0, [4.0, 4.0, 4.0]),
            (2.0, [3.0, 3.0, 1.0]),
        ],
    );
    let p = write_book(dir.path(), "same.xlsx", &[("Sheet1", a), ("Sheet2", b)]);
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(s.labels, ["Sheet1".to_string(), "Sheet2".to_string()]);
    assert!(s.paired);
    assert_eq!(s.id_column.as_deref(), Some("ID"));
    let ids: Vec<_> = s.first.ids.iter().map(|i| i.clone().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(s.first.ids, s.second.ids);
    assert_eq!(s.second.values[0], vec![4.0, 3.0, 5.0]);
    assert_eq!(
        (0..3).map(|i| s.second.cell(0, i)).collect::<Vec<_>>(),
        ["Sheet2!B3", "Sheet2!B4", "Sheet2!B2"]
    );
    assert_eq!(
        (s.second.columns[0], &s.second.rows[..]),
        (2, &[3, 4, 2][..])
    );
    check_against_cells(&s);

    let o = ReadOptions {
        sheets: Some(("Sheet2".into(), "Sheet1".into())),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.labels, ["Sheet2".to_string(), "Sheet1".to_string()]);
    assert_eq!(s.first.values[0], vec![5.0, 4.0, 3.0]);
    assert_eq!(s.second.values[0], vec![3.0, 1.0, 2.0]);
}

#[test]
fn ids_in_one_sheet_only_and_rows_without_id_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = simple(
        "職員番号",
        &[
            (101.0, [1.0, 2.0, 3.0]),
            (102.0, [2.0, 2.0, 2.0]),
            (103.0, [3.0, 3.0, 3.0]),
        ],
    );
    a.push(vec![Blank, N(4.0), N(4.0), N(4.0)]);
    let mut b = simple(
        "職員番号",
        &[
            (102.0, [5.0, 5.0, 5.0]),
            (101.0, [4.0, 4.0, 4.0]),
            (104.0, [3.0, 3.0, 1.0]),
        ],
    );
    // An item only in the after sheet.
    b[0].push(S("問4"));
    b[1].push(N(2.0));
    let p = write_book(dir.path(), "unmatched.xlsx", &[("事前", a), ("事後", b)]);
    let s = read_survey(&p, &opts()).unwrap();
    assert!(s.paired);
    assert_eq!(s.items, ["問1", "問2", "問3"]);
    assert_eq!(s.first.ids.len(), 2);
    let notes: Vec<(&str, &str, NoteKind, &str)> = s
        .notes
        .iter()
        .map(|n| {
            (
                n.sheet.as_str(),
                n.cell.as_str(),
                n.kind,
                n.original.as_str(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("事前", "A4", NoteKind::UnmatchedId, "103"),
            ("事前", "A5", NoteKind::MissingId, ""),
            ("事後", "E1", NoteKind::ItemInOneSheet, "問4"),
            ("事後", "A4", NoteKind::UnmatchedId, "104"),
        ]
    );
}

#[test]
fn duplicate_ids_are_an_error_naming_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let a = simple(
        "職員番号",
        &[
            (7.0, [1.0, 2.0, 3.0]),
            (8.0, [2.0, 2.0, 2.0]),
            (7.0, [3.0, 3.0, 3.0]),
        ],
    );
    let b = simple(
        "職員番号",
        &[(7.0, [5.0, 5.0, 5.0]), (8.0, [4.0, 4.0, 4.0])],
    );
    let p = write_book(dir.path(), "dup.xlsx", &[("事前", a), ("事後", b)]);
    let e = read_survey(&p, &opts()).unwrap_err();
    match &e {
        ttest_xl_cli::workbook::ReadError::DuplicateId {
            sheet,
            id,
            rows,
            path,
        } => {
            assert_eq!(
                (sheet.as_str(), id.as_str(), rows.as_slice()),
                ("事前", "7", &[2, 4][..])
            );
            assert_eq!(path, &p);
        }
        other => panic!("{other:?}"),
    }
    let en = e.message(ttest_xl_cli::Lang::En);
    assert!(en.contains("dup.xlsx") && en.contains("rows 2, 4"), "{en}");
    let ja = e.message(ttest_xl_cli::Lang::Ja);
    assert!(
        ja.contains("dup.xlsx") && ja.contains("重複") && ja.contains("2, 4"),
        "{ja}"
    );
}

#[test]
fn every_kind_of_messy_cell_is_converted_and_noted() {
    let dir = tempfile::tempdir().unwrap();
    let head = vec![S("ID"), S("Q1"), S("Q2")];
    let a = vec![
        vec![S("アンケート結果")],
        head.clone(),
        vec![N(1.0), N(3.0), Blank],
        vec![N(2.0), S("無回答"), S("N/A")],
        vec![N(3.0), S("わからない"), S("４")],
        vec![N(4.0), S("3"), S("とてもそう思う")],
        vec![N(5.0), S("Strongly disagree"), ErrCell("#N/A")],
        vec![N(6.0), Date, B(true)],
        vec![N(7.0), N(9.0), N(2.0)],
        vec![N(8.0), N(4.0), N(5.0)],
    ];
    let b = vec![
        vec![S("アンケート結果")],
        head,
        vec![N(1.0), N(4.0), N(4.0)],
        vec![N(2.0), N(4.0), N(4.0)],
        vec![N(3.0), N(4.0), N(4.0)],
        vec![N(4.0), N(4.0), N(4.0)],
        vec![N(5.0), N(4.0), N(4.0)],
        vec![N(6.0), N(4.0), N(4.0)],
        vec![N(7.0), N(4.0), N(4.0)],
        vec![N(8.0), N(4.0), ErrCell("#DIV/0!")],
    ];
    let p = write_book(dir.path(), "messy.xlsx", &[("事前", a), ("事後", b)]);
    // IDs 1–8 in both sheets count like a running number: pairing needs --id.
    let o = ReadOptions {
        id: Some("ID".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.header_row, 2);
    assert!(s.paired);
    let nan = f64::NAN;
    let same = |a: &[f64], b: &[f64]| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
    };
    assert!(
        same(
            &s.first.values[0],
            &[3.0, nan, nan, 3.0, 1.0, nan, 9.0, 4.0]
        ),
        "{:?}",
        s.first.values[0]
    );
    assert!(
        same(
            &s.first.values[1],
            &[nan, nan, 4.0, 5.0, nan, nan, 2.0, 5.0]
        ),
        "{:?}",
        s.first.values[1]
    );
    let got: Vec<(&str, &str, NoteKind, &str, Option<f64>)> = s
        .notes
        .iter()
        .map(|n| {
            (
                n.sheet.as_str(),
                n.cell.as_str(),
                n.kind,
                n.original.as_str(),
                n.value,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("事前", "C3", NoteKind::Blank, "", None),
            ("事前", "B4", NoteKind::NoAnswer, "無回答", None),
            ("事前", "C4", NoteKind::NoAnswer, "N/A", None),
            ("事前", "B5", NoteKind::NoAnswer, "わからない", None),
            ("事前", "C5", NoteKind::FullWidthDigits, "４", Some(4.0)),
            ("事前", "B6", NoteKind::NumberAsText, "3", Some(3.0)),
            ("事前", "C7", NoteKind::ErrorCell, "#N/A", None),
            ("事前", "B8", NoteKind::Date, "2025-04-01", None),
            ("事前", "C8", NoteKind::Boolean, "TRUE", None),
            ("事前", "B9", NoteKind::OutOfScale, "9", Some(9.0)),
            ("事後", "C10", NoteKind::ErrorCell, "#DIV/0!", None),
        ]
    );
    assert!(s.notes.iter().all(|n| n.item.is_some()));
    for k in [
        NoteKind::ErrorCell,
        NoteKind::Date,
        NoteKind::Boolean,
        NoteKind::OutOfScale,
    ] {
        assert!(k.is_warning());
    }
    assert!(!NoteKind::Blank.is_warning());
    for n in &s.notes {
        assert!(!n.kind.describe(ttest_xl_cli::Lang::Ja).is_ascii());
    }
    check_against_cells(&s);
}

#[test]
fn group_column_layout_is_guessed_and_ordered_before_after() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![S("時期"), S("所属"), S("満足度"), S("意欲")],
        vec![S("事後"), S("市民課"), N(4.0), N(5.0)],
        vec![S("事前"), S("市民課"), N(2.0), N(3.0)],
        vec![S("事後"), S("福祉課"), N(5.0), N(4.0)],
        vec![S("事前"), S("税務課"), N(3.0), N(3.0)],
        vec![Blank, S("税務課"), N(3.0), N(3.0)],
    ];
    let p = write_book(dir.path(), "group.xlsx", &[("回答", rows)]);
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(
        s.layout,
        Layout::GroupColumn {
            sheet: "回答".into(),
            column: "時期".into()
        }
    );
    assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()]);
    assert!(!s.paired);
    assert_eq!(s.items, ["満足度", "意欲"]);
    assert_eq!(s.first.values[0], vec![2.0, 3.0]);
    assert_eq!(s.second.values[0], vec![4.0, 5.0]);
    assert_eq!(s.by_column, None);
    assert_eq!(s.notes.len(), 1);
    assert_eq!(
        (s.notes[0].cell.as_str(), s.notes[0].kind),
        ("A6", NoteKind::MissingGroup)
    );

    // --by and --levels
    let o = ReadOptions {
        group: Some("時期".into()),
        levels: Some(("事後".into(), "事前".into())),
        by: Some("所属".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.labels, ["事後".to_string(), "事前".to_string()]);
    assert_eq!(s.by_column.as_deref(), Some("所属"));
    assert_eq!(
        s.first.by,
        vec![Some("市民課".to_string()), Some("福祉課".to_string())]
    );
    assert_eq!(
        s.second.by,
        vec![Some("市民課".to_string()), Some("税務課".to_string())]
    );
    check_against_cells(&s);
}

#[test]
fn group_column_with_ids_in_long_format_is_paired() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![S("職員番号"), S("性別"), S("回"), S("Q1"), S("Q2")],
        vec![N(11.0), S("女性"), S("1回目"), N(2.0), N(3.0)],
        vec![N(12.0), S("男性"), S("1回目"), N(3.0), N(3.0)],
        vec![N(12.0), S("男性"), S("2回目"), N(4.0), N(4.0)],
        vec![N(11.0), S("女性"), S("2回目"), N(5.0), N(4.0)],
        vec![N(13.0), S("女性"), S("2回目"), N(5.0), N(5.0)],
    ];
    let p = write_book(dir.path(), "long.xlsx", &[("データ", rows)]);
    // Two columns with two values (性別, 回): ambiguous, refused naming both with their values.
    let e = read_survey(&p, &opts()).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("性別 (女性, 男性)")
            && msg.contains("回 (1回目, 2回目)")
            && msg.contains("--group"),
        "{msg}"
    );
    let ja = e.message(ttest_xl_cli::lang::Lang::Ja);
    assert!(
        ja.contains("性別（女性、男性）") && ja.contains("--group 列名"),
        "{ja}"
    );
    let o = ReadOptions {
        group: Some("回".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(
        s.layout,
        Layout::GroupColumn {
            sheet: "データ".into(),
            column: "回".into()
        }
    );
    assert_eq!(s.labels, ["1回目".to_string(), "2回目".to_string()]);
    assert!(s.paired);
    assert_eq!(s.first.ids, s.second.ids);
    assert_eq!(s.first.values[0], vec![2.0, 3.0]);
    assert_eq!(s.second.values[0], vec![5.0, 4.0]);
    assert_eq!(s.notes.len(), 1);
    // One sheet: "in one group only", never "in one sheet only".
    assert_eq!(s.notes[0].kind, NoteKind::UnmatchedIdInGroup);
    assert_eq!(s.notes[0].cell, "A6");

    // The other two-valued column, chosen by the user, with --items as letters.
    let o = ReadOptions {
        group: Some("性別".into()),
        id: None,
        items: Some("E".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap_err();
    // 職員番号 repeats inside a group when grouping by 性別: the duplicate is reported.
    assert!(
        matches!(s, ttest_xl_cli::workbook::ReadError::DuplicateId { .. }),
        "{s}"
    );
}

#[test]
fn items_by_name_letter_and_range() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![vec![S("ID"), S("年齢"), S("Q1"), S("Q2"), S("Q3"), S("Q4")]];
    // ID 1–4 in both sheets: a running number (0–3 would not be certain: issue 20).
    for i in 0..4 {
        let x = i as f64;
        rows.push(vec![
            N(x + 1.0),
            N(30.0 + x),
            N(1.0 + x),
            N(2.0),
            N(3.0),
            N(4.0),
        ]);
    }
    let p = write_book(
        dir.path(),
        "items.xlsx",
        &[("前", rows.clone()), ("後", rows)],
    );
    let s = read_survey(&p, &opts()).unwrap();
    // 年齢 names a quantity: not a question (listed on the Checks sheet; --items takes it in).
    assert_eq!(s.items, ["Q1", "Q2", "Q3", "Q4"]);
    assert_eq!(count(&s, NoteKind::NotAnItemQuantity), 2);
    let o = ReadOptions {
        items: Some("B:F".into()),
        ..opts()
    };
    assert_eq!(
        read_survey(&p, &o).unwrap().items,
        ["年齢", "Q1", "Q2", "Q3", "Q4"]
    );
    for (spec, want) in [
        ("C:E", vec!["Q1", "Q2", "Q3"]),
        ("Q4, C", vec!["Q4", "Q1"]),
        ("D:C,F", vec!["Q1", "Q2", "Q4"]),
    ] {
        let o = ReadOptions {
            items: Some(spec.into()),
            ..opts()
        };
        assert_eq!(read_survey(&p, &o).unwrap().items, want, "{spec}");
    }
    let o = ReadOptions {
        items: Some("Q9".into()),
        ..opts()
    };
    let e = read_survey(&p, &o).unwrap_err();
    assert!(e.to_string().contains("--items Q9"), "{e}");
    assert!(e.message(ttest_xl_cli::Lang::Ja).contains("列がありません"));
}

#[test]
fn forms_exports_work_without_flags() {
    let dir = tempfile::tempdir().unwrap();
    // Microsoft Forms: ID is a response number; people are paired by e-mail.
    let ms = |emails: &[&'static str], answers: &[[&'static str; 2]]| {
        let mut out = vec![vec![
            S("ID"),
            S("開始時刻"),
            S("完了時刻"),
            S("メール"),
            S("名前"),
            S("仕事にやりがいを感じている"),
            S("上司に相談しやすい"),
        ]];
        for (i, (e, a)) in emails.iter().zip(answers).enumerate() {
            out.push(vec![
                N(i as f64 + 1.0),
                Date,
                Date,
                S(e),
                S("山田"),
                S(a[0]),
                S(a[1]),
            ]);
        }
        out
    };
    let a = ms(
        &[
            "a@city.example.jp",
            "b@city.example.jp",
            "c@city.example.jp",
        ],
        &[
            ["そう思う", "どちらともいえない"],
            ["そう思わない", "そう思う"],
            ["全くそう思わない", "そう思う"],
        ],
    );
    let b = ms(
        &["c@city.example.jp", "a@city.example.jp"],
        &[["とてもそう思う", "そう思う"], ["そう思う", "そう思う"]],
    );
    let p = write_book(dir.path(), "msforms.xlsx", &[("研修前", a), ("研修後", b)]);
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(
        s.items,
        ["仕事にやりがいを感じている", "上司に相談しやすい"]
    );
    assert_eq!(s.id_column.as_deref(), Some("メール"));
    assert!(s.paired);
    // The first item's labels are とても / そう思う / そう思わない / 全く: a four-point scale
    // (no midpoint), 4…1; the second's are そう思う and どちらともいえない: three points.
    assert_eq!(s.first.values[0], vec![3.0, 1.0]);
    assert_eq!(s.second.values[0], vec![3.0, 4.0]);
    assert_eq!(s.scales[0].points, 4);
    assert_eq!(s.scales[1].points, 3);
    // Labels are listed once per item (with counts), not cell by cell.
    assert_eq!(count(&s, NoteKind::LikertLabel), 0);
    assert_eq!(
        s.notes
            .iter()
            .filter(|n| n.kind == NoteKind::UnmatchedId)
            .count(),
        1
    );

    // Google Forms: one sheet, timestamp + e-mail, a column saying when.
    let g = vec![
        vec![
            S("タイムスタンプ"),
            S("メールアドレス"),
            S("実施時期"),
            S("Q1. 満足している"),
            S("Q2. 続けたい"),
        ],
        vec![Date, S("x@example.jp"), S("研修前"), N(2.0), N(3.0)],
        vec![Date, S("y@example.jp"), S("研修前"), N(3.0), N(2.0)],
        vec![Date, S("z@example.jp"), S("研修後"), N(4.0), N(5.0)],
        vec![Date, S("w@example.jp"), S("研修後"), N(5.0), N(4.0)],
    ];
    let p = write_book(dir.path(), "gforms.xlsx", &[("フォームの回答 1", g)]);
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(s.items, ["Q1. 満足している", "Q2. 続けたい"]);
    assert_eq!(s.labels, ["研修前".to_string(), "研修後".to_string()]);
    assert!(!s.paired, "no e-mail appears in both groups");
    assert_eq!(s.first.cell(0, 0), "'フォームの回答 1'!D2");
    assert_eq!(s.first.address(0, 0), "D2");
    assert_eq!(s.first.sheet, "フォームの回答 1");
    check_against_cells(&s);
}

#[test]
fn header_row_option_and_scale_option() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |x: &'static str| {
        vec![
            vec![S("満足度調査")],
            vec![S("注: 回答は任意です"), S("(集計用)")],
            vec![S("番号"), S("窓口"), S("電話")],
            vec![N(1.0), S(x), S("満足")],
            vec![N(2.0), S("不満"), S("やや満足")],
        ]
    };
    let p = write_book(
        dir.path(),
        "scale.xlsx",
        &[("事前", sheet("やや不満")), ("事後", sheet("満足"))],
    );
    let o = ReadOptions {
        scale: Some("満足=4,やや満足=3,やや不満=2,不満=1".into()),
        header_row: Some(3),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.header_row, 3);
    assert_eq!(s.items, ["窓口", "電話"]);
    assert_eq!(s.first.values[0], vec![2.0, 1.0]);
    assert_eq!(s.second.values[0], vec![4.0, 1.0]);
    assert_eq!(s.second.values[1], vec![4.0, 3.0]);
    // Without the scale, the labels are scored from their own family: 満足 / やや満足 /
    // やや不満 / 不満 is a four-point scale, the same scores.
    let s = read_survey(
        &p,
        &ReadOptions {
            header_row: Some(3),
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(s.first.values[0], vec![2.0, 1.0]);
    assert_eq!(s.second.values[0], vec![4.0, 1.0]);
    assert_eq!(s.second.values[1], vec![4.0, 3.0]);
    assert_eq!(s.scales.len(), 2);
    assert!(s.scales.iter().all(|x| x.points == 4));
    let e = read_survey(
        &p,
        &ReadOptions {
            scale: Some("満足".into()),
            ..opts()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("--scale"), "{e}");
    let e = read_survey(
        &p,
        &ReadOptions {
            header_row: Some(40),
            ..opts()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("--header-row 40"), "{e}");
}

#[test]
fn option_errors_name_the_flag_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = simple("ID", &[(1.0, [1.0, 2.0, 3.0]), (2.0, [2.0, 2.0, 2.0])]);
    let p = write_book(dir.path(), "opts.xlsx", &[("事前", a.clone()), ("事後", a)]);
    let cases = [
        (
            ReadOptions {
                sheets: Some(("A".into(), "事後".into())),
                ..opts()
            },
            "no sheet named A",
        ),
        (
            ReadOptions {
                id: Some("社員番号".into()),
                ..opts()
            },
            "--id 社員番号",
        ),
        (
            ReadOptions {
                by: Some("所属".into()),
                ..opts()
            },
            "--by 所属",
        ),
        (
            ReadOptions {
                group: Some("時期".into()),
                ..opts()
            },
            "--group 時期",
        ),
    ];
    for (o, want) in cases {
        let e = read_survey(&p, &o).unwrap_err();
        let en = e.to_string();
        assert!(en.contains(want) && en.contains("opts.xlsx"), "{en}");
        let ja = e.message(ttest_xl_cli::Lang::Ja);
        assert!(ja.contains("opts.xlsx") && !ja.is_ascii(), "{ja}");
    }
}

#[test]
fn unrecognisable_layout_asks_for_flags() {
    let dir = tempfile::tempdir().unwrap();
    let a = simple("No", &[(1.0, [1.0, 2.0, 3.0]), (2.0, [2.0, 2.0, 2.0])]);
    let p = write_book(dir.path(), "one.xlsx", &[("Sheet1", a)]);
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(
        e.to_string().contains("--sheets") && e.to_string().contains("--group"),
        "{e}"
    );
    assert!(e.message(ttest_xl_cli::Lang::Ja).contains("--group"));
}

#[test]
fn empty_and_header_only_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_book(dir.path(), "empty.xlsx", &[("Sheet1", vec![])]);
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(
        matches!(e, ttest_xl_cli::workbook::ReadError::NoData { .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("empty.xlsx"));
    let head = vec![vec![S("ID"), S("Q1"), S("Q2")]];
    let p = write_book(
        dir.path(),
        "header.xlsx",
        &[("事前", head.clone()), ("事後", head)],
    );
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(e.to_string().contains("header.xlsx"), "{e}");
    assert!(!e.message(ttest_xl_cli::Lang::Ja).is_ascii());
}

// ---------------------------------------------------------------------------------------------
// Other formats: tests/data/staff_survey.{xls,ods} are the example converted by LibreOffice
// (tests/data/make_xls_ods.sh). They must read exactly like the .xlsx.

fn same_survey(a: &Survey, b: &Survey) {
    assert_eq!(a.layout, b.layout);
    assert_eq!(a.labels, b.labels);
    assert_eq!(
        (a.paired, &a.id_column, &a.items),
        (b.paired, &b.id_column, &b.items)
    );
    assert_eq!(a.header_row, b.header_row);
    for (x, y) in [(&a.first, &b.first), (&a.second, &b.second)] {
        assert_eq!(x.ids, y.ids);
        assert_eq!(
            (&x.sheet, &x.columns, &x.rows),
            (&y.sheet, &y.columns, &y.rows)
        );
        for (vx, vy) in x.values.iter().zip(&y.values) {
            for (p, q) in vx.iter().zip(vy) {
                assert!(p == q || (p.is_nan() && q.is_nan()), "{p} vs {q}");
            }
        }
    }
    let key = |s: &Survey| -> Vec<(String, String, NoteKind, String)> {
        s.notes
            .iter()
            .map(|n| (n.sheet.clone(), n.cell.clone(), n.kind, n.original.clone()))
            .collect()
    };
    assert_eq!(key(a), key(b));
}

#[test]
fn xls_and_ods_read_like_xlsx() {
    let xlsx = read_survey(&example(), &opts()).unwrap();
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("tests/data");
    for f in ["staff_survey.xls", "staff_survey.ods"] {
        let s = read_survey(&data.join(f), &opts()).unwrap_or_else(|e| panic!("{f}: {e}"));
        same_survey(&xlsx, &s);
        assert_eq!(s.path, data.join(f));
    }
}

#[test]
fn ods_with_row_groups_and_header_rows_reads_like_xlsx() {
    // tests/hostile/make_grouped_ods.py: the example with nested outline groups and print-title
    // rows, saved by LibreOffice (table:table-row-group, table:table-header-rows, empty tails of
    // ~1,048,000 repeated rows). The .ods pre-scan must let it through and calamine read it as is.
    let xlsx = read_survey(&example(), &opts()).unwrap();
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/hostile/grouped_rows.ods");
    let s = read_survey(&p, &opts()).unwrap_or_else(|e| panic!("{e}"));
    same_survey(&xlsx, &s);
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs (issue 8). Every one ends in a result or in a ReadError that names the file;
// none may panic (read_survey catches panics from calamine as ReadError::Internal, which these
// tests also count and forbid, so a new parser panic shows up here).

use ttest_xl_cli::workbook::{ExpandsWhat, ReadError};

fn hostile(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/hostile")
        .join(name)
}

/// The error names the file in both languages and is not a caught panic.
fn clean_error(path: &Path, e: &ReadError) {
    let file = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        !matches!(e, ReadError::Internal { .. }),
        "parser panic on {file}: {e}"
    );
    assert!(e.to_string().contains(&file), "{e}");
    let ja = e.message(ttest_xl_cli::Lang::Ja);
    assert!(ja.contains(&file) && !ja.is_ascii(), "{ja}");
    assert_eq!(e.path(), path);
}

#[test]
fn password_protected_workbooks_say_so() {
    // encrypted.xlsx: msoffcrypto-tool; encrypted.xls: LibreOffice (tests/data/make_encrypted.py).
    for f in ["encrypted.xlsx", "encrypted.xls"] {
        let p = hostile(f);
        let e = read_survey(&p, &opts()).unwrap_err();
        assert!(matches!(e, ReadError::Encrypted { .. }), "{f}: {e:?}");
        clean_error(&p, &e);
        assert!(e.to_string().contains("password"));
        assert!(e.message(ttest_xl_cli::Lang::Ja).contains("パスワード"));
    }
}

#[test]
fn ods_expanding_beyond_the_cell_limit_is_refused_before_calamine_opens_it() {
    // tests/hostile/make_repeated_ods.py: one row repeated 1,048,000 times over 40 columns.
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/hostile/repeated_rows.ods");
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::Expands {
                what: ExpandsWhat::Cells,
                amount: 58_688_262,
                limit: 20_000_000,
                ..
            }
        ),
        "{e:?}"
    );
    clean_error(&p, &e);
    assert!(e.to_string().contains("sheet 事前"), "{e}");
    assert!(e.message(ttest_xl_cli::Lang::Ja).contains("シート「事前」"));
}

#[test]
fn hand_made_hostile_packages() {
    // tests/data/make_hostile.py
    let p = hostile("bad_xml.xlsx");
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(matches!(e, ReadError::Workbook { .. }), "{e:?}");
    clean_error(&p, &e);

    let p = hostile("beyond_last_row.xlsx");
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(
        matches!(e, ReadError::TooLarge { .. } | ReadError::Workbook { .. }),
        "{e:?}"
    );
    clean_error(&p, &e);

    // calamine would reserve 4e9 × 24 bytes for the declared table and abort the process.
    let p = hostile("sst_unique_count.xlsx");
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::Declared {
                declared: 4_000_000_000,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.message(ttest_xl_cli::Lang::Ja).contains("共有文字列"));
    clean_error(&p, &e);

    // A declared size of the whole sheet costs nothing: only real cells are stored.
    let s = read_survey(&hostile("huge_dimension.xlsx"), &opts()).unwrap();
    assert_eq!((s.first.ids.len(), s.items.len()), (8, 3));
    let stored = read_survey(&hostile("stored.xlsx"), &opts()).unwrap();
    same_survey(&stored, &s);

    // Formulas without cached values read as blanks, each noted.
    let s = read_survey(&hostile("no_cached_values.xlsx"), &opts()).unwrap();
    let blanks: Vec<&str> = s
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Blank)
        .map(|n| n.cell.as_str())
        .collect();
    assert_eq!(blanks, ["B3", "C3"]);
}

#[test]
fn one_long_shared_string_in_every_cell_is_stored_once() {
    // 60,000 cells refer to one 192 KB shared string: copying it per cell would need 11 GB.
    let p = hostile("shared_string_fanout.xlsx");
    let t = std::time::Instant::now();
    let o = ReadOptions {
        items: Some("問1".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.first.ids.len(), 30_000);
    assert!(s.first.values[0].iter().all(|x| x.is_nan()));
    assert_eq!(s.notes.len(), 60_000);
    assert!(s
        .notes
        .iter()
        .all(|n| n.kind == NoteKind::Text && n.original.len() < 300));
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
}

#[test]
fn not_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, &[u8])> = vec![
        ("survey.xlsx", b"ID,Q1,Q2\n1,3,4\n2,4,5\n"),
        ("empty.xlsx", b""),
        ("picture.xls", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("noext", b"hello"),
        ("zip.xlsx", b"PK\x03\x04garbage that is not a zip archive"),
        (
            "ole.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 truncated OLE header",
        ),
    ];
    for (name, bytes) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let e = read_survey(&p, &opts()).unwrap_err();
        clean_error(&p, &e);
    }
    let e = read_survey(dir.path(), &opts()).unwrap_err();
    assert!(matches!(e, ReadError::NotAWorkbook { .. }), "{e:?}");
    let p = dir.path().join("missing.xlsx");
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(matches!(e, ReadError::NotFound { .. }), "{e:?}");
    clean_error(&p, &e);
}

#[test]
fn renamed_files_are_recognised_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let want = read_survey(&example(), &opts()).unwrap();
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("tests/data");
    for (from, to) in [
        ("staff_survey.xls", "a.xlsx"),
        ("staff_survey.ods", "b.xlsx"),
        ("staff_survey.xls", "c"),
    ] {
        let p = dir.path().join(to);
        std::fs::copy(data.join(from), &p).unwrap();
        let s = read_survey(&p, &opts()).unwrap_or_else(|e| panic!("{from} as {to}: {e}"));
        same_survey(&want, &s);
    }
}

#[test]
fn truncated_workbooks_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(example()).unwrap();
    for k in 1..40 {
        let cut = bytes.len() * k / 40;
        let p = dir.path().join(format!("cut{k}.xlsx"));
        std::fs::write(&p, &bytes[..cut]).unwrap();
        match read_survey(&p, &opts()) {
            Ok(_) => panic!("a workbook cut at {cut} of {} bytes was read", bytes.len()),
            Err(e) => clean_error(&p, &e),
        }
    }
}

#[test]
fn flipped_bytes_in_the_xml_never_panic() {
    // stored.xlsx keeps its parts uncompressed, so a flipped byte lands in the XML itself (or in
    // the zip headers). Every 3rd byte, XOR 0x55; a mutation may still read (e.g. in a number).
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(hostile("stored.xlsx")).unwrap();
    let (mut ok, mut err) = (0, 0);
    let p = dir.path().join("flipped.xlsx");
    for i in (0..bytes.len()).step_by(3) {
        let mut b = bytes.clone();
        b[i] ^= 0x55;
        std::fs::write(&p, &b).unwrap();
        match read_survey(&p, &opts()) {
            Ok(s) => {
                ok += 1;
                assert_eq!(s.first.ids.len(), s.first.values[0].len());
            }
            Err(e) => {
                err += 1;
                clean_error(&p, &e);
            }
        }
    }
    eprintln!("flipped bytes: {ok} read, {err} clean errors, 0 panics");
    assert!(err > 0 && ok + err == bytes.len().div_ceil(3));
}

#[test]
fn excel_sized_sheets_read() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    // A cell on the last row (1,048,576) and a header that fills all 16,384 columns.
    let mut wb = Workbook::new();
    for name in ["事前", "事後"] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_string(0, 0, "ID").unwrap();
        for c in 1..16_384u16 {
            ws.write_string(0, c, format!("Q{c}")).unwrap();
        }
        for r in 1..4u32 {
            ws.write_number(r, 0, r).unwrap();
            for c in 1..16_384u16 {
                ws.write_number(r, c, f64::from((r + u32::from(c)) % 5 + 1))
                    .unwrap();
            }
        }
        ws.write_string(1_048_575, 0, format!("※ {name}のメモ"))
            .unwrap();
    }
    // Merged cells over the header are tried in merged_header_row_is_skipped below.
    let _ = Format::new();
    let p = dir.path().join("wide.xlsx");
    wb.save(&p).unwrap();
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(s.items.len(), 16_383);
    assert_eq!(s.items[16_382], "Q16383");
    assert!(s.paired);
    assert_eq!(s.first.ids.len(), 3);
    // The memo on the last row is a row without answers and with an ID nobody else has.
    let last: Vec<_> = s.notes.iter().filter(|n| n.cell == "A1048576").collect();
    assert_eq!(last.len(), 2, "{last:?}");
    assert!(last.iter().all(|n| n.kind == NoteKind::UnmatchedId));
    // Not check_against_cells: calamine's own worksheet_range makes this sheet dense
    // (1,048,576 × 16,384 cells, a 512 GiB allocation) and aborts the process. That is why
    // read_survey streams .xlsx cells instead. The values are known from how they were written.
    for (k, col) in s.first.values.iter().enumerate() {
        for (i, v) in col.iter().enumerate() {
            let (r, c) = (i as u32 + 1, k as u32 + 1);
            assert_eq!(*v, f64::from((r + c) % 5 + 1));
        }
    }
    assert_eq!(s.second.cell(16_382, 2), "事後!XFD4");
}

#[test]
fn merged_header_row_is_skipped() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let f = Format::new().set_bold();
    for (name, shift) in [("事前", 0.0), ("事後", 1.0)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.merge_range(0, 0, 0, 3, "令和7年度 窓口満足度調査", &f)
            .unwrap();
        ws.merge_range(1, 1, 1, 3, "満足度（1〜5）", &f).unwrap();
        ws.write_string(2, 0, "回答者ID").unwrap();
        ws.write_string(2, 1, "窓口").unwrap();
        ws.write_string(2, 2, "電話").unwrap();
        ws.write_string(2, 3, "手続き").unwrap();
        for r in 0..5u32 {
            ws.write_number(3 + r, 0, 10 + r).unwrap();
            for c in 1..4u16 {
                ws.write_number(3 + r, c, ((r + u32::from(c)) % 4) as f64 + 1.0 + shift)
                    .unwrap();
            }
        }
    }
    let p = dir.path().join("merged.xlsx");
    wb.save(&p).unwrap();
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(s.header_row, 3);
    assert_eq!(s.items, ["窓口", "電話", "手続き"]);
    assert_eq!(s.id_column.as_deref(), Some("回答者ID"));
    assert!(s.paired);
    check_against_cells(&s);
}

#[test]
fn sheet_option_and_breakdown_on_two_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let with_dept = |scores: [f64; 3]| {
        vec![
            vec![S("職員番号"), S("所属"), S("Q1")],
            vec![N(1.0), S("総務課"), N(scores[0])],
            vec![N(2.0), S("市民課"), N(scores[1])],
            vec![N(3.0), S("総務課"), N(scores[2])],
        ]
    };
    let notes = vec![vec![S("メモ")], vec![S("集計は別シート")]];
    let p = write_book(
        dir.path(),
        "by.xlsx",
        &[
            ("説明", notes),
            ("事前", with_dept([1.0, 2.0, 3.0])),
            ("事後", with_dept([2.0, 3.0, 4.0])),
        ],
    );
    let o = ReadOptions {
        by: Some("所属".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert!(s.paired);
    assert_eq!(s.by_column.as_deref(), Some("所属"));
    assert_eq!(s.items, ["Q1"]);
    let dept: Vec<_> = s.second.by.iter().map(|d| d.as_deref().unwrap()).collect();
    assert_eq!(dept, ["総務課", "市民課", "総務課"]);

    // --sheet picks the sheet for a group column; the first sheet without the column is an error.
    let long = vec![
        vec![S("時期"), S("Q1")],
        vec![S("前"), N(1.0)],
        vec![S("後"), N(2.0)],
        vec![S("前"), N(2.0)],
        vec![S("後"), N(4.0)],
    ];
    let p = write_book(
        dir.path(),
        "sheet.xlsx",
        &[
            ("Sheet1", vec![vec![S("x"), S("y")], vec![N(1.0), N(2.0)]]),
            ("データ", long),
        ],
    );
    let o = ReadOptions {
        sheet: Some("データ".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.labels, ["前".to_string(), "後".to_string()]);
    assert_eq!(s.second.values[0], vec![2.0, 4.0]);
    let o = ReadOptions {
        group: Some("時期".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(
        s.layout,
        Layout::GroupColumn {
            sheet: "データ".into(),
            column: "時期".into()
        }
    );
}

#[test]
fn identifier_like_headers_are_not_items_and_can_pair() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |v: [f64; 3]| {
        vec![
            vec![S("No"), S("職員No"), S("Q1"), S("Q2")],
            vec![N(1.0), N(5012.0), N(v[0]), N(2.0)],
            vec![N(2.0), N(5003.0), N(v[1]), N(3.0)],
            vec![N(3.0), N(5020.0), N(v[2]), N(4.0)],
        ]
    };
    let p = write_book(
        dir.path(),
        "idlike.xlsx",
        &[
            ("事前", sheet([1.0, 2.0, 3.0])),
            ("事後", sheet([3.0, 3.0, 5.0])),
        ],
    );
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(s.items, ["Q1", "Q2"]);
    assert_eq!(s.id_column.as_deref(), Some("職員No"));
    assert!(s.paired);
    assert!(s.notes.is_empty(), "{:?}", s.notes);
}

#[test]
fn out_of_scale_is_judged_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |age: [f64; 4], q: [f64; 4]| {
        let mut out = vec![vec![S("ID"), S("年齢"), S("Q1")]];
        for i in 0..4 {
            out.push(vec![N(i as f64 + 1.0), N(age[i]), N(q[i])]);
        }
        out
    };
    let p = write_book(
        dir.path(),
        "scale_items.xlsx",
        &[
            (
                "事前",
                sheet([34.0, 51.0, 28.0, 45.0], [2.0, 3.0, 4.0, 3.0]),
            ),
            (
                "事後",
                sheet([34.0, 51.0, 28.0, 45.0], [4.0, 33.0, 5.0, 4.0]),
            ),
        ],
    );
    let s = read_survey(&p, &opts()).unwrap();
    // 年齢 is no question; Q1 is, with one typo (33) flagged.
    assert_eq!(s.items, ["Q1"]);
    let flagged: Vec<(&str, &str)> = s
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::OutOfScale)
        .map(|n| (n.sheet.as_str(), n.cell.as_str()))
        .collect();
    assert_eq!(
        flagged,
        [("事後", "C3")],
        "ages are not on a scale; 33 on a 1–5 item is"
    );
}

/// Paired data with `--by`: a respondent who moved department between the surveys is analysed
/// under the first sheet's department, and the move is listed (a warning) with the second
/// sheet's cell, so nobody is silently counted in a department they left.
#[test]
fn paired_breakdown_that_changes_between_sheets_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |depts: [&'static str; 3], q: [f64; 3]| {
        let mut rows = vec![vec![S("職員番号"), S("所属"), S("Q1")]];
        for (i, (d, v)) in depts.iter().zip(q).enumerate() {
            rows.push(vec![N(101.0 + i as f64), S(d), N(v)]);
        }
        rows
    };
    let p = write_book(
        dir.path(),
        "moved.xlsx",
        &[
            (
                "事前",
                sheet(["総務課", "市民課", "税務課"], [1.0, 2.0, 3.0]),
            ),
            (
                "事後",
                sheet(["総務課", "税務課", "税務課"], [2.0, 3.0, 4.0]),
            ),
        ],
    );
    let o = ReadOptions {
        by: Some("所属".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert!(s.paired);
    let moved: Vec<_> = s
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::ByChanged)
        .collect();
    assert_eq!(moved.len(), 1, "{:?}", s.notes);
    assert_eq!(moved[0].sheet, "事後");
    assert_eq!(moved[0].cell, "B3");
    assert_eq!(moved[0].original, "市民課 → 税務課");
    assert!(NoteKind::ByChanged.is_warning());
    // The pair stays in the first sheet's department.
    let first: Vec<_> = s.first.by.iter().map(|d| d.as_deref().unwrap()).collect();
    assert_eq!(first, ["総務課", "市民課", "税務課"]);
    // Without --by nothing is noted.
    let s = read_survey(&p, &opts()).unwrap();
    assert!(s.notes.iter().all(|n| n.kind != NoteKind::ByChanged));
}

// Issue 20, class 4: free text is never a group column. A comment column that happens to hold
// two distinct comments, or two e-mail addresses, used to be a second candidate beside 時期 (and
// the only one without it).
#[test]
fn free_text_columns_are_never_group_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let long = "研修はとても役に立ちました。職場でも実践したいと思います。";
    let rows = vec![
        vec![S("時期"), S("ご意見"), S("連絡先"), S("満足度"), S("意欲")],
        vec![S("事後"), S(long), S("a@example.jp"), N(4.0), N(5.0)],
        vec![S("事前"), S("特になし"), S("b@example.jp"), N(2.0), N(3.0)],
        vec![S("事後"), S(long), S("a@example.jp"), N(5.0), N(4.0)],
        vec![S("事前"), S("特になし"), S("b@example.jp"), N(3.0), N(3.0)],
    ];
    let p = write_book(dir.path(), "comments.xlsx", &[("回答", rows)]);
    let s = read_survey(&p, &opts()).unwrap();
    assert_eq!(
        s.layout,
        Layout::GroupColumn {
            sheet: "回答".into(),
            column: "時期".into()
        }
    );
    assert_eq!(s.items, ["満足度", "意欲"]);

    // Without 時期 no column can split the rows: refused, not split by the comments.
    let rows = vec![
        vec![S("ご意見"), S("満足度"), S("意欲")],
        vec![S("よい"), N(4.0), N(5.0)],
        vec![S("ふつう"), N(2.0), N(3.0)],
    ];
    let p = write_book(dir.path(), "only_comments.xlsx", &[("回答", rows)]);
    let e = read_survey(&p, &opts()).unwrap_err();
    assert!(
        e.message(ttest_xl_cli::Lang::En).contains("--group"),
        "{}",
        e.message(ttest_xl_cli::Lang::En)
    );
}

// Issue 20, class 5: a sheet laid out as 事前_Q1 / 事後_Q1 side by side holds each person's two
// answers in one row. It used to be split by its only two-valued column (性別) and every column
// tested on its own. Two naming patterns mixed (事前_Q1 and Q2（研修前）) are not a certain
// pairing: refused naming both (tests/workbook_wide.rs covers the pairing itself).
#[test]
fn wide_before_after_columns_are_refused_naming_the_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let rows = vec![
        vec![
            S("職員番号"),
            S("性別"),
            S("事前_Q1"),
            S("事後_Q1"),
            S("Q2（研修前）"),
            S("Q2（研修後）"),
        ],
        vec![N(101.0), S("男性"), N(3.0), N(4.0), N(2.0), N(3.0)],
        vec![N(205.0), S("女性"), N(2.0), N(4.0), N(3.0), N(3.0)],
        vec![N(318.0), S("女性"), N(4.0), N(5.0), N(3.0), N(4.0)],
        vec![N(402.0), S("男性"), N(3.0), N(3.0), N(2.0), N(4.0)],
    ];
    let p = write_book(dir.path(), "wide.xlsx", &[("回答", rows)]);
    let e = read_survey(&p, &opts()).unwrap_err();
    let en = e.message(ttest_xl_cli::Lang::En);
    assert!(
        en.contains("side by side") && en.contains("named in 2 different ways"),
        "{en}"
    );
    assert!(en.contains("--wide 事前_,事後_"), "{en}");
    let ja = e.message(ttest_xl_cli::Lang::Ja);
    assert!(ja.contains("「Q2（研修前）」、「Q2（研修後）」"), "{ja}");
    // Saying what to compare skips the check: --group 性別 compares the two groups per column.
    let o = ReadOptions {
        group: Some("性別".into()),
        ..opts()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.items.len(), 4);
}
