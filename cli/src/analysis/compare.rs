//! A comparison group (`--compare COLUMN[=LEVEL]`, issue 14.3): does the change from the first to
//! the second condition differ between the staff who took part in an initiative and those who did
//! not?
//!
//! * Paired by ID: each respondent's change score (second − first) per item, and Welch's t-test of
//!   the participants' change scores against the others' ([`crate::stats::ttest::welch`]), with
//!   Hedges' g of the change scores (standardiser: the square root of the mean of the two groups'
//!   change-score variances, as `effectsize::hedges_g(pooled_sd = FALSE)`).
//! * Anonymous (independent samples): the difference in differences of the four group means,
//!   `(B₂ − B₁) − (A₂ − A₁)` (A = comparison group, B = participants, 1/2 = first/second
//!   condition), as a Welch linear contrast ([`crate::stats::contrast::welch_contrast`]). No
//!   standardised effect size is given: the four groups share no single SD.
//!
//! p-values are adjusted across items with `--adjust`. Orientation is always participants minus
//! comparison group, second minus first, so a positive `change_diff` means the participants'
//! answers rose more.
//!
//! No mathematics lives here: this module only picks the rows of each level and calls the engine.
//!
//! # Which level is the participants
//! Named with `--compare 受講=あり`, or read from labels whose meaning is plain (あり/なし,
//! はい/いいえ, 1/0, 参加/不参加, …); otherwise the run is refused with the option to add.
//!
//! # Refusals (exit 2)
//! The column must hold exactly two non-blank values over both conditions; each level needs at
//! least `--min-group` respondents in each condition (personal data rule); with pairs, a
//! respondent whose value differs between the two sheets is refused (listed by input row), since
//! whether that person took part is then unknown. Blank cells leave the respondent out of the
//! comparison only (counted and shown on the comparison sheet).

use crate::analysis::{AnalysisOptions, Effect, Warning};
use crate::lang::Lang;
use crate::stats::contrast::{welch_contrast, GroupStats};
use crate::stats::descriptive;
use crate::stats::effect_size;
use crate::stats::p_adjust;
use crate::stats::ttest::{self, TTestOptions};
use crate::stats::StatsError;
use crate::words::analysis::both;
use crate::words::compare::{CompareText, CompareWord};
use crate::words::{list, Sep};
use crate::workbook::Survey;

/// `--compare COLUMN` or `--compare COLUMN=LEVEL` (LEVEL: the participants' value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareSpec {
    /// Header of the column holding the two levels.
    pub column: String,
    /// The participants' level, when named.
    pub treated: Option<String>,
}

impl CompareSpec {
    /// Parses `受講` or `受講=あり` (also a full-width `＝`).
    ///
    /// # Errors
    /// [`CompareError`] for an empty column or level.
    pub fn parse(s: &str) -> Result<CompareSpec, CompareError> {
        let (column, treated) = match s.split_once(['=', '＝']) {
            Some((c, l)) => (c.trim(), Some(l.trim())),
            None => (s.trim(), None),
        };
        if column.is_empty() || treated.is_some_and(str::is_empty) {
            return Err(CompareError::both(|lang| {
                CompareText::BadSpec {
                    spec: s,
                    column: "受講",
                    level: "あり",
                }
                .text(lang)
            }));
        }
        Ok(CompareSpec {
            column: column.to_string(),
            treated: treated.map(str::to_string),
        })
    }
}

/// Why a comparison cannot be made: a bilingual message that names the levels, their counts and
/// the option that resolves it. The CLI exits with code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{en}")]
pub struct CompareError {
    /// English text.
    pub en: String,
    /// Japanese text.
    pub ja: String,
}

impl CompareError {
    /// The error whose text in each language is `text(lang)`.
    fn both(text: impl Fn(Lang) -> String) -> CompareError {
        let (en, ja) = both(text);
        CompareError { en, ja }
    }
}

/// Which test the comparison uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareMethod {
    /// Welch's t-test on the change scores of paired respondents.
    WelchChangeScores,
    /// Difference in differences of four independent group means (Welch contrast).
    DifferenceInDifferences,
}

