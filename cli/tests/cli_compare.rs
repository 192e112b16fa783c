//! End-to-end: `ttest-xl analyze --compare 受講` (issue 14.3) on the example workbooks written by
//! `scripts/make_compare_workbooks.py`, compared item by item with R.
//!
//! Expected values: `tests/reference/compare.json`, written by `tests/reference/compare.R`
//! (R 4.2 `t.test(change ~ group)` Welch on the change scores of the pairs; the difference in
//! differences of the anonymous workbook computed by hand from `mean`, `sd`, `pt` and `qt`;
//! `p.adjust(method = "holm")`; effectsize 0.8.3 `hedges_g(pooled_sd = FALSE)`), which reads the
//! same workbooks independently with readxl. Every refusal is tested for its exit code, its
//! message in both languages and that nothing was written.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};
use common::{assert_abs, assert_rel, load_json, num};
use serde_json::Value;

/// Means, differences, SEs, t, df and p of the comparison against R (measured: ≤ 6e-14
/// relative; the brief's bar is 1e-12).
const REL: f64 = 1e-12;
/// Hedges' g itself is closed-form; its CI is effectsize's noncentral-t root (optim-level
/// accuracy, as in tests/cli_analyze.rs; measured ≤ 2e-7).
const REL_G: f64 = 1e-12;
const ABS_G_CI: f64 = 1e-6;

fn example(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("examples")
        .join(name)
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/compare")
        .join(name)
}

fn analyze(input: &Path, extra: &[&str], dir: &Path) -> (Value, PathBuf) {
    let out = dir.join("results.xlsx");
    let assert = Command::cargo_bin("ttest-xl")
        .unwrap()
        .arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(["--json", "-", "--quiet"])
        .args(extra)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    (serde_json::from_str(&stdout).expect("JSON on stdout"), out)
}

fn run(name: &str) -> Vec<Value> {
    load_json("compare.json")["runs"][name]
        .as_array()
        .unwrap()
        .clone()
}

fn jnum(v: &Value) -> f64 {
    if v.is_null() {
        f64::NAN
    } else {
        num(v)
    }
}

/// Compares every item of the JSON with R's run.
fn check_items(json: &Value, run: &[Value], paired: bool) {
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), run.len());
    for r in run {
        let name = r["item"].as_str().unwrap();
        let it = items.iter().find(|i| i["item"] == name).unwrap();
        let what = |k: &str| format!("{name} {k}");
        for (ours, theirs) in [
            ("change_1", "change_1"),
            ("change_2", "change_2"),
            ("change_diff", "change_diff"),
            ("change_conf_low", "conf_low"),
            ("change_statistic", "statistic"),
            ("change_df", "df"),
            ("change_p_value", "p_value"),
            ("change_p_adjusted", "p_adjusted"),
            ("change_std_err", "std_err"),
        ] {
            assert_rel(jnum(&it[ours]), num(&r[theirs]), REL, &what(ours));
        }
        let high = num(&r["conf_high"]);
        if high.is_infinite() {
            assert!(it["change_conf_high"].is_null(), "{name}: one-sided high");
        } else {
            assert_rel(
                jnum(&it["change_conf_high"]),
                high,
                REL,
                &what("change_conf_high"),
            );
        }
        // Four cells: [[comparison first, second], [participants first, second]]; R lists
        // A1, A2, B1, B2 (paired: n per group).
        let means = &it["change_means"];
        let sds = &it["change_sds"];
        let rm = common::nums(&r["means"]);
        let rs = common::nums(&r["sds"]);
        for (k, (l, s)) in [(0, 0), (0, 1), (1, 0), (1, 1)].into_iter().enumerate() {
            assert_rel(jnum(&means[l][s]), rm[k], REL, &what("mean"));
            assert_rel(jnum(&sds[l][s]), rs[k], REL, &what("sd"));
        }
        let rn = common::nums(&r["n"]);
        let n = &it["change_n"];
        if paired {
            assert_eq!(n[0][0].as_f64().unwrap(), rn[0], "{name} n");
            assert_eq!(n[1][1].as_f64().unwrap(), rn[1], "{name} n");
            assert_rel(
                jnum(&it["change_hedges_g"]),
                num(&r["g"]),
                REL_G,
                &what("g"),
            );
            assert_abs(
                jnum(&it["change_hedges_g_low"]),
                num(&r["g_low"]),
                ABS_G_CI,
                &what("g low"),
            );
            assert_abs(
                jnum(&it["change_hedges_g_high"]),
                num(&r["g_high"]),
                ABS_G_CI,
                &what("g high"),
            );
        } else {
            for (k, (l, s)) in [(0, 0), (0, 1), (1, 0), (1, 1)].into_iter().enumerate() {
                assert_eq!(n[l][s].as_f64().unwrap(), rn[k], "{name} n");
            }
            assert!(
                it.get("change_hedges_g").is_none(),
                "no g for a difference in differences"
            );
        }
    }
}

