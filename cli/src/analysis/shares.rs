//! Shares of positive answers (top-box) beside the means: for every item, which answers count
//! as positive, the share of them before and after, and the difference in percentage points.
//!
//! No mathematics lives here: the intervals and p-values come from [`crate::stats::proportion`]
//! (Newcombe's score intervals; Pearson's chi-square without continuity correction for
//! independent groups, the exact McNemar test for pairs). This module decides *which* answers are
//! positive (the [`SharePlan`]), counts them per block and adjusts the p-values across items.
//!
//! # Which answers are positive
//! * Default: the top two points of the item's scale. The scale of an item with answer labels is
//!   the one the reader inferred from them (1…points, shown on the Checks sheet) or the `--scale`
//!   mapping. An item of plain numbers (or of labels with their score written beside them) has
//!   no scale written anywhere: its top is taken to be the highest answer in any such item of
//!   the survey (a questionnaire uses one scale), and the Method sheet says so. An item whose own
//!   highest answer is two or more points below that top may be on another scale: it gets no
//!   share and a warning naming `--positive`.
//! * `--top-box K`: the top K points of each item's scale (K must leave at least one point that
//!   is not positive, or the run is refused).
//! * `--positive 4,5`: exactly these scores, on every item (refused when none of them, or every
//!   point, is on an item's scale).
//!
//! Items whose values are not points of a rating scale (not whole numbers from 0 to 10) get no
//! share; the Method sheet lists them.

use crate::lang::Lang;
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::proportion;
use crate::words::analysis::{self as words, AnalysisWord, SharesText};
use crate::words::{list, Sep};
use crate::workbook::{ScaleSource, Survey};

use super::{AdjustFamily, AnalysisError, AnalysisOptions, Block, ItemResult, TestUsed};

/// Default K of the top-box rule: the top two points.
pub const DEFAULT_TOP_BOX: u8 = 2;
/// Highest score `--positive` accepts (a 0–10 scale).
pub const MAX_SCORE: u8 = 10;

/// Which answers count as positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareRule {
    /// The top `k` points of each item's scale; `given` is `false` for the default (top two).
    TopBox {
        /// Number of points from the top.
        k: u8,
        /// `true` when `--top-box` was given.
        given: bool,
    },
    /// `--positive`: bit `s` set when score `s` (0…[`MAX_SCORE`]) is positive.
    Positive(u16),
}

impl Default for ShareRule {
    fn default() -> Self {
        ShareRule::TopBox {
            k: DEFAULT_TOP_BOX,
            given: false,
        }
    }
}

impl ShareRule {
    /// The scores of a `--positive` set, ascending (empty for a top-box rule).
    pub fn scores(self) -> Vec<u8> {
        match self {
            ShareRule::Positive(bits) => (0..=MAX_SCORE).filter(|s| bits >> s & 1 == 1).collect(),
            ShareRule::TopBox { .. } => Vec::new(),
        }
    }

    /// The option as typed (`--top-box 2`, `--positive 4,5`); `None` for the default.
    pub fn option_text(self) -> Option<String> {
        match self {
            ShareRule::TopBox { given: false, .. } => None,
            ShareRule::TopBox { k, .. } => Some(format!("--top-box {k}")),
            ShareRule::Positive(_) => Some(format!("--positive {}", join(&self.scores(), ","))),
        }
    }
}

/// Options of the shares (validated by the CLI).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShareOptions {
    /// Which answers count as positive.
    pub rule: ShareRule,
    /// Lowest and highest score of the `--scale` mapping, when given.
    pub scale_range: Option<(f64, f64)>,
}

/// Where an item's scale (and so its top) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleFrom {
    /// Inferred by the reader from the answer labels (Checks sheet).
    Labels,
    /// The `--scale` mapping.
    ScaleOption,
    /// Numbers only: the highest answer over every numeric item of the survey (assumed).
    Observed {
        /// This item's own highest answer.
        own_max: i64,
    },
}

/// Why an item gets no share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoShare {
    /// Its values are not points of a rating scale (not whole numbers 0–10), or it has none.
    NotRating,
    /// Its highest answer lies two or more points below the top assumed for numeric items: it may
    /// be on another scale.
    UnclearTop {
        /// This item's highest answer.
        own_max: i64,
        /// The top assumed for the numeric items.
        top: i64,
    },
}

