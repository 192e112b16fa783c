//! Three or more waves (yearly surveys, rounds): each later wave against the baseline, or each
//! wave against the one before it (`--consecutive`). Every comparison is a two-condition
//! [`Analysis`] made by [`super::analyze`] on the comparison's own [`Survey`] (paired where the
//! IDs of those two waves pair, Welch otherwise); the p-values of every comparison × item are
//! then adjusted together as one family ([`AdjustFamily::Waves`]). The trend (mean and its
//! confidence interval per wave and item) uses every respondent of each wave, and so does the
//! trend of the shares of positive answers (the share per wave and item with its Wilson score
//! interval), counted with the positive answers the comparisons used (their [`SharePlan`]s).
//!
//! Further per-comparison results (shares of positive answers, issue 14.1) belong on
//! [`Comparison`], next to its `analysis`.

use crate::stats::proportion;
use crate::stats::ttest::{self, TTestOptions};
use crate::workbook::{Group, Survey};

use super::shares::SharePlan;
use super::{analyze, AdjustFamily, Analysis, AnalysisError, AnalysisOptions};

/// Highest whole score counted per wave for the shares (a 0–10 scale).
const MAX_SCORE: usize = super::shares::MAX_SCORE as usize;

/// Which waves are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveMode {
    /// Each wave after the baseline against the baseline (`--baseline`, default the first).
    Baseline(usize),
    /// Each wave against the one before it (`--consecutive`).
    Consecutive,
}

impl WaveMode {
    /// `"baseline"` or `"consecutive"`.
    pub fn key(self) -> &'static str {
        match self {
            WaveMode::Baseline(_) => "baseline",
            WaveMode::Consecutive => "consecutive",
        }
    }

    /// The comparisons (earlier wave, later wave) of `n` waves, in the order they are reported.
    /// Waves before a baseline are shown in the trend but not compared.
    pub fn pairs(self, n: usize) -> Vec<(usize, usize)> {
        match self {
            WaveMode::Baseline(b) => (b + 1..n).map(|j| (b, j)).collect(),
            WaveMode::Consecutive => (1..n).map(|j| (j - 1, j)).collect(),
        }
    }
}

/// One wave.
#[derive(Debug, Clone, PartialEq)]
pub struct Wave {
    /// Sheet name.
    pub name: String,
    /// Respondents (rows read) in this wave.
    pub n: usize,
}

/// Mean of one item in one wave, over every respondent of the wave who answered it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    /// Valid answers.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Standard deviation (n − 1).
    pub sd: f64,
    /// Confidence interval of the mean (one-sample t interval at the run's confidence level);
    /// `None` with fewer than two answers or no spread.
    pub ci: Option<(f64, f64)>,
    /// Answers per whole score 0…10 (`scores[s]`); `None` when an answer is not a whole number
    /// from 0 to 10 (no point of a rating scale: the item gets no share in this wave).
    pub scores: Option<[u64; MAX_SCORE + 1]>,
    /// The share of positive answers (set by [`analyze_waves`] when the item has a share).
    pub share: Option<TrendShare>,
}

/// The share of positive answers of one item in one wave, with its Wilson score interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendShare {
    /// Positive answers.
    pub positive: u64,
    /// Valid answers.
    pub n: u64,
    /// `positive / n` (0–1).
    pub share: f64,
    /// Lower limit of the Wilson (1927) score interval at the run's confidence level.
    pub conf_low: f64,
    /// Upper limit.
    pub conf_high: f64,
}

/// Which answers of one trend item count as positive.
#[derive(Debug, Clone, PartialEq)]
pub enum TrendPositive {
    /// The scores every comparison used for this item (ascending).
    Scores(Vec<f64>),
    /// The item gets no share in the comparisons (or is in no comparison).
    None,
    /// The comparisons used different positive answers for this item (each decided on its own
    /// two waves): no share trend, the Trend sheet names them.
    Differs(Vec<Vec<f64>>),
}

/// One comparison of two waves.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Index of the earlier wave in [`WaveAnalysis::waves`].
    pub first: usize,
    /// Index of the later wave.
    pub second: usize,
    /// The two waves as read for this comparison (pairing decided for this pair).
    pub survey: Survey,
    /// The two-condition analysis, its `p_adjusted` replaced by the adjustment over every
    /// comparison × item.
    pub analysis: Analysis,
}

