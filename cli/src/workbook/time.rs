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

/// How the time of a sheet name or group value was read, as the plan shows it
/// (`words::order::reading`).
#[derive(Debug, Clone, PartialEq)]
pub enum TimeReading {
    /// A before/after word (事前, 研修後, pre, post): `false` before, `true` after.
    Phase(bool),
    /// A year, round or month as written, with its meaning where it has one: "令和5 = 2023",
    /// "2回", "4月".
    Written(String),
}

/// A point in time read from a sheet name or group value, with the words it was read from.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TimeMark {
    /// What kind of time: years and fiscal years compare with each other, and so on.
    kind: TimeKind,
    /// Position on that kind's scale (a year, a month, a round, 0 = before / 1 = after).
    value: f64,
    /// How it was read.
    pub(super) reading: TimeReading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeKind {
    Year,
    Round,
    Month,
    Phase,
}

/// Digits starting at byte `i` of `s` (ASCII), as a number, and the byte after them.
fn digits_at(s: &str, i: usize) -> Option<(u32, usize)> {
    let rest = &s[i..];
    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 4 {
        return None;
    }
    Some((rest[..len].parse().ok()?, i + len))
}

/// Every time mark in `name` (normalised: half-width, lower case, no spaces).
fn marks(name: &str) -> Vec<TimeMark> {
    let n = normalize(name);
    let mut out = Vec::new();
    let mark = |kind, value: u32, reading: String| TimeMark {
        kind,
        value: f64::from(value),
        reading: TimeReading::Written(reading),
    };
    // Japanese eras: 令和5, 令和元, 平成30, R5, H30 (a letter not preceded by another letter).
    for (era, base) in [("令和", 2018), ("平成", 1988)] {
        if let Some(i) = n.find(era) {
            let j = i + era.len();
            if n[j..].starts_with('元') {
                out.push(mark(
                    TimeKind::Year,
                    base + 1,
                    format!("{era}元 = {}", base + 1),
                ));
            } else if let Some((y, _)) = digits_at(&n, j).filter(|(y, _)| (1..=99).contains(y)) {
                out.push(mark(
                    TimeKind::Year,
                    base + y,
                    format!("{era}{y} = {}", base + y),
                ));
            }
        }
    }
    let bytes = n.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let letter_before = i > 0 && bytes[i - 1].is_ascii_alphabetic();
        if (b == b'r' || b == b'h') && !letter_before {
            if let Some((y, end)) = digits_at(&n, i + 1) {
                let after_is_letter = bytes.get(end).is_some_and(u8::is_ascii_alphabetic);
                if (1..=99).contains(&y) && !after_is_letter {
                    let (era, base) = if b == b'r' { ("R", 2018) } else { ("H", 1988) };
                    out.push(mark(
                        TimeKind::Year,
                        base + y,
                        format!("{era}{y} = {}", base + y),
                    ));
                }
            }
        }
    }
    // Western years 1990–2099, not part of a longer number.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let len = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            if len == 4 {
                let y: u32 = n[i..i + 4].parse().unwrap_or(0);
                if (1990..=2099).contains(&y) {
                    out.push(mark(TimeKind::Year, y, y.to_string()));
                }
            }
            let end = i + len;
            if len <= 2 {
                let v: u32 = n[i..end].parse().unwrap_or(0);
                let rest = &n[end..];
                if rest.starts_with("回") || (i >= "第".len() && n[..i].ends_with('第')) {
                    out.push(mark(TimeKind::Round, v, format!("{v}回")));
                } else if rest.starts_with('月') && (1..=12).contains(&v) {
                    out.push(mark(TimeKind::Month, v, format!("{v}月")));
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
    if let Some(c) = condition_of(name) {
        out.push(TimeMark {
            kind: TimeKind::Phase,
            value: c as f64,
            reading: TimeReading::Phase(c == 1),
        });
    }
    out
}

/// How two names compare in time ([`compare`]).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Compared {
    /// `first` is 0 when the first name is earlier and 1 when the second is; how each name's
    /// time was read.
    Ordered(usize, TimeReading, TimeReading),
    /// Both name a month, on either side of a fiscal year's turn (1–3 against 4–12): in a fiscal
    /// year April comes before March, in a calendar year after it. The two months.
    EitherWay(u32, u32),
    /// No comparable time, or the same.
    Unknown,
}

