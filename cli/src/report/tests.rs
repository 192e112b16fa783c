//! The Data sheet written in two parts (rust_xlsxwriter for the head, our XML for the rest)
//! must read back exactly as the same sheet written wholly by rust_xlsxwriter.

use std::io::Cursor;
use std::path::PathBuf;

use calamine::{Data, Range, Reader, Xlsx};

use super::*;
use crate::analysis::{analyze, AnalysisOptions};
use crate::workbook::{read_survey, ReadOptions};

fn input(rel: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(rel)
}

fn meta() -> ReportMeta {
    meta_ids(true)
}

fn meta_ids(keep_ids: bool) -> ReportMeta {
    ReportMeta {
        input: "x.xlsx".into(),
        options: String::new(),
        keep_ids,
        created: None,
    }
}

/// Saves `survey`'s result workbook with `head_rows` rows written by rust_xlsxwriter and returns
/// every sheet as calamine reads it.
fn sheets(
    survey: &Survey,
    a: &Analysis,
    lang: Lang,
    head_rows: usize,
    keep_ids: bool,
) -> Vec<(String, Range<Data>)> {
    let mut book = build(survey, a, &meta_ids(keep_ids), lang, head_rows).unwrap();
    assert_eq!(book.tail.is_some(), head_rows < usize::MAX);
    let mut bytes = Vec::new();
    book.save_to_writer(&mut bytes).unwrap();
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    x.sheet_names()
        .into_iter()
        .map(|n| {
            let r = x.worksheet_range(&n).unwrap();
            (n, r)
        })
        .collect()
}

/// With IDs (--keep-ids) and without (input rows instead), the split Data sheet reads back as
/// the whole one.
fn assert_same_workbook(survey: &Survey, a: &Analysis, lang: Lang) {
    for keep_ids in [true, false] {
        assert_same_workbook_ids(survey, a, lang, keep_ids);
    }
}

fn assert_same_workbook_ids(survey: &Survey, a: &Analysis, lang: Lang, keep_ids: bool) {
    let whole = sheets(survey, a, lang, usize::MAX, keep_ids);
    for head in [0, 1, 3] {
        let split = sheets(survey, a, lang, head, keep_ids);
        assert_eq!(whole.len(), split.len());
        for ((n1, r1), (n2, r2)) in whole.iter().zip(&split) {
            assert_eq!(n1, n2);
            assert_eq!(r1.start(), r2.start(), "{n1} (head {head})");
            assert_eq!(r1.end(), r2.end(), "{n1} (head {head})");
            for (row, (a1, a2)) in r1.rows().zip(r2.rows()).enumerate() {
                assert_eq!(a1, a2, "{n1} row {} (head {head})", row + 1);
            }
        }
    }
}

#[test]
fn data_rows_written_as_xml_read_back_like_rust_xlsxwriters_paired() {
    let opts = ReadOptions {
        by: Some("所属".into()),
        ..ReadOptions::default()
    };
    let mut survey = read_survey(&input("examples/staff_survey.xlsx"), &opts).unwrap();
    // Text that needs escaping, whitespace kept, a literal `_x0041_`, control characters.
    let odd = [
        " 職員 A&B <1> ",
        "_x0041_",
        "tab\tnew\nline\r\u{1}",
        "\u{FFFE}x",
        "",
    ];
    for (i, id) in odd.iter().enumerate() {
        survey.first.ids[i] = Some(id.to_string());
        survey.second.ids[i] = Some(id.to_string());
    }
    survey.first.ids[odd.len()] = None;
    survey.first.by[odd.len()] = Some("課 & <係>".into());
    survey.first.values[0][1] = 2.5;
    survey.first.values[1][2] = -1.0 / 3.0;
    survey.first.values[2][3] = 6.02e23;
    survey.first.values[3][4] = 1e-300;
    // The one-person group 「課 & <係>」 is named on the Data sheet only without the anonymity
    // guard (otherwise it is shown as withheld).
    let options = AnalysisOptions {
        min_group: 1,
        ..AnalysisOptions::default()
    };
    let a = analyze(&survey, &options).unwrap();
    assert_eq!(a.design, DesignKind::Paired);
    assert_same_workbook(&survey, &a, Lang::Ja);
}

