//! Plans and runs the analysis of a [`Survey`]: per item (and per `--by` group) the t-test that fits
//! the design, its effect sizes with confidence intervals, the matching rank test, p-values adjusted
//! across items, a sensitivity line and assumption notes.
//!
//! No mathematics lives here: every statistic comes from [`crate::stats`]. This module only decides
//! *which* engine call to make, on *which* values, and in which orientation.
//!
//! # Orientation
//! Every difference is **second − first** (after − before, group 2 − group 1). The engine computes
//! `x − y`, so it is always called with `x = second`, `y = first` — as R's
//! `t.test(after, before)`.

pub mod compare;

use std::collections::HashMap;
use std::ops::Range;

use crate::lang::Lang;
use crate::stats::descriptive::{self, skewness, Summary};
use crate::stats::effect_size::{self, DAndG, EffectSize};
use crate::stats::p_adjust::{self, AdjustMethod};
use crate::stats::power::{self, Design as PowerDesign, Query, Sizes, SolveFor};
use crate::stats::rank::{self, RankOptions, RankTest, RankTestKind};
use crate::stats::ttest::{self, TTest, TTestKind, TTestOptions};
use crate::stats::{Alternative, StatsError};
use crate::words::analysis::{self as words, AnalysisText, AnalysisWord};
use crate::words::{list, Sep};
use crate::workbook::{NoteKind, Survey};

pub mod equivalence;
pub use equivalence::Equivalence;
pub mod shares;

/// The test the user asked for (`--test`); [`TestChoice::Auto`] picks paired when IDs pair,
/// Welch otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TestChoice {
    /// Paired t-test when the survey is paired by ID, Welch's t-test otherwise.
    #[default]
    Auto,
    /// Student's two-sample t-test (pooled variance).
    Student,
    /// Welch's two-sample t-test.
    Welch,
    /// Paired t-test (needs a survey paired by ID).
    Paired,
    /// Mann–Whitney / Wilcoxon rank-sum test (independent samples).
    MannWhitney,
    /// Wilcoxon signed-rank test (needs a survey paired by ID).
    Wilcoxon,
}

/// The test actually run as the main test of every item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TestUsed {
    /// Paired t-test.
    Paired,
    /// Student's two-sample t-test.
    Student,
    /// Welch's two-sample t-test.
    Welch,
    /// Mann–Whitney U (Wilcoxon rank-sum), reported as R's W.
    MannWhitney,
    /// Wilcoxon signed-rank test, reported as R's V.
    Wilcoxon,
}

impl TestUsed {
    /// Machine name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            TestUsed::Paired => "paired",
            TestUsed::Student => "student",
            TestUsed::Welch => "welch",
            TestUsed::MannWhitney => "mann-whitney",
            TestUsed::Wilcoxon => "wilcoxon",
        }
    }

    /// `true` for the two rank tests.
    pub fn is_rank(self) -> bool {
        matches!(self, TestUsed::MannWhitney | TestUsed::Wilcoxon)
    }

    /// `true` when the test uses the pairing.
    pub fn is_paired(self) -> bool {
        matches!(self, TestUsed::Paired | TestUsed::Wilcoxon)
    }

    /// The t-test that supplies the mean difference CI and Cohen's d for this test (for a rank test:
    /// the t-test of the same design).
    fn t_kind(self) -> TTestKind {
        match self {
            TestUsed::Paired | TestUsed::Wilcoxon => TTestKind::Paired,
            TestUsed::Student => TTestKind::Student,
            TestUsed::Welch | TestUsed::MannWhitney => TTestKind::Welch,
        }
    }
}

/// Whether the two conditions are compared as pairs or as independent samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DesignKind {
    /// Same respondents, paired by ID.
    Paired,
    /// Two independent samples.
    Independent,
}

impl DesignKind {
    /// `"paired"` or `"independent"` (JSON).
    pub fn key(self) -> &'static str {
        match self {
            DesignKind::Paired => "paired",
            DesignKind::Independent => "independent",
        }
    }
}

/// Which p-values are adjusted together for multiple comparisons when there is a breakdown
/// (`--adjust-family`). The whole-sample rows are always one family: their items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AdjustFamily {
    /// Within each breakdown group: the items of that group (the default).
    #[default]
    Items,
    /// Across every breakdown group × item together (stricter with many groups).
    All,
    /// Three or more waves: every comparison of two waves × item together (src/analysis/waves.rs).
    Waves,
}

impl AdjustFamily {
    /// The command-line key: `items` or `all`.
    pub fn key(self) -> &'static str {
        match self {
            AdjustFamily::Items => "items",
            AdjustFamily::All => "all",
            AdjustFamily::Waves => "waves",
        }
    }
}

/// Fewest respondents a breakdown group needs to be reported on its own (`--min-group`): HR
/// survey tools in Japan commonly withhold results of fewer than 4–5 people.
pub const DEFAULT_MIN_GROUP: usize = 5;

