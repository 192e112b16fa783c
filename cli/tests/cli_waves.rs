//! Three or more waves end to end (issue 14, point 2): `ttest-xl analyze` on the workbooks of
//! `tests/data/waves/` (written by `examples/make_wave_workbooks.rs`), its JSON compared with R
//! comparison by comparison, the refusals (order not certain, unknown baseline) and the result
//! workbook's sheets and trend chart.
//!
//! Expected values: `tests/reference/waves.json`, written by `tests/reference/waves.R` (R 4.2
//! `t.test` per comparison, `p.adjust` over every comparison × item, effectsize 0.8.3; trend:
//! `mean`, `sd`, `t.test(x)$conf.int`; shares of positive answers: `prop.test(correct = FALSE)`,
//! `binom.test`, Newcombe's intervals coded from the papers, Wilson intervals from
//! `prop.test(x, n, correct = FALSE)$conf.int`), which reads and cleans the workbooks
//! independently.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};
use common::{assert_rel, load_json, num, nums};
use serde_json::Value;

/// t-tests agree with R to this relative tolerance (measured: within 1e-13).
const REL: f64 = 1e-12;

fn waves(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/waves")
        .join(name)
}

fn cmd(input: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut c = Command::cargo_bin("ttest-xl").unwrap();
    c.arg("analyze")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .args(extra);
    c
}

/// Runs `analyze --json -` and returns the JSON.
fn analyze(input: &Path, out: &Path, extra: &[&str]) -> Value {
    let a = cmd(
        input,
        out,
        &[&["--json", "-", "--lang", "en"], extra].concat(),
    )
    .assert()
    .success();
    serde_json::from_slice(&a.get_output().stdout).expect("JSON on stdout")
}

/// Runs `analyze` expecting exit 2; returns stderr (English, then Japanese).
fn refused(input: &Path, extra: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let mut texts = Vec::new();
    for lang in ["en", "ja"] {
        let a = cmd(input, &out, &[&["--lang", lang], extra].concat())
            .assert()
            .code(2);
        texts.push(String::from_utf8(a.get_output().stderr.clone()).unwrap());
        assert!(!out.exists(), "nothing is written on a refusal");
    }
    (texts.remove(0), texts.remove(0))
}

fn run(name: &str) -> Value {
    load_json("waves.json")["runs"][name].clone()
}

