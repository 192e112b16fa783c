//! Answer labels, units and columns that are not questions, end to end on the workbooks of
//! tests/data/labels/ (written with openpyxl by scripts/make_label_workbooks.py, which also
//! writes the scores each respondent chose to expected.json).

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::cli::ttest_xl;
use ttest_xl_cli::workbook::{read_survey, NoteKind, ReadError, ReadOptions, ScaleSource, Survey};

fn data(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/labels")
        .join(name)
}

fn expected(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(data("expected.json")).unwrap();
    let all: serde_json::Value = serde_json::from_str(&text).unwrap();
    all[name].clone()
}

/// `values[item][row]` of expected.json (null = missing).
fn columns(v: &serde_json::Value) -> Vec<Vec<f64>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap_or(f64::NAN))
                .collect()
        })
        .collect()
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || (x.is_nan() && y.is_nan()))
}

fn check_values(s: &Survey, want: &serde_json::Value) {
    let items: Vec<String> = want["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    assert_eq!(s.items, items);
    for (g, key) in [(&s.first, "first"), (&s.second, "second")] {
        let cols = columns(&want[key]);
        for (k, item) in items.iter().enumerate() {
            assert!(
                same(&g.values[k], &cols[k]),
                "{key} {item}: read {:?}, chosen {:?}",
                g.values[k],
                cols[k]
            );
        }
    }
}

fn notes_of(s: &Survey, kind: NoteKind) -> Vec<(&str, &str, &str)> {
    s.notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| {
            (
                n.sheet.as_str(),
                n.item.as_deref().unwrap_or(""),
                n.original.as_str(),
            )
        })
        .collect()
}

