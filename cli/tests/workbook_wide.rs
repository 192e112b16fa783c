//! The wide paired layout (issue 20, class 5): one sheet whose columns come in before/after pairs
//! is analysed as a paired design within rows, checked against R's t.test(paired = TRUE)
//! (tests/reference/wide.R on tests/data/wide/values.csv); partial, mixed or unmarked patterns are
//! refused naming the columns and `--wide`. Workbooks: scripts/make_wide_workbooks.py.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::cli::ttest_xl;
use common::{assert_rel, load_json, num, REL_TTEST};
use ttest_xl_cli::workbook::{read_survey, Layout, PlanTopic, ReadOptions};

fn data(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/wide")
        .join(name)
}

/// `analyze FILE --json -` with `extra` options: the JSON on stdout (exit 0).
fn analyze_json(file: &str, extra: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    let a = ttest_xl("en_US.UTF-8")
        .args(["analyze", "-q", "--json", "-"])
        .arg(data(file))
        .arg("-o")
        .arg(&out)
        .args(extra)
        .assert()
        .code(0);
    assert!(out.exists(), "{file}");
    serde_json::from_slice(&a.get_output().stdout).unwrap()
}

/// Every item of `got` (our JSON) equals R's paired t-test of the same answers.
fn check_against_r(file: &str, got: &serde_json::Value, items: &[&str]) {
    let want = load_json("wide.json");
    assert_eq!(got["design"], "paired", "{file}");
    assert_eq!(got["test"], "paired", "{file}");
    let got_items = got["items"].as_array().unwrap();
    assert_eq!(got_items.len(), items.len(), "{file}");
    let want_items: Vec<&serde_json::Value> = want["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| items.contains(&w["item"].as_str().unwrap()))
        .collect();
    // The Holm adjustment is over the items analysed: only comparable when all four are.
    let all = items.len() == 4;
    for (g, w) in got_items.iter().zip(want_items) {
        let what = format!("{file} {}", w["item"]);
        assert_eq!(g["item"], w["item"], "{what}");
        assert_eq!(num(&g["n_1"]), num(&w["n"]), "{what} n");
        assert_eq!(num(&g["n_2"]), num(&w["n"]), "{what} n");
        for (ours, r) in [
            ("mean_1", "mean_1"),
            ("mean_2", "mean_2"),
            ("df", "df"),
            ("p_value", "p_value"),
            ("conf_low", "conf_low"),
            ("conf_high", "conf_high"),
        ] {
            assert_rel(
                num(&g[ours]),
                num(&w[r]),
                REL_TTEST,
                &format!("{what} {ours}"),
            );
        }
        for (ours, r) in [("mean_diff", "mean_diff"), ("statistic", "statistic")] {
            let (x, y) = (num(&g[ours]), num(&w[r]));
            if y == 0.0 {
                assert!(x.abs() < 1e-12, "{what} {ours}: {x}");
            } else {
                assert_rel(x, y, REL_TTEST, &format!("{what} {ours}"));
            }
        }
        if all {
            assert_rel(
                num(&g["p_adjusted"]),
                num(&w["p_adjusted"]),
                REL_TTEST,
                &format!("{what} p_adjusted"),
            );
        }
    }
}

const ALL: [&str; 4] = ["Q1", "Q2", "Q3", "Q4"];

#[test]
fn each_naming_pattern_is_paired_within_rows_as_r_does() {
    for (file, labels) in [
        ("prefix_jigo.xlsx", ["事前", "事後"]),
        ("suffix_mae_ato.xlsx", ["事前", "事後"]),
        ("bracket_kenshu.xlsx", ["研修前", "研修後"]),
        ("suffix_before_after.xlsx", ["before", "after"]),
        ("prefix_pre_post.xlsx", ["pre", "post"]),
    ] {
        let got = analyze_json(file, &[]);
        check_against_r(file, &got, &ALL);
        assert_eq!(got["groups"], serde_json::json!(labels), "{file}");
    }
}

#[test]
fn the_reading_shows_which_columns_were_paired() {
    let s = read_survey(&data("prefix_jigo.xlsx"), &ReadOptions::default()).unwrap();
    match &s.layout {
        Layout::WidePairs { sheet, pairs } => {
            assert_eq!(sheet, "回答");
            assert_eq!(pairs[0], ("事前_Q1".to_string(), "事後_Q1".to_string()));
            assert_eq!(pairs.len(), 4);
        }
        other => panic!("{other:?}"),
    }
    assert!(s.paired);
    assert_eq!(s.items, ALL);
    // 年齢 (ages 23–60) is no answer: not an item, and no reason to refuse the pairing.
    assert!(!s.items.iter().any(|i| i == "年齢"));
    assert_eq!(s.first.rows, s.second.rows);
    assert_eq!(s.first.sheet, s.second.sheet);
    // Columns of the pairs: 事前_Q1 is D, 事後_Q1 is H.
    assert_eq!((s.first.columns[0], s.second.columns[0]), (4, 8));
    let pairing: Vec<&str> = s
        .plan
        .about(PlanTopic::Pairing)
        .map(|e| e.en.as_str())
        .collect();
    assert_eq!(pairing.len(), 4, "{pairing:?}");
    assert!(
        pairing[0].contains("事前_Q1 (D1) with 事後_Q1 (H1)"),
        "{pairing:?}"
    );
    let layout: Vec<&str> = s
        .plan
        .about(PlanTopic::Layout)
        .map(|e| e.ja.as_str())
        .collect();
    assert!(
        layout[0].contains("事前と事後の列が横に並んだ形")
            && layout[0].contains("--wide 事前_,事後_"),
        "{layout:?}"
    );
    let id: Vec<&str> = s
        .plan
        .about(PlanTopic::IdColumn)
        .map(|e| e.en.as_str())
        .collect();
    assert!(id[0].contains("not needed to pair"), "{id:?}");
}

#[test]
fn the_checks_and_method_sheets_show_the_pairs() {
    use calamine::{open_workbook_auto, Reader};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    ttest_xl("ja_JP.UTF-8")
        .args(["analyze", "-q"])
        .arg(data("bracket_kenshu.xlsx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let mut wb = open_workbook_auto(&out).unwrap();
    let mut text = String::new();
    for name in wb.sheet_names().to_owned() {
        if let Ok(r) = wb.worksheet_range(&name) {
            for c in r.used_cells() {
                text.push_str(&c.2.to_string());
                text.push('\n');
            }
        }
    }
    assert!(
        text.contains("「Q1（研修前）」（C1）と「Q1（研修後）」（D1）を行ごとに対応づけ"),
        "pairs not shown"
    );
    assert!(text.contains("1 行に同じ人の事前と事後の回答が対になった列で並ぶ"));
}

/// The refusals: exit 2, the columns named, and the `--wide` line that states the pattern.
#[test]
fn partial_mixed_and_unmarked_patterns_are_refused_with_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    for (file, en, ja) in [
        (
            "partial.xlsx",
            "have no partner (or more than one): 事前_Q4",
            "次の列には組になる列がない（または複数ある）ため、対応づけが確実ではありません: 「事前_Q4」",
        ),
        (
            "mixed.xlsx",
            "named in 2 different ways: (事前_Q1, 事前_Q2, 事後_Q1, 事後_Q2) and (Q3_before, Q4_before, Q3_after, Q4_after)",
            "列名の付け方が 2 通りあります",
        ),
        (
            "unmarked_item.xlsx",
            "carry no before/after mark: 総合満足度",
            "事前・事後の印がなく、どちらの回答か確実には判断できません: 「総合満足度」",
        ),
    ] {
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
            assert!(err.contains("--wide 事前_,事後_"), "{file} {lang}: {err}");
            assert!(!out.exists());
        }
    }
}

/// `--wide` states the pattern: the pairs it finds are analysed, the rest left out and listed.
#[test]
fn wide_option_states_the_pattern_and_lists_what_it_leaves_out() {
    let got = analyze_json("partial.xlsx", &["--wide", "事前_,事後_"]);
    check_against_r("partial.xlsx", &got, &["Q1", "Q2", "Q3"]);
    let got = analyze_json("mixed.xlsx", &["--wide", "事前_,事後_"]);
    check_against_r("mixed.xlsx", &got, &["Q1", "Q2"]);
    let got = analyze_json("mixed.xlsx", &["--wide", "_before,_after"]);
    check_against_r("mixed.xlsx", &got, &["Q3", "Q4"]);
    let got = analyze_json("unmarked_item.xlsx", &["--wide", "事前_,事後_"]);
    check_against_r("unmarked_item.xlsx", &got, &ALL);
    // Marks no built-in pattern knows.
    let got = analyze_json("stated_t1_t2.xlsx", &["--wide", "T1_,T2_"]);
    check_against_r("stated_t1_t2.xlsx", &got, &ALL);
    assert_eq!(got["groups"], serde_json::json!(["T1", "T2"]));

    let o = ReadOptions {
        wide: Some(("事前_".into(), "事後_".into())),
        ..ReadOptions::default()
    };
    let s = read_survey(&data("unmarked_item.xlsx"), &o).unwrap();
    let left: Vec<&str> = s
        .plan
        .about(PlanTopic::Layout)
        .map(|e| e.en.as_str())
        .filter(|e| e.contains("not analysed"))
        .collect();
    // 年齢 and 総合満足度 carry no mark: listed, not analysed.
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left[1].contains("総合満足度 (L1) is not analysed: it carries neither --wide marker"));
    let s = read_survey(&data("partial.xlsx"), &o).unwrap();
    assert!(s.plan.entries.iter().any(|e| e
        .ja
        .contains("「事前_Q4」（G1）は分析しない（--wide の指定で組になる列がない")));
}

#[test]
fn without_marks_the_option_is_named_and_a_wrong_option_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    let a = ttest_xl("en_US.UTF-8")
        .args(["analyze"])
        .arg(data("stated_t1_t2.xlsx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("--wide BEFORE,AFTER"), "{err}");
    for (lang, want) in [
        (
            "en_US.UTF-8",
            "--wide 事前,事後: no two columns of sheet 回答 pair",
        ),
        (
            "ja_JP.UTF-8",
            "--wide 事前,事後: シート「回答」に「事前…」と「事後…」",
        ),
    ] {
        let a = ttest_xl(lang)
            .args(["analyze", "--wide", "事前,事後"])
            .arg(data("stated_t1_t2.xlsx"))
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
        assert!(err.contains(want), "{lang}: {err}");
    }
    // --wide needs two different marks; it cannot be combined with --group.
    ttest_xl("en_US.UTF-8")
        .args(["analyze", "--wide", "事前"])
        .arg(data("prefix_jigo.xlsx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    ttest_xl("en_US.UTF-8")
        .args(["analyze", "--wide", "事前_,事後_", "--group", "所属"])
        .arg(data("prefix_jigo.xlsx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
}
