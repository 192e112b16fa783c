//! Answer labels and the scale of each item.
//!
//! Every label is normalised before it is matched ([`label_key`]): NFKC (half-width katakana,
//! full-width letters and digits, circled digits), katakana as hiragana, no spaces or final
//! 「。」, lower case, and the usual kanji/kana spellings made one (言える/いえる, 全く/まったく,
//! 当てはまる/あてはまる, …). A leading score is read from 「5（とてもそう思う）」「5:そう思う」
//! 「5. そう思う」「(5)」 ([`leading_score`]).
//!
//! A label is a *family* (…そう思う, …あてはまる, 満足…不満, 同意する…, agree…, satisfied…) and a
//! *level* on a symmetric axis: strong (とても, 非常に, 全く: ±4), plain or かなり/ほとんど (±3),
//! mild (やや, まあ, どちらかといえば, あまり…ない: ±1), the midpoint (どちらともいえない, ふつう: 0).
//! The scale of an item is inferred from the set of distinct labels found in it
//! ([`infer`]): the levels found, completed symmetrically (a level found on one side exists on
//! the other), with a midpoint only when one was found; every level gets its rank, 1 for the
//! most negative. So 「そう思う／ややそう思う／どちらともいえない／あまりそう思わない／そう思わない」
//! is 5…1 and 「とてもそう思う／そう思う／そう思わない／全くそう思わない」 is 4…1. Two labels on one
//! level, labels of two families, a word that is no label, or labels and numbers that do not fit
//! one scale are refused ([`ScaleProblem`]) with a `--scale` line the user can paste and edit.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::load::{format_number, Value};

/// Normalised form of an answer label, for matching (see the module documentation).
pub(crate) fn label_key(s: &str) -> String {
    let nfkc: String = s.nfkc().collect();
    let mut out = String::with_capacity(nfkc.len());
    for c in nfkc.chars() {
        if c.is_whitespace() || matches!(c, '。' | '、' | '.' | '!' | '！') {
            continue;
        }
        // Katakana letters as hiragana (ア U+30A2 → あ U+3042); ー and ・ stay.
        let c = match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        };
        out.extend(c.to_lowercase());
    }
    for (from, to) in SPELLINGS {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out
}

/// Kanji and kana spellings of the same word, as one (applied after the kana are hiragana).
const SPELLINGS: &[(&str, &str)] = &[
    ("言え", "いえ"),
    ("言う", "いう"),
    ("全く", "まったく"),
    ("全然", "ぜんぜん"),
    ("当て嵌ま", "あてはま"),
    ("当てはま", "あてはま"),
    ("あて嵌ま", "あてはま"),
    ("思", "おも"),
    ("余り", "あまり"),
    ("少し", "すこし"),
    ("大変", "たいへん"),
    ("普通", "ふつう"),
    ("分から", "わから"),
    ("判ら", "わから"),
    ("解ら", "わから"),
    ("何方", "どちら"),
    ("大体", "だいたい"),
    ("概ね", "おおむね"),
    ("割と", "わりと"),
    ("凄く", "すごく"),
    ("出来", "でき"),
];

/// Texts that mean "no answer" (written naturally; compared through [`label_key`]).
const NO_ANSWER: &[&str] = &[
    "無回答",
    "未回答",
    "回答なし",
    "回答しない",
    "答えたくない",
    "回答したくない",
    "無記入",
    "不明",
    "なし",
    "わからない",
    "わかりません",
    "分からない",
    "該当しない",
    "該当なし",
    "非該当",
    "n/a",
    "na",
    "#n/a",
    "none",
    "null",
    "nan",
    "dk",
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
    "prefer not to say",
    "-",
    "--",
    "ー",
    "―",
    "—",
    "－",
    "・",
    "×",
    "?",
    "？",
];

/// `true` for 「無回答」「わからない」「該当しない」「-」「N/A」…
pub(crate) fn is_no_answer(key: &str) -> bool {
    tables().no_answer.iter().any(|n| n == key)
}

