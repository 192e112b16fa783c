//! End-to-end: `ttest-xl analyze --equivalence X` and the BF₁₀ column, JSON and workbook, against
//! `tests/reference/analyze_equivalence.json` from `tests/reference/analyze_equivalence.py`
//! (statsmodels 0.15 `ttost_paired` / `ttost_ind(usevar = "unequal" | "pooled")`,
//! `tconfint_*`, `multipletests(method = "holm")`; BF₁₀ by mpmath quadrature of Rouder et al.
//! 2009 on scipy's t), which reads and cleans the same workbooks independently with openpyxl.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use common::cli::{example, ttest_xl};
use common::{assert_abs, assert_rel, load_json, num};
use serde_json::Value;

/// Published requirement: the t-tests' REL_TTEST = 1e-10. Measured against statsmodels on these
/// 49 items (JSON and workbook): TOST p and adjusted p ≤ 1.4e-14 relative, interval limits
/// ≤ 7.8e-16 absolute; asserted at about twice that.
const REL_TOST_P: f64 = 3e-14;
const ABS_TOST_CI: f64 = 1.6e-15;
/// Published requirement (issue 15): 1e-7 relative to BayesFactor. Measured against the mpmath
/// integral (30 digits) on scipy's t: ≤ 8.1e-15 relative; asserted at about twice that.
const REL_BF: f64 = 1.6e-14;

fn groups_workbook() -> PathBuf {
    common::reference_path("analyze_groups.xlsx")
}

/// The options of each reference run (as analyze_equivalence.py analyses it).
fn run_args(name: &str) -> (PathBuf, Vec<&'static str>) {
    match name {
        "staff_paired" => (example(), vec!["--equivalence", "0.3"]),
        "staff_welch" => (example(), vec!["--test", "welch", "--equivalence", "0.3"]),
        "staff_student" => (
            example(),
            vec!["--test", "student", "--equivalence", "0.25"],
        ),
        "groups_welch" => (
            groups_workbook(),
            vec![
                "--group",
                "性別",
                "--levels",
                "男性,女性",
                "--scale",
                "そう思う=4",
                "--equivalence",
                "0.5",
            ],
        ),
        other => panic!("run {other}"),
    }
}

