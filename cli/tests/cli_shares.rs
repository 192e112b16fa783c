//! End-to-end: the shares of positive answers of `ttest-xl analyze` (issue 14.1) compared item by
//! item with R, the option errors, and the share line of the result workbook.
//!
//! Expected values: `tests/reference/shares.json`, written by `tests/reference/shares.R`, which
//! reads and cleans the same workbooks independently with readxl and computes every share with
//! R 4.2: `prop.test(correct = FALSE)` p and Newcombe's hybrid score interval (independent),
//! `binom.test(c, b + c)` and Newcombe's paired method 10 (paired), `p.adjust` across items. The
//! R call of each number is stored beside it in the fixture (`call`, `adjust_call`).

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use common::cli::{example, ttest_xl};
use common::{assert_rel, load_json, num};
use serde_json::Value;

/// Shares, Newcombe limits and p-values agree with R to this relative error (both sides compute
/// the same closed forms; the binomial tail is summed in a different order).
const REL_SHARE: f64 = 1e-12;

fn edge() -> PathBuf {
    common::reference_path("shares_edge.xlsx")
}

/// Runs `analyze` with `--json -` and returns the JSON and the output workbook.
fn analyze(input: &Path, extra: &[&str], dir: &Path) -> (Value, PathBuf) {
    let out = dir.join("results.xlsx");
    let assert = ttest_xl("en_US.UTF-8")
        .arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(["--json", "-", "--quiet", "--force"])
        .args(extra)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    (serde_json::from_str(&stdout).expect("JSON on stdout"), out)
}

fn reference_run(name: &str) -> Vec<Value> {
    load_json("shares.json")["runs"][name]
        .as_array()
        .unwrap_or_else(|| panic!("no run {name} in shares.json"))
        .clone()
}

const KEYS: [&str; 7] = [
    "share_1",
    "share_2",
    "share_diff",
    "share_conf_low",
    "share_conf_high",
    "share_p_value",
    "share_p_adjusted",
];

/// Compares every item of every block of an R run with the JSON output.
fn compare(json: &Value, run: &[Value], context: &str) {
    let items = json["items"].as_array().unwrap();
    for block in run {
        let by = block["by"].as_str().unwrap();
        let positive: Vec<f64> = common::nums(&block["positive"]);
        for want in block["items"].as_array().unwrap() {
            let name = want["item"].as_str().unwrap();
            let ours = items
                .iter()
                .find(|i| {
                    i["item"] == name
                        && (if by.is_empty() {
                            i["by"].is_null()
                        } else {
                            i["by"] == by
                        })
                })
                .unwrap_or_else(|| panic!("{context}: no item {name} [{by}] in the JSON"));
            assert_eq!(
                common::nums(&ours["share_positive"]),
                positive,
                "{context} {name}: positive answers"
            );
            for key in KEYS {
                let w = num(&want[key]);
                let what = format!("{context} [{by}] {name} {key} ({})", want["call"]);
                if w.is_nan() {
                    assert!(ours[key].is_null(), "{what}: R gives NA, we {}", ours[key]);
                } else {
                    assert_rel(num(&ours[key]), w, REL_SHARE, &what);
                }
            }
        }
    }
}

#[test]
fn staff_survey_paired_shares_match_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&example(), &[], dir.path());
    compare(&json, &reference_run("staff_paired"), "paired");
}

#[test]
fn staff_survey_shares_per_department_match_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&example(), &["--by", "所属"], dir.path());
    compare(&json, &reference_run("staff_by"), "by 所属");
}

#[test]
fn top_box_one_with_bonferroni_matches_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(
        &example(),
        &["--top-box", "1", "--adjust", "bonferroni"],
        dir.path(),
    );
    compare(
        &json,
        &reference_run("staff_paired_top1_bonferroni"),
        "top-box 1",
    );
}

#[test]
fn independent_shares_match_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&example(), &["--test", "welch"], dir.path());
    compare(&json, &reference_run("staff_welch"), "welch");
    let (json, _) = analyze(
        &example(),
        &["--test", "welch", "--positive", "3,4,5", "--adjust", "bh"],
        dir.path(),
    );
    compare(
        &json,
        &reference_run("staff_welch_positive345_bh"),
        "welch positive 3,4,5",
    );
}

