//! Pairing respondents across the two conditions by their ID.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::plan::{PlanTopic, ReadPlan};
use super::rows::Recs;
use super::ReadError;
use crate::words::reading::{self, LayoutRefusal, PlanText};

/// Checks that no ID appears twice among the rows `sel` of `recs` (all rows when `None`) and
/// returns the row index of each ID.
pub(super) fn id_index<'a>(
    path: &Path,
    sheet: &str,
    recs: &'a Recs,
    sel: Option<&[usize]>,
) -> Result<HashMap<&'a str, usize>, ReadError> {
    let all: Vec<usize>;
    let sel = match sel {
        Some(s) => s,
        None => {
            all = (0..recs.len()).collect();
            &all
        }
    };
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(sel.len());
    for &i in sel {
        if let Some(id) = &recs.ids[i] {
            if first.contains_key(id.as_str()) {
                let rows = sel
                    .iter()
                    .filter(|&&j| recs.ids[j].as_deref() == Some(id.as_str()))
                    .map(|&j| recs.rows[j] + 1)
                    .collect();
                return Err(ReadError::DuplicateId {
                    path: path.to_path_buf(),
                    sheet: sheet.to_string(),
                    id: id.clone(),
                    rows,
                });
            }
            first.insert(id, i);
        }
    }
    Ok(first)
}

/// IDs that were matched only after leading zeros were dropped ("00123" = 123).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ZeroFix {
    /// Which side (0 or 1) had the leading zeros.
    pub(super) side: usize,
    /// How many IDs of that side were rewritten.
    pub(super) count: usize,
    /// One example: (as written, as matched).
    pub(super) example: (String, String),
}

fn digits_only(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn has_leading_zero(s: &str) -> bool {
    digits_only(s) && s.len() > 1 && s.starts_with('0')
}

/// Excel drops the leading zeros of an ID typed into a number cell: when one side's numeric IDs
/// all lack them (numbers) and the other side writes some with them ("00123", text), the
/// other side's digit-only IDs are compared without them. Nothing is changed when dropping the
/// zeros would make two IDs of a side equal, or when both sides write leading zeros.
pub(super) fn unify_leading_zeros<'x, 'a>(
    a: &'x mut [&'a mut Option<String>],
    b: &'x mut [&'a mut Option<String>],
) -> Option<ZeroFix> {
    let zeros = |ids: &[&mut Option<String>]| {
        ids.iter()
            .any(|id| id.as_deref().is_some_and(has_leading_zero))
    };
    let numbers = |ids: &[&mut Option<String>]| {
        ids.iter().any(|id| {
            id.as_deref()
                .is_some_and(|s| digits_only(s) && !s.starts_with('0'))
        })
    };
    let side = match (zeros(a), zeros(b)) {
        (true, false) if numbers(b) => 0,
        (false, true) if numbers(a) => 1,
        _ => return None,
    };
    let ids = if side == 0 { a } else { b };
    let stripped = |s: &str| -> String {
        let t = s.trim_start_matches('0');
        if t.is_empty() { "0" } else { t }.to_string()
    };
    let mut seen = HashSet::new();
    for id in ids.iter().filter_map(|id| id.as_deref()) {
        let key = if digits_only(id) {
            stripped(id)
        } else {
            id.to_string()
        };
        if !seen.insert(key) {
            return None;
        }
    }
    let mut count = 0;
    let mut example = None;
    for id in ids.iter_mut() {
        if let Some(s) = id.as_mut() {
            if has_leading_zero(s) {
                let new = stripped(s);
                example.get_or_insert_with(|| (s.clone(), new.clone()));
                *s = new;
                count += 1;
            }
        }
    }
    Some(ZeroFix {
        side,
        count,
        example: example?,
    })
}

/// Up to `n` IDs of `ids` (in order) that are not in `other`.
pub(super) fn unmatched_examples<'a>(
    ids: impl Iterator<Item = &'a str>,
    other: &HashSet<&str>,
    n: usize,
) -> Vec<String> {
    ids.filter(|id| !other.contains(id))
        .take(n)
        .map(str::to_string)
        .collect()
}

/// `true` when the numbers of a column count 1, 2, 3, … (any start, step one) down its rows:
/// a running number, not a person. `ids` in row order; at least three values, all numbers.
#[cfg(test)]
pub(super) fn is_running<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> bool {
    running_range(ids).is_some()
}