/// How one item's positive answers were decided.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRule {
    /// Lowest and highest point of the item's scale, when it is a rating scale.
    pub scale: Option<(i64, i64)>,
    /// Where the scale comes from.
    pub from: Option<ScaleFrom>,
    /// Scores counted as positive (ascending); empty when the item gets no share.
    pub positive: Vec<f64>,
    /// Why the item gets no share.
    pub none: Option<NoShare>,
}

/// The positive answers of every item (in `Survey::items` order).
#[derive(Debug, Clone, PartialEq)]
pub struct SharePlan {
    /// The rule used.
    pub rule: ShareRule,
    /// One entry per item.
    pub items: Vec<ItemRule>,
}

/// The share of positive answers of one item in one block, second − first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    /// Positive answers in the first condition.
    pub positive_1: u64,
    /// Valid answers in the first condition (paired: complete pairs).
    pub n_1: u64,
    /// Positive answers in the second condition.
    pub positive_2: u64,
    /// Valid answers in the second condition (paired: complete pairs).
    pub n_2: u64,
    /// Paired only: pairs positive only the first time (b) and only the second time (c).
    pub discordant: Option<(u64, u64)>,
    /// Share of the first condition (0–1).
    pub share_1: f64,
    /// Share of the second condition (0–1).
    pub share_2: f64,
    /// `share_2 − share_1`.
    pub diff: f64,
    /// Lower limit of `diff` (Newcombe).
    pub conf_low: f64,
    /// Upper limit of `diff` (Newcombe).
    pub conf_high: f64,
    /// Two-sided p: Pearson's chi-square (independent; NaN when nobody or everybody answered
    /// positively on both sides) or exact McNemar (paired).
    pub p_value: f64,
    /// p adjusted across the items' shares (same method and family as the means).
    pub p_adjusted: f64,
}

/// Why the shares cannot be computed as asked: the run is refused (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// `--top-box K` would count every point of an item's scale as positive.
    TopBoxTooLarge {
        /// K.
        k: u8,
        /// The item.
        item: String,
        /// Its scale.
        low: i64,
        /// Its scale.
        top: i64,
    },
    /// `--positive` names no point of an item's scale, or every point of it.
    PositiveOffScale {
        /// The option as typed.
        option: String,
        /// The item.
        item: String,
        /// Its scale.
        low: i64,
        /// Its scale.
        top: i64,
        /// `true`: every point is positive; `false`: none is.
        all: bool,
    },
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

fn join<T: ToString>(v: &[T], sep: &str) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join(sep)
}