/// The word lists above in normalised form, built once (they are matched for every text cell).
struct Tables {
    no_answer: Vec<String>,
    midpoints: Vec<String>,
    /// (family, sign, end word) in the order tried.
    ends: Vec<(Family, i8, String)>,
    /// (modifier, level, written form).
    modifiers: Vec<(String, i8, &'static str)>,
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Tables {
        no_answer: NO_ANSWER.iter().map(|s| label_key(s)).collect(),
        midpoints: MIDPOINTS.iter().map(|s| label_key(s)).collect(),
        ends: FAMILIES
            .iter()
            .flat_map(|&(f, neg, pos)| {
                neg.iter()
                    .map(move |w| (f, -1i8, label_key(w)))
                    .chain(pos.iter().map(move |w| (f, 1i8, label_key(w))))
            })
            .collect(),
        modifiers: MODIFIERS
            .iter()
            .map(|&(m, l)| (label_key(m), l, m))
            .collect(),
    })
}

/// A family of answer labels: the words of its positive and negative ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Family {
    /// そう思う … そう思わない
    Omou,
    /// あてはまる … あてはまらない
    Atehamaru,
    /// 満足 … 不満
    Manzoku,
    /// 同意する … 同意しない
    Doui,
    /// 賛成 … 反対
    Sansei,
    /// Agree … Disagree
    Agree,
    /// Satisfied … Dissatisfied
    Satisfied,
}

impl Family {
    /// The family's name as shown on the Checks sheet.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Family::Omou => "そう思う／そう思わない",
            Family::Atehamaru => "あてはまる／あてはまらない",
            Family::Manzoku => "満足／不満",
            Family::Doui => "同意する／同意しない",
            Family::Sansei => "賛成／反対",
            Family::Agree => "agree / disagree",
            Family::Satisfied => "satisfied / dissatisfied",
        }
    }
}

/// (family, negative-end words, positive-end words), written naturally. Negative words are tried
/// first: 「不満足」 ends with 「満足」 and "disagree" with "agree".
const FAMILIES: &[(Family, &[&str], &[&str])] = &[
    (
        Family::Omou,
        &["そう思わない", "思わない"],
        &["そう思う", "思う"],
    ),
    (
        Family::Atehamaru,
        &["あてはまらない", "当てはまらない"],
        &["あてはまる", "当てはまる"],
    ),
    (
        Family::Manzoku,
        &["満足していない", "不満足", "不満である", "不満"],
        &["満足している", "満足"],
    ),
    (
        Family::Doui,
        &["同意しない", "同意できない"],
        &["同意する", "同意"],
    ),
    (Family::Sansei, &["反対"], &["賛成"]),
    (Family::Agree, &["disagree"], &["agree"]),
    (
        Family::Satisfied,
        &["dissatisfied", "unsatisfied", "notsatisfied"],
        &["satisfied"],
    ),
];

/// Words before the end word, and the level they give (magnitude; the sign is the end's).
const MODIFIERS: &[(&str, i8)] = &[
    ("", 3),
    ("とても", 4),
    ("非常に", 4),
    ("たいへん", 4),
    ("強く", 4),
    ("すごく", 4),
    ("極めて", 4),
    ("大いに", 4),
    ("十分", 4),
    ("十分に", 4),
    ("本当に", 4),
    ("完全に", 4),
    ("まったく", 4),
    ("ぜんぜん", 4),
    ("決して", 4),
    ("strongly", 4),
    ("very", 4),
    ("completely", 4),
    ("extremely", 4),
    ("totally", 4),
    ("かなり", 3),
    ("ほとんど", 3),
    ("やや", 1),
    ("まあ", 1),
    ("まあまあ", 1),
    ("すこし", 1),
    ("どちらかといえば", 1),
    ("どちらかというと", 1),
    ("わりと", 1),
    ("比較的", 1),
    ("ある程度", 1),
    ("だいたい", 1),
    ("おおむね", 1),
    ("あまり", 1),
    ("somewhat", 1),
    ("slightly", 1),
    ("mildly", 1),
    ("moderately", 1),
    ("alittle", 1),
];

/// Midpoint labels (level 0, any family).
const MIDPOINTS: &[&str] = &[
    "どちらともいえない",
    "どちらとも言えない",
    "どちらでもない",
    "どちらとも",
    "ふつう",
    "中間",
    "neutral",
    "neither agree nor disagree",
    "neither satisfied nor dissatisfied",
    "neither",
    "undecided",
];

/// A label's place: its family (`None` for a midpoint) and level (−4…4, 0 = midpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Place {
    pub family: Option<Family>,
    pub level: i8,
}

