//! The two optional per-item analyses beside the difference test: the equivalence test
//! (`--equivalence X`, TOST with bounds ±X raw points) and the JZS Bayes factor BF₁₀.
//!
//! No mathematics here: [`crate::stats::tost`] and [`crate::stats::bayes_factor`] compute; this
//! module only decides which design each is run on, in the orientation of the analysis (second −
//! first, the engine called with `x = second`, `y = first`).
//!
//! # Which test
//! * Equivalence: the TOST of the t-test the item used (Welch, Student or paired), bounds
//!   `(−X, X)` on `second − first`, p = the larger one-sided p, and the `1 − 2α` interval
//!   (α = `--alpha`). Rank tests have no TOST here: the columns stay empty and the Method sheet
//!   says so.
//! * Bayes factor: BayesFactor's `ttestBF(second, first, paired = …)` with the default scale
//!   `r = √2/2`, i.e. the JZS Bayes factor of Student's two-sample t for independent samples (the
//!   model of Rouder et al. 2009 assumes equal variances, also when Welch's test is the main
//!   test) and of the one-sample t on the differences for paired samples. Two-sided, whatever
//!   `--alternative` is. Not computed for rank tests.
//!
//! # Multiple items
//! Each item's equivalence is a claim of its own, like each item's difference, so the
//! equivalence p-values are adjusted with the same `--adjust` method over the same family as
//! the difference p-values, and `equivalent` is "adjusted p < α". The `1 − 2α` interval is not
//! adjusted (it is what the unadjusted decision reads).

use super::{Block, ItemResult, TestUsed};
use crate::stats::bayes_factor::{self, BfDesign, R_MEDIUM};
use crate::stats::p_adjust::AdjustMethod;
use crate::stats::tost::{self, Bounds};
use crate::stats::ttest::{self, TTestKind, TTestOptions};
use crate::stats::StatsError;

/// The equivalence test of one item (`--equivalence X`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Equivalence {
    /// The margin X: bounds `(−X, X)` on second − first, in raw points.
    pub bound: f64,
    /// TOST p: the larger of the two one-sided p-values.
    pub p_value: f64,
    /// `p_value` adjusted across items with `--adjust` (same family as the difference tests).
    pub p_adjusted: f64,
    /// Lower limit of the `1 − 2α` interval of second − first.
    pub conf_low: f64,
    /// Upper limit of that interval.
    pub conf_high: f64,
    /// Its level, `1 − 2α`.
    pub conf_level: f64,
}

impl Equivalence {
    /// `true` when the adjusted equivalence p is below `alpha`: the difference lies within ±X.
    pub fn equivalent(&self, alpha: f64) -> bool {
        self.p_adjusted < alpha
    }
}

/// The TOST design of the test used, or `None` for a rank test.
fn tost_kind(test: TestUsed) -> Option<TTestKind> {
    match test {
        TestUsed::Paired => Some(TTestKind::Paired),
        TestUsed::Student => Some(TTestKind::Student),
        TestUsed::Welch => Some(TTestKind::Welch),
        TestUsed::MannWhitney | TestUsed::Wilcoxon => None,
    }
}

/// `true` when `--equivalence` and the Bayes factor are available for the test used.
pub fn available(test: TestUsed) -> bool {
    tost_kind(test).is_some()
}

/// The equivalence test of one item on the values the main test used (`second`, `first`: for a
/// paired test, complete pairs in order). `p_adjusted` is the raw p until [`adjust`] runs.
///
/// # Errors
/// Those of [`tost::tost`]; `None` for a rank test.
pub fn item_equivalence(
    test: TestUsed,
    margin: f64,
    alpha: f64,
    second: &[f64],
    first: &[f64],
) -> Option<Result<Equivalence, StatsError>> {
    let kind = tost_kind(test)?;
    let conf_level = 1.0 - 2.0 * alpha;
    Some((|| {
        let bounds = Bounds::symmetric(margin)?;
        let r = tost::tost(kind, second, Some(first), bounds, conf_level)?;
        Ok(Equivalence {
            bound: margin,
            p_value: r.p_value,
            p_adjusted: r.p_value,
            conf_low: r.conf_low,
            conf_high: r.conf_high,
            conf_level,
        })
    })())
}

/// BF₁₀ (JZS, `r = √2/2`) of one item: Student's two-sample t for independent samples, the
/// paired t for pairs; `None` for a rank test.
///
/// # Errors
/// Those of the t-test or of [`bayes_factor::bf10`].
pub fn item_bf10(test: TestUsed, second: &[f64], first: &[f64]) -> Option<Result<f64, StatsError>> {
    let kind = tost_kind(test)?;
    Some((|| {
        let o = TTestOptions::default();
        let (t, design) = if kind == TTestKind::Paired {
            let t = ttest::paired(second, first, &o)?;
            (t.statistic, BfDesign::OneSample { n: t.x.n })
        } else {
            let t = ttest::student(second, first, &o)?;
            (
                t.statistic,
                BfDesign::TwoSample {
                    n_x: t.x.n,
                    n_y: t.y.as_ref().map_or(0, |y| y.n),
                },
            )
        };
        bayes_factor::bf10(t, design, R_MEDIUM)
    })())
}

/// Adjusts the equivalence p-values of `items` as one family with `method` (items without an
/// equivalence result are left out, as R's `p.adjust` leaves out `NA`).
///
/// # Errors
/// Those of [`crate::stats::p_adjust::p_adjust`].
pub fn adjust<'a>(
    items: impl Iterator<Item = &'a mut ItemResult>,
    method: AdjustMethod,
) -> Result<(), StatsError> {
    super::adjust_family(
        items.filter_map(|i| i.equivalence.as_mut()),
        |e| e.p_value,
        |e, q| e.p_adjusted = q,
        method,
    )
}

/// [`adjust`] over the items of every block in `blocks`.
///
/// # Errors
/// Those of [`crate::stats::p_adjust::p_adjust`].
pub fn adjust_blocks(blocks: &mut [Block], method: AdjustMethod) -> Result<(), StatsError> {
    adjust(blocks.iter_mut().flat_map(|b| b.items.iter_mut()), method)
}

/// Parses the margin of `--equivalence X`: a positive, finite number of raw points (full-width
/// digits as typed in a Japanese IME are accepted). The error is `(English, Japanese)`.
///
/// # Errors
/// Zero, negative, NaN, infinite or non-numeric text.
pub fn parse_margin(text: &str) -> Result<f64, (String, String)> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            _ => c,
        })
        .collect();
    match ascii.parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        _ => Err(crate::words::analysis::bad_margin(text)),
    }
}

/// The warning for `--equivalence` with a rank test, which has no equivalence test here.
pub fn rank_warning(test: TestUsed, options: &super::AnalysisOptions) -> Option<super::Warning> {
    if options.equivalence.is_none() || available(test) {
        return None;
    }
    let (en, ja) = crate::words::analysis::rank_no_equivalence(test);
    Some(super::Warning {
        by: None,
        item: None,
        en,
        ja,
        kind: None,
    })
}