/// Compares our wave JSON with an R run: waves, family, every comparison × item, the trend.
fn compare(ours: &Value, r: &Value, context: &str) {
    assert_eq!(ours["waves"], r["waves"], "{context}: waves");
    let names: Vec<&Value> = r["waves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["name"])
        .collect();
    assert_eq!(
        ours["groups"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        names,
        "{context}: groups"
    );
    assert_eq!(ours["adjust_family"], "waves");
    assert_eq!(ours["family_size"], r["family_size"], "{context}: family");
    let oc = ours["comparisons"].as_array().unwrap();
    let rc = r["comparisons"].as_array().unwrap();
    assert_eq!(oc.len(), rc.len(), "{context}: comparisons");
    for (o, e) in oc.iter().zip(rc) {
        let pair = format!("{context} {} → {}", e["first"], e["second"]);
        assert_eq!(o["first"], e["first"], "{pair}");
        assert_eq!(o["second"], e["second"], "{pair}");
        assert_eq!(o["design"], e["design"], "{pair}: design");
        let items = o["items"].as_array().unwrap();
        assert_eq!(items.len(), e["items"].as_array().unwrap().len(), "{pair}");
        for want in e["items"].as_array().unwrap() {
            let name = want["item"].as_str().unwrap();
            let got = items
                .iter()
                .find(|i| i["item"] == name)
                .unwrap_or_else(|| panic!("{pair}: item {name} missing"));
            let what = |f: &str| format!("{pair} {name}: {f}");
            assert_eq!(got["wave"], e["second"], "{}", what("wave"));
            assert_eq!(got["n_1"], want["n_1"], "{}", what("n_1"));
            assert_eq!(got["n_2"], want["n_2"], "{}", what("n_2"));
            for f in [
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
                "hedges_g",
            ] {
                assert_rel(num(&got[f]), num(&want[f]), REL, &what(f));
            }
            // The shares of positive answers (R: prop.test(correct = FALSE) / binom.test and
            // Newcombe's intervals; the p adjusted over every comparison × item, own family).
            assert_eq!(
                nums(&got["share_positive"]),
                nums(&want["share_positive"]),
                "{}",
                what("share_positive")
            );
            for f in [
                "share_1",
                "share_2",
                "share_diff",
                "share_conf_low",
                "share_conf_high",
                "share_p_value",
                "share_p_adjusted",
            ] {
                assert_rel(num(&got[f]), num(&want[f]), REL, &what(f));
            }
        }
    }
    let ot = ours["trend"].as_array().unwrap();
    let rt = r["trend"].as_array().unwrap();
    assert_eq!(ot.len(), rt.len(), "{context}: trend points");
    for want in rt {
        let got = ot
            .iter()
            .find(|t| t["item"] == want["item"] && t["wave"] == want["wave"])
            .unwrap_or_else(|| panic!("{context}: trend {want} missing"));
        let what = |f: &str| format!("{context} trend {} {}: {f}", want["item"], want["wave"]);
        assert_eq!(got["n"], want["n"], "{}", what("n"));
        for f in ["mean", "sd", "conf_low", "conf_high"] {
            assert_rel(num(&got[f]), num(&want[f]), REL, &what(f));
        }
        // The share of positive answers of the wave with its Wilson interval (R:
        // prop.test(x, n, correct = FALSE)$conf.int).
        assert_eq!(
            nums(&got["share_positive"]),
            nums(&want["share_positive"]),
            "{}",
            what("share_positive")
        );
        assert_eq!(
            got["share_count"],
            want["share_count"],
            "{}",
            what("share_count")
        );
        for f in ["share", "share_conf_low", "share_conf_high"] {
            assert_rel(num(&got[f]), num(&want[f]), REL, &what(f));
        }
    }
}

#[test]
fn yearly_anonymous_waves_match_r_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let p = waves("yearly_anonymous.xlsx");
    // The sheets are 令和5年度, 令和4年度, 令和6年度 in the workbook: time order comes from the names.
    let json = analyze(&p, &out, &[]);
    compare(&json, &run("yearly_baseline"), "baseline");
    assert_eq!(json["comparison"], "baseline");
    assert_eq!(json["baseline"], "令和4年度");
    assert_eq!(
        json["council"],
        serde_json::json!(["令和4年度", "令和6年度"])
    );
    // Independent: each comparison is Welch's test (no ID; `No` counts answers).
    for c in json["comparisons"].as_array().unwrap() {
        assert_eq!(c["test"], "welch");
    }
    let json = analyze(&p, &out, &["--consecutive", "--force"]);
    compare(&json, &run("yearly_consecutive"), "consecutive");
    assert_eq!(json["comparison"], "consecutive");
    assert!(json["baseline"].is_null());
    assert_eq!(
        json["council"],
        serde_json::json!(["令和5年度", "令和6年度"])
    );
    let json = analyze(&p, &out, &["--baseline", "令和5年度", "--force"]);
    compare(&json, &run("yearly_baseline_r5"), "baseline 令和5年度");
    let json = analyze(&p, &out, &["--adjust", "bonferroni", "--force"]);
    compare(&json, &run("yearly_bonferroni"), "bonferroni");
    // The order given with --sheets is the time order, and gives the same result.
    let json = analyze(
        &p,
        &out,
        &["--sheets", "令和4年度,令和5年度,令和6年度", "--force"],
    );
    compare(&json, &run("yearly_baseline"), "named");
}

#[test]
fn id_paired_rounds_pair_each_comparison_and_match_r() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let p = waves("paired_rounds.xlsx");
    let json = analyze(&p, &out, &[]);
    compare(&json, &run("rounds_baseline"), "rounds baseline");
    for c in json["comparisons"].as_array().unwrap() {
        assert_eq!(c["test"], "paired");
    }
    // The Waves sheet's share table: the exact McNemar test, n = complete pairs.
    let w = sheet_text(&out, "Waves");
    let sh = w
        .iter()
        .rposition(|r| r[0] == "Comparison")
        .expect("the shares' table");
    let rows: Vec<&Vec<String>> = w[sh + 1..]
        .iter()
        .take_while(|r| r[0].contains('→') && !r[1].is_empty())
        .collect();
    assert_eq!(rows.len(), 10);
    for (row, it) in rows.iter().zip(
        json["comparisons"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["items"].as_array().unwrap()),
    ) {
        assert_eq!(row[head_col(&w[sh], "Test")], "exact McNemar");
        assert_eq!(row[1], it["item"].as_str().unwrap());
        assert_eq!(row[head_col(&w[sh], "n (earlier)")], it["n_1"].to_string());
        assert_rel(
            row[head_col(&w[sh], "p adjusted (all comparisons)")]
                .parse()
                .unwrap(),
            num(&it["share_p_adjusted"]),
            1e-15,
            "paired share p adjusted",
        );
    }
    let json = analyze(&p, &out, &["--consecutive", "--force"]);
    compare(&json, &run("rounds_consecutive"), "rounds consecutive");
}