/// The family and level of a normalised label, if it is one.
pub(crate) fn place(key: &str) -> Option<Place> {
    if key.is_empty() {
        return None;
    }
    let t = tables();
    if t.midpoints.iter().any(|m| m == key) {
        return Some(Place {
            family: None,
            level: 0,
        });
    }
    for (family, sign, w) in &t.ends {
        let Some(prefix) = key.strip_suffix(w.as_str()) else {
            continue;
        };
        // 「あまり」 belongs to the negative end only (「あまりそう思う」 is no label).
        let level = t
            .modifiers
            .iter()
            .find(|(m, _, written)| m == prefix && !(*sign > 0 && *written == "あまり"))
            .map(|&(_, l, _)| l)?;
        return Some(Place {
            family: Some(*family),
            level: sign * level,
        });
    }
    None
}

/// A score written before (or after) a label: 「5（とてもそう思う）」「5:そう思う」「5. そう思う」
/// 「(5)」「とてもそう思う(5)」. Returns the score and the label's normalised key (empty for a
/// bare 「(5)」). Only one- and two-digit scores.
pub(crate) fn leading_score(text: &str) -> Option<(f64, String)> {
    let t: String = text.nfkc().collect();
    let t = t.trim();
    let digits = |s: &str| -> Option<f64> {
        (!s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<f64>().ok())
            .flatten()
    };
    // "(5)" and "(5) label".
    if let Some(rest) = t.strip_prefix('(') {
        let (num, after) = rest.split_once(')')?;
        let score = digits(num.trim())?;
        return Some((score, label_key(after)));
    }
    // "label(5)".
    if let Some(body) = t.strip_suffix(')') {
        if let Some((label, num)) = body.rsplit_once('(') {
            if let Some(score) = digits(num.trim()) {
                if !label.trim().is_empty() && !label.trim().ends_with(|c: char| c.is_ascii_digit())
                {
                    return Some((score, label_key(label)));
                }
            }
        }
    }
    // "5 label", "5:label", "5. label", "5(label)", "5-label".
    let end = t.find(|c: char| !c.is_ascii_digit())?;
    let score = digits(&t[..end])?;
    // A separator or a bracket must follow the number: 「1回目」「2025年」 are no scores.
    let after = &t[end..];
    let rest = after.trim_start();
    let rest = match rest.strip_prefix([':', '.', ')', '-', '=', ',', '、', '．', '：']) {
        Some(r) => r,
        None if rest.starts_with('(') || rest.len() < after.len() => rest,
        None => return None,
    };
    let rest = rest.trim();
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.strip_suffix(')')?,
        None => rest,
    };
    let key = label_key(rest);
    // At least one letter: "5 - 3" or "12.5" is no label.
    if key.chars().any(char::is_alphabetic) && !key.starts_with(|c: char| c.is_ascii_digit()) {
        Some((score, key))
    } else {
        None
    }
}

/// Units written after a number: 「4点」「80%」「3人」.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unit {
    /// 点
    Points,
    /// % (a percentage stays a percentage: 80% is 80)
    Percent,
    /// 人
    People,
}

impl Unit {
    /// The unit as written in the workbook.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Unit::Points => "点",
            Unit::Percent => "%",
            Unit::People => "人",
        }
    }
}

/// A number with a unit: 「4点」「４ 点」「80%」「80％」「3人」.
pub(crate) fn with_unit(text: &str) -> Option<(f64, Unit)> {
    let t: String = text.nfkc().collect();
    let t = t.trim();
    let (num, unit) = if let Some(n) = t.strip_suffix('点') {
        (n, Unit::Points)
    } else if let Some(n) = t.strip_suffix('%') {
        (n, Unit::Percent)
    } else if let Some(n) = t.strip_suffix('人') {
        (n, Unit::People)
    } else {
        return None;
    };
    super::clean::parse_number(num.trim()).map(|x| (x, unit))
}

/// What one text cell of an item column is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TextKind {
    /// A plain number (ASCII or full-width).
    Number(f64),
    /// A number with a unit.
    Unit(f64, Unit),
    /// 「無回答」「わからない」…
    NoAnswer,
    /// A label (normalised key) with the score written beside it, if any.
    Label { key: String, score: Option<f64> },
}

/// Texts longer than this (in bytes) are never labels (as in clean.rs).
const MAX_LABEL_BYTES: usize = 256;