fn sheet_text(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    wb.worksheet_range(sheet)
        .unwrap()
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn paired_change_scores_match_r_welch() {
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(
        &example("staff_survey_compare.xlsx"),
        &["--compare", "受講", "--lang", "ja"],
        dir.path(),
    );
    let c = &json["compare"];
    assert_eq!(c["method"], "welch_change_scores");
    assert_eq!(c["levels"], serde_json::json!(["なし", "あり"]));
    assert_eq!(c["participants"], "あり");
    assert!(c["evidence"].as_str().unwrap().contains("はい"));
    check_items(&json, &run("paired"), true);

    // The workbook: the comparison sheet second, every item with its result; the council sheet
    // speaks of the difference in change and carries the comparison caveat.
    let wb = open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names()[..2], ["議会資料", "比較対照群"]);
    let rows = sheet_text(&out, "比較対照群");
    let all: String = rows.iter().flatten().cloned().collect();
    for r in run("paired") {
        assert!(all.contains(r["item"].as_str().unwrap()));
    }
    assert!(all.contains("受講が「あり」の職員の変化は、受講が「なし」の職員の変化より"));
    let council: String = sheet_text(&out, "議会資料").into_iter().flatten().collect();
    assert!(council.contains("比較対照群との比較"), "{council}");
    assert!(council.contains("証明にはなりません"), "{council}");
    assert!(!council.contains("比較対照群（取組の対象とならなかった職員など）がない"));
    // The Data sheet (the sixth part now) is complete: 64 pairs beyond the 50 head rows.
    let data = sheet_text(&out, "データ");
    assert_eq!(data.len(), 65, "header + 64 pairs");
    let method: String = sheet_text(&out, "方法").into_iter().flatten().collect();
    assert!(method.contains("--compare 受講"), "{method}");
    assert!(method.contains("hedges_g(pooled_sd = FALSE)"));
    // The participants' level is a reading decision with its evidence on the Checks sheet.
    let checks: String = sheet_text(&out, "データ確認")
        .into_iter()
        .flatten()
        .collect();
    assert!(
        checks.contains(
            "参加した群: 「受講」が「あり」（値「あり」「なし」を「はい」「いいえ」と読み取り"
        ),
        "{checks}"
    );
}

#[test]
fn anonymous_difference_in_differences_matches_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(
        &example("staff_survey_compare_anon.xlsx"),
        &["--compare", "受講=あり", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(json["design"], "independent");
    assert_eq!(json["compare"]["method"], "difference_in_differences");
    assert!(json["compare"]["evidence"]
        .as_str()
        .unwrap()
        .contains("named by --compare 受講=あり"));
    check_items(&json, &run("anonymous"), false);
    let council: String = sheet_text(&out, "Council summary")
        .into_iter()
        .flatten()
        .collect();
    assert!(
        council.contains("supports, but does not prove"),
        "{council}"
    );
    assert!(council.contains("points larger than among staff with 受講 = なし"));
}

#[test]
fn one_sided_difference_in_differences_matches_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(
        &example("staff_survey_compare_anon.xlsx"),
        &["--compare", "受講", "--alternative", "greater"],
        dir.path(),
    );
    check_items(&json, &run("anonymous_greater"), false);
}