impl CompareMethod {
    /// JSON key: `welch_change_scores` or `difference_in_differences`.
    pub fn key(self) -> &'static str {
        match self {
            CompareMethod::WelchChangeScores => "welch_change_scores",
            CompareMethod::DifferenceInDifferences => "difference_in_differences",
        }
    }
}

/// The two levels of the comparison column, found in the survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    /// Header of the column.
    pub column: String,
    /// `[comparison group, participants]`.
    pub levels: [String; 2],
    /// How the participants' level was decided, `(en, ja)`.
    pub evidence: (String, String),
    /// Level (0 = comparison group, 1 = participants) of each row of `survey.first`; `None` for
    /// a blank cell (left out of the comparison).
    pub first: Vec<Option<u8>>,
    /// The same for `survey.second` (paired: the pair's level, identical to `first`).
    pub second: Vec<Option<u8>>,
    /// Respondents left out for a blank cell (paired: pairs; otherwise rows of both conditions).
    pub blank: usize,
    /// Respondents per level and condition, `[level][condition]` (paired: pairs, both entries).
    pub counts: [[usize; 2]; 2],
}

/// Labels read as "took part" / "did not", normalised (half-width, lower case, no spaces).
const PLAIN_PAIRS: &[(&str, &str)] = &[
    ("あり", "なし"),
    ("有り", "無し"),
    ("有", "無"),
    ("はい", "いいえ"),
    ("1", "0"),
    ("参加", "不参加"),
    ("受講", "未受講"),
    ("受講済", "未受講"),
    ("受講済み", "未受講"),
    ("済", "未"),
    ("実施", "未実施"),
    ("対象", "対象外"),
    ("yes", "no"),
    ("y", "n"),
    ("true", "false"),
    ("○", "×"),
    ("〇", "×"),
];

fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// Takes the comparison column out of `survey` (read as its `--by` column) and checks it.
///
/// The survey's breakdown is cleared: the rest of the analysis runs on the whole sample.
///
/// # Errors
/// [`CompareError`] for anything but two levels, a level below `min_group` in a condition, a
/// participants' level that is not certain, or (paired) a respondent whose level differs between
/// the two conditions.
pub fn take_levels(
    survey: &mut Survey,
    spec: &CompareSpec,
    min_group: usize,
) -> Result<Levels, CompareError> {
    let column = survey
        .by_column
        .take()
        .unwrap_or_else(|| spec.column.clone());
    let by_first = std::mem::take(&mut survey.first.by);
    let by_second = std::mem::take(&mut survey.second.by);
    let value = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let first: Vec<Option<String>> = by_first.iter().map(value).collect();
    let second: Vec<Option<String>> = by_second.iter().map(value).collect();

    let seen = distinct_values(&first, &second);
    if seen.len() != 2 {
        return Err(CompareError::both(|lang| {
            let values = if seen.is_empty() {
                CompareWord::NoValues.get(lang).to_string()
            } else {
                listing(&seen, lang)
            };
            CompareText::NotTwoValues {
                column: &column,
                found: seen.len(),
                values: &values,
            }
            .text(lang)
        }));
    }
    let (treated, evidence) = participants(&column, spec, &seen)?;
    let [a, b] = [&seen[0].0, &seen[1].0];
    let control = if treated == *a { b.clone() } else { a.clone() };
    let level = |v: &Option<String>| v.as_ref().map(|v| u8::from(*v == treated));
    let mut assigned = Assigned {
        first: first.iter().map(level).collect(),
        second: second.iter().map(level).collect(),
        blank: 0,
        counts: [[0; 2]; 2],
    };
    if survey.paired {
        assigned.pair_levels(survey, &column, &first, &second)?;
    } else {
        assigned.count_independent();
    }
    let levels = [control, treated];
    check_group_sizes(survey, &column, &levels, &assigned.counts, min_group)?;
    survey.plan.add(
        crate::workbook::PlanTopic::CompareColumn,
        None,
        evidence.0.clone(),
        evidence.1.clone(),
    );
    Ok(Levels {
        column,
        levels,
        evidence,
        first: assigned.first,
        second: assigned.second,
        blank: assigned.blank,
        counts: assigned.counts,
    })
}

