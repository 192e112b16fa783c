//! Which columns are answers, and how each is read: the item plan.
//!
//! The layout step proposes item columns (mostly scores, not an ID, group, breakdown or Forms
//! column). Here their cells are looked at as a whole, both sheets together:
//!
//! * **Scale** of each item from its labels ([`super::scale::infer`]); labels that cannot be
//!   scored with certainty stop the reading with the labels found per item and a `--scale`
//!   line to paste.
//! * **Units**: a column whose numbers are written 「4点」「80%」「3人」 is read as those numbers
//!   (a percentage stays a percentage: 80% is 80, and Excel percent cells holding 0.8 in the
//!   same column become 80), said once per column.
//! * **Not every number column is a question** ([`not_an_item`]): a column whose header names a
//!   quantity (年齢, 勤続年数, 金額, 人数, …), whose values are the sum or mean of the other items
//!   in each row (合計点), or whose numbers are not integers on a rating scale (0–37 years of
//!   service, ages, amounts, decimals) is left out and listed; `--items` includes it.
//!   When no column is left, the workbook does not look like a survey.

use std::path::Path;

use super::clean::{normalize, Scale};
use super::load::{format_number, RowData};
use super::scale::{self, Evidence, ItemReader, ItemScale, ScaleProblem};
use super::{Note, NoteKind, ReadError};
use crate::words::labels;

/// The item columns of one sheet as the layout step found them.
pub(crate) struct SheetItems<'a> {
    /// Sheet name.
    pub name: &'a str,
    /// 0-based header row.
    pub header: u32,
    /// Data rows.
    pub rows: &'a [RowData],
    /// 0-based column of each item, in item order.
    pub cols: &'a [u32],
}

/// What was decided about the items.
#[derive(Debug, Default)]
pub(crate) struct ItemPlan {
    /// Indices (into the proposed items) of the columns kept, in order.
    pub keep: Vec<usize>,
    /// How the cells of each kept item are read (same order as `keep`).
    pub readers: Vec<ItemReader>,
    /// The scale of each kept item that holds labels.
    pub scales: Vec<ItemScale>,
    /// Notes for the Checks sheet (columns left out, units read), keyed (sheet, row, column).
    pub notes: Vec<((usize, u32, u32), Note)>,
}

/// Why a proposed column is not an item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NotItem {
    /// The header names a quantity (年齢, 勤続年数, 金額, …).
    Quantity,
    /// The values are the sum (or mean) of the other items in each row.
    RowTotal,
    /// The numbers are not integers on a rating scale: `"0–37"`, or a decimal found.
    Range(String),
}

/// Header words naming a quantity, never a rating (compared normalised, in short headers).
const QUANTITY_WORDS: &[&str] = &[
    "年齢",
    "歳",
    "勤続",
    "年数",
    "在職",
    "経験年",
    "金額",
    "円",
    "予算",
    "決算",
    "費用",
    "給与",
    "人数",
    "件数",
    "回数",
    "時間",
    "日数",
    "合計",
    "平均",
    "age",
    "years",
    "amount",
    "budget",
    "cost",
    "salary",
    "hours",
    "total",
    "sum",
    "average",
    "mean",
];

/// `true` for a short header naming a quantity (「勤続年数」「年齢」「予算額」), not a long question
/// that merely contains such a word.
fn names_quantity(header: &str) -> bool {
    let n = normalize(header);
    let short = if n.is_ascii() {
        n.len() <= 16
    } else {
        n.chars().count() <= 8
    };
    short
        && QUANTITY_WORDS.iter().any(|w| {
            if w.is_ascii() {
                n.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|t| t == *w)
                    || n == *w
                    || n.starts_with(w)
            } else {
                n.contains(w)
            }
        })
}

/// Judges a numeric column by its values alone: integers within 0–10 (all but one in twenty)
/// look like answers on a rating scale; anything else does not.
fn range_problem(ev: &Evidence) -> Option<NotItem> {
    if ev.numbers == 0 {
        return None;
    }
    // One typo (33 for 3) in a column of five or more answers does not make it a quantity
    // (it is kept and flagged as out of scale); more than one in twenty does.
    let allowed = if ev.numbers >= 5 {
        (ev.numbers / 20).max(1)
    } else {
        0
    };
    if ev.numbers - ev.within(0, 10) <= allowed {
        return None;
    }
    let lo = format_number(ev.min);
    let hi = format_number(ev.max);
    Some(NotItem::Range(if lo == hi {
        lo
    } else {
        format!("{lo}–{hi}")
    }))
}