#[test]
fn naming_the_other_level_flips_the_orientation() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(
        &example("staff_survey_compare.xlsx"),
        &["--compare", "受講=なし"],
        dir.path(),
    );
    assert_eq!(
        json["compare"]["levels"],
        serde_json::json!(["あり", "なし"])
    );
    for (it, r) in json["items"].as_array().unwrap().iter().zip(run("paired")) {
        assert_rel(
            jnum(&it["change_diff"]),
            -num(&r["change_diff"]),
            REL,
            "flipped",
        );
        assert_rel(jnum(&it["change_p_value"]), num(&r["p_value"]), REL, "p");
    }
}

#[test]
fn an_item_with_a_group_below_min_group_shows_nothing_of_it() {
    // 28 and 36 pairs per level; with missing answers some items keep fewer than 27.
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(
        &example("staff_survey_compare.xlsx"),
        &["--compare", "受講", "--min-group", "27", "--lang", "en"],
        dir.path(),
    );
    let mut withheld = 0;
    for (it, r) in json["items"].as_array().unwrap().iter().zip(run("paired")) {
        let n_small = common::nums(&r["n"]).iter().any(|&n| n < 27.0);
        if n_small {
            withheld += 1;
            assert!(it["change_n"].is_null(), "{it}");
            assert!(it["change_means"].is_null());
            assert!(it["change_diff"].is_null());
            assert!(it["change_excluded_reason"]
                .as_str()
                .unwrap()
                .contains("--min-group 27"));
        } else {
            assert_rel(
                jnum(&it["change_diff"]),
                num(&r["change_diff"]),
                REL,
                "kept",
            );
        }
    }
    assert!(withheld > 0, "the example has an item below 27 pairs");
    // The sheet: an item row (its participants) and the next (its comparison group) show "—"
    // instead of any n, mean or SD when a group is below --min-group.
    let rows = sheet_text(&out, "Comparison group");
    for r in run("paired") {
        let name = r["item"].as_str().unwrap();
        let at = rows.iter().position(|row| row[0] == name).unwrap();
        let small = common::nums(&r["n"]).iter().any(|&n| n < 27.0);
        for row in &rows[at..at + 2] {
            assert_eq!(row[2] == "—", small, "{name}: {row:?}");
            assert_eq!(row[5] == "—", small, "{name}: {row:?}");
        }
    }
}