/// Distinct non-blank values of both conditions with their counts, in order of first appearance.
fn distinct_values(first: &[Option<String>], second: &[Option<String>]) -> Vec<(String, usize)> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for v in first.iter().chain(second).flatten() {
        match seen.iter_mut().find(|(s, _)| s == v) {
            Some((_, c)) => *c += 1,
            None => seen.push((v.clone(), 1)),
        }
    }
    seen
}

/// `あり (16), なし (16)` / `あり（16 件）、なし（16 件）`.
fn listing(seen: &[(String, usize)], lang: Lang) -> String {
    let parts: Vec<String> = seen
        .iter()
        .map(|(value, count)| {
            CompareText::ValueCount {
                value,
                count: *count,
            }
            .text(lang)
        })
        .collect();
    list(lang, Sep::Comma, &parts, false)
}

/// Which of the two values in `seen` is the participants, and how that was decided `(en, ja)`:
/// named with `--compare COLUMN=LEVEL`, or read from plain labels ([`PLAIN_PAIRS`]).
fn participants(
    column: &str,
    spec: &CompareSpec,
    seen: &[(String, usize)],
) -> Result<(String, (String, String)), CompareError> {
    let [a, b] = [&seen[0].0, &seen[1].0];
    if let Some(named) = &spec.treated {
        let hit = [a, b]
            .into_iter()
            .find(|v| *v == named || normalize(v) == normalize(named));
        return match hit {
            Some(value) => Ok((
                value.clone(),
                both(|lang| {
                    CompareText::NamedParticipants {
                        column,
                        value,
                        named,
                    }
                    .text(lang)
                }),
            )),
            None => Err(CompareError::both(|lang| {
                CompareText::NotAValue {
                    column,
                    named,
                    values: &listing(seen, lang),
                    a,
                    b,
                }
                .text(lang)
            })),
        };
    }
    let (na, nb) = (normalize(a), normalize(b));
    let found = PLAIN_PAIRS.iter().find_map(|&(yes, no)| {
        if na == yes && nb == no {
            Some((a, b))
        } else if nb == yes && na == no {
            Some((b, a))
        } else {
            None
        }
    });
    match found {
        Some((yes, no)) => Ok((
            yes.clone(),
            both(|lang| CompareText::ReadParticipants { column, yes, no }.text(lang)),
        )),
        None => Err(CompareError::both(|lang| {
            CompareText::CannotTell {
                column,
                values: &listing(seen, lang),
                a,
                b,
            }
            .text(lang)
        })),
    }
}

/// The level of every row of both conditions, and the counts ([`Levels`]' fields).
struct Assigned {
    first: Vec<Option<u8>>,
    second: Vec<Option<u8>>,
    blank: usize,
    counts: [[usize; 2]; 2],
}

/// Most respondents whose level changed between the sheets named in the refusal.
const CHANGED_SHOWN: usize = 5;

impl Assigned {
    /// Paired: a pair's level is the value of either sheet (one may be blank); a respondent
    /// whose values differ is refused, with the first [`CHANGED_SHOWN`] of them listed.
    fn pair_levels(
        &mut self,
        survey: &Survey,
        column: &str,
        first: &[Option<String>],
        second: &[Option<String>],
    ) -> Result<(), CompareError> {
        let mut changed: Vec<(u32, u32, String, String)> = Vec::new();
        for i in 0..self.first.len() {
            let l = match (self.first[i], self.second[i]) {
                (Some(x), Some(y)) if x != y => {
                    changed.push((
                        survey.first.rows.get(i).copied().unwrap_or(0),
                        survey.second.rows.get(i).copied().unwrap_or(0),
                        first[i].clone().unwrap_or_default(),
                        second[i].clone().unwrap_or_default(),
                    ));
                    None
                }
                (x, y) => x.or(y),
            };
            self.first[i] = l;
            self.second[i] = l;
            match l {
                Some(k) => {
                    self.counts[usize::from(k)][0] += 1;
                    self.counts[usize::from(k)][1] += 1;
                }
                None => self.blank += 1,
            }
        }
        if changed.is_empty() {
            return Ok(());
        }
        let (s1, s2) = (&survey.first.sheet, &survey.second.sheet);
        Err(CompareError::both(|lang| {
            let rows: Vec<String> = changed
                .iter()
                .take(CHANGED_SHOWN)
                .map(|(r1, r2, v1, v2)| {
                    CompareText::ChangedRow {
                        s1,
                        r1: *r1,
                        v1,
                        s2,
                        r2: *r2,
                        v2,
                    }
                    .text(lang)
                })
                .collect();
            CompareText::Changed {
                column,
                count: changed.len(),
                rows: &list(lang, Sep::Semicolon, &rows, changed.len() > CHANGED_SHOWN),
            }
            .text(lang)
        }))
    }