#[test]
fn waves_whose_order_is_not_certain_are_refused_naming_the_option() {
    let (en, ja) = refused(&waves("unordered.xlsx"), &[]);
    assert!(
        en.contains("3 sheets have the same item headers")
            && en.contains("--sheets 本庁,支所,出先機関"),
        "{en}"
    );
    assert!(
        ja.contains("時期の順序が判断できない") && ja.contains("--sheets 本庁,支所,出先機関"),
        "{ja}"
    );
    // 3か月後 and 1年後 are both "after": the order is not guessed either.
    let messy = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("tests/data/messy/three_waves.xlsx");
    let (en, _) = refused(&messy, &[]);
    assert!(en.contains("--sheets 事前,3か月後,1年後"), "{en}");
    // Named in order, they are waves.
    let dir = tempfile::tempdir().unwrap();
    let json = analyze(
        &waves("unordered.xlsx"),
        &dir.path().join("r.xlsx"),
        &["--sheets", "出先機関,本庁,支所"],
    );
    assert_eq!(
        json["groups"],
        serde_json::json!(["出先機関", "本庁", "支所"])
    );
}

#[test]
fn baseline_and_consecutive_are_checked() {
    let p = waves("yearly_anonymous.xlsx");
    let (en, ja) = refused(&p, &["--baseline", "令和2年度"]);
    assert!(
        en.contains("--baseline 令和2年度: no such wave")
            && en.contains("令和4年度, 令和5年度, 令和6年度"),
        "{en}"
    );
    assert!(ja.contains("その名前の時点はありません"), "{ja}");
    let (en, ja) = refused(&p, &["--baseline", "令和6年度"]);
    assert!(
        en.contains("latest wave") && en.contains("--consecutive"),
        "{en}"
    );
    assert!(ja.contains("最新の時点"), "{ja}");
    let (en, _) = refused(&p, &["--by", "No"]);
    assert!(
        en.contains("--by No is not available with three or more waves"),
        "{en}"
    );
    // Two conditions: --baseline and --consecutive do not apply.
    let staff = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("examples/staff_survey.xlsx");
    let (en, ja) = refused(&staff, &["--consecutive"]);
    assert!(
        en.contains("--consecutive applies to three or more waves"),
        "{en}"
    );
    assert!(ja.contains("3 時点以上"), "{ja}");
    // A wave named twice.
    let (en, _) = refused(&p, &["--sheets", "令和4年度,令和5年度,令和4年度"]);
    assert!(en.contains("twice"), "{en}");
}