/// Options of the analysis (validated by the CLI).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnalysisOptions {
    /// `--test`.
    pub test: TestChoice,
    /// `--adjust` (Holm by default).
    pub adjust: AdjustMethod,
    /// `--alpha`: significance level, in (0, 1).
    pub alpha: f64,
    /// `--alternative`.
    pub alternative: Alternative,
    /// `--conf-level`, in (0, 1).
    pub conf_level: f64,
    /// `--adjust-family`: which p-values of a breakdown are adjusted together.
    pub adjust_family: AdjustFamily,
    /// `--min-group`: a breakdown group with fewer respondents is withheld (its people still
    /// count in the whole-sample rows).
    pub min_group: usize,
    /// `--equivalence X`: TOST with bounds ±X raw points per item (see [`equivalence`]).
    pub equivalence: Option<f64>,
    /// `--top-box` / `--positive`: which answers count for the shares of positive answers.
    pub shares: shares::ShareOptions,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            test: TestChoice::Auto,
            adjust: AdjustMethod::Holm,
            alpha: 0.05,
            alternative: Alternative::TwoSided,
            conf_level: 0.95,
            adjust_family: AdjustFamily::Items,
            min_group: DEFAULT_MIN_GROUP,
            equivalence: None,
            shares: shares::ShareOptions::default(),
        }
    }
}

/// Power used for the sensitivity line.
pub const SENSITIVITY_POWER: f64 = 0.8;
/// Below this many valid values in a group (or pairs) an item gets a "small n" note.
pub const SMALL_N: usize = 20;
/// |skewness| at or above this is reported as strong skew (Bulmer 1979: "highly skewed" beyond 1).
pub const STRONG_SKEW: f64 = 1.0;
/// SD ratio (larger/smaller) at or above this is reported as unequal variances when Student's test
/// (which assumes equal variances) is used.
pub const UNEQUAL_SD_RATIO: f64 = 2.0;

/// Why the analysis cannot run at all (bad combination of options and data). Per-item problems are
/// never errors: see [`Exclusion`]. Its words are in [`crate::words::analysis`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AnalysisError {
    /// A paired test was requested but the survey is not paired by ID.
    NeedsPairs {
        /// The requested test.
        test: &'static str,
    },
    /// The survey data have inconsistent shapes (a bug in the reader or a hand-made survey).
    Shape(ShapeProblem),
    /// There is no item to analyse.
    NoItems,
    /// The p-value adjustment failed.
    Adjust(StatsError),
    /// `--top-box` or `--positive` does not fit an item's scale.
    Shares(shares::ShareError),
}

impl std::fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for AnalysisError {}

/// How the survey's vectors disagree ([`AnalysisError::Shape`]); `second` names the condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeProblem {
    /// A condition has another number of value columns than items.
    ValueColumns {
        /// `true` for the second condition.
        second: bool,
        /// Value columns.
        columns: usize,
        /// Items.
        items: usize,
    },
    /// A value column's length differs from the condition's rows.
    ValueRows {
        /// `true` for the second condition.
        second: bool,
        /// Rows.
        rows: usize,
    },
    /// The breakdown values' length differs from the condition's rows.
    ByValues {
        /// `true` for the second condition.
        second: bool,
        /// Breakdown values.
        values: usize,
        /// Rows.
        rows: usize,
    },
    /// A paired survey whose conditions have different rows.
    PairedRows {
        /// Rows of the first condition.
        first: usize,
        /// Rows of the second.
        second: usize,
    },
}

/// Why an item (in a block) was not tested. Reported in the output, never an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Exclusion {
    /// Too few valid values (or complete pairs).
    TooFew {
        /// Valid values in the first condition (pairs for a paired test).
        n_1: usize,
        /// Valid values in the second condition (pairs for a paired test).
        n_2: usize,
    },
    /// The engine could not compute the test (for example: all values equal).
    Failed(StatsError),
}

/// A caution about the assumptions of the test used for one item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AssumptionNote {
    /// Few valid values: the test has little power and normality cannot be checked.
    SmallN {
        /// Smallest group size (or number of pairs).
        n: usize,
    },
    /// Strongly skewed values in one condition (or in the paired differences).
    Skew {
        /// 0 = first condition, 1 = second, 2 = paired differences.
        which: u8,
        /// Sample skewness g₁.
        skewness: f64,
    },
    /// Student's test was used although the SDs differ a lot.
    UnequalVariances {
        /// Larger SD over smaller SD.
        ratio: f64,
    },
    /// A one-sided p from the rank test could not be computed (the robustness column is missing).
    RankFailed,
}

/// An effect size reduced to what the report needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    /// Point estimate (oriented second − first).
    pub estimate: f64,
    /// Lower confidence limit.
    pub low: f64,
    /// Upper confidence limit.
    pub high: f64,
}

impl From<&EffectSize> for Effect {
    fn from(e: &EffectSize) -> Effect {
        Effect {
            estimate: e.estimate,
            low: e.conf_low,
            high: e.conf_high,
        }
    }
}

/// The matching rank test (robustness column; or the main test when a rank test was chosen).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankSummary {
    /// Signed-rank (V) or rank-sum (W), as R's `wilcox.test(second, first)`.
    pub kind: RankTestKind,
    /// V or W.
    pub statistic: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Rank-biserial correlation, second relative to first.
    pub rank_biserial: f64,
    /// `true` when the exact null distribution was used.
    pub exact: bool,
}