/// Classifies a non-blank text cell.
pub(crate) fn text_kind(text: &str) -> TextKind {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    // Checked first: a hostile 192 KB string in every cell must cost nothing per cell.
    if t.len() > MAX_LABEL_BYTES {
        return TextKind::Label {
            key: String::new(),
            score: None,
        };
    }
    let half = super::clean::halfwidth(t);
    if let Some(x) = super::clean::parse_number(half.trim()) {
        return TextKind::Number(x);
    }
    if let Some((x, u)) = with_unit(t) {
        return TextKind::Unit(x, u);
    }
    if let Some((score, key)) = leading_score(t) {
        if key.is_empty() {
            return TextKind::Number(score);
        }
        return TextKind::Label {
            key,
            score: Some(score),
        };
    }
    let key = label_key(t);
    if is_no_answer(&key) {
        return TextKind::NoAnswer;
    }
    TextKind::Label { key, score: None }
}

/// One distinct label seen in an item column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Seen {
    /// The label as first written in the workbook.
    pub original: String,
    /// Cells holding it (any spelling that normalises to the same key).
    pub count: usize,
    /// The score written beside it (「5:そう思う」), if any.
    pub written: Option<f64>,
    /// Two different scores were written beside it.
    pub conflicting: bool,
}

/// Distinct labels kept per item before the column is taken as free text.
pub(crate) const MAX_DISTINCT_LABELS: usize = 40;

/// What the cells of one item column hold, gathered in one pass (both sheets).
#[derive(Debug, Clone, Default)]
pub(crate) struct Evidence {
    /// Label key → what was seen, in order of first appearance.
    pub labels: Vec<(String, Seen)>,
    index: HashMap<String, usize>,
    /// More than [`MAX_DISTINCT_LABELS`] distinct labels: free text.
    pub overflow: bool,
    /// Plain numbers (cells and numbers as text).
    pub numbers: usize,
    /// Numbers that are integers within 0–10, by value.
    pub small: [usize; 11],
    /// Smallest and largest plain number.
    pub min: f64,
    pub max: f64,
    /// Numbers with a unit, per unit, and one example as written.
    pub units: Vec<(Unit, usize, String)>,
    /// Largest number written with a `%` unit.
    pub max_percent: f64,
}

impl Evidence {
    /// Adds one cell.
    pub(crate) fn add(&mut self, v: &Value) {
        match v {
            Value::Num(x) if x.is_finite() => self.number(*x),
            Value::Text(s) => match text_kind(s) {
                TextKind::Number(x) => self.number(x),
                TextKind::Unit(x, u) => {
                    match self.units.iter_mut().find(|e| e.0 == u) {
                        Some(e) => e.1 += 1,
                        None => self.units.push((u, 1, s.trim().to_string())),
                    }
                    if u == Unit::Percent {
                        self.max_percent = self.max_percent.max(x);
                    }
                }
                TextKind::NoAnswer => {}
                TextKind::Label { key, score } => self.label(key, score, s),
            },
            _ => {}
        }
    }

    fn number(&mut self, x: f64) {
        if self.numbers == 0 {
            self.min = x;
            self.max = x;
        }
        self.numbers += 1;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        if x.fract() == 0.0 && (0.0..=10.0).contains(&x) {
            self.small[x as usize] += 1;
        }
    }

    fn label(&mut self, key: String, score: Option<f64>, original: &str) {
        if key.is_empty() {
            self.overflow = true;
            return;
        }
        if let Some(&i) = self.index.get(&key) {
            let seen = &mut self.labels[i].1;
            seen.count += 1;
            match (seen.written, score) {
                (Some(a), Some(b)) if a != b => seen.conflicting = true,
                (None, Some(b)) => seen.written = Some(b),
                _ => {}
            }
            return;
        }
        if self.labels.len() >= MAX_DISTINCT_LABELS {
            self.overflow = true;
            return;
        }
        self.index.insert(key.clone(), self.labels.len());
        self.labels.push((
            key,
            Seen {
                original: super::clean::short(original.trim(), 100),
                count: 1,
                written: score,
                conflicting: false,
            },
        ));
    }

    /// Numbers that are integers within `lo..=hi`.
    pub(crate) fn within(&self, lo: usize, hi: usize) -> usize {
        self.small[lo..=hi].iter().sum()
    }

    /// The largest integer in 1–7 among the numbers, when all but one in twenty (at least one)
    /// of them are integers within 1–7: the numbers look like scores on a k-point scale.
    fn points_of_numbers(&self) -> Option<usize> {
        if self.numbers == 0 {
            return None;
        }
        let allowed = (self.numbers / 20).max(1);
        if self.numbers - self.within(1, 7) > allowed {
            return None;
        }
        (1..=7).rev().find(|&k| self.small[k] > 0)
    }
}

