//! The wide paired layout (issue 20, class 5): one sheet whose columns come in before/after
//! pairs (事前_Q1 / 事後_Q1, Q1_前 / Q1_後, Q1（研修前）/ Q1（研修後）, Q1_before / Q1_after,
//! pre-Q1 / post-Q1). Each row is one respondent holding both answers, so the design is paired
//! within rows and no ID is needed.
//!
//! The pairing is taken only when it is certain from the names: every item column carries a
//! marker of one and the same pattern (the same marker pair, at the same end), and every item
//! has both halves. A partial or mixed pattern, or an item column without a marker, is refused
//! naming the columns and the option (`--wide BEFORE,AFTER`) that states the pattern; with that
//! option, the columns that do not pair by it are left out and listed.

use std::collections::HashMap;
use std::path::Path;

use super::address::a1;
use super::clean::{halfwidth, normalize, Scale};
use super::columns::{roles, Roles};
use super::header::{header_plan, Table};
use super::plan::{PlanTopic, ReadPlan};
use super::rows::{records, summary_rows, Keyed};
use super::{Group, Layout, Note, ReadError, ReadOptions, Survey};
use crate::words::reading::{self, LayoutRefusal, PlanText, ReadingWord};

/// Marker pairs recognised without `--wide` (before, after, the label of each condition),
/// longest first so that 研修前 is taken before 前.
const MARKERS: &[(&str, &str, &str, &str)] = &[
    ("研修前", "研修後", "研修前", "研修後"),
    ("導入前", "導入後", "導入前", "導入後"),
    ("実施前", "実施後", "実施前", "実施後"),
    ("1回目", "2回目", "1回目", "2回目"),
    ("事前", "事後", "事前", "事後"),
    ("before", "after", "before", "after"),
    ("pre", "post", "pre", "post"),
    ("前", "後", "事前", "事後"),
];

/// Characters that separate a marker from the question: 事前_Q1, Q1（前）, pre-Q1.
const SEPARATORS: &str = "_-・:：()（）[]［］「」【】 ";

fn is_sep(c: char) -> bool {
    SEPARATORS.contains(c)
}

/// Where the marker sits in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Prefix,
    Suffix,
}

/// One marker pattern: which marker pair (index into the markers in use), at which end.
type Pattern = (usize, Place);

/// A header read as one half of a pair.
#[derive(Debug, Clone)]
struct Marked {
    /// The question without the marker, as written (half-width), and its normalised key.
    stem: String,
    key: String,
    /// 0 = before, 1 = after.
    side: usize,
    pattern: Pattern,
    /// The marker with its separators as written in the header ("事前_", "（研修前）").
    affix: String,
}

/// Reads `header` as a marked half: `markers` are (before, after) texts; `builtin` asks for a
/// separator next to an ASCII or one-character marker (pre-Q1, Q1_前), never inside a word.
fn marked(header: &str, markers: &[(String, String)], builtin: bool) -> Option<Marked> {
    let h = halfwidth(header).trim().to_string();
    // Built-in markers are matched with the brackets and separators at the ends taken off
    // (Q1(研修前) → Q1(研修前 ends with 研修前); --wide texts as written (they may hold them).
    let t: &str = if builtin { h.trim_matches(is_sep) } else { &h };
    let lower = t.to_ascii_lowercase();
    for (m, (b, a)) in markers.iter().enumerate() {
        for (side, w) in [(0usize, b), (1usize, a)] {
            let w = w.to_ascii_lowercase();
            if w.is_empty() || lower.len() <= w.len() {
                continue;
            }
            let strict = builtin && (w.is_ascii() || w.chars().count() == 1);
            for place in [Place::Prefix, Place::Suffix] {
                let rest = match place {
                    Place::Prefix if lower.starts_with(&w) => &t[w.len()..],
                    Place::Suffix if lower.ends_with(&w) => &t[..t.len() - w.len()],
                    _ => continue,
                };
                let edge = match place {
                    Place::Prefix => rest.chars().next(),
                    Place::Suffix => rest.chars().next_back(),
                };
                if strict && !edge.is_some_and(is_sep) {
                    continue;
                }
                let stem = rest.trim_matches(is_sep).to_string();
                if stem.is_empty() {
                    continue;
                }
                let key = normalize(&stem);
                let affix = match place {
                    Place::Prefix => h[..h.rfind(stem.as_str()).unwrap_or(0)].to_string(),
                    Place::Suffix => {
                        let at = h.find(stem.as_str()).map_or(h.len(), |i| i + stem.len());
                        h[at..].to_string()
                    }
                };
                return Some(Marked {
                    stem,
                    key,
                    side,
                    pattern: (m, place),
                    affix,
                });
            }
        }
    }
    None
}