/// Whole numbers 0…[`MAX_SCORE`]: the lowest and highest, or `None` when some value is not
/// (or there is none).
fn rating_range(values: impl Iterator<Item = f64>) -> Option<(i64, i64)> {
    let mut range: Option<(i64, i64)> = None;
    for v in values.filter(|v| !v.is_nan()) {
        if !(v.fract() == 0.0 && (0.0..=f64::from(MAX_SCORE)).contains(&v)) {
            return None;
        }
        let v = v as i64;
        range = Some(range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
    }
    range
}

/// Decides the positive answers of every item (see the module documentation).
///
/// # Errors
/// [`ShareError`] when `--top-box` or `--positive` does not fit an item's scale.
pub fn plan(survey: &Survey, options: &ShareOptions) -> Result<SharePlan, ShareError> {
    let rule = options.rule;
    let items = survey
        .items
        .iter()
        .zip(item_scales(survey, options))
        .map(|(name, scale)| match scale {
            Some((scale, from)) => item_rule(name, scale, from, rule),
            None => Ok(ItemRule {
                scale: None,
                from: None,
                positive: Vec::new(),
                none: Some(NoShare::NotRating),
            }),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SharePlan { rule, items })
}

/// The scale of every item and where it comes from; `None` for an item whose values are not
/// points of a rating scale.
fn item_scales(survey: &Survey, options: &ShareOptions) -> Vec<Option<((i64, i64), ScaleFrom)>> {
    let values = |i: usize| {
        survey.first.values[i]
            .iter()
            .chain(&survey.second.values[i])
            .copied()
    };
    let ranges: Vec<Option<(i64, i64)>> = (0..survey.items.len())
        .map(|i| rating_range(values(i)))
        .collect();
    // A --scale mapping is the scale of the items whose answers all lie within it (a mapping of
    // one label, such as そう思う=4 among numbers, says nothing about the top).
    let option_fits = |r: Option<(i64, i64)>| {
        options.scale_range.is_some_and(|(lo, hi)| {
            lo < hi && r.is_some_and(|r| lo <= r.0 as f64 && r.1 as f64 <= hi)
        })
    };
    let option_scale = || {
        options.scale_range.map(|(lo, hi)| {
            (
                (lo.floor() as i64, hi.ceil() as i64),
                ScaleFrom::ScaleOption,
            )
        })
    };
    // Scales known from labels or --scale; the rest are numbers.
    let known: Vec<Option<((i64, i64), ScaleFrom)>> = survey
        .items
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let sc = survey.scales.iter().find(|s| &s.item == name)?;
            match sc.source {
                ScaleSource::Inferred { .. } => Some(((1, sc.points as i64), ScaleFrom::Labels)),
                ScaleSource::Option if option_fits(ranges[i]) => option_scale(),
                // Scores written beside the labels (or a partial --scale) are numbers like
                // any other.
                _ => None,
            }
        })
        .collect();
    // The scale of the numeric items: --scale when every value fits it, otherwise 0 or 1 up to
    // the highest answer.
    let numeric: Vec<(i64, i64)> = (0..survey.items.len())
        .filter(|&i| known[i].is_none())
        .filter_map(|i| ranges[i])
        .collect();
    let observed_top = numeric.iter().map(|r| r.1).max();
    let observed_low = numeric.iter().map(|r| r.0).min().map(|lo| lo.min(1));
    (0..survey.items.len())
        .map(|i| match (known[i], ranges[i]) {
            (Some(known), _) => Some(known),
            (None, Some(_)) if option_fits(ranges[i]) => {
                let (lo, hi) = options.scale_range.unwrap_or_default();
                Some((
                    (lo.floor() as i64, hi.ceil() as i64),
                    ScaleFrom::ScaleOption,
                ))
            }
            (None, Some(r)) => Some((
                (observed_low.unwrap_or(1), observed_top.unwrap_or(r.1)),
                ScaleFrom::Observed { own_max: r.1 },
            )),
            (None, None) => None,
        })
        .collect()
}

/// The positive answers of item `name` on its scale under `rule`.
fn item_rule(
    name: &str,
    scale: (i64, i64),
    from: ScaleFrom,
    rule: ShareRule,
) -> Result<ItemRule, ShareError> {
    let (low, top) = scale;
    let no_share = |none: NoShare| ItemRule {
        scale: Some(scale),
        from: Some(from),
        positive: Vec::new(),
        none: Some(none),
    };
    if top <= low {
        // One point only: nothing to tell apart.
        return Ok(no_share(NoShare::NotRating));
    }
    let positive: Vec<f64> = match rule {
        ShareRule::TopBox { k, given } => {
            // The default top two of a two-point scale is its top point.
            let k = if given { k } else { k.min((top - low) as u8) };
            if i64::from(k) > top - low {
                return Err(ShareError::TopBoxTooLarge {
                    k,
                    item: name.to_string(),
                    low,
                    top,
                });
            }
            if let ScaleFrom::Observed { own_max } = from {
                if own_max <= top - 2 {
                    return Ok(no_share(NoShare::UnclearTop { own_max, top }));
                }
            }
            (top - i64::from(k) + 1..=top).map(|s| s as f64).collect()
        }
        ShareRule::Positive(_) => {
            let on: Vec<f64> = rule
                .scores()
                .into_iter()
                .map(i64::from)
                .filter(|s| (low..=top).contains(s))
                .map(|s| s as f64)
                .collect();
            let all =
                on.len() as i64 == top - low + 1 && !matches!(from, ScaleFrom::Observed { .. });
            if on.is_empty() || all {
                return Err(ShareError::PositiveOffScale {
                    option: rule.option_text().unwrap_or_default(),
                    item: name.to_string(),
                    low,
                    top,
                    all,
                });
            }
            // On numbers the scale's top is assumed: every score named counts.
            if matches!(from, ScaleFrom::Observed { .. }) {
                rule.scores().into_iter().map(f64::from).collect()
            } else {
                on
            }
        }
    };
    Ok(ItemRule {
        scale: Some(scale),
        from: Some(from),
        positive,
        none: None,
    })
}