/// How the scores of an item's labels were decided.
#[derive(Debug, Clone, PartialEq)]
pub enum ScaleSource {
    /// From the labels' family and levels.
    Inferred {
        /// Family name (Japanese words or English words as written in labels).
        family: String,
        /// Labels of the scale that no cell holds (assumed from the symmetric scale), with
        /// their scores.
        assumed: Vec<(String, f64)>,
    },
    /// The score written beside each label (「5:そう思う」).
    Written,
    /// The `--scale` mapping.
    Option,
}

/// One label of an item's scale, for the Checks sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleLabel {
    /// The label as first written in the workbook.
    pub label: String,
    /// Its score.
    pub score: f64,
    /// Cells holding it (both sheets; spellings that normalise alike counted together).
    pub count: usize,
}

/// The scale of one item: how its labels became scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemScale {
    /// Item name.
    pub item: String,
    /// Number of points of the scale (1…points).
    pub points: usize,
    /// How the scores were decided.
    pub source: ScaleSource,
    /// Labels found, from the highest score to the lowest.
    pub labels: Vec<ScaleLabel>,
}

impl ItemScale {
    /// One line for the Checks sheet, e.g. "5-point scale inferred from the labels
    /// (そう思う／そう思わない)".
    pub fn describe(&self, lang: crate::lang::Lang) -> String {
        let assumed: Vec<String> = match &self.source {
            ScaleSource::Inferred { assumed, .. } => assumed
                .iter()
                .map(|(l, s)| format!("{l}={}", format_number(*s)))
                .collect(),
            _ => Vec::new(),
        };
        crate::words::reader::scale_source(&self.source, self.points, &assumed, lang)
    }
}

/// How the cells of one item are read: its labels' scores and its unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ItemReader {
    /// Label key → score.
    pub labels: HashMap<String, f64>,
    /// The unit written after the numbers of this column, if any.
    pub unit: Option<Unit>,
    /// Plain numbers of a `%` column are fractions (an Excel percent cell holds 0.8 for 80%):
    /// multiplied by 100.
    pub percent_cells: bool,
}

impl ItemReader {
    /// Cleans one cell of the item: labels and numbers with the column's unit become scores
    /// without a per-cell note (the Checks sheet lists them once per item and column).
    pub(crate) fn clean(&self, v: &Value) -> super::clean::Cleaned {
        use super::clean::Cleaned;
        match v {
            Value::Num(x) if x.is_finite() && self.percent_cells => Cleaned {
                // 0.55 × 100 is 55.00000000000001 in binary: the percentage Excel shows is
                // the product rounded to nine decimals.
                value: (x * 100.0 * 1e9).round() / 1e9,
                kind: None,
            },
            Value::Text(s) => {
                let direct = super::clean::clean(v, None);
                if s.trim().is_empty() {
                    return direct;
                }
                match text_kind(s) {
                    // Numbers as text and full-width digits keep their per-cell note.
                    TextKind::Number(_) => direct,
                    TextKind::Unit(x, u) if Some(u) == self.unit => Cleaned {
                        value: x,
                        kind: None,
                    },
                    TextKind::Label { key, .. } if self.labels.contains_key(&key) => Cleaned {
                        value: self.labels[&key],
                        kind: None,
                    },
                    TextKind::NoAnswer => Cleaned {
                        value: f64::NAN,
                        kind: Some(super::NoteKind::NoAnswer),
                    },
                    // Another unit than the column's (「3人」 among 「4点」), or a label without
                    // a score on this item's scale: not read.
                    _ => Cleaned {
                        value: f64::NAN,
                        kind: Some(super::NoteKind::Text),
                    },
                }
            }
            _ => super::clean::clean(v, None),
        }
    }
}

/// Why the labels of an item cannot be scored with certainty.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ScaleProblem {
    /// Words that are no known answer label.
    Unknown(Vec<String>),
    /// Two labels on the same level (e.g. やや and どちらかといえば).
    SameLevel(String, String),
    /// Labels of two families (e.g. そう思う and 満足).
    TwoFamilies(String, String),
    /// Labels and numbers that do not fit one scale.
    NumbersDoNotFit {
        /// Points of the labels' scale.
        points: usize,
        /// Largest number.
        max: f64,
    },
    /// Scores written beside some labels but not others, or two scores for one label, or one
    /// score for two labels.
    Written(String),
    /// Labels not in the `--scale` mapping.
    NotInOption(Vec<String>),
    /// Labels whose scale would have to be completed on both sides (e.g. only
    /// 「とてもそう思う」 and 「あまりそう思わない」): how far apart they are is unknown.
    Spacing(Vec<String>),
}

