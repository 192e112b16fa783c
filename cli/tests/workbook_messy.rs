//! Issue 12, end to end: workbooks made the way municipal staff make them
//! (`tests/data/messy/`, written by `examples/make_messy_workbooks.rs`; `summary_rows_lo.xlsx`
//! re-saved by LibreOffice) must give the right rows and pairs, with every decision on the
//! read plan, or a refusal naming the option that resolves it.
//!
//! Expected respondent values are read here with calamine's plain `worksheet_range` from the rows
//! the generator wrote for respondents, never from `read_survey`.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use common::cli::ttest_xl;
use ttest_xl_cli::lang::Lang;
use ttest_xl_cli::workbook::{read_survey, NoteKind, PlanTopic, ReadError, ReadOptions, Survey};

fn messy(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/messy")
        .join(name)
}

/// Column `col` (0-based) of sheet rows `rows` (1-based, inclusive), as numbers.
fn column(path: &Path, sheet: &str, col: u32, rows: (u32, u32)) -> Vec<f64> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    (rows.0..=rows.1)
        .map(|r| match range.get_value((r - 1, col)) {
            Some(Data::Float(x)) => *x,
            Some(Data::Int(x)) => *x as f64,
            other => panic!("{sheet} row {r}: {other:?}"),
        })
        .collect()
}