/// A wide sheet's pairing, decided by [`detect`].
pub(super) struct Wide {
    roles: Roles,
    /// Column indices (into the table's columns) of each item's before and after halves.
    before: Vec<usize>,
    after: Vec<usize>,
    /// Item names (the question without the marker).
    names: Vec<String>,
    labels: [String; 2],
    /// The two marks as the markers in use name them (前 / 後, 研修前 / 研修後, 事前_ / 事後_).
    marks: [String; 2],
    /// The `--wide` value that states this pattern ("事前_,事後_").
    option: String,
    /// `true` when named by `--wide`.
    forced: bool,
    /// With `--wide`: item-like columns left out (index, why in English, why in Japanese).
    left_out: Vec<(usize, ReadingWord)>,
}

fn markers_in_use(options: &ReadOptions) -> Vec<(String, String)> {
    match &options.wide {
        Some((b, a)) => vec![(halfwidth(b.trim()), halfwidth(a.trim()))],
        None => MARKERS
            .iter()
            .map(|m| (m.0.to_string(), m.1.to_string()))
            .collect(),
    }
}

/// The headers of columns for a message (at most six), and whether there are more.
fn shown<'a>(t: &'a Table, cols: &[usize]) -> (Vec<&'a str>, bool) {
    let names: Vec<&str> = cols
        .iter()
        .take(6)
        .map(|&i| t.columns[i].name.as_str())
        .collect();
    (names, cols.len() > 6)
}

/// Decides whether sheet `t` is a wide paired layout. `Ok(None)`: it is not (no column pairs
/// by a marker, without `--wide`). Refuses a partial or mixed pattern, or an item column
/// without a marker, unless `--wide` states the pattern.
pub(super) fn detect(
    path: &Path,
    t: &Table,
    options: &ReadOptions,
    scale: Option<&Scale>,
) -> Result<Option<Wide>, ReadError> {
    let forced = options.wide.is_some();
    let r = match roles(path, t, options, None) {
        Ok(r) => r,
        Err(e) if forced => return Err(e),
        Err(_) => return Ok(None),
    };
    let markers = markers_in_use(options);
    let found = Found::new(t, &r, &markers, forced);
    let complete = found
        .halves
        .values()
        .filter(|h| !h[0].is_empty() && !h[1].is_empty())
        .count();
    if complete == 0 {
        if let Some((b, a)) = &options.wide {
            return Err(ReadError::layout_text(
                path,
                LayoutRefusal::WideNoPairs {
                    b,
                    a,
                    name: t.name(),
                    columns: &t.names(),
                },
            ));
        }
        return Ok(None);
    }
    let main = found.count[0].0;
    let option = match &options.wide {
        Some((b, a)) => format!("{b},{a}"),
        None => found.example_of(main, &markers),
    };
    let left_out = if forced {
        found.left_out(main)
    } else {
        found.refuse_unsure(path, t, &r, &option, scale)?;
        Vec::new()
    };
    // The pairs, in the order of the before columns.
    let mut pairs: Vec<(usize, usize)> = found
        .halves
        .iter()
        .filter(|(k, h)| k.0 == main && h[0].len() == 1 && h[1].len() == 1)
        .map(|(_, h)| (h[0][0], h[1][0]))
        .collect();
    pairs.sort_unstable();
    let names: Vec<String> = pairs
        .iter()
        .map(|&(b, _)| found.mark_of(b).stem.clone())
        .collect();
    let labels = match &options.wide {
        Some((b, a)) => [b, a].map(|s| {
            let l = s.trim_matches(is_sep);
            if l.is_empty() {
                s.clone()
            } else {
                l.to_string()
            }
        }),
        None => {
            let m = MARKERS[main.0];
            [m.2.to_string(), m.3.to_string()]
        }
    };
    let marks = [markers[main.0].0.clone(), markers[main.0].1.clone()];
    Ok(Some(Wide {
        marks,
        roles: r,
        before: pairs.iter().map(|p| p.0).collect(),
        after: pairs.iter().map(|p| p.1).collect(),
        names,
        labels,
        option,
        forced,
        left_out,
    }))
}

/// The item columns of a sheet by their before/after marks, as [`detect`] finds them.
struct Found {
    /// Item columns with a mark (index in `columns`, the mark).
    marks: Vec<(usize, Marked)>,
    /// Item columns without a mark.
    plain: Vec<usize>,
    /// Halves by (pattern, question): [before, after] columns.
    halves: HashMap<(Pattern, String), [Vec<usize>; 2]>,
    /// Each pattern with how many columns carry it and its first column: the pattern that
    /// pairs the most questions first (the first in the sheet on a tie).
    count: Vec<(Pattern, usize, usize)>,
}