#[test]
fn long_format_pairs_take_the_level_from_either_sheet() {
    // 0003 has 受講 only on 事前 (used), 0011 on neither (left out, with a warning).
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(
        &data("long_blank.csv"),
        &[
            "--group",
            "時期",
            "--levels",
            "事前,事後",
            "--id",
            "職員番号",
            "--compare",
            "受講",
            "--min-group",
            "4",
            "--lang",
            "en",
        ],
        dir.path(),
    );
    assert_eq!(json["compare"]["blank"], 1);
    assert_eq!(json["compare"]["n"], serde_json::json!([[5, 5], [5, 5]]));
    assert!(json["warnings"].as_array().unwrap().iter().any(|w| w
        .as_str()
        .unwrap()
        .contains("1 respondent(s) with a blank 受講")));
    for (it, r) in json["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(run("long_blank"))
    {
        assert_eq!(it["item"], r["item"]);
        for (ours, theirs) in [
            ("change_diff", "change_diff"),
            ("change_conf_low", "conf_low"),
            ("change_conf_high", "conf_high"),
            ("change_statistic", "statistic"),
            ("change_df", "df"),
            ("change_p_value", "p_value"),
            ("change_p_adjusted", "p_adjusted"),
        ] {
            assert_rel(jnum(&it[ours]), num(&r[theirs]), REL, ours);
        }
    }
}

/// Runs a refusal in both languages: exit 2, the message parts, nothing written.
fn refused(input: &Path, extra: &[&str], en: &[&str], ja: &[&str]) {
    for (lang, parts) in [("en", en), ("ja", ja)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.xlsx");
        let assert = Command::cargo_bin("ttest-xl")
            .unwrap()
            .arg("analyze")
            .arg(input)
            .arg("-o")
            .arg(&out)
            .args(["--lang", lang])
            .args(extra)
            .assert()
            .code(2);
        let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        for p in parts {
            assert!(err.contains(p), "{lang}: {p:?} not in {err}");
        }
        assert!(!out.exists(), "nothing written");
    }
}

#[test]
fn three_levels_are_refused_with_their_counts() {
    refused(
        &data("three_levels.xlsx"),
        &["--compare", "受講"],
        &["exactly two values", "あり (16)", "なし (16)", "未定 (12)"],
        &["3 種類の値", "未定（12 件）"],
    );
}

#[test]
fn a_level_below_min_group_is_refused_with_its_count() {
    refused(
        &data("small_level.xlsx"),
        &["--compare", "受講"],
        &["--min-group 5", "あり: 3 pairs", "なし: 12 pairs"],
        &["--min-group の 5 人", "「あり」3 人", "「なし」12 人"],
    );
}

#[test]
fn a_level_that_changes_between_the_sheets_is_refused_by_row() {
    refused(
        &data("level_changed.xlsx"),
        &["--compare", "受講"],
        &["1 respondent(s)", "事前 row 9 あり → 事後 row 9 なし"],
        &[
            "1 人の回答者",
            "「事前」9 行目「あり」→「事後」9 行目「なし」",
        ],
    );
}

#[test]
fn unclear_labels_ask_for_the_participants_value() {
    refused(
        &data("unclear_levels.xlsx"),
        &["--compare", "受講"],
        &["--compare 受講=A班 or --compare 受講=B班"],
        &["--compare 受講=A班 または --compare 受講=B班"],
    );
    // Named, they are analysed.
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(
        &data("unclear_levels.xlsx"),
        &["--compare", "受講=B班"],
        dir.path(),
    );
    assert_eq!(json["compare"]["participants"], "B班");
}

#[test]
fn an_unknown_participants_value_is_refused() {
    refused(
        &example("staff_survey_compare.xlsx"),
        &["--compare", "受講=はい"],
        &[
            "はい is not a value",
            "--compare 受講=あり or --compare 受講=なし",
        ],
        &["「はい」という値はありません"],
    );
}

#[test]
fn a_missing_column_is_refused_naming_compare() {
    refused(
        &example("staff_survey_compare.xlsx"),
        &["--compare", "研修"],
        &["--compare 研修: no such column", "受講"],
        &["--compare 研修: シート「事前」にその列がありません"],
    );
}

#[test]
fn compare_with_by_or_an_empty_value_is_a_usage_error() {
    refused(
        &example("staff_survey_compare.xlsx"),
        &["--compare", "受講", "--by", "所属"],
        &["--by"],
        &["--by"],
    );
    refused(
        &example("staff_survey_compare.xlsx"),
        &["--compare", "受講="],
        &["--compare 受講=あり"],
        &["列名を指定してください"],
    );
}

/// `--compare` compares the change between two conditions: a workbook of three yearly waves is
/// refused (exit 2, nothing written) naming `--sheets FIRST,SECOND`, in both languages.
#[test]
fn compare_with_three_waves_is_refused_naming_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("waves.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (k, name) in ["令和4年度", "令和5年度", "令和6年度"].iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        ws.write_string(0, 0, "受講").unwrap();
        ws.write_string(0, 1, "Q1 仕事にやりがいを感じる").unwrap();
        for r in 1..=16u32 {
            ws.write_string(r, 0, if r % 2 == 0 { "あり" } else { "なし" })
                .unwrap();
            ws.write_number(r, 1, f64::from((r + k as u32) % 5 + 1))
                .unwrap();
        }
    }
    wb.save(&input).unwrap();
    refused(
        &input,
        &["--compare", "受講"],
        &[
            "--compare 受講",
            "three or more waves",
            "--sheets FIRST,SECOND",
        ],
        &["--compare 受講", "3 時点以上", "--sheets 前,後"],
    );
}