/// The first and last number when the numbers of a column count up by one down its rows
/// (at least three values, all numbers), else `None`.
pub(super) fn running_range<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> Option<(u64, u64)> {
    let mut first: Option<u64> = None;
    let mut prev: Option<u64> = None;
    let mut n = 0;
    for id in ids.flatten() {
        let x = id.parse::<u64>().ok()?;
        if prev.is_some_and(|p| p.checked_add(1) != Some(x)) {
            return None;
        }
        first.get_or_insert(x);
        prev = Some(x);
        n += 1;
    }
    (n >= 3).then_some((first?, prev?))
}

/// How an ID column whose header names no person counts down the two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Counting {
    /// Not a count on both sides, or counts whose ranges do not meet (no ID could pair: the
    /// pairing step says so with examples): used as an ID.
    NotRunning,
    /// 1, 2, 3, … restarting at 1 on each side: a running number of the answers, certainly.
    FromOne,
    /// Counts up by one on both sides, not both from 1, and the ranges overlap (101–124 and
    /// 101–120): staff numbers of the same people or running numbers, not certain.
    Uncertain([(u64, u64); 2]),
}

/// [`Counting`] of the IDs of the two sides (each in row order).
pub(super) fn counting<'a>(
    a: impl Iterator<Item = Option<&'a str>>,
    b: impl Iterator<Item = Option<&'a str>>,
) -> Counting {
    match (running_range(a), running_range(b)) {
        (Some(ra), Some(rb)) if ra.0 == 1 && rb.0 == 1 => Counting::FromOne,
        (Some(ra), Some(rb)) if ra.0 <= rb.1 && rb.0 <= ra.1 => Counting::Uncertain([ra, rb]),
        _ => Counting::NotRunning,
    }
}

/// The refusal for [`Counting::Uncertain`]: `sides` names the two sides (sheets or groups).
pub(super) fn uncertain_count(
    path: &Path,
    name: &str,
    sides: [&str; 2],
    ranges: [(u64, u64); 2],
    groups: bool,
) -> ReadError {
    ReadError::layout_text(path, reading::uncertain_count(name, sides, ranges, groups))
}

/// Plan entry for IDs matched after their leading zeros were dropped.
pub(super) fn zero_plan(plan: &mut ReadPlan, z: &ZeroFix, sides: [&str; 2], name: &str) {
    let (zs, other) = (sides[z.side], sides[1 - z.side]);
    let (from, to) = (&z.example.0, &z.example.1);
    plan.add_text(
        PlanTopic::Pairing,
        None,
        PlanText::LeadingZeros {
            count: z.count,
            zs,
            from,
            to,
            other,
            name,
        },
    );
}

