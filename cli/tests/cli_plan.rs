//! `ttest-xl plan` end to end: the numbers it prints are R's (pwr.t.test, power.prop.test, from
//! the committed fixtures), rounded up; bad options exit 2 with a message naming the fix.

#[path = "../../tests/common/mod.rs"]
mod common;

use common::cli::ttest_xl;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = ttest_xl("en_US.UTF-8")
        .arg("plan")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sample_sizes_are_r_values_rounded_up() {
    // R: uniroot on pwr.t.test's power for d = 0.5, two.sample (tests/reference/power.json).
    let power = common::load_json("power.json");
    let case = power["solve_n"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "two.sample" && c["alternative"] == "two.sided" && c["d"] == 0.5)
        .unwrap();
    let a = json(&["--d", "0.5"]);
    assert_eq!(a["respondents"], case["n"].as_f64().unwrap().ceil() as u64);
    assert!(
        (a["respondents_unlimited"].as_f64().unwrap() / case["n"].as_f64().unwrap() - 1.0).abs()
            < 1e-12
    );

    // R: power.prop.test(p1 = 0.62, p2 = 0.70, power = 0.8) (tests/reference/power_prop.json).
    let prop = common::load_json("power_prop.json");
    let n = prop["cases"][0]["n"].as_f64().unwrap();
    let a = json(&[
        "--share",
        "62",
        "--to",
        "70",
        "--staff",
        "850",
        "--response-rate",
        "70",
    ]);
    assert_eq!(a["respondents"], n.ceil() as u64);
    assert_eq!(a["invite"], (n.ceil() / 0.7).ceil() as u64);
    assert_eq!(a["reachable"], true);
    // Shown for reference only: the finite-population figure.
    assert_eq!(
        a["respondents_with_fpc"],
        (n / (1.0 + (n - 1.0) / 850.0)).ceil() as u64
    );
}

#[test]
fn text_in_japanese_and_refusals_exit_2() {
    let out = ttest_xl("ja_JP.UTF-8")
        .args(["plan", "--change", "0.3", "--sd", "0.9", "--paired"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("組") && text.contains("平均の 0.300 点の変化"),
        "{text}"
    );

    let out = ttest_xl("ja_JP.UTF-8")
        .args(["plan", "--change", "0.3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--sd"), "{err}");
    assert!(out.stdout.is_empty());

    let out = ttest_xl("en_US.UTF-8")
        .args(["plan", "--share", "60", "--to", "70", "--paired"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
