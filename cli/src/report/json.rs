//! Machine-readable results (`--json PATH|-`), exactly the fields issue 5 lists plus a few
//! clearly named extras. Non-finite numbers (an excluded item, a one-sided interval) are `null`.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::lang::Lang;
use crate::report::text;
use crate::workbook::ReadPlan;

/// Top-level JSON document.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    /// `"paired"` or `"independent"`.
    pub design: &'static str,
    /// `"paired"`, `"welch"`, `"student"`, `"mann-whitney"` or `"wilcoxon"`.
    pub test: &'static str,
    /// The two condition labels in order (first, second).
    pub groups: [String; 2],
    /// `"holm"`, `"bonferroni"`, `"hochberg"`, `"bh"`, `"by"`, `"hommel"` or `"none"`.
    pub adjust: &'static str,
    /// Significance level.
    pub alpha: f64,
    /// `"two-sided"`, `"less"` or `"greater"`.
    pub alternative: &'static str,
    /// Confidence level of every interval.
    pub conf_level: f64,
    /// `"items"` or `"all"`: which p-values of a breakdown were adjusted together.
    pub adjust_family: &'static str,
    /// `--equivalence X`: the margin X in raw points (bounds ±X on second − first); absent
    /// without the option.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equivalence_bound: Option<f64>,
    /// Breakdown groups withheld by `--min-group`, with their number of respondents.
    pub withheld: Vec<JsonWithheld>,
    /// One object per item (and per breakdown block).
    pub items: Vec<JsonItem>,
    /// Warnings, in the language of the run.
    pub warnings: Vec<String>,
    /// `--compare`: the comparison column, its levels and the method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<super::compare_sheet::JsonCompare>,
    /// How the workbook was read: every reading decision with its evidence and the option that
    /// overrides it (the Checks sheet's "Reading" rows), so a program sees what a reader sees.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reading: Vec<JsonReading>,
}

/// One reading decision (layout, order of the conditions, header row, ID column, pairing, …).
#[derive(Debug, Serialize)]
pub struct JsonReading {
    /// `"layout"`, `"order"`, `"header_row"`, `"id_column"`, `"pairing"`, `"group_column"`,
    /// `"summary_rows"` or `"compare_column"`.
    pub topic: &'static str,
    /// The sheet concerned, if one.
    pub sheet: Option<String>,
    /// The A1 address of the evidence (a header cell), if one.
    pub cell: Option<String>,
    /// The decision, why, and the option that overrides it, in the language of the run.
    pub text: String,
}

/// The reading decisions of `plan` for the JSON.
pub fn reading(plan: &ReadPlan, lang: Lang) -> Vec<JsonReading> {
    plan.entries
        .iter()
        .map(|e| JsonReading {
            topic: e.topic.key(),
            sheet: e.sheet.clone(),
            cell: e.cell.clone(),
            text: e.message(lang).to_string(),
        })
        .collect()
}

/// A breakdown group not reported on its own (anonymity guard).
#[derive(Debug, Serialize)]
pub struct JsonWithheld {
    /// The breakdown value.
    pub by: String,
    /// Its respondents.
    pub n: usize,
}