/// The labels of the `--scale` option: normalised key → score.
pub(crate) fn option_map(scale: &super::clean::Scale) -> HashMap<String, f64> {
    scale
        .labels
        .iter()
        .map(|(l, s)| (label_key(l), *s))
        .collect()
}

/// Canonical ladders (levels from the top) by number of points, used when an item holds
/// numbers as well as labels: the labels are placed on the scale the numbers show.
const LADDERS: &[&[i8]] = &[
    &[4, 3, -3, -4],
    &[4, 1, -1, -4],
    &[3, 1, -1, -3],
    &[4, 3, 0, -3, -4],
    &[3, 1, 0, -1, -3],
    &[4, 1, 0, -1, -4],
    &[4, 3, 1, -1, -3, -4],
    &[4, 3, 1, 0, -1, -3, -4],
];

/// Infers how the item with evidence `ev` is read: its labels' scores (and the scale shown on the
/// Checks sheet, `None` when it has no labels) and its unit.
pub(crate) fn infer(
    item: &str,
    ev: &Evidence,
    option: Option<&HashMap<String, f64>>,
) -> Result<(ItemReader, Option<ItemScale>), ScaleProblem> {
    let mut reader = ItemReader::default();
    // Units: one unit for the whole column. Percent columns whose plain numbers are all
    // fractions while the written percentages are not: Excel percent cells, × 100.
    if let [(u, _, _)] = ev.units.as_slice() {
        reader.unit = Some(*u);
        if *u == Unit::Percent && ev.numbers > 0 && ev.max <= 1.0 && ev.min >= 0.0 {
            reader.percent_cells = ev.max_percent > 1.0;
        }
    }
    if ev.labels.is_empty() {
        return Ok((reader, None));
    }
    // 1. The --scale mapping.
    if let Some(map) = option {
        return from_option(item, ev, map, reader);
    }
    if ev.overflow {
        let some: Vec<String> = ev
            .labels
            .iter()
            .take(5)
            .map(|(_, s)| s.original.clone())
            .collect();
        return Err(ScaleProblem::Unknown(some));
    }
    // 2. Scores written beside the labels.
    let written = ev
        .labels
        .iter()
        .filter(|(_, s)| s.written.is_some())
        .count();
    if written > 0 {
        return from_written(item, ev, written, reader);
    }
    // 3. Family and levels. A column of numbers whose only words are no labels at all
    // (「休職中」) keeps them as text: missing, listed cell by cell on the Checks sheet.
    if ev.numbers > 0 && ev.labels.iter().all(|(k, _)| place(k).is_none()) {
        return Ok((reader, None));
    }
    let (family, levels) = family_and_levels(ev)?;
    let ladder = fit_numbers(ev, &levels, ladder_of(&levels)?)?;
    let points = ladder.len();
    let score_of = |level: i8| -> f64 {
        let i = ladder.iter().position(|&x| x == level).unwrap_or(0);
        (points - i) as f64
    };
    let scores: HashMap<String, f64> = ev
        .labels
        .iter()
        .map(|(k, _)| (k.clone(), score_of(place(k).map_or(0, |p| p.level))))
        .collect();
    let fam = family.map(|(f, _)| f);
    let assumed: Vec<(String, f64)> = ladder
        .iter()
        .filter(|l| !levels.contains_key(l))
        .map(|&l| (level_word(fam, l), score_of(l)))
        .collect();
    let labels = found(ev, &scores);
    reader.labels = scores;
    Ok((
        reader,
        Some(ItemScale {
            item: item.to_string(),
            points,
            source: ScaleSource::Inferred {
                family: fam.map_or("どちらともいえない", Family::name).to_string(),
                assumed,
            },
            labels,
        }),
    ))
}

/// The labels of `ev` that `scores` scores, from the highest score to the lowest.
fn found(ev: &Evidence, scores: &HashMap<String, f64>) -> Vec<ScaleLabel> {
    let mut v: Vec<ScaleLabel> = ev
        .labels
        .iter()
        .filter_map(|(k, s)| {
            scores.get(k).map(|&score| ScaleLabel {
                label: s.original.clone(),
                score,
                count: s.count,
            })
        })
        .collect();
    v.sort_by(|a, b| b.score.total_cmp(&a.score));
    v
}

