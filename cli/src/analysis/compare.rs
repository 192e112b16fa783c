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
            return Err(CompareError::new(
                format!("--compare {s:?}: write the column, optionally with the participants' value, e.g. --compare 受講 or --compare 受講=あり"),
                format!("--compare {s:?}: 列名を指定してください。参加した側の値も付けられます（例: --compare 受講、--compare 受講=あり）"),
            ));
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
    fn new(en: String, ja: String) -> CompareError {
        CompareError { en, ja }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ja)
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

    /// The method in words.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            CompareMethod::WelchChangeScores => lang.pick(
                "Welch's t-test on the change scores (second − first) of the same respondents",
                "同じ回答者の変化量（2 回目 − 1 回目）についての Welch の t 検定",
            ),
            CompareMethod::DifferenceInDifferences => lang.pick(
                "difference in differences of the four group means (Welch linear contrast, Welch–Satterthwaite df)",
                "4 つの群の平均による差の差（Welch 型の線形対比、Welch–Satterthwaite の自由度）",
            ),
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

    // Distinct values with their counts, in order of first appearance.
    let mut seen: Vec<(String, usize)> = Vec::new();
    for v in first.iter().chain(&second).flatten() {
        match seen.iter_mut().find(|(s, _)| s == v) {
            Some((_, c)) => *c += 1,
            None => seen.push((v.clone(), 1)),
        }
    }
    let listing = |lang: Lang| {
        seen.iter()
            .map(|(v, c)| match lang {
                Lang::En => format!("{v} ({c})"),
                Lang::Ja => format!("{v}（{c} 件）"),
            })
            .collect::<Vec<_>>()
            .join(lang.pick(", ", "、"))
    };
    if seen.len() != 2 {
        return Err(CompareError::new(
            format!(
                "--compare {column}: the column must hold exactly two values (participants and the comparison group) but holds {}: {}; merge or recode the values in the workbook so that two remain",
                seen.len(),
                if seen.is_empty() { "none".to_string() } else { listing(Lang::En) }
            ),
            format!(
                "--compare {column}: この列には参加した群と比較対照群の 2 つの値だけが必要ですが、{} 種類の値があります（{}）。ブックで値を 2 つにまとめてから、もう一度実行してください",
                seen.len(),
                if seen.is_empty() { "なし".to_string() } else { listing(Lang::Ja) }
            ),
        ));
    }
    let (a, b) = (seen[0].0.clone(), seen[1].0.clone());

    // Which level is the participants.
    let (treated, evidence) = match &spec.treated {
        Some(t) => {
            let hit = [&a, &b]
                .into_iter()
                .find(|v| *v == t || normalize(v) == normalize(t));
            match hit {
                Some(v) => (
                    v.clone(),
                    (
                        format!("Participants: {column} = {v}, as named by --compare {column}={t}"),
                        format!("参加した群: 「{column}」が「{v}」（--compare {column}={t} の指定による）"),
                    ),
                ),
                None => {
                    return Err(CompareError::new(
                        format!(
                            "--compare {column}={t}: {t} is not a value of the column {column}, which holds {}; write --compare {column}={a} or --compare {column}={b}",
                            listing(Lang::En)
                        ),
                        format!(
                            "--compare {column}={t}: 列「{column}」に「{t}」という値はありません（値: {}）。--compare {column}={a} または --compare {column}={b} と指定してください",
                            listing(Lang::Ja)
                        ),
                    ))
                }
            }
        }
        None => {
            let (na, nb) = (normalize(&a), normalize(&b));
            let found = PLAIN_PAIRS.iter().find_map(|&(yes, no)| {
                if na == yes && nb == no {
                    Some((a.clone(), b.clone()))
                } else if nb == yes && na == no {
                    Some((b.clone(), a.clone()))
                } else {
                    None
                }
            });
            match found {
                Some((yes, no)) => (
                    yes.clone(),
                    (
                        format!("Participants: {column} = {yes} (the values {yes}/{no} read as yes/no); --compare {column}={no} names the other value"),
                        format!("参加した群: 「{column}」が「{yes}」（値「{yes}」「{no}」を「はい」「いいえ」と読み取り。逆の場合は --compare {column}={no} と指定）"),
                    ),
                ),
                None => {
                    return Err(CompareError::new(
                        format!(
                            "--compare {column}: cannot tell which value is the participants ({}); name it: --compare {column}={a} or --compare {column}={b}",
                            listing(Lang::En)
                        ),
                        format!(
                            "--compare {column}: どちらの値が参加した群か判断できません（{}）。--compare {column}={a} または --compare {column}={b} のように指定してください",
                            listing(Lang::Ja)
                        ),
                    ))
                }
            }
        }
    };
    let control = if treated == a { b } else { a };
    let level = |v: &Option<String>| v.as_ref().map(|v| u8::from(*v == treated));

    let mut lf: Vec<Option<u8>> = first.iter().map(level).collect();
    let mut ls: Vec<Option<u8>> = second.iter().map(level).collect();
    let mut blank = 0;
    let mut counts = [[0usize; 2]; 2];
    if survey.paired {
        // A pair's level: the value of either sheet (one may be blank); differing values refused.
        let mut changed: Vec<(u32, u32, String, String)> = Vec::new();
        for i in 0..lf.len() {
            let l = match (lf[i], ls[i]) {
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
            lf[i] = l;
            ls[i] = l;
            match l {
                Some(k) => {
                    counts[usize::from(k)][0] += 1;
                    counts[usize::from(k)][1] += 1;
                }
                None => blank += 1,
            }
        }
        if !changed.is_empty() {
            let (s1, s2) = (survey.first.sheet.clone(), survey.second.sheet.clone());
            let shown = |lang: Lang| {
                changed
                    .iter()
                    .take(5)
                    .map(|(r1, r2, v1, v2)| match lang {
                        Lang::En => format!("{s1} row {r1} {v1} → {s2} row {r2} {v2}"),
                        Lang::Ja => format!("「{s1}」{r1} 行目「{v1}」→「{s2}」{r2} 行目「{v2}」"),
                    })
                    .collect::<Vec<_>>()
                    .join(lang.pick("; ", "、"))
                    + if changed.len() > 5 {
                        lang.pick("; …", "、…")
                    } else {
                        ""
                    }
            };
            return Err(CompareError::new(
                format!(
                    "--compare {column}: {} respondent(s) have a different {column} on the two sheets ({}), so whether they took part is unknown; correct {column} in the workbook so that each person has one value (the same on both sheets, or blank on one of them)",
                    changed.len(),
                    shown(Lang::En)
                ),
                format!(
                    "--compare {column}: {} 人の回答者で、2 つのシートの「{column}」の値が異なり、参加したかどうかが判断できません（{}）。ブックの「{column}」を、1 人につき 1 つの値になるよう（両方のシートで同じ値、または片方を空欄に）修正してください",
                    changed.len(),
                    shown(Lang::Ja)
                ),
            ));
        }
    } else {
        for (side, ls) in [(0usize, &lf), (1usize, &ls)] {
            for l in ls {
                match l {
                    Some(k) => counts[usize::from(*k)][side] += 1,
                    None => blank += 1,
                }
            }
        }
    }
    let levels = [control, treated];
    let [c0, c1] = [&survey.labels[0], &survey.labels[1]];
    let small: Vec<(usize, usize)> = (0..2)
        .flat_map(|l| (0..2).map(move |s| (l, s)))
        .filter(|&(l, s)| counts[l][s] < min_group)
        .collect();
    if !small.is_empty() {
        let level_counts = |lang: Lang| {
            (0..2)
                .map(|l| {
                    let v = &levels[l];
                    match (lang, survey.paired) {
                        (Lang::En, true) => format!("{v}: {} pairs", counts[l][0]),
                        (Lang::Ja, true) => format!("「{v}」{} 人", counts[l][0]),
                        (Lang::En, false) => {
                            format!("{v}: {c0} {}, {c1} {}", counts[l][0], counts[l][1])
                        }
                        (Lang::Ja, false) => {
                            format!("「{v}」{c0} {} 人・{c1} {} 人", counts[l][0], counts[l][1])
                        }
                    }
                })
                .collect::<Vec<_>>()
                .join(lang.pick("; ", "、"))
        };
        return Err(CompareError::new(
            format!(
                "--compare {column}: a group has fewer respondents than --min-group {min_group} ({}); groups this small are not reported, to protect personal data. Compare larger groups, or lower --min-group only if such small groups may be shown",
                level_counts(Lang::En)
            ),
            format!(
                "--compare {column}: 回答者が --min-group の {min_group} 人に満たない群があります（{}）。個人が特定されるおそれがあるため、このような小さな群は集計しません。より大きな群で比較するか、小さな群を示してよい場合に限り --min-group を下げてください",
                level_counts(Lang::Ja)
            ),
        ));
    }
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
        first: lf,
        second: ls,
        blank,
        counts,
    })
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

