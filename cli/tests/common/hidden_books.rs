//! Generator of the workbooks of issue 20 classes 1 and 2, written with a real writer
//! (rust_xlsxwriter): hidden rows and columns, rows filtered out by an AutoFilter, hidden and very
//! hidden sheets, an Excel Table with a totals row, a range closed by a SUBTOTAL row.
//!
//! `KEEP_HIDDEN_BOOKS=dir cargo test --test workbook_hidden` keeps them in `dir` (to open them in
//! LibreOffice or Excel and look).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    FilterCondition, Formula, Table, TableColumn, TableFunction, Workbook, Worksheet,
};

/// Before and after answers of the ten real respondents (Q1, Q2).
pub const BEFORE: [[f64; 2]; 10] = [
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
pub const AFTER: [[f64; 2]; 10] = [
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

/// Mean of column `q` of `rows`.
pub fn mean(rows: &[[f64; 2]], q: usize) -> f64 {
    rows.iter().map(|r| r[q]).sum::<f64>() / rows.len() as f64
}

fn header(ws: &mut Worksheet, row: u32, names: &[&str]) {
    for (c, n) in names.iter().enumerate() {
        ws.write_string(row, c as u16, *n).unwrap();
    }
}

/// `hidden_rows.xlsx`: sheets 事前 and 事後 (職員番号, Q1, Q2, メモ). Row 5 of both sheets is a
/// hidden test account answering 1 before and 5 after; column D (メモ, numbers 1–5) is hidden.
pub fn hidden_rows(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    for (name, data, test) in [("事前", &BEFORE, 1.0), ("事後", &AFTER, 5.0)] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        header(ws, 0, &["職員番号", "Q1", "Q2", "メモ"]);
        let mut row = 1;
        for (i, r) in data.iter().enumerate() {
            if i == 3 {
                ws.write_string(row, 0, "TEST").unwrap();
                ws.write_number(row, 1, test).unwrap();
                ws.write_number(row, 2, test).unwrap();
                ws.write_number(row, 3, 1.0).unwrap();
                ws.set_row_hidden(row).unwrap();
                row += 1;
            }
            ws.write_number(row, 0, 1001.0 + i as f64).unwrap();
            ws.write_number(row, 1, r[0]).unwrap();
            ws.write_number(row, 2, r[1]).unwrap();
            ws.write_number(row, 3, (i % 5 + 1) as f64).unwrap();
            row += 1;
        }
        ws.set_column_hidden(3).unwrap();
    }
    save(wb, dir, "hidden_rows.xlsx")
}

/// `filtered.xlsx`: one sheet 回答 in long format (職員番号, 時期, 所属, Q1, Q2), an AutoFilter
/// showing only 所属 = 総務課: the 税務課 rows (answering 1 before, 5 after) are filtered out.
pub fn filtered(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("回答").unwrap();
    header(ws, 0, &["職員番号", "時期", "所属", "Q1", "Q2"]);
    let mut row = 1;
    for (label, data, other) in [("事前", &BEFORE, 1.0), ("事後", &AFTER, 5.0)] {
        for (i, r) in data.iter().enumerate() {
            ws.write_number(row, 0, 1001.0 + i as f64).unwrap();
            ws.write_string(row, 1, label).unwrap();
            ws.write_string(row, 2, "総務課").unwrap();
            ws.write_number(row, 3, r[0]).unwrap();
            ws.write_number(row, 4, r[1]).unwrap();
            row += 1;
            if i % 3 == 0 {
                ws.write_number(row, 0, 2001.0 + i as f64).unwrap();
                ws.write_string(row, 1, label).unwrap();
                ws.write_string(row, 2, "税務課").unwrap();
                ws.write_number(row, 3, other).unwrap();
                ws.write_number(row, 4, other).unwrap();
                row += 1;
            }
        }
    }
    ws.autofilter(0, 0, row - 1, 4).unwrap();
    ws.filter_column(2, &FilterCondition::new().add_list_filter("総務課"))
        .unwrap();
    save(wb, dir, "filtered.xlsx")
}

fn wave(ws: &mut Worksheet, data: &[[f64; 2]; 10], shift: f64) {
    // 職員番号 names the staff: 1001–1010 counting down both sheets under a bare "ID" is refused
    // as uncertain (staff numbers or running numbers).
    header(ws, 0, &["職員番号", "Q1", "Q2"]);
    for (i, r) in data.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number(row, 0, 1001.0 + i as f64).unwrap();
        ws.write_number(row, 1, (r[0] + shift).min(5.0)).unwrap();
        ws.write_number(row, 2, (r[1] + shift).min(5.0)).unwrap();
    }
}