/// How two names compare in time, read from years (2023, 令和5, R5), rounds (1回目, 第2回),
/// months (4月/10月) or before/after words (事前/事後, pre/post), in that order of precedence.
pub(super) fn compare(a: &str, b: &str) -> Compared {
    let (ma, mb) = (marks(a), marks(b));
    for kind in [
        TimeKind::Year,
        TimeKind::Round,
        TimeKind::Month,
        TimeKind::Phase,
    ] {
        let x: Vec<&TimeMark> = ma.iter().filter(|m| m.kind == kind).collect();
        let y: Vec<&TimeMark> = mb.iter().filter(|m| m.kind == kind).collect();
        // One clear mark of this kind on each side.
        let (Some(x), Some(y)) = (single(&x), single(&y)) else {
            continue;
        };
        if x.value == y.value {
            continue;
        }
        if kind == TimeKind::Month && ((x.value <= 3.0) != (y.value <= 3.0)) {
            return Compared::EitherWay(x.value as u32, y.value as u32);
        }
        let first = usize::from(y.value < x.value);
        return Compared::Ordered(first, x.reading.clone(), y.reading.clone());
    }
    Compared::Unknown
}

/// Which of two names is earlier in time: `Some((first, reading of a, reading of b))` when
/// [`compare`] orders them; `None` when the names carry no comparable time, the same, or months
/// that could come in either order.
pub(super) fn earlier(a: &str, b: &str) -> Option<(usize, TimeReading, TimeReading)> {
    match compare(a, b) {
        Compared::Ordered(first, ra, rb) => Some((first, ra, rb)),
        Compared::EitherWay(..) | Compared::Unknown => None,
    }
}

/// The time order of three or more names (sheets or group levels): `Some` with the indices of
/// `names` from earliest to latest and, per name, how its time was read, when every two names
/// compare by [`earlier`] and the comparisons agree; `None` when any two cannot be told apart
/// (no time, the same time, or a fiscal-year ambiguity) — then the order is not guessed.
pub(super) fn time_order(names: &[&str]) -> Option<(Vec<usize>, Vec<TimeReading>)> {
    let n = names.len();
    let mut readings: Vec<Option<TimeReading>> = vec![None; n];
    // before[i][j]: name i is earlier than name j.
    let mut before = vec![vec![false; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let (first, ri, rj) = earlier(names[i], names[j])?;
            if first == 0 {
                before[i][j] = true;
            } else {
                before[j][i] = true;
            }
            readings[i].get_or_insert(ri);
            readings[j].get_or_insert(rj);
        }
    }
    // A total order: the k-th name is earlier than exactly n − 1 − k others.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(before[i].iter().filter(|&&b| b).count()));
    let consistent = order
        .iter()
        .enumerate()
        .all(|(k, &i)| before[i].iter().filter(|&&b| b).count() == n - 1 - k)
        && order.windows(2).all(|w| before[w[0]][w[1]]);
    // Every name compared with another has its reading (a single name has none).
    let readings = readings
        .into_iter()
        .map(|r| r.unwrap_or_else(|| TimeReading::Written(String::new())))
        .collect();
    consistent.then_some((order, readings))
}