/// Result for one item within one block.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult {
    /// Item name (column header).
    pub item: String,
    /// Index of the item in `Survey::items`.
    pub index: usize,
    /// Valid values in the first condition (paired: complete pairs).
    pub n_1: usize,
    /// Valid values in the second condition (paired: complete pairs).
    pub n_2: usize,
    /// Mean of the first condition.
    pub mean_1: f64,
    /// Mean of the second condition.
    pub mean_2: f64,
    /// SD of the first condition.
    pub sd_1: f64,
    /// SD of the second condition.
    pub sd_2: f64,
    /// Confidence interval of the mean of the first condition (one-sample t interval; for the
    /// chart's error bars). `None` when it cannot be computed.
    pub mean_ci_1: Option<(f64, f64)>,
    /// Confidence interval of the mean of the second condition.
    pub mean_ci_2: Option<(f64, f64)>,
    /// Mean difference second − first (NaN when excluded).
    pub mean_diff: f64,
    /// Lower confidence limit of the mean difference (from the t-test).
    pub conf_low: f64,
    /// Upper confidence limit of the mean difference.
    pub conf_high: f64,
    /// Main test statistic: t (t-tests), V or W (rank tests).
    pub statistic: f64,
    /// Degrees of freedom (NaN for a rank test).
    pub df: f64,
    /// p-value of the main test for the chosen alternative.
    pub p_value: f64,
    /// p adjusted across the items of the block (NaN when excluded).
    pub p_adjusted: f64,
    /// Cohen's d of the t-test of this design (Welch: average-variance SD; Student: pooled; paired: d_z).
    pub d: Option<Effect>,
    /// Hedges' g (same standardizer as `d`).
    pub g: Option<Effect>,
    /// Paired only: d_av (mean difference over the average SD).
    pub d_av: Option<Effect>,
    /// The matching rank test, two-sided.
    pub rank: Option<RankSummary>,
    /// Smallest |d| detectable with 80 % power at this n and alpha (None when it cannot be solved).
    pub sensitivity_d: Option<f64>,
    /// `--equivalence`: the TOST of the t-test used (`None` without the option, for a rank test,
    /// or when it cannot be computed).
    pub equivalence: Option<Equivalence>,
    /// JZS Bayes factor BF₁₀ (r = √2/2) of the t-test design (`None` for a rank test).
    pub bf10: Option<f64>,
    /// Assumption notes.
    pub notes: Vec<AssumptionNote>,
    /// Why the item was not tested; `None` when it was.
    pub excluded: Option<Exclusion>,
    /// The share of positive answers before and after (`None` when the item gets no share:
    /// see [`Analysis::shares`]).
    pub share: Option<shares::Share>,
}

impl ItemResult {
    /// `true` when the adjusted p is below alpha.
    pub fn significant(&self, alpha: f64) -> bool {
        crate::messages::significant(self.p_adjusted, alpha)
    }
}

/// All items for all respondents (`by == None`) or for one breakdown value.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// `None` for the whole sample; the breakdown value otherwise (`Some("")` for blank cells).
    pub by: Option<String>,
    /// Rows of the first condition in this block, as a range of [`Analysis::order_first`].
    pub rows_first: Range<usize>,
    /// Rows of the second condition in this block, as a range of [`Analysis::order_second`]
    /// (paired: same as `rows_first`).
    pub rows_second: Range<usize>,
    /// One result per item, in workbook order.
    pub items: Vec<ItemResult>,
}

/// A warning the user should see (`--strict` turns any into exit code 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Block (breakdown value), if any.
    pub by: Option<String>,
    /// Item, if any.
    pub item: Option<String>,
    /// English text.
    pub en: String,
    /// Japanese text.
    pub ja: String,
    /// The kind of warning in words without the item, `(en, ja)`, for warnings that repeat per
    /// item (small samples, skew, untested items): stderr prints one line per kind with a count
    /// and the first items ([`grouped_warnings`]). `None` for warnings that stand alone.
    pub kind: Option<(String, String)>,
}

/// Most places named on a grouped warning line before "…".
pub const GROUPED_PLACES: usize = 3;

/// The warnings as lines for a terminal, in `lang`: warnings of the same kind (see
/// [`Warning::kind`]) become one line with their count and the first [`GROUPED_PLACES`] items,
/// in order of first appearance; a kind seen once keeps its full message.
pub fn grouped_warnings(warnings: &[Warning], lang: Lang) -> Vec<String> {
    type Kind<'w> = Option<&'w (String, String)>;
    let mut order: Vec<(Kind, Vec<&Warning>)> = Vec::new();
    for w in warnings {
        match w.kind.as_ref() {
            Some(k) => match order.iter_mut().find(|(key, _)| *key == Some(k)) {
                Some((_, ws)) => ws.push(w),
                None => order.push((Some(k), vec![w])),
            },
            None => order.push((None, vec![w])),
        }
    }
    order
        .into_iter()
        .map(|(key, ws)| match key {
            Some(_) if ws.len() > 1 => {
                let places: Vec<String> = ws
                    .iter()
                    .take(GROUPED_PLACES)
                    .map(|w| {
                        let item = w.item.as_deref().unwrap_or_default();
                        match &w.by {
                            Some(b) => format!("[{}] {item}", by_label(b, lang)),
                            None => item.to_string(),
                        }
                    })
                    .collect();
                AnalysisText::GroupedLine {
                    kind: ws[0].kind_text(lang).unwrap_or_default(),
                    count: ws.len(),
                    places: &list(lang, Sep::Comma, &places, ws.len() > GROUPED_PLACES),
                }
                .text(lang)
            }
            _ => ws[0].message(lang).to_string(),
        })
        .collect()
}

