//! Issue 20, classes 1 and 2: what the author chose not to show (hidden and filtered rows, hidden
//! columns, hidden and very hidden sheets) is left out and listed, `--include-hidden` takes rows
//! and columns in, a hidden sheet is used only when named; an Excel Table's totals row and a
//! SUBTOTAL/AGGREGATE row are never respondents. Workbooks from tests/common/hidden_books.rs.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use ttest_xl_cli::workbook::{read_survey, Layout, Note, NoteKind, ReadOptions, Survey};

#[path = "common/hidden_books.rs"]
mod books;
#[path = "../../tests/common/mod.rs"]
mod common;
use books::{mean, AFTER, BEFORE};

fn read(p: &Path, o: &ReadOptions) -> Survey {
    read_survey(p, o).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn notes_of(s: &Survey, kind: NoteKind) -> Vec<(String, String, String)> {
    s.notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n: &Note| (n.sheet.clone(), n.cell.clone(), n.original.clone()))
        .collect()
}

fn col(s: &Survey, first: bool, item: &str) -> Vec<f64> {
    let i = s.items.iter().position(|n| n == item).unwrap();
    if first {
        s.first.values[i].clone()
    } else {
        s.second.values[i].clone()
    }
}

fn column(rows: &[[f64; 2]], q: usize) -> Vec<f64> {
    rows.iter().map(|r| r[q]).collect()
}

#[test]
fn hidden_rows_and_columns_are_left_out_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let p = books::hidden_rows(dir.path());
    let s = read(&p, &ReadOptions::default());
    assert!(s.paired);
    assert_eq!(
        s.items,
        ["Q1", "Q2"],
        "the hidden メモ column is not an item"
    );
    assert_eq!(s.first.ids.len(), 10);
    assert!(!s.first.ids.iter().any(|i| i.as_deref() == Some("TEST")));
    assert_eq!(col(&s, true, "Q1"), column(&BEFORE, 0));
    assert_eq!(col(&s, false, "Q2"), column(&AFTER, 1));
    assert_eq!(
        notes_of(&s, NoteKind::HiddenRow),
        [
            ("事前".into(), "5".into(), "TEST | 1 | 1 | 1".into()),
            ("事後".into(), "5".into(), "TEST | 5 | 5 | 1".into()),
        ]
    );
    assert_eq!(
        notes_of(&s, NoteKind::HiddenColumn),
        [
            ("事前".into(), "D".into(), "メモ".into()),
            ("事後".into(), "D".into(), "メモ".into()),
        ]
    );
    assert!(NoteKind::HiddenRow.is_warning());

    // --include-hidden: the test account and the メモ column come back.
    let o = ReadOptions {
        include_hidden: true,
        ..ReadOptions::default()
    };
    let s = read(&p, &o);
    assert_eq!(s.items, ["Q1", "Q2", "メモ"]);
    assert_eq!(s.first.ids.len(), 11);
    assert!(s.first.ids.iter().any(|i| i.as_deref() == Some("TEST")));
    assert!(notes_of(&s, NoteKind::HiddenRow).is_empty());
    assert!(notes_of(&s, NoteKind::HiddenColumn).is_empty());
}

#[test]
fn rows_filtered_out_by_an_autofilter_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = books::filtered(dir.path());
    let s = read(&p, &ReadOptions::default());
    assert!(matches!(&s.layout, Layout::GroupColumn { column, .. } if column == "時期"));
    assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()]);
    assert_eq!(col(&s, true, "Q1"), column(&BEFORE, 0));
    assert_eq!(col(&s, false, "Q1"), column(&AFTER, 0));
    let filtered = notes_of(&s, NoteKind::FilteredRow);
    // Four 税務課 rows in each wave (i = 0, 3, 6, 9).
    assert_eq!(filtered.len(), 8, "{filtered:?}");
    assert!(filtered
        .iter()
        .all(|(sheet, _, o)| sheet == "回答" && o.contains("税務課")));
    assert_eq!(filtered[0].1, "3");
    assert!(notes_of(&s, NoteKind::HiddenRow).is_empty());

    let o = ReadOptions {
        include_hidden: true,
        group: Some("時期".into()),
        ..ReadOptions::default()
    };
    let s = read(&p, &o);
    assert_eq!(s.first.ids.len(), 14);
}

#[test]
fn a_hidden_sheet_is_never_chosen_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = books::hidden_sheet(dir.path());
    let s = read(&p, &ReadOptions::default());
    assert_eq!(
        s.layout,
        Layout::TwoSheets {
            first: "回答A".into(),
            second: "回答B".into()
        }
    );
    assert_eq!(col(&s, true, "Q1"), column(&BEFORE, 0));
    assert_eq!(
        notes_of(&s, NoteKind::HiddenSheet),
        [
            ("回答_旧".into(), String::new(), "hidden".into()),
            ("控え".into(), String::new(), "very hidden".into()),
        ]
    );
    // --include-hidden is about rows and columns: the sheets stay out.
    let o = ReadOptions {
        include_hidden: true,
        ..ReadOptions::default()
    };
    assert_eq!(read(&p, &o).layout, s.layout);

    // Named in --sheets, a hidden sheet is read (and not listed as left out).
    let o = ReadOptions {
        sheets: Some(("回答_旧".into(), "回答B".into())),
        ..ReadOptions::default()
    };
    let s = read(&p, &o);
    assert_eq!(s.first.sheet, "回答_旧");
    assert_eq!(s.first.values[0][0], BEFORE[0][0] + 1.0);
    assert_eq!(
        notes_of(&s, NoteKind::HiddenSheet),
        [("控え".into(), String::new(), "very hidden".into())]
    );
}