/// Step 1 of [`infer`]: the `--scale` mapping `map` (a score written beside a label it lacks
/// is taken); a label neither has is refused.
fn from_option(
    item: &str,
    ev: &Evidence,
    map: &HashMap<String, f64>,
    mut reader: ItemReader,
) -> Result<(ItemReader, Option<ItemScale>), ScaleProblem> {
    let missing: Vec<String> = ev
        .labels
        .iter()
        .filter(|(k, s)| !map.contains_key(k) && s.written.is_none())
        .map(|(_, s)| s.original.clone())
        .collect();
    if !missing.is_empty() {
        return Err(ScaleProblem::NotInOption(missing));
    }
    let mut scores = map.clone();
    for (k, s) in &ev.labels {
        if let (Some(w), false) = (s.written, map.contains_key(k)) {
            scores.insert(k.clone(), w);
        }
    }
    let (lo, hi) = map
        .values()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |a, &x| {
            (a.0.min(x), a.1.max(x))
        });
    let labels = found(ev, &scores);
    reader.labels = scores;
    Ok((
        reader,
        Some(ItemScale {
            item: item.to_string(),
            points: if hi >= lo { (hi - lo) as usize + 1 } else { 0 },
            source: ScaleSource::Option,
            labels,
        }),
    ))
}

/// Step 2 of [`infer`]: the scores written beside the labels (`written` of them). A label
/// without one, two scores for one label or one score for two labels is refused.
fn from_written(
    item: &str,
    ev: &Evidence,
    written: usize,
    mut reader: ItemReader,
) -> Result<(ItemReader, Option<ItemScale>), ScaleProblem> {
    if let Some((_, s)) = ev.labels.iter().find(|(_, s)| s.conflicting) {
        return Err(ScaleProblem::Written(s.original.clone()));
    }
    if written < ev.labels.len() {
        let (_, s) = ev
            .labels
            .iter()
            .find(|(_, s)| s.written.is_none())
            .expect("some label has no score");
        return Err(ScaleProblem::Written(s.original.clone()));
    }
    let mut by_score: HashMap<u64, &str> = HashMap::new();
    for (_, s) in &ev.labels {
        let w = s.written.unwrap_or(f64::NAN);
        if let Some(other) = by_score.insert(w.to_bits(), &s.original) {
            return Err(ScaleProblem::SameLevel(
                other.to_string(),
                s.original.clone(),
            ));
        }
    }
    let scores: HashMap<String, f64> = ev
        .labels
        .iter()
        .map(|(k, s)| (k.clone(), s.written.unwrap_or(f64::NAN)))
        .collect();
    let labels = found(ev, &scores);
    let points = labels.first().map_or(0, |l| l.score.max(0.0) as usize);
    reader.labels = scores;
    Ok((
        reader,
        Some(ItemScale {
            item: item.to_string(),
            points,
            source: ScaleSource::Written,
            labels,
        }),
    ))
}

/// A family of labels (with its first label) and each label's level.
type Levels<'a> = (Option<(Family, &'a str)>, HashMap<i8, &'a str>);