#[test]
fn a_hidden_sheet_is_a_wave_only_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let p = waves("hidden_copy.xlsx");
    let json = analyze(&p, &out, &[]);
    assert_eq!(
        json["groups"],
        serde_json::json!(["令和4年度", "令和5年度", "令和6年度"])
    );
    let json = analyze(
        &p,
        &out,
        &[
            "--sheets",
            "令和3年度,令和4年度,令和5年度,令和6年度",
            "--force",
        ],
    );
    assert_eq!(json["waves"][0]["name"], "令和3年度");
    assert_eq!(json["comparisons"].as_array().unwrap().len(), 3);
}

fn sheet_text(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(x) => x.to_string(),
                    Data::Int(x) => x.to_string(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn result_workbook_has_the_council_comparison_every_comparison_and_the_trend() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let json = analyze(&waves("yearly_anonymous.xlsx"), &out, &[]);
    let wb = open_workbook_auto(&out).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.first().map(String::as_str), Some("Council summary"));
    assert!(names.iter().any(|n| n == "Waves") && names.iter().any(|n| n == "Trend"));
    // The council sheet: the latest wave against the baseline, and a line naming the waves.
    let council = sheet_text(&out, "Council summary");
    assert!(council[0][0].contains("令和4年度") && council[0][0].contains("令和6年度"));
    let all: String = council
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all.contains(
            "Waves (earliest first): 令和4年度 (n = 58) → 令和5年度 (n = 62) → 令和6年度 (n = 66)"
        ),
        "{all}"
    );
    assert!(
        all.contains("every comparison of two waves × item"),
        "{all}"
    );
    // The shares' foot line names their family: every comparison × item, not the items alone.
    assert!(
        all.contains(
            "the shares' p-values are adjusted over every comparison of two waves × item (Holm"
        ),
        "{all}"
    );
    // Waves: one row per comparison × item, the adjusted p as in the JSON.
    let w = sheet_text(&out, "Waves");
    let head = w.iter().position(|r| r[0] == "Comparison").unwrap();
    let rows: Vec<&Vec<String>> = w[head + 1..]
        .iter()
        .take_while(|r| r[0].contains('→') && !r[1].is_empty())
        .collect();
    assert_eq!(rows.len(), 10);
    let q = head_col(&w[head], "p adjusted (all comparisons)");
    let items = json["comparisons"][1]["items"].as_array().unwrap();
    for it in items {
        let row = rows
            .iter()
            .find(|r| r[0] == "令和4年度 → 令和6年度" && r[1] == it["item"].as_str().unwrap())
            .unwrap();
        assert_rel(
            row[q].parse().unwrap(),
            num(&it["p_adjusted"]),
            1e-15,
            "Waves p adj",
        );
    }
    // The table of the shares of positive answers below it: every comparison × item in %, the
    // change in points, as in the JSON.
    let sh = head
        + 1
        + w[head + 1..]
            .iter()
            .position(|r| r[0] == "Comparison")
            .expect("a second table: the shares");
    assert_eq!(w[sh - 2][0], "Shares of positive answers");
    let share_rows: Vec<&Vec<String>> = w[sh + 1..]
        .iter()
        .take_while(|r| r[0].contains('→') && !r[1].is_empty())
        .collect();
    assert_eq!(share_rows.len(), 10);
    for (k, cmp) in json["comparisons"].as_array().unwrap().iter().enumerate() {
        let label = format!(
            "{} → {}",
            cmp["first"].as_str().unwrap(),
            cmp["second"].as_str().unwrap()
        );
        for it in cmp["items"].as_array().unwrap() {
            let row = share_rows
                .iter()
                .find(|r| r[0] == label && r[1] == it["item"].as_str().unwrap())
                .unwrap_or_else(|| panic!("Waves row {label} {k}"));
            assert_eq!(row[head_col(&w[sh], "Test")], "chi-square");
            assert_eq!(row[head_col(&w[sh], "Positive scores")], "4, 5");
            for (col, key, scale) in [
                ("Positive % (earlier)", "share_1", 100.0),
                ("Positive % (later)", "share_2", 100.0),
                ("Change (points)", "share_diff", 100.0),
                ("CI low", "share_conf_low", 100.0),
                ("CI high", "share_conf_high", 100.0),
                ("p", "share_p_value", 1.0),
                ("p adjusted (all comparisons)", "share_p_adjusted", 1.0),
            ] {
                let c = head_col(&w[sh], col);
                assert_rel(
                    row[c].parse().unwrap(),
                    num(&it[key]) * scale,
                    1e-14,
                    &format!("Waves {label} {col}"),
                );
            }
        }
    }
    let all: String = w.iter().flatten().cloned().collect::<Vec<_>>().join("\n");
    assert!(all.contains("How each comparison was paired"), "{all}");
    assert!(
        all.contains("Pearson's chi-square test without continuity correction"),
        "{all}"
    );
    // Method: the waves and the family.
    let m = sheet_text(&out, "Method");
    let all: String = m.iter().flatten().cloned().collect::<Vec<_>>().join("\n");
    assert!(all.contains("10 p-values tested (one family)"), "{all}");
    assert!(
        all.contains("(with waves: every comparison of two waves × item together)"),
        "{all}"
    );
    // Trend: a table of 5 items × 3 waves and one line chart per item with custom error bars
    // from the CI columns.
    let t = sheet_text(&out, "Trend");
    let th = t
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("Item"))
        .unwrap();
    assert_eq!(t[th + 1..].iter().filter(|r| !r[0].is_empty()).count(), 15);
    // The share of positive answers of each wave in %, its Wilson limits and the error-bar
    // lengths, as in the JSON trend.
    let all: String = t.iter().flatten().cloned().collect::<Vec<_>>().join("\n");
    assert!(
        all.contains("Share of positive answers (scores 4, 5, as in the comparisons)"),
        "{all}"
    );
    let col = |name: &str| head_col(&t[th], name);
    for p in json["trend"].as_array().unwrap() {
        let row = t[th + 1..]
            .iter()
            .find(|r| r[0] == p["item"].as_str().unwrap() && r[1] == p["wave"].as_str().unwrap())
            .unwrap();
        let cell = |name: &str| -> f64 { row[col(name)].parse().unwrap() };
        let (v, lo, hi) = (
            num(&p["share"]) * 100.0,
            num(&p["share_conf_low"]) * 100.0,
            num(&p["share_conf_high"]) * 100.0,
        );
        assert_eq!(cell("Positive answers"), num(&p["share_count"]));
        assert_rel(cell("Positive %"), v, 1e-14, "Trend %");
        assert_rel(cell("% CI low"), lo, 1e-14, "Trend % low");
        assert_rel(cell("% CI high"), hi, 1e-14, "Trend % high");
        assert_rel(cell("% CI +"), hi - v, 1e-12, "Trend % +");
        assert_rel(cell("% CI −"), v - lo, 1e-12, "Trend % −");
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let parts: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    let charts: Vec<String> = parts
        .iter()
        .map(|n| {
            let mut s = String::new();
            zip.by_name(n).unwrap().read_to_string(&mut s).unwrap();
            s
        })
        .collect();
    let trend: Vec<&String> = charts
        .iter()
        .filter(|c| c.contains("<c:lineChart>") && c.contains("Trend!$D$"))
        .collect();
    assert_eq!(trend.len(), 5);
    for c in trend {
        assert!(
            c.contains("<c:errBarType val=\"both\"/>")
                && part(c, "c:plus").contains("Trend!$H$")
                && part(c, "c:minus").contains("Trend!$I$"),
            "{c}"
        );
    }
    // A second chart per item: the share in %, on 0–100, error bars from the % CI columns.
    let shares: Vec<&String> = charts
        .iter()
        .filter(|c| c.contains("<c:lineChart>") && c.contains("Trend!$K$"))
        .collect();
    assert_eq!(shares.len(), 5);
    for c in shares {
        assert!(
            c.contains("<c:errBarType val=\"both\"/>")
                && part(c, "c:plus").contains("Trend!$N$")
                && part(c, "c:minus").contains("Trend!$O$")
                && c.contains("<c:max val=\"100\"/>")
                && c.contains("<c:min val=\"0\"/>")
                && c.contains("positive answers %"),
            "{c}"
        );
    }
}