/// The analysis of three or more waves.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveAnalysis {
    /// The waves, earliest first.
    pub waves: Vec<Wave>,
    /// Which waves are compared.
    pub mode: WaveMode,
    /// Items of the trend, in workbook order (an item missing from a wave has no point there).
    pub items: Vec<String>,
    /// `trend[item][wave]`.
    pub trend: Vec<Vec<Option<TrendPoint>>>,
    /// Positive answers of each trend item (as `items`), taken from the comparisons' plans.
    pub positive: Vec<TrendPositive>,
    /// The comparisons, in [`WaveMode::pairs`] order.
    pub comparisons: Vec<Comparison>,
    /// Number of p-values adjusted together (tested comparison × item).
    pub family_size: usize,
}

impl WaveAnalysis {
    /// The comparison shown on the council sheet: the latest wave against the baseline (or,
    /// with `--consecutive`, against the wave before it): the last comparison.
    pub fn council(&self) -> &Comparison {
        self.comparisons
            .last()
            .expect("a wave analysis has at least one comparison")
    }
}

/// The mean, SD and confidence interval of each item over every respondent of one wave:
/// `group` read with `items` (as the reader named them).
pub fn trend_points(group: &Group, items: &[String], conf_level: f64) -> Vec<(String, TrendPoint)> {
    items
        .iter()
        .zip(&group.values)
        .map(|(name, v)| {
            let x: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            let s = crate::stats::descriptive::summarize(&x, "x").ok();
            let o = TTestOptions {
                conf_level,
                ..TTestOptions::default()
            };
            let ci = ttest::one_sample(&x, &o)
                .ok()
                .map(|t| (t.conf_low, t.conf_high));
            let mut counts = [0u64; MAX_SCORE + 1];
            let whole = x.iter().all(|&v| {
                let ok = v.fract() == 0.0 && (0.0..=MAX_SCORE as f64).contains(&v);
                if ok {
                    counts[v as usize] += 1;
                }
                ok
            });
            (
                name.clone(),
                TrendPoint {
                    n: x.len(),
                    mean: s.map_or(f64::NAN, |s| s.mean),
                    sd: s.map_or(f64::NAN, |s| s.sd),
                    ci,
                    scores: whole.then_some(counts),
                    share: None,
                },
            )
        })
        .collect()
}

/// Analyses every comparison (`surveys`: (earlier wave, later wave, survey) in
/// [`WaveMode::pairs`] order) with [`analyze`], then adjusts the p-values of every comparison
/// × item together with `options.adjust`. `trend` is `(item, wave, point)` for every item
/// answered in a wave.
///
/// # Errors
/// As [`analyze`] for any comparison; [`AnalysisError::NoItems`] without a comparison.
pub fn analyze_waves(
    waves: Vec<Wave>,
    mode: WaveMode,
    surveys: Vec<(usize, usize, Survey)>,
    trend: Vec<(String, usize, TrendPoint)>,
    options: &AnalysisOptions,
) -> Result<WaveAnalysis, AnalysisError> {
    if surveys.is_empty() {
        return Err(AnalysisError::NoItems);
    }
    let options = AnalysisOptions {
        adjust_family: AdjustFamily::Waves,
        ..*options
    };
    let mut comparisons = Vec::with_capacity(surveys.len());
    for (first, second, survey) in surveys {
        let analysis = analyze(&survey, &options)?;
        comparisons.push(Comparison {
            first,
            second,
            survey,
            analysis,
        });
    }
    // One family: every comparison × item of the whole sample (excluded items are NaN and do
    // not count, as in R's p.adjust).
    let family_size = comparisons
        .iter()
        .flat_map(|c| &c.analysis.blocks[0].items)
        .filter(|i| !i.p_value.is_nan())
        .count();
    super::adjust_family(
        comparisons
            .iter_mut()
            .flat_map(|c| c.analysis.blocks[0].items.iter_mut()),
        |i| i.p_value,
        |i, q| i.p_adjusted = q,
        options.adjust,
    )
    .map_err(AnalysisError::Adjust)?;
    // `--equivalence`: the equivalence p-values form the same family as the difference p-values.
    super::equivalence::adjust(
        comparisons
            .iter_mut()
            .flat_map(|c| c.analysis.blocks[0].items.iter_mut()),
        options.adjust,
    )
    .map_err(AnalysisError::Adjust)?;
    // The shares of positive answers: one family of their own over waves × items.
    super::shares::adjust_items(
        comparisons
            .iter_mut()
            .flat_map(|c| c.analysis.blocks[0].items.iter_mut()),
        options.adjust,
    )?;
    // Items of the trend: in order of first appearance.
    let mut items: Vec<String> = Vec::new();
    for (name, _, _) in &trend {
        if !items.contains(name) {
            items.push(name.clone());
        }
    }
    let mut table = vec![vec![None; waves.len()]; items.len()];
    for (name, w, point) in trend {
        if let Some(k) = items.iter().position(|i| *i == name) {
            table[k][w] = Some(point);
        }
    }
    // The shares of the trend: the positive answers of the comparisons, counted in each wave.
    let positive: Vec<TrendPositive> = items
        .iter()
        .map(|name| trend_positive(name, &comparisons))
        .collect();
    for (row, pos) in table.iter_mut().zip(&positive) {
        let TrendPositive::Scores(scores) = pos else {
            continue;
        };
        for point in row.iter_mut().flatten() {
            point.share = trend_share(point, scores, options.conf_level);
        }
    }
    Ok(WaveAnalysis {
        waves,
        mode,
        items,
        trend: table,
        positive,
        comparisons,
        family_size,
    })
}

