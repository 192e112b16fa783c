//! Writes the workbooks of `tests/data/messy/`: surveys laid out the way municipal staff make
//! them, each with one reading trap of issue 12 (summary rows, running numbers, leading zeros,
//! IDs that pair few or none, a third wave, two group columns, time in sheet or level names).
//!
//! ```text
//! cargo run --example make_messy_workbooks            # writes tests/data/messy/*.xlsx
//! sh tests/data/messy/resave_libreoffice.sh           # summary_rows_lo.xlsx, saved by LibreOffice
//! ```
//!
//! Formulas are written with their cached results (`Formula::set_result`), as Excel saves them.
//! The data are fixed (no randomness): answer `k` of respondent `i` is `answer(i, k)`, so a test
//! can recompute every expected value. Creation time is fixed, so the files are reproducible.

// Row counters next to the respondent index read like the sheet being written.
#![allow(clippy::explicit_counter_loop)]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError,
};

/// The answer (1–5) of respondent `i` (0-based) to item `k` in wave `wave`.
fn answer(i: u32, k: u32, wave: u32) -> f64 {
    f64::from((i * 7 + k * 3 + wave * 2 + i * k + i * i * k) % 5 + 1)
}

const ITEMS: [&str; 4] = [
    "Q1 仕事にやりがいを感じる",
    "Q2 職場の風通しが良い",
    "Q3 研修は業務に役立つ",
    "Q4 今後も市の職員として働きたい",
];

fn new_book() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2026, 4, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
    Ok(wb)
}

/// Writes a header (row `r`, columns from 0) and returns the next row.
fn header(ws: &mut Worksheet, r: u32, lead: &[&str]) -> Result<u32, XlsxError> {
    let bold = Format::new().set_bold();
    for (c, h) in lead.iter().chain(ITEMS.iter()).enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &bold)?;
    }
    Ok(r + 1)
}

/// Writes the answers of respondent `i` from column `c0`.
fn answers(ws: &mut Worksheet, r: u32, c0: u16, i: u32, wave: u32) -> Result<(), XlsxError> {
    for k in 0..ITEMS.len() as u32 {
        ws.write_number(r, c0 + k as u16, answer(i, k, wave))?;
    }
    Ok(())
}

fn col(c: u16) -> char {
    (b'A' + c as u8) as char
}

/// `=FUNC(X{from}:X{to})` in each item column of row `r`, with the result Excel would cache.
fn formula_row(
    ws: &mut Worksheet,
    r: u32,
    c0: u16,
    func: &str,
    rows: (u32, u32),
    values: &[Vec<f64>],
) -> Result<(), XlsxError> {
    for (k, v) in values.iter().enumerate() {
        let c = c0 + k as u16;
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        let result = match func {
            "SUM" => v.iter().sum::<f64>(),
            "AVERAGE" => mean,
            "STDEV" => var.sqrt(),
            "MAX" => v.iter().copied().fold(f64::MIN, f64::max),
            _ => unreachable!(),
        };
        let f = format!("={func}({}{}:{}{})", col(c), rows.0, col(c), rows.1);
        ws.write_formula(r, c, Formula::new(f).set_result(format!("{result}")))?;
    }
    Ok(())
}

