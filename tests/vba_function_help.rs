//! `TTXL_RegisterFunctionHelp` (issue 17, defect 15) registers Excel's Insert Function help for
//! every public worksheet function of `vba/TTestXL.bas`, with one argument description per
//! parameter (Excel shows them by position, so one missing shifts every later description).
//! LibreOffice has no `Application.MacroOptions`, so this is checked on the source.

use std::collections::BTreeMap;
use std::path::Path;

/// Statements of the module with line continuations joined and comments dropped.
fn statements() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("vba/TTestXL.bas");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let code = strip_comment(line);
        if let Some(head) = code.trim_end().strip_suffix(" _") {
            current.push_str(head);
            current.push(' ');
        } else {
            current.push_str(code);
            out.push(std::mem::take(&mut current));
        }
    }
    out
}

fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '\'' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits `text` at commas outside parentheses and strings.
fn split_top(text: &str) -> Vec<String> {
    let (mut parts, mut depth, mut in_string, mut current) = (Vec::new(), 0, false, String::new());
    for c in text.chars() {
        match c {
            '"' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                parts.push(std::mem::take(&mut current).trim().to_owned());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_owned());
    }
    parts
}

/// Public functions of the module and their parameter counts.
fn public_functions() -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for s in statements() {
        let Some(rest) = s.trim().strip_prefix("Public Function ") else {
            continue;
        };
        let (name, rest) = rest.split_once('(').unwrap();
        let params = &rest[..rest.find(')').unwrap()];
        out.insert(name.to_owned(), split_top(params).len());
    }
    out
}

/// `RegisterHelp "NAME", description, Array(...)` calls: name -> number of argument descriptions.
fn registrations() -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for s in statements() {
        let Some(rest) = s.trim().strip_prefix("RegisterHelp \"") else {
            continue;
        };
        let (name, rest) = rest.split_once('"').unwrap();
        let args = split_top(rest.trim_start_matches(','));
        assert_eq!(
            args.len(),
            2,
            "{name}: description and arguments expected: {args:?}"
        );
        let count = if args[1] == "Empty" {
            0
        } else {
            let inner = args[1]
                .strip_prefix("Array(")
                .and_then(|a| a.strip_suffix(')'))
                .unwrap_or_else(|| panic!("{name}: arguments must be Array(...) or Empty"));
            split_top(inner).len()
        };
        assert!(
            out.insert(name.to_owned(), count).is_none(),
            "{name} registered twice"
        );
    }
    out
}

#[test]
fn every_public_function_has_help_with_one_description_per_argument() {
    let functions = public_functions();
    let registered = registrations();
    assert!(functions.len() >= 14, "{functions:?}");
    for (name, params) in &functions {
        let described = registered
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not registered in TTXL_RegisterFunctionHelp"));
        assert_eq!(
            described, params,
            "{name}: {params} parameters, {described} descriptions"
        );
    }
    for name in registered.keys() {
        assert!(
            functions.contains_key(name),
            "{name} is registered but is no public function"
        );
    }
}