/// One item of one block.
#[derive(Debug, Serialize)]
pub struct JsonItem {
    /// Item name.
    pub item: String,
    /// Breakdown value, `null` for the whole sample.
    pub by: Option<String>,
    /// Valid values (paired: complete pairs) in the first condition.
    pub n_1: usize,
    /// Valid values in the second condition.
    pub n_2: usize,
    /// Mean of the first condition.
    pub mean_1: Option<f64>,
    /// Mean of the second condition.
    pub mean_2: Option<f64>,
    /// SD of the first condition.
    pub sd_1: Option<f64>,
    /// SD of the second condition.
    pub sd_2: Option<f64>,
    /// second − first.
    pub mean_diff: Option<f64>,
    /// Lower confidence limit of `mean_diff`.
    pub conf_low: Option<f64>,
    /// Upper confidence limit of `mean_diff`.
    pub conf_high: Option<f64>,
    /// t (or V/W for a rank test), oriented second − first.
    pub statistic: Option<f64>,
    /// Degrees of freedom (`null` for a rank test).
    pub df: Option<f64>,
    /// p-value of the test used.
    pub p_value: Option<f64>,
    /// p adjusted across the items of the block.
    pub p_adjusted: Option<f64>,
    /// Cohen's d as the C ABI returns it for the test used (Welch: average-variance SD; Student:
    /// pooled; paired: d_z).
    pub cohen_d: Option<f64>,
    /// Lower confidence limit of `cohen_d`.
    pub cohen_d_low: Option<f64>,
    /// Upper confidence limit of `cohen_d`.
    pub cohen_d_high: Option<f64>,
    /// Hedges' g.
    pub hedges_g: Option<f64>,
    /// Lower confidence limit of `hedges_g`.
    pub hedges_g_low: Option<f64>,
    /// Upper confidence limit of `hedges_g`.
    pub hedges_g_high: Option<f64>,
    /// Paired only: d_av.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d_av: Option<f64>,
    /// Paired only: lower limit of d_av.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d_av_low: Option<f64>,
    /// Paired only: upper limit of d_av.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d_av_high: Option<f64>,
    /// V (signed-rank) or W (rank-sum) of the matching rank test, as `wilcox.test(second, first)`.
    pub rank_statistic: Option<f64>,
    /// Two-sided p of the matching rank test.
    pub rank_p_value: Option<f64>,
    /// Smallest d detectable with 80 % power at this n.
    pub sensitivity_d: Option<f64>,
    /// JZS Bayes factor BF₁₀ (r = √2/2) of the t-test design, two-sided (`null` for a rank test).
    pub bf10: Option<f64>,
    /// The equivalence keys (`--equivalence` only).
    #[serde(flatten)]
    pub equivalence: Option<JsonEquivalence>,
    /// `true` when the item was not tested.
    pub excluded: bool,
    /// Why it was not tested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_reason: Option<String>,
    /// `--compare`: the difference in change (whole-sample rows).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub compare: Option<super::compare_sheet::JsonCompareItem>,
    /// Scores counted as positive answers (empty: the item gets no share).
    pub share_positive: Vec<f64>,
    /// Share of positive answers in the first condition (0–1; paired: complete pairs).
    pub share_1: Option<f64>,
    /// Share of positive answers in the second condition (0–1).
    pub share_2: Option<f64>,
    /// `share_2 − share_1`.
    pub share_diff: Option<f64>,
    /// Lower limit of `share_diff` (Newcombe hybrid score / paired score interval).
    pub share_conf_low: Option<f64>,
    /// Upper limit of `share_diff`.
    pub share_conf_high: Option<f64>,
    /// Two-sided p: Pearson's chi-square without continuity correction (independent) or the
    /// exact McNemar test (paired).
    pub share_p_value: Option<f64>,
    /// `share_p_value` adjusted across the items (same method and family as `p_adjusted`).
    pub share_p_adjusted: Option<f64>,
}

/// The equivalence test of one item (`--equivalence X`): every key is `null` for a rank test or
/// an item that was not tested.
#[derive(Debug, Serialize)]
pub struct JsonEquivalence {
    /// X: the bounds are ±X raw points on second − first.
    pub equivalence_bound: f64,
    /// TOST p, the larger one-sided p.
    pub equivalence_p_value: Option<f64>,
    /// The TOST p adjusted across items (same method and family as `p_adjusted`).
    pub equivalence_p_adjusted: Option<f64>,
    /// Lower limit of the 1 − 2α interval of second − first.
    pub equivalence_conf_low: Option<f64>,
    /// Upper limit of that interval.
    pub equivalence_conf_high: Option<f64>,
    /// `true` when the adjusted equivalence p is below α (the difference lies within ±X);
    /// `null` when not computed.
    pub equivalent: Option<bool>,
}

