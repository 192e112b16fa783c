//! Cross-check of the VBA module `vba/TTestXL.bas` against the C header `include/ttest_xl.h`.
//!
//! Excel cannot run here, and a wrong `Declare` does not fail to compile: it crashes Excel or
//! silently passes garbage. So this test reads both files and checks, for each of the three
//! configurations VBA compiles the module in (64-bit Office: `VBA7` + `Win64`; 32-bit Office
//! 2010+: `VBA7`; Office 2007 and older: neither):
//!
//! * every `Declare ... Lib "ttest_xl.dll"` names a function of the header (64-bit: by its C
//!   name; 32-bit: by its stdcall twin `<name>_stdcall`), with the same number of parameters and
//!   matching types (`int32_t` → `ByVal Long`, `double` → `ByVal Double`, `T *` → `ByRef` of the
//!   matching VBA type or `As Any` or a `ByVal LongPtr`, `char *`/`uint16_t *` → `ByVal LongPtr`),
//!   and a matching return type;
//! * `PtrSafe` and `LongPtr` exactly in the VBA7 branches;
//! * the same set of C functions is declared in every configuration;
//! * the VBA `Type`s mirror the C structs (same fields, same order, all `Double`);
//! * every `Public Const` equals the header's `#define`, and every integer `#define` (except the
//!   version-number macros) has its `Public Const`.
//!
//! The checker itself is tested on broken copies of the module (`checker_rejects_*`), so a
//! checker that accepts everything cannot pass.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The C side

#[derive(Debug, Clone, PartialEq)]
struct CFunction {
    ret: String,
    params: Vec<(String, String)>, // (normalized type, name)
}

#[derive(Debug, Default)]
struct Header {
    functions: BTreeMap<String, CFunction>,
    structs: BTreeMap<String, Vec<(String, String)>>, // name → (type, field)
    defines: BTreeMap<String, i64>,
}

/// `const double *` → `double*`, `struct TtxlTTest *` → `TtxlTTest*`, `int32_t` → `int32_t`.
fn normalize_c_type(text: &str) -> String {
    let stars = text.matches('*').count();
    let spaced = text.replace('*', " ");
    let base: Vec<&str> = spaced
        .split_whitespace()
        .filter(|w| *w != "const" && *w != "struct")
        .collect();
    format!("{}{}", base.join(" "), "*".repeat(stars))
}

fn strip_c_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = match after.find("*/") {
                Some(end) => &after[end + 2..],
                None => "",
            };
            out.push(' ');
        } else if let Some(after) = rest.strip_prefix("//") {
            rest = match after.find('\n') {
                Some(end) => &after[end..],
                None => "",
            };
        } else {
            let ch = rest.chars().next().unwrap();
            out.push(ch);
            rest = &rest[ch.len_utf8()..];
        }
    }
    out
}

fn parse_header(text: &str) -> Header {
    let mut header = Header::default();
    let code = strip_c_comments(text);
    let mut body = String::new();
    for line in code.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("#define") {
            let mut parts = rest.split_whitespace();
            if let (Some(name), Some(value)) = (parts.next(), parts.next()) {
                if parts.next().is_none() {
                    if let Ok(v) = value.trim_matches(|c| c == '(' || c == ')').parse::<i64>() {
                        header.defines.insert(name.to_owned(), v);
                    }
                }
            }
        } else if !trimmed.starts_with('#') && !trimmed.starts_with("extern \"C\"") {
            body.push_str(line);
            body.push('\n');
        }
    }
    // Structs: typedef struct Name { type field; ... } Name;
    let mut rest = body.as_str();
    while let Some(start) = rest.find("typedef struct") {
        let after = &rest[start + "typedef struct".len()..];
        let open = after.find('{').expect("struct without {");
        let close = after.find('}').expect("struct without }");
        let tail = &after[close + 1..];
        let semi = tail.find(';').expect("struct without ;");
        let name = tail[..semi].trim().to_owned();
        let fields = after[open + 1..close]
            .split(';')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(|f| {
                let (ty, field) = f.rsplit_once(char::is_whitespace).expect("field");
                (normalize_c_type(ty), field.trim().to_owned())
            })
            .collect();
        header.structs.insert(name, fields);
        rest = &tail[semi + 1..];
    }
    // Functions: everything outside the structs, statements ending in ';' of the form
    // "<ret> ttxl_name(<params>)".
    let mut outside = String::new();
    let mut depth = 0usize;
    for ch in body.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(ch),
            _ => {}
        }
    }
    for statement in outside.split(';') {
        let s = statement.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(open) = s.find('(') else { continue };
        let Some(close) = s.rfind(')') else { continue };
        let head = &s[..open];
        let Some(name_start) = head.rfind(|c: char| c.is_whitespace() || c == '*') else {
            continue;
        };
        let name = head[name_start + 1..].trim();
        if !name.starts_with("ttxl_") {
            continue;
        }
        let ret = normalize_c_type(&head[..name_start + 1]);
        let inner = s[open + 1..close].trim();
        let params = if inner == "void" || inner.is_empty() {
            Vec::new()
        } else {
            inner
                .split(',')
                .map(|p| {
                    let p = p.trim();
                    let split = p
                        .rfind(|c: char| c.is_whitespace() || c == '*')
                        .expect("parameter");
                    (normalize_c_type(&p[..split + 1]), p[split + 1..].to_owned())
                })
                .collect()
        };
        header
            .functions
            .insert(name.to_owned(), CFunction { ret, params });
    }
    header
}