/// Why a proposed column with evidence `ev` is not an answer column, judged on its own (the row
/// totals are judged in [`row_totals`]); `None` when it looks like answers.
pub(crate) fn not_an_item(header: &str, ev: &Evidence, reader: &ItemReader) -> Option<NotItem> {
    // Labels and numbers written with a unit are answers someone chose to write that way.
    if !ev.labels.is_empty() || reader.unit.is_some() {
        return None;
    }
    if names_quantity(header) {
        return Some(NotItem::Quantity);
    }
    range_problem(ev)
}

/// For each column `j` (only those with `check[j]`), `true` when in at least nine rows out of ten
/// (and three or more) where every `answer` column holds a number, its value is the sum of the
/// `answer` columns other than itself (at least two), or, for a column that is no answer
/// itself, their mean (straight-line answers 3, 3, 3 make an answer the mean of the others).
fn row_totals(
    sheets: &[SheetItems],
    readers: &[ItemReader],
    answer: &[bool],
    check: &[bool],
) -> Vec<bool> {
    let n = readers.len();
    if !check.contains(&true) {
        return vec![false; n];
    }
    let mut rows_seen = vec![0usize; n];
    let mut hits = vec![0usize; n];
    let mut v = vec![0.0; n];
    for s in sheets {
        for r in s.rows {
            for (k, &c) in s.cols.iter().enumerate() {
                v[k] = readers[k].clean(r.get(c)).value;
            }
            if (0..n).any(|k| answer[k] && !v[k].is_finite()) {
                continue;
            }
            // One sum per row; each column's "others" is that sum without itself.
            let (total, count) = (0..n)
                .filter(|&k| answer[k])
                .fold((0.0, 0usize), |(s, c), k| (s + v[k], c + 1));
            for j in (0..n).filter(|&j| check[j] && v[j].is_finite()) {
                let (sum, others) = if answer[j] {
                    (total - v[j], count - 1)
                } else {
                    (total, count)
                };
                if others < 2 {
                    continue;
                }
                rows_seen[j] += 1;
                let mean = sum / others as f64;
                let close = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol * b.abs().max(1.0);
                // Means are often rounded to one or two decimals.
                if close(v[j], sum, 1e-9) || (!answer[j] && close(v[j], mean, 0.006)) {
                    hits[j] += 1;
                }
            }
        }
    }
    (0..n)
        .map(|j| rows_seen[j] >= 3 && hits[j] * 10 >= rows_seen[j] * 9)
        .collect()
}

/// Plans the items `names` found in `sheets` (the same columns in each): their scales and units,
/// and (unless `forced` by `--items`) which are not answers.
///
/// # Errors
///
/// [`ReadError::Layout`] when the labels of an item cannot be scored with certainty (listing
/// the labels of every such item and a `--scale` line), when `--scale` cannot be read, or when
/// no column looks like answers (not a survey).
pub(crate) fn plan(
    path: &Path,
    names: &[String],
    sheets: &[SheetItems],
    option: Option<&Scale>,
    forced: bool,
) -> Result<ItemPlan, ReadError> {
    let n = names.len();
    let mut evidence = vec![Evidence::default(); n];
    for s in sheets {
        for r in s.rows {
            for (k, &c) in s.cols.iter().enumerate() {
                evidence[k].add(r.get(c));
            }
        }
    }
    let option_map = option.map(scale::option_map);
    let mut readers = Vec::with_capacity(n);
    let mut scales: Vec<Option<ItemScale>> = Vec::with_capacity(n);
    let mut problems: Vec<(usize, ScaleProblem)> = Vec::new();
    for (k, ev) in evidence.iter().enumerate() {
        match scale::infer(&names[k], ev, option_map.as_ref()) {
            Ok((reader, sc)) => {
                readers.push(reader);
                scales.push(sc);
            }
            Err(p) => {
                readers.push(ItemReader::default());
                scales.push(None);
                problems.push((k, p));
            }
        }
    }
    // Columns that are not answers (before the scale problems: a comment column is no item).
    let left_out = if forced {
        vec![None; n]
    } else {
        not_answers(names, sheets, &evidence, &readers, &problems)
    };
    if !problems.is_empty() {
        return Err(scale_error(path, names, &evidence, &problems, option));
    }
    let keep: Vec<usize> = (0..n).filter(|&k| left_out[k].is_none()).collect();
    if keep.is_empty() {
        return Err(not_a_survey(path, names, &left_out));
    }
    let notes = column_notes(names, sheets, &evidence, &readers, &left_out);
    let scales = keep.iter().filter_map(|&k| scales[k].clone()).collect();
    let readers = keep.iter().map(|&k| readers[k].clone()).collect();
    Ok(ItemPlan {
        keep,
        readers,
        scales,
        notes,
    })
}