/// The family and the level of each label of `ev`. A label of no family, labels of two
/// families and two labels of one level are refused.
fn family_and_levels(ev: &Evidence) -> Result<Levels<'_>, ScaleProblem> {
    let mut unknown = Vec::new();
    let mut family: Option<(Family, &str)> = None;
    let mut levels: HashMap<i8, &str> = HashMap::new();
    for (k, s) in &ev.labels {
        let Some(p) = place(k) else {
            unknown.push(s.original.clone());
            continue;
        };
        if let Some(f) = p.family {
            match family {
                None => family = Some((f, &s.original)),
                Some((g, other)) if g != f => {
                    return Err(ScaleProblem::TwoFamilies(
                        other.to_string(),
                        s.original.clone(),
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(other) = levels.insert(p.level, &s.original) {
            return Err(ScaleProblem::SameLevel(
                other.to_string(),
                s.original.clone(),
            ));
        }
    }
    if !unknown.is_empty() {
        return Err(ScaleProblem::Unknown(unknown));
    }
    Ok((family, levels))
}

/// The levels found, completed symmetrically (the midpoint only when found) when one side's
/// levels mirror some of the other's, from the top. Sides that differ but have as many levels
/// each (「そう思う／やや…／あまり…ない／全く…ない」) are taken in order. Anything else (only
/// 「とてもそう思う」 and 「あまりそう思わない」) does not show how many points the scale has.
fn ladder_of(levels: &HashMap<i8, &str>) -> Result<Vec<i8>, ScaleProblem> {
    let pos: Vec<i8> = levels.keys().copied().filter(|&l| l > 0).collect();
    let neg: Vec<i8> = levels.keys().map(|&l| -l).filter(|&l| l > 0).collect();
    let mut ladder: Vec<i8> =
        if pos.iter().all(|l| neg.contains(l)) || neg.iter().all(|l| pos.contains(l)) {
            levels
                .keys()
                .flat_map(|&l| [l, -l])
                .filter(|&l| l != 0 || levels.contains_key(&0))
                .collect()
        } else if pos.len() == neg.len() && pos.len() >= 2 {
            levels.keys().copied().collect()
        } else {
            let mut found: Vec<(i8, &str)> = levels.iter().map(|(&l, &s)| (l, s)).collect();
            found.sort_unstable_by_key(|x| std::cmp::Reverse(x.0));
            return Err(ScaleProblem::Spacing(
                found.into_iter().map(|(_, s)| s.to_string()).collect(),
            ));
        };
    ladder.sort_unstable_by_key(|&x| std::cmp::Reverse(x));
    ladder.dedup();
    Ok(ladder)
}

/// Numbers in the same column: the labels must fit the numbers' scale. The ladder of as many
/// points as the numbers show that holds every label found (each fitting ladder giving each
/// label the same score), else `ladder` when it has points enough; else refused.
fn fit_numbers(
    ev: &Evidence,
    levels: &HashMap<i8, &str>,
    ladder: Vec<i8>,
) -> Result<Vec<i8>, ScaleProblem> {
    if ev.numbers == 0 {
        return Ok(ladder);
    }
    match ev.points_of_numbers() {
        Some(k) if k <= ladder.len() => Ok(ladder),
        Some(k) => {
            let fits: Vec<&&[i8]> = LADDERS
                .iter()
                .filter(|l| l.len() == k && ladder.iter().all(|x| l.contains(x)))
                .collect();
            // Every fitting ladder must give each label found the same score.
            let score_in = |l: &[i8], level: i8| l.iter().position(|&x| x == level);
            let agree = fits.windows(2).all(|w| {
                levels
                    .keys()
                    .all(|&lv| score_in(w[0], lv) == score_in(w[1], lv))
            });
            match fits.first() {
                Some(l) if agree => Ok(l.to_vec()),
                _ => Err(ScaleProblem::NumbersDoNotFit {
                    points: ladder.len(),
                    max: ev.max,
                }),
            }
        }
        None => Err(ScaleProblem::NumbersDoNotFit {
            points: ladder.len(),
            max: ev.max,
        }),
    }
}

/// A word for a level no cell holds, for the Checks sheet (「全くそう思わない」).
fn level_word(family: Option<Family>, level: i8) -> String {
    if level == 0 {
        return "どちらともいえない".to_string();
    }
    let Some(f) = family else {
        return format!("{level}");
    };
    let (neg, pos) = FAMILIES
        .iter()
        .find(|(g, _, _)| *g == f)
        .map(|(_, n, p)| (n[0], p[0]))
        .unwrap_or(("", ""));
    let english = matches!(f, Family::Agree | Family::Satisfied);
    let modifier = match (level.abs(), level > 0, english) {
        (4, true, false) => "とても",
        (4, false, false) => "まったく",
        (1, true, false) => "やや",
        (1, false, false) => "あまり",
        (4, _, true) => "Strongly ",
        (1, _, true) => "Somewhat ",
        _ => "",
    };
    let end = if level > 0 { pos } else { neg };
    let end = if english && modifier.is_empty() {
        let mut c = end.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        end.to_string()
    };
    format!("{modifier}{end}")
}

/// The best guess of a label's score on a five-point scale, for the `--scale` line suggested
/// when the labels cannot be scored with certainty (the user checks it).
pub(crate) fn guess(key: &str) -> Option<f64> {
    place(key).map(|p| match p.level {
        4 => 5.0,
        3 | 1 => 4.0,
        0 => 3.0,
        -1 | -3 => 2.0,
        _ => 1.0,
    })
}

#[cfg(test)]
mod tests;