/// Computes the share of every item of every block and adjusts their p-values (per block, or
/// across the breakdown blocks with `--adjust-family all`, as the means).
pub(super) fn apply(
    survey: &Survey,
    test: TestUsed,
    options: &AnalysisOptions,
    plan: &SharePlan,
    order_first: &[usize],
    order_second: &[usize],
    blocks: &mut [Block],
) -> Result<(), AnalysisError> {
    for block in blocks.iter_mut() {
        let rows_first = &order_first[block.rows_first.clone()];
        let rows_second = &order_second[block.rows_second.clone()];
        for it in &mut block.items {
            let rule = &plan.items[it.index];
            if rule.positive.is_empty() {
                continue;
            }
            let is_pos = |v: f64| rule.positive.contains(&v);
            let first = &survey.first.values[it.index];
            let second = &survey.second.values[it.index];
            it.share = if test.is_paired() {
                let mut counts = [0u64; 4];
                for &r in rows_first {
                    let (x, y) = (first[r], second[r]);
                    if x.is_nan() || y.is_nan() {
                        continue;
                    }
                    counts[match (is_pos(x), is_pos(y)) {
                        (true, true) => 0,
                        (true, false) => 1,
                        (false, true) => 2,
                        (false, false) => 3,
                    }] += 1;
                }
                let [a, b, c, d] = counts;
                proportion::paired(a, b, c, d, options.conf_level)
                    .ok()
                    .map(|p| Share {
                        positive_1: a + b,
                        n_1: a + b + c + d,
                        positive_2: a + c,
                        n_2: a + b + c + d,
                        discordant: Some((b, c)),
                        share_1: p.p_first,
                        share_2: p.p_second,
                        diff: p.estimate,
                        conf_low: p.conf_low,
                        conf_high: p.conf_high,
                        p_value: p.p_value,
                        p_adjusted: f64::NAN,
                    })
            } else {
                let count = |values: &[f64], rows: &[usize]| {
                    rows.iter()
                        .map(|&r| values[r])
                        .filter(|v| !v.is_nan())
                        .fold((0u64, 0u64), |(x, n), v| (x + u64::from(is_pos(v)), n + 1))
                };
                let (x1, n1) = count(first, rows_first);
                let (x2, n2) = count(second, rows_second);
                proportion::two_independent(x1, n1, x2, n2, options.conf_level)
                    .ok()
                    .map(|p| Share {
                        positive_1: x1,
                        n_1: n1,
                        positive_2: x2,
                        n_2: n2,
                        discordant: None,
                        share_1: p.p_first,
                        share_2: p.p_second,
                        diff: p.estimate,
                        conf_low: p.conf_low,
                        conf_high: p.conf_high,
                        p_value: p.p_value,
                        p_adjusted: f64::NAN,
                    })
            };
        }
        adjust(std::slice::from_mut(block), options.adjust)?;
    }
    if options.adjust_family == AdjustFamily::All && blocks.len() > 2 {
        adjust(&mut blocks[1..], options.adjust)?;
    }
    Ok(())
}

/// Adjusts the shares' p-values of `blocks` as one family (items without a share do not count).
fn adjust(blocks: &mut [Block], method: AdjustMethod) -> Result<(), AnalysisError> {
    adjust_items(blocks.iter_mut().flat_map(|b| b.items.iter_mut()), method)
}

/// Adjusts the shares' p-values of `items` as one family (items without a share do not count,
/// as NaN in R's `p.adjust`). Used per block and, for waves, over every comparison × item.
///
/// # Errors
/// [`AnalysisError::Adjust`] from [`crate::stats::p_adjust::p_adjust`].
pub(super) fn adjust_items<'a>(
    items: impl Iterator<Item = &'a mut ItemResult>,
    method: AdjustMethod,
) -> Result<(), AnalysisError> {
    super::adjust_family(
        items.filter_map(|i| i.share.as_mut()),
        |s| s.p_value,
        |s, q| s.p_adjusted = q,
        method,
    )
    .map_err(AnalysisError::Adjust)
}