/// 0% and 100% on both sides: Newcombe's intervals are still defined; the chi-square p is not
/// (R: NA, our JSON: null), the exact McNemar p is 1.
#[test]
fn shares_of_zero_and_one_hundred_percent_match_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&edge(), &["--id", "ID", "--positive", "4,5"], dir.path());
    compare(
        &json,
        &reference_run("edge_paired_positive45"),
        "edge paired",
    );
    let (json, _) = analyze(
        &edge(),
        &["--test", "welch", "--positive", "4,5"],
        dir.path(),
    );
    compare(&json, &reference_run("edge_welch_positive45"), "edge welch");
}

/// By default an item of numbers whose highest answer is far below the other items' top (低い:
/// 1–3 among items up to 5) may be on another scale: no share, and a warning naming --positive.
#[test]
fn an_item_far_below_the_common_top_gets_no_share_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&edge(), &["--id", "ID"], dir.path());
    let low = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == "低い")
        .unwrap();
    assert!(low["share_1"].is_null() && low["share_p_adjusted"].is_null());
    assert_eq!(low["share_positive"], serde_json::json!([]));
    let warnings = json["warnings"].to_string();
    assert!(
        warnings.contains("低い") && warnings.contains("--positive"),
        "{warnings}"
    );
}

/// Bad values and combinations of --top-box / --positive: exit 2, a message in both languages
/// naming the option and what to write, and nothing written.
#[test]
fn share_options_are_validated_in_both_languages() {
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["--top-box", "2", "--positive", "4,5"],
            "--top-box and --positive cannot be used together",
            "--top-box と --positive は同時に指定できません",
        ),
        (
            &["--top-box", "0"],
            "--top-box needs a whole number of points from 1 to 9",
            "--top-box には 1〜9 の整数",
        ),
        (
            &["--top-box", "two"],
            "--top-box needs a whole number",
            "--top-box には 1〜9 の整数",
        ),
        (
            &["--positive", "4,11"],
            "--positive needs the positive scores as whole numbers from 0 to 10",
            "--positive には肯定的回答とする得点（0〜10 の整数）",
        ),
        (
            &["--top-box", "5"],
            "--top-box 5 counts every answer of Q1 仕事にやりがいを感じている (scale 1–5) as positive; choose a K below 5",
            "--top-box 5 では「Q1 仕事にやりがいを感じている」（1〜5 の尺度）のすべての回答が肯定的回答になります",
        ),
        (
            &["--positive", "6,7"],
            "--positive 6,7: none of these scores is on the scale of Q1 仕事にやりがいを感じている (1–5)",
            "--positive 6,7: 指定した得点はどれも「Q1 仕事にやりがいを感じている」の尺度（1〜5）にありません",
        ),
    ];
    for (args, en, ja) in cases {
        for (lang, want) in [("en_US.UTF-8", en), ("ja_JP.UTF-8", ja)] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("r.xlsx");
            let assert = ttest_xl(lang)
                .arg("analyze")
                .arg(example())
                .arg("-o")
                .arg(&out)
                .args(args)
                .assert()
                .code(2);
            let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
            assert!(stderr.contains(want), "{args:?} {lang}: {stderr}");
            assert!(!out.exists(), "{args:?}: nothing is written");
        }
    }
}