/// The whole analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Paired or independent comparison.
    pub design: DesignKind,
    /// Main test used for every item.
    pub test: TestUsed,
    /// Options used.
    pub options: AnalysisOptions,
    /// The two condition labels, first then second.
    pub labels: [String; 2],
    /// Row indices of `survey.first`, sorted so that each block is contiguous.
    pub order_first: Vec<usize>,
    /// Row indices of `survey.second` (paired: identical to `order_first`).
    pub order_second: Vec<usize>,
    /// The overall block first, then one block per breakdown value (in order of first appearance).
    pub blocks: Vec<Block>,
    /// Breakdown groups not reported on their own because they have fewer than
    /// [`AnalysisOptions::min_group`] respondents, in order of first appearance.
    pub withheld: Vec<Withheld>,
    /// Warnings: reader notes that need attention, excluded items, assumption notes.
    pub warnings: Vec<Warning>,
    /// `--compare`: the change of participants against a comparison group ([`compare`]); set by
    /// the caller after [`analyze`].
    pub compare: Option<compare::Comparison>,
    /// Which answers of each item count as positive for the shares.
    pub shares: shares::SharePlan,
}

/// A breakdown group withheld by the anonymity guard (`--min-group`).
#[derive(Debug, Clone, PartialEq)]
pub struct Withheld {
    /// The breakdown value (`""` for blank cells).
    pub by: String,
    /// Respondents of the group: pairs (paired), or first + second condition.
    pub n: usize,
}

impl Analysis {
    /// `true` when breakdown value `by` belongs to a withheld group.
    pub fn is_withheld(&self, by: &str) -> bool {
        self.withheld.iter().any(|w| w.by == by)
    }
}

impl Analysis {
    /// `true` when row `row` (an index into `survey.first`/`second`) of `item` was used: for a
    /// paired test both sides must be present; otherwise the value itself.
    pub fn used(&self, survey: &Survey, item: usize, side: usize, row: usize) -> bool {
        let v = |g: &crate::workbook::Group| g.values[item][row];
        if self.test.is_paired() {
            !v(&survey.first).is_nan() && !v(&survey.second).is_nan()
        } else if side == 0 {
            !v(&survey.first).is_nan()
        } else {
            !v(&survey.second).is_nan()
        }
    }
}

/// How a breakdown group is named to a reader: respondents whose breakdown cell (e.g. 所属) is
/// blank form a group of their own, shown as "(blank)" / 「（空欄）」 rather than as nothing.
pub fn by_label(by: &str, lang: Lang) -> &str {
    if by.trim().is_empty() {
        words::blank_group(lang)
    } else {
        by
    }
}

/// Runs the analysis.
///
/// # Errors
/// [`AnalysisError::NeedsPairs`] when a paired test is requested on unpaired data,
/// [`AnalysisError::Shape`] when the survey vectors disagree in length, [`AnalysisError::NoItems`]
/// without items. Items that cannot be tested are reported in [`ItemResult::excluded`].
pub fn analyze(survey: &Survey, options: &AnalysisOptions) -> Result<Analysis, AnalysisError> {
    check_shape(survey)?;
    if survey.items.is_empty() {
        return Err(AnalysisError::NoItems);
    }
    let share_plan = shares::plan(survey, &options.shares).map_err(AnalysisError::Shares)?;
    let test = choose_test(survey, options)?;
    let design = if test.is_paired() {
        DesignKind::Paired
    } else {
        DesignKind::Independent
    };
    let breakdown = Breakdown::of(survey, test);
    let (mut blocks, withheld) = run_blocks(survey, test, options, &breakdown)?;
    if options.adjust_family == AdjustFamily::All && blocks.len() > 2 {
        adjust_across_groups(&mut blocks[1..], options.adjust)?;
    }
    shares::apply(
        survey,
        test,
        options,
        &share_plan,
        &breakdown.order_first,
        &breakdown.order_second,
        &mut blocks,
    )?;
    let mut warnings = collect_warnings(survey, &blocks);
    warnings.extend(equivalence::rank_warning(test, options));
    warnings.extend(shares::warnings(survey, &share_plan));
    warnings.extend(withheld.iter().map(|w| withheld_warning(w, options)));
    Ok(Analysis {
        design,
        test,
        options: *options,
        labels: survey.labels.clone(),
        order_first: breakdown.order_first,
        order_second: breakdown.order_second,
        blocks,
        withheld,
        warnings,
        compare: None,
        shares: share_plan,
    })
}

/// The main test for `--test` on this survey: paired when IDs pair and nothing else was asked.
fn choose_test(survey: &Survey, options: &AnalysisOptions) -> Result<TestUsed, AnalysisError> {
    Ok(match options.test {
        TestChoice::Auto if survey.paired => TestUsed::Paired,
        TestChoice::Auto | TestChoice::Welch => TestUsed::Welch,
        TestChoice::Student => TestUsed::Student,
        TestChoice::MannWhitney => TestUsed::MannWhitney,
        TestChoice::Paired | TestChoice::Wilcoxon if !survey.paired => {
            return Err(AnalysisError::NeedsPairs {
                test: if options.test == TestChoice::Paired {
                    "paired"
                } else {
                    "wilcoxon"
                },
            })
        }
        TestChoice::Paired => TestUsed::Paired,
        TestChoice::Wilcoxon => TestUsed::Wilcoxon,
    })
}