/// The text inside the first `<tag>…</tag>` of `xml` (empty when there is none).
fn part<'a>(xml: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let Some(a) = xml.find(&open) else { return "" };
    let rest = &xml[a + open.len()..];
    &rest[..rest.find(&format!("</{tag}>")).unwrap_or(rest.len())]
}

fn head_col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn a_group_column_with_three_values_is_waves_in_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let p = waves("long_format.xlsx");
    // The 2024年度 rows come first in the sheet: the order comes from the values.
    let json = analyze(&p, &out, &["--group", "年度"]);
    compare(&json, &run("long_baseline"), "group column");
    let json = analyze(
        &p,
        &out,
        &[
            "--group",
            "年度",
            "--levels",
            "2022年度,2023年度,2024年度",
            "--force",
        ],
    );
    compare(&json, &run("long_baseline"), "group column, --levels");
    // --levels must name every value, each once.
    let (en, ja) = refused(
        &p,
        &["--group", "年度", "--levels", "2022年度,2023年度,2025年度"],
    );
    assert!(
        en.contains("--levels names 2025年度")
            && en.contains("--levels 2024年度,2022年度,2023年度"),
        "{en}"
    );
    assert!(ja.contains("--levels で古い順にすべての値を指定"), "{ja}");
}

#[test]
fn a_column_of_departments_is_no_waves() {
    // 所属 holds six departments: no time, so the two-group refusal stands, naming --levels.
    let staff = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("examples/staff_survey.xlsx");
    let (en, ja) = refused(&staff, &["--sheet", "事前", "--group", "所属"]);
    assert!(
        en.contains("must hold exactly two different values") && en.contains("--levels A,B,C"),
        "{en}"
    );
    assert!(ja.contains("--levels A,B,C"), "{ja}");
    // --levels with three values on such a column: every value must be named.
    let (en, _) = refused(
        &staff,
        &["--sheet", "事前", "--group", "所属", "--levels", "a,b,c"],
    );
    assert!(en.contains("--levels names a"), "{en}");
}