/// The result workbook read back: the Results sheet's share columns hold R's numbers (in percent
/// and points), the council sheet shows `before → after` and the sentence with the CI, in both
/// languages.
#[test]
fn workbook_shows_the_shares_on_results_and_council_sheets() {
    let run = reference_run("staff_paired");
    let want = &run[0]["items"][0];
    let r = |k: &str| num(&want[k]);
    let dir = tempfile::tempdir().unwrap();
    for (lang, results, council, sentence) in [
        (
            "en",
            "Results",
            "Council summary",
            format!(
                "The share of positive answers rose from {:.1}% to {:.1}%, by {:.1} points (95% CI {:.1} to {:.1} points; adjusted p = .014).",
                r("share_1") * 100.0,
                r("share_2") * 100.0,
                r("share_diff") * 100.0,
                r("share_conf_low") * 100.0,
                r("share_conf_high") * 100.0
            ),
        ),
        (
            "ja",
            "結果",
            "議会資料",
            format!(
                "肯定的回答の割合は {:.1}% から {:.1}% へ {:.1} ポイント増加しました（95% CI {:.1}〜{:.1} ポイント、補正後 p = .014）。",
                r("share_1") * 100.0,
                r("share_2") * 100.0,
                r("share_diff") * 100.0,
                r("share_conf_low") * 100.0,
                r("share_conf_high") * 100.0
            ),
        ),
    ] {
        let (_, out) = analyze(&example(), &["--lang", lang], dir.path());
        let mut wb = open_workbook_auto(&out).unwrap();
        // Results: header row, then Q1 in the first data row.
        let range = wb.worksheet_range(results).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
        let col = |prefix: &str| {
            header
                .iter()
                .position(|h| h.starts_with(prefix))
                .unwrap_or_else(|| panic!("{lang}: no column {prefix} in {header:?}"))
        };
        let cell = |c: usize| match &rows[1][c] {
            Data::Float(v) => *v,
            other => panic!("{lang}: not a number: {other:?}"),
        };
        let (pos, p1, diff, padj) = match lang {
            "en" => (
                "Positive answers (scores)",
                "Positive % (",
                "Share difference (points)",
                "Share adjusted p",
            ),
            _ => (
                "肯定的回答（得点）",
                "肯定的回答 %",
                "割合の差（ポイント）",
                "割合の補正後 p",
            ),
        };
        assert_eq!(rows[1][col(pos)].to_string(), "4, 5");
        assert_rel(cell(col(p1)), r("share_1") * 100.0, REL_SHARE, "share 1 %");
        assert_rel(cell(col(p1) + 1), r("share_2") * 100.0, REL_SHARE, "share 2 %");
        assert_rel(cell(col(diff)), r("share_diff") * 100.0, REL_SHARE, "points");
        assert_rel(cell(col(diff) + 1), r("share_conf_low") * 100.0, REL_SHARE, "low");
        assert_rel(cell(col(diff) + 2), r("share_conf_high") * 100.0, REL_SHARE, "high");
        assert_rel(cell(col(padj)), r("share_p_adjusted"), REL_SHARE, "adjusted p");
        // Council sheet: the share column and the sentence of Q1 (in Japanese in the です・ます form
        // of the council sheet; the Summary sheet keeps the plain form).
        let range = wb.worksheet_range(council).unwrap();
        let text: Vec<String> = range
            .rows()
            .flat_map(|row| row.iter().map(|d| d.to_string()))
            .collect();
        let arrow = format!("{:.1}% → {:.1}%", r("share_1") * 100.0, r("share_2") * 100.0);
        assert!(text.contains(&arrow), "{lang}: no {arrow} on the council sheet");
        assert!(
            text.iter().any(|t| t.contains(&sentence)),
            "{lang}: no sentence {sentence:?} on the council sheet"
        );
    }
}

/// Items with answer labels: the positive answers are the top two points of each item's own
/// inferred scale (5-point: 4, 5; 4-point: 3, 4), and `--positive` naming every point of a scale
/// is refused.
#[test]
fn labelled_items_take_the_top_two_points_of_their_own_scale() {
    let book = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/labels/forms_labels.xlsx");
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&book, &[], dir.path());
    let positive = |name: &str| {
        let it = json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["item"] == name)
            .unwrap_or_else(|| panic!("no item {name}"));
        common::nums(&it["share_positive"])
    };
    assert_eq!(positive("仕事にやりがいを感じている"), [4.0, 5.0]);
    assert_eq!(positive("職場の雰囲気は良い"), [3.0, 4.0]);
    let assert = ttest_xl("en_US.UTF-8")
        .arg("analyze")
        .arg(&book)
        .arg("-o")
        .arg(dir.path().join("all.xlsx"))
        .args(["--positive", "1,2,3,4"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("--positive 1,2,3,4: every point of the scale of 職場の雰囲気は良い (1–4) would count as positive"),
        "{stderr}"
    );
}