// ---------------------------------------------------------------------------------------------
// The VBA side

/// The three configurations: (VBA7, Win64).
const CONFIGS: [(&str, bool, bool); 3] = [
    ("64-bit Office (VBA7, Win64)", true, true),
    ("32-bit Office 2010+ (VBA7)", true, false),
    ("Office 2007 and older (VBA6)", false, false),
];

#[derive(Debug, Clone)]
struct VbaParam {
    by_val: bool,
    name: String,
    ty: String,
}

#[derive(Debug, Clone)]
struct VbaDeclare {
    line: usize,
    ptr_safe: bool,
    is_sub: bool,
    vba_name: String,
    lib: String,
    alias: Option<String>,
    params: Vec<VbaParam>,
    ret: Option<String>,
    configs: [bool; 3],
}

#[derive(Debug, Default)]
struct Module {
    declares: Vec<VbaDeclare>,
    types: BTreeMap<String, Vec<(String, String)>>, // name → (field, type)
    consts: BTreeMap<String, (String, String)>,     // name → (type, value text)
    long_ptr_lines: Vec<(usize, [bool; 3])>,
}

/// The code part of a line: without a trailing ' comment (quotes inside strings respected).
fn strip_vba_comment(line: &str) -> &str {
    let mut in_string = false;
    for (i, ch) in line.char_indices() {
        match ch {
            '"' => in_string = !in_string,
            '\'' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Logical lines (continuations joined), each with its first physical line number.
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, raw) in text.lines().enumerate() {
        let code = strip_vba_comment(raw.trim_end_matches('\r'));
        if current.is_empty() {
            start = i + 1;
        }
        let trimmed = code.trim_end();
        if let Some(head) = trimmed.strip_suffix(" _") {
            current.push_str(head);
            current.push(' ');
        } else {
            current.push_str(trimmed);
            out.push((start, current.trim().to_owned()));
            current.clear();
        }
    }
    out
}

fn eval_condition(expr: &str, vba7: bool, win64: bool, line: usize) -> bool {
    let words: Vec<String> = expr
        .split_whitespace()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let atom = |w: &str| match w {
        "vba7" => vba7,
        "win64" => win64,
        "win32" => true,
        "mac" => false,
        other => panic!("line {line}: unsupported #If constant {other:?}"),
    };
    match words.as_slice() {
        [w] => atom(w),
        [not, w] if not == "not" => !atom(w),
        _ => panic!("line {line}: unsupported #If expression {expr:?}"),
    }
}

fn parse_params(text: &str, line: usize) -> Vec<VbaParam> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    text.split(',')
        .map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            let mut i = 0;
            let mut by_val = false; // VBA passes ByRef unless told otherwise
            if words[i].eq_ignore_ascii_case("ByVal") {
                by_val = true;
                i += 1;
            } else if words[i].eq_ignore_ascii_case("ByRef") {
                i += 1;
            }
            let name = words[i].to_owned();
            assert!(
                words.len() == i + 3 && words[i + 1].eq_ignore_ascii_case("As"),
                "line {line}: parameter {p:?} must be [ByVal|ByRef] name As Type"
            );
            VbaParam {
                by_val,
                name,
                ty: words[i + 2].to_owned(),
            }
        })
        .collect()
}