/// `hidden_sheet.xlsx`: 回答_旧 (hidden, an uncorrected copy of the first wave, every answer one
/// point higher), 回答A and 回答B (the real waves), 控え (very hidden, another copy).
pub fn hidden_sheet(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let old = wb.add_worksheet().set_name("回答_旧").unwrap();
    wave(old, &BEFORE, 1.0);
    old.set_hidden(true);
    // Excel shows the active sheet, so a workbook whose first sheet is hidden opens on another.
    let a = wb.add_worksheet().set_name("回答A").unwrap();
    wave(a, &BEFORE, 0.0);
    a.set_active(true);
    wave(wb.add_worksheet().set_name("回答B").unwrap(), &AFTER, 0.0);
    let copy = wb.add_worksheet().set_name("控え").unwrap();
    wave(copy, &BEFORE, 1.0);
    copy.set_very_hidden(true);
    save(wb, dir, "hidden_sheet.xlsx")
}

/// `table_totals.xlsx`: sheets 事前 and 事後, each with a title in A1, an Excel Table at A3:C14
/// (header row 3, ten respondents, a totals row 14 labelled 平均 with AVERAGE), and a note in A16.
pub fn table_totals(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    for (name, data) in [("事前", &BEFORE), ("事後", &AFTER)] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        ws.write_string(0, 0, format!("職員アンケート（{name}）"))
            .unwrap();
        for (i, r) in data.iter().enumerate() {
            let row = i as u32 + 3;
            ws.write_number(row, 0, 1001.0 + i as f64).unwrap();
            ws.write_number(row, 1, r[0]).unwrap();
            ws.write_number(row, 2, r[1]).unwrap();
        }
        let table = Table::new().set_total_row(true).set_columns(&[
            TableColumn::new()
                .set_header("職員番号")
                .set_total_label("平均"),
            TableColumn::new()
                .set_header("Q1")
                .set_total_function(TableFunction::Average),
            TableColumn::new()
                .set_header("Q2")
                .set_total_function(TableFunction::Average),
        ]);
        ws.add_table(2, 0, 13, 2, &table).unwrap();
        ws.write_string(15, 0, "※ 回答者 10 名").unwrap();
        ws.write_number(15, 1, 10.0).unwrap();
    }
    save(wb, dir, "table_totals.xlsx")
}

/// `table_beside.xlsx`: sheets 事前 and 事後 (職員番号, Q1, Q2 in A1:C11, no Table) with a small
/// Table of the answer choices in F1:F6 beside the data: it does not define the data.
pub fn table_beside(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    for (name, data) in [("事前", &BEFORE), ("事後", &AFTER)] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        header(ws, 0, &["職員番号", "Q1", "Q2"]);
        for (i, r) in data.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_number(row, 0, 1001.0 + i as f64).unwrap();
            ws.write_number(row, 1, r[0]).unwrap();
            ws.write_number(row, 2, r[1]).unwrap();
        }
        for (i, c) in [
            "とてもそう思う",
            "そう思う",
            "どちらともいえない",
            "そう思わない",
            "全くそう思わない",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(i as u32 + 1, 5, *c).unwrap();
        }
        let t = Table::new().set_columns(&[TableColumn::new().set_header("選択肢")]);
        ws.add_table(0, 5, 5, 5, &t).unwrap();
    }
    save(wb, dir, "table_beside.xlsx")
}

/// `subtotal.xlsx`: sheets 事前 and 事後 (職員番号, Q1, Q2), ten respondents and a row 12
/// labelled 平均 with `=SUBTOTAL(1,…)` (Q1) and `=AGGREGATE(1,5,…)` (Q2), cached results included.
pub fn subtotal(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    for (name, data) in [("事前", &BEFORE), ("事後", &AFTER)] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        header(ws, 0, &["職員番号", "Q1", "Q2"]);
        for (i, r) in data.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_number(row, 0, 1001.0 + i as f64).unwrap();
            ws.write_number(row, 1, r[0]).unwrap();
            ws.write_number(row, 2, r[1]).unwrap();
        }
        ws.write_string(11, 0, "平均").unwrap();
        ws.write_formula(
            11,
            1,
            Formula::new("=SUBTOTAL(1,B2:B11)").set_result(mean(data, 0).to_string()),
        )
        .unwrap();
        ws.write_formula(
            11,
            2,
            Formula::new("=AGGREGATE(1,5,C2:C11)").set_result(mean(data, 1).to_string()),
        )
        .unwrap();
    }
    save(wb, dir, "subtotal.xlsx")
}

fn save(mut wb: Workbook, dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    wb.save(&p).unwrap();
    if let Some(keep) = std::env::var_os("KEEP_HIDDEN_BOOKS") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&p, Path::new(&keep).join(name)).unwrap();
    }
    p
}