#[test]
fn labels_written_five_ways_units_and_non_item_columns() {
    let s = read_survey(&data("five_ways.xlsx"), &ReadOptions::default()).unwrap();
    assert!(s.paired);
    assert_eq!(s.id_column.as_deref(), Some("職員番号"));
    check_values(&s, &expected("five_ways.xlsx"));
    // One scale per labelled item (Q5 is written "(5)": numbers), each 5 points, the labels
    // from 5 to 1 with their counts adding up to the cells.
    let scaled: Vec<&str> = s.scales.iter().map(|x| x.item.as_str()).collect();
    assert_eq!(scaled, ["Q1 plain", "Q2 colon", "Q3 paren", "Q4 variants"]);
    for sc in &s.scales {
        assert_eq!(sc.points, 5, "{}", sc.item);
        let scores: Vec<f64> = sc.labels.iter().map(|l| l.score).collect();
        let mut distinct = scores.clone();
        distinct.dedup();
        assert_eq!(scores, distinct, "{}: one score for two labels", sc.item);
        let cells: usize = sc.labels.iter().map(|l| l.count).sum();
        assert_eq!(cells, 48, "{}", sc.item);
    }
    assert!(matches!(s.scales[0].source, ScaleSource::Inferred { .. }));
    assert_eq!(s.scales[1].source, ScaleSource::Written);
    assert_eq!(s.scales[2].source, ScaleSource::Written);
    // No per-cell note for a label: the scale table says it once.
    assert_eq!(
        s.notes
            .iter()
            .filter(|n| n.kind == NoteKind::LikertLabel)
            .count(),
        0
    );
    // Columns that are not questions, listed with the reason in both sheets.
    for sheet in ["事前", "事後"] {
        let q: Vec<_> = notes_of(&s, NoteKind::NotAnItemQuantity)
            .into_iter()
            .filter(|n| n.0 == sheet)
            .map(|n| n.1)
            .collect();
        assert_eq!(q, ["勤続年数", "年齢"], "{sheet}");
        let t: Vec<_> = notes_of(&s, NoteKind::NotAnItemTotal)
            .into_iter()
            .filter(|n| n.0 == sheet)
            .map(|n| n.1)
            .collect();
        assert_eq!(t, ["合計点"], "{sheet}");
    }
    // Units: said once per column and sheet; Excel percent cells made percentages.
    let u = notes_of(&s, NoteKind::UnitRemoved);
    assert_eq!(u.len(), 4, "{u:?}");
    assert!(u.iter().any(|n| n.1 == "達成率" && n.2.ends_with('%')));
    assert!(u
        .iter()
        .any(|n| n.1 == "満足度（点）" && n.2.contains('点')));
    let p = notes_of(&s, NoteKind::PercentCells);
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn forms_export_with_label_answers() {
    let s = read_survey(&data("forms_labels.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!(s.labels, ["研修前".to_string(), "研修後".to_string()]);
    assert_eq!(s.id_column.as_deref(), Some("メール"));
    assert!(s.paired);
    check_values(&s, &expected("forms_labels.xlsx"));
    assert_eq!(s.scales.len(), 3);
    // A five-point set whose top is そう思う is 5…1.
    let top = &s.scales[0];
    assert_eq!(top.points, 5);
    assert_eq!(top.labels[0].label, "そう思う");
    assert_eq!(top.labels[0].score, 5.0);
    // A four-point set is 4…1; わからない is missing, noted per cell.
    assert_eq!(s.scales[1].points, 4);
    assert_eq!(s.scales[1].labels[0].score, 4.0);
    assert!(!notes_of(&s, NoteKind::NoAnswer).is_empty());
    // Nobody chose 全くそう思わない: still five points, the assumption shown.
    match &s.scales[2].source {
        ScaleSource::Inferred { assumed, .. } => {
            assert_eq!(assumed, &[("まったくそう思わない".to_string(), 1.0)])
        }
        other => panic!("{other:?}"),
    }
}

fn layout_message(e: &ReadError) -> (String, String) {
    match e {
        ReadError::Layout { .. } => (
            e.message(ttest_xl_cli::Lang::En),
            e.message(ttest_xl_cli::Lang::Ja),
        ),
        other => panic!("{other}"),
    }
}

#[test]
fn labels_that_cannot_be_ordered_stop_with_a_scale_line() {
    let e = read_survey(&data("uncertain.xlsx"), &ReadOptions::default()).unwrap_err();
    let (en, ja) = layout_message(&e);
    for item in [
        "Q1 職場に満足している",
        "Q2 相談しやすい",
        "Q3 研修は役立つ",
    ] {
        assert!(en.contains(item), "{en}");
        assert!(ja.contains(item), "{ja}");
    }
    assert!(
        en.contains("\"ややそう思う\" and \"どちらかといえばそう思う\"")
            || en.contains("\"どちらかといえばそう思う\" and \"ややそう思う\""),
        "{en}"
    );
    assert!(
        en.contains("\"たぶんそう思う\" is no known answer label"),
        "{en}"
    );
    assert!(en.contains("belong to two different scales"), "{en}");
    assert!(ja.contains("同じ得点になってしまいます"), "{ja}");
    // The suggested line, pasted with the unknown label scored, reads the workbook.
    let line = en.split("--scale \"").nth(1).unwrap();
    let line = line.trim_end_matches('"').replace('?', "3");
    let opts = ReadOptions {
        scale: Some(line.clone()),
        ..ReadOptions::default()
    };
    let s = read_survey(&data("uncertain.xlsx"), &opts).unwrap();
    assert_eq!(s.items.len(), 3);
    assert!(s.scales.iter().all(|x| x.source == ScaleSource::Option));
    assert!(line.contains("たぶんそう思う=3"), "{line}");
}

#[test]
fn a_budget_book_is_not_a_survey() {
    let e = read_survey(&data("budget.xlsx"), &ReadOptions::default()).unwrap_err();
    let (en, ja) = layout_message(&e);
    assert!(en.contains("does not look like a survey"), "{en}");
    assert!(en.contains("予算額"), "{en}");
    assert!(en.contains("--items"), "{en}");
    assert!(ja.contains("アンケートの回答には見えません"), "{ja}");
    // --items forces the columns in.
    let opts = ReadOptions {
        items: Some("担当者数".into()),
        ..ReadOptions::default()
    };
    let s = read_survey(&data("budget.xlsx"), &opts).unwrap();
    assert_eq!(s.items, ["担当者数"]);
}

#[test]
fn the_command_exits_2_with_the_option_to_add() {
    let dir = tempfile::tempdir().unwrap();
    for (file, en, ja) in [
        ("uncertain.xlsx", "--scale \"", "--scale \""),
        (
            "budget.xlsx",
            "does not look like a survey",
            "アンケートの回答には見えません",
        ),
    ] {
        let out = dir.path().join("out.xlsx");
        for (lang, want) in [("en_US.UTF-8", en), ("ja_JP.UTF-8", ja)] {
            let a = ttest_xl(lang)
                .args(["analyze"])
                .arg(data(file))
                .arg("-o")
                .arg(&out)
                .assert()
                .code(2);
            let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
            assert!(err.contains(want), "{file} {lang}: {err}");
            assert!(!out.exists());
        }
    }
}