/// 事前/事後 paired by 職員番号 (101–110), title row, header on row 3, and under the answers:
/// 「合計」 in the ID column with =SUM, 「平均」 in the 所属 column with =AVERAGE, and an unlabelled
/// =STDEV row (事前) or =MAX row (事後).
fn summary_rows(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name) in [(0, "事前"), (1, "事後")] {
        let ws = wb.add_worksheet().set_name(name)?;
        ws.write_string(0, 0, format!("職員意識調査（{name}）"))?;
        let mut r = header(ws, 2, &["職員番号", "所属"])?;
        let first = r;
        let mut values = vec![Vec::new(); ITEMS.len()];
        for i in 0..10 {
            ws.write_number(r, 0, f64::from(101 + i))?;
            ws.write_string(r, 1, ["総務課", "市民課"][(i % 2) as usize])?;
            answers(ws, r, 2, i, wave)?;
            for (k, v) in values.iter_mut().enumerate() {
                v.push(answer(i, k as u32, wave));
            }
            r += 1;
        }
        let rows = (first + 1, r);
        ws.write_string(r, 0, "合計")?;
        formula_row(ws, r, 2, "SUM", rows, &values)?;
        ws.write_string(r + 1, 1, "平均")?;
        formula_row(ws, r + 1, 2, "AVERAGE", rows, &values)?;
        // Unlabelled: =STDEV under 事前, =MAX under 事後.
        let last = if wave == 0 { "STDEV" } else { "MAX" };
        formula_row(ws, r + 2, 2, last, rows, &values)?;
    }
    let p = dir.join("summary_rows.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// An anonymous yearly survey: sheets 令和6年度 then 令和5年度 (the later year first), each with
/// an `ID` counting 1, 2, 3, … (14 and 12 answers), not people.
fn anonymous_yearly(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name, n) in [(1, "令和6年度", 14), (0, "令和5年度", 12)] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["ID"])?;
        for i in 0..n {
            ws.write_number(r, 0, f64::from(i + 1))?;
            answers(ws, r, 1, i + wave * 20, wave)?;
            r += 1;
        }
    }
    let p = dir.join("anonymous_yearly.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// Sheets R6 then R5 with 回答No (1, 2, 3, …) and a Forms-like layout: independent.
fn running_answer_numbers(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name, n) in [(1, "R6", 9), (0, "R5", 11)] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["回答No"])?;
        for i in 0..n {
            ws.write_number(r, 0, f64::from(i + 1))?;
            answers(ws, r, 1, i + wave * 30, wave)?;
            r += 1;
        }
    }
    let p = dir.join("running_answer_numbers.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// 事前 stores 職員番号 as text with leading zeros ("00101"), 事後 as numbers (101).
fn leading_zeros(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name) in [(0, "事前"), (1, "事後")] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["職員番号"])?;
        for i in 0..8 {
            if wave == 0 {
                ws.write_string(r, 0, format!("{:05}", 101 + i))?;
            } else {
                ws.write_number(r, 0, f64::from(101 + i))?;
            }
            answers(ws, r, 1, i, wave)?;
            r += 1;
        }
    }
    let p = dir.join("leading_zeros.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// 職員番号 pairing 2 of 10 (`few_pairs.xlsx`) or none (`no_pairs.xlsx`).
fn pairs(dir: &Path, file: &str, overlap: u32) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name) in [(0, "事前"), (1, "事後")] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["職員番号"])?;
        for i in 0..10 {
            let id = if wave == 0 || i < overlap {
                1001 + i
            } else {
                2001 + i
            };
            ws.write_number(r, 0, f64::from(id))?;
            answers(ws, r, 1, i, wave)?;
            r += 1;
        }
    }
    let p = dir.join(file);
    wb.save(&p)?;
    Ok(p)
}

/// Three waves with the same items: 事前, 3か月後, 1年後.
fn three_waves(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name) in [(0, "事前"), (1, "3か月後"), (2, "1年後")] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["職員番号"])?;
        for i in 0..6 {
            ws.write_number(r, 0, f64::from(101 + i))?;
            answers(ws, r, 1, i, wave)?;
            r += 1;
        }
    }
    let p = dir.join("three_waves.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// 事前 and 事後 (paired by 職員番号) and a 集計 sheet with the same item headers holding the
/// averages per department: a summary sheet, not a third wave.
fn summary_sheet(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name) in [(0, "事前"), (1, "事後")] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["職員番号"])?;
        for i in 0..8 {
            ws.write_number(r, 0, f64::from(301 + i))?;
            answers(ws, r, 1, i, wave)?;
            r += 1;
        }
    }
    let ws = wb.add_worksheet().set_name("集計")?;
    let mut r = header(ws, 0, &["所属"])?;
    for (d, dept) in ["総務課", "市民課", "税務課"].iter().enumerate() {
        ws.write_string(r, 0, *dept)?;
        for k in 0..ITEMS.len() as u32 {
            ws.write_number(
                r,
                1 + k as u16,
                2.5 + 0.25 * f64::from(k) + 0.125 * d as f64,
            )?;
        }
        r += 1;
    }
    let p = dir.join("summary_sheet.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// One sheet with two columns of two values: 性別 (男性/女性) and 時期 (事前/事後).
fn two_group_columns(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let ws = wb.add_worksheet().set_name("回答")?;
    let mut r = header(ws, 0, &["性別", "時期"])?;
    for i in 0..12 {
        ws.write_string(r, 0, ["男性", "女性"][(i % 2) as usize])?;
        ws.write_string(r, 1, ["事前", "事後"][(i / 6) as usize])?;
        answers(ws, r, 2, i, i / 6)?;
        r += 1;
    }
    let p = dir.join("two_group_columns.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// Issue 20: a bare "ID" counting up by one in both sheets without starting at 1. `overlap`
/// (`consecutive_ids.xlsx`): 101–112 in 事前 and 101–110 in 事後, staff numbers or running numbers
/// (not certain: refused). Else (`continuing_ids.xlsx`): 1–12 in 事前, 13–22 in 事後, one count
/// running on across the sheets (no ID can pair: independent groups).
fn consecutive_ids(dir: &Path, file: &str, overlap: bool) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name, n) in [(0, "事前", 12), (1, "事後", 10)] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["ID"])?;
        let start = match (overlap, wave) {
            (true, _) => 101,
            (false, 0) => 1,
            (false, _) => 13,
        };
        for i in 0..n {
            ws.write_number(r, 0, f64::from(start + i))?;
            answers(ws, r, 1, i, wave)?;
            r += 1;
        }
    }
    let p = dir.join(file);
    wb.save(&p)?;
    Ok(p)
}

