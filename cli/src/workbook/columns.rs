//! Column roles: which column is the respondent ID, the group, the breakdown (`--by`), an item
//! or ignored (Forms metadata, names, dates, totals, running numbers), each decided from the
//! header text and the values under it.

use std::collections::HashSet;
use std::path::Path;

use super::address::letters_col;
use super::clean::{id_text, normalize};
use super::header::{Column, Table};
use super::load::Value;
use super::{ReadError, ReadOptions};
use crate::lang::Lang;
use crate::words::reader::IdReason;
use crate::words::reading::LayoutRefusal;

/// Headers that name a respondent ID (normalised, see [`normalize`]).
pub(super) const ID_NAMES: &[&str] = &[
    "id",
    "職員番号",
    "社員番号",
    "職員id",
    "社員id",
    "職員コード",
    "社員コード",
    "回答者id",
    "回答者番号",
    "回答者",
    "受講者番号",
    "受講者id",
    "参加者番号",
    "参加者id",
    "学籍番号",
    "生徒番号",
    "個人番号",
    "respondentid",
    "respondent",
    "employeeid",
    "staffid",
    "userid",
    "participantid",
    "participant",
    "subjectid",
    "subject",
];

/// Headers of Forms metadata columns that mark an export (timestamps).
pub(super) const FORMS_TIME: &[&str] = &[
    "タイムスタンプ",
    "timestamp",
    "開始時刻",
    "完了時刻",
    "最終変更時刻",
    "starttime",
    "completiontime",
    "lastmodifiedtime",
];

/// Headers of other metadata columns that are never items.
pub(super) const META_NAMES: &[&str] = &[
    "メール",
    "メールアドレス",
    "email",
    "emailaddress",
    "e-mail",
    "名前",
    "氏名",
    "name",
    "fullname",
    "回答日",
    "回答日時",
    "記入日",
    "日付",
    "date",
    "合計",
    "total",
    "平均",
    "average",
    "mean",
];

/// Roles of the columns of one table.
#[derive(Debug, Clone, Default)]
pub(super) struct Roles {
    pub(super) id: Option<usize>,
    /// `true` when the ID column was named by the user.
    pub(super) id_forced: bool,
    pub(super) group: Option<usize>,
    pub(super) by: Option<usize>,
    /// Item columns (indices into `Table::columns`), in order.
    pub(super) items: Vec<usize>,
}

pub(super) fn not_found(path: &Path, flag: &str, spec: &str, t: &Table) -> ReadError {
    ReadError::layout_text(
        path,
        LayoutRefusal::NoSuchColumn {
            flag,
            spec,
            name: t.name(),
            columns: &t.names(),
        },
    )
}

/// Guesses the ID column: a known header, or in a Forms export the e-mail column.
pub(super) fn guess_id(t: &Table) -> Option<usize> {
    if t.is_forms() {
        // Microsoft Forms' "ID" is a response number, not a person: pair by e-mail instead.
        return t.columns.iter().position(|c| {
            matches!(
                normalize(&c.name).as_str(),
                "メール" | "メールアドレス" | "email" | "emailaddress" | "e-mail"
            ) && t
                .data_rows()
                .iter()
                .any(|r| matches!(r.get(c.col), Value::Text(s) if s.contains('@')))
        });
    }
    t.columns
        .iter()
        .position(|c| ID_NAMES.contains(&normalize(&c.name).as_str()))
        .or_else(|| {
            // A header that looks like an identifier (職員No, 社員コード, Staff ID, …) whose
            // values are all different.
            t.columns
                .iter()
                .position(|c| looks_like_id(&c.name) && all_distinct(t, c.col))
        })
}

/// `true` for headers naming a person's own number (職員番号, 回答者ID, 受講者番号, …), kept as
/// the ID even when the values count 1, 2, 3 down the sheet; the bare "ID" is not one (Forms'
/// ID and many hand-made sheets use it for a running number).
pub(super) fn names_a_person(name: &str) -> bool {
    let n = normalize(name);
    n != "id" && ID_NAMES.contains(&n.as_str())
}

/// Short headers such as 職員No, 社員コード, 受付番号, Staff ID, Employee number: identifiers,
/// never items. Long question texts that merely contain 番号 are not caught.
pub(super) fn looks_like_id(name: &str) -> bool {
    let n = normalize(name);
    let max_len = if n.is_ascii() { 20 } else { 10 };
    if ROW_NUMBER_NAMES.contains(&n.as_str()) || n.chars().count() > max_len {
        return false;
    }
    n.contains("番号")
        || n.contains("コード")
        || ["id", "no", "code", "number"]
            .iter()
            .any(|suffix| n.len() > suffix.len() && n.ends_with(suffix))
}

/// `true` when the non-empty values of a column are all different (and there are some).
pub(super) fn all_distinct(t: &Table, col: u32) -> bool {
    let mut seen = HashSet::new();
    let mut any = false;
    for r in t.data_rows() {
        if let Some(id) = id_text(r.get(col)) {
            any = true;
            if !seen.insert(id) {
                return false;
            }
        }
    }
    any
}

/// Headers of running-number columns (row numbers, not people and not items).
pub(super) const ROW_NUMBER_NAMES: &[&str] =
    &["no", "番号", "通し番号", "連番", "#", "回答番号", "行"];

/// `true` for columns that are never items: Forms metadata, names, dates, totals, row numbers.
pub(super) fn is_meta(t: &Table, c: &Column) -> bool {
    let n = normalize(&c.name);
    FORMS_TIME.contains(&n.as_str())
        || META_NAMES.contains(&n.as_str())
        || ROW_NUMBER_NAMES.contains(&n.as_str())
        || looks_like_id(&c.name)
        || (t.is_forms() && n == "id")
        || is_running_number(t, c.col)
}