fn analyze(input: &Path, extra: &[&str], lang: &str, dir: &Path) -> (Value, PathBuf) {
    let out = dir.join("results.xlsx");
    let assert = ttest_xl("C")
        .arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(["--json", "-", "--quiet", "--lang", lang])
        .args(extra)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    (serde_json::from_str(&stdout).expect("JSON on stdout"), out)
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn cell_num(d: &Data) -> f64 {
    match d {
        Data::Float(v) => *v,
        Data::Int(v) => *v as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn equivalence_and_bayes_factor_match_statsmodels_and_mpmath() {
    let fixture = load_json("analyze_equivalence.json");
    for (name, run) in fixture["runs"].as_object().unwrap() {
        let dir = tempfile::tempdir().unwrap();
        let (input, args) = run_args(name);
        let (json, _) = analyze(&input, &args, "en", dir.path());
        assert_eq!(json["equivalence_bound"].as_f64(), run["bound"].as_f64());
        let want = run["items"].as_array().unwrap();
        // The whole-sample block comes first, in item order.
        let ours: Vec<&Value> = json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["by"].is_null())
            .collect();
        assert_eq!(ours.len(), want.len(), "{name}");
        for (o, w) in ours.iter().zip(want) {
            let what = format!("{name} {}", w["item"]);
            assert_eq!(o["item"], w["item"]);
            assert_eq!(o["n_1"], w["n_1"], "{what}");
            assert_eq!(o["n_2"], w["n_2"], "{what}");
            assert_eq!(o["equivalence_bound"].as_f64(), run["bound"].as_f64());
            for key in ["equivalence_p_value", "equivalence_p_adjusted"] {
                assert_rel(
                    num(&o[key]),
                    num(&w[key]),
                    REL_TOST_P,
                    &format!("{what} {key}"),
                );
            }
            for key in ["equivalence_conf_low", "equivalence_conf_high"] {
                assert_abs(
                    num(&o[key]),
                    num(&w[key]),
                    ABS_TOST_CI,
                    &format!("{what} {key}"),
                );
            }
            assert_eq!(o["equivalent"], w["equivalent"], "{what}");
            assert_rel(
                num(&o["bf10"]),
                num(&w["bf10"]),
                REL_BF,
                &format!("{what} bf10"),
            );
        }
    }
}

#[test]
fn the_fixture_has_items_both_within_and_not_within_the_bounds() {
    // Otherwise the `equivalent` comparison above could pass with a constant.
    let fixture = load_json("analyze_equivalence.json");
    let all: Vec<bool> = fixture["runs"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|r| r["items"].as_array().unwrap().clone())
        .map(|i| i["equivalent"].as_bool().unwrap())
        .collect();
    assert!(all.iter().any(|&e| e) && all.iter().any(|&e| !e));
}

#[test]
fn workbook_shows_the_columns_sentences_and_method_in_japanese() {
    let fixture = load_json("analyze_equivalence.json");
    let want = fixture["runs"]["staff_paired"]["items"].as_array().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = analyze(&example(), &["--equivalence", "0.3"], "ja", dir.path());

    let rows = sheet(&out, "結果");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    let col = |h: &str| {
        header
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("no column {h} in {header:?}"))
    };
    let (bf, p, padj, lo, hi, verdict) = (
        col("ベイズ因子 BF₁₀（両側）"),
        col("同等性 p（±0.3）"),
        col("補正後 同等性 p（holm）"),
        col("90% 信頼区間 下限（同等性）"),
        col("90% 信頼区間 上限（同等性）"),
        col("±0.3 点の範囲内か"),
    );
    for (row, w) in rows[1..].iter().zip(want) {
        assert_eq!(text(&row[0]), w["item"].as_str().unwrap());
        let what = w["item"].as_str().unwrap();
        assert_rel(cell_num(&row[bf]), num(&w["bf10"]), REL_BF, what);
        assert_rel(
            cell_num(&row[p]),
            num(&w["equivalence_p_value"]),
            REL_TOST_P,
            what,
        );
        assert_rel(
            cell_num(&row[padj]),
            num(&w["equivalence_p_adjusted"]),
            REL_TOST_P,
            what,
        );
        assert_abs(
            cell_num(&row[lo]),
            num(&w["equivalence_conf_low"]),
            ABS_TOST_CI,
            what,
        );
        assert_abs(
            cell_num(&row[hi]),
            num(&w["equivalence_conf_high"]),
            ABS_TOST_CI,
            what,
        );
        let expected = if w["equivalent"].as_bool().unwrap() {
            "範囲内と言える"
        } else {
            "範囲内とは言えない"
        };
        assert_eq!(text(&row[verdict]), expected, "{what}");
    }

    // One sentence per item on the Summary sheet, one on the council sheet (polite style).
    let all_text = |name: &str| -> String {
        sheet(&out, name)
            .iter()
            .flatten()
            .map(text)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let summary = all_text("概要");
    let council = all_text("議会資料");
    for w in want {
        let item = w["item"].as_str().unwrap();
        let line = summary
            .lines()
            .find(|l| l.starts_with(&format!("{item}: ")))
            .unwrap_or_else(|| panic!("no summary line for {item}"));
        if w["equivalent"].as_bool().unwrap() {
            assert!(
                line.contains("差は ±0.3 点の範囲内と言える（同等性の検定、補正後 p "),
                "{line}"
            );
        } else {
            assert!(line.contains("差は ±0.3 点の範囲内と言えない（"), "{line}");
        }
        assert!(line.contains("90% 信頼区間［"), "{line}");
    }
    let yes = want
        .iter()
        .filter(|w| w["equivalent"].as_bool().unwrap())
        .count();
    assert_eq!(
        council.matches("差は ±0.3 点の範囲内と言えます（").count(),
        yes
    );
    assert_eq!(
        council
            .matches("差が ±0.3 点の範囲内とは言えません（")
            .count(),
        want.len() - yes
    );

    let method = all_text("方法");
    assert!(method.contains("ベイズ因子\nBF₁₀ は"), "{method}");
    assert!(method.contains("同等性の検定\n同じ t 検定による 2 つの片側検定"));
    assert!(
        method.contains("同じ方法（Holm 法による補正）で設問間の補正"),
        "{method}"
    );
}

#[test]
fn without_the_option_json_has_bf10_and_no_equivalence_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(&example(), &[], "en", dir.path());
    assert!(json.get("equivalence_bound").is_none());
    let fixture = load_json("analyze_equivalence.json");
    let want = fixture["runs"]["staff_paired"]["items"].as_array().unwrap();
    for (o, w) in json["items"].as_array().unwrap().iter().zip(want) {
        assert!(o.get("equivalence_p_value").is_none() && o.get("equivalent").is_none());
        assert_rel(num(&o["bf10"]), num(&w["bf10"]), REL_BF, "bf10");
    }
    let header: Vec<String> = sheet(&out, "Results")[0].iter().map(text).collect();
    assert!(header.iter().any(|h| h == "BF₁₀ (Bayes factor, two-sided)"));
    assert!(!header.iter().any(|h| h.contains("quivalence")));
    // The council sheet has no Bayes factor and, without the option, no equivalence sentence.
    let council: String = sheet(&out, "Council summary")
        .iter()
        .flatten()
        .map(text)
        .collect();
    assert!(!council.contains("BF") && !council.contains("±"));
}

#[test]
fn rank_tests_say_equivalence_is_not_available() {
    let dir = tempfile::tempdir().unwrap();
    let (json, out) = analyze(
        &example(),
        &["--test", "wilcoxon", "--equivalence", "0.3"],
        "en",
        dir.path(),
    );
    for o in json["items"].as_array().unwrap() {
        assert!(o["equivalence_p_value"].is_null() && o["equivalent"].is_null());
        assert!(o["bf10"].is_null());
    }
    let warnings = json["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("--equivalence is not available with the Wilcoxon signed-rank test")),
        "{warnings:?}"
    );
    let method: String = sheet(&out, "Method")
        .iter()
        .flatten()
        .map(text)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(method.contains("equivalence test is available here for t-tests only"));
}

#[test]
fn a_bad_margin_is_refused_in_both_languages_with_exit_2() {
    for bad in ["0", "-0.3", "NaN", "inf", "abc", "0.3点"] {
        for (lang, says) in [
            (
                "en_US.UTF-8",
                "--equivalence needs the equivalence margin in raw points",
            ),
            ("ja_JP.UTF-8", "--equivalence には同等とみなす差の幅を"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("r.xlsx");
            let assert = ttest_xl(lang)
                .arg("analyze")
                .arg(example())
                .arg("-o")
                .arg(&out)
                .args(["--equivalence", bad])
                .assert()
                .code(2);
            let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
            assert!(stderr.contains(says), "{bad} {lang}: {stderr}");
            assert!(!out.exists());
        }
    }
    // Full-width digits typed with a Japanese IME are read as the number they show.
    let dir = tempfile::tempdir().unwrap();
    let (json, _) = analyze(&example(), &["--equivalence", "０．３"], "en", dir.path());
    assert_eq!(json["equivalence_bound"].as_f64(), Some(0.3));
}