/// Issue 20: one sheet, 時期 事前 rows then 事後 rows, "ID" 501–508 in both groups: not certain.
fn consecutive_ids_in_groups(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let ws = wb.add_worksheet().set_name("回答")?;
    let mut r = header(ws, 0, &["ID", "時期"])?;
    for (wave, label) in [(0, "事前"), (1, "事後")] {
        for i in 0..8 {
            ws.write_number(r, 0, f64::from(501 + i))?;
            ws.write_string(r, 1, label)?;
            answers(ws, r, 2, i, wave)?;
            r += 1;
        }
    }
    let p = dir.join("consecutive_ids_in_groups.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// One sheet in long format, 実施月 10月 rows first, then 4月; 職員番号 201–206 in 4月, 201–205
/// and 299 in 10月.
fn months_long(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let ws = wb.add_worksheet().set_name("研修アンケート")?;
    let mut r = header(ws, 0, &["職員番号", "実施月"])?;
    for (wave, month) in [(1, "10月"), (0, "4月")] {
        for i in 0..6 {
            let id = if wave == 1 && i == 5 { 299 } else { 201 + i };
            ws.write_number(r, 0, f64::from(id))?;
            ws.write_string(r, 1, month)?;
            answers(ws, r, 2, i, wave)?;
            r += 1;
        }
    }
    let p = dir.join("months_long.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// Two sheets named by months on either side of April, 12月実施 then 3月実施 (a fiscal year's
/// December and March, or March before December in a calendar year), anonymous.
fn months_either_way(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    for (wave, name) in [(0, "12月実施"), (1, "3月実施")] {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut r = header(ws, 0, &["回答No"])?;
        for i in 0..12 {
            ws.write_number(r, 0, f64::from(i + 1))?;
            answers(ws, r, 1, i + wave * 20, wave)?;
            r += 1;
        }
    }
    let p = dir.join("months_either_way.xlsx");
    wb.save(&p)?;
    Ok(p)
}

/// One sheet in long format whose 実施月 is 3月 or 4月: either order, as above.
fn months_either_way_long(dir: &Path) -> Result<PathBuf, XlsxError> {
    let mut wb = new_book()?;
    let ws = wb.add_worksheet().set_name("研修アンケート")?;
    let mut r = header(ws, 0, &["実施月"])?;
    for (wave, month) in [(0, "3月"), (1, "4月")] {
        for i in 0..8 {
            ws.write_string(r, 0, month)?;
            answers(ws, r, 1, i + wave * 20, wave)?;
            r += 1;
        }
    }
    let p = dir.join("months_either_way_long.xlsx");
    wb.save(&p)?;
    Ok(p)
}

fn main() -> Result<(), XlsxError> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join("tests/data/messy")
        });
    std::fs::create_dir_all(&dir)?;
    for p in [
        summary_rows(&dir)?,
        anonymous_yearly(&dir)?,
        running_answer_numbers(&dir)?,
        leading_zeros(&dir)?,
        pairs(&dir, "few_pairs.xlsx", 2)?,
        pairs(&dir, "no_pairs.xlsx", 0)?,
        three_waves(&dir)?,
        summary_sheet(&dir)?,
        two_group_columns(&dir)?,
        months_long(&dir)?,
        months_either_way(&dir)?,
        months_either_way_long(&dir)?,
        consecutive_ids(&dir, "consecutive_ids.xlsx", true)?,
        consecutive_ids(&dir, "continuing_ids.xlsx", false)?,
        consecutive_ids_in_groups(&dir)?,
    ] {
        println!("wrote {}", p.display());
    }
    Ok(())
}