    /// Independent samples: counts per level and condition.
    fn count_independent(&mut self) {
        for (side, ls) in [(0usize, &self.first), (1usize, &self.second)] {
            for l in ls {
                match l {
                    Some(k) => self.counts[usize::from(*k)][side] += 1,
                    None => self.blank += 1,
                }
            }
        }
    }
}

/// Refuses a level with fewer than `min_group` respondents in a condition.
fn check_group_sizes(
    survey: &Survey,
    column: &str,
    levels: &[String; 2],
    counts: &[[usize; 2]; 2],
    min_group: usize,
) -> Result<(), CompareError> {
    if counts.iter().flatten().all(|&n| n >= min_group) {
        return Ok(());
    }
    let [c0, c1] = [&survey.labels[0], &survey.labels[1]];
    Err(CompareError::both(|lang| {
        let parts: Vec<String> = (0..2)
            .map(|l| {
                let value = &levels[l];
                if survey.paired {
                    CompareText::LevelPairs {
                        value,
                        n: counts[l][0],
                    }
                    .text(lang)
                } else {
                    CompareText::LevelPerCondition {
                        value,
                        c0,
                        n0: counts[l][0],
                        c1,
                        n1: counts[l][1],
                    }
                    .text(lang)
                }
            })
            .collect();
        CompareText::SmallGroup {
            column,
            min_group,
            counts: &list(lang, Sep::Semicolon, &parts, false),
        }
        .text(lang)
    }))
}

/// Why an item has no comparison result.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareExclusion {
    /// After leaving out missing answers, a group is smaller than `--min-group`: nothing of the
    /// item's comparison is shown.
    Small {
        /// Smallest group.
        n: usize,
        /// `--min-group`.
        min_group: usize,
    },
    /// The engine could not compute the test (for example: no variation at all).
    Failed(StatsError),
}

/// The comparison for one item. Index `[level]` is `[comparison group, participants]`;
/// `[level][condition]` adds first/second condition.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareItem {
    /// Item name.
    pub item: String,
    /// Respondents with a valid answer (paired: complete pairs, both entries).
    pub n: [[usize; 2]; 2],
    /// Means.
    pub mean: [[f64; 2]; 2],
    /// SDs (n − 1).
    pub sd: [[f64; 2]; 2],
    /// Change second − first per level (paired: mean change score).
    pub change: [f64; 2],
    /// Paired only: SD of the change scores per level (NaN otherwise).
    pub change_sd: [f64; 2],
    /// Participants' change − comparison group's change.
    pub change_diff: f64,
    /// Lower confidence limit of `change_diff`.
    pub conf_low: f64,
    /// Upper confidence limit.
    pub conf_high: f64,
    /// Standard error of `change_diff`.
    pub std_err: f64,
    /// t.
    pub statistic: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// p for the chosen alternative.
    pub p_value: f64,
    /// p adjusted across items (`--adjust`).
    pub p_adjusted: f64,
    /// Paired only: Hedges' g of the change scores (average-variance standardiser).
    pub g: Option<Effect>,
    /// Why there is no result; `None` when compared.
    pub excluded: Option<CompareExclusion>,
}

impl CompareItem {
    /// `true` when compared and the adjusted p is below `alpha`.
    pub fn significant(&self, alpha: f64) -> bool {
        self.excluded.is_none() && self.p_adjusted < alpha
    }
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The levels and how they were read.
    pub levels: Levels,
    /// The test used.
    pub method: CompareMethod,
    /// One result per item, in item order.
    pub items: Vec<CompareItem>,
}

