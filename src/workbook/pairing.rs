//! Pairing respondents across the two conditions by their ID.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::rows::Recs;
use super::ReadError;

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
pub(super) fn is_running<'a>(ids: impl Iterator<Item = Option<&'a str>>) -> bool {
    let mut prev: Option<u64> = None;
    let mut n = 0;
    for id in ids.flatten() {
        let Ok(x) = id.parse::<u64>() else {
            return false;
        };
        if prev.is_some_and(|p| x != p + 1) {
            return false;
        }
        prev = Some(x);
        n += 1;
    }
    n >= 3
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
    fn running_numbers() {
        let run = |v: &[&str]| is_running(v.iter().map(|s| Some(*s)));
        assert!(run(&["1", "2", "3", "4"]));
        assert!(run(&["31", "32", "33"]));
        assert!(!run(&["1", "2"]));
        assert!(!run(&["1", "3", "4"]));
        assert!(!run(&["101", "102", "A3"]));
        assert!(!run(&["1021", "1007", "1013"]));
    }
}