/// The breakdown (`--by`) of the rows: each row's group, and the rows of each condition sorted
/// so that every group is contiguous.
struct Breakdown {
    /// Breakdown values in order of first appearance (first condition, then second); one `None`
    /// without a breakdown.
    values: Vec<Option<String>>,
    /// The group (index into `values`) of each row of the first condition.
    keys_first: Vec<usize>,
    /// The same for the second condition (paired: identical to `keys_first`).
    keys_second: Vec<usize>,
    /// Rows of the first condition, group by group ([`Analysis::order_first`]).
    order_first: Vec<usize>,
    /// Rows of the second condition, group by group ([`Analysis::order_second`]).
    order_second: Vec<usize>,
}

impl Breakdown {
    fn of(survey: &Survey, test: TestUsed) -> Breakdown {
        let mut values: Vec<Option<String>> = Vec::new();
        let mut by_index: HashMap<Option<String>, usize> = HashMap::new();
        let has_by = survey.by_column.is_some();
        let mut key_of = |g: &crate::workbook::Group, row: usize| -> usize {
            let key = if has_by {
                Some(g.by.get(row).cloned().flatten().unwrap_or_default())
            } else {
                None
            };
            *by_index.entry(key.clone()).or_insert_with(|| {
                values.push(key);
                values.len() - 1
            })
        };
        let n_first = survey.first.ids.len();
        let n_second = survey.second.ids.len();
        let keys_first: Vec<usize> = (0..n_first).map(|r| key_of(&survey.first, r)).collect();
        let keys_second: Vec<usize> = if test.is_paired() {
            keys_first.clone()
        } else {
            (0..n_second).map(|r| key_of(&survey.second, r)).collect()
        };
        let order = |keys: &[usize]| {
            let mut o: Vec<usize> = (0..keys.len()).collect();
            o.sort_by_key(|&r| keys[r]); // stable: rows keep their order within a block
            o
        };
        Breakdown {
            values,
            order_first: order(&keys_first),
            order_second: order(&keys_second),
            keys_first,
            keys_second,
        }
    }

    /// The positions in `order` of the rows of group `k`.
    fn span(keys: &[usize], order: &[usize], k: usize) -> Range<usize> {
        let start = order
            .iter()
            .position(|&r| keys[r] == k)
            .unwrap_or(order.len());
        let len = order[start..].iter().take_while(|&&r| keys[r] == k).count();
        start..start + len
    }
}

/// The whole-sample block, then one block per breakdown group with at least `--min-group`
/// respondents in each condition; the smaller groups are withheld (anonymity guard).
fn run_blocks(
    survey: &Survey,
    test: TestUsed,
    options: &AnalysisOptions,
    breakdown: &Breakdown,
) -> Result<(Vec<Block>, Vec<Withheld>), AnalysisError> {
    let n_first = survey.first.ids.len();
    let n_second = survey.second.ids.len();
    let mut blocks = vec![run_block(
        survey,
        test,
        options,
        None,
        &(0..n_first).collect::<Vec<_>>(),
        &(0..n_second).collect::<Vec<_>>(),
        0..n_first,
        0..n_second,
    )?];
    let mut withheld = Vec::new();
    if survey.by_column.is_none() {
        return Ok((blocks, withheld));
    }
    let b = breakdown;
    for (k, by) in b.values.iter().enumerate() {
        let rf = Breakdown::span(&b.keys_first, &b.order_first, k);
        let rs = Breakdown::span(&b.keys_second, &b.order_second, k);
        // Anonymity guard: a group smaller than --min-group (in either condition) is not
        // reported on its own; its rows stay in the whole-sample block.
        let n = if test.is_paired() {
            rf.len()
        } else {
            rf.len() + rs.len()
        };
        if rf.len().min(rs.len()) < options.min_group {
            withheld.push(Withheld {
                by: by.clone().unwrap_or_default(),
                n,
            });
            continue;
        }
        let rows_first: Vec<usize> = b.order_first[rf.clone()].to_vec();
        let rows_second: Vec<usize> = b.order_second[rs.clone()].to_vec();
        blocks.push(run_block(
            survey,
            test,
            options,
            by.clone(),
            &rows_first,
            &rows_second,
            rf,
            rs,
        )?);
    }
    Ok((blocks, withheld))
}

/// The warning for a breakdown group withheld by `--min-group`.
fn withheld_warning(w: &Withheld, options: &AnalysisOptions) -> Warning {
    let (en, ja) = words::both(|lang| {
        AnalysisText::Withheld {
            by: by_label(&w.by, lang),
            n: w.n,
            min: options.min_group,
        }
        .text(lang)
    });
    Warning {
        kind: None,
        by: Some(w.by.clone()),
        item: None,
        en,
        ja,
    }
}