impl Comparison {
    /// Warnings for the terminal and `--strict`: respondents left out for a blank value, and
    /// items not compared.
    pub fn warnings(&self) -> Vec<Warning> {
        let col = &self.levels.column;
        let mut out = Vec::new();
        if self.levels.blank > 0 {
            let n = self.levels.blank;
            let (en, ja) = both(|lang| CompareText::BlankLeftOut { column: col, n }.text(lang));
            out.push(Warning {
                by: None,
                item: None,
                en,
                ja,
                kind: None,
            });
        }
        for it in &self.items {
            if let Some(ex) = &it.excluded {
                let (en, ja) = both(|lang| format!("{}: {}", it.item, ex.message(lang)));
                out.push(Warning {
                    by: None,
                    item: Some(it.item.clone()),
                    en,
                    ja,
                    kind: Some(both(|lang| {
                        CompareWord::NotComparedKind.get(lang).to_string()
                    })),
                });
            }
        }
        out
    }
}

const NAN2: [f64; 2] = [f64::NAN; 2];

/// Runs the comparison on every item of `survey` (see the module documentation).
///
/// # Errors
/// A p-value adjustment failure (not expected: every p is in [0, 1] or NaN).
pub fn compare(
    survey: &Survey,
    levels: Levels,
    options: &AnalysisOptions,
) -> Result<Comparison, StatsError> {
    let method = if survey.paired {
        CompareMethod::WelchChangeScores
    } else {
        CompareMethod::DifferenceInDifferences
    };
    let mut items: Vec<CompareItem> = survey
        .items
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let values = item_values(survey, &levels, k);
            compare_item(name, &values, survey.paired, options)
        })
        .collect();
    let p: Vec<f64> = items.iter().map(|i| i.p_value).collect();
    let adjusted = p_adjust::p_adjust(&p, options.adjust)?;
    for (it, q) in items.iter_mut().zip(adjusted) {
        it.p_adjusted = q;
    }
    Ok(Comparison {
        levels,
        method,
        items,
    })
}

/// The valid answers to item `k`, `[level][condition]` (paired: complete pairs only).
fn item_values(survey: &Survey, levels: &Levels, k: usize) -> [[Vec<f64>; 2]; 2] {
    let mut v: [[Vec<f64>; 2]; 2] = Default::default();
    if survey.paired {
        for (i, l) in levels.first.iter().enumerate() {
            let (x, y) = (survey.first.values[k][i], survey.second.values[k][i]);
            if let Some(l) = l {
                if !x.is_nan() && !y.is_nan() {
                    v[usize::from(*l)][0].push(x);
                    v[usize::from(*l)][1].push(y);
                }
            }
        }
    } else {
        for (side, (group, ls)) in [
            (&survey.first, &levels.first),
            (&survey.second, &levels.second),
        ]
        .into_iter()
        .enumerate()
        {
            for (i, l) in ls.iter().enumerate() {
                let x = group.values[k][i];
                if let Some(l) = l {
                    if !x.is_nan() {
                        v[usize::from(*l)][side].push(x);
                    }
                }
            }
        }
    }
    v
}

/// The estimate, its CI, standard error, t, df and p of one comparison.
type Outcome = (f64, f64, f64, f64, f64, f64, f64);