/// Which items are not answers (a quantity, a total of the others in each row, numbers out of
/// a rating range); items with a scale problem are judged by it instead.
fn not_answers(
    names: &[String],
    sheets: &[SheetItems],
    evidence: &[Evidence],
    readers: &[ItemReader],
    problems: &[(usize, ScaleProblem)],
) -> Vec<Option<NotItem>> {
    let n = names.len();
    let mut left_out: Vec<Option<NotItem>> = vec![None; n];
    for k in 0..n {
        if problems.iter().any(|(j, _)| *j == k) {
            continue;
        }
        left_out[k] = not_an_item(&names[k], &evidence[k], &readers[k]);
    }
    // A total adds up the rating items: not percentages or other numbers with a unit.
    let answer: Vec<bool> = (0..n)
        .map(|k| {
            left_out[k].is_none()
                && readers[k].unit.is_none()
                && !problems.iter().any(|(j, _)| *j == k)
        })
        .collect();
    let numeric: Vec<bool> = (0..n)
        .map(|k| {
            evidence[k].labels.is_empty()
                && readers[k].unit.is_none()
                && !problems.iter().any(|(j, _)| *j == k)
        })
        .collect();
    let totals = row_totals(sheets, readers, &answer, &numeric);
    for k in 0..n {
        if totals[k] {
            left_out[k] = Some(NotItem::RowTotal);
        }
    }
    left_out
}

/// The notes on the item columns' headers: columns left out as no answers, and the units read
/// off the numbers of a column.
fn column_notes(
    names: &[String],
    sheets: &[SheetItems],
    evidence: &[Evidence],
    readers: &[ItemReader],
    left_out: &[Option<NotItem>],
) -> Vec<((usize, u32, u32), Note)> {
    let mut notes = Vec::new();
    for (sheet_no, s) in sheets.iter().enumerate() {
        for (k, &c) in s.cols.iter().enumerate() {
            let note = |kind: NoteKind, original: String| {
                (
                    (sheet_no, s.header, c),
                    Note {
                        sheet: s.name.to_string(),
                        cell: format!("{}{}", super::address::col_letters(c), s.header + 1),
                        item: Some(names[k].clone()),
                        kind,
                        original,
                        value: None,
                    },
                )
            };
            match &left_out[k] {
                Some(NotItem::Quantity) => {
                    notes.push(note(NoteKind::NotAnItemQuantity, names[k].clone()))
                }
                Some(NotItem::RowTotal) => {
                    notes.push(note(NoteKind::NotAnItemTotal, names[k].clone()))
                }
                Some(NotItem::Range(r)) => notes.push(note(NoteKind::NotAnItemRange, r.clone())),
                None => {
                    if let Some(u) = readers[k].unit {
                        let example = evidence[k]
                            .units
                            .iter()
                            .find(|e| e.0 == u)
                            .map(|e| e.2.clone())
                            .unwrap_or_default();
                        notes.push(note(NoteKind::UnitRemoved, example));
                        if readers[k].percent_cells {
                            notes.push(note(
                                NoteKind::PercentCells,
                                format!("0–{}", format_number(evidence[k].max)),
                            ));
                        }
                    } else if evidence[k].units.len() > 1 {
                        let units: Vec<&str> =
                            evidence[k].units.iter().map(|e| e.0.symbol()).collect();
                        notes.push(note(NoteKind::MixedUnits, units.join(" ")));
                    }
                }
            }
        }
    }
    notes
}