/// The one value among `marks` (several marks of the same value count as one).
fn single<'a>(marks: &[&'a TimeMark]) -> Option<&'a TimeMark> {
    let first = *marks.first()?;
    marks
        .iter()
        .all(|m| m.value == first.value)
        .then_some(first)
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

    #[test]
    fn order_of_three_or_more() {
        let order = |v: &[&str]| time_order(v).map(|o| o.0);
        assert_eq!(
            order(&["令和6年度", "令和4年度", "令和5年度"]),
            Some(vec![1, 2, 0])
        );
        assert_eq!(order(&["第3回", "第1回", "第2回"]), Some(vec![1, 2, 0]));
        assert_eq!(order(&["2024", "R5", "H30"]), Some(vec![2, 1, 0]));
        // 3か月後 and 1年後 are both "after": not told apart.
        assert_eq!(order(&["事前", "3か月後", "1年後"]), None);
        assert_eq!(order(&["本庁", "支所", "出先"]), None);
        // Two sheets of the same year.
        assert_eq!(order(&["令和5年度", "令和5年度 追加", "令和6年度"]), None);
        let (_, r) = time_order(&["令和6年度", "令和4年度", "令和5年度"]).unwrap();
        let written = |s: &str| TimeReading::Written(s.into());
        assert_eq!(
            r,
            [
                written("令和6 = 2024"),
                written("令和4 = 2022"),
                written("令和5 = 2023")
            ]
        );
    }

    #[test]
    fn time_order_from_names() {
        let first = |a: &str, b: &str| earlier(a, b).map(|e| e.0);
        assert_eq!(first("令和6年度", "令和5年度"), Some(1));
        assert_eq!(first("令和元年度", "平成30年度"), Some(1));
        assert_eq!(first("R5", "R6"), Some(0));
        assert_eq!(first("R6調査", "R5調査"), Some(1));
        assert_eq!(first("2024", "2023"), Some(1));
        assert_eq!(first("2023年度", "令和6年度"), Some(0));
        assert_eq!(first("事後", "事前"), Some(1));
        assert_eq!(first("研修後", "研修前"), Some(1));
        assert_eq!(first("前", "後"), Some(0));
        assert_eq!(first("2回目", "1回目"), Some(1));
        assert_eq!(first("第2回", "第1回"), Some(1));
        assert_eq!(first("10月", "4月"), Some(1));
        assert_eq!(first("post", "pre"), Some(1));
        // The year decides before the words: 2024年 事前 is after 2023年 事後.
        assert_eq!(first("2024年 事前", "2023年 事後"), Some(1));
        // No time, or a fiscal-year ambiguity (1月 of the next year vs 10月).
        assert_eq!(first("Sheet1", "Sheet2"), None);
        assert_eq!(first("1月", "10月"), None);
        assert_eq!(first("職員", "管理職"), None);
        assert_eq!(first("Rate", "Rank"), None);
        let e = earlier("令和6年度", "令和5年度").unwrap();
        assert_eq!(
            (e.1, e.2),
            (
                TimeReading::Written("令和6 = 2024".into()),
                TimeReading::Written("令和5 = 2023".into())
            )
        );
        let e = earlier("研修後", "研修前").unwrap();
        assert_eq!(
            (e.1, e.2),
            (TimeReading::Phase(true), TimeReading::Phase(false))
        );
    }

    /// Months on either side of April: a fiscal year (4月 … 3月) and a calendar year (1月 …
    /// 12月) order them differently, so they are not ordered.
    #[test]
    fn months_across_april_go_either_way() {
        assert_eq!(compare("12月", "3月"), Compared::EitherWay(12, 3));
        assert_eq!(compare("3月実施", "4月実施"), Compared::EitherWay(3, 4));
        assert_eq!(compare("1月", "10月"), Compared::EitherWay(1, 10));
        // Both within April–December, or both within January–March: ordered.
        assert!(matches!(compare("4月", "10月"), Compared::Ordered(0, ..)));
        assert!(matches!(compare("3月", "1月"), Compared::Ordered(1, ..)));
        // A year decides first: 2024年3月 is after 2023年12月 whatever the months say.
        assert!(matches!(
            compare("2023年12月", "2024年3月"),
            Compared::Ordered(0, ..)
        ));
        assert_eq!(compare("本庁", "支所"), Compared::Unknown);
    }
}