fn plan_text(s: &Survey, topic: PlanTopic, lang: Lang) -> String {
    s.plan
        .about(topic)
        .map(|e| e.message(lang).to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn layout_error(e: &ReadError) -> (String, String) {
    match e {
        ReadError::Layout { .. } => (e.message(Lang::En), e.message(Lang::Ja)),
        other => panic!("expected a layout refusal, got {other:?}"),
    }
}

#[test]
fn summary_rows_by_label_and_by_formula_are_left_out_and_listed() {
    for file in ["summary_rows.xlsx", "summary_rows_lo.xlsx"] {
        let p = messy(file);
        let s = read_survey(&p, &ReadOptions::default()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(s.paired, "{file}");
        assert_eq!(s.id_column.as_deref(), Some("職員番号"));
        assert_eq!(s.first.ids.len(), 10, "{file}: only the ten respondents");
        assert_eq!(s.second.ids.len(), 10, "{file}");
        assert_eq!(s.first.rows, (4..=13).collect::<Vec<u32>>());
        for k in 0..4u32 {
            assert_eq!(
                s.first.values[k as usize],
                column(&p, "事前", 2 + k, (4, 13))
            );
            assert_eq!(
                s.second.values[k as usize],
                column(&p, "事後", 2 + k, (4, 13))
            );
            // Every value is an answer on the 1–5 scale: no sum or mean was taken for one.
            assert!(s.first.values[k as usize]
                .iter()
                .all(|x| (1.0..=5.0).contains(x)));
        }
        let summary: Vec<(String, String, String)> = s
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::SummaryRow)
            .map(|n| (n.sheet.clone(), n.cell.clone(), n.original.clone()))
            .collect();
        let cells: Vec<(&str, &str)> = summary
            .iter()
            .map(|(s, c, _)| (s.as_str(), c.as_str()))
            .collect();
        assert_eq!(
            cells,
            [
                ("事前", "A14"),
                ("事前", "B15"),
                ("事前", "C16"),
                ("事後", "A14"),
                ("事後", "B15"),
                ("事後", "C16")
            ],
            "{file}: {summary:?}"
        );
        assert_eq!(summary[0].2, "合計");
        assert_eq!(summary[1].2, "平均");
        // R: sd(c(1, 3, 5, 2, 4, 1, 3, 5, 2, 4)) = 1.490712
        assert_eq!(summary[2].2, "1.4907 = STDEV(C4:C13)");
        assert_eq!(summary[5].2, "5 = MAX(C4:C13)");
        let en = plan_text(&s, PlanTopic::SummaryRows, Lang::En);
        assert!(en.contains("A14 合計") && en.contains("C16"), "{en}");
        let ja = plan_text(&s, PlanTopic::SummaryRows, Lang::Ja);
        assert!(ja.contains("集計行"), "{ja}");
    }
}

#[test]
fn a_running_id_in_each_sheet_does_not_pair_and_the_earlier_year_comes_first() {
    let p = messy("anonymous_yearly.xlsx");
    let s = read_survey(&p, &ReadOptions::default()).unwrap();
    assert!(!s.paired);
    assert_eq!(s.labels, ["令和5年度".to_string(), "令和6年度".to_string()]);
    // Every respondent of each year: 12 and 14, none dropped for lacking a partner.
    assert_eq!(s.first.ids.len(), 12);
    assert_eq!(s.second.ids.len(), 14);
    assert_eq!(s.first.values[0], column(&p, "令和5年度", 1, (2, 13)));
    let id = plan_text(&s, PlanTopic::IdColumn, Lang::En);
    assert!(
        id.contains("counts 1, 2, 3") && id.contains("--id ID"),
        "{id}"
    );
    let order = plan_text(&s, PlanTopic::Order, Lang::Ja);
    assert!(
        order.contains("「令和5年度」が先") && order.contains("令和5 = 2023"),
        "{order}"
    );
    // --id overrides: then the running numbers pair row i with row i.
    let o = ReadOptions {
        id: Some("ID".into()),
        ..ReadOptions::default()
    };
    let s = read_survey(&p, &o).unwrap();
    assert!(s.paired);
    assert_eq!(s.first.ids.len(), 12);

    let p = messy("running_answer_numbers.xlsx");
    let s = read_survey(&p, &ReadOptions::default()).unwrap();
    assert!(!s.paired);
    assert_eq!(s.id_column, None);
    assert_eq!(s.labels, ["R5".to_string(), "R6".to_string()]);
    assert_eq!((s.first.ids.len(), s.second.ids.len()), (11, 9));
    // 回答No is never an item either.
    assert_eq!(s.items.len(), 4);
}

#[test]
fn leading_zeros_match_numbers_and_say_so() {
    let s = read_survey(&messy("leading_zeros.xlsx"), &ReadOptions::default()).unwrap();
    assert!(s.paired);
    assert_eq!(s.first.ids.len(), 8);
    assert!(s.notes.iter().all(|n| n.kind != NoteKind::UnmatchedId));
    let en = plan_text(&s, PlanTopic::Pairing, Lang::En);
    assert!(
        en.contains("00101 = 101") && en.contains("leading zeros"),
        "{en}"
    );
    let ja = plan_text(&s, PlanTopic::Pairing, Lang::Ja);
    assert!(ja.contains("先頭の 0"), "{ja}");
}

#[test]
fn few_pairs_are_refused_with_examples_and_none_are_independent() {
    let p = messy("few_pairs.xlsx");
    let e = read_survey(&p, &ReadOptions::default()).unwrap_err();
    let (en, ja) = layout_error(&e);
    assert!(
        en.contains("only 2 of 10")
            && en.contains("1003")
            && en.contains("2003")
            && en.contains("--id 職員番号")
            && en.contains("--no-id"),
        "{en}"
    );
    assert!(ja.contains("--no-id") && ja.contains("1003"), "{ja}");
    // --no-id: every respondent of both sheets, independent.
    let o = ReadOptions {
        no_id: true,
        ..ReadOptions::default()
    };
    let s = read_survey(&p, &o).unwrap();
    assert!(!s.paired);
    assert_eq!((s.first.ids.len(), s.second.ids.len()), (10, 10));
    // --id: the two pairs, the others listed as in one sheet only.
    let o = ReadOptions {
        id: Some("職員番号".into()),
        ..ReadOptions::default()
    };
    let s = read_survey(&p, &o).unwrap();
    assert!(s.paired);
    assert_eq!(s.first.ids, [Some("1001".into()), Some("1002".into())]);
    assert_eq!(
        s.notes
            .iter()
            .filter(|n| n.kind == NoteKind::UnmatchedId)
            .count(),
        16
    );

    let s = read_survey(&messy("no_pairs.xlsx"), &ReadOptions::default()).unwrap();
    assert!(!s.paired);
    assert_eq!((s.first.ids.len(), s.second.ids.len()), (10, 10));
    let en = plan_text(&s, PlanTopic::Pairing, Lang::En);
    assert!(
        en.contains("1001, 1002, 1003") && en.contains("2001, 2002, 2003"),
        "{en}"
    );
}

#[test]
fn a_third_wave_is_refused_naming_every_sheet() {
    let p = messy("three_waves.xlsx");
    let (en, ja) = layout_error(&read_survey(&p, &ReadOptions::default()).unwrap_err());
    assert!(
        en.contains("3 sheets")
            && en.contains("事前, 3か月後, 1年後")
            && en.contains("--sheets 事前,"),
        "{en}"
    );
    assert!(
        ja.contains("事前、3か月後、1年後") && ja.contains("--sheets"),
        "{ja}"
    );
    let o = ReadOptions {
        sheets: Some(("事前".into(), "1年後".into())),
        ..ReadOptions::default()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.labels, ["事前".to_string(), "1年後".to_string()]);
    assert!(s.paired);
}

#[test]
fn a_summary_sheet_with_the_same_items_is_named_not_taken_for_a_wave() {
    let s = read_survey(&messy("summary_sheet.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()]);
    assert!(s.paired);
    assert_eq!(s.first.ids.len(), 8);
    let en = plan_text(&s, PlanTopic::Layout, Lang::En);
    assert!(en.contains("sheet 集計") && en.contains("e.g. 2.5"), "{en}");
}

#[test]
fn two_group_columns_are_refused_naming_each_with_its_values() {
    let p = messy("two_group_columns.xlsx");
    let (en, ja) = layout_error(&read_survey(&p, &ReadOptions::default()).unwrap_err());
    assert!(
        en.contains("性別 (男性, 女性)")
            && en.contains("時期 (事前, 事後)")
            && en.contains("--group"),
        "{en}"
    );
    assert!(
        ja.contains("性別（男性、女性）") && ja.contains("時期（事前、事後）"),
        "{ja}"
    );
    let o = ReadOptions {
        group: Some("時期".into()),
        ..ReadOptions::default()
    };
    let s = read_survey(&p, &o).unwrap();
    assert_eq!(s.labels, ["事前".to_string(), "事後".to_string()]);
    assert_eq!((s.first.ids.len(), s.second.ids.len()), (6, 6));
}

#[test]
fn months_order_the_groups_and_one_sheet_says_group_not_sheet() {
    let p = messy("months_long.xlsx");
    let s = read_survey(&p, &ReadOptions::default()).unwrap();
    // 10月 rows come first in the sheet; 4月 is earlier.
    assert_eq!(s.labels, ["4月".to_string(), "10月".to_string()]);
    assert!(s.paired);
    assert_eq!(s.first.ids.len(), 5);
    let unmatched: Vec<_> = s
        .notes
        .iter()
        .filter(|n| matches!(n.kind, NoteKind::UnmatchedId | NoteKind::UnmatchedIdInGroup))
        .collect();
    assert_eq!(unmatched.len(), 2);
    for n in unmatched {
        assert_eq!(n.kind, NoteKind::UnmatchedIdInGroup);
        assert!(!n.kind.describe(Lang::Ja).contains("シート"));
        assert!(n.kind.describe(Lang::Ja).contains("片方の群"));
    }
    let order = plan_text(&s, PlanTopic::Order, Lang::En);
    assert!(
        order.contains("4月 first") && order.contains("--levels 10月,4月"),
        "{order}"
    );
}

#[test]
fn the_cli_refuses_with_exit_2_and_prints_the_plan_on_checks_and_method() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    ttest_xl("ja_JP.UTF-8")
        .arg("analyze")
        .arg(messy("three_waves.xlsx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--sheets"));
    assert!(!out.exists());

    ttest_xl("en_US.UTF-8")
        .arg("analyze")
        .arg(messy("summary_rows.xlsx"))
        .arg("-o")
        .arg(&out)
        .args(["--lang", "en"])
        .assert()
        .success();
    let mut wb = open_workbook_auto(&out).unwrap();
    let checks = wb.worksheet_range("Checks").unwrap();
    let rows: Vec<Vec<String>> = checks
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let reading: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "Reading").collect();
    assert!(
        reading
            .iter()
            .any(|r| r[3] == "ID column" && r[2] == "A3" && r[4].contains("職員番号")),
        "{reading:?}"
    );
    assert!(
        rows.iter().any(|r| r[1] == "事前"
            && r[2] == "A14"
            && r[4].contains("summary row")
            && r[6] == "row excluded"),
        "{rows:?}"
    );
    let method = wb.worksheet_range("Method").unwrap();
    let text: Vec<String> = method
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert!(
        text.iter()
            .any(|l| l.starts_with("Order of the conditions") && l.contains("事前 first")),
        "{text:?}"
    );

    // --test welch: every respondent of each sheet, no row dropped for lacking a partner.
    let json = ttest_xl("en_US.UTF-8")
        .arg("analyze")
        .arg(messy("few_pairs.xlsx"))
        .arg("-o")
        .arg(dir.path().join("welch.xlsx"))
        .args(["--test", "welch", "--json", "-", "--lang", "en"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(v["design"], "independent");
    assert_eq!(v["items"][0]["n_1"], 10);
    assert_eq!(v["items"][0]["n_2"], 10);
}

// Issue 20: a bare "ID" counting up by one in both sheets. Restarting at 1 in each sheet is a
// running number (above: anonymous_yearly.xlsx); 101–112 and 101–110 could be staff numbers or
// running numbers, so the run stops naming --id and --no-id; a count running on across the
// sheets (1–12, 13–22) pairs no one whatever it is: independent groups, said with examples.
#[test]
fn consecutive_ids_not_from_one_are_refused_unless_they_cannot_meet() {
    let p = messy("consecutive_ids.xlsx");
    let e = read_survey(&p, &ReadOptions::default()).unwrap_err();
    let (en, ja) = layout_error(&e);
    assert!(
        en.contains("ID counts up by one in both sheets (101–112 in 事前, 101–110 in 事後)")
            && en.contains("--id ID")
            && en.contains("--no-id"),
        "{en}"
    );
    assert!(
        ja.contains("「事前」は 101～112、「事後」は 101～110") && ja.contains("--id ID"),
        "{ja}"
    );
    // Each option resolves it: --id pairs the 10 in both, --no-id keeps all 12 + 10.
    let s = read_survey(
        &p,
        &ReadOptions {
            id: Some("ID".into()),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert!(s.paired);
    assert_eq!(s.first.ids.len(), 10);
    let s = read_survey(
        &p,
        &ReadOptions {
            no_id: true,
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert!(!s.paired);
    assert_eq!((s.first.ids.len(), s.second.ids.len()), (12, 10));
    // The command: exit 2, the option named, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    let a = ttest_xl("ja_JP.UTF-8")
        .arg("analyze")
        .arg(&p)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("--no-id"), "{err}");
    assert!(!out.exists());

    // One sheet, two groups, 501–508 in each: the same rule.
    let e = read_survey(
        &messy("consecutive_ids_in_groups.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap_err();
    let (en, _) = layout_error(&e);
    assert!(
        en.contains("both groups (501–508 in 時期=事前, 501–508 in 時期=事後)"),
        "{en}"
    );

    // Continuing across the sheets: no value in both, so independent groups with examples.
    let s = read_survey(&messy("continuing_ids.xlsx"), &ReadOptions::default()).unwrap();
    assert!(!s.paired);
    assert_eq!((s.first.ids.len(), s.second.ids.len()), (12, 10));
    let pairing = plan_text(&s, PlanTopic::Pairing, Lang::En);
    assert!(
        pairing.contains("not paired: no value of ID appears in both"),
        "{pairing}"
    );
}

/// Two sheets (or group values) named by months on either side of April: a fiscal year puts
/// 12月 (4月) first, a calendar year 3月. The order decides the sign of every change, so it is
/// refused naming both orders, and read as given once the user names one.
#[test]
fn months_either_side_of_april_are_refused_until_the_order_is_named() {
    let p = messy("months_either_way.xlsx");
    let e = read_survey(&p, &ReadOptions::default()).unwrap_err();
    let (en, ja) = layout_error(&e);
    assert!(
        en.contains("--sheets 12月実施,3月実施 or --sheets 3月実施,12月実施"),
        "{en}"
    );
    assert!(en.contains("in a fiscal year 12月実施 comes first"), "{en}");
    assert!(
        ja.contains("年度で数えれば「12月実施」が先、暦年で数えれば「3月実施」が先"),
        "{ja}"
    );
    let named = ReadOptions {
        sheets: Some(("3月実施".into(), "12月実施".into())),
        ..Default::default()
    };
    let s = read_survey(&p, &named).unwrap();
    assert_eq!(s.labels, ["3月実施".to_string(), "12月実施".to_string()]);

    let p = messy("months_either_way_long.xlsx");
    let e = read_survey(&p, &ReadOptions::default()).unwrap_err();
    let (en, ja) = layout_error(&e);
    assert!(en.contains("--levels 4月,3月 or --levels 3月,4月"), "{en}");
    assert!(
        ja.contains("列「実施月」の値「4月」と「3月」は月ですが"),
        "{ja}"
    );
    let named = ReadOptions {
        group: Some("実施月".into()),
        levels: Some(("4月".into(), "3月".into())),
        ..Default::default()
    };
    let s = read_survey(&p, &named).unwrap();
    assert_eq!(s.labels, ["4月".to_string(), "3月".to_string()]);
    // On the command line: exit 2, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    ttest_xl("ja_JP.UTF-8")
        .args(["analyze", "-o"])
        .arg(&out)
        .arg(messy("months_either_way.xlsx"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--sheets 12月実施,3月実施"));
    assert!(!out.exists());
}