/// Holm over `p` (R: `p.adjust(p, "holm")`), written out so the family tests below check which
/// p-values form the family, not the adjustment itself (that is `engine_p_adjust.rs`).
fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let mut out = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (k, &i) in order.iter().enumerate() {
        running = running.max(((m - k) as f64 * p[i]).min(1.0));
        out[i] = running;
    }
    out
}

/// `--equivalence` and the shares of positive answers with waves: each is one Holm family over
/// every comparison × item, like the difference p-values (the rule of `--equivalence` and of the
/// shares, stated on the Method sheet).
#[test]
fn equivalence_and_share_p_values_are_adjusted_over_waves_times_items() {
    let dir = tempfile::tempdir().unwrap();
    let json = analyze(
        &waves("yearly_anonymous.xlsx"),
        &dir.path().join("r.xlsx"),
        &["--equivalence", "0.3"],
    );
    for (raw, adjusted) in [
        ("equivalence_p_value", "equivalence_p_adjusted"),
        ("share_p_value", "share_p_adjusted"),
    ] {
        let items: Vec<&Value> = json["comparisons"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["items"].as_array().unwrap())
            .filter(|i| i[raw].is_number())
            .collect();
        let m = items.len();
        assert_eq!(m, json["family_size"].as_u64().unwrap() as usize, "{raw}");
        assert!(m > 5, "more than one comparison's items: {m}");
        let p: Vec<f64> = items.iter().map(|i| num(&i[raw])).collect();
        for (i, q) in items.iter().zip(holm(&p)) {
            assert_rel(num(&i[adjusted]), q, 1e-15, adjusted);
        }
    }
}