fn quoted(s: &str, line: usize) -> (String, &str) {
    let s = s.trim_start();
    assert!(
        s.starts_with('"'),
        "line {line}: expected a quoted string in {s:?}"
    );
    let end = s[1..].find('"').expect("closing quote") + 1;
    (s[1..end].to_owned(), &s[end + 1..])
}

fn parse_declare(text: &str, line: usize, configs: [bool; 3]) -> VbaDeclare {
    let mut rest = text.trim();
    for prefix in ["Private ", "Public "] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
        }
    }
    rest = rest.strip_prefix("Declare ").expect("Declare");
    let ptr_safe = if let Some(r) = rest.strip_prefix("PtrSafe ") {
        rest = r;
        true
    } else {
        false
    };
    let is_sub = if let Some(r) = rest.strip_prefix("Sub ") {
        rest = r;
        true
    } else {
        rest = rest
            .strip_prefix("Function ")
            .unwrap_or_else(|| panic!("line {line}: Declare Function or Sub"));
        false
    };
    let (vba_name, r) = rest.split_once(' ').expect("name");
    rest = r.trim_start().strip_prefix("Lib ").expect("Lib");
    let (lib, r) = quoted(rest, line);
    rest = r.trim_start();
    let alias = if let Some(r) = rest.strip_prefix("Alias ") {
        let (a, r) = quoted(r, line);
        rest = r.trim_start();
        Some(a)
    } else {
        None
    };
    let open = rest.find('(').expect("(");
    let close = rest.rfind(')').expect(")");
    let params = parse_params(&rest[open + 1..close], line);
    let tail = rest[close + 1..].trim();
    let ret = tail.strip_prefix("As ").map(|t| t.trim().to_owned());
    VbaDeclare {
        line,
        ptr_safe,
        is_sub,
        vba_name: vba_name.to_owned(),
        lib,
        alias,
        params,
        ret,
        configs,
    }
}