impl Found {
    fn new(t: &Table, r: &Roles, markers: &[(String, String)], forced: bool) -> Found {
        let mut marks: Vec<(usize, Marked)> = Vec::new();
        let mut plain: Vec<usize> = Vec::new();
        for &i in &r.items {
            match marked(&t.columns[i].name, markers, !forced) {
                Some(m) => marks.push((i, m)),
                None => plain.push(i),
            }
        }
        let mut halves: HashMap<(Pattern, String), [Vec<usize>; 2]> = HashMap::new();
        for (i, m) in &marks {
            halves.entry((m.pattern, m.key.clone())).or_default()[m.side].push(*i);
        }
        let mut count: Vec<(Pattern, usize, usize)> = Vec::new();
        for (i, m) in &marks {
            match count.iter_mut().find(|c| c.0 == m.pattern) {
                Some(c) => c.1 += 1,
                None => count.push((m.pattern, 1, *i)),
            }
        }
        count.sort_by_key(|c| (std::cmp::Reverse(c.1), c.2));
        Found {
            marks,
            plain,
            halves,
            count,
        }
    }

    /// The mark of the marked column `i`.
    fn mark_of(&self, i: usize) -> &Marked {
        &self.marks.iter().find(|(j, _)| *j == i).expect("marked").1
    }

    /// `BEFORE,AFTER` of the pattern `p` as the sheet writes it, for the `--wide` option.
    fn example_of(&self, p: Pattern, markers: &[(String, String)]) -> String {
        let [b, a] = [0usize, 1].map(|side| {
            self.marks
                .iter()
                .find(|(_, m)| m.pattern == p && m.side == side)
                .map(|(_, m)| m.affix.clone())
                .unwrap_or_else(|| {
                    if side == 0 {
                        markers[p.0].0.clone()
                    } else {
                        markers[p.0].1.clone()
                    }
                })
        });
        format!("{b},{a}")
    }

    /// Under `--wide`: the columns that do not pair by the pattern `main`, with why (English,
    /// Japanese), in sheet order.
    fn left_out(&self, main: Pattern) -> Vec<(usize, ReadingWord)> {
        let mut left_out = Vec::new();
        for &i in &self.plain {
            left_out.push((i, ReadingWord::WideNoMark));
        }
        for (key, h) in &self.halves {
            if key.0 != main || h[0].len() != 1 || h[1].len() != 1 {
                for &i in h[0].iter().chain(&h[1]) {
                    left_out.push((i, ReadingWord::WideNoPartner));
                }
            }
        }
        left_out.sort_by_key(|l| l.0);
        left_out
    }

    /// Without `--wide`: refuses two patterns mixed, a column without a partner (or with
    /// more than one), and an answer column without a mark; `option` is the `--wide` option
    /// the refusal suggests.
    fn refuse_unsure(
        &self,
        path: &Path,
        t: &Table,
        r: &Roles,
        option: &str,
        scale: Option<&Scale>,
    ) -> Result<(), ReadError> {
        let (count, marks) = (&self.count, &self.marks);
        // Two patterns mixed.
        if count.len() > 1 {
            let groups: Vec<(Vec<&str>, bool)> = count
                .iter()
                .map(|c| {
                    let cols: Vec<usize> = marks
                        .iter()
                        .filter(|(_, m)| m.pattern == c.0)
                        .map(|(i, _)| *i)
                        .collect();
                    shown(t, &cols)
                })
                .collect();
            return Err(ReadError::layout_text(
                path,
                reading::wide_mixed(t.name(), &groups, option),
            ));
        }
        // An item with one half only, or two columns for one half.
        let mut odd: Vec<usize> = self
            .halves
            .values()
            .filter(|h| h[0].len() != 1 || h[1].len() != 1)
            .flat_map(|h| h[0].iter().chain(&h[1]).copied())
            .collect();
        odd.sort_unstable();
        if !odd.is_empty() {
            let (columns, more) = shown(t, &odd);
            return Err(ReadError::layout_text(
                path,
                reading::wide_unsure(t.name(), &columns, more, true, option),
            ));
        }
        // An answer column without a marker: it could be a third time, or an item asked once.
        let answers = unmarked_answers(path, t, r, &self.plain, marks, scale)?;
        if !answers.is_empty() {
            let (columns, more) = shown(t, &answers);
            return Err(ReadError::layout_text(
                path,
                reading::wide_unsure(t.name(), &columns, more, false, option),
            ));
        }
        Ok(())
    }
}