/// Headers of free-text columns (normalised): comments, opinions, remarks.
const FREE_TEXT_NAMES: &[&str] = &[
    "コメント",
    "自由記述",
    "自由意見",
    "意見",
    "感想",
    "備考",
    "メモ",
    "comment",
    "comments",
    "remark",
    "remarks",
    "note",
    "notes",
    "feedback",
    "memo",
];

/// Free text — comments, remarks, e-mail addresses, names — is never a group column (issue 20):
/// a header such as コメント/ご意見/備考/comment, a Forms or name/e-mail column, or any value
/// longer than 24 characters, with a line break or an `@`. Group values are short categories
/// (事前/事後, あり/なし, 2023/2024).
pub(super) fn is_free_text(t: &Table, c: &Column) -> bool {
    let n = normalize(&c.name);
    let named = FREE_TEXT_NAMES
        .iter()
        .any(|w| if w.is_ascii() { n == *w } else { n.contains(w) });
    named
        || t.data_rows().iter().any(|r| match r.get(c.col) {
            Value::Text(s) => s.chars().count() > 24 || s.contains('\n') || s.contains('@'),
            _ => false,
        })
}

/// A column counting 1, 2, 3, … (any start, step 1) down at least ten data rows: a row number.
pub(super) fn is_running_number(t: &Table, col: u32) -> bool {
    let mut prev: Option<f64> = None;
    let mut n = 0;
    for r in t.data_rows() {
        match r.get(col) {
            Value::Num(x) => {
                if prev.is_some_and(|p| *x != p + 1.0) {
                    return false;
                }
                prev = Some(*x);
                n += 1;
            }
            Value::Empty => {}
            _ => return false,
        }
    }
    // Ten consecutive values cannot all be answers on a 1–7 or 0–10 scale.
    n >= 10
}

/// Distinct non-empty values of a column in order of first appearance (display text, trimmed).
pub(super) fn distinct(t: &Table, col: u32, limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in t.data_rows() {
        let Some(s) = id_text(r.get(col)) else {
            continue;
        };
        if !out.contains(&s) {
            out.push(s);
            if out.len() > limit {
                break;
            }
        }
    }
    out
}

/// Parses `--items`: names, letters and ranges such as `C:V`, separated by commas.
pub(super) fn parse_items(path: &Path, spec: &str, t: &Table) -> Result<Vec<usize>, ReadError> {
    let mut out = Vec::new();
    for part in spec
        .split([',', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(i) = t.columns.iter().position(|c| c.name == part) {
            out.push(i);
            continue;
        }
        if let Some((a, b)) = part.split_once(':') {
            if let (Some(a), Some(b)) = (letters_col(a), letters_col(b)) {
                let (lo, hi) = (a.min(b), a.max(b));
                let cols: Vec<usize> = (0..t.columns.len())
                    .filter(|&i| (lo..=hi).contains(&t.columns[i].col))
                    .collect();
                if cols.is_empty() {
                    return Err(not_found(path, "--items", part, t));
                }
                out.extend(cols);
                continue;
            }
        }
        match t.find(part) {
            Some(i) => out.push(i),
            None => return Err(not_found(path, "--items", part, t)),
        }
    }
    let mut seen = HashSet::new();
    out.retain(|i| seen.insert(*i));
    Ok(out)
}

/// Assigns roles. `group` is the resolved group column, if any.
pub(super) fn roles(
    path: &Path,
    t: &Table,
    options: &ReadOptions,
    group: Option<usize>,
) -> Result<Roles, ReadError> {
    let mut r = Roles {
        group,
        ..Roles::default()
    };
    if let Some(spec) = &options.id {
        r.id = Some(
            t.find(spec)
                .ok_or_else(|| not_found(path, "--id", spec, t))?,
        );
        r.id_forced = true;
    } else {
        r.id = guess_id(t);
    }
    if let Some(spec) = &options.by {
        let flag = if options.by_is_compare {
            "--compare"
        } else {
            "--by"
        };
        r.by = Some(t.find(spec).ok_or_else(|| not_found(path, flag, spec, t))?);
    }
    let taken = |i: usize| Some(i) == r.id || Some(i) == r.group || Some(i) == r.by;
    if let Some(spec) = &options.items {
        r.items = parse_items(path, spec, t)?;
        r.items.retain(|&i| !taken(i));
    } else {
        r.items = (0..t.columns.len())
            .filter(|&i| {
                let c = &t.columns[i];
                !taken(i) && !is_meta(t, c) && c.score_like > 0 && c.score_like * 2 >= c.filled
            })
            .collect();
    }
    if r.items.is_empty() {
        return Err(ReadError::layout_text(
            path,
            LayoutRefusal::NoItems {
                name: t.name(),
                columns: &t.names(),
            },
        ));
    }
    Ok(r)
}

/// Why `name` is the ID column.
pub(super) fn id_reason(t: &Table, forced: bool, name: &str, lang: Lang) -> String {
    let n = normalize(name);
    let reason = if forced {
        IdReason::Forced { name }
    } else if t.is_forms() {
        IdReason::FormsEmail { name }
    } else if ID_NAMES.contains(&n.as_str()) {
        IdReason::HeaderNamesId { name }
    } else {
        IdReason::LooksLikeId { name }
    };
    reason.text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_headers() {
        for id in [
            "職員No",
            "社員コード",
            "受付番号",
            "Staff ID",
            "Employee number",
            "職員NO.",
        ] {
            assert!(looks_like_id(id), "{id}");
        }
        for not in [
            "番号",
            "No",
            "Q3 職員番号を知っている",
            "満足度",
            "Q1",
            "仕事にやりがいを感じている",
        ] {
            assert!(!looks_like_id(not), "{not}");
        }
    }
}