impl CompareExclusion {
    /// Explanation in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CompareExclusion::Small { n, min_group } => match lang {
                Lang::En => format!("not compared: a group has {n} valid answers, fewer than --min-group {min_group} (not shown, to protect personal data)"),
                Lang::Ja => format!("比較していません: 有効な回答が {n} 人の群があり、--min-group の {min_group} 人未満のため表示しません（個人情報の保護）"),
            },
            CompareExclusion::Failed(e) => e.message(lang),
        }
    }
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
            out.push(Warning {
                by: None,
                item: None,
                en: format!("--compare {col}: {n} respondent(s) with a blank {col} left out of the comparison (still counted in the whole sample)"),
                ja: format!("--compare {col}: 「{col}」が空欄の回答者 {n} 人は比較から除外しました（全体の集計には含めています）"),
                kind: None,
            });
        }
        for it in &self.items {
            if let Some(ex) = &it.excluded {
                out.push(Warning {
                    by: None,
                    item: Some(it.item.clone()),
                    en: format!("{}: {}", it.item, ex.message(Lang::En)),
                    ja: format!("{}: {}", it.item, ex.message(Lang::Ja)),
                    kind: Some((
                        "not compared with the comparison group (reasons on the comparison sheet)"
                            .into(),
                        "比較対照群と比較できなかった設問（理由は比較対照群シートを参照）".into(),
                    )),
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
    let t_options = TTestOptions {
        alternative: options.alternative,
        mu: 0.0,
        conf_level: options.conf_level,
    };
    let mut items = Vec::with_capacity(survey.items.len());
    for (k, name) in survey.items.iter().enumerate() {
        // values[level][condition]
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
        let n = [
            [v[0][0].len(), v[0][1].len()],
            [v[1][0].len(), v[1][1].len()],
        ];
        let mut it = CompareItem {
            item: name.clone(),
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
            items.push(it);
            continue;
        }
        let mut stats = [[None; 2]; 2];
        for l in 0..2 {
            for s in 0..2 {
                match descriptive::summarize(&v[l][s], "group") {
                    Ok(sm) => {
                        it.mean[l][s] = sm.mean;
                        it.sd[l][s] = sm.sd;
                        stats[l][s] = Some(sm);
                    }
                    Err(e) => it.excluded = Some(CompareExclusion::Failed(e)),
                }
            }
        }
        if it.excluded.is_some() {
            items.push(it);
            continue;
        }
        let outcome = if survey.paired {
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
        } else {
            for l in 0..2 {
                it.change[l] = it.mean[l][1] - it.mean[l][0];
            }
            let g = |l: usize, s: usize| GroupStats {
                n: n[l][s] as f64,
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
        items.push(it);
    }
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