#[test]
fn a_table_defines_the_data_and_its_totals_row_is_no_respondent() {
    let dir = tempfile::tempdir().unwrap();
    let p = books::table_totals(dir.path());
    let s = read(&p, &ReadOptions::default());
    assert_eq!(s.header_row, 3);
    assert_eq!(s.id_column.as_deref(), Some("職員番号"));
    assert!(s.paired);
    assert_eq!(s.first.ids.len(), 10);
    assert!(!s.first.ids.iter().any(|i| i.as_deref() == Some("平均")));
    assert_eq!(col(&s, true, "Q1"), column(&BEFORE, 0));
    assert_eq!(col(&s, false, "Q2"), column(&AFTER, 1));
    let totals = notes_of(&s, NoteKind::TableTotalsRow);
    assert_eq!(totals.len(), 2, "{totals:?}");
    assert_eq!(totals[0].1, "14");
    assert!(totals[0].2.starts_with("平均 | "), "{totals:?}");
    let outside: Vec<String> = notes_of(&s, NoteKind::OutsideTable)
        .into_iter()
        .filter(|n| n.0 == "事前")
        .map(|n| n.1)
        .collect();
    assert_eq!(outside, ["1", "16"]);
    // --include-hidden does not make a totals row a respondent.
    let o = ReadOptions {
        include_hidden: true,
        ..ReadOptions::default()
    };
    assert_eq!(read(&p, &o).first.ids.len(), 10);
}

#[test]
fn a_small_table_beside_the_data_does_not_define_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = books::table_beside(dir.path());
    let s = read(&p, &ReadOptions::default());
    assert_eq!(s.header_row, 1);
    assert_eq!(s.first.ids.len(), 10);
    assert_eq!(col(&s, true, "Q1"), column(&BEFORE, 0));
    assert_eq!(col(&s, false, "Q2"), column(&AFTER, 1));
    assert!(notes_of(&s, NoteKind::OutsideTable).is_empty());
}

#[test]
fn a_subtotal_or_aggregate_row_is_no_respondent() {
    let dir = tempfile::tempdir().unwrap();
    let p = books::subtotal(dir.path());
    let s = read(&p, &ReadOptions::default());
    assert_eq!(s.first.ids.len(), 10);
    assert_eq!(col(&s, true, "Q1"), column(&BEFORE, 0));
    let rows = notes_of(&s, NoteKind::SubtotalRow);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0].1, "12");
    assert!(rows[0].2.starts_with("平均 | 3.1"), "{rows:?}");
    assert!((mean(&BEFORE, 0) - 3.1).abs() < 1e-12);
}

/// The Checks sheet's rows as text.
fn checks(out: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(out).unwrap();
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn analyze_end_to_end_leaves_out_and_lists_hidden_rows() {
    let dir = tempfile::tempdir().unwrap();
    let p = books::hidden_rows(dir.path());
    let out = dir.path().join("out.xlsx");
    let run = common::cli::ttest_xl("ja_JP.UTF-8")
        .arg("analyze")
        .arg(&p)
        .arg("-o")
        .arg(&out)
        .args(["--json", "-", "--quiet"])
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    for it in items {
        assert_eq!(it["n_1"], 10, "{it}");
    }
    let q1 = &items[0];
    assert!((q1["mean_1"].as_f64().unwrap() - mean(&BEFORE, 0)).abs() < 1e-12);
    assert!((q1["mean_2"].as_f64().unwrap() - mean(&AFTER, 0)).abs() < 1e-12);
    let rows = checks(&out, "データ確認");
    let hidden: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.iter().any(|c| c.starts_with("非表示の行")))
        .collect();
    assert_eq!(hidden.len(), 2, "{rows:?}");
    assert_eq!(hidden[0][1..3], ["事前".to_string(), "5".to_string()]);
    assert!(hidden[0].iter().any(|c| c == "行を除外"), "{:?}", hidden[0]);
    assert!(rows
        .iter()
        .any(|r| r.iter().any(|c| c.starts_with("非表示の列"))));

    // --include-hidden: eleven respondents and three items; the Method sheet names the option.
    let out2 = dir.path().join("out2.xlsx");
    let run = common::cli::ttest_xl("en_US.UTF-8")
        .arg("analyze")
        .arg(&p)
        .arg("-o")
        .arg(&out2)
        .args(["--json", "-", "--quiet", "--include-hidden"])
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["n_1"], 11);
    let method = checks(&out2, "Method");
    assert!(
        method
            .iter()
            .any(|r| r.iter().any(|c| c.contains("--include-hidden"))),
        "{method:?}"
    );
}

#[test]
fn analyze_end_to_end_on_every_generated_workbook() {
    let dir = tempfile::tempdir().unwrap();
    for (p, n) in [
        (books::filtered(dir.path()), 10),
        (books::hidden_sheet(dir.path()), 10),
        (books::table_totals(dir.path()), 10),
        (books::subtotal(dir.path()), 10),
    ] {
        let out = dir.path().join("out.xlsx");
        let run = common::cli::ttest_xl("en_US.UTF-8")
            .arg("analyze")
            .arg(&p)
            .arg("-o")
            .arg(&out)
            .args(["--json", "-", "--quiet", "--force"])
            .assert()
            .code(0);
        let json: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
        let items = json["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{}", p.display());
        assert_eq!(items[0]["n_1"], n, "{}", p.display());
        assert!(
            (items[0]["mean_1"].as_f64().unwrap() - mean(&BEFORE, 0)).abs() < 1e-12,
            "{}",
            p.display()
        );
        assert!(
            (items[1]["mean_2"].as_f64().unwrap() - mean(&AFTER, 1)).abs() < 1e-12,
            "{}",
            p.display()
        );
    }
}
