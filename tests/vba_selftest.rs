//! The self-test routine `TTXL_SelfTest` in `vba/TTestXL.bas` carries R's reference values as
//! VBA literals (VBA cannot read JSON). This test checks those literals, and the self-test's data,
//! against `tests/reference/vba_selftest.json`, written by `tests/reference/vba_selftest.R`, so the
//! routine a user runs in Excel compares the DLL with R and not with numbers someone typed.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

fn module_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("vba/TTestXL.bas");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `Expect "key", literal, ...` call of the module: (line, key, literal).
fn expect_calls(text: &str) -> Vec<(usize, String, f64)> {
    let mut calls = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(rest) = line.trim().strip_prefix("Expect \"") else {
            continue;
        };
        let (key, rest) = rest.split_once('"').expect("closing quote of the key");
        let literal = rest
            .trim_start_matches(',')
            .split(',')
            .next()
            .expect("expected value")
            .trim();
        let value: f64 = literal
            .parse()
            .unwrap_or_else(|_| panic!("line {}: {literal:?} is not a number", i + 1));
        calls.push((i + 1, key.to_owned(), value));
    }
    calls
}

/// The values of `name = Array(...)` in the self-test: Empty and text cells are missing (None).
fn data_array(text: &str, name: &str) -> Vec<Option<f64>> {
    let prefix = format!("{name} = Array(");
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line {prefix}...) in the module"));
    let inner = line[prefix.len()..].trim_end_matches(')');
    inner
        .split(',')
        .map(|v| {
            let v = v.trim();
            if v == "Empty" || v.starts_with('"') {
                None
            } else {
                Some(v.parse().unwrap_or_else(|_| panic!("{v:?} in {name}")))
            }
        })
        .collect()
}

#[test]
fn self_test_literals_are_r_values() {
    let reference = common::load_json("vba_selftest.json");
    let calls = expect_calls(&module_text());
    assert!(calls.len() >= 60, "only {} Expect calls found", calls.len());
    for (line, key, literal) in &calls {
        let want = common::num(
            reference
                .get(key)
                .unwrap_or_else(|| panic!("line {line}: key {key:?} is not in vba_selftest.json")),
        );
        // The VBA editor keeps 15 significant digits of a literal.
        common::assert_rel(*literal, want, 1e-14, &format!("line {line}: {key}"));
    }
}

#[test]
fn every_reference_value_is_checked_by_the_self_test() {
    let reference = common::load_json("vba_selftest.json");
    let used: BTreeSet<String> = expect_calls(&module_text())
        .into_iter()
        .map(|(_, key, _)| key)
        .collect();
    for key in reference.as_object().expect("object").keys() {
        if !key.starts_with("data.") {
            assert!(
                used.contains(key),
                "{key} is never checked by TTXL_SelfTest"
            );
        }
    }
}

#[test]
fn self_test_data_are_the_r_data() {
    let reference = common::load_json("vba_selftest.json");
    let text = module_text();
    for (name, key) in [("x", "data.x"), ("y", "data.y")] {
        let vba = data_array(&text, name);
        let r: Vec<Option<f64>> = reference[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|v| v.as_f64())
            .collect();
        assert_eq!(vba.len(), r.len(), "{name}: length");
        for (i, (a, b)) in vba.iter().zip(&r).enumerate() {
            match (a, b) {
                (None, None) => {}
                (Some(a), Some(b)) => common::assert_rel(*a, *b, 1e-15, &format!("{name}[{i}]")),
                _ => panic!("{name}[{i}]: VBA {a:?}, R {b:?} (blank/text must be NA in R)"),
            }
        }
    }
}