fn f(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Builds the JSON document.
pub fn build(a: &Analysis, lang: Lang) -> JsonReport {
    let mut items = Vec::new();
    for block in &a.blocks {
        for it in &block.items {
            let paired = a.test.is_paired();
            items.push(JsonItem {
                item: it.item.clone(),
                by: block.by.clone(),
                n_1: it.n_1,
                n_2: it.n_2,
                mean_1: f(it.mean_1),
                mean_2: f(it.mean_2),
                sd_1: f(it.sd_1),
                sd_2: f(it.sd_2),
                mean_diff: f(it.mean_diff),
                conf_low: f(it.conf_low),
                conf_high: f(it.conf_high),
                statistic: f(it.statistic),
                df: f(it.df),
                p_value: f(it.p_value),
                p_adjusted: f(it.p_adjusted),
                cohen_d: it.d.and_then(|d| f(d.estimate)),
                cohen_d_low: it.d.and_then(|d| f(d.low)),
                cohen_d_high: it.d.and_then(|d| f(d.high)),
                hedges_g: it.g.and_then(|d| f(d.estimate)),
                hedges_g_low: it.g.and_then(|d| f(d.low)),
                hedges_g_high: it.g.and_then(|d| f(d.high)),
                d_av: it.d_av.filter(|_| paired).and_then(|d| f(d.estimate)),
                d_av_low: it.d_av.filter(|_| paired).and_then(|d| f(d.low)),
                d_av_high: it.d_av.filter(|_| paired).and_then(|d| f(d.high)),
                rank_statistic: it.rank.and_then(|r| f(r.statistic)),
                rank_p_value: it.rank.and_then(|r| f(r.p_value)),
                sensitivity_d: it.sensitivity_d.and_then(f),
                bf10: it.bf10.and_then(f),
                equivalence: a.options.equivalence.map(|bound| {
                    let e = it.equivalence.as_ref();
                    JsonEquivalence {
                        equivalence_bound: bound,
                        equivalence_p_value: e.and_then(|e| f(e.p_value)),
                        equivalence_p_adjusted: e.and_then(|e| f(e.p_adjusted)),
                        equivalence_conf_low: e.and_then(|e| f(e.conf_low)),
                        equivalence_conf_high: e.and_then(|e| f(e.conf_high)),
                        equivalent: e.map(|e| e.equivalent(a.options.alpha)),
                    }
                }),
                excluded: it.excluded.is_some(),
                excluded_reason: it.excluded.as_ref().map(|e| e.message(lang)),
                compare: a
                    .compare
                    .as_ref()
                    .filter(|_| block.by.is_none())
                    .and_then(|c| super::compare_sheet::json_item(c, it.index, lang)),
                share_positive: a
                    .shares
                    .items
                    .get(it.index)
                    .map(|r| r.positive.clone())
                    .unwrap_or_default(),
                share_1: it.share.and_then(|s| f(s.share_1)),
                share_2: it.share.and_then(|s| f(s.share_2)),
                share_diff: it.share.and_then(|s| f(s.diff)),
                share_conf_low: it.share.and_then(|s| f(s.conf_low)),
                share_conf_high: it.share.and_then(|s| f(s.conf_high)),
                share_p_value: it.share.and_then(|s| f(s.p_value)),
                share_p_adjusted: it.share.and_then(|s| f(s.p_adjusted)),
            });
        }
    }
    JsonReport {
        design: a.design.key(),
        test: a.test.key(),
        groups: a.labels.clone(),
        adjust: text::adjust_key(a.options.adjust),
        alpha: a.options.alpha,
        alternative: text::alternative_key(a.options.alternative),
        conf_level: a.options.conf_level,
        adjust_family: a.options.adjust_family.key(),
        equivalence_bound: a.options.equivalence,
        withheld: a
            .withheld
            .iter()
            .map(|w| JsonWithheld {
                by: w.by.clone(),
                n: w.n,
            })
            .collect(),
        items,
        warnings: a
            .warnings
            .iter()
            .map(|w| w.message(lang).to_string())
            .collect(),
        compare: a
            .compare
            .as_ref()
            .map(|c| super::compare_sheet::json_top(c, lang)),
        reading: Vec::new(),
    }
}