/// Of the item-like columns `plain` without a marker, those that are answers (not a quantity,
/// a total or out of a rating range: the item rules of items.rs, judged beside the before
/// halves).
fn unmarked_answers(
    path: &Path,
    t: &Table,
    r: &Roles,
    plain: &[usize],
    marks: &[(usize, Marked)],
    scale: Option<&Scale>,
) -> Result<Vec<usize>, ReadError> {
    if plain.is_empty() {
        return Ok(Vec::new());
    }
    let _ = r;
    let mut idx: Vec<usize> = plain.to_vec();
    idx.extend(marks.iter().filter(|(_, m)| m.side == 0).map(|(i, _)| *i));
    let names: Vec<String> = idx.iter().map(|&i| t.columns[i].name.clone()).collect();
    let cols: Vec<u32> = idx.iter().map(|&i| t.columns[i].col).collect();
    let sheets = [super::items::SheetItems {
        name: t.name(),
        header: t.header,
        rows: t.data_rows(),
        cols: &cols,
    }];
    match super::items::plan(path, &names, &sheets, scale, false) {
        Ok(p) => Ok(p
            .keep
            .iter()
            .filter(|&&k| k < plain.len())
            .map(|&k| plain[k])
            .collect()),
        // A label problem is reported when the pairs are read.
        Err(_) => Ok(plain.to_vec()),
    }
}

/// Reads a wide sheet as a paired survey: each row once, the before halves as the first
/// condition and the after halves as the second.
pub(super) fn wide_survey(
    path: &Path,
    options: &ReadOptions,
    scale: Option<&Scale>,
    mut t: Table,
    w: Wide,
    mut plan: ReadPlan,
) -> Result<Survey, ReadError> {
    header_plan(&mut plan, options, &[&t]);
    let sheet = t.name().to_string();
    layout_plan(&t, &w, &sheet, &mut plan);
    let id_name = pairs_plan(&t, &w, &sheet, &mut plan);
    let mut items = w.names.clone();
    let (mut before, mut after) = (w.before.clone(), w.after.clone());
    let item_plan = super::layout::plan_items(
        path,
        options,
        scale,
        &mut items,
        &mut [(&t, &mut before), (&t, &mut after)],
    )?;
    let k = items.len();
    let mut notes: Vec<Keyed> = item_plan.notes;
    let all_cols: Vec<usize> = before.iter().chain(&after).copied().collect();
    let all_names: Vec<String> = items.iter().chain(&items).cloned().collect();
    let readers: Vec<_> = item_plan
        .readers
        .iter()
        .chain(&item_plan.readers)
        .cloned()
        .collect();
    let r = Roles {
        items: all_cols.clone(),
        group: None,
        ..w.roles
    };
    let mut recs = records(&mut t, &r, &all_cols, &all_names, &readers, None);
    summary_rows(&t, 0, &mut notes, &mut plan);
    for i in 0..recs.len() {
        recs.take_notes(i, 0, &mut notes);
    }
    let [whole] = recs.into_groups(&t, &all_cols, [None]);
    let [first, second] = halves_of(whole, k);
    if first.ids.is_empty() {
        return Err(ReadError::NoData {
            path: path.to_path_buf(),
            sheet: Some(sheet),
        });
    }
    super::layout::out_of_scale(&first, &second, scale, &items, &mut notes, &|_| 0);
    notes.sort_by_key(|a| a.0);
    let pairs = before
        .iter()
        .zip(&after)
        .map(|(&b, &a)| (t.columns[b].name.clone(), t.columns[a].name.clone()))
        .collect();
    Ok(Survey {
        path: path.to_path_buf(),
        layout: Layout::WidePairs {
            sheet: sheet.clone(),
            pairs,
        },
        labels: w.labels.clone(),
        paired: true,
        id_column: id_name,
        by_column: w.roles.by.map(|i| t.columns[i].name.clone()),
        items,
        first,
        second,
        notes: notes.into_iter().map(|k: (_, Note)| k.1).collect(),
        header_row: t.header + 1,
        scales: item_plan.scales,
        plan,
    })
}