/// The refusal for labels that cannot be scored: every item with its labels (and counts) and
/// why, then a `--scale` line to paste (the best guess; the user checks the scores).
fn scale_error(
    path: &Path,
    names: &[String],
    evidence: &[Evidence],
    problems: &[(usize, ScaleProblem)],
    option: Option<&Scale>,
) -> ReadError {
    let mut items: Vec<(&str, Vec<String>, &ScaleProblem)> = Vec::new();
    let mut pairs: Vec<(String, f64)> = Vec::new();
    if let Some(o) = option {
        pairs.extend(o.labels.iter().cloned());
    }
    for (k, p) in problems {
        let ev = &evidence[*k];
        let labels: Vec<String> = ev
            .labels
            .iter()
            .map(|(_, s)| format!("{} ({})", s.original, s.count))
            .collect();
        items.push((&names[*k], labels, p));
        // Labels that would share a score get "?": the user decides their order.
        let tied: Vec<&str> = match p {
            ScaleProblem::SameLevel(a, b) => vec![a.as_str(), b.as_str()],
            _ => Vec::new(),
        };
        for (key, s) in &ev.labels {
            let guess = if tied.contains(&s.original.as_str()) {
                None
            } else {
                s.written.or_else(|| scale::guess(key))
            };
            if !pairs.iter().any(|(l, _)| scale::label_key(l) == *key) {
                pairs.push((s.original.clone(), guess.unwrap_or(f64::NAN)));
            }
        }
    }
    // The labels of the items that were scored, with their scores, so one --scale serves all.
    for (k, ev) in evidence.iter().enumerate() {
        if problems.iter().any(|(j, _)| *j == k) || ev.labels.is_empty() {
            continue;
        }
        if let Ok((reader, _)) = scale::infer(&names[k], ev, None) {
            for (key, s) in &ev.labels {
                if !pairs.iter().any(|(l, _)| scale::label_key(l) == *key) {
                    if let Some(&x) = reader.labels.get(key) {
                        pairs.push((s.original.clone(), x));
                    }
                }
            }
        }
    }
    let line = pairs
        .iter()
        .map(|(l, x)| {
            let score = if x.is_finite() {
                format_number(*x)
            } else {
                "?".to_string()
            };
            format!("{}={score}", l.replace([',', '=', '、', ';'], " "))
        })
        .collect::<Vec<_>>()
        .join(",");
    ReadError::layout_text(path, labels::labels_uncertain(&items, &line))
}

/// The refusal for a workbook without answer columns, naming each column found and why.
fn not_a_survey(path: &Path, names: &[String], left_out: &[Option<NotItem>]) -> ReadError {
    ReadError::layout_text(path, labels::not_a_survey(names, left_out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::load::Value;
    use std::sync::Arc;

    fn ev(values: &[Value]) -> Evidence {
        let mut e = Evidence::default();
        for v in values {
            e.add(v);
        }
        e
    }

    fn nums(xs: &[f64]) -> Vec<Value> {
        xs.iter().map(|&x| Value::Num(x)).collect()
    }

    #[test]
    fn quantities_and_ranges_are_not_items() {
        let r = ItemReader::default();
        let likert = ev(&nums(&[1.0, 2.0, 5.0, 4.0, 3.0]));
        assert_eq!(not_an_item("仕事にやりがいを感じる", &likert, &r), None);
        // Years of service 0–37.
        let years = ev(&nums(&[0.0, 3.0, 12.0, 37.0, 25.0, 8.0]));
        assert_eq!(
            not_an_item("Q9", &years, &r),
            Some(NotItem::Range("0–37".into()))
        );
        // A 0–10 item is an answer; a column with decimals is not.
        assert_eq!(
            not_an_item("推奨度", &ev(&nums(&[0.0, 10.0, 7.0])), &r),
            None
        );
        assert_eq!(
            not_an_item("Q", &ev(&nums(&[3.5, 4.0, 2.0])), &r),
            Some(NotItem::Range("2–4".into()))
        );
        // The header names a quantity even when the values are small.
        assert_eq!(
            not_an_item("勤続年数", &likert, &r),
            Some(NotItem::Quantity)
        );
        assert_eq!(not_an_item("年齢", &likert, &r), Some(NotItem::Quantity));
        assert_eq!(not_an_item("Years", &likert, &r), Some(NotItem::Quantity));
        // A long question containing such a word is not caught.
        assert_eq!(
            not_an_item("残業時間を減らす工夫をしている", &likert, &r),
            None
        );
        // Labels are answers.
        let labels = ev(&[Value::Text(Arc::new("そう思う".into()))]);
        assert_eq!(not_an_item("年齢", &labels, &r), None);
    }
}