/// `--adjust-family all`: adjusts the p-values of every breakdown group × item as one family,
/// replacing the per-group adjustment `run_block` made.
fn adjust_across_groups(blocks: &mut [Block], method: AdjustMethod) -> Result<(), AnalysisError> {
    adjust_family(
        blocks.iter_mut().flat_map(|b| b.items.iter_mut()),
        |i| i.p_value,
        |i, q| i.p_adjusted = q,
        method,
    )
    .map_err(AnalysisError::Adjust)?;
    equivalence::adjust_blocks(blocks, method).map_err(AnalysisError::Adjust)
}

/// Adjusts one family of p-values in place with `method`: `p` reads a member's raw p-value,
/// `set` writes its adjusted one. NaN members do not count, as `NA` in R's `p.adjust`. The one
/// loop behind every family: the items' differences, their equivalence tests, their shares, per
/// block, across groups or over waves × items.
///
/// # Errors
/// Those of [`p_adjust::p_adjust`].
pub(crate) fn adjust_family<T>(
    members: impl Iterator<Item = T>,
    p: impl Fn(&T) -> f64,
    set: impl Fn(&mut T, f64),
    method: AdjustMethod,
) -> Result<(), StatsError> {
    let mut members: Vec<T> = members.collect();
    if members.is_empty() {
        return Ok(());
    }
    let raw: Vec<f64> = members.iter().map(&p).collect();
    for (m, q) in members.iter_mut().zip(p_adjust::p_adjust(&raw, method)?) {
        set(m, q);
    }
    Ok(())
}

fn check_shape(survey: &Survey) -> Result<(), AnalysisError> {
    let k = survey.items.len();
    for (second, g) in [(false, &survey.first), (true, &survey.second)] {
        let n = g.ids.len();
        if g.values.len() != k {
            return Err(AnalysisError::Shape(ShapeProblem::ValueColumns {
                second,
                columns: g.values.len(),
                items: k,
            }));
        }
        if g.values.iter().any(|v| v.len() != n) {
            return Err(AnalysisError::Shape(ShapeProblem::ValueRows {
                second,
                rows: n,
            }));
        }
        if survey.by_column.is_some() && g.by.len() != n {
            return Err(AnalysisError::Shape(ShapeProblem::ByValues {
                second,
                values: g.by.len(),
                rows: n,
            }));
        }
    }
    if survey.paired && survey.first.ids.len() != survey.second.ids.len() {
        return Err(AnalysisError::Shape(ShapeProblem::PairedRows {
            first: survey.first.ids.len(),
            second: survey.second.ids.len(),
        }));
    }
    Ok(())
}

/// A block with at least this many values (rows × items) is analysed on several threads.
const PARALLEL_VALUES: usize = 200_000;
/// Most threads used for one block.
const MAX_THREADS: usize = 8;