/// The layout and the order of a wide sheet on the plan: the pattern of its marks (named with
/// `--wide`, or found) and a few of its pairs.
fn layout_plan(t: &Table, w: &Wide, sheet: &str, plan: &mut ReadPlan) {
    let [l1, l2] = &w.labels;
    let n = w.before.len();
    let examples: Vec<(&str, &str)> = w
        .before
        .iter()
        .zip(&w.after)
        .take(3)
        .map(|(&b, &a)| (t.columns[b].name.as_str(), t.columns[a].name.as_str()))
        .collect();
    let [m1, m2] = &w.marks;
    let found = (!w.forced).then_some([m1.as_str(), m2.as_str()]);
    plan.add_text(
        PlanTopic::Layout,
        Some((sheet, String::new())),
        reading::wide_layout(sheet, n, &examples, found, &w.option),
    );
    let (l1, l2) = (l1.as_str(), l2.as_str());
    let order = if w.forced {
        PlanText::WideOrderNamed { l1, l2 }
    } else {
        PlanText::WideOrderMarks { l1, l2 }
    };
    plan.add_text(PlanTopic::Order, None, order);
}

/// Each pair of columns, each column left out and the ID column of a wide sheet on the plan;
/// the ID column's header, if one.
fn pairs_plan(t: &Table, w: &Wide, sheet: &str, plan: &mut ReadPlan) -> Option<String> {
    let head = |i: usize| a1(t.header, t.columns[i].col);
    for (k, (&b, &a)) in w.before.iter().zip(&w.after).enumerate() {
        plan.add_text(
            PlanTopic::Pairing,
            Some((sheet, head(b))),
            PlanText::WidePair {
                item: &w.names[k],
                before: &t.columns[b].name,
                before_cell: &head(b),
                after: &t.columns[a].name,
                after_cell: &head(a),
            },
        );
    }
    for &(i, why) in &w.left_out {
        plan.add_text(
            PlanTopic::Layout,
            Some((sheet, head(i))),
            reading::wide_left_out(&t.columns[i].name, &head(i), why),
        );
    }
    let id_name = w.roles.id.map(|i| t.columns[i].name.clone());
    match &id_name {
        Some(name) => plan.add_text(
            PlanTopic::IdColumn,
            Some((sheet, head(w.roles.id.unwrap_or(0)))),
            PlanText::WideIdNotNeeded { name },
        ),
        None => plan.add_text(PlanTopic::IdColumn, None, ReadingWord::WideNoIdNeeded),
    }
    id_name
}

/// The first `k` item columns of `whole` (the before halves) and the rest (the after halves)
/// as two groups of the same rows.
fn halves_of(whole: Group, k: usize) -> [Group; 2] {
    let Group {
        ids,
        by,
        mut values,
        sheet: gsheet,
        mut columns,
        rows,
    } = whole;
    let values2 = values.split_off(k);
    let columns2 = columns.split_off(k);
    let first = Group {
        ids: ids.clone(),
        by: by.clone(),
        values,
        sheet: gsheet.clone(),
        columns,
        rows: rows.clone(),
    };
    let second = Group {
        ids,
        by,
        values: values2,
        sheet: gsheet,
        columns: columns2,
        rows,
    };
    [first, second]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Vec<(String, String)> {
        MARKERS
            .iter()
            .map(|m| (m.0.to_string(), m.1.to_string()))
            .collect()
    }

    #[test]
    fn markers_are_read_at_either_end() {
        let m = builtin();
        for (h, stem, side) in [
            ("事前_Q1", "Q1", 0),
            ("事後_Q1", "Q1", 1),
            ("Q1_前", "Q1", 0),
            ("Q1_後", "Q1", 1),
            ("Q1（研修前）", "Q1", 0),
            ("Q1(研修後)", "Q1", 1),
            ("Q1_before", "Q1", 0),
            ("Q1 After", "Q1", 1),
            ("pre-Q1", "Q1", 0),
            ("post_Q1", "Q1", 1),
            ("１回目_満足度", "満足度", 0),
        ] {
            let got = marked(h, &m, true).unwrap_or_else(|| panic!("{h}"));
            assert_eq!((got.stem.as_str(), got.side), (stem, side), "{h}");
        }
        // Inside a word, or a one-character marker without a separator: no mark.
        for h in [
            "prefecture",
            "Q1post",
            "前年度比",
            "午後",
            "presentation_score",
        ] {
            assert!(marked(h, &m, true).is_none(), "{h}");
        }
    }

    #[test]
    fn affix_is_the_marker_as_written() {
        let m = builtin();
        assert_eq!(marked("事前_Q1", &m, true).unwrap().affix, "事前_");
        assert_eq!(marked("Q1（研修前）", &m, true).unwrap().affix, "(研修前)");
        assert_eq!(marked("Q1_after", &m, true).unwrap().affix, "_after");
    }
}