/// The comparison of one item on its values `v[level][condition]`.
fn compare_item(
    name: &str,
    v: &[[Vec<f64>; 2]; 2],
    paired: bool,
    options: &AnalysisOptions,
) -> CompareItem {
    let n = [
        [v[0][0].len(), v[0][1].len()],
        [v[1][0].len(), v[1][1].len()],
    ];
    let mut it = CompareItem {
        item: name.to_string(),
        n,
        mean: [NAN2; 2],
        sd: [NAN2; 2],
        change: NAN2,
        change_sd: NAN2,
        change_diff: f64::NAN,
        conf_low: f64::NAN,
        conf_high: f64::NAN,
        std_err: f64::NAN,
        statistic: f64::NAN,
        df: f64::NAN,
        p_value: f64::NAN,
        p_adjusted: f64::NAN,
        g: None,
        excluded: None,
    };
    let n_min = n.iter().flatten().copied().min().unwrap_or(0);
    // Every test needs two values per group; the personal-data rule needs --min-group.
    let floor = options.min_group.max(2);
    if n_min < floor {
        it.excluded = Some(CompareExclusion::Small {
            n: n_min,
            min_group: floor,
        });
        return it;
    }
    for (l, conditions) in v.iter().enumerate() {
        for (s, values) in conditions.iter().enumerate() {
            match descriptive::summarize(values, "group") {
                Ok(sm) => {
                    it.mean[l][s] = sm.mean;
                    it.sd[l][s] = sm.sd;
                }
                Err(e) => it.excluded = Some(CompareExclusion::Failed(e)),
            }
        }
    }
    if it.excluded.is_some() {
        return it;
    }
    let outcome = if paired {
        change_scores_test(&mut it, v, options)
    } else {
        difference_in_differences(&mut it, options)
    };
    match outcome {
        Ok((est, lo, hi, se, t, df, p)) => {
            it.change_diff = est;
            it.conf_low = lo;
            it.conf_high = hi;
            it.std_err = se;
            it.statistic = t;
            it.df = df;
            it.p_value = p;
        }
        Err(e) => it.excluded = Some(CompareExclusion::Failed(e)),
    }
    it
}

/// Paired: Welch's t-test of the participants' change scores against the comparison group's,
/// with Hedges' g; sets the mean change and its SD per level.
fn change_scores_test(
    it: &mut CompareItem,
    v: &[[Vec<f64>; 2]; 2],
    options: &AnalysisOptions,
) -> Result<Outcome, StatsError> {
    let changes: [Vec<f64>; 2] = [0, 1].map(|l| {
        v[l][1]
            .iter()
            .zip(&v[l][0])
            .map(|(after, before)| after - before)
            .collect()
    });
    for (l, ch) in changes.iter().enumerate() {
        if let Ok(sm) = descriptive::summarize(ch, "change") {
            it.change[l] = sm.mean;
            it.change_sd[l] = sm.sd;
        }
    }
    let t_options = TTestOptions {
        alternative: options.alternative,
        mu: 0.0,
        conf_level: options.conf_level,
    };
    // x − y: participants' change scores minus the comparison group's.
    ttest::welch(&changes[1], &changes[0], &t_options).map(|t| {
        it.g = effect_size::for_ttest(&t)
            .ok()
            .map(|dg| Effect::from(&dg.g));
        (
            t.estimate,
            t.conf_low,
            t.conf_high,
            t.std_err,
            t.statistic,
            t.df,
            t.p_value,
        )
    })
}

/// Anonymous: the difference in differences of the four group means as a Welch contrast; sets
/// the change per level.
fn difference_in_differences(
    it: &mut CompareItem,
    options: &AnalysisOptions,
) -> Result<Outcome, StatsError> {
    for l in 0..2 {
        it.change[l] = it.mean[l][1] - it.mean[l][0];
    }
    let g = |l: usize, s: usize| GroupStats {
        n: it.n[l][s] as f64,
        mean: it.mean[l][s],
        sd: it.sd[l][s],
    };
    // (B₂ − B₁) − (A₂ − A₁) over (A₁, A₂, B₁, B₂).
    welch_contrast(
        &[g(0, 0), g(0, 1), g(1, 0), g(1, 1)],
        &[1.0, -1.0, -1.0, 1.0],
        options.alternative,
        options.conf_level,
    )
    .map(|c| {
        (
            c.estimate,
            c.conf_low,
            c.conf_high,
            c.std_err,
            c.statistic,
            c.df,
            c.p_value,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_parses_column_and_level() {
        assert_eq!(
            CompareSpec::parse("受講").unwrap(),
            CompareSpec {
                column: "受講".into(),
                treated: None
            }
        );
        assert_eq!(
            CompareSpec::parse(" 受講 ＝ あり ")
                .unwrap()
                .treated
                .as_deref(),
            Some("あり")
        );
        assert!(CompareSpec::parse("受講=").is_err());
        assert!(CompareSpec::parse("=あり").is_err());
    }

    #[test]
    fn plain_labels_are_normalised() {
        assert_eq!(normalize("ＹＥＳ"), "yes");
        assert_eq!(normalize(" あり "), "あり");
        assert_eq!(normalize("１"), "1");
    }
}
