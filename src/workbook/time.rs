//! Time order of sheets and group levels: which condition comes first, read from names such as
//! 事前/事後, 研修前/研修後, 1回目/2回目, pre/post.

use super::clean::normalize;

/// Words that mark the first (before) condition in sheet names and group values.
pub(super) const BEFORE_WORDS: &[&str] = &[
    "事前",
    "前",
    "1回目",
    "第1回",
    "導入前",
    "実施前",
    "研修前",
    "pre",
    "pretest",
    "before",
    "t1",
    "time1",
];
/// Words that mark the second (after) condition.
pub(super) const AFTER_WORDS: &[&str] = &[
    "事後",
    "後",
    "2回目",
    "第2回",
    "導入後",
    "実施後",
    "研修後",
    "post",
    "posttest",
    "after",
    "t2",
    "time2",
];

/// Which of the two conditions a name suggests: `Some(0)` before, `Some(1)` after.
pub(super) fn condition_of(name: &str) -> Option<usize> {
    let n = normalize(name);
    let tokens: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let hit = |words: &[&str]| {
        words.iter().any(|w| {
            if w.is_ascii() {
                tokens.iter().any(|t| t == w)
            } else {
                n.contains(w)
            }
        })
    };
    match (hit(BEFORE_WORDS), hit(AFTER_WORDS)) {
        (true, false) => Some(0),
        (false, true) => Some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_after_names() {
        assert_eq!(condition_of("事前"), Some(0));
        assert_eq!(condition_of("事後"), Some(1));
        assert_eq!(condition_of("研修前アンケート"), Some(0));
        assert_eq!(condition_of("Post-test"), Some(1));
        assert_eq!(condition_of("Pre"), Some(0));
        assert_eq!(condition_of("presentation"), None);
        assert_eq!(condition_of("Sheet1"), None);
    }
}