/// Decides whether the IDs pair the two sides (`sides`: name and IDs of each). Few pairs
/// without `--id` is refused with examples; none means independent groups, said with examples.
pub(super) fn decide_pairing(
    path: &Path,
    plan: &mut ReadPlan,
    name: &str,
    forced: bool,
    matched: usize,
    sides: &[(&str, Vec<&str>); 2],
    id_place: Option<(&str, String)>,
) -> Result<bool, ReadError> {
    let (n_a, n_b) = (sides[0].1.len(), sides[1].1.len());
    let set = |k: usize| sides[k].1.iter().copied().collect::<HashSet<&str>>();
    let examples =
        |k: usize| unmatched_examples(sides[k].1.iter().copied(), &set(1 - k), 3).join(", ");
    let (sa, sb) = (sides[0].0, sides[1].0);
    if matched == 0 {
        let (ea, eb) = (examples(0), examples(1));
        if forced {
            return Err(ReadError::layout_text(
                path,
                LayoutRefusal::NoCommonId {
                    name,
                    sa,
                    ea: &ea,
                    sb,
                    eb: &eb,
                },
            ));
        }
        plan.add_text(
            PlanTopic::Pairing,
            id_place,
            PlanText::NotPaired {
                name,
                sa,
                ea: &ea,
                sb,
                eb: &eb,
            },
        );
        return Ok(false);
    }
    if !forced && matched * 2 < n_a.min(n_b) {
        let (ea, eb) = (examples(0), examples(1));
        return Err(ReadError::layout_text(
            path,
            LayoutRefusal::FewPairs {
                matched,
                n_a,
                sa,
                n_b,
                sb,
                name,
                ea: &ea,
                eb: &eb,
            },
        ));
    }
    plan.add_text(
        PlanTopic::Pairing,
        id_place,
        PlanText::Paired {
            name,
            matched,
            sa,
            n_a,
            sb,
            n_b,
        },
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|s| Some(s.to_string())).collect()
    }

    #[test]
    fn leading_zeros_are_dropped_only_against_numbers() {
        let mut a = ids(&["00123", "00124", "A7"]);
        let mut b = ids(&["123", "124", "125"]);
        let fix = unify_leading_zeros(
            &mut a.iter_mut().collect::<Vec<_>>(),
            &mut b.iter_mut().collect::<Vec<_>>(),
        )
        .unwrap();
        assert_eq!(fix.side, 0);
        assert_eq!(fix.count, 2);
        assert_eq!(fix.example, ("00123".to_string(), "123".to_string()));
        assert_eq!(a, ids(&["123", "124", "A7"]));
        // Both sides with zeros, or zeros that would make two IDs equal: unchanged.
        let mut a = ids(&["0012", "0013"]);
        let mut b = ids(&["0012", "13"]);
        let (mut ra, mut rb) = (
            a.iter_mut().collect::<Vec<_>>(),
            b.iter_mut().collect::<Vec<_>>(),
        );
        assert!(unify_leading_zeros(&mut ra, &mut rb).is_none());
        let mut a = ids(&["012", "12"]);
        let mut b = ids(&["12", "13"]);
        assert!(unify_leading_zeros(
            &mut a.iter_mut().collect::<Vec<_>>(),
            &mut b.iter_mut().collect::<Vec<_>>()
        )
        .is_none());
    }

    #[test]
    fn few_pairs_refused_none_independent_enough_paired() {
        let path = Path::new("s.xlsx");
        let a = ("事前", vec!["1", "2", "3", "4"]);
        let few = ("事後", vec!["1", "7", "8", "9"]);
        let mut plan = ReadPlan::default();
        let sides = [a.clone(), few];
        let e = decide_pairing(path, &mut plan, "職員番号", false, 1, &sides, None).unwrap_err();
        let en = e.to_string();
        assert!(
            en.contains("only 1 of 4")
                && en.contains("事前: 2, 3, 4")
                && en.contains("事後: 7, 8, 9"),
            "{en}"
        );
        // With --id the one pair is used.
        assert!(decide_pairing(path, &mut plan, "職員番号", true, 1, &sides, None).unwrap());
        let none = [a.clone(), ("事後", vec!["5", "6"])];
        assert!(!decide_pairing(path, &mut plan, "職員番号", false, 0, &none, None).unwrap());
        assert!(plan.entries.last().unwrap().ja.contains("独立した 2 群"));
        // --id and no pair at all: refused, with examples and --no-id.
        let e = decide_pairing(path, &mut plan, "職員番号", true, 0, &none, None).unwrap_err();
        assert!(e.message(crate::lang::Lang::Ja).contains("--no-id"));
        let half = [a, ("事後", vec!["1", "2", "9"])];
        assert!(decide_pairing(path, &mut plan, "職員番号", false, 2, &half, None).unwrap());
    }

    #[test]
    fn running_numbers() {
        let run = |v: &[&str]| is_running(v.iter().map(|s| Some(*s)));
        assert!(run(&["1", "2", "3", "4"]));
        assert!(run(&["31", "32", "33"]));
        assert!(!run(&["1", "2"]));
        assert!(!run(&["1", "3", "4"]));
        assert!(!run(&["101", "102", "A3"]));
        assert!(!run(&["1021", "1007", "1013"]));
    }

    #[test]
    fn counts_from_one_are_certain_others_only_when_they_cannot_meet() {
        let v = |s: &'static [&'static str]| s.iter().map(|x| Some(*x));
        assert_eq!(
            counting(v(&["1", "2", "3"]), v(&["1", "2", "3", "4"])),
            Counting::FromOne
        );
        assert_eq!(
            counting(v(&["101", "102", "103"]), v(&["101", "102", "103"])),
            Counting::Uncertain([(101, 103), (101, 103)])
        );
        // Partly overlapping, one from 1.
        assert_eq!(
            counting(v(&["1", "2", "3", "4"]), v(&["3", "4", "5"])),
            Counting::Uncertain([(1, 4), (3, 5)])
        );
        // Continuing across the sheets: no ID can pair either way.
        assert_eq!(
            counting(v(&["1", "2", "3"]), v(&["4", "5", "6"])),
            Counting::NotRunning
        );
        // Not a count on one side: an ID.
        assert_eq!(
            counting(v(&["101", "102", "103"]), v(&["103", "101", "102"])),
            Counting::NotRunning
        );
    }
}
