//! End-to-end: `ttest-xl analyze` on real workbooks, JSON and the result workbook (read back with
//! calamine) compared item by item with R.
//!
//! Expected values: `tests/reference/analyze.json`, written by `tests/reference/analyze.R`
//! (R 4.2 `t.test`, `wilcox.test`, `p.adjust`; effectsize 0.8.3 `cohens_d`/`hedges_g`; pwr
//! `pwr.t.test`/`pwr.t2n.test`), which reads and cleans the same workbooks independently with
//! readxl. The R call of each number is stored beside it in the fixture (`call`, `adjust_call`).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};
use common::{assert_abs, assert_rel, load_json, num, REL_TTEST};
use serde_json::Value;

/// Effect-size CIs: effectsize solves the noncentral-t interval with `optim(abstol = 1e-9)`-level
/// accuracy, we solve it to full precision, so agreement is to about 1e-8 in d.
const ABS_D_CI: f64 = 1e-6;
/// pwr solves for d with `uniroot(tol = .Machine$double.eps^0.25)`: agreement to ~1e-5 relative.
const REL_PWR: f64 = 1e-4;

fn staff() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/staff_survey.xlsx")
}

fn groups_workbook() -> PathBuf {
    common::reference_path("analyze_groups.xlsx")
}

/// Runs `analyze` with `--json -` and returns the JSON and the output path.
fn analyze(input: &Path, extra: &[&str], dir: &Path) -> (Value, PathBuf) {
    let out = dir.join("results.xlsx");
    let mut cmd = Command::cargo_bin("ttest-xl").unwrap();
    cmd.arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(["--json", "-", "--quiet"])
        .args(extra);
    let assert = cmd.assert().success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    (serde_json::from_str(&stdout).expect("JSON on stdout"), out)
}

fn reference_run(name: &str) -> Vec<Value> {
    let fixture = load_json("analyze.json");
    fixture["runs"][name]
        .as_array()
        .unwrap_or_else(|| panic!("no run {name} in analyze.json"))
        .clone()
}

fn json_num(v: &Value) -> f64 {
    if v.is_null() {
        f64::NAN
    } else {
        num(v)
    }
}

/// Compares every item of every block of an R run with the JSON output.
fn compare_json(json: &Value, run: &[Value], context: &str) {
    let items = json["items"].as_array().unwrap();
    for block in run {
        let by = block["by"].as_str().unwrap();
        for r in block["items"].as_array().unwrap() {
            let name = r["item"].as_str().unwrap();
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
                .unwrap_or_else(|| panic!("{context}: item {name} (by {by:?}) missing"));
            let what = |f: &str| format!("{context} [{by}] {name}: {f}");
            assert_eq!(ours["n_1"], r["n_1"], "{}", what("n_1"));
            assert_eq!(ours["n_2"], r["n_2"], "{}", what("n_2"));
            assert_eq!(ours["excluded"], r["excluded"], "{}", what("excluded"));
            if r["excluded"] == true {
                assert!(ours["p_value"].is_null(), "{}", what("p of excluded"));
                continue;
            }
            for f in [
                "mean_1",
                "mean_2",
                "sd_1",
                "sd_2",
                "mean_diff",
                "conf_low",
                "conf_high",
                "statistic",
                "p_value",
                "p_adjusted",
                "cohen_d",
                "hedges_g",
                "rank_statistic",
                "rank_p_value",
            ] {
                assert_rel(json_num(&ours[f]), num(&r[f]), REL_TTEST, &what(f));
            }
            if r["statistic"] == r["t"] {
                assert_rel(json_num(&ours["df"]), num(&r["df"]), REL_TTEST, &what("df"));
            } else {
                assert!(ours["df"].is_null(), "{}", what("df of a rank test"));
            }
            for f in [
                "cohen_d_low",
                "cohen_d_high",
                "hedges_g_low",
                "hedges_g_high",
            ] {
                assert_abs(json_num(&ours[f]), num(&r[f]), ABS_D_CI, &what(f));
            }
            if r.get("d_av").is_some() {
                assert_rel(
                    json_num(&ours["d_av"]),
                    num(&r["d_av"]),
                    REL_TTEST,
                    &what("d_av"),
                );
            }
            assert_rel(
                json_num(&ours["sensitivity_d"]),
                num(&r["sensitivity_d"]),
                REL_PWR,
                &what("sensitivity_d"),
            );
        }
    }
}

/// The Results sheet as header → column values.
fn results_sheet(path: &Path, sheet: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .unwrap()
        .iter()
        .map(|c| match c {
            Data::String(s) => s.clone(),
            other => panic!("header cell {other:?}"),
        })
        .collect();
    (header, rows.map(|r| r.to_vec()).collect())
}