#[allow(clippy::too_many_arguments)]
fn run_block(
    survey: &Survey,
    test: TestUsed,
    options: &AnalysisOptions,
    by: Option<String>,
    rows_first: &[usize],
    rows_second: &[usize],
    range_first: Range<usize>,
    range_second: Range<usize>,
) -> Result<Block, AnalysisError> {
    let item = |index: usize| {
        let first: Vec<f64> = rows_first
            .iter()
            .map(|&r| survey.first.values[index][r])
            .collect();
        let second: Vec<f64> = rows_second
            .iter()
            .map(|&r| survey.second.values[index][r])
            .collect();
        run_item(&survey.items[index], index, test, options, &first, &second)
    };
    let k = survey.items.len();
    let values = (rows_first.len() + rows_second.len()) * k;
    let threads = if values >= PARALLEL_VALUES {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS)
            .min(k)
    } else {
        1
    };
    let mut items: Vec<ItemResult> = if threads <= 1 {
        (0..k).map(item).collect()
    } else {
        // Items are independent: contiguous runs of them on each thread, results in item order.
        let per = k.div_ceil(threads);
        std::thread::scope(|scope| {
            let runs: Vec<_> = (0..k)
                .step_by(per)
                .map(|start| {
                    scope.spawn(move || (start..(start + per).min(k)).map(item).collect::<Vec<_>>())
                })
                .collect();
            runs.into_iter()
                .flat_map(|run| run.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let p: Vec<f64> = items.iter().map(|i| i.p_value).collect();
    let adjusted = p_adjust::p_adjust(&p, options.adjust).map_err(AnalysisError::Adjust)?;
    for (item, q) in items.iter_mut().zip(adjusted) {
        item.p_adjusted = q;
    }
    equivalence::adjust(items.iter_mut(), options.adjust).map_err(AnalysisError::Adjust)?;
    let range_second = if test.is_paired() {
        range_first.clone()
    } else {
        range_second
    };
    Ok(Block {
        by,
        rows_first: range_first,
        rows_second: range_second,
        items,
    })
}

/// Values kept by a paired analysis: complete pairs only.
fn complete_pairs(first: &[f64], second: &[f64]) -> (Vec<f64>, Vec<f64>) {
    first
        .iter()
        .zip(second)
        .filter(|(a, b)| !a.is_nan() && !b.is_nan())
        .map(|(a, b)| (*a, *b))
        .unzip()
}

fn run_item(
    name: &str,
    index: usize,
    test: TestUsed,
    options: &AnalysisOptions,
    first: &[f64],
    second: &[f64],
) -> ItemResult {
    let (first_used, second_used) = if test.is_paired() {
        complete_pairs(first, second)
    } else {
        (first.to_vec(), second.to_vec())
    };
    let s1 = descriptive::summarize(&first_used, "first");
    let s2 = descriptive::summarize(&second_used, "second");
    let mut result = untested_item(name, index, s1.as_ref().ok(), s2.as_ref().ok());
    result.mean_ci_1 = mean_ci(&first_used, options);
    result.mean_ci_2 = mean_ci(&second_used, options);
    if let Err(e) = s1.as_ref().and(s2.as_ref()) {
        result.excluded = Some(Exclusion::Failed(e.clone()));
        return result;
    }
    // Every test here needs at least two values per group (or two pairs).
    let needed = 2;
    if result.n_1 < needed || result.n_2 < needed {
        result.excluded = Some(Exclusion::TooFew {
            n_1: result.n_1,
            n_2: result.n_2,
        });
        return result;
    }
    let values = ItemValues {
        test,
        options,
        first: &first_used,
        second: &second_used,
    };
    if let Err(e) = values.t_test(&mut result) {
        result.excluded = Some(Exclusion::Failed(e));
        return result;
    }
    if let Err(e) = values.rank_tests(&mut result) {
        result.excluded = Some(Exclusion::Failed(e));
        result.p_value = f64::NAN;
        return result;
    }
    result.sensitivity_d = values.sensitivity(result.n_1, result.n_2);
    values.assumption_notes(&mut result);
    result
}

/// An item's result before any test: its name, ns, means and SDs (NaN when a summary failed).
fn untested_item(
    name: &str,
    index: usize,
    s1: Option<&Summary>,
    s2: Option<&Summary>,
) -> ItemResult {
    let nan_summary = Summary {
        n: 0,
        missing: 0,
        mean: f64::NAN,
        sd: f64::NAN,
    };
    ItemResult {
        item: name.to_string(),
        index,
        n_1: s1.map_or(0, |s| s.n),
        n_2: s2.map_or(0, |s| s.n),
        mean_1: s1.unwrap_or(&nan_summary).mean,
        mean_2: s2.unwrap_or(&nan_summary).mean,
        sd_1: s1.unwrap_or(&nan_summary).sd,
        sd_2: s2.unwrap_or(&nan_summary).sd,
        mean_ci_1: None,
        mean_ci_2: None,
        mean_diff: f64::NAN,
        conf_low: f64::NAN,
        conf_high: f64::NAN,
        statistic: f64::NAN,
        df: f64::NAN,
        p_value: f64::NAN,
        p_adjusted: f64::NAN,
        d: None,
        g: None,
        d_av: None,
        rank: None,
        sensitivity_d: None,
        equivalence: None,
        bf10: None,
        notes: Vec::new(),
        excluded: None,
        share: None,
    }
}

/// The one-sample t interval of the mean of `v` (the chart's error bars).
fn mean_ci(v: &[f64], options: &AnalysisOptions) -> Option<(f64, f64)> {
    let o = TTestOptions {
        conf_level: options.conf_level,
        ..TTestOptions::default()
    };
    ttest::one_sample(v, &o)
        .ok()
        .map(|t| (t.conf_low, t.conf_high))
}

/// The values of one item that the tests use (paired: complete pairs), with the test and options.
struct ItemValues<'a> {
    test: TestUsed,
    options: &'a AnalysisOptions,
    first: &'a [f64],
    second: &'a [f64],
}

impl ItemValues<'_> {
    /// The t-test of the design with its effect sizes, the equivalence test and the Bayes factor.
    fn t_test(&self, result: &mut ItemResult) -> Result<(), StatsError> {
        let (test, options) = (self.test, self.options);
        // The engine computes x − y: x = second, y = first.
        let t_options = TTestOptions {
            alternative: options.alternative,
            mu: 0.0,
            conf_level: options.conf_level,
        };
        let t: TTest = match test.t_kind() {
            TTestKind::Paired => ttest::paired(self.second, self.first, &t_options),
            TTestKind::Student => ttest::student(self.second, self.first, &t_options),
            _ => ttest::welch(self.second, self.first, &t_options),
        }?;
        result.mean_diff = t.estimate;
        result.conf_low = t.conf_low;
        result.conf_high = t.conf_high;
        result.statistic = t.statistic;
        result.df = t.df;
        result.p_value = t.p_value;
        if let Ok(DAndG { d, g }) = effect_size::for_ttest(&t) {
            result.d = Some(Effect::from(&d));
            result.g = Some(Effect::from(&g));
        }
        if test.is_paired() {
            if let Ok(DAndG { d, .. }) = effect_size::d_av(&t) {
                result.d_av = Some(Effect::from(&d));
            }
        }
        if let Some(margin) = options.equivalence {
            result.equivalence =
                equivalence::item_equivalence(test, margin, options.alpha, self.second, self.first)
                    .and_then(Result::ok);
        }
        result.bf10 = equivalence::item_bf10(test, self.second, self.first).and_then(Result::ok);
        Ok(())
    }

    /// The rank test of the design for `alternative`.
    fn rank(&self, alternative: Alternative) -> Result<RankTest, StatsError> {
        let opts = RankOptions {
            alternative,
            correct: true,
        };
        if self.test.is_paired() {
            rank::signed_rank(self.second, self.first, &opts)
        } else {
            rank::mann_whitney(self.second, self.first, &opts)
        }
    }

    /// The matching rank test, two-sided (robustness column; a note when it fails); for a rank
    /// test chosen as the main test, also its statistic and its p for the chosen alternative.
    ///
    /// # Errors
    /// The main rank test's failure.
    fn rank_tests(&self, result: &mut ItemResult) -> Result<(), StatsError> {
        match self.rank(Alternative::TwoSided) {
            Ok(r) => {
                result.rank = Some(RankSummary {
                    kind: r.kind,
                    statistic: r.statistic,
                    p_value: r.p_value,
                    rank_biserial: r.rank_biserial,
                    exact: r.exact,
                })
            }
            Err(_) => result.notes.push(AssumptionNote::RankFailed),
        }
        if self.test.is_rank() {
            let main = self.rank(self.options.alternative)?;
            result.statistic = main.statistic;
            result.df = f64::NAN;
            result.p_value = main.p_value;
        }
        Ok(())
    }

    /// Sensitivity: the smallest d detectable with 80 % power at this n.
    fn sensitivity(&self, n_1: usize, n_2: usize) -> Option<f64> {
        let sizes = if self.test.is_paired() {
            Sizes::Equal {
                design: PowerDesign::Paired,
                n: n_1 as f64,
            }
        } else {
            Sizes::Unequal {
                n1: n_1 as f64,
                n2: n_2 as f64,
            }
        };
        power::calculate(&Query {
            sizes,
            alternative: self.options.alternative,
            d: f64::NAN,
            alpha: self.options.alpha,
            power: SENSITIVITY_POWER,
            solve_for: SolveFor::D,
        })
        .ok()
    }

    /// Small samples, strong skew and (Student's test) unequal SDs.
    fn assumption_notes(&self, result: &mut ItemResult) {
        let n_min = result.n_1.min(result.n_2);
        if n_min < SMALL_N {
            result.notes.push(AssumptionNote::SmallN { n: n_min });
        }
        if self.test.is_paired() {
            let diffs: Vec<f64> = self
                .second
                .iter()
                .zip(self.first)
                .map(|(b, a)| b - a)
                .collect();
            if let Some(s) = skewness(&diffs).filter(|s| s.abs() >= STRONG_SKEW) {
                result.notes.push(AssumptionNote::Skew {
                    which: 2,
                    skewness: s,
                });
            }
        } else {
            for (which, v) in [(0u8, self.first), (1u8, self.second)] {
                if let Some(s) = skewness(v).filter(|s| s.abs() >= STRONG_SKEW) {
                    result
                        .notes
                        .push(AssumptionNote::Skew { which, skewness: s });
                }
            }
        }
        if self.test == TestUsed::Student {
            let (a, b) = (result.sd_1.max(result.sd_2), result.sd_1.min(result.sd_2));
            if b > 0.0 && a / b >= UNEQUAL_SD_RATIO {
                result
                    .notes
                    .push(AssumptionNote::UnequalVariances { ratio: a / b });
            }
        }
    }
}

/// Reader notes that need attention plus excluded items and assumption notes, as warnings.
fn collect_warnings(survey: &Survey, blocks: &[Block]) -> Vec<Warning> {
    let mut out = Vec::new();
    // One warning per kind of reader note, with its count and first cells.
    let mut counts: Vec<(NoteKind, usize, Vec<String>)> = Vec::new();
    for note in &survey.notes {
        if note.kind.is_warning() {
            let cell = format!("{}!{}", note.sheet, note.cell);
            match counts.iter_mut().find(|(k, _, _)| *k == note.kind) {
                Some((_, c, cells)) => {
                    *c += 1;
                    if cells.len() < GROUPED_PLACES {
                        cells.push(cell);
                    }
                }
                None => counts.push((note.kind, 1, vec![cell])),
            }
        }
    }
    for (kind, count, cells) in counts {
        let (en, ja) = words::both(|lang| {
            AnalysisText::ReaderNotes {
                what: kind.describe(lang),
                count,
                cells: &list(lang, Sep::Comma, &cells, count > cells.len()),
            }
            .text(lang)
        });
        out.push(Warning {
            by: None,
            item: None,
            en,
            ja,
            kind: None,
        });
    }
    for block in blocks {
        let scope_of = |lang: Lang| {
            block
                .by
                .as_ref()
                .map(|b| format!("[{}] ", by_label(b, lang)))
                .unwrap_or_default()
        };
        for item in &block.items {
            if let Some(ex) = &item.excluded {
                let (en, ja) = words::both(|lang| {
                    AnalysisText::NotTested {
                        scope: &scope_of(lang),
                        item: &item.item,
                        reason: &ex.message(lang),
                    }
                    .text(lang)
                });
                out.push(Warning {
                    by: block.by.clone(),
                    item: Some(item.item.clone()),
                    en,
                    ja,
                    kind: Some(words::both(|lang| {
                        AnalysisWord::NotTestedKind.get(lang).to_string()
                    })),
                });
            }
            for note in &item.notes {
                let (en, ja) = words::both(|lang| {
                    format!(
                        "{}{}: {}",
                        scope_of(lang),
                        item.item,
                        note.message(lang, &survey.labels)
                    )
                });
                out.push(Warning {
                    by: block.by.clone(),
                    item: Some(item.item.clone()),
                    en,
                    ja,
                    kind: Some(note.kind_words()),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
pub mod waves;