/// `4, 5` (whole scores without decimals).
pub fn positive_text(positive: &[f64]) -> String {
    let v: Vec<String> = positive.iter().map(|s| format!("{s}")).collect();
    v.join(", ")
}

/// How the positive answers were decided, item by item, grouped into lines for the Method sheet:
/// `4, 5 — top two points of the 1–5 scale inferred from the answer labels: Q1, Q2`.
pub fn plan_lines(survey: &Survey, plan: &SharePlan, lang: Lang) -> Vec<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (rule, name) in plan.items.iter().zip(&survey.items) {
        let what = words::share_rule_line(lang, plan.rule, rule, &positive_text(&rule.positive));
        match groups.iter_mut().find(|(w, _)| *w == what) {
            Some((_, names)) => names.push(name),
            None => groups.push((what, vec![name])),
        }
    }
    groups
        .into_iter()
        .map(|(what, names)| format!("{what}: {}", list(lang, Sep::Comma, &names, false)))
        .collect()
}

/// A warning for every item left without a share because its scale's top is unclear.
pub(super) fn warnings(survey: &Survey, plan: &SharePlan) -> Vec<super::Warning> {
    plan.items
        .iter()
        .zip(&survey.items)
        .filter_map(|(rule, name)| match rule.none {
            Some(NoShare::UnclearTop { own_max, top }) => {
                let (en, ja) = words::both(|lang| {
                    SharesText::UnclearTopWarning { name, own_max, top }.text(lang)
                });
                Some(super::Warning {
                    by: None,
                    item: Some(name.clone()),
                    en,
                    ja,
                    kind: Some(words::both(|lang| {
                        AnalysisWord::NoShareKind.get(lang).to_string()
                    })),
                })
            }
            _ => None,
        })
        .collect()
}

/// Lowest and highest score of a `--scale "とてもそう思う=5,…"` mapping (`None` when no score can
/// be read; the reader refuses such a mapping with its own message).
pub fn scale_option_range(text: &str) -> Option<(f64, f64)> {
    use unicode_normalization::UnicodeNormalization;
    let scores: Vec<f64> = text
        .split([',', '、', ';', '，'])
        .filter_map(|part| part.rsplit_once(['=', '＝']))
        .filter_map(|(_, score)| score.nfkc().collect::<String>().trim().parse::<f64>().ok())
        .filter(|s| s.is_finite())
        .collect();
    let lo = scores.iter().copied().reduce(f64::min)?;
    let hi = scores.iter().copied().reduce(f64::max)?;
    Some((lo, hi))
}

/// Parses `--top-box K` and `--positive LIST` (which exclude each other) into a rule.
///
/// # Errors
/// `(en, ja)` messages naming the option and what to write.
pub fn parse_rule(
    top_box: Option<&str>,
    positive: Option<&str>,
) -> Result<ShareRule, (String, String)> {
    use unicode_normalization::UnicodeNormalization;
    let norm = |s: &str| s.nfkc().collect::<String>().trim().to_string();
    match (top_box, positive) {
        (Some(_), Some(_)) => Err(words::both(|lang| {
            AnalysisWord::TopBoxAndPositive.get(lang).to_string()
        })),
        (Some(k), None) => match norm(k).parse::<u8>() {
            Ok(k) if (1..MAX_SCORE).contains(&k) => Ok(ShareRule::TopBox { k, given: true }),
            _ => Err(words::both(|lang| {
                SharesText::BadTopBox {
                    k,
                    max: MAX_SCORE - 1,
                }
                .text(lang)
            })),
        },
        (None, Some(list)) => {
            let mut bits = 0u16;
            let mut ok = true;
            for part in norm(list).split([',', '、', '，']).map(str::trim) {
                match part.parse::<u8>() {
                    Ok(s) if s <= MAX_SCORE => bits |= 1 << s,
                    _ => ok = false,
                }
            }
            if ok && bits != 0 {
                Ok(ShareRule::Positive(bits))
            } else {
                Err(words::both(|lang| {
                    SharesText::BadPositive {
                        list,
                        max: MAX_SCORE,
                    }
                    .text(lang)
                }))
            }
        }
        (None, None) => Ok(ShareRule::default()),
    }
}