#[test]
fn data_rows_written_as_xml_read_back_like_rust_xlsxwriters_independent() {
    let survey = read_survey(
        &input("tests/reference/analyze_groups.xlsx"),
        // A lone 「そう思う」 among numbers: R's mapping (tests/reference/analyze.R).
        &ReadOptions {
            scale: Some("そう思う=4".into()),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let a = analyze(&survey, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.design, DesignKind::Independent);
    assert_same_workbook(&survey, &a, Lang::En);
}

#[test]
fn text_too_long_for_excel_is_refused_in_either_part() {
    let mut survey = read_survey(
        &input("examples/staff_survey.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let a = analyze(&survey, &AnalysisOptions::default()).unwrap();
    let last = a.order_first[a.order_first.len() - 1];
    survey.first.ids[last] = Some("あ".repeat(32_768));
    for head in [usize::MAX, 0] {
        let built = build(&survey, &a, &meta(), Lang::Ja, head);
        let saved = built.map_err(|ReportError::Xlsx(e)| e).and_then(|mut b| {
            let mut bytes = Vec::new();
            b.save_to_writer(&mut bytes)
        });
        assert!(
            matches!(saved, Err(XlsxError::MaxStringLengthExceeded)),
            "head {head}: {saved:?}"
        );
    }
    // Exactly the limit (in UTF-16 units) is accepted.
    survey.first.ids[last] = Some("あ".repeat(32_767));
    let mut b = build(&survey, &a, &meta(), Lang::Ja, 0).unwrap();
    b.save_to_writer(Vec::new()).unwrap();
}

/// The Data sheet's part as saved, with the rows after the first `head_rows` written as XML.
fn data_part(survey: &Survey, a: &Analysis, head_rows: usize) -> String {
    use std::io::Read;
    let mut book = build(survey, a, &meta(), Lang::Ja, head_rows).unwrap();
    let mut bytes = Vec::new();
    book.save_to_writer(&mut bytes).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet5.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// What Excel requires of a worksheet part beyond what calamine checks: only characters XML 1.0
/// allows, rows in ascending order, each cell's reference in its row, cells in ascending column
/// order, and a `<dimension>` that spans exactly the cells.
#[test]
fn data_sheet_xml_is_what_excel_opens_without_repair() {
    use quick_xml::events::Event;
    let mut survey = read_survey(
        &input("examples/staff_survey.xlsx"),
        &ReadOptions {
            by: Some("所属".into()),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let odd = [
        " lead and trail ",
        "_x0041_ & <b> \"q\" 'a'",
        "c0\u{0}\u{1}\u{8}\u{B}\u{C}\u{D}\u{1F} c1\u{7F}\u{80}\u{9F}",
        "nonchars \u{FFFE}\u{FFFF}\u{FDD0} astral 𠮷😀",
        "\ttab",
    ];
    for (i, id) in odd.iter().enumerate() {
        survey.first.ids[i] = Some(id.to_string());
        survey.second.ids[i] = Some(id.to_string());
        survey.first.by[i] = Some(id.to_string());
    }
    for (i, v) in [
        -0.0,
        1e16,
        2f64.powi(60) + 2048.0,
        5e-324,
        -1.5e-7,
        f64::MAX,
    ]
    .into_iter()
    .enumerate()
    {
        survey.first.values[0][i] = v;
    }
    let a = analyze(&survey, &AnalysisOptions::default()).unwrap();
    let n_rows = a.order_first.len() as u32 + 1;
    for head in [0, 3] {
        let xml = data_part(&survey, &a, head);
        let bad = xml.chars().find(|&c| {
            !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        });
        assert_eq!(
            bad, None,
            "a character XML 1.0 does not allow (head {head})"
        );
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut row, mut col, mut max_col, mut dim) = (0u32, 0u16, 0u16, String::new());
        let attr = |e: &quick_xml::events::BytesStart, name: &str| {
            e.try_get_attribute(name)
                .unwrap()
                .map(|a| a.value.to_string())
        };
        // "AB12" → (11, 27): 0-based row, 0-based column.
        let cell = |r: &str| {
            let digits = r.find(|c: char| c.is_ascii_digit()).unwrap();
            let col = r[..digits]
                .bytes()
                .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
            (r[digits..].parse::<u32>().unwrap() - 1, (col - 1) as u16)
        };
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "dimension" => dim = attr(&e, "ref").unwrap(),
                    "row" => {
                        let r: u32 = attr(&e, "r").unwrap().parse().unwrap();
                        assert!(r > row, "row {r} after {row} (head {head})");
                        (row, col) = (r, 0);
                    }
                    "c" => {
                        let r = attr(&e, "r").unwrap();
                        let (cr, cc) = cell(&r);
                        assert_eq!(cr + 1, row, "{r} in row {row} (head {head})");
                        assert!(cc + 1 > col, "{r} after column {col} (head {head})");
                        col = cc + 1;
                        max_col = max_col.max(cc);
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(row, n_rows, "head {head}");
        let last = rust_xlsxwriter::utility::row_col_to_cell(n_rows - 1, max_col);
        assert_eq!(dim, format!("A1:{last}"), "head {head}");
    }
}

/// Two independent groups with more rows together than an Excel sheet holds: the Data sheet
/// stops at Excel's last row, the Method sheet says so, and Excel's T.TEST is left out rather
/// than pointing past the last row (which Excel would reject as a damaged file).
#[test]
fn data_beyond_excels_last_row_is_said_and_not_referenced() {
    let mut survey = read_survey(
        &input("tests/reference/analyze_groups.xlsx"),
        // A lone 「そう思う」 among numbers: R's mapping (tests/reference/analyze.R).
        &ReadOptions {
            scale: Some("そう思う=4".into()),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    let n = 600_000;
    for (g, shift) in [(&mut survey.first, 0.0), (&mut survey.second, 0.25)] {
        let k = g.values.len();
        g.ids = vec![None; n];
        g.by = Vec::new();
        g.values = (0..k)
            .map(|_| (0..n).map(|i| (i % 5) as f64 + 1.0 + shift).collect())
            .collect();
        g.rows = (2..n as u32 + 2).collect();
    }
    survey.notes.clear();
    let a = analyze(&survey, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.design, DesignKind::Independent);
    let mut book = build_workbook(&survey, &a, &meta(), Lang::En).unwrap();
    let mut bytes = Vec::new();
    book.save_to_writer(&mut bytes).unwrap();
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let results = x.worksheet_range("Results").unwrap();
    let header: Vec<String> = results
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = header.iter().position(|h| h == "Excel T.TEST p").unwrap();
    let body: Vec<_> = results
        .rows()
        .skip(1)
        .take_while(|r| r.iter().any(|c| *c != Data::Empty))
        .collect();
    assert!(!body.is_empty());
    for r in &body {
        assert_eq!(r[col], Data::String("—".into()), "{:?}", r);
    }
    assert!(
        x.worksheet_formula("Results")
            .unwrap()
            .used_cells()
            .next()
            .is_none(),
        "no formula may reference rows beyond Excel's last row"
    );
    let method = x.worksheet_range("Method").unwrap();
    assert!(method.rows().any(|r| r[1]
        .to_string()
        .starts_with("only the first 1,048,575 of 1,200,000 rows")));
}