fn parse_module(text: &str) -> Module {
    let mut module = Module::default();
    // Stack of (parent active per config, this branch active per config, branch taken per config).
    let mut stack: Vec<([bool; 3], [bool; 3], [bool; 3])> = Vec::new();
    let mut active = [true; 3];
    let mut current_type: Option<String> = None;
    for (line, code) in logical_lines(text) {
        let lower = code.to_ascii_lowercase();
        if let Some(expr) = lower.strip_prefix("#if ") {
            let expr = expr.strip_suffix(" then").expect("#If ... Then");
            let cond = CONFIGS.map(|(_, v, w)| eval_condition(expr, v, w, line));
            let parent = active;
            active = [0, 1, 2].map(|i| parent[i] && cond[i]);
            stack.push((parent, active, cond));
            continue;
        }
        if lower == "#else" {
            let (parent, _, taken) = stack.last().copied().expect("#Else without #If");
            active = [0, 1, 2].map(|i| parent[i] && !taken[i]);
            continue;
        }
        if lower == "#end if" {
            active = stack.pop().expect("#End If without #If").0;
            continue;
        }
        assert!(
            !lower.starts_with('#'),
            "line {line}: unsupported directive {code:?}"
        );
        if lower.contains("longptr") {
            module.long_ptr_lines.push((line, active));
        }
        if let Some(name) = &current_type {
            if lower == "end type" {
                current_type = None;
            } else if !code.is_empty() {
                let words: Vec<&str> = code.split_whitespace().collect();
                assert!(
                    words.len() == 3 && words[1] == "As",
                    "line {line}: field {code:?}"
                );
                module
                    .types
                    .get_mut(name)
                    .unwrap()
                    .push((words[0].to_owned(), words[2].to_owned()));
            }
            continue;
        }
        let words: Vec<&str> = code.split_whitespace().collect();
        match words.as_slice() {
            ["Public" | "Private", "Type", name] | ["Type", name] => {
                current_type = Some((*name).to_owned());
                module.types.insert((*name).to_owned(), Vec::new());
            }
            ["Public", "Const", name, "As", ty, "=", value] => {
                module
                    .consts
                    .insert((*name).to_owned(), ((*ty).to_owned(), (*value).to_owned()));
            }
            _ if words.contains(&"Declare") && (words[0] == "Private" || words[0] == "Public") => {
                module.declares.push(parse_declare(&code, line, active));
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "#If without #End If");
    module
}

// ---------------------------------------------------------------------------------------------
// The check

const DLL: &str = "ttest_xl.dll";
const SYSTEM_LIBS: [&str; 2] = ["kernel32", "user32"];

/// Does the VBA parameter match the C type in this configuration?
fn param_matches(c_type: &str, p: &VbaParam, vba7: bool, module: &Module) -> bool {
    let pointer = if vba7 { "LongPtr" } else { "Long" };
    match c_type {
        "int32_t" => p.by_val && p.ty == "Long",
        "double" => p.by_val && p.ty == "Double",
        "char*" | "uint16_t*" => p.by_val && p.ty == pointer,
        t if t.ends_with('*') && !t.ends_with("**") => {
            let pointee = &t[..t.len() - 1];
            let vba_pointee = match pointee {
                "double" => "Double".to_owned(),
                "int32_t" => "Long".to_owned(),
                other if module.types.contains_key(other) => other.to_owned(),
                _ => return false,
            };
            (!p.by_val && (p.ty == vba_pointee || p.ty == "Any")) || (p.by_val && p.ty == pointer)
        }
        _ => false,
    }
}

fn return_matches(c_ret: &str, d: &VbaDeclare, vba7: bool) -> bool {
    let pointer = if vba7 { "LongPtr" } else { "Long" };
    match (c_ret, d.is_sub, d.ret.as_deref()) {
        ("void", true, None) => true,
        ("int32_t", false, Some("Long")) => true,
        ("double", false, Some("Double")) => true,
        (t, false, Some(r)) if t.ends_with('*') => r == pointer,
        _ => false,
    }
}

/// Every problem found, one line each; empty when the module matches the header.
fn check(module: &Module, header: &Header) -> Vec<String> {
    let mut problems = Vec::new();
    let mut declared: Vec<BTreeSet<String>> = vec![BTreeSet::new(); 3];
    for d in &module.declares {
        let where_ = format!("line {} ({})", d.line, d.vba_name);
        let lib = d.lib.to_ascii_lowercase();
        if lib != DLL {
            if !SYSTEM_LIBS.contains(&lib.as_str()) {
                problems.push(format!(
                    "{where_}: Lib {:?} is neither {DLL} nor a Windows DLL",
                    d.lib
                ));
            }
            continue;
        }
        for (i, (config, vba7, win64)) in CONFIGS.iter().enumerate() {
            if !d.configs[i] {
                continue;
            }
            if d.ptr_safe != *vba7 {
                problems.push(format!(
                    "{where_} in {config}: PtrSafe must be present exactly in the VBA7 branches"
                ));
            }
            let exported = d.alias.clone().unwrap_or_else(|| d.vba_name.clone());
            let c_name = if *win64 {
                exported.clone()
            } else {
                match exported.strip_suffix("_stdcall") {
                    Some(base) => base.to_owned(),
                    None => {
                        problems.push(format!(
                            "{where_} in {config}: 32-bit Office must call the stdcall twin \
                             {exported}_stdcall through Alias"
                        ));
                        continue;
                    }
                }
            };
            if *win64 && exported.ends_with("_stdcall") {
                problems.push(format!(
                    "{where_} in {config}: 64-bit Office must call {exported} by its C name"
                ));
            }
            let Some(f) = header.functions.get(&c_name) else {
                problems.push(format!(
                    "{where_} in {config}: {c_name} is not a function of include/ttest_xl.h"
                ));
                continue;
            };
            declared[i].insert(c_name.clone());
            if f.params.len() != d.params.len() {
                problems.push(format!(
                    "{where_} in {config}: {c_name} takes {} parameters in C, {} in VBA",
                    f.params.len(),
                    d.params.len()
                ));
                continue;
            }
            for (k, ((c_type, c_param), p)) in f.params.iter().zip(&d.params).enumerate() {
                if !param_matches(c_type, p, *vba7, module) {
                    problems.push(format!(
                        "{where_} in {config}: parameter {} ({c_type} {c_param}) does not match \
                         VBA {} {} As {}",
                        k + 1,
                        if p.by_val { "ByVal" } else { "ByRef" },
                        p.name,
                        p.ty
                    ));
                }
            }
            if !return_matches(&f.ret, d, *vba7) {
                problems.push(format!(
                    "{where_} in {config}: returns {} in C but {:?} in VBA",
                    f.ret, d.ret
                ));
            }
        }
    }
    for (i, (config, _, _)) in CONFIGS.iter().enumerate().skip(1) {
        if declared[i] != declared[0] {
            problems.push(format!(
                "{config} declares {:?} but 64-bit Office declares {:?}",
                declared[i], declared[0]
            ));
        }
    }
    if declared[0].is_empty() {
        problems.push(format!("no Declare of {DLL} found"));
    }
    for (line, configs) in &module.long_ptr_lines {
        if configs[2] {
            problems.push(format!(
                "line {line}: LongPtr in the pre-VBA7 branch (VBA6 has no LongPtr)"
            ));
        }
    }
    // Types mirror the structs.
    for (name, c_fields) in &header.structs {
        let Some(fields) = module.types.get(name) else {
            problems.push(format!("struct {name} has no VBA Type {name}"));
            continue;
        };
        let c_names: Vec<&str> = c_fields.iter().map(|(_, f)| f.as_str()).collect();
        let vba_names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
        if c_names != vba_names {
            problems.push(format!(
                "Type {name} fields {vba_names:?} differ from the C struct {c_names:?}"
            ));
        }
        for ((c_type, field), (_, ty)) in c_fields.iter().zip(fields) {
            if c_type != "double" || ty != "Double" {
                problems.push(format!(
                    "{name}.{field}: C {c_type} / VBA {ty}; both must be double/Double"
                ));
            }
        }
    }
    // Constants.
    for (name, (ty, value)) in &module.consts {
        match header.defines.get(name) {
            None => problems.push(format!("Public Const {name} is not #defined in the header")),
            Some(v) => {
                if ty != "Long" || value.parse::<i64>().ok() != Some(*v) {
                    problems.push(format!(
                        "Public Const {name} As {ty} = {value}, but the header says {v}"
                    ));
                }
            }
        }
    }
    for name in header.defines.keys() {
        if !name.starts_with("TTXL_VERSION_") && !module.consts.contains_key(name) {
            problems.push(format!("#define {name} has no Public Const in the module"));
        }
    }
    problems
}

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

fn real_module() -> Module {
    parse_module(&read("vba/TTestXL.bas"))
}

fn real_header() -> Header {
    parse_header(&read("include/ttest_xl.h"))
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn module_matches_header() {
    let module = real_module();
    let header = real_header();
    let problems = check(&module, &header);
    assert!(
        problems.is_empty(),
        "vba/TTestXL.bas vs include/ttest_xl.h:\n{}",
        problems.join("\n")
    );
}

/// The functions the module relies on (issue "VBA module") are declared in all three
/// configurations, so the check above cannot pass by declaring nothing.
#[test]
fn module_declares_what_it_uses() {
    let module = real_module();
    let used = [
        "ttxl_nan",
        "ttxl_abi_version",
        "ttxl_version",
        "ttxl_ttest_welch",
        "ttxl_ttest_student",
        "ttxl_ttest_paired",
        "ttxl_ttest_one_sample",
        "ttxl_mann_whitney",
        "ttxl_wilcoxon_signed_rank",
        "ttxl_p_adjust",
        "ttxl_power_ttest",
        "ttxl_last_error_utf16",
        "ttxl_set_language",
    ];
    for (i, (config, _, win64)) in CONFIGS.iter().enumerate() {
        for name in used {
            let alias = if *win64 {
                name.to_owned()
            } else {
                format!("{name}_stdcall")
            };
            assert!(
                module
                    .declares
                    .iter()
                    .any(|d| d.configs[i] && d.alias.as_deref() == Some(alias.as_str())),
                "{config}: no Declare with Alias {alias:?}"
            );
        }
    }
}

#[test]
fn header_parser_reads_the_contract() {
    // The parser must see what issue 4 fixes, or the cross-check would be vacuous.
    let header = real_header();
    let welch = &header.functions["ttxl_ttest_welch"];
    assert_eq!(
        welch
            .params
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>(),
        [
            "double*",
            "int32_t",
            "double*",
            "int32_t",
            "int32_t",
            "double",
            "double",
            "TtxlTTest*"
        ]
    );
    assert_eq!(welch.ret, "int32_t");
    assert_eq!(header.functions["ttxl_nan"].params.len(), 0);
    assert_eq!(header.functions["ttxl_version"].ret, "char*");
    assert_eq!(
        header.functions["ttxl_last_error_utf16"].params[0].0,
        "uint16_t*"
    );
    assert_eq!(header.structs["TtxlTTest"].len(), 21);
    assert_eq!(header.structs["TtxlTTest"][0].1, "statistic");
    assert_eq!(header.structs["TtxlTTest"][20].1, "missing_y");
    assert_eq!(header.structs["TtxlRankTest"].len(), 7);
    for (name, value) in [
        ("TTXL_TWO_SIDED", 0),
        ("TTXL_LESS", 1),
        ("TTXL_GREATER", 2),
        ("TTXL_ADJUST_HOLM", 1),
        ("TTXL_ADJUST_HOMMEL", 6),
        ("TTXL_DESIGN_ONE_SAMPLE", 2),
        ("TTXL_SOLVE_D", 2),
        ("TTXL_ERR_CONSTANT", 4),
        ("TTXL_ERR_INTERNAL", 99),
    ] {
        assert_eq!(header.defines.get(name), Some(&value), "{name}");
    }
}

/// Applies `edit` to the real module text (which must change it) and returns the problems.
fn problems_after(edit: impl Fn(&str) -> String) -> Vec<String> {
    let text = read("vba/TTestXL.bas");
    let broken = edit(&text);
    assert_ne!(broken, text, "the edit did not change the module");
    check(&parse_module(&broken), &real_header())
}

fn assert_rejected(problems: &[String], needle: &str) {
    assert!(
        problems.iter().any(|p| p.contains(needle)),
        "expected a problem containing {needle:?}, got {problems:#?}"
    );
}

#[test]
fn checker_rejects_a_wrong_parameter_type() {
    // mu passed as Long instead of Double in the 64-bit branch of ttxl_ttest_welch.
    let p = problems_after(|t| {
        t.replacen(
            "ByVal alternative As Long, ByVal mu As Double",
            "ByVal alternative As Long, ByVal mu As Long",
            1,
        )
    });
    assert_rejected(&p, "(double mu) does not match");
}

#[test]
fn checker_rejects_byref_for_a_value() {
    let p = problems_after(|t| t.replacen("ByVal nx As Long", "ByRef nx As Long", 1));
    assert_rejected(&p, "(int32_t nx) does not match");
}

#[test]
fn checker_rejects_a_missing_parameter() {
    let p = problems_after(|t| t.replacen("ByVal correct As Long, ", "", 1));
    assert_rejected(&p, "parameters in C");
}

#[test]
fn checker_rejects_a_cdecl_name_in_32_bit_office() {
    let p = problems_after(|t| {
        t.replacen(
            "Alias \"ttxl_p_adjust_stdcall\"",
            "Alias \"ttxl_p_adjust\"",
            1,
        )
    });
    assert_rejected(&p, "stdcall twin");
}

#[test]
fn checker_rejects_an_unknown_function() {
    let p = problems_after(|t| t.replacen("Alias \"ttxl_nan\"", "Alias \"ttxl_nan_value\"", 1));
    assert_rejected(&p, "ttxl_nan_value is not a function of include/ttest_xl.h");
}

#[test]
fn checker_rejects_swapped_struct_fields() {
    let p = problems_after(|t| {
        t.replacen(
            "    conf_low As Double\r\n    conf_high As Double",
            "    conf_high As Double\r\n    conf_low As Double",
            1,
        )
    });
    assert_rejected(&p, "differ from the C struct");
}

#[test]
fn checker_rejects_a_wrong_constant() {
    let p = problems_after(|t| {
        t.replacen(
            "TTXL_ADJUST_BH As Long = 4",
            "TTXL_ADJUST_BH As Long = 5",
            1,
        )
    });
    assert_rejected(&p, "TTXL_ADJUST_BH As Long = 5, but the header says 4");
}

#[test]
fn checker_rejects_longptr_in_vba6() {
    let p = problems_after(|t| {
        let at = t
            .rfind("Alias \"ttxl_version_stdcall\" () As Long")
            .unwrap();
        let mut s = t.to_owned();
        s.replace_range(
            at..at + "Alias \"ttxl_version_stdcall\" () As Long".len(),
            "Alias \"ttxl_version_stdcall\" () As LongPtr",
        );
        s
    });
    assert_rejected(&p, "LongPtr in the pre-VBA7 branch");
}

#[test]
fn checker_rejects_a_declare_missing_from_one_branch() {
    let p = problems_after(|t| {
        let line_start = t
            .find("Private Declare PtrSafe Function c_ttxl_nan Lib \"ttest_xl.dll\" Alias \"ttxl_nan_stdcall\"")
            .unwrap();
        let line_end = line_start + t[line_start..].find("\r\n").unwrap() + 2;
        let mut s = t.to_owned();
        s.replace_range(line_start..line_end, "");
        s
    });
    assert_rejected(&p, "32-bit Office 2010+ (VBA7) declares");
}