fn cell_f64(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// Compares the Results sheet of the workbook with the overall block of an R run.
fn compare_sheet(path: &Path, sheet: &str, run: &[Value], labels: [&str; 2]) {
    let (header, rows) = results_sheet(path, sheet);
    let col = |h: &str| {
        header
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("column {h:?} not in {header:?}"))
    };
    let item_col = header
        .iter()
        .position(|x| x == "項目" || x == "Item")
        .unwrap();
    let block = &run[0];
    for r in block["items"].as_array().unwrap() {
        let name = r["item"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|row| row[item_col] == Data::String(name.to_string()))
            .unwrap_or_else(|| panic!("{name} not on {sheet}"));
        let what = |f: &str| format!("{sheet} {name}: {f}");
        assert_eq!(
            cell_f64(&row[col(&format!("n ({})", labels[0]))]),
            num(&r["n_1"])
        );
        for (h, f) in [
            (format!("M ({})", labels[0]), "mean_1"),
            (format!("SD ({})", labels[1]), "sd_2"),
            ("p".to_string(), "p_value"),
        ] {
            assert_rel(cell_f64(&row[col(&h)]), num(&r[f]), REL_TTEST, &what(f));
        }
        let stat = header
            .iter()
            .position(|x| x == "t" || x == "V" || x == "W")
            .unwrap();
        assert_rel(
            cell_f64(&row[stat]),
            num(&r["statistic"]),
            REL_TTEST,
            &what("statistic"),
        );
        let adj = header
            .iter()
            .position(|x| x.starts_with("補正後 p") || x.starts_with("Adjusted p"))
            .unwrap();
        assert_rel(
            cell_f64(&row[adj]),
            num(&r["p_adjusted"]),
            REL_TTEST,
            &what("p_adjusted"),
        );
    }
}

#[test]
fn staff_survey_paired_matches_r_in_json_and_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(&staff(), &["--lang", "ja"], dir.path());
    assert_eq!(json["design"], "paired");
    assert_eq!(json["test"], "paired");
    assert_eq!(json["groups"], serde_json::json!(["事前", "事後"]));
    assert_eq!(json["adjust"], "holm");
    let run = reference_run("staff_paired");
    compare_json(&json, &run, "staff paired");
    compare_sheet(&out, "結果", &run, ["事前", "事後"]);
    // Every sheet of the Japanese workbook is there.
    let wb = open_workbook_auto(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec!["結果", "概要", "グラフ", "データ", "データ確認", "方法"]
    );
}

#[test]
fn staff_survey_bonferroni_matches_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&staff(), &["--adjust", "bonferroni"], dir.path());
    assert_eq!(json["adjust"], "bonferroni");
    compare_json(
        &json,
        &reference_run("staff_paired_bonferroni"),
        "bonferroni",
    );
}

#[test]
fn staff_survey_by_department_matches_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&staff(), &["--by", "所属", "--lang", "en"], dir.path());
    let run = reference_run("staff_by");
    assert!(run.len() > 2, "departments in the fixture");
    compare_json(&json, &run, "by 所属");
    let blocks: std::collections::BTreeSet<String> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["by"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(blocks.len(), run.len());
}

#[test]
fn staff_survey_independent_tests_match_r() {
    for (test, run, design) in [
        ("welch", "staff_welch", "independent"),
        ("student", "staff_student", "independent"),
        ("mann-whitney", "staff_mann_whitney", "independent"),
        ("wilcoxon", "staff_wilcoxon", "paired"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (json, out) = analyze(&staff(), &["--test", test, "--lang", "en"], dir.path());
        assert_eq!(json["test"], test);
        assert_eq!(json["design"], design);
        let reference = reference_run(run);
        compare_json(&json, &reference, test);
        compare_sheet(&out, "Results", &reference, ["事前", "事後"]);
    }
}

#[test]
fn group_column_layout_matches_r() {
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(
        &groups_workbook(),
        &["--group", "性別", "--levels", "男性,女性", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(json["design"], "independent");
    assert_eq!(json["test"], "welch");
    assert_eq!(json["groups"], serde_json::json!(["男性", "女性"]));
    let run = reference_run("groups_welch");
    compare_json(&json, &run, "groups");
    compare_sheet(&out, "Results", &run, ["男性", "女性"]);
}

#[test]
fn json_has_every_listed_field() {
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&staff(), &[], dir.path());
    for key in ["design", "test", "groups", "adjust", "items", "warnings"] {
        assert!(json.get(key).is_some(), "top-level {key}");
    }
    for item in json["items"].as_array().unwrap() {
        for key in [
            "item",
            "n_1",
            "n_2",
            "mean_1",
            "mean_2",
            "sd_1",
            "sd_2",
            "mean_diff",
            "conf_low",
            "conf_high",
            "statistic",
            "df",
            "p_value",
            "p_adjusted",
            "cohen_d",
            "cohen_d_low",
            "cohen_d_high",
            "hedges_g",
            "rank_statistic",
            "rank_p_value",
            "excluded",
            "d_av",
        ] {
            assert!(item.get(key).is_some(), "item field {key}");
        }
    }
}

#[test]
fn summary_sheet_has_apa_sentences_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(&staff(), &["--lang", "ja"], dir.path());
    let mut wb = open_workbook_auto(&out).unwrap();
    let range = wb.worksheet_range("概要").unwrap();
    let text: Vec<String> = range
        .rows()
        .filter_map(|r| match &r[0] {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    // Q1 improved clearly in the sample (R: t.test(after, before, paired = TRUE), p < .001).
    let q1 = text
        .iter()
        .find(|s| s.starts_with("Q1 "))
        .expect("sentence for Q1");
    assert!(
        q1.contains("事後（M = 3.74, SD = 0.94）は事前（M = 3.24, SD = 1.04）より有意に高かった（t(108) = 6.23, p < .001"),
        "{q1}"
    );
    assert!(q1.contains("d = 0.60［0.39, 0.80］"), "{q1}");
    // The conclusion names the correction.
    assert!(
        text.iter().any(|s| s.contains("Holm 法による補正")),
        "{text:?}"
    );
    // Method names the version.
    let method = wb.worksheet_range("方法").unwrap();
    assert!(method.rows().any(|r| r
        .iter()
        .any(|c| matches!(c, Data::String(s) if s.contains(ttest_xl::VERSION)))));
    assert_eq!(json["items"].as_array().unwrap().len(), 15);
}