/// The trend counts the positive answers the comparisons use: `--positive 5` on both.
#[test]
fn the_trend_shares_use_the_positive_answers_of_the_comparisons() {
    let dir = tempfile::tempdir().unwrap();
    let json = analyze(
        &waves("yearly_anonymous.xlsx"),
        &dir.path().join("r.xlsx"),
        &["--positive", "5"],
    );
    let default = analyze(
        &waves("yearly_anonymous.xlsx"),
        &dir.path().join("r2.xlsx"),
        &[],
    );
    for c in json["comparisons"].as_array().unwrap() {
        for it in c["items"].as_array().unwrap() {
            assert_eq!(nums(&it["share_positive"]), vec![5.0]);
        }
    }
    let (top, two) = (
        json["trend"].as_array().unwrap(),
        default["trend"].as_array().unwrap(),
    );
    assert_eq!(top.len(), 15);
    for (p, q) in top.iter().zip(two) {
        assert_eq!(nums(&p["share_positive"]), vec![5.0]);
        assert_eq!(p["n"], q["n"]);
        assert!(num(&p["share_count"]) < num(&q["share_count"]), "{p} {q}");
        assert_rel(
            num(&p["share"]),
            num(&p["share_count"]) / num(&p["n"]),
            1e-15,
            "share = count / n",
        );
    }
}

/// Each comparison decides its positive answers on its own two waves: plain numbers whose highest
/// answer is 5 in two waves and 6 in the third give 4, 5 in one comparison and 5, 6 in the other.
/// The trend then shows no share for those items (no second rule is invented), says so on the
/// Trend sheet naming --positive, and the Waves sheet still lists each comparison's shares.
#[test]
fn positive_answers_that_differ_between_comparisons_give_no_share_trend() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tops.xlsx");
    let mut wb = Workbook::new();
    for (sheet, top) in [("令和4年度", 5usize), ("令和5年度", 5), ("令和6年度", 6)] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (c, h) in ["No", "Q1", "Q2"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for i in 0..24u32 {
            ws.write_number(i + 1, 0, f64::from(i + 1)).unwrap();
            for q in 0..2u16 {
                let v = (i as usize + q as usize * 2) % top + 1;
                ws.write_number(i + 1, q + 1, v as f64).unwrap();
            }
        }
    }
    wb.save(&input).unwrap();
    let out = dir.path().join("r.xlsx");
    let json = analyze(&input, &out, &[]);
    let sets: Vec<Vec<f64>> = json["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| nums(&c["items"][0]["share_positive"]))
        .collect();
    assert_eq!(sets, vec![vec![4.0, 5.0], vec![5.0, 6.0]]);
    for p in json["trend"].as_array().unwrap() {
        assert!(
            p.get("share").is_none() && p.get("share_count").is_none(),
            "{p}"
        );
        assert!(p["mean"].is_number(), "{p}");
    }
    let t = sheet_text(&out, "Trend");
    let all: String = t.iter().flatten().cloned().collect::<Vec<_>>().join("\n");
    assert!(
        all.contains("No share trend for Q1 (4, 5 / 5, 6), Q2 (4, 5 / 5, 6)")
            && all.contains("--positive"),
        "{all}"
    );
    assert!(!all.contains("Positive %"), "{all}");
    let w = sheet_text(&out, "Waves");
    assert!(w.iter().any(|r| r[0] == "Shares of positive answers"));
    // With --positive the comparisons agree and the trend has its shares.
    let json = analyze(&input, &dir.path().join("r2.xlsx"), &["--positive", "5,6"]);
    for p in json["trend"].as_array().unwrap() {
        assert_eq!(nums(&p["share_positive"]), vec![5.0, 6.0], "{p}");
    }
}