/// The positive answers of trend item `name`: those of every comparison that has the item, when
/// they agree.
fn trend_positive(name: &str, comparisons: &[Comparison]) -> TrendPositive {
    let mut sets: Vec<Vec<f64>> = Vec::new();
    for c in comparisons {
        let plan: &SharePlan = &c.analysis.shares;
        if let Some(i) = c.survey.items.iter().position(|x| x == name) {
            let set = plan
                .items
                .get(i)
                .map(|r| r.positive.clone())
                .unwrap_or_default();
            if !sets.contains(&set) {
                sets.push(set);
            }
        }
    }
    match sets.len() {
        0 => TrendPositive::None,
        1 if sets[0].is_empty() => TrendPositive::None,
        1 => TrendPositive::Scores(sets.remove(0)),
        _ => TrendPositive::Differs(sets),
    }
}

/// The share of `scores` among the answers of one trend point, with its Wilson interval; `None`
/// without answers or when an answer is not a whole score 0–10.
fn trend_share(point: &TrendPoint, scores: &[f64], conf_level: f64) -> Option<TrendShare> {
    let counts = point.scores?;
    let n: u64 = counts.iter().sum();
    let positive: u64 = scores
        .iter()
        .filter(|s| s.fract() == 0.0 && (0.0..=MAX_SCORE as f64).contains(*s))
        .map(|&s| counts[s as usize])
        .sum();
    let (conf_low, conf_high) = proportion::wilson(positive, n, conf_level).ok()?;
    Some(TrendShare {
        positive,
        n,
        share: positive as f64 / n as f64,
        conf_low,
        conf_high,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(values: &[f64]) -> TrendPoint {
        let g = Group {
            ids: vec![None; values.len()],
            values: vec![values.to_vec()],
            ..Group::default()
        };
        trend_points(&g, &["Q".to_string()], 0.95)[0].1
    }

    #[test]
    fn trend_share_counts_the_positive_scores_with_wilson_limits() {
        let p = point(&[1.0, 4.0, 5.0, 5.0, 3.0, f64::NAN, 2.0, 4.0]);
        let s = trend_share(&p, &[4.0, 5.0], 0.95).unwrap();
        assert_eq!((s.positive, s.n), (4, 7));
        // R 4.2: prop.test(4, 7, correct = FALSE)$conf.int (0.25045836452765724, 0.84178014474853013)
        let (lo, hi) = (0.25045836452765724, 0.8417801447485301);
        assert!((s.conf_low - lo).abs() < 1e-14 && (s.conf_high - hi).abs() < 1e-14);
        // An answer that is no whole score: no share in that wave.
        assert!(trend_share(&point(&[4.0, 4.5]), &[4.0, 5.0], 0.95).is_none());
        assert!(trend_share(&point(&[f64::NAN]), &[4.0, 5.0], 0.95).is_none());
    }
}
